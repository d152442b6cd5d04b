"""Cells that say a value is missing rather than hold one: R's write.csv "NA", Excel's
"#N/A", pandas' "NaN", SQL's "NULL". Read as empty, with one warning a file, in contacts CSVs
and LinkedIn exports alike: nobody works at "NA", and no one's title is "#N/A"."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_contacts_csv, parse_linkedin
from rapport.imports.parse.tabular import PLACEHOLDERS

HEADER = "First Name,Last Name,E-mail Address,Company"
R_WRITE_CSV = (  # write.csv(contacts, row.names = FALSE): strings quoted, NA bare
    '"First Name","Last Name","E-mail Address","Company","Job Title","Notes"\n'
    '"Ana","Souza","ana@example.com",NA,NA,NA\n'
    '"Bo","Na",NA,"NASA","Engineer","N/A is what she wrote"\n'
    '"Carl","Ng","carl@example.com","#N/A","NULL","None"\n'
)


def test_placeholder_cells_of_a_contacts_csv_are_read_as_empty_and_told(tmp_path: Path) -> None:
    source = parse_contacts_csv(write(tmp_path, "contacts.csv", R_WRITE_CSV))
    people = [(c.full_name, c.emails, c.company, c.title, c.notes) for c in source.contacts]
    assert people == [
        ("Ana Souza", ["ana@example.com"], "", "", "NA"),  # a note is kept as written
        ("Bo Na", [], "NASA", "Engineer", "N/A is what she wrote"),  # "Na": a family name
        ("Carl Ng", ["carl@example.com"], "", "", "None"),
    ]
    assert source.warnings == [
        'contacts.csv, line 2: 5 cells holding "NA" or the like read as empty: '
        "spreadsheets and data tools write it for a missing value (first here)"
    ]


def test_a_row_of_placeholders_only_is_skipped_like_a_blank_one(tmp_path: Path) -> None:
    text = f"{HEADER}\nNA,NA,NA,NA\nAna,Souza,ana@example.com,Acme\n"
    source = parse_contacts_csv(write(tmp_path, "contacts.csv", text))
    assert [c.full_name for c in source.contacts] == ["Ana Souza"]
    assert source.skipped == 1
    assert source.warnings[-1].startswith('contacts.csv, line 2: 4 cells holding "NA"')


def test_a_linkedin_messages_file_keeps_what_its_messages_say(tmp_path: Path) -> None:
    # Its names and links are read without "NA"; a message that says "N/A" says it.
    text = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
        "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
        "2-abc,NA,Ana Souza,https://www.linkedin.com/in/ana-souza,Me,NA,"
        "2024-02-21 10:21:20 UTC,NA,N/A,INBOX\n"
    )
    source = parse_linkedin(write(tmp_path, "messages.csv", text))
    (message,) = source.messages
    assert (message.subject, message.content, message.recipients) == ("NA", "N/A", [("Me", "")])
    assert source.warnings == [
        'messages.csv, line 2: 2 cells holding "NA" or the like read as empty: '
        "spreadsheets and data tools write it for a missing value (first here)"
    ]


@pytest.mark.parametrize("cell", ["Na", "NASA", "n.a.", " NA", "nil", "-", "none of them"])
def test_a_value_that_only_looks_like_a_placeholder_is_kept(tmp_path: Path, cell: str) -> None:
    assert cell not in PLACEHOLDERS
    text = f'{HEADER}\nAna,Souza,ana@example.com,"{cell}"\n'
    source = parse_contacts_csv(write(tmp_path, "contacts.csv", text))
    assert [c.company for c in source.contacts] == [cell.strip()]
    assert source.warnings == []
