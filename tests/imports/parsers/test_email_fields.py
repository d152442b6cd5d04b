"""E-mail fields as address books really fill them: a mailbox with its display name, several
addresses in one field, or text that is no address at all (Outlook's Exchange entries).
Each address is kept on its own; a field with none is left out with a warning, not silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.imports.parse import parse_contacts_csv, parse_vcard
from rapport.imports.parse.common import email_addresses

EXCHANGE = "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=7f3"


@pytest.mark.parametrize(
    ("field", "addresses"),
    [
        ("ana@example.com", ["ana@example.com"]),
        ("mailto:ana@example.com", ["ana@example.com"]),
        ('"Ana Souza" <ana@example.com>', ["ana@example.com"]),
        ("Ana Souza <ana@example.com>", ["ana@example.com"]),
        ("ana@example.com (Ana Souza)", ["ana@example.com"]),
        ("ana@example.com, ana.souza@work.example", ["ana@example.com", "ana.souza@work.example"]),
        ("ana@example.com;ana.souza@work.example", ["ana@example.com", "ana.souza@work.example"]),
        ("semicolon;@points.net", ["semicolon;@points.net"]),  # odd, but one address as before
        (EXCHANGE, []),
        ("ana at example dot com", []),
    ],
)
def test_the_addresses_of_an_email_field(field: str, addresses: list[str]) -> None:
    assert email_addresses(field) == addresses


def test_a_vcard_email_with_a_display_name_keeps_its_address(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\n"
        'EMAIL;TYPE=work:"Ana Souza" <ana@example.com>\r\n'
        "EMAIL;TYPE=home:ana@example.com\\, souza@home.example\r\n"
        "END:VCARD\r\n"
    )
    source = parse_vcard(path)
    (ana,) = source.contacts
    assert ana.emails == ["ana@example.com", "souza@home.example"]
    assert ana.labels == {"ana@example.com": "Work", "souza@home.example": "Home"}
    assert source.warnings == []


def test_a_vcard_email_with_no_address_is_left_out_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana Souza\r\nEMAIL;INTERNET:ana at example dot com\r\n"
        "EMAIL;INTERNET:ana@example.com\r\nEND:VCARD\r\n"
    )
    source = parse_vcard(path)
    assert source.contacts[0].emails == ["ana@example.com"]
    assert source.warnings == [
        'contacts.vcf, line 4: EMAIL "ana at example dot com" holds no e-mail address; left out'
    ]


OUTLOOK = '"First Name","Last Name","Company","E-mail Address","E-mail Type","E-mail 2 Address"\r\n'


def test_outlook_exchange_entries_are_told_not_dropped_silently(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    rows = [
        f'"Ana","Souza","Acme","{EXCHANGE}","EX",""',
        f'"Bruno","Lima","Acme","{EXCHANGE}","EX","bruno@example.com"',
        '"Carla","Dias","","Carla Dias <carla@example.com>","SMTP",""',
    ]
    path.write_text(OUTLOOK + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    source = parse_contacts_csv(path)
    assert [(c.full_name, c.emails) for c in source.contacts] == [
        ("Ana Souza", []),
        ("Bruno Lima", ["bruno@example.com"]),
        ("Carla Dias", ["carla@example.com"]),
    ]
    assert source.warnings == [
        "contacts.csv, line 2: 2 e-mail fields hold no e-mail address, left out (first: "
        '"/o=ExchangeLabs/ou=Exchange Administrat…")'
    ]


def test_a_csv_email_with_a_display_name_keeps_its_address_and_label(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Middle Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value\r\n"
        "Ana,,Souza,Acme,* Work,Ana Souza <ana@example.com> ::: ana.souza@example.org\r\n",
        encoding="utf-8",
    )
    source = parse_contacts_csv(path)
    (ana,) = source.contacts
    assert ana.emails == ["ana@example.com", "ana.souza@example.org"]
    assert ana.labels["ana@example.com"] == "Work"
    assert source.warnings == []
