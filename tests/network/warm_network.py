"""Small hand-made networks: a builder that writes people, jobs, talks and introductions
through the services the app uses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.companies.services import company_find_or_create, employment_add
from rapport.conversations.models import Conversation, Introduction
from rapport.imports.models import Position
from rapport.network.models import Acquaintance
from rapport.network.selectors import WarmPaths, warm_paths
from rapport.network.services import acquaintance_record
from rapport.opportunities.services import opportunity_create
from rapport.people.models import Person
from rapport.people.services import person_create

TODAY = date(2026, 11, 20)


class Network:
    """One user's network, written through the services the app uses."""

    def __init__(self, owner: User) -> None:
        self.owner = owner

    def person(
        self,
        name: str,
        *,
        relationship: str = "network",
        headline: str = "",
        introduced_by: Person | None = None,
    ) -> Person:
        person = person_create(
            owner=self.owner, full_name=name, headline=headline, introduced_by=introduced_by
        )
        if relationship != "network":
            Person.objects.filter(pk=person.pk).update(relationship=relationship)
            person.refresh_from_db()
        return person

    def company(self, name: str) -> Company:
        return company_find_or_create(owner=self.owner, name=name)[0]

    def job(
        self,
        person: Person,
        company: str,
        title: str = "",
        *,
        start: date | None = None,
        end: date | None = None,
    ) -> Employment:
        return employment_add(
            person=person,
            company=self.company(company),
            title=title,
            started_on=start,
            ended_on=end,
        )

    def talk(self, *people: Person, on: date, times: int = 1) -> None:
        for _ in range(times):
            conversation = Conversation.objects.create(owner=self.owner, occurred_on=on)
            conversation.participants.add(*people)

    def introduce(self, introducer: Person, introduced: Person) -> Introduction:
        return Introduction.objects.create(
            owner=self.owner, introducer=introducer, introduced=introduced
        )

    def knows(self, person: Person, other: Person, note: str = "") -> Acquaintance:
        return acquaintance_record(owner=self.owner, person=person, knows=other, note=note)

    def lead(self, person: Person, company: str) -> None:
        opportunity_create(
            owner=self.owner, company=self.company(company), title="Analyst", source_person=person
        )

    def position(self, company: str, start: date, end: date | None = None) -> Position:
        return Position.objects.create(
            owner=self.owner,
            company=self.company(company),
            started_on=start,
            finished_on=end,
            source_key=f"{company}-{start}",
        )

    def paths(
        self, company: str, *, keywords: Sequence[str] | None = None, limit: int = 50
    ) -> WarmPaths:
        return warm_paths(
            owner=self.owner,
            company=self.company(company),
            today=TODAY,
            keywords=keywords,
            limit=limit,
        )


def names(result: WarmPaths) -> list[list[str]]:
    return [[person.full_name for person in path.people] for path in result]
