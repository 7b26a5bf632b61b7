"""``chinese_calendar``'s day functions, answered from a slaclock calendar.

A drop-in for the `chinese_calendar <https://pypi.org/project/chinesecalendar/>`_ package (1.11):
change the import and keep the calls::

    -from chinese_calendar import is_workday, find_workday
    +from slaclock.compat.chinese_calendar import is_workday, find_workday

:func:`is_workday`, :func:`is_holiday`, :func:`is_in_lieu`, :func:`get_holiday_detail`,
:func:`get_dates`, :func:`get_holidays`, :func:`get_workdays` and :func:`find_workday` keep that
package's signatures and answers, with these differences (``docs/migrate-chinese-calendar.md``):

- **2005-12-31 is a workday.** The 2006 notice (国办发明电〔2005〕35号) says "12月31日（星期六）上班";
  ``chinese_calendar`` has it as a weekend. Here ``is_workday(date(2005, 12, 31))`` is True and
  ``get_holiday_detail`` gives ``(False, "New Year's Day")``, as for every other makeup workday.
- **Past the data: the horizon error, or a projected answer.** Where ``chinese_calendar`` raises
  ``NotImplementedError("no available data for year 2027…")`` (every January until its next
  release), this raises :class:`HorizonError`, which names the date, the span of the data and the
  two ways on. It is a :class:`~slaclock.CalendarHorizonError` *and* a ``NotImplementedError``, so
  code written against ``chinese_calendar`` that catches ``NotImplementedError`` keeps working
  unchanged. The ways on: a projected calendar (``set_calendar(sc.calendar("CN",
  horizon="projected"))``: statutory holidays by rule, no makeup workdays, each call that read such
  a day warns once with :class:`~slaclock.ProvisionalWarning`), or the newly published year loaded
  from its notice (``sc.calendar("CN", arrangements="cn-2027.toml")``): answered officially.
- **Wrong types** raise :class:`~slaclock.errors.InvalidInputError` (a ``ValueError`` and a
  ``TypeError``) naming the value, where ``chinese_calendar`` raised ``NotImplementedError``. Dates
  are ``datetime.date`` or ``datetime.datetime`` as there (a datetime's own wall date, never
  converted between zones; text and numpy values are refused, as there).
- **Names** are ``chinese_calendar``'s: the English values of its ``Holiday`` enum ("National Day",
  "Labour Day", "Mid-autumn Festival"…), plain ``str`` as it returns them. :class:`Holiday` mirrors
  the enum (a ``StrEnum``, so a member also equals its name) with its ``chinese`` names; its
  ``days`` attribute (the statutory count before the 2025 reform) is not kept. Which holiday a day
  belongs to is worked out from the calendar: a day off belongs to the holiday of its run of
  consecutive rest days (the holiday with the most statutory days in the run; a statutory day of
  another holiday keeps its own name, so 2023-09-29 is "Mid-autumn Festival" and 2023-09-30
  "National Day"), and a makeup workday to the holiday whose rest it moved.
- **In lieu** (:func:`is_in_lieu`): a weekday off in exchange for a makeup workday. Where one
  holiday has both such days and a day off for a statutory day that fell on a weekend (补假),
  ``chinese_calendar`` and slaclock's data (from ``holidays``) sometimes label different days of the
  holiday; the notices do not say which is which, and the days off are the same.
- **The calendar** is ``sc.calendar("CN")`` unless :func:`set_calendar` sets another for the
  module (a projected one, or one with published arrangements or company closures), or a call
  passes ``calendar=``. This is module state, as ``chinese_calendar``'s data is: the one default
  slaclock keeps, so that drop-in code needs no edit at each call.
- ``find_workday(delta_days=0, date=None)`` keeps ``chinese_calendar``'s counting: day 0 is the
  first workday on or after ``date``, so ``find_workday(3, <a rest day>)`` is one workday later
  than ``cal.add_workdays(<a rest day>, 3)`` (the Civil Code count), and ``date=None`` means today
  (the only place slaclock reads the clock; pass ``date=`` in code that must be testable).

Solar terms (``get_solar_terms``) and the raw ``holidays``/``workdays``/``in_lieu_days`` dicts are
not provided. Only mainland (``"CN"``) calendars are accepted.

Examples
--------
>>> import datetime as dt
>>> from slaclock.compat.chinese_calendar import find_workday, get_holiday_detail, is_workday
>>> is_workday(dt.date(2026, 2, 14)), get_holiday_detail(dt.date(2026, 10, 5))
(True, (True, 'National Day'))
>>> find_workday(0, dt.date(2026, 10, 1)), find_workday(-1, dt.date(2026, 10, 9))
(datetime.date(2026, 10, 8), datetime.date(2026, 10, 8))
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import threading
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, final

import numpy as np
import numpy.typing as npt

from slaclock._base.show import brief
from slaclock._base.warn import reading, warn_past
from slaclock._calendar import WorkCalendar, calendar
from slaclock._days.kinds import DayKind
from slaclock.errors import CalendarDataError, CalendarHorizonError, InvalidInputError

__all__ = [
    "Holiday",
    "HorizonError",
    "find_workday",
    "get_calendar",
    "get_dates",
    "get_holiday_detail",
    "get_holidays",
    "get_workdays",
    "is_holiday",
    "is_in_lieu",
    "is_workday",
    "set_calendar",
]


class HorizonError(CalendarHorizonError, NotImplementedError):
    """A date lies past (or before) the calendar's data: ``chinese_calendar``'s ``NotImplementedError``, explained.

    A :class:`~slaclock.CalendarHorizonError` (and so a ``LookupError``) like every slaclock horizon
    error, and also a ``NotImplementedError``, the exception ``chinese_calendar`` raises there, so
    that drop-in code catching it keeps working. The message names the date, the data's span and the
    ways on (``horizon="projected"``, or the published arrangement).
    """


@final
class Holiday(StrEnum):
    """``chinese_calendar.Holiday``: the names :func:`get_holiday_detail` returns, as its English values.

    Examples
    --------
    >>> Holiday.national_day.value, Holiday.national_day.chinese
    ('National Day', '国庆节')
    >>> Holiday.labour_day == "Labour Day"
    True
    """

    new_years_day = "New Year's Day"
    spring_festival = "Spring Festival"
    tomb_sweeping_day = "Tomb-sweeping Day"
    labour_day = "Labour Day"
    dragon_boat_festival = "Dragon Boat Festival"
    national_day = "National Day"
    mid_autumn_festival = "Mid-autumn Festival"
    anti_fascist_70th_day = "Anti-Fascist 70th Day"

    @property
    def chinese(self) -> str:
        """The Chinese name, as ``chinese_calendar`` gives it."""
        return _CHINESE[self]


_CHINESE: Final = {
    Holiday.new_years_day: "元旦",
    Holiday.spring_festival: "春节",
    Holiday.tomb_sweeping_day: "清明",
    Holiday.labour_day: "劳动节",
    Holiday.dragon_boat_festival: "端午",
    Holiday.national_day: "国庆节",
    Holiday.mid_autumn_festival: "中秋",
    Holiday.anti_fascist_70th_day: "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# A slaclock day name (Chinese, from the bundled data, an arrangement file or the statutory rules) → the holiday.
# The victory day's key comes first: its name holds no other key, but it must never fall through to None.
_KEYS: Final = (
    ("反法西斯", Holiday.anti_fascist_70th_day),
    ("元旦", Holiday.new_years_day),
    ("除夕", Holiday.spring_festival),
    ("春节", Holiday.spring_festival),
    ("清明", Holiday.tomb_sweeping_day),
    ("劳动节", Holiday.labour_day),
    ("端午", Holiday.dragon_boat_festival),
    ("中秋", Holiday.mid_autumn_festival),
    ("国庆", Holiday.national_day),
)
_MOVED: Final = re.compile(r"rest moved to (\d{4}-\d\d-\d\d)")
_REST_KINDS: Final = frozenset({DayKind.HOLIDAY.value, DayKind.TRANSFERRED_REST.value})


# -- the calendar the module answers from -------------------------------------------------------------

_LOCK: Final = threading.Lock()
_default: WorkCalendar | None = None


def set_calendar(cal: WorkCalendar | None) -> WorkCalendar:
    """Make ``cal`` the calendar every function of this module answers from; ``None`` restores the default.

    The default is ``sc.calendar("CN")``, official data only. A call's own ``calendar=`` wins.

    Parameters
    ----------
    cal : WorkCalendar or None
        A mainland calendar: ``sc.calendar("CN", horizon="projected")`` to answer past the data
        (provisionally, with a warning), ``sc.calendar("CN", arrangements=...)`` with a newly
        published year, or one with ``closures=``/``extra_workdays=``.

    Returns
    -------
    WorkCalendar
        The calendar used before (to restore it later).

    Raises
    ------
    CalendarDataError
        ``cal`` is not a ``WorkCalendar`` of region CN.

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock.compat import chinese_calendar as cc
    >>> before = cc.set_calendar(sc.calendar("CN", closures={"2026-12-31": "year-end shutdown"}))
    >>> cc.is_workday(dt.date(2026, 12, 31))
    False
    >>> cc.set_calendar(before).region
    'CN'
    """
    global _default
    checked = None if cal is None else _checked(cal)
    with _LOCK:
        previous = _default if _default is not None else calendar("CN")
        _default = checked
    return previous


def get_calendar() -> WorkCalendar:
    """The calendar the module answers from when a call passes no ``calendar=`` (see :func:`set_calendar`).

    Examples
    --------
    >>> from slaclock.compat.chinese_calendar import get_calendar
    >>> get_calendar().official_until
    datetime.date(2026, 12, 31)
    """
    current = _default
    return current if current is not None else calendar("CN")


def _checked(cal: object) -> WorkCalendar:
    if not isinstance(cal, WorkCalendar) or cal.region != "CN" or cal.custom_span is not None:
        raise CalendarDataError(
            f"calendar must be a mainland calendar, sc.calendar('CN', ...); got {brief(cal)} "
            "(chinese_calendar's answers are the mainland's)"
        )
    return cal


# -- the days of one calendar, as chinese_calendar sees them ---------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class _Days:
    """One calendar's days from ``first`` on: workday, in lieu, and the holiday each belongs to (or None)."""

    first: int  # ordinal of index 0
    official_until: int  # ordinal of the last official day
    work: npt.NDArray[np.bool_]
    in_lieu: npt.NDArray[np.bool_]
    names: tuple[str | None, ...]
    ranks: npt.NDArray[np.int64]  # workdays before each index
    workdays: npt.NDArray[np.int64]  # the indices of the workdays, in order


