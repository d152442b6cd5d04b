"""Defects a QA review found in the parsers: each test failed before its fix.

An unclosed quote swallowed the rest of a CSV; a file with a header and no rows imported
"successfully"; UTF-16 without a byte-order mark was called a binary file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_contacts_csv, parse_linkedin, parse_vcard
from rapport.imports.parse.encoding import decode_bytes
from rapport.imports.parse.records import ImportFormatError

CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,"
    "E-mail 1 - Label,E-mail 1 - Value,Address 1 - Formatted,Notes\n"
)
MESSAGES_HEADER = "CONVERSATION ID,FROM,TO,DATE,SUBJECT,CONTENT\n"
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction\n"
DEFECTS = Path(__file__).parent / "fixtures" / "defects"  # how each was made: README.md there


# --- an unclosed quote -------------------------------------------------------------------


def test_an_unclosed_quote_is_an_error_at_the_line_where_the_quote_opens(tmp_path: Path) -> None:
    text = (
        CONNECTIONS_HEADER
        + "Ann,Lee,,,Acme,Eng,01 Jan 2024\n"
        + 'Bob,"Unclosed,,,Acme,Eng,02 Jan 2024\n'
        + "Cat,Ray,,,Acme,Eng,03 Jan 2024\n"
    )
    path = write(tmp_path, "Connections.csv", text)
    with pytest.raises(ImportFormatError, match="quoted field opened here is never closed") as err:
        parse_linkedin(path)
    assert (err.value.file, err.value.line) == ("Connections.csv", 3)
    assert str(err.value).startswith("Connections.csv, line 3: ")


def test_the_review_file_with_an_unclosed_quote_is_refused() -> None:
    with pytest.raises(ImportFormatError, match=r"line 3: a quoted field opened here"):
        parse_linkedin(DEFECTS / "badquote_Connections.csv")


def test_an_unclosed_quote_in_an_address_book_csv_is_an_error(tmp_path: Path) -> None:
    text = (
        GOOGLE_HEADER
        + "Ana,,Souza,Acme,CTO,Work,ana@acme.com,,\n"
        + 'Bruno,,Costa,"Globex,CEO,Work,bruno@globex.com,,\n'
        + "Carla,,Dias,Initech,,Work,carla@initech.com,,\n"
    )
    path = write(tmp_path, "contacts.csv", text)
    with pytest.raises(ImportFormatError, match=r"contacts.csv, line 3: a quoted field"):
        parse_contacts_csv(path)


def test_the_line_is_where_the_quote_opens_not_where_its_row_starts(tmp_path: Path) -> None:
    # A legitimate two-line message; a stray quote opens the next cell, on line 3.
    text = (
        MESSAGES_HEADER
        + 'c1,Ana,Bruno,2024-03-05 10:00:00 UTC,,"Hello\nthere","Bruno\n'
        + "c1,Bruno,Ana,2024-03-05 11:00:00 UTC,,Fine\n"
    )
    path = write(tmp_path, "messages.csv", text)
    with pytest.raises(ImportFormatError, match="never closed") as caught:
        parse_linkedin(path)
    assert caught.value.line == 3


def test_a_stray_quote_at_the_very_end_is_an_error_too(tmp_path: Path) -> None:
    text = CONNECTIONS_HEADER + "Ann,Lee,,,Acme,Eng,01 Jan 2024\n" + ',"'
    with pytest.raises(ImportFormatError, match=r"line 3: a quoted field opened here"):
        parse_linkedin(write(tmp_path, "Connections.csv", text))


def test_an_unclosed_quote_inside_an_export_zip_names_the_member(tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("Connections.csv", CONNECTIONS_HEADER + "Ann,Lee,,,Acme,Eng,01 Jan 2024\n")
        bundle.writestr(
            "messages.csv",
            MESSAGES_HEADER + 'c1,Ana,Bruno,2024-03-05 10:00:00 UTC,,"Hi\nc1,Bruno,Ana,x,,Yo\n',
        )
    with pytest.raises(ImportFormatError, match="never closed") as caught:
        parse_linkedin(archive)
    assert caught.value.file == "Basic_LinkedInDataExport.zip/messages.csv"
    assert caught.value.line == 2


def test_an_unclosed_quote_in_a_large_file_is_not_a_field_limit_puzzle(tmp_path: Path) -> None:
    # The rest of the file is more than csv's 131,072-character field limit.
    rows = "".join(f"Person,{n},,,Acme,Eng,01 Jan 2024\n" for n in range(6000))
    text = CONNECTIONS_HEADER + 'Bob,"Unclosed,,,Acme,Eng,02 Jan 2024\n' + rows
    with pytest.raises(ImportFormatError, match="never closed") as caught:
        parse_linkedin(write(tmp_path, "Connections.csv", text))
    assert caught.value.line == 2
    assert "field limit" not in str(caught.value)


def test_quoted_cells_over_several_lines_are_still_read(tmp_path: Path) -> None:
    messages = (
        MESSAGES_HEADER
        + 'c1,Ana,Bruno,2024-03-05 10:00:00 UTC,,"Hi Bruno,\r\n\r\nsee you ""soon"".\r\nAna"\r\n'
        + 'c1,Bruno,Ana,2024-03-05 11:00:00 UTC,,"Sure\nthing"'  # no line end at the end
    )
    source = parse_linkedin(write(tmp_path, "messages.csv", messages))
    assert [m.content for m in source.messages] == [
        'Hi Bruno,\n\nsee you "soon".\nAna',
        "Sure\nthing",
    ]
    google = (
        GOOGLE_HEADER
        + 'Ana,,Souza,Acme,CTO,Work,ana@acme.com,"1 Main St\nSpringfield\nUSA","likes\n""tea"""\n'
        + 'Bruno,,Costa,Globex,,Work,bruno@globex.com,"2 Side St\nShelbyville",\n'
    )
    contacts = parse_contacts_csv(write(tmp_path, "google.csv", google)).contacts
    assert [(c.full_name, c.notes, c.line) for c in contacts] == [
        ("Ana Souza", 'likes\n"tea"', 2),
        ("Bruno Costa", "", 6),
    ]


