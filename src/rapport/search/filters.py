"""Filters (tag, company, target status) as the ids each kind of result must be among.

A tag applies to people. A company applies to the company itself, people who work or worked
there, conversations that discussed it and opportunities there; a target status applies the
same way to every company with that status (people: only those who work there now).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from rapport.accounts.models import User
from rapport.companies.models import Company, CompanyAlias, Employment
from rapport.conversations.models import Conversation
from rapport.core.text import company_key
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person
from rapport.search.backends.base import Restriction, Subquery
from rapport.search.documents import Kind


@dataclass(frozen=True)
class Filters:
    tag: str = ""
    company: str = ""
    target_status: str = ""

    def __bool__(self) -> bool:
        return bool(self.tag or self.company or self.target_status)


def _sql(queryset: QuerySet[Any]) -> Subquery:
    sql, params = queryset.order_by().query.sql_with_params()
    return sql, params


def _tagged(owner: User, tag: str) -> dict[Kind, Subquery]:
    people = Person.objects.filter(owner=owner, tags__name__iexact=tag.strip())
    return {Kind.PERSON: _sql(people.values("id"))}


def _around(companies: QuerySet[Company], *, current: bool) -> dict[Kind, Subquery]:
    # `companies` are the owner's already, so are their jobs and opportunities: filtering by
    # owner again would make the database read every job of the owner, not the company's.
    jobs = Employment.objects.filter(company__in=companies)
    if current:
        jobs = jobs.filter(is_current=True)
    discussed = Conversation.companies.through.objects.filter(company__in=companies)
    return {
        Kind.COMPANY: _sql(companies.values("id")),
        Kind.PERSON: _sql(jobs.values("person_id")),
        Kind.CONVERSATION: _sql(discussed.values("conversation_id")),
        Kind.OPPORTUNITY: _sql(Opportunity.objects.filter(company__in=companies).values("id")),
    }


def _named(owner: User, name: str) -> QuerySet[Company]:
    name = name.strip()
    aliases = CompanyAlias.objects.filter(owner=owner, name__iexact=name).values("company_id")
    return Company.objects.filter(owner=owner).filter(
        Q(name_key=company_key(name)) | Q(id__in=aliases)
    )


def restriction(*, owner: User, filters: Filters) -> Restriction | None:
    """The ids each kind must be among to pass every filter (None: no filter)."""
    if not filters:
        return None
    parts: list[dict[Kind, Subquery]] = []
    if filters.tag:
        parts.append(_tagged(owner, filters.tag))
    if filters.company:
        parts.append(_around(_named(owner, filters.company), current=False))
    if filters.target_status:
        companies = Company.objects.filter(owner=owner, target_status=filters.target_status)
        parts.append(_around(companies, current=True))
    kinds = set(Kind).intersection(*(part.keys() for part in parts))
    return {kind: [part[kind] for part in parts] for kind in kinds}
