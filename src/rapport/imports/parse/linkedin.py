"""LinkedIn's "Get a copy of your data": the .zip as downloaded, its folder, or one CSV.

Files are recognised by their header row (found below any preamble), so a renamed or
re-saved file still works; files Rapport does not read are ignored.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from rapport.imports.parse.common import display_name, skips_told, warn, warn_not_utf8
from rapport.imports.parse.contacts_csv import address_book_layout
from rapport.imports.parse.encoding import require_file
from rapport.imports.parse.linkedin_messages import recipients_resolve
from rapport.imports.parse.linkedin_others import other_linkedin_file
from rapport.imports.parse.linkedin_tables import EXPECTED, read_table, recognise
from rapport.imports.parse.records import ImportFormatError, ParsedSource
from rapport.imports.parse.streams import Lines, Opener, file_opener, text_lines
from rapport.imports.parse.tabular import HEADER_SCAN, find_table
from rapport.imports.parse.zipped import DOWNLOAD_AGAIN, ZIP_ERRORS, member_opener

EXPECTED_INPUT = f"a LinkedIn export (the .zip, its folder, or one of {EXPECTED})"
_KNOWN_NAMES = frozenset({"connections.csv", "messages.csv", "invitations.csv", "positions.csv"})


def parse_linkedin(path: Path) -> ParsedSource:
    """Read a LinkedIn export. ImportFormatError if nothing in it is a file Rapport reads."""
    source, file = ParsedSource(kind="linkedin"), display_name(path)
    require_file(path, file, EXPECTED_INPUT, folder_ok=True)
    alone = False
    if path.is_dir():
        members = _folder_members(path)
    elif _looks_like_zip(path):
        members = _zip_members(path, file, source)
    else:
        members, alone = iter([(file, file_opener(path))]), True
    for name, opener in members:
        _read_member(name, opener, source, alone=alone)
    recipients_resolve(source)  # after every file: the names connections go by help
    if not source.files:
        message = f"holds none of the LinkedIn files Rapport reads; expected {EXPECTED}"
        raise ImportFormatError(message, file=file)
    if not (source.contacts or source.messages or source.invitations or source.positions):
        _require_rows(source, file)
    skips_told(source)
    return source


def _require_rows(source: ParsedSource, file: str) -> None:
    """ImportFormatError when the files read hold nothing but their header: importing that
    would make an empty import. Rows that were all left out (a member who hides their data
    leaves only the date) were rows: they are counted and reported instead."""
    if source.skipped:
        return
    expected = "expected at least one connection, message, invitation or position"
    if len(source.files) == 1:
        message = f"has a header but no rows; {expected} below it"
        raise ImportFormatError(message, file=source.files[0])
    names = ", ".join(source.files)
    message = f"its files ({names}) each have a header but no rows; {expected} in them"
    raise ImportFormatError(message, file=file)


def _read_member(name: str, opener: Opener, source: ParsedSource, *, alone: bool) -> None:
    """Read one CSV; `alone` when the user chose this very file, so it must be one we know."""
    basename = PurePosixPath(name).name.casefold()
    known = alone or basename in _KNOWN_NAMES
    if not alone and ("coach" in basename or basename.startswith("learning")):
        return  # chats with LinkedIn's AI coaches share messages.csv's header
    try:
        lines = text_lines(opener, name, "a CSV file")
        blank = lines.blank()
    except ImportFormatError:
        if known:
            raise
        return
    if blank:
        if alone:
            raise ImportFormatError(f"is empty; expected {EXPECTED}", file=name)
        if known:  # nothing to read, but the rest of the export still is
            warn(source, name, None, "is empty; skipped")
        return
    found = find_table(lines, name, recognise)
    if found is None:
        if alone:
            _refuse_other_kind(lines, name)
        if known:
            message = f"no header found in the first {HEADER_SCAN} lines; expected {EXPECTED}"
            raise ImportFormatError(message, file=name, line=1)
        return
    kind, table = found
    source.files.append(name)
    warn_not_utf8(source, name, *lines.not_utf8)
    read_table(kind, table, source)


def _refuse_other_kind(lines: Lines, name: str) -> None:
    """ImportFormatError saying which import a file chosen alone is for, if it is an address
    book (a vCard, or a CSV such as the Outlook-format file LinkedIn exported before 2016)."""
    if lines.head(1024).lstrip()[:11].upper() == "BEGIN:VCARD":
        message = "is a vCard file, not a LinkedIn export: import it as a vCard (.vcf)"
        raise ImportFormatError(f"{message}; expected {EXPECTED}", file=name, line=1)
    if other := other_linkedin_file(lines, name):
        what, table = other
        message = f"is LinkedIn's {what}, a file Rapport does not read"
        raise ImportFormatError(
            f"{message}; expected {EXPECTED}", file=name, line=table.header_line
        )
    if found := find_table(lines, name, address_book_layout):
        layout, table = found
        message = (
            f"is an address book ({layout} CSV), not a LinkedIn export: import it as a contacts CSV"
        )
        raise ImportFormatError(
            f"{message}; expected {EXPECTED}", file=name, line=table.header_line
        )


def _folder_members(folder: Path) -> Iterator[tuple[str, Opener]]:
    paths = [p for p in folder.rglob("*") if p.suffix.casefold() == ".csv" and p.is_file()]
    for path in sorted(paths, key=lambda p: p.relative_to(folder).as_posix()):
        relative = path.relative_to(folder)
        if _is_junk(PurePosixPath(relative.as_posix())):
            continue
        name = f"{display_name(folder)}/{relative.as_posix()}"
        yield name, file_opener(path)


def _looks_like_zip(path: Path) -> bool:
    if path.suffix.casefold() == ".zip":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4) in (b"PK\x03\x04", b"PK\x05\x06")
    except OSError:
        return False  # reading it will say why


def _zip_members(path: Path, file: str, source: ParsedSource) -> Iterator[tuple[str, Opener]]:
    try:
        archive = zipfile.ZipFile(path)
    except ZIP_ERRORS:
        message = "is not a complete zip archive (it may still be downloading or was cut short)"
        raise ImportFormatError(f"{message}; {DOWNLOAD_AGAIN}", file=file) from None
    with archive:
        if "xl/workbook.xml" in archive.namelist():  # Connections.csv saved from Excel
            message = (
                "is an Excel workbook (.xlsx), not a LinkedIn export: in Excel, save it as "
                '"CSV UTF-8 (Comma delimited)" and import that'
            )
            raise ImportFormatError(f"{message}; expected {EXPECTED}", file=file)
        wanted = [info for info in archive.infolist() if _wanted(info)]
        source.exported_on = _written_on(wanted)
        for info in sorted(wanted, key=lambda i: i.filename):
            name = f"{file}/{info.filename}"
            yield name, member_opener(archive, info, name)


def _written_on(members: list[zipfile.ZipInfo]) -> dt.date | None:
    """The day LinkedIn wrote the export, from its files' dates in the zip (None if unsure)."""
    days = []
    for info in members:
        try:
            day = dt.date(*info.date_time[:3])
        except ValueError:
            continue
        if _LINKEDIN_FOUNDED <= day <= dt.date.today():
            days.append(day)
    return max(days, default=None)


_LINKEDIN_FOUNDED = dt.date(2003, 5, 5)  # an earlier date is a zip tool's default, 1980


def _wanted(info: zipfile.ZipInfo) -> bool:
    if not info.filename:  # a name that starts with NUL, which zipfile cuts off there
        return False
    member = PurePosixPath(info.filename)
    return not info.is_dir() and member.suffix.casefold() == ".csv" and not _is_junk(member)


def _is_junk(member: PurePosixPath) -> bool:
    # macOS adds __MACOSX/ and "._name" resource forks when it zips a folder.
    return "__MACOSX" in member.parts or member.name.startswith(".")
