"""The real people behind the generated files, and each source record that describes one.

An Entity is a person; a Record is one row or card about them in one source, written the
way that source would (a nickname, no accents, another spelling of the employer…). Which
records share an entity is the ground truth the merge benchmark scores against.

Every duplicate record carries evidence a careful reader could act on: a LinkedIn profile,
an email or phone number seen in an earlier record of the same person, or the same current
employer under a name variant. Look-alikes share a name with someone else but never their
employer, address, number or profile.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from bench import names

T = TypeVar("T")
REFERENCE_DAY = dt.date(2026, 11, 2)  # "today" for the files; they must not vary by day
_ASCII = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae"})
_ASCII_MORE = str.maketrans({"đ": "d", "ı": "i", "Æ": "AE", "œ": "oe"})  # noqa: RUF001
FREE_MAIL = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me")
_NICKNAMED = tuple(name for name in names.FIRST_NAMES if name[1])
_PARTICLES = frozenset({"van", "der", "de", "del", "da", "dos", "von", "st."})


def ascii_fold(text: str) -> str:
    """ "Łukasz Wiśniewski" -> "Lukasz Wisniewski" (letters with no ASCII form are dropped)."""
    text = text.translate(_ASCII).translate(_ASCII_MORE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c.isascii())


def weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    values = [value for value, _ in options]
    return rng.choices(values, weights=[weight for _, weight in options])[0]


@dataclass(frozen=True)
class Company:
    name: str
    domain: str
    variants: tuple[str, ...]  # other spellings with the same normalised name
    switchboard: str  # the main line, which several people's cards may carry

    def spelling(self, rng: random.Random, *, vary: float) -> str:
        if self.variants and rng.random() < vary:
            return rng.choice(self.variants)
        return self.name


@dataclass
class Entity:
    id: int
    first: str  # formal first name
    nicknames: tuple[str, ...]
    rare_nicknames: tuple[str, ...]
    goes_by: str  # the first name they use on LinkedIn
    middle: str  # an initial, or ""
    last: str
    suffix: str
    company: Company | None
    old_company: Company | None
    title: str
    emails: list[str]  # work first, then personal
    phones: list[str]  # E.164
    slug: str  # LinkedIn profile slug; "" when not on LinkedIn
    city: tuple[str, str, str]
    lookalike_of: int | None = None

    @property
    def profile_url(self) -> str:
        return f"https://www.linkedin.com/in/{self.slug}" if self.slug else ""


@dataclass
class Record:
    """One source's view of an entity; renderers turn it into a row or a card."""

    id: str  # "li:12", "vc:7", "gc:3"
    source: str  # "linkedin", "vcard" or "csv"
    entity: int
    role: str  # "primary" (first record of the person), "duplicate" or "lookalike"
    first: str
    last: str
    middle: str = ""
    prefix: str = ""
    suffix: str = ""
    decoration: str = ""  # emoji or pronouns LinkedIn users add to their name
    case: str = ""  # "", "upper" or "lower"
    evidence: str = ""  # for duplicates: "url", "email", "phone" or "company"
    variations: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    url: str = ""  # LinkedIn profile URL as written
    company: str = ""
    current_company: bool = False  # `company` is their employer now
    title: str = ""
    city: tuple[str, str, str] | None = None
    notes: str = ""
    file: str = ""
    line: int = 0

    def cased(self, text: str) -> str:
        return text.upper() if self.case == "upper" else text.lower() if self.case else text

    @property
    def full_name(self) -> str:
        """The name as a person reads it: "Dr. Ana M. Souza, PhD"."""
        middle = f"{self.middle}." if len(self.middle) == 1 else self.middle
        parts = [self.prefix, self.first, middle, self.last]
        name = " ".join(p for p in parts if p)
        name = f"{name}, {self.suffix}" if self.suffix else name
        return self.cased(f"{name} {self.decoration}".strip())


