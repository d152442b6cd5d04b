from __future__ import annotations

from django.db import models

from rapport.core.models import OwnedModel, Source


class Channel(models.TextChoices):
    COFFEE = "coffee", "Coffee / in person"
    CALL = "call", "Phone call"
    VIDEO = "video", "Video call"
    EMAIL = "email", "Email"
    LINKEDIN = "linkedin", "LinkedIn message"
    EVENT = "event", "Event / meetup"
    OTHER = "other", "Other"


class Conversation(OwnedModel):
    occurred_on = models.DateField()
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.COFFEE)
    participants = models.ManyToManyField("people.Person", related_name="conversations")
    companies = models.ManyToManyField(
        "companies.Company", blank=True, related_name="conversations"
    )
    notes = models.TextField(blank=True, help_text="Markdown")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_record = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["owner", "-occurred_on"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} on {self.occurred_on:%d %b %Y}"


class OutcomeKind(models.TextChoices):
    ADVICE = "advice", "Advice"
    NAME = "name", "A name (someone to talk to)"
    LEAD = "lead", "A job lead"
    INSIGHT = "insight", "An insight"
    RECOMMEND = "recommend", "A company to target"
    AVOID = "avoid", "A company to avoid"
    GAVE = "gave", "Something I gave"


class Outcome(OwnedModel):
    """What came out of a conversation. Everything but GAVE was given to the user."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="outcomes"
    )
    kind = models.CharField(max_length=10, choices=OutcomeKind.choices)
    text = models.TextField(blank=True)
    from_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes_given",
        help_text="Who it came from (for GAVE: whom the user gave it to).",
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes_about",
        help_text="The person named (NAME outcomes).",
    )
    company = models.ForeignKey(
        "companies.Company",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class IntroductionState(models.TextChoices):
    OFFERED = "offered", "Offered"
    MADE = "made", "Made"
    MET = "met", "Met"
    THANKED = "thanked", "Thanked and reported back"


class Introduction(OwnedModel):
    introducer = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="introductions_made"
    )
    introduced = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="introductions_received"
    )
    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.SET_NULL, related_name="introductions"
    )
    state = models.CharField(
        max_length=10, choices=IntroductionState.choices, default=IntroductionState.OFFERED
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "introducer", "introduced"], name="introduction_unique_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(introducer=models.F("introduced")),
                name="introduction_not_to_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.introducer} → {self.introduced}"
