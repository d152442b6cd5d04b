"""Writes about who belongs where, and the audit log every sharing act goes through."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from rapport.accounts.models import User
from rapport.cohorts.models import AuditAction, AuditEvent, Cohort, Member, Role


def cohort_get_or_create(*, name: str) -> tuple[Cohort, bool]:
    name = " ".join(name.split())
    if not name:
        raise ValueError("A cohort needs a name.")
    existing = Cohort.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing, False
    return Cohort.objects.create(name=name), True


@transaction.atomic
def member_set(
    *, user: User, role: str, cohorts: Iterable[Cohort], actor: User | None = None
) -> Member:
    """Give `user` a role and the cohorts they belong to (students) or coach (coaches)."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}: say student, coach or admin.")
    member, created = Member.objects.get_or_create(user=user, defaults={"role": role})
    if member.role != role:
        member.role = role
        member.save(update_fields=["role"])
    chosen = list(cohorts)
    member.cohorts.set(chosen)
    names = ", ".join(cohort.name for cohort in chosen) or "no cohort"
    audit_record(
        subject=user,
        actor=actor,
        action=AuditAction.JOINED if created else AuditAction.ROLE_CHANGED,
        detail=f"{Role(role).label} in {names}",
    )
    return member


def audit_record(*, subject: User, actor: User | None, action: str, detail: str = "") -> None:
    """Log one act that shares `subject`'s data or looks at it; `subject` can read it."""
    AuditEvent.objects.create(subject=subject, actor=actor, action=action, detail=detail[:300])
