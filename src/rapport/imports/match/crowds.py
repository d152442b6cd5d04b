"""Numbers that a file gives to many people: a family's landline, an office's switchboard.

A phone number written on the cards of three or more different people says nothing about
who any of them is, whichever card comes first. Cards of one person written differently
(Bill and William Smith, J. Smith) count once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from typing import TypeVar

from rapport.imports.match.keys import NameParts
from rapport.imports.match.scoring import name_match

CROWD = 3  # people on one number: from this many on, it is no one's
T = TypeVar("T")


def crowded_numbers(
    cards: Sequence[tuple[T, Collection[str]]], name_of: Callable[[T], NameParts | None]
) -> set[str]:
    """The phone keys that `cards` ((card, its phone keys) each) give to CROWD or more
    people. Names are read only for the few cards whose number is on CROWD cards or more."""
    counts = Counter(phone for _, phones in cards for phone in phones)
    busy = {phone for phone, count in counts.items() if count >= CROWD}
    names: dict[str, list[NameParts]] = defaultdict(list)
    for card, phones in cards:
        if (shared := busy.intersection(phones)) and (name := name_of(card)) is not None:
            for phone in shared:
                names[phone].append(name)
    return {phone for phone, held in names.items() if _people(held) >= CROWD}


def _people(names: list[NameParts]) -> int:
    """How many people these names are at least: names alike count as one."""
    if len(names) < CROWD:
        return len(set(names))
    people: list[NameParts] = []
    for name in dict.fromkeys(names):
        if not any(name_match(name, other).alike for other in people):
            people.append(name)
    return len(people)
