"""Reads for the path search: a few indexed queries around a set of people, never the whole
network. Every query is scoped to one owner.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple, TypeVar

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count, Exists, Expression, F, Max, OuterRef, Q, QuerySet, Value
from django.db.models.sql.compiler import SQLCompiler

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.conversations.models import Conversation, Introduction
from rapport.imports.models import Position
from rapport.network.links import Job, Link, LinkKind, overlap, overlapping_colleagues
from rapport.network.models import Acquaintance
from rapport.network.ties import Tie
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person, Relationship

# One huge former employer must not flood the search: keep each person's best colleagues.
COLLEAGUES_PER_PERSON = 10
BIG_EMPLOYER = 150  # jobs of the user's people at one company, past and present
JOB_FIELDS = (
    "person_id",
    "company_id",
    "company__name",
    "title",
    "started_on",
    "ended_on",
    "is_current",
)
USER = 0  # person_id of the user's own jobs

M = TypeVar("M", bound=models.Model)
Introduced = tuple[int, int, LinkKind]  # (introducer, introduced, how it was recorded)


# The Person fields a search reads, in the model's order (see NetworkGraph.people).
PERSON_FIELDS = tuple(
    f.attname
    for f in Person._meta.concrete_fields
    if f.attname
    in {"id", "full_name", "first_name", "headline", "relationship", "introduced_by_id"}
)


class Facts(NamedTuple):
    """What the search knows of a person: the values of PERSON_FIELDS."""

    id: int
    first_name: str
    full_name: str
    headline: str
    introduced_by_id: int | None
    relationship: str


# Where each field of Facts is among PERSON_FIELDS.
_FACTS_ORDER = tuple(PERSON_FIELDS.index(field) for field in Facts._fields)


def _facts(values: tuple[object, ...]) -> Facts:
    return Facts._make(values[i] for i in _FACTS_ORDER)


class _Ids(Expression):
    """A list of ids as one SQL expression: `(%s, %s, ...)`, still bound as parameters.

    Given a plain list, Django prepares and validates each value on its own, which for the
    thousands of people at a big employer costs more than the query itself.
    """

    def __init__(self, ids: Iterable[int]) -> None:
        super().__init__(output_field=models.IntegerField())
        self.ids: list[str | int] = [int(pk) for pk in ids]

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, list[str | int]]:
        return "(" + ", ".join(["%s"] * len(self.ids)) + ")", self.ids


def among(field: str, ids: Iterable[int]) -> Q:
    """`field` is one of `ids` (integers): the `__in` filter, cheap for thousands of ids."""
    wanted = _Ids(ids)
    return Q(**{f"{field}__in": wanted if wanted.ids else []})


def owned(model: type[M], owner: User, field: str = "owner_id") -> QuerySet[M]:
    """The owner's rows of `model`, unordered, with the owner test kept away from indexes.

    Every query of the search also names a few people or a company, and their index is far
    more selective. Without table statistics SQLite would use the owner's index instead,
    which for a one-user database scans all of the user's rows; `owner_id + 0` is the same
    test but no index can serve it. PostgreSQL plans from its statistics either way.
    """
    rows: QuerySet[M] = (
        model._default_manager.alias(owner_key=F(field) + 0).filter(owner_key=owner.pk).order_by()
    )
    return rows


def own_positions(*, owner: User) -> list[Job]:
    """The user's own jobs (from the LinkedIn import), for former-colleague paths."""
    rows = Position.objects.filter(owner=owner).values_list(
        "company_id", "company__name", "title", "started_on", "finished_on"
    )
    return [
        Job(USER, company, name, title, started, finished, finished is None)
        for company, name, title, started, finished in rows
    ]


