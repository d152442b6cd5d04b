"""The inbox in a real browser: Today's count, accept (the log form pre-filled), edit,
dismiss and bulk, and the calendar and mail settings page, with axe checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, screenshot
from tests.capture.capture_world import google_calendar, google_event, mail, mbox_file, someone

from rapport.accounts.services import local_user_get_or_create, login_token_create
from rapport.capture.models import Suggestion, SuggestionStatus
from rapport.capture.services import capture_import_file
from rapport.conversations.models import Conversation
from rapport.people.models import Person

ME = "Olivia Owner <olivia.owner@gmail.com>"


def _day(days: int) -> str:
    return f"{datetime.now(UTC) + timedelta(days=days):%Y%m%dT100000Z}"


def _captured(tmp_path: Path) -> None:
    user = local_user_get_or_create()
    someone(user, "Ana Souza", "ana@stripe.com")
    someone(user, "Bo Lindqvist", "bo@globex.example")
    calendar = tmp_path / "work.ics"
    calendar.write_text(google_calendar(
        google_event("c1", _day(-2), "Coffee w/ Ana Souza"),
        google_event("c2", _day(-1), "Intro call",
                     "PARTSTAT=ACCEPTED;CN=Bo Lindqvist:mailto:bo@globex.example"),
        google_event("c3", _day(5), "Lunch with Ana Souza"),
    ))  # fmt: skip
    capture_import_file(owner=user, kind="ics", path=calendar)
    box = mbox_file(tmp_path / "mail.mbox", [
        mail("Jane Roe <jane@roe.example>", ME, "Your talk at PyCon",
             "Mon, 30 Nov 2026 10:00:00 +0000", "Loved your talk! Could we chat about data teams?",
             msgid="<j1@roe.example>"),
        mail(ME, "Jane Roe <jane@roe.example>", "Re: Your talk at PyCon",
             "Mon, 30 Nov 2026 11:00:00 +0000", msgid="<j2@gmail.com>", reply_to="<j1@roe.example>",
             labels="Sent"),
    ])  # fmt: skip
    capture_import_file(owner=user, kind="mbox", path=box)


def test_the_inbox_accept_edit_dismiss_and_bulk(live_server: LiveServer, page: Page, tmp_path):
    _captured(tmp_path)
    user = local_user_get_or_create()
    page.goto(f"{live_server.url}/login/{login_token_create(user=user)}/")

    page.goto(f"{live_server.url}/playbook/")
    page.get_by_role("link", name="3 things from your calendar and mail to confirm").click()
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    expect(page.get_by_text("Upcoming meetings")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "inbox")

    coffee = page.locator(".suggestion", has_text="Coffee w/ Ana Souza")
    coffee.get_by_role("link", name="Accept and log…").click()
    ana = Person.objects.get(owner=user, full_name="Ana Souza")
    expect(page.get_by_label("Person 1")).to_have_value(f"Ana Souza (#{ana.pk})")
    assert_accessible(page)
    screenshot(page, "inbox-accept")
    page.locator("#id_outcomes-0-kind").select_option("advice")
    page.locator("#id_outcomes-0-text").fill("Talk to the data platform team first.")
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_text("Talk to the data platform team first.")).to_be_visible()
    assert Conversation.objects.filter(owner=user).count() == 1

    page.goto(f"{live_server.url}/inbox/")
    jane = page.locator(".suggestion", has_text="Jane Roe")
    jane.get_by_role("link", name="Edit").click()
    page.get_by_label("Name").fill("Jane A. Roe")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".suggestion", has_text="Add Jane A. Roe")).to_be_visible()

    page.locator(".suggestion", has_text="Intro call").get_by_role("button", name="Dismiss").click()
    expect(page.get_by_text("It will not come back.")).to_be_visible()

    page.get_by_label("Select: Add Jane A. Roe (jane@roe.example)").check()
    page.get_by_label("With the ticked ones").select_option("accept")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Accepted 1 suggestion.")).to_be_visible()
    expect(page.get_by_text("Nothing to confirm")).to_be_visible()
    statuses = sorted(Suggestion.objects.values_list("status", flat=True))
    assert statuses.count(SuggestionStatus.PENDING) == 1  # the upcoming lunch
    assert_accessible(page)


def test_the_settings_page_says_what_is_read_and_forgets(
    live_server: LiveServer, page: Page, tmp_path
):
    _captured(tmp_path)
    user = local_user_get_or_create()
    page.goto(f"{live_server.url}/login/{login_token_create(user=user)}/")
    page.goto(f"{live_server.url}/inbox/settings/")
    expect(page.get_by_role("heading", name="Exactly what is read and kept")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "capture-settings")
    page.get_by_role("row", name="mail.mbox").get_by_role("link", name="Forget…").click()
    page.get_by_role("button", name="Forget it").click()
    expect(page.get_by_text("Forgot mail.mbox")).to_be_visible()
    assert not Suggestion.objects.filter(kind="new_person").exists()
