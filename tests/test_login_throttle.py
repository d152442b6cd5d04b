"""Server mode slows password guessing down, per account and per address, and never for good."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.accounts.throttle import FREE_FAILURES_PER_ACCOUNT, FREE_FAILURES_PER_ADDRESS

START = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
LOGIN = "/login/"


@pytest.fixture
def server(settings: Settings) -> Settings:
    settings.LOCAL_MODE = False
    return settings


def _try(client: Client, password: str, username: str = "olivia", **extra: str) -> int:
    response = client.post(LOGIN, {"username": username, "password": password}, **extra)
    return response.status_code


def test_after_a_few_wrong_passwords_even_the_right_one_waits_then_works(
    server: Settings, owner: User, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(FREE_FAILURES_PER_ACCOUNT):
            assert _try(client, "guess") == 200  # wrong, but answered
        assert _try(client, "guess") == 200  # the one that starts the wait
        blocked = client.post(LOGIN, {"username": "olivia", "password": "correct-horse-1"})
        assert blocked.status_code == 429
        assert blocked["Retry-After"] == "1"
        assert "Too many failed attempts" in blocked.content.decode()
        assert "rapport loginlink --user olivia" in blocked.content.decode()
        assert "_auth_user_id" not in client.session

        clock.shift(dt.timedelta(seconds=2))
        assert _try(client, "correct-horse-1") == 302
    assert "Failed login for 'olivia'" in caplog.text


def test_each_further_failure_doubles_the_wait_up_to_fifteen_minutes(
    server: Settings, owner: User, client: Client
) -> None:
    waits = []
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(FREE_FAILURES_PER_ACCOUNT + 14):
            _try(client, "guess")
            blocked = client.post(LOGIN, {"username": "olivia", "password": "guess"})
            if blocked.status_code == 429:
                wait = int(blocked["Retry-After"])
                waits.append(wait)
                clock.shift(dt.timedelta(seconds=wait))
    assert waits[:5] == [1, 2, 4, 8, 16]
    assert max(waits) == 15 * 60


def test_a_correct_password_clears_the_count(server: Settings, owner: User, client: Client) -> None:
    with time_machine.travel(START, tick=False):
        for _ in range(FREE_FAILURES_PER_ACCOUNT):
            _try(client, "guess")
        assert _try(client, "correct-horse-1") == 302
        client.post(reverse("accounts:logout"))
        for _ in range(FREE_FAILURES_PER_ACCOUNT):
            assert _try(client, "guess") == 200  # free failures again, no wait


def test_one_address_trying_many_accounts_is_slowed_down(
    server: Settings, owner: User, client: Client
) -> None:
    address = {"REMOTE_ADDR": "198.51.100.7"}
    with time_machine.travel(START, tick=False):
        for i in range(FREE_FAILURES_PER_ADDRESS + 1):
            assert _try(client, "guess", username=f"user{i}", **address) == 200
        assert _try(client, "correct-horse-1", **address) == 429
        # The account itself was never guessed: from elsewhere its owner gets in.
        assert _try(Client(), "correct-horse-1", REMOTE_ADDR="203.0.113.9") == 302


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(
    server: Settings, owner: User, client: Client
) -> None:
    server.RAPPORT_BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    with time_machine.travel(START, tick=False):
        for i in range(FREE_FAILURES_PER_ADDRESS + 1):
            forged = f"192.0.2.{i}, 198.51.100.7"  # the client may forge all but the last
            _try(client, "guess", username=f"user{i}", HTTP_X_FORWARDED_FOR=forged, **proxy)
        assert _try(client, "correct-horse-1", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy) == 429
        other = _try(Client(), "correct-horse-1", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
        assert other == 302


def test_a_one_time_link_from_an_administrator_always_lets_the_user_in(
    server: Settings, owner: User, client: Client
) -> None:
    with time_machine.travel(START, tick=False):
        for _ in range(FREE_FAILURES_PER_ACCOUNT + 3):
            _try(client, "guess")
        assert _try(client, "correct-horse-1") == 429
        server.RAPPORT_BASE_URL = "https://rapport.example.org"
        out = io.StringIO()
        call_command("loginlink", user="olivia", stdout=out)
        url = out.getvalue().strip()
        assert url.startswith("https://rapport.example.org/login/")
        link = client.get(url.removeprefix("https://rapport.example.org"))
        assert link.status_code == 302
        assert client.session["_auth_user_id"] == str(owner.pk)
        client.post(reverse("accounts:logout"))
        assert _try(client, "correct-horse-1") == 302  # and the wait is over
