"""The small pieces of English the nudges are written with."""

from __future__ import annotations

import datetime as dt

import pytest
from playbook_world import World, days_ago, of_kind

from rapport.playbook.selectors import nudges_for_today
from rapport.playbook.text import a, ago, every, listing

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "today"),
        (1, "yesterday"),
        (5, "5 days ago"),
        (20, "2 weeks ago"),
        (75, "2 months ago"),
        (800, "2 years ago"),
    ],
)
def test_ago_says_how_long_ago_in_words(days: int, words: str) -> None:
    assert ago(TODAY - dt.timedelta(days=days), TODAY) == words


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (7, "every week"),
        (14, "every 2 weeks"),
        (30, "every month"),
        (60, "every 2 months"),
        (182, "every 6 months"),
        (364, "every year"),
        (45, "every 45 days"),
    ],
)
def test_every_says_a_cadence_in_words(days: int, words: str) -> None:
    assert every(days) == words


def test_listing_joins_names_like_a_person_would() -> None:
    assert listing([]) == ""
    assert listing(["Ana"]) == "Ana"
    assert listing(["Ana", "Bo", "Chen"]) == "Ana, Bo and Chen"


@pytest.mark.parametrize(
    ("noun", "words"),
    [
        ("call", "a call"),
        ("email exchange", "an email exchange"),
        ("Engineering Manager", "an Engineering Manager"),
        ("UX Researcher", "a UX Researcher"),
        ("SEO Specialist", "an SEO Specialist"),
        ("University Liaison", "a University Liaison"),
        ("hour-long call", "an hour-long call"),
        ("LinkedIn exchange", "a LinkedIn exchange"),
    ],
)
def test_a_noun_gets_the_article_it_is_said_with(noun: str, words: str) -> None:
    assert a(noun) == words


def test_an_email_conversation_is_thanked_in_good_english(world: World, today: dt.date) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"), channel="email")
    [nudge] = of_kind(nudges_for_today(owner=world.owner), "thank-you")
    assert "You had an email exchange with Ana Souza yesterday." in nudge.reason
