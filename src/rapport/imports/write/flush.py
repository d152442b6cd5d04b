"""Write what an import planned: bulk inserts in dependency order, no query per row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import models

from rapport.conversations.models import Conversation
from rapport.imports.session import ImportState
from rapport.imports.write.bulk import rows_insert, rows_update, values_insert

CreatedRows = dict[str, list[int]]


def flush(state: ImportState) -> CreatedRows:
    """Write the pending rows; return the pks of the rows created, by model label."""
    pending = state.pending
    created: CreatedRows = {}
    _create(created, pending.companies)
    _create(created, pending.aliases)
    _update(pending.companies_changed.values(), pending.company_fields)
    _create(created, pending.people)
    _update(pending.people_changed.values(), pending.person_fields)
    _create(created, pending.contact_points)
    _create(created, pending.employments)
    _update(pending.employments_changed.values(), {"title", "ended_on", "is_current"})
    _create(created, pending.conversations)
    values_insert(
        Conversation.participants.through,
        ("conversation_id", "person_id"),
        [(c.pk, p.pk) for c, p in pending.participants],
    )
    rows_insert(pending.change_events, with_pks=False)
    for item in pending.merges:
        item.merge.moved = _moved(item.children)
    rows_insert([item.merge for item in pending.merges])
    rows_insert(pending.candidates, with_pks=False)
    rows_insert(pending.records, with_pks=False)
    _create(created, pending.positions)
    _update(pending.positions_changed.values(), {"finished_on"})
    rows_insert(pending.journal, with_pks=False)
    return created


def _create(created: CreatedRows, rows: Sequence[models.Model]) -> None:
    if not rows:
        return
    rows_insert(rows)
    attname = rows[0]._meta.pk.attname  # read from the dicts: `.pk` is a property call
    created.setdefault(rows[0]._meta.label, []).extend(r.__dict__[attname] for r in rows)


def _update(rows: Iterable[models.Model], fields: set[str]) -> None:
    rows = list(rows)
    if rows and fields:
        rows_update(rows, fields)


def _moved(children: Sequence[models.Model]) -> dict[str, list[int]]:
    """{"app.Model.person": [pk, ...]}: rows made from a merged record, now the survivor's."""
    moved: dict[str, list[int]] = {}
    for child in children:
        moved.setdefault(f"{child._meta.label}.person", []).append(child.pk)
    return moved
