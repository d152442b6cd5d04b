"""One merge policy: an import's merge and the user's keep the same values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.imports.import_builders import contact, run

from rapport.accounts.models import User
from rapport.imports.merge.merging import person_merge
from rapport.imports.merge.policy import person_fill
from rapport.people.models import Person

ANA_URL = "https://www.linkedin.com/in/ana-souza"
# Known at first only by an address, with a note of the user's.
FIRST: dict[str, Any] = {"emails": ["ana@acme.com"], "notes": "Met at PyCon"}
# What a second source knows about her.
SECOND: dict[str, Any] = {
    "headline": "Payments engineer",
    "location": "Lisbon",
    "linkedin_url": ANA_URL,
    "notes": "Works on payments",
    "connected_on": dt.date(2024, 3, 5),
}
KEPT = (
    "full_name",
    "first_name",
    "last_name",
    "name_key",
    "headline",
    "location",
    "linkedin_url",
    "linkedin_key",
    "notes",
    "connected_on",
)


def _kept(person: Person) -> dict[str, Any]:
    person.refresh_from_db()
    return {name: getattr(person, name) for name in KEPT}


def test_an_import_merge_and_a_user_merge_keep_the_same(owner: User, other: User) -> None:
    # The import merges the second record into her: they share the address.
    run(owner, "csv", contacts=[contact("row-1", "", **FIRST)])
    run(owner, "vcard", contacts=[contact("uid-1", "Ana Souza", emails=["ana@acme.com"], **SECOND)])
    (by_import,) = Person.objects.filter(owner=owner)

    # The same two records share nothing here: two people, whom the user merges.
    run(other, "csv", contacts=[contact("row-1", "", **FIRST)])
    run(other, "vcard", contacts=[contact("uid-1", "Ana Souza", **SECOND)])
    known = Person.objects.get(owner=other, full_name="ana@acme.com")
    person_merge(
        survivor=known, absorbed=Person.objects.get(owner=other, full_name="Ana Souza"), evidence={}
    )

    kept = _kept(known)
    assert kept == _kept(by_import)
    assert kept["linkedin_key"]  # the profile came with its key
    assert {name: kept[name] for name in KEPT if not name.endswith("_key")} == {
        "full_name": "Ana Souza",  # she was known only by her address
        "first_name": "Ana",
        "last_name": "Souza",
        "headline": "Payments engineer",
        "location": "Lisbon",
        "linkedin_url": ANA_URL,
        "notes": "Met at PyCon\n\nWorks on payments",
        "connected_on": dt.date(2024, 3, 5),
    }


def test_the_survivor_keeps_its_own_values(owner: User) -> None:
    survivor = Person(owner=owner, full_name="Ana Souza", first_name="Ana", headline="Engineer")
    other = Person(owner=owner, full_name="A. Souza", headline="Manager", location="Lisbon")
    changes = person_fill(survivor=survivor, other=other)
    assert (survivor.full_name, survivor.headline, survivor.location) == (
        "Ana Souza",
        "Engineer",
        "Lisbon",
    )
    assert changes == {"location": ["", "Lisbon"]}


def test_a_profile_that_is_someone_elses_is_not_taken(owner: User) -> None:
    survivor = Person(owner=owner, full_name="Ana Souza")
    other = Person(owner=owner, full_name="Ana Souza", linkedin_url=ANA_URL, linkedin_key="ana")
    assert person_fill(survivor=survivor, other=other, profile_free=False) == {}
    assert (survivor.linkedin_url, survivor.linkedin_key) == ("", "")


def test_nobody_is_introduced_by_themselves(owner: User) -> None:
    bo = Person.objects.create(owner=owner, full_name="Bo Lindqvist")
    ana = Person.objects.create(owner=owner, full_name="Ana Souza", introduced_by=bo)
    changes = person_fill(survivor=ana, other=bo)
    assert ana.introduced_by_id is None
    assert changes == {"introduced_by_id": [bo.pk, None]}
