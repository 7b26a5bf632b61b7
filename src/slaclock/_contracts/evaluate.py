"""Batch evaluation: the status of many cases of one contract at once, from columns of event instants.

:meth:`Contract.evaluate` is :meth:`Case.status` for a table with one row per case
and one column per event (``received``, ``acknowledged``, ...: the instant it
happened, or NaT / None where it has not). It gives, per clause, the columns
``<clause>.state``, ``<clause>.due``, ``<clause>.last_day``,
``<clause>.overdue_by`` and ``<clause>.provisional`` (and, for a clause with a
``warn`` ladder, ``<clause>.warn.<label>`` per rung and ``<clause>.risk``:
:mod:`.ladder`), with the answers a
:class:`~slaclock.Case` replayed row by row gives (the property tests hold the two
together).

Maintainer's notes
------------------
* **What is followed.** Deadline and threshold clauses: the whole of most
  contracts, and the clauses SLA reports are made of. Monthly, notice and window
  clauses are left to :class:`~slaclock.Case` (a few rows a year each); asking for
  one by name is an error.
* **Pauses** come as a second table (``row``, ``paused_at``, ``resumed_at``).
  The rows that have one are replayed as :class:`~slaclock.Case` objects, so the
  pause rule has one implementation; the column pass still runs on them but
  skips their checks, and their results are overwritten. Without that table a
  pausable clause is refused unless ``ignore_pauses=True`` says the cases had
  none (never a silently early due).
* **Checked, not dropped.** What :class:`~slaclock.Case` refuses when an event is
  recorded is refused here with the count of rows and the first one: an event
  after ``now``, a ``met_by`` without its start or before it, an extension notice
  before the start, after the clause was met, or (when the contract requires
  notice before expiry) at or after the standard due.
* **The numbers.** Every instant is handled as UTC microseconds (int64, NaT as
  ``NAT_INT``); the dues come from :func:`slaclock.deadlines` (the column engine),
  one pass per clause, and one more for the extended limit where a clause has one.
  For a clause with a ``warn`` ladder the at-risk test is the ladder's: each rung's
  instant on columns (:func:`slaclock._contracts.ladder.ladder_columns`, the instants
  of :func:`slaclock._contracts.clock._at_risk`'s tests), passed when ``now`` is at or
  after it. With only ``warn_at`` / ``warn_before``, ``_at_risk_rows`` repeats
  ``_at_risk`` and the elapsed share of :func:`slaclock._contracts.clock._elapsed` on
  columns directly (no instant to find: about 40 % faster on 1,000,000 running rows).
  A lead time in months or years is the one part done row by row (pendulum's month
  arithmetic).
* **Provisional rows.** A case's clause is provisional iff computing its status
  read a projected day (``slaclock._base.warn`` collects the reads). On columns
  that is: the deadline of the limit in force is provisional (the column engine's
  own flag), or, for a running row, the lead of ``warn_before`` is counted over a
  projected day (workdays up to a projected last day; working time up to a due
  past the official end). The other reads of a case (the share used, the days
  done) stay inside the due's range, so they only reach a projected day when the
  due already did. The whole call runs inside one ``reading()`` block: the
  calendar's and the column engine's warnings are collected, and one
  ``ProvisionalWarning`` says how many rows are provisional.
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, final

import numpy as np
import numpy.typing as npt

from slaclock._base import dataframes as _frames
from slaclock._base import warn as _provisional
from slaclock._base.instants import from_utc_us
from slaclock._base.show import brief
from slaclock._calendar import day_table, hours_table
from slaclock._contracts.calendar_record import _horizon_hint, _past
from slaclock._contracts.case import _Log
from slaclock._contracts.clock import _CLOCK, _WORK, _threshold_convention, _timed, _total
from slaclock._contracts.events import CaseEvent, _listed
from slaclock._contracts.ladder import label, ladder, ladder_columns
from slaclock._days.index import NAT_INT
from slaclock._periods.period import Period, Unit
from slaclock.errors import CalendarHorizonError, ContractError, InvalidInputError, SlaclockError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.calendar_spec import CalendarLike
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.contract import Contract
    from slaclock._periods.convention import Convention

__all__ = ["STATES", "evaluate"]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]

STATES: Final = ("not_started", "running", "paused", "at_risk", "met", "breached")
"""The states :meth:`Contract.evaluate` gives, in the order of their codes (a pandas column's categories)."""

_CODE: Final = {state: i for i, state in enumerate(STATES)}
_FIELDS: Final = ("state", "due", "last_day", "overdue_by", "provisional")
_ONE_US: Final = dt.timedelta(microseconds=1)


def evaluate(
    contract: Contract,
    events: Any,
    *,
    now: Any,
    clauses: Sequence[str] | None = None,
    pauses: Any = None,
    ignore_pauses: bool = False,
    calendar: CalendarLike | None = None,
) -> Any:
    """See :meth:`slaclock.Contract.evaluate`."""
    if type(ignore_pauses) is not bool:
        raise InvalidInputError(f"ignore_pauses must be True or False; got {brief(ignore_pauses)}")
    cal = contract.calendar_for(calendar)
    chosen = _chosen(contract, clauses, ignore_pauses or pauses is not None)
    try:
        with _provisional.reading():  # the calendar's warnings are collected: one warning below, for the rows
            table, results = _evaluate(contract, cal, chosen, events, now, pauses)
    except CalendarHorizonError as exc:
        raise _horizon_hint(exc, cal, "contract.evaluate(..., calendar=cal)") from None
    flagged = {name: int(r.provisional.flags.sum()) for name, r in results.items()}
    if any(flagged.values()):
        counts = ", ".join(f"{n:,} of {table.rows:,} rows of {brief(name)}" for name, n in flagged.items() if n)
        _provisional.warn(
            f"evaluate: {counts} counted on {_past(cal)}. Provisional (the <clause>.provisional columns), until the "
            "arrangement is published"
        )
    out = {f"{c}.{name}": getattr(r, name) for c, r in results.items() for name in _FIELDS}
    out.update((f"{c}.{name}", col) for c, r in results.items() for name, col in r.ladder.items())
    return table.wrap(out, cal)


def _evaluate(
    contract: Contract, cal: WorkCalendar, chosen: list[Clause], events: Any, now: Any, pauses: Any
) -> tuple[_Table, dict[str, _Result]]:
    from slaclock._rules.deadline import read_instant

    table = _Table.of(events)
    instant = read_instant(cal, now, "now")
    if instant is None:
        raise InvalidInputError(f"now must be an instant (a datetime or ISO date-time), not the date {brief(now)}")
    now_us = _epoch_us(instant)
    cols = _Columns(cal, table, now_us)
    stops = None if pauses is None else _Pauses.of(cal, pauses, table.rows, now_us)
    skip = np.zeros(table.rows, dtype=bool) if stops is None else stops.mask
    results: dict[str, _Result] = {}
    for c in chosen:
        conv = contract.convention if c.kind == "deadline" else _threshold_convention(contract.convention)
        results[c.name] = _clause_columns(cal, conv, c, cols, now_us, instant, skip)
    if stops is not None:
        _replay_paused_rows(contract, cal, chosen, cols, stops, instant, results)
    return table, results


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

    def column(self, name: str) -> Any:
        if self.lib == "pyarrow":
            return self.obj.column(name)
        return self.obj[name]

    def wrap(self, out: dict[str, Any], cal: WorkCalendar) -> Any:
        """The result columns in the caller's kind: due instants aware in the calendar's zone for tables."""
        if self.lib is None:
            return {k: _to_numpy(v, cal) for k, v in out.items()}
        if self.lib == "pandas":
            pd = sys.modules["pandas"]
            data: dict[str, Any] = {}
            for k, v in out.items():
                if isinstance(v, _States):
                    data[k] = pd.Categorical.from_codes(v.codes, categories=list(STATES))
                elif isinstance(v, _Labels):
                    data[k] = pd.Categorical.from_codes(v.codes, categories=list(v.labels))
                elif isinstance(v, _Instants):
                    data[k] = pd.DatetimeIndex(v.us.view("datetime64[us]")).tz_localize("UTC").tz_convert(cal.tz)
                elif isinstance(v, _Days):
                    data[k] = v.days.view("datetime64[D]").astype("datetime64[s]")
                elif isinstance(v, _Flags):
                    data[k] = v.flags
                else:
                    data[k] = v.us.view("timedelta64[us]")
            return pd.DataFrame(data, index=self.obj.index)
        if self.lib == "polars":
            pl = sys.modules["polars"]
            series = []
            for k, v in out.items():
                if isinstance(v, _States):
                    series.append(pl.Series(k, np.asarray(STATES, dtype=object)[v.codes], dtype=pl.Enum(STATES)))
                elif isinstance(v, _Labels):
                    series.append(pl.Series(k, v.values().tolist(), dtype=pl.Enum(v.labels)))
                elif isinstance(v, _Instants):
                    s = pl.Series(k, v.us.view("datetime64[us]"))
                    series.append(s.dt.replace_time_zone("UTC").dt.convert_time_zone(cal.tz))
                elif isinstance(v, _Days):
                    series.append(pl.Series(k, v.days.view("datetime64[D]")))
                elif isinstance(v, _Flags):
                    series.append(pl.Series(k, v.flags, dtype=pl.Boolean))
                else:
                    series.append(pl.Series(k, v.us.view("timedelta64[us]")))
            return pl.DataFrame(series)
        pa = sys.modules["pyarrow"]
        arrays, names = [], []
        for k, v in out.items():
            names.append(k)
            if isinstance(v, _States):
                arrays.append(pa.DictionaryArray.from_arrays(v.codes, list(STATES)))
            elif isinstance(v, _Labels):
                arrays.append(pa.DictionaryArray.from_arrays(pa.array(v.codes, mask=v.codes < 0), list(v.labels)))
            elif isinstance(v, _Instants):
                arrays.append(
                    pa.array(v.us.view("datetime64[us]"), type=pa.timestamp("us", tz=cal.tz), from_pandas=True)
                )
            elif isinstance(v, _Days):
                arrays.append(pa.array(v.days.view("datetime64[D]"), from_pandas=True))
            elif isinstance(v, _Flags):
                arrays.append(pa.array(v.flags, type=pa.bool_()))
            else:
                arrays.append(pa.array(v.us.view("timedelta64[us]"), from_pandas=True))
        return pa.table(arrays, names=names)


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
    days: I64  # epoch days, NAT_INT for none


@final
@dataclass(frozen=True, slots=True)
class _Durations:
    us: I64  # µs, NAT_INT for none


@final
@dataclass(frozen=True, slots=True)
class _Flags:
    flags: Mask


def _to_numpy(v: Any, cal: WorkCalendar) -> npt.NDArray[Any]:
    """A result column for a mapping: states as str, instants as wall times in the calendar's zone."""
    from slaclock._rules.engine import calendar_zones

    if isinstance(v, _States):
        return np.asarray(STATES)[v.codes]
    if isinstance(v, _Labels):
        return v.values()
    if isinstance(v, _Instants):
        nat = v.us == NAT_INT
        wall = calendar_zones(cal, v.us[~nat]).to_wall(np.where(nat, 0, v.us))
        wall[nat] = NAT_INT
        return wall.view("datetime64[us]")
    if isinstance(v, _Days):
        return v.days.view("datetime64[D]")
    if isinstance(v, _Flags):
        return v.flags
    return np.asarray(v.us).view("timedelta64[us]")


# -- reading event columns ------------------------------------------------------------------------


@final
class _Columns:
    """Event columns read once each, as UTC µs; checked against ``now``."""

    def __init__(self, cal: WorkCalendar, table: _Table, now_us: int) -> None:
        self.cal, self.table, self.now_us = cal, table, now_us
        self._cache: dict[str, I64] = {}

    def get(self, name: str, needed_by: str) -> I64:
        if name in self._cache:
            return self._cache[name]
        if name not in self.table.names:
            have = _listed(brief(n) for n in self.table.names)
            raise InvalidInputError(
                f"no column {brief(name)}, the event {needed_by}; the table's columns: {have}. Name a column after "
                "each event (NaT or None where it has not happened)"
            )
        us = _instant_column(self.cal, self.table.column(name), name)
        if us.size != self.table.rows:
            raise InvalidInputError(f"column {brief(name)} has {us.size} values for {self.table.rows} rows")
        later = us > self.now_us
        if later.any():
            i = int(np.argmax(later))
            raise InvalidInputError(
                f"column {brief(name)}: {int(later.sum()):,} events after now, the first at row {i} "
                f"({_iso(self.cal, int(us[i]))}); a status ignores no events, so now must be the latest"
            )
        self._cache[name] = us
        return us

    def has(self, name: str) -> bool:
        return name in self.table.names

    def events(self) -> list[tuple[str, I64]]:
        """The event columns read so far (those the evaluated clauses use), by name."""
        return list(self._cache.items())


def _instant_column(cal: WorkCalendar, x: Any, name: str) -> I64:
    """A column of instants as UTC µs (NAT_INT for missing); naive values are wall times in the calendar's zone."""
    from slaclock._rules.engine import Starts, calendar_zones

    utc = False
    if _frames.foreign(x):
        lib = _frames._lib(x)
        if _frames._tz(x, lib) is not None:
            a, utc = _frames._utc(x, lib), True
        else:
            a = _frames._numpy(x, lib)
    else:
        a = np.asarray(x)
    a = a.reshape(-1)
    if a.size == 0:  # an empty column of any type (an empty list is float64 to numpy)
        return np.zeros(0, dtype=np.int64)
    if a.dtype.kind == "M" and np.datetime_data(a.dtype)[0] in ("Y", "M", "W", "D"):
        raise InvalidInputError(
            f"column {brief(name)} holds dates ({a.dtype}); events are instants: give the time they happened"
        )
    if a.dtype.kind not in "MOU":
        raise InvalidInputError(
            f"column {brief(name)} must hold instants (datetime64, datetimes, ISO text); got {a.dtype}"
        )
    if a.dtype.kind == "M":  # the fast path: no parsing, one zone conversion for wall times
        us: I64 = a.astype("datetime64[us]").view(np.int64)
        nat = us == NAT_INT
        if utc:
            return us
        utc_us, skipped = calendar_zones(cal, us[~nat]).to_utc(np.where(nat, 0, us), gap="flag")
        if skipped is not None and (skipped & ~nat).any():
            i = int(np.argmax(skipped & ~nat))
            raise InvalidInputError(
                f"column {brief(name)}, row {i}: {a[i]} does not exist in {cal.tz} (the clocks skip it); "
                "give aware instants"
            )
        utc_us[nat] = NAT_INT
        return utc_us
    try:
        s = Starts.of(cal, a, utc)
    except InvalidInputError as exc:
        raise InvalidInputError(f"column {brief(name)}: {exc}") from None
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


def _length(x: Any, what: str, name: str) -> int:
    """The number of values in one column of a mapping (a flat list, an array, a series)."""
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


# -- pauses: the rows that have them are replayed as cases -------------------------------------------

_PAUSE_COLUMNS: Final = ("row", "paused_at", "resumed_at", "reason")


@final
@dataclass(frozen=True, slots=True)
class _Pauses:
    """The pause intervals, sorted by row and start: ``row`` (position in the events), from, to (NAT_INT: open)."""

    row: I64
    start: I64
    end: I64
    reason: tuple[str, ...]
    mask: Mask  # the event rows that have pauses

    @classmethod
    def of(cls, cal: WorkCalendar, pauses: Any, rows: int, now_us: int) -> _Pauses:
        t = _Table.of(pauses, "pauses")
        for name in ("row", "paused_at"):
            if name not in t.names:
                raise InvalidInputError(
                    f"pauses need a column {brief(name)}: one row per pause with 'row' (the case's position in the "
                    f"events, from 0), 'paused_at', and 'resumed_at' (NaT while it lasts); got {_listed(t.names)}"
                )
        for name in t.names:  # a misspelt 'resumed_at' would leave every pause open: refused, never ignored
            if name not in _PAUSE_COLUMNS:
                close = difflib.get_close_matches(name[:100], _PAUSE_COLUMNS, n=1)
                hint = f" (did you mean {brief(close[0])}?)" if close else ""
                raise InvalidInputError(
                    f"pauses have no column {brief(name)}{hint}; their columns are {', '.join(_PAUSE_COLUMNS)} "
                    "('resumed_at' and 'reason' optional)"
                )
        raw = t.column("row")
        lib = _frames._lib(raw)
        at = np.asarray(_frames._numpy(raw, lib) if _frames.foreign(raw) else raw).reshape(-1)
        if at.size and at.dtype.kind not in "iu":
            raise InvalidInputError(f"pauses 'row' must hold integer positions of the events' rows; got {at.dtype}")
        row = at.astype(np.int64)
        outside = (row < 0) | (row >= rows)
        if outside.any():
            i = int(np.argmax(outside))
            raise InvalidInputError(f"pauses row {i}: 'row' {int(row[i])} is not a row of the events (0..{rows - 1})")
        start = _instant_column(cal, t.column("paused_at"), "paused_at")
        end = (
            _instant_column(cal, t.column("resumed_at"), "resumed_at")
            if "resumed_at" in t.names
            else np.full(row.size, NAT_INT, dtype=np.int64)
        )
        if "reason" in t.names:
            col = t.column("reason")
            values = col.to_pylist() if lib == "pyarrow" else list(col)
            reason = tuple(str(v) if v is not None and v == v and str(v).strip() else "paused" for v in values)
        else:
            reason = ("paused",) * row.size
        for what, bad in (
            ("a pause without 'paused_at'", start == NAT_INT),
            ("'paused_at' after now", start > now_us),
            ("'resumed_at' after now (leave it NaT: the pause lasts at now)", end > now_us),
            ("'resumed_at' before 'paused_at'", (end != NAT_INT) & (end < start)),
        ):
            if bad.any():
                i = int(np.argmax(bad))
                raise InvalidInputError(f"pauses: {int(bad.sum()):,} rows with {what}, the first at pauses row {i}")
        order = np.lexsort((start, row))
        row, start, end = row[order], start[order], end[order]
        mask = np.zeros(rows, dtype=bool)
        mask[row] = True
        return cls(row, start, end, tuple(reason[i] for i in order), mask)


def _replay_paused_rows(
    contract: Contract,
    cal: WorkCalendar,
    chosen: list[Clause],
    cols: _Columns,
    stops: _Pauses,
    now: dt.datetime,
    results: dict[str, _Result],
) -> None:
    """Replace the paused rows' results with a :class:`Case` replay of their events and pauses."""
    extends = {c.extension.event: c.name for c in contract.clauses if c.extension is not None}
    starts = {c.starts_on for c in chosen}
    first = np.searchsorted(stops.row, np.arange(len(stops.mask)), "left")
    last = np.searchsorted(stops.row, np.arange(len(stops.mask)), "right")
    for r in np.flatnonzero(stops.mask):
        # (instant, rank, order, kind, name): at one instant a start comes first, then an extension notice,
        # then the pauses in their own order, then the rest
        timeline: list[tuple[int, int, int, str, str]] = []
        for name, col in cols.events():
            us = int(col[r])
            if us != NAT_INT:
                rank = 0 if name in starts else (1 if name in extends else 3)
                timeline.append((us, rank, 0, "extend" if name in extends else "record", name))
        for k in range(int(first[r]), int(last[r])):
            timeline.append((int(stops.start[k]), 2, 2 * k, "pause", stops.reason[k]))
            if stops.end[k] != NAT_INT:
                timeline.append((int(stops.end[k]), 2, 2 * k + 1, "resume", ""))
        timeline.sort()
        if not timeline or timeline[0][3] != "record":
            raise InvalidInputError(f"row {r}: a pause before any of the case's events")
        try:
            zone = day_table(cal).tzone()
            log = _Log(contract, cal, [CaseEvent("record", timeline[0][4], from_utc_us(zone, timeline[0][0]))])
            for us, _, _, kind, name in timeline[1:]:  # a log: linear in the row's events and pauses
                when = from_utc_us(zone, us)
                if kind == "record":
                    log.record(name, when)
                elif kind == "extend":
                    log.extend(extends[name], when, None)
                elif kind == "pause":
                    log.pause(name, when)
                else:
                    log.resume(when)
            status = log.case().status(now=now)
        except SlaclockError as exc:
            raise type(exc)(f"row {r} (with pauses): {exc}") from None
        for c in chosen:
            s, out = status[c.name], results[c.name]
            out.state.codes[r] = _CODE[s.state]
            out.due.us[r] = NAT_INT if s.due is None else _epoch_us(s.due)
            out.last_day.days[r] = NAT_INT if s.last_day is None else (s.last_day - dt.date(1970, 1, 1)).days
            out.overdue_by.us[r] = NAT_INT if s.overdue_by is None else s.overdue_by // _ONE_US
            out.provisional.flags[r] = s.provisional
            _ladder_row(out, int(r), s)


# -- which clauses ----------------------------------------------------------------------------------


def _chosen(contract: Contract, names: Sequence[str] | None, ignore_pauses: bool) -> list[Clause]:
    if names is None:
        chosen = [c for c in contract.clauses if c.kind in ("deadline", "threshold")]
        if not chosen:
            raise ContractError(
                f"contract {brief(contract.name)} has no deadline or threshold clause to evaluate; "
                "follow its other clauses with contract.open()"
            )
    else:
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, Iterable) or isinstance(names, Mapping | bytes):
            raise InvalidInputError(
                f"clauses must be a clause name or a list of them; got {type(names).__name__} {brief(names)}"
            )
        chosen = [contract.clause(n) for n in names]
        for c in chosen:
            if c.kind not in ("deadline", "threshold"):
                raise ContractError(
                    f"clause {brief(c.name)} is a {c.kind} clause: evaluate() follows deadline and threshold clauses; "
                    "follow it case by case with contract.open()"
                )
    paused = [c.name for c in chosen if c.pausable]
    if paused and not ignore_pauses:
        raise ContractError(
            f"clause{'s' if len(paused) > 1 else ''} {_listed(brief(n) for n in paused)} can be paused, and a table of "
            "event instants has no pauses: pass ignore_pauses=True if these cases had none, or replay the "
            "paused ones with contract.open()"
        )
    return chosen


