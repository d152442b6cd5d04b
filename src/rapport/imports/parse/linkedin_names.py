"""Names as LinkedIn writes them: credentials after commas, brackets, lists of recipients.

"Okonkwo (ACIPM, HRPL), MILR" is one family name with its credentials; "Sam Rivera, MBA,
Ann Lee" (a 2020-22 messages.csv's TO) is two people. Commas inside brackets never split.
"""

from __future__ import annotations

import re

from rapport.core.text import fold

_OPENING, _CLOSING = "([{", ")]}"
_TRAILING_BRACKETS = re.compile(r"\s*[(\[{]([^()\[\]{}]*)[)\]}]\s*$")
_WORD = re.compile(r"[^\W\d_][\w.'\u2019&+\u00ae-]*")
_PRONOUNS = re.compile(
    r"\(?(?:she|he|they|ze|xe)/(?:her|him|them|hers|his|theirs|they|she|he)\)?", re.I
)
# Credentials that are not written in capitals ("Jr.", "Esq"); capitals are read as such.
_LOWER_CREDENTIALS = frozenset({"jr", "sr", "esq", "ii", "iii", "iv", "mba", "phd", "msc", "bsc"})


def split_top_level(text: str, separators: str = ",;") -> list[str]:
    """`text` cut at each separator outside brackets, each part trimmed (empty parts kept)."""
    if not any(bracket in text for bracket in _OPENING):
        return [part.strip() for part in re.split(f"[{re.escape(separators)}]", text)]
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return parts


def is_credential(part: str) -> bool:
    """Whether a part after a comma is a title or credential ("PhD", "MBA", "CFA®", "(ACIPM,
    HRPL)", "Jr."), not a person's name."""
    part = part.strip()
    if _PRONOUNS.fullmatch(part):
        return True  # "she/her" is no more a person than "PhD"
    if bracketed := _TRAILING_BRACKETS.fullmatch(part):
        inner = [p for p in split_top_level(bracketed.group(1), ",;/") if p]
        return bool(inner) and all(is_credential(p) for p in inner)
    words = part.split()
    if not words or len(words) > 2 or len(part) > 16:
        return False
    return all(_credential_word(word) for word in words)


def _credential_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not letters or not _WORD.fullmatch(word):
        return False
    capitals = sum(1 for c in letters if c.isupper())
    return capitals >= 2 or fold(word.rstrip(".")) in _LOWER_CREDENTIALS


def names_with_credentials(text: str) -> list[str]:
    """A list of names, each with the credentials that follow it: "Ann Lee, PhD, Carl Ng" ->
    ["Ann Lee, PhD", "Carl Ng"] (a list that starts with a credential is not one: [])."""
    names: list[str] = []
    for part in (p for p in split_top_level(text) if p):
        if not is_credential(part):
            names.append(part)
        elif names:
            names[-1] = f"{names[-1]}, {part}"
        else:
            return []
    return names


def family_name(written: str) -> str:
    """The family name in a Last Name cell: "Smith, PhD" -> "Smith", "Okonkwo (ACIPM, HRPL),
    MILR" -> "Okonkwo", "Lee," -> "Lee"; a bracketed maiden name ("Smith (Jones)") stays."""
    if not any(mark in written for mark in ",([{"):
        return written.strip()
    name = split_top_level(written, ",")[0] or written.strip(" ,")
    while (bracketed := _TRAILING_BRACKETS.search(name)) and name[: bracketed.start()].strip():
        if not is_credential(bracketed.group(0)):
            break
        name = name[: bracketed.start()].strip()
    return name.strip(" ,")


def without_credentials(name: str) -> str:
    """A full name without what follows it: "Ann Lee, she/her" -> "Ann Lee", "Kemi Okonkwo
    (ACIPM, HRPL), MILR" -> "Kemi Okonkwo" (to split into first and last names)."""
    parts = split_top_level(name, ",")
    if len(parts) > 1 and not (parts[0] and all(is_credential(p) for p in parts[1:] if p)):
        return name  # "Lee, Ann": not for this function to read
    return family_name(parts[0])


def without_trailing_commas(name: str) -> str:
    """ "Ann Lee," -> "Ann Lee" (an Excel round trip, or a credential deleted by hand)."""
    return name.rstrip(" ,;")