class Population:
    """Entities and their records, built source by source in import order."""

    def __init__(self, rng: random.Random, companies: int) -> None:
        self.rng = rng
        self.companies = make_companies(rng, companies)
        self._keys: set[str] = {c.switchboard for c in self.companies}  # membership only
        self._company_weights = list(
            itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(self.companies)))
        )
        self.entities: list[Entity] = []
        self.records: dict[int, list[Record]] = {}
        self._names: set[str] = set()  # folded "first|last" forms in use (membership only)

    # --- entities ------------------------------------------------------------------------

    def company(self, *, other_than: tuple[Company | None, ...] = ()) -> Company:
        while True:
            pick = self.rng.choices(self.companies, cum_weights=self._company_weights)[0]
            if pick not in other_than:
                return pick

    def new_entity(self, *, on_linkedin: bool, lookalike_of: Entity | None = None) -> Entity:
        rng = self.rng
        first, nicknames, rare, last = self._name(lookalike_of)
        has_job = rng.random() < 0.95 or lookalike_of is not None
        # A look-alike never worked where the person they resemble works or worked.
        theirs = (lookalike_of.company, lookalike_of.old_company) if lookalike_of else ()
        company = self.company(other_than=theirs)
        entity = Entity(
            id=len(self.entities),
            first=first,
            nicknames=nicknames,
            rare_nicknames=rare,
            goes_by=rng.choice(nicknames) if nicknames and rng.random() < 0.3 else first,
            middle=rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.15 else "",
            last=last,
            suffix=rng.choice(names.SUFFIXES) if rng.random() < 0.02 else "",
            company=company if has_job else None,
            old_company=self.company(other_than=(company, *theirs)) if rng.random() < 0.5 else None,
            title=rng.choice(names.TITLES),
            emails=[],
            phones=[],
            slug="",
            city=rng.choice(names.CITIES),
            lookalike_of=lookalike_of.id if lookalike_of else None,
        )
        if lookalike_of is not None:
            entity.goes_by, entity.middle = lookalike_of.goes_by, lookalike_of.middle
        entity.emails = self._emails(entity)
        entity.phones = self._phones()
        entity.slug = self._slug(entity) if on_linkedin else ""
        self.entities.append(entity)
        self.records[entity.id] = []
        return entity

    def _name(
        self, lookalike_of: Entity | None
    ) -> tuple[str, tuple[str, ...], tuple[str, ...], str]:
        if lookalike_of is not None:
            e = lookalike_of
            return e.first, e.nicknames, e.rare_nicknames, e.last
        for _ in range(1000):
            if self.rng.random() < 0.02:
                first, last = self.rng.choice(names.NATIVE_NAMES)
                nicks: tuple[str, ...] = ()
                rare: tuple[str, ...] = ()
            else:
                # One in five goes by a nickname (Bill, Kate…), more than the list's share.
                pool = _NICKNAMED if self.rng.random() < 0.2 else names.FIRST_NAMES
                first, all_nicks = self.rng.choice(pool)
                nicks = tuple(n for n in all_nicks if not n.startswith("~"))
                rare = tuple(n[1:] for n in all_nicks if n.startswith("~"))
                last = self.rng.choice(names.LAST_NAMES)
            forms = [_name_form(f, part) for f in (first, *nicks, *rare) for part in _lasts(last)]
            if not any(form in self._names for form in forms):
                self._names.update(forms)
                return first, nicks, rare, last
        raise RuntimeError("ran out of distinct names; add more to bench/names.py")

    def claim_names(self, firsts: Sequence[str], last: str, *, only_check: bool = False) -> bool:
        """Whether nobody is called by any of `firsts` with `last` (or a shortened `last`);
        if so, those names are now taken (unless `only_check`)."""
        forms = [_name_form(f, part) for f in firsts for part in _lasts(last)]
        if any(form in self._names for form in forms):
            return False
        if not only_check:
            self._names.update(forms)
        return True

    def _unique(self, make: Callable[[int], str]) -> str:
        for attempt in range(1000):
            value = make(attempt)
            if value.casefold() not in self._keys:
                self._keys.add(value.casefold())
                return value
        raise RuntimeError("could not make a unique value")

    def _emails(self, entity: Entity) -> list[str]:
        rng = self.rng
        local = _local_part(entity) or f"person{entity.id}"
        found = []
        if entity.company is not None and rng.random() < 0.7:
            domain = entity.company.domain
            found.append(self._unique(lambda n: f"{local}{n or ''}@{domain}"))
        if rng.random() < 0.6:
            domain = rng.choice(FREE_MAIL)
            tag = rng.randint(1, 99)
            joined = local.replace(".", "")
            found.append(self._unique(lambda n: f"{joined}{tag + n}@{domain}"))
        return found

    def _phones(self) -> list[str]:
        rng = self.rng
        count = weighted(rng, [(0, 0.35), (1, 0.5), (2, 0.15)])
        return [self._unique(lambda _: _random_phone(rng)) for _ in range(count)]

    def _slug(self, entity: Entity) -> str:
        base = _local_part(entity).replace(".", "-") or f"member-{entity.id}"
        if entity.first != ascii_fold(entity.first) and self.rng.random() < 0.3:
            base = f"{entity.first}-{entity.last}".casefold().replace(" ", "-")  # "josé-núñez"
        return self._unique(lambda _: f"{base}-{self.rng.getrandbits(24):06x}")

    # --- records -------------------------------------------------------------------------

    def add(self, record: Record) -> Record:
        self.records[record.entity].append(record)
        return record

    def evidence_options(self, entity: Entity) -> list[tuple[str, float]]:
        """What a new record of `entity` could share with the records written before it."""
        earlier = self.records[entity.id]
        options: list[tuple[str, float]] = []
        if entity.slug and any(r.url for r in earlier):
            options.append(("url", 0.25))
        if self.seen(entity, "email"):
            options.append(("email", 0.3))
        if self.seen(entity, "phone"):  # not a switchboard: that is everyone's at the office
            options.append(("phone", 0.2))
        if entity.company is not None and any(r.current_company for r in earlier):
            options.append(("company", 0.35))
        return options

    def seen(self, entity: Entity, what: str) -> list[str]:
        """The emails, phones or URLs earlier records of `entity` carried, as entity values."""
        earlier = self.records[entity.id]
        if what == "email":
            written = {e.casefold() for r in earlier for e in r.emails}
            return [e for e in entity.emails if e.casefold() in written or _gmail(e, written)]
        if what == "phone":
            digits = {_digits(p) for r in earlier for p in r.phones}
            return [p for p in entity.phones if _digits(p) in digits or _digits(p)[-10:] in digits]
        return [entity.profile_url] if any(r.url for r in earlier) else []


