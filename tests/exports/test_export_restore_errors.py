"""A damaged, truncated or foreign backup is refused with its name, and nothing changes.

These run on either database: every check happens before, or rolls back, any write.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.exports.exports_helpers import network_populate, sqlite_only

from rapport.accounts.models import User
from rapport.exports.selectors import export_json
from rapport.exports.services import DataFileError, backup_create, backup_restore


def manifest(payload_name: str, payload: bytes, **changes: Any) -> bytes:
    data = {
        "format": "rapport-backup",
        "version": 1,
        "engine": "sqlite",
        "payload": payload_name,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size": len(payload),
        "tables": {},
        "app_version": "0.1.0",
        "created_at": "2025-01-31T12:00:00Z",
        **changes,
    }
    return json.dumps(data).encode()


def rows(objects: list[dict[str, Any]]) -> bytes:
    return json.dumps({"format": "rapport-backup-rows", "version": 1, "objects": objects}).encode()


def archive(path: Path, files: dict[str, bytes]) -> bytes:
    with zipfile.ZipFile(path, "w") as out:
        for name, data in files.items():
            out.writestr(name, data)
    return path.read_bytes()


def make(kind: str, path: Path) -> None:
    """Write a bad backup of the given kind to `path`."""
    empty_rows = rows([])
    if kind == "plain-text":
        path.write_text("hello\n")
    elif kind == "json-export":
        path.write_text('{"format": "rapport-export", "version": 1}\n')
    elif kind == "truncated":
        whole = archive(
            path, {"manifest.json": manifest("rows.json", empty_rows), "rows.json": empty_rows}
        )
        path.write_bytes(whole[: len(whole) // 2])
    elif kind == "foreign-zip":
        archive(path, {"hello.txt": b"hi"})
    elif kind == "manifest-not-json":
        archive(path, {"manifest.json": b"{oops"})
    elif kind == "foreign-manifest":
        archive(path, {"manifest.json": b'{"format": "something-else"}'})
    elif kind == "newer":
        archive(path, {"manifest.json": manifest("rows.jsonl", empty_rows, version=3)})
    elif kind == "payload-missing":
        archive(path, {"manifest.json": manifest("rows.json", empty_rows)})
    elif kind == "unknown-payload":
        archive(
            path, {"manifest.json": manifest("../../etc/passwd", b"x"), "../../etc/passwd": b"x"}
        )
    elif kind == "checksum":
        archive(path, {"manifest.json": manifest("rows.json", empty_rows), "rows.json": rows([{}])})
    elif kind == "rows-not-json":
        archive(path, {"manifest.json": manifest("rows.json", b"[oops"), "rows.json": b"[oops"})
    elif kind == "unreadable-rows":
        bad = rows([{"model": "nowhere.nothing", "pk": 1, "fields": {}}])
        archive(path, {"manifest.json": manifest("rows.json", bad), "rows.json": bad})
    elif kind == "line-not-json":
        bad = b'{"format": "rapport-backup-rows", "version": 2}\n{"model": "people.tag"\n'
        archive(path, {"manifest.json": manifest("rows.jsonl", bad), "rows.jsonl": bad})
    elif kind == "line-not-a-row":
        bad = b'{"format": "rapport-backup-rows", "version": 2}\n[1, 2]\n'
        archive(path, {"manifest.json": manifest("rows.jsonl", bad), "rows.jsonl": bad})
    elif kind == "lines-without-header":
        bad = b'{"model": "people.tag", "pk": 1, "fields": {}}\n'
        archive(path, {"manifest.json": manifest("rows.jsonl", bad), "rows.jsonl": bad})
    elif kind == "counts-differ":
        tables = {"people_person": 5}
        archive(
            path,
            {
                "manifest.json": manifest("rows.json", empty_rows, tables=tables),
                "rows.json": empty_rows,
            },
        )
    elif kind == "sqlite-garbage":
        garbage = b"SQLite format 3\x00" + b"\x13" * 4096
        archive(
            path,
            {"manifest.json": manifest("rapport.sqlite3", garbage), "rapport.sqlite3": garbage},
        )


CASES = [
    ("plain-text", "is not a Rapport backup (not a zip archive)"),
    ("json-export", "is a JSON file, not a backup"),
    ("truncated", "is damaged or truncated"),
    ("foreign-zip", "is not a Rapport backup (no manifest.json inside)"),
    ("manifest-not-json", "manifest.json is not valid JSON"),
    ("foreign-manifest", 'is not a Rapport backup (no "format": "rapport-backup")'),
    ("newer", "was made by a newer Rapport"),
    ("payload-missing", "is incomplete: rows.json is missing"),
    ("unknown-payload", "names an unknown payload"),
    ("checksum", "rows.json does not match its checksum"),
    ("rows-not-json", "rows.json is not valid JSON"),
    ("unreadable-rows", "holds rows this Rapport cannot read"),
    ("line-not-json", "rows.jsonl line 2 is not valid JSON"),
    ("line-not-a-row", "rows.jsonl line 2 is not a row of a table"),
    ("lines-without-header", "rows.jsonl is not a Rapport row dump"),
    ("counts-differ", "its rows do not match its manifest"),
    ("sqlite-garbage", "SQLite database"),
]


@pytest.mark.parametrize(("kind", "problem"), CASES, ids=[kind for kind, _ in CASES])
def test_a_bad_backup_is_refused_with_its_name_and_nothing_changes(
    owner: User, other: User, tmp_path: Path, kind: str, problem: str
) -> None:
    network_populate(owner)
    network_populate(other, prefix="Other ")
    before = [export_json(owner=owner), export_json(owner=other), User.objects.count()]
    path = tmp_path / f"{kind}.zip"
    make(kind, path)
    with pytest.raises(CommandError) as raised:
        call_command("restore", str(path), "--replace")
    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert [export_json(owner=owner), export_json(owner=other), User.objects.count()] == before


def test_a_missing_file_is_named(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"nowhere\.zip: no such file"):
        call_command("restore", str(tmp_path / "nowhere.zip"))


def test_a_backup_never_overwrites_a_file(db: None, tmp_path: Path) -> None:
    existing = tmp_path / "backup.zip"
    existing.write_bytes(b"precious")
    with pytest.raises(DataFileError, match="already exists"):
        backup_create(path=existing)
    assert existing.read_bytes() == b"precious"


def sqlite_payload(path: Path, *, tables: dict[str, list[str]]) -> bytes:
    """A small SQLite database holding `tables` ({name: [SQL values row, ...]})."""
    with closing(sqlite3.connect(path)) as db:
        for name, values in tables.items():
            db.execute(f'CREATE TABLE "{name}" (app TEXT, name TEXT, applied TEXT)')
            for row in values:
                db.execute(f'INSERT INTO "{name}" VALUES ({row})')
        db.commit()
    return path.read_bytes()


@sqlite_only
@pytest.mark.parametrize(
    ("tables", "problem"),
    [
        pytest.param({"customers": ["'a', 'b', 'c'"]}, "not Rapport's", id="foreign-database"),
        pytest.param(
            {
                "django_migrations": ["'people', '9999_from_the_future', '2030-01-01'"],
                "people_person": [],
            },
            "was made by a newer Rapport (its migration people.9999_from_the_future",
            id="newer-schema",
        ),
    ],
)
def test_a_sqlite_backup_that_is_not_this_rapports_database_is_refused(
    owner: User, tmp_path: Path, tables: dict[str, list[str]], problem: str
) -> None:
    network_populate(owner)
    before = export_json(owner=owner)
    payload = sqlite_payload(tmp_path / "payload.sqlite3", tables=tables)
    counts = {name: len(values) for name, values in tables.items()}
    path = tmp_path / "backup.zip"
    archive(
        path,
        {
            "manifest.json": manifest("rapport.sqlite3", payload, tables=counts),
            "rapport.sqlite3": payload,
        },
    )
    with pytest.raises(DataFileError, match=re.escape(problem)):
        backup_restore(path=path, replace=True)
    assert export_json(owner=owner) == before
