"""A company where the user knows hundreds of people: its page lists the first 50 by name
and says how many there are, so it stays quick to load and to read."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.core.text import fold
from rapport.people.models import Person


def test_the_page_lists_the_first_50_people_there_and_says_how_many(
    client_owner: Client, owner: User
) -> None:
    stripe = Company.objects.create(owner=owner, name="Stripe", name_key="stripe")
    people = Person.objects.bulk_create(
        Person(owner=owner, full_name=f"Person {n:03d}", name_key=fold(f"Person {n:03d}"))
        for n in range(70)
    )
    Employment.objects.bulk_create(
        Employment(owner=owner, person=p, company=stripe) for p in people
    )

    html = client_owner.get(reverse("companies:detail", args=[stripe.pk])).content.decode()

    assert "Person 049" in html
    assert "Person 050" not in html
    assert "The first 50 of 70, by name" in html
