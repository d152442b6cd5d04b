"""A student letting a coach see their progress, and taking it back.

A grant is only good while the coach still coaches one of the student's cohorts and both
accounts are active: moving a student to another cohort ends what its old coaches see
without anyone having to revoke anything. Every grant, revocation and coach view is logged
for the student (`audit_record`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from rapport.accounts.models import User
from rapport.cohorts.models import (
    AuditAction,
    AuditEvent,
    CoachGrant,
    CoachLook,
    CoachLookSet,
    Member,
    Role,
)
from rapport.cohorts.selectors import coaches_of
from rapport.cohorts.services import audit_record
from rapport.core.versions import cached_at


class GrantError(ValueError):
    """The coach is not one of the student's coaches (or the student not theirs)."""


@dataclass(frozen=True)
class CoachChoice:
    """One of the student's coaches, and whether the student lets them see their progress."""

    coach: User
    granted: bool


def coach_choices(*, student: User) -> list[CoachChoice]:
    """The coaches of the student's cohorts, each with the student's current answer."""
    active = set(
        CoachGrant.objects.filter(student=student, revoked_at__isnull=True).values_list(
            "coach_id", flat=True
        )
    )
    return [CoachChoice(coach, coach.pk in active) for coach in coaches_of(student=student)]


def _shares_a_cohort(coach_id: int) -> Exists:
    """The grant's student is a student in a cohort that `coach_id` coaches."""
    return Exists(
        Member.objects.filter(
            user_id=OuterRef("student_id"),
            role=Role.STUDENT,
            cohorts__members__user_id=coach_id,
            cohorts__members__role=Role.COACH,
        )
    )


def _active_grants(*, coach: User) -> QuerySet[CoachGrant]:
    if not Member.objects.filter(user=coach, role=Role.COACH).exists():
        return CoachGrant.objects.none()
    return CoachGrant.objects.filter(
        coach=coach, revoked_at__isnull=True, student__is_active=True
    ).filter(_shares_a_cohort(coach.pk))


def granted_student_ids(*, coach: User) -> list[int]:
    """The students who let `coach` see their progress now (one query, two for a non-coach)."""
    return list(_active_grants(coach=coach).values_list("student_id", flat=True))


def granted_student(*, coach: User, student_id: int) -> User | None:
    """The student, if they let `coach` see their progress now; None otherwise."""
    grant = _active_grants(coach=coach).filter(student_id=student_id).select_related("student")
    found = grant.first()
    return found.student if found else None


def ungranted_count(*, coach: User) -> int:
    """Students in the coach's cohorts who have not let them see their progress."""
    if not Member.objects.filter(user=coach, role=Role.COACH).exists():
        return 0
    students = (
        User.objects.filter(
            member__role=Role.STUDENT, member__cohorts__members__user=coach, is_active=True
        )
        .exclude(pk__in=_active_grants(coach=coach).values("student_id"))
        .values("pk")  # distinct ids, not whole rows
        .distinct()
    )
    return students.count()


def _coach_of(*, student: User, coach_id: int) -> User:
    coach = coaches_of(student=student).filter(pk=coach_id).first()
    if coach is None:
        raise GrantError("That is not one of your coaches.")
    return coach


@transaction.atomic
def grant_give(*, student: User, coach_id: int) -> CoachGrant:
    """Let one of the student's coaches see their progress (again)."""
    coach = _coach_of(student=student, coach_id=coach_id)
    grant, created = CoachGrant.objects.get_or_create(student=student, coach=coach)
    if not created and grant.revoked_at is None:
        return grant
    if not created:
        grant.granted_at, grant.revoked_at = timezone.now(), None
        grant.save(update_fields=["granted_at", "revoked_at"])
    detail = f"{coach.get_username()} sees your progress: counts and signals, never content"
    audit_record(subject=student, actor=student, action=AuditAction.GRANTED, detail=detail)
    return grant


@transaction.atomic
def grant_revoke(*, student: User, coach_id: int) -> None:
    """Stop a coach seeing the student's progress; from now on their pages say 404."""
    grant = CoachGrant.objects.filter(
        student=student, coach_id=coach_id, revoked_at__isnull=True
    ).first()
    if grant is None:
        raise GrantError("That coach does not see your progress.")
    grant.revoked_at = timezone.now()
    grant.save(update_fields=["revoked_at"])
    detail = f"{grant.coach.get_username()} no longer sees your progress"
    audit_record(subject=student, actor=student, action=AuditAction.REVOKED, detail=detail)


def granted_students_viewed(*, coach: User, detail: str, cohorts: str) -> list[int]:
    """The students who let `coach` see their progress now, with the look in each one's log.

    `cohorts` is the coach's `cohort_version`, which every write deciding who is granted
    bumps (grants, members, roles, accounts): the students are read once per version.
    A look is one row, whatever the cohort's size: the set of students it showed is stored
    once (`CoachLookSet`) and named by every look that showed the same students.
    """
    key = f"coach_granted:{coach.pk}:{cohorts}"
    ids = cached_at(key, lambda: granted_student_ids(coach=coach))
    if ids:
        _look_log(coach=coach, student_ids=ids, detail=detail[:300])
    return ids


def _look_log(*, coach: User, student_ids: list[int], detail: str) -> None:
    digest = hashlib.sha256(",".join(map(str, sorted(student_ids))).encode()).hexdigest()
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    quick, with_quick = _commit_without_waiting()
    with connection.cursor() as cursor:  # the set is nearly always there already
        cursor.execute(
            f"{quick}INSERT INTO {CoachLook._meta.db_table} (shown_id, detail, at) "
            f"SELECT s.id, %s, %s FROM {CoachLookSet._meta.db_table} s{with_quick} "
            "WHERE s.coach_id = %s AND s.digest = %s",
            [detail, at, coach.pk, digest],
        )
        if cursor.rowcount:
            return
    with transaction.atomic():
        shown, created = CoachLookSet.objects.get_or_create(coach=coach, digest=digest)
        if created:
            shown.students.add(*student_ids)
        CoachLook.objects.create(shown=shown, detail=detail)


def _commit_without_waiting() -> tuple[str, str]:
    """SQL to begin an INSERT … SELECT with and to join its FROM to, so that on PostgreSQL
    the statement's transaction commits without waiting for the disk, in one round trip.

    A look is written on every page a coach opens: waiting for the disk was up to 2 ms a
    commit here, and every round trip more waits for the server process's other threads.
    The look is committed and in the student's log at once; only a crash of the database
    server in the next fraction of a second (at most three times `wal_writer_delay`, 0.6 s
    by default) could lose it, never corrupt anything. The setting lasts for the one
    transaction (`set_config(…, true)`).
    """
    if connection.vendor != "postgresql":
        return "", ""
    return "WITH quick AS (SELECT set_config('synchronous_commit', 'off', true)) ", ", quick"


def coach_viewed(*, coach: User, student_ids: Iterable[int], detail: str) -> None:
    """Log that `coach` looked at these students' progress (one insert for all of them)."""
    events = [
        AuditEvent(subject_id=pk, actor=coach, action=AuditAction.COACH_VIEWED, detail=detail[:300])
        for pk in student_ids
    ]
    AuditEvent.objects.bulk_create(events)
