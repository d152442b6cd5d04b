"""The big-file benchmark's files are what it says: a Google CSV Rapport reads, and a zip
whose members expand far beyond what it weighs (tiny sizes here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.bigfiles import google_csv_write, zip_bomb_write

from rapport.imports.parse import parse_contacts_csv, parse_linkedin
from rapport.imports.parse.records import ImportFormatError


def test_the_generated_csv_is_a_google_contacts_export(tmp_path: Path) -> None:
    path = tmp_path / "google.csv"
    size = google_csv_write(path, rows=500, seed=11)
    contacts = parse_contacts_csv(path).contacts
    assert len(contacts) == 500
    assert 100 <= size / 500 <= 160  # ~127 bytes a row: 790,000 rows make ~100 MB
    assert len({c.emails[0] for c in contacts}) == 500


def test_the_generated_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    size = zip_bomb_write(path, member_bytes=10 * 1024 * 1024)
    assert size < 4 * 10 * 1024 * 1024 / 300
    with pytest.raises(ImportFormatError, match="not a LinkedIn export file"):
        parse_linkedin(path)
