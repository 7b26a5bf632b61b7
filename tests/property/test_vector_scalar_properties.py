"""Every vectorised operation gives, row by row, what the scalar call gives for that row (issue 5).

The calendars are generated: custom ones (any weekmask with a workday: one workday a week,
Saturday work, every day; random holidays; spans of one day to two years, before and after
1970, in zones with DST, a 30-minute DST, DST changes at midnight and a skipped day), and the
built-in regions with random closures and extra workdays, the projected horizon, a loaded
(fictional) arrangement and another zone. Half of them get random working hours (breaks,
touching intervals, hours to 24:00, weekend, makeup and dated schedules, days without hours,
``at_close``).

Rows are drawn where the rules bite: the first and last covered days (and just outside them),
the official horizon, holidays, makeup and transferred days, closures and extra workdays, the
ends of rest runs, changes of the zone's offset, working-hour boundaries give or take a
microsecond. Columns come as ``datetime64`` of every unit, lists and object arrays of mixed
dates, datetimes (naive and aware), ISO text and missing values, and text arrays; 1-D or 2-D,
and broadcast. Each row is also passed alone to the scalar call, as a ``date``, a ``datetime``,
ISO text or a ``datetime64``. The two must agree:

- on values, in the documented dtype and shape (a NaT row gives NaT, False or "");
- on errors: the column raises exactly when some row raises alone, an error of a type some row
  raises, and a row it names ("first at index 3", ``starts[3]``) raises alone;
- on :class:`~slaclock.ProvisionalWarning`: the column warns exactly when some row warns alone.

A row missing one operand only (a NaT duration, or a NaT at one end of a range) gives NaT, as the
scalar ``working_time_between`` gives None: its other operand is neither checked against the calendar's
days nor warned about. Whether the column refuses it otherwise (a wall time the clocks skip) is left open.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import event, given, settings
from hypothesis import strategies as st

import slaclock as sc
from tests.property.test_calendar_properties import ROLL_MODES
from tests.property.test_deadline_columns_properties import conventions

ONE_DAY = dt.timedelta(days=1)
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "FICTIONAL-cn-2027.toml"
DAY_UNITS = ("D", "h", "m", "s", "ms", "us", "ns")
TIME_UNITS = ("h", "m", "s", "ms", "us", "ns")
HOLIDAY_LISTS = {"CN": (None,), "HK": ("general", "statutory"), "MO": ("public", "government"), "TW": (None,)}
# (zone, first year, last year): spans in which the zone does something a calendar must survive
ZONE_ERAS = (
    ("UTC", 1968, 2030),
    ("Asia/Shanghai", 1986, 1992),  # China had DST 1986-1991
    ("Asia/Shanghai", 2024, 2027),
    ("America/New_York", 1966, 1971),  # DST before the epoch
    ("America/New_York", 2023, 2026),
    ("Europe/London", 2024, 2026),
    ("Australia/Lord_Howe", 2024, 2026),  # a 30-minute DST
    ("America/Sao_Paulo", 2017, 2019),  # DST began at midnight: some midnights do not exist
    ("Pacific/Apia", 2011, 2012),  # 2011-12-30 does not exist
    ("Asia/Kathmandu", 1985, 1987),  # +05:30 became +05:45
)
NAMED_WEEKMASKS = ("1111100", "1111110", "0000001", "1000000", "1111111", "0111110", "1010101", "Sat Sun")
PERIOD_AMOUNTS = {
    sc.Unit.DAY: 40,
    sc.Unit.WEEK: 10,
    sc.Unit.MONTH: 25,
    sc.Unit.YEAR: 3,
    sc.Unit.WORKDAY: 40,
    sc.Unit.HOUR: 200,
    sc.Unit.MINUTE: 600,
    sc.Unit.WORK_HOUR: 60,
    sc.Unit.WORK_MINUTE: 900,
}
# how error messages name a row: "first at index (1, 2)", "at index 3: ...", "starts[3]", "t[(0, 1)]"
_ROW_NAMES = (
    re.compile(r"first at index (\(\d+(?:, \d+)*\)|\d+)"),
    re.compile(r"^at index (\d+)"),
    re.compile(r"\b(?:starts|t|a|b)\[(\(\d+(?:, \d+)*\)|\d+)\]"),
)

Shape = tuple[int, ...]
Reader = Callable[[Any], list[Any]]


# -- outcomes and their comparison -------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one call did: its value or the slaclock error it raised, and whether it warned ProvisionalWarning.

    ``lenient`` marks a row missing one operand: its value is NaT, and the column may (need not)
    raise or warn about its other operand as this outcome did.
    """

    value: Any = None
    error: Exception | None = None
    warned: bool = False
    lenient: bool = False


