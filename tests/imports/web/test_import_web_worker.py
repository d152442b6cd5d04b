"""The real queue (django-tasks-db drained by `db_worker`), and `rapport import json`."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings
from tests.imports.web.import_web_helpers import last_job, stored_files, upload

from rapport.accounts.models import User
from rapport.imports.models import JobStatus
from rapport.imports.uploads import PROGRESS_FILE
from rapport.people.models import Person
from rapport.people.services import person_create

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _drain() -> None:
    call_command(
        "db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0
    )


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_previews_and_imports_when_the_worker_runs(
    settings: Settings, tmp_path: Path, client_owner: Client, owner: User
) -> None:
    settings.TASKS = DATABASE_QUEUE
    settings.DATA_DIR = tmp_path
    upload(client_owner)
    job = last_job()
    assert job.status == JobStatus.QUEUED
    _drain()
    job.refresh_from_db()
    assert job.status == JobStatus.READY
    assert not Person.objects.exists()
    client_owner.post(reverse("imports:job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.IMPORTING
    _drain()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (job.done, job.total) == (job.total, 2)
    assert Person.objects.filter(owner=owner).count() == 2
    assert stored_files() == []


def test_a_running_import_shows_the_records_read_so_far_before_its_total_is_known(
    settings: Settings, tmp_path: Path, client_owner: Client
) -> None:
    settings.TASKS = DATABASE_QUEUE
    settings.DATA_DIR = tmp_path
    upload(client_owner)
    job = last_job()
    job.status = JobStatus.PREVIEWING
    job.save(update_fields=["status"])
    progress = Path(job.stored_path).parent / PROGRESS_FILE
    url = reverse("imports:job", args=[job.pk])

    progress.write_text("120000 0")  # a big file, read through once first
    reading = client_owner.get(url).content.decode()
    progress.write_text("5000 790000")
    importing = client_owner.get(url).content.decode()

    assert "120000 records read so far" in reading
    assert "5000 of 790000 records" in importing
    assert "read so far" not in importing


def test_rapport_import_json_loads_an_export_back(owner: User, tmp_path: Path) -> None:
    person_create(owner=owner, full_name="Ana Souza")
    person_create(owner=owner, full_name="Bruno Costa")
    path = tmp_path / "rapport.json"
    call_command("export", "json", "--output", str(path), stderr=StringIO())
    with pytest.raises(CommandError, match="--replace"):
        call_command("import", "json", str(path))
    out = StringIO()
    call_command("import", "json", str(path), "--replace", "--json", stdout=out)
    assert json.loads(out.getvalue())["people"]["created"] == 2
    assert sorted(Person.objects.filter(owner=owner).values_list("full_name", flat=True)) == [
        "Ana Souza",
        "Bruno Costa",
    ]
