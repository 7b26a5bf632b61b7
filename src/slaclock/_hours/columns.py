"""Working-time arithmetic on whole columns of instants (numpy ``datetime64``).

The scalar methods of :class:`~slaclock.WorkCalendar` send anything that is not one
instant here. The work is a handful of passes over int64 microseconds against the
calendar's :class:`~slaclock._hours.table.Columns` tables; nothing loops in Python per
element except the conversion of object arrays (``datetime`` objects, text).

Input and output conventions (documented on the public methods):

- a ``datetime64`` column holds wall times in the calendar's zone, or UTC with
  ``utc=True``; results come back the same way, as ``datetime64[us]`` (``[ns]``
  when the input was ``[ns]``; digits below the microsecond are dropped);
- NaT in gives NaT out; a wall time the clocks skip is an error naming its index;
  an ambiguous one is its first occurrence;
- a value outside the calendar's days, or a result past them, raises
  :class:`~slaclock.CalendarHorizonError` naming how many and the first index.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, final

import numpy as np
import numpy.typing as npt

from slaclock._base import instants as _read
from slaclock._base.blocks import BLOCK, for_each_block, rows_per_block, threads
from slaclock._base.instants import EPOCH_ORDINAL, NAT_INT, as_array, is_missing_element
from slaclock._base.select import fill
from slaclock._base.show import brief, position
from slaclock._days.table import Counted, merged
from slaclock._hours.arithmetic import LIMIT_US, clipped_us, day_end, duration_us, from_us, warn_projected
from slaclock._hours.table import HoursIndex
from slaclock.errors import CalendarHorizonError, InvalidInputError, SlaclockError

__all__ = [
    "END_US",
    "FIRST_US",
    "add_many",
    "between_many",
    "close_many",
    "deadline_block",
    "is_instant",
    "is_open_many",
    "next_open_many",
    "work_us",
]

I64Array = npt.NDArray[np.int64]
_US_DAY: Final = 86_400_000_000
FIRST_US: Final = (dt.date(1, 1, 2).toordinal() - EPOCH_ORDINAL) * _US_DAY
END_US: Final = (dt.date(9999, 12, 31).toordinal() - EPOCH_ORDINAL) * _US_DAY
"""Instants a column may hold: a day clear of the years' ends, so that no zone moves them past 1..9999."""


def is_instant(x: object) -> bool:
    """Whether ``x`` is one instant (the scalar path) rather than a column."""
    return isinstance(x, (dt.date, str, np.datetime64))


@final
@dataclass(slots=True)
class _Col:
    """A column of instants as UTC microseconds (NaT positions hold ``lo``), flattened."""

    us: I64Array
    nat: npt.NDArray[np.bool_] | None
    shape: tuple[int, ...]
    ns: bool
    bounds: tuple[int, int] | None = None  # the least and greatest of ``us`` but its NaT, where known


