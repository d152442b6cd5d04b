"""Deciding many pairs of the review queue at once: merged or kept apart, each as one pair
would be, in one transaction; what cannot be decided any more is skipped and counted."""

from __future__ import annotations

from typing import Any

import pytest

from rapport.accounts.models import User
from rapport.core.versions import data_version
from rapport.imports.merge import bulk
from rapport.imports.models import (
    CandidateStatus,
    ImportBatch,
    KeepApart,
    Merge,
    MergeCandidate,
)
from rapport.imports.selectors import batch_review_ids, review_batches, review_queue
from rapport.imports.services import (
    Decided,
    candidate_merge,
    candidates_keep_apart,
    candidates_merge,
    merge_undo,
)
from rapport.people.models import Person
from rapport.people.services import person_create


def _people(owner: User, *names: str) -> list[Person]:
    return [person_create(owner=owner, full_name=name) for name in names]


def _pair(a: Person, b: Person, score: float = 80.0, batch: ImportBatch | None = None) -> int:
    candidate = MergeCandidate.objects.create(
        owner_id=a.owner_id, person_a=a, person_b=b, score=score, batch=batch
    )
    return candidate.pk


def _status(pk: int) -> str:
    return MergeCandidate.objects.get(pk=pk).status


def _names(owner: User) -> list[str]:
    return sorted(Person.objects.filter(owner=owner).values_list("full_name", flat=True))


def test_merging_the_selected_pairs_merges_each_and_counts_them(owner: User) -> None:
    ana, ana_s, bo, bo_l, _cy = _people(owner, "Ana Souza", "Ana S.", "Bo Lind", "Bo L.", "Cy")
    ids = [_pair(ana, ana_s), _pair(bo, bo_l)]

    assert candidates_merge(owner=owner, ids=ids) == Decided(done=2, skipped=0)

    assert _names(owner) == ["Ana Souza", "Bo Lind", "Cy"]
    assert [_status(pk) for pk in ids] == [CandidateStatus.MERGED] * 2
    assert Merge.objects.filter(owner=owner).count() == 2
    assert not review_queue(owner=owner).exists()


def test_keeping_the_selected_pairs_apart_remembers_each(owner: User) -> None:
    ana, ana_s, bo, bo_l = _people(owner, "Ana Souza", "Ana S.", "Bo Lind", "Bo L.")
    ids = [_pair(ana, ana_s), _pair(bo, bo_l)]

    assert candidates_keep_apart(owner=owner, ids=ids) == Decided(done=2, skipped=0)

    assert _names(owner) == ["Ana S.", "Ana Souza", "Bo L.", "Bo Lind"]
    assert [_status(pk) for pk in ids] == [CandidateStatus.KEPT_APART] * 2
    assert KeepApart.objects.filter(owner=owner).count() == 2
    assert not Merge.objects.exists()


@pytest.mark.parametrize("decide", [candidates_merge, candidates_keep_apart])
def test_another_users_pairs_are_skipped_and_stay_as_they_were(
    owner: User, other: User, decide: Any
) -> None:
    mine = _pair(*_people(owner, "Ana Souza", "Ana S."))
    theirs = _pair(*_people(other, "Bo Lind", "Bo L."))

    assert decide(owner=owner, ids=[mine, theirs]) == Decided(done=1, skipped=1)

    assert _status(theirs) == CandidateStatus.PENDING
    assert _names(other) == ["Bo L.", "Bo Lind"]
    assert not KeepApart.objects.filter(owner=other).exists()
    assert not Merge.objects.filter(owner=other).exists()


def test_a_pair_decided_already_or_unknown_is_skipped(owner: User) -> None:
    ana, ana_s, bo, bo_l = _people(owner, "Ana Souza", "Ana S.", "Bo Lind", "Bo L.")
    decided, pending = _pair(ana, ana_s), _pair(bo, bo_l)
    candidates_keep_apart(owner=owner, ids=[decided])

    assert candidates_merge(owner=owner, ids=[decided, pending, 999_999]) == Decided(1, 2)

    assert _status(decided) == CandidateStatus.KEPT_APART
    assert _names(owner) == ["Ana S.", "Ana Souza", "Bo Lind"]


