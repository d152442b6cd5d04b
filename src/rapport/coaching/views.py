"""The coach's pages: the cohort dashboard and one student's progress.

Only a coach sees them, and of a student only while that student lets them (anything else
is a 404, whoever asks). Every look at a student's progress is logged for the student. The
pages are never stored by a browser or a proxy (`never_cache`): after a revocation nothing
of them is left to show.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from rapport.accounts.models import User
from rapport.coaching.selectors import cohort_totals, progress_for, quiet_count
from rapport.cohorts.assignments import AssignmentError, assignment_set, assignments_set_by
from rapport.cohorts.grants import (
    coach_viewed,
    granted_student,
    granted_students_viewed,
    ungranted_count,
)
from rapport.cohorts.models import Role
from rapport.cohorts.selectors import role_and_cohorts, role_of
from rapport.core.http import AuthedRequest
from rapport.core.pages import page_cached, request_data_version_read
from rapport.core.versions import data_versions

SORTS = {"stuck": "Most stuck first", "name": "By name"}


def _coach(request: AuthedRequest) -> User:
    if settings.LOCAL_MODE or role_of(user=request.user) != Role.COACH:
        raise _not_a_coach()
    return request.user


def _not_a_coach() -> Http404:
    return Http404("Only coaches have this page.")


def _student(coach: User, student_pk: int) -> User:
    student = granted_student(coach=coach, student_id=student_pk)
    if student is None:
        raise Http404("No such student.")
    return student


@never_cache
@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    """Every look is four queries beyond the session and the user, whether the page is kept
    or computed: the role with the cohorts' versions, who granted (once per version of
    the cohorts), the look's row, and the coach's and students' data versions."""
    role, cohorts = role_and_cohorts(user=request.user)
    if settings.LOCAL_MODE or role != Role.COACH:
        raise _not_a_coach()
    coach = request.user
    detail = "Cohort dashboard: counts and signals"
    ids = granted_students_viewed(coach=coach, detail=detail, cohorts=cohorts)
    versions = data_versions([coach.pk, *ids])
    request_data_version_read(request, versions.pop(coach.pk))
    return _dashboard(request, versions, cohorts)


def _students_stamp(request: AuthedRequest, versions: dict[int, str], cohorts: str) -> str:
    """What the dashboard shows beyond the coach's own data: the students' data versions
    (their progress), and the versions of the coach's cohorts, which grants, members, roles
    and accounts bump (how many students have not let the coach see their progress)."""
    parts = [f"{pk}={version}" for pk, version in versions.items()]
    parts.append(f"cohorts={cohorts}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


@page_cached("coach_dashboard", vary=_students_stamp)
def _dashboard(request: AuthedRequest, versions: dict[int, str], cohorts: str) -> HttpResponse:
    """The dashboard, kept until a student's data, a grant or the day changes; every look is
    logged (by `dashboard`) whether the page is kept or computed."""
    today = timezone.localdate()
    progress = list(progress_for(student_ids=list(versions), today=today).values())
    sort = request.GET.get("sort", "stuck")
    sort = sort if sort in SORTS else "stuck"
    if sort == "stuck":
        progress.sort(key=lambda p: p.stuck_key)
    else:
        progress.sort(key=lambda p: p.name.lower())
    context = {
        "progress": progress,
        "totals": cohort_totals(progress, today),
        "quiet": quiet_count(progress),
        "stuck": sum(1 for p in progress if p.signals),
        "ungranted": ungranted_count(coach=request.user),
        "sort": sort,
        "sort_label": SORTS[sort],
        "sorts": SORTS,
        "today": today,
    }
    return render(request, "coaching/dashboard.html", context)


@never_cache
@login_required
@require_GET
def student(request: AuthedRequest, student_pk: int) -> HttpResponse:
    coach = _coach(request)
    found = _student(coach, student_pk)
    return _student_page(request, coach, found)


def _student_page(
    request: AuthedRequest,
    coach: User,
    found: User,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    progress = progress_for(student_ids=[found.pk], today=today)[found.pk]
    coach_viewed(coach=coach, student_ids=[found.pk], detail="Your progress page")
    context = {
        "student": found,
        "progress": progress,
        "assignments": assignments_set_by(coach=coach, student=found),
        "error": error,
        "form": request.POST if error else {},
        "today": today,
    }
    return render(request, "coaching/student.html", context, status=status)


@never_cache
@login_required
@require_POST
def assign(request: AuthedRequest, student_pk: int) -> HttpResponse:
    coach = _coach(request)
    found = _student(coach, student_pk)
    try:
        due_on = _date(request.POST.get("due_on", ""))
        assignment_set(
            coach=coach, student_id=found.pk, text=request.POST.get("text", ""), due_on=due_on
        )
    except AssignmentError as error:
        return _student_page(request, coach, found, str(error), status=400)
    messages.success(request, f"Assignment set: {found.get_username()} sees it on Today.")
    return redirect("coaching:student", student_pk=found.pk)


def _date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AssignmentError(
            "Give the due date as a date (YYYY-MM-DD), or leave it empty."
        ) from None
