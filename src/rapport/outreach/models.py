"""Outreach: the messages the user sends to get a conversation, and how much they want in.

An attempt is not a conversation: it is a message that may never be answered. A reply — a
conversation logged with the person, mail from them captured by rapport.capture, or the
user saying so — closes it (see selectors.py); the playbook's 3B7 rules read the open ones.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models

from rapport.core.models import OwnedModel


class AttemptKind(models.TextChoices):
    COLD = "cold", "Cold contact"
    ALUMNUS = "alumnus", "Alumnus or former colleague"
    INTRODUCTION = "introduction", "Introduction request"
    FOLLOW_UP = "follow_up", "Follow-up"


class OutreachChannel(models.TextChoices):
    EMAIL = "email", "Email"
    LINKEDIN = "linkedin", "LinkedIn message"
    PHONE = "phone", "Phone or text"
    OTHER = "other", "Other"


class Attempt(OwnedModel):
    """A message the user sent `person` (to whom, when, how, what it said)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="outreach_attempts"
    )
    company = models.ForeignKey(
        "companies.Company",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outreach_attempts",
        help_text="The company the user wants to learn about.",
    )
    introduce_to = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outreach_introductions_asked",
        help_text="For an introduction request: whom `person` is asked to introduce you to.",
    )
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        help_text="The attempt this one follows up.",
    )
    kind = models.CharField(max_length=12, choices=AttemptKind.choices, default=AttemptKind.COLD)
    channel = models.CharField(
        max_length=10, choices=OutreachChannel.choices, default=OutreachChannel.EMAIL
    )
    sent_at = models.DateTimeField()
    subject = models.CharField(max_length=200, blank=True)
    message = models.TextField(blank=True)
    # The user said they had a reply (on the phone, on LinkedIn: nothing Rapport can see).
    replied_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "-sent_at"]),
            models.Index(fields=["owner", "person"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.person} on {self.sent_at:%d %b %Y}"


class Motivation(OwnedModel):
    """How much the user wants to work at a company, 0 (not much) to 3 (dream employer):
    the M of a LAMP list."""

    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="outreach_motivation"
    )
    level = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(3)])

    class Meta:
        ordering = ["-level", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "company"], name="motivation_once_per_company"
            ),
            models.CheckConstraint(condition=models.Q(level__lte=3), name="motivation_at_most_3"),
        ]

    def __str__(self) -> str:
        return f"{self.company}: motivation {self.level}"
