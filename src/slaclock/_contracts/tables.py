"""The tables of a batch: the caller's table read as columns, and result columns written back in the caller's kind.

:meth:`Contract.evaluate <slaclock.Contract.evaluate>` reads a pandas, polars or
pyarrow table, or a mapping of columns (:class:`_Table`); each event column as UTC
microseconds (:func:`_instant_column`, NaT as ``NAT_INT``); and writes its
results as typed columns (:class:`_States`, :class:`_Instants`, :class:`_Days`,
:class:`_Durations`, :class:`_Flags`, :class:`_Counts`) that :func:`.outputs.wrap`
turns into the caller's kind of table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, final

import numpy as np
import numpy.typing as npt

from slaclock._base import dataframes as _frames
from slaclock._base.instants import NAT_UINT, as_column, from_utc_us, is_missing_element, live_bounds
from slaclock._base.join import key_positions
from slaclock._base.show import brief
from slaclock._calendar import day_table
from slaclock._contracts.report import Counts, Kept
from slaclock._contracts.status import STATES
from slaclock._days.index import NAT_INT
from slaclock._rules.rowcalendars import column_codes
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar

__all__ = ["NO_DAY32", "STATES"]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


# -- the table --------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class _Table:
    """The caller's events: a pandas, polars or pyarrow table, or a mapping of columns."""

    obj: Any
    lib: str | None  # None for a mapping
    names: tuple[str, ...]
    rows: int

    @classmethod
    def of(cls, events: Any, what: str = "events") -> _Table:
        lib = type(events).__module__.partition(".")[0]
        if lib == "pandas" and type(events).__name__ == "DataFrame":
            table = cls(events, lib, tuple(map(str, events.columns)), len(events))
        elif lib == "polars" and type(events).__name__ == "DataFrame":
            table = cls(events, lib, tuple(events.columns), events.height)
        elif lib == "pyarrow" and type(events).__name__ == "Table":
            table = cls(events, lib, tuple(events.column_names), events.num_rows)
        elif isinstance(events, Mapping):
            names = tuple(events)
            bad = [n for n in names if not isinstance(n, str)]
            if bad:
                raise InvalidInputError(f"{what.rstrip('s')} columns are named by str; got the key {brief(bad[0])}")
            lengths = {n: _length(events[n], what, n) for n in names}
            if len(set(lengths.values())) > 1:
                (a, na), (b, nb) = list({v: k for k, v in lengths.items()}.items())[:2]
                raise InvalidInputError(
                    f"the {what.rstrip('s')} columns differ in length: {brief(na)} has {a:,} values, {brief(nb)} {b:,}"
                )
            return cls(events, None, names, next(iter(lengths.values()), 0))
        else:
            raise InvalidInputError(
                f"{what} must be a pandas, polars or pyarrow table, or a mapping of event names to columns; "
                f"got {type(events).__module__}.{type(events).__qualname__}"
            )
        seen: set[str] = set()
        for n in table.names:  # a column named twice: which one would be read?
            if n in seen:
                raise InvalidInputError(f"the {what} table has two columns named {brief(n)}; name each once")
            seen.add(n)
        return table

    def rows_from(self, start: int, stop: int) -> _Table:
        """Rows ``start``..``stop`` of the table, a view where the kind allows (a mapping: a dict of slices)."""
        n = stop - start
        if self.lib == "pandas":
            obj = self.obj.iloc[start:stop]
        elif self.lib in ("polars", "pyarrow"):
            obj = self.obj.slice(start, n)
        else:
            obj = {name: _column_rows(self.obj[name], start, stop) for name in self.names}
        return _Table(obj, self.lib, self.names, n)

    def column(self, name: str) -> Any:
        if self.lib == "pyarrow":
            return self.obj.column(name)
        return self.obj[name]


@final
@dataclass(frozen=True, slots=True)
class _States:
    codes: npt.NDArray[np.int8]


@final
@dataclass(frozen=True, slots=True)
class _Labels:
    """A column of labels from a short list (a warning rung's), code -1 for none."""

    codes: npt.NDArray[np.int8]
    labels: tuple[str, ...]

    def values(self) -> npt.NDArray[Any]:
        """The labels as objects, None where there is none."""
        return np.asarray((*self.labels, None), dtype=object)[self.codes]  # -1 picks the last: None


