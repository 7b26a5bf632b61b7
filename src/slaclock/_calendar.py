"""``WorkCalendar``: a region's working days as one immutable value, and the functions that build one.

Maintainer's notes
------------------
A :class:`WorkCalendar` is a frozen *spec* (region, options, overrides) plus the tables compiled from it
once, at construction: a :class:`~slaclock._days.table.DayTable` (days, names, zone, horizon words) and,
on first use, an :class:`~slaclock._hours.table.HoursIndex`. Equality, hashing and pickling use the spec
only; unpickling rebuilds the tables.

The class is a face: each public method reads nothing itself and hands its table to a kernel
(:mod:`slaclock._days.arithmetic` for days, :mod:`slaclock._hours.methods` for working time), which
reads the input, answers, and raises or warns in the one wording of :class:`DayTable`. The layers above
(rules, contracts) get the tables through :func:`day_table` and :func:`hours_table`, never through
the calendar's private members, and nothing outside this module writes into a calendar.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal, final, overload

import numpy as np
import numpy.typing as npt

from slaclock._base import instants as _read
from slaclock._base.show import brief
from slaclock._base.types import (
    DateArray,
    DateLike,
    DateScalar,
    HorizonMode,
    InstantArray,
    InstantLike,
    InstantScalar,
    IntLike,
    Lang,
    RollMode,
    RollToDay,
)
from slaclock._days import arithmetic as _days
from slaclock._days import compile as _compile
from slaclock._days import display as _display
from slaclock._days.arrangement import YearArrangement
from slaclock._days.compile import arrangements_of, compile_tables, dated, one_date, weekmask_of
from slaclock._days.kinds import DayInfo, DayKind
from slaclock._days.registry import REGISTRY, Coverage
from slaclock._days.table import DayTable
from slaclock._hours import methods as _hours
from slaclock._hours.schedule import WorkingHours, working_hours
from slaclock._hours.table import HoursIndex
from slaclock.errors import CalendarDataError, InvalidInputError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pendulum import DateTime

__all__ = ["DayInfo", "WorkCalendar", "calendar", "custom_calendar", "day_table", "hours_table"]

_SPEC: Final = (
    "region",
    "tz",
    "horizon",
    "holiday_list",
    "closures",
    "extra_workdays",
    "arrangements",
    "weekmask",
    "custom_holidays",
    "custom_span",
    "hours",
)
_ZONE_NAME_MAX: Final = 64
"""The longest zone name read (the longest IANA name has 32 characters)."""
_WEEK: Final = (True, True, True, True, True, False, False)
DEFAULT_TZ: Final = {"CN": "Asia/Shanghai", "HK": "Asia/Hong_Kong", "MO": "Asia/Macau", "TW": "Asia/Taipei"}


@final
@dataclass(frozen=True, slots=True, eq=True)
class WorkCalendar:
    """A working-day calendar: a region's official days plus your overrides, compiled into flat tables.

    Build one with :func:`calendar` (built-in regions) or :func:`custom_calendar`; both cache by
    their arguments. A calendar is immutable, hashable and picklable. Every method takes one value
    or a column and answers in kind:

    - **Dates** may be ``date`` or ``datetime`` objects (a datetime's civil date in the calendar's zone:
      aware ones are converted, naive ones are wall time), ISO text, ``numpy.datetime64`` values (finer
      units floored to the day), lists, numpy arrays, or pandas, polars and pyarrow columns. One
      ``date``, ``datetime`` or text gives a ``date``; a column gives a ``datetime64[D]`` array (or a
      column of the same library); a ``datetime64`` scalar gives a ``datetime64[D]`` scalar.
    - **Instants** (the working-hours methods) are read the same way, naive values as wall times in
      the calendar's zone (or UTC with ``utc=True``); one gives an aware ``pendulum.DateTime``, a
      column ``datetime64[us]`` (``[ns]`` for ``[ns]`` input). A wall time the clocks skip (DST) is an
      error; an ambiguous one is its first occurrence.
    - **Missing values** (None, NaT, NA, NaN) give a missing answer: None for one value, False from a
      predicate, NaT in a column (``docs/guide.md``, "Missing values"). Counts have no missing value.
    - **Days outside the data** raise :class:`~slaclock.CalendarHorizonError` naming the first one (and
      how many, in a column). With ``horizon="projected"`` a result that used a projected day warns
      (:class:`~slaclock.ProvisionalWarning`); :meth:`is_provisional` marks such days.

    Examples
    --------
    >>> import datetime as dt, slaclock as sc
    >>> cal = sc.calendar("CN")
    >>> cal.is_workday(dt.date(2026, 2, 14))      # a Saturday worked in exchange (调休上班)
    True
    >>> cal.add_workdays(dt.date(2026, 9, 30), 5)
    datetime.date(2026, 10, 13)
    >>> cal.workdays_between("2026-10-01", "2026-10-31")
    18
    """

    region: str
    """``"CN"``, ``"HK"``, ``"MO"``, ``"TW"`` or a custom calendar's name."""
    tz: str
    """IANA time zone in which datetimes are read (e.g. ``"Asia/Shanghai"``)."""
    horizon: HorizonMode = "official"
    holiday_list: str = ""
    """Which of the region's holiday lists is used (e.g. HK ``"general"`` or ``"statutory"``)."""
    closures: tuple[tuple[dt.date, str], ...] = ()
    """Extra rest days (date, reason): company shutdowns, typhoon or black-rain closures."""
    extra_workdays: tuple[tuple[dt.date, str], ...] = ()
    """Rest days declared workdays (date, reason)."""
    arrangements: tuple[YearArrangement, ...] = ()
    """Officially published years loaded by the user, extending the horizon."""
    weekmask: tuple[bool, ...] = (True, True, True, True, True, False, False)
    """Monday..Sunday: True where the weekday is a workday unless the data says otherwise."""
    custom_holidays: tuple[tuple[dt.date, str], ...] = ()
    custom_span: tuple[dt.date, dt.date] | None = None
    hours: WorkingHours | None = None
    """Working hours on the workdays (see :meth:`with_hours`), or None."""

    _table: DayTable = field(init=False, repr=False, compare=False, hash=False)
    _hours_ix: HoursIndex | None = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.custom_span is None and self.region not in REGISTRY:
            raise CalendarDataError(
                f"unknown region {brief(self.region)}: build calendars with calendar() or custom_calendar()"
            )
        zone = _zone(self.tz)
        ix, names, coverage = compile_tables(self, self._spec()[:-1])
        custom = self.custom_span is not None
        table = DayTable(
            ix, names, region=self.region, tz=self.tz, zone=zone, horizon=self.horizon, coverage=coverage, custom=custom
        )
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_hours_ix", None)

    def __repr__(self) -> str:
        return _display.calendar_repr(
            self._table,
            hours=self.hours.describe() if self.hours is not None else "",
            extras=[f"{self.holiday_list} list"] * (self.region in ("HK", "MO"))
            + ["custom week"] * (self.weekmask != _WEEK),
            overrides=[
                ("closure", len(self.closures)),
                ("extra workday", len(self.extra_workdays)),
                ("loaded year", len(self.arrangements)),
            ],
        )

    def _repr_html_(self) -> str:
        return _display.calendar_html(self._table, repr(self))

    def month_html(self, year: int, month: int, *, lang: Lang = "zh") -> str:
        """One month as an HTML grid for a notebook: 7 columns, Monday first, each day coloured by its kind.

        Workdays plain, weekends grey, holidays and days off in lieu red (休), makeup workdays blue (班),
        closures struck through (停), extra workdays green; projected days (``horizon="projected"``) dashed.
        A day's tooltip names it (国庆节, "调休上班（调至2026-10-07休息）"); each cell's ``class`` is its
        :class:`DayKind` value, plus ``provisional``. Shows without warning. The calendar's own display
        (``_repr_html_``) is this grid for the latest official month with a holiday or makeup day.
        ``docs/notebooks.md``, "Displays".

        Raises
        ------
        InvalidInputError
            ``year`` not in 1..9999, ``month`` not in 1..12, or ``lang`` not "zh" or "en".
        CalendarHorizonError
            The whole month is outside the calendar's days.

        Examples
        --------
        >>> import slaclock as sc
        >>> page = sc.calendar("CN").month_html(2026, 10)
        >>> page.count('class="holiday"'), page.count('class="transferred_rest"'), page.count('class="makeup_workday"')
        (3, 3, 1)
        """
        return _display.month_html(self._table, year, month, lang=lang, title=repr(self))

    # -- value protocol -------------------------------------------------------------------

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (_rebuild, (self._spec(),))

    def __copy__(self) -> WorkCalendar:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> WorkCalendar:
        return self

    def _spec(self) -> tuple[Any, ...]:
        """The constructor's arguments, in order: what equality, hashing, pickles and the cache use."""
        return tuple(getattr(self, name) for name in _SPEC)

    def _hours_table(self) -> HoursIndex:
        hix = self._hours_ix
        if hix is None:
            if self.hours is None:
                raise InvalidInputError(
                    f"the {self.region} calendar has no working hours; add them with "
                    "cal.with_hours('09:00-12:00,13:30-18:00')"
                )
            hix = HoursIndex(self._table, self.hours)
            object.__setattr__(self, "_hours_ix", hix)
        return hix

    # -- provenance -----------------------------------------------------------------------

    @property
    def coverage(self) -> Coverage:
        """The span of official days, with where the data comes from and how it was checked."""
        return self._table.coverage

    @property
    def official_until(self) -> dt.date:
        """The last day whose data is official (the horizon)."""
        return self._table.official_until

    @property
    def first_day(self) -> dt.date:
        """The first day the calendar holds."""
        return self._table.ix.date_of(0)

    @property
    def last_day(self) -> dt.date:
        """The last day the calendar holds (past :attr:`official_until` only when projected)."""
        return self._table.last_day

    def describe(self) -> str:
        """Say which data produced this calendar's answers: region, sources, versions, overrides.

        Examples
        --------
        >>> import slaclock as sc
        >>> print(sc.calendar("CN").describe().splitlines()[0])
        CN calendar, Asia/Shanghai, official 2004-01-01..2026-12-31
        """
        from slaclock._days.provenance import describe

        return describe(self)

    def to_ics(
        self,
        first: DateScalar,
        last: DateScalar,
        *,
        lang: Lang = "zh",
        name: str | None = None,
        stamp: dt.datetime | None = None,
    ) -> str:
        """The days off and makeup workdays in ``[first, last]`` as an iCalendar (``.ics``) file's text.

        One all-day event per day that differs from the plain week, named as :meth:`holiday_name`
        names it, for ticket systems and mail calendars to import; RFC 5545 text with CRLF line
        endings, the same bytes for the same data (``stamp``: every event's ``DTSTAMP``, default
        00:00 UTC of ``first``). ``docs/calendar-data.md``, "The same days for a ticket system".

        Examples
        --------
        >>> import slaclock as sc
        >>> text = sc.calendar("CN").to_ics("2026-10-01", "2026-10-10", lang="en")
        >>> [line for line in text.splitlines() if line.startswith(("SUMMARY", "DTSTART"))][-4:]
        ['DTSTART;VALUE=DATE:20261007', 'SUMMARY:Day off (substituted from 10/10/2026)', \
'DTSTART;VALUE=DATE:20261010', 'SUMMARY:Makeup workday (rest moved to 2026-10-07)']
        """
        from slaclock._days.ics import to_ics

        zone = self._table.zone
        a = dt.date.fromordinal(_read.ordinal(zone, first, "first"))
        b = dt.date.fromordinal(_read.ordinal(zone, last, "last"))
        return to_ics(self, a, b, lang=lang, name=name, stamp=stamp)

    # -- day facts ------------------------------------------------------------------------

    @overload
    def is_workday(self, x: DateScalar | None) -> bool: ...
    @overload
    def is_workday(self, x: DateArray | Sequence[Any]) -> npt.NDArray[np.bool_]: ...
    def is_workday(self, x: DateLike | None) -> bool | npt.NDArray[np.bool_]:
        """Whether each date is a workday (makeup workdays, 调休上班, included); False for a missing date.

        Examples
        --------
        >>> import slaclock as sc, numpy as np
        >>> cal = sc.calendar("CN")
        >>> cal.is_workday("2026-10-01"), cal.is_workday("2026-10-10")
        (False, True)
        >>> cal.is_workday(np.array(["2026-02-14", "2026-02-15", "NaT"], dtype="datetime64[D]"))
        array([ True, False, False])
        """
        return _days.is_workday(self._table, x)

    @overload
    def day_kind(self, x: None) -> None: ...
    @overload
    def day_kind(self, x: DateScalar) -> DayKind: ...
    @overload
    def day_kind(self, x: DateArray | Sequence[Any]) -> npt.NDArray[np.str_]: ...
    def day_kind(self, x: DateLike | None) -> DayKind | npt.NDArray[np.str_] | None:
        """The :class:`DayKind` of each day; a column gives its values as strings (``""`` where missing).

        ``DayKind`` is a ``str`` enum, so ``kinds == DayKind.HOLIDAY`` works on the array.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> [cal.day_kind(d).value for d in ("2026-10-01", "2026-10-07", "2026-10-10", "2026-10-11", "2026-10-12")]
        ['holiday', 'transferred_rest', 'makeup_workday', 'weekend', 'workday']
        """
        return _days.day_kind(self._table, x)

    def holiday_name(self, x: DateScalar | None, lang: Lang = "zh") -> str | None:
        """The name of the holiday (or makeup workday, or closure) on a date, else ``None``.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.holiday_name("2026-02-17"), cal.holiday_name("2026-02-17", lang="en")
        ('春节', 'Chinese New Year (Spring Festival)')
        >>> cal.holiday_name("2026-02-14")
        '调休上班（调至2026-02-20休息）'
        """
        return _days.holiday_name(self._table, x, lang)

    @overload
    def day_info(self, x: None) -> None: ...
    @overload
    def day_info(self, x: DateScalar) -> DayInfo: ...
    def day_info(self, x: DateScalar | None) -> DayInfo | None:
        """Everything known about one date: kind, workday flag, names, provisional mark.

        Examples
        --------
        >>> import slaclock as sc
        >>> info = sc.calendar("CN").day_info("2026-10-10")
        >>> info.kind.value, info.is_workday, info.provisional
        ('makeup_workday', True, False)
        """
        return _days.day_info(self._table, x)

    @overload
    def is_provisional(self, x: DateScalar | None) -> bool: ...
    @overload
    def is_provisional(self, x: DateArray | Sequence[Any]) -> npt.NDArray[np.bool_]: ...
    def is_provisional(self, x: DateLike | None) -> bool | npt.NDArray[np.bool_]:
        """Whether each date lies past the official data (so anything built on it is provisional).

        Never raises for dates past the horizon: this is how you test for them. A result of
        :meth:`add_workdays` is provisional when its start or its result is; a count, when the
        later end of its range, less one day, is.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.is_provisional("2026-12-31"), cal.is_provisional("2027-01-04")
        (False, True)
        """
        return _days.is_provisional(self._table, x)

    # -- arithmetic -----------------------------------------------------------------------

    @overload
    def add_workdays(self, x: None, n: IntLike) -> None: ...
    @overload
    def add_workdays(self, x: DateScalar, n: int | np.integer) -> dt.date: ...  # type: ignore[overload-overlap]
    @overload
    def add_workdays(self, x: DateLike, n: IntLike, *, out: DateArray | None = None) -> DateArray: ...
    def add_workdays(
        self, x: DateLike | None, n: IntLike, *, out: DateArray | None = None
    ) -> dt.date | DateArray | None:
        """The ``n``-th workday after each date (before it when ``n < 0``); the start day never counts.

        The Civil Code reading of "N个工作日内" (art. 201 para 1): from a rest day the next workday
        is day 1; ``holidays``' ``get_nth_working_day``; numpy's ``busday_offset(x, n,
        roll="backward")`` for ``n > 0`` (``"forward"`` for ``n < 0``) where numpy can express the
        calendar. ``n = 0`` gives the date itself. ``n`` is an integer or an integer array
        broadcast against ``x`` (bools and floats are refused). ``out``, a ``datetime64[D]``
        array of the result's shape (it may be ``x`` itself), receives the result: on large
        columns that saves allocating a fresh one.

        Examples
        --------
        >>> import datetime as dt, numpy as np, slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.add_workdays(dt.date(2025, 10, 4), 3)     # from a holiday, 10-09 is day 1
        datetime.date(2025, 10, 11)
        >>> cal.add_workdays(np.array(["2026-02-13", "NaT"], dtype="datetime64[D]"), [1, 1])
        array(['2026-02-14', 'NaT'], dtype='datetime64[D]')
        """
        return _days.add_workdays(self._table, x, n, out)

    @overload
    def next_workday(self, x: None) -> None: ...
    @overload
    def next_workday(self, x: DateScalar) -> dt.date: ...
    @overload
    def next_workday(self, x: DateArray | Sequence[Any]) -> DateArray: ...
    def next_workday(self, x: DateLike | None) -> dt.date | DateArray | None:
        """The first workday strictly after each date (``add_workdays(x, 1)``).

        >>> import slaclock as sc
        >>> sc.calendar("CN").next_workday("2026-09-30")
        datetime.date(2026, 10, 8)
        """
        return _days.add_workdays(self._table, x, 1, None)

    @overload
    def previous_workday(self, x: None) -> None: ...
    @overload
    def previous_workday(self, x: DateScalar) -> dt.date: ...
    @overload
    def previous_workday(self, x: DateArray | Sequence[Any]) -> DateArray: ...
    def previous_workday(self, x: DateLike | None) -> dt.date | DateArray | None:
        """The last workday strictly before each date (``add_workdays(x, -1)``).

        >>> import slaclock as sc
        >>> sc.calendar("CN").previous_workday("2026-10-08")
        datetime.date(2026, 9, 30)
        """
        return _days.add_workdays(self._table, x, -1, None)

    @overload
    def workdays_between(self, a: DateScalar, b: DateScalar) -> int: ...  # type: ignore[overload-overlap]
    @overload
    def workdays_between(self, a: DateLike, b: DateLike) -> npt.NDArray[np.int64]: ...
    def workdays_between(self, a: DateLike, b: DateLike) -> int | npt.NDArray[np.int64]:
        """Count workdays in the half-open range ``[a, b)``; negative when ``b < a``.

        ``numpy.busday_count``'s range, but antisymmetric (numpy's is not when ``b < a``: numpy
        issue #23197); ``workdays_between(d, add_workdays(d, n)) == n`` for a workday ``d``. ``b``
        may be the day after the horizon. A missing end is an :class:`InvalidInputError`: a count
        has no missing value (as numpy's); filter those rows first.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.workdays_between("2026-10-01", "2026-10-12"), cal.workdays_between("2026-10-12", "2026-10-01")
        (3, -3)
        """
        return _days.workdays_between(self._table, a, b)

    @overload
    def roll(self, x: None, mode: RollMode) -> None: ...
    @overload
    def roll(self, x: DateScalar, mode: RollToDay) -> dt.date: ...
    @overload
    def roll(self, x: DateScalar, mode: Literal["nat"]) -> dt.date | None: ...
    @overload
    def roll(self, x: DateArray | Sequence[Any], mode: RollMode) -> DateArray: ...
    def roll(self, x: DateLike | None, mode: RollMode) -> dt.date | DateArray | None:
        """Move rest days to a workday; workdays stay.

        ``mode`` is numpy's ``busday_offset`` vocabulary, one name per mode: ``"raise"``
        (:class:`NonWorkdayError` for a rest day), ``"nat"`` (NaT; ``None`` for one date),
        ``"forward"``, ``"backward"``, ``"modifiedfollowing"`` (forward unless that leaves the
        month, then backward) and ``"modifiedpreceding"``; numpy's ``"following"`` and
        ``"preceding"`` are accepted as aliases.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.roll("2026-10-01", "forward"), cal.roll("2026-10-01", "backward")
        (datetime.date(2026, 10, 8), datetime.date(2026, 9, 30))
        >>> cal.roll("2026-05-31", "modifiedfollowing")   # Sunday; the next workday is in June, so back
        datetime.date(2026, 5, 29)
        """
        return _days.roll(self._table, x, mode)

    def nth_workday_of_month(self, year: int, month: int, n: int) -> dt.date:
        """The ``n``-th workday of a month (``n = 1`` the first); ``n < 0`` counts from the month's end.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.nth_workday_of_month(2026, 10, 3), cal.nth_workday_of_month(2026, 10, -1)
        (datetime.date(2026, 10, 10), datetime.date(2026, 10, 30))
        """
        return _days.nth_workday_of_month(self._table, year, month, n)

    def workdays_in_month(self, year: int, month: int) -> int:
        """How many workdays a month has.

        >>> import slaclock as sc
        >>> sc.calendar("CN").workdays_in_month(2026, 10)
        18
        """
        return _days.workdays_in_month(self._table, year, month)

    # -- working hours --------------------------------------------------------------------

    def with_hours(
        self,
        hours: WorkingHours | str,
        *,
        saturday: str | None = None,
        sunday: str | None = None,
        makeup: str | None = None,
        dates: Mapping[Any, str] | None = None,
        at_close: Literal["close", "next_open"] = "close",
    ) -> WorkCalendar:
        """This calendar with working hours on its workdays (cached like every calendar).

        ``hours`` is a :class:`WorkingHours` or the workday schedule as text
        (``"09:00-12:00,13:30-18:00"``); the keywords then go to :func:`working_hours`.
        A date of ``dates`` within the calendar's days must be one of its workdays (open a rest day with
        ``extra_workdays`` first): else :class:`InvalidInputError`, as for text that is no schedule.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
        >>> cal.add_working_time("2026-09-30T17:00", "2 hours")      # National Day: next opening 10-08
        DateTime(2026, 10, 8, 10, 0, 0, tzinfo=Timezone('Asia/Shanghai'))
        """
        if isinstance(hours, str):
            hours = working_hours(
                hours, saturday=saturday, sunday=sunday, makeup=makeup, dates=dates, at_close=at_close
            )
        elif not isinstance(hours, WorkingHours):
            raise InvalidInputError(f"hours must be WorkingHours or text like '09:00-18:00'; got {brief(hours)}")
        cal = _cached(*self._spec()[:-1], hours)
        if hours.dates:  # each must be a workday of this calendar: refused here, not at the first query
            cal._hours_table()
        return cal

    @overload
    def is_open(self, t: InstantScalar | None, *, utc: bool = False) -> bool: ...
    @overload
    def is_open(self, t: InstantArray | Sequence[Any], *, utc: bool = False) -> npt.NDArray[np.bool_]: ...
    def is_open(self, t: InstantLike | None, *, utc: bool = False) -> bool | npt.NDArray[np.bool_]:
        """Whether each instant lies inside working hours (an opening counts, a close does not)."""
        return _hours.is_open(self._hours_table(), t, utc)

    @overload
    def next_open(self, t: None, *, utc: bool = False) -> None: ...
    @overload
    def next_open(self, t: InstantScalar, *, utc: bool = False) -> DateTime: ...
    @overload
    def next_open(self, t: InstantArray | Sequence[Any], *, utc: bool = False) -> InstantArray: ...
    def next_open(self, t: InstantLike | None, *, utc: bool = False) -> DateTime | InstantArray | None:
        """Each instant itself if open, else the next opening."""
        return _hours.next_open(self._hours_table(), t, utc)

    @overload
    def close_of(self, day: DateScalar | None, *, utc: bool = False) -> DateTime | None: ...
    @overload
    def close_of(self, day: DateArray | Sequence[Any], *, utc: bool = False) -> InstantArray: ...
    def close_of(self, day: DateLike | None, *, utc: bool = False) -> DateTime | InstantArray | None:
        """The instant business closes on each day (its last interval's end); None (NaT) without hours.

        Examples
        --------
        >>> import numpy as np, slaclock as sc
        >>> cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00", dates={"2026-09-30": "09:00-15:00"})
        >>> cal.close_of("2026-09-30")
        DateTime(2026, 9, 30, 15, 0, 0, tzinfo=Timezone('Asia/Shanghai'))
        >>> cal.close_of(np.array(["2026-09-29", "2026-10-01", "2026-10-10"], dtype="datetime64[D]"))
        array(['2026-09-29T18:00:00.000000', 'NaT', '2026-10-10T18:00:00.000000'],
              dtype='datetime64[us]')
        """
        return _hours.close_of(self._hours_table(), day, utc)

    @overload
    def add_working_time(self, t: None, duration: Any, *, utc: bool = False) -> None: ...
    @overload
    def add_working_time(self, t: InstantScalar, duration: Any, *, utc: bool = False) -> DateTime: ...
    @overload
    def add_working_time(
        self, t: InstantArray | Sequence[Any], duration: Any, *, utc: bool = False
    ) -> InstantArray: ...
    def add_working_time(
        self, t: InstantLike | None, duration: Any, *, utc: bool = False
    ) -> DateTime | InstantArray | None:
        """Each instant plus ``duration`` of working time (negative goes back).

        ``duration`` is hours or minutes: a ``timedelta``, a :class:`Period` or its text
        ("8个工作小时", "90 minutes"), or a ``timedelta64`` column broadcast against ``t``. A start
        outside hours begins at the next opening; a result exactly at a close stays there (17:00 +
        1 h = 18:00) unless the hours were built with ``at_close="next_open"``; zero gives ``t``.

        Examples
        --------
        >>> import numpy as np, slaclock as sc
        >>> cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
        >>> t = np.array(["2026-09-30T11:00", "2026-09-30T17:00", "NaT"], dtype="datetime64[m]")
        >>> cal.add_working_time(t, "1 hour")
        array(['2026-09-30T12:00:00.000000', '2026-09-30T18:00:00.000000', 'NaT'],
              dtype='datetime64[us]')
        """
        return _hours.add_working_time(self._hours_table(), t, duration, utc)

    @overload
    def working_time_between(self, a: None, b: InstantScalar | None, *, utc: bool = False) -> None: ...
    @overload
    def working_time_between(self, a: InstantScalar, b: None, *, utc: bool = False) -> None: ...
    @overload
    def working_time_between(  # type: ignore[overload-overlap]
        self, a: InstantScalar, b: InstantScalar, *, utc: bool = False
    ) -> dt.timedelta: ...
    @overload
    def working_time_between(
        self, a: InstantLike, b: InstantLike, *, utc: bool = False
    ) -> npt.NDArray[np.timedelta64]: ...
    def working_time_between(
        self, a: InstantLike | None, b: InstantLike | None, *, utc: bool = False
    ) -> dt.timedelta | npt.NDArray[np.timedelta64] | None:
        """Working time in ``[a, b)``, negative when ``b < a``; a column gives ``timedelta64[us]``.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
        >>> cal.working_time_between("2026-09-30T11:00", "2026-10-08T10:00")    # 1 h + 4.5 h + 1 h
        datetime.timedelta(seconds=23400)
        """
        return _hours.working_time_between(self._hours_table(), a, b, utc)

    def plot_year(self, year: int, *, ax: Axes | None = None) -> Figure:
        """The year's days as a heat-map of their kinds, 休 and 班 marked (needs the ``plot`` extra).

        See :func:`slaclock.plot.year`, which this calls.

        Examples
        --------
        >>> import slaclock as sc
        >>> fig = sc.calendar("CN").plot_year(2026)
        >>> fig.axes[0].get_title(loc="left")
        'CN 2026: 248 workdays'
        """
        from slaclock import plot  # the optional face above: matplotlib only on use

        return plot.year(self, year, ax=ax)


