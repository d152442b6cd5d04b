"""The data the rules read, loaded in a fixed number of queries whatever the network's size.

Each loader is one aggregate or prefetching query turned into small frozen records, so
the rules in rules.py are plain functions of these records and never touch the database.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, Subquery, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from rapport.accounts.models import User
from rapport.cohorts.assignments import OpenAssignment, assignments_open
from rapport.companies.models import Company, Employment, TargetStatus
from rapport.companies.selectors import target_order
from rapport.conversations.models import (
    Conversation,
    Introduction,
    IntroductionState,
    Meeting,
    Outcome,
    OutcomeKind,
    Touch,
    TouchDirection,
)
from rapport.core.models import Source
from rapport.network.selectors import warm_paths
from rapport.opportunities.models import Opportunity
from rapport.outreach.days import business_days_after
from rapport.outreach.selectors import Waiting, attempts_waiting, sender_name
from rapport.people.models import Person, Relationship
from rapport.playbook.jobs import JobChange, job_changes_since
from rapport.playbook.models import FollowUp, FollowUpKind, PlaybookSettings
from rapport.playbook.nudges import Ref

THANK_WINDOW_DAYS = 14  # an older conversation no longer asks for a thank-you
JOB_CHANGE_WINDOW_DAYS = 30
LAPSED_CANDIDATES = 200  # the longest-lapsed people considered for keep-in-touch
RECENT_CONTACTS = 3
STAFF_SHOWN = 3  # the rules name at most this many people at a company
# Before applying, a talk counts if it was held since the lead was saved or this recently:
# a year-old imported LinkedIn message says nothing about the role.
RECENT_TALK_DAYS = 30
# 3B7 (The 2-Hour Job Search): no reply after 3 business days, try another contact at the
# company; after 7, follow up with the first one.
TRY_ANOTHER_AFTER = 3
FOLLOW_UP_AFTER = 7
NEXT_PATHS_SEARCHED = 5  # companies whose warm paths are searched for one Today page


@dataclass(frozen=True)
class Lead:
    """An open opportunity."""

    ref: Ref
    company: Ref
    stage: str
    saved_on: date
    referral_known: bool
    deadline: date | None = None  # the last day to apply, from the posting


@dataclass(frozen=True)
class Staff:
    """Someone you know who works at a company now, and when you last talked."""

    person: Ref
    last_talked: date | None


def talks_count_from(saved_on: date, today: date) -> date:
    """The first day a conversation counts as "talked to someone there" for a lead saved on
    `saved_on`: since it was saved, or within the last `RECENT_TALK_DAYS` days."""
    return min(saved_on, today - timedelta(days=RECENT_TALK_DAYS))


def talked_since(staff: list[Staff], since: date) -> list[Staff]:
    """Those of `staff` you talked to on or after `since`, most recently first."""
    return [s for s in staff if s.last_talked is not None and s.last_talked >= since]


@dataclass(frozen=True)
class Talk:
    """A conversation you held, with whom."""

    pk: int
    occurred_on: date
    channel: str
    people: tuple[Ref, ...]


@dataclass(frozen=True)
class Thanks:
    """Something after a conversation that counts as having thanked the person."""

    on: date
    conversation_id: int | None = None


@dataclass(frozen=True)
class Intro:
    pk: int
    introducer: Ref
    introduced: Ref
    state: str
    changed_on: date | None  # when it was marked met (only read for a met introduction)
    offered_on: date | None = None  # the day of the conversation that gave the name


@dataclass(frozen=True)
class Lapsed:
    """Someone you used to talk to, with what you know to give them."""

    person: Ref
    last_talked: date
    cadence_days: int
    headline: str
    company: Ref | None


@dataclass(frozen=True)
class Upcoming:
    """A meeting from the user's calendar, today or tomorrow, with people they know."""

    pk: int
    title: str
    on: date
    at: str  # "14:30", or "" for an all-day event
    people: tuple[Ref, ...]


@dataclass(frozen=True)
class Week:
    start: date
    end: date
    conversations: int
    names: int
    gave: int


@dataclass(frozen=True)
class NextPath:
    """The best way into a company that does not go through the person already asked."""

    contact: Ref
    introduce_to: Ref | None
    explanation: str
    ask_url: str  # the page that asks `contact` for the introduction, or ""


