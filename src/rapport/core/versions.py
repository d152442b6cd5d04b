"""A per-owner data version, kept exact by database triggers, and caches keyed by it.

In `core` so that any app may cache by it (the Today page's data, warm paths, the REST API and
the whole pages of `core/pages.py` do); the tables it watches are named here as data, not
imported. Every write to a table that a cached page or answer reads (tests/test_page_cache.py
checks the pages') bumps `playbook_dataversion.version` for the row's owner (tables without an
owner column find it through their parent row), so a page computed at one version is right
for as long as the version stays the same. Like the search index (`rapport.search.schema`),
PostgreSQL gets its triggers in the migration (and after `migrate` when they are not all
there); SQLite gets them after `migrate`, since SQLite refuses to remake a table while a
trigger elsewhere names it: they are dropped before any migration runs and put back
afterwards.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.apps.registry import Apps
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection as default_connection
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.backends.utils import CursorWrapper

from rapport.core.kept import KeptLive, KeptPages

TABLE = "playbook_dataversion"
HOLD = "playbook_dataversionhold"
PREFIX = "dataversion_"


EVENTS = ("INSERT", "UPDATE", "DELETE")


@dataclass(frozen=True)
class Watched:
    table: str
    owner: str  # SQL for the owner id, `{row}` standing for NEW or OLD
    events: tuple[str, ...] = EVENTS
    columns: tuple[str, ...] = ()  # when given, an UPDATE counts only if it sets one of these
    cohorts: bool = False  # `owner` is a SELECT of cohorts (`o`, see `cohort_key`), not an owner
    also: str = ""  # names a second trigger on the same table, for a second owner

    @property
    def name(self) -> str:
        also = f"_{self.also}" if self.also else ""
        return f"{PREFIX}{'cohort_' if self.cohorts else ''}{self.table}{also}"

    def bump(self, row: str, token: str) -> str:
        owner = self.owner.format(row=row)
        return _cohorts_bump(owner, token) if self.cohorts else _bump(owner, token)

    def event_sql(self, event: str) -> str:
        """`UPDATE` or `UPDATE OF col, …`: the trigger's event, as both databases write it."""
        if event == "UPDATE" and self.columns:
            return f"UPDATE OF {', '.join(self.columns)}"
        return event


def _direct(table: str) -> Watched:
    return Watched(table, "{row}.owner_id")


def _through(table: str, column: str, parent: str) -> Watched:
    return Watched(table, f"(SELECT p.owner_id FROM {parent} p WHERE p.id = {{row}}.{column})")


def cohort_key(cohort_id: int) -> int:
    """A cohort's row among the data versions: what its members see of each other (shares,
    offers to introduce and the offered people's jobs) has a version too, kept under the
    cohort's id made negative, so that no owner's id is ever the same."""
    return -cohort_id


def _cohorts_of(user: str, where: str = "") -> str:
    """SQL: the cohorts of the user `user` (as `o`, their `cohort_key`), if `where`."""
    also = f" AND {where}" if where else ""
    return (
        "SELECT -mc.cohort_id AS o FROM cohorts_member_cohorts mc "
        f"WHERE mc.member_id = {user}{also}"
    )


def _offered(person: str) -> str:
    return f"EXISTS (SELECT 1 FROM cohorts_introoffer io WHERE io.person_id = {person})"


