"""What the parsers read out of a source file, before anything touches the database.

Parsers (one module per format) turn files into these records; the import service matches
them against the user's data and writes them. The two halves meet only here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field


class ImportFormatError(Exception):
    """The file is not what the importer expects. Says which file, which line and why."""

    def __init__(self, message: str, *, file: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {message}")


@dataclass
class ContactRecord:
    """One person as a source knows them."""

    source_key: str  # stable within the source: profile URL, vCard UID, or a hash of the row
    line: int  # where it starts in its file (1-based), for messages and provenance
    full_name: str
    first_name: str = ""
    last_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    linkedin_url: str = ""
    company: str = ""
    title: str = ""
    headline: str = ""
    location: str = ""
    notes: str = ""
    connected_on: dt.date | None = None
    file: str = ""
    # How the source labels an email or a phone number ("Work", "Mobile"), by value.
    labels: dict[str, str] = field(default_factory=dict)
    # What the record says, fingerprinted (merge.unchanged.contact_digest) when first asked:
    # an import asks it of each record it writes, then again working out its re-import.
    digest: str = field(default="", init=False, repr=False, compare=False)


@dataclass
class CompanyRecord:
    """An organisation's own card (vCard KIND:org, Apple's company cards, a row with only
    a company): a company with its number and web address, not a person."""

    line: int
    name: str
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    notes: str = ""
    file: str = ""


@dataclass
class MessageRecord:
    """One LinkedIn message (messages.csv row)."""

    conversation_id: str
    line: int
    sender_name: str
    sender_url: str
    recipients: list[tuple[str, str]]  # (name, profile URL) pairs; URL may be ""
    sent_at: dt.datetime  # aware, UTC
    subject: str = ""
    content: str = ""  # plain text (HTML stripped)
    file: str = ""
    # Names in TO that no name known to the parser explains (exports before 2023 join a
    # group's names with commas): the import tries the people it knows, then warns.
    recipients_unknown: list[str] = field(default_factory=list)


@dataclass
class InvitationRecord:
    line: int
    from_name: str
    to_name: str
    sent_at: dt.datetime | None
    message: str
    direction: str  # "INCOMING" or "OUTGOING"
    inviter_url: str = ""
    invitee_url: str = ""
    file: str = ""


@dataclass
class PositionRecord:
    """One of the user's own jobs (LinkedIn Positions.csv)."""

    line: int
    company: str
    title: str
    description: str = ""
    location: str = ""
    started_on: dt.date | None = None
    finished_on: dt.date | None = None  # None: current
    file: str = ""


@dataclass
class ParsedSource:
    kind: str  # "linkedin", "vcard" or "csv"
    files: list[str] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    companies: list[CompanyRecord] = field(default_factory=list)
    messages: list[MessageRecord] = field(default_factory=list)
    invitations: list[InvitationRecord] = field(default_factory=list)
    positions: list[PositionRecord] = field(default_factory=list)
    skipped: int = 0  # rows with nothing usable (e.g. blank but for a date)
    warnings: list[str] = field(default_factory=list)
    # `skipped` split by the list the row would have gone to ("contacts", "messages",
    # "invitations", "positions"), so a report can say "45 connections, 3 drafts".
    skipped_by_kind: dict[str, int] = field(default_factory=dict)
    # Why rows were skipped: (file, kind, reason) -> [count, first line], told as warnings.
    skip_reasons: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)
    # When the source wrote the export, if it says (a LinkedIn zip does): the day a move
    # it reveals is recorded on, rather than the day of the import.
    exported_on: dt.date | None = None
    # A file too big to hold its records (contacts_csv.REREAD_FROM): `contacts` is empty,
    # and each call reads them from the file again, one by one, telling `source` (the
    # organisations, the rows skipped, the warnings) as it goes.
    reread: Callable[[ParsedSource], Iterator[ContactRecord]] | None = None
