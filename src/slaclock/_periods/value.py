"""Periods: an amount of one unit ("5个工作日", "24 hours", "P1M"), as a frozen value.

This module owns the value types, :class:`Period` and :class:`Unit`, and nothing
that reads text: the parser (:mod:`slaclock._periods.parse`) builds on them, and
:func:`~slaclock.period` (:mod:`slaclock._periods.period`) sits on both.

A :class:`Period` knows nothing about counting: how a period is laid on a calendar
(start day excluded, last day rolled, month ends clamped) is the business of
:class:`~slaclock.Convention` and :func:`~slaclock.deadline`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Final, final

from slaclock._base.show import brief
from slaclock.errors import InvalidInputError

__all__ = ["MAX_AMOUNT", "Period", "Unit"]


class Unit(enum.StrEnum):
    """The units a :class:`Period` counts in; a closed list.

    Examples
    --------
    >>> from slaclock import Unit
    >>> Unit.WORKDAY.zh, Unit.WORKDAY.is_day_based, Unit.HOUR.is_clock_time
    ('个工作日', True, True)
    """

    MINUTE = "minute"
    """Elapsed minutes, through nights and holidays."""
    HOUR = "hour"
    """Elapsed hours (Civil Code art. 201 para 2: counted from the moment named)."""
    WORK_MINUTE = "work_minute"
    """Minutes inside working hours only."""
    WORK_HOUR = "work_hour"
    """Hours inside working hours only ("工作小时")."""
    DAY = "day"
    """Calendar days (日/天/自然日): every day counts, only the last day can move."""
    WORKDAY = "workday"
    """Workdays (工作日): only official workdays count, including makeup workdays (调休上班)."""
    WEEK = "week"
    """Seven calendar days."""
    MONTH = "month"
    """Calendar months, ending on the corresponding day (art. 202)."""
    YEAR = "year"
    """Calendar years, ending on the corresponding day (art. 202)."""

    @property
    def zh(self) -> str:
        """The unit in Chinese, as written after a number ("个工作日", "小时")."""
        return _ZH[self]

    @property
    def is_day_based(self) -> bool:
        """Whether the period counts whole days (day, workday, week, month, year): art. 201 para 1 applies."""
        return self in _DAY_BASED

    @property
    def is_clock_time(self) -> bool:
        """Whether the period is elapsed time (minutes, hours) or working time (work minutes, work hours)."""
        return self not in _DAY_BASED

    @property
    def is_work_time(self) -> bool:
        """Whether the period counts only time inside working hours (work minutes, work hours)."""
        return self in (Unit.WORK_MINUTE, Unit.WORK_HOUR)


_ZH: Final = {
    Unit.MINUTE: "分钟",
    Unit.HOUR: "小时",
    Unit.WORK_MINUTE: "工作分钟",
    Unit.WORK_HOUR: "个工作小时",
    Unit.DAY: "日",
    Unit.WORKDAY: "个工作日",
    Unit.WEEK: "周",
    Unit.MONTH: "个月",
    Unit.YEAR: "年",
}
_EN: Final = {
    Unit.MINUTE: ("minute", "minutes"),
    Unit.HOUR: ("hour", "hours"),
    Unit.WORK_MINUTE: ("work minute", "work minutes"),
    Unit.WORK_HOUR: ("work hour", "work hours"),
    Unit.DAY: ("day", "days"),
    Unit.WORKDAY: ("workday", "workdays"),
    Unit.WEEK: ("week", "weeks"),
    Unit.MONTH: ("month", "months"),
    Unit.YEAR: ("year", "years"),
}
_ISO: Final = {
    Unit.MINUTE: ("PT", "M"),
    Unit.HOUR: ("PT", "H"),
    Unit.DAY: ("P", "D"),
    Unit.WEEK: ("P", "W"),
    Unit.MONTH: ("P", "M"),
    Unit.YEAR: ("P", "Y"),
}
_DAY_BASED: Final = frozenset({Unit.DAY, Unit.WORKDAY, Unit.WEEK, Unit.MONTH, Unit.YEAR})
MAX_AMOUNT: Final = 1_000_000
"""Largest amount a period may have, in any unit (about 2,700 years of days): larger ones are typos.