# -- one clause -------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class _Result:
    state: _States
    due: _Instants
    last_day: _Days
    overdue_by: _Durations
    provisional: _Flags
    ladder: dict[str, Any] = field(default_factory=dict)  # warn.<label>: _Instants per rung, risk: _Labels


def _clause_columns(
    cal: WorkCalendar, conv: Convention, c: Clause, cols: _Columns, now_us: int, now: dt.datetime, skip: Mask
) -> _Result:
    """The clause on every row, without pauses; rows in ``skip`` (replayed as cases later) are not checked."""
    from slaclock._contracts.checks import _is_date
    from slaclock._rules.columns import deadlines

    assert c.period is not None
    assert c.met_by is not None
    n = cols.table.rows
    if _is_date(c.starts_on):
        day = dt.date.fromisoformat(c.starts_on)
        first = dt.datetime.combine(day, dt.time(), tzinfo=day_table(cal).zone)
        start = np.full(n, _epoch_us(first), dtype=np.int64)
    else:
        start = cols.get(c.starts_on, f"clause {brief(c.name)} starts on")
    done = cols.get(c.met_by, f"that meets clause {brief(c.name)}")
    started = (start != NAT_INT) & (start <= now_us)  # a fixed date may lie after now: not started
    has_done = done != NAT_INT
    if not _is_date(c.starts_on):
        _refuse(cal, has_done & ~started & ~skip, done, f"{brief(c.met_by)} happened but {brief(c.starts_on)} did not")
        _refuse(cal, has_done & (done < start) & ~skip, done, f"{brief(c.met_by)} is earlier than {brief(c.starts_on)}")

    starts = np.where(started, start, NAT_INT).view("datetime64[us]")
    std = deadlines(starts, c.period, calendar=cal, convention=conv, utc=True)
    due = std.due.view(np.int64).copy()
    last = std.last_day.view(np.int64).copy()
    provisional = np.asarray(std.provisional, dtype=bool).reshape(-1).copy()
    noted = np.zeros(n, dtype=bool)
    ext = c.extension
    if ext is not None and cols.has(ext.event):
        note = cols.get(ext.event, f"that extends clause {brief(c.name)}")
        noted = note != NAT_INT
        if noted.any():
            if ext.cap is None:
                raise ContractError(
                    f"clause {brief(c.name)}: its extension has no cap, so the new limit is what each notice states; "
                    "evaluate() cannot know it: replay the extended cases with contract.open()"
                )
            where = f"the extension notice {brief(ext.event)} of clause {brief(c.name)}"
            bad = ContractError  # as Case.extend
            _refuse(
                cal, noted & (~started | (note < start)) & ~skip, note, f"{where} came before the clause started", bad
            )
            _refuse(cal, noted & has_done & (done < note) & ~skip, note, f"{where} came after {brief(c.met_by)}", bad)
            if ext.notice_before_expiry:
                late = noted & started & (note >= due) & ~skip
                _refuse(cal, late, note, f"{where} came at or after the limit expired", bad)
            longer = deadlines(starts, ext.cap, calendar=cal, convention=conv, utc=True)
            due = np.where(noted, longer.due.view(np.int64), due)
            last = np.where(noted, longer.last_day.view(np.int64), last)
            provisional = np.where(noted, np.asarray(longer.provisional, dtype=bool).reshape(-1), provisional)

    until = np.where(has_done, done, now_us)
    breached = started & (until >= due)
    met = started & has_done & ~breached
    running = started & ~breached & ~met
    codes = np.zeros(n, dtype=np.int8)
    codes[running] = _CODE["running"]
    columns: dict[str, Any] = {}
    # the limit in force: the standard one, or the extension's cap (its unit may differ)
    limits = ((running & ~noted, c.period), (running & noted, ext.cap if ext else None))
    if c.warn:  # a ladder: each rung's instant, passed or not at now
        columns = _ladder_columns(cal, conv, c, limits, running, start, due, last, now_us)
        codes[columns["risk"].codes >= 0] = _CODE["at_risk"]
    elif running.any() and (c.warn_at is not None or c.warn_before is not None):
        # the one-rung shorthand alone keeps its table, and its direct test (no instants to find: faster)
        for rows, limit in limits:
            if limit is not None and rows.any():
                codes[_at_risk_rows(cal, conv, c, limit, rows, start, due, last, now_us, now)] = _CODE["at_risk"]
    codes[met] = _CODE["met"]
    codes[breached] = _CODE["breached"]
    overdue = np.where(breached, until - due, NAT_INT)
    if cal.horizon == "projected" and running.any():
        for w in ladder(c):
            if isinstance(w, Period):
                provisional |= running & _lead_reads_projected(cal, w, due, last)
    provisional &= started
    due[~started] = NAT_INT
    last[~started] = NAT_INT
    return _Result(_States(codes), _Instants(due), _Days(last), _Durations(overdue), _Flags(provisional), columns)


