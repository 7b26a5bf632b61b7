"""``Contract.evaluate(..., calendar=<column>, calendars={...})``: each row counted on its own calendar.

A queue serving customers on several calendars (mainland and Hong Kong clients of
one BPO) keeps one events table, with a column naming each row's calendar. The
rows are grouped by that key; each group is a row subset of the caller's table,
evaluated by the one-calendar path (:mod:`slaclock._contracts.evaluate`) on its
calendar, and the result columns are scattered back in the original row order.

Maintainer's notes
------------------
* **One path.** A group is evaluated exactly as a one-calendar call on those rows
  would be (the tests hold every row to ``Case.status`` on its calendar): naive
  event instants, and a naive ``now``, are wall times in the group's calendar's zone.
* **Pauses** (``row`` positions in the whole table) go to their row's group, renumbered
  to positions in the group; every group gets its share, possibly empty, so the
  checks of the pauses table run whatever the grouping.
* **Errors** name rows of the whole table: the group's positions in a message
  (``row 3``, ``pauses row 0``) are translated back, and the message says which
  calendar's rows it is about (its counts are of those rows).
* **Output zone.** Tables (pandas, polars, pyarrow) give aware due instants: in the
  calendars' zone if they share one, else in UTC. A mapping gives naive wall times,
  each row in its own calendar's zone, as its naive inputs were read.
* **Provisional rows.** The groups run inside one ``reading()`` block; one
  ``ProvisionalWarning`` counts the provisional rows of the whole call.
* **Long tables** (more than two ``assembly.BLOCK`` rows) go a block of rows at a
  time (:func:`_in_blocks`, through :func:`.assembly.in_blocks`): in each block, each
  calendar's rows as above, with their share of the pauses and of the log, read once,
  whole (:class:`_ReadLog`). The memory is the result and a few blocks, where whole
  groups held whole-column temporaries (a help desk at 10M tickets: 1.46x its 1M
  time per ticket, now 1.02-1.25x). A refusal is said by the whole way (:func:`_by_groups`),
  so its words, counts and rows do not depend on the blocks.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, final

import numpy as np
import numpy.typing as npt

from slaclock._base import dataframes as _frames
from slaclock._base import warn as _provisional
from slaclock._base.show import brief
from slaclock._contracts import assembly, outputs
from slaclock._contracts.calendar_record import _horizon_hint
from slaclock._contracts.evaluate import _chosen, _evaluate, _now_us, _Result
from slaclock._contracts.events import _listed
from slaclock._contracts.pauses import _Pauses
from slaclock._contracts.report import Counts, kept_columns
from slaclock._contracts.tables import (
    Output,
    _Counts,
    _Days,
    _Durations,
    _Flags,
    _instant_column,
    _Instants,
    _Labels,
    _log_rows,
    _States,
    _Table,
    _to_numpy,
    case_order,
    columns_of,
    event_codes,
)
from slaclock._contracts.tables import _Log as _EventLog
from slaclock._days.index import NAT_INT
from slaclock._rules.rowcalendars import RowCalendars, check_calendars, key_codes
from slaclock.errors import CalendarHorizonError, InvalidInputError, SlaclockError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.calendar_spec import CalendarLike
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.contract import Contract

__all__ = ["evaluate_by_calendar", "take"]

I64 = npt.NDArray[np.int64]
_ROW = re.compile(r"\b(pauses )?row (\d+)\b")


def evaluate_by_calendar(
    contract: Contract,
    events: Any,
    *,
    now: Any,
    clauses: Sequence[str] | None,
    pauses: Any,
    ignore_pauses: bool,
    column: object,
    calendars: Mapping[str, CalendarLike],
    log: Any = None,
    key: str | None = None,
    keep: Sequence[str] = (),
    states: Literal["text", "codes"] = "text",
    fields: Sequence[str] | None = None,
    days: Literal["dates", "date32"] = "dates",
) -> Any:
    """See :meth:`slaclock.Contract.evaluate`: ``column`` names the events' column of calendar keys."""
    wanted = Output.of(states, fields, days)
    if type(ignore_pauses) is not bool:
        raise InvalidInputError(f"ignore_pauses must be True or False; got {brief(ignore_pauses)}")
    if not isinstance(column, str):
        raise InvalidInputError(
            "with calendars=, calendar= names the events' column that holds each row's calendar key "
            f"(e.g. calendar='region'); got {type(column).__name__} {brief(column)}"
        )
    keys, cals = check_calendars(calendars, contract.calendar_for)
    table = _Table.of(events)
    outputs.check_form(table, wanted)
    if column not in table.names:
        raise InvalidInputError(
            f"no column {brief(column)} (the calendar of each row); the table's columns: "
            f"{_listed(brief(n) for n in table.names)}"
        )
    rows = RowCalendars(keys, cals, key_codes(_keys(table.column(column)), (table.rows,), keys, f"column {column!r}"))
    chosen = _chosen(contract, clauses, ignore_pauses or pauses is not None)
    ask = _Asked(contract, chosen, now, pauses, log, key, wanted)
    if table.rows > 2 * assembly.BLOCK:
        out, flagged, regions = _in_blocks(ask, table, rows)
        owned = True
    else:
        out, flagged, regions = _by_groups(ask, table, rows)
        owned = False
    _warn(flagged, regions, rows, table.rows)
    out = {**kept_columns(table.names, table.column, keep, list(out)), **out}  # the kept columns first
    return _zoned(table, out, rows, wanted, owned)


