"""A week of real use (#15), in a real browser: applying with a referral protocol, editing a
conversation, marking a nudge done, and the other parts of the daily loop."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in, screenshot

from rapport.companies.models import ApplyOrder, TargetStatus
from rapport.companies.services import company_find_or_create, company_set_target, employment_add
from rapport.conversations.models import OutcomeKind
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.opportunities.models import Opportunity
from rapport.opportunities.services import opportunity_create
from rapport.people.models import Person
from rapport.people.services import person_resolve


def test_moving_to_applied_without_the_referral_the_company_wants_asks_first(
    live_server: LiveServer, page: Page
) -> None:
    user = log_in(page, live_server)
    stripe, _ = company_find_or_create(owner=user, name="Stripe")
    stripe.referral_apply_order = ApplyOrder.REFERRAL_FIRST
    stripe.referral_channel = "Internal referral tool"
    stripe.save()
    ines, _ = person_resolve(owner=user, text="Ines Duarte")
    employment_add(person=ines, company=stripe, title="Data Engineer")
    conversation_log(
        owner=user,
        occurred_on=timezone.localdate() - dt.timedelta(days=2),
        channel="call",
        participants=[ines.full_name],
    )
    lead = opportunity_create(owner=user, company=stripe, title="Data Analyst")

    page.goto(f"{live_server.url}/opportunities/")
    card = page.get_by_role("article").filter(has_text="Data Analyst")
    expect(card).to_contain_text("Referrals: get the referral before applying")
    assert_accessible(page)
    card.get_by_label("Stage of Data Analyst at Stripe").select_option("applied")

    heading = page.get_by_role("heading", name="Stripe wants the referral before the application")
    expect(heading).to_be_visible()
    expect(page.locator("main")).to_contain_text("You have talked to someone there")
    assert_accessible(page)
    screenshot(page, "apply-referral-first")
    page.get_by_role("link", name="Not yet").click()
    expect(page).to_have_url(f"{live_server.url}/opportunities/")
    assert Opportunity.objects.get(pk=lead.pk).stage == "lead"


def test_a_conversation_is_edited_from_its_page(live_server: LiveServer, page: Page) -> None:
    user = log_in(page, live_server)
    conversation = conversation_log(
        owner=user,
        occurred_on=timezone.localdate() - dt.timedelta(days=1),
        channel="coffee",
        participants=["Ana Souza"],
        outcomes=[OutcomeInput(kind=OutcomeKind.ADVICE, text="Shorten the resume")],
    )

    page.goto(f"{live_server.url}/conversations/{conversation.pk}/")
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page.get_by_role("heading", name="Edit the conversation")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Date").fill("2026-11-02")
    page.get_by_label("Channel").select_option("video")
    page.get_by_label("Person 2").fill("Bo Lind")
    first = page.get_by_role("group", name="Outcome 1")
    first.get_by_label("What was it?").fill("Shorten the resume to one page")
    screenshot(page, "conversation-edit")
    page.get_by_role("button", name="Save conversation").click()

    expect(page.get_by_role("status")).to_contain_text("Conversation updated")
    expect(page.get_by_role("heading", level=1)).to_have_text("Video call with Ana Souza, Bo Lind")
    expect(page.locator("main")).to_contain_text("Shorten the resume to one page")
    conversation.refresh_from_db()
    assert conversation.occurred_on == dt.date(2026, 11, 2)
    assert conversation.outcomes.count() == 1


def test_a_name_is_logged_with_where_they_work_and_today_asks_to_reach_out(
    live_server: LiveServer, page: Page
) -> None:
    user = log_in(page, live_server)

    page.goto(f"{live_server.url}/conversations/log/")
    page.get_by_label("Person 1").fill("Ana Souza")
    first = page.get_by_role("group", name="Outcome 1")
    first.get_by_label("Kind").select_option("name")
    first.get_by_label("Person named").fill("Bo Lindqvist")
    expect(first.get_by_label("Company")).to_be_visible()
    first.get_by_label("Company").fill("Stripe")
    first.get_by_label("Job title").fill("Analytics Lead")
    assert_accessible(page)
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_role("status")).to_contain_text("Bo Lindqvist")

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Reach out to Bo Lindqvist")).to_be_visible()
    assert_accessible(page)
    bo = Person.objects.get(owner=user, full_name="Bo Lindqvist")
    assert [str(job) for job in bo.employments.all()] == ["Analytics Lead at Stripe"]


def test_i_sent_it_answers_a_nudge_and_a_dismissed_one_comes_back(
    live_server: LiveServer, page: Page
) -> None:
    user = log_in(page, live_server)
    ana, _ = person_resolve(owner=user, text="Ana Souza")
    conversation_log(
        owner=user,
        occurred_on=timezone.localdate() - dt.timedelta(days=1),
        channel="coffee",
        participants=[ana.full_name],
    )
    stripe, _ = company_find_or_create(owner=user, name="Stripe")
    company_set_target(company=stripe, status=TargetStatus.TARGET)

    page.goto(f"{live_server.url}/")
    thanks = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Thank Ana for the coffee")
    )
    thanks.get_by_text("I sent it").click()
    thanks.get_by_label("What you sent to Ana Souza").fill("Thanked her by email")
    assert_accessible(page)
    screenshot(page, "nudge-sent")
    thanks.get_by_role("button", name="Record it").click()
    expect(page.get_by_role("status").filter(has_text="Recorded")).to_contain_text(
        "you wrote to Ana Souza"
    )

    way_in = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Find a way into Stripe")
    )
    way_in.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_role("status").filter(has_text="Dismissed")).to_be_visible()
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="1 snoozed or dismissed").click()
    expect(page.get_by_role("heading", name="Snoozed and dismissed nudges")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Restore “Find a way into Stripe”").click()
    expect(page.get_by_role("status")).to_contain_text("Restored")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Find a way into Stripe")).to_be_visible()


def test_adding_a_namesake_warns_and_pickers_tell_them_apart(
    live_server: LiveServer, page: Page
) -> None:
    user = log_in(page, live_server)
    camille, _ = person_resolve(owner=user, text="Camille Jensen")
    stripe, _ = company_find_or_create(owner=user, name="Stripe")
    employment_add(person=camille, company=stripe, title="Data Engineer")

    page.goto(f"{live_server.url}/people/new/")
    page.get_by_label("Name", exact=True).fill("Camille Jensen")
    page.get_by_label("Company").fill("Acme")
    page.get_by_label("Job title").fill("Recruiter")
    page.get_by_role("button", name="Add person").click()
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("You already have 1 person called Camille Jensen")
    expect(warning).to_contain_text("Data Engineer at Stripe")
    assert_accessible(page)
    screenshot(page, "person-namesake")
    page.get_by_role("button", name="Add another person called Camille Jensen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Camille Jensen")

    page.goto(f"{live_server.url}/conversations/log/")
    page.get_by_label("Person 1").press_sequentially("Camille")
    options = page.locator("#people-options option")
    expect(options).to_have_count(2)
    expect(page.locator("#people-options")).to_contain_text("Data Engineer at Stripe")
    expect(page.locator("#people-options")).to_contain_text("Recruiter at Acme")