def _column(hix: HoursIndex, x: object, what: str, utc: bool, *, span: bool = True) -> _Col:
    """``x`` read as UTC µs; with ``span``, raising for a value outside the calendar's days."""
    a = _read.as_column(x, what)
    if a.dtype.kind == "M":
        unit = np.datetime_data(a.dtype)[0]
        if unit in ("Y", "M", "W", "D"):
            raise InvalidInputError(
                f"{what} must hold instants (datetime64 with a time unit); got dates of dtype {a.dtype}"
            )
        _read.check_years(a, what)  # a coarse unit past the years 1..9999 would wrap converting to µs
        given = a.astype("datetime64[us]", copy=False).view(np.int64).ravel()  # may be the caller's: not written
        least, most = (int(given.min()), int(given.max())) if given.size else (0, 0)
        nat = None
        if least == NAT_INT:  # NaT is the least int64: the mask only where there is one
            nat = given == NAT_INT
            live = given[~nat]
            least, most = (int(live.min()), int(live.max())) if live.size else (FIRST_US, FIRST_US)
        if least < FIRST_US or most >= END_US:
            i = int(np.argmax((given != NAT_INT) & ((given < FIRST_US) | (given >= END_US))))
            raise InvalidInputError(
                f"{what}[{position(i, a.shape)}] = {a.ravel()[i]} is outside the instants a column may hold "
                "(0001-01-02..9999-12-30, so that no zone moves them past the years 1 to 9999)"
            )
        bounds: tuple[int, int] | None = None
        if utc:
            us = given.copy() if np.may_share_memory(given, a) else given  # ours to change
            bounds = least, most
        elif hix.zones.constant is not None:  # one offset over the table: one shift, which makes our copy
            us = np.subtract(given, hix.zones.constant)
            bounds = least - hix.zones.constant, most - hix.zones.constant
        else:
            us, skipped = hix.zones.to_utc(given, gap="flag")
            if skipped is not None and nat is not None:
                skipped &= ~nat
            if skipped is not None and skipped.any():
                i = int(np.argmax(skipped))
                raise InvalidInputError(
                    f"{what}[{position(i, a.shape)}] = {a.ravel()[i]} does not exist in {hix.table.tz} (the clocks "
                    f"skip it); {int(skipped.sum()):,} value(s) like it. Give aware or UTC instants (utc=True)"
                )
        col = _Col(us, nat, a.shape, unit == "ns", None if nat is not None and nat.all() else bounds)
    elif a.dtype.kind in "OU":
        col = _objects(hix, a, what, utc)
    else:
        raise InvalidInputError(
            f"{what} must be instants: datetime64 values, datetime objects or ISO text; got dtype {a.dtype}"
        )
    if span:
        _check_span(hix, col, what)
    return col


def _objects(hix: HoursIndex, a: npt.NDArray[Any], what: str, utc: bool) -> _Col:
    z = hix.table.tzone()
    flat = a.ravel().tolist()
    out = np.empty(len(flat), dtype=np.int64)
    nat = np.zeros(len(flat), dtype=bool)
    for i, v in enumerate(flat):
        if is_missing_element(v):
            nat[i] = True
            out[i] = NAT_INT
            continue
        if utc:
            v = _read.as_utc(v)
        instant = _read.instant(z, v, f"{what}[{position(i, a.shape)}]")
        if instant is None:
            raise InvalidInputError(
                f"{what}[{position(i, a.shape)}] must be an instant (a datetime), not the date {brief(v)}"
            )
        out[i] = _read.utc_us(instant)
    return _Col(out, nat if nat.any() else None, a.shape, False)


def _check_span(hix: HoursIndex, col: _Col, what: str) -> None:
    us = col.us
    if col.nat is not None:
        us[col.nat] = hix.lo
    if us.size == 0:
        return
    if col.bounds is not None and col.bounds[0] >= hix.lo and col.bounds[1] < hix.hi:
        return  # NaT rows hold lo
    if int(us.min()) >= hix.lo and int(us.max()) < hix.hi:
        return
    bad = (us < hix.lo) | (us >= hix.hi)
    i = int(np.argmax(bad))
    raise hix.table.horizon_error(
        f"{what} {_instant_text(hix, int(us[i]))}",
        after=int(us[i]) >= hix.hi,
        count=int(bad.sum()),
        total=us.size,
        index=i,
        shape=col.shape,
    )


def work_us(value: object) -> int:
    """One working duration in µs, clipped as ``add_working_time`` clips it."""
    d, _, _ = _durations(value)
    assert isinstance(d, int)
    return d


def _durations(value: object) -> tuple[int | I64Array, npt.NDArray[np.bool_] | None, tuple[int, ...]]:
    """Working durations in microseconds: one int, or a flat array with its NaT mask and shape."""
    if isinstance(value, (dt.timedelta, str, np.timedelta64)) or not hasattr(value, "__len__"):
        if isinstance(value, np.timedelta64):
            if np.isnat(value):
                raise InvalidInputError("duration is NaT")
            return int(clipped_us(as_array(value, "duration"))[()]), None, ()
        return max(-LIMIT_US, min(LIMIT_US, duration_us(value))), None, ()
    a = as_array(value, "durations")
    if a.dtype.kind == "m":
        d = clipped_us(a).ravel()
        nat = d == NAT_INT
        return d, nat if nat.any() else None, a.shape
    if a.dtype.kind in "OU":
        flat = a.ravel().tolist()
        d = np.array([max(-LIMIT_US, min(LIMIT_US, duration_us(v))) for v in flat], dtype=np.int64)
        return d, None, a.shape
    raise InvalidInputError(
        f"durations must be timedelta64 values, timedeltas, Periods or text like '8个工作小时'; got dtype {a.dtype} "
        "(bare numbers have no unit)"
    )


