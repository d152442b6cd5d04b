"""LinkedIn's files that Rapport does not read, recognised by their headers, so that one
chosen by mistake is refused naming it ("LinkedIn's Profile.csv: your own profile"), not as
a table Rapport does not know. Headers as LinkedIn's exports of 2018 to 2024 wrote them
(tests/imports/parsers/fixtures/interop/linkedin/observed_headers.txt)."""

from __future__ import annotations

from rapport.imports.parse.streams import Lines
from rapport.imports.parse.tabular import Table, find_table

# (what the file is, columns its header holds), the more columns first.
_OTHERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "Contacts.csv (the address book you once let LinkedIn import, not your connections)",
        frozenset({"source", "firstname", "lastname", "companies", "emails", "phonenumbers"}),
    ),
    (
        "Imported Contacts.csv (the address book you once let LinkedIn import, "
        "not your connections)",
        frozenset({"first name", "last name", "companies", "phone numbers", "created at"}),
    ),
    (
        "Profile.csv (your own profile)",
        frozenset({"first name", "last name", "maiden name", "headline"}),
    ),
    (
        "Job Applications.csv (your job applications)",
        frozenset({"application date", "contact email", "company name", "job title"}),
    ),
    ("Saved Jobs.csv (jobs you saved)", frozenset({"saved date", "job url", "job title"})),
    (
        "Email Addresses.csv (your own e-mail addresses)",
        frozenset({"email address", "confirmed", "primary"}),
    ),
    ("PhoneNumbers.csv (your own phone numbers)", frozenset({"extension", "number", "type"})),
    ("Company Follows.csv (the companies you follow)", frozenset({"organization", "followed on"})),
)


def _recognise(columns: frozenset[str]) -> str | None:
    return next((what for what, needed in _OTHERS if needed <= columns), None)


def other_linkedin_file(lines: Lines, file: str) -> tuple[str, Table] | None:
    """("Profile.csv (your own profile)", its table) if the file is one of LinkedIn's that
    Rapport does not read, else None."""
    return find_table(lines, file, _recognise)