def _ladder_columns(
    cal: WorkCalendar,
    conv: Convention,
    c: Clause,
    limits: tuple[tuple[Mask, Period | None], ...],
    running: Mask,
    start: I64,
    due: I64,
    last: I64,
    now_us: int,
) -> dict[str, Any]:
    """``warn.<label>`` (the rung's instant) per rung and ``risk`` (the highest rung passed while running)."""
    n = running.size
    names = [label(r) for r in ladder(c)]
    inst = {name: np.full(n, NAT_INT, dtype=np.int64) for name in names}
    for rows, limit in limits:
        if limit is not None and rows.any():
            for name, col in ladder_columns(cal, conv, c, limit, rows, start, due, last):
                inst[name][rows] = col[rows]
    # the rung whose instant is the latest at or before now (of equal instants, the later rung)
    risk = np.full(n, -1, dtype=np.int8)
    best = np.full(n, NAT_INT, dtype=np.int64)
    for j, name in enumerate(names):
        col = inst[name]
        passed = running & (col != NAT_INT) & (col <= now_us) & (col >= best)
        risk[passed] = j
        best[passed] = col[passed]
    out: dict[str, Any] = {f"warn.{name}": _Instants(col) for name, col in inst.items()}
    out["risk"] = _Labels(risk, tuple(names))
    return out


