"""Merging two people into one, and splitting them again; the review queue's decisions.

A merge re-points every row that referred to the absorbed person (contact points, jobs,
conversations, outcomes, tags…) at the survivor, gives the survivor what only the absorbed
person had (the one merge policy, `policy.py`), and keeps what is needed to undo all of that
in the Merge row.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from rapport.core.repoint import references_repoint, references_to, rows_restore, rows_serialize
from rapport.imports.history.snapshot import (
    fields_restore,
    jsonable,
    person_from_snapshot,
    person_snapshot,
)
from rapport.imports.merge.policy import person_fill
from rapport.imports.models import (
    CandidateStatus,
    ImportBatch,
    ImportRecord,
    KeepApart,
    Merge,
    MergeCandidate,
)
from rapport.people.models import Person

# Rows about a pair of people: moving one end would pair the survivor with itself.
_PAIR_MODELS: tuple[type[models.Model], ...] = (KeepApart, MergeCandidate)


def keep_apart_add(*, a: Person, b: Person) -> KeepApart:
    """Remember that `a` and `b` are different people; their pending candidate is closed."""
    if a.owner_id != b.owner_id or a.pk == b.pk:
        raise ValidationError("Only two different people of the same user can be kept apart.")
    low, high = sorted([a, b], key=lambda p: p.pk)
    pair, _ = KeepApart.objects.get_or_create(owner_id=a.owner_id, person_a=low, person_b=high)
    MergeCandidate.objects.filter(
        models.Q(person_a=a, person_b=b) | models.Q(person_a=b, person_b=a),
        status=CandidateStatus.PENDING,
    ).update(status=CandidateStatus.KEPT_APART, decided_at=timezone.now())
    return pair


def _check_pair(survivor: Person, absorbed: Person) -> None:
    if survivor.owner_id != absorbed.owner_id:
        raise ValidationError("These people belong to different users.")
    if survivor.pk == absorbed.pk:
        raise ValidationError("A person cannot be merged with themselves.")
    if KeepApart.objects.filter(
        models.Q(person_a=survivor, person_b=absorbed)
        | models.Q(person_a=absorbed, person_b=survivor)
    ).exists():
        raise ValidationError(f"You said {survivor} and {absorbed} are different people.")


def person_merge(
    *,
    survivor: Person,
    absorbed: Person,
    evidence: dict[str, Any],
    batch: ImportBatch | None = None,
) -> Merge:
    """Merge `absorbed` into `survivor` (which keeps its own values), reversibly."""
    _check_pair(survivor, absorbed)
    with transaction.atomic():
        snapshot = person_snapshot(absorbed)
        filled = person_fill(survivor=survivor, other=absorbed)
        moved, dropped = _move_references(absorbed, survivor)
        absorbed_pk, absorbed_name = absorbed.pk, absorbed.full_name
        absorbed.delete()  # before saving the survivor: its LinkedIn key is unique
        survivor.save()
        return Merge.objects.create(
            owner_id=survivor.owner_id,
            survivor=survivor,
            absorbed_pk=absorbed_pk,
            absorbed_name=absorbed_name,
            absorbed=snapshot,
            moved=moved,
            dropped=dropped,
            filled=jsonable(filled),
            evidence=evidence,
            batch=batch,
        )


def _move_references(
    absorbed: Person, survivor: Person
) -> tuple[dict[str, list[int]], list[dict[str, Any]]]:
    moved: dict[str, list[int]] = {}
    dropped: list[dict[str, Any]] = []
    for model, name in references_to(Person):
        rows = model._base_manager.filter(**{name: absorbed})
        if model is Person:
            rows = rows.exclude(pk=survivor.pk)  # see person_fill: nobody introduces themselves
        if model in _PAIR_MODELS:
            if model is MergeCandidate:  # decided ones are history and keep their row
                rows = rows.filter(status=CandidateStatus.PENDING)
            dropped += rows_serialize(rows)
            rows.delete()
            continue
        ids = list(rows.values_list("pk", flat=True))
        if ids:
            moved[f"{model._meta.label}.{name}"] = references_repoint(
                model, name, ids, survivor, dropped
            )
    return moved, dropped


def merge_undo(*, merge: Merge) -> Person:
    """Split a merge: the absorbed person comes back with what was theirs, kept apart."""
    if merge.undone_at is not None:
        raise ValidationError("This merge has already been undone.")
    with transaction.atomic():
        survivor = merge.survivor
        restored = fields_restore(survivor, merge.filled)
        if restored:
            survivor.save(update_fields=[*restored, "updated_at"])
        person = _recreate(merge)
        for label, ids in merge.moved.items():
            model_label, name = label.rsplit(".", 1)
            model = apps.get_model(model_label)
            model._base_manager.filter(pk__in=ids, **{name: survivor}).update(**{name: person})
        rows_restore(merge.dropped)
        ImportRecord.objects.filter(merge=merge).update(person=person)
        keep_apart_add(a=survivor, b=person)
        # The pair that was merged names both again, whichever of the two it named first
        # (merging detached one and deleted the other).
        MergeCandidate.objects.filter(merge=merge).update(
            status=CandidateStatus.KEPT_APART,
            person_a=survivor,
            person_b=person,
            decided_at=timezone.now(),
        )
        _batch_owns(merge, person)
        merge.undone_at = timezone.now()
        merge.save(update_fields=["undone_at", "updated_at"])
    return person


def _recreate(merge: Merge) -> Person:
    pk = merge.absorbed_pk
    if pk is not None and Person.objects.filter(pk=pk).exists():
        pk = None
    person = person_from_snapshot(owner_id=merge.owner_id, data=merge.absorbed, pk=pk)
    clash = Person.objects.filter(owner_id=merge.owner_id, linkedin_key=person.linkedin_key)
    if person.linkedin_key and clash.exists():
        person.linkedin_key = person.linkedin_url = ""
    if person.introduced_by_id and not Person.objects.filter(pk=person.introduced_by_id).exists():
        person.introduced_by_id = None
    person.save(force_insert=True)
    return person


def _batch_owns(merge: Merge, person: Person) -> None:
    """A person split off a record merged by an import goes away if that import is undone."""
    batch = merge.batch
    if batch is None or merge.absorbed_pk is not None or not batch.can_undo:
        return
    batch.created_rows.setdefault("people.Person", []).append(person.pk)
    batch.save(update_fields=["created_rows", "updated_at"])


def candidate_merge(*, candidate: MergeCandidate) -> Merge:
    """The user says the pair is one person: the newer one merges into the older one."""
    survivor, absorbed = _pending_pair(candidate)
    with transaction.atomic():
        evidence = {**candidate.evidence, "decided_by": "user", "score": candidate.score}
        # Detach the candidate first, so that the merge does not re-point it at itself.
        MergeCandidate.objects.filter(pk=candidate.pk).update(
            status=CandidateStatus.MERGED, person_b=None, decided_at=timezone.now()
        )
        merge = person_merge(survivor=survivor, absorbed=absorbed, evidence=evidence)
        MergeCandidate.objects.filter(pk=candidate.pk).update(merge=merge)
    candidate.refresh_from_db()
    return merge


def candidate_keep_apart(*, candidate: MergeCandidate) -> KeepApart:
    """The user says the pair are two people: never propose them again."""
    a, b = _pending_pair(candidate)
    with transaction.atomic():
        pair = keep_apart_add(a=a, b=b)
    candidate.refresh_from_db()
    return pair


def _pending_pair(candidate: MergeCandidate) -> tuple[Person, Person]:
    if candidate.status != CandidateStatus.PENDING:
        raise ValidationError("This pair has already been decided.")
    a, b = candidate.person_a, candidate.person_b
    if a is None or b is None:
        raise ValidationError("One of these people no longer exists.")
    return (a, b) if a.pk < b.pk else (b, a)
