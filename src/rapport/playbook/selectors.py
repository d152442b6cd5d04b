"""Reads for the playbook: today's nudges, follow-ups, goals and the check before applying."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, F, Q, QuerySet, When
from django.http import Http404
from django.utils import timezone

from rapport.accounts.models import User
from rapport.capture.selectors import inbox_count
from rapport.companies.models import ApplyOrder, Company
from rapport.conversations.models import Conversation
from rapport.conversations.selectors import with_summary
from rapport.core.versions import cached
from rapport.opportunities.models import Opportunity, Stage
from rapport.people.models import Person
from rapport.playbook.facts import (
    Facts,
    Staff,
    Week,
    facts_load,
    settings_for,
    staff_at,
    talked_since,
    talks_count_from,
)
from rapport.playbook.models import FollowUp, NudgeState, PlaybookSettings
from rapport.playbook.nudges import Nudge, NudgeKind
from rapport.playbook.rules import nudges_compute

# The noisiest rules show only their first few nudges; dismissing one brings the next.
PER_KIND_LIMIT = {
    NudgeKind.KEEP_IN_TOUCH: 10,
    NudgeKind.TARGET_NO_CONTACT: 5,
    NudgeKind.LEAD_NO_INSIGHT: 10,
    NudgeKind.JOB_CHANGE: 10,
}
FOLLOW_UP_HORIZON = timedelta(days=7)
# Today shows what a person can act on today; the rest is one "Show all" away.
TODAY_NUDGES = 12
TODAY_FOLLOWUPS = 10
TODAY_CONVERSATIONS = 8  # this week's newest; the rest are on the conversations page


@dataclass(frozen=True)
class Snoozed:
    nudge: Nudge
    until: date


@dataclass(frozen=True)
class NudgePlan:
    facts: Facts
    visible: list[Nudge]  # most urgent first
    snoozed: list[Snoozed]
    dismissed: list[Nudge] = field(default_factory=list)  # or done ("I sent it")


def nudge_plan(*, owner: User, today: date) -> NudgePlan:
    """Today's nudges, less those the user dismissed or snoozed (a fixed number of queries)."""
    facts = facts_load(owner=owner, today=today)
    candidates = nudges_compute(facts)
    keys = [nudge.key for nudge in candidates]
    states = {s.key: s for s in NudgeState.objects.filter(owner=owner, key__in=keys)}
    visible: list[Nudge] = []
    snoozed: list[Snoozed] = []
    dismissed: list[Nudge] = []
    for nudge in candidates:
        state = states.get(nudge.key)
        if state is None or not state.hides(today):
            visible.append(nudge)
        elif state.dismissed_at is None and state.snoozed_until:
            snoozed.append(Snoozed(nudge, state.snoozed_until))
        else:
            dismissed.append(nudge)
    return NudgePlan(facts, _capped(visible), snoozed, dismissed)


def _capped(nudges: list[Nudge]) -> list[Nudge]:
    shown: Counter[NudgeKind] = Counter()
    kept = []
    for nudge in nudges:
        shown[nudge.kind] += 1
        if shown[nudge.kind] <= PER_KIND_LIMIT.get(nudge.kind, len(nudges)):
            kept.append(nudge)
    return kept


def nudges_for_today(*, owner: User, today: date | None = None) -> list[Nudge]:
    return nudge_plan(owner=owner, today=today or timezone.localdate()).visible


def followups_open(*, owner: User, today: date) -> QuerySet[FollowUp]:
    """Open follow-ups due by a week from today (snoozed ones by their new date), soonest first.

    `due` is `FollowUp.due()` in SQL: the snooze date when it is later than the due date.
    """
    horizon = today + FOLLOW_UP_HORIZON
    return (
        FollowUp.objects.filter(owner=owner, done_at__isnull=True, due_on__lte=horizon)
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=horizon))
        .annotate(
            due_sql=Case(
                When(snoozed_until__gt=F("due_on"), then=F("snoozed_until")),
                default=F("due_on"),
            )
        )
        .select_related("person", "opportunity__company")
        .order_by("due_sql", "pk")
    )


def followups_due(*, owner: User, today: date) -> list[FollowUp]:
    """Every open follow-up due by a week from today, soonest first."""
    return list(followups_open(owner=owner, today=today))


@dataclass(frozen=True)
class FollowUpCounts:
    total: int  # due by a week from today
    due_now: int  # due today or overdue


def followup_counts(*, owner: User, today: date) -> FollowUpCounts:
    rows = followups_open(owner=owner, today=today).select_related(None).order_by()
    counts = rows.aggregate(total=Count("pk"), due_now=Count("pk", filter=Q(due_sql__lte=today)))
    return FollowUpCounts(counts["total"], counts["due_now"])


def followup_get(*, owner: User, pk: int) -> FollowUp:
    followup = FollowUp.objects.filter(owner=owner, pk=pk).first()
    if followup is None:
        raise Http404("No such follow-up.")
    return followup


@dataclass(frozen=True)
class GoalProgress:
    label: str
    done: int
    goal: int

    @property
    def met(self) -> bool:
        return self.done >= self.goal

    @property
    def percent(self) -> int:
        return 100 if self.goal == 0 else min(100, round(100 * self.done / self.goal))

    @property
    def bar(self) -> tuple[int, int]:
        """(value, max) for a <progress> bar; a goal of 0 shows as full."""
        return (1, 1) if self.goal == 0 else (min(self.done, self.goal), self.goal)


def goal_progress(settings: PlaybookSettings, week: Week) -> list[GoalProgress]:
    return [
        GoalProgress("Conversations", week.conversations, settings.goal_conversations),
        GoalProgress("New names", week.names, settings.goal_names),
        GoalProgress("Gave back", week.gave, settings.goal_gave),
    ]


