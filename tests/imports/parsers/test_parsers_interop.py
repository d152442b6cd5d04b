"""Files written by real programs, kept in fixtures/interop/ (provenance and licences in
fixtures/PROVENANCE.md): every importer must read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.imports.parse import parse_contacts_csv, parse_linkedin, parse_vcard

INTEROP = Path(__file__).resolve().parent / "fixtures" / "interop"


def corpus(folder: str, pattern: str) -> list[Path]:
    return sorted((INTEROP / folder).glob(pattern))


def test_the_corpus_is_there_to_be_read() -> None:
    # An empty glob would make the tests below skip without a word.
    assert len(corpus("vcard", "*.vcf")) == 6
    assert len(corpus("linkedin", "Connections_preamble_and_header__*.txt")) == 2


@pytest.mark.parametrize("path", corpus("vcard", "*.vcf"), ids=lambda p: p.name)
def test_every_real_vcard_file_gives_named_contacts(path: Path) -> None:
    source = parse_vcard(path)
    assert source.contacts
    assert all(contact.full_name for contact in source.contacts)
    assert all(contact.file == path.name and contact.line >= 1 for contact in source.contacts)


def test_the_real_google_csv_gives_contacts_with_emails() -> None:
    source = parse_contacts_csv(INTEROP / "csv" / "roundcube__gmail.csv")
    (contact,) = source.contacts
    assert contact.emails == [
        "home@aaa.pl",
        "work@email.pl",
        "unknown@email.com",
        "other@email.com",
    ]
    assert (contact.first_name, contact.last_name) == ("Firstname", "Lastname")
    assert (contact.company, contact.title) == ("company", "jobtitle")


@pytest.mark.parametrize(
    "path", corpus("linkedin", "Connections_preamble_and_header__*.txt"), ids=lambda p: p.name
)
def test_real_connections_preambles_are_read_past(path: Path, tmp_path: Path) -> None:
    header = path.read_text(encoding="utf-8").rstrip("\n").splitlines()[-1]
    values = {"First Name": "Ana", "Last Name": "Souza", "Connected On": "05 Mar 2024"}
    values |= {"URL": "https://www.linkedin.com/in/ana-souza", "Company": "Stripe"}
    row = ",".join(values.get(column, "") for column in header.split(","))
    blank = ",".join("05 Mar 2024" if c == "Connected On" else "" for c in header.split(","))
    target = tmp_path / "Connections.csv"
    target.write_text(path.read_text(encoding="utf-8") + row + "\n" + blank + "\n")
    source = parse_linkedin(target)
    (ana,) = source.contacts
    assert (ana.full_name, ana.company, ana.line) == ("Ana Souza", "Stripe", 5)
    assert source.skipped == 1


_SECTIONS = {
    "## Connections.csv": "contacts",
    "## messages.csv": "messages",
    "## Invitations.csv": "invitations",
    "## Positions.csv": "positions",
}
_SAMPLE_VALUES = {
    "first name": "Ana",
    "last name": "Souza",
    "connected on": "05 Mar 2024",
    "from": "Ana Souza",
    "to": "Me",
    "date": "2024-03-05 10:00:00 UTC",
    "content": "Hello",
    "sent at": "3/7/24, 9:05 AM",
    "company name": "Acme",
    "title": "Analyst",
    "started on": "Mar 2021",
}


def observed_headers() -> list[tuple[str, str]]:
    """(kind of record, header line) for each header LinkedIn has written since 2018."""
    path = INTEROP / "linkedin" / "observed_headers.txt"
    if not path.is_file():
        return []
    found, kind = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            kind = next((k for s, k in _SECTIONS.items() if line.startswith(s)), "")
            continue
        candidate = line.split(" : ", 1)[-1].split("  ", 1)[0].split(" (", 1)[0].strip()
        if kind and candidate.count(",") >= 3:
            found.append((kind, candidate))
    return found


@pytest.mark.parametrize(("kind", "header"), observed_headers(), ids=lambda v: v[:40])
def test_every_observed_linkedin_header_is_recognised(
    kind: str, header: str, tmp_path: Path
) -> None:
    columns = header.split(",")
    row = ",".join(f'"{_SAMPLE_VALUES.get(c.casefold(), "x")}"' for c in columns)
    target = tmp_path / "export.csv"
    target.write_text(f"{header}\n{row}\n", encoding="utf-8")
    source = parse_linkedin(target)
    assert len(getattr(source, kind)) == 1, source
