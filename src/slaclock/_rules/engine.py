"""The column engine of :mod:`slaclock._rules.columns`: a column of starts, and one pass over the calendar's tables.

``Starts`` reads a column once (civil days, wall time of day, UTC instants); ``ColumnRun`` applies the
steps of a deadline to it (receipt rules, the period, art. 203's roll, the close of business), reading the
table only where the scalar path would and remembering the highest day each row read, for the horizon
errors and the provisional flags. ``_rules.columns`` owns the public functions and the ``Deadlines`` result.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, NoReturn, cast, final

import numpy as np
import numpy.typing as npt

from slaclock._base.instants import (
    EPOCH_ORDINAL,
    FIRST_DAY,
    LAST_DAY,
    NAT_INT,
    as_column,
    as_utc,
    check_years,
    is_missing_element,
    utc_us,
)
from slaclock._base.show import brief, position
from slaclock._base.zonemap import ZoneMap, zone_map
from slaclock._calendar import day_table, hours_table
from slaclock._days.kinds import DayKind
from slaclock._days.months import shift_days
from slaclock._days.table import Counted
from slaclock._periods.period import Period, Unit
from slaclock.errors import CalendarHorizonError, InvalidInputError, SlaclockError

if TYPE_CHECKING:
    from collections.abc import Callable

    from slaclock._calendar import WorkCalendar
    from slaclock._periods.convention import Convention

__all__ = [
    "ColumnRun",
    "Outside",
    "Source",
    "Starts",
    "blank",
    "calendar_zones",
    "check_years_of",
    "outside_error",
    "steps",
]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
_US_DAY: Final = 86_400_000_000
_CLOCK_US: Final = {Unit.HOUR: 3_600_000_000, Unit.MINUTE: 60_000_000}
_US_PER: Final = {"h": 3_600_000_000, "m": 60_000_000, "s": 1_000_000, "ms": 1_000, "us": 1}
"""µs per ``datetime64`` time unit, for the column readers that scale a unit themselves (day tables, direct ways)."""
_WORK_US: Final = {Unit.WORK_HOUR: 3_600_000_000, Unit.WORK_MINUTE: 60_000_000}
_MAKEUP: Final = DayKind.MAKEUP_WORKDAY.code


@final
@dataclass(slots=True)
class Starts:
    """A column of starts: civil days, wall time of day and UTC instants (µs); NaT rows hold day 0 of the table."""

    day: I64
    tod: I64 | None  # microseconds after midnight (wall), None for a column of dates
    utc: I64 | None
    timed: Mask  # rows that have a time
    nat: Mask | None
    shape: tuple[int, ...]
    given_utc: bool = False  # read with utc=True: errors name a start in UTC, as it was given

    def named(self, i: int) -> object:
        """Row ``i``'s start as given, for a message: its date, its wall time, or (read with utc=True) its UTC."""
        if self.given_utc and self.utc is not None and self.timed[i]:
            return f"{np.datetime64(int(self.utc[i]), 'us')} UTC"
        if self.tod is not None and self.timed[i]:
            return np.datetime64(int(self.day[i]) * _US_DAY + int(self.tod[i]), "us")
        return np.datetime64(int(self.day[i]), "D")

    def without(self, skip: Mask | None) -> Starts:
        """The column with the rows in ``skip`` left out as if NaT (they give NaT)."""
        if skip is None or not skip.any():
            return self
        skip = skip.reshape(self.day.shape)
        return dataclasses.replace(self, nat=skip if self.nat is None else self.nat | skip)

    @classmethod
    def of(cls, cal: WorkCalendar, starts: Any, utc: bool, what: str = "starts", row: str | None = None) -> Starts:
        """The column ``starts``, named ``what`` in errors (``ends`` for notice); a value of text or objects that is
        no date or instant is named ``{what}[i]: {what[:-1]} ...``, or ``{row}i: value ...`` when ``row`` is given
        (a table's event column: ``column 'solved', row ``)."""
        a = as_column(starts, what)
        d0 = day_table(cal).ix.d0
        if a.dtype.kind == "M":
            unit = np.datetime_data(a.dtype)[0]
            if unit in ("Y", "M", "W", "D"):
                day = a.astype("datetime64[D]").view(np.int64).ravel().copy()
                nat = day == NAT_INT
                day[nat] = d0
                return cls(day, None, None, np.zeros(day.size, bool), nat if nat.any() else None, a.shape)
            check_years(a, what)  # before converting to microseconds, which would wrap silently
            us = a.astype("datetime64[us]").view(np.int64).ravel().copy()
            nat = us == NAT_INT
            zones = calendar_zones(cal, us[~nat] if nat.any() else us)
            if utc:
                wall = zones.to_wall(np.where(nat, 0, us))
                instants = us
            else:
                wall = us
                instants, skipped = zones.to_utc(np.where(nat, 0, us), gap="flag")
                if skipped is not None and (skipped & ~nat).any():
                    i = int(np.argmax(skipped & ~nat))
                    raise InvalidInputError(
                        f"{what}[{i}] = {a.ravel()[i]} does not exist in {cal.tz} (the clocks skip it); "
                        "give aware or UTC instants (utc=True)"
                    )
            day = np.floor_divide(wall, _US_DAY)
            tod = wall - day * _US_DAY
            day[nat] = d0
            instants[nat] = 0
            timed = ~nat
            return cls(day, tod, instants, timed, nat if nat.any() else None, a.shape, utc)
        if a.dtype.kind in "OU":
            return cls._objects(cal, a, utc, what, row)
        raise InvalidInputError(
            f"{what} must be dates or instants (datetime64, date/datetime objects, ISO text); got dtype {a.dtype}"
        )

    @classmethod
    def _objects(cls, cal: WorkCalendar, a: npt.NDArray[Any], utc: bool, what: str, row: str | None) -> Starts:
        from slaclock._rules.deadline import _start_parts

        flat = a.ravel().tolist()
        n = len(flat)
        day = np.full(n, day_table(cal).ix.d0, dtype=np.int64)
        tod = np.zeros(n, dtype=np.int64)
        instants = np.zeros(n, dtype=np.int64)
        timed = np.zeros(n, dtype=bool)
        nat = np.zeros(n, dtype=bool)
        for i, v in enumerate(flat):
            if is_missing_element(v):
                nat[i] = True
                continue
            if utc:
                v = as_utc(v)
            try:
                o, instant = _start_parts(cal, v, what[:-1] if row is None else "value")
            except InvalidInputError as exc:
                raise InvalidInputError(f"{what}[{i}]: {exc}" if row is None else f"{row}{i}: {exc}") from None
            day[i] = o - EPOCH_ORDINAL
            if instant is not None:
                timed[i] = True
                tod[i] = (instant.hour * 3600 + instant.minute * 60 + instant.second) * 1_000_000 + instant.microsecond
                instants[i] = utc_us(instant)
        return cls(day, tod, instants, timed, nat if nat.any() else None, a.shape, utc)


