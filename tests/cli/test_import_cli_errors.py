"""`rapport import` when it fails, and what `rapport import undo` says it removed."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rapport_cli import Rapport

from rapport.accounts.models import User
from rapport.imports.models import ImportBatch

CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
UNCLOSED = (
    CONNECTIONS_HEADER
    + "Ann,Lee,,,Acme,Eng,01 Jan 2024\n"
    + 'Bob,"Unclosed,,,Acme,Eng,02 Jan 2024\n'
    + "Cat,Ray,,,Acme,Eng,03 Jan 2024\n"
)


def _import(*args: str) -> str:
    out = io.StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def _failing(*args: str) -> tuple[str, str]:
    """(the error message, what the command printed on stdout) of a run that fails."""
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import", *args, stdout=out)
    return str(caught.value), out.getvalue()


def _one_json_object(printed: str) -> dict[str, Any]:
    data = json.loads(printed)  # raises on anything but exactly one JSON value
    assert isinstance(data, dict)
    return data


@pytest.fixture
def unclosed(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(UNCLOSED)
    return path


# --- --json prints one object on failure too ---------------------------------------------


def test_a_refused_file_with_json_prints_the_error_as_json(owner: User, unclosed: Path) -> None:
    message, printed = _failing("linkedin", str(unclosed), "--json")
    assert "Connections.csv, line 3: a quoted field opened here is never closed" in message
    data = _one_json_object(printed)
    assert data == {"batch": None, "errors": [message], "warnings": []}
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    "args",
    [
        ("linkedin", "{tmp}/nope.zip"),
        ("csv", "{tmp}/only_header.csv"),
        ("undo", "12345"),
        ("undo", "twelve"),
    ],
)
def test_every_failure_with_json_prints_one_object_naming_the_error(
    owner: User, tmp_path: Path, args: tuple[str, str]
) -> None:
    (tmp_path / "only_header.csv").write_text(
        "First Name,Middle Name,Last Name,Organization Name\n"
    )
    kind, target = args
    message, printed = _failing(kind, target.format(tmp=tmp_path), "--json")
    data = _one_json_object(printed)
    assert (data["batch"], data["errors"]) == (None, [message])


def test_without_json_a_failure_prints_nothing_on_stdout(owner: User, unclosed: Path) -> None:
    message, printed = _failing("linkedin", str(unclosed))
    assert "never closed" in message
    assert printed == ""


def test_the_program_prints_json_on_failure_and_exits_non_zero(
    rapport: Rapport, tmp_path: Path
) -> None:
    header_only = tmp_path / "Connections.csv"
    header_only.write_text(CONNECTIONS_HEADER)
    result = rapport.run("import", "linkedin", str(header_only), "--json")
    assert result.returncode != 0
    data = _one_json_object(result.stdout)
    assert data["batch"] is None
    (error,) = data["errors"]
    assert error.startswith("Connections.csv: has a header but no rows")
    assert error in result.stderr  # a person running it by hand still reads it there
    plain = rapport.run("import", "linkedin", str(header_only))
    assert plain.returncode != 0
    assert plain.stdout == ""


def test_utf16_without_a_byte_order_mark_is_imported(rapport: Rapport, tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        (CONNECTIONS_HEADER + "Zoë,Müller,,,Acme,Eng,01 Jan 2024\n").encode("utf-16-le")
    )
    result = rapport.run("import", "linkedin", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["people"]["created"] == 1


# --- undo's summary ----------------------------------------------------------------------


def test_undo_names_what_it_removed_in_proper_plurals(owner: User, tmp_path: Path) -> None:
    cards = tmp_path / "contacts.vcf"
    cards.write_text(
        "".join(
            f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nORG:{company}\nEND:VCARD\n"
            for name, company in (("Ana Souza", "Acme"), ("Bruno Costa", "ACME"), ("Carla", "acme"))
        )
    )
    _import("vcard", str(cards))
    out = _import("undo", str(ImportBatch.objects.get().pk))
    assert "2 company aliases" in out
    assert "3 people" in out
    assert re.search(r"\b1 company[,;]", out)  # one, not "1 companies"
    assert "aliass" not in out
    assert "persons" not in out