def _ladder_row(out: _Result, r: int, s: Any) -> None:
    """A replayed row's warning instants and risk, from its :class:`ClauseStatus`."""
    if not out.ladder:
        return
    given = dict(s.warnings)
    for name, t in given.items():
        out.ladder[f"warn.{name}"].us[r] = NAT_INT if t is None else _epoch_us(t)
    if not given:
        for key, col in out.ladder.items():
            if key != "risk":
                col.us[r] = NAT_INT
    labels = out.ladder["risk"]
    labels.codes[r] = -1 if s.risk is None else labels.labels.index(s.risk)


def _lead_reads_projected(cal: WorkCalendar, w: Period | None, due: I64, last: I64) -> Mask:
    """Rows whose ``warn_before`` lead, counted from now to the due, reads a projected day (as ``clock._at_risk``)."""

    none = np.zeros(due.size, dtype=bool)
    if w is None:
        return none
    if w.unit is Unit.WORKDAY:  # the workdays of [today, last day]
        official_last = (cal.official_until - dt.date(1970, 1, 1)).days
        return last > official_last
    if _timed(w.unit) and w.unit not in (Unit.HOUR, Unit.MINUTE):  # working time in [now, due)
        return due >= hours_table(cal).official_end
    return none


def _refuse(cal: WorkCalendar, bad: Mask, at: I64, what: str, error: type[SlaclockError] = InvalidInputError) -> None:
    """Raise ``error`` (the class a case raises for the same event) naming how many rows are ``bad``, and the first."""
    if bad.any():
        i = int(np.argmax(bad))
        raise error(
            f"{int(bad.sum()):,} rows where {what}, the first at row {i} ({_iso(cal, int(at[i]))}); "
            "a case would refuse this event"
        )


