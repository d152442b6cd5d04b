"""A fresh user's first ten minutes, in a real browser (#15): an empty database, the LinkedIn
import, a first target, a first conversation logged, and what Today then asks."""

from __future__ import annotations

import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in, screenshot

from rapport.companies.models import Company, TargetStatus
from rapport.conversations.models import Conversation
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person

CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,Souza,https://www.linkedin.com/in/ana-souza,ana@example.org,Stripe,Data Engineer,"
    "07 Mar 2021\n"
    "Bo,Lind,https://www.linkedin.com/in/bo-lind,,Stripe,Product Manager,12 Jan 2022\n"
    "Łukasz,Nowak,https://www.linkedin.com/in/lukasz-nowak,,Monzo,Analytics Lead,03 Jun 2020\n"
    "Chloé,Martin,https://www.linkedin.com/in/chloe-martin,,Acme,Recruiter,21 Sep 2023\n"
    "Priya,Raman,https://www.linkedin.com/in/priya-raman,,Globex,Data Scientist,"
    "30 Apr 2019\n"
)


def _linkedin_export(folder: Path) -> Path:
    path = folder / "Basic_LinkedInDataExport_12-01-2026.zip"
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("Connections.csv", CONNECTIONS)
    return path


def test_a_fresh_users_first_ten_minutes(
    live_server: LiveServer, page: Page, settings: Settings, tmp_path: Path
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DATA_DIR = tmp_path
    user = log_in(page, live_server)

    # An empty Today: step one is the LinkedIn import, and how to ask LinkedIn for it.
    steps = page.locator("ol.steps > li")
    expect(steps.first).to_contain_text("Import your LinkedIn contacts")
    expect(steps.first).to_contain_text("Get a copy of your data")
    expect(page.get_by_role("button", name="Load the demo network")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "first-run")

    # The import: preview lists who, then import.
    page.get_by_role("link", name="Import contacts").first.click()
    page.get_by_label("What is this file?").select_option("linkedin")
    page.get_by_label("File", exact=True).set_input_files(str(_linkedin_export(tmp_path)))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_text("To be added: 5 people")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Łukasz Nowak")
    assert not Person.objects.filter(owner=user).exists()
    assert_accessible(page)
    screenshot(page, "first-import-preview")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("link", name="See your people")).to_be_visible()
    assert Person.objects.filter(owner=user).count() == 5

    # The first target: Stripe, where two of them work.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Companies").click()
    page.get_by_role("link", name="Stripe").first.click()
    page.get_by_label("List", exact=True).select_option("target")
    page.get_by_label("Priority").fill("1")
    page.get_by_role("button", name="Update the list").click()
    expect(page.get_by_role("heading", name="Why it is a target")).to_be_visible()
    assert_accessible(page)
    stripe = Company.objects.get(owner=user, name="Stripe")
    assert stripe.target_status == TargetStatus.TARGET

    # Search folds the letters LinkedIn names carry.
    page.get_by_role("searchbox").first.fill("lukasz")
    page.get_by_role("searchbox").first.press("Enter")
    expect(page.get_by_role("link", name="Łukasz Nowak").first).to_be_visible()

    # The first conversation: coffee with Ana, who mentions a hidden lead at Stripe.
    page.get_by_role("button", name="Menu").click()
    page.locator(".header-actions").get_by_role("link", name="Log a conversation").click()
    page.get_by_label("Person 1").fill("Ana Souza")
    outcome = page.get_by_role("group", name="Outcome 1")
    outcome.get_by_label("Kind").select_option("lead")
    outcome.get_by_label("Company").fill("Stripe")
    outcome.get_by_label("Job title").fill("Data Analyst")
    outcome.get_by_label("What was it?").fill("A new analytics team, not advertised yet")
    assert_accessible(page)
    page.evaluate("window.scrollTo(0, 0)")  # the sticky header at the top of the picture
    screenshot(page, "first-conversation")
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_role("status")).to_contain_text("New lead: Data Analyst at Stripe")
    assert Conversation.objects.filter(owner=user).count() == 1
    assert Person.objects.filter(owner=user, full_name="Ana Souza").count() == 1

    # Today: thank Ana; ask how referrals work at Stripe before applying.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    expect(page.get_by_role("heading", name="How the playbook works")).to_have_count(0)
    expect(page.get_by_role("heading", name="Thank Ana for the coffee")).to_be_visible()
    expect(page.get_by_role("heading", name="Ask Ana how referrals work at Stripe")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "first-today")
    lead = Opportunity.objects.get(owner=user)
    assert (lead.company, lead.advertised) == (stripe, True)
