"""Inside Django, on the database DATABASE_URL names: a university career centre, with COPY.

    python -m bench.career_seed --students 2000 --people 1500 [--cohorts 20] [--search-index]
    python -m bench.career_seed --probe 200
    python -m bench.career_seed --paths 200

The first writes the centre (bench/career_rows.py) into an empty database and prints one
JSON object: seconds taken and rows per table. The second logs in 200 students spread over
all of them and the coach of the first cohort, and prints what the benchmark asks of each
(session cookie, the target company they know most people at) as one JSON object. The
third times the cohort-path query of 200 students, in process.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapport.settings")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=2_000)
    parser.add_argument("--people", type=int, default=1_500, help="contacts per student")
    parser.add_argument("--cohorts", type=int, default=20)
    parser.add_argument("--conversations", type=int, default=500, help="per student")
    parser.add_argument("--shares", type=int, default=10, help="per student")
    parser.add_argument(
        "--search-index",
        action="store_true",
        help="build it too (the pages measured don't read it)",
    )
    parser.add_argument("--probe", type=int, default=None, metavar="N", help="log in N students")
    parser.add_argument(
        "--paths", type=int, default=None, metavar="N", help="time N students' cohort paths"
    )
    args = parser.parse_args(argv)
    _setup()
    from bench.career_probe import cohort_path_times, probe
    from bench.career_rows import Shape, generate

    if args.probe is not None:
        result: dict[str, Any] = probe(args.probe)
    elif args.paths is not None:
        result = cohort_path_times(args.paths)
    else:
        shape = Shape(
            students=args.students,
            people=args.people,
            cohorts=args.cohorts,
            conversations=args.conversations,
            shares=args.shares,
        )
        result = generate(shape, search_index=args.search_index)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
