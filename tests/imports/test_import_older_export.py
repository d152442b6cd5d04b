"""An older export imported after a newer one never says that anyone moved back."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import time_machine
from tests.imports.import_builders import contact, counts, run, snapshot

from rapport.accounts.models import User
from rapport.companies.models import Employment
from rapport.imports.history.undo import import_undo
from rapport.imports.importing import ImportResult
from rapport.imports.models import ChangeEvent, ImportBatch, Position
from rapport.imports.parse import parse
from rapport.imports.services import import_source
from rapport.people.models import Person

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ZOE_URL = "https://www.linkedin.com/in/zoe-martin"
ZOE = "Zoë,Martin," + ZOE_URL + ",{email},{company},{title},07 Mar 2021\n"
MARCH, JUNE = dt.date(2024, 3, 21), dt.date(2024, 6, 30)


def _zip(folder: Path, day: dt.date, *rows: str) -> Path:
    path = folder / f"Basic_LinkedInDataExport_{day:%m-%d-%Y}.zip"
    with zipfile.ZipFile(path, "w") as bundle:
        written = (day.year, day.month, day.day, 9, 30, 0)
        member = zipfile.ZipInfo("Connections.csv", date_time=written)
        bundle.writestr(member, HEADER + "".join(rows))
    return path


def _zoe(company: str, title: str = "Engineer", email: str = "") -> str:
    return ZOE.format(company=company, title=title, email=email)


def _import(owner: User, path: Path) -> ImportResult:
    parsed = parse("linkedin", path)
    return import_source(owner=owner, parsed=parsed, files=parsed.files)


def _current(owner: User) -> list[tuple[str, str, str]]:
    jobs = Employment.objects.filter(owner=owner, is_current=True)
    return sorted(jobs.values_list("person__first_name", "company__name", "title"))


def test_an_older_zip_after_a_newer_one_records_no_move(owner: User, tmp_path: Path) -> None:
    june = _zip(tmp_path, JUNE, _zoe("Anthropic"))
    march = _zip(tmp_path, MARCH, _zoe("Google"))

    _import(owner, june)
    older = _import(owner, march)

    assert not ChangeEvent.objects.filter(owner=owner).exists()
    assert _current(owner) == [("Zoë", "Anthropic", "Engineer")]
    assert not Employment.objects.filter(owner=owner, is_current=False).exists()
    assert older.counts["employments"] == {
        "created": 0, "updated": 0, "merged": 0, "unchanged": 0, "skipped": 0
    }  # fmt: skip
    assert any("older than" in warning for warning in older.warnings)
    batches = ImportBatch.objects.filter(owner=owner).order_by("pk")
    assert list(batches.values_list("exported_on", flat=True)) == [JUNE, MARCH]

    before, rows = snapshot(), counts()
    again = _import(owner, june)
    assert again.counts["people"]["unchanged"] == 1
    assert counts() == rows
    assert snapshot() == before
    assert again.warnings == []


def test_an_older_zip_still_fills_what_is_empty(owner: User, tmp_path: Path) -> None:
    _import(owner, _zip(tmp_path, JUNE, _zoe("Anthropic", title="")))
    march = _zip(tmp_path, MARCH, _zoe("Anthropic", "Engineer", "zoe@example.com"))

    older = _import(owner, march)

    assert older.counts["people"]["updated"] == 1
    zoe = Person.objects.get(owner=owner)
    assert list(zoe.contact_points.values_list("value", flat=True)) == ["zoe@example.com"]
    assert _current(owner) == [("Zoë", "Anthropic", "Engineer")]  # an empty title, filled
    assert not ChangeEvent.objects.filter(owner=owner).exists()


def test_an_older_zip_does_not_change_a_title(owner: User, tmp_path: Path) -> None:
    _import(owner, _zip(tmp_path, JUNE, _zoe("Anthropic", "Staff Engineer")))
    _import(owner, _zip(tmp_path, MARCH, _zoe("Anthropic", "Engineer")))
    assert _current(owner) == [("Zoë", "Anthropic", "Staff Engineer")]
    assert not ChangeEvent.objects.filter(owner=owner).exists()


def test_an_older_zip_gives_a_job_to_someone_the_newer_one_did_not_list(
    owner: User, tmp_path: Path
) -> None:
    """A claim no newer export contradicts is a first claim: it opens a job for someone who
    has none (and nobody else's job is touched)."""
    ana = "Ana,Souza,https://www.linkedin.com/in/ana-souza,,Stripe,Designer,01 Feb 2020\n"
    _import(owner, _zip(tmp_path, JUNE, _zoe("Anthropic")))
    _import(owner, _zip(tmp_path, MARCH, _zoe("Google"), ana))
    assert _current(owner) == [("Ana", "Stripe", "Designer"), ("Zoë", "Anthropic", "Engineer")]
    assert not ChangeEvent.objects.filter(owner=owner).exists()


def test_the_normal_order_records_the_move(owner: User, tmp_path: Path) -> None:
    _import(owner, _zip(tmp_path, MARCH, _zoe("Google")))
    newer = _import(owner, _zip(tmp_path, JUNE, _zoe("Anthropic")))

    move = ChangeEvent.objects.get(owner=owner)
    assert (move.old_company.name, move.new_company.name, move.occurred_on) == (
        "Google",
        "Anthropic",
        JUNE,
    )
    assert _current(owner) == [("Zoë", "Anthropic", "Engineer")]
    assert newer.warnings == []


def test_an_older_zip_after_a_newer_one_was_undone_records_the_move(
    owner: User, tmp_path: Path
) -> None:
    _import(owner, _zip(tmp_path, dt.date(2024, 1, 5), _zoe("Google")))
    june = _import(owner, _zip(tmp_path, JUNE, _zoe("Anthropic")))
    import_undo(batch=june.batch)

    _import(owner, _zip(tmp_path, MARCH, _zoe("Stripe")))

    move = ChangeEvent.objects.get(owner=owner)
    assert (move.old_company.name, move.new_company.name, move.occurred_on) == (
        "Google",
        "Stripe",
        MARCH,
    )


def test_the_same_zip_twice_is_not_older(owner: User, tmp_path: Path) -> None:
    june = _zip(tmp_path, JUNE, _zoe("Anthropic"))
    _import(owner, june)
    assert _import(owner, june).warnings == []


def _ana(company: str) -> list[object]:
    url = "https://www.linkedin.com/in/ana-souza"
    return [contact(url, first_name="Ana", last_name="Souza", linkedin_url=url, company=company)]


def test_undated_imports_still_let_the_later_one_win(owner: User) -> None:
    run(owner, contacts=_ana("Acme"))
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)):
        run(owner, contacts=_ana("Stripe"))
    move = ChangeEvent.objects.get(owner=owner)
    assert (move.new_company.name, move.occurred_on) == ("Stripe", dt.date(2026, 3, 2))
    assert list(ImportBatch.objects.values_list("exported_on", flat=True)) == [None, None]


