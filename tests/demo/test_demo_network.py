"""`demo_network_load` fills a new user's network with a believable three months of connecting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment, TargetStatus
from rapport.companies.services import company_find_or_create
from rapport.conversations.models import (
    Conversation,
    Introduction,
    IntroductionState,
    Outcome,
    OutcomeKind,
)
from rapport.core.models import Source
from rapport.demo.services import demo_network_load, demo_summary
from rapport.opportunities.models import Opportunity
from rapport.people.models import ContactPoint, Person

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def demo(owner: User) -> User:
    demo_network_load(owner=owner, today=TODAY)
    return owner


def test_it_loads_a_few_dozen_people_across_about_ten_companies(demo: User) -> None:
    summary = demo_summary(owner=demo)
    assert 30 <= summary.people <= 40
    assert 8 <= summary.companies <= 13
    assert 18 <= summary.conversations <= 24
    assert 6 <= summary.opportunities <= 10


def test_every_row_it_loads_is_marked_as_demo_data(demo: User) -> None:
    for model in (Person, Company, Conversation, Employment, ContactPoint):
        rows = model.objects.filter(owner=demo)  # type: ignore[attr-defined]
        assert rows.exists()
        assert not rows.exclude(source=Source.DEMO).exists(), model.__name__


def test_people_have_headlines_locations_contact_points_and_tags(demo: User) -> None:
    people = Person.objects.filter(owner=demo)
    assert not people.filter(headline="").exists()
    assert not people.filter(location="").exists()
    assert not people.filter(contact_points__isnull=True).exists()
    assert people.filter(tags__name="former colleague").count() >= 3
    assert people.filter(tags__name="alumni").count() >= 3
    assert people.filter(tags__name="meetup").count() >= 3


def test_people_have_current_and_former_jobs(demo: User) -> None:
    jobs = Employment.objects.filter(owner=demo)
    assert jobs.filter(is_current=True, ended_on__isnull=True).count() >= 25
    former = jobs.filter(is_current=False)
    assert former.count() >= 4
    assert all(job.started_on and job.ended_on and job.started_on < job.ended_on for job in former)


def test_conversations_span_the_last_three_months_over_several_channels(demo: User) -> None:
    conversations = Conversation.objects.filter(owner=demo)
    dates = [c.occurred_on for c in conversations]
    assert max(dates) < TODAY
    assert TODAY - min(dates) <= dt.timedelta(days=100)
    assert TODAY - max(dates) <= dt.timedelta(days=7)
    assert len(set(conversations.values_list("channel", flat=True))) >= 5


def test_conversations_have_every_kind_of_outcome(demo: User) -> None:
    kinds = set(Outcome.objects.filter(owner=demo).values_list("kind", flat=True))
    assert kinds == set(OutcomeKind.values)


def test_the_target_list_has_priorities_and_who_recommended_each_company(demo: User) -> None:
    targets = Company.objects.filter(owner=demo, target_status=TargetStatus.TARGET)
    assert 5 <= targets.count() <= 7
    priorities = sorted(c.priority for c in targets if c.priority is not None)
    assert priorities == list(range(1, targets.count() + 1))
    assert targets.filter(status_by__isnull=False).count() >= 3


def test_companies_to_avoid_say_why_and_who_warned(demo: User) -> None:
    avoided = Company.objects.filter(owner=demo, target_status=TargetStatus.AVOID)
    assert 1 <= avoided.count() <= 2
    for company in avoided:
        assert company.status_by is not None
        assert company.status_reason
        assert company.priority is None


def test_some_companies_have_a_referral_protocol_learned_from_someone(demo: User) -> None:
    protocols = [c for c in Company.objects.filter(owner=demo) if c.has_referral_protocol()]
    assert len(protocols) >= 3
    for company in protocols:
        assert company.referral_learned_from is not None
        assert company.referral_learned_on is not None
        assert company.referral_learned_on < TODAY


def test_leads_include_hidden_and_advertised_jobs_in_several_stages(demo: User) -> None:
    opportunities = Opportunity.objects.filter(owner=demo)
    assert opportunities.filter(advertised=False, source_person__isnull=False).exists()
    assert opportunities.filter(advertised=True).exists()
    assert len(set(opportunities.values_list("stage", flat=True))) >= 4
    assert opportunities.filter(referrer__isnull=False).exists()


def test_an_insight_is_linked_to_the_opportunity_it_is_about(demo: User) -> None:
    assert Outcome.objects.filter(
        owner=demo, kind=OutcomeKind.INSIGHT, opportunity__isnull=False
    ).exists()


def test_introductions_form_chains_and_are_in_every_state(demo: User) -> None:
    introductions = Introduction.objects.filter(owner=demo)
    assert set(introductions.values_list("state", flat=True)) == set(IntroductionState.values)
    introducers = set(introductions.values_list("introducer_id", flat=True))
    introduced = set(introductions.values_list("introduced_id", flat=True))
    assert introducers & introduced, "someone introduced to the user introduced someone else"
    for introduction in introductions:
        assert introduction.introduced.introduced_by == introduction.introducer


def test_it_refuses_a_network_that_already_has_people_and_changes_nothing(demo: User) -> None:
    before = demo_summary(owner=demo)
    with pytest.raises(ValidationError, match="already has people or companies"):
        demo_network_load(owner=demo, today=TODAY)
    assert demo_summary(owner=demo) == before


def test_it_refuses_a_network_with_only_a_company(owner: User) -> None:
    company_find_or_create(owner=owner, name="Acme Widgets")
    with pytest.raises(ValidationError):
        demo_network_load(owner=owner, today=TODAY)
    assert Person.objects.filter(owner=owner).count() == 0
    assert Company.objects.filter(owner=owner).count() == 1


def test_it_leaves_other_users_alone(demo: User, other: User) -> None:
    assert demo_summary(owner=other).people == 0
    demo_network_load(owner=other, today=TODAY)
    assert demo_summary(owner=other) == demo_summary(owner=demo)


def test_two_users_get_exactly_the_same_network(owner: User, other: User) -> None:
    demo_network_load(owner=owner, today=TODAY)
    demo_network_load(owner=other, today=TODAY)
    assert _snapshot(owner) == _snapshot(other)


def test_dates_move_with_the_day_it_is_loaded(owner: User, other: User) -> None:
    demo_network_load(owner=owner, today=TODAY)
    demo_network_load(owner=other, today=TODAY + dt.timedelta(days=30))
    mine = sorted(Conversation.objects.filter(owner=owner).values_list("occurred_on", flat=True))
    theirs = sorted(Conversation.objects.filter(owner=other).values_list("occurred_on", flat=True))
    assert [d + dt.timedelta(days=30) for d in mine] == theirs


def _snapshot(owner: User) -> dict[str, Any]:
    """Everything the demo writes, without ids or timestamps."""
    return {
        "people": sorted(
            (
                p.full_name,
                p.headline,
                p.location,
                p.relationship,
                str(p.introduced_by),
                sorted(p.contact_points.values_list("value", flat=True)),
                sorted(p.tags.values_list("name", flat=True)),
            )
            for p in Person.objects.filter(owner=owner)
        ),
        "jobs": sorted(
            Employment.objects.filter(owner=owner).values_list(
                "person__full_name", "company__name", "title", "started_on", "ended_on"
            )
        ),
        "companies": sorted(
            Company.objects.filter(owner=owner).values_list(
                "name",
                "target_status",
                "priority",
                "status_reason",
                "status_by__full_name",
                "referral_channel",
                "referral_learned_from__full_name",
                "referral_learned_on",
            ),
            key=str,
        ),
        "conversations": sorted(
            Conversation.objects.filter(owner=owner).values_list("occurred_on", "channel", "notes")
        ),
        "outcomes": sorted(
            Outcome.objects.filter(owner=owner).values_list(
                "kind", "text", "from_person__full_name", "person__full_name", "company__name"
            ),
            key=str,
        ),
        "opportunities": sorted(
            Opportunity.objects.filter(owner=owner).values_list(
                "company__name", "title", "stage", "advertised", "referrer__full_name"
            ),
            key=str,
        ),
        "introductions": sorted(
            Introduction.objects.filter(owner=owner).values_list(
                "introducer__full_name", "introduced__full_name", "state"
            )
        ),
    }
