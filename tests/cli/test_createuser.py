"""`rapport createuser` makes password users in server mode, and only there."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django.fixtures import Settings

from rapport.accounts.models import User


@pytest.fixture
def server_mode(settings: Settings, db: None) -> None:
    settings.LOCAL_MODE = False


def createuser(monkeypatch: pytest.MonkeyPatch, *args: str, password: str) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{password}\n"))
    out = io.StringIO()
    call_command("createuser", *args, "--password-stdin", stdout=out)
    return out.getvalue()


@pytest.mark.usefixtures("server_mode")
def test_it_creates_a_user_whose_password_works(monkeypatch: pytest.MonkeyPatch) -> None:
    output = createuser(monkeypatch, "ana", "--email", "ana@example.org", password="tidal-basin-42")
    assert "Created user ana." in output
    user = User.objects.get(username="ana")
    assert user.email == "ana@example.org"
    assert authenticate(username="ana", password="tidal-basin-42") == user
    assert authenticate(username="ana", password="wrong") is None


@pytest.mark.usefixtures("server_mode")
def test_it_refuses_an_empty_password(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CommandError, match="password is empty"):
        createuser(monkeypatch, "ana", password="")
    assert not User.objects.filter(username="ana").exists()


@pytest.mark.usefixtures("server_mode")
def test_it_refuses_a_weak_password(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CommandError, match="too weak"):
        createuser(monkeypatch, "ana", password="12345")
    assert not User.objects.filter(username="ana").exists()


@pytest.mark.usefixtures("server_mode")
def test_it_refuses_a_name_that_is_taken(monkeypatch: pytest.MonkeyPatch, owner: User) -> None:
    with pytest.raises(CommandError, match="username"):
        createuser(monkeypatch, owner.username, password="tidal-basin-42")
    assert User.objects.filter(username=owner.username).count() == 1


@pytest.mark.django_db
def test_in_local_mode_it_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CommandError, match="Local mode"):
        createuser(monkeypatch, "ana", password="tidal-basin-42")
    assert not User.objects.exists()
