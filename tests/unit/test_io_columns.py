"""slaclock.io's column functions on Arrow arrays: the numpy path's answers, nulls kept, the input's kind kept."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

import slaclock as sc
from slaclock import io
from slaclock.errors import CalendarHorizonError, InvalidInputError, PeriodParseError, SlaclockError

CN = sc.calendar("CN")
HOURS = CN.with_hours("09:00-12:00,13:30-18:00")


def instants(n: int, seed: int, unit: str = "us") -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = np.datetime64("2025-12-01T00:00") + rng.integers(0, 330 * 24 * 60, n).astype("timedelta64[m]")
    x = x.astype(f"datetime64[{unit}]")
    x[rng.random(n) < 0.1] = np.datetime64("NaT")
    return x


def days(n: int, seed: int) -> np.ndarray:
    return instants(n, seed).astype("datetime64[D]")


@pytest.mark.parametrize("unit", ["s", "ms", "us"])
def test_deadline_is_the_numpy_paths_due_in_the_starts_own_unit(unit: str) -> None:
    x = instants(5_000, 1, unit)
    due = io.deadline(pa.array(x), "5个工作日", calendar="CN")
    assert due.type == pa.timestamp(unit)
    expected = sc.deadlines(x, "5个工作日", calendar=CN).due.astype(f"datetime64[{unit}]")
    np.testing.assert_array_equal(due.to_numpy(zero_copy_only=False), expected)
    assert due.null_count == int(np.isnat(x).sum())


def test_deadline_of_aware_starts_is_the_same_instant_in_their_zone() -> None:
    x = instants(2_000, 2)
    naive = io.deadline(pa.array(x), "24小时", calendar=HOURS)
    utc = pa.array(x).cast(pa.timestamp("us", tz="Asia/Shanghai"))  # the wall times, read as Shanghai instants
    aware = io.deadline(utc, "24小时", calendar=HOURS)
    assert aware.type == pa.timestamp("us", tz="Asia/Shanghai")
    assert aware.cast(pa.int64()).equals(naive.cast(pa.timestamp("us", tz="Asia/Shanghai")).cast(pa.int64()))


def test_a_per_row_period_column_and_chunked_arrays() -> None:
    x = instants(3_000, 3)
    periods = np.array(["5个工作日", "7日", "1个月"])[np.arange(3_000) % 3]
    starts = pa.chunked_array([pa.array(x[:1_000]), pa.array(x[1_000:])])
    due = io.deadline(starts, pa.array(periods), calendar="CN")
    assert isinstance(due, pa.ChunkedArray)
    expected = sc.deadlines(x, periods, calendar=CN).due
    np.testing.assert_array_equal(due.to_numpy(), expected)


def test_day_functions_are_the_calendars_with_nulls_for_nulls() -> None:
    a, b = days(5_000, 4), days(5_000, 5)
    n = np.random.default_rng(6).integers(-20, 20, 5_000)
    ok = ~np.isnat(a)
    got = io.is_workday(pa.array(a)).to_pylist()
    assert [v for v, k in zip(got, ok, strict=True) if not k] == [None] * int((~ok).sum())
    assert [v for v, k in zip(got, ok, strict=True) if k] == CN.is_workday(a[ok]).tolist()
    moved = io.add_workdays(pa.array(a), pa.array(n)).to_numpy(zero_copy_only=False)
    np.testing.assert_array_equal(moved[ok], CN.add_workdays(a[ok], n[ok]))
    both = ok & ~np.isnat(b)
    counts = io.workdays_between(pa.array(a), pa.array(b))
    assert counts.type == pa.int64()
    assert pc.is_null(counts).to_numpy(zero_copy_only=False).tolist() == (~both).tolist()
    np.testing.assert_array_equal(counts.to_numpy(zero_copy_only=False)[both], CN.workdays_between(a[both], b[both]))


def test_makeup_saturdays_count_as_workdays() -> None:
    sat = pa.array([dt.date(2026, 9, 20), dt.date(2026, 10, 10), dt.date(2026, 10, 17)])  # two makeup days, a Saturday
    assert io.is_workday(sat).to_pylist() == [True, True, False]
    assert io.add_workdays(pa.array([dt.date(2026, 10, 9)]), 1).to_pylist() == [dt.date(2026, 10, 10)]


def test_working_time_between_is_the_calendars_with_nulls() -> None:
    a, b = instants(3_000, 7), instants(3_000, 8)
    got = io.working_time_between(pa.array(a), pa.array(b), calendar=HOURS)
    assert got.type == pa.duration("us")
    both = ~np.isnat(a) & ~np.isnat(b)
    np.testing.assert_array_equal(
        got.to_numpy(zero_copy_only=False)[both], HOURS.working_time_between(a[both], b[both])
    )
    assert got.null_count == int((~both).sum())


def test_past_the_official_data_is_an_error_not_an_answer() -> None:
    with pytest.raises(CalendarHorizonError):
        io.deadline(pa.array(np.array(["2026-12-28T10:00"], "datetime64[us]")), "5个工作日", calendar="CN")
    with pytest.raises(CalendarHorizonError):
        io.add_workdays(pa.array([dt.date(2026, 12, 30)]), 3)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: io.deadline([1, 2], "5日"), "pyarrow Array"),
        (lambda: io.deadline(pa.array([1, 2]), "5日"), "timestamps or dates"),
        (lambda: io.deadline(pa.array([dt.date(2026, 1, 5)]), "soon"), "soon"),
        (lambda: io.is_workday(pa.array(["2026-01-05"])), "got an Arrow column of string"),
        (lambda: io.workdays_between(pa.array([dt.date(2026, 1, 5)]), pa.array([dt.date(2026, 1, 5)] * 2)), "length"),
        (
            lambda: io.working_time_between(pa.array([dt.date(2026, 1, 5)]), pa.array([dt.date(2026, 1, 6)])),
            "timestamps",
        ),
        (lambda: io.is_workday(pa.array([dt.date(2026, 1, 5)]), calendar=3), "region name"),
    ],
)
def test_bad_input_is_refused_by_name(call: object, match: str) -> None:
    with pytest.raises((InvalidInputError, PeriodParseError), match=match) as raised:
        call()  # type: ignore[operator]
    assert isinstance(raised.value, SlaclockError)
