"""What every search reads of the owner's whole network, once per data version: each tie's
history (history.py), what a search shows of everyone (their names, headline, relationship
and who introduced them), the links the user recorded (who introduced whom, who knows
whom), and everyone's jobs.

A search into a company of a hundred people asked the database for these around its
hundreds of people, and each search asked again for much the same people. They are read
here in a few queries over the owner's rows instead, and kept as they are in this process
(`core.versions.kept_live`): unpickling them at every search would cost more than reading.
Any write to what they are read from bumps the owner's data version (core.versions), so an
index is never used after a change: the next search reads a new one.
A tie is made from them when a search asks for it (not kept: see `add_ties`); its strength is
worked out once for what the tie says and kept with the rest. A heavy user's index (34,000
people with their names, 10,000 introductions, 5,000 acquaintances, 32,000 jobs) is 16.9 MB
when read (5.4 MB of it the jobs, 2.9 MB where each person is; the bench's people have no
headline: ~4 MB more with headlines of ~60 characters), ~2 MB more with every strength kept
(one for each of the 11,000 ties with a history, ~200 bytes each, and a few for all the
others).
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterable
from datetime import date
from itertools import accumulate
from operator import itemgetter
from typing import Any, TypeVar

from django.db import connection

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.conversations.models import Introduction
from rapport.network.history import NEVER, TieHistory, tie_history
from rapport.network.links import Job, Link, LinkKind
from rapport.network.models import Acquaintance
from rapport.network.ties import Tie
from rapport.people.models import Person, Relationship

Introduced = tuple[int, int, LinkKind]  # (introducer, introduced, how it was recorded)
Acquainted = tuple[int, int, str]  # (person a, person b, the note)
# (id, first name, full name, headline, introduced by, relationship): graph.Facts' fields
PersonFacts = tuple[int, str, str, str, int | None, str]
R = TypeVar("R", Introduced, Acquainted)


class NetworkIndex:
    """One owner's network at one data version, on `today`. Only read once made, but for
    the strengths it keeps as searches ask for them (the same for every search)."""

    def __init__(self, *, owner: User, today: date) -> None:
        self.today = today
        rows = sorted(_rows(f"SELECT {_FACTS} FROM {_PERSON} WHERE owner_id = %s", owner))
        # By column, each made in one pass (the read is paid by a search after each change).
        ids, relationships, introducers, names, first_names, headlines = (
            zip(*rows, strict=True) if rows else ((),) * 6
        )
        kinds = sorted(set(relationships))
        # Each person's place in the columns, by id: a search looks up hundreds of people,
        # and a dict finds one in a tenth of a binary search of an array of ids (which
        # makes an int of each id it compares; 2.3 MB more for 34,000 people).
        self._places: dict[int, int] = {pk: at for at, pk in enumerate(ids)}
        self._kinds = tuple(kinds)
        # The tie of someone without a history who never worked with the user, by their
        # relationship: made once, shared by everyone it is the tie of.
        self._plain_ties = tuple(Tie(kind) for kind in kinds)
        self._relationships = bytes(
            map({k: i for i, k in enumerate(kinds)}.__getitem__, relationships)
        )
        self._introducers = array("q", introducers)  # 0: no one (see _FACTS)
        self._names = list(names)
        # First names and headlines, each text kept once (many people share one).
        texts: dict[str, str] = {}
        self._first_names = list(map(texts.setdefault, first_names, first_names))
        self._headlines = list(map(texts.setdefault, headlines, headlines))
        named = [
            (by, pk, LinkKind.INTRODUCED_BY) for pk, by in zip(ids, introducers, strict=True) if by
        ]
        made = {
            (a, b, LinkKind.INTRODUCTION)
            for a, b in _rows(
                f"SELECT introducer_id, introduced_id FROM {_INTRODUCTION} WHERE owner_id = %s",
                owner,
            )
        }
        # Who introduced whom, read once for the links and the history.
        introductions = {(a, b) for a, b, _ in made}.union((by, pk) for by, pk, _ in named)
        self.history: TieHistory = tie_history(
            owner=owner, today=today, introductions=introductions
        )
        # Where each one's history is (-1: none): most people at a big employer have none,
        # and their tie is made without looking for it (136 kB for 34,000 people).
        place = {pk: at for at, pk in enumerate(self.history.people)}
        self._history_at = array("i", [place.get(pk, -1) for pk in ids])
        acquainted = set(_rows(f"SELECT {_PAIR} FROM {_ACQUAINTANCE} WHERE owner_id = %s", owner))
        self._introduced = _by_person([*sorted(made), *named])
        self._acquainted = _by_person(sorted(acquainted))
        self._jobs = _Jobs(owner, self._places, in_touch=self._in_touch(ids, relationships))
        self._rows = len(rows) + len(made) + len(named) + len(acquainted) + len(self._jobs)
        self._strengths: dict[tuple[object, ...], float] = {}

    def _in_touch(self, ids: Iterable[int], relationships: Iterable[str]) -> set[int]:
        """The people the user talked to at least once or marked close or active."""
        history = self.history
        talked = [pk for pk, n in zip(history.people, history.conversations, strict=True) if n]
        marked = [pk for pk, r in zip(ids, relationships, strict=True) if r in _IN_TOUCH]
        return {*talked, *marked}

    def rows(self) -> int:
        """How many rows it holds (what keeping it costs: see core.versions.LIVE_BUDGET)."""
        return self._rows

    def name(self, pk: int) -> str | None:
        """The full name of `pk`; None when `pk` is no person of theirs. A search ranks equal
        paths by the name of the person they reach: read here with everyone's relationship,
        the company's jobs are read without joining their people (a tenth of a big
        employer's search)."""
        at = self._places.get(pk)
        return self._names[at] if at is not None else None

    def facts(self, pk: int) -> PersonFacts | None:
        """What a search shows of `pk`: (id, first name, full name, headline, who introduced
        them, relationship); None when `pk` is no person of theirs. Read here, the people a
        search shows are made without asking the database for them."""
        at = self._places.get(pk)
        if at is None:
            return None
        introducer = self._introducers[at] or None
        relationship = self._kinds[self._relationships[at]]
        name, first, headline = self._names[at], self._first_names[at], self._headlines[at]
        return (pk, first, name, headline, introducer, relationship)

    def add_ties(self, ids: Iterable[int], ties: dict[int, Tie]) -> None:
        """The user's tie with each of `ids` not in `ties` yet (people of theirs), added to
        it: in one loop, with what it reads bound once, each made from its fields in their
        order (`Tie._make`: keyword arguments took twice as long). A search into a big
        employer asks for hundreds.

        Made anew at each search, not kept: a search makes a few hundred, of people few other
        searches ask for (13 % of the bench's), and a named tuple kept is an object that
        every garbage collection walks until it ends in the oldest generation (unlike a plain
        tuple of numbers and text, which the collector stops tracking). Kept, they were 40 %
        of what the collections after each search walked.
        """
        places, kinds, kind = self._places.get, self._kinds, self._relationships
        history, history_at = self.history, self._history_at
        talks, last_talked, made = (
            history.conversations,
            history.last_talked,
            history.introductions_made,
        )
        leads, referrals, introduced = (
            history.leads_given,
            history.referrals,
            history.was_introduced,
        )
        worked, make, day = history.worked_together.get, Tie._make, date.fromordinal
        plain = self._plain_ties
        for pk in ids:
            if pk in ties:
                continue
            at = places(pk)
            if at is None:
                continue
            h = history_at[at]
            if h < 0:
                colleague = worked(pk)
                if colleague is None:
                    ties[pk] = plain[kind[at]]  # what their relationship says, shared
                else:
                    ties[pk] = make((kinds[kind[at]], 0, None, 0, 0, 0, False, colleague))
                continue
            last = last_talked[h]
            ties[pk] = make(
                (
                    kinds[kind[at]],
                    talks[h],
                    day(last) if last != NEVER else None,
                    made[h],
                    leads[h],
                    referrals[h],
                    bool(introduced[h]),
                    worked(pk, ""),
                )
            )

    def jobs_at(self, company_id: int) -> list[Job]:
        """Everyone's jobs at the company: current first, then by person, the latest start
        first (an unknown start last), then as recorded."""
        return self._jobs.at(company_id)

    def jobs_of(self, ids: Iterable[int]) -> list[Job]:
        """All the jobs of `ids`, past and present: by person in the order of `ids`, each
        one's as recorded."""
        return self._jobs.of(ids)

    def colleagues(self, ids: Collection[int], companies: Iterable[int], *, most: int) -> list[Job]:
        """The jobs at those of `companies` where at most `most` of the user's people worked
        of people other than `ids` whom the user talked to at least once or marked close or
        active."""
        return self._jobs.in_touch(ids, companies, most=most)

    def strength(self, tie: Tie) -> float:
        """How warm the tie is (`Tie.strength` on `today`), worked out once for what the tie
        says, not whose it is: most people's tie says only their relationship, so a search
        works out a few strengths for the hundreds of people at a big employer."""
        found = self._strengths.get(tie)  # a Tie is equal to a tuple of its fields
        if found is None:
            # Kept by a plain tuple, which the garbage collector stops tracking.
            found = self._strengths[tuple(tie)] = tie.strength(self.today)
        return found

    def recorded_links(self, ids: Iterable[int]) -> list[Link]:
        """The links the user recorded that touch `ids` (introductions and acquaintances),
        not inferred ones; each once."""
        ids = list(ids)
        introduced = dict.fromkeys(row for pk in ids for row in self._introduced.get(pk, ()))
        acquainted = dict.fromkeys(row for pk in ids for row in self._acquainted.get(pk, ()))
        # From the fields in their order (see links.Link): keyword arguments took twice as long.
        # (a, b, kind, introducer, company_name, years, both_current, note); a introduced b.
        links = [Link._make((a, b, kind, a, "", "", False, "")) for a, b, kind in introduced]
        acquaintance = LinkKind.ACQUAINTANCE
        return links + [
            Link._make((a, b, acquaintance, None, "", "", False, note)) for a, b, note in acquainted
        ]


