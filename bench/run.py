"""`make bench`: every performance target of bench/README.md, each next to a same-run baseline.

    python -m bench.run [--scale 1.0] [--only import,search,paths,today] [--keep]

Generates the heavy user's data (bench.generate), imports it into a fresh SQLite database
in a subprocess, adds the hand-entered part (bench.seed), then measures search, warm paths
and the Today page (in-process, and served by `rapport serve` under concurrent clients).
Prints a table and writes bench.json: {"metric": {"value": v, "unit": u, "baseline": b}}.
Every step runs in a process of its own with a time limit.
"""

from __future__ import annotations

import argparse
import json
import math
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import generate, load
from bench.stats import summary

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ("import", "search", "paths", "today")
# The targets of bench/README.md ("The metrics"), where each metric is defined: (comparison,
# target). tests/bench/test_bench_targets.py checks that the two agree.
TARGETS: dict[str, tuple[str, float]] = {
    "import_seconds": ("<=", 10.0),
    "import_peak_mb": ("<=", 500.0),
    "reimport_seconds": ("<=", 5.0),
    "reimport_created": ("<=", 0.0),
    "merge_precision": (">=", 0.995),
    "merge_recall": (">=", 0.97),
    "search_p95_ms": ("<=", 10.0),
    "paths_p95_ms": ("<=", 20.0),
    "today_p95_ms": ("<=", 100.0),
}


# The metrics of bench/README.md each benchmark reports (others are extra detail).
METRICS = {
    "import": [
        "import_seconds", "import_peak_mb", "reimport_seconds", "merge_precision", "merge_recall",
    ],
    "search": ["search_p95_ms"],
    "paths": ["paths_p95_ms"],
    "today": ["today_p95_ms", "today_queries"],
}  # fmt: skip


class StepFailed(Exception):
    pass


@dataclass
class Metric:
    name: str
    value: float | None
    unit: str
    baseline: float | None
    baseline_label: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def verdict(self) -> str:
        if self.name == "today_queries":
            return "" if self.value is None else "ok" if self.value == self.baseline else "GROWS"
        target = TARGETS.get(self.name)
        if target is None or self.value is None:
            return ""
        how, limit = target
        met = self.value <= limit if how == "<=" else self.value >= limit
        return f"{'ok' if met else 'MISS'} ({how} {limit:g})"


