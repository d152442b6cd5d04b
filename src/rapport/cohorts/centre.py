"""Running the career centre (the admin pages): cohorts and their counts, members, accounts.

Deleting a user deletes everything of theirs: every row they own goes with them through the
database's cascades (people, conversations, shares, offers, grants, assignments, their audit
log…), then what no foreign key holds: their uploaded files, their data-version row, their
login throttle and invitations made out to them. What they did with others stays in those
others' sharing logs, without their name: the row names no actor any more, and its text says
"a deleted member" where it named them (the one edit ever made to a log row).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet

from rapport.accounts.models import LoginThrottle, User
from rapport.cohorts.models import AuditAction, AuditEvent, Cohort, Invite, Member, Role
from rapport.cohorts.services import audit_record, cohort_get_or_create, member_set
from rapport.core.kept import forget_owner
from rapport.core.models import DataVersion
from rapport.imports.uploads import uploads_delete_all


class CentreError(ValueError):
    """An admin's change that cannot be made, with the sentence to show."""


def cohorts_with_counts() -> QuerySet[Cohort]:
    """Every cohort with `students` and `coaches`: its active members of each role."""
    active = Q(members__user__is_active=True)
    return Cohort.objects.annotate(
        students=Count("members", filter=active & Q(members__role=Role.STUDENT), distinct=True),
        coaches=Count("members", filter=active & Q(members__role=Role.COACH), distinct=True),
    ).order_by("name")


def cohort_create(*, name: str) -> Cohort:
    cohort, created = cohort_get_or_create(name=name)
    if not created:
        raise CentreError(f"There is a cohort “{cohort.name}” already.")
    return cohort


def cohort_rename(*, cohort: Cohort, name: str) -> Cohort:
    name = " ".join(name.split())
    if not name:
        raise CentreError("A cohort needs a name.")
    if Cohort.objects.filter(name__iexact=name).exclude(pk=cohort.pk).exists():
        raise CentreError(f"There is a cohort “{name}” already.")
    cohort.name = name
    cohort.save(update_fields=["name"])
    return cohort


@dataclass(frozen=True)
class MemberRow:
    user: User
    role: str  # "" for a user on their own
    cohorts: list[Cohort]


def members_list(*, cohort: Cohort | None = None) -> list[MemberRow]:
    """Every user (members and users on their own), by username; or one cohort's members."""
    return members_rows(members_find(cohort=cohort))


def members_find(*, cohort: Cohort | None = None, query: str = "") -> QuerySet[User]:
    """The users by username, ready for `members_rows`: one cohort's members, or those whose
    username or name holds every word of `query`, when given."""
    users = User.objects.order_by("username")
    if cohort is not None:
        users = users.filter(member__cohorts=cohort)
    for word in query.split():
        users = users.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
        )
    return users.select_related("member").prefetch_related(
        Prefetch("member__cohorts", queryset=Cohort.objects.order_by("name"))
    )


def members_rows(users: Iterable[User]) -> list[MemberRow]:
    """A row for each of the users from `members_find` (or a page of them)."""
    return [_row(user) for user in users]


def member_row(*, user: User) -> MemberRow:
    return _row(user)


def _row(user: User) -> MemberRow:
    member: Member | None = getattr(user, "member", None)
    if member is None:
        return MemberRow(user, "", [])
    return MemberRow(user, member.role, list(member.cohorts.all()))


def member_change(*, user: User, role: str, cohort: Cohort | None, actor: User) -> Member:
    """Set a user's role and cohort (audited, in the user's log)."""
    if user == actor and role != Role.ADMIN:
        raise CentreError("You cannot take away your own admin role; ask another admin.")
    if role == Role.STUDENT and cohort is None:
        raise CentreError("A student belongs to a cohort: choose one.")
    return member_set(user=user, role=role, cohorts=[cohort] if cohort else [], actor=actor)


def user_active_set(*, user: User, active: bool, actor: User) -> None:
    """Deactivate (they can no longer log in, their data stays) or reactivate an account."""
    if user == actor:
        raise CentreError("You cannot deactivate your own account.")
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(
        subject=user,
        actor=actor,
        action=AuditAction.REACTIVATED if active else AuditAction.DEACTIVATED,
    )


def user_delete(*, user: User, actor: User) -> str:
    """Delete the user and all their data; returns their username."""
    if user == actor:
        raise CentreError("You cannot delete your own account.")
    username, owner_id = user.username, user.pk
    with transaction.atomic():
        _name_forget(user)
        Invite.objects.filter(username__iexact=username).delete()
        user.delete()
        # Cascaded deletes bumped the version of data that no longer exists: drop it last.
        DataVersion.objects.filter(owner_id=owner_id).delete()
        forget_owner(owner_id)  # their pages kept for every process
        LoginThrottle.objects.filter(key=f"account:{username.casefold()}").delete()
        transaction.on_commit(lambda: uploads_delete_all(owner_id=owner_id))
    return username


DELETED_NAME = "a deleted member"


def _name_forget(user: User) -> None:
    """Other members' log rows that name the user name "a deleted member" instead."""
    names = {name for name in (user.get_full_name(), user.get_username()) if name.strip()}
    for name in sorted(names, key=len, reverse=True):  # a full name before the name in it
        whole_word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        for event in AuditEvent.objects.exclude(subject=user).filter(detail__contains=name):
            detail = whole_word.sub(DELETED_NAME, event.detail)
            if detail != event.detail:
                AuditEvent.objects.filter(pk=event.pk).update(detail=detail)
