"""The CSV export: spreadsheet-ready, and never a formula."""

from __future__ import annotations

import csv
import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.exports.exports_helpers import network_populate

from rapport.accounts.models import User
from rapport.exports.csvexport import cell
from rapport.exports.selectors import KINDS, export_csv, export_csv_zip


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(1)", "'=SUM(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tindent", "'\tindent"),
        ("\rreturn", "'\rreturn"),
        ("plain, text", "plain, text"),
        ("a=b", "a=b"),
        (None, ""),
        (True, "yes"),
        (7, "7"),
    ],
)
def test_a_cell_that_looks_like_a_formula_is_neutralised(value: object, written: str) -> None:
    assert cell(value) == written


def test_formula_like_values_are_neutralised_in_every_file(owner: User) -> None:
    network_populate(owner)
    people = {row["Name"]: row for row in _rows(export_csv(owner=owner, kind="people"))}
    assert people["Doe, Jane"]["Headline"] == "'-1"
    assert people["Doe, Jane"]["Location"] == "'@x"
    assert people["Doe, Jane"]["Notes"] == "'=SUM(1)"
    assert people["Ana Souza"]["Tags"] == "'+1 formula tag; learning design; mentor"
    assert people["Ana Souza"]["Phones"] == "'+41 44 668 18 00"
    opportunities = _rows(export_csv(owner=owner, kind="opportunities"))
    titles = {row["Title"] for row in opportunities}
    assert '\'=HYPERLINK("http://evil.example")' in titles
    tailored = next(row for row in opportunities if row["URL"])
    assert tailored["Resume tailoring notes"].startswith("'+ tailor")


def test_people_rows_carry_the_current_job_and_contact_details(owner: User) -> None:
    network_populate(owner)
    people = {row["Name"]: row for row in _rows(export_csv(owner=owner, kind="people"))}
    ana = people["Ana Souza"]
    assert (ana["Company"], ana["Title"]) == ("Acme, Inc.", "Director, Learning; Design")
    assert ana["Emails"] == "ana@example.com"
    assert ana["Last contacted"] == "2024-05-01"
    assert ana["Notes"].splitlines()[1].startswith("Second line")
    assert people["Bo Lindqvist"]["Introduced by"] == "Ana Souza"


def test_companies_show_the_target_list_and_referral_protocol(owner: User) -> None:
    network_populate(owner)
    companies = {row["Name"]: row for row in _rows(export_csv(owner=owner, kind="companies"))}
    assert companies["Initech"]["Target status"] == "Target"
    assert companies["Umbrella"]["Target status"] == "Avoid"
    assert companies["Umbrella"]["Recommended or warned by"] == "Ana Souza"
    assert companies["Acme, Inc."]["Referral channel"] == "Internal referral portal"
    assert companies["Acme, Inc."]["Other names"] == "ACME Inc"


def test_the_zip_holds_the_three_files_and_is_the_same_each_time(owner: User, other: User) -> None:
    network_populate(owner)
    network_populate(other, prefix="Secret ")
    data = export_csv_zip(owner=owner)
    assert data == export_csv_zip(owner=owner)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [f"{kind}.csv" for kind in KINDS]
        for kind in KINDS:
            content = archive.read(f"{kind}.csv")
            assert content == export_csv(owner=owner, kind=kind)
            assert b"Secret" not in content


def test_the_command_writes_three_files_into_a_folder(owner: User, tmp_path: Path) -> None:
    network_populate(owner)
    call_command("export", "csv", "--output", str(tmp_path / "csv"), stderr=StringIO())
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "companies.csv",
        "opportunities.csv",
        "people.csv",
    ]


def test_the_command_writes_one_kind_to_stdout(owner: User) -> None:
    network_populate(owner)
    out = StringIO()
    call_command("export", "csv", "--kind", "companies", stdout=out)
    assert out.getvalue().encode() == export_csv(owner=owner, kind="companies")


def test_the_command_asks_where_three_files_should_go(owner: User) -> None:
    with pytest.raises(CommandError, match="--output FOLDER"):
        call_command("export", "csv")