_PERSON = Person._meta.db_table
_INTRODUCTION = Introduction._meta.db_table
_ACQUAINTANCE = Acquaintance._meta.db_table
# Who introduced each person: 0 for no one (ids start at 1), so that they fit an array.
_FACTS = "id, relationship, COALESCE(introduced_by_id, 0), full_name, first_name, headline"
_PAIR = "person_a_id, person_b_id, note"


_IN_TOUCH = (Relationship.CLOSE.value, Relationship.ACTIVE.value)
_COMPANY = Company._meta.db_table
_EMPLOYMENT = Employment._meta.db_table
_COMPANIES_SQL = f"SELECT id, name FROM {_COMPANY} WHERE owner_id = %s"
# Jobs (links.Job's fields but the company's name) as recorded, which is how SQLite reads
# them through the owner's index: sorted by person here, in a fraction of SQLite's time.
_JOBS_SQL = (
    "SELECT person_id, company_id, title, started_on, ended_on, is_current"
    f" FROM {_EMPLOYMENT} WHERE owner_id = %s ORDER BY id"
)
JobRow = tuple[int, int, str, str, date | None, date | None, bool]  # links.Job's fields


class _Jobs:
    """Every job of the owner's people, as plain tuples of links.Job's fields (which the
    garbage collector stops tracking, unlike named tuples), by person and by company: a
    search reads the jobs at its company and those of the people who matter there, and
    the jobs of their colleagues the user is in touch with. Read with the rest of the
    index, they cost a search no query (three were a fifth of a big employer's search).
    """

    def __init__(self, owner: User, places: dict[int, int], *, in_touch: set[int]) -> None:
        # The companies read apart (joined, a scan read every user's companies), each as its
        # id and name: the id is then one int for all its jobs (1 MB less).
        companies = {c: (c, name) for c, name in _rows(_COMPANIES_SQL, owner)}
        titles: dict[str, str] = {}  # each title kept once
        title = titles.setdefault
        self._rows: list[JobRow] = [
            (pk, *companies[company], title(t, t), started, ended, bool(current))
            for pk, company, t, started, ended, current in _rows(_JOBS_SQL, owner)
            if company in companies and pk in places  # (a person made since: in the next index)
        ]
        self._rows.sort(key=itemgetter(0))  # by person, each one's as recorded (a stable sort)
        # Each person's jobs are rows[starts[at]:starts[at + 1]], `at` their place.
        counts = [0] * (len(places) + 1)
        for row in self._rows:
            counts[places[row[0]] + 1] += 1
        self._places, self._starts = places, array("i", accumulate(counts))
        at: dict[int, list[JobRow]] = {}
        for row in self._rows:
            at.setdefault(row[1], []).append(row)
        self._at = {company: tuple(sorted(jobs, key=_at_order)) for company, jobs in at.items()}
        self._in_touch_at = {
            company: tuple(row for row in jobs if row[0] in in_touch)
            for company, jobs in self._at.items()
        }

    def __len__(self) -> int:
        return len(self._rows)

    def at(self, company_id: int) -> list[Job]:
        return list(map(Job._make, self._at.get(company_id, ())))

    def of(self, ids: Iterable[int]) -> list[Job]:
        places, starts, rows, make = self._places, self._starts, self._rows, Job._make
        found: list[Job] = []
        for pk in ids:
            if (at := places.get(pk)) is not None:
                found += map(make, rows[starts[at] : starts[at + 1]])
        return found

    def in_touch(self, ids: Collection[int], companies: Iterable[int], *, most: int) -> list[Job]:
        small = [c for c in companies if len(self._at.get(c, ())) <= most]
        make, at = Job._make, self._in_touch_at
        return [make(row) for c in small for row in at.get(c, ()) if row[0] not in ids]


def _at_order(row: JobRow) -> tuple[bool, int, int]:
    """Current first, then by person, then the latest start first and an unknown one last
    (as SQLite orders `started_on DESC`); rows of equal rank stay as recorded."""
    started = row[4]
    return (not row[6], row[0], -started.toordinal() if started is not None else 1)


def _rows(sql: str, owner: User) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, [owner.pk])
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def _by_person(rows: Iterable[R]) -> dict[int, tuple[R, ...]]:
    """The rows by each of the two people they name."""
    found: dict[int, list[R]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(row)
        if row[1] != row[0]:
            found.setdefault(row[1], []).append(row)
    return {pk: tuple(touching) for pk, touching in found.items()}
