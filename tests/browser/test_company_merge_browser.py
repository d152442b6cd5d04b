"""Merging two companies from a company's page and undoing it, in a real browser (axe clean)."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in
from tests.search.search_factories import company, job, person

from rapport.companies.models import Company

MSF = "Doctors Without Borders/Médecins Sans Frontières (MSF)"


def test_two_names_of_one_company_become_one_and_apart_again(
    live_server: LiveServer, page: Page
) -> None:
    user = log_in(page, live_server)
    dwb = company(user, "Doctors Without Borders", phone="+41 22 849 84 00")
    job(person(user, "Ana Souza"), company(user, MSF), "Nurse")

    page.goto(f"{live_server.url}/companies/{dwb.pk}/")
    expect(page.get_by_text("+41 22 849 84 00")).to_be_visible()
    field = page.get_by_label("Company to merge into this one")
    field.fill(MSF)
    assert_accessible(page)
    page.get_by_role("button", name="Merge into Doctors Without Borders").click()

    expect(page.get_by_text(f"{MSF} is now part of Doctors Without Borders.")).to_be_visible()
    people = page.get_by_role("region", name="People you know there")
    expect(people.get_by_role("link", name="Ana Souza")).to_be_visible()
    expect(page.get_by_text(f"Also written “{MSF}”")).to_be_visible()
    assert list(Company.objects.filter(owner=user).values_list("name", flat=True)) == [
        "Doctors Without Borders"
    ]
    assert_accessible(page)

    page.get_by_role("button", name=f"Undo: make “{MSF}” a company again").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(MSF)
    expect(people.get_by_role("link", name="Ana Souza")).to_be_visible()
    assert Company.objects.filter(owner=user).count() == 2
