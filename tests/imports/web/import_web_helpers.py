"""Shared by the import page tests: tasks run inline, files to upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.imports.models import ImportBatch, ImportJob, MergeCandidate
from rapport.imports.uploads import PROGRESS_FILE
from rapport.people.services import person_create

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

CARDS = b"""BEGIN:VCARD
VERSION:3.0
N:Souza;Ana;;;
FN:Ana Souza
EMAIL:ana@acme.com
ORG:Acme
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Costa;Bruno;;;
FN:Bruno Costa
ORG:Globex
END:VCARD
"""


@pytest.fixture
def immediate_tasks(settings: Settings, tmp_path: Path) -> None:
    """Tasks run inside the request that enqueues them; uploads go to a fresh folder."""
    settings.TASKS = IMMEDIATE
    settings.DATA_DIR = tmp_path


def upload(
    client: Client, data: bytes = CARDS, name: str = "contacts.vcf", kind: str = "vcard"
) -> Any:
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(reverse("imports:home"), {"kind": kind, "file": file})


def uploads_dir() -> Path:
    return Path(settings.DATA_DIR) / "uploads"


def stored_files() -> list[Path]:
    """Uploaded files still on disk (not the worker's progress notes)."""
    found = uploads_dir().rglob("*") if uploads_dir().exists() else []
    return [p for p in found if p.is_file() and p.name != PROGRESS_FILE]


def last_job() -> ImportJob:
    return ImportJob.objects.order_by("-pk").first()  # type: ignore[return-value]


def review_pair(owner: User, a: str, b: str, batch: ImportBatch | None = None) -> MergeCandidate:
    """A pair waiting in the review queue: two new people called `a` and `b`."""
    return MergeCandidate.objects.create(
        owner=owner,
        person_a=person_create(owner=owner, full_name=a),
        person_b=person_create(owner=owner, full_name=b),
        score=80.0,
        batch=batch,
    )


def import_pairs(owner: User) -> tuple[ImportBatch, list[MergeCandidate]]:
    """An import of the owner's, and the two pairs it proposed."""
    batch = ImportBatch.objects.create(owner=owner, kind="vcard", files=["contacts.vcf"])
    return batch, [
        review_pair(owner, "Cy Diaz", "Cy D.", batch),
        review_pair(owner, "Di Eng", "Di E.", batch),
    ]


def statuses(pairs: list[MergeCandidate]) -> list[str]:
    return [MergeCandidate.objects.get(pk=pair.pk).status for pair in pairs]
