"""What the playbook remembers: follow-ups, the user's answer to each nudge, and settings."""

from __future__ import annotations

from datetime import date

from django.db import models

from rapport.core.models import OwnedModel, Source
from rapport.people.models import Relationship


class FollowUpKind(models.TextChoices):
    THANK_YOU = "thank_you", "Thank you"
    FOLLOW_UP = "follow_up", "Follow up"
    KEEP_IN_TOUCH = "keep_in_touch", "Keep in touch"
    REPORT_BACK = "report_back", "Report back"
    PREPARE = "prepare", "Prepare before applying"


class FollowUp(OwnedModel):
    """Something to do for a person or an opportunity by a date."""

    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    kind = models.CharField(max_length=15, choices=FollowUpKind.choices)
    due_on = models.DateField()
    note = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_record = models.CharField(max_length=500, blank=True)  # which program (Source.API)
    # Bumped on every change a calendar should notice (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(opportunity__isnull=False),
                name="followup_has_a_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.due_on:%d %b %Y}"

    def is_done(self) -> bool:
        return self.done_at is not None

    def due(self) -> date:
        """When it next needs attention: the due date, or later if snoozed."""
        if self.snoozed_until and self.snoozed_until > self.due_on:
            return self.snoozed_until
        return self.due_on

    def is_overdue(self, today: date) -> bool:
        return not self.is_done() and self.due() < today


class NudgeState(OwnedModel):
    """The user's answer to one nudge (dismissed, snoozed) and its calendar version.

    A nudge is computed, not stored; its key ("connect-before-apply:opportunity:12") is
    stable, so what the user decided about it survives the next computation.
    """

    key = models.CharField(max_length=200)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="nudgestate_unique_key")
        ]

    def __str__(self) -> str:
        return self.key

    def hides(self, today: date) -> bool:
        return self.dismissed_at is not None or bool(
            self.snoozed_until and self.snoozed_until > today
        )


class Mode(models.TextChoices):
    SEARCH = "search", "Searching for a job"
    KEEP_WARM = "keep_warm", "Keeping my network warm"


class PlaybookSettings(OwnedModel):
    """One per user: how hard to push, and how the playbook reaches them."""

    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.SEARCH)
    goal_conversations = models.PositiveSmallIntegerField(
        default=3, help_text="Conversations to hold each week."
    )
    goal_names = models.PositiveSmallIntegerField(
        default=2, help_text="New names (introductions) to collect each week."
    )
    goal_gave = models.PositiveSmallIntegerField(
        default=2, help_text="Times to give something back each week."
    )
    cadence_close_days = models.PositiveSmallIntegerField(
        default=30, help_text="Keep in touch with close ties every N days."
    )
    cadence_active_days = models.PositiveSmallIntegerField(
        default=60, help_text="Keep in touch with active contacts every N days."
    )
    cadence_network_days = models.PositiveSmallIntegerField(
        default=182, help_text="Keep in touch with your long-term network every N days."
    )
    feed_token = models.CharField(max_length=64, blank=True, editable=False)
    digest_enabled = models.BooleanField(
        default=False, help_text="Email me my nudges every morning."
    )
    digest_email = models.EmailField(
        blank=True, help_text="Where to send the digest (blank: your account's address)."
    )
    digest_last_sent_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name_plural = "playbook settings"
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="playbooksettings_one_per_user"),
            models.UniqueConstraint(
                fields=["feed_token"],
                condition=~models.Q(feed_token=""),
                name="playbooksettings_unique_feed_token",
            ),
            models.CheckConstraint(
                condition=models.Q(cadence_close_days__gt=0)
                & models.Q(cadence_active_days__gt=0)
                & models.Q(cadence_network_days__gt=0),
                name="playbooksettings_cadences_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Playbook settings ({self.get_mode_display()})"

    def is_keep_warm(self) -> bool:
        return self.mode == Mode.KEEP_WARM

    def cadence_for(self, relationship: str, override: int | None = None) -> int:
        """Days between conversations with someone; relaxed when only keeping warm."""
        by_relationship: dict[str, int] = {
            Relationship.CLOSE: self.cadence_close_days,
            Relationship.ACTIVE: self.cadence_active_days,
        }
        days = override or by_relationship.get(relationship, self.cadence_network_days)
        return days * 2 if self.is_keep_warm() else days


class QuickLogKey(OwnedModel):
    """The key a quick log was sent with, so a second send (a double tap, or the phone sending
    again what it queued offline) finds the conversation the first one logged."""

    key = models.CharField(max_length=64)
    conversation = models.ForeignKey(
        "conversations.Conversation", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="quick_log_key_once_per_owner")
        ]

    def __str__(self) -> str:
        return self.key
