"""Another user's people are invisible: every people URL answers 404 and changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.models import Employment
from rapport.companies.services import company_find_or_create, employment_add
from rapport.people.models import Person
from rapport.people.services import person_create


@pytest.fixture
def theirs(other: User) -> Person:
    return person_create(owner=other, full_name="Sam Secret", notes="private")


@pytest.fixture
def their_job(other: User, theirs: Person) -> Employment:
    company, _ = company_find_or_create(owner=other, name="Hidden Corp")
    return employment_add(person=theirs, company=company)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", ["people:detail", "people:edit", "people:delete"])
def test_it_refuses_another_users_person(
    client_owner: Client, theirs: Person, name: str, method: str
) -> None:
    response = getattr(client_owner, method)(
        reverse(name, args=[theirs.pk]), {"full_name": "Taken Over"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.full_name == "Sam Secret"


def test_it_refuses_to_add_a_job_to_another_users_person(
    client_owner: Client, theirs: Person
) -> None:
    response = client_owner.post(
        reverse("people:employment_add", args=[theirs.pk]), {"company": "Acme"}
    )
    assert response.status_code == 404
    assert not Employment.objects.filter(person=theirs).exists()


def test_it_refuses_to_end_another_users_job(
    client_owner: Client, theirs: Person, their_job: Employment
) -> None:
    response = client_owner.post(
        reverse("people:employment_end", args=[theirs.pk, their_job.pk]),
        {f"end-{their_job.pk}-ended_on": "2025-01-01"},
    )
    assert response.status_code == 404
    their_job.refresh_from_db()
    assert their_job.is_current


@pytest.mark.parametrize("name", ["people:employment_add", "people:employment_end"])
def test_job_actions_are_post_only(
    client_owner: Client, owner: User, name: str, their_job: Employment
) -> None:
    mine = person_create(owner=owner, full_name="Ana Souza")
    args = [mine.pk] if name == "people:employment_add" else [mine.pk, 1]
    assert client_owner.get(reverse(name, args=args)).status_code == 405


def test_another_users_person_cannot_be_named_as_introducer(
    client_owner: Client, owner: User, theirs: Person
) -> None:
    response = client_owner.post(
        reverse("people:create"),
        {
            "full_name": "Bo Lindqvist",
            "relationship": "network",
            "introduced_by": f"Sam Secret (#{theirs.pk})",
        },
    )
    assert "introduced_by" in response.context["form"].errors
    assert not Person.objects.filter(owner=owner).exists()


def test_another_users_people_are_neither_listed_nor_suggested(
    client_owner: Client, theirs: Person
) -> None:
    listed = client_owner.get(reverse("people:list")).content.decode()
    suggested = client_owner.get(reverse("people:suggest"), {"q": "sam"}).content.decode()
    assert "Sam Secret" not in listed
    assert "Sam Secret" not in suggested


def test_pages_need_a_login(client: Client, theirs: Person) -> None:
    response = client.get(reverse("people:list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
