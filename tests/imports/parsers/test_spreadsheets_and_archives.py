"""A file that is not text is refused saying what it is when its first bytes tell: an Excel
workbook (a contacts export or Connections.csv opened and saved in Excel), or a zip archive
holding the export (Google Takeout). Each says what to do instead."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from rapport.imports.parse import parse_contacts_csv, parse_linkedin, parse_vcard
from rapport.imports.parse.records import ImportFormatError

SAVE_AS = 'in Excel, save it as "CSV UTF-8 (Comma delimited)" and import that'


def zipped(path: Path, members: dict[str, str]) -> Path:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    path.write_bytes(data.getvalue())
    return path


def workbook(path: Path) -> Path:
    # The members every .xlsx starts with (Office Open XML), in Excel's order.
    return zipped(
        path,
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            "xl/workbook.xml": "<workbook/>",
            "xl/worksheets/sheet1.xml": "<worksheet/>",
        },
    )


@pytest.mark.parametrize("parse", [parse_contacts_csv, parse_vcard])
def test_an_excel_workbook_is_refused_saying_to_save_it_as_csv(
    tmp_path: Path, parse: Callable[[Path], object]
) -> None:
    path = workbook(tmp_path / "contacts.xlsx")
    with pytest.raises(ImportFormatError, match=r"is an Excel workbook \(\.xlsx\), not text"):
        parse(path)


def test_connections_saved_as_a_workbook_is_no_linkedin_export(tmp_path: Path) -> None:
    path = workbook(tmp_path / "Connections.xlsx")
    with pytest.raises(ImportFormatError) as refused:
        parse_linkedin(path)
    assert "is an Excel workbook (.xlsx), not a LinkedIn export" in str(refused.value)
    assert SAVE_AS in str(refused.value)


def test_an_old_excel_file_is_refused_saying_to_save_it_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "contacts.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    with pytest.raises(ImportFormatError) as refused:
        parse_contacts_csv(path)
    assert "is an Excel 97-2003 workbook (.xls)" in str(refused.value)
    assert SAVE_AS in str(refused.value)


@pytest.mark.parametrize("parse", [parse_contacts_csv, parse_vcard])
def test_a_zip_archive_is_refused_saying_to_unzip_it(
    tmp_path: Path, parse: Callable[[Path], object]
) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEND:VCARD\r\n"
    path = zipped(tmp_path / "takeout.zip", {"Takeout/Contacts/All Contacts.vcf": card})
    with pytest.raises(ImportFormatError, match="is a zip archive, not text: unzip it"):
        parse(path)
