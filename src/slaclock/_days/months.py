"""Civil months added to dates (Civil Code art. 202: the corresponding day, else the month's last day).

One rule, two paths side by side: :func:`shift` for one ``date`` and :func:`shift_days` for a column of
epoch days. Both give python-dateutil's ``date + relativedelta(months=n)``; the property tests compare
them with it and with each other.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from typing import Final, cast, final

import numpy as np
import numpy.typing as npt

from slaclock.errors import InvalidInputError

__all__ = ["shift", "shift_days"]

I64 = npt.NDArray[np.int64]

_TABLE_YEARS: Final = ("1900-01", "2200-02")
"""The months the column path reads from tables; outside them it uses numpy's month arithmetic."""


def shift(base: dt.date, months: int) -> dt.date:
    """``base`` plus ``months`` civil months, clamped to the month's last day (01-31 + 1 month = 02-28).

    >>> import datetime as dt
    >>> shift(dt.date(2026, 1, 31), 1), shift(dt.date(2024, 2, 29), 12)
    (datetime.date(2026, 2, 28), datetime.date(2025, 2, 28))
    """
    y, m = divmod(base.month - 1 + months, 12)
    year = base.year + y
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise InvalidInputError(f"{base.isoformat()} shifted by {months} months is outside the years 1..9999")
    return dt.date(year, m + 1, min(base.day, calendar.monthrange(year, m + 1)[1]))


def shift_days(days: I64, months: int | I64) -> I64:
    """Epoch days plus ``months`` (one count, or one per row), clamped as :func:`shift` does.

    Days in 1900..2199 go through month tables (four gathers); others through numpy's
    ``datetime64[M]`` arithmetic, which gives the same answers more slowly.

    >>> import numpy as np
    >>> d = np.array(["2026-01-31", "2026-03-31"], dtype="datetime64[D]").view(np.int64)
    >>> shift_days(d, 1).view("datetime64[D]")
    array(['2026-02-28', '2026-04-30'], dtype='datetime64[D]')
    """
    if days.size == 0:
        return days.copy()
    t = _month_tables()
    lo, hi = int(days.min()), int(days.max())
    if t.first <= lo and hi < t.first + t.month_of.size:
        i = days - t.first
        target = t.month_of[i] + months
        if int(target.min()) >= 0 and int(target.max()) < t.month_first.size:
            dom = t.day_of[i]
            np.minimum(dom, t.month_len[target] - 1, out=dom)
            out: I64 = t.month_first[target] + dom
            return out
    d = days.view("datetime64[D]")
    month = d.astype("datetime64[M]")
    dom = days - month.astype("datetime64[D]").view(np.int64)
    shifted = month + np.asarray(months).astype("timedelta64[M]")
    first = shifted.astype("datetime64[D]").view(np.int64)
    length = (shifted + np.timedelta64(1, "M")).astype("datetime64[D]").view(np.int64) - first
    return cast("I64", first + np.minimum(dom, length - 1))


@final
@dataclass(frozen=True, slots=True)
class _MonthTables:
    first: int  # epoch day of 1900-01-01
    month_of: I64  # per day: months since 1900-01
    day_of: I64  # per day: day of month - 1
    month_first: I64  # per month: epoch day of its first day
    month_len: I64  # per month: its length in days


@functools.cache
def _month_tables() -> _MonthTables:
    months = np.arange(np.datetime64(_TABLE_YEARS[0]), np.datetime64(_TABLE_YEARS[1]))
    month_first = months.astype("datetime64[D]").view(np.int64)
    first = int(month_first[0])
    days = np.arange(first, int(month_first[-1]), dtype=np.int64)
    month_of = np.repeat(np.arange(months.size - 1, dtype=np.int64), np.diff(month_first))
    return _MonthTables(first, month_of, days - month_first[month_of], month_first[:-1].copy(), np.diff(month_first))