def day_table(cal: WorkCalendar) -> DayTable:
    """The calendar's :class:`DayTable`: how the rules and contracts layers read its days."""
    return cal._table


def hours_table(cal: WorkCalendar) -> HoursIndex:
    """The calendar's compiled working intervals (built on first use; an error if it has no hours)."""
    return cal._hours_table()


# -- construction -------------------------------------------------------------------------


def calendar(
    region: str = "CN",
    *,
    holiday_list: str | None = None,
    closures: Iterable[DateScalar] | Mapping[DateScalar, str] = (),
    extra_workdays: Iterable[DateScalar] | Mapping[DateScalar, str] = (),
    tz: str | None = None,
    horizon: HorizonMode = "official",
    arrangements: str | os.PathLike[str] | Iterable[str | os.PathLike[str] | YearArrangement] | None = None,
) -> WorkCalendar:
    """Build (or fetch from the cache) the working-day calendar of a region.

    Parameters
    ----------
    region : {"CN", "HK", "MO", "TW"}
        Mainland China (调休-exact, the default), Hong Kong, Macau or Taiwan (補班 Saturdays).
        All four rest on Saturday and Sunday.
    holiday_list : str, optional
        HK: ``"general"`` (banks and government, default) or ``"statutory"`` (every employee);
        MO: ``"public"`` (default) or ``"government"``; CN and TW have one list.
    closures : dates, or a mapping of date to reason
        Extra rest days: a company shutdown, an HK typhoon signal No. 8 or black-rain day.
    extra_workdays : dates, or a mapping of date to reason
        Rest days on which this calendar works.
    tz : str, optional
        IANA zone in which datetimes are read; defaults to the region's (``Asia/Shanghai`` for CN).
    horizon : {"official", "projected"}
        ``"official"`` (default) raises :class:`CalendarHorizonError` for any day past the official
        data. ``"projected"`` answers for up to 30 more years from the statutory holidays alone,
        warns (:class:`ProvisionalWarning`) when a result uses such a day, and
        :meth:`WorkCalendar.is_provisional` marks those results.
    arrangements : path, or paths or :class:`YearArrangement` objects
        Newly published years (TOML or JSON, see :mod:`slaclock._days.arrangement`); they become official
        and extend the horizon. A path may be a folder: every ``*.toml`` and ``*.json`` file in it
        (an empty folder adds nothing). Each year may be given once. A year's days in the last week
        of the December before it (2008 began its New Year holiday on 2007-12-30) override that
        day's data: the newer notice is the authority. :func:`arrangement_from_notice` reads a
        notice's text into a :class:`YearArrangement`.

    Raises
    ------
    CalendarDataError
        An unknown region or holiday list, an invalid time zone, an override outside the covered
        days or in conflict with another, or an arrangement that does not fit.

    Examples
    --------
    >>> import slaclock as sc
    >>> cal = sc.calendar("CN", closures={"2026-12-31": "year-end shutdown"})
    >>> cal.day_kind("2026-12-31").value, cal.holiday_name("2026-12-31", lang="en")
    ('closure', 'year-end shutdown')
    >>> sc.calendar("CN") is sc.calendar("CN")
    True
    """
    code = region.upper() if isinstance(region, str) else None
    if code not in REGISTRY:
        raise CalendarDataError(
            f"unknown region {brief(region)}; built-in regions are {', '.join(sorted(REGISTRY))}; "
            "use slaclock.custom_calendar() for any other weekmask and holidays"
        )
    from slaclock._days.sources import HOLIDAY_LISTS, WEEKMASKS

    lists = HOLIDAY_LISTS[code]
    chosen = holiday_list if holiday_list is not None else next(iter(lists))
    if not isinstance(chosen, str) or chosen not in lists:
        raise CalendarDataError(
            f"region {code} has holiday lists {', '.join(map(repr, lists))}; got {brief(holiday_list)}"
        )
    if not isinstance(horizon, str) or horizon not in ("official", "projected"):
        raise CalendarDataError(f"horizon must be 'official' or 'projected'; got {brief(horizon)}")
    if tz is not None:
        _zone(tz)  # a bad zone is refused before anything is cached
    return _cached(
        code,
        tz if tz is not None else DEFAULT_TZ[code],
        horizon,
        chosen,
        dated(closures, "closures"),
        dated(extra_workdays, "extra_workdays"),
        arrangements_of(arrangements),
        WEEKMASKS[code],
        (),
        None,
    )


