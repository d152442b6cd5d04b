"""Full names written family name first, after a comma ("Wurst, Hans"): the order of a sorted
list, and how Open-Xchange (FN:Wurst\\, Hans) and Outlook's "File As" write a card's name.
Read in the order people read it when the record's own family and given names say so."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_contacts_csv, parse_vcard
from rapport.imports.parse.common import in_reading_order


@pytest.mark.parametrize(
    ("written", "family", "given", "read"),
    [
        ("Wurst, Hans", "Wurst", ("Hans",), "Hans Wurst"),
        ("Wurst,Hans", "Wurst", ("Hans",), "Hans Wurst"),
        ("van der Berg, Anna", "van der Berg", ("Anna",), "Anna van der Berg"),
        ("Wurst, Hans Peter", "Wurst", ("Hans", "Hans Peter"), "Hans Peter Wurst"),
        ("MÜLLER, Jürgen", "Müller", ("Jurgen",), "Jürgen MÜLLER"),  # as written, reordered
        ("Lee, PhD", "Lee", ("Ann",), "Lee, PhD"),  # not the given name: kept
        ("Lee, Ann, PhD", "Lee", ("Ann",), "Lee, Ann, PhD"),
        ("Ann Lee", "Lee", ("Ann",), "Ann Lee"),
        ("Wurst, Hans", "", ("Hans",), "Wurst, Hans"),  # no family name to go by
        ("Wurst, Hans", "Wurst", ("",), "Wurst, Hans"),
    ],
)
def test_in_reading_order(written: str, family: str, given: tuple[str, ...], read: str) -> None:
    assert in_reading_order(written, family, *given) == read


def test_a_vcard_whose_fn_is_family_name_first(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nPRODID:OPEN-XCHANGE\nFN:Prinz\\, Tobias\n"
        "N:Prinz;Tobias;;;\nEMAIL:tobias@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Wurst\\, Hans Peter\nN:Wurst;Hans;Peter;;\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Lee\\, Ann\nN:Lee;Anna;;;\nEND:VCARD\n"
    )
    source = parse_vcard(write(tmp_path, "contacts.vcf", text))
    assert [c.full_name for c in source.contacts] == [
        "Tobias Prinz",
        "Hans Peter Wurst",
        "Lee, Ann",
    ]
    assert source.warnings == []


def test_a_vcard_without_uid_is_still_known_by_its_name_as_written(tmp_path: Path) -> None:
    # A card without UID is known by its name as written: importing the same file again
    # after this change finds the same records.
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:{}\nN:Prinz;Tobias;;;\nEND:VCARD\n"
    reordered = parse_vcard(write(tmp_path, "a.vcf", card.format("Prinz\\, Tobias")))
    plain = parse_vcard(write(tmp_path, "b.vcf", card.format("Tobias Prinz")))
    assert reordered.contacts[0].full_name == plain.contacts[0].full_name == "Tobias Prinz"
    assert reordered.contacts[0].source_key != plain.contacts[0].source_key


def test_a_thunderbird_display_name_family_name_first(tmp_path: Path) -> None:
    text = (
        "First Name,Last Name,Display Name,Nickname,Primary Email\n"
        'Hans,Wurst,"Wurst, Hans",,hans@example.com\n'
        'Ann,Lee,"Lee, PhD",,ann@example.com\n'
    )
    source = parse_contacts_csv(write(tmp_path, "thunderbird.csv", text))
    assert [c.full_name for c in source.contacts] == ["Hans Wurst", "Lee, PhD"]
