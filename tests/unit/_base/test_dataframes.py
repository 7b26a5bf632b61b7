"""pandas, polars and pyarrow columns: the numpy answers, in the caller's kind."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import numpy as np
import pytest

import slaclock as sc

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

CAL = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
RNG = np.random.default_rng(20261121)
N = 400
# days around National Day 2026 (makeup Saturday 10-10) and Spring Festival 2026, NaT mixed in
DAYS = (np.datetime64("2026-01-20") + RNG.integers(0, 300, N)).astype("datetime64[D]")
DAYS[::37] = np.datetime64("NaT")
TIMES = DAYS.astype("datetime64[us]") + RNG.integers(0, 86_400, N).astype("timedelta64[s]")
STEPS = RNG.integers(-12, 12, N)
NAIVE = pd.Series(TIMES, index=pd.RangeIndex(100, 100 + N), name="opened")


def _np(x: Any) -> np.ndarray:
    """A column of any kind as numpy, missing values as NaT (dates as datetime64[D])."""
    if isinstance(x, (pd.Series, pd.Index)):
        return x.to_numpy()
    if isinstance(x, (pl.Series,)):
        return x.to_numpy()
    return x.to_numpy(zero_copy_only=False)


def _same(got: Any, want: np.ndarray) -> None:
    g = _np(got)
    if want.dtype.kind == "M":
        g = g.astype(want.dtype)
    np.testing.assert_array_equal(g, want)


# -- pandas -------------------------------------------------------------------------------------


def test_pandas_series_keeps_index_and_name_and_matches_numpy() -> None:
    days = pd.Series(DAYS.astype("datetime64[s]"), index=NAIVE.index, name="d")
    for got, want in [
        (CAL.is_workday(days), CAL.is_workday(DAYS)),
        (CAL.add_workdays(days, 3), CAL.add_workdays(DAYS, 3)),
        (CAL.roll(days, "modifiedfollowing"), CAL.roll(DAYS, "modifiedfollowing")),
        (CAL.day_kind(days), CAL.day_kind(DAYS)),
        (CAL.is_provisional(days), CAL.is_provisional(DAYS)),
        (CAL.close_of(days), CAL.close_of(DAYS)),
    ]:
        assert isinstance(got, pd.Series)
        assert got.index.equals(days.index)
        assert got.name == "d"
        _same(got, want)


def test_pandas_dates_come_back_as_midnights() -> None:
    out = CAL.add_workdays(pd.Series(DAYS), 1)
    assert out.dtype == np.dtype("datetime64[s]")
    assert out.isna().sum() == np.isnat(DAYS).sum()


def test_pandas_count_column_and_instant_ops() -> None:
    filled = pd.Series(np.where(np.isnat(DAYS), np.datetime64("2026-03-02"), DAYS), index=NAIVE.index)
    steps = pd.Series(STEPS, index=NAIVE.index)
    _same(CAL.add_workdays(filled, steps), CAL.add_workdays(filled.to_numpy(), STEPS))
    _same(
        CAL.workdays_between(filled, filled + pd.Timedelta(days=9)),
        CAL.workdays_between(filled.to_numpy(), filled.to_numpy() + np.timedelta64(9, "D")),
    )
    _same(CAL.is_open(NAIVE), CAL.is_open(TIMES))
    _same(CAL.next_open(NAIVE), CAL.next_open(TIMES))
    _same(CAL.add_working_time(NAIVE, "8个工作小时"), CAL.add_working_time(TIMES, "8个工作小时"))
    hours = pd.Series((STEPS * 3_600_000_000).astype("timedelta64[us]"), index=NAIVE.index)
    _same(CAL.add_working_time(NAIVE, hours), CAL.add_working_time(TIMES, hours.to_numpy()))
    later = NAIVE + pd.Timedelta(hours=30)
    _same(CAL.working_time_between(NAIVE, later), CAL.working_time_between(TIMES, later.to_numpy()))


def test_pandas_deadlines_and_is_met() -> None:
    d = sc.deadlines(NAIVE, "5个工作日", calendar=CAL)
    want = sc.deadlines(TIMES, "5个工作日", calendar=CAL)
    for name in ("due", "last_day", "provisional"):
        got = getattr(d, name)
        assert isinstance(got, pd.Series)
        assert got.index.equals(NAIVE.index)
        _same(got, getattr(want, name))
    at = NAIVE + pd.Timedelta(days=8)
    met = d.is_met(at)
    assert isinstance(met, pd.Series)
    _same(met, want.is_met(at.to_numpy()))


def test_pandas_aware_column_counts_in_the_calendars_zone_and_answers_in_its_own() -> None:
    # 17:30 in London on 30 September is 00:30 on 1 October in Beijing: a holiday
    aware = pd.Series(pd.to_datetime(["2026-09-30 17:30", "2026-09-30 08:00", None]).tz_localize("Europe/London"))
    assert list(CAL.is_workday(aware)) == [False, True, False]
    d = sc.deadlines(aware, "5个工作日", calendar=CAL)
    assert str(d.due.dt.tz) == "Europe/London"
    # row 0 starts on the holiday 10-01 (Beijing): day 1 is 10-08, and the makeup Saturday 10-10 counts
    assert d.last_day[0] == pd.Timestamp("2026-10-13")
    # 20:00 in London on Friday 10-09 is 03:00 on the makeup Saturday 10-10 in Beijing: 10-12 is day 1
    late = pd.Series(pd.to_datetime(["2026-10-09 20:00"]).tz_localize("Europe/London"))
    assert sc.deadlines(late, "5个工作日", calendar=CAL).last_day[0] == pd.Timestamp("2026-10-16")
    assert d.due[0] == pd.Timestamp("2026-10-14 00:00", tz="Asia/Shanghai")
    out = CAL.add_working_time(aware, "8个工作小时")
    assert str(out.dt.tz) == "Europe/London"
    # 00:30 Beijing on a holiday: the clock starts 10-08 09:00, 7.5 h that day, 0.5 h on 10-09
    assert out[0] == pd.Timestamp("2026-10-09 09:30", tz="Asia/Shanghai")
    assert pd.isna(out[2])


def test_pandas_datetimeindex_gives_an_index() -> None:
    idx = pd.DatetimeIndex(["2026-09-30", "2026-10-10"], name="day")
    out = CAL.add_workdays(idx, 1)
    assert isinstance(out, pd.DatetimeIndex)
    assert out.name == "day"
    assert list(out) == [pd.Timestamp("2026-10-08"), pd.Timestamp("2026-10-12")]
    aware = pd.DatetimeIndex(["2026-09-30 10:00"], tz="Asia/Shanghai")
    assert CAL.add_working_time(aware, "8个工作小时")[0] == pd.Timestamp("2026-10-08 10:30", tz="Asia/Shanghai")


def test_pandas_scalars_stay_scalar() -> None:
    assert CAL.add_workdays(pd.Timestamp("2026-09-30"), 1) == dt.date(2026, 10, 8)
    assert CAL.is_workday(pd.Timestamp("2026-10-10"))


def test_pandas_misaligned_series_are_refused() -> None:
    a = pd.Series(DAYS[:3], index=[0, 1, 2])
    b = pd.Series(DAYS[:3], index=[2, 1, 0])
    with pytest.raises(sc.InvalidInputError, match="different indexes"):
        CAL.add_workdays(a, pd.Series([1, 2, 3], index=[2, 1, 0]))
    with pytest.raises(sc.InvalidInputError, match="different indexes"):
        CAL.working_time_between(a, b)


def test_mixing_aware_and_naive_columns_is_refused() -> None:
    aware = NAIVE.dt.tz_localize("Asia/Shanghai")
    with pytest.raises(sc.InvalidInputError, match="aware column with a naive one"):
        CAL.working_time_between(aware, NAIVE)


def test_errors_name_rows_as_for_numpy() -> None:
    late = pd.Series(pd.to_datetime(["2026-12-01", "2027-03-01"]))
    with pytest.raises(sc.CalendarHorizonError, match="first at index 1"):
        CAL.add_workdays(late, 1)


# -- polars -------------------------------------------------------------------------------------


def test_polars_series_match_numpy() -> None:
    days = pl.Series("d", DAYS)
    assert days.dtype == pl.Date
    for got, want in [
        (CAL.is_workday(days), CAL.is_workday(DAYS)),
        (CAL.add_workdays(days, -4), CAL.add_workdays(DAYS, -4)),
        (CAL.day_kind(days), CAL.day_kind(DAYS)),
    ]:
        assert isinstance(got, pl.Series)
        assert got.name == "d"
        _same(got, want)
    assert CAL.add_workdays(days, 1).dtype == pl.Date
    assert CAL.add_workdays(days, 1).null_count() == int(np.isnat(DAYS).sum())
    times = pl.Series("t", TIMES)
    _same(CAL.add_working_time(times, "3个工作小时"), CAL.add_working_time(TIMES, "3个工作小时"))
    d = sc.deadlines(times, "7日", calendar=CAL)
    _same(d.due, sc.deadlines(TIMES, "7日", calendar=CAL).due)


def test_polars_expressions_eager_and_lazy() -> None:
    frame = pl.DataFrame({"t": TIMES, "d": DAYS, "n": np.abs(STEPS)}).with_columns(
        pl.col("t").dt.replace_time_zone("Asia/Shanghai").alias("aware")
    )
    due = sc.deadlines(pl.col("aware"), "5个工作日", calendar=CAL)
    query = frame.lazy().with_columns(
        due=due.due,
        last=due.last_day,
        met=due.is_met(pl.col("aware").dt.offset_by("6d")),
        step=CAL.add_workdays(pl.col("d"), pl.col("n")),
        open=CAL.is_open(pl.col("t")),
    )
    schema = query.collect_schema()
    assert schema["due"] == pl.Datetime("us", "Asia/Shanghai")
    assert schema["last"] == pl.Date
    assert schema["step"] == pl.Date
    out = query.collect()
    want = sc.deadlines(TIMES, "5个工作日", calendar=CAL)
    _same(out["due"].dt.replace_time_zone(None), want.due)
    _same(out["last"], want.last_day)
    _same(out["met"], want.is_met(TIMES + np.timedelta64(6, "D")))
    _same(out["step"], CAL.add_workdays(DAYS, np.abs(STEPS)))
    _same(out["open"], CAL.is_open(TIMES))
    assert frame.with_columns(due=due.due)["due"].equals(out["due"])


# -- pyarrow ------------------------------------------------------------------------------------


def test_pyarrow_arrays_and_chunked_arrays() -> None:
    days = pa.array(DAYS, from_pandas=True)
    assert days.type == pa.date32()
    got = CAL.add_workdays(days, 2)
    assert isinstance(got, pa.Array)
    assert got.type == pa.date32()
    assert got.null_count == int(np.isnat(DAYS).sum())
    _same(got, CAL.add_workdays(DAYS, 2))
    chunked = pa.chunked_array([pa.array(TIMES[:200], from_pandas=True), pa.array(TIMES[200:], from_pandas=True)])
    out = CAL.add_working_time(chunked, "1个工作小时")
    assert isinstance(out, pa.ChunkedArray)
    _same(out, CAL.add_working_time(TIMES, "1个工作小时"))
    aware = pa.array(TIMES[:50], type=pa.timestamp("us", tz="Asia/Shanghai"), from_pandas=True)  # values are UTC
    moved = CAL.add_working_time(aware, "1个工作小时")
    assert moved.type == pa.timestamp("us", tz="Asia/Shanghai")
    _same(moved, CAL.add_working_time(TIMES[:50], "1个工作小时", utc=True))


def test_pyarrow_null_counts_are_refused_clearly() -> None:
    with pytest.raises(sc.InvalidInputError, match="nulls"):
        CAL.add_workdays(pa.array([dt.date(2026, 9, 30)]), pa.array([None], type=pa.int64()))


def test_columns_from_two_libraries_are_refused() -> None:
    with pytest.raises(sc.InvalidInputError, match="pandas and polars"):
        CAL.add_workdays(pd.Series(DAYS[:2]), pl.Series([1, 2]))


def test_importing_slaclock_imports_no_dataframe_library() -> None:
    code = "import sys, slaclock; print(sorted(m for m in ('pandas', 'polars', 'pyarrow') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_notice_deadlines_take_columns() -> None:
    ends = pd.Series(pd.to_datetime(["2025-10-31", None]), index=["a", "b"])
    got = sc.notice_deadlines(ends, "提前30日", calendar="CN")
    assert isinstance(got.last_day, pd.Series)
    assert list(got.last_day.index) == ["a", "b"]
    assert got.last_day["a"] == pd.Timestamp("2025-10-01")
    assert pd.isna(got.last_day["b"])


@pytest.mark.parametrize(
    "dtype",
    [
        "datetime64[D]",
        "datetime64[ms]",
        "datetime64[us]",
        "datetime64[ns]",
        "timedelta64[ms]",
        "timedelta64[us]",
        "timedelta64[ns]",
    ],
)
@pytest.mark.parametrize("missing", ["none", "some", "all"])
@pytest.mark.parametrize("tz", [None, "Asia/Shanghai", "America/New_York"])
def test_polars_series_from_numpy_is_polars_own_conversion(dtype: str, missing: str, tz: str | None) -> None:
    """With ``tz``, instants are UTC shown in that zone, as polars' own ``replace_time_zone("UTC")`` then
    ``convert_time_zone`` makes them (a zone has no meaning for dates and durations: they are left as they are)."""
    from slaclock._base.dataframes import polars_series

    values = RNG.integers(0, 20_000 if dtype.endswith("[D]") else 10**12, 1_000).astype(dtype)
    if missing != "none":
        values[:: 1 if missing == "all" else 7] = np.datetime64("NaT") if dtype[0] == "d" else np.timedelta64("NaT")
    ours, theirs = polars_series("x", values, tz), pl.Series("x", values)
    if tz and values.dtype.kind == "M" and not dtype.endswith("[D]"):
        theirs = theirs.dt.replace_time_zone("UTC").dt.convert_time_zone(tz)
    assert ours.dtype == theirs.dtype
    assert ours.name == "x"
    assert ours.null_count() == int(np.isnat(values).sum())
    assert ours.equals(theirs)  # values and nulls


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
@pytest.mark.parametrize("owned", [True, False])
@pytest.mark.parametrize("tz", ["Asia/Shanghai", "America/New_York", "UTC"])
def test_pandas_aware_is_pandas_own_localize_and_shares_an_owned_array(unit: str, owned: bool, tz: str) -> None:
    """UTC instants shown in ``tz``, as pandas' ``tz_localize("UTC").tz_convert(tz)`` makes them; made on the
    array's own memory only when the caller says it owns it."""
    from slaclock._base.dataframes import pandas_aware

    values = RNG.integers(0, 2 * 10**9, 1_000).astype("datetime64[s]").astype(f"datetime64[{unit}]")
    values[::7] = np.datetime64("NaT")
    ours = pandas_aware(values, tz, owned)
    theirs = pd.Series(values).dt.tz_localize("UTC").dt.tz_convert(tz).array
    assert ours.dtype == theirs.dtype
    pd.testing.assert_extension_array_equal(ours, theirs)
    assert np.shares_memory(ours.asi8, values) == owned


