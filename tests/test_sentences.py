"""Messages end a sentence after a name once: "Stripe, Inc." takes no second full stop."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.core.text import sentence


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Added Data Analyst at Stripe, Inc.", "Added Data Analyst at Stripe, Inc."),
        ("Added Data Analyst at Canva", "Added Data Analyst at Canva."),
        ("Is that right?", "Is that right?"),
        ("", ""),
    ],
)
def test_a_sentence_ends_with_one_full_stop(text: str, written: str) -> None:
    assert sentence(text) == written


def test_adding_an_opportunity_at_a_company_ending_in_a_full_stop_says_so_once(
    client_owner: Client, owner: User
) -> None:
    response = client_owner.post(
        reverse("opportunities:create"),
        {"company": "Stripe, Inc.", "title": "Data Analyst", "stage": "lead"},
        follow=True,
    )
    page = response.content.decode()
    assert "Added Data Analyst at Stripe, Inc.<" in page
    assert "Inc.." not in page


def test_logging_a_conversation_about_such_a_company_says_so_once(client_owner: Client) -> None:
    response = client_owner.post(
        reverse("conversations:log"),
        {
            "occurred_on": "2026-11-20",
            "channel": "email",
            "participant": ["Ana Souza"],
            "companies": ["Stripe, Inc."],
            "outcomes-TOTAL_FORMS": "0",
            "outcomes-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Added to your companies: Stripe, Inc.<" in page
    assert "Inc.." not in page
