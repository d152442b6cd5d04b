"""Reads about imports, merges and the review queue, always scoped to one owner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from rapport.accounts.models import User
from rapport.imports.models import (
    CandidateStatus,
    ChangeEvent,
    ImportBatch,
    ImportRecord,
    Merge,
    MergeCandidate,
    Position,
)
from rapport.people.models import Person


def batches_list(*, owner: User) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(owner=owner).order_by("-created_at", "-pk")


def batch_get(*, owner: User, pk: int) -> ImportBatch:
    batch = ImportBatch.objects.filter(owner=owner, pk=pk).first()
    if batch is None:
        raise Http404("No such import.")
    return batch


def review_queue(*, owner: User) -> QuerySet[MergeCandidate]:
    """Pairs waiting for the user to say "same person" or "different people", surest first."""
    return (
        MergeCandidate.objects.filter(
            owner=owner,
            status=CandidateStatus.PENDING,
            person_a__isnull=False,
            person_b__isnull=False,
        )
        .select_related("person_a", "person_b", "batch")
        .order_by("-score", "pk")
    )


@dataclass(frozen=True)
class BatchPairs:
    batch: ImportBatch
    pairs: int


def review_batches(*, owner: User) -> list[BatchPairs]:
    """The imports that proposed pairs still in the queue, with how many (newest first)."""
    counts = dict(
        review_queue(owner=owner)
        .filter(batch__isnull=False)
        .order_by()
        .values("batch")
        .annotate(pairs=Count("pk"))
        .values_list("batch", "pairs")
    )
    batches = ImportBatch.objects.filter(owner=owner, pk__in=counts).order_by("-pk")
    return [BatchPairs(batch, counts[batch.pk]) for batch in batches]


def batch_review_ids(*, owner: User, batch: ImportBatch) -> list[int]:
    """The ids of the pairs this import proposed that still wait for a decision."""
    queue = review_queue(owner=owner).filter(batch=batch)
    return list(queue.values_list("pk", flat=True))


def candidate_get(*, owner: User, pk: int) -> MergeCandidate:
    candidate = review_queue(owner=owner).filter(pk=pk).first()
    if candidate is None:
        raise Http404("No such pair to review.")
    return candidate


def merge_get(*, owner: User, pk: int) -> Merge:
    merge = Merge.objects.filter(owner=owner, pk=pk).select_related("survivor").first()
    if merge is None:
        raise Http404("No such merge.")
    return merge


def person_merges(*, person: Person) -> QuerySet[Merge]:
    """Who was merged into this person, and on what evidence (newest first)."""
    return Merge.objects.filter(
        owner_id=person.owner_id, survivor=person, undone_at__isnull=True
    ).order_by("-created_at", "-pk")


def person_change_events(*, person: Person) -> QuerySet[ChangeEvent]:
    return (
        ChangeEvent.objects.filter(owner_id=person.owner_id, person=person)
        .select_related("person", "old_company", "new_company")
        .order_by("-occurred_on", "-pk")
    )


def change_events_since(*, owner: User, since: dt.date) -> QuerySet[ChangeEvent]:
    """Job changes seen since a date: for the Today page ("Ana moved to Stripe")."""
    return (
        ChangeEvent.objects.filter(owner=owner, occurred_on__gte=since)
        .select_related("person", "old_company", "new_company")
        .order_by("-occurred_on", "-pk")
    )


def person_provenance(*, person: Person) -> QuerySet[ImportRecord]:
    """The source records this person came from (file, line, batch)."""
    return (
        ImportRecord.objects.filter(owner_id=person.owner_id, person=person)
        .select_related("batch")
        .order_by("pk")
    )


def positions_list(*, owner: User) -> QuerySet[Position]:
    """The user's own work history, newest first."""
    return Position.objects.filter(owner=owner).select_related("company")
