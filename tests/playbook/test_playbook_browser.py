"""The playbook pages in a real Chromium: htmx swaps under the CSP, and axe finds no barrier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from playbook_world import World, days_ago
from playwright.sync_api import Browser, Page
from tests.browser.helpers import assert_accessible

from rapport.accounts.models import User
from rapport.conversations.models import OutcomeKind
from rapport.conversations.services import OutcomeInput

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def browser_page(live_server: Any, owner: User, browser: Browser) -> Iterator[Page]:
    """A logged-in page; console errors (a CSP violation, a broken script) fail the test."""
    client = Client()
    client.force_login(owner)
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    cookie = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not errors, f"console errors: {errors}"


def test_dismissing_a_nudge_swaps_it_out_in_place(
    browser_page: Page, live_server: Any, world: World, today: dt.date
) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"))
    world.company("Canva", target=True)
    browser_page.goto(f"{live_server.url}/playbook/")
    before = browser_page.locator("li.nudge").count()

    nudge = browser_page.locator("li.nudge", has_text="Thank Ana for the coffee")
    nudge.get_by_role("button", name="Dismiss").click()

    browser_page.get_by_role("status").filter(has_text="Dismissed").wait_for()
    assert browser_page.locator("li.nudge").count() == before - 1
    assert browser_page.url == f"{live_server.url}/playbook/"  # no full page load


def test_the_playbook_pages_have_no_serious_accessibility_problems(
    browser_page: Page, live_server: Any, world: World, today: dt.date
) -> None:
    stripe = world.company("Stripe", target=True)
    ana = world.person("Ana Souza", works_at=stripe)
    lead = world.lead("Staff Engineer", stripe, saved_on=days_ago(5))
    world.talk(days_ago(1), ana, outcomes=[OutcomeInput(kind=OutcomeKind.GAVE, text="Notes")])

    for path in [
        "/playbook/",
        "/playbook/nudges/",
        "/playbook/follow-ups/",
        "/playbook/review/",
        "/playbook/settings/",
        f"/playbook/people/{ana.pk}/prep/",
        f"/playbook/opportunities/{lead.pk}/apply/",
    ]:
        browser_page.goto(live_server.url + path)
        assert_accessible(browser_page)
