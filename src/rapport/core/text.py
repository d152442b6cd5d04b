"""Normalisation shared by every app: names, URLs and companies compare by these keys."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from cleanco import basename

_SPACES = re.compile(r"\s+")


# Letters that are not a base letter plus an accent, so NFKD leaves them as they are:
# "Søren" is written "Soren" (and Turkish dotless-i "Aydin" "AYDIN") where keyboards lack them.
_TRANSLITERATE = str.maketrans(
    {
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "\u0131": "i", "ß": "ss",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D",
        "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T",
    }
)  # fmt: skip
# A web address as a company name: "Amazon.com, Inc." is Amazon.
_WEB_SUFFIX = re.compile(r"(?<=\w)\.(?:com|net|org|io|co|ai|app|dev)$", re.IGNORECASE)


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "José  Núñez" -> "jose nunez", "Søren" -> "soren"."""
    if text.isascii():
        return _SPACES.sub(" ", text).strip().casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip().casefold()


# Words and marks around a company's name that do not tell companies apart: a leading "The ",
# a trailing ", The" (as in sorted lists) and a trailing bracketed part: an acronym or a note,
# "Amazon Web Services (AWS)", "Foo (acquired by Bar)", even one an export cut short, "Foo (Ba".
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_TRAILING_THE = re.compile(r"\s*,\s*the$", re.IGNORECASE)
_TRAILING_BRACKETS = re.compile(r"\s*[(\[{][^()\[\]{}]*[)\]}]?$")
_HAS_WORD = re.compile(r"\w")
# "&", "+" and "and" join the same names: "Ernst & Young" = "Ernst and Young", "A+E" = "A&E".
# A "+" joins only two words ("C++", "Google+ Team" keep theirs); "&amp;" is an "&" escaped.
_AMPERSAND_ENTITY = re.compile(r"&amp;", re.IGNORECASE)
_AMPERSAND = re.compile(r"\s*&\s*")
_PLUS = re.compile(r"(?<=\w)\+(?=\w)|(?<=\w)\s+\+\s+(?=\w)")
_OPENERS = {")": "(", "]": "[", "}": "{"}


def _without_affixes(name: str) -> str:
    """`name` without a leading "The ", a trailing ", The" or trailing bracketed parts, as long
    as some of it is left."""
    while True:
        shorter = _TRAILING_BRACKETS.sub("", name)
        shorter = _TRAILING_THE.sub("", shorter)
        shorter = _LEADING_THE.sub("", shorter).strip()
        if shorter == name or not _HAS_WORD.search(shorter):
            return name
        name = shorter


def _balanced(text: str) -> str:
    """`text` without the brackets that are not matched: "(aws" -> "aws"."""
    unmatched: set[int] = set()
    open_at: list[int] = []
    for at, char in enumerate(text):
        if char in "([{":
            open_at.append(at)
        elif char in _OPENERS:
            if open_at and text[open_at[-1]] == _OPENERS[char]:
                open_at.pop()
            else:
                unmatched.add(at)
    unmatched.update(open_at)
    if not unmatched:
        return text
    kept = "".join(char for at, char in enumerate(text) if at not in unmatched)
    return _SPACES.sub(" ", kept).strip()


def company_key(name: str) -> str:
    """Key under which spellings of one company meet: "Stripe, Inc." = "stripe",
    "Amazon.com, Inc." = "amazon", "The Gates Foundation" = "Gates Foundation, The",
    "Amazon Web Services (AWS)" = "Amazon Web Services", "Ernst & Young" = "Ernst and Young".

    Only these affixes and legal forms go; every other word stays ("Apple Bank" is not
    "Apple"). The key never has an unmatched bracket, and a name with letters never gets a key
    without them ("The" is "the", "(AWS)" is "aws").
    """
    name = _SPACES.sub(" ", name).strip()
    name = _AMPERSAND_ENTITY.sub("&", name)
    cleaned = _without_affixes(name)
    cleaned = basename(cleaned) or cleaned
    # cleanco drops trailing punctuation, a closing bracket too: "Foo (UK) Ltd" -> "Foo (UK".
    cleaned = _without_affixes(cleaned.rstrip(".,"))
    cleaned = _WEB_SUFFIX.sub("", cleaned) or cleaned
    cleaned = _PLUS.sub(" and ", _AMPERSAND.sub(" and ", cleaned))
    key = _balanced(fold(cleaned))
    if _HAS_WORD.search(key) or not _HAS_WORD.search(name):
        return key or fold(name)
    return _balanced(fold(name)) or fold(name)


def linkedin_key(url: str) -> str:
    """Normalise a LinkedIn profile URL to "linkedin.com/in/<slug>" (or "" if not one)."""
    url = url.strip()
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    if not host.endswith("linkedin.com"):
        return ""
    path = unquote(parts.path).rstrip("/")
    match = re.match(r"^/(in|pub)/([^/]+)", path)
    if not match:
        return ""
    return f"linkedin.com/in/{match.group(2).casefold()}"
