"""A job seeker's first minutes, in a real browser: log in, log a conversation, see results."""

from __future__ import annotations

import re

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, screenshot

from rapport.accounts.models import User
from rapport.accounts.services import local_user_get_or_create, login_token_create
from rapport.companies.models import Company
from rapport.companies.services import company_find_or_create, employment_add
from rapport.conversations.models import Conversation
from rapport.demo.services import demo_network_load
from rapport.opportunities.models import Opportunity
from rapport.opportunities.services import opportunity_create
from rapport.people.models import Person
from rapport.people.services import person_resolve


def _log_in(page: Page, live_server: LiveServer) -> User:
    user = local_user_get_or_create()
    page.goto(f"{live_server.url}/login/{login_token_create(user=user)}/")
    expect(page.get_by_role("button", name="Log out", include_hidden=True)).to_be_attached()
    return user


def test_a_new_user_logs_a_conversation_and_sees_the_person_and_the_lead(
    live_server: LiveServer, page: Page
) -> None:
    user = _log_in(page, live_server)
    expect(page.get_by_role("heading", name="How the playbook works")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Quick log").click()
    page.get_by_role("link", name="Full form").click()
    page.get_by_label("Person 1").fill("Ana Souza")
    page.get_by_label("Channel").select_option("video")
    first = page.get_by_role("group", name="Outcome 1")
    first.get_by_label("Kind").select_option("name")
    first.get_by_label("Person named").fill("Bo Lindqvist")
    first.get_by_label("What was it?").fill("Runs the analytics guild; happy to talk")
    second = page.get_by_role("group", name="Outcome 2")
    second.get_by_label("Kind").select_option("lead")
    second.get_by_label("Company").fill("Stripe")
    second.get_by_label("Job title").fill("Data Analyst")
    second.get_by_label("Never advertised (hidden lead)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save conversation").click()

    expect(page.get_by_role("status")).to_contain_text("Bo Lindqvist")
    conversation = Conversation.objects.get(owner=user)
    assert [p.full_name for p in conversation.participants.all()] == ["Ana Souza"]

    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    page.get_by_role("link", name="Bo Lindqvist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bo Lindqvist")
    expect(page.locator("main")).to_contain_text("Ana Souza")
    bo = Person.objects.get(owner=user, full_name="Bo Lindqvist")
    assert bo.introduced_by == Person.objects.get(owner=user, full_name="Ana Souza")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Opportunities").click()
    expect(page.get_by_role("link", name="Data Analyst")).to_be_visible()
    lead = Opportunity.objects.get(owner=user)
    assert (lead.company.name, lead.advertised, lead.stage) == ("Stripe", False, "lead")
    assert_accessible(page)


def test_moving_an_opportunity_on_the_board_updates_it_in_place(
    live_server: LiveServer, page: Page
) -> None:
    user = _log_in(page, live_server)
    demo_network_load(owner=user, today=timezone.localdate())
    opportunity = Opportunity.objects.filter(owner=user, stage="lead").first()
    assert opportunity is not None
    page.goto(f"{live_server.url}/opportunities/")
    page.locator(f"#stage-{opportunity.pk}").select_option("researching")
    column = page.get_by_role("region", name=re.compile("Researching"))
    expect(column.get_by_role("link", name=opportunity.title)).to_be_visible()
    opportunity.refresh_from_db()
    assert opportunity.stage == "researching"


def test_every_main_page_is_accessible_with_the_demo_network(
    live_server: LiveServer, page: Page
) -> None:
    user = _log_in(page, live_server)
    demo_network_load(owner=user, today=timezone.localdate())
    person = Person.objects.filter(owner=user).order_by("-pk").first()
    busiest = max(Person.objects.filter(owner=user), key=lambda p: p.conversations.count())
    company = Company.objects.filter(owner=user, target_status="target").order_by("priority")[0]
    conversation = Conversation.objects.filter(owner=user).first()
    opportunity = Opportunity.objects.filter(owner=user).first()
    assert person is not None
    assert conversation is not None
    assert opportunity is not None
    pages = {
        "home": "/",
        "people": "/people/",
        "person": f"/people/{busiest.pk}/",
        "companies": "/companies/?status=target",
        "company": f"/companies/{company.pk}/",
        "conversations": "/conversations/",
        "conversation": f"/conversations/{conversation.pk}/",
        "log-conversation": f"/conversations/log/?with={person.pk}",
        "opportunities": "/opportunities/",
        "opportunity": f"/opportunities/{opportunity.pk}/",
        "paths": f"/network/companies/{company.pk}/",
        "network-map": f"/network/map/?company={company.pk}",
        "search": "/search/?q=learning",
        "prep-brief": f"/playbook/people/{busiest.pk}/prep/",
        "weekly-review": "/playbook/review/",
        "playbook-settings": "/playbook/settings/",
        "your-data": "/settings/",
    }
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response is not None, path
        assert response.status == 200, path
        assert_accessible(page)
        screenshot(page, name)


def test_a_lead_asks_to_connect_before_applying_until_you_talk_to_someone_there(
    live_server: LiveServer, page: Page
) -> None:
    user = _log_in(page, live_server)
    stripe, _ = company_find_or_create(owner=user, name="Stripe")
    ines, _ = person_resolve(owner=user, text="Ines Duarte")
    employment_add(person=ines, company=stripe, title="Data Engineer")
    opportunity_create(owner=user, company=stripe, title="Data Analyst")

    page.goto(live_server.url + "/")
    nudge = page.get_by_role("heading", name="Talk to someone at Stripe before applying")
    expect(nudge).to_be_visible()
    expect(page.locator("main")).to_contain_text("You know Ines Duarte there")
    assert_accessible(page)

    page.goto(f"{live_server.url}/conversations/log/?with={ines.pk}")
    page.get_by_label("Channel").select_option("call")
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_role("status")).to_be_visible()

    page.goto(live_server.url + "/")
    expect(
        page.get_by_role("heading", name="Talk to someone at Stripe before applying")
    ).to_have_count(0)
