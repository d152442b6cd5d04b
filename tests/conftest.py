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


def _postgres_unreachable(url: str) -> str:
    """Why the PostgreSQL server `url` names does not answer, or "" when it does."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 5432
    try:
        socket.create_connection((host, port), 2).close()
    except OSError as error:
        return f"PostgreSQL at {host}:{port} does not answer ({error})"
    return ""


def pytest_configure(config: pytest.Config) -> None:
    # A database that was asked for and cannot be had is a usage error, never a green run
    # of skipped tests; only an unset DATABASE_URL means "SQLite", the default.
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")) and (problem := _postgres_unreachable(url)):
        raise pytest.UsageError(
            f"DATABASE_URL asks for a database that cannot be reached: {problem}. Start it, "
            "point DATABASE_URL (RAPPORT_TEST_POSTGRES_URL for `make test-postgres`) at one "
            "that answers, or unset it to run on SQLite."
        )


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
