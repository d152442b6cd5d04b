"""The weekly review: SVG charts drawn on the server, with the numbers also as text."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.urls import reverse
from playbook_world import World, at, days_ago

from rapport.conversations.models import OutcomeKind, Touch, TouchDirection
from rapport.conversations.services import OutcomeInput
from rapport.opportunities.models import Stage
from rapport.outreach.services import attempt_record
from rapport.playbook.review import weekly_review

REVIEW_URL = reverse("playbook:review")


def _history(world: World) -> None:
    ana, bo = world.person("Ana Souza"), world.person("Bo Lind")
    world.talk(days_ago(0), ana)
    world.talk(days_ago(1), bo, outcomes=[OutcomeInput(kind=OutcomeKind.GAVE, text="An article")])
    world.talk(
        days_ago(14),
        ana,
        outcomes=[
            OutcomeInput(kind=OutcomeKind.LEAD, company="Stripe", title="Data Analyst"),
            OutcomeInput(kind=OutcomeKind.INSIGHT, company="Stripe", text="They like SQL"),
        ],
    )
    world.talk(days_ago(100), bo)  # older than 12 weeks
    world.lead("Staff Engineer", world.company("Canva"), saved_on=days_ago(3), stage=Stage.APPLIED)


def test_conversations_are_counted_per_week_for_twelve_weeks(world: World, today: dt.date) -> None:
    _history(world)

    review = weekly_review(owner=world.owner, today=today)

    values = [bar.value for bar in review.weeks.bars]
    assert len(values) == 12
    assert values[-1] == 2  # Monday 23 Nov to today
    assert values[-3] == 1  # the week of 9 Nov
    assert sum(values) == 3
    assert review.weeks.bars[-1].label == "23 Nov"


def test_outcomes_funnel_and_hidden_leads_are_counted(world: World, today: dt.date) -> None:
    _history(world)

    review = weekly_review(owner=world.owner, today=today)

    outcomes = {bar.label: bar.value for bar in review.outcomes.bars}
    assert outcomes["Leads"] == 1
    assert outcomes["Insights"] == 1
    assert outcomes["You gave back"] == 1
    funnel = {bar.label: bar.value for bar in review.funnel.bars}
    assert funnel["Lead"] == 1
    assert funnel["Applied"] == 1
    assert (review.hidden_percent, review.leads_total) == (50, 2)


def test_the_charts_are_accessible_svg_with_the_numbers_in_tables(
    client_owner: Client, world: World, today: dt.date
) -> None:
    _history(world)

    page = client_owner.get(REVIEW_URL).content.decode()

    assert page.count("<svg") == 4
    assert page.count('role="img"') == 4
    assert '<title id="weeks-title">Conversations per week, last 12 weeks</title>' in page
    assert '<desc id="funnel-desc">Opportunities by stage: Lead 1;' in page
    assert '<th scope="row">23 Nov</th><td>2</td>' in page
    assert "<strong>50%</strong> of your 2 leads were never advertised." in page
    assert " style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


def test_a_new_user_gets_empty_charts_and_an_explanation(
    client_owner: Client, today: dt.date
) -> None:
    page = client_owner.get(REVIEW_URL).content.decode()

    assert "No leads yet." in page
    assert page.count("<svg") == 3


def test_the_review_counts_only_my_data(
    client_owner: Client, world: World, other_world: World, today: dt.date
) -> None:
    _history(other_world)

    review = weekly_review(owner=world.owner, today=today)

    assert all(bar.value == 0 for bar in review.weeks.bars + review.funnel.bars)
    assert review.leads_total == 0


def test_outreach_sent_reply_rate_and_time_to_reply_are_counted(
    client_owner: Client, world: World, today: dt.date
) -> None:
    ana, bo, cleo = (world.person(n) for n in ("Ana Souza", "Bo Lind", "Cleo Park"))
    sent = {ana: days_ago(10), bo: days_ago(6), cleo: days_ago(1)}
    for person, day in sent.items():
        with at(day):
            attempt_record(owner=world.owner, person=person, sent_on=day)
    with at(days_ago(100)):
        attempt_record(owner=world.owner, person=cleo, sent_on=days_ago(100))  # too old
    world.talk(days_ago(7), ana)  # 3 days after the message
    Touch.objects.create(
        owner=world.owner,
        person=bo,
        occurred_at=dt.datetime.combine(days_ago(1), dt.time(8), tzinfo=dt.UTC),
        direction=TouchDirection.RECEIVED,
        key="reply",
    )  # 5 days after

    review = weekly_review(owner=world.owner, today=today)

    assert (review.outreach.sent, review.outreach.replied) == (3, 2)
    assert review.outreach.reply_percent == 67
    assert review.median_days_to_reply == "4 days"
    assert review.outreach_this_week == 1  # Monday 23 Nov to today
    assert [bar.value for bar in review.outreach_weeks.bars][-3:] == [1, 1, 1]
    page = client_owner.get(REVIEW_URL).content.decode()
    assert "<dt>Reply rate</dt><dd>67% (2 of 3)</dd>" in page
    assert "<dt>Time to reply</dt><dd>4 days (median)</dd>" in page
    assert '<title id="outreach-title">Outreach messages sent per week' in page
