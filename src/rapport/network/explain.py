"""Warm paths put into words: each path says who, how they know each other, and why it
ranks where it does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rapport.companies.models import Company
from rapport.network.links import Job, Link, LinkKind
from rapport.network.roles import Role
from rapport.network.ties import Tie, ranking_factors, tie_phrases
from rapport.people.models import Person


class PathKind(StrEnum):
    WORKS_THERE = "works_there"
    FORMER_COLLEAGUE = "former_colleague"
    ALUMNI = "alumni"
    INTRODUCTION = "introduction"
    INTRODUCED_BY = "introduced_by"
    ACQUAINTANCE = "acquaintance"
    COLLEAGUE = "colleague"
    CHAIN = "chain"


# A path of one introduction is of the kind of the link it goes through.
_KIND_OF_LINK = {kind: PathKind(kind.value) for kind in LinkKind}

LABELS = {
    PathKind.WORKS_THERE: "Works there",
    PathKind.FORMER_COLLEAGUE: "Your former colleague, works there",
    PathKind.ALUMNI: "Alumni: insights, not a referral",
    PathKind.INTRODUCTION: "Through an introduction",
    PathKind.INTRODUCED_BY: "Through an introduction",
    PathKind.ACQUAINTANCE: "They know each other",
    PathKind.COLLEAGUE: "Worked together",
    PathKind.CHAIN: "Two introductions away",
}


@dataclass(frozen=True)
class WarmPath:
    degree: int
    kind: PathKind
    people: tuple[Person, ...]  # the user's contact first, the person at the company last
    explanation: str
    score: float  # 0..100
    factors: tuple[str, ...] = ()
    asked_on: date | None = None  # the user asked people[0] to introduce them to people[1]
    others: tuple[WarmPath, ...] = ()  # other ways to the same person, best first

    @property
    def contact(self) -> Person:
        return self.people[0]

    @property
    def introduce_to(self) -> Person | None:
        """Whom the user asks their contact to introduce them to (degrees 2 and 3)."""
        return self.people[1] if len(self.people) > 1 else None

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def is_referral(self) -> bool:
        return self.kind != PathKind.ALUMNI

    @property
    def target(self) -> Person:
        """The person this path reaches (at the company, or who worked there)."""
        return self.people[-1]

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "degree": self.degree,
            "people": [person.full_name for person in self.people],
            "explanation": self.explanation,
            "kind": self.kind.value,
            "score": self.score,
        }
        if self.others:
            data["other_paths"] = [other.as_dict() for other in self.others]
        return data


def works_there(
    person: Person, job: Job, tie: Tie, role: Role, company: Company, score: float, today: date
) -> WarmPath:
    """ "Ana Souza works at Stripe as Engineering Manager; you talked 3 times, last on 2 Nov." """
    title = f" as {job.title}" if job.title else ""
    name = first_name(person)
    clauses = [f"{person.full_name} works at {company.name}{title}"]
    clauses += tie_phrases(tie, today, name=name, about_them=True)
    return WarmPath(
        degree=1,
        kind=PathKind.FORMER_COLLEAGUE if tie.worked_together else PathKind.WORKS_THERE,
        people=(person,),
        explanation=_join(_sentence(clauses), _role_sentence(role, name, company)),
        score=score,
        factors=_factors(ranking_factors(tie, today), role.label),
    )


def alumni(
    person: Person, job: Job, tie: Tie, company: Company, score: float, today: date
) -> WarmPath:
    """ "Dan Ng used to work at Stripe as Engineer until 2021; ... not for a referral." """
    title = f" as {job.title}" if job.title else ""
    until = f" until {job.ended_on.year}" if job.ended_on else ""
    clauses = [f"{person.full_name} used to work at {company.name}{title}{until}"]
    clauses += tie_phrases(tie, today, name=first_name(person), about_them=True)
    advice = f"Good for insights about {company.name}, not for a referral."
    return WarmPath(
        degree=1,
        kind=PathKind.ALUMNI,
        people=(person,),
        explanation=_join(_sentence(clauses), advice),
        score=score,
        factors=_factors(ranking_factors(tie, today), "insights, not a referral"),
    )


def through(
    people: tuple[Person, ...],
    hops: list[list[Link]],
    job: Job,
    via: Tie,
    role: Role,
    company: Company,
    score: float,
    today: date,
) -> WarmPath:
    """ "Bruno Lima knows Carla Dias, Recruiter at Stripe: Bruno introduced you to Carla.
    You talked to Bruno 3 times, ..." `hops[i]` are the links between people i and i+1,
    the one that explains them best first."""
    names = _first_names(people)
    knows = [
        (people[i + 1].full_name, _reasons(links, names, people[i].pk))
        for i, links in enumerate(hops)
    ]
    at = f"{job.title} at {company.name}" if job.title else f"at {company.name}"
    degree = len(people)
    return WarmPath(
        degree=degree,
        kind=_KIND_OF_LINK[hops[0][0].kind] if degree == 2 else PathKind.CHAIN,
        people=people,
        explanation=_join(
            _knows_sentence(people[0].full_name, knows, at),
            _sentence(tie_phrases(via, today, name=names[people[0].pk], about_them=False)),
            _role_sentence(role, first_name(people[-1]), company),
        ),
        score=score,
        factors=_factors(
            ranking_factors(via, today),
            role.label,
            "one introduction needed" if degree == 2 else "two introductions needed",
        ),
    )


def first_name(person: Person) -> str:
    words = (person.first_name or person.full_name).split()
    return words[0] if words else person.full_name


def _role_sentence(role: Role, name: str, company: Company) -> str:
    """What the role says, of `name` (a first name): "" for most."""
    return role.sentence.format(name=name, company=company.name) if role.sentence else ""


def _reasons(links: list[Link], names: dict[int, str], first: int) -> str:
    """ "Bruno introduced you to Carla and you noted that ...": each reason once."""
    return " and ".join(dict.fromkeys(link.phrase(names, first=first) for link in links))


def _knows_sentence(first: str, knows: list[tuple[str, str]], at: str) -> str:
    if len(knows) == 1:
        who, why = knows[0]
        return f"{first} knows {who}, {at}: {why}."
    (middle, why_first), (last, why_last) = knows
    return f"{first} knows {middle} ({why_first}), who knows {last}, {at} ({why_last})."


def _first_names(people: Sequence[Person]) -> dict[int, str]:
    """First names, or full names when two people on one path share a first name."""
    firsts = {p.pk: first_name(p) for p in people}
    if len(set(firsts.values())) < len(firsts):
        return {p.pk: p.full_name for p in people}
    return firsts


def _sentence(clauses: Sequence[str]) -> str:
    text = "; ".join([c for c in clauses if c])
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def _join(*sentences: str) -> str:
    return " ".join([s for s in sentences if s])


def _factors(factors: list[str], *more: str) -> tuple[str, ...]:
    """The tie's ranking factors, then the path's own (a role's label, the introductions
    needed), without empty ones."""
    return tuple([f for f in (*factors, *more) if f])
