"""The company pages: the list with its tabs, a company's page, and its target status."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rapport.companies.forms import CompanyFilterForm, MergeForm, TargetForm
from rapport.companies.models import Company, TargetStatus
from rapport.companies.selectors import (
    companies_counts,
    companies_list,
    company_get,
    company_merges,
)
from rapport.companies.views import target_form_save
from rapport.core.http import AuthedRequest
from rapport.core.pages import page_cached, request_data_version
from rapport.front.selectors import (
    cohort_parts,
    cohort_parts_stamp,
    companies_add_details,
    company_profile,
)
from rapport.network.selectors import warm_paths
from rapport.outreach.selectors import attempts_at_company

PAGE_SIZE = 50
COHORT_PATHS_SHOWN = 5


TABS = [
    ("Targets", TargetStatus.TARGET.value),
    ("Avoid", TargetStatus.AVOID.value),
    ("Not on a list", TargetStatus.NONE.value),
    ("All", ""),
]


def _get_company(request: AuthedRequest, pk: int) -> Company:
    """The company `pk` of the logged-in user (404 for anyone else's)."""
    return company_get(owner=request.user, pk=pk)


@login_required
def company_list(request: AuthedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in TargetStatus.values else ""
    filters = CompanyFilterForm(request.GET)
    filters.is_valid()
    query = filters.cleaned_data.get("q", "")
    companies = companies_list(owner=request.user, status=status, query=query)
    page = Paginator(companies, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    companies_add_details(companies=rows)
    counts = companies_counts(owner=request.user)
    context: dict[str, Any] = {
        "status": status,
        "tabs": [(label, value, counts[value or "all"]) for label, value in TABS],
        "filters": filters,
        "query": query,
        "page": page,
        "companies": rows,
        "total": counts["all"],
    }
    return render(request, "companies/list.html", context)


def _cohort_stamp(request: AuthedRequest, pk: int) -> str:
    return cohort_parts_stamp(user=request.user, version=request_data_version(request))


@login_required
@page_cached("company", vary=_cohort_stamp)
def company_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    company = _get_company(request, pk)
    return _render_detail(request, company, TargetForm(instance=company, owner=request.user))


def _render_detail(
    request: AuthedRequest, company: Company, target_form: TargetForm
) -> HttpResponse:
    context = {
        "company": company,
        "profile": company_profile(company=company),
        "target_form": target_form,
        "merge_form": MergeForm(company=company),
        "merges": company_merges(company=company),
        "warm_paths": warm_paths(
            owner=request.user, company=company, today=timezone.localdate(), limit=5
        ),
        "outreach": attempts_at_company(owner=request.user, company=company),
        **cohort_parts(user=request.user, company=company, paths_shown=COHORT_PATHS_SHOWN),
    }
    return render(request, "companies/detail.html", context)


@login_required
@require_POST
def company_target(request: AuthedRequest, pk: int) -> HttpResponse:
    company = _get_company(request, pk)
    form = TargetForm(request.POST, instance=company, owner=request.user)
    if target_form_save(form):
        messages.success(request, f"{company.name}: {company.get_target_status_display()}.")
        return redirect("companies:detail", company.pk)
    return _render_detail(request, _get_company(request, pk), form)
