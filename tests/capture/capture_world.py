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
