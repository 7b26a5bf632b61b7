"""Working-time arithmetic on columns: forms in and out, NaT, DST, errors and warnings."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable

import numpy as np
import pytest

import slaclock as sc

LUNCH = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
CST = dt.timezone(dt.timedelta(hours=8))


def _m(*values: str) -> np.ndarray:
    return np.array(values, dtype="datetime64[m]")


def _us(*values: str) -> np.ndarray:
    return np.array(values, dtype="datetime64[us]")


def test_close_inclusive_and_the_next_opening() -> None:
    t = _m("2025-09-29T11:00", "2025-09-29T17:00", "2025-09-29T12:30", "2025-09-30T17:30")
    # 11:00 + 1 h = the 12:00 close; 17:00 + 1 h = 18:00; a start in the lunch break begins at 13:30;
    # 09-30 17:30 + 1 h: 30 min that day, then 30 min after National Day (2025-10-09 09:30)
    expected = _us("2025-09-29T12:00", "2025-09-29T18:00", "2025-09-29T14:30", "2025-10-09T09:30")
    np.testing.assert_array_equal(LUNCH.add_working_time(t, "1 hour"), expected)
    pandas_reading = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00", at_close="next_open")
    np.testing.assert_array_equal(
        pandas_reading.add_working_time(t[:2], "1 hour"), _us("2025-09-29T13:30", "2025-09-30T09:00")
    )


def test_makeup_saturday_counts() -> None:
    # 2025-09-28 (Sunday) is a makeup workday for National Day: 2025-09-27 (Saturday) 17:00 + 2 h
    # runs 09:00-11:00 on the Sunday
    got = LUNCH.add_working_time(_m("2025-09-27T17:00"), dt.timedelta(hours=2))
    np.testing.assert_array_equal(got, _us("2025-09-28T11:00"))


def test_durations_column_broadcasts_and_mixes_signs() -> None:
    t = _m("2025-09-29T10:00")
    d = np.array([60, -60, 0, 30], dtype="timedelta64[m]")
    got = LUNCH.add_working_time(t, d)
    expected = _us("2025-09-29T11:00", "2025-09-29T09:00", "2025-09-29T10:00", "2025-09-29T10:30")
    np.testing.assert_array_equal(got, expected)
    grid = LUNCH.add_working_time(_m("2025-09-29T10:00", "2025-09-29T17:00").reshape(2, 1), d.reshape(1, 4))
    assert grid.shape == (2, 4)
    assert grid[1, 0] == np.datetime64("2025-09-29T18:00", "us")
    assert grid[1, 1] == np.datetime64("2025-09-29T16:00", "us")
    with pytest.raises(sc.InvalidInputError, match="broadcast"):
        LUNCH.add_working_time(_m("2025-09-29T10:00", "2025-09-29T11:00"), d)


def test_zero_leaves_the_instant_alone() -> None:
    t = _m("2025-10-01T03:00")  # a holiday, at night
    np.testing.assert_array_equal(LUNCH.add_working_time(t, dt.timedelta(0)), t.astype("datetime64[us]"))


def test_nat_in_nat_out() -> None:
    t = _m("NaT", "2025-09-29T10:00")
    got = LUNCH.add_working_time(t, "1 hour")
    assert np.isnat(got[0])
    assert got[1] == np.datetime64("2025-09-29T11:00", "us")
    d = np.array([60, "NaT"], dtype="timedelta64[m]")
    got = LUNCH.add_working_time(_m("2025-09-29T10:00", "2025-09-29T10:00"), d)
    assert got[0] == np.datetime64("2025-09-29T11:00", "us")
    assert np.isnat(got[1])
    assert np.isnat(LUNCH.working_time_between(t, _m("2025-09-29T12:00", "NaT"))).all()
    assert LUNCH.is_open(t).tolist() == [False, True]
    assert np.isnat(LUNCH.next_open(t)[0])


def test_units_in_and_out() -> None:
    ns = np.array(["2025-09-29T10:00:00.000000001"], dtype="datetime64[ns]")
    got = LUNCH.add_working_time(ns, "1 hour")
    assert got.dtype == np.dtype("datetime64[ns]")
    assert got[0] == np.datetime64("2025-09-29T11:00:00", "ns")  # computed to the microsecond
    assert LUNCH.add_working_time(_m("2025-09-29T10:00"), "1 hour").dtype == np.dtype("datetime64[us]")
    between = LUNCH.working_time_between(_m("2025-09-29T10:00"), _m("2025-09-30T10:00"))
    assert between.dtype == np.dtype("timedelta64[us]")
    assert between[0] == np.timedelta64(7 * 60 + 30, "m")  # 10:00-12:00, 13:30-18:00, then 09:00-10:00
    assert LUNCH.add_working_time(np.array([], dtype="datetime64[s]"), "1 hour").shape == (0,)


def test_object_columns_take_aware_naive_and_text() -> None:
    values = [
        dt.datetime(2025, 9, 29, 2, tzinfo=dt.UTC),  # 10:00 in Shanghai
        dt.datetime(2025, 9, 29, 10),  # wall time
        "2025-09-29T10:00+08:00",
        None,
    ]
    got = LUNCH.add_working_time(values, "1 hour")
    assert got[:3].tolist() == [dt.datetime(2025, 9, 29, 11)] * 3
    assert np.isnat(got[3])
    got_utc = LUNCH.add_working_time(values[:1], "1 hour", utc=True)
    assert got_utc[0] == np.datetime64("2025-09-29T03:00", "us")


def test_utc_columns() -> None:
    t = _m("2025-09-29T02:00")  # 10:00 in Shanghai
    np.testing.assert_array_equal(LUNCH.add_working_time(t, "1 hour", utc=True), _us("2025-09-29T03:00"))
    assert LUNCH.is_open(_m("2025-09-29T01:00"), utc=True).tolist() == [True]  # 09:00 local
    assert LUNCH.is_open(_m("2025-09-29T01:00")).tolist() == [False]


@pytest.mark.parametrize("unit", ["m", "us", "ns"])
@pytest.mark.parametrize("utc", [False, True], ids=["wall", "utc"])
@pytest.mark.parametrize("rows", [5, 200_003], ids=["short", "in blocks"])
def test_the_callers_columns_are_not_written(unit: str, utc: bool, rows: int) -> None:
    """The column read is the caller's own where it is already microseconds: NaT rows, which the kernels fill
    with the table's first instant, and the zone shift must go to a copy of it, not to it."""
    t = np.resize(_m("2025-09-29T10:00", "NaT", "2025-09-30T17:45", "2025-10-01T03:00", "NaT"), rows).astype(
        f"datetime64[{unit}]"
    )
    later = t + np.timedelta64(3, "D")
    kept = t.copy(), later.copy()
    for got in (
        LUNCH.add_working_time(t, "8个工作小时", utc=utc),
        LUNCH.working_time_between(t, later, utc=utc),
        LUNCH.is_open(t, utc=utc),
        LUNCH.next_open(t, utc=utc),
    ):
        assert got.shape == t.shape
    np.testing.assert_array_equal(t, kept[0])
    np.testing.assert_array_equal(later, kept[1])
    assert np.isnat(t).sum() == np.isnat(kept[0]).sum()