@functools.lru_cache(maxsize=8)
def _days(cal: WorkCalendar) -> _Days:
    first, last = cal.first_day, cal.last_day
    dates = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
    with reading():  # the whole span is read to build the table; each call warns for what it reads itself
        work = np.asarray(cal.is_workday(dates), dtype=bool)
        kinds = np.asarray(cal.day_kind(dates))
        special = np.flatnonzero((kinds != DayKind.WORKDAY.value) & (kinds != DayKind.WEEKEND.value))
        zh = {int(i): cal.holiday_name(first + dt.timedelta(days=int(i))) or "" for i in special}
        en = {int(i): cal.holiday_name(first + dt.timedelta(days=int(i)), lang="en") or "" for i in special}
    weekday = (np.arange(len(dates)) + first.weekday()) % 7 < 5
    transferred = kinds == DayKind.TRANSFERRED_REST.value
    observed = np.zeros(len(dates), dtype=bool)
    for i, name in en.items():
        observed[i] = name.endswith("(observed)")
    in_lieu = transferred & weekday & ~observed
    names = _names(work, kinds, zh, en, first)
    ranks = np.concatenate(([0], np.cumsum(work)[:-1])).astype(np.int64)
    return _Days(first.toordinal(), cal.official_until.toordinal(), work, in_lieu, names, ranks, np.flatnonzero(work))


