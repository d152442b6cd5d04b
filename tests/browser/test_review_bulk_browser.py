"""Deciding several look-alikes at once in a real browser: tick two pairs (a click and the
keyboard), keep them apart, and the queue is shorter by two (axe clean)."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in, screenshot
from tests.imports.import_builders import contact, run

from rapport.imports.models import KeepApart
from rapport.imports.selectors import review_queue
from rapport.people.models import Person

NAMESAKES = [("Ana Souza", "Acme", "Globex"), ("Bruno Okafor", "Initech", "Umbrella"),
             ("Chen Wei", "Hooli", "Stark")]  # fmt: skip


def test_two_pairs_are_kept_apart_together(live_server: LiveServer, page: Page) -> None:
    user = log_in(page, live_server)
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
