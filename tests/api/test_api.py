"""The REST API as a program uses it: a token, JSON in and out, the same rules as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from tests.network.warm_network import Network

from rapport.accounts.models import User
from rapport.api.services import token_create, token_revoke
from rapport.companies.services import company_set_referral_protocol
from rapport.conversations.models import Conversation
from rapport.core.text import fold
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.services import opportunity_create
from rapport.people.models import Person

API = "/api/v1"


class Program:
    """A client that sends a token, as a script would."""

    def __init__(self, token: str) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **headers: str) -> Any:
        return self.client.get(f"{API}{path}", headers={**self.headers, **headers})

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            f"{API}{path}", body, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def program(owner: User) -> Program:
    return Program(token_create(owner=owner, name="script")[1])


@pytest.fixture
def network(owner: User) -> Network:
    net = Network(owner)
    ana = net.person("Ana Souza")
    net.job(ana, "Stripe", "Payments Engineer")
    company_set_referral_protocol(
        company=net.company("Stripe"), channel="Internal referral tool", steps="Ask Ana"
    )
    return net


def test_people_come_in_pages_with_their_jobs(program: Program, owner: User) -> None:
    for i in range(5):
        Person.objects.create(owner=owner, full_name=f"Person {i}")
    first = program.get("/people?limit=2").json()
    assert [p["full_name"] for p in first["items"]] == ["Person 0", "Person 1"]
    second = program.get(f"/people?limit=2&cursor={first['next']}").json()
    third = program.get(f"/people?limit=2&cursor={second['next']}").json()
    assert [p["full_name"] for p in second["items"] + third["items"]] == [
        "Person 2",
        "Person 3",
        "Person 4",
    ]
    assert third["next"] is None


def test_people_are_found_by_name_whatever_the_accents(program: Program, owner: User) -> None:
    Person.objects.create(owner=owner, full_name="Łukasz Żółw", name_key=fold("Łukasz Żółw"))
    Person.objects.create(owner=owner, full_name="Ana Souza", name_key=fold("Ana Souza"))
    found = program.get("/people?q=lukasz").json()["items"]
    assert [p["full_name"] for p in found] == ["Łukasz Żółw"]


def test_a_company_shows_its_protocol_and_warm_paths(program: Program, network: Network) -> None:
    stripe = network.company("Stripe")
    company = program.get(f"/companies/{stripe.pk}").json()
    assert company["referral_protocol"]["channel"] == "Internal referral tool"
    paths = program.get(f"/companies/{stripe.pk}/paths").json()
    assert paths["has_referral_path"] is True
    assert paths["paths"][0]["people"] == ["Ana Souza"]


def test_logging_a_conversation_does_what_the_form_does(program: Program, owner: User) -> None:
    response = program.post(
        "/conversations",
        {
            "occurred_on": "2026-12-01",
            "channel": "coffee",
            "participants": ["Ana Souza"],
            "notes": "Talked about payments.",
            "outcomes": [
                {"kind": "name", "person": "Bruno Okafor", "company": "Stripe", "title": "EM"},
                {"kind": "lead", "company": "Stripe", "title": "Backend Engineer"},
            ],
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["outcomes"][0]["kind"] == "name"
    bruno = Person.objects.get(owner=owner, full_name="Bruno Okafor")
    assert bruno.introduced_by is not None
    assert bruno.introduced_by.full_name == "Ana Souza"
    assert Opportunity.objects.get(owner=owner).title == "Backend Engineer"


def test_what_a_program_wrote_says_so_in_the_app(
    program: Program, owner: User, client_owner: Client
) -> None:
    logged = program.post(
        "/conversations",
        {"occurred_on": "2026-12-01", "channel": "call", "participants": ["Ana Souza"]},
    ).json()
    page = client_owner.get(f"/conversations/{logged['id']}/").content.decode()
    assert "logged via API token “script”" in page
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    assert ana.get_source_display() == "Written by a program (API or assistant)"
    # Undone like any other: the conversation can be deleted from its page.
    client_owner.post(f"/conversations/{logged['id']}/delete/")
    assert not Conversation.objects.filter(owner=owner).exists()


def test_a_bad_conversation_is_a_problem_document_and_writes_nothing(
    program: Program, owner: User
) -> None:
    response = program.post("/conversations", {"occurred_on": "yesterday", "participants": []})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 422
    assert not Conversation.objects.filter(owner=owner).exists()


def test_text_no_database_can_store_is_refused_not_a_crash(program: Program, owner: User) -> None:
    bad = {"occurred_on": "2026-12-01", "participants": ["Ana Souza"], "notes": "a\x00b"}
    response = program.post("/conversations", bad)
    assert response.status_code == 422
    assert "NUL" in response.content.decode()
    assert program.get("/people?q=a%00b").status_code == 422
    assert not Conversation.objects.filter(owner=owner).exists()


def test_applying_without_a_conversation_there_is_refused_until_confirmed(
    program: Program, owner: User, network: Network
) -> None:
    lead = opportunity_create(owner=owner, company=network.company("Stripe"), title="SRE")
    refused = program.post(f"/opportunities/{lead.pk}/stage", {"stage": "applied"})
    assert refused.status_code == 409
    assert "connect before you apply" in refused.json()["title"]
    lead.refresh_from_db()
    assert lead.stage == Stage.LEAD
    moved = program.post(f"/opportunities/{lead.pk}/stage", {"stage": "applied", "confirm": True})
    assert moved.json()["stage"] == "applied"


def test_an_unchanged_answer_is_not_sent_again(program: Program, owner: User) -> None:
    Person.objects.create(owner=owner, full_name="Ana Souza")
    first = program.get("/people")
    again = program.get("/people", **{"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    Person.objects.create(owner=owner, full_name="Bruno Okafor")
    changed = program.get("/people", **{"If-None-Match": first["ETag"]})
    assert changed.status_code == 200


def test_another_users_ids_are_not_found_and_unchanged(program: Program, other: User) -> None:
    theirs = Person.objects.create(owner=other, full_name="Their Contact")
    lead = opportunity_create(
        owner=other, company=Network(other).company("Globex"), title="Analyst"
    )
    assert program.get(f"/people/{theirs.pk}").status_code == 404
    assert program.get(f"/companies/{lead.company_id}").status_code == 404
    moved = program.post(f"/opportunities/{lead.pk}/stage", {"stage": "withdrawn"})
    assert moved.status_code == 404
    lead.refresh_from_db()
    assert lead.stage == Stage.LEAD
    assert program.get("/people").json()["items"] == []


def test_a_read_only_token_reads_and_cannot_write(owner: User) -> None:
    reader = Program(token_create(owner=owner, name="reader", read_only=True)[1])
    assert reader.get("/people").status_code == 200
    refused = reader.post(
        "/conversations", {"occurred_on": "2026-12-01", "participants": ["Ana Souza"]}
    )
    assert refused.status_code == 403
    assert "read-only" in refused.json()["title"]
    assert not Conversation.objects.filter(owner=owner).exists()


def test_a_revoked_or_missing_token_fails_at_once(owner: User, program: Program) -> None:
    assert program.get("/people").status_code == 200
    token_revoke(owner=owner, name="script")
    revoked = program.get("/people")
    assert revoked.status_code == 401
    assert revoked["WWW-Authenticate"].startswith("Bearer")
    assert Client().get(f"{API}/people").status_code == 401


def test_too_many_requests_are_told_when_to_come_back(
    program: Program, owner: User, settings: Any
) -> None:
    settings.RAPPORT_API_RATE = "3/m"
    cache.clear()
    codes = [program.get("/people").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = program.get("/people")
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited.json()["title"] == "Too many requests."
    # Another token of the same user has its own allowance.
    assert Program(token_create(owner=owner, name="other")[1]).get("/people").status_code == 200
    cache.clear()


def test_today_lists_the_next_moves(program: Program, owner: User, network: Network) -> None:
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    network.talk(ana, on=dt.date.today() - dt.timedelta(days=1))
    nudges = program.get("/today").json()
    assert any(n["person_id"] == ana.pk for n in nudges)
