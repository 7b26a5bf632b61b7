"""From a calendar's specification to its day tables: the days of its region and data, arrangement files,
closures and extra workdays, compiled once into an :class:`~slaclock._days.index.Index` (and cached by spec).

Also the readers of the specification's parts (weekmask, dated lists, arrangement paths), for
:func:`slaclock.calendar` and :func:`slaclock.custom_calendar`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from slaclock._base import instants as _read
from slaclock._base import warn as _provisional
from slaclock._base.show import brief
from slaclock._days.arrangement import YearArrangement, check_arrangements, load_arrangements
from slaclock._days.index import Index
from slaclock._days.kinds import KINDS_BY_CODE, DayKind
from slaclock._days.registry import PROJECTION_YEARS, REGISTRY, Coverage
from slaclock.errors import CalendarDataError, DataVersionWarning

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar

__all__ = ["DATA_DOC", "arrangements_of", "clear", "compile_tables", "dated", "one_date", "weekmask_of"]

DATA_DOC: Final = "docs/calendar-data.md"
"""Where users read how calendar data is sourced and extended; error messages point there."""

_WEEKDAY_NAMES: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_NAMES: Final = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_CODE: Final = re.compile("mon|tue|wed|thu|fri|sat|sun")
_CODE_RUN: Final = re.compile("(?:mon|tue|wed|thu|fri|sat|sun)+")

_COMPILED: dict[tuple[Any, ...], tuple[Index, dict[int, tuple[str, str]], Coverage]] = {}
"""Day tables by calendar spec without the hours: calendars that differ only in hours share them."""
_COMPILED_MAX: Final = 64
"""The most day tables kept; the oldest one goes first."""
_COMPILED_LOCK = threading.Lock()
"""Held to change ``_COMPILED`` (threads build calendars at once); not while compiling."""


def compile_tables(cal: WorkCalendar, key: tuple[Any, ...]) -> tuple[Index, dict[int, tuple[str, str]], Coverage]:
    """The day table, day names and coverage of ``cal``; calendars with equal ``key`` (no hours) share them.

    Thread-safe: two threads compiling the same key at once both compile, and both get the
    tables the first one stored; the cache never holds more than ``_COMPILED_MAX`` entries.
    """
    hit = _COMPILED.get(key)
    if hit is not None:
        return hit
    made = _compile_days(cal)
    with _COMPILED_LOCK:
        hit = _COMPILED.get(key)
        if hit is not None:
            return hit
        while len(_COMPILED) >= _COMPILED_MAX:
            del _COMPILED[next(iter(_COMPILED))]
        _COMPILED[key] = made
    return made


def _compile_days(cal: WorkCalendar) -> tuple[Index, dict[int, tuple[str, str]], Coverage]:
    if cal.custom_span is not None:
        first, last = cal.custom_span
        coverage = Coverage(cal.region, first, last, (), "user-supplied weekmask and holidays", "user-supplied")
        table_last = last
        official_last = last
    else:
        coverage = REGISTRY[cal.region]
        first = coverage.first
        official_last = coverage.last
        if cal.arrangements:
            official_last = dt.date(cal.arrangements[-1].year, 12, 31)
        table_last = official_last
        if cal.horizon == "projected":
            table_last = dt.date(official_last.year + PROJECTION_YEARS, 12, 31)
    n = (table_last - first).days + 1
    weekday0 = first.weekday()
    weekday_work = np.array(cal.weekmask, dtype=bool)[(np.arange(n) + weekday0) % 7]
    kind = np.where(weekday_work, DayKind.WORKDAY.code, DayKind.WEEKEND.code).astype(np.int8)
    names: dict[int, tuple[str, str]] = {}

    def put(day: dt.date, k: DayKind, en: str, zh: str) -> None:
        i = (day - first).days
        if 0 <= i < n:
            kind[i] = k.code
            names[i] = (en, zh)

    if cal.custom_span is not None:
        for day, name in cal.custom_holidays:
            _require_inside(day, first, table_last, "holiday")
            put(day, DayKind.HOLIDAY, name or "Holiday", name or "节假日")
    else:
        _put_region_days(cal, first, coverage, official_last, table_last, put)
    for day, reason in cal.closures:
        _require_inside(day, first, table_last, "closure")
        i = (day - first).days
        if KINDS_BY_CODE[int(kind[i])].is_workday:
            put(day, DayKind.CLOSURE, reason or "Closure", reason or "临时停业")
    for day, reason in cal.extra_workdays:
        _require_inside(day, first, table_last, "extra workday")
        if day in dict(cal.closures):
            raise CalendarDataError(f"{day.isoformat()} is both a closure and an extra workday")
        i = (day - first).days
        if not KINDS_BY_CODE[int(kind[i])].is_workday:
            put(day, DayKind.EXTRA_WORKDAY, reason or "Extra workday", reason or "额外工作日")
    return Index(first, kind, (official_last - first).days), names, coverage


def _put_region_days(
    cal: WorkCalendar,
    first: dt.date,
    coverage: Coverage,
    official_last: dt.date,
    table_last: dt.date,
    put: Any,
) -> None:
    from slaclock._days.sources import WEEKMASKS, official_facts, region_facts, statutory_days

    facts = official_facts(cal.region, cal.holiday_list)
    for day, named in facts.off.items():
        put(day, named.kind, named.en, named.zh)
    for day, named in facts.makeup.items():
        put(day, named.kind, named.en, named.zh)
    statutory = {a.year: statutory_days(cal.region, a.year, cal.holiday_list) for a in cal.arrangements}
    check_arrangements(
        cal.arrangements,
        region=cal.region,
        official_last=coverage.last,
        weekmask=WEEKMASKS[cal.region],
        statutory=statutory,
    )
    for arr in cal.arrangements:  # in year order: a year's days of the December before override that December
        rule_days = statutory[arr.year]
        for block in arr.holidays:
            for day in block.off:
                k = DayKind.HOLIDAY if day in rule_days else DayKind.TRANSFERRED_REST
                put(day, k, block.name_en, block.name_zh)
            for day in block.makeup:
                put(day, DayKind.MAKEUP_WORKDAY, f"Makeup workday ({block.name_en})", f"调休上班（{block.name_zh}）")
    if table_last > official_last:
        _check_data_version(cal.region, coverage)
        years = range(official_last.year + 1, table_last.year + 1)
        projected = region_facts(cal.region, years, cal.holiday_list, statutory_only=True)
        for day, named in projected.off.items():
            put(day, named.kind, named.en, named.zh)


def _check_data_version(region: str, coverage: Coverage) -> None:
    """Warn when the ``holidays`` consulted for projected years is not a version the registry was checked with."""
    from slaclock._days.sources import holidays_version

    installed = holidays_version()
    if installed in coverage.checked_with:
        return
    newest = max(coverage.checked_with, key=_version_key)
    relation = "older than" if _version_key(installed) < _version_key(newest) else "newer than"
    warnings.warn(
        DataVersionWarning(
            f"holidays {installed} is installed, {relation} the versions slaclock's {region} registry was checked "
            f"with ({', '.join(coverage.checked_with)}); its rule-based holidays for the projected years are used "
            f"unchecked. The official days come from slaclock's own snapshot and the official horizon stays "
            f"{coverage.last.isoformat()}: data the new version may carry for later years is not trusted until "
            f"checked; load a published year with arrangements= (see {DATA_DOC}), or pin holidays=={newest}"
        ),
        stacklevel=_provisional.user_stacklevel(),
    )


def _version_key(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def _require_inside(day: dt.date, first: dt.date, last: dt.date, what: str) -> None:
    if not first <= day <= last:
        raise CalendarDataError(
            f"{what} {day.isoformat()} is outside the calendar's days {first.isoformat()}..{last.isoformat()}"
        )


def dated(values: Iterable[Any] | Mapping[Any, str], what: str) -> tuple[tuple[dt.date, str], ...]:
    if (
        isinstance(values, (str, bytes, dt.date))
        or not isinstance(values, Iterable)
        or (isinstance(values, np.ndarray) and values.ndim != 1)
    ):
        raise CalendarDataError(
            f"{what} must be a collection of dates or a mapping of date to reason, not {type(values).__name__}"
        )
    items = values.items() if isinstance(values, Mapping) else ((v, "") for v in values)
    out: dict[dt.date, str] = {}
    for raw, reason in items:
        day = one_date(raw, what)
        if not isinstance(reason, str):
            raise CalendarDataError(f"{what}: the reason for {day.isoformat()} must be a string, got {brief(reason)}")
        out[day] = reason
    return tuple(sorted(out.items()))


def one_date(raw: object, what: str) -> dt.date:
    day = _read.as_date(raw)
    if day is not None:
        return day
    raise CalendarDataError(f"{what}: {brief(raw)} is not a date (use a date or an ISO string YYYY-MM-DD)")


def arrangements_of(
    value: str | os.PathLike[str] | Iterable[str | os.PathLike[str] | YearArrangement] | None,
) -> tuple[YearArrangement, ...]:
    from slaclock._days.arrangement import unique_years

    if value is None:
        return ()
    items: Iterable[Any] = [value] if isinstance(value, (str, os.PathLike, YearArrangement)) else value
    found: list[tuple[YearArrangement, str]] = []
    for item in items:
        if isinstance(item, YearArrangement):
            found.append((item, f"the YearArrangement object for {item.year}"))
        elif isinstance(item, (str, os.PathLike)):
            found.extend((a, os.fspath(item)) for a in load_arrangements(item))  # a file or a folder
        else:
            raise CalendarDataError(
                f"arrangements: expected file or folder paths or YearArrangement objects, got {type(item).__name__}"
            )
    return tuple(sorted(unique_years(found), key=lambda a: a.year))


def weekmask_of(value: str | Sequence[bool | int]) -> tuple[bool, ...]:
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 7 and set(text) <= {"0", "1"}:
            return tuple(ch == "1" for ch in text)
        # each word a day's name ("Monday") or a run of three-letter ones ("Mon", "TueWed"), as numpy reads
        # them (case aside): a word is never cut short, so "satsun" is Saturday and Sunday, "Mo" is an error
        words = [w.lower() for w in text.replace(",", " ").split()]
        if words and all(w in _FULL_NAMES or _CODE_RUN.fullmatch(w) for w in words):
            chosen = {w[:3] if w in _FULL_NAMES else c for w in words for c in _CODE.findall(w)}
            return tuple(day.lower() in chosen for day in _WEEKDAY_NAMES)
        raise CalendarDataError(
            f"weekmask {brief(value)} must be 7 digits 0/1 (Monday first) or day names like 'Mon Tue'"
        )
    try:
        dims = np.ndim(value) if isinstance(value, Sequence | np.ndarray) else -1
    except (ValueError, TypeError, RecursionError):  # a nest numpy cannot read: not 7 booleans either
        dims = -1
    if dims != 1 or len(value) != 7:
        raise CalendarDataError(f"weekmask must be text or 7 booleans, Monday..Sunday; got {brief(value)}")
    if not all(isinstance(v, (bool, int, np.bool_, np.integer)) and v in (0, 1) for v in value):
        raise CalendarDataError(f"weekmask entries must be booleans or 0/1; got {brief(value)}")
    return tuple(bool(v) for v in value)


def clear() -> None:
    """Forget the compiled tables (for :func:`slaclock.clear_caches`)."""
    with _COMPILED_LOCK:
        _COMPILED.clear()
