"""The date shapes found in exports, parsed without strptime (locale-dependent and slow).

LinkedIn wrote "05 Mar 2024", Excel turns it into "05-Mar-24" (or "05.03.2024" in much of
Europe), the 2018 exports used "3/5/18, 9:05 AM", messages use "2024-03-05 09:05:00 UTC" and
positions "Mar 2024" or "2024" (Excel: "Mar-24").
Anything else gives None: a date is never worth failing an import for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

_FULL_MONTHS = [
    *("january", "february", "march", "april", "may", "june", "july"),
    *("august", "september", "october", "november", "december"),
]
_MONTHS = {name[:3]: number for number, name in enumerate(_FULL_MONTHS, start=1)}

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([a-z]{3,9})\.?[ -](\d{4}|\d{2})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]{3,9})\.? (\d{1,2}),? (\d{4})")
# A two-digit year only after a hyphen: "Mar-21" is Excel's March 2021, "Mar 21" a day.
_MONTH_YEAR = re.compile(r"([a-z]{3,9})\.?[ -](\d{4}|(?<=-)\d{2})")
_YEAR = re.compile(r"(\d{4})")
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r" ?(utc|gmt|z|[+-]\d{2}:?\d{2})?"
)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")  # 05.03.2024: day first
_SLASHED = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})"
    r"(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))? ?([ap]\.?m\.?)?)?"
)


def parse_date(text: str, *, day_first: bool = False) -> dt.date | None:
    """A calendar date from any of the shapes above (a month or year gives its first day).

    Slashed dates are month first ("3/5/18" is March 5) unless `day_first` (see
    reads_day_first) or the first number cannot be a month ("25/3/24").
    """
    return _date(text, day_first)


@lru_cache(maxsize=4096)  # a Connections.csv has a few hundred distinct days in 30,000 rows
def _date(text: str, day_first: bool) -> dt.date | None:
    parsed = _parse(text, day_first)
    return parsed.date() if parsed else None


def reads_day_first(texts: Iterable[str]) -> bool:
    """Whether a column's slashed dates are day first, as Excel in most of the world re-saves
    "05 Mar 2024" (05/03/2024): the first one that can be read only one way decides."""
    for text in texts:
        match = _SLASHED.fullmatch(_normal(text)) if "/" in text else None
        if match and max(int(match.group(1)), int(match.group(2))) > 12:
            return int(match.group(1)) > 12
    return False


def parse_datetime(text: str) -> dt.datetime | None:
    """An aware UTC datetime; times without a zone are taken as UTC (LinkedIn's clock)."""
    return _parse(text)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _parse(text: str, day_first: bool = False) -> dt.datetime | None:
    text = _normal(text)
    if not text:
        return None
    try:
        return _iso(text) or _slashed(text, day_first) or _dotted(text) or _named(text)
    except (ValueError, OverflowError):  # 31 Feb, month 13, year 0
        return None


def _iso(text: str) -> dt.datetime | None:
    match = _ISO.fullmatch(text)
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    moment = dt.datetime(
        int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
    )
    return moment.replace(tzinfo=dt.UTC) - _offset(zone)


def _offset(zone: str | None) -> dt.timedelta:
    if not zone or zone in ("utc", "gmt", "z"):
        return dt.timedelta(0)
    digits = zone[1:].replace(":", "")
    delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return delta if zone[0] == "+" else -delta


def _slashed(text: str, day_first: bool) -> dt.datetime | None:
    match = _SLASHED.fullmatch(text)
    if not match:
        return None
    month, day, year, hour, minute, second, meridiem = match.groups()
    first, second_part = int(month), int(day)
    if (day_first or first > 12) and second_part <= 12:  # a day-first locale: 25/3/24
        first, second_part = second_part, first
    clock = _clock(int(hour or 0), meridiem)
    return dt.datetime(
        _year(year), first, second_part, clock, int(minute or 0), int(second or 0), tzinfo=dt.UTC
    )


def _dotted(text: str) -> dt.datetime | None:
    match = _DOTTED.fullmatch(text)
    if not match:
        return None
    day, month, year = match.groups()
    return _midnight(_year(year), int(month), int(day))


def _clock(hour: int, meridiem: str | None) -> int:
    if not meridiem:
        return hour
    afternoon = meridiem.startswith("p")
    return hour % 12 + (12 if afternoon else 0)


def _named(text: str) -> dt.datetime | None:
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match.groups()
        return _midnight(_year(year), _month(month), int(day))
    if match := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = match.groups()
        return _midnight(int(year), _month(month), int(day))
    if match := _MONTH_YEAR.fullmatch(text):
        month, year = match.groups()
        return _midnight(_year(year), _month(month), 1)
    if match := _YEAR.fullmatch(text):
        return _midnight(int(match.group(1)), 1, 1)
    return None


def _month(name: str) -> int:
    number = _MONTHS.get(name[:3], 0)
    if not number or not _FULL_MONTHS[number - 1].startswith(name.rstrip(".")[:4]):
        raise ValueError(name)  # "sept" is fine, "marzo" or "maybe" are not
    return number


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # POSIX pivot: 69 -> 2069, 70 -> 1970
        year += 2000 if year < 70 else 1900
    return year


def _midnight(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, tzinfo=dt.UTC)
