"""Every warm-paths answer on a bench database, one JSON line each, to compare two versions
of the search byte for byte: all the owner's companies, then their first 300 opportunities
(people, explanations, scores, factors, totals, people to ask).

    python -m bench.run --only paths --workdir /tmp/rb --keep   # a database to read
    PYTHONPATH=src python -m bench.paths_dump /tmp/rb/db before.jsonl
    (change the search)
    PYTHONPATH=src python -m bench.paths_dump /tmp/rb/db after.jsonl
    cmp before.jsonl after.jsonl

Each run starts in a fresh process, so nothing is kept from the other version's answers.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from bench.worker import setup

OPPORTUNITIES = 300


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, help="the bench's database folder (db/)")
    parser.add_argument("out", type=Path, help="where the answers go, one JSON line each")
    args = parser.parse_args(argv)
    setup(args.data_dir)
    start = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as out:
        count = sum(out.write(json.dumps(a, ensure_ascii=False) + "\n") > 0 for a in _answers())
    seconds = time.perf_counter() - start
    print(f"{count} answers in {seconds:.1f} s", file=sys.stderr)


def _answers() -> Any:
    from django.utils import timezone

    from rapport.accounts.models import User
    from rapport.companies.models import Company
    from rapport.network.selectors import warm_paths, warm_paths_for_opportunity
    from rapport.opportunities.models import Opportunity

    owner = User.objects.order_by("pk").get()
    today = timezone.localdate()
    for company in Company.objects.filter(owner=owner).order_by("pk"):
        yield _answer(warm_paths(owner=owner, company=company, today=today))
    opportunities = Opportunity.objects.filter(owner=owner).select_related("company")
    for opportunity in opportunities.order_by("pk")[:OPPORTUNITIES]:
        found = warm_paths_for_opportunity(owner=owner, opportunity=opportunity, today=today)
        yield _answer(found)


def _answer(found: Any) -> dict[str, object]:
    return {
        "company": found.company.pk,
        "paths": [_path(p) for p in found.paths],
        "total": found.total,
        "ref": found.has_referral_path,
        "capped": found.capped,
        "keywords": list(found.keywords),
        "ask": [
            (a.person.pk, a.person.full_name, list(a.reasons), a.score) for a in found.people_to_ask
        ],
    }


def _path(path: Any) -> dict[str, object]:
    people = [
        (p.pk, p.full_name, p.first_name, p.headline, p.relationship, p.introduced_by_id)
        for p in path.people
    ]
    return {
        "degree": path.degree,
        "kind": path.kind.value,
        "people": people,
        "explanation": path.explanation,
        "score": path.score,
        "factors": list(path.factors),
        "asked_on": str(path.asked_on),
        "others": [_path(other) for other in path.others],
    }


if __name__ == "__main__":
    main()
