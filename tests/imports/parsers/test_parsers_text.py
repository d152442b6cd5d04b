"""The shared pieces: decoding bytes, reading dates, stripping HTML, LinkedIn URLs."""

from __future__ import annotations

import datetime as dt

import pytest

from rapport.core.text import linkedin_key
from rapport.imports.parse.common import html_to_text, profile_key, profile_url
from rapport.imports.parse.dates import parse_date, parse_datetime
from rapport.imports.parse.encoding import decode_bytes
from rapport.imports.parse.records import ImportFormatError

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("José,Müller\n", "utf-8"),
        ("José,Müller\n", "utf-8-sig"),
        ("José,Müller\n", "utf-16"),  # with a byte-order mark, little-endian here
        ("\ufeffJosé,Müller\n", "utf-16-be"),
        ("First Name,Company\nJosé,Société Générale \u2013 “Paris”\n", "cp1252"),
        ("Name\nŁukasz Wałęsa, Zażółć gęślą jaźń\n", "cp1250"),
        ("Имя,Фамилия\nИван,Петров\n", "cp1251"),  # noqa: RUF001
    ],
)
def test_text_is_decoded_whatever_program_saved_it(text: str, encoding: str) -> None:
    decoded = decode_bytes(text.encode(encoding), "f.csv", "a CSV file")
    assert decoded == text.removeprefix("\ufeff")


def test_windows_1252_is_preferred_when_other_code_pages_read_the_same() -> None:
    data = "Name\nRené\n".encode("cp1252")
    assert decode_bytes(data, "f.csv", "a CSV file") == "Name\nRené\n"


def test_nul_bytes_without_a_utf16_mark_mean_a_binary_file() -> None:
    with pytest.raises(ImportFormatError, match="binary file, not text; expected a CSV file"):
        decode_bytes(b"First\x00Name", "f.csv", "a CSV file")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("12 Nov 2024", dt.date(2024, 11, 12)),
        ("5 Sept 2023", dt.date(2023, 9, 5)),
        ("05-Mar-24", dt.date(2024, 3, 5)),
        ("11/4/18, 9:05 AM", dt.date(2018, 11, 4)),
        ("25/3/24", dt.date(2024, 3, 25)),
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("05.03.2024", dt.date(2024, 3, 5)),
        ("Mar 2021", dt.date(2021, 3, 1)),
        ("March 2021", dt.date(2021, 3, 1)),
        ("2018", dt.date(2018, 1, 1)),
        ("", None),
        ("31 Feb 2024", None),
        ("13/13/24", None),
        ("Marzo 2021", None),
        ("soon", None),
    ],
)
def test_dates_in_every_shape_exports_use(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2024-11-12 14:03:27 UTC", dt.datetime(2024, 11, 12, 14, 3, 27, tzinfo=UTC)),
        ("2019-11-06T02:08:20", dt.datetime(2019, 11, 6, 2, 8, 20, tzinfo=UTC)),
        ("2024-01-01T10:00:00+02:00", dt.datetime(2024, 1, 1, 8, 0, tzinfo=UTC)),
        ("3/7/24, 9:05 AM", dt.datetime(2024, 3, 7, 9, 5, tzinfo=UTC)),
        ("3/7/24, 12:05 AM", dt.datetime(2024, 3, 7, 0, 5, tzinfo=UTC)),
        ("3/7/24, 12:05 PM", dt.datetime(2024, 3, 7, 12, 5, tzinfo=UTC)),
    ],
)
def test_times_are_aware_and_in_utc(text: str, moment: dt.datetime) -> None:
    assert parse_datetime(text) == moment


def test_html_is_stripped_to_lines_of_text() -> None:
    html = "<div><p>Hi&nbsp;Ana,</p><ul><li>one</li><li>two</li></ul><script>x()</script></div>"
    assert html_to_text(html) == "Hi Ana,\n\none\n\ntwo"


def test_plain_text_with_angle_brackets_is_left_alone() -> None:
    assert html_to_text("I <3 referrals & 2 < 3") == "I <3 referrals & 2 < 3"


def test_broken_markup_falls_back_to_a_simple_strip() -> None:
    assert "hello" in html_to_text("<p>hello<![if foo]></p>")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.linkedin.com/in/ana-souza/", "https://www.linkedin.com/in/ana-souza"),
        ("http://fr.linkedin.com/in/ana?trk=x", "https://www.linkedin.com/in/ana"),
        ("linkedin.com/in/jos%C3%A9", "https://www.linkedin.com/in/josé"),
        ("https://www.linkedin.com/company/stripe", ""),
        ("https://example.com/in/ana", ""),
        ("http://[broken", ""),
    ],
)
def test_linkedin_profile_urls_are_normalised(url: str, expected: str) -> None:
    assert profile_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/Ana-Souza",
        "http://linkedin.com/in/ana/",
        "https://uk.linkedin.com/in/ana-souza-1a2b3c",
        "https://www.linkedin.com/in/jos%C3%A9",
        "https://www.linkedin.com/in/ana?trk=public_profile",
        "https://www.linkedin.com/pub/ana-souza/1/2/3",
        "HTTPS://WWW.LINKEDIN.COM/IN/ANA",
        "www.linkedin.com/in/ana",
    ],
)
def test_profile_keys_are_the_ones_people_are_stored_under(url: str) -> None:
    assert profile_key(url) == linkedin_key(url)
