"""What the Today page reads, on the database in use: the owner's rows only.

The method of tests/network/test_query_plans.py, with its helpers: on PostgreSQL every query
of Today computed anew is explained with ANALYZE (sequential scans discouraged, the tables
being small) and no scan may read more rows of a table than the owner has there after
another user's data grew tenfold; on SQLite no table is read whole. The number of queries
stays the same. (A career centre's Today once took seconds: whether the people at a target
were ever talked to was asked of every user's conversation participants.)
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.urls import reverse
from tests.network.bulk_network import grow
from tests.network.test_query_plans import (
    _analyze,
    _beyond_owners_rows,
    _full_scans,
    _owners_rows,
    _queries,
    _rows_read,
)

from rapport.accounts.models import User
from rapport.companies.models import Company, TargetStatus
from rapport.core.versions import cache_clear

PEOPLE = 300  # the owner's, and the other user's at first; then ten times as many


def _targets(user: User) -> None:
    """A third of the user's companies are targets: Today shows who works there."""
    companies = Company.objects.filter(owner=user).order_by("pk")
    Company.objects.filter(pk__in=list(companies.values_list("pk", flat=True)[::3])).update(
        target_status=TargetStatus.TARGET
    )


def _reading_beyond(visit: Callable[[], None], owner: User) -> list[str]:
    """The queries that read more rows than the owner has, to say which."""
    mine = _owners_rows(owner)
    return [
        sql
        for sql in _queries(visit)
        if any(table in mine and rows > mine[table] for table, rows in _rows_read(sql).items())
    ]


def _today(client: Client) -> Callable[[], None]:
    def visit() -> None:
        cache_clear()  # what the page reads when computed, not kept from a visit before
        page = client.get(reverse("playbook:today"))
        assert page.status_code == 200

    return visit


def test_another_users_data_growing_tenfold_costs_today_nothing(
    owner: User, other: User, client_owner: Client
) -> None:
    for user, seed in ((owner, 1), (other, 2)):
        grow(user, people=PEOPLE, seed=seed)
        _targets(user)
    _analyze()
    visit = _today(client_owner)
    visit()  # sessions and the day's first look settle
    queries = len(_queries(visit))

    grow(other, people=9 * PEOPLE, seed=3)
    _targets(other)
    _analyze()

    assert len(_queries(visit)) == queries
    if connection.vendor == "postgresql":
        assert _beyond_owners_rows(visit, owner) == {}, _reading_beyond(visit, owner)
    else:
        assert {scan for sql in _queries(visit) for scan in _full_scans(sql)} == set()
