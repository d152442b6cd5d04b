"""The person pages: the list, a person's page, and their jobs added or ended there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from rapport.cohorts.intros import person_offer
from rapport.companies.models import Employment
from rapport.companies.selectors import employment_get, people_described
from rapport.companies.services import company_find_or_create, employment_add, employment_end
from rapport.core.http import AuthedRequest
from rapport.core.pages import page_cached
from rapport.core.text import sentence
from rapport.front.selectors import people_list, people_rows, person_profile
from rapport.imports.selectors import person_change_events, person_merges, person_provenance
from rapport.outreach.selectors import attempts_of_person
from rapport.people.forms import (
    EmploymentEndForm,
    EmploymentForm,
    NewPersonJobForm,
    PeopleFilterForm,
    PersonForm,
    add_service_errors,
    suggest_text,
)
from rapport.people.models import Person
from rapport.people.selectors import people_named, people_suggest, person_get
from rapport.people.services import person_ref
from rapport.people.views import person_form_save

PAGE_SIZE = 50

PROVENANCE_SHOWN = 5

_ANY_PK = 9_087_654_321_012  # stands for a pk in an address reversed once (`_addresses`)


def _get_person(request: AuthedRequest, pk: int) -> Person:
    """The person `pk` of the logged-in user (404 for anyone else's)."""
    return person_get(owner=request.user, pk=pk)


@login_required
def person_create(request: AuthedRequest) -> HttpResponse:
    """Add a person, with where they work now; a name you already have asks first."""
    owner = request.user
    form = PersonForm(request.POST or None, owner=owner)
    job = NewPersonJobForm(request.POST or None, prefix="job")
    namesakes: list[Person] = []
    if request.method == "POST" and form.is_valid() and job.is_valid():
        namesakes = people_named(owner=owner, name=form.cleaned_data["full_name"])
        if (not namesakes or request.POST.get("same_name") == "yes") and _create(form, job):
            messages.success(request, f"{form.instance.full_name} was added.")
            return redirect("people:detail", form.instance.pk)
    context = {"form": form, "job_form": job, "namesakes": people_described(people=namesakes)}
    return render(request, "people/form.html", context)


def _create(form: PersonForm, job: NewPersonJobForm) -> bool:
    with transaction.atomic():
        if not person_form_save(form):
            transaction.set_rollback(True)
            return False
        company_name, title = job.cleaned_data["company"], job.cleaned_data["title"]
        if company_name:
            try:
                company, _ = company_find_or_create(owner=form.instance.owner, name=company_name)
                employment_add(person=form.instance, company=company, title=title)
            except ValidationError as error:
                add_service_errors(job, error)
                transaction.set_rollback(True)
                return False
    return True


@login_required
def suggest(request: AuthedRequest) -> HttpResponse:
    """Type-ahead options (a <datalist> body) for any field that names a person: each with
    their job, so that two people of the same name can be told apart."""
    people = people_suggest(owner=request.user, query=suggest_text(request.GET))
    options = [(person_ref(p), about) for p, about in people_described(people=people)]
    return render(request, "people/_suggest.html", {"options": options})


@login_required
@page_cached("people")
def person_list(request: AuthedRequest) -> HttpResponse:
    filters = PeopleFilterForm(request.GET, owner=request.user)
    filters.is_valid()  # an unknown tag is dropped, the search still applies
    query = filters.cleaned_data.get("q", "")
    tag = filters.cleaned_data.get("tag", "")
    page = Paginator(people_list(owner=request.user, query=query, tag=tag), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    people = _linked(people_rows(owner=request.user, people=list(page.object_list)))
    context = {"filters": filters, "page": page, "people": people, "filtered": query or tag}
    template = "people/list.html#results" if _wants_fragment(request) else "people/list.html"
    return render(request, template, context)


def _linked(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the list with the address of each person's page and of their employers'."""
    person_url, company_url = _addresses("people:detail"), _addresses("companies:detail")
    for person in people:
        person["url"] = person_url(person["id"])
        for job in person["jobs"]:
            job["url"] = company_url(job["company_id"])
    return people


def _addresses(name: str) -> Callable[[int], str]:
    """`reverse(name, args=[pk])` for any pk, reversed once: a list links each of its rows,
    and a reverse costs more than the rest of a row."""
    head, _, tail = reverse(name, args=[_ANY_PK]).partition(str(_ANY_PK))
    return lambda pk: f"{head}{pk}{tail}"


def _wants_fragment(request: AuthedRequest) -> bool:
    # htmx swaps in the results only, except when it restores a page missing from its history.
    headers = request.headers
    return (
        headers.get("HX-Request") == "true" and headers.get("HX-History-Restore-Request") != "true"
    )


@login_required
def person_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_person(request, pk), EmploymentForm())


def _render_detail(
    request: AuthedRequest, person: Person, employment_form: EmploymentForm
) -> HttpResponse:
    profile = person_profile(person=person)
    today = timezone.localdate()
    end_forms = [
        (job, EmploymentEndForm(prefix=f"end-{job.pk}", initial={"ended_on": today}))
        for job in profile.current_jobs
    ]
    context: dict[str, Any] = {
        "person": person,
        "profile": profile,
        "employment_form": employment_form,
        "end_forms": end_forms,
        "job_changes": list(person_change_events(person=person)[:5]),
        "merges": list(person_merges(person=person)[:10]),
        "provenance": list(person_provenance(person=person)[:PROVENANCE_SHOWN]),
        "outreach": attempts_of_person(owner=request.user, person=person),
        "intro": person_offer(owner=request.user, person=person),
    }
    return render(request, "people/detail.html", context)


@login_required
@require_POST
def employment_add_view(request: AuthedRequest, pk: int) -> HttpResponse:
    person = _get_person(request, pk)
    form = EmploymentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                company, _ = company_find_or_create(owner=request.user, name=data["company"])
                employment_add(
                    person=person,
                    company=company,
                    title=data["title"],
                    started_on=data["started_on"],
                    ended_on=data["ended_on"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Added {data['company']} to {person.full_name}'s jobs.")
            return redirect("people:detail", person.pk)
    return _render_detail(request, person, form)


@login_required
@require_POST
def employment_end_view(request: AuthedRequest, pk: int, employment_pk: int) -> HttpResponse:
    person = _get_person(request, pk)
    employment: Employment = employment_get(owner=request.user, person=person, pk=employment_pk)
    form = EmploymentEndForm(request.POST, prefix=f"end-{employment.pk}")
    if not form.is_valid():
        messages.error(request, "Give the date the job ended.")
        return redirect("people:detail", person.pk)
    try:
        employment_end(employment=employment, ended_on=form.cleaned_data["ended_on"])
    except ValidationError:
        messages.error(request, "A job cannot end before it starts.")
    else:
        messages.success(
            request, sentence(f"{person.full_name} no longer works at {employment.company}")
        )
    return redirect("people:detail", person.pk)
