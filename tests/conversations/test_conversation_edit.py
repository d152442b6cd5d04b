"""Editing a logged conversation: date, channel, people, companies, notes and outcomes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.conversations.models import Conversation, Outcome, OutcomeKind
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person

DAY = dt.date(2026, 11, 20)


def _logged(owner: User) -> Conversation:
    return conversation_log(
        owner=owner,
        occurred_on=DAY,
        channel="coffee",
        participants=["Ana Souza"],
        companies=["Stripe, Inc."],
        notes="Talked about data teams.",
        outcomes=[
            OutcomeInput(kind=OutcomeKind.ADVICE, text="Shorten the resume"),
            OutcomeInput(
                kind=OutcomeKind.LEAD, company="Stripe, Inc.", title="Data Analyst", text="New team"
            ),
        ],
    )


def _form(conversation: Conversation, **changes: Any) -> dict[str, Any]:
    """The edit form as it comes filled in, with `changes` typed over it."""
    outcomes = list(conversation.outcomes.order_by("pk"))
    data: dict[str, Any] = {
        "occurred_on": conversation.occurred_on.isoformat(),
        "channel": conversation.channel,
        "participant": [f"{p.full_name} (#{p.pk})" for p in conversation.participants.all()],
        "companies": [c.name for c in conversation.companies.all()],
        "notes": conversation.notes,
        "outcomes-TOTAL_FORMS": str(len(outcomes) + 1),
        "outcomes-INITIAL_FORMS": str(len(outcomes)),
    }
    for index, outcome in enumerate(outcomes):
        prefix = f"outcomes-{index}-"
        data[prefix + "id"] = str(outcome.pk)
        data[prefix + "kind"] = outcome.kind
        data[prefix + "text"] = outcome.text
        assert outcome.from_person is not None
        data[prefix + "from_person"] = (
            f"{outcome.from_person.full_name} (#{outcome.from_person_id})"
        )
        data[prefix + "company"] = outcome.company.name if outcome.company else ""
        data[prefix + "title"] = outcome.opportunity.title if outcome.opportunity else ""
    data.update(changes)
    return data


def _url(conversation: Conversation) -> str:
    return reverse("conversations:edit", args=[conversation.pk])


def test_the_edit_form_comes_filled_in(client_owner: Client, owner: User) -> None:
    conversation = _logged(owner)
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")

    detail = client_owner.get(reverse("conversations:detail", args=[conversation.pk]))
    assert _url(conversation) in detail.content.decode()
    page = client_owner.get(_url(conversation)).content.decode()

    assert "Edit the conversation" in page
    assert 'value="2026-11-20"' in page
    assert f'value="Ana Souza (#{ana.pk})"' in page
    assert 'value="Stripe, Inc."' in page
    assert "Talked about data teams." in page
    assert "Shorten the resume" in page
    assert 'value="Data Analyst"' in page
    assert "Remove this outcome" in page


def test_date_channel_people_companies_and_notes_change(client_owner: Client, owner: User) -> None:
    conversation = _logged(owner)
    form = _form(
        conversation,
        occurred_on="2026-11-18",
        channel="video",
        participant=["Ana Souza", "Bo Lind"],
        companies=["Acme"],
        notes="Talked about analytics.",
    )

    response = client_owner.post(_url(conversation), form)

    assert response.status_code == 302
    conversation.refresh_from_db()
    assert (conversation.occurred_on, conversation.channel) == (dt.date(2026, 11, 18), "video")
    assert sorted(p.full_name for p in conversation.participants.all()) == ["Ana Souza", "Bo Lind"]
    assert [c.name for c in conversation.companies.all()] == ["Acme"]
    assert conversation.notes == "Talked about analytics."
    assert Person.objects.filter(owner=owner, full_name="Ana Souza").count() == 1


def test_an_outcomes_text_and_a_leads_title_change_in_place(
    client_owner: Client, owner: User
) -> None:
    conversation = _logged(owner)
    lead = Opportunity.objects.get(owner=owner)
    form = _form(
        conversation,
        **{
            "outcomes-0-text": "Shorten the resume to one page",
            "outcomes-1-title": "Senior Data Analyst",
        },
    )

    client_owner.post(_url(conversation), form)

    texts = list(conversation.outcomes.order_by("pk").values_list("text", flat=True))
    assert texts == ["Shorten the resume to one page", "New team"]
    assert Opportunity.objects.filter(owner=owner).count() == 1  # no second lead
    lead.refresh_from_db()
    assert lead.title == "Senior Data Analyst"


def test_an_outcome_is_removed_and_another_added(client_owner: Client, owner: User) -> None:
    conversation = _logged(owner)
    form = _form(
        conversation,
        **{
            "outcomes-0-remove": "on",
            "outcomes-2-kind": OutcomeKind.NAME,
            "outcomes-2-person": "Chloé Martin",
        },
    )

    client_owner.post(_url(conversation), form)

    kinds = list(conversation.outcomes.order_by("pk").values_list("kind", flat=True))
    assert kinds == [OutcomeKind.LEAD, OutcomeKind.NAME]
    chloe = Person.objects.get(owner=owner, full_name="Chloé Martin")
    assert chloe.introduced_by == Person.objects.get(owner=owner, full_name="Ana Souza")
    assert Opportunity.objects.filter(owner=owner).count() == 1


def test_a_bad_edit_changes_nothing_and_says_why(client_owner: Client, owner: User) -> None:
    conversation = _logged(owner)
    form = _form(conversation, participant=[""], channel="video", **{"outcomes-0-remove": "on"})

    response = client_owner.post(_url(conversation), form)

    assert response.status_code == 200
    assert "Nothing was saved yet" in response.content.decode()
    conversation.refresh_from_db()
    assert conversation.channel == "coffee"
    assert conversation.outcomes.count() == 2


def test_another_users_outcome_cannot_be_edited_through_yours(
    client_owner: Client, owner: User, other: User
) -> None:
    conversation = _logged(owner)
    theirs = _logged(other)
    stranger = Outcome.objects.filter(conversation=theirs).first()
    assert stranger is not None
    form = _form(conversation, **{"outcomes-0-id": str(stranger.pk), "outcomes-0-remove": "on"})

    response = client_owner.post(_url(conversation), form)

    assert response.status_code == 200
    assert Outcome.objects.filter(pk=stranger.pk).exists()


def test_another_users_conversation_is_not_found(client_other: Client, owner: User) -> None:
    conversation = _logged(owner)
    assert client_other.get(_url(conversation)).status_code == 404
    assert client_other.post(_url(conversation), _form(conversation)).status_code == 404


def test_one_more_row_without_javascript_keeps_the_outcomes_being_edited(
    client_owner: Client, owner: User
) -> None:
    conversation = _logged(owner)
    first = conversation.outcomes.order_by("pk").first()
    assert first is not None

    page = client_owner.post(_url(conversation), _form(conversation, add_outcome="1"))

    html = page.content.decode()
    assert f'name="outcomes-0-id" value="{first.pk}"' in html
    assert 'name="outcomes-3-kind"' in html  # the spare row and one more
    assert conversation.outcomes.count() == 2