def _holidays_in(name: str) -> list[Holiday]:
    """The holidays a slaclock day name speaks of ("中秋节; 国庆节" speaks of two), in the order given."""
    found: list[Holiday] = []
    for part in name.split(";"):
        for key, holiday in _KEYS:
            if key in part and holiday not in found:
                found.append(holiday)
                break
    return found


def _names(
    work: npt.NDArray[np.bool_], kinds: npt.NDArray[np.str_], zh: dict[int, str], en: dict[int, str], first: dt.date
) -> tuple[str | None, ...]:
    names: list[str | None] = [None] * len(work)
    # Days off: each run of consecutive rest days holding a statutory or transferred day is one holiday period.
    rest = np.flatnonzero(~work)
    if len(rest):
        breaks = np.flatnonzero(np.diff(rest) != 1) + 1
        for run in np.split(rest, breaks):
            if not any(kinds[i] in _REST_KINDS for i in run):
                continue  # an ordinary weekend (or a closure of the caller's own)
            counts: dict[Holiday, int] = {}
            for i in run:
                if kinds[i] == DayKind.HOLIDAY.value:
                    for holiday in _holidays_in(zh.get(int(i), "")):
                        counts[holiday] = counts.get(holiday, 0) + 1
            if not counts:  # only transferred days: their own names, else none known
                for i in run:
                    for holiday in _holidays_in(zh.get(int(i), "")):
                        counts[holiday] = counts.get(holiday, 0) + 1
            if not counts:
                continue
            main = max(counts, key=lambda h: counts[h])  # the first of the most frequent, in date order
            for i in run:
                own = _holidays_in(zh.get(int(i), "")) if kinds[i] == DayKind.HOLIDAY.value else []
                if kinds[i] == DayKind.CLOSURE.value:
                    continue
                names[i] = own[0].value if len(own) == 1 else main.value
    # Makeup workdays: the holiday whose rest they moved (named in the bundled data), else the one they name.
    for i in np.flatnonzero(kinds == DayKind.MAKEUP_WORKDAY.value):
        moved = _MOVED.search(en.get(int(i), ""))
        target = (dt.date.fromisoformat(moved[1]) - first).days if moved else -1
        if 0 <= target < len(names) and names[target] is not None:
            names[i] = names[target]
        else:
            own = _holidays_in(zh.get(int(i), ""))
            names[i] = own[0].value if own else None
    return tuple(names)


