"""Every person as a vCard 4.0 (RFC 6350), one file that address books import.

Written by hand rather than with vobject: vobject 0.9.9 mangles values with commas (see
STACK-NOTES). Text is escaped (backslash, comma, semicolon, newline) and lines are folded
at 75 octets without splitting a UTF-8 character; tests read the result back with vobject.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch

from rapport.accounts.models import User
from rapport.companies.models import Employment
from rapport.exports.snapshot import consistent_read
from rapport.people.models import ContactKind, ContactPoint, Person

PRODID = "-//Rapport//Rapport export//EN"
# Stable UIDs let an address book update a contact on re-import instead of duplicating it.
UID_NAMESPACE = uuid.UUID("6f1c9a52-3a4e-4d0c-9a59-0d7c1d2b7a10")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE_TYPES = {"mobile": "cell", "cell": "cell", "home": "home", "work": "work"}
_EMAIL_TYPES = {"home": "home", "work": "work"}


def export_vcard(*, owner: User) -> str:
    with consistent_read():
        people = list(_people(owner))
        return "".join("\r\n".join(card_lines(person)) + "\r\n" for person in people)


def _people(owner: User) -> Iterable[Person]:
    jobs = Employment.objects.filter(is_current=True).select_related("company")
    return (
        Person.objects.filter(owner=owner)
        .order_by("full_name", "pk")
        .prefetch_related("contact_points", "tags", Prefetch("employments", queryset=jobs))
    )


def card_lines(person: Person) -> list[str]:
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"PRODID:{PRODID}",
        f"UID:urn:uuid:{uuid.uuid5(UID_NAMESPACE, str(person.pk))}",
        f"FN:{text(person.full_name)}",
        f"N:{text(person.last_name)};{text(person.first_name)};;;",
        *_contact_lines(list(person.contact_points.all()), person.linkedin_url),
        *_job_lines(person),
    ]
    tags = [tag.name for tag in person.tags.all()]
    if tags:
        lines.append("CATEGORIES:" + ",".join(text(tag) for tag in tags))
    if person.notes:
        lines.append(f"NOTE:{text(person.notes)}")
    lines.append("END:VCARD")
    return [fold(line) for line in lines]


def _contact_lines(points: list[ContactPoint], linkedin_url: str) -> Iterator[str]:
    for point in points:
        if point.kind == ContactKind.EMAIL:
            yield f"EMAIL{_type(point.label, _EMAIL_TYPES)}:{text(point.value)}"
        elif point.kind == ContactKind.PHONE:
            yield f"TEL{_type(point.label, _PHONE_TYPES)}:{text(point.value)}"
        elif point.kind == ContactKind.URL:
            yield f"URL:{uri(point.value)}"
        else:
            yield f"X-SOCIALPROFILE;VALUE=text:{text(point.value)}"
    if linkedin_url:
        yield f"URL;TYPE=linkedin:{uri(linkedin_url)}"


def _job_lines(person: Person) -> list[str]:
    jobs = list(person.employments.all())
    if not jobs:
        return []
    job = jobs[0]
    lines = [f"ORG:{text(job.company.name)}"]
    if job.title:
        lines.append(f"TITLE:{text(job.title)}")
    return lines


def _type(label: str, types: dict[str, str]) -> str:
    kind = types.get(label.strip().casefold())
    return f";TYPE={kind}" if kind else ""


def text(value: str) -> str:
    """A TEXT value escaped per RFC 6350 section 3.4."""
    value = _CONTROL.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def uri(value: str) -> str:
    """A URI value: not escaped (a backslash would become part of the address)."""
    return _CONTROL.sub("", value).replace("\r", "").replace("\n", "").strip()


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at `limit` octets; continuation lines start with one space."""
    if len(line.encode("utf-8")) <= limit:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 1  # the continuation's leading space counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
