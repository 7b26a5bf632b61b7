"""Day tables: a day period's answer for every start day of a calendar, computed once, then gathered per row.

For periods of days, weeks, months, years and workdays, the last day (arts. 201-203), its end and whether it
rests on projected days depend only on the start's civil day, and, under a convention with a cut-off, on
whether the start is at or past it. So a :class:`DayTable` holds the answer for every day of the calendar's
table (two rows of answers with a cut-off), computed by the column engine itself (:class:`ColumnRun`, the
reference), and a column of starts is answered by reading each start's day in its own unit and gathering:
no conversion to microseconds, no zone round trip, no per-block bounds. A start whose day the table does not
answer (before the calendar's data, or so near its end that the count runs past it) sends the whole column the
full way, which raises the horizon error exactly as before.

Instants are answered in a zone at one fixed offset over the calendar's span (every region slaclock ships):
there no wall time is skipped by the clocks (the full way would refuse none), and UTC is the wall time less the
offset. Dates are answered in any zone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, cast, final

import numpy as np
import numpy.typing as npt

from slaclock._base.instants import NAT_INT, live_bounds
from slaclock._calendar import day_table
from slaclock._periods.period import Period, Unit
from slaclock._rules.engine import _US_DAY, _US_PER, ColumnRun, Starts, calendar_zones, zones_between
from slaclock.errors import CalendarHorizonError, InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._periods.convention import Convention

__all__ = ["DayTable", "day_answers", "tabled"]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
_PER_DAY: Final = {"D": 1, "h": 24, "m": 1_440, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000}
_BLOCK: Final = 1 << 15
KEPT: Final = 32
"""Day tables kept per calendar table (each 17 bytes a day, twice with a cut-off: 0.3 MB for 2004-2026)."""
MIN_ROWS = 8_192
"""A column this long makes its table (about one full pass over the calendar's days, 8,401 for 2004-2026: 0.6-1.3
ms). Shorter ones read a table already made, and make one only once the short columns asked of it add up to this
(:func:`_worth_a_table`). A module attribute, so tests can lower it."""
CALL_ROWS: Final = 512
"""What a short column's call weighs beyond its rows toward making its table. The full way's fixed cost is 10-30
µs more than a table's (dates, instants) and making a table costs 0.6-1.3 ms: at 512 a call, sixteen one-row calls
make it, by when they have cost the full way 0.2-0.5 ms more than a table would have, the same order as making it.
So a process asking a few short columns makes none, and a service asking the same period again and again gets it
early."""
_ASKED: Final = ("daytables asked",)  # not a table's key (those start "daytables", then the hours)
_TABLED: Final = frozenset({Unit.DAY, Unit.WEEK, Unit.MONTH, Unit.YEAR, Unit.WORKDAY})


@final
@dataclass(frozen=True, slots=True)
class DayTable:
    """The answers for starts on days ``d0 .. d0 + size - 1``: row ``k`` of each array is for start day ``d0 + k``,
    and with a cut-off, row ``size + k`` for a start on that day at or past it; the last row answers NaT (NaT due
    and last day, not provisional)."""

    d0: int
    size: int
    due: I64  # wall microseconds in the calendar's zone
    due_utc: I64 | None  # the same instants in UTC (NaT kept), when the zone has one offset over the span
    last: I64  # civil days
    provisional: Mask
    cutoff_us: int | None  # the cut-off's time of day, when the convention has one
    offset_us: int | None  # the zone's one offset over the span (no wall time skipped), or None if it changes
    at_midnight: bool  # every due is 24:00 of its last day (wall): due = (last + 1) days
    any_provisional: bool  # some start's answer is provisional (a projected calendar's)


def tabled(
    cal: WorkCalendar,
    conv: Convention,
    p: Period,
    starts: npt.NDArray[np.datetime64],
    utc: bool = False,
    into: tuple[I64, I64, Mask] | None = None,
) -> tuple[I64, I64, Mask] | None:
    """Due instants (wall times, or UTC with ``utc``), last days and provisional flags for a flat ``datetime64``
    column, or None for the full way; written into ``into`` (three flat arrays of the column's length) if given,
    which on None may hold some rows written.

    None when the period is not of whole days, the unit is not one of ``D, h, m, s, ms, us``, the column is
    short and its table not worth making yet (:func:`_worth_a_table`), the zone's
    offset changes over the calendar's span (wall times could be skipped, UTC would need the zone's rules), or
    the column has a start the table does not answer.
    """
    if p.unit not in _TABLED or starts.dtype.kind != "M" or not _worth_a_table(cal, conv, p, starts.size):
        return None
    unit, count = np.datetime_data(starts.dtype)
    if count != 1 or unit not in _PER_DAY:
        return None
    table = day_answers(cal, conv, p)
    if table is None or (table.offset_us is None and (unit != "D" or utc)):
        return None
    shift = 0  # UTC instants to wall times, in the column's unit
    if utc and unit != "D":
        assert table.offset_us is not None
        shift, rest = divmod(table.offset_us, _US_PER[unit])
        if rest:
            return None  # an offset of 05:45 on a column of hours
    v = starts.view(np.int64)
    size = v.size
    if into is not None:
        due, last, provisional = into
        if not table.any_provisional:
            provisional.fill(False)
    else:
        due = np.empty(size, dtype=np.int64)
        last = np.empty(size, dtype=np.int64)
        # an official table has no provisional day: zeros from calloc, pages the kernel maps only if read
        provisional = np.empty(size, dtype=bool) if table.any_provisional else np.zeros(size, dtype=bool)
    to_utc = table.offset_us if utc and table.offset_us is not None else 0
    per = _PER_DAY[unit]
    late_from = None if table.cutoff_us is None or per == 1 else -(-table.cutoff_us // _US_PER[unit])
    nat_row = table.last.size - 1  # the answers' last row: NaT, for NaT starts
    least, past = table.d0 * per - shift, (table.d0 + table.size) * per - shift  # the starts answered: [least, past)
    dues = table.due_utc if to_utc and table.due_utc is not None else table.due
    row = np.empty(min(size, _BLOCK), dtype=np.int64)  # a block's table rows: small enough to stay in cache
    for lo in range(0, size, _BLOCK):
        hi = min(lo + _BLOCK, size)
        part, k = v[lo:hi], row[: hi - lo]
        bounds = live_bounds(part)  # two or three reductions, no mask
        if bounds is None or (bounds[1] != NAT_INT and (bounds[0] < least or bounds[1] >= past)):
            return None  # a start the table does not answer (one before 1970 included): the full way says why
        has_nat = bounds[2]
        if shift:
            part = part + shift
        np.floor_divide(part, per, out=k)
        k -= table.d0
        if late_from is not None:  # at or past the cut-off (a time of day in whole units, not rounded down)
            tod = part - (k + table.d0) * per
            k += (tod >= late_from) * table.size
        if has_nat:  # a NaT start's row is far outside the table (whatever the shift, unit or cut-off): its row
            np.minimum(k.view(np.uint64), nat_row, out=k.view(np.uint64))
        np.take(table.last, k, out=last[lo:hi], mode="clip")  # "raise" would buffer: bounds are checked above
        if table.at_midnight and not has_nat:  # the end of the last day: arithmetic on it, not a second gather
            np.multiply(last[lo:hi], _US_DAY, out=due[lo:hi])
            due[lo:hi] += _US_DAY - to_utc
        else:
            np.take(dues, k, out=due[lo:hi], mode="clip")
        if table.any_provisional:
            np.take(table.provisional, k, out=provisional[lo:hi], mode="clip")
    return due, last, provisional


def _worth_a_table(cal: WorkCalendar, conv: Convention, p: Period, rows: int) -> bool:
    """Whether a column of ``rows`` starts reads a day table: it is :data:`MIN_ROWS` long, its table is made
    already, or, with this one, the short columns asked of it since the calendar's table was built weigh
    :data:`MIN_ROWS` (each its rows and :data:`CALL_ROWS`). What is asked is counted beside the tables, for at
    most ``4 * KEPT`` tables at a time (past that the counts start again), and roughly on threads (a count lost
    to a race only delays a table)."""
    if rows >= MIN_ROWS:
        return True
    memo = day_table(cal).memo
    key = (cal.hours, conv, p)
    if ("daytables", *key) in memo:
        return True
    asked: dict[tuple[object, ...], int] = memo.setdefault(_ASKED, {})
    weight = asked.pop(key, 0) + rows + CALL_ROWS
    if weight >= MIN_ROWS:
        return True
    if len(asked) >= 4 * KEPT:
        asked.clear()
    asked[key] = weight
    return False


def day_answers(cal: WorkCalendar, conv: Convention, p: Period) -> DayTable | None:
    """The :class:`DayTable` of a day period on a calendar under a convention, or None if none can be made.

    Kept beside the calendar's compiled day table (``memo``, the last :data:`KEPT` made for it), so
    it goes when that table is rebuilt. None when the period is not a whole number of days, weeks,
    months, years or workdays, or when the convention cannot answer a day at all (a close of business
    from hours the calendar does not have): the full way says why.
    """
    memo = day_table(cal).memo
    key = ("daytables", cal.hours, conv, p)
    if key in memo:
        return cast("DayTable | None", memo[key])
    table = _make(cal, conv, p)
    kept = [k for k in list(memo) if k[0] == "daytables"]  # a snapshot: blocks on threads may add to the memo
    for old in kept[: max(0, len(kept) - KEPT + 1)]:
        memo.pop(old, None)
    memo[key] = table
    return table


def _make(cal: WorkCalendar, conv: Convention, p: Period) -> DayTable | None:
    if p.unit not in _TABLED or not isinstance(p.amount, int):
        return None
    ix = day_table(cal).ix
    cutoff_us = None
    if conv.cutoff is not None:
        c = conv.cutoff
        cutoff_us = (c.hour * 3600 + c.minute * 60 + c.second) * 1_000_000 + c.microsecond
    days = ix.d0 + np.arange(ix.n, dtype=np.int64)
    try:
        size, on_time = _answered(lambda k: _answer(cal, conv, p, days[:k], None), ix.n)
        late = None if cutoff_us is None else _answered(lambda k: _answer(cal, conv, p, days[:k], cutoff_us), size)
    except InvalidInputError:
        return None
    if late is not None:
        size = min(size, late[0])
        on_time = tuple(a[:size] for a in on_time)  # type: ignore[assignment]
        answers = tuple(np.concatenate([a, b[:size]]) for a, b in zip(on_time, late[1], strict=True))
    else:
        answers = on_time
    due, last, provisional = answers
    offset = zones_between(cal, None, None).constant
    midnight = bool(np.array_equal(due, (last + 1) * _US_DAY))
    any_provisional = bool(provisional.any())
    due, last = np.append(due, NAT_INT), np.append(last, NAT_INT)  # the row a NaT start reads
    provisional = np.append(provisional, False)
    due_utc = None
    if offset is not None:  # made once with the table, not on each call that asks for UTC
        due_utc = due - offset
        due_utc[-1] = NAT_INT  # NaT less the offset is no NaT
    return DayTable(ix.d0, size, due, due_utc, last, provisional, cutoff_us, offset, midnight, any_provisional)


def _answered(answer: Callable[[int], tuple[I64, I64, Mask]], n: int) -> tuple[int, tuple[I64, I64, Mask]]:
    """The longest prefix of ``n`` start days the engine answers (without a horizon error), and its answers."""
    try:
        return n, answer(n)
    except CalendarHorizonError:
        pass
    lo, hi = 0, n  # answer(lo) succeeds (or lo == 0), answer(hi) raises
    while hi - lo > 1:
        mid = (lo + hi) // 2
        try:
            answer(mid)
            lo = mid
        except CalendarHorizonError:
            hi = mid
    return lo, answer(lo)


def _answer(cal: WorkCalendar, conv: Convention, p: Period, days: I64, cutoff_us: int | None) -> tuple[I64, I64, Mask]:
    """The column engine's answer for starts on ``days`` (at the cut-off, when it is given): the reference."""
    n = days.size
    tod = None if cutoff_us is None else np.full(n, cutoff_us, dtype=np.int64)
    timed = np.full(n, cutoff_us is not None)
    col = Starts(days.copy(), tod, None, timed, None, (n,))
    run = ColumnRun(cal, conv, col)
    assert isinstance(p.amount, int)
    utc, last = run.days(p.unit, p.amount)
    provisional = run.hi > day_table(cal).ix.official_last if run.track else np.zeros(n, dtype=bool)
    wall = calendar_zones(cal, utc).to_wall(utc) if n else utc
    return wall, last, provisional
