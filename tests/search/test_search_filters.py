"""Filters narrow a search by type, tag, company or target status."""

from __future__ import annotations

import pytest
from tests.search.search_factories import (
    Find,
    alias,
    company,
    conversation,
    job,
    opportunity,
    person,
    tag,
    titles,
)

from rapport.accounts.models import User
from rapport.companies.models import TargetStatus


@pytest.fixture
def network(owner: User) -> None:
    """Everyone and everything mentions "design", so only the filters tell them apart."""
    stripe = company(owner, "Stripe", notes="design", target_status=TargetStatus.TARGET)
    google = company(owner, "Google", notes="design", target_status=TargetStatus.AVOID)
    alias(google, "Alphabet")
    ana, bo, cy = (person(owner, n, notes="design") for n in ("Ana", "Bo", "Cy"))
    job(ana, stripe)
    job(bo, stripe, current=False)
    job(cy, google)
    tag(ana, "mentor")
    tag(cy, "mentor")
    conversation(owner, "design review", with_=[cy], about=[stripe])
    conversation(owner, "design chat", with_=[ana], about=[google])
    opportunity(stripe, "Designer")
    opportunity(google, "Design lead")


@pytest.mark.usefixtures("network")
def test_a_type_filter_keeps_that_type_and_still_counts_the_others(find: Find) -> None:
    found = find("design", types=["company"])
    assert sorted(titles(found)) == ["Google", "Stripe"]
    assert found.total == 2
    assert found.counts == {"person": 3, "company": 2, "conversation": 2, "opportunity": 2}


@pytest.mark.usefixtures("network")
def test_several_types_can_be_asked_for(find: Find) -> None:
    found = find("design", types=["company", "opportunity"])
    assert {hit.type for hit in found.hits} == {"company", "opportunity"}
    assert found.total == 4


@pytest.mark.usefixtures("network")
def test_a_tag_filter_keeps_tagged_people(find: Find) -> None:
    assert sorted(titles(find("design", tag="Mentor"))) == ["Ana", "Cy"]


@pytest.mark.usefixtures("network")
def test_a_company_filter_keeps_what_concerns_that_company(find: Find) -> None:
    found = find("design", company="stripe, inc.")
    assert sorted(titles(found)) == [
        "Ana",
        "Bo",  # worked there
        "Conversation with Cy, 2 Nov 2026",  # discussed it
        "Designer at Stripe",
        "Stripe",
    ]


@pytest.mark.usefixtures("network")
def test_a_company_filter_accepts_an_alias(find: Find) -> None:
    assert "Design lead at Google" in titles(find("design", company="Alphabet"))


@pytest.mark.usefixtures("network")
def test_a_target_status_filter_keeps_those_companies_and_their_current_people(
    find: Find,
) -> None:
    found = find("design", target_status=TargetStatus.TARGET)
    assert sorted(titles(found)) == [
        "Ana",
        "Conversation with Cy, 2 Nov 2026",
        "Designer at Stripe",
        "Stripe",
    ]


@pytest.mark.usefixtures("network")
def test_filters_combine(find: Find) -> None:
    assert titles(find("design", tag="mentor", company="Google")) == ["Cy"]
    assert titles(find("design", tag="mentor", types=["company"])) == []


@pytest.mark.usefixtures("network")
@pytest.mark.parametrize(
    "options",
    [{"tag": "nobody"}, {"company": "Nowhere"}, {"target_status": "bogus"}, {"types": ["x"]}],
)
def test_unknown_filter_values_match_nothing_or_are_ignored(
    find: Find, options: dict[str, object]
) -> None:
    found = find("design", **options)
    if "types" in options:  # an unknown type is ignored
        assert found.total == 9
    else:
        assert (found.hits, found.total) == ([], 0)
