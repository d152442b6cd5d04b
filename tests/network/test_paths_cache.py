"""Warm paths are kept by the owner's data version: asked again, they are not searched again,
and any change to what the search reads is in the next answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.network.warm_network import Network, names

from rapport.imports.models import Position
from rapport.network.services import introduction_request_record
from rapport.people.models import Person


def _world(net: Network) -> tuple[Person, Person]:
    """Bruno, whom the user talks to, knows Carla, a recruiter at Stripe."""
    bruno = net.person("Bruno Lima")
    net.talk(bruno, on=date(2026, 11, 2), times=3)
    carla = net.person("Carla Dias")
    net.job(carla, "Stripe", "Recruiter")
    net.introduce(bruno, carla)
    return bruno, carla


def test_asked_again_the_paths_are_not_searched_again(net: Network) -> None:
    _world(net)
    first = net.paths("Stripe")
    with CaptureQueriesContext(connection) as again:
        second = net.paths("Stripe")
    assert names(second) == names(first) == [["Bruno Lima", "Carla Dias"]]
    assert second.paths[0].explanation == first.paths[0].explanation
    searched = [q["sql"] for q in again if "people_person" in q["sql"]]
    assert searched == []


def test_asked_again_in_one_process_the_answer_is_the_very_same_object(net: Network) -> None:
    _world(net)
    first = net.paths("Stripe")
    assert net.paths("Stripe") is first


def test_other_limits_and_teams_are_answers_of_their_own(net: Network) -> None:
    _world(net)
    dan = net.person("Dan Ortiz", relationship="close")
    net.job(dan, "Stripe", "Data Engineer")
    assert names(net.paths("Stripe")) == [["Dan Ortiz"], ["Bruno Lima", "Carla Dias"]]
    assert names(net.paths("Stripe", limit=1)) == [["Dan Ortiz"]]
    assert names(net.paths("Stripe", keywords=["recruiter"]))[0] == ["Bruno Lima", "Carla Dias"]


def _acquaintance(net: Network) -> None:
    erin = net.person("Erin Moss", relationship="close")
    net.knows(erin, Person.objects.get(owner=net.owner, full_name="Carla Dias"))


def _own_job(net: Network) -> None:
    frank = Person.objects.get(owner=net.owner, full_name="Carla Dias")
    net.job(frank, "Globex", start=date(2019, 1, 1), end=date(2021, 1, 1))
    net.position("Globex", date(2018, 6, 1), date(2022, 1, 1))


def _ask(net: Network) -> None:
    introduction_request_record(
        owner=net.owner,
        introducer=Person.objects.get(owner=net.owner, full_name="Bruno Lima"),
        target=Person.objects.get(owner=net.owner, full_name="Carla Dias"),
        company=net.company("Stripe"),
        message="Could you introduce me?",
        asked_on=date(2026, 11, 10),
    )


def _answer(net: Network) -> list[tuple[list[str], str, date | None]]:
    """Every path, those folded under a better one to the same person too."""
    return [
        ([p.full_name for p in path.people], path.explanation, path.asked_on)
        for best in net.paths("Stripe")
        for path in (best, *best.others)
    ]


def _talk(net: Network) -> None:
    net.talk(Person.objects.get(owner=net.owner, full_name="Bruno Lima"), on=date(2026, 11, 15))


def _introduction(net: Network) -> None:
    gus = net.person("Gus Hale", relationship="close")
    net.introduce(gus, Person.objects.get(owner=net.owner, full_name="Carla Dias"))


def _closer(net: Network) -> None:
    Person.objects.filter(owner=net.owner, full_name="Bruno Lima").update(relationship="close")


CHANGES: dict[str, Callable[[Network], None]] = {
    "a conversation logged": _talk,
    "an acquaintance recorded": _acquaintance,
    "an introduction recorded": _introduction,
    "a tie marked close": _closer,
    "a job of the user's own": _own_job,
    "an introduction asked for": _ask,
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_what_the_search_reads_is_in_the_next_answer(net: Network, change: str) -> None:
    _world(net)
    before = _answer(net)
    CHANGES[change](net)
    after = _answer(net)
    assert after != before
    assert Position.objects.filter(owner=net.owner).count() == (change == "a job of the user's own")


def test_the_history_of_every_tie_is_read_once_per_data_version(net: Network) -> None:
    _world(net)
    dan = net.person("Dan Ortiz")
    net.job(dan, "Globex", "Engineer")
    net.lead(dan, "Initech")
    net.paths("Stripe")
    with CaptureQueriesContext(connection) as second:
        globex = net.paths("Globex")
    # Leads are read only with the whole network's history, kept from the first search
    assert [q for q in second if "opportunities_opportunity" in q["sql"]] == []
    assert "given you 1 lead" in globex.paths[0].explanation


def test_the_links_the_user_recorded_are_read_once_per_data_version(net: Network) -> None:
    bruno, _ = _world(net)
    dan = net.person("Dan Ortiz")
    net.job(dan, "Globex", "Engineer")
    net.knows(bruno, dan, note="climbing")
    net.paths("Stripe")
    with CaptureQueriesContext(connection) as second:
        globex = net.paths("Globex")
    # Introductions, acquaintances and relationships were read with the whole network
    read = [q["sql"] for q in second]
    assert [q for q in read if "introduction" in q or "acquaintance" in q] == []
    assert names(globex) == [["Bruno Lima", "Dan Ortiz"]]
    assert "(climbing)" in globex.paths[0].explanation
