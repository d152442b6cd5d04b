"""Files uploaded on the import page: stored, previewed, imported, then deleted.

A job's file lives in its own random folder under DATA_DIR/uploads/<owner id>/ (the client's
name is only kept, made safe, as the last part, so provenance shows "contacts.vcf, line 12").
The preview runs the real import and rolls it back. Progress goes to a small file next to
the upload: the import runs in one transaction, so a row update would stay invisible.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils.text import get_valid_filename

from rapport.accounts.models import User
from rapport.core.memory import gc_paused
from rapport.imports.importing import import_source
from rapport.imports.models import ImportJob, JobStatus
from rapport.imports.parse import parse
from rapport.imports.parse.records import ImportFormatError, ParsedSource

logger = logging.getLogger(__name__)
SUFFIXES = {".zip", ".csv", ".vcf", ".vcard"}
PROGRESS_FILE = "progress"


class _Rollback(Exception):
    """Raised inside the preview's transaction so that nothing it wrote is kept."""


# --- selectors -----------------------------------------------------------------------------


def job_get(*, owner: User, pk: int) -> ImportJob:
    job = ImportJob.objects.filter(owner=owner, pk=pk).first()
    if job is None:
        raise Http404("No such import.")
    return job


def jobs_open(*, owner: User) -> list[ImportJob]:
    """Uploads not imported yet (running, waiting for a decision, or failed)."""
    return list(ImportJob.objects.filter(owner=owner).exclude(status=JobStatus.DONE)[:20])


def job_progress(*, job: ImportJob) -> tuple[int, int]:
    """(done, total) of the running step, as the worker last wrote it."""
    if job.status in {JobStatus.PREVIEWING, JobStatus.IMPORTING}:
        try:
            done, total = (Path(job.stored_path).parent / PROGRESS_FILE).read_text().split()
            return int(done), int(total)
        except (OSError, ValueError):
            return 0, 0
    return job.done, job.total


# --- services ------------------------------------------------------------------------------


def upload_save(*, owner: User, upload: UploadedFile) -> Path:
    """Store the upload in a new random folder; the path owes nothing to the client."""
    folder = Path(settings.DATA_DIR) / "uploads" / str(owner.pk) / secrets.token_hex(16)
    folder.mkdir(mode=0o700, parents=True)
    for private in (folder.parent.parent, folder.parent):  # made above with the umask's mode
        private.chmod(0o700)
    path = folder / _safe_name(upload.name or "")
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def _safe_name(name: str) -> str:
    suffix = Path(name).suffix.lower()
    stem = get_valid_filename(Path(name).stem)[:80] if Path(name).stem else ""
    stem = stem.lstrip(".") or "upload"
    return f"{stem}{suffix if suffix in SUFFIXES else ''}"


def job_create(*, owner: User, kind: str, upload: UploadedFile) -> ImportJob:
    path = upload_save(owner=owner, upload=upload)
    return ImportJob.objects.create(
        owner=owner, kind=kind, stored_path=str(path), original_name=(upload.name or "")[:255]
    )


def job_confirm(*, job: ImportJob) -> bool:
    """Mark a previewed job to be imported; False if it was not waiting (a double click)."""
    started = ImportJob.objects.filter(pk=job.pk, status=JobStatus.READY).update(
        status=JobStatus.IMPORTING, done=0
    )
    job.refresh_from_db()
    return bool(started)


def job_cancel(*, job: ImportJob) -> None:
    """Forget an upload that was not imported: its file and its job."""
    if job.status == JobStatus.IMPORTING:
        raise ValueError("An import that has started cannot be cancelled; undo it when done.")
    upload_delete(job=job)
    job.delete()


def upload_delete(*, job: ImportJob) -> None:
    _folder_delete(Path(job.stored_path).parent)


def uploads_delete_all(*, owner_id: int) -> None:
    """Every file the owner uploaded, and their folder (their account is gone)."""
    _folder_delete(Path(settings.DATA_DIR) / "uploads" / str(owner_id))


def _folder_delete(folder: Path) -> None:
    """Delete a folder below DATA_DIR/uploads (never that folder itself, nor outside it)."""
    uploads = (Path(settings.DATA_DIR) / "uploads").resolve()
    if folder.resolve().is_relative_to(uploads) and folder.resolve() != uploads:
        shutil.rmtree(folder, ignore_errors=True)


def job_preview(*, job_id: int) -> None:
    """Read the file and count what an import would do, writing nothing (the task's body)."""
    job = ImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).first()
    if job is None:  # cancelled, or already previewed
        return
    _set(job, status=JobStatus.PREVIEWING)
    _run_step(job, _preview)


def job_import(*, job_id: int) -> None:
    """Import a confirmed job for real, then delete its file (the task's body)."""
    job = ImportJob.objects.filter(pk=job_id, status=JobStatus.IMPORTING).first()
    if job is None:
        return
    _run_step(job, _import)


def _run_step(job: ImportJob, step: Callable[[ImportJob, ParsedSource], None]) -> None:
    try:
        with gc_paused():  # from reading to writing (see the import command's _import_path)
            step(job, _parse(job))
    except ImportFormatError as error:
        _fail(job, str(error))
    except UnicodeError as error:
        _fail(job, f"{job.original_name}: not readable as text ({error}).")
    except OSError as error:
        _fail(job, f"{job.original_name}: could not be read ({error.strerror or error}).")
    except Exception as error:  # a job must never stay "running" forever
        logger.exception("Import job %s failed", job.pk)
        _fail(job, f"The import stopped on an unexpected error ({error}). Nothing was changed.")


def _parse(job: ImportJob) -> ParsedSource:
    return parse(job.kind, Path(job.stored_path))


def _preview(job: ImportJob, parsed: ParsedSource) -> None:
    captured: dict[str, Any] = {}
    try:
        with transaction.atomic():
            result = import_source(
                owner=job.owner, parsed=parsed, files=_files(job, parsed), progress=_ticker(job)
            )
            captured = result.as_dict()
            raise _Rollback
    except _Rollback:
        pass
    captured.pop("batch", None)
    _set(job, status=JobStatus.READY, preview=captured, **_final(job))


def _import(job: ImportJob, parsed: ParsedSource) -> None:
    result = import_source(
        owner=job.owner, parsed=parsed, files=_files(job, parsed), progress=_ticker(job)
    )
    _set(job, status=JobStatus.DONE, result=result.as_dict(), batch=result.batch, **_final(job))
    upload_delete(job=job)


def _files(job: ImportJob, parsed: ParsedSource) -> list[str]:
    return parsed.files or [job.original_name]


def _ticker(job: ImportJob) -> Callable[[int, int], None]:
    path = Path(job.stored_path).parent / PROGRESS_FILE

    def progress(done: int, total: int) -> None:
        path.write_text(f"{done} {total}")

    return progress


def _final(job: ImportJob) -> dict[str, int]:
    done, total = job_progress(job=job)
    return {"done": total or done, "total": total}


def _fail(job: ImportJob, message: str) -> None:
    _set(job, status=JobStatus.FAILED, error=message)
    upload_delete(job=job)


def _set(job: ImportJob, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=[*fields, "updated_at"])


def count_rows(report: dict[str, Any]) -> list[tuple[str, list[tuple[str, int]]]]:
    """[("people", [("created", 3), ("merged", 1)]), …] from a preview or result, zeros left out."""
    rows = []
    for block, counts in report.items():
        if isinstance(counts, dict):
            parts = [(what, n) for what, n in counts.items() if isinstance(n, int) and n]
            if parts:
                rows.append((block, parts))
    return rows
