from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from rapport.accounts.models import User
from rapport.companies.models import Company, TargetStatus
from rapport.conversations.models import Introduction, Outcome, OutcomeKind
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.opportunities.models import Opportunity, Stage
from rapport.people.models import Person

DAY = dt.date(2026, 11, 20)


def test_logging_a_conversation_creates_new_participants(owner: User) -> None:
    conversation = conversation_log(
        owner=owner, occurred_on=DAY, channel="coffee", participants=["Ana Souza"]
    )
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    assert list(conversation.participants.all()) == [ana]
    assert (ana.first_name, ana.last_name) == ("Ana", "Souza")


def test_a_name_outcome_creates_the_person_introduced_by_the_participant(owner: User) -> None:
    conversation_log(
        owner=owner,
        occurred_on=DAY,
        channel="call",
        participants=["Ana Souza"],
        outcomes=[OutcomeInput(kind=OutcomeKind.NAME, person="Bo Lindqvist", text="data team")],
    )
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    bo = Person.objects.get(owner=owner, full_name="Bo Lindqvist")
    assert bo.introduced_by == ana
    assert Introduction.objects.filter(owner=owner, introducer=ana, introduced=bo).exists()


def test_a_lead_outcome_creates_a_sourced_opportunity(owner: User) -> None:
    conversation = conversation_log(
        owner=owner,
        occurred_on=DAY,
        channel="video",
        participants=["Ana Souza"],
        outcomes=[
            OutcomeInput(kind=OutcomeKind.LEAD, company="Stripe, Inc.", title="Data Analyst")
        ],
    )
    opportunity = Opportunity.objects.get(owner=owner)
    assert opportunity.title == "Data Analyst"
    assert opportunity.company.name == "Stripe, Inc."
    assert opportunity.advertised is False
    assert opportunity.stage == Stage.LEAD
    assert opportunity.source_conversation == conversation
    assert opportunity.source_person == Person.objects.get(full_name="Ana Souza")


def test_company_spellings_meet_on_one_company(owner: User) -> None:
    conversation_log(
        owner=owner,
        occurred_on=DAY,
        channel="coffee",
        participants=["Ana Souza"],
        companies=["Stripe, Inc.", "stripe", "STRIPE"],
    )
    assert Company.objects.filter(owner=owner).count() == 1
    company = Company.objects.get(owner=owner)
    assert {a.name for a in company.aliases.all()} == {"stripe", "STRIPE"}


def test_recommend_and_avoid_outcomes_remember_who_said_so(owner: User) -> None:
    conversation = conversation_log(
        owner=owner,
        occurred_on=DAY,
        channel="coffee",
        participants=["Ana Souza"],
        outcomes=[
            OutcomeInput(kind=OutcomeKind.RECOMMEND, company="Canva", text="great data culture"),
            OutcomeInput(kind=OutcomeKind.AVOID, company="Initech", text="layoffs every spring"),
        ],
    )
    ana = Person.objects.get(full_name="Ana Souza")
    canva = Company.objects.get(owner=owner, name="Canva")
    initech = Company.objects.get(owner=owner, name="Initech")
    assert (canva.target_status, canva.status_by, canva.status_reason) == (
        TargetStatus.TARGET,
        ana,
        "great data culture",
    )
    assert initech.target_status == TargetStatus.AVOID
    assert initech.status_by == ana
    assert initech.status_conversation_id == conversation.pk


def test_an_invalid_outcome_writes_nothing(owner: User) -> None:
    with pytest.raises(ValidationError):
        conversation_log(
            owner=owner,
            occurred_on=DAY,
            channel="coffee",
            participants=["Ana Souza"],
            outcomes=[OutcomeInput(kind=OutcomeKind.LEAD, company="")],
        )
    assert not Person.objects.exists()
    assert not Outcome.objects.exists()


def test_participants_resolve_only_within_the_owner(owner: User, other: User) -> None:
    theirs = Person.objects.create(owner=other, full_name="Ana Souza", name_key="ana souza")
    conversation = conversation_log(
        owner=owner, occurred_on=DAY, channel="coffee", participants=["Ana Souza"]
    )
    mine = conversation.participants.get()
    assert mine.owner == owner
    assert mine != theirs
    with pytest.raises(ValidationError):
        conversation_log(
            owner=owner,
            occurred_on=DAY,
            channel="coffee",
            participants=[f"Ana Souza (#{theirs.pk})"],
        )


def test_rows_an_outcome_creates_remember_where_they_came_from(owner: User) -> None:
    conversation_log(
        owner=owner,
        occurred_on=DAY,
        channel="call",
        participants=["Ana Souza"],
        outcomes=[
            OutcomeInput(kind=OutcomeKind.NAME, person="Bo Lindqvist"),
            OutcomeInput(kind=OutcomeKind.LEAD, company="Canva", title="Analyst"),
        ],
        source="demo",
    )
    assert Person.objects.get(full_name="Bo Lindqvist").source == "demo"
    assert Opportunity.objects.get(owner=owner).source == "demo"
    assert Company.objects.get(owner=owner, name="Canva").source == "demo"
