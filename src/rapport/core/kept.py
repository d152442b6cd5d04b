"""Rendered pages kept for every process of the server, by the owner's data version.

A page is kept under a key that names its owner's data version (`core/versions.py`), so it
never needs invalidating: a write names a new version and old pages age out. Each process
holds a bounded number in memory, in front of Django's cache `"shared"` (settings.CACHES):
in server mode a table in the database that every app process reads, so a page one process
computed is served by all of them (`rapport serve --workers N` runs several); in local mode,
one process, there is nothing behind the memory (a dummy cache).

Pages go to the shared store compressed (HTML shrinks about tenfold) under the owner's id
and a digest of the key, so that deleting an account can remove its pages at once.

`KeptLive` keeps values of one process only, as they are (`versions.kept_live`).
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections import OrderedDict

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


class KeptLive:
    """Values kept as they are, not pickled, in this process, the last used while their
    weights add up to at most `budget`: for what many answers read at one data version and
    would cost more to unpickle at each than to use (a user's whole network). Their users
    only read them."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._values: OrderedDict[str, tuple[object, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> object | None:
        with self._lock:
            found = self._values.get(key)
            if found is None:
                return None
            self._values.move_to_end(key)
            return found[0]

    def set(self, key: str, value: object, weight: int) -> None:
        with self._lock:
            if key in self._values:
                self._weight -= self._values.pop(key)[1]
            self._values[key] = (value, weight)
            self._weight += weight
            while self._weight > self.budget and len(self._values) > 1:
                self._weight -= self._values.popitem(last=False)[1][1]

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._weight = 0
