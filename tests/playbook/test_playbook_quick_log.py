"""The quick log: one person, how, outcome chips, a note and the next step, logged through
the conversation service; sent twice under one key, logged once."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.services import company_find_or_create, employment_add
from rapport.conversations.models import Conversation, Outcome
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person
from rapport.people.services import person_ref, person_resolve
from rapport.playbook.models import FollowUp
from rapport.playbook.services import QuickLog, quick_log

URL = reverse("playbook:quick_log")
KEY = "0f6c2d0e-5d1a-4b8e-9a53-6c1f0b7e2a11"


def _post(client: Client, **fields: Any) -> Any:
    data = {"key": KEY, "person": "Ana Souza", "channel": "coffee", "occurred_on": "2026-12-07"}
    return client.post(URL, {**data, **fields})


def test_a_quick_log_logs_the_conversation_its_outcomes_and_the_follow_up(
    client_owner: Client, owner: User
) -> None:
    response = _post(
        client_owner,
        outcome=["advice", "name", "lead", "gave"],
        advice="Lead with the portfolio",
        name="Bo Lindqvist",
        lead="Stripe",
        gave="An article on onboarding",
        notes="Coffee near the office.",
        follow_up_on="2026-12-14",
        next_step="Send the portfolio",
    )
    conversation = Conversation.objects.get(owner=owner)
    assert response.status_code == 302
    assert response["Location"] == reverse("conversations:detail", args=[conversation.pk])
    assert [p.full_name for p in conversation.participants.all()] == ["Ana Souza"]
    assert (conversation.channel, conversation.notes) == ("coffee", "Coffee near the office.")
    kinds = sorted(Outcome.objects.filter(conversation=conversation).values_list("kind", "text"))
    assert kinds == [
        ("advice", "Lead with the portfolio"),
        ("gave", "An article on onboarding"),
        ("lead", ""),
        ("name", ""),
    ]
    bo = Person.objects.get(owner=owner, full_name="Bo Lindqvist")
    assert bo.introduced_by == conversation.participants.get()
    assert Opportunity.objects.get(owner=owner).company.name == "Stripe"
    followup = FollowUp.objects.get(owner=owner)
    assert (followup.person, followup.due_on) == (
        conversation.participants.get(),
        dt.date(2026, 12, 14),
    )
    assert followup.note == "Send the portfolio"


def test_sent_twice_with_one_key_it_is_logged_once(client_owner: Client, owner: User) -> None:
    first = _post(
        client_owner, outcome=["advice"], advice="Ask about the team", follow_up_on="2026-12-14"
    )
    second = _post(
        client_owner, outcome=["advice"], advice="Ask about the team", follow_up_on="2026-12-14"
    )
    assert Conversation.objects.filter(owner=owner).count() == 1
    assert Outcome.objects.filter(owner=owner).count() == 1
    assert FollowUp.objects.filter(owner=owner).count() == 1
    assert second["Location"] == first["Location"]
    page = client_owner.get(second["Location"]).content.decode()
    assert "sent twice, and logged once" in page


def test_the_same_key_from_another_user_is_another_log(
    client_owner: Client, client_other: Client, owner: User, other: User
) -> None:
    _post(client_owner)
    _post(client_other)
    assert Conversation.objects.filter(owner=owner).count() == 1
    assert Conversation.objects.filter(owner=other).count() == 1


def test_a_line_typed_without_its_chip_still_counts(client_owner: Client, owner: User) -> None:
    _post(client_owner, insight="They hire in spring")
    assert list(Outcome.objects.values_list("kind", "text")) == [("insight", "They hire in spring")]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"person": ""}, "This field is required."),
        ({"outcome": ["advice"]}, "Advice: Write down what it was."),
        ({"outcome": ["lead"]}, "A lead: Which company?"),
        ({"next_step": "Send the deck"}, "When will you do it?"),
        ({"key": "not a key!"}, "This page is out of date"),
        ({"person": "Ghost (#999)"}, "is not one of your contacts"),
    ],
)
def test_bad_input_is_shown_and_nothing_is_logged(
    client_owner: Client, owner: User, fields: dict[str, Any], error: str
) -> None:
    response = _post(client_owner, **fields)
    assert response.status_code == 200
    assert error in response.content.decode().replace("&#x27;", "'")
    assert not Conversation.objects.filter(owner=owner).exists()


def test_a_name_that_is_the_person_themselves_is_refused_whole(
    client_owner: Client, owner: User
) -> None:
    response = _post(client_owner, outcome=["name"], name="Ana Souza", follow_up_on="2026-12-14")
    assert "cannot introduce you to themselves" in response.content.decode()
    assert not Conversation.objects.filter(owner=owner).exists()
    assert not FollowUp.objects.filter(owner=owner).exists()
    assert _post(client_owner).status_code == 302  # the key was not used up


def test_the_page_starts_with_the_person_from_a_nudge_and_a_fresh_key(
    client_owner: Client, owner: User, other: User
) -> None:
    ana, _ = person_resolve(owner=owner, text="Ana Souza")
    page = client_owner.get(URL, {"with": ana.pk}).content.decode()
    assert f'value="{person_ref(ana)}"' in page
    assert f'href="{reverse("conversations:log")}?with={ana.pk}"' in page  # the full form
    again = client_owner.get(URL).content.decode()
    key = page.split('name="key" value="')[1].split('"')[0]
    assert len(key) == 32
    assert key not in again
    theirs, _ = person_resolve(owner=other, text="Theo Other")
    assert "Theo Other" not in client_owner.get(URL, {"with": theirs.pk}).content.decode()


def test_the_type_ahead_shows_where_each_person_works(client_owner: Client, owner: User) -> None:
    ana, _ = person_resolve(owner=owner, text="Ana Souza")
    employment_add(person=ana, company=company_find_or_create(owner=owner, name="Stripe")[0])
    page = client_owner.get(URL).content.decode()
    people_url = reverse("conversations:people_options")
    assert f'hx-get="{people_url}?field=person"' in page
    options = client_owner.get(people_url, {"field": "person", "person": "an"}).content.decode()
    assert f'<option value="{person_ref(ana)}">' in options
    assert "Stripe</option>" in options


def test_nudges_about_a_person_open_the_quick_log(client_owner: Client, owner: User) -> None:
    ana, _ = person_resolve(owner=owner, text="Ana Souza")
    _post(client_owner, occurred_on="2026-12-01")
    page = client_owner.get(reverse("front:home")).content.decode()
    assert f'href="{URL}?with={ana.pk}"' in page


def test_a_nudge_about_a_company_fills_in_the_company_discussed(
    client_owner: Client, owner: User
) -> None:
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    ana, _ = person_resolve(owner=owner, text="Ana Souza")
    page = client_owner.get(URL, {"with": ana.pk, "company": stripe.pk}).content.decode()
    assert 'name="company" value="Stripe"' in page
    assert f"?with={ana.pk}&amp;company={stripe.pk}" in page  # the full form keeps both
    _post(client_owner, company="Stripe")
    conversation = Conversation.objects.get(owner=owner)
    assert [c.name for c in conversation.companies.all()] == ["Stripe"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writer at a time: two sends cannot overlap there",
)
def test_two_sends_at_the_same_moment_log_once(owner: User) -> None:
    entry = QuickLog(
        key=KEY, occurred_on=dt.date(2026, 12, 7), channel="coffee", person="Ana Souza"
    )
    start = threading.Barrier(2)
    logged: list[int] = []

    def send() -> None:
        start.wait()
        try:
            logged.append(quick_log(owner=owner, entry=entry).conversation.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Conversation.objects.filter(owner=owner).count() == 1
    assert len(logged) == 2
    assert logged[0] == logged[1]


def test_a_follow_up_chip_counts_from_the_day_of_the_conversation(
    client_owner: Client, owner: User
) -> None:
    with time_machine.travel(dt.datetime(2026, 12, 9, 9, tzinfo=dt.UTC), tick=False):
        _post(client_owner, occurred_on="2026-12-07", follow_up_in="7", next_step="Send it")
    assert FollowUp.objects.get(owner=owner).due_on == dt.date(2026, 12, 14)


def test_not_now_and_no_date_make_no_follow_up(client_owner: Client, owner: User) -> None:
    _post(client_owner, follow_up_in="")
    assert Conversation.objects.filter(owner=owner).exists()
    assert not FollowUp.objects.filter(owner=owner).exists()
