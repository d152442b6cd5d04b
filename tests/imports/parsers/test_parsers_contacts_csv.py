"""Address-book CSVs: Google Contacts (both layouts) and Outlook, layout told by the header."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.imports.parse import parse, parse_contacts_csv
from rapport.imports.parse.records import ImportFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "csv"


def test_google_current_layout_splits_multi_values_and_skips_faxes() -> None:
    source = parse_contacts_csv(FIXTURES / "google_current.csv")
    ana = source.contacts[0]
    assert (ana.full_name, ana.first_name, ana.last_name) == ("Ana Souza", "Ana", "Souza")
    assert ana.emails == ["ana@stripe.example", "ana.souza@gmail.example", "ana@home.example"]
    assert ana.phones == ["+1 415 555 0100", "+1 415 555 0101"]
    assert (ana.company, ana.title) == ("Stripe", "Staff Engineer")
    assert ana.linkedin_url == "https://www.linkedin.com/in/ana-souza"
    assert ana.urls == ["https://ana.example"]
    assert ana.location == "San Francisco, CA, United States"
    assert ana.notes == "Met at PyCon.\nFollow up in May."


def test_google_rows_span_lines_and_keep_their_starting_line() -> None:
    source = parse_contacts_csv(FIXTURES / "google_current.csv")
    assert [(c.full_name, c.line) for c in source.contacts] == [
        ("Ana Souza", 2),
        ("solo@example.com", 6),
        ("Élodie M. Durand Jr.", 7),
    ]
    assert source.skipped == 1  # a row with nothing but its label
    assert {c.file for c in source.contacts} == {"google_current.csv"}


def test_google_older_layout_uses_its_own_column_names() -> None:
    (kofi,) = parse_contacts_csv(FIXTURES / "google_older.csv").contacts
    assert kofi.full_name == "Kofi Mensah"
    assert kofi.emails == ["kofi@acme.example", "kofi.m@home.example"]
    assert kofi.phones == ["+233 20 123 4567"]  # "Work Fax" left out
    assert (kofi.company, kofi.title) == ("Acme Ghana", "Country Manager")


def test_the_number_of_email_and_phone_groups_may_vary(tmp_path: Path) -> None:
    header = "First Name,Last Name,Organization Name,E-mail 1 - Value,E-mail 2 - Value,"
    header += "E-mail 3 - Value,Phone 1 - Value\n"
    path = tmp_path / "contacts.csv"
    path.write_text(header + "Ana,Souza,,a@x.example,,c@x.example,555 0100\n", encoding="utf-8")
    (ana,) = parse_contacts_csv(path).contacts
    assert ana.emails == ["a@x.example", "c@x.example"]


def test_outlook_quotes_every_field_and_has_named_phone_columns() -> None:
    mike, zoe = parse_contacts_csv(FIXTURES / "outlook.csv").contacts
    assert mike.full_name == "Michael Angstadt Jr."
    assert mike.emails == ["mike@example.com"]  # the Exchange X.500 address is not an e-mail
    assert mike.phones == ["(111) 555-1111", "(111) 555-4444"]  # no fax, no company main line
    assert (mike.company, mike.title) == ("TheCompany", "TheJobTitle")
    assert mike.location == "New York, NY, United States"
    assert mike.urls == ["http://mikeangstadt.name"]
    assert zoe.full_name == "Zoë Brontë"


def test_an_outlook_file_saved_as_windows_1252_keeps_its_accents(tmp_path: Path) -> None:
    path = tmp_path / "outlook.csv"
    text = (FIXTURES / "outlook.csv").read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1252"))
    assert parse_contacts_csv(path).contacts[1].full_name == "Zoë Brontë"


def test_an_unknown_header_names_the_file_and_the_expected_layouts(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Nom,Prénom,Courriel\nSouza,Ana,a@x.example\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        parse_contacts_csv(path)
    message = str(caught.value)
    assert message.startswith("export.csv, line 1: no header found")
    assert "Google Contacts" in message
    assert "Outlook" in message


def test_parse_dispatches_csv() -> None:
    assert parse("csv", FIXTURES / "outlook.csv").kind == "csv"
