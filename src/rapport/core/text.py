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


def company_key(name: str) -> str:
    """Key under which spellings of one company meet: "Stripe, Inc." = "stripe",
    "Amazon.com, Inc." = "amazon"."""
    cleaned = basename(name.strip()) or name.strip()
    cleaned = cleaned.rstrip(".,")
    cleaned = _WEB_SUFFIX.sub("", cleaned) or cleaned
    return fold(cleaned)


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
