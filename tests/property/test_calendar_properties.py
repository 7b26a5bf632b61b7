"""Property tests of working-day arithmetic on :class:`slaclock.WorkCalendar`.

Every test states its invariant in its docstring. Dates are drawn inside the
official coverage (2004-01-01..2026-12-31) with a margin so that ``|n| <= 60``
workdays never leave it, and days around holidays and makeup workdays (调休上班)
are oversampled: most bugs of a working-day calendar live next to them.

Oracles, in decreasing order of independence:

* brute force over ``is_workday`` (counts, "no workday strictly between");
* numpy's ``busday_offset`` / ``busday_count`` / ``is_busday``, either on a
  custom calendar numpy can express, or on the CN calendar rewritten for numpy
  as a seven-day week whose every rest day is a holiday;
* the library itself along another path (scalar fast path against the vector
  path, ``date`` against ``datetime``/ISO string/``datetime64``, the official
  calendar against the projected one).
"""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from collections.abc import Callable
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import slaclock as sc

# -- constants ------------------------------------------------------------------------------

OFFICIAL_FIRST = dt.date(2004, 1, 1)
OFFICIAL_LAST = dt.date(2026, 12, 31)
PROJECTED_LAST = dt.date(2056, 12, 31)
SAFE_FIRST = dt.date(2004, 4, 15)  # 60 workdays before it are still covered (Spring Festival 2004 included)
SAFE_LAST = dt.date(2026, 9, 30)  # 60 workdays after it are still covered
MAX_STEP = 60
ONE_DAY = dt.timedelta(days=1)
SHANGHAI = ZoneInfo("Asia/Shanghai")

ROLL_MODES = (
    "raise",
    "nat",
    "forward",
    "following",
    "backward",
    "preceding",
    "modifiedfollowing",
    "modifiedpreceding",
)
MOVING_ROLL_MODES = tuple(m for m in ROLL_MODES if m not in ("raise", "nat"))
NUMPY_WEEKMASKS = ("1111100", "1111110", "0111110")

CN = sc.calendar("CN")
PROJECTED = sc.calendar("CN", horizon="projected")
REGION_CALENDARS = tuple(sc.calendar(r) for r in ("CN", "HK", "MO", "TW"))

# Makeup Saturdays/Sundays, Spring Festival and National Day edges, named in the brief.
FIXED_INTERESTING = (
    dt.date(2026, 2, 14),
    dt.date(2026, 2, 28),
    dt.date(2026, 10, 10),
    dt.date(2025, 9, 28),
    dt.date(2025, 10, 11),
    dt.date(2025, 1, 26),
    dt.date(2026, 1, 4),
    dt.date(2026, 2, 15),
    dt.date(2026, 2, 13),
    dt.date(2025, 10, 1),
    dt.date(2025, 9, 30),
    dt.date(2025, 10, 8),
    dt.date(2025, 1, 28),
    dt.date(2025, 2, 5),
    dt.date(2005, 12, 31),
)


def _all_days(first: dt.date, last: dt.date) -> np.ndarray:
    return np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)


@functools.cache
def _interesting_days() -> tuple[dt.date, ...]:
    """Every CN makeup workday, and the edges of every rest run of 3+ days, in the safe range."""
    days = _all_days(SAFE_FIRST, SAFE_LAST)
    work = np.asarray(CN.is_workday(days))
    kinds = np.asarray(CN.day_kind(days))
    picks = set(days[kinds == sc.DayKind.MAKEUP_WORKDAY.value].tolist())
    starts = np.flatnonzero(work[:-1] & ~work[1:]) + 1  # first rest day of a run
    ends = np.flatnonzero(~work[:-1] & work[1:])  # last rest day of a run
    for s in starts:
        e = ends[ends >= s]
        if e.size and e[0] - s >= 2:
            for i in (s - 1, s, s + 1, e[0] - 1, e[0], e[0] + 1):
                picks.add(days[i].item())
    picks.update(d for d in FIXED_INTERESTING if SAFE_FIRST <= d <= SAFE_LAST)
    return tuple(sorted(picks))


# -- strategies -----------------------------------------------------------------------------


def dates(first: dt.date = SAFE_FIRST, last: dt.date = SAFE_LAST) -> st.SearchStrategy[dt.date]:
    """Any date in [first, last], often one next to a holiday or a makeup workday."""
    near = [d for d in _interesting_days() if first <= d <= last]
    uniform = st.dates(min_value=first, max_value=last)
    return st.one_of(uniform, st.sampled_from(near)) if near else uniform


steps = st.integers(min_value=-MAX_STEP, max_value=MAX_STEP)
nonzero_steps = steps.filter(bool)
region_calendars = st.sampled_from(REGION_CALENDARS)


@st.composite
def calendar_and_workday(draw: st.DrawFn) -> tuple[sc.WorkCalendar, dt.date]:
    cal = draw(region_calendars)
    return cal, draw(dates().filter(cal.is_workday))


