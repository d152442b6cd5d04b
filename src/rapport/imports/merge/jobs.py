"""What a contact record says about someone's job: keep it, fill its title, or record a move.

The rule: a record opens a job for someone who has no current job elsewhere, and replaces
the job it reported itself last time. So a newer LinkedIn export that says Ana now works at
Stripe closes her old job, opens the new one and records the change; an old address card
saying she works somewhere else changes nothing. What each record claimed is kept in its
provenance (company and title), so that the next import compares claim with claim.

An export older than one of its kind imported before (`ImportBatch.superseded_on`: both
have a date of their own, a LinkedIn zip's) never overrides what a newer export said: a
record whose source said something before keeps that claim, and no job is closed, opened,
retitled or recorded as a move (only an empty title is filled). Its claims about people the
source said nothing of before are first claims: a job is opened for someone with none.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from rapport.companies.models import Company, Employment
from rapport.core.models import Source
from rapport.imports.models import ChangeEvent
from rapport.imports.parse.records import ContactRecord
from rapport.imports.session import Claim, Entry, ImportState, Known, company_for, company_key_in
from rapport.imports.write.rows import clip, row


@dataclass
class JobResult:
    employment: Employment | None = None  # the job the claim stands for, if there is one
    claim: Claim | None = None
    changed: bool = False

    @property
    def company(self) -> Company | None:
        return self.employment.company if self.employment else None


def job_apply(
    state: ImportState,
    entry: Entry,
    record: ContactRecord,
    known: Known | None,
    children: list[models.Model],
) -> JobResult:
    """Apply the record's company and title; `known` is what it said the last time."""
    before = known.claim if known else None
    last_job = (known.employment or entry.job(known.employment_id)) if known else None
    name = clip(Company, "name", record.company)
    key = company_key_in(state, name)
    if not key:  # nothing said this time: what was said before stands
        return JobResult(last_job, before)
    if key in state.companies:
        company_for(state, name)  # a known company: keep this spelling as an alias
    claim = Claim(key, clip(Employment, "title", record.title))
    if before is not None and before.same_as(claim):
        same_job = last_job is not None and last_job.company.name_key == key
        filled = bool(same_job and last_job and _fill_title(state, last_job, claim.title))
        return JobResult(last_job, claim if filled else before, filled)
    if before is not None and state.batch.superseded_on is not None:
        return JobResult(last_job, before)  # a stale export: the newer claim stands
    if before is not None and last_job is not None and last_job.is_current:
        return _job_change(state, entry, record, last_job, claim, children)
    return _job_first(state, entry, record, claim, children, restated=before is not None)


def _job_first(
    state: ImportState,
    entry: Entry,
    record: ContactRecord,
    claim: Claim,
    children: list[models.Model],
    *,
    restated: bool,
) -> JobResult:
    """A claim with no job of its own behind it yet; `restated`: it differs from before."""
    current = _current_at(entry, claim.company_key)
    if current is not None:
        return JobResult(current, claim, _fill_title(state, current, claim.title) or restated)
    if entry.jobs:
        return JobResult(None, claim, restated)  # works elsewhere by another source's word
    job = _job_open(state, entry, record, children)
    return JobResult(job, claim, True)


def _current_at(entry: Entry, key: str) -> Employment | None:
    return next((job for job in entry.jobs if job.company.name_key == key), None)


def _fill_title(state: ImportState, job: Employment, title: str) -> bool:
    if not title or job.title:
        return False
    state.journal(job, {"title": [job.title, title]})
    job.title = title
    _changed(state, job)
    return True


def _changed(state: ImportState, job: Employment) -> None:
    if job.pk is not None:  # else: not written yet, and it will be as it is now
        state.pending.employments_changed[job.pk] = job
    if not state.made_here(job):
        state.tally("employments").updated += 1


def _job_open(
    state: ImportState, entry: Entry, record: ContactRecord, children: list[models.Model]
) -> Employment | None:
    company = company_for(state, record.company)
    if company is None:
        return None
    job = row(
        Employment,
        owner_id=state.owner_id,
        person=entry.person,
        company=company,
        title=clip(Employment, "title", record.title),
        is_current=True,
        source=Source.IMPORT,
        source_record=state.source_record(record.source_key),
    )
    entry.jobs.append(job)
    entry.profile.companies.add(company.name_key)
    state.pending.employments.append(job)
    children.append(job)
    state.tally("employments").created += 1
    return job


def _job_close(state: ImportState, entry: Entry, job: Employment) -> None:
    ended_on = max(state.today, job.started_on or state.today)
    state.journal(job, {"is_current": [True, False], "ended_on": [job.ended_on, ended_on]})
    job.is_current, job.ended_on = False, ended_on
    _changed(state, job)
    entry.jobs = [j for j in entry.jobs if j is not job]
    entry.profile.companies = {j.company.name_key for j in entry.jobs}


def _job_change(
    state: ImportState,
    entry: Entry,
    record: ContactRecord,
    before: Employment,
    claim: Claim,
    children: list[models.Model],
) -> JobResult:
    _job_close(state, entry, before)
    job = _current_at(entry, claim.company_key)
    if job is None or not Claim(claim.company_key, job.title).same_as(claim):
        job = _job_open(state, entry, record, children)
    if job is None:
        return JobResult(None, claim, True)
    state.pending.change_events.append(
        row(
            ChangeEvent,
            owner_id=state.owner_id,
            person=entry.person,
            batch_id=state.batch_id,
            occurred_on=state.today,
            old_company=before.company,
            old_title=before.title,
            new_company=job.company,
            new_title=job.title,
            old_employment=before,
            new_employment=job,
        )
    )
    return JobResult(job, claim, True)