def custom_calendar(
    weekmask: str | Sequence[bool | int] = "1111100",
    holidays: Iterable[DateScalar] | Mapping[DateScalar, str] = (),
    *,
    first: DateScalar,
    last: DateScalar,
    tz: str,
    name: str = "custom",
) -> WorkCalendar:
    """A plain calendar from a weekmask and a list of holidays, official over ``[first, last]``.

    It cannot express makeup workdays except through ``extra_workdays`` of :func:`calendar`;
    it is the model numpy's ``busdaycalendar`` has, and what you need for a region slaclock does
    not ship.

    Parameters
    ----------
    weekmask : str or 7 booleans
        Monday..Sunday workdays, as ``"1111100"``, ``"Mon Tue Wed Thu Fri"`` or a sequence.
    holidays : dates, or a mapping of date to name
    first, last : date-like
        The covered days (inclusive); queries outside raise :class:`CalendarHorizonError`.
    tz : str
        IANA zone in which datetimes are read (explicit: slaclock has no default zone).
    name : str
        What the calendar is called in its repr and its errors (1 to 100 characters).

    Raises
    ------
    CalendarDataError
        A weekmask that is not 7 days or has no workday, a holiday or bound that is not a date, ``last`` before
        ``first``, an unknown zone, a name that is not a short text.

    Examples
    --------
    >>> import slaclock as sc
    >>> xmas = {"2026-12-25": "Christmas"}
    >>> cal = sc.custom_calendar("1111100", xmas, first="2026-01-01", last="2026-12-31", tz="UTC")
    >>> cal.add_workdays("2026-12-24", 1)
    datetime.date(2026, 12, 28)
    """
    if not isinstance(name, str) or not 0 < len(name) <= 100:
        raise CalendarDataError(f"name must be a short text (1 to 100 characters); got {brief(name)}")
    _zone(tz)
    mask = weekmask_of(weekmask)
    days = dated(holidays, "holidays")
    a, b = one_date(first, "first"), one_date(last, "last")
    if b < a:
        raise CalendarDataError(f"last ({b.isoformat()}) is before first ({a.isoformat()})")
    if not any(mask):
        raise CalendarDataError("weekmask has no workday")
    return _cached(name, tz, "official", "", (), (), (), mask, days, (a, b))


