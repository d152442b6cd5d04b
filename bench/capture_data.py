"""Seeded calendar and mail for the capture benchmarks, written as streams.

The mbox is written message by message (a 100,000-message, ~1.5 GB file never sits in
memory), in Takeout's layout: a "From <id>@xxx <date>" line, X-GM-THRID and X-Gmail-Labels,
threads with replies, list mail, no-reply senders, Spam and Trash, duplicates, and a
base64 attachment that makes a message about 15 kB. The calendar has meetings with the
known people and others, weekly series with an EXDATE and a moved instance, all-day events
and cancelled ones.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ME = "olivia.owner@gmail.com"
DOMAINS = ("stripe.example", "acme.example", "initech.example", "globex.example", "gmail.com")
MESSAGE_BYTES = 15_000  # Takeout's average with attachments is about this


def people(count: int) -> list[tuple[str, str]]:
    """(full name, address) of the people the user knows."""
    return [(f"Person{i} Known{i}", f"person{i}@{DOMAINS[i % len(DOMAINS)]}") for i in range(count)]


def _date(when: datetime) -> str:
    return when.strftime("%a, %d %b %Y %H:%M:%S +0000")


def _message(rng: random.Random, n: int, known: list[tuple[str, str]], start: datetime) -> bytes:
    when = start + timedelta(minutes=7 * n)
    kind = rng.random()
    other_name, other = known[rng.randrange(len(known))] if kind < 0.6 else (
        f"Stranger {n}", f"stranger{n % 3000}@elsewhere.example")  # fmt: skip
    sent = rng.random() < 0.35
    sender, to = (f"Olivia <{ME}>", f"{other_name} <{other}>") if sent else (
        f"{other_name} <{other}>", f"Olivia <{ME}>")  # fmt: skip
    labels = "Sent" if sent else rng.choice(["Inbox", "Inbox,Important", "Opened,Category Updates"])
    extra = ""
    if 0.6 <= kind < 0.75:
        extra = "List-Unsubscribe: <mailto:unsubscribe@news.example>\r\n"
        sender = "News <news@news.example>"
    elif 0.75 <= kind < 0.8:
        sender = "no-reply@accounts.example"
    elif 0.8 <= kind < 0.82:
        labels = rng.choice(["Spam", "Trash"])
    thread = n // 3  # three messages a thread: a question, a reply, another
    refs = f"References: <t{thread}@mail.example>\r\nIn-Reply-To: <t{thread}@mail.example>\r\n"
    msgid = f"<t{thread}@mail.example>" if n % 3 == 0 else f"<m{n}@mail.example>"
    header = (
        f"From {1780000000000000000 + n}@xxx {when:%a %b %d %H:%M:%S +0000 %Y}\r\n"
        f"X-GM-THRID: {1780000000000000000 + thread}\r\nX-Gmail-Labels: {labels}\r\n"
        f"Message-ID: {msgid}\r\n{refs if n % 3 else ''}{extra}"
        f"From: {sender}\r\nTo: {to}\r\nSubject: {'Re: ' if n % 3 else ''}Thread {thread}\r\n"
        f"Date: {_date(when)}\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
    )
    body = (
        "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
        f"Hello {other_name}, about thread {thread}: shall we meet next week?\r\n\r\n"
        "--b1\r\nContent-Type: application/pdf; name=deck.pdf\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
    )
    size = max(0, MESSAGE_BYTES - len(header) - len(body) - 20)
    blob = base64.encodebytes(rng.randbytes(size * 3 // 4)).replace(b"\n", b"\r\n")
    return header.encode() + body.encode() + blob + b"--b1--\r\n\r\n"


def mbox_write(path: Path, *, messages: int, known: int, seed: int) -> int:
    """Write the mbox; returns its size in bytes."""
    rng = random.Random(seed)
    who = people(known)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with path.open("wb") as out:
        for n in range(messages):
            out.write(_message(rng, n, who, start))
            if n % 50 == 49:  # the same message twice (Inbox and "All Mail"), now and then
                out.write(_message(random.Random(seed + n), n, who, start))
    return path.stat().st_size


def _events(rng: random.Random, count: int, known: list[tuple[str, str]]) -> Iterator[str]:
    start = datetime(2026, 1, 5, 9, 0)
    for n in range(count):
        when = start + timedelta(hours=rng.randrange(0, 24 * 330))
        stamp = when.strftime("%Y%m%dT%H%M%S")
        name, address = known[rng.randrange(len(known))]
        lines = [
            "BEGIN:VEVENT",
            f"UID:bench-{n}@calendar.example",
            f"DTSTART;TZID=Europe/Berlin:{stamp}",
            "DURATION:PT45M",
            f"SUMMARY:{'Coffee w/ ' + name if n % 4 == 0 else f'Meeting {n}'}",
            f"ORGANIZER;CN=Olivia:mailto:{ME}",
        ]
        if n % 4 != 3:
            lines.append(f"ATTENDEE;CN={name};PARTSTAT=ACCEPTED:mailto:{address}")
        if n % 10 == 0:  # a weekly series for three months, one week off
            off = (when + timedelta(weeks=2)).strftime("%Y%m%dT%H%M%S")
            lines += ["RRULE:FREQ=WEEKLY;COUNT=12", f"EXDATE;TZID=Europe/Berlin:{off}"]
        if n % 25 == 0:
            lines.append("STATUS:CANCELLED")
        yield "\r\n".join([*lines, "END:VEVENT"]) + "\r\n"
        if n % 10 == 0:  # its third week moved by an hour
            moved = when + timedelta(weeks=3)
            yield (
                f"BEGIN:VEVENT\r\nUID:bench-{n}@calendar.example\r\n"
                f"RECURRENCE-ID;TZID=Europe/Berlin:{moved:%Y%m%dT%H%M%S}\r\n"
                f"DTSTART;TZID=Europe/Berlin:{moved + timedelta(hours=1):%Y%m%dT%H%M%S}\r\n"
                f"DURATION:PT45M\r\nSUMMARY:Moved {n}\r\n"
                f"ATTENDEE;CN={name};PARTSTAT=ACCEPTED:mailto:{address}\r\nEND:VEVENT\r\n"
            )


BERLIN = (
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
)


def ics_write(path: Path, *, events: int, known: int, seed: int) -> int:
    rng = random.Random(seed)
    who = people(known)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("BEGIN:VCALENDAR\r\nPRODID:-//Rapport bench//EN\r\nVERSION:2.0\r\n")
        out.write(f"X-WR-CALNAME:{ME}\r\n{BERLIN}")
        for event in _events(rng, events, who):
            out.write(event)
        out.write("END:VCALENDAR\r\n")
    return path.stat().st_size
