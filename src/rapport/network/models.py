"""What the user knows about their network beyond people and jobs: who knows whom, and whom
they asked for an introduction."""

from __future__ import annotations

from django.db import models

from rapport.core.models import OwnedModel


class Acquaintance(OwnedModel):
    """Two of the user's people who know each other ("Bruno and Carla were flatmates").

    Stored once per pair, the lower pk first, whichever way round it was recorded.
    """

    person_a = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="acquaintances_a"
    )
    person_b = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="acquaintances_b", db_index=False
    )
    note = models.CharField(max_length=300, blank=True, help_text="How they know each other.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        # person_a's side is the unique pair's index; person_b's is this one.
        indexes = [models.Index(fields=["person_b", "owner"], name="acquaintance_b_owner")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "person_a", "person_b"], name="acquaintance_unique_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")),
                name="acquaintance_ordered_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} ↔ {self.person_b}"


class IntroductionRequest(OwnedModel):
    """The user asked `introducer` to introduce them to `target`, to get into `company`.

    Kept apart from conversations.Introduction: that records an introduction someone offered
    or made; this is an ask that may never be answered.
    """

    introducer = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="introduction_requests_sent"
    )
    target = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="introduction_requests_about"
    )
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="introduction_requests"
    )
    message = models.TextField(blank=True)
    asked_on = models.DateField()

    class Meta:
        ordering = ["-asked_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "introducer", "target", "company"],
                name="introduction_request_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(introducer=models.F("target")),
                name="introduction_request_not_to_self",
            ),
        ]

    def __str__(self) -> str:
        return f"Asked {self.introducer} to introduce you to {self.target}"
