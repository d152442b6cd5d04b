"""Reads of the outreach app, always scoped to one owner.

An attempt is answered when the person replied: a conversation logged with them on or
after the day it was sent, mail from them captured after it (rapport.capture), or the user
saying so. Replies are read for many attempts in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median
from typing import TypeVar

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.conversations.models import Conversation, Touch, TouchDirection
from rapport.outreach.drafts import DraftFacts
from rapport.outreach.models import Attempt, AttemptKind
from rapport.people.models import ContactKind, ContactPoint, Person

WAITING_WINDOW = timedelta(days=60)  # an older unanswered message no longer asks for action
SHOWN = 20
T = TypeVar("T")


class ReplyHow:
    CONVERSATION = "conversation"
    MAIL = "mail"
    NOTED = "noted"


@dataclass(frozen=True)
class Reply:
    on: date
    how: str  # a ReplyHow

    @property
    def label(self) -> str:
        return {
            ReplyHow.CONVERSATION: "you talked",
            ReplyHow.MAIL: "they wrote back",
            ReplyHow.NOTED: "they replied",
        }[self.how]


@dataclass(frozen=True)
class AttemptRow:
    """An attempt with its reply, if any."""

    attempt: Attempt
    reply: Reply | None

    @property
    def sent_on(self) -> date:
        return timezone.localdate(self.attempt.sent_at)

    @property
    def days_to_reply(self) -> int | None:
        return (self.reply.on - self.sent_on).days if self.reply else None


def _sent_on(attempt: Attempt) -> date:
    return timezone.localdate(attempt.sent_at)


def replies_to(*, owner: User, attempts: Sequence[Attempt]) -> dict[int, Reply]:
    """The first reply to each attempt that has one (two queries, whatever the number)."""
    if not attempts:
        return {}
    people = {a.person_id for a in attempts}
    first_day = min(_sent_on(a) for a in attempts)
    first_sent = min(a.sent_at for a in attempts)
    talks: dict[int, list[date]] = _by_person(
        Conversation.participants.through.objects.filter(
            conversation__owner=owner,
            person_id__in=people,
            conversation__occurred_on__gte=first_day,
        ).values_list("person_id", "conversation__occurred_on")
    )
    mails: dict[int, list[datetime]] = _by_person(
        Touch.objects.filter(
            owner=owner,
            person_id__in=people,
            direction=TouchDirection.RECEIVED,
            occurred_at__gt=first_sent,
        ).values_list("person_id", "occurred_at")
    )
    replies: dict[int, Reply] = {}
    for attempt in attempts:
        person = attempt.person_id
        reply = _first_reply(attempt, talks.get(person, []), mails.get(person, []))
        if reply is not None:
            replies[attempt.pk] = reply
    return replies


def _by_person(rows: Iterable[tuple[int, T]]) -> dict[int, list[T]]:
    found: dict[int, list[T]] = defaultdict(list)
    for person_id, when in rows:
        found[person_id].append(when)
    return found


def _first_reply(attempt: Attempt, talks: list[date], mails: list[datetime]) -> Reply | None:
    found: list[Reply] = []
    if attempt.replied_on is not None:
        found.append(Reply(attempt.replied_on, ReplyHow.NOTED))
    if later := [day for day in talks if day >= _sent_on(attempt)]:
        found.append(Reply(min(later), ReplyHow.CONVERSATION))
    if written := [at for at in mails if at > attempt.sent_at]:
        found.append(Reply(timezone.localdate(min(written)), ReplyHow.MAIL))
    return min(found, key=lambda reply: reply.on) if found else None


def _rows(owner: User, attempts: QuerySet[Attempt]) -> list[AttemptRow]:
    shown = list(attempts.select_related("person", "company", "introduce_to"))
    replies = replies_to(owner=owner, attempts=shown)
    return [AttemptRow(a, replies.get(a.pk)) for a in shown]


def attempts_of_person(*, owner: User, person: Person, limit: int = SHOWN) -> list[AttemptRow]:
    """The latest messages the user sent the person, newest first."""
    return _rows(owner, Attempt.objects.filter(owner=owner, person=person)[:limit])


def attempts_at_company(*, owner: User, company: Company, limit: int = SHOWN) -> list[AttemptRow]:
    """The latest messages the user sent about the company, newest first."""
    return _rows(owner, Attempt.objects.filter(owner=owner, company=company)[:limit])


def attempts_recent(*, owner: User, limit: int = 100) -> list[AttemptRow]:
    """The user's latest messages, newest first, each with its reply."""
    return _rows(owner, Attempt.objects.filter(owner=owner)[:limit])


def attempt_get(*, owner: User, pk: int) -> Attempt:
    attempt = (
        Attempt.objects.filter(owner=owner, pk=pk)
        .select_related("person", "company", "introduce_to", "follows")
        .first()
    )
    if attempt is None:
        raise Http404("No such message.")
    return attempt


def attempt_row(*, owner: User, attempt: Attempt) -> AttemptRow:
    return AttemptRow(attempt, replies_to(owner=owner, attempts=[attempt]).get(attempt.pk))


# What the playbook's 3B7 rules read.


@dataclass(frozen=True)
class Waiting:
    """A message still waiting for a reply, as the 3B7 rules need it (no model objects)."""

    pk: int
    person_id: int
    person_name: str
    company_id: int | None
    company_name: str
    kind: str
    sent_on: date
    subject: str
    introduce_to_id: int | None  # an introduction request: whom it asked to meet
    followed_up: bool  # the user wrote to the person again since
    tried_another: bool  # since then, the user wrote to, or talked with, someone else there


