"""What the pages of `front` show, read across the apps below (see docs/architecture.md).

A person's page gathers their jobs, conversations, introductions and outcomes; a company's
its people, aliases, conversations and opportunities; each in a fixed number of queries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from rapport.accounts.models import User
from rapport.cohorts.intros import cohort_paths
from rapport.cohorts.selectors import role_of
from rapport.cohorts.share_selectors import cohort_knowledge
from rapport.companies.models import Company, CompanyAlias, Employment
from rapport.companies.selectors import company_employments, jobs_by_person
from rapport.conversations.models import Conversation, Introduction, Outcome, OutcomeKind, Touch
from rapport.conversations.selectors import touches_of, with_summary
from rapport.core.text import fold
from rapport.core.versions import cached, cohort_version
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person
from rapport.people.selectors import later, person_introduced_people, tag_names_by_person

# --- the person pages ----------------------------------------------------------------------


def people_list(
    *, owner: User, query: str = "", tag: str = ""
) -> QuerySet[Person, Mapping[str, Any]]:
    """The owner's people matching a search, by name, as values (`id`, `full_name`,
    `headline`); cheap to count and to slice.

    What the list shows of each (tags, current jobs, last contacted) is added to one page at
    a time by `people_rows`, so that listing 30,000 people never aggregates all of them.
    """
    people = Person.objects.filter(owner=owner)
    query = query.strip()
    if query:
        # Companies and tags are named by the owner too: their owner's index finds them
        # (on PostgreSQL a name alone was looked up among every user's).
        at_company = Employment.objects.filter(
            owner=owner, company__owner=owner, company__name__icontains=query
        ).values("person_id")
        people = people.filter(
            Q(name_key__contains=fold(query)) | Q(headline__icontains=query) | Q(pk__in=at_company)
        )
    if tag.strip():
        people = people.filter(tags__owner=owner, tags__name__iexact=tag.strip())
    # (owner, name_key) is indexed: the page comes out of the index without a sort.
    return people.order_by("name_key", "pk").values("id", "full_name", "headline")


def people_rows(*, owner: User, people: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """`people` (values from `people_list`) with what the list shows of each, as plain values:
    `tags` (names), `jobs` (the current ones, from `jobs_by_person`) and `last_contacted`.
    Four queries for a page however long, none reading another user's rows."""
    if not people:
        return []
    ids = [person["id"] for person in people]
    tags = tag_names_by_person(owner=owner, person_ids=ids)
    jobs = jobs_by_person(owner=owner, person_ids=ids, current_only=True)
    talked = _last_talked(owner, ids)
    mailed = _last_mail(owner, ids)
    return [
        {
            **person,
            "tags": tags.get(person["id"], []),
            "jobs": jobs.get(person["id"], []),
            "last_contacted": later(talked.get(person["id"]), mailed.get(person["id"])),
        }
        for person in people
    ]


def _last_talked(owner: User, person_ids: list[int]) -> dict[int, date]:
    """When each person last took part in a conversation."""
    rows = Conversation.participants.through.objects.filter(
        person_id__in=person_ids, conversation__owner=owner
    )
    last = rows.values("person_id").annotate(last=Max("conversation__occurred_on")).order_by()
    return {row["person_id"]: row["last"] for row in last}


def _last_mail(owner: User, person_ids: list[int]) -> dict[int, date]:
    """When each person last wrote to the user or was written to (captured mail)."""
    touches = Touch.objects.filter(owner=owner, person_id__in=person_ids)
    rows = touches.values("person_id").annotate(last=Max("occurred_at")).order_by()
    return {row["person_id"]: timezone.localdate(row["last"]) for row in rows}


MAILS_SHOWN = 5

# Outcome kinds a person gives the user; GAVE is what the user gave them.
RECEIVED_KINDS = (
    OutcomeKind.ADVICE,
    OutcomeKind.NAME,
    OutcomeKind.LEAD,
    OutcomeKind.INSIGHT,
    OutcomeKind.RECOMMEND,
    OutcomeKind.AVOID,
)


@dataclass(frozen=True)
class PersonProfile:
    """Everything the person page shows, read in a fixed number of queries."""

    person: Person
    conversations: list[Conversation]
    employments: list[Employment]
    introduced_people: list[Person]
    introductions: list[Introduction]
    received: list[Outcome]
    gave: list[Outcome]
    mails: list[Touch] = field(default_factory=list)  # the latest captured mail, newest first

    @property
    def last_contacted(self) -> date | None:
        talked = self.conversations[0].occurred_on if self.conversations else None
        mailed = timezone.localdate(self.mails[0].occurred_at) if self.mails else None
        return later(talked, mailed)

    @property
    def current_jobs(self) -> list[Employment]:
        return [e for e in self.employments if e.is_current]

    @property
    def former_jobs(self) -> list[Employment]:
        return [e for e in self.employments if not e.is_current]

    @property
    def introduced_without_introduction(self) -> list[Person]:
        """People whose "introduced by" names this person but who have no Introduction row."""
        with_row = {i.introduced_id for i in self.introductions}
        return [p for p in self.introduced_people if p.pk not in with_row]

    @property
    def received_by_kind(self) -> list[tuple[str, int]]:
        counts = Counter(o.get_kind_display() for o in self.received)
        return sorted(counts.items())


