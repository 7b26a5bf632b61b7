"""``_days/compile.py``: reading a weekmask (the one part of compiling a calendar its callers spell by hand)."""

from __future__ import annotations

import pytest

from slaclock._days.compile import weekmask_of
from slaclock.errors import CalendarDataError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1111100", "1111100"),
        ("Mon Tue Wed Thu Fri", "1111100"),
        ("Sun TueWed  Thu\tFri", "0111101"),  # codes run together, as numpy writes them: both days, not the first
        ("satsun", "0000011"),  # never cut to its first three letters (that read Saturday alone)
        ("Monday, Friday", "1000100"),  # full names and commas
        ("MON tue", "1100000"),  # case aside
    ],
)
def test_weekmask_text(text: str, expected: str) -> None:
    assert weekmask_of(text) == tuple(ch == "1" for ch in expected)


@pytest.mark.parametrize("text", ["", "Mo", "Mond", "Max", "Mon Tue We", "SatSunday", "111110", "11111000"])
def test_weekmask_text_that_names_no_days_is_refused(text: str) -> None:
    with pytest.raises(CalendarDataError, match="weekmask"):
        weekmask_of(text)
