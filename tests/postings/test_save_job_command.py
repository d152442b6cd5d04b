"""`rapport save-job URL_OR_FILE [--json]`, run as the real program against a job site on
loopback, and through call_command for the finer cases."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from tests.cli.rapport_cli import Rapport, local_rapport
from tests.postings.job_site import Site

from rapport.accounts.models import User
from rapport.opportunities.models import Opportunity

PAGES = Path(__file__).parent / "pages"


@pytest.fixture
def rapport(tmp_path: Path) -> Rapport:
    return local_rapport(tmp_path)


def test_json_output_follows_the_contract_and_a_second_save_updates(
    rapport: Rapport, site: Site
) -> None:
    url = site.url("/jobs/workday.html")
    first = rapport.run("save-job", url, "--json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert set(data) == {"opportunity", "created", "paths"}
    assert set(data["opportunity"]) == {
        "id",
        "title",
        "company",
        "location",
        "apply_url",
        "deadline",
    }
    assert data["opportunity"]["title"] == "Data Analyst, Supply Chain"
    assert data["opportunity"]["company"] == "Cobalt Freight Inc."
    assert data["opportunity"]["location"] == "Austin, Texas, United States of America"
    assert data["opportunity"]["deadline"] == "2024-04-30"
    assert data["opportunity"]["apply_url"] == url
    assert (data["created"], data["paths"]) == (True, 0)
    again = json.loads(rapport.run("save-job", url + "?utm_source=x", "--json").stdout)
    assert again["created"] is False
    assert again["opportunity"]["id"] == data["opportunity"]["id"]


def test_a_saved_page_file_is_read_with_the_link_it_came_from(rapport: Rapport) -> None:
    done = rapport.run(
        "save-job",
        str(PAGES / "linkedin.html"),
        "--url",
        "https://www.linkedin.com/jobs/view/3891234567/",
    )
    assert done.returncode == 0, done.stderr
    assert "Saved Senior Site Reliability Engineer at Harbour Bank" in done.stdout
    assert "Apply by 02 May 2024." in done.stdout
    assert "0 warm paths into Harbour Bank" in done.stdout
    assert "Ask someone at Harbour Bank how referrals work there" in done.stdout


def test_a_url_that_404s_is_an_error_and_saves_nothing(rapport: Rapport, site: Site) -> None:
    failed = rapport.run("save-job", site.url("/jobs/taken-down.html"), "--json")
    assert failed.returncode != 0
    assert "There is no page at" in failed.stderr
    assert "404" in failed.stderr
    assert failed.stdout == ""
    listing = json.loads(rapport.run("export", "json").stdout)
    assert listing["opportunities"] == []
    assert listing["companies"] == []


def test_a_page_without_a_posting_says_what_it_found(owner: User) -> None:
    with pytest.raises(CommandError, match=r"could not read a job posting.*'Customer Success"):
        call_command("save-job", str(PAGES / "no_structured_data.html"))
    assert not Opportunity.objects.exists()


def test_title_and_company_can_be_given_for_a_page_without_a_posting(owner: User) -> None:
    out = StringIO()
    page = str(PAGES / "title_only.html")
    call_command("save-job", page, "--company", "Acme Depot", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["opportunity"]["title"] == "Warehouse Team Lead - Night Shift"
    assert data["opportunity"]["company"] == "Acme Depot"


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("missing.html", "no such file"),
        ("binary_garbage.bin", "not a web page"),
    ],
)
def test_bad_files_are_errors_naming_the_file(owner: User, page: str, message: str) -> None:
    with pytest.raises(CommandError, match=message) as raised:
        call_command("save-job", str(PAGES / page))
    assert page in str(raised.value)
    assert not Opportunity.objects.exists()