def _out(
    hix: HoursIndex,
    us: I64Array,
    nat: npt.NDArray[np.bool_] | None,
    col: _Col,
    shape: tuple[int, ...],
    utc: bool,
) -> npt.NDArray[np.datetime64]:
    if not utc and hix.zones.constant is not None:  # the kernels' result is ours: shift it in place
        us += hix.zones.constant
    elif not utc:
        us = hix.zones.to_wall(us)
    if nat is not None:
        us[nat] = NAT_INT
    out = us.view("datetime64[us]").reshape(shape)
    if not col.ns:
        return out
    live = us if nat is None else us[~nat]  # NaT is the least int64: outside the span below
    if live.size and (int(live.min()) < _NS_SPAN_US[0] or int(live.max()) > _NS_SPAN_US[1]):
        i = int(np.argmax(((us < _NS_SPAN_US[0]) | (us > _NS_SPAN_US[1])) & (us != NAT_INT)))
        raise InvalidInputError(
            f"row {i}: the answer {np.datetime64(int(us[i]), 'us')} is outside what datetime64[ns] holds "
            "(1677-09-21 to 2262-04-11), the unit of the instants given: give them as datetime64[us]"
        )
    return out.astype("datetime64[ns]")


_NS_SPAN_US: Final = (NAT_INT // 1_000 + 1, int(np.iinfo(np.int64).max) // 1_000)
"""The microseconds a ``datetime64[ns]`` result holds (its first microsecond's values wrap in numpy: left out)."""


def _broadcast(col: _Col, d: I64Array, dshape: tuple[int, ...], what: str) -> tuple[I64Array, I64Array, Any]:
    try:
        shape = np.broadcast_shapes(col.shape, dshape)
    except ValueError:
        raise InvalidInputError(f"{what}: shapes {col.shape} and {dshape} do not broadcast together") from None
    t = np.broadcast_to(col.us.reshape(col.shape), shape).ravel()
    dd = np.broadcast_to(d.reshape(dshape), shape).ravel()
    return t, dd, shape


# -- the operations ---------------------------------------------------------------------------


def add_many(
    hix: HoursIndex, t: object, duration: object, utc: bool, *, warn: bool = True, what: str = "t"
) -> npt.NDArray[np.datetime64]:
    """``add_working_time`` on a column; ``warn=False`` leaves the ProvisionalWarning to the caller. Rows outside
    the calendar's days raise the error of :func:`_counted`; ``what`` names the starts in errors (a deadline's
    are its start)."""
    try:
        return _add_many(hix, t, duration, utc, warn, what)
    except CalendarHorizonError as exc:
        raise (_counted(hix, t, duration, utc, what) or exc) from None


def _add_many(
    hix: HoursIndex, t: object, duration: object, utc: bool, warn: bool, what: str
) -> npt.NDArray[np.datetime64]:
    a = _read.as_column(t, what)
    hix.columns()  # built here, once, not by two blocks at once
    flat = _flat_durations(duration, a.shape) if a.ndim == 1 and a.dtype.kind == "M" and a.size > 2 * _BLOCK else None
    if flat is not None:
        return _add_by_blocks(hix, a, *flat, utc, warn, what)
    col = _column(hix, a, what, utc, span=False)
    try:
        d, dnat, dshape = _durations(duration)
    except SlaclockError:
        _check_other(hix, col, what, duration)  # the starts first, as before, but not those without a duration
        raise
    _check_span(hix, _needed(col, dnat, dshape), what)
    nat = col.nat
    us, shape = col.us, col.shape
    if isinstance(d, np.ndarray):
        us, d, shape = _broadcast(col, d, dshape, "add_working_time")
        if nat is not None:
            nat = np.broadcast_to(nat.reshape(col.shape), shape).ravel()
        if dnat is not None:
            dnat = np.broadcast_to(dnat.reshape(dshape), shape).ravel()
    d, nat = _missing(d, nat, dnat)
    result = _in_blocks(functools.partial(_add, hix), us, d, nat, shape)
    live = result if nat is None else result[~nat]
    if warn and live.size:
        latest = max(day_end(hix, int(live.max())), int((us if nat is None else us[~nat]).max()))
        warn_projected(hix, latest, "add_working_time")
    return _out(hix, result, nat, col, shape, utc)


def _add(
    hix: HoursIndex,
    us: I64Array,
    d: int | I64Array,
    nat: npt.NDArray[np.bool_] | None,
    shape: tuple[int, ...],
    found: list[Counted] | None = None,
) -> I64Array:
    """UTC µs plus working durations (one, or one a row), as UTC µs: the kernels of ``add_working_time``; rows
    outside the calendar's days are noted in ``found``, if given, not raised."""
    target = hix.columns().worked(us)
    target += d
    ctx = _Ctx(hix, us, d, nat, shape, found)
    if isinstance(d, int):
        if d == 0:
            return us.copy()
        return _forward(ctx, target, hix.at_close) if d > 0 else _backward(ctx, target)
    pos, neg = d > 0, d < 0
    result = us.copy()
    if pos.any():
        np.copyto(result, _forward(ctx, np.where(pos, target, 0), hix.at_close, pos), where=pos)
    if neg.any():
        np.copyto(result, _backward(ctx, np.where(neg, target, 0), neg), where=neg)
    return result


def _missing(
    d: int | I64Array, nat: npt.NDArray[np.bool_] | None, dnat: npt.NDArray[np.bool_] | None
) -> tuple[int | I64Array, npt.NDArray[np.bool_] | None]:
    """The durations with none on the rows without a result, and those rows (a missing start or duration). A
    missing start already holds the table's first instant (``_check_span``), so with no duration no kernel reads
    past the table."""
    if dnat is not None:
        nat = dnat if nat is None else nat | dnat
    if nat is not None and isinstance(d, np.ndarray):
        d = np.where(nat, 0, d)
    return d, nat


def _flat_durations(
    duration: object, shape: tuple[int, ...]
) -> tuple[int | I64Array, npt.NDArray[np.bool_] | None] | None:
    """One working duration in µs, or a column of them row for row with ``shape`` (and its NaT mask); None where
    they must be broadcast or are refused (the one-pass way then reads ``t`` first and raises for whichever of the
    two is wrong, in that order)."""
    try:
        d, dnat, dshape = _durations(duration)
    except SlaclockError:
        return None
    return (d, dnat) if isinstance(d, int) or dshape == shape else None


def _add_by_blocks(
    hix: HoursIndex,
    a: npt.NDArray[np.datetime64],
    d: int | I64Array,
    dnat: npt.NDArray[np.bool_] | None,
    utc: bool,
    warn: bool,
    what: str,
) -> npt.NDArray[np.datetime64]:
    """``add_working_time`` on a long flat ``datetime64`` column (one duration, or one a row), each block read,
    converted to UTC, added, converted back and written in turn, so the column is touched once, not in a dozen
    column-sized passes (its copy, the NaT mask, bounds, the shifts, the result's copy). An error in a block runs
    the whole column the one-pass way (``_in_blocks``), so it names the whole column's count and first index."""
    latest: list[tuple[int, int]] = []  # each block's latest result and start (UTC), for the projected warning

    def block(
        part: Any, dd: int | I64Array, dn: npt.NDArray[np.bool_] | None, _shape: object
    ) -> npt.NDArray[np.datetime64]:
        col = _column(hix, part, what, utc, span=False)
        _check_span(hix, _needed(col, dn, col.shape), what)
        us = col.us
        dd, nat = _missing(dd, col.nat, dn)
        result = _add(hix, us, dd, nat, col.shape)
        live = result if nat is None else result[~nat]
        if live.size:
            starts = (
                col.bounds[1] if col.bounds is not None and dn is None else int((us if nat is None else us[~nat]).max())
            )
            latest.append((int(live.max()), starts))
        return _out(hix, result, nat, col, col.shape, utc)

    out = _in_blocks(block, a, d, dnat, a.shape)
    if warn and latest:
        warn_projected(hix, max(day_end(hix, max(r for r, _ in latest)), max(s for _, s in latest)), "add_working_time")
    return out


def deadline_block(
    hix: HoursIndex, d: int | I64Array, utc: bool, part: npt.NDArray[np.datetime64], due: I64Array, last: I64Array
) -> bool:
    """A working-time deadline on a block of a flat ``datetime64`` column of instants, written into ``due`` (wall
    times, or UTC with ``utc``) and ``last`` (epoch days; a due at 00:00 ends the day before), NAT_INT for NaT
    starts, as the column engine's full way (``ColumnRun.work_time``) gives them. One reading of the block and one
    zone shift, where the full way read its starts twice (as deadline starts, then as the addition's). ``d``: one
    working duration in µs, or one a row of the block (a period per row, :mod:`slaclock._rules.byrow`).

    False, with nothing written, where the zone has more than one offset over the calendar's days (the full way
    then). Raises what ``add_working_time`` raises, for the caller to run the whole column the full way, whose
    message it gives: a start the clocks skip, or outside the calendar's days (``_check_span``: its first and last
    instants are the days' first and last midnights, so it refuses the start days the full way refuses), a due
    past them.
    """
    shift = hix.zones.constant
    if shift is None:
        return False
    col = _column(hix, part, "starts", utc)
    added = _add(hix, col.us, d, col.nat, col.shape)  # UTC, a new array
    if utc:
        due[...] = added
        wall = added
        wall += shift
    else:
        wall = np.add(added, shift, out=due)
    np.subtract(wall, 1, out=last)  # the day of the instant before the due
    np.floor_divide(last, _US_DAY, out=last)
    if col.nat is not None:
        fill(due, col.nat, NAT_INT)
        fill(last, col.nat, NAT_INT)
    return True


@final
@dataclass(slots=True)
class _Ctx:
    """One column addition: what an error about it needs to name the row."""

    hix: HoursIndex
    us: I64Array
    d: int | I64Array
    nat: npt.NDArray[np.bool_] | None
    shape: tuple[int, ...]
    found: list[Counted] | None = None  # rows outside, noted here rather than raised (see _counted)

    def past(self, bad: npt.NDArray[np.bool_], only: npt.NDArray[np.bool_] | None, *, after: bool) -> None:
        """Raise for the rows whose result falls outside the calendar's days, if any (note them, if ``found``)."""
        if self.nat is not None:
            bad &= ~self.nat
        if only is not None:
            bad &= only
        if not bad.any():
            return
        i = int(np.argmax(bad))
        d = self.d if isinstance(self.d, int) else int(self.d[i])
        start = from_us(self.hix, int(self.us[i])).isoformat()
        what = f"add_working_time({start}, {dt.timedelta(microseconds=d)})"
        if self.found is not None:
            self.found.append(Counted(bad.copy(), i, what, after, self.hix.table))
            return
        raise self.hix.table.horizon_error(
            what, after=after, count=int(bad.sum()), total=bad.size, index=i, shape=self.shape
        )


def _counted(hix: HoursIndex, t: object, duration: object, utc: bool, what: str) -> CalendarHorizonError | None:
    """The error for an addition with rows outside the calendar's days, counting every such row and naming the
    first, as each row's own call would: a start outside the days beside a result past them ("2 of 2 values"),
    where the addition stops at the first step that finds one. The rare path: the column is read again, each step
    noting its rows and going on without them. None where the durations broadcast against the starts (the
    addition's own error stands) or no row is outside."""
    col = _column(hix, t, what, utc, span=False)
    d, dnat, dshape = _durations(duration)
    if isinstance(d, np.ndarray) and dshape != col.shape:
        return None
    us = col.us.copy()
    nat = np.zeros(us.size, dtype=bool) if col.nat is None else col.nat.copy()
    if dnat is not None:  # a start without a duration is not read
        nat |= dnat
    found: list[Counted] = []
    outside = ~nat & ((us < hix.lo) | (us >= hix.hi))
    if outside.any():
        i = int(np.argmax(outside))
        found.append(Counted(outside, i, f"{what} {_instant_text(hix, int(us[i]))}", int(us[i]) >= hix.hi, hix.table))
        nat |= outside
    us[nat] = hix.lo
    d, gone = _missing(d, nat if nat.any() else None, dnat)
    _add(hix, us, d, gone, col.shape, found)
    if not found:
        return None
    return merged(found).error(col.shape)


def _forward(ctx: _Ctx, target: I64Array, at_close: str, only: npt.NDArray[np.bool_] | None = None) -> I64Array:
    hix = ctx.hix
    cols = hix.columns()
    total = int(hix.cum[-1])
    if target.size and int(target.max()) > total:
        ctx.past(target > total, only, after=True)
        target = np.minimum(target, total)  # the rows left past the end are masked (NaT, or not asked)
    k = cols.ends(target)
    result = np.take(cols.fwd, k)
    result += target
    if result.size and int(result.max()) >= hix.past_end:  # in the last day's night shift, past the table's end
        ctx.past(result >= hix.past_end, only, after=True)
    if at_close == "next_open":
        # k + 1 is past the table only when it has no working interval at all (every row is then masked)
        nxt_k = np.minimum(k + 1, cols.cumend.size - 1)
        exact = (k + 1 < cols.cumend.size) & (cols.cumend[nxt_k] == target)
        if only is not None:
            exact &= only
        if exact.any():
            nxt = cols.wsp[k + 1]
            if int(np.where(exact, nxt, 0).max(initial=0)) >= hix.hi:
                ctx.past(exact & (nxt >= hix.hi), only, after=True)
            np.copyto(result, nxt, where=exact)
    return result


def _backward(ctx: _Ctx, target: I64Array, only: npt.NDArray[np.bool_] | None = None) -> I64Array:
    cols = ctx.hix.columns()
    if target.size and int(target.min()) < 0:
        ctx.past(target < 0, only, after=False)
        target = np.maximum(target, 0)  # the rows left before the start are masked (NaT, or not asked)
    k = cols.begins(target)
    k -= 1
    result = np.take(cols.back, k)
    result += target
    return result


def between_many(hix: HoursIndex, a: object, b: object, utc: bool) -> npt.NDArray[np.timedelta64]:
    cols = hix.columns()
    ca = _column(hix, a, "a", utc, span=False)
    try:
        cb = _column(hix, b, "b", utc, span=False)
    except SlaclockError:
        _check_other(hix, ca, "a", b)  # a is checked before b is read, as the scalar call does
        raise
    try:
        shape = np.broadcast_shapes(ca.shape, cb.shape)
    except ValueError:
        _check_span(hix, ca, "a")
        _check_span(hix, cb, "b")
        raise InvalidInputError(f"working_time_between: shapes {ca.shape} and {cb.shape} do not broadcast") from None
    # a row missing either operand is NaT, as the scalar call gives None: the other operand is not read
    nat = _nat_either(ca, cb, shape)
    for c, what in ((ca, "a"), (cb, "b")):
        _check_span(hix, c if nat is None else _Col(c.us, _unused(nat, c.shape), c.shape, c.ns), what)
    if ca.shape == cb.shape:
        out = _in_blocks(lambda a, b, _n, _s: cols.worked(b) - cols.worked(a), ca.us, cb.us, None, ()).reshape(shape)
    else:
        wa = np.broadcast_to(cols.worked(ca.us).reshape(ca.shape), shape)
        wb = np.broadcast_to(cols.worked(cb.us).reshape(cb.shape), shape)
        out = wb - wa
    if nat is not None:
        out[nat] = NAT_INT
    if out.size:
        warn_projected(hix, int(max(ca.us.max(), cb.us.max())), "working_time_between")
    return out.view("timedelta64[us]")


def _nat_either(ca: _Col, cb: _Col, shape: tuple[int, ...]) -> npt.NDArray[np.bool_] | None:
    masks = [np.broadcast_to(c.nat.reshape(c.shape), shape) for c in (ca, cb) if c.nat is not None]
    if not masks:
        return None
    return masks[0] | masks[1] if len(masks) == 2 else masks[0]


def _check_other(hix: HoursIndex, col: _Col, what: str, other: object) -> None:
    """:func:`_check_span` on ``col`` where its other operand ``other`` could not be read (its error follows): the
    rows where ``other`` is missing are not read, as a row missing either operand is NaT."""
    try:
        a = _read.as_column(other, "other")
    except SlaclockError:
        a = None
    if a is None or a.dtype.kind not in "mMOU":
        _check_span(hix, col, what)
        return
    flat = a.ravel()
    if a.dtype.kind in "mM":
        missing = np.isnat(flat)
    elif a.dtype.kind == "U":
        missing = flat == "NaT"
    else:
        missing = np.fromiter(map(is_missing_element, flat.tolist()), dtype=bool, count=flat.size)
    _check_span(hix, _needed(col, missing if missing.any() else None, a.shape), what)


def _needed(col: _Col, dnat: npt.NDArray[np.bool_] | None, dshape: tuple[int, ...]) -> _Col:
    """``col`` with the starts of rows without a duration marked missing too, for :func:`_check_span` (which then
    does not read them, as a row missing either operand is NaT); ``col`` itself where no duration is missing or the
    shapes do not broadcast (the addition then raises for that)."""
    if dnat is None:
        return col
    try:
        shape = np.broadcast_shapes(col.shape, dshape)
    except ValueError:
        return col
    nat = np.broadcast_to(dnat.reshape(dshape), shape)
    if col.nat is not None:
        nat = nat | np.broadcast_to(col.nat.reshape(col.shape), shape)
    return _Col(col.us, _unused(nat, col.shape), col.shape, col.ns)


def _unused(nat: npt.NDArray[np.bool_], shape: tuple[int, ...]) -> npt.NDArray[np.bool_]:
    """The values of an operand of ``shape`` whose every pairing in the broadcast ``nat`` is missing, flattened."""
    used = ~nat
    lead = tuple(range(used.ndim - len(shape)))
    if lead:
        used = np.logical_or.reduce(used, axis=lead)
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and used.shape[i] != 1)
    if axes:
        used = np.logical_or.reduce(used, axis=axes, keepdims=True)
    return ~used.reshape(-1)


