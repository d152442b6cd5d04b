"""Reads about imports, merges and the review queue, always scoped to one owner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from rapport.accounts.models import User
from rapport.imports.models import (
    CandidateStatus,
    ChangeEvent,
    ImportBatch,
    ImportRecord,
    KeepApart,
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


def kept_apart(*, owner: User) -> QuerySet[KeepApart]:
    """The pairs the user said are different people, the newest decision first: when the
    pair of the queue it closed was decided, or when it was made (undoing a merge)."""
    closed = MergeCandidate.objects.filter(
        Q(person_a=OuterRef("person_a"), person_b=OuterRef("person_b"))
        | Q(person_a=OuterRef("person_b"), person_b=OuterRef("person_a")),
        owner=OuterRef("owner"),
        status=CandidateStatus.KEPT_APART,
    ).order_by(F("decided_at").desc(nulls_last=True))
    decided = Coalesce(Subquery(closed.values("decided_at")[:1]), F("created_at"))
    return (
        KeepApart.objects.filter(owner=owner)
        .select_related("person_a", "person_b")
        .order_by(decided.desc(), "-pk")
    )


def keep_apart_get(*, owner: User, pk: int) -> KeepApart:
    pair = KeepApart.objects.filter(owner=owner, pk=pk).select_related("person_a", "person_b")
    found = pair.first()
    if found is None:
        raise Http404("These two are not kept apart.")
    return found


@dataclass(frozen=True)
class ApartGroup:
    """One decision to keep pairs apart (a bulk one stamps one `decided_at` on all its pairs):
    its pairs still kept apart, how many can go back to the queue, how many cannot (one of
    the two people is gone since), and the first few that can, to name them."""

    decided_at: dt.datetime | None
    ids: list[int]
    back: int
    gone: int
    shown: list[MergeCandidate]


_SHOWN = 10


def apart_group(*, owner: User, pk: int) -> ApartGroup:
    """The decision that kept the pair `pk` of the queue apart (404: not the owner's pair)."""
    candidate = MergeCandidate.objects.filter(owner=owner, pk=pk).first()
    if candidate is None:
        raise Http404("No such pair.")
    if candidate.status != CandidateStatus.KEPT_APART or candidate.decided_at is None:
        return ApartGroup(decided_at=None, ids=[], back=0, gone=0, shown=[])
    rows = list(
        MergeCandidate.objects.filter(
            owner=owner, status=CandidateStatus.KEPT_APART, decided_at=candidate.decided_at
        ).values_list("pk", "person_a", "person_b")
    )
    back = sorted(pk for pk, a, b in rows if a is not None and b is not None)
    shown = MergeCandidate.objects.filter(pk__in=back[:_SHOWN]).select_related(
        "person_a", "person_b"
    )
    return ApartGroup(
        decided_at=candidate.decided_at,
        ids=sorted(pk for pk, _, _ in rows),
        back=len(back),
        gone=len(rows) - len(back),
        shown=list(shown.order_by("pk")),
    )


def pair_in_queue(*, owner: User, pair: KeepApart) -> MergeCandidate | None:
    """The pair of the queue for these two people, either way round, if one waits."""
    a, b = pair.person_a_id, pair.person_b_id
    return (
        review_queue(owner=owner)
        .filter(Q(person_a=a, person_b=b) | Q(person_a=b, person_b=a))
        .first()
    )


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
