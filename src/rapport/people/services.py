"""Writes about people. Every function takes the owner explicitly and never crosses owners."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from nameparser import HumanName

from rapport.accounts.models import User
from rapport.core.models import Source
from rapport.core.text import fold, linkedin_key
from rapport.people.models import ContactKind, ContactPoint, Person, Tag

# Type-ahead suggestions carry the id so that two people with the same name stay apart.
_REF = re.compile(r"\(#(\d+)\)\s*$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]{6,}$")
_FIRST_LENGTH = Person._meta.get_field("first_name").max_length or 150
_LAST_LENGTH = Person._meta.get_field("last_name").max_length or 150


def person_ref(person: Person) -> str:
    return f"{person.full_name} (#{person.pk})"


def split_name(full_name: str) -> tuple[str, str]:
    parsed = HumanName(full_name)
    first = " ".join(p for p in [parsed.first, parsed.middle] if p)
    return first, parsed.last


def _fill_name(person: Person) -> None:
    if not person.full_name:
        person.full_name = " ".join(p for p in [person.first_name, person.last_name] if p)
    person.full_name = " ".join(person.full_name.split())
    if not (person.first_name or person.last_name):
        # Worked out, not typed: a part too long for its column is cut rather than
        # reported on a field the user left blank (the whole name is kept as typed).
        first, last = split_name(person.full_name)
        person.first_name, person.last_name = first[:_FIRST_LENGTH], last[:_LAST_LENGTH]
    person.name_key = fold(person.full_name)
    person.linkedin_key = linkedin_key(person.linkedin_url)


def person_save(*, person: Person) -> Person:
    """Validate and save a person built by a form or a service."""
    _fill_name(person)
    if person.introduced_by_id == person.pk and person.pk is not None:
        raise ValidationError({"introduced_by": "Someone cannot introduce themselves."})
    person.full_clean(exclude=["owner"])
    if person.linkedin_key:
        clash = Person.objects.filter(owner=person.owner, linkedin_key=person.linkedin_key)
        if clash.exclude(pk=person.pk).exists():
            raise ValidationError({"linkedin_url": "Another person already has this LinkedIn URL."})
    person.save()
    return person


def person_create(
    *,
    owner: User,
    full_name: str,
    headline: str = "",
    location: str = "",
    linkedin_url: str = "",
    how_we_met: str = "",
    introduced_by: Person | None = None,
    notes: str = "",
    source: str = Source.MANUAL,
) -> Person:
    person = Person(
        owner=owner,
        full_name=full_name,
        headline=headline,
        location=location,
        linkedin_url=linkedin_url,
        how_we_met=how_we_met,
        introduced_by=introduced_by,
        notes=notes,
        source=source,
    )
    return person_save(person=person)


@dataclass(frozen=True)
class PersonMatch:
    person: Person | None
    ambiguous: bool = False


def person_match(*, owner: User, text: str) -> PersonMatch:
    """Find the person a typed name or a type-ahead suggestion ("Ana Souza (#12)") means."""
    ref = _REF.search(text)
    if ref:
        return PersonMatch(Person.objects.filter(owner=owner, pk=int(ref.group(1))).first())
    key = fold(text)
    matches = list(Person.objects.filter(owner=owner, name_key=key)[:2])
    if len(matches) > 1:
        return PersonMatch(None, ambiguous=True)
    return PersonMatch(matches[0] if matches else None)


def person_resolve(
    *,
    owner: User,
    text: str,
    introduced_by: Person | None = None,
    source: str = Source.MANUAL,
) -> tuple[Person, bool]:
    """Return (person, created): the person `text` names, created if nobody matches."""
    text = text.strip()
    if not text:
        raise ValidationError("A name is required.")
    match = person_match(owner=owner, text=text)
    if match.ambiguous:
        raise ValidationError(f"Several people are called {text!r}: pick one from the suggestions.")
    if match.person is not None:
        return match.person, False
    if _REF.search(text):
        raise ValidationError(f"{text!r} is not one of your contacts.")
    return (
        person_create(owner=owner, full_name=text, introduced_by=introduced_by, source=source),
        True,
    )


def contact_kind(value: str) -> str:
    if value.startswith(("http://", "https://", "www.")):
        return ContactKind.URL
    if "@" in value and " " not in value and not value.startswith("@"):
        return ContactKind.EMAIL
    if _PHONE.match(value):
        return ContactKind.PHONE
    return ContactKind.SOCIAL


def contact_key(kind: str, value: str) -> str:
    if kind == ContactKind.EMAIL:
        return value.strip().casefold()
    if kind == ContactKind.PHONE:
        digits = re.sub(r"\D", "", value)
        return f"+{digits}" if value.strip().startswith("+") else digits
    return value.strip().casefold()


def person_set_contact_points(
    *, person: Person, values: Sequence[str], source: str = Source.MANUAL
) -> None:
    """Make the person's contact points `values`, the kind of each detected.

    A detail already there (the same address or number, however it is written now) keeps
    its label and where it came from; only its spelling follows the new value.
    """
    cleaned = list(dict.fromkeys(v.strip() for v in values if v.strip()))
    wanted = {(kind := contact_kind(v), contact_key(kind, v)): v for v in cleaned}
    with transaction.atomic():
        for point in person.contact_points.all():
            value = wanted.pop((point.kind, point.value_key), None)
            if value is None:
                point.delete()
            elif value != point.value:
                point.value = value
                point.save(update_fields=["value", "updated_at"])
        ContactPoint.objects.bulk_create(
            ContactPoint(
                owner=person.owner,
                person=person,
                kind=kind,
                value=value,
                value_key=value_key,
                source=source,
            )
            for (kind, value_key), value in wanted.items()
        )


def person_set_tags(*, person: Person, names: Iterable[str]) -> None:
    tags = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        tag = Tag.objects.filter(owner=person.owner, name__iexact=name).first()
        tags.append(tag or Tag.objects.create(owner=person.owner, name=name[:60]))
    person.tags.set(tags)


def person_delete(*, person: Person) -> None:
    person.delete()


def person_save_with_details(
    *, person: Person, contact_points: Sequence[str], tags: Iterable[str]
) -> Person:
    """Save a person with their contact points and tags, all or nothing (the person form)."""
    with transaction.atomic():
        person_save(person=person)
        person_set_contact_points(person=person, values=contact_points)
        person_set_tags(person=person, names=tags)
    return person
