"""Matching: normalised keys, a blocking index, and the merge / review / apart decision."""

from rapport.imports.match.index import PersonIndex
from rapport.imports.match.keys import (
    NameParts,
    email_key,
    name_parts,
    phone_key,
    phone_region,
)
from rapport.imports.match.scoring import Decision, Profile, Verdict, compare

__all__ = [
    "Decision",
    "NameParts",
    "PersonIndex",
    "Profile",
    "Verdict",
    "compare",
    "email_key",
    "name_parts",
    "phone_key",
    "phone_region",
]
