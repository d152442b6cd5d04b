"""Capture's test world: real calendar and mail files, and people who appear in them."""

from __future__ import annotations

import mailbox
import time
from email.message import EmailMessage
from pathlib import Path

from rapport.accounts.models import User
from rapport.capture.models import CaptureSettings
from rapport.people.models import Person
from rapport.people.services import person_create, person_set_contact_points

FILES = Path(__file__).parent / "files"


def someone(owner: User, name: str, *emails: str) -> Person:
    person = person_create(owner=owner, full_name=name)
    if emails:
        person_set_contact_points(person=person, values=list(emails))
    return person


def my_addresses(owner: User, *addresses: str) -> None:
    settings, _ = CaptureSettings.objects.get_or_create(owner=owner)
    settings.addresses = "\n".join(addresses)
    settings.save()


def mail(
    sender: str,
    to: str,
    subject: str,
    when: str,
    body: str = "Hello.",
    *,
    msgid: str = "",
    reply_to: str = "",
    labels: str = "Inbox",
    **headers: str,
) -> EmailMessage:
    """A message as Gmail's Takeout writes it (X-GM-THRID, X-Gmail-Labels on top)."""
    message = EmailMessage()
    message["X-GM-THRID"] = str(abs(hash(subject)))
    message["X-Gmail-Labels"] = labels
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = when
    message["Message-ID"] = msgid or f"<{abs(hash((sender, subject, when)))}@mail.example>"
    if reply_to:
        message["In-Reply-To"] = reply_to
        message["References"] = reply_to
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def mbox_file(path: Path, messages: list[EmailMessage]) -> Path:
    """An mbox written by Python's mailbox module, From_ lines like Takeout's."""
    box = mailbox.mbox(path, create=True)
    for message in messages:
        entry = mailbox.mboxMessage(message)
        entry.set_from("1787234567890000000@xxx", time.gmtime(0))
        box.add(entry)
    box.flush()
    box.close()
    return path


def google_calendar(*events: str, owner_address: str = "olivia.owner@gmail.com") -> str:
    """A calendar in the layout of Google Calendar's export (written here, not by Google):
    its name is the owner's address, times in UTC, attendees with CN and PARTSTAT."""
    head = (
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
        f"CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:{owner_address}\r\n"
        "X-WR-TIMEZONE:Europe/London\r\n"
    )
    return head + "".join(events) + "END:VCALENDAR\r\n"


def google_event(
    uid: str, start: str, title: str, *attendees: str, status: str = "CONFIRMED"
) -> str:
    lines = [f"DTSTART:{start}", f"DTSTAMP:{start}", f"UID:{uid}@google.com"]
    lines += [f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;{a}" for a in attendees]
    lines += [f"STATUS:{status}", f"SUMMARY:{title}", "TRANSP:OPAQUE"]
    return "BEGIN:VEVENT\r\n" + "\r\n".join(lines) + "\r\nEND:VEVENT\r\n"
