"""One benchmark step inside Django, in a process of its own (clean memory, clean caches).

    python -m bench.worker TASK --data-dir DIR [--dataset DIR] [--scale S] [--seed N]

runs against the SQLite database in DIR (RAPPORT_DATA_DIR, local mode) and prints one JSON
object as its last line of output. Tasks: migrate, import, merge, identity, seed, search, paths,
today-queries. bench.run starts these; they can also be run by hand to look closer.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Result = dict[str, Any]


def setup(data_dir: Path) -> None:
    """Local mode, SQLite in `data_dir`, whatever the calling shell had set."""
    os.environ["RAPPORT_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "rapport.settings"
    for name in ("DATABASE_URL", "RAPPORT_MODE", "RAPPORT_DEBUG"):
        os.environ.pop(name, None)
    import django

    django.setup()


def _migrate(args: argparse.Namespace) -> Result:
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    return {"seconds": time.perf_counter() - start}


def _import(args: argparse.Namespace) -> Result:
    from bench.importing import run_imports

    return run_imports(args.dataset, profile=args.profile)


def _merge(args: argparse.Namespace) -> Result:
    from bench.importing import merge_quality

    return merge_quality(args.dataset, errors_to=args.data_dir / "merge_mistakes.json")


def _identity(args: argparse.Namespace) -> Result:
    from bench.identity import identity_quality

    return identity_quality(args.dataset)


def _seed(args: argparse.Namespace) -> Result:
    from bench.seed import seed

    return seed(scale=args.scale, seed=args.seed)


def _search(args: argparse.Namespace) -> Result:
    from bench.search_bench import run_search

    return run_search(seed=args.seed, budget_s=args.budget)


def _paths(args: argparse.Namespace) -> Result:
    from bench.paths_bench import run_paths

    return run_paths(seed=args.seed, budget_s=args.budget)


def _today_queries(args: argparse.Namespace) -> Result:
    from bench.today_bench import count_queries

    return count_queries()


TASKS: dict[str, Callable[[argparse.Namespace], Result]] = {
    "migrate": _migrate,
    "import": _import,
    "merge": _merge,
    "identity": _identity,
    "seed": _seed,
    "search": _search,
    "paths": _paths,
    "today-queries": _today_queries,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run one benchmark step inside Django.")
    parser.add_argument("task", choices=sorted(TASKS))
    parser.add_argument("--data-dir", type=Path, required=True, help="RAPPORT_DATA_DIR")
    parser.add_argument("--dataset", type=Path, help="folder written by bench.generate")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=20251103)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds a timing may take")
    parser.add_argument("--profile", type=Path, help="import: write cProfile stats here")
    args = parser.parse_args(argv)
    setup(args.data_dir)
    result = TASKS[args.task](args)
    sys.stdout.write("\n" + json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