def _lead_us(p: Period) -> int:
    """A period of (working) hours or minutes in µs."""
    return (_CLOCK.get(p.unit) or _WORK[p.unit]) * p.amount // _ONE_US


def _at_risk_rows(
    cal: WorkCalendar,
    conv: Convention,
    c: Clause,
    limit: Period,
    rows: Mask,
    start: I64,
    due: I64,
    last: I64,
    now_us: int,
    now: dt.datetime,
) -> Mask:
    """``clock._at_risk`` for the running ``rows`` counted against ``limit`` (other rows: False)."""
    from slaclock._rules.engine import ColumnRun, Starts

    unit = limit.unit
    # the whole limit in its measure, as clock._total: µs of (working) time, or days / workdays (months below)
    total: int | I64 = 0
    if _timed(unit):
        total = _lead_us(limit)
    elif unit not in (Unit.MONTH, Unit.YEAR):
        days = _total(limit)
        assert isinstance(days, int)
        total = days
    risk = np.zeros(rows.size, dtype=bool)
    today = (now.astimezone(day_table(cal).zone).date() - dt.date(1970, 1, 1)).days
    if c.warn_at is not None:
        if unit in _CLOCK:
            used = np.minimum(np.maximum(now_us - start, 0), total)
        elif _timed(unit):
            a = np.where(rows, start, now_us).view("datetime64[us]")
            used = cal.working_time_between(a, np.datetime64(now_us, "us"), utc=True).view(np.int64)
            used = np.minimum(np.maximum(used, 0), total)
        else:
            s = Starts.of(cal, np.where(rows, start, now_us).view("datetime64[us]"), True)
            day0 = ColumnRun(cal, conv, s).deemed()
            if unit in (Unit.MONTH, Unit.YEAR):
                total = np.maximum(last - day0, 1)
            if unit is Unit.WORKDAY:
                after = np.minimum(day0 + 1, today)
                done = np.where(
                    today > day0, cal.workdays_between(after.view("datetime64[D]"), np.datetime64(today, "D")), 0
                )
            else:
                done = np.where(today > day0, today - day0 - 1, 0)
            used = np.minimum(done, total - 1)
        share = 100.0 * (used / total) if _timed(unit) else 100.0 * used / total
        risk |= share >= 100.0 * c.warn_at
    w = c.warn_before
    if w is not None:
        if w.unit in _CLOCK:
            risk |= now_us >= due - _lead_us(w)
        elif _timed(w.unit):
            b = np.where(rows, due, now_us).view("datetime64[us]")
            left = cal.working_time_between(np.datetime64(now_us, "us"), b, utc=True).view(np.int64)
            risk |= left <= _lead_us(w)
        elif w.unit is Unit.WORKDAY:
            end = np.where(rows, last + 1, today).view("datetime64[D]")
            risk |= cal.workdays_between(np.datetime64(today, "D"), end) <= w.amount
        elif w.unit in (Unit.DAY, Unit.WEEK):
            risk |= last - today + 1 <= w.amount * (7 if w.unit is Unit.WEEK else 1)
        else:
            risk |= _month_leads(cal, rows, due, w, now)
    return risk & rows


def _month_leads(cal: WorkCalendar, rows: Mask, due: I64, w: Period, now: dt.datetime) -> Mask:
    """``now >= due - w`` for a lead in months or years, row by row (pendulum's month arithmetic)."""
    import pendulum

    months = w.amount * (12 if w.unit is Unit.YEAR else 1)
    out = np.zeros(rows.size, dtype=bool)
    epoch = pendulum.datetime(1970, 1, 1, tz="UTC")
    for i in np.flatnonzero(rows):
        d = epoch.add(microseconds=int(due[i])).in_timezone(cal.tz)
        out[i] = now >= d.subtract(months=months)
    return out
