"""Taking back "different people": a pair kept apart goes back to the review queue, alone or
with every pair of the decision that kept it apart; merging it afterwards works."""

from __future__ import annotations

import pytest
from django.http import Http404

from rapport.accounts.models import User
from rapport.imports.merge.apart import PutBack, candidates_put_back, keep_apart_undo
from rapport.imports.models import CandidateStatus, KeepApart, Merge, MergeCandidate
from rapport.imports.selectors import apart_group, kept_apart, review_queue
from rapport.imports.services import (
    candidate_keep_apart,
    candidate_merge,
    candidates_keep_apart,
    candidates_merge,
    merge_undo,
    person_merge,
)
from rapport.people.models import Person
from rapport.people.services import person_create


def _people(owner: User, *names: str) -> list[Person]:
    return [person_create(owner=owner, full_name=name) for name in names]


def _pair(a: Person, b: Person, score: float = 80.0) -> MergeCandidate:
    return MergeCandidate.objects.create(owner_id=a.owner_id, person_a=a, person_b=b, score=score)


def _fresh(candidate: MergeCandidate) -> MergeCandidate:
    candidate.refresh_from_db()
    return candidate


def _apart(owner: User) -> set[tuple[int, int]]:
    return set(KeepApart.objects.filter(owner=owner).values_list("person_a", "person_b"))


def test_a_pair_kept_apart_goes_back_to_the_queue_and_can_be_merged(owner: User) -> None:
    ana, ana_s = _people(owner, "Ana Souza", "Ana S.")
    candidate = _pair(ana, ana_s)
    pair = candidate_keep_apart(candidate=candidate)

    assert keep_apart_undo(pair=pair) == 1

    assert not KeepApart.objects.filter(owner=owner).exists()
    candidate = _fresh(candidate)
    assert (candidate.status, candidate.decided_at) == (CandidateStatus.PENDING, None)
    assert list(review_queue(owner=owner)) == [candidate]
    merge = candidate_merge(candidate=candidate)  # no longer refused
    assert merge.survivor == ana
    assert list(Person.objects.filter(owner=owner)) == [ana]


def test_the_pairs_of_both_ways_round_come_back_as_keeping_apart_closed_both(
    owner: User,
) -> None:
    ana, ana_s = _people(owner, "Ana Souza", "Ana S.")
    chosen, reversed_ = _pair(ana, ana_s), _pair(ana_s, ana)
    pair = candidate_keep_apart(candidate=reversed_)  # stored lower id first, whichever way
    assert (pair.person_a, pair.person_b) == (ana, ana_s)
    assert _fresh(chosen).status == CandidateStatus.KEPT_APART

    assert keep_apart_undo(pair=pair) == 2

    assert [_fresh(chosen).status, _fresh(reversed_).status] == [CandidateStatus.PENDING] * 2
    assert not _apart(owner)


def test_a_keep_apart_no_import_proposed_just_goes(owner: User) -> None:
    # An import merged on its own, the user split them: kept apart, with no pair of the queue.
    ana, ana_s = _people(owner, "Ana Souza", "Ana S.")
    ana_s = merge_undo(merge=person_merge(survivor=ana, absorbed=ana_s, evidence={}))
    pair = KeepApart.objects.get(owner=owner)

    assert keep_apart_undo(pair=pair) == 0

    assert not _apart(owner)
    assert not review_queue(owner=owner).exists()
    person_merge(survivor=ana, absorbed=ana_s, evidence={})  # no longer refused


def test_a_merge_decided_in_the_queue_and_split_again_goes_back_to_the_queue(
    owner: User,
) -> None:
    ana, ana_s = _people(owner, "Ana Souza", "Ana S.")
    candidate = _pair(ana, ana_s)
    merge_undo(merge=candidate_merge(candidate=candidate))
    assert _fresh(candidate).status == CandidateStatus.KEPT_APART  # what splitting says

    keep_apart_undo(pair=KeepApart.objects.get(owner=owner))

    candidate = _fresh(candidate)
    assert (candidate.status, candidate.merge, candidate.decided_at) == ("pending", None, None)
    assert review_queue(owner=owner).get() == candidate
    assert candidate_merge(candidate=candidate).undone_at is None


def test_a_merge_of_a_pair_proposed_newer_first_is_split_into_both_again(
    owner: User,
) -> None:
    ana, ana_s = _people(owner, "Ana Souza", "Ana S.")
    candidate = _pair(ana_s, ana)  # the one merged away (the newer) named first
    ana_s = merge_undo(merge=candidate_merge(candidate=candidate))

    candidate = _fresh(candidate)
    assert {candidate.person_a, candidate.person_b} == {ana, ana_s}
    assert candidate.status == CandidateStatus.KEPT_APART
    keep_apart_undo(pair=KeepApart.objects.get(owner=owner))
    assert review_queue(owner=owner).get() == candidate


