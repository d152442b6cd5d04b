"""An address book too big to hold (contacts_csv.REREAD_FROM bytes or more) is read twice,
record by record: it must give what the same file held whole gives, row for row."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from tests.imports.test_import_chunked import _book, _described

from rapport.accounts.models import User
from rapport.imports import importing
from rapport.imports.history.undo import import_undo
from rapport.imports.importing import ImportResult, import_source
from rapport.imports.models import ImportBatch
from rapport.imports.parse import contacts_csv, parse
from rapport.imports.parse.records import ImportFormatError
from rapport.people.models import Person

_HEADER = [
    "First Name", "Last Name", "Organization Name", "Organization Title",
    "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value",
]  # fmt: skip


def _write(path: Path, seed: int, rows: int) -> Path:
    """The generated book (see test_import_chunked) as Google writes it, with a company's
    own row, a row of nothing but a title and a card that is only a number."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(_HEADER)
        for card in _book(seed, rows)[:-1]:
            phones, emails = " ::: ".join(card.phones), " ::: ".join(card.emails)
            label = "Mobile" if phones else ""
            out.writerow([card.first_name, card.last_name, card.company, card.title, emails,
                          label, phones])  # fmt: skip
        out.writerow(["", "", f"Vandelay {seed}", "", "", "Main", "+44 20 7946 0001"])
        out.writerow(["", "", "", "Engineer", "", "", ""])
        out.writerow(["", "", "", "", "", "Mobile", "+44 7700 900999"])
    return path


def _import(owner: User, path: Path) -> ImportResult:
    parsed = parse("csv", path)
    return import_source(owner=owner, parsed=parsed, files=["contacts.csv"], digest="abc")


@pytest.fixture
def reread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contacts_csv, "REREAD_FROM", 0)


@pytest.mark.parametrize("chunks", [True, False], ids=["in-chunks", "at-once"])
def test_an_address_book_read_twice_is_the_one_held_whole(
    owner: User, other: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunks: bool
) -> None:
    earlier, book = _write(tmp_path / "a.csv", 1, 60), _write(tmp_path / "b.csv", 2, 240)
    for user in (owner, other):
        _import(user, earlier)
    held = _import(owner, book)
    expected = _described(owner, held)
    held_again = _import(owner, book)  # nothing new
    monkeypatch.setattr(contacts_csv, "REREAD_FROM", 0)
    if chunks:
        monkeypatch.setattr(importing, "CHUNKED_FROM", 1)
        monkeypatch.setattr(importing, "CHUNK", 7)
    assert parse("csv", book).reread is not None
    first = _import(other, book)
    assert _described(other, first) == expected
    again = _import(other, book)
    assert _report(again) == _report(held_again)
    assert again.counts["people"]["unchanged"] > 150
    assert first.counts["people"]["merged"] > 20
    assert first.review > 0
    assert first.counts["people"]["skipped"] > 0
    assert first.counts["companies"]["created"] > 0
    assert any("skipped" in warning for warning in first.warnings)


def _report(result: ImportResult) -> dict[str, Any]:
    report = result.as_dict()
    del report["batch"]
    return report


def test_undoing_an_address_book_read_twice_takes_back_all_it_did(
    owner: User, tmp_path: Path, reread: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "CHUNKED_FROM", 1)
    monkeypatch.setattr(importing, "CHUNK", 7)
    _import(owner, _write(tmp_path / "a.csv", 1, 60))
    before = _described(owner, None)
    result = _import(owner, _write(tmp_path / "b.csv", 2, 240))
    assert result.counts["people"]["merged"] > 20
    import_undo(batch=result.batch)
    assert _described(owner, None) == before


def test_a_big_address_book_with_only_a_header_is_an_error_and_imports_nothing(
    owner: User, tmp_path: Path, reread: None
) -> None:
    path = tmp_path / "google.csv"
    path.write_text(",".join(_HEADER) + "\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"^google.csv: has a header but no rows"):
        _import(owner, path)
    assert not ImportBatch.objects.filter(owner=owner).exists()


def test_a_file_changed_between_its_two_readings_is_refused_and_nothing_is_kept(
    owner: User, tmp_path: Path, reread: None
) -> None:
    """Read twice, the records of the second reading must be those of the first: a file
    written anew in between (another export saved over it) is refused, all or nothing."""
    book = _write(tmp_path / "book.csv", 3, 60)
    parsed = parse("csv", book)
    first = parsed.reread
    assert first is not None
    calls = 0

    def rewritten_before_the_second_reading(source: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:
            _write(book, 4, 80)
        return first(source)

    parsed.reread = rewritten_before_the_second_reading
    with pytest.raises(ImportFormatError, match="changed while it was being imported"):
        import_source(owner=owner, parsed=parsed, files=["book.csv"], digest="abc")
    assert not ImportBatch.objects.filter(owner=owner).exists()
    assert not Person.objects.filter(owner=owner).exists()


def test_reading_a_big_address_book_through_first_tells_the_records_read_so_far(
    owner: User, tmp_path: Path, reread: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "READ_STEP", 50)
    told: list[tuple[int, int]] = []
    parsed = parse("csv", _write(tmp_path / "b.csv", 2, 240))

    import_source(owner=owner, parsed=parsed, files=["b.csv"], progress=lambda *p: told.append(p))

    reading = [done for done, total in told if not total]  # before the total is known
    assert reading == [50, 100, 150, 200]
    assert told.index((200, 0)) < next(i for i, (_, total) in enumerate(told) if total)
    assert told[-1][0] == told[-1][1] > 200  # and then done, of a total known
