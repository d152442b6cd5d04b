"""Files imported again byte for byte: recognised without being read, only when importing
them again would provably do nothing; otherwise imported in full."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from tests.imports.test_import_linkedin_shapes import CONNECTIONS, INVITATIONS, csv_text

from rapport.accounts.models import User
from rapport.imports.history.undo import import_undo
from rapport.imports.importing import import_source, import_unchanged
from rapport.imports.models import ImportBatch
from rapport.imports.parse import parse
from rapport.imports.reimport import files_digest
from rapport.people.models import Person
from rapport.people.services import person_create

CARDS = """BEGIN:VCARD
VERSION:3.0
FN:Ana Souza
N:Souza;Ana;;;
EMAIL:ana@acme.com
ORG:Acme
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Ana Souza
N:Souza;Ana;;;
EMAIL:ANA@acme.com
TEL:+1 415 555 0123
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Bruno Costa
N:Costa;Bruno;;;
ORG:Globex
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:
END:VCARD
"""
STRANGER = ["Zoe Lin", "Sam Rivera", "3/9/21, 9:05 AM", "Loved your book", "INCOMING"]


@pytest.fixture
def cards(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS)
    return path


def _import(kind: str, path: Path) -> dict[str, Any]:
    out = io.StringIO()
    call_command("import", kind, str(path), "--json", stdout=out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def _counts(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("batch", "unchanged_since")}


def test_the_same_file_again_is_nothing_to_do_and_says_so(owner: User, cards: Path) -> None:
    first = _import("vcard", cards)
    assert first["unchanged_since"] is None
    again = _import("vcard", cards)
    assert again["unchanged_since"] == first["batch"]
    assert again["people"] == {
        "created": 0, "updated": 0, "merged": 0, "unchanged": 3, "skipped": 1
    }  # fmt: skip
    out = io.StringIO()
    call_command("import", "vcard", str(cards), stdout=out)
    assert f"unchanged since import #{first['batch']}: nothing to do" in out.getvalue()
    assert ImportBatch.objects.filter(owner=owner).count() == 3


def test_it_tells_what_a_full_import_of_the_same_file_tells(owner: User, cards: Path) -> None:
    _import("vcard", cards)
    quick = _import("vcard", cards)
    parsed = parse("vcard", cards)
    full = import_source(owner=owner, parsed=parsed, files=[str(cards)]).as_dict()
    assert full["unchanged_since"] is None
    assert _counts(quick) == _counts(full)
    assert any("skipped" in w for w in quick["warnings"])


def test_a_changed_file_is_imported(owner: User, cards: Path) -> None:
    _import("vcard", cards)
    cards.write_text(
        CARDS.replace("Bruno Costa", "Carla Dias").replace("Costa;Bruno", "Dias;Carla")
    )
    again = _import("vcard", cards)
    assert again["unchanged_since"] is None
    assert again["people"]["created"] == 1


def test_after_the_import_was_undone_the_same_file_imports_again(owner: User, cards: Path) -> None:
    first = _import("vcard", cards)
    import_undo(batch=ImportBatch.objects.get(pk=first["batch"]))
    assert not Person.objects.filter(owner=owner).exists()
    again = _import("vcard", cards)
    assert again["unchanged_since"] is None
    assert (again["people"]["created"], again["people"]["merged"]) == (2, 1)
    assert Person.objects.filter(owner=owner).count() == 2


def test_a_person_deleted_since_is_imported_again(owner: User, cards: Path) -> None:
    _import("vcard", cards)
    _import("vcard", cards)  # recognised
    Person.objects.get(owner=owner, full_name="Bruno Costa").delete()
    again = _import("vcard", cards)
    assert again["unchanged_since"] is None
    assert again["people"]["created"] == 1
    assert Person.objects.filter(owner=owner, full_name="Bruno Costa").exists()


@pytest.mark.parametrize(
    "full_name",
    ["Zoe Lin", "ZOË LIN", "Dr. Zoe Lin, PhD", "Zoe (Zed)", "Zed"],
    ids=["same", "accents", "titles", "other-full-name", "only-first-last"],
)
def test_an_invitation_to_nobody_reaches_someone_added_since(
    owner: User, tmp_path: Path, full_name: str
) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "Connections.csv").write_text(CONNECTIONS)
    (export / "Invitations.csv").write_text(INVITATIONS + csv_text("", [STRANGER]).lstrip("\n"))
    _import("linkedin", export)
    assert _import("linkedin", export)["unchanged_since"] is not None
    zoe = person_create(owner=owner, full_name=full_name)
    if "Z" in zoe.full_name and "Lin" not in full_name.title():
        # Named differently in full, with the first and last names of the invitation.
        Person.objects.filter(pk=zoe.pk).update(first_name="Zoë", last_name="Lin")
    again = _import("linkedin", export)
    assert again["unchanged_since"] is None
    zoe.refresh_from_db()
    assert zoe.how_we_met == "LinkedIn invitation (received 9 Mar 2021): Loved your book"


def test_another_users_same_file_is_not_theirs(owner: User, other: User, cards: Path) -> None:
    _import("vcard", cards)
    digest = files_digest(cards)
    assert import_unchanged(owner=owner, kind="vcard", digest=digest) is not None
    assert import_unchanged(owner=other, kind="vcard", digest=digest) is None
    assert import_unchanged(owner=owner, kind="csv", digest=digest) is None
