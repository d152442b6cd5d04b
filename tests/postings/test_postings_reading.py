"""Reading postings in the shapes the job platforms publish (see pages/PROVENANCE.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from rapport.postings.errors import NotAPage
from rapport.postings.intake import page_read_given
from rapport.postings.reading import ReadFrom, Reading, posting_read
from rapport.postings.reading.fallback import employer_of_site

PAGES = Path(__file__).parent / "pages"


def read(name: str, url: str = "https://jobs.example/posting") -> Reading:
    return page_read_given(document=(PAGES / name).read_bytes(), url=url)


@pytest.mark.parametrize(
    ("page", "title", "company", "location"),
    [
        (
            "greenhouse.html",
            "Senior Backend Engineer, Payments",
            "Northwind Robotics",
            "San Francisco, CA",
        ),
        ("lever.html", "Product Designer", "Lumen Health", "London"),
        (
            "workday.html",
            "Data Analyst, Supply Chain",
            "Cobalt Freight Inc.",
            "Austin, Texas, United States of America",
        ),
        (
            "ashby.html",
            "Founding Engineer",
            "Quill Labs",
            "New York, NY, US; Remote (United States)",
        ),
        (
            "smartrecruiters.html",
            "Werkstudent (m/w/d) Marketing",
            "Falkenberg Logistik GmbH",
            "Hamburg, HH, Deutschland",
        ),
        (
            "linkedin.html",
            "Senior Site Reliability Engineer",
            "Harbour Bank",
            "Dublin, County Dublin, IE",
        ),
        (
            "icims.html",
            "Registered Nurse - Cardiac ICU",
            "Alpine Health",
            "Denver, CO, US; Aurora, CO, US",
        ),
        ("messy.html", "Staff Data Engineer", "Tidewater Energy", "Aberdeen, Scotland"),
        (
            "windows1252.html",
            "Softwareentwickler (m/w/d) \u2013 Backend",
            "Gärtner & Söhne AG",
            "Zürich, CH",
        ),
        ("shift_jis.html", "バックエンドエンジニア", "さくら精機株式会社", "大阪市, 大阪府, JP"),
    ],
)
def test_each_platform_shape_gives_title_company_and_place(
    page: str, title: str, company: str, location: str
) -> None:
    reading = read(page)
    assert reading.complete
    assert (reading.posting.title, reading.posting.company) == (title, company)
    assert reading.posting.location == location


def test_microdata_is_read_when_there_is_no_json_ld() -> None:
    reading = read("smartrecruiters.html")
    assert reading.read_from == ReadFrom.MICRODATA
    assert reading.posting.employment_type == "Part-time"
    assert reading.posting.date_posted == dt.date(2024, 3, 10)


def test_a_salary_range_in_a_quantitative_value_keeps_currency_and_period() -> None:
    salary = read("ashby.html").posting.salary
    assert (salary.minimum, salary.maximum) == (Decimal("150000"), Decimal("190000"))
    assert (salary.currency, salary.period) == ("USD", "year")


def test_an_hourly_rate_written_as_a_string_is_one_amount() -> None:
    salary = read("icims.html").posting.salary
    assert (salary.minimum, salary.maximum, salary.period) == (Decimal("38.50"), None, "hour")


def test_a_plain_number_salary_takes_the_postings_currency() -> None:
    salary = read("messy.html").posting.salary
    assert (salary.minimum, salary.currency) == (Decimal("95000"), "GBP")


def test_european_thousands_separators_are_read_as_thousands() -> None:
    salary = read("windows1252.html").posting.salary
    assert (salary.minimum, salary.maximum, salary.currency) == (
        Decimal("95000"),
        Decimal("120000"),
        "CHF",
    )


def test_telecommute_means_remote_with_where_applicants_may_live() -> None:
    posting = read("ashby.html").posting
    assert posting.remote
    assert "Remote (United States)" in posting.location


def test_the_deadline_is_the_date_of_valid_through_in_its_own_offset() -> None:
    assert read("workday.html").posting.valid_through == dt.date(2024, 4, 30)
    assert read("linkedin.html").posting.valid_through == dt.date(2024, 5, 2)


def test_an_html_escaped_description_becomes_safe_html() -> None:
    description = read("linkedin.html").posting.description
    assert description.startswith("<strong>About Harbour Bank</strong>")
    assert "<li>Run Kubernetes across three regions</li>" in description
    assert "&lt;" not in description


def test_description_headings_sit_under_the_pages_own() -> None:
    description = read("greenhouse.html").posting.description
    assert "<h3><strong>What you'll do</strong></h3>" in description
    assert "<h2" not in description


def test_scripts_and_event_handlers_never_survive_a_description() -> None:
    reading = read("listing.html", url="https://birchwood.example/jobs/senior-animator")
    description = reading.posting.description
    assert "<em>children's</em>" in description
    assert "script" not in description
    assert "onerror" not in description
    assert "<img" not in description


def test_plain_text_description_keeps_its_paragraphs() -> None:
    description = read("messy.html").posting.description
    assert description.startswith("<p>Tidewater Energy runs offshore wind farms.</p><p>You will")
    assert "<br>Python, SQL" in description


def test_graph_references_comments_and_trailing_commas_are_understood() -> None:
    reading = read("messy.html")
    posting = reading.posting
    assert posting.company == "Tidewater Energy"  # an @id into the SEO plugin's @graph
    assert posting.employment_type == "Full-time, Contract"
    assert posting.apply_url == "https://jobs.example/apply/?job=staff-data-engineer"
    assert reading.postings_on_page == 1  # the tracker's Organization is no posting


def test_of_several_postings_the_one_at_the_pages_address_is_read() -> None:
    reading = read("listing.html", url="https://birchwood.example/jobs/senior-animator/")
    assert reading.postings_on_page == 2
    assert reading.posting.title == "Senior Animator"
    assert reading.posting.company == "Birchwood Studio"  # hiringOrganization as a string
    salary = reading.posting.salary
    assert (salary.minimum, salary.maximum) == (Decimal("42000"), Decimal("52000"))


def test_without_the_pages_address_the_first_posting_is_read() -> None:
    assert read("listing.html", url="").posting.title == "Junior Illustrator"


def test_a_page_without_structured_data_is_read_from_its_tags_but_not_complete() -> None:
    reading = read("no_structured_data.html")
    assert reading.read_from == ReadFrom.OPENGRAPH
    assert not reading.complete
    posting = reading.posting
    assert (posting.title, posting.company) == ("Customer Success Manager", "Kestrel Analytics")
    assert "four-day week" in posting.description


def test_a_logged_in_linkedin_page_is_read_from_its_title() -> None:
    reading = read("linkedin_logged_in.html", url="https://www.linkedin.com/jobs/view/3891234567/")
    assert reading.read_from == ReadFrom.TITLE
    assert not reading.complete
    assert (reading.posting.title, reading.posting.company) == (
        "Senior Site Reliability Engineer",
        "Harbour Bank",
    )


def test_a_job_boards_name_is_never_taken_for_the_employer() -> None:
    page = (
        '<html><head><meta property="og:site_name" content="LinkedIn">'
        "<title>Data Engineer</title></head></html>"
    )
    reading = posting_read(page, url="https://www.linkedin.com/jobs/view/1/")
    assert reading.posting.company == ""
    assert reading.missing == ["company"]


def test_a_page_with_a_title_only_prefills_the_title() -> None:
    reading = read("title_only.html")
    assert reading.read_from == ReadFrom.TITLE
    assert reading.posting.title == "Warehouse Team Lead - Night Shift"
    assert reading.missing == ["company"]


def test_garbage_html_reads_as_nothing() -> None:
    reading = read("garbage.html")
    assert reading.read_from == ReadFrom.NOTHING
    assert reading.missing == ["title", "company"]


def test_binary_data_is_not_a_page() -> None:
    with pytest.raises(NotAPage, match="binary data"):
        read("binary_garbage.bin")


def test_a_pdf_is_not_a_page() -> None:
    with pytest.raises(NotAPage, match="PDF"):
        page_read_given(document=b"%PDF-1.7\n1 0 obj <<>> endobj", url="")


@pytest.mark.parametrize(
    "script",
    [
        '<!--\n{"@type": "JobPosting", "title": "T", "hiringOrganization": "C"}\n-->',
        "{&quot;@type&quot;: &quot;JobPosting&quot;, &quot;title&quot;: &quot;T&quot;, "
        "&quot;hiringOrganization&quot;: &quot;C&quot;}",
        '{"@type": "JobPosting", "title": "T", "hiringOrganization": "C"}'
        '{"@type": "Organization", "name": "C"}',
        '{"@type": "schema:JobPosting", "title": "T", "hiringOrganization": {"name": "C"}}',
        '{"@context": "https://schema.org", "@type": "WebPage", "mainEntity": '
        '{"@type": "http://schema.org/JobPosting", "title": "T", "hiringOrganization": "C"}}',
        '{"@type": "JobPosting", "title": "T", "hiringOrganization": "C", '
        '"description": "We\\\'re hiring \\- now"}',
    ],
    ids=[
        "comment-wrapper",
        "html-escaped",
        "concatenated",
        "prefixed-type",
        "main-entity",
        "invalid-escapes",
    ],
)
def test_broken_json_ld_real_pages_write_is_still_read(script: str) -> None:
    page = f'<html><head><script type="application/ld+json">{script}</script></head></html>'
    posting = posting_read(page, url="").posting
    assert (posting.title, posting.company) == ("T", "C")


def test_one_unreadable_block_does_not_hide_the_next() -> None:
    page = (
        '<script type="application/ld+json">{"@type": "JobPosting", "title": </script>'
        '<script type="application/ld+json; charset=utf-8">'
        '{"@type": "JobPosting", "title": "T", "hiringOrganization": "C"}</script>'
    )
    assert posting_read(page, url="").posting.title == "T"


@pytest.mark.parametrize(
    ("site", "employer"),
    [
        ("Careers at Acme", "Acme"),
        ("Acme Careers", "Acme"),
        ("Acme - Jobs", "Acme"),
        ("Acme", "Acme"),
        ("LinkedIn", ""),
        ("Greenhouse Careers", ""),
        ("Careers", ""),
    ],
)
def test_a_careers_sites_name_gives_its_employer(site: str, employer: str) -> None:
    assert employer_of_site(site) == employer


def test_a_posting_without_its_employer_takes_the_careers_sites() -> None:
    page = (
        '<html><head><meta property="og:site_name" content="Tidewater Energy Careers">'
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "Rigger"}</script>'
        "</head></html>"
    )
    reading = posting_read(page, url="")
    assert reading.posting.company == "Tidewater Energy"
    assert reading.complete


@pytest.mark.parametrize(
    "title",
    ["Data Engineer - Acme", "Acme | Data Engineer", "Data Engineer \u2013 ACME", "Data Engineer"],
)
def test_the_employers_name_leaves_a_pages_title(title: str) -> None:
    page = f'<title>{title}</title><meta property="og:site_name" content="Acme Careers">'
    posting = posting_read(page, url="").posting
    assert (posting.title, posting.company) == ("Data Engineer", "Acme")