@final
class Source:
    """The starts as given, read into :class:`Starts` whole or a block of rows at a time."""

    def __init__(self, cal: WorkCalendar, starts: Any, utc: bool, what: str = "starts") -> None:
        self.cal, self.utc, self.what = cal, utc, what
        self.array = as_column(starts, what)
        if self.array.size == 0 and self.array.dtype.kind not in "MOU":  # no starts: an empty list is float64
            self.array = self.array.astype("datetime64[D]")
        self.flat = self.array.reshape(-1)
        self.size = int(self.flat.size)
        self.shape: tuple[int, ...] = self.array.shape

    def whole(self, skip: Mask | None) -> Starts:
        return Starts.of(self.cal, blank(self.array, skip), self.utc, self.what).without(skip)

    def rows(self, lo: int, hi: int, skip: Mask | None) -> Starts:
        part = None if skip is None else skip[lo:hi]
        return Starts.of(self.cal, blank(self.flat[lo:hi], part), self.utc, self.what).without(part)


def blank(a: npt.NDArray[Any], skip: Mask | None) -> npt.NDArray[Any]:
    """``a`` with the rows in ``skip`` missing (a copy; ``a`` itself if none): rows left out are not read, so a
    wall time the clocks skip there, or text that is no date, raises nothing."""
    if skip is None or not skip.any():
        return a
    whole = a.copy() if a.dtype.kind == "M" else a.astype(object)
    whole[skip.reshape(a.shape)] = np.datetime64("NaT") if a.dtype.kind == "M" else None  # NaT without a unit fits any
    return whole


def calendar_zones(cal: WorkCalendar, us: I64) -> ZoneMap:
    """The zone map over the calendar's table, widened to cover the instants ``us`` (µs) if needed."""
    if not us.size:
        return zones_between(cal, None, None)
    return zones_between(cal, int(us.min()), int(us.max()))