@final
@dataclass(frozen=True, slots=True)
class _Asked:
    """What the call asks of every group of rows: the contract, its clauses followed, now, the pauses and the log
    (as given) and the result's form."""

    contract: Contract
    chosen: list[Clause]
    now: Any
    pauses: Any
    log: Any
    key: str | None
    wanted: Output


Found = tuple[dict[str, Any], dict[str, int], set[int]]
"""The result columns by name, the provisional rows of each clause, and the calendars (indices) that had some."""


def _by_groups(ask: _Asked, table: _Table, rows: RowCalendars) -> Found:
    """Each calendar's rows evaluated whole, on their calendar, and scattered back (a short table; and what a long
    one's refusal is said as: the counts and first row of the calendar's rows in the whole table)."""
    keys, cals = rows.keys, rows.calendars
    routes = _Routes.of(ask.pauses, table.rows, rows, cals[0])
    logged = None if ask.log is None else _LogRoutes.of(ask.log, table, ask.key)
    full: dict[str, _Result] = {}
    with _provisional.reading():  # the groups' warnings are collected: one warning below, for the whole call
        # no rows: the first calendar's empty group, so that the columns are checked as without calendars
        for j, mine in rows.groups() or [(0, np.zeros(0, dtype=np.int64))]:
            sub_pauses, pause_rows = routes.of_group(j, mine)
            try:
                sub_log = None if logged is None else logged.of_group(mine)
                _, results = _evaluate(
                    ask.contract, cals[j], ask.chosen, take(table, mine), ask.now, sub_pauses, sub_log
                )
            except SlaclockError as exc:
                raise _translated(exc, keys[j], cals[j], mine, pause_rows) from None
            for name, r in results.items():
                if name not in full:
                    full[name] = _empty(r, table.rows)
                _scatter(full[name], r, mine)
    flagged = {name: int(r.provisional.flags.sum()) for name, r in full.items()}
    anywhere = np.zeros(table.rows, dtype=bool)
    for r in full.values():
        anywhere |= r.provisional.flags
    regions = {int(j) for j in np.unique(rows.codes[anywhere])} if anywhere.any() else set()
    return ask.wanted.chosen(columns_of(full)), flagged, regions


