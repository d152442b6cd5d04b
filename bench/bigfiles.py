"""Big files: a 100 MB Google Contacts CSV imported, and a zip bomb refused, in bounded memory.

    python -m bench.bigfiles measure --work DIR [--scale 1.0] [--runs 1]

At scale 1.0: a ~100 MB Google Contacts CSV of 790,000 rows (every row someone else, a few
repeated), imported with `rapport import csv` into a migrated SQLite database, target ≤ 120 s
and peak RSS ≤ 1.5 GB; and a ~2 MB LinkedIn "export" whose four members each expand to
500 MB of rows, which must be refused with peak RSS ≤ 300 MB. Baseline: Python's `csv`
module merely reading the same CSV. The files are written as streams to DIR and deleted at
the end; every step runs in a process of its own, the last line of its output JSON.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

from bench.stats import peak_rss_mb
from bench.worker import setup

ROOT = Path(__file__).resolve().parents[1]
ROWS = 790_000  # ~100 MB in this layout
MEMBER_BYTES = 500 * 1024 * 1024
Result = dict[str, Any]

GOOGLE_HEADER = [
    "First Name", "Middle Name", "Last Name", "Organization Name", "Organization Title",
    "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value",
    "Address 1 - City", "Address 1 - Country", "Notes", "Labels",
]  # fmt: skip
_SYLLABLES = ("ka", "lo", "mi", "ra", "sen", "to", "vi", "an", "el", "dor", "ne", "su", "zha")
_EMPLOYERS = ("Stripe", "Acme", "Initech", "Globex", "Umbrella", "Hooli", "Vandelay", "Wonka")
_TITLES = ("Engineer", "Data Analyst", "Recruiter", "Product Manager", "Designer", "")
_PLACES = (("Lisbon", "Portugal"), ("Leeds", "United Kingdom"), ("Lyon", "France"), ("", ""))
_NOTES = ("Met at the Acme meetup", "Friend of Sam's; ask about the data team", "", "")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title()


def google_csv_write(path: Path, *, rows: int, seed: int) -> int:
    """Write the CSV row by row; return its size in bytes."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(GOOGLE_HEADER)
        for n in range(rows):
            first, last = _word(rng), _word(rng)
            phone = f"+44 7700 {n % 1_000_000:06d}" if rng.random() < 0.4 else ""
            writer.writerow(
                [first, "", last, rng.choice(_EMPLOYERS), rng.choice(_TITLES), "* Work",
                 f"{first}.{last}.{n}@example.com".lower(), "Mobile" if phone else "", phone,
                 *rng.choice(_PLACES), rng.choice(_NOTES), "* myContacts"]
            )  # fmt: skip
    return path.stat().st_size


_BOMB_MEMBERS = {
    "Connections.csv": "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    "messages.csv": "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
    "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER",
    "Invitations.csv": "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
    "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On",
}


def zip_bomb_write(path: Path, *, member_bytes: int) -> int:
    """A LinkedIn-shaped zip whose members each expand to `member_bytes` of rows whose
    position is 100,000 spaces: deflate's best case, a thousand times smaller."""
    line = "Ana,Souza,https://www.linkedin.com/in/ana,,Acme," + " " * 100_000 + ",01 Jan 2024\r\n"
    block = (line * (4 * 1024 * 1024 // len(line))).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, header in _BOMB_MEMBERS.items():
            with archive.open(name, "w", force_zip64=True) as member:
                member.write(f"{header}\r\n".encode())
                written = 0
                while written < member_bytes:
                    member.write(block)
                    written += len(block)
    return path.stat().st_size


def _prepare(args: argparse.Namespace) -> Result:
    work: Path = args.work
    template = work / "template"
    template.mkdir(parents=True, exist_ok=True)
    setup(template)
    from django.core.management import call_command

    from rapport.accounts.services import local_user_get_or_create

    call_command("migrate", interactive=False, verbosity=0)
    local_user_get_or_create()
    rows = max(1000, int(ROWS * args.scale))
    csv_bytes = google_csv_write(work / "google.csv", rows=rows, seed=11)
    member = max(1024 * 1024, int(MEMBER_BYTES * args.scale))
    zip_bytes = zip_bomb_write(work / "bomb.zip", member_bytes=member)
    return {"rows": rows, "csv_mb": csv_bytes / 1e6, "zip_mb": zip_bytes / 1e6,
            "member_mb": member / 1e6}  # fmt: skip


def _import(args: argparse.Namespace) -> Result:
    """`rapport import KIND FILE --json`, timed, with the peak RSS of this process."""
    setup(args.db)
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    start, cpu = time.perf_counter(), time.process_time()
    refused = ""
    try:
        call_command("import", args.kind, str(args.file), "--json", stdout=out)
    except CommandError as error:
        refused = str(error)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    report = json.loads(out.getvalue()) if out.getvalue().strip() else {}
    errors = report.get("errors") or []
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,  # steadier than `seconds` on a busy machine
        "peak_mb": peak_rss_mb(),
        "created": report.get("people", {}).get("created", 0),
        "refused": refused or "; ".join(str(e) for e in errors),
    }


def _baseline(args: argparse.Namespace) -> Result:
    start = time.perf_counter()
    with args.file.open(encoding="utf-8", newline="") as handle:
        count = sum(1 for _ in csv.reader(handle))
    return {"seconds": time.perf_counter() - start, "peak_mb": peak_rss_mb(), "count": count}


def _python(*args: str, timeout: float) -> Result:
    done = subprocess.run(
        [sys.executable, "-m", "bench.bigfiles", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"bigfiles {args[0]} failed: {done.stderr.strip()[-2000:]}")
    result: Result = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _spread(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "samples": values}  # fmt: skip


def _measure(args: argparse.Namespace) -> Result:
    work: Path = args.work
    try:
        found: Result = {"data": _python("prepare", "--work", str(work), "--scale",
                                         str(args.scale), timeout=1800)}  # fmt: skip
        for kind, name in (("csv", "google.csv"), ("linkedin", "bomb.zip")):
            runs = []
            for n in range(args.runs):
                db = work / f"db-{kind}-{n}"
                shutil.copytree(work / "template", db, dirs_exist_ok=True)
                runs.append(_python("import", "--db", str(db), "--kind", kind, "--file",
                                    str(work / name), timeout=1800))  # fmt: skip
                shutil.rmtree(db, ignore_errors=True)
            found[kind] = {key: _spread([float(r[key]) for r in runs])
                           for key in ("seconds", "cpu_seconds", "peak_mb", "created")}  # fmt: skip
            found[kind]["refused"] = runs[-1]["refused"]
        base = [_python("baseline", "--file", str(work / "google.csv"), timeout=600)
                for _ in range(args.runs)]  # fmt: skip
        found["baseline"] = {key: _spread([float(b[key]) for b in base])
                             for key in ("seconds", "peak_mb")}  # fmt: skip
        return found
    finally:
        if not args.keep:
            for name in ("google.csv", "bomb.zip"):
                (work / name).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["prepare", "import", "baseline", "measure"])
    parser.add_argument("--work", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--file", type=Path)
    parser.add_argument("--kind", choices=["csv", "linkedin"])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="measure: keep the generated files")
    args = parser.parse_args(argv)
    step = {"prepare": _prepare, "import": _import, "baseline": _baseline, "measure": _measure}
    print(json.dumps(step[args.step](args)))


if __name__ == "__main__":
    main()