def attempt(call: Callable[[], Any]) -> Outcome:
    """Run ``call``: its value or slaclock error, and its ProvisionalWarning. Any other exception or warning fails."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value, error = call(), None
        except sc.SlaclockError as exc:
            value, error = None, exc
    others = [f"{w.category.__name__}: {w.message}" for w in caught if w.category is not sc.ProvisionalWarning]
    assert not others, others
    return Outcome(value, error, any(w.category is sc.ProvisionalWarning for w in caught))


def rowwise(rows: Sequence[Any], call: Callable[[Any], Any]) -> list[Outcome | None]:
    """The scalar call on each row (None for a missing row)."""
    return [None if x is None else attempt(functools.partial(call, x)) for x in rows]


def _named_row(exc: Exception, shape: Shape) -> int | None:
    """The flat index of the row an error message names, if it names one."""
    for pattern in _ROW_NAMES:
        m = pattern.search(str(exc))
        if m:
            text = m.group(1)
            if text.startswith("("):
                return int(np.ravel_multi_index(tuple(int(v) for v in text[1:-1].split(",")), shape))
            return int(text)
    return None


def agree(
    op: str,
    column: Outcome,
    rows: Sequence[Outcome | None],
    read: Reader,
    want: Callable[[Any], Any],
    nat: Any,
    shape: Shape | None,
    note: object = "",
    *,
    counted: bool = False,
) -> None:
    """The column's outcome is its rows' outcomes (a None row is a NaT row, which answers ``nat``).

    ``read`` turns the column's value into one value per row (checking its dtype and shape), ``want``
    the value of one scalar call. ``shape`` is the shape error messages index rows by, or None when
    the operands broadcast (then a named row is not checked). ``note`` is shown on failure. ``counted``:
    a column whose rows raise nothing but CalendarHorizonError alone counts them all ("3 of 5 values") and
    names the first.
    """
    event(f"{op}: {'error' if any(o is not None and o.error for o in rows) else 'values'}")
    op = f"{op} [{note!r}]" if note != "" else op
    required = {i: o for i, o in enumerate(rows) if o is not None and o.error is not None and not o.lenient}
    allowed = {i: o for i, o in enumerate(rows) if o is not None and o.error is not None}
    if column.error is not None:
        detail = {i: repr(o.error)[:150] for i, o in allowed.items()}
        assert allowed, f"{op}: the column raised {column.error!r}, but no row raises alone"
        assert type(column.error) in {type(o.error) for o in allowed.values()}, (
            f"{op}: the column raised {column.error!r}; the rows raise {detail}"
        )
        named = None if shape is None else _named_row(column.error, shape)
        assert named is None or named in allowed, (
            f"{op}: the column's error names row {named}, which does not raise alone: {column.error}; "
            f"the rows raise {detail}"
        )
        horizon = all(isinstance(o.error, sc.CalendarHorizonError) and not o.lenient for o in allowed.values())
        if counted and horizon and shape is not None and len(rows) > 1:
            m = re.search(r"([\d,]+) of ([\d,]+) values", str(column.error))
            assert m is not None, f"{op}: the column's error {column.error} counts no rows"
            assert int(m.group(1).replace(",", "")) == len(allowed), (
                f"{op}: the column's error {column.error} does not count the {len(allowed)} rows that raise alone"
            )
            assert named == min(allowed), f"{op}: the column's error names row {named}, not the first, {min(allowed)}"
        return
    assert not required, (
        f"{op}: rows {sorted(required)} raise alone ({required[min(required)].error!r}), the column not"
    )
    got = read(column.value)
    assert len(got) == len(rows), (op, len(got), len(rows))
    for i, (g, o) in enumerate(zip(got, rows, strict=True)):
        expected = nat if o is None or o.lenient else want(o.value)
        assert g == expected, f"{op}: row {i}: the column gives {g!r}, the scalar call {expected!r}"
    must = any(o is not None and o.warned and not o.lenient for o in rows)
    may = any(o is not None and o.warned for o in rows)
    assert column.warned or not must, f"{op}: a row warns ProvisionalWarning alone, the column does not"
    assert may or not column.warned, f"{op}: the column warns ProvisionalWarning, no row does alone"


# -- readers (a column's value as one value per row) and scalar values -------------------------------


def reads(dtype: str, shape: Shape | None) -> Reader:
    """Check a column's dtype and shape; its values, flat, as Python objects (NaT as None)."""

    def read(a: Any) -> list[Any]:
        arr = np.asarray(a)
        assert arr.dtype == np.dtype(dtype), (arr.dtype, dtype)
        assert shape is None or arr.shape == shape, (arr.shape, shape)
        return arr.astype("datetime64[us]").ravel().tolist() if dtype == "datetime64[ns]" else arr.ravel().tolist()

    return read


def read_kinds(shape: Shape | None) -> Reader:
    def read(a: Any) -> list[Any]:
        arr = np.asarray(a)
        assert arr.dtype.kind == "U", arr.dtype
        assert shape is None or arr.shape == shape, (arr.shape, shape)
        return arr.ravel().tolist()

    return read


def want_date(v: Any) -> dt.date | None:
    """A date result: ``date`` for date, datetime and text input; ``datetime64[D]`` for datetime64 input."""
    if v is None:
        return None
    if isinstance(v, np.datetime64):
        assert v.dtype == np.dtype("datetime64[D]"), v.dtype
        return v.item()  # type: ignore[no-any-return]
    assert type(v) is dt.date, type(v)
    return v


def want_bool(v: Any) -> bool:
    assert isinstance(v, (bool, np.bool_)), type(v)
    return bool(v)


def want_kind(v: Any) -> str:
    assert isinstance(v, sc.DayKind), type(v)
    return v.value


def want_int(v: Any) -> int:
    assert isinstance(v, (int, np.integer)), type(v)
    assert not isinstance(v, bool)
    return int(v)


def want_instant(utc: bool) -> Callable[[Any], dt.datetime | None]:
    """An aware result as the column holds it: wall time in the calendar's zone, or UTC."""

    def want(v: Any) -> dt.datetime | None:
        if v is None:
            return None
        assert isinstance(v, dt.datetime), type(v)
        assert v.utcoffset() is not None, v
        x = v.astimezone(dt.UTC) if utc else v
        return dt.datetime(x.year, x.month, x.day, x.hour, x.minute, x.second, x.microsecond)

    return want


def want_duration(v: Any) -> dt.timedelta:
    assert isinstance(v, dt.timedelta), type(v)
    return v


# -- calendars ---------------------------------------------------------------------------------------


@st.composite
def custom_calendars(draw: st.DrawFn) -> sc.WorkCalendar:
    """A custom calendar: a weekmask with a workday, holidays, a span of 1 to 800 days, a zone and an era."""
    zone, y0, y1 = draw(st.sampled_from(ZONE_ERAS))
    first = draw(st.dates(min_value=dt.date(y0, 1, 1), max_value=dt.date(y1, 12, 31)))
    length = draw(st.sampled_from((1, 2, 3, 7)) if draw(st.integers(0, 5)) == 0 else st.integers(8, 800))
    weekmask: Any = draw(
        st.one_of(
            st.sampled_from(NAMED_WEEKMASKS),
            st.lists(st.booleans(), min_size=7, max_size=7).filter(any).map(tuple),
        )
    )
    offsets = draw(st.sets(st.integers(0, length - 1), max_size=min(length, 25)))
    days = sorted(first + dt.timedelta(days=k) for k in offsets)
    holidays: Any = {d: f"H{k}" for k, d in enumerate(days)} if draw(st.booleans()) else days
    last = first + dt.timedelta(days=length - 1)
    return sc.custom_calendar(weekmask, holidays, first=first, last=last, tz=zone, name="generated")


