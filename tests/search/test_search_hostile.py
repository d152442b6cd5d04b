"""Whatever is typed is text: no query syntax leaks through, nothing raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.search.search_factories import (
    Find,
    company,
    job,
    person,
    titles,
)

from rapport.accounts.models import User
from rapport.search.query import MAX_QUERY_LENGTH, MAX_TERMS, Term, clean, parse

HOSTILE = [
    '"',
    '""',
    '"unbalanced kowal',
    'a"b"c',
    "*",
    "kowal*",
    "**kowal",
    "NEAR(maria kowalski)",
    "NEAR/2",
    "maria AND kowalski",
    "maria OR bob",
    "NOT maria",
    "-maria",
    "+maria",
    "^maria",
    "full_name:maria",
    "title:kowal",
    "{title body}: kowal",
    "maria:*",
    "'",
    "''",
    "\\",
    "\\'",
    "a & b | !c <-> d",
    "(",
    "kowal)",
    "[]{}",
    "%",
    "%s %(x)s",
    "_",
    ";",
    "'; DROP TABLE people_person; --",
    '") OR 1=1 --',
    "😀",
    "😀 kowal",
    "\x00",
    "kow\x00al",
    "\x02kowal\x03",
    "\ud800",
    "\u202e kowal",
    "ﬁ İ ß",
    "\U0001d518\U0001d52b\U0001d526",  # mathematical fraktur letters
    "a" * 10_000,
    "é" * 5_000,
    " ".join(["kowal"] * 500),
    "\t\n\r kowal \x0b",
]


@pytest.fixture
def maria(owner: User) -> None:
    job(
        person(owner, "Maria Kowalski", notes='She said "NEAR" and -1 OR 2'),
        company(owner, "Stripe"),
    )


@pytest.fixture(params=["exact", "broad"])
def ranking(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run a test with exact ranking, and with the cheaper one SQLite uses for broad queries."""
    if request.param == "broad":
        monkeypatch.setattr("rapport.search.backends.sqlite.EXACT_LIMIT", 0)


@pytest.mark.usefixtures("maria", "ranking")
@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_searched_as_text(find: Find, query: str) -> None:
    found = find(query, tag="x'; --", company='"', target_status="*")
    assert found.total == 0
    found = find(query)
    assert found.total == len(found.hits)


@pytest.mark.usefixtures("maria", "ranking")
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("kowal*", True),
        ("NEAR kowal", True),  # "near" is in her notes
        ("maria AND kowal", True),  # so is "and"
        ("maria OR bob", False),  # as an operator OR would find her; as a word, bob is missing
        ('"unbalanced kowal', False),  # an unbalanced quote is dropped, "unbalanced" is a word
        ("-kowalski", True),  # not an exclusion
    ],
)
def test_operators_are_words_to_look_for(find: Find, query: str, found: bool) -> None:
    assert titles(find(query)) == (["Maria Kowalski"] if found else [])


@pytest.mark.usefixtures("maria")
def test_quotes_and_punctuation_in_the_data_are_found_as_words(find: Find) -> None:
    assert titles(find('"near" "or"')) == ["Maria Kowalski"]


@pytest.mark.usefixtures("maria", "ranking")
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.text(max_size=300))
def test_random_text_never_raises(find: Find, query: str) -> None:
    found = find(query, types=["person", "company"], limit=5)
    assert len(found.hits) <= 5


@given(text=st.text(max_size=2000))
def test_parsed_terms_are_bounded_and_never_empty(text: str) -> None:
    terms = parse(text)
    assert len(terms) <= MAX_TERMS
    assert all(any(c.isalnum() for c in term.text) for term in terms)
    assert sum(len(term.text) for term in terms) <= MAX_QUERY_LENGTH


def test_words_and_phrases_are_quoted_and_the_last_word_is_a_prefix() -> None:
    assert parse('data "team lead" kowal') == (
        Term("data"),
        Term("team lead", phrase=True),
        Term("kowal", prefix=True),
    )


def test_a_final_phrase_or_one_letter_is_not_a_prefix() -> None:
    assert parse('"data team"') == (Term("data team", phrase=True),)
    assert parse("maria k") == (Term("maria"), Term("k"))


def test_quotes_inside_terms_are_doubled_for_each_database() -> None:
    term = Term("o\"brien's \\", prefix=True)
    assert term.fts5() == '"o""brien\'s \\"*'
    assert term.tsquery() == "'o\"brien''s \\\\':*"


def test_control_characters_and_lone_surrogates_are_dropped() -> None:
    assert clean("kow\x00al\ud800 \x02x\x03") == "kow al x"