def zones_between(cal: WorkCalendar, lo: int | None, hi: int | None) -> ZoneMap:
    """:func:`calendar_zones` for instants from ``lo`` to ``hi`` µs (None: none), the two given: the calendar's own
    map, kept beside its day table, when they are within its span (two days inside it)."""
    t = day_table(cal)
    ix = t.ix
    first, last = (ix.d0 - 1) * 86_400, (ix.d0 + ix.n + 1) * 86_400
    if lo is not None and hi is not None:
        low, high = lo // 1_000_000 - 2 * 86_400, hi // 1_000_000 + 2 * 86_400
        if low < first or high > last:
            return zone_map(cal.tz, min(first, low), max(last, high))
    key = ("zone map", cal.tz)
    own = t.memo.get(key)
    if own is None:
        own = t.memo[key] = zone_map(cal.tz, first, last)
    return cast("ZoneMap", own)


@final
class Outside(Exception):  # noqa: N818 (not an error: a peeling run's note of rows, caught by its driver)
    """The rows a peeling :class:`ColumnRun` found outside the table at one step: ``bad``, ``index`` the first,
    ``what`` its step and day, ``after`` whether past the table's end.

    A column stops at the first step where a row runs outside the table, so that error counts only that step's
    rows. To count every row as its own scalar call would, the column is run again (the rare path) with the
    rows found so far left out, until it runs through: see :func:`outside_error`.
    """

    def __init__(self, bad: Mask, index: int, what: str, after: bool) -> None:
        super().__init__(what)
        self.bad, self.index, self.what, self.after = bad, index, what, after


