"""Working-time arithmetic on one instant (columns: ``_hours.columns``; the calendar's methods: ``_hours.methods``).

Instants are UTC microseconds inside the calendar's :class:`~slaclock._hours.table.HoursIndex`; they are read
and written through :mod:`slaclock._base.instants`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt

from slaclock._base import instants as _read
from slaclock._base.show import brief
from slaclock._hours.table import HoursIndex
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from pendulum import DateTime

__all__ = ["LIMIT_US", "add", "clipped_us", "close_us", "day_end", "duration_us", "from_us", "to_us", "warn_projected"]

_US: Final = 1_000_000
_ONE_US: Final = dt.timedelta(microseconds=1)


def to_us(hix: HoursIndex, value: object, what: str, *, utc: bool = False) -> int:
    """An instant (aware, or naive wall time in the calendar's zone) as UTC microseconds, inside the table.

    With ``utc``, a naive ``datetime`` or a ``datetime64`` is read as UTC, as in a column.
    A missing value raises :class:`~slaclock._base.instants.MissingValueError`.
    """
    if utc:
        value = _read.as_utc(value)
    instant = _read.instant(hix.table.tzone(), value, what)
    if instant is None:
        raise InvalidInputError(f"{what} must be an instant (a datetime), not the date {brief(value)}")
    us = _read.utc_us(instant)
    if not hix.lo <= us < hix.hi:
        raise hix.table.horizon_error(f"{what} {instant.isoformat()}", after=us >= hix.hi, count=1, total=1, index=0)
    return us


def close_us(hix: HoursIndex, i: int) -> int | None:
    """The close of table day ``i`` (the end of its last interval) in UTC microseconds; None without hours.

    A night shift's close is on the next day, possibly past the table's end ``hix.hi`` (the caller decides).
    """
    k = bisect.bisect_right(hix.day_l, i) - 1
    if k < 0 or hix.day_l[k] != i:
        return None
    return hix.we_l[k]


def warn_projected(hix: HoursIndex, latest: int, op: str) -> None:
    """A ProvisionalWarning when instant ``latest`` is past the official data (projected calendars only)."""
    if hix.table.horizon == "projected" and latest >= hix.official_end:
        hix.table.warn_projected(from_us(hix, latest).date(), op)


def day_end(hix: HoursIndex, us: int) -> int:
    """A result instant as the horizon reads it: a close (an interval's end) belongs to the day it closes.

    So 24:00 of the last official day, the close of a schedule that works until midnight, is official.
    """
    j = bisect.bisect_left(hix.we_l, us)
    return us - 1 if j < hix.m and hix.we_l[j] == us else us


def from_us(hix: HoursIndex, us: int) -> DateTime:
    """UTC microseconds as an aware pendulum DateTime in the calendar's zone."""
    return _read.from_utc_us(hix.table.tzone(), us)


LIMIT_US: Final = 1 << 60
"""Durations are clipped to this many microseconds (36,000 years): beyond any table, and no int64 overflow."""
_US_PER_UNIT: Final = {"W": 604_800_000_000, "D": 86_400_000_000, "h": 3_600_000_000, "m": 60_000_000,
                       "s": 1_000_000, "ms": 1_000, "us": 1}  # fmt: skip


def clipped_us(a: npt.NDArray[np.timedelta64]) -> npt.NDArray[np.int64]:
    """``timedelta64`` values as microseconds clipped to :data:`LIMIT_US` (NaT kept), in a new array: clipped in their
    own unit first, where numpy's conversion would wrap (``[h]`` at int64's greatest was -1 hour; ``[ns]`` at its
    least, pandas' ``Timedelta.min``, +292 years)."""
    unit = np.datetime_data(a.dtype)[0]
    if unit in ("Y", "M"):
        raise InvalidInputError(
            f"a duration of timedelta64[{unit}] is no fixed length of time (numpy takes a month as 30.436875 days); "
            "give working hours or minutes"
        )
    v = a.reshape(-1).view(np.int64)
    nat = v == _read.NAT_INT
    if unit == "ns":
        d = np.floor_divide(v, 1_000)
    else:
        per = _US_PER_UNIT[unit]
        d = np.clip(v, -(LIMIT_US // per), LIMIT_US // per) * per
    np.clip(d, -LIMIT_US, LIMIT_US, out=d)
    d[nat] = _read.NAT_INT
    return d.reshape(a.shape)


def duration_us(value: object) -> int:
    """A working duration (timedelta, Period in hours/minutes or its text) in microseconds; may be negative."""
    from slaclock._periods.period import Period, Unit, period

    if isinstance(value, dt.timedelta):
        return value // _ONE_US
    if isinstance(value, np.timedelta64):
        if np.isnat(value):
            raise InvalidInputError("the duration is NaT; one instant takes one duration")
        return int(clipped_us(_read.as_array(value, "the duration"))[()])
    p = value if isinstance(value, Period) else period(value)  # type: ignore[arg-type]
    if p.unit in (Unit.HOUR, Unit.WORK_HOUR):
        return p.amount * 3600 * _US
    if p.unit in (Unit.MINUTE, Unit.WORK_MINUTE):
        return p.amount * 60 * _US
    raise InvalidInputError(f"working time is counted in hours or minutes; got {p}")


def add(hix: HoursIndex, t: object, duration: object, *, utc: bool = False) -> tuple[int, int, int]:
    """(start µs, result µs, interval index of the result) for ``t`` plus ``duration`` of working time."""
    d = duration_us(duration)
    start = to_us(hix, t, "start", utc=utc)
    if d == 0:
        return start, start, -1
    hit = hix.locate(hix.worked(start) + d, d > 0, hix.at_close)
    if hit is None or hit[0] >= hix.past_end:  # past the table, or in the last day's night shift past its end
        raise hix.table.horizon_error(
            f"add_working_time({from_us(hix, start).isoformat()}, {dt.timedelta(microseconds=d)})",
            after=d > 0,
            count=1,
            total=1,
            index=0,
        )
    return start, hit[0], hit[1]
