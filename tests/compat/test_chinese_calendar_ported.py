"""chinese_calendar's own test suite, its values ported to ``slaclock.compat.chinese_calendar``.

Source: github.com/LKI/chinese-calendar, ``tests/`` at 0f462bb ("Bump version: 1.10.0 → 1.11.0", the
1.11.0 release; the test files are unchanged at e678429, the newest commit): ``test_basics.py``,
``test_helpers.py``, ``test_holiday_amount.py``, ``test_in_lieu_days.py``, ``test_type.py``,
``test_document.py``; and ``test_get_holiday_detail.py`` from d8f9201 (a branch commit, not in 1.11.0:
only its English value is ported, since 1.11.0 has no ``in_english=`` parameter). ``test_generation.py``
(its data generator) and ``test_solar_terms.py`` (solar terms are out of scope) are not ported.

The values are chinese_calendar's; the tests are written anew against this module. Where a value
is corrected, the test asserts the corrected value and says why:

- ``test_type.py`` expects ``NotImplementedError`` for a float: here ``InvalidInputError`` (a
  ``TypeError``), since a wrong type is not a gap in the data.
- ``test_holiday_amount.py`` and ``test_in_lieu_days.py`` read the package's ``holidays``,
  ``workdays`` and ``in_lieu_days`` dicts, which this module does not expose; the same sets are
  read through ``get_holiday_detail`` and ``is_in_lieu`` over each year.
- ``test_in_lieu_days.py``'s adjustment for 2018 (``workdays_amount += 1``) is dropped: chinese_calendar
  labels three days of the 2018 Spring Festival in lieu (02-19, 02-20, 02-21) for its two makeup
  days; slaclock's data labels 02-15 and 02-21 (02-19 and 02-20 are the days off for the statutory days
  that fell on the weekend), so 2018 balances without it. Added: 2005-12-31 is a makeup workday whose
  rest is 2006-01-03 (国办发明电〔2005〕35号, "12月31日（星期六）上班"), which chinese_calendar lacks.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import pytest

from slaclock.compat.chinese_calendar import (
    Holiday,
    HorizonError,
    find_workday,
    get_dates,
    get_holiday_detail,
    get_holidays,
    get_workdays,
    is_holiday,
    is_in_lieu,
    is_workday,
)
from slaclock.errors import InvalidInputError

# -- test_basics.py ------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [dt.date(2017, 5, 30), dt.date(2017, 6, 4), dt.date(2017, 10, 1), dt.date(2018, 5, 1)])
def test_basics_holidays(day: dt.date) -> None:
    assert is_workday(day) is False
    assert is_holiday(day) is True


@pytest.mark.parametrize(
    "day", [dt.date(2017, 5, 27), dt.date(2017, 6, 5), dt.date(2017, 10, 31), dt.date(2018, 5, 10)]
)
def test_basics_workdays(day: dt.date) -> None:
    assert is_holiday(day) is False
    assert is_workday(day) is True


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2018, 2, 10), (True, None)),  # an ordinary Saturday
        (dt.date(2018, 2, 11), (False, Holiday.spring_festival.value)),  # the makeup Sunday
        (dt.date(2018, 2, 12), (False, None)),
        (dt.date(2018, 2, 15), (True, Holiday.spring_festival.value)),
    ],
)
def test_basics_detail(day: dt.date, expected: tuple[bool, str | None]) -> None:
    assert get_holiday_detail(day) == expected


def test_basics_not_implemented() -> None:
    # Before the data: chinese_calendar's NotImplementedError, which HorizonError also is.
    with pytest.raises(NotImplementedError, match="2001-01-01"):
        is_holiday(dt.date(2001, 1, 1))
    with pytest.raises(HorizonError):
        is_holiday(dt.date(2001, 1, 1))


def test_basics_opposite() -> None:
    # test_opposite takes today; every day of 2018 here, so the test cannot pass by the date it runs on.
    for day in get_dates(dt.date(2018, 1, 1), dt.date(2018, 12, 31)):
        assert is_holiday(day) is not is_workday(day)


# -- test_helpers.py -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "length"),
    [
        ((2018, 2, 1), (2018, 1, 1), 0),
        ((2018, 1, 1), (2018, 1, 1), 1),
        ((2018, 1, 1), (2018, 1, 2), 2),
        ((2018, 1, 1), (2018, 2, 1), 32),
        ((2019, 1, 1), (2020, 1, 1), 366),
        ((2020, 1, 1), (2021, 1, 1), 367),
    ],
)
def test_helpers_get_dates(start: tuple[int, int, int], end: tuple[int, int, int], length: int) -> None:
    a, b = dt.date(*start), dt.date(*end)
    dates = get_dates(a, b)
    assert len(dates) == length
    if dates:
        assert dates[0] == a
        assert dates[-1] == b


@pytest.mark.parametrize(
    ("start", "end", "holidays", "holidays_no_weekends", "workdays", "workdays_no_weekends"),
    [
        ((2018, 2, 1), (2018, 1, 1), 0, 0, 0, 0),
        ((2018, 1, 1), (2018, 1, 1), 1, 1, 0, 0),
        ((2018, 1, 1), (2018, 1, 7), 3, 1, 4, 4),
        ((2018, 1, 1), (2018, 2, 1), 9, 1, 23, 23),
        ((2018, 2, 1), (2018, 3, 1), 11, 7, 18, 16),
    ],
)
def test_helpers_get_workdays_holidays(
    start: tuple[int, int, int],
    end: tuple[int, int, int],
    holidays: int,
    holidays_no_weekends: int,
    workdays: int,
    workdays_no_weekends: int,
) -> None:
    a, b = dt.date(*start), dt.date(*end)
    assert len(get_holidays(a, b)) == holidays
    assert len(get_holidays(a, b, include_weekends=False)) == holidays_no_weekends
    assert len(get_workdays(a, b)) == workdays
    assert len(get_workdays(a, b, include_weekends=False)) == workdays_no_weekends


def test_helpers_find_workday() -> None:
    # 2017-12-30 .. 2018-01-01 are the New Year holiday and 2018-01-02 its first workday: from each, the
    # workdays -7..6 are the same (day 0 is 01-02 from all four, and none of them is a workday to step past).
    rows = [
        [find_workday(k, day) for k in range(-7, 7)] for day in get_dates(dt.date(2017, 12, 30), dt.date(2018, 1, 2))
    ]
    assert all(row == rows[0] for row in rows)
    assert rows[0][7] == dt.date(2018, 1, 2)  # day 0 (the values themselves, so equal-but-wrong rows fail)
    assert rows[0][6] == dt.date(2017, 12, 29)
    assert rows[0][8] == dt.date(2018, 1, 3)


# -- test_holiday_amount.py ----------------------------------------------------------------------------


def test_holiday_amount() -> None:
    # Weekdays inside holiday periods, less weekend days worked, are the statutory holidays of the year.
    amounts: Counter[int] = Counter()
    for day in get_dates(dt.date(2007, 1, 1), dt.date(2026, 12, 31)):
        rest, name = get_holiday_detail(day)
        if name is not None and rest and day.weekday() <= 4:
            amounts[day.year] += 1
        if name is not None and not rest and day.weekday() > 4:
            amounts[day.year] -= 1
    amounts[2007] -= 1  # 2007 had 12 (National Day two more, New Year one fewer)
    amounts[2011] += 1  # 2011 works a day for 2012's New Year holiday
    amounts[2012] -= 1  # ... which 2012 rests
    amounts[2015] -= 1  # the 70th anniversary of the victory, one more day
    amounts[2020] -= 2  # Spring Festival extended two days (COVID-19)
    for year in range(2007, 2027):
        assert amounts[year] == (11 if year <= 2024 else 13), year


# -- test_in_lieu_days.py ------------------------------------------------------------------------------

YEARS = range(2004, 2027)


def _in_lieu_days() -> list[dt.date]:
    return [d for d in get_dates(dt.date(2004, 1, 1), dt.date(2026, 12, 31)) if is_in_lieu(d)]


def test_in_lieu_should_be_holiday() -> None:
    days = _in_lieu_days()
    assert len(days) == 151  # as many as chinese_calendar 1.11 lists, 7 of them other days (see the oracle test)
    assert all(is_holiday(d) for d in days)


def test_in_lieu_should_be_weekday() -> None:
    assert all(d.weekday() < 5 for d in _in_lieu_days())


def test_in_lieu_should_equal_workdays_amount() -> None:
    in_lieu = Counter(d.year for d in _in_lieu_days())
    makeup = Counter(
        d.year
        for d in get_dates(dt.date(2004, 1, 1), dt.date(2026, 12, 31))
        if get_holiday_detail(d)[0] is False and get_holiday_detail(d)[1] is not None
    )
    in_lieu[2005] += 1  # corrected: 2005-12-31 is worked for 2006-01-03 (国办发明电〔2005〕35号)
    makeup[2006] += 1
    in_lieu[2006] += 2  # 2006 works two days for 2007's New Year holiday
    makeup[2007] += 2  # ... which 2007 rests
    in_lieu[2011] += 1  # 2011 works a day for 2012's New Year holiday
    makeup[2012] += 1  # ... which 2012 rests
    # (chinese_calendar's 2018 adjustment is dropped: see the module docstring)
    for year in YEARS:
        assert in_lieu[year] == makeup[year], year


# -- test_type.py --------------------------------------------------------------------------------------


def test_type_date_and_datetime() -> None:
    assert is_holiday(dt.date(2018, 4, 30)) is True
    assert is_holiday(dt.datetime(2018, 4, 30, 23, 59)) is True


def test_type_wrong_type() -> None:
    # Corrected: chinese_calendar raises NotImplementedError; a wrong type is not missing data.
    stamp = time.time()
    with pytest.raises(InvalidInputError, match=r"datetime\.date") as caught:
        is_holiday(stamp)  # type: ignore[arg-type]
    assert isinstance(caught.value, TypeError)
    assert not isinstance(caught.value, NotImplementedError)


# -- test_document.py (its README example) and test_get_holiday_detail.py --------------------------------


def test_document_readme() -> None:
    april_last = dt.date(2018, 4, 30)
    assert is_workday(april_last) is False
    assert is_holiday(april_last) is True
    on_holiday, holiday_name = get_holiday_detail(april_last)
    assert on_holiday is True
    assert holiday_name == Holiday.labour_day.value
    assert is_in_lieu(dt.date(2006, 2, 1)) is False
    assert is_in_lieu(dt.date(2006, 2, 2)) is True


def test_get_holiday_detail_english() -> None:
    assert get_holiday_detail(dt.date(2025, 10, 1)) == (True, "National Day")
    assert Holiday("National Day").chinese == "国庆节"
