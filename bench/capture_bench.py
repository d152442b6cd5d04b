"""Capture's benchmarks: an mbox and a calendar imported, next to the libraries alone.

    python -m bench.capture_bench measure --work DIR [--scale 1.0] [--runs 5]

At scale 1.0: a 100,000-message (~1.5 GB) mbox, targets ≤ 60 s and ≤ 300 MB peak RSS, next
to Python's `mailbox` module merely iterating the same file; a 5,000-event calendar with
recurrences, ≤ 5 s, next to icalendar + recurring-ical-events expanding it; re-importing
either creates nothing. Every figure is the median of `--runs` runs (each in a fresh
process, on a fresh copy of the same database) with its spread; the files are written to
DIR and deleted at the end. The other commands are the steps, each run in a process of
its own; the last line of their output is JSON.
"""

from __future__ import annotations

import argparse
import json
import mailbox
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.capture_data import ics_write, mbox_write, people
from bench.stats import peak_rss_mb
from bench.worker import setup

ROOT = Path(__file__).resolve().parents[1]
MESSAGES, EVENTS, KNOWN = 100_000, 5_000, 500
Result = dict[str, Any]


def _prepare(args: argparse.Namespace) -> Result:
    """The files, and a database holding the known people (copied for every run)."""
    work: Path = args.work
    template = work / "template"
    template.mkdir(parents=True, exist_ok=True)
    setup(template)
    from django.core.management import call_command

    from rapport.accounts.services import local_user_get_or_create
    from rapport.people.services import person_create, person_set_contact_points

    call_command("migrate", interactive=False, verbosity=0)
    owner = local_user_get_or_create()
    known = max(10, int(KNOWN * min(1.0, args.scale * 10)))
    for name, address in people(known):
        person = person_create(owner=owner, full_name=name)
        person_set_contact_points(person=person, values=[address])
    messages, events = max(100, int(MESSAGES * args.scale)), max(50, int(EVENTS * args.scale))
    mbox_bytes = mbox_write(work / "mail.mbox", messages=messages, known=known, seed=7)
    ics_bytes = ics_write(work / "calendar.ics", events=events, known=known, seed=7)
    return {
        "messages": messages,
        "mbox_mb": mbox_bytes / 1e6,
        "events": events,
        "ics_kb": ics_bytes / 1e3,
    }


def _import(args: argparse.Namespace) -> Result:
    """Import the file twice into the database in --db: the first time, and again."""
    setup(args.db)
    from rapport.accounts.services import local_user_get_or_create
    from rapport.capture.services import capture_import_file

    owner = local_user_get_or_create()
    start = time.perf_counter()
    first = capture_import_file(owner=owner, kind=args.kind, path=args.file)
    seconds = time.perf_counter() - start
    peak = peak_rss_mb()
    start = time.perf_counter()
    again = capture_import_file(owner=owner, kind=args.kind, path=args.file)
    return {
        "seconds": seconds,
        "peak_mb": peak,
        "reimport_seconds": time.perf_counter() - start,
        "created": _created(first.counts),
        "recreated": _created(again.counts),
    }


def _created(counts: dict[str, dict[str, int]]) -> int:
    return sum(
        counts.get(block, {}).get("created", 0) for block in ("touches", "meetings", "suggestions")
    )


def _baseline(args: argparse.Namespace) -> Result:
    """The libraries alone on the same file: mailbox iterating it; icalendar parsing and
    recurring-ical-events expanding every event over the same span."""
    start = time.perf_counter()
    count = 0
    if args.kind == "mbox":
        for _ in mailbox.mbox(args.file, create=False):
            count += 1
    else:
        import icalendar
        import recurring_ical_events

        calendar = icalendar.Calendar.from_ical(args.file.read_bytes())
        until = date.today() + timedelta(days=60)
        count = len(recurring_ical_events.of(calendar).between(date(1900, 1, 1), until))
    return {"seconds": time.perf_counter() - start, "peak_mb": peak_rss_mb(), "count": count}


def _python(*args: str, timeout: float) -> Result:
    done = subprocess.run(
        [sys.executable, "-m", "bench.capture_bench", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"capture_bench {args[0]} failed: {done.stderr.strip()[-2000:]}")
    result: Result = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _spread(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "samples": values}  # fmt: skip


def _measure(args: argparse.Namespace) -> Result:
    work: Path = args.work
    try:
        made = _python("prepare", "--work", str(work), "--scale", str(args.scale), timeout=3600)
        found: Result = {"data": made}
        for kind, name in (("mbox", "mail.mbox"), ("ics", "calendar.ics")):
            runs, bases = [], []
            for n in range(args.runs):
                db = work / f"db-{kind}-{n}"
                shutil.copytree(work / "template", db, dirs_exist_ok=True)
                runs.append(_python("import", "--db", str(db), "--kind", kind, "--file",
                                    str(work / name), timeout=1800))  # fmt: skip
                shutil.rmtree(db, ignore_errors=True)
                bases.append(_python("baseline", "--kind", kind, "--file", str(work / name),
                                     timeout=1800))  # fmt: skip
            found[kind] = {
                key: _spread([float(r[key]) for r in runs])
                for key in ("seconds", "peak_mb", "reimport_seconds", "created", "recreated")
            }
            found[kind]["baseline"] = {
                key: _spread([float(b[key]) for b in bases]) for key in ("seconds", "peak_mb")
            }
        return found
    finally:
        if not args.keep:
            for name in ("mail.mbox", "calendar.ics"):
                (work / name).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["prepare", "import", "baseline", "measure"])
    parser.add_argument("--work", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--file", type=Path)
    parser.add_argument("--kind", choices=["mbox", "ics"])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="measure: keep the generated files")
    args = parser.parse_args(argv)
    step = {"prepare": _prepare, "import": _import, "baseline": _baseline, "measure": _measure}
    print(json.dumps(step[args.step](args)))


if __name__ == "__main__":
    main()