def person_profile(*, person: Person) -> PersonProfile:
    owner = person.owner
    prefetch_related_objects([person], "tags", "contact_points")
    conversations = with_summary(
        Conversation.objects.filter(owner=owner, participants=person).order_by(
            "-occurred_on", "-pk"
        )
    )
    outcomes = (
        Outcome.objects.filter(owner=owner, from_person=person)
        .select_related("conversation", "person", "company", "opportunity")
        .order_by("-conversation__occurred_on", "-pk")
    )
    outcomes_list = list(outcomes)
    return PersonProfile(
        person=person,
        conversations=list(conversations),
        employments=list(
            Employment.objects.filter(owner=owner, person=person).select_related("company")
        ),
        introduced_people=list(person_introduced_people(person=person).order_by("name_key")),
        introductions=list(
            Introduction.objects.filter(owner=owner, introducer=person).select_related(
                "introduced", "conversation"
            )
        ),
        received=[o for o in outcomes_list if o.kind in RECEIVED_KINDS],
        gave=[o for o in outcomes_list if o.kind == OutcomeKind.GAVE],
        mails=touches_of(owner=owner, person_id=person.pk, limit=MAILS_SHOWN),
    )


# --- the company pages ---------------------------------------------------------------------


def companies_add_details(*, companies: Sequence[Company]) -> None:
    """Give each company `current_employments` (with people) and `open_opportunities`."""
    if not companies:
        return
    owner = companies[0].owner_id
    # The owner said of the people joined too, so PostgreSQL reaches them by the owner's
    # index rather than reading every user's people.
    current = (
        Employment.objects.filter(owner_id=owner, is_current=True, person__owner_id=owner)
        .select_related("person")
        .order_by("person__name_key")
    )
    prefetch_related_objects(
        list(companies),
        Prefetch("employments", queryset=current, to_attr="current_employments"),
    )
    open_counts = dict(
        Opportunity.objects.filter(company__in=[c.pk for c in companies])
        .open()
        .values_list("company_id")
        .annotate(n=Count("pk"))
        .values_list("company_id", "n")
    )
    for company in companies:
        company.open_opportunities = open_counts.get(company.pk, 0)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class CompanyProfile:
    """Everything the company page shows, read in a fixed number of queries."""

    company: Company
    aliases: list[CompanyAlias]
    current: list[Employment]
    former: list[Employment]
    conversations: list[Conversation]
    opportunities: list[Opportunity]

    @property
    def current_people(self) -> list[Person]:
        return list({e.person_id: e.person for e in self.current}.values())


def company_conversations(*, company: Company) -> QuerySet[Conversation]:
    """Conversations in which the company was discussed or an outcome was about it."""
    discussed = Conversation.companies.through.objects.filter(company=company)
    about = Outcome.objects.filter(owner=company.owner, company=company)
    # Two subqueries rather than joins: a conversation is listed once however it matches.
    conversations = Conversation.objects.filter(owner=company.owner).filter(
        Q(pk__in=discussed.values("conversation_id")) | Q(pk__in=about.values("conversation_id"))
    )
    return with_summary(conversations.order_by("-occurred_on", "-pk"))


def company_profile(*, company: Company) -> CompanyProfile:
    current, former = company_employments(company=company)
    return CompanyProfile(
        company=company,
        aliases=list(CompanyAlias.objects.filter(owner=company.owner, company=company)),
        current=current,
        former=former,
        conversations=list(company_conversations(company=company)),
        opportunities=list(
            Opportunity.objects.filter(owner=company.owner, company=company).order_by(
                "-updated_at", "-pk"
            )
        ),
    )


def cohort_parts(*, user: User, company: Company, paths_shown: int) -> dict[str, Any]:
    """What the company's pages show that other members of the user's cohorts wrote: what
    they shared about it and the contacts they offer there. Not in the user's data version,
    so read on every request (none of it in local mode)."""
    return {
        "cohort_knowledge": cohort_knowledge(user=user, company_key=company.name_key),
        "cohort_paths": cohort_paths(viewer=user, company=company, limit=paths_shown),
    }


def cohort_parts_stamp(*, user: User, version: str) -> str:
    """What `cohort_parts` shows as it is now, for a cached page of a company (core/pages.py)
    to key by: the versions of the user's cohorts (`versions.cohort_version`, bumped by every
    write to what members see of each other), one query. "" where nothing can be shared
    with the user, read without a query: in local mode, and for a user without a role in the
    career centre (their role is counted by their data `version`)."""
    if settings.LOCAL_MODE or not _has_role(user, version):
        return ""
    return cohort_version(user.pk)


def _has_role(user: User, version: str) -> bool:
    today = timezone.localdate()
    return cached("cohort_role", user.pk, today, lambda: bool(role_of(user=user)), version)
