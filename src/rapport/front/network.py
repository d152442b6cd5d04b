"""The warm paths into a company, with what the user's cohort knows about it and the paths
its members offered (#18)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from rapport.cohorts.intros import cohort_paths
from rapport.cohorts.share_selectors import cohort_knowledge
from rapport.companies.selectors import company_get
from rapport.core.http import AuthedRequest
from rapport.network.roles import team_keywords
from rapport.network.selectors import warm_paths

COHORT_PATHS_SHOWN = 50


@login_required
@require_GET
def company_paths(request: AuthedRequest, company_pk: int) -> HttpResponse:
    company = company_get(owner=request.user, pk=company_pk)
    team = request.GET.get("team", "").strip()
    paths = warm_paths(
        owner=request.user,
        company=company,
        today=timezone.localdate(),
        keywords=team_keywords([team]) if team else None,
    )
    context = {
        "company": company,
        "paths": paths,
        "team": team,
        "cohort_knowledge": cohort_knowledge(user=request.user, company_key=company.name_key),
        "cohort_paths": cohort_paths(
            viewer=request.user, company=company, limit=COHORT_PATHS_SHOWN
        ),
    }
    return render(request, "network/company_paths.html", context)