@dataclass(frozen=True)
class KindCount:
    kind: NudgeKind
    count: int


def kind_counts(nudges: list[Nudge]) -> list[KindCount]:
    """How many nudges of each kind, in the order kinds first appear (most urgent first)."""
    counts = Counter(nudge.kind for nudge in nudges)
    return [KindCount(kind, count) for kind, count in counts.items()]


@dataclass(frozen=True)
class TodayPage:
    today: date
    settings: PlaybookSettings
    nudges: list[Nudge]  # the most urgent first, at most TODAY_NUDGES
    nudge_total: int  # all visible nudges: the full, paginated list
    nudge_kinds: list[KindCount]
    followups: list[FollowUp]  # due soonest first, at most TODAY_FOLLOWUPS
    followup_counts: FollowUpCounts
    conversations: list[Conversation]  # this week's, newest first, at most TODAY_CONVERSATIONS
    week: Week
    goals: list[GoalProgress]
    is_new: bool  # nothing recorded yet: the page teaches the playbook instead
    inbox: int = 0  # suggestions captured from calendar and mail, waiting to be confirmed
    hidden: int = 0  # nudges snoozed or dismissed that still apply (they can be restored)

    @property
    def conversations_more(self) -> int:
        return self.week.conversations - len(self.conversations)

    @property
    def followup_total(self) -> int:
        return self.followup_counts.total

    @property
    def nudges_more(self) -> int:
        return self.nudge_total - len(self.nudges)

    @property
    def followups_more(self) -> int:
        return self.followup_total - len(self.followups)

    @property
    def followups_due_now(self) -> list[FollowUp]:
        """Those shown that are due today or overdue (they sort first)."""
        return [f for f in self.followups if f.due() <= self.today]

    @property
    def followups_due_now_more(self) -> int:
        return self.followup_counts.due_now - len(self.followups_due_now)


def today_page(*, owner: User, today: date, version: str = "") -> TodayPage:
    """The Today page's data, computed again only when the owner's data or the date change.

    `version`: the owner's `data_version` when the caller has read it already.
    """
    return cached("today", owner.pk, today, lambda: _today_page_compute(owner, today), version)


def _today_page_compute(owner: User, today: date) -> TodayPage:
    plan = nudge_plan(owner=owner, today=today)
    week = plan.facts.week
    conversations = Conversation.objects.filter(
        owner=owner, occurred_on__range=(week.start, week.end)
    ).order_by("-occurred_on", "-pk")
    return TodayPage(
        today=today,
        settings=plan.facts.settings,
        nudges=plan.visible[:TODAY_NUDGES],
        nudge_total=len(plan.visible),
        nudge_kinds=kind_counts(plan.visible),
        followups=list(followups_open(owner=owner, today=today)[:TODAY_FOLLOWUPS]),
        followup_counts=followup_counts(owner=owner, today=today),
        conversations=list(with_summary(conversations)[:TODAY_CONVERSATIONS]),
        week=week,
        goals=goal_progress(plan.facts.settings, week),
        is_new=_is_new(owner),
        # Counted when the page is computed: suggestions are watched by the data version,
        # so any capture or answer recomputes it (a meeting that ends later today shows
        # once something else changes, or tomorrow).
        inbox=inbox_count(owner=owner, now=timezone.now()),
        hidden=len(plan.snoozed) + len(plan.dismissed),
    )


def _is_new(owner: User) -> bool:
    return not (
        Person.objects.filter(owner=owner).exists() or Company.objects.filter(owner=owner).exists()
    )


def playbook_settings_get(*, owner: User) -> PlaybookSettings:
    return settings_for(owner)


@dataclass(frozen=True)
class ApplyCheck:
    """Before you apply: whom you know at the company and talked to lately, and whether its
    referral protocol asks for a referral you do not have yet."""

    opportunity: Opportunity
    people: list[Staff]  # works there now; those you talked to most recently first
    counts_from: date  # conversations before this day do not count (`talks_count_from`)

    @property
    def talked_to(self) -> list[Staff]:
        """Those you talked to since the lead was saved, or recently."""
        return talked_since(self.people, self.counts_from)

    @property
    def talked_before(self) -> list[Staff]:
        """Those you talked to only before then (an old imported message, say)."""
        recent = {s.person.pk for s in self.talked_to}
        return [s for s in self.people if s.last_talked and s.person.pk not in recent]

    @property
    def has_conversation(self) -> bool:
        return bool(self.talked_to)

    @property
    def referral_first(self) -> bool:
        return self.opportunity.company.referral_apply_order == ApplyOrder.REFERRAL_FIRST

    @property
    def needs_referral(self) -> bool:
        """The company wants the referral before the application, and none is recorded."""
        referred = self.opportunity.referrer_id is not None
        return self.referral_first and not (referred or self.opportunity.stage == Stage.REFERRED)

    @property
    def needs_confirmation(self) -> bool:
        """Applying now would skip the playbook: talk to someone there first, and get the
        referral first where that is how the company works."""
        return not self.has_conversation or self.needs_referral


def apply_check(*, opportunity: Opportunity, today: date | None = None) -> ApplyCheck:
    today = today or timezone.localdate()
    staff = staff_at(opportunity.owner, {opportunity.company_id})
    saved_on = timezone.localdate(opportunity.created_at)
    return ApplyCheck(
        opportunity=opportunity,
        people=staff.get(opportunity.company_id, []),
        counts_from=talks_count_from(saved_on, today),
    )
