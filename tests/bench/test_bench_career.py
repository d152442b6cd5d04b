"""The career-centre generator (bench/career_rows.py) at a tiny scale, on PostgreSQL: its
COPY'd rows are rows the app could have written (keys as the app computes them, every row's
links within one owner) and the app's pages, its triggers and its own inserts work on them."""

from __future__ import annotations

import pytest
from bench.career_rows import Centre, Shape
from django.db import connection
from django.test import Client
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.cohorts.intros import cohort_paths
from rapport.cohorts.models import CoachGrant, CohortShare, IntroAsk, IntroOffer, Member, Role
from rapport.cohorts.selectors import cohort_peer_ids
from rapport.companies.models import Company, Employment
from rapport.conversations.models import Conversation
from rapport.core.text import company_key, fold
from rapport.core.versions import data_version
from rapport.people.models import Person

pytestmark = pytest.mark.django_db

SHAPE = Shape(students=6, people=60, cohorts=2, conversations=40, shares=3, offers=4)


@pytest.fixture
def centre(settings: Settings) -> dict[str, object]:
    if connection.vendor != "postgresql":
        pytest.skip("the generator writes with PostgreSQL's COPY")
    settings.LOCAL_MODE = False
    return Centre(SHAPE).write()


def test_the_centre_has_its_students_cohorts_and_coaches(centre: dict[str, object]) -> None:
    assert Member.objects.filter(role=Role.STUDENT).count() == 6
    assert Member.objects.filter(role=Role.COACH).count() == 2
    assert Person.objects.count() == 6 * 60
    assert Conversation.objects.count() == 6 * 40
    for coach in Member.objects.filter(role=Role.COACH):
        (cohort,) = coach.cohorts.all()
        students = set(cohort.members.filter(role=Role.STUDENT).values_list("user_id", flat=True))
        assert len(students) == 3
        granted = CoachGrant.objects.filter(coach=coach.user).values_list("student_id", flat=True)
        assert set(granted) == students


def test_keys_are_the_apps_and_links_stay_within_one_owner(centre: dict[str, object]) -> None:
    for person in Person.objects.all():
        assert person.name_key == fold(person.full_name)
    for company in Company.objects.all():
        assert company.name_key == company_key(company.name)
    for job in Employment.objects.select_related("person", "company"):
        assert job.person.owner_id == job.company.owner_id == job.owner_id
    for talk in Conversation.objects.prefetch_related("participants", "companies"):
        owners = {p.owner_id for p in talk.participants.all()} | {
            c.owner_id for c in talk.companies.all()
        }
        assert owners == {talk.owner_id}
    for share in CohortShare.objects.select_related("company"):
        assert share.company is not None
        assert share.company.owner_id == share.sharer_id
        assert share.company_key == share.company.name_key
        assert share.cohort.members.filter(user_id=share.sharer_id).exists()
    assert IntroOffer.objects.exists()
    for offer in IntroOffer.objects.select_related("person"):
        assert offer.person.owner_id == offer.owner_id


def test_the_apps_pages_triggers_and_inserts_work_on_the_rows(
    centre: dict[str, object], client: Client
) -> None:
    student = User.objects.get(username="student-0")
    target = Company.objects.filter(owner=student, target_status="target").first()
    assert target is not None
    client.force_login(student)
    for path in ("/playbook/", "/people/", f"/companies/{target.pk}/", "/cohort/"):
        assert client.get(path).status_code == 200, path
    assert client.get(f"/network/companies/{target.pk}/").status_code == 200
    # The triggers are back on after the COPY, and the sequences are past the ids it used.
    before = data_version(student.pk)
    Person.objects.create(owner=student, full_name="Ana New", name_key=fold("Ana New"))
    assert data_version(student.pk) != before


def test_cohort_paths_find_the_offered_contacts_of_peers(centre: dict[str, object]) -> None:
    student = User.objects.get(username="student-0")
    peers = set(cohort_peer_ids(user=student))
    found = [
        path
        for company in Company.objects.filter(owner=student)
        for path in cohort_paths(viewer=student, company=company)
    ]
    assert found
    assert {path.introducer_id for path in found} <= peers
    for ask in IntroAsk.objects.select_related("offer"):
        assert ask.offer is not None
        assert ask.introducer_id == ask.offer.owner_id != ask.requester_id
