"""Pages for sharing company knowledge with a cohort: share, edit, retract, and read it all."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rapport.cohorts.models import Cohort, CohortShare, ShareKind
from rapport.cohorts.selectors import cohorts_of
from rapport.cohorts.share_forms import ShareForm
from rapport.cohorts.share_selectors import (
    cohort_companies,
    cohort_company_name,
    known_mine,
    share_get,
    shares_of,
)
from rapport.cohorts.shares import (
    protocol_text,
    share_create,
    share_retract,
    share_update,
    sharing_cohorts,
)
from rapport.cohorts.views import member_required
from rapport.companies.selectors import company_get
from rapport.companies.services import company_find_or_create
from rapport.core.http import AuthedRequest
from rapport.people.forms import add_service_errors

# Companies a page of the cohort's knowledge shows: a cohort of 100 knows hundreds.
KNOWLEDGE_PAGE_SIZE = 25


def _cohorts_to_share_with(request: AuthedRequest) -> list[Cohort]:
    """A student's cohorts; anyone else (or local mode) has no sharing page at all."""
    if settings.LOCAL_MODE:
        raise Http404("Sharing needs a career centre (server mode).")
    member_required(request)
    cohorts = sharing_cohorts(user=request.user)
    if not cohorts:
        raise Http404("Only students in a cohort share company knowledge.")
    return cohorts


@login_required
@require_http_methods(["GET", "POST"])
def share_new(request: AuthedRequest, company_pk: int) -> HttpResponse:
    cohorts = _cohorts_to_share_with(request)
    company = company_get(owner=request.user, pk=company_pk)
    if request.method == "POST":
        form = ShareForm(request.POST, cohorts=cohorts, protocol=protocol_text(company=company))
        if form.is_valid():
            cohort = form.cleaned_data["cohort"]
            try:
                share_create(
                    sharer=request.user, company=company, cohort=cohort, **form.share_values()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Shared with {cohort.name}: everyone there sees it with {company.name}.",
                )
                return redirect("companies:detail", company.pk)
    else:
        protocol = request.GET.get("kind") == ShareKind.PROTOCOL or company.has_referral_protocol()
        initial = {"kind": ShareKind.PROTOCOL, "text": protocol_text(company=company)}
        form = ShareForm(
            initial=initial if protocol else {"kind": ShareKind.INSIGHT}, cohorts=cohorts
        )
    context = {
        "form": form,
        "company": company,
        "one_cohort": cohorts[0] if len(cohorts) == 1 else None,
    }
    return render(request, "cohorts/shares/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def share_edit(request: AuthedRequest, share_pk: int) -> HttpResponse:
    member_required(request)
    share = share_get(sharer=request.user, pk=share_pk)
    if request.method == "POST":
        protocol = protocol_text(company=share.company) if share.company else ""
        form = ShareForm(request.POST, protocol=protocol)
        if form.is_valid():
            try:
                share_update(share=share, **form.share_values())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Your share about {share.company_name} is updated.")
                return _back(share)
    else:
        initial = {
            "kind": share.kind,
            "text": share.text,
            "reason": share.reason,
            "named": "yes" if share.named else "no",
        }
        form = ShareForm(initial=initial)
    return render(request, "cohorts/shares/form.html", {"form": form, "share": share})


@login_required
@require_POST
def share_retract_view(request: AuthedRequest, share_pk: int) -> HttpResponse:
    member_required(request)
    share = share_get(sharer=request.user, pk=share_pk)
    share_retract(share=share)
    messages.success(
        request,
        f"Retracted: your cohort no longer sees what you shared about {share.company_name}.",
    )
    return _back(share)


def _back(share: CohortShare) -> HttpResponse:
    if share.company_id is not None:
        return redirect("companies:detail", share.company_id)
    return redirect("cohorts:knowledge")


@login_required
@require_GET
def knowledge(request: AuthedRequest) -> HttpResponse:
    """Every company the user's cohorts shared something about, and what the user shared."""
    if settings.LOCAL_MODE:
        raise Http404("No career centre in local mode.")
    member = member_required(request)
    page = Paginator(cohort_companies(user=request.user), KNOWLEDGE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    companies = list(page.object_list)
    known_mine(user=request.user, known=companies)
    context = {
        "member": member,
        "cohorts": cohorts_of(user=request.user),
        "page": page,
        "companies": companies,
        "mine": shares_of(sharer=request.user),
    }
    return render(request, "cohorts/shares/knowledge.html", context)


@login_required
@require_POST
def knowledge_add(request: AuthedRequest) -> HttpResponse:
    """Add a company the cohort knows about to the user's own companies, and open it."""
    if settings.LOCAL_MODE:
        raise Http404("No career centre in local mode.")
    member_required(request)
    name = cohort_company_name(user=request.user, company_key=request.POST.get("key", ""))
    company, created = company_find_or_create(owner=request.user, name=name)
    if created:
        messages.success(request, f"{company.name} is now one of your companies.")
    return redirect("companies:detail", company.pk)
