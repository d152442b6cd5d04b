"""What the API reads and writes, as pydantic schemas (they make the OpenAPI document)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, StringConstraints

from rapport.conversations.models import Channel, OutcomeKind
from rapport.opportunities.models import Stage


def _storable(value: str) -> str:
    """Text both databases can store: no NUL character, no half of a surrogate pair."""
    if "\x00" in value:
        raise ValueError("Text cannot contain a NUL character.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("Text must be valid Unicode (no lone surrogate).") from None
    return value


# Text a program sends: stored as it is, so it must be storable.
Text = Annotated[str, AfterValidator(_storable)]
# A name as typed: something besides spaces, and not longer than a name field.
Name = Annotated[
    str, StringConstraints(min_length=1, max_length=300, pattern=r"\S"), AfterValidator(_storable)
]


class ContactPointOut(Schema):
    kind: str
    label: str
    value: str


class JobOut(Schema):
    company_id: int
    company: str
    title: str
    current: bool


class PersonOut(Schema):
    id: int
    full_name: str
    headline: str
    location: str
    linkedin_url: str
    relationship: str
    introduced_by_id: int | None
    tags: list[str]
    contact_points: list[ContactPointOut]
    jobs: list[JobOut]


class ReferralProtocolOut(Schema):
    channel: str
    steps: str
    apply_order: str
    learned_from_id: int | None
    learned_on: date | None


class CompanyOut(Schema):
    id: int
    name: str
    website: str
    careers_url: str
    target_status: str
    priority: int | None
    status_reason: str = Field(description="Why it is a target or to avoid, as told")
    status_by_id: int | None = Field(description="The person who said so")
    referral_protocol: ReferralProtocolOut | None


class OutcomeOut(Schema):
    kind: str
    text: str


class ConversationOut(Schema):
    id: int
    occurred_on: date
    channel: str
    participants: list[int]
    companies: list[int]
    notes: str
    outcomes: list[OutcomeOut]
    source: str


class OutcomeIn(Schema):
    kind: OutcomeKind
    text: Text = Field("", max_length=5000)
    from_person: Text = Field("", max_length=300, description="Defaults to the first participant")
    person: Text = Field("", max_length=300, description="A name: who was named")
    company: Text = Field("", max_length=200)
    title: Text = Field("", max_length=200)
    advertised: bool = False


class ConversationIn(Schema):
    occurred_on: date
    channel: Channel = Channel.COFFEE
    participants: list[Name] = Field(
        min_length=1, max_length=20, description="Names of people (new names become people)"
    )
    companies: list[Name] = Field(default_factory=list, max_length=20)
    notes: Text = Field("", max_length=20000)
    outcomes: list[OutcomeIn] = Field(default_factory=list, max_length=20)


class OpportunityOut(Schema):
    id: int
    title: str
    company_id: int
    company: str
    stage: str
    url: str
    advertised: bool
    deadline: date | None
    referrer_id: int | None


class StageIn(Schema):
    stage: Stage
    confirm: bool = Field(
        False,
        description="Apply even though you have talked to no one there lately, or the "
        "company wants a referral first (the web board asks the same question)",
    )


class NudgeOut(Schema):
    kind: str
    key: str
    title: str
    reason: str
    due: date
    urgency: str
    person_id: int | None
    company_id: int | None
    opportunity_id: int | None
    suggestions: list[str]


class PathOut(Schema):
    degree: int = Field(description="1: you know them; 2: someone you know does; 3: one more")
    people: list[str] = Field(description="Your contact first, the person at the company last")
    person_ids: list[int]
    explanation: str
    score: float


class PathsOut(Schema):
    company_id: int
    company: str
    paths: list[PathOut]
    has_referral_path: bool = Field(description="A path reaches someone who works there now")


class SearchHitOut(Schema):
    type: str
    id: int
    title: str
    snippet: str
    when: date | None


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str = ""


class PeoplePage(Schema):
    items: list[PersonOut]
    next: str | None = Field(description="The cursor of the next page; null on the last")


class CompaniesPage(Schema):
    items: list[CompanyOut]
    next: str | None


class ConversationsPage(Schema):
    items: list[ConversationOut]
    next: str | None


class OpportunitiesPage(Schema):
    items: list[OpportunityOut]
    next: str | None
