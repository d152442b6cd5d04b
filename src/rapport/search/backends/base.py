"""What every search backend takes and gives: the plan of a search and what it found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from rapport.search.documents import Kind
from rapport.search.query import Term

# SQL that selects ids, with its parameters.
Subquery = tuple[str, Sequence[Any]]
# Filters, as the ids each kind of result must be among (every subquery must hold the id).
# Kinds missing from it are filtered out entirely; None means no filter at all.
Restriction = dict[Kind, list[Subquery]]

# Marks around matched words in titles and snippets; replaced after escaping (see highlight).
MARK_START = "\x02"
MARK_END = "\x03"


@dataclass(frozen=True)
class Plan:
    owner_id: int
    terms: tuple[Term, ...]
    kinds: frozenset[Kind]
    restriction: Restriction | None
    limit: int
    offset: int

    def allowed_kinds(self, kinds: frozenset[Kind] | None = None) -> list[Kind]:
        """Kinds that may appear, sorted: those asked for and left by the filters."""
        wanted = self.kinds if kinds is None else kinds
        if self.restriction is not None:
            wanted = wanted & self.restriction.keys()
        return sorted(wanted)

    def restriction_sql(self, kind: Kind) -> list[Subquery]:
        return [] if self.restriction is None else self.restriction[kind]


@dataclass(frozen=True)
class RawHit:
    kind: Kind
    object_id: int
    recency: date | datetime | None
    title: str  # with marks
    snippet: str  # with marks


@dataclass(frozen=True)
class Found:
    hits: list[RawHit]  # the page the plan asks for, best first
    counts: dict[Kind, int]  # matches of every kind, other filters applied


class Backend(Protocol):
    def find(self, plan: Plan) -> Found: ...

    def rebuild(self, owner_id: int | None) -> int: ...
