"""Overdue days: counting the calendar days a payment is late from a (rolled) deadline, and saying so in words.

Also the argument checks the other modules share: a whole number of days, a language.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final, TypeAlias

from slaclock._base.instants import before, is_missing, parse_iso
from slaclock._base.show import brief
from slaclock._base.types import Lang
from slaclock._calendar import WorkCalendar
from slaclock._rules.deadline import Deadline, read_instant
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from pendulum import DateTime

__all__ = ["WhenLike", "overdue_days", "overdue_text"]


WhenLike: TypeAlias = dt.date | dt.datetime | str
"""When a payment was made: a date, a datetime (naive = wall time in the calendar's zone) or ISO text."""

MAX_DAYS: Final = (dt.date.max - dt.date.min).days
"""The most days a count may hold: 3,652,058, from the first day of the year 1 to the last of 9999."""


# -- overdue days -------------------------------------------------------------------------------


def overdue_days(deadline: Deadline | dt.date | str, paid_at: WhenLike) -> int:
    """Calendar days a payment is late: from the day after the (rolled) last day to the payment day, inclusive.

    Paid before the deadline (an instant before ``deadline.due``, or a date no later than the last day): 0.
    Paid on the day after the last day: 1. Weekends and holidays after the deadline all count; only the last
    day of the payment period itself moves (art. 203, already applied by :func:`slaclock.deadline`).

    Parameters
    ----------
    deadline : Deadline, date or ISO date text
        A :class:`~slaclock.Deadline` (its ``due`` and rolled ``last_day`` are used), or the last day of the
        payment period as a date, already rolled by the caller.
    paid_at : date, datetime or ISO text
        With a ``Deadline``: a datetime is an instant (naive = wall time in the calendar's zone) compared with
        ``due``; a payment late on the last day itself (after the close of business) counts as 1 day; a date
        means some time that day. With a plain date deadline, a datetime's own date is used.

    Returns
    -------
    int
        0 or more. The count reads no calendar; it is as provisional as the deadline it starts from
        (``deadline.provisional``): see :attr:`LatePayment.provisional`.

    Raises
    ------
    InvalidInputError
        A deadline that is not a ``Deadline`` or a date (a datetime is refused: give a ``Deadline``), or a
        ``paid_at`` that is not a date or datetime.

    Examples
    --------
    >>> import datetime as dt, slaclock as sc
    >>> from slaclock import penalties
    >>> d = sc.deadline("2026-09-21", "10日内", calendar="CN")   # day 10 is 10-01: rolled past National Day
    >>> d.last_day
    datetime.date(2026, 10, 8)
    >>> [penalties.overdue_days(d, paid) for paid in ("2026-10-08T23:59", "2026-10-09", dt.date(2026, 10, 20))]
    [0, 1, 12]
    """
    last, due, cal = _deadline_arg(deadline)
    return _overdue(last, due, _when(paid_at, cal, "paid_at"))


def overdue_text(days: int, lang: Lang = "zh") -> str:
    """Overdue days in words: "逾期3日" / "overdue by 3 days" ("overdue by 1 day"; 0 is "未逾期" / "not overdue").

    Raises
    ------
    InvalidInputError
        A negative or non-int ``days``, more than 3,652,058 (the days from the year 1 to 9999), or a
        ``lang`` other than ``"zh"`` or ``"en"``.

    Examples
    --------
    >>> from slaclock.penalties import overdue_text
    >>> overdue_text(3), overdue_text(1, "en"), overdue_text(12, "en"), overdue_text(0)
    ('逾期3日', 'overdue by 1 day', 'overdue by 12 days', '未逾期')
    """
    n = _days_arg(days, "days")
    zh = _lang_arg(lang)
    if n == 0:
        return "未逾期" if zh else "not overdue"
    return f"逾期{n}日" if zh else f"overdue by {_en_days(n)}"


def _en_days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _when(value: object, cal: WorkCalendar | None, what: str) -> tuple[dt.date, DateTime | dt.datetime | None]:
    """The civil day of a payment (in the calendar's zone if there is one) and its instant, if it has a time."""
    if is_missing(value):  # pandas' NaT is a datetime whose date is NaT: no day to count to
        raise InvalidInputError(f"{what} is missing ({brief(value)}): give the day the payment was made")
    if isinstance(value, str):
        value = parse_iso(value, what)
    if isinstance(value, dt.datetime):
        if cal is not None:
            instant = read_instant(cal, value, what)
            assert instant is not None  # a datetime always has a time
            return dt.date(instant.year, instant.month, instant.day), instant
        return value.date(), value
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day), None
    raise InvalidInputError(
        f"{what} must be a date, a datetime or ISO text such as '2026-10-20'; got {type(value).__name__} {brief(value)}"
    )


def _deadline_arg(value: object) -> tuple[dt.date, DateTime | None, WorkCalendar | None]:
    """The last day, the exclusive due instant (if known) and the calendar (if any) of a deadline argument."""
    if isinstance(value, Deadline):
        return value.last_day, value.due, value.calendar
    if isinstance(value, str):
        value = parse_iso(value, "deadline")
    if isinstance(value, dt.datetime):
        raise InvalidInputError(
            f"deadline must be a Deadline or the last day of the payment period (a date), not the datetime "
            f"{value.isoformat()}: build it with sc.deadline(...) to get its exclusive due instant"
        )
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day), None, None
    raise InvalidInputError(
        "deadline must be a Deadline (sc.deadline(...)) or the last day of the payment period (a date); "
        f"got {type(value).__name__} {brief(value)}"
    )


def _overdue(last: dt.date, due: DateTime | None, when: tuple[dt.date, DateTime | dt.datetime | None]) -> int:
    day, instant = when
    late = (day - last).days
    if due is not None and instant is not None:
        return 0 if before(instant, due) else max(1, late)
    return max(0, late)


def _days_arg(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(
            f"{what} must be a whole number of days (int); got {type(value).__name__} {brief(value)}"
        )
    if value < 0:
        raise InvalidInputError(f"{what} must be 0 or more; got {brief(value)}")
    if value > MAX_DAYS:  # no two dates are further apart; the products stay within the 60-digit context
        raise InvalidInputError(
            f"{what} must be at most {MAX_DAYS:,} (the days from the year 1 to 9999); got {brief(value)}"
        )
    return value


def _lang_arg(lang: object) -> bool:
    if not isinstance(lang, str) or lang not in ("zh", "en"):
        raise InvalidInputError(f"lang must be 'zh' or 'en', got {brief(lang)}")
    return lang == "zh"
