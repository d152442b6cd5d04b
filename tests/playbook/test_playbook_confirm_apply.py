"""Moving a lead to "applied" without talking to anyone there first asks for confirmation."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from playbook_world import World, days_ago

from rapport.companies.models import ApplyOrder
from rapport.opportunities.models import Opportunity, Stage
from rapport.playbook.nudges import NudgeKind
from rapport.playbook.selectors import apply_check, nudge_plan


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


def test_a_year_old_conversation_does_not_count_before_applying(
    client_owner: Client, world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)  # saved five days ago
    ana = lead.company.employments.get(person__full_name="Ana Souza").person
    world.talk(days_ago(380), ana, channel="linkedin")  # an imported LinkedIn message

    check = apply_check(opportunity=lead)
    assert check.talked_to == []
    assert [s.person.name for s in check.talked_before] == ["Ana Souza"]
    assert check.needs_confirmation is True

    page = client_owner.get(_url(lead)).content.decode()
    assert "You haven't talked to anyone at Stripe lately" in page
    assert "Apply anyway" in page


def test_a_recent_conversation_counts_even_from_before_the_lead_was_saved(
    world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)  # saved five days ago
    ana = lead.company.employments.get(person__full_name="Ana Souza").person
    world.talk(days_ago(20), ana)

    assert apply_check(opportunity=lead).needs_confirmation is False


def test_an_old_lead_counts_every_conversation_since_it_was_saved(
    world: World, today: dt.date
) -> None:
    stripe = world.company("Stripe")
    ana = world.person("Ana Souza", works_at=stripe)
    lead = world.lead("Staff Engineer", stripe, saved_on=days_ago(200))
    world.talk(days_ago(150), ana)

    assert apply_check(opportunity=lead).needs_confirmation is False


def _referral_first(world: World, lead: Opportunity) -> None:
    company = lead.company
    company.referral_apply_order = ApplyOrder.REFERRAL_FIRST
    company.referral_channel = "Internal referral tool"
    company.save()


def test_referral_first_without_a_referrer_asks_before_applying(
    client_owner: Client, world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)
    bo = lead.company.employments.get(person__full_name="Bo Lind").person
    world.talk(days_ago(2), bo)
    _referral_first(world, lead)

    check = apply_check(opportunity=lead)
    assert check.has_conversation is True
    assert check.needs_referral is True
    assert check.needs_confirmation is True

    moved = client_owner.post(
        reverse("opportunities:move", args=[lead.pk]), {"stage": Stage.APPLIED}
    )
    assert moved.status_code == 302
    assert moved["Location"].startswith(_url(lead))
    page = client_owner.get(_url(lead)).content.decode()
    assert "Stripe wants the referral before the application" in page
    assert "Internal referral tool" in page
    assert "Apply anyway" in page
    lead.refresh_from_db()
    assert lead.stage == Stage.LEAD


def test_referral_first_with_a_referrer_moves_straight_to_applied(
    client_owner: Client, world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)
    bo = lead.company.employments.get(person__full_name="Bo Lind").person
    world.talk(days_ago(2), bo)
    _referral_first(world, lead)
    lead.referrer = bo
    lead.save()

    assert apply_check(opportunity=lead).needs_confirmation is False
    client_owner.post(reverse("opportunities:move", args=[lead.pk]), {"stage": Stage.APPLIED})
    lead.refresh_from_db()
    assert lead.stage == Stage.APPLIED


def test_board_cards_show_the_referral_protocol(
    client_owner: Client, world: World, today: dt.date
) -> None:
    lead = _stripe_lead(world)
    world.lead("Analyst", world.company("Acme"), saved_on=days_ago(1))
    _referral_first(world, lead)

    page = client_owner.get(reverse("opportunities:board")).content.decode()

    assert "Referrals: get the referral before applying · Internal referral tool" in page
    assert "Referrals: not known yet, ask before you apply" in page  # Acme


def test_the_nudge_to_connect_says_when_you_last_talked_there(world: World, today: dt.date) -> None:
    lead = _stripe_lead(world)
    ana = lead.company.employments.get(person__full_name="Ana Souza").person
    world.talk(days_ago(380), ana, channel="linkedin")

    nudges = nudge_plan(owner=world.owner, today=today).visible
    [nudge] = [n for n in nudges if n.kind == NudgeKind.CONNECT_BEFORE_APPLY]
    assert f"haven't talked to anyone there since {days_ago(380):%d %b %Y}" in nudge.reason
