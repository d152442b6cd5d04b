"""The weekly review: how the connecting went, in four small charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q

from rapport.accounts.models import User
from rapport.conversations.models import Conversation, Outcome, OutcomeKind
from rapport.opportunities.models import Opportunity, Stage
from rapport.outreach.selectors import OutreachStats, outreach_stats
from rapport.playbook import charts
from rapport.playbook.facts import settings_for, week_bounds, week_counts
from rapport.playbook.selectors import GoalProgress, goal_progress

WEEKS = 12
OUTCOME_LABELS = {
    OutcomeKind.ADVICE: "Advice",
    OutcomeKind.NAME: "Names",
    OutcomeKind.LEAD: "Leads",
    OutcomeKind.INSIGHT: "Insights",
    OutcomeKind.RECOMMEND: "Companies to target",
    OutcomeKind.AVOID: "Companies to avoid",
    OutcomeKind.GAVE: "You gave back",
}


@dataclass(frozen=True)
class WeeklyReview:
    today: date
    goals: list[GoalProgress]
    weeks: charts.Chart
    outcomes: charts.Chart
    funnel: charts.Chart
    hidden: charts.Chart
    hidden_percent: int
    leads_total: int
    outreach: OutreachStats  # the last 12 weeks
    outreach_this_week: int
    outreach_weeks: charts.Chart

    @property
    def median_days_to_reply(self) -> str:
        days = self.outreach.median_days
        if days is None:
            return ""
        shown = f"{days:g}"
        return f"{shown} day{'' if days == 1 else 's'}"


def weekly_review(*, owner: User, today: date) -> WeeklyReview:
    hidden, total = _hidden_leads(owner)
    outreach = outreach_stats(owner=owner, start=_first_day(today), end=today)
    return WeeklyReview(
        today=today,
        goals=goal_progress(settings_for(owner), week_counts(owner, today)),
        weeks=charts.columns(
            "weeks", "Conversations per week, last 12 weeks", _per_week(owner, today)
        ),
        outcomes=charts.rows(
            "outcomes", "Outcomes by kind, last 12 weeks", _outcomes(owner, today)
        ),
        funnel=charts.rows("funnel", "Opportunities by stage", _funnel(owner)),
        hidden=charts.shares(
            "hidden",
            "Leads never advertised",
            [("Never advertised", hidden), ("Advertised", total - hidden)],
        ),
        hidden_percent=charts.percent(hidden, total),
        leads_total=total,
        outreach=outreach,
        outreach_this_week=sum(day >= week_bounds(today)[0] for day in outreach.sent_days),
        outreach_weeks=charts.columns(
            "outreach",
            "Outreach messages sent per week, last 12 weeks",
            _weekly(today, [(day, 1) for day in outreach.sent_days]),
        ),
    )


def _first_day(today: date) -> date:
    return week_bounds(today)[0] - timedelta(weeks=WEEKS - 1)


def _per_week(owner: User, today: date) -> list[tuple[str, int]]:
    start = _first_day(today)
    days = (
        Conversation.objects.filter(owner=owner, occurred_on__range=(start, today))
        .values_list("occurred_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _weekly(today, list(days))


def _weekly(today: date, days: list[tuple[date, int]]) -> list[tuple[str, int]]:
    """Counts by day added up by week, for the last WEEKS weeks, labelled by their Monday."""
    start = _first_day(today)
    counts = [0] * WEEKS
    for day, n in days:
        if start <= day <= today:
            counts[(day - start).days // 7] += n
    mondays = [start + timedelta(weeks=i) for i in range(WEEKS)]
    return [
        (f"{monday.day} {monday:%b}", count) for monday, count in zip(mondays, counts, strict=True)
    ]


def _outcomes(owner: User, today: date) -> list[tuple[str, int]]:
    rows = Outcome.objects.filter(owner=owner, conversation__occurred_on__gte=_first_day(today))
    counts = dict(rows.values_list("kind").annotate(n=Count("pk")).order_by())
    return [(OUTCOME_LABELS[kind], counts.get(kind.value, 0)) for kind in OutcomeKind]


def _funnel(owner: User) -> list[tuple[str, int]]:
    rows = Opportunity.objects.filter(owner=owner)
    counts = dict(rows.values_list("stage").annotate(n=Count("pk")).order_by())
    return [(stage.label, counts.get(stage.value, 0)) for stage in Stage]


def _hidden_leads(owner: User) -> tuple[int, int]:
    counts = Opportunity.objects.filter(owner=owner).aggregate(
        total=Count("pk"), hidden=Count("pk", filter=Q(advertised=False))
    )
    return counts["hidden"], counts["total"]
