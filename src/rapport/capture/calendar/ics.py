"""An iCalendar file (Google, Outlook, Apple, Fastmail) read into meeting occurrences.

Recurrences are expanded by recurring-ical-events (RRULE, EXDATE and RDATE in their time
zone, instances moved by RECURRENCE-ID, all-day events); only events that involve someone
the user knows are expanded at all. Left out, and counted: cancelled events, events the
user declined, and events with nobody else in them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import icalendar
import recurring_ical_events
from django.utils import timezone

from rapport.capture.errors import CaptureError
from rapport.capture.known import KnownPeople
from rapport.conversations.models import Channel
from rapport.imports.match import email_key

AHEAD = timedelta(days=60)  # upcoming meetings are read this far ahead
_VTIMEZONE = re.compile(rb"BEGIN:VTIMEZONE\r?\n(?:.*?\r?\n)*?END:VTIMEZONE\r?\n?", re.S)
_TZID = re.compile(rb"^TZID[^:]*:(.*?)\r?$", re.M)
_CANCELLED_PREFIX = re.compile(r"^\s*(cancell?ed|canceled|abgesagt|annulé)\s*:", re.I)
_VIDEO = re.compile(r"zoom\.us|meet\.google|teams\.microsoft|webex|whereby|jitsi|facetime", re.I)
_CALL = re.compile(r"\b(call|phone|tel)\b", re.I)
_NOT_PEOPLE = {"ROOM", "RESOURCE", "GROUP", "UNKNOWN"}
_NOT_PEOPLE_DOMAINS = ("group.calendar.google.com", "resource.calendar.google.com",
                       "group.v.calendar.google.com", "import.calendar.google.com")  # fmt: skip


@dataclass(frozen=True)
class Attendee:
    email: str  # an email key, "" if none
    name: str
    declined: bool
    is_person: bool


@dataclass(frozen=True)
class Occurrence:
    key: str  # UID and RECURRENCE-ID
    starts_at: datetime
    all_day: bool
    title: str
    people: tuple[int, ...]  # known people's ids
    channel: str


@dataclass
class CalendarRead:
    occurrences: list[Occurrence] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    events: int = 0  # VEVENTs in the file


def calendar_parse(data: bytes, *, where: str) -> icalendar.Calendar:
    """The file as a calendar; CaptureError (naming a broken time zone) if it is not one.

    Every VTIMEZONE is checked as written, even one whose TZID names a zone the system
    knows: a file that contradicts itself is refused rather than half believed.
    """
    if b"BEGIN:VCALENDAR" not in data[:4096]:
        raise CaptureError(f"{where}: not an iCalendar file (it has no BEGIN:VCALENDAR).")
    if broken := _broken_zone(data, where):
        raise CaptureError(broken)
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise CaptureError(
            f"{where}: not a readable iCalendar file ({error}). Nothing was imported."
        ) from error
    if isinstance(calendar, list):
        raise CaptureError(f"{where}: several calendars in one file; export them one by one.")
    return calendar


def _broken_zone(data: bytes, where: str) -> str:
    for block in _VTIMEZONE.finditer(data):
        tzid = _TZID.search(block.group(0))
        if tzid is None:
            continue  # nothing can refer to a zone without a TZID
        try:
            zone: Any = icalendar.Timezone.from_ical(block.group(0))
            zone.to_tz(lookup_tzid=False)
        except Exception as error:
            line = data.count(b"\n", 0, block.start()) + 1
            name = tzid.group(1).decode("utf-8", "replace").strip()
            return (
                f"{where}, line {line}: the time zone {name!r} (VTIMEZONE) is broken "
                f"({error}). Nothing was imported."
            )
    return ""


def calendar_read(
    calendar: icalendar.Calendar, *, known: KnownPeople, me: set[str], now: datetime
) -> CalendarRead:
    """The occurrences, up to AHEAD from `now`, of events with someone known in them."""
    result = CalendarRead()
    me = me | _calendar_owner(calendar)
    by_uid: dict[str, list[Any]] = {}
    for event in calendar.walk("VEVENT"):
        result.events += 1
        by_uid.setdefault(str(event.get("UID", "")), []).append(event)
    wanted = icalendar.Calendar()
    for component in calendar.walk("VTIMEZONE"):
        wanted.add_component(component)
    for _uid, events in by_uid.items():
        if any(_mentions_known(event, known) for event in events):
            for event in events:
                wanted.add_component(event)
        else:
            result.skipped["nobody you know in the event"] += _count(events)
    info: dict[int, _Event] = {}
    for component, start in _expand(wanted, now + AHEAD):
        shared = info.get(id(component))
        if shared is None:
            shared = _event(component, known, me)
            info[id(component)] = shared
        _take(shared, start, result)
    return result


@dataclass(frozen=True)
class _Event:
    """What every occurrence of one VEVENT (a series, or one moved instance) shares."""

    uid: str
    title: str
    skip: str  # why its occurrences are left out ("" if they are not)
    people: tuple[int, ...]
    channel: str
    recurring: bool
    recurrence_id: Any  # of a moved instance


def _expand(calendar: icalendar.Calendar, end: datetime) -> Iterator[tuple[Any, Any]]:
    """(VEVENT, start) of every occurrence until `end`; moved instances replace the
    occurrence they move. Read from the library's occurrences rather than the copies of
    the event it makes for each, which cost a millisecond apiece."""
    try:
        query = recurring_ical_events.of(calendar)
        occurrences = query._occurrences_between(
            query.to_datetime(date(1900, 1, 1)), query.to_datetime(end)
        )
        for occurrence in occurrences:
            yield occurrence._adapter._component, occurrence.start
    except CaptureError:
        raise
    except Exception as error:
        raise CaptureError(f"cannot expand the recurring events ({error}).") from error


def _event(component: Any, known: KnownPeople, me: set[str]) -> _Event:
    title = str(component.get("SUMMARY", "")).strip() or "(no title)"
    status = str(component.get("STATUS", "")).upper()
    attendees = attendees_of(component)
    people = tuple(_people(component, known, me))
    others = [a for a in attendees if a.is_person and a.email not in me]
    skip = ""
    if status == "CANCELLED" or _CANCELLED_PREFIX.match(title):
        skip = "cancelled"
    elif any(a.declined and a.email in me for a in attendees):
        skip = "you declined"
    elif not people:
        skip = "only you in the event" if attendees and not others else "nobody you know"
    return _Event(
        uid=str(component.get("UID", "")) or f"no-uid:{title}",
        title=title[:300],
        skip=skip,
        people=people,
        channel=_channel(component, title),
        recurring=bool(component.get("RRULE") or component.get("RDATE")),
        recurrence_id=_dt(component, "RECURRENCE-ID"),
    )


def _count(events: list[icalendar.Event]) -> int:
    return sum(1 for e in events if "RECURRENCE-ID" not in e) or len(events)


def _calendar_owner(calendar: icalendar.Calendar) -> set[str]:
    """Google names an exported calendar by its owner's address (X-WR-CALNAME)."""
    key = email_key(str(calendar.get("X-WR-CALNAME", "")))
    return {key} if key else set()


