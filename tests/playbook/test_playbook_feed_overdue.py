"""Overdue items sit on today in the calendar feed, where people look, not months back."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from icalendar import Calendar, Component
from playbook_world import World, at, days_ago

from rapport.playbook.models import FollowUpKind
from rapport.playbook.services import feed_token_regenerate, followup_create


def _events(client: Client, world: World) -> dict[str, Component]:
    token = feed_token_regenerate(owner=world.owner).feed_token
    response = client.get(reverse("playbook:feed", kwargs={"token": token}))
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_an_overdue_nudge_is_on_today(client: Client, world: World, today: dt.date) -> None:
    world.talk(days_ago(6), world.person("Ana Souza"))  # the thank-you was due 4 days ago

    event = _events(client, world)["Thank Ana for the coffee"]

    assert event.decoded("DTSTART") == today
    assert "Overdue since Saturday 21 November" in str(event["DESCRIPTION"])


def test_an_overdue_follow_up_is_on_today(client: Client, world: World, today: dt.date) -> None:
    ana = world.person("Ana Souza")
    followup_create(owner=world.owner, kind=FollowUpKind.FOLLOW_UP, due_on=days_ago(60), person=ana)

    event = _events(client, world)["Follow up: Ana Souza"]

    assert event.decoded("DTSTART") == today
    assert "Overdue since" in str(event["DESCRIPTION"])


def test_an_item_due_later_stays_on_its_day(client: Client, world: World, today: dt.date) -> None:
    ana = world.person("Ana Souza")
    due = today + dt.timedelta(days=3)
    followup_create(owner=world.owner, kind=FollowUpKind.FOLLOW_UP, due_on=due, person=ana)

    assert _events(client, world)["Follow up: Ana Souza"].decoded("DTSTART") == due


def test_an_overdue_item_moves_with_the_days_and_its_sequence_goes_up(
    client: Client, world: World, today: dt.date
) -> None:
    world.talk(days_ago(6), world.person("Ana Souza"))
    first = _events(client, world)["Thank Ana for the coffee"]

    tomorrow = today + dt.timedelta(days=1)
    with at(tomorrow):
        second = _events(client, world)["Thank Ana for the coffee"]

    assert second.decoded("DTSTART") == tomorrow
    assert second["SEQUENCE"] > first["SEQUENCE"]
