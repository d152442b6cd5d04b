"""Taking back "different people": a pair kept apart goes back to the review queue.

A keep-apart is one KeepApart row (its two people in id order) and the pairs of the queue it
closed, either way round (`keep_apart_add`, `candidates_keep_apart`). Undoing it deletes the
row and reopens those pairs, so the queue is as it was before the decision and merging the
pair works again. A keep-apart that no import proposed (made by undoing a merge the import
did on its own) just goes: a later import may propose the two again.

A pair closed by a decision whose person has since been merged into someone else or deleted
cannot come back (there is nobody to merge); it stays as it is, counted as gone. The KeepApart
went with that person (or is kept in the merge, to come back if the merge is undone).

A bulk keep-apart stamps one `decided_at` on every pair it closed: that is its group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from rapport.accounts.models import User
from rapport.imports.models import CandidateStatus, KeepApart, MergeCandidate

_CHUNK = 500  # ids per statement: within every database's limit on parameters

Pair = tuple[int, int]  # two people's ids, lower first, as KeepApart stores them
# Pairs of the queue, kept apart or waiting (a merged pair has lost its person b).
_CLOSED: dict[str, object] = {"status": CandidateStatus.KEPT_APART, "person_b__isnull": False}
_WAITING: dict[str, object] = {"status": CandidateStatus.PENDING, "person_b__isnull": False}


@dataclass(frozen=True)
class PutBack:
    """Of the pairs asked about: how many went back to the queue, how many could not (one of
    the two people is gone), and how many were skipped (not the user's kept-apart pairs)."""

    done: int
    gone: int
    skipped: int


def keep_apart_undo(*, pair: KeepApart) -> int:
    """The user takes back "different people": the pair is proposed again. Returns how many
    pairs of the queue came back (none: no import had proposed the two)."""
    with transaction.atomic():
        return _put_back(pair.owner_id, {(pair.person_a_id, pair.person_b_id)})


def candidates_put_back(*, owner: User, ids: Iterable[int]) -> PutBack:
    """The pairs of the queue `ids` (a bulk keep-apart's group), kept apart, back in the queue."""
    wanted = set(ids)
    with transaction.atomic():
        rows = _kept_apart(owner, wanted)
        back = {pk: (a, b) for pk, a, b in rows if a is not None and b is not None}
        _put_back(owner.pk, {_ordered(a, b) for a, b in back.values()})
    return PutBack(done=len(back), gone=len(rows) - len(back), skipped=len(wanted) - len(rows))


def _kept_apart(owner: User, ids: set[int]) -> list[tuple[int, int | None, int | None]]:
    ordered = sorted(ids)
    rows: list[tuple[int, int | None, int | None]] = []
    for start in range(0, len(ordered), _CHUNK):
        rows += MergeCandidate.objects.filter(
            owner=owner, status=CandidateStatus.KEPT_APART, pk__in=ordered[start : start + _CHUNK]
        ).values_list("pk", "person_a", "person_b")
    return rows


def _put_back(owner_id: int, pairs: set[Pair]) -> int:
    """Forget that `pairs` are different people; reopen every pair of the queue closed for
    them, once each way round (one pending pair per direction is all the queue allows)."""
    people = sorted({pk for pair in pairs for pk in pair})
    apart = [pk for pk, a, b in _rows(KeepApart, owner_id, people, {}) if (a, b) in pairs]
    closed = _rows(MergeCandidate, owner_id, people, _CLOSED)
    waiting = _rows(MergeCandidate, owner_id, people, _WAITING)
    taken = {(a, b) for _, a, b in waiting}
    reopen: list[int] = []
    # Of two pairs closed the same way round (never by one decision), the newer comes back.
    for pk, a, b in sorted(closed, key=lambda row: -row[0]):
        if _ordered(a, b) in pairs and (a, b) not in taken:
            taken.add((a, b))
            reopen.append(pk)
    for start in range(0, max(len(apart), len(reopen)), _CHUNK):
        KeepApart.objects.filter(pk__in=apart[start : start + _CHUNK]).delete()
        MergeCandidate.objects.filter(pk__in=reopen[start : start + _CHUNK]).update(
            status=CandidateStatus.PENDING, decided_at=None, merge=None
        )
    return len(reopen)


def _rows(
    model: type[KeepApart] | type[MergeCandidate],
    owner_id: int,
    people: list[int],
    where: dict[str, object],
) -> list[tuple[int, int, int]]:
    """(id, person a, person b) of the owner's rows whose person a is one of `people`."""
    rows: list[tuple[int, int, int]] = []
    for start in range(0, len(people), _CHUNK):
        rows += model.objects.filter(
            owner_id=owner_id, person_a__in=people[start : start + _CHUNK], **where
        ).values_list("pk", "person_a", "person_b")
    return rows


def _ordered(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)
