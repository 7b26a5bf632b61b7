"""Clock-time and working-time deadlines on columns of instants take a direct way (``_rules.direct``): the same
due instants, last days and flags as the column engine's full way, and its errors word for word."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._rules import columns as dc
from slaclock._rules import direct

HOURS = "09:00-12:00,13:30-18:00"
CALENDARS = {
    "CN": sc.calendar("CN").with_hours(HOURS),
    "Kolkata": sc.CalendarSpec("CN", tz="Asia/Kolkata").build().with_hours(HOURS),  # days end at 18:30 UTC
    "CN next_open": sc.calendar("CN").with_hours(sc.working_hours(HOURS, at_close="next_open")),
    "CN night shift": sc.calendar("CN").with_hours("22:00-06:00"),  # dues at 00:00 end the day before
    "HK": sc.calendar("HK").with_hours("09:00-18:00"),
    "New York": sc.CalendarSpec("CN", tz="America/New_York").build().with_hours(HOURS),  # two offsets: the full way
}
PERIODS = ["8个工作小时", "1个工作小时", "45个工作分钟", "40个工作小时", "24小时", "1小时", "90分钟", "72小时"]
DIRECT = direct.way


def _starts(seed: int, n: int, unit: str) -> np.ndarray:
    """Minutes over 2005-2026, a third of them on the half hour (opens, closes, midnights), some NaT."""
    rng = np.random.default_rng(seed)
    lo, hi = (np.datetime64(d, "m").astype(np.int64) for d in ("2005-01-01T00:00", "2026-12-20T00:00"))
    m = rng.integers(lo, hi, n)
    snap = rng.random(n) < 0.35
    m[snap] = m[snap] // 30 * 30
    out = m.astype("datetime64[m]").astype(f"datetime64[{unit}]")
    out[rng.random(n) < 0.05] = np.datetime64("NaT")
    return out


def _both(
    monkeypatch: pytest.MonkeyPatch,
    starts: np.ndarray,
    period: str,
    cal: sc.WorkCalendar,
    chunk: int = 64,
    **kw: object,
) -> tuple[object, object]:
    """The full way's answer (or error) and the direct way's, on blocks of ``chunk`` rows (one block if the
    column is no longer than two)."""
    monkeypatch.setattr(dc, "_CHUNK", chunk)
    answers: list[object] = []
    for way in (lambda *_: None, DIRECT):  # the full way, then the direct way where it is taken
        monkeypatch.setattr(direct, "way", way)
        try:
            answers.append(sc.deadlines(starts, period, calendar=cal, **kw))
        except sc.SlaclockError as exc:
            answers.append(exc)
    return answers[0], answers[1]


def _same(full: object, quick: object) -> None:
    """The direct way's answer is the full way's, or its error the same error, word for word."""
    if isinstance(full, Exception):
        assert type(quick) is type(full)
        assert str(quick) == str(full)
        return
    assert not isinstance(quick, Exception), quick
    for field in ("due", "last_day", "provisional"):
        a, b = np.asarray(getattr(full, field)), np.asarray(getattr(quick, field))
        assert a.dtype == b.dtype, field
        assert np.array_equal(
            a.view(np.int64) if a.dtype.kind == "M" else a, b.view(np.int64) if b.dtype.kind == "M" else b
        ), field


@pytest.mark.parametrize("cal", list(CALENDARS), ids=list(CALENDARS))
@pytest.mark.parametrize("period", PERIODS)
def test_the_direct_way_is_the_full_way(monkeypatch: pytest.MonkeyPatch, cal: str, period: str) -> None:
    for unit, utc, chunk in (("m", False, 64), ("us", True, 64), ("ns", False, 64), ("s", True, dc._CHUNK)):
        starts = _starts(len(cal) + len(period), 3_000, unit)
        full, quick = _both(monkeypatch, starts, period, CALENDARS[cal], chunk, utc=utc)
        _same(full, quick)


def test_it_is_taken_where_it_can_be_and_not_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """One period of clock or working time on instants takes it; per-row periods, working time with projected
    days, clock time rolled to a workday go the full way; a zone with two offsets and starts before 1970 after
    trying."""
    taken: list[bool] = []

    def spied(*args: object, **kw: object) -> object:
        block = DIRECT(*args, **kw)  # type: ignore[arg-type]
        if block is None:
            return None

        def run(part: np.ndarray, due: np.ndarray, last: np.ndarray) -> bool:
            got = block(part, due, last)
            taken.append(got)
            return got

        return run

    def ways(starts: np.ndarray, period: object, cal: sc.WorkCalendar, **kw: object) -> list[bool]:
        taken.clear()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sc.ProvisionalWarning)
            sc.deadlines(starts, period, calendar=cal, **kw)
        return sorted(set(taken))

    monkeypatch.setattr(direct, "way", spied)
    monkeypatch.setattr(dc, "_CHUNK", 64)
    starts = _starts(1, 500, "m")
    cal, projected = CALENDARS["CN"], sc.calendar("CN", horizon="projected").with_hours(HOURS)
    new_york = CALENDARS["New York"]
    assert ways(starts, "8个工作小时", cal) == [True]
    assert ways(starts, "24小时", cal) == [True]
    assert ways(starts, "24小时", projected) == [True]  # clock time reads no day
    assert ways(starts, ["8个工作小时", "1个工作小时"] * 250, cal) == []
    assert ways(starts, "8个工作小时", projected) == []
    assert ways(starts, "24小时", cal, convention=sc.Convention(roll_clock_time=True)) == []
    assert ways(starts, "8个工作小时", new_york, utc=True) == [False]  # UTC: no wall time the clocks skip
    assert ways(starts, "24小时", new_york, utc=True) == [False]
    old = starts - np.timedelta64(50 * 365, "D")  # 1955-1976: no block bounded without a mask (before 1970)
    assert ways(old, "24小时", sc.calendar("CN")) == [False]


@pytest.mark.parametrize("workers", ["1", "4"])
def test_threads_give_the_serial_answer(monkeypatch: pytest.MonkeyPatch, workers: str) -> None:
    """The direct way runs its blocks on the pool (it calls add_working_time's kernels, not add_many, which may
    itself use the pool); a block refused on a thread still sends the column the full way."""
    from slaclock._base import blocks as _blocks

    starts = _starts(11, 5_000, "us")
    cal = CALENDARS["CN night shift"]
    want = sc.deadlines(starts, "8个工作小时", calendar=cal)  # 5,000 rows: one block
    bad = starts.copy()
    bad[[1_000, 4_000]] = np.datetime64("2026-12-31T23:00")
    monkeypatch.setattr(dc, "_CHUNK", 64)  # 79 blocks
    with pytest.raises(sc.CalendarHorizonError) as serial:
        sc.deadlines(bad, "8个工作小时", calendar=cal)
    monkeypatch.setenv("SLACLOCK_THREADS", workers)
    _blocks.threads.cache_clear()
    try:
        assert _blocks.threads() == int(workers)
        got = sc.deadlines(starts, "8个工作小时", calendar=cal)
        with pytest.raises(sc.CalendarHorizonError) as threaded:
            sc.deadlines(bad, "8个工作小时", calendar=cal)
    finally:
        _blocks.threads.cache_clear()
    _same(want, got)
    assert str(threaded.value) == str(serial.value)
    assert "first at index 1000" in str(threaded.value)


@pytest.mark.parametrize(
    ("first", "last"),
    [("2026-12-30T17:00", "2026-12-31T10:00"), ("2003-12-31T10:00", "2004-01-02T10:00")],
    ids=["a due past the days", "a start before them"],
)
def test_errors_are_the_full_ways(monkeypatch: pytest.MonkeyPatch, first: str, last: str) -> None:
    starts = _starts(3, 1_000, "m")
    starts[[300, 900]] = [np.datetime64(first), np.datetime64(last)]
    for chunk in (64, dc._CHUNK):  # blocks, and one block
        full, quick = _both(monkeypatch, starts, "40个工作小时", CALENDARS["CN"], chunk)
        assert isinstance(full, sc.CalendarHorizonError)
        _same(full, quick)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), cal=st.sampled_from(list(CALENDARS)), period=st.sampled_from(PERIODS))
def test_any_starts(seed: int, cal: str, period: str) -> None:
    starts = _starts(seed, 700, "m")
    with pytest.MonkeyPatch.context() as mp:
        full, quick = _both(mp, starts, period, CALENDARS[cal], 64 if seed % 3 else dc._CHUNK, utc=bool(seed % 2))
    _same(full, quick)


@pytest.mark.parametrize("cal", ["CN", "Kolkata", "New York"])
@pytest.mark.parametrize("unit", ["h", "m", "us"])
def test_clock_time_over_two_centuries(monkeypatch: pytest.MonkeyPatch, cal: str, unit: str) -> None:
    """Clock time reads no day, so the full way answers starts far outside the calendar's days; the direct way
    takes the blocks whose zone has one offset (after 1970) and gives the same answers, or errors (New York's
    wall times the clocks skip)."""
    rng = np.random.default_rng(len(cal) + len(unit))
    lo, hi = (np.datetime64(d, "m").astype(np.int64) for d in ("1900-01-01T00:00", "2100-01-01T00:00"))
    starts = np.sort(rng.integers(lo, hi, 2_000)).astype("datetime64[m]").astype(f"datetime64[{unit}]")
    starts[rng.random(2_000) < 0.05] = np.datetime64("NaT")
    for period, utc in (("24小时", False), ("90分钟", True), ("1小时", False)):
        full, quick = _both(monkeypatch, starts, period, CALENDARS[cal], 200, utc=utc)  # ten blocks of a decade
        _same(full, quick)


def test_a_coarse_year_out_of_range_is_the_full_ways_error(monkeypatch: pytest.MonkeyPatch) -> None:
    starts = _starts(5, 1_000, "m").astype("datetime64[h]")
    starts[600] = np.datetime64("12000-01-01T00", "h")
    for chunk in (64, dc._CHUNK):
        full, quick = _both(monkeypatch, starts, "24小时", CALENDARS["CN"], chunk)
        assert isinstance(full, sc.InvalidInputError)
        _same(full, quick)
