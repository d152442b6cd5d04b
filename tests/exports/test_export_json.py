"""The JSON export: complete, deterministic, and read back into an exact copy."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.exports.exports_helpers import network_populate

from rapport.accounts.models import User
from rapport.demo.services import demo_network_load
from rapport.exports.jsonexport import FORMAT, VERSION
from rapport.exports.selectors import export_document, export_json
from rapport.exports.services import DataFileError, json_import
from rapport.people.models import Person


@pytest.fixture
def populated(owner: User, other: User) -> User:
    network_populate(owner)
    network_populate(other, prefix="Secret ")
    return owner


def _write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_a_second_export_of_the_same_data_is_byte_identical(populated: User) -> None:
    assert export_json(owner=populated) == export_json(owner=populated)


def test_the_export_is_versioned_sorted_and_ends_with_a_newline(populated: User) -> None:
    data = export_json(owner=populated)
    document = json.loads(data)
    assert (document["format"], document["version"]) == (FORMAT, VERSION)
    assert "exported_at" not in document
    assert data.endswith(b"}\n")
    assert (
        data == (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()
    )


def test_it_holds_everything_the_owner_has(populated: User) -> None:
    document = export_document(owner=populated)
    ana = next(p for p in document["people"] if p["full_name"] == "Ana Souza")
    assert ana["notes"].startswith("Knows everyone at Acme, Inc.;")
    assert len(ana["tags"]) == 3
    points = [c["value"] for c in document["contact_points"] if c["person"] == ana["id"]]
    assert "+41 44 668 18 00" in points
    acme = next(c for c in document["companies"] if c["name"] == "Acme, Inc.")
    assert acme["referral_learned_from"] == ana["id"]
    assert acme["referral_apply_order"] == "referral_first"
    assert [a["name"] for a in document["company_aliases"]] == ["ACME Inc"]
    assert {c["target_status"] for c in document["companies"]} >= {"target", "avoid"}
    conversation = document["conversations"][0]
    assert len(conversation["participants"]) == 2
    assert len(conversation["companies"]) == 2
    assert len(document["outcomes"]) == 7
    assert document["introductions"][0]["state"] == "met"
    assert any(e["title"] == "Director, Learning; Design" for e in document["employments"])
    assert len(document["opportunities"]) == 2


def test_ids_count_from_one_per_kind_and_references_use_them(populated: User) -> None:
    document = export_document(owner=populated)
    assert [p["id"] for p in document["people"]] == [
        f"person:{n}" for n in range(1, len(document["people"]) + 1)
    ]
    zoe = next(p for p in document["people"] if p["full_name"].startswith("Zoë"))
    assert zoe["introduced_by"] == "person:1"
    assert "name_key" not in zoe
    assert "owner" not in zoe


def test_another_users_data_never_appears_in_the_export(populated: User) -> None:
    text = export_json(owner=populated).decode()
    assert "Secret" not in text


def test_times_are_utc_with_microseconds(populated: User) -> None:
    document = export_document(owner=populated)
    created = document["people"][0]["created_at"]
    assert created.endswith("Z")
    assert (
        dt.datetime.fromisoformat(created)
        == Person.objects.filter(owner=populated).order_by("pk")[0].created_at
    )


def test_importing_an_export_into_a_new_account_gives_the_same_export_byte_for_byte(
    populated: User, tmp_path: Path
) -> None:
    fresh = User.objects.create_user(username="fresh")
    path = _write(tmp_path / "export.json", export_json(owner=populated))
    report = json_import(owner=fresh, path=path)
    assert report["people"]["created"] == Person.objects.filter(owner=populated).count()
    assert report["errors"] == []
    assert export_json(owner=fresh) == path.read_bytes()


def test_the_demo_network_round_trips_byte_for_byte(owner: User, tmp_path: Path) -> None:
    demo_network_load(owner=owner, today=dt.date(2025, 3, 14))
    fresh = User.objects.create_user(username="fresh")
    path = _write(tmp_path / "demo.json", export_json(owner=owner))
    json_import(owner=fresh, path=path)
    assert export_json(owner=fresh) == path.read_bytes()


def test_an_imported_copy_keeps_working_keys(populated: User, tmp_path: Path) -> None:
    fresh = User.objects.create_user(username="fresh")
    json_import(owner=fresh, path=_write(tmp_path / "e.json", export_json(owner=populated)))
    ana = Person.objects.get(owner=fresh, full_name="Ana Souza")
    assert ana.name_key == "ana souza"
    assert ana.linkedin_key == "linkedin.com/in/ana-souza"
    assert ana.contact_points.get(kind="email").value_key == "ana@example.com"


def test_import_refuses_an_account_with_data_and_writes_nothing(
    populated: User, other: User, tmp_path: Path
) -> None:
    before = export_json(owner=other)
    path = _write(tmp_path / "e.json", export_json(owner=populated))
    with pytest.raises(DataFileError, match=r"already holds data.*--replace"):
        json_import(owner=other, path=path)
    assert export_json(owner=other) == before


def test_import_with_replace_swaps_the_accounts_data_for_the_files(
    populated: User, other: User, tmp_path: Path
) -> None:
    path = _write(tmp_path / "e.json", export_json(owner=populated))
    json_import(owner=other, path=path, replace=True)
    assert export_json(owner=other) == path.read_bytes()
    assert not Person.objects.filter(owner=other, full_name__startswith="Secret").exists()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(b"", "is not valid JSON", id="empty"),
        pytest.param(
            b'{"format": "rapport-export", "version": 1, "people": [',
            "not valid JSON",
            id="truncated",
        ),
        pytest.param(b"\xff\xfe\x00garbage", "not UTF-8", id="binary"),
        pytest.param(b'{"hello": "world"}', "is not a Rapport export", id="foreign-json"),
        pytest.param(b"[1, 2, 3]", "is not a Rapport export", id="a-list"),
        pytest.param(b'{"format": "rapport-export", "version": 2}', "newer Rapport", id="newer"),
        pytest.param(
            b'{"format": "rapport-export", "version": 0}', "unknown format version", id="older"
        ),
        pytest.param(
            b'{"format": "rapport-export", "version": 1, "pets": []}',
            "unknown section 'pets'",
            id="section",
        ),
        pytest.param(b"PK\x03\x04rest-of-a-zip", "rapport restore", id="a-backup"),
    ],
)
def test_a_damaged_or_foreign_file_is_refused_with_its_name_and_nothing_is_written(
    populated: User, other: User, tmp_path: Path, content: bytes, problem: str
) -> None:
    path = _write(tmp_path / "bad.json", content)
    before = export_json(owner=other)
    with pytest.raises(DataFileError, match=problem) as raised:
        json_import(owner=other, path=path, replace=True)
    assert str(raised.value).startswith(f"{path}: ")
    assert export_json(owner=other) == before


def _edited(owner: User, tmp_path: Path, edit: str) -> Path:
    document = export_document(owner=owner)
    person = document["people"][0]
    if edit == "dangling":
        person["introduced_by"] = "person:999"
    elif edit == "bad-date":
        document["conversations"][0]["occurred_on"] = "yesterday"
    elif edit == "unknown-field":
        person["shoe_size"] = 44
    elif edit == "too-long":
        person["headline"] = "x" * 301
    elif edit == "missing":
        del document["conversations"][0]["occurred_on"]
    elif edit == "duplicate-id":
        document["people"][1]["id"] = person["id"]
    elif edit == "database-rule":  # an introduction to oneself breaks a CHECK constraint
        introduction = document["introductions"][0]
        introduction["introduced"] = introduction["introducer"]
    return _write(tmp_path / f"{edit}.json", json.dumps(document))


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        ("dangling", r"people\[0\]\.introduced_by: there is no person 'person:999'"),
        ("bad-date", r"conversations\[0\]\.occurred_on: .*invalid date format"),
        ("unknown-field", r"people\[0\]: unknown field 'shoe_size'"),
        ("too-long", r"people\[0\]\.headline: is longer than 300 characters"),
        ("missing", r"conversations\[0\]\.occurred_on: is missing"),
        ("duplicate-id", r"people\[1\]\.id: 'person:1' is listed twice"),
        ("database-rule", "does not fit the database"),
    ],
)
def test_a_bad_row_is_refused_with_its_place_and_nothing_is_written(
    populated: User, tmp_path: Path, edit: str, problem: str
) -> None:
    fresh = User.objects.create_user(username="fresh")
    path = _edited(populated, tmp_path, edit)
    with pytest.raises(DataFileError, match=problem):
        json_import(owner=fresh, path=path)
    assert not Person.objects.filter(owner=fresh).exists()


def test_the_import_command_prints_counts_and_refuses_a_full_account(
    populated: User, tmp_path: Path
) -> None:
    path = _write(tmp_path / "e.json", export_json(owner=populated))
    with pytest.raises(CommandError, match="--replace"):
        call_command("importjson", str(path))  # local mode: the owner is the local user
    out = StringIO()
    call_command("importjson", str(path), "--replace", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["people"]["created"] == 4
    assert export_json(owner=populated) == path.read_bytes()


def test_the_export_command_writes_the_file_or_stdout(populated: User, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    call_command("export", "json", "--output", str(target), stderr=StringIO())
    out = StringIO()
    call_command("export", "json", stdout=out)
    assert target.read_bytes() == export_json(owner=populated)
    assert out.getvalue().encode() == target.read_bytes()


def test_the_export_command_names_a_missing_folder(populated: User, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="there is no folder"):
        call_command("export", "json", "--output", str(tmp_path / "nowhere" / "out.json"))
