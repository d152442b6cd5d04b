"""An in-memory blocking index over one owner's people, built once per import.

Comparing every record with every person is 30,000 x 30,000 pairs; comparing a record only
with the people who share one of its keys is a handful.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from rapport.imports.match.keys import NameParts, name_block_keys
from rapport.imports.match.scoring import Profile, is_employer

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
        for company in profile.companies:
            if is_employer(company):
                yield from _colleague_keys(profile.name, company)


def _colleague_keys(name: NameParts, company: str) -> Iterator[str]:
    """Where a name written loosely meets its owner at one employer: with a typo in the
    first name or an initial ("J. Smith"), a typo in the last name, or the two swapped."""
    first, last = name.first, name.last
    yield f"c:{first[:1]}|{last}|{company}"
    yield f"c:{first}|{last[:1]}|{company}"
    yield f"c:{min(first, last)}|{max(first, last)}|{company}"


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