def _in_blocks(ask: _Asked, table: _Table, rows: RowCalendars) -> Found:
    """:func:`_by_groups` for a long table, a block of rows at a time (:func:`.assembly.in_blocks`): in each block,
    each calendar's rows evaluated on their calendar and put back in the block's order, and the block's columns
    written into the result. The pauses and the log are read once, whole (a naive instant in the zone of its
    case's calendar); each block's rows of each calendar get their share. A mapping's instants are made wall times
    in the block, each row in its calendar's zone. A refusal is said as :func:`_by_groups` says it."""
    cals = rows.calendars
    routes = _Routes.of(ask.pauses, table.rows, rows, cals[0])
    by_row = np.argsort(routes.row, kind="stable")  # the pauses in the order of their rows
    pause_row = routes.row[by_row]
    logged = None if ask.log is None else _LogRoutes.of(ask.log, table, ask.key)

    def whole() -> None:
        _by_groups(ask, table, rows)  # raises the refusal as the whole table gives it

    try:
        read = None if logged is None else _ReadLog.of(logged, rows, ask.contract.event_names, ask.now)
    except SlaclockError as exc:
        whole()
        raise exc from None  # pragma: no cover - the whole table takes what reading the log refused
    regions: set[int] = set()
    walls = table.lib is None

    def run(part: _Table, lo: int, hi: int) -> Callable[[assembly.Sink], dict[str, int]]:
        codes = rows.codes[lo:hi]
        a, b = (int(i) for i in np.searchsorted(pause_row, (lo, hi)))
        paused = by_row[a:b]
        shares = []
        for j in range(len(cals)):
            mine = np.flatnonzero(codes == j)
            if not mine.size:
                continue
            position = np.full(hi - lo, -1, dtype=np.int64)  # a row of the block: its place among the group's
            position[mine] = np.arange(mine.size)
            sub_pauses = None
            if routes.table is not None:  # every group its share, possibly empty: the table's checks run
                at = np.sort(paused[routes.group[paused] == j])
                sub_pauses = _with_rows(routes.table, at, position[routes.row[at] - lo])
            sub_log = None if read is None else read.share(lo, hi, j, position)
            shares.append((j, mine, take(part, mine), sub_pauses, sub_log))
        return functools.partial(block, shares, hi - lo)

    def block(shares: list[tuple[int, I64, Any, Any, Any]], n: int, sink: assembly.Sink) -> dict[str, int]:
        full: dict[str, _Result] = {}
        for j, mine, sub, sub_pauses, sub_log in shares:
            _, results = _evaluate(
                ask.contract, cals[j], ask.chosen, sub, ask.now, sub_pauses, sub_log, timed=ask.wanted.timed
            )
            for name, r in results.items():
                if name not in full:
                    full[name] = r if len(shares) == 1 else _empty(r, n)
                if len(shares) > 1:
                    _scatter(full[name], r, mine)
                if r.provisional.flags.any():
                    regions.add(j)
        out = ask.wanted.chosen(columns_of(full))
        if walls:
            groups = [(cals[j], mine) for j, mine, *_ in shares]
            out = {k: _walls(v.us, groups) if isinstance(v, _Instants) else v for k, v in out.items()}
        sink(out)
        return {name: int(r.provisional.flags.sum()) for name, r in full.items()}

    with _provisional.reading():  # the blocks' warnings are collected: one warning, for the whole call
        out, flagged = assembly.in_blocks(table, cals[0], run, ask.wanted, whole)
    return out, flagged, regions


def _walls(us: I64, groups: list[tuple[WorkCalendar, I64]]) -> npt.NDArray[np.datetime64]:
    """UTC instants of a block (NAT_INT kept) as wall times, each group's rows in its calendar's zone."""
    if len(groups) == 1:
        return _to_numpy(_Instants(us), groups[0][0])
    wall = np.empty(us.size, dtype=np.int64)
    for cal, mine in groups:
        wall[mine] = _to_numpy(_Instants(us[mine]), cal).view(np.int64)
    return wall.view("datetime64[us]")


def _keys(col: Any) -> Any:
    """A column of keys as :func:`key_codes` reads it: a dataframe's column as it is (its library matches the keys),
    others as a flat numpy array."""
    return col if _frames.foreign(col) else np.asarray(col).reshape(-1)


def _values(col: Any) -> Any:
    """A column of keys as a flat numpy array."""
    if _frames.foreign(col):
        return np.asarray(_frames._numpy(col, _frames._lib(col))).reshape(-1)
    return np.asarray(col).reshape(-1)


