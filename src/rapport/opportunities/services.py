"""Writes about opportunities: job leads and applications moving through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.companies.services import company_find_or_create
from rapport.core.models import Source
from rapport.opportunities.models import Opportunity, Stage
from rapport.people.models import Person
from rapport.people.services import person_resolve


def opportunity_save(*, opportunity: Opportunity) -> Opportunity:
    if opportunity.company.owner_id != opportunity.owner_id:
        raise ValidationError({"company": "No such company."})
    opportunity.full_clean(exclude=["owner", "source_conversation"])
    opportunity.save()
    return opportunity


def opportunity_create(
    *,
    owner: User,
    company: Company,
    title: str,
    advertised: bool = True,
    url: str = "",
    stage: str = Stage.LEAD,
    source_person: Person | None = None,
    source_conversation_id: int | None = None,  # the conversation's app sits above this one
    description: str = "",
    tailoring_notes: str = "",
    source: str = Source.MANUAL,
    deadline: date | None = None,
    source_record: str = "",
) -> Opportunity:
    return opportunity_save(
        opportunity=Opportunity(
            owner=owner,
            company=company,
            title=title,
            advertised=advertised,
            url=url,
            stage=stage,
            source_person=source_person,
            source_conversation_id=source_conversation_id,
            description=description,
            tailoring_notes=tailoring_notes,
            source=source,
            source_record=source_record[:500],  # which program wrote it (Source.API)
            deadline=deadline,
        )
    )


@dataclass(frozen=True)
class OpportunityInput:
    """An opportunity as typed in its form: the company and the referrer by name."""

    company: str
    title: str
    url: str = ""
    stage: str = Stage.LEAD
    advertised: bool = True
    referrer: str = ""  # a name or a type-ahead value ("Ana Souza (#12)"); blank for none
    referral_channel: str = ""
    description: str = ""
    tailoring_notes: str = ""
    deadline: date | None = None


def opportunity_write(
    *, owner: User, data: OpportunityInput, opportunity: Opportunity | None = None
) -> Opportunity:
    """Create an opportunity (or update `opportunity`) from typed names, all or nothing.

    An unknown company or referrer is created, as when logging a conversation.
    """
    if opportunity is None:
        opportunity = Opportunity(owner=owner)
    elif opportunity.owner_id != owner.pk:
        raise ValidationError("No such opportunity.")
    with transaction.atomic():
        try:
            opportunity.company, _ = company_find_or_create(owner=owner, name=data.company)
        except ValidationError as error:
            raise ValidationError({"company": error.messages}) from error
        opportunity.referrer = _referrer(owner, data.referrer)
        opportunity.move_to(data.stage)
        opportunity.title = data.title.strip()
        opportunity.url = data.url.strip()
        opportunity.advertised = data.advertised
        opportunity.referral_channel = data.referral_channel.strip()
        opportunity.description = data.description
        opportunity.tailoring_notes = data.tailoring_notes
        opportunity.deadline = data.deadline
        return opportunity_save(opportunity=opportunity)


def _referrer(owner: User, name: str) -> Person | None:
    if not name.strip():
        return None
    try:
        return person_resolve(owner=owner, text=name)[0]
    except ValidationError as error:
        raise ValidationError({"referrer": error.messages}) from error


def opportunity_move(*, opportunity: Opportunity, stage: str) -> Opportunity:
    if stage not in Stage.values:
        raise ValidationError({"stage": f"Unknown stage {stage!r}."})
    if opportunity.move_to(stage):
        opportunity.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    return opportunity


def opportunity_delete(*, opportunity: Opportunity) -> None:
    opportunity.delete()
