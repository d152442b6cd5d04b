"""`make bench`: every performance target of bench/README.md, each next to a same-run baseline.

    python -m bench.run [--scale 1.0] [--only import,search,paths,today] [--keep]

Generates the heavy user's data (bench.generate), imports it into a fresh SQLite database
in a subprocess, adds the hand-entered part (bench.seed), then measures search, warm paths
and the Today page (in-process, and served by `rapport serve` under concurrent clients).
Every timing is the median of --runs runs (5; an import's each into a fresh database),
printed with its spread. Prints a table and writes bench.json: {"metric": {"value": v,
"unit": u, "baseline": b, "samples": [...], "min": m, "max": M}}.
Every step runs in a process of its own with a time limit.
"""

from __future__ import annotations

import argparse
import json
import math
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import generate, identity_report, load
from bench.stats import summary

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = (
    "import", "search", "paths", "today", "capture", "postings", "bigfiles", "identity",
)  # fmt: skip
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
    "api_people_vs_login": ("<=", 2.0),
    "api_paths_vs_login": ("<=", 2.0),
    "capture_mbox_seconds": ("<=", 60.0),
    "capture_mbox_peak_mb": ("<=", 300.0),
    "capture_ics_seconds": ("<=", 5.0),
    "capture_reimport_created": ("<=", 0.0),
    "posting_read_p95_ms": ("<=", 50.0),
    "bigcsv_import_seconds": ("<=", 120.0),
    "bigcsv_import_peak_mb": ("<=", 1500.0),
    "zipbomb_peak_mb": ("<=", 300.0),
    "identity_precision": (">=", 0.995),
    "identity_namesake_employer_wrong": ("<=", 0.0),
    "identity_family_phone_wrong": ("<=", 0.0),
    "identity_strata_below_splink": ("<=", 0.0),
}


# The metrics of bench/README.md each benchmark reports (others are extra detail).
METRICS = {
    "import": [
        "import_seconds", "import_peak_mb", "reimport_seconds", "merge_precision", "merge_recall",
    ],
    "search": ["search_p95_ms"],
    "paths": ["paths_p95_ms"],
    "today": ["today_p95_ms", "today_queries", "api_people_vs_login", "api_paths_vs_login"],
    "capture": [
        "capture_mbox_seconds", "capture_mbox_peak_mb", "capture_ics_seconds",
        "capture_reimport_created",
    ],
    "postings": ["posting_read_p95_ms"],
    "bigfiles": ["bigcsv_import_seconds", "bigcsv_import_peak_mb", "zipbomb_peak_mb"],
    "identity": list(identity_report.METRICS),
}  # fmt: skip


class StepFailed(Exception):
    pass


