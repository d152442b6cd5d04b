"""A posting's deadline: a nudge a few days before it closes, while nobody has applied."""

from __future__ import annotations

import datetime as dt

import pytest
from playbook_world import World, days_ago, of_kind

from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.services import opportunity_move, opportunity_save
from rapport.playbook.nudges import Nudge, NudgeKind, Urgency
from rapport.playbook.selectors import nudges_for_today


def _deadline_nudges(world: World, today: dt.date) -> list[Nudge]:
    return of_kind(nudges_for_today(owner=world.owner, today=today), NudgeKind.DEADLINE)


def _closing(world: World, closes: dt.date, stage: str = Stage.LEAD) -> Opportunity:
    lead = world.lead("Data Analyst", world.company("Canva"), saved_on=days_ago(10), stage=stage)
    lead.deadline = closes
    return opportunity_save(opportunity=lead)


@pytest.mark.parametrize(("days", "fires"), [(6, False), (5, True), (0, True), (-1, False)])
def test_the_nudge_comes_five_days_before_the_deadline_until_it_passes(
    world: World, today: dt.date, days: int, fires: bool
) -> None:
    _closing(world, today + dt.timedelta(days=days))
    assert bool(_deadline_nudges(world, today)) is fires


def test_it_says_when_it_closes_and_to_talk_to_someone_first(world: World, today: dt.date) -> None:
    lead = _closing(world, today + dt.timedelta(days=2))
    [nudge] = _deadline_nudges(world, today)
    assert nudge.reason.startswith("The Data Analyst posting at Canva closes in 2 days")
    assert "You haven't talked to anyone there yet" in nudge.reason
    assert nudge.urgency == Urgency.HIGH
    assert nudge.opportunity
    assert nudge.opportunity.pk == lead.pk
    assert nudge.due == today + dt.timedelta(days=2)


def test_after_talking_to_someone_there_it_only_says_to_apply(world: World, today: dt.date) -> None:
    canva = world.company("Canva")
    ana = world.person("Ana Souza", works_at=canva)
    world.talk(days_ago(1), ana)
    _closing(world, today + dt.timedelta(days=4))
    [nudge] = _deadline_nudges(world, today)
    assert "Apply before then" in nudge.reason
    assert nudge.urgency == Urgency.MEDIUM


def test_no_nudge_once_applied(world: World, today: dt.date) -> None:
    lead = _closing(world, today + dt.timedelta(days=1))
    opportunity_move(opportunity=lead, stage=Stage.APPLIED)
    assert _deadline_nudges(world, today) == []


def test_a_saved_lead_without_contacts_also_gets_connect_before_apply(
    world: World, today: dt.date
) -> None:
    _closing(world, today + dt.timedelta(days=3))
    kinds = [n.kind for n in nudges_for_today(owner=world.owner, today=today)]
    assert NudgeKind.CONNECT_BEFORE_APPLY in kinds
    assert NudgeKind.DEADLINE in kinds
