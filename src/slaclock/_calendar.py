"""Working-day calendars: which civil dates are workdays in a region, and arithmetic on them.

Maintainer's notes
------------------
A :class:`WorkCalendar` is a frozen *spec* (region, options, overrides) plus an
:class:`~slaclock._days.index.Index` compiled from it once, at construction. Equality,
hashing and pickling use the spec only; unpickling rebuilds the tables.

Every public query has two paths over the same tables:

* a scalar fast path for a plain ``date`` and an ``int`` (list lookups, no numpy);
* a vector path for arrays (numpy gathers); every other scalar input goes through
  it too, so the two can only differ in the fast path, which the property tests
  compare with the vector path on generated inputs.

Official data ends at ``Index.official_last``. In ``"official"`` mode the tables
end there, so any query that needs a later day fails the bounds check. In
``"projected"`` mode they extend past it with statutory holidays only; a query
that touches those days emits :class:`~slaclock.errors.ProvisionalWarning` and
:meth:`WorkCalendar.is_provisional` marks its results.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import os
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal, cast, final, get_args, overload

import numpy as np
import numpy.typing as npt

from slaclock._base import dataframes as _frames
from slaclock._base import instants as _read
from slaclock._base.instants import EPOCH_ORDINAL, NAT_INT, MissingValueError, Zone, is_missing
from slaclock._base.show import brief
from slaclock._base.types import (
    ROLL_ALIASES,
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
from slaclock._days import compile as _compile
from slaclock._days.arrangement import YearArrangement
from slaclock._days.compile import arrangements_of, compile_tables, dated, one_date, weekmask_of
from slaclock._days.index import Index
from slaclock._days.kinds import KINDS_BY_CODE, DayKind
from slaclock._days.registry import REGISTRY, Coverage
from slaclock._days.table import DayTable, day_text
from slaclock._hours.schedule import WorkingHours, working_hours
from slaclock._hours.table import HoursIndex
from slaclock.errors import (
    CalendarDataError,
    InvalidInputError,
    NonWorkdayError,
)

if TYPE_CHECKING:
    from pendulum import DateTime

__all__ = ["DayInfo", "WorkCalendar", "calendar", "custom_calendar"]

DEFAULT_TZ: Final = {"CN": "Asia/Shanghai", "HK": "Asia/Hong_Kong", "MO": "Asia/Macau", "TW": "Asia/Taipei"}
_ROLL_MODES: Final = get_args(RollMode)

DaysArray = npt.NDArray[np.int64]
"""Epoch days (days since 1970-01-01) as int64, ``NAT_INT`` for NaT."""


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


@final
@dataclass(frozen=True, slots=True, eq=True)
class WorkCalendar:
    """A working-day calendar: a region's official days plus your overrides, compiled into flat tables.

    Build one with :func:`calendar` (built-in regions) or :func:`custom_calendar`;
    both cache by their arguments, so calling them again is cheap. A calendar is
    immutable, hashable and picklable. Every method takes a single date or an
    array of dates and answers in kind.

    Dates may be ``date`` objects, ``datetime`` objects (their civil date in the
    calendar's zone: aware ones are converted, naive ones are wall time), ISO
    strings, ``numpy.datetime64`` values or arrays (naive wall time; finer units
    are floored to the day), or lists of any of these. A scalar ``date``,
    ``datetime`` or string gives a ``date``; arrays and lists give
    ``datetime64[D]`` arrays (NaT in, NaT out); a ``datetime64`` scalar gives a
    ``datetime64[D]`` scalar. A missing date (None, NaT, NA, NaN) gives a missing
    answer: None, or False from a predicate (``docs/guide.md``, "Missing values").

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

    _ix: Index = field(init=False, repr=False, compare=False, hash=False)
    _names: dict[int, tuple[str, str]] = field(init=False, repr=False, compare=False, hash=False)
    _zone: zoneinfo.ZoneInfo = field(init=False, repr=False, compare=False, hash=False)
    _table: DayTable = field(init=False, repr=False, compare=False, hash=False)
    """The day index as the kernels read it, with the horizon errors and warnings (:mod:`slaclock._days.table`)."""
    _tzone: Zone | None = field(init=False, repr=False, compare=False, hash=False)
    """The zone as the instant readers need it (pendulum zone, DST-change days): :meth:`_build_tzone`."""
    _hours_ix: HoursIndex | None = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        zone = _zone(self.tz)
        ix, names, coverage = compile_tables(self, self._spec()[:-1])
        object.__setattr__(self, "_zone", zone)
        object.__setattr__(self, "_ix", ix)
        object.__setattr__(self, "_names", names)
        object.__setattr__(
            self, "_table", DayTable(ix, self.region, self.horizon, coverage, self.custom_span is not None)
        )
        object.__setattr__(self, "_tzone", None)
        object.__setattr__(self, "_hours_ix", None)

    # -- value-object protocol ------------------------------------------------------------

    def _build_tzone(self) -> Zone:
        """The calendar's :class:`~slaclock._base.instants.Zone`, built on first use (it imports pendulum).

        Readers take it as ``cal._tzone or cal._build_tzone()``: one attribute read once built.
        """
        z = self._tzone
        if z is None:
            z = Zone.build(self.tz, self._zone, self._ix.o0, self._ix.n)
            object.__setattr__(self, "_tzone", z)
        return z

    def _build_hours_index(self) -> HoursIndex:
        """The calendar's compiled working intervals, built on first use (``_hours.arithmetic.index_of``)."""
        hix: HoursIndex | None = self._hours_ix
        if hix is None:
            if self.hours is None:
                raise InvalidInputError(
                    f"the {self.region} calendar has no working hours; add them with "
                    "cal.with_hours('09:00-12:00,13:30-18:00')"
                )
            hix = HoursIndex(self, self.hours)
            object.__setattr__(self, "_hours_ix", hix)
        return hix

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (_rebuild, (self._spec(),))

    def __copy__(self) -> WorkCalendar:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> WorkCalendar:
        return self

    def _spec(self) -> tuple[Any, ...]:
        return (
            self.region,
            self.tz,
            self.horizon,
            self.holiday_list,
            self.closures,
            self.extra_workdays,
            self.arrangements,
            self.weekmask,
            self.custom_holidays,
            self.custom_span,
            self.hours,
        )

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
        return self._ix.date_of(0)

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
        cov = self._table.coverage
        lines = [
            f"{self.region} calendar, {self.tz}, official {cov.first.isoformat()}..{self.official_until.isoformat()}"
        ]
        if self.custom_span is None:
            from slaclock._days.sources import snapshot_version

            lines.append(
                f"data: snapshot of holidays {snapshot_version()} (registry checked with "
                f"{', '.join(cov.checked_with)}); "
                f"list: {self.holiday_list}"
            )
            lines.append(f"official source: {cov.source}")
            lines.append(f"verified: {cov.verified}")
        else:
            lines.append(f"data: {cov.source}")
        for arr in self.arrangements:
            lines.append(f"loaded {arr.year}: {arr.notice} (published {arr.published or 'date not given'})")
        if self.horizon == "projected":
            lines.append(
                f"projected until {self.last_day.isoformat()}: statutory holidays only, no makeup workdays "
                "(provisional)"
            )
        if self.closures:
            lines.append(f"closures: {_listing(self.closures)}")
        if self.extra_workdays:
            lines.append(f"extra workdays: {_listing(self.extra_workdays)}")
        if self.hours is not None:
            lines.append(f"working hours: {self.hours.describe()}")
        return "\n".join(lines)

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

        Every day that differs from the plain week (a statutory holiday, a
        transferred rest day, a closure, a makeup or extra workday) becomes an
        all-day event named as :meth:`holiday_name` names it, so Jira Service
        Management, Zendesk, and mail and calendar programs can import the same days
        slaclock counts on. Ordinary weekends are left out.

        Parameters
        ----------
        first, last : date-like
            The days to export, both included.
        lang : {"zh", "en"}
            The language of the event names and descriptions.
        name : str, optional
            The calendar's display name (``X-WR-CALNAME``).
        stamp : aware datetime, optional
            The ``DTSTAMP`` of every event (RFC 5545 requires one); default 00:00
            UTC of ``first``, so the same data always gives the same bytes.

        Returns
        -------
        str
            RFC 5545 text with CRLF line endings and lines folded at 75 octets.
            Write it as it is: ``path.write_text(text, encoding="utf-8", newline="")``.
            Each event has ``CATEGORIES`` 休/班 (``DAY OFF``/``WORKDAY`` in English),
            ``X-SLACLOCK-KIND`` (the :class:`DayKind`), and ``STATUS:TENTATIVE`` with
            "（暂定）"/"(provisional)" in its name for a projected day.

        Raises
        ------
        CalendarHorizonError
            A day outside the calendar's data (on an official calendar, any day past
            :attr:`official_until`).
        InvalidInputError
            ``last`` before ``first``, an unknown ``lang``, or a naive ``stamp``.

        Examples
        --------
        >>> import slaclock as sc
        >>> text = sc.calendar("CN").to_ics("2026-10-01", "2026-10-10", lang="en")
        >>> [line for line in text.splitlines() if line.startswith(("SUMMARY", "DTSTART"))][-4:]
        ['DTSTART;VALUE=DATE:20261007', 'SUMMARY:Day off (substituted from 10/10/2026)', \
'DTSTART;VALUE=DATE:20261010', 'SUMMARY:Makeup workday (rest moved to 2026-10-07)']
        """
        from slaclock._days.ics import to_ics

        a = dt.date.fromordinal(_read.ordinal(self._zone, first, "first"))
        b = dt.date.fromordinal(_read.ordinal(self._zone, last, "last"))
        return to_ics(self, a, b, lang=lang, name=name, stamp=stamp)

    # -- day facts ------------------------------------------------------------------------

    @overload
    def is_workday(self, x: DateScalar | None) -> bool: ...
    @overload
    def is_workday(self, x: DateArray | Sequence[Any]) -> npt.NDArray[np.bool_]: ...
    def is_workday(self, x: DateLike | None) -> bool | npt.NDArray[np.bool_]:
        """Whether each date is a workday (including makeup workdays, 调休上班).

        Parameters
        ----------
        x : date-like or array of date-likes

        Returns
        -------
        bool, or a bool ndarray of ``x``'s shape: False for a missing date (None, NaT, NA, NaN) or row.

        Raises
        ------
        CalendarHorizonError
            A date outside the covered days.

        Examples
        --------
        >>> import slaclock as sc, numpy as np
        >>> cal = sc.calendar("CN")
        >>> cal.is_workday("2026-10-01"), cal.is_workday("2026-10-10")
        (False, True)
        >>> cal.is_workday(np.array(["2026-02-14", "2026-02-15", "NaT"], dtype="datetime64[D]"))
        array([ True, False, False])
        """
        ix = self._ix
        if type(x) is dt.date:
            i = x.toordinal() - ix.o0
            if 0 <= i < ix.n and i <= ix.official_last:
                return ix.work_l[i]
        if _is_scalar(x):
            try:
                o = _read.ordinal(self._zone, x)
            except MissingValueError:
                return False
            return ix.work_l[self._table.index_of(o, "is_workday")]
        if _frames.foreign(x):
            return cast("npt.NDArray[np.bool_]", _frames.apply(self.is_workday, (x,), "d", self))
        if is_missing(x):
            return False
        days = _read.epoch_days(self._zone, x)
        idx, nat = self._table.indices(days, "is_workday")
        self._table.warn_if_projected(idx, "is_workday")
        out = np.asarray(ix.work[idx])  # an array also for a 0-d input
        if nat is not None:
            out[nat] = False
        return cast("bool | npt.NDArray[np.bool_]", _unwrap(out))

    @overload
    def day_kind(self, x: None) -> None: ...
    @overload
    def day_kind(self, x: DateScalar) -> DayKind: ...
    @overload
    def day_kind(self, x: DateArray | Sequence[Any]) -> npt.NDArray[np.str_]: ...
    def day_kind(self, x: DateLike | None) -> DayKind | npt.NDArray[np.str_] | None:
        """The kind of each day: workday, weekend, holiday, transferred rest, makeup workday, closure, extra workday.

        Returns
        -------
        DayKind (None for a missing date), or a string ndarray of ``DayKind`` values
        of ``x``'s shape (``""`` for a missing row). ``DayKind`` is a ``str`` enum, so
        ``kinds == DayKind.HOLIDAY`` works on the array.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> [cal.day_kind(d).value for d in ("2026-10-01", "2026-10-07", "2026-10-10", "2026-10-11", "2026-10-12")]
        ['holiday', 'transferred_rest', 'makeup_workday', 'weekend', 'workday']
        """
        ix = self._ix
        if _is_scalar(x):
            try:
                o = _read.ordinal(self._zone, x)
            except MissingValueError:
                return None
            return KINDS_BY_CODE[int(ix.kind[self._table.index_of(o, "day_kind")])]
        if _frames.foreign(x):
            return cast("npt.NDArray[np.str_]", _frames.apply(self.day_kind, (x,), "d", self))
        if is_missing(x):
            return None
        days = _read.epoch_days(self._zone, x)
        idx, nat = self._table.indices(days, "day_kind")
        self._table.warn_if_projected(idx, "day_kind")
        labels = np.array([k.value for k in KINDS_BY_CODE] + [""])
        codes = np.asarray(ix.kind[idx], dtype=np.intp)
        if nat is not None:
            codes[nat] = len(KINDS_BY_CODE)
        if codes.ndim == 0:
            return KINDS_BY_CODE[int(codes)] if int(codes) < len(KINDS_BY_CODE) else None  # a 0-d array
        return labels[codes]

    def holiday_name(self, x: DateScalar | None, lang: Lang = "zh") -> str | None:
        """The name of the holiday (or makeup workday, or closure) on a date, or ``None`` (also for a missing date).

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.holiday_name("2026-02-17"), cal.holiday_name("2026-02-17", lang="en")
        ('春节', 'Chinese New Year (Spring Festival)')
        >>> cal.holiday_name("2026-02-14")
        '调休上班（调至2026-02-20休息）'
        >>> cal.holiday_name("2026-03-02") is None
        True
        """
        if lang not in ("zh", "en"):
            raise InvalidInputError(f"lang must be 'zh' or 'en', got {lang!r}")
        if is_missing(x):
            return None
        i = self._table.index_of(_read.ordinal(self._zone, x), "holiday_name")
        names = self._names.get(i)
        if names is None:
            return None
        return names[1] if lang == "zh" else names[0]

    @overload
    def day_info(self, x: None) -> None: ...
    @overload
    def day_info(self, x: DateScalar) -> DayInfo: ...
    def day_info(self, x: DateScalar | None) -> DayInfo | None:
        """Everything known about one date: kind, workday flag, names, provisional mark; None for a missing date.

        Examples
        --------
        >>> import slaclock as sc
        >>> info = sc.calendar("CN").day_info("2026-10-10")
        >>> info.kind.value, info.is_workday, info.provisional
        ('makeup_workday', True, False)
        """
        if is_missing(x):
            return None
        i = self._table.index_of(_read.ordinal(self._zone, x), "day_info")
        ix = self._ix
        names = self._names.get(i)
        return DayInfo(
            date=ix.date_of(i),
            kind=KINDS_BY_CODE[int(ix.kind[i])],
            is_workday=ix.work_l[i],
            name_en=names[0] if names else None,
            name_zh=names[1] if names else None,
            provisional=i > ix.official_last,
        )

    @overload
    def is_provisional(self, x: DateScalar | None) -> bool: ...
    @overload
    def is_provisional(self, x: DateArray | Sequence[Any]) -> npt.NDArray[np.bool_]: ...
    def is_provisional(self, x: DateLike | None) -> bool | npt.NDArray[np.bool_]:
        """Whether each date lies past the official data (so anything built on it is provisional).

        A result of :meth:`add_workdays` is provisional when its start or its result
        is; a count is provisional when the later end of its range, less one day, is.
        Never raises for dates past the horizon: this is how you test for them. False for a
        missing date or row.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.is_provisional("2026-12-31"), cal.is_provisional("2027-01-04")
        (False, True)
        """
        if _is_scalar(x):
            try:
                return _read.ordinal(self._zone, x) > self._table.prov_ord
            except MissingValueError:
                return False
        if _frames.foreign(x):
            return cast("npt.NDArray[np.bool_]", _frames.apply(self.is_provisional, (x,), "d", self))
        if is_missing(x):
            return False
        days = _read.epoch_days(self._zone, x)
        out = days > (self._table.prov_ord - EPOCH_ORDINAL)
        out &= days != NAT_INT
        return cast("bool | npt.NDArray[np.bool_]", _unwrap(out))

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

        This is the Civil Code reading of "N个工作日内" (art. 201 para 1): the day of
        the event is not counted, so from a rest day the next workday is day 1.
        It equals ``holidays``' ``get_nth_working_day``. ``n = 0`` returns the date
        itself. For ``n > 0`` it equals numpy's ``busday_offset(x, n,
        roll="backward")`` on a calendar numpy can express; for ``n < 0``,
        ``roll="forward"``.

        Parameters
        ----------
        x : date-like or array of date-likes
        n : int or integer array, broadcast against ``x``
        out : datetime64[D] ndarray, optional
            Where to write the result (it may be ``x`` itself): on large columns this
            saves allocating, and faulting in, a fresh array. Returned.

        Returns
        -------
        date for a scalar ``x`` and ``n`` (None for a missing ``x``: None, NaT, NA,
        NaN; a ``datetime64`` scalar gives a ``datetime64[D]`` scalar, NaT for NaT);
        otherwise a ``datetime64[D]`` ndarray of the broadcast shape (NaT where ``x``
        is missing).

        Raises
        ------
        CalendarHorizonError
            A start, or a day the count needs, lies outside the covered days.
        InvalidInputError
            ``n`` is not an integer (bools and floats are refused), or ``out`` is not a
            ``datetime64[D]`` array of the result's shape.

        Examples
        --------
        >>> import datetime as dt, numpy as np, slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.add_workdays(dt.date(2025, 10, 4), 3)     # from a holiday, 10-09 is day 1
        datetime.date(2025, 10, 11)
        >>> cal.add_workdays(dt.date(2025, 10, 9), -1)
        datetime.date(2025, 9, 30)
        >>> cal.add_workdays(np.array(["2026-02-13", "NaT"], dtype="datetime64[D]"), [1, 1])
        array(['2026-02-14', 'NaT'], dtype='datetime64[D]')
        """
        ix = self._ix
        if out is not None:
            return self._add_workdays_into(x, n, out)
        if type(x) is dt.date and type(n) is int:
            i = x.toordinal() - ix.o0
            if 0 <= i < ix.n:
                if n > 0:
                    k = ix.rank_l[i + 1] + n - 1
                elif n < 0:
                    k = ix.rank_l[i] + n
                else:
                    k = -1
                if 0 <= k < ix.npos:
                    o = ix.pos_ord_l[k]
                    if o <= self._table.prov_ord and i <= ix.official_last:
                        return dt.date.fromordinal(o)
        return self._add_workdays_general(x, n)

    def _add_workdays_general(self, x: DateLike | None, n: IntLike) -> dt.date | DateArray | None:
        if _frames.foreign(x) or _frames.foreign(n):
            return cast(DateArray, _frames.apply(self.add_workdays, (x, n), "dv", self))
        if _is_int_scalar(n) and is_missing(x):
            if isinstance(x, np.datetime64):  # a datetime64 scalar answers in kind (a NaT row's answer)
                return cast(DateArray, _as_row(self.add_workdays, x, n))
            return None
        scalar_out = _is_scalar(x) and _is_int_scalar(n)
        days = _read.epoch_days(self._zone, x)
        steps = _as_steps(n)
        if steps.ndim == 0:
            out = self._offset_scalar_n(days, int(steps))
        else:
            days, steps = np.broadcast_arrays(days, steps)
            out = self._offset_array_n(np.ascontiguousarray(days), np.ascontiguousarray(steps))
        if scalar_out:
            return dt.date.fromordinal(int(out.reshape(-1)[0]) + EPOCH_ORDINAL)
        return cast("DateArray", _unwrap(out.view("datetime64[D]")))

    def _add_workdays_into(self, x: DateLike | None, n: IntLike, out: DateArray) -> DateArray:
        if not isinstance(out, np.ndarray) or out.dtype != np.dtype("datetime64[D]") or not out.flags.writeable:
            raise InvalidInputError(f"out must be a writeable datetime64[D] ndarray; got {type(out).__name__}")
        days = _read.epoch_days(self._zone, x)
        steps = _as_steps(n)
        shape = np.broadcast_shapes(days.shape, steps.shape)
        if out.shape != shape:
            raise InvalidInputError(f"out has shape {out.shape}; the result has shape {shape}")
        buf = out.view(np.int64)
        if steps.ndim == 0 and days.shape == shape and out.flags.c_contiguous:
            step = int(steps)
            if step != 0 and abs(step) < 2**40 and self._offset_in_place(days, step, step > 0, buf) is not None:
                return out
        result = self._add_workdays_general(np.broadcast_to(days.view("datetime64[D]"), shape), steps)
        np.copyto(out, np.asarray(result))
        return out

    def _offset_in_place(
        self, days: DaysArray, n: int | npt.NDArray[np.int64], forward: bool, into: DaysArray | None = None
    ) -> DaysArray | None:
        """The fast kernel: no NaT, one sign of ``n``, official days only; ``None`` if it does not apply.

        Three gathers and adds in place in one int64 buffer, which becomes the result: fresh
        temporaries cost more in page faults than the arithmetic itself.
        """
        ix = self._ix
        if days.size == 0 or self.horizon != "official":
            return None
        lo, hi = int(days.min()), int(days.max())
        if lo == NAT_INT or lo < ix.d0 or hi >= ix.d0 + ix.n:
            return None
        if into is None:
            buf = days.astype(np.int64, copy=True)  # a 0-d input stays an array
        else:
            # ranks are monotone: bound the positions from the extreme days before writing a byte of
            # `into` (which may be the input itself), so an error leaves it untouched
            rank = ix.rank_after64 if forward else ix.rank64
            step = cast(int, n) - int(forward)
            if int(rank[lo - ix.d0]) + step < 0 or int(rank[hi - ix.d0]) + step >= ix.npos:
                return None
            buf = into
            np.copyto(buf, days)  # `days` may be `into` itself
        buf -= ix.d0
        np.take(ix.rank_after64 if forward else ix.rank64, buf, out=buf, mode="clip")
        buf += n
        if forward:
            buf -= 1
        if int(buf.min()) < 0 or int(buf.max()) >= ix.npos:
            self._check_k(buf, days, n, "add_workdays")
        np.take(ix.posday, buf, out=buf, mode="clip")
        return buf

    def _offset_scalar_n(self, days: DaysArray, n: int) -> DaysArray:
        ix = self._ix
        if n != 0 and abs(n) < 2**40:
            fast = self._offset_in_place(days, n, n > 0)
            if fast is not None:
                return fast
        idx, nat = self._table.indices(days, "add_workdays")
        if n == 0:
            self._table.warn_if_projected(idx, "add_workdays")
            return days.copy()
        k = np.asarray(np.take(ix.rank_after64 if n > 0 else ix.rank64, idx))
        k += _clamp_step(n) - 1 if n > 0 else _clamp_step(n)
        if nat is not None:
            k[nat] = 0
        self._check_k(k, days, n, "add_workdays", nat)
        out = np.asarray(np.take(ix.posday, k))
        if nat is not None:
            out[nat] = NAT_INT
        self._table.warn_if_projected_result(idx, nat, out, "add_workdays")
        return out

    def _offset_array_n(self, days: DaysArray, n: npt.NDArray[np.int64]) -> DaysArray:
        ix = self._ix
        if n.size:
            n_lo, n_hi = int(n.min()), int(n.max())
            if (n_lo > 0 or n_hi < 0) and max(abs(n_lo), abs(n_hi)) < 2**40:
                fast = self._offset_in_place(days, n, n_lo > 0)
                if fast is not None:
                    return fast
        idx, nat = self._table.indices(days, "add_workdays")
        fwd = n > 0
        k: npt.NDArray[np.int64] = np.where(fwd, ix.rank_after64[idx] - 1, ix.rank64[idx]) + np.clip(n, -_STEP, _STEP)
        zero = n == 0
        skip = zero if nat is None else (zero | nat)
        k[skip] = 0
        self._check_k(k, days, n, "add_workdays", skip)
        out: DaysArray = ix.posday[k]
        out[zero] = days[zero]
        if nat is not None:
            out[nat] = NAT_INT
        self._table.warn_if_projected_result(idx, nat, out, "add_workdays")
        return out

    def _check_k(
        self,
        k: npt.NDArray[np.integer],
        days: DaysArray,
        n: int | npt.NDArray[np.int64],
        op: str,
        skip: npt.NDArray[np.bool_] | None = None,
    ) -> None:
        ix = self._ix
        if k.size == 0 or (int(k.min()) >= 0 and int(k.max()) < ix.npos):
            return
        bad = (k < 0) | (k >= ix.npos)
        if skip is not None:
            bad &= ~skip
            if not bad.any():
                return
        first = int(np.flatnonzero(bad.reshape(-1))[0])
        start = day_text(int(days.reshape(-1)[first]))
        step = int(n) if isinstance(n, int) else int(n.reshape(-1)[first])
        after = int(k.reshape(-1)[first]) >= ix.npos
        reason = (
            f"{op}({start}, {step}) needs days {'after' if after else 'before'} "
            f"{(self.last_day if after else self.first_day).isoformat()}"
        )
        raise self._table.horizon_error(
            reason, after=after, count=int(bad.sum()), total=k.size, index=first, shape=k.shape
        )

    @overload
    def next_workday(self, x: None) -> None: ...
    @overload
    def next_workday(self, x: DateScalar) -> dt.date: ...
    @overload
    def next_workday(self, x: DateArray | Sequence[Any]) -> DateArray: ...
    def next_workday(self, x: DateLike | None) -> dt.date | DateArray | None:
        """The first workday strictly after each date (``add_workdays(x, 1)``; None for a missing date).

        Examples
        --------
        >>> import slaclock as sc
        >>> sc.calendar("CN").next_workday("2026-09-30")
        datetime.date(2026, 10, 8)
        """
        return self.add_workdays(x, 1)

    @overload
    def previous_workday(self, x: None) -> None: ...
    @overload
    def previous_workday(self, x: DateScalar) -> dt.date: ...
    @overload
    def previous_workday(self, x: DateArray | Sequence[Any]) -> DateArray: ...
    def previous_workday(self, x: DateLike | None) -> dt.date | DateArray | None:
        """The last workday strictly before each date (``add_workdays(x, -1)``; None for a missing date).

        Examples
        --------
        >>> import slaclock as sc
        >>> sc.calendar("CN").previous_workday("2026-10-08")
        datetime.date(2026, 9, 30)
        """
        return self.add_workdays(x, -1)

    @overload
    def workdays_between(self, a: DateScalar, b: DateScalar) -> int: ...  # type: ignore[overload-overlap]
    @overload
    def workdays_between(self, a: DateLike, b: DateLike) -> npt.NDArray[np.int64]: ...
    def workdays_between(self, a: DateLike, b: DateLike) -> int | npt.NDArray[np.int64]:
        """Count workdays in the half-open range ``[a, b)``; negative when ``b < a``.

        The same half-open range as ``numpy.busday_count``, and antisymmetric:
        ``workdays_between(a, b) == -workdays_between(b, a)`` (numpy's own count is not
        when ``b < a``: numpy issue #23197). ``workdays_between(d, add_workdays(d, n)) == n``
        for a workday ``d``.
        Counting ``[a, b)`` needs days up to ``b - 1`` only, so ``b`` may be the day
        after the horizon.

        Returns
        -------
        int for scalars; otherwise an int64 ndarray of the broadcast shape.

        Raises
        ------
        CalendarHorizonError
            An end outside the covered days.
        InvalidInputError
            An end is missing (None, NaT, NA, NaN), one value or a row: a count has no
            missing value (as numpy's ``busday_count``); filter those rows first.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.workdays_between("2026-10-01", "2026-10-12"), cal.workdays_between("2026-10-12", "2026-10-01")
        (3, -3)
        """
        ix = self._ix
        if type(a) is dt.date and type(b) is dt.date:
            i, j = a.toordinal() - ix.o0, b.toordinal() - ix.o0
            lim = ix.official_last + 1
            if 0 <= i <= lim and 0 <= j <= lim:
                return ix.rank_l[j] - ix.rank_l[i]
        if _is_scalar(a) and _is_scalar(b):
            try:
                oa, ob = _read.ordinal(self._zone, a, "`a`"), _read.ordinal(self._zone, b, "`b`")
            except MissingValueError as exc:
                raise InvalidInputError(f"workdays_between: {exc}; a count has no missing value") from None
            i, j = self._table.count_index(oa), self._table.count_index(ob)
            if max(i, j) - 1 > ix.official_last:
                self._table.warn_projected(ix.date_of(max(i, j) - 1), "workdays_between")
            return ix.rank_l[j] - ix.rank_l[i]
        if _frames.foreign(a) or _frames.foreign(b):
            return cast("npt.NDArray[np.int64]", _frames.apply(self.workdays_between, (a, b), "dd", self))
        da, db = np.broadcast_arrays(_read.epoch_days(self._zone, a), _read.epoch_days(self._zone, b))
        ia = self._table.count_indices(da, "workdays_between", "a")
        ib = self._table.count_indices(db, "workdays_between", "b")
        if ia.size:
            hi = int(np.maximum(ia, ib).max()) - 1
            if hi > ix.official_last:
                self._table.warn_projected(ix.date_of(hi), "workdays_between")
        out = np.take(ix.rank64, ib, mode="clip")  # indices checked above; gather in place
        out -= np.take(ix.rank64, ia, out=ia, mode="clip")
        return cast("int | npt.NDArray[np.int64]", _unwrap(out))

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

        Parameters
        ----------
        x : date-like or array of date-likes
        mode : {"raise", "nat", "forward", "backward", "modifiedfollowing", "modifiedpreceding"}
            numpy's ``busday_offset`` vocabulary, one name per mode. ``"raise"``
            raises :class:`NonWorkdayError` for a rest day; ``"nat"`` gives NaT
            (``None`` for a scalar); ``"forward"`` the next workday; ``"backward"``
            the previous one; ``"modifiedfollowing"`` the next unless it is in
            another month, then the previous; ``"modifiedpreceding"`` the reverse.
            numpy's synonyms ``"following"`` and ``"preceding"`` are accepted as
            aliases of ``"forward"`` and ``"backward"``.

        Returns
        -------
        date (``None`` for a rest day with ``"nat"``, and for a missing date) for a
        scalar; otherwise a ``datetime64[D]`` ndarray of ``x``'s shape (NaT where ``x``
        is missing).

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.roll("2026-10-01", "forward"), cal.roll("2026-10-01", "backward")
        (datetime.date(2026, 10, 8), datetime.date(2026, 9, 30))
        >>> cal.roll("2026-05-31", "modifiedfollowing")   # Sunday; the next workday is in June, so back
        datetime.date(2026, 5, 29)
        >>> cal.roll("2026-02-28", "modifiedfollowing")   # a makeup Saturday stays
        datetime.date(2026, 2, 28)
        """
        if mode not in _ROLL_MODES:
            if not isinstance(mode, str) or mode not in ROLL_ALIASES:
                raise InvalidInputError(
                    f"roll mode must be one of {', '.join(map(repr, _ROLL_MODES))} (numpy's 'following' and "
                    f"'preceding' are accepted for 'forward' and 'backward'); got {brief(mode)}"
                )
            mode = ROLL_ALIASES[mode]
        if _frames.foreign(x):
            return cast(DateArray, _frames.apply(self.roll, (x, mode), "d-", self))
        if is_missing(x):
            if isinstance(x, np.datetime64):  # a datetime64 scalar answers in kind (a NaT row's answer)
                return cast(DateArray, _as_row(self.roll, x, mode))
            return None
        days = _read.epoch_days(self._zone, x)
        ix = self._ix
        idx, nat = self._table.indices(days, "roll")
        work = np.asarray(ix.work[idx])
        if nat is not None:
            work[nat] = True
        if mode == "raise":
            if not work.all():
                first = int(np.flatnonzero(~work.reshape(-1))[0])
                day = day_text(int(days.reshape(-1)[first]))
                kind = KINDS_BY_CODE[int(ix.kind.reshape(-1)[idx.reshape(-1)[first]])]
                where = (
                    ""
                    if work.size == 1 and days.ndim == 0
                    else f"{int((~work).sum())} of {work.size} dates are rest days; first at index {first}: "
                )
                raise NonWorkdayError(
                    f"{where}{day} is not a workday ({kind.value}, {kind.zh}); choose a roll mode such as 'forward' "
                    "or 'backward'"
                )
            out = days.copy()
        elif mode == "nat":
            out = np.where(work, days, NAT_INT)
        else:
            fwd_k = np.array(ix.rank[idx])
            back_k = np.array(ix.rank_after[idx], dtype=np.int64)  # an array also for a 0-d input
            back_k -= 1
            if nat is not None:
                fwd_k[nat] = 0
                back_k[nat] = 0
            forward = mode in ("forward", "modifiedfollowing")
            primary_k = fwd_k if forward else back_k
            modified = mode.startswith("modified")
            month = days.view("datetime64[D]").astype("datetime64[M]")
            off_edge = (primary_k < 0) | (primary_k >= ix.npos)
            if modified and off_edge.any():
                # Off the table's edge the modified rule still knows the answer when the rest of the
                # month lies inside the table: the workday beyond is then in another month.
                if forward:
                    month_end = (month + 1).astype("datetime64[D]").view(np.int64) - 1
                    unknown = off_edge & (month_end >= ix.d0 + ix.n)
                else:
                    unknown = off_edge & (month.astype("datetime64[D]").view(np.int64) < ix.d0)
                self._check_roll(primary_k, days, work | ~unknown, mode)
            elif not modified:
                self._check_roll(primary_k, days, work, mode)
            out = np.where(work, days, ix.posday[np.clip(primary_k, 0, ix.npos - 1)])
            if modified:
                moved = ~work & (off_edge | (out.view("datetime64[D]").astype("datetime64[M]") != month))
                if moved.any():
                    other_k = back_k if forward else fwd_k
                    # checked over the whole column (rows that stay count as fine), so an error counts and
                    # indexes rows of the column, not of the moved rows
                    self._check_roll(np.where(moved, other_k, 0), days, ~moved, mode)
                    out[moved] = ix.posday[other_k[moved]]
        if nat is not None:
            out[nat] = NAT_INT
        self._table.warn_if_projected_result(idx, nat, out, "roll")
        if _is_scalar(x):
            value = int(out.reshape(-1)[0])
            return None if value == NAT_INT else dt.date.fromordinal(value + EPOCH_ORDINAL)
        return cast("DateArray", _unwrap(out.view("datetime64[D]")))

    def _check_roll(self, k: npt.NDArray[np.integer], days: DaysArray, work: npt.NDArray[np.bool_], mode: str) -> None:
        ix = self._ix
        bad = ~work & ((k < 0) | (k >= ix.npos))
        if bad.any():
            first = int(np.flatnonzero(bad.reshape(-1))[0])
            after = int(k.reshape(-1)[first]) >= ix.npos
            day = day_text(int(days.reshape(-1)[first]))
            reason = f"roll({day}, {mode!r}) needs a workday {'after' if after else 'before'} the covered days"
            raise self._table.horizon_error(
                reason, after=after, count=int(bad.sum()), total=k.size, index=first, shape=k.shape
            )

    # -- months ---------------------------------------------------------------------------

    def nth_workday_of_month(self, year: int, month: int, n: int) -> dt.date:
        """The ``n``-th workday of a month (``n = 1`` the first); ``n < 0`` counts from the month's end.

        Raises
        ------
        InvalidInputError
            ``n`` is 0 or beyond the month's number of workdays, or ``year``/``month`` are invalid.
        CalendarHorizonError
            The month is not (wholly) covered.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN")
        >>> cal.nth_workday_of_month(2026, 10, 3)    # the makeup Saturday
        datetime.date(2026, 10, 10)
        >>> cal.nth_workday_of_month(2026, 10, -1)
        datetime.date(2026, 10, 30)
        """
        if not _is_int_scalar(n) or n == 0:
            raise InvalidInputError(f"n must be a non-zero integer (1 = first workday, -1 = last); got {n!r}")
        i, j = self._month_span(year, month, "nth_workday_of_month")
        ix = self._ix
        total = ix.rank_l[j] - ix.rank_l[i]
        if abs(n) > total:
            raise InvalidInputError(
                f"{year:04d}-{month:02d} has {total} workdays in this calendar; n must be in 1..{total} or "
                f"-{total}..-1, got {n}"
            )
        k = ix.rank_l[i] + n - 1 if n > 0 else ix.rank_l[j] + n
        return dt.date.fromordinal(ix.pos_ord_l[k])

    def workdays_in_month(self, year: int, month: int) -> int:
        """How many workdays a month has.

        Examples
        --------
        >>> import slaclock as sc
        >>> sc.calendar("CN").workdays_in_month(2026, 10)
        18
        """
        i, j = self._month_span(year, month, "workdays_in_month")
        return self._ix.rank_l[j] - self._ix.rank_l[i]

    def _month_span(self, year: int, month: int, op: str) -> tuple[int, int]:
        if (
            not (_is_int_scalar(year) and _is_int_scalar(month))
            or not (1 <= int(month) <= 12)
            or not (1 <= int(year) <= 9998)
        ):
            raise InvalidInputError(
                f"{op}: year must be an integer and month an integer 1..12; got year={year!r}, month={month!r}"
            )
        first = dt.date(int(year), int(month), 1)
        nxt = dt.date(int(year) + (month == 12), 1 if month == 12 else int(month) + 1, 1)
        i = self._table.index_of(first.toordinal(), op)
        j = self._table.count_index(nxt.toordinal())
        return i, j

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
        """This calendar with working hours on its workdays.

        Parameters
        ----------
        hours : WorkingHours or str
            A :class:`WorkingHours`, or the workday schedule as text
            (``"09:00-12:00,13:30-18:00"``); the keywords are then passed to
            :func:`working_hours`.

        Returns
        -------
        WorkCalendar
            Equal to this one but for ``hours``; cached like every calendar.

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
        >>> cal.add_working_time("2026-09-30T17:00", "1 hour")
        DateTime(2026, 9, 30, 18, 0, 0, tzinfo=Timezone('Asia/Shanghai'))
        >>> cal.add_working_time("2026-09-30T17:00", "2 hours")      # National Day: next opening 10-08
        DateTime(2026, 10, 8, 10, 0, 0, tzinfo=Timezone('Asia/Shanghai'))
        """
        if isinstance(hours, str):
            hours = working_hours(
                hours, saturday=saturday, sunday=sunday, makeup=makeup, dates=dates, at_close=at_close
            )
        elif not isinstance(hours, WorkingHours):
            raise InvalidInputError(f"hours must be WorkingHours or text like '09:00-18:00'; got {hours!r}")
        return _cached(*self._spec()[:-1], hours)

    @overload
    def is_open(self, t: InstantScalar | None, *, utc: bool = False) -> bool: ...
    @overload
    def is_open(self, t: InstantArray | Sequence[Any], *, utc: bool = False) -> npt.NDArray[np.bool_]: ...
    def is_open(self, t: InstantLike | None, *, utc: bool = False) -> bool | npt.NDArray[np.bool_]:
        """Whether instant ``t`` lies inside working hours (an opening counts, a close does not).

        ``t`` may be one instant or a column (see :meth:`add_working_time` for the forms).
        False for a missing instant (None, NaT, NA, NaN) or row.
        """
        from slaclock._hours import arithmetic as _hours
        from slaclock._hours import columns as _hourcols

        if not _hourcols.is_instant(t):
            if _frames.foreign(t):
                return cast("npt.NDArray[np.bool_]", _frames.apply(self.is_open, (t,), "t", self, utc=utc))
            if is_missing(t):
                _hours.index_of(self)  # a calendar without hours refuses any instant
                return False
            return _hourcols.is_open_many(self, t, utc)
        hix = _hours.index_of(self)
        try:
            us = _hours.to_us(self, t, "t", utc=utc)
        except MissingValueError:
            return False
        _hours.warn_projected(self, hix, us, "is_open")
        j = bisect.bisect_right(hix.ws_l, us) - 1
        return j >= 0 and us < hix.we_l[j]

    @overload
    def next_open(self, t: None, *, utc: bool = False) -> None: ...
    @overload
    def next_open(self, t: InstantScalar, *, utc: bool = False) -> DateTime: ...
    @overload
    def next_open(self, t: InstantArray | Sequence[Any], *, utc: bool = False) -> InstantArray: ...
    def next_open(self, t: InstantLike | None, *, utc: bool = False) -> DateTime | InstantArray | None:
        """``t`` itself if open, else the next opening: an aware ``pendulum.DateTime``, or a column.

        None for a missing instant (None, NaT, NA, NaN); NaT for a missing row.
        """
        from slaclock._hours import arithmetic as _hours
        from slaclock._hours import columns as _hourcols

        if not _hourcols.is_instant(t):
            if _frames.foreign(t):
                return cast(InstantArray, _frames.apply(self.next_open, (t,), "t", self, utc=utc))
            if is_missing(t):
                _hours.index_of(self)
                return None
            return _hourcols.next_open_many(self, t, utc)
        hix = _hours.index_of(self)
        try:
            us = _hours.to_us(self, t, "t", utc=utc)
        except MissingValueError:
            return None
        j = bisect.bisect_right(hix.ws_l, us) - 1
        if not (j >= 0 and us < hix.we_l[j]):
            if j + 1 >= hix.m:
                raise self._table.horizon_error(f"next_open({t})", after=True, count=1, total=1, index=0)
            us = hix.ws_l[j + 1]
        _hours.warn_projected(self, hix, us, "next_open")
        return _hours.from_us(self, us)

    @overload
    def close_of(self, day: DateScalar | None, *, utc: bool = False) -> DateTime | None: ...
    @overload
    def close_of(self, day: DateArray | Sequence[Any], *, utc: bool = False) -> InstantArray: ...
    def close_of(self, day: DateLike | None, *, utc: bool = False) -> DateTime | InstantArray | None:
        """The instant business closes on ``day`` (its last interval's end); None (NaT) on a day without hours.

        None for a missing day (None, NaT, NA, NaN); NaT for a missing row.

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
        from slaclock._hours import arithmetic as _hours
        from slaclock._hours import columns as _hourcols

        if not _is_one(day):
            if _frames.foreign(day):
                return cast(InstantArray, _frames.apply(self.close_of, (day,), "d", self, utc=utc))
            return _hourcols.close_many(self, day, utc)
        hix = _hours.index_of(self)
        if is_missing(day):
            return None
        us = _hours.close_us(hix, self._table.index_of(_read.ordinal(self._zone, day, "day"), "close_of"))
        return None if us is None else _hours.from_us(self, us)

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
        """``t`` plus ``duration`` of working time (negative goes back).

        A start outside hours begins at the next opening; a result exactly at a
        close stays at the close (17:00 + 1 h = 18:00) unless the hours were built
        with ``at_close="next_open"``. Adding zero returns ``t`` unchanged.

        Parameters
        ----------
        t : datetime, ISO text, datetime64, or a column of them
            One instant gives an aware ``pendulum.DateTime`` in the calendar's zone.
            A column (numpy array, list, pandas Series) gives a ``datetime64[us]``
            array (``[ns]`` for ``[ns]`` input; finer digits are dropped): naive values
            are wall times in the calendar's zone and so are the results, unless
            ``utc=True``, when both are UTC. Aware ``datetime`` objects are converted.
            A missing row gives NaT; one missing instant (None, NaT, NA, NaN) gives
            None. A wall time the clocks skip (DST) is an error; an ambiguous one
            is its first occurrence.
        duration : timedelta, Period, text, or a timedelta64 column
            Hours or minutes ("8个工作小时", "90 minutes", ``timedelta(hours=8)``);
            a column broadcasts against ``t``.
        utc : bool
            Naive values (a column, or one naive datetime or datetime64) are UTC instead of wall times.

        Raises
        ------
        InvalidInputError
            The calendar has no hours, a duration in days, or a skipped wall time.
        CalendarHorizonError
            A value, or the count, runs past the calendar's days.

        Examples
        --------
        >>> import numpy as np, slaclock as sc
        >>> cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
        >>> t = np.array(["2026-09-30T11:00", "2026-09-30T17:00", "NaT"], dtype="datetime64[m]")
        >>> cal.add_working_time(t, "1 hour")
        array(['2026-09-30T12:00:00.000000', '2026-09-30T18:00:00.000000', 'NaT'],
              dtype='datetime64[us]')
        >>> cal.add_working_time(t[:2], np.array([2, -2], dtype="timedelta64[h]"))
        array(['2026-09-30T14:30:00.000000', '2026-09-30T15:00:00.000000'],
              dtype='datetime64[us]')
        """
        from slaclock._hours import arithmetic as _hours
        from slaclock._hours import columns as _hourcols

        if not _hourcols.is_instant(t):
            if _frames.foreign(t) or _frames.foreign(duration):
                return cast(InstantArray, _frames.apply(self.add_working_time, (t, duration), "tv", self, utc=utc))
            if not is_missing(t):
                return _hourcols.add_many(self, t, duration, utc)
        if not isinstance(duration, (dt.timedelta, str)) and not _is_plain_duration(duration):
            raise InvalidInputError(
                "one instant takes one duration (timedelta, Period or text); pass a column of instants "
                f"to add a column of durations; got {type(duration).__name__}"
            )
        hix = _hours.index_of(self)
        try:
            start, result, _k = _hours.add(self, t, duration, utc=utc)
        except MissingValueError:
            if is_missing(t):
                return None
            raise
        _hours.warn_projected(self, hix, max(start, result), "add_working_time")
        return _hours.from_us(self, result)

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
        """Working time in ``[a, b)`` (negative when ``b < a``); columns give ``timedelta64[us]``, NaT in -> NaT.

        None when one instant of two is missing (None, NaT, NA, NaN).

        Examples
        --------
        >>> import numpy as np, slaclock as sc
        >>> cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
        >>> cal.working_time_between("2026-09-30T11:00", "2026-10-08T10:00")    # 1 h + 4.5 h + 1 h
        datetime.timedelta(seconds=23400)
        >>> a = np.array(["2026-09-30T11:00", "2026-10-09T09:00"], dtype="datetime64[m]")
        >>> cal.working_time_between(a, np.datetime64("2026-10-10T12:00")).astype("timedelta64[m]")  # 10-10: 调休
        array([1410,  630], dtype='timedelta64[m]')
        """
        from slaclock._hours import arithmetic as _hours
        from slaclock._hours import columns as _hourcols

        if not (_hourcols.is_instant(a) and _hourcols.is_instant(b)):
            if _frames.foreign(a) or _frames.foreign(b):
                out = _frames.apply(self.working_time_between, (a, b), "tt", self, utc=utc)
                return cast("npt.NDArray[np.timedelta64]", out)
            if not (_is_one(a) and _is_one(b) and (is_missing(a) or is_missing(b))):
                return _hourcols.between_many(self, a, b, utc)
        hix = _hours.index_of(self)
        try:
            ua, ub = _hours.to_us(self, a, "a", utc=utc), _hours.to_us(self, b, "b", utc=utc)
        except MissingValueError:
            return None
        _hours.warn_projected(self, hix, max(ua, ub), "working_time_between")
        return dt.timedelta(microseconds=hix.worked(ub) - hix.worked(ua))

    # -- coercion and bounds --------------------------------------------------------------


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
    code = region.upper() if isinstance(region, str) else region
    if code not in REGISTRY:
        raise CalendarDataError(
            f"unknown region {region!r}; built-in regions are {', '.join(sorted(REGISTRY))}; "
            "use slaclock.custom_calendar() for any other weekmask and holidays"
        )
    from slaclock._days.sources import HOLIDAY_LISTS, WEEKMASKS

    lists = HOLIDAY_LISTS[code]
    chosen = holiday_list if holiday_list is not None else next(iter(lists))
    if chosen not in lists:
        raise CalendarDataError(f"region {code} has holiday lists {', '.join(map(repr, lists))}; got {holiday_list!r}")
    if horizon not in ("official", "projected"):
        raise CalendarDataError(f"horizon must be 'official' or 'projected'; got {horizon!r}")
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

    Examples
    --------
    >>> import slaclock as sc
    >>> xmas = {"2026-12-25": "Christmas"}
    >>> cal = sc.custom_calendar("1111100", xmas, first="2026-01-01", last="2026-12-31", tz="UTC")
    >>> cal.add_workdays("2026-12-24", 1)
    datetime.date(2026, 12, 28)
    """
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
    return _cached(*spec)


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise CalendarDataError(f"unknown time zone {name!r}; use an IANA name such as 'Asia/Shanghai'") from None


# -- small helpers --------------------------------------------------------------------------


def _is_scalar(x: object) -> bool:
    return isinstance(x, (dt.date, str))


def _is_one(x: object) -> bool:
    """Whether ``x`` is one date (a scalar, a ``datetime64`` or a missing value), not a column."""
    return isinstance(x, (dt.date, str, np.datetime64)) or is_missing(x)


def _as_row(fn: Any, x: Any, *args: Any) -> Any:
    """``fn`` on a one-row column of ``x``, its row as a numpy scalar: one ``datetime64('NaT')`` is a NaT row."""
    return np.asarray(fn(np.reshape(x, 1), *args)).reshape(())[()]


def _is_plain_duration(d: object) -> bool:
    from slaclock._periods.period import Period

    return isinstance(d, (Period, np.timedelta64))


def _is_int_scalar(n: object) -> bool:
    return isinstance(n, (int, np.integer)) and not isinstance(n, (bool, np.bool_))


_STEP: Final = 2**40
"""Steps beyond this many workdays leave any table; clamping keeps index arithmetic inside int64."""


def _clamp_step(n: int) -> int:
    return max(-_STEP, min(_STEP, n))


def _as_steps(n: object) -> npt.NDArray[np.int64]:
    if _is_int_scalar(n):
        return np.array(max(-(2**62), min(2**62, int(cast(int, n)))), dtype=np.int64)
    a = np.asarray(n)
    if a.dtype.kind not in "iu":
        raise InvalidInputError(
            f"n must be an integer or an integer array (a number of workdays); got "
            f"{type(n).__name__} of dtype {a.dtype}: {n!r}"[:200]
        )
    return a.astype(np.int64, copy=False)


def _listing(days: tuple[tuple[dt.date, str], ...]) -> str:
    return ", ".join(f"{d.isoformat()} ({reason})" if reason else d.isoformat() for d, reason in days)


def _unwrap(a: Any) -> Any:
    """A 0-d array (from a ``datetime64`` scalar input) as a numpy scalar; arrays unchanged."""
    return a[()] if isinstance(a, np.ndarray) and a.ndim == 0 else a
