"""Reads of what students shared about companies with their cohorts (#18).

A member sees the shares of the cohorts they belong to (students) or coach (coaches), for a
company by its key (`Company.name_key`): one query on the (cohort, company_key) index,
whatever the number of cohorts. Nothing is read in local mode.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from rapport.accounts.models import User
from rapport.cohorts.models import CohortShare, Member
from rapport.companies.models import Company


def shares_visible_to(user: User) -> QuerySet[CohortShare]:
    """The shares `user` may read: those of their cohorts, by active accounts that are still
    in the cohort they shared with (a student moved to another cohort stops sharing with the
    old one; their shares come back if they return).

    The user's cohorts are a subquery, so the whole read stays one query.
    """
    links = Member.cohorts.through.objects
    cohorts = links.filter(member_id=user.pk).values("cohort_id")
    still_in = links.filter(member_id=OuterRef("sharer_id"), cohort_id=OuterRef("cohort_id"))
    return (
        CohortShare.objects.filter(cohort_id__in=cohorts, sharer__is_active=True)
        .filter(Exists(still_in))
        .select_related("sharer", "cohort")
        .order_by("-updated_at", "-pk")
    )


def cohort_knowledge(*, user: User, company_key: str) -> list[CohortShare]:
    """What the user's cohorts shared about the company with this key, newest first."""
    if settings.LOCAL_MODE or not company_key:
        return []
    return list(shares_visible_to(user).filter(company_key=company_key))


def cohort_knowledge_by_key(*, user: User, keys: Iterable[str]) -> dict[str, list[CohortShare]]:
    """Company key -> what the user's cohorts shared about it, for several companies at once."""
    wanted = sorted({key for key in keys if key})
    if settings.LOCAL_MODE or not wanted:
        return {}
    found: dict[str, list[CohortShare]] = {}
    for share in shares_visible_to(user).filter(company_key__in=wanted):
        found.setdefault(share.company_key, []).append(share)
    return found


@dataclass
class KnownCompany:
    """A company the user's cohorts know about, and the user's own company of that key."""

    key: str
    name: str
    shares: list[CohortShare] = field(default_factory=list)
    mine: Company | None = None

    @property
    def latest(self) -> datetime:
        return self.shares[0].updated_at


def cohort_companies(*, user: User) -> list[KnownCompany]:
    """Every company the user's cohorts shared something about, most recently shared first
    (one query); `known_mine` then finds the user's own companies among those shown."""
    if settings.LOCAL_MODE:
        return []
    known: dict[str, KnownCompany] = {}
    for share in shares_visible_to(user):
        entry = known.setdefault(share.company_key, KnownCompany(share.company_key, ""))
        entry.shares.append(share)
        entry.name = entry.name or share.company_name
    return list(known.values())


def known_mine(*, user: User, known: Sequence[KnownCompany]) -> None:
    """Set `mine`, the user's own company of each key, on these (one query)."""
    by_key = {entry.key: entry for entry in known}
    if by_key:
        for company in Company.objects.filter(owner=user, name_key__in=list(by_key)):
            by_key[company.name_key].mine = company


def cohort_company_name(*, user: User, company_key: str) -> str:
    """The name the user's cohort knows a company by; 404 if it shared nothing about it."""
    share = shares_visible_to(user).filter(company_key=company_key).first() if company_key else None
    if settings.LOCAL_MODE or share is None:
        raise Http404("Your cohort shared nothing about this company.")
    return share.company_name


def shares_of(*, sharer: User) -> QuerySet[CohortShare]:
    """What the user shared, newest first: theirs to edit or retract."""
    return (
        CohortShare.objects.filter(sharer=sharer)
        .select_related("cohort")
        .order_by("-updated_at", "-pk")
    )


def share_get(*, sharer: User, pk: int) -> CohortShare:
    """One of the user's own shares (404 for anyone else's, a cohort peer's too)."""
    share = shares_of(sharer=sharer).filter(pk=pk).first()
    if share is None:
        raise Http404("No such share of yours.")
    return share