# -- row subsets ------------------------------------------------------------------------------------


def take(table: _Table, rows: I64) -> Any:
    """The rows ``rows`` (positions) of the caller's table, in its own kind (a mapping: a dict of columns)."""
    if table.lib == "pandas":
        return table.obj.iloc[rows]
    if table.lib == "polars":
        return table.obj[rows]
    if table.lib == "pyarrow":
        return table.obj.take(sys.modules["pyarrow"].array(rows))
    return {name: _take_column(table.obj[name], rows) for name in table.names}


def _take_column(col: Any, rows: I64) -> Any:
    if _frames.foreign(col):
        lib = _frames._lib(col)
        if lib == "pandas":
            return col.iloc[rows]
        if lib == "polars":
            return col.gather(rows)
        return col.take(sys.modules["pyarrow"].array(rows))
    return np.asarray(col).reshape(-1)[rows]


def _with_rows(table: _Table, positions: I64, renumbered: I64) -> Any:
    """The pauses at ``positions``, their ``row`` column set to ``renumbered``."""
    sub = take(table, positions)
    if table.lib == "pandas":
        return sub.assign(row=renumbered)
    if table.lib == "polars":
        return sub.with_columns(sys.modules["polars"].Series("row", renumbered))
    if table.lib == "pyarrow":
        return sub.set_column(sub.column_names.index("row"), "row", sys.modules["pyarrow"].array(renumbered))
    return {**sub, "row": renumbered}


class _LogRoutes:
    """The log split by the calendar of the case each occurrence belongs to (its rows renumbered per group)."""

    def __init__(self, table: _Table, case_row: I64) -> None:
        self.table, self.case_row = table, case_row

    @classmethod
    def of(cls, log: Any, events: _Table, key: str | None) -> _LogRoutes:
        t = _Table.of(log, "log")
        where = "row" if key is None else key
        for name in (where, "event", "at"):
            if name not in t.names:
                raise InvalidInputError(
                    f"the log needs a column {brief(name)}: one row per occurrence with {brief(where)}, 'event' and "
                    f"'at'; got {_listed(brief(n) for n in t.names)}"
                )
        return cls(t, _log_rows(t, events, key))

    def of_group(self, mine: I64) -> dict[str, Any]:
        """The occurrences of the cases at positions ``mine``, with ``row`` their positions in the group."""
        where = np.full(int(max(self.case_row.max(initial=-1), mine.max(initial=-1))) + 1, -1, dtype=np.int64)
        where[mine] = np.arange(mine.size)
        renumbered = where[self.case_row] if self.case_row.size else self.case_row
        sel = np.flatnonzero(renumbered >= 0)
        return {
            "row": renumbered[sel],
            "event": _take_column(self.table.column("event"), sel),
            "at": _take_column(self.table.column("at"), sel),
        }


@final
@dataclass(frozen=True, slots=True)
class _ReadLog:
    """A long table's log read once: each occurrence's case row, its calendar, its instant (UTC µs; a naive one
    read in the zone of its case's calendar) and its event (``code`` indexes ``names``), sorted by case row, then
    instant, then the log's order, as each calendar's share of it would be (:class:`~.tables._Log`)."""

    row: I64
    group: npt.NDArray[np.int16]
    at: I64
    code: npt.NDArray[np.int16]
    names: tuple[str, ...]

    @classmethod
    def of(cls, routes: _LogRoutes, rows: RowCalendars, names: tuple[str, ...], now: Any) -> _ReadLog:
        """Raises (a SlaclockError, in words of its own) what reading a calendar's share would: an occurrence
        without an instant, after now, or naming no event of the contract; an instant of the wrong kind."""
        t, row = routes.table, routes.case_row
        group = rows.codes[row]
        code, _ = event_codes(t.column("event"), names)
        if (code < 0).any():
            raise InvalidInputError("the log names an event that is not the contract's")
        at = np.empty(row.size, dtype=np.int64)
        for j, cal in enumerate(rows.calendars):
            sel = np.flatnonzero(group == j)
            if sel.size:
                mine = _instant_column(cal, _take_column(t.column("at"), sel), "at")
                if (mine == NAT_INT).any() or (mine > _now_us(cal, now)).any():
                    raise InvalidInputError("the log has an occurrence without its instant, or after now")
                at[sel] = mine
        order = case_order(row, at)  # as each calendar's share would be sorted
        if order is not None:
            row, group, at, code = row[order], group[order], at[order], code[order]
        return cls(row, group, at, code, names)

    def share(self, lo: int, hi: int, j: int, position: I64) -> _EventLog:
        """The occurrences of the rows ``lo``..``hi`` (exclusive) on calendar ``j``, ``row`` their ``position``
        (a row of the block's place among the block's rows on that calendar)."""
        a, b = (int(i) for i in np.searchsorted(self.row, (lo, hi)))
        hit = self.group[a:b] == j
        return _EventLog(position[self.row[a:b][hit] - lo], self.at[a:b][hit], self.code[a:b][hit], self.names)