@final
@dataclass(frozen=True, slots=True)
class _Instants:
    us: I64  # UTC µs, NAT_INT for none


@final
@dataclass(frozen=True, slots=True)
class _Days:
    """Epoch days: int64 with ``NAT_INT`` for none, or in a long table's pyarrow or polars result (whose dates
    are 4 bytes) int32 with :data:`NO_DAY32` (:meth:`narrow`, a block at a time)."""

    days: npt.NDArray[np.int64] | npt.NDArray[np.int32]

    def narrow(self, out: npt.NDArray[np.int32] | None = None) -> _Days:
        """The days as int32, ``NO_DAY32`` for none (a calendar's days fit: int32 days span 5.8 million years),
        written into ``out`` if given. One pass: NaT is the least int64, so the larger of each day and
        ``NO_DAY32`` is the day, or ``NO_DAY32`` for NaT, cast as it is written (no mask, no scatter)."""
        if self.days.dtype == np.int32 and out is None:
            return self
        d32 = np.empty(self.days.shape, dtype=np.int32) if out is None else out
        np.maximum(self.days, NO_DAY32, out=d32, casting="unsafe")
        return _Days(d32)


NO_DAY32: Final = int(np.iinfo(np.int32).min)
"""A missing last day (-2,147,483,648) in a mapping's int32 days, ``evaluate(..., days="date32")`` (pandas, polars
and pyarrow have nulls)."""
_INT64_MAX: Final = int(np.iinfo(np.int64).max)


@final
@dataclass(frozen=True, slots=True)
class _Durations:
    us: I64  # µs, NAT_INT for none


@final
@dataclass(frozen=True, slots=True)
class _Flags:
    flags: Mask


@final
@dataclass(frozen=True, slots=True)
class _Counts:
    counts: I64  # whole numbers, never missing


FIELDS: Final = ("state", "due", "last_day", "overdue_by", "provisional", "start", "took")
"""The fields of every clause in evaluate's result (``<clause>.<field>``), and below those of some clauses."""
MORE_FIELDS: Final = ("cycles", "met_cycles", "breached_cycles", "ever_breached", "warn", "risk")


@final
@dataclass(frozen=True, slots=True)
class Output:
    """What the caller asked of evaluate's result: states as int8 codes or text, last days as 4-byte ``date32``
    or the kind's own dates, and which fields of each clause."""

    codes: bool
    fields: frozenset[str] | None  # None: every field
    date32: bool = False

    @classmethod
    def of(cls, states: Any, fields: Any, days: Any = "dates") -> Output:
        if not isinstance(states, str) or states not in ("text", "codes"):  # str first: an array's == is no bool
            raise InvalidInputError(
                f'states must be "text" (categorical in tables, str in a mapping) or "codes" (int8: positions in '
                f"sc.STATES); got {brief(states)}"
            )
        if not isinstance(days, str) or days not in ("dates", "date32"):
            raise InvalidInputError(
                f'days must be "dates" (datetime64[D] in a mapping, datetime64[s] in pandas) or "date32" (4 bytes: '
                f"int32 epoch days in a mapping, date32[pyarrow] in pandas); got {brief(days)}"
            )
        if fields is None:
            return cls(states == "codes", None, days == "date32")
        names = (fields,) if isinstance(fields, str) else fields
        valid = (*FIELDS, *MORE_FIELDS)
        if not isinstance(names, Sequence) or not names or any(n not in valid for n in names):
            raise InvalidInputError(
                f"fields names the result's fields of each clause, one or more of {', '.join(valid)} (warn: every "
                f"warning instant); got {brief(fields)}"
            )
        return cls(states == "codes", frozenset(names), days == "date32")

    @property
    def timed(self) -> bool:
        """Whether ``start`` or ``took`` is asked: each deadline's start and time taken are counted only then."""
        return self.fields is None or not self.fields.isdisjoint(("start", "took"))

    def chosen(self, out: dict[str, Any]) -> dict[str, Any]:
        """The columns of ``out`` (``<clause>.<field>[.<label>]``; clause names have no dot) whose field is asked."""
        if self.fields is None:
            return out
        return {k: v for k, v in out.items() if k.split(".")[1] in self.fields}


