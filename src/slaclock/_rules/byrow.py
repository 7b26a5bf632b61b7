"""A column with a calendar or a period per row, whatever the periods' kinds, answered without taking it apart.

Row ``i`` of a flat column of starts is counted on ``pairs[codes[i]]``, a calendar and a period (a code of -1: no
period, NaT). :func:`answer` gives every row its answer in one pass of each kind of period the pairs hold:

- **day periods** (days, weeks, months, years, workdays): the pairs' day tables side by side, one gather
  (:func:`.daytables.tabled_rows`); the rows of other kinds read its NaT block;
- **clock time** (hours, minutes; art. 201 para 2, not rolled unless the convention says so): the start plus the
  row's period, the last day that of the instant before the due in the row's calendar's zone, as the one-period
  direct way (:func:`.direct.clock_block`) gives them, a block of rows at a time, each row its own step and, for
  UTC, its own calendar's offset;
- **working time** (a calendar with hours and no projected days): each such calendar's rows of a block gathered
  and added to by ``add_working_time``'s kernels, each row its own duration
  (:func:`slaclock._hours.columns.deadline_block`), and put back.

Before, the column was taken apart by unit (a period per row) or by calendar (a calendar per row), each part
counted the full way, reading every start as a deadline start and converting it twice, and put back: on 1M starts,
a help desk's targets by priority ("4小时", "1个工作日", "3个工作日") took 54-57 ns a row, about 20x one workday
period, and "24小时" with a calendar per row 29-32, 4-7x one calendar (``docs/performance.md``, issue 18's
thirteenth part, has the figures since).

None where a kind does not answer (a column of dates with a clock period, more pairs or periods than the day
tables read side by side, a zone with two offsets over the span, a start before 1970, working time without hours
or with projected days, a rolled clock period, a start or a due outside the data): the caller then takes the rows
apart its own way, which gives the answer or the error, word for word. The tests hold the two ways equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from slaclock._base.blocks import BLOCK, for_each_block, threads
from slaclock._base.instants import NAT_INT, live_bounds, year_bounds
from slaclock._base.select import fill
from slaclock._calendar import day_table, hours_table
from slaclock._periods.period import Period
from slaclock._rules import daytables
from slaclock._rules.direct import clock_rows, inside_years
from slaclock._rules.engine import _CLOCK_US, _US_DAY, _US_PER, zones_between
from slaclock.errors import CalendarHorizonError, InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._periods.convention import Convention

__all__ = ["answer"]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
Answers = tuple[I64, I64, Mask]

_DAY: Final = 0
_CLOCK: Final = 1
_WORK: Final = 2
_NONE: Final = 3  # no period: NaT
_STEP_LIMIT: Final = 1 << 60  # as the direct way: a longer clock period goes the full way
_COARSE: Final = ("Y", "M", "W", "D")


class _UnansweredError(Exception):
    """A kind of period, or a block of it, not answered here: the whole column goes the caller's way."""


def _kind(p: Period) -> int:
    if p.unit in _CLOCK_US:
        return _CLOCK
    return _WORK if p.unit.is_work_time else _DAY


