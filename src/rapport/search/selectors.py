"""Find anything: one ranked search over people, companies, conversations and opportunities."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from rapport.accounts.models import User
from rapport.search.backends import backend_for
from rapport.search.backends.base import Plan, RawHit
from rapport.search.documents import Kind
from rapport.search.filters import Filters, restriction
from rapport.search.highlight import marked_html, plain
from rapport.search.query import parse

TYPES: tuple[str, ...] = tuple(kind.slug for kind in Kind)
MAX_LIMIT = 100
_DETAIL_URL = {
    Kind.PERSON: "people:detail",
    Kind.COMPANY: "companies:detail",
    Kind.CONVERSATION: "conversations:detail",
    Kind.OPPORTUNITY: "opportunities:detail",
}


@dataclass(frozen=True)
class SearchHit:
    type: str
    id: int
    title: str
    title_html: SafeString
    snippet: str
    snippet_html: SafeString
    when: date | None = None

    @property
    def url(self) -> str:
        return reverse(_DETAIL_URL[Kind.from_slug(self.type)], args=[self.id])

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type, "id": self.id, "title": self.title, "snippet": self.snippet}


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # every type, other filters applied
    total: int = 0  # matches of the types asked for
    offset: int = 0

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.hits) < self.total


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _conversation_title(
    names: str, names_html: SafeString, when: date | None
) -> tuple[str, SafeString]:
    on = f", {when.day} {when:%b %Y}" if when else ""
    if not names:
        return f"Conversation{on}", format_html("Conversation{}", on)
    return f"Conversation with {names}{on}", format_html("Conversation with {}{}", names_html, on)


def _hit(raw: RawHit) -> SearchHit:
    title, title_html = plain(raw.title), marked_html(raw.title)
    when = _day(raw.recency)
    if raw.kind == Kind.CONVERSATION:
        title, title_html = _conversation_title(title, title_html, when)
    return SearchHit(
        type=raw.kind.slug,
        id=raw.object_id,
        title=title,
        title_html=title_html,
        snippet=plain(raw.snippet),
        snippet_html=marked_html(raw.snippet),
        when=when,
    )


def _kinds(types: Iterable[str] | None) -> frozenset[Kind]:
    chosen = frozenset(Kind.from_slug(t) for t in types or () if t in TYPES)
    return chosen or frozenset(Kind)


def search(
    *,
    owner: User,
    query: str,
    types: Iterable[str] | None = None,
    tag: str | None = None,
    company: str | None = None,
    target_status: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """The owner's best matches for `query`, best first, with counts by type.

    Every word must match (the last one as a prefix, for search-as-you-type), "quoted words"
    match as a phrase; case and accents are ignored. Anything typed is taken as text.
    `types` are slugs from TYPES (unknown ones are ignored); `company` is a company's name or
    an alias; a tag, company or status that does not exist matches nothing.
    """
    terms = parse(query)
    if not terms:
        return SearchResults(query=query)
    filters = Filters(tag=tag or "", company=company or "", target_status=target_status or "")
    plan = Plan(
        owner_id=owner.pk,
        terms=terms,
        kinds=_kinds(types),
        restriction=restriction(owner=owner, filters=filters),
        limit=max(1, min(limit, MAX_LIMIT)),
        offset=max(0, offset),
    )
    found = backend_for(connection).find(plan)
    counts = found.counts
    return SearchResults(
        query=query,
        hits=[_hit(raw) for raw in found.hits],
        counts={kind.slug: counts.get(kind, 0) for kind in Kind},
        total=sum(counts.get(kind, 0) for kind in plan.kinds),
        offset=plan.offset,
    )