# -- reading the arguments -----------------------------------------------------------------------------


def _date(value: object, what: str = "date") -> dt.date:
    """chinese_calendar's ``_wrap_date``: a datetime's own date; a date as it is; anything else refused."""
    if isinstance(value, dt.date) and value == value:  # pandas' NaT: a datetime unequal to itself, with no date
        return value.date() if isinstance(value, dt.datetime) else value
    raise InvalidInputError(
        f"{what} must be a datetime.date or datetime.datetime, as in chinese_calendar; got {brief(value)}"
    )


def _index(days: _Days, cal: WorkCalendar, d: dt.date, fn: str) -> int:
    i = d.toordinal() - days.first
    if 0 <= i < len(days.work):
        return i
    try:  # the calendar's own message: the date, the span, horizon='projected' and arrangements=
        cal.is_workday(d)
    except CalendarHorizonError as e:
        text, asked = str(e), f"is_workday({d.isoformat()}): "
        text = text.removeprefix(asked)  # said once, as this function's
        if i >= 0 and cal.horizon == "official":
            text += "; here, give that calendar to set_calendar() or calendar="
        raise HorizonError(f"chinese_calendar.{fn}: {d.isoformat()} is {text}") from None
    raise AssertionError(f"{d} outside the table of a calendar that answers for it")  # pragma: no cover


def _warn_past(days: _Days, cal: WorkCalendar, last_read: int, fn: str) -> None:
    if last_read + days.first > days.official_until:
        warn_past(
            f"chinese_calendar.{fn} read",
            cal.region,
            cal.official_until,
            "Load the published arrangement with arrangements= when it is out.",
        )


def _context(cal: WorkCalendar | None) -> tuple[WorkCalendar, _Days]:
    chosen = get_calendar() if cal is None else _checked(cal)
    return chosen, _days(chosen)


def _one(value: object, cal: WorkCalendar | None, fn: str) -> tuple[_Days, int]:
    d = _date(value)
    chosen, days = _context(cal)
    i = _index(days, chosen, d, fn)
    _warn_past(days, chosen, i, fn)
    return days, i


