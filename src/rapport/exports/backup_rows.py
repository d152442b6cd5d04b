"""Backups as rows: every Rapport table read in one snapshot, written as JSON.

Used on PostgreSQL, where it is portable (no pg_dump of the same major version needed) and
consistent: all tables are read in one REPEATABLE READ, read-only transaction. Rows keep
their primary keys, so a restore is exact; restoring works on SQLite too. Every table is
in, the career centre's too, but those `NOT_BACKED_UP` names (sessions, login links…).
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from pathlib import Path
from typing import Any

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

PAYLOAD = "rows.json"
FORMAT = "rapport-backup-rows"
VERSION = 1


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
    objects: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    with consistent_read():
        for model in backup_models():
            rows = serializers.serialize(
                "python", model._default_manager.order_by("pk").iterator(), fields=_fields(model)
            )
            objects.extend(rows)
            counts[model._meta.db_table] = len(rows)
    document = {"format": FORMAT, "version": VERSION, "objects": objects}
    target.write_text(json.dumps(document, default=_encode, ensure_ascii=False), "utf-8")
    return counts


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
    objects = _read(payload, source)
    try:
        with transaction.atomic():
            if not replace and database_has_data():
                raise DataFileError(source, refusal(what="restoring this backup"))
            _empty_tables()
            for obj in serializers.deserialize("python", objects):
                obj.save()
            _reset_sequences()
            if _counts() != tables:
                raise DataFileError(source, "is damaged: its rows do not match its manifest")
    except DeserializationError as error:
        raise DataFileError(source, f"holds rows this Rapport cannot read: {error}") from None
    except DatabaseError as error:
        raise DataFileError(source, f"does not fit the database: {error}") from None


def _read(payload: Path, source: Path) -> list[dict[str, Any]]:
    try:
        document = json.loads(payload.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DataFileError(source, f"is damaged: {PAYLOAD} is not valid JSON") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DataFileError(source, f"is damaged: {PAYLOAD} is not a Rapport row dump")
    if document.get("version") != VERSION or not isinstance(document.get("objects"), list):
        raise DataFileError(source, f"has a {PAYLOAD} of an unknown version")
    objects: list[dict[str, Any]] = document["objects"]
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
