"""Reads about companies, always scoped to one owner."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Case, Count, F, OrderBy, Q, QuerySet, When
from django.http import Http404

from rapport.accounts.models import User
from rapport.companies.models import Company, CompanyAlias, CompanyMerge, Employment, TargetStatus
from rapport.core.text import company_key
from rapport.people.models import Person


def target_order() -> list[OrderBy | str]:
    """How companies are listed everywhere: targets first, by priority, then the targets
    without one, then the other companies; by name within each. Spelled out for NULLs,
    which SQLite sorts first and PostgreSQL last."""
    is_target = Case(When(target_status=TargetStatus.TARGET, then=0), default=1)
    return [is_target.asc(), F("priority").asc(nulls_last=True), "name_key", "pk"]


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
    """The owner's companies in `target_order`; cheap to count and to slice.

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
    return companies.select_related("status_by").order_by(*target_order())


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


def people_described(*, people: Sequence[Person]) -> list[tuple[Person, str]]:
    """Each person with what tells them apart from a namesake: their current job ("Data
    Engineer at Stripe"), else their headline, else where they are (one query)."""
    jobs: dict[int, str] = {}
    rows = (
        Employment.objects.filter(person__in=[p.pk for p in people], is_current=True)
        .select_related("company")
        .order_by("person_id", F("started_on").desc(nulls_last=True), "-pk")
    )
    for job in rows:
        jobs.setdefault(job.person_id, str(job))
    return [(p, jobs.get(p.pk) or p.headline or p.location) for p in people]


def jobs_by_person(
    *, owner: User, person_ids: Sequence[int], current_only: bool = False
) -> dict[int, list[dict[str, Any]]]:
    """Each person's jobs, current ones first, latest first, as plain values in one query
    (`company_id`, `company` (its name), `title`, `current`); a person without one is missing."""
    rows = Employment.objects.filter(owner=owner, person_id__in=person_ids)
    if current_only:
        rows = rows.filter(is_current=True)
    jobs: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for person_id, company_id, company, title, current in rows.order_by(
        "-is_current", "-started_on", "pk"
    ).values_list("person_id", "company_id", "company__name", "title", "is_current"):
        jobs[person_id].append(
            {"company_id": company_id, "company": company, "title": title, "current": current}
        )
    return jobs


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


def company_named(*, owner: User, name: str) -> Company | None:
    """The owner's company written `name`: its name, a spelling of it, or an alias."""
    name = " ".join(name.split())
    if not name:
        return None
    found = Company.objects.filter(owner=owner, name__iexact=name).first()
    found = found or Company.objects.filter(owner=owner, name_key=company_key(name)).first()
    if found is None:
        alias = CompanyAlias.objects.filter(owner=owner, name__iexact=name).first()
        found = alias.company if alias else None
    return found


def company_merges(*, company: Company) -> list[CompanyMerge]:
    """The companies merged into this one (newest first), that can still be undone."""
    return list(
        CompanyMerge.objects.filter(owner=company.owner, survivor=company, undone_at__isnull=True)
    )


def company_merge_get(*, owner: User, pk: int) -> CompanyMerge:
    merge = CompanyMerge.objects.filter(owner=owner, pk=pk).select_related("survivor").first()
    if merge is None:
        raise Http404("No such merge.")
    return merge
