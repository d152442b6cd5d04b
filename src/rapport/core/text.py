"""Normalisation shared by every app: names, URLs and companies compare by these keys."""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from cleanco.clean import custom_basename, prepare_default_terms

_SPACES = re.compile(r"\s+")

# cleanco's legal forms, less those that are also a place or a word in an English company
# name: "News UK" is not "News Corp", "Foo CA" not "Foo", "Foo EU" not "Foo". Each is a legal
# form somewhere (Uzbekistan's "UK", Venezuela's "C.A."), but at the end of a name it far more
# often tells two companies apart; a word that may do so stays.
_PLACES_NOT_FORMS = frozenset(
    {"uk", "eu", "ca", "nl", "pt", "at", "ae", "ba", "bm", "bt", "ec", "ee", "ky", "sc", "sd"}
)
_WORDS_NOT_FORMS = frozenset({"ok", "ent", "private"})
_LEGAL_FORMS = [
    (size, parts)
    for size, parts in prepare_default_terms()
    if not (size == 1 and parts[0] in _PLACES_NOT_FORMS | _WORDS_NOT_FORMS)
]


def basename(name: str) -> str:
    """`name` without the legal forms at its end: "Stripe, Inc." -> "Stripe", "Foo Pty
    Ltd" -> "Foo"; "News UK" stays (see _LEGAL_FORMS)."""
    result: str = custom_basename(name, _LEGAL_FORMS)
    return result


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


# The same letters as pairs, for SQL that folds them the same way (search/documents.py).
TRANSLITERATED: tuple[tuple[str, str], ...] = tuple(
    (chr(code), str(letters)) for code, letters in _TRANSLITERATE.items()
)


