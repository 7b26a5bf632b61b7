"""Invariants of working-time arithmetic, for generated instants and durations.

On five calendars with hours: CN with a lunch break, a shorter makeup-day schedule
and a dated short day; a New York calendar (DST) whose hours straddle the 02:00
change; CN with a morning and a night shift (22:00-06:00, only the night on makeup
days, a dated longer night); and the New York calendar with night shifts, over the
DST changes. For any start ``a`` and duration ``d``:

- ``working_time_between(a, add(a, d)) == d`` (both signs);
- add is monotone in the start and in the duration;
- a forward result is inside hours or exactly at a close; a backward one is inside hours;
- going back by ``d`` after going forward by ``d`` lands on ``next_open(a)``;
- the column path (numpy ``datetime64``, in wall time and in UTC) equals the scalar path,
  element by element, and NaT stays NaT.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import numpy as np
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import slaclock as sc

CN = sc.calendar("CN").with_hours(
    "09:00-12:00,13:30-18:00", makeup="09:00-12:00", dates={"2025-09-30": "09:00-15:00", "2019-02-01": "10:00-11:00"}
)
NY = sc.custom_calendar(
    "1111110", ["2024-07-04", "2024-12-25"], first="2023-01-01", last="2025-12-31", tz="America/New_York"
)
NY_HOURS = NY.with_hours("00:30-02:30,08:00-12:00,13:00-17:00", saturday="01:00-03:00")
NEXT_OPEN = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00", at_close="next_open")

CN_NIGHT = sc.calendar("CN").with_hours(
    "08:00-12:00,22:00-06:00", makeup="22:00-06:00", dates={"2025-09-30": "08:00-12:00,20:00-07:00"}
)
NY_NIGHT = NY.with_hours("22:00-06:00", saturday="20:00-04:00")

CALENDARS = {"cn": CN, "ny": NY_HOURS, "cn_next_open": NEXT_OPEN, "cn_night": CN_NIGHT, "ny_night": NY_NIGHT}
SPANS = {
    "cn": (dt.datetime(2005, 1, 1), dt.datetime(2026, 10, 31)),
    "ny": (dt.datetime(2023, 3, 1), dt.datetime(2025, 10, 15)),  # room for 260 working hours either way
    "cn_next_open": (dt.datetime(2005, 1, 1), dt.datetime(2026, 10, 31)),
    "cn_night": (dt.datetime(2005, 1, 1), dt.datetime(2026, 10, 31)),
    "ny_night": (dt.datetime(2023, 3, 1), dt.datetime(2025, 10, 15)),
}
US = dt.timedelta(microseconds=1)


@st.composite
def starts(draw: st.DrawFn, name: str) -> dt.datetime:
    lo, hi = SPANS[name]
    minutes = int((hi - lo).total_seconds() // 60)
    t = lo + dt.timedelta(minutes=draw(st.integers(0, minutes)))
    # often exactly at a boundary: an opening, a close, midnight, or just either side of them
    snap = draw(
        st.sampled_from(
            [None, None, (9, 0), (12, 0), (13, 30), (18, 0), (0, 0), (2, 30), (17, 0), (8, 0), (22, 0), (6, 0)]
        )
    )
    if snap is not None:
        t = t.replace(hour=snap[0], minute=snap[1])
    return t + dt.timedelta(seconds=draw(st.sampled_from([0, 0, 0, -1, 1, 59])))


durations = st.integers(1, 60 * 60).map(lambda m: dt.timedelta(minutes=m)) | st.integers(1, 200 * 3600).map(
    lambda s: dt.timedelta(seconds=s)
)
names = st.sampled_from(sorted(CALENDARS))


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, dt.datetime, dt.timedelta]:
    name = draw(names)
    t = draw(starts(name))
    cal = CALENDARS[name]
    if name.startswith("ny") and not _exists(cal, t):
        t += dt.timedelta(hours=1)  # a wall time the clocks skip is refused; tested separately
    return name, t, draw(durations)


def _exists(cal: sc.WorkCalendar, t: dt.datetime) -> bool:
    zone = zoneinfo.ZoneInfo(cal.tz)
    back = t.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    return back == t


@given(cases())
@settings(max_examples=400, deadline=None)
def test_between_inverts_add(case: tuple[str, dt.datetime, dt.timedelta]) -> None:
    name, a, d = case
    cal = CALENDARS[name]
    for signed in (d, -d):
        r = cal.add_working_time(a, signed)
        assert cal.working_time_between(a, r) == signed


@given(cases(), st.integers(0, 3 * 24 * 60), durations)
@settings(max_examples=300, deadline=None)
def test_add_is_monotone(case: tuple[str, dt.datetime, dt.timedelta], later: int, more: dt.timedelta) -> None:
    name, a, d = case
    cal = CALENDARS[name]
    b = a + dt.timedelta(minutes=later)
    if not _exists(cal, b):
        b += dt.timedelta(hours=1)
    assert cal.add_working_time(a, d) <= cal.add_working_time(b, d)
    try:  # d + more (up to 400 h) may run past the data from a start near its end: that is the horizon's business
        longer, earlier = cal.add_working_time(a, d + more), cal.add_working_time(a, -d - more)
    except sc.CalendarHorizonError:
        reject()
    assert cal.add_working_time(a, d) <= longer
    assert earlier <= cal.add_working_time(a, -d)


@given(cases())
@settings(max_examples=400, deadline=None)
def test_results_are_inside_hours_or_at_a_close(case: tuple[str, dt.datetime, dt.timedelta]) -> None:
    name, a, d = case
    cal = CALENDARS[name]
    forward = cal.add_working_time(a, d)
    at_close = not cal.is_open(forward) and cal.is_open(forward - US)
    assert cal.is_open(forward) or at_close
    if at_close:
        assert name != "cn_next_open", "pandas' reading never stops at a close"
    backward = cal.add_working_time(a, -d)
    assert cal.is_open(backward)


@given(cases())
@settings(max_examples=300, deadline=None)
def test_back_after_forth_is_the_next_opening(case: tuple[str, dt.datetime, dt.timedelta]) -> None:
    name, a, d = case
    cal = CALENDARS[name]
    assert cal.add_working_time(cal.add_working_time(a, d), -d) == cal.next_open(a)


@given(names, st.data())
@settings(max_examples=150, deadline=None)
def test_columns_equal_the_scalar_path(name: str, data: st.DataObject) -> None:
    cal = CALENDARS[name]
    rows = data.draw(st.lists(st.tuples(starts(name), durations, st.booleans()), min_size=1, max_size=40))
    walls = [t if _exists(cal, t) else t + dt.timedelta(hours=1) for t, _, _ in rows]
    signed = [d if back else -d for _, d, back in rows]
    t = np.array(walls, dtype="datetime64[us]")
    d = np.array(signed, dtype="timedelta64[us]")
    nat = np.zeros(len(rows), dtype=bool)
    nat[::7] = len(rows) > 3  # some NaT when there are enough rows
    t_in = np.where(nat, np.datetime64("NaT"), t)

    got = cal.add_working_time(t_in, d)
    got_utc = cal.add_working_time(_to_utc(cal, t_in), d, utc=True)
    # on UTC instants: a naive result in a repeated hour (01:00 on a fall-back day) would be read as its first
    # occurrence, an hour off the aware scalar result when that lies in the second (found by Hypothesis)
    between = cal.working_time_between(_to_utc(cal, t_in), got_utc, utc=True)
    opened = cal.next_open(t_in)
    is_open = cal.is_open(t_in)
    for i, (w, sd) in enumerate(zip(walls, signed, strict=True)):
        if nat[i]:
            assert np.isnat(got[i])
            assert np.isnat(got_utc[i])
            assert np.isnat(between[i])
            assert np.isnat(opened[i])
            assert not is_open[i]
            continue
        one = cal.add_working_time(w, sd)
        assert got[i].item() == one.naive()  # wall time (the repeated hour reads the same either time)
        assert got_utc[i].item() == one.in_timezone("UTC").naive()
        assert between[i].item() == cal.working_time_between(w, one)
        assert is_open[i] == cal.is_open(w)
        assert opened[i].item() == cal.next_open(w).naive()


def _to_utc(cal: sc.WorkCalendar, t: np.ndarray) -> np.ndarray:
    out = []
    zone = zoneinfo.ZoneInfo(cal.tz)
    for v in t.tolist():
        out.append(None if v is None else v.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None))
    return np.array([np.datetime64("NaT") if v is None else v for v in out], dtype="datetime64[us]")


def test_a_result_in_the_repeated_hour_is_counted_on_its_instant() -> None:
    # found by Hypothesis: 46 working hours of night shifts from 2023-10-29 04:00 in New York end at 01:00 on
    # 2023-11-05, in the repeated hour's second occurrence; counted back on instants, they are 46 hours again
    cal = CALENDARS["ny_night"]
    w, d = dt.datetime(2023, 10, 29, 4, 0), dt.timedelta(hours=46)
    one = cal.add_working_time(w, d)
    start = _to_utc(cal, np.array([w], dtype="datetime64[us]"))
    got = cal.add_working_time(start, np.array([d], dtype="timedelta64[us]"), utc=True)
    assert got[0].item() == one.in_timezone("UTC").naive()
    assert cal.working_time_between(start, got, utc=True)[0].item() == d == cal.working_time_between(w, one)
