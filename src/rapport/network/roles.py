"""What someone's job title says about how they can help you into a company."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapport.core.text import fold

_WORD = re.compile(r"[a-z0-9]+")
RECRUITING_WORDS = frozenset(
    {"recruiter", "recruiting", "recruitment", "talent", "sourcer", "sourcing", "hr", "hrbp"}
)
RECRUITING_PHRASES = ("human resources", "people partner", "people operations", "people ops")
# Words in job titles that say nothing about the team (words of two letters never count).
GENERIC_WORDS = frozenset(
    {
        "and",
        "for",
        "the",
        "with",
        "senior",
        "junior",
        "staff",
        "principal",
        "lead",
        "head",
        "intern",
        "role",
        "position",
        "remote",
        "hybrid",
        "defined",
        "iii",
    }
)

# How much someone's role at the company matters for getting in.
TEAM_FACTOR = 1.0  # works in the team you are after: knows the work and the hiring manager
RECRUITING_FACTOR = 0.9  # knows how referrals and hiring work there
ANYONE_FACTOR = 0.7


@dataclass(frozen=True)
class Role:
    factor: float
    label: str  # a ranking factor: "recruiting", "team match (data)", ""
    sentence: str  # said to the user, with {name} and {company} to fill in


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def team_keywords(titles: Iterable[str]) -> list[str]:
    """The words of job titles that name a team or a craft: "Senior Data Engineer" → data,
    engineer."""
    found: dict[str, None] = {}
    for title in titles:
        for word in words(title):
            if len(word) > 2 and word not in GENERIC_WORDS:
                found[word] = None
    return list(found)


def role_of(title: str, keywords: Iterable[str]) -> Role:
    title_words = set(words(title))
    matched = [k for k in keywords if k in title_words]
    if matched:
        shown = ", ".join(f"“{k}”" for k in matched[:3])
        return Role(
            TEAM_FACTOR,
            f"title matches {shown}",
            f"{{name}}'s title matches {shown}, the kind of role you are after.",
        )
    folded = fold(title)
    if title_words & RECRUITING_WORDS or any(p in folded for p in RECRUITING_PHRASES):
        return Role(
            RECRUITING_FACTOR,
            "in recruiting",
            "{name} works in recruiting: ask how referrals work at {company}.",
        )
    return Role(ANYONE_FACTOR, "", "")