@final
class ColumnRun:
    """One column computation: the table reads, bounds-checked, with the highest index each row read."""

    def __init__(self, cal: WorkCalendar, conv: Convention, col: Starts, *, peel: bool = False) -> None:
        self.cal, self.conv, self.col = cal, conv, col
        self.peel = peel  # rows outside the table raise Outside (the rows), not the error: see Outside
        self.ix = day_table(cal).ix
        # only a table with projected days can give a provisional answer: otherwise reads need no record
        self.track = self.ix.official_last < self.ix.n - 1
        self.hi = np.full(col.day.size if self.track else 0, -1, dtype=np.int64)
        self.live: Mask | None = None if col.nat is None else ~col.nat
        self.zones = zones_between(cal, None, None)

    def widen(self, days: I64) -> ZoneMap:
        """The zone map, widened (once) if the live rows of ``days`` reach outside the table's span."""
        if days.size:
            live = days if self.live is None else days[self.live]
            if live.size:
                lo, hi = int(live.min()), int(live.max())
                if lo < self.ix.d0 - 1 or hi > self.ix.d0 + self.ix.n:
                    self.zones = calendar_zones(self.cal, np.array([lo, hi + 1], dtype=np.int64) * _US_DAY)
        return self.zones

    # -- table reads ------------------------------------------------------------------------

    def read(self, days: I64, rows: Mask | None, op: str) -> I64:
        """Table indices of ``days`` on ``rows`` (all if None), raising for rows outside the table.

        Rows not read (masked, or NaT) get index 0, so callers may gather with the result freely.
        """
        ix = self.ix
        i = days - ix.d0
        live = self._live(rows)
        if i.size == 0:
            return i
        if live is None:
            if int(i.min()) < 0 or int(i.max()) >= ix.n:
                self._outside(days, i, np.ones(i.size, dtype=bool), op)
        else:
            np.copyto(i, 0, where=~live)
            if int(i.min()) < 0 or int(i.max()) >= ix.n:
                self._outside(days, i, live, op)
        if self.track:
            np.maximum(self.hi, i if live is None else np.where(live, i, -1), out=self.hi)
        return i

    def _outside(self, days: I64, i: I64, live: Mask, op: str) -> None:
        bad = ((i < 0) | (i >= self.ix.n)) & live
        k = int(np.argmax(bad))
        self._fail(bad, k, f"{op}: {np.datetime64(int(days[k]), 'D')}", after=bool(i[k] >= self.ix.n))

    def _fail(self, bad: Mask, k: int, what: str, *, after: bool) -> NoReturn:
        """Raise for the rows in ``bad`` (``k`` the first, ``what`` its step and day): the horizon error, or
        :class:`Outside` in a peeling run."""
        if self.peel:
            raise Outside(bad, k, what, after)
        raise day_table(self.cal).horizon_error(
            what, after=after, count=int(bad.sum()), total=bad.size, index=k, shape=self.col.shape
        )

    def _live(self, rows: Mask | None) -> Mask | None:
        """The rows that count (``rows`` minus NaT), or None for all of them."""
        if rows is None:
            return self.live
        return rows if self.live is None else rows & self.live

    def _positions(self, k: I64, days: I64, live: Mask | None, op: str) -> I64:
        """``posday[k]`` (the k-th workday), raising for live rows whose k runs past the table."""
        ix = self.ix
        if k.size and int(k.max()) >= ix.npos:
            beyond = k >= ix.npos
            if live is not None:
                beyond &= live
            if beyond.any():
                j = int(np.argmax(beyond))
                self._fail(beyond, j, f"{op}: the workday after {np.datetime64(int(days[j]), 'D')}", after=True)
            k = np.minimum(k, ix.npos - 1)
        return ix.posday[k]

    def next_workday(self, days: I64, rows: Mask | None, op: str) -> I64:
        """The first workday after each of ``days`` (on ``rows``; other rows unchanged)."""
        i = self.read(days, rows, op)
        i += 1
        live = self._live(rows)
        nxt = self._positions(self.ix.rank64[i], days, live, op)
        out = nxt if live is None else np.where(live, nxt, days)
        self.read(out, rows, op)
        return out

    # -- the rules ------------------------------------------------------------------------

    def deemed(self) -> I64:
        """Day 0 after the convention's receipt rules (cut-off, then rest-day receipt)."""
        conv, col = self.conv, self.col
        day = col.day.copy()
        late = np.zeros(day.size, dtype=bool)
        if conv.cutoff is not None and col.tod is not None:
            c = conv.cutoff
            cutoff_us = (c.hour * 3600 + c.minute * 60 + c.second) * 1_000_000 + c.microsecond
            late = col.timed & (col.tod >= cutoff_us)
            if late.any():
                day = np.where(late, self.next_workday(day, late, "deadline"), day)
        if conv.rest_day_receipt == "next_workday":
            rows = ~late
            i = self.read(day, rows, "deadline")
            rest = rows & ~self.ix.work[i]
            if rest.any():
                day = np.where(rest, self.next_workday(day, rest, "deadline"), day)
        return day

    def days(self, unit: Unit, n: int | I64, p: Period | None = None) -> tuple[I64, I64]:
        """Day-based periods; ``p`` (for the message) checks a nominal last day past the years 1 to 9999 before a
        roll reads the calendar there, as the scalar call does (unrolled, :func:`check_years_of` counts them)."""
        conv, ix = self.conv, self.ix
        day0 = self.deemed()
        if unit is Unit.WORKDAY:
            i = self.read(day0, None, "deadline")
            i += 1
            k = ix.rank64[i]
            k += n - 1
            what = f"{n} workdays" if isinstance(n, int) else "its workdays"
            last = self._positions(k, day0, self.live, f"deadline: {what}")
            self.read(last, None, "deadline")
        else:
            if unit is Unit.DAY or unit is Unit.WEEK:
                last = day0 + n * (7 if unit is Unit.WEEK else 1)
            else:
                base = day0 + (conv.correspondence == "first_counted_day")
                last = shift_days(base, n if unit is Unit.MONTH else 12 * n)
            if conv.roll_last_day and p is not None and last.size and (last.max() > LAST_DAY or last.min() < FIRST_DAY):
                check_years_of(self.col, lambda: last * _US_DAY, last, p, notice=False)
            if conv.roll_last_day:
                last = self.roll(last)
        return self.end_of(last), last

    def notice(self, unit: Unit, n: int) -> tuple[I64, I64]:
        """The latest notice day before each end (``sc.notice_deadline``), and its end instant."""
        ix, conv, end = self.ix, self.conv, self.col.day
        if unit is Unit.WORKDAY:
            i = self.read(end, None, "notice_deadline")
            k = ix.rank64[i + 1] - n
            short = k < 0
            if self.live is not None:
                short &= self.live
            if short.any():
                j = int(np.argmax(short))
                what = f"notice_deadline: {n} workdays ending {np.datetime64(int(end[j]), 'D')}"
                self._fail(short, j, what, after=False)
            first = ix.posday[np.maximum(k, 0)]
            self.read(first, None, "notice_deadline")
            x = first - 1
        elif unit is Unit.DAY or unit is Unit.WEEK:
            x = end - n * (7 if unit is Unit.WEEK else 1)
        else:
            months = n if unit is Unit.MONTH else 12 * n
            shift = int(conv.correspondence == "first_counted_day")
            x = shift_days(end, -months)
            # clamping makes "+ n months" many-to-one near month ends: the latest X still ending by `end`
            late = shift_days(x + shift, months) > end
            while late.any():
                x = x - late
                late = shift_days(x + shift, months) > end
            more = shift_days(x + 1 + shift, months) <= end
            while more.any():
                x = x + more
                more = shift_days(x + 1 + shift, months) <= end
        if conv.roll_backward:
            x = self._back(x)
        return self.end_of(x), x

    def _back(self, x: I64) -> I64:
        """A rest day (for art. 203) moves back to the previous workday (not a makeup day, if those are rest)."""
        ix = self.ix
        i = self.read(x, None, "notice_deadline")
        rest = ~ix.work[i]
        if self.conv.makeup_days_are_rest:
            rest |= ix.kind[i] == _MAKEUP
        if self.live is not None:
            rest &= self.live
        while rest.any():
            i = self.read(x, rest, "notice_deadline")
            k = ix.rank64[i] - 1  # the last workday before x
            low = rest & (k < 0)
            if low.any():
                j = int(np.argmax(low))
                what = f"notice_deadline: the workday before {np.datetime64(int(x[j]), 'D')}"
                self._fail(low, j, what, after=False)
            x = np.where(rest, ix.posday[np.maximum(k, 0)], x)
            i = self.read(x, rest, "notice_deadline")
            rest &= self.conv.makeup_days_are_rest & (ix.kind[i] == _MAKEUP)
        return x

    def roll(self, last: I64) -> I64:
        """Art. 203 para 1 on every row."""
        ix = self.ix
        i = self.read(last, None, "deadline")
        if not self.conv.makeup_days_are_rest:
            # the first workday at or after each last day: a rest day moves, a workday stays
            rolled = self._positions(ix.rank64[i], last, self.live, "deadline")
            if self.track:
                self.read(rolled, None, "deadline")
            return rolled if self.live is None else np.where(self.live, rolled, last)
        rest = ~ix.work[i] | (ix.kind[i] == _MAKEUP)
        if self.live is not None:
            rest &= self.live
        # the next workday that is not a makeup day: step through workdays (a makeup day is
        # never followed by another one in the data; the loop ends after a step or two)
        out = last.copy()
        todo = rest
        while todo.any():
            out = np.where(todo, self.next_workday(out, todo, "deadline"), out)
            j = self.read(out, todo, "deadline")
            todo = todo & (ix.kind[j] == _MAKEUP)
        return out

    def end_of(self, last: I64, rows: Mask | None = None) -> I64:
        """Art. 203 para 2: the UTC instant each last day ends (24:00, or the close of business); the close's days
        are read on ``rows`` only (all if None): a row whose answer is not its last day's end reads no day for it,
        as its scalar answer reads none."""

        close = self.conv.close_of_business
        zones = self.widen(last)
        midnight = last + 1
        midnight *= _US_DAY
        if close is None:
            return zones.to_utc(midnight, gap="jump")[0]
        midnight = zones.to_utc(midnight, gap="jump")[0]
        if close == "hours":
            if self.cal.hours is None:
                from slaclock._rules.deadline import _no_hours_for_close

                raise _no_hours_for_close()
            table = hours_table(self.cal).columns().close
            # the close is read from the day's hours: a day outside the table raises, a projected one is marked
            at = table[self.read(last, rows, "close of business on the last day")]
            spill = at > midnight  # a night shift closes on the next day: that day is read, for the horizon
            if rows is not None:
                spill &= rows
            if spill.any():
                self.read(last + 1, spill, "close of business on the last day")
            return np.where(at == NAT_INT, midnight, at)
        tod = (close.hour * 3600 + close.minute * 60 + close.second) * 1_000_000 + close.microsecond
        at, _ = zones.to_utc(last * _US_DAY + tod, gap="flag")  # a close the clocks skip: moved on by the gap
        return at

    def clock(self, unit: Unit, n: int | I64, p: Period) -> tuple[I64, I64]:
        """Hours and minutes: elapsed time from the instant (art. 201 para 2), rolled only if the convention says."""
        col = self._timed(p)
        end = col + _CLOCK_US[unit] * n
        last = self.day_of_end(end)
        if self.conv.roll_clock_time and self.conv.roll_last_day:
            i = self.read(last, None, "deadline")
            rest = ~self.ix.work[i]
            if self.conv.makeup_days_are_rest:
                rest |= self.ix.kind[i] == _MAKEUP
            if self.live is not None:
                rest &= self.live
            if rest.any():
                rolled = self.roll(last)
                end = np.where(rest, self.end_of(rolled, rest), end)  # the other rows read no close
                last = np.where(rest, rolled, last)
        return end, last

    def work_time(self, unit: Unit, n: int | I64, p: Period) -> tuple[I64, I64]:
        from slaclock._hours import columns as _hourcols

        if self.cal.hours is None:
            raise InvalidInputError(
                f"{p} counts working time: give the calendar working hours, "
                "e.g. calendar=sc.calendar('CN').with_hours('09:00-12:00,13:30-18:00')"
            )
        start = self._timed(p)
        col = self.col
        self._within_column_instants(start)
        instants = np.where(col.nat, NAT_INT, start) if col.nat is not None else start
        amount: Any = p if isinstance(n, int) else (n * _WORK_US[unit]).view("timedelta64[us]")
        # no warning here: the rows are marked below and the call reports once (``_finish``)
        hix = hours_table(self.cal)
        added = _hourcols.add_many(hix, instants.view("datetime64[us]"), amount, True, warn=False, what="start")
        end = added.view(np.int64).copy()
        if col.nat is not None:
            end[col.nat] = start[col.nat]
        last = self.day_of_end(end)
        self.read(col.day, None, "deadline")
        if self.track:
            # the day of the interval the result lies in, as the scalar path reads it: a result exactly at
            # the first instant past the official days is the close of the last official day ("close"), or,
            # with at_close="next_open", an opening on the first projected day
            assert self.cal.hours is not None
            past = end >= hix.official_end if self.cal.hours.at_close == "next_open" else end > hix.official_end
            self.hi = np.maximum(self.hi, np.where(past, self.ix.official_last + 1, -1))
        return end, last

    def _within_column_instants(self, start: I64) -> None:
        """A live start outside the instants a column of working time holds (a day clear of the years' ends): on a
        day outside the calendar's, the horizon error the scalar call raises; else refused, named as given."""
        from slaclock._hours.columns import END_US, FIRST_US

        # NaT rows hold 0 (1970-01-01 UTC), inside the bounds: two reductions, no mask
        if not start.size or (int(start.min()) >= FIRST_US and int(start.max()) < END_US):
            return
        self.read(self.col.day, None, "deadline")
        bad = (start < FIRST_US) | (start >= END_US)
        if self.live is not None:
            bad &= self.live
        i = int(np.argmax(bad))
        raise InvalidInputError(
            f"starts[{i}] = {self.col.named(i)} is outside the instants a column of working time may hold "
            "(0001-01-02..9999-12-30 UTC, so that no zone moves them past the years 1 to 9999)"
        )

    def _timed(self, p: Period) -> I64:
        col = self.col
        untimed = ~col.timed
        if col.nat is not None:
            untimed &= ~col.nat
        if untimed.any():
            i = int(np.argmax(untimed))
            raise InvalidInputError(
                f"{p} runs from a moment (art. 201 para 2): starts[{i}] is a date; give instants (datetime64 "
                "with a time unit, or datetimes)"
            )
        return col.utc if col.utc is not None else np.zeros(col.day.size, dtype=np.int64)  # all NaT

    def day_of_end(self, end: I64) -> I64:
        """The last day of a period ending at ``end`` (UTC): a period ending at 00:00 ended the day before."""
        wall = calendar_zones(self.cal, end if self.live is None else end[self.live]).to_wall(end) if end.size else end
        day = np.floor_divide(wall, _US_DAY)
        day -= (wall - day * _US_DAY) == 0
        return day