def columns_of(results: Mapping[str, Any]) -> dict[str, Any]:
    """Every result column of evaluate's clause results by name (``<clause>.<field>``), clause by clause."""
    out: dict[str, Any] = {}
    for c, r in results.items():
        out.update({f"{c}.{name}": getattr(r, name) for name in FIELDS if getattr(r, name) is not None})
        out.update({f"{c}.{name}": v for name, v in r.extra.items()})
        out.update({f"{c}.{name}": v for name, v in r.ladder.items()})
    return out


def _to_numpy(v: Any, cal: WorkCalendar, form: Output | None = None) -> npt.NDArray[Any]:
    """A result column for a mapping: states as str (or int8 codes), instants as wall times in the calendar's
    zone, last days as ``datetime64[D]`` (or int32 epoch days, ``NO_DAY32`` for none), as ``form`` asks."""
    from slaclock._rules.engine import calendar_zones

    if isinstance(v, np.ndarray):  # already converted, a block at a time (assembly)
        return v
    if isinstance(v, _States):
        return v.codes if form is not None and form.codes else _STATE_TEXT[v.codes]
    if isinstance(v, _Labels):
        return v.values()
    if isinstance(v, _Instants):
        shifted = _at_one_offset(cal, v.us, to_utc=False)
        if shifted is not None:
            return shifted.view("datetime64[us]")
        nat = v.us == NAT_INT
        wall = calendar_zones(cal, v.us[~nat]).to_wall(np.where(nat, 0, v.us))
        wall[nat] = NAT_INT
        return wall.view("datetime64[us]")
    if isinstance(v, _Days):
        return v.narrow().days if form is not None and form.date32 else v.days.view("datetime64[D]")
    if isinstance(v, _Flags):
        return v.flags
    if isinstance(v, _Counts):
        return v.counts
    if isinstance(v, Counts | Kept):
        return v.column(None, "")  # type: ignore[no-any-return]
    return np.asarray(v.us).view("timedelta64[us]")


def _is_dates(a: npt.NDArray[Any]) -> bool:
    return a.dtype.kind == "M" and np.datetime_data(a.dtype)[0] in ("Y", "M", "W", "D")


def _instant_column(cal: WorkCalendar, x: Any, name: str) -> I64:
    """A column of instants as UTC µs (NAT_INT for missing); naive values are wall times in the calendar's zone."""
    from slaclock._rules.engine import Starts, calendar_zones

    utc = False
    if _frames.foreign(x):
        lib = _frames._lib(x)
        if _frames._tz(x, lib) is not None:
            a, utc = _frames._utc(x, lib), True
        else:
            a = as_column(_frames._numpy(x, lib), name)
    else:
        a = as_column(x, name)
    a = a.reshape(-1)
    if a.size == 0 and a.dtype.kind in "fMOU" and not _is_dates(a):  # an empty list is float64 to numpy
        return np.zeros(0, dtype=np.int64)  # an empty column of dates or numbers is refused as a full one is
    if _is_dates(a):
        raise InvalidInputError(
            f"column {brief(name)} holds dates ({a.dtype}); events are instants: give the time they happened"
        )
    if a.dtype.kind not in "MOU":
        raise InvalidInputError(
            f"column {brief(name)} must hold instants (datetime64, datetimes, ISO text); got {a.dtype}"
        )
    if a.dtype.kind == "M":  # the fast path: no parsing, one zone conversion for wall times
        us: I64 = a.astype("datetime64[us]", copy=utc).view(np.int64)  # copied only to be returned
        if utc:
            return us
        shifted = _at_one_offset(cal, us, to_utc=True)
        if shifted is not None:  # the usual case: one offset over the whole span (Asia/Shanghai since 1991)
            return shifted
        nat = us == NAT_INT
        utc_us, skipped = calendar_zones(cal, us[~nat]).to_utc(np.where(nat, 0, us), gap="flag")
        if skipped is not None and (skipped & ~nat).any():
            i = int(np.argmax(skipped & ~nat))
            raise InvalidInputError(
                f"column {brief(name)}, row {i}: {a[i]} does not exist in {cal.tz} (the clocks skip it); "
                "give aware instants"
            )
        utc_us[nat] = NAT_INT
        return utc_us
    s = Starts.of(cal, a, utc, row=f"column {brief(name)}, row ")
    nat = np.zeros(a.size, dtype=bool) if s.nat is None else s.nat.reshape(-1)
    dates = ~s.timed & ~nat
    if dates.any():
        i = int(np.argmax(dates))
        v = a[i].item() if isinstance(a[i], np.generic) else a[i]
        raise InvalidInputError(f"column {brief(name)}, row {i}: {brief(v)} is a date; events are instants")
    assert s.utc is not None
    us = s.utc.reshape(-1).copy()
    us[nat] = NAT_INT
    return us


