"""Row backups: PostgreSQL's backup format, which also restores into SQLite."""

from __future__ import annotations

import hashlib
import json
import threading
import time
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from pytest_django.fixtures import Settings
from tests.exports.exports_helpers import network_populate, postgres_only, rows_backup

from rapport.accounts.models import User
from rapport.cohorts.assignments import assignment_set
from rapport.cohorts.grants import grant_give, granted_students_viewed
from rapport.cohorts.intros import ask_create, offer_add
from rapport.cohorts.models import AuditAction, CoachGrant, Cohort, Invite
from rapport.cohorts.selectors import audit_for
from rapport.cohorts.services import cohort_get_or_create, member_set
from rapport.cohorts.shares import share_create
from rapport.companies.services import company_find_or_create
from rapport.exports import backup_rows
from rapport.exports.backup import backup_create, backup_restore
from rapport.exports.errors import DataFileError
from rapport.exports.selectors import export_json
from rapport.people.models import Person, Tag
from rapport.people.services import person_create


@pytest.fixture
def both(owner: User, other: User) -> tuple[User, User]:
    network_populate(owner)
    network_populate(other, prefix="Other ")
    return owner, other


@pytest.mark.parametrize("batch", [backup_rows.BATCH, 3])
def test_a_row_backup_restores_every_account_exactly(
    both: tuple[User, User], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    """Rows are written and restored a batch at a time (three: batches end inside a table
    and at its end, whatever the table)."""
    monkeypatch.setattr(backup_rows, "BATCH", batch)
    owner, other = both
    before = [export_json(owner=owner), export_json(owner=other)]
    password = User.objects.get(pk=owner.pk).password
    backup = rows_backup(tmp_path / "backup.zip")
    person_create(owner=owner, full_name="Added After The Backup")
    Person.objects.filter(owner=other).first().delete()  # type: ignore[union-attr]

    backup_restore(path=backup, replace=True)

    assert [export_json(owner=owner), export_json(owner=other)] == before
    assert User.objects.get(pk=owner.pk).password == password
    person_create(owner=owner, full_name="New Rows Still Get Fresh Keys")


def test_a_row_backup_refuses_a_database_with_data_and_changes_nothing(
    both: tuple[User, User], tmp_path: Path
) -> None:
    owner, _ = both
    backup = rows_backup(tmp_path / "backup.zip")
    person_create(owner=owner, full_name="Added After The Backup")
    before = export_json(owner=owner)
    with pytest.raises(DataFileError, match="--replace"):
        backup_restore(path=backup)
    assert export_json(owner=owner) == before


def test_a_row_backup_restores_into_an_empty_database(
    both: tuple[User, User], tmp_path: Path
) -> None:
    owner, other = both
    before = [export_json(owner=owner), export_json(owner=other)]
    backup = rows_backup(tmp_path / "backup.zip")
    User.objects.all().delete()  # every row belongs to a user: the database is empty
    backup_restore(path=backup)
    assert [export_json(owner=owner), export_json(owner=other)] == before


@postgres_only
def test_on_postgres_the_backup_command_writes_a_row_backup(
    both: tuple[User, User], tmp_path: Path
) -> None:
    owner, _ = both
    before = export_json(owner=owner)
    manifest = backup_create(path=tmp_path / "backup.zip")
    assert (manifest.engine, manifest.payload) == ("postgresql", "rows.jsonl")
    assert manifest.tables["people_person"] == Person.objects.count()
    person_create(owner=owner, full_name="Added After The Backup")
    backup_restore(path=tmp_path / "backup.zip", replace=True)
    assert export_json(owner=owner) == before


def _writer(owner: User, stop: threading.Event, written: list[int]) -> None:
    try:
        while not stop.is_set():
            n = written[0]
            with transaction.atomic():
                tag = Tag.objects.create(owner=owner, name=f"writer {n}")
                person = Person.objects.create(
                    owner=owner, full_name=f"Writer {n}", name_key=f"writer {n}"
                )
                person.tags.add(tag)
            written[0] = n + 1
    finally:
        connection.close()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_on_postgres_a_backup_taken_while_another_connection_writes_is_consistent(
    tmp_path: Path,
) -> None:
    owner = User.objects.create_user(username="olivia", password="correct-horse-1")
    network_populate(owner)
    stop, written = threading.Event(), [0]
    thread = threading.Thread(target=_writer, args=(owner, stop, written))
    thread.start()
    try:
        while written[0] < 3:
            time.sleep(0.01)
        manifest = backup_create(path=tmp_path / "backup.zip")
    finally:
        stop.set()
        thread.join(timeout=30)

    with zipfile.ZipFile(tmp_path / "backup.zip") as archive:
        objects = [json.loads(line) for line in archive.read("rows.jsonl").splitlines()[1:]]
    by_model: dict[str, int] = {}
    for item in objects:
        by_model[item["model"]] = by_model.get(item["model"], 0) + 1
    tags = sum(
        1
        for o in objects
        if o["model"] == "people.tag" and o["fields"]["name"].startswith("writer ")
    )
    people = sum(
        1
        for o in objects
        if o["model"] == "people.person" and o["fields"]["full_name"].startswith("Writer ")
    )
    assert tags == people
    assert 3 <= tags <= written[0]
    assert by_model["people.person"] == manifest.tables["people_person"]
    assert by_model.get("people.person_tags", 0) == manifest.tables["people_person_tags"]

    backup_restore(path=tmp_path / "backup.zip", replace=True)
    assert Person.objects.count() == manifest.tables["people_person"]


def test_a_backup_of_the_first_format_still_restores(
    both: tuple[User, User], tmp_path: Path
) -> None:
    """Before JSON lines, a row backup was one JSON document, `rows.json` (manifest version
    1): made here from the same rows, it restores the same."""
    owner, other = both
    before = [export_json(owner=owner), export_json(owner=other)]
    lines = rows_backup(tmp_path / "new.zip").with_name(backup_rows.PAYLOAD).read_bytes()
    objects = [json.loads(line) for line in lines.splitlines()[1:]]
    first = json.dumps({"format": "rapport-backup-rows", "version": 1, "objects": objects})
    tables = json.loads(zipfile.ZipFile(tmp_path / "new.zip").read("manifest.json"))["tables"]
    manifest = {
        "format": "rapport-backup",
        "version": 1,
        "engine": "postgresql",
        "payload": "rows.json",
        "sha256": hashlib.sha256(first.encode()).hexdigest(),
        "size": len(first.encode()),
        "tables": tables,
        "app_version": "0.1.0",
        "created_at": "2026-06-01T12:00:00Z",
    }
    with zipfile.ZipFile(tmp_path / "first.zip", "w") as out:
        out.writestr("manifest.json", json.dumps(manifest))
        out.writestr("rows.json", first)
    person_create(owner=owner, full_name="Added After The Backup")

    backup_restore(path=tmp_path / "first.zip", replace=True)

    assert [export_json(owner=owner), export_json(owner=other)] == before


def test_every_table_is_backed_up_or_deliberately_left_out() -> None:
    tables = {
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.startswith("rapport.")
    }
    backed_up = {model._meta.label for model in backup_rows.backup_models()}
    assert tables - backed_up - backup_rows.NOT_BACKED_UP == set()
    assert backed_up & backup_rows.NOT_BACKED_UP == set()


def test_a_row_backup_restores_the_career_centre(
    owner: User, other: User, tmp_path: Path, settings: Settings
) -> None:
    """A server's backup holds its cohorts, members, shares, offers, asks, grants,
    assignments and sharing logs as well as each user's own data."""
    settings.LOCAL_MODE = False
    spring, _ = cohort_get_or_create(name="Spring 2027")
    coach = User.objects.create_user(username="coach_kim", password="correct-horse-3")
    member_set(user=owner, role="student", cohorts=[spring])
    member_set(user=other, role="student", cohorts=[spring])
    member_set(user=coach, role="coach", cohorts=[spring])
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    share_create(sharer=owner, company=stripe, cohort=spring, kind="protocol", text="Ask Ana")
    ana = person_create(owner=owner, full_name="Ana Souza")
    offer, _ = offer_add(owner=owner, person=ana)
    ask_create(requester=other, offer=offer, message="Please")
    grant_give(student=owner, coach_id=coach.pk)
    assignment_set(coach=coach, student_id=owner.pk, text="Talk to three alumni", due_on=None)
    granted_students_viewed(coach=coach, detail="Cohort dashboard", cohorts="v1")
    Invite.objects.create(
        token_hash="x" * 64, username="newbie", cohort=spring, expires_at=timezone.now()
    )
    before = _centre_rows()
    assert all(before.values()), before

    backup = rows_backup(tmp_path / "backup.zip")
    Cohort.objects.all().delete()  # and every membership, share… with it
    CoachGrant.objects.all().delete()
    backup_restore(path=backup, replace=True)

    assert _centre_rows() == before
    assert AuditAction.COACH_VIEWED in {e.action for e in audit_for(subject=owner)}


def _centre_rows() -> dict[str, list[tuple[object, ...]]]:
    return {
        model._meta.label: sorted(
            tuple(str(value) for value in row)
            for row in model._default_manager.values_list(
                *(f.attname for f in model._meta.concrete_fields)
            )
        )
        for model in backup_rows.CENTRE
    }