@st.composite
def region_calendars(draw: st.DrawFn) -> sc.WorkCalendar:
    """A built-in region, official or projected, with closures and extra workdays near its edges and special days."""
    region = draw(st.sampled_from(("CN", "CN", "CN", "HK", "MO", "TW")))
    kwargs: dict[str, Any] = {"horizon": draw(st.sampled_from(("official", "projected")))}
    holiday_list = draw(st.sampled_from(HOLIDAY_LISTS[region]))
    if holiday_list is not None:
        kwargs["holiday_list"] = holiday_list
    if region == "CN" and draw(st.integers(0, 2)) == 0:
        kwargs["arrangements"] = FIXTURE
    if draw(st.integers(0, 4)) == 0:
        kwargs["tz"] = draw(st.sampled_from(("UTC", "America/New_York", "Pacific/Kiritimati")))
    base = sc.calendar(region, **kwargs)
    edges, special = _landmarks(base)
    days = st.one_of(
        st.sampled_from([d for d in edges if base.first_day <= d <= base.last_day]),
        st.sampled_from(special),
        st.dates(min_value=base.first_day, max_value=base.last_day),
    )
    closures = draw(st.sets(days, max_size=6))
    extra = draw(st.sets(days, max_size=6)) - closures
    named = draw(st.booleans())
    return sc.calendar(
        region,
        closures=dict.fromkeys(closures, "shut") if named else sorted(closures),
        extra_workdays=dict.fromkeys(extra, "open") if named else sorted(extra),
        **kwargs,
    )


def _hhmm(quarter: int) -> str:
    return f"{quarter // 4:02d}:{quarter % 4 * 15:02d}"


@st.composite
def schedules(draw: st.DrawFn, empty: bool) -> str:
    """1 to 3 intervals on a 15-minute grid, sometimes touching, often from 00:00 or to 24:00; maybe ``""``."""
    k = draw(st.integers(0 if empty else 1, 3))
    if k == 0:
        return ""
    points = sorted(draw(st.sets(st.integers(0, 96), min_size=2 * k, max_size=2 * k)))
    if draw(st.integers(0, 3)) == 0:
        points[-1] = 96  # to 24:00
    if draw(st.integers(0, 5)) == 0:
        points[0] = 0  # from 00:00
    pairs = [[points[2 * i], points[2 * i + 1]] for i in range(k)]
    for i in range(1, k):
        if draw(st.integers(0, 3)) == 0:
            pairs[i][0] = pairs[i - 1][1]
    return ",".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in pairs)


@st.composite
def with_hours(draw: st.DrawFn, cal: sc.WorkCalendar) -> sc.WorkCalendar:
    """``cal`` with working hours: the usual lunch break, or random ones; dated schedules on its workdays."""
    workdays = _workdays_near_edges(cal)
    dates: dict[dt.date, str] = {}
    if workdays:
        dates = draw(st.dictionaries(st.sampled_from(workdays), schedules(empty=True), max_size=3))
    at_close = draw(st.sampled_from(("close", "next_open")))
    if draw(st.integers(0, 3)) == 0:
        makeup = draw(st.none() | schedules(empty=True))
        return cal.with_hours("09:00-12:00,13:30-18:00", makeup=makeup, dates=dates, at_close=at_close)
    weekdays = draw(schedules(empty=draw(st.integers(0, 9)) == 0))
    saturday = draw(st.none() | schedules(empty=True))
    if not weekdays and not saturday:
        saturday = draw(schedules(empty=False))  # hours open on some day: none at all is refused (issue 15)
    hours = sc.working_hours(
        weekdays,
        saturday=saturday,
        sunday=draw(st.none() | schedules(empty=True)),
        makeup=draw(st.none() | schedules(empty=True)),
        dates=dates,
        at_close=at_close,
    )
    return cal.with_hours(hours)


@st.composite
def calendars(draw: st.DrawFn, hours: bool | None = None) -> sc.WorkCalendar:
    """A custom or a region calendar; with working hours if ``hours`` (None: half the time)."""
    cal = draw(custom_calendars() if draw(st.booleans()) else region_calendars())
    if hours or (hours is None and draw(st.booleans())):
        cal = draw(with_hours(cal))
    event(f"calendar: {'custom' if cal.custom_span else cal.region + ' ' + cal.horizon}")
    return cal


