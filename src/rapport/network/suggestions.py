"""Whom to ask when there is no warm path into a company: the people most likely to know
someone there, each with a reason the user can read."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import reduce
from typing import Any

from django.db.models import Count, Q, QuerySet

from rapport.companies.models import Company, CompanyAlias, Employment
from rapport.conversations.models import Conversation
from rapport.network.graph import NetworkGraph, owned
from rapport.network.roles import words
from rapport.network.ties import day
from rapport.people.models import Person, Relationship

# Words that say nothing about which company it is.
COMMON_WORDS = frozenset(
    {
        "the",
        "and",
        "inc",
        "llc",
        "ltd",
        "gmbh",
        "corp",
        "corporation",
        "company",
        "group",
        "labs",
        "lab",
        "technologies",
        "technology",
        "tech",
        "solutions",
        "systems",
        "global",
        "international",
        "holdings",
        "services",
        "software",
        "digital",
        "partners",
        "consulting",
        "plc",
    }
)
# How likely each reason makes it that someone knows people at the company. The reason
# counts first; the tie's strength (0..1, times STRENGTH_WEIGHT) orders people within it.
DISCUSSED, RECOMMENDED, RELATED, HEADLINE, STRONG = 1.0, 1.0, 0.8, 0.6, 0.25
STRENGTH_WEIGHT = 0.3
STRONGEST_TIES = 10
CANDIDATES_PER_REASON = 50


@dataclass(frozen=True)
class PersonToAsk:
    person: Person
    reasons: tuple[str, ...]
    score: float

    @property
    def reason(self) -> str:
        text = "; ".join(self.reasons)
        return f"{text[:1].upper()}{text[1:]}."


def company_words(company: Company) -> list[str]:
    """The distinctive words of a company's name and aliases: "Acme Health Inc." → acme,
    health."""
    aliases = CompanyAlias.objects.filter(owner=company.owner, company=company)
    found: dict[str, None] = {}
    for name in [company.name, *aliases.values_list("name", flat=True)]:
        for word in words(name):
            if len(word) > 2 and word not in COMMON_WORDS:
                found[word] = None
    return list(found)


def people_to_ask(*, graph: NetworkGraph, company: Company, limit: int = 8) -> list[PersonToAsk]:
    """The people most likely to know someone at `company`, with why, most likely first:
    the reason counts first, the strength of the user's tie with them next."""
    reasons: dict[int, list[tuple[float, str]]] = {}
    tokens = company_words(company)
    for collect in (_discussed, _recommended, _related, _headline, _strongest):
        for pk, weight, reason in collect(graph, company, tokens):
            reasons.setdefault(pk, []).append((weight, reason))
    ties, facts = graph.ties(reasons), graph.facts(reasons)
    scored = [
        (_score(given, ties[pk].strength(graph.today)), facts[pk].full_name.casefold(), pk)
        for pk, given in reasons.items()
        if pk in ties and ties[pk].is_direct
    ]
    best = sorted(scored, key=lambda row: (-row[0], row[1], row[2]))[:limit]
    people = graph.people(pk for _, _, pk in best)
    return [
        PersonToAsk(people[pk], tuple(dict.fromkeys(text for _, text in reasons[pk])), score)
        for score, _, pk in best
    ]


def _score(given: list[tuple[float, str]], strength: float) -> float:
    likely = max(weight for weight, _ in given)
    return round(100 * (likely + STRENGTH_WEIGHT * strength) / (1 + STRENGTH_WEIGHT), 1)


Found = list[tuple[int, float, str]]


def _discussed(graph: NetworkGraph, company: Company, tokens: list[str]) -> Found:
    talks = dict(
        owned(Conversation, graph.owner)
        .filter(companies=company)
        .values_list("pk", "occurred_on")
        .order_by("-occurred_on", "-pk")[:CANDIDATES_PER_REASON]
    )
    rows = sorted(
        _participants(talks).values_list("person_id", "conversation_id"),
        key=lambda row: (-talks[row[1]].toordinal(), -row[1], row[0]),
    )
    return [
        (pk, DISCUSSED, f"you discussed {company.name} with them on {day(talks[t], graph.today)}")
        for pk, t in rows
    ]


def _participants(talks: Iterable[int]) -> QuerySet[Any]:
    """The people of these conversations, found by conversation: the participants' table
    holds every user's rows and has no owner column, so it is never joined whole."""
    through = Conversation.participants.through
    return through.objects.filter(conversation_id__in=list(talks)).order_by()


def _recommended(graph: NetworkGraph, company: Company, tokens: list[str]) -> Found:
    if company.status_by_id is None or company.target_status != "target":
        return []
    return [(company.status_by_id, RECOMMENDED, f"they recommended {company.name} to you")]


def _related(graph: NetworkGraph, company: Company, tokens: list[str]) -> Found:
    """People working at companies whose names share a distinctive word with this one."""
    if not tokens:
        return []
    similar = reduce(operator.or_, (Q(company__name_key__contains=t) for t in tokens))
    rows = (
        # The owner's companies are searched by name, not everyone's (a name test no
        # index serves would otherwise read every user's companies).
        Employment.objects.filter(
            similar, owner=graph.owner, company__owner=graph.owner, is_current=True
        )
        .exclude(company=company)
        .values_list("person_id", "company__name")
        .order_by("person_id")[: CANDIDATES_PER_REASON * 4]
    )
    found = []
    for pk, name in rows:
        shared = [t for t in tokens if t in words(name)]
        if shared:
            reason = f"they work at {name}, whose name shares “{shared[0]}” with {company.name}"
            found.append((pk, RELATED, reason))
    return found


def _headline(graph: NetworkGraph, company: Company, tokens: list[str]) -> Found:
    if not tokens:
        return []
    mentions = reduce(operator.or_, (Q(headline__icontains=t) for t in tokens))
    rows = Person.objects.filter(mentions, owner=graph.owner).values_list("pk", "headline")
    found = []
    for pk, headline in rows[: CANDIDATES_PER_REASON * 4]:
        shared = [t for t in tokens if t in words(headline)]
        if shared:
            found.append((pk, HEADLINE, f"their headline mentions “{shared[0]}”"))
    return found


def _strongest(graph: NetworkGraph, company: Company, tokens: list[str]) -> Found:
    """The user's closest ties: worth asking "whom do you know at ...?" in any case."""
    since = graph.today - timedelta(days=365)
    recent = owned(Conversation, graph.owner).filter(occurred_on__gte=since)
    talked = (
        _participants(recent.values_list("pk", flat=True))
        .values("person_id")
        .annotate(n=Count("conversation_id"))
        .order_by("-n", "person_id")
        .values_list("person_id", flat=True)[:STRONGEST_TIES]
    )
    close = Person.objects.filter(owner=graph.owner, relationship=Relationship.CLOSE).values_list(
        "pk", flat=True
    )[:STRONGEST_TIES]
    reason = (
        f"one of your closest ties: share your target list and ask whom they know at {company.name}"
    )
    return [(pk, STRONG, reason) for pk in dict.fromkeys([*talked, *close])]
