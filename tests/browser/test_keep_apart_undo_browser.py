"""Taking back "different people" in a real browser: a pair kept apart comes back in place
(Undo, htmx) or from the pairs kept apart; a whole import's pairs from the message after
keeping them apart (asked first). axe finds nothing serious on the new pages."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in, screenshot
from tests.browser.test_review_bulk_browser import _namesakes

from rapport.imports.models import KeepApart
from rapport.imports.selectors import review_queue


def test_a_pair_kept_apart_is_put_back_in_place_and_from_the_list(
    live_server: LiveServer, page: Page
) -> None:
    user = log_in(page, live_server)
    _namesakes(user)
    page.goto(f"{live_server.url}/imports/review/")

    page.get_by_role("button", name="Different people — keep apart Ana Souza and Ana Souza").click()
    expect(page.get_by_text("Kept apart: Ana Souza and Ana Souza.")).to_be_visible()
    assert KeepApart.objects.filter(owner=user).count() == 1
    page.get_by_role("button", name="Undo keeping Ana Souza and Ana Souza apart").click()
    expect(page.get_by_role("checkbox", name="Select Ana Souza and Ana Souza")).to_be_visible()
    assert not KeepApart.objects.filter(owner=user).exists()
    assert review_queue(owner=user).count() == 3

    page.get_by_role("button", name="Different people — keep apart Chen Wei and Chen Wei").click()
    expect(page.get_by_text("Kept apart: Chen Wei and Chen Wei.")).to_be_visible()
    page.get_by_role("link", name="Pairs kept apart").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pairs kept apart")
    expect(page.get_by_role("link", name="Chen Wei")).to_have_count(2)
    assert_accessible(page)
    screenshot(page, "import-kept-apart")
    page.get_by_role("button", name="Put back in the queue Chen Wei and Chen Wei").click()

    expect(page.get_by_text("Back in the queue: Chen Wei and Chen Wei.")).to_be_visible()
    expect(page.get_by_text("No pairs kept apart.")).to_be_visible()
    page.get_by_role("link", name="Review them").click()
    expect(page.get_by_role("checkbox", name="Select Chen Wei and Chen Wei")).to_be_visible()
    expect(page.get_by_role("checkbox")).to_have_count(3)


def test_an_imports_pairs_kept_apart_are_put_back_from_the_message(
    live_server: LiveServer, page: Page
) -> None:
    user = log_in(page, live_server)
    _namesakes(user)
    page.goto(f"{live_server.url}/imports/review/")
    page.get_by_role("link", name="Keep all 3 pairs from import").click()
    page.get_by_role("button", name="Keep all 3 pairs apart").click()
    expect(page.get_by_text("Nothing to review.")).to_be_visible()

    page.get_by_role("link", name="Undo: put back in the queue…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Put all 3 pairs back in the queue?")
    assert_accessible(page)
    screenshot(page, "import-put-back-asked")
    assert KeepApart.objects.filter(owner=user).count() == 3  # asking changed nothing
    page.get_by_role("button", name="Put all 3 back in the queue").click()

    expect(page.get_by_text("Put 3 pairs back in the queue.")).to_be_visible()
    expect(page.get_by_role("checkbox")).to_have_count(3)
    assert not KeepApart.objects.filter(owner=user).exists()
