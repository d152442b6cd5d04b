"""The calendar feed: a secret address serving nudges and follow-ups as all-day events."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from icalendar import Calendar, Component
from playbook_world import World, at, days_ago

from rapport.accounts.models import User
from rapport.playbook.models import FollowUpKind, NudgeState, PlaybookSettings
from rapport.playbook.selectors import nudges_for_today
from rapport.playbook.services import (
    feed_token_regenerate,
    feed_token_revoke,
    followup_create,
    followup_snooze,
    nudge_dismiss,
    nudge_snooze,
)


def _feed_url(owner: User) -> str:
    token = feed_token_regenerate(owner=owner).feed_token
    return reverse("playbook:feed", kwargs={"token": token})


def _events(client: Client, url: str) -> dict[str, Component]:
    response = client.get(url)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _by_summary(events: dict[str, Component], summary: str) -> Component:
    [event] = [e for e in events.values() if str(e["SUMMARY"]) == summary]
    return event


def test_the_feed_serves_nudges_as_all_day_events(
    client: Client, world: World, today: dt.date
) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"))
    url = _feed_url(world.owner)

    response = client.get(url)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    event = _by_summary(_events(client, url), "Thank Ana for the coffee")
    assert event.decoded("DTSTART") == dt.date(2026, 11, 26)
    assert event.decoded("DTEND") == dt.date(2026, 11, 27)
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)
    assert "You had a coffee with Ana Souza yesterday." in str(event["DESCRIPTION"])
    assert str(event["URL"]).startswith("http://testserver/people/")
    assert event["SEQUENCE"] == 0


def test_uids_stay_the_same_across_requests(client: Client, world: World, today: dt.date) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"))
    world.company("Canva", target=True)
    url = _feed_url(world.owner)

    first = _events(client, url)
    with at(today, hour=15):
        second = _events(client, url)

    assert first.keys() == second.keys()
    assert len(first) >= 3  # thank-you, target, weekly goals
    assert all(second[uid]["SEQUENCE"] == first[uid]["SEQUENCE"] for uid in first)


def test_a_snoozed_nudge_moves_to_its_new_day_with_a_higher_sequence(
    client: Client, world: World, today: dt.date
) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"))
    url = _feed_url(world.owner)
    before = _by_summary(_events(client, url), "Thank Ana for the coffee")
    key = next(k for k in _keys(world) if k.startswith("thank-you:"))

    nudge_snooze(owner=world.owner, key=key, until=today + dt.timedelta(days=3), today=today)

    after = _by_summary(_events(client, url), "Thank Ana for the coffee")
    assert after["UID"] == before["UID"]
    assert after.decoded("DTSTART") == dt.date(2026, 11, 28)
    assert after.decoded("SEQUENCE") == before.decoded("SEQUENCE") + 1


def _keys(world: World) -> list[str]:
    return [n.key for n in nudges_for_today(owner=world.owner)]


def test_a_dismissed_nudge_leaves_the_feed(client: Client, world: World, today: dt.date) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"))
    url = _feed_url(world.owner)
    key = next(k for k in _keys(world) if k.startswith("thank-you:"))

    nudge_dismiss(owner=world.owner, key=key)

    summaries = [str(e["SUMMARY"]) for e in _events(client, url).values()]
    assert "Thank Ana for the coffee" not in summaries


def test_follow_ups_are_in_the_feed_and_bump_their_sequence_when_snoozed(
    client: Client, world: World, today: dt.date
) -> None:
    ana = world.person("Ana Souza")
    followup = followup_create(
        owner=world.owner, kind=FollowUpKind.FOLLOW_UP, due_on=today, person=ana, note="Send CV"
    )
    url = _feed_url(world.owner)
    uid = f"followup-{followup.pk}-{world.owner.pk}@rapport"
    before = _events(client, url)[uid]
    assert str(before["SUMMARY"]) == "Follow up: Ana Souza"

    followup_snooze(followup=followup, until=today + dt.timedelta(days=2), today=today)

    event = _events(client, url)[uid]
    assert event.decoded("DTSTART") == dt.date(2026, 11, 27)
    assert event["SEQUENCE"] > before["SEQUENCE"]
    assert str(event["DESCRIPTION"]) == "Send CV"


def test_a_revoked_feed_address_is_gone(client: Client, world: World, today: dt.date) -> None:
    url = _feed_url(world.owner)

    feed_token_revoke(owner=world.owner)

    assert client.get(url).status_code == 404


def test_a_regenerated_feed_address_replaces_the_old_one(
    client: Client, world: World, today: dt.date
) -> None:
    old = _feed_url(world.owner)

    new = _feed_url(world.owner)

    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_an_unknown_token_is_a_404(client: Client, db: None) -> None:
    response = client.get(reverse("playbook:feed", kwargs={"token": "not-a-token"}))
    assert response.status_code == 404


def test_each_feed_shows_only_its_owners_nudges(
    client: Client, world: World, other_world: World, today: dt.date
) -> None:
    other_world.talk(days_ago(1), other_world.person("Secret Person"))
    world.talk(days_ago(1), world.person("Ana Souza"))

    summaries = [str(e["SUMMARY"]) for e in _events(client, _feed_url(world.owner)).values()]

    assert "Thank Ana for the coffee" in summaries
    assert not any("Secret" in summary for summary in summaries)


def test_the_settings_page_creates_and_revokes_the_feed(
    client_owner: Client, owner: User, today: dt.date
) -> None:
    client_owner.post(reverse("playbook:feed_regenerate"))
    page = client_owner.get(reverse("playbook:settings")).content.decode()
    token = PlaybookSettings.objects.get(owner=owner).feed_token
    assert token
    assert f"http://testserver/playbook/feed/{token}.ics" in page

    client_owner.post(reverse("playbook:feed_revoke"))

    assert "The feed is off." in client_owner.get(reverse("playbook:settings")).content.decode()


def test_the_bookkeeping_of_nudges_gone_from_the_feed_is_dropped(
    client: Client, world: World, today: dt.date
) -> None:
    ana = world.person("Ana Souza")
    world.talk(days_ago(1), ana)
    world.talk(days_ago(1), world.person("Bo Lind"))
    url = _feed_url(world.owner)
    _events(client, url)
    thanks = {k for k in _keys(world) if k.startswith("thank-you:")}
    assert len(thanks) == 2
    assert NudgeState.objects.filter(key__in=thanks).count() == 2
    bo_key = next(k for k in thanks if not k.endswith(f":person:{ana.pk}"))
    nudge_dismiss(owner=world.owner, key=bo_key)

    ana.delete()  # her nudge is gone for good
    _events(client, url)

    assert set(NudgeState.objects.filter(key__in=thanks).values_list("key", flat=True)) == {
        bo_key  # the user's answer stays
    }
