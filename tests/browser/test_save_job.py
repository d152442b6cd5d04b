"""Saving a job in Chromium: from the form, and with the bookmarklet from the job's page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, screenshot
from tests.postings.job_site import Site, job_site

from rapport.accounts.models import User
from rapport.accounts.services import local_user_get_or_create, login_token_create
from rapport.companies.models import ApplyOrder
from rapport.companies.services import (
    company_find_or_create,
    company_set_referral_protocol,
    employment_add,
)
from rapport.opportunities.models import Opportunity
from rapport.people.services import person_create

PAGES = Path(__file__).parents[1] / "postings" / "pages"


@pytest.fixture
def site() -> Iterator[Site]:
    """The job site, on another origin than Rapport's (127.0.0.1, not localhost)."""
    with job_site("127.0.0.1") as running:
        yield running


def _log_in(page: Page, live_server: LiveServer) -> User:
    user = local_user_get_or_create()
    page.goto(f"{live_server.url}/login/{login_token_create(user=user)}/")
    expect(page.get_by_role("button", name="Log out", include_hidden=True)).to_be_attached()
    return user


def _someone_at(user: User, company_name: str, *, channel: str = "") -> None:
    company, _ = company_find_or_create(owner=user, name=company_name)
    ana = person_create(owner=user, full_name="Ana Souza")
    employment_add(person=ana, company=company, title="Engineering Manager")
    if channel:
        company_set_referral_protocol(
            company=company,
            channel=channel,
            steps="Ana submits you through the referral tool **before** you apply.",
            apply_order=ApplyOrder.REFERRAL_FIRST,
            learned_from=ana,
        )


def test_a_job_saved_from_its_link_opens_with_paths_and_protocol(
    live_server: LiveServer, page: Page, site: Site
) -> None:
    user = _log_in(page, live_server)
    _someone_at(user, "Northwind Robotics", channel="Internal referral tool")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Save a job").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Save a job")
    assert_accessible(page)
    screenshot(page, "save-job")

    page.get_by_label("Link to the job posting").fill(site.url("/jobs/greenhouse.html"))
    page.get_by_role("button", name="Save the job").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Senior Backend Engineer, Payments")
    main = page.locator("main")
    expect(main).to_contain_text("Saved Senior Backend Engineer, Payments at Northwind Robotics")
    expect(
        page.get_by_role("region", name="How referrals work at Northwind Robotics")
    ).to_contain_text("Internal referral tool")
    expect(main.get_by_role("link", name="Ana Souza").first).to_be_visible()
    expect(page.get_by_role("region", name="The posting")).to_contain_text("San Francisco, CA")
    assert Opportunity.objects.get(owner=user).company.name == "Northwind Robotics"
    assert_accessible(page)
    screenshot(page, "saved-job")


def test_a_page_without_a_posting_is_completed_on_the_form(
    live_server: LiveServer, page: Page, site: Site
) -> None:
    user = _log_in(page, live_server)
    page.goto(f"{live_server.url}/jobs/save/")
    page.get_by_label("Link to the job posting").fill(site.url("/jobs/title_only.html"))
    page.get_by_role("button", name="Save the job").click()

    expect(page.locator("main")).to_contain_text(
        "I could not read a job posting here; fill in the form."
    )
    expect(page.get_by_label("Job title")).to_have_value("Warehouse Team Lead - Night Shift")
    assert_accessible(page)
    screenshot(page, "save-job-check")
    page.get_by_label("Company").fill("Acme Depot")
    page.get_by_label("Apply by").fill("2030-01-31")
    page.get_by_role("button", name="Save the job").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Warehouse Team Lead - Night Shift")
    lead = Opportunity.objects.get(owner=user)
    assert (lead.company.name, str(lead.deadline)) == ("Acme Depot", "2030-01-31")


def test_the_bookmarklet_saves_the_page_the_user_is_looking_at(
    live_server: LiveServer, page: Page, site: Site
) -> None:
    user = _log_in(page, live_server)
    _someone_at(user, "Lumen Health")
    page.goto(f"{live_server.url}/playbook/settings/")
    bookmarklet = page.get_by_role("link", name="Save to Rapport")
    expect(bookmarklet).to_be_visible()
    bookmarklet.click()  # in Rapport itself it only says what to do with it
    expect(page.get_by_text("Drag the button to your bookmarks bar")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("heading", name="Save jobs from your browser").scroll_into_view_if_needed()
    screenshot(page, "bookmarklet")
    href = bookmarklet.get_attribute("href") or ""
    assert href.startswith("javascript:")

    # On the job's page, a click on the bookmark runs its javascript: link in that page.
    # (Another tab: the job site's own missing images are not Rapport's console errors.)
    job = page.context.new_page()
    job.goto(site.url("/jobs/lever.html"))
    job.evaluate(
        """href => { const a = document.createElement("a"); a.id = "bookmark";
            a.textContent = "Save to Rapport"; a.href = href; document.body.append(a); }""",
        href,
    )
    with job.expect_popup() as opened:
        job.click("#bookmark")
    popup = opened.value
    popup.wait_for_url(f"{live_server.url}/opportunities/*/")

    expect(popup.get_by_role("heading", level=1)).to_have_text("Product Designer")
    expect(popup.locator("main")).to_contain_text("Saved Product Designer at Lumen Health")
    expect(popup.get_by_role("region", name="How referrals work at Lumen Health")).to_contain_text(
        "Ask someone at Lumen Health how referrals work before you apply"
    )
    expect(popup.locator("main").get_by_role("link", name="Ana Souza").first).to_be_visible()
    expect(popup.get_by_role("region", name="The posting")).to_contain_text("GBP 55,000")
    opportunity = Opportunity.objects.get(owner=user)
    assert opportunity.url == site.url("/jobs/lever.html")
    assert_accessible(popup)
    screenshot(popup, "saved-job-bookmarklet")


def test_a_page_behind_a_login_is_pasted(live_server: LiveServer, page: Page) -> None:
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/jobs/save/")
    page.get_by_text("Behind a login, such as LinkedIn? Paste the page instead").click()
    pasted = (PAGES / "linkedin_logged_in.html").read_text(encoding="utf-8")
    page.get_by_label("The page's HTML").fill(pasted)
    page.get_by_role("button", name="Save the job").click()

    expect(page.locator("main")).to_contain_text("I could not read a job posting here")
    expect(page.get_by_label("Job title")).to_have_value("Senior Site Reliability Engineer")
    expect(page.get_by_label("Company")).to_have_value("Harbour Bank")
    assert_accessible(page)
