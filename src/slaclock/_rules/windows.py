"""Windows: agreed validity ranges ("有效期自A至B") and monthly limits ("每月初五个工作日内").

Monthly limits are :class:`~slaclock.Deadline` values (one per month): what a
contract checks is the instant they end. A fixed range is a :class:`Window`,
which also has an opening instant.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, final, overload

import numpy as np

from slaclock._base.fold import fold
from slaclock._base.instants import MissingValueError, as_date, before, is_missing
from slaclock._base.show import brief, strf
from slaclock._base.types import Lang
from slaclock._calendar import WorkCalendar, day_table
from slaclock._periods.convention import Convention
from slaclock._periods.period import Period, Unit, parse_cached
from slaclock._rules.deadline import (
    _CIVIL,
    Deadline,
    Step,
    _calendar_arg,
    _clock_text,
    _close,
    _Context,
    _convention_arg,
    _end_of_day,
    _make,
    _roll_last_day,
    _start_ordinal,
    _wall,
    _warn_provisional,
    warn_provisional,
)
from slaclock.errors import InvalidInputError, PeriodParseError

if TYPE_CHECKING:
    from pendulum import DateTime

__all__ = ["MonthLike", "MonthlyRule", "Window", "fixed_window", "monthly_deadline", "monthly_deadlines"]

MonthLike: TypeAlias = str | dt.date | tuple[int, int] | np.datetime64
"""A month: ``"2025-10"``, any date in it, ``(2025, 10)`` or a ``datetime64``."""


@final
@dataclass(frozen=True, slots=True)
class Window:
    """An agreed range of days, both ends included: open from ``opens`` until just before ``closes``.

    Attributes
    ----------
    first_day, last_day : date
        The first and last days of the range (``last_day`` after any agreed roll).
    opens : pendulum.DateTime
        00:00 of ``first_day`` in the calendar's zone (inclusive).
    closes : pendulum.DateTime
        24:00 of ``last_day`` (or its close of business), exclusive.
    provisional : bool
        True iff the window read a calendar day past the official data: to roll its
        last day (``roll_fixed_ranges``), or for the close of business from the
        calendar's hours (``close_of_business="hours"``). A window that is neither
        rolled nor closed by the hours reads no day: it is never provisional.
    calendar : WorkCalendar
    convention : Convention

    Examples
    --------
    >>> import slaclock as sc
    >>> w = sc.fixed_window("有效期自2025-01-01至2025-01-31", calendar="CN")
    >>> w.last_day, w.closes.isoformat()
    (datetime.date(2025, 1, 31), '2025-02-01T00:00:00+08:00')
    >>> "2025-01-31T23:59" in w, "2025-02-01T00:00" in w
    (True, False)
    """

    first_day: dt.date
    last_day: dt.date
    opens: DateTime
    closes: DateTime
    provisional: bool
    calendar: WorkCalendar
    convention: Convention
    trace: tuple[Step, ...] = field(default=(), repr=False, compare=False)

    def __copy__(self) -> Window:
        return self

    def __deepcopy__(self, memo: object) -> Window:
        return self

    def __repr__(self) -> str:
        return (
            f"Window(opens={self.opens.isoformat()}, closes={self.closes.isoformat()}, "
            f"provisional={self.provisional}, calendar={self.calendar.region!r}, convention={self.convention.name!r})"
        )

    def __str__(self) -> str:
        closes = _clock_text(self.closes, self.last_day, self.calendar)
        return f"{self.first_day.isoformat()} 00:00 .. {closes} ({self.calendar.tz})"

    def __contains__(self, at: object) -> bool:
        """Whether instant ``at`` is inside the window; False for a missing ``at`` (None, NaT, NA, NaN)."""
        from slaclock._rules.deadline import read_instant

        try:
            instant = read_instant(self.calendar, at, "at")
        except MissingValueError:
            return False
        if instant is None:
            raise InvalidInputError(f"`in` needs an instant (a datetime); got the date {brief(at)}")
        return not before(instant, self.opens) and before(instant, self.closes)

    def steps(self, lang: Lang = "zh") -> list[str]:
        """The counting steps as a list of sentences (see :meth:`explain`)."""
        from slaclock._rules.explain import sentences

        return sentences(self, lang)

    def explain(self, lang: Lang = "zh") -> str:
        """The counting steps in Chinese (``"zh"``) or English (``"en"``)."""
        from slaclock._rules.explain import render

        return render(self, lang)


@overload
def fixed_window(
    first: dt.date | str,
    last: dt.date | str | None = None,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> Window: ...
@overload
def fixed_window(
    first: Any,
    last: Any = None,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> Window | None: ...
def fixed_window(
    first: Any,
    last: Any = None,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> Window | None:
    """An agreed validity range ("有效期自A至B"): both ends included, valid until 24:00 of the last day.

    An agreed end date is a term the parties chose (art. 204), so it is not rolled
    past a rest day unless ``convention.roll_fixed_ranges`` is set.

    Parameters
    ----------
    first : date-like, or the range as text
        The first day, or, with ``last`` omitted, text naming both days:
        "有效期自2025-01-01至2025-01-31", "2025年1月1日至2025年1月31日",
        "from 2025-01-01 to 2025-01-31", "2025-01-01..2025-01-31".
    last : date-like, optional
    calendar : WorkCalendar or str
    convention : Convention, optional

    Returns
    -------
    Window, or None when a day is missing (``first`` None, NaT, NA or NaN; ``last``
    NaT, NA or NaN: a ``last`` of None means that ``first`` is text naming both days)

    Raises
    ------
    InvalidInputError
        Unreadable text, or a last day before the first.
    CalendarHorizonError
        Only if the window reads a day outside the calendar: rolling is asked for,
        or it closes at the close of business from the calendar's hours (a last day
        past the official data has no known hours).

    Examples
    --------
    >>> import slaclock as sc
    >>> conv = sc.Convention.civil_code().replace(roll_fixed_ranges=True)
    >>> sc.fixed_window("2025-01-01", "2025-01-31", calendar="CN", convention=conv).last_day
    datetime.date(2025, 2, 5)
    """
    cal = _calendar_arg(calendar)
    conv = _CIVIL if convention is None else _convention_arg(convention)
    if is_missing(first) or (last is not None and is_missing(last)):
        return None
    if last is None:
        if not isinstance(first, str):
            raise InvalidInputError("fixed_window needs a last day, or text naming both days")
        first, last = _range_text(first)
    a = dt.date.fromordinal(_start_ordinal(cal, first, "first"))
    b = dt.date.fromordinal(_start_ordinal(cal, last, "last"))
    if b < a:
        raise InvalidInputError(f"the last day {b.isoformat()} is before the first day {a.isoformat()}")
    if a <= dt.date.min or b >= dt.date.max:  # 00:00 of 0001-01-01 or 24:00 of 9999-12-31 in the zone: no instant
        raise InvalidInputError(
            f"a window from {a.isoformat()} to {b.isoformat()} opens or closes outside the years 1 to 9999; "
            "its days must lie from 0001-01-02 to 9999-12-30"
        )
    ctx = _Context(cal)
    trace: list[Step] = [("fixed_range", a, b)]
    end = b
    if conv.roll_fixed_ranges:
        end = dt.date.fromordinal(_roll_last_day(ctx, conv, b.toordinal(), trace))
    else:
        trace.append(("fixed_no_roll", b))
    close = _close(ctx, conv, end)
    trace.append(("ends", end, close))
    opens = _wall(cal, a.year, a.month, a.day, 0, 0, 0, 0)
    closes = _end_of_day(cal, end, close)
    provisional = _warn_provisional(ctx, cal, end)
    return Window(a, end, opens, closes, provisional, cal, conv, tuple(trace))


# -- monthly limits -----------------------------------------------------------------------

MonthlyKind: TypeAlias = Literal["within_first", "before"]


@final
@dataclass(frozen=True, slots=True)
class MonthlyRule:
    """A monthly limit: "within the first N workdays" or "before the N-th workday" of each month.

    Parameters
    ----------
    kind : {"within_first", "before"}
        ``"within_first"``: until 24:00 of the month's N-th workday, counted from the
        1st (the 1st counts if it is a workday): "每月初五个工作日内".
        ``"before"``: until 00:00 of the month's N-th workday: "每月的第一个工作日前".
    n : int
        1 to 23.

    Examples
    --------
    >>> from slaclock import MonthlyRule
    >>> MonthlyRule.parse("每月初五个工作日内")
    MonthlyRule(kind='within_first', n=5)
    >>> MonthlyRule.parse("before the first working day of each month")
    MonthlyRule(kind='before', n=1)
    """

    kind: MonthlyKind
    n: int

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or self.kind not in ("within_first", "before"):
            raise InvalidInputError(f"MonthlyRule kind must be 'within_first' or 'before'; got {brief(self.kind)}")
        if type(self.n) is not int or not 1 <= self.n <= _MAX_MONTH_WORKDAYS:
            raise InvalidInputError(
                f"MonthlyRule n must be an int from 1 to {_MAX_MONTH_WORKDAYS}; got {brief(self.n)}"
            )

    @classmethod
    def parse(cls, text: str) -> MonthlyRule:
        """Read "每月初五个工作日内", "每月前5个工作日", "每月的第一个工作日前", "first 5 workdays of each month", …

        Raises
        ------
        PeriodParseError
            Text that is neither form.
        """
        if not isinstance(text, str):
            raise InvalidInputError(f"expected the rule as text; got {type(text).__name__} {brief(text)}")
        s = fold(text).strip().lower()
        kind: MonthlyKind
        for kind, pattern in _RULES:
            m = pattern.fullmatch(s)
            if m:
                return cls(kind, _count(m.group("n"), text))
        raise PeriodParseError(
            f"cannot read {brief(text)} as a monthly rule; write e.g. '每月初五个工作日内', '每月的第一个工作日前', "
            "'within the first 5 workdays of each month' or 'before the first workday of each month'",
            text,
            0,
        )


_MAX_MONTH_WORKDAYS: Final = 23
_NUM: Final = r"(?P<n>[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3}|[a-z]+|[0-9]{1,2}(?:st|nd|rd|th))"
_WD_ZH: Final = r"个?工作日"
_WD_EN: Final = r"(?:workdays?|work days?|working days?|business days?)"
_EACH: Final = r"(?:each|every|the|a) month"
_RULES: Final[tuple[tuple[MonthlyKind, re.Pattern[str]], ...]] = (
    ("within_first", re.compile(rf"每个?月(?:的)?(?:初|前|头)?{_NUM}{_WD_ZH}(?:内|以内|之内)?")),
    ("before", re.compile(rf"每个?月(?:的)?第?{_NUM}{_WD_ZH}(?:之|以)?前")),
    ("within_first", re.compile(rf"(?:within |in )?(?:the )?first {_NUM} {_WD_EN} of {_EACH}")),
    ("before", re.compile(rf"(?:by |before )(?:the )?{_NUM} {_WD_EN} of {_EACH}")),
)
_ORDINALS: Final = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}


def _count(word: str, text: str) -> int:
    if word in _ORDINALS:
        return _ORDINALS[word]
    stripped = word[:-2] if word[-2:] in ("st", "nd", "rd", "th") and word[:-2].isdigit() else word
    try:
        n = parse_cached(f"{stripped} workdays" if stripped.isascii() else f"{stripped}个工作日").amount
    except PeriodParseError:
        raise PeriodParseError(
            f"cannot read the count {brief(word)} in the monthly rule {brief(text)}", text, 0
        ) from None
    if n > _MAX_MONTH_WORKDAYS:
        raise PeriodParseError(f"no month has {n} workdays ({brief(text)})", text, 0)
    return n


@overload
def monthly_deadline(
    month: None,
    rule: str | MonthlyRule,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> None: ...
@overload
def monthly_deadline(
    month: MonthLike,
    rule: str | MonthlyRule,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> Deadline: ...
def monthly_deadline(
    month: MonthLike | None,
    rule: str | MonthlyRule,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> Deadline | None:
    """The deadline of a monthly limit in one month ("每月初五个工作日内", "每月的第一个工作日前").

    Parameters
    ----------
    month : "YYYY-MM", a date in the month, (year, month) or datetime64
        A missing month (None, NaT, NA, NaN) gives None.
    rule : str or MonthlyRule
    calendar : WorkCalendar or str
    convention : Convention, optional
        ``close_of_business`` ends a "within" window at the close of its last
        workday; a "before" limit always ends at 00:00 of the N-th workday.

    Returns
    -------
    Deadline
        ``kind`` is ``"month_within"`` or ``"month_before"``; ``start`` is the 1st
        of the month; ``period`` is N workdays.

    Raises
    ------
    CalendarHorizonError
        The month is outside the calendar's data.

    Examples
    --------
    >>> import slaclock as sc
    >>> sc.monthly_deadline("2025-10", "每月初五个工作日内", calendar="CN").last_day
    datetime.date(2025, 10, 14)
    >>> d = sc.monthly_deadline("2025-10", "每月的第一个工作日前", calendar="CN")
    >>> d.last_day, d.due.isoformat()
    (datetime.date(2025, 10, 8), '2025-10-09T00:00:00+08:00')
    """
    cal = _calendar_arg(calendar)
    conv = _CIVIL if convention is None else _convention_arg(convention)
    r = rule if isinstance(rule, MonthlyRule) else MonthlyRule.parse(rule)
    if is_missing(month):
        return None
    return _monthly(cal, conv, r, _month_arg(month), warn=True)


def _monthly(cal: WorkCalendar, conv: Convention, r: MonthlyRule, first: dt.date, *, warn: bool) -> Deadline:
    """:func:`monthly_deadline` of the month starting ``first``; ``warn=False`` leaves the warning to the caller."""
    ctx = _Context(cal)
    i = ctx.index(first.toordinal(), "monthly_deadline")
    k = ctx.ix.rank_l[i] + r.n - 1
    if k >= ctx.ix.npos:
        raise day_table(cal).horizon_error(
            f"monthly_deadline: workday {r.n} of {strf(first, '%Y-%m')}", after=True, count=1, total=1, index=0
        )
    nth = dt.date.fromordinal(ctx.ix.pos_ord_l[k])
    ctx.index(nth.toordinal(), "monthly_deadline")
    if (nth.year, nth.month) != (first.year, first.month):
        raise InvalidInputError(f"{strf(first, '%Y-%m')} has fewer than {r.n} workdays in {cal.region}")
    p = Period(r.n, Unit.WORKDAY)
    if r.kind == "within_first":
        close = _close(ctx, conv, nth)
        trace: list[Step] = [("month_nth", first, r.n, nth), ("ends", nth, close)]
        due = _end_of_day(cal, nth, close)
        return _make(first, p, due, nth, ctx, cal, conv, "month_within", trace, warn)
    last = nth - dt.timedelta(days=1)
    trace = [("month_before", first, r.n, nth), ("ends", last, None)]
    due = _wall(cal, nth.year, nth.month, nth.day, 0, 0, 0, 0)
    return _make(first, p, due, last, ctx, cal, conv, "month_before", trace, warn)


@overload
def monthly_deadlines(
    first: MonthLike,
    last: MonthLike,
    rule: str | MonthlyRule,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> list[Deadline]: ...
@overload
def monthly_deadlines(
    first: MonthLike | None,
    last: MonthLike | None,
    rule: str | MonthlyRule,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> list[Deadline] | None: ...
def monthly_deadlines(
    first: MonthLike | None,
    last: MonthLike | None,
    rule: str | MonthlyRule,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
) -> list[Deadline] | None:
    """:func:`monthly_deadline` for every month from ``first`` to ``last``, both included.

    A missing ``first`` or ``last`` (None, NaT, NA, NaN) names no range of months: None.

    Each month's deadline is ``provisional`` on its own; one :class:`ProvisionalWarning`
    for the whole call names the first provisional month.

    Examples
    --------
    >>> import slaclock as sc
    >>> rule = "每月初五个工作日内"
    >>> [d.last_day.isoformat() for d in sc.monthly_deadlines("2026-01", "2026-03", rule, calendar="CN")]
    ['2026-01-08', '2026-02-06', '2026-03-06']
    """
    from dateutil.rrule import MONTHLY, rrule

    cal = _calendar_arg(calendar)
    conv = _CIVIL if convention is None else _convention_arg(convention)
    r = rule if isinstance(rule, MonthlyRule) else MonthlyRule.parse(rule)
    if is_missing(first) or is_missing(last):
        return None
    a, b = _month_arg(first), _month_arg(last)
    if b < a:
        raise InvalidInputError(f"the last month {strf(b, '%Y-%m')} is before the first month {strf(a, '%Y-%m')}")
    out = [
        _monthly(cal, conv, r, m.date(), warn=False)
        for m in rrule(MONTHLY, dtstart=dt.datetime(a.year, a.month, 1), until=dt.datetime(b.year, b.month, 1))
    ]
    provisional = [d for d in out if d.provisional]
    if provisional:
        first_day = provisional[0].last_day.isoformat()
        warn_provisional(cal, f"{len(provisional)} of {len(out)} monthly deadlines (the first {first_day}) rest")
    return out


def _month_arg(month: object) -> dt.date:
    if isinstance(month, tuple) and len(month) == 2 and all(type(v) is int for v in month):
        y, m = month
    elif isinstance(month, dt.date):
        y, m = month.year, month.month
    elif isinstance(month, str):
        hit = re.fullmatch(r"\s*(\d{4})-(\d{1,2})(?:-\d{1,2})?\s*", month) or re.fullmatch(
            r"\s*(\d{4})年(\d{1,2})月\s*", month
        )
        if hit is None:
            raise InvalidInputError(f"month must look like '2025-10' or '2025年10月'; got {brief(month)}")
        y, m = int(hit.group(1)), int(hit.group(2))
    elif isinstance(month, np.datetime64) and (day := as_date(month)) is not None:
        y, m = day.year, day.month
    else:
        raise InvalidInputError(
            f"month must be 'YYYY-MM', a date, (year, month) or datetime64; got {type(month).__name__} {brief(month)}"
        )
    if not (1 <= m <= 12 and dt.MINYEAR <= y <= dt.MAXYEAR):
        raise InvalidInputError(f"no such month: {y}-{m}")
    return dt.date(y, m, 1)


_DATE: Final = r"(\d{4})(?:-|/|年)(\d{1,2})(?:-|/|月)(\d{1,2})日?"
_RANGE: Final = re.compile(
    rf"(?:有效期)?(?:为)?(?:自|从|from )?{_DATE}(?:起)?(?:至|到|~|\.\.|—|–|-| to | until | through ){_DATE}(?:止)?"
)


_SEPARATOR: Final = re.compile(r" ?(至|到|~|\.\.|—|–) ?")


def _range_text(text: str) -> tuple[dt.date, dt.date]:
    # whitespace runs to one space first: the separator's optional spaces are then one character each, and
    # reading stays linear (``\s*`` around it backtracked over a long run of spaces: 4 s for 16,000; issue 15)
    s = " ".join(fold(text).lower().split())
    s = _SEPARATOR.sub(r"\1", s)
    m = _RANGE.fullmatch(s)
    if m is None:
        raise InvalidInputError(
            f"cannot read {brief(text)} as a range of days; write e.g. '有效期自2025-01-01至2025-01-31' or "
            "'2025-01-01..2025-01-31', or pass the two dates"
        )
    try:
        a = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        b = dt.date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
    except ValueError as exc:
        raise InvalidInputError(f"{brief(text)}: {exc}") from None
    return a, b
