"""The command line: `rapport import ics|mbox PATH [--json]`, `rapport sync`,
`rapport inbox [--json]`, `rapport inbox accept|dismiss ID`, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from capture_world import google_calendar, google_event

NOW = datetime.now(UTC)


def _day(days: int) -> str:
    """An event's start, `days` from now (the program runs in real time)."""
    return f"{NOW + timedelta(days=days):%Y%m%dT100000Z}"


def _rapport(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("RAPPORT_")
    }
    env.update(RAPPORT_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="rapport.settings")
    command = [sys.executable, "-m", "rapport", *args]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _json(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data directory for the module: the first command migrates its database (~20 s)."""
    return tmp_path_factory.mktemp("rapport-data")


@pytest.fixture
def calendar(tmp_path: Path) -> Path:
    path = tmp_path / "work.ics"
    path.write_text(
        google_calendar(
            google_event("c1", _day(-3), "Coffee w/ Ana Souza"),
            google_event("c2", _day(-2), "Lunch with Ana Souza"),
            google_event("c3", _day(10), "Call with Ana Souza"),
            google_event("c4", _day(-1), "Dentist"),
            google_event("c5", _day(-4), "Coffee w/ Ana Souza", status="CANCELLED"),
        )
    )
    return path


def test_import_inbox_accept_and_dismiss_from_the_command_line(tmp_path, data, calendar):
    people = tmp_path / "people.vcf"
    people.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nN:Souza;Ana;;;\r\nEND:VCARD\r\n"
    )
    _json(_rapport(data, "import", "vcard", str(people), "--json"))

    imported = _json(_rapport(data, "import", "ics", str(calendar), "--json"))
    assert imported["suggestions"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert imported["events"] == {"read": 5, "skipped": 2}
    assert imported["skipped"] == {"cancelled": 1, "nobody you know in the event": 1}
    assert imported["errors"] == []

    inbox = _json(_rapport(data, "inbox", "--json"))
    titles = [s["title"] for s in inbox["suggestions"]]
    assert titles == ["Lunch with Ana Souza", "Coffee w/ Ana Souza"]  # newest first
    first = inbox["suggestions"][0]
    assert set(first) >= {"id", "kind", "title", "date", "people", "source"}
    assert first["people"] == ["Ana Souza"]
    assert first["kind"] == "conversation"
    assert first["date"] == f"{NOW - timedelta(days=2):%Y-%m-%d}"
    assert first["source"] == "Calendar file: work.ics"
    assert [s["title"] for s in inbox["upcoming"]] == ["Call with Ana Souza"]

    accepted = _json(_rapport(data, "inbox", "accept", str(first["id"]), "--json"))
    assert [s["title"] for s in accepted["suggestions"]] == ["Coffee w/ Ana Souza"]
    second = inbox["suggestions"][1]["id"]
    assert _json(_rapport(data, "inbox", "dismiss", str(second), "--json"))["suggestions"] == []

    again = _json(_rapport(data, "import", "ics", str(calendar), "--json"))
    assert again["suggestions"]["created"] == 0
    assert _json(_rapport(data, "inbox", "--json"))["suggestions"] == []
    today = _json(_rapport(data, "today", "--json"))
    assert any(n["kind"] == "thank-you" and n["person"] == "Ana Souza" for n in today["nudges"])


def test_a_bad_file_fails_with_the_reason_and_a_json_object(tmp_path, data):
    path = tmp_path / "mail.mbox"
    path.write_text("not mail at all")
    result = _rapport(data, "import", "mbox", str(path), "--json")
    assert result.returncode != 0
    assert "not an mbox file" in result.stderr
    assert json.loads(result.stdout)["errors"][0].startswith(str(path))


def test_accepting_a_suggestion_that_is_not_there_says_so(data):
    result = _rapport(data, "inbox", "accept", "9999")
    assert result.returncode != 0
    assert "There is no suggestion number 9999." in result.stderr


def test_sync_with_nothing_to_sync_says_how_to_add_a_source(data):
    result = _rapport(data, "sync")
    assert result.returncode == 0, result.stderr
    assert "No calendar or mail account to sync" in result.stdout
    assert _json(_rapport(data, "sync", "--json"))["sources"] == []
