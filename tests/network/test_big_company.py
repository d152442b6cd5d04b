"""A company where the user knows hundreds of people: only the best `limit` paths are put
into words, yet they and the total are what a full ranking would give."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.network.warm_network import Network, names

from rapport.companies.models import Employment
from rapport.people.models import Person

PEOPLE = 500


def _many_at(net: Network, company: str, count: int, *, prefix: str = "Person") -> list[Person]:
    """`count` people the user knows at `company`, in bulk (the services would take long)."""
    people = Person.objects.bulk_create(
        Person(owner=net.owner, full_name=f"{prefix} {i:03d}", first_name=prefix)
        for i in range(count)
    )
    place = net.company(company)
    titles = ["Engineer", "Designer", "Accountant"]
    Employment.objects.bulk_create(
        Employment(owner=net.owner, person=p, company=place, title=titles[i % 3])
        for i, p in enumerate(people)
    )
    return people


def _big_network(net: Network) -> None:
    people = _many_at(net, "Stripe", PEOPLE)
    net.talk(people[400], on=date(2026, 11, 2), times=3)
    net.talk(people[7], on=date(2024, 3, 5))
    net.job(net.person("Rita Recruiter"), "Stripe", "Technical Recruiter")
    bruno = net.person("Bruno Lima", relationship="close")
    net.knows(bruno, people[123])
    net.job(net.person("Old Timer"), "Stripe", "Engineer", end=date(2020, 1, 1))


def test_a_big_company_gives_the_best_paths_first_and_counts_them_all(net: Network) -> None:
    _big_network(net)

    everything = net.paths("Stripe", limit=1000)
    result = net.paths("Stripe", limit=10)

    # 501 people who work there and 1 alumnus, each once: Person 123 by Bruno (close), whom
    # they know, with the direct path to them folded under it
    assert result.total == everything.total == PEOPLE + 2
    assert len(everything) == PEOPLE + 2
    assert len(result) == 10
    assert names(result) == names(everything)[:10]
    assert [p.explanation for p in result] == [p.explanation for p in everything][:10]
    assert names(result)[:4] == [
        ["Person 400"],
        ["Bruno Lima", "Person 123"],
        ["Rita Recruiter"],
        ["Person 007"],
    ]
    assert [[p.full_name for p in other.people] for other in result.paths[1].others] == [
        ["Person 123"]
    ]
    scores = [path.score for path in everything]
    assert scores == sorted(scores, reverse=True)


def test_ties_break_by_name_among_hundreds_of_equal_paths(net: Network) -> None:
    _many_at(net, "Stripe", PEOPLE)

    result = net.paths("Stripe", keywords=["designer"], limit=5)

    # Designers are every third person, all with the same tie: alphabetical
    assert names(result) == [
        ["Person 001"],
        ["Person 004"],
        ["Person 007"],
        ["Person 010"],
        ["Person 013"],
    ]
    assert result.total == PEOPLE


def test_the_queries_do_not_grow_with_the_company(net: Network) -> None:
    _many_at(net, "Small", 5, prefix="Few")
    _many_at(net, "Stripe", PEOPLE)

    with CaptureQueriesContext(connection) as small:
        net.paths("Small")
    with CaptureQueriesContext(connection) as big:
        net.paths("Stripe")

    assert len(big) <= len(small)
