"""Undoing an import: what it created goes, what it changed comes back, all at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from rapport.companies.models import Company, CompanyAlias, Employment, TargetStatus
from rapport.conversations.models import Conversation
from rapport.imports.history.snapshot import fields_restore
from rapport.imports.models import (
    BatchStatus,
    ImportBatch,
    ImportChange,
    KeepApart,
    Merge,
    MergeCandidate,
)
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
    # Rows the import made that stay: worked on since, by the user or a later import.
    kept: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the user may want to do next

    def as_dict(self) -> dict[str, Any]:
        return {
            "removed": self.removed,
            "restored": self.restored,
            "kept": self.kept,
            "notes": self.notes,
        }


def import_undo(*, batch: ImportBatch) -> UndoResult:
    """Undo `batch` (once): remove the rows it created, restore the fields it changed,
    reopen the jobs it closed and take back the fields its merges filled.

    What it created and someone has worked on since stays, whole: a person you have edited,
    tagged, talked to or introduced, or that a later import added to, keeps the details and
    jobs this import gave them (and so do the companies those jobs are at).
    """
    with transaction.atomic(), search_index_batch():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not batch.can_undo:
            raise ValidationError(f"Import #{batch.pk} has already been undone.")
        created = {label: set(ids) for label, ids in batch.created_rows.items()}
        result = UndoResult()
        people = created.get("people.Person", set())
        result.restored = _restore_merges(batch, people) + _restore_changes(batch)
        result.restored += _unmerge_absorbed(batch, people)
        left_over = _left_over(batch)
        _forget(batch)
        doomed, kept = worked_on_split(created, batch=batch)
        for creator, rows in left_over:
            # With what this undo deletes anyway: its rows are no reason to keep anything.
            both = {label: rows.get(label, set()) | doomed.get(label, set()) for label in
                    {*rows, *doomed}}  # fmt: skip
            for label, ids in worked_on_split(both, batch=creator)[0].items():
                doomed.setdefault(label, set()).update(ids & rows.get(label, set()))
        result.removed = _delete_created(doomed)
        order = [*DELETE_ORDER, *sorted(set(kept) - set(DELETE_ORDER))]
        result.kept = {label: len(kept[label]) for label in order if kept.get(label)}
        result.notes = _reimport_notes(batch)
        batch.status = BatchStatus.UNDONE
        batch.undone_at = timezone.now()
        batch.save(update_fields=["status", "undone_at", "updated_at"])
    return result


def _reimport_notes(batch: ImportBatch) -> list[str]:
    """Later imports of the same kind that found records of this one unchanged wrote
    nothing for them: what they listed and this import made is gone with it."""
    later = ImportBatch.objects.filter(
        owner_id=batch.owner_id, kind=batch.kind, status=BatchStatus.DONE, pk__gt=batch.pk
    )
    return [
        f"Import #{other.pk} found some of the same people unchanged and wrote nothing for "
        f"them: import its file again to have back everyone it lists."
        for other in later.order_by("pk")
        if other.counts.get("people", {}).get("unchanged")
    ]


def _left_over(batch: ImportBatch) -> list[tuple[ImportBatch, Rows]]:
    """Rows of imports undone before that stayed because `batch` still listed them.

    Undoing an older import keeps the people a newer one added to; once the newer one is
    undone too, nothing vouches for them any more: they go as their own import's would
    have (unless the user worked on them since). By the import that made them.
    """
    records = batch.records.all()
    people = set(records.exclude(person=None).values_list("person_id", flat=True))
    companies = set(records.exclude(company=None).values_list("company_id", flat=True))
    if not (people or companies):
        return []
    undone = ImportBatch.objects.filter(owner_id=batch.owner_id, status=BatchStatus.UNDONE)
    found = []
    for creator in undone.exclude(pk=batch.pk).order_by("pk"):
        made = {label: set(ids) for label, ids in creator.created_rows.items()}
        own_people = people & made.get("people.Person", set())
        rows: Rows = {"people.Person": own_people}
        for _, label, name in _COMES_WITH:
            rows[label] = _children(label, name, made, own_people)
        jobs = _in_chunks(Employment, ("company_id",), "pk", rows["companies.Employment"])
        at = {company for (company,) in jobs} | companies
        rows["companies.Company"] = at & made.get("companies.Company", set())
        if any(rows.values()):
            found.append((creator, rows))
    return found


def _restore_merges(batch: ImportBatch, doomed: set[int]) -> int:
    merges = Merge.objects.filter(batch=batch, undone_at__isnull=True).exclude(
        survivor_id__in=doomed
    )
    changes: dict[int, list[dict[str, list[Any]]]] = defaultdict(list)
    for survivor_id, filled in merges.order_by("-pk").values_list("survivor_id", "filled"):
        changes[survivor_id].append(filled)
    return _restore(Person, changes)


def _unmerge_absorbed(batch: ImportBatch, people: set[int]) -> int:
    """Merges made since (on the review page) that absorbed someone this import brought:
    the survivor gives back what that merge filled in, and the merge goes, so that undoing
    it later cannot bring back a person of an import that is gone."""
    fields = ("pk", "survivor_id", "filled", "batch_id")
    found = _in_chunks(Merge, fields, "absorbed_pk", people,
                       owner_id=batch.owner_id, undone_at__isnull=True)  # fmt: skip
    merges = [(pk, survivor, filled) for pk, survivor, filled, of in found if of != batch.pk]
    changes: dict[int, list[dict[str, list[Any]]]] = defaultdict(list)
    for _, survivor, filled in sorted(merges, reverse=True):
        changes[survivor].append(filled)
    restored = _restore(Person, changes)
    Merge.objects.filter(pk__in=[pk for pk, _, _ in merges]).delete()
    return restored


def _restore_changes(batch: ImportBatch) -> int:
    by_model: dict[str, dict[int, list[dict[str, list[Any]]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for change in ImportChange.objects.filter(batch=batch).order_by("-pk"):
        by_model[change.model][change.object_id].append(change.fields)
    return sum(_restore(apps.get_model(label), rows) for label, rows in by_model.items())


def _restore(model: type[models.Model], changes: dict[int, list[dict[str, list[Any]]]]) -> int:
    """Apply each row's changes (newest first) backwards; save them in bulk.

    `updated_at` is left as it was: putting back what an import did is nobody's work on
    the row (see worked_on_split).
    """
    rows = model._base_manager.in_bulk(list(changes))
    names: set[str] = set()
    for pk, row in rows.items():
        for fields in changes[pk]:
            names.update(fields_restore(row, fields))
    if names:
        model._base_manager.bulk_update(rows.values(), sorted(names), batch_size=CHUNK)
    return len(rows) if names else 0


def _delete_created(doomed: Rows) -> dict[str, int]:
    removed: dict[str, int] = {}
    labels = [*DELETE_ORDER, *(label for label in doomed if label not in DELETE_ORDER)]
    for label in labels:
        ids = sorted(doomed.get(label, ()))
        model = apps.get_model(label)
        count = 0
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            count += model._base_manager.filter(pk__in=chunk).delete()[1].get(label, 0)
        if count:
            removed[label] = count
    return removed


Rows = dict[str, set[int]]  # pks by model label


def worked_on_split(created: Rows, *, batch: ImportBatch) -> tuple[Rows, Rows]:
    """The rows an import created, split into those to delete and those to keep.

    Kept: a row changed after the import, not by an import; a row that something staying
    points at (a note's tag, a later import's record, a conversation you logged); and what
    comes with a kept row: a person's contact details and jobs, a conversation's people.
    """
    doomed = {label: set(ids) for label, ids in created.items()}
    kept: Rows = {label: set() for label in created}

    def keep(label: str, ids: Iterable[int]) -> bool:
        ids = set(ids) & doomed.get(label, set())
        if not ids:
            return False
        doomed[label] -= ids
        kept[label] |= ids
        return True

    edited = _edited_since(batch)
    for label in created:
        keep(label, _changed(apps.get_model(label), doomed[label], edited))
    keep("companies.Company", _targeted(doomed.get("companies.Company", set())))
    changed = True
    while changed:  # each pass keeps more only when the last one did
        changed = False
        for label in created:
            changed |= keep(label, _pointed_at(apps.get_model(label), doomed))
        for parent, child, name in _COMES_WITH:
            changed |= keep(child, _children(child, name, doomed, kept.get(parent, set())))
        participants = _participants(kept.get("conversations.Conversation", set()))
        changed |= keep("people.Person", participants)
    return doomed, kept


# (parent, child, child's field): a kept parent keeps the rows the import made with it.
_COMES_WITH = (
    ("people.Person", "people.ContactPoint", "person"),
    ("people.Person", "companies.Employment", "person"),
)
# Rows that point at a person or company but are no reason to keep them: a review
# suggestion, or a decision to keep two people apart, goes away with either of them.
# Nor is another spelling of a company that a later import or a migration noted.
_NOT_A_REASON: tuple[type[models.Model], ...] = (MergeCandidate, KeepApart, CompanyAlias)
# An imported conversation comes with its links to people and companies: they are part of
# it, no reason to keep it. (A person's tags, by contrast, are only ever the user's.)
_MADE_WITH_LINKS = frozenset({"conversations.Conversation"})


def _edited_since(batch: ImportBatch) -> Q:
    """Rows saved after `batch` ended, but not while another import was writing: what an
    import changed (even one undone since) is no sign that the user worked on it."""
    since = batch.finished_at or batch.updated_at
    edited = Q(updated_at__gt=since)
    others = ImportBatch.objects.filter(owner_id=batch.owner_id).exclude(pk=batch.pk)
    for start, end in others.values_list("created_at", "finished_at"):
        if end is not None and end > since:
            edited &= ~Q(updated_at__range=(start, end))
    return edited


def _changed(model: type[models.Model], ids: set[int], edited: Q) -> set[int]:
    if not ids or not any(f.name == "updated_at" for f in model._meta.concrete_fields):
        return set()
    return {pk for (pk,) in _in_chunks(model, ("pk",), "pk", ids, edited)}


def _targeted(ids: set[int]) -> set[int]:
    """Companies the user has put on a list or written about (however that was saved)."""
    plain = Q(target_status=TargetStatus.NONE, notes="", referral_channel="", referral_steps="")
    return {pk for (pk,) in _in_chunks(Company, ("pk",), "pk", ids, ~plain)}


def _pointed_at(model: type[models.Model], doomed: Rows) -> set[int]:
    """Doomed rows of `model` that a row staying in the database points at."""
    ids = doomed.get(model._meta.label, set())
    needed: set[int] = set()
    if not ids:
        return needed
    for rel in model._meta.get_fields(include_hidden=True):
        related = rel.related_model
        if not isinstance(rel, models.ManyToOneRel) or not isinstance(related, type):
            continue
        if not issubclass(related, models.Model) or issubclass(related, _NOT_A_REASON):
            continue
        declared_by = related._meta.auto_created  # a many-to-many field's own rows
        own_links = isinstance(declared_by, type) and declared_by is model
        if own_links and model._meta.label in _MADE_WITH_LINKS:
            continue  # its own many-to-many links, made with it
        needed |= _pointed_at_by(related, rel.field, ids, doomed)
    return needed


def _pointed_at_by(
    related: type[models.Model], fk: models.ForeignObject[Any, Any], ids: set[int], doomed: Rows
) -> set[int]:
    if related._meta.auto_created:  # a many-to-many row stays when its other end stays
        other = next(f for f in related._meta.concrete_fields if f.is_relation and f is not fk)
        other_doomed = doomed.get(_label(other), set())
        rows = _in_chunks(related, (fk.attname, other.attname), fk.name, ids)
        return {target for target, end in rows if end not in other_doomed}
    own_doomed = doomed.get(related._meta.label, set())
    rows = _in_chunks(related, ("pk", fk.attname), fk.name, ids)
    return {target for pk, target in rows if pk not in own_doomed}


def _label(fk: models.Field[Any, Any]) -> str:
    target = fk.related_model
    return target._meta.label if isinstance(target, type) else ""


def _children(label: str, name: str, doomed: Rows, parents: set[int]) -> set[int]:
    ids = doomed.get(label, set())
    if not ids or not parents:
        return set()
    model = apps.get_model(label)
    rows = _in_chunks(model, ("pk", f"{name}_id"), "pk", ids)
    return {pk for pk, parent in rows if parent in parents}


def _participants(conversations: set[int]) -> set[int]:
    through = Conversation.participants.through
    rows = _in_chunks(through, ("conversation_id", "person_id"), "conversation", conversations)
    return {person for _, person in rows}


def _in_chunks(
    model: type[models.Model],
    fields: tuple[str, ...],
    column: str,
    ids: set[int],
    *conditions: Q,
    **filters: Any,
) -> list[tuple[Any, ...]]:
    """values_list(*fields) of the rows whose `column` is among `ids`, a thousand at a time."""
    ordered = sorted(ids)
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        rows = model._base_manager.filter(*conditions, **{f"{column}__in": chunk}, **filters)
        found.extend(rows.values_list(*fields))
    return found


def _forget(batch: ImportBatch) -> None:
    """Drop the batch's provenance, so that importing the file again starts afresh."""
    batch.records.all().delete()
    batch.job_changes.all().delete()
    batch.candidates.all().delete()
    batch.merges.all().delete()
    batch.changes.all().delete()
