"""The :func:`~slaclock.period` coercion: contract words, a ``Period`` or a ``timedelta``, as a ``Period``.

This module sits on top of the periods layer: it reads text with the parser
(:mod:`slaclock._periods.parse`, loaded on the first text read, not with
``import slaclock``) and caches the result. The value types live in
:mod:`slaclock._periods.value` and are re-exported here, so the layers above
import ``Period``, ``Unit``, ``MAX_AMOUNT``, ``period`` and ``parse_cached``
from this one module. Imports inside the package run one way:
``value`` and ``numerals`` ← ``parse`` ← ``period``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from slaclock._base.show import brief
from slaclock._periods.value import MAX_AMOUNT, Period, Unit
from slaclock.errors import InvalidInputError

__all__ = ["MAX_AMOUNT", "Period", "Unit", "period"]


def period(spec: str | Period | dt.timedelta) -> Period:
    """Read a contract's words as a :class:`Period`.

    Chinese (any usual numeral form: "两", "十五", "二十四", "一百二十"; units
    分钟, 小时, 工作小时, 工作分钟, 日/天/自然日, 工作日, 周/星期, 个月, 年), English ("24 hours",
    "48h", "3 business days", "thirty (30) days") and ISO 8601 ("PT24H", "P5D",
    "P1M"). Words around the period that only frame it ("收到投诉后…内",
    "within … of receipt", "提前…书面通知") are skipped. Results are cached.

    Parameters
    ----------
    spec : str, Period or datetime.timedelta
        A ``Period`` is returned as is; a ``timedelta`` becomes minutes or hours of
        elapsed time (never days: a calendar day is not always 24 hours).

    Returns
    -------
    Period

    Raises
    ------
    PeriodParseError
        Text that is not one positive period; the message quotes the text, marks
        the position and lists the accepted units.
    InvalidInputError
        A ``timedelta`` that is not a positive whole number of minutes, or another type.

    Examples
    --------
    >>> import slaclock as sc
    >>> sc.period("收到投诉后二十四小时内")
    Period(24, 'hour')
    >>> sc.period("3 business days"), sc.period("P1M"), sc.period("一个半小时")
    (Period(3, 'workday'), Period(1, 'month'), Period(90, 'minute'))
    """
    if type(spec) is str:
        return parse_cached(spec)
    if isinstance(spec, Period):
        return spec
    if isinstance(spec, str):
        return parse_cached(str(spec))
    if isinstance(spec, dt.timedelta):
        return _from_timedelta(spec)
    raise InvalidInputError(
        f"expected a period as text ('5个工作日', '24 hours', 'PT24H'), a Period or a timedelta; "
        f"got {type(spec).__name__} {brief(spec)}"
    )


@lru_cache(maxsize=4096)
def parse_cached(text: str) -> Period:
    # the parser loads on the first text read, not with ``import slaclock`` (the import-time target)
    from slaclock._periods.parse import parse_period

    return parse_period(text)


def _from_timedelta(delta: dt.timedelta) -> Period:
    minutes, rest = divmod(delta, dt.timedelta(minutes=1))
    if rest or minutes <= 0:
        raise InvalidInputError(f"a timedelta period must be a positive whole number of minutes; got {delta!r}")
    if minutes % 60 == 0:
        return Period(minutes // 60, Unit.HOUR)
    return Period(minutes, Unit.MINUTE)
