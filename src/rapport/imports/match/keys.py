"""Keys under which two records of one person meet: email, phone, LinkedIn profile, name.

Pure functions, no database. Each returns "" (or nothing) when a value is not usable as a
key, so that a blank or junk value never joins two strangers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from django.conf import settings
from nameparser import HumanName
from nameparser.config import CONSTANTS
from nicknames import NickNamer

from rapport.core.text import fold, linkedin_key

# Free mail providers: a shared domain there says nothing about a shared employer.
FREE_MAIL = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "hotmail.com", "outlook.com",
        "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "protonmail.com",
        "proton.me", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "mail.ru",
        "yandex.ru", "yandex.com", "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com",
        "hey.com", "tutanota.com", "comcast.net", "verizon.net", "att.net", "free.fr",
        "orange.fr", "laposte.net", "libero.it", "t-online.de", "uol.com.br", "bol.com.br",
    }
)  # fmt: skip
_FREE_MAIL_PREFIXES = ("yahoo.", "hotmail.", "outlook.", "live.", "gmx.", "aol.")
_GMAIL = frozenset({"gmail.com", "googlemail.com"})

_MIN_PHONE_DIGITS = 7  # shorter numbers are extensions or switchboard codes, not people
_NOT_DIGITS = re.compile(r"\D")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|\"[^\"]*\"|“[^”]*”|(?<!\w)'[^']*'(?!\w)")
_APOSTROPHES = "'\u2019"  # straight and typographic: O'Brien
_NOT_NAME = re.compile(rf"[^\w\s{_APOSTROPHES}-]")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})
# Short suffixes are often surnames too ("Ma", "Do", "Le"): only these few are dropped.
_SHORT_SUFFIXES = frozenset({"jr", "sr", "ii", "iv", "md", "rn"})
_SUFFIXES = frozenset(
    s
    for s in {*CONSTANTS.suffix_acronyms, *CONSTANTS.suffix_not_acronyms}
    if len(s) > 2 or s in _SHORT_SUFFIXES
)
_LAST_NAME_PREFIXES = frozenset(CONSTANTS.prefixes)
_NICKNAMES = NickNamer()


# How LinkedIn itself writes profile URLs in its exports: no need to parse those.
_PLAIN_PROFILE = re.compile(r"https?://(?:www\.)?linkedin\.com/in/([^/?#%\s]+)/?")


@lru_cache(maxsize=131072)  # the same URL comes back in connections, messages, invitations
def profile_key(url: str) -> str:
    """core.text.linkedin_key, faster for the plain URLs that exports are full of."""
    if plain := _PLAIN_PROFILE.fullmatch(url):
        return f"linkedin.com/in/{plain.group(1).casefold()}"
    return linkedin_key(url.replace("\x00", ""))


def email_key(value: str) -> str:
    """Casefolded address; for Gmail also without dots and "+tag" (Gmail ignores both).

    Other providers keep their dots and tags: some treat them as distinct mailboxes.
    """
    value = value.replace("\x00", "").strip().removeprefix("mailto:").strip().casefold()
    local, at, domain = value.rpartition("@")
    if not at or not local or "." not in domain or " " in value:
        return ""
    if domain in _GMAIL:
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


# Mailboxes of an office or a team, not of a person: info@, office@, sales@ …
ROLE_MAILBOXES = frozenset(
    {
        "info", "office", "contact", "contacts", "hello", "hi", "admin", "sales", "support",
        "team", "hr", "jobs", "careers", "recruiting", "enquiries", "inquiries", "reception",
        "mail", "post", "service", "billing", "accounts", "noreply", "no-reply", "help",
        "marketing", "press", "media", "general", "kontakt", "buero", "bureau", "secretariat",
        "family", "home", "webmaster", "postmaster", "orders", "booking", "bookings",
    }
)  # fmt: skip


def role_address(key: str) -> bool:
    """Whether an email key is an office's or a team's mailbox (info@acme.com)."""
    return key.rpartition("@")[0] in ROLE_MAILBOXES


def work_domain(key: str) -> str:
    """The domain of an email key if it may say where someone works ("" for free mail)."""
    domain = key.rpartition("@")[2]
    if domain in FREE_MAIL or domain.startswith(_FREE_MAIL_PREFIXES):
        return ""
    return domain


def phone_region() -> str:
    """Region for numbers written without a country code (RAPPORT_PHONE_REGION, default US)."""
    region: str = settings.RAPPORT_PHONE_REGION
    return region


@lru_cache(maxsize=65536)
def phone_key(value: str, region: str) -> str:
    """E.164 when phonenumbers can read it ("+14155550123"), else the bare digits."""
    value = value.strip().removeprefix("tel:")
    digits = _NOT_DIGITS.sub("", value)
    if len(digits) < _MIN_PHONE_DIGITS or len(set(digits)) < 3:  # "000000000": a placeholder
        return ""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return digits
    if not phonenumbers.is_possible_number(number):
        return digits
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@dataclass(frozen=True, slots=True)
class NameParts:
    """A folded name reduced to what identifies it: "Dr. Ana M. Souza, PhD" -> ana/m/souza."""

    first: str
    last: str
    middle_initials: str = ""

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def last_tokens(self) -> tuple[str, ...]:
        return tuple(self.last.split())


def _tokens(text: str) -> list[str]:
    if text.isascii() and text.replace(" ", "").isalpha():
        return text.lower().split()  # most names: nothing to fold, strip or bracket
    text = _BRACKETED.sub(" ", fold(text))  # "(she/her)", '"Bill"': nicknames and pronouns
    text = _NOT_NAME.sub(" ", text).replace("-", " ").replace("_", " ")
    return [t.strip(_APOSTROPHES) for t in text.split() if t.strip(_APOSTROPHES)]


def _strip_affixes(tokens: list[str]) -> list[str]:
    # Only when something would be left: "Yo-Yo Ma" keeps "ma" (also a degree, MA).
    while len(tokens) > 2 and tokens[0].rstrip(".") in _TITLES:
        tokens = tokens[1:]
    while len(tokens) > 2 and tokens[-1].replace(".", "") in _SUFFIXES:
        tokens = tokens[:-1]
    return tokens


def _split_full(tokens: list[str]) -> NameParts | None:
    if len(tokens) < 2:
        return None
    start = len(tokens) - 1
    # "laura van der berg": the particles belong to the last name.
    while start > 1 and tokens[start - 1] in _LAST_NAME_PREFIXES:
        start -= 1
    middle = "".join(t[0] for t in tokens[1:start])
    return NameParts(tokens[0], " ".join(tokens[start:]), middle)


@lru_cache(maxsize=4096)
def _parse_with_comma(text: str) -> tuple[str, str, str]:
    # "Souza, Ana" and "Ana Souza, PhD" need nameparser's reading of the comma.
    parsed = HumanName(text)
    return str(parsed.first), str(parsed.middle), str(parsed.last)


# A network's names come back in every source and every import (its people are loaded for
# each one): the parts are worked out once per process. NameParts are immutable.
@lru_cache(maxsize=1 << 17)
def name_parts(full_name: str, first_name: str = "", last_name: str = "") -> NameParts | None:
    """Name parts for matching, or None when there is no first and last name to go on.

    When the source gives first and last names apart they are trusted; a last name like
    "Smith, PhD" loses what follows the comma.
    """
    first_tokens = _tokens(first_name)
    last_tokens = _tokens(last_name.split(",", 1)[0])
    if first_tokens and last_tokens:
        while len(first_tokens) > 1 and first_tokens[0].rstrip(".") in _TITLES:
            first_tokens = first_tokens[1:]
        while len(last_tokens) > 1 and last_tokens[-1].replace(".", "") in _SUFFIXES:
            last_tokens = last_tokens[:-1]
        middle = "".join(t[0] for t in first_tokens[1:])
        return NameParts(first_tokens[0], " ".join(last_tokens), middle)
    text = full_name or f"{first_name} {last_name}"
    if "," in text:
        first, middle, last = _parse_with_comma(text)
        text = f"{first} {middle} {last}"
    return _split_full(_strip_affixes(_tokens(text)))


@lru_cache(maxsize=16384)
def first_name_variants(first: str) -> frozenset[str]:
    """The name itself and the formal names it may stand for: bill -> william, robert, …

    Loose on purpose: these are blocking keys. Whether two first names really are one
    is `same_first_name`'s decision.
    """
    return frozenset({first, *_formal_names(first)})


def _formal_names(name: str) -> set[str]:
    """What the nicknames table and the classic irregular forms say `name` stands for."""
    return {*_NICKNAMES.canonicals_of(name), *_IRREGULAR_FORMAL.get(name, ())}


# Classic nicknames that share no letters with the name they stand for.
IRREGULAR_NICKNAMES = frozenset(
    {
        ("dick", "richard"), ("peggy", "margaret"), ("peg", "margaret"), ("polly", "mary"),
        ("molly", "mary"), ("hank", "henry"), ("bess", "elizabeth"), ("lisa", "elizabeth"),
        ("patsy", "martha"), ("nancy", "ann"), ("nancy", "anne"), ("pepe", "jose"),
        ("paco", "francisco"), ("sasha", "alexander"), ("sasha", "alexandra"),
        ("jack", "john"), ("daisy", "margaret"), ("becky", "rebecca"), ("betty", "elizabeth"),
    }
)  # fmt: skip
_IRREGULAR_FORMAL = {
    nick: frozenset(formal for other, formal in IRREGULAR_NICKNAMES if other == nick)
    for nick, _ in IRREGULAR_NICKNAMES
}


def _looks_like(nickname: str, formal: str) -> bool:
    """Whether `nickname` is visibly a short form of `formal`, not merely listed with it.

    The nicknames table links names loosely (katherine -> lena, susan -> hannah): a listed
    nickname counts only when it shares the formal name's first letter (Kate/Katherine),
    is part of it (Liz/Elizabeth), rhymes on it (Bill/William: "ill", Bob/Robert: "ob"),
    or is one of a few classic irregular forms (Peggy/Margaret).
    """
    if (nickname, formal) in IRREGULAR_NICKNAMES:
        return True
    if len(nickname) >= len(formal):
        return False
    if nickname[0] == formal[0] or nickname in formal:
        return True
    rest = nickname[1:].rstrip("y").removesuffix("ie")  # betty -> ett, billy -> ill
    return len(rest) >= 2 and rest in formal


def _nickname_of(nickname: str, formal: str) -> bool:
    listed = formal in _NICKNAMES.canonicals_of(nickname) or nickname in (
        _NICKNAMES.nicknames_of(formal)
    )
    return (listed or (nickname, formal) in IRREGULAR_NICKNAMES) and _looks_like(nickname, formal)


@lru_cache(maxsize=65536)
def same_first_name(a: str, b: str) -> str:
    """The name under which first names `a` and `b` are one person's, or "".

    Either one is a nickname of the other (bill/william -> "william"), or both are
    nicknames of one longer formal name (kate/kathy -> "katherine"). Sharing a name
    through a third nickname is not enough: william and robert are both "bill".
    """
    if a == b:
        return a
    # Either may be the nickname, whatever their lengths: pepe/jose, nancy/ann, polly/mary.
    if _nickname_of(a, b):
        return b
    if _nickname_of(b, a):
        return a
    shared = (_formal_names(a) & _formal_names(b)) - {a, b}
    longest = max(len(a), len(b))
    formal = [
        name
        for name in sorted(shared)
        if len(name) > longest and _nickname_of(a, name) and _nickname_of(b, name)
    ]
    return formal[0] if formal else ""


# Letters that transliterations of one name write differently: Aleksandr/Alexander,
# Sergey/Sergei, Mikhail/Michail, Konstantin/Constantin.
_SPELLINGS = (("x", "ks"), ("ph", "f"), ("kh", "h"), ("ch", "h"), ("ck", "k"), ("c", "k"),
              ("y", "i"), ("w", "v"))  # fmt: skip
_VOWELS = frozenset("aeiou")
_MIN_SKELETON = 4  # "krl" would make Carl and Carol one name


@lru_cache(maxsize=16384)
def _skeleton(name: str) -> str:
    """The first letter, the consonants, and a last vowel: mohammed/muhammad -> "mhmd",
    daniel "dnl" but daniela "dnla"."""
    for written, said in _SPELLINGS:
        name = name.replace(written, said)
    name = "".join(c for i, c in enumerate(name) if i == 0 or c != name[i - 1])  # mm -> m
    letters = [c for i, c in enumerate(name) if i == 0 or c not in _VOWELS]
    if len(name) > 1 and name[-1] in _VOWELS:
        letters.append(name[-1])
    return "".join(letters)


@lru_cache(maxsize=65536)
def same_spelling(a: str, b: str) -> str:
    """The longer of first names `a` and `b` when they are one name transliterated two ways
    (Aleksandr/Alexander, Mohammed/Muhammad, Sergey/Sergei), else "".

    Only for skeletons of four letters or more and a matching ending, so that Carl and
    Carol, Tim and Tom, Daniel and Daniela stay two names. (Francis and Frances read as
    one, as they already do to the fuzzy score of a whole name: never enough for a phone.)
    """
    if min(len(a), len(b)) < _MIN_SKELETON or not (a.isalpha() and b.isalpha()):
        return ""
    one, other = _skeleton(a), _skeleton(b)
    if one != other or len(one) < _MIN_SKELETON:
        return ""
    return max(a, b, key=lambda n: (len(n), n))


def name_block_keys(parts: NameParts) -> list[str]:
    """Blocking keys: every variant of the first name with the last name (and its last word,
    so "José Núñez Pérez" meets "José Pérez")."""
    lasts = {parts.last}
    if len(parts.last_tokens) > 1:
        lasts.add(parts.last_tokens[-1])
        if parts.last_tokens[0] not in _LAST_NAME_PREFIXES:
            lasts.add(parts.last_tokens[0])
    # Sorted: the same keys in the same order whatever Python's hash seed (see index.py).
    variants = sorted(first_name_variants(parts.first))
    return [f"{v}|{last}" for v in variants for last in sorted(lasts)]
