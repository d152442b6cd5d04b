"""A search never returns, counts or filters by another user's rows."""

from __future__ import annotations

import pytest
from tests.search.search_factories import (
    Find,
    company,
    conversation,
    job,
    opportunity,
    person,
    tag,
)

from rapport.accounts.models import User
from rapport.companies.models import TargetStatus
from rapport.search.selectors import search


def _network(user: User) -> set[tuple[str, int]]:
    stripe = company(user, "Stripe", notes="design", target_status=TargetStatus.TARGET)
    ana = person(user, "Ana Souza", notes="design")
    job(ana, stripe)
    tag(ana, "mentor")
    talk = conversation(user, "design", with_=[ana], about=[stripe])
    role = opportunity(stripe, "Designer")
    return {
        ("company", stripe.pk),
        ("person", ana.pk),
        ("conversation", talk.pk),
        ("opportunity", role.pk),
    }


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"types": ["person"]},
        {"tag": "mentor"},
        {"company": "Stripe"},
        {"target_status": TargetStatus.TARGET},
    ],
)
def test_a_search_returns_and_counts_only_the_owners_rows(
    owner: User, other: User, find: Find, options: dict[str, object]
) -> None:
    mine, theirs = _network(owner), _network(other)
    found = find("design", **options)
    returned = {(hit.type, hit.id) for hit in found.hits}
    assert returned
    assert returned <= mine
    assert not returned & theirs
    assert found.total == len(returned)
    assert sum(found.counts.values()) <= len(mine)


def test_another_users_company_name_filters_nothing_in(owner: User, other: User) -> None:
    _network(owner)
    job(person(other, "Eve Stone", notes="design"), company(other, "Initech"))
    found = search(owner=other, query="design", company="Stripe")
    assert (found.hits, found.total) == ([], 0)


def test_a_user_with_nothing_finds_nothing(owner: User, other: User) -> None:
    _network(owner)
    found = search(owner=other, query="ana design stripe")
    assert (found.hits, found.total, sum(found.counts.values())) == ([], 0, 0)
