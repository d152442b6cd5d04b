"""Held-out files written by real programs (fixtures/real/, provenance and licences in
fixtures/PROVENANCE.md): each read as a user would check it, name by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rapport.imports.parse import parse_contacts_csv, parse_linkedin, parse_vcard
from rapport.imports.parse.records import ImportFormatError

REAL = Path(__file__).resolve().parent / "fixtures" / "real"


def test_the_bats_quoted_printable_name_without_a_charset_is_read_and_warned_about() -> None:
    # The Bat! writes "Iksiński" as QP in the machine's code page and says none: Windows-1250
    # and Windows-1252 both read a name, so the guess is told, not made silently.
    source = parse_vcard(REAL / "vcard" / "roundcube__thebat.vcf")
    (piotr,) = source.contacts
    assert (piotr.first_name, piotr.emails) == ("Piotr", ["piotr.iksinski@somedomain.com"])
    assert piotr.full_name == f"Piotr {piotr.last_name}"
    assert piotr.last_name in ("Iksiński", "Iksiñski")
    assert source.warnings == [
        "roundcube__thebat.vcf, line 3: the card's text declares no charset and is not UTF-8; "
        "read as Windows-1252, which may be wrong: check its names"
    ]


def test_shift_jis_names_whose_second_byte_is_a_backslash_are_read_whole() -> None:
    # 能 and 予 end in 0x5C ("\"), which a parser that unescapes before decoding eats.
    source = parse_vcard(REAL / "vcard" / "aosp__v21_japanese_3.vcf")
    (person,) = source.contacts
    assert (person.full_name, person.last_name, person.first_name) == (
        "伊能 圭一 伊予",
        "伊能",
        "圭一",
    )
    assert source.warnings == []


def test_android_shift_jis_card_with_quoted_printable_address_and_note() -> None:
    source = parse_vcard(REAL / "vcard" / "aosp__v21_japanese_2.vcf")
    (person,) = source.contacts
    assert (person.full_name, person.last_name, person.first_name) == (
        "安藤 ロイド 1",
        "安藤",
        "ロイド1",
    )
    assert person.notes == "メモ"
    assert source.warnings == []


def test_an_android_email_folded_with_its_display_name_keeps_the_address() -> None:
    # EMAIL;INTERNET:"Omega" then a folded line " <omega@example.com>": the address was kept
    # with its name, which no match or mail can use, and then dropped without a word.
    source = parse_vcard(REAL / "vcard" / "aosp__v21_invalid_multiple_line.vcf")
    (omega,) = source.contacts
    assert (omega.full_name, omega.emails) == ("Omega", ["omega@example.com"])
    assert source.warnings == []


def test_thunderbirds_shift_jis_csv_is_read_in_shift_jis() -> None:
    # Thunderbird on Japanese Windows exports its CSV in Shift_JIS: it was read as
    # Windows-1252, warned about but with every letter of every name wrong.
    source = parse_contacts_csv(REAL / "csv" / "thunderbird__shiftjis_addressbook.csv")
    (person,) = source.contacts
    assert (person.full_name, person.last_name, person.first_name) == (
        "名無しの権兵衛",
        "名無し",
        "権兵衛",
    )
    assert person.emails == ["名無しの権兵衛@host.invalid"]
    assert source.warnings == [
        "thunderbird__shiftjis_addressbook.csv, line 2: not valid UTF-8: the file was read as "
        "Shift_JIS; check the letters of this row (in Excel, save as CSV UTF-8)"
    ]


def test_a_card_held_inside_another_is_read_and_so_is_its_holder() -> None:
    # vCard 2.1 lets a card hold others (AGENT: an assistant's card). The holder was
    # skipped as "cut short?" and its lines after the inner cards (TEL:1) lost.
    source = parse_vcard(REAL / "vcard" / "aosp__v21_nest.vcf")
    people = {c.full_name: (c.line, c.phones) for c in source.contacts}
    assert people == {"nest1": (4, []), "nest2": (8, []), "parent": (1, ["1"])}
    assert (source.skipped, source.warnings) == (0, [])


LINKEDIN_OUTLOOK = REAL / "csv" / "linkedin_outlook_format_export.csv"


def test_linkedins_old_outlook_format_export_is_read_as_an_address_book() -> None:
    # Before 2016 LinkedIn exported connections as an Outlook CSV, whose address columns
    # say "Business Country" (Outlook 2003's name, not 2007's "Country/Region").
    source = parse_contacts_csv(LINKEDIN_OUTLOOK)
    people = [(c.full_name, c.emails, c.company, c.title, c.location) for c in source.contacts]
    assert people == [
        ("Ana Souza", ["ana@example.com"], "Acme", "Project Manager", "Lisbon, Portugal"),
        ("Bo Li", ["bo@example.com"], "Initech", "Engineer", ""),
    ]
    assert source.warnings == []


def test_an_address_book_given_as_a_linkedin_export_says_which_import_it_is_for() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_linkedin(LINKEDIN_OUTLOOK)
    assert caught.value.line == 1
    assert (
        "is an address book (Outlook CSV), not a LinkedIn export: import it as a contacts CSV"
        in (str(caught.value))
    )


def test_a_vcard_given_as_a_linkedin_export_says_which_import_it_is_for() -> None:
    with pytest.raises(ImportFormatError, match="is a vCard file, not a LinkedIn export"):
        parse_linkedin(REAL / "vcard" / "aosp__v21_nest.vcf")


def test_a_linkedin_export_whose_blanks_a_spreadsheet_filled_with_na_has_no_company_na() -> None:
    # Connections.csv saved again from Excel / Power Query with every blank cell "NA" (and
    # its dates "18-Jun-24"): 159 people were put at a company called "NA", titled "NA".
    source = parse_linkedin(REAL / "linkedin" / "connections_excel_na.csv")
    people = [(c.full_name, c.emails, c.company, c.title, c.connected_on) for c in source.contacts]
    assert people == [
        ("Priya Raman", [], "", "", dt.date(2024, 6, 18)),
        ("Arjun Mehta", [], "Example Technologies", "Java Software Engineer", dt.date(2024, 6, 18)),
        ("Kavya Iyer", ["kavya.iyer@example.com"], "", "Data Analyst", dt.date(2024, 5, 29)),
        ("Rahul Nair, PhD", [], "NASA", "Research Fellow", dt.date(2024, 3, 6)),
    ]
    assert source.warnings == [
        'connections_excel_na.csv, line 2: 6 cells holding "NA" or the like read as empty: '
        "spreadsheets and data tools write it for a missing value (first here)"
    ]


def test_a_german_outlook_2013_export_keeps_its_country() -> None:
    # German Outlook 2007-2013 says "Land/Region geschäftlich" (Roundcube's map: "Land
    # geschäftlich"): the country was left out of the location without a word.
    source = parse_contacts_csv(REAL / "csv" / "tine__outlook2013_de.csv")
    people = [(c.full_name, c.emails, c.title, c.location) for c in source.contacts]
    assert people == [
        ("Christian Baumann", ["c.baumann@unittest.de"], "Vertrieb", "Hamburg, Deutschland"),
        ("Cornelius Weiß", ["c.weiss@unittest.de"], "Softwareengineering", ""),
    ]
    cornelius = source.contacts[1]
    assert cornelius.phones == ["040 6432131545", "0176 164321545"]  # work = home, and mobile
    assert cornelius.labels == {"040 6432131545": "Work", "0176 164321545": "Mobile"}
    assert len(source.warnings) == 2  # read as Windows-1252: lines 1 and 4 say so


def test_a_full_name_written_family_name_first_is_read_in_reading_order() -> None:
    # A user's card (Tine 2.0's issue 6852; ISO-8859-1 without a word of it): FN
    # "München, Falk", the order of a sorted list, with N:München;Falk. It was kept as the
    # person's name; Tine itself reads "Falk München".
    source = parse_vcard(REAL / "vcard" / "tine__herr_falk_muenchen.vcf")
    (falk,) = source.contacts
    assert (falk.full_name, falk.first_name, falk.last_name) == ("Falk München", "Falk", "München")
    assert (falk.emails, falk.location) == (["falk.muenchoen@landtag.xyz.de"], "Bad Vilbel")
    assert source.warnings == [  # its LABEL lines, broken over two lines without folding
        "tine__herr_falk_muenchen.vcf, line 6: 4 unreadable line(s) ignored in the card of line 1"
    ]


def test_thundersyncs_latin_1_said_to_be_utf_8_is_read_and_told() -> None:
    # ThunderSync writes NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE with Latin-1 bytes
    # ("3=E8me =E9tage"): its letters came out as U+FFFD, warned as unreadable.
    source = parse_vcard(REAL / "vcard" / "cozy__thundersync.vcf")
    (person,) = source.contacts
    assert (person.full_name, person.company) == ("Testé de Cozy", "Société Cozycloud")
    assert person.notes == "46b12,\n3ème étage droite."
    assert source.warnings == [
        "cozy__thundersync.vcf, line 14: NOTE says it is UTF-8 and is not; read as "
        "Windows-1252, which may be wrong: check it"
    ]


def test_palm_desktops_mac_roman_cards_are_read_in_mac_roman() -> None:
    # Palm Desktop for the Mac wrote its vCards in Mac Roman and said nothing: "Léger" came
    # out "LŽger", "École" "ƒcole", without a word (Windows-1252 read them without error).
    source = parse_vcard(REAL / "vcard" / "palm_desktop_mac_roman.vcf")
    people = [(c.full_name, c.company, c.location) for c in source.contacts]
    assert people == [
        ("Mrs. Monique Léger", "Conseil Des Arts", "Ottawa, ON, Canada"),
        ("François Côté", "", "Montréal, PQ, Canada"),
        ("Miss Émilie Després", "École De Danse De Québec", "Québec, PQ, Canada"),
    ]
    assert [c.name for c in source.companies] == ["Télédec"]
    assert source.warnings == []  # the whole file reads in Mac Roman, and only in it


def test_contact_lists_are_not_imported_as_people() -> None:
    # iCloud, Fastmail and Nextcloud keep groups as cards (X-ADDRESSBOOKSERVER-KIND:group),
    # Evolution its contact lists (X-EVOLUTION-LIST:TRUE, the members' e-mails on the list's
    # card), vCard 4.0 KIND:group: each came in as a person ("Hiring panel" with two people's
    # addresses) without a word.
    source = parse_vcard(REAL / "vcard" / "contact_lists_shapes.vcf")
    assert [(c.full_name, c.emails) for c in source.contacts] == [
        ("Claire Moreau", ["claire.moreau@northwind.example"])
    ]
    assert source.skipped == 3
    assert source.warnings == [
        "contact_lists_shapes.vcf, line 13: card is a group of contacts "
        "(X-ADDRESSBOOKSERVER-KIND:group), not a person; skipped",
        "contact_lists_shapes.vcf, line 23: card is a contact list (X-EVOLUTION-LIST:TRUE), "
        "not a person; skipped",
        "contact_lists_shapes.vcf, line 35: card is a group of contacts (KIND:group), "
        "not a person; skipped",
    ]


def test_outlook_express_name_column_and_nicknames_are_the_peoples_names() -> None:
    # Outlook Express, Windows Mail and Windows Live Mail write Outlook's columns with "Name"
    # (the name shown) and "Nickname": a contact with only those came in named by its e-mail
    # ("zoe.mueller@example.net"), or, with a company, as that company, the person lost.
    source = parse_contacts_csv(REAL / "csv" / "windows_address_book_export.csv")
    people = [(c.full_name, c.emails, c.phones, c.company) for c in source.contacts]
    assert people == [
        ("Zoë Müller", ["zoe.mueller@example.net"], [], ""),
        ("Tomás Ferreira", ["tomas@example.org"], ["+351 912 000 111"], "Initech"),
        ("Acme front desk", [], ["+44 20 7946 0001"], "Acme Ltd"),
        ("Kiki", ["kiki@example.com"], [], ""),
    ]
    (globex,) = source.companies
    assert (globex.name, globex.urls) == ("Globex Corporation", ["http://globex.example"])
    assert source.skipped == 0


def test_a_card_named_only_by_its_nickname_is_that_person() -> None:
    # Monica's test cards: the third has an empty FN and N, a NICKNAME and an address; it
    # was skipped as having "no name, e-mail or phone".
    source = parse_vcard(REAL / "vcard" / "monica_stub_shapes.vcf")
    people = [(c.full_name, c.emails, c.company, c.location) for c in source.contacts]
    assert people == [
        ("Odile", ["odile@example.com"], "Les Mirabelles", ""),
        ("Pavel Novak", ["pavel.novak@example.com"], "", ""),
        ("Mitch", [], "", "Falmouth, United Kingdom"),
    ]
    assert source.warnings == []
    assert source.skipped == 0
