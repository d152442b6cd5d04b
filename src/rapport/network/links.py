"""Why two people know each other, and how much it says: the edges of warm paths.

Pure functions over rows read elsewhere (see graph.py): no database access here.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from operator import itemgetter
from typing import NamedTuple


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


class Job(NamedTuple):
    """One employment, as the path search needs it. A named tuple, like Link: a search
    reads hundreds of each, and a tuple is made in a fraction of a frozen dataclass's time."""

    person_id: int
    company_id: int
    company_name: str
    title: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    is_current: bool = True

    def end(self, today: date) -> date | None:
        return today if self.is_current and self.ended_on is None else self.ended_on


class Link(NamedTuple):
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
    span = _span(one, two, today)
    return None if span is None else _years(span)


# The first and last year two jobs overlap; _NOW when both are held now, dates unknown.
_Span = tuple[int, int]
_NOW: _Span = (0, 0)


def _span(one: Job, two: Job, today: date) -> _Span | None:
    end_one, end_two = one.end(today), two.end(today)
    if one.started_on is None or two.started_on is None or end_one is None or end_two is None:
        return _NOW if one.is_current and two.is_current else None
    first, last = max(one.started_on, two.started_on), min(end_one, end_two)
    if last < first:
        return None
    return (first.year, last.year)


def _years(span: _Span) -> str:
    first, last = span
    if span == _NOW:
        return ""
    return str(first) if first == last else f"{first}-{last}"


def overlapping_colleagues(
    theirs: list[Job], others: list[Job], today: date, *, per_person: int
) -> list[Link]:
    """Links between each person of `theirs` and the people of `others` who held a job at
    the same company at a time the dates prove overlapping (or who both work there now);
    at most `per_person` colleagues each, the most recent first, so one huge former
    employer cannot flood the search. Only the links kept are made."""
    by_company: dict[int, list[Job]] = {}
    for job in others:
        by_company.setdefault(job.company_id, []).append(job)
    found: dict[int, dict[int, _Colleague]] = {}
    for mine in theirs:
        for other in by_company.get(mine.company_id, []):
            if other.person_id == mine.person_id:
                continue
            span = _span(mine, other, today)
            if span is not None:
                _keep_best(found.setdefault(mine.person_id, {}), mine, other, span)
    links: list[Link] = []
    for colleagues in found.values():
        ranked = sorted(colleagues.values(), key=itemgetter(0))
        links.extend(
            _colleague_link(mine, other, span) for _, mine, other, span in ranked[:per_person]
        )
    return links


# Colleagues now first, then the most recent overlap, then by person (stable): the rank,
# and the two jobs and when they overlapped.
_Colleague = tuple[tuple[bool, int, int], Job, Job, _Span]


def _keep_best(found: dict[int, _Colleague], mine: Job, other: Job, span: _Span) -> None:
    rank = (not (mine.is_current and other.is_current), -span[1], other.person_id)
    current = found.get(other.person_id)
    if current is None or rank < current[0]:
        found[other.person_id] = (rank, mine, other, span)


def _colleague_link(mine: Job, other: Job, span: _Span) -> Link:
    # From the fields in their order: a search makes hundreds, and keyword arguments took
    # twice as long. (a, b, kind, introducer, company_name, years, both_current, note)
    both_current = mine.is_current and other.is_current
    fields = (mine.person_id, other.person_id, LinkKind.COLLEAGUE, None, mine.company_name)
    return Link._make((*fields, _years(span), both_current, ""))
