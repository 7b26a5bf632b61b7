"""A ``Deadlines``' rows: one as a :class:`Deadline` with its explanation, a slice, the whole as a table.

Maintainer's notes
------------------
A :class:`~slaclock._rules.columns.Deadlines` keeps what it was counted from (:class:`Inputs`: the starts as
given, the period or the column of periods, after or before) so that ``d[i]`` can give row ``i`` as the scalar
engine gives it: the same start, period, calendar and convention through :func:`~slaclock.deadline` (or
:func:`~slaclock.notice_deadline`), which records the steps the explanation needs. The column engine records
no steps (it must not, at 1M rows); recounting one row costs microseconds. The property that the column and
the scalar engines agree (``tests/property/test_vector_scalar_properties.py``) is what makes the row's
``due`` the column's; the display tests check it again on generated rows (makeup days, provisional rows,
calendars and periods per row, UTC columns, dataframe columns).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, final

import numpy as np
import numpy.typing as npt

from slaclock._base import frames as _frames
from slaclock._base.instants import NAT_INT, as_array, as_utc, is_missing_element, live_bounds
from slaclock._base.show import brief
from slaclock._rules.display import is_expr, item, library, take, text, values
from slaclock.errors import InvalidInputError, RowIndexError

if TYPE_CHECKING:
    from slaclock._rules.columns import Deadlines
    from slaclock._rules.deadline import Deadline

__all__ = ["Inputs", "exact_where_repeated", "row", "rows", "to_frame"]


@final
@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class Inputs:
    """What a ``Deadlines`` was counted from: the starts (or ends) as given, the period or a column of them."""

    starts: Any
    period: Any
    per_row: bool
    notice: bool = False


def row(d: Deadlines[Any], i: object) -> Deadline | None:
    """Row ``i`` as the scalar engine gives it (None for a missing start or period), steps recorded."""
    from slaclock._rules.deadline import deadline, notice_deadline

    inputs = _inputs(d, "d[i]")
    n = _rows_of(d, "d[i]")
    if not isinstance(i, (int, np.integer)) or isinstance(i, bool):
        raise InvalidInputError(f"a Deadlines takes an integer row or a slice; got {brief(i)}")
    k = int(i) + n if int(i) < 0 else int(i)
    if not 0 <= k < n:
        raise RowIndexError(f"row {int(i)} of a Deadlines of {n:,} rows (valid: {-n}..{n - 1})")
    start = item(inputs.starts, k)
    period = item(inputs.period, k) if inputs.per_row else inputs.period
    if is_missing_element(start) or is_missing_element(period):
        return None
    if d.utc:
        start = as_utc(start)
    cal = d.calendar if d.row_calendars is None else d.row_calendars.calendars[int(d.row_calendars.codes[k])]
    one: Deadline | None
    if inputs.notice:
        one = notice_deadline(start, period, calendar=cal, convention=d.convention)
    else:
        one = deadline(start, period, calendar=cal, convention=d.convention)
    return one


def exact_where_repeated(d: Deadlines[Any], at: Any, met: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """``met`` (``is_met`` compared in wall time), with each row whose due falls in an hour a fall-back repeats
    answered by its own :class:`Deadline`, which knows which occurrence its due is: a wall time cannot say."""
    from slaclock._base.zonemap import repeated
    from slaclock._rules.engine import calendar_zones, zones_between

    if d.utc or d.inputs is None or d.row_calendars is not None:
        return met
    due = np.asarray(d.due)
    if due.dtype.kind != "M" or due.ndim != 1 or not due.size:  # rows are recounted in one dimension only
        return met
    us = due.astype("datetime64[us]", copy=False).view(np.int64)
    bounds = live_bounds(us)  # two reductions, no copy: the usual column has one offset and ends here
    if bounds is not None and bounds[0] > bounds[1]:
        return met  # every due NaT
    zones = zones_between(d.calendar, bounds[0], bounds[1]) if bounds else calendar_zones(d.calendar, us[us != NAT_INT])
    if zones.constant is not None:  # one offset over the dues: no hour is repeated (CN, HK, MO and TW today)
        return met
    live = us != NAT_INT
    twice = np.flatnonzero(repeated(zones, np.where(live, us, 0)) & live)
    if not twice.size:
        return met
    out = np.array(met, dtype=bool).reshape(-1)
    ats = None if np.ndim(at) == 0 else np.broadcast_to(as_array(at, "at"), due.shape).reshape(-1)
    for i in twice:
        one = row(d, int(i))
        out[i] = one is not None and bool(one.is_met(at if ats is None else ats[i]))
    return out.reshape(np.shape(met))


def rows(d: Deadlines[Any], which: slice) -> Deadlines[Any]:
    """The rows of a slice as a ``Deadlines`` of the same kind (its ``period`` stays the whole column's)."""
    _rows_of(d, "d[a:b]")
    inputs = d.inputs
    kept = None
    if inputs is not None:
        period = take(inputs.period, which) if inputs.per_row else inputs.period
        kept = dataclasses.replace(inputs, starts=take(inputs.starts, which), period=period)
    r = d.row_calendars
    return dataclasses.replace(
        d,
        due=take(d.due, which),
        last_day=take(d.last_day, which),
        provisional=take(d.provisional, which),
        row_calendars=None if r is None else dataclasses.replace(r, codes=r.codes[which]),
        inputs=kept,
    )


def to_frame(d: Deadlines[Any], kind: _frames.FrameKind) -> Any:
    """One row per start: ``start`` (as given), ``period`` and ``calendar`` (when per row), then the columns."""
    lib = _frames.library(kind, "Deadlines.to_frame")
    if is_expr(d):
        raise InvalidInputError("Deadlines.to_frame: these are polars expressions; select them in a frame instead")
    n = _rows_of(d, "Deadlines.to_frame")
    inputs = d.inputs
    columns: dict[str, Any] = {}
    if inputs is not None:
        columns["start"] = _column(inputs.starts, n, kind)
        if inputs.per_row:
            columns["period"] = [None if is_missing_element(p) else str(p) for p in values(inputs.period, n)]
    if d.row_calendars is not None:
        r = d.row_calendars
        columns["calendar"] = np.asarray(r.keys, dtype=object)[r.codes].astype(str)
    columns |= {"due": d.due, "last_day": d.last_day, "provisional": d.provisional}
    native = next((library(c) for c in (d.due, d.last_day) if library(c)), None)
    if native is None:
        return _frames.frame({k: _plain(v, kind) for k, v in columns.items()}, kind, "Deadlines.to_frame")
    return _convert(_native_frame(columns, native), native, kind, lib)


def _inputs(d: Deadlines[Any], what: str) -> Inputs:
    if d.inputs is None:
        raise InvalidInputError(f"{what}: this Deadlines does not keep its starts (it was not made by sc.deadlines)")
    return d.inputs


def _rows_of(d: Deadlines[Any], what: str) -> int:
    if is_expr(d):
        raise InvalidInputError(f"{what}: these Deadlines are polars expressions, which have no rows until run")
    shape = np.shape(d.provisional) if library(d.provisional) is None else (len(d),)
    if len(shape) != 1:
        raise InvalidInputError(f"{what} takes the rows of one column; these Deadlines have shape {shape}")
    return int(shape[0])


def _column(starts: Any, n: int, kind: str) -> Any:
    """The starts as a frame column: a foreign column as it is; a list or object array as objects (pandas) or
    text (polars, pyarrow, which want one type per column)."""
    if library(starts) is not None:
        return starts
    a = np.asarray(starts, dtype=object) if isinstance(starts, (list, tuple)) else np.asarray(starts).reshape(-1)
    if a.dtype == object and kind != "pandas":
        return np.asarray([None if is_missing_element(v) else text(v) for v in a], dtype=object)
    return a


def _plain(col: Any, kind: str) -> Any:
    if kind == "arrow" and isinstance(col, np.ndarray) and col.dtype == object:
        return list(col)
    return col


def _native_frame(columns: dict[str, Any], lib: str) -> Any:
    """The columns (of one library, or lists and numpy arrays) as that library's table."""
    mod = _frames.library("arrow" if lib == "pyarrow" else lib, "Deadlines.to_frame")
    if lib == "pandas":
        index = next((c.index for c in columns.values() if isinstance(c, mod.Series)), None)
        plain = {k: (c.to_numpy() if isinstance(c, mod.Index) else c) for k, c in columns.items()}
        return mod.DataFrame(plain, index=index)
    if lib == "polars":
        return mod.DataFrame({k: c if isinstance(c, mod.Series) else mod.Series(k, c) for k, c in columns.items()})
    return mod.table({k: c if library(c) == "pyarrow" else mod.array(_plain(c, "arrow")) for k, c in columns.items()})


def _convert(table_: Any, lib: str, kind: str, target: Any) -> Any:
    """A pandas, polars or pyarrow table as another kind of table."""
    want = "pyarrow" if kind == "arrow" else kind
    if lib == want:
        return table_
    if want == "pandas":
        return table_.to_pandas()
    if want == "polars":
        return target.from_pandas(table_) if lib == "pandas" else target.from_arrow(table_)
    return target.Table.from_pandas(table_, preserve_index=False) if lib == "pandas" else table_.to_arrow()
