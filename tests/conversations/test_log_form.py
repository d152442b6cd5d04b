"""Logging a conversation through the web form: one POST, everything it implies."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.models import Company, TargetStatus
from rapport.conversations.models import Conversation, Introduction, Outcome
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person
from rapport.people.services import person_create

LOG = reverse("conversations:log")


def _outcome_rows(*rows: dict[str, str]) -> dict[str, Any]:
    """The outcomes formset as a browser posts it, with one spare blank row."""
    data: dict[str, Any] = {
        "outcomes-TOTAL_FORMS": str(len(rows) + 1),
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-MIN_NUM_FORMS": "0",
        "outcomes-MAX_NUM_FORMS": "30",
    }
    for index, row in enumerate([*rows, {}]):
        for field in ["kind", "text", "from_person", "person", "company", "title"]:
            data[f"outcomes-{index}-{field}"] = row.get(field, "")
        if row.get("hidden"):
            data[f"outcomes-{index}-hidden"] = "on"
    return data


def _post(
    client: Client, *outcomes: dict[str, str], follow: bool = False, **fields: Any
) -> Any:  # the test client's response
    data = {
        "occurred_on": "2026-11-20",
        "channel": "coffee",
        "participant": ["Ana Souza", "", ""],
        "companies": "",
        "notes": "",
        **_outcome_rows(*outcomes),
    }
    data.update(fields)
    return client.post(LOG, data, follow=follow)


def _nothing_written(owner: User) -> bool:
    return not (
        Conversation.objects.filter(owner=owner).exists()
        or Person.objects.filter(owner=owner).exists()
        or Company.objects.filter(owner=owner).exists()
        or Opportunity.objects.filter(owner=owner).exists()
    )


def test_the_log_form_shows_the_fields_the_browser_test_drives(client_owner: Client) -> None:
    page = client_owner.get(LOG).content.decode()
    for needle in [
        'name="occurred_on"',
        'name="channel"',
        ">Person 1<",
        ">Person 3<",
        'list="people-options"',
        '<datalist id="people-options">',
        'name="companies"',
        'name="notes"',
        'name="outcomes-TOTAL_FORMS"',
        'name="outcomes-1-kind"',
        'name="outcomes-0-hidden"',
        "<legend>Outcome 2</legend>",
        "— choose —",
        "Never advertised (hidden lead)",
        "From (or given to)",
        "Save conversation",
        "Add another person",
        "Add another outcome",
    ]:
        assert needle in page, needle
    assert page.count('name="participant"') == 3
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page


def test_logging_a_conversation_creates_the_people_the_introduction_and_the_lead(
    client_owner: Client, owner: User
) -> None:
    response = _post(
        client_owner,
        {"kind": "name", "person": "Bo Lindqvist", "text": "runs the data team"},
        {"kind": "lead", "company": "Stripe", "title": "Data Analyst", "hidden": "on"},
        companies=["Stripe", "Canva"],
        notes="Talked about **data**.",
    )
    conversation = Conversation.objects.get(owner=owner)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("conversations:detail", args=[conversation.pk])
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    bo = Person.objects.get(owner=owner, full_name="Bo Lindqvist")
    assert bo.introduced_by == ana
    assert Introduction.objects.filter(owner=owner, introducer=ana, introduced=bo).exists()
    lead = Opportunity.objects.get(owner=owner)
    assert (lead.title, lead.company.name, lead.advertised) == ("Data Analyst", "Stripe", False)
    assert lead.source_person == ana
    assert lead.source_conversation == conversation
    assert list(conversation.participants.all()) == [ana]
    assert {c.name for c in conversation.companies.all()} == {"Stripe", "Canva"}
    assert conversation.outcomes.count() == 2


def test_the_confirmation_says_what_was_created(client_owner: Client) -> None:
    response = _post(
        client_owner,
        {"kind": "name", "person": "Bo Lindqvist"},
        {"kind": "lead", "company": "Stripe", "title": "Data Analyst"},
        {"kind": "recommend", "company": "Canva"},
        follow=True,
    )
    page = response.content.decode()
    assert (
        "Saved. New people: Ana Souza, Bo Lindqvist (introduced by Ana Souza). "
        "New lead: Data Analyst at Stripe. New target: Canva. "
        "Added to your companies: Stripe, Canva."
    ) in page


def test_an_unticked_hidden_box_means_an_advertised_lead(client_owner: Client, owner: User) -> None:
    _post(client_owner, {"kind": "lead", "company": "Stripe", "title": "Data Analyst"})
    assert Opportunity.objects.get(owner=owner).advertised is True


def test_a_type_ahead_value_picks_the_existing_person(client_owner: Client, owner: User) -> None:
    first = person_create(owner=owner, full_name="Ana Souza")
    person_create(owner=owner, full_name="Ana Souza")
    _post(client_owner, participant=[f"Ana Souza (#{first.pk})"])
    assert list(Conversation.objects.get(owner=owner).participants.all()) == [first]
    assert Person.objects.filter(owner=owner).count() == 2


def test_a_recommendation_puts_the_company_on_the_target_list(
    client_owner: Client, owner: User
) -> None:
    _post(client_owner, {"kind": "recommend", "company": "Canva", "text": "great data culture"})
    canva = Company.objects.get(owner=owner, name="Canva")
    assert canva.target_status == TargetStatus.TARGET
    assert canva.status_by == Person.objects.get(owner=owner, full_name="Ana Souza")


def test_blank_outcome_rows_are_ignored(client_owner: Client, owner: User) -> None:
    _post(client_owner)
    assert Conversation.objects.filter(owner=owner).count() == 1
    assert not Outcome.objects.filter(owner=owner).exists()


def test_with_prefills_the_first_participant_and_company_the_companies(
    client_owner: Client, owner: User
) -> None:
    ana = person_create(owner=owner, full_name="Ana Souza")
    stripe = Company.objects.create(owner=owner, name="Stripe", name_key="stripe")
    page = client_owner.get(LOG, {"with": ana.pk, "company": stripe.pk}).content.decode()
    assert f'id="id_participant_1" value="Ana Souza (#{ana.pk})"' in page
    assert 'value="Stripe"' in page


def test_with_ignores_another_users_person(client_owner: Client, owner: User, other: User) -> None:
    theirs = person_create(owner=other, full_name="Secret Person")
    response = client_owner.get(LOG, {"with": theirs.pk})
    assert response.status_code == 200
    assert "Secret Person" not in response.content.decode()


def test_add_participant_shows_one_more_row_and_saves_nothing(
    client_owner: Client, owner: User
) -> None:
    response = _post(client_owner, add_row="participants", notes="keep me")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('name="participant"') == 4
    assert ">Person 4<" in page
    assert 'value="Ana Souza"' in page
    assert "keep me" in page
    assert "field-error" not in page
    assert _nothing_written(owner)


def test_add_outcome_shows_one_more_row_keeping_what_was_typed(
    client_owner: Client, owner: User
) -> None:
    response = _post(
        client_owner, {"kind": "lead", "company": "Stripe", "hidden": "on"}, add_outcome="1"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<legend>Outcome 3</legend>" in page
    assert 'name="outcomes-TOTAL_FORMS" value="3"' in page
    assert 'name="outcomes-0-company" value="Stripe"' in page
    assert 'name="outcomes-0-hidden" id="id_outcomes-0-hidden" checked' in page
    assert _nothing_written(owner)


def test_without_a_participant_nothing_is_saved(client_owner: Client, owner: User) -> None:
    response = _post(client_owner, {"kind": "lead", "company": "Stripe"}, participant=["", "", ""])
    assert response.status_code == 200
    assert "Who did you talk to? Add at least one person." in response.content.decode()
    assert _nothing_written(owner)


def test_a_lead_without_a_company_is_flagged_on_its_row(client_owner: Client, owner: User) -> None:
    response = _post(client_owner, {"kind": "lead", "title": "Data Analyst"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_outcomes-0-company_error">Which company?' in page
    assert _nothing_written(owner)


def test_a_bad_date_is_flagged(client_owner: Client, owner: User) -> None:
    response = _post(client_owner, occurred_on="2026-02-31")
    assert 'id="id_occurred_on_error">Enter a valid date.' in response.content.decode()
    assert _nothing_written(owner)


def test_text_without_a_kind_is_not_silently_dropped(client_owner: Client, owner: User) -> None:
    response = _post(client_owner, {"text": "Talk to the data team"})
    assert "Choose what kind of outcome this is." in response.content.decode()
    assert _nothing_written(owner)


def test_a_type_ahead_value_for_another_users_person_is_refused(
    client_owner: Client, owner: User, other: User
) -> None:
    theirs = person_create(owner=other, full_name="Secret Person")
    response = _post(
        client_owner,
        {"kind": "name", "person": f"Secret Person (#{theirs.pk})"},
        participant=[f"Secret Person (#{theirs.pk})"],
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "is not one of your contacts" in page
    assert 'id="id_outcomes-0-person_error"' in page
    assert _nothing_written(owner)
    assert Conversation.objects.filter(owner=other).count() == 0


def test_an_ambiguous_name_asks_to_pick_one(client_owner: Client, owner: User) -> None:
    person_create(owner=owner, full_name="Ana Souza")
    person_create(owner=owner, full_name="Ana Souza")
    response = _post(client_owner)
    assert "Several people are called" in response.content.decode()
    assert not Conversation.objects.filter(owner=owner).exists()


def test_a_person_cannot_introduce_themselves(client_owner: Client, owner: User) -> None:
    response = _post(client_owner, {"kind": "name", "person": "Ana Souza"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "cannot introduce you to themselves" in page
    assert _nothing_written(owner)


@pytest.mark.parametrize(
    "url",
    [reverse("conversations:row") + "?field=participants", reverse("conversations:outcome_row")],
)
def test_row_fragments_need_htmx(client_owner: Client, url: str) -> None:
    response = client_owner.get(url)
    assert response.status_code == 302
    assert response.headers["Location"] == LOG


def test_the_participant_fragment_numbers_the_next_row(client_owner: Client) -> None:
    response = client_owner.get(
        reverse("conversations:row"),
        {"field": "participants", "participant": ["Ana", "", "", ""]},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert ">Person 5<" in page
    assert 'id="id_participant_5"' in page
    assert "<html" not in page


def test_the_outcome_fragment_adds_a_row_and_counts_it(client_owner: Client) -> None:
    response = client_owner.get(
        reverse("conversations:outcome_row"),
        {"outcomes-TOTAL_FORMS": "2"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert "<legend>Outcome 3</legend>" in page
    assert 'name="outcomes-2-kind"' in page
    assert 'name="outcomes-TOTAL_FORMS" value="3"' in page
    assert 'hx-swap-oob="true"' in page
    assert "<html" not in page


def test_people_options_suggest_only_the_owners_people(
    client_owner: Client, owner: User, other: User
) -> None:
    ana = person_create(owner=owner, full_name="Ana Souza")
    person_create(owner=other, full_name="Anabel Secret")
    response = client_owner.get(
        reverse("conversations:people_options"),
        {"field": "outcomes-0-person", "outcomes-0-person": "ana"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert f'<option value="Ana Souza (#{ana.pk})">' in page
    assert "Anabel" not in page


def test_company_options_suggest_whole_names_of_the_owners_companies(
    client_owner: Client, owner: User, other: User
) -> None:
    Company.objects.create(owner=owner, name="Canva", name_key="canva")
    Company.objects.create(owner=other, name="Cantina", name_key="cantina")
    response = client_owner.get(
        reverse("conversations:company_options"),
        {"field": "companies", "companies": "can"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert '<option value="Canva">' in page
    assert "Cantina" not in page
