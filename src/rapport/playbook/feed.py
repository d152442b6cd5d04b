"""The calendar feed: nudges and follow-ups as all-day events a calendar app subscribes to.

Subscribed calendars show VEVENTs (not VTODOs) and replace an event only when its
SEQUENCE goes up, so every event keeps a stable UID and a sequence that grows on change.
Something overdue is on today, saying since when: an event left on its due day would sit
in the past, where nobody looks. So an overdue event moves every day, with a new sequence.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from rapport.accounts.models import User
from rapport.playbook.models import FollowUp, PlaybookSettings
from rapport.playbook.nudges import Nudge
from rapport.playbook.selectors import nudge_plan
from rapport.playbook.services import nudge_versions_update

PRODID = "-//Rapport//Playbook feed//EN"


@dataclass(frozen=True)
class Entry:
    """One event of the feed, before it becomes iCalendar."""

    uid: str
    on: date
    summary: str
    description: str
    url: str
    sequence: int = 0
    modified: datetime | None = None

    def content_hash(self) -> str:
        text = "\x1f".join([self.on.isoformat(), self.summary, self.description, self.url])
        return hashlib.sha256(text.encode()).hexdigest()


def feed_owner(*, token: str) -> User | None:
    """The user whose feed this secret token opens; None once revoked or regenerated."""
    if not token:
        return None
    found = PlaybookSettings.objects.filter(feed_token=token).select_related("owner").first()
    return found.owner if found else None


def feed_calendar(*, owner: User, today: date, base_url: str) -> bytes:
    entries = _nudge_entries(owner, today, base_url) + _followup_entries(owner, today, base_url)
    ical: bytes = _calendar(entries, now=timezone.now()).to_ical()
    return ical


def _day(due: date, today: date) -> date:
    """The day an item due on `due` goes in the calendar: today once it is overdue."""
    return max(due, today)


def _overdue(due: date, today: date) -> list[str]:
    return [f"Overdue since {due:%A} {due.day} {due:%B}."] if due < today else []


def _nudge_entry(owner: User, nudge: Nudge, due: date, today: date, base_url: str) -> Entry:
    link = nudge.subject_url() or reverse("playbook:today")
    lines = [*_overdue(due, today), nudge.reason, *(f"• {s}" for s in nudge.suggestions)]
    return Entry(
        uid=f"nudge-{nudge.key.replace(':', '-')}-{owner.pk}@rapport",
        on=_day(due, today),
        summary=nudge.title,
        description="\n".join(lines),
        url=base_url + link,
    )


def _nudge_entries(owner: User, today: date, base_url: str) -> list[Entry]:
    """Today's nudges on their due dates; snoozed ones on the day they come back."""
    plan = nudge_plan(owner=owner, today=today)
    dated = [(n, n.due) for n in plan.visible] + [(s.nudge, s.until) for s in plan.snoozed]
    entries = {n.key: _nudge_entry(owner, n, due, today, base_url) for n, due in dated}
    states = nudge_versions_update(
        owner=owner, hashes={key: e.content_hash() for key, e in entries.items()}, today=today
    )
    return [
        replace(e, sequence=states[k].sequence, modified=states[k].updated_at)
        for k, e in entries.items()
    ]


def _followup_entries(owner: User, today: date, base_url: str) -> list[Entry]:
    rows = FollowUp.objects.filter(owner=owner, done_at__isnull=True).select_related(
        "person", "opportunity__company"
    )
    return [_followup_entry(owner, f, today, base_url) for f in rows]


def _followup_entry(owner: User, followup: FollowUp, today: date, base_url: str) -> Entry:
    on = _day(followup.due(), today)
    return Entry(
        uid=f"followup-{followup.pk}-{owner.pk}@rapport",
        on=on,
        summary=f"{followup.get_kind_display()}: {followup.person or followup.opportunity}",
        description="\n".join([*_overdue(followup.due(), today), followup.note]).strip(),
        url=base_url + reverse("playbook:today"),
        # Grows with the day the event is on (which only ever moves later: a snooze, or
        # another day overdue) as well as with every change recorded on the row.
        sequence=followup.sequence + (on - followup.due_on).days,
        modified=followup.updated_at,
    )


def _calendar(entries: list[Entry], *, now: datetime) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Rapport")
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    for entry in sorted(entries, key=lambda e: (e.on, e.uid)):
        calendar.add_component(_event(entry, now))
    return calendar


def _event(entry: Entry, now: datetime) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", now)
    event.add("dtstart", entry.on)
    event.add("dtend", entry.on + timedelta(days=1))
    event.add("summary", entry.summary)
    event.add("description", entry.description)
    event.add("url", entry.url)
    event.add("sequence", entry.sequence)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: never "busy"
    if entry.modified is not None:
        event.add("last-modified", entry.modified)
    return event
