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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, cast, final

import numpy as np
import numpy.typing as npt

from slaclock._base.instants import LAST_DAY, NAT_INT, live_bounds
from slaclock._calendar import day_table
from slaclock._periods.period import Period, Unit
from slaclock._rules.engine import _US_DAY, _US_PER, ColumnRun, Starts, calendar_zones, zones_between
from slaclock.errors import CalendarHorizonError, InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._periods.convention import Convention

__all__ = ["DayTable", "FromDue", "day_answers", "tabled", "tabled_dues", "tabled_rows"]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
_PER_DAY: Final = {
    "D": 1,
    "h": 24,
    "m": 1_440,
    "s": 86_400,
    "ms": 86_400_000,
    "us": 86_400_000_000,
    "ns": 86_400_000_000_000,
}
_NS_DAYS: Final = (NAT_INT // 86_400_000_000_000 + 2, int(np.iinfo(np.int64).max) // 86_400_000_000_000 - 1)
"""The days a table may span for a column of nanoseconds (1677-09-23 to 2262-04-10): away from int64's ends, where
NaT, or an instant, shifted by a zone's offset (less than a day) would wrap."""
BLOCK: Final = 1 << 15
"""Rows a gather reads at a time (its blocks' table rows stay in the cache)."""
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

    None when the period is not of whole days, the unit is not one of ``D, h, m, s, ms, us, ns``, the column is
    short and its table not worth making yet (:func:`_worth_a_table`), the zone's
    offset changes over the calendar's span (wall times could be skipped, UTC would need the zone's rules), or
    the column has a start the table does not answer.
    """
    read = _read(cal, conv, p, starts, utc)
    return None if read is None else read.gather(starts.view(np.int64), None, into)


@final
@dataclass(frozen=True, slots=True)
class FromDue:
    """Last days left unwritten, made from the dues when read: each due is its last day's 24:00 (wall time), ``shift``
    µs ahead of the due as written (the zone's offset for UTC dues; 0 for wall times)."""

    shift: int

    def of(self, due: I64) -> I64:
        """The last days (civil days, NaT where the due is) of int64 dues ``due``."""
        last = np.empty_like(due)
        for lo in range(0, due.size, BLOCK):  # a block at a time, in the cache
            part, out = due[lo : lo + BLOCK], last[lo : lo + BLOCK]
            np.add(part, self.shift - _US_DAY, out=out)  # 24:00 of the last day, less a day: within the last day
            np.floor_divide(out, _US_DAY, out=out)
            if part.size and int(part.min()) == NAT_INT:  # NaT is the least int64: a mask only where it is
                np.copyto(out, NAT_INT, where=part == NAT_INT)
        return last


def tabled_dues(
    cal: WorkCalendar, conv: Convention, p: Period, starts: npt.NDArray[np.datetime64], utc: bool = False
) -> tuple[I64, I64 | FromDue, Mask] | None:
    """:func:`tabled` into new arrays, but where every due is its last day's 24:00 (the Civil Code's art. 203 para
    2, with no close of business), the last days are not written: a :class:`FromDue` makes them from the dues when
    they are read. A call that returns new columns then writes one column of 8 bytes a row, as one gather does."""
    read = _read(cal, conv, p, starts, utc)
    if read is None:
        return None
    if read.midnight is None:
        return read.gather(starts.view(np.int64), None, None)
    return read.dues(starts.view(np.int64))


def _read(
    cal: WorkCalendar, conv: Convention, p: Period, starts: npt.NDArray[np.datetime64], utc: bool
) -> _Read | None:
    """How ``starts`` read the day table of ``p``, or None for the full way (see :func:`tabled`)."""
    unit = _unit(p, starts, utc, cal)
    if unit is None or not _worth_a_table(cal, conv, p, starts.size):
        return None
    table = day_answers(cal, conv, p)
    return None if table is None else _Read.of((table,), unit, utc)


def tabled_rows(
    pairs: Sequence[tuple[WorkCalendar, Period]],
    codes: npt.NDArray[np.integer[Any]],
    conv: Convention,
    starts: npt.NDArray[np.datetime64],
    utc: bool = False,
    then: Callable[[int, int, I64, I64], None] | None = None,
    slot: I64 | None = None,
) -> tuple[I64, I64, Mask] | None:
    """:func:`tabled` with a calendar or a period per row: row ``i`` (flat) is counted on ``pairs[codes[i]]`` (a
    calendar and a day period), or is NaT for a code of -1 (a missing period). Every pair's answers are side by
    side in one table, so the column is read, gathered once and written, not taken apart, counted and put back.
    Due wall times are each row's in its own calendar's zone. ``then(lo, hi, due, last)``: called on each block of
    rows once it is written (``due`` and ``last`` its rows), while it is in the cache (:mod:`.byrow` writes the rows
    of other kinds there). ``slot``: each code's pair among ``pairs`` (-1: none; its last entry is -1's), read a
    block at a time, where a column of codes made first would be a column of fresh pages.

    None as :func:`tabled` on any of the pairs, for more than :data:`MAX_JOINED` pairs or :data:`FEW_PERIODS`
    periods, and for a start its pair's table does not answer: the caller takes the rows its own way, which says
    why when it fails.
    """
    if not pairs or len(pairs) > MAX_JOINED or any(p.unit not in _TABLED for _, p in pairs):
        return None
    if len({p for _, p in pairs}) > FEW_PERIODS:  # their tables would not stay kept: each call would make some
        return None
    unit = _unit(pairs[0][1], starts, utc, *(cal for cal, _ in pairs))
    if unit is None:
        return None
    worth = [_worth_a_table(cal, conv, p, starts.size) for cal, p in pairs]  # what is asked counts on each
    if not all(worth):
        return None
    tables = []
    for cal, p in pairs:
        table = day_answers(cal, conv, p)
        if table is None:
            return None
        tables.append(table)
    # rows with no period (-1; through a slot, the rows of other kinds too): a block of NaT answers, last
    none = slot is not None or (bool(codes.size) and int(codes.min()) < 0)
    read = _Read.of(tuple(tables), unit, utc, none)
    if read is None:
        return None
    return read.gather(starts.view(np.int64), codes if len(tables) > 1 or none else None, None, then, slot)


def _unit(p: Period, starts: npt.NDArray[Any], utc: bool, *calendars: WorkCalendar) -> str | None:
    """The column's unit, if a day table of ``p`` on ``calendars`` answers it; else None (before any table is made).

    Not instants (nor UTC dates) on a calendar whose zone has more than one offset over its days (Asia/Shanghai's
    summer time of 1986-1991 on a custom calendar from 1969): :meth:`_Read.of` would refuse its table, made for
    nothing. Not nanoseconds on a calendar whose days reach 1677-09-23 or 2262-04-10: NaT, or an instant at int64's
    ends, shifted to wall time would wrap onto its rows there."""
    if p.unit not in _TABLED or starts.dtype.kind != "M":
        return None
    unit, count = np.datetime_data(starts.dtype)
    if count != 1 or unit not in _PER_DAY:
        return None
    if (unit != "D" or utc) and any(zones_between(c, None, None).constant is None for c in calendars):
        return None
    spans = [day_table(c).ix for c in calendars] if unit == "ns" else []
    return None if any(not _NS_DAYS[0] <= ix.d0 <= _NS_DAYS[1] - ix.n for ix in spans) else unit


@final
@dataclass(frozen=True, slots=True, eq=False)
class _Read:
    """How a column in one unit reads one day table, or several side by side (a calendar or a period per row).

    Table ``j``'s answers are rows ``j * stride`` to ``(j + 1) * stride - 1`` of ``last``, ``due`` and
    ``provisional``: for a start on day ``d0 + k`` row ``k``, at or past the cut-off row ``size + k``, for NaT
    the last.
    """

    per: int  # the column's units a day
    shift: int | I64  # UTC to wall time, in the column's units (0 for wall times): one, or each table's
    d0: int
    size: int
    stride: int
    late_from: int | None  # the cut-off, in the column's units, when a start's time of day counts
    last: I64
    due: I64  # wall times, or UTC
    provisional: Mask | None  # None: no answer is provisional
    midnight: int | None  # every due is the end of its last day, this many µs ahead of the due written
    padded: bool  # some table does not answer every day of the span: its rows there read UNANSWERED
    nat_block: int | None  # the first row of the block of NaT answers a code of -1 reads, when there is one

    @staticmethod
    def of(tables: tuple[DayTable, ...], unit: str, utc: bool, none: bool = False) -> _Read | None:
        """The read of ``tables`` (in the order of the codes) by a column in ``unit``; with ``none``, a last block of
        NaT answers (for rows with no period)."""
        if any(t.offset_us is None for t in tables) and (unit != "D" or utc):
            return None
        to_utc = [(t.offset_us or 0) if utc else 0 for t in tables]
        shifts = []  # UTC instants to wall times, in the column's unit
        for offset in to_utc:
            shift, rest = _in_unit(offset, unit) if unit != "D" else (0, 0)
            if rest:
                return None  # an offset of 05:45 on a column of hours
            shifts.append(shift)
        per = _PER_DAY[unit]
        cutoff = tables[0].cutoff_us  # the convention's: the same on every calendar
        late_from = None
        if cutoff is not None and per != 1:  # the first whole unit at or past the cut-off
            whole, rest = _in_unit(cutoff, unit)
            late_from = whole + (rest > 0)
        midnight = to_utc[0] if all(t.at_midnight for t in tables) and len(set(to_utc)) == 1 and not none else None
        provisional = any(t.any_provisional for t in tables)
        if len(tables) == 1 and not none:  # the table itself, its rows as they are
            t = tables[0]
            return _Read(
                per, shifts[0], t.d0, t.size, t.last.size, late_from, t.last,
                t.due_utc if to_utc[0] and t.due_utc is not None else t.due,
                t.provisional if provisional else None, midnight, False, None,
            )  # fmt: skip
        key = (tuple(id(t) for t in tables), unit, utc, none)
        kept = _JOINED.get(key)
        if kept is not None:
            return kept[1]
        d0 = min(t.d0 for t in tables)
        size = max(t.d0 + t.size for t in tables) - d0  # the days any table answers; a day one does not: UNANSWERED
        rows = []
        for t in tables:  # each table's rows for those days (and past the cut-off), then its NaT row
            k = np.arange(d0, d0 + size) - t.d0
            on_time = np.where((k >= 0) & (k < t.size), k, t.last.size)  # not answered: the row appended below
            late = np.where(on_time < t.size, on_time + t.size, on_time)
            nat = np.array([t.last.size - 1])
            rows.append(np.concatenate([on_time, late, nat] if cutoff is not None else [on_time, nat]))
        stride = rows[0].size

        def side_by_side(column: Callable[[DayTable, int], npt.NDArray[Any]], past: int, nat: int) -> Any:
            """A column of every table's answers, each table's followed by ``past`` (a day it does not answer),
            taken in the rows above; then, with ``none``, a block of ``nat``."""
            parts = [
                np.concatenate([column(t, u), np.array([past], dtype=column(t, u).dtype)])[r]
                for t, r, u in zip(tables, rows, to_utc, strict=True)
            ]
            return np.concatenate([*parts, np.full(stride, nat, dtype=parts[0].dtype)] if none else parts)

        read = _Read(
            per,
            shifts[0] if len(set(shifts)) == 1 else np.array(shifts + [shifts[0]] * none, dtype=np.int64),
            d0,
            size,
            stride,
            late_from,
            side_by_side(lambda t, u: t.last, UNANSWERED, NAT_INT),
            side_by_side(lambda t, u: t.due_utc if u and t.due_utc is not None else t.due, NAT_INT, NAT_INT),
            side_by_side(lambda t, u: t.provisional, False, False) if provisional else None,
            midnight,
            any(t.d0 != d0 or t.size != size for t in tables),
            len(tables) * stride if none else None,
        )
        _JOINED[key] = (tables, read)  # the tables kept with it, so their ids are not reused while it is
        snapshot = list(_JOINED.items())  # calls on other threads may add to it
        total = sum(r.nbytes for _, (_, r) in snapshot)
        for old, (_, r) in snapshot[:-1]:  # the oldest first; never the newest
            if total <= JOINED_BYTES:
                break
            _JOINED.pop(old, None)
            total -= r.nbytes
        return read

    @property
    def nbytes(self) -> int:
        return self.last.nbytes + self.due.nbytes + (0 if self.provisional is None else self.provisional.nbytes)

    def dues(self, v: I64) -> tuple[I64, FromDue, Mask] | None:
        """:meth:`gather` of one table whose every due is its last day's 24:00, into new arrays, the last days left
        to :class:`FromDue`: per block a bounds check, each start's row and one gather of its due."""
        assert self.midnight is not None
        assert isinstance(self.shift, int)
        size = v.size
        due = np.empty(size, dtype=np.int64)
        # an official table has no provisional day: zeros from calloc, pages the kernel maps only if read
        provisional = np.empty(size, dtype=bool) if self.provisional is not None else np.zeros(size, dtype=bool)
        span = self._span(self.shift, self.shift)
        row = np.empty(min(size, BLOCK), dtype=np.int64)
        for lo in range(0, size, BLOCK):
            hi = min(lo + BLOCK, size)
            k = row[: hi - lo]
            if self._rows(v[lo:hi], self.shift, span, k) is None:
                return None  # a start the table does not answer: the full way says why
            np.take(self.due, k, out=due[lo:hi], mode="clip")
            if self.provisional is not None:
                np.take(self.provisional, k, out=provisional[lo:hi], mode="clip")
        return due, FromDue(self.midnight), provisional

    def _span(self, low: int, high: int) -> tuple[int, int]:
        """The starts the tables answer, ``[least, past)``, for shifts from ``low`` to ``high``."""
        return self.d0 * self.per - low, (self.d0 + self.size) * self.per - high

    def _rows(self, part: I64, shift: int | I64, span: tuple[int, int], k: I64) -> bool | None:
        """Each start's row of its table (before the codes' first rows) into ``k``: its wall day, past the cut-off,
        the NaT row for NaT; whether there is NaT; None for a start the tables do not answer (one before 1970
        included)."""
        bounds = live_bounds(part)  # two or three reductions, no mask
        if bounds is None or (bounds[1] != NAT_INT and (bounds[0] < span[0] or bounds[1] >= span[1])):
            return None
        if not isinstance(shift, int) or shift:
            part = part + shift
        np.floor_divide(part, self.per, out=k)
        k -= self.d0
        if self.late_from is not None:  # at or past the cut-off (a time of day in whole units, not rounded down)
            tod = part - (k + self.d0) * self.per
            k += (tod >= self.late_from) * self.size
        if bounds[2]:  # a NaT start's row is far outside the table (whatever the shift, unit or cut-off): its row
            np.minimum(k.view(np.uint64), self.stride - 1, out=k.view(np.uint64))
        return bounds[2]

    def gather(
        self,
        v: I64,
        codes: npt.NDArray[np.integer[Any]] | None,
        into: tuple[I64, I64, Mask] | None,
        then: Callable[[int, int, I64, I64], None] | None = None,
        slot: I64 | None = None,
    ) -> Answers:
        """The answers for int64 starts ``v``, row ``i`` from table ``codes[i]`` (or ``slot[codes[i]]``; the one,
        without codes; the NaT block for -1), into ``into`` if given, ``then`` called on each block once it is
        written; None for a start its table does not answer."""
        size = v.size
        if into is not None:
            due, last, provisional = into
            if self.provisional is None:
                provisional.fill(False)
        else:
            due = np.empty(size, dtype=np.int64)
            last = np.empty(size, dtype=np.int64)
            # an official table has no provisional day: zeros from calloc, pages the kernel maps only if read
            provisional = np.empty(size, dtype=bool) if self.provisional is not None else np.zeros(size, dtype=bool)
        shifts = self.shift if isinstance(self.shift, np.ndarray) else None
        one = 0 if shifts is not None else cast(int, self.shift)
        span = self._span(int(shifts.min()), int(shifts.max())) if shifts is not None else self._span(one, one)
        row = np.empty(min(size, BLOCK), dtype=np.int64)  # a block's table rows: small enough to stay in cache
        at = None if codes is None else np.empty(min(size, BLOCK), dtype=np.int64)  # the rows' tables' first rows
        for lo in range(0, size, BLOCK):
            hi = min(lo + BLOCK, size)
            k = row[: hi - lo]
            mine = None  # the rows' tables (through the slot, in the buffer their first rows take below)
            if codes is not None:
                assert at is not None
                # "wrap": -1 reads the slot's last entry; "raise" would copy the block first, to check its bounds
                mine = codes[lo:hi] if slot is None else np.take(slot, codes[lo:hi], out=at[: hi - lo], mode="wrap")
            shift = self.shift
            if shifts is not None:
                assert mine is not None
                shift = shifts.take(mine)
            has_nat = self._rows(v[lo:hi], shift, span, k)
            if has_nat is None:
                return None  # a start the table does not answer: the full way says why
            if mine is not None:
                assert at is not None
                first = at[: hi - lo]
                np.multiply(mine, self.stride, out=first, dtype=np.int64)  # not in int16: it would wrap
                if self.nat_block is not None:  # a code of -1, as uint64 far past every table: the NaT block
                    np.minimum(first.view(np.uint64), self.nat_block, out=first.view(np.uint64))
                k += first
            np.take(self.last, k, out=last[lo:hi], mode="clip")  # "raise" would buffer: bounds are checked above
            if self.padded and (last[lo:hi] == UNANSWERED).any():
                return None  # a start its own table does not answer: the full way says why
            if self.midnight is not None and not has_nat:  # the end of the last day: arithmetic, not a second gather
                np.multiply(last[lo:hi], _US_DAY, out=due[lo:hi])
                due[lo:hi] += _US_DAY - self.midnight
            else:
                np.take(self.due, k, out=due[lo:hi], mode="clip")
            if self.provisional is not None:
                np.take(self.provisional, k, out=provisional[lo:hi], mode="clip")
            if then is not None:
                then(lo, hi, due[lo:hi], last[lo:hi])
        return due, last, provisional


Answers = tuple[I64, I64, Mask] | None
MAX_JOINED: Final = 64
"""The most tables :func:`tabled_rows` reads side by side (17 bytes a day each, twice with a cut-off: about 0.3 MB
for 2004-2026)."""
FEW_PERIODS: Final = KEPT // 2
"""The most distinct periods :func:`tabled_rows` reads side by side: their tables stay among the :data:`KEPT` kept
per calendar (with more, a call would make again tables the last one pushed out: 0.6-1.3 ms each)."""
UNANSWERED: Final = NAT_INT + 1
"""The last day read on a day some table side by side with others does not answer."""
JOINED_BYTES = 64 << 20
"""The reads of tables side by side are kept up to this many bytes, the latest made (by the tables' ids, the unit,
whether UTC and whether a NaT block is added; each kept with its tables). A module attribute, so tests can lower
it."""
_JOINED: dict[tuple[object, ...], tuple[tuple[DayTable, ...], _Read]] = {}


def _in_unit(us: int, unit: str) -> tuple[int, int]:
    """``us`` microseconds in a time unit of :data:`_PER_DAY`: the whole units, and the microseconds left over."""
    return (us * 1_000, 0) if unit == "ns" else divmod(us, _US_PER[unit])


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
        size, on_time = _answered(lambda d: _answer(cal, conv, p, d, None), days)
        late = None if cutoff_us is None else _answered(lambda d: _answer(cal, conv, p, d, cutoff_us), days[:size])
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


def _answered(answer: Callable[[I64], tuple[I64, I64, Mask]], days: I64) -> tuple[int, tuple[I64, I64, Mask]]:
    """The longest prefix of the start ``days`` the engine answers (without a horizon error), and its answers.

    A start's answer does not depend on the others', and a later start's count ends no earlier than an earlier
    start's: the starts the engine cannot answer are the last ones. So the first of them is found on one-day
    columns (a few dozen calls of one row, where each prefix of the whole cost a pass over every day of the
    calendar: seconds for a custom calendar of 1969-9999), and the prefix before it is answered whole. Should that
    prefix raise after all, or the last start be answered where the whole is not, prefixes are bisected."""
    n = days.size

    def unanswered(i: int) -> bool:
        try:
            answer(days[i : i + 1])
        except CalendarHorizonError:
            return True
        return False

    if n and unanswered(n - 1):
        lo, hi = -1, n - 1  # the first unanswered start is in (lo, hi]
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (lo, mid) if unanswered(mid) else (mid, hi)
        try:
            return hi, answer(days[:hi])
        except CalendarHorizonError:
            n = hi  # an earlier start is unanswered after all: the prefixes before this one are bisected
    else:
        try:
            return n, answer(days[:n])
        except CalendarHorizonError:
            pass
    lo, hi = 0, n  # answer(days[:lo]) succeeds (or lo == 0), answer(days[:hi]) raises
    while hi - lo > 1:
        mid = (lo + hi) // 2
        try:
            answer(days[:mid])
            lo = mid
        except CalendarHorizonError:
            hi = mid
    return lo, answer(days[:lo])


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
    if n and (int(last.max()) > LAST_DAY or int(wall.max()) >= (LAST_DAY + 1) * _US_DAY):
        # a due past the year 9999 (9999-12-31's 24:00): such starts are left out of the table, and the full
        # way refuses them as the scalar call does
        raise CalendarHorizonError("a due past the year 9999")
    return wall, last, provisional
