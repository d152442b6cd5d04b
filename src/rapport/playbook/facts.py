"""The data the rules read, loaded in a fixed number of queries whatever the network's size.

Each loader is one aggregate or prefetching query turned into small frozen records, so
the rules in rules.py are plain functions of these records and never touch the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment, TargetStatus
from rapport.conversations.models import (
    Conversation,
    Introduction,
    IntroductionState,
    Outcome,
    OutcomeKind,
)
from rapport.core.models import Source
from rapport.opportunities.models import CLOSED_STAGES, Opportunity
from rapport.people.models import Person, Relationship
from rapport.playbook.jobs import JobChange, job_changes_since
from rapport.playbook.models import FollowUp, FollowUpKind, PlaybookSettings
from rapport.playbook.nudges import Ref

THANK_WINDOW_DAYS = 14  # an older conversation no longer asks for a thank-you
JOB_CHANGE_WINDOW_DAYS = 30
LAPSED_CANDIDATES = 200  # the longest-lapsed people considered for keep-in-touch
RECENT_CONTACTS = 3


@dataclass(frozen=True)
class Lead:
    """An open opportunity."""

    ref: Ref
    company: Ref
    stage: str
    saved_on: date
    referral_known: bool


@dataclass(frozen=True)
class Staff:
    """Someone you know who works at a company now, and when you last talked."""

    person: Ref
    last_talked: date | None


@dataclass(frozen=True)
class Talk:
    """A conversation you held, with whom."""

    pk: int
    occurred_on: date
    channel: str
    people: tuple[Ref, ...]


@dataclass(frozen=True)
class Touch:
    """Something after a conversation that counts as having thanked the person."""

    on: date
    conversation_id: int | None = None


@dataclass(frozen=True)
class Intro:
    pk: int
    introducer: Ref
    introduced: Ref
    state: str
    changed_on: date


@dataclass(frozen=True)
class Lapsed:
    """Someone you used to talk to, with what you know to give them."""

    person: Ref
    last_talked: date
    cadence_days: int
    headline: str
    company: Ref | None


@dataclass(frozen=True)
class Week:
    start: date
    end: date
    conversations: int
    names: int
    gave: int


@dataclass(frozen=True)
class Facts:
    today: date
    settings: PlaybookSettings
    leads: list[Lead]
    targets: list[Ref]
    staff: dict[int, list[Staff]]  # by company id; those talked to most recently first
    insight_opportunities: set[int]
    insight_companies: set[int]
    talks: list[Talk]
    touches: dict[int, list[Touch]]  # by person id
    intros: list[Intro]
    last_talked: dict[int, date]  # by person id, for the people in `intros`
    reported_back: dict[int, list[date]]  # done report-back follow-ups, by introducer id
    lapsed: list[Lapsed]
    recent_contacts: list[Ref]
    job_changes: list[JobChange]
    week: Week


def settings_for(owner: User) -> PlaybookSettings:
    found, _ = PlaybookSettings.objects.get_or_create(owner=owner)
    return found


def facts_load(*, owner: User, today: date) -> Facts:
    settings = settings_for(owner)
    searching = not settings.is_keep_warm()
    leads = leads_open(owner) if searching else []
    targets = targets_list(owner) if searching else []
    company_ids = {lead.company.pk for lead in leads} | {t.pk for t in targets}
    insight_opportunities, insight_companies = insights_for(owner, leads)
    talks = talks_recent(owner, today)
    intros = intros_to_close(owner)
    intro_people = {i.introducer.pk for i in intros} | {i.introduced.pk for i in intros}
    return Facts(
        today=today,
        settings=settings,
        leads=leads,
        targets=targets,
        staff=staff_at(owner, company_ids),
        insight_opportunities=insight_opportunities,
        insight_companies=insight_companies,
        talks=talks,
        touches=touches_after(owner, {p.pk for t in talks for p in t.people}, today),
        intros=intros,
        last_talked=last_talked(owner, intro_people),
        reported_back=reported_back(owner, {i.introducer.pk for i in intros}),
        lapsed=lapsed_people(owner, today, settings),
        recent_contacts=recent_contacts(owner),
        job_changes=job_changes_since(owner=owner, since=today - timedelta(JOB_CHANGE_WINDOW_DAYS)),
        week=week_counts(owner, today),
    )


def leads_open(owner: User) -> list[Lead]:
    rows = (
        Opportunity.objects.filter(owner=owner)
        .exclude(stage__in=CLOSED_STAGES)
        .select_related("company")
        .order_by("created_at", "pk")
    )
    return [
        Lead(
            ref=Ref(o.pk, o.title),
            company=Ref(o.company_id, o.company.name),
            stage=o.stage,
            saved_on=timezone.localdate(o.created_at),
            referral_known=o.company.has_referral_protocol(),
        )
        for o in rows
    ]


def targets_list(owner: User) -> list[Ref]:
    rows = Company.objects.filter(owner=owner, target_status=TargetStatus.TARGET)
    ordered = rows.order_by("priority", "name_key").values_list("pk", "name")
    return [Ref(pk, name) for pk, name in ordered]


def staff_at(owner: User, company_ids: set[int]) -> dict[int, list[Staff]]:
    rows = (
        Employment.objects.filter(owner=owner, is_current=True, company_id__in=company_ids)
        .values("company_id", "person_id", "person__full_name")
        .annotate(last=Max("person__conversations__occurred_on"))
        .order_by()
    )
    staff: dict[int, dict[int, Staff]] = defaultdict(dict)
    for row in rows:
        person = Ref(row["person_id"], row["person__full_name"])
        staff[row["company_id"]][person.pk] = Staff(person, row["last"])
    return {company: _talked_first(list(people.values())) for company, people in staff.items()}


def _talked_first(staff: list[Staff]) -> list[Staff]:
    staff.sort(key=lambda s: s.person.name)
    return sorted(staff, key=lambda s: s.last_talked or date.min, reverse=True)


def insights_for(owner: User, leads: list[Lead]) -> tuple[set[int], set[int]]:
    """(opportunity ids, company ids) someone has already given you an insight about."""
    rows = Outcome.objects.filter(owner=owner, kind=OutcomeKind.INSIGHT).filter(
        Q(opportunity_id__in=[lead.ref.pk for lead in leads])
        | Q(company_id__in=[lead.company.pk for lead in leads])
    )
    pairs = list(rows.values_list("opportunity_id", "company_id"))
    return {o for o, _ in pairs if o is not None}, {c for _, c in pairs if c is not None}


def talks_recent(owner: User, today: date) -> list[Talk]:
    """Conversations you held lately (not ones replayed from an import)."""
    start = today - timedelta(THANK_WINDOW_DAYS)
    rows = (
        Conversation.objects.filter(owner=owner, occurred_on__range=(start, today))
        .exclude(source=Source.IMPORT)
        .prefetch_related("participants")
        .order_by("occurred_on", "pk")
    )
    return [Talk(c.pk, c.occurred_on, c.channel, _refs(c.participants.all())) for c in rows]


def _refs(people: Iterable[Person]) -> tuple[Ref, ...]:
    return tuple(Ref(p.pk, p.full_name) for p in people)


def touches_after(owner: User, person_ids: set[int], today: date) -> dict[int, list[Touch]]:
    """For each person: conversations, gave-backs and done thank-yous in the thank window."""
    start = today - timedelta(THANK_WINDOW_DAYS)
    touches: dict[int, list[Touch]] = defaultdict(list)
    talks = Conversation.participants.through.objects.filter(
        person_id__in=person_ids, conversation__owner=owner, conversation__occurred_on__gte=start
    ).values_list("person_id", "conversation__occurred_on", "conversation_id")
    for person_id, on, conversation_id in talks:
        touches[person_id].append(Touch(on, conversation_id))
    gave = Outcome.objects.filter(
        owner=owner,
        kind=OutcomeKind.GAVE,
        from_person_id__in=person_ids,
        conversation__occurred_on__gte=start,
    ).values_list("from_person_id", "conversation__occurred_on")
    thanked = FollowUp.objects.filter(
        owner=owner, kind=FollowUpKind.THANK_YOU, person_id__in=person_ids, done_at__date__gte=start
    ).values_list("person_id", "done_at__date")
    for person_id, on in [*gave, *thanked]:
        touches[person_id].append(Touch(on))
    return dict(touches)


def intros_to_close(owner: User) -> list[Intro]:
    rows = Introduction.objects.filter(
        owner=owner, state__in=[IntroductionState.MADE, IntroductionState.MET]
    ).select_related("introducer", "introduced")
    return [
        Intro(
            i.pk,
            Ref(i.introducer_id, i.introducer.full_name),
            Ref(i.introduced_id, i.introduced.full_name),
            i.state,
            timezone.localdate(i.updated_at),
        )
        for i in rows
    ]


def last_talked(owner: User, person_ids: set[int]) -> dict[int, date]:
    rows = (
        Person.objects.filter(owner=owner, pk__in=person_ids)
        .annotate(last=Max("conversations__occurred_on"))
        .filter(last__isnull=False)
        .values_list("pk", "last")
    )
    return dict(rows)


def reported_back(owner: User, introducer_ids: set[int]) -> dict[int, list[date]]:
    rows = FollowUp.objects.filter(
        owner=owner,
        kind__in=[FollowUpKind.REPORT_BACK, FollowUpKind.THANK_YOU],
        person_id__in=introducer_ids,
        done_at__isnull=False,
    ).values_list("person_id", "done_at__date")
    found: dict[int, list[date]] = defaultdict(list)
    for person_id, on in rows:
        found[person_id].append(on)
    return dict(found)


def lapsed_people(owner: User, today: date, settings: PlaybookSettings) -> list[Lapsed]:
    """People whose keep-in-touch cadence ran out since your last conversation.

    Cadences by relationship are compared in the database; a per-person cadence is checked
    here, among the longest-lapsed candidates.
    """
    lapsed = Q(cadence_days__isnull=False)
    for relationship in Relationship:
        since = today - timedelta(settings.cadence_for(relationship))
        lapsed |= Q(cadence_days__isnull=True, relationship=relationship, last__lte=since)
    rows = (
        Person.objects.filter(owner=owner)
        .annotate(last=Max("conversations__occurred_on"))
        .filter(Q(last__isnull=False) & lapsed)
        .order_by("last", "pk")
        .values("pk", "full_name", "headline", "relationship", "cadence_days", "last")
    )[:LAPSED_CANDIDATES]
    people = [(row, settings.cadence_for(row["relationship"], row["cadence_days"])) for row in rows]
    people = [(row, days) for row, days in people if row["last"] <= today - timedelta(days)]
    companies = current_companies(owner, {row["pk"] for row, _ in people})
    return [
        Lapsed(
            Ref(row["pk"], row["full_name"]),
            row["last"],
            days,
            row["headline"],
            companies.get(row["pk"]),
        )
        for row, days in people
    ]


def current_companies(owner: User, person_ids: set[int]) -> dict[int, Ref]:
    rows = (
        Employment.objects.filter(owner=owner, is_current=True, person_id__in=person_ids)
        .order_by("started_on", "pk")
        .values_list("person_id", "company_id", "company__name")
    )
    return {person_id: Ref(company_id, name) for person_id, company_id, name in rows}


def recent_contacts(owner: User) -> list[Ref]:
    """The people you talked to most recently (read from the newest conversations only)."""
    rows = (
        Conversation.participants.through.objects.filter(conversation__owner=owner)
        .order_by("-conversation__occurred_on", "-conversation_id", "person__full_name")
        .values_list("person_id", "person__full_name")
    )[: RECENT_CONTACTS * 10]
    people = dict.fromkeys(Ref(pk, name) for pk, name in rows)
    return list(people)[:RECENT_CONTACTS]


def week_bounds(today: date) -> tuple[date, date]:
    start = today - timedelta(today.weekday())
    return start, start + timedelta(6)


def week_counts(owner: User, today: date) -> Week:
    start, end = week_bounds(today)
    conversations = Conversation.objects.filter(owner=owner, occurred_on__range=(start, end))
    outcomes = Outcome.objects.filter(owner=owner, conversation__occurred_on__range=(start, end))
    counts = outcomes.aggregate(
        names=Count("pk", filter=Q(kind=OutcomeKind.NAME)),
        gave=Count("pk", filter=Q(kind=OutcomeKind.GAVE)),
    )
    return Week(start, end, conversations.count(), counts["names"], counts["gave"])
