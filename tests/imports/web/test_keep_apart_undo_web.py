"""The pairs kept apart, listed to take a decision back: one pair from the list or from the
message after keeping it apart, or a whole bulk decision after asking. Plain form POSTs."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from tests.imports.web.import_web_helpers import import_pairs, review_pair, statuses
from tests.people.test_markup import _check

from rapport.accounts.models import User
from rapport.imports.models import CandidateStatus, KeepApart, MergeCandidate
from rapport.imports.services import (
    candidate_keep_apart,
    candidate_merge,
    candidates_keep_apart,
)

HTMX = {"HX-Request": "true"}


def _page(client: Client, name: str = "imports:kept_apart") -> str:
    return client.get(reverse(name)).content.decode()


def test_the_list_shows_both_people_of_each_pair_and_is_linked_from_the_queue(
    client_owner: Client, pairs: list[MergeCandidate]
) -> None:
    for pair in pairs:
        candidate_keep_apart(candidate=pair)
    assert f'href="{reverse("imports:kept_apart")}"' in _page(client_owner, "imports:review")

    page = _page(client_owner)

    assert page.index("Bo Lind") < page.index("Ana Souza")  # the newest decision first
    for name in ("Ana Souza", "Ana S.", "Bo Lind", "Bo L."):
        assert f">{name}</a>" in page
    assert page.count("Put back in the queue<span") == 2
    assert "Match score 80 out of 100." in page
    _check(page)


def test_the_list_is_paginated_like_the_queue(client_owner: Client, owner: User) -> None:
    for i in range(26):
        candidate_keep_apart(candidate=review_pair(owner, f"Ana Souza {i}", f"Ana S. {i}"))
    page = _page(client_owner)
    assert page.count("Put back in the queue<span") == 25
    assert 'href="?page=2" rel="next"' in page


def test_a_pair_is_put_back_from_the_list(
    client_owner: Client, owner: User, pairs: list[MergeCandidate]
) -> None:
    apart = candidate_keep_apart(candidate=pairs[0])

    response = client_owner.post(reverse("imports:apart_undo", args=[apart.pk]), {"page": "2"})

    assert response["Location"] == reverse("imports:kept_apart") + "?page=2"
    assert statuses(pairs) == [CandidateStatus.PENDING] * 2
    assert not KeepApart.objects.filter(owner=owner).exists()
    assert "Back in the queue: Ana Souza and Ana S." in _page(client_owner)


def test_the_message_after_keeping_a_pair_apart_leads_back(
    client_owner: Client, pairs: list[MergeCandidate]
) -> None:
    client_owner.post(reverse("imports:candidate_apart", args=[pairs[0].pk]))
    url = reverse("imports:apart_group", args=[pairs[0].pk])
    assert f'Kept apart: Ana Souza and Ana S. <a href="{url}">' in _page(
        client_owner, "imports:review"
    )

    asked = client_owner.get(url).content.decode()
    assert "Put this pair back in the queue?" in asked
    assert "Ana Souza and Ana S." in asked
    assert statuses(pairs)[0] == CandidateStatus.KEPT_APART
    _check(asked)

    response = client_owner.post(url)
    assert response["Location"] == reverse("imports:review")
    assert statuses(pairs) == [CandidateStatus.PENDING] * 2
    assert "Put 1 pair back in the queue." in _page(client_owner, "imports:review")


def test_with_htmx_the_pair_kept_apart_comes_back_in_place(
    client_owner: Client, pairs: list[MergeCandidate]
) -> None:
    said = client_owner.post(reverse("imports:candidate_apart", args=[pairs[0].pk]), headers=HTMX)
    undo = reverse("imports:apart_undo", args=[KeepApart.objects.get().pk])
    assert f'hx-post="{undo}"' in said.content.decode()

    back = client_owner.post(undo, headers=HTMX).content.decode()

    assert f'<li id="pair-{pairs[0].pk}"' in back
    assert "Different people — keep apart" in back
    assert statuses(pairs) == [CandidateStatus.PENDING] * 2


def test_a_bulk_keep_apart_is_put_back_whole_after_asking(
    client_owner: Client, owner: User, pairs: list[MergeCandidate]
) -> None:
    batch, ours = import_pairs(owner)
    client_owner.post(reverse("imports:batch_keep_apart", args=[batch.pk]))
    url = reverse("imports:apart_group", args=[min(p.pk for p in ours)])
    assert f'Kept 2 pairs apart. <a href="{url}">' in _page(client_owner, "imports:review")
    listed = _page(client_owner)
    assert f'href="{url}">Put all 2 back in the queue…' in listed

    asked = client_owner.get(url).content.decode()
    assert "Put all 2 pairs back in the queue?" in asked
    assert statuses(ours) == [CandidateStatus.KEPT_APART] * 2
    _check(asked)

    client_owner.post(url)
    assert statuses(ours) == [CandidateStatus.PENDING] * 2
    assert "Put 2 pairs back in the queue." in _page(client_owner, "imports:review")


def test_a_pair_whose_person_is_gone_is_said_not_to_come_back(
    client_owner: Client, owner: User, pairs: list[MergeCandidate]
) -> None:
    candidates_keep_apart(owner=owner, ids=[p.pk for p in pairs])
    assert pairs[1].person_b is not None
    pairs[1].person_b.delete()
    url = reverse("imports:apart_group", args=[pairs[0].pk])
    asked = client_owner.get(url).content.decode()
    assert "Put this pair back in the queue?" in asked
    assert "1 pair kept apart then cannot come back" in asked

    client_owner.post(url)

    page = _page(client_owner, "imports:review")
    assert "Put 1 pair back in the queue." in page
    assert "1 pair could not come back: one of the two people was merged" in page
    assert statuses(pairs) == [CandidateStatus.PENDING, CandidateStatus.KEPT_APART]


def test_undoing_is_post_only_and_needs_the_csrf_token(
    owner: User, client_owner: Client, pairs: list[MergeCandidate]
) -> None:
    apart = candidate_keep_apart(candidate=pairs[0])
    undo = reverse("imports:apart_undo", args=[apart.pk])
    assert client_owner.get(undo).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)

    assert strict.post(undo).status_code == 403
    assert strict.post(reverse("imports:apart_group", args=[pairs[0].pk])).status_code == 403
    assert statuses(pairs)[0] == CandidateStatus.KEPT_APART


def test_another_users_pairs_are_404_and_stay_kept_apart(
    client_other: Client, pairs: list[MergeCandidate]
) -> None:
    apart = candidate_keep_apart(candidate=pairs[0])
    group = reverse("imports:apart_group", args=[pairs[0].pk])

    assert client_other.post(reverse("imports:apart_undo", args=[apart.pk])).status_code == 404
    assert client_other.get(group).status_code == 404
    assert client_other.post(group).status_code == 404
    assert "Ana Souza" not in _page(client_other)
    assert statuses(pairs)[0] == CandidateStatus.KEPT_APART
    assert KeepApart.objects.filter(pk=apart.pk).exists()


def test_splitting_a_merge_says_they_are_kept_apart_and_where_to_take_it_back(
    client_owner: Client, pairs: list[MergeCandidate]
) -> None:
    merge = candidate_merge(candidate=pairs[0])

    response = client_owner.post(reverse("imports:merge_undo", args=[merge.pk]), follow=True)

    page = response.content.decode()
    assert "Ana S. is a separate person again, kept apart from Ana Souza." in page
    assert f'<a href="{reverse("imports:kept_apart")}">Pairs kept apart</a>' in page
    listed = _page(client_owner)
    assert "Put back in the queue<span" in listed  # the pair of the queue it came from
