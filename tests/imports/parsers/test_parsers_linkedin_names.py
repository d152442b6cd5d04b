"""LinkedIn names: credentials after commas and in brackets, lists of recipients (#11)."""

from __future__ import annotations

import pytest

from rapport.imports.parse.linkedin_messages import names_segment, sponsored
from rapport.imports.parse.linkedin_names import (
    family_name,
    is_credential,
    names_with_credentials,
    split_top_level,
    without_credentials,
)


@pytest.mark.parametrize(
    ("written", "family"),
    [
        ("Smith", "Smith"),
        ("Smith, PhD", "Smith"),
        ("Okonkwo (ACIPM, HRPL), MILR", "Okonkwo"),
        ("Okonkwo (ACIPM, HRPL)", "Okonkwo"),
        ("Lee,", "Lee"),
        ("Lee, ", "Lee"),
        ("Khan, MBA, PMP", "Khan"),
        ("Smith (Jones)", "Smith (Jones)"),  # a maiden name is a name
        ("García Núñez, CFA®", "García Núñez"),
        ("van der Berg [MSc]", "van der Berg"),
        ("(ACIPM)", "(ACIPM)"),  # nothing else to keep
    ],
)
def test_the_family_name_drops_credentials_only(written: str, family: str) -> None:
    assert family_name(written) == family


@pytest.mark.parametrize(
    "part",
    [
        *("PhD", "MBA", "CPA", "Jr.", "P.Eng.", "MSc", "CFA®", "(ACIPM, HRPL)", "MILR", "III"),
        *("she/her", "(They/Them)", "EdD", "M.A."),
    ],
)
def test_credentials(part: str) -> None:
    assert is_credential(part)


@pytest.mark.parametrize("part", ["Bob Smith", "Carl", "Ng", "Li Wei", "(née Schmidt)", "陈伟"])
def test_names_are_not_credentials(part: str) -> None:
    assert not is_credential(part)


def test_commas_inside_brackets_do_not_split() -> None:
    text = "Kemi Okonkwo (ACIPM, HRPL), MILR; Ann Lee"
    assert split_top_level(text) == ["Kemi Okonkwo (ACIPM, HRPL)", "MILR", "Ann Lee"]


def test_a_list_splits_into_the_longest_known_names() -> None:
    known = {"sam rivera, mba", "ann lee", "kemi okonkwo (acipm, hrpl), milr"}
    parts = split_top_level("Sam Rivera, MBA, Ann Lee, PhD, Kemi Okonkwo (ACIPM, HRPL), MILR, X Y")
    people, rest = names_segment(parts, lambda name: name.casefold() in known)
    assert people == ["Sam Rivera, MBA", "Ann Lee", "Kemi Okonkwo (ACIPM, HRPL), MILR"]
    assert rest == ["X Y"]


@pytest.mark.parametrize(
    ("title", "sender", "url", "content", "expected"),
    [
        ("", "Ana Souza", "https://www.linkedin.com/in/ana", "Hi", False),
        ("", "LinkedIn Member", "", "Hi", False),
        ("", "Ana Souza", "https://www.linkedin.com/in/ana", "Hi %FIRSTNAME%", True),
        ("Sponsored", "Ana Souza", "https://www.linkedin.com/in/ana", "Hi", True),
        ("Gesponsert", "Ana Souza", "", "Hi", True),
        ("", "Acme", "https://www.linkedin.com/company/acme/", "Hi", True),
        ("", "Acme U", "https://www.linkedin.com/school/acme-u", "Hi", True),
        ("", "Jen from LinkedIn", "", "Try Premium", True),
        ("", "LinkedIn Premium", "", "Try Premium", True),
        ("", "Ana", "https://www.linkedin.com/in/ana", '<div class="spinmail-x">Hi</div>', True),
        ("Team sync", "Ana", "https://www.linkedin.com/in/ana", "sponsored by Acme", False),
    ],
)
def test_sponsored_and_linkedin_messages_are_told_apart(
    title: str, sender: str, url: str, content: str, expected: bool
) -> None:
    assert sponsored(title, sender, url, content) is expected


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Ann Lee, she/her", "Ann Lee"),
        ("Kemi Okonkwo (ACIPM, HRPL), MILR", "Kemi Okonkwo"),
        ("Sam Rivera, MBA", "Sam Rivera"),
        ("Maria Smith (Jones)", "Maria Smith (Jones)"),
        ("Ana Souza", "Ana Souza"),
    ],
)
def test_a_full_name_without_credentials(name: str, bare: str) -> None:
    assert without_credentials(name) == bare


def test_a_list_of_names_keeps_each_ones_credentials() -> None:
    text = "Ann Lee, PhD, Carl Ng; Kemi Okonkwo (ACIPM, HRPL), MILR, she/her"
    assert names_with_credentials(text) == [
        "Ann Lee, PhD",
        "Carl Ng",
        "Kemi Okonkwo (ACIPM, HRPL), MILR, she/her",
    ]
