"""Reads about companies, always scoped to one owner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404

from rapport.accounts.models import User
from rapport.companies.models import Company, CompanyAlias, Employment, TargetStatus
from rapport.conversations.models import Conversation, Outcome
from rapport.conversations.selectors import with_summary
from rapport.core.text import company_key
from rapport.opportunities.models import CLOSED_STAGES, Opportunity
from rapport.people.models import Person


def company_get(*, owner: User, pk: int) -> Company:
    company = (
        Company.objects.filter(owner=owner, pk=pk)
        .select_related("status_by", "status_conversation", "referral_learned_from")
        .first()
    )
    if company is None:
        raise Http404("No such company.")
    return company


def companies_list(*, owner: User, status: str = "", query: str = "") -> QuerySet[Company]:
    """The owner's companies, targets by priority first; cheap to count and to slice.

    Per-row details are added to one page at a time by `companies_add_details`.
    """
    companies = Company.objects.filter(owner=owner)
    if status in TargetStatus.values:
        companies = companies.filter(target_status=status)
    query = query.strip()
    if query:
        companies = companies.filter(
            Q(name__icontains=query) | Q(name_key__contains=company_key(query))
        )
    return companies.select_related("status_by").order_by(
        F("priority").asc(nulls_last=True), "name_key", "pk"
    )


def companies_add_details(*, companies: Sequence[Company]) -> None:
    """Give each company `current_employments` (with people) and `open_opportunities`."""
    if not companies:
        return
    current = (
        Employment.objects.filter(is_current=True)
        .select_related("person")
        .order_by("person__name_key")
    )
    prefetch_related_objects(
        list(companies),
        Prefetch("employments", queryset=current, to_attr="current_employments"),
    )
    open_counts = dict(
        Opportunity.objects.filter(company__in=[c.pk for c in companies])
        .exclude(stage__in=CLOSED_STAGES)
        .values_list("company_id")
        .annotate(n=Count("pk"))
        .values_list("company_id", "n")
    )
    for company in companies:
        company.open_opportunities = open_counts.get(company.pk, 0)  # type: ignore[attr-defined]


def companies_counts(*, owner: User) -> dict[str, int]:
    """How many companies are on each list, and in all ("all")."""
    counts: dict[str, int] = Company.objects.filter(owner=owner).aggregate(
        all=Count("pk"),
        **{status: Count("pk", filter=Q(target_status=status)) for status in TargetStatus.values},
    )
    return counts


def companies_suggest(*, owner: User, query: str, limit: int = 8) -> list[Company]:
    if not query.strip():
        return []
    return list(Company.objects.filter(owner=owner, name__icontains=query.strip())[:limit])


def company_employments(*, company: Company) -> tuple[list[Employment], list[Employment]]:
    """(current, former) employments at the company, with their people."""
    rows = list(
        Employment.objects.filter(owner=company.owner, company=company)
        .select_related("person")
        .order_by("person__full_name")
    )
    return [e for e in rows if e.is_current], [e for e in rows if not e.is_current]


def employment_get(*, owner: User, person: Person, pk: int) -> Employment:
    employment = (
        Employment.objects.filter(owner=owner, person=person, pk=pk)
        .select_related("company")
        .first()
    )
    if employment is None:
        raise Http404("No such job.")
    return employment


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
