"""Records as a parser would hand them over, and ways to look at the database after."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.apps import apps
from django.db import models

from rapport.accounts.models import User
from rapport.imports.importing import ImportResult, import_source
from rapport.imports.parse.records import (
    ContactRecord,
    InvitationRecord,
    MessageRecord,
    ParsedSource,
    PositionRecord,
)

_lines = itertools.count(2)

# Tables an import writes to; a snapshot of them is "the state of the user's data".
DOMAIN_MODELS = (
    "people.Person",
    "people.ContactPoint",
    "companies.Company",
    "companies.CompanyAlias",
    "companies.Employment",
    "conversations.Conversation",
    "imports.ImportRecord",
    "imports.ChangeEvent",
    "imports.Merge",
    "imports.MergeCandidate",
    "imports.KeepApart",
    "imports.Position",
)
_VOLATILE = {"created_at", "updated_at"}


def contact(key: str, name: str = "", **fields: Any) -> ContactRecord:
    fields.setdefault("file", "Connections.csv")
    return ContactRecord(source_key=key, line=next(_lines), full_name=name, **fields)


def message(
    thread: str,
    sender: tuple[str, str],
    to: list[tuple[str, str]],
    sent_at: dt.datetime,
    content: str = "Hello",
    **fields: Any,
) -> MessageRecord:
    return MessageRecord(
        conversation_id=thread,
        line=next(_lines),
        sender_name=sender[0],
        sender_url=sender[1],
        recipients=to,
        sent_at=sent_at,
        content=content,
        file="messages.csv",
        **fields,
    )


def invitation(**fields: Any) -> InvitationRecord:
    fields.setdefault("file", "Invitations.csv")
    return InvitationRecord(line=next(_lines), **fields)


def position(company: str, title: str, **fields: Any) -> PositionRecord:
    return PositionRecord(line=next(_lines), company=company, title=title, **fields)


def parsed(kind: str = "linkedin", **records: Any) -> ParsedSource:
    return ParsedSource(kind=kind, files=[f"{kind}-export"], **records)


def run(owner: User, kind: str = "linkedin", **records: Any) -> ImportResult:
    return import_source(owner=owner, parsed=parsed(kind, **records), files=[f"{kind}-export"])


def utc(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


def snapshot() -> dict[str, set[tuple[Any, ...]]]:
    """Every row of the domain tables, without timestamps: compare two for equality."""
    state: dict[str, set[tuple[Any, ...]]] = {}
    for label in DOMAIN_MODELS:
        model: type[models.Model] = apps.get_model(label)
        names = [f.attname for f in model._meta.concrete_fields if f.name not in _VOLATILE]
        state[label] = {tuple(repr(v) for v in row) for row in model.objects.values_list(*names)}
    state["participants"] = set(
        apps.get_model("conversations.Conversation").participants.through.objects.values_list(
            "conversation_id", "person_id"
        )
    )
    return state


def counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in DOMAIN_MODELS}
