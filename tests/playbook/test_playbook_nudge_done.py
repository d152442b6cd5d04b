"""Answering nudges (#15, 10): "I sent it" records a touch and satisfies the nudge; snoozed
and dismissed nudges are listed and can be restored."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from playbook_world import World, days_ago, kinds, of_kind

from rapport.conversations.models import Touch, TouchDirection
from rapport.people.models import Person
from rapport.playbook.nudges import Nudge, NudgeKind
from rapport.playbook.selectors import nudge_plan
from rapport.playbook.services import nudge_dismiss, nudge_snooze


def _thank_you(world: World, today: dt.date) -> tuple[Person, Nudge]:
    ana = world.person("Ana Souza")
    world.talk(days_ago(1), ana)
    [nudge] = of_kind(nudge_plan(owner=world.owner, today=today).visible, NudgeKind.THANK_YOU)
    return ana, nudge


def test_i_sent_it_records_a_touch_and_the_nudge_goes(
    client_owner: Client, world: World, today: dt.date
) -> None:
    ana, nudge = _thank_you(world, today)

    response = client_owner.post(
        reverse("playbook:nudge_sent"),
        {"key": nudge.key, "person": ana.pk, "note": "Thanked her by email"},
    )

    assert response.status_code == 302
    touch = Touch.objects.get(owner=world.owner, person=ana)
    assert (touch.direction, touch.subject) == (TouchDirection.SENT, "Thanked her by email")
    plan = nudge_plan(owner=world.owner, today=today)
    assert NudgeKind.THANK_YOU not in kinds(plan.visible)
    assert plan.dismissed == []  # satisfied by the touch, not merely hidden
    page = client_owner.get(reverse("playbook:today")).content.decode()
    assert "Recorded: you wrote to Ana Souza" in page


def test_the_note_is_optional_and_htmx_gets_a_short_answer(
    client_owner: Client, world: World, today: dt.date
) -> None:
    ana, nudge = _thank_you(world, today)

    response = client_owner.post(
        reverse("playbook:nudge_sent"), {"key": nudge.key, "person": ana.pk}, HTTP_HX_REQUEST="true"
    )

    assert "Recorded: you wrote to Ana Souza" in response.content.decode()
    assert Touch.objects.get(person=ana).subject == ""


def test_nobody_records_a_touch_on_another_users_contact(
    client_other: Client, world: World, today: dt.date
) -> None:
    ana, nudge = _thank_you(world, today)

    response = client_other.post(
        reverse("playbook:nudge_sent"), {"key": nudge.key, "person": ana.pk}
    )

    assert response.status_code == 404
    assert not Touch.objects.exists()


def test_snoozed_and_dismissed_nudges_are_listed_and_restored(
    client_owner: Client, world: World, today: dt.date
) -> None:
    ana, thanks = _thank_you(world, today)
    stripe = world.company("Stripe", target=True)  # find a way in
    [way_in] = of_kind(nudge_plan(owner=world.owner, today=today).visible, "target-no-contact")
    nudge_snooze(owner=world.owner, key=thanks.key, until=today + dt.timedelta(days=7), today=today)
    nudge_dismiss(owner=world.owner, key=way_in.key)

    today_page = client_owner.get(reverse("playbook:today")).content.decode()
    assert "2 snoozed or dismissed" in today_page
    page = client_owner.get(reverse("playbook:nudges_hidden")).content.decode()
    assert thanks.title in page
    assert way_in.title in page
    assert stripe.name in way_in.title
    assert "until" in page

    client_owner.post(reverse("playbook:nudge_restore"), {"key": thanks.key})
    client_owner.post(reverse("playbook:nudge_restore"), {"key": way_in.key})

    visible = kinds(nudge_plan(owner=world.owner, today=today).visible)
    assert NudgeKind.THANK_YOU in visible
    assert NudgeKind.TARGET_NO_CONTACT in visible
    assert ana.first_name in thanks.title