def answer(
    pairs: Sequence[tuple[WorkCalendar, Period]],
    codes: npt.NDArray[np.integer[Any]],
    conv: Convention,
    starts: npt.NDArray[Any],
    utc: bool = False,
) -> Answers | None:
    """Due instants (wall times, each row's in its own calendar's zone, or UTC), last days and provisional flags
    of ``starts`` (flat), row ``i`` counted on ``pairs[codes[i]]`` (-1: NaT); None where a kind of period does not
    answer (see the module's notes)."""
    if not pairs or starts.dtype.kind != "M":
        return None
    kinds = np.array([_kind(p) for _, p in pairs] + [_NONE], dtype=np.int8)  # the last: a code of -1
    if not (kinds[:-1] != _DAY).any():
        return daytables.tabled_rows(pairs, codes, conv, starts, utc)
    if np.datetime_data(starts.dtype)[0] in _COARSE:  # dates: clock and working time run from a moment
        return None
    try:
        clock = _Clock.of(pairs, kinds, conv, starts, utc)
    except _UnansweredError:
        return None
    work = _Work.of(pairs, kinds, utc)
    if work is None:
        return None
    day = np.flatnonzero(kinds == _DAY)
    none = bool(codes.size) and int(codes.min()) < 0
    alike = not none and bool((kinds[:-1] == kinds[0]).all())  # one kind on every row: no kind read a row
    # the clock's rows beside the day rows are made here, a block at a time (the gather's blocks run in turn)
    scratch = (
        np.empty((3, min(daytables.BLOCK, starts.size)), dtype=np.int64) if day.size and clock is not None else None
    )

    def block(lo: int, hi: int, due: I64, last: I64) -> None:
        """The rows of a block that are not of day periods, into its ``due`` and ``last``."""
        k = codes[lo:hi]
        kind = None if alike else kinds[k]
        if clock is not None:
            clock.write(starts[lo:hi], k, None if kind is None else kind == _CLOCK, due, last, scratch)
        if work.groups:
            work.write(starts[lo:hi], k, None if kind is None else kind == _WORK, due, last)
        if not day.size and kind is not None:
            missing = kind == _NONE
            fill(due, missing, NAT_INT)
            fill(last, missing, NAT_INT)

    try:
        if day.size:  # the day rows gathered, each block's other rows written as soon as it is, in the cache
            slot = np.full(len(pairs) + 1, -1, dtype=np.int64)  # each pair's table among the day pairs; -1 the others
            slot[day] = np.arange(day.size)
            return daytables.tabled_rows([pairs[j] for j in day.tolist()], codes, conv, starts, utc, block, slot)
        # every row is written here: the clock's in place (all of a block), then the others over them
        due, last = np.empty(starts.size, dtype=np.int64), np.empty(starts.size, dtype=np.int64)
        threads()  # a bad SLACLOCK_THREADS raises here, not as a block's error below
        for_each_block(lambda lo, hi: block(lo, hi, due[lo:hi], last[lo:hi]), starts.size, BLOCK)
    except (_UnansweredError, CalendarHorizonError, InvalidInputError):
        return None
    return due, last, np.zeros(starts.size, dtype=bool)


class _Clock:
    """The clock pairs' steps (µs, by code; 0 for the others, or one for all) and, for UTC, their calendars'
    offsets (one for all, or by code)."""

    def __init__(self, step: I64 | int, offset: I64 | int, per: int, utc: bool, nat: bool) -> None:
        self.step, self.offset, self.per, self.utc, self.nat = step, offset, per, utc, nat  # nat: the column has NaT

    @classmethod
    def of(
        cls,
        pairs: Sequence[tuple[WorkCalendar, Period]],
        kinds: npt.NDArray[np.int8],
        conv: Convention,
        starts: npt.NDArray[Any],
        utc: bool,
    ) -> _Clock | None:
        """None if no pair is of clock time; raises :class:`_UnansweredError` where they are not answered here: a
        rolled clock period, a step past the limit, a year outside 1..9999 in a coarse unit, a start before 1970, a
        unit other than hours to microseconds, a zone with more than one offset over the span (a day either
        side)."""
        mine = np.flatnonzero(kinds[:-1] == _CLOCK)
        if not mine.size:
            return None
        if conv.roll_clock_time and conv.roll_last_day:
            raise _UnansweredError
        step = np.zeros(len(pairs) + 1, dtype=np.int64)
        for j in mine.tolist():
            p = pairs[j][1]
            s = _CLOCK_US[p.unit] * p.amount
            if abs(s) > _STEP_LIMIT:
                raise _UnansweredError
            step[j] = s
        unit, count = np.datetime_data(starts.dtype)
        per = _US_PER.get(unit) if count == 1 else None
        bounds = live_bounds(starts.view(np.int64)) if per is not None else None
        if per is None or bounds is None:
            raise _UnansweredError
        if bounds[1] > year_bounds(starts.dtype)[1]:  # past 9999 in a coarse unit (hours): the caller's way names it
            raise _UnansweredError
        lo, hi, nat = bounds
        steps = np.unique(step[mine])
        one_step = int(steps[0]) if steps.size == 1 else step
        if hi == NAT_INT:  # every start missing: every row NaT, whatever its calendar
            return cls(one_step, 0, per, utc, nat)
        first = lo * per + min(0, int(steps[0])) - _US_DAY
        past = hi * per + max(0, int(steps[-1])) + _US_DAY
        offsets = np.zeros(len(pairs) + 1, dtype=np.int64)
        for j in mine.tolist():
            offset = zones_between(pairs[j][0], first, past).constant
            if offset is None:
                raise _UnansweredError
            offsets[j] = offset
        seen = np.unique(offsets[mine])
        shift = (int(seen.min()), int(seen.max())) if utc else (0, 0)
        if not inside_years(lo * per + int(steps[0]) + shift[0], hi * per + int(steps[-1]) + shift[1], 0):
            raise _UnansweredError  # the full way names the row that runs past the years 1 to 9999
        return cls(one_step, int(seen[0]) if seen.size == 1 else offsets, per, utc, nat)

    def write(
        self, part: npt.NDArray[Any], k: npt.NDArray[Any], rows: Mask | None, due: I64, last: I64, scratch: I64 | None
    ) -> None:
        """The clock ``rows`` of a block (None: all), as :func:`.direct.clock_block` gives them, each row its own
        step and offset: in place on every row of the block without ``scratch``; with it (three rows of at least the
        block's length, reused block after block: fresh temporaries cost their pages), computed there and only the
        clock rows written, the others' answers kept."""
        if scratch is not None and rows is not None and not rows.any():
            return
        v = part.view(np.int64)
        n = v.size
        end, wall, each = (due, last, None) if scratch is None else (scratch[0, :n], scratch[1, :n], scratch[2, :n])
        # the takes into a buffer "wrap" (a code of -1 reads the last entry, as with "raise", which would copy the
        # block first to check its bounds: a fresh temporary per block, which two threads contend for); the steps go
        # in ``wall``, read before it is written
        step = self.step if isinstance(self.step, int) else np.take(self.step, k, out=wall, mode="wrap")
        if not self.utc:
            shift: int | I64 = 0
        elif isinstance(self.offset, int):
            shift = self.offset
        else:
            shift = np.take(self.offset, k, out=np.empty_like(v) if each is None else each, mode="wrap")
        clock_rows(v, self.per, step, shift, end, wall, self.nat)
        if scratch is not None:  # the rows chosen by arithmetic: np.copyto(where=) mispredicts a branch a row (4 ns)
            assert rows is not None  # beside day rows, a block is never all of clock time by kind alone
            mask = rows.view(np.int8)
            for mine, into in ((end, due), (wall, last)):
                np.subtract(mine, into, out=mine)
                mine *= mask
                into += mine


