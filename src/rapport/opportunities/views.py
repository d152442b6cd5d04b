from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from rapport.companies.selectors import company_employments, company_get
from rapport.core.http import AuthedRequest
from rapport.network.selectors import warm_paths_for_opportunity
from rapport.opportunities.forms import OpportunityForm
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.selectors import (
    opportunity_board,
    opportunity_get,
    opportunity_insights,
)
from rapport.opportunities.services import opportunity_delete, opportunity_move, opportunity_write
from rapport.people.services import person_ref
from rapport.playbook.selectors import apply_check


def _get_opportunity(request: AuthedRequest, pk: int) -> Opportunity:
    return opportunity_get(owner=request.user, pk=pk)


@login_required
@require_GET
def board(request: AuthedRequest) -> HttpResponse:
    context = {"board": opportunity_board(owner=request.user), "stages": Stage.choices}
    return render(request, "opportunities/board.html", context)


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
        context = {"board": opportunity_board(owner=request.user), "stages": Stage.choices}
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
        "stages": Stage.choices,
        "warm_paths": warm_paths_for_opportunity(
            owner=request.user, opportunity=opportunity, today=timezone.localdate()
        ),
    }
    return render(request, "opportunities/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    form = OpportunityForm(request.POST or None, initial=_prefill(request))
    if request.method == "POST" and form.is_valid():
        opportunity = _write(request, form, None)
        if opportunity is not None:
            messages.success(request, f"Added {opportunity}.")
            return redirect("opportunities:detail", opportunity.pk)
    return render(request, "opportunities/form.html", {"form": form, "opportunity": None})


def _prefill(request: AuthedRequest) -> dict[str, Any]:
    """?company=<pk>, from a company's page."""
    try:
        if (pk := request.GET.get("company", "")).isdigit():
            return {"company": company_get(owner=request.user, pk=int(pk)).name}
    except Http404:
        pass  # a stale link: start from a blank form
    return {}


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = _get_opportunity(request, pk)
    form = OpportunityForm(request.POST or None, initial=_initial(opportunity))
    if request.method == "POST" and form.is_valid():
        saved = _write(request, form, opportunity)
        if saved is not None:
            messages.success(request, f"Saved {saved}.")
            return redirect("opportunities:detail", saved.pk)
    return render(request, "opportunities/form.html", {"form": form, "opportunity": opportunity})


def _initial(opportunity: Opportunity) -> dict[str, Any]:
    return {
        "company": opportunity.company.name,
        "title": opportunity.title,
        "url": opportunity.url,
        "stage": opportunity.stage,
        "advertised": opportunity.advertised,
        "referrer": person_ref(opportunity.referrer) if opportunity.referrer else "",
        "referral_channel": opportunity.referral_channel,
        "tailoring_notes": opportunity.tailoring_notes,
    }


def _write(
    request: AuthedRequest, form: OpportunityForm, opportunity: Opportunity | None
) -> Opportunity | None:
    try:
        return opportunity_write(owner=request.user, data=form.to_input(), opportunity=opportunity)
    except ValidationError as error:
        for key, errors in getattr(error, "message_dict", {"": error.messages}).items():
            form.add_error(key if key in form.fields else None, errors)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = _get_opportunity(request, pk)
    if request.method == "POST":
        opportunity_delete(opportunity=opportunity)
        messages.success(request, f"Deleted {opportunity.title} at {opportunity.company}.")
        return redirect("opportunities:board")
    return render(request, "opportunities/delete.html", {"opportunity": opportunity})
