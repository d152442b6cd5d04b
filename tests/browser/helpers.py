"""Helpers for browser tests: accessibility checks and README screenshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from rapport.accounts.models import User
from rapport.accounts.services import local_user_get_or_create, login_token_create

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    """Debian's Chromium (Playwright never downloads a browser here)."""
    return os.environ.get("RAPPORT_CHROMIUM") or shutil.which("chromium")


# Experimental rules axe leaves off by default, that people using the app ran into.
EXTRA_RULES = {"label-content-name-mismatch": {"enabled": True}}


def assert_accessible(page: Page) -> None:
    """axe-core finds no serious or critical violation on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"], "rules": EXTRA_RULES})
    violations: list[dict[str, Any]] = results.response["violations"]
    bad = [v for v in violations if v.get("impact") in {"serious", "critical"}]
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
    assert not bad, f"accessibility violations on {page.url}: {summary}"


def screenshot(page: Page, name: str) -> None:
    """Save a screenshot for the README when RAPPORT_SCREENSHOTS names a folder."""
    folder = os.environ.get("RAPPORT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def log_in(page: Page, live_server: LiveServer, user: User | None = None) -> User:
    """Log `user` (the local user by default) in through a one-time link, as `rapport serve`
    or `rapport loginlink` prints it."""
    user = user or local_user_get_or_create()
    page.goto(f"{live_server.url}/login/{login_token_create(user=user)}/")
    expect(page.get_by_role("button", name="Log out", include_hidden=True)).to_be_attached()
    return user