@dataclass(frozen=True)
class Facts:
    today: date
    settings: PlaybookSettings
    leads: list[Lead]
    targets: list[Ref]
    staff: dict[int, list[Staff]]  # by company id, the first STAFF_SHOWN; talked-to first
    insight_opportunities: set[int]
    insight_companies: set[int]
    talks: list[Talk]
    touches: dict[int, list[Thanks]]  # by person id
    intros: list[Intro]
    last_talked: dict[int, date]  # by person id, for the people in `intros`
    reported_back: dict[int, list[date]]  # done report-back follow-ups, by introducer id
    lapsed: list[Lapsed]
    recent_contacts: list[Ref]
    job_changes: list[JobChange]
    week: Week
    meetings: list[Upcoming] = field(default_factory=list)
    # by person id, for the people introduced to you: last talk or mail, either way
    last_contacted: dict[int, date] = field(default_factory=dict)
    waiting: list[Waiting] = field(default_factory=list)  # unanswered outreach
    next_paths: dict[int, NextPath] = field(default_factory=dict)  # by the waiting pk
    sender: str = ""  # the user's name, to sign drafts with
    assignments: list[OpenAssignment] = field(default_factory=list)  # from a coach, not done


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
    talked = talked_last(owner)  # read once; staff, introductions and lapses all use it
    contacted = _latest(talked, touched_last(owner))  # mail counts as keeping in touch
    waiting = attempts_waiting(owner=owner, today=today)
    return Facts(
        today=today,
        settings=settings,
        leads=leads,
        targets=targets,
        staff=staff_first(owner, company_ids, talked) if company_ids else {},
        insight_opportunities=insight_opportunities,
        insight_companies=insight_companies,
        talks=talks,
        touches=touches_after(owner, {p.pk for t in talks for p in t.people}, today),
        intros=intros,
        last_talked={pk: talked[pk] for pk in intro_people if pk in talked},
        reported_back=reported_back(owner, {i.introducer.pk for i in intros}),
        lapsed=lapsed_people(owner, today, settings, contacted),
        recent_contacts=recent_contacts(owner),
        job_changes=job_changes_since(owner=owner, since=today - timedelta(JOB_CHANGE_WINDOW_DAYS)),
        week=week_counts(owner, today),
        meetings=meetings_soon(owner, today),
        last_contacted={
            i.introduced.pk: contacted[i.introduced.pk]
            for i in intros
            if i.introduced.pk in contacted
        },
        waiting=waiting,
        next_paths=next_paths(owner, today, waiting) if searching else {},
        sender=sender_name(owner) if waiting else "",
        assignments=assignments_open(student=owner),
    )


def next_paths(owner: User, today: date, waiting: list[Waiting]) -> dict[int, NextPath]:
    """For each message at a company left unanswered for TRY_ANOTHER_AFTER business days:
    the best warm path there that goes through someone else (NEXT_PATHS_SEARCHED companies
    at most, the oldest messages first)."""
    due = [
        w
        for w in waiting
        if w.company_id is not None
        and not w.tried_another
        and business_days_after(w.sent_on, TRY_ANOTHER_AFTER) <= today
    ]
    companies = {
        c.pk: c
        for c in Company.objects.filter(
            owner=owner, pk__in=list(dict.fromkeys(w.company_id for w in due))[:NEXT_PATHS_SEARCHED]
        )
    }
    found: dict[int, NextPath] = {}
    for company_id, company in companies.items():
        paths = warm_paths(owner=owner, company=company, today=today, keywords=None, limit=10)
        for w in due:
            if w.company_id != company_id:
                continue
            asked = {w.person_id, w.introduce_to_id}  # someone else than those already asked
            path = next((p for p in paths if not asked & {x.pk for x in p.people}), None)
            if path is not None:
                found[w.pk] = _next_path(company, path.people, path.explanation)
    return found


def _next_path(company: Company, people: tuple[Person, ...], explanation: str) -> NextPath:
    contact = people[0]
    target = people[1] if len(people) > 1 else None
    url = (
        reverse("outreach:ask", args=[company.pk, contact.pk, target.pk])
        if target is not None
        else f"{reverse('outreach:new')}?person={contact.pk}&company={company.pk}"
    )
    return NextPath(
        contact=Ref(contact.pk, contact.full_name),
        introduce_to=Ref(target.pk, target.full_name) if target else None,
        explanation=explanation,
        ask_url=url,
    )


