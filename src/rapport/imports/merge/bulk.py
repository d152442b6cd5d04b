"""The review queue's decisions taken many pairs at once ("merge the selected", "keep all of
an import's pairs apart"): each pair is decided as one pair would be, in one transaction.

A pair that cannot be decided any more is skipped and counted, never an error that loses the
rest: another user's, one decided already, or one an earlier merge of the same batch made
stale (merging B into A drops the pending pair B-C, as a single merge does, so that nobody is
ever merged into a person who is gone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rapport.accounts.models import User
from rapport.core.versions import data_version_held
from rapport.imports.merge.merging import candidate_keep_apart, candidate_merge
from rapport.imports.models import MergeCandidate
from rapport.imports.selectors import review_queue
from rapport.search.services import search_index_batch


@dataclass(frozen=True)
class Decided:
    """How many of the pairs asked about were decided, and how many were skipped."""

    done: int
    skipped: int


def candidates_merge(*, owner: User, ids: Iterable[int]) -> Decided:
    """The user says each of these pairs is one person: merge them, each undoable alone."""
    return _decide(owner, ids, candidate_merge)


def candidates_keep_apart(*, owner: User, ids: Iterable[int]) -> Decided:
    """The user says each of these pairs are two people: never propose them again."""
    return _decide(owner, ids, candidate_keep_apart)


def _decide(owner: User, ids: Iterable[int], decide: Callable[..., Any]) -> Decided:
    wanted = set(ids)
    done = 0
    # The search index and the data version are brought up to date once, at the end.
    with transaction.atomic(), search_index_batch(), data_version_held(owner.pk):
        # In the order the queue shows them, so that a chain is decided as the user read it.
        queued = review_queue(owner=owner).filter(pk__in=wanted).values_list("pk", flat=True)
        for pk in list(queued):
            candidate = _still_pending(owner, pk)
            if candidate is None:
                continue
            try:
                decide(candidate=candidate)
            except ValidationError:  # e.g. the two were kept apart by an earlier pair
                continue
            done += 1
    return Decided(done=done, skipped=len(wanted) - done)


def _still_pending(owner: User, pk: int) -> MergeCandidate | None:
    """Read again: an earlier decision of the batch may have dropped or closed this pair."""
    return review_queue(owner=owner).filter(pk=pk).first()
