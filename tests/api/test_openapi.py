"""The OpenAPI document: in sync with the code, and every operation holds to it.

Schemathesis generates requests from the document (bounded, so CI stays quick) and sends
them to the real app on the test database; no answer may be a 5xx or break the schema.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from rapport.accounts.models import User
from rapport.api.services import token_create
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.wsgi import application

DOCUMENT = Path(__file__).parents[2] / "docs" / "api" / "openapi.json"

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def test_the_committed_document_is_the_one_the_code_serves(client: Client) -> None:
    """`make openapi` rewrites docs/api/openapi.json after a change to the API."""
    served = client.get("/api/v1/openapi.json").json()
    assert served["openapi"].startswith("3.1")
    assert json.loads(DOCUMENT.read_text(encoding="utf-8")) == served


def test_the_docs_page_is_served_from_rapport_itself(client: Client) -> None:
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


@pytest.fixture
def in_test_transaction() -> Iterator[None]:
    """Requests sent straight to the WSGI app keep the test's connection open, as Django's
    own test client does (else PostgreSQL loses the test's transaction after one request)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.fixture
def token(owner: User, in_test_transaction: None) -> str:
    conversation_log(
        owner=owner,
        occurred_on=dt.date(2026, 11, 2),
        channel="coffee",
        participants=["Ana Souza"],
        companies=["Stripe"],
        outcomes=[OutcomeInput(kind="lead", company="Stripe", title="Data Analyst")],
    )
    return token_create(owner=owner, name="schemathesis")[1]


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_every_operation_answers_within_its_schema(case: schemathesis.Case, token: str) -> None:
    # No 5xx, every answer within the document (status, content type, body, headers). Not
    # checked: that schema-valid input is always taken (the services' rules, e.g. a lead
    # needs a company, refuse some with a documented 422) and that anything else is refused
    # (query parameters the API does not know are ignored, as HTTP APIs commonly do).
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