def test_a_long_column_on_threads_builds_the_lookup_tables_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every block runs on the threads, the first too: the tables are built before them, not by each thread that
    finds them missing (found by a regression fuzz: two builds on two threads)."""
    from slaclock._base import blocks as _blocks
    from slaclock._hours import table as _table

    built: list[object] = []
    init = _table.Columns.__init__

    def counted(self: _table.Columns, hix: _table.HoursIndex) -> None:
        built.append(hix)
        init(self, hix)

    monkeypatch.setattr(_table.Columns, "__init__", counted)
    monkeypatch.setenv("SLACLOCK_THREADS", "4")
    _blocks.threads.cache_clear()
    try:
        cal = sc.calendar("CN").with_hours("08:01-12:00,13:00-17:59")  # hours no other test builds
        t = np.datetime64("2010-01-04T00:00", "us") + np.arange(600_000).astype("timedelta64[m]")
        cal.add_working_time(t, "8个工作小时")
    finally:
        _blocks.threads.cache_clear()
    assert len(built) == 1


def test_close_of_columns() -> None:
    cal = sc.calendar("CN").with_hours("09:00-18:00", dates={"2025-09-30": "09:00-15:00"})
    days = np.array(["2025-09-29", "2025-09-30", "2025-10-01", "NaT", "2025-09-28"], dtype="datetime64[D]")
    got = cal.close_of(days)
    expected = _us("2025-09-29T18:00", "2025-09-30T15:00", "NaT", "NaT", "2025-09-28T18:00")
    np.testing.assert_array_equal(got, expected)
    assert cal.close_of(np.datetime64("2025-10-01")) is None


def test_dst_columns_match_the_scalar_path_around_the_changes() -> None:
    ny = sc.custom_calendar("1111111", first="2025-01-01", last="2025-12-31", tz="America/New_York")
    cal = ny.with_hours("00:30-02:30,08:00-12:00")
    # spring forward 2025-03-09 02:00 -> 03:00; fall back 2025-11-02 02:00 -> 01:00
    walls = [dt.datetime(2025, 3, 9, 0, 0) + dt.timedelta(minutes=15 * k) for k in range(60)]
    walls += [dt.datetime(2025, 11, 2, 0, 0) + dt.timedelta(minutes=15 * k) for k in range(60)]
    walls = [w for w in walls if not (w.date() == dt.date(2025, 3, 9) and w.hour == 2)]
    t = np.array(walls, dtype="datetime64[us]")
    for d in (dt.timedelta(minutes=45), dt.timedelta(hours=3), dt.timedelta(hours=-2)):
        got = cal.add_working_time(t, d)
        for i, w in enumerate(walls):
            assert got[i].item() == cal.add_working_time(w, d).naive(), (w, d)
    # the skipped hour is refused, naming the index
    with pytest.raises(sc.InvalidInputError, match=r"t\[1\] = 2025-03-09T02:30.*does not exist in America/New_York"):
        cal.add_working_time(np.array(["2025-03-09T01:00", "2025-03-09T02:30"], dtype="datetime64[m]"), d)
    # on the day of the change 00:30-02:30 is 1.5 real hours (02:00-02:30 does not exist), plus 08:00-12:00
    day = np.array(["2025-03-09T00:00"], dtype="datetime64[m]")
    assert cal.working_time_between(day, day + np.timedelta64(1, "D"))[0] == np.timedelta64(330, "m")


def test_errors_name_the_values() -> None:
    with pytest.raises(sc.InvalidInputError, match="dates of dtype datetime64"):
        LUNCH.add_working_time(np.array(["2025-09-29"], dtype="datetime64[D]"), "1 hour")
    with pytest.raises(sc.InvalidInputError, match="no unit"):
        LUNCH.add_working_time(_m("2025-09-29T10:00"), np.array([60]))
    with pytest.raises(sc.InvalidInputError, match="hours or minutes"):
        LUNCH.add_working_time(_m("2025-09-29T10:00"), "3 days")
    with pytest.raises(sc.InvalidInputError, match="one instant takes one duration"):
        LUNCH.add_working_time("2025-09-29T10:00", np.array([60], dtype="timedelta64[m]"))
    with pytest.raises(sc.CalendarHorizonError, match=r"2 of 3 values .* first at index 1"):
        LUNCH.add_working_time(_m("2025-09-29T10:00", "2027-03-01T10:00", "2001-01-01T00:00"), "1 hour")
    with pytest.raises(sc.CalendarHorizonError, match=r"1 of 2 values .* first at index 1"):
        LUNCH.add_working_time(_m("2025-09-29T10:00", "2026-12-31T17:00"), "2 hours")
    with pytest.raises(
        sc.CalendarHorizonError, match=r"add_working_time\(2004-01-02T10:00:00\+08:00, -1 day, 4:00:00\)"
    ):
        LUNCH.add_working_time(_m("2004-01-02T10:00"), dt.timedelta(hours=-20))


def test_projected_days_warn_once() -> None:
    cal = sc.calendar("CN", horizon="projected").with_hours("09:00-18:00")
    with pytest.warns(sc.ProvisionalWarning, match="past the official"):
        cal.add_working_time(_m("2026-12-31T17:00", "2026-12-01T10:00"), "2 hours")
    with pytest.warns(sc.ProvisionalWarning):
        cal.add_working_time(dt.datetime(2026, 12, 31, 17), dt.timedelta(hours=2))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cal.add_working_time(_m("2026-12-01T10:00"), "2 hours")


def test_blocks_of_rows_give_the_whole_columns_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from slaclock._hours import columns as _hourcols

    cal = sc.calendar("CN", horizon="projected").with_hours("09:00-12:00,13:30-18:00", makeup="09:00-12:00")
    rng = np.random.default_rng(11)
    n = 3_000
    t = np.datetime64("2024-01-01T00:00", "us") + rng.integers(0, 4 * 365 * 86_400, n).astype("timedelta64[s]")
    t[::89] = np.datetime64("NaT")
    d = (rng.integers(-40, 40, n) * 900_000_000).astype("timedelta64[us]")
    later = t + np.timedelta64(50, "h")

    def run() -> list[np.ndarray]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sc.ProvisionalWarning)
            return [
                cal.add_working_time(t, "8个工作小时"),
                cal.add_working_time(t, -dt.timedelta(hours=3)),
                cal.add_working_time(t, d),
                cal.working_time_between(t, later),
                cal.is_open(t),
                cal.next_open(t),
            ]

    whole = run()
    monkeypatch.setattr(_hourcols, "_BLOCK", 64)
    for got, want in zip(run(), whole, strict=True):
        np.testing.assert_array_equal(got, want)


def test_an_error_in_a_block_names_the_row_in_the_whole_column(monkeypatch: pytest.MonkeyPatch) -> None:
    from slaclock._hours import columns as _hourcols

    cal = sc.calendar("CN").with_hours("09:00-18:00")
    t = np.full(1_000, np.datetime64("2026-03-02T10:00"), dtype="datetime64[us]")
    t[[600, 900]] = np.datetime64("2026-12-31T17:00")
    with pytest.raises(sc.CalendarHorizonError) as whole:
        cal.add_working_time(t, "8个工作小时")
    monkeypatch.setattr(_hourcols, "_BLOCK", 64)
    with pytest.raises(sc.CalendarHorizonError) as blocks:
        cal.add_working_time(t, "8个工作小时")
    assert str(blocks.value) == str(whole.value)
    assert "first at index 600" in str(blocks.value)


def test_next_open_on_a_calendar_without_working_intervals() -> None:
    # found by the vector/scalar property test: a one-day calendar whose day is a rest day has no interval,
    # and at_close="next_open" looked one interval past the table (IndexError) even for NaT rows
    cal = sc.custom_calendar("1111100", {}, first="2000-01-01", last="2000-01-01", tz="UTC").with_hours(
        "09:00-12:00", at_close="next_open"
    )
    minute = dt.timedelta(minutes=1)
    assert np.isnat(cal.add_working_time(np.array(["NaT"], "datetime64[h]"), minute)).all()
    with pytest.raises(sc.CalendarHorizonError, match="add_working_time"):
        cal.add_working_time(np.array(["2000-01-01T10"], "datetime64[h]"), minute)


def _one_pass_and_blocks(
    monkeypatch: pytest.MonkeyPatch, call: Callable[[], object]
) -> tuple[tuple[object, list[str]], tuple[object, list[str]]]:
    """``call()`` in one pass and in blocks of 64 rows: each result (or the error it raised) and its warnings."""
    from slaclock._hours import columns as _hourcols

    def run() -> tuple[object, list[str]]:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            try:
                got: object = call()
            except sc.SlaclockError as exc:
                got = (type(exc), str(exc))
        return got, [str(w.message) for w in seen]

    monkeypatch.setattr(_hourcols, "_BLOCK", 1 << 20)
    whole = run()
    monkeypatch.setattr(_hourcols, "_BLOCK", 64)
    return whole, run()


@pytest.mark.parametrize("unit", ["s", "us", "ns"])
@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York"])
@pytest.mark.parametrize(
    "duration",
    ["8个工作小时", dt.timedelta(hours=-3), dt.timedelta(0), np.timedelta64(90, "m"), "a column"],
    ids=["8 working hours", "-3 h", "0", "90 min", "a column"],
)
def test_durations_on_a_long_column_block_by_block_are_the_one_pass_answer(
    monkeypatch: pytest.MonkeyPatch, unit: str, zone: str, duration: object
) -> None:
    """A long flat column and one duration, or a column of them row for row, take the blocked path (each block
    read, converted, added and written in turn): the same answers, NaT and warnings as one pass, in every unit, in
    a zone with and without daylight saving, across the official horizon into projected days."""
    cal = sc.calendar("CN", horizon="projected", tz=zone).with_hours("09:00-12:00,13:30-18:00")
    rng = np.random.default_rng(len(unit) + len(zone) + len(str(duration)))
    n = 2_000
    t = (np.datetime64("2026-01-05T00:00", unit) + rng.integers(0, 330 * 86_400, n).astype("timedelta64[s]")).astype(
        f"datetime64[{unit}]"
    )
    t[::97] = np.datetime64("NaT")
    t[-5:] = np.datetime64("2026-12-31T17:00")  # the last block's rows end in projected days: one warning
    if zone == "America/New_York":
        t[(t >= np.datetime64("2026-03-08T02:00")) & (t < np.datetime64("2026-03-08T03:00"))] += np.timedelta64(1, "h")
    if duration == "a column":  # -40..40 quarter hours, NaT among them where the start is not
        duration = (rng.integers(-40, 41, n) * 900).astype("timedelta64[s]")
        duration[5::89] = np.timedelta64("NaT")
        duration[-5:] = np.timedelta64(2, "h")
    whole, blocks = _one_pass_and_blocks(monkeypatch, lambda: cal.add_working_time(t, duration))
    assert isinstance(whole[0], np.ndarray)
    assert isinstance(blocks[0], np.ndarray)
    assert blocks[0].dtype == whole[0].dtype == np.dtype(f"datetime64[{'ns' if unit == 'ns' else 'us'}]")
    np.testing.assert_array_equal(blocks[0], whole[0])
    assert blocks[1] == whole[1]
    if isinstance(duration, np.ndarray):
        assert np.isnat(blocks[0][5::89]).all()
    forward = isinstance(duration, np.ndarray) or duration == "8个工作小时" or duration == np.timedelta64(90, "m")
    assert len(whole[1]) == (1 if forward else 0)  # 2026-12-31 17:00 plus working time is in 2027


@pytest.mark.parametrize(
    ("fault", "duration"),
    [
        ("a skipped wall time", "8个工作小时"),
        ("a start past the horizon", "8个工作小时"),
        ("a result past the horizon", "8个工作小时"),
        ("a skipped wall time", "not a duration"),
        ("a skipped wall time", "a column with text that is no duration"),
        ("a result past the horizon", "a column"),
    ],
)
def test_a_refusal_in_a_later_block_is_the_one_pass_refusal(
    monkeypatch: pytest.MonkeyPatch, fault: str, duration: str
) -> None:
    """The whole column's count and first index, word for word; with a duration refused as well, the column's
    fault first, as in one pass."""
    cal = sc.calendar("CN", tz="America/New_York").with_hours("09:00-18:00")
    t = np.full(1_000, np.datetime64("2026-03-02T10:00"), dtype="datetime64[us]")
    bad = {
        "a skipped wall time": "2026-03-08T02:30",
        "a start past the horizon": "2027-01-04T10:00",
        "a result past the horizon": "2026-12-31T17:00",
    }[fault]
    t[[700, 900]] = np.datetime64(bad)
    durations: object = duration
    if duration.startswith("a column"):
        durations = np.full(t.size, np.timedelta64(8, "h"))
        if "text" in duration:
            durations = durations.astype(object)
            durations[[300, 800]] = "soon"  # type: ignore[index]
    whole, blocks = _one_pass_and_blocks(monkeypatch, lambda: cal.add_working_time(t, durations))
    assert isinstance(whole[0], tuple)
    assert blocks == whole
    assert "700" in whole[0][1]


def test_a_row_missing_one_operand_does_not_read_the_other() -> None:
    """NaT, as the scalar call gives None: an operand past the calendar's days beside a missing one is not an error,
    nor a ProvisionalWarning, while the same operand beside a value is."""
    past, inside = "2027-03-01T10:00", "2026-03-02T10:00"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert LUNCH.working_time_between(None, past) is None
        assert LUNCH.working_time_between(past, None) is None
        got = LUNCH.working_time_between(_m("NaT", inside), _m(past, "2026-03-03T10:00"))
        assert got.astype("int64").tolist()[1] == 7.5 * 3600 * 10**6
        assert np.isnat(got[0])
        assert np.isnat(LUNCH.working_time_between(_m(past), _m("NaT", "NaT"))).all()
        grid = LUNCH.working_time_between(_m(past, inside).reshape(2, 1), _m("NaT", "NaT").reshape(1, 2))
        assert grid.shape == (2, 2)
        assert np.isnat(grid).all()
        assert np.isnat(LUNCH.add_working_time(_m(past), np.array(["NaT"], dtype="timedelta64[m]"))).all()
        long = np.full(200_000, np.datetime64(inside, "m"))  # long enough for the addition's blocks
        long[5] = np.datetime64(past)
        hours = np.full(long.size, 60, dtype="timedelta64[m]")
        hours[5] = np.timedelta64("NaT")
        added = LUNCH.add_working_time(long, hours)
        assert np.isnat(added[5])
        assert added[4] == np.datetime64("2026-03-02T11:00", "us")
    with pytest.raises(sc.CalendarHorizonError, match=r"1 of 2 values .* first at index \(0, 0\): a 2027"):
        LUNCH.working_time_between(_m(past, inside).reshape(2, 1), _m("NaT", "2026-03-03T10:00").reshape(1, 2))
    with pytest.raises(sc.CalendarHorizonError, match="at index 1: b 2027"):
        LUNCH.working_time_between(_m("NaT", inside), _m(inside, past))
    hours[5] = 60
    with pytest.raises(sc.CalendarHorizonError, match="first at index 5: t 2027"):
        LUNCH.add_working_time(long, hours)


def test_an_operand_that_cannot_be_read_leaves_out_the_rows_it_misses() -> None:
    """``b`` holds a date (refused) and a missing value: ``a`` past the days on the missing row is not read, so
    ``b``'s error is the column's, as the rows' scalar calls give it (found by the property suite)."""
    past, inside = dt.datetime(2027, 3, 1, 10), dt.datetime(2026, 3, 2, 10)
    a = np.array([inside, past], dtype=object)
    with pytest.raises(sc.InvalidInputError, match=r"b\[0\] must be an instant"):
        LUNCH.working_time_between(a, np.array([dt.date(2026, 3, 2), None], dtype=object))
    with pytest.raises(sc.CalendarHorizonError, match="at index 1: a 2027"):  # a row that has both reads a first
        LUNCH.working_time_between(a, np.array([dt.date(2026, 3, 2), inside], dtype=object))
