"""Playbook settings: the search / keep-warm switch, goals, cadences and the digest."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.test import Client
from django.urls import reverse
from playbook_world import World, days_ago

from rapport.accounts.models import User
from rapport.people.models import Relationship
from rapport.playbook.models import Mode, PlaybookSettings

SETTINGS_URL = reverse("playbook:settings")


def _form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "mode": Mode.SEARCH,
        "goal_conversations": 3,
        "goal_names": 2,
        "goal_gave": 2,
        "cadence_close_days": 30,
        "cadence_active_days": 60,
        "cadence_network_days": 182,
        "digest_email": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_new_users_start_searching_with_the_default_goals_and_cadences(
    client_owner: Client, owner: User, today: dt.date
) -> None:
    page = client_owner.get(SETTINGS_URL).content.decode()

    settings = PlaybookSettings.objects.get(owner=owner)
    assert settings.mode == Mode.SEARCH
    assert (settings.cadence_close_days, settings.cadence_active_days) == (30, 60)
    assert settings.cadence_network_days == 182
    assert re.search(r'value="search"[^>]*checked', page)


def test_switching_to_keep_warm_rests_the_job_search_nudges_on_today(
    client_owner: Client, world: World, today: dt.date
) -> None:
    world.lead("Staff Engineer", world.company("Stripe"), saved_on=days_ago(5))
    assert (
        "Talk to someone at Stripe" in client_owner.get(reverse("playbook:today")).content.decode()
    )

    response = client_owner.post(SETTINGS_URL, _form(mode=Mode.KEEP_WARM))

    assert response.status_code == 302
    assert PlaybookSettings.objects.get(owner=world.owner).mode == Mode.KEEP_WARM
    page = client_owner.get(reverse("playbook:today")).content.decode()
    assert "Talk to someone at Stripe" not in page
    assert "Keeping your network warm" in page


def test_switching_back_to_search_brings_them_back(
    client_owner: Client, world: World, today: dt.date
) -> None:
    world.lead("Staff Engineer", world.company("Stripe"), saved_on=days_ago(5))
    client_owner.post(SETTINGS_URL, _form(mode=Mode.KEEP_WARM))

    client_owner.post(SETTINGS_URL, _form(mode=Mode.SEARCH))

    assert (
        "Talk to someone at Stripe" in client_owner.get(reverse("playbook:today")).content.decode()
    )


def test_goals_cadences_and_the_digest_are_saved(
    client_owner: Client, world: World, today: dt.date
) -> None:
    response = client_owner.post(
        SETTINGS_URL,
        _form(
            goal_conversations=5,
            cadence_close_days=14,
            digest_enabled="on",
            digest_email="olivia@example.org",
        ),
    )

    assert response.status_code == 302
    settings = PlaybookSettings.objects.get(owner=world.owner)
    assert settings.goal_conversations == 5
    assert settings.cadence_close_days == 14
    assert settings.digest_enabled is True
    assert settings.digest_email == "olivia@example.org"


def test_a_shorter_cadence_brings_a_keep_in_touch_nudge_sooner(
    client_owner: Client, world: World, today: dt.date
) -> None:
    world.talk(days_ago(20), world.person("Ana Souza", relationship=Relationship.CLOSE))
    assert (
        "Get back in touch with Ana"
        not in client_owner.get(reverse("playbook:today")).content.decode()
    )

    client_owner.post(SETTINGS_URL, _form(cadence_close_days=14))

    page = client_owner.get(reverse("playbook:today")).content.decode()
    assert "Get back in touch with Ana Souza" in page
    assert "every 2 weeks" in page


def test_a_zero_day_cadence_is_refused(client_owner: Client, owner: User, today: dt.date) -> None:
    response = client_owner.post(SETTINGS_URL, _form(cadence_close_days=0))

    assert response.status_code == 200
    assert "A cadence is at least one day." in response.content.decode()
    assert PlaybookSettings.objects.get(owner=owner).cadence_close_days == 30


def test_each_user_has_their_own_settings(
    client_owner: Client, owner: User, other: User, today: dt.date
) -> None:
    client_owner.post(SETTINGS_URL, _form(mode=Mode.KEEP_WARM))

    assert PlaybookSettings.objects.get(owner=owner).mode == Mode.KEEP_WARM
    assert not PlaybookSettings.objects.filter(owner=other, mode=Mode.KEEP_WARM).exists()
