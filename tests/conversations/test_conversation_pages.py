"""The conversations list, a conversation's page, its introductions, outcomes and deletion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapport.accounts.models import User
from rapport.conversations.models import (
    Conversation,
    Introduction,
    IntroductionState,
    Outcome,
    OutcomeKind,
)
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person

DAY = dt.date(2026, 11, 20)


def _log(
    owner: User,
    *,
    day: dt.date = DAY,
    who: str = "Ana Souza",
    channel: str = "coffee",
    companies: Sequence[str] = (),
    notes: str = "",
    outcomes: Sequence[OutcomeInput] = (),
) -> Conversation:
    return conversation_log(
        owner=owner,
        occurred_on=day,
        channel=channel,
        participants=[who],
        companies=companies,
        notes=notes,
        outcomes=outcomes,
    )


@pytest.fixture
def conversation(owner: User) -> Conversation:
    return _log(
        owner,
        companies=["Stripe"],
        notes="We talked about **the data team**.",
        outcomes=[
            OutcomeInput(kind=OutcomeKind.NAME, person="Bo Lindqvist"),
            OutcomeInput(kind=OutcomeKind.LEAD, company="Stripe", title="Data Analyst"),
            OutcomeInput(kind=OutcomeKind.INSIGHT, company="Stripe", text="They value SQL."),
            OutcomeInput(kind=OutcomeKind.GAVE, text="My notes on dbt"),
        ],
    )


def test_the_list_shows_conversations_newest_first(client_owner: Client, owner: User) -> None:
    _log(owner, day=DAY - dt.timedelta(days=3), who="Old Friend")
    _log(owner, day=DAY, who="New Friend")
    page = client_owner.get(reverse("conversations:list")).content.decode()
    assert page.index("New Friend") < page.index("Old Friend")


def test_the_list_filters_by_channel_and_by_name(client_owner: Client, owner: User) -> None:
    _log(owner, who="Ana Souza", channel="call", companies=["Stripe"])
    _log(owner, who="Bo Lindqvist", channel="coffee")
    url = reverse("conversations:list")
    by_channel = client_owner.get(url, {"channel": "call"}).content.decode()
    assert "Ana Souza" in by_channel
    assert "Bo Lindqvist" not in by_channel
    by_company = client_owner.get(url, {"q": "stripe"}).content.decode()
    assert "Ana Souza" in by_company
    assert "Bo Lindqvist" not in by_company
    by_person = client_owner.get(url, {"q": "lindq"}).content.decode()
    assert "Bo Lindqvist" in by_person
    assert "Ana Souza" not in by_person


def test_the_list_is_paginated(client_owner: Client, owner: User) -> None:
    for day in range(30):
        _log(owner, day=DAY - dt.timedelta(days=day), who=f"Person {day:02d}")
    first = client_owner.get(reverse("conversations:list")).content.decode()
    second = client_owner.get(reverse("conversations:list"), {"page": 2}).content.decode()
    assert "Person 00" in first
    assert "Person 29" not in first
    assert "Person 29" in second
    assert "Page 2 of 2" in second


def test_the_list_costs_the_same_queries_however_long_it_is(
    client_owner: Client, owner: User
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client_owner.get(reverse("conversations:list"))
        return len(captured)

    _log(owner, outcomes=[OutcomeInput(kind=OutcomeKind.NAME, person="Bo Lindqvist")])
    few = queries()
    for index in range(5):
        _log(
            owner,
            who=f"Person {index}",
            outcomes=[OutcomeInput(kind=OutcomeKind.LEAD, company="Stripe", title=f"Job {index}")],
        )
    assert queries() == few


def test_an_empty_list_invites_the_first_conversation(client_owner: Client) -> None:
    page = client_owner.get(reverse("conversations:list")).content.decode()
    assert "No conversations yet" in page
    assert reverse("conversations:log") in page


def test_the_page_shows_everything_that_came_out_of_it(
    client_owner: Client, owner: User, conversation: Conversation
) -> None:
    page = client_owner.get(
        reverse("conversations:detail", args=[conversation.pk])
    ).content.decode()
    bo = Person.objects.get(owner=owner, full_name="Bo Lindqvist")
    lead = Opportunity.objects.get(owner=owner)
    assert "<strong>the data team</strong>" in page
    assert reverse("people:detail", args=[bo.pk]) in page
    assert reverse("opportunities:detail", args=[lead.pk]) in page
    assert "They value SQL." in page
    assert "My notes on dbt" in page
    assert 'name="state"' in page
    assert page.index("A name (someone to talk to)") < page.index("Something I gave")


def test_moving_an_introduction_along(
    client_owner: Client, owner: User, conversation: Conversation
) -> None:
    introduction = Introduction.objects.get(owner=owner)
    url = reverse("conversations:introduction_state", args=[introduction.pk])
    response = client_owner.post(url, {"state": "met"})
    assert response.headers["Location"] == reverse("conversations:detail", args=[conversation.pk])
    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.MET


def test_moving_an_introduction_with_htmx_returns_its_row(
    client_owner: Client, owner: User, conversation: Conversation
) -> None:
    introduction = Introduction.objects.get(owner=owner)
    url = reverse("conversations:introduction_state", args=[introduction.pk])
    response = client_owner.post(url, {"state": "thanked"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert f'id="introduction-{introduction.pk}"' in page
    assert '<option value="thanked" selected>' in page
    assert "<html" not in page
    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.THANKED


def test_an_unknown_introduction_state_changes_nothing(
    client_owner: Client, owner: User, conversation: Conversation
) -> None:
    introduction = Introduction.objects.get(owner=owner)
    url = reverse("conversations:introduction_state", args=[introduction.pk])
    client_owner.post(url, {"state": "married"})
    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.OFFERED


def test_adding_an_outcome_later(
    client_owner: Client, owner: User, conversation: Conversation
) -> None:
    url = reverse("conversations:outcome_add", args=[conversation.pk])
    response = client_owner.post(
        url, {"outcome-kind": "avoid", "outcome-company": "Initech", "outcome-text": "layoffs"}
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(owner=owner, kind=OutcomeKind.AVOID)
    assert outcome.conversation == conversation
    assert outcome.from_person == Person.objects.get(owner=owner, full_name="Ana Souza")
    assert outcome.company is not None
    assert outcome.company.target_status == "avoid"


def test_adding_an_incomplete_outcome_shows_the_error(
    client_owner: Client, owner: User, conversation: Conversation
) -> None:
    url = reverse("conversations:outcome_add", args=[conversation.pk])
    response = client_owner.post(url, {"outcome-kind": "lead"})
    assert response.status_code == 200
    assert "Which company?" in response.content.decode()
    assert conversation.outcomes.count() == 4


def test_deleting_asks_first_then_keeps_what_it_created(
    client_owner: Client, owner: User, conversation: Conversation
) -> None:
    url = reverse("conversations:delete", args=[conversation.pk])
    confirm = client_owner.get(url)
    assert "Delete this conversation?" in confirm.content.decode()
    assert Conversation.objects.filter(pk=conversation.pk).exists()
    response = client_owner.post(url)
    assert response.headers["Location"] == reverse("conversations:list")
    assert not Conversation.objects.filter(pk=conversation.pk).exists()
    assert Opportunity.objects.filter(owner=owner).exists()
    assert Person.objects.filter(owner=owner, full_name="Bo Lindqvist").exists()


def test_the_summary_names_what_an_outcome_without_text_is_about(
    client_owner: Client, owner: User, conversation: Conversation
) -> None:
    page = client_owner.get(reverse("conversations:list")).content.decode()
    assert "Bo Lindqvist" in page
    assert "Data Analyst at Stripe" in page


def test_another_users_conversation_is_not_found_anywhere(
    client_other: Client, owner: User, conversation: Conversation
) -> None:
    introduction = Introduction.objects.get(owner=owner)
    urls = [
        reverse("conversations:detail", args=[conversation.pk]),
        reverse("conversations:delete", args=[conversation.pk]),
        reverse("conversations:outcome_add", args=[conversation.pk]),
        reverse("conversations:introduction_state", args=[introduction.pk]),
    ]
    for url in urls:
        get, post = client_other.get(url), client_other.post(url, {"state": "met"})
        assert {get.status_code, post.status_code} <= {404, 405}, url
        assert 404 in {get.status_code, post.status_code}, url
    assert Conversation.objects.filter(pk=conversation.pk).exists()
    assert conversation.outcomes.count() == 4
    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.OFFERED


def test_another_users_conversations_are_not_listed(
    client_other: Client, conversation: Conversation
) -> None:
    page = client_other.get(reverse("conversations:list")).content.decode()
    assert "Ana Souza" not in page
    assert "No conversations yet" in page
