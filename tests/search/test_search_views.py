"""The results page, its htmx region, and the header box's dropdown."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from tests.search.search_factories import (
    company,
    conversation,
    job,
    opportunity,
    person,
)

from rapport.accounts.models import User

URL = reverse("search:results")
BOX = {"HX-Request": "true", "HX-Target": "search-box-results"}


@pytest.fixture
def network(owner: User) -> dict[str, str]:
    stripe = company(owner, "Stripe")
    maria = person(owner, "Maria Kowalski", notes="<script>alert(1)</script> stripe fan")
    job(maria, stripe)
    talk = conversation(owner, "stripe referral", with_=[maria])
    role = opportunity(stripe, "Engineer")
    return {
        "company": reverse("companies:detail", args=[stripe.pk]),
        "person": reverse("people:detail", args=[maria.pk]),
        "conversation": reverse("conversations:detail", args=[talk.pk]),
        "opportunity": reverse("opportunities:detail", args=[role.pk]),
    }


def test_the_results_page_links_every_result_to_its_page(
    client_owner: Client, network: dict[str, str]
) -> None:
    page = client_owner.get(URL, {"q": "stripe"}).content.decode()
    for url in network.values():
        assert f'href="{url}"' in page
    assert "4 results for “stripe”" in page
    assert "<mark>Stripe</mark>" in page


def test_stored_markup_shows_as_text(client_owner: Client, network: dict[str, str]) -> None:
    page = client_owner.get(URL, {"q": "kowalski"}).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)" in page or "alert(1)&lt;/script&gt;" in page


@pytest.mark.usefixtures("network")
def test_the_type_tabs_show_counts_and_filter(client_owner: Client) -> None:
    page = client_owner.get(URL, {"q": "stripe", "type": "person"}).content.decode()
    assert "1 result for “stripe”" in page
    assert 'aria-current="page">People <span class="badge">1</span>' in page
    assert 'Everything <span class="badge">4</span>' in page


@pytest.mark.usefixtures("network")
def test_filters_come_from_the_query_string(client_owner: Client) -> None:
    page = client_owner.get(URL, {"q": "stripe", "company": "Stripe", "tag": "nope"})
    assert "0 results for “stripe”, filtered" in page.content.decode()


def test_the_page_without_a_query_explains_what_to_type(client_owner: Client) -> None:
    response = client_owner.get(URL)
    assert response.status_code == 200
    assert "Type a name, a company" in response.content.decode()


def test_more_results_are_a_page_away(owner: User, client_owner: Client) -> None:
    for n in range(25):
        person(owner, f"Anna Number{n}")
    first = client_owner.get(URL, {"q": "anna"}).content.decode()
    second = client_owner.get(URL, {"q": "anna", "page": "2"}).content.decode()
    assert "More results" in first
    assert "?q=anna&amp;page=2" in first
    assert first.count('class="search-hit"') == 20
    assert second.count('class="search-hit"') == 5
    assert "More results" not in second


@pytest.mark.usefixtures("network")
def test_htmx_gets_only_the_results_region(client_owner: Client) -> None:
    response = client_owner.get(URL, {"q": "stripe"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<html" not in html


def test_the_header_box_gets_the_top_eight_and_a_link_to_all(
    owner: User, client_owner: Client
) -> None:
    for n in range(12):
        person(owner, f"Anna Number{n}")
    html = client_owner.get(URL, {"q": "ann"}, headers=BOX).content.decode()
    assert "<html" not in html
    assert html.count("<li>") == 8
    assert "See all 12 results" in html
    assert "?q=ann" in html


def test_the_header_box_says_when_nothing_matches(client_owner: Client) -> None:
    html = client_owner.get(URL, {"q": "zebra"}, headers=BOX).content.decode()
    assert "Nothing matches “zebra”" in html
    assert client_owner.get(URL, {"q": ""}, headers=BOX).content.decode().strip() == ""


@pytest.mark.usefixtures("network")
def test_another_user_finds_none_of_the_owners_data(client_other: Client) -> None:
    page = client_other.get(URL, {"q": "stripe kowalski"}).content.decode()
    box = client_other.get(URL, {"q": "stripe"}, headers=BOX).content.decode()
    assert "Kowalski" not in page
    assert "0 results" in page
    assert "Stripe" not in box
    assert "Nothing matches" in box


def test_it_asks_anonymous_visitors_to_log_in(client: Client) -> None:
    response = client.get(URL, {"q": "x"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.usefixtures("network")
@pytest.mark.parametrize("query", ['"', "kow\x00al", "a" * 5000, "NEAR(", "😀", "title:*"])
@pytest.mark.parametrize("headers", [{}, BOX])
def test_hostile_queries_never_fail_the_page(
    client_owner: Client, query: str, headers: dict[str, str]
) -> None:
    extra = {"type": "<x>", "page": "-3", "status": "';", "tag": "\x00"}
    assert client_owner.get(URL, {"q": query, **extra}, headers=headers).status_code == 200


def test_the_box_is_a_labelled_search_form_that_works_without_javascript(
    rf: RequestFactory,
) -> None:
    html = render_to_string("search/_box.html", request=rf.get("/"))
    assert f'action="{URL}"' in html
    assert 'method="get"' in html
    assert 'type="search"' in html
    assert 'name="q"' in html
    assert '<label for="search-box-q"' in html
    assert f'hx-get="{URL}"' in html
    assert 'hx-target="#search-box-results"' in html
    assert 'hx-trigger="input changed delay:150ms, search"' in html
    assert 'id="search-box-results"' in html
    assert 'aria-live="polite"' in html
    assert "style=" not in html
    assert "<script" not in html
