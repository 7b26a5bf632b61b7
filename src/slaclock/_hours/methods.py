"""The working-hours methods of ``WorkCalendar``: one instant to :mod:`.arithmetic`, a column to :mod:`.columns`.

Each takes the calendar's :class:`~slaclock._hours.table.HoursIndex` (the calendar builds it on first use and
refuses when it has no hours). pandas, polars and pyarrow columns go through :mod:`slaclock._base.dataframes`
and come back in their own kind. A missing instant gives a missing answer (``docs/guide.md``, "Missing values").
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import numpy.typing as npt

from slaclock._base import dataframes as _frames
from slaclock._base import instants as _read
from slaclock._base.instants import MissingValueError, is_missing
from slaclock._base.show import brief
from slaclock._base.types import InstantArray
from slaclock._hours import arithmetic as _one
from slaclock._hours import columns as _many
from slaclock._hours.table import HoursIndex
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from pendulum import DateTime

__all__ = ["add_working_time", "close_of", "is_open", "next_open", "working_time_between"]


def is_open(hix: HoursIndex, t: object, utc: bool = False) -> bool | npt.NDArray[np.bool_]:
    if not _many.is_instant(t):
        if _frames.foreign(t):
            return cast(
                "npt.NDArray[np.bool_]", _frames.apply(functools.partial(is_open, hix), (t,), "t", hix.table, utc=utc)
            )
        if is_missing(t):
            return False
        return _many.is_open_many(hix, t, utc)
    try:
        us = _one.to_us(hix, t, "t", utc=utc)
    except MissingValueError:
        return False
    _one.warn_projected(hix, us, "is_open")
    j = bisect.bisect_right(hix.ws_l, us) - 1
    return j >= 0 and us < hix.we_l[j]


def next_open(hix: HoursIndex, t: object, utc: bool = False) -> DateTime | InstantArray | None:
    if not _many.is_instant(t):
        if _frames.foreign(t):
            return cast(InstantArray, _frames.apply(functools.partial(next_open, hix), (t,), "t", hix.table, utc=utc))
        if is_missing(t):
            return None
        return _many.next_open_many(hix, t, utc)
    try:
        us = _one.to_us(hix, t, "t", utc=utc)
    except MissingValueError:
        return None
    j = bisect.bisect_right(hix.ws_l, us) - 1
    if not (j >= 0 and us < hix.we_l[j]):
        if j + 1 >= hix.m:
            raise hix.table.horizon_error(f"next_open({t})", after=True, count=1, total=1, index=0)
        us = hix.ws_l[j + 1]
    _one.warn_projected(hix, us, "next_open")
    return _one.from_us(hix, us)


def close_of(hix: HoursIndex, day: object, utc: bool = False) -> DateTime | InstantArray | None:
    if not _is_one(day):
        if _frames.foreign(day):
            return cast(InstantArray, _frames.apply(functools.partial(close_of, hix), (day,), "d", hix.table, utc=utc))
        return _many.close_many(hix, day, utc)
    if is_missing(day):
        return None
    table = hix.table
    us = _one.close_us(hix, table.index_of(_read.ordinal(table.zone, day, "day"), "close_of"))
    if us is None:
        return None
    if us > hix.hi:  # the last day's night shift closes past the calendar's days
        raise table.horizon_error(
            f"close_of({brief(day)}): the night shift's close {_one.from_us(hix, us).isoformat()}",
            after=True,
            count=1,
            total=1,
            index=0,
        )
    _one.warn_projected(hix, _one.day_end(hix, us), "close_of")
    return _one.from_us(hix, us)


def add_working_time(hix: HoursIndex, t: object, duration: Any, utc: bool = False) -> DateTime | InstantArray | None:
    if not _many.is_instant(t):
        if _frames.foreign(t) or _frames.foreign(duration):
            fn = functools.partial(add_working_time, hix)
            return cast(InstantArray, _frames.apply(fn, (t, duration), "tv", hix.table, utc=utc))
        if not is_missing(t):
            return _many.add_many(hix, t, duration, utc)
    if not isinstance(duration, (dt.timedelta, str)) and not _is_plain_duration(duration):
        raise InvalidInputError(
            "one instant takes one duration (timedelta, Period or text); pass a column of instants "
            f"to add a column of durations; got {type(duration).__name__}"
        )
    try:
        start, result, _k = _one.add(hix, t, duration, utc=utc)
    except MissingValueError:
        if is_missing(t):
            return None
        raise
    _one.warn_projected(hix, max(start, _one.day_end(hix, result)), "add_working_time")
    return _one.from_us(hix, result)


def working_time_between(
    hix: HoursIndex, a: object, b: object, utc: bool = False
) -> dt.timedelta | npt.NDArray[np.timedelta64] | None:
    if not (_many.is_instant(a) and _many.is_instant(b)):
        if _frames.foreign(a) or _frames.foreign(b):
            fn = functools.partial(working_time_between, hix)
            return cast("npt.NDArray[np.timedelta64]", _frames.apply(fn, (a, b), "tt", hix.table, utc=utc))
        if not (_is_one(a) and _is_one(b) and (is_missing(a) or is_missing(b))):
            return _many.between_many(hix, a, b, utc)
    if is_missing(a) or is_missing(b):  # the other is not read, as a column's row missing either is NaT
        return None
    try:
        ua, ub = _one.to_us(hix, a, "a", utc=utc), _one.to_us(hix, b, "b", utc=utc)
    except MissingValueError:
        return None
    _one.warn_projected(hix, max(ua, ub), "working_time_between")
    return dt.timedelta(microseconds=hix.worked(ub) - hix.worked(ua))


def _is_one(x: object) -> bool:
    """Whether ``x`` is one date or instant (a scalar, a ``datetime64`` or a missing value), not a column."""
    return isinstance(x, (dt.date, str, np.datetime64)) or is_missing(x)


def _is_plain_duration(d: object) -> bool:
    from slaclock._periods.period import Period

    return isinstance(d, (Period, np.timedelta64))
