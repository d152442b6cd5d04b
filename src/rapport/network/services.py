"""Writes of the network app: who knows whom, and the introductions the user asked for."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.network.models import Acquaintance, IntroductionRequest
from rapport.people.models import Person


def _check_owner(owner: User, *rows: Person | Company) -> None:
    if any(row.owner_id != owner.pk for row in rows):
        raise ValidationError("These people or companies belong to another user.")


def acquaintance_record(
    *, owner: User, person: Person, knows: Person, note: str = ""
) -> Acquaintance:
    """Record that two of the user's people know each other (once per pair; a second
    record of the same pair updates its note)."""
    _check_owner(owner, person, knows)
    if person.pk == knows.pk:
        raise ValidationError("Pick two different people.")
    first, second = sorted([person, knows], key=lambda p: p.pk)
    acquaintance, _ = Acquaintance.objects.update_or_create(
        owner=owner, person_a=first, person_b=second, defaults={"note": note.strip()}
    )
    return acquaintance


def acquaintance_delete(*, acquaintance: Acquaintance) -> None:
    acquaintance.delete()


def introduction_request_record(
    *,
    owner: User,
    introducer: Person,
    target: Person,
    company: Company,
    message: str,
    asked_on: date,
) -> IntroductionRequest:
    """Remember that the user asked `introducer` to introduce them to `target` (asking
    again updates the message and the date)."""
    _check_owner(owner, introducer, target, company)
    if introducer.pk == target.pk:
        raise ValidationError("Someone cannot introduce you to themselves.")
    with transaction.atomic():
        request, _ = IntroductionRequest.objects.update_or_create(
            owner=owner,
            introducer=introducer,
            target=target,
            company=company,
            defaults={"message": message.strip(), "asked_on": asked_on},
        )
    return request
