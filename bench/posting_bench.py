"""Reading a typical job posting page: Rapport's whole reading next to extruct alone.

    python -m bench.posting_bench [--seed N] [--pages 40] [--runs 5]

Pages come from a seeded generator in the shapes job sites publish (see posting_pages): a
JobPosting in JSON-LD (escaped HTML or not, in an @graph or not) or in microdata, and the
rest of a real page around it — navigation, a list of similar jobs, a framework's state in
an inline script, styles — 60 to 400 KB, as Greenhouse, Lever, Workday and LinkedIn pages
are. The baseline is `extruct.extract` (JSON-LD, microdata, OpenGraph) on the same pages:
what any reader built on extruct pays before it looks at a single field.
Prints one JSON object: per run p50/p95 in ms, and the median of the runs.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from extruct import extract

from bench.posting_pages import typical_pages
from bench.stats import summary
from rapport.postings.reading import posting_read

SYNTAXES = ["json-ld", "microdata", "opengraph"]


def _times(pages: list[tuple[str, str]], call: Callable[[str, str], object]) -> list[float]:
    times = []
    for html, url in pages:
        start = time.perf_counter()
        call(html, url)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _rapport(html: str, url: str) -> object:
    reading = posting_read(html, url=url)
    assert reading.complete, url  # every generated page holds a whole posting
    return reading


def _extruct(html: str, url: str) -> object:
    return extract(html, base_url=url, syntaxes=SYNTAXES, uniform=True, errors="log")


def run(*, seed: int, pages: int, runs: int) -> dict[str, Any]:
    corpus = typical_pages(random.Random(seed), pages)
    for html, url in corpus[:5]:  # warm up imports and caches
        _rapport(html, url)
        _extruct(html, url)
    samples: dict[str, list[dict[str, float]]] = {"rapport": [], "extruct": []}
    for _ in range(runs):
        samples["rapport"].append(summary(_times(corpus, _rapport)))
        samples["extruct"].append(summary(_times(corpus, _extruct)))
    sizes = sorted(len(html.encode()) for html, _ in corpus)
    return {
        "pages": len(corpus),
        "page_kb": {"min": sizes[0] / 1024, "median": statistics.median(sizes) / 1024},
        "runs": samples,
        **{
            f"{who}_{q}_ms": statistics.median(run[q] for run in samples[who])
            for who in samples
            for q in ("p50", "p95")
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(run(seed=args.seed, pages=args.pages, runs=args.runs)))


if __name__ == "__main__":
    main()
