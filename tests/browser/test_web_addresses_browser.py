"""Web addresses typed without https:// are taken, in a real browser (which refuses them
in an <input type=url> before the form is even sent)."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in

from rapport.companies.models import Company
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person


def test_a_linkedin_address_without_https_is_taken_and_normalised(
    live_server: LiveServer, page: Page
) -> None:
    user = log_in(page, live_server)
    page.goto(f"{live_server.url}/people/new/")
    page.get_by_label("Name", exact=True).fill("Ana Souza")
    page.get_by_label("LinkedIn profile URL").fill("LinkedIn.com/in/Ana-Souza/")
    assert_accessible(page)
    page.get_by_role("button", name="Add person").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ana Souza")
    person = Person.objects.get(owner=user)
    assert person.linkedin_url == "https://www.linkedin.com/in/ana-souza"


def test_company_and_posting_addresses_without_https_are_taken(
    live_server: LiveServer, page: Page
) -> None:
    user = log_in(page, live_server)
    page.goto(f"{live_server.url}/companies/new/")
    page.get_by_label("Name").fill("Stripe")
    page.get_by_label("Website").fill("stripe.com")
    page.get_by_label("Careers page").fill("stripe.com/jobs")
    page.get_by_role("button", name="Add company").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stripe")
    stripe = Company.objects.get(owner=user)
    assert (stripe.website, stripe.careers_url) == ("https://stripe.com", "https://stripe.com/jobs")

    page.goto(f"{live_server.url}/opportunities/new/")
    page.get_by_label("Job title").fill("Data Analyst")
    page.get_by_label("Company").fill("Stripe")
    page.get_by_label("Job posting URL").fill("stripe.com/jobs/123")
    page.get_by_role("button", name="Add opportunity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data Analyst")
    assert Opportunity.objects.get(owner=user).url == "https://stripe.com/jobs/123"
