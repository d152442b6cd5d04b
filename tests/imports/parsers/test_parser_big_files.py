"""Big files are read as streams: a zip bomb is refused before its members are read, a
long field gets its true message, and rows far past the first megabyte are all read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_contacts_csv, parse_linkedin
from rapport.imports.parse.records import ImportFormatError
from rapport.imports.parse.streams import Lines
from rapport.imports.parse.tabular import row_end

CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,"
    "E-mail 1 - Label,E-mail 1 - Value,Address 1 - Formatted,Notes\n"
)


def _bomb(path: Path, members: dict[str, int]) -> Path:
    """A zip whose members are a header and `size` bytes of rows padded with spaces."""
    row = "Ana,Souza,,,Acme," + " " * 50_000 + ",01 Jan 2024\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, size in members.items():
            with archive.open(name, "w") as member:
                member.write(CONNECTIONS_HEADER.encode())
                for _ in range(size // len(row)):
                    member.write(row.encode())
    return path


def test_a_zip_member_that_expands_a_thousand_times_is_refused_by_name(tmp_path: Path) -> None:
    archive = _bomb(tmp_path / "export.zip", {"Connections.csv": 20_000_000})
    assert archive.stat().st_size < 200_000
    with pytest.raises(ImportFormatError, match="more than 100 times") as caught:
        parse_linkedin(archive)
    assert caught.value.file == "export.zip/Connections.csv"
    assert "not a LinkedIn export file" in str(caught.value)


def test_a_small_member_may_compress_well(tmp_path: Path) -> None:
    # Under 8 MB nothing is said about the ratio: a short file of repeated rows is fine.
    archive = _bomb(tmp_path / "export.zip", {"Connections.csv": 2_000_000})
    source = parse_linkedin(archive)
    assert len(source.contacts) == 2_000_000 // 50_037
    assert source.contacts[0].full_name == "Ana Souza"


def test_a_correctly_quoted_10_mb_field_is_called_long_not_unclosed(tmp_path: Path) -> None:
    note = 'a long "note" ' * 750_000  # 10.5 million characters, quotes inside
    quoted = note.replace('"', '""')
    text = (
        GOOGLE_HEADER
        + "Ana,,Souza,Acme,CTO,Work,ana@acme.com,,\n"
        + f'Bruno,,Costa,Globex,,Work,bruno@globex.com,"1 Side St\nLeeds","{quoted}\nend"\n'
        + "Carla,,Dias,Initech,,Work,carla@initech.com,,\n"
    )
    with pytest.raises(ImportFormatError) as caught:
        parse_contacts_csv(write(tmp_path, "contacts.csv", text))
    message = str(caught.value)
    assert caught.value.line == 3
    assert f"holds {len(quoted) + 6:,} characters" in message
    assert "the row ends on line 5" in message
    assert "more than the 131,072 Rapport reads in one field" in message
    assert "never closed" not in message


def test_a_quote_left_open_in_a_big_file_is_found_where_it_opens(tmp_path: Path) -> None:
    rows = "".join(f"Person,{n},,,Acme,Eng,01 Jan 2024\n" for n in range(10_000))
    text = CONNECTIONS_HEADER + rows + 'Bob,"Unclosed,,,Acme,Eng,02 Jan 2024\n' + rows
    with pytest.raises(ImportFormatError, match="never closed") as caught:
        parse_linkedin(write(tmp_path, "Connections.csv", text))
    assert caught.value.line == 10_002
    assert "(10001 line(s))" in str(caught.value)


def test_rows_far_past_the_first_megabyte_are_all_read(tmp_path: Path) -> None:
    rows = [f"Ana{n},,Souza,Acme,CTO,Work,ana{n}@acme.com,,\n" for n in range(60_000)]
    path = write(tmp_path, "contacts.csv", GOOGLE_HEADER + "".join(rows))
    assert path.stat().st_size > 2 * 1024 * 1024
    contacts = parse_contacts_csv(path).contacts
    assert len(contacts) == 60_000
    assert (contacts[-1].full_name, contacts[-1].line) == ("Ana59999 Souza", 60_001)


def test_a_utf16_export_is_read_as_a_stream_too(tmp_path: Path) -> None:
    rows = "".join(f"Zoë{n}\tLee\t\t\tAcme\tEng\t01 Jan 2024\r\n" for n in range(30_000))
    text = CONNECTIONS_HEADER.replace(",", "\t") + rows
    source = parse_linkedin(write(tmp_path, "Connections.csv", text, encoding="utf-16"))
    assert len(source.contacts) == 30_000
    assert source.contacts[-1].full_name == "Zoë29999 Lee"


def test_the_row_end_reader_agrees_with_csv_on_quotes_across_pieces() -> None:
    # '""' split over two pieces is one quote inside the field, not its end.
    end = row_end(['a,"b "', '" c\n', 'd",e\n', "next\n"], ",")
    assert (end.closed, end.breaks, end.longest) == (True, 1, 10)
    still_open = row_end(['a,"b\n', "c,d\n", "e"], ",")
    assert (still_open.closed, still_open.quote_breaks, still_open.quote_lines) == (False, 0, 3)


def test_lines_keep_their_head_for_a_second_look_and_then_stream() -> None:
    text = "".join(f"line {n}\n" for n in range(300_000))
    lines = Lines.of_text(text)
    assert lines.head(13) == "line 0\nline 1"
    assert sum(1 for _ in lines.replay()) == 300_000
    with pytest.raises(RuntimeError):
        next(lines.replay())