def test_the_same_id_twice_counts_once(owner: User) -> None:
    pk = _pair(*_people(owner, "Ana Souza", "Ana S."))
    assert candidates_keep_apart(owner=owner, ids=[pk, pk]) == Decided(done=1, skipped=0)


def test_a_chain_merged_away_by_an_earlier_pair_is_skipped_never_merged_into_nobody(
    owner: User,
) -> None:
    a, b, c = _people(owner, "Ana Souza", "Ana S.", "A. Souza")
    # A-B first (surer): B goes into A, which drops the pending pair B-C, as one merge does.
    ab, bc = _pair(a, b, score=90), _pair(b, c, score=85)

    assert candidates_merge(owner=owner, ids=[bc, ab]) == Decided(done=1, skipped=1)

    assert _names(owner) == ["A. Souza", "Ana Souza"]
    assert not MergeCandidate.objects.filter(pk=bc).exists()
    assert list(Merge.objects.values_list("survivor", flat=True)) == [a.pk]
    # Undoing that merge brings B back, and the pair B-C waits in the queue again.
    merge_undo(merge=Merge.objects.get())
    assert _status(bc) == CandidateStatus.PENDING


def test_a_chain_read_from_its_far_end_merges_all_three(owner: User) -> None:
    a, b, c = _people(owner, "Ana Souza", "Ana S.", "A. Souza")
    ab, bc = _pair(a, b, score=85), _pair(b, c, score=90)  # C into B, then B into A

    assert candidates_merge(owner=owner, ids=[ab, bc]) == Decided(done=2, skipped=0)

    assert _names(owner) == ["Ana Souza"]


def test_two_pairs_with_one_person_in_common_merge_into_that_person(owner: User) -> None:
    a, b, c = _people(owner, "Ana Souza", "Ana S.", "A. Souza")
    ids = [_pair(a, b), _pair(a, c)]

    assert candidates_merge(owner=owner, ids=ids) == Decided(done=2, skipped=0)

    assert _names(owner) == ["Ana Souza"]
    assert set(Merge.objects.values_list("survivor", flat=True)) == {a.pk}


def test_one_merge_of_a_bulk_is_undone_alone(owner: User) -> None:
    ana, ana_s, bo, bo_l = _people(owner, "Ana Souza", "Ana S.", "Bo Lind", "Bo L.")
    ids = [_pair(ana, ana_s), _pair(bo, bo_l)]
    candidates_merge(owner=owner, ids=ids)

    merge_undo(merge=Merge.objects.get(survivor=bo))

    assert _names(owner) == ["Ana Souza", "Bo L.", "Bo Lind"]
    assert [_status(pk) for pk in ids] == [CandidateStatus.MERGED, CandidateStatus.KEPT_APART]
    assert Merge.objects.get(survivor=ana).undone_at is None


def test_a_pair_that_cannot_be_merged_is_skipped_and_left_waiting(owner: User) -> None:
    ana, ana_s, bo, bo_l = _people(owner, "Ana Souza", "Ana S.", "Bo Lind", "Bo L.")
    refused, fine = _pair(ana, ana_s, score=90), _pair(bo, bo_l)
    KeepApart.objects.create(owner=owner, person_a=ana, person_b=ana_s)  # said before, elsewhere

    assert candidates_merge(owner=owner, ids=[refused, fine]) == Decided(done=1, skipped=1)

    assert _status(refused) == CandidateStatus.PENDING  # its half-made decision rolled back
    assert _names(owner) == ["Ana S.", "Ana Souza", "Bo Lind"]


