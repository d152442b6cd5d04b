"""Organisations' own cards (vCard KIND:org, Apple's company cards, a CSV row with only a
company) become companies, with their number and web address, never people.

A company met again (by its key: "ACME Inc." is "Acme") only has its blanks filled, and the
fields filled are journalled so that undoing the import empties them again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rapport.companies.models import Company
from rapport.imports.parse.records import CompanyRecord
from rapport.imports.session import ImportState, company_for
from rapport.imports.write.rows import clip

_WEB_SCHEMES = ("http://", "https://")
_WEBSITE_LENGTH = 300  # Company.website's max_length


def organisations_apply(
    state: ImportState, records: list[CompanyRecord], tick: Callable[[], None]
) -> None:
    for record in records:
        company = company_for(state, record.name)
        if company is None:
            state.tally("companies").skipped += 1
        else:
            _fill(state, company, record)
        tick()


def _fill(state: ImportState, company: Company, record: CompanyRecord) -> None:
    """Give `company` the card's number, web address and notes where it has none."""
    found = {
        "phone": next((clip(Company, "phone", p) for p in record.phones), ""),
        "website": next((url for u in record.urls if (url := _web_address(u))), ""),
        "notes": _notes(record),
    }
    changes: dict[str, list[Any]] = {}
    for name, value in found.items():
        before = getattr(company, name)
        if value and not before.strip():
            setattr(company, name, value)
            changes[name] = [before, value]
    if company.pk is None or not changes:
        return
    state.pending.companies_changed[company.pk] = company
    state.pending.company_fields.update(changes)
    state.companies_touched["updated"].add(company.pk)
    state.journal(company, changes)


def _web_address(url: str) -> str:
    """`url` as a web address Company.website can hold ("acme.com" -> "https://acme.com")."""
    url = url.strip()
    if not url or " " in url:
        return ""
    if not url.casefold().startswith(_WEB_SCHEMES):
        url = f"https://{url}"
    return url if len(url) <= _WEBSITE_LENGTH else ""


def _notes(record: CompanyRecord) -> str:
    """The card's note, and its addresses (a company has no field for them)."""
    emails = ", ".join(record.emails)
    parts = [record.notes.strip(), f"E-mail: {emails}" if emails else ""]
    return "\n\n".join(part for part in parts if part)
