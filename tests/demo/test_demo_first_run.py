"""First run (#15, 12): the empty Today page starts with importing LinkedIn contacts (and how
to ask LinkedIn for them) and loads the demo from a button."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.people.models import Person


def test_the_empty_today_page_starts_with_the_linkedin_import(client_owner: Client) -> None:
    page = client_owner.get(reverse("front:home")).content.decode()

    steps = page[page.index('<ol class="steps">') :]
    first = steps[: steps.index("</li>")]
    assert "Import your LinkedIn contacts" in first
    assert "Get a copy of your data" in first
    assert reverse("imports:home") in first
    assert f'action="{reverse("demo:load")}"' in page
    assert "rapport demo" not in page


def test_the_demo_button_loads_the_demo_and_today_shows_it(
    client_owner: Client, owner: User
) -> None:
    response = client_owner.post(reverse("demo:load"), follow=True)

    page = response.content.decode()
    assert "The demo network is loaded" in page
    assert "Talk to someone at Brightline Health before applying" in page
    assert "How the playbook works" not in page
    assert Person.objects.filter(owner=owner).exists()


def test_the_demo_never_loads_over_real_data(client_owner: Client, owner: User) -> None:
    Person.objects.create(owner=owner, full_name="Ana Souza", name_key="ana souza")

    response = client_owner.post(reverse("demo:load"), follow=True)

    assert "already has people or companies" in response.content.decode()
    assert Person.objects.filter(owner=owner).count() == 1


def test_loading_the_demo_takes_a_post(client_owner: Client) -> None:
    assert client_owner.get(reverse("demo:load")).status_code == 405
