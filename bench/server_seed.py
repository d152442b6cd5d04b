"""Inside Django, on the database DATABASE_URL names: users of a career centre, each with a
network of realistic size, written in bulk (seconds per user).

    python -m bench.server_seed --first N --users K [--people P] [--seed S]

makes users `student-N` … `student-(N+K-1)`, each with P people (default 3,000: LinkedIn
connections with their jobs now and before, ~1,800 LinkedIn conversations) and then the
hand-entered part bench/seed.py adds (targets, logged conversations, introductions,
acquaintances, leads, follow-ups, at P / 30,000 of a heavy user's), and prints one JSON
object: seconds per user, the users' ids and a logged-in session cookie for each.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

PEOPLE = 3_000


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapport.settings")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--users", type=int, default=1)
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--seed", type=int, default=20251103)
    parser.add_argument("--probe", type=int, default=None, metavar="N", help="only log in N")
    args = parser.parse_args(argv)
    _setup()
    from bench.server_users import probe, seed_users

    if args.probe is not None:
        result: dict[str, Any] = probe(args.probe)
    else:
        result = seed_users(first=args.first, count=args.users, people=args.people, seed=args.seed)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
