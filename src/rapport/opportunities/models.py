from __future__ import annotations

from django.db import models
from django.utils import timezone

from rapport.core.models import OwnedModel, Source


class Stage(models.TextChoices):
    LEAD = "lead", "Lead"
    RESEARCHING = "researching", "Researching"
    CONNECTED = "connected", "Connected"
    REFERRED = "referred", "Referred"
    APPLIED = "applied", "Applied"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


CLOSED_STAGES = frozenset({Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN})


class OpportunityQuerySet(models.QuerySet["Opportunity"]):
    def open(self) -> OpportunityQuerySet:
        """Those still in play: `Opportunity.is_open` as a query."""
        return self.exclude(stage__in=CLOSED_STAGES)


class Opportunity(OwnedModel):
    # This and the people below are indexed with the owner (see Meta.indexes).
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="opportunities", db_index=False
    )
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500, blank=True)
    advertised = models.BooleanField(
        default=True, help_text="Untick for a hidden lead that was never advertised."
    )
    stage = models.CharField(max_length=15, choices=Stage.choices, default=Stage.LEAD)
    stage_changed_at = models.DateTimeField(auto_now_add=True)
    source_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads_given",
        db_index=False,
    )
    source_conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    referral_channel = models.CharField(max_length=200, blank=True)
    referrer = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        db_index=False,
    )
    description = models.TextField(
        blank=True, help_text="Markdown: what the role is, as you were told or as posted."
    )
    tailoring_notes = models.TextField(blank=True, help_text="Markdown")
    deadline = models.DateField(
        null=True, blank=True, help_text="The last day to apply, if the posting gives one."
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_record = models.CharField(max_length=500, blank=True)  # which program (Source.API)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["company", "owner"], name="opportunity_company_owner"),
            models.Index(fields=["source_person", "owner"], name="opportunity_source_owner"),
            models.Index(fields=["referrer", "owner"], name="opportunity_referrer_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.company}"

    def is_open(self) -> bool:
        return self.stage not in CLOSED_STAGES

    def move_to(self, stage: str) -> bool:
        """Put it at `stage` and note when it moved (unsaved); False if it was there already."""
        if stage == self.stage:
            return False
        self.stage = stage
        self.stage_changed_at = timezone.now()
        return True
