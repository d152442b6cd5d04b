"""Rows written straight through the ORM, as an importer would: the index must follow anyway."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from rapport.accounts.models import User
from rapport.companies.models import Company, CompanyAlias, Employment
from rapport.conversations.models import Conversation, Outcome, OutcomeKind
from rapport.core.text import company_key, fold
from rapport.opportunities.models import Opportunity
from rapport.people.models import ContactPoint, Person, Tag
from rapport.search.selectors import SearchResults

# find("kowal", types=["person"]): a search of the owner's data (the `find` fixture).
Find = Callable[..., SearchResults]


def titles(results: SearchResults) -> list[str]:
    return [hit.title for hit in results.hits]


def person(owner: User, full_name: str, **fields: Any) -> Person:
    return Person.objects.create(
        owner=owner, full_name=full_name, name_key=fold(full_name), **fields
    )


def company(owner: User, name: str, **fields: Any) -> Company:
    return Company.objects.create(owner=owner, name=name, name_key=company_key(name), **fields)


def alias(of: Company, name: str) -> CompanyAlias:
    return CompanyAlias.objects.create(owner=of.owner, company=of, name=name)


def job(who: Person, at: Company, title: str = "", *, current: bool = True) -> Employment:
    return Employment.objects.create(
        owner=who.owner, person=who, company=at, title=title, is_current=current
    )


def contact(who: Person, value: str, kind: str = "email") -> ContactPoint:
    return ContactPoint.objects.create(owner=who.owner, person=who, kind=kind, value=value)


def tag(who: Person, name: str) -> Tag:
    label, _ = Tag.objects.get_or_create(owner=who.owner, name=name)
    who.tags.add(label)
    return label


def conversation(
    owner: User,
    notes: str = "",
    *,
    with_: Sequence[Person] = (),
    about: Sequence[Company] = (),
    on: dt.date = dt.date(2026, 11, 2),
) -> Conversation:
    talk = Conversation.objects.create(owner=owner, occurred_on=on, notes=notes)
    talk.participants.set(with_)
    talk.companies.set(about)
    return talk


def outcome(talk: Conversation, text: str, kind: str = OutcomeKind.ADVICE) -> Outcome:
    return Outcome.objects.create(owner=talk.owner, conversation=talk, kind=kind, text=text)


def opportunity(at: Company, title: str, **fields: Any) -> Opportunity:
    return Opportunity.objects.create(owner=at.owner, company=at, title=title, **fields)
