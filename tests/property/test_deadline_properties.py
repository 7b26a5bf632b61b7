"""Invariants of deadlines on the CN calendar, for generated starts and periods.

- day periods: the due instant is never earlier than the plain calendar sum; with
  rollover on, the last day is a workday; a longer period never ends earlier; a
  later start never ends earlier;
- workday periods agree with ``WorkCalendar.add_workdays``, and the fast path
  agrees with the general one;
- hours are exact elapsed time;
- a notice limit is the latest day that still gives the full notice.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc

CAL = sc.calendar("CN")
CST = dt.timezone(dt.timedelta(hours=8))
CIVIL = sc.Convention.civil_code()
NO_ROLL = sc.Convention.no_rollover()

# Starts leave room for a year and a holiday block before the end of the official data.
starts = st.dates(min_value=dt.date(2004, 1, 5), max_value=dt.date(2025, 10, 31))
day_units = st.sampled_from([sc.Unit.DAY, sc.Unit.WEEK, sc.Unit.MONTH, sc.Unit.YEAR])
conventions = st.builds(
    sc.Convention,
    roll_last_day=st.booleans(),
    makeup_days_are_rest=st.booleans(),
    correspondence=st.sampled_from(["start_day", "first_counted_day"]),
    close_of_business=st.sampled_from([None, dt.time(17, 30), dt.time(18)]),
    rest_day_receipt=st.sampled_from(["next_day", "next_workday"]),
)


def _plain_sum(start: dt.date, p: sc.Period) -> dt.date:
    # python-dateutil's relativedelta is the oracle for month-end clamping (art. 202)
    if p.unit is sc.Unit.MONTH:
        return start + relativedelta(months=p.amount)
    if p.unit is sc.Unit.YEAR:
        return start + relativedelta(years=p.amount)
    return start + dt.timedelta(days=p.amount * (7 if p.unit is sc.Unit.WEEK else 1))


def _midnight_after(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=CST)


@given(starts, st.integers(1, 10), day_units, conventions)
@settings(max_examples=300)
def test_never_earlier_than_the_plain_sum_and_lands_on_a_workday(
    start: dt.date, n: int, unit: sc.Unit, conv: sc.Convention
) -> None:
    if unit is sc.Unit.YEAR:  # keep start + n years inside the official data
        start = start.replace(year=2004 + start.year % 12, day=min(start.day, 28))
    p = sc.Period(n, unit)
    d = sc.deadline(start, p, calendar=CAL, convention=conv)
    assert d.last_day >= _plain_sum(start, p)
    if conv.close_of_business is None:
        assert d.due >= _midnight_after(_plain_sum(start, p))
    if conv.roll_last_day:
        assert CAL.is_workday(d.last_day)
        if conv.makeup_days_are_rest:
            assert CAL.day_kind(d.last_day) is not sc.DayKind.MAKEUP_WORKDAY
    else:
        expected = _plain_sum(start, p)
        shifted = unit in (sc.Unit.MONTH, sc.Unit.YEAR) and conv.correspondence == "first_counted_day"
        if conv.rest_day_receipt == "next_day" and not shifted:
            assert d.last_day == expected


@given(starts, st.integers(1, 60), st.integers(1, 30), st.sampled_from([sc.Unit.DAY, sc.Unit.WORKDAY]), conventions)
def test_longer_periods_never_end_earlier(
    start: dt.date, n: int, extra: int, unit: sc.Unit, conv: sc.Convention
) -> None:
    short = sc.deadline(start, sc.Period(n, unit), calendar=CAL, convention=conv)
    long = sc.deadline(start, sc.Period(n + extra, unit), calendar=CAL, convention=conv)
    assert long.due >= short.due


@given(starts, st.integers(0, 40), st.integers(1, 20), st.sampled_from([sc.Unit.DAY, sc.Unit.WORKDAY, sc.Unit.MONTH]))
def test_later_starts_never_end_earlier(start: dt.date, later: int, n: int, unit: sc.Unit) -> None:
    if unit is sc.Unit.MONTH and start.year >= 2025:  # keep start + 20 months inside the official data
        start -= relativedelta(years=2)
    p = sc.Period(n, unit)
    a = sc.deadline(start, p, calendar=CAL)
    b = sc.deadline(start + dt.timedelta(days=later), p, calendar=CAL)
    assert b.due >= a.due


@given(starts, st.integers(1, 200), st.times())
def test_workdays_agree_with_the_calendar_and_the_general_path(start: dt.date, n: int, at: dt.time) -> None:
    instant = dt.datetime.combine(start, at)
    fast = sc.deadline(instant, sc.Period(n, "workday"), calendar=CAL)
    # an equal but distinct Convention takes the general path
    general = sc.deadline(instant, sc.Period(n, "workday"), calendar=CAL, convention=sc.Convention(name="other"))
    assert fast.last_day == general.last_day == CAL.add_workdays(start, n)
    assert fast.due == general.due == _midnight_after(fast.last_day)
    assert fast.steps() == general.steps()


@given(st.datetimes(min_value=dt.datetime(2004, 1, 1), max_value=dt.datetime(2030, 1, 1)), st.integers(1, 10_000))
def test_hours_are_exact_elapsed_time(start: dt.datetime, hours: int) -> None:
    d = sc.deadline(start, sc.Period(hours, "hour"), calendar=CAL)
    assert d.due - start.replace(tzinfo=CST) == dt.timedelta(hours=hours)
    assert d.last_day == (d.due - dt.timedelta(microseconds=1)).date()


@given(
    st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2026, 12, 31)),
    st.integers(1, 60),
    st.sampled_from([sc.Unit.DAY, sc.Unit.WEEK, sc.Unit.MONTH, sc.Unit.WORKDAY]),
    st.sampled_from(["start_day", "first_counted_day"]),
)
def test_notice_is_the_latest_day_giving_full_notice(end: dt.date, n: int, unit: sc.Unit, corr: str) -> None:
    p = sc.Period(n if unit is not sc.Unit.MONTH else 1 + n % 12, unit)
    conv = NO_ROLL.replace(correspondence=corr)
    x = sc.notice_deadline(end, p, calendar=CAL, convention=conv).last_day
    # notice on day x gives a period ending on or before `end`; a day later would end after it
    assert sc.deadline(x, p, calendar=CAL, convention=conv).last_day <= end
    assert sc.deadline(x + dt.timedelta(days=1), p, calendar=CAL, convention=conv).last_day > end


@given(st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2026, 12, 31)), st.integers(1, 20))
def test_notice_rolled_back_lands_on_a_workday_no_later(end: dt.date, n: int) -> None:
    plain = sc.notice_deadline(end, sc.Period(n, "day"), calendar=CAL)
    rolled = sc.notice_deadline(end, sc.Period(n, "day"), calendar=CAL, convention=sc.Convention.notice_on_workday())
    assert rolled.last_day <= plain.last_day
    assert CAL.is_workday(rolled.last_day)
    assert CAL.workdays_between(rolled.last_day + dt.timedelta(days=1), plain.last_day + dt.timedelta(days=1)) == 0
