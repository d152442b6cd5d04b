"""Deciding several look-alikes at once in a real browser: tick two pairs (a click and the
keyboard), keep them apart, and the queue is shorter by two (axe clean)."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in, screenshot
from tests.imports.import_builders import contact, run

from rapport.accounts.models import User
from rapport.imports.models import KeepApart
from rapport.imports.selectors import review_queue
from rapport.people.models import Person

NAMESAKES = [("Ana Souza", "Acme", "Globex"), ("Bruno Okafor", "Initech", "Umbrella"),
             ("Chen Wei", "Hooli", "Stark")]  # fmt: skip


def _namesakes(user: User) -> None:
    # An address book of namesakes: each card looks like someone already known, not enough.
    run(
        user,
        "csv",
        contacts=[
            contact(f"r{i}", name, company=known, emails=[f"{i}@{known.lower()}.example"])
            for i, (name, known, _) in enumerate(NAMESAKES)
        ],
    )
    run(user, "vcard", contacts=[
        contact(f"v{i}", name, company=card, emails=[f"{i}@{card.lower()}.example"])
        for i, (name, _, card) in enumerate(NAMESAKES)
    ])  # fmt: skip


def test_two_pairs_are_kept_apart_together(live_server: LiveServer, page: Page) -> None:
    user = log_in(page, live_server)
    _namesakes(user)
    assert review_queue(owner=user).count() == 3

    page.goto(f"{live_server.url}/imports/review/")
    expect(page.get_by_role("link", name="Keep all 3 pairs from import")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("checkbox", name="Select Ana Souza and Ana Souza").click()
    chen = page.get_by_role("checkbox", name="Select Chen Wei and Chen Wei")
    chen.focus()
    page.keyboard.press("Space")
    expect(chen).to_be_checked()
    screenshot(page, "import-review-bulk")
    # The buttons under the list belong to the form above it (form="review-selected").
    page.get_by_role("button", name="Keep the selected apart").last.click()

    expect(page.get_by_text("Kept 2 pairs apart.")).to_be_visible()
    expect(page.get_by_role("checkbox")).to_have_count(1)
    expect(
        page.get_by_role("checkbox", name="Select Bruno Okafor and Bruno Okafor")
    ).to_be_visible()
    assert_accessible(page)
    screenshot(page, "import-review-bulk-done")
    assert KeepApart.objects.filter(owner=user).count() == 2
    assert Person.objects.filter(owner=user).count() == 6


def test_an_imports_pairs_are_kept_apart_after_asking(live_server: LiveServer, page: Page) -> None:
    user = log_in(page, live_server)
    _namesakes(user)

    page.goto(f"{live_server.url}/imports/review/")
    every = page.get_by_role("button", name="Select every pair on this page")  # with JavaScript
    every.click()
    for box in page.get_by_role("checkbox").all():
        expect(box).to_be_checked()
    page.get_by_role("button", name="Clear the selection").click()
    expect(page.locator("input[type=checkbox]:checked")).to_have_count(0)

    page.get_by_role("link", name="Keep all 3 pairs from import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Keep all 3 pairs from import")
    assert_accessible(page)
    assert review_queue(owner=user).count() == 3  # asking changed nothing
    page.get_by_role("button", name="Keep all 3 pairs apart").click()

    expect(page.get_by_text("Kept 3 pairs apart.")).to_be_visible()
    expect(page.get_by_text("Nothing to review.")).to_be_visible()
    assert KeepApart.objects.filter(owner=user).count() == 3
