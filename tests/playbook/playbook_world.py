"""Helpers for the playbook tests: a small world of people, companies, leads and talks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import time_machine

from rapport.accounts.models import User
from rapport.companies.models import Company, TargetStatus
from rapport.companies.services import company_find_or_create, company_set_target, employment_add
from rapport.conversations.models import Conversation
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.services import opportunity_create
from rapport.people.models import Person, Relationship
from rapport.people.services import person_create, person_ref, person_save
from rapport.playbook.models import PlaybookSettings
from rapport.playbook.nudges import Nudge

TODAY = dt.date(2026, 11, 25)  # a Wednesday


def at(day: dt.date, hour: int = 9) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC), tick=False)


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


class World:
    """Builds one user's data through the same services the app uses."""

    def __init__(self, owner: User) -> None:
        self.owner = owner

    def company(self, name: str, *, target: bool = False) -> Company:
        company, _ = company_find_or_create(owner=self.owner, name=name)
        if target:
            company_set_target(company=company, status=TargetStatus.TARGET)
        return company

    def person(
        self,
        name: str,
        *,
        works_at: Company | None = None,
        relationship: str = Relationship.NETWORK,
        cadence_days: int | None = None,
    ) -> Person:
        person = person_create(owner=self.owner, full_name=name)
        if relationship != Relationship.NETWORK or cadence_days:
            person.relationship, person.cadence_days = relationship, cadence_days
            person_save(person=person)
        if works_at is not None:
            employment_add(person=person, company=works_at, title="Engineer")
        return person

    def talk(
        self,
        on: dt.date,
        *people: Person,
        outcomes: Sequence[OutcomeInput] = (),
        channel: str = "coffee",
    ) -> Conversation:
        return conversation_log(
            owner=self.owner,
            occurred_on=on,
            channel=channel,
            participants=[person_ref(p) for p in people],
            outcomes=outcomes,
        )

    def lead(
        self, title: str, company: Company, *, saved_on: dt.date, stage: str = Stage.LEAD
    ) -> Opportunity:
        with at(saved_on):
            return opportunity_create(owner=self.owner, company=company, title=title, stage=stage)

    def settings(self, **fields: object) -> PlaybookSettings:
        settings, _ = PlaybookSettings.objects.get_or_create(owner=self.owner)
        for name, value in fields.items():
            setattr(settings, name, value)
        settings.save()
        return settings


def kinds(nudges: Sequence[Nudge]) -> list[str]:
    return [str(n.kind) for n in nudges]


def of_kind(nudges: Sequence[Nudge], kind: str) -> list[Nudge]:
    return [n for n in nudges if n.kind == kind]