def steps(run: ColumnRun, unit: Unit, n: int | I64, p: Period, notice: bool) -> tuple[I64, I64]:
    """The run's due instants (UTC) and last days for a period of ``n`` ``unit`` (a notice period's, if ``notice``)."""
    if notice:
        return run.notice(unit, cast(int, n))
    if unit is Unit.WORKDAY or unit.is_day_based:
        return run.days(unit, n, p)
    if unit.is_work_time:
        return run.work_time(unit, n, p)
    return run.clock(unit, n, p)


def outside_error(
    cal: WorkCalendar,
    conv: Convention,
    col: Starts,
    unit: Unit,
    n: int | I64,
    p: Period,
    notice: bool,
    first: CalendarHorizonError,
) -> CalendarHorizonError:
    """The error for a column with rows outside the calendar's days (``first``: the one its run raised), counting
    every such row and naming the first, with that row's own step and day, as its scalar call would.

    A run stops at the first step where some row runs outside; later steps may find others (a start inside whose
    deadline runs past the end, beside a start past it). So the column is run again with the rows found so far
    left out, until it runs through: a few runs at most, one per step that finds rows, on the rare path only.
    """
    failed = np.zeros(col.day.size, dtype=bool)
    found: list[Outside] = []
    while True:
        try:
            steps(ColumnRun(cal, conv, col.without(failed), peel=True), unit, n, p, notice)
        except Outside as o:
            new = o.bad.reshape(-1) & ~failed
            if not new.any():  # never so (a row left out is not read again); but never a loop either
                break
            failed |= new
            found.append(o)
            continue
        except SlaclockError:  # another step's error (working hours' table; a close of business with no rows
            pass  # left to read refuses a calendar without hours): those rows are not counted here
        break
    if not found:
        return first
    head = min(found, key=lambda f: f.index)
    return Counted(failed, head.index, head.what, head.after, day_table(cal)).error(col.shape)


