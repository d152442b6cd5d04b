"""Reads for the path search: what is known of the whole network (every tie, the links
the user recorded, everyone's jobs: index.py), read once per data version, and the people
made since. Every query is scoped to one owner.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from django.db import connection, models
from django.db.models import QuerySet
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.core.memory import gc_paused
from rapport.core.versions import kept_live, version_key
from rapport.network.history import TieHistory
from rapport.network.index import NetworkIndex
from rapport.network.links import Job, Link, overlapping_colleagues
from rapport.network.ties import Tie
from rapport.people.models import Person

# One huge former employer must not flood the search: keep each person's best colleagues.
COLLEAGUES_PER_PERSON = 10
BIG_EMPLOYER = 150  # jobs of the user's people at one company, past and present

M = TypeVar("M", bound=models.Model)


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


# The fields of Facts, in its order, from a row of PERSON_FIELDS.
_FACTS_ORDER = itemgetter(*(PERSON_FIELDS.index(field) for field in Facts._fields))


# The values of PERSON_FIELDS, in their order, from Facts.
_PERSON_ORDER = itemgetter(*(Facts._fields.index(field) for field in PERSON_FIELDS))


def _facts(values: tuple[object, ...]) -> Facts:
    return Facts._make(_FACTS_ORDER(values))


def _person_from_db(facts: Facts, db: str) -> Person:
    return Person.from_db(db, PERSON_FIELDS, _PERSON_ORDER(facts))


def _person(facts: Facts, db: str) -> Person:
    """The Person that `_person_from_db` makes, attribute for attribute, in a third of the
    time: `Model.__init__` walks all 20 fields to set the 6 read, and a search makes a
    hundred people. Only while nothing listens to a Person's init signals, which this skips.
    """
    state = ModelState()
    state.fields_cache = {}  # as setting introduced_by_id leaves it
    state.adding, state.db = False, db
    person = Person.__new__(Person)
    person.__dict__.update(zip(_PERSON_ATTRIBUTES, (state, *_PERSON_ORDER(facts)), strict=True))
    return person


_PERSON_ATTRIBUTES = ("_state", *PERSON_FIELDS)  # in the order Model.__init__ sets them


def _nothing_listens() -> bool:
    return not (pre_init.has_listeners(Person) or post_init.has_listeners(Person))


# The table the search reads people from (those made since the index was read). Its
# query is written in SQL: built by the ORM, the queries of one search cost more to put
# together than to run.
_PERSON = Person._meta.db_table
_PERSON_COLUMNS = ", ".join(f"p.{field}" for field in PERSON_FIELDS)


def _select(sql: str, params: Sequence[int | str]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def _in(column: str, ids: Collection[int]) -> tuple[str, list[int]]:
    """`column IN (%s, ...)` and its parameters; a test no row passes when `ids` is empty.

    Every query tests `owner_id = %s` beside a few people's or a company's ids: the tables
    have an index on (that id, owner) which SQLite (without statistics) and PostgreSQL
    alike take for it, so a query reads the owner's matching rows and no one else's.
    An OR of two such tests is written as a UNION of two queries, one index each.
    """
    if not ids:
        return "0 = 1", []
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", [int(pk) for pk in ids]


def owned(model: type[M], owner: User) -> QuerySet[M]:
    """The owner's rows of `model`, unordered. Queries name a few people or a company too,
    whose (id, owner) index both databases take (see `_in`)."""
    rows: QuerySet[M] = model._default_manager.filter(owner=owner).order_by()
    return rows


class NetworkGraph:
    """The part of one owner's network that a search touches, read on demand and cached."""

    def __init__(self, *, owner: User, today: date, kept_as: str = "") -> None:
        """`kept_as`: a version_key of the owner's data, under which what is read of the
        whole network (see history.py) is kept (rapport.core.versions); read here when not
        given."""
        self.owner = owner
        self.today = today
        self.kept_as = kept_as or version_key("network", owner.pk, today)
        self._people: dict[int, Person] = {}
        self._facts: dict[int, Facts] = {}
        self._ties: dict[int, Tie] = {}
        self._index: NetworkIndex | None = None

    def jobs_at(self, company: Company) -> list[Job]:
        """Everyone's jobs at the company (from the index: see NetworkIndex.jobs_at)."""
        return self.index().jobs_at(company.pk)

    def facts(self, ids: Iterable[int]) -> dict[int, Facts]:
        """The cache of people's facts read so far, with `ids` added to it."""
        missing = set(ids).difference(self._facts)
        if missing:
            # From the index, which holds everyone's (a person made since is read below).
            index, known = self.index(), self._facts
            for pk in list(missing):
                if (found := index.facts(pk)) is not None:
                    known[pk] = Facts._make(found)
                    missing.discard(pk)
        if missing:
            # By primary key alone (`+` keeps the owner's index out): through the index on
            # owner_id, SQLite searched two trees a person, and a search reads a hundred.
            people, params = _in("p.id", missing)
            rows = _select(
                f"SELECT {_PERSON_COLUMNS} FROM {_PERSON} p WHERE +p.owner_id = %s AND {people}",
                [self.owner.pk, *params],
            )
            self._facts.update((row[0], _facts(row)) for row in rows)
        return self._facts

    def name(self, pk: int) -> str:
        """The full name of `pk` (from the index; read now if `pk` was made since)."""
        found = self.index().name(pk)
        return found if found is not None else self.facts((pk,))[pk].full_name

    def people(self, ids: Iterable[int]) -> dict[int, Person]:
        """Person rows of `ids` (and any read before), built from their cached facts: as
        `.only(*PERSON_FIELDS)` would load them, without reading them again."""
        wanted = set(ids)
        facts = self.facts(wanted)
        make = _person if _nothing_listens() else _person_from_db
        db = Person.objects.db  # asks the routers: ~1 us, once rather than for each person
        for pk in (pk for pk in wanted if pk not in self._people):
            if pk in facts:
                self._people[pk] = make(facts[pk], db)
        return self._people

    def links_touching(self, ids: set[int]) -> list[Link]:
        """Every reason why someone knows one of `ids`: introductions, "introduced by",
        recorded acquaintances and overlapping jobs."""
        if not ids:
            return []
        return [*self.recorded_links(ids), *self.colleague_links(ids)]

    def recorded_links(self, ids: set[int]) -> list[Link]:
        """The links the user recorded (introductions and acquaintances), not inferred ones."""
        return self.index().recorded_links(ids)

    def ties(self, ids: Iterable[int]) -> dict[int, Tie]:
        """The cache of the user's own ties (how often and how recently they talked, whether
        the person helped, whether they were colleagues), with `ids` added to it."""
        self.index().add_ties(ids, self._ties)
        return self._ties

    def strength(self, tie: Tie) -> float:
        """0..1: how warm the tie is, on `today` (worked out once per person and version)."""
        return (self._index or self.index()).strength(tie)  # called hundreds of times

    def colleague_links(self, ids: set[int]) -> list[Link]:
        """Colleague ties of `ids` with people the user is in touch with. Between two people
        the user hardly knows, a shared employer says too little to ask for an introduction,
        and at a big employer it would link everyone to everyone."""
        theirs = self.jobs_of(ids)
        companies = {job.company_id for job in theirs}
        if not companies:
            return []
        return overlapping_colleagues(
            theirs, self._colleagues(ids, companies), self.today, per_person=COLLEAGUES_PER_PERSON
        )

    def _colleagues(self, ids: set[int], companies: set[int]) -> list[Job]:
        """The jobs, at those of `companies` where at most BIG_EMPLOYER of the user's people
        worked, of people other than `ids` whom the user talked to at least once or marked
        close or active. At a bigger employer, having been there at the same time says
        little about knowing each other."""
        return self.index().colleagues(ids, companies, most=BIG_EMPLOYER)

    def jobs_of(self, ids: set[int]) -> list[Job]:
        """All the jobs of `ids`, past and present."""
        return self.index().jobs_of(ids)

    def history(self) -> TieHistory:
        """The whole network's history (talks, help, introductions, shared employers), read
        once per data version."""
        return self.index().history

    def index(self) -> NetworkIndex:
        """What every search reads of the whole network, read once per data version."""
        if self._index is None:
            self._index = kept_live(
                f"{self.kept_as}:network-index", self._read_index, weight=NetworkIndex.rows
            )
        return self._index

    def _read_index(self) -> NetworkIndex:
        # Tens of thousands of rows kept: collections would walk them all, again and again.
        with gc_paused():
            return NetworkIndex(owner=self.owner, today=self.today)
