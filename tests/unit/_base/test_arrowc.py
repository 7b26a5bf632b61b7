"""The Arrow C stream reader: temporal columns of any producer (polars, pyarrow) read as numpy, nulls as NaT."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slaclock._base.arrowc import read_temporal

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

NAT = np.iinfo(np.int64).min
POLARS_KINDS = {
    "datetime64[ms]": pl.Datetime("ms"),
    "datetime64[us]": pl.Datetime("us"),
    "datetime64[ns]": pl.Datetime("ns"),
    "datetime64[us] UTC+8": pl.Datetime("us", "Asia/Shanghai"),
    "datetime64[D]": pl.Date,
    "timedelta64[ms]": pl.Duration("ms"),
    "timedelta64[us]": pl.Duration("us"),
    "timedelta64[ns]": pl.Duration("ns"),
}


@st.composite
def chunks(draw: st.DrawFn) -> tuple[str, list[np.ndarray]]:
    """A numpy type and a few chunks of its values, NaT among them (a chunk may be empty, or all NaT)."""
    tag = draw(st.sampled_from(sorted(POLARS_KINDS)))
    bound = 40_000 if tag.startswith("datetime64[D]") else 2**61
    parts = []
    for n in draw(st.lists(st.integers(0, 40), min_size=1, max_size=4)):
        values = np.array(draw(st.lists(st.integers(-bound, bound), min_size=n, max_size=n)), dtype=np.int64)
        missing = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
        values[missing] = NAT
        parts.append(values)
    return tag, parts


@settings(max_examples=300, deadline=None)
@given(chunks(), st.data())
def test_polars_columns_read_as_they_were_made(made: tuple[str, list[np.ndarray]], data: st.DataObject) -> None:
    """polars made each chunk from numpy itself (its own constructor), kept the chunks apart, then sliced
    them: the stream's arrays have offsets that are not whole bytes of the validity bitmap."""
    tag, parts = made
    numpy_type = tag.split()[0]
    series = [pl.Series("x", p.view(numpy_type)) for p in parts]
    kind = POLARS_KINDS[tag]
    column = pl.concat([s.cast(pl.Int64).cast(kind) if s.dtype != kind else s for s in series], rechunk=False)
    whole = np.concatenate(parts)
    start = data.draw(st.integers(0, whole.size))
    length = data.draw(st.integers(0, whole.size - start))
    got = read_temporal(column.slice(start, length))
    assert got is not None
    assert got.dtype == np.dtype(numpy_type)
    assert np.array_equal(got.view(np.int64), whole[start : start + length])


ARROW_KINDS = [
    pa.timestamp("s"),
    pa.timestamp("ms"),
    pa.timestamp("us", tz="Asia/Shanghai"),
    pa.timestamp("ns"),
    pa.date32(),
    pa.date64(),
    pa.duration("s"),
    pa.duration("us"),
]


@pytest.mark.parametrize("kind", ARROW_KINDS, ids=str)
def test_pyarrow_columns_read_as_arrow_reads_them(kind: Any) -> None:
    """Sliced chunks with nulls, an empty chunk among them: what pyarrow's own ``to_numpy`` gives."""
    rng = np.random.default_rng(len(str(kind)))

    def array(n: int) -> Any:
        if pa.types.is_date32(kind):
            values: np.ndarray = rng.integers(-30_000, 30_000, n).astype(np.int32)
        elif pa.types.is_date64(kind):
            values = rng.integers(-30_000, 30_000, n) * 86_400_000
        else:
            values = rng.integers(-(2**62), 2**62, n) // 1_000_000 * 1_000
        valid = rng.random(n) > 0.3
        bits = pa.py_buffer(np.packbits(valid, bitorder="little"))
        return pa.Array.from_buffers(kind, n, [bits, pa.py_buffer(values)], null_count=int(n - valid.sum()))

    x = pa.chunked_array([array(300).slice(13, 250), array(0), array(77).slice(5), array(64)])
    got = read_temporal(x)
    assert got is not None
    want = x.to_numpy(zero_copy_only=False)
    assert got.dtype == want.dtype
    assert np.array_equal(got.view(np.int64), want.view(np.int64))


def test_an_empty_stream_is_an_empty_column_of_its_type() -> None:
    got = read_temporal(pa.chunked_array([], type=pa.timestamp("ms")))
    assert got is not None
    assert got.dtype == np.dtype("datetime64[ms]")
    assert got.size == 0


@pytest.mark.parametrize(
    "column",
    [
        pl.Series([1, None]),
        pl.Series(["2026-01-01", None]),
        pl.Series([1.5, None]),
        pa.chunked_array([pa.array([1, None])]),
        pa.chunked_array([pa.array(["2026-01-01"])]),
    ],
    ids=["polars int", "polars text", "polars float", "arrow int", "arrow text"],
)
def test_other_types_are_left_to_the_caller(column: Any) -> None:
    assert read_temporal(column) is None


def test_a_polars_date_column_with_nulls_is_read_as_days_not_objects() -> None:
    """polars' own ``to_numpy`` makes such a column an array of ``date`` objects and ``None``, which the
    column functions then parse one value at a time."""
    import datetime as dt

    from slaclock._base.dataframes import _numpy

    column = pl.Series("d", [dt.date(2026, 10, 9), None, dt.date(2026, 10, 10)])
    got = _numpy(column, "polars")
    assert got.dtype == np.dtype("datetime64[D]")
    assert np.array_equal(got, np.array(["2026-10-09", "NaT", "2026-10-10"], dtype="datetime64[D]"), equal_nan=True)


def test_a_polars_without_the_pycapsule_interface_is_read_through_its_own_to_numpy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """polars before 1.3 has no ``__arrow_c_stream__``: its columns are read as they were before."""
    from slaclock._base.dataframes import _numpy

    column = pl.Series("t", np.array(["2026-10-09T10:00", "NaT"], dtype="datetime64[us]"))
    assert column.null_count() == 1
    monkeypatch.delattr(pl.Series, "__arrow_c_stream__")
    got = _numpy(column, "polars")
    assert got.dtype == np.dtype("datetime64[us]")
    assert np.array_equal(got, np.array(["2026-10-09T10:00", "NaT"], dtype="datetime64[us]"), equal_nan=True)
