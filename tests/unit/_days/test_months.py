"""Civil months added to dates: the one-date and column paths against dateutil and against each other."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import slaclock as sc
from slaclock._days.months import shift, shift_days

EPOCH = dt.date(1970, 1, 1)


@given(
    st.lists(st.dates(min_value=dt.date(101, 1, 1), max_value=dt.date(9898, 12, 31)), min_size=1, max_size=40),
    st.integers(-12, 12) | st.sampled_from([-1200, 24, 600]),
)
def test_both_paths_are_relativedelta(days: list[dt.date], months: int) -> None:
    """Inside and outside the column path's tables (1900..2199), one rule: art. 202's clamped day."""
    expected = [d + relativedelta(months=months) for d in days]
    assert [shift(d, months) for d in days] == expected
    column = np.array([(d - EPOCH).days for d in days], dtype=np.int64)
    assert shift_days(column, months).tolist() == [(e - EPOCH).days for e in expected]


def test_a_column_may_give_each_row_its_own_count() -> None:
    days = np.array(["2024-01-31", "2024-01-31", "2023-02-28"], dtype="datetime64[D]").view(np.int64)
    out = shift_days(days, np.array([1, 13, 12], dtype=np.int64)).view("datetime64[D]")
    assert out.tolist() == [dt.date(2024, 2, 29), dt.date(2025, 2, 28), dt.date(2024, 2, 28)]
    assert shift_days(np.zeros(0, dtype=np.int64), 1).size == 0


def test_one_date_past_the_years_is_a_typed_error() -> None:
    with pytest.raises(sc.InvalidInputError, match=r"9999-12-01 shifted by 1 months is outside the years 1..9999"):
        shift(dt.date(9999, 12, 1), 1)


def test_month_arithmetic_matches_relativedelta() -> None:
    rng = random.Random(7)
    days = np.array([rng.randrange(-30_000, 90_000) for _ in range(5_000)], dtype=np.int64)  # 1887..2216
    epoch = dt.date(1970, 1, 1)
    for months in (1, -1, 2, 12, -25, 60, 0):
        expected = [((epoch + dt.timedelta(days=int(d))) + relativedelta(months=months) - epoch).days for d in days]
        assert shift_days(days, months).tolist() == expected, months
