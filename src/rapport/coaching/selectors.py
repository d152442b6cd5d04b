"""What a coach may see of a student's progress: counts and signals, never content.

Read for any number of students at once in a fixed handful of grouped queries (GROUP BY
owner over the students' ids), so a cohort's dashboard costs the same few queries as one
student's page. Nothing here reads a note, a name of a contact, or what was said: only
stages, dates and counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, DateField, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Least, TruncDate
from django.utils import timezone

from rapport.accounts.models import User
from rapport.conversations.models import Conversation
from rapport.opportunities.models import Opportunity, Stage
from rapport.outreach.models import Attempt
from rapport.playbook.facts import RECENT_TALK_DAYS, week_bounds
from rapport.playbook.models import FollowUp

WEEKS = 8
QUIET_DAYS = 14  # no conversation for this long: a stuck signal
BEFORE_APPLYING = frozenset({Stage.LEAD, Stage.RESEARCHING, Stage.CONNECTED, Stage.REFERRED})


@dataclass(frozen=True)
class WeekCount:
    start: date
    conversations: int
    attempts: int


@dataclass
class Progress:
    """One student's progress as a coach sees it."""

    student_id: int
    name: str
    today: date
    stages: dict[str, int] = field(default_factory=dict)
    weeks: list[WeekCount] = field(default_factory=list)  # oldest first, this week last
    last_conversation: date | None = None
    applied_without_contact: int = 0  # applications with nobody talked to at the company
    overdue_followups: int = 0

    @property
    def stage_counts(self) -> list[tuple[str, int]]:
        """(label, count) for every stage of the board, in the board's order."""
        return [(stage.label, self.stages.get(stage.value, 0)) for stage in Stage]

    def _count(self, stages: frozenset[Stage]) -> int:
        return sum(self.stages.get(stage.value, 0) for stage in stages)

    @property
    def before_applying(self) -> int:
        return self._count(BEFORE_APPLYING)

    @property
    def applied(self) -> int:
        return self._count(frozenset({Stage.APPLIED}))

    @property
    def interviewing(self) -> int:
        return self._count(frozenset({Stage.INTERVIEWING, Stage.OFFER}))

    @property
    def quiet_days(self) -> int | None:
        """Days since the last conversation (None: never had one)."""
        return (
            None if self.last_conversation is None else (self.today - self.last_conversation).days
        )

    @property
    def is_quiet(self) -> bool:
        days = self.quiet_days
        return days is None or days >= QUIET_DAYS

    @property
    def signals(self) -> list[str]:
        """The stuck signals, in words."""
        found = []
        if self.is_quiet:
            days = self.quiet_days
            found.append(
                "No conversation yet" if days is None else f"No conversation in {days} days"
            )
        if self.applied_without_contact:
            n = self.applied_without_contact
            found.append(f"{n} application{'s' if n != 1 else ''} with no contact at the company")
        if self.overdue_followups:
            n = self.overdue_followups
            found.append(f"{n} overdue follow-up{'s' if n != 1 else ''}")
        return found

    @property
    def stuck_key(self) -> tuple[int, int, int, str]:
        """Sorts the most stuck first: more signals, then longer quiet, then more overdue."""
        days = self.quiet_days
        return (
            -len(self.signals),
            -(days if days is not None else 10**6),
            -self.overdue_followups,
            self.name.lower(),
        )

    @property
    def conversations_total(self) -> int:
        return sum(week.conversations for week in self.weeks)

    @property
    def attempts_total(self) -> int:
        return sum(week.attempts for week in self.weeks)


def first_week(today: date) -> date:
    """The Monday of the oldest of the `WEEKS` weeks shown (this week is the last)."""
    return week_bounds(today)[0] - timedelta(weeks=WEEKS - 1)


def progress_for(*, student_ids: list[int], today: date) -> dict[int, Progress]:
    """Each student's progress, by id: six queries, whatever the number of students."""
    # The last conversation is one probe of the (owner, -occurred_on) index per student,
    # not a read of all their conversations.
    last = Conversation.objects.filter(owner_id=OuterRef("pk"), occurred_on__lte=today)
    rows = (
        User.objects.filter(pk__in=student_ids)
        .annotate(last=Subquery(last.order_by("-occurred_on").values("occurred_on")[:1]))
        .values_list("pk", "username", "last")
    )
    found = {pk: Progress(pk, name, today, last_conversation=day) for pk, name, day in rows}
    if not found:
        return found
    ids = list(found)
    for owner_id, stage, n in _stage_counts(ids):
        found[owner_id].stages[stage] = n
    _weeks(found, ids, today)
    for owner_id, n in _applied_without_contact(ids, today):
        found[owner_id].applied_without_contact = n
    for owner_id, n in _overdue_followups(ids, today):
        found[owner_id].overdue_followups = n
    return found


