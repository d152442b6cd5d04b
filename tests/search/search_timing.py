"""Time search at a heavy user's scale on SQLite, against an unindexed LIKE baseline.

Run by hand (not collected by pytest):  .venv/bin/python tests/search/search_timing.py
It builds a throw-away database: 30,000 people, 500 companies, 5,000 conversations and
20,000 message conversations for the user, and the same again for a second user.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

# Set SEARCH_TIMING_DIR to keep the generated database between runs.
os.environ["RAPPORT_DATA_DIR"] = os.environ.get("SEARCH_TIMING_DIR") or tempfile.mkdtemp(
    prefix="rapport-search-timing-"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapport.settings")
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402

from rapport.accounts.models import User  # noqa: E402
from rapport.companies.models import Company, Employment  # noqa: E402
from rapport.conversations.models import Conversation, Outcome  # noqa: E402
from rapport.core.text import fold  # noqa: E402
from rapport.people.models import ContactPoint, Person  # noqa: E402
from rapport.search.backends import sqlite_schema as sqlite  # noqa: E402
from rapport.search.selectors import search  # noqa: E402
from rapport.search.services import search_index_batch, search_index_rebuild  # noqa: E402

SEED = 20261125
SUFFIXES = ["Labs", "Inc", "Group", "Systems"]
FIRST = [
    "Ana",
    "Anna",
    "Maria",
    "José",
    "Jean",
    "Bo",
    "Chen",
    "Priya",
    "Olivia",
    "Noah",
    "Liam",
    "Emma",
    "Sofia",
    "Lukas",
    "Zoë",
    "François",
    "Aisha",
    "Omar",
    "Mateo",
    "Yuki",
    "Hana",
    "Ivan",
    "Olga",
    "Sven",
    "Ingrid",
    "Carlos",
    "Lucía",
    "Mohammed",
    "Fatima",
    "David",
    "Sarah",
    "Michael",
    "Laura",
    "Pierre",
    "Chloé",
    "Giulia",
    "Marco",
    "Anja",
    "Piotr",
]
LAST = [
    "Souza",
    "Kowalski",
    "Lindqvist",
    "Smith",
    "Müller",
    "García",
    "Rossi",
    "Nowak",
    "Dubois",
    "Tanaka",
    "Kim",
    "Patel",
    "Nguyen",
    "Johansson",
    "Novak",
    "Silva",
    "Costa",
    "Ferreira",
    "Martin",
    "Bernard",
    "Schmidt",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Schulz",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Braun",
    "Zimmermann",
    "Hartmann",
    "Krüger",
    "Lange",
    "Werner",
]
TITLES = [
    "engineer",
    "analyst",
    "designer",
    "manager",
    "director",
    "recruiter",
    "researcher",
    "scientist",
    "consultant",
    "lead",
    "architect",
    "developer",
    "marketer",
    "writer",
    "teacher",
]
AREAS = [
    "data",
    "product",
    "platform",
    "growth",
    "learning",
    "security",
    "payments",
    "infrastructure",
    "sales",
    "people",
    "finance",
    "design",
    "mobile",
    "research",
    "operations",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ra",
    "to",
    "su",
    "vi",
    "an",
    "el",
    "or",
    "is",
    "um",
    "et",
    "pa",
    "do",
    "re",
    "fi",
    "gu",
]


def words(rng: random.Random, n: int) -> str:
    vocabulary = WORDS
    return " ".join(rng.choices(vocabulary, weights=WEIGHTS, k=n))


def _vocabulary() -> list[str]:
    rng = random.Random(SEED)
    found = {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(4000)}
    return sorted(found) + TITLES + AREAS


WORDS = _vocabulary()
WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]  # Zipf-like: a few words are everywhere


def batches(items: Iterator[Any], size: int = 2000) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def load(owner: User, rng: random.Random) -> None:
    companies = Company.objects.bulk_create(
        Company(
            owner=owner,
            name=f"{n} {rng.choice(AREAS).title()} {rng.choice(SUFFIXES)}",
            name_key=f"{n}",
            notes=words(rng, 12),
        )
        for n in _company_names(rng)
    )
    people: list[Person] = []
    for batch in batches(_people(owner, rng)):
        people += Person.objects.bulk_create(batch)
    for batch in batches(
        Employment(owner=owner, person=p, company=rng.choice(companies), title=rng.choice(TITLES))
        for p in people
    ):
        Employment.objects.bulk_create(batch)
    for batch in batches(
        ContactPoint(
            owner=owner,
            person=p,
            kind="email",
            value=f"{fold(p.full_name).replace(' ', '.')}@example.org",
            value_key="",
        )
        for p in people
    ):
        ContactPoint.objects.bulk_create(batch)
    _conversations(owner, rng, people, 5000, 30)
    _conversations(owner, rng, people, 20000, 8)


def _company_names(rng: random.Random) -> list[str]:
    return sorted({"".join(rng.choices(SYLLABLES, k=3)).title() for _ in range(700)})[:500]


def _people(owner: User, rng: random.Random) -> Iterator[Person]:
    for _ in range(30000):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        yield Person(
            owner=owner,
            full_name=name,
            name_key=fold(name),
            headline=f"{rng.choice(AREAS).title()} {rng.choice(TITLES)}",
            location=rng.choice(["Lisbon", "Berlin", "London", "Paris", "Remote"]),
            notes=words(rng, rng.choice([0, 0, 10, 40])),
        )


def _conversations(
    owner: User, rng: random.Random, people: list[Person], n: int, size: int
) -> None:
    import datetime as dt

    start = dt.date(2020, 1, 1)
    talks: list[Conversation] = []
    for batch in batches(
        Conversation(
            owner=owner,
            occurred_on=start + dt.timedelta(days=rng.randint(0, 2500)),
            notes=words(rng, size),
        )
        for _ in range(n)
    ):
        talks += Conversation.objects.bulk_create(batch)
    through = Conversation.participants.through
    for batch in batches(
        through(conversation_id=t.pk, person_id=rng.choice(people).pk) for t in talks
    ):
        through.objects.bulk_create(batch)
    for batch in batches(
        Outcome(owner=owner, conversation=t, kind="advice", text=words(rng, 8))
        for t in talks[: n // 5]
    ):
        Outcome.objects.bulk_create(batch)


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def timed(
    label: str, queries: list[str], run: Callable[[str], object], repeat: int = 1
) -> dict[str, float]:
    """Percentiles over the queries of each query's quickest of `repeat` runs."""
    times = []
    for query in queries:
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            run(query)
            runs.append((time.perf_counter() - started) * 1000)
        times.append(min(runs))
    figures = {"p50": p(times, 50), "p95": p(times, 95), "max": max(times)}
    shown = "   ".join(f"{name} {value:7.2f} ms" for name, value in figures.items())
    print(f"{label:<44} {shown}")
    return figures


