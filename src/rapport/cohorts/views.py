"""The cohort pages: the hub every member starts from, and what was shared and seen."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rapport.cohorts.assignments import assignments_of
from rapport.cohorts.grants import coach_choices
from rapport.cohorts.intros import asks_waiting_count, intros_enabled
from rapport.cohorts.models import Member, Role
from rapport.cohorts.selectors import audit_for, cohorts_of, member_get
from rapport.core.http import AuthedRequest


def member_required(request: AuthedRequest) -> Member:
    """The member behind a cohort page; someone using Rapport on their own has no such page."""
    member = member_get(user=request.user)
    if member is None:
        raise Http404("You are not a member of a career centre.")
    return member


@login_required
@require_GET
def hub(request: AuthedRequest) -> HttpResponse:
    member = member_required(request)
    context = {
        "member": member,
        "cohorts": cohorts_of(user=request.user),
        "audit": audit_for(subject=request.user),
        **_coaching(request, member),
        "intros": intros_enabled(user=request.user),
        "intros_waiting": asks_waiting_count(introducer=request.user),
    }
    return render(request, "cohorts/hub.html", context)


def _coaching(request: AuthedRequest, member: Member) -> dict[str, object]:
    """A student's coaches and assignments (`cohorts/coaching/_hub.html`)."""
    if member.role != Role.STUDENT:
        return {}
    student = request.user
    return {
        "coach_choices": coach_choices(student=student),
        "assignments": assignments_of(student=student)[:20],
    }
