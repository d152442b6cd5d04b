"""Same-name people told apart (#15, 9): pickers show company and title, adding a name you
already have warns with a link, and the add form takes a company and title."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.models import Employment
from rapport.companies.services import company_find_or_create, employment_add
from rapport.people.models import Person
from rapport.people.services import person_create


def _camilles(owner: User) -> tuple[Person, Person]:
    first = person_create(owner=owner, full_name="Camille Jensen")
    second = person_create(owner=owner, full_name="Camille Jensen")
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    employment_add(person=first, company=stripe, title="Data Engineer")
    second.headline = "Recruiter, freelance"
    second.save()
    return first, second


def test_every_people_picker_shows_company_and_title(client_owner: Client, owner: User) -> None:
    first, second = _camilles(owner)

    for url in (reverse("people:suggest"), reverse("conversations:people_options")):
        html = client_owner.get(url, {"q": "camille"}).content.decode()
        assert (
            f'<option value="Camille Jensen (#{first.pk})">Data Engineer at Stripe</option>' in html
        )
        assert (
            f'<option value="Camille Jensen (#{second.pk})">Recruiter, freelance</option>' in html
        )


def _form(**fields: str) -> dict[str, str]:
    return {"full_name": "Camille Jensen", "relationship": "network", **fields}


def test_adding_a_name_you_have_warns_with_links_and_adds_nothing(
    client_owner: Client, owner: User
) -> None:
    first, _ = _camilles(owner)

    response = client_owner.post(reverse("people:create"), _form())

    assert response.status_code == 200
    html = response.content.decode()
    assert "You already have 2 people called Camille Jensen" in html
    assert reverse("people:detail", args=[first.pk]) in html
    assert "Data Engineer at Stripe" in html
    assert "Add another person called Camille Jensen" in html
    assert Person.objects.filter(owner=owner).count() == 2


def test_a_namesake_is_added_once_you_say_it_is_someone_else(
    client_owner: Client, owner: User
) -> None:
    _camilles(owner)

    response = client_owner.post(reverse("people:create"), _form(same_name="yes"))

    assert response.status_code == 302
    assert Person.objects.filter(owner=owner, full_name="Camille Jensen").count() == 3


def test_the_add_form_takes_a_company_and_title(client_owner: Client, owner: User) -> None:
    page = client_owner.get(reverse("people:create")).content.decode()
    assert 'name="job-company"' in page
    assert 'name="job-title"' in page

    response = client_owner.post(
        reverse("people:create"),
        _form(full_name="Ines Duarte", **{"job-company": "Stripe, Inc.", "job-title": "Analyst"}),
    )

    assert response.status_code == 302
    job = Employment.objects.get(person__full_name="Ines Duarte")
    assert (job.company.name, job.title, job.is_current) == ("Stripe, Inc.", "Analyst", True)


def test_a_title_without_a_company_is_refused_and_nobody_is_added(
    client_owner: Client, owner: User
) -> None:
    response = client_owner.post(
        reverse("people:create"), _form(full_name="Ines Duarte", **{"job-title": "Analyst"})
    )

    assert "Where do they work as this?" in response.content.decode()
    assert not Person.objects.filter(owner=owner).exists()


def test_another_users_namesake_is_no_warning(client_other: Client, owner: User) -> None:
    _camilles(owner)

    response = client_other.post(reverse("people:create"), _form())

    assert response.status_code == 302
