"""Backups: a consistent snapshot of the whole database in one zip, and its exact restore.

A backup is a zip holding `manifest.json` and one payload:
- SQLite: `rapport.sqlite3`, a copy made with SQLite's online backup API;
- PostgreSQL: `rows.jsonl`, every row of every Rapport table read in one REPEATABLE READ
  transaction, one row a line (see backup_rows), which also restores into SQLite; backups
  of the first version hold `rows.json`, one JSON document, and still restore.
The manifest records the format version, the app version, when, the row count of each
table and the payload's SHA-256, all checked before anything is restored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import zipfile
import zlib
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.db import connection

from rapport.exports import backup_rows, backup_sqlite
from rapport.exports.errors import DataFileError

FORMAT = "rapport-backup"
VERSION = 2  # 2: PostgreSQL's rows as JSON lines (`rows.jsonl`); 1 is still restored
VERSIONS = (1, VERSION)
MANIFEST = "manifest.json"
PAYLOADS = (backup_sqlite.PAYLOAD, backup_rows.PAYLOAD, backup_rows.FIRST_PAYLOAD)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Manifest:
    engine: str  # the database it was taken from: "sqlite" or "postgresql"
    payload: str  # one of PAYLOADS
    sha256: str
    size: int
    tables: dict[str, int]
    app_version: str
    created_at: str

    def dumps(self) -> bytes:
        data = {"format": FORMAT, "version": VERSION, **asdict(self)}
        return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode()

    def rows(self) -> int:
        return sum(self.tables.values())


def backup_create(*, path: Path) -> Manifest:
    """Write a backup of the whole database to `path`, a new file; atomic."""
    if path.exists():
        raise DataFileError(path, "already exists; choose a new name for the backup")
    if not path.parent.is_dir():
        raise DataFileError(path, f"cannot be written: there is no folder {path.parent}")
    with tempfile.TemporaryDirectory(prefix=".rapport-backup-", dir=path.parent) as tmp:
        sqlite = connection.vendor == "sqlite"
        payload = Path(tmp) / (backup_sqlite.PAYLOAD if sqlite else backup_rows.PAYLOAD)
        tables = (backup_sqlite.snapshot if sqlite else backup_rows.snapshot)(target=payload)
        digest, size = _digest(payload)
        manifest = Manifest(
            engine=connection.vendor,
            payload=payload.name,
            sha256=digest,
            size=size,
            tables=tables,
            app_version=app_version(),
            created_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        archive = Path(tmp) / "backup.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr(MANIFEST, manifest.dumps())
            out.write(payload, payload.name)
        os.replace(archive, path)
    return manifest


def backup_restore(*, path: Path, replace: bool = False) -> Manifest:
    """Restore the backup at `path` over the whole database, all or nothing.

    A database that holds any Rapport data is refused unless `replace`. Raises
    DataFileError, naming the file, if it is damaged, foreign or from a newer Rapport.
    """
    with tempfile.TemporaryDirectory(prefix="rapport-restore-") as tmp:
        manifest, payload = backup_open(path=path, directory=Path(tmp))
        if manifest.payload == backup_sqlite.PAYLOAD:
            backup_sqlite.restore(
                payload=payload, tables=manifest.tables, source=path, replace=replace
            )
        else:
            backup_rows.restore(
                payload=payload, tables=manifest.tables, source=path, replace=replace
            )
    return manifest


def backup_open(*, path: Path, directory: Path) -> tuple[Manifest, Path]:
    """The backup's manifest, and its payload extracted into `directory` and verified."""
    if not path.is_file():
        raise DataFileError(path, "no such file")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise DataFileError(path, f"is not a Rapport backup (no {MANIFEST} inside)")
            manifest = manifest_parse(archive.read(MANIFEST), path)
            if manifest.payload not in names:
                raise DataFileError(path, f"is incomplete: {manifest.payload} is missing")
            payload = directory / manifest.payload
            with archive.open(manifest.payload) as src, payload.open("wb") as out:
                while chunk := src.read(_CHUNK):
                    out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise DataFileError(path, _unreadable(path, error)) from error
    if _digest(payload) != (manifest.sha256, manifest.size):
        raise DataFileError(path, f"is damaged: {manifest.payload} does not match its checksum")
    return manifest, payload


def manifest_parse(data: bytes, path: Path) -> Manifest:
    try:
        raw = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DataFileError(path, f"is damaged: {MANIFEST} is not valid JSON") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise DataFileError(path, f'is not a Rapport backup (no "format": "{FORMAT}")')
    found = raw.get("version")
    if isinstance(found, int) and not isinstance(found, bool) and found > VERSION:
        raise DataFileError(
            path,
            f"was made by a newer Rapport (backup format {found}; this one reads {VERSION}). "
            "Upgrade Rapport to restore it.",
        )
    if found not in VERSIONS or isinstance(found, bool):
        raise DataFileError(path, f"has an unknown backup format version {found!r}")
    if problem := _manifest_problem(raw):
        raise DataFileError(path, f"is damaged: {MANIFEST} {problem}")
    return Manifest(**{key: raw[key] for key in Manifest.__dataclass_fields__})


def _manifest_problem(raw: dict[str, Any]) -> str:
    expected: dict[str, type] = {"engine": str, "payload": str, "sha256": str, "size": int}
    expected |= {"tables": dict, "app_version": str, "created_at": str}
    for key, kind in expected.items():
        if not isinstance(raw.get(key), kind):
            return f"has no valid {key!r}"
    if raw["payload"] not in PAYLOADS:
        return f"names an unknown payload {raw['payload']!r}"
    if not re.fullmatch(r"[0-9a-f]{64}", raw["sha256"]):
        return "has no valid 'sha256'"
    if not all(isinstance(k, str) and isinstance(v, int) for k, v in raw["tables"].items()):
        return "has invalid row counts"
    return ""


def _unreadable(path: Path, error: Exception) -> str:
    with path.open("rb") as handle:
        start = handle.read(4)
    if start.lstrip()[:1] == b"{":
        return "is a JSON file, not a backup (an export? use `rapport importjson`)"
    if start == b"PK\x03\x04":
        return f"is damaged or truncated: not a complete zip archive ({error})"
    return "is not a Rapport backup (not a zip archive)"


def _digest(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def app_version() -> str:
    try:
        return version("rapport")
    except PackageNotFoundError:
        return "unknown"
