"""Business days: Monday to Friday (public holidays are not known to Rapport)."""

from __future__ import annotations

from datetime import date, timedelta

SATURDAY = 5


def is_business_day(day: date) -> bool:
    return day.weekday() < SATURDAY


def business_days_after(start: date, count: int) -> date:
    """The `count`th business day after `start`: a message sent on a Friday has had three
    business days on the Wednesday after (Monday, Tuesday, Wednesday)."""
    day = start
    left = count
    while left > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            left -= 1
    return day


def business_days_between(start: date, end: date) -> int:
    """How many business days after `start`, up to and including `end`, have passed."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if is_business_day(start + timedelta(days=weeks * 7 + offset)):
            count += 1
    return count
