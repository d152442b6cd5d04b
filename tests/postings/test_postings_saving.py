"""Saving a posting as an opportunity: matched company, one opportunity per posting."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from tests.network.warm_network import Network

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.companies.services import company_find_or_create
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.services import opportunity_create, opportunity_move
from rapport.postings.intake import page_read_given
from rapport.postings.models import Posting
from rapport.postings.reading import PostingData, Reading
from rapport.postings.selectors import warm_path_count
from rapport.postings.services import posting_save

PAGES = Path(__file__).parent / "pages"
LINK = "https://job-boards.greenhouse.io/northwindrobotics/jobs/4012345005"


def read(name: str, url: str = LINK) -> Reading:
    return page_read_given(document=(PAGES / name).read_bytes(), url=url)


def test_a_saved_posting_becomes_a_lead_with_its_details(owner: User) -> None:
    reading = read("workday.html", url="https://cobaltfreight.wd5.myworkdayjobs.com/job/1")
    saved = posting_save(owner=owner, data=reading.posting, read_from=reading.read_from)
    opportunity = Opportunity.objects.get(owner=owner)
    assert saved.created
    assert (opportunity.title, opportunity.company.name) == (
        "Data Analyst, Supply Chain",
        "Cobalt Freight Inc.",
    )
    assert opportunity.stage == Stage.LEAD
    assert opportunity.deadline == dt.date(2024, 4, 30)
    assert opportunity.url == "https://cobaltfreight.wd5.myworkdayjobs.com/job/1"
    posting = Posting.objects.get(opportunity=opportunity)
    assert posting.location == "Austin, Texas, United States of America"
    assert posting.read_from == "json-ld"
    assert "<li><p>Build dashboards in SQL and Python</p></li>" in posting.description


def test_the_company_is_matched_by_the_keys_imports_use(owner: User) -> None:
    imported, _ = company_find_or_create(owner=owner, name="Cobalt Freight")
    saved = posting_save(owner=owner, data=read("workday.html").posting)
    assert saved.opportunity.company == imported  # "Cobalt Freight Inc." is the same company
    assert Company.objects.filter(owner=owner).count() == 1


def test_a_company_known_by_an_alias_is_matched(owner: User) -> None:
    company, _ = company_find_or_create(owner=owner, name="Harbour")
    company.aliases.create(owner=owner, name="Harbour Bank")
    saved = posting_save(owner=owner, data=read("linkedin.html").posting)
    assert saved.opportunity.company == company


def test_an_unknown_company_is_created(owner: User) -> None:
    posting_save(owner=owner, data=read("ashby.html").posting)
    assert list(Company.objects.filter(owner=owner).values_list("name", flat=True)) == [
        "Quill Labs"
    ]


def test_saving_the_same_link_twice_updates_the_opportunity(owner: User) -> None:
    first = posting_save(owner=owner, data=read("greenhouse.html").posting)
    opportunity_move(opportunity=first.opportunity, stage=Stage.CONNECTED)
    changed = replace(read("greenhouse.html").posting, title="Staff Backend Engineer, Payments")
    again = posting_save(owner=owner, data=replace(changed, source_url=LINK + "?gh_src=abc#app"))
    assert not again.created
    assert again.opportunity.pk == first.opportunity.pk
    first.opportunity.refresh_from_db()
    assert first.opportunity.title == "Staff Backend Engineer, Payments"
    assert first.opportunity.stage == Stage.CONNECTED  # your progress stays
    assert Opportunity.objects.filter(owner=owner).count() == 1
    assert Posting.objects.filter(owner=owner).count() == 1


def test_the_same_title_at_the_same_company_is_the_same_posting(owner: User) -> None:
    first = posting_save(
        owner=owner, data=read("lever.html", url="https://jobs.lever.co/lumen/1").posting
    )
    data = replace(read("lever.html").posting, company="Lumen Health Ltd", title="product designer")
    again = posting_save(
        owner=owner, data=replace(data, source_url="https://lumen.example/careers/9")
    )
    assert again.opportunity.pk == first.opportunity.pk


def test_a_closed_opportunity_with_that_title_is_not_reopened(owner: User) -> None:
    first = posting_save(
        owner=owner, data=read("lever.html", url="https://jobs.lever.co/lumen/1").posting
    )
    opportunity_move(opportunity=first.opportunity, stage=Stage.REJECTED)
    again = posting_save(
        owner=owner, data=read("lever.html", url="https://jobs.lever.co/lumen/2").posting
    )
    assert again.created


def test_an_opportunity_typed_with_the_postings_link_is_the_same_posting(owner: User) -> None:
    company, _ = company_find_or_create(owner=owner, name="Harbour Bank")
    typed = opportunity_create(
        owner=owner,
        company=company,
        title="SRE",
        url="https://www.linkedin.com/jobs/view/3891234567/",
    )
    search_page = "https://www.linkedin.com/jobs/collections/recommended/?currentJobId=3891234567"
    saved = posting_save(owner=owner, data=read("linkedin.html", url=search_page).posting)
    assert saved.opportunity.pk == typed.pk


def test_another_users_posting_is_never_updated(owner: User, other: User) -> None:
    theirs = posting_save(owner=other, data=read("greenhouse.html").posting)
    mine = posting_save(owner=owner, data=read("greenhouse.html").posting)
    assert mine.created
    assert mine.opportunity.pk != theirs.opportunity.pk
    assert mine.opportunity.company.owner == owner


def test_a_posting_without_title_or_company_is_refused_and_nothing_written(owner: User) -> None:
    with pytest.raises(ValidationError) as raised:
        posting_save(owner=owner, data=PostingData(title="  ", company=""))
    assert set(raised.value.message_dict) == {"title", "company"}
    assert not Opportunity.objects.filter(owner=owner).exists()
    assert not Company.objects.filter(owner=owner).exists()


def test_a_description_given_by_the_form_is_sanitised_again(owner: User) -> None:
    data = PostingData(
        title="T", company="C", description='<p onclick="x()">Hi</p><script>x()</script>'
    )
    saved = posting_save(owner=owner, data=data)
    assert saved.posting.description == "<p>Hi</p>"


def test_warm_paths_are_found_into_the_saved_company(owner: User) -> None:
    net = Network(owner)
    ana = net.person("Ana Souza")
    net.job(ana, "Northwind Robotics", "Staff Engineer")
    net.talk(ana, on=dt.date(2026, 11, 1))
    saved = posting_save(owner=owner, data=read("greenhouse.html").posting)
    today = dt.date(2026, 11, 20)
    assert warm_path_count(owner=owner, opportunity=saved.opportunity, today=today) == 1
