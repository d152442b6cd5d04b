"""Another user's companies are invisible: every company URL answers 404 and changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.models import Company, TargetStatus
from rapport.companies.services import company_find_or_create
from rapport.people.models import Person
from rapport.people.services import person_create


@pytest.fixture
def theirs(other: User) -> Company:
    return company_find_or_create(owner=other, name="Hidden Corp")[0]


@pytest.fixture
def their_person(other: User) -> Person:
    return person_create(owner=other, full_name="Sam Secret")


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "name",
    [
        "companies:detail",
        "companies:edit",
        "companies:delete",
        "companies:target",
        "companies:protocol",
    ],
)
def test_it_refuses_another_users_company(
    client_owner: Client, theirs: Company, name: str, method: str
) -> None:
    data = {"name": "Taken", "target_status": "avoid", "channel": "x", "apply_order": "unknown"}
    response = getattr(client_owner, method)(reverse(name, args=[theirs.pk]), data)

    assert response.status_code == (405 if (name, method) == ("companies:target", "get") else 404)
    theirs.refresh_from_db()
    assert (theirs.name, theirs.target_status) == ("Hidden Corp", TargetStatus.NONE)
    assert not theirs.referral_channel


def test_another_users_person_cannot_be_named_as_recommender(
    client_owner: Client, owner: User, their_person: Person
) -> None:
    response = client_owner.post(
        reverse("companies:create"),
        {
            "name": "Canva",
            "target_status": "target",
            "status_by": f"Sam Secret (#{their_person.pk})",
        },
    )
    assert "status_by" in response.context["form"].errors
    assert not Company.objects.filter(owner=owner).exists()


def test_another_users_person_cannot_be_named_as_the_protocol_source(
    client_owner: Client, owner: User, their_person: Person
) -> None:
    mine, _ = company_find_or_create(owner=owner, name="Canva")
    response = client_owner.post(
        reverse("companies:protocol", args=[mine.pk]),
        {
            "channel": "Portal",
            "apply_order": "unknown",
            "learned_from": f"Sam Secret (#{their_person.pk})",
        },
    )
    assert "learned_from" in response.context["form"].errors
    mine.refresh_from_db()
    assert mine.referral_channel == ""


def test_a_company_name_of_another_user_is_not_a_duplicate(
    client_owner: Client, owner: User, theirs: Company
) -> None:
    client_owner.post(reverse("companies:create"), {"name": "Hidden Corp", "target_status": "none"})
    assert Company.objects.filter(owner=owner, name="Hidden Corp").exists()


def test_another_users_companies_are_neither_listed_nor_suggested(
    client_owner: Client, theirs: Company
) -> None:
    listed = client_owner.get(reverse("companies:list")).content.decode()
    suggested = client_owner.get(reverse("companies:suggest"), {"q": "hidden"}).content.decode()
    assert "Hidden Corp" not in listed
    assert "Hidden Corp" not in suggested
