"""Inside Django: import the data set with `rapport import … --json`, and score the merges."""

from __future__ import annotations

import cProfile
import io
import json
import time
from pathlib import Path
from typing import Any

from django.core.management import call_command

from bench import quality
from bench.generate import Dataset
from bench.stats import peak_rss_mb
from rapport.accounts.models import User
from rapport.imports.models import ImportRecord, RecordType
from rapport.imports.parse import parse

COUNT_BLOCKS = ("people", "companies", "employments", "conversations", "invitations", "positions")


def run_imports(root: Path, *, profile: Path | None = None) -> dict[str, Any]:
    """Import LinkedIn, vCards and the Google CSV in turn, as a user would; time each."""
    steps = []
    profiler = cProfile.Profile() if profile else None
    for kind, path in Dataset.at(root).imports():
        out = io.StringIO()
        start, cpu = time.perf_counter(), time.process_time()
        if profiler is not None:
            profiler.enable()
        call_command("import", kind, str(path), "--json", stdout=out)
        if profiler is not None:
            profiler.disable()
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu
        report = json.loads(out.getvalue())
        counts = {block: report[block] for block in COUNT_BLOCKS if block in report}
        steps.append(
            {
                "kind": kind,
                "seconds": seconds,
                "cpu_seconds": cpu,  # this process's CPU time: steadier on a busy machine
                "counts": counts,
                "review": report.get("review", 0),
                "errors": len(report.get("errors", [])),
            }
        )
    if profiler is not None and profile is not None:
        profiler.dump_stats(str(profile))
    return {
        "seconds": sum(step["seconds"] for step in steps),
        "cpu_seconds": sum(step["cpu_seconds"] for step in steps),
        "peak_mb": peak_rss_mb(),
        "steps": steps,
        "created": sum(c["created"] for step in steps for c in step["counts"].values()),
    }


def record_people(root: Path) -> dict[quality.Location, int | None]:
    """(file, line) of every contact record -> the Person its provenance points at.

    Parsed again to learn each record's source key: a record whose key repeats an earlier
    one in the same file is that record (the import writes its provenance once).
    """
    person_by_key = people_by_source_key()
    people: dict[quality.Location, int | None] = {}
    for kind, path in Dataset.at(root).imports():
        for contact in parse(kind, path).contacts:
            people[(contact.file, contact.line)] = person_by_key.get((kind, contact.source_key))
    return people


def people_by_source_key() -> dict[tuple[str, str], int | None]:
    """(source, source key) of every contact record imported -> the Person it points at."""
    owner = User.objects.order_by("pk").first()
    rows = ImportRecord.objects.filter(owner=owner, record_type=RecordType.CONTACT).order_by("pk")
    return {
        (source, key): person
        for source, key, person in rows.values_list("source", "source_key", "person_id")
    }


def merge_quality(root: Path, *, errors_to: Path) -> dict[str, Any]:
    data = Dataset.at(root)
    truth = json.loads(data.truth.read_text(encoding="utf-8"))["records"]
    clusters = quality.person_clusters(truth, record_people(root))
    mistakes = quality.mistakes(truth, clusters)
    errors_to.write_text(json.dumps(mistakes, ensure_ascii=False, indent=1), encoding="utf-8")
    return {
        "import": quality.pair_scores(truth, clusters),
        "naive": quality.pair_scores(truth, quality.name_clusters(truth)),
        "recall_by_evidence": quality.recall_by_evidence(truth, clusters),
        "unmapped": sum(1 for c in clusters.values() if str(c).startswith("unmapped:")),
        "wrongly_merged": mistakes["wrongly_merged"],
        "wrongly_apart": mistakes["wrongly_apart"],
        "mistakes_file": str(errors_to),
    }
