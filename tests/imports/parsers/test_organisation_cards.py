"""Organisations' own cards and rows (item 8 of #11) are companies, never people: vCard 4.0
KIND:org, Apple's X-ABShowAs:COMPANY, a card whose N is empty and whose only name is its
ORG, a CSV row with a company and no name."""

from __future__ import annotations

from pathlib import Path

from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_contacts_csv, parse_vcard


def cards(tmp_path: Path, *bodies: str) -> Path:
    text = "".join(f"BEGIN:VCARD\r\n{body}END:VCARD\r\n" for body in bodies)
    return write(tmp_path, "contacts.vcf", text, "utf-8")


def test_the_three_shapes_of_a_company_card(tmp_path: Path) -> None:
    path = cards(
        tmp_path,
        # Apple: the card shows as a company, though N holds the contact's name.
        "VERSION:3.0\r\nN:Doe;Jane;;;\r\nFN:Jane Doe\r\nORG:Acme Inc.;Sales\r\n"
        "X-ABShowAs:COMPANY\r\nTEL;type=WORK;type=pref:+1 555 0100\r\n"
        "item1.URL;type=pref:http\\://acme.example\r\nitem1.X-ABLabel:_$!<HomePage>!$_\r\n",
        # vCard 4.0
        "VERSION:4.0\r\nKIND:org\r\nFN:Initech\r\nTEL;VALUE=uri:tel:+1-555-0199\r\n"
        "URL:https://initech.example/\r\n",
        # Outlook 2.1: N empty, FN the same as ORG.
        "VERSION:2.1\r\nN:;;;;\r\nFN:Globex Corporation\r\nORG:Globex Corporation\r\n"
        "TEL;WORK;VOICE:+44 20 7946 0000\r\nURL;WORK:www.globex.example\r\n",
    )
    source = parse_vcard(path)
    assert source.contacts == []
    assert [(c.name, c.phones, c.urls) for c in source.companies] == [
        ("Acme Inc.", ["+1 555 0100"], ["http://acme.example"]),
        ("Initech", ["+1-555-0199"], ["https://initech.example/"]),
        ("Globex Corporation", ["+44 20 7946 0000"], ["www.globex.example"]),
    ]


def test_a_person_at_a_company_stays_a_person(tmp_path: Path) -> None:
    path = cards(
        tmp_path,
        "VERSION:3.0\r\nN:Doe;Jane;;;\r\nFN:Jane Doe\r\nORG:Acme Inc.\r\n",
        # No N, but a name of their own beside the ORG.
        "VERSION:3.0\r\nFN:Bo Li\r\nORG:Acme Inc.\r\nTEL:+1 555 0101\r\n",
        "VERSION:4.0\r\nKIND:individual\r\nFN:Cy Twombly\r\nORG:Initech\r\n",
    )
    source = parse_vcard(path)
    assert [(c.full_name, c.company) for c in source.contacts] == [
        ("Jane Doe", "Acme Inc."),
        ("Bo Li", "Acme Inc."),
        ("Cy Twombly", "Initech"),
    ]
    assert source.companies == []


def test_a_file_of_company_cards_only_is_read(tmp_path: Path) -> None:
    source = parse_vcard(cards(tmp_path, "VERSION:4.0\r\nKIND:org\r\nFN:Initech\r\n"))
    assert [c.name for c in source.companies] == ["Initech"]


def test_a_csv_row_with_a_company_and_no_name_is_the_company(tmp_path: Path) -> None:
    header = (
        "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
        "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Business Phone,"
        "Mobile Phone,Company,Job Title,Web Page,Notes"
    )
    rows = [
        ",,,,,,,,info@acme.example,,,,+1 555 0100,,Acme Inc.,,acme.example,Main office",
        "Jane,,Doe,,,,,,jane@acme.example,,,,,+1 555 0102,Acme Inc.,Recruiter,,",
    ]
    path = write(tmp_path, "contacts.csv", "\r\n".join([header, *rows]) + "\r\n", "utf-8")
    source = parse_contacts_csv(path)
    (acme,) = source.companies
    assert (acme.name, acme.phones, acme.urls, acme.emails, acme.notes) == (
        "Acme Inc.",
        ["+1 555 0100"],
        ["acme.example"],
        ["info@acme.example"],
        "Main office",
    )
    assert [(c.full_name, c.company) for c in source.contacts] == [("Jane Doe", "Acme Inc.")]


def test_an_outlook_row_for_a_company_keeps_its_switchboard(tmp_path: Path) -> None:
    header = (
        '"First Name","Last Name","Company","E-mail Address","Company Main Phone","Mobile Phone"'
    )
    rows = [
        '"","","Globex","info@globex.example","+1 555 0199",""',
        '"Hank","Scorpio","Globex","hank@globex.example","+1 555 0199","+1 555 0142"',
    ]
    path = write(tmp_path, "contacts.csv", "\r\n".join([header, *rows]) + "\r\n", "utf-8")
    source = parse_contacts_csv(path)
    assert [(c.name, c.phones) for c in source.companies] == [("Globex", ["+1 555 0199"])]
    assert [(c.full_name, c.phones) for c in source.contacts] == [("Hank Scorpio", ["+1 555 0142"])]
