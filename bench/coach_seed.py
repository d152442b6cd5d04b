"""Inside Django: a cohort of students with what a coach counts, written in bulk, once."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from bench.server_users import _network
from rapport.accounts.models import User
from rapport.cohorts.grants import grant_give
from rapport.cohorts.services import cohort_get_or_create, member_set
from rapport.companies.models import Company
from rapport.conversations.models import Channel, Conversation
from rapport.core.versions import data_version_held
from rapport.opportunities.models import Opportunity, Stage
from rapport.outreach.models import Attempt
from rapport.people.models import Person
from rapport.playbook.models import FollowUp, FollowUpKind
from rapport.search.services import search_index_batch

COACH = "bench-coach"
OPPORTUNITIES = 30
RECENT_TALKS = 25  # in the last 8 weeks
ATTEMPTS = 40
FOLLOW_UPS = 20


def seed_centre(students: int, others: int, people: int, seed: int) -> User:
    """The coach of `students` students (made once; others in a cohort of their own)."""
    found = User.objects.filter(username=COACH).first()
    if found is not None:
        return found
    cohort, _ = cohort_get_or_create(name="Bench cohort")
    elsewhere, _ = cohort_get_or_create(name="Bench elsewhere")
    coach = User.objects.create_user(username=COACH)
    member_set(user=coach, role="coach", cohorts=[cohort])
    for number in range(students + others):
        rng = random.Random(seed + number)
        student = _student(f"coached-{number}", rng, people)
        member_set(
            user=student, role="student", cohorts=[cohort if number < students else elsewhere]
        )
        if number < students and number % 10:
            grant_give(student=student, coach_id=coach.pk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return coach


def _student(name: str, rng: random.Random, people: int) -> User:
    today = timezone.localdate()
    with transaction.atomic(), search_index_batch():
        owner = User.objects.create_user(username=name)
        with data_version_held(owner.pk):
            _network(owner, rng, people, today)
            progress_rows(owner, rng, today)
    return owner


def progress_rows(owner: User, rng: random.Random, day: date) -> None:
    """What a coach counts, among the owner's companies and people (made before)."""
    companies = list(Company.objects.filter(owner=owner).values_list("pk", flat=True)[:200])
    people = list(Person.objects.filter(owner=owner).values_list("pk", flat=True)[:300])
    stages = [s.value for s in Stage]
    Opportunity.objects.bulk_create(
        Opportunity(
            owner=owner, company_id=rng.choice(companies), title="Role", stage=rng.choice(stages)
        )
        for _ in range(OPPORTUNITIES)
    )
    talks = Conversation.objects.bulk_create(
        Conversation(
            owner=owner, occurred_on=day - timedelta(days=rng.randint(0, 60)), channel=Channel.CALL
        )
        for _ in range(rng.randint(0, RECENT_TALKS))
    )
    through = Conversation.participants.through
    through.objects.bulk_create(
        through(conversation_id=t.pk, person_id=rng.choice(people)) for t in talks
    )
    midnight = timezone.make_aware(datetime.combine(day, time.min))
    Attempt.objects.bulk_create(
        Attempt(
            owner=owner,
            person_id=rng.choice(people),
            sent_at=midnight - timedelta(days=rng.randint(0, 120)),
        )
        for _ in range(ATTEMPTS)
    )
    FollowUp.objects.bulk_create(
        FollowUp(
            owner=owner,
            person_id=rng.choice(people),
            kind=FollowUpKind.THANK_YOU,
            due_on=day + timedelta(days=rng.randint(-30, 30)),
            done_at=midnight if rng.random() < 0.5 else None,
        )
        for _ in range(FOLLOW_UPS)
    )
