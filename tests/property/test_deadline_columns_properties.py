"""``sc.deadlines`` (a column of starts) gives what ``sc.deadline`` gives for each start.

Over generated starts (dates and instants, NaT among them, around holidays, makeup days,
the official horizon and DST changes), every period unit and every switch of the
convention: the same due instant, last day and provisional flag row by row, and an error
for the column exactly when the scalar path raises for one of its starts.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zoneinfo

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import slaclock as sc

HOURS = "09:00-12:00,13:30-17:30"
CALENDARS = {
    "cn": sc.calendar("CN").with_hours(HOURS, makeup="09:00-12:00", dates={"2025-09-30": "09:00-15:00"}),
    "cn_projected": sc.calendar("CN", horizon="projected").with_hours(HOURS),
    "ny": sc.custom_calendar(
        "1111100", ["2025-07-04", "2025-11-27"], first="2024-06-01", last="2026-06-30", tz="America/New_York"
    ).with_hours("00:30-02:30,08:00-17:00"),
}
SPANS = {
    "cn": (dt.date(2004, 1, 1), dt.date(2026, 12, 31)),
    "cn_projected": (dt.date(2025, 6, 1), dt.date(2029, 12, 31)),
    "ny": (dt.date(2024, 6, 1), dt.date(2026, 6, 30)),
}
# makeup workdays and the first days of holidays (and the day before each), where the rules bite
_CN = sc.calendar("CN")
_ALL = np.arange(np.datetime64("2004-01-02"), np.datetime64("2026-12-31"))
_KIND = _CN.day_kind(_ALL)
_NEAR = sorted(
    {
        d - dt.timedelta(days=back)
        for d, k in zip(_ALL.tolist(), _KIND.tolist(), strict=True)
        if k in ("makeup_workday", "holiday")
        for back in (0, 1)
    }
)
PERIODS = [
    "1日",
    "7日",
    "30日",
    "2周",
    "1个月",
    "6个月",
    "1年",
    "1个工作日",
    "5个工作日",
    "15个工作日",
    "24小时",
    "90分钟",
    "8个工作小时",
]
conventions = st.builds(
    sc.Convention,
    roll_last_day=st.booleans(),
    makeup_days_are_rest=st.booleans(),
    correspondence=st.sampled_from(["start_day", "first_counted_day"]),
    close_of_business=st.sampled_from([None, None, dt.time(17, 30), dt.time(2, 30), "hours"]),
    rest_day_receipt=st.sampled_from(["next_day", "next_workday"]),
    cutoff=st.sampled_from([None, None, dt.time(18), dt.time(0, 30)]),
    roll_clock_time=st.booleans(),
)


@st.composite
def starts(draw: st.DrawFn, name: str) -> dt.date | dt.datetime | None:
    lo, hi = SPANS[name]
    # near the end of the data as often as not, so horizon errors and provisional answers occur
    near = [d for d in _NEAR if lo <= d <= hi] or [lo]
    day = draw(
        st.dates(min_value=lo, max_value=hi)
        | st.dates(min_value=hi - dt.timedelta(days=60), max_value=hi)
        | st.sampled_from(near)
    )
    kind = draw(st.sampled_from(["date", "time", "time", "nat"]))
    if kind == "nat":
        return None
    if kind == "date":
        return day
    t = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=draw(st.integers(0, 24 * 60 - 1)))
    snap = draw(st.sampled_from([None, None, (0, 0), (2, 30), (17, 30), (18, 0), (9, 0)]))
    if snap is not None:
        t = t.replace(hour=snap[0], minute=snap[1])
    zone = zoneinfo.ZoneInfo(CALENDARS[name].tz)
    if t.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != t:
        t += dt.timedelta(hours=1)  # a skipped wall time is refused by both paths; keep the draw
    return t


def _scalar(
    cal: sc.WorkCalendar, start: dt.date | dt.datetime, period: str, conv: sc.Convention
) -> sc.Deadline | type[Exception]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sc.ProvisionalWarning)
            return sc.deadline(start, period, calendar=cal, convention=conv)
    except (sc.CalendarHorizonError, sc.InvalidInputError) as exc:
        return type(exc)


@given(st.sampled_from(sorted(CALENDARS)), st.sampled_from(PERIODS), conventions, st.data())
@settings(max_examples=400, deadline=None)
def test_the_column_equals_the_scalar_path(name: str, period: str, conv: sc.Convention, data: st.DataObject) -> None:
    cal = CALENDARS[name]
    rows = data.draw(st.lists(starts(name), min_size=1, max_size=12))
    column: object
    if data.draw(st.booleans()):  # a list of objects: dates stay dates, datetimes stay instants
        column = rows
    else:  # numpy: a column of dates, or of instants (dates become their midnight)
        timed = any(isinstance(s, dt.datetime) for s in rows)
        if timed:
            rows = [dt.datetime.combine(s, dt.time()) if type(s) is dt.date else s for s in rows]
        column = _column(rows, timed)
    expected = [None if s is None else _scalar(cal, s, period, conv) for s in rows]
    failures = {e for e in expected if isinstance(e, type)}
    event("error" if failures else "compared")
    if failures:
        with pytest.raises(tuple(failures)):
            _deadlines(column, period, cal, conv)
        return
    got = _deadlines(column, period, cal, conv)
    for i, (s, e) in enumerate(zip(rows, expected, strict=True)):
        if s is None:
            assert np.isnat(got.due[i])
            assert np.isnat(got.last_day[i])
            assert not got.provisional[i]
            continue
        assert isinstance(e, sc.Deadline)
        assert got.last_day[i].item() == e.last_day, (i, s)
        assert got.due[i].item() == e.due.naive(), (i, s)
        assert bool(got.provisional[i]) == e.provisional, (i, s)


def _column(rows: list[dt.date | dt.datetime | None], timed: bool) -> np.ndarray:
    values = [np.datetime64("NaT") if s is None else s for s in rows]
    return np.array(values, dtype="datetime64[us]" if timed else "datetime64[D]")


def _deadlines(column: object, period: str, cal: sc.WorkCalendar, conv: sc.Convention) -> sc.Deadlines:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        return sc.deadlines(column, period, calendar=cal, convention=conv)


@given(st.sampled_from(sorted(CALENDARS)), conventions, st.data())
@settings(max_examples=250, deadline=None)
def test_one_period_per_row_equals_the_scalar_path(name: str, conv: sc.Convention, data: st.DataObject) -> None:
    cal = CALENDARS[name]
    rows = data.draw(st.lists(starts(name), min_size=1, max_size=12))
    timed = any(isinstance(s, dt.datetime) for s in rows)
    if timed:
        rows = [dt.datetime.combine(s, dt.time()) if type(s) is dt.date else s for s in rows]
    per_row = data.draw(st.lists(st.sampled_from([*PERIODS, None]), min_size=len(rows), max_size=len(rows)))
    periods: object = per_row
    if None not in per_row and data.draw(st.booleans()):
        periods = np.array(per_row)  # a text column (numpy U dtype)
    elif data.draw(st.booleans()):
        periods = [None if p is None else sc.period(p) for p in per_row]  # Period objects
    expected = [
        None if s is None or p is None else _scalar(cal, s, p, conv) for s, p in zip(rows, per_row, strict=True)
    ]
    failures = {e for e in expected if isinstance(e, type)}
    event("error" if failures else "compared")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        if failures:
            with pytest.raises(tuple(failures)):
                sc.deadlines(_column(rows, timed), periods, calendar=cal, convention=conv)
            return
        got = sc.deadlines(_column(rows, timed), periods, calendar=cal, convention=conv)
    for i, e in enumerate(expected):
        if e is None:
            assert np.isnat(got.due[i])
            assert np.isnat(got.last_day[i])
            assert not got.provisional[i]
            continue
        assert isinstance(e, sc.Deadline)
        assert got.last_day[i].item() == e.last_day, (i, rows[i], per_row[i])
        assert got.due[i].item() == e.due.naive(), (i, rows[i], per_row[i])
        assert bool(got.provisional[i]) == e.provisional, (i, rows[i], per_row[i])


def test_per_row_periods_are_checked() -> None:
    cal = CALENDARS["cn"]
    days = np.array(["2025-09-24", "2025-09-26"], dtype="datetime64[D]")
    with pytest.raises(sc.PeriodParseError, match=r"^periods\[1\]: cannot read .soon."):
        sc.deadlines(days, ["5个工作日", "soon"], calendar=cal)
    with pytest.raises(sc.InvalidInputError, match="one per start: got 3 periods for 2 starts"):
        sc.deadlines(days, ["1日", "2日", "3日"], calendar=cal)
    with pytest.raises(sc.InvalidInputError, match="dtype int64"):
        sc.deadlines(days, np.array([1, 2]), calendar=cal)
    with pytest.raises(sc.InvalidInputError, match=r"starts\[0\] is a date"):
        sc.deadlines(days, [dt.timedelta(hours=4), "1个月"], calendar=cal)
    got = sc.deadlines(days, [None, "1个月"], calendar=cal)
    assert np.isnat(got.last_day[0])
    assert got.last_day[1] == np.datetime64("2025-10-27")  # 10-26 is a Sunday
    assert got.period == (sc.period("1个月"),)


NOTICE_PERIODS = ["1日", "30日", "2周", "1个月", "3个月", "1年", "1个工作日", "5个工作日", "20个工作日"]
notice_conventions = st.builds(
    sc.Convention,
    roll_backward=st.booleans(),
    makeup_days_are_rest=st.booleans(),
    correspondence=st.sampled_from(["start_day", "first_counted_day"]),
    close_of_business=st.sampled_from([None, None, dt.time(17, 30), "hours"]),
)


@given(st.sampled_from(sorted(CALENDARS)), st.sampled_from(NOTICE_PERIODS), notice_conventions, st.data())
@settings(max_examples=300, deadline=None)
def test_notice_column_equals_the_scalar_path(name: str, period: str, conv: sc.Convention, data: st.DataObject) -> None:
    cal = CALENDARS[name]
    lo, hi = SPANS[name]
    edges = st.dates(min_value=lo, max_value=lo + dt.timedelta(days=60)) | st.dates(
        min_value=hi - dt.timedelta(days=60), max_value=hi
    )
    near = [d for d in _NEAR if lo <= d <= hi] or [lo]
    day = (
        st.dates(min_value=lo, max_value=hi)
        | edges
        | st.sampled_from(near)
        | st.dates(min_value=dt.date(2026, 2, 26), max_value=dt.date(2026, 3, 3))
    )
    rows = data.draw(st.lists(st.none() | day, min_size=1, max_size=12))
    expected: list[object] = []
    for end in rows:
        if end is None:
            expected.append(None)
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", sc.ProvisionalWarning)
                expected.append(sc.notice_deadline(end, period, calendar=cal, convention=conv))
        except (sc.CalendarHorizonError, sc.InvalidInputError) as exc:
            expected.append(type(exc))
    failures = {e for e in expected if isinstance(e, type)}
    event("error" if failures else "compared")
    column = _column(rows, timed=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        if failures:
            with pytest.raises(tuple(failures)):
                sc.notice_deadlines(column, period, calendar=cal, convention=conv)
            return
        got = sc.notice_deadlines(column, period, calendar=cal, convention=conv)
    for i, e in enumerate(expected):
        if e is None:
            assert np.isnat(got.due[i])
            assert np.isnat(got.last_day[i])
            continue
        assert isinstance(e, sc.Deadline)
        assert got.last_day[i].item() == e.last_day, (i, rows[i])
        assert got.due[i].item() == e.due.naive(), (i, rows[i])
        assert bool(got.provisional[i]) == e.provisional, (i, rows[i])


def test_notice_columns_refuse_hours() -> None:
    with pytest.raises(sc.InvalidInputError, match="whole days"):
        sc.notice_deadlines(np.array(["2025-10-31"], dtype="datetime64[D]"), "24小时", calendar="CN")


def test_a_per_row_error_names_the_row_in_the_whole_column() -> None:
    days = np.array(["2026-12-28", "2026-03-02", "2026-12-29", "2026-12-30"], dtype="datetime64[D]")
    with pytest.raises(sc.CalendarHorizonError, match=r"2 of 4 .*first at index 2"):
        sc.deadlines(days, ["1日", "5个工作日", "5个工作日", "10个工作日"], calendar="CN")
