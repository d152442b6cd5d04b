"""`rapport search QUERY [--json] [--user NAME]` and `rapport reindex`."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings
from tests.search.search_factories import (
    company,
    job,
    person,
)

from rapport.accounts.models import User


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def maria(owner: User) -> int:
    maria = person(owner, "Maria Kowalski", headline="Recruiter")
    job(maria, company(owner, "Stripe"))
    person(owner, "Bob Stone", notes="Kowalski's friend")
    return maria.pk


def test_json_lists_typed_results_best_first(maria: int) -> None:
    output = json.loads(run("search", "kowalski", "--json"))
    assert output == {
        "results": [
            {
                "type": "person",
                "id": maria,
                "title": "Maria Kowalski",
                "snippet": "Recruiter · Stripe",
            },
            {
                "type": "person",
                "id": maria + 1,
                "title": "Bob Stone",
                "snippet": "Kowalski's friend",
            },
        ]
    }


@pytest.mark.usefixtures("maria")
def test_words_of_the_query_may_come_as_separate_arguments() -> None:
    results = json.loads(run("search", "maria", "stripe", "--json", "--type", "person"))["results"]
    assert [r["title"] for r in results] == ["Maria Kowalski"]


@pytest.mark.usefixtures("maria")
def test_plain_output_shows_type_title_and_snippet() -> None:
    output = run("search", "stripe")
    assert "company       Stripe" in output
    assert "person        Maria Kowalski" in output
    assert "Recruiter · Stripe" in output
    assert run("search", "zebra").strip() == "Nothing matches."


@pytest.mark.usefixtures("maria")
def test_in_server_mode_it_searches_the_named_users_data_only(
    other: User, settings: Settings
) -> None:
    settings.LOCAL_MODE = False
    person(other, "Mallory Kowalski")
    results = json.loads(run("search", "kowalski", "--json", "--user", "mallory"))["results"]
    assert [r["title"] for r in results] == ["Mallory Kowalski"]


@pytest.mark.usefixtures("maria")
def test_hostile_arguments_are_just_text() -> None:
    assert json.loads(run("search", '"NEAR(', "--json")) == {"results": []}


@pytest.mark.usefixtures("maria")
def test_reindex_rebuilds_everyones_or_one_users_index() -> None:
    assert run("reindex", "--all") == "Rebuilt the search index: 3 documents.\n"
    assert run("reindex") == "Rebuilt the search index: 3 documents.\n"
    assert (
        json.loads(run("search", "kowalski", "--json"))["results"][0]["title"] == "Maria Kowalski"
    )
