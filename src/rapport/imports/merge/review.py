"""The review queue as the page shows it: each pair side by side, its evidence in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapport.imports.models import MergeCandidate
from rapport.people.models import ContactKind, Person

_KEYS = {"linkedin": "the same LinkedIn profile", "email": "an email", "phone": "a phone number"}
_FIRST = {
    "same": "same first name",
    "nickname": "first names that are nicknames of each other",
    "initial": "a first name matching an initial",
    "different": "different first names",
}


@dataclass
class Side:
    person: Person
    emails: list[str]
    phones: list[str]
    companies: list[str]


@dataclass
class Pair:
    candidate: MergeCandidate
    a: Side
    b: Side
    evidence: list[str]


def review_pairs(candidates: list[MergeCandidate]) -> list[Pair]:
    return [_pair(candidate) for candidate in candidates]


def _pair(candidate: MergeCandidate) -> Pair:
    # review_queue only holds pairs whose two people both still exist.
    assert candidate.person_a is not None
    assert candidate.person_b is not None
    return Pair(
        candidate, _side(candidate.person_a), _side(candidate.person_b), evidence_words(candidate)
    )


def _side(person: Person) -> Side:
    points = list(person.contact_points.all())
    return Side(
        person,
        [p.value for p in points if p.kind == ContactKind.EMAIL],
        [p.value for p in points if p.kind == ContactKind.PHONE],
        [
            f"{job.company.name} · {job.title}" if job.title else job.company.name
            for job in person.employments.select_related("company").order_by("-is_current", "pk")
        ],
    )


def evidence_words(candidate: MergeCandidate) -> list[str]:
    """ "Same first name (name match 91%)", "Share an email: ana@acme.com", …"""
    evidence: dict[str, Any] = candidate.evidence or {}
    words = [f"Match score {candidate.score:.0f} out of 100."]
    if name := evidence.get("name"):
        first = _FIRST.get(name.get("first", ""), "similar names")
        words.append(f"Names {name.get('score', 0):.0f}% alike ({first}).")
        if name.get("middle_initials_differ"):
            words.append("Their middle initials differ.")
    for key, value in (evidence.get("keys") or {}).items():
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        words.append(f"They share {_KEYS.get(key, key)}: {shown}.")
    if evidence.get("linkedin_differs"):
        words.append("They have different LinkedIn profiles.")
    company = evidence.get("company")
    if company in {"agrees", "differs"}:
        words.append("Same employer." if company == "agrees" else "Different employers.")
    if domains := evidence.get("email_domain"):
        words.append(f"Work email at the same domain: {', '.join(domains)}.")
    if rule := evidence.get("rule"):
        words.append(f"Not merged automatically: {rule}.")
    return words
