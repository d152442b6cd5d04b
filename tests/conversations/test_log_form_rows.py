"""Company inputs take whole names, one per row, and each row's problems show on that row."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.companies.services import company_find_or_create
from rapport.conversations.models import Conversation
from rapport.people.models import Person

LOG = reverse("conversations:log")


def _post(client: Client, **fields: Any) -> Any:
    data: dict[str, Any] = {
        "occurred_on": "2026-11-20",
        "channel": "coffee",
        "participant": ["Ana Souza"],
        "companies": [],
        "outcomes-TOTAL_FORMS": "0",
        "outcomes-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return client.post(LOG, data)


def test_a_company_name_with_a_comma_stays_one_company(client_owner: Client, owner: User) -> None:
    company_find_or_create(owner=owner, name="Stripe, Inc.")

    _post(client_owner, companies=["Stripe, Inc.", "Canva"])

    conversation = Conversation.objects.get(owner=owner)
    assert sorted(c.name for c in conversation.companies.all()) == ["Canva", "Stripe, Inc."]
    assert not Company.objects.filter(owner=owner, name__in=["Inc.", "Inc"]).exists()


def test_the_suggestion_is_the_whole_name(client_owner: Client, owner: User) -> None:
    company_find_or_create(owner=owner, name="Stripe, Inc.")
    response = client_owner.get(
        reverse("conversations:company_options"),
        {"field": "companies", "companies": "stripe, in"},
        HTTP_HX_REQUEST="true",
    )
    assert response.content.decode().strip() == '<option value="Stripe, Inc."></option>'


def test_the_form_has_one_input_per_company_and_a_button_for_another(
    client_owner: Client,
) -> None:
    page = client_owner.get(LOG).content.decode()
    assert 'name="companies" id="id_companies_1"' in page
    assert ">Company 1<" in page
    assert "Add another company" in page
    assert "commas" not in page


def test_add_another_company_without_javascript_keeps_what_was_typed(
    client_owner: Client, owner: User
) -> None:
    page = _post(client_owner, companies=["Stripe, Inc."], add_row="companies").content.decode()
    assert 'id="id_companies_1" value="Stripe, Inc."' in page
    assert ">Company 2<" in page
    assert not Conversation.objects.filter(owner=owner).exists()


def test_the_company_row_fragment_numbers_the_next_row(client_owner: Client) -> None:
    response = client_owner.get(
        reverse("conversations:row"),
        {"field": "companies", "companies": ["Stripe", "Canva"]},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert 'id="id_companies_3"' in page
    assert "<html" not in page


def test_a_name_too_long_is_reported_on_its_row(client_owner: Client, owner: User) -> None:
    response = _post(client_owner, participant=["Ana Souza", "B" * 301])
    page = response.content.decode()
    assert 'id="id_participant_2_error">Person 2: at most 300 characters, not 301.' in page
    assert 'id="id_participant_1_error"' not in page
    assert not Person.objects.filter(owner=owner).exists()


def test_a_company_too_long_is_reported_on_its_row(client_owner: Client, owner: User) -> None:
    response = _post(client_owner, companies=["Stripe", "C" * 201])
    page = response.content.decode()
    assert 'id="id_companies_2_error">Company 2: at most 200 characters, not 201.' in page
    assert not Company.objects.filter(owner=owner).exists()


def test_an_ambiguous_name_is_flagged_on_its_row(client_owner: Client, owner: User) -> None:
    Person.objects.create(owner=owner, full_name="Bo Lind", name_key="bo lind")
    Person.objects.create(owner=owner, full_name="Bo Lind", name_key="bo lind")
    page = _post(client_owner, participant=["Ana Souza", "Bo Lind"]).content.decode()
    assert 'id="id_participant_2_error">Person 2: Several people are called' in page


def test_a_long_one_word_name_is_kept_whole_and_its_parts_need_no_fixing(
    client_owner: Client, owner: User
) -> None:
    name = "A" * 250
    response = client_owner.post(
        reverse("people:create"), {"full_name": name, "relationship": "network"}
    )
    assert response.status_code == 302
    assert Person.objects.get(owner=owner).full_name == name