def test_a_cell_ending_in_a_quote_at_the_end_of_the_file_is_fine(tmp_path: Path) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [["First Name", "Last Name", "Connected On"], ["Ann", 'Lee "Junior"', "01 Jan 2024"]]
    )
    text = out.getvalue().rstrip("\n")  # the file ends right after the closing quote
    (ann,) = parse_linkedin(write(tmp_path, "Connections.csv", text)).contacts
    assert ann.full_name == 'Ann Lee "Junior"'


# --- a header and no rows ----------------------------------------------------------------


@pytest.mark.parametrize("after", ["", "\n\n", ",,,,,,\n"])
def test_connections_with_a_header_and_no_rows_is_an_error(tmp_path: Path, after: str) -> None:
    path = write(tmp_path, "Connections.csv", CONNECTIONS_HEADER + after)
    with pytest.raises(ImportFormatError, match="has a header but no rows; expected") as caught:
        parse_linkedin(path)
    assert caught.value.file == "Connections.csv"


def test_a_google_csv_with_only_a_header_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "google.csv", GOOGLE_HEADER)
    with pytest.raises(ImportFormatError, match=r"^google.csv: has a header but no rows; expected"):
        parse_contacts_csv(path)


def test_an_export_with_some_empty_files_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    write(folder, "Connections.csv", CONNECTIONS_HEADER + "Ann,Lee,,,Acme,Eng,01 Jan 2024\n")
    write(folder, "Invitations.csv", INVITATIONS_HEADER)
    write(folder, "messages.csv", MESSAGES_HEADER)
    source = parse_linkedin(folder)
    assert [c.full_name for c in source.contacts] == ["Ann Lee"]


def test_an_export_whose_files_all_have_no_rows_is_an_error(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("Connections.csv", CONNECTIONS_HEADER)
        bundle.writestr("Invitations.csv", INVITATIONS_HEADER)
    with pytest.raises(ImportFormatError, match="no rows") as caught:
        parse_linkedin(archive)
    assert caught.value.file == "export.zip"
    assert "export.zip/Connections.csv" in str(caught.value)
    assert "export.zip/Invitations.csv" in str(caught.value)


def test_rows_that_were_all_skipped_are_counted_not_refused(tmp_path: Path) -> None:
    # LinkedIn blanks members who hide their data, leaving only the date.
    text = CONNECTIONS_HEADER + ",,,,,,01 Jan 2024\n,,,,,,02 Jan 2024\n"
    source = parse_linkedin(write(tmp_path, "Connections.csv", text))
    assert (source.contacts, source.skipped) == ([], 2)


# --- UTF-16 without a byte-order mark ----------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_decoded(encoding: str) -> None:
    text = CONNECTIONS_HEADER + "Zoë,Müller,,,Société Générale,Eng,01 Jan 2024\n"
    assert decode_bytes(text.encode(encoding), "f.csv", "a CSV file") == text


def test_a_linkedin_file_in_utf16_without_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    text = CONNECTIONS_HEADER.replace(",", "\t") + "Zoë\tMüller\t\t\tAcme\tEng\t01 Jan 2024\n"
    (zoe,) = parse_linkedin(write(tmp_path, "Connections.csv", text, "utf-16-le")).contacts
    assert (zoe.full_name, zoe.company) == ("Zoë Müller", "Acme")


def test_the_review_utf16_file_is_read() -> None:
    people = {c.full_name for c in parse_linkedin(DEFECTS / "utf16nobom_Connections.csv").contacts}
    assert {"Ana Souza", "José García Núñez", "Jane Smith, PhD"} <= people


def test_utf16_cut_short_mid_character_keeps_the_rest() -> None:
    data = "Name\nAna\nBruno\n".encode("utf-16-le")[:-1]
    assert decode_bytes(data, "f.csv", "a CSV file") == "Name\nAna\nBruno"


def test_utf16_shaped_bytes_that_do_not_decode_say_so() -> None:
    data = "Name\nAna\n".encode("utf-16-le") + b"\x00\xd8A\x00"  # a lone high surrogate
    with pytest.raises(ImportFormatError, match=r"UTF-16 without a byte-order mark.*UTF-8"):
        decode_bytes(data, "f.csv", "a CSV file")


@pytest.mark.parametrize(
    "data",
    [b"First\x00Name", bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 50],
)
def test_binary_files_are_still_binary(data: bytes) -> None:
    with pytest.raises(ImportFormatError, match="binary file"):
        decode_bytes(data, "f.csv", "a CSV file")


def test_a_preference_written_in_a_digit_int_cannot_read_is_no_crash(tmp_path: Path) -> None:
    # "PREF=²": str.isdigit() says yes, int() says no; the card is read, its PREF ignored.
    text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Souza\r\nTEL;PREF=\u00b2:+1 555 0100\r\n"
    text += "END:VCARD\r\n"
    path = tmp_path / "pref.vcf"
    path.write_text(text, encoding="utf-8")
    (person,) = parse_vcard(path).contacts
    assert person.phones == ["+1 555 0100"]