class _Work:
    """The working-time pairs: each calendar's pairs, and each pair's duration in µs (by code; 0 for the others)."""

    def __init__(self, groups: list[tuple[WorkCalendar, Mask]], d: I64, utc: bool) -> None:
        self.groups, self.d, self.utc = groups, d, utc

    @classmethod
    def of(cls, pairs: Sequence[tuple[WorkCalendar, Period]], kinds: npt.NDArray[np.int8], utc: bool) -> _Work | None:
        """None where a working-time pair's calendar has no hours or has projected days (the full way says why, or
        records the reads for the provisional flags)."""
        from slaclock._hours.columns import work_us

        d = np.zeros(len(pairs) + 1, dtype=np.int64)
        by_calendar: dict[int, tuple[WorkCalendar, Mask]] = {}
        for j in np.flatnonzero(kinds[:-1] == _WORK).tolist():
            cal, p = pairs[j]
            if cal.hours is None:
                return None
            ix = day_table(cal).ix
            if ix.official_last < ix.n - 1:
                return None
            d[j] = work_us(p)
            hix = hours_table(cal)
            hix.columns()  # built here, once, not by two blocks at once
            group = by_calendar.setdefault(id(hix), (cal, np.zeros(len(pairs) + 1, dtype=bool)))
            group[1][j] = True
        return cls(list(by_calendar.values()), d, utc)

    def write(self, part: npt.NDArray[Any], k: npt.NDArray[Any], rows: Mask | None, due: I64, last: I64) -> None:
        """The working-time ``rows`` of a block (None: all), each calendar's gathered, added to and put back."""
        from slaclock._hours.columns import deadline_block

        for cal, of_calendar in self.groups:
            if len(self.groups) > 1:
                mine = np.flatnonzero(of_calendar[k])
            elif rows is None:
                mine = np.arange(part.size)
            else:
                mine = np.flatnonzero(rows)
            if not mine.size:
                continue
            whole = mine.size == part.size
            sub = part if whole else part[mine]
            d_sub, l_sub = (due, last) if whole else (np.empty(mine.size, np.int64), np.empty(mine.size, np.int64))
            if not deadline_block(hours_table(cal), self.d[k if whole else k[mine]], self.utc, sub, d_sub, l_sub):
                raise _UnansweredError
            if not whole:
                due[mine], last[mine] = d_sub, l_sub
