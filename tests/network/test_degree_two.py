"""Degree 2: people you know who know someone there, and how they know them."""

from __future__ import annotations

from datetime import date

import pytest
from tests.network.warm_network import Network, names

from rapport.network import graph, paths
from rapport.network.explain import PathKind
from rapport.people.models import Person


def _bruno(net: Network) -> Person:
    """Someone the user talks to."""
    bruno = net.person("Bruno Lima")
    net.talk(bruno, on=date(2026, 11, 2), times=3)
    return bruno


def _carla(net: Network) -> Person:
    """A recruiter at Stripe the user has never talked to."""
    carla = net.person("Carla Dias")
    net.job(carla, "Stripe", "Recruiter")
    return carla


def _through_bruno(net: Network) -> tuple[str, str]:
    paths = [p for p in net.paths("Stripe") if p.degree == 2]
    assert [[p.full_name for p in path.people] for path in paths] == [["Bruno Lima", "Carla Dias"]]
    return paths[0].kind, paths[0].explanation


def test_an_introduction_makes_a_degree_two_path(net: Network) -> None:
    bruno, carla = _bruno(net), _carla(net)
    net.introduce(bruno, carla)

    kind, explanation = _through_bruno(net)

    assert kind == PathKind.INTRODUCTION
    assert explanation == (
        "Bruno Lima knows Carla Dias, Recruiter at Stripe: Bruno introduced you to Carla. "
        "You talked to Bruno 3 times, last on 2 Nov; Bruno has introduced you to 1 person. "
        "Carla works in recruiting: ask how referrals work at Stripe."
    )


def test_an_introduction_the_other_way_round_counts_too(net: Network) -> None:
    bruno, carla = _bruno(net), _carla(net)
    net.introduce(carla, bruno)

    kind, explanation = _through_bruno(net)

    assert kind == PathKind.INTRODUCTION
    assert "Carla introduced you to Bruno" in explanation


def test_someone_who_introduced_you_to_a_person_there_makes_a_path(net: Network) -> None:
    bruno = _bruno(net)
    carla = net.person("Carla Dias", introduced_by=bruno)
    net.job(carla, "Stripe", "Recruiter")

    kind, explanation = _through_bruno(net)

    assert kind == PathKind.INTRODUCED_BY
    assert "Bruno introduced you to Carla" in explanation


def test_people_you_noted_know_each_other_make_a_path(net: Network) -> None:
    bruno, carla = _bruno(net), _carla(net)
    net.knows(carla, bruno, note="flatmates in Lisbon")

    kind, explanation = _through_bruno(net)

    assert kind == PathKind.ACQUAINTANCE
    assert "you noted that Bruno and Carla know each other (flatmates in Lisbon)" in explanation


def test_jobs_at_one_company_at_overlapping_times_make_a_colleague_path(net: Network) -> None:
    bruno, carla = _bruno(net), _carla(net)
    net.job(bruno, "Nubank", "Analyst", start=date(2017, 1, 1), end=date(2020, 3, 1))
    net.job(carla, "Nubank", "HR", start=date(2018, 6, 1), end=date(2022, 1, 1))

    kind, explanation = _through_bruno(net)

    assert kind == PathKind.COLLEAGUE
    assert "Bruno and Carla worked together at Nubank (2018-2020)" in explanation


def test_jobs_at_one_company_at_different_times_make_no_path(net: Network) -> None:
    bruno, carla = _bruno(net), _carla(net)
    net.job(bruno, "Nubank", start=date(2012, 1, 1), end=date(2014, 3, 1))
    net.job(carla, "Nubank", start=date(2018, 6, 1), end=date(2022, 1, 1))

    assert [p.degree for p in net.paths("Stripe")] == [1]


def test_a_former_employee_who_worked_with_someone_there_is_a_path(net: Network) -> None:
    bruno, carla = _bruno(net), _carla(net)
    net.job(bruno, "Stripe", "Engineer", start=date(2015, 1, 1), end=date(2020, 1, 1))
    net.job(carla, "Stripe", "Recruiter", start=date(2016, 1, 1), end=None)
    carla.employments.filter(started_on__isnull=True).delete()

    kind, explanation = _through_bruno(net)

    assert kind == PathKind.COLLEAGUE
    assert "worked together at Stripe (2016-2020)" in explanation


def test_several_reasons_for_one_pair_make_one_path(net: Network) -> None:
    bruno, carla = _bruno(net), _carla(net)
    net.introduce(bruno, carla)
    net.knows(bruno, carla)

    kind, explanation = _through_bruno(net)

    assert kind == PathKind.INTRODUCTION
    assert "Bruno introduced you to Carla and you noted that" in explanation


def test_asking_someone_no_closer_than_the_person_there_is_no_path(net: Network) -> None:
    bruno = net.person("Bruno Lima")  # never talked to, like Carla
    carla = _carla(net)
    net.knows(bruno, carla)

    assert names(net.paths("Stripe")) == [["Carla Dias"]]


def test_someone_you_only_have_a_name_for_cannot_introduce_you(net: Network) -> None:
    ana = _bruno(net)
    bruno = net.person("Bruno Lima Jr", introduced_by=ana)  # a name Ana gave, never met
    carla = net.person("Carla Dias", introduced_by=bruno)
    net.job(carla, "Stripe", "Recruiter")

    assert ["Bruno Lima Jr", "Carla Dias"] not in names(net.paths("Stripe"))


def test_someone_who_works_there_is_not_asked_for_an_introduction(net: Network) -> None:
    bruno, carla = _bruno(net), _carla(net)
    net.job(bruno, "Stripe", "Engineer")
    net.knows(bruno, carla)

    assert names(net.paths("Stripe")) == [["Bruno Lima"], ["Carla Dias"]]


def test_colleague_ties_are_inferred_only_for_people_you_are_in_touch_with(
    net: Network,
) -> None:
    bruno = net.person("Bruno Lima")  # never talked to, not marked close
    ana = net.person("Ana Souza")
    net.talk(ana, on=date(2026, 11, 2))
    carla = net.person("Carla Dias", introduced_by=ana)  # only a name to the user
    net.job(carla, "Stripe", "Recruiter")
    net.job(bruno, "Nubank", start=date(2017, 1, 1), end=date(2020, 3, 1))
    net.job(carla, "Nubank", start=date(2018, 6, 1), end=date(2022, 1, 1))

    assert names(net.paths("Stripe")) == [["Ana Souza", "Carla Dias"]]


def test_colleague_ties_are_not_inferred_at_a_big_employer(
    net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graph, "BIG_EMPLOYER", 2)
    bruno, carla = _bruno(net), _carla(net)
    net.job(bruno, "Google", start=date(2017, 1, 1), end=date(2020, 3, 1))
    net.job(carla, "Google", start=date(2018, 6, 1), end=date(2022, 1, 1))
    net.job(net.person("Someone Else"), "Google", start=date(2018, 1, 1))

    assert [p.degree for p in net.paths("Stripe")] == [1]


def test_where_you_know_many_people_colleague_ties_are_inferred_for_key_people_only(
    net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "INFER_COLLEAGUES_FOR_ALL", 1)
    bruno, carla = _bruno(net), _carla(net)
    dora = net.person("Dora Reis")
    net.job(dora, "Stripe", "Designer")
    for person in (bruno, carla, dora):
        net.job(person, "Nubank", start=date(2018, 1, 1), end=date(2020, 1, 1))

    assert [p.people for p in net.paths("Stripe") if p.degree == 2] == [(bruno, carla)]