@dataclass
class Runner:
    args: argparse.Namespace
    work: Path
    metrics: list[Metric] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    # --- plumbing ------------------------------------------------------------------------

    def say(self, text: str) -> None:
        print(f"[{time.perf_counter() - self.started:6.1f}s] {text}", flush=True)

    def python(self, module: str, *args: str, timeout: float) -> dict[str, Any]:
        """Run `python -m module args` from the repository root; its last line is JSON."""
        command = [sys.executable, "-m", module, *args]
        try:
            done = subprocess.run(
                command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise StepFailed(f"{module} {args[0]} took over {timeout:.0f} s") from None
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or ["(no output)"]
            tail = "\n".join(lines[-12:])
            raise StepFailed(f"{module} {args[0]} failed: {lines[-1]}\n{tail}")
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return result

    def worker(self, task: str, data_dir: Path, *extra: str, timeout: float) -> dict[str, Any]:
        return self.python(
            "bench.worker", task, "--data-dir", str(data_dir), *extra, timeout=timeout
        )

    def add(self, metric: Metric) -> None:
        self.metrics.append(metric)
        ratio = f", x{metric.ratio:.2f} baseline" if metric.ratio is not None else ""
        shown = "not measured" if metric.value is None else f"{number(metric.value)} {metric.unit}"
        self.say(f"  {metric.name}: {shown}{ratio} {metric.verdict}")

    def skip(self, names: list[str], unit: str, why: str) -> None:
        for name in names:
            self.add(Metric(name, None, unit, None, note=f"TODO: {why}"))

    # --- data ----------------------------------------------------------------------------

    def dataset(self, name: str, scale: float) -> Path:
        out = self.work / name
        if not (out / generate.TRUTH_FILE).exists():
            start = time.perf_counter()
            generate.generate(out, scale=scale, seed=self.args.seed)
            self.say(f"generated {name} (scale {scale:g}) in {time.perf_counter() - start:.1f} s")
        return out

    def database(self, name: str, data: Path, scale: float, *, measure: bool) -> Path:
        """A fresh database with `data` imported (timed when `measure`) and seeded."""
        db = self.work / name
        shutil.rmtree(db, ignore_errors=True)
        db.mkdir(parents=True)
        self.worker("migrate", db, timeout=300)
        if measure:
            self.import_metrics(data, db)
        else:
            self.worker("import", db, "--dataset", str(data), timeout=900)
        seeded = self.worker(
            "seed", db, "--scale", str(scale), "--seed", str(self.args.seed), timeout=600
        )
        self.say(
            f"seeded {name}: {seeded['conversations']} conversations in {seeded['seconds']:.1f} s"
        )
        return db

    # --- import ----------------------------------------------------------------------------

    def import_metrics(self, data: Path, db: Path) -> None:
        base = self.python(
            "bench.baseline", str(data), str(self.work / "baseline.sqlite3"), timeout=300
        )
        first = self.worker("import", db, "--dataset", str(data), timeout=900)
        for step in first["steps"]:
            self.say(f"  import {step['kind']}: {step['seconds']:.2f} s, review {step['review']}")
        label = f"csv->sqlite3 executemany of the same {base['rows']} rows"
        self.add(Metric("import_seconds", first["seconds"], "s", base["seconds"], label))
        self.add(
            Metric(
                "import_peak_mb",
                first["peak_mb"],
                "MB",
                base["peak_mb"],
                "that baseline's peak RSS",
            )
        )
        self.step(["merge_precision", "merge_recall"], lambda: self.merge_metrics(data, db))
        self.step(["reimport_seconds"], lambda: self.reimport_metrics(data, db, base, label))
        if self.args.profile:
            self.step([], lambda: self.profile_import(data))

    def reimport_metrics(self, data: Path, db: Path, base: dict[str, Any], label: str) -> None:
        """The same files again: nothing new may be created (the --json counts say)."""
        again = self.worker("import", db, "--dataset", str(data), timeout=900)
        note = "" if again["created"] == 0 else f"FAILED: re-import created {again['created']} rows"
        self.add(Metric("reimport_seconds", again["seconds"], "s", base["seconds"], label, note))
        self.add(Metric("reimport_created", float(again["created"]), "rows", 0.0, "must be 0"))

    def merge_metrics(self, data: Path, db: Path) -> None:
        merge = self.worker("merge", db, "--dataset", str(data), timeout=600)
        mine, naive = merge["import"], merge["naive"]
        label = "same name, case and accents aside"
        self.add(Metric("merge_precision", mine["precision"], "", naive["precision"], label))
        self.add(Metric("merge_recall", mine["recall"], "", naive["recall"], label))
        by = ", ".join(f"{k} {v:.3f}" for k, v in merge["recall_by_evidence"].items())
        self.say(
            f"  {int(mine['true_pairs'])} true pairs; wrongly merged groups "
            f"{merge['wrongly_merged']}, wrongly apart {merge['wrongly_apart']}; "
            f"duplicates merged by evidence: {by}; examples in {merge['mistakes_file']}"
        )

    def profile_import(self, data: Path) -> None:
        """The same import again under cProfile, into a database of its own (profiling
        slows it down, so the timed run above is never profiled)."""
        db, stats = self.work / "db-profile", self.work / "import.prof"
        shutil.rmtree(db, ignore_errors=True)
        db.mkdir(parents=True)
        self.worker("migrate", db, timeout=300)
        self.worker("import", db, "--dataset", str(data), "--profile", str(stats), timeout=1800)
        self.say(f"import profile ({stats}), top 30 by cumulative time:")
        pstats.Stats(str(stats), stream=sys.stdout).sort_stats("cumulative").print_stats(30)

    # --- search, paths, today ----------------------------------------------------------------

    def search_metrics(self, db: Path) -> None:
        found = self.worker(
            "search", db, "--seed", str(self.args.seed), "--budget", "60", timeout=300
        )
        label = "unindexed LIKE, unranked"
        self.add(
            Metric("search_p95_ms", found["search_ms"]["p95"], "ms", found["like_ms"]["p95"], label)
        )
        self.add(
            Metric("search_p50_ms", found["search_ms"]["p50"], "ms", found["like_ms"]["p50"], label)
        )

    def paths_metrics(self, db: Path) -> None:
        """The baseline is a naive request: load the graph, then search it."""
        found = self.worker(
            "paths", db, "--seed", str(self.args.seed), "--budget", "60", timeout=300
        )
        mine, naive = found["paths_ms"], found["networkx_search_ms"]
        build, nodes = found["networkx_build_ms"], found["graph"]["nodes"]
        label = f"networkx: load a {nodes}-node graph ({build:.0f} ms) + BFS, per request"
        self.add(Metric("paths_p95_ms", mine["p95"], "ms", build + naive["p95"], label))
        self.add(Metric("paths_p50_ms", mine["p50"], "ms", build + naive["p50"], label))
        alone = "networkx BFS alone, the graph already in memory"
        self.add(Metric("paths_baseline_bfs_p95_ms", naive["p95"], "ms", None, alone))
        self.add(Metric("paths_queries_max", float(found["queries_max"]), "queries", None))

    def today_metrics(self, db: Path, small_db: Path | None) -> None:
        full = self.worker("today-queries", db, timeout=300)
        if small_db is not None:
            small = self.worker("today-queries", small_db, timeout=300)
            label = f"the same page at 1/10 scale ({small['people']} people)"
            self.add(
                Metric(
                    "today_queries",
                    float(full["queries"]),
                    "queries",
                    float(small["queries"]),
                    label,
                )
            )
        self.today_load(db)

    def today_load(self, db: Path) -> None:
        clients, requests = self.args.clients, self.args.requests
        with load.serving(db) as server:
            cookie = load.session_cookie(server)
            for _ in range(2):  # templates compiled, caches warm
                load.load(
                    server.port, "/playbook/", cookie=cookie, clients=1, requests=1, seconds=60
                )
            today = load.load(
                server.port,
                "/playbook/",
                cookie=cookie,
                clients=clients,
                requests=requests,
                seconds=self.args.load_seconds,
            )
            login = load.load(
                server.port,
                "/login/",
                clients=clients,
                requests=requests,
                seconds=self.args.load_seconds,
            )
        for name, result in (("today", today), ("login", login)):
            self.say(
                f"  {name}: {len(result.latencies_ms)} requests in {result.seconds:.1f} s "
                f"({result.throughput:.1f}/s), {len(result.errors)} errors"
            )
        if today.errors or not today.latencies_ms:
            raise StepFailed(f"Today page failed under load: {today.errors[:3]}")
        label = f"the login page, same {clients} clients"
        p95 = summary(today.latencies_ms)["p95"]
        self.add(Metric("today_p95_ms", p95, "ms", summary(login.latencies_ms)["p95"], label))
        self.add(Metric("today_requests_per_s", today.throughput, "req/s", login.throughput, label))

    # --- the whole run ---------------------------------------------------------------------

    def run(self) -> None:
        only = self.args.only
        data = self.dataset("data", self.args.scale)
        measure = "import" in only
        db = self.step(
            METRICS["import"] if measure else [],
            lambda: self.database("db", data, self.args.scale, measure=measure),
        )
        if db is None:
            later = [name for bench in BENCHMARKS[1:] if bench in only for name in METRICS[bench]]
            self.skip(later, "", "needs the imported database")
            return
        if "search" in only:
            self.step(METRICS["search"], lambda: self.search_metrics(db))
        if "paths" in only:
            self.step(METRICS["paths"], lambda: self.paths_metrics(db))
        if "today" in only:
            small = self.step(["today_queries"], self.small_database)
            self.step(METRICS["today"], lambda: self.today_metrics(db, small))

    def small_database(self) -> Path:
        scale = self.args.scale / 10
        return self.database("db-small", self.dataset("data-small", scale), scale, measure=False)

    def step(self, names: list[str], call: Callable[[], Any]) -> Any:
        try:
            return call()
        except (StepFailed, RuntimeError, OSError, KeyError, ValueError) as error:
            self.say(f"FAILED: {error}")
            self.skip(
                [n for n in names if n not in {m.name for m in self.metrics}],
                "",
                str(error).splitlines()[0],
            )
            return None


def number(value: float) -> str:
    """4 significant digits, never in exponent notation."""
    return f"{value:.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def table(metrics: list[Metric]) -> str:
    lines = [f"{'metric':<26} {'value':>13} {'baseline':>10} {'ratio':>8}  {'target':<13} baseline"]
    for m in metrics:
        value = "—" if m.value is None else f"{number(m.value)} {m.unit}".strip()
        base = "—" if m.baseline is None else number(m.baseline)
        ratio = "" if m.ratio is None else f"x{m.ratio:.3g}"
        what = m.note or m.baseline_label
        lines.append(f"{m.name:<26} {value:>13} {base:>10} {ratio:>8}  {m.verdict:<13} {what}")
    return "\n".join(lines)


def write_json(metrics: list[Metric], path: Path) -> None:
    def clean(x: float | None) -> float | None:
        return None if x is None or math.isnan(x) else round(x, 6)

    data = {
        m.name: {"value": clean(m.value), "unit": m.unit, "baseline": clean(m.baseline)}
        for m in metrics
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run the benchmarks of bench/README.md.")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0 = the heavy user; 0.1 for a quick run"
    )
    parser.add_argument(
        "--only", default=",".join(BENCHMARKS), help=f"comma-separated: {','.join(BENCHMARKS)}"
    )
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument(
        "--workdir", type=Path, help="keep data and databases here (default: a temp dir)"
    )
    parser.add_argument("--keep", action="store_true", help="do not delete the temp dir")
    parser.add_argument("--output", type=Path, default=ROOT / "bench.json")
    parser.add_argument(
        "--clients", type=int, default=16, help="concurrent clients for the Today page"
    )
    parser.add_argument(
        "--requests", type=int, default=480, help="requests per endpoint under load"
    )
    parser.add_argument("--load-seconds", type=float, default=30.0, help="time limit per endpoint")
    parser.add_argument("--profile", action="store_true", help="cProfile the import, print the top")
    args = parser.parse_args(argv)
    args.only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = args.only - set(BENCHMARKS)
    if unknown:
        parser.error(
            f"unknown benchmark(s) {', '.join(sorted(unknown))}; pick from {', '.join(BENCHMARKS)}"
        )
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="rapport-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    runner = Runner(args, work)
    runner.say(f"benchmarks {', '.join(sorted(args.only))} at scale {args.scale:g}; work in {work}")
    try:
        runner.run()
    finally:
        if args.workdir is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(runner.metrics))
    write_json(runner.metrics, args.output)
    runner.say(f"wrote {args.output}")


if __name__ == "__main__":
    main()
