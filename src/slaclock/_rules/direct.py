"""The direct ways of the column engine: one period on a ``datetime64`` column of instants, a block at a time.

The full way (:class:`~slaclock._rules.engine.Starts`, then a
:class:`~slaclock._rules.engine.ColumnRun`) reads every start as a deadline start (UTC, wall time, civil day,
time of day, NaT), whatever the period needs. Two kinds of period need less:

- **clock time** (hours, minutes: art. 201 para 2, counted from the instant and not rolled unless the
  convention says so): the due is the start plus the period and the last day is the day of the instant before
  it, so where the zone has one offset over the values' span the block is read once, added to and divided;
- **working time** on a calendar with hours and no projected days: ``add_working_time``'s reader and kernels,
  and one shift to wall time (:func:`slaclock._hours.columns.deadline_block`).

:func:`way` says whether a call can take one, and gives the function a block goes through. A block it does
not answer (False: two offsets, an instant before 1970) or refuses (an error) sends the whole column the full
way, which gives its answer or its error, word for word: the direct ways refuse no start the full way takes
(the tests hold the two equal, errors included).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from slaclock._base.instants import FIRST_DAY, LAST_DAY, NAT_INT, check_years, live_bounds
from slaclock._base.select import fill
from slaclock._calendar import day_table, hours_table
from slaclock._periods.period import Period, Unit
from slaclock._rules.engine import _CLOCK_US, _US_DAY, _US_PER, zones_between  # the full way's units, shared

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._periods.convention import Convention

__all__ = ["Block", "FullWayError", "clock_rows", "way"]

I64 = npt.NDArray[np.int64]
Block = Callable[[npt.NDArray[np.datetime64], I64, I64], bool]
"""A block of starts, and the arrays its due instants (wall times, or UTC) and last days (epoch days) are written
into, NAT_INT for NaT; False, with nothing written, where the direct way does not answer it."""

_STEP_LIMIT: Final = 1 << 60  # a longer clock period goes the full way (no int64 arithmetic near its ends)


class FullWayError(Exception):
    """A block the direct way does not answer: the whole column goes the full way (which says why, if it fails)."""


def way(
    cal: WorkCalendar, conv: Convention, starts: npt.NDArray[Any], unit: Unit, n: object, p: Period, utc: bool
) -> Block | None:
    """The direct way of one period (``n`` of ``unit``, an int: not one a row) on the flat column ``starts``, or
    None for the full way: dates, other periods, clock time rolled to a workday (``roll_clock_time``), working
    time without hours or with projected days (whose reads the full way records, for the provisional flags)."""
    if not isinstance(n, int) or starts.dtype.kind != "M" or np.datetime_data(starts.dtype)[0] in ("Y", "M", "W", "D"):
        return None
    if unit in _CLOCK_US:
        step = _CLOCK_US[unit] * n
        if (conv.roll_clock_time and conv.roll_last_day) or abs(step) > _STEP_LIMIT:
            return None
        return functools.partial(clock_block, cal, step, utc)
    if not unit.is_work_time or cal.hours is None:
        return None
    ix = day_table(cal).ix
    if ix.official_last < ix.n - 1:
        return None
    from slaclock._hours.columns import deadline_block, work_us

    hix = hours_table(cal)
    hix.columns()  # built here, once, not by two blocks at once
    return functools.partial(deadline_block, hix, work_us(p), utc)


def clock_block(cal: WorkCalendar, step: int, utc: bool, part: npt.NDArray[np.datetime64], due: I64, last: I64) -> bool:
    """Clock time, written into ``due`` (the starts plus ``step`` µs: wall times stay wall times, UTC stays UTC)
    and ``last`` (the day of the instant before each due, in the calendar's zone); False, with nothing written,
    where the zone has more than one offset over the span from the first start to the last due (a day either
    side) or a start is before 1970. Raises for a year outside 1..9999 in a coarse unit, as the full way does.

    A column in hours, minutes, seconds or milliseconds is scaled to µs by a product (numpy's cast takes about
    3 ns a value, checking each for NaT), its NaT written back through its positions."""
    check_years(part, "starts")
    unit, count = np.datetime_data(part.dtype)
    per = _US_PER.get(unit) if count == 1 else None
    if per is None:  # nanoseconds, or a multiple of a unit: numpy's cast
        v, per = part.astype("datetime64[us]").view(np.int64), 1
    else:
        v = part.view(np.int64)
    bounds = live_bounds(v)
    if bounds is None:
        return False
    lo, hi, has_nat = bounds
    if hi == NAT_INT:  # every start missing
        due.fill(NAT_INT)
        last.fill(NAT_INT)
        return True
    first, past = lo * per - _US_DAY, hi * per + step + _US_DAY  # a day either side (a step may be negative)
    offset = zones_between(cal, min(first, past), max(first, past)).constant
    if offset is None or not inside_years(lo * per + step, hi * per + step, offset if utc else 0):
        return False  # the full way converts, or names the row that runs past the years 1 to 9999
    clock_rows(v, per, step, offset if utc else 0, due, last, has_nat)
    return True


def inside_years(lo: int, hi: int, shift: int) -> bool:
    """Whether dues from ``lo`` to ``hi`` µs, read as wall times ``shift`` µs ahead, fall in the years 1 to 9999 (a
    due at 10000-01-01T00:00, the end of 9999-12-31, does not: no datetime holds it)."""
    return lo + shift >= FIRST_DAY * _US_DAY and hi + shift < (LAST_DAY + 1) * _US_DAY


def clock_rows(v: I64, per: int, step: int | I64, shift: int | I64, due: I64, last: I64, has_nat: bool) -> None:
    """The arithmetic of clock time on int64 starts ``v`` in units of ``per`` µs: ``due`` the starts plus ``step``
    µs, ``last`` the day of the instant before each due, read as a wall time ``shift`` µs ahead (the zone's offset
    for UTC, else 0); NaT starts give NaT when ``has_nat``. ``step`` and ``shift``: one, or one a row (a period or a
    calendar per row, :mod:`.byrow`); ``step`` may be ``last`` itself, read before it is written."""
    if per == 1:
        np.add(v, step, out=due)
    else:
        np.multiply(v, per, out=due)
        due += step
    if isinstance(shift, int):
        np.add(due, shift - 1, out=last)  # the instant before the due, as a wall time
    else:
        np.add(due, shift, out=last)
        last -= 1
    np.floor_divide(last, _US_DAY, out=last)
    if has_nat:
        nat = v == NAT_INT
        fill(due, nat, NAT_INT)
        fill(last, nat, NAT_INT)
