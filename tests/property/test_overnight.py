"""Overnight shifts (22:00-06:00) against the stepping reference, and the properties of working time on them.

Three CN calendars spanning the Spring Festival and the National Day of 2019..2026: a night desk
(22:00-06:00 on every workday) and a mixed one (08:00-12:00 and 22:00-06:00 on weekdays, only the
night shift on makeup days, two dated days: the eve of the 2024 Spring Festival without a night
shift, the eve of the 2025 National Day with a longer one); and a 20:00-08:00 desk whose results at a
close move to the next opening (``at_close="next_open"``). The reference
(``tests/helpers/hours_reference.py``) steps day by day through each day's owned intervals, the part
after midnight included; the library answers from its interval table. For each calendar, 20,000
generated additions (half of them of negative working time) and 20,000 differences (half with
``b < a``) go through the column path at once and are compared with the reference row by row; a
sample goes through the scalar path too.
"""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from tests.helpers.hours_reference import (
    reference_add,
    reference_between,
    reference_close,
    reference_is_open,
    reference_next_open,
)

CN = sc.calendar("CN")
NIGHT = CN.with_hours("22:00-06:00")
MIXED = CN.with_hours(
    "08:00-12:00,22:00-06:00",
    makeup="22:00-06:00",
    dates={"2024-02-09": "08:00-12:00", "2025-09-30": "08:00-12:00,20:00-07:00"},
)
NEXT_OPEN = CN.with_hours("20:00-08:00", at_close="next_open")  # a result at a close moves to the next opening
CALENDARS = {"night": NIGHT, "mixed": MIXED, "next_open": NEXT_OPEN}
FIRST, LAST = dt.datetime(2019, 1, 2), dt.datetime(2026, 10, 31)
N = 20_000
SECOND = np.timedelta64(1, "s")
# the instants the generator snaps to: openings, closes, midnight
SNAPS = np.array([0, 6 * 3600, 8 * 3600, 12 * 3600, 20 * 3600, 22 * 3600, 7 * 3600], dtype=np.int64)