# -- chinese_calendar's functions ------------------------------------------------------------------------


def is_workday(date: dt.date, *, calendar: WorkCalendar | None = None) -> bool:
    """Whether Chinese people work on ``date``: a working weekday or a makeup workday (调休上班).

    Parameters
    ----------
    date : datetime.date or datetime.datetime
        A datetime's own date is read (no zone conversion), as in ``chinese_calendar``.
    calendar : WorkCalendar, optional
        A mainland calendar; default the module's (:func:`set_calendar`).

    Returns
    -------
    bool

    Raises
    ------
    HorizonError
        ``date`` is outside the calendar's data (also a ``NotImplementedError``).
    InvalidInputError
        ``date`` is not a date or datetime.

    See Also
    --------
    slaclock.WorkCalendar.is_workday : the same question for dates, text or whole columns.

    Examples
    --------
    >>> import datetime as dt
    >>> from slaclock.compat.chinese_calendar import is_workday
    >>> is_workday(dt.date(2026, 10, 1)), is_workday(dt.date(2026, 10, 10)), is_workday(dt.date(2005, 12, 31))
    (False, True, True)
    """
    days, i = _one(date, calendar, "is_workday")
    return bool(days.work[i])


def is_holiday(date: dt.date, *, calendar: WorkCalendar | None = None) -> bool:
    """Whether Chinese people rest on ``date`` (any rest day, weekends included): ``not is_workday(date)``.

    Parameters
    ----------
    date : datetime.date or datetime.datetime
        A datetime's own date is read (no zone conversion), as in ``chinese_calendar``.
    calendar : WorkCalendar, optional
        A mainland calendar; default the module's (:func:`set_calendar`).

    Returns
    -------
    bool

    Raises
    ------
    HorizonError
        ``date`` is outside the calendar's data (also a ``NotImplementedError``).
    InvalidInputError
        ``date`` is not a date or datetime.

    See Also
    --------
    is_workday : its opposite.

    Examples
    --------
    >>> import datetime as dt
    >>> from slaclock.compat.chinese_calendar import is_holiday
    >>> is_holiday(dt.date(2026, 10, 1)), is_holiday(dt.date(2026, 10, 11)), is_holiday(dt.date(2026, 10, 10))
    (True, True, False)
    """
    days, i = _one(date, calendar, "is_holiday")
    return not bool(days.work[i])


def is_in_lieu(date: dt.date, *, calendar: WorkCalendar | None = None) -> bool:
    """Whether ``date`` is a weekday off given in exchange for a makeup workday (调休放假).

    A day off for a statutory holiday that fell on a weekend (补假, "observed") is not in lieu.

    Parameters
    ----------
    date : datetime.date or datetime.datetime
        A datetime's own date is read (no zone conversion), as in ``chinese_calendar``.
    calendar : WorkCalendar, optional
        A mainland calendar; default the module's (:func:`set_calendar`).

    Returns
    -------
    bool

    Raises
    ------
    HorizonError
        ``date`` is outside the calendar's data (also a ``NotImplementedError``).
    InvalidInputError
        ``date`` is not a date or datetime.

    See Also
    --------
    slaclock.WorkCalendar.day_kind : ``DayKind.TRANSFERRED_REST`` marks every transferred day off, 补假 included.

    Examples
    --------
    >>> import datetime as dt
    >>> from slaclock.compat.chinese_calendar import is_in_lieu
    >>> is_in_lieu(dt.date(2026, 10, 6)), is_in_lieu(dt.date(2026, 10, 1)), is_in_lieu(dt.date(2026, 10, 5))
    (True, False, False)
    """
    days, i = _one(date, calendar, "is_in_lieu")
    return bool(days.in_lieu[i])


