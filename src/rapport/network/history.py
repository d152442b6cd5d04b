"""What the whole network says of each of the user's ties: how often and how recently they
talked, the help each gave, who was introduced, who worked with the user.

A search into a big employer asks this of hundreds of people; read for them each time, it
cost more than the rest of the search. It is read once per data version instead (see
`NetworkGraph.history`), in a few queries over the owner's rows, and kept in arrays: the
version cache keeps values pickled, and arrays load in microseconds where a dict of
thousands of people would take milliseconds at every search.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection

from rapport.accounts.models import User
from rapport.companies.models import Employment
from rapport.conversations.models import Conversation
from rapport.imports.models import Position
from rapport.network.links import Job, overlap
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person

USER = 0  # person_id of the user's own jobs
NEVER = 0  # `last_talked` of someone the user never talked to


@dataclass(frozen=True)
class TieHistory:
    """Per person with any history, in `people`' order (ascending ids)."""

    people: array[int]
    conversations: array[int]
    last_talked: array[int]
    introductions_made: array[int]
    leads_given: array[int]
    referrals: array[int]
    was_introduced: array[int]
    worked_together: dict[int, str]  # "at Nubank (2018-2020)", for the user's former colleagues


def tie_history(
    *, owner: User, today: date, introductions: Collection[tuple[int, int]]
) -> TieHistory:
    """The owner's whole network's history, in four queries, with `introductions`: who
    introduced whom (an introduction recorded and a name given, each pair once), which the
    network index reads for its links. Counts and days are kept in 32 bits, person ids in 64
    (a heavy user's history is ~0.3 MB in the cache)."""
    talks = _talks(owner)
    leads, referrals = _help(owner)
    made = Counter(introducer for introducer, _ in introductions)
    introduced = {person for _, person in introductions}
    people = sorted({*talks, *leads, *referrals, *made, *introduced})
    return TieHistory(
        people=array("q", people),
        conversations=array("i", (talks.get(pk, (0, NEVER))[0] for pk in people)),
        last_talked=array("i", (talks.get(pk, (0, NEVER))[1] for pk in people)),
        introductions_made=array("i", (made[pk] for pk in people)),
        leads_given=array("i", (leads[pk] for pk in people)),
        referrals=array("i", (referrals[pk] for pk in people)),
        was_introduced=array("b", (int(pk in introduced) for pk in people)),
        worked_together=_worked_with_user(owner, today),
    )


def _talks(owner: User) -> dict[int, tuple[int, int]]:
    """(conversations, the last one's day as an ordinal) of everyone the user talked to."""
    # Per person, through the participants' person index: their table has no owner column,
    # and a join would let PostgreSQL scan it whole, everyone's rows.
    participant = Conversation.participants.through._meta.db_table
    count = f"SELECT COUNT(*) FROM {participant} x WHERE x.person_id = p.id"
    last = (
        f"SELECT MAX(v.occurred_on) FROM {participant} x INNER JOIN"
        f" {Conversation._meta.db_table} v ON x.conversation_id = v.id WHERE x.person_id = p.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, talks, last FROM (SELECT p.id, ({count}) AS talks, ({last}) AS last"
            f" FROM {Person._meta.db_table} p WHERE p.owner_id = %s) AS t WHERE talks > 0",
            [owner.pk],
        )
        rows = cursor.fetchall()
    return {pk: (count, _day(last).toordinal()) for pk, count, last in rows}


def _day(value: date | str) -> date:
    """A date from an aggregate, which SQLite returns as text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _help(owner: User) -> tuple[Counter[int], Counter[int]]:
    """Leads each person gave the user, and referrals each made for them."""
    leads: Counter[int] = Counter()
    referrals: Counter[int] = Counter()
    rows = Opportunity.objects.filter(owner=owner).order_by()
    for source, referrer in rows.values_list("source_person_id", "referrer_id"):
        if source is not None:
            leads[source] += 1
        if referrer is not None:
            referrals[referrer] += 1
    return leads, referrals


def own_positions(*, owner: User) -> list[Job]:
    """The user's own jobs (from the LinkedIn import), for former-colleague paths."""
    rows = Position.objects.filter(owner=owner, company__isnull=False).values_list(
        "company_id", "company__name", "title", "started_on", "finished_on"
    )
    return [
        Job(USER, company, name, title, started, finished, finished is None)
        for company, name, title, started, finished in rows
    ]


def _worked_with_user(owner: User, today: date) -> dict[int, str]:
    """For each person who was the user's colleague: "at Nubank (2018-2020)" (of several
    overlaps, the one of the job recorded last, then of the position listed last)."""
    by_company: dict[int, list[Job]] = {}
    for position in own_positions(owner=owner):
        by_company.setdefault(position.company_id, []).append(position)
    if not by_company:
        return {}
    worked: dict[int, str] = {}
    for job in _jobs_at(owner, by_company):
        for position in by_company[job.company_id]:
            years = overlap(position, job, today)
            if years is not None:
                when = f" ({years})" if years else ""
                worked[job.person_id] = f"at {job.company_name}{when}"
    return worked


def _jobs_at(owner: User, companies: Iterable[int]) -> list[Job]:
    rows = (
        Employment.objects.filter(owner=owner, company_id__in=list(companies))
        .order_by("person_id", "pk")
        .values_list(
            "person_id", "company_id", "company__name", "title", "started_on", "ended_on",
            "is_current",
        )
    )  # fmt: skip
    return [Job(*row) for row in rows]
