"""Whether an incoming record and a known person are one person: merge, review or apart.

Pure functions over Profiles (what each side is known by). Only pairs that share a block
key are ever compared (see index.py), so these can afford to be thorough.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from rapport.imports.match.keys import NameParts, same_first_name, same_spelling, work_domain

NAME_MERGE_SCORE = 90.0  # with an agreeing employer or work email domain
NAME_REVIEW_SCORE = 85.0  # below this, a shared last name is a coincidence
DIFFERENT_NAMES_SCORE = 60.0  # a shared email between these names is a shared inbox
INITIAL_SCORE = 85.0  # "J Smith" vs "John Smith": worth a look, never a merge on its own
LAST_SLIP_LENGTH = 4  # "Li" and "Lu" are two names, not a slip


class Decision(StrEnum):
    MERGE = "merge"
    REVIEW = "review"
    APART = "apart"


@dataclass(slots=True)
class Profile:
    """What one side of a comparison is known by. Emails and phones are already keys."""

    name: NameParts | None = None
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    linkedin: str = ""
    companies: set[str] = field(default_factory=set)  # company_key of current employers
    # The day you connected (on LinkedIn): it never changes, whatever else does.
    connected_on: dt.date | None = None

    def domains(self) -> set[str]:
        return {d for d in map(work_domain, self.emails) if d}


@dataclass(frozen=True)
class NameMatch:
    score: float
    first: str  # "same", "nickname", "initial", "spelling", "slip", "swapped" or "different"
    middle_conflict: bool
    same_last: bool = False  # last names alike but for case, accents, one written shorter
    last_slip: bool = False  # last names one letter apart (Smith/Smiht), of 4 letters or more
    last_harmless: bool = False  # ... by two letters swapped or one doubled (Kelyl/Kelly)
    # Both first names stand for a third (Marie and Maria for Marietta): two sisters may be.
    through_formal: bool = False

    @property
    def alike(self) -> bool:
        """The names differ at most by a nickname, an initial, case or accents, or are one
        name with first and last written the other way round."""
        if self.first == "swapped":
            return True
        if self.middle_conflict or self.first not in _ALIKE or self.through_formal:
            return False
        # A slip of the pen in the last name, with the same first name: no family has
        # two of one first name whose last names are one letter apart.
        return self.same_last or (self.last_slip and self.first not in {"initial", "slip"})

    @property
    def one_name(self) -> bool:
        """One name written two ways: a nickname, another transliteration, case, accents,
        first and last swapped; not two names a letter apart (Zhou and Zhu, Kang and King,
        Andrew and Andrei are different people at one large employer)."""
        if self.first == "swapped":
            return True
        if self.middle_conflict or self.first not in _SAME_FIRST:
            return False
        return self.same_last or (self.last_harmless and self.first != "slip")


# A slip that swaps two letters (Larua/Laura) or doubles one (Phillip/Philip) makes no other
# name; one that adds, drops or changes a letter may (Daniel/Daniela, Zhou/Zhu, Carl/Carol).
_ALIKE = frozenset({"same", "nickname", "initial", "slip"})
_SAME_FIRST = frozenset({"same", "nickname", "spelling", "slip"})


def harmless_slip(a: str, b: str) -> bool:
    """Whether `a` and `b` (same first letter, 4 letters or more) differ only by two
    neighbouring letters swapped (not the last two), or one letter doubled."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < LAST_SLIP_LENGTH:
        return False
    if len(a) == len(b):
        at = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        # not the last two: Christian and Christina are two names
        inside = len(at) == 2 and at[1] == at[0] + 1 < len(a) - 1
        return inside and (a[at[0]], a[at[1]]) == (b[at[1]], b[at[0]])
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and any(
        long[:i] + long[i + 1 :] == short and long[i] == long[i - 1] for i in range(1, len(long))
    )


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    score: float
    evidence: dict[str, Any]
    # Which evidence wins when a record could merge with two people: the LinkedIn
    # profile over an email over a phone over a name.
    strength: int = 0


def _first_names(a: str, b: str) -> tuple[str, str, str]:
    if a == b:
        return "same", a, b
    if common := same_first_name(a, b):
        return "nickname", common, common
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return "initial", a[0], b[0]
    if common := same_spelling(a, b):  # Aleksandr/Alexander, Mohammed/Muhammad
        return "spelling", common, common
    if harmless_slip(a, b):  # Larua/Laura, Phillip/Philip
        return "slip", a, b
    return "different", a, b