def _lasts(last: str) -> list[str]:
    """A family name and the names it may be shortened to: "Núñez Pérez" is also written
    "Núñez" or "Pérez", so no one else may be called by those with the same first name."""
    words = [w for w in last.replace("-", " ").split() if w.casefold() not in _PARTICLES]
    return [last, *words] if len(words) > 1 else [last]


def _name_form(first: str, last: str) -> str:
    return f"{ascii_fold(first).casefold()}|{ascii_fold(last).casefold()}"


def _local_part(entity: Entity) -> str:
    first = "".join(c for c in ascii_fold(entity.first).casefold() if c.isalnum())
    last = "".join(c for c in ascii_fold(entity.last).casefold() if c.isalnum())
    return f"{first}.{last}" if first and last else ""


def _gmail(email: str, written: set[str]) -> bool:
    local, _, domain = email.casefold().partition("@")
    return domain == "gmail.com" and any(
        w.endswith("@gmail.com") and w.split("@")[0].replace(".", "") == local for w in written
    )


def _digits(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit())


def _random_phone(rng: random.Random) -> str:
    if rng.random() < 0.8:
        area = rng.choice(names.AREA_CODES)
        return f"+1{area}{rng.randint(2, 9)}{rng.randint(0, 99):02d}{rng.randint(0, 9999):04d}"
    country = weighted(rng, [("44", 0.4), ("49", 0.3), ("55", 0.3)])
    if country == "44":
        return f"+447{rng.randint(100, 999)}{rng.randint(0, 999999):06d}"
    if country == "49":
        return f"+4915{rng.randint(1, 9)}{rng.randint(0, 99999999):08d}"
    return f"+55119{rng.randint(0, 99999999):08d}"


def make_companies(rng: random.Random, count: int) -> list[Company]:
    """Well-known employers first (the big ones), then made-up ones, most popular first."""
    made: list[Company] = []
    used: set[str] = set()
    lines: set[str] = set()
    for name, domain, variants in names.KNOWN_COMPANIES[: max(5, count // 20)]:
        made.append(Company(name, domain, variants, _switchboard(rng, lines)))
        used.add(name)
    while len(made) < count:
        name = f"{rng.choice(names.COMPANY_FIRST)} {rng.choice(names.COMPANY_SECOND)}"
        if name in used:
            if len(used) >= len(names.COMPANY_FIRST) * len(names.COMPANY_SECOND):
                name = f"{name} {len(made)}"
            else:
                continue
        used.add(name)
        domain = "".join(c for c in name.casefold() if c.isalnum()) + ".com"
        legal = rng.choice(names.LEGAL_FORMS)
        variants = (f"{name}{legal}", name.casefold(), name.upper())
        made.append(Company(name, domain, variants, _switchboard(rng, lines)))
    order = list(range(len(made)))
    head = min(len(names.KNOWN_COMPANIES), count // 20, 10)
    tail = order[head:]
    rng.shuffle(tail)  # a few famous employers lead; the rest interleave
    return [made[i] for i in order[:head] + tail]


def _switchboard(rng: random.Random, used: set[str]) -> str:
    while True:
        line = f"+1{rng.choice(names.AREA_CODES)}{rng.randint(2, 9)}{rng.randint(0, 99):02d}0100"
        if line not in used:
            used.add(line)
            return line