def _at_one_offset(cal: WorkCalendar, us: I64, to_utc: bool, out: I64 | None = None) -> I64 | None:
    """Wall µs as UTC µs (or UTC as wall, ``to_utc=False``), NAT_INT kept, when the calendar's zone has one
    offset over every value's span (no transition, so no skipped or repeated wall time); else None, with
    nothing written. ``out``: an int64 array of ``us``'s shape to write into (not ``us`` itself), else a new one.

    Two or three reductions (:func:`live_bounds`) and one plain pass into one new array, two with NaT: no masked
    operation (they cost 10-30 times more per row than plain ones on columns with scattered NaT) and no second
    temporary the column's size.
    """
    from slaclock._rules.engine import zones_between

    if out is not None and np.may_share_memory(out, us):
        raise ValueError("_at_one_offset(out=) must not be the column it reads")
    bounds = live_bounds(us)
    if bounds is None:  # a value before 1970: the plain way, with a temporary
        lo, hi, has_nat = int((us - 1).min()) + 1, int(us.max()), True  # NAT_INT - 1 wraps to the largest int64
    elif bounds[1] == NAT_INT:  # every value missing (or none)
        if out is None:
            return np.full(us.shape, NAT_INT, dtype=np.int64)
        out.fill(NAT_INT)
        return out
    else:
        lo, hi, has_nat = bounds
    offset = zones_between(cal, lo, hi).constant
    if offset is None:
        return None
    step = -offset if to_utc else offset
    if out is None:
        out = np.empty(us.shape, dtype=np.int64)
    if not has_nat or step == 0:
        np.add(us, step, out=out)
    elif bounds is not None and step < 0:  # NaT raised by -step first (every value is above it): NaT after the step
        np.maximum(us, NAT_INT - step, out=out)
        out += step
    elif bounds is not None and hi <= _INT64_MAX - step:  # NaT + step is above 2**63 as uint64, every value below
        np.add(us, step, out=out)
        np.minimum(out.view(np.uint64), NAT_UINT, out=out.view(np.uint64))
    else:  # us + step on every row, then NaT rows brought back: + (-step) where NaT (int64 arithmetic wraps)
        np.multiply(us == NAT_INT, -step, dtype=np.int64, out=out)
        out += step
        out += us
    return out


def _column_rows(col: Any, start: int, stop: int) -> Any:
    """Rows ``start``..``stop`` of one column of a mapping: a series or array sliced in its own kind."""
    if _frames.foreign(col):
        if _frames._lib(col) == "pandas":
            return col.iloc[start:stop]
        return col.slice(start, stop - start)  # polars Series, pyarrow Array or ChunkedArray
    if isinstance(col, np.ndarray):
        return col.reshape(-1)[start:stop]
    return col[start:stop]  # a list or tuple: read as it is, as _instant_column reads it


