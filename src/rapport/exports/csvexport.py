"""Spreadsheet-ready CSV: people, companies and opportunities, one file each.

UTF-8 with a byte-order mark so Excel reads accents; any cell a spreadsheet would take for
a formula (starting with = + - @, a tab or a carriage return) is prefixed with a quote.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db.models import Max, Prefetch
from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.core.csvfile import cell as cell
from rapport.core.csvfile import csv_bytes
from rapport.exports.snapshot import consistent_read
from rapport.opportunities.models import Opportunity
from rapport.people.models import ContactKind, Person

KINDS = ("people", "companies", "opportunities")
# A fixed timestamp inside the zip: the same data gives the same archive.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

Table = tuple[Sequence[str], Iterable[Sequence[Any]]]


def export_csv(*, owner: User, kind: str) -> bytes:
    """One CSV file; `kind` is one of KINDS."""
    with consistent_read():
        header, rows = _TABLES[kind](owner)
        return csv_bytes(header, rows)


def export_csv_zip(*, owner: User) -> bytes:
    """A zip of the three CSV files, read from one snapshot."""
    buffer = io.BytesIO()
    with consistent_read(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in KINDS:
            header, rows = _TABLES[kind](owner)
            archive.writestr(zipfile.ZipInfo(f"{kind}.csv", _ZIP_TIME), csv_bytes(header, rows))
    return buffer.getvalue()


def _people(owner: User) -> Table:
    header = [
        "Name", "First name", "Last name", "Headline", "Company", "Title", "Emails",
        "Phones", "Websites", "LinkedIn", "Location", "Tags", "How we met", "Connected on",
        "Introduced by", "Relationship", "Keep in touch every (days)", "Last contacted", "Notes",
    ]  # fmt: skip
    people = (
        Person.objects.filter(owner=owner)
        .select_related("introduced_by")
        .prefetch_related("contact_points", "tags", _current_jobs())
        .annotate(last_contacted=Max("conversations__occurred_on"))
        .order_by("full_name", "pk")
    )
    return header, (_person_row(person) for person in people)


def _current_jobs() -> Prefetch[Any]:
    return Prefetch(
        "employments", queryset=Employment.objects.filter(is_current=True).select_related("company")
    )


def _person_row(person: Any) -> list[Any]:
    points = list(person.contact_points.all())
    jobs = list(person.employments.all())

    def values(kind: str) -> str:
        return "; ".join(p.value for p in points if p.kind == kind)

    return [
        person.full_name,
        person.first_name,
        person.last_name,
        person.headline,
        jobs[0].company.name if jobs else "",
        jobs[0].title if jobs else "",
        values(ContactKind.EMAIL),
        values(ContactKind.PHONE),
        "; ".join(p.value for p in points if p.kind in {ContactKind.URL, ContactKind.SOCIAL}),
        person.linkedin_url,
        person.location,
        "; ".join(tag.name for tag in person.tags.all()),
        person.how_we_met,
        person.connected_on,
        person.introduced_by.full_name if person.introduced_by else "",
        person.get_relationship_display(),
        person.cadence_days,
        person.last_contacted,
        person.notes,
    ]


def _companies(owner: User) -> Table:
    header = [
        "Name", "Other names", "Target status", "Priority", "Why", "Recommended or warned by",
        "Website", "Careers page", "Phone", "Referral channel", "Referral steps",
        "Apply before or after the referral", "Referral protocol learned from",
        "Referral protocol learned on", "Notes",
    ]  # fmt: skip
    companies = (
        Company.objects.filter(owner=owner)
        .select_related("status_by", "referral_learned_from")
        .prefetch_related("aliases")
        .order_by("name", "pk")
    )
    return header, (_company_row(company) for company in companies)


def _company_row(company: Company) -> list[Any]:
    return [
        company.name,
        "; ".join(alias.name for alias in company.aliases.all()),
        company.get_target_status_display(),
        company.priority,
        company.status_reason,
        _name(company.status_by),
        company.website,
        company.careers_url,
        company.phone,
        company.referral_channel,
        company.referral_steps,
        company.get_referral_apply_order_display(),
        _name(company.referral_learned_from),
        company.referral_learned_on,
        company.notes,
    ]


def _opportunities(owner: User) -> Table:
    header = [
        "Title", "Company", "Stage", "Advertised", "URL", "Lead from", "Referrer",
        "Referral channel", "Stage changed on", "About the role", "Resume tailoring notes",
        "Apply by",
    ]  # fmt: skip
    opportunities = (
        Opportunity.objects.filter(owner=owner)
        .select_related("company", "source_person", "referrer")
        .order_by("company__name", "title", "pk")
    )
    return header, (_opportunity_row(o) for o in opportunities)


def _opportunity_row(opportunity: Opportunity) -> list[Any]:
    return [
        opportunity.title,
        opportunity.company.name,
        opportunity.get_stage_display(),
        opportunity.advertised,
        opportunity.url,
        _name(opportunity.source_person),
        _name(opportunity.referrer),
        opportunity.referral_channel,
        timezone.localdate(opportunity.stage_changed_at),
        opportunity.description,
        opportunity.tailoring_notes,
        opportunity.deadline,
    ]


def _name(person: Person | None) -> str:
    return person.full_name if person else ""


_TABLES: dict[str, Callable[[User], Table]] = {
    "people": _people,
    "companies": _companies,
    "opportunities": _opportunities,
}