def test_pandas_aware_copies_an_owned_array_it_cannot_take_as_it_is() -> None:
    """A strided view is not made a pandas array in place, even when owned: its copy is."""
    from slaclock._base.dataframes import pandas_aware

    values = TIMES.copy()
    view = values[::2]
    ours = pandas_aware(view, "Asia/Shanghai", owned=True)
    theirs = pd.Series(view).dt.tz_localize("UTC").dt.tz_convert("Asia/Shanghai").array
    pd.testing.assert_extension_array_equal(ours, theirs)
    assert not np.shares_memory(ours.asi8, values)


@pytest.mark.parametrize("index", ["series", "index"])
def test_pandas_aware_results_keep_the_index_and_the_name(index: str) -> None:
    """An aware column's answers come back aware in its zone, on its index (positional) and with its name, the
    same instants as pandas' own ``tz_localize("UTC").tz_convert``, and as the numpy column's."""
    opened = pd.to_datetime(["2026-09-30 17:30", None, "2026-10-09 20:00"]).tz_localize("Europe/London")
    x = pd.Series(opened, index=[30, 10, 20], name="opened") if index == "series" else opened.rename("opened")
    d = sc.deadlines(x, "5个工作日", calendar=CAL)
    plain = sc.deadlines(opened.tz_convert("UTC").tz_localize(None).to_numpy(), "5个工作日", calendar=CAL, utc=True)
    want = pd.Series(plain.due).dt.tz_localize("UTC").dt.tz_convert("Europe/London").array
    assert isinstance(d.due, pd.Series if index == "series" else pd.DatetimeIndex)
    assert d.due.name == "opened"
    if index == "series":
        assert list(d.due.index) == [30, 10, 20]
    pd.testing.assert_extension_array_equal(d.due.array, want)
    moved = CAL.add_working_time(x, "8个工作小时")
    assert moved.name == "opened"
    # in Beijing: 00:30 on the holiday 10-01 runs 7.5 h on 10-08 and 0.5 h on 10-09; 03:00 on the makeup Saturday
    # 10-10 runs 7.5 h that day and 0.5 h on Monday 10-12
    assert [str(t) for t in moved] == ["2026-10-09 02:30:00+01:00", "NaT", "2026-10-12 02:30:00+01:00"]


