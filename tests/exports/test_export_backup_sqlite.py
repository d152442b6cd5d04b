"""SQLite backups through the real `rapport` program, each in its own data directory.

A backup is taken while another process keeps writing; restoring it gives a healthy
database whose every table holds exactly the rows its manifest counted.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from tests.exports.exports_helpers import sqlite_only

pytestmark = sqlite_only

RAPPORT = [sys.executable, "-m", "rapport"]

# Keeps adding a person with a tag, one transaction each, until the stop file appears.
WRITER = """
import os, sys, django
django.setup()
from django.db import transaction
from rapport.accounts.models import User
from rapport.people.models import Person, Tag
owner = User.objects.order_by("pk").first()
i = 0
while not os.path.exists(sys.argv[1]):
    with transaction.atomic():
        tag = Tag.objects.create(owner=owner, name=f"writer {i}")
        person = Person.objects.create(owner=owner, full_name=f"Writer {i}", name_key=f"writer {i}")
        person.tags.add(tag)
    i += 1
    print(i, flush=True)
"""


def _env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("RAPPORT_")
    }
    env.update(RAPPORT_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="rapport.settings")
    return env


def rapport(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*RAPPORT, *args],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the demo network (made once: migrating takes a second)."""
    data_dir = tmp_path_factory.mktemp("demo")
    ok(rapport(data_dir, "demo"))
    return data_dir


@pytest.fixture
def data_dir(demo_dir: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(demo_dir, tmp_path / "data"))


def _counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _manifest(backup: Path) -> dict[str, object]:
    with zipfile.ZipFile(backup) as archive:
        manifest: dict[str, object] = json.loads(archive.read("manifest.json"))
    return manifest


def test_a_backup_taken_while_another_process_writes_restores_consistently(
    data_dir: Path, tmp_path: Path
) -> None:
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(stop)],
        env=_env(data_dir),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    try:
        assert writer.stdout.readline().strip() == "1", "the writer did not start"
        backups = [tmp_path / "first.zip", tmp_path / "second.zip"]
        for backup in backups:
            ok(rapport(data_dir, "backup", str(backup)))
    finally:
        stop.touch()
        written = int(writer.stdout.read().split()[-1])
        writer.wait(timeout=30)

    for backup in backups:
        manifest = _manifest(backup)
        target = tmp_path / f"restored-{backup.stem}"
        ok(rapport(target, "restore", str(backup)))
        with sqlite3.connect(target / "rapport.sqlite3") as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            assert _counts(db) == manifest["tables"]
            tags = db.execute("SELECT count(*) FROM people_tag WHERE name LIKE 'writer %'")
            people = db.execute(
                "SELECT count(*) FROM people_person WHERE full_name LIKE 'Writer %'"
            )
            links = db.execute(
                "SELECT count(*) FROM people_person_tags JOIN people_tag ON tag_id = people_tag.id "
                "WHERE people_tag.name LIKE 'writer %'"
            )
            # Each writer transaction is in the backup whole, or not at all.
            counts = {tags.fetchone()[0], people.fetchone()[0], links.fetchone()[0]}
            assert len(counts) == 1
            assert 1 <= counts.pop() <= written


def test_restoring_into_an_empty_database_gives_back_exactly_the_same_data(
    data_dir: Path, tmp_path: Path
) -> None:
    before = ok(rapport(data_dir, "export", "json"))
    ok(rapport(data_dir, "backup", str(tmp_path / "backup.zip")))
    target = tmp_path / "new-laptop"
    output = ok(rapport(target, "restore", str(tmp_path / "backup.zip")))
    assert "Restored" in output
    assert ok(rapport(target, "export", "json")) == before
    with sqlite3.connect(target / "rapport.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT count(*) FROM django_session").fetchone()[0] == 0


def test_restore_refuses_a_database_with_data_unless_told_to_replace_it(
    data_dir: Path, demo_dir: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.zip"
    ok(rapport(data_dir, "backup", str(backup)))
    expected = ok(rapport(data_dir, "export", "json"))
    busy = tmp_path / "busy"
    ok(rapport(busy, "demo"))  # a different network: made at another moment
    before = ok(rapport(busy, "export", "json"))
    assert before != expected

    refused = rapport(busy, "restore", str(backup))
    assert refused.returncode != 0
    assert f"{backup}: not restored" in refused.stderr
    assert "--replace" in refused.stderr
    assert ok(rapport(busy, "export", "json")) == before

    ok(rapport(busy, "restore", "--replace", str(backup)))
    assert ok(rapport(busy, "export", "json")) == expected


def test_a_truncated_backup_is_refused_and_nothing_changes(data_dir: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.zip"
    ok(rapport(data_dir, "backup", str(backup)))
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    before = ok(rapport(data_dir, "export", "json"))
    refused = rapport(data_dir, "restore", "--replace", str(truncated))
    assert refused.returncode != 0
    assert f"{truncated}: is damaged or truncated" in refused.stderr
    assert ok(rapport(data_dir, "export", "json")) == before


def test_the_backup_manifest_describes_the_payload(data_dir: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.zip"
    ok(rapport(data_dir, "backup", str(backup)))
    manifest = _manifest(backup)
    assert manifest["format"] == "rapport-backup"
    assert manifest["version"] == 2
    assert manifest["engine"] == "sqlite"
    assert manifest["payload"] == "rapport.sqlite3"
    tables = manifest["tables"]
    assert isinstance(tables, dict)
    assert tables["people_person"] > 0
    assert tables["django_session"] == 0