def attempts_waiting(*, owner: User, today: date) -> list[Waiting]:
    """Unanswered messages of the last WAITING_WINDOW, oldest first (three queries, four
    when some of them name a company)."""
    since = timezone.make_aware(datetime.combine(today - WAITING_WINDOW, datetime.min.time()))
    attempts = list(
        Attempt.objects.filter(owner=owner, sent_at__gte=since)
        .select_related("person", "company")
        .order_by("sent_at", "pk")
    )
    if not attempts:
        return []
    replies = replies_to(owner=owner, attempts=attempts)
    talked_about = _talked_about(owner, attempts)
    waiting = []
    for attempt in attempts:
        if attempt.pk in replies or attempt.kind == AttemptKind.FOLLOW_UP:
            continue
        later = [a for a in attempts if a.sent_at > attempt.sent_at]
        followed_up = any(a.person_id == attempt.person_id for a in later) or any(
            a.follows_id == attempt.pk for a in attempts
        )
        elsewhere = attempt.company_id is not None and (
            any(
                a.company_id == attempt.company_id and a.person_id != attempt.person_id
                for a in later
            )
            or any(d >= _sent_on(attempt) for d in talked_about.get(attempt.company_id, []))
        )
        waiting.append(
            Waiting(
                pk=attempt.pk,
                person_id=attempt.person_id,
                person_name=attempt.person.full_name,
                company_id=attempt.company_id,
                company_name=attempt.company.name if attempt.company else "",
                kind=attempt.kind,
                sent_on=_sent_on(attempt),
                subject=attempt.subject,
                introduce_to_id=attempt.introduce_to_id,
                followed_up=followed_up,
                tried_another=elsewhere,
            )
        )
    return waiting


def _talked_about(owner: User, attempts: list[Attempt]) -> dict[int, list[date]]:
    """The days of conversations about each company the attempts name."""
    companies = {a.company_id for a in attempts if a.company_id is not None}
    if not companies:
        return {}
    first = min(_sent_on(a) for a in attempts)
    rows = Conversation.companies.through.objects.filter(
        conversation__owner=owner, company_id__in=companies, conversation__occurred_on__gte=first
    ).values_list("company_id", "conversation__occurred_on")
    found: dict[int, list[date]] = defaultdict(list)
    for company_id, on in rows:
        found[company_id].append(on)
    return found


# Drafts: the facts a template fills in.


def sender_name(owner: User) -> str:
    return owner.get_full_name() or owner.first_name or owner.username


def first_name(person: Person) -> str:
    return (person.first_name or person.full_name).split()[0]


def email_of(*, person: Person) -> str:
    point = (
        ContactPoint.objects.filter(owner_id=person.owner_id, person=person, kind=ContactKind.EMAIL)
        .order_by("pk")
        .first()
    )
    return point.value if point else ""


def _job_at(person: Person, company: Company | None) -> tuple[str, bool]:
    """(the person's current title at the company, whether they used to work there)."""
    if company is None:
        return "", False
    jobs = list(
        Employment.objects.filter(owner_id=person.owner_id, person=person, company=company)
        .order_by("-is_current", "pk")
        .values_list("title", "is_current")
    )
    current = [title for title, is_current in jobs if is_current]
    return (current[0] if current else ""), bool(jobs) and not current


def worked_at(*, person: Person, company: Company) -> bool:
    """Whether the person used to work at the company (and does not now)."""
    return _job_at(person, company)[1]


def draft_facts(
    *,
    owner: User,
    person: Person,
    company: Company | None = None,
    introduce_to: Person | None = None,
    follows: Attempt | None = None,
) -> DraftFacts:
    """What Rapport knows that a draft to `person` can say."""
    title, worked_there = _job_at(person, company)
    target_title = _job_at(introduce_to, company)[0] if introduce_to else ""
    introducer = person.introduced_by
    return DraftFacts(
        first_name=first_name(person),
        sender=sender_name(owner),
        company=company.name if company else "",
        title=title,
        worked_there=worked_there,
        introduced_by=introducer.full_name if introducer else "",
        how_we_met=person.how_we_met,
        target_name=introduce_to.full_name if introduce_to else "",
        target_title=target_title,
        sent_on=_sent_on(follows) if follows else None,
        subject=follows.subject if follows else "",
    )


def current_company(*, person: Person) -> Company | None:
    job = (
        Employment.objects.filter(owner_id=person.owner_id, person=person, is_current=True)
        .select_related("company")
        .order_by("started_on", "pk")
        .first()
    )
    return job.company if job else None


# The weekly review.


@dataclass(frozen=True)
class OutreachStats:
    sent_days: list[date]  # the day each message went out
    replied: int
    median_days: float | None  # from sending to the first reply, for those answered

    @property
    def sent(self) -> int:
        return len(self.sent_days)

    @property
    def reply_percent(self) -> int:
        return round(100 * self.replied / self.sent) if self.sent else 0


def outreach_stats(*, owner: User, start: date, end: date) -> OutreachStats:
    """Messages sent between `start` and `end` (inclusive), and how many were answered."""
    since = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), datetime.min.time()))
    attempts = list(
        Attempt.objects.filter(owner=owner, sent_at__gte=since, sent_at__lt=until).order_by()
    )
    rows = [AttemptRow(a, r) for a, r in _with_replies(owner, attempts)]
    delays = [row.days_to_reply for row in rows if row.days_to_reply is not None]
    return OutreachStats(
        sent_days=sorted(row.sent_on for row in rows),
        replied=len(delays),
        median_days=median(delays) if delays else None,
    )


def _with_replies(owner: User, attempts: list[Attempt]) -> list[tuple[Attempt, Reply | None]]:
    replies = replies_to(owner=owner, attempts=attempts)
    return [(a, replies.get(a.pk)) for a in attempts]