def test_pandas_aware_takes_the_public_way_where_the_private_constructor_fails_its_probe(monkeypatch: Any) -> None:
    """A pandas whose ``DatetimeArray._simple_new`` is gone, raises, or reads the values as wall times (on a copy
    or in place) is seen by the probe: the public way, with its copy, gives the same instants."""
    from slaclock._base import dataframes

    values = TIMES.copy()
    want = pd.Series(values).dt.tz_localize("UTC").dt.tz_convert("Asia/Shanghai").array

    def as_wall(v: np.ndarray, dtype: Any) -> Any:  # a pandas that localized the values instead
        return pd.Series(v).dt.tz_localize(dtype.tz).array

    def raising(v: np.ndarray, dtype: Any) -> Any:
        raise TypeError("no such signature")

    def gone(v: np.ndarray, dtype: Any) -> Any:
        return pd.arrays.DatetimeArray._no_such_constructor(v, dtype=dtype)

    real = dataframes._on_values

    def wall_in_place(v: np.ndarray, dtype: Any) -> Any:  # on the values, but read as wall times
        i = v.view(np.int64)
        i[i != np.iinfo(np.int64).min] -= 8 * 3_600_000_000
        return real(v, dtype)

    try:
        for broken in (as_wall, raising, gone, wall_in_place):
            dataframes._simple_new_shares.cache_clear()
            monkeypatch.setattr(dataframes, "_on_values", broken)
            assert not dataframes._simple_new_shares()
            got = dataframes.pandas_aware(values, "Asia/Shanghai", owned=True)
            pd.testing.assert_extension_array_equal(got, want)
            assert not np.shares_memory(got.asi8, values)
    finally:
        monkeypatch.undo()
        dataframes._simple_new_shares.cache_clear()
    assert dataframes._simple_new_shares()


