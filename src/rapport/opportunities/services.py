"""Writes about opportunities: job leads and applications moving through the pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.core.models import Source
from rapport.opportunities.models import Opportunity, Stage
from rapport.people.models import Person

if TYPE_CHECKING:
    from rapport.conversations.models import Conversation


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
    source_conversation: Conversation | None = None,
    notes: str = "",
    source: str = Source.MANUAL,
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
            source_conversation=source_conversation,
            tailoring_notes=notes,
            source=source,
        )
    )


def opportunity_move(*, opportunity: Opportunity, stage: str) -> Opportunity:
    if stage not in Stage.values:
        raise ValidationError({"stage": f"Unknown stage {stage!r}."})
    if stage != opportunity.stage:
        opportunity.stage = stage
        opportunity.stage_changed_at = timezone.now()
        opportunity.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    return opportunity


def opportunity_delete(*, opportunity: Opportunity) -> None:
    opportunity.delete()
