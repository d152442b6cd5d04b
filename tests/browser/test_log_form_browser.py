"""The log form in a real browser: whole company names, one per row; Enter in a type-ahead
picks the suggestion instead of saving a half-filled form."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in

from rapport.companies.models import Company
from rapport.companies.services import company_find_or_create
from rapport.conversations.models import Conversation
from rapport.people.services import person_create


def test_companies_discussed_are_whole_names_one_per_row(
    live_server: LiveServer, page: Page
) -> None:
    user = log_in(page, live_server)
    company_find_or_create(owner=user, name="Stripe, Inc.")
    page.goto(f"{live_server.url}/conversations/log/")
    page.get_by_label("Person 1").fill("Ana Souza")
    page.get_by_label("Company 1").fill("Stripe, Inc.")
    page.get_by_role("button", name="Add another company").click()
    page.get_by_label("Company 2").fill("Canva")
    assert_accessible(page)
    page.get_by_role("button", name="Save conversation").click()

    expect(page.get_by_role("status")).to_contain_text("Added to your companies: Canva.")
    conversation = Conversation.objects.get(owner=user)
    assert sorted(c.name for c in conversation.companies.all()) == ["Canva", "Stripe, Inc."]
    assert sorted(Company.objects.filter(owner=user).values_list("name", flat=True)) == [
        "Canva",
        "Stripe, Inc.",
    ]


def test_enter_in_the_person_type_ahead_picks_the_suggestion(
    live_server: LiveServer, page: Page
) -> None:
    user = log_in(page, live_server)
    ana = person_create(owner=user, full_name="Ana Souza")
    page.goto(f"{live_server.url}/conversations/log/")
    person = page.get_by_label("Person 1")
    person.press_sequentially("ana s")
    expect(page.locator("#people-options option")).to_have_count(1)
    person.press("Enter")

    expect(person).to_have_value(f"Ana Souza (#{ana.pk})")
    assert page.url.endswith("/conversations/log/")
    assert not Conversation.objects.filter(owner=user).exists()
    person.press("Enter")  # a second Enter moves on, and still saves nothing
    expect(page.get_by_label("Person 2")).to_be_focused()
    assert not Conversation.objects.filter(owner=user).exists()