def _length(x: Any, what: str, name: str) -> int:
    """The number of values in one column of a mapping (a flat list, an array, a series)."""
    if hasattr(x, "columns"):  # a whole table (pandas, polars, pyarrow) where one column goes
        raise InvalidInputError(
            f"{what} column {brief(name)} must be one flat column; got a whole {type(x).__name__} of columns"
        )
    try:
        return int(np.asarray(x).size)
    except (ValueError, TypeError):  # a ragged nest of lists: numpy cannot make it an array
        raise InvalidInputError(
            f"{what} column {brief(name)} must be one flat column of instants; got {type(x).__name__} {brief(x)}"
        ) from None


def _epoch_us(t: dt.datetime) -> int:
    from slaclock._base.instants import plain

    return (plain(t) - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(microseconds=1)


def _iso(cal: WorkCalendar, us: int) -> str:
    return from_utc_us(day_table(cal).tzone(), us).isoformat()


def _attribute_column(x: Any, name: str) -> npt.NDArray[Any]:
    """An attribute column (priority, tier) as a flat numpy array: text as objects, numbers as numbers."""
    return _typed_attribute_column(x, name)[0]


def _typed_attribute_column(x: Any, name: str) -> tuple[npt.NDArray[Any], set[type]]:
    """:func:`_attribute_column`, and the types of its values where it holds objects (else an empty set)."""
    if _frames.foreign(x):
        lib = _frames._lib(x)
        if lib == "pyarrow":
            a = np.asarray(x.to_numpy(zero_copy_only=False) if hasattr(x, "to_numpy") else x.to_pylist())
        elif lib == "polars":
            a = x.to_numpy()
        else:
            a = np.asarray(x)
    else:
        a = np.asarray(x)
    a = a.reshape(-1)
    if a.dtype.kind not in "iufOUSb":
        raise InvalidInputError(f"attribute column {brief(name)} must hold text or whole numbers; got {a.dtype}")
    if a.dtype.kind == "b":
        raise InvalidInputError(f"attribute column {brief(name)} holds True/False; attributes are text or numbers")
    types = set(map(type, a)) if a.dtype.kind == "O" else set()
    odd = [t for t in types if t in _ODD or not issubclass(t, _PLAIN)]
    if odd:  # anything else than text, numbers or a null is the first of that type, unless it is a null (pd.NA)
        first = {t: next(x for x in a if type(x) is t) for t in odd}
        odd = [t for t in odd if t in _ODD or not is_missing_element(first[t])]
    if a.dtype.kind == "S" or odd:
        # bytes never equal text, a bool would pass for 1, an object matches nothing: refused, as Contract.open does
        i = 0 if a.dtype.kind == "S" else next(i for i, x in enumerate(a) if type(x) in odd)
        v = a[i].item() if isinstance(a[i], np.generic) else a[i]
        raise InvalidInputError(
            f"attribute column {brief(name)}, row {i}: {type(v).__name__} {brief(v)}; attributes are text or "
            "whole numbers (decode bytes; write flags as text)"
        )
    return a, types


def whole_numbers(a: npt.NDArray[Any], types: set[type], name: str) -> None:
    """Refuse a number that is not whole (2.5, inf) in an attribute column a target table reads: it matched no
    row, silently. A whole float (pandas' column of whole numbers with a NaN in it) and NaN (missing) pass."""
    if a.dtype.kind == "f":
        values = a
    elif a.dtype.kind == "O" and any(issubclass(t, float | np.floating) for t in types):  # types: of the values
        floats = [i for i, v in enumerate(a.tolist()) if isinstance(v, float | np.floating)]
        values = np.array([a[i] for i in floats], dtype=np.float64)
    else:
        return
    with np.errstate(invalid="ignore"):
        bad = ~np.isnan(values) & ~((values == np.floor(values)) & np.isfinite(values))
    if bad.any():
        k = int(np.argmax(bad))
        i = k if a.dtype.kind == "f" else floats[k]
        raise InvalidInputError(
            f"attribute column {brief(name)}, row {i}: {float(values[k])!r} is not a whole number; attributes are "
            "text or whole numbers"
        )


_STATE_TEXT: Final = np.asarray(STATES)
"""The states as text, by code: a mapping's state column is read from it."""
_ODD: Final = frozenset({bool, np.bool_, bytes, np.bytes_, bytearray})
_PLAIN: Final = (str, int, float, np.integer, np.floating, type(None))


_LOG_COLUMNS: Final = ("event", "at")


@final
@dataclass(frozen=True, slots=True)
class _Log:
    """A long table of events (one row per occurrence), sorted by case row, then instant, then its own order.

    ``row`` is the position of the case in the events table; ``code`` indexes ``names``.
    """

    row: I64
    at: I64
    code: npt.NDArray[np.int16]
    names: tuple[str, ...]

    @classmethod
    def of(
        cls, cal: WorkCalendar, log: Any, table: _Table, key: str | None, vocabulary: tuple[str, ...], now_us: int
    ) -> _Log:
        t = _Table.of(log, "log")
        where = "row" if key is None else key
        need = (where, *_LOG_COLUMNS)
        missing = [n for n in need if n not in t.names]
        if missing:
            raise InvalidInputError(
                f"the log needs a column {brief(missing[0])}: one row per occurrence with {brief(where)} (the case: "
                + ("its position in the events table, from 0" if key is None else "its key, as in the events table")
                + f"), 'event' (its name) and 'at' (its instant); got {', '.join(brief(n) for n in t.names)}"
            )
        row = _log_rows(t, table, key)
        at = _instant_column(cal, t.column("at"), "at")
        nat = at == NAT_INT
        if nat.any():
            raise InvalidInputError(
                f"the log: {int(nat.sum()):,} rows without 'at', the first at log row {int(np.argmax(nat))}; "
                "every occurrence has its instant"
            )
        later = at > now_us
        if later.any():
            i = int(np.argmax(later))
            raise InvalidInputError(
                f"the log: {int(later.sum()):,} events after now, the first at log row {i} ({_iso(cal, int(at[i]))}); "
                "a status ignores no events, so now must be the latest"
            )
        code, event = event_codes(t.column("event"), vocabulary)
        unknown = code < 0
        if unknown.any():
            i = int(np.argmax(unknown))
            raise InvalidInputError(
                f"the log: {int(unknown.sum()):,} rows name no event of the contract, the first at log row {i} "
                f"({brief(event(i))}); its events: {', '.join(brief(n) for n in vocabulary)}. Leave other rows out"
            )
        order = case_order(row, at)
        if order is None:
            return cls(row, at, code, vocabulary)
        return cls(row[order], at[order], code[order], vocabulary)

    def block(self, lo: int, hi: int) -> _Log:
        """The occurrences of the event rows ``lo``..``hi`` (exclusive), their ``row`` counted from ``lo``."""
        a, b = (int(i) for i in np.searchsorted(self.row, (lo, hi), "left"))
        return _Log(self.row[a:b] - lo, self.at[a:b], self.code[a:b], self.names)

    def of_event(self, name: str) -> tuple[I64, I64]:
        """The (rows, instants) of one event's occurrences, in order."""
        hit = self.code == self.names.index(name)
        return self.row[hit], self.at[hit]

    def once(self, name: str, rows: int, repeats: bool = False) -> I64 | None:
        """One event's column (UTC µs, NAT_INT where it did not happen), or None if the log never names it.

        An event that ``repeats`` (a recurring clause's) gives its first occurrence in each case; any other
        raises InvalidInputError where a case has it twice: it is recorded once.
        """
        if name not in self.names:
            return None
        r, at = self.of_event(name)
        if r.size == 0:
            return None
        twice = r[1:] == r[:-1]
        if repeats:
            first = np.ones(r.size, dtype=bool)
            first[1:] = ~twice
            r, at = r[first], at[first]
        elif twice.any():
            i = int(np.argmax(twice))
            raise InvalidInputError(
                f"the log: {int(twice.sum()):,} cases record {brief(name)} more than once, the first at row "
                f"{int(r[i])}; only the events of recurring clauses repeat"
            )
        out = np.full(rows, NAT_INT, dtype=np.int64)
        out[r] = at
        return out


def _fixed_text(x: Any, name: str) -> npt.NDArray[Any]:
    """:func:`_attribute_column`, a column of objects that are all text made fixed-width text (which
    :func:`~slaclock._base.join.key_positions` joins by hashes, where objects took a comparison in Python at each
    step of a sort); its objects (a Python string per row) are let go as soon as it is made."""
    a, types = _typed_attribute_column(x, name)
    if a.dtype.kind == "O" and types and all(issubclass(t, str) for t in types):
        text = a.astype(str)
        # numpy's text drops trailing NUL characters, which Python's keeps: "T-1\0" would join "T-1"
        if int(np.char.str_len(text).sum()) == sum(map(len, a)):
            return text
    return a


def event_codes(x: Any, names: tuple[str, ...]) -> tuple[npt.NDArray[np.int16], Callable[[int], object]]:
    """A log's ``event`` column as each occurrence's position in ``names`` (negative for none: another value or a
    missing one), and a function giving row ``i``'s value, for messages.

    Text in pandas, polars or pyarrow is matched by its own library, with no Python string per row
    (:func:`~slaclock._base.dataframes.text_codes`: reading it into numpy made one, about 50 ns a row, and each
    name's comparison with them about 13); numpy text by a pass per name the log holds
    (:func:`~slaclock._rules.rowcalendars.column_codes`), where each of the contract's names took a comparison and a
    masked write.
    """
    if _frames.foreign(x):
        coded = _frames.text_codes(x, _frames._lib(x), names)
        if coded is not None:
            return coded
    events = _attribute_column(x, "event")  # numbers, bytes and other objects: refused, or named below
    return column_codes(events, names), lambda i: events[i]


def case_order(row: I64, at: I64) -> I64 | None:
    """The order of a log's occurrences by case row, then instant, then the log's own order (a stable sort); None
    when they are in it already."""
    if row.size < 2:
        return None
    d_row = np.diff(row)
    if np.all((d_row > 0) | ((d_row == 0) & (np.diff(at) >= 0))):
        return None
    return np.lexsort((at, row))  # stable: occurrences at one instant keep the log's order


def _log_rows(t: _Table, table: _Table, key: str | None) -> I64:
    """The log's case column as positions in the events table."""
    if key is None:
        a = _attribute_column(t.column("row"), "row")
        if a.size and a.dtype.kind not in "iu":
            raise InvalidInputError(f"the log's 'row' must hold integer positions of the events' rows; got {a.dtype}")
        outside = (a < 0) | (a >= table.rows)  # on the column's own type: a huge uint64 does not wrap negative
        row = np.where(outside, -1, a).astype(np.int64)
        if outside.any():
            i = int(np.argmax(outside))
            raise InvalidInputError(
                f"the log row {i}: 'row' {int(a[i])} is not a row of the events (0..{table.rows - 1})"
            )
        return row
    if key not in table.names:
        raise InvalidInputError(f"key {brief(key)} is not a column of the events table; it names each case")
    fast = key_positions(_fixed_text(table.column(key), key), _fixed_text(t.column(key), key))
    if fast is not None:  # else a key twice, a key not there, or keys of other kinds: found and said below
        return fast
    keys = _attribute_column(table.column(key), key)  # read again as given, for the general way and its words
    wanted = _attribute_column(t.column(key), key)
    try:
        order = np.argsort(keys, kind="stable")
        ranked = keys[order]
        same = np.asarray(ranked[1:] == ranked[:-1], dtype=bool)
        pos = np.searchsorted(ranked, wanted)
    except TypeError:  # before any InvalidInputError is raised: it is a TypeError too
        raise InvalidInputError(f"key {brief(key)} must hold values of one kind (text or numbers)") from None
    if np.any(same):
        i = int(order[1:][np.argmax(same)])
        raise InvalidInputError(f"key {brief(key)}: {brief(keys[i])} names two cases of the events table (row {i})")
    if ranked.size:
        pos = np.minimum(pos, ranked.size - 1)
        found = np.asarray(ranked[pos] == wanted, dtype=bool)
    else:
        found = np.zeros(wanted.shape[0], dtype=bool)
    if not found.all():
        i = int(np.argmin(found))
        raise InvalidInputError(
            f"the log row {i}: key {brief(wanted[i])} is not a case of the events table "
            f"({int((~found).sum()):,} such rows)"
        )
    return order[pos].astype(np.int64)