@functools.lru_cache(maxsize=64)
def _cached(*spec: Any) -> WorkCalendar:
    return WorkCalendar(*spec)


def clear_caches() -> None:
    """Forget every built calendar and day table (the next ``calendar()`` call rebuilds and re-checks its data)."""
    _cached.cache_clear()
    _compile.clear()


def _rebuild(spec: tuple[Any, ...]) -> WorkCalendar:
    """A calendar from its pickled spec, through the public constructors and their checks.

    A pickle is code, never safe from an untrusted source; but a stale or edited one must not build a
    calendar the constructors would refuse.
    """
    if not isinstance(spec, tuple) or len(spec) != len(_SPEC):
        raise CalendarDataError(f"a pickled calendar holds its {len(_SPEC)} arguments; got {brief(spec)}")
    region, tz, horizon, holiday_list, closures, extra, arrangements, weekmask, custom_holidays, span, hours = spec
    if span is None:
        cal = calendar(
            region,
            holiday_list=holiday_list,
            closures=_pairs(closures, "closures"),
            extra_workdays=_pairs(extra, "extra_workdays"),
            tz=tz,
            horizon=horizon,
            arrangements=arrangements if isinstance(arrangements, tuple) else [arrangements],
        )
    else:
        if not (isinstance(span, tuple) and len(span) == 2):
            raise CalendarDataError(f"a pickled custom calendar's span must be (first, last); got {brief(span)}")
        cal = custom_calendar(
            weekmask, _pairs(custom_holidays, "holidays"), first=span[0], last=span[1], tz=tz, name=region
        )
    if hours is not None:
        if not isinstance(hours, WorkingHours):
            raise CalendarDataError(f"a pickled calendar's hours must be WorkingHours; got {brief(hours)}")
        cal = cal.with_hours(hours)
    if cal._spec() != spec:
        raise CalendarDataError("a pickled calendar's arguments disagree with the calendar they build; it was edited")
    return cal


def _pairs(value: object, what: str) -> dict[Any, str]:
    if not isinstance(value, tuple) or not all(isinstance(p, tuple) and len(p) == 2 for p in value):
        raise CalendarDataError(f"a pickled calendar's {what} must be (date, reason) pairs; got {brief(value)}")
    return dict(value)


def _zone(name: str) -> zoneinfo.ZoneInfo:
    if not isinstance(name, str) or not 0 < len(name) <= _ZONE_NAME_MAX:
        raise CalendarDataError(f"tz must be an IANA zone name such as 'Asia/Shanghai'; got {brief(name)}")
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        raise CalendarDataError(f"unknown time zone {brief(name)}; use an IANA name such as 'Asia/Shanghai'") from None
