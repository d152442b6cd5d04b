"""Why two people know each other, and how much it says: the edges of warm paths.

Pure functions over rows read elsewhere (see graph.py): no database access here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class LinkKind(StrEnum):
    INTRODUCTION = "introduction"  # conversations.Introduction, either direction
    INTRODUCED_BY = "introduced_by"  # Person.introduced_by
    ACQUAINTANCE = "acquaintance"  # network.Acquaintance
    COLLEAGUE = "colleague"  # jobs at one company at overlapping times


# How much a link says that two people know each other: an introduction or a recorded
# acquaintance is a fact; overlapping jobs make it likely.
LINK_WEIGHT = {
    LinkKind.INTRODUCTION: 1.0,
    LinkKind.INTRODUCED_BY: 1.0,
    LinkKind.ACQUAINTANCE: 1.0,
    LinkKind.COLLEAGUE: 0.8,
}


@dataclass(frozen=True)
class Job:
    """One employment, as the path search needs it."""

    person_id: int
    company_id: int
    company_name: str
    title: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    is_current: bool = True

    def end(self, today: date) -> date | None:
        return today if self.is_current and self.ended_on is None else self.ended_on


@dataclass(frozen=True)
class Link:
    """One reason why `a` and `b` know each other."""

    a: int
    b: int
    kind: LinkKind
    introducer: int | None = None  # introductions: who introduced the user to whom
    company_name: str = ""  # colleagues: where
    years: str = ""  # colleagues: "2018-2020", "" when not known
    both_current: bool = False  # colleagues: they work there together now
    note: str = ""  # acquaintances: how they know each other

    @property
    def weight(self) -> float:
        return LINK_WEIGHT[self.kind]

    def other(self, person_id: int) -> int:
        return self.b if person_id == self.a else self.a

    def phrase(self, names: dict[int, str], *, first: int | None = None) -> str:
        """In words, with the names of the two people; `first` is named first."""
        one, two = (self.b, self.a) if first == self.b else (self.a, self.b)
        first_name, second = names[one], names[two]
        if self.kind in (LinkKind.INTRODUCTION, LinkKind.INTRODUCED_BY):
            introducer = self.introducer if self.introducer is not None else self.a
            introduced = self.other(introducer)
            return f"{names[introducer]} introduced you to {names[introduced]}"
        if self.kind == LinkKind.ACQUAINTANCE:
            note = f" ({self.note})" if self.note else ""
            return f"you noted that {first_name} and {second} know each other{note}"
        if self.both_current:
            return f"{first_name} and {second} both work at {self.company_name}"
        return f"{first_name} and {second} worked together at {self.company_name} ({self.years})"


def overlap(one: Job, two: Job, today: date) -> str | None:
    """When the two jobs were held at the same time, as the dates prove it: "2018-2020",
    "" for two people who both work there now (dates unknown), None when not proven."""
    end_one, end_two = one.end(today), two.end(today)
    if one.started_on is None or two.started_on is None or end_one is None or end_two is None:
        return "" if one.is_current and two.is_current else None
    first, last = max(one.started_on, two.started_on), min(end_one, end_two)
    if last < first:
        return None
    return str(first.year) if first.year == last.year else f"{first.year}-{last.year}"


def overlapping_colleagues(
    theirs: list[Job], others: list[Job], today: date, *, per_person: int
) -> list[Link]:
    """Links between each person of `theirs` and the people of `others` who held a job at
    the same company at a time the dates prove overlapping (or who both work there now);
    at most `per_person` colleagues each, the most recent first, so one huge former
    employer cannot flood the search."""
    by_company: dict[int, list[Job]] = {}
    for job in others:
        by_company.setdefault(job.company_id, []).append(job)
    found: dict[int, dict[int, Link]] = {}
    for mine in theirs:
        for other in by_company.get(mine.company_id, []):
            if other.person_id == mine.person_id:
                continue
            link = _colleague_link(mine, other, today)
            if link is not None:
                _keep_best(found.setdefault(mine.person_id, {}), other.person_id, link)
    links = []
    for person_links in found.values():
        ranked = sorted(person_links.values(), key=_colleague_rank)
        links.extend(ranked[:per_person])
    return links


def _colleague_link(mine: Job, other: Job, today: date) -> Link | None:
    years = overlap(mine, other, today)
    if years is None:
        return None
    return Link(
        a=mine.person_id,
        b=other.person_id,
        kind=LinkKind.COLLEAGUE,
        company_name=mine.company_name,
        years=years,
        both_current=mine.is_current and other.is_current,
    )


def _colleague_rank(link: Link) -> tuple[bool, int, int]:
    """Colleagues now first, then the most recent overlap, then by person (stable)."""
    last_year = int(link.years[-4:]) if link.years else 0
    return (not link.both_current, -last_year, link.b)


def _keep_best(found: dict[int, Link], other: int, link: Link) -> None:
    current = found.get(other)
    if current is None or _colleague_rank(link) < _colleague_rank(current):
        found[other] = link
