"""Reads about companies, always scoped to one owner."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment, TargetStatus
from rapport.core.text import company_key
from rapport.opportunities.models import CLOSED_STAGES


def company_get(*, owner: User, pk: int) -> Company:
    company = (
        Company.objects.filter(owner=owner, pk=pk)
        .select_related("status_by", "referral_learned_from")
        .first()
    )
    if company is None:
        raise Http404("No such company.")
    return company


def companies_list(*, owner: User, status: str = "", query: str = "") -> QuerySet[Company]:
    companies = Company.objects.filter(owner=owner)
    if status in TargetStatus.values:
        companies = companies.filter(target_status=status)
    if query:
        companies = companies.filter(
            Q(name__icontains=query) | Q(name_key__contains=company_key(query))
        )
    return companies.annotate(
        people_count=Count(
            "employments__person", filter=Q(employments__is_current=True), distinct=True
        ),
        open_opportunities=Count(
            "opportunities",
            filter=~Q(opportunities__stage__in=CLOSED_STAGES),
            distinct=True,
        ),
    ).order_by("priority", "name")


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
