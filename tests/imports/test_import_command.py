"""`rapport import` and `rapport import undo` as a user (or a script) runs them."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.cli.rapport_cli import local_rapport

from rapport.accounts.models import User
from rapport.imports.models import ImportBatch
from rapport.imports.parse.records import ImportFormatError, ParsedSource
from rapport.people.models import Person
from rapport.people.services import person_create

COMMAND = "rapport.front.management.commands.import"
CARDS = """BEGIN:VCARD
VERSION:3.0
N:Souza;Ana;;;
FN:Ana Souza
EMAIL:ana@acme.com
ORG:Acme
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Souza;Ana;;;
FN:Ana Souza
EMAIL:ANA@acme.com
TEL:+1 415 555 0123
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Costa;Bruno;;;
FN:Bruno Costa
ORG:Globex
END:VCARD
"""


@pytest.fixture
def cards(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS)
    return path


def _import(*args: str) -> str:
    out = io.StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def test_json_prints_one_object_and_people_after_is_people_before_plus_created(
    owner: User, cards: Path
) -> None:
    person_create(owner=owner, full_name="Someone Else")
    before = Person.objects.filter(owner=owner).count()
    data = json.loads(_import("vcard", str(cards), "--json"))
    assert set(data) >= {"people", "companies", "conversations", "errors", "batch"}
    assert set(data["people"]) == {"created", "updated", "merged", "unchanged", "skipped"}
    assert (data["people"]["created"], data["people"]["merged"]) == (2, 1)
    assert Person.objects.filter(owner=owner).count() == before + data["people"]["created"]
    assert data["errors"] == []
    again = json.loads(_import("vcard", str(cards), "--json"))
    assert again["people"]["created"] == 0
    assert again["people"]["unchanged"] == 3


def test_without_json_it_prints_a_summary_and_how_to_undo(owner: User, cards: Path) -> None:
    out = _import("vcard", str(cards))
    batch = ImportBatch.objects.get()
    assert "people: 2 created, 1 merged" in out
    assert f"rapport import undo {batch.pk}" in out


def test_undo_from_the_command_line_takes_the_import_back(owner: User, cards: Path) -> None:
    _import("vcard", str(cards))
    batch = ImportBatch.objects.get()
    data = json.loads(_import("undo", str(batch.pk), "--json"))
    assert data["removed"]["people.Person"] == 2
    assert not Person.objects.exists()
    with pytest.raises(CommandError, match="already been undone"):
        _import("undo", str(batch.pk))


def test_undo_says_what_it_kept_because_you_worked_on_it(owner: User, cards: Path) -> None:
    _import("vcard", str(cards))
    batch = ImportBatch.objects.get()
    Person.objects.order_by("pk").first().save()  # type: ignore[union-attr]  # edited since

    out = _import("undo", str(batch.pk))

    assert "removed 1 employment, 1 person, 1 company;" in out
    assert (
        "Kept what you have worked on since: 1 employment, 2 contact points, 1 person, 1 company."
        in out
    )


def test_a_missing_file_is_an_error_that_names_it(owner: User, tmp_path: Path) -> None:
    missing = tmp_path / "nope.zip"
    with pytest.raises(CommandError, match=re.escape(f"{missing}: no such file or folder")):
        _import("linkedin", str(missing))
    assert not ImportBatch.objects.exists()


def test_a_file_in_the_wrong_format_is_an_error_naming_file_and_line(
    owner: User, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("hello,world\n1,2\n")
    with pytest.raises(CommandError, match=re.escape("contacts.csv, line 1: no header found")):
        _import("csv", str(path))
    assert not Person.objects.exists()
    assert not ImportBatch.objects.exists()


def test_an_unreadable_file_is_an_error(
    owner: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(kind: str, path: Path) -> ParsedSource:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(f"{COMMAND}.parse", unreadable)
    path = tmp_path / "cards.vcf"
    path.write_text("BEGIN:VCARD")
    with pytest.raises(CommandError, match=re.escape(f"{path}: Permission denied")):
        _import("vcard", str(path))


@pytest.mark.parametrize("target", ["12345", "twelve"])
def test_undo_of_an_unknown_import_is_an_error(owner: User, target: str) -> None:
    with pytest.raises(CommandError, match=target):
        _import("undo", target)


def test_undo_refuses_another_users_import(owner: User, other: User) -> None:
    theirs = ImportBatch.objects.create(owner=other, kind="csv")
    with pytest.raises(CommandError, match=f"There is no import number {theirs.pk}"):
        _import("undo", str(theirs.pk))
    theirs.refresh_from_db()
    assert theirs.can_undo


def test_the_program_exits_non_zero_with_the_error_on_stderr_and_in_its_json(
    tmp_path: Path,
) -> None:
    rapport = local_rapport(tmp_path)
    bad = tmp_path / "Connections.csv"
    bad.write_text("hello,world\n")
    missing = rapport.run("import", "linkedin", str(tmp_path / "nope.zip"), "--json")
    wrong = rapport.run("import", "linkedin", str(bad), "--json")
    for result in (missing, wrong):
        assert result.returncode != 0
        report = json.loads(result.stdout)  # a script reading --json still gets an object
        assert report["batch"] is None
        assert report["errors"] == [result.stderr.strip().removeprefix("CommandError: ")]
    assert "nope.zip: no such file or folder" in missing.stderr
    assert "Connections.csv, line 1: no header found" in wrong.stderr


def test_the_program_prints_exactly_one_json_object(tmp_path: Path, cards: Path) -> None:
    result = local_rapport(tmp_path).run("import", "vcard", str(cards), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["people"]["created"] == 2


def test_format_errors_raised_by_a_parser_keep_their_file_and_line(
    owner: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(kind: str, path: Path) -> ParsedSource:
        raise ImportFormatError("unexpected end of card", file="cards.vcf", line=42)

    monkeypatch.setattr(f"{COMMAND}.parse", broken)
    path = tmp_path / "cards.vcf"
    path.write_text("BEGIN:VCARD")
    with pytest.raises(CommandError, match=re.escape("cards.vcf, line 42: unexpected end of card")):
        _import("vcard", str(path))
