"""Inside Django: career-centre users with networks of realistic size, written in bulk.

Each user's rows go in with bulk INSERTs inside one `data_version_held` block (one data
version bump per user, not one per row), then bench/seed.py's hand-entered part is added.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench import names
from bench.seed import Seeder
from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.conversations.models import Channel, Conversation
from rapport.core.models import Source
from rapport.core.text import company_key, fold
from rapport.core.versions import data_version_held
from rapport.people.models import Person
from rapport.search.services import search_index_batch

HEAVY_PEOPLE = 30_000  # the heavy user of `make bench`; the hand-entered part scales from it
CONVERSATIONS_PER_PERSON = 0.6  # ~1,800 LinkedIn conversations for 3,000 connections
PEOPLE_PER_COMPANY = 4
BATCH = 2_000


def company_names(count: int) -> list[str]:
    """The same names for every user (students of one centre aim at the same employers)."""
    known = [name for name, _, _ in names.KNOWN_COMPANIES]
    made = [f"{a} {b}" for b in names.COMPANY_SECOND for a in names.COMPANY_FIRST]
    return (known + made)[:count]


def _network(owner: User, rng: random.Random, people: int, today: date) -> None:
    places = Company.objects.bulk_create(
        (
            Company(owner=owner, name=name, name_key=company_key(name), source=Source.IMPORT)
            for name in company_names(max(10, people // PEOPLE_PER_COMPANY))
        ),
        batch_size=BATCH,
    )
    made = Person.objects.bulk_create(
        (_person(owner, rng) for _ in range(people)), batch_size=BATCH
    )
    # A few employers of many of the user's people, as in life: the biggest has about 2 %
    # of them now (60 of 3,000) and as many before; most have one or two.
    weights = [1 / (rank + 10) for rank in range(len(places))]
    jobs = []
    for person in made:
        now, before = rng.choices(places, weights=weights, k=2)
        start = today - timedelta(days=rng.randint(30, 2_500))
        if rng.random() < 0.9:
            jobs.append(_job(owner, person, now, rng, start, None))
        if rng.random() < 0.6 and before.pk != now.pk:
            jobs.append(_job(owner, person, before, rng, start - timedelta(days=900), start))
    Employment.objects.bulk_create(jobs, batch_size=BATCH)
    _linkedin_talks(owner, made, rng, today)


def _person(owner: User, rng: random.Random) -> Person:
    first = rng.choice(names.FIRST_NAMES)[0]
    last = rng.choice(names.LAST_NAMES)
    full = f"{first} {last}"
    return Person(
        owner=owner,
        first_name=first,
        last_name=last,
        full_name=full,
        name_key=fold(full),
        source=Source.IMPORT,
    )


def _job(
    owner: User, person: Person, company: Company, rng: random.Random, start: date, end: date | None
) -> Employment:
    return Employment(
        owner=owner,
        person=person,
        company=company,
        title=rng.choice(names.TITLES),
        started_on=start,
        ended_on=end,
        is_current=end is None,
        source=Source.IMPORT,
    )


def _linkedin_talks(owner: User, people: list[Person], rng: random.Random, today: date) -> None:
    count = int(len(people) * CONVERSATIONS_PER_PERSON)
    talks = Conversation.objects.bulk_create(
        (
            Conversation(
                owner=owner,
                occurred_on=today - timedelta(days=rng.randint(30, 2_000)),
                channel=Channel.LINKEDIN,
            )
            for _ in range(count)
        ),
        batch_size=BATCH,
    )
    through = Conversation.participants.through
    with_whom = rng.sample(people, count)
    through.objects.bulk_create(
        (
            through(conversation_id=t.pk, person_id=p.pk)
            for t, p in zip(talks, with_whom, strict=True)
        ),
        batch_size=BATCH,
    )


def _hand_entered(owner: User, rng: random.Random, people: int, today: date) -> None:
    seeder = Seeder(owner, rng, people / HEAVY_PEOPLE, today)
    seeder.targets_mark()
    seeder.relationships()
    talks = seeder.conversations()
    seeder.outcomes(talks)
    seeder.introductions(talks)
    seeder.acquaintances()
    seeder.leads()


def _analyze() -> None:
    """Fresh statistics after each user, as autovacuum would keep them on a real server:
    planned on an empty table's, the search index's refresh of the next user reads every
    user's rows for each of its own (a minute per user, growing with each)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def seed_users(*, first: int, count: int, people: int, seed: int) -> dict[str, Any]:
    today = timezone.localdate()
    users: list[dict[str, Any]] = []
    for number in range(first, first + count):
        start = time.perf_counter()
        rng = random.Random(seed + number)
        with transaction.atomic(), search_index_batch():
            owner = User.objects.create_user(username=f"student-{number}")
            with data_version_held(owner.pk):
                _network(owner, rng, people, today)
                _hand_entered(owner, rng, people, today)
        _analyze()
        seconds = time.perf_counter() - start
        users.append({"id": owner.pk, "seconds": seconds, "cookie": browser_cookie(owner)})
    return {"users": users, "people": people, "hand_entered_scale": people / HEAVY_PEOPLE}


def browser_cookie(owner: User) -> str:
    """The Cookie header of a browser logged in as `owner`: its session and, as a browser
    keeps it from the first page it was sent, its CSRF cookie (pages cached per CSRF secret,
    core/pages.py, would otherwise be rendered anew for every request)."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(owner)
    client.get(reverse("playbook:settings"))  # a page with a form sets the CSRF cookie
    cookies = ("sessionid", settings.CSRF_COOKIE_NAME)
    return "; ".join(f"{name}={client.cookies[name].value}" for name in cookies)


def probe(number: int) -> dict[str, Any]:
    """What the benchmark asks of student-`number`: a session cookie, their target company
    with the most people they know there (its page and warm paths), a surname to search."""
    owner = User.objects.get(username=f"student-{number}")
    company = (
        Company.objects.filter(owner=owner, target_status="target")
        .annotate(staff=Count("employments"))
        .order_by("-staff", "pk")
        .first()
    )
    assert company is not None, "no target company"
    surname = Person.objects.filter(owner=owner).order_by("pk").values_list("last_name")[0][0]
    return {
        "cookie": browser_cookie(owner),
        "company": company.pk,
        "company_people": company.staff,
        "query": surname,
        "users": User.objects.count(),
        "people_rows": Person.objects.count(),
    }
