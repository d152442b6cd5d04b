"""Turn what someone typed into terms, and terms into each database's query syntax.

Nothing typed is ever passed through as query syntax: every word or quoted phrase becomes a
quoted string, so FTS operators (AND, NEAR, *, column:), quotes and brackets are just text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapport.core.text import transliterate

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MIN_PREFIX_LENGTH = 2  # a one-letter prefix matches nearly everything and helps nobody

_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')


@dataclass(frozen=True)
class Term:
    """A word, or a phrase the user put in double quotes; `prefix` matches words it starts."""

    text: str
    phrase: bool = False
    prefix: bool = False

    def fts5(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted

    def tsquery(self) -> str:
        quoted = "'" + self.text.replace("\\", "\\\\").replace("'", "''") + "'"
        return quoted + ":*" if self.prefix else quoted


def clean(text: str) -> str:
    """Drop what no database should see (NUL and other control characters, lone surrogates)."""
    kept = []
    for char in text[: MAX_QUERY_LENGTH * 2]:
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")
        elif category != "Cs":
            kept.append(char)
    return " ".join("".join(kept).split())[:MAX_QUERY_LENGTH]


def _searchable(text: str) -> bool:
    return any(char.isalnum() for char in text)


def parse(text: str) -> tuple[Term, ...]:
    """Words and "quoted phrases"; all must match, and the last word may be unfinished."""
    terms = []
    for match in _TERM.finditer(clean(text)):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None and _searchable(phrase):
            terms.append(Term(transliterate(" ".join(phrase.split())), phrase=True))
        elif word is not None and _searchable(word):
            terms.append(Term(transliterate(word)))
    terms = terms[:MAX_TERMS]
    if terms and not terms[-1].phrase and _alnum_length(terms[-1].text) >= MIN_PREFIX_LENGTH:
        terms[-1] = Term(terms[-1].text, prefix=True)
    return tuple(terms)


def _alnum_length(text: str) -> int:
    return sum(1 for char in text if char.isalnum())


def fts5_query(terms: tuple[Term, ...]) -> str:
    return " ".join(term.fts5() for term in terms)


def tsquery(terms: tuple[Term, ...]) -> str:
    return " & ".join(term.tsquery() for term in terms)
