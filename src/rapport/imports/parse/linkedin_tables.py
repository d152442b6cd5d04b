"""The four LinkedIn export files Rapport reads, once their header row has been found."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from rapport.imports.parse.common import (
    clean,
    entities_decoded,
    html_to_text,
    multiline,
    profile_key,
    profile_url,
    skip,
    stable_key,
    warn,
)
from rapport.imports.parse.dates import parse_date, parse_datetime, reads_day_first
from rapport.imports.parse.linkedin_messages import SPONSORED
from rapport.imports.parse.linkedin_messages import sponsored as sponsored_row
from rapport.imports.parse.linkedin_names import (
    family_name,
    names_with_credentials,
    without_trailing_commas,
)
from rapport.imports.parse.records import (
    ContactRecord,
    InvitationRecord,
    MessageRecord,
    ParsedSource,
    PositionRecord,
)
from rapport.imports.parse.tabular import Row, Table

# Columns that identify each file (header_key spelling). Everything else is optional.
REQUIRED = {
    "connections": frozenset({"first name", "last name", "connected on"}),
    "messages": frozenset({"from", "to", "date", "content"}),
    "invitations": frozenset({"from", "to", "sent at"}),
    "positions": frozenset({"company name", "title", "started on"}),
}
EXPECTED = (
    "Connections.csv (First Name, Last Name, URL, Email Address, Company, Position, "
    "Connected On), messages.csv (CONVERSATION ID, FROM, TO, DATE, CONTENT, …), "
    "Invitations.csv (From, To, Sent At, Message, Direction) or Positions.csv "
    "(Company Name, Title, Description, Location, Started On, Finished On)"
)
# Rows LinkedIn writes itself rather than a person (compared casefolded).
_SYSTEM_CONTENT = frozenset(
    {
        "message request accepted",
        "you accepted the message request",
        "this message has been deleted.",
    }
)
_SEPARATORS = re.compile(r"[,;]")
_YES = frozenset({"yes", "true", "1"})


def recognise(columns: frozenset[str]) -> str | None:
    return next((kind for kind, needed in REQUIRED.items() if needed <= columns), None)


def read_table(kind: str, table: Table, source: ParsedSource) -> None:
    _READERS[kind](table, source)
    if told := table.placeholders_told():
        warn(source, table.file, *told)


class _Undated:
    """Rows whose date could not be read, reported as one warning per file."""

    def __init__(self, column: str) -> None:
        self.column, self.count = column, 0
        self.example, self.line = "", 0

    def check(self, text: str, line: int, parsed: object) -> None:
        if text and parsed is None:
            self.count += 1
            if self.count == 1:
                self.example, self.line = text, line

    def report(self, source: ParsedSource, file: str) -> None:
        if self.count:
            message = f"{self.count} {self.column} value(s) not understood, e.g. {self.example!r}"
            warn(source, file, self.line, message)


# --- Connections.csv ---------------------------------------------------------------------

_NAMELESS = (
    "no name: LinkedIn leaves a row blank but for the date for members who hide their "
    "profile or have closed their account"
)
_CONNECTION_COLUMNS = ("first name", "last name", "url", "email address", "company", "position")


def _read_connections(table: Table, source: ParsedSource) -> None:
    # Each cell as `_text(table.column(name)(row))` reads it, without two calls a cell.
    cells = [table.columns.get(name, -1) for name in _CONNECTION_COLUMNS]
    connected = table.column("connected on")
    undated = _Undated("Connected On")
    slashed: list[tuple[ContactRecord, str]] = []  # 05/03/2024: day or month first?
    for line, row in table.rows():
        width = len(row)
        values = [
            clean(entities_decoded(row[at].strip())) if -1 < at < width else "" for at in cells
        ]
        record = _connection(values, line, table.file)
        if record is None:
            skip(source, "contacts", why=(table.file, line, _NAMELESS))
            continue
        source.contacts.append(record)
        when_text = connected(row)
        if "/" in when_text:
            slashed.append((record, when_text))
        else:
            _date_connection(record, when_text, undated)
    # Excel outside the US re-saves "05 Mar 2024" as 05/03/2024: the file tells which.
    day_first = reads_day_first(text for _, text in slashed)
    for record, when_text in slashed:
        _date_connection(record, when_text, undated, day_first=day_first)
    undated.report(source, table.file)


def _connection(values: list[str], line: int, file: str) -> ContactRecord | None:
    """The record without its date, and without its key unless it has a profile URL."""
    first, last_as_written, url, email, company, position = values
    first, last_as_written = map(without_trailing_commas, (first, last_as_written))
    if not (first or last_as_written):
        return None
    # "Smith, PhD", "Okonkwo (ACIPM, HRPL), MILR": credentials, not the family name.
    last = family_name(last_as_written)
    linkedin_url = profile_url(url)
    return ContactRecord(
        source_key=profile_key(url),
        line=line,
        full_name=" ".join(part for part in (first, last_as_written) if part),
        first_name=first,
        last_name=last,
        emails=[email] if "@" in email else [],
        urls=[url] if url and not linkedin_url else [],
        linkedin_url=linkedin_url,
        company=company,
        title=position,
        file=file,
    )


def _date_connection(
    record: ContactRecord, text: str, undated: _Undated, *, day_first: bool = False
) -> None:
    """Set Connected On, and the key of a row without a profile URL, which depends on it."""
    record.connected_on = parse_date(text, day_first=day_first)
    undated.check(text, record.line, record.connected_on)
    if not record.source_key:
        first, last, company = record.first_name, record.last_name, record.company
        record.source_key = _connection_key(first, last, record.connected_on, company)


def _connection_key(first: str, last: str, connected_on: dt.date | None, company: str) -> str:
    # Without a profile URL (exports before 2024): the day you connected never changes,
    # while the company does when they change jobs; rows also move as new ones arrive.
    if connected_on:
        return stable_key("connection", first, last, connected_on.isoformat())
    return stable_key("connection", first, last, company)


# --- messages.csv ------------------------------------------------------------------------


class _MessageColumns:
    def __init__(self, table: Table) -> None:
        self.conversation = table.column("conversation id")
        self.title = table.column("conversation title")
        self.sender = table.column("from")
        self.sender_url = table.column("sender profile url")
        self.to = table.column("to")
        self.to_urls = table.column("recipient profile urls")
        self.date = table.column("date")
        self.subject = table.column("subject")
        self.content = table.column("content")
        self.folder = table.column("folder")
        self.drafts = [table.column(n) for n in ("is message draft", "is conversation draft")]

    def is_draft(self, row: Row) -> bool:
        flags = [draft(row).casefold() for draft in self.drafts]
        return any(flag in _YES for flag in flags) or self.folder(row).casefold() == "draft"


def _read_messages(table: Table, source: ParsedSource) -> None:
    columns = _MessageColumns(table)
    undated = _Undated("DATE")
    read: list[MessageRecord] = []
    sponsored: set[str] = set()  # conversations with an ad or a message of LinkedIn's
    for line, row in table.rows(free_text=table.indices("subject", "content")):
        sender, content = _name(columns.sender(row)), columns.content(row)
        reason = _left_out(columns, row, sender, content)
        if reason:
            skip(source, "messages", why=(table.file, line, reason))
            continue
        sent_at = parse_datetime(columns.date(row))
        undated.check(columns.date(row) or "(empty)", line, sent_at)
        if sent_at is None:
            skip(source, "messages", why=(table.file, line, "no DATE that can be read"))
            continue
        message = _message(columns, row, sender, sent_at, line, table.file)
        to_urls = columns.to_urls(row)
        if sponsored_row(columns.title(row), sender, message.sender_url, content, to_urls):
            sponsored.add(message.conversation_id)
        read.append(message)
    for message in read:
        if message.conversation_id in sponsored:
            skip(source, "messages", why=(table.file, message.line, SPONSORED))
        else:
            source.messages.append(message)
    undated.report(source, table.file)


def _left_out(columns: _MessageColumns, row: Row, sender: str, content: str) -> str:
    """Why a row is no message between people ("" if it is one)."""
    if columns.is_draft(row):
        return "drafts, never sent"
    if not sender:
        return "no sender (FROM is empty)"
    if clean(content).casefold() in _SYSTEM_CONTENT:
        return 'LinkedIn\'s notices ("Message request accepted" and the like)'
    return ""


def _message(
    columns: _MessageColumns, row: Row, sender: str, sent_at: dt.datetime, line: int, file: str
) -> MessageRecord:
    recipients = _recipients(_name(columns.to(row)), columns.to_urls(row))
    conversation = columns.conversation(row)
    if not conversation:  # exports before 2021 have no conversation id
        people = sorted({sender, *(name for name, _ in recipients)})
        conversation = "legacy-" + stable_key(*people).removeprefix("sha256:")
    return MessageRecord(
        conversation_id=conversation,
        line=line,
        sender_name=sender,
        sender_url=_link(columns.sender_url(row)),
        recipients=recipients,
        sent_at=sent_at,
        subject=clean(entities_decoded(columns.subject(row))),
        content=html_to_text(columns.content(row)),
        file=file,
    )


def _text(text: str) -> str:
    """One line of text as LinkedIn writes it, HTML entities and all ("AT&amp;T")."""
    return clean(entities_decoded(text))


def _name(text: str) -> str:
    """A name in messages or invitations: "O&#39;Brien," reads "O'Brien"."""
    return without_trailing_commas(_text(text))


def _link(url: str) -> str:
    """A profile URL normalised; anything else (a company page…) kept as written."""
    return profile_url(url) or url.strip()


def _recipients(names: str, urls: str) -> list[tuple[str, str]]:
    """Pair TO names with profile URLs; names may hold commas ("Ann Lee, PhD")."""
    links = [_link(url) for url in _SEPARATORS.split(urls) if url.strip()]
    if not links:
        return [(names, "")] if names else []
    if len(links) == 1:
        return [(names, links[0])]
    parts = [clean(name) for name in names.split(";" if ";" in names else ",")]
    if len(parts) == len(links):
        return list(zip(parts, links, strict=True))
    people = names_with_credentials(names)  # "Ann Lee, PhD, Carl Ng": two people
    if len(people) == len(links):
        return list(zip(people, links, strict=True))
    return [("", link) for link in links]  # which name goes with which URL is unknowable


# --- Invitations.csv ---------------------------------------------------------------------


def _read_invitations(table: Table, source: ParsedSource) -> None:
    sender, recipient, sent, message, direction = (
        table.column(name) for name in ("from", "to", "sent at", "message", "direction")
    )
    inviter, invitee = table.column("inviterprofileurl"), table.column("inviteeprofileurl")
    undated = _Undated("Sent At")
    for line, row in table.rows(free_text=table.indices("message")):
        if not (sender(row) or recipient(row)):
            skip(source, "invitations", why=(table.file, line, "neither From nor To"))
            continue
        sent_at = parse_datetime(sent(row))
        undated.check(sent(row), line, sent_at)
        record = InvitationRecord(
            line=line,
            from_name=_name(sender(row)),
            to_name=_name(recipient(row)),
            sent_at=sent_at,
            message=multiline(entities_decoded(message(row))),
            direction=direction(row).upper(),
            inviter_url=_link(inviter(row)),
            invitee_url=_link(invitee(row)),
            file=table.file,
        )
        source.invitations.append(record)
    undated.report(source, table.file)


# --- Positions.csv -----------------------------------------------------------------------


def _read_positions(table: Table, source: ParsedSource) -> None:
    company, title, description, location, started, finished = (
        table.column(name)
        for name in (
            "company name",
            "title",
            "description",
            "location",
            "started on",
            "finished on",
        )
    )
    undated = (_Undated("Started On"), _Undated("Finished On"))
    for line, row in table.rows(free_text=table.indices("description")):
        if not (company(row) or title(row)):
            skip(source, "positions", why=(table.file, line, "neither company nor title"))
            continue
        dates = [parse_date(started(row)), parse_date(finished(row))]  # no end: still there
        for column, text, date in zip(undated, (started(row), finished(row)), dates, strict=True):
            column.check(text, line, date)
        record = PositionRecord(
            line=line,
            company=_text(company(row)),
            title=_text(title(row)),
            description=multiline(description(row)),
            location=clean(location(row)),
            started_on=dates[0],
            finished_on=dates[1],
            file=table.file,
        )
        source.positions.append(record)
    for column in undated:
        column.report(source, table.file)


_READERS: dict[str, Callable[[Table, ParsedSource], None]] = {
    "connections": _read_connections,
    "messages": _read_messages,
    "invitations": _read_invitations,
    "positions": _read_positions,
}
