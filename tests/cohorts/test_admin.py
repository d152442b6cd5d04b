"""The career centre's admin pages: cohorts, members, accounts and invitations (admins only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.test import Client
from pytest_django.fixtures import Settings
from tests.mail import Inbox, free_port, smtp_inbox

from rapport.accounts.models import LoginThrottle, User
from rapport.cohorts.models import (
    Assignment,
    AuditAction,
    AuditEvent,
    CoachGrant,
    Cohort,
    CohortShare,
    IntroAsk,
    IntroOffer,
    Invite,
    Member,
    Role,
    ShareKind,
)
from rapport.cohorts.services import audit_record, cohort_get_or_create, member_set
from rapport.conversations.services import conversation_log
from rapport.core.models import DataVersion
from rapport.imports.uploads import job_create
from rapport.people.models import Person
from rapport.search.backends import postgresql, sqlite_schema


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


@pytest.fixture
def client_admin(admin: User) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def _member(name: str, role: str, cohort: Cohort | None) -> User:
    user = User.objects.create_user(username=name, password="correct-horse-8")
    member_set(user=user, role=role, cohorts=[cohort] if cohort else [])
    return user


ADMIN_PAGES = ["/cohort/admin/", "/cohort/admin/members/", "/cohort/admin/invites/"]


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COACH, None])
def test_admin_pages_are_404_for_everyone_but_admins(
    spring: Cohort, role: str | None, client: Client
) -> None:
    user = _member("sam", role, spring) if role else User.objects.create_user(username="sam")
    client.force_login(user)
    for page in [*ADMIN_PAGES, f"/cohort/admin/cohorts/{spring.pk}/"]:
        assert client.get(page).status_code == 404, page
    assert client.post("/cohort/admin/", {"name": "Mine"}).status_code == 404
    assert not Cohort.objects.filter(name="Mine").exists()


def test_admin_pages_are_404_in_local_mode_and_for_a_deactivated_admin(
    admin: User, client_admin: Client, settings: Settings
) -> None:
    settings.LOCAL_MODE = True
    assert client_admin.get("/cohort/admin/").status_code == 404
    settings.LOCAL_MODE = False
    assert client_admin.get("/cohort/admin/").status_code == 200
    User.objects.filter(pk=admin.pk).update(is_active=False)
    assert client_admin.get("/cohort/admin/").status_code in {302, 404}  # logged out


def test_an_admin_sees_cohorts_with_their_counts_and_creates_one(
    spring: Cohort, client_admin: Client
) -> None:
    _member("ana", Role.STUDENT, spring)
    _member("bo", Role.STUDENT, spring)
    gone = _member("cy", Role.STUDENT, spring)
    gone.is_active = False
    gone.save()
    _member("cora", Role.COACH, spring)
    page = client_admin.get("/cohort/admin/")
    rows = {c.name: (c.students, c.coaches) for c in page.context["cohorts"]}
    assert rows == {"Spring 2027": (2, 1)}
    assert client_admin.post("/cohort/admin/", {"name": "  Autumn   2027 "}).status_code == 302
    assert Cohort.objects.filter(name="Autumn 2027").exists()
    again = client_admin.post("/cohort/admin/", {"name": "autumn 2027"})
    assert again.status_code == 422
    assert "already" in again.content.decode()
    assert Cohort.objects.count() == 2


def test_an_admin_renames_a_cohort_but_not_onto_another(
    spring: Cohort, client_admin: Client
) -> None:
    cohort_get_or_create(name="Autumn 2027")
    url = f"/cohort/admin/cohorts/{spring.pk}/"
    assert client_admin.post(url, {"name": "AUTUMN 2027"}).status_code == 422
    assert client_admin.post(url, {"name": "Spring 2027 (Berlin)"}).status_code == 302
    spring.refresh_from_db()
    assert spring.name == "Spring 2027 (Berlin)"
    assert client_admin.get("/cohort/admin/cohorts/999999/").status_code == 404


def test_an_admin_changes_a_members_role_and_cohort_and_it_is_in_their_log(
    spring: Cohort, admin: User, client_admin: Client
) -> None:
    autumn = cohort_get_or_create(name="Autumn 2027")[0]
    ana = _member("ana", Role.STUDENT, spring)
    members = client_admin.get("/cohort/admin/members/").content.decode()
    assert f'href="/cohort/admin/members/{ana.pk}/"' in members
    url = f"/cohort/admin/members/{ana.pk}/"
    assert client_admin.post(url, {"role": "student", "cohort": ""}).status_code == 422
    assert client_admin.post(url, {"role": "coach", "cohort": autumn.pk}).status_code == 302
    member = Member.objects.get(user=ana)
    assert member.role == Role.COACH
    assert list(member.cohorts.all()) == [autumn]
    event = AuditEvent.objects.filter(subject=ana).first()
    assert event is not None
    assert (event.action, event.actor, event.detail) == (
        AuditAction.ROLE_CHANGED,
        admin,
        "Coach in Autumn 2027",
    )


def test_an_admin_cannot_demote_deactivate_or_delete_themselves(
    admin: User, client_admin: Client
) -> None:
    url = f"/cohort/admin/members/{admin.pk}/"
    assert client_admin.post(url, {"role": "coach", "cohort": ""}).status_code == 422
    client_admin.post(f"{url}active/", {"active": "0"})
    assert client_admin.post(f"{url}delete/", {"confirm_username": "ada"}).status_code == 422
    admin.refresh_from_db()
    assert admin.is_active
    assert Member.objects.get(user=admin).role == Role.ADMIN


def test_a_deactivated_user_cannot_log_in_and_can_be_reactivated(
    spring: Cohort, admin: User, client_admin: Client
) -> None:
    ana = _member("ana", Role.STUDENT, spring)
    ana_client = Client()
    ana_client.force_login(ana)
    assert ana_client.get("/cohort/").status_code == 200
    client_admin.post(f"/cohort/admin/members/{ana.pk}/active/", {"active": "0"})
    ana.refresh_from_db()
    assert not ana.is_active
    assert ana_client.get("/cohort/").status_code == 302  # their session ends
    login = Client().post("/login/", {"username": "ana", "password": "correct-horse-8"})
    assert login.status_code == 200  # the form again, not a redirect in
    assert AuditEvent.objects.filter(subject=ana, action=AuditAction.DEACTIVATED).exists()
    client_admin.post(f"/cohort/admin/members/{ana.pk}/active/", {"active": "1"})
    ana.refresh_from_db()
    assert ana.is_active


def _owned_by(user_id: int) -> dict[str, int]:
    """Rows anywhere in the database that point at the user, by model (or raw table)."""
    found: dict[str, int] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.ForeignKey | models.OneToOneField)
                and field.related_model is User
                and not field.null  # nullable pointers are SET_NULL: checked below
            ):
                count = model._default_manager.filter(**{field.name: user_id}).count()
                if count:
                    found[f"{model.__name__}.{field.name}"] = count
    if connection.vendor == "postgresql":
        table, where, params = postgresql.TABLE, "owner_id = %s", [user_id]
    else:  # the owner is in the high bits of the rowid
        table, where, params = (
            sqlite_schema.TABLE,
            "rowid BETWEEN %s AND %s",
            [*sqlite_schema.rowid_range(user_id)],
        )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {where}", params)
        if (count := cursor.fetchone()[0]) > 0:
            found[table] = count
    if DataVersion.objects.filter(owner_id=user_id).exists():
        found["DataVersion"] = 1
    return found


def test_deleting_a_user_needs_their_name_typed_and_takes_all_their_data(
    spring: Cohort,
    admin: User,
    client_admin: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    ana = _member("ana", Role.STUDENT, spring)
    bo = _member("bo", Role.STUDENT, spring)
    coach = _member("cora", Role.COACH, spring)
    conversation_log(
        owner=ana,
        occurred_on=dt.date(2026, 11, 2),
        channel="coffee",
        participants=["Ana Souza"],
        companies=["Stripe"],
        notes="Talked about the data team.",
    )
    mine = Person.objects.get(owner=ana, full_name="Ana Souza")
    CohortShare.objects.create(
        sharer=ana,
        cohort=spring,
        company_key="stripe",
        company_name="Stripe",
        kind=ShareKind.PROTOCOL,
        text="Ask for a referral after a chat.",
    )
    offer = IntroOffer.objects.create(owner=ana, person=mine)
    IntroAsk.objects.create(
        requester=bo, introducer=ana, offer=offer, person_name="Ana Souza", message="Please?"
    )
    CoachGrant.objects.create(student=ana, coach=coach)
    Assignment.objects.create(student=ana, coach=coach, text="Talk to three alumni")
    detail = "ana declined to introduce you to Anabel Souza; ask Ana (not ana's friend)"
    audit_record(subject=bo, actor=ana, action=AuditAction.INTRO_DECLINED, detail=detail)
    ana.first_name, ana.last_name = "Ana", "Lima"  # members see each other's full names
    ana.save()
    audit_record(
        subject=bo, actor=ana, action=AuditAction.INTRO_ACCEPTED, detail="Ana Lima will ask Zoe"
    )
    Invite.objects.create(
        token_hash="x" * 64, username="ana", role="student", expires_at=dt.datetime.now(dt.UTC)
    )
    LoginThrottle.objects.create(key="account:ana", failures=3)
    job = job_create(
        owner=ana, kind="vcard", upload=SimpleUploadedFile("c.vcf", b"BEGIN:VCARD\nEND:VCARD\n")
    )
    upload = Path(job.stored_path)
    assert upload.exists()
    before = _owned_by(ana.pk)  # the check sees what is there, the raw tables too
    search_table = postgresql.TABLE if connection.vendor == "postgresql" else sqlite_schema.TABLE
    assert {"Person.owner", "CohortShare.sharer", "Member.user", search_table} <= set(before)
    assert "DataVersion" in before

    url = f"/cohort/admin/members/{ana.pk}/delete/"
    confirm = client_admin.get(url)
    assert confirm.status_code == 200
    assert "all of its data" in confirm.content.decode()
    wrong = client_admin.post(url, {"confirm_username": "bo"})
    assert wrong.status_code == 422
    assert User.objects.filter(pk=ana.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client_admin.post(url, {"confirm_username": "ana"})
    assert done.status_code == 302
    assert not User.objects.filter(pk=ana.pk).exists()
    assert _owned_by(ana.pk) == {}
    assert not CohortShare.objects.exists()
    assert not IntroAsk.objects.exists()
    assert not Invite.objects.filter(username="ana").exists()
    assert not LoginThrottle.objects.filter(key="account:ana").exists()
    assert not upload.exists()
    assert not upload.parent.parent.exists()  # DATA_DIR/uploads/<her id>/, emptied and gone
    assert upload.parent.parent.parent.exists()  # the others' uploads stay
    # What ana did to bo stays in bo's log, without her.
    kept = AuditEvent.objects.get(subject=bo, action=AuditAction.INTRO_DECLINED)
    assert kept.actor is None
    assert kept.detail == (
        "a deleted member declined to introduce you to Anabel Souza; "
        "ask Ana (not a deleted member's friend)"
    )
    accepted = AuditEvent.objects.get(subject=bo, action=AuditAction.INTRO_ACCEPTED)
    assert accepted.detail == "a deleted member will ask Zoe"
    assert User.objects.filter(pk__in=[bo.pk, coach.pk, admin.pk]).count() == 3


def test_an_admin_invites_from_the_page_and_sees_the_link_once(
    spring: Cohort, admin: User, owner: User, client_admin: Client
) -> None:
    made = client_admin.post(
        "/cohort/admin/invites/",
        {"username": "ana", "email": "", "role": "student", "cohort": spring.pk},
    )
    assert made.status_code == 302  # a reload of the next page makes no second invitation
    page = client_admin.get("/cohort/admin/invites/").content.decode()
    assert 'value="https://careers.example.edu/cohort/invite/' in page
    assert (
        "https://careers.example.edu/cohort/invite/"
        not in client_admin.get("/cohort/admin/invites/").content.decode()
    )
    invite = Invite.objects.get(username="ana")
    assert (invite.role, invite.cohort, invite.created_by) == ("student", spring, admin)
    taken = client_admin.post(
        "/cohort/admin/invites/",
        {"username": owner.username, "role": "coach", "cohort": spring.pk},
    )
    assert taken.status_code == 422
    assert f"The username “{owner.username}” is taken" in taken.content.decode()
    no_cohort = client_admin.post("/cohort/admin/invites/", {"username": "bo", "role": "student"})
    assert no_cohort.status_code == 422
    assert Invite.objects.count() == 1
    client_admin.post(f"/cohort/admin/invites/{invite.pk}/withdraw/")
    assert not Invite.objects.exists()


@pytest.fixture
def inbox(settings: Settings) -> Iterator[Inbox]:
    with smtp_inbox(settings, "Careers <careers@example.edu>") as handler:
        yield handler


def test_with_mail_set_up_the_invitation_is_e_mailed_too(
    spring: Cohort, client_admin: Client, inbox: Inbox
) -> None:
    made = client_admin.post(
        "/cohort/admin/invites/",
        {"username": "ana", "email": "ana@example.org", "role": "student", "cohort": spring.pk},
        follow=True,
    )
    assert "made and e-mailed to ana@example.org" in made.content.decode()
    link = made.context["link"]
    assert link.startswith("https://careers.example.edu/cohort/invite/")
    [message] = inbox.messages
    assert message["To"] == "ana@example.org"
    assert message["From"] == "Careers <careers@example.edu>"
    body = message.get_content()
    assert link in body
    assert "student in Spring 2027" in body
    # No address: nothing is sent; the link is shown all the same.
    client_admin.post(
        "/cohort/admin/invites/", {"username": "bo", "role": "student", "cohort": spring.pk}
    )
    assert len(inbox.messages) == 1


def test_when_the_mail_server_is_down_the_link_is_shown_and_the_admin_told(
    spring: Cohort, client_admin: Client, settings: Settings
) -> None:
    settings.RAPPORT_EMAIL_HOST = "127.0.0.1"
    settings.RAPPORT_EMAIL_PORT = str(free_port())  # nothing listens there
    made = client_admin.post(
        "/cohort/admin/invites/",
        {"username": "ana", "email": "ana@example.org", "role": "student", "cohort": spring.pk},
        follow=True,
    )
    page = made.content.decode()
    assert "could not be e-mailed" in page
    assert "send them the link yourself" in page
    assert made.context["link"].startswith("https://careers.example.edu/cohort/invite/")
    assert Invite.objects.filter(username="ana").exists()


def test_the_members_page_finds_an_account_among_thousands_a_page_at_a_time(
    spring: Cohort, admin: User, client_admin: Client
) -> None:
    User.objects.bulk_create(
        User(username=f"student{n:03}", first_name="Sam", last_name=f"Lee{n:03}")
        for n in range(120)
    )
    ana = _member("ana", Role.STUDENT, spring)
    first = client_admin.get("/cohort/admin/members/").content.decode()
    assert "All accounts (122)" in first
    assert "Page 1 of 3" in first
    assert f'href="/cohort/admin/members/{ana.pk}/"' in first  # "ada", "ana" come first
    assert "student047" in first
    assert "student048" not in first
    last = client_admin.get("/cohort/admin/members/", {"page": 3}).content.decode()
    assert "student119" in last
    found = client_admin.get("/cohort/admin/members/", {"q": "sam lee07"}).content.decode()
    assert "Accounts matching “sam lee07” (10)" in found
    assert "student070" in found
    assert "student080" not in found
    assert "Page 1 of" not in found
