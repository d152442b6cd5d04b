"""Outreach pages: write (and record) a message, see one, note a reply, the target list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rapport.companies.models import Company
from rapport.companies.selectors import company_get
from rapport.core.csvfile import csv_bytes
from rapport.core.http import AuthedRequest
from rapport.outreach.drafts import draft_for
from rapport.outreach.forms import LEVELS, AttemptForm, MotivationForm, ReplyForm
from rapport.outreach.models import Attempt, AttemptKind
from rapport.outreach.selectors import (
    attempt_get,
    attempt_row,
    attempts_recent,
    current_company,
    draft_facts,
    email_of,
    worked_at,
)
from rapport.outreach.services import attempt_record, attempt_reply_noted, motivation_set
from rapport.outreach.targets import (
    CSV_HEADER,
    SORTS,
    csv_rows,
    ranked_first,
    share_text,
    target_list,
)
from rapport.people.forms import add_service_errors
from rapport.people.models import Person
from rapport.people.selectors import person_get

# The drafts offered for a first message (introduction requests start from a warm path,
# follow-ups from the message they follow).
FIRST_KINDS = (AttemptKind.COLD, AttemptKind.ALUMNUS)


def _id(request: AuthedRequest, name: str) -> int | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404(f"No such {name}.")
    return int(raw)


@login_required
@require_GET
def attempts(request: AuthedRequest) -> HttpResponse:
    rows = attempts_recent(owner=request.user)
    return render(request, "outreach/list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def write(request: AuthedRequest) -> HttpResponse:
    """Write to someone: `?person=` (required), `&company=`, `&kind=cold|alumnus`."""
    person_pk = _id(request, "person")
    if person_pk is None:
        raise Http404("Pick someone to write to from their page.")
    person = person_get(owner=request.user, pk=person_pk)
    company_pk = _id(request, "company")
    company = (
        company_get(owner=request.user, pk=company_pk)
        if company_pk is not None
        else current_company(person=person)
    )
    kind = request.GET.get("kind", "")
    if kind not in FIRST_KINDS:  # an alumnus of the company gets the alumnus draft first
        worked_there = company is not None and worked_at(person=person, company=company)
        kind = AttemptKind.ALUMNUS if worked_there else AttemptKind.COLD
    return _write(request, person=person, company=company, kind=kind)


@login_required
@require_http_methods(["GET", "POST"])
def ask(
    request: AuthedRequest, company_pk: int, introducer_pk: int, target_pk: int
) -> HttpResponse:
    """From a warm path: ask `introducer` to introduce the user to `target`."""
    company = company_get(owner=request.user, pk=company_pk)
    introducer = person_get(owner=request.user, pk=introducer_pk)
    target = person_get(owner=request.user, pk=target_pk)
    if introducer.pk == target.pk:
        context = {"person": introducer, "company": company, "same_person": True}
        return render(request, "outreach/write.html", context)
    return _write(
        request,
        person=introducer,
        company=company,
        kind=AttemptKind.INTRODUCTION,
        introduce_to=target,
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    first = attempt_get(owner=request.user, pk=pk)
    return _write(
        request,
        person=first.person,
        company=first.company,
        kind=AttemptKind.FOLLOW_UP,
        follows=first,
    )


def _write(
    request: AuthedRequest,
    *,
    person: Person,
    company: Company | None,
    kind: str,
    introduce_to: Person | None = None,
    follows: Attempt | None = None,
) -> HttpResponse:
    facts = draft_facts(
        owner=request.user,
        person=person,
        company=company,
        introduce_to=introduce_to,
        follows=follows,
    )
    draft = draft_for(kind, facts)
    form = AttemptForm(
        request.POST or None, initial={"subject": draft.subject, "message": draft.body}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            attempt_record(
                owner=request.user,
                person=person,
                sent_on=data["sent_on"],
                kind=kind,
                channel=data["channel"],
                company=company,
                introduce_to=introduce_to,
                follows=follows,
                subject=data["subject"],
                message=data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _recorded(person, kind))
            return redirect("people:detail", person.pk)
    email = email_of(person=person)
    context: dict[str, Any] = {
        "person": person,
        "company": company,
        "kind": kind,
        "kind_label": AttemptKind(kind).label,
        "introduce_to": introduce_to,
        "follows": follows,
        "form": form,
        "draft": draft,
        "email": email,
        "mailto": draft.mailto(email),
        "kinds": _kind_links(person, company, kind) if follows is None and not introduce_to else [],
    }
    return render(request, "outreach/write.html", context)


def _kind_links(person: Person, company: Company | None, current: str) -> list[dict[str, Any]]:
    base = f"{reverse('outreach:new')}?person={person.pk}"
    if company is not None:
        base += f"&company={company.pk}"
    return [
        {"label": AttemptKind(k).label, "url": f"{base}&kind={k}", "current": k == current}
        for k in FIRST_KINDS
    ]


def _recorded(person: Person, kind: str) -> str:
    if kind == AttemptKind.INTRODUCTION:
        return (
            f"Noted: you asked {person.full_name} for an introduction. If there is no reply in "
            "3 business days, Today suggests another way in; after 7, a follow-up."
        )
    return (
        f"Noted: you wrote to {person.full_name}. If there is no reply in 3 business days, "
        "Today suggests another contact; after 7, a follow-up."
    )


@login_required
@require_GET
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    attempt = attempt_get(owner=request.user, pk=pk)
    context = {"row": attempt_row(owner=request.user, attempt=attempt), "reply_form": ReplyForm()}
    return render(request, "outreach/detail.html", context)


@login_required
@require_POST
def replied(request: AuthedRequest, pk: int) -> HttpResponse:
    attempt = attempt_get(owner=request.user, pk=pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the day they replied.")
    else:
        try:
            attempt_reply_noted(attempt=attempt, replied_on=form.cleaned_data["replied_on"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Noted: {attempt.person.full_name} replied.")
    return redirect("outreach:detail", attempt.pk)


@login_required
@require_GET
def targets(request: AuthedRequest) -> HttpResponse:
    sort = request.GET.get("sort", "rank")
    sort = sort if sort in SORTS else "rank"
    rows = target_list(owner=request.user, today=timezone.localdate(), sort=sort)
    ranked = rows if sort == "rank" else ranked_first(rows)
    context = {
        "targets": rows,
        "sort": sort,
        "sorts": SORTS.items(),
        "share": share_text(ranked),
        "levels": LEVELS,
    }
    return render(request, "outreach/targets.html", context)


@login_required
@require_GET
def targets_csv(request: AuthedRequest) -> HttpResponse:
    rows = target_list(owner=request.user, today=timezone.localdate())
    response = HttpResponse(
        csv_bytes(CSV_HEADER, csv_rows(rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="target-list.csv"'
    return response


@login_required
@require_POST
def motivation(request: AuthedRequest, company_pk: int) -> HttpResponse:
    company = company_get(owner=request.user, pk=company_pk)
    form = MotivationForm(request.POST)
    if form.is_valid():
        motivation_set(owner=request.user, company=company, level=form.cleaned_data["level"])
        messages.success(request, f"{company.name}: motivation {form.cleaned_data['level']}.")
    else:
        messages.error(request, "Motivation goes from 0 to 3.")
    back = request.POST.get("sort", "rank")
    query = f"?sort={back}" if back in SORTS and back != "rank" else ""
    return redirect(f"{reverse('outreach:targets')}{query}#target-{company.pk}")
