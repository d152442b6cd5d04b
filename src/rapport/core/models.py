from __future__ import annotations

from django.conf import settings
from django.db import models


class OwnedModel(models.Model):
    """A row that belongs to one user. Every query on it must be filtered by owner."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Source(models.TextChoices):
    """Where a row came from. Importers add their batch and source record next to it."""

    MANUAL = "manual", "Entered by you"
    CONVERSATION = "conversation", "From a conversation"
    DEMO = "demo", "Demo data"
    IMPORT = "import", "Imported"
