"""SQLite backups: the online backup API, out of the live database and back into it.

Taking: `Connection.backup` copies the database in one step, reading one snapshot while
others keep writing (WAL). Restoring: the copy is checked and migrated in a temp file, then
copied into the live database with the same API, which writes it in one transaction:
readers see the old database or the new one, never a mix, and a running `rapport serve`
keeps working (its WAL file stays coherent, which swapping files would not guarantee).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from rapport.exports.database import database_has_data, refusal
from rapport.exports.errors import DataFileError

PAYLOAD = "rapport.sqlite3"
# Sessions and one-time login links are credentials, not data: they stay out of backups.
_NOT_BACKED_UP = ("django_session", "accounts_logintoken")
_RESTORE_ALIAS = "rapport_restore"


def snapshot(*, target: Path) -> dict[str, int]:
    """Copy the live database to `target`; return its row count per table."""
    connection.ensure_connection()
    live: Any = connection.connection
    with closing(sqlite3.connect(target)) as copy:
        live.backup(copy)  # all pages in one step: one consistent snapshot
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        tables = table_counts(copy)
        for table in _NOT_BACKED_UP:
            if table in tables:
                copy.execute(f'DELETE FROM "{table}"')
        copy.commit()
        return table_counts(copy)


def table_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def restore(*, payload: Path, tables: dict[str, int], source: Path, replace: bool) -> None:
    if connection.vendor != "sqlite":
        raise DataFileError(
            source,
            "holds a SQLite database and this Rapport uses PostgreSQL. To move your data, "
            "use `rapport export json` there and `rapport importjson` here.",
        )
    _check(payload, tables, source)
    _migrate(payload)
    if connection.in_atomic_block:
        raise RuntimeError("A restore replaces the database: run it outside a transaction.")
    if not replace and database_has_data():
        raise DataFileError(source, refusal(what="restoring this backup"))
    _copy_into_live(payload)


def _check(payload: Path, tables: dict[str, int], source: Path) -> None:
    """The payload is a healthy Rapport database, the one the manifest describes."""
    try:
        with closing(sqlite3.connect(f"{payload.as_uri()}?mode=ro", uri=True)) as db:
            verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
            found = table_counts(db) if verdict == "ok" else {}
            rapport = {"django_migrations", "people_person"} <= set(found)
            applied = (
                set(db.execute("SELECT app, name FROM django_migrations")) if rapport else set()
            )
    except sqlite3.DatabaseError as error:
        raise DataFileError(source, f"does not hold a usable SQLite database ({error})") from None
    if verdict != "ok":
        raise DataFileError(source, f"holds a damaged database ({verdict})")
    if not rapport:
        raise DataFileError(source, "holds a SQLite database that is not Rapport's")
    if found != tables:
        raise DataFileError(source, "is damaged: the database does not match its manifest")
    _check_migrations(applied, source)


def _check_migrations(applied: set[tuple[str, str]], source: Path) -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = sorted(
        (app, name)
        for app, name in applied
        if app in loader.migrated_apps and (app, name) not in loader.disk_migrations
    )
    if unknown:
        app, name = unknown[0]
        raise DataFileError(
            source,
            f"was made by a newer Rapport (its migration {app}.{name} is unknown here). "
            "Upgrade Rapport to restore it.",
        )


def _migrate(payload: Path) -> None:
    """Bring a backup taken by an older Rapport up to this one's schema, in the temp file."""
    default = connections.databases["default"]
    options = {k: v for k, v in default.get("OPTIONS", {}).items() if k != "init_command"}
    connections.databases[_RESTORE_ALIAS] = {**default, "NAME": str(payload), "OPTIONS": options}
    try:
        executor = MigrationExecutor(connections[_RESTORE_ALIAS])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", database=_RESTORE_ALIAS, interactive=False, verbosity=0)
    finally:
        connections[_RESTORE_ALIAS].close()
        del connections[_RESTORE_ALIAS]
        del connections.databases[_RESTORE_ALIAS]


def _copy_into_live(payload: Path) -> None:
    connection.ensure_connection()
    live: Any = connection.connection
    with closing(sqlite3.connect(payload)) as copy:
        page_size = live.execute("PRAGMA page_size").fetchone()[0]
        if copy.execute("PRAGMA page_size").fetchone()[0] != page_size:
            # A WAL database only accepts pages of its own size.
            copy.execute(f"PRAGMA page_size={int(page_size)}")
            copy.execute("VACUUM")
        copy.backup(live)
    connection.close()
