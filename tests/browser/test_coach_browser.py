"""Coaching in Chromium: a student lets their coach see their progress; the coach opens the
dashboard and the student's page and sets an assignment; the student sees it on Today and
reports it done; the coach sees it done. axe on every page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in, screenshot

from rapport.accounts.models import User
from rapport.cohorts.services import cohort_get_or_create, member_set
from rapport.conversations.services import conversation_log

TASK = "Talk to three alumni at a target this week"


def test_a_student_lets_a_coach_see_and_an_assignment_goes_both_ways(
    live_server: LiveServer, page: Page, second_page: Page, settings: Settings
) -> None:
    settings.LOCAL_MODE = False
    spring, _ = cohort_get_or_create(name="Spring 2027")
    olivia = User.objects.create_user(username="olivia")
    kim = User.objects.create_user(username="coach_kim")
    member_set(user=olivia, role="student", cohorts=[spring])
    member_set(user=kim, role="coach", cohorts=[spring])
    conversation_log(
        owner=olivia, occurred_on=timezone.localdate() - dt.timedelta(days=20), channel="coffee",
        participants=["Ana Souza"], companies=["Stripe"], notes="Private: the reorg",
    )  # fmt: skip

    # The student lets the coach see their progress from the cohort page.
    log_in(page, live_server, olivia)
    page.get_by_role("link", name="Cohort").first.click()
    page.get_by_role("button", name="Let coach_kim see my progress").click()
    expect(page.get_by_text("coach_kim now sees your progress")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "cohort-coaches")

    # The coach: the dashboard, then the student's page; sets an assignment.
    log_in(second_page, live_server, kim)
    second_page.goto(f"{live_server.url}/cohort/")
    second_page.get_by_role("link", name="Your students' progress").click()
    row = second_page.get_by_role("row", name="olivia")
    expect(row).to_contain_text("No conversation in 20 days")
    assert "Ana Souza" not in second_page.content()
    assert_accessible(second_page)
    screenshot(second_page, "coach-dashboard")
    row.get_by_role("link", name="olivia").click()
    expect(second_page.get_by_role("heading", name="olivia: progress")).to_be_visible()
    second_page.get_by_label("A new assignment for olivia").fill(TASK)
    second_page.get_by_label("Due").fill((timezone.localdate() + dt.timedelta(days=5)).isoformat())
    second_page.get_by_role("button", name="Set the assignment").click()
    expect(second_page.get_by_text("Assignment set")).to_be_visible()
    expect(second_page.locator(".assignments")).to_contain_text("Open")
    assert "Stripe" not in second_page.content()
    assert_accessible(second_page)
    screenshot(second_page, "coach-student")

    # The student sees it on Today and reports it done.
    page.goto(f"{live_server.url}/")
    nudge = page.locator(".nudge", has_text=TASK)
    expect(nudge).to_contain_text("From your coach")
    assert_accessible(page)
    screenshot(page, "today-assignment")
    nudge.get_by_role("link", name="Report it done").click()
    page.get_by_label("What you did").fill("Met two alumni at Canva")
    page.get_by_role("button", name="Report it done").click()
    expect(page.get_by_text("Reported done")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page.locator(".nudge", has_text=TASK)).to_have_count(0)

    # The coach sees it done, with the report; the student's log shows each look.
    second_page.reload()
    expect(second_page.locator(".assignments")).to_contain_text("Done")
    expect(second_page.locator(".assignments")).to_contain_text("Met two alumni at Canva")
    page.goto(f"{live_server.url}/cohort/")
    expect(page.get_by_role("cell", name="A coach looked at progress").first).to_be_visible()
    assert_accessible(page)