def _latest(*sources: dict[int, date]) -> dict[int, date]:
    latest: dict[int, date] = {}
    for source in sources:
        for pk, on in source.items():
            if pk not in latest or on > latest[pk]:
                latest[pk] = on
    return latest


def touched_last(owner: User) -> dict[int, date]:
    """When each person last wrote to the user or was written to (captured mail)."""
    rows = (
        Touch.objects.filter(owner=owner)
        .values("person_id")
        .annotate(last=Max("occurred_at"))
        .order_by()
    )
    return {row["person_id"]: timezone.localdate(row["last"]) for row in rows}


def meetings_soon(owner: User, today: date) -> list[Upcoming]:
    """Meetings from the calendar starting today (still ahead) or tomorrow."""
    now = timezone.now()
    end = timezone.make_aware(datetime.combine(today + timedelta(days=2), time.min))
    rows = (
        Meeting.people.through.objects.filter(
            meeting__owner=owner, meeting__starts_at__gte=now, meeting__starts_at__lt=end
        )
        .order_by("meeting__starts_at", "meeting_id", "person__full_name")
        .values_list(
            "meeting_id",
            "meeting__title",
            "meeting__starts_at",
            "meeting__all_day",
            "person_id",
            "person__full_name",
        )
    )
    found: dict[int, Upcoming] = {}
    for pk, title, starts_at, all_day, person_id, name in rows:
        local = timezone.localtime(starts_at)
        meeting = found.get(pk) or Upcoming(
            pk, title, local.date(), "" if all_day else f"{local:%H:%M}", ()
        )
        found[pk] = Upcoming(
            pk, title, meeting.on, meeting.at, (*meeting.people, Ref(person_id, name))
        )
    return list(found.values())


def talked_last(owner: User) -> dict[int, date]:
    """When you last talked to each person you ever talked to (one query)."""
    # Per person, through the participants' person index: their table has no owner column,
    # and a join would let PostgreSQL read it whole, everyone's rows (network/history.py).
    last = (
        Conversation.objects.filter(participants=OuterRef("pk"))
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )
    rows = (
        Person.objects.filter(owner=owner)
        .annotate(last=Subquery(last))
        .filter(last__isnull=False)
        .order_by()
        .values_list("pk", "last")
    )
    return dict(rows)


def leads_open(owner: User) -> list[Lead]:
    rows = (
        Opportunity.objects.filter(owner=owner, company__owner=owner)  # both: intros_to_close
        .open()
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
            deadline=o.deadline,
        )
        for o in rows
    ]


def targets_list(owner: User) -> list[Ref]:
    rows = Company.objects.filter(owner=owner, target_status=TargetStatus.TARGET)
    ordered = rows.order_by(*target_order()).values_list("pk", "name")
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


def staff_first(
    owner: User, company_ids: set[int], talked: dict[int, date], limit: int = STAFF_SHOWN
) -> dict[int, list[Staff]]:
    """`staff_at`, but only the first `limit` people of each company, in two small queries.

    Those you talked to come first (most recently first), then the others by name: the
    same order as `staff_at`, without reading every employee of a large company.
    """
    current = Employment.objects.filter(
        owner=owner, is_current=True, company_id__in=company_ids
    ).order_by()  # no sort: the order is made here
    # Whether each was in a conversation: a probe of the participants' person index (your
    # people are only in yours), never a read of every user's participants.
    spoken = Exists(
        Conversation.participants.through.objects.filter(person_id=OuterRef("person_id"))
    )
    found: dict[int, dict[int, tuple[int, str]]] = defaultdict(dict)  # (-last day, name)
    rows = current.filter(spoken).values_list("company_id", "person_id", "person__full_name")
    never = -date.min.toordinal()
    for company_id, person_id, name in rows:
        last = talked.get(person_id)
        found[company_id][person_id] = (-last.toordinal() if last else never, name)
    # Only companies with fewer than `limit` people you talked to need the others' names:
    # few, and mostly small ones, rather than every employee of the largest.
    short = [pk for pk in company_ids if len(found.get(pk, ())) < limit]
    others = (
        current.filter(company_id__in=short)
        .filter(~spoken)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("company_id"),
                order_by=[F("person__full_name").asc(), F("person_id").asc()],
            )
        )
        .filter(rank__lte=limit)
        .values_list("company_id", "person_id", "person__full_name")
    )
    for company_id, person_id, name in others:
        found[company_id].setdefault(person_id, (never, name))
    staff: dict[int, list[Staff]] = {}
    for company_id, people in found.items():
        first = heapq.nsmallest(limit, people.items(), key=lambda item: item[1])
        staff[company_id] = [
            Staff(Ref(pk, name), talked.get(pk) if day != never else None)
            for pk, (day, name) in first
        ]
    return staff


