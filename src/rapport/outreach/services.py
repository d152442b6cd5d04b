"""Writes of the outreach app: attempts recorded and closed, motivation set.

Rapport never sends anything: an attempt records a message the user sent themselves.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.network.services import introduction_request_record
from rapport.outreach.models import Attempt, AttemptKind, Motivation, OutreachChannel
from rapport.people.models import Person

MESSAGE_MAX = 20_000


def _check_owner(owner: User, *rows: Person | Company | Attempt | None) -> None:
    if any(row is not None and row.owner_id != owner.pk for row in rows):
        raise ValidationError("These people or companies belong to another user.")


def sent_moment(sent_on: date, now: datetime | None = None) -> datetime:
    """When a message sent on `sent_on` went out: now if today, else the start of that day
    (so that any reply on that day counts)."""
    now = now or timezone.now()
    if sent_on == timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(sent_on, time.min))


def attempt_record(
    *,
    owner: User,
    person: Person,
    sent_on: date,
    kind: str = AttemptKind.COLD,
    channel: str = OutreachChannel.EMAIL,
    company: Company | None = None,
    introduce_to: Person | None = None,
    follows: Attempt | None = None,
    subject: str = "",
    message: str = "",
) -> Attempt:
    """Record a message the user sent (the form refuses a day in the future; the demo, loaded
    for another day, may use one). An introduction request is also remembered by the
    network (so the warm path says "you asked"), and a follow-up is tied to what it follows."""
    _check_owner(owner, person, company, introduce_to, follows)
    _check(kind, channel, person, introduce_to, message)
    if follows is not None and follows.person_id != person.pk:
        raise ValidationError("A follow-up goes to the person you first wrote to.")
    with transaction.atomic():
        attempt = Attempt.objects.create(
            owner=owner,
            person=person,
            company=company,
            introduce_to=introduce_to if kind == AttemptKind.INTRODUCTION else None,
            follows=follows,
            kind=kind,
            channel=channel,
            sent_at=sent_moment(sent_on),
            subject=subject.strip()[:200],
            message=message.strip(),
        )
        if kind == AttemptKind.INTRODUCTION and introduce_to is not None and company is not None:
            introduction_request_record(
                owner=owner,
                introducer=person,
                target=introduce_to,
                company=company,
                message=message,
                asked_on=sent_on,
            )
    return attempt


def _check(
    kind: str,
    channel: str,
    person: Person,
    introduce_to: Person | None,
    message: str,
) -> None:
    errors: dict[str, str] = {}
    if kind not in AttemptKind.values:
        errors["kind"] = "Pick what kind of message it was."
    if channel not in OutreachChannel.values:
        errors["channel"] = "Pick how you sent it."
    if kind == AttemptKind.INTRODUCTION and introduce_to is None:
        errors["introduce_to"] = "Say whom you asked to be introduced to."
    if introduce_to is not None and introduce_to.pk == person.pk:
        errors["introduce_to"] = "Someone cannot introduce you to themselves."
    if len(message) > MESSAGE_MAX:
        errors["message"] = f"Keep the message under {MESSAGE_MAX:,} characters."
    if errors:
        raise ValidationError(errors)


def attempt_reply_noted(*, attempt: Attempt, replied_on: date) -> Attempt:
    """The user says the person replied (a reply Rapport could not see)."""
    if replied_on < timezone.localdate(attempt.sent_at):
        raise ValidationError("A reply cannot come before the message.")
    attempt.replied_on = replied_on
    attempt.save(update_fields=["replied_on", "updated_at"])
    return attempt


def motivation_set(*, owner: User, company: Company, level: int) -> Motivation:
    """How much the user wants to work at `company`, 0 to 3."""
    _check_owner(owner, company)
    if not 0 <= level <= 3:
        raise ValidationError({"level": "Motivation goes from 0 (not much) to 3 (dream job)."})
    motivation, _ = Motivation.objects.update_or_create(
        owner=owner, company=company, defaults={"level": level}
    )
    return motivation