def _starts_in_years(col: Starts, live: Mask | None, notice: bool) -> None:
    """Refuse a live start outside the years 1 to 9999 itself (the year 0 in microseconds, which no check of the unit
    refuses), as the scalar call refuses it, where a count that needs no calendar day from it would answer."""
    given = col.day if live is None else col.day[live]
    if not given.size or (int(given.min()) >= FIRST_DAY and int(given.max()) <= LAST_DAY):
        return
    outside = (col.day < FIRST_DAY) | (col.day > LAST_DAY)
    if live is not None:
        outside &= live
    i = int(np.argmax(outside))
    raise InvalidInputError(
        f"{'ends' if notice else 'starts'}[{position(i, col.shape)}] {brief(col.named(i))} has a date outside the "
        "years 1 to 9999"
    )


def check_years_of(col: Starts, walls: Callable[[], I64], last: I64, p: Period, notice: bool) -> None:
    """Raise where a live row's last day or due (``walls()``: wall µs) falls outside the years 1 to 9999, as the
    scalar call does ("runs past the year 9999"): a period the calendar's days never bound (clock time, no roll)
    can. A due is within two days of its last day (a night shift's close is on the next one). The start is named
    as given: in UTC if the column was, since its wall time may be past the year 9999 itself."""
    live = None if col.nat is None else ~col.nat
    if not col.given_utc:  # the starts' wall days, where given as wall times
        _starts_in_years(col, live, notice)
    days = last if live is None else last[live]
    if not days.size or (int(days.min()) > FIRST_DAY and int(days.max()) < LAST_DAY - 1):
        return  # the usual case: two reductions over the last days
    wall = walls()
    bad = (last < FIRST_DAY) | (last > LAST_DAY) | (wall < FIRST_DAY * _US_DAY) | (wall >= (LAST_DAY + 1) * _US_DAY)
    if live is not None:
        bad &= live
    if not bad.any():
        return
    i = int(np.argmax(bad))
    start = col.named(i)
    # the side of the start, else of the last day, else of the due: a due in microseconds may have wrapped round
    # int64 (a start in the year 294247, or 300000 years on)
    given_utc = col.given_utc and col.utc is not None and bool(col.timed.reshape(-1)[i])
    day = int(col.utc.reshape(-1)[i]) // _US_DAY if given_utc and col.utc is not None else int(col.day.reshape(-1)[i])
    final = int(last[i])
    if day < FIRST_DAY or day > LAST_DAY:
        before = day < FIRST_DAY
    elif final < FIRST_DAY or final > LAST_DAY:
        before = final < FIRST_DAY
    else:
        before = int(wall[i]) < FIRST_DAY * _US_DAY
    runs = "before the year 1" if before else "past the year 9999"
    what = f"{p} {'before' if notice else 'from'} {start} runs {runs}"
    if bad.size > 1:
        count = f"{int(bad.sum()):,} of {bad.size:,} deadlines run outside the years 1 to 9999"
        what = f"{count}; first at index {position(i, col.shape)}: {what}"
    raise InvalidInputError(what)
