"""Nudges cost a fixed number of queries, however large the network grows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from playbook_world import World, days_ago
from pytest_django import DjangoAssertNumQueries

from rapport.conversations.models import Introduction, IntroductionState, OutcomeKind
from rapport.conversations.services import OutcomeInput
from rapport.imports.models import ChangeEvent
from rapport.people.models import Relationship
from rapport.playbook.models import FollowUpKind
from rapport.playbook.selectors import nudges_for_today
from rapport.playbook.services import followup_create

# Four of them read captured mail and meetings (last mail, mail sent since a talk or an
# introduction, meetings soon); one reads the outreach messages waiting for a reply.
MAX_QUERIES_FOR_NUDGES = 25
MAX_QUERIES_FOR_TODAY = 35


def _grow(world: World, size: int) -> None:
    """`size` of everything every rule reads: leads, targets, talks, introductions, ..."""
    for i in range(size):
        company = world.company(f"Company {i}", target=i % 2 == 0)
        person = world.person(f"Person {i}", works_at=company, relationship=Relationship.CLOSE)
        stranger = world.person(f"Stranger {i}")
        world.company(f"Dream {i}", target=True)
        world.lead(f"Role {i}", world.company(f"Lead Co {i}"), saved_on=days_ago(5))
        world.lead(f"Job {i}", company, saved_on=days_ago(5))
        world.talk(days_ago(60), person)
        world.talk(
            days_ago(i % 5),
            stranger,
            outcomes=[OutcomeInput(kind=OutcomeKind.NAME, person=f"Named {i}")],
        )
        followup_create(
            owner=world.owner, kind=FollowUpKind.FOLLOW_UP, due_on=days_ago(1), person=person
        )
        ChangeEvent.objects.create(owner=world.owner, person=person, occurred_on=days_ago(3))
    Introduction.objects.filter(owner=world.owner).update(state=IntroductionState.MET)


def _count(world: World, today: dt.date) -> int:
    with CaptureQueriesContext(connection) as queries:
        nudges_for_today(owner=world.owner, today=today)
    return len(queries)


def test_the_rules_read_a_fixed_number_of_queries_at_any_size(
    world: World, today: dt.date, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    _grow(world, 2)
    nudges_for_today(owner=world.owner, today=today)  # creates the settings row once
    small = _count(world, today)
    _grow(world, 20)

    with django_assert_max_num_queries(MAX_QUERIES_FOR_NUDGES):
        nudges = nudges_for_today(owner=world.owner, today=today)

    assert _count(world, today) == small
    assert {str(n.kind) for n in nudges} >= {
        "connect-before-apply",
        "ask-referral-protocol",
        "thank-you",
        "report-back",
        "keep-in-touch",
        "target-no-contact",
        "job-change",
        "weekly-goals",
    }


@pytest.mark.parametrize("size", [2, 20])
def test_the_today_page_reads_a_fixed_number_of_queries(
    size: int,
    client_owner: Client,
    world: World,
    today: dt.date,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    _grow(world, size)
    client_owner.get(reverse("playbook:today"))  # the session is read once per client

    with django_assert_max_num_queries(MAX_QUERIES_FOR_TODAY):
        response = client_owner.get(reverse("playbook:today"))

    assert response.status_code == 200