def attendees_of(event: icalendar.Event) -> list[Attendee]:
    found = []
    for name in ("ORGANIZER", "ATTENDEE"):
        values = event.get(name, [])
        for value in values if isinstance(values, list) else [values]:
            found.append(_attendee(value, organizer=name == "ORGANIZER"))
    return found


def _attendee(value: Any, *, organizer: bool) -> Attendee:
    params = getattr(value, "params", {})
    address = str(params.get("EMAIL", "")) or str(value)
    key = email_key(address.removeprefix("MAILTO:").removeprefix("mailto:"))
    cutype = str(params.get("CUTYPE", "INDIVIDUAL")).upper()
    partstat = str(params.get("PARTSTAT", "")).upper()
    is_person = cutype not in _NOT_PEOPLE and not key.endswith(_NOT_PEOPLE_DOMAINS)
    name = str(params.get("CN", "")).strip().strip('"')
    if email_key(name):
        name = ""  # Apple writes the address as the name
    return Attendee(key, name, partstat == "DECLINED" and not organizer, is_person)


def _people(event: icalendar.Event, known: KnownPeople, me: set[str]) -> list[int]:
    found: dict[int, None] = {}
    for attendee in attendees_of(event):
        if attendee.email in me or not attendee.is_person:
            continue
        pk = known.by_address(attendee.email) if attendee.email else None
        if pk is None and attendee.name:
            pk = known.named(attendee.name)
        if pk is not None:
            found[pk] = None
    for pk in known.in_text(str(event.get("SUMMARY", ""))):
        found[pk] = None
    return list(found)


def _mentions_known(event: icalendar.Event, known: KnownPeople) -> bool:
    return bool(_people(event, known, set()))


def _take(event: _Event, start: Any, result: CalendarRead) -> None:
    if event.skip:
        result.skipped[event.skip] += 1
        return
    if not isinstance(start, date):
        result.skipped["no start"] += 1
        return
    result.occurrences.append(
        Occurrence(
            key=_key(event, start),
            starts_at=_aware(start),
            all_day=not isinstance(start, datetime),
            title=event.title,
            people=event.people,
            channel=event.channel,
        )
    )


def _key(event: _Event, start: date) -> str:
    """UID and RECURRENCE-ID: a moved instance's own, a generated one's start."""
    when = event.recurrence_id if isinstance(event.recurrence_id, date) else None
    if when is None and event.recurring:
        when = start
    if when is None:
        return f"ics:{event.uid}"[:500]
    stamp = _aware(when).isoformat() if isinstance(when, datetime) else when.isoformat()
    return f"ics:{event.uid}:{stamp}"[:500]


def _dt(event: icalendar.Event, name: str) -> Any:
    return getattr(event.get(name), "dt", None)


def _aware(value: date | datetime) -> datetime:
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0))
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return value.astimezone(timezone.get_current_timezone())


def _channel(event: icalendar.Event, title: str) -> str:
    where = " ".join(str(event.get(name, "")) for name in ("LOCATION", "URL", "DESCRIPTION"))
    conference = event.get("CONFERENCE") or event.get("X-GOOGLE-CONFERENCE")
    if conference or _VIDEO.search(where):
        return Channel.VIDEO
    if _CALL.search(title):
        return Channel.CALL
    return Channel.COFFEE


def occurrences_keys(occurrences: Iterable[Occurrence]) -> set[str]:
    return {o.key for o in occurrences}
