"""``slaclock.compat.chinese_calendar`` against the installed ``chinese_calendar`` (1.11.0), every day 2004-2026.

Each function is called once per day (8,401 days) on both and the answers compared; the days where
they differ are listed below with the reason, and the test fails if any other day differs or a listed
day no longer does. The oracle's functions are read from the installed package, the test's only use of it.
"""

from __future__ import annotations

import datetime as dt
import inspect
import warnings
from collections.abc import Callable
from typing import Any

import chinese_calendar
import numpy as np
import pytest

import slaclock as sc
from slaclock.compat import chinese_calendar as compat
from slaclock.errors import CalendarHorizonError, InvalidInputError, ProvisionalWarning

FIRST = dt.date(2004, 1, 1)
LAST = dt.date(2026, 12, 31)
DAYS = [FIRST + dt.timedelta(days=k) for k in range((LAST - FIRST).days + 1)]
D = dt.date

# 国办发明电〔2005〕35号 (the 2006 arrangement): "12月31日（星期六）上班". chinese_calendar has it as a weekend
# (docs/calendar-data.md, and the notice itself). Here it is the makeup workday of New Year's Day.
WRONG_2005 = D(2005, 12, 31)

# Weekend days next to a holiday that chinese_calendar leaves unnamed: the notice gives the holiday alone
# ("6月2日放假，与周末连休", "5月1日放假1天") and chinese_calendar lists the days the notice lists; slaclock's
# data has no notice wording, so the whole run of rest days around a holiday is that holiday's period
# (as chinese_calendar itself names most such weekends: 2026-04-04, 2025-10-04, ...).
UNNAMED_WEEKENDS = {
    D(2011, 6, 5): "Dragon Boat Festival",
    D(2014, 5, 31): "Dragon Boat Festival",
    D(2014, 6, 1): "Dragon Boat Festival",
    D(2014, 9, 6): "Mid-autumn Festival",
    D(2014, 9, 7): "Mid-autumn Festival",
    D(2015, 4, 4): "Tomb-sweeping Day",
    D(2015, 5, 2): "Labour Day",
    D(2015, 5, 3): "Labour Day",
    D(2015, 6, 21): "Dragon Boat Festival",
    D(2015, 9, 5): "Anti-Fascist 70th Day",
    D(2015, 9, 26): "Mid-autumn Festival",
    D(2016, 1, 2): "New Year's Day",
    D(2016, 1, 3): "New Year's Day",
    D(2016, 4, 2): "Tomb-sweeping Day",
    D(2016, 4, 3): "Tomb-sweeping Day",
    D(2016, 4, 30): "Labour Day",
    D(2016, 12, 31): "New Year's Day",
    D(2017, 4, 29): "Labour Day",
    D(2017, 4, 30): "Labour Day",
    D(2017, 12, 30): "New Year's Day",
    D(2017, 12, 31): "New Year's Day",
    D(2018, 6, 16): "Dragon Boat Festival",
    D(2018, 6, 17): "Dragon Boat Festival",
    D(2018, 9, 22): "Mid-autumn Festival",
    D(2018, 9, 23): "Mid-autumn Festival",
    D(2024, 6, 8): "Dragon Boat Festival",
    D(2024, 6, 9): "Dragon Boat Festival",
}
DETAIL_DIFFERENCES = {
    WRONG_2005: ((True, None), (False, "New Year's Day")),
    # 2012's Dragon Boat Festival fell on Saturday 06-23; chinese_calendar names the Friday and Sunday off, not it.
    D(2012, 6, 23): ((True, None), (True, "Dragon Boat Festival")),
    # 10-03 was both Mid-Autumn and National Day; a day of two holidays takes the longer one's name.
    D(2009, 10, 3): ((True, "Mid-autumn Festival"), (True, "National Day")),
    **{d: ((True, None), (True, name)) for d, name in UNNAMED_WEEKENDS.items()},
}
# Which days of a Spring Festival are in lieu of the makeup days and which make up for a statutory day on a
# weekend (补假): the notices do not say; chinese_calendar and holidays label them differently (the same days
# off either way). Plus 2006-01-03, the rest 2005-12-31 was worked for.
IN_LIEU_ONLY_HERE = {D(2006, 1, 3), D(2015, 2, 18), D(2017, 1, 27), D(2018, 2, 15), D(2020, 1, 24), D(2021, 2, 11),
                     D(2022, 1, 31)}  # fmt: skip
IN_LIEU_ONLY_THERE = {D(2015, 2, 23), D(2017, 2, 1), D(2018, 2, 19), D(2018, 2, 20), D(2020, 1, 29), D(2021, 2, 16),
                      D(2022, 2, 3)}  # fmt: skip


def _differences(fn: Callable[[dt.date], Any], oracle: Callable[[dt.date], Any]) -> dict[dt.date, tuple[Any, Any]]:
    return {d: (oracle(d), got) for d in DAYS if (got := fn(d)) != oracle(d)}