It is the one bound on a period: the reader refuses a larger amount as it reads it ("1000001日",
"一千万日"), and nothing larger is ever counted. A period within it may still reach past the dates a
calendar holds (1,000,000 days from 2026 is the year 4763); counting it is then the calendar's error.
"""


@final
@dataclass(frozen=True, slots=True)
class Period:
    """A positive whole amount of one :class:`Unit`: ``Period(5, Unit.WORKDAY)`` is "5个工作日".

    Build one from a contract's words with :func:`period`. ``str(p)`` is a
    canonical English form and :attr:`zh` a Chinese one; both parse back to ``p``.

    Parameters
    ----------
    amount : int
        1 to 1,000,000 (bools and floats are refused).
    unit : Unit or str
        One of ``"minute"``, ``"hour"``, ``"work_minute"``, ``"work_hour"``,
        ``"day"``, ``"workday"``, ``"week"``, ``"month"``, ``"year"``.

    Raises
    ------
    InvalidInputError
        An amount that is not a positive int of at most 1,000,000, or an unknown unit. A pickle is
        rebuilt by the constructor, so an edited one raises this too.

    Examples
    --------
    >>> from slaclock import Period, period
    >>> p = Period(5, "workday")
    >>> p, str(p), p.zh
    (Period(5, 'workday'), '5 workdays', '5个工作日')
    >>> period("五个工作日") == p
    True
    >>> Period(24, "hour").isoformat()
    'PT24H'
    """

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        amount, unit = self.amount, self.unit
        if type(amount) is not int:
            raise InvalidInputError(f"Period amount must be an int; got {type(amount).__name__} {brief(amount)}")
        if not 0 < amount <= MAX_AMOUNT:
            raise InvalidInputError(f"Period amount must be between 1 and {MAX_AMOUNT:,}; got {brief(amount)}")
        if type(unit) is not Unit:
            try:
                object.__setattr__(self, "unit", Unit(unit))
            except (ValueError, TypeError):  # TypeError: an unhashable unit
                valid = ", ".join(repr(u.value) for u in Unit)
                raise InvalidInputError(f"unknown period unit {brief(unit)}; valid units: {valid}") from None

    def __reduce__(self) -> tuple[type[Period], tuple[int, str]]:
        # pickled as a call of the constructor, so an edited pickle meets its checks
        return (Period, (self.amount, self.unit.value))

    def __setstate__(self, state: object) -> None:
        # a pickle written by hand (or by an older slaclock) with a state: checked by the constructor too
        checked = Period(**_state_fields(state))
        object.__setattr__(self, "amount", checked.amount)
        object.__setattr__(self, "unit", checked.unit)

    def __copy__(self) -> Period:
        return self

    def __deepcopy__(self, memo: object) -> Period:
        return self

    def __repr__(self) -> str:
        return f"Period({self.amount}, {self.unit.value!r})"

    def __str__(self) -> str:
        one, many = _EN[self.unit]
        return f"{self.amount} {one if self.amount == 1 else many}"

    @property
    def zh(self) -> str:
        """The period in Chinese with Arabic digits ("5个工作日", "24小时", "1个月")."""
        return f"{self.amount}{self.unit.zh}"

    def isoformat(self) -> str:
        """The ISO 8601 duration ("PT24H", "P5D", "P1M").

        Raises
        ------
        InvalidInputError
            Workdays and working time have no ISO 8601 form.
        """
        try:
            prefix, designator = _ISO[self.unit]
        except KeyError:
            raise InvalidInputError(f"{self} has no ISO 8601 form: ISO durations count calendar time") from None
        return f"{prefix}{self.amount}{designator}"


def _state_fields(state: object) -> dict[str, Any]:
    """The fields of a pickled state: the dataclass's list of values, a dict, or ``(None, slots dict)``."""
    if isinstance(state, tuple) and len(state) == 2 and state[0] is None and isinstance(state[1], dict):
        state = state[1]
    if isinstance(state, dict) and set(state) == {"amount", "unit"}:
        return dict(state)
    if isinstance(state, (list, tuple)) and len(state) == 2:
        return {"amount": state[0], "unit": state[1]}
    raise InvalidInputError(f"a pickled Period must hold the state amount, unit; got {brief(state)}")
