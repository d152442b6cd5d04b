"""The cast every test shares: an owner, a second user and their logged-in browsers."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

from collections.abc import Iterator

import pytest
from django.test import Client
from playwright.sync_api import Browser, sync_playwright
from tests.browser.helpers import CHROMIUM_ARGS, chromium_path

from rapport.accounts.models import User


def _postgres_unreachable() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return ""
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), 2).close()
    except OSError as error:
        return f"PostgreSQL at {parts.hostname}:{parts.port or 5432} is not reachable ({error})"
    return ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if reason := _postgres_unreachable():
        for item in items:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_report_header(config: pytest.Config) -> str:
    url = os.environ.get("DATABASE_URL", "")
    return f"database: {urlsplit(url).scheme if url else 'sqlite (default)'}"


@pytest.fixture
def owner(db: None) -> User:
    return User.objects.create_user(username="olivia", password="correct-horse-1")


@pytest.fixture
def other(db: None) -> User:
    return User.objects.create_user(username="mallory", password="correct-horse-2")


@pytest.fixture
def client_owner(owner: User) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def client_other(other: User) -> Client:
    client = Client()
    client.force_login(other)
    return client


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole run: Playwright's sync API allows one instance at a time."""
    if chromium_path() is None:
        pytest.skip("chromium is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
