"""Reads for the playbook: today's nudges, follow-ups, goals and the check before applying."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.conversations.models import Conversation
from rapport.conversations.selectors import with_summary
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person
from rapport.playbook.facts import Facts, Staff, Week, facts_load, settings_for, staff_at
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


@dataclass(frozen=True)
class Snoozed:
    nudge: Nudge
    until: date


@dataclass(frozen=True)
class NudgePlan:
    facts: Facts
    visible: list[Nudge]  # most urgent first
    snoozed: list[Snoozed]


def nudge_plan(*, owner: User, today: date) -> NudgePlan:
    """Today's nudges, less those the user dismissed or snoozed (a fixed number of queries)."""
    facts = facts_load(owner=owner, today=today)
    candidates = nudges_compute(facts)
    keys = [nudge.key for nudge in candidates]
    states = {s.key: s for s in NudgeState.objects.filter(owner=owner, key__in=keys)}
    visible: list[Nudge] = []
    snoozed: list[Snoozed] = []
    for nudge in candidates:
        state = states.get(nudge.key)
        if state is None or not state.hides(today):
            visible.append(nudge)
        elif state.dismissed_at is None and state.snoozed_until:
            snoozed.append(Snoozed(nudge, state.snoozed_until))
    return NudgePlan(facts, _capped(visible), snoozed)


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


def followups_due(*, owner: User, today: date) -> list[FollowUp]:
    """Open follow-ups due by a week from today (snoozed ones by their new date)."""
    horizon = today + FOLLOW_UP_HORIZON
    rows = (
        FollowUp.objects.filter(owner=owner, done_at__isnull=True, due_on__lte=horizon)
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=horizon))
        .select_related("person", "opportunity__company")
    )
    return sorted(rows, key=lambda f: (f.due(), f.pk))


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
class TodayPage:
    today: date
    settings: PlaybookSettings
    nudges: list[Nudge]
    followups: list[FollowUp]
    conversations: list[Conversation]  # this week's, newest first
    week: Week
    goals: list[GoalProgress]
    is_new: bool  # nothing recorded yet: the page teaches the playbook instead

    @property
    def followups_due_now(self) -> list[FollowUp]:
        return [f for f in self.followups if f.due() <= self.today]


def today_page(*, owner: User, today: date) -> TodayPage:
    plan = nudge_plan(owner=owner, today=today)
    week = plan.facts.week
    conversations = Conversation.objects.filter(
        owner=owner, occurred_on__range=(week.start, week.end)
    ).order_by("-occurred_on", "-pk")
    return TodayPage(
        today=today,
        settings=plan.facts.settings,
        nudges=plan.visible,
        followups=followups_due(owner=owner, today=today),
        conversations=list(with_summary(conversations)),
        week=week,
        goals=goal_progress(plan.facts.settings, week),
        is_new=_is_new(owner),
    )


def _is_new(owner: User) -> bool:
    return not (
        Person.objects.filter(owner=owner).exists() or Company.objects.filter(owner=owner).exists()
    )


def playbook_settings_get(*, owner: User) -> PlaybookSettings:
    return settings_for(owner)


@dataclass(frozen=True)
class ApplyCheck:
    """Whom you know at the company of an opportunity, before you apply there."""

    opportunity: Opportunity
    people: list[Staff]  # works there now; those you talked to most recently first

    @property
    def talked_to(self) -> list[Staff]:
        return [s for s in self.people if s.last_talked is not None]

    @property
    def has_conversation(self) -> bool:
        return bool(self.talked_to)

    @property
    def needs_confirmation(self) -> bool:
        """Applying now would skip the playbook's first rule: talk to someone there first."""
        return not self.has_conversation


def apply_check(*, opportunity: Opportunity) -> ApplyCheck:
    staff = staff_at(opportunity.owner, {opportunity.company_id})
    return ApplyCheck(opportunity=opportunity, people=staff.get(opportunity.company_id, []))
