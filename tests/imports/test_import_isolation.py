"""One user's import never sees, matches or changes another user's data."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from tests.imports.import_builders import contact, run

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.imports.models import ImportRecord, Merge, MergeCandidate
from rapport.imports.selectors import batches_list, review_queue
from rapport.imports.services import keep_apart_add, person_merge
from rapport.people.models import Person
from rapport.people.services import person_create, person_set_contact_points

ANA = "https://www.linkedin.com/in/ana-souza"


def _rows_of(user: User) -> dict[str, list[tuple[object, ...]]]:
    return {
        "people": list(Person.objects.filter(owner=user).values_list()),
        "companies": list(Company.objects.filter(owner=user).values_list()),
    }


def test_an_import_never_matches_or_touches_another_users_people(owner: User, other: User) -> None:
    theirs = person_create(owner=other, full_name="Ana Souza", linkedin_url=ANA)
    person_set_contact_points(person=theirs, values=["ana@acme.com", "+1 415 555 0123"])
    run(other, contacts=[contact("x", "Bruno Costa", company="Acme")])
    before = _rows_of(other)
    result = run(
        owner,
        contacts=[
            contact(ANA, "Ana Souza", linkedin_url=ANA, emails=["ana@acme.com"], company="Acme"),
            contact("y", "Bruno Costa", company="Acme"),
        ],
    )
    assert result.counts["people"]["created"] == 2
    assert result.counts["companies"]["created"] == 1
    assert _rows_of(other) == before
    assert not Merge.objects.exists()
    assert not MergeCandidate.objects.exists()
    assert not ImportRecord.objects.filter(owner=owner, person__owner=other).exists()
    assert review_queue(owner=other).count() == 0
    assert [b.pk for b in batches_list(owner=owner)] == [result.batch.pk]


def test_people_of_two_users_cannot_be_merged_or_kept_apart(owner: User, other: User) -> None:
    mine = person_create(owner=owner, full_name="Ana Souza")
    theirs = person_create(owner=other, full_name="Ana Souza")
    with pytest.raises(ValidationError):
        person_merge(survivor=mine, absorbed=theirs, evidence={})
    with pytest.raises(ValidationError):
        keep_apart_add(a=mine, b=theirs)
    assert Person.objects.count() == 2
