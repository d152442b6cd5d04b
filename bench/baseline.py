"""The import baseline: the same files into SQLite the plainest way, in a process of its own.

    python -m bench.baseline DATASET_DIR DB_FILE

Every CSV row goes into a table of text columns with executemany (the header found below
any preamble, as the importer must); every vCard goes in as one row of raw text. No
parsing of values, no matching, no indexes: what reading and storing the bytes costs.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
import time
from pathlib import Path

from bench.generate import Dataset
from bench.stats import peak_rss_mb


def _csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    header: list[str] = []
    for row in reader:
        if len(row) >= 3:  # the header: LinkedIn's "Notes:" preamble has one column
            header = row
            break
    width = len(header)
    rows = [(row + [""] * width)[:width] for row in reader]
    return header, rows


def _insert_csv(db: sqlite3.Connection, table: str, path: Path) -> int:
    header, rows = _csv_rows(path)
    columns = ", ".join(f"c{i} TEXT" for i in range(len(header)))
    db.execute(f"CREATE TABLE {table} ({columns})")
    marks = ", ".join("?" * len(header))
    db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    return len(rows)


def _insert_vcards(db: sqlite3.Connection, path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    cards = [("BEGIN:VCARD" + card,) for card in text.split("BEGIN:VCARD")[1:]]
    db.execute("CREATE TABLE vcards (card TEXT)")
    db.executemany("INSERT INTO vcards VALUES (?)", cards)
    return len(cards)


def insert_all(root: Path, db_file: Path) -> int:
    data = Dataset.at(root)
    db = sqlite3.connect(db_file)
    rows = 0
    csv_files = [*sorted(data.linkedin.glob("*.csv")), data.google]
    for number, path in enumerate(csv_files):
        rows += _insert_csv(db, f"t{number}", path)
    rows += _insert_vcards(db, data.vcard)
    db.commit()
    db.close()
    return rows


def main(argv: list[str] | None = None) -> None:
    root, db_file = (Path(arg) for arg in (argv or sys.argv[1:]))
    db_file.unlink(missing_ok=True)
    start = time.perf_counter()
    rows = insert_all(root, db_file)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "rows": rows, "peak_mb": peak_rss_mb()}))


if __name__ == "__main__":
    main()
