"""Browser tests: every test here drives the shared Chromium (see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, Page
from tests.browser.helpers import chromium_path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            if chromium_path() is None:
                item.add_marker(pytest.mark.skip(reason="chromium is not installed"))


def _browser_page(browser: Browser, expected_errors: tuple[str, ...] = ()) -> Iterator[Page]:
    # Rapport's service worker is tried where it is the subject (the `phone_app` fixture): a
    # worker fetching in the background would race each test's own requests.
    context = browser.new_context(viewport={"width": 1280, "height": 860}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    # A CSP violation or a broken script shows up as a console error.
    unexpected = [e for e in errors if not (expected_errors and e.endswith(expected_errors))]
    assert not unexpected, f"console errors: {unexpected}"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from _browser_page(browser)


@pytest.fixture
def second_page(browser: Browser) -> Iterator[Page]:
    """Another person's browser beside `page` (a cohort peer, a coach), with no session."""
    yield from _browser_page(browser)


@pytest.fixture
def invitee_page(browser: Browser) -> Iterator[Page]:
    """The browser of someone opening an invitation: the refused password (422) and the burnt
    link (410) are pages opened on purpose, whose status Chromium logs as an error."""
    yield from _browser_page(
        browser, ("status of 422 (Unprocessable Entity)", "status of 410 (Gone)")
    )


PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page in a phone's shape: 360 px wide, touch, a mobile browser's viewport rules."""
    yield from _phone(browser, service_workers="block")


@pytest.fixture
def phone_app(browser: Browser) -> Iterator[Page]:
    """A phone that runs Rapport's service worker: the app installed, online or not."""
    yield from _phone(browser, service_workers="allow")


def _phone(browser: Browser, service_workers: Literal["allow", "block"]) -> Iterator[Page]:
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        service_workers=service_workers,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not errors, f"console errors: {errors}"
