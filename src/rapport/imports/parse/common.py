"""Small text helpers every parser shares: cleaning, stable keys, HTML, LinkedIn URLs."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rapport.core.text import fold, linkedin_key
from rapport.imports.parse.encoding import charset_name
from rapport.imports.parse.records import ParsedSource

_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?|/[a-zA-Z][a-zA-Z0-9]*\s*)>")
# What linkedin_key reads as "linkedin.com/in/<slug>" with nothing to decode or drop.
_PLAIN_PROFILE = re.compile(r"https?://(?:www\.|[a-z]{2}\.)?linkedin\.com/in/([^/?#%;\s\\]+)/?")
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "table", "blockquote", "pre", "hr", "section"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "article"}
)
_INVISIBLE = frozenset(("script", "style", "head", "title"))
_ESCAPED_ENTITY = re.compile(r"&amp;(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-z]{2,8}quo|nbsp|amp);")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def display_name(path: Path) -> str:
    """How a file is named in records, warnings and errors."""
    return path.name or str(path)


def clean(text: str) -> str:
    """One line of text: NFC, inner whitespace collapsed, ends trimmed."""
    if text.isascii():
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFC", text).split())


# Labels as address books write them, and as Rapport shows them.
_LABELS = {
    "cell": "Mobile", "mobile": "Mobile", "iphone": "iPhone", "work": "Work",
    "business": "Work", "home": "Home", "main": "Main", "other": "Other", "personal": "Personal",
    "car": "Car", "school": "School",
}  # fmt: skip


def in_reading_order(full_name: str, family: str, *given: str) -> str:
    """A full name written family name first, after a comma, in the order people read it,
    when it is just the family and given names the record has apart: "Wurst, Hans" with
    family name "Wurst" and given name "Hans" is "Hans Wurst". That is how lists are
    sorted, and how Open-Xchange and Outlook (its "File As") write a card's full name.

    `given` are the forms the given names may take ("Hans", "Hans Peter" with the middle
    name); anything else ("Lee, PhD", a comma that is part of the name) stays as written.
    """
    before, comma, after = full_name.partition(",")
    if not comma or not family or "," in after:
        return full_name
    family_written, given_written = before.strip(), after.strip()
    if fold(family_written) != fold(family) or not given_written:
        return full_name
    if fold(given_written) not in {fold(form) for form in given if form}:
        return full_name
    return f"{given_written} {family_written}"


def names_no_one(text: str) -> bool:
    """True for a "name" that is only an e-mail address or a phone number, as programs
    write a card's full name when it was never given one ("ana@example.com", "+1 555 0100"):
    the name the record has apart, if any, is the person's."""
    rest = text
    for address in email_addresses(text):
        rest = rest.replace(address, "")
    return not any(char.isalpha() for char in rest.removeprefix("mailto:"))


def contact_label(text: str) -> str:
    """A contact detail's label as people read it: "* Work" -> "Work", "CELL" -> "Mobile";
    a label of the user's own ("Office line") stays as written."""
    text = clean(text.lstrip("* "))
    return _LABELS.get(text.casefold(), text)


def known_label(words: Iterable[str]) -> str:
    """The label these words name, mobile before work before home ("" if none is known):
    vCard's TYPE=cell,voice,pref, Outlook's "Business Phone"."""
    words = {word.casefold() for word in words}
    return next((label for word, label in _LABELS.items() if word in words), "")


def multiline(text: str) -> str:
    """A cell that may span lines: every line end read as "\n", the ends trimmed."""
    if "\r" in text:  # Windows line ends inside a quoted cell
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def stable_key(*parts: str) -> str:
    """A key that stays the same for the same values, however they are spelled or cased."""
    joined = "\x1f".join(fold(part) for part in parts)
    return "sha256:" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:24]


def skip(
    source: ParsedSource,
    kind: str,
    count: int = 1,
    *,
    why: tuple[str, int, str] | None = None,
) -> None:
    """Count rows left out, in total and for the list they would have gone to.

    `why`: (file, line, reason), e.g. "connection rows blank but for the date": rows skipped
    for one reason in one file are told as one warning (`skips_told`).
    """
    source.skipped += count
    source.skipped_by_kind[kind] = source.skipped_by_kind.get(kind, 0) + count
    if why is not None:
        file, line, reason = why
        noted = source.skip_reasons.setdefault((file, kind, reason), [0, line])
        noted[0] += count


_SKIPPED = {"contacts": "rows", "messages": "messages"}


def skips_told(source: ParsedSource) -> None:
    """Why rows were skipped, as warnings: "messages.csv: 3 messages skipped (first at line
    7): drafts, never sent"."""
    for (file, kind, reason), (count, line) in source.skip_reasons.items():
        first = f" (first at line {line})" if line and count > 1 else ""
        at = f" (line {line})" if line and count == 1 else first
        noun = _SKIPPED.get(kind, kind)
        noun = noun if count > 1 else noun.removesuffix("s")
        warn(source, file, None, f"{count} {noun} skipped{at}: {reason}")
    source.skip_reasons.clear()