def get_holiday_detail(date: dt.date, *, calendar: WorkCalendar | None = None) -> tuple[bool, str | None]:
    """Whether ``date`` is a rest day, and the holiday it belongs to (``None`` on ordinary days).

    Parameters
    ----------
    date : datetime.date or datetime.datetime
        A datetime's own date is read (no zone conversion), as in ``chinese_calendar``.
    calendar : WorkCalendar, optional
        A mainland calendar; default the module's (:func:`set_calendar`).

    Returns
    -------
    tuple of (bool, str or None)
        ``(True, name)`` for a day of a holiday period (weekends inside it too); ``(False, name)`` for
        a makeup workday, named for the holiday whose rest it moved; ``(True, None)`` for an ordinary
        weekend; ``(False, None)`` for an ordinary workday. Names are :class:`Holiday` values.

    Raises
    ------
    HorizonError
        ``date`` is outside the calendar's data (also a ``NotImplementedError``).
    InvalidInputError
        ``date`` is not a date or datetime.

    See Also
    --------
    slaclock.WorkCalendar.holiday_name : the day's own name in Chinese or English (补假 and 调休 days said so).

    Examples
    --------
    >>> import datetime as dt
    >>> from slaclock.compat.chinese_calendar import get_holiday_detail
    >>> get_holiday_detail(dt.date(2026, 9, 20)), get_holiday_detail(dt.date(2026, 2, 21))
    ((False, 'National Day'), (True, 'Spring Festival'))
    >>> get_holiday_detail(dt.date(2026, 3, 7)), get_holiday_detail(dt.date(2026, 3, 9))
    ((True, None), (False, None))
    """
    days, i = _one(date, calendar, "get_holiday_detail")
    return not bool(days.work[i]), days.names[i]