@pytest.mark.parametrize(
    "dtype",
    [
        "datetime64[D]",
        "datetime64[s]",
        "datetime64[ms]",
        "datetime64[us]",
        "datetime64[ns]",
        "timedelta64[s]",
        "timedelta64[us]",
        "timedelta64[ns]",
        "int64",
    ],
)
@pytest.mark.parametrize("missing", ["none", "some", "all"])
@pytest.mark.parametrize("tz", [None, "Asia/Shanghai"])
def test_arrow_array_from_numpy_is_pyarrows_own_conversion(dtype: str, missing: str, tz: str | None) -> None:
    from slaclock._base.dataframes import arrow_array

    values = RNG.integers(0, 20_000 if dtype.endswith("[D]") else 10**12, 1_000).astype(dtype)
    if missing != "none" and dtype != "int64":
        values[:: 1 if missing == "all" else 7] = np.datetime64("NaT") if dtype[0] == "d" else np.timedelta64("NaT")
    kind = (
        pa.timestamp(np.datetime_data(values.dtype)[0], tz=tz)
        if tz and dtype[0] == "d" and "[D]" not in dtype
        else None
    )
    ours, theirs = arrow_array(values, tz), pa.array(values, type=kind, from_pandas=True)
    assert ours.type == theirs.type
    assert ours.null_count == theirs.null_count == (int(np.isnat(values).sum()) if dtype != "int64" else 0)
    assert ours.equals(theirs)  # values and nulls


