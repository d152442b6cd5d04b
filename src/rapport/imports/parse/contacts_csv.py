"""Address-book CSV exports: Google Contacts (current and older layouts), Outlook, Thunderbird.

The layout is recognised from the header. Google's repeated groups ("E-mail 3 - Value")
grow with the export, and one cell may hold several values joined by " ::: ".
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rapport.core.text import fold
from rapport.imports.parse.common import (
    clean,
    contact_label,
    display_name,
    email_addresses,
    in_reading_order,
    known_label,
    multiline,
    names_no_one,
    not_an_address,
    profile_url,
    skip,
    stable_key,
    unique,
    warn,
    warn_not_utf8,
)
from rapport.imports.parse.linkedin_others import other_linkedin_file
from rapport.imports.parse.linkedin_tables import recognise as recognise_linkedin
from rapport.imports.parse.outlook_headers import in_english, repeated_columns
from rapport.imports.parse.records import (
    CompanyRecord,
    ContactRecord,
    ImportFormatError,
    ParsedSource,
)
from rapport.imports.parse.streams import Lines, file_lines
from rapport.imports.parse.tabular import HEADER_SCAN, Row, Table, find_table

_MULTI = " ::: "
# A file this big (about 250,000 rows of Google's layout) is read again rather than held.
REREAD_FROM = 32 * 1024 * 1024
_NOT_A_PERSONAL_PHONE = re.compile(r"fax|pager|assistant", re.IGNORECASE)
# A column Rapport does not read whose name says it holds phone numbers: its numbers are
# told as left out. Not Outlook's lines that are no one's own (radio, telex, callback…).
_PHONE_COLUMN = re.compile(r"\b(phone|mobile|cell|tel|telephone)\b")
_NO_ONES_PHONE = re.compile(r"fax|pager|assistant|radio|telex|tty|isdn|callback|company main")


@dataclass(frozen=True)
class _Layout:
    """Where each field lives: a regex over header_key column names (fullmatch)."""

    name: str
    required: frozenset[str]
    full_name: str
    first: str
    middle: str
    last: str
    suffix: str
    emails: str  # e.g. "e-mail (\d+) - value": the group's label column is found by number
    phones: str
    company: str
    title: str
    websites: str
    city: str
    region: str
    country: str
    notes: str = "notes"
    # The name a row goes by when it has no other (Google shows a contact with only a
    # nickname by it): before its company, e-mail or phone.
    nickname: str = "nickname"


_GOOGLE_EMAILS = r"e-mail \d+ - value"
_GOOGLE_PHONES = r"phone \d+ - value"
_GOOGLE_WEBSITES = r"website \d+ - value"
_LAYOUTS = (
    _Layout(
        name="Google Contacts (First Name, Middle Name, Last Name, …, E-mail 1 - Value, …)",
        required=frozenset({"first name", "last name", "organization name"}),
        full_name="",
        first="first name",
        middle="middle name",
        last="last name",
        suffix="name suffix",
        emails=_GOOGLE_EMAILS,
        phones=_GOOGLE_PHONES,
        company="organization name",
        title="organization title",
        websites=_GOOGLE_WEBSITES,
        city=r"address \d+ - city",
        region=r"address \d+ - region",
        country=r"address \d+ - country",
    ),
    _Layout(
        name="older Google Contacts (Name, Given Name, Additional Name, Family Name, …)",
        required=frozenset({"name", "given name", "family name"}),
        full_name="name",
        first="given name",
        middle="additional name",
        last="family name",
        suffix="name suffix",
        emails=_GOOGLE_EMAILS,
        phones=_GOOGLE_PHONES,
        company=r"organization \d+ - name",
        title=r"organization \d+ - title",
        websites=_GOOGLE_WEBSITES,
        city=r"address \d+ - city",
        region=r"address \d+ - region",
        country=r"address \d+ - country",
    ),
    _Layout(
        name='Outlook ("First Name","Middle Name","Last Name",…,"E-mail Address",…)',
        required=frozenset({"first name", "last name", "e-mail address"}),
        # Outlook Express, Windows Mail and Windows Live Mail write Outlook's columns with
        # the name shown ("Name", after "Middle Name"): a contact may have only that.
        full_name="name",
        first="first name",
        middle="middle name",
        last="last name",
        suffix="suffix",
        emails=r"e-mail( \d+)? address",
        # Not "Company Main Phone", "Assistant's Phone" or faxes: not this person's line.
        phones=r"(mobile|business|home|primary|other|car) phone( \d+)?",
        company="company",
        title="job title|profession",  # "Profession": its own field, when no job title
        # Outlook's "Web Page"; Outlook.com's and Outlook Express's personal and business ones.
        websites="((personal|business) )?web page",
        city="(business|home|other) city",
        region="(business|home|other) state",
        # Outlook 2003 and earlier (and LinkedIn's old Outlook-format export) said "Country".
        country="(business|home|other) country(/region)?",
    ),
    _Layout(
        name="Thunderbird (First Name, Last Name, Display Name, …, Primary Email, …)",
        required=frozenset({"first name", "last name", "display name", "primary email"}),
        full_name="display name",
        first="first name",
        middle="",
        last="last name",
        suffix="",
        emails="(primary|secondary) email",
        phones="(work|home) phone|mobile number",
        company="organization",
        title="job title",
        websites=r"web page \d+",
        city="(work|home) city",
        region="(work|home) state",
        country="(work|home) country",
    ),
)
_OUTLOOK = next(layout for layout in _LAYOUTS if layout.name.startswith("Outlook"))
EXPECTED_LAYOUTS = "; ".join(layout.name for layout in _LAYOUTS) + (
    "; Outlook in German, French, Spanish, Italian, Dutch, Portuguese or Russian"
)


def parse_contacts_csv(path: Path) -> ParsedSource:
    """Contacts from an address-book CSV, its layout recognised from the header.

    A file of REREAD_FROM bytes or more is not read here: its records are read from the
    file as the import goes (`ParsedSource.reread`), rather than all held at once.
    """
    file = display_name(path)
    source = ParsedSource(kind="csv", files=[file])
    if path.is_file() and path.stat().st_size >= REREAD_FROM:
        source.reread = partial(_contacts_reread, path, _stamp(path))
        return source
    source.contacts.extend(_contacts_read(path, source))
    return source


def _contacts_reread(
    path: Path, stamp: tuple[int, int], source: ParsedSource
) -> Iterator[ContactRecord]:
    """`_contacts_read`, refused if the file has changed since it was first looked at: the
    import reads it twice, and the second reading must give the records the first did."""
    _same_file(path, stamp)
    yield from _contacts_read(path, source)
    _same_file(path, stamp)


def _stamp(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_size, found.st_mtime_ns


def _same_file(path: Path, stamp: tuple[int, int]) -> None:
    try:
        same = _stamp(path) == stamp
    except OSError:
        same = False
    if not same:
        message = "changed while it was being imported; nothing was imported: import it again"
        raise ImportFormatError(message, file=display_name(path))


def _contacts_read(path: Path, source: ParsedSource) -> Iterator[ContactRecord]:
    """The file's contacts, one by one; its organisations' own rows, the rows skipped and
    the warnings go to `source`."""
    file = display_name(path)
    lines = file_lines(path, file, f"a contacts CSV: {EXPECTED_LAYOUTS}")
    found = find_table(lines, file, _recognise)
    if found is None:
        raise _no_header(lines, file)
    (layout, english), table = found
    if english:  # a localized Outlook header: its columns by their English names
        named: dict[str, int] = {}
        for name, index in table.columns.items():
            named.setdefault(english.get(name, name), index)
        named |= repeated_columns(table.header)  # French's second "Titre": the job title
        table.columns = named
    columns = _Columns(layout, table)
    warn_not_utf8(source, file, *lines.not_utf8)
    contacts = 0
    for line, row in table.rows(free_text=columns.notes):
        if organisation := columns.organisation(row, line, file):
            source.companies.append(organisation)
        elif contact := columns.contact(row, line, file):
            contacts += 1
            yield contact
        else:
            skip(source, "contacts")
    columns.told_not_addresses(source, file)
    columns.told_left_out(source, file, layout.name.split(" (", 1)[0])
    if told := table.placeholders_told():
        warn(source, file, *told)
    # Rows all left out are counted instead.
    if not (contacts or source.companies or source.skipped):
        message = "has a header but no rows; expected at least one contact below it"
        raise ImportFormatError(message, file=file)


def _recognise(names: frozenset[str]) -> tuple[_Layout, dict[str, str]] | None:
    """The layout of a header, and the English names of its columns if Outlook wrote them
    in another language (see outlook_headers)."""
    layout = next((layout for layout in _LAYOUTS if layout.required <= names), None)
    if layout is not None:
        return layout, {}
    if localized := in_english(names):
        return _OUTLOOK, localized[1]
    return None


def address_book_layout(names: frozenset[str]) -> str | None:
    """The address book a header is from ("Outlook", "Google Contacts"), or None: for
    another importer to say which import a file is for."""
    found = _recognise(names)
    return found[0].name.split(" (", 1)[0] if found else None


def _no_header(lines: Lines, file: str) -> ImportFormatError:
    """The error for a file with no known header, saying which import it is for if we can."""
    expected = f"expected one of these layouts: {EXPECTED_LAYOUTS}"
    if lines.head(1024).lstrip()[:11].upper() == "BEGIN:VCARD":
        message = "is a vCard file, not a CSV: import it as a vCard (.vcf)"
        return ImportFormatError(f"{message}; {expected}", file=file, line=1)
    if linkedin := find_table(lines, file, recognise_linkedin):
        kind, table = linkedin
        message = f"is LinkedIn's {kind} file, not an address book: import it as a LinkedIn export"
        return ImportFormatError(f"{message}; {expected}", file=file, line=table.header_line)
    if other := other_linkedin_file(lines, file):
        what, table = other
        message = f"is LinkedIn's {what}, which Rapport does not read: {_VCARD_INSTEAD}"
        return ImportFormatError(f"{message}; {expected}", file=file, line=table.header_line)
    message = f"no header found in the first {HEADER_SCAN} lines; {expected}"
    return ImportFormatError(f"{message}; {_seen(lines.head(65536))}", file=file, line=1)


_OUTLOOK_COLUMNS = 60  # Outlook's export has some 90 columns, in any language; others far fewer
_VCARD_INSTEAD = (
    "export your contacts as a vCard file (.vcf) instead (Outlook: select the contacts, then "
    "File > Save As > vCard; Google and Apple Contacts: Export > vCard) and import that"
)


def _seen(text: str) -> str:
    """What the file's first line looks like, and the export to make instead."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count)
    names = [name.strip() for name in next(csv.reader([first], delimiter=delimiter), [])]
    names = [name for name in names if name]
    shown = ", ".join(f'"{name}"' for name in names[:4]) + (", …" if len(names) > 4 else "")
    if len(names) >= _OUTLOOK_COLUMNS:
        layout = (
            f"Outlook's export in a language Rapport cannot read ({len(names)} columns: {shown})"
        )
    elif names:
        layout = f"a table of {len(names)} column(s) Rapport does not know ({shown})"
    else:
        layout = "no table"
    return f"found {layout}: {_VCARD_INSTEAD}"