@st.composite
def nearby_dates(draw: st.DrawFn, count: int) -> list[dt.date]:
    """``count`` dates in the safe range, usually within a few months of each other."""
    anchor = draw(dates())
    spread = draw(st.sampled_from((10, 60, 400, 9000)))
    return [
        min(max(anchor + dt.timedelta(days=draw(st.integers(-spread, spread))), SAFE_FIRST), SAFE_LAST)
        for _ in range(count)
    ]


date_lists = st.lists(dates(), max_size=25)


@st.composite
def dates_and_steps(draw: st.DrawFn) -> tuple[list[dt.date], list[int]]:
    ds = draw(date_lists)
    return ds, draw(st.lists(steps, min_size=len(ds), max_size=len(ds)))


def _d64(values: list[dt.date | None]) -> np.ndarray:
    return np.array(["NaT" if v is None else v.isoformat() for v in values], dtype="datetime64[D]")


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal datetime64[D] arrays, NaT equal to NaT."""
    a, b = np.asarray(a), np.asarray(b)
    return (
        a.dtype == b.dtype == np.dtype("datetime64[D]")
        and a.shape == b.shape
        and np.array_equal(a.view("i8"), b.view("i8"))
    )


def _brute_count(cal: sc.WorkCalendar, a: dt.date, b: dt.date) -> int:
    lo, hi = min(a, b), max(a, b)
    total = sum(cal.is_workday(lo + dt.timedelta(days=k)) for k in range((hi - lo).days))
    return total if a <= b else -total


# -- 1. counting back what was added ----------------------------------------------------------


@settings(max_examples=300)
@given(case=calendar_and_workday(), n=steps)
def test_count_to_offset_from_workday_is_n(case: tuple[sc.WorkCalendar, dt.date], n: int) -> None:
    """For a workday d: workdays_between(d, add_workdays(d, n)) == n, for every n (numpy's busday_count law)."""
    cal, d = case
    assert cal.workdays_between(d, cal.add_workdays(d, n)) == n


@settings(max_examples=300)
@given(cal=region_calendars, d=dates(), n=steps)
@example(cal=CN, d=dt.date(2026, 10, 1), n=1)
@example(cal=CN, d=dt.date(2026, 10, 1), n=-1)
def test_count_to_offset_from_any_day(cal: sc.WorkCalendar, d: dt.date, n: int) -> None:
    """For any d: workdays_between(d, add_workdays(d, n)) == n - 1 if d is a rest day and n > 0, else n.

    With r = add_workdays(d, n) and the half-open range [d, r):
    n > 0: r is the n-th workday strictly after d, so (d, r) holds n - 1 workdays and d adds one
    only if it is a workday; n < 0: r is the |n|-th workday strictly before d, so [r, d) holds
    r and the |n| - 1 between, whatever d is, and the count is -|n| = n; n = 0: r = d, count 0.
    """
    expected = n - 1 if n > 0 and not cal.is_workday(d) else n
    assert cal.workdays_between(d, cal.add_workdays(d, n)) == expected


# -- 2. add then subtract ---------------------------------------------------------------------


@settings(max_examples=300)
@given(case=calendar_and_workday(), n=steps)
def test_add_then_subtract_returns_to_workday(case: tuple[sc.WorkCalendar, dt.date], n: int) -> None:
    """For a workday d: add_workdays(add_workdays(d, n), -n) == d."""
    cal, d = case
    assert cal.add_workdays(cal.add_workdays(d, n), -n) == d


@settings(max_examples=200)
@given(cal=region_calendars, d=dates(), n=nonzero_steps)
def test_add_then_subtract_from_any_day_rolls(cal: sc.WorkCalendar, d: dt.date, n: int) -> None:
    """For any d and n != 0: add_workdays(add_workdays(d, n), -n) is d rolled backward (n > 0) or forward (n < 0).

    add_workdays(d, n) counts from the last workday <= d when n > 0 (the first workday >= d when n < 0),
    so undoing it lands there; on a workday both rolls are d itself.
    """
    back = cal.add_workdays(cal.add_workdays(d, n), -n)
    assert back == cal.roll(d, "backward" if n > 0 else "forward")


# -- 3. monotonicity --------------------------------------------------------------------------


@settings(max_examples=200)
@given(cal=region_calendars, d=dates(), n1=steps, n2=steps)
def test_add_workdays_strictly_increasing_in_n(cal: sc.WorkCalendar, d: dt.date, n1: int, n2: int) -> None:
    """n1 < n2 implies add_workdays(d, n1) < add_workdays(d, n2), for every d, n = 0 included.

    Even on a rest day d: add(d, -1) < d == add(d, 0) < add(d, 1), because n != 0 never
    returns the start day.
    """
    lo, hi = sorted((n1, n2))
    if lo == hi:
        assert cal.add_workdays(d, lo) == cal.add_workdays(d, hi)
    else:
        assert cal.add_workdays(d, lo) < cal.add_workdays(d, hi)


@settings(max_examples=200)
@given(cal=region_calendars, ds=nearby_dates(2), n=steps)
def test_add_workdays_monotone_in_start(cal: sc.WorkCalendar, ds: list[dt.date], n: int) -> None:
    """d1 <= d2 implies add_workdays(d1, n) <= add_workdays(d2, n); strictly when both are workdays.

    Between workdays, add_workdays(., n) is a shift along the sequence of workdays, hence injective.
    """
    d1, d2 = sorted(ds)
    r1, r2 = cal.add_workdays(d1, n), cal.add_workdays(d2, n)
    assert r1 <= r2
    if d1 < d2 and cal.is_workday(d1) and cal.is_workday(d2):
        assert r1 < r2


# -- 4. landing on workdays -------------------------------------------------------------------


@settings(max_examples=300)
@given(cal=region_calendars, d=dates(), n=nonzero_steps)
def test_offset_lands_on_workday(cal: sc.WorkCalendar, d: dt.date, n: int) -> None:
    """For n != 0, add_workdays(d, n) is a workday, after d when n > 0 and before it when n < 0."""
    r = cal.add_workdays(d, n)
    assert cal.is_workday(r)
    assert (r > d) if n > 0 else (r < d)


@settings(max_examples=300)
@given(cal=region_calendars, d=dates())
def test_next_and_previous_workday_are_adjacent(cal: sc.WorkCalendar, d: dt.date) -> None:
    """previous_workday(d) < d < next_workday(d), both workdays, with no workday strictly between them and d."""
    nxt, prev = cal.next_workday(d), cal.previous_workday(d)
    assert prev < d < nxt
    assert cal.is_workday(nxt)
    assert cal.is_workday(prev)
    for k in range(1, (nxt - d).days):
        assert not cal.is_workday(d + dt.timedelta(days=k))
    for k in range(1, (d - prev).days):
        assert not cal.is_workday(d - dt.timedelta(days=k))
    assert nxt == cal.add_workdays(d, 1)
    assert prev == cal.add_workdays(d, -1)


# -- 5. counts --------------------------------------------------------------------------------


@settings(max_examples=200)
@given(cal=region_calendars, ds=nearby_dates(3))
def test_workdays_between_antisymmetric_and_additive(cal: sc.WorkCalendar, ds: list[dt.date]) -> None:
    """between(a, b) == -between(b, a); between(a, b) + between(b, c) == between(a, c); between(a, a) == 0."""
    a, b, c = ds
    assert cal.workdays_between(a, b) == -cal.workdays_between(b, a)
    assert cal.workdays_between(a, b) + cal.workdays_between(b, c) == cal.workdays_between(a, c)
    assert cal.workdays_between(a, a) == 0


@settings(max_examples=100)
@given(cal=region_calendars, ds=nearby_dates(2))
def test_workdays_between_is_brute_force_count(cal: sc.WorkCalendar, ds: list[dt.date]) -> None:
    """between(a, b) is the number of d in [a, b) with is_workday(d) (negated when b < a)."""
    a, b = ds
    assert cal.workdays_between(a, b) == _brute_count(cal, a, b)


# -- 6. scalar and vector paths agree ---------------------------------------------------------


@settings(max_examples=150)
@given(cal=region_calendars, case=dates_and_steps(), n0=steps)
def test_vector_add_workdays_matches_scalar(
    cal: sc.WorkCalendar, case: tuple[list[dt.date], list[int]], n0: int
) -> None:
    """add_workdays on a datetime64[D] array (with an n array, or one int n) equals the scalar call elementwise.

    Also for a list of dates and a list of ISO strings; a date in gives a date out.
    """
    ds, ns = case
    arr = _d64(ds)
    scalar = [cal.add_workdays(d, n) for d, n in zip(ds, ns, strict=True)]
    assert all(type(r) is dt.date for r in scalar)
    assert _same(cal.add_workdays(arr, np.array(ns, dtype=np.int64)), _d64(scalar))
    assert _same(cal.add_workdays(arr, n0), _d64([cal.add_workdays(d, n0) for d in ds]))
    assert _same(cal.add_workdays(arr.reshape(1, -1), n0), _d64([cal.add_workdays(d, n0) for d in ds]).reshape(1, -1))
    if ds:
        assert _same(cal.add_workdays(ds, ns), _d64(scalar))
        assert _same(cal.add_workdays([d.isoformat() for d in ds], ns), _d64(scalar))


@settings(max_examples=150)
@given(cal=region_calendars, ds=date_lists)
def test_vector_day_queries_match_scalar(cal: sc.WorkCalendar, ds: list[dt.date]) -> None:
    """is_workday, day_kind, next_workday, previous_workday and is_provisional on an array equal the scalar calls."""
    arr = _d64(ds)
    work = cal.is_workday(arr)
    assert work.dtype == np.bool_
    assert work.tolist() == [cal.is_workday(d) for d in ds]
    assert all(type(cal.is_workday(d)) is bool for d in ds)
    assert cal.day_kind(arr).tolist() == [cal.day_kind(d).value for d in ds]
    assert _same(cal.next_workday(arr), _d64([cal.next_workday(d) for d in ds]))
    assert _same(cal.previous_workday(arr), _d64([cal.previous_workday(d) for d in ds]))
    assert cal.is_provisional(arr).tolist() == [False] * len(ds)


@settings(max_examples=150)
@given(cal=region_calendars, ds=date_lists, data=st.data())
def test_vector_workdays_between_matches_scalar(cal: sc.WorkCalendar, ds: list[dt.date], data: st.DataObject) -> None:
    """workdays_between on two datetime64[D] arrays equals the scalar call elementwise (and returns int for dates)."""
    bs = data.draw(st.lists(dates(), min_size=len(ds), max_size=len(ds)), label="bs")
    scalar = [cal.workdays_between(a, b) for a, b in zip(ds, bs, strict=True)]
    assert all(type(c) is int for c in scalar)
    counts = cal.workdays_between(_d64(ds), _d64(bs))
    assert counts.dtype == np.int64
    assert counts.tolist() == scalar
    if ds:
        assert cal.workdays_between(_d64(ds), bs[0]).tolist() == [cal.workdays_between(a, bs[0]) for a in ds]


@settings(max_examples=100)
@given(cal=region_calendars, ds=date_lists)
def test_vector_roll_matches_scalar(cal: sc.WorkCalendar, ds: list[dt.date]) -> None:
    """roll(array, mode) equals roll(date, mode) elementwise for every mode.

    "nat": the scalar gives None where the array gives NaT. "raise": the array raises
    NonWorkdayError exactly when some element is a rest day, as the scalar does for that element.
    """
    arr = _d64(ds)
    rest = [not cal.is_workday(d) for d in ds]
    for mode in ROLL_MODES:
        if mode == "raise":
            for d, is_rest in zip(ds, rest, strict=True):
                if is_rest:
                    with pytest.raises(sc.NonWorkdayError):
                        cal.roll(d, mode)
                else:
                    assert cal.roll(d, mode) == d
            if any(rest):
                with pytest.raises(sc.NonWorkdayError):
                    cal.roll(arr, mode)
            else:
                assert _same(cal.roll(arr, mode), arr)
            continue
        scalar = [cal.roll(d, mode) for d in ds]
        assert all(r is None or type(r) is dt.date for r in scalar)
        assert _same(cal.roll(arr, mode), _d64(scalar)), mode


@settings(max_examples=150)
@given(
    cal=region_calendars,
    d=dates(),
    n=steps,
    b=dates(),
    clock=st.times(),
)
def test_datetime_string_and_datetime64_inputs_match_date(
    cal: sc.WorkCalendar, d: dt.date, n: int, b: dt.date, clock: dt.time
) -> None:
    """A naive datetime (any time of day), an ISO string, a datetime64 and np.int64 n give the date's answers.

    These inputs bypass the scalar fast path (which takes only a plain ``date`` and ``int``),
    so this compares the fast path with the general one.
    """
    naive = dt.datetime.combine(d, clock)
    iso = d.isoformat()
    d64 = np.datetime64(d, "D")
    for x in (naive, iso, f" {iso} ", naive.isoformat()):
        assert cal.is_workday(x) == cal.is_workday(d)
        assert cal.day_kind(x) is cal.day_kind(d)
        assert cal.add_workdays(x, n) == cal.add_workdays(d, n)
        assert type(cal.add_workdays(x, n)) is dt.date
        assert cal.workdays_between(x, b) == cal.workdays_between(d, b)
        assert cal.roll(x, "modifiedfollowing") == cal.roll(d, "modifiedfollowing")
    assert cal.add_workdays(d, np.int64(n)) == cal.add_workdays(d, n)
    assert cal.add_workdays(d64, n) == np.datetime64(cal.add_workdays(d, n), "D")
    assert bool(cal.is_workday(d64)) == cal.is_workday(d)
    assert cal.roll(d64, "backward") == np.datetime64(cal.roll(d, "backward"), "D")
    assert cal.add_workdays(np.datetime64(naive, "s"), n) == np.datetime64(cal.add_workdays(d, n), "D")


@settings(max_examples=200)
@given(
    x=st.datetimes(
        min_value=dt.datetime(2004, 4, 16),
        max_value=dt.datetime(2026, 9, 29),
        timezones=st.timezones(),
    ),
    n=steps,
)
@example(x=dt.datetime(2026, 2, 13, 20, 0, tzinfo=dt.UTC), n=1)
@example(x=dt.datetime(2026, 2, 14, 15, 59, 59, tzinfo=dt.UTC), n=-1)
def test_aware_datetime_uses_civil_date_in_calendar_zone(x: dt.datetime, n: int) -> None:
    """For an aware datetime x, every query answers as for x.astimezone(Asia/Shanghai).date().

    Also through its ISO string with offset, and inside a list (the vector path).
    """
    civil = x.astimezone(SHANGHAI).date()
    for y in (x, x.isoformat()):
        assert CN.is_workday(y) == CN.is_workday(civil)
        assert CN.day_kind(y) is CN.day_kind(civil)
        assert CN.add_workdays(y, n) == CN.add_workdays(civil, n)
        assert CN.roll(y, "forward") == CN.roll(civil, "forward")
        assert CN.workdays_between(y, civil) == 0
    assert _same(CN.add_workdays([x], n), _d64([CN.add_workdays(civil, n)]))
    assert CN.is_workday([x]).tolist() == [CN.is_workday(civil)]


def test_utc_evening_before_makeup_saturday_is_that_saturday_in_shanghai() -> None:
    """2026-02-13T20:00Z is 2026-02-14 (a makeup Saturday) in Asia/Shanghai, not Friday 2026-02-13."""
    x = dt.datetime(2026, 2, 13, 20, 0, tzinfo=dt.UTC)
    assert CN.day_kind(x) is sc.DayKind.MAKEUP_WORKDAY
    assert CN.add_workdays(x, 1) == CN.add_workdays(dt.date(2026, 2, 14), 1)
    assert CN.add_workdays(x, 1) != CN.add_workdays(dt.date(2026, 2, 13), 1)


# -- 7. NaT -----------------------------------------------------------------------------------


@settings(max_examples=150)
@given(
    cal=region_calendars,
    ds=st.lists(st.one_of(st.none(), dates()), min_size=1, max_size=25),
    data=st.data(),
)
def test_nat_in_nat_out(cal: sc.WorkCalendar, ds: list[dt.date | None], data: st.DataObject) -> None:
    """NaT positions give NaT (add_workdays, roll, next/previous), False (is_workday) or "" (day_kind).

    The other positions equal the scalar answers, as if the NaTs were not there; counts refuse NaT.
    """
    ns = data.draw(st.lists(steps, min_size=len(ds), max_size=len(ds)), label="ns")
    n0 = data.draw(steps, label="n0")
    arr = _d64(ds)

    def expect(f: Callable[[dt.date], dt.date | None]) -> np.ndarray:
        return _d64([None if d is None else f(d) for d in ds])

    assert _same(
        cal.add_workdays(arr, np.array(ns)),
        _d64([None if d is None else cal.add_workdays(d, n) for d, n in zip(ds, ns, strict=True)]),
    )
    assert _same(cal.add_workdays(arr, n0), expect(lambda d: cal.add_workdays(d, n0)))
    assert _same(cal.add_workdays(arr, 0), arr)
    for mode in MOVING_ROLL_MODES:
        assert _same(cal.roll(arr, mode), expect(lambda d, m=mode: cal.roll(d, m)))
    assert _same(cal.roll(arr, "nat"), expect(lambda d: cal.roll(d, "nat")))
    assert _same(cal.next_workday(arr), expect(cal.next_workday))
    assert _same(cal.previous_workday(arr), expect(cal.previous_workday))
    assert cal.is_workday(arr).tolist() == [d is not None and cal.is_workday(d) for d in ds]
    assert cal.day_kind(arr).tolist() == ["" if d is None else cal.day_kind(d).value for d in ds]
    assert cal.is_provisional(arr).tolist() == [False] * len(ds)
    if any(d is None for d in ds):
        with pytest.raises(sc.InvalidInputError):
            cal.workdays_between(arr, arr)


# -- 8. numpy parity --------------------------------------------------------------------------


@st.composite
def numpy_cases(draw: st.DrawFn) -> tuple[sc.WorkCalendar, np.busdaycalendar, np.ndarray, np.ndarray]:
    """A custom calendar with up to 40 holidays in a 4-month window, numpy's twin of it, and dates near it."""
    weekmask = draw(st.sampled_from(NUMPY_WEEKMASKS))
    base = draw(st.dates(min_value=dt.date(2004, 9, 1), max_value=dt.date(2026, 3, 31)))
    holidays = sorted(base + dt.timedelta(days=k) for k in draw(st.sets(st.integers(0, 120), max_size=40)))
    cal = sc.custom_calendar(weekmask, holidays=holidays, first=OFFICIAL_FIRST, last=OFFICIAL_LAST, tz="UTC")
    busdaycal = np.busdaycalendar(weekmask=weekmask, holidays=_d64(list(holidays)))
    offsets = draw(st.lists(st.integers(-30, 150), min_size=1, max_size=30))
    ds = _d64([base + dt.timedelta(days=k) for k in offsets])
    ns = np.array(draw(st.lists(steps, min_size=len(offsets), max_size=len(offsets))), dtype=np.int64)
    return cal, busdaycal, ds, ns


@functools.cache
def _cn_as_numpy() -> np.busdaycalendar:
    """The CN calendar in numpy's model: a seven-day week whose every rest day is a holiday."""
    days = _all_days(OFFICIAL_FIRST, OFFICIAL_LAST)
    return np.busdaycalendar(weekmask="1111111", holidays=days[~CN.is_workday(days)])


@st.composite
def cn_numpy_cases(draw: st.DrawFn) -> tuple[sc.WorkCalendar, np.busdaycalendar, np.ndarray, np.ndarray]:
    ds = draw(st.lists(dates(), min_size=1, max_size=30))
    ns = draw(st.lists(steps, min_size=len(ds), max_size=len(ds)))
    return CN, _cn_as_numpy(), _d64(ds), np.array(ns, dtype=np.int64)


numpy_parity_cases = st.one_of(numpy_cases(), cn_numpy_cases())


def _numpy_add(ds: np.ndarray, ns: np.ndarray, busdaycal: np.busdaycalendar) -> np.ndarray:
    fwd = np.busday_offset(ds, ns, roll="backward", busdaycal=busdaycal)
    back = np.busday_offset(ds, ns, roll="forward", busdaycal=busdaycal)
    return np.where(ns > 0, fwd, np.where(ns < 0, back, ds))


@settings(max_examples=150)
@given(case=numpy_parity_cases)
def test_numpy_parity_add_workdays(case: tuple[sc.WorkCalendar, np.busdaycalendar, np.ndarray, np.ndarray]) -> None:
    """add_workdays(d, n) == busday_offset(d, n, roll="backward" if n > 0 else "forward"), and d for n == 0.

    Checked on custom calendars numpy can express (weekmasks 1111100, 1111110, 0111110) and on CN,
    rewritten for numpy as a seven-day week whose every rest day is a holiday; both paths.
    """
    cal, busdaycal, ds, ns = case
    expected = _numpy_add(ds, ns, busdaycal)
    assert _same(cal.add_workdays(ds, ns), expected)
    for d, n, e in zip(ds.tolist(), ns.tolist(), expected.tolist(), strict=True):
        assert cal.add_workdays(d, n) == e


@settings(max_examples=150)
@given(case=numpy_parity_cases)
def test_numpy_parity_roll(case: tuple[sc.WorkCalendar, np.busdaycalendar, np.ndarray, np.ndarray]) -> None:
    """roll(d, mode) == busday_offset(d, 0, roll=mode) for every numpy mode.

    "nat": numpy gives NaT on a rest day (slaclock: NaT in arrays, None for a scalar);
    "raise": numpy raises ValueError exactly when slaclock raises NonWorkdayError (a ValueError).
    """
    cal, busdaycal, ds, _ = case
    for mode in ROLL_MODES:
        if mode == "raise":
            for d in ds.tolist():
                try:
                    np.busday_offset(d, 0, roll="raise", busdaycal=busdaycal)
                except ValueError:
                    with pytest.raises(sc.NonWorkdayError):
                        cal.roll(d, mode)
                else:
                    assert cal.roll(d, mode) == d
            continue
        expected = np.busday_offset(ds, 0, roll=mode, busdaycal=busdaycal)
        assert _same(cal.roll(ds, mode), expected), mode
        scalar = [cal.roll(d, mode) for d in ds.tolist()]
        assert _same(_d64(scalar), expected), mode


@settings(max_examples=150)
@given(case=numpy_parity_cases, data=st.data())
def test_numpy_parity_counts_and_workdays(
    case: tuple[sc.WorkCalendar, np.busdaycalendar, np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    """workdays_between(a, b) == busday_count(a, b) for a <= b, == -busday_count(b, a) for a > b;
    is_workday(d) == is_busday(d).

    numpy (2.4) is not antisymmetric: for a > b, busday_count(a, b) counts (b, a], not [b, a)
    (numpy/numpy#23197), so slaclock, which counts -[b, a) as documented, is compared with
    -busday_count(b, a) there.
    """
    cal, busdaycal, ds, _ = case
    perm = data.draw(st.permutations(range(len(ds))), label="perm")
    bs = ds[list(perm)]
    lo, hi = np.minimum(ds, bs), np.maximum(ds, bs)
    expected = np.where(ds <= bs, 1, -1) * np.busday_count(lo, hi, busdaycal=busdaycal)
    assert cal.workdays_between(ds, bs).tolist() == expected.tolist()
    assert cal.is_workday(ds).tolist() == np.is_busday(ds, busdaycal=busdaycal).tolist()
    for a, b, e in zip(ds.tolist(), bs.tolist(), expected.tolist(), strict=True):
        assert cal.workdays_between(a, b) == e


# -- 9. months --------------------------------------------------------------------------------

months = st.tuples(st.integers(2004, 2026), st.integers(1, 12))


@settings(max_examples=150)
@given(cal=region_calendars, ym=months)
@example(cal=CN, ym=(2026, 12))
@example(cal=CN, ym=(2026, 10))
@example(cal=CN, ym=(2004, 1))
def test_nth_workday_of_month(cal: sc.WorkCalendar, ym: tuple[int, int]) -> None:
    """For n in 1..W (W = workdays_in_month): nth(n) strictly increases, stays in the month, is a workday;
    nth(-k) == nth(W + 1 - k); W == workdays_between(first of month, first of next month);
    n = 0 and |n| > W are refused.
    """
    year, month = ym
    first = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    total = cal.workdays_in_month(year, month)
    assert total == cal.workdays_between(first, nxt)
    assert total == _brute_count(cal, first, nxt)
    forward = [cal.nth_workday_of_month(year, month, n) for n in range(1, total + 1)]
    assert forward == sorted(set(forward))
    assert all((d.year, d.month) == (year, month) and cal.is_workday(d) for d in forward)
    assert [cal.nth_workday_of_month(year, month, -k) for k in range(1, total + 1)] == forward[::-1]
    if total:
        assert cal.nth_workday_of_month(year, month, -1) == forward[-1]
        assert cal.nth_workday_of_month(year, month, 1) == cal.roll(first, "forward")
    for bad in (0, total + 1, -total - 1):
        with pytest.raises(sc.InvalidInputError):
            cal.nth_workday_of_month(year, month, bad)


@st.composite
def month_aligned_custom_calendars(draw: st.DrawFn) -> sc.WorkCalendar:
    """A custom calendar covering whole months (1 to 3), so its first or last day is often a rest day."""
    year, month = draw(months)
    length = draw(st.integers(1, 3))
    first = dt.date(year, month, 1)
    end_y, end_m = divmod(month - 1 + length, 12)
    last = dt.date(year + end_y, end_m + 1, 1) - ONE_DAY
    return sc.custom_calendar(draw(st.sampled_from(NUMPY_WEEKMASKS)), first=first, last=last, tz="UTC")


@st.composite
def calendar_and_covered_day(draw: st.DrawFn) -> tuple[sc.WorkCalendar, dt.date]:
    """A region calendar or a month-aligned custom one, and any day it covers (often its first or last)."""
    cal = draw(st.one_of(region_calendars, month_aligned_custom_calendars()))
    edges = st.sampled_from((cal.first_day, cal.first_day + ONE_DAY, cal.last_day - ONE_DAY, cal.last_day))
    return cal, draw(st.one_of(st.dates(min_value=cal.first_day, max_value=cal.last_day), edges))


@settings(max_examples=150)
@given(case=calendar_and_covered_day())
@example(case=(CN, OFFICIAL_FIRST))  # a holiday, the first covered day
@example(case=(sc.custom_calendar("1111100", first="2026-01-01", last="2026-05-31", tz="UTC"), dt.date(2026, 5, 31)))
def test_modified_roll_stays_in_month_at_coverage_edges(case: tuple[sc.WorkCalendar, dt.date]) -> None:
    """For any covered d in a wholly covered month with a workday, roll(d, "modifiedfollowing") is the first
    workday >= d in d's month, else the last one before d; "modifiedpreceding" the reverse. Both stay in the
    month and never raise, even on the first or last covered day: a workday outside the covered days is
    necessarily in another month, so the answer is known from the covered days alone.
    """
    cal, d = case
    first = d.replace(day=1)
    nxt = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    month_days = [first + dt.timedelta(days=k) for k in range((nxt - first).days)]
    workdays = [x for x in month_days if cal.is_workday(x)]
    assert workdays
    after = [w for w in workdays if w >= d]
    before = [w for w in workdays if w <= d]
    assert cal.roll(d, "modifiedfollowing") == (after[0] if after else before[-1])
    assert cal.roll(d, "modifiedpreceding") == (before[-1] if before else after[0])
    assert _same(cal.roll(_d64([d]), "modifiedfollowing"), _d64([after[0] if after else before[-1]]))


# -- 10. horizon ------------------------------------------------------------------------------

beyond_official = st.one_of(
    st.dates(min_value=OFFICIAL_LAST + ONE_DAY, max_value=dt.date(2100, 12, 31)),
    st.sampled_from((OFFICIAL_LAST + ONE_DAY, dt.date(2027, 1, 4), PROJECTED_LAST + ONE_DAY)),
)
before_official = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=OFFICIAL_FIRST - ONE_DAY),
    st.just(OFFICIAL_FIRST - ONE_DAY),
)
late_dates = st.one_of(
    dates(SAFE_FIRST, OFFICIAL_LAST),
    st.dates(min_value=dt.date(2026, 9, 1), max_value=OFFICIAL_LAST),
)
near_edges = st.one_of(late_dates, st.dates(min_value=OFFICIAL_FIRST, max_value=dt.date(2004, 4, 30)))


@settings(max_examples=150)
@given(cal=region_calendars, d=st.one_of(beyond_official, before_official), n=steps)
def test_outside_official_days_raises(cal: sc.WorkCalendar, d: dt.date, n: int) -> None:
    """A date outside 2004-01-01..2026-12-31 raises CalendarHorizonError for is_workday, day_kind,
    add_workdays and roll (scalar and array); is_provisional never raises and is True exactly after it.
    """
    for query in (cal.is_workday, cal.day_kind, lambda x: cal.add_workdays(x, n), lambda x: cal.roll(x, "forward")):
        with pytest.raises(sc.CalendarHorizonError):
            query(d)
        with pytest.raises(sc.CalendarHorizonError):
            query(_d64([dt.date(2020, 6, 1), d]))
    assert cal.is_provisional(d) == (d > OFFICIAL_LAST)


@settings(max_examples=200)
@given(cal=region_calendars, d=near_edges, n=steps)
def test_add_workdays_raises_exactly_when_result_leaves_coverage(cal: sc.WorkCalendar, d: dt.date, n: int) -> None:
    """From a covered day, add_workdays(d, n) raises CalendarHorizonError iff fewer than |n| workdays
    lie strictly after d (n > 0) or strictly before d (n < 0) within 2004-01-01..2026-12-31.
    """
    after = cal.workdays_between(d + ONE_DAY, OFFICIAL_LAST + ONE_DAY)
    before = cal.workdays_between(OFFICIAL_FIRST, d)
    available = after if n > 0 else before
    if abs(n) > available and n != 0:
        with pytest.raises(sc.CalendarHorizonError):
            cal.add_workdays(d, n)
        with pytest.raises(sc.CalendarHorizonError):
            cal.add_workdays(_d64([d]), n)
    else:
        r = cal.add_workdays(d, n)
        assert OFFICIAL_FIRST <= r <= OFFICIAL_LAST
        assert _same(cal.add_workdays(_d64([d]), [n]), _d64([r]))


@settings(max_examples=200)
@given(d=late_dates, n=steps)
@example(d=dt.date(2026, 12, 31), n=1)
@example(d=dt.date(2026, 12, 31), n=0)
@example(d=dt.date(2026, 12, 30), n=1)
def test_projected_agrees_with_official_until_horizon(d: dt.date, n: int) -> None:
    """From an official day, the projected calendar's add_workdays equals the official one's when the result
    is <= 2026-12-31 (and then emits no warning); otherwise the official one raises, the projected one warns
    ProvisionalWarning, and is_provisional(result) is True exactly when the result is after 2026-12-31.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = PROJECTED.add_workdays(d, n)
        r_vec = PROJECTED.add_workdays(_d64([d]), n)
    warned = [w for w in caught if issubclass(w.category, sc.ProvisionalWarning)]
    assert len(caught) == len(warned)
    provisional = r > OFFICIAL_LAST
    assert _same(r_vec, _d64([r]))
    assert PROJECTED.is_provisional(r) is provisional
    assert PROJECTED.is_provisional(_d64([r])).tolist() == [provisional]
    assert bool(warned) == provisional
    if provisional:
        with pytest.raises(sc.CalendarHorizonError):
            CN.add_workdays(d, n)
    else:
        assert CN.add_workdays(d, n) == r


@settings(max_examples=150)
@given(d=st.dates(min_value=OFFICIAL_LAST + ONE_DAY, max_value=PROJECTED_LAST))
def test_projected_days_warn_and_have_no_makeup_workdays(d: dt.date) -> None:
    """Past 2026-12-31 the projected CN calendar warns ProvisionalWarning on every day query,
    marks the day provisional, and never works on a weekend (statutory holidays only, no 调休上班).
    """
    with pytest.warns(sc.ProvisionalWarning):
        work = PROJECTED.is_workday(d)
    with pytest.warns(sc.ProvisionalWarning):
        kind = PROJECTED.day_kind(d)
    assert work == kind.is_workday
    assert kind is not sc.DayKind.MAKEUP_WORKDAY
    if d.weekday() >= 5:
        assert not work
    assert PROJECTED.is_provisional(d)


@settings(max_examples=100)
@given(ds=nearby_dates(2))
def test_projected_counts_equal_official_without_warning(ds: list[dt.date]) -> None:
    """On official days the projected calendar counts as the official one and emits no warning."""
    a, b = ds
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert PROJECTED.workdays_between(a, b) == CN.workdays_between(a, b)
        assert PROJECTED.is_workday(a) == CN.is_workday(a)


huge_steps = st.one_of(
    st.integers(min_value=20_000, max_value=2**62),
    st.sampled_from((2**31 - 1, 2**31, 2**32, 2**40, 2**41)),
).flatmap(lambda m: st.sampled_from((m, -m)))


@settings(max_examples=100)
@given(
    cal=st.sampled_from((CN, PROJECTED)),
    d=dates(),
    n=huge_steps,
    shape=st.sampled_from(("date", "array", "array-with-nat", "n-array")),
)
@example(cal=PROJECTED, d=dt.date(2020, 1, 6), n=2**31 - 1, shape="date")
@example(cal=CN, d=dt.date(2020, 1, 6), n=2**41, shape="date")
@example(cal=PROJECTED, d=dt.date(2020, 1, 6), n=-(2**31) - 1, shape="date")
def test_huge_step_raises_horizon_error_naming_the_right_end(
    cal: sc.WorkCalendar, d: dt.date, n: int, shape: str
) -> None:
    """A step |n| larger than the calendar's number of days raises CalendarHorizonError (never another
    exception) on every input path, and the message names the end it ran into: the last day for n > 0,
    the first day for n < 0.
    """
    x: object = {
        "date": d,
        "array": _d64([d]),
        "array-with-nat": _d64([None, d]),
        "n-array": _d64([d, d]),
    }[shape]
    steps: object = np.array([n, n], dtype=np.int64) if shape == "n-array" else n
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        with pytest.raises(sc.CalendarHorizonError) as info:
            cal.add_workdays(x, steps)  # type: ignore[arg-type]
    end = cal.last_day if n > 0 else cal.first_day
    assert end.isoformat() in str(info.value)
