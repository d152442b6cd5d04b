"""An in-memory blocking index over one owner's people, built once per import.

Comparing every record with every person is 30,000 x 30,000 pairs; comparing a record only
with the people who share one of its keys is a handful.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from rapport.imports.match.keys import name_block_keys
from rapport.imports.match.scoring import Profile

T = TypeVar("T")

# A key shared by this many people identifies no one (a switchboard number, "John Smith").
# Such keys are still compared through the other keys a record has.
MAX_BLOCK = 50


def profile_keys(profile: Profile) -> Iterator[str]:
    if profile.linkedin:
        yield f"l:{profile.linkedin}"
    for email in profile.emails:
        yield f"e:{email}"
    for phone in profile.phones:
        yield f"p:{phone}"
    if profile.name is not None:
        for key in name_block_keys(profile.name):
            yield f"n:{key}"


class PersonIndex(Generic[T]):
    def __init__(self) -> None:
        # Each block maps id(item) -> item: ordered, and adding twice is harmless.
        self._blocks: dict[str, dict[int, T]] = {}

    def add(self, item: T, profile: Profile) -> None:
        """Index `item` under the keys of `profile` (call again when it gains keys)."""
        for key in profile_keys(profile):
            self._blocks.setdefault(key, {})[id(item)] = item

    def candidates(self, profile: Profile) -> list[T]:
        """Everyone sharing at least one usable key with `profile`, each once."""
        seen: dict[int, T] = {}
        for key in profile_keys(profile):
            block = self._blocks.get(key, {})
            if len(block) > MAX_BLOCK and not key.startswith("l:"):
                continue
            seen.update(block)
        return list(seen.values())

    def by_linkedin(self, key: str) -> T | None:
        block = self._blocks.get(f"l:{key}") if key else None
        return next(iter(block.values())) if block else None

    def holders(self, key: str) -> int:
        """How many people have this raw key."""
        return len(self._blocks.get(key, ()))

    def by_key(self, key: str) -> list[T]:
        """People under one raw key ("e:ana@acme.com", "n:ana|souza")."""
        return list(self._blocks.get(key, {}).values())
