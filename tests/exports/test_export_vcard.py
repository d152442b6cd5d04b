"""The vCard export: one 4.0 file that address books (and vobject) read back intact."""

from __future__ import annotations

from typing import Any

import pytest
import vobject
from tests.exports.exports_helpers import TRICKY_NOTES, network_populate

from rapport.accounts.models import User
from rapport.exports.selectors import export_vcard
from rapport.exports.vcard import fold


@pytest.fixture
def cards(owner: User, other: User) -> dict[str, Any]:
    network_populate(owner)
    network_populate(other, prefix="Secret ")
    text = export_vcard(owner=owner)
    return {card.fn.value: card for card in vobject.readComponents(text)}


def test_every_person_is_a_version_4_card(cards: dict[str, Any]) -> None:
    assert sorted(cards) == ["Ana Souza", "Bo Lindqvist", "Doe, Jane", "Zoë Łukasiewicz-O'Brien"]
    assert {card.version.value for card in cards.values()} == {"4.0"}


def test_names_emails_phones_org_title_and_notes_survive_commas_and_newlines(
    cards: dict[str, Any],
) -> None:
    ana = cards["Ana Souza"]
    assert (ana.n.value.family, ana.n.value.given) == ("Souza", "Ana")
    assert [e.value for e in ana.email_list] == ["ana@example.com"]
    assert [t.value for t in ana.tel_list] == ["+41 44 668 18 00"]
    assert ana.org.value == ["Acme, Inc."]
    assert ana.title.value == "Director, Learning; Design"
    expected_note = TRICKY_NOTES.replace("\r\n", "\n").replace("\t", "\t")
    assert ana.note.value == expected_note
    assert ana.categories.value == ["+1 formula tag", "learning design", "mentor"]


def test_the_linkedin_profile_and_websites_are_urls(cards: dict[str, Any]) -> None:
    urls = [u.value for u in cards["Ana Souza"].url_list]
    assert urls == ["https://ana.example/", "https://www.linkedin.com/in/ana-souza/"]


def test_a_name_with_a_comma_and_accents_keeps_them(cards: dict[str, Any]) -> None:
    jane = cards["Doe, Jane"]
    assert (jane.n.value.family, jane.n.value.given) == ("Doe", "Jane")
    assert jane.note.value == "=SUM(1)"
    zoe = cards["Zoë Łukasiewicz-O'Brien"]
    assert not hasattr(zoe, "org")  # her only job has ended


def test_lines_end_in_crlf_and_are_folded_at_75_octets(owner: User) -> None:
    network_populate(owner)
    text = export_vcard(owner=owner)
    lines = text.split("\r\n")
    assert lines[-1] == ""
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)
    assert "\n" not in text.replace("\r\n", "")


def test_folding_never_splits_a_character() -> None:
    line = "NOTE:" + "é東" * 40
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))


def test_another_users_people_are_not_in_the_file(owner: User, other: User) -> None:
    network_populate(owner)
    network_populate(other, prefix="Secret ")
    assert "Secret" not in export_vcard(owner=owner)
