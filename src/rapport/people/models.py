from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower

from rapport.core.models import OwnedModel, Source


class Tag(OwnedModel):
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("owner", Lower("name"), name="tag_unique_name_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class Relationship(models.TextChoices):
    """How close a person is; later drives the keep-in-touch cadence."""

    CLOSE = "close", "Close tie"
    ACTIVE = "active", "Active contact"
    NETWORK = "network", "Long-term network"


class Person(OwnedModel):
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    full_name = models.CharField(max_length=300)
    name_key = models.CharField(max_length=300, db_index=True, editable=False)
    headline = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=200, blank=True)
    linkedin_url = models.URLField(max_length=500, blank=True)
    linkedin_key = models.CharField(max_length=300, blank=True, editable=False)
    how_we_met = models.CharField(max_length=300, blank=True)
    connected_on = models.DateField(
        null=True, blank=True, help_text="When you connected (on LinkedIn, for example)."
    )
    introduced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introduced_people",
        db_index=False,  # see Meta.indexes
    )
    relationship = models.CharField(
        max_length=10, choices=Relationship.choices, default=Relationship.NETWORK
    )
    cadence_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Keep in touch every N days (blank: by relationship)."
    )
    notes = models.TextField(blank=True, help_text="Markdown")
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_record = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["full_name", "pk"]
        # Foreign keys that queries name beside the owner are indexed with it (one index
        # that SQLite and PostgreSQL both take for `owner_id = … AND x_id IN (…)`).
        indexes = [
            models.Index(fields=["owner", "name_key"]),
            models.Index(fields=["introduced_by", "owner"], name="person_introduced_by_owner"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "linkedin_key"],
                condition=~models.Q(linkedin_key=""),
                name="person_unique_linkedin_per_owner",
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class ContactKind(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    URL = "url", "Website"
    SOCIAL = "social", "Social handle"


class ContactPoint(OwnedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    label = models.CharField(max_length=60, blank=True)
    value = models.CharField(max_length=300)
    value_key = models.CharField(max_length=300, db_index=True, editable=False)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return self.value

    @property
    def href(self) -> str:
        if self.kind == ContactKind.EMAIL:
            return f"mailto:{self.value}"
        if self.kind == ContactKind.PHONE:
            return f"tel:{self.value_key}"
        if self.kind == ContactKind.URL and self.value.startswith(("http://", "https://")):
            return self.value
        return ""
