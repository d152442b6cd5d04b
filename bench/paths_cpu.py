"""CPU time of warm paths' first search on a bench database: the bench's 200 companies (as
bench/paths_bench.py picks them), each searched `--best-of` times with what the search reads
of the whole network kept (as between any two searches at one data version), its best
taken. On a machine shared with other work, wall time moves with the load; the CPU time a
search takes much less, and its best of a few hardly. To compare two versions of the code,
run this from each one's worktree in turn, a few times, in the same minutes:

    python -m bench.run --only paths --workdir /tmp/rb --keep   # a database to read
    PYTHONPATH=src python -m bench.paths_cpu /tmp/rb/db

It prints the p50, p95 and p99 of the companies' best CPU times, and the load.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

from bench.worker import setup


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, help="the bench's database folder (db/)")
    parser.add_argument("--best-of", type=int, default=5, help="searches of each company")
    args = parser.parse_args(argv)
    setup(args.data_dir)
    best = _best_times(args.best_of)
    cuts = statistics.quantiles(best, n=100)
    print(
        f"CPU ms, best of {args.best_of} for each of {len(best)} companies: p50 {cuts[49]:.3f}"
        f" p95 {cuts[94]:.3f} p99 {cuts[98]:.3f} mean {statistics.mean(best):.3f}"
        f" (load {os.getloadavg()[0]:.1f})"
    )


def _best_times(best_of: int) -> list[float]:
    from django.utils import timezone

    from bench.generate import DEFAULT_SEED
    from bench.paths_bench import COMPANIES, WARM_UP
    from rapport.accounts.models import User
    from rapport.companies.models import Company, TargetStatus
    from rapport.core.versions import version_key
    from rapport.network.selectors import DEFAULT_LIMIT, _warm_paths

    owner = User.objects.order_by("pk").get()
    today = timezone.localdate()
    kept = version_key("network", owner.pk, today)
    targets = sorted(
        Company.objects.filter(owner=owner, target_status=TargetStatus.TARGET), key=lambda c: c.pk
    )
    targets = random.Random(DEFAULT_SEED).sample(targets, min(COMPANIES + WARM_UP, len(targets)))

    def search(company: Company) -> float:
        start = time.process_time()
        _warm_paths(owner, company, today, None, DEFAULT_LIMIT, kept)  # never a kept answer
        return (time.process_time() - start) * 1000

    for company in targets[COMPANIES:]:
        search(company)  # to warm up, and read the network index
    timed = targets[:COMPANIES]
    best = [search(company) for company in timed]
    for _ in range(best_of - 1):
        best = [min(ms, search(company)) for ms, company in zip(best, timed, strict=True)]
    return best


if __name__ == "__main__":
    main()
