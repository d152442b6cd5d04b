"""Sharing company knowledge in Chromium: a student shares how referrals work at Stripe with
their cohort; another student sees it on their own page for Stripe; the sharer retracts it
and it is gone. axe on every page."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in, screenshot

from rapport.accounts.models import User
from rapport.cohorts.services import cohort_get_or_create, member_set
from rapport.companies.models import ApplyOrder
from rapport.companies.services import company_find_or_create, company_set_referral_protocol

STEPS = "Ask your referrer to submit you on the internal portal."


def test_a_share_reaches_a_cohort_peers_company_page_and_a_retraction_takes_it_back(
    live_server: LiveServer, page: Page, second_page: Page, settings: Settings
) -> None:
    settings.LOCAL_MODE = False
    spring, _ = cohort_get_or_create(name="Spring 2027")
    olivia = User.objects.create_user(username="olivia")
    marco = User.objects.create_user(username="marco")
    for student in (olivia, marco):
        member_set(user=student, role="student", cohorts=[spring])
    stripe, _ = company_find_or_create(owner=olivia, name="Stripe")
    company_set_referral_protocol(
        company=stripe,
        channel="Internal portal",
        steps=STEPS,
        apply_order=ApplyOrder.REFERRAL_FIRST,
    )
    theirs, _ = company_find_or_create(owner=marco, name="Stripe, Inc.")

    # Olivia shares how referrals work, from her page for Stripe, anonymously.
    log_in(page, live_server, olivia)
    page.goto(f"{live_server.url}/companies/{stripe.pk}/")
    page.get_by_role("link", name="Share what you know about Stripe with your cohort").click()
    expect(page.get_by_label("What your cohort should know")).to_contain_text(STEPS)
    assert_accessible(page)
    screenshot(page, "cohort-share-form")
    page.get_by_label("Anonymously").check()
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.get_by_text("Shared with Spring 2027")).to_be_visible()
    knowledge = page.get_by_role("region", name="What your cohort knows about Stripe")
    expect(knowledge).to_contain_text("You shared this anonymously")
    assert_accessible(page)

    # Marco sees it on his own page for Stripe (another spelling), without her name.
    log_in(second_page, live_server, marco)
    second_page.goto(f"{live_server.url}/companies/{theirs.pk}/")
    seen = second_page.get_by_role("region", name="What your cohort knows about Stripe, Inc.")
    expect(seen).to_contain_text(STEPS)
    expect(seen).to_contain_text("Shared anonymously")
    expect(seen).not_to_contain_text("olivia")
    assert_accessible(second_page)
    screenshot(second_page, "cohort-knowledge")
    second_page.goto(f"{live_server.url}/cohort/knowledge/")
    expect(second_page.get_by_role("heading", name="Stripe")).to_be_visible()
    assert_accessible(second_page)
    screenshot(second_page, "cohort-knowledge-page")
    second_page.goto(f"{live_server.url}/companies/{theirs.pk}/")

    # Olivia retracts it; it is gone from Marco's page and logged on her Cohort page.
    page.get_by_role(
        "link", name="Edit or retract what you shared about Stripe (how referrals work)"
    ).click()
    assert_accessible(page)
    page.get_by_role("button", name="Retract this share").click()
    expect(page.get_by_text("Retracted: your cohort no longer sees")).to_be_visible()
    second_page.reload()
    expect(second_page.get_by_text(STEPS)).to_have_count(0)
    expect(second_page.get_by_text("Nobody in your cohort has shared anything")).to_be_visible()
    second_page.goto(f"{live_server.url}/cohort/knowledge/")
    expect(second_page.get_by_text("Nobody in your cohort has shared anything yet")).to_be_visible()
    page.goto(f"{live_server.url}/cohort/")
    expect(page.get_by_role("cell", name="Retracted a share")).to_be_visible()
    assert_accessible(page)
