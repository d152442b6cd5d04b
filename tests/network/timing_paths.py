"""Time warm paths into a company at a heavy user's scale, next to a naive networkx baseline.

Run by hand; pytest does not collect it, and it is no timed test:

    .venv/bin/python tests/network/timing_paths.py [--companies 200] [--seed 7]

It writes a seeded network (30,000 people with their jobs, 5,000 conversations, 5,000
introductions, 5,000 people who know each other) into a new SQLite database in a temporary
data directory, or into DATABASE_URL when set (give it a database of its own: it is
emptied first). Then it times `warm_paths` for target companies, and the naive way: build
the whole graph from the database with networkx and search it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 20)
PEOPLE, COMPANIES, TARGETS = 30_000, 3_000, 500
CONVERSATIONS, INTRODUCTIONS, ACQUAINTANCES, LEADS = 5_000, 5_000, 5_000, 300
FIRST = [
    "Ana",
    "Bruno",
    "Carla",
    "Dora",
    "Eva",
    "Gil",
    "Hugo",
    "Ines",
    "Joao",
    "Lia",
    "Marta",
    "Nuno",
    "Olga",
    "Paulo",
    "Rita",
    "Sara",
]
LAST = [
    "Souza",
    "Lima",
    "Dias",
    "Reis",
    "Nunes",
    "Prado",
    "Faro",
    "Costa",
    "Melo",
    "Sa",
    "Rocha",
    "Pinto",
    "Alves",
    "Gomes",
]
TITLES = [
    "Software Engineer",
    "Senior Data Engineer",
    "Product Manager",
    "Designer",
    "Engineering Manager",
    "Data Analyst",
    "Account Executive",
    "Recruiter",
    "Talent Partner",
    "Learning Designer",
]


def setup_django() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ.setdefault("RAPPORT_DATA_DIR", tempfile.mkdtemp(prefix="rapport-paths-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapport.settings")
    import django

    django.setup()


def fresh_database() -> None:
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)


def seeded_network(seed: int) -> Any:
    """Write the heavy user's network; return the user."""
    from rapport.accounts.models import User

    rng = random.Random(seed)
    owner = User.objects.create_user(username="heavy")
    companies = _companies(owner, rng)
    people = _people(owner, rng)
    _jobs(owner, rng, people, companies)
    active = rng.sample(people, 2_000)
    _conversations(owner, rng, active)
    _introductions(owner, rng, people, active)
    _acquaintances(owner, rng, people)
    _leads_and_positions(owner, rng, companies, active)
    return owner


def _companies(owner: Any, rng: random.Random) -> list[Any]:
    from rapport.companies.models import Company

    rows = Company.objects.bulk_create(
        Company(owner=owner, name=f"Company {n:04d}", name_key=f"company {n:04d}")
        for n in range(COMPANIES)
    )
    # A mix of big and small employers on the target list, as a real one is.
    targets = rows[:100] + rng.sample(rows[100:], TARGETS - 100)
    Company.objects.filter(pk__in=[c.pk for c in targets]).update(target_status="target")
    return rows


def _people(owner: Any, rng: random.Random) -> list[Any]:
    from rapport.core.text import fold
    from rapport.people.models import Person

    def one(n: int) -> Person:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}"
        weights = [90, 8, 2]
        kind = rng.choices(["network", "active", "close"], weights)[0]
        return Person(owner=owner, full_name=name, name_key=fold(name), relationship=kind)

    return Person.objects.bulk_create(one(n) for n in range(PEOPLE))


def _jobs(owner: Any, rng: random.Random, people: list[Any], companies: list[Any]) -> None:
    """A current job each at a company drawn by popularity; half have one or two earlier
    jobs with dates."""
    from rapport.companies.models import Employment

    weights = [1 / (rank + 1) ** 0.7 for rank in range(len(companies))]
    cumulative = list(_accumulate(weights))
    rows = []
    for person in people:
        company = rng.choices(companies, cum_weights=cumulative)[0]
        start = date(rng.randint(2015, 2025), rng.randint(1, 12), 1)
        rows.append(
            Employment(
                owner=owner,
                person=person,
                company=company,
                title=rng.choice(TITLES),
                started_on=start if rng.random() < 0.7 else None,
            )
        )
        year = start.year
        for _ in range(rng.choice([0, 0, 1, 2])):
            begin = year - rng.randint(2, 5)
            rows.append(
                Employment(
                    owner=owner,
                    person=person,
                    company=rng.choices(companies, cum_weights=cumulative)[0],
                    title=rng.choice(TITLES),
                    started_on=date(begin, rng.randint(1, 12), 1),
                    ended_on=date(year - 1, rng.randint(1, 12), 1),
                    is_current=False,
                )
            )
            year = begin
    Employment.objects.bulk_create(rows, batch_size=5_000)


