"""Provisional iff a projected day was read: an official calendar and its projected twin (issue 13).

A projected calendar holds the official calendar's days and, after them, projected ones. So for
any computation, on the two twins:

- the official one answers  <=>  the projected one answers without a provisional mark,
  and then both give the same answer;
- the official one raises CalendarHorizonError past its end  <=>  the projected one is
  provisional (or raises too, past its own end);

and a calendar with the next year's arrangement loaded answers officially whenever the official
one does, with the same answer. Checked for every kind of result: a deadline (every unit, every
switch of the convention, close of business from the working hours), a column of deadlines, a
notice limit, a fixed window, a monthly limit, a late-payment penalty. Starts are drawn around the
official horizon, where the rule bites.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock import penalties
from tests.property.test_deadline_columns_properties import conventions

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "FICTIONAL-cn-2027.toml"
HORIZON = dt.date(2026, 12, 31)
SCHEDULES = ("09:00-12:00,13:30-18:00", "00:00-08:00,16:00-24:00", "08:30-17:00")


@dataclass(frozen=True)
class Twins:
    official: sc.WorkCalendar
    projected: sc.WorkCalendar
    loaded: sc.WorkCalendar  # the fictional 2027 arrangement: official through 2027


def _twins(hours: str | None, at_close: str, extra: tuple[str, ...]) -> Twins:
    def build(**kw: Any) -> sc.WorkCalendar:
        cal = sc.calendar("CN", extra_workdays=list(extra), **kw)
        return cal if hours is None else cal.with_hours(hours, at_close=at_close)  # type: ignore[arg-type]

    return Twins(build(), build(horizon="projected"), build(arrangements=FIXTURE))


@st.composite
def twins(draw: st.DrawFn) -> Twins:
    hours = draw(st.sampled_from((None, *SCHEDULES)))
    at_close = draw(st.sampled_from(("close", "next_open")))
    # an extra workday on the first days of the year makes hours on both sides of the horizon
    extra = draw(st.sampled_from(((), (), ("2026-12-27",), ("2026-12-27",))))
    return _twins(hours, at_close, extra)


@st.composite
def days(draw: st.DrawFn) -> dt.date:
    """A day within about three months of the official horizon, often within a week of it."""
    return draw(
        st.dates(min_value=dt.date(2026, 9, 1), max_value=dt.date(2027, 3, 31))
        | st.dates(min_value=HORIZON - dt.timedelta(days=40), max_value=HORIZON + dt.timedelta(days=20))
    )


@st.composite
def starts(draw: st.DrawFn) -> dt.date | dt.datetime:
    day = draw(days())
    if draw(st.booleans()):
        return day
    minutes = draw(st.integers(0, 24 * 60 - 1) | st.sampled_from((0, 8 * 60, 9 * 60, 16 * 60, 18 * 60)))
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)


PERIODS = ("1日", "7日", "10日", "2周", "1个月", "3个月", "1个工作日", "5个工作日", "24小时", "90分钟", "8个工作小时")


@dataclass(frozen=True)
class Outcome:
    value: Any = None
    error: Exception | None = None
    warned: bool = False


def attempt(call: Callable[[], Any]) -> Outcome:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value, error = call(), None
        except sc.SlaclockError as exc:
            value, error = None, exc
    assert all(w.category is sc.ProvisionalWarning for w in caught), [str(w.message) for w in caught]
    return Outcome(value, error, bool(caught))


def _answer(value: Any) -> Any:
    """What a result says, without its calendar and its provisional mark."""
    if isinstance(value, sc.Deadline):
        return (value.due, value.last_day)
    if isinstance(value, sc.Window):
        return (value.opens, value.closes, value.first_day, value.last_day)
    if isinstance(value, penalties.LatePayment):
        return (value.last_day, value.overdue_days, value.penalty, value.termination_from)
    return (value.due.tolist(), value.last_day.tolist())


def _provisional(value: Any) -> bool:
    p = value.provisional
    return bool(np.asarray(p).any())


def fit(conv: sc.Convention, cals: Twins, hours_close: bool) -> sc.Convention:
    """``conv`` with a close of business the calendars can give: from their hours if they have some and
    ``hours_close`` (the case where the close reads the last day), never from hours they do not have."""
    if cals.official.hours is None:
        return conv.replace(close_of_business=None) if conv.close_of_business == "hours" else conv
    return conv.replace(close_of_business="hours") if hours_close else conv


def check(what: str, compute: Callable[[sc.WorkCalendar], Any], cals: Twins) -> None:
    official, projected = attempt(lambda: compute(cals.official)), attempt(lambda: compute(cals.projected))
    event(f"{what}: official {'raises' if official.error else 'answers'}")
    if official.error is not None and not isinstance(official.error, sc.CalendarHorizonError):
        # an error that has nothing to do with the horizon (a date start for an hour period...): the same
        assert type(projected.error) is type(official.error), (official.error, projected)
        return
    if official.error is None:
        assert projected.error is None, f"{what}: official answers, projected raises {projected.error!r}"
        assert not _provisional(projected.value), f"{what}: official answers, projected marks it provisional"
        assert not projected.warned
        assert _answer(projected.value) == _answer(official.value), what
        loaded = attempt(lambda: compute(cals.loaded))
        assert loaded.error is None, (what, loaded)
        assert not loaded.warned, (what, loaded)
        assert _answer(loaded.value) == _answer(official.value), what
        return
    assert "outside the calendar's days" in str(official.error)
    if projected.error is not None:
        assert isinstance(projected.error, sc.CalendarHorizonError), projected.error
        return
    event(f"{what}: provisional")
    assert _provisional(projected.value), (
        f"{what}: the official calendar raises ({official.error}), the projected one answers officially"
    )
    assert projected.warned


_LUNCH = _twins(SCHEDULES[0], "close", ())
_NO_ROLL = sc.Convention.business_hours().replace(roll_last_day=False)


@given(twins(), starts(), st.sampled_from(PERIODS), conventions, st.booleans())
@example(_LUNCH, dt.date(2026, 12, 21), "1个月", _NO_ROLL, True)  # the case: 2027-01-21 at 24:00
@example(_LUNCH, dt.datetime(2026, 12, 28, 10), "10日", _NO_ROLL, True)
@settings(max_examples=300, deadline=None)
def test_deadlines_are_provisional_iff_the_official_calendar_raises(
    cals: Twins, start: dt.date | dt.datetime, period: str, conv: sc.Convention, hours_close: bool
) -> None:
    conv = fit(conv, cals, hours_close)
    check("deadline", lambda cal: sc.deadline(start, period, calendar=cal, convention=conv), cals)
    column = np.array([start], dtype="datetime64[D]" if type(start) is dt.date else "datetime64[us]")
    check("deadlines", lambda cal: sc.deadlines(column, period, calendar=cal, convention=conv), cals)


@given(
    twins(), days(), st.sampled_from(("7日", "30日", "1个月", "5个工作日")), conventions, st.booleans(), st.booleans()
)
@example(_LUNCH, dt.date(2027, 3, 31), "30日", sc.Convention.civil_code(), False, True)  # 2027-03-01 18:00
@settings(max_examples=150, deadline=None)
def test_notice_limits_are_provisional_iff_the_official_calendar_raises(
    cals: Twins, end: dt.date, period: str, conv: sc.Convention, back: bool, hours_close: bool
) -> None:
    conv = fit(conv, cals, hours_close).replace(roll_backward=back)
    check("notice_deadline", lambda cal: sc.notice_deadline(end, period, calendar=cal, convention=conv), cals)
    ends = np.array([end], dtype="datetime64[D]")
    check("notice_deadlines", lambda cal: sc.notice_deadlines(ends, period, calendar=cal, convention=conv), cals)


@given(twins(), days(), st.integers(0, 60), conventions, st.booleans(), st.booleans())
@example(_LUNCH, dt.date(2026, 12, 1), 52, sc.Convention.civil_code(), False, True)  # closes 2027-01-22 18:00
@settings(max_examples=150, deadline=None)
def test_windows_are_provisional_iff_the_official_calendar_raises(
    cals: Twins, first: dt.date, length: int, conv: sc.Convention, roll: bool, hours_close: bool
) -> None:
    conv = fit(conv, cals, hours_close).replace(roll_fixed_ranges=roll)
    last = first + dt.timedelta(days=length)
    check("fixed_window", lambda cal: sc.fixed_window(first, last, calendar=cal, convention=conv), cals)


@given(
    twins(),
    st.sampled_from(("2026-11", "2026-12", "2027-01", "2027-02")),
    st.sampled_from(("within_first", "before")),
    st.integers(1, 8),
    conventions,
    st.booleans(),
)
@settings(max_examples=100, deadline=None)
def test_monthly_limits_are_provisional_iff_the_official_calendar_raises(
    cals: Twins, month: str, kind: str, n: int, conv: sc.Convention, hours_close: bool
) -> None:
    conv = fit(conv, cals, hours_close)
    rule = sc.MonthlyRule(kind, n)  # type: ignore[arg-type]
    check(f"monthly {kind}", lambda cal: sc.monthly_deadline(month, rule, calendar=cal, convention=conv), cals)


@given(twins(), days(), st.sampled_from(("10日", "5个工作日", "1个月")), st.integers(0, 90))
@settings(max_examples=100, deadline=None)
def test_penalties_are_provisional_iff_their_deadline_is(cals: Twins, start: dt.date, period: str, late: int) -> None:
    def penalty(cal: sc.WorkCalendar) -> penalties.LatePayment:
        d = sc.deadline(start, period, calendar=cal)
        r = penalties.late_payment(10_000, d, [(d.last_day + dt.timedelta(days=late), 10_000)], "万分之五")
        assert r.provisional == d.provisional
        return r

    check("late_payment", penalty, cals)
