"""The career centre in Chromium: an admin creates a cohort and an invitation; the invitee
opens the link, chooses a password and lands logged in as a student of that cohort. axe on
every page."""

from __future__ import annotations

from django.contrib.auth import authenticate
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, screenshot

from rapport.accounts.models import User
from rapport.accounts.services import login_token_create
from rapport.cohorts.models import Member, Role
from rapport.cohorts.services import member_set

PASSWORD = "tidal-basin-42"


def test_an_admin_invites_a_student_who_sets_a_password_and_is_in(
    live_server: LiveServer, page: Page, invitee_page: Page, settings: Settings
) -> None:
    settings.LOCAL_MODE = False
    settings.RAPPORT_BASE_URL = live_server.url
    ada = User.objects.create_user(username="ada")
    member_set(user=ada, role=Role.ADMIN, cohorts=[])

    # The admin, from the cohort page: creates a cohort.
    # The live server's first page (templates compiled, the first connection) can take more
    # than the default 10 s on a machine shared with other test runs.
    page.goto(f"{live_server.url}/login/{login_token_create(user=ada)}/", timeout=30_000)
    page.get_by_role("link", name="Cohort").first.click()
    page.get_by_role("link", name="Cohorts").click()
    expect(page.get_by_role("heading", name="Cohorts", exact=True)).to_be_visible()
    page.get_by_label("Cohort name").fill("Spring 2027")
    page.get_by_role("button", name="Create the cohort").click()
    expect(page.get_by_text("Cohort “Spring 2027” created.")).to_be_visible()
    expect(page.get_by_role("row", name="Spring 2027")).to_contain_text("0")
    assert_accessible(page)
    screenshot(page, "admin-cohorts")

    # … and an invitation for a student of it.
    page.get_by_role("link", name="Invitations").click()
    page.get_by_label("Username").fill("ana")
    page.get_by_label("E-mail address").fill("ana@example.org")
    page.get_by_label("Role").select_option("student")
    page.get_by_label("Cohort").select_option(label="Spring 2027")
    page.get_by_role("button", name="Make the invitation link").click()
    link = page.get_by_role("textbox", name="Link", exact=True).input_value()
    assert link.startswith(f"{live_server.url}/cohort/invite/")
    expect(page.get_by_role("row", name="ana")).to_contain_text("Spring 2027")
    assert_accessible(page)
    screenshot(page, "admin-invites")

    # The invitee opens the link and chooses a password (a mismatch first).
    invitee_page.goto(link)
    expect(invitee_page.get_by_role("heading", name="Welcome, ana")).to_be_visible()
    expect(invitee_page.get_by_text("as a student in Spring 2027")).to_be_visible()
    assert_accessible(invitee_page)
    screenshot(invitee_page, "invite-accept")
    invitee_page.get_by_label("Choose a password").fill(PASSWORD)
    invitee_page.get_by_label("The same password again").fill(PASSWORD + "!")
    invitee_page.get_by_role("button", name="Set my password and log in").click()
    expect(invitee_page.get_by_text("The two password fields didn")).to_be_visible()
    assert_accessible(invitee_page)
    invitee_page.get_by_label("Choose a password").fill(PASSWORD)
    invitee_page.get_by_label("The same password again").fill(PASSWORD)
    invitee_page.get_by_role("button", name="Set my password and log in").click()

    # Logged in, on the cohort page, as a student of Spring 2027.
    expect(invitee_page.get_by_text("Welcome, ana: your account is ready.")).to_be_visible()
    expect(invitee_page.get_by_role("heading", name="Your cohort")).to_be_visible()
    expect(invitee_page.locator("main")).to_contain_text("You are a student in Spring 2027")
    assert_accessible(invitee_page)
    ana = User.objects.get(username="ana")
    assert authenticate(username="ana", password=PASSWORD) == ana
    assert Member.objects.get(user=ana).role == Role.STUDENT

    # The link is burnt; the admin's list of waiting invitations is empty.
    invitee_page.goto(link)
    expect(invitee_page.get_by_text("This invitation link has been used already.")).to_be_visible()
    assert_accessible(invitee_page)
    page.goto(f"{live_server.url}/cohort/admin/invites/")
    expect(page.get_by_role("region", name="Waiting to be accepted")).to_contain_text("None.")
    page.get_by_role("link", name="Members").click()
    expect(page.get_by_role("row", name="ana")).to_contain_text("Spring 2027")
    assert_accessible(page)
    page.get_by_label("Find by username or name").fill("an")
    page.get_by_label("Find by username or name").press("Enter")
    expect(page.get_by_role("heading", name="Accounts matching “an” (1)")).to_be_visible()
    expect(page.get_by_role("row", name="ana")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "admin-members")