def _starts(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` wall times in the span: minutes at random, half of them snapped to a boundary (± 1 s, 0 s often)."""
    days = rng.integers(0, (LAST - FIRST).days, n)
    seconds = rng.integers(0, 1440, n) * 60
    snap = rng.random(n) < 0.5
    seconds = np.where(snap, SNAPS[rng.integers(0, SNAPS.size, n)], seconds)
    nudge = rng.choice(np.array([0, 0, 0, -1, 1]), n)
    base = np.datetime64(FIRST, "us") + days.astype("timedelta64[D]") + seconds * SECOND
    return base + nudge * SECOND


def _durations(rng: np.random.Generator, n: int) -> np.ndarray:
    """Working durations: minutes up to 200 hours, whole shifts, a few zeros; half of them negative."""
    minutes = rng.integers(1, 200 * 60, n)
    shifts = rng.integers(1, 25, n) * 8 * 60
    minutes = np.where(rng.random(n) < 0.2, shifts, minutes)
    minutes = np.where(rng.random(n) < 0.01, 0, minutes)
    sign = np.where(rng.random(n) < 0.5, -1, 1)
    return (sign * minutes).astype("timedelta64[m]").astype("timedelta64[us]")


def _dt(v: np.datetime64) -> dt.datetime:
    return v.astype("datetime64[us]").item()  # type: ignore[no-any-return]


def _td(v: np.timedelta64) -> dt.timedelta:
    return v.astype("timedelta64[us]").item()  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", sorted(CALENDARS))
def test_add_agrees_with_the_reference_on_20000_cases(name: str) -> None:
    cal = CALENDARS[name]
    rng = np.random.default_rng(16_05 + len(name))
    starts, durations = _starts(rng, N), _durations(rng, N)
    assert (durations < np.timedelta64(0)).sum() > N // 3
    got = cal.add_working_time(starts, durations)
    assert isinstance(got, np.ndarray)
    bad = []
    for i in range(N):
        want = reference_add(cal, _dt(starts[i]), _td(durations[i]))
        if _dt(got[i]) != want:
            bad.append((i, starts[i], durations[i], got[i], want))
    assert not bad, f"{len(bad)} of {N} differ; first: {bad[:3]}"
    for i in range(0, N, 20):  # the scalar path on every 20th row
        one = cal.add_working_time(_dt(starts[i]), _td(durations[i]))
        assert one.naive() == _dt(got[i]), (starts[i], durations[i])


@pytest.mark.parametrize("name", sorted(CALENDARS))
def test_between_agrees_with_the_reference_on_20000_cases(name: str) -> None:
    cal = CALENDARS[name]
    rng = np.random.default_rng(16_06 + len(name))
    a = _starts(rng, N)
    span = rng.integers(-40 * 24 * 60, 40 * 24 * 60, N).astype("timedelta64[m]")
    b = a + np.where(rng.random(N) < 0.3, (span // 24 // 60) * 24 * 60, span)  # whole days too: same time of day
    b = np.clip(b, np.datetime64(FIRST, "us"), np.datetime64(LAST, "us"))
    assert (b < a).sum() > N // 3
    got = cal.working_time_between(a, b)
    assert isinstance(got, np.ndarray)
    bad = []
    for i in range(N):
        want = reference_between(cal, _dt(a[i]), _dt(b[i]))
        if _td(got[i]) != want:
            bad.append((i, a[i], b[i], got[i], want))
    assert not bad, f"{len(bad)} of {N} differ; first: {bad[:3]}"
    for i in range(0, N, 20):
        assert cal.working_time_between(_dt(a[i]), _dt(b[i])) == _td(got[i])


@pytest.mark.parametrize("name", sorted(CALENDARS))
def test_is_open_next_open_and_close_agree_with_the_reference(name: str) -> None:
    cal = CALENDARS[name]
    rng = np.random.default_rng(16_07 + len(name))
    t = _starts(rng, N)
    is_open, opened = cal.is_open(t), cal.next_open(t)
    assert isinstance(is_open, np.ndarray)
    assert isinstance(opened, np.ndarray)
    for i in range(N):
        w = _dt(t[i])
        assert bool(is_open[i]) == reference_is_open(cal, w), w
        assert _dt(opened[i]) == reference_next_open(cal, w), w
    for i in range(0, N, 20):
        w = _dt(t[i])
        assert cal.is_open(w) == bool(is_open[i])
        assert cal.next_open(w).naive() == _dt(opened[i])  # type: ignore[union-attr]
    days = np.arange(np.datetime64(FIRST.date()), np.datetime64(LAST.date()))
    closes = cal.close_of(days)
    assert isinstance(closes, np.ndarray)
    for day, close in zip(days.tolist(), closes.tolist(), strict=True):
        assert close == reference_close(cal, day), day
    assert (closes.astype("datetime64[D]") > days).sum() > 1000  # most days close on the next day


# -- properties over the Spring Festival ----------------------------------------------------------

FESTIVALS = [(dt.datetime(2024, 1, 25), dt.datetime(2024, 3, 1)), (dt.datetime(2025, 1, 15), dt.datetime(2025, 2, 20))]


@st.composite
def instants(draw: st.DrawFn) -> dt.datetime:
    lo, hi = draw(st.sampled_from(FESTIVALS))
    t = lo + dt.timedelta(minutes=draw(st.integers(0, int((hi - lo).total_seconds()) // 60)))
    snap = draw(st.sampled_from([None, None, 22, 6, 0]))
    if snap is not None:
        t = t.replace(hour=snap, minute=0)
    return t + dt.timedelta(seconds=draw(st.sampled_from([0, 0, -1, 1])))


hours = st.integers(1, 120 * 60).map(lambda m: dt.timedelta(minutes=m))


def _open(t: dt.datetime) -> dt.datetime:
    """``t`` if it is a working instant, else the next opening."""
    return t if NIGHT.is_open(t) else NIGHT.next_open(t).naive()


def _add(t: dt.datetime, d: dt.timedelta) -> dt.datetime:
    return NIGHT.add_working_time(t, d).naive()


@given(instants(), hours, st.booleans())
@settings(max_examples=300, deadline=None)
def test_round_trip(t: dt.datetime, d: dt.timedelta, back: bool) -> None:
    a = _open(t)
    d = -d if back else d
    assert NIGHT.working_time_between(a, _add(a, d)) == d
    assert NIGHT.working_time_between(t, _add(t, d)) == d  # from any instant too


@given(instants(), hours, hours, st.booleans())
@settings(max_examples=300, deadline=None)
def test_monotone_in_the_duration(t: dt.datetime, x: dt.timedelta, y: dt.timedelta, back: bool) -> None:
    lo, hi = sorted((x, y))
    if back:
        lo, hi = -hi, -lo
    assert _add(t, lo) <= _add(t, hi)


@given(instants(), instants(), hours, st.booleans())
@settings(max_examples=300, deadline=None)
def test_monotone_in_the_start(s: dt.datetime, t: dt.datetime, d: dt.timedelta, back: bool) -> None:
    s, t = sorted((s, t))
    d = -d if back else d
    assert _add(s, d) <= _add(t, d)
    assert NIGHT.working_time_between(s, t) >= dt.timedelta(0)


@given(instants(), hours, hours, st.booleans())
@settings(max_examples=300, deadline=None)
def test_adding_in_two_steps(t: dt.datetime, x: dt.timedelta, y: dt.timedelta, back: bool) -> None:
    """add(add(a, x), y) == add(a, x + y) for x and y of the same sign (a result at a close stays there)."""
    if back:
        x, y = -x, -y
    assert _add(_add(t, x), y) == _add(t, x + y)


@given(instants(), hours)
@settings(max_examples=200, deadline=None)
def test_results_are_working_instants(t: dt.datetime, d: dt.timedelta) -> None:
    """Forward: inside a shift or exactly at its close (06:00); backward: inside a shift."""
    r = _add(t, d)
    assert NIGHT.is_open(r) or (r.hour, r.minute, r.second) == (6, 0, 0)
    assert NIGHT.is_open(_add(t, -d))


# -- deadlines: the close of business is the shift's end; scalar and column agree -------------------------

PROJECTED = sc.calendar("CN", horizon="projected").with_hours("08:00-12:00,22:00-06:00")


@pytest.mark.parametrize("period", ["3 workdays", "1个月", "10 working hours", "2 days"])
def test_deadlines_with_close_of_business_agree(period: str) -> None:
    """``sc.deadlines`` equals ``sc.deadline`` row by row, due and provisional, up to the official end."""
    conv = sc.Convention(close_of_business="hours")
    rng = np.random.default_rng(1607)
    days = rng.integers(0, 120, 400)
    first = np.datetime64("2026-09-01T00:00", "us")
    starts = first + days.astype("timedelta64[D]") + rng.integers(0, 1440, 400).astype("timedelta64[m]")
    starts[:48] = np.datetime64("2026-12-24T10:00", "us") + np.arange(48).astype("timedelta64[h]") * 4
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        col = sc.deadlines(starts, period, calendar=PROJECTED, convention=conv)
        for i, t in enumerate(starts):
            one = sc.deadline(_dt(t), period, calendar=PROJECTED, convention=conv)
            assert one is not None
            assert one.due.naive() == _dt(col.due[i]), (t, one)
            assert one.provisional == bool(col.provisional[i]), (t, one)
    spilled = col.due.astype("datetime64[h]").astype(np.int64) % 24 < 7
    assert spilled.any()  # some in a night shift after midnight, or at its end
    assert col.provisional.any()
    assert not col.provisional.all()


@pytest.mark.parametrize("horizon", ["official", "projected"])
@pytest.mark.parametrize("period", ["1分钟", "24小时"])
def test_a_rolled_clock_period_reads_the_close_only_of_the_rows_it_rolls(horizon: str, period: str) -> None:
    """Found by a fuzz: clock time rolled to a workday (``roll_clock_time``) read the night shift's close of every
    row's last day, rolled or not. On 2026-12-31 the shift closes on 2027-01-01, past the official data: a row that
    needs no roll was refused (official) or marked provisional (projected) beside a row that rolls, and answered
    alone. Row by row now, as the scalar does."""
    cal = sc.calendar("CN", horizon=horizon).with_hours("22:00-06:00")
    conv = sc.Convention(roll_clock_time=True, close_of_business="hours")
    rng = np.random.default_rng(31)
    first = np.datetime64("2026-11-20T00:00", "m")
    starts = first + rng.integers(0, 40 * 1440 - 2 * 1440, 300).astype("timedelta64[m]")
    starts[:2] = np.array(["2026-11-21T11:00", "2026-12-31T15:30"], dtype="datetime64[m]")  # a Saturday, a workday
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        want = []
        for t in starts:
            try:
                one = sc.deadline(_dt(t), period, calendar=cal, convention=conv)
            except sc.CalendarHorizonError:
                one = None
            want.append(one)
        ok = np.array([w is not None for w in want])
        col = sc.deadlines(starts[ok], period, calendar=cal, convention=conv)
    answered = [w for w in want if w is not None]
    assert ok[0]
    assert ok[1] == (period == "1分钟" or horizon == "projected")  # 24 hours from 12-31 15:30 end past the data
    assert len(answered) > 100
    for i, one in enumerate(answered):
        assert one.due.naive() == _dt(col.due[i]), (i, one)
        assert one.provisional == bool(col.provisional[i]), (i, one)


def test_a_missing_instant_on_a_projected_calendar_is_not_read_as_one() -> None:
    """Found by Hypothesis: a NaT row's filled value was read for the provisional warning (an overflow)."""
    cal = sc.calendar("TW", horizon="projected").with_hours("", saturday="00:00-24:00")
    t = np.array(["NaT"], "datetime64[h]")
    assert np.isnat(cal.next_open(t)).all()
    assert not cal.is_open(t).any()
