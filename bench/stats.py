"""Percentiles, timers and peak memory: the few measurements every benchmark shares."""

from __future__ import annotations

import math
import resource
import sys
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def percentile(values: Iterable[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank: a value that was actually measured."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values) if values else math.nan,
        "n": float(len(values)),
    }


def time_each(items: Iterable[T], call: Callable[[T], object], *, budget_s: float) -> list[float]:
    """Milliseconds per call, stopping early once `budget_s` seconds have gone by."""
    times: list[float] = []
    deadline = time.perf_counter() + budget_s
    for item in items:
        start = time.perf_counter()
        call(item)
        end = time.perf_counter()
        times.append((end - start) * 1000)
        if end > deadline:
            break
    return times


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory of this process (or its waited-for children), in MB."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