def test_is_workday_and_is_holiday() -> None:
    assert _differences(compat.is_workday, chinese_calendar.is_workday) == {WRONG_2005: (False, True)}
    assert _differences(compat.is_holiday, chinese_calendar.is_holiday) == {WRONG_2005: (True, False)}


def test_is_in_lieu() -> None:
    got = _differences(compat.is_in_lieu, chinese_calendar.is_in_lieu)
    assert got == dict.fromkeys(IN_LIEU_ONLY_HERE, (False, True)) | dict.fromkeys(IN_LIEU_ONLY_THERE, (True, False))


def test_get_holiday_detail() -> None:
    assert _differences(compat.get_holiday_detail, chinese_calendar.get_holiday_detail) == DETAIL_DIFFERENCES
    names = {compat.get_holiday_detail(d)[1] for d in DAYS}
    assert names == {None, *(h.value for h in compat.Holiday)}  # every name is the enum's, every member used


@pytest.mark.parametrize("include_weekends", [True, False])
def test_get_holidays_and_get_workdays_per_year(include_weekends: bool) -> None:
    # Every year as one span, and every month: the lists differ exactly on the days listed above.
    rest_diff = {WRONG_2005} if include_weekends else {d for d, (a, b) in DETAIL_DIFFERENCES.items() if a[1] != b[1]}
    work_diff = {WRONG_2005}
    spans = [(D(y, 1, 1), D(y, 12, 31)) for y in range(2004, 2027)]
    spans += [
        (D(y, m, 1), D(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1))
        for y in range(2004, 2027)
        for m in range(1, 13)
    ]
    for a, b in spans:
        for ours, theirs, allowed in (
            (compat.get_holidays, chinese_calendar.get_holidays, rest_diff),
            (compat.get_workdays, chinese_calendar.get_workdays, work_diff),
        ):
            got, want = set(ours(a, b, include_weekends)), set(theirs(a, b, include_weekends))
            assert got ^ want <= allowed, (ours.__name__, a, b, sorted(got ^ want))
    assert compat.get_holidays(D(2026, 2, 1), D(2026, 1, 1)) == []  # an empty span, as there


def _find_workday_reference(delta: int, day: dt.date, is_workday: Callable[[dt.date], bool]) -> dt.date:
    """chinese_calendar's counting written out from its docstring: day 0 is the first workday on or after."""
    step = dt.timedelta(days=1 if delta >= 0 else -1)
    if delta >= 0:
        while not is_workday(day):
            day += step
    for _ in range(abs(delta)):
        day += step
        while not is_workday(day):
            day += step
    return day


@pytest.mark.parametrize(("delta", "every"), [(-1, 1), (0, 1), (1, 1), (-10, 5), (-3, 3), (2, 3), (5, 5), (30, 10)])
def test_find_workday(delta: int, every: int) -> None:
    # Every day for -1, 0 and 1; every 3rd to 10th day for longer counts (the oracle steps day by day, slowly).
    inside = DAYS[60:-60:every]  # 60 days from each end: no count here reaches past the data
    differs = []
    for day in inside:
        got = compat.find_workday(delta, day)
        assert got == _find_workday_reference(delta, day, compat.is_workday), (delta, day)
        if got != chinese_calendar.find_workday(delta, day):
            differs.append(day)
    # Only where the count crosses or lands near 2005-12-31, the one day on which the data differ.
    assert all(abs((day - WRONG_2005).days) <= 2 * abs(delta) + 10 for day in differs), differs
    if delta == 0:
        assert differs == [WRONG_2005]  # day 0 from it: itself here, 2006-01-04 there


def test_find_workday_day_zero_is_not_the_civil_code_count() -> None:
    # CALENDAR_FACTS: chinese_calendar.find_workday(3, 2025-10-04) = 10-13; holidays / the Civil Code give 10-11.
    assert compat.find_workday(3, D(2025, 10, 4)) == chinese_calendar.find_workday(3, D(2025, 10, 4)) == D(2025, 10, 13)
    assert sc.calendar("CN").add_workdays(D(2025, 10, 4), 3) == D(2025, 10, 11)


def test_find_workday_defaults_to_today() -> None:
    today = dt.date.today()
    if not FIRST <= today <= LAST - dt.timedelta(days=7):
        pytest.skip("today is outside the official data")
    assert compat.find_workday() == chinese_calendar.find_workday() == compat.find_workday(0, today)


