"""Undoing an import: what it created goes, what it changed comes back, all at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from rapport.companies.models import Company, CompanyAlias, TargetStatus
from rapport.imports.models import BatchStatus, ImportBatch, ImportChange, Merge
from rapport.imports.snapshot import fields_restore
from rapport.people.models import Person
from rapport.search.services import search_index_batch

# Children before parents, so that nothing is deleted twice through a cascade.
DELETE_ORDER = (
    "imports.Position",
    "conversations.Conversation",
    "companies.Employment",
    "people.ContactPoint",
    "companies.CompanyAlias",
    "people.Person",
    "companies.Company",
)
CHUNK = 1000


@dataclass
class UndoResult:
    removed: dict[str, int] = field(default_factory=dict)  # by model label
    restored: int = 0  # rows that got fields back

    def as_dict(self) -> dict[str, Any]:
        return {"removed": self.removed, "restored": self.restored}


def import_undo(*, batch: ImportBatch) -> UndoResult:
    """Undo `batch` (once): remove the rows it created, restore the fields it changed,
    reopen the jobs it closed and take back the fields its merges filled."""
    with transaction.atomic(), search_index_batch():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not batch.can_undo:
            raise ValidationError(f"Import #{batch.pk} has already been undone.")
        doomed = set(batch.created_rows.get("people.Person", []))
        result = UndoResult()
        result.restored = _restore_merges(batch, doomed) + _restore_changes(batch)
        _forget(batch)
        result.removed = _delete_created(batch.created_rows)
        batch.status = BatchStatus.UNDONE
        batch.undone_at = timezone.now()
        batch.save(update_fields=["status", "undone_at", "updated_at"])
    return result


def _restore_merges(batch: ImportBatch, doomed: set[int]) -> int:
    merges = Merge.objects.filter(batch=batch, undone_at__isnull=True).exclude(
        survivor_id__in=doomed
    )
    changes: dict[int, list[dict[str, list[Any]]]] = defaultdict(list)
    for survivor_id, filled in merges.order_by("-pk").values_list("survivor_id", "filled"):
        changes[survivor_id].append(filled)
    return _restore(Person, changes)


def _restore_changes(batch: ImportBatch) -> int:
    by_model: dict[str, dict[int, list[dict[str, list[Any]]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for change in ImportChange.objects.filter(batch=batch).order_by("-pk"):
        by_model[change.model][change.object_id].append(change.fields)
    return sum(_restore(apps.get_model(label), rows) for label, rows in by_model.items())


def _restore(model: type[models.Model], changes: dict[int, list[dict[str, list[Any]]]]) -> int:
    """Apply each row's changes (newest first) backwards; save them in bulk."""
    rows = model._base_manager.in_bulk(list(changes))
    names: set[str] = set()
    for pk, row in rows.items():
        for fields in changes[pk]:
            names.update(fields_restore(row, fields))
    if names:
        now = timezone.now()
        for row in rows.values():
            row.updated_at = now  # type: ignore[attr-defined]
        model._base_manager.bulk_update(
            rows.values(), sorted({*names, "updated_at"}), batch_size=CHUNK
        )
    return len(rows) if names else 0


def _delete_created(created: dict[str, list[int]]) -> dict[str, int]:
    removed: dict[str, int] = {}
    labels = [*DELETE_ORDER, *(label for label in created if label not in DELETE_ORDER)]
    for label in labels:
        ids = created.get(label, [])
        model = apps.get_model(label)
        if model is Company:
            ids = _unreferenced_companies(ids)
        count = 0
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            count += model._base_manager.filter(pk__in=chunk).delete()[1].get(label, 0)
        if count:
            removed[label] = count
    return removed


def _unreferenced_companies(ids: list[int]) -> list[int]:
    """Companies the batch created that nothing else uses now, and the user left alone.

    A company you have since put on your target list, or that a later import or your own
    entry points at, stays.
    """
    keep: set[int] = set()
    for rel in Company._meta.get_fields(include_hidden=True):
        model = rel.related_model
        if not isinstance(rel, models.ManyToOneRel) or not isinstance(model, type):
            continue
        if not issubclass(model, models.Model) or model is CompanyAlias:
            continue
        name = rel.field.name
        for start in range(0, len(ids), CHUNK):
            used = model._base_manager.filter(**{f"{name}__in": ids[start : start + CHUNK]})
            keep.update(used.values_list(name, flat=True))
    worked_on = Company.objects.filter(pk__in=ids).exclude(
        target_status=TargetStatus.NONE, notes="", referral_channel="", referral_steps=""
    )
    keep.update(worked_on.values_list("pk", flat=True))
    return [pk for pk in ids if pk not in keep]


def _forget(batch: ImportBatch) -> None:
    """Drop the batch's provenance, so that importing the file again starts afresh."""
    batch.records.all().delete()
    batch.job_changes.all().delete()
    batch.candidates.all().delete()
    batch.merges.all().delete()
    batch.changes.all().delete()