# What a member sees of their cohorts (`cohort_version`): each write bumps the version of the
# cohorts that show it. A person's or job's write counts only when the person is offered.
COHORT_WATCHED = [
    Watched("cohorts_cohort", "SELECT -{row}.id AS o", events=("UPDATE",), cohorts=True),
    Watched("cohorts_cohortshare", "SELECT -{row}.cohort_id AS o", cohorts=True),
    Watched("cohorts_member_cohorts", "SELECT -{row}.cohort_id AS o", cohorts=True),
    Watched("cohorts_member", _cohorts_of("{row}.user_id"), events=("UPDATE",), cohorts=True),
    Watched("cohorts_introoffer", _cohorts_of("{row}.owner_id"), cohorts=True),
    # Who lets their coach see their progress: the coach's dashboard counts who does not.
    Watched("cohorts_coachgrant", _cohorts_of("{row}.student_id"), cohorts=True),
    Watched(
        "accounts_user",
        _cohorts_of("{row}.id"),
        events=("UPDATE",),
        columns=("username", "first_name", "last_name", "is_active"),
        cohorts=True,
    ),
    Watched(
        "people_person",
        _cohorts_of("{row}.owner_id", _offered("{row}.id")),
        events=("UPDATE",),
        columns=("full_name",),
        cohorts=True,
    ),
    Watched(
        "companies_employment",
        _cohorts_of("{row}.owner_id", _offered("{row}.person_id")),
        cohorts=True,
    ),
    Watched(
        "companies_company",
        _cohorts_of(
            "{row}.owner_id",
            "EXISTS (SELECT 1 FROM cohorts_introoffer io WHERE io.owner_id = {row}.owner_id)",
        ),
        events=("UPDATE",),
        columns=("name", "name_key"),
        cohorts=True,
    ),
]

CONVERSATION = "conversations_conversation"
WATCHED = [
    *(
        _direct(table)
        for table in (
            "people_person",
            "companies_company",
            "companies_employment",
            "conversations_conversation",
            "conversations_outcome",
            "conversations_introduction",
            "conversations_touch",
            "conversations_meeting",
            "capture_suggestion",
            "opportunities_opportunity",
            "playbook_followup",
            "playbook_nudgestate",
            "playbook_playbooksettings",
            "imports_changeevent",
            "outreach_attempt",
            # Read by warm paths, the REST API's cached answers and the cached pages.
            "people_contactpoint",
            "people_tag",
            "companies_companyalias",
            "companies_companymerge",
            "network_acquaintance",
            "network_introductionrequest",
            "imports_position",
        )
    ),
    *(
        _through(f"{CONVERSATION}_{m2m}", "conversation_id", CONVERSATION)
        for m2m in ("participants", "companies")
    ),
    _through("conversations_meeting_people", "meeting_id", "conversations_meeting"),
    _through("people_person_tags", "person_id", "people_person"),
    # A coach's assignment is one of the student's nudges on Today.
    Watched("cohorts_assignment", "{row}.student_id"),
    # The user's role in the career centre shows in every page's navigation.
    Watched("cohorts_member", "{row}.user_id"),
    # The requester sees where their asks for an introduction stand, by the path asked about
    # and on Today; the introducer sees on Today how many wait for their answer.
    Watched("cohorts_introask", "{row}.requester_id"),
    Watched("cohorts_introask", "{row}.introducer_id", also="introducer"),
    *COHORT_WATCHED,
]


def _bump(owner: str, token: str) -> str:
    # The WHERE lets SQLite tell the upsert's ON CONFLICT from a join's ON.
    return (
        f"INSERT INTO {TABLE}(owner_id, token, version) SELECT o, {token}, 1 "
        f"FROM (SELECT {owner} AS o) AS s WHERE o IS NOT NULL "
        f"ON CONFLICT (owner_id) DO UPDATE SET version = {TABLE}.version + 1"
    )


def _cohorts_bump(cohorts: str, token: str) -> str:
    """Bump every version the SELECT `cohorts` names (as `o`), once each."""
    return (
        f"INSERT INTO {TABLE}(owner_id, token, version) SELECT o, {token}, 1 "
        f"FROM (SELECT DISTINCT o FROM ({cohorts}) AS d) AS s WHERE o IS NOT NULL "
        f"ON CONFLICT (owner_id) DO UPDATE SET version = {TABLE}.version + 1"
    )


# SQLite: a trigger per table and event.