@dataclass
class Metric:
    """A figure next to its baseline; a timing is the median of its runs' samples."""

    name: str
    value: float | None
    unit: str
    baseline: float | None
    baseline_label: str = ""
    note: str = ""
    samples: list[float] = field(default_factory=list)  # one per run, in run order
    baseline_samples: list[float] = field(default_factory=list)

    @classmethod
    def of_runs(
        cls,
        name: str,
        samples: list[float],
        unit: str,
        baseline_samples: list[float],
        baseline_label: str = "",
        note: str = "",
    ) -> Metric:
        """The median of `samples` (one per run) next to the median of its baseline's."""
        return cls(
            name,
            statistics.median(samples) if samples else None,
            unit,
            statistics.median(baseline_samples) if baseline_samples else None,
            baseline_label,
            note,
            list(samples),
            list(baseline_samples),
        )

    @property
    def spread(self) -> str:
        """'min-max of n' (runs), or '' for a figure measured once."""
        if len(self.samples) < 2:
            return ""
        return f"{number(min(self.samples))}-{number(max(self.samples))} of {len(self.samples)}"

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
        spread = f" (median; {metric.spread} runs)" if metric.spread else ""
        self.say(f"  {metric.name}: {shown}{spread}{ratio} {metric.verdict}")

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

    def fresh_database(self, db: Path) -> None:
        """An empty, migrated database in `db` (whatever was there goes)."""
        shutil.rmtree(db, ignore_errors=True)
        db.mkdir(parents=True)
        self.worker("migrate", db, timeout=300)

    def database(self, name: str, data: Path, scale: float, *, measure: bool) -> Path:
        """A fresh database with `data` imported (timed when `measure`) and seeded."""
        db = self.work / name
        self.fresh_database(db)
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
        """Each run: a fresh database, the import, then the same files again (re-import),
        and the baseline insert into a fresh file of its own; medians of the runs."""
        runs: list[dict[str, Any]] = []
        for run in range(self.args.runs):
            if run:
                self.fresh_database(db)
            base_file = self.work / "baseline.sqlite3"
            base_file.unlink(missing_ok=True)
            base = self.python("bench.baseline", str(data), str(base_file), timeout=300)
            first = self.worker("import", db, "--dataset", str(data), timeout=900)
            again = self.worker("import", db, "--dataset", str(data), timeout=900)
            steps = ", ".join(f"{s['kind']} {s['seconds']:.2f} s" for s in first["steps"])
            self.say(
                f"  run {run + 1}: import {first['seconds']:.2f} s ({steps}; CPU "
                f"{first['cpu_seconds']:.2f} s), re-import {again['seconds']:.2f} s (CPU "
                f"{again['cpu_seconds']:.2f} s), baseline {base['seconds']:.2f} s"
            )
            runs.append({"base": base, "first": first, "again": again})
        label = f"csv->sqlite3 executemany of the same {runs[0]['base']['rows']} rows"
        base_s = [r["base"]["seconds"] for r in runs]
        self.add(
            Metric.of_runs(
                "import_seconds", [r["first"]["seconds"] for r in runs], "s", base_s, label
            )
        )
        self.add(
            Metric.of_runs(
                "import_peak_mb",
                [r["first"]["peak_mb"] for r in runs],
                "MB",
                [r["base"]["peak_mb"] for r in runs],
                "that baseline's peak RSS",
            )
        )
        created = sum(r["again"]["created"] for r in runs)
        note = "" if created == 0 else f"FAILED: re-imports created {created} rows"
        again_s = [r["again"]["seconds"] for r in runs]
        self.add(Metric.of_runs("reimport_seconds", again_s, "s", base_s, label, note))
        self.add(Metric("reimport_created", float(created), "rows", 0.0, "must be 0, every run"))
        self.step(["merge_precision", "merge_recall"], lambda: self.merge_metrics(data, db))
        if self.args.profile:
            self.step([], lambda: self.profile_import(data))

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

    def budget(self) -> str:
        """Seconds each run of a timing loop may take: the whole budget shared by the runs."""
        return str(max(5.0, self.args.budget / self.args.runs))

    def search_metrics(self, db: Path) -> None:
        runs = [
            self.worker(
                "search", db, "--seed", str(self.args.seed), "--budget", self.budget(), timeout=300
            )
            for _ in range(self.args.runs)
        ]
        label = "unindexed LIKE, unranked"
        for q in ("p95", "p50"):
            mine = [r["search_ms"][q] for r in runs]
            like = [r["like_ms"][q] for r in runs]
            self.add(Metric.of_runs(f"search_{q}_ms", mine, "ms", like, label))

    def paths_metrics(self, db: Path) -> None:
        """The baseline is a naive request: load the graph, then search it."""
        runs = [
            self.worker(
                "paths", db, "--seed", str(self.args.seed), "--budget", self.budget(), timeout=300
            )
            for _ in range(self.args.runs)
        ]
        build = statistics.median(r["networkx_build_ms"] for r in runs)
        nodes = runs[0]["graph"]["nodes"]
        label = f"networkx: load a {nodes}-node graph ({build:.0f} ms) + BFS, per request"
        for q in ("p95", "p50"):
            mine = [r["paths_ms"][q] for r in runs]
            naive = [r["networkx_build_ms"] + r["networkx_search_ms"][q] for r in runs]
            self.add(Metric.of_runs(f"paths_{q}_ms", mine, "ms", naive, label))
        again = [r["paths_again_ms"]["p95"] for r in runs]
        kept = "the same companies asked again, the answer kept by the data version"
        self.add(Metric.of_runs("paths_again_p95_ms", again, "ms", [], kept))
        alone = "networkx BFS alone, the graph already in memory"
        bfs = [r["networkx_search_ms"]["p95"] for r in runs]
        self.add(Metric.of_runs("paths_baseline_bfs_p95_ms", bfs, "ms", [], alone))
        queries = max(r["queries_max"] for r in runs)
        self.add(Metric("paths_queries_max", float(queries), "queries", None))

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
        self.api_load(db)

    def api_load(self, db: Path) -> None:
        """The REST API's people list (a page of 50) and warm paths into a target, then the
        login page, with the same clients; p95 against the login page's."""
        token = load.api_token(db)
        unlimited = {"RAPPORT_API_RATE": "100000000/m"}  # the bench measures, not the limit
        found: dict[str, list[load.LoadResult]] = {"people": [], "paths": [], "login": []}
        with load.serving(db, extra_env=unlimited) as server:
            target = load.api_get(server.port, "/api/v1/companies?status=target&limit=1", token)
            paths = f"/api/v1/companies/{target['items'][0]['id']}/paths"
            urls = {"people": "/api/v1/people?limit=50", "paths": paths, "login": "/login/"}
            for _ in range(self.args.runs):
                for name, url in urls.items():
                    found[name].append(
                        load.load(
                            server.port,
                            url,
                            token=token if name != "login" else "",
                            clients=self.args.clients,
                            requests=self.args.requests,
                            seconds=self.args.load_seconds,
                        )
                    )
        self._api_metrics(found)

    def _api_metrics(self, found: dict[str, list[load.LoadResult]]) -> None:
        errors = [e for name in ("people", "paths") for r in found[name] for e in r.errors]
        if errors:
            raise StepFailed(f"the REST API failed under load: {errors[:3]}")
        login = [summary(r.latencies_ms)["p95"] for r in found["login"]]
        label = f"the login page, same {self.args.clients} clients"
        for name in ("people", "paths"):
            p95 = [summary(r.latencies_ms)["p95"] for r in found[name]]
            self.add(Metric.of_runs(f"api_{name}_p95_ms", p95, "ms", login, label))
            ratios = [mine / base for mine, base in zip(p95, login, strict=True)]
            self.add(Metric.of_runs(f"api_{name}_vs_login", ratios, "x", [1.0] * len(login)))

    def today_load(self, db: Path) -> None:
        """Each run loads the Today page, then the login page, with the same clients."""
        clients = self.args.clients
        today: list[load.LoadResult] = []
        login: list[load.LoadResult] = []
        with load.serving(db) as server:
            cookie = load.session_cookie(server)
            for _ in range(2):  # templates compiled, caches warm
                load.load(
                    server.port, "/playbook/", cookie=cookie, clients=1, requests=1, seconds=60
                )
            for _ in range(self.args.runs):
                today.append(self.under_load(server.port, "/playbook/", cookie))
                login.append(self.under_load(server.port, "/login/", ""))
        for name, results in (("today", today), ("login", login)):
            done = sum(len(r.latencies_ms) for r in results)
            errors = sum(len(r.errors) for r in results)
            self.say(f"  {name}: {done} requests in {len(results)} runs, {errors} errors")
        failed = [e for r in today for e in r.errors] or [""] * (
            not all(r.latencies_ms for r in today)
        )
        if failed:
            raise StepFailed(f"Today page failed under load: {failed[:3]}")
        label = f"the login page, same {clients} clients"
        p95 = [summary(r.latencies_ms)["p95"] for r in today]
        login_p95 = [summary(r.latencies_ms)["p95"] for r in login]
        self.add(Metric.of_runs("today_p95_ms", p95, "ms", login_p95, label))
        rates = [r.throughput for r in today]
        self.add(
            Metric.of_runs(
                "today_requests_per_s", rates, "req/s", [r.throughput for r in login], label
            )
        )

    def under_load(self, port: int, path: str, cookie: str) -> load.LoadResult:
        return load.load(
            port,
            path,
            cookie=cookie,
            clients=self.args.clients,
            requests=self.args.requests,
            seconds=self.args.load_seconds,
        )

    def posting_metrics(self) -> None:
        """Reading a typical posting page; needs no database (see bench/posting_bench.py)."""
        runs = str(self.args.runs)
        found = self.python(
            "bench.posting_bench", "--seed", str(self.args.seed), "--runs", runs, timeout=600
        )
        label = f"extruct alone on the same {found['pages']} pages"
        for q in ("p95", "p50"):
            mine = [run[q] for run in found["runs"]["rapport"]]
            alone = [run[q] for run in found["runs"]["extruct"]]
            self.add(Metric.of_runs(f"posting_read_{q}_ms", mine, "ms", alone, label))

    # --- the whole run ---------------------------------------------------------------------

    def capture_metrics(self) -> None:
        """bench.capture_bench: an mbox and a calendar (medians of its runs, with spread)."""
        found = self.python(
            "bench.capture_bench", "measure", "--work", str(self.work / "capture"),
            "--scale", str(self.args.scale), "--runs", str(self.args.runs), timeout=7200,
        )  # fmt: skip
        data, mbox, ics = found["data"], found["mbox"], found["ics"]
        self.say(f"  mbox: {data['messages']} messages, {data['mbox_mb']:.0f} MB; "
                 f"calendar: {data['events']} events")  # fmt: skip
        for name, block, key, unit, label in (
            ("capture_mbox_seconds", mbox, "seconds", "s", "mailbox.mbox merely iterating it"),
            ("capture_mbox_peak_mb", mbox, "peak_mb", "MB", "that iteration's peak RSS"),
            ("capture_ics_seconds", ics, "seconds", "s", "icalendar + recurring-ical-events"),
            ("capture_ics_peak_mb", ics, "peak_mb", "MB", "that expansion's peak RSS"),
        ):
            samples, base = block[key]["samples"], block["baseline"][key]["samples"]
            self.add(Metric.of_runs(name, samples, unit, base, label))
        for kind, block in (("mbox", mbox), ("ics", ics)):
            samples = block["reimport_seconds"]["samples"]
            self.add(Metric.of_runs(f"capture_{kind}_reimport_seconds", samples, "s", []))
        created = mbox["recreated"]["max"] + ics["recreated"]["max"]
        self.add(Metric("capture_reimport_created", created, "rows", 0.0, "must be 0"))

    def bigfile_metrics(self) -> None:
        """bench.bigfiles: a 100 MB Google CSV imported and a zip bomb refused."""
        found = self.python(
            "bench.bigfiles", "measure", "--work", str(self.work / "bigfiles"),
            "--scale", str(self.args.scale), "--runs", "1", timeout=3600,
        )  # fmt: skip
        data, big, bomb, base = found["data"], found["csv"], found["linkedin"], found["baseline"]
        self.say(f"  CSV: {data['rows']} rows, {data['csv_mb']:.0f} MB; zip: "
                 f"{data['zip_mb']:.1f} MB of 4 x {data['member_mb']:.0f} MB")  # fmt: skip
        label = "csv.reader merely reading it"
        for name, key, unit in (
            ("bigcsv_import_seconds", "seconds", "s"),
            ("bigcsv_import_peak_mb", "peak_mb", "MB"),
        ):
            self.add(Metric.of_runs(name, big[key]["samples"], unit, base[key]["samples"], label))
        refused = bomb["refused"] or "NOT REFUSED"
        self.add(Metric.of_runs("zipbomb_peak_mb", bomb["peak_mb"]["samples"], "MB", [],
                                note=refused[:80]))  # fmt: skip
        self.add(Metric.of_runs("zipbomb_seconds", bomb["seconds"]["samples"], "s", []))

    def run(self) -> None:
        only = self.args.only
        if "bigfiles" in only:
            self.step(METRICS["bigfiles"], self.bigfile_metrics)
        if "capture" in only:
            self.step(METRICS["capture"], self.capture_metrics)
        if "postings" in only:
            self.step(METRICS["postings"], self.posting_metrics)
        if not only - {"capture", "postings", "bigfiles"}:
            return  # the other benchmarks need the heavy user's database
        data = self.dataset("data", self.args.scale)
        measure = "import" in only
        db = self.step(
            METRICS["import"] if measure else [],
            lambda: self.database("db", data, self.args.scale, measure=measure),
        )
        if db is None:
            alone = {"capture", "postings", "bigfiles"}
            needs_db = [bench for bench in BENCHMARKS[1:] if bench not in alone]
            later = [name for bench in needs_db if bench in only for name in METRICS[bench]]
            self.skip(later, "", "needs the imported database")
            return
        if "search" in only:
            self.step(METRICS["search"], lambda: self.search_metrics(db))
        if "paths" in only:
            self.step(METRICS["paths"], lambda: self.paths_metrics(db))
        if "today" in only:
            small = self.step(["today_queries"], self.small_database)
            self.step(METRICS["today"], lambda: self.today_metrics(db, small))
        if "identity" in only:
            self.step(METRICS["identity"], lambda: self.identity_metrics(data, db))

    def identity_metrics(self, data: Path, db: Path) -> None:
        """The strata imported into a copy of the heavy user's database; Rapport and both
        baselines scored on every record (bench/identity.py)."""
        copy = self.work / "db-identity"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(db, copy)
        result = self.worker("identity", copy, "--dataset", str(data), timeout=1200)
        print(identity_report.table(result), flush=True)
        for name, value, unit, baseline, label in identity_report.figures(result):
            self.add(Metric(name, value, unit, baseline, label))

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
    head = f"{'metric':<26} {'value':>13} {'min-max of runs':>19} {'baseline':>10} {'ratio':>8}"
    lines = [f"{head}  {'target':<13} baseline"]
    for m in metrics:
        value = "—" if m.value is None else f"{number(m.value)} {m.unit}".strip()
        base = "—" if m.baseline is None else number(m.baseline)
        ratio = "" if m.ratio is None else f"x{m.ratio:.3g}"
        what = m.note or m.baseline_label
        row = f"{m.name:<26} {value:>13} {m.spread:>19} {base:>10} {ratio:>8}"
        lines.append(f"{row}  {m.verdict:<13} {what}")
    return "\n".join(lines)


def write_json(metrics: list[Metric], path: Path) -> None:
    def clean(x: float | None) -> float | None:
        return None if x is None or math.isnan(x) else round(x, 6)

    data: dict[str, dict[str, Any]] = {}
    for m in metrics:
        entry: dict[str, Any] = {
            "value": clean(m.value),
            "unit": m.unit,
            "baseline": clean(m.baseline),
        }
        if m.samples:  # a timing: the median above, and every run's figure
            entry |= {
                "samples": [clean(x) for x in m.samples],
                "min": clean(min(m.samples)),
                "max": clean(max(m.samples)),
                "baseline_samples": [clean(x) for x in m.baseline_samples],
            }
        data[m.name] = entry
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
        "--runs", type=int, default=5, help="runs per timing; each figure is their median"
    )
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds for each timing loop, all runs"
    )
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
