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
        db_index=False,  # see Meta.indexes
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
        indexes = [models.Index(fields=["company", "owner"], name="outcome_company_owner")]

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
        "people.Person",
        on_delete=models.CASCADE,
        related_name="introductions_received",
        db_index=False,  # see Meta.indexes; the introducer's is the unique pair's
    )
    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.SET_NULL, related_name="introductions"
    )
    state = models.CharField(
        max_length=10, choices=IntroductionState.choices, default=IntroductionState.OFFERED
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        # With the introducer, so that it answers "who introduced these people?" alone:
        # SQLite would otherwise read all the owner's introductions through the unique
        # pair's index, which holds every column the question needs.
        indexes = [
            models.Index(
                fields=["introduced", "owner", "introducer"], name="introduction_introduced"
            )
        ]
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


class TouchDirection(models.TextChoices):
    SENT = "sent", "You wrote to them"
    RECEIVED = "received", "They wrote to you"


class Touch(OwnedModel):
    """A mail to or from someone you know: contact, though not a conversation.

    Captured from the user's mail (see rapport.capture); only what the playbook needs is
    kept: when, which way, and the subject. A sent touch counts as a thank-you or a report
    back; either way it updates "last contacted".
    """

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="touches")
    occurred_at = models.DateTimeField()
    direction = models.CharField(max_length=10, choices=TouchDirection.choices)
    subject = models.CharField(max_length=200, blank=True)
    # A digest of the message's Message-ID: the same mail (in two folders, or two imports)
    # is one touch per person.
    key = models.CharField(max_length=64)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["owner", "person", "-occurred_at"])]
        constraints = [
            models.UniqueConstraint(fields=["owner", "person", "key"], name="touch_once_per_mail")
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} on {self.occurred_at:%d %b %Y}"


class Meeting(OwnedModel):
    """A meeting in the user's calendar with people they know (see rapport.capture).

    An upcoming one asks the user to read the prep brief the day before; a past one is
    offered as a conversation to log.
    """

    starts_at = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    title = models.CharField(max_length=300)
    people = models.ManyToManyField("people.Person", related_name="meetings")
    # The event's UID and RECURRENCE-ID: one row per occurrence, whatever calendar it is in.
    key = models.CharField(max_length=500)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["owner", "starts_at"])]
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="meeting_once_per_occurrence")
        ]

    def __str__(self) -> str:
        return f"{self.title} on {self.starts_at:%d %b %Y}"