def _last_names(a: str, b: str) -> tuple[str, str]:
    # "perez" and "nunez perez" are one family name written shorter.
    if a == b or set(a.split()) <= set(b.split()) or set(b.split()) <= set(a.split()):
        longer = max(a, b, key=len)
        return longer, longer
    return a, b


def name_match(a: NameParts, b: NameParts) -> NameMatch:
    if a.first != b.first and (a.first, a.last) == (b.last, b.first):  # "Wang Wei", "Wei Wang"
        return NameMatch(score=100.0, first="swapped", middle_conflict=False)
    how, first_a, first_b = _first_names(a.first, b.first)
    through_formal = how == "nickname" and first_a not in (a.first, b.first)
    last_a, last_b = _last_names(a.last, b.last)
    score = fuzz.token_sort_ratio(f"{first_a} {last_a}", f"{first_b} {last_b}")
    if how == "initial":
        score = min(score, INITIAL_SCORE)
    conflict = bool(
        a.middle_initials and b.middle_initials and a.middle_initials[0] != b.middle_initials[0]
    )
    return NameMatch(
        score=round(score, 1),
        first=how,
        middle_conflict=conflict,
        same_last=last_a == last_b,
        last_slip=min(len(last_a), len(last_b)) >= LAST_SLIP_LENGTH
        and OSA.distance(last_a, last_b) == 1,
        last_harmless=harmless_slip(last_a, last_b),
        through_formal=through_formal,
    )


# What people write where an employer goes that says nothing about who they are: two
# "Self-employed" David Chens are not one person. Compared without spaces or punctuation.
_NOT_EMPLOYERS = frozenset(
    {
        "selfemployed", "self", "freelance", "freelancer", "freelancing", "independent",
        "independentconsultant", "consultant", "consulting", "contractor", "stealth",
        "stealthstartup", "stealthmode", "stealthmodestartup", "retired", "unemployed",
        "opentowork", "lookingforopportunities", "lookingfornewopportunities",
        "seekingnewopportunities", "careerbreak", "sabbatical", "confidential", "various",
        "na", "none", "student", "homemaker", "volunteer", "entrepreneur",
    }
)  # fmt: skip


@lru_cache(maxsize=1 << 14)  # asked for every key built and every pair compared
def is_employer(key: str) -> bool:
    """Whether a company key names an employer (not "Self-employed", "Stealth", "N/A")."""
    return "".join(c for c in key if c.isalnum()) not in _NOT_EMPLOYERS


def companies_agree(a: set[str], b: set[str]) -> bool:
    """Same employer by key, or one name extends the other ("google" / "google cloud")."""
    return any(
        x == y or x.startswith(f"{y} ") or y.startswith(f"{x} ")
        for x in a
        for y in b
        if is_employer(x)
    )


def _employers(keys: set[str]) -> set[str]:
    return {key for key in keys if is_employer(key)}


def _shared_keys(incoming: Profile, known: Profile) -> dict[str, Any]:
    shared: dict[str, Any] = {}
    if incoming.linkedin and incoming.linkedin == known.linkedin:
        shared["linkedin"] = incoming.linkedin
    if emails := sorted(incoming.emails & known.emails):
        shared["email"] = emails
    if phones := sorted(incoming.phones & known.phones):
        shared["phone"] = phones
    return shared


def _strength(shared: dict[str, Any]) -> int:
    return 3 if "linkedin" in shared else 2 if "email" in shared else 1