class _Columns:
    """A layout resolved against one file's header: column indices for each field."""

    def __init__(self, layout: _Layout, table: Table) -> None:
        self.full_name, self.first = _find(table, layout.full_name), _find(table, layout.first)
        self.middle, self.last = _find(table, layout.middle), _find(table, layout.last)
        self.suffix, self.notes = _find(table, layout.suffix), _find(table, layout.notes)
        self.nickname = _find(table, layout.nickname)
        self.company, self.title = _find(table, layout.company), _find(table, layout.title)
        self.emails, self.websites = _find(table, layout.emails), _find(table, layout.websites)
        self.phones = [i for i in _find(table, layout.phones) if not _is_fax(table, i)]
        self.phone_labels = {i: _label_column(table, i) for i in self.phones}
        # A column's own label: Outlook's "Mobile Phone", Thunderbird's "Work Phone".
        names = {i: name for name, i in table.columns.items()}
        self.column_labels = {i: known_label(names[i].split()) for i in self.emails + self.phones}
        self.label_columns = {i: _label_column(table, i) for i in self.emails + self.phones}
        self.place = [_find(table, p) for p in (layout.city, layout.region, layout.country)]
        # Outlook's "Company Main Phone": no person's line, but a company's own row's.
        self.switchboards = _find(table, "company main phone")
        # E-mail fields with text but no address (Outlook's Exchange "/o=…/cn=…"): how
        # many, and the first's line and text, for one warning.
        self.not_addresses: tuple[int, int, str] = (0, 0, "")
        # Columns of this file the layout does not read ("Email" beside Google's columns):
        # the e-mail addresses and phone numbers found in them are told as left out.
        read = {
            *self.full_name, *self.first, *self.middle, *self.last, *self.suffix,
            *self.notes, *self.nickname, *self.company, *self.title, *self.emails,
            *self.websites, *self.phones, *self.switchboards, *(i for p in self.place for i in p),
            *(i for i in self.label_columns.values() if i is not None),
        }  # fmt: skip
        self.column_names = names
        self.unread = sorted(set(names) - read)
        self.unread_phones = {
            i for i in self.unread
            if _PHONE_COLUMN.search(names[i]) and not _NO_ONES_PHONE.search(names[i])
        }  # fmt: skip
        self.left_out: dict[int, tuple[int, int]] = {}  # column: (rows, first line)

    def contact(self, row: Row, line: int, file: str) -> ContactRecord | None:
        first, last = _first(row, self.first), _first(row, self.last)
        emails = self._emails(row, line)
        phones = [p for i in self.phones if self._personal(row, i) for p in _values(row, [i])]
        phones = [p for p in phones if any(char.isdigit() for char in p)]
        company = _one(row, self.company)
        written = _first(row, self.full_name)  # Thunderbird's Display Name, Google's Name
        full_name = (
            written
            or self._built_name(row)
            or _first(row, self.nickname)
            or company
            or next(iter(emails + phones), "")
        )
        if not full_name:
            return None
        self._note_left_out(row, line, emails, phones)
        if written and (built := self._built_name(row)) and names_no_one(written):
            full_name = built  # Thunderbird's Display Name "ana@example.com"
        elif written:  # "Wurst, Hans", a list's order: "Hans Wurst"
            full_name = in_reading_order(
                written, last, first, f"{first} {_first(row, self.middle)}"
            )
        linkedin_url, urls = _links(_values(row, self.websites))
        return ContactRecord(
            source_key=_row_key(written or full_name, emails, phones),
            line=line,
            full_name=full_name,
            first_name=first,
            last_name=last,
            emails=unique(emails),
            phones=unique(phones),
            urls=urls,
            linkedin_url=linkedin_url,
            company=company,
            title=_one(row, self.title),
            location=", ".join(p for p in (_one(row, c) for c in self.place) if p),
            notes=_first(row, self.notes, keep_lines=True),
            file=file,
            labels=self._labels(row),
        )

    def organisation(self, row: Row, line: int, file: str) -> CompanyRecord | None:
        """A row with a company and no person's name: the company's own entry."""
        company = _one(row, self.company)
        full_name = _first(row, self.full_name)
        if not company or self._built_name(row) or _first(row, self.nickname):
            return None
        if full_name and fold(full_name) != fold(company):
            return None
        phones = _values(row, self.switchboards)
        phones += [p for i in self.phones if self._personal(row, i) for p in _values(row, [i])]
        linkedin, urls = _links(_values(row, self.websites))
        return CompanyRecord(
            line=line,
            name=company,
            phones=unique([p for p in phones if any(char.isdigit() for char in p)]),
            urls=unique([u for u in [*urls, linkedin] if u]),
            emails=unique(self._emails(row, line)),
            notes=_first(row, self.notes, keep_lines=True),
            file=file,
        )

    def _emails(self, row: Row, line: int) -> list[str]:
        """The row's e-mail addresses, noting the fields that hold none (not_addresses)."""
        values = _values(row, self.emails)
        for value in values:
            if shown := not_an_address(value):
                count, first, text = self.not_addresses
                self.not_addresses = (count + 1, first or line, text or shown)
        return [address for value in values for address in email_addresses(value)]

    def _note_left_out(self, row: Row, line: int, emails: list[str], phones: list[str]) -> None:
        """Note the unread columns of this row that hold an e-mail address or (a column
        named for phones) a number the row's own columns do not."""
        for index in self.unread:
            cell = row[index] if index < len(row) else ""
            if not cell:
                continue
            if index in self.unread_phones:
                found = re.sub(r"\D", "", cell)
                own_digits = {re.sub(r"\D", "", phone) for phone in phones}
                missed = len(found) >= 3 and found not in own_digits
            elif "@" in cell:
                own = {email.casefold() for email in emails}
                missed = any(a.casefold() not in own for a in _bare_addresses(cell))
            else:
                continue
            if missed:
                rows, first = self.left_out.get(index, (0, line))
                self.left_out[index] = (rows + 1, first)

    def told_left_out(self, source: ParsedSource, file: str, layout: str) -> None:
        for index, (rows, first) in self.left_out.items():
            what = "phone numbers" if index in self.unread_phones else "e-mail addresses"
            where = f"{rows} rows, first at line {first}" if rows > 1 else f"line {first}"
            message = (
                f'column "{self.column_names[index]}" holds {what} ({where}), left out: the '
                f"file was read in the layout of {layout}, which has no column of that name"
            )
            warn(source, file, None, message)

    def told_not_addresses(self, source: ParsedSource, file: str) -> None:
        count, line, shown = self.not_addresses
        if count:
            fields = "1 e-mail field holds" if count == 1 else f"{count} e-mail fields hold"
            message = f'{fields} no e-mail address, left out (first: "{shown}")'
            warn(source, file, line, message)

    def _labels(self, row: Row) -> dict[str, str]:
        """{email or number: label}: Google's "E-mail 1 - Label" ("* Work"), else the
        column's own name."""
        found: dict[str, str] = {}
        for index in self.emails + self.phones:
            column = self.label_columns[index]
            written = _cell(row, column).split(_MULTI)[-1] if column is not None else ""
            label = contact_label(written) if written.strip() else self.column_labels[index]
            values = _values(row, [index]) if label else []
            if index in self.emails:
                values = [a for value in values for a in email_addresses(value)]
            for value in values:
                found.setdefault(value, label)
        return found

    def _built_name(self, row: Row) -> str:
        parts = (_first(row, c) for c in (self.first, self.middle, self.last, self.suffix))
        return " ".join(part for part in parts if part)

    def _personal(self, row: Row, index: int) -> bool:
        label = self.phone_labels[index]
        return label is None or not _NOT_A_PERSONAL_PHONE.search(_cell(row, label))


