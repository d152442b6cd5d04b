"""The people capture can recognise: by address first, then by full name (in a meeting's
title, "Coffee w/ Ana Souza", or an attendee's display name). Read once per import."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapport.accounts.models import User
from rapport.core.text import fold
from rapport.imports.match import email_key
from rapport.people.models import ContactKind, ContactPoint, Person

_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
MAX_NAME_WORDS = 4


@dataclass
class KnownPeople:
    by_email: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)  # names only one person has
    names: dict[int, str] = field(default_factory=dict)

    def by_address(self, key: str) -> int | None:
        return self.by_email.get(key)

    def named(self, name: str) -> int | None:
        key = " ".join(_WORD.findall(fold(name)))
        return self.by_name.get(key) if " " in key else None

    def in_text(self, text: str) -> list[int]:
        """People whose full name (two words or more) appears in `text`, first found first."""
        words = _WORD.findall(fold(text))
        found: dict[int, None] = {}
        for start in range(len(words)):
            for size in range(MAX_NAME_WORDS, 1, -1):
                if start + size <= len(words):
                    pk = self.by_name.get(" ".join(words[start : start + size]))
                    if pk is not None:
                        found[pk] = None
                        break
        return list(found)


def known_people(*, owner: User) -> KnownPeople:
    known = KnownPeople()
    seen: dict[str, set[int]] = {}
    for pk, name in Person.objects.filter(owner=owner).values_list("pk", "full_name"):
        known.names[pk] = name
        key = " ".join(_WORD.findall(fold(name)))
        if " " in key:
            seen.setdefault(key, set()).add(pk)
    known.by_name = {key: next(iter(pks)) for key, pks in seen.items() if len(pks) == 1}
    emails = ContactPoint.objects.filter(owner=owner, kind=ContactKind.EMAIL)
    for person_id, value in emails.values_list("person_id", "value").order_by("pk"):
        if key := email_key(value):
            known.by_email.setdefault(key, person_id)
    return known
