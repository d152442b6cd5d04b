"""The words of a path say days as strftime would."""

from __future__ import annotations

from datetime import date

import pytest

from rapport.network.ties import day

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize("month", range(1, 13))
def test_a_day_is_named_by_its_month_as_strftime_names_it(month: int) -> None:
    this_year, before = date(2026, month, 2), date(2024, month, 2)
    assert day(this_year, TODAY) == f"2 {this_year:%b}"
    assert day(before, TODAY) == f"2 {before:%b} 2024"
