"""Working hours: daily schedules on top of a calendar, and working-time arithmetic.

Maintainer's notes
------------------
A calendar with hours compiles, on first use, one table of working intervals as
UTC microseconds: ``ws[j]`` / ``we[j]`` (start and end of interval ``j``, sorted,
disjoint) and ``cum[j]``, the working microseconds before interval ``j``. Then

- worked(t) = ``cum[j] + min(t - ws[j], we[j] - ws[j])`` with ``j`` the last interval
  starting at or before ``t`` (0 before the first);
- ``add(t, d)`` finds the interval holding ``worked(t) + d``: going forward the one
  whose *end* reaches it first (so a result exactly at a close stays at the close),
  going backward the one whose *start* is at or before it;
- ``between(a, b) = worked(b) - worked(a)``.

Schedule boundaries (wall times) become UTC through the zone's :class:`ZoneMap`:
an ambiguous one is its first occurrence (``fold=0``); one the clocks skip is the
instant they jump, so intervals stay sorted and disjoint; an interval emptied by a
gap is dropped.

Single instants use the tables as Python lists with ``bisect``; columns use
:class:`Columns`, which replaces each binary search by a bucket lookup and a step
or two (see :class:`_Counter`), all in numpy.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, final

import numpy as np
import numpy.typing as npt

from slaclock._base import instants as _read
from slaclock._base.instants import EPOCH_ORDINAL, NAT_INT
from slaclock._base.zonemap import zone_map
from slaclock._days.kinds import DayKind
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from pendulum import DateTime

    from slaclock._calendar import WorkCalendar

__all__ = ["AtClose", "HoursIndex", "Schedule", "WorkingHours", "working_hours"]

Schedule: TypeAlias = tuple[tuple[int, int], ...]
"""Working intervals of one day as (start, end) seconds after midnight; end may be 86400 (24:00)."""

AtClose: TypeAlias = Literal["close", "next_open"]
"""Where adding working time that ends exactly at a close lands: at the close, or at the next opening."""

_US: Final = 1_000_000
_DAY: Final = 86_400
_TIME: Final = re.compile(r"(\d{1,2}):(\d{2})")


@final
@dataclass(frozen=True, slots=True)
class WorkingHours:
    """Daily working intervals for a calendar's workdays, with breaks; build with :func:`working_hours`.

    Attributes
    ----------
    weekly : 7 schedules, Monday..Sunday
        Used on the calendar's workdays of that weekday.
    makeup : schedule
        Used on makeup workdays (调休上班) and extra workdays.
    dates : (date, schedule) pairs
        Date-specific schedules (a short day before a holiday); they win.
    at_close : {"close", "next_open"}
        Adding working time that ends exactly at a close returns the close
        (default: 17:00 + 1 h = 18:00), or the next opening (pandas' reading).
    """

    weekly: tuple[Schedule, ...]
    makeup: Schedule
    dates: tuple[tuple[dt.date, Schedule], ...] = ()
    at_close: AtClose = "close"

    def __post_init__(self) -> None:
        if len(self.weekly) != 7:
            raise InvalidInputError(f"weekly needs 7 schedules (Monday..Sunday); got {len(self.weekly)}")
        for schedule in (*self.weekly, self.makeup, *(s for _, s in self.dates)):
            _check(schedule)
        if self.at_close not in ("close", "next_open"):
            raise InvalidInputError(f"at_close must be 'close' or 'next_open'; got {self.at_close!r}")

    def __copy__(self) -> WorkingHours:
        return self

    def __deepcopy__(self, memo: object) -> WorkingHours:
        return self

    def __str__(self) -> str:
        return _text(self.weekly[0])

    def describe(self) -> str:
        """The schedules in one line: weekdays, any different weekend days, makeup days, dates, at_close."""
        names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        parts = [_text(self.weekly[0]) or "none"]
        parts += [f"{names[k]} {_text(s) or 'none'}" for k, s in enumerate(self.weekly) if s != self.weekly[0]]
        if self.makeup != self.weekly[0]:
            parts.append(f"makeup days {_text(self.makeup) or 'none'}")
        parts += [f"{d.isoformat()} {_text(s) or 'none'}" for d, s in self.dates]
        if self.at_close != "close":
            parts.append("a result at a close moves to the next opening")
        return "; ".join(parts)


def working_hours(
    weekdays: str = "09:00-18:00",
    *,
    saturday: str | None = None,
    sunday: str | None = None,
    makeup: str | None = None,
    dates: Mapping[Any, str] | None = None,
    at_close: AtClose = "close",
) -> WorkingHours:
    """Working hours from text such as ``"09:00-12:00,13:30-18:00"``.

    Parameters
    ----------
    weekdays : str
        The schedule of every workday unless a later argument says otherwise.
    saturday, sunday : str, optional
        Schedules for Saturday/Sunday when the calendar has them as ordinary workdays
        (a custom weekmask); ``""`` means no hours.
    makeup : str, optional
        The schedule of makeup workdays (调休上班); default ``weekdays``.
    dates : mapping of date-like to str, optional
        Date-specific schedules, e.g. ``{"2026-09-30": "09:00-15:00"}``.
    at_close : {"close", "next_open"}

    Raises
    ------
    InvalidInputError
        Unreadable text, an interval ending before it starts (overnight shifts are
        not supported: split them at 24:00), or overlapping intervals.

    Examples
    --------
    >>> import slaclock as sc
    >>> h = sc.working_hours("09:00-12:00,13:30-18:00", saturday="09:00-12:00")
    >>> h.weekly[0], h.weekly[5]
    (((32400, 43200), (48600, 64800)), ((32400, 43200),))
    """
    base = parse_schedule(weekdays)
    weekly = [base] * 5 + [
        base if saturday is None else parse_schedule(saturday),
        base if sunday is None else parse_schedule(sunday),
    ]
    specific: list[tuple[dt.date, Schedule]] = []
    for day, text in (dates or {}).items():
        specific.append((_date(day), parse_schedule(text)))
    specific.sort()
    return WorkingHours(tuple(weekly), base if makeup is None else parse_schedule(makeup), tuple(specific), at_close)


def parse_schedule(text: str) -> Schedule:
    """``"09:00-12:00,13:30-18:00"`` as seconds after midnight; ``""`` is a day without hours."""
    if not isinstance(text, str):
        raise InvalidInputError(f"a schedule is text like '09:00-12:00,13:30-18:00'; got {type(text).__name__}")
    out: list[tuple[int, int]] = []
    for part in (p.strip() for p in text.replace("，", ",").split(",")):
        if not part:
            continue
        ends = [e.strip() for e in re.split(r"\s*(?:-|–|~|至|到)\s*", part)]
        if len(ends) != 2:
            raise InvalidInputError(f"cannot read {part!r} in {text!r} as an interval 'HH:MM-HH:MM'")
        start, end = (_seconds(e, text) for e in ends)
        if end <= start:
            raise InvalidInputError(
                f"{part!r} in {text!r} ends before it starts: overnight shifts are not supported; "
                "split them at 24:00 (e.g. '22:00-24:00' and '00:00-06:00' on the next day)"
            )
        out.append((start, end))
    schedule = tuple(sorted(out))
    _check(schedule)
    return schedule


def _seconds(hhmm: str, text: str) -> int:
    m = _TIME.fullmatch(hhmm)
    if m is None:
        raise InvalidInputError(f"cannot read {hhmm!r} in {text!r} as a time HH:MM")
    h, mi = int(m.group(1)), int(m.group(2))
    if mi > 59 or h > 24 or (h == 24 and mi):
        raise InvalidInputError(f"{hhmm!r} in {text!r} is not a time of day (00:00..24:00)")
    return h * 3600 + mi * 60


def _check(schedule: Schedule) -> None:
    last = -1
    for start, end in schedule:
        if not (0 <= start < end <= _DAY):
            raise InvalidInputError(f"interval {_text(((start, end),))} is not inside one day")
        if start < last:
            raise InvalidInputError(f"working intervals overlap: {_text(schedule)}")
        last = end


def _text(schedule: Schedule) -> str:
    def hm(s: int) -> str:
        return f"{s // 3600:02d}:{s % 3600 // 60:02d}"

    return ",".join(f"{hm(a)}-{hm(b)}" for a, b in schedule)


def _date(value: object) -> dt.date:
    day = _read.as_date(value)
    if day is not None:
        return day
    raise InvalidInputError(f"expected a date for a date-specific schedule; got {value!r}")


# -- the compiled table ---------------------------------------------------------------------


@final
class HoursIndex:
    """The working intervals of one calendar with hours, as UTC microseconds; immutable.

    The arrays (``ws``, ``we``, ``cum``, ``day``) serve whole columns; the same
    values as lists (``*_l``) serve single instants, where ``bisect`` on a list
    beats any numpy call.
    """

    __slots__ = (
        "cum",
        "cum_l",
        "cumend_l",
        "day",
        "day_l",
        "days",
        "hi",
        "lo",
        "m",
        "official_end",
        "vec",
        "we",
        "we_l",
        "ws",
        "ws_l",
        "zones",
    )

    def __init__(self, cal: WorkCalendar, hours: WorkingHours) -> None:
        ix = cal._ix
        d0 = ix.o0 - EPOCH_ORDINAL  # epoch day of the table's first day
        self.zones = zone_map(cal.tz, (d0 - 1) * _DAY, (d0 + ix.n + 1) * _DAY)
        kinds = ix.kind
        work = np.flatnonzero(ix.work)
        for d, _ in hours.dates:
            i = d.toordinal() - ix.o0
            if 0 <= i < ix.n and not ix.work_l[i]:
                raise InvalidInputError(
                    f"a schedule is given for {d}, which is not a workday in the {cal.region} calendar; "
                    "open it with extra_workdays first"
                )
        # which schedule each workday keeps: 0..6 its weekday, 7 makeup, 8 + k the k-th dated one
        sid = (work + ix.o0 - 1) % 7
        makeup_kinds = np.array([DayKind.MAKEUP_WORKDAY.code, DayKind.EXTRA_WORKDAY.code], dtype=kinds.dtype)
        sid[np.isin(kinds[work], makeup_kinds)] = 7
        for k, (d, _) in enumerate(hours.dates):
            sid[work == d.toordinal() - ix.o0] = 8 + k
        schedules = (*hours.weekly, hours.makeup, *(s for _, s in hours.dates))
        days, starts, ends = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], [np.zeros(0, np.int64)]
        for k, schedule in enumerate(schedules):
            on = work[sid == k]
            for a, b in schedule:
                days.append(on)
                starts.append(np.full(on.size, a, dtype=np.int64))
                ends.append(np.full(on.size, b, dtype=np.int64))
        day, opens, closes = np.concatenate(days), np.concatenate(starts), np.concatenate(ends)
        order = np.lexsort((opens, day))
        day, opens, closes = day[order], opens[order], closes[order]
        midnight = (day + d0) * (_DAY * _US)
        # a boundary the clocks skip is the instant they jump, so intervals stay in order and disjoint
        ws, _ = self.zones.to_utc(midnight + opens * _US, gap="jump")
        we, _ = self.zones.to_utc(midnight + closes * _US, gap="jump")
        keep = we > ws
        self.ws, self.we, self.day = _frozen(ws[keep]), _frozen(we[keep]), _frozen(day[keep])
        self.m = int(self.ws.size)
        self.days = ix.n
        cum = np.zeros(self.m + 1, dtype=np.int64)
        np.cumsum(self.we - self.ws, out=cum[1:])
        self.cum = _frozen(cum)
        bounds, _ = self.zones.to_utc(
            np.array([d0, d0 + ix.n, d0 + ix.official_last + 1], dtype=np.int64) * (_DAY * _US), gap="jump"
        )
        self.lo, self.hi, self.official_end = (int(v) for v in bounds)  # first instant, one past, official end
        self.ws_l: list[int] = self.ws.tolist()
        self.we_l: list[int] = self.we.tolist()
        self.day_l: list[int] = self.day.tolist()
        self.cum_l: list[int] = cum.tolist()
        self.cumend_l = self.cum_l[1:]
        self.vec: Columns | None = None

    def worked(self, t: int) -> int:
        """Working microseconds in the table before instant ``t``."""
        j = bisect.bisect_right(self.ws_l, t) - 1
        if j < 0:
            return 0
        return self.cum_l[j] + min(t - self.ws_l[j], self.we_l[j] - self.ws_l[j])

    def locate(self, target: int, forward: bool, at_close: AtClose) -> tuple[int, int] | None:
        """The instant where ``target`` working microseconds are reached, and its interval; None past the table."""
        if forward:
            k = bisect.bisect_left(self.cumend_l, target)
            if k < self.m and at_close == "next_open" and self.cumend_l[k] == target:
                k += 1
                if k >= self.m:
                    return None
                return self.ws_l[k], k
            if k >= self.m:
                return None
            return self.we_l[k] - (self.cumend_l[k] - target), k
        k = bisect.bisect_right(self.cum_l, target, 0, self.m) - 1
        if k < 0 or target < 0:
            return None
        return self.ws_l[k] + (target - self.cum_l[k]), k

    def windows(self, a: int, b: int) -> list[tuple[int, int]]:
        """The parts of working intervals inside ``[a, b]``."""
        j = max(bisect.bisect_right(self.ws_l, a) - 1, 0)
        out = []
        while j < self.m and self.ws_l[j] < b:
            lo, hi = max(self.ws_l[j], a), min(self.we_l[j], b)
            if hi > lo:
                out.append((lo, hi))
            j += 1
        return out

    def columns(self) -> Columns:
        """The lookup tables for whole columns, built on first use."""
        if self.vec is None:
            self.vec = Columns(self)
        return self.vec


def _frozen(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    a.flags.writeable = False
    return a


@final
class _Counter:
    """``count(values <= x)`` (or ``< x``) for a column of ``x`` in ``[lo, hi]``: a bucket table, then a few steps.

    Bucket ``b`` covers ``[lo + b << shift, lo + (b + 1) << shift)`` and stores the
    count at its start; at most ``steps`` values fall inside any bucket, so that many
    compare-and-add passes finish the count. The shift is chosen for the fewest steps
    with a table no longer than a few entries per value.
    """

    __slots__ = ("lo", "padded", "right", "shift", "steps", "table")

    def __init__(self, values: npt.NDArray[np.int64], lo: int, hi: int, *, right: bool) -> None:
        side: Literal["left", "right"] = "right" if right else "left"
        self.lo, self.right = lo, right
        self.padded = np.append(values, np.iinfo(np.int64).max)
        span = max(hi - lo, 1)
        cap = max(8 * values.size, 1 << 12)
        best: tuple[int, int, npt.NDArray[np.intp]] | None = None
        for shift in range(max(span.bit_length() - 1, 0), -1, -1):
            if (span >> shift) + 2 > cap:
                break
            edges = lo + (np.arange((span >> shift) + 2, dtype=np.int64) << shift)
            table = np.searchsorted(values, edges, side).astype(np.intp)
            steps = int(np.diff(table).max(initial=0))
            if best is None or steps < best[1]:
                best = (shift, steps, table)
            if steps <= 1:
                break
        assert best is not None
        self.shift, self.steps, self.table = best

    def __call__(self, x: npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
        b = x - self.lo
        b >>= self.shift
        c = self.table[b]
        for _ in range(self.steps):
            c += (self.padded[c] <= x) if self.right else (self.padded[c] < x)
        return c


@final
class Columns:
    """Gather tables for the column operations; index ``c = count(ws <= t)`` (0 before the first interval).

    - worked(t) = ``min(t + base[c], cumend[c])`` with ``base = cum - ws`` and a
      sentinel at 0 (``base = -lo``, ``cumend = 0``);
    - forward to ``target``: ``k = count(cumend < target)``, result ``target + (we - cumend)[k]``;
    - backward: ``k = count(cum <= target) - 1``, result ``target + (ws - cum)[k]``.
    """

    __slots__ = ("back", "base", "begins", "close", "cumend", "ends", "fwd", "starts", "wep", "wsp")

    def __init__(self, hix: HoursIndex) -> None:
        ws, we, cum = hix.ws, hix.we, hix.cum
        total = int(cum[-1])
        self.base = np.concatenate(([-hix.lo], cum[:-1] - ws))
        self.cumend = np.concatenate(([0], cum[1:]))
        self.wsp = np.append(ws, np.iinfo(np.int64).max)  # ws[c]: the next opening after t
        self.wep = np.concatenate(([hix.lo], we))  # wep[c]: the close of the interval holding t
        self.fwd = np.append(we - cum[1:], 0)
        self.back = np.append(ws - cum[:-1], 0)
        self.starts = _Counter(ws, hix.lo, hix.hi, right=True)
        self.ends = _Counter(cum[1:], 0, total, right=False)
        self.begins = _Counter(cum[:-1], 0, total, right=True)
        # each day's close: the end of its last interval (NaT on a day without hours)
        last = np.flatnonzero(np.diff(hix.day, append=-1) != 0)
        self.close = np.full(hix.days, NAT_INT, dtype=np.int64)
        self.close[hix.day[last]] = we[last]

    def worked(self, t: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Working microseconds before each instant of ``t`` (all inside the table)."""
        c = self.starts(t)
        w = self.base[c]
        w += t
        np.minimum(w, self.cumend[c], out=w)
        return w


_ONE_US: Final = dt.timedelta(microseconds=1)


# -- operations (the WorkCalendar methods delegate here) -------------------------------------


def index_of(cal: WorkCalendar) -> HoursIndex:
    """The calendar's compiled working intervals, built on first use."""
    hix: HoursIndex | None = cal._hours_ix
    if hix is None:
        if cal.hours is None:
            raise InvalidInputError(
                f"the {cal.region} calendar has no working hours; add them with "
                "cal.with_hours('09:00-12:00,13:30-18:00')"
            )
        hix = HoursIndex(cal, cal.hours)
        object.__setattr__(cal, "_hours_ix", hix)
    return hix


def to_us(cal: WorkCalendar, value: object, what: str, *, utc: bool = False) -> int:
    """An instant (aware, or naive wall time in the calendar's zone) as UTC microseconds, inside the table.

    With ``utc``, a naive ``datetime`` or a ``datetime64`` is read as UTC, as in a column.
    A missing value raises :class:`~slaclock._base.instants.MissingValueError`.
    """
    if utc:
        value = _read.as_utc(value)
    instant = _read.instant(cal._tzone or cal._build_tzone(), value, what)
    if instant is None:
        raise InvalidInputError(f"{what} must be an instant (a datetime), not the date {value!r}")
    us = _read.utc_us(instant)
    hix = index_of(cal)
    if not hix.lo <= us < hix.hi:
        raise cal._horizon_error(f"{what} {instant.isoformat()}", after=us >= hix.hi, count=1, total=1, index=0)
    return us


def close_us(hix: HoursIndex, i: int) -> int | None:
    """The close of table day ``i`` (the end of its last interval) in UTC microseconds; None without hours."""
    k = bisect.bisect_right(hix.day_l, i) - 1
    if k < 0 or hix.day_l[k] != i:
        return None
    return hix.we_l[k]


def warn_projected(cal: WorkCalendar, hix: HoursIndex, latest: int, op: str) -> None:
    """A ProvisionalWarning when instant ``latest`` is past the official data (projected calendars only)."""
    if cal.horizon == "projected" and latest >= hix.official_end:
        cal._warn_projected(from_us(cal, latest).date(), op)


def from_us(cal: WorkCalendar, us: int) -> DateTime:
    """UTC microseconds as an aware pendulum DateTime in the calendar's zone."""
    return _read.from_utc_us(cal._tzone or cal._build_tzone(), us)


def duration_us(value: object) -> int:
    """A working duration (timedelta, Period in hours/minutes or its text) in microseconds; may be negative."""
    from slaclock._periods.period import Period, Unit, period

    if isinstance(value, dt.timedelta):
        return value // _ONE_US
    if isinstance(value, np.timedelta64):
        if np.isnat(value):
            raise InvalidInputError("the duration is NaT; one instant takes one duration")
        return int(value.astype("timedelta64[us]").astype(np.int64))
    p = value if isinstance(value, Period) else period(value)  # type: ignore[arg-type]
    if p.unit in (Unit.HOUR, Unit.WORK_HOUR):
        return p.amount * 3600 * _US
    if p.unit in (Unit.MINUTE, Unit.WORK_MINUTE):
        return p.amount * 60 * _US
    raise InvalidInputError(f"working time is counted in hours or minutes; got {p}")


def add(cal: WorkCalendar, t: object, duration: object, *, utc: bool = False) -> tuple[int, int, int]:
    """(start µs, result µs, interval index of the result) for ``t`` plus ``duration`` of working time."""
    hix = index_of(cal)
    d = duration_us(duration)
    start = to_us(cal, t, "start", utc=utc)
    if d == 0:
        return start, start, -1
    at_close: AtClose = cal.hours.at_close if cal.hours is not None else "close"
    hit = hix.locate(hix.worked(start) + d, d > 0, at_close)
    if hit is None:
        raise cal._horizon_error(
            f"add_working_time({from_us(cal, start).isoformat()}, {dt.timedelta(microseconds=d)})",
            after=d > 0,
            count=1,
            total=1,
            index=0,
        )
    return start, hit[0], hit[1]
