"""Company keys: the spellings of one company meet under one key, and no others do."""

from __future__ import annotations

import pytest

from rapport.core.text import company_key


@pytest.mark.parametrize(
    "spellings",
    [
        (
            "The Gates Foundation",
            "Gates Foundation",
            "Gates Foundation, The",
            "THE GATES FOUNDATION",
        ),
        ("Gates Foundation (The)", "Gates Foundation Inc., The", "The  Gates Foundation"),
        ("Amazon Web Services (AWS)", "Amazon Web Services", "Amazon Web Services [AWS]"),
        ("Foo Labs (acquired by Bar)", "Foo Labs", "Foo Labs (AWS) (acquired by Bar)"),
        ("Foo Labs (UK) Ltd", "Foo Labs Ltd (UK)", "Foo Labs"),
        ("Foo Labs (truncated by an expo", "Foo Labs"),
        ("Ernst & Young", "Ernst and Young", "Ernst&Young", "Ernst + Young", "Ernst & Young LLP"),
        ("Procter & Gamble Co.", "Procter and Gamble", "Procter &amp; Gamble", "Procter & Gamble"),
        ("AT&T", "AT and T", "AT&T Inc.", "AT & T"),
        ("A+E Networks", "A&E Networks", "A and E Networks"),
        ("The Home Depot, Inc.", "Home Depot"),
    ],
)
def test_spellings_of_one_company_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({company_key(spelling) for spelling in spellings}) == 1, [
        company_key(spelling) for spelling in spellings
    ]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Amazon Web Services (AWS)", "amazon web services"),
        ("The Gates Foundation", "gates foundation"),
        ("Ernst & Young", "ernst and young"),
        ("AT&T", "at and t"),
        ("Johnson & Johnson", "johnson and johnson"),
        ("& Other Stories", "and other stories"),
        ("Foo (Bar) Baz", "foo (bar) baz"),  # a bracket inside the name is part of it
        # Nothing but an affix: the key keeps the letters rather than become empty.
        ("The", "the"),
        ("The, The", "the"),
        ("(AWS)", "aws"),
        ("[Stealth startup]", "stealth startup"),
        ("The (AWS)", "the"),
        ("Inc.", "inc"),
        ("Theranos", "theranos"),  # only the word "The" goes
        ("Mothership", "mothership"),
        ("C++ Guild", "c++ guild"),  # a plus not between two words stays
        ("Google+ Team", "google+ team"),
    ],
)
def test_a_company_key(name: str, key: str) -> None:
    assert company_key(name) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Meta", "Metabase"),
        ("Apple", "Apple Bank"),
        ("Foo (Bar) Baz", "Foo Baz"),
        ("Ernst & Young", "Ernst Young"),
        ("Johnson & Johnson", "Johnson"),
        ("Theranos", "Ranos"),
        ("Bank of America", "America"),
    ],
)
def test_other_companies_keep_other_keys(a: str, b: str) -> None:
    assert company_key(a) != company_key(b)


def _balanced(key: str) -> bool:
    depth = {"(": 0, "[": 0, "{": 0}
    closers = {")": "(", "]": "[", "}": "{"}
    for char in key:
        if char in depth:
            depth[char] += 1
        elif char in closers:
            depth[closers[char]] -= 1
            if depth[closers[char]] < 0:
                return False
    return not any(depth.values())


@pytest.mark.parametrize(
    "name",
    [
        "Amazon Web Services (AWS)",
        "Foo (Bar",
        "Foo Bar)",
        "Fo)o Bar",
        "Foo (Bar (Baz))",
        "Foo [Bar (Baz]",
        "(AWS",
        "((Foo)",
        "Foo ((Bar) Baz",
        "Foo Ltd (",
        "Foo) (Bar",
        "Foo }{ Bar",
    ],
)
def test_a_key_never_has_unbalanced_brackets(name: str) -> None:
    key = company_key(name)
    assert _balanced(key), key
    assert key


@pytest.mark.parametrize("name", ["The", "(The)", "The ()", ", The", "&", "Co.", "LLC", "(Inc.)"])
def test_a_name_with_letters_never_gets_an_empty_key(name: str) -> None:
    assert any(char.isalnum() for char in company_key(name))


def test_a_name_without_letters_keeps_its_folded_self() -> None:
    assert company_key("()") == "()"
    assert company_key("+") == "+"
    assert company_key(".com") == ".com"
