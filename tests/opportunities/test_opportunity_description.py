"""What a lead is about goes to the opportunity's description, not its resume notes."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.apps import apps
from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.opportunities.models import Opportunity


def _hidden_lead(owner: User) -> Opportunity:
    conversation_log(
        owner=owner,
        occurred_on=dt.date(2026, 11, 20),
        channel="coffee",
        participants=["Ana Souza"],
        outcomes=[
            OutcomeInput(
                kind="lead",
                company="Stripe",
                title="Data Analyst",
                text="A new analytics team, hiring in January; not posted yet",
                advertised=False,
            )
        ],
    )
    return Opportunity.objects.get(owner=owner)


def test_a_hidden_leads_text_is_the_opportunitys_description(owner: User) -> None:
    lead = _hidden_lead(owner)
    assert lead.description == "A new analytics team, hiring in January; not posted yet"
    assert lead.tailoring_notes == ""


def test_the_opportunity_page_shows_the_description_apart_from_tailoring_notes(
    owner: User, client_owner: Client
) -> None:
    lead = _hidden_lead(owner)
    page = client_owner.get(reverse("opportunities:detail", args=[lead.pk])).content.decode()
    about = page.index("About the role")
    assert about < page.index("A new analytics team") < page.index("Resume tailoring notes")


def test_the_opportunity_form_edits_the_description(owner: User, client_owner: Client) -> None:
    lead = _hidden_lead(owner)
    edit = reverse("opportunities:edit", args=[lead.pk])
    assert "A new analytics team" in client_owner.get(edit).content.decode()
    client_owner.post(
        edit,
        {
            "company": "Stripe",
            "title": "Data Analyst",
            "stage": "lead",
            "description": "Analytics team, hiring in January",
            "tailoring_notes": "Stress the dbt work",
        },
    )
    lead.refresh_from_db()
    assert (lead.description, lead.tailoring_notes) == (
        "Analytics team, hiring in January",
        "Stress the dbt work",
    )


def test_the_migration_moves_lead_texts_out_of_tailoring_notes(owner: User) -> None:
    migration = import_module("rapport.opportunities.migrations.0002_description")
    lead = _hidden_lead(owner)
    edited = Opportunity.objects.create(
        owner=owner, company=lead.company, title="Analyst", tailoring_notes="Mine"
    )
    Opportunity.objects.filter(pk=lead.pk).update(description="", tailoring_notes=lead.description)

    migration.lead_texts_to_description(apps, None)

    lead.refresh_from_db()
    edited.refresh_from_db()
    assert (lead.description, lead.tailoring_notes) == (
        "A new analytics team, hiring in January; not posted yet",
        "",
    )
    assert (edited.description, edited.tailoring_notes) == ("", "Mine")
