"""Assignments: a task a coach sets a student who lets them see their progress.

Setting one needs an active grant (`grants.granted_student`): a coach acts only for the
students who asked to be coached, and the answer comes back to them on the coach's page,
which they could not open otherwise. The student sees open assignments among their nudges
on Today (the data version watches the table, so the cached page follows at once) and
reports each done with a few words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import Http404
from django.utils import timezone

from rapport.accounts.models import User
from rapport.cohorts.grants import granted_student
from rapport.cohorts.models import Assignment, AuditAction
from rapport.cohorts.services import audit_record

TEXT_MAX = 300
REPORT_MAX = 1000
# Open ones first (NULL sorts last on PostgreSQL, first on SQLite: say it), newest done next.
OPEN_FIRST = (F("done_at").desc(nulls_first=True), F("due_on").asc(nulls_last=True), "pk")


class AssignmentError(ValueError):
    """What the form said cannot be saved; nothing was."""


@dataclass(frozen=True)
class OpenAssignment:
    """An assignment for the student's nudges: what, from whom, by when."""

    pk: int
    text: str
    coach: str
    set_on: date
    due_on: date | None


def assignments_open(*, student: User) -> list[OpenAssignment]:
    """The student's assignments not yet reported done, soonest due first (none in local mode)."""
    if settings.LOCAL_MODE:
        return []
    rows = Assignment.objects.filter(student=student, done_at__isnull=True).values_list(
        "pk", "text", "coach__username", "created_at", "due_on"
    )
    return [
        OpenAssignment(pk, text, coach or "your coach", timezone.localdate(at), due)
        for pk, text, coach, at, due in rows
    ]


def assignments_of(*, student: User) -> QuerySet[Assignment]:
    """Every assignment the student was set, open ones first (for the student's own pages)."""
    return Assignment.objects.filter(student=student).select_related("coach").order_by(*OPEN_FIRST)


def assignments_set_by(*, coach: User, student: User) -> QuerySet[Assignment]:
    """What this coach set this student, open ones first (the coach's view of them)."""
    return Assignment.objects.filter(student=student, coach=coach).order_by(*OPEN_FIRST)


def assignment_get(*, student: User, pk: int) -> Assignment:
    found = assignments_of(student=student).filter(pk=pk).first()
    if found is None:
        raise Http404("No such assignment.")
    return found


@transaction.atomic
def assignment_set(*, coach: User, student_id: int, text: str, due_on: date | None) -> Assignment:
    """Set a student an assignment; 404 unless they let the coach see their progress now."""
    student = granted_student(coach=coach, student_id=student_id)
    if student is None:
        raise Http404("No such student.")
    text = " ".join(text.split())
    if not text:
        raise AssignmentError("Say what the assignment is.")
    if len(text) > TEXT_MAX:
        raise AssignmentError(f"Keep the assignment under {TEXT_MAX} characters.")
    if due_on is not None and due_on < timezone.localdate():
        raise AssignmentError("The due date has passed: choose today or later.")
    assignment = Assignment.objects.create(student=student, coach=coach, text=text, due_on=due_on)
    audit_record(subject=student, actor=coach, action=AuditAction.ASSIGNED, detail=text)
    return assignment


@transaction.atomic
def assignment_done(*, student: User, pk: int, report: str) -> Assignment:
    """The student reports an assignment done, with what they did."""
    assignment = assignment_get(student=student, pk=pk)
    if assignment.done_at is not None:
        raise AssignmentError("You reported this one done already.")
    report = report.strip()
    if len(report) > REPORT_MAX:
        raise AssignmentError(f"Keep the report under {REPORT_MAX} characters.")
    assignment.done_at, assignment.report = timezone.now(), report
    assignment.save(update_fields=["done_at", "report"])
    audit_record(
        subject=student, actor=student, action=AuditAction.ASSIGNMENT_DONE, detail=assignment.text
    )
    return assignment