class _Routes:
    """The pauses table split by the calendar of the row each pause belongs to."""

    def __init__(self, table: _Table | None, row: I64, group: I64, size: int) -> None:
        self.table, self.row, self.group, self.size = table, row, group, size

    @classmethod
    def of(cls, pauses: Any, size: int, rows: RowCalendars, cal: WorkCalendar) -> _Routes:
        none = np.zeros(0, dtype=np.int64)
        if pauses is None:
            return cls(None, none, none, size)
        t = _Table.of(pauses, "pauses")
        row = None
        if "row" in t.names:
            at = _values(t.column("row"))
            if not at.size or at.dtype.kind in "iu":
                row = at.astype(np.int64)
        if row is None or ((row < 0) | (row >= size)).any():
            _Pauses.of(cal, pauses, size, 0)  # raises, naming what is wrong with the table, before reading instants
            raise InvalidInputError("pauses: a 'row' column of positions of the events' rows is needed")
        return cls(t, row, rows.codes[row].astype(np.int64), size)

    def of_group(self, j: int, mine: I64) -> tuple[Any, I64]:
        """The group's pauses (rows renumbered to positions in the group) and their positions in the whole."""
        if self.table is None:
            return None, np.zeros(0, dtype=np.int64)
        at = np.flatnonzero(self.group == j)
        position = np.full(self.size, -1, dtype=np.int64)
        position[mine] = np.arange(mine.size)
        return _with_rows(self.table, at, position[self.row[at]]), at


# -- the results ------------------------------------------------------------------------------------


def _empty(like: _Result, n: int) -> _Result:
    """Columns of ``n`` rows of the kinds ``like`` has (a clause's took may be a count or a duration)."""
    return _Result(
        _States(np.zeros(n, dtype=np.int8)),
        _Instants(np.full(n, NAT_INT, dtype=np.int64)),
        _Days(np.full(n, NAT_INT, dtype=np.int64)),
        _Durations(np.full(n, NAT_INT, dtype=np.int64)),
        _Flags(np.zeros(n, dtype=bool)),
        None if like.start is None else _Instants(np.full(n, NAT_INT, dtype=np.int64)),
        None
        if like.took is None
        else (
            Counts(np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool))
            if isinstance(like.took, Counts)
            else _Durations(np.full(n, NAT_INT, dtype=np.int64))
        ),
        {
            name: _Counts(np.zeros(n, dtype=np.int64)) if isinstance(v, _Counts) else _Flags(np.zeros(n, dtype=bool))
            for name, v in like.extra.items()
        },
        {
            name: _Labels(np.full(n, -1, dtype=np.int8), v.labels)
            if isinstance(v, _Labels)
            else _Instants(np.full(n, NAT_INT, dtype=np.int64))
            for name, v in like.ladder.items()
        },
    )


