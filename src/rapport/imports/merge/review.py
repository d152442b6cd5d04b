"""The review queue as the page shows it: each pair side by side, its evidence in words; and
the pairs kept apart, shown the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from rapport.imports.models import CandidateStatus, KeepApart, MergeCandidate
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


@dataclass
class Apart:
    """A pair kept apart; `candidate`: the pair of the queue it closed (None: no import
    proposed them), `together`: how many pairs its decision kept apart that can come back."""

    pair: KeepApart
    a: Side
    b: Side
    candidate: MergeCandidate | None
    evidence: list[str]
    decided: dt.datetime
    together: int


def apart_pairs(pairs: list[KeepApart]) -> list[Apart]:
    closed = _closed(pairs)
    times = {c.decided_at for c in closed.values() if c.decided_at is not None}
    together = _together(pairs[0].owner_id, times) if pairs else {}
    rows = []
    for pair in pairs:
        candidate = closed.get((pair.person_a_id, pair.person_b_id))
        decided = (candidate.decided_at if candidate else None) or pair.created_at
        words = evidence_words(candidate) if candidate else []
        count = together.get(decided, 1) if candidate else 1
        rows.append(
            Apart(
                pair, _side(pair.person_a), _side(pair.person_b), candidate, words, decided, count
            )
        )
    return rows


def _closed(pairs: list[KeepApart]) -> dict[tuple[int, int], MergeCandidate]:
    """The newest pair of the queue each keep-apart closed, either way round."""
    if not pairs:
        return {}
    people = {pk for pair in pairs for pk in (pair.person_a_id, pair.person_b_id)}
    candidates = MergeCandidate.objects.filter(
        owner_id=pairs[0].owner_id,
        status=CandidateStatus.KEPT_APART,
        person_a__in=people,
        person_b__in=people,
    ).select_related("batch")
    found: dict[tuple[int, int], MergeCandidate] = {}
    for candidate in sorted(candidates, key=lambda c: (c.decided_at is not None, c.decided_at)):
        a, b = candidate.person_a_id or 0, candidate.person_b_id or 0
        found[(a, b) if a < b else (b, a)] = candidate  # the newest last, so it stays
    return found


def _together(owner_id: int, times: set[dt.datetime]) -> dict[dt.datetime, int]:
    """How many pairs each decision (its one `decided_at`) kept apart that can come back."""
    if not times:
        return {}
    rows = (
        MergeCandidate.objects.filter(
            owner_id=owner_id,
            status=CandidateStatus.KEPT_APART,
            decided_at__in=times,
            person_a__isnull=False,
            person_b__isnull=False,
        )
        .order_by()
        .values("decided_at")
        .annotate(pairs=Count("pk"))
    )
    return {row["decided_at"]: row["pairs"] for row in rows}


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
