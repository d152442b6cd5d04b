"""A LinkedIn zip says when it was written: the moves it reveals are dated that day."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from rapport.accounts.models import User
from rapport.companies.models import Employment
from rapport.imports.models import ChangeEvent
from rapport.imports.parse import parse
from rapport.imports.services import import_source

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ANA = "Ana,Souza,https://www.linkedin.com/in/ana-souza,,{company},Engineer,07 Mar 2021\n"


def _export(folder: Path, name: str, written: tuple[int, int, int], company: str) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w") as bundle:
        member = zipfile.ZipInfo("Connections.csv", date_time=(*written, 9, 30, 0))
        bundle.writestr(member, HEADER + ANA.format(company=company))
    return path


def _import(owner: User, path: Path) -> None:
    parsed = parse("linkedin", path)
    import_source(owner=owner, parsed=parsed, files=parsed.files)


def test_a_move_is_dated_by_the_export_that_shows_it(owner: User, tmp_path: Path) -> None:
    march = _export(tmp_path, "Basic_LinkedInDataExport_03-21-2024.zip", (2024, 3, 21), "Acme")
    june = _export(tmp_path, "Basic_LinkedInDataExport_06-30-2024.zip", (2024, 6, 30), "Stripe")
    assert parse("linkedin", june).exported_on == dt.date(2024, 6, 30)

    _import(owner, march)
    _import(owner, june)

    move = ChangeEvent.objects.get(owner=owner)
    assert move.occurred_on == dt.date(2024, 6, 30)
    old = Employment.objects.get(owner=owner, company__name="Acme")
    assert (old.is_current, old.ended_on) == (False, dt.date(2024, 6, 30))


def test_a_zip_without_believable_dates_is_dated_today(tmp_path: Path) -> None:
    path = _export(tmp_path, "export.zip", (1980, 1, 1), "Acme")  # a zip tool's default
    assert parse("linkedin", path).exported_on is None
