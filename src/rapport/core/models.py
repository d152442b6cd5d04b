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
    API = "api", "Written by a program (API or assistant)"


class DataVersion(models.Model):
    """A number that grows whenever any of an owner's data that pages cache by changes.

    Kept by database triggers (see `rapport.core.versions`), never by Python. `token` is
    random, set when the row is first made: a row rolled back or a database restored never
    brings back a (token, version) pair that named other data.
    """

    owner_id = models.BigIntegerField(primary_key=True)
    token = models.CharField(max_length=32)
    version = models.BigIntegerField(default=0)

    class Meta:
        db_table = "playbook_dataversion"  # made by the playbook app, its first user

    def __str__(self) -> str:
        return f"data of owner {self.owner_id}: version {self.version}"


class DataVersionHold(models.Model):
    """While a transaction holds a row here, its writes leave versions alone (see
    `versions.data_version_held`): a bulk writer bumps its owner's version once, at the end.
    The row never outlives the transaction, so no other one ever sees it."""

    owner_id = models.BigIntegerField(primary_key=True)

    class Meta:
        db_table = "playbook_dataversionhold"

    def __str__(self) -> str:
        return f"versions of owner {self.owner_id} held"


class SharedCacheEntry(models.Model):
    """The table behind Django's cache "shared" in server mode (`core/kept.py`), laid out as
    `createcachetable` would make it, but made by a migration so that it is always there."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "core_sharedcache"

    def __str__(self) -> str:
        return self.cache_key
