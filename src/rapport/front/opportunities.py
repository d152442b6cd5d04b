"""The opportunity pages: one opportunity's page, and a move on the board (which asks
you to connect with someone there before you apply)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from rapport.companies.selectors import company_employments
from rapport.conversations.selectors import opportunity_insights
from rapport.core.http import AuthedRequest
from rapport.network.selectors import warm_paths_for_opportunity
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.selectors import opportunity_board, opportunity_get
from rapport.opportunities.services import opportunity_move
from rapport.playbook.selectors import apply_check
from rapport.postings.selectors import posting_of


def _get_opportunity(request: AuthedRequest, pk: int) -> Opportunity:
    return opportunity_get(owner=request.user, pk=pk)


@login_required
@require_POST
def move(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = _get_opportunity(request, pk)
    stage = request.POST.get("stage", "")
    if stage == Stage.APPLIED and apply_check(opportunity=opportunity).needs_confirmation:
        # Connect before you apply: show whom you know there and ask to confirm.
        confirm = reverse("playbook:confirm_apply", args=[opportunity.pk])
        back = _next_url(request) or reverse("opportunities:board")
        target = f"{confirm}?{urlencode({'next': back})}"
        if request.htmx:
            return HttpResponseClientRedirect(target)
        return redirect(target)
    if stage in Stage.values:
        opportunity_move(opportunity=opportunity, stage=stage)
    if request.htmx:
        # The board comes back as it was shown: one stage, if the stage filter picked one.
        board = opportunity_board(owner=request.user, stage=request.POST.get("shown", ""))
        context = {"board": board, "stages": Stage.choices}
        return render(request, "opportunities/board.html#board", context)
    if stage in Stage.values:
        label = opportunity.get_stage_display()
        messages.success(request, f"{opportunity.title} at {opportunity.company} moved to {label}.")
    else:
        messages.error(request, "Choose a stage to move it to.")
    return redirect(_next_url(request) or "opportunities:board")


def _next_url(request: AuthedRequest) -> str:
    url = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and safe else ""


@login_required
@require_GET
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = _get_opportunity(request, pk)
    people_there, _ = company_employments(company=opportunity.company)
    context = {
        "opportunity": opportunity,
        "company": opportunity.company,
        "insights": opportunity_insights(opportunity=opportunity),
        "people_there": people_there,
        "posting": posting_of(opportunity=opportunity),
        "stages": Stage.choices,
        "warm_paths": warm_paths_for_opportunity(
            owner=request.user, opportunity=opportunity, today=timezone.localdate()
        ),
    }
    return render(request, "opportunities/detail.html", context)
