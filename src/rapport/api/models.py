from __future__ import annotations

from django.db import models
from django.utils import timezone

from rapport.core.models import OwnedModel


class ApiToken(OwnedModel):
    """A personal access token for the REST API. Only a hash of the secret is stored."""

    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)  # "rap_3f9a" — shown in lists to tell tokens apart
    read_only = models.BooleanField(default=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_token_unique_live_name",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({'read-only' if self.read_only else 'read-write'})"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at", "updated_at"])
