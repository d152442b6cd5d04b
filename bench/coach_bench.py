"""The coach dashboard of a 100-student cohort on the database DATABASE_URL names.

    RAPPORT_MODE=server RAPPORT_BASE_URL=http://testserver DATABASE_URL=postgres://… \\
        python -m bench.coach_bench [--students 100] [--others 100] [--people 500] [--runs 20]

Seeds (once) `--students` students of one cohort and `--others` students of another, each
with `--people` LinkedIn connections and their jobs and conversations (bench/server_users.py),
plus what a coach counts: opportunities at every stage, conversations and outreach of the
last weeks, follow-ups; nine in ten of the cohort let the coach see their progress. Then
times `/coach/` as the coach (median and p95 of `--runs`, target ≤ 300 ms) and prints
PostgreSQL's plan of each of the dashboard's grouped queries with the indexes they use.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Any

TARGET_MS = 300


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapport.settings")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--others", type=int, default=100)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args(argv)
    _setup()
    from bench.coach_seed import seed_centre

    coach = seed_centre(args.students, args.others, args.people, args.seed)
    result = _measure(coach, args.runs)
    result["plans"] = _plans(coach)
    sys.stdout.write(json.dumps(result, indent=1) + "\n")


def _measure(coach: Any, runs: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(coach)
    assert client.get("/coach/").status_code == 200  # warm: templates, URL resolver
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get("/coach/")
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get("/coach/")
    times.sort()
    return {
        "runs": runs,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        # This process's CPU alone: what the machine's load does not add to.
        "median_cpu_ms": round(statistics.median(cpu), 1),
        "target_ms": TARGET_MS,
        "queries": len(queries),
        "vendor": connection.vendor,
    }


def _plans(coach: Any) -> list[str]:
    # The last line of each plan is PostgreSQL's own execution time of that query.
    """EXPLAIN ANALYZE of each grouped query of `progress_for` (PostgreSQL only)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from rapport.coaching.selectors import progress_for
    from rapport.cohorts.grants import granted_student_ids

    if connection.vendor != "postgresql":
        return []
    ids = granted_student_ids(coach=coach)
    with CaptureQueriesContext(connection) as captured:
        progress_for(student_ids=ids, today=timezone.localdate())
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {query['sql']}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


if __name__ == "__main__":
    main()
