"""What capture keeps of its own: the sources it reads and the suggestions it makes.

The facts it finds about people (mail touches, calendar meetings) live lower down, in
rapport.conversations, where the playbook reads them; each source's rows are listed in its
import batches, so a sync is undone (or a source forgotten) like any import.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone

from rapport.core.models import OwnedModel


class SourceKind(models.TextChoices):
    ICS = "ics", "Calendar file"
    CALENDAR = "calendar", "Subscribed calendar"
    MBOX = "mbox", "Mail archive"
    IMAP = "imap", "Mail account (IMAP)"


REMOTE_KINDS = frozenset({SourceKind.CALENDAR, SourceKind.IMAP})


class Source(OwnedModel):
    """A calendar or a mailbox Rapport reads: a file imported once, or a URL or an IMAP
    account it polls. Secrets (a private calendar URL, an app password) are kept by
    rapport.capture.secrets, never in this row in the clear."""

    kind = models.CharField(max_length=10, choices=SourceKind.choices)
    name = models.CharField(max_length=300)  # what the settings page shows
    # A file's path, an IMAP "user@host:port", or a calendar URL's host: never a secret.
    location = models.CharField(max_length=1000)
    username = models.CharField(max_length=300, blank=True)  # IMAP
    secret = models.TextField(blank=True)  # server mode: the encrypted secret
    # IMAP: {"folder": {"validity": n, "last_uid": n}}; calendar URL: {"etag", "modified"}.
    state = models.JSONField(default=dict)
    batches = models.ManyToManyField("imports.ImportBatch", blank=True, related_name="+")
    last_synced_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    failures = models.PositiveIntegerField(default=0)
    next_sync_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "location"], name="capture_source_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def is_remote(self) -> bool:
        return self.kind in REMOTE_KINDS

    def sync_failed(self, error: str, *, now: datetime | None = None) -> None:
        """Note the error; try again later, waiting longer after each failure (≤ a day)."""
        now = now or timezone.now()
        self.failures += 1
        self.last_error = error
        wait = min(timedelta(minutes=5) * 2 ** (self.failures - 1), timedelta(days=1))
        self.next_sync_at = now + wait

    def sync_succeeded(self, *, now: datetime | None = None, every: timedelta) -> None:
        now = now or timezone.now()
        self.failures = 0
        self.last_error = ""
        self.last_synced_at = now
        self.next_sync_at = now + every


class SuggestionKind(models.TextChoices):
    CONVERSATION = "conversation", "A conversation to log"
    NEW_PERSON = "new_person", "Someone to add"
    STAGE = "stage", "An application's stage"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for you"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class Suggestion(OwnedModel):
    """Something capture saw that the user confirms in one click, or dismisses.

    Its key (the event's UID and RECURRENCE-ID, the mail thread, the address, the
    opportunity and stage) is stable, so an accepted or dismissed suggestion never comes
    back, whatever is imported again.
    """

    kind = models.CharField(max_length=15, choices=SuggestionKind.choices)
    key = models.CharField(max_length=500)
    status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    title = models.CharField(max_length=300)
    occurred_at = models.DateTimeField()
    channel = models.CharField(max_length=10, blank=True)  # a conversations.Channel
    reason = models.TextField()  # why it was made, in words
    snippet = models.CharField(max_length=300, blank=True)  # mail only; never more
    people = models.ManyToManyField("people.Person", blank=True, related_name="+")
    meeting = models.ForeignKey(
        "conversations.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    stage = models.CharField(max_length=15, blank=True)  # STAGE: the stage to move to
    # NEW_PERSON: {"name", "email"}; CONVERSATION: {"names": [...]} of people not yet known.
    payload = models.JSONField(default=dict)
    decided_at = models.DateTimeField(null=True, blank=True)
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["owner", "status", "occurred_at"])]
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="suggestion_once_per_key")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_pending(self) -> bool:
        return self.status == SuggestionStatus.PENDING


class CaptureSettings(OwnedModel):
    """Whose mail it is, and what to leave out."""

    # The user's own addresses, one per line: which way a mail went, who declined a meeting.
    addresses = models.TextField(blank=True)
    # Domains whose mail is left out (a work account's colleagues), one per line.
    excluded_domains = models.TextField(blank=True)
    exclude_own_domain = models.BooleanField(
        default=True, help_text="Leave out mail with colleagues at your own (work) domain."
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="capture_settings_once")]

    def __str__(self) -> str:
        return f"Capture settings of {self.owner_id}"

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]
