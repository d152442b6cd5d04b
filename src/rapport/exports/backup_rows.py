"""Backups as rows: every Rapport table read in one snapshot, written as JSON lines.

Used on PostgreSQL, where it is portable (no pg_dump of the same major version needed) and
consistent: all tables are read in one REPEATABLE READ, read-only transaction. Rows keep
their primary keys, so a restore is exact; restoring works on SQLite too. Every table is
in, the career centre's too, but those `NOT_BACKED_UP` names (sessions, login links…).

`rows.jsonl` is a header line, then one row a line, table after table: it is written and
restored a batch of rows at a time, so a career centre's millions of rows never sit in
memory at once. Backups of the first format (`rows.json`, one JSON document, read whole)
still restore.
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import json
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction

from rapport.accounts.models import LoginToken, User
from rapport.cohorts.models import (
    Assignment,
    AuditEvent,
    CoachGrant,
    CoachLook,
    CoachLookSet,
    Cohort,
    CohortShare,
    IntroAsk,
    IntroOffer,
    Invite,
    Member,
)
from rapport.exports.database import database_has_data, refusal
from rapport.exports.errors import DataFileError
from rapport.exports.jsonexport import json_value
from rapport.exports.registry import SECTIONS, link_model
from rapport.exports.snapshot import consistent_read

PAYLOAD = "rows.jsonl"
FIRST_PAYLOAD = "rows.json"  # the first format, one JSON document: restored, no longer made
FORMAT = "rapport-backup-rows"
VERSION = 2
FIRST_VERSION = 1
BATCH = 2000  # rows read, written and restored at a time


# The server's career centre: not one user's export, but the server's to back up.
CENTRE: tuple[type[models.Model], ...] = (
    Cohort,
    Member,
    Member.cohorts.through,
    Invite,
    CohortShare,
    IntroOffer,
    IntroAsk,
    CoachGrant,
    Assignment,
    AuditEvent,
    CoachLookSet,
    CoachLookSet.students.through,
    CoachLook,
)

# Left out on purpose: caches and versions made again from the rows, sessions, login links
# and throttles, API tokens (credentials: made again after a restore, like sessions), the
# quick log's replay keys, import jobs (their uploads are files, not rows), and Django's
# groups and permissions, which Rapport does not use.
NOT_BACKED_UP: frozenset[str] = frozenset(
    {
        "core.DataVersion",
        "core.DataVersionHold",
        "core.SharedCacheEntry",
        "accounts.LoginToken",
        "accounts.LoginThrottle",
        "accounts.User_groups",
        "accounts.User_user_permissions",
        "api.ApiToken",
        "playbook.QuickLogKey",
        "imports.ImportJob",
    }
)


def backup_models() -> list[type[models.Model]]:
    """User accounts, then every registered model, their many-to-many link tables, and the
    career centre's tables."""
    links = [link_model(m2m) for s in SECTIONS for m2m in s.many_to_many()]
    return [User, *(s.model for s in SECTIONS), *links, *CENTRE]


def snapshot(*, target: Path) -> dict[str, int]:
    """Write every row of every Rapport table to `target`; return the count per table."""
    counts: dict[str, int] = {}
    with consistent_read(), target.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"format": FORMAT, "version": VERSION}) + "\n")
        for model in backup_models():
            counts[model._meta.db_table] = _write_rows(out, model)
    return counts


def _write_rows(out: IO[str], model: type[models.Model]) -> int:
    rows = model._default_manager.order_by("pk").iterator(chunk_size=BATCH)
    count = 0
    for batch in _batches(rows):
        for row in serializers.serialize("python", batch, fields=_fields(model)):
            out.write(json.dumps(row, default=_encode, ensure_ascii=False) + "\n")
        count += len(batch)
    return count


def _batches(items: Iterable[Any]) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, BATCH)):
        yield batch


