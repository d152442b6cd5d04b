"""`rapport demo` acts for the local user, or for `--user NAME` in server mode."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.demo.services import demo_summary
from rapport.people.models import Person


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_in_local_mode_it_loads_the_network_for_the_local_user() -> None:
    output = run_demo()
    user = User.objects.get()
    summary = demo_summary(owner=user)
    assert f"Loaded the demo network: {summary.people} people" in output
    assert "rapport serve" in output
    assert summary.people > 0


@pytest.mark.django_db
def test_running_it_twice_refuses_the_second_time_and_changes_nothing() -> None:
    run_demo()
    user = User.objects.get()
    before = demo_summary(owner=user)
    with pytest.raises(CommandError, match="already has people"):
        run_demo()
    assert demo_summary(owner=user) == before


@pytest.mark.django_db
def test_in_local_mode_it_refuses_another_user_name() -> None:
    with pytest.raises(CommandError, match="Local mode has one user"):
        run_demo("--user", "someone-else")
    assert not Person.objects.exists()


def test_in_server_mode_it_needs_to_know_whose_network(owner: User, settings: Settings) -> None:
    settings.LOCAL_MODE = False
    with pytest.raises(CommandError, match="--user NAME"):
        run_demo()
    assert not Person.objects.exists()


def test_in_server_mode_it_names_an_unknown_user(owner: User, settings: Settings) -> None:
    settings.LOCAL_MODE = False
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        run_demo("--user", "nobody")


def test_in_server_mode_it_loads_the_network_for_the_chosen_user(
    owner: User, other: User, settings: Settings
) -> None:
    settings.LOCAL_MODE = False
    output = run_demo("--user", owner.username)
    assert demo_summary(owner=owner).people > 0
    assert demo_summary(owner=other).people == 0
    assert f"Log in as {owner.username}" in output
