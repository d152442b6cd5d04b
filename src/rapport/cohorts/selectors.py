"""Reads about who belongs where. Every page that shows something shared asks these first."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from rapport.accounts.models import User
from rapport.cohorts.models import AuditAction, AuditEvent, CoachLook, Cohort, Member, Role
from rapport.core.versions import COHORT_VERSIONS_JOIN, cohort_version_of


def member_get(*, user: User) -> Member | None:
    """The user's place in the career centre, or None for someone using Rapport alone."""
    return Member.objects.filter(user=user).first()


def role_of(*, user: User) -> str | None:
    return Member.objects.filter(user=user).values_list("role", flat=True).first()


def role_and_cohorts(*, user: User) -> tuple[str | None, str]:
    """The user's `role_of` and their `cohort_version`, in one query (a coach's pages ask
    for both on every look)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT m.role, mc.cohort_id, v.token, v.version FROM {Member._meta.db_table} m "
            f"LEFT JOIN {Member.cohorts.through._meta.db_table} mc ON mc.member_id = m.user_id "
            f"{COHORT_VERSIONS_JOIN} WHERE m.user_id = %s ORDER BY mc.cohort_id",
            [user.pk],
        )
        rows = cursor.fetchall()
    if not rows:
        return None, ""
    return rows[0][0], cohort_version_of(row[1:] for row in rows)


def cohorts_of(*, user: User) -> QuerySet[Cohort]:
    """The cohorts a student belongs to, or a coach coaches."""
    return Cohort.objects.filter(members__user=user)


def cohort_students(*, cohort: Cohort) -> QuerySet[User]:
    return User.objects.filter(
        member__cohorts=cohort, member__role=Role.STUDENT, is_active=True
    ).order_by("username")


def cohort_peer_ids(*, user: User) -> set[int]:
    """The students who share a cohort with `user` (not counting them): who sees their shares."""
    return set(
        Member.objects.filter(cohorts__members__user=user, role=Role.STUDENT, user__is_active=True)
        .exclude(user=user)
        .values_list("user_id", flat=True)
    )


def coaches_of(*, student: User) -> QuerySet[User]:
    """The coaches of the student's cohorts: whom the student may let see their progress."""
    return (
        User.objects.filter(
            member__role=Role.COACH, member__cohorts__members__user=student, is_active=True
        )
        .distinct()
        .order_by("username")
    )


def audit_for(*, subject: User, limit: int = 50) -> list[AuditEvent]:
    """What was shared of the user's data, or seen of it, and by whom: the newest `limit`.

    A coach's look at their dashboard is one `CoachLook` for every student it showed; here
    it reads as one more coach view among the user's own log rows.
    """
    events = list(AuditEvent.objects.filter(subject=subject).select_related("actor")[:limit])
    looks = (
        CoachLook.objects.filter(shown__students=subject)
        .select_related("shown__coach")
        .order_by("-at", "-pk")[:limit]
    )
    events += [
        AuditEvent(
            subject=subject,
            actor=look.shown.coach,
            action=AuditAction.COACH_VIEWED,
            detail=look.detail,
            at=look.at,
        )
        for look in looks
    ]
    events.sort(key=lambda event: event.at, reverse=True)
    return events[:limit]
