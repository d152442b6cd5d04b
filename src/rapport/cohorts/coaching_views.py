"""The student's side of coaching: letting a coach see progress, and assignments."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rapport.accounts.models import User
from rapport.cohorts.assignments import AssignmentError, assignment_done, assignment_get
from rapport.cohorts.grants import GrantError, grant_give, grant_revoke
from rapport.cohorts.models import Role
from rapport.cohorts.views import member_required
from rapport.core.http import AuthedRequest


def _student(request: AuthedRequest) -> User:
    if settings.LOCAL_MODE or member_required(request).role != Role.STUDENT:
        raise Http404("Only students let coaches see their progress.")
    return request.user


def _coach_id(request: AuthedRequest) -> int:
    try:
        return int(request.POST.get("coach", ""))
    except ValueError:
        raise Http404("No such coach.") from None


@login_required
@require_POST
def grant(request: AuthedRequest) -> HttpResponse:
    try:
        given = grant_give(student=_student(request), coach_id=_coach_id(request))
    except GrantError as error:
        raise Http404(str(error)) from None
    name = given.coach.get_username()
    messages.success(request, f"{name} now sees your progress (counts and signals only).")
    return redirect("cohorts:hub")


@login_required
@require_POST
def revoke(request: AuthedRequest) -> HttpResponse:
    try:
        grant_revoke(student=_student(request), coach_id=_coach_id(request))
    except GrantError as error:
        raise Http404(str(error)) from None
    messages.success(request, "Done: that coach no longer sees your progress.")
    return redirect("cohorts:hub")


@login_required
@require_http_methods(["GET", "POST"])
def assignment(request: AuthedRequest, assignment_pk: int) -> HttpResponse:
    """An assignment from a coach; the student reports it done here."""
    student = _student(request)
    found = assignment_get(student=student, pk=assignment_pk)
    error = ""
    if request.method == "POST":
        try:
            assignment_done(student=student, pk=found.pk, report=request.POST.get("report", ""))
        except AssignmentError as problem:
            error = str(problem)
        else:
            messages.success(request, "Reported done: your coach sees it.")
            return redirect("cohorts:hub")
    context = {"assignment": found, "error": error, "report": request.POST.get("report", "")}
    return render(
        request, "cohorts/coaching/assignment.html", context, status=400 if error else 200
    )