def _fields(model: type[models.Model]) -> list[str]:
    # Concrete fields only: links are their own tables, and a user's groups and permissions
    # (unused by Rapport) point at rows that are not backed up.
    return [f.name for f in model._meta.concrete_fields if not f.primary_key]


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time | decimal.Decimal | uuid.UUID):
        return json_value(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def restore(*, payload: Path, tables: dict[str, int], source: Path, replace: bool) -> None:
    """Replace every Rapport table with the rows in `payload`, in one transaction."""
    try:
        with transaction.atomic():
            if not replace and database_has_data():
                raise DataFileError(source, refusal(what="restoring this backup"))
            _empty_tables()
            for batch in _batches_of_one_model(_rows(payload, source)):
                _insert([found.object for found in serializers.deserialize("python", batch)])
            _reset_sequences()
            if _counts() != tables:
                raise DataFileError(source, "is damaged: its rows do not match its manifest")
    except DeserializationError as error:
        raise DataFileError(source, f"holds rows this Rapport cannot read: {error}") from None
    except DatabaseError as error:
        raise DataFileError(source, f"does not fit the database: {error}") from None


def _insert(objects: list[models.Model]) -> None:
    """Insert rows of one table as they are (`bulk_create` would set the times of fields
    with `auto_now` to now, as `loaddata` with `save()` one row at a time does not)."""
    meta = objects[0]._meta
    fields = meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    rows = [
        [field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields]
        for row in objects
    ]
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _batches_of_one_model(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Up to `BATCH` rows at a time, each batch of one table (a row's "model")."""
    for _, same in itertools.groupby(rows, key=lambda row: row.get("model")):
        yield from _batches(same)


def _rows(payload: Path, source: Path) -> Iterator[dict[str, Any]]:
    if payload.name == FIRST_PAYLOAD:
        for number, row in enumerate(_read_whole(payload, source), start=1):
            yield _row(row, source, f"{FIRST_PAYLOAD} row {number}")
        return
    with payload.open("rb") as lines:
        _check_header(next(lines, b""), source)
        for number, line in enumerate(lines, start=2):
            yield _row(_json_line(line, source, number), source, f"{PAYLOAD} line {number}")


def _row(row: Any, source: Path, where: str) -> dict[str, Any]:
    if not isinstance(row, dict) or not isinstance(row.get("model"), str):
        raise DataFileError(source, f"is damaged: {where} is not a row of a table")
    return row


def _check_header(line: bytes, source: Path) -> None:
    header = _json_line(line, source, 1)
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise DataFileError(source, f"is damaged: {PAYLOAD} is not a Rapport row dump")
    if header.get("version") != VERSION:
        raise DataFileError(source, f"has a {PAYLOAD} of an unknown version")


def _json_line(line: bytes, source: Path, number: int) -> Any:
    try:
        return json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DataFileError(
            source, f"is damaged: {PAYLOAD} line {number} is not valid JSON"
        ) from None


def _read_whole(payload: Path, source: Path) -> list[Any]:
    """The rows of a first-format backup (`rows.json`, one document)."""
    try:
        document = json.loads(payload.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DataFileError(source, f"is damaged: {FIRST_PAYLOAD} is not valid JSON") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DataFileError(source, f"is damaged: {FIRST_PAYLOAD} is not a Rapport row dump")
    if document.get("version") != FIRST_VERSION or not isinstance(document.get("objects"), list):
        raise DataFileError(source, f"has a {FIRST_PAYLOAD} of an unknown version")
    objects: list[Any] = document["objects"]
    return objects


def _empty_tables() -> None:
    existing = set(connection.introspection.table_names())
    tables = [m._meta.db_table for m in backup_models()]
    tables += [t for t in ("django_session", LoginToken._meta.db_table) if t in existing]
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=True
    )
    deferrable = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if deferrable:
            # TRUNCATE refuses tables with foreign-key checks still pending in this
            # transaction: run them now, then defer them again for loading rows in any order.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in statements:
            cursor.execute(statement)
        if deferrable:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _reset_sequences() -> None:
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), backup_models()):
            cursor.execute(statement)


def _counts() -> dict[str, int]:
    return {m._meta.db_table: m._default_manager.count() for m in backup_models()}
