"""Legal deadlines: a start, a period and a convention give the instant a period ends.

Maintainer's notes
------------------
The scalar engine reads the calendar's compiled tables directly (``WorkCalendar._table.ix``)
instead of calling its public methods, for two reasons: one call here consults
several days, and the public methods would warn once per day; and ``deadline``
must stay within a few microseconds. Every day it reads goes through
:func:`_index` (bounds and horizon) and the highest index read decides
``provisional``; one :class:`ProvisionalWarning` is then raised at the caller's line.
Callers inside slaclock that report for themselves (a monthly series, the demo) pass
``warn=False`` down instead: library code never touches ``warnings.filters``, which
every thread of the process shares.

The close of business from the calendar's hours (``close_of_business="hours"``) reads
the last day through the same :func:`_Context.index`, so a last day past the data
raises on an official calendar and is provisional on a projected one, even when the
day itself is not rolled.

The steps of a computation are recorded as small tuples (``trace``) while it
runs; turning them into sentences is deferred to :meth:`Deadline.explain`
(:mod:`slaclock._rules.explain`), which is not on the hot path.

pendulum is imported on first use, not at ``import slaclock``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, final, overload

import numpy as np

from slaclock._base import instants as _read
from slaclock._base import warn as _provisional
from slaclock._base.instants import MissingValueError, is_missing
from slaclock._base.show import brief
from slaclock._base.types import Lang
from slaclock._calendar import WorkCalendar, calendar, day_table, hours_table
from slaclock._days import months
from slaclock._days.kinds import DayKind
from slaclock._periods.convention import Convention
from slaclock._periods.period import Period, Unit, parse_cached, period
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from pendulum import DateTime

__all__ = ["Deadline", "DeadlineKind", "StartLike", "deadline", "notice_deadline"]

DeadlineKind: TypeAlias = Literal["after", "before", "month_within", "month_before"]
"""What a :class:`Deadline` limits: a period after a start, notice before a date, or a monthly window."""

StartLike: TypeAlias = dt.date | dt.datetime | str | np.datetime64
"""A start: a date, a naive datetime (wall time in the calendar's zone), an aware datetime, ISO text."""

Step: TypeAlias = tuple[Any, ...]


_CIVIL: Final = Convention.civil_code()
_UTC: Final = dt.UTC
_MAKEUP: Final = DayKind.MAKEUP_WORKDAY.code
_CLOCK_DELTA: Final = {Unit.HOUR: dt.timedelta(hours=1), Unit.MINUTE: dt.timedelta(minutes=1)}


@final
@dataclass(frozen=True, slots=True)
class Deadline:
    """When a period ends: an exclusive instant, the last day, and how they were counted.

    An action at instant ``x`` meets the deadline iff ``x < due``. Build one with
    :func:`deadline`, :func:`notice_deadline` or :func:`monthly_deadline`.

    Attributes
    ----------
    start : date or pendulum.DateTime
        The start as given: a date, or the start instant in the calendar's zone.
        For a notice limit, the date the notice period ends on; for a monthly
        window, the first day of the month.
    period : Period
    due : pendulum.DateTime
        The instant the period ends, aware, in the calendar's zone, exclusive.
    last_day : date
        The period's last day: ``due`` is its 24:00 (or its close of business).
    provisional : bool
        True iff the computation read a calendar day past the official data (a
        ``horizon="projected"`` calendar): to count workdays, to roll a last day,
        for a close of business from the working hours. On an official calendar
        the same read raises :class:`CalendarHorizonError`.
    calendar : WorkCalendar
    convention : Convention
    kind : {"after", "before", "month_within", "month_before"}

    Examples
    --------
    >>> import datetime as dt, slaclock as sc
    >>> d = sc.deadline(dt.date(2025, 9, 24), "7日内", calendar="CN")
    >>> d.last_day, str(d)
    (datetime.date(2025, 10, 9), '2025-10-09 24:00 (Asia/Shanghai)')
    >>> d.due.isoformat()
    '2025-10-10T00:00:00+08:00'
    >>> for step in d.steps():
    ...     print(step)
    起算日2025-09-24不计入（《民法典》第201条）
    第7日为2025-10-01，为法定节假日（国庆节）
    顺延至其后第一个工作日2025-10-09（第203条）
    截止2025-10-09 24:00
    """

    start: dt.date
    period: Period
    due: DateTime
    last_day: dt.date
    provisional: bool
    calendar: WorkCalendar
    convention: Convention
    kind: DeadlineKind = "after"
    trace: tuple[Step, ...] = field(default=(), repr=False, compare=False)

    def __copy__(self) -> Deadline:
        return self

    def __deepcopy__(self, memo: object) -> Deadline:
        return self

    def __str__(self) -> str:
        mark = " (provisional)" if self.provisional else ""  # as a status marks it: counted on projected days
        return f"{_clock_text(self.due, self.last_day, self.calendar)} ({self.calendar.tz}){mark}"

    def __repr__(self) -> str:
        return (
            f"Deadline(due={self.due.isoformat()}, last_day={self.last_day.isoformat()}, period={self.period!r}, "
            f"kind={self.kind!r}, provisional={self.provisional}, calendar={self.calendar.region!r}, "
            f"convention={self.convention.name!r})"
        )

    def _repr_html_(self) -> str:
        from slaclock._rules.display import deadline_html

        return deadline_html(self)

    def steps(self, lang: Lang = "zh") -> list[str]:
        """The counting steps as a list of sentences (see :meth:`explain`)."""
        from slaclock._rules.explain import sentences

        return sentences(self, lang)

    def explain(self, lang: Lang = "zh") -> str:
        """The counting steps in Chinese (``"zh"``) or English (``"en"``), one sentence each.

        Raises
        ------
        InvalidInputError
            An unknown ``lang``.
        """
        from slaclock._rules.explain import render

        return render(self, lang)

    def is_met(self, at: dt.datetime | str | None) -> bool:
        """Whether an action at instant ``at`` meets the deadline (``at < due``).

        ``at`` may be aware (converted) or naive (wall time in the calendar's zone). An
        action that has not happened (a missing ``at``: None, NaT, NA, NaN) has not met it: False.

        Examples
        --------
        >>> import slaclock as sc
        >>> d = sc.deadline("2025-09-30T15:00", "48小时", calendar="CN")
        >>> d.is_met("2025-10-02T14:59"), d.is_met("2025-10-02T15:00")
        (True, False)
        """
        try:
            instant = read_instant(self.calendar, at, "at")
        except MissingValueError:
            return False
        if instant is None:
            raise InvalidInputError(f"is_met needs an instant (a datetime), not the date {brief(at)}")
        return _read.before(instant, self.due)  # as instants: a fall-back night's 01:30 EDT is before 01:00 EST


# -- public functions ---------------------------------------------------------------------


@overload
def deadline(
    start: None,
    period: str | Period | dt.timedelta,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> None: ...
@overload
def deadline(
    start: StartLike,
    period: str | Period | dt.timedelta,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> Deadline: ...
def deadline(
    start: StartLike | None,
    period: str | Period | dt.timedelta,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> Deadline | None:
    """The deadline of a period that starts at ``start``, counted by law (Civil Code arts. 200–204).

    - Hours and minutes run from the moment named, through nights and holidays
      (art. 201 para 2), and are not rolled.
    - Days, weeks, months and years: the start day is not counted (art. 201
      para 1); a month or year ends on the corresponding day, or the month's last
      day if there is none (art. 202); a last day that is a rest day moves to the
      first workday after the rest (art. 203 para 1); the last day ends at 24:00,
      or at the close of business where the convention sets one (para 2).
    - Workdays: the ``n``-th workday after the start day; from a rest day the next
      workday is day 1. Makeup workdays (调休上班) count.

    Every rule is a switch on ``convention``.

    Parameters
    ----------
    start : date, datetime, ISO text or numpy.datetime64
        A date, a naive datetime (wall time in the calendar's zone), an aware
        datetime (converted into it; pendulum and pandas timestamps too). Hour and
        minute periods need a time. A missing start (None, NaT, NA, NaN) has no
        deadline: the result is None.
    period : str, Period or timedelta
        The contract's words ("5个工作日", "收到投诉后24小时内", "3 business days",
        "P1M"), see :func:`period`.
    calendar : WorkCalendar or str
        A calendar, or a region name for :func:`calendar` (``"CN"``).
    convention : Convention, optional
        Defaults to :meth:`Convention.civil_code`.

    Returns
    -------
    Deadline, or None for a missing start

    Raises
    ------
    CalendarHorizonError
        The count needs a day outside the calendar's data (past the official
        horizon, unless the calendar was built with ``horizon="projected"``; then
        the result is ``provisional`` and a :class:`ProvisionalWarning` is raised).
        Hour periods and unrolled day periods do not consult the calendar, unless
        they end at the close of business from the calendar's working hours
        (``close_of_business="hours"``): then the last day's hours are read.
    PeriodParseError
        ``period`` is not a period.
    InvalidInputError
        A start that is not a date or instant, a date start for an hour period, or
        a working-time period ("8个工作小时") on a calendar without working hours
        (give it some: ``calendar.with_hours("09:00-12:00,13:30-18:00")``).

    See Also
    --------
    notice_deadline : the latest day for notice given before a date.
    monthly_deadline : "每月初五个工作日内" and "每月的第一个工作日前".

    Examples
    --------
    >>> import datetime as dt, slaclock as sc
    >>> cal = sc.calendar("CN")
    >>> sc.deadline(dt.datetime(2025, 9, 26, 10, 0), "5个工作日", calendar=cal).last_day
    datetime.date(2025, 10, 10)
    >>> sc.deadline(dt.date(2025, 1, 31), "1个月", calendar=cal).last_day
    datetime.date(2025, 2, 28)
    >>> d = sc.deadline("2025-09-30T15:00+08:00", "收到后48小时内", calendar=cal)
    >>> d.due.isoformat()
    '2025-10-02T15:00:00+08:00'
    """
    cal = _calendar_arg(calendar)
    conv = _CIVIL if convention is None else _convention_arg(convention)
    p = parse_cached(period) if type(period) is str else _period_arg(period)
    unit = p.unit
    try:  # free unless raised: a missing start is found where it is read, off the fast paths
        if unit is Unit.WORKDAY or unit.is_day_based:
            return _day_deadline(cal, conv, p, start)
        if unit.is_work_time:
            return _work_deadline(cal, conv, p, start)
        return _clock_deadline(cal, conv, p, start)
    except MissingValueError:
        if not is_missing(start):
            raise
        days = unit is Unit.WORKDAY or unit.is_day_based
        if days and conv.close_of_business == "hours" and cal.hours is None:
            raise _no_hours_for_close() from None  # as a column of missing starts: the arguments are wrong
        return None


def _unwarned(cal: WorkCalendar, conv: Convention, p: Period, start: object) -> Deadline:
    """:func:`deadline` without its :class:`ProvisionalWarning`, for callers that report once themselves.

    ``provisional`` is set as usual; the caller warns (or not) from it. A missing start is an error here.
    """
    unit = p.unit
    if unit is Unit.WORKDAY or unit.is_day_based:
        return _day_deadline(cal, conv, p, start, warn=False)
    if unit.is_work_time:
        return _work_deadline(cal, conv, p, start, warn=False)
    return _clock_deadline(cal, conv, p, start, warn=False)


@overload
def notice_deadline(
    end: None,
    period: str | Period,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> None: ...
@overload
def notice_deadline(
    end: StartLike,
    period: str | Period,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> Deadline: ...
def notice_deadline(
    end: StartLike | None,
    period: str | Period,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> Deadline | None:
    """The latest day notice may arrive for "提前N日/N个工作日" before ``end``.

    Notice received on day ``X`` starts a period ``X+1 .. X+N`` (art. 201), which
    must end by ``end``: ``end`` is the period's last day (the default reading of
    "提前30日通知, 于D日终止"). The latest notice day is never rolled forward, since
    that would shorten the notice; ``Convention(roll_backward=True)`` (preset
    :meth:`Convention.notice_on_workday`) moves a rest day back to the previous
    workday. For workday periods, ``X+1 .. end`` holds ``N`` workdays.

    Parameters
    ----------
    end : date-like
        The date the notice period ends on (e.g. the termination date). A missing
        ``end`` (None, NaT, NA, NaN) gives None.
    period : str or Period
        Days, weeks, months, years or workdays ("提前三十日书面通知", "30 days").
    calendar : WorkCalendar or str
    convention : Convention, optional

    Returns
    -------
    Deadline or None
        ``kind="before"``; ``last_day`` is the latest notice day and ``due`` its 24:00
        (or close of business).

    Raises
    ------
    InvalidInputError
        An hour or minute period (backward limits count whole days).
    CalendarHorizonError
        A day the count needs is outside the calendar's data.

    Examples
    --------
    >>> import datetime as dt, slaclock as sc
    >>> d = sc.notice_deadline(dt.date(2025, 10, 31), "提前30日书面通知", calendar="CN")
    >>> d.last_day, d.due.isoformat()
    (datetime.date(2025, 10, 1), '2025-10-02T00:00:00+08:00')
    >>> sc.notice_deadline("2025-10-31", "30日", calendar="CN", convention=sc.Convention.notice_on_workday()).last_day
    datetime.date(2025, 9, 30)
    """
    cal = _calendar_arg(calendar)
    conv = _CIVIL if convention is None else _convention_arg(convention)
    p = parse_cached(period) if type(period) is str else _period_arg(period)
    unit, n = p.unit, p.amount
    if not unit.is_day_based:
        raise InvalidInputError(
            f"notice_deadline counts whole days; got {p}. For notice in hours, subtract the period from the instant"
        )
    try:  # an instant's day, as the column reads it: a wall time the clocks skip is refused, as for a start
        d_ord = _start_parts(cal, end, "end")[0]
    except MissingValueError:
        return None
    ctx = _Context(cal)
    trace: list[Step] = [("notice_end", dt.date.fromordinal(d_ord))]
    if unit is Unit.WORKDAY:
        i = ctx.index(d_ord, f"notice_deadline: {n} workdays before")
        k = ctx.ix.rank_l[i + 1] - n
        if k < 0:
            raise day_table(cal).horizon_error(
                f"notice_deadline: {n} workdays ending {dt.date.fromordinal(d_ord)}",
                after=False,
                count=1,
                total=1,
                index=0,
            )
        first = ctx.ix.pos_ord_l[k]
        ctx.index(first, "notice_deadline")
        x, period_end = first - 1, ctx.ix.pos_ord_l[k + n - 1]
        if x < 1:  # the period's first workday is 0001-01-01: the notice day would be before it
            raise InvalidInputError(f"notice_deadline: {p} before {dt.date.fromordinal(d_ord)} is before the year 1")
    elif unit is Unit.DAY or unit is Unit.WEEK:
        x = d_ord - n * (7 if unit is Unit.WEEK else 1)
        if x < 1:
            raise InvalidInputError(f"notice_deadline: {p} before {dt.date.fromordinal(d_ord)} is before the year 1")
        period_end = d_ord
    else:
        start_day, end_day = _latest_month_start(dt.date.fromordinal(d_ord), unit, n, conv)
        x, period_end = start_day.toordinal(), end_day.toordinal()
    trace.append(("notice_span", p, dt.date.fromordinal(x + 1), dt.date.fromordinal(period_end)))
    if conv.roll_backward and ctx.is_rest_for_art203(x, conv, "notice_deadline"):
        back = ctx.previous_workday(x, conv, "notice_deadline")
        trace.append(("rest_day", dt.date.fromordinal(x)))
        trace.append(("rolled_back", dt.date.fromordinal(back)))
        x = back
    last = dt.date.fromordinal(x)
    close = _close(ctx, conv, last)
    due = _end_of_day(cal, last, close)
    trace.append(("notice_by", last, close))
    return _make(_as_date(end, d_ord), p, due, last, ctx, cal, conv, "before", trace)


# -- the engine ---------------------------------------------------------------------------


def _day_deadline(cal: WorkCalendar, conv: Convention, p: Period, start: object, *, warn: bool = True) -> Deadline:
    o, instant = _start_parts(cal, start)
    unit, n = p.unit, p.amount
    if unit is Unit.WORKDAY and conv is _CIVIL:
        fast = _civil_workdays(cal, o, instant, p)
        if fast is not None:
            return fast
    ctx = _Context(cal)
    ix = ctx.ix
    trace: list[Step] = []
    day0 = _deemed_day(ctx, conv, o, instant, trace)
    trace.append(("start_excluded", dt.date.fromordinal(day0)))
    if unit is Unit.WORKDAY:
        i = ctx.index(day0, "deadline")
        k = ix.rank_l[i + 1] + n - 1
        if k >= ix.npos:
            raise day_table(cal).horizon_error(
                f"deadline: workday {n} after {dt.date.fromordinal(day0)}", after=True, count=1, total=1, index=0
            )
        last_ord = ix.pos_ord_l[k]
        ctx.index(last_ord, "deadline")
        trace.append(("nth_workday", p, dt.date.fromordinal(day0), dt.date.fromordinal(last_ord)))
    else:
        if unit is Unit.DAY or unit is Unit.WEEK:
            end_ord = day0 + n * (7 if unit is Unit.WEEK else 1)
            if end_ord > dt.date.max.toordinal():
                raise InvalidInputError(f"{p} from {dt.date.fromordinal(day0)} runs past the year 9999")
            nominal = dt.date.fromordinal(end_ord)
            trace.append(("nth", p, nominal))
        else:
            first = day0 + (conv.correspondence == "first_counted_day")
            if first > dt.date.max.toordinal():
                raise InvalidInputError(f"{p} from {dt.date.fromordinal(day0)} runs past the year 9999")
            base = dt.date.fromordinal(first)
            nominal = _plus_months(base, unit, n)
            trace.append(("month_end", p, base, nominal))
        last_ord = _roll_last_day(ctx, conv, nominal.toordinal(), trace)
    last = dt.date.fromordinal(last_ord)
    close = _close(ctx, conv, last)
    due = _end_of_day(cal, last, close)
    trace.append(("ends", last, close))
    return _make(instant or dt.date.fromordinal(o), p, due, last, ctx, cal, conv, "after", trace, warn)


def _civil_workdays(cal: WorkCalendar, o: int, instant: DateTime | None, p: Period) -> Deadline | None:
    """The common case on official days, straight from the tables; None sends it the general way."""
    ix = day_table(cal).ix
    i = o - ix.o0
    if not 0 <= i < ix.n:
        return None
    k = ix.rank_l[i + 1] + p.amount - 1
    if k >= ix.npos or ix.pos_ord_l[k] > day_table(cal).prov_ord:
        return None
    last_ord = ix.pos_ord_l[k]
    if last_ord == dt.date.max.toordinal():  # its 24:00 is in the year 10000: the general way says so
        return None
    last = dt.date.fromordinal(last_ord)
    day0 = dt.date.fromordinal(o)
    trace = (("start_excluded", day0), ("nth_workday", p, day0, last), ("ends", last, None))
    due = _read.start_of(day_table(cal).tzone(), last_ord + 1)
    return Deadline(instant or day0, p, due, last, False, cal, _CIVIL, "after", trace)


def _clock_deadline(cal: WorkCalendar, conv: Convention, p: Period, start: object, *, warn: bool = True) -> Deadline:
    instant = read_instant(cal, start, "start")
    if instant is None:
        raise InvalidInputError(
            f"{p} runs from a moment (art. 201 para 2): give the start as a datetime, not the date {brief(start)}"
        )
    ctx = _Context(cal)
    z = day_table(cal).tzone()
    try:  # in integers: a start in the year 1 whose UTC instant is in the year 0 counts as the column counts it
        step = (_CLOCK_DELTA[p.unit] * p.amount) // dt.timedelta(microseconds=1)
        end = _read.from_utc_us(z, _read.utc_us(instant) + step)
    except (OverflowError, InvalidInputError):
        raise InvalidInputError(f"{p} from {instant.isoformat()} runs past the year 9999") from None
    trace: list[Step] = [("from_instant", instant), ("elapsed", p, end)]
    last = day_of_end(end)
    if not conv.roll_clock_time:
        trace.append(("clock_no_roll",))
    else:
        rolled = _roll_last_day(ctx, conv, last.toordinal(), trace)
        if rolled != last.toordinal():
            last = dt.date.fromordinal(rolled)
            close = _close(ctx, conv, last)
            end = _end_of_day(cal, last, close)
            trace.append(("ends", last, close))
    return _make(instant, p, end, last, ctx, cal, conv, "after", trace, warn)


def _work_deadline(cal: WorkCalendar, conv: Convention, p: Period, start: object, *, warn: bool = True) -> Deadline:
    """Working hours and minutes: counted inside the calendar's working hours only."""
    from slaclock._hours import arithmetic as _hours

    if cal.hours is None:
        raise InvalidInputError(
            f"{p} counts working time: give the calendar working hours, "
            "e.g. calendar=sc.calendar('CN').with_hours('09:00-12:00,13:30-18:00')"
        )
    instant = read_instant(cal, start, "start")
    if instant is None:
        raise InvalidInputError(f"{p} runs from a moment: give the start as a datetime, not the date {brief(start)}")
    first, result, k = _hours.add(hours_table(cal), instant, p)
    hix = hours_table(cal)
    ctx = _Context(cal)
    ctx.index(instant.toordinal(), "deadline")
    if k >= 0:
        ctx.hi = max(ctx.hi, hix.day_l[k])
    due = _hours.from_us(hours_table(cal), result)
    ctx.index(day_of_end(due).toordinal(), "deadline")  # a result in a night shift may be on the next day
    # the windows are listed only when explained: keep their bounds as UTC microseconds
    trace: list[Step] = [("from_instant", instant), ("windows", p, first, result), ("work_due", p, due)]
    return _make(instant, p, due, day_of_end(due), ctx, cal, conv, "after", trace, warn)


def _deemed_day(ctx: _Context, conv: Convention, o: int, instant: DateTime | None, trace: list[Step]) -> int:
    """The day 0 of a day-based period, after the convention's receipt rules."""
    if conv.cutoff is not None and instant is not None and instant.time() >= conv.cutoff:
        deemed = ctx.next_workday_after(o, "deadline")
        trace.append(("deemed_cutoff", instant, conv.cutoff, dt.date.fromordinal(deemed)))
        return deemed
    if conv.rest_day_receipt == "next_workday" and not ctx.is_workday(o, "deadline"):
        deemed = ctx.next_workday_after(o, "deadline")
        trace.append(("deemed_rest", dt.date.fromordinal(o), dt.date.fromordinal(deemed)))
        return deemed
    return o


def _roll_last_day(ctx: _Context, conv: Convention, last: int, trace: list[Step]) -> int:
    """Art. 203 para 1: a last day that is a rest day moves to the first workday after the rest."""
    if not conv.roll_last_day:
        trace.append(("no_roll", dt.date.fromordinal(last)))
        return last
    if not ctx.is_rest_for_art203(last, conv, "deadline"):
        if ctx.kind(last) == _MAKEUP:
            trace.append(("makeup_not_rolled", dt.date.fromordinal(last)))
        return last
    trace.append(("rest_day", dt.date.fromordinal(last)))
    rolled = ctx.next_art203_workday(last, conv, "deadline")
    trace.append(("rolled", dt.date.fromordinal(rolled)))
    return rolled


@final
class _Context:
    """Table reads for one computation: bounds-checked, and remembering the highest index read."""

    __slots__ = ("cal", "hi", "ix")

    def __init__(self, cal: WorkCalendar) -> None:
        self.cal = cal
        self.ix = day_table(cal).ix
        self.hi = -1

    def index(self, ordinal: int, op: str) -> int:
        ix = self.ix
        i = ordinal - ix.o0
        if not 0 <= i < ix.n:
            raise day_table(self.cal).horizon_error(
                f"{op}: {dt.date.fromordinal(ordinal).isoformat()}", after=i >= ix.n, count=1, total=1, index=0
            )
        if i > self.hi:
            self.hi = i
        return i

    def is_workday(self, ordinal: int, op: str) -> bool:
        return self.ix.work_l[self.index(ordinal, op)]

    def kind(self, ordinal: int) -> int:
        return int(self.ix.kind[self.index(ordinal, "deadline")])

    def is_rest_for_art203(self, ordinal: int, conv: Convention, op: str) -> bool:
        i = self.index(ordinal, op)
        if not self.ix.work_l[i]:
            return True
        return conv.makeup_days_are_rest and int(self.ix.kind[i]) == _MAKEUP

    def next_workday_after(self, ordinal: int, op: str) -> int:
        i = self.index(ordinal, op)
        k = self.ix.rank_l[i + 1]
        if k >= self.ix.npos:
            raise day_table(self.cal).horizon_error(
                f"{op}: the workday after {dt.date.fromordinal(ordinal)}", after=True, count=1, total=1, index=0
            )
        nxt = self.ix.pos_ord_l[k]
        self.index(nxt, op)
        return nxt

    def next_art203_workday(self, ordinal: int, conv: Convention, op: str) -> int:
        o = self.next_workday_after(ordinal, op)
        while self.is_rest_for_art203(o, conv, op):
            o = self.next_workday_after(o, op)
        return o

    def previous_workday(self, ordinal: int, conv: Convention, op: str) -> int:
        o = ordinal - 1
        while self.is_rest_for_art203(o, conv, op):
            o -= 1
        return o

    @property
    def provisional(self) -> bool:
        return self.hi > self.ix.official_last


def _make(
    start: Any,
    p: Period,
    due: DateTime,
    last: dt.date,
    ctx: _Context,
    cal: WorkCalendar,
    conv: Convention,
    kind: DeadlineKind,
    trace: list[Step],
    warn: bool = True,
) -> Deadline:
    provisional = _warn_provisional(ctx, cal, last, warn)
    return Deadline(start, p, due, last, provisional, cal, conv, kind, tuple(trace))


def _warn_provisional(ctx: _Context, cal: WorkCalendar, last: dt.date, warn: bool = True) -> bool:
    """Whether the computation read projected days; if so and ``warn``, one ProvisionalWarning at the caller's line."""
    if not ctx.provisional:
        return False
    if warn:
        warn_provisional(cal, f"{last.isoformat()} rests")
    else:
        _provisional.note()  # the caller reports; an enclosing reading() block still learns of the read
    return True


def warn_provisional(cal: WorkCalendar, what: str) -> None:
    """One ProvisionalWarning at the caller's line: ``what`` ("2027-01-05 rests") is on days past the official data.

    Quiet inside a :func:`slaclock._base.warn.reading` block: that block's caller warns once instead.
    """
    _provisional.warn_past(f"{what} on", cal.region, cal.official_until, "The result is provisional")


def _as_date(end: object, ordinal: int) -> dt.date:
    return end if type(end) is dt.date else dt.date.fromordinal(ordinal)


def _plus_months(base: dt.date, unit: Unit, n: int) -> dt.date:
    """``base`` plus ``n`` months or years (art. 202, clamped: :func:`slaclock._days.months.shift`)."""
    return months.shift(base, n if unit is Unit.MONTH else 12 * n)


def _latest_month_start(end: dt.date, unit: Unit, n: int, conv: Convention) -> tuple[dt.date, dt.date]:
    """The latest day X whose month/year period (art. 202, clamped) ends on or before ``end``, and that end."""

    def last_of(x: dt.date) -> dt.date:
        return _plus_months(x + dt.timedelta(days=conv.correspondence == "first_counted_day"), unit, n)

    def in_time(x: dt.date) -> bool:
        try:
            return last_of(x) <= end
        except (InvalidInputError, OverflowError):  # its period runs past the year 9999: later than any end
            return False

    x = months.shift(end, -(n if unit is Unit.MONTH else 12 * n))
    # Clamping makes "+ n months" many-to-one near month ends (01-29..01-31 + 1 month = 02-28):
    # walk forward to the latest X that still ends in time, and back if X itself ends too late.
    while not in_time(x):
        x -= dt.timedelta(days=1)
    while x < end and in_time(x + dt.timedelta(days=1)):
        x += dt.timedelta(days=1)
    return x, last_of(x)


# -- instants and zones -------------------------------------------------------------------


def _close(ctx: _Context, conv: Convention, day: dt.date) -> dt.time | DateTime | None:
    """The close of business on ``day`` under ``conv``: its time, the calendar's close that day, or None (24:00).

    A night shift's close is on the next day: it is returned as that instant, and the next day is read.

    The calendar's close (``"hours"``) reads ``day`` through ``ctx``: a day outside the
    calendar's days raises :class:`CalendarHorizonError` (a day without the data has no
    known hours, so its close is not 24:00), and a projected day makes the result provisional.
    """
    close = conv.close_of_business
    if close != "hours":
        return close
    from slaclock._hours import arithmetic as _hours

    cal = ctx.cal
    if cal.hours is None:
        raise _no_hours_for_close()
    us = _hours.close_us(hours_table(cal), ctx.index(day.toordinal(), "close of business on the last day"))
    if us is None:
        return None
    closing = _hours.from_us(hours_table(cal), us)
    if closing.date() == day:
        return closing.time()
    # a schedule that runs to 24:00 closes at the next day's 00:00: that is the day's end, not its start
    if closing == _read.start_of(day_table(cal).tzone(), day.toordinal() + 1):
        return None
    # a night shift closes on the next day (the instant itself): that day is read, for the horizon
    ctx.index(day.toordinal() + 1, "close of business on the last day")
    return closing


def _no_hours_for_close() -> InvalidInputError:
    return InvalidInputError(
        "close_of_business='hours' takes each day's close from the calendar's working hours: give "
        "calendar=sc.calendar('CN').with_hours('09:00-18:00'), or a time such as close_of_business='17:30'"
    )


def _end_of_day(cal: WorkCalendar, day: dt.date, close: dt.time | DateTime | None) -> DateTime:
    """The instant ``day`` ends: its 24:00 (the next day's first instant), ``close`` on it, or a night shift's close."""
    if isinstance(close, dt.datetime):
        return close
    if close is None:
        if day == dt.date.max:  # its 24:00 is 10000-01-01, which no datetime holds
            raise InvalidInputError(f"a period ending on {day.isoformat()} ends at its 24:00, past the year 9999")
        return _read.start_of(day_table(cal).tzone(), day.toordinal() + 1)
    return _wall(cal, day.year, day.month, day.day, close.hour, close.minute, close.second, close.microsecond)


def _wall(cal: WorkCalendar, y: int, m: int, d: int, hh: int, mm: int, ss: int, us: int) -> DateTime:
    """An aware wall time in the calendar's zone; a time in a DST gap moves forward by the gap."""
    return _read.wall(day_table(cal).tzone(), y, m, d, hh, mm, ss, us)


def day_of_end(end: DateTime) -> dt.date:
    """The last day of a period ending at ``end``: a period ending at 00:00 ended at the previous day's 24:00."""
    day = end.date()
    if end.hour == end.minute == end.second == end.microsecond == 0:
        return day - dt.timedelta(days=1)
    return day


def _clock_text(due: DateTime, last: dt.date, cal: WorkCalendar) -> str:
    if due.date() != last:
        if due == _read.start_of(day_table(cal).tzone(), last.toordinal() + 1):
            return f"{last.isoformat()} 24:00"
        last = due.date()  # a night shift's close, on the next day
    text = due.strftime("%H:%M")
    if due.second or due.microsecond:
        text = due.strftime("%H:%M:%S")
    return f"{last.isoformat()} {text}"


def _start_parts(cal: WorkCalendar, start: object, what: str = "start") -> tuple[int, DateTime | None]:
    """The civil date (ordinal) of a start (named ``what`` in errors) and its instant, if it has a time."""
    if type(start) is dt.date:
        return start.toordinal(), None
    instant = _read.instant(day_table(cal).tzone(), start, what)
    if instant is None:
        return _start_ordinal(cal, start, what), None
    return instant.toordinal(), instant


def _start_ordinal(cal: WorkCalendar, value: object, what: str) -> int:
    if type(value) is dt.date:
        return value.toordinal()
    return _read.ordinal(day_table(cal).zone, value, what)


def read_instant(cal: WorkCalendar, value: object, what: str) -> DateTime | None:
    """An aware instant in the calendar's zone, or None for a plain date (:func:`slaclock._base.instants.instant`)."""
    return _read.instant(day_table(cal).tzone(), value, what)


# -- argument checks ----------------------------------------------------------------------


def _calendar_arg(value: object) -> WorkCalendar:
    if isinstance(value, WorkCalendar):
        return value
    if isinstance(value, str):
        return calendar(value)
    raise InvalidInputError(
        f"calendar must be a WorkCalendar or a region name such as 'CN'; got {type(value).__name__} {brief(value)}"
    )


def _convention_arg(value: object) -> Convention:
    if isinstance(value, Convention):
        return value
    raise InvalidInputError(
        f"convention must be a Convention (e.g. Convention.civil_code()); got {type(value).__name__} {brief(value)}"
    )


def _period_arg(value: object) -> Period:
    return period(value)  # type: ignore[arg-type]  # period() checks the type
