"""The calendar of a contract as a value (:class:`CalendarSpec`), and arrangement years as tables.

A spec holds the arguments of :func:`~slaclock.calendar` and ``with_hours``, not a
built :class:`~slaclock.WorkCalendar`, so contracts compare and round-trip by
value; :meth:`CalendarSpec.build` makes the calendar. Years given as data are
written as an arrangement file's ``[[year]]`` tables (:func:`_year_table`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeAlias, final

from slaclock._base.show import brief
from slaclock._base.types import HorizonMode
from slaclock._calendar import WorkCalendar
from slaclock._contracts.checks import _check_keys, _text_field
from slaclock._days.arrangement import HolidayBlock, YearArrangement, parse_arrangements
from slaclock._days.index import as_date
from slaclock._hours.schedule import AtClose, parse_schedule, schedule_text, working_hours
from slaclock.errors import CalendarDataError, ContractError, InvalidInputError

__all__ = ["ArrangementsLike", "CalendarLike", "CalendarSpec"]

CalendarLike: TypeAlias = "WorkCalendar | CalendarSpec | str | Mapping[str, Any]"
"""A calendar: a built :class:`~slaclock.WorkCalendar`, or what a :class:`CalendarSpec` is made from
(a spec, a region name such as ``"HK"``, or a table of its arguments)."""

ArrangementsLike: TypeAlias = "str | os.PathLike[str] | Iterable[str | os.PathLike[str] | YearArrangement]"
"""Newly published years: a file or folder path, or several paths and :class:`YearArrangement` objects."""


@final
@dataclass(frozen=True, slots=True, init=False)
class CalendarSpec:
    """How to build a contract's calendar: the arguments of :func:`~slaclock.calendar` and ``with_hours``.

    A spec, not a built calendar, so contracts compare and round-trip by value.
    Dates and schedules are normalised (sorted, canonical ``"09:00-12:00,13:30-18:00"``).

    Parameters
    ----------
    region : str
        A built-in region: ``"CN"`` (default), ``"HK"``, ``"MO"``, ``"TW"``.
    holiday_list : str, optional
        The region's holiday list (default: the region's first).
    horizon : {"official", "projected"}
        ``"official"`` (default): a count that needs a day past the official data
        raises :class:`~slaclock.CalendarHorizonError`. ``"projected"``: such days
        come from the statutory holidays alone, and results that read them are
        provisional.
    tz : str, optional
        IANA time zone (default: the region's).
    closures, extra_workdays : mapping of date to reason, or dates
        Company shutdowns; rest days worked.
    hours : str, optional
        Working hours on workdays, ``"09:00-12:00,13:30-18:00"``; None for none.
    makeup_hours : str, optional
        Hours on makeup workdays (调休上班), if different.
    dated_hours : mapping of date to str
        Hours on particular days (``{"2026-09-30": "09:00-15:00"}``).
    at_close : {"close", "next_open"}
    arrangements : path, or paths, tables and YearArrangement objects
        Newly published years (:mod:`slaclock._days.arrangement`): arrangement files or
        folders of them, named by path (kept as written; a relative path is read
        from :attr:`folder`), or the years themselves (a ``YearArrangement``, or a
        table laid out as one ``[[year]]`` of an arrangement file, which is how
        a contract file writes them).
    folder : path, optional
        The folder relative ``arrangements`` paths are read from; None (default)
        for the current directory. :meth:`Contract.load` sets it to the contract
        file's folder. It is where the spec was read, not part of its value: it
        is not compared, nor written to files.

    Raises
    ------
    ContractError
        An unknown region, list, horizon or zone; a bad date or schedule; a day
        that is both a closure and an extra workday; hour options without hours;
        an arrangement of another region, or a table that is not one.

    See Also
    --------
    CalendarSpec.from_calendar : the spec of a built calendar.

    Examples
    --------
    >>> from slaclock._contracts.calendar_spec import CalendarSpec
    >>> spec = CalendarSpec("CN", hours="9:00-12:00, 13:30-18:00", closures={"2026-12-31": "年终盘点"})
    >>> spec.hours, spec.closures
    ('09:00-12:00,13:30-18:00', ((datetime.date(2026, 12, 31), '年终盘点'),))
    >>> spec.build().is_workday("2026-12-31")
    False
    >>> spec.replace(horizon="projected").to_dict()["horizon"]
    'projected'
    """

    region: str
    holiday_list: str | None
    horizon: HorizonMode
    tz: str | None
    closures: tuple[tuple[dt.date, str], ...]
    extra_workdays: tuple[tuple[dt.date, str], ...]
    hours: str | None
    makeup_hours: str | None
    dated_hours: tuple[tuple[dt.date, str], ...]
    at_close: AtClose
    arrangements: tuple[str | YearArrangement, ...]
    """Arrangement files or folders (paths as written) and years given as data, in the order given."""
    folder: Path | None = field(compare=False, hash=False)
    """Where relative ``arrangements`` paths are read from (None: the current directory); not compared."""

    def __init__(
        self,
        region: str = "CN",
        *,
        holiday_list: str | None = None,
        horizon: HorizonMode = "official",
        tz: str | None = None,
        closures: Mapping[Any, str] | Iterable[Any] = (),
        extra_workdays: Mapping[Any, str] | Iterable[Any] = (),
        hours: str | None = None,
        makeup_hours: str | None = None,
        dated_hours: Mapping[Any, str] | Iterable[tuple[Any, str]] = (),
        at_close: AtClose = "close",
        arrangements: str | os.PathLike[str] | Iterable[Any] = (),
        folder: str | os.PathLike[str] | None = None,
    ) -> None:
        from slaclock._days.registry import REGISTRY
        from slaclock._days.sources import HOLIDAY_LISTS

        put = object.__setattr__
        if not isinstance(region, str) or region.upper() not in REGISTRY:
            raise ContractError(
                f"calendar region must be one of {', '.join(sorted(REGISTRY))}; got {brief(region)} "
                "(a contract's calendar is a built-in region; pass your own calendar to a case for any other)"
            )
        region = region.upper()
        lists_of = HOLIDAY_LISTS[region]
        if holiday_list is not None and (not isinstance(holiday_list, str) or holiday_list not in lists_of):
            lists = ", ".join(map(repr, HOLIDAY_LISTS[region]))
            raise ContractError(f"calendar holiday_list for {region} must be one of {lists}; got {brief(holiday_list)}")
        if not isinstance(horizon, str) or horizon not in ("official", "projected"):
            raise ContractError(f"calendar horizon must be 'official' or 'projected'; got {brief(horizon)}")
        if tz is not None:
            try:
                zoneinfo.ZoneInfo(tz)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError, OSError):
                # OSError: a name the zone lookup cannot open as a file (a folder such as 'Asia', or too long)
                raise ContractError(
                    f"calendar tz {brief(tz)} is not an IANA time zone such as 'Asia/Shanghai'"
                ) from None
        put(self, "region", region)
        put(self, "holiday_list", holiday_list)
        put(self, "horizon", horizon)
        put(self, "tz", tz)
        put(self, "closures", _spec_dates(closures, "closures"))
        put(self, "extra_workdays", _spec_dates(extra_workdays, "extra_workdays"))
        both = sorted(set(dict(self.closures)) & set(dict(self.extra_workdays)))
        if both:
            raise ContractError(f"calendar: {both[0].isoformat()} is both a closure and an extra workday")
        put(self, "hours", None if hours is None else _spec_schedule(hours, "hours"))
        put(self, "makeup_hours", None if makeup_hours is None else _spec_schedule(makeup_hours, "makeup_hours"))
        dated = dated_hours.items() if isinstance(dated_hours, Mapping) else dated_hours
        if isinstance(dated, str) or not isinstance(dated, Iterable):
            raise ContractError(f"calendar dated_hours must map dates to schedules; got {brief(dated_hours)}")
        by_day: dict[dt.date, str] = {}
        for item in dated:
            if not (isinstance(item, tuple) and len(item) == 2):
                raise ContractError(f"calendar dated_hours must map dates to schedules; got {brief(item)}")
            day = _spec_date(item[0], "dated_hours")
            by_day[day] = _spec_schedule(item[1], f"dated_hours for {day.isoformat()}", allow_empty=True)
        put(self, "dated_hours", tuple(sorted(by_day.items())))
        if not isinstance(at_close, str) or at_close not in ("close", "next_open"):
            raise ContractError(f"calendar at_close must be 'close' or 'next_open'; got {brief(at_close)}")
        put(self, "at_close", at_close)
        if self.hours is None and (self.makeup_hours is not None or self.dated_hours or at_close != "close"):
            raise ContractError("calendar: makeup_hours, dated_hours and at_close need hours (the weekday schedule)")
        if self.hours is not None:  # the schedules together: a night's spill must not run into another's opening
            try:
                working_hours(
                    self.hours, makeup=self.makeup_hours, dates=dict(self.dated_hours), at_close=self.at_close
                )
            except InvalidInputError as exc:
                raise ContractError(f"calendar hours: {exc}") from None
        put(self, "arrangements", _arrangement_entries(arrangements, region))
        if folder is not None and not isinstance(folder, str | os.PathLike):
            raise ContractError(f"calendar folder must be a path; got {brief(folder)}")
        put(self, "folder", None if folder is None else Path(folder))

    def __copy__(self) -> CalendarSpec:
        return self

    def __deepcopy__(self, memo: object) -> CalendarSpec:
        return self

    def __repr__(self) -> str:
        data = self.to_dict()
        head = repr(data.pop("region"))
        if self.arrangements:
            data["arrangements"] = [a if isinstance(a, str) else f"<{a.region} {a.year}>" for a in self.arrangements]
        shown = [f"{k}={v!r}" if len(repr(v)) <= 200 else f"{k}={brief(v)}" for k, v in data.items()]
        return f"CalendarSpec({', '.join([head, *shown])})"

    def _arguments(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "holiday_list": self.holiday_list,
            "horizon": self.horizon,
            "tz": self.tz,
            "closures": dict(self.closures),
            "extra_workdays": dict(self.extra_workdays),
            "hours": self.hours,
            "makeup_hours": self.makeup_hours,
            "dated_hours": self.dated_hours,
            "at_close": self.at_close,
            "arrangements": self.arrangements,
            "folder": self.folder,
        }

    def replace(self, **changes: Any) -> CalendarSpec:
        """A copy with some of the constructor's arguments changed.

        Raises
        ------
        ContractError
            An unknown argument or an invalid result.

        Examples
        --------
        >>> from slaclock._contracts.calendar_spec import CalendarSpec
        >>> CalendarSpec("CN", hours="09:00-18:00").replace(horizon="projected")
        CalendarSpec('CN', hours='09:00-18:00', horizon='projected')
        """
        args = self._arguments()
        unknown = sorted(set(changes) - set(args))
        if unknown:
            raise ContractError(f"unknown CalendarSpec argument {brief(unknown[0])}; valid: {', '.join(args)}")
        args.update(changes)
        return CalendarSpec(**args)

    @classmethod
    def from_calendar(cls, calendar: WorkCalendar) -> CalendarSpec:
        """The spec that builds ``calendar``: its region, list, zone, horizon, overrides, hours and loaded years.

        Years loaded from arrangement files become :attr:`arrangements` given as data
        (a file written from the spec holds them). ``spec.build() == calendar``.

        Raises
        ------
        ContractError
            A calendar a spec cannot describe: a :func:`~slaclock.custom_calendar`,
            or working hours that differ between weekdays or on weekend days. Pass
            such a calendar where it is used instead (``contract.open(...,
            calendar=cal)``, ``contract.evaluate(..., calendar=cal)``).

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN", horizon="projected").with_hours("09:00-18:00")
        >>> spec = sc.CalendarSpec.from_calendar(cal)
        >>> spec
        CalendarSpec('CN', hours='09:00-18:00', horizon='projected')
        >>> spec.build() == cal
        True
        """
        from slaclock._calendar import DEFAULT_TZ
        from slaclock._days.registry import REGISTRY
        from slaclock._days.sources import HOLIDAY_LISTS, WEEKMASKS

        if not isinstance(calendar, WorkCalendar):
            raise InvalidInputError(f"expected a WorkCalendar; got {type(calendar).__name__} {brief(calendar)}")
        region = calendar.region
        if calendar.custom_span is not None or region not in REGISTRY or calendar.weekmask != WEEKMASKS[region]:
            raise ContractError(
                f"the calendar {brief(region)} is a custom calendar, which a contract's [calendar] cannot describe "
                "(it names a built-in region: CN, HK, MO, TW); pass it where it is used instead: "
                "contract.open(..., calendar=cal), Case.from_dict(..., calendar=cal), "
                "contract.evaluate(..., calendar=cal)"
            )
        h = calendar.hours
        hour_args: dict[str, Any] = {}
        if h is not None:
            if any(s != h.weekly[0] for s in h.weekly):
                raise ContractError(
                    f"the {region} calendar's working hours ({h.describe()}) differ between days of the week, "
                    "which a contract's [calendar] cannot describe (hours, makeup_hours, dated_hours); pass the "
                    "calendar where it is used instead: contract.open(..., calendar=cal), "
                    "contract.evaluate(..., calendar=cal)"
                )
            hour_args = {
                "hours": schedule_text(h.weekly[0]),
                "makeup_hours": None if h.makeup == h.weekly[0] else schedule_text(h.makeup),
                "dated_hours": {d: schedule_text(s) for d, s in h.dates},
                "at_close": h.at_close,
            }
        spec = cls(
            region,
            holiday_list=None if calendar.holiday_list == next(iter(HOLIDAY_LISTS[region])) else calendar.holiday_list,
            horizon=calendar.horizon,
            tz=None if calendar.tz == DEFAULT_TZ[region] else calendar.tz,
            closures=dict(calendar.closures),
            extra_workdays=dict(calendar.extra_workdays),
            arrangements=calendar.arrangements,
            **hour_args,
        )
        if spec.build() != calendar:  # pragma: no cover - every calendar() argument has its spec field
            raise ContractError(f"the calendar {brief(calendar)} cannot be described by a CalendarSpec")
        return spec

    def build(self, *, arrangements: ArrangementsLike | None = None) -> WorkCalendar:
        """The :class:`~slaclock.WorkCalendar` this spec describes (cached like every calendar).

        Parameters
        ----------
        arrangements : path, or paths or YearArrangement objects, optional
            More newly published years, as for :func:`~slaclock.calendar`, after the
            spec's own :attr:`arrangements`.

        Raises
        ------
        CalendarDataError
            A closure or extra workday outside the calendar's days, or an
            arrangement that cannot be read or does not fit.
        """
        from slaclock._calendar import calendar

        years: list[str | os.PathLike[str] | YearArrangement] = []
        for entry in self.arrangements:
            if isinstance(entry, str) and self.folder is not None and not Path(entry).is_absolute():
                years.append(self.folder / entry)
            else:
                years.append(entry)
        if arrangements is not None:
            years += [arrangements] if isinstance(arrangements, str | os.PathLike) else list(arrangements)
        cal = calendar(
            self.region,
            holiday_list=self.holiday_list,
            closures=dict(self.closures),
            extra_workdays=dict(self.extra_workdays),
            tz=self.tz,
            horizon=self.horizon,
            arrangements=years or None,
        )
        if self.hours is None:
            return cal
        return cal.with_hours(
            self.hours, makeup=self.makeup_hours, dates=dict(self.dated_hours), at_close=self.at_close
        )

    def to_dict(self) -> dict[str, Any]:
        """The spec as plain values (the layout of ``[calendar]``), defaults left out.

        Arrangement paths are written as given; years given as data as tables laid out
        like an arrangement file's ``[[year]]``.
        """
        out: dict[str, Any] = {"region": self.region}
        for key in ("holiday_list", "tz", "hours", "makeup_hours"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.horizon != "official":
            out["horizon"] = self.horizon
        if self.at_close != "close":
            out["at_close"] = self.at_close
        if self.arrangements:
            out["arrangements"] = [a if isinstance(a, str) else _year_table(a) for a in self.arrangements]
        for key in ("closures", "extra_workdays", "dated_hours"):
            days: tuple[tuple[dt.date, str], ...] = getattr(self, key)
            if days:
                out[key] = {d.isoformat(): text for d, text in days}
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str, where: str = "calendar") -> CalendarSpec:
        """The inverse of :meth:`to_dict`; a bare string is a region."""
        if isinstance(data, str):
            return cls(data)
        _check_keys(data, where, required=(), allowed=_CALENDAR_KEYS)
        return cls(**data)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # by value, through the constructor and its checks: an edited pickle is checked as a contract file is
        return (_unpickled, (self.to_dict(), None if self.folder is None else str(self.folder)))

    def __setstate__(self, state: object) -> None:
        raise ContractError(
            "a CalendarSpec is unpickled through its constructor; this pickle sets its fields directly (was it edited?)"
        )

    def _in_folder(self, folder: Path) -> CalendarSpec:
        """This spec reading its relative arrangement paths from ``folder``."""
        spec = CalendarSpec.__new__(CalendarSpec)
        for f in dataclasses.fields(self):
            object.__setattr__(spec, f.name, getattr(self, f.name))
        object.__setattr__(spec, "folder", folder)
        return spec


_CALENDAR_KEYS: Final = (
    "region",
    "holiday_list",
    "horizon",
    "tz",
    "hours",
    "makeup_hours",
    "at_close",
    "arrangements",
    "closures",
    "extra_workdays",
    "dated_hours",
)


def _arrangement_entries(value: object, region: str) -> tuple[str | YearArrangement, ...]:
    """Arrangement paths (as written) and years (parsed from tables), checked for the spec's region."""
    if value is None:
        return ()
    if isinstance(value, str | os.PathLike | Mapping | YearArrangement):
        value = [value]
    if not isinstance(value, Iterable):
        raise ContractError(f"calendar arrangements must be a list of file paths or year tables; got {brief(value)}")
    items: Iterable[Any] = value
    out: list[str | YearArrangement] = []
    for k, item in enumerate(items):
        where = f"calendar arrangements[{k}]"
        if isinstance(item, str | os.PathLike):
            path = os.fspath(item)
            if not isinstance(path, str) or not path.strip():
                raise ContractError(f"{where} must be a file or folder path; got {brief(item)}")
            out.append(path)
        elif isinstance(item, YearArrangement):
            if item.region != region:
                raise ContractError(f"{where}: the {item.year} arrangement is for {item.region}, not {region}")
            out.append(item)
        elif isinstance(item, Mapping):
            try:
                (year,) = parse_arrangements({"region": region, "year": [dict(item)]}, source=where)
            except CalendarDataError as exc:
                raise ContractError(str(exc)) from None
            out.append(year)
        else:
            raise ContractError(
                f"{where} must be a file or folder path, a year table or a YearArrangement; "
                f"got {type(item).__name__} {brief(item)}"
            )
    return tuple(out)


def _year_table(year: YearArrangement) -> dict[str, Any]:
    """One year as an arrangement file's ``[[year]]`` table: consecutive days off written as ranges ``A..B``."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(year):
        value = getattr(year, f.name)
        if f.name == "region" or value in ("", None, ()):
            continue
        if f.name == "holidays":
            out["holiday"] = [_block_table(b) for b in value]
        else:
            out[f.name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def _block_table(block: HolidayBlock) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(block):
        value = getattr(block, f.name)
        if value in ("", None, ()):
            continue
        if f.name == "off":
            out[f.name] = _ranges(value)
        elif isinstance(value, tuple):
            out[f.name] = [d.isoformat() if isinstance(d, dt.date) else d for d in value]
        else:
            out[f.name] = value
    return out


def _ranges(days: Iterable[dt.date]) -> list[str]:
    """Dates as ISO text, runs of consecutive days as ``"A..B"``, in the order given."""
    out: list[str] = []
    run: list[dt.date] = []
    for d in days:
        if run and d == run[-1] + dt.timedelta(days=1):
            run.append(d)
            continue
        if run:
            out.append(_run_text(run))
        run = [d]
    if run:
        out.append(_run_text(run))
    return out


def _run_text(run: list[dt.date]) -> str:
    return run[0].isoformat() if len(run) == 1 else f"{run[0].isoformat()}..{run[-1].isoformat()}"


def _spec_date(value: object, what: str) -> dt.date:
    day = as_date(value)
    if day is not None:
        return day
    raise ContractError(f"calendar {what}: {brief(value)} is not a date (use a date or 'YYYY-MM-DD')")


def _spec_dates(values: Mapping[Any, str] | Iterable[Any], what: str) -> tuple[tuple[dt.date, str], ...]:
    if isinstance(values, str | dt.date) or not isinstance(values, Iterable):
        raise ContractError(f"calendar {what} must map dates to reasons, or list dates; got {brief(values)}")
    items: Iterable[tuple[Any, Any]] = values.items() if isinstance(values, Mapping) else ((v, "") for v in values)
    out: dict[dt.date, str] = {}
    for raw, reason in items:
        day = _spec_date(raw, what)
        out[day] = _text_field(reason, f"calendar {what}: the reason for {day.isoformat()}")
    return tuple(sorted(out.items()))


def _spec_schedule(text: object, what: str, *, allow_empty: bool = False) -> str:
    if not isinstance(text, str):
        raise ContractError(f"calendar {what} must be text like '09:00-12:00,13:30-18:00'; got {brief(text)}")
    try:
        schedule = parse_schedule(text)
    except InvalidInputError as exc:
        raise ContractError(f"calendar {what}: {exc}") from None
    if not schedule and not allow_empty:
        raise ContractError(f"calendar {what} names no working interval; leave it out for a calendar without hours")
    return schedule_text(schedule)


def _unpickled(data: object, folder: object) -> CalendarSpec:
    """A pickled spec, rebuilt by the constructor (see ``CalendarSpec.__reduce__``)."""
    if not isinstance(data, Mapping) or not (folder is None or isinstance(folder, str)):
        raise ContractError(f"a pickled CalendarSpec holds its [calendar] table and folder; got {brief(data)}")
    _check_keys(data, "pickled calendar spec", required=(), allowed=_CALENDAR_KEYS)
    return CalendarSpec(**data, folder=folder)
