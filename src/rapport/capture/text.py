"""Why each suggestion was made, in words a person reads."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from rapport.capture.calendar.ics import Occurrence
from rapport.capture.mail.ats import StageFound
from rapport.capture.mail.rules import Exchange


def listing(names: Sequence[str]) -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def meeting_reason(occurrence: Occurrence, names: Sequence[str]) -> str:
    when = timezone.localtime(occurrence.starts_at)
    day = f"{when:%a} {when.day} {when:%b %Y}"
    at = day if occurrence.all_day else f"{day} at {when:%H:%M}"
    return f"In your calendar: “{occurrence.title}” on {at}, with {listing(names)}."


def thread_title(subject: str, names: Sequence[str]) -> str:
    return f"Email with {listing(names)}: {subject}" if subject else f"Email with {listing(names)}"


def thread_reason(names: Sequence[str], exchanges: Sequence[Exchange]) -> str:
    sent = sum(e.sent for e in exchanges)
    received = sum(e.received for e in exchanges)
    return (
        f"You and {listing(names)} wrote to each other: you sent {sent} and received "
        f"{received} message{'s' if received != 1 else ''} in this thread."
    )


def newcomer_reason(name: str, exchanges: Sequence[Exchange]) -> str:
    sent = sum(e.sent for e in exchanges)
    received = sum(e.received for e in exchanges)
    threads = len(exchanges)
    return (
        f"You and {name} wrote to each other ({sent} sent, {received} received, in "
        f"{threads} thread{'s' if threads != 1 else ''}), and they are not in Rapport yet."
    )


def stage_reason(found: StageFound) -> str:
    subject = found.mail.subject or "(no subject)"
    return f"{found.system} wrote “{subject}”: move {found.label} to {found.stage.title()}?"