def _scatter(full: _Result, part: _Result, mine: I64) -> None:
    full.state.codes[mine] = part.state.codes
    full.due.us[mine] = part.due.us
    full.last_day.days[mine] = part.last_day.days
    full.overdue_by.us[mine] = part.overdue_by.us
    full.provisional.flags[mine] = part.provisional.flags
    if full.start is not None and part.start is not None:
        full.start.us[mine] = part.start.us
    if isinstance(full.took, Counts) and isinstance(part.took, Counts):
        full.took.values[mine] = part.took.values
        full.took.missing[mine] = part.took.missing
    elif isinstance(full.took, _Durations) and isinstance(part.took, _Durations):
        full.took.us[mine] = part.took.us
    for name, v in part.ladder.items():
        into = full.ladder[name]
        if isinstance(into, _Labels) and isinstance(v, _Labels):
            into.codes[mine] = v.codes
        elif isinstance(into, _Instants) and isinstance(v, _Instants):
            into.us[mine] = v.us
    for name, v in part.extra.items():
        into = full.extra[name]
        if isinstance(into, _Counts) and isinstance(v, _Counts):
            into.counts[mine] = v.counts
        elif isinstance(into, _Flags) and isinstance(v, _Flags):
            into.flags[mine] = v.flags


def _warn(flagged: dict[str, int], regions: set[int], rows: RowCalendars, n: int) -> None:
    """One ProvisionalWarning for the call: how many rows of each clause, on which calendars' projected days."""
    if not any(flagged.values()):
        return
    counts = ", ".join(f"{k:,} of {n:,} rows of {brief(name)}" for name, k in flagged.items() if k)
    read = "; ".join(
        _provisional.past_official(region, until)
        for region, until in sorted({(rows.calendars[j].region, rows.calendars[j].official_until) for j in regions})
    )
    _provisional.warn(
        f"evaluate: {counts} counted on {read}. Provisional (the <clause>.provisional columns), until the "
        "arrangement is published"
    )


def _zoned(table: _Table, out: dict[str, Any], rows: RowCalendars, form: Output, owned: bool) -> Any:
    """The result in the caller's kind; instants in the calendars' common zone, else UTC (a mapping: wall times,
    made here from UTC, or already); ``owned``: every array of ``out`` is its own (:func:`.outputs.wrap`)."""
    first = rows.calendars[0]
    instants = [k for k, v in out.items() if isinstance(v, _Instants)]
    utc = {k: out[k].us for k in instants} if table.lib is None else {}  # wrap empties a table's out
    result = outputs.wrap(table, out, first, form, owned)
    if table.lib is None:
        for k, us in utc.items():
            live = us != NAT_INT
            wall = us.copy()
            wall[live] = rows.convert(us, live, to_utc=False)
            result[k] = wall.view("datetime64[us]")
        return result
    if rows.shared_zone() is not None or not instants:
        return result
    if table.lib == "pandas":
        for k in instants:
            result[k] = result[k].dt.tz_convert("UTC")
        return result
    if table.lib == "polars":
        pl = sys.modules["polars"]
        return result.with_columns([pl.col(k).dt.convert_time_zone("UTC") for k in instants])
    pa = sys.modules["pyarrow"]
    for k in instants:
        i = result.column_names.index(k)
        result = result.set_column(i, k, result.column(k).cast(pa.timestamp("us", tz="UTC")))
    return result


def _translated(exc: SlaclockError, key: str, cal: WorkCalendar, mine: I64, pause_rows: I64) -> SlaclockError:
    """``exc`` from one calendar's rows, with row positions of the whole events (and pauses) tables."""
    if isinstance(exc, CalendarHorizonError):
        exc = _horizon_hint(exc, cal, f"calendars={{{key!r}: cal, ...}}")

    def whole(m: re.Match[str]) -> str:
        i = int(m.group(2))
        if m.group(1):
            return f"pauses row {int(pause_rows[i])}" if i < pause_rows.size else m.group(0)
        return f"row {int(mine[i])}" if i < mine.size else m.group(0)

    text = _ROW.sub(whole, str(exc))
    return type(exc)(f"calendar {brief(key)} ({mine.size:,} rows): {text}")