def _accumulate(values: Iterable[float]) -> Iterable[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _conversations(owner: Any, rng: random.Random, active: list[Any]) -> None:
    from rapport.conversations.models import Conversation

    talks = Conversation.objects.bulk_create(
        Conversation(owner=owner, occurred_on=TODAY - timedelta(days=rng.randint(0, 1_000)))
        for _ in range(CONVERSATIONS)
    )
    through = Conversation.participants.through
    links = {(t.pk, p.pk) for t in talks for p in rng.sample(active, rng.randint(1, 2))}
    through.objects.bulk_create(
        (through(conversation_id=t, person_id=p) for t, p in links), batch_size=5_000
    )


def _introductions(owner: Any, rng: random.Random, people: list[Any], active: list[Any]) -> None:
    from rapport.conversations.models import Introduction
    from rapport.people.models import Person

    pairs: dict[int, int] = {}
    while len(pairs) < INTRODUCTIONS:
        introducer, introduced = rng.choice(active).pk, rng.choice(people).pk
        if introducer != introduced:
            pairs.setdefault(introduced, introducer)
    Introduction.objects.bulk_create(
        Introduction(owner=owner, introducer_id=a, introduced_id=b) for b, a in pairs.items()
    )
    named = [Person(pk=b, introduced_by_id=a) for b, a in pairs.items()]
    Person.objects.bulk_update(named, ["introduced_by"], batch_size=2_000)


def _acquaintances(owner: Any, rng: random.Random, people: list[Any]) -> None:
    from rapport.network.models import Acquaintance

    pairs: set[tuple[int, int]] = set()
    while len(pairs) < ACQUAINTANCES:
        a, b = sorted(p.pk for p in rng.sample(people, 2))
        pairs.add((a, b))
    Acquaintance.objects.bulk_create(
        Acquaintance(owner=owner, person_a_id=a, person_b_id=b) for a, b in pairs
    )


def _leads_and_positions(
    owner: Any, rng: random.Random, companies: list[Any], active: list[Any]
) -> None:
    from rapport.imports.models import Position
    from rapport.opportunities.models import Opportunity

    Opportunity.objects.bulk_create(
        Opportunity(
            owner=owner,
            company=rng.choice(companies),
            title=rng.choice(TITLES),
            source_person=rng.choice(active),
        )
        for _ in range(LEADS)
    )
    Position.objects.bulk_create(
        Position(
            owner=owner,
            company=companies[n * 7],
            started_on=date(2010 + 3 * n, 1, 1),
            finished_on=date(2012 + 3 * n, 12, 1) if n < 3 else None,
            source_key=f"position-{n}",
        )
        for n in range(4)
    )


def timed(calls: list[Callable[[], object]]) -> list[float]:
    """Wall-clock milliseconds of each call."""
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def cpu_timed(calls: list[Callable[[], object]]) -> list[float]:
    """CPU milliseconds of each call in this process: with SQLite, in-process, this is the
    whole cost, and unlike wall-clock time it does not grow when other programs load the
    machine."""
    times = []
    for call in calls:
        start = time.process_time()
        call()
        times.append((time.process_time() - start) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def time_warm_paths(owner: Any, targets: list[Any]) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rapport.network.selectors import warm_paths

    def run(company: Any) -> Callable[[], object]:
        return lambda: warm_paths(owner=owner, company=company, today=TODAY)

    timed([run(c) for c in targets[:10]])  # warm up the connection and caches
    wall = timed([run(c) for c in targets])
    cpu = cpu_timed([run(c) for c in targets])
    queries, found = [], 0
    for company in targets:
        with CaptureQueriesContext(connection) as captured:
            found += len(warm_paths(owner=owner, company=company, today=TODAY))
        queries.append(len(captured))
    return {"wall": wall, "cpu": cpu, "queries": queries, "found": found}


def build_networkx_graph(owner: Any) -> Any:
    """The naive way: every person, job and link of the user loaded into one graph (the
    user is not in it: every person is a contact of theirs)."""
    import networkx as nx

    from rapport.companies.models import Employment
    from rapport.conversations.models import Introduction
    from rapport.network.links import Job, overlapping_colleagues
    from rapport.network.models import Acquaintance
    from rapport.people.models import Person

    graph = nx.Graph()
    for pk, introducer in Person.objects.filter(owner=owner).values_list("pk", "introduced_by"):
        graph.add_node(pk)
        if introducer is not None:
            graph.add_edge(introducer, pk)
    graph.add_edges_from(
        Introduction.objects.filter(owner=owner).values_list("introducer_id", "introduced_id")
    )
    graph.add_edges_from(
        Acquaintance.objects.filter(owner=owner).values_list("person_a_id", "person_b_id")
    )
    rows = Employment.objects.filter(owner=owner).values_list(
        "person_id", "company_id", "company__name", "title", "started_on", "ended_on", "is_current"
    )
    jobs = [Job(*row) for row in rows]
    for job in jobs:
        if job.is_current:
            graph.add_edge(job.person_id, f"company-{job.company_id}")
    for link in overlapping_colleagues(jobs, jobs, TODAY, per_person=10):
        graph.add_edge(link.a, link.b)
    return graph


def networkx_paths(graph: Any, company: Any) -> dict[object, list[object]]:
    """Shortest paths of up to three people from the company to everyone near it."""
    import networkx as nx

    paths: dict[object, list[object]] = nx.single_source_shortest_path(
        graph, f"company-{company.pk}", cutoff=3
    )
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=200, help="target companies timed")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline-companies", type=int, default=20)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the network seeded by an earlier run (set RAPPORT_DATA_DIR to its folder)",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the networkx baseline")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    from rapport.accounts.models import User
    from rapport.companies.models import Company

    owner = User.objects.filter(username="heavy").first() if args.reuse else None
    if owner is None:
        fresh_database()
        start = time.perf_counter()
        owner = seeded_network(args.seed)
        print(f"seeded in {time.perf_counter() - start:.1f} s")
    database = settings.DATABASES["default"]
    print(f"database: {database['ENGINE']} {database['NAME']}")
    targets = list(Company.objects.filter(owner=owner, target_status="target").order_by("pk"))
    targets = random.Random(args.seed).sample(targets, min(args.companies, len(targets)))
    result = time_warm_paths(owner, targets)
    wall, cpu, queries = result["wall"], result["cpu"], result["queries"]
    print(
        f"warm_paths over {len(targets)} target companies: wall p50 "
        f"{statistics.median(wall):.1f} ms, p95 {p95(wall):.1f} ms, max {max(wall):.1f} ms; "
        f"CPU p50 {statistics.median(cpu):.1f} ms, p95 {p95(cpu):.1f} ms; queries per company "
        f"{min(queries)}-{max(queries)}; {result['found']} paths shown in all"
    )
    if args.no_baseline:
        return
    start = time.perf_counter()
    graph = build_networkx_graph(owner)
    build_ms = (time.perf_counter() - start) * 1000
    sample = targets[: args.baseline_companies]
    searches = timed([lambda c=c: networkx_paths(graph, c) for c in sample])
    print(
        f"networkx baseline: graph of {graph.number_of_nodes()} nodes and "
        f"{graph.number_of_edges()} edges built in {build_ms:.0f} ms; shortest paths "
        f"(cutoff 3) from {len(sample)} companies: p50 {statistics.median(searches):.1f} ms, "
        f"p95 {p95(searches):.1f} ms; per request (build + search) p95 "
        f"{build_ms + p95(searches):.0f} ms"
    )
    bench = {
        "paths_p95_ms": {
            "value": round(p95(wall), 2),
            "unit": "ms",
            "baseline": round(build_ms + p95(searches), 2),
        },
        "paths_queries_max": {"value": max(queries), "unit": "queries", "baseline": None},
    }
    print(json.dumps(bench))


if __name__ == "__main__":
    main()
