"""Rapport on a phone (360 px, touch): the header bar and its menu, Today, a person, a
company and the board, each accessible; and the header on one line at 1280 px."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in, screenshot

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.conversations.models import Conversation
from rapport.demo.services import demo_network_load
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person
from rapport.playbook.models import FollowUp


def _demo(page: Page, live_server: LiveServer) -> User:
    user = log_in(page, live_server)
    demo_network_load(owner=user, today=timezone.localdate())
    return user


def _header_height(page: Page) -> float:
    box = page.locator(".site-header").bounding_box()
    assert box is not None
    return box["height"]


def test_on_a_phone_the_header_is_one_bar_whose_menu_opens_and_closes(
    live_server: LiveServer, phone: Page
) -> None:
    _demo(phone, live_server)
    phone.goto(live_server.url + "/")
    assert _header_height(phone) < 64
    main_nav = phone.get_by_role("navigation", name="Main")
    expect(main_nav).to_be_hidden()
    menu = phone.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")

    menu.tap()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(main_nav.get_by_role("link", name="People")).to_be_visible()
    expect(phone.get_by_role("button", name="Log out")).to_be_visible()
    assert_accessible(phone)
    phone.keyboard.press("Escape")
    expect(main_nav).to_be_hidden()
    expect(menu).to_be_focused()

    menu.tap()
    main_nav.get_by_role("link", name="Companies").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Companies")


def test_on_a_phone_the_header_stays_in_view_as_the_page_scrolls(
    live_server: LiveServer, phone: Page
) -> None:
    _demo(phone, live_server)
    phone.goto(live_server.url + "/")
    phone.mouse.wheel(0, 1500)
    expect(phone.get_by_role("link", name="Quick log")).to_be_in_viewport()
    assert phone.evaluate("window.scrollY") > 0


@pytest.mark.parametrize("width", [1440, 1280, 1200, 1199, 1024, 768, 414, 360, 320])
def test_at_every_width_the_header_is_one_line(
    live_server: LiveServer, browser: Browser, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    log_in(page, live_server)
    assert _header_height(page) < 64, f"the header wraps at {width} px"
    assert page.evaluate("document.documentElement.scrollWidth") == width
    expect(page.get_by_role("link", name="Quick log")).to_be_visible()
    main_nav = page.get_by_role("navigation", name="Main")
    if width >= 1200:
        expect(main_nav).to_be_visible()
    else:
        expect(main_nav).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Save a job").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Save a job")
    context.close()


def test_today_on_a_phone_shows_the_nudges_and_is_accessible(
    live_server: LiveServer, phone: Page
) -> None:
    _demo(phone, live_server)
    phone.goto(live_server.url + "/")
    expect(phone.get_by_role("heading", name=re.compile("What to do"))).to_be_visible()
    assert_accessible(phone)


def test_a_person_on_a_phone_fits_and_is_accessible(live_server: LiveServer, phone: Page) -> None:
    user = _demo(phone, live_server)
    busiest = max(Person.objects.filter(owner=user), key=lambda p: p.conversations.count())
    phone.goto(f"{live_server.url}/people/{busiest.pk}/")
    for card in phone.locator("main .card").all():
        box = card.bounding_box()
        assert box is not None
        assert 0 <= box["x"] <= box["x"] + box["width"] <= 360
    assert_accessible(phone)


def test_a_company_on_a_phone_is_accessible(live_server: LiveServer, phone: Page) -> None:
    user = _demo(phone, live_server)
    company = Company.objects.filter(owner=user, target_status="target").order_by("priority")[0]
    phone.goto(f"{live_server.url}/companies/{company.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text(company.name)
    assert_accessible(phone)


def test_the_people_list_on_a_phone_is_a_list_with_each_value_labelled(
    live_server: LiveServer, phone: Page
) -> None:
    _demo(phone, live_server)
    phone.goto(live_server.url + "/people/")
    works_at = phone.get_by_role("cell", name=re.compile("^Works at: ")).first
    expect(works_at).to_be_visible()
    expect(phone.locator("main thead")).not_to_be_in_viewport()
    assert_accessible(phone)


def test_the_board_on_a_phone_is_stacked_and_filtered_by_stage(
    live_server: LiveServer, phone: Page
) -> None:
    user = _demo(phone, live_server)
    phone.goto(live_server.url + "/opportunities/")
    columns = phone.locator(".board-column")
    first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert first is not None
    assert second is not None
    assert (first["x"], first["y"] < second["y"]) == (second["x"], True), "stacked, one per row"
    assert_accessible(phone)

    phone.get_by_label("Show").select_option("lead")
    expect(phone).to_have_url(re.compile(r"\?stage=lead$"))
    expect(columns).to_have_count(1)
    expect(phone.get_by_role("heading", name=re.compile("^Lead"))).to_be_visible()

    lead = Opportunity.objects.filter(owner=user, stage="lead").first()
    assert lead is not None
    phone.locator(f"#stage-{lead.pk}").select_option("researching")
    expect(phone.get_by_role("link", name=lead.title)).to_have_count(0)
    expect(columns).to_have_count(1)  # still only the stage picked
    lead.refresh_from_db()
    assert lead.stage == "researching"


def test_a_quick_log_from_a_nudge_on_a_phone(live_server: LiveServer, phone: Page) -> None:
    user = _demo(phone, live_server)
    phone.goto(live_server.url + "/")
    nudge_link = phone.get_by_role("link", name=re.compile("^Log a conversation with ")).first
    name = (nudge_link.text_content() or "").removeprefix("Log a conversation with ").strip()
    nudge_link.tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Quick log")
    expect(phone.get_by_label("Who", exact=True)).to_have_value(re.compile(f"^{name}"))
    assert_accessible(phone)

    phone.get_by_role("radio", name="Video call").tap()
    advice = phone.get_by_label("What advice?")
    expect(advice).to_be_hidden()
    phone.get_by_role("checkbox", name="Advice").tap()
    advice.fill("Show the course you built, not the CV")
    phone.get_by_role("checkbox", name="A name").tap()
    phone.get_by_label("Whom should you talk to?").fill("Noor Haddad")
    phone.get_by_label("Notes").fill("Twenty minutes, very friendly.")
    phone.get_by_role("radio", name="In a week").tap()
    phone.get_by_label("Next step").fill("Send her the course outline")
    assert_accessible(phone)
    phone.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    screenshot(phone, "quick-log-phone")
    phone.get_by_role("button", name="Save").tap()

    expect(phone.get_by_role("status")).to_contain_text("Saved.")
    expect(phone.locator("main")).to_contain_text("Show the course you built, not the CV")
    conversation = Conversation.objects.filter(owner=user).order_by("-pk").first()
    assert conversation is not None
    assert conversation.channel == "video"
    assert [p.full_name for p in conversation.participants.all()] == [name]
    noor = Person.objects.get(owner=user, full_name="Noor Haddad")
    assert noor.introduced_by == conversation.participants.get()
    followup = FollowUp.objects.get(owner=user, person=conversation.participants.get())
    assert followup.due_on == timezone.localdate() + dt.timedelta(days=7)
    assert followup.note == "Send her the course outline"


def test_the_quick_log_is_one_tap_from_the_header_and_suggests_people_with_their_company(
    live_server: LiveServer, phone: Page
) -> None:
    user = _demo(phone, live_server)
    phone.goto(live_server.url + "/people/")
    phone.get_by_role("link", name="Quick log").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Quick log")
    someone = Person.objects.filter(owner=user, employments__is_current=True).first()
    assert someone is not None
    company = someone.employments.get(is_current=True).company.name
    phone.get_by_label("Who", exact=True).press_sequentially(someone.full_name[:4], delay=50)
    option = phone.locator("#people-options option", has_text=company).first
    expect(option).to_have_attribute("value", re.compile(re.escape(someone.full_name)))
    phone.get_by_role("link", name="Full form").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Log a conversation")
