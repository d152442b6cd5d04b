"""What the people list reads, on the database in use: the owner's rows only.

The method of tests/network/test_query_plans.py, with its helpers: on PostgreSQL every query
of the list (computed anew: all of it, a search, a tag, a later page) is explained with
ANALYZE, sequential scans discouraged (the tables being small), and no scan may read more
rows of a table than the owner has there after another user's data grew tenfold; on SQLite
no table is read whole. The number of queries stays the same.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.test import Client
from django.urls import reverse
from tests.network.bulk_network import employer, grow
from tests.network.test_query_plans import (
    _analyze,
    _beyond_owners_rows,
    _full_scans,
    _queries,
    _rows_read,
)

from rapport.accounts.models import User
from rapport.conversations.models import Touch, TouchDirection
from rapport.core.versions import cache_clear, data_version_held
from rapport.people.models import Person, Tag

PEOPLE = 300  # the owner's, and the other user's at first; then ten times as many
MAILED = datetime(2026, 11, 1, tzinfo=UTC)
TAGS = ("mentor", "alumni", "Data & AI")
TAGS_TABLE = Person.tags.through._meta.db_table


def _world(user: User, people: int, seed: int) -> None:
    """`people` more people in the user's network, a third of them tagged, a quarter mailed."""
    grow(user, people=people, seed=seed)
    rng = random.Random(seed)
    made = list(Person.objects.filter(owner=user).order_by("-pk")[:people])
    with data_version_held(user.pk):
        for name in TAGS:
            Tag.objects.get_or_create(owner=user, name=name)
        tags = list(Tag.objects.filter(owner=user))
        Person.tags.through.objects.bulk_create(
            Person.tags.through(person_id=person.pk, tag_id=rng.choice(tags).pk)
            for person in made[::3]
        )
        Touch.objects.bulk_create(
            Touch(
                owner=user,
                person=person,
                occurred_at=MAILED - timedelta(hours=rng.randint(0, 9999)),
                direction=TouchDirection.SENT,
                key=f"mail-{person.pk}",
            )
            for person in made[::4]
        )


def _list_pages(client: Client) -> Callable[[], None]:
    """The list as a visitor sees it computed anew: everyone, a search by name and by
    employer, a tag, and a later page."""
    queries = [{}, {"q": "person"}, {"q": employer(3)}, {"tag": "mentor"}, {"page": "3"}]

    def visit() -> None:
        for query in queries:
            cache_clear()
            response = client.get(reverse("people:list"), query)
            assert response.status_code == 200
            assert response.context["people"]

    return visit


def _owners_tag_links(owner: User) -> int:
    return Person.tags.through.objects.filter(tag__owner=owner).count()


def _tag_links_read(visit: Callable[[], None]) -> float:
    """PostgreSQL: the most rows of the people-to-tags table one scan read."""
    reads = [_rows_read(sql).get(TAGS_TABLE, 0) for sql in _queries(visit)]
    return max(reads)


def test_another_users_data_growing_tenfold_costs_the_people_list_nothing(
    owner: User, other: User, client_owner: Client
) -> None:
    _world(owner, PEOPLE, 1)
    _world(other, PEOPLE, 2)
    _analyze()
    visit = _list_pages(client_owner)
    visit()  # sessions and the like settle
    queries = len(_queries(visit))

    _world(other, 9 * PEOPLE, 3)
    _analyze()

    assert len(_queries(visit)) == queries
    if connection.vendor == "postgresql":
        # No scan reads more rows than the owner has: none reads the other user's, who
        # now has ten times as many (the tags' links are counted through their tags).
        assert _beyond_owners_rows(visit, owner) == {}
        assert _tag_links_read(visit) <= _owners_tag_links(owner)
    else:
        assert {scan for sql in _queries(visit) for scan in _full_scans(sql)} == set()


def test_the_people_list_runs_as_many_queries_for_a_big_network_as_for_a_small_one(
    owner: User, client_owner: Client
) -> None:
    _world(owner, PEOPLE, 1)
    _analyze()
    visit = _list_pages(client_owner)
    visit()
    small = len(_queries(visit))

    _world(owner, 4 * PEOPLE, 4)
    _analyze()

    assert len(_queries(visit)) == small
