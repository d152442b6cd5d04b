"""Every page without an id reads the owner's rows only, on the database in use.

The method of tests/network/test_query_plans.py, over every named GET page of the app that
takes no id (those that take one are the company's, the person's, …, tested there and in
tests/people): after another user's data grew tenfold, on PostgreSQL no scan reads more rows
of a table than the owner has there (a table where the owner has no row yet may be probed
once), and on SQLite no table is read whole. A page whose query joins a table by a key and
leaves the planner free to read every user's rows of it is found here, whichever page it is.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse
from tests import test_isolation as base
from tests.network.bulk_network import grow
from tests.network.test_query_plans import (
    _analyze,
    _full_scans,
    _owners_rows,
    _queries,
    _rows_read,
)
from tests.playbook.test_today_query_plans import _targets

from rapport.accounts.models import User
from rapport.core.versions import cache_clear

PEOPLE = 300  # the owner's, and the other user's at first; then ten times as many
# Not pages: signing out, the service worker, downloads of the whole data.
NOT_PAGES = {"logout", "service_worker", "manifest", "json", "vcard", "csv_zip", "targets_csv"}


def _pages() -> Iterator[str]:
    for namespace, pattern in base._walk(get_resolver()):
        if pattern.pattern.regex.groupindex or pattern.name in NOT_PAGES:
            continue
        try:
            url = reverse(f"{namespace}:{pattern.name}" if namespace else str(pattern.name))
        except NoReverseMatch:
            continue
        if not url.startswith("/api/"):  # the REST API has its own tests
            yield url


def _read_beyond(client: Client, url: str, owner: User) -> list[str]:
    """A line for each query of the page that reads beyond the owner's rows."""

    def visit() -> None:
        cache_clear()  # what the page reads when computed, not kept from a visit before
        client.get(url)

    mine = _owners_rows(owner) if connection.vendor == "postgresql" else {}
    found = []
    for sql in _queries(visit):
        if connection.vendor == "postgresql":
            beyond = [
                table
                for table, rows in _rows_read(sql).items()
                if table in mine and rows > max(mine[table], 1)
            ]
        else:
            beyond = _full_scans(sql)
        if beyond:
            found.append(f"{url}: {', '.join(beyond)}: {sql[:300]}")
    return found


def test_no_page_reads_another_users_rows(owner: User, other: User, client_owner: Client) -> None:
    for user, seed in ((owner, 1), (other, 2)):
        grow(user, people=PEOPLE, seed=seed)
        _targets(user)
    grow(other, people=9 * PEOPLE, seed=3)
    _analyze()
    pages = list(_pages())
    assert len(pages) > 30  # the walk found the app's pages

    found = [line for url in pages for line in _read_beyond(client_owner, url, owner)]

    assert not found, "\n".join(found)
