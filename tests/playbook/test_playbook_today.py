"""The Today page and `rapport today`: nudges with one-click actions, follow-ups, goals."""

from __future__ import annotations

import datetime as dt
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from playbook_world import World, at, days_ago

from rapport.accounts.models import User
from rapport.conversations.models import OutcomeKind
from rapport.conversations.services import OutcomeInput
from rapport.people.models import Relationship
from rapport.playbook.models import FollowUp, FollowUpKind, NudgeState
from rapport.playbook.selectors import nudges_for_today
from rapport.playbook.services import followup_create

TODAY_URL = reverse("playbook:today")


def _thank_ana(world: World) -> str:
    """A coffee with Ana yesterday: the key of the thank-you nudge it makes."""
    world.talk(days_ago(1), world.person("Ana Souza"))
    [nudge] = [n for n in nudges_for_today(owner=world.owner) if n.kind == "thank-you"]
    return nudge.key


# The page


def test_a_new_user_is_taught_the_playbook(client_owner: Client, today: dt.date) -> None:
    page = client_owner.get(TODAY_URL).content.decode()

    assert "How the playbook works" in page
    assert "List a few target companies" in page
    assert "Log each conversation" in page


def test_today_lists_nudges_with_their_reasons_and_actions(
    client_owner: Client, world: World, today: dt.date
) -> None:
    stripe = world.company("Stripe")
    ana = world.person("Ana Souza", works_at=stripe)
    world.lead("Staff Engineer", stripe, saved_on=days_ago(5))

    page = client_owner.get(TODAY_URL).content.decode()

    assert "You saved the Staff Engineer lead at Stripe 5 days ago" in page
    log = reverse("playbook:quick_log")
    assert f'href="{log}?with={ana.pk}&amp;company={stripe.pk}"' in page
    assert reverse("playbook:prep", kwargs={"person_pk": ana.pk}) in page
    assert f'action="{reverse("playbook:nudge_snooze")}"' in page
    assert f'action="{reverse("playbook:nudge_dismiss")}"' in page
    assert reverse("network:company_paths", args=[stripe.pk]) in page  # the ways in
    assert "How the playbook works" not in page


def test_today_shows_this_weeks_conversations_and_goal_progress(
    client_owner: Client, world: World, today: dt.date
) -> None:
    world.talk(
        days_ago(1),
        world.person("Ana Souza"),
        outcomes=[OutcomeInput(kind=OutcomeKind.GAVE, text="An intro to Bo")],
    )

    page = client_owner.get(TODAY_URL).content.decode()

    assert "<strong>Conversations</strong>: 1 of 3" in page
    assert "<strong>Gave back</strong>: 1 of 2" in page
    assert "Ana Souza" in page


def test_today_has_no_inline_styles_or_scripts(
    client_owner: Client, world: World, today: dt.date
) -> None:
    _thank_ana(world)

    page = client_owner.get(TODAY_URL).content.decode()

    assert " style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


# Dismiss and snooze


def test_a_dismissed_nudge_stays_dismissed(
    client_owner: Client, world: World, today: dt.date
) -> None:
    key = _thank_ana(world)

    response = client_owner.post(reverse("playbook:nudge_dismiss"), {"key": key})

    assert response.status_code == 302
    state = NudgeState.objects.get(owner=world.owner, key=key)
    assert state.dismissed_at is not None
    assert key not in [n.key for n in nudges_for_today(owner=world.owner)]
    assert "Thank Ana" not in client_owner.get(TODAY_URL).content.decode()


def test_a_snoozed_nudge_comes_back_on_the_day_it_was_snoozed_until(
    client_owner: Client, world: World, today: dt.date
) -> None:
    key = _thank_ana(world)

    client_owner.post(reverse("playbook:nudge_snooze"), {"key": key, "days": "7"})

    state = NudgeState.objects.get(owner=world.owner, key=key)
    assert state.snoozed_until == today + dt.timedelta(days=7)
    with at(today + dt.timedelta(days=6)):
        assert key not in [n.key for n in nudges_for_today(owner=world.owner)]
    with at(today + dt.timedelta(days=7)):
        # the conversation is 8 days old: still inside the thank-you window
        assert key in [n.key for n in nudges_for_today(owner=world.owner)]