def _quiet(call: Callable[[], Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        return call()


@functools.lru_cache(maxsize=512)
def _landmarks(cal: sc.WorkCalendar) -> tuple[tuple[dt.date, ...], tuple[dt.date, ...]]:
    """(edges, special days) of a calendar.

    Edges: its first and last days, the official horizon, their neighbours, the days just outside.
    Special days, within 120 days of an edge: holidays, makeup, transferred, closed and extra days,
    the ends of rest runs, and the days around a change of the zone's UTC offset.
    """
    first, official, last = cal.first_day, cal.official_until, cal.last_day
    edges = {first - ONE_DAY, first, first + ONE_DAY, official, official + ONE_DAY, last - ONE_DAY, last}
    edges |= {last + ONE_DAY, last + 2 * ONE_DAY}
    window: set[dt.date] = set()
    for lo, hi in ((first, first + 120 * ONE_DAY), (official - 120 * ONE_DAY, official + 120 * ONE_DAY)):
        window.update(_span(max(lo, first), min(hi, last)))
    window.update(_span(max(first, last - 120 * ONE_DAY), last))
    days = sorted(window)
    arr = np.array(days, dtype="datetime64[D]")
    kinds = _quiet(lambda: cal.day_kind(arr)).tolist()
    work = _quiet(lambda: cal.is_workday(arr)).tolist()
    zone = zoneinfo.ZoneInfo(cal.tz)
    special: set[dt.date] = set()
    for i, d in enumerate(days):
        turns = i > 0 and days[i - 1] == d - ONE_DAY and work[i] != work[i - 1]
        if kinds[i] not in ("workday", "weekend") or turns:
            special.update((d - ONE_DAY, d))
        noon = dt.datetime.combine(d, dt.time(12), tzinfo=zone)
        if noon.utcoffset() != (noon - ONE_DAY).utcoffset():
            special.update((d - ONE_DAY, d, d + ONE_DAY))
    return tuple(sorted(edges)), tuple(sorted(d for d in special if first <= d <= last)) or (first,)


def _span(lo: dt.date, hi: dt.date) -> list[dt.date]:
    return [lo + k * ONE_DAY for k in range((hi - lo).days + 1)]


def _workdays_near_edges(cal: sc.WorkCalendar) -> list[dt.date]:
    edges, special = _landmarks(cal)
    days = sorted({d for d in (*edges, *special) if cal.first_day <= d <= cal.last_day})
    work = _quiet(lambda: cal.is_workday(np.array(days, dtype="datetime64[D]"))).tolist()
    return [d for d, w in zip(days, work, strict=True) if w]


# -- rows and columns --------------------------------------------------------------------------------


@st.composite
def days_of(draw: st.DrawFn, cal: sc.WorkCalendar) -> dt.date:
    """A day of ``cal``: anywhere, on a special day, at an edge, or (one in 40) just outside its days."""
    edges, special = _landmarks(cal)
    first, last = cal.first_day, cal.last_day
    k = draw(st.integers(0, 79))
    if k < 30:
        return draw(st.dates(min_value=first, max_value=last))
    if k < 60:
        return draw(st.sampled_from(special))
    if k < 78:
        return draw(st.sampled_from([d for d in edges if first <= d <= last]))
    return draw(st.sampled_from([d for d in edges if not first <= d <= last]))


def _boundaries(cal: sc.WorkCalendar) -> list[int]:
    """Seconds after midnight where something happens: working-hour boundaries, midnight, DST hours."""
    out = {0, 3600, 7200, 9000, 86399}
    if cal.hours is not None:
        h = cal.hours
        for schedule in (*h.weekly, h.makeup, *(s for _, s in h.dates)):
            for a, b in schedule:
                out.update((a, b))
    return sorted(out)


@st.composite
def walls_of(draw: st.DrawFn, cal: sc.WorkCalendar) -> dt.datetime:
    """A naive wall time on a day of ``cal``: any second, or a boundary give or take a microsecond or second."""
    day = draw(days_of(cal))
    seconds = draw(st.one_of(st.integers(0, 86399), st.sampled_from(_boundaries(cal))))
    jitter = draw(st.sampled_from((0, 0, 0, -1, 1, -1_000_000, 999_999)))
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds, microseconds=jitter)


def _aware(wall: dt.datetime, zone: str, cal: sc.WorkCalendar) -> dt.datetime:
    if zone == "calendar":
        return wall.replace(tzinfo=zoneinfo.ZoneInfo(cal.tz))
    return wall.replace(tzinfo=dt.UTC if zone == "UTC" else dt.timezone(dt.timedelta(hours=int(zone))))


aware_zones = st.sampled_from(("UTC", "+14", "-11", "calendar"))
# missing values by column form; NaN only in object arrays (numpy turns [nan, "2025-01-01"] into text)
MISSING = {
    "list": (None, "NaT", np.datetime64("NaT")),
    "objects": (None, "NaT", float("nan"), np.datetime64("NaT")),
    "text": ("NaT",),
}


def _missing(draw: st.DrawFn, n: int) -> list[bool]:
    """Which of ``n`` rows are missing: none in half the columns, else about one in 3 or in 8."""
    rate = draw(st.sampled_from((0, 0, 3, 8)))
    return [rate > 0 and draw(st.integers(0, rate - 1)) == 0 for _ in range(n)]


def _python(element: np.datetime64) -> Any:
    """A datetime64 element as a date ([D]) or a naive datetime (to the microsecond)."""
    if element.dtype == np.dtype("datetime64[D]"):
        return element.item()
    return element.astype("datetime64[us]").item()


@dataclass(frozen=True)
class Column:
    """A column as given to the vector call; each row as given to a scalar call (None: missing)."""

    value: Any
    rows: list[Any]
    shape: Shape
    ns: bool = False

    def array(self, shape: Shape | None = None) -> np.ndarray:
        """The column as an ndarray (a list becomes an object array), reshaped if asked."""
        a = self.value
        if not isinstance(a, np.ndarray):
            a = np.empty(len(self.value), dtype=object)
            a[:] = self.value
        return a if shape is None else a.reshape(shape)


def _shaped(draw: st.DrawFn, values: list[Any], dtype: Any) -> np.ndarray:
    """An ndarray of the values (an object array if ``dtype`` is None), sometimes 2-D."""
    if dtype is None:
        a = np.empty(len(values), dtype=object)
        a[:] = values
    else:
        a = np.array(values, dtype=dtype)
    return a.reshape(2, -1) if len(values) % 2 == 0 and draw(st.integers(0, 3)) == 0 else a


@st.composite
def datetime64_columns(draw: st.DrawFn, cal: sc.WorkCalendar, n: int, units: Sequence[str]) -> tuple[Any, Any]:
    """(array, missing): wall times of ``cal`` as datetime64 of a drawn unit (nanoseconds too), NaT among them."""
    missing = _missing(draw, n)
    unit = draw(st.sampled_from(units))
    walls = [None if m else draw(walls_of(cal)) for m in missing]
    us = np.array(["NaT" if w is None else np.datetime64(w, "us") for w in walls], dtype="datetime64[us]")
    if unit == "ns":
        us = us.astype("datetime64[ns]") + np.array([draw(st.integers(0, 999)) for _ in range(n)], "timedelta64[ns]")
    return _shaped(draw, list(us.astype(f"datetime64[{unit}]")), f"datetime64[{unit}]"), missing


@st.composite
def day_columns(draw: st.DrawFn, cal: sc.WorkCalendar, size: int | None = None) -> Column:
    """Date-likes: datetime64 of any unit (times are floored), a list or object array of mixed forms, text."""
    n = size if size is not None else draw(st.integers(1, 8))
    form = draw(st.sampled_from(("d64", "d64", "d64", "list", "objects", "text")))
    if form == "d64":
        a, missing = draw(datetime64_columns(cal, n, DAY_UNITS))
        rows = []
        for element, m in zip(a.ravel(), missing, strict=True):
            py = None if m else _python(element)
            how = draw(st.sampled_from(("element", "python", "python", "text")))
            rows.append(None if m else element if how == "element" else py if how == "python" else py.isoformat())
        return Column(a, rows, a.shape)
    values: list[Any] = []
    rows = []
    for m in _missing(draw, n):
        if m:
            values.append(draw(st.sampled_from(MISSING[form])))
            rows.append(None)
            continue
        wall = draw(walls_of(cal))
        aware = _aware(wall, draw(aware_zones), cal)
        forms = {
            "iso_date": wall.date().isoformat(),
            "iso_time": wall.isoformat(),
            "iso_aware": aware.isoformat(),
        }
        if form != "text":
            forms |= {"date": wall.date(), "naive": wall, "aware": aware, "d64": np.datetime64(wall.date(), "D")}
        values.append(forms[draw(st.sampled_from(sorted(forms)))])
        rows.append(values[-1])
    if form == "list":
        return Column(values, rows, (n,))
    a = _shaped(draw, values, str if form == "text" else None)
    return Column(a, rows, a.shape)


@st.composite
def instant_columns(draw: st.DrawFn, cal: sc.WorkCalendar, utc: bool, size: int | None = None) -> Column:
    """Instants: datetime64 with a time unit, or a list or object array of datetimes, ISO text and datetime64.

    With ``utc`` a datetime64 column and naive values (datetimes, ISO text, datetime64 elements) hold UTC: each
    row is then given to the scalar call as the same instant, aware in UTC.
    """
    n = size if size is not None else draw(st.integers(1, 8))
    if draw(st.integers(0, 2)) > 0:
        a, missing = draw(datetime64_columns(cal, n, TIME_UNITS))
        rows = []
        for element, m in zip(a.ravel(), missing, strict=True):
            py = None if m else _python(element)
            if py is None:
                rows.append(None)
            elif utc:
                rows.append(draw(st.sampled_from((py.replace(tzinfo=dt.UTC), f"{py.isoformat()}+00:00"))))
            else:
                rows.append(draw(st.sampled_from((element, py, py.isoformat()))))
        return Column(a, rows, a.shape, ns=a.dtype == np.dtype("datetime64[ns]"))
    form = draw(st.sampled_from(("list", "objects")))
    values: list[Any] = []
    rows = []
    for m in _missing(draw, n):
        if m:
            values.append(draw(st.sampled_from(MISSING[form])))
            rows.append(None)
            continue
        wall = draw(walls_of(cal))
        aware = _aware(wall, draw(aware_zones), cal)
        forms = {
            "naive": wall,
            "aware": aware,
            "iso_aware": aware.isoformat(),
            "iso_time": wall.isoformat(),
            "d64": np.datetime64(wall, "us"),
        }
        how = draw(st.sampled_from(sorted(forms)))
        if draw(st.integers(0, 40)) == 0:
            forms["date"], how = wall.date(), "date"  # not an instant: both paths refuse it
        values.append(forms[how])
        naive = how in ("naive", "iso_time", "d64")
        rows.append(wall.replace(tzinfo=dt.UTC) if utc and naive else forms[how])
    if form == "list":
        return Column(values, rows, (n,))
    a = _shaped(draw, values, None)
    return Column(a, rows, a.shape)


# -- 1. days: facts, offsets, rolls, counts ----------------------------------------------------------

small_steps = st.integers(-25, 25)
steps = st.one_of(
    small_steps,
    small_steps,
    st.sampled_from((0, 0, 1, -1)),
    st.integers(-3000, 3000),
    st.sampled_from((2**40, -(2**40), 2**62, -(2**62))),
)


@st.composite
def row_steps(draw: st.DrawFn) -> int:
    """A small n, now and then any n."""
    return draw(steps if draw(st.integers(0, 19)) == 0 else small_steps)


@given(calendars(), st.data())
@settings(max_examples=200, deadline=None)
def test_day_operations_on_columns_equal_the_scalar_calls(cal: sc.WorkCalendar, data: st.DataObject) -> None:
    """is_workday, day_kind, is_provisional, next/previous_workday, roll in every mode, add_workdays (one n,
    a column of n, broadcast) and workdays_between (two columns; a column and one end).
    """
    col = data.draw(day_columns(cal), label="x")
    x, rows, shape = col.value, col.rows, col.shape
    facts: tuple[tuple[str, Reader, Callable[[Any], Any], Any], ...] = (
        ("is_workday", reads("bool", shape), want_bool, False),
        ("day_kind", read_kinds(shape), want_kind, ""),
        ("is_provisional", reads("bool", shape), want_bool, False),
        ("next_workday", reads("datetime64[D]", shape), want_date, None),
        ("previous_workday", reads("datetime64[D]", shape), want_date, None),
    )
    for name, read, want, nat in facts:
        method = getattr(cal, name)
        agree(name, attempt(lambda m=method: m(x)), rowwise(rows, method), read, want, nat, shape)
    assert attempt(lambda: cal.is_provisional(x)).error is None, "is_provisional never raises"
    dates = reads("datetime64[D]", shape)
    for mode in ROLL_MODES:
        roll = functools.partial(cal.roll, mode=mode)
        agree(f"roll {mode}", attempt(lambda r=roll: r(x)), rowwise(rows, roll), dates, want_date, None, shape)

    n0 = data.draw(steps, label="n")  # one n for every row: an int or an np.int64
    n_column = data.draw(st.sampled_from((n0, np.int64(max(-(2**62), min(2**62, n0))))), label="n as given")
    n_row = data.draw(st.sampled_from((n0, np.int64(n0))), label="n as given to a row")
    add = functools.partial(cal.add_workdays, n=n_row)
    agree(
        "add_workdays(x, n)",
        attempt(lambda: cal.add_workdays(x, n_column)),
        rowwise(rows, add),
        dates,
        want_date,
        None,
        shape,
        n0,
    )

    ns = data.draw(st.lists(row_steps(), min_size=len(rows), max_size=len(rows)), label="n column")
    dtype = data.draw(st.sampled_from((np.int64, np.int32, np.int16)))
    if any(abs(n) >= 2**15 for n in ns):
        dtype = np.int64
    n_array: Any = ns if isinstance(x, list) else np.array(ns, dtype=dtype).reshape(shape)
    agree(
        "add_workdays(x, n column)",
        attempt(lambda: cal.add_workdays(x, n_array)),
        [
            None if r is None else attempt(functools.partial(cal.add_workdays, r, n))
            for r, n in zip(rows, ns, strict=True)
        ],
        dates,
        want_date,
        None,
        shape,
    )
    few = data.draw(st.lists(small_steps, min_size=1, max_size=3), label="n row")
    agree(
        "add_workdays(x[:, None], n[None, :])",
        attempt(lambda: cal.add_workdays(col.array((-1, 1)), np.array(few).reshape(1, -1))),
        [None if r is None else attempt(functools.partial(cal.add_workdays, r, n)) for r in rows for n in few],
        reads("datetime64[D]", (len(rows), len(few))),
        want_date,
        None,
        None,
    )

    # counts refuse NaT; the day after the last day is a valid end
    other = data.draw(day_columns(cal, size=len(rows)), label="b")
    b = other.value if isinstance(x, list) and isinstance(other.value, list) else other.array(shape)
    agree(
        "workdays_between(a, b)",
        attempt(lambda: cal.workdays_between(x, b)),
        [_count(cal, r, s) for r, s in zip(rows, other.rows, strict=True)],
        reads("int64", shape),
        want_int,
        None,
        shape,
    )
    end = data.draw(days_of(cal), label="one end")
    agree(
        "workdays_between(a, one end)",
        attempt(lambda: cal.workdays_between(x, end)),
        [_count(cal, r, end) for r in rows],
        reads("int64", shape),
        want_int,
        None,
        shape,
        end,
    )


def _count(cal: sc.WorkCalendar, a: Any, b: Any) -> Outcome:
    """One count; a missing end is NaT, which a count refuses."""
    nat = np.datetime64("NaT")
    return attempt(lambda: cal.workdays_between(nat if a is None else a, nat if b is None else b))


# -- 2. working hours --------------------------------------------------------------------------------


@st.composite
def durations(draw: st.DrawFn) -> tuple[Any, dt.timedelta]:
    """One working duration as given (timedelta, Period, English or Chinese text), and its value."""
    minutes = draw(st.one_of(st.integers(1, 600), st.integers(601, 200_000), st.sampled_from((60, 480, 540))))
    form = draw(st.sampled_from(("timedelta", "negative", "zero", "odd", "period", "text")))
    if form in ("timedelta", "negative", "zero"):
        d = {"timedelta": 1, "negative": -1, "zero": 0}[form] * dt.timedelta(minutes=minutes)
        return d, d
    if form == "odd":
        d = dt.timedelta(seconds=draw(st.integers(-(10**6), 10**6)), microseconds=draw(st.integers(0, 999_999)))
        return d, d
    unit = draw(st.sampled_from((sc.Unit.WORK_MINUTE, sc.Unit.MINUTE, sc.Unit.WORK_HOUR, sc.Unit.HOUR)))
    in_minutes = unit in (sc.Unit.WORK_MINUTE, sc.Unit.MINUTE)
    p = sc.Period(minutes if in_minutes else max(1, minutes // 60), unit)
    value = dt.timedelta(minutes=p.amount) if in_minutes else dt.timedelta(hours=p.amount)
    return (p if form == "period" else draw(st.sampled_from((str(p), p.zh)))), value


@st.composite
def duration_columns(draw: st.DrawFn, size: int) -> tuple[Any, list[dt.timedelta | None]]:
    """A column of durations: timedelta64 of a unit (signed, zero, NaT), or objects (timedeltas and text).

    Returns the column and each row's duration as a timedelta (None: NaT), after the unit's truncation.
    """
    given_ = [draw(durations()) for _ in range(size)]
    if draw(st.integers(0, 3)) == 0:
        return [g if isinstance(g, (dt.timedelta, str)) else v for g, v in given_], [v for _, v in given_]
    missing = _missing(draw, size)
    unit = draw(st.sampled_from(("m", "s", "us", "h", "ms")))
    values = [np.timedelta64("NaT") if m else v for (_, v), m in zip(given_, missing, strict=True)]
    column = np.array(values, dtype="timedelta64[us]").astype(f"timedelta64[{unit}]")
    return column, column.astype("timedelta64[us]").tolist()


@given(calendars(hours=True), st.booleans(), st.data())
@settings(max_examples=150, deadline=None)
def test_working_hour_operations_on_columns_equal_the_scalar_calls(
    cal: sc.WorkCalendar, utc: bool, data: st.DataObject
) -> None:
    """is_open, next_open, close_of, add_working_time (one duration, a column of them, broadcast) and
    working_time_between (two columns; a column and one end), in wall time or UTC.
    """
    col = data.draw(instant_columns(cal, utc), label="t")
    t, rows, shape = col.value, col.rows, col.shape
    out = want_instant(utc)
    instants = reads("datetime64[ns]" if col.ns else "datetime64[us]", shape)

    is_open = attempt(lambda: cal.is_open(t, utc=utc))
    agree("is_open", is_open, rowwise(rows, cal.is_open), reads("bool", shape), want_bool, False, shape)
    agree(
        "next_open",
        attempt(lambda: cal.next_open(t, utc=utc)),
        rowwise(rows, cal.next_open),
        instants,
        out,
        None,
        shape,
    )
    days = data.draw(day_columns(cal), label="days")
    agree(
        "close_of",
        attempt(lambda: cal.close_of(days.value, utc=utc)),
        rowwise(days.rows, cal.close_of),
        reads("datetime64[us]", days.shape),
        out,
        None,
        days.shape,
    )

    d, _ = data.draw(durations(), label="d")
    agree(
        "add_working_time(t, d)",
        attempt(lambda: cal.add_working_time(t, d, utc=utc)),
        rowwise(rows, functools.partial(cal.add_working_time, duration=d)),
        instants,
        out,
        None,
        shape,
        d,
        counted=True,
    )
    column, each = data.draw(duration_columns(len(rows)), label="d column")
    if not isinstance(t, list):
        column = np.asarray(column).reshape(shape)
    agree(
        "add_working_time(t, d column)",
        attempt(lambda: cal.add_working_time(t, column, utc=utc)),
        [_add(cal, r, e) for r, e in zip(rows, each, strict=True)],
        instants,
        out,
        None,
        shape,
        counted=True,
    )
    few, few_each = data.draw(duration_columns(data.draw(st.integers(1, 3))), label="d row")
    agree(
        "add_working_time(t[:, None], d[None, :])",
        attempt(lambda: cal.add_working_time(col.array((-1, 1)), np.asarray(few).reshape(1, -1), utc=utc)),
        [_add(cal, r, e) for r in rows for e in few_each],
        reads("datetime64[ns]" if col.ns else "datetime64[us]", (len(rows), len(few_each))),
        out,
        None,
        None,
    )

    other = data.draw(instant_columns(cal, utc, size=len(rows)), label="b")
    b = other.value if isinstance(t, list) and isinstance(other.value, list) else other.array(shape)
    agree(
        "working_time_between(a, b)",
        attempt(lambda: cal.working_time_between(t, b, utc=utc)),
        [_between(cal, r, s) for r, s in zip(rows, other.rows, strict=True)],
        reads("timedelta64[us]", shape),
        want_duration,
        None,
        None,  # a and b are checked one after the other, each error naming an index of its own operand
    )
    end = data.draw(instant_columns(cal, utc, size=1), label="one end").rows[0]
    if end is not None:
        agree(
            "working_time_between(a, one end)",
            attempt(lambda: cal.working_time_between(t, end, utc=utc)),
            [_between(cal, r, end) for r in rows],
            reads("timedelta64[us]", shape),
            want_duration,
            None,
            None,
            end,
        )


def _add(cal: sc.WorkCalendar, t: Any, d: dt.timedelta | None) -> Outcome | None:
    if t is None:
        return None
    if d is None:
        return _lenient(cal, t)
    return attempt(lambda: cal.add_working_time(t, d))


def _between(cal: sc.WorkCalendar, a: Any, b: Any) -> Outcome | None:
    if a is None and b is None:
        return None
    if a is None or b is None:
        return _lenient(cal, b if a is None else a)
    return attempt(lambda: cal.working_time_between(a, b))


def _lenient(cal: sc.WorkCalendar, t: Any) -> Outcome | None:
    """A row missing its other operand: NaT, ``t`` not checked against the calendar's days nor warned about (None,
    a NaT row); what else checking ``t`` alone raises, a wall time the clocks skip, is allowed, not required."""
    checked = attempt(lambda: cal.is_open(t))
    if checked.error is None or isinstance(checked.error, sc.CalendarHorizonError):
        return None
    return Outcome(None, checked.error, lenient=True)


# -- 3. deadlines ------------------------------------------------------------------------------------


@st.composite
def periods(draw: st.DrawFn) -> sc.Period | str:
    """A period of any unit, usually of a realistic amount, as a Period or as Chinese or English text."""
    unit = draw(st.sampled_from(tuple(PERIOD_AMOUNTS)))
    top = PERIOD_AMOUNTS[unit]
    p = sc.Period(draw(st.one_of(st.integers(1, top), st.integers(1, top), st.integers(top, 100 * top))), unit)
    return draw(st.sampled_from((p, p, p.zh, str(p))))


@given(calendars(), conventions, periods(), st.booleans(), st.data())
@settings(max_examples=300, deadline=None)
def test_deadline_columns_equal_the_scalar_deadlines(
    cal: sc.WorkCalendar, conv: sc.Convention, period: sc.Period | str, utc: bool, data: st.DataObject
) -> None:
    """sc.deadlines equals sc.deadline row by row (due, last day, provisional), for every period unit and
    generated conventions, on columns of date-likes or of instants (wall time or UTC).
    """
    if cal.hours is not None and data.draw(st.integers(0, 2)) == 0:
        conv = conv.replace(close_of_business="hours")  # each last day's close, from the calendar's hours
    if data.draw(st.integers(0, 3)) == 0:  # date-likes: datetime64 of any unit, objects, text; wall time
        col, utc = data.draw(day_columns(cal), label="date-likes"), False
    else:
        col = data.draw(instant_columns(cal, utc), label="instants")
    starts, shape = col.value, col.shape
    run = attempt(lambda: sc.deadlines(starts, period, calendar=cal, convention=conv, utc=utc))
    rows = rowwise(col.rows, lambda s: sc.deadline(s, period, calendar=cal, convention=conv))
    if run.error is not None and all(r is None for r in rows) and cal.hours is None:
        # no start at all: the column may still refuse the call itself, as it would with any start
        # (working time, or a close of business from the hours, on a calendar without hours)
        assert isinstance(run.error, sc.InvalidInputError), run.error
        assert "working hours" in str(run.error), run.error
        return

    def field(name: str, dtype: str) -> Reader:
        read = reads(dtype, shape)
        return lambda d: read(getattr(d, name))

    due = want_instant(utc)
    agree(
        "deadlines: due",
        run,
        rows,
        field("due", "datetime64[us]"),
        lambda e: due(e.due),
        None,
        shape,
        period,
        counted=True,
    )
    agree("deadlines: last_day", run, rows, field("last_day", "datetime64[D]"), lambda e: e.last_day, None, shape)
    agree("deadlines: provisional", run, rows, field("provisional", "bool"), lambda e: e.provisional, False, shape)
    for o in rows:
        if o is not None and o.error is None:
            assert o.warned == o.value.provisional, "a deadline warns exactly when it is provisional"
    _close_is_read(cal, conv, sc.period(period) if isinstance(period, str) else period, rows)


def _close_is_read(cal: sc.WorkCalendar, conv: sc.Convention, p: sc.Period, rows: list[Outcome | None]) -> None:
    """A close of business from the hours reads the last day: never past the data silently (issue 13)."""
    if conv.close_of_business != "hours" or not p.unit.is_day_based:
        return
    for o in rows:
        if o is not None and o.error is None:
            d = o.value
            assert d.last_day <= cal.last_day, f"{d!r} closes on a day the calendar does not have"
            if d.last_day > cal.official_until:
                event("deadlines: a close of business on a projected day")
                assert d.provisional, f"{d!r} closes on a projected day but is not provisional"


CLOSE_CALENDARS = (
    sc.calendar("CN"),
    sc.calendar("CN", horizon="projected"),
    sc.calendar("CN", arrangements=FIXTURE),
)


@given(
    st.sampled_from(CLOSE_CALENDARS),
    conventions,
    st.sampled_from(("1日", "7日", "10日", "2周", "1个月", "5个工作日")),
    st.sampled_from((False, False, True)),
    st.booleans(),
    st.data(),
)
@settings(max_examples=150, deadline=None)
def test_a_close_of_business_near_the_horizon_on_columns_equals_the_scalar(
    base: sc.WorkCalendar, conv: sc.Convention, period: str, roll: bool, utc: bool, data: st.DataObject
) -> None:
    """The close of a last day past the official data (an unrolled period, issue 13): the column raises,
    answers and marks rows provisional exactly as the scalar call does for each row, and reads the day."""
    cal = data.draw(with_hours(base), label="hours")
    conv = conv.replace(close_of_business="hours", roll_last_day=roll)
    if data.draw(st.booleans()):
        col, utc = data.draw(day_columns(cal), label="date-likes"), False
    else:
        col = data.draw(instant_columns(cal, utc), label="instants")
    run = attempt(lambda: sc.deadlines(col.value, period, calendar=cal, convention=conv, utc=utc))
    rows = rowwise(col.rows, lambda s: sc.deadline(s, period, calendar=cal, convention=conv))

    def field(name: str, dtype: str) -> Reader:
        read = reads(dtype, col.shape)
        return lambda d: read(getattr(d, name))

    due = want_instant(utc)
    agree("close: due", run, rows, field("due", "datetime64[us]"), lambda e: due(e.due), None, col.shape, counted=True)
    agree("close: provisional", run, rows, field("provisional", "bool"), lambda e: e.provisional, False, col.shape)
    _close_is_read(cal, conv, sc.period(period), rows)


# -- 4. single values the column path takes: NaT, utc=True, timedelta64 ------------------------------


@given(calendars(hours=False), st.sampled_from(DAY_UNITS), st.integers(-3, 3))
@settings(max_examples=30, deadline=None)
def test_a_nat_datetime64_scalar_answers_as_a_nat_row(cal: sc.WorkCalendar, unit: str, n: int) -> None:
    """One ``datetime64('NaT')`` gives what a NaT row of a column gives ("a datetime64 scalar gives a
    datetime64[D] scalar", "NaT in, NaT out"): False, "" (or None), NaT; a count refuses it.
    """
    nat = np.datetime64("NaT", unit)
    calls: dict[str, Callable[[Any], Any]] = {
        "is_workday": cal.is_workday,
        "day_kind": cal.day_kind,
        "is_provisional": cal.is_provisional,
        "next_workday": cal.next_workday,
        "previous_workday": cal.previous_workday,
        "add_workdays": functools.partial(cal.add_workdays, n=n),
        **{f"roll {m}": functools.partial(cal.roll, mode=m) for m in ROLL_MODES},
    }
    for name, call in calls.items():
        row = attempt(lambda c=call: c(np.array([nat])))
        assert row.error is None, (name, row.error)
        expected = row.value[0]
        try:
            one = attempt(lambda c=call: c(nat))
        except Exception as exc:  # report which call failed, and how
            raise AssertionError(f"{name}(datetime64('NaT', {unit!r})) raised {exc!r}") from exc
        assert one.error is None, f"{name}(datetime64('NaT', {unit!r})) raised {one.error!r}"
        if isinstance(expected, np.datetime64):
            assert isinstance(one.value, np.datetime64), (name, one.value)
            assert np.isnat(one.value), (name, one.value)
        else:
            assert one.value == expected or (expected == "" and one.value is None), (name, one.value, expected)
    assert isinstance(attempt(lambda: cal.workdays_between(nat, cal.first_day)).error, sc.InvalidInputError)


@given(calendars(hours=True), st.data())
@settings(max_examples=30, deadline=None)
def test_utc_reads_one_naive_instant_as_it_reads_a_column(cal: sc.WorkCalendar, data: st.DataObject) -> None:
    """With ``utc=True``, one naive instant (a datetime64 or a naive datetime) is read as UTC, as the same
    value in a column is: the answer is the column's single row.
    """
    wall = data.draw(walls_of(cal))
    column = np.array([np.datetime64(wall, "us")])
    hour = dt.timedelta(hours=1)
    for one in (np.datetime64(wall, "us"), wall):
        for name, call in (
            ("is_open", cal.is_open),
            ("next_open", cal.next_open),
            ("add_working_time", functools.partial(cal.add_working_time, duration=hour)),
        ):
            single = attempt(lambda c=call, v=one: c(v, utc=True))
            many = attempt(lambda c=call: c(column, utc=True))
            read = reads("bool", (1,)) if name == "is_open" else reads("datetime64[us]", (1,))
            want = want_bool if name == "is_open" else want_instant(utc=True)
            agree(f"{name}(one {type(one).__name__}, utc=True)", many, [single], read, want, None, (1,), one)


@given(calendars(hours=True), st.data())
@settings(max_examples=30, deadline=None)
def test_one_instant_takes_a_timedelta64_as_a_column_does(cal: sc.WorkCalendar, data: st.DataObject) -> None:
    """add_working_time(one instant, timedelta64) gives the column's answer for the same duration."""
    col = data.draw(instant_columns(cal, utc=False, size=1))
    d = np.timedelta64(data.draw(st.integers(-600, 600)), "m")
    if col.rows[0] is not None:
        agree(
            "add_working_time(t, timedelta64)",
            attempt(lambda: cal.add_working_time(col.value, d)),
            [attempt(lambda: cal.add_working_time(col.rows[0], d))],
            reads("datetime64[ns]" if col.ns else "datetime64[us]", col.shape),
            want_instant(utc=False),
            None,
            col.shape,
        )