def _stage_counts(ids: list[int]) -> list[tuple[int, str, int]]:
    rows = Opportunity.objects.filter(owner_id__in=ids).values("owner_id", "stage")
    return list(rows.annotate(n=Count("pk")).values_list("owner_id", "stage", "n").order_by())


def _weeks(found: dict[int, Progress], ids: list[int], today: date) -> None:
    start = first_week(today)
    end = week_bounds(today)[1]
    talks: dict[tuple[int, date], int] = defaultdict(int)
    sent: dict[tuple[int, date], int] = defaultdict(int)
    conversations = (
        Conversation.objects.filter(owner_id__in=ids, occurred_on__range=(start, end))
        .values("owner_id", "occurred_on")
        .annotate(n=Count("pk"))
        .values_list("owner_id", "occurred_on", "n")
        .order_by()
    )
    for owner_id, day, n in conversations:
        talks[owner_id, _monday(start, day)] += n
    attempts = (
        Attempt.objects.filter(owner_id__in=ids, sent_at__gte=_midnight(start))
        .filter(sent_at__lt=_midnight(end + timedelta(days=1)))
        .annotate(day=TruncDate("sent_at"))
        .values("owner_id", "day")
        .annotate(n=Count("pk"))
        .values_list("owner_id", "day", "n")
        .order_by()
    )
    for owner_id, day, n in attempts:
        sent[owner_id, _monday(start, day)] += n
    mondays = [start + timedelta(weeks=i) for i in range(WEEKS)]
    for pk, progress in found.items():
        progress.weeks = [WeekCount(m, talks[pk, m], sent[pk, m]) for m in mondays]


def _monday(first: date, day: date) -> date:
    """The Monday of `day`'s week, counted from `first` (a Monday): `week_bounds`, cheaper."""
    return first + timedelta(weeks=(day - first).days // 7)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _applied_without_contact(ids: list[int], today: date) -> list[tuple[int, int]]:
    """Applications (stage Applied) where the student has talked to nobody who works at the
    company: the check before applying (`playbook.selectors.apply_check`, `has_conversation`)
    for all of them in one query. A talk counts from the day the lead was saved, or from
    `RECENT_TALK_DAYS` ago if that is earlier (`playbook.facts.talks_count_from`)."""
    recent = Value(today - timedelta(days=RECENT_TALK_DAYS), output_field=DateField())
    talked = Conversation.participants.through.objects.filter(
        conversation__owner_id=OuterRef("owner_id"),
        conversation__occurred_on__gte=OuterRef("counts_from"),
        person__employments__owner_id=OuterRef("owner_id"),
        person__employments__company_id=OuterRef("company_id"),
        person__employments__is_current=True,
    )
    rows = (
        Opportunity.objects.filter(owner_id__in=ids, stage=Stage.APPLIED)
        .annotate(counts_from=Least(TruncDate("created_at"), recent))
        .filter(~Exists(talked))
        .values("owner_id")
        .annotate(n=Count("pk"))
        .values_list("owner_id", "n")
        .order_by()
    )
    return list(rows)


def _overdue_followups(ids: list[int], today: date) -> list[tuple[int, int]]:
    """Open follow-ups whose day has passed (`FollowUp.due()`: a later snooze date counts)."""
    due = Case(When(snoozed_until__gt=F("due_on"), then=F("snoozed_until")), default=F("due_on"))
    rows = (
        FollowUp.objects.filter(owner_id__in=ids, done_at__isnull=True)
        .annotate(due_sql=due)
        .filter(due_sql__lt=today)
        .values("owner_id")
        .annotate(n=Count("pk"))
        .values_list("owner_id", "n")
        .order_by()
    )
    return list(rows)


def cohort_totals(progress: list[Progress], today: date) -> Progress:
    """The same counts summed over the students (the dashboard's first line)."""
    total = Progress(0, "All who let you see", today)
    for one in progress:
        for stage, n in one.stages.items():
            total.stages[stage] = total.stages.get(stage, 0) + n
        total.applied_without_contact += one.applied_without_contact
        total.overdue_followups += one.overdue_followups
    if progress:
        total.weeks = [
            WeekCount(
                week.start,
                sum(p.weeks[i].conversations for p in progress),
                sum(p.weeks[i].attempts for p in progress),
            )
            for i, week in enumerate(progress[0].weeks)
        ]
    return total


def quiet_count(progress: list[Progress]) -> int:
    return sum(1 for p in progress if p.is_quiet)
