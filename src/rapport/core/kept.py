"""Rendered pages kept for every process of the server, by the owner's data version.

A page is kept under a key that names its owner's data version (`core/versions.py`), so it
never needs invalidating: a write names a new version and old pages age out. Each process
holds a bounded number in memory, in front of Django's cache `"shared"` (settings.CACHES):
in server mode a table in the database that every app process reads, so a page one process
computed is served by all of them (`rapport serve --workers N` runs several); in local mode,
one process, there is nothing behind the memory (a dummy cache).

Pages go to the shared store compressed (HTML shrinks about tenfold) under the owner's id
and a digest of the key, so that deleting an account can remove its pages at once.
"""

from __future__ import annotations

import hashlib
import zlib

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection

SHARED = "shared"


class KeptPages:
    """Pages by key: this process's memory first, then the store every process shares."""

    def __init__(self, name: str, max_entries: int) -> None:
        options = {"MAX_ENTRIES": max_entries, "CULL_FREQUENCY": 4}
        self._local = LocMemCache(name, {"TIMEOUT": 24 * 3600, "OPTIONS": options})

    def get(self, owner_id: int, key: str) -> bytes | None:
        found: bytes | None = self._local.get(key)
        if found is None:
            stored = caches[SHARED].get(_shared_key(owner_id, key))
            if stored is not None:
                found = zlib.decompress(stored)
                self._local.set(key, found)
        return found

    def set(self, owner_id: int, key: str, content: bytes) -> None:
        self._local.set(key, content)
        caches[SHARED].set(_shared_key(owner_id, key), zlib.compress(content, 1))

    def clear(self) -> None:
        """Forget this process's pages (the shared ones name versions, and age out)."""
        self._local.clear()


def _shared_key(owner_id: int, key: str) -> str:
    return f"{owner_id}:{hashlib.sha256(key.encode()).hexdigest()}"


def forget_owner(owner_id: int) -> int:
    """Delete the owner's pages from the shared store (a deleted account's); how many."""
    shared = caches[SHARED]
    if not isinstance(shared, DatabaseCache):
        return 0
    prefix = shared.make_key(f"{owner_id}:")
    table = settings.CACHES[SHARED]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE substr(cache_key, 1, %s) = %s", [len(prefix), prefix]
        )
        return int(cursor.rowcount)