class NetworkGraph:
    """The part of one owner's network that a search touches, read on demand and cached."""

    def __init__(self, *, owner: User, today: date) -> None:
        self.owner = owner
        self.today = today
        self._people: dict[int, Person] = {}
        self._facts: dict[int, Facts] = {}
        self._ties: dict[int, Tie] = {}
        self._introduced: set[Introduced] = set()
        self._introductions_read: set[int] = set()
        self._positions: list[Job] | None = None
        self._jobs_by_person: dict[int, list[Job]] = {}
        self._jobs_read: set[int] = set()

    def jobs_at(self, company: Company) -> list[Job]:
        """Everyone's jobs at the company; the facts of their people get cached."""
        rows = (
            owned(Employment, self.owner)
            .filter(company=company)
            .values_list(*JOB_FIELDS, *(f"person__{field}" for field in PERSON_FIELDS))
            .order_by("-is_current", "person_id", "-started_on", "pk")
        )
        jobs = []
        for row in rows:
            job = Job(*row[: len(JOB_FIELDS)])
            self._facts[job.person_id] = _facts(row[len(JOB_FIELDS) :])
            jobs.append(job)
        return jobs

    def facts(self, ids: Iterable[int]) -> dict[int, Facts]:
        """The cache of people's facts read so far, with `ids` added to it."""
        missing = {pk for pk in ids if pk not in self._facts}
        if missing:
            rows = (
                owned(Person, self.owner).filter(among("pk", missing)).values_list(*PERSON_FIELDS)
            )
            self._facts.update((row[0], _facts(row)) for row in rows)
        return self._facts

    def people(self, ids: Iterable[int]) -> dict[int, Person]:
        """Person rows of `ids` (and any read before), built from their cached facts: as
        `.only(*PERSON_FIELDS)` would load them, without reading them again."""
        wanted = set(ids)
        facts = self.facts(wanted)
        for pk in (pk for pk in wanted if pk not in self._people):
            if pk in facts:
                values = [getattr(facts[pk], field) for field in PERSON_FIELDS]
                self._people[pk] = Person.from_db(Person.objects.db, PERSON_FIELDS, values)
        return self._people

    def links_touching(self, ids: set[int]) -> list[Link]:
        """Every reason why someone knows one of `ids`: introductions, "introduced by",
        recorded acquaintances and overlapping jobs."""
        if not ids:
            return []
        return [*self.recorded_links(ids), *self.colleague_links(ids)]

    def recorded_links(self, ids: set[int]) -> list[Link]:
        """The links the user recorded (introductions and acquaintances), not inferred ones."""
        links = [
            Link(introducer, introduced, kind, introducer=introducer)
            for introducer, introduced, kind in self._introductions(ids)
        ]
        return links + self._acquaintance_links(ids)

    def ties(self, ids: Iterable[int]) -> dict[int, Tie]:
        """The cache of the user's own ties (how often and how recently they talked, whether
        the person helped, whether they were colleagues), with `ids` added to it."""
        missing = {pk for pk in ids if pk not in self._ties}
        if missing:
            self._ties.update(self._read_ties(missing))
        return self._ties

    def _introductions(self, ids: set[int]) -> set[Introduced]:
        """Who introduced whom, for every introduction touching `ids` (each read once)."""
        missing = ids - self._introductions_read
        if missing:
            recorded = (
                owned(Introduction, self.owner)
                .filter(among("introducer_id", missing) | among("introduced_id", missing))
                .values_list("introducer_id", "introduced_id", Value(LinkKind.INTRODUCTION.value))
            )
            named = (
                owned(Person, self.owner)
                .filter(among("introduced_by_id", missing))
                .values_list("introduced_by_id", "pk", Value(LinkKind.INTRODUCED_BY.value))
            )
            self._introduced.update(
                (a, b, LinkKind(kind)) for a, b, kind in recorded.union(named, all=True)
            )
            facts = self.facts(missing)
            self._introduced.update(
                (f.introduced_by_id, pk, LinkKind.INTRODUCED_BY)
                for pk in missing
                if (f := facts.get(pk)) is not None and f.introduced_by_id is not None
            )
            self._introductions_read |= missing
        return {row for row in self._introduced if row[0] in ids or row[1] in ids}

    def _acquaintance_links(self, ids: set[int]) -> list[Link]:
        rows = (
            owned(Acquaintance, self.owner)
            .filter(among("person_a_id", ids) | among("person_b_id", ids))
            .values_list("person_a_id", "person_b_id", "note")
        )
        return [Link(a, b, LinkKind.ACQUAINTANCE, note=note) for a, b, note in rows]

    def colleague_links(self, ids: set[int]) -> list[Link]:
        """Colleague ties of `ids` with people the user is in touch with. Between two people
        the user hardly knows, a shared employer says too little to ask for an introduction,
        and at a big employer it would link everyone to everyone."""
        theirs = self.jobs_of(ids)
        companies = {job.company_id for job in theirs}
        if not companies:
            return []
        others = self._jobs(
            self._at_small_employers(companies) & ~among("person_id", ids) & self._in_touch()
        )
        return overlapping_colleagues(theirs, others, self.today, per_person=COLLEAGUES_PER_PERSON)

    def _at_small_employers(self, companies: set[int]) -> Q:
        """Jobs at those of `companies` where at most BIG_EMPLOYER of the user's people
        worked: at a bigger one, having been there at the same time says little about
        knowing each other."""
        small = (
            owned(Company, self.owner)
            .filter(pk__in=companies)
            .annotate(jobs=Count("employments"))
            .filter(jobs__lte=BIG_EMPLOYER)
            .values("pk")
        )
        return Q(company_id__in=small)

    def _in_touch(self) -> Q:
        """Jobs of people the user talked to at least once, or marked close or active."""
        talked = Conversation.participants.through.objects.filter(person_id=OuterRef("person_id"))
        closer = [Relationship.CLOSE, Relationship.ACTIVE]
        return Q(person__relationship__in=closer) | Q(Exists(talked))

    def jobs_of(self, ids: set[int]) -> list[Job]:
        """All the jobs of `ids`, past and present (each person's read once)."""
        missing = ids - self._jobs_read
        if missing:
            for job in self._jobs(among("person_id", missing)):
                self._jobs_by_person.setdefault(job.person_id, []).append(job)
            self._jobs_read |= missing
        return [job for pk in ids for job in self._jobs_by_person.get(pk, ())]

    def _jobs_at_companies(self, ids: set[int], companies: set[int]) -> list[Job]:
        """The jobs of `ids` at `companies`. Read by person: the user's own employers are
        often big ones, whose index would be the slower way in (see `owned`)."""
        known = self._jobs_read & ids
        jobs = [
            j for pk in known for j in self._jobs_by_person.get(pk, ()) if j.company_id in companies
        ]
        if ids - known:
            rows = (
                owned(Employment, self.owner)
                .filter(among("person_id", ids - known))
                .alias(company_key=F("company_id") + 0)
                .filter(company_key__in=companies)
                .values_list(*JOB_FIELDS)
            )
            jobs += [Job(*row) for row in rows]
        return jobs

    def _jobs(self, where: Q) -> list[Job]:
        rows = owned(Employment, self.owner).filter(where).values_list(*JOB_FIELDS)
        return [Job(*row) for row in rows]

    def _read_ties(self, ids: set[int]) -> dict[int, Tie]:
        facts = self.facts(ids)
        talks = self._talks(ids)
        introduced = {(a, b) for a, b, _ in self._introductions(ids)}
        made = Counter(introducer for introducer, _ in introduced if introducer in ids)
        was_introduced = {person for _, person in introduced}
        leads, referrals = self._help(ids)
        worked = self._worked_with_user(ids)
        return {
            pk: Tie(
                person_id=pk,
                relationship=facts[pk].relationship,
                conversations=talks.get(pk, (0, None))[0],
                last_talked=talks.get(pk, (0, None))[1],
                introductions_made=made[pk],
                leads_given=leads[pk],
                referrals=referrals[pk],
                was_introduced=pk in was_introduced,
                worked_together=worked.get(pk, ""),
            )
            for pk in ids
            if pk in facts
        }

    def _talks(self, ids: set[int]) -> dict[int, tuple[int, date | None]]:
        rows = (
            owned(Conversation.participants.through, self.owner, "conversation__owner_id")
            .filter(among("person_id", ids))
            .values("person_id")
            .annotate(n=Count("conversation_id"), last=Max("conversation__occurred_on"))
        )
        return {row["person_id"]: (row["n"], row["last"]) for row in rows}

    def _help(self, ids: set[int]) -> tuple[Counter[int], Counter[int]]:
        """(leads each gave the user, referrals each made for the user)."""
        rows = (
            owned(Opportunity, self.owner)
            .filter(among("source_person_id", ids) | among("referrer_id", ids))
            .values_list("source_person_id", "referrer_id")
        )
        leads: Counter[int] = Counter()
        referrals: Counter[int] = Counter()
        for source, referrer in rows:
            if source in ids:
                leads[source] += 1
            if referrer in ids:
                referrals[referrer] += 1
        return leads, referrals

    def _worked_with_user(self, ids: set[int]) -> dict[int, str]:
        """For each person who was the user's colleague: "at Nubank (2018-2020)"."""
        if self._positions is None:
            self._positions = own_positions(owner=self.owner)
        by_company: dict[int, list[Job]] = {}
        for position in self._positions:
            by_company.setdefault(position.company_id, []).append(position)
        if not by_company:
            return {}
        worked: dict[int, str] = {}
        for job in self._jobs_at_companies(ids, set(by_company)):
            for position in by_company[job.company_id]:
                years = overlap(position, job, self.today)
                if years is not None:
                    when = f" ({years})" if years else ""
                    worked[job.person_id] = f"at {job.company_name}{when}"
        return worked
