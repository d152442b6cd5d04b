"""A full name that is only an e-mail address or a phone number (FN:ana@example.com, a
Thunderbird Display Name filled from the address) is no one's name: when the record has the
person's name apart (N, First Name and Last Name), that is the name; else the address stays
the name, as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_contacts_csv, parse_vcard
from rapport.imports.parse.common import names_no_one


@pytest.mark.parametrize(
    ("fn", "name"),
    [
        ("ana@example.com", "Ana Souza"),
        ("mailto:ana@example.com", "Ana Souza"),
        ("+1 (555) 010-0100", "Ana Souza"),
        ("Ana S.", "Ana S."),
        ("Souza, Ana", "Ana Souza"),
        ("Ana (ana@example.com)", "Ana (ana@example.com)"),
        ("王小明", "王小明"),
    ],
)
def test_a_cards_full_name_that_names_no_one(tmp_path: Path, fn: str, name: str) -> None:
    text = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{fn}\r\nN:Souza;Ana;;;\r\nEND:VCARD\r\n"
    (person,) = parse_vcard(write(tmp_path, "c.vcf", text)).contacts
    assert (person.full_name, person.first_name, person.last_name) == (name, "Ana", "Souza")


def test_without_a_name_apart_the_address_stays_the_name(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:ana@example.com\r\nN:;;;;\r\nEND:VCARD\r\n"
    (person,) = parse_vcard(write(tmp_path, "c.vcf", text)).contacts
    assert person.full_name == "ana@example.com"


def test_thunderbirds_display_name_that_is_the_address(tmp_path: Path) -> None:
    text = (
        "First Name,Last Name,Display Name,Nickname,Primary Email\r\n"
        "Ana,Souza,ana@example.com,,ana@example.com\r\n"
        ",,bob@example.com,,bob@example.com\r\n"
    )
    source = parse_contacts_csv(write(tmp_path, "tb.csv", text))
    assert [c.full_name for c in source.contacts] == ["Ana Souza", "bob@example.com"]


def test_names_no_one() -> None:
    assert names_no_one("ana@example.com")
    assert names_no_one("+44 20 7946 0000")
    assert not names_no_one("Ana")
    assert not names_no_one("Ana <ana@example.com>")