def test_an_error_halfway_leaves_every_pair_undecided(
    owner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, ana_s, bo, bo_l = _people(owner, "Ana Souza", "Ana S.", "Bo Lind", "Bo L.")
    ids = [_pair(ana, ana_s, score=90), _pair(bo, bo_l)]
    merged: list[int] = []

    def merge_then_fail(*, candidate: MergeCandidate) -> Merge:
        if merged:
            raise RuntimeError("disk full")
        merged.append(candidate.pk)
        return candidate_merge(candidate=candidate)

    monkeypatch.setattr(bulk, "candidate_merge", merge_then_fail)
    with pytest.raises(RuntimeError):
        candidates_merge(owner=owner, ids=ids)

    assert merged == [ids[0]]
    assert [_status(pk) for pk in ids] == [CandidateStatus.PENDING] * 2
    assert _names(owner) == ["Ana S.", "Ana Souza", "Bo L.", "Bo Lind"]


def test_merging_many_bumps_the_data_version_that_cached_pages_key_on(owner: User) -> None:
    ids = [_pair(*_people(owner, "Ana Souza", "Ana S.")), _pair(*_people(owner, "Bo", "Bo L."))]
    before = data_version(owner.pk)

    candidates_merge(owner=owner, ids=ids)

    assert data_version(owner.pk) != before


def test_an_imports_pairs_are_listed_and_kept_apart_together(owner: User) -> None:
    cards = ImportBatch.objects.create(owner=owner, kind="vcard", files=["contacts.vcf"])
    links = ImportBatch.objects.create(owner=owner, kind="linkedin", files=["Connections.csv"])
    a, a2, b, b2, c, c2 = _people(owner, "Ana", "Ana S.", "Bo", "Bo L.", "Cy", "Cy D.")
    from_cards = [_pair(a, a2, batch=cards), _pair(b, b2, batch=cards)]
    from_links = _pair(c, c2, batch=links)

    listed = [(entry.batch.pk, entry.pairs) for entry in review_batches(owner=owner)]
    assert listed == [(links.pk, 1), (cards.pk, 2)]
    ids = batch_review_ids(owner=owner, batch=cards)
    assert sorted(ids) == sorted(from_cards)

    assert candidates_keep_apart(owner=owner, ids=ids) == Decided(done=2, skipped=0)
    assert _status(from_links) == CandidateStatus.PENDING
    assert [(e.batch.pk, e.pairs) for e in review_batches(owner=owner)] == [(links.pk, 1)]


def test_keeping_apart_closes_the_same_two_people_either_way_round(owner: User) -> None:
    ana, ana_s = _people(owner, "Ana Souza", "Ana S.")
    chosen, reversed_ = _pair(ana, ana_s), _pair(ana_s, ana)  # as keep_apart_add closes both
    KeepApart.objects.create(owner=owner, person_a=ana, person_b=ana_s)  # and one said before

    assert candidates_keep_apart(owner=owner, ids=[chosen]) == Decided(done=1, skipped=0)

    assert [_status(chosen), _status(reversed_)] == [CandidateStatus.KEPT_APART] * 2
    assert KeepApart.objects.filter(owner=owner).count() == 1


def test_an_import_of_many_namesakes_is_kept_apart_at_once(owner: User) -> None:
    people = Person.objects.bulk_create(
        [Person(owner=owner, full_name=f"Ana Souza {i}") for i in range(2 * 1_200)]
    )
    batch = ImportBatch.objects.create(owner=owner, kind="vcard", files=["contacts.vcf"])
    MergeCandidate.objects.bulk_create(
        MergeCandidate(owner=owner, person_a=a, person_b=b, score=80.0, batch=batch)
        for a, b in zip(people[::2], people[1::2], strict=True)
    )

    ids = batch_review_ids(owner=owner, batch=batch)
    assert candidates_keep_apart(owner=owner, ids=ids) == Decided(done=1_200, skipped=0)

    assert not review_queue(owner=owner).exists()
    assert KeepApart.objects.filter(owner=owner).count() == 1_200