def insights_for(owner: User, leads: list[Lead]) -> tuple[set[int], set[int]]:
    """(opportunity ids, company ids) someone has already given you an insight about."""
    rows = Outcome.objects.filter(owner=owner, kind=OutcomeKind.INSIGHT).filter(
        Q(opportunity_id__in=[lead.ref.pk for lead in leads])
        | Q(company_id__in=[lead.company.pk for lead in leads])
    )
    pairs = list(rows.values_list("opportunity_id", "company_id"))
    return {o for o, _ in pairs if o is not None}, {c for _, c in pairs if c is not None}


def talks_recent(owner: User, today: date) -> list[Talk]:
    """Conversations you held lately (not ones replayed from an import), with whom."""
    start = today - timedelta(THANK_WINDOW_DAYS)
    rows = (
        Conversation.participants.through.objects.filter(
            conversation__owner=owner, conversation__occurred_on__range=(start, today)
        )
        .exclude(conversation__source=Source.IMPORT)
        .order_by("conversation__occurred_on", "conversation_id", "person__full_name", "person_id")
        .values_list(
            "conversation_id",
            "conversation__occurred_on",
            "conversation__channel",
            "person_id",
            "person__full_name",
        )
    )
    talks: dict[int, Talk] = {}
    for pk, occurred_on, channel, person_id, name in rows:
        talk = talks.get(pk) or Talk(pk, occurred_on, channel, ())
        talks[pk] = Talk(pk, occurred_on, channel, (*talk.people, Ref(person_id, name)))
    return list(talks.values())


def touches_after(owner: User, person_ids: set[int], today: date) -> dict[int, list[Thanks]]:
    """For each person: conversations, gave-backs and done thank-yous in the thank window."""
    start = today - timedelta(THANK_WINDOW_DAYS)
    touches: dict[int, list[Thanks]] = defaultdict(list)
    talks = Conversation.participants.through.objects.filter(
        person_id__in=person_ids, conversation__owner=owner, conversation__occurred_on__gte=start
    ).values_list("person_id", "conversation__occurred_on", "conversation_id")
    for person_id, on, conversation_id in talks:
        touches[person_id].append(Thanks(on, conversation_id))
    gave = Outcome.objects.filter(
        owner=owner,
        kind=OutcomeKind.GAVE,
        from_person_id__in=person_ids,
        conversation__occurred_on__gte=start,
    ).values_list("from_person_id", "conversation__occurred_on")
    thanked = FollowUp.objects.filter(
        owner=owner, kind=FollowUpKind.THANK_YOU, person_id__in=person_ids, done_at__date__gte=start
    ).values_list("person_id", "done_at__date")
    for person_id, on in [*gave, *thanked, *_mail_sent(owner, person_ids, start)]:
        touches[person_id].append(Thanks(on))
    return dict(touches)


def _mail_sent(owner: User, person_ids: set[int], start: date) -> list[tuple[int, date]]:
    """Mail the user wrote to these people since `start` (captured from their mailbox)."""
    since = timezone.make_aware(datetime.combine(start, time.min))
    rows = Touch.objects.filter(
        owner=owner,
        person_id__in=person_ids,
        direction=TouchDirection.SENT,
        occurred_at__gte=since,
    ).values_list("person_id", "occurred_at")
    return [(person_id, timezone.localdate(at)) for person_id, at in rows]


