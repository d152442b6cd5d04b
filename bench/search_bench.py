"""Inside Django: ranked top-20 search over the heavy user's data, against unindexed LIKE.

Queries are what people type: surnames, the first letters of one, full names, employers,
and words from their notes and messages. Both ways run the same queries, in the same order.
"""

from __future__ import annotations

import random
from typing import Any

from django.db.models import Q

from bench import names
from bench.stats import summary, time_each
from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.conversations.models import Conversation
from rapport.people.models import Person
from rapport.search.selectors import search

PER_KIND = 60
WARM_UP = 20


def sample_queries(owner: User, rng: random.Random) -> list[str]:
    people = list(
        Person.objects.filter(owner=owner)
        .exclude(last_name="")
        .order_by("pk")
        .values_list("first_name", "last_name")
    )
    companies = list(
        Company.objects.filter(owner=owner, employments__isnull=False)
        .order_by("pk")
        .values_list("name", flat=True)
        .distinct()
    )
    queries = []
    for _ in range(PER_KIND):
        first, last = rng.choice(people)
        queries.append(last)  # a surname
        queries.append(last[: rng.randint(3, 5)])  # typing one
        queries.append(f"{first} {last}")  # a full name
        queries.append(rng.choice(companies))  # an employer
        queries.append(rng.choice(names.NOTE_WORDS))  # a word from notes
    rng.shuffle(queries)
    return queries


def like_baseline(owner: User, query: str) -> int:
    """What search without an index does: every word by LIKE, unranked, first 20 of each."""
    people = Person.objects.filter(owner=owner)
    companies = Company.objects.filter(owner=owner)
    talks = Conversation.objects.filter(owner=owner)
    for term in query.split():
        people = people.filter(
            Q(full_name__icontains=term) | Q(headline__icontains=term) | Q(notes__icontains=term)
        )
        companies = companies.filter(Q(name__icontains=term) | Q(notes__icontains=term))
        talks = talks.filter(notes__icontains=term)
    found = [qs.values_list("pk", flat=True)[:20] for qs in (people, companies, talks)]
    return sum(len(list(ids)) for ids in found)


def run_search(*, seed: int, budget_s: float) -> dict[str, Any]:
    owner = User.objects.order_by("pk").get()
    queries = sample_queries(owner, random.Random(seed))
    for query in queries[:WARM_UP]:
        search(owner=owner, query=query)
    hits: list[int] = []

    def ranked(query: str) -> None:
        hits.append(len(search(owner=owner, query=query).hits))

    times = time_each(queries, ranked, budget_s=budget_s)
    baseline = time_each(queries, lambda q: like_baseline(owner, q), budget_s=budget_s)
    return {
        "search_ms": summary(times),
        "like_ms": summary(baseline),
        "queries": len(queries),
        "with_hits": sum(1 for n in hits if n) / len(hits) if hits else 0.0,
    }
