"""The ranked target list (LAMP): ways in, motivation, postings; sorted, exported, shared."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.models import Company, TargetStatus
from rapport.companies.services import company_find_or_create, company_set_target, employment_add
from rapport.conversations.services import conversation_log
from rapport.opportunities.services import opportunity_create
from rapport.outreach.services import motivation_set
from rapport.people.services import person_create


def _target(owner: User, name: str) -> Company:
    company, _ = company_find_or_create(owner=owner, name=name)
    company_set_target(company=company, status=TargetStatus.TARGET)
    return company


@pytest.fixture
def targets(owner: User) -> dict[str, Company]:
    acme, canva, stripe = (_target(owner, n) for n in ("Acme", "Canva", "Stripe"))
    company_find_or_create(owner=owner, name="Not a target")
    for name in ("Ana Souza", "Bo Lindqvist"):
        employment_add(person=person_create(owner=owner, full_name=name), company=stripe)
    alumna = person_create(owner=owner, full_name="Cleo Park")
    employment_add(
        person=alumna, company=canva, started_on=dt.date(2020, 1, 1), ended_on=dt.date(2022, 1, 1)
    )
    conversation_log(
        owner=owner, occurred_on=dt.date(2026, 11, 2), channel="coffee", participants=["Ana Souza"]
    )
    opportunity_create(owner=owner, company=canva, title="Data Analyst")
    motivation_set(owner=owner, company=acme, level=3)
    motivation_set(owner=owner, company=canva, level=2)
    motivation_set(owner=owner, company=stripe, level=2)
    return {"acme": acme, "canva": canva, "stripe": stripe}


def _names(client: Client, sort: str = "") -> list[str]:
    url = reverse("outreach:targets") + (f"?sort={sort}" if sort else "")
    return [t.company.name for t in client.get(url).context["targets"]]


def test_ranked_by_motivation_then_a_known_posting_then_the_ways_in(
    client_owner: Client, targets: dict[str, Company]
) -> None:
    response = client_owner.get(reverse("outreach:targets"))

    rows = {t.company.name: t for t in response.context["targets"]}
    assert list(rows) == ["Acme", "Canva", "Stripe"]
    assert (rows["Stripe"].warm_paths, rows["Stripe"].alumni) == (2, 0)
    assert (rows["Canva"].warm_paths, rows["Canva"].alumni) == (0, 1)
    assert rows["Canva"].posting_known
    assert not rows["Stripe"].posting_known
    assert _names(client_owner, "paths") == ["Stripe", "Canva", "Acme"]
    assert _names(client_owner, "name") == ["Acme", "Canva", "Stripe"]


def test_motivation_is_edited_on_the_list(
    client_owner: Client, targets: dict[str, Company]
) -> None:
    stripe = targets["stripe"]
    url = reverse("outreach:motivation", args=[stripe.pk])

    response = client_owner.post(url, {"level": "3", "sort": "rank"})
    assert response.status_code == 302
    assert _names(client_owner) == ["Stripe", "Acme", "Canva"]
    client_owner.post(url, {"level": "9"})
    assert _names(client_owner)[0] == "Stripe"  # refused: nothing changed


def test_the_list_is_exported_as_csv_and_shared_as_a_short_text(
    client_owner: Client, targets: dict[str, Company]
) -> None:
    response = client_owner.get(reverse("outreach:targets_csv"))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))

    assert response["Content-Disposition"] == 'attachment; filename="target-list.csv"'
    assert rows[0][:6] == [
        "Rank",
        "Company",
        "Motivation (0-3)",
        "Warm paths",
        "Alumni",
        "Posting known",
    ]
    assert [r[1] for r in rows[1:]] == ["Acme", "Canva", "Stripe"]
    assert rows[2][5:7] == ["yes", "Data Analyst"]
    share = client_owner.get(reverse("outreach:targets") + "?sort=name").context["share"]
    assert share == (
        "Here are the companies I'm looking at: Acme, Canva and Stripe. "
        "Do you know anyone at one of them, or another company I should add?"
    )


def test_another_users_targets_are_not_listed_nor_editable(
    client_other: Client, targets: dict[str, Company]
) -> None:
    assert _names(client_other) == []
    url = reverse("outreach:motivation", args=[targets["acme"].pk])
    assert client_other.post(url, {"level": "0"}).status_code == 404
