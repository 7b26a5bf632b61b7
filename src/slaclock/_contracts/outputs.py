"""evaluate's result columns as a pandas, polars or pyarrow table, with as few copies as each kind allows.

A result column is made from the typed holder the engine filled (:mod:`.tables`), and the holder is dropped
from ``out`` as soon as its column is made, so a call's peak is the input, the result and about one column
more, not the result twice. Per kind:

- **pandas**: the frame is built with ``copy=False``: numpy columns (last days, durations, flags, codes) are the
  engine's own arrays, not copied into 2-D blocks (pandas' consolidation copied the whole result, a third of
  the call's time at 1M cases). Instants are made aware on the engine's own arrays in a long table's result
  (:func:`.dataframes.pandas_aware`), else on a copy of them. Last days become ``datetime64[s]`` (pandas has no
  ``[D]``; in a long table a block at a time, by :class:`.assembly.Assembly`, so no column-sized conversion is left
  for the end). States and labels take a categorical dtype made once for their words (:func:`categories`).
  On a short table, pandas' public ways to make these (``tz_localize``, categories checked anew: about 110 µs an
  instant column and 70 µs a categorical one, whatever their length) were more than half of the call.
- **pyarrow**: instants and durations are the engine's buffers with a validity bitmap
  (``Array.from_buffers``: no copy of the values), last days ``date32`` (4 bytes), states a dictionary array
  over the int8 codes.
- **polars**: numpy columns become series without copies; missing values are set in one ``Series.set`` pass
  (polars' constructor found NaT by ``scatter``, about 8 ms a million rows), last days ``Date`` (4 bytes), states
  an ``Enum`` read by code from its words' series, made once (:func:`enum_words`).
"""

from __future__ import annotations

import functools
import importlib
import sys
from typing import TYPE_CHECKING, Any

import numpy as np

from slaclock._base.dataframes import (
    arrow_array,
    arrow_buffers,
    arrow_strings,
    pandas_aware,
    polars_nulls,
    polars_series,
)
from slaclock._base.select import midnights
from slaclock._contracts.report import Counts, Kept
from slaclock._contracts.status import STATES
from slaclock._contracts.tables import (
    NO_DAY32,
    Output,
    _Counts,
    _Days,
    _Flags,
    _Instants,
    _Labels,
    _States,
    _Table,
    _to_numpy,
)
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar

__all__ = ["check_form", "wrap"]


def wrap(table: _Table, out: dict[str, Any], cal: WorkCalendar, form: Output, owned: bool = False) -> Any:
    """The result columns in the caller's kind: due instants aware in the calendar's zone for tables.

    States are categorical (text in a mapping), or with ``form.codes`` their int8 codes (positions in
    ``STATES``); with ``form.date32``, last days are 4-byte ``date32`` in pandas too (int32 epoch days in a
    mapping). A table is made column by column from ``out``, which is left empty. ``owned``: every array of
    ``out`` is its own (a long table's result, made by :class:`.assembly.Assembly`), so a pandas column of
    instants may be made on its memory.
    """
    if table.lib is None:
        return {k: _to_numpy(v, cal, form) for k, v in out.items()}
    if form.codes:
        out.update({k: v.codes for k, v in out.items() if isinstance(v, _States)})
    if table.lib == "pandas":
        return pandas_frame(out, table.obj.index, cal, owned, form.date32)
    if table.lib == "polars":
        return polars_frame(out, cal)
    return arrow_table(out, cal)


def check_form(table: _Table, form: Output) -> None:
    """Refuse, before any work, a result ``form`` the table's kind cannot be given (``date32`` last days in pandas
    without pyarrow)."""
    if form.date32 and table.lib == "pandas" and (form.fields is None or "last_day" in form.fields):
        date32_type()


def pandas_frame(out: dict[str, Any], index: Any, cal: WorkCalendar, owned: bool = False, date32: bool = False) -> Any:
    """The result as a DataFrame on ``index``, emptying ``out`` column by column (states: holders or codes);
    ``owned``: instants on the arrays of ``out`` (:func:`.dataframes.pandas_aware`); ``date32``: last days as
    ``date32[pyarrow]`` on their int32 days (no copy), else ``datetime64[s]`` midnights."""
    pd = sys.modules["pandas"]
    data: dict[str, Any] = {}
    for k in list(out):
        v = out.pop(k)
        if isinstance(v, np.ndarray):  # states as codes, or a long table's last days (datetime64[s], by blocks)
            data[k] = v
        elif isinstance(v, _States):
            data[k] = pd.Categorical.from_codes(v.codes, dtype=categories(STATES))
        elif isinstance(v, _Labels):
            data[k] = pd.Categorical.from_codes(v.codes, dtype=categories(v.labels))
        elif isinstance(v, _Instants):
            data[k] = pandas_aware(v.us.view("datetime64[us]"), cal.tz, owned)  # positional, whatever the index
        elif isinstance(v, _Days) and date32:
            days = v.narrow().days
            data[k] = pd.arrays.ArrowExtensionArray(arrow_buffers(date32_type(), days, days != NO_DAY32))
        elif isinstance(v, _Days):
            data[k] = midnights(v.days)
        elif isinstance(v, _Flags):
            data[k] = v.flags
        elif isinstance(v, _Counts):
            data[k] = v.counts
        elif isinstance(v, Counts | Kept):  # a kept column comes copied: writing into the result leaves the input
            data[k] = v.column("pandas", k)
        else:
            data[k] = v.us.view("timedelta64[us]")
    return pd.DataFrame(data, index=index, copy=False)