ARROW_TEMPORAL = [pa.timestamp(u) for u in ("s", "ms", "us", "ns")] + [
    pa.timestamp("us", tz="Asia/Shanghai"),
    pa.date32(),
    pa.date64(),
]


@pytest.mark.parametrize("kind", ARROW_TEMPORAL, ids=str)
@pytest.mark.parametrize("shape", ["one chunk", "one chunk, no nulls", "sliced chunks", "no chunk"])
def test_arrow_temporal_columns_are_read_from_their_buffers_as_arrow_reads_them(kind: Any, shape: str) -> None:
    """The buffer reader gives what pyarrow's own ``to_numpy`` gives: values, units (date64 in days, as date32),
    nulls as NaT, chunk offsets and the validity bits of a sliced chunk (an offset not a multiple of 8)."""
    from slaclock._base.dataframes import _arrow_datetimes

    rng = np.random.default_rng(len(shape) + len(str(kind)))

    def array(n: int, nulls: bool) -> Any:
        if pa.types.is_date32(kind):
            values = rng.integers(-30_000, 30_000, n).astype(np.int32)
        elif pa.types.is_date64(kind):
            values = rng.integers(-30_000, 30_000, n) * 86_400_000
        else:
            values = rng.integers(-(2**62), 2**62, n) // 1_000_000 * 1_000
        valid = rng.random(n) > 0.3 if nulls else np.ones(n, dtype=bool)
        bits = pa.py_buffer(np.packbits(valid, bitorder="little"))
        return pa.Array.from_buffers(kind, n, [bits, pa.py_buffer(values)], null_count=int(n - valid.sum()))

    if shape == "one chunk":
        x = array(1_000, True)
    elif shape == "one chunk, no nulls":
        x = array(1_000, False)
    elif shape == "sliced chunks":
        x = pa.chunked_array([array(300, True).slice(13, 250), array(0, True), array(77, True).slice(5)])
    else:
        x = pa.chunked_array([], type=kind)
    got = _arrow_datetimes(x, pa)
    assert got is not None
    want = x.to_numpy(zero_copy_only=False) if len(x) else np.zeros(0, dtype=got.dtype)
    if pa.types.is_date64(kind):  # Arrow's own reading is midnights in ms; a date is read as days, as date32 is
        want = want.astype("datetime64[D]")
    assert got.dtype == want.dtype
    assert np.array_equal(got.view(np.int64), want.view(np.int64))


