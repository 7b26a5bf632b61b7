"""One calendar per row: every row of ``sc.deadlines(..., calendars=...)`` and ``Contract.evaluate(..., calendars=...)``
is what its own calendar gives for it alone.

Deadlines: generated mixes of CN, HK, MO and TW rows (each with working hours, and a projected CN calendar whose
rows near the year end are provisional), naive and aware starts, dates and instants, every period unit and every
switch of the convention; each row against ``sc.deadline`` on its calendar (the scalar path), wall times or UTC;
an error for the column exactly when one of its rows' scalar deadlines raises.

Evaluate: generated ticket tables (tests/property/test_evaluate_properties.py's generator), each row with a
calendar key, with and without pauses; each row against ``Case.status`` replayed on its own calendar.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zoneinfo
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock.errors import SlaclockError
from tests.property.test_evaluate_properties import (
    CONVENTIONS,
    EVENTS,
    NOW_MAX,
    agree,
    column,
    contract,
    pauses,
    replay,
    replay_paused,
    rows,
)

HOURS = "09:00-12:00,13:30-18:00"
CALENDARS = {
    "CN": sc.calendar("CN").with_hours(HOURS),
    "HK": sc.calendar("HK").with_hours(HOURS),
    "MO": sc.calendar("MO").with_hours(HOURS),
    "TW": sc.calendar("TW").with_hours(HOURS),
    "CN+": sc.calendar("CN", horizon="projected").with_hours(HOURS),
}
KEYS = sorted(CALENDARS)
PERIODS = [
    "1日",
    "7日",
    "2周",
    "1个月",
    "1年",
    "1个工作日",
    "5个工作日",
    "24小时",
    "90分钟",
    "8个工作小时",
    "30个工作分钟",
]
ZONES = [zoneinfo.ZoneInfo(z) for z in ("UTC", "Asia/Shanghai", "Asia/Hong_Kong", "America/New_York")]
conventions = st.builds(
    sc.Convention,
    roll_last_day=st.booleans(),
    makeup_days_are_rest=st.booleans(),
    correspondence=st.sampled_from(["start_day", "first_counted_day"]),
    close_of_business=st.sampled_from([None, None, dt.time(17, 30), "hours"]),
    rest_day_receipt=st.sampled_from(["next_day", "next_workday"]),
    cutoff=st.sampled_from([None, None, dt.time(18)]),
    roll_clock_time=st.booleans(),
)


@st.composite
def start(draw: st.DrawFn) -> dt.date | dt.datetime | None:
    """A start near the holidays of either side of the border, or the end of the official data."""
    day = draw(
        st.dates(dt.date(2004, 1, 1), dt.date(2026, 12, 31))
        | st.dates(dt.date(2026, 11, 1), dt.date(2026, 12, 31))
        | st.sampled_from([dt.date(2025, 9, 30), dt.date(2025, 10, 1), dt.date(2025, 10, 7), dt.date(2026, 2, 13)])
    )
    kind = draw(st.sampled_from(["date", "time", "time", "nat"]))
    if kind == "nat":
        return None
    if kind == "date":
        return day
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=draw(st.integers(0, 24 * 60 - 1)))


def scalar(cal: sc.WorkCalendar, s: Any, period: str, conv: sc.Convention) -> sc.Deadline | type[Exception]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sc.ProvisionalWarning)
            return sc.deadline(s, period, calendar=cal, convention=conv)
    except (sc.CalendarHorizonError, sc.InvalidInputError) as exc:
        return type(exc)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PERIODS), conventions, st.data())
def test_each_row_is_its_own_calendars_deadline(period: str, conv: sc.Convention, data: st.DataObject) -> None:
    starts = data.draw(st.lists(start(), min_size=1, max_size=12))
    keys = data.draw(st.lists(st.sampled_from(KEYS), min_size=len(starts), max_size=len(starts)))
    form = data.draw(st.sampled_from(["numpy", "aware", "list"]))
    utc = form != "list" and data.draw(st.booleans())
    col: Any
    if form == "numpy":  # naive: each row is wall time in its own calendar's zone (UTC with utc=True)
        timed = any(isinstance(s, dt.datetime) for s in starts)
        starts = [dt.datetime.combine(s, dt.time()) if type(s) is dt.date and timed else s for s in starts]
        col = np.array(
            [np.datetime64("NaT") if s is None else s for s in starts], "datetime64[us]" if timed else "datetime64[D]"
        )
        if utc:  # the same instants given as UTC
            starts = [None if s is None else (s if type(s) is dt.date else s.replace(tzinfo=dt.UTC)) for s in starts]
    elif form == "aware":  # aware datetimes in any zone: the instants they name
        zone = data.draw(st.sampled_from(ZONES))
        starts = [s.replace(tzinfo=zone) if isinstance(s, dt.datetime) else s for s in starts]
        col = starts
    else:
        col = list(starts)
    key_col: Any = np.array(keys) if data.draw(st.booleans()) else list(keys)
    periods = [period] * len(starts)
    per: Any = period
    if data.draw(st.booleans()):  # one period per row too
        periods = per = data.draw(st.lists(st.sampled_from(PERIODS), min_size=len(starts), max_size=len(starts)))
    expected = [
        None if s is None else scalar(CALENDARS[k], s, p, conv) for s, k, p in zip(starts, keys, periods, strict=True)
    ]
    failures = {e for e in expected if isinstance(e, type)}
    event("error" if failures else "compared")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        if failures:
            with pytest.raises(tuple(failures)):
                sc.deadlines(col, per, calendar=key_col, calendars=CALENDARS, convention=conv, utc=utc)
            return
        got = sc.deadlines(col, per, calendar=key_col, calendars=CALENDARS, convention=conv, utc=utc)
    assert got.row_calendars is not None
    assert [got.row_calendars.keys[c] for c in got.row_calendars.codes] == keys
    for i, e in enumerate(expected):
        if e is None:
            assert np.isnat(got.due[i])
            assert np.isnat(got.last_day[i])
            assert not got.provisional[i]
            continue
        assert isinstance(e, sc.Deadline)
        want = e.due.in_timezone("UTC").naive() if utc else e.due.naive()  # the row's own wall time, or UTC
        assert got.last_day[i].item() == e.last_day, (i, keys[i], starts[i])
        assert got.due[i].item() == want, (i, keys[i], starts[i])
        assert bool(got.provisional[i]) == e.provisional, (i, keys[i], starts[i])
        # is_met reads a naive instant as the row's own wall time (UTC with utc=True)
        assert not got.is_met(np.array([want] * len(expected), dtype="datetime64[us]"))[i]
        assert got.is_met(np.array([want - dt.timedelta(microseconds=1)] * len(expected), "datetime64[us]"))[i]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PERIODS), conventions, st.data())
def test_pandas_columns_per_row_are_their_own_calendars_deadlines(
    period: str, conv: sc.Convention, data: st.DataObject
) -> None:
    """A naive Series: each row's own wall time in and out; an aware one: its instants, due in its own zone."""
    n = data.draw(st.integers(1, 10))
    starts = data.draw(st.lists(start(), min_size=n, max_size=n))
    starts = [dt.datetime.combine(s, dt.time()) if type(s) is dt.date else s for s in starts]
    keys = data.draw(st.lists(st.sampled_from(KEYS), min_size=n, max_size=n))
    zone = data.draw(st.sampled_from([None, *ZONES]))
    if zone is not None:
        starts = [None if s is None else s.replace(tzinfo=zone) for s in starts]
    col = pd.Series(pd.to_datetime([pd.NaT if s is None else pd.Timestamp(s) for s in starts]).as_unit("us"))
    expected = [None if s is None else scalar(CALENDARS[k], s, period, conv) for s, k in zip(starts, keys, strict=True)]
    failures = {e for e in expected if isinstance(e, type)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        if failures:
            with pytest.raises(tuple(failures)):
                sc.deadlines(col, period, calendar=pd.Series(keys), calendars=CALENDARS, convention=conv)
            return
        got = sc.deadlines(col, period, calendar=pd.Series(keys), calendars=CALENDARS, convention=conv)
    assert isinstance(got.due, pd.Series)
    assert str(got.due.dtype) == str(col.dtype)  # naive stays naive; aware comes back in the column's own zone
    for i, e in enumerate(expected):
        if e is None:
            assert got.due.iloc[i] is pd.NaT
            continue
        assert isinstance(e, sc.Deadline)
        want = pd.Timestamp(e.due.naive()) if zone is None else pd.Timestamp(e.due)
        assert got.due.iloc[i] == want, (i, keys[i], starts[i])
        assert got.provisional.iloc[i] == e.provisional


# -- evaluate ---------------------------------------------------------------------------------------

SPEC_HOURS = "09:00-12:00,13:00-18:00"
REGION_CALENDARS = {k: sc.CalendarSpec(k, hours=SPEC_HOURS).build() for k in ("CN", "HK", "MO", "TW")}
CONTRACTS = [contract(conv) for conv in CONVENTIONS[:2]]  # the civil code's and business hours' counting


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(rows(), min_size=1, max_size=10),
    which=st.integers(0, len(CONTRACTS) - 1),
    later=st.integers(0, 3 * 24 * 60) | st.integers(0, 90 * 24 * 60),
    data=st.data(),
)
def test_evaluate_rows_are_their_own_calendars_cases(
    table: list[dict[str, dt.datetime | None]], which: int, later: int, data: st.DataObject
) -> None:
    c = CONTRACTS[which]
    keys = data.draw(st.lists(st.sampled_from(sorted(REGION_CALENDARS)), min_size=len(table), max_size=len(table)))
    last = max(v for row in table for v in row.values() if v is not None)
    now = min(last + dt.timedelta(minutes=later), NOW_MAX) if last < NOW_MAX else last
    good: list[tuple[dict[str, dt.datetime | None], str, sc.Status]] = []
    for row, k in zip(table, keys, strict=True):
        try:
            good.append((row, k, replay(c, row, now, REGION_CALENDARS[k])))
        except SlaclockError as exc:  # a row its case refuses: evaluate refuses it too, whatever its neighbours
            one = {name: column([row[name]]) for name in EVENTS} | {"region": np.array([k])}
            with pytest.raises(type(exc)):
                c.evaluate(one, now=now, ignore_pauses=True, calendar="region", calendars=REGION_CALENDARS)
    if not good:
        return
    events = {name: column([row[name] for row, _, _ in good]) for name in EVENTS}
    events["region"] = np.array([k for _, k, _ in good])
    result = c.evaluate(events, now=now, ignore_pauses=True, calendar="region", calendars=REGION_CALENDARS)
    for i, (_, _, status) in enumerate(good):
        agree(result, i, status)  # naive dues: each row's wall time in its own calendar's zone


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), which=st.integers(0, len(CONTRACTS) - 1), later=st.integers(0, 10 * 24 * 60))
def test_evaluate_with_pauses_routes_them_to_their_rows(data: st.DataObject, which: int, later: int) -> None:
    c = CONTRACTS[which]
    table = data.draw(st.lists(rows(), min_size=1, max_size=6))
    keys = data.draw(st.lists(st.sampled_from(sorted(REGION_CALENDARS)), min_size=len(table), max_size=len(table)))
    stops = [data.draw(pauses(row["received"])) for row in table]  # type: ignore[arg-type]
    times = [v for row in table for v in row.values() if v is not None]
    times += [t for ps in stops for p in ps for t in p if t is not None]
    now = max(times) + dt.timedelta(minutes=later)
    if now > NOW_MAX:
        return
    good = []
    for row, k, ps in zip(table, keys, stops, strict=True):
        try:
            good.append((row, k, ps, replay_paused(c, row, ps, now, REGION_CALENDARS[k])))
        except SlaclockError:
            continue
    if not good:
        return
    events = {name: column([row[name] for row, *_ in good]) for name in EVENTS}
    events["region"] = np.array([k for _, k, _, _ in good])
    at = [(i, p) for i, (_, _, ps, _) in enumerate(good) for p in ps]
    table_of_pauses = {
        "row": np.array([i for i, _ in at], dtype=np.int64),
        "paused_at": column([p[0] for _, p in at]),
        "resumed_at": column([p[1] for _, p in at]),
    }
    result = c.evaluate(events, now=now, pauses=table_of_pauses, calendar="region", calendars=REGION_CALENDARS)
    for i, (*_, status) in enumerate(good):
        agree(result, i, status)
