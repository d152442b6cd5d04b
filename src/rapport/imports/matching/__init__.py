"""Matching: normalised keys, a blocking index, and the merge / review / apart decision."""

from rapport.imports.matching.index import PersonIndex
from rapport.imports.matching.keys import (
    NameParts,
    email_key,
    name_parts,
    phone_key,
    phone_region,
)
from rapport.imports.matching.scoring import Decision, Profile, Verdict, compare

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
