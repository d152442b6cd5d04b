"""Cards that are not a person's or a company's (a group, a contact list, a place, a device)
are skipped and told, never imported as people: a list's name is no one's, and the e-mails
on it are its members'."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_vcard
from rapport.imports.parse.records import ImportFormatError

APPLE = "a group of contacts"
PERSON = "VERSION:3.0\r\nN:Souza;Ana;;;\r\nFN:Ana Souza\r\nEMAIL:ana@example.com\r\n"


def cards(tmp_path: Path, *bodies: str) -> Path:
    text = "".join(f"BEGIN:VCARD\r\n{body}END:VCARD\r\n" for body in bodies)
    return write(tmp_path, "contacts.vcf", text)


@pytest.mark.parametrize(
    ("mark", "told"),
    [
        ("KIND:group", "a group of contacts (KIND:group)"),
        ("KIND:GROUP", "a group of contacts (KIND:GROUP)"),
        ("X-ADDRESSBOOKSERVER-KIND:group", f"{APPLE} (X-ADDRESSBOOKSERVER-KIND:group)"),
        ("item1.X-ADDRESSBOOKSERVER-KIND:group", f"{APPLE} (X-ADDRESSBOOKSERVER-KIND:group)"),
        ("X-EVOLUTION-KIND:GrouP", "a group of contacts (X-EVOLUTION-KIND:GrouP)"),
        ("X-EVOLUTION-LIST:TRUE", "a contact list (X-EVOLUTION-LIST:TRUE)"),
        ("KIND:location", "a place (KIND:location)"),
        ("KIND:device", "a device (KIND:device)"),
        ("KIND:application", "an application (KIND:application)"),
    ],
)
def test_a_card_that_says_it_is_no_person_is_skipped_and_told(
    tmp_path: Path, mark: str, told: str
) -> None:
    group = f"VERSION:3.0\r\nFN:Team\r\nN:Team;;;;\r\n{mark}\r\nEMAIL:omar@example.com\r\n"
    source = parse_vcard(cards(tmp_path, PERSON, group))
    assert [c.full_name for c in source.contacts] == ["Ana Souza"]
    assert source.companies == []
    assert source.skipped == 1
    assert source.warnings == [f"contacts.vcf, line 7: card is {told}, not a person; skipped"]


@pytest.mark.parametrize("mark", ["KIND:individual", "X-EVOLUTION-LIST:FALSE", "KIND:x-robot"])
def test_a_persons_card_is_still_read(tmp_path: Path, mark: str) -> None:
    source = parse_vcard(cards(tmp_path, f"{PERSON}{mark}\r\n"))
    assert [c.full_name for c in source.contacts] == ["Ana Souza"]
    assert source.warnings == []


def test_a_file_of_groups_only_is_refused_saying_why(tmp_path: Path) -> None:
    path = cards(tmp_path, "VERSION:4.0\r\nKIND:group\r\nFN:Book club\r\n")
    with pytest.raises(ImportFormatError, match=r"a group of contacts \(KIND:group\)"):
        parse_vcard(path)
