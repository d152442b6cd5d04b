"""What a search finds, and in which order."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.search.search_factories import (
    Find,
    alias,
    company,
    contact,
    conversation,
    job,
    opportunity,
    outcome,
    person,
    tag,
    titles,
)

from rapport.accounts.models import User
from rapport.people.models import Person


def test_a_name_match_ranks_above_a_notes_match(owner: User, find: Find) -> None:
    person(owner, "Maria Kowalski")
    person(owner, "Bob Stone", notes="Met Kowalski at the meetup")  # newer, still second
    assert titles(find("kowalski")) == ["Maria Kowalski", "Bob Stone"]


def test_a_company_ranks_above_the_people_who_work_there(owner: User, find: Find) -> None:
    stripe = company(owner, "Stripe")
    job(person(owner, "Ana Souza"), stripe)
    assert titles(find("stripe")) == ["Stripe", "Ana Souza"]


def test_recency_breaks_ties_between_equal_matches(owner: User, find: Find) -> None:
    older, newer = person(owner, "Anna Berg"), person(owner, "Anna Berg")
    Person.objects.filter(pk=older.pk).update(updated_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    Person.objects.filter(pk=newer.pk).update(updated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert [hit.id for hit in find("anna berg").hits] == [newer.pk, older.pk]


def test_the_latest_conversation_comes_first_among_equal_matches(owner: User, find: Find) -> None:
    conversation(owner, "Talked about the referral", on=dt.date(2026, 3, 1))
    conversation(owner, "Talked about the referral", on=dt.date(2026, 9, 1))
    assert [hit.when for hit in find("referral").hits] == [
        dt.date(2026, 9, 1),
        dt.date(2026, 3, 1),
    ]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("José Núñez", "jose nunez"),
        ("Jose Nunez", "josé núñez"),
        ("François Müller", "FRANCOIS muller"),
        ("Zoë Ærø", "zoe"),
    ],
)
def test_accents_and_case_are_ignored_both_ways(
    owner: User, find: Find, stored: str, typed: str
) -> None:
    person(owner, stored)
    assert titles(find(typed)) == [stored]


@pytest.mark.parametrize("typed", ["kowal", "KOWAL", "maria kowal", "mar", "ko"])
def test_the_last_word_matches_the_start_of_a_word(owner: User, find: Find, typed: str) -> None:
    person(owner, "Maria Kowalski")
    assert titles(find(typed)) == ["Maria Kowalski"]


def test_words_before_the_last_must_be_whole_words(owner: User, find: Find) -> None:
    person(owner, "Maria Kowalski")
    assert titles(find("kowal maria")) == []


def test_words_in_quotes_match_only_together_and_in_order(owner: User, find: Find) -> None:
    person(owner, "Ana Souza", notes="She runs the data team.")
    person(owner, "Bo Lind", notes="Team lead; knows data.")
    assert titles(find('"data team"')) == ["Ana Souza"]
    assert sorted(titles(find("data team"))) == ["Ana Souza", "Bo Lind"]


def test_every_word_must_match(owner: User, find: Find) -> None:
    stripe, google = company(owner, "Stripe"), company(owner, "Google")
    job(person(owner, "Anna Berg"), stripe)
    job(person(owner, "Anna Holm"), google)
    job(person(owner, "Bob Stone"), stripe)
    assert titles(find("anna stripe")) == ["Anna Berg"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("analyst", "Ana Souza"),  # headline
        ("lisbon", "Ana Souza"),  # location
        ("acme", "Ana Souza"),  # a past employer
        ("ana@example.org", "Ana Souza"),  # contact point
        ("mentor", "Ana Souza"),  # tag
        ("alphabet", "Google"),  # alias
        ("hiring manager", "Google"),  # referral protocol
        ("portfolio", "Conversation with Ana Souza, 2 Nov 2026"),  # outcome text
        ("tailor", "Data Analyst at Google"),  # tailoring notes
    ],
)
def test_it_searches_every_field_that_describes_a_row(
    owner: User, find: Find, query: str, expected: str
) -> None:
    ana = person(owner, "Ana Souza", headline="Data analyst", location="Lisbon")
    google = company(owner, "Google", referral_steps="Email the hiring manager first")
    alias(google, "Alphabet")
    job(ana, company(owner, "Acme"), current=False)
    contact(ana, "ana@example.org")
    tag(ana, "mentor")
    outcome(conversation(owner, with_=[ana]), "Send her my portfolio")
    opportunity(google, "Data Analyst", tailoring_notes="Tailor the resume to SQL")
    assert expected in titles(find(query))


def test_results_are_typed_and_counted(owner: User, find: Find) -> None:
    google = company(owner, "Google")
    job(person(owner, "Ana Souza"), google)
    conversation(owner, "Google is hiring", about=[google])
    opportunity(google, "Analyst")
    found = find("google")
    assert {hit.type for hit in found.hits} == {"person", "company", "conversation", "opportunity"}
    assert found.counts == {"person": 1, "company": 1, "conversation": 1, "opportunity": 1}
    assert found.total == 4


def test_limit_and_offset_page_through_the_results(owner: User, find: Find) -> None:
    for n in range(25):
        person(owner, f"Anna Number{n}")
    first, second = find("anna", limit=20), find("anna", limit=20, offset=20)
    assert (len(first.hits), first.has_more) == (20, True)
    assert (len(second.hits), second.has_more) == (5, False)
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}


def test_an_empty_query_finds_nothing_without_error(owner: User, find: Find) -> None:
    person(owner, "Ana Souza")
    assert find("   ").hits == []


def test_snippets_highlight_the_match(owner: User, find: Find) -> None:
    person(owner, "Bob Stone", notes="We met at the conference. Kowalski introduced us.")
    hit = find("kowalski").hits[0]
    assert "<mark>Kowalski</mark>" in hit.snippet_html
    assert "Kowalski introduced us" in hit.snippet
    assert "<mark>" not in hit.snippet


def test_titles_highlight_the_match(owner: User, find: Find) -> None:
    person(owner, "Maria Kowalski")
    assert find("kowal").hits[0].title_html == "Maria <mark>Kowalski</mark>"


def test_stored_markup_is_escaped_in_snippets_and_titles(owner: User, find: Find) -> None:
    person(owner, "<b>Eve</b> Stone", notes="<script>alert('kowalski')</script> & friends")
    hit = find("kowalski").hits[0]
    assert "<script>" not in hit.snippet_html
    assert "<b>" not in hit.title_html
    assert "alert(&#x27;<mark>kowalski</mark>&#x27;)&lt;/script&gt;" in hit.snippet_html
    assert "&amp; friends" in hit.snippet_html
    assert hit.title_html == "&lt;b&gt;Eve&lt;/b&gt; Stone"
    assert hit.title == "<b>Eve</b> Stone"


def test_a_broad_query_still_lists_title_matches_first_and_pages_through_everything(
    owner: User, find: Find, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite ranks a query matching thousands of documents more cheaply; make 3 "thousands".
    monkeypatch.setattr("rapport.search.backends.sqlite.EXACT_LIMIT", 3)
    for n in range(4):
        person(owner, f"Lisbon Person{n}")
        person(owner, f"Someone{n}", location="Lisbon")
    pages = [find("lisbon", limit=3, offset=offset) for offset in (0, 3, 6)]
    hits = [hit.title for page in pages for hit in page.hits]
    assert sorted(hits[:4]) == [f"Lisbon Person{n}" for n in range(4)]
    assert sorted(hits[4:]) == [f"Someone{n}" for n in range(4)]
    assert [page.total for page in pages] == [8, 8, 8]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Łukasz Nowak", "lukasz"),
        ("Łukasz Nowak", "ŁUKASZ nowak"),
        ("Søren Ærø", "soren aero"),
        ("Đorđe Petrović", "dorde petrovic"),
        ("Jürgen Weiß", "weiss"),
        ("Ayd\u0131n Y\u0131lmaz", "aydin yilmaz"),
        ("Chloé Cœur", "coeur"),
        ("Lukasz Nowak", "łukasz"),
    ],
)
def test_letters_without_an_accent_mark_fold_as_everywhere_else(
    owner: User, find: Find, stored: str, typed: str
) -> None:
    """The header search folds ł, ø, đ, ß, æ, œ, dotless i… as the type-ahead does (core.text.fold),
    on SQLite and PostgreSQL alike."""
    person(owner, stored)
    assert titles(find(typed)) == [stored]


def test_a_folded_match_in_a_note_is_found_too(owner: User, find: Find) -> None:
    person(owner, "Ana Souza", notes="Moved to Łódź in May")
    assert titles(find("lodz")) == ["Ana Souza"]
