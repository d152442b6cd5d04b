"""The review queue's decisions taken many pairs at once ("merge the selected", "keep all of
an import's pairs apart"): each pair is decided as one pair would be, in one transaction.

A pair that cannot be decided any more is skipped and counted, never an error that loses the
rest: another user's, one decided already, or one an earlier merge of the same batch made
stale (merging B into A drops the pending pair B-C, as a single merge does, so that nobody is
ever merged into a person who is gone).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rapport.accounts.models import User
from rapport.core.versions import data_version_held
from rapport.imports.merge.merging import candidate_merge
from rapport.imports.models import CandidateStatus, KeepApart, MergeCandidate
from rapport.imports.selectors import review_queue
from rapport.search.services import search_index_batch

_CHUNK = 500  # rows or ids per statement: within every database's limit on parameters


@dataclass(frozen=True)
class Decided:
    """How many of the pairs asked about were decided, and how many were skipped; `group`:
    one pair kept apart, which names the decision for undoing it (`apart.py`)."""

    done: int
    skipped: int
    group: int | None = field(default=None, compare=False)


def candidates_merge(*, owner: User, ids: Iterable[int]) -> Decided:
    """The user says each of these pairs is one person: merge them, each undoable alone."""
    wanted = set(ids)
    done = 0
    # The search index and the data version are brought up to date once, at the end.
    with transaction.atomic(), search_index_batch(), data_version_held(owner.pk):
        # In the order the queue shows them, so that a chain is decided as the user read it.
        for pk in [pk for pk in _queue(owner) if pk in wanted]:
            candidate = _still_pending(owner, pk)
            if candidate is None:
                continue
            try:
                candidate_merge(candidate=candidate)
            except ValidationError:  # e.g. the two were kept apart by an earlier pair
                continue
            done += 1
    return Decided(done=done, skipped=len(wanted) - done)


def candidates_keep_apart(*, owner: User, ids: Iterable[int]) -> Decided:
    """The user says each of these pairs are two people: never propose them again.

    Writes what `keep_apart_add` writes for each pair, in a few queries rather than pair by
    pair: an import of namesakes proposes thousands of pairs, and `candidate_keep_apart` one
    at a time took 2-4 ms each (3 s for 1,500 on SQLite, 6 s on PostgreSQL). Nobody is
    merged, so no decision here can make another one stale.
    """
    wanted = set(ids)
    with transaction.atomic():
        queue = _queue(owner)
        pairs = {_ordered(a, b) for pk, (a, b) in queue.items() if pk in wanted}
        KeepApart.objects.bulk_create(
            [KeepApart(owner=owner, person_a_id=a, person_b_id=b) for a, b in pairs],
            batch_size=_CHUNK,
            ignore_conflicts=True,  # kept apart already: the pair closes all the same
        )
        # Like keep_apart_add: every pending pair of the same two people, either way round.
        closing = [pk for pk, (a, b) in queue.items() if _ordered(a, b) in pairs]
        now = timezone.now()
        for start in range(0, len(closing), _CHUNK):
            MergeCandidate.objects.filter(pk__in=closing[start : start + _CHUNK]).update(
                status=CandidateStatus.KEPT_APART, decided_at=now
            )
    done = wanted.intersection(closing)
    return Decided(done=len(done), skipped=len(wanted) - len(done), group=min(done, default=None))


def _queue(owner: User) -> dict[int, tuple[int, int]]:
    """The owner's pending pairs, surest first: {id: (person a, person b)}. Read whole, since
    a selection may name more ids than a query may hold parameters."""
    rows = review_queue(owner=owner).values_list("pk", "person_a", "person_b")
    return {pk: (a, b) for pk, a, b in rows}


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _still_pending(owner: User, pk: int) -> MergeCandidate | None:
    """Read again: an earlier decision of the batch may have dropped or closed this pair."""
    return review_queue(owner=owner).filter(pk=pk).first()