def _latest(us: I64Array, nat: npt.NDArray[np.bool_] | None) -> int | None:
    """The latest instant of the rows that are not missing (None if there are none)."""
    live = us if nat is None else us.reshape(-1)[~nat.reshape(-1)]
    return int(live.max()) if live.size else None


def is_open_many(hix: HoursIndex, t: object, utc: bool) -> npt.NDArray[np.bool_]:
    cols = hix.columns()
    col = _column(hix, t, "t", utc)
    out = _in_blocks(lambda us, _d, _n, _s: us < cols.wep[cols.starts(us)], col.us, 0, None, ())
    if col.nat is not None:
        out[col.nat] = False
    latest = _latest(col.us, col.nat)
    if latest is not None:
        warn_projected(hix, latest, "is_open")
    return out.reshape(col.shape)


def next_open_many(hix: HoursIndex, t: object, utc: bool) -> npt.NDArray[np.datetime64]:
    cols = hix.columns()
    col = _column(hix, t, "t", utc)

    def following(us: I64Array, _d: object, _n: object, _s: object) -> I64Array:
        c = cols.starts(us)
        return np.where(us < cols.wep[c], us, cols.wsp[c])

    result = _in_blocks(following, col.us, 0, None, ())
    beyond = result >= hix.hi
    if col.nat is not None:
        beyond &= ~col.nat
    if beyond.any():
        i = int(np.argmax(beyond))
        raise hix.table.horizon_error(
            "next_open: the next opening",
            after=True,
            count=int(beyond.sum()),
            total=beyond.size,
            index=i,
            shape=col.shape,
        )
    latest = _latest(result, col.nat)
    if latest is not None:  # a missing value's row is filled, and its answer is no instant: not read
        warn_projected(hix, latest, "next_open")
    return _out(hix, result, col.nat, col, col.shape, utc)


