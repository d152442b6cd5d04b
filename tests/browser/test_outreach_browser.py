"""Outreach in Chromium: write to someone from their page (the draft, copy, the mail link,
"I sent it"), ask for an introduction from a warm path, note a reply, the 3B7 nudges on
Today, and the ranked target list; axe on every page."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, screenshot
from tests.browser.test_phone_overflow import OVERFLOW

from rapport.accounts.models import User
from rapport.accounts.services import local_user_get_or_create, login_token_create
from rapport.companies.models import Company, TargetStatus
from rapport.companies.services import company_find_or_create, company_set_target, employment_add
from rapport.conversations.services import conversation_log
from rapport.network.services import acquaintance_record
from rapport.opportunities.services import opportunity_create
from rapport.outreach.models import Attempt, AttemptKind
from rapport.outreach.services import attempt_record, motivation_set
from rapport.people.models import ContactKind, ContactPoint, Person
from rapport.people.services import person_create


def _log_in(page: Page, live_server: LiveServer) -> User:
    user = local_user_get_or_create()
    page.goto(f"{live_server.url}/login/{login_token_create(user=user)}/")
    expect(page.get_by_role("button", name="Log out", include_hidden=True)).to_be_attached()
    return user


def _target(user: User, name: str, motivation: int) -> Company:
    company, _ = company_find_or_create(owner=user, name=name)
    company_set_target(company=company, status=TargetStatus.TARGET)
    motivation_set(owner=user, company=company, level=motivation)
    return company


def _person(user: User, name: str, company: Company | None = None, title: str = "") -> Person:
    person = person_create(owner=user, full_name=name)
    if company is not None:
        employment_add(person=person, company=company, title=title)
    return person


def _world(user: User) -> dict[str, Person | Company]:
    """Five targets; people at some of them; one who knows someone at Canva."""
    stripe = _target(user, "Stripe", 3)
    canva = _target(user, "Canva", 3)
    _target(user, "Atlassian", 2)
    _target(user, "Monzo", 1)
    _target(user, "Wise", 0)
    ana = _person(user, "Ana Souza", stripe, "Data Engineer")
    ContactPoint.objects.create(
        owner=user, person=ana, kind=ContactKind.EMAIL, value="ana@stripe.example"
    )
    _person(user, "Bo Lindqvist", stripe, "Product Manager")
    dan = _person(user, "Dan Okafor", canva, "Analytics Lead")
    carla = _person(user, "Carla Mendes")
    acquaintance_record(owner=user, person=carla, knows=dan, note="Same bootcamp")
    today = timezone.localdate()
    conversation_log(
        owner=user, occurred_on=today - dt.timedelta(days=20), channel="coffee",
        participants=["Carla Mendes"],
    )  # fmt: skip
    cleo = _person(user, "Cleo Park")
    employment_add(
        person=cleo, company=canva, started_on=dt.date(2019, 1, 1), ended_on=dt.date(2023, 6, 1)
    )
    opportunity_create(owner=user, company=canva, title="Data Analyst")
    return {"stripe": stripe, "canva": canva, "ana": ana, "carla": carla, "dan": dan}


def test_write_to_someone_from_their_page_and_note_the_reply(
    live_server: LiveServer, page: Page
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    user = _log_in(page, live_server)
    world = _world(user)
    ana = world["ana"]

    page.goto(f"{live_server.url}/people/{ana.pk}/")
    page.get_by_role("link", name="Write to Ana").click()
    expect(page.get_by_role("heading", name="Write to Ana Souza")).to_be_visible()
    message = page.get_by_label("Your message")
    expect(message).to_have_value(
        "Hi Ana,\n\nI came across your work as Data Engineer at Stripe. I am exploring my next "
        "step, and Stripe is one of the places I most want to learn about.\n\nCould I ask you "
        "a few questions about your experience at Stripe? Would you have 15 minutes for a call "
        f"in the next couple of weeks?\n\nThank you,\n{user.username}"
    )
    assert_accessible(page)
    screenshot(page, "outreach-write")

    message.fill("Hi Ana, could I ask how the data team at Stripe works?")
    expect(page.get_by_text("12 words.")).to_be_visible()
    href = page.get_by_role("link", name="Open in your mail app").get_attribute("href") or ""
    assert href.startswith("mailto:ana@stripe.example?subject=Your%20insight%20on%20Stripe%3F")
    assert (
        unquote(href.split("body=")[1]) == "Hi Ana, could I ask how the data team at Stripe works?"
    )
    page.get_by_role("button", name="Copy the message").click()
    expect(page.get_by_text("Copied. Paste it into your email or message.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == message.input_value()

    page.get_by_label("Sent by").select_option("linkedin")
    page.get_by_role("button", name="I sent it").click()
    expect(page.get_by_text("Noted: you wrote to Ana Souza.")).to_be_visible()
    expect(page.get_by_text("Waiting for a reply")).to_be_visible()
    assert_accessible(page)
    attempt = Attempt.objects.get(owner=user)
    assert (attempt.channel, attempt.message) == (
        "linkedin",
        "Hi Ana, could I ask how the data team at Stripe works?",
    )

    page.get_by_role("link", name="Cold contact").click()
    expect(page.get_by_role("heading", name="Cold contact to Ana Souza")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="They replied").click()
    expect(page.get_by_text("Noted: Ana Souza replied.")).to_be_visible()
    expect(page.get_by_text("they replied", exact=False).first).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.replied_on == timezone.localdate()


def test_ask_for_an_introduction_from_a_warm_path(live_server: LiveServer, page: Page) -> None:
    user = _log_in(page, live_server)
    world = _world(user)
    canva = world["canva"]

    page.goto(f"{live_server.url}/companies/{canva.pk}/")
    page.get_by_role("link", name="Ask Carla Mendes to introduce you to Dan Okafor").click()
    expect(
        page.get_by_role("heading", name="Ask Carla Mendes to introduce you to Dan Okafor")
    ).to_be_visible()
    expect(page.get_by_label("Your message")).to_have_value(
        "Hi Carla,\n\nI hope you are well! I am learning about Canva and saw that you know Dan "
        "Okafor, who is Analytics Lead at Canva.\n\nWould you be comfortable introducing us? I "
        "would love Dan's advice on the team and how people there got started: a short "
        "conversation, not a job. I am happy to write a note you can forward.\n\nThank you,\n"
        f"{user.username}"
    )
    assert_accessible(page)
    page.get_by_role("button", name="I sent it").click()
    expect(page.get_by_text("Noted: you asked Carla Mendes for an introduction.")).to_be_visible()

    page.goto(f"{live_server.url}/companies/{canva.pk}/")
    expect(page.get_by_text("You asked Carla Mendes for this introduction on")).to_be_visible()
    expect(
        page.get_by_role("link", name="Introduction request to Carla Mendes (to meet Dan Okafor)")
    ).to_be_visible()
    assert_accessible(page)
    attempt = Attempt.objects.get(owner=user)
    assert attempt.kind == AttemptKind.INTRODUCTION


def test_today_asks_to_try_another_contact_then_to_follow_up(
    live_server: LiveServer, page: Page
) -> None:
    user = _log_in(page, live_server)
    world = _world(user)
    twelve_days_ago = timezone.localdate() - dt.timedelta(days=12)  # 8 business days at least
    first = attempt_record(
        owner=user,
        person=world["ana"],  # type: ignore[arg-type]
        company=world["stripe"],  # type: ignore[arg-type]
        sent_on=twelve_days_ago,
        subject="Your insight on Stripe?",
    )

    page.goto(f"{live_server.url}/")
    try_another = page.locator(".nudge", has_text="Try another contact at Stripe")
    expect(try_another).to_be_visible()
    expect(try_another.get_by_role("link", name="Write to Bo Lindqvist")).to_be_visible()
    follow = page.locator(".nudge", has_text="Follow up with Ana Souza")
    expect(follow).to_be_visible()
    expect(follow.get_by_text("I sent it")).to_have_count(0)  # recorded where it is written
    follow.get_by_text("The follow-up draft").click()
    expect(follow.get_by_text("I wanted to follow up on my note of")).to_be_visible()
    assert_accessible(page)

    follow.get_by_role("link", name="Write the follow-up to Ana Souza").click()
    expect(page.get_by_role("heading", name="Follow up with Ana Souza")).to_be_visible()
    expect(page.get_by_label("Subject")).to_have_value("Re: Your insight on Stripe?")
    assert_accessible(page)
    page.get_by_role("button", name="I sent it").click()

    assert Attempt.objects.get(owner=user, kind=AttemptKind.FOLLOW_UP).follows == first
    page.goto(f"{live_server.url}/")
    expect(page.locator(".nudge", has_text="Follow up with Ana Souza")).to_have_count(0)


def test_the_ranked_target_list(live_server: LiveServer, page: Page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    user = _log_in(page, live_server)
    world = _world(user)
    attempt_record(
        owner=user,
        person=world["ana"],  # type: ignore[arg-type]
        company=world["stripe"],  # type: ignore[arg-type]
        sent_on=timezone.localdate() - dt.timedelta(days=1),
    )

    page.goto(f"{live_server.url}/companies/")
    page.get_by_role("link", name="Ranked target list").click()
    expect(page.get_by_role("heading", name="Your ranked target list")).to_be_visible()
    names = page.locator("table.target-list tbody th[scope=row]")
    expect(names).to_have_text(["Canva", "Stripe", "Atlassian", "Monzo", "Wise"])
    canva = page.locator("tr", has_text="Canva")
    expect(canva.locator("td").nth(4)).to_have_text("Data Analyst")
    expect(page.locator("tr", has_text="Stripe").locator("td").nth(5)).to_have_text(
        "1 sent, 0 replies"
    )
    share = page.get_by_label("The text to share")
    expect(share).to_have_value(
        "Here are the companies I'm looking at: Canva, Stripe, Atlassian, Monzo and Wise. "
        "Do you know anyone at one of them, or another company I should add?"
    )
    assert_accessible(page)
    screenshot(page, "target-list")

    page.get_by_label("Motivation for Wise").select_option("3")
    page.get_by_role("button", name="Save motivation for Wise").click()
    expect(names).to_have_text(["Canva", "Stripe", "Wise", "Atlassian", "Monzo"])
    page.get_by_role("link", name="Name").click()
    expect(names).to_have_text(["Atlassian", "Canva", "Monzo", "Stripe", "Wise"])
    page.get_by_role("button", name="Copy the text").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith(
        "Here are the companies I'm looking at: Canva, Stripe, Wise,"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    assert download.value.suggested_filename == "target-list.csv"


def test_the_outreach_pages_fit_a_phone(live_server: LiveServer, phone: Page) -> None:
    user = _log_in(phone, live_server)
    world = _world(user)
    attempt = attempt_record(
        owner=user,
        person=world["ana"],  # type: ignore[arg-type]
        company=world["stripe"],  # type: ignore[arg-type]
        sent_on=timezone.localdate(),
    )
    pages = [
        "/outreach/targets/",
        f"/outreach/write/?person={world['ana'].pk}",
        f"/outreach/{attempt.pk}/",
        "/outreach/",
    ]
    for path in pages:
        phone.goto(f"{live_server.url}{path}")
        assert phone.evaluate(OVERFLOW) == [], path
        assert_accessible(phone)
