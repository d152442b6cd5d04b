"""Capture's test world: real calendar and mail files, and people who appear in them."""

from __future__ import annotations

from pathlib import Path

from rapport.accounts.models import User
from rapport.capture.models import CaptureSettings
from rapport.people.models import Person
from rapport.people.services import person_create, person_set_contact_points

FILES = Path(__file__).parent / "files"


def someone(owner: User, name: str, *emails: str) -> Person:
    person = person_create(owner=owner, full_name=name)
    if emails:
        person_set_contact_points(person=person, values=list(emails))
    return person


def my_addresses(owner: User, *addresses: str) -> None:
    settings, _ = CaptureSettings.objects.get_or_create(owner=owner)
    settings.addresses = "\n".join(addresses)
    settings.save()
