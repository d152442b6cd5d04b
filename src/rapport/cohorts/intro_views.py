"""The introductions page of a cohort member, and the posts that offer, ask and answer.

Every id is looked up through its user (the offer's owner, a peer for asking, the
introducer for answering, the requester for withdrawing): anyone else gets a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from rapport.cohorts.intros import (
    answers_seen,
    ask_answer,
    ask_create,
    ask_person_add,
    ask_to_answer,
    ask_withdraw,
    asks_answered,
    asks_made,
    asks_waiting,
    intros_enabled,
    member_name,
    offer_to_ask,
    offer_withdraw,
    offers_add,
    offers_of,
    own_ask,
    own_offer,
    people_to_offer,
)
from rapport.core.http import AuthedRequest
from rapport.people.models import Person


def _student(request: AuthedRequest) -> None:
    """Introductions are for the students of a cohort, in server mode: 404 for anyone else."""
    if not intros_enabled(user=request.user):
        raise Http404("Introductions are for the students of a cohort.")


def _next(request: HttpRequest, default: str) -> str:
    """Where to go after a POST: a same-site `next`, or the default."""
    target = request.POST.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else default


def _back(request: AuthedRequest) -> HttpResponse:
    return redirect(_next(request, reverse("cohorts:intros")))


def _refused(request: AuthedRequest, error: ValidationError) -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    return _back(request)


@login_required
@require_GET
def intros(request: AuthedRequest) -> HttpResponse:
    _student(request)
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "offers": offers_of(owner=request.user),
        "query": query,
        "candidates": people_to_offer(owner=request.user, query=query) if query else [],
        "waiting": list(asks_waiting(introducer=request.user)),
        "answered": asks_answered(introducer=request.user),
        "made": asks_made(requester=request.user),  # answers not seen yet say "New" ...
    }
    response = render(request, "cohorts/intros/page.html", context)
    answers_seen(requester=request.user)  # ... this once, and Today stops telling them
    return response


@login_required
@require_POST
def offer_add_view(request: AuthedRequest) -> HttpResponse:
    """Offer one person (from their page) or several (ticked on the introductions page)."""
    _student(request)
    ids = [int(v) for v in request.POST.getlist("person") if v.isdigit()]
    people = list(Person.objects.filter(owner=request.user, pk__in=ids))
    if not people or len(people) != len(set(ids)):
        raise Http404("No such person.")
    try:
        added = offers_add(owner=request.user, people=people)
    except ValidationError as error:
        return _refused(request, error)
    if len(people) == 1:
        text = f"Your cohort can now ask you to introduce them to {people[0].full_name}."
    else:
        text = f"Your cohort can now ask you for {added} more introduction{'s' * (added != 1)}."
    messages.success(request, text)
    return _back(request)


@login_required
@require_POST
def offer_withdraw_view(request: AuthedRequest, offer_pk: int) -> HttpResponse:
    _student(request)
    offer = own_offer(owner=request.user, pk=offer_pk)
    name = offer.person.full_name
    closed = offer_withdraw(offer=offer)
    text = f"Withdrawn: your cohort no longer sees {name}."
    if closed:
        text += f" {closed} waiting request{'s' * (closed != 1)} closed."
    messages.success(request, text)
    return _back(request)


@login_required
@require_POST
def ask_view(request: AuthedRequest, offer_pk: int) -> HttpResponse:
    _student(request)
    offer = offer_to_ask(viewer=request.user, pk=offer_pk)
    try:
        ask_create(requester=request.user, offer=offer, message=request.POST.get("message", ""))
    except ValidationError as error:
        return _refused(request, error)
    messages.success(
        request,
        f"Sent: {member_name(offer.owner)} will see your request to meet "
        f"{offer.person.full_name}. Their answer will show on your cohort's introductions page.",
    )
    return _back(request)


@login_required
@require_POST
def ask_answer_view(request: AuthedRequest, ask_pk: int) -> HttpResponse:
    _student(request)
    ask = ask_to_answer(introducer=request.user, pk=ask_pk)
    accept = request.POST.get("answer") == "accept"
    if not accept and request.POST.get("answer") != "decline":
        messages.error(request, "Choose to accept or decline.")
        return _back(request)
    try:
        ask_answer(ask=ask, accept=accept, reply=request.POST.get("reply", ""))
    except ValidationError as error:
        return _refused(request, error)
    who = member_name(ask.requester)
    verb = "will introduce" if accept else "declined to introduce"
    messages.success(request, f"{who} will see that you {verb} them to {ask.person_name}.")
    return _back(request)


@login_required
@require_POST
def ask_withdraw_view(request: AuthedRequest, ask_pk: int) -> HttpResponse:
    _student(request)
    ask = own_ask(requester=request.user, pk=ask_pk)
    try:
        ask_withdraw(ask=ask)
    except ValidationError as error:
        return _refused(request, error)
    messages.success(request, f"Withdrawn: your request about {ask.person_name}.")
    return _back(request)


@login_required
@require_POST
def ask_person_add_view(request: AuthedRequest, ask_pk: int) -> HttpResponse:
    _student(request)
    ask = own_ask(requester=request.user, pk=ask_pk)
    try:
        person = ask_person_add(ask=ask)
    except ValidationError as error:
        return _refused(request, error)
    messages.success(request, f"{person.full_name} is now one of your people.")
    return redirect("people:detail", person.pk)