def intros_to_close(owner: User) -> list[Intro]:
    # Only a MET introduction needs the date it changed: read no other's timestamp.
    met_at = Case(When(state=IntroductionState.MET, then=F("updated_at")), default=None)
    rows = (
        Introduction.objects.filter(
            owner=owner,
            state__in=[IntroductionState.OFFERED, IntroductionState.MADE, IntroductionState.MET],
            # Said again of the people joined, so PostgreSQL reaches them by the owner's index
            # rather than reading every user's people.
            introducer__owner=owner,
            introduced__owner=owner,
        )
        .annotate(met_at=met_at)
        .order_by()
        .values_list(
            "pk",
            "introducer_id",
            "introducer__full_name",
            "introduced_id",
            "introduced__full_name",
            "state",
            "met_at",
            "conversation__occurred_on",
            "created_at",
        )
    )
    return [
        Intro(
            pk,
            Ref(by, by_name),
            Ref(to, to_name),
            state,
            met and timezone.localdate(met),
            offered_on or timezone.localdate(created),
        )
        for pk, by, by_name, to, to_name, state, met, offered_on, created in rows
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
    # Every done thank-you and report-back (a few per introduction at most), rather than a
    # long `IN` list of introducers: the same answer, cheaper to ask for.
    rows = FollowUp.objects.filter(
        owner=owner,
        kind__in=[FollowUpKind.REPORT_BACK, FollowUpKind.THANK_YOU],
        person__isnull=False,
        done_at__isnull=False,
    ).values_list("person_id", "done_at__date")
    found: dict[int, list[date]] = defaultdict(list)
    for person_id, on in [*rows, *_mail_sent(owner, introducer_ids, date(1970, 1, 1))]:
        if person_id in introducer_ids:
            found[person_id].append(on)
    return dict(found)


def lapsed_people(
    owner: User, today: date, settings: PlaybookSettings, talked: dict[int, date] | None = None
) -> list[Lapsed]:
    """People whose keep-in-touch cadence ran out since your last conversation.

    The longest-lapsed LAPSED_CANDIDATES are considered: those with a cadence of their own,
    and those whose relationship's cadence ran out. `talked` is `talked_last(owner)`; the
    people whose relationship or cadence differs from the default are read in one query.
    """
    talked = talked_last(owner) if talked is None else talked
    default = Relationship.NETWORK
    rows = (
        Person.objects.filter(owner=owner)
        .filter(~Q(relationship=default) | Q(cadence_days__isnull=False))
        .values_list("pk", "relationship", "cadence_days")
        .order_by()
    )
    special = {pk: (relationship, cadence) for pk, relationship, cadence in rows}
    cadence: dict[str, int] = {r: settings.cadence_for(r) for r in Relationship}
    since: dict[str, date] = {r: today - timedelta(days) for r, days in cadence.items()}
    network_since, network_days = since[default], cadence[default]
    candidates: list[tuple[date, int, int]] = []  # (last, pk, cadence days)
    for pk, last in talked.items():
        if pk not in special:
            if last <= network_since:
                candidates.append((last, pk, network_days))
            continue
        relationship, own = special[pk]
        if own is not None:
            candidates.append((last, pk, settings.cadence_for(relationship, own)))
        elif relationship in since and last <= since[relationship]:
            candidates.append((last, pk, cadence[relationship]))
    candidates.sort()
    due = [(last, pk, days) for last, pk, days in candidates[:LAPSED_CANDIDATES]]
    due = [(last, pk, days) for last, pk, days in due if last <= today - timedelta(days)]
    named = Person.objects.filter(owner=owner, pk__in=[pk for _, pk, _ in due]).order_by()
    people = {
        pk: (name, headline)
        for pk, name, headline in named.values_list("pk", "full_name", "headline")
    }
    companies = current_companies(owner, set(people))
    return [
        Lapsed(Ref(pk, people[pk][0]), last, days, people[pk][1], companies.get(pk))
        for last, pk, days in due
        if pk in people
    ]


def current_companies(owner: User, person_ids: set[int]) -> dict[int, Ref]:
    rows = (
        Employment.objects.filter(
            owner=owner, is_current=True, person_id__in=person_ids, company__owner=owner
        )
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
    counts = conversations.aggregate(
        conversations=Count("pk", distinct=True),
        names=Count("outcomes", filter=Q(outcomes__owner=owner, outcomes__kind=OutcomeKind.NAME)),
        gave=Count("outcomes", filter=Q(outcomes__owner=owner, outcomes__kind=OutcomeKind.GAVE)),
    )
    return Week(start, end, counts["conversations"], counts["names"], counts["gave"])