def like_baseline(owner: User, query: str) -> None:
    """What a search without an index does: unranked LIKE over people and conversations."""
    terms = query.replace('"', "").split()
    people = Person.objects.filter(owner=owner)
    talks = Conversation.objects.filter(owner=owner)
    for term in terms:
        people = people.filter(
            Q(full_name__icontains=term) | Q(headline__icontains=term) | Q(notes__icontains=term)
        )
        talks = talks.filter(notes__icontains=term)
    list(people.values_list("id", flat=True)[:20])
    list(talks.values_list("id", flat=True)[:20])


def sample_queries(rng: random.Random) -> list[str]:
    queries = []
    for _ in range(60):
        queries.append(rng.choice(LAST).lower()[: rng.randint(3, 7)])  # typing a surname
        queries.append(f"{rng.choice(FIRST)} {rng.choice(LAST)}")  # a full name
        queries.append(rng.choice(WORDS[:300]))  # a common word from notes
        queries.append(f"{rng.choice(AREAS)} {rng.choice(TITLES)}")  # two words
        queries.append(f'"{" ".join(rng.choices(WORDS[:50], k=2))}"')  # a phrase
    return queries


def main() -> None:
    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="heavy").exists():
        generate()
    measure(User.objects.get(username="heavy"))


def generate() -> None:
    """Three users of the same size, loaded through the ORM (bulk_create) three ways."""
    rng = random.Random(SEED)
    started = time.perf_counter()
    with transaction.atomic():
        load(User.objects.create_user(username="heavy"), rng)
    print(f"load a user, triggers refreshing row by row: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with search_index_batch():
        load(User.objects.create_user(username="neighbour"), rng)
    print(f"load a user inside search_index_batch(): {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        sqlite.drop_triggers(cursor)
    started = time.perf_counter()
    with transaction.atomic():
        load(User.objects.create_user(username="untriggered"), rng)
    print(f"load a user without triggers: {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        sqlite.install_triggers(cursor)
    started = time.perf_counter()
    count = search_index_rebuild()
    print(f"rebuild the whole index: {count} documents in {time.perf_counter() - started:.1f} s")
    print(f"index size: {index_size_mb():.0f} MB (database: {database_size_mb():.0f} MB)")


def measure(owner: User) -> None:
    queries = sample_queries(random.Random(SEED + 1))
    for query in queries[:20]:  # warm the page cache
        search(owner=owner, query=query)
    timed("search(): top 20 + counts by type", queries, lambda q: search(owner=owner, query=q))
    timed("search(): header box, top 8", queries, lambda q: search(owner=owner, query=q, limit=8))
    timed(
        "search(): people tagged/at a company filter",
        queries,
        lambda q: search(
            owner=owner, query=q, company=Company.objects.filter(owner=owner).first().name
        ),
    )  # type: ignore[union-attr]
    timed("baseline: LIKE over people + conversations", queries, lambda q: like_baseline(owner, q))
    timed(
        "search(): quickest of 5 runs of each query",
        queries,
        lambda q: search(owner=owner, query=q),
        5,
    )
    for label, group in (
        ("surname prefixes", queries[0::5]),
        ("full names", queries[1::5]),
        ("common note words", queries[2::5]),
        ("two words", queries[3::5]),
        ("phrases", queries[4::5]),
    ):
        timed(
            f"  search() {label}, quickest of 5", group, lambda q: search(owner=owner, query=q), 5
        )


def index_size_mb() -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(pgsize) FROM dbstat WHERE substr(name, 1, 12) = 'search_index'")
        return float(cursor.fetchone()[0]) / 1e6


def database_size_mb() -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        return float(cursor.fetchone()[0]) / 1e6


if __name__ == "__main__":
    sys.exit(main())
