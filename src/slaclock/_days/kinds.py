"""The kinds of civil day a calendar distinguishes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import final

__all__ = ["DayInfo", "DayKind"]


@final
class DayKind(StrEnum):
    """What kind of day a civil date is in a calendar.

    ``str`` values, so an array of kinds compares with the members directly.

    Examples
    --------
    >>> DayKind.MAKEUP_WORKDAY.is_workday
    True
    >>> DayKind.TRANSFERRED_REST.zh
    '调休放假'
    """

    WORKDAY = "workday"
    """An ordinary working weekday."""
    WEEKEND = "weekend"
    """An ordinary weekend rest day."""
    HOLIDAY = "holiday"
    """A statutory (or specially proclaimed) holiday."""
    TRANSFERRED_REST = "transferred_rest"
    """A rest day moved from a weekend or given in lieu of a holiday that fell on one (调休放假/补休)."""
    MAKEUP_WORKDAY = "makeup_workday"
    """A weekend day declared a working day in exchange (调休上班/補班)."""
    CLOSURE = "closure"
    """A working day closed by the calendar's own overrides (company shutdown, typhoon signal No. 8)."""
    EXTRA_WORKDAY = "extra_workday"
    """A rest day opened for work by the calendar's own overrides."""

    @property
    def is_workday(self) -> bool:
        """Whether days of this kind are workdays."""
        return self in _WORKING

    @property
    def zh(self) -> str:
        """The Chinese term for this kind."""
        return _ZH[self]

    @property
    def code(self) -> int:
        """The small integer that stands for this kind in the compiled tables."""
        return _CODES[self]


_WORKING = frozenset({DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY, DayKind.EXTRA_WORKDAY})
_ZH = {
    DayKind.WORKDAY: "工作日",
    DayKind.WEEKEND: "周末休息日",
    DayKind.HOLIDAY: "法定节假日",
    DayKind.TRANSFERRED_REST: "调休放假",
    DayKind.MAKEUP_WORKDAY: "调休上班",
    DayKind.CLOSURE: "临时停业",
    DayKind.EXTRA_WORKDAY: "额外工作日",
}
_CODES = {kind: i for i, kind in enumerate(DayKind)}
KINDS_BY_CODE: tuple[DayKind, ...] = tuple(DayKind)


@final
@dataclass(frozen=True, slots=True)
class DayInfo:
    """Everything a calendar knows about one civil date."""

    date: dt.date
    kind: DayKind
    is_workday: bool
    name_en: str | None
    """The holiday's (or makeup workday's, or closure's) name in English; ``None`` for ordinary days."""
    name_zh: str | None
    """The same name in Chinese."""
    provisional: bool
    """True if the date lies past the official data (only possible with ``horizon="projected"``)."""