def test_a_bulk_decision_is_put_back_whole_and_only_it(owner: User) -> None:
    a, a2, b, b2, c, c2 = _people(owner, "Ana", "Ana S.", "Bo", "Bo L.", "Cy", "Cy D.")
    together = [_pair(a, a2), _pair(b, b2)]
    alone = _pair(c, c2)
    candidate_keep_apart(candidate=alone)
    decided = candidates_keep_apart(owner=owner, ids=[p.pk for p in together])
    assert decided.group in {p.pk for p in together}

    group = apart_group(owner=owner, pk=decided.group or 0)
    assert sorted(group.ids) == sorted(p.pk for p in together)
    assert candidates_put_back(owner=owner, ids=group.ids) == PutBack(done=2, gone=0, skipped=0)

    assert [_fresh(p).status for p in together] == [CandidateStatus.PENDING] * 2
    assert _fresh(alone).status == CandidateStatus.KEPT_APART
    assert _apart(owner) == {(c.pk, c2.pk)}
    assert candidates_merge(owner=owner, ids=group.ids).done == 2


@pytest.mark.parametrize("how", ["merged", "deleted"])
def test_a_pair_whose_person_is_gone_cannot_come_back_and_nothing_is_lost(
    owner: User, how: str
) -> None:
    a, a2, b, b2, b3 = _people(owner, "Ana", "Ana S.", "Bo", "Bo L.", "Bo Lind")
    ana, bo = _pair(a, a2), _pair(b, b2)
    decided = candidates_keep_apart(owner=owner, ids=[ana.pk, bo.pk])
    bo_l = b2.pk
    if how == "merged":
        merge = person_merge(survivor=b3, absorbed=b2, evidence={})
    else:
        b2.delete()

    group = apart_group(owner=owner, pk=decided.group or 0)
    assert (group.ids, group.back, group.gone) == (sorted([ana.pk, bo.pk]), 1, 1)
    assert candidates_put_back(owner=owner, ids=group.ids) == PutBack(1, gone=1, skipped=0)

    assert _fresh(ana).status == CandidateStatus.PENDING
    bo = _fresh(bo)
    assert (bo.status, bo.person_a, bo.person_b) == (CandidateStatus.KEPT_APART, b, None)
    if how == "merged":  # splitting that merge brings Bo L. back, still kept apart from Bo
        merge_undo(merge=merge)
        assert (b.pk, bo_l) in _apart(owner)


def test_another_users_pairs_are_skipped_and_stay_kept_apart(owner: User, other: User) -> None:
    mine = _pair(*_people(owner, "Ana Souza", "Ana S."))
    theirs = _pair(*_people(other, "Bo Lind", "Bo L."))
    candidate_keep_apart(candidate=mine)
    candidate_keep_apart(candidate=theirs)

    assert candidates_put_back(owner=other, ids=[mine.pk, theirs.pk]) == PutBack(1, 0, 1)

    assert _fresh(mine).status == CandidateStatus.KEPT_APART
    assert KeepApart.objects.filter(owner=owner).count() == 1
    assert _fresh(theirs).status == CandidateStatus.PENDING
    with pytest.raises(Http404):
        apart_group(owner=other, pk=mine.pk)


def test_a_pair_not_kept_apart_is_skipped(owner: User) -> None:
    waiting = _pair(*_people(owner, "Ana Souza", "Ana S."))
    merged = _pair(*_people(owner, "Bo Lind", "Bo L."))
    candidate_merge(candidate=merged)

    assert candidates_put_back(owner=owner, ids=[waiting.pk, merged.pk, 999_999]) == PutBack(
        0, 0, 3
    )
    assert _fresh(waiting).status == CandidateStatus.PENDING
    assert Merge.objects.filter(owner=owner, undone_at=None).count() == 1
    assert apart_group(owner=owner, pk=waiting.pk).ids == []


def test_the_list_is_the_newest_decision_first(owner: User) -> None:
    a, a2, b, b2, c, c2 = _people(owner, "Ana", "Ana S.", "Bo", "Bo L.", "Cy", "Cy D.")
    first, second = _pair(c, c2), _pair(a, a2)
    candidate_keep_apart(candidate=first)
    candidate_keep_apart(candidate=second)
    merge_undo(merge=person_merge(survivor=b, absorbed=b2, evidence={}))  # no pair: made now

    listed = [(p.person_a.full_name, p.person_b.full_name) for p in kept_apart(owner=owner)]
    assert listed == [("Bo", "Bo L."), ("Ana", "Ana S."), ("Cy", "Cy D.")]
    assert not kept_apart(owner=User.objects.create_user(username="nobody")).exists()


def test_an_import_of_many_namesakes_is_put_back_at_once(owner: User) -> None:
    people = Person.objects.bulk_create(
        [Person(owner=owner, full_name=f"Ana Souza {i}") for i in range(2 * 1_200)]
    )
    MergeCandidate.objects.bulk_create(
        MergeCandidate(owner=owner, person_a=a, person_b=b, score=80.0)
        for a, b in zip(people[::2], people[1::2], strict=True)
    )
    ids = list(review_queue(owner=owner).values_list("pk", flat=True))
    decided = candidates_keep_apart(owner=owner, ids=ids)

    group = apart_group(owner=owner, pk=decided.group or 0)
    assert len(group.ids) == 1_200
    assert candidates_put_back(owner=owner, ids=group.ids) == PutBack(1_200, 0, 0)

    assert review_queue(owner=owner).count() == 1_200
    assert not KeepApart.objects.filter(owner=owner).exists()
