"""The review page's bulk decisions: tick pairs, merge or keep them apart together; keep all of
an import's pairs apart. A plain form POST, then back to the queue with what happened."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from tests.imports.web.import_web_helpers import import_pairs, review_pair, statuses
from tests.people.test_markup import _check

from rapport.accounts.models import User
from rapport.imports.models import CandidateStatus, KeepApart, Merge, MergeCandidate
from rapport.people.models import Person

DECIDE = "imports:candidates_decide"


def _decide(client: Client, decision: str, *ids: object, **more: str) -> Any:
    data = {"decision": decision, "candidate": [str(pk) for pk in ids], **more}
    return client.post(reverse(DECIDE), data)


def test_each_pair_has_a_checkbox_named_after_both_people(
    client_owner: Client, pairs: list[MergeCandidate]
) -> None:
    page = client_owner.get(reverse("imports:review")).content.decode()
    ana = pairs[0].pk
    assert f'id="select-{ana}" name="candidate" value="{ana}" form="review-selected"' in page
    assert (
        f'<label for="select-{ana}">Select<span class="visually-hidden"> Ana Souza and Ana S.'
        in (page)
    )
    assert 'id="review-selected"' in page
    assert "Merge the selected" in page
    assert "Keep the selected apart" in page
    assert "Select every pair on this page" in page
    assert " checked" not in page
    _check(page)  # every control labelled, CSRF in every form, headings in order


def test_select_all_ticks_every_pair_on_the_page_without_javascript(
    client_owner: Client, pairs: list[MergeCandidate]
) -> None:
    page = client_owner.get(reverse("imports:review") + "?select=all").content.decode()
    assert page.count('form="review-selected" checked') == 2
    assert "Clear the selection" in page


def test_a_selection_of_every_pair_stays_on_its_page(client_owner: Client, owner: User) -> None:
    for i in range(26):  # one more than a page
        review_pair(owner, f"Ana Souza {i}", f"Ana S. {i}")
    page = client_owner.get(reverse("imports:review") + "?select=all").content.decode()
    assert page.count('form="review-selected" checked') == 25
    assert 'href="?page=2" rel="next"' in page


def test_merging_the_selected_pairs_says_how_many(
    client_owner: Client, owner: User, pairs: list[MergeCandidate]
) -> None:
    response = _decide(client_owner, "merge", *[p.pk for p in pairs])

    assert response.status_code == 302
    assert response["Location"] == reverse("imports:review")
    assert statuses(pairs) == [CandidateStatus.MERGED] * 2
    assert Person.objects.filter(owner=owner).count() == 2
    page = client_owner.get(reverse("imports:review")).content.decode()
    assert escape("Merged 2 pairs. Each merge can be undone from the person's page.") in page
    assert "Nothing to review" in page


def test_keeping_the_selected_pairs_apart_says_how_many_and_returns_to_the_page(
    client_owner: Client, owner: User, pairs: list[MergeCandidate]
) -> None:
    response = _decide(client_owner, "apart", pairs[0].pk, page="2")

    assert response["Location"] == reverse("imports:review") + "?page=2"
    assert statuses(pairs) == [CandidateStatus.KEPT_APART, CandidateStatus.PENDING]
    assert KeepApart.objects.filter(owner=owner).count() == 1
    page = client_owner.get(reverse("imports:review")).content.decode()
    assert "Kept 1 pair apart." in page


def test_nothing_selected_says_so_and_changes_nothing(
    client_owner: Client, pairs: list[MergeCandidate]
) -> None:
    response = _decide(client_owner, "merge")

    assert response["Location"] == reverse("imports:review")
    assert statuses(pairs) == [CandidateStatus.PENDING] * 2
    page = client_owner.get(reverse("imports:review")).content.decode()
    assert "Select at least one pair first: nothing was changed." in page


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "merge", "candidate": ["1x"]},
        {"decision": "apart", "candidate": ["", "2"]},
        {"decision": "delete", "candidate": ["1"]},
        {"candidate": ["1"]},
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    client_owner: Client, pairs: list[MergeCandidate], data: dict[str, Any]
) -> None:
    data = {**data, "candidate": [*data["candidate"], str(pairs[0].pk)]}  # one good id too
    response = client_owner.post(reverse(DECIDE), data)

    assert response.status_code == 400
    assert statuses(pairs) == [CandidateStatus.PENDING] * 2
    assert not Merge.objects.exists()
    assert not KeepApart.objects.exists()


def test_another_users_pairs_are_skipped_and_counted(
    client_other: Client, owner: User, other: User, pairs: list[MergeCandidate]
) -> None:
    theirs = review_pair(other, "Cy Diaz", "Cy D.")
    _decide(client_other, "apart", theirs.pk, *[p.pk for p in pairs])

    assert statuses(pairs) == [CandidateStatus.PENDING] * 2
    assert not KeepApart.objects.filter(owner=owner).exists()
    assert statuses([theirs]) == [CandidateStatus.KEPT_APART]
    page = client_other.get(reverse("imports:review")).content.decode()
    assert "Kept 1 pair apart." in page
    assert "2 pairs were skipped" in page


def test_a_get_is_refused(client_owner: Client, pairs: list[MergeCandidate]) -> None:
    url = reverse(DECIDE) + f"?decision=merge&candidate={pairs[0].pk}"
    assert client_owner.get(url).status_code == 405
    assert statuses(pairs) == [CandidateStatus.PENDING] * 2


def test_deciding_needs_the_csrf_token(owner: User, pairs: list[MergeCandidate]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)

    response = _decide(client, "merge", *[p.pk for p in pairs])

    assert response.status_code == 403
    assert statuses(pairs) == [CandidateStatus.PENDING] * 2


def test_an_imports_pairs_are_kept_apart_after_asking(
    client_owner: Client, owner: User, pairs: list[MergeCandidate]
) -> None:
    batch, ours = import_pairs(owner)
    review = client_owner.get(reverse("imports:review")).content.decode()
    url = reverse("imports:batch_keep_apart", args=[batch.pk])
    assert f'href="{url}"' in review
    assert f"Keep all 2 pairs from import #{batch.pk} apart" in review

    asked = client_owner.get(url).content.decode()
    assert f"Keep all 2 pairs from import #{batch.pk} apart?" in asked
    assert statuses(ours) == [CandidateStatus.PENDING] * 2
    _check(asked)

    response = client_owner.post(url)
    assert response["Location"] == reverse("imports:review")
    assert statuses(ours) == [CandidateStatus.KEPT_APART] * 2
    assert statuses(pairs) == [CandidateStatus.PENDING] * 2  # pairs of no import stay
    assert "Kept 2 pairs apart." in client_owner.get(reverse("imports:review")).content.decode()


def test_another_users_import_is_404_and_its_pairs_stay(client_other: Client, owner: User) -> None:
    batch, ours = import_pairs(owner)
    url = reverse("imports:batch_keep_apart", args=[batch.pk])

    assert client_other.get(url).status_code == 404
    assert client_other.post(url).status_code == 404
    assert statuses(ours) == [CandidateStatus.PENDING] * 2
