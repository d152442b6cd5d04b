from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rapport.companies.forms import CompanyForm, MergeForm, ProtocolForm, TargetForm
from rapport.companies.merges import company_merge, company_merge_undo
from rapport.companies.models import Company, TargetStatus
from rapport.companies.selectors import (
    companies_suggest,
    company_employments,
    company_get,
    company_merge_get,
)
from rapport.companies.services import (
    company_delete,
    company_set_referral_protocol,
    company_set_target,
)
from rapport.core.http import AuthedRequest
from rapport.core.text import sentence
from rapport.people.forms import add_service_errors, suggest_text

# (label, ?status=) for the list's tabs; "" is every company.


def _get_company(request: AuthedRequest, pk: int) -> Company:
    """The company `pk` of the logged-in user (404 for anyone else's)."""
    return company_get(owner=request.user, pk=pk)


@login_required
def company_create(request: AuthedRequest) -> HttpResponse:
    # ?status=target (from the empty Targets tab) starts the company on that list.
    initial = {"target_status": request.GET.get("status", TargetStatus.NONE)}
    form = CompanyForm(request.POST or None, owner=request.user, initial=initial)
    if request.method == "POST" and target_form_save(form):
        messages.success(request, f"{form.instance.name} was added.")
        return redirect("companies:detail", form.instance.pk)
    return render(request, "companies/form.html", {"form": form})


@login_required
def company_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    company = _get_company(request, pk)
    name = company.name  # the form edits `company` in place, even when invalid
    form = CompanyForm(request.POST or None, instance=company, owner=request.user)
    if request.method == "POST" and target_form_save(form):
        messages.success(request, "Saved.")
        return redirect("companies:detail", company.pk)
    return render(request, "companies/form.html", {"form": form, "company": company, "name": name})


def target_form_save(form: TargetForm) -> bool:
    """Save the company and its list status through the service; False shows the errors."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        company_set_target(
            company=form.instance,
            status=data["target_status"],
            reason=data["status_reason"],
            by=data["status_by"],
            priority=data["priority"],
            conversation_id=form.status_conversation_id(),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@login_required
def company_delete_view(request: AuthedRequest, pk: int) -> HttpResponse:
    company = _get_company(request, pk)
    if request.method == "POST":
        company_delete(company=company)
        messages.success(request, f"{company.name} was deleted.")
        return redirect("companies:list")
    context = {
        "company": company,
        "employments": company.employments.filter(owner=request.user).count(),
        "opportunities": company.opportunities.filter(owner=request.user).count(),
    }
    return render(request, "companies/confirm_delete.html", context)


@login_required
def company_protocol(request: AuthedRequest, pk: int) -> HttpResponse:
    company = _get_company(request, pk)
    form = ProtocolForm(request.POST or None, owner=request.user, company=company)
    if request.method == "POST" and _save_protocol(form, company):
        messages.success(request, sentence(f"Saved how referrals work at {company.name}"))
        return redirect("companies:detail", company.pk)
    current, _ = company_employments(company=company)
    people = list({job.person_id: job.person for job in current}.values())
    return render(
        request, "companies/protocol.html", {"company": company, "form": form, "current": people}
    )


def _save_protocol(form: ProtocolForm, company: Company) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        company_set_referral_protocol(
            company=company,
            channel=data["channel"],
            steps=data["steps"],
            apply_order=data["apply_order"],
            learned_from=data["learned_from"],
            learned_on=data["learned_on"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@login_required
def suggest(request: AuthedRequest) -> HttpResponse:
    """Type-ahead options (a <datalist> body) for any field that names a company."""
    companies = companies_suggest(owner=request.user, query=suggest_text(request.GET))
    return render(request, "companies/_suggest.html", {"companies": companies})


@login_required
@require_POST
def company_merge_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """Merge the company named in the form into this one."""
    company = _get_company(request, pk)
    form = MergeForm(request.POST, company=company)
    if not form.is_valid():
        for error in form.errors.get("other", []):
            messages.error(request, str(error))
        return redirect("companies:detail", company.pk)
    other: Company = form.cleaned_data["other"]
    try:
        company_merge(survivor=company, absorbed=other)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{other.name} is now part of {company.name}.")
    return redirect("companies:detail", company.pk)


@login_required
@require_POST
def company_merge_undo_view(request: AuthedRequest, company_merge_pk: int) -> HttpResponse:
    merge = company_merge_get(owner=request.user, pk=company_merge_pk)
    try:
        company = company_merge_undo(merge=merge)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("companies:detail", merge.survivor_id)
    messages.success(request, f"{company.name} is a company of its own again.")
    return redirect("companies:detail", company.pk)
