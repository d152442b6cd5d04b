from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from rapport.companies.selectors import company_get
from rapport.core.http import AuthedRequest
from rapport.core.text import sentence
from rapport.opportunities.forms import OpportunityForm
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.selectors import (
    opportunity_board,
    opportunity_get,
)
from rapport.opportunities.services import opportunity_delete, opportunity_write
from rapport.people.services import person_ref


def _get_opportunity(request: AuthedRequest, pk: int) -> Opportunity:
    return opportunity_get(owner=request.user, pk=pk)


@login_required
@require_GET
def board(request: AuthedRequest) -> HttpResponse:
    board = opportunity_board(owner=request.user, stage=request.GET.get("stage", ""))
    context = {"board": board, "stages": Stage.choices}
    return render(request, "opportunities/board.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    form = OpportunityForm(request.POST or None, initial=_prefill(request))
    if request.method == "POST" and form.is_valid():
        opportunity = _write(request, form, None)
        if opportunity is not None:
            messages.success(request, sentence(f"Added {opportunity}"))
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
            messages.success(request, sentence(f"Saved {saved}"))
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
        "description": opportunity.description,
        "tailoring_notes": opportunity.tailoring_notes,
        "deadline": opportunity.deadline,
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
        messages.success(request, sentence(f"Deleted {opportunity}"))
        return redirect("opportunities:board")
    return render(request, "opportunities/delete.html", {"opportunity": opportunity})