_SQLITE_TOKEN = "lower(hex(randomblob(8)))"


def sqlite_statements() -> Iterator[str]:
    for watched in WATCHED:
        for event in watched.events:
            bump = watched.bump("OLD" if event == "DELETE" else "NEW", _SQLITE_TOKEN)
            yield (
                f"CREATE TRIGGER {watched.name}_{event.lower()} AFTER {watched.event_sql(event)} "
                f"ON {watched.table} FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM {HOLD}) "
                f"BEGIN {bump}; END"
            )


def _sqlite_triggers(cursor: CursorWrapper) -> dict[str, str]:
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, %s) = %s",
        [len(PREFIX), PREFIX],
    )
    return dict(cursor.fetchall())


def _sqlite_drop(cursor: CursorWrapper) -> None:
    for name in _sqlite_triggers(cursor):
        cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')


# PostgreSQL: a plpgsql function and a row trigger per table.

_PG_TOKEN = "md5(random()::text)"


def postgresql_statements(tables: set[str] | None = None) -> Iterator[str]:
    """Every table's function and trigger; only those of `tables` when given."""
    for watched in WATCHED:
        if tables is not None and watched.table not in tables:
            continue
        name = watched.name
        yield f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM {HOLD}) THEN RETURN NULL; END IF;
          IF TG_OP = 'DELETE' THEN {watched.bump("OLD", _PG_TOKEN)};
          ELSE {watched.bump("NEW", _PG_TOKEN)};
          END IF;
          RETURN NULL;
        END $$"""
        events = " OR ".join(watched.event_sql(event) for event in watched.events)
        yield (
            f"CREATE TRIGGER {name} AFTER {events} ON {watched.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()"
        )


def _pg_triggers(cursor: CursorWrapper) -> list[tuple[str, str]]:
    cursor.execute(
        "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE left(t.tgname, %s) = %s AND NOT t.tgisinternal",
        [len(PREFIX), PREFIX],
    )
    return [(name, table) for name, table in cursor.fetchall()]


def _pg_drop(cursor: CursorWrapper) -> None:
    for name, table in _pg_triggers(cursor):
        cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')


def _statements(connection: BaseDatabaseWrapper) -> list[str]:
    if connection.vendor == "postgresql":
        return list(postgresql_statements())
    return list(sqlite_statements())


def _expected(connection: BaseDatabaseWrapper) -> int:
    return sum(1 for s in _statements(connection) if s.startswith("CREATE TRIGGER"))


def drop_triggers(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        (_pg_drop if connection.vendor == "postgresql" else _sqlite_drop)(cursor)


def triggers_installed(connection: BaseDatabaseWrapper) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return len(_pg_triggers(cursor))
        return len(_sqlite_triggers(cursor))


def _sqlite_current(connection: BaseDatabaseWrapper) -> bool:
    """SQLite: exactly today's triggers, not those of an earlier version."""
    with connection.cursor() as cursor:
        return set(_sqlite_triggers(cursor).values()) == set(sqlite_statements())


def install_triggers(connection: BaseDatabaseWrapper) -> None:
    drop_triggers(connection)
    statements = _statements(connection)
    if connection.vendor == "postgresql":
        # In a migration, a table of a later app may not exist yet: `after_migrate` puts
        # its trigger in once every migration has run.
        statements = list(postgresql_statements(set(connection.introspection.table_names())))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        # Writes made while the triggers were away were not counted: start every owner anew.
        cursor.execute(f"DELETE FROM {TABLE}")