def date32_type() -> Any:
    """pyarrow's ``date32``, for pandas' ``date32[pyarrow]`` (``days="date32"``): pyarrow is imported here, or
    the error names it."""
    try:
        pa = importlib.import_module("pyarrow")
    except ImportError:
        raise InvalidInputError(
            'days="date32" on a pandas table gives date32[pyarrow] columns, which need pyarrow: pip install pyarrow'
        ) from None
    return pa.date32()


@functools.lru_cache(maxsize=64)
def categories(words: tuple[str, ...]) -> Any:
    """The pandas ``CategoricalDtype`` of ``words`` (a result's states, or a ladder's labels), made once: making it
    (its categories checked, an index built) is about 70 µs, the whole cost of a short categorical column."""
    return sys.modules["pandas"].CategoricalDtype(list(words))


@functools.lru_cache(maxsize=64)
def enum_words(words: tuple[str, ...]) -> Any:
    """A polars ``Enum`` Series of ``words`` in their order, made once: a column of codes is read from it by
    indexing (``series[codes]``, one gather: 0.9 ms a million rows, where ``Series.gather`` went through a query,
    3.4 ms, and 40 µs on a short column)."""
    pl = sys.modules["polars"]
    return pl.Series("", words, dtype=pl.Enum(words))


def polars_frame(out: dict[str, Any], cal: WorkCalendar) -> Any:
    """The result as a polars DataFrame, emptying ``out`` column by column."""
    pl = sys.modules["polars"]
    series = []
    for k in list(out):
        v = out.pop(k)
        if isinstance(v, np.ndarray):
            series.append(pl.Series(k, v, dtype=pl.Int8))
        elif isinstance(v, _States):
            series.append(enum_words(STATES)[v.codes.astype(np.uint32)].alias(k))
        elif isinstance(v, _Labels):
            labels = enum_words(v.labels)[np.maximum(v.codes, 0).astype(np.uint32)].alias(k)
            series.append(polars_nulls(labels, v.codes < 0))
        elif isinstance(v, _Instants):
            series.append(polars_series(k, v.us.view("datetime64[us]"), cal.tz))
        elif isinstance(v, _Days):
            days = v.narrow().days
            series.append(polars_nulls(pl.Series(k, days).cast(pl.Date), days == NO_DAY32))
        elif isinstance(v, _Flags):
            series.append(pl.Series(k, v.flags, dtype=pl.Boolean))
        elif isinstance(v, _Counts):
            series.append(pl.Series(k, v.counts, dtype=pl.Int64))
        elif isinstance(v, Counts | Kept):
            series.append(v.column("polars", k))
        else:
            series.append(polars_series(k, v.us.view("timedelta64[us]")))
    return pl.DataFrame(series)


def arrow_table(out: dict[str, Any], cal: WorkCalendar) -> Any:
    """The result as a pyarrow Table, emptying ``out`` column by column."""
    pa = sys.modules["pyarrow"]
    arrays, names = [], []
    for k in list(out):
        v = out.pop(k)
        names.append(k)
        if isinstance(v, np.ndarray):
            arrays.append(arrow_buffers(pa.int8(), v))
        elif isinstance(v, _States):
            arrays.append(pa.DictionaryArray.from_arrays(arrow_buffers(pa.int8(), v.codes), arrow_strings(STATES)))
        elif isinstance(v, _Labels):
            codes = arrow_buffers(pa.int8(), v.codes, v.codes >= 0)
            arrays.append(pa.DictionaryArray.from_arrays(codes, arrow_strings(v.labels)))
        elif isinstance(v, _Instants):
            arrays.append(arrow_array(v.us.view("datetime64[us]"), cal.tz))
        elif isinstance(v, _Days):
            days = v.narrow().days
            arrays.append(arrow_buffers(pa.date32(), days, days != NO_DAY32))
        elif isinstance(v, _Flags):
            arrays.append(arrow_buffers(pa.bool_(), v.flags))
        elif isinstance(v, _Counts):
            arrays.append(arrow_buffers(pa.int64(), v.counts))
        elif isinstance(v, Counts | Kept):
            arrays.append(v.column("pyarrow", k))
        else:
            arrays.append(arrow_array(v.us.view("timedelta64[us]")))
    return pa.Table.from_arrays(arrays, names=names)
