"""An in-memory blocking index over one owner's people, built once per import.

Comparing every record with every person is 30,000 x 30,000 pairs; comparing a record only
with the people who share one of its keys is a handful.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Generic, TypeVar

from rapport.imports.match.keys import NameParts, name_block_keys
from rapport.imports.match.scoring import Profile, is_employer

T = TypeVar("T")

# A key shared by this many people identifies no one (a switchboard number, "John Smith").
# Such keys are still compared through the other keys a record has.
MAX_BLOCK = 50


# A hash cut to 60 bits is an int of two 30-bit digits: 32 bytes, where a full 64-bit
# one takes three, 36 bytes, which Python's allocator rounds up to 48.
_SLOT_BITS = (1 << 60) - 1

Slot = str | int


def _slot(key: str) -> Slot:
    """Where a raw key ("e:ana@acme.com", "n:ana|souza") is filed: a LinkedIn profile's as
    it is (one person's, looked up to name them), any other by the hash of its kind and
    value (60 bits), a third of the room of the text. Two keys of one hash (among the keys
    of a million people, about one chance in a hundred thousand that any two have one) only
    put more people side by side, compared on their whole profiles: nobody is merged by a
    key alone (an address may count as shared, and be no evidence)."""
    kind, _, value = key.partition(":")
    return key if kind == "l" else _hashed(kind, value)


def _hashed(kind: str, value: str) -> int:
    return hash((kind, value)) & _SLOT_BITS


def profile_slots(profile: Profile) -> list[Slot]:
    """Where a profile's keys are filed, worked out without writing the keys out: its
    LinkedIn profile, emails ("e"), phones ("p"), names ("n") and names at each employer
    ("c").

    In one order whatever Python's hash seed (sets of text are walked in sorted order), so
    that candidates come in one order and pairs of equal score are proposed alike each run.
    """
    linkedin, emails, phones = profile.linkedin, profile.emails, profile.phones
    slots: list[Slot] = [f"l:{linkedin}"] if linkedin else []
    # Most people have no address or no number here: no comprehension run for nothing.
    if emails:
        slots += [hash(("e", email)) & _SLOT_BITS for email in sorted(emails)]
    if phones:
        slots += [hash(("p", phone)) & _SLOT_BITS for phone in sorted(phones)]
    if (name := profile.name) is not None:
        slots += _name_slots(name)
        for company in sorted(profile.companies):
            slots += _colleague_slots(name, company)
    return slots


# A profile's slots are worked out for each record matched, and again for the person it
# becomes or joins; people come back in each import. Names and employers are immutable.
@lru_cache(maxsize=1 << 16)
def _name_slots(name: NameParts) -> tuple[int, ...]:
    return tuple(_hashed("n", key) for key in name_block_keys(name))


@lru_cache(maxsize=1 << 16)
def _colleague_slots(name: NameParts, company: str) -> tuple[int, ...]:
    """Where a name written loosely meets its owner at one employer: with a typo in the
    first name or an initial ("J. Smith"), a typo in the last name, or the two swapped."""
    if not is_employer(company):
        return ()
    first, last = name.first, name.last
    return (
        _hashed("c", f"{first[:1]}|{last}|{company}"),
        _hashed("c", f"{first}|{last[:1]}|{company}"),
        _hashed("c", f"{min(first, last)}|{max(first, last)}|{company}"),
    )


class _Many(list[T]):
    """The people under one key, when there are two or more, in the order they came (each
    once): a list, a third of the room of a dict."""


class _Crowd:
    """A block past MAX_BLOCK, once the index forgets who is in such blocks
    (`forget_crowds`): `candidates` skips them anyway, and `holders` only tells it is many."""


_CROWD = _Crowd()


class PersonIndex(Generic[T]):
    """Blocks of people by key. Most keys are one person's (an address, a full name): such a
    block is that person alone, not a list of one (which would cost 70 bytes a key, nine
    keys a person, and the time to make it)."""

    def __init__(self) -> None:
        self._blocks: dict[str | int, T | _Many[T] | _Crowd] = {}
        self._forget_crowds = False

    def forget_crowds(self) -> None:
        """From now on, keep nobody of a block that grows past MAX_BLOCK (but a LinkedIn
        profile's, which is one person's): a big import's most shared keys ("n:john|smith",
        an office's number) would hold hundreds of thousands of people to no use. `by_key`
        then lists nobody for such a key: only for imports that never ask it."""
        self._forget_crowds = True

    def add(self, item: T, profile: Profile) -> None:
        """Index `item` under the keys of `profile` (call again when it gains keys)."""
        file = self._blocks.setdefault
        for slot in profile_slots(profile):
            # Most keys are new, or the item's own already: one C-level call each.
            if file(slot, item) is not item:
                self._file(item, slot)

    def add_key(self, item: T, key: str) -> None:
        """Index `item` under one more raw key ("e:ana@acme.com")."""
        self._file(item, _slot(key))

    def _file(self, item: T, slot: Slot) -> None:
        blocks = self._blocks
        block = blocks.get(slot)
        if block is None:
            blocks[slot] = item
        elif isinstance(block, _Many):
            if item not in block:
                block.append(item)
                # (a LinkedIn profile's block, filed by its text, is one person's)
                if self._forget_crowds and len(block) > MAX_BLOCK and type(slot) is int:
                    blocks[slot] = _CROWD
        elif block is not item and not isinstance(block, _Crowd):
            blocks[slot] = _Many([block, item])

    def _block(self, key: str) -> list[T]:
        block = self._blocks.get(_slot(key))
        if block is None or isinstance(block, _Crowd):
            return []
        if isinstance(block, _Many):
            return list(block)
        return [block]

    def candidates(self, profile: Profile) -> list[T]:
        """Everyone sharing at least one usable key with `profile`, each once."""
        seen: dict[int, T] = {}
        blocks = self._blocks
        for slot in profile_slots(profile):
            block = blocks.get(slot)
            if block is None or isinstance(block, _Crowd):
                continue
            if isinstance(block, _Many):
                if len(block) > MAX_BLOCK and type(slot) is int:
                    continue
                for item in block:
                    seen[id(item)] = item
            else:
                seen[id(block)] = block
        return list(seen.values())

    def by_linkedin(self, key: str) -> T | None:
        found = self._block(f"l:{key}") if key else []
        return found[0] if found else None

    def holders(self, key: str) -> int:
        """How many people have this raw key (more than MAX_BLOCK: at least that many)."""
        block = self._blocks.get(_slot(key))
        if block is None:
            return 0
        if isinstance(block, _Crowd):
            return MAX_BLOCK + 1  # at least
        return len(block) if isinstance(block, _Many) else 1

    def by_key(self, key: str) -> list[T]:
        """People under one raw key ("e:ana@acme.com", "n:ana|souza")."""
        return self._block(key)
