"""A deliberately simple reference for working-time arithmetic: step through each day's intervals.

slaclock compiles a calendar's working hours into one table of UTC intervals with running
sums and answers with binary searches (``src/slaclock/_hours.py``). This module answers the
same questions the slow, obvious way, so the tests can compare the two:

- it asks the calendar only day-level questions through the public API (``is_workday``,
  ``day_kind``) and reads the :class:`~slaclock.WorkingHours` value (``weekly``, ``makeup``,
  ``dates``, ``at_close``); it never touches the compiled table;
- it works in naive wall times and plain ``datetime`` arithmetic, walking day by day through
  each day's intervals.

Which schedule a workday has (as documented in ``WorkingHours``): a date-specific schedule
wins; else makeup and extra workdays (调休上班, opened rest days) have ``makeup``; else the
weekday's entry of ``weekly``. Rest days have no hours.

Overnight shifts: an interval ending after 24:00 (``(79200, 108000)``, "22:00-06:00") belongs to the
day it starts on, and is worked when that day is (a shift starting on the eve of a holiday runs into the
holiday's morning; none starts on a holiday). So an instant's working time may come from the day before:
the walks start one day early, and each day's intervals are stepped through, the part after midnight
included.

Conventions the reference states independently (they are the library's documented ones):

- forward, a result exactly at a close stays at the close (17:00 + 1 h = 18:00), unless
  ``at_close == "next_open"``, where it moves to the next opening;
- backward, a result exactly at an opening stays at the opening (09:30 - 30 min = 09:00);
- a start outside hours counts from the next opening (forward) or the last close (backward);
- a zero duration is the start itself, even outside hours;
- working time between ``a`` and ``b`` is the working time inside ``[a, b)``, negative when
  ``b < a``.

Wall time is real time only where the clocks do not change over the days used; the tests
use Asia/Shanghai after 1991 (UTC+8 throughout), so the naive arithmetic here is exact.
"""

from __future__ import annotations

import datetime as dt
import functools

import slaclock as sc

__all__ = [
    "day_intervals",
    "day_schedule",
    "reference_add",
    "reference_between",
    "reference_close",
    "reference_is_open",
    "reference_next_open",
]

_ONE_DAY = dt.timedelta(days=1)


def day_schedule(cal: sc.WorkCalendar, day: dt.date) -> tuple[tuple[int, int], ...]:
    """The working intervals of ``day`` as (start, end) seconds after midnight; ``()`` on a rest day."""
    assert cal.hours is not None, "the calendar has no working hours"
    if not cal.is_workday(day):
        return ()
    for date, schedule in cal.hours.dates:
        if date == day:
            return schedule
    if cal.day_kind(day) in (sc.DayKind.MAKEUP_WORKDAY, sc.DayKind.EXTRA_WORKDAY):
        return cal.hours.makeup
    return cal.hours.weekly[day.weekday()]


@functools.cache
def day_intervals(cal: sc.WorkCalendar, day: dt.date) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """The working intervals of ``day`` as naive wall-time datetimes, in order (cached: calendars are values)."""
    midnight = dt.datetime.combine(day, dt.time())
    return tuple(
        (midnight + dt.timedelta(seconds=a), midnight + dt.timedelta(seconds=b)) for a, b in day_schedule(cal, day)
    )


def reference_add(cal: sc.WorkCalendar, start: dt.datetime, duration: dt.timedelta | int) -> dt.datetime:
    """``start`` plus ``duration`` of working time (an int is minutes; negative goes back), as naive wall time."""
    assert cal.hours is not None, "the calendar has no working hours"
    assert start.tzinfo is None, "the reference works in naive wall time"
    left = duration if isinstance(duration, dt.timedelta) else dt.timedelta(minutes=duration)
    if not left:
        return start
    day = start.date() - _ONE_DAY  # the day before may own a night shift running past midnight
    if left > dt.timedelta(0):
        next_open = cal.hours.at_close == "next_open"
        while True:
            for lo, hi in day_intervals(cal, day):
                lo = max(lo, start)
                if hi <= lo:
                    continue
                # at the close exactly: stay there, or (next_open) go on with nothing left to the next opening
                if hi - lo > left or (hi - lo == left and not next_open):
                    return lo + left
                left -= hi - lo
            day += _ONE_DAY
    left = -left
    day = start.date()  # a night shift of the day before ends before this day's first opening: met later
    while True:
        for lo, hi in reversed(day_intervals(cal, day)):
            hi = min(hi, start)
            if hi <= lo:
                continue
            if hi - lo >= left:  # at the opening exactly: stay there
                return hi - left
            left -= hi - lo
        day -= _ONE_DAY


def reference_between(cal: sc.WorkCalendar, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
    """Working time in ``[a, b)`` (naive wall times): the sum of its overlaps with each day's intervals."""
    assert a.tzinfo is None, "the reference works in naive wall time"
    assert b.tzinfo is None, "the reference works in naive wall time"
    if b < a:
        return -reference_between(cal, b, a)
    total = dt.timedelta(0)
    day = a.date() - _ONE_DAY  # the day before may own a night shift running past midnight
    while day <= b.date():
        for lo, hi in day_intervals(cal, day):
            overlap = min(hi, b) - max(lo, a)
            if overlap > dt.timedelta(0):
                total += overlap
        day += _ONE_DAY
    return total


def reference_is_open(cal: sc.WorkCalendar, t: dt.datetime) -> bool:
    """Whether ``t`` (naive wall time) is inside an interval of its day or of the day before (a night shift)."""
    return any(lo <= t < hi for day in (t.date() - _ONE_DAY, t.date()) for lo, hi in day_intervals(cal, day))


def reference_next_open(cal: sc.WorkCalendar, t: dt.datetime) -> dt.datetime:
    """``t`` when open, else the first opening after it, stepping day by day from the day before."""
    if reference_is_open(cal, t):
        return t
    day = t.date() - _ONE_DAY
    while True:
        for lo, _hi in day_intervals(cal, day):
            if lo > t:
                return lo
        day += _ONE_DAY


def reference_close(cal: sc.WorkCalendar, day: dt.date) -> dt.datetime | None:
    """The end of ``day``'s last interval (a night shift's is on the next day); None on a day without hours."""
    intervals = day_intervals(cal, day)
    return intervals[-1][1] if intervals else None
