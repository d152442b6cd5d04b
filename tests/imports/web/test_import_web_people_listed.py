"""The import preview lists the people it will create, merge and skip, with why (#15, 11)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from tests.imports.web.import_web_helpers import immediate_tasks, last_job, upload  # noqa: F401

from rapport.accounts.models import User
from rapport.imports.session import PEOPLE_LISTED
from rapport.people.models import ContactPoint, Person
from rapport.people.services import person_create

pytestmark = pytest.mark.usefixtures("immediate_tasks")

CARDS = b"""BEGIN:VCARD
VERSION:3.0
FN:Ana Souza
EMAIL:ana@acme.com
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Bruno Costa
ORG:Globex
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Bruno Costa
ORG:Globex
END:VCARD
"""


def test_the_preview_lists_who_is_created_merged_and_skipped(
    client_owner: Client, owner: User
) -> None:
    ana = person_create(owner=owner, full_name="Ana Souza")
    ContactPoint.objects.create(owner=owner, person=ana, kind="email", value="ana@acme.com")

    response = upload(client_owner, CARDS)

    page = client_owner.get(response["Location"]).content.decode()
    assert "To be added: 1 person" in page
    assert "<li>Bruno Costa</li>" in page
    assert "To be merged with people you have: 1" in page
    assert f"into Ana Souza (#{ana.pk}): same email address" in page
    assert "To be skipped: 1" in page
    assert 'Bruno Costa <span class="meta">the same record again' in page
    assert Person.objects.filter(owner=owner).count() == 1  # a preview writes nothing


def test_only_the_first_fifty_of_many_are_listed(client_owner: Client, owner: User) -> None:
    cards = b"".join(
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Person %d Test\nEND:VCARD\n" % n for n in range(60)
    )

    response = upload(client_owner, cards)

    job = last_job()
    assert len(job.preview["people_listed"]["created"]) == PEOPLE_LISTED == 50
    page = client_owner.get(response["Location"]).content.decode()
    assert "To be added: 60 people (the first 50)" in page
    assert reverse("imports:job", args=[job.pk]) in response["Location"]


def test_the_person_page_links_to_the_prep_brief(client_owner: Client, owner: User) -> None:
    ana = person_create(owner=owner, full_name="Ana Souza")

    page = client_owner.get(reverse("people:detail", args=[ana.pk])).content.decode()

    assert reverse("playbook:prep", args=[ana.pk]) in page
