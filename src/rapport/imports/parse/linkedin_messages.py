"""What messages.csv rows are: a person's message, or LinkedIn's own; and who they went to.

Sponsored messages ("Sponsored" conversations, InMail ads with their spin-mail HTML and
%FIRSTNAME% placeholders, pages writing from a /company/ URL, "X from LinkedIn") are nobody
the user knows: their whole conversation is skipped, and counted.

Before 2023, messages.csv has no RECIPIENT PROFILE URLS: TO holds names only, comma-joined
in a group, where a name may hold commas itself ("Sam Rivera, MBA"). The names that senders
(with their profile URLs) and connections go by split such a list; a part that no known name
explains is tried against the people imported before (merge/threads.py), and otherwise
becomes nobody, with a warning, rather than a "person" called by the whole list.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rapport.core.text import fold
from rapport.imports.parse.common import profile_key
from rapport.imports.parse.linkedin_names import is_credential, split_top_level
from rapport.imports.parse.records import ParsedSource

SPONSORED = "sponsored messages and LinkedIn's own (ads, InMail campaigns, company pages)"
# "Sponsored" as LinkedIn titles such conversations, in the languages it is used in most.
_SPONSORED_TITLES = frozenset(
    {"sponsored", "sponsorise", "gesponsert", "patrocinado", "sponsorizzato", "gesponsord"}
    | {"sponsored conversation", "sponsored message", "sponsored inmail"}
)
_SPONSORED_WORD = re.compile(r"^sponsored\b|\bsponsored$|\(sponsored\)")
_PLACEHOLDER = re.compile(r"%[A-Z][A-Z_]{2,}%|\{\{\s*[A-Za-z_]+\s*\}\}")
_SPINMAIL = re.compile(r"spin-?mail", re.IGNORECASE)
_ORGANISATION_PATHS = ("/company/", "/showcase/", "/school/", "/organization/")
_FROM_LINKEDIN = re.compile(r"^(?:.+\s+(?:from|at|@|de|von|di|da)\s+)?linkedin(?:\s+\S.*)?$")
_MOST_PARTS = 8  # commas in one name: "Ann Lee, PhD, MBA, CFA, PMP" has four
_URL_SEPARATORS = re.compile(r"[,;]")
_PEOPLE_NAMED_LINKEDIN = frozenset({"linkedin member", "linkedin user"})  # real, but hidden


def sponsored(title: str, sender: str, sender_url: str, content: str, to_urls: str = "") -> bool:
    """Whether a row is an ad or LinkedIn's own message rather than a person's (a page's
    message, or one written to a page, is no person's either)."""
    if title and _sponsored_title(title):
        return True
    if any(_organisation(url) for url in (sender_url, *_URL_SEPARATORS.split(to_urls))):
        return True
    if _from_linkedin(sender):
        return True
    return _mail_merge(content)


@functools.lru_cache(maxsize=4096)  # a file repeats its few titles and senders on every row
def _sponsored_title(title: str) -> bool:
    folded = fold(title)
    return folded in _SPONSORED_TITLES or bool(_SPONSORED_WORD.search(folded))


@functools.lru_cache(maxsize=4096)
def _from_linkedin(sender: str) -> bool:
    name = fold(sender)
    return name not in _PEOPLE_NAMED_LINKEDIN and bool(_FROM_LINKEDIN.fullmatch(name))


def _mail_merge(content: str) -> bool:
    """A campaign's text: placeholders left unfilled, or spin-mail's HTML."""
    if ("%" in content or "{{" in content) and _PLACEHOLDER.search(content):
        return True
    return bool(_SPINMAIL.search(content))


@functools.lru_cache(maxsize=4096)
def _organisation(url: str) -> bool:
    """Whether a URL is a LinkedIn company, showcase or school page."""
    url = url.strip()
    low = url.casefold()
    if "linkedin." not in low or not any(part in low for part in _ORGANISATION_PATHS):
        return False
    try:
        path = urlsplit(url if "://" in url else "https://" + url).path.casefold() + "/"
    except ValueError:  # "Invalid IPv6 URL"
        return False
    return any(part in path for part in _ORGANISATION_PATHS)


# --- recipients without profile URLs ---------------------------------------------------


@dataclass
class _Known:
    """Names the export shows with certainty, by folded name: the profiles they go by."""

    urls: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    most_parts: int = 1  # the most comma-separated parts in a known name
    added: set[tuple[str, str]] = field(default_factory=set)

    def add(self, name: str, url: str) -> None:
        """Note a name and its profile; "Sam Rivera, MBA" is also known as "Sam Rivera"."""
        if (name, url) in self.added:  # a sender writes many messages
            return
        self.added.add((name, url))
        self._add(name, url)
        if "," not in name:
            return
        parts = split_top_level(name, ",")
        if len(parts) > 1 and parts[0] and all(is_credential(p) for p in parts[1:]):
            self._add(parts[0], url)

    def _add(self, name: str, url: str) -> None:
        key = fold(name)
        if not key or key in _PEOPLE_NAMED_LINKEDIN:
            return
        if profile_key(url):
            self.urls[key].add(url)
        else:
            self.urls.setdefault(key, set())
        if "," in name or ";" in name:
            self.most_parts = max(self.most_parts, len(split_top_level(name)))

    def knows(self, name: str) -> bool:
        return _folded(name) in self.urls

    def url(self, name: str) -> str:
        urls = self.urls.get(_folded(name), set())
        return next(iter(urls)) if len(urls) == 1 else ""  # two profiles: a namesake


@functools.lru_cache(maxsize=65536)
def _folded(name: str) -> str:
    return fold(name)


def recipients_resolve(source: ParsedSource) -> None:
    """Recipients written by name only get the profile their name is known by; a list of
    names is split into the people known by them (messages.csv before 2023). What no name
    known here explains is kept aside (`MessageRecord.recipients_unknown`) for the import,
    which knows the people imported before."""
    unlinked = [m for m in source.messages if len(m.recipients) == 1 and not m.recipients[0][1]]
    if not unlinked:
        return  # every recipient came with a profile URL (2023 and later)
    known = _known_names(source)
    done: dict[str, tuple[list[tuple[str, str]], list[str]]] = {}  # a group repeats its list
    for message in unlinked:
        written = message.recipients[0][0]
        if written not in done:
            people, rest = _split(written, known)
            # "LinkedIn Member" in a list is someone hidden: nobody, as when they write.
            rest = [p for p in rest if _folded(p) not in _PEOPLE_NAMED_LINKEDIN]
            done[written] = [(name, known.url(name)) for name in people], rest
        recipients, unknown = done[written]
        message.recipients, message.recipients_unknown = list(recipients), list(unknown)


def _known_names(source: ParsedSource) -> _Known:
    known = _Known()
    for message in source.messages:
        known.add(message.sender_name, message.sender_url)
        for name, url in message.recipients:
            if url:
                known.add(name, url)
    for contact in source.contacts:
        known.add(contact.full_name, contact.linkedin_url)
        short = " ".join(p for p in (contact.first_name, contact.last_name) if p)
        known.add(short, contact.linkedin_url)
    return known


def _split(written: str, known: _Known) -> tuple[list[str], list[str]]:
    """(names of people, parts left unexplained) in a TO cell."""
    if not written or known.knows(written):
        return ([written] if written else []), []
    parts = [p for p in split_top_level(written) if p]
    if len(parts) <= 1:
        return parts, []  # one person, maybe only ever written to
    if not known.knows(parts[0]) and all(is_credential(p) for p in parts[1:]):
        return [written], []  # "Ann Lee, PhD": one person and their credentials
    return names_segment(parts, known.knows, known.most_parts)


def names_segment(
    parts: list[str], knows: Callable[[str], bool], most: int = _MOST_PARTS
) -> tuple[list[str], list[str]]:
    """(names, parts left unexplained): consecutive parts of a list joined into the longest
    names `knows` (of at most `most` parts), left to right; a credential after a name is
    theirs ("Ann Lee" known, "Ann Lee, PhD" written)."""
    people: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(parts):
        end = _longest_known(parts, index, knows, min(most, _MOST_PARTS))
        if end:
            people.append(", ".join(parts[index:end]))
            index = end
        elif people and is_credential(parts[index]) and not rest:
            index += 1
        else:
            rest.append(parts[index])
            index += 1
    return people, rest


def _longest_known(parts: list[str], start: int, knows: Callable[[str], bool], most: int) -> int:
    for end in range(min(len(parts), start + most), start, -1):
        if knows(", ".join(parts[start:end])):
            return end
    return 0
