"""The labels address books give emails and numbers ("Work", "Mobile") come along."""

from __future__ import annotations

from pathlib import Path

from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_contacts_csv, parse_vcard

APPLE = """BEGIN:VCARD\r
VERSION:3.0\r
N:Souza;Ana;;;\r
FN:Ana Souza\r
EMAIL;type=INTERNET;type=WORK;type=pref:ana@acme.com\r
EMAIL;type=INTERNET;type=HOME:ana@example.com\r
TEL;type=CELL;type=VOICE;type=pref:+1 415 555 0100\r
item1.TEL:+1 415 555 0111\r
item1.X-ABLabel:Office line\r
item2.TEL:+1 415 555 0122\r
item2.X-ABLabel:_$!<Main>!$_\r
TEL:+1 415 555 0133\r
END:VCARD\r
"""
GOOGLE = (
    "First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value,"
    "E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value\n"
    "Ana,Souza,Acme,* Work,ana@acme.com,Home,ana@example.com,Mobile,+1 415 555 0100 ::: "
    "+1 415 555 0101\n"
)
OUTLOOK = (
    '"First Name","Last Name","Company","Business Phone","Home Phone","Mobile Phone",'
    '"E-mail Address"\r\n'
    '"Ana","Souza","Acme","+1 415 555 0100","+1 415 555 0111","+1 415 555 0122",'
    '"ana@acme.com"\r\n'
)


def test_a_vcard_gives_types_and_apples_own_labels(tmp_path: Path) -> None:
    (card,) = parse_vcard(write(tmp_path, "ana.vcf", APPLE)).contacts
    assert card.labels == {
        "ana@acme.com": "Work",
        "ana@example.com": "Home",
        "+1 415 555 0100": "Mobile",
        "+1 415 555 0111": "Office line",
        "+1 415 555 0122": "Main",
    }  # the last number has no label


def test_google_csv_labels_each_value_of_a_group(tmp_path: Path) -> None:
    (row,) = parse_contacts_csv(write(tmp_path, "google.csv", GOOGLE)).contacts
    assert row.labels == {
        "ana@acme.com": "Work",
        "ana@example.com": "Home",
        "+1 415 555 0100": "Mobile",
        "+1 415 555 0101": "Mobile",
    }


def test_outlook_csv_labels_come_from_the_column_names(tmp_path: Path) -> None:
    (row,) = parse_contacts_csv(write(tmp_path, "outlook.csv", OUTLOOK)).contacts
    assert row.labels == {
        "+1 415 555 0100": "Work",
        "+1 415 555 0111": "Home",
        "+1 415 555 0122": "Mobile",
    }