def install(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Migration: the triggers on PostgreSQL (SQLite's come after `migrate`)."""
    if schema_editor.connection.vendor == "postgresql":
        install_triggers(schema_editor.connection)


def uninstall(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    drop_triggers(schema_editor.connection)


def before_migrate(sender: object, *, using: str, plan: Any = None, **kwargs: Any) -> None:
    connection = connections[using]
    if connection.vendor == "sqlite" and plan:
        drop_triggers(connection)


def after_migrate(sender: object, *, using: str, **kwargs: Any) -> None:
    """Put the triggers back if they are missing (or not all there)."""
    connection = connections[using]
    if TABLE not in connection.introspection.table_names():
        return
    with transaction.atomic(using=using):
        if triggers_installed(connection) != _expected(connection) or (
            connection.vendor == "sqlite" and not _sqlite_current(connection)
        ):
            install_triggers(connection)


# Reading the version, and caching by it.

# Per process (waitress serves with threads), bounded; the key names the version, so
# nothing is ever invalidated, old entries just age out.
_cache = LocMemCache(
    "rapport-playbook-versions", {"TIMEOUT": 24 * 3600, "OPTIONS": {"MAX_ENTRIES": 512}}
)

T = TypeVar("T")


def data_version(owner_id: int) -> str:
    """`token:version` of the owner's data (one query; two the very first time)."""
    with default_connection.cursor() as cursor:
        for _ in range(2):
            cursor.execute(f"SELECT token, version FROM {TABLE} WHERE owner_id = %s", [owner_id])
            row = cursor.fetchone()
            if row is not None:
                return f"{row[0]}:{row[1]}"
            cursor.execute(
                f"INSERT INTO {TABLE}(owner_id, token, version) VALUES (%s, %s, 0) "
                "ON CONFLICT (owner_id) DO NOTHING",
                [owner_id, _new_token()],
            )
    raise RuntimeError("the data version row could not be made")


def data_versions(owner_ids: Iterable[int]) -> dict[int, str]:
    """Each owner's `data_version`, by id: one query (and one more per owner whose data
    has never been versioned)."""
    ids = sorted(set(owner_ids))
    found: dict[int, str] = {}
    if ids:
        where, params = _among("owner_id", ids)
        with default_connection.cursor() as cursor:
            cursor.execute(f"SELECT owner_id, token, version FROM {TABLE} WHERE {where}", params)
            found = {owner: f"{token}:{version}" for owner, token, version in cursor.fetchall()}
    return {owner: found.get(owner) or data_version(owner) for owner in ids}


def _among(column: str, ids: list[int]) -> tuple[str, list[Any]]:
    """SQL and parameters for `column` being one of `ids`. On PostgreSQL one array: psycopg
    parses a statement with more than 50 parameters anew each time (about 1 ms for a coach's
    hundred students), and caches one with a single parameter."""
    if default_connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [ids]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


# A member's cohorts (`mc`, cohorts_member_cohorts) joined to their versions (`v`), if ever
# read: rows for `cohort_version_of`.
COHORT_VERSIONS_JOIN = f"LEFT JOIN {TABLE} v ON v.owner_id = -mc.cohort_id"


def cohort_version(user_id: int) -> str:
    """The versions of what the user's cohorts show them (`COHORT_WATCHED`), as one string:
    one query (and one more per cohort whose version was never read)."""
    with default_connection.cursor() as cursor:
        cursor.execute(
            "SELECT mc.cohort_id, v.token, v.version FROM cohorts_member_cohorts mc "
            f"{COHORT_VERSIONS_JOIN} WHERE mc.member_id = %s ORDER BY mc.cohort_id",
            [user_id],
        )
        rows = cursor.fetchall()
    return cohort_version_of(rows)


def cohort_version_of(rows: Iterable[tuple[int | None, str | None, int | None]]) -> str:
    """`cohort_version` from rows of (cohort id, token, version) in the cohorts' order (a
    cohort without a token has never been read: its version is made; no cohort: skipped)."""
    return "|".join(
        f"{cohort}={f'{token}:{version}' if token else data_version(cohort_key(cohort))}"
        for cohort, token, version in rows
        if cohort is not None
    )


def _new_token() -> str:
    return secrets.token_hex(8)


@contextmanager
def data_version_held(owner_id: int) -> Iterator[None]:
    """Bump the owner's version once for all the writes in the block, at its end.

    For bulk writers: a bump is an upsert, and an import writes a hundred thousand rows.
    The block is a transaction whose writes must all be the owner's. Other transactions
    never see the hold (it is gone before this one commits), so their writes still count;
    a nested hold leaves the bump to the outer one.
    """
    with transaction.atomic():
        with default_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {HOLD}(owner_id) VALUES (%s) ON CONFLICT (owner_id) DO NOTHING",
                [owner_id],
            )
            held = cursor.rowcount == 1
        yield
        if held:
            token = _PG_TOKEN if default_connection.vendor == "postgresql" else _SQLITE_TOKEN
            with default_connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {HOLD} WHERE owner_id = %s", [owner_id])
                cursor.execute(_bump("%s", token), [owner_id])
                # What the owner's cohorts see of them (offered people) may have changed too.
                cursor.execute(_cohorts_bump(_cohorts_of("%s"), token), [owner_id])


def version_key(name: str, owner_id: int, today: date, version: str = "") -> str:
    """The cache key of `name` for the owner's data as it is now, on `today` (one query; none
    when the caller has read `version`, the owner's `data_version`, already)."""
    return f"{name}:{owner_id}:{version or data_version(owner_id)}:{today.isoformat()}"


def cached(name: str, owner_id: int, today: date, compute: Callable[[], T], version: str = "") -> T:
    """`compute()`, or what it returned before at the same data version and date.

    The version is read before computing (or was, when given), so a write that lands
    meanwhile names a newer version and the value stored here is never served for it.
    """
    return cached_at(version_key(name, owner_id, today, version), compute)


def cached_at(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned before under `key` (from `version_key`)."""
    found = _cache.get(key)
    if found is None:
        found = compute()
        _cache.set(key, found)
    return found  # type: ignore[no-any-return]


# Weighed in rows read (network/index.py: people with their names, headlines, recorded
# links and their place, ~260 bytes each kept, ~340 with headlines of ~60 characters, ~40
# more with every strength worked out; jobs ~170 bytes each): three heavy users' networks
# (81,000 rows each, 32,000 of them jobs), or eighty students' (1,500 people and their jobs
# each), 52-70 MB.
LIVE_BUDGET = 250_000
_live = KeptLive(budget=LIVE_BUDGET)
# Answers kept live too (pickling a company's warm paths was a tenth of its search), apart
# from indexes; weighed in the people they hold (up to ~1.3 kB each with words): ~32 MB.
ANSWERS_BUDGET = 25_000
_answers = KeptLive(budget=ANSWERS_BUDGET)


def kept_live(
    key: str,
    compute: Callable[[], T],
    weight: Callable[[T], int] = lambda _: 1,
    *,
    answer: bool = False,
) -> T:
    """`compute()`, or what it returned before under `key` (from `version_key`), the very
    same object: the caller must never change it. `weight`: what it costs to keep (see
    LIVE_BUDGET, or ANSWERS_BUDGET for an `answer`)."""
    kept = _answers if answer else _live
    if (found := kept.get(key)) is None:
        kept.set(key, found := compute(), weight(found))
    return found  # type: ignore[return-value]


# Rendered pages (`core/pages.py`), kept apart so that big pages don't push the data out;
# a page is 10-60 kB. In server mode every process shares them (`core/kept.py`).
_pages = KeptPages("rapport-pages", max_entries=512)


def page_get(owner_id: int, key: str) -> bytes | None:
    """The owner's page stored under `key` (a `version_key` and more), if any."""
    return _pages.get(owner_id, key)


def page_set(owner_id: int, key: str, content: bytes) -> None:
    _pages.set(owner_id, key, content)


def cache_clear() -> None:
    _cache.clear()
    _live.clear()
    _answers.clear()
    _pages.clear()