def _bare_addresses(cell: str) -> list[str]:
    """The e-mail addresses of a cell that holds nothing else ("ana@example.com; a@b.org"):
    not text that names one, as Outlook's "E-mail Display Name" ("Ana (ana@example.com)")."""
    addresses = email_addresses(cell)
    rest = cell
    for address in addresses:
        rest = rest.replace(address, "")
    return addresses if not re.sub(r"(?i)mailto:|[\s,;]", "", rest) else []


def _find(table: Table, pattern: str) -> list[int]:
    """Indices of the columns whose name matches, in column order."""
    if not pattern:
        return []
    regex = re.compile(pattern)
    return sorted(i for name, i in table.columns.items() if regex.fullmatch(name))


def _is_fax(table: Table, index: int) -> bool:
    name = next(name for name, i in table.columns.items() if i == index)
    return _NOT_A_PERSONAL_PHONE.search(name) is not None


def _label_column(table: Table, index: int) -> int | None:
    """Google's "Phone 2 - Label" (or older "- Type") next to "Phone 2 - Value"."""
    name = next(name for name, i in table.columns.items() if i == index)
    if not name.endswith(" - value"):
        return None
    stem = name.removesuffix(" - value")
    return table.columns.get(f"{stem} - label", table.columns.get(f"{stem} - type"))


def _cell(row: Row, index: int) -> str:
    return row[index] if index < len(row) else ""


def _first(row: Row, indices: list[int], *, keep_lines: bool = False) -> str:
    for index in indices:
        value = multiline(_cell(row, index)) if keep_lines else clean(_cell(row, index))
        if value:
            return value
    return ""


def _one(row: Row, indices: list[int]) -> str:
    """The first value of a field a person has one of (employer, title): Google writes a
    contact's two organisations in one cell, "Acme ::: Globex"."""
    return next(iter(_values(row, indices)), "")


def _values(row: Row, indices: list[int]) -> list[str]:
    """Every value of these columns; Google joins several in one cell with " ::: "."""
    return [clean(v) for i in indices for v in _cell(row, i).split(_MULTI) if v.strip()]


def _links(websites: list[str]) -> tuple[str, list[str]]:
    linkedin = next((url for site in websites if (url := profile_url(site))), "")
    return linkedin, unique([site for site in websites if not profile_url(site)])


def _row_key(full_name: str, emails: list[str], phones: list[str]) -> str:
    digits = sorted(re.sub(r"\D", "", phone) for phone in phones)
    return stable_key(
        "csv", full_name, ",".join(sorted(e.casefold() for e in emails)), ",".join(digits)
    )
