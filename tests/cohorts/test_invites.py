"""Invitations: a one-time link an admin makes; opening it, the invitee chooses a password."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from rapport.accounts.models import LoginThrottle, User
from rapport.cohorts.invites import (
    FREE_UNKNOWN_LINKS,
    InviteError,
    invite_accept,
    invite_create,
    invite_url,
)
from rapport.cohorts.models import AuditAction, AuditEvent, Cohort, Invite, Member, Role
from rapport.cohorts.services import cohort_get_or_create, member_set

PASSWORD = "tidal-basin-42"


@pytest.fixture
def server_mode(settings: Settings, db: None) -> None:
    settings.LOCAL_MODE = False
    settings.RAPPORT_BASE_URL = "https://careers.example.edu"


@pytest.fixture
def spring(server_mode: None) -> Cohort:
    return cohort_get_or_create(name="Spring 2027")[0]


@pytest.fixture
def admin(spring: Cohort) -> User:
    user = User.objects.create_user(username="ada", password="correct-horse-9")
    member_set(user=user, role=Role.ADMIN, cohorts=[])
    return user


def _path(raw: str) -> str:
    return f"/cohort/invite/{raw}/"


def test_only_a_hash_of_the_link_is_kept_and_the_link_is_on_the_base_url(
    admin: User, spring: Cohort
) -> None:
    invite, raw = invite_create(username="ana", role="student", cohort=spring, actor=admin)
    assert len(raw) >= 43  # 32 random bytes, base64
    assert raw not in invite.token_hash
    assert not Invite.objects.filter(token_hash=raw).exists()
    assert invite_url(raw) == f"https://careers.example.edu/cohort/invite/{raw}/"
    assert invite.expires_at - timezone.now() > dt.timedelta(days=6, hours=23)


def test_opening_the_link_and_choosing_a_password_makes_a_student_of_the_cohort(
    admin: User, spring: Cohort, client: Client
) -> None:
    _, raw = invite_create(
        username="ana", email="ana@example.org", role="student", cohort=spring, actor=admin
    )
    page = client.get(_path(raw))
    assert page.status_code == 200
    assert "Welcome, ana" in page.content.decode()
    assert "Spring 2027" in page.content.decode()
    done = client.post(_path(raw), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == "/cohort/"
    user = User.objects.get(username="ana")
    assert user.email == "ana@example.org"
    assert authenticate(username="ana", password=PASSWORD) == user
    assert Member.objects.get(user=user).role == Role.STUDENT
    assert list(Member.objects.get(user=user).cohorts.all()) == [spring]
    hub = client.get("/cohort/")  # logged in as ana
    assert hub.status_code == 200
    assert hub.context["user"] == user
    joined = AuditEvent.objects.get(subject=user)
    assert (joined.action, joined.actor) == (AuditAction.JOINED, admin)
    # The link is burnt.
    again = client.get(_path(raw))
    assert again.status_code == 410
    assert "used already" in again.content.decode()


def test_a_weak_or_mismatched_password_is_refused_and_the_link_still_works(
    admin: User, spring: Cohort, client: Client
) -> None:
    _, raw = invite_create(username="ana", role="coach", cohort=spring, actor=admin)
    weak = client.post(_path(raw), {"new_password1": "12345", "new_password2": "12345"})
    assert weak.status_code == 422
    assert "too short" in weak.content.decode() or "too common" in weak.content.decode()
    other = client.post(_path(raw), {"new_password1": PASSWORD, "new_password2": PASSWORD + "x"})
    assert other.status_code == 422
    assert "The two password fields didn" in other.content.decode()
    assert not User.objects.filter(username="ana").exists()
    assert (
        client.post(_path(raw), {"new_password1": PASSWORD, "new_password2": PASSWORD}).status_code
        == 302
    )
    assert Member.objects.get(user__username="ana").role == Role.COACH


def test_an_expired_link_says_so_and_makes_no_one(
    admin: User, spring: Cohort, client: Client
) -> None:
    past = timezone.now() - dt.timedelta(days=8)
    _, raw = invite_create(username="ana", role="student", cohort=spring, actor=admin, now=past)
    page = client.get(_path(raw))
    assert page.status_code == 410
    assert "expired" in page.content.decode()
    posted = client.post(_path(raw), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert posted.status_code == 410
    assert not User.objects.filter(username="ana").exists()
    with pytest.raises(InviteError):
        invite_accept(raw=raw, password=PASSWORD)


def test_an_unknown_link_is_a_404_page_and_guessing_is_slowed_down(
    server_mode: None, client: Client
) -> None:
    for n in range(FREE_UNKNOWN_LINKS):
        page = client.get(_path(f"guess-{n}"))
        assert page.status_code == 404
        assert "not valid" in page.content.decode()
    client.get(_path("one-too-many"))
    waited = client.get(_path("another"))
    assert waited.status_code == 429
    assert int(waited["Retry-After"]) >= 1
    assert LoginThrottle.objects.filter(key="invite-address:127.0.0.1").exists()


def test_a_taken_username_is_refused_when_inviting_and_when_accepting(
    admin: User, spring: Cohort, owner: User, client: Client
) -> None:
    with pytest.raises(InviteError, match="taken"):
        invite_create(username=owner.username.upper(), role="student", cohort=spring, actor=admin)
    _, raw = invite_create(username="ana", role="student", cohort=spring, actor=admin)
    User.objects.create_user(username="Ana", password="x-y-z-1-2-3")  # made meanwhile
    page = client.post(_path(raw), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert page.status_code == 410
    assert "was taken since you were invited" in page.content.decode()
    assert not User.objects.filter(username="ana").exists()


def test_a_student_invitation_needs_a_cohort_and_a_valid_username(
    admin: User, spring: Cohort
) -> None:
    with pytest.raises(InviteError, match="cohort"):
        invite_create(username="ana", role="student", cohort=None, actor=admin)
    with pytest.raises(InviteError, match="letters"):
        invite_create(username="ana souza!", role="student", cohort=spring, actor=admin)
    assert not Invite.objects.exists()


def test_a_new_invitation_for_the_same_name_replaces_the_old_link(
    admin: User, spring: Cohort, client: Client
) -> None:
    _, first = invite_create(username="ana", role="student", cohort=spring, actor=admin)
    _, second = invite_create(username="ana", role="student", cohort=spring, actor=admin)
    assert client.get(_path(first)).status_code == 404
    assert client.get(_path(second)).status_code == 200


def test_local_mode_has_no_invitation_page(db: None, client: Client) -> None:
    assert client.get(_path("anything")).status_code == 404


def _invite(*args: str) -> str:
    out = io.StringIO()
    call_command("invite", *args, stdout=out)
    return out.getvalue()


def test_the_invite_command_prints_a_link_that_works(server_mode: None, client: Client) -> None:
    output = _invite("bo", "--role", "coach", "--cohort", "Autumn 2027", "--email", "bo@x.org")
    assert "Created cohort Autumn 2027." in output
    link = output.strip().splitlines()[-1]
    assert link.startswith("https://careers.example.edu/cohort/invite/")
    path = link.removeprefix("https://careers.example.edu")
    assert (
        client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD}).status_code == 302
    )
    member = Member.objects.get(user__username="bo")
    assert member.role == Role.COACH
    assert [c.name for c in member.cohorts.all()] == ["Autumn 2027"]


def test_the_invite_command_refuses_a_taken_name_and_makes_no_cohort(
    server_mode: None, owner: User
) -> None:
    with pytest.raises(CommandError, match="taken"):
        _invite(owner.username, "--role", "student", "--cohort", "Winter")
    assert not Cohort.objects.filter(name="Winter").exists()
    assert not Invite.objects.exists()


def test_the_invite_command_refuses_in_local_mode(db: None) -> None:
    with pytest.raises(CommandError, match="Local mode"):
        _invite("bo", "--role", "student", "--cohort", "X")
