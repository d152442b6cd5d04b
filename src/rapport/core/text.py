"""Normalisation shared by every app: names, URLs and companies compare by these keys."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from cleanco import basename

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "José  Núñez" -> "jose nunez"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip().casefold()


def company_key(name: str) -> str:
    """Key under which spellings of one company meet: "Stripe, Inc." = "stripe"."""
    cleaned = basename(name.strip()) or name.strip()
    return fold(cleaned.rstrip(".,"))


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