def transliterate(text: str) -> str:
    """`text` with the letters that carry no accent mark written as keyboards without them
    do ("Łukasz Øster" -> "Lukasz Oster"); case and accents are left for `fold`."""
    return text if text.isascii() else text.translate(_TRANSLITERATE)


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "José  Núñez" -> "jose nunez", "Søren" -> "soren"."""
    if text.isascii():
        return _SPACES.sub(" ", text).strip().casefold()
    decomposed = unicodedata.normalize("NFKD", transliterate(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip().casefold()


# Words and marks around a company's name that do not tell companies apart: a leading "The ",
# a trailing ", The" (as in sorted lists) and a trailing bracketed part that says nothing the
# name does not (see _is_bracket_note).
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_TRAILING_THE = re.compile(r"\s*,\s*the$", re.IGNORECASE)
# The last bracketed part, closed or cut short by an export ("Foo (Ba"), and what follows it.
_TRAILING_BRACKET = re.compile(
    r"^(?P<head>.*?)\s*[(\[{](?P<inner>[^()\[\]{}]*)(?:[)\]}](?P<after>[^()\[\]{}]*))?$"
)
_LAST_BRACKET = re.compile(r"\s*[(\[{](?P<inner>[^()\[\]{}]*)[)\]}]?\s*$")
_HAS_WORD = re.compile(r"\w")
# "&", "+" and "and" join the same names: "Ernst & Young" = "Ernst and Young", "A+E" = "A&E".
# A "+" joins only two words ("C++", "Google+ Team" keep theirs); "&amp;" is an "&" escaped.
_AMPERSAND_ENTITY = re.compile(r"&amp;", re.IGNORECASE)
_AMPERSAND = re.compile(r"\s*&\s*")
_PLUS = re.compile(r"(?<=\w)\+(?=\w)|(?<=\w)\s+\+\s+(?=\w)")
_OPENERS = {")": "(", "]": "[", "}": "{"}

# Abbreviations: "AWS" of "Amazon Web Services", "BofA" of "Bank of America", "P&G" of
# "Procter & Gamble". Small words may be left out, go by their initial, or be spelled out in
# lower case ("BOFA" is no abbreviation of "Bank of America").
_ABBREVIATION = re.compile(r"^[^\W_]+(?:[&+][^\W_]+)*$")
_WORDS = re.compile(r"[^\W_]+|[&+]")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "&", "+", "a", "an", "at", "in", "on", "to"})
_JOINERS = frozenset({"&", "+", "and"})
_NOT_A_TERM = "Rapport"  # a word cleanco keeps, to ask it whether the rest is a legal form


def _is_abbreviation(abbreviation: str, name: str) -> bool:
    """Whether `abbreviation` is made of the initials of every word of `name` (but small
    words): "AWS" of "Amazon Web Services", "BofA" of "Bank of America", not "UCLA" of
    "University of California"."""
    letters = abbreviation.replace(".", "").strip()
    if len(letters) < 2 or not _ABBREVIATION.match(letters):
        return False
    return any(
        _initials(letters, tuple(word.casefold() for word in _WORDS.findall(words)))
        for words in {name, basename(name) or name}
    )


def _initials(letters: str, words: tuple[str, ...]) -> bool:
    @functools.cache
    def matches(at: int, word: int) -> bool:
        if word == len(words):
            return at == len(letters)
        this, small = words[word], words[word] in _SMALL_WORDS
        if small and matches(at, word + 1):  # left out
            return True
        if at < len(letters):
            initial = letters[at].casefold()
            same = initial == this[0] or (this in _JOINERS and initial in "&+")
            if same and matches(at + 1, word + 1):
                return True
        spelled = small and this.isalpha() and len(this) > 1
        return spelled and letters.startswith(this, at) and matches(at + len(this), word + 1)

    return matches(0, 0)


def _is_legal_form(text: str) -> bool:
    """Whether `basename` would drop all of `text` from the end of a name: "Ltd", "Pty Ltd".
    Places are not: "(US)", "(UK)", "(Germany)" stay."""
    if not _HAS_WORD.search(text):
        return False
    name = f"{_NOT_A_TERM} {text}"
    while (shorter := basename(name)) != name:
        name = shorter
    return name == _NOT_A_TERM


def _is_bracket_note(head: str, inner: str, after: str | None) -> bool:
    """Whether the bracketed `inner` (and `after` it) after the name `head` can go: an
    abbreviation of the name, a legal form or "(The)". "University of California (UCLA)"
    keeps its "UCLA": it is not UC Berkeley."""
    if after and after.strip():  # "Foo (Pty) Ltd", "Foo Labs (Pty) Ltd"
        return _is_legal_form(f"{inner} {after}")
    return (
        inner.strip().casefold() == "the" or _is_legal_form(inner) or _is_abbreviation(inner, head)
    )


def _without_affixes(name: str) -> str:
    """`name` without a leading "The ", a trailing ", The" or trailing bracketed notes, as
    long as some of it is left."""
    while True:
        shorter = _TRAILING_THE.sub("", name)
        match = _TRAILING_BRACKET.match(shorter)
        head = match["head"] if match else ""
        if (
            match
            and _HAS_WORD.search(head)
            and _is_bracket_note(head, *match.group("inner", "after"))
        ):
            shorter = head
        shorter = _LEADING_THE.sub("", shorter).strip()
        if shorter == name or not _HAS_WORD.search(shorter):
            return name
        name = shorter


def _without_trailing_brackets(name: str) -> str:
    """The bracketed parts at the end of `name` as words of it: "Foo (Bar) [Baz" -> "Foo Bar
    Baz"; a legal form before them goes: "Foo Labs Ltd (UK)" -> "Foo Labs UK"."""
    parts: list[str] = []
    while match := _LAST_BRACKET.search(name):
        parts.insert(0, match["inner"].strip())
        name = name[: match.start()]
    if parts:
        name = basename(name.strip().rstrip(".,")) or name
    return " ".join(part for part in [name.strip(), *parts] if part)


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

    Only these affixes, legal forms and abbreviations of the name go; every other word stays
    ("Apple Bank" is not "Apple"), and so does a trailing bracketed part that is none of them,
    without its brackets ("University of California (UCLA)" is "university of california
    ucla"). The key never has an unmatched bracket, and a name with letters never gets a key
    without them ("The" is "the", "(AWS)" is "aws").
    """
    name = _SPACES.sub(" ", name).strip()
    name = _AMPERSAND_ENTITY.sub("&", name)
    cleaned = _without_affixes(name)
    cleaned = basename(cleaned) or cleaned
    # cleanco drops trailing punctuation, a closing bracket too: "Foo (Pty) Ltd" -> "Foo (Pty".
    cleaned = _without_affixes(cleaned.rstrip(".,"))
    cleaned = _WEB_SUFFIX.sub("", cleaned) or cleaned
    cleaned = _without_trailing_brackets(cleaned) or cleaned
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


def plural(count: int, word: str, many: str = "") -> str:
    """ "1 pair", "3 pairs", "2 people" (`many`: the plural when it is not `word` + "s")."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def sentence(text: str) -> str:
    """`text` ended with a full stop, unless it ends with one already: "Added Data Analyst at
    Stripe, Inc." takes no second one."""
    text = text.rstrip()
    return text if not text or text.endswith((".", "!", "?", "…")) else f"{text}."
