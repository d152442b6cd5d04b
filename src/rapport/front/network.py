"""The warm paths into a company, with what the user's cohort knows about it and the paths
its members offered (#18)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from rapport.companies.selectors import company_get
from rapport.core.http import AuthedRequest
from rapport.core.pages import page_cached, request_data_version
from rapport.front.selectors import cohort_parts, cohort_parts_stamp
from rapport.network.roles import team_keywords
from rapport.network.selectors import warm_paths_page

COHORT_PATHS_SHOWN = 50


def _cohort_stamp(request: AuthedRequest, company_pk: int) -> str:
    return cohort_parts_stamp(user=request.user, version=request_data_version(request))


@login_required
@require_GET
@page_cached("company_paths", vary=_cohort_stamp)
def company_paths(request: AuthedRequest, company_pk: int) -> HttpResponse:
    company = company_get(owner=request.user, pk=company_pk)
    team = request.GET.get("team", "").strip()
    paths, page = warm_paths_page(
        owner=request.user,
        company=company,
        today=timezone.localdate(),
        keywords=team_keywords([team]) if team else None,
        number=request.GET.get("page"),
    )
    context = {
        "company": company,
        "paths": paths,
        "paths_page": page,
        "team": team,
        **cohort_parts(user=request.user, company=company, paths_shown=COHORT_PATHS_SHOWN),
    }
    return render(request, "network/company_paths.html", context)
