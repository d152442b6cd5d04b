"""A user's network at a few hundred people, written in bulk: for tests of what the queries
of a page read, which need tables big enough for a planner to choose between plans."""

from __future__ import annotations

import random
from datetime import date, timedelta

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.conversations.models import Conversation, Introduction
from rapport.core.text import company_key, fold
from rapport.core.versions import data_version_held
from rapport.network.models import Acquaintance
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person, Relationship

DAY = date(2026, 11, 20)
PEOPLE_PER_EMPLOYER = 10


def employer(n: int) -> str:
    """The same names for every user, as in a career centre: a lookup by name must not
    match another user's company."""
    return f"Employer {n:04d}"


def grow(owner: User, *, people: int, seed: int) -> None:
    """Add `people` people to the owner's network, with their jobs (now and before), talks,
    introductions, acquaintances and leads, spread over EMPLOYERS."""
    rng = random.Random(seed)
    with data_version_held(owner.pk):
        companies = _companies(owner, people // PEOPLE_PER_EMPLOYER)
        made = _people(owner, people, rng)
        _jobs(owner, made, companies, rng)
        _talks(owner, made, rng)
        _introductions(owner, made, rng)
        _acquaintances(owner, made, rng)
        _leads(owner, made, companies, rng)


def _companies(owner: User, count: int) -> list[Company]:
    """The owner's first `count` employers, made where missing."""
    names = [employer(n) for n in range(count)]
    have = set(Company.objects.filter(owner=owner, name__in=names).values_list("name", flat=True))
    Company.objects.bulk_create(
        Company(owner=owner, name=name, name_key=company_key(name))
        for name in names
        if name not in have
    )
    return list(Company.objects.filter(owner=owner, name__in=names).order_by("name"))


def _people(owner: User, count: int, rng: random.Random) -> list[Person]:
    start = Person.objects.filter(owner=owner).count()
    rows = []
    for n in range(start, start + count):
        name = f"Person {owner.pk}-{n:05d}"
        relationship = rng.choice([Relationship.NETWORK] * 8 + [Relationship.ACTIVE] * 2)
        rows.append(
            Person(
                owner=owner,
                full_name=name,
                first_name="Person",
                name_key=fold(name),
                relationship=relationship,
            )
        )
    return Person.objects.bulk_create(rows)


def _jobs(owner: User, people: list[Person], companies: list[Company], rng: random.Random) -> None:
    rows = []
    for person in people:
        now, before = rng.sample(companies, 2)
        start = DAY - timedelta(days=rng.randint(100, 2000))
        rows.append(Employment(owner=owner, person=person, company=now, started_on=start))
        rows.append(
            Employment(
                owner=owner,
                person=person,
                company=before,
                started_on=start - timedelta(days=rng.randint(400, 2000)),
                ended_on=start - timedelta(days=1),
                is_current=False,
                title=rng.choice(["Engineer", "Recruiter", "Analyst"]),
            )
        )
    Employment.objects.bulk_create(rows)


def _talks(owner: User, people: list[Person], rng: random.Random) -> None:
    talked = [rng.choice(people) for _ in people]
    talks = Conversation.objects.bulk_create(
        Conversation(owner=owner, occurred_on=DAY - timedelta(days=rng.randint(0, 900)))
        for _ in talked
    )
    through = Conversation.participants.through
    through.objects.bulk_create(
        through(conversation_id=talk.pk, person_id=person.pk)
        for talk, person in zip(talks, talked, strict=True)
    )


def _introductions(owner: User, people: list[Person], rng: random.Random) -> None:
    pairs = {}
    for introduced in rng.sample(people, len(people) // 2):
        introducer = rng.choice(people)
        if introducer.pk != introduced.pk:
            pairs[introduced.pk] = introducer.pk
    Introduction.objects.bulk_create(
        Introduction(owner=owner, introducer_id=a, introduced_id=b) for b, a in pairs.items()
    )
    named = [Person(pk=b, introduced_by_id=a) for b, a in list(pairs.items())[::2]]
    Person.objects.bulk_update(named, ["introduced_by"])


def _acquaintances(owner: User, people: list[Person], rng: random.Random) -> None:
    pairs = set()
    for _ in range(len(people) // 2):
        a, b = sorted(p.pk for p in rng.sample(people, 2))
        pairs.add((a, b))
    Acquaintance.objects.bulk_create(
        Acquaintance(owner=owner, person_a_id=a, person_b_id=b) for a, b in sorted(pairs)
    )


def _leads(owner: User, people: list[Person], companies: list[Company], rng: random.Random) -> None:
    Opportunity.objects.bulk_create(
        Opportunity(
            owner=owner,
            company=rng.choice(companies),
            title="Analyst",
            source_person=rng.choice(people),
            referrer=rng.choice(people) if rng.random() < 0.3 else None,
        )
        for _ in range(len(people) // 4)
    )
