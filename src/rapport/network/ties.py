"""How strong the user's own tie with one person is, and how to say why in words.

Pure functions over facts read elsewhere (see graph.py): no database access here.
"""

from __future__ import annotations

import math
from datetime import date
from typing import NamedTuple

from rapport.core.text import plural
from rapport.people.models import Relationship

# What the user said the relationship is, before any conversation counts.
RELATIONSHIP_WEIGHT: dict[str, float] = {
    Relationship.CLOSE: 1.0,
    Relationship.ACTIVE: 0.6,
    Relationship.NETWORK: 0.25,
}
# Talking counts most; a conversation's weight halves every RECENCY_HALF_LIFE_DAYS.
RECENCY_HALF_LIFE_DAYS = 180
FREQUENT_CONVERSATIONS = 8  # this many (or more) is as frequent as it gets
WEIGHTS = {"relationship": 0.3, "talk": 0.4, "helped": 0.15, "colleague": 0.15}
MIN_STRENGTH = 0.02


class Tie(NamedTuple):
    """What the user knows about their own tie with one person (whose id keys it where it
    is kept: the tie says nothing of whose it is, so that the ties of people without a
    history, who are most people, are a few shared ones). A named tuple: a search into a
    big employer makes hundreds, and a tuple is made in half a dataclass's time."""

    relationship: str = Relationship.NETWORK
    conversations: int = 0
    last_talked: date | None = None
    introductions_made: int = 0
    leads_given: int = 0
    referrals: int = 0
    was_introduced: bool = False  # someone gave the user this person's name
    worked_together: str = ""  # "at Nubank (2018-2020)" when they were the user's colleague

    @property
    def is_direct(self) -> bool:
        """False for someone who is only a name so far: the user was introduced to them (or
        given their name) and has not talked to them, nor marked them closer than network."""
        return not (
            self.was_introduced
            and self.conversations == 0
            and self.relationship == Relationship.NETWORK
            and not self.worked_together
        )

    def strength(self, today: date) -> float:
        """0..1: how warm the tie is (network/index.py keeps it by what the tie says)."""
        helped = min(1.0, 0.4 * self.introductions_made + 0.5 * (self.leads_given + self.referrals))
        score = (
            WEIGHTS["relationship"] * RELATIONSHIP_WEIGHT.get(self.relationship, 0.25)
            + WEIGHTS["talk"] * self.talk(today)
            + WEIGHTS["helped"] * helped
            + WEIGHTS["colleague"] * (1.0 if self.worked_together else 0.0)
        )
        return max(MIN_STRENGTH, min(1.0, score))

    def talk(self, today: date) -> float:
        if not self.conversations or self.last_talked is None:
            return 0.0
        frequency = min(1.0, math.log1p(self.conversations) / math.log1p(FREQUENT_CONVERSATIONS))
        days = max(0, (today - self.last_talked).days)
        return frequency * float(0.5 ** (days / RECENCY_HALF_LIFE_DAYS))


# As strftime's %b says them (Rapport sets no locale), without its cost: a path's words
# name a day or two, and a search puts a hundred paths into words.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(value: date, today: date) -> str:
    """ "2 Nov" this year, "2 Nov 2024" before."""
    text = f"{value.day} {MONTHS[value.month - 1]}"
    return text if value.year == today.year else f"{text} {value.year}"


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def talked_phrase(tie: Tie, today: date, *, whom: str = "") -> str:
    """ "you talked 3 times, last on 2 Nov" (to `whom`, when the sentence is about someone
    else)."""
    to = f" to {whom}" if whom else ""
    if not tie.conversations or tie.last_talked is None:
        return f"you have not talked{to} yet"
    when = day(tie.last_talked, today)
    if tie.conversations == 1:
        return f"you talked{to} once, on {when}"
    return f"you talked{to} {_times(tie.conversations)}, last on {when}"


def helped_phrase(tie: Tie, name: str) -> str:
    """ "Bruno has introduced you to 2 people and given you 1 lead", or ""."""
    parts = []
    if tie.introductions_made:
        parts.append(f"introduced you to {plural(tie.introductions_made, 'person', 'people')}")
    if tie.leads_given:
        parts.append(f"given you {plural(tie.leads_given, 'lead')}")
    if tie.referrals:
        parts.append(f"referred you {_times(tie.referrals)}")
    if not parts:
        return ""
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{name} has {joined}"


def tie_phrases(tie: Tie, today: date, *, name: str, about_them: bool) -> list[str]:
    """Clauses saying why the tie is warm. `about_them`: the sentence is about the person at
    the company, so "you talked"; otherwise about an intermediary, so "you talked to Bruno"."""
    clauses = []
    if tie.relationship == Relationship.CLOSE:
        clauses.append(f"{name} is a close tie")
    if tie.worked_together:
        clauses.append(f"you worked together {tie.worked_together}")
    clauses.append(talked_phrase(tie, today, whom="" if about_them else name))
    if helped := helped_phrase(tie, name):
        clauses.append(helped)
    return clauses


# "close tie", "active contact": a relationship as a ranking factor.
_RELATIONSHIP_FACTOR = {kind.value: str(kind.label).lower() for kind in Relationship}


def ranking_factors(tie: Tie, today: date) -> list[str]:
    """Short labels for why a tie ranks where it does: "close tie", "talked 3 times", ..."""
    factors = []
    if tie.relationship != Relationship.NETWORK:
        factors.append(_RELATIONSHIP_FACTOR[tie.relationship])
    if tie.conversations and tie.last_talked:
        factors.append(f"talked {_times(tie.conversations)}, last {day(tie.last_talked, today)}")
    if tie.introductions_made or tie.leads_given or tie.referrals:
        factors.append("already helped you")
    if tie.worked_together:
        factors.append("former colleague")
    return factors
