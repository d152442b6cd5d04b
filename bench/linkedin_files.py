"""LinkedIn's "Get a copy of your data" folder: Connections, messages, Invitations, Positions.

Shapes follow real exports (tests/imports/parsers/fixtures/interop/linkedin): the 2024
`Notes:` preamble, newest connections first, rows blank but for the date, `LinkedIn Member`
senders, drafts, system rows, HTML InMail, group threads whose recipient URLs are joined by
commas.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import names
from bench.population import REFERENCE_DAY, Company, Population, Record, weighted
from bench.records import note_text
from bench.textfile import CsvText

FOLDER = "linkedin_export"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER = (
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
)  # fmt: skip
MESSAGES_HEADER = (
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
)  # fmt: skip
INVITATIONS_HEADER = (
    "From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl",
)  # fmt: skip
POSITIONS_HEADER = ("Company Name", "Title", "Description", "Location", "Started On", "Finished On")
ME = ("Jordan Avery", "https://www.linkedin.com/in/jordan-avery-7c1e2a")
SYSTEM_CONTENT = "Message request accepted"

Member = tuple[str, str]  # (name as LinkedIn shows it, profile URL)


def display_first(record: Record) -> str:
    middle = f" {record.middle}." if record.middle else ""
    emoji = f" {record.decoration}" if record.decoration in names.EMOJI else ""
    return record.cased(f"{record.first}{middle}{emoji}")


def display_last(record: Record) -> str:
    suffix = f", {record.suffix}" if record.suffix else ""
    pronouns = f" {record.decoration}" if record.decoration in names.PRONOUNS else ""
    return record.cased(f"{record.last}{suffix}{pronouns}")


def member(record: Record) -> Member:
    return f"{display_first(record)} {display_last(record)}", record.url


# --- Connections.csv -----------------------------------------------------------------------


def write_connections(path: Path, rows: Sequence[tuple[dt.date, Record | None]], file: str) -> None:
    """`rows`: (connected on, record or None for a row LinkedIn blanked), any order."""
    out = CsvText()
    out.write(PREAMBLE)
    out.row(CONNECTIONS_HEADER)
    for day, record in sorted(rows, key=lambda r: r[0], reverse=True):
        when = f"{day:%d %b %Y}"
        if record is None:
            out.row(["", "", "", "", "", "", when])
            continue
        email = record.emails[0] if record.emails else ""
        values = [display_first(record), display_last(record), record.url, email]
        record.line = out.row([*values, record.company, record.title, when])
        record.file = file
    out.save(path)


# --- messages.csv --------------------------------------------------------------------------


@dataclass
class Message:
    conversation: str
    title: str
    sender: Member
    recipients: list[Member]
    sent_at: dt.datetime
    subject: str = ""
    content: str = ""
    folder: str = "INBOX"
    draft: bool = False


class Threads:
    """Conversations between the user and their connections, until `total` rows exist."""

    def __init__(self, rng: random.Random, connections: list[Member], strangers: list[Member]):
        self.rng = rng
        self.connections = connections
        self.strangers = strangers
        self.messages: list[Message] = []

    def build(self, total: int) -> list[Message]:
        while len(self.messages) < total:
            kind = weighted(
                self.rng, [("one", 0.8), ("group", 0.06), ("stranger", 0.1), ("inmail", 0.04)]
            )
            self._thread(kind, total - len(self.messages))
        return self.messages

    def _thread(self, kind: str, room: int) -> None:
        rng = self.rng
        conversation = "2-" + base64.b64encode(rng.randbytes(24)).decode()
        if kind == "inmail":
            self._inmail(conversation)
            return
        pool = self.strangers if kind == "stranger" and self.strangers else self.connections
        others = rng.sample(pool, k=min(len(pool), rng.randint(2, 3) if kind == "group" else 1))
        title = (
            rng.choice(("", "", "Berlin data folks", "Referral chat")) if kind == "group" else ""
        )
        length = min(room, 1 + min(29, int(rng.expovariate(1 / 3))))
        gaps = [dt.timedelta(minutes=rng.randint(2, 60 * 24 * 4)) for _ in range(length)]
        when = _thread_start(rng) - sum(gaps, dt.timedelta())  # the last message ends it
        if kind == "stranger" and rng.random() < 0.4:
            self._add(conversation, title, others[0], [ME], when, SYSTEM_CONTENT)
        for index, gap in enumerate(gaps):
            sender = ME if index % 2 == (0 if rng.random() < 0.6 else 1) else rng.choice(others)
            recipients = [m for m in (ME, *others) if m != sender]
            when += gap
            text = f"{rng.choice(names.MESSAGE_OPENERS)} {note_text(rng)}"
            draft = sender == ME and rng.random() < 0.01
            self._add(conversation, title, sender, recipients, when, text, draft=draft)

    def _inmail(self, conversation: str) -> None:
        rng = self.rng
        company = rng.choice(("Stripe", "Bluefin Analytics", "Northwind Health"))
        body = (
            f"<p>Hi Jordan,</p><p>I came across your profile and think you would be a great "
            f"fit for a role at {company}. Would you be open to a chat?</p>"
            f"<p>Best,<br>The {company} recruiting team</p>"
        )
        message = Message(
            conversation, "", ("LinkedIn Member", ""), [ME], _thread_start(rng),
            subject=f"Opportunity at {company}", content=body,
        )  # fmt: skip
        self.messages.append(message)

    def _add(
        self,
        conversation: str,
        title: str,
        sender: Member,
        recipients: list[Member],
        when: dt.datetime,
        content: str,
        *,
        draft: bool = False,
    ) -> None:
        folder = "ARCHIVE" if self.rng.random() < 0.1 else "INBOX"
        message = Message(
            conversation, title, sender, recipients, when, content=content, folder=folder,
            draft=draft,
        )  # fmt: skip
        self.messages.append(message)


def _thread_start(rng: random.Random) -> dt.datetime:
    """A moment in the last six years, recent ones likelier; never after REFERENCE_DAY."""
    days = int(6 * 365 * rng.random() ** 1.5)
    start = dt.datetime.combine(REFERENCE_DAY, dt.time(9), tzinfo=dt.UTC)
    return start - dt.timedelta(days=days, seconds=rng.randint(0, 86_399))


def write_messages(path: Path, messages: list[Message]) -> None:
    latest: dict[str, dt.datetime] = {}
    for message in messages:
        latest[message.conversation] = max(
            message.sent_at, latest.get(message.conversation, message.sent_at)
        )
    ordered = sorted(
        messages, key=lambda m: (latest[m.conversation], m.conversation, m.sent_at), reverse=True
    )
    out = CsvText()
    out.row(MESSAGES_HEADER)
    for m in ordered:
        draft = "Yes" if m.draft else "No"
        out.row(
            [
                m.conversation, m.title, m.sender[0], m.sender[1],
                ", ".join(name for name, _ in m.recipients),
                ",".join(url for _, url in m.recipients if url),
                f"{m.sent_at:%Y-%m-%d %H:%M:%S} UTC", m.subject, m.content, m.folder, draft, "No",
            ]
        )  # fmt: skip
    out.save(path)


# --- Invitations.csv and Positions.csv -----------------------------------------------------


def write_invitations(path: Path, rng: random.Random, members: list[Member], count: int) -> None:
    out = CsvText()
    out.row(INVITATIONS_HEADER)
    rows = []
    for _ in range(count):
        other = rng.choice(members)
        incoming = rng.random() < 0.7
        when = _thread_start(rng)
        text = rng.choice(("", "", f"Hi, we met at the {rng.choice(names.NOTE_WORDS)} meetup!"))
        sender, receiver = (other, ME) if incoming else (ME, other)
        direction = "INCOMING" if incoming else "OUTGOING"
        rows.append((when, sender, receiver, text, direction))
    for when, sender, receiver, text, direction in sorted(rows, key=lambda r: r[0], reverse=True):
        sent = f"{when.month}/{when.day}/{when:%y}, {when.hour % 12 or 12}:{when:%M %p}"
        out.row([sender[0], receiver[0], sent, text, direction, sender[1], receiver[1]])
    out.save(path)


def write_positions(path: Path, rng: random.Random, companies: Sequence[Company]) -> None:
    out = CsvText()
    out.row(POSITIONS_HEADER)
    year = REFERENCE_DAY.year
    for index, company in enumerate(companies):
        started = year - 3 * (index + 1) + 1
        finished = "" if index == 0 else f"{dt.date(year - 3 * index, rng.randint(1, 12), 1):%b %Y}"
        began = f"{dt.date(started, rng.randint(1, 12), 1):%b %Y}" if index % 3 else str(started)
        title = rng.choice(names.TITLES)
        out.row([company.name, title, note_text(rng), rng.choice(names.CITIES)[0], began, finished])
    out.save(path)


def write_folder(
    folder: Path, pop: Population, connections: Sequence[tuple[dt.date, Record | None]],
    messages: int, invitations: int, strangers: list[Member],
) -> None:  # fmt: skip
    rng = pop.rng
    write_connections(folder / "Connections.csv", connections, f"{FOLDER}/Connections.csv")
    members = [member(r) for _, r in connections if r is not None]
    threads = Threads(rng, members, strangers).build(messages)
    write_messages(folder / "messages.csv", threads)
    write_invitations(folder / "Invitations.csv", rng, members + strangers, invitations)
    write_positions(folder / "Positions.csv", rng, pop.companies[1:6])
