"""Charsets (item 7 of #11): a vCard's CHARSET is honoured for 8-bit values, an undeclared
8-bit charset is found per card (and warned about when unsure); a CSV with a few bytes that
are not UTF-8 is read as UTF-8 with a warning naming the line, never as another code page."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapport.imports.parse import parse_contacts_csv, parse_linkedin, parse_vcard


def vcf(tmp_path: Path, *cards: bytes) -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(
        b"".join(b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + c + b"END:VCARD\r\n" for c in cards)
    )
    return path


def card(name: str, org: str, charset: str, *, declared: bool = True) -> bytes:
    param = f";CHARSET={charset}".encode() if declared else b""
    family, given = name.split(" ", 1)
    return (
        b"N" + param + b":" + family.encode(charset) + b";" + given.encode(charset) + b"\r\n"
        b"FN" + param + b":" + name.encode(charset) + b"\r\n"
        b"ORG" + param + b":" + org.encode(charset) + b"\r\n"
        b"TEL;CELL:+1 555 0100\r\n"
    )


SAMPLES = [
    ("山田 太郎", "株式会社ソニー", "SHIFT_JIS"),
    ("Иванов Пётр", "ООО Ромашка", "WINDOWS-1251"),  # noqa: RUF001
    ("Παπαδόπουλος Γιώργος", "Εθνική Τράπεζα", "ISO-8859-7"),
    ("王 小明", "北京大学", "GB2312"),
    ("陳 大文", "台灣大學", "BIG5"),
    ("Dvořák Łukasz", "Škoda Auto", "WINDOWS-1250"),
    ("Müller Zoë", "Groß & Söhne", "ISO-8859-1"),
]


@pytest.mark.parametrize(("name", "org", "charset"), SAMPLES)
def test_a_declared_charset_is_honoured(tmp_path: Path, name: str, org: str, charset: str) -> None:
    source = parse_vcard(vcf(tmp_path, card(name, org, charset)))
    (person,) = source.contacts
    assert (person.full_name, person.company) == (name, org)
    assert (person.last_name, person.first_name) == tuple(name.split(" ", 1))
    assert source.warnings == []


def test_each_card_is_read_in_its_own_charset(tmp_path: Path) -> None:
    cards = [card(name, org, charset) for name, org, charset in SAMPLES]
    source = parse_vcard(vcf(tmp_path, *cards))
    assert [c.full_name for c in source.contacts] == [name for name, _, _ in SAMPLES]


@pytest.mark.parametrize(
    ("name", "org", "charset"),
    [
        ("山田 太郎", "株式会社ソニー", "shift_jis"),
        ("陳 大文", "台灣大學 資訊工程學系", "big5"),
        ("王 小明", "北京大学 计算机系", "gb2312"),
    ],
)
def test_an_undeclared_charset_is_found_per_card(
    tmp_path: Path, name: str, org: str, charset: str
) -> None:
    plain = b"N:Doe;Jane\r\nFN:Jane Doe\r\nTEL:+1 555 0101\r\n"
    source = parse_vcard(vcf(tmp_path, plain, card(name, org, charset, declared=False)))
    assert [c.full_name for c in source.contacts] == ["Jane Doe", name]
    assert source.contacts[1].company == org


def test_an_unsure_guess_is_read_and_warned_about_with_its_line(tmp_path: Path) -> None:
    # Five Greek letters read as well in Windows-1251 (as Cyrillic): unsure.
    source = parse_vcard(vcf(tmp_path, b"FN:" + "Νίκος".encode("cp1253") + b"\r\n"))
    (person,) = source.contacts
    assert person.full_name
    (warning,) = source.warnings
    assert warning.startswith("contacts.vcf, line 3: ")
    assert "declares no charset" in warning
    assert "may be wrong" in warning


def test_a_value_invalid_in_its_declared_charset_is_read_with_a_warning(tmp_path: Path) -> None:
    source = parse_vcard(vcf(tmp_path, b"FN;CHARSET=UTF-8:Jos\xe9 \xc3\xb1\xff\r\n"))
    (person,) = source.contacts
    assert person.full_name.startswith("Jos")
    assert source.warnings == [
        "contacts.vcf, line 3: FN is not valid UTF-8; unreadable characters replaced"
    ]


def test_a_utf8_file_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEND:VCARD\r\n", "utf-8")
    assert parse_vcard(path).contacts[0].full_name == "Zoë Ångström"


GOOGLE_HEADER = "First Name,Middle Name,Last Name,Organization Name,E-mail 1 - Value\r\n"


def test_a_csv_with_a_few_bytes_that_are_not_utf8_names_their_line(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    rows = [
        "Zoë,,Ångström,Café Crème,zoe@example.com",
        "José,,Núñez,Acme,jose@example.com",
        "Renée,,Dupont,Société Générale,renee@example.com",
    ]
    data = (GOOGLE_HEADER + "\r\n".join(rows) + "\r\n").encode("utf-8")
    data = data.replace("Núñez".encode(), b"N\xfa\xf1ez")  # one Latin-1 name in UTF-8
    path.write_bytes(data)
    source = parse_contacts_csv(path)
    names = [c.full_name for c in source.contacts]
    # The valid UTF-8 stays UTF-8: no "ZoÃ«" anywhere.
    assert names == ["Zoë Ångström", "José N\ufffd\ufffdez", "Renée Dupont"]
    assert source.warnings == [
        "contacts.csv, line 3: bytes that are not valid UTF-8 replaced by \ufffd; check this row"
    ]


def test_a_csv_wholly_in_a_windows_code_page_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes((GOOGLE_HEADER + "Zoë,,Müller,Groß AG,zoe@example.com\r\n").encode("cp1252"))
    assert parse_contacts_csv(path).contacts[0].full_name == "Zoë Müller"


def test_a_card_too_short_to_tell_is_read_in_the_charset_of_its_file(tmp_path: Path) -> None:
    # Outlook 2003 writes Windows-1251 without CHARSET: "Νίκος"-like short names alone are
    # unsure, but the file's other cards settle it.
    names = ["Иванов Пётр Ильич", "Смирнова Анна Сергеевна", "Кузнецов Дмитрий", "Юля"]
    cards = [b"FN:" + name.encode("cp1251") + b"\r\nTEL:+7 495 000 00 00\r\n" for name in names]
    source = parse_vcard(vcf(tmp_path, *cards))
    assert [c.full_name for c in source.contacts] == names
    assert source.warnings == []


def test_a_lone_byte_that_is_not_utf8_is_read_as_a_code_page_and_named(tmp_path: Path) -> None:
    # One Latin-1 name in an otherwise ASCII UTF-8 file: nothing tells it from Windows-1252,
    # which reads it right; the row is still named, with the code page used.
    path = tmp_path / "contacts.csv"
    rows = "Ana,,Souza,Acme,ana@example.com\r\nJos\xe9,,Garcia,Acme,jose@example.com\r\n"
    path.write_bytes((GOOGLE_HEADER + rows).encode("latin-1"))
    source = parse_contacts_csv(path)
    assert [c.full_name for c in source.contacts] == ["Ana Souza", "José Garcia"]
    assert source.warnings == [
        "contacts.csv, line 3: not valid UTF-8: the file was read as Windows-1252; check the "
        "letters of this row (in Excel, save as CSV UTF-8)"
    ]


def test_a_linkedin_file_re_saved_in_a_code_page_says_so(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Zoë,Brontë,https://www.linkedin.com/in/zoe,,Acme,Analyst,01 Mar 2024\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    source = parse_linkedin(path)
    assert [c.full_name for c in source.contacts] == ["Zoë Brontë"]
    assert source.warnings == [
        "Connections.csv, line 2: not valid UTF-8: the file was read as Windows-1252; check "
        "the letters of this row (in Excel, save as CSV UTF-8)"
    ]


def qp(text: str, charset: str) -> bytes:
    """`text` in `charset`, quoted-printable, as a 2.1 value with no CHARSET (The Bat!)."""
    return "".join(
        c if c.isascii() else f"={b:02X}" for c in text for b in c.encode(charset)
    ).encode()


def test_a_quoted_printable_value_with_no_charset_that_is_not_utf8_is_warned_about(
    tmp_path: Path,
) -> None:
    # "Iksiński" in Windows-1250 reads "Iksiñski" in Windows-1252: both are names.
    source = parse_vcard(
        vcf(tmp_path, b"FN;ENCODING=QUOTED-PRINTABLE:" + qp("Piotr Iksiński", "cp1250") + b"\r\n")
    )
    (person,) = source.contacts
    assert person.full_name in ("Piotr Iksiński", "Piotr Iksiñski")
    (warning,) = source.warnings
    assert warning.startswith("contacts.vcf, line 3: the card's text declares no charset")
    assert "may be wrong" in warning


def test_quoted_printable_values_with_no_charset_are_read_in_the_charset_of_their_file(
    tmp_path: Path,
) -> None:
    # Outlook 2003 on a Russian Windows: QP in Windows-1251 without CHARSET.
    names = ["Иванов Пётр Ильич", "Смирнова Анна Сергеевна", "Кузнецов Дмитрий", "Юля"]
    cards = [
        b"FN;ENCODING=QUOTED-PRINTABLE:" + qp(name, "cp1251") + b"\r\nTEL:+7 495 000 00 00\r\n"
        for name in names
    ]
    source = parse_vcard(vcf(tmp_path, *cards))
    assert [c.full_name for c in source.contacts] == names
    assert source.warnings == []


def test_quoted_printable_utf8_with_no_charset_is_still_read_as_utf8(tmp_path: Path) -> None:
    source = parse_vcard(
        vcf(tmp_path, b"FN;ENCODING=QUOTED-PRINTABLE:" + qp("Zoë Łukasiewicz", "utf-8") + b"\r\n")
    )
    assert [c.full_name for c in source.contacts] == ["Zoë Łukasiewicz"]
    assert source.warnings == []


CJK_FILES = [
    ("cp932", "Shift_JIS", [("山田", "太郎"), ("佐藤", "花子"), ("鈴木", "一郎")]),
    ("gbk", "GB18030 (GB2312)", [("王", "小明"), ("张", "伟"), ("李", "娜"), ("刘", "洋")]),
    ("big5", "Big5", [("陳", "大文"), ("黃", "志明"), ("林", "美玲")]),
    ("cp949", "EUC-KR", [("김", "민준"), ("이", "서연"), ("박", "지훈")]),
]


@pytest.mark.parametrize(("codec", "named", "people"), CJK_FILES)
def test_a_csv_saved_in_a_cjk_code_page_is_read_in_it_and_says_so(
    tmp_path: Path, codec: str, named: str, people: list[tuple[str, str]]
) -> None:
    # Excel and Thunderbird on Japanese, Chinese and Korean Windows write their code page.
    path = tmp_path / "contacts.csv"
    rows = "".join(
        f"{first},,{last},,p{i}@example.com\r\n" for i, (last, first) in enumerate(people)
    )
    path.write_bytes((GOOGLE_HEADER + rows).encode(codec))
    source = parse_contacts_csv(path)
    assert [(c.last_name, c.first_name) for c in source.contacts] == people
    assert source.warnings[0] == (
        f"contacts.csv, line 2: not valid UTF-8: the file was read as {named}; check the "
        "letters of this row (in Excel, save as CSV UTF-8)"
    )


@pytest.mark.parametrize(
    ("codec", "names"),
    [
        ("cp1251", ["Москва Ольга", "Иванов Пётр", "Юля Щука"]),
        ("cp1252", ["Søren Kierkegaard", "Renée Dupont", "Zoë Müller"]),
        ("cp1253", ["Γιώργος Οικονόμου", "Ελένη Αλεξίου"]),
    ],
)
def test_latin_cyrillic_and_greek_code_pages_are_not_read_as_cjk(
    tmp_path: Path, codec: str, names: list[str]
) -> None:
    # Their letters pair up into valid double-byte characters ("Renée" in Shift_JIS is
    # "Ren馥"): rare ones, or inside Latin words, so no CJK code page is taken.
    path = tmp_path / "contacts.csv"
    rows = "".join(f"{n.split()[0]},,{n.split()[1]},,\r\n" for n in names)
    path.write_bytes((GOOGLE_HEADER + rows).encode(codec))
    source = parse_contacts_csv(path)
    assert [c.full_name for c in source.contacts] == names


@pytest.mark.parametrize(
    "name",
    ["Wojciechowski Łukasz", "Kowalska Małgorzata", "Żółkiewska Źdźisława"],
)
def test_polish_names_in_windows_1250_without_a_charset_are_read_as_polish(
    tmp_path: Path, name: str
) -> None:
    # Read in Windows-1252 they hold signs inside words ("£ukasz", "Ma³gorzata"); in
    # Windows-1251 "Żółkiewska" mixes Cyrillic with Latin: neither is a name.
    source = parse_vcard(vcf(tmp_path, card(name, "Orlen", "cp1250", declared=False)))
    (person,) = source.contacts
    assert (person.last_name, person.first_name) == tuple(name.split(" ", 1))
    assert source.warnings == []


def test_a_name_only_one_reading_is_kept_for_is_never_taken_silently(tmp_path: Path) -> None:
    # charset-normalizer keeps only Windows-1251 for these bytes (Cyrillic): the code pages
    # it left out read them with fewer words mixing scripts, so the guess is told.
    name = "Źdźbło Żółć"
    source = parse_vcard(vcf(tmp_path, b"FN:" + name.encode("cp1250") + b"\r\n"))
    (person,) = source.contacts
    assert person.full_name == name or "may be wrong" in source.warnings[0]


def test_a_polish_csv_from_excel_is_read_in_windows_1250(tmp_path: Path) -> None:
    # Excel in Poland saves CSV in Windows-1250; a few rows look Western to
    # charset-normalizer, but Windows-1252 puts signs inside the names ("£ukasz").
    people = [("Łukasz", "Wiśniewski"), ("Małgorzata", "Żółkiewska"), ("Paweł", "Nowak")]
    path = tmp_path / "contacts.csv"
    rows = "".join(f"{first},,{last},,\r\n" for first, last in people)
    path.write_bytes((GOOGLE_HEADER + rows).encode("cp1250"))
    source = parse_contacts_csv(path)
    assert [(c.first_name, c.last_name) for c in source.contacts] == people
    assert "the file was read as Windows-1250" in source.warnings[0]


def test_a_western_csv_with_signs_in_its_words_stays_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    rows = "Zoë,,Müller,Café™ 25°C,\r\nSøren,,Brontë,,\r\n"
    path.write_bytes((GOOGLE_HEADER + rows).encode("cp1252"))
    source = parse_contacts_csv(path)
    assert [(c.full_name, c.company) for c in source.contacts] == [
        ("Zoë Müller", "Café™ 25°C"),
        ("Søren Brontë", ""),
    ]
    assert "the file was read as Windows-1252" in source.warnings[0]


@pytest.mark.parametrize(
    "line",
    [
        b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\n",  # ThunderSync
        b"N;CHARSET=UTF-8:M\xfcller;J\xfcrgen\r\n",
    ],
)
def test_a_single_byte_value_said_to_be_utf8_is_read_in_its_charset(
    tmp_path: Path, line: bytes
) -> None:
    # No byte of it in a UTF-8 sequence: the label is wrong, not the letters. They were
    # replaced as unreadable ("M\ufffdller"), with a warning.
    source = parse_vcard(vcf(tmp_path, line + b"FN:Juergen\r\n"))
    (person,) = source.contacts
    assert (person.first_name, person.last_name) == ("Jürgen", "Müller")
    (warning,) = source.warnings
    assert warning.startswith("contacts.vcf, line 3: N says it is UTF-8 and is not; read as ")


def test_a_csv_saved_by_excel_for_mac_is_read_in_mac_roman(tmp_path: Path) -> None:
    # Excel for Mac (to 2011) saves "CSV" in Mac Roman with lines ended by \r alone.
    rows = ["First Name,Last Name,Company,E-mail Address", "François,Côté,Café Noël,fc@example.com"]
    rows += ["Émilie,Després,École De Danse,ed@example.com", "Ana,Lee,,al@example.com"]
    path = tmp_path / "contacts.csv"
    path.write_bytes(("\r".join(rows) + "\r").encode("mac_roman"))
    source = parse_contacts_csv(path)
    people = [(c.line, c.full_name, c.company) for c in source.contacts]
    assert people == [
        (2, "François Côté", "Café Noël"),
        (3, "Émilie Després", "École De Danse"),
        (4, "Ana Lee", ""),
    ]
    message = "not valid UTF-8: the file was read as Mac Roman; check the letters of this row"
    assert [w.split(": ", 1)[0] for w in source.warnings] == [
        "contacts.csv, line 2",  # the rows that are not UTF-8, counted as Excel ends lines
        "contacts.csv, line 3",
    ]
    assert all(message in w for w in source.warnings)


def test_an_undeclared_mac_roman_card_is_read_in_mac_roman_or_warned_about(
    tmp_path: Path,
) -> None:
    # "Côté", "Café Noël": Windows code pages read signs inside words ("C™tŽ", "CafŽ").
    source = parse_vcard(
        vcf(tmp_path, card("Côté François", "Café Noël", "mac_roman", declared=False))
    )
    (person,) = source.contacts
    assert (person.full_name, person.company) == ("Côté François", "Café Noël")
    # "Léger" alone reads as well as "LŽger" (a Czech letter): read one way, and told.
    source = parse_vcard(vcf(tmp_path, card("Léger Monique", "Arts", "mac_roman", declared=False)))
    (person,) = source.contacts
    assert person.full_name == "Léger Monique" or "may be wrong" in source.warnings[0]
