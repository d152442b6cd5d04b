from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rapport.companies.models import Company
from rapport.companies.selectors import company_get
from rapport.core.http import AuthedRequest
from rapport.network.drafts import ask_draft
from rapport.network.forms import AcquaintanceForm, AskForm
from rapport.network.maps import network_map
from rapport.network.selectors import (
    acquaintance_get,
    acquaintances_list,
    introduction_request_get,
)
from rapport.network.services import (
    acquaintance_delete,
    acquaintance_record,
    introduction_request_record,
)
from rapport.people.forms import add_service_errors
from rapport.people.models import Person
from rapport.people.selectors import person_get

PAGE_SIZE = 50


def _get_company(request: AuthedRequest, pk: int) -> Company:
    """The company `pk` of the logged-in user (404 for anyone else's)."""
    return company_get(owner=request.user, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def ask(
    request: AuthedRequest, company_pk: int, introducer_pk: int, target_pk: int
) -> HttpResponse:
    company = _get_company(request, company_pk)
    introducer = person_get(owner=request.user, pk=introducer_pk)
    target = person_get(owner=request.user, pk=target_pk)
    context = {"company": company, "introducer": introducer, "target": target}
    if introducer.pk == target.pk:
        return render(request, "network/ask.html", context)  # says why there is nothing to ask
    asked = introduction_request_get(
        owner=request.user, introducer_id=introducer.pk, target_id=target.pk, company=company
    )
    draft = asked.message if asked else ""
    draft = draft or ask_draft(
        owner=request.user, introducer=introducer, target=target, company=company
    )
    form = AskForm(request.POST or None, initial={"message": draft})
    if request.method == "POST" and _record_ask(request, form, introducer, target, company):
        messages.success(
            request,
            f"Noted: you asked {introducer.full_name} to introduce you to "
            f"{target.full_name}. Thank them, whatever the answer.",
        )
        return redirect("network:company_paths", company.pk)
    return render(request, "network/ask.html", {**context, "form": form, "asked": asked})


def _record_ask(
    request: AuthedRequest, form: AskForm, introducer: Person, target: Person, company: Company
) -> bool:
    """Record the ask through the service; False shows the form's errors."""
    if not form.is_valid():
        return False
    try:
        introduction_request_record(
            owner=request.user,
            introducer=introducer,
            target=target,
            company=company,
            message=form.cleaned_data["message"],
            asked_on=timezone.localdate(),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@login_required
@require_GET
def network_map_view(request: AuthedRequest) -> HttpResponse:
    company = None
    raw = request.GET.get("company", "")
    if raw:
        if not raw.isdigit():
            raise Http404("No such company.")
        company = _get_company(request, int(raw))
    data = network_map(owner=request.user, today=timezone.localdate(), company=company)
    return render(request, "network/map.html", {"map": data, "company": company})


@login_required
@require_http_methods(["GET", "POST"])
def acquaintances(request: AuthedRequest) -> HttpResponse:
    form = AcquaintanceForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            acquaintance_record(
                owner=request.user, person=data["person"], knows=data["knows"], note=data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Noted: {data['person'].full_name} knows {data['knows'].full_name}."
            )
            return redirect("network:acquaintances")
    page = Paginator(acquaintances_list(owner=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page}
    return render(request, "network/acquaintances.html", context)


@login_required
@require_POST
def acquaintance_delete_view(request: AuthedRequest, pk: int) -> HttpResponse:
    acquaintance = acquaintance_get(owner=request.user, pk=pk)
    acquaintance_delete(acquaintance=acquaintance)
    messages.success(request, "Removed.")
    return redirect("network:acquaintances")
