"""Moving a lead to "applied" without talking to anyone there first asks for confirmation."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from playbook_world import World, days_ago

from rapport.opportunities.models import Opportunity, Stage
from rapport.playbook.selectors import apply_check


def _stripe_lead(world: World) -> Opportunity:
    stripe = world.company("Stripe")
    world.person("Ana Souza", works_at=stripe)
    world.person("Bo Lind", works_at=stripe)
    return world.lead("Staff Engineer", stripe, saved_on=days_ago(5))


def _url(opportunity: Opportunity) -> str:
    return reverse("playbook:confirm_apply", kwargs={"opportunity_pk": opportunity.pk})


def test_apply_check_lists_the_people_you_know_there(world: World, today: dt.date) -> None:
    lead = _stripe_lead(world)

    check = apply_check(opportunity=lead)

    assert [s.person.name for s in check.people] == ["Ana Souza", "Bo Lind"]
    assert check.has_conversation is False
    assert check.needs_confirmation is True


def test_apply_check_is_satisfied_by_a_conversation_with_someone_there(
    world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)
    bo = lead.company.employments.get(person__full_name="Bo Lind").person

    world.talk(days_ago(2), bo)

    check = apply_check(opportunity=lead)
    assert [s.person.name for s in check.talked_to] == ["Bo Lind"]
    assert check.people[0].person.name == "Bo Lind"  # talked to first
    assert check.needs_confirmation is False


def test_the_confirmation_page_warns_and_shows_whom_to_talk_to(
    client_owner: Client, world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)

    page = client_owner.get(_url(lead)).content.decode()

    assert "You haven't talked to anyone at Stripe yet" in page
    assert "You know 2 people who work there" in page
    assert "Ana Souza" in page
    assert "Bo Lind" in page
    assert "Apply anyway" in page
    assert "How you can get in" in page  # the warm paths into Stripe


def test_applying_anyway_moves_the_lead_to_applied(
    client_owner: Client, world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)

    response = client_owner.post(_url(lead), {"confirm": "yes"})

    assert response.status_code == 302
    assert response["Location"] == reverse("opportunities:detail", kwargs={"pk": lead.pk})
    lead.refresh_from_db()
    assert lead.stage == Stage.APPLIED


def test_without_the_confirmation_nothing_moves(
    client_owner: Client, world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)

    response = client_owner.post(_url(lead), {})

    assert response.status_code == 200
    lead.refresh_from_db()
    assert lead.stage == Stage.LEAD


def test_it_returns_to_a_safe_next_address_only(
    client_owner: Client, world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)
    board = reverse("opportunities:board")

    to_board = client_owner.post(_url(lead), {"confirm": "yes", "next": board})
    assert to_board["Location"] == board

    lead.stage = Stage.LEAD
    lead.save()
    elsewhere = client_owner.post(_url(lead), {"confirm": "yes", "next": "https://evil.example"})
    assert elsewhere["Location"] == reverse("opportunities:detail", kwargs={"pk": lead.pk})


def test_a_lead_already_past_applying_is_not_moved_back(
    client_owner: Client, world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)
    lead.stage = Stage.INTERVIEWING
    lead.save()

    response = client_owner.post(_url(lead), {"confirm": "yes"})

    assert "already at <strong>Interviewing</strong>" in response.content.decode()
    lead.refresh_from_db()
    assert lead.stage == Stage.INTERVIEWING


def test_it_refuses_another_users_opportunity(
    client_other: Client, world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)

    assert client_other.get(_url(lead)).status_code == 404
    assert client_other.post(_url(lead), {"confirm": "yes"}).status_code == 404
    lead.refresh_from_db()
    assert lead.stage == Stage.LEAD