def test_an_undated_import_after_a_dated_one_wins(owner: User) -> None:
    run(owner, contacts=_ana("Acme"), exported_on=JUNE)
    run(owner, contacts=_ana("Stripe"))  # a folder or a single file: no date of its own
    assert ChangeEvent.objects.get(owner=owner).new_company.name == "Stripe"


def test_a_dated_import_after_an_undated_one_wins(owner: User) -> None:
    run(owner, contacts=_ana("Acme"))
    run(owner, contacts=_ana("Stripe"), exported_on=MARCH)
    move = ChangeEvent.objects.get(owner=owner)
    assert (move.new_company.name, move.occurred_on) == ("Stripe", MARCH)


def test_an_export_is_older_only_than_exports_of_its_own_kind(owner: User) -> None:
    card = contact("row:ana", "Ana Souza", company="Acme", emails=["ana@acme.com"])
    run(owner, "csv", contacts=[card])
    run(owner, contacts=_ana("Acme"), exported_on=JUNE)  # LinkedIn's word, not the file's
    moved = contact("row:ana", "Ana Souza", company="Stripe", emails=["ana@acme.com"])
    run(owner, "csv", contacts=[moved], exported_on=MARCH)
    move = ChangeEvent.objects.get(owner=owner)
    assert (move.new_company.name, move.occurred_on) == ("Stripe", MARCH)


def test_an_older_zip_does_not_reopen_a_job_of_your_own(owner: User, tmp_path: Path) -> None:
    header = "Company Name,Title,Description,Location,Started On,Finished On\n"

    def export(day: dt.date, finished: str) -> Path:
        path = tmp_path / f"positions-{day}.zip"
        with zipfile.ZipFile(path, "w") as bundle:
            member = zipfile.ZipInfo("Positions.csv", date_time=(*day.timetuple()[:3], 9, 0, 0))
            bundle.writestr(member, header + f"Acme,Analyst,,,Jan 2020,{finished}\n")
        return path

    _import(owner, export(JUNE, "May 2024"))
    _import(owner, export(MARCH, ""))  # in March, you still worked there

    assert Position.objects.get(owner=owner).finished_on == dt.date(2024, 5, 1)