def warn(source: ParsedSource, file: str, line: int | None, message: str) -> None:
    where = f"{file}, line {line}" if line else file
    source.warnings.append(f"{where}: {message}")


_ADDRESS = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+\.[^\s<>()\[\],;:\"'.]+")
_PLAIN_ADDRESS = re.compile(r"[^\s<>()@]*@[^\s<>()@]*")


def email_addresses(value: str) -> list[str]:
    """The e-mail addresses an e-mail field holds: a plain "ana@example.com" (or "mailto:…")
    as written; from a mailbox with its name ('"Ana Souza" <ana@example.com>', as some
    phones and mail programs write it) or several joined by commas, semicolons or spaces,
    each address alone. [] if it holds none (see not_an_address)."""
    value = value.strip()
    if value[:7].casefold() == "mailto:":
        value = value[7:].strip()
    if "@" not in value:
        return []
    if _PLAIN_ADDRESS.fullmatch(value):
        return [value]
    return _ADDRESS.findall(value)


def not_an_address(value: str) -> str:
    """An e-mail field that holds text but no address, shortened to be told in a warning
    (Outlook's Exchange "/o=ExchangeLabs/ou=…/cn=…", "ana at example.com"), else ""."""
    if "@" in value and _PLAIN_ADDRESS.fullmatch(value.strip()):
        return ""  # most fields: one plain address
    value = clean(value)
    if not value or email_addresses(value):
        return ""
    return value if len(value) <= 40 else value[:39] + "…"


def unique(values: list[str]) -> list[str]:
    """Drop empty values and repeats, keeping the first spelling and the order."""
    seen: set[str] = set()
    kept = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def profile_key(url: str) -> str:
    """core.text.linkedin_key ("linkedin.com/in/<slug>"), but never raising on a mangled URL."""
    return _profile(url)[0]


def profile_url(url: str) -> str:
    """A LinkedIn profile URL as a person would write it, or "" if it is not one.

    https, www.linkedin.com, no query or trailing slash, and percent-escapes decoded so
    "jos%C3%A9" reads "josé".
    """
    return _profile(url)[1]


@functools.lru_cache(maxsize=1024)  # messages repeat the same few URLs on every row
def _profile(url: str) -> tuple[str, str]:
    url = url.strip()
    if plain := _PLAIN_PROFILE.fullmatch(url):  # the usual shape, without urlsplit's cost
        slug = plain.group(1)
        return f"linkedin.com/in/{slug.casefold()}", f"https://www.linkedin.com/in/{slug}"
    try:
        key = linkedin_key(url)
        parts = urlsplit(url if "://" in url else "https://" + url)
    except ValueError:  # urlsplit: "Invalid IPv6 URL"
        return "", ""
    if not key:
        return "", ""
    return key, "https://www.linkedin.com" + unquote(parts.path).rstrip("/")


def html_to_text(content: str) -> str:
    """Plain text of a message that may be HTML (InMail); plain text passes unchanged."""
    if not _TAG.search(content):
        return multiline(entities_decoded(content))
    extractor = _TextExtractor()
    try:
        extractor.feed(content)
        extractor.close()
        text = "".join(extractor.parts)
    except (AssertionError, ValueError):  # html.parser on broken markup declarations
        text = unescape(_TAG.sub(" ", content))
    return _tidy(text)


def entities_decoded(text: str) -> str:
    """Plain text with its HTML character references ("&rsquo;", "&amp;", "&#39;") read;
    only complete ones, so "AT&T" and "R&D;" stay as written."""
    if "&" not in text:
        return text
    text = _ESCAPED_ENTITY.sub(r"&\1;", text)  # "&amp;rsquo;": escaped once too often
    return _ENTITY.sub(lambda found: unescape(found.group(0)), text)


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:  # <br/> is one line break, not two
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # Newlines in HTML source are spaces; only tags make lines.
            self.parts.append(_SPACES.sub(" ", data))


def warn_not_utf8(source: ParsedSource, file: str, codec: str, lines: list[int]) -> None:
    """Say where a CSV has bytes that are not UTF-8, and how they were read (see
    encoding.not_utf8 and streams.Lines.not_utf8)."""
    if codec == "utf-8":
        message = "bytes that are not valid UTF-8 replaced by \ufffd; check this row"
    else:
        message = (
            f"not valid UTF-8: the file was read as {charset_name(codec or 'cp1252')}; "
            "check the letters of this row (in Excel, save as CSV UTF-8)"
        )
    for line in lines:
        warn(source, file, line, message)