def close_many(hix: HoursIndex, days: object, utc: bool) -> npt.NDArray[np.datetime64]:
    cols = hix.columns()
    epoch_days = _read.epoch_days(hix.table.zone, days)
    idx, nat = hix.table.indices(epoch_days, "close_of")
    hix.table.warn_if_projected(idx, "close_of")
    result = cols.close[idx.ravel()]
    missing = result == NAT_INT
    if nat is not None:
        missing |= nat.ravel()
    result = np.where(missing, hix.lo, result)
    if result.size and int(result.max()) > hix.official_end:  # a night shift's close on the next day
        late = np.flatnonzero(result > hix.hi)
        if late.size:
            raise hix.table.horizon_error(
                f"close_of: the night shift's close {from_us(hix, int(result[late[0]])).isoformat()}",
                after=True,
                count=int(late.size),
                total=result.size,
                index=int(late[0]),
                shape=np.shape(epoch_days),
            )
        warn_projected(hix, day_end(hix, int(result.max())), "close_of")
    if not utc:
        result = hix.zones.to_wall(result)
    result[missing] = NAT_INT
    return result.view("datetime64[us]").reshape(np.shape(epoch_days))


_BLOCK: Final = BLOCK
"""Rows per block (see ``_blocks``); a module attribute, so tests can make blocks small."""


