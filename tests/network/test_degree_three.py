"""Degree 3: one more hop, searched only when degrees 1 and 2 find nothing, and bounded."""

from __future__ import annotations

from datetime import date

import pytest
from tests.network.warm_network import Network, names

from rapport.network import paths as paths_module
from rapport.network.explain import PathKind
from rapport.people.models import Person


def _chain(net: Network) -> tuple[Person, Person, Person]:
    """Ana (a friend) gave the user Bruno's name; Bruno gave Carla's, a recruiter at Stripe.
    The user has talked to neither Bruno nor Carla."""
    ana = net.person("Ana Souza")
    net.talk(ana, on=date(2026, 11, 2))
    bruno = net.person("Bruno Lima", introduced_by=ana)
    carla = net.person("Carla Dias", introduced_by=bruno)
    net.job(carla, "Stripe", "Recruiter")
    return ana, bruno, carla


def test_degree_three_paths_appear_when_degrees_one_and_two_find_nothing(net: Network) -> None:
    _chain(net)

    result = net.paths("Stripe")

    assert names(result) == [["Ana Souza", "Bruno Lima", "Carla Dias"]]
    path = result.paths[0]
    assert (path.degree, path.kind) == (3, PathKind.CHAIN)
    assert path.explanation.startswith(
        "Ana Souza knows Bruno Lima (Ana introduced you to Bruno), who knows Carla Dias, "
        "Recruiter at Stripe (Bruno introduced you to Carla). You talked to Ana once, on 2 Nov; "
        "Ana has introduced you to 1 person."
    )
    assert "two introductions needed" in path.factors


def test_degree_three_is_not_searched_when_a_closer_path_exists(net: Network) -> None:
    _chain(net)
    dora = net.person("Dora Reis")
    net.job(dora, "Stripe", "Designer")

    assert names(net.paths("Stripe")) == [["Dora Reis"]]


def test_the_degree_three_search_expands_a_bounded_number_of_people(
    net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths_module, "DEGREE3_EXPANSIONS", 2)
    middles = []
    for n in range(4):
        friend = net.person(f"Friend {n}")
        net.talk(friend, on=date(2026, 11, 2))
        middles.append(net.person(f"Middle {n}", introduced_by=friend))
    # Carla is only a name, given by one of the middles; each middle knows her.
    carla = net.person("Carla Dias", introduced_by=middles[0])
    net.job(carla, "Stripe", "Recruiter")
    for middle in middles[1:]:
        net.knows(middle, carla)

    result = net.paths("Stripe")

    assert result.capped
    assert names(result) == [["Friend 0", "Middle 0", "Carla Dias"]]
    others = [[p.full_name for p in other.people] for other in result.paths[0].others]
    assert others == [["Friend 1", "Middle 1", "Carla Dias"]]


def test_a_search_within_its_bound_is_not_capped(net: Network) -> None:
    _chain(net)

    assert not net.paths("Stripe").capped