def test_other_arrow_types_are_left_to_arrow() -> None:
    from slaclock._base.dataframes import _arrow_datetimes

    assert _arrow_datetimes(pa.array([1, 2]), pa) is None
    assert _arrow_datetimes(pa.array(["2024-01-01"]), pa) is None


def test_evaluating_an_arrow_table_imports_no_pandas() -> None:
    """An Arrow table as a Parquet reader gives it: evaluate reads its timestamps and makes every kind of result
    column (states, labels, instants, days, durations, flags, counts) without pandas, which ``pa.array`` and
    Arrow's ``to_numpy`` import (46 MiB) wherever it is installed, even for a caller who never uses it."""
    code = (
        "import sys, numpy as np, pyarrow as pa, slaclock as sc\n"
        "def col(*xs):\n"
        "    t = np.array(xs, dtype='datetime64[us]')\n"
        "    bits = pa.py_buffer(np.packbits(~np.isnat(t), bitorder='little'))\n"
        "    return pa.Array.from_buffers(pa.timestamp('us'), t.size, [bits, pa.py_buffer(t.view(np.int64))])\n"
        "table = pa.Table.from_arrays([col('2026-03-02T09:00', 'NaT', '2026-03-03T10:00'),\n"
        "                              col('2026-03-02T10:00', 'NaT', 'NaT')], names=['received', 'acknowledged'])\n"
        "c = sc.Contract('c', [sc.Clause('ack', '2工作日', starts_on='received', met_by='acknowledged', warn=[0.5])],\n"
        "                events=['received', 'acknowledged'])\n"
        "out = c.evaluate(table, now='2026-03-04T12:00')\n"
        "codes = c.evaluate(table, now='2026-03-04T12:00', states='codes')\n"
        "cal = sc.calendar('CN')\n"
        "got = table['received']\n"
        "days = [sc.deadlines(got, '5个工作日', calendar=cal).last_day, cal.is_workday(got),\n"
        "        cal.add_workdays(got, 1), cal.is_workday(got.cast(pa.timestamp('us', tz='Europe/London')))]\n"
        "print('pandas' in sys.modules)\n"
        "print(out.schema.names)\n"
        "print([out.column(k).to_pylist() for k in ('ack.state', 'ack.provisional', 'ack.took', 'ack.risk')])\n"
        "print(codes.column('ack.state').to_pylist())\n"
        "print([[v if v is None or v is True else str(v) for v in d.to_pylist()] for d in days])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported, names, values, codes, days = out.stdout.strip().splitlines()
    assert imported == "False", out.stderr
    assert "ack.warn.50%" in names
    assert values == str(
        [["met", "not_started", "running"], [False, False, False], [0, None, None], [None, None, None]]
    )
    assert codes == "[4, 0, 1]"
    flags = [True, "False", True]  # is_workday of NaT is False, as in numpy
    assert days == str([["2026-03-09", None, "2026-03-10"], flags, ["2026-03-03", None, "2026-03-04"], flags])


def _aware(lib: str, values: np.ndarray, unit: str) -> Any:
    """An aware (UTC) column of ``lib`` holding ``values`` (int64) in ``unit``, the last one null."""
    stamps = values.view(f"datetime64[{unit}]").copy()
    stamps[-1] = np.datetime64("NaT")
    if lib == "pandas":
        return pd.Series(stamps).dt.tz_localize("UTC")
    if lib == "polars":
        return pl.Series("x", values).cast(pl.Datetime(unit, "UTC")).scatter(len(values) - 1, None)
    mask = np.zeros(len(values), dtype=bool)
    mask[-1] = True
    return pa.array(stamps, type=pa.timestamp(unit, tz="UTC"), mask=mask)


@pytest.mark.parametrize("lib", ["pandas", "polars", "pyarrow"])
@pytest.mark.parametrize("unit", ["ms", "us", "ns"])
@pytest.mark.parametrize("end", ["least", "greatest"])
def test_an_aware_date_column_at_int64s_ends_is_refused_naming_the_value(lib: str, unit: str, end: str) -> None:
    # the libraries' own zone conversions panic (polars), raise their own error (pandas) or wrap to another date
    extreme = np.iinfo(np.int64).min + 5 if end == "least" else np.iinfo(np.int64).max - 5
    column = _aware(lib, np.array([0, extreme, 0], dtype=np.int64), unit)
    shown = str(np.datetime64(int(extreme), unit))
    where = (
        "too near an end of datetime64\\[ns\\] for its wall time in Asia/Shanghai to be held"
        if unit == "ns"
        else "outside the years 1 to 9999"
    )
    with pytest.raises(sc.InvalidInputError, match=f"value at index 1, {shown} UTC, is {where}"):
        sc.calendar("CN").is_workday(column)


@pytest.mark.parametrize("lib", ["polars", "pyarrow"])
@pytest.mark.parametrize("unit", ["us", "ns"])
def test_int64s_least_value_not_null_is_refused_not_read_as_missing(lib: str, unit: str) -> None:
    # numpy's NaT is that value: read through numpy, it would pass as a null
    values = np.array([0, np.iinfo(np.int64).min, 0], dtype=np.int64)
    column = _aware(lib, values, unit)  # the last one null, the middle one not
    with pytest.raises(sc.InvalidInputError, match=r"value at index 1, int64's least value, is "):
        sc.calendar("CN").is_workday(column)


@pytest.mark.parametrize("lib", ["pandas", "polars", "pyarrow"])
def test_ns_near_int64s_end_answers_where_the_zone_leaves_room(lib: str) -> None:
    # in UTC no offset can wrap: 2262-04-11T22:00 (1 h 47 min before the end) is a day like another
    utc = sc.custom_calendar("1111100", {}, first="0001-01-01", last="9999-12-31", tz="UTC")
    ns = np.array(["2262-04-11T12:00", "2262-04-11T22:00", "NaT"], "datetime64[ns]").view(np.int64)
    got = utc.is_workday(_aware(lib, ns, "ns"))
    listed = got.tolist() if lib == "pandas" else got.to_list() if lib == "polars" else got.to_pylist()
    assert listed == [True, True, False]  # 2262-04-11 is a Tuesday


def test_the_year_10000_in_a_zone_with_summer_time_is_refused_as_ours() -> None:
    # pandas' own conversion raised NotImplementedError there (its wall date, 9999-12-31 in New York, is no matter)
    ny = sc.custom_calendar("1111100", {}, first="0001-01-01", last="9999-12-31", tz="America/New_York")
    column = pd.Series(np.array(["9999-12-31T23:59", "10000-01-01T00:00"], "datetime64[s]")).dt.tz_localize("UTC")
    with pytest.raises(sc.InvalidInputError, match=r"index 1, 10000-01-01T00:00:00 UTC, is outside the years 1 to"):
        ny.is_workday(column)
    assert ny.is_workday(column[:1]).tolist() == [True]


@pytest.mark.parametrize("lib", ["pandas", "polars", "pyarrow"])
def test_an_aware_date_column_at_the_years_ends_answers_as_numpy(lib: str) -> None:
    cal = sc.custom_calendar("1111100", {}, first="0001-01-01", last="9999-12-31", tz="Asia/Shanghai")
    utc = np.array(["0001-01-01T00:00", "0001-01-05T16:00", "9999-12-31T15:59", "NaT"], "datetime64[us]")
    got = cal.is_workday(_aware(lib, utc.view(np.int64), "us"))
    walls = (utc + np.timedelta64(8 * 3600 + 343, "s")).astype("datetime64[D]")  # LMT +08:05:43 before 1901
    walls[2] = np.datetime64("9999-12-31")  # CST +08:00
    listed = got.tolist() if lib == "pandas" else got.to_list() if lib == "polars" else got.to_pylist()
    assert listed == cal.is_workday(walls).tolist() == [True, False, True, False]


@pytest.mark.parametrize("lib", ["pandas", "polars", "pyarrow"])
@pytest.mark.parametrize("year", [2030, 2040, 2100, 2500])
def test_aware_dates_in_a_zone_with_summer_time_are_its_wall_dates_in_far_years(lib: str, year: int) -> None:
    # 04:30 UTC is 00:30 in New York's summer; Arrow's own conversion drops summer time from 2038 and polars' from
    # 2100, which made it 23:30 the day before: a Saturday read as a Friday, a Monday as a Sunday
    ny = sc.custom_calendar("1111100", {}, first="1900-01-01", last="9999-12-31", tz="America/New_York")
    day = np.datetime64(f"{year}-07-01")
    saturday = day + (5 - (day.view(np.int64) + 3) % 7) % 7  # 1970-01-01 was a Thursday
    at = np.timedelta64(4 * 60 + 30, "m")
    utc = np.array([saturday + at, saturday + 2 + at, "NaT"], "datetime64[us]").view(np.int64)
    got = ny.is_workday(_aware(lib, utc, "us"))
    listed = got.tolist() if lib == "pandas" else got.to_list() if lib == "polars" else got.to_pylist()
    assert listed == [False, True, False]  # Saturday 00:30 and Monday 00:30 in New York