def test_htmx_swaps_the_dismissed_nudge_for_a_short_note(
    client_owner: Client, world: World, today: dt.date
) -> None:
    key = _thank_ana(world)

    response = client_owner.post(
        reverse("playbook:nudge_snooze"), {"key": key, "days": "1"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert response.content.decode().strip() == (
        '<li class="nudge-gone" role="status">Snoozed until Thursday 26 November.</li>'
    )


def test_an_unknown_nudge_key_is_refused(client_owner: Client, owner: User, today: dt.date) -> None:
    response = client_owner.post(reverse("playbook:nudge_dismiss"), {"key": "anything:1"})

    assert response.status_code == 302
    assert not NudgeState.objects.filter(owner=owner).exists()


def test_dismissing_only_affects_the_user_who_dismissed(
    client_other: Client, world: World, today: dt.date
) -> None:
    key = _thank_ana(world)

    client_other.post(reverse("playbook:nudge_dismiss"), {"key": key})

    assert key in [n.key for n in nudges_for_today(owner=world.owner)]


# Follow-ups


def _followup(world: World, today: dt.date) -> FollowUp:
    ana = world.person("Ana Souza")
    return followup_create(
        owner=world.owner, kind=FollowUpKind.FOLLOW_UP, due_on=today, person=ana, note="CV"
    )


def test_follow_ups_due_show_on_today_and_can_be_done(
    client_owner: Client, world: World, today: dt.date
) -> None:
    followup = _followup(world, today)
    assert "Due today" in client_owner.get(TODAY_URL).content.decode()

    client_owner.post(reverse("playbook:followup_done"), {"followup": followup.pk})

    followup.refresh_from_db()
    assert followup.done_at is not None
    assert "No follow-ups due this week" in client_owner.get(TODAY_URL).content.decode()


def test_a_snoozed_follow_up_moves_to_its_new_date(
    client_owner: Client, world: World, today: dt.date
) -> None:
    followup = _followup(world, today)

    client_owner.post(reverse("playbook:followup_snooze"), {"followup": followup.pk, "days": "1"})

    followup.refresh_from_db()
    assert followup.due() == today + dt.timedelta(days=1)
    assert followup.sequence == 1


@pytest.mark.parametrize("action", ["playbook:followup_done", "playbook:followup_snooze"])
def test_it_refuses_another_users_follow_up(
    action: str, client_other: Client, world: World, today: dt.date
) -> None:
    followup = _followup(world, today)

    response = client_other.post(reverse(action), {"followup": followup.pk, "days": "1"})

    assert response.status_code == 404
    followup.refresh_from_db()
    assert followup.done_at is None
    assert followup.snoozed_until is None


def test_today_needs_a_login(client: Client, db: None) -> None:
    response = client.get(TODAY_URL)
    assert response.status_code == 302


# rapport today


def test_rapport_today_json_follows_the_cli_contract(
    world: World, owner: User, today: dt.date
) -> None:
    stripe = world.company("Stripe")
    world.talk(days_ago(40), world.person("Ana Souza", works_at=stripe, relationship="close"))
    out = StringIO()

    call_command("today", "--json", stdout=out)

    data = json.loads(out.getvalue())
    [nudge] = [n for n in data["nudges"] if n["kind"] == "keep-in-touch"]
    assert nudge["person"] == "Ana Souza"
    assert nudge["company"] is None
    assert nudge["due"] == "2026-11-15"
    assert nudge["reason"].startswith("You last talked to Ana Souza 5 weeks ago")
    assert {"kind", "reason", "person", "company", "due"} <= set(data["nudges"][0])


def test_rapport_today_prints_a_readable_list(world: World, owner: User, today: dt.date) -> None:
    world.talk(days_ago(1), world.person("Ana Souza", relationship=Relationship.CLOSE))
    out = StringIO()

    call_command("today", stdout=out)

    assert "Thank Ana for the coffee (due Thu 26 Nov)" in out.getvalue()
    assert "   You had a coffee with Ana Souza yesterday." in out.getvalue()
