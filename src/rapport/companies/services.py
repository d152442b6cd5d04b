"""Writes about companies, their target status, referral protocol and who works there."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from rapport.accounts.models import User
from rapport.companies.models import ApplyOrder, Company, CompanyAlias, Employment, TargetStatus
from rapport.core.models import Source
from rapport.core.text import company_key
from rapport.people.models import Person


def company_save(*, company: Company) -> Company:
    company.name = " ".join(company.name.split())
    company.set_name_key()
    company.full_clean(exclude=["owner", "status_conversation"])
    clash = (
        Company.objects.filter(owner=company.owner, name_key=company.name_key)
        .exclude(pk=company.pk)
        .first()
    )
    if clash is not None:
        spelling = "" if clash.name == company.name else f" ({company.name!r} is a spelling of it)"
        merge = " If they are one company, merge them from its page." if company.pk else ""
        raise ValidationError({"name": f"You already have {clash.name!r}{spelling}.{merge}"})
    company.save()
    return company


def company_find_or_create(
    *, owner: User, name: str, source: str = Source.MANUAL
) -> tuple[Company, bool]:
    """Return (company, created). Spellings of one company meet: "Stripe, Inc." = "stripe"."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("A company name is required.")
    key = company_key(name)
    company = Company.objects.filter(owner=owner, name_key=key).first()
    if company is None:  # a name the user merged into another company
        alias = CompanyAlias.objects.filter(owner=owner, name__iexact=name).first()
        company = alias.company if alias else None
    if company is None:
        company = company_save(company=Company(owner=owner, name=name, source=source))
        return company, True
    if name != company.name:
        CompanyAlias.objects.get_or_create(owner=owner, company=company, name=name)
    return company, False


def company_set_target(
    *,
    company: Company,
    status: str,
    reason: str = "",
    by: Person | None = None,
    priority: int | None = None,
    conversation_id: int | None = None,
) -> Company:
    """Put a company on the target or avoid list (or take it off), remembering who said so."""
    if status not in TargetStatus.values:
        raise ValidationError({"target_status": f"Unknown status {status!r}."})
    company.target_status = status
    company.status_reason = reason
    company.status_by = by
    company.status_conversation_id = conversation_id
    if priority is not None or status != TargetStatus.TARGET:
        company.priority = priority if status == TargetStatus.TARGET else None
    return company_save(company=company)


def company_set_referral_protocol(
    *,
    company: Company,
    channel: str,
    steps: str,
    apply_order: str = ApplyOrder.UNKNOWN,
    learned_from: Person | None = None,
    learned_on: date | None = None,
) -> Company:
    company.referral_channel = channel
    company.referral_steps = steps
    company.referral_apply_order = apply_order
    company.referral_learned_from = learned_from
    company.referral_learned_on = learned_on
    return company_save(company=company)


def employment_add(
    *,
    person: Person,
    company: Company,
    title: str = "",
    started_on: date | None = None,
    ended_on: date | None = None,
    source: str = Source.MANUAL,
) -> Employment:
    if company.owner_id != person.owner_id:
        raise ValidationError("The person and the company belong to different users.")
    employment = Employment(
        owner=person.owner,
        person=person,
        company=company,
        title=title,
        started_on=started_on,
        ended_on=ended_on,
        is_current=ended_on is None,
        source=source,
    )
    employment.full_clean(exclude=["owner"])
    employment.save()
    return employment


def employment_end(*, employment: Employment, ended_on: date) -> Employment:
    employment.ended_on = ended_on
    employment.is_current = False
    employment.full_clean(exclude=["owner"])
    employment.save()
    return employment


def company_delete(*, company: Company) -> None:
    with transaction.atomic():
        company.delete()