def _in_blocks(
    fn: Callable[[Any, Any, npt.NDArray[np.bool_] | None, tuple[int, ...]], npt.NDArray[Any]],
    us: npt.NDArray[Any],
    other: Any,
    nat: npt.NDArray[np.bool_] | None,
    shape: tuple[int, ...],
) -> npt.NDArray[Any]:
    """``fn(us, other, nat, shape)`` over blocks of ``_BLOCK`` rows (``other`` is sliced when it is an array).

    Blocks run on a few threads (``_blocks``). A block that raises is not reported from the
    block: ``fn`` runs again on the whole column, so the error names the first index of the
    whole column.
    """
    size = us.size
    if size <= 2 * _BLOCK:
        return fn(us, other, nat, shape)

    def part(lo: int, hi: int) -> npt.NDArray[Any]:
        return fn(
            us[lo:hi],
            other[lo:hi] if isinstance(other, np.ndarray) else other,
            None if nat is None else nat[lo:hi],
            (hi - lo,),
        )

    threads()  # a bad SLACLOCK_THREADS is the caller's error, not a block's to be retried and lost
    made: list[npt.NDArray[Any]] = []  # the output, made by the first block to finish (all give one dtype)
    lock = threading.Lock()

    def block(lo: int, hi: int) -> None:
        result = part(lo, hi)
        with lock:
            if not made:
                made.append(np.empty(size, dtype=result.dtype))
        made[0][lo:hi] = result

    try:  # every block on the threads, the first too: made alone first, it kept the other threads waiting
        for_each_block(block, size, rows_per_block(size, _BLOCK))
    except (CalendarHorizonError, InvalidInputError):
        return fn(us, other, nat, shape)
    return made[0]


def _instant_text(hix: HoursIndex, us: int) -> str:
    """An instant for a message: in the calendar's zone, or as UTC when that is past the years 1..9999."""
    try:
        return from_us(hix, us).isoformat()
    except (OverflowError, ValueError):
        return f"{np.datetime64(us, 'us')} UTC"
