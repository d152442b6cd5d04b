"""Introductions through the cohort in Chromium: Maria offers Ana from Ana's page; Victor, in
her cohort, sees the cohort path on his warm paths into Stripe and asks; Maria sees the
request on Today, accepts with a reply; Victor sees the answer and adds Ana to his people.
axe on every page."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in, screenshot

from rapport.accounts.models import User
from rapport.cohorts.services import cohort_get_or_create, member_set
from rapport.companies.services import company_find_or_create, employment_add
from rapport.people.services import person_create, person_set_contact_points


def test_offer_ask_accept_and_add_to_my_people(
    live_server: LiveServer, page: Page, second_page: Page, settings: Settings
) -> None:
    settings.LOCAL_MODE = False
    spring, _ = cohort_get_or_create(name="Spring 2027")
    maria = User.objects.create_user(username="maria", first_name="Maria", last_name="Lopez")
    victor = User.objects.create_user(username="victor", first_name="Victor", last_name="Chen")
    for user in (maria, victor):
        member_set(user=user, role="student", cohorts=[spring])
    ana = person_create(owner=maria, full_name="Ana Souza", notes="Private: owes me a favour")
    person_set_contact_points(person=ana, values=["ana@stripe.example"])
    employment_add(
        person=ana,
        company=company_find_or_create(owner=maria, name="Stripe")[0],
        title="Head of Payments",
    )
    stripe, _ = company_find_or_create(owner=victor, name="Stripe, Inc.")

    # Maria offers Ana from Ana's page.
    log_in(page, live_server, maria)
    page.goto(f"{live_server.url}/people/{ana.pk}/")
    section = page.get_by_role("region", name="Introductions for your cohort")
    expect(section).to_contain_text("They see only: Ana Souza, Head of Payments at Stripe.")
    section.get_by_role("button", name="Offer to introduce Ana Souza").click()
    expect(page.get_by_text("Your cohort can now ask you to introduce them to Ana")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "intro-offer")

    # Victor sees the cohort path into his Stripe, below his own paths, and asks.
    log_in(second_page, live_server, victor)
    second_page.goto(f"{live_server.url}/network/companies/{stripe.pk}/")
    paths = second_page.get_by_role("region", name="Through your cohort")
    expect(paths).to_contain_text(
        "Maria Lopez in your cohort knows Ana Souza at Stripe (Head of Payments): ask Maria Lopez"
    )
    assert "ana@stripe.example" not in second_page.content()
    assert "owes me a favour" not in second_page.content()
    paths.get_by_text("Ask Maria Lopez to introduce you to Ana Souza").click()
    paths.get_by_label("A short message to Maria Lopez").fill(
        "I am moving into payments: could I ask Ana about her team?"
    )
    assert_accessible(second_page)
    screenshot(second_page, "intro-cohort-path")
    paths.get_by_role("button", name="Send the request").click()
    expect(second_page.get_by_text("Sent: Maria Lopez will see your request")).to_be_visible()
    expect(paths).to_contain_text("waiting for Maria Lopez's answer")

    # Maria sees it on Today, answers on her introductions page.
    page.goto(f"{live_server.url}/")
    page.get_by_role("region", name="Your cohort").get_by_role("link", name="Answer").click()
    request = page.locator(".intro-asks li", has_text="Victor Chen")
    expect(request).to_contain_text("could I ask Ana about her team?")
    request.get_by_label("Your reply").fill("Happy to: I will write to you both tonight.")
    assert_accessible(page)
    screenshot(page, "intro-requests")
    request.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Victor Chen will see that you will introduce them")).to_be_visible()

    # Victor's Today tells him; he sees the answer and adds Ana to his people, marked as
    # introduced by Maria.
    second_page.goto(f"{live_server.url}/")
    told = second_page.get_by_role("region", name="Your cohort")
    expect(told).to_contain_text("Maria Lopez accepted to introduce you to Ana Souza.")
    assert_accessible(second_page)
    screenshot(second_page, "intro-answer-on-today")
    told.get_by_role("link", name="See the answer").click()
    mine = second_page.locator(".intro-asks li", has_text="Ana Souza")
    expect(mine).to_contain_text("Accepted")
    expect(mine).to_contain_text("Happy to: I will write to you both tonight.")
    assert_accessible(second_page)
    mine.get_by_role("button", name="Add Ana Souza to your people").click()
    expect(second_page.get_by_role("heading", name="Ana Souza", level=1)).to_be_visible()
    expect(second_page.get_by_text("Introduced by Maria Lopez, of your cohort")).to_be_visible()
    assert "ana@stripe.example" not in second_page.content()
