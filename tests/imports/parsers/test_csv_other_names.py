"""A row's name may be in a column other than the first and last names': Outlook Express's
"Name" (the name shown), or a nickname in any layout (or a card's NICKNAME). It names the
person before their company, e-mail or phone does, and a row with a company and such a name
is a person's."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_contacts_csv, parse_vcard

GOOGLE = (
    "First Name,Middle Name,Last Name,Nickname,File As,Organization Name,Organization Title,"
    "E-mail 1 - Label,E-mail 1 - Value\r\n"
)
THUNDERBIRD = "First Name,Last Name,Display Name,Nickname,Primary Email,Organization\r\n"
OUTLOOK = "First Name,Middle Name,Last Name,Name,Nickname,E-mail Address,Company\r\n"


@pytest.mark.parametrize(
    ("header", "row"),
    [
        (GOOGLE, ",,,Kiki,,,,* myContacts,kiki@example.com"),
        (GOOGLE, ",,,Kiki,,Acme,,* Work,kiki@example.com"),
        (THUNDERBIRD, ",,,Kiki,kiki@example.com,"),
        (THUNDERBIRD, ",,,Kiki,kiki@example.com,Acme"),
        (OUTLOOK, ",,,,Kiki,kiki@example.com,"),
        (OUTLOOK, ",,,Kiki,,kiki@example.com,Acme"),
        (OUTLOOK, ",,,Kiki,Kiks,kiki@example.com,"),
    ],
)
def test_a_row_named_only_by_a_nickname_or_its_shown_name(
    tmp_path: Path, header: str, row: str
) -> None:
    source = parse_contacts_csv(write(tmp_path, "contacts.csv", f"{header}{row}\r\n"))
    (person,) = source.contacts
    assert (person.full_name, person.emails) == ("Kiki", ["kiki@example.com"])
    assert source.companies == []


def test_first_and_last_names_still_come_before_the_nickname(tmp_path: Path) -> None:
    text = f"{GOOGLE}Ana,,Souza,Aninha,,Acme,CTO,* Work,ana@example.com\r\n"
    (person,) = parse_contacts_csv(write(tmp_path, "contacts.csv", text)).contacts
    assert (person.full_name, person.company) == ("Ana Souza", "Acme")


def test_a_company_row_with_no_name_is_still_the_companys(tmp_path: Path) -> None:
    text = f"{OUTLOOK},,,Acme,,info@acme.example,Acme\r\n"
    source = parse_contacts_csv(write(tmp_path, "contacts.csv", text))
    assert source.contacts == []
    assert [(c.name, c.emails) for c in source.companies] == [("Acme", ["info@acme.example"])]


def test_googles_joined_values_give_one_employer_title_and_place(tmp_path: Path) -> None:
    # Google writes a contact's two organisations, or two addresses, in one cell joined by
    # " ::: ": "Acme ::: Globex" is no company's name.
    text = (
        "First Name,Last Name,Organization Name,Organization Title,E-mail 1 - Label,"
        "E-mail 1 - Value,Address 1 - City,Address 1 - Country\r\n"
        "Ana,Souza,Acme ::: Globex,CTO ::: Advisor,* Work,ana@acme.example,"
        "São Paulo ::: Lisbon,Brazil ::: Portugal\r\n"
        ",,Initech ::: Initrode,,Work,info@initech.example,,\r\n"
    )
    source = parse_contacts_csv(write(tmp_path, "contacts.csv", text))
    (ana,) = source.contacts
    assert (ana.company, ana.title, ana.location) == ("Acme", "CTO", "São Paulo, Brazil")
    assert [c.name for c in source.companies] == ["Initech"]


def test_a_cards_nickname_names_it_when_nothing_else_does(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nNICKNAME:Kiki\\, Jr.,KK\r\nORG:Globex\r\n"
        "EMAIL:kiki@example.com\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nNICKNAME:Aninha\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Initech\r\nORG:Initech\r\nEND:VCARD\r\n"
    )
    source = parse_vcard(write(tmp_path, "c.vcf", text))
    assert [(c.full_name, c.company) for c in source.contacts] == [
        ("Kiki, Jr.", "Globex"),
        ("Ana Souza", ""),
    ]
    assert [c.name for c in source.companies] == ["Initech"]
