"""A name you were given (#15, 8): where they work counts in warm paths, a nudge to reach out
within a few days, and "report back" once you have talked to them."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from playbook_world import World, days_ago, kinds, of_kind

from rapport.companies.models import Employment
from rapport.conversations.models import Introduction, IntroductionState, OutcomeKind
from rapport.conversations.services import OutcomeInput
from rapport.network.selectors import warm_paths
from rapport.people.models import Person
from rapport.playbook.nudges import NudgeKind
from rapport.playbook.selectors import nudge_plan


def _named(world: World, on: dt.date) -> Person:
    ana = world.person("Ana Souza")
    world.talk(
        on,
        ana,
        outcomes=[
            OutcomeInput(
                kind=OutcomeKind.NAME,
                person="Bo Lindqvist",
                company="Stripe",
                title="Analytics Lead",
                text="Runs the analytics guild",
            )
        ],
    )
    return Person.objects.get(owner=world.owner, full_name="Bo Lindqvist")


def test_a_name_given_with_a_company_works_there_and_is_a_warm_path(
    world: World, today: dt.date
) -> None:
    bo = _named(world, days_ago(1))

    job = Employment.objects.get(person=bo)
    assert (job.company.name, job.title, job.is_current) == ("Stripe", "Analytics Lead", True)
    paths = warm_paths(owner=world.owner, company=job.company, today=today)
    assert "Bo Lindqvist" in [p.people[-1].full_name for p in paths.paths]


def test_a_name_given_asks_you_to_reach_out_within_a_few_days(world: World, today: dt.date) -> None:
    _named(world, days_ago(1))

    plan = nudge_plan(owner=world.owner, today=today)

    [nudge] = of_kind(plan.visible, NudgeKind.REACH_OUT)
    assert nudge.title == "Reach out to Bo Lindqvist"
    assert "Ana Souza gave you Bo Lindqvist's name yesterday" in nudge.reason
    assert nudge.due == days_ago(1) + dt.timedelta(days=3)
    assert NudgeKind.REPORT_BACK not in kinds(plan.visible)


def test_talking_to_them_brings_report_back_without_marking_the_introduction(
    world: World, today: dt.date
) -> None:
    bo = _named(world, days_ago(6))
    world.talk(days_ago(1), bo, channel="video")

    plan = nudge_plan(owner=world.owner, today=today)

    assert NudgeKind.REACH_OUT not in kinds(plan.visible)
    [nudge] = of_kind(plan.visible, NudgeKind.REPORT_BACK)
    assert nudge.title == "Tell Ana how it went with Bo Lindqvist"
    intro = Introduction.objects.get(owner=world.owner, introduced=bo)
    assert intro.state == IntroductionState.MET


def test_a_talk_before_the_name_was_given_is_no_meeting(world: World, today: dt.date) -> None:
    bo = world.person("Bo Lindqvist")
    world.talk(days_ago(90), bo)  # an old acquaintance
    _named(world, days_ago(2))

    plan = nudge_plan(owner=world.owner, today=today)

    assert NudgeKind.REPORT_BACK not in kinds(plan.visible)
    assert NudgeKind.REACH_OUT in kinds(plan.visible)
    assert Introduction.objects.get(introduced=bo).state == IntroductionState.OFFERED


def test_the_log_form_takes_a_named_persons_company_and_title(
    client_owner: Client, world: World, today: dt.date
) -> None:
    form = {
        "occurred_on": days_ago(0).isoformat(),
        "channel": "coffee",
        "participant": ["Ana Souza"],
        "outcomes-TOTAL_FORMS": "1",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-kind": OutcomeKind.NAME,
        "outcomes-0-person": "Bo Lindqvist",
        "outcomes-0-company": "Stripe",
        "outcomes-0-title": "Analytics Lead",
    }

    client_owner.post(reverse("conversations:log"), form)

    job = Employment.objects.get(person__full_name="Bo Lindqvist")
    assert (job.company.name, job.title) == ("Stripe", "Analytics Lead")
