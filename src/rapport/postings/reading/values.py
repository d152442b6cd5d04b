"""schema.org values as real pages write them, turned into plain Python values.

Pages put a string where an object is expected, an object where a string is, a list where
one value is, HTML entities into text and "$120,000" into numbers. Every function here
takes any JSON value and returns a plain value, or an empty one: a field is never worth
failing a posting for.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


def values(value: Any) -> Iterator[Any]:
    """Each value of a property that may hold one value or a list of them."""
    if isinstance(value, list | tuple):
        for item in value:
            yield from values(item)
    elif value is not None and value != "":
        yield value


def first(value: Any) -> Any:
    return next(values(value), None)


def text(value: Any) -> str:
    """Plain one-line text: entities decoded (twice escaped too), tags and spaces dropped."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    if isinstance(value, list | tuple):
        value = first(value)
    if value is None or isinstance(value, bool):
        return ""
    plain = str(value)
    for _ in range(2):  # "&amp;amp;" is an ampersand escaped twice
        if "&" not in plain:
            break
        plain = html.unescape(plain)
    return _SPACES.sub(" ", _TAG.sub(" ", plain)).strip()


def clip(value: str, length: int) -> str:
    """`value` cut to `length` characters, at a word if it has to be cut."""
    if len(value) <= length:
        return value
    cut = value[: length - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;-\u2013\u2014") + "…"


def name_of(value: Any) -> str:
    """The name of an Organization, Country, Place…: a string or an object's "name"."""
    for item in values(value):
        if isinstance(item, dict):
            found = text(item.get("name") or item.get("legalName") or "")
        else:
            found = text(item)
        if found:
            return found
    return ""


def date_of(value: Any) -> dt.date | None:
    """A date from ISO 8601 ("2024-03-05", "2024-03-05T23:59:59.000Z"), in its own offset."""
    match = _DATE.search(text(value))
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        found = dt.date(year, month, day)
    except ValueError:
        return None
    return found if 1990 <= found.year <= 2100 else None


_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_NUMBER = re.compile(r"\d[\d.,\s\u00a0\u202f']*(?:[kK]\b)?")


def amount(value: Any) -> Decimal | None:
    """A positive amount from 120000, "120000.00", "$120,000", "120.000 €" or "120k"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _positive(Decimal(str(value)))
    match = _NUMBER.search(text(value))
    if match is None:
        return None
    return _positive(_number(match.group()))


def amounts(value: Any) -> list[Decimal]:
    """Every amount in a text such as "$100,000 - $120,000"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        found = amount(value)
        return [found] if found is not None else []
    numbers = (_positive(_number(m.group())) for m in _NUMBER.finditer(text(value)))
    return [number for number in numbers if number is not None]


def _number(digits: str) -> Decimal | None:
    thousand = digits.rstrip().lower().endswith("k")
    digits = re.sub(r"[\s\u00a0\u202f'kK]", "", digits).rstrip(".,")
    if _THOUSANDS_COMMA.match(digits):
        digits = digits.replace(",", "")
    elif _THOUSANDS_DOT.match(digits):
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", ".")
    try:
        number = Decimal(digits)
    except InvalidOperation:
        return None
    return number * 1000 if thousand else number


def _positive(number: Decimal | None) -> Decimal | None:
    if number is None or not number.is_finite() or number <= 0 or number >= Decimal(10) ** 10:
        return None
    return number.quantize(Decimal("0.01"))


_EMPLOYMENT = {
    "FULLTIME": "Full-time",
    "PERMANENT": "Full-time",
    "PARTTIME": "Part-time",
    "CONTRACTOR": "Contract",
    "CONTRACT": "Contract",
    "FREELANCE": "Contract",
    "TEMPORARY": "Temporary",
    "TEMP": "Temporary",
    "INTERN": "Internship",
    "INTERNSHIP": "Internship",
    "VOLUNTEER": "Volunteer",
    "PERDIEM": "Per diem",
    "SEASONAL": "Seasonal",
}


def employment_type(value: Any) -> str:
    """ "FULL_TIME" or ["FULL_TIME", "CONTRACTOR"] as "Full-time, Contract"."""
    kinds: list[str] = []
    for item in values(value):
        for part in re.split(r"[,;/|]", text(item)):
            key = re.sub(r"[\s_\-]", "", part).upper()
            if not key or key == "OTHER":
                continue
            kind = _EMPLOYMENT.get(key) or part.strip().replace("_", " ").capitalize()
            if kind not in kinds:
                kinds.append(kind)
    return clip(", ".join(kinds), 100)


# Currency symbols that name one currency; "$" names a dozen, so it names none.
_SYMBOLS = {"€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW", "₪": "ILS", "zł": "PLN"}
_CODE = re.compile(r"\b([A-Z]{3})\b")
_PERIODS = {
    "HOUR": "hour",
    "HOURLY": "hour",
    "DAY": "day",
    "DAILY": "day",
    "WEEK": "week",
    "WEEKLY": "week",
    "MONTH": "month",
    "MONTHLY": "month",
    "YEAR": "year",
    "YEARLY": "year",
    "ANNUAL": "year",
    "ANNUALLY": "year",
    "ANNUM": "year",
    "PERYEAR": "year",
    "PERHOUR": "hour",
    "PERMONTH": "month",
}


def currency(*candidates: Any) -> str:
    """An ISO 4217 code from "USD", "usd", or a text with "€" in it; "" if none says."""
    for candidate in candidates:
        found = text(candidate)
        if re.fullmatch(r"[A-Za-z]{3}", found):
            return found.upper()
        if match := _CODE.search(found):
            return match.group(1)
        for symbol, code in _SYMBOLS.items():
            if symbol in found:
                return code
    return ""


def period(value: Any) -> str:
    key = re.sub(r"[\s_\-]", "", text(value)).upper()
    return _PERIODS.get(key, "")
