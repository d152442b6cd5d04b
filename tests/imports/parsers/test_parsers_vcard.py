"""vCard 2.1, 3.0 and 4.0: one card or many, from phones, Apple, Google and Outlook."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.imports.parse import parse, parse_vcard
from rapport.imports.parse.records import ContactRecord, ImportFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "vcard"


def only_contact(path: Path) -> ContactRecord:
    (contact,) = parse_vcard(path).contacts
    return contact


def write(tmp_path: Path, text: str, name: str = "contacts.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_vcard_21_quoted_printable_with_soft_line_breaks_is_decoded() -> None:
    juergen = only_contact(FIXTURES / "android_21_qp.vcf")
    assert juergen.full_name == "Jürgen Müller, Dipl.-Ing."
    assert (juergen.first_name, juergen.last_name) == ("Jürgen", "Müller")
    assert juergen.notes == (
        "Met at the Berlin job fair \u2013 knows the referral process at Siemens.\nSecond line."
    )


def test_vcard_21_bare_types_folded_urls_and_the_first_org_component() -> None:
    juergen = only_contact(FIXTURES / "android_21_qp.vcf")
    assert juergen.phones == ["+49 170 1234567", "+49 30 7654321"]  # the fax is left out
    assert juergen.emails == ["juergen@example.de"]
    assert juergen.company == "Siemens AG"
    assert juergen.title == "Leiter Vertrieb"
    assert juergen.linkedin_url == "https://www.linkedin.com/in/juergen-mueller"


def test_apple_vcard_30_with_cr_cr_lf_line_ends_and_item_labels() -> None:
    jane, bob = parse_vcard(FIXTURES / "apple_30.vcf").contacts
    assert jane.source_key == "2E3F0A9C-1234-4B5C-9D8E-ABCDEF012345"
    assert jane.phones == ["+44 20 7946 0000"]  # item3 is labelled AssistantPhone
    assert jane.linkedin_url == "https://www.linkedin.com/in/jane-doe-globex"  # label "LinkedIn"
    assert jane.urls == ["http://www.globex.example", "http://twitter.com/janedoe"]
    assert jane.location == "London, United Kingdom"
    assert bob.linkedin_url == "https://www.linkedin.com/in/bob-ng"  # X-SOCIALPROFILE x-user
    assert bob.line == 22


def test_commas_in_fn_title_and_note_survive() -> None:
    jane = parse_vcard(FIXTURES / "apple_30.vcf").contacts[0]
    assert jane.full_name == "Jane Doe, Jr."
    assert jane.title == "Director, Talent Acquisition"
    assert jane.notes == "Introduced by Ana, said: ask about the referral portal.\nThank her."
    assert jane.company == "Globex Corporation"


def test_vcard_40_tel_uris_quoted_types_and_pref_order() -> None:
    simone = only_contact(FIXTURES / "rfc_40.vcf")
    assert simone.phones == ["+1-418-656-9254 ext. 102", "+1-418-262-6501"]
    assert simone.emails == ["simone@home.example", "simone@work.example"]  # PREF=1 first
    assert simone.source_key == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert simone.linkedin_url == "https://www.linkedin.com/in/simone-okafor"


def test_one_broken_card_does_not_cost_the_others() -> None:
    source = parse_vcard(FIXTURES / "multi_broken_photo.vcf")
    assert [c.full_name for c in source.contacts] == ["Alice One", "Bob Two", "Carol Three"]
    assert source.contacts[1].phones == ["+1 555 0100"]  # read past the truncated photo
    assert source.contacts[2].company == "Initech"
    assert source.skipped == 1
    assert source.warnings == [
        "multi_broken_photo.vcf, line 15: ORG is not valid UTF-8; unreadable characters replaced",
        "multi_broken_photo.vcf, line 23: 1 unreadable line(s) ignored in the card of line 17",
        "multi_broken_photo.vcf, line 26: card has no END:VCARD (cut short?); skipped",
    ]


def test_every_contact_knows_its_file_and_starting_line() -> None:
    source = parse_vcard(FIXTURES / "multi_broken_photo.vcf")
    assert [(c.file, c.line) for c in source.contacts] == [
        ("multi_broken_photo.vcf", 1),
        ("multi_broken_photo.vcf", 7),
        ("multi_broken_photo.vcf", 17),
    ]


def test_without_uid_the_key_is_stable_whatever_the_order_of_emails_and_phones(
    tmp_path: Path,
) -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Souza\n{}\nEND:VCARD\n"
    one = card.format("EMAIL:a@x.example\nEMAIL:b@x.example\nTEL:+1 555 0100")
    two = card.format("TEL:+1 (555) 0100\nEMAIL:b@x.example\nEMAIL:A@x.example")
    first = only_contact(write(tmp_path, one, "one.vcf"))
    second = only_contact(write(tmp_path, two, "two.vcf"))
    assert first.source_key == second.source_key
    assert first.source_key.startswith("sha256:")


def test_a_card_without_fn_is_named_from_n_then_email_and_one_with_only_org_is_a_company(
    tmp_path: Path,
) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nN:Okafor;Simone;;Dr.;PhD\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nORG:Initech\nTEL:555 0100\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nEMAIL;PREF:solo@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nCATEGORIES:Empty\nEND:VCARD\n"
    )
    source = parse_vcard(write(tmp_path, text))
    names = [c.full_name for c in source.contacts]
    assert names == ["Dr. Simone Okafor, PhD", "solo@example.com"]
    assert [(c.name, c.phones) for c in source.companies] == [("Initech", ["555 0100"])]
    assert source.skipped == 1
    assert "no name, e-mail or phone" in source.warnings[0]


def test_escaped_semicolons_stay_inside_a_component(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:A B\nORG:Smith\\; Sons;Sales\nEND:VCARD\n"
    assert only_contact(write(tmp_path, text)).company == "Smith; Sons"


def test_a_utf16_vcard_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_bytes((FIXTURES / "rfc_40.vcf").read_text().encode("utf-16"))
    assert only_contact(path).full_name == "Simone Okafor"


def test_a_file_that_does_not_start_with_begin_vcard_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "\n\nFirst Name,Last Name\nAna,Souza\n", "contacts.vcf")
    with pytest.raises(ImportFormatError, match="does not start with BEGIN:VCARD") as caught:
        parse_vcard(path)
    assert (caught.value.file, caught.value.line) == ("contacts.vcf", 3)


def test_a_file_where_no_card_can_be_read_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Short\n")
    with pytest.raises(ImportFormatError, match="no card could be read"):
        parse_vcard(path)


def test_a_binary_file_is_refused_as_not_a_vcard(tmp_path: Path) -> None:
    path = tmp_path / "photo.vcf"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(200)))
    with pytest.raises(ImportFormatError, match=r"binary file.*vCard"):
        parse_vcard(path)


def test_parse_dispatches_vcard() -> None:
    assert parse("vcard", FIXTURES / "rfc_40.vcf").kind == "vcard"


def test_two_cards_of_one_name_at_different_employers_get_different_keys(
    tmp_path: Path,
) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Souza\nORG:Acme\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Souza\nORG:Globex\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Souza\nNOTE:Met in Lisbon\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Souza\nTITLE:CTO\nEND:VCARD\n"
    )
    keys = [c.source_key for c in parse_vcard(write(tmp_path, text)).contacts]
    assert len(set(keys)) == 4


def test_two_cards_with_nothing_but_one_name_are_two_records_and_keep_their_keys(
    tmp_path: Path,
) -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Souza\nEND:VCARD\n"
    other = "BEGIN:VCARD\nVERSION:3.0\nFN:Bruno Costa\nEND:VCARD\n"
    path = write(tmp_path, card + other + card)
    keys = [c.source_key for c in parse_vcard(path).contacts]
    assert len(set(keys)) == 3
    assert keys == [c.source_key for c in parse_vcard(path).contacts]  # re-imported
    alone = only_contact(write(tmp_path, card, "alone.vcf"))
    assert alone.source_key == keys[0]


def test_the_same_card_with_an_address_written_twice_is_one_record(tmp_path: Path) -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Souza\nEMAIL:ana@x.example\nEND:VCARD\n"
    keys = {c.source_key for c in parse_vcard(write(tmp_path, card + card)).contacts}
    assert len(keys) == 1


def test_a_card_cut_short_before_the_next_one_is_reported_and_the_next_ones_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEMAIL:ana@exa\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Ng\r\nEND:VCARD\r\n"
    )
    source = parse_vcard(path)
    assert [c.full_name for c in source.contacts] == ["Bo Li", "Cy Ng"]
    assert source.skipped == 1
    assert source.warnings == ["contacts.vcf, line 1: card has no END:VCARD (cut short?); skipped"]


def test_an_agents_card_inside_a_card_is_its_own_and_the_holder_keeps_its_lines(
    tmp_path: Path,
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Souza;Ana\r\nAGENT:\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Li;Bo\r\nTEL;WORK:+1 555 0101\r\nEND:VCARD\r\n"
        "TEL;CELL:+1 555 0100\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n"
    )
    source = parse_vcard(path)
    people = {c.full_name: (c.phones, c.emails) for c in source.contacts}
    assert people == {
        "Bo Li": (["+1 555 0101"], []),
        "Ana Souza": (["+1 555 0100"], ["ana@example.com"]),
    }
    assert source.warnings == []
