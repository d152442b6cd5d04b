"""`rapport createuser` makes password users in server mode, and only there."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.cohorts.models import AuditAction, AuditEvent, Cohort, Member, Role


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


STUDENT = ("--role", "student")


@pytest.mark.usefixtures("server_mode")
def test_a_student_is_placed_in_their_cohort_which_is_created_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pw = "tidal-basin-42"
    first = createuser(monkeypatch, "ana", *STUDENT, "--cohort", "Spring  2027", password=pw)
    second = createuser(monkeypatch, "bo", *STUDENT, "--cohort", "spring 2027", password=pw)
    assert "Created cohort Spring 2027." in first
    assert "Created cohort" not in second
    assert "bo is a student in Spring 2027." in second
    cohort = Cohort.objects.get()
    assert {m.user.username for m in cohort.members.all()} == {"ana", "bo"}
    assert Member.objects.get(user__username="ana").role == Role.STUDENT
    ana = User.objects.get(username="ana")
    assert [e.action for e in AuditEvent.objects.filter(subject=ana)] == [AuditAction.JOINED]


@pytest.mark.usefixtures("server_mode")
def test_a_coach_may_coach_several_cohorts(monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["--role", "coach", "--cohort", "Spring", "--cohort", "Autumn"]
    createuser(monkeypatch, "cleo", *args, password="tidal-basin-42")
    member = Member.objects.get(user__username="cleo")
    assert member.role == Role.COACH
    assert sorted(c.name for c in member.cohorts.all()) == ["Autumn", "Spring"]


@pytest.mark.usefixtures("server_mode")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "student"], "one cohort"),
        (["--role", "student", "--cohort", "A", "--cohort", "B"], "one cohort"),
        (["--cohort", "Spring"], "role"),
        (["--role", "student", "--cohort", "  "], "needs a name"),
    ],
)
def test_a_role_without_the_cohort_it_needs_creates_nobody(
    monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        createuser(monkeypatch, "ana", *args, password="tidal-basin-42")
    assert not User.objects.filter(username="ana").exists()
    assert not Cohort.objects.exists()


@pytest.mark.usefixtures("server_mode")
def test_an_unknown_role_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        createuser(monkeypatch, "ana", "--role", "dean", password="tidal-basin-42")
    assert not User.objects.filter(username="ana").exists()
