from __future__ import annotations

from django.db import models

from rapport.core.models import OwnedModel, Source
from rapport.core.text import company_key


class TargetStatus(models.TextChoices):
    NONE = "none", "Not on my list"
    TARGET = "target", "Target"
    AVOID = "avoid", "Avoid"


class ApplyOrder(models.TextChoices):
    UNKNOWN = "unknown", "Not known yet"
    REFERRAL_FIRST = "referral_first", "Get the referral before applying"
    APPLY_FIRST = "apply_first", "Apply first, then get referred"


class Company(OwnedModel):
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, editable=False)
    website = models.URLField(max_length=300, blank=True)
    careers_url = models.URLField(max_length=300, blank=True)
    phone = models.CharField(max_length=50, blank=True, help_text="Its switchboard.")
    notes = models.TextField(blank=True, help_text="Markdown")

    target_status = models.CharField(
        max_length=10, choices=TargetStatus.choices, default=TargetStatus.NONE
    )
    priority = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1 is the highest priority."
    )
    status_reason = models.TextField(blank=True)
    status_by = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who recommended it, or warned against it.",
    )
    status_conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    referral_channel = models.CharField(max_length=200, blank=True)
    referral_steps = models.TextField(blank=True)
    referral_apply_order = models.CharField(
        max_length=20, choices=ApplyOrder.choices, default=ApplyOrder.UNKNOWN
    )
    referral_learned_from = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referral_learned_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "companies"
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name_key"], name="company_unique_key_per_owner"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def set_name_key(self) -> None:
        """The key every spelling of its name shares ("Stripe, Inc." = "stripe", see
        `core.text.company_key`): how companies are found, told apart and merged."""
        self.name_key = company_key(self.name)

    def has_referral_protocol(self) -> bool:
        return bool(
            self.referral_channel
            or self.referral_steps
            or self.referral_apply_order != ApplyOrder.UNKNOWN
        )


class CompanyAlias(OwnedModel):
    """Another spelling of a company's name ("Google LLC" for "Google")."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "name"], name="alias_unique_per_company")
        ]

    def __str__(self) -> str:
        return self.name


class Employment(OwnedModel):
    # Indexed with the owner (see Meta.indexes).
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="employments", db_index=False
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="employments", db_index=False
    )
    title = models.CharField(max_length=200, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    is_current = models.BooleanField(default=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_record = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-is_current", "-started_on", "pk"]
        indexes = [
            models.Index(fields=["person", "owner"], name="employment_person_owner"),
            models.Index(fields=["company", "owner"], name="employment_company_owner"),
            # Who works at these companies now, with their title: a career centre's cohort
            # paths (#18) read it for every peer's company of a name, from the index alone
            # on PostgreSQL (`include` is PostgreSQL's; elsewhere the index has no title).
            models.Index(
                fields=["company", "owner", "person"],
                include=["title"],
                condition=models.Q(is_current=True),
                name="employment_current_at",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="employment_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.company}" if self.title else str(self.company)


class CompanyMerge(OwnedModel):
    """The user said two companies are one: `absorbed` went into `survivor`. Holds what is
    needed to split them again (services.company_merge_undo)."""

    survivor = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="merges")
    absorbed_pk = models.BigIntegerField(null=True, blank=True)
    absorbed_name = models.CharField(max_length=200)
    absorbed = models.JSONField(default=dict)  # the absorbed company's own fields
    # {"app_label.Model.field": [pk, ...]}: rows that pointed at the absorbed company and now
    # point at the survivor.
    moved = models.JSONField(default=dict)
    # Serialized rows deleted because the survivor had the same (an alias, a conversation
    # about both); recreated on undo.
    dropped = models.JSONField(default=list)
    filled = models.JSONField(default=dict)  # survivor's {"field": [before, after]}
    alias_pk = models.BigIntegerField(null=True, blank=True)  # the absorbed name, as an alias
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.absorbed_name} merged into {self.survivor}"
