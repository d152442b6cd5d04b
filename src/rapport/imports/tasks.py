"""Background tasks of the import page (django-tasks; the worker is `rapport db_worker`,
or a thread of `rapport serve` in local mode)."""

from __future__ import annotations

from django_tasks import task

from rapport.imports.uploads import job_import, job_preview


@task()
def preview_task(job_id: int) -> None:
    job_preview(job_id=job_id)


@task()
def import_task(job_id: int) -> None:
    job_import(job_id=job_id)