@pytest.mark.parametrize(
    ("call", "args", "past"),
    [
        ("is_workday", (D(2027, 1, 4),), True),
        ("is_holiday", (D(2003, 12, 31),), False),
        ("is_in_lieu", (D(2027, 1, 1),), True),
        ("get_holiday_detail", (D(2027, 2, 6),), True),
        ("get_holidays", (D(2026, 12, 1), D(2027, 1, 31)), True),
        ("get_workdays", (D(2003, 12, 1), D(2004, 1, 31)), False),
        ("find_workday", (0, D(2027, 1, 4)), True),
        ("find_workday", (3, D(2026, 12, 29)), True),  # steps into 2027
        ("find_workday", (-1, D(2004, 1, 2)), False),  # steps back into 2003
    ],
)
def test_outside_the_data_both_raise_not_implemented(call: str, args: tuple[Any, ...], past: bool) -> None:
    # The January crash: the same calls fail on both, as NotImplementedError; ours explains and is a horizon error.
    with pytest.raises(NotImplementedError):
        getattr(chinese_calendar, call)(*args)
    with pytest.raises(compat.HorizonError) as caught:
        getattr(compat, call)(*args)
    assert isinstance(caught.value, CalendarHorizonError)
    assert isinstance(caught.value, NotImplementedError)
    message = str(caught.value)
    assert call in message
    if past:  # the two ways on
        assert "2004-01-01..2026-12-31" in message
        assert "horizon='projected'" in message
        assert "arrangements=" in message
    else:
        assert "data starts 2004-01-01" in message


def test_projected_calendar_answers_with_one_warning_per_call() -> None:
    projected = sc.calendar("CN", horizon="projected")
    previous = compat.set_calendar(projected)
    try:
        with pytest.warns(ProvisionalWarning, match="chinese_calendar.is_workday read CN days past") as caught:
            assert compat.is_workday(D(2027, 1, 1)) is False  # New Year's Day, by the statutory rules
        assert len(caught) == 1
        with pytest.warns(ProvisionalWarning) as caught:
            answers = [
                compat.get_holiday_detail(D(2027, 10, 1)),
                compat.find_workday(0, D(2026, 12, 31)),  # official days only: no warning
                compat.find_workday(1, D(2026, 12, 31)),  # reads 2027
            ]
        assert answers == [(True, "National Day"), D(2026, 12, 31), D(2027, 1, 4)]
        assert len(caught) == 2
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # official days of a projected calendar: silent
            assert compat.get_holiday_detail(D(2026, 10, 1)) == (True, "National Day")
            assert compat.is_workday(WRONG_2005) is True
    finally:
        assert compat.set_calendar(previous) is projected
    assert compat.get_calendar() is sc.calendar("CN")


def test_published_arrangement_answers_officially() -> None:
    # tests/fixtures/FICTIONAL-cn-2027.toml: an invented 2027, only to show a loaded year is answered silently.
    from pathlib import Path

    fixture = Path(__file__).parents[1] / "fixtures" / "FICTIONAL-cn-2027.toml"
    published = sc.calendar("CN", arrangements=fixture)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert compat.is_workday(D(2027, 2, 20), calendar=published) is True  # its makeup Saturday
        assert compat.get_holiday_detail(D(2027, 2, 20), calendar=published) == (False, "Spring Festival")
        assert compat.get_holiday_detail(D(2027, 2, 9), calendar=published) == (True, "Spring Festival")
        assert compat.is_in_lieu(D(2027, 2, 9), calendar=published) is True
        assert compat.find_workday(0, D(2027, 2, 5), calendar=published) == D(2027, 2, 15)


@pytest.mark.parametrize(
    ("call", "bad"),
    [
        (lambda v: compat.is_workday(v), "2026-10-01"),
        (lambda v: compat.is_in_lieu(v), None),
        (lambda v: compat.get_holiday_detail(v), float("nan")),
        (lambda v: compat.get_workdays(D(2026, 1, 1), v), np.array(["2026-01-31"], dtype="datetime64[D]")),
        (lambda v: compat.get_holidays(v, D(2026, 1, 1)), 20260101),
        (lambda v: compat.find_workday(v, D(2026, 1, 5)), 1.0),
        (lambda v: compat.find_workday(v, D(2026, 1, 5)), True),
        (lambda v: compat.is_workday(D(2026, 1, 5), calendar=v), sc.calendar("HK")),
    ],
)
def test_bad_input_is_named(call: Callable[[Any], Any], bad: object) -> None:
    with pytest.raises((InvalidInputError, sc.CalendarDataError)) as caught:
        call(bad)
    assert repr(bad)[:20] in str(caught.value)


def test_holiday_enum_mirrors_theirs() -> None:
    ours = {h.name: (h.value, h.chinese) for h in compat.Holiday}
    assert ours == {h.name: (h.value, h.chinese) for h in chinese_calendar.Holiday}


@pytest.mark.parametrize(
    "name",
    ["is_workday", "is_holiday", "is_in_lieu", "get_holiday_detail", "get_dates", "get_holidays", "get_workdays",
     "find_workday"],
)  # fmt: skip
def test_signatures_are_theirs_plus_a_keyword_only_calendar(name: str) -> None:
    theirs = inspect.signature(getattr(chinese_calendar, name)).parameters
    ours = dict(inspect.signature(getattr(compat, name)).parameters)
    extra = ours.pop("calendar", None)
    assert [(p.name, p.kind, p.default) for p in ours.values()] == [
        (p.name, p.kind, p.default) for p in theirs.values()
    ]
    assert name == "get_dates" or (extra is not None and extra.kind is inspect.Parameter.KEYWORD_ONLY)
