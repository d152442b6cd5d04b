"""Rules of one opportunity live on the model: its stage change and whether it is open."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from rapport.accounts.models import User
from rapport.companies.services import company_find_or_create
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.services import opportunity_create, opportunity_move


@pytest.fixture
def lead(owner: User) -> Opportunity:
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), tick=False):
        stripe, _ = company_find_or_create(owner=owner, name="Stripe")
        return opportunity_create(owner=owner, company=stripe, title="Data Analyst")


def test_a_move_notes_when_it_happened(lead: Opportunity) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 9, 9, tzinfo=dt.UTC), tick=False):
        opportunity_move(opportunity=lead, stage=Stage.APPLIED)
    lead.refresh_from_db()
    assert (lead.stage, lead.stage_changed_at.date()) == (Stage.APPLIED, dt.date(2026, 11, 9))


def test_staying_at_the_same_stage_is_no_move(lead: Opportunity) -> None:
    assert lead.move_to(Stage.LEAD) is False
    with time_machine.travel(dt.datetime(2026, 11, 9, 9, tzinfo=dt.UTC), tick=False):
        opportunity_move(opportunity=lead, stage=Stage.LEAD)
    lead.refresh_from_db()
    assert lead.stage_changed_at.date() == dt.date(2026, 11, 2)


@pytest.mark.parametrize("stage", Stage.values)
def test_open_opportunities_are_the_same_in_python_and_in_a_query(
    lead: Opportunity, stage: str
) -> None:
    opportunity_move(opportunity=lead, stage=stage)
    in_query = Opportunity.objects.filter(pk=lead.pk).open().exists()
    assert in_query == lead.is_open()
    assert lead.is_open() == (stage not in {Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN})