def get_dates(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every date from ``start`` to ``end``, both included (empty if ``end < start``); no calendar is read.

    Examples
    --------
    >>> import datetime as dt
    >>> from slaclock.compat.chinese_calendar import get_dates
    >>> get_dates(dt.date(2026, 12, 31), dt.datetime(2027, 1, 1, 9, 30))
    [datetime.date(2026, 12, 31), datetime.date(2027, 1, 1)]
    """
    a, b = _date(start, "start"), _date(end, "end")
    return [a + dt.timedelta(days=k) for k in range((b - a).days + 1)]


def _span(start: object, end: object, cal: WorkCalendar | None, fn: str) -> tuple[_Days, int, int]:
    a, b = _date(start, "start"), _date(end, "end")
    chosen, days = _context(cal)
    i, j = _index(days, chosen, a, fn), _index(days, chosen, b, fn)
    if i <= j:
        _warn_past(days, chosen, j, fn)
    return days, i, j


def _dates(days: _Days, picked: npt.NDArray[np.int64]) -> list[dt.date]:
    return [dt.date.fromordinal(days.first + int(k)) for k in picked]


def get_holidays(
    start: dt.date, end: dt.date, include_weekends: bool = True, *, calendar: WorkCalendar | None = None
) -> list[dt.date]:
    """The rest days from ``start`` to ``end``, both included.

    Parameters
    ----------
    start, end : datetime.date or datetime.datetime
        Both must lie in the calendar's data (as in ``chinese_calendar``), even when ``end < start``
        (then the list is empty).
    include_weekends : bool, default True
        False keeps only the days of holiday periods (the days :func:`get_holiday_detail` names,
        weekends inside a holiday period included): ``chinese_calendar``'s meaning, which its
        docstring words as "excluding Saturdays and Sundays".
    calendar : WorkCalendar, optional
        A mainland calendar; default the module's (:func:`set_calendar`).

    Returns
    -------
    list of datetime.date

    Raises
    ------
    HorizonError
        ``start`` or ``end`` is outside the calendar's data.
    InvalidInputError
        ``start`` or ``end`` is not a date or datetime.

    Examples
    --------
    >>> import datetime as dt
    >>> from slaclock.compat.chinese_calendar import get_holidays
    >>> [d.day for d in get_holidays(dt.date(2026, 9, 19), dt.date(2026, 9, 27))]
    [19, 25, 26, 27]
    >>> [d.day for d in get_holidays(dt.date(2026, 9, 19), dt.date(2026, 9, 27), include_weekends=False)]
    [25, 26, 27]
    """
    days, i, j = _span(start, end, calendar, "get_holidays")
    picked = np.arange(i, j + 1)
    rest = ~days.work[i : j + 1]
    if not include_weekends:
        rest &= np.array([days.names[k] is not None for k in range(i, j + 1)], dtype=bool)
    return _dates(days, picked[rest])


def get_workdays(
    start: dt.date, end: dt.date, include_weekends: bool = True, *, calendar: WorkCalendar | None = None
) -> list[dt.date]:
    """The workdays from ``start`` to ``end``, both included.

    Parameters
    ----------
    start, end : datetime.date or datetime.datetime
        As in :func:`get_holidays`.
    include_weekends : bool, default True
        False leaves out the makeup workdays (Saturdays and Sundays worked, 调休上班).
    calendar : WorkCalendar, optional
        A mainland calendar; default the module's (:func:`set_calendar`).

    Returns
    -------
    list of datetime.date

    Raises
    ------
    HorizonError
        ``start`` or ``end`` is outside the calendar's data.
    InvalidInputError
        ``start`` or ``end`` is not a date or datetime.

    Examples
    --------
    >>> import datetime as dt
    >>> from slaclock.compat.chinese_calendar import get_workdays
    >>> [d.day for d in get_workdays(dt.date(2026, 2, 12), dt.date(2026, 2, 16))]
    [12, 13, 14]
    >>> [d.day for d in get_workdays(dt.date(2026, 2, 12), dt.date(2026, 2, 16), include_weekends=False)]
    [12, 13]
    """
    days, i, j = _span(start, end, calendar, "get_workdays")
    picked = np.arange(i, j + 1)
    work = days.work[i : j + 1].copy()
    if not include_weekends:
        work &= (picked + dt.date.fromordinal(days.first).weekday()) % 7 < 5
    return _dates(days, picked[work])


def find_workday(delta_days: int = 0, date: dt.date | None = None, *, calendar: WorkCalendar | None = None) -> dt.date:
    """The workday ``delta_days`` workdays after ``date``, counted as ``chinese_calendar`` counts.

    ``delta_days >= 0``: day 0 is the first workday on or after ``date`` (``date`` itself if it is
    one), and the answer is ``delta_days`` workdays after that. ``delta_days < 0``: the
    ``-delta_days``-th workday before ``date``, ``date`` never counting.

    Parameters
    ----------
    delta_days : int, default 0
    date : datetime.date or datetime.datetime, optional
        Default today (the local clock, as in ``chinese_calendar``).
    calendar : WorkCalendar, optional
        A mainland calendar; default the module's (:func:`set_calendar`).

    Returns
    -------
    datetime.date

    Raises
    ------
    HorizonError
        ``date``, or a day the count steps on, is outside the calendar's data.
    InvalidInputError
        ``delta_days`` is not an integer (bools refused), or ``date`` not a date or datetime.

    See Also
    --------
    slaclock.WorkCalendar.add_workdays : the Civil Code count, in which a rest day's next workday is day 1.

    Examples
    --------
    >>> import datetime as dt
    >>> from slaclock.compat.chinese_calendar import find_workday
    >>> find_workday(3, dt.date(2025, 10, 4))    # day 0 is 10-09; sc.calendar("CN").add_workdays gives 10-11
    datetime.date(2025, 10, 13)
    >>> find_workday(-1, dt.date(2025, 10, 9)), find_workday(-1, dt.date(2025, 10, 8))
    (datetime.date(2025, 9, 30), datetime.date(2025, 9, 30))
    """
    if isinstance(delta_days, bool) or not isinstance(delta_days, (int, np.integer)):
        raise InvalidInputError(f"delta_days must be an integer; got {brief(delta_days)}")
    n = int(delta_days)
    d = dt.date.today() if date is None else _date(date)
    chosen, days = _context(calendar)
    i = _index(days, chosen, d, "find_workday")
    k = int(days.ranks[i]) + n  # the rank of the answer among the table's workdays
    if not 0 <= k < len(days.workdays):
        # The first day the count would read past the data, as chinese_calendar would step onto it.
        edge = dt.date.fromordinal(days.first + (len(days.work) if n >= 0 else -1))
        _index(days, chosen, edge, "find_workday")
    j = int(days.workdays[k])
    _warn_past(days, chosen, max(i, j), "find_workday")
    return dt.date.fromordinal(days.first + j)
