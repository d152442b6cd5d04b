"""A CSV recognised by some of its columns ("First Name, Last Name, Organization Name" is
Google's layout) may hold e-mail addresses or phone numbers in columns that layout has not
("Email", "Work Email", "Mobile"): they were left out without a word. They are still left
out (whose they are is not known), and told, column by column."""

from __future__ import annotations

from pathlib import Path

from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_contacts_csv


def test_a_hand_made_file_read_as_googles_tells_its_email_and_phone_columns(
    tmp_path: Path,
) -> None:
    text = (
        "First Name,Last Name,Organization Name,Email,Phone\r\n"
        "Ana,Souza,Acme,ana@acme.example,+1 555 0100\r\n"
        "Bob,Smith,Initech,bob@initech.example,\r\n"
    )
    source = parse_contacts_csv(write(tmp_path, "people.csv", text))
    assert [(c.full_name, c.company, c.emails) for c in source.contacts] == [
        ("Ana Souza", "Acme", []),
        ("Bob Smith", "Initech", []),
    ]
    assert source.warnings == [
        'people.csv: column "email" holds e-mail addresses (2 rows, first at line 2), left '
        "out: the file was read in the layout of Google Contacts, which has no column of that "
        "name",
        'people.csv: column "phone" holds phone numbers (line 2), left out: the file was read '
        "in the layout of Google Contacts, which has no column of that name",
    ]


def test_columns_beside_outlooks_are_told(tmp_path: Path) -> None:
    text = (
        "First Name,Last Name,E-mail Address,Email 2,Work Email,Mobile,Radio Phone\r\n"
        "Ana,Souza,ana@acme.example,ana@home.example,ana@acme.example,+1 555 0101,+1 555 0199\r\n"
    )
    source = parse_contacts_csv(write(tmp_path, "people.csv", text))
    (ana,) = source.contacts
    assert ana.emails == ["ana@acme.example"]
    told = [w.split(" holds ")[0] for w in source.warnings]
    # "Work Email" repeats the address read; Outlook's "Radio Phone" is no one's own line.
    assert told == ['people.csv: column "email 2"', 'people.csv: column "mobile"']


def test_outlooks_own_columns_say_nothing(tmp_path: Path) -> None:
    # "E-mail Display Name" names the address ("Ana Souza (ana@old.example)"): not an address
    # field; faxes, pagers and the assistant's phone are left out on purpose.
    text = (
        "First Name,Last Name,E-mail Address,E-mail Display Name,Business Fax,Pager,"
        "Assistant's Phone,Notes\r\n"
        "Ana,Souza,ana@acme.example,Ana Souza (ana@old.example),+1 555 0109,+1 555 0108,"
        '+1 555 0107,"write to ana@home.example"\r\n'
    )
    source = parse_contacts_csv(write(tmp_path, "people.csv", text))
    assert source.contacts[0].emails == ["ana@acme.example"]
    assert source.warnings == []
