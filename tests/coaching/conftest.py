"""A career centre for the coaching tests: cohort Spring with two students and a coach, and
cohort Autumn with a coach of its own. Server mode."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.cohorts.services import cohort_get_or_create, member_set


@dataclass
class Centre:
    student: User  # "olivia", the `owner` fixture
    peer: User  # "mallory", another student of the same cohort
    coach: User  # coaches Spring
    stranger: User  # coaches Autumn only

    def client(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture
def centre(settings: Settings, owner: User, other: User) -> Centre:
    settings.LOCAL_MODE = False
    spring, _ = cohort_get_or_create(name="Spring 2027")
    autumn, _ = cohort_get_or_create(name="Autumn 2026")
    coach = User.objects.create_user(username="coach_kim", password="correct-horse-3")
    stranger = User.objects.create_user(username="coach_lee", password="correct-horse-4")
    member_set(user=owner, role="student", cohorts=[spring])
    member_set(user=other, role="student", cohorts=[spring])
    member_set(user=coach, role="coach", cohorts=[spring])
    member_set(user=stranger, role="coach", cohorts=[autumn])
    return Centre(owner, other, coach, stranger)