def compare(incoming: Profile, known: Profile) -> Verdict:
    shared = _shared_keys(incoming, known)
    name = name_match(incoming.name, known.name) if incoming.name and known.name else None
    evidence: dict[str, Any] = {"keys": shared}
    if name:
        evidence["name"] = {"score": name.score, "first": name.first}
        if name.middle_conflict:
            evidence["name"]["middle_initials_differ"] = True
    if incoming.linkedin and known.linkedin and incoming.linkedin != known.linkedin:
        # Two LinkedIn profiles are two people, unless they share an email address (a
        # number may be their office's).
        evidence["linkedin_differs"] = [incoming.linkedin, known.linkedin]
        decision = Decision.REVIEW if "email" in shared else Decision.APART
        return Verdict(decision, name.score if name else 0.0, evidence)
    if shared:
        verdict = _by_shared_key(shared, name, evidence)
        if verdict.strength > 1 or verdict.decision != Decision.REVIEW or name is None:
            return verdict
        # A number and names only alike: what else they share decides, or the user does.
        by_name = _by_name(incoming, known, name, {**evidence})
        return by_name if by_name.decision == Decision.MERGE else verdict
    if name is None or name.score < NAME_REVIEW_SCORE:
        return Verdict(Decision.APART, name.score if name else 0.0, evidence)
    return _by_name(incoming, known, name, evidence)


def _by_shared_key(
    shared: dict[str, Any], name: NameMatch | None, evidence: dict[str, Any]
) -> Verdict:
    strength = _strength(shared)
    # An email or a phone shared by clearly different names is a family's or an office's.
    # A phone is a family's landline or a parent's mobile as often as one person's: it
    # merges only names that differ by no more than a nickname, an initial, case or
    # accents (Jon and John Smith, or Stefan and Uwe Schmitt, are for the user to look at).
    # An email shared by Dima and Dmitry is one person's: nicknames outgrow any table.
    # A LinkedIn profile is one person even after a change of last name, not of first name.
    if name is None:
        evidence["rule"] = f"same {next(iter(shared))}"
        return Verdict(Decision.MERGE, 100.0, evidence, strength)
    unlike = name.score < DIFFERENT_NAMES_SCORE
    other_first = name.first == "different"
    if strength == 1 and unlike:  # Anna Schmidt and Ben Becker: the office's number, no clue
        evidence["rule"] = "shared number, different names"
        return Verdict(Decision.APART, name.score, evidence, strength)
    if unlike and strength == 2 and name.first in _SAME_FIRST and not name.middle_conflict:
        # Ana Souza, then Ana Lima: a new last name (a marriage), the same personal address.
        evidence["rule"] = "same email, same first name, another last name"
        return Verdict(Decision.MERGE, name.score, evidence, strength)
    if (unlike and (strength < 3 or other_first)) or (strength == 1 and not name.alike):
        evidence["rule"] = "shared key, different names"
        return Verdict(Decision.REVIEW, name.score, evidence, strength)
    evidence["rule"] = f"same {next(iter(shared))}"
    return Verdict(Decision.MERGE, 100.0, evidence, strength)


def _by_name(
    incoming: Profile, known: Profile, name: NameMatch, evidence: dict[str, Any]
) -> Verdict:
    company = companies_agree(incoming.companies, known.companies)
    domains = sorted(incoming.domains() & known.domains())
    both_employed = _employers(incoming.companies) and _employers(known.companies)
    evidence["company"] = "agrees" if company else "differs" if both_employed else "unknown"
    if domains:
        evidence["email_domain"] = domains
    # Addresses at one work domain on both sides and none shared: two people at one employer
    # (John Smith and John Smith at Acme), or one with two addresses; the user can tell.
    # A work domain alone says less than an employer: IBM and its spin-off Kyndryl share one.
    if company and domains:
        evidence["rule"] = "same name, same employer, different work addresses"
        return Verdict(Decision.REVIEW, name.score, evidence)
    if company and name.score >= NAME_MERGE_SCORE and name.one_name:
        evidence["rule"] = "same name, same employer"
        return Verdict(Decision.MERGE, name.score, evidence)
    same_day = incoming.connected_on is not None and incoming.connected_on == known.connected_on
    if same_day and name.score >= NAME_MERGE_SCORE and name.one_name:
        # An older export without profile URLs, and a newer one of the same connection.
        evidence["connected_on"] = str(incoming.connected_on)
        evidence["rule"] = "same name, connected the same day"
        return Verdict(Decision.MERGE, name.score, evidence)
    employer_differs = evidence["company"] == "differs"
    email_differs = bool(incoming.emails and known.emails)
    evidence["rule"] = (
        "same name, different employer and email"
        if employer_differs and email_differs
        else "same name, not enough to be sure"
    )
    return Verdict(Decision.REVIEW, name.score, evidence)
