"""sc.deadlines on columns: forms in and out, NaT, errors, warnings, and the month arithmetic."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest

import slaclock as sc

CN = sc.calendar("CN")


def test_dates_in_wall_times_out() -> None:
    starts = np.array(["2025-09-24", "2025-09-26", "NaT"], dtype="datetime64[D]")
    d = sc.deadlines(starts, "7日", calendar=CN)
    assert d.last_day.tolist()[:2] == [dt.date(2025, 10, 9)] * 2
    assert d.due.dtype == np.dtype("datetime64[us]")
    assert d.due[0] == np.datetime64("2025-10-10T00:00")
    assert np.isnat(d.due[2])
    assert np.isnat(d.last_day[2])
    assert d.provisional.tolist() == [False, False, False]
    assert len(d) == 3
    assert d.is_met(
        np.array(["2025-10-09T23:59", "2025-10-10T00:00", "2025-10-01"], dtype="datetime64[m]")
    ).tolist() == [
        True,
        False,
        False,
    ]


def test_utc_and_aware_objects() -> None:
    t = np.array(["2025-09-30T07:00"], dtype="datetime64[m]")  # 15:00 in Shanghai
    assert sc.deadlines(t, "24小时", calendar=CN, utc=True).due[0] == np.datetime64("2025-10-01T07:00")
    assert sc.deadlines(t, "24小时", calendar=CN).due[0] == np.datetime64("2025-10-01T07:00")  # wall in, wall out
    aware = [dt.datetime(2025, 9, 30, 7, tzinfo=dt.UTC), "2025-09-30", None]
    d = sc.deadlines(aware, "5个工作日", calendar=CN)
    # 10-09, 10-10, 10-11 (Saturday, 调休上班), 10-13, 10-14
    assert d.last_day.tolist()[:2] == [dt.date(2025, 10, 14), dt.date(2025, 10, 14)]
    assert np.isnat(d.due[2])


def test_working_hours_and_close_of_business() -> None:
    cal = CN.with_hours("09:00-12:00,13:30-18:00", dates={"2025-09-30": "09:00-15:00"})
    t = np.array(["2025-09-30T14:00", "2025-09-29T17:00"], dtype="datetime64[m]")
    d = sc.deadlines(t, "8个工作小时", calendar=cal)
    # 09-30 14:00-15:00 (the short day), then 10-09 09:00-12:00 and 13:30-17:30
    assert d.due[0] == np.datetime64("2025-10-09T17:30")
    # 09-29 17:00-18:00, 09-30 09:00-15:00, then 10-09 09:00-10:00
    assert d.due[1] == np.datetime64("2025-10-09T10:00")
    close = sc.deadlines(
        np.array(["2025-09-25"], dtype="datetime64[D]"), "5日", calendar=cal, convention=sc.Convention.business_hours()
    )
    assert close.due[0] == np.datetime64("2025-09-30T15:00")


def test_errors_name_the_rows() -> None:
    with pytest.raises(sc.CalendarHorizonError, match=r"1 of 2 values .* first at index 1"):
        sc.deadlines(np.array(["2025-01-01", "2026-12-30"], dtype="datetime64[D]"), "5个工作日", calendar=CN)
    with pytest.raises(sc.InvalidInputError, match=r"starts\[0\] is a date"):
        sc.deadlines(np.array(["2025-01-01"], dtype="datetime64[D]"), "24小时", calendar=CN)
    with pytest.raises(sc.InvalidInputError, match="dtype int64"):
        sc.deadlines(np.array([1, 2]), "5日", calendar=CN)
    with pytest.raises(sc.InvalidInputError, match=r"starts\[1\]"):
        sc.deadlines(["2025-01-01", "not a date"], "5日", calendar=CN)


def test_projected_rows_are_marked_and_warned_once() -> None:
    cal = sc.calendar("CN", horizon="projected")
    starts = np.array(["2026-12-20", "2026-06-01"], dtype="datetime64[D]")
    with pytest.warns(sc.ProvisionalWarning, match=r"1 of 2 deadlines .* first at index 0"):
        d = sc.deadlines(starts, "10个工作日", calendar=cal)
    assert d.provisional.tolist() == [True, False]


@pytest.mark.parametrize("period", ["7日", "5个工作日", "1个月", "24小时", "8个工作小时", ["1日", "3个工作日", None]])
def test_blocks_of_rows_give_the_whole_columns_answer(monkeypatch: pytest.MonkeyPatch, period: object) -> None:
    from slaclock._rules import columns as dc

    cal = sc.calendar("CN", horizon="projected").with_hours("09:00-12:00,13:30-18:00")
    rng = np.random.default_rng(7)
    n = 5_000
    starts = np.datetime64("2024-01-01T00:00", "us") + rng.integers(0, 4 * 365 * 86_400, n).astype("timedelta64[s]")
    starts[::97] = np.datetime64("NaT")
    periods = rng.choice(np.array(period, dtype=object), n) if isinstance(period, list) else period
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        whole = sc.deadlines(starts, periods, calendar=cal)  # 5,000 rows: one block
        monkeypatch.setattr(dc, "_CHUNK", 64)  # 79 blocks, the last one short
        blocks = sc.deadlines(starts, periods, calendar=cal)
    assert whole.provisional.sum() < n
    assert period == "24小时" or whole.provisional.any()  # clock hours read no days
    np.testing.assert_array_equal(blocks.due, whole.due)
    np.testing.assert_array_equal(blocks.last_day, whole.last_day)
    np.testing.assert_array_equal(blocks.provisional, whole.provisional)
    ends = starts.astype("datetime64[D]")
    conv = sc.Convention.notice_on_workday()
    with pytest.warns(sc.ProvisionalWarning):
        notice_blocks = sc.notice_deadlines(ends, "1个月", calendar=cal, convention=conv)
    monkeypatch.setattr(dc, "_CHUNK", 10**9)
    with pytest.warns(sc.ProvisionalWarning):
        notice_whole = sc.notice_deadlines(ends, "1个月", calendar=cal, convention=conv)
    np.testing.assert_array_equal(notice_blocks.due, notice_whole.due)
    np.testing.assert_array_equal(notice_blocks.provisional, notice_whole.provisional)


def test_an_error_in_a_block_is_reported_for_the_whole_column(monkeypatch: pytest.MonkeyPatch) -> None:
    from slaclock._rules import columns as dc

    starts = np.full(1_000, np.datetime64("2026-03-02"), dtype="datetime64[D]")
    starts[[700, 950]] = np.datetime64("2026-12-28")
    with pytest.raises(sc.CalendarHorizonError) as whole:
        sc.deadlines(starts, "5个工作日", calendar="CN")
    monkeypatch.setattr(dc, "_CHUNK", 64)
    with pytest.raises(sc.CalendarHorizonError) as blocks:
        sc.deadlines(starts, "5个工作日", calendar="CN")
    assert str(blocks.value) == str(whole.value)
    assert "first at index 700" in str(blocks.value)


@pytest.mark.parametrize("workers", ["1", "4"])
def test_threads_give_the_serial_answer(monkeypatch: pytest.MonkeyPatch, workers: str) -> None:
    from slaclock._base import blocks as _blocks
    from slaclock._rules import columns as dc

    rng = np.random.default_rng(3)
    starts = np.datetime64("2005-01-01", "D") + rng.integers(0, 7_900, 20_000)
    starts[::101] = np.datetime64("NaT")
    want = sc.deadlines(starts, "5个工作日", calendar="CN")  # 20,000 rows: one block, no threads
    monkeypatch.setenv("SLACLOCK_THREADS", workers)
    _blocks.threads.cache_clear()
    monkeypatch.setattr(dc, "_CHUNK", 256)  # 79 blocks
    try:
        assert _blocks.threads() == int(workers)
        got = sc.deadlines(starts, "5个工作日", calendar="CN")
    finally:
        _blocks.threads.cache_clear()
    np.testing.assert_array_equal(got.due, want.due)
    np.testing.assert_array_equal(got.last_day, want.last_day)


def test_blocks_on_threads_are_twice_as_long_and_give_the_serial_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """On threads a long column's blocks are twice as long (fewer GIL handovers): the same answers as one thread's
    blocks, for working time added to instants and for deadlines of working and clock time."""
    from slaclock._base import blocks as _blocks
    from slaclock._hours import columns as hc
    from slaclock._rules import columns as dc

    cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
    rng = np.random.default_rng(5)
    starts = np.datetime64("2005-01-01T00:00", "m") + rng.integers(0, 11_000_000, 20_000)
    starts[::97] = np.datetime64("NaT")
    monkeypatch.setattr(dc, "_CHUNK", 256)
    monkeypatch.setattr(hc, "_BLOCK", 256)

    def run(workers: str) -> list[np.ndarray]:
        monkeypatch.setenv("SLACLOCK_THREADS", workers)
        _blocks.threads.cache_clear()
        try:
            rows = _blocks.rows_per_block(starts.size, 256)
            assert rows == (256 if workers == "1" else 512)
            assert _blocks.rows_per_block(8 * 256 - 1, 256) == 256  # fewer than four long blocks: short ones
            return [
                cal.add_working_time(starts, "8个工作小时"),
                cal.working_time_between(starts, starts + np.timedelta64(3, "D")),
                sc.deadlines(starts, "8个工作小时", calendar=cal).due,
                sc.deadlines(starts, "48小时", calendar=cal).due,
            ]
        finally:
            _blocks.threads.cache_clear()

    for got, want in zip(run("3"), run("1"), strict=True):
        np.testing.assert_array_equal(got, want)
    assert _blocks.pool(2).submit(_blocks.rows_per_block, 10**6, 256).result() == 256  # a pool thread: one thread


def test_the_thread_setting_is_validated_and_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 15: "abc" and "0" used to fall back to 1 thread silently, and 10000 was taken as is
    from slaclock._base import blocks as _blocks

    for raw, expected in (
        ("3", 3),
        (" 2 ", 2),
        ("1", 1),
        ("10000", _blocks.MAX_THREADS),
        ("9" * 5000, _blocks.MAX_THREADS),
    ):
        monkeypatch.setenv("SLACLOCK_THREADS", raw)
        _blocks.threads.cache_clear()
        assert _blocks.threads() == expected
    for raw in ("0", "many", "-2", "2.5", "٣", "x" * 5000):
        monkeypatch.setenv("SLACLOCK_THREADS", raw)
        _blocks.threads.cache_clear()
        with pytest.raises(sc.InvalidInputError, match=r"SLACLOCK_THREADS=.* from 1 .* to 32") as caught:
            _blocks.threads()
        assert len(str(caught.value)) < 300
    monkeypatch.delenv("SLACLOCK_THREADS")
    _blocks.threads.cache_clear()
    assert 1 <= _blocks.threads() <= 8
    _blocks.threads.cache_clear()
