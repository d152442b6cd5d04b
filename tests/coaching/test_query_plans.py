"""What the coach's view reads, on the database in use: only the coached students' rows.

The same method as tests/network/test_query_plans.py: on PostgreSQL every query of
`progress_for` is explained with ANALYZE (sequential scans discouraged, the tables being
small) and no scan may read more rows of a table than the student has there, after another
student's data grew tenfold; on SQLite no table is read whole. The number of queries stays
the same.
"""

from __future__ import annotations

import random

from bench.coach_seed import progress_rows
from django.db import connection
from django.utils import timezone
from tests.network.bulk_network import grow
from tests.network.test_query_plans import _analyze, _beyond_owners_rows, _full_scans, _queries

from rapport.accounts.models import User
from rapport.coaching.selectors import progress_for

PEOPLE = 200


def _world(user: User, people: int, seed: int) -> None:
    grow(user, people=people, seed=seed)
    progress_rows(user, random.Random(seed), timezone.localdate())


def test_another_students_data_growing_tenfold_costs_the_coach_view_nothing(
    owner: User, other: User
) -> None:
    _world(owner, PEOPLE, 1)
    _world(other, PEOPLE, 2)
    _analyze()

    def visit() -> None:
        found = progress_for(student_ids=[owner.pk], today=timezone.localdate())
        assert found[owner.pk].stages

    visit()
    queries = len(_queries(visit))
    _world(other, 9 * PEOPLE, 3)
    _analyze()

    assert len(_queries(visit)) == queries
    if connection.vendor == "postgresql":
        assert _beyond_owners_rows(visit, owner) == {}
    else:
        assert {scan for sql in _queries(visit) for scan in _full_scans(sql)} == set()
