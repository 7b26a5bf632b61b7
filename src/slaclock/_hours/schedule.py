"""Working hours: the daily schedules of a calendar's workdays, read from text such as ``"09:00-12:00,13:30-18:00"``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeAlias, final

from slaclock._base import instants as _read
from slaclock._base.show import brief
from slaclock.errors import InvalidInputError

__all__ = ["AtClose", "Schedule", "WorkingHours", "parse_schedule", "working_hours"]

Schedule: TypeAlias = tuple[tuple[int, int], ...]
"""Working intervals of one day as (start, end) seconds after its midnight, sorted.

A start is before 24:00 (``start < 86400``); an end is after its start and at most 24 hours later, so an
overnight shift ends after 24:00: ``"22:00-06:00"`` is ``(79200, 108000)``. The interval belongs to the day
it starts on.
"""

AtClose: TypeAlias = Literal["close", "next_open"]
"""Where adding working time that ends exactly at a close lands: at the close, or at the next opening."""

_DAY: Final = 86_400
_TIME: Final = re.compile(r"(\d{1,2}):(\d{2})")
# One separator character, no surrounding \s*: the ends are stripped after splitting. ``\s*(?:-|…)\s*`` was
# tried at every position of a run of blanks, quadratic in its length (a 62 KB schedule took 36 s).
_DASH: Final = re.compile(r"[-–~至到]")

MAX_SCHEDULE_CHARS: Final = 10_000
"""The longest schedule text read: one interval per minute of a day (720 of them) takes under 9,000."""


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

    Notes
    -----
    An interval may cross midnight (an overnight shift, ``"22:00-06:00"``). It is owned by the day it
    starts on: that day's kind and schedule decide whether it is worked, and its end is that day's close.
    As any day may follow any other, the part of a shift after 24:00 must end by the earliest opening of
    every schedule (a conservative rule, checked here), so that the intervals of consecutive days never
    overlap.
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
        _check_spill((*self.weekly, self.makeup, *(s for _, s in self.dates)))
        if not isinstance(self.at_close, str) or self.at_close not in ("close", "next_open"):
            raise InvalidInputError(f"at_close must be 'close' or 'next_open'; got {brief(self.at_close)}")

    def __repr__(self) -> str:
        # describe() with at most 3 dated schedules: a year of short days must not make a page-long repr
        head = self if len(self.dates) <= 3 else WorkingHours(self.weekly, self.makeup, self.dates[:3], self.at_close)
        more = len(self.dates) - 3
        return f"<WorkingHours {head.describe()}{f'; {more} more dates' if more > 0 else ''}>"

    def __copy__(self) -> WorkingHours:
        return self

    def __deepcopy__(self, memo: object) -> WorkingHours:
        return self

    def __str__(self) -> str:
        return schedule_text(self.weekly[0])

    def describe(self) -> str:
        """The schedules in one line: weekdays, any different weekend days, makeup days, dates, at_close."""
        names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        parts = [schedule_text(self.weekly[0]) or "none"]
        parts += [f"{names[k]} {schedule_text(s) or 'none'}" for k, s in enumerate(self.weekly) if s != self.weekly[0]]
        if self.makeup != self.weekly[0]:
            parts.append(f"makeup days {schedule_text(self.makeup) or 'none'}")
        parts += [f"{d.isoformat()} {schedule_text(s) or 'none'}" for d, s in self.dates]
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
        Unreadable text, hours with no interval on any day (``""``: a calendar
        without hours has no ``with_hours``; one day without hours is ``""``), an interval that starts at 24:00
        or ends where it starts (a 24-hour day is ``"00:00-24:00"``), overlapping intervals, an overnight
        shift whose part after 24:00 overlaps an opening of any schedule (the next day could have it), or text
        longer than ``MAX_SCHEDULE_CHARS`` (10,000) characters.

    Notes
    -----
    An interval whose end is not after its start crosses midnight: ``"22:00-06:00"`` is an overnight shift
    from 22:00 to 06:00 of the next day, worked when the day it **starts** on is worked (a shift starting on
    the last workday before a holiday runs into the holiday's morning; none starts on a holiday), and closing
    that day's business at 06:00 of the next day. A 24-hour day is ``"00:00-24:00"``.

    Examples
    --------
    >>> import slaclock as sc
    >>> h = sc.working_hours("09:00-12:00,13:30-18:00", saturday="09:00-12:00")
    >>> h.weekly[0], h.weekly[5]
    (((32400, 43200), (48600, 64800)), ((32400, 43200),))
    >>> sc.working_hours("08:00-12:00,22:00-06:00").weekly[0]
    ((28800, 43200), (79200, 108000))
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
    on_makeup = base if makeup is None else parse_schedule(makeup)
    if not (any(weekly) or on_makeup or any(s for _, s in specific)):
        raise InvalidInputError(
            f"working hours need at least one interval on some day, like '09:00-18:00'; got {brief(weekdays)} "
            "(for a calendar without hours, leave the hours out; a day without hours is '')"
        )
    return WorkingHours(tuple(weekly), on_makeup, tuple(specific), at_close)


def parse_schedule(text: str) -> Schedule:
    """``"09:00-12:00,13:30-18:00"`` as seconds after midnight; ``""`` is a day without hours."""
    if not isinstance(text, str):
        raise InvalidInputError(f"a schedule is text like '09:00-12:00,13:30-18:00'; got {type(text).__name__}")
    if len(text) > MAX_SCHEDULE_CHARS:
        raise InvalidInputError(
            f"a schedule is text like '09:00-12:00,13:30-18:00' of at most {MAX_SCHEDULE_CHARS:,} characters; "
            f"got {len(text):,} characters: {brief(text)}"
        )
    out: list[tuple[int, int]] = []
    for part in (p.strip() for p in text.replace("，", ",").split(",")):
        if not part:
            continue
        ends = [e.strip() for e in _DASH.split(part)]
        if len(ends) != 2:
            raise InvalidInputError(f"cannot read {brief(part)} in {brief(text)} as an interval 'HH:MM-HH:MM'")
        start, end = (_seconds(e, text) for e in ends)
        if start >= _DAY:
            raise InvalidInputError(
                f"{brief(part)} in {brief(text)} starts at 24:00, which is the next day's 00:00: "
                "an interval starts at 00:00..23:59"
            )
        if end == start:
            raise InvalidInputError(
                f"{brief(part)} in {brief(text)} ends where it starts: an interval is 1 minute to 24 hours "
                "(a 24-hour day is '00:00-24:00')"
            )
        if end < start:  # an overnight shift: it ends on the next day
            end += _DAY
        out.append((start, end))
    schedule = tuple(sorted(out))
    _check(schedule)
    return schedule


def _seconds(hhmm: str, text: str) -> int:
    m = _TIME.fullmatch(hhmm)
    if m is None:
        raise InvalidInputError(f"cannot read {brief(hhmm)} in {brief(text)} as a time HH:MM")
    h, mi = int(m.group(1)), int(m.group(2))
    if mi > 59 or h > 24 or (h == 24 and mi):
        raise InvalidInputError(f"{brief(hhmm)} in {brief(text)} is not a time of day (00:00..24:00)")
    return h * 3600 + mi * 60


def _check(schedule: Schedule) -> None:
    last = (-1, -1)
    for start, end in schedule:
        if not (0 <= start < _DAY and start < end <= start + _DAY):
            raise InvalidInputError(
                f"interval ({brief(start)}, {brief(end)}) does not start on its day or lasts more than 24 hours "
                "(starts 0..86399 seconds after midnight, ends 1 second to 24 hours later)"
            )
        if start < last[1]:
            raise InvalidInputError(f"working intervals overlap: {schedule_text((last, (start, end)))}")
        last = (start, end)


def _check_spill(schedules: tuple[Schedule, ...]) -> None:
    """Refuse an overnight shift whose part after 24:00 overlaps an opening of any schedule."""
    spills = [(s[-1][1] - _DAY, s[-1]) for s in schedules if s and s[-1][1] > _DAY]
    if not spills:
        return
    spill, shift = max(spills)
    opens = [(s[0][0], s[0]) for s in schedules if s]
    first, interval = min(opens)
    if spill > first:
        raise InvalidInputError(
            f"the overnight shift {schedule_text((shift,))} runs to {_hm(spill)} of the next day, past the "
            f"opening of {schedule_text((interval,))}, which that day may have: working intervals would overlap "
            f"(end the shift by {_hm(first)}, or start the day's work later)"
        )


def _hm(s: int) -> str:
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}"


def schedule_text(schedule: Schedule) -> str:
    """A schedule as text, ``"09:00-12:00,22:00-06:00"`` (an end after 24:00 is written as the next day's)."""

    def hm(s: int) -> str:
        return _hm(s - _DAY if s > _DAY else s)

    return ",".join(f"{hm(a)}-{hm(b)}" for a, b in schedule)


def _date(value: object) -> dt.date:
    day = _read.as_date(value)
    if day is not None:
        return day
    raise InvalidInputError(f"expected a date for a date-specific schedule; got {brief(value)}")
