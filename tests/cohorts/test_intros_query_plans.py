"""What the cohort-path query reads: the viewer's cohort peers' rows, never another cohort's.

A career centre keeps every student's people, jobs and companies in the same tables. The
cohort paths into a company are found from the peers' ids (their companies with the
company's key, the people who work there now, those offered), so that another cohort
growing tenfold costs the viewer's page nothing. On PostgreSQL each query is explained with
ANALYZE (sequential scans discouraged: the tables here are small enough to read whole) and
no scan may read more rows than the peers have in its table; on SQLite no table is read
whole. Both count the queries, which must not grow either.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from pytest_django.fixtures import Settings
from tests.network.test_query_plans import _analyze, _full_scans, _queries, _rows_read

from rapport.accounts.models import User
from rapport.cohorts.intros import cohort_paths
from rapport.cohorts.models import IntroOffer
from rapport.cohorts.services import cohort_get_or_create, member_set
from rapport.companies.models import Company, Employment
from rapport.core.text import company_key, fold
from rapport.people.models import Person

PEERS = 4
PEOPLE = 30  # each student's, a third of them at Stripe, half of those offered
EMPLOYERS = ["Stripe", "Acme", "Globex"]


def _student(name: str, cohort_name: str, people: int) -> User:
    user = User.objects.create_user(username=name)
    member_set(user=user, role="student", cohorts=[cohort_get_or_create(name=cohort_name)[0]])
    companies = Company.objects.bulk_create(
        Company(owner=user, name=n, name_key=company_key(n)) for n in EMPLOYERS
    )
    made = Person.objects.bulk_create(
        Person(owner=user, full_name=f"{name} contact {i}", name_key=fold(f"{name} contact {i}"))
        for i in range(people)
    )
    Employment.objects.bulk_create(
        Employment(owner=user, person=p, company=companies[i % 3], title="Engineer")
        for i, p in enumerate(made)
    )
    IntroOffer.objects.bulk_create(
        IntroOffer(owner=user, person=p) for i, p in enumerate(made) if i % 6 == 0
    )
    return user


@pytest.fixture
def viewer(settings: Settings, db: None) -> User:
    settings.LOCAL_MODE = False
    me = _student("me", "Spring", PEOPLE)
    for n in range(PEERS):
        _student(f"peer{n}", "Spring", PEOPLE)
    for n in range(PEERS):
        _student(f"autumn{n}", "Autumn", PEOPLE)
    _analyze()
    return me


def _peer_rows() -> dict[str, int]:
    """How many rows of each table the viewer's peers own."""
    peers = list(User.objects.filter(username__startswith="peer").values_list("pk", flat=True))
    return {
        "companies_company": Company.objects.filter(owner__in=peers).count(),
        "companies_employment": Employment.objects.filter(owner__in=peers).count(),
        "people_person": Person.objects.filter(owner__in=peers).count(),
        "cohorts_introoffer": IntroOffer.objects.filter(owner__in=peers).count(),
    }


def _visit(viewer: User) -> Callable[[], None]:
    stripe = Company.objects.get(owner=viewer, name="Stripe")

    def visit() -> None:
        found = cohort_paths(viewer=viewer, company=stripe)
        assert found.total == PEERS * PEOPLE // 6
        assert {p.introducer for p in found} == {f"peer{n}" for n in range(PEERS)}

    return visit


def test_another_cohort_growing_tenfold_costs_the_cohort_paths_nothing(viewer: User) -> None:
    visit = _visit(viewer)
    visit()
    queries = len(_queries(visit))

    for n in range(PEERS, 10 * PEERS):
        _student(f"autumn{n}", "Autumn", PEOPLE)
    _analyze()

    assert len(_queries(visit)) == queries
    if connection.vendor == "postgresql":
        mine = _peer_rows()
        beyond = {}
        for sql in _queries(visit):
            for table, rows in _rows_read(sql).items():
                if table in mine and rows > mine[table]:
                    beyond[table] = (rows, mine[table])
        assert beyond == {}
        # Of the peers' jobs, only those at the company are read.
        jobs_read = max(_rows_read(sql).get("companies_employment", 0) for sql in _queries(visit))
        assert jobs_read <= PEERS * PEOPLE // len(EMPLOYERS)
    else:
        assert {scan for sql in _queries(visit) for scan in _full_scans(sql)} == set()
