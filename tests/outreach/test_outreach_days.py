"""Business days skip weekends, whatever day a message went out."""

from __future__ import annotations

import datetime as dt

import pytest

from rapport.outreach.days import business_days_after, business_days_between

FRIDAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (dt.date(2026, 11, 16), 3, dt.date(2026, 11, 19)),  # Monday → Thursday
        (FRIDAY, 1, dt.date(2026, 11, 23)),  # Friday → Monday
        (FRIDAY, 3, dt.date(2026, 11, 25)),  # Friday → Wednesday
        (FRIDAY, 7, dt.date(2026, 12, 1)),  # Friday → the Tuesday after next
        (dt.date(2026, 11, 21), 3, dt.date(2026, 11, 25)),  # Saturday → Wednesday
        (dt.date(2026, 11, 22), 7, dt.date(2026, 12, 1)),  # Sunday → Tuesday week
        (dt.date(2026, 12, 31), 3, dt.date(2027, 1, 5)),  # across a year's end
    ],
)
def test_business_days_after(start: dt.date, count: int, expected: dt.date) -> None:
    assert business_days_after(start, count) == expected
    assert business_days_between(start, expected) == count
    assert business_days_between(start, expected - dt.timedelta(days=1)) < count


def test_business_days_between_counts_weekdays_only() -> None:
    assert business_days_between(FRIDAY, FRIDAY) == 0
    assert business_days_between(FRIDAY, dt.date(2026, 11, 22)) == 0  # the weekend
    assert business_days_between(FRIDAY, dt.date(2026, 12, 4)) == 10
    assert business_days_between(FRIDAY, dt.date(2026, 11, 1)) == 0
