"""What the company page and warm paths read, on the database in use.

In server mode many users share one database: a user's pages must cost the same whatever
the others store. On PostgreSQL, every query those pages run is explained with ANALYZE and
the rows its scans read are counted, before and after another user's data grows tenfold.
Tables this small (thousands of rows, where a server's hold hundreds of thousands) are read
whole whenever that is cheaper, so the plans are taken with sequential scans discouraged:
what is measured is that an index reaches the owner's rows without anyone else's (a query
that no index can serve, like the old `owner_id + 0`, is still read whole, and fails).
On SQLite (no statistics) every table is reached through an index, never scanned whole.
Both count the queries, which must not grow with the network either.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.network.bulk_network import employer, grow
from tests.network.warm_network import TODAY

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.core.versions import cache_clear
from rapport.network.selectors import warm_paths

PEOPLE = 400  # the owner's, and the other user's at first; then ten times as many


def _pages(client: Client, company: Company) -> Callable[[], None]:
    """The company's pages, and those of one where the user knows nobody (whom to ask)."""
    nowhere = Company.objects.get(owner=company.owner, name="Nowhere Labs")

    def visit() -> None:
        cache_clear()  # what the pages read when computed, not kept from a visit before
        for place in (company, nowhere):
            for name in ("companies:detail", "network:company_paths"):
                assert client.get(reverse(name, args=[place.pk])).status_code == 200
        assert warm_paths(owner=company.owner, company=company, today=TODAY).paths
        assert not warm_paths(owner=company.owner, company=nowhere, today=TODAY).paths

    return visit


def _queries(visit: Callable[[], None]) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        visit()
    return [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().startswith("SELECT")]


def _analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", ()):
        yield from _nodes(child)


def _rows_read(sql: str) -> dict[str, float]:
    """PostgreSQL: by table, the most rows one scan of it read (kept or filtered out) in
    one pass, to run `sql`."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        (found,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = on")
    plan = (json.loads(found) if isinstance(found, str) else found)[0]["Plan"]
    read: dict[str, float] = {}
    for node in _nodes(plan):
        if "Relation Name" in node:
            rows = (
                node["Actual Rows"]
                + node.get("Rows Removed by Filter", 0)
                + node.get("Rows Removed by Index Recheck", 0)
            )
            table = node["Relation Name"]
            read[table] = max(read.get(table, 0), rows)
    return read


def _owners_rows(owner: User) -> dict[str, int]:
    """PostgreSQL: how many rows of each table are the owner's (through their conversation,
    for the tables that link conversations to people and companies)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.columns"
            " WHERE column_name = 'owner_id' AND table_schema = current_schema()"
        )
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE owner_id = %s", [owner.pk])
            counts[table] = cursor.fetchone()[0]
        for through in ("participants", "companies"):
            table = f"conversations_conversation_{through}"
            cursor.execute(
                f"SELECT COUNT(*) FROM {table} x INNER JOIN conversations_conversation v"
                " ON x.conversation_id = v.id WHERE v.owner_id = %s",
                [owner.pk],
            )
            counts[table] = cursor.fetchone()[0]
    return counts


def _full_scans(sql: str) -> list[str]:
    """SQLite: the tables the plan of `sql` reads whole (tables only: "SCAN qualify" is the
    rows a window function numbered, a subquery's, not a table)."""
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        details = [row[-1] for row in cursor.fetchall()]
    scans = [d for d in details if re.match(r"SCAN (?!CONSTANT ROW|\()", d)]
    return [scan for scan in scans if scan.split()[1] in tables]


def _beyond_owners_rows(visit: Callable[[], None], owner: User) -> dict[str, tuple[float, int]]:
    """PostgreSQL: the tables of which one scan read more rows than the owner has there:
    (rows read, the owner's rows)."""
    mine = _owners_rows(owner)
    beyond: dict[str, tuple[float, int]] = {}
    for sql in _queries(visit):
        for table, rows in _rows_read(sql).items():
            if table in mine and rows > mine[table]:
                beyond[table] = (max(rows, beyond.get(table, (0, 0))[0]), mine[table])
    return beyond


@pytest.fixture
def company(owner: User, other: User, client_owner: Client) -> Company:
    grow(owner, people=PEOPLE, seed=1)
    grow(other, people=PEOPLE, seed=2)
    for user in (owner, other):
        Company.objects.create(owner=user, name="Nowhere Labs", name_key="nowhere labs")
    _analyze()
    return Company.objects.get(owner=owner, name=employer(3))


def test_another_users_data_growing_tenfold_costs_the_pages_nothing(
    company: Company, client_owner: Client, owner: User, other: User
) -> None:
    visit = _pages(client_owner, company)
    visit()  # sessions, caches and the like settle
    queries = len(_queries(visit))

    grow(other, people=9 * PEOPLE, seed=3)
    _analyze()

    assert len(_queries(visit)) == queries
    if connection.vendor == "postgresql":
        # No scan reads more rows than the owner has: none reads the other user's, who
        # now has ten times as many.
        assert _beyond_owners_rows(visit, owner) == {}
    else:
        assert {scan for sql in _queries(visit) for scan in _full_scans(sql)} == set()


def test_the_pages_run_as_many_queries_for_a_big_network_as_for_a_small_one(
    company: Company, client_owner: Client, owner: User
) -> None:
    visit = _pages(client_owner, company)
    visit()
    small = len(_queries(visit))

    grow(owner, people=4 * PEOPLE, seed=4)
    _analyze()

    # Fewer is fine: the names of people shown are read only when not read already.
    assert len(_queries(visit)) <= small
