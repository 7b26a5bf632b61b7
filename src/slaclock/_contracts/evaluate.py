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
* **What is followed.** Every clause of the contract by default (``clauses=None``),
  or those named. Deadline and threshold clauses here, with the column engine;
  monthly, notice and window clauses in :mod:`.evaluate_kinds` (one scalar
  computation per distinct day, numpy on the rows). A clause whose event has no
  column is an error naming the clause, the column and how to leave the clause
  out (never a silent skip). What a case reports as not supported (a window of
  hours) is refused by name.
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
  after it. With only ``warn_at`` / ``warn_before``, ``ladder.at_risk_rows`` repeats
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
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal, final

import numpy as np
import numpy.typing as npt

from slaclock._base import warn as _provisional
from slaclock._base.instants import from_utc_us
from slaclock._base.select import fill, select
from slaclock._base.show import brief
from slaclock._calendar import day_table
from slaclock._contracts import assembly, outputs
from slaclock._contracts import evaluate_kinds as kinds
from slaclock._contracts.calendar_record import _horizon_hint, _past
from slaclock._contracts.case import _Log
from slaclock._contracts.clock import _threshold_convention
from slaclock._contracts.cycles import CLOSED_MET, CLOSED_STOP, MET, OPEN, START, STOP, cycles
from slaclock._contracts.events import CaseEvent, _listed
from slaclock._contracts.ladder import at_risk_rows, label, ladder, ladder_columns
from slaclock._contracts.pauses import _Pauses
from slaclock._contracts.report import Counts, kept_columns, start_and_took
from slaclock._contracts.tables import (
    I64,
    STATES,
    Mask,
    Output,
    _Counts,
    _Days,
    _Durations,
    _epoch_us,
    _Flags,
    _instant_column,
    _Instants,
    _iso,
    _Labels,
    _States,
    _Table,
    _typed_attribute_column,
    columns_of,
    whole_numbers,
)
from slaclock._contracts.tables import _Log as _EventLog
from slaclock._days.index import NAT_INT
from slaclock._periods.period import Period
from slaclock.errors import CalendarHorizonError, ContractError, InvalidInputError, SlaclockError

if TYPE_CHECKING:
    from pendulum import DateTime

    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.calendar_spec import CalendarLike
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.contract import Contract
    from slaclock._periods.convention import Convention

__all__ = ["STATES", "evaluate"]

_CODE: Final = {state: i for i, state in enumerate(STATES)}
_ONE_US: Final = dt.timedelta(microseconds=1)
_KINDS: Final = {"monthly": kinds.monthly_columns, "notice": kinds.notice_columns, "window": kinds.window_columns}
_KIND_CODES: Final = np.array([STATES.index(s) for s in kinds.KIND_STATES], dtype=np.int8)


def evaluate(
    contract: Contract,
    events: Any,
    *,
    now: Any,
    clauses: Sequence[str] | None = None,
    pauses: Any = None,
    ignore_pauses: bool = False,
    calendar: CalendarLike | None = None,
    log: Any = None,
    key: str | None = None,
    keep: Sequence[str] = (),
    states: Literal["text", "codes"] = "text",
    fields: Sequence[str] | None = None,
    days: Literal["dates", "date32"] = "dates",
) -> Any:
    """See :meth:`slaclock.Contract.evaluate`."""
    wanted = Output.of(states, fields, days)
    if key is not None and (not isinstance(key, str) or log is None):
        raise InvalidInputError(
            f"key names the column that identifies a case in both the events table and the log; got {brief(key)}"
            + ("" if log is not None else " without a log")
        )
    if type(ignore_pauses) is not bool:
        raise InvalidInputError(f"ignore_pauses must be True or False; got {brief(ignore_pauses)}")
    cal = contract.calendar_for(calendar)
    chosen = _chosen(contract, clauses, ignore_pauses or pauses is not None)
    table = _Table.of(events)
    outputs.check_form(table, wanted)
    try:
        with _provisional.reading():  # the calendar's warnings are collected: one warning below, for the rows
            if table.rows > 2 * assembly.BLOCK:  # the pauses and the log read once, whole; each block gets its rows'
                now_us = _now_us(cal, now)
                stops = None if pauses is None else _Pauses.of(cal, pauses, table.rows, now_us)
                logged = None if log is None else _EventLog.of(cal, log, table, key, contract.event_names, now_us)

                def run(part: _Table, lo: int, hi: int) -> Callable[[assembly.Sink], dict[str, int]]:
                    mine = None if stops is None else stops.block(lo, hi)
                    share = None if logged is None else logged.block(lo, hi)
                    return functools.partial(_streamed, wanted, contract, cal, chosen, part, now, mine, share)

                out, flagged = assembly.in_blocks(table, cal, run, wanted, longer=log is None and pauses is None)
                owned = True  # the result's own arrays, made by the assembly
            else:
                out, flagged = _flagged(wanted, contract, cal, chosen, table, now, pauses, log, key)
                owned = False  # the engine's arrays, not checked to be each column's own
    except CalendarHorizonError as exc:
        raise _horizon_hint(exc, cal, "contract.evaluate(..., calendar=cal)") from None
    if any(flagged.values()):
        counts = ", ".join(f"{n:,} of {table.rows:,} rows of {brief(name)}" for name, n in flagged.items() if n)
        _provisional.warn(
            f"evaluate: {counts} counted on {_past(cal)}. Provisional (the <clause>.provisional columns), until the "
            "arrangement is published"
        )
    out = {**kept_columns(table.names, table.column, keep, list(out)), **out}  # the kept columns first
    return outputs.wrap(table, out, cal, wanted, owned)


def _flagged(
    wanted: Output, contract: Contract, cal: WorkCalendar, chosen: list[Clause], table: _Table, now: Any, *more: Any
) -> tuple[dict[str, Any], dict[str, int]]:
    """The result columns asked for, by name (``<clause>.<field>``), and the provisional rows of each clause."""
    _, results = _evaluate(contract, cal, chosen, table, now, *more, timed=wanted.timed)
    return wanted.chosen(columns_of(results)), {name: int(r.provisional.flags.sum()) for name, r in results.items()}


def _streamed(
    wanted: Output,
    contract: Contract,
    cal: WorkCalendar,
    chosen: list[Clause],
    table: _Table,
    now: Any,
    pauses: _Pauses | None,
    log: _EventLog | None,
    sink: assembly.Sink,
) -> dict[str, int]:
    """:func:`_flagged` for a block of a long table: each clause's columns handed to ``sink`` as soon as they are
    final (as it is evaluated; after the replay when some rows are paused), so a block holds one clause's
    results at a time, not every clause's; returns the provisional rows of each clause."""
    flagged: dict[str, int] = {}

    def each(name: str, r: _Result) -> None:
        flagged[name] = int(r.provisional.flags.sum())
        sink(wanted.chosen(columns_of({name: r})))

    _evaluate(contract, cal, chosen, table, now, pauses, log, timed=wanted.timed, each=each)
    return flagged


def _evaluate(
    contract: Contract,
    cal: WorkCalendar,
    chosen: list[Clause],
    events: Any,
    now: Any,
    pauses: Any = None,
    log: Any = None,
    key: str | None = None,
    *,
    timed: bool = True,
    each: Callable[[str, _Result], None] | None = None,
) -> tuple[_Table, dict[str, _Result]]:
    """Every chosen clause on every row of ``events``; ``timed=False`` leaves out each deadline's ``start`` and
    ``took`` (a count per row: a quarter of a workday clause's time), for a caller that did not ask for them.

    ``each``: called with each clause's result once it is final, in the clauses' order, instead of keeping it in
    the results returned (which are then empty): right after the clause without pauses, after the replay of the
    paused rows with them."""
    table = events if isinstance(events, _Table) else _Table.of(events)
    instant = _now(cal, now)
    now_us = _epoch_us(instant)
    occurrences = log  # read already (a block's share of a long table's log), or None
    if log is not None and not isinstance(log, _EventLog):
        occurrences = _EventLog.of(cal, log, table, key, contract.event_names, now_us)
    cols = _Columns(cal, table, now_us, occurrences, contract.repeated_events)
    stops = pauses if pauses is None or isinstance(pauses, _Pauses) else _Pauses.of(cal, pauses, table.rows, now_us)
    skip = np.zeros(table.rows, dtype=bool) if stops is None else stops.mask
    results: dict[str, _Result] = {}
    kinds.check_columns(contract, chosen, table.names if occurrences is None else contract.event_names)
    for c in chosen:
        conv = contract.convention if c.kind != "threshold" else _threshold_convention(contract.convention)
        if c.kind in _KINDS:  # monthly, notice and window clauses: evaluate_kinds
            results[c.name] = _kind_result(_KINDS[c.kind](cal, contract.convention, c, cols, now_us, instant, skip))
        elif c.kind == "recurring":
            results[c.name] = _recurring_columns(cal, conv, c, cols, now_us, instant)
        else:
            results[c.name] = _clause_columns(cal, conv, c, cols, now_us, instant, skip, timed)
        if each is not None and stops is None:  # in the clauses' order, whatever their kinds
            each(c.name, results.pop(c.name))
    if occurrences is not None:
        _refuse_before_receipt(cal, cols, occurrences, _receipts(contract))
    if stops is not None:
        _replay_paused_rows(contract, cal, chosen, cols, stops, instant, results)
    if each is not None:
        for name in list(results):
            each(name, results.pop(name))
    return table, results


def _now(cal: WorkCalendar, now: Any) -> DateTime:
    from slaclock._rules.deadline import read_instant

    instant = read_instant(cal, now, "now")
    if instant is None:
        raise InvalidInputError(f"now must be an instant (a datetime or ISO date-time), not the date {brief(now)}")
    return instant


def _now_us(cal: WorkCalendar, now: Any) -> int:
    return _epoch_us(_now(cal, now))


def _receipts(contract: Contract) -> frozenset[str]:
    """The events that may open a case: those that start a clause's clock ("received", a customer's message), not
    a notice's anchor, and that no clause is met by (the contract's ``events``)."""
    return frozenset(c.starts_on for c in contract.clauses if c.kind != "notice") & frozenset(contract.events)


def _refuse_before_receipt(cal: WorkCalendar, cols: _Columns, log: _EventLog, receipts: frozenset[str]) -> None:
    """A log occurrence before its case's receipt is refused, as a case refuses it.

    The receipt is the case's first event of those that may open one (:func:`_receipts`) in the table, or, where
    the table has none for the case, in the log: a repeated receipt (a periodic clause's start) is logged, and the
    events the table holds after it (a reply) are no receipt. Nothing is refused for a case with none."""
    late = np.iinfo(np.int64).max
    first = np.full(cols.table.rows, late, dtype=np.int64)
    for name, col in cols.events():
        if name not in cols.from_log and name in receipts:
            np.minimum(first, np.where(col == NAT_INT, late, col), out=first)
    opening = np.isin(log.code, [i for i, n in enumerate(log.names) if n in receipts])
    opening &= first[log.row] == late  # a case whose receipt is not in the table: its first logged one
    if opening.any():
        np.minimum.at(first, log.row[opening], log.at[opening])
    if log.row.size == 0 or int(first.min(initial=late)) == late:
        return
    bad = log.at < first[log.row]
    if bad.any():
        i = int(np.argmax(bad))
        raise InvalidInputError(
            f"the log: {int(bad.sum()):,} occurrences earlier than their case's receipt (its first "
            f"{' or '.join(sorted(receipts))}), the first of case row {int(log.row[i])} at {_iso(cal, int(log.at[i]))};"
            " a case records nothing before its receipt"
        )


# -- reading event columns ------------------------------------------------------------------------


@final
class _Columns:
    """Event columns read once each, as UTC µs; checked against ``now``."""

    def __init__(
        self,
        cal: WorkCalendar,
        table: _Table,
        now_us: int,
        log: _EventLog | None = None,
        repeated: tuple[str, ...] = (),
    ) -> None:
        self.cal, self.table, self.now_us, self.log, self.repeated = cal, table, now_us, log, repeated
        self._cache: dict[str, I64] = {}
        self._attributes: dict[str, npt.NDArray[Any]] = {}
        self.from_log: set[str] = set()

    def get(self, name: str, needed_by: str) -> I64:
        if name in self._cache:
            return self._cache[name]
        in_log = self.log is not None and name in self.log.names and self.log.of_event(name)[0].size > 0
        if in_log and name in self.table.names:
            raise InvalidInputError(
                f"event {brief(name)} is both a column of the events table and in the log; give each event in one"
            )
        if self.log is not None and name not in self.table.names:
            col = self.log.once(name, self.table.rows, name in self.repeated)
            us = np.full(self.table.rows, NAT_INT, dtype=np.int64) if col is None else col
            self._cache[name] = us
            self.from_log.add(name)
            return us
        if name not in self.table.names:
            have = _listed(brief(n) for n in self.table.names)
            raise InvalidInputError(
                f"no column {brief(name)}, the event {needed_by}; the table's columns: {have}. Name a column after "
                "each event (NaT or None where it has not happened)"
            )
        us = _instant_column(self.cal, self.table.column(name), name)
        if us.size != self.table.rows:
            raise InvalidInputError(f"column {brief(name)} has {us.size} values for {self.table.rows} rows")
        if int(us.max(initial=NAT_INT)) > self.now_us:  # one reduction; the rows only for the message
            later = us > self.now_us
            i = int(np.argmax(later))
            raise InvalidInputError(
                f"column {brief(name)}: {int(later.sum()):,} events after now, the first at row {i} "
                f"({_iso(self.cal, int(us[i]))}); a status ignores no events, so now must be the latest"
            )
        self._cache[name] = us
        return us

    def has(self, name: str) -> bool:
        return name in self.table.names or (self.log is not None and self.log.of_event(name)[0].size > 0)

    def occurrences(self, name: str) -> tuple[I64, I64]:
        """Every occurrence of an event: (case rows, UTC µs), from its column and the log."""
        rows: list[I64] = []
        ats: list[I64] = []
        if name in self.table.names:
            col = self.get(name, "of a recurring clause")
            if name not in self.from_log:
                hit = np.flatnonzero(col != NAT_INT)
                rows.append(hit.astype(np.int64))
                ats.append(col[hit])
        if self.log is not None and name in self.log.names:
            r, at = self.log.of_event(name)
            rows.append(r)
            ats.append(at)
        if not rows:
            raise InvalidInputError(
                f"no column {brief(name)} and no log: the events of a recurring clause come from a column named "
                "after the event (one occurrence per case) or a log (log=, one row per occurrence)"
            )
        return np.concatenate(rows), np.concatenate(ats)

    def attribute(self, name: str) -> npt.NDArray[Any]:
        """An attribute column (priority, tier) that chooses target rows."""
        if name not in self._attributes:
            if name not in self.table.names:
                have = _listed(brief(n) for n in self.table.names)
                raise InvalidInputError(
                    f"no column {brief(name)}, the attribute a target table reads; the table's columns: {have}"
                )
            values, types = _typed_attribute_column(self.table.column(name), name)
            whole_numbers(values, types, name)
            if values.shape[0] != self.table.rows:
                raise InvalidInputError(f"column {brief(name)} has {values.shape[0]} values for {self.table.rows} rows")
            self._attributes[name] = values
        return self._attributes[name]

    def attributes_of(self, contract: Contract, row: int) -> tuple[tuple[str, Any], ...]:
        """One case's attributes as a case keeps them (text or whole numbers; a null is left out)."""
        out = []
        for name in contract.attributes:
            if name not in self.table.names:
                continue
            v = self.attribute(name)[row]
            v = v.item() if isinstance(v, np.generic) else v
            if isinstance(v, float) and v == v and v.is_integer():  # a column of numbers with nulls is float
                v = int(v)
            if isinstance(v, str | int) and not isinstance(v, bool):
                out.append((name, v))
        return tuple(sorted(out))

    def events(self) -> list[tuple[str, I64]]:
        """The event columns read so far (those the evaluated clauses use), by name."""
        return list(self._cache.items())


# -- pauses: the rows that have them are replayed as cases -------------------------------------------


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
    ends = {c.stops_on for c in chosen if c.stops_on is not None}
    first = np.searchsorted(stops.row, np.arange(len(stops.mask)), "left")
    last = np.searchsorted(stops.row, np.arange(len(stops.mask)), "right")
    logged = cols.log
    if logged is not None:
        log_first = np.searchsorted(logged.row, np.arange(len(stops.mask)), "left")
        log_last = np.searchsorted(logged.row, np.arange(len(stops.mask)), "right")

    def rank(name: str) -> int:
        return 0 if name in starts else (1 if name in extends else (4 if name in ends else 3))

    for r in np.flatnonzero(stops.mask):
        # (instant, rank, order, kind, name): at one instant a start comes first, then an extension notice,
        # then the pauses in their own order, then the rest, a recurring clause's stop last (as cycles.py)
        timeline: list[tuple[int, int, int, str, str]] = []
        for name, col in cols.events():
            us = int(col[r])
            if us != NAT_INT and name not in cols.from_log:
                timeline.append((us, rank(name), 0, "extend" if name in extends else "record", name))
        if logged is not None:
            for k in range(int(log_first[r]), int(log_last[r])):
                name = logged.names[int(logged.code[k])]
                kind = "extend" if name in extends else "record"
                timeline.append((int(logged.at[k]), rank(name), 1 + k, kind, name))
        for k in range(int(first[r]), int(last[r])):
            timeline.append((int(stops.start[k]), 2, 2 * k, "pause", stops.reason[k]))
            if stops.end[k] != NAT_INT:
                timeline.append((int(stops.end[k]), 2, 2 * k + 1, "resume", ""))
        timeline.sort()
        if not timeline or timeline[0][3] != "record":
            raise InvalidInputError(f"row {r}: a pause before any of the case's events")
        try:
            zone = day_table(cal).tzone()
            opened = [CaseEvent("record", timeline[0][4], from_utc_us(zone, timeline[0][0]))]
            log = _Log(contract, cal, opened, cols.attributes_of(contract, int(r)))
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
            if c.kind == "recurring":
                out.extra["cycles"].counts[r] = len(s.cycles)
                out.extra["met_cycles"].counts[r] = s.met_cycles
                out.extra["breached_cycles"].counts[r] = s.breached_cycles
                out.extra["ever_breached"].flags[r] = s.breached_cycles > 0
            _ladder_row(out, int(r), s)


# -- which clauses ----------------------------------------------------------------------------------


def _chosen(contract: Contract, names: Sequence[str] | None, ignore_pauses: bool) -> list[Clause]:
    if names is None:  # the whole contract
        chosen = list(contract.clauses)
    else:
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, Iterable) or isinstance(names, Mapping | bytes):
            raise InvalidInputError(
                f"clauses must be a clause name or a list of them; got {type(names).__name__} {brief(names)}"
            )
        chosen = [contract.clause(n) for n in names]
    for c in chosen:
        reason = kinds.refusal(c)
        if reason is not None:
            others = [k.name for k in chosen if k is not c]
            raise ContractError(f"{reason}; leave it out: clauses={others!r}")
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
    start: _Instants | None = None  # these two do not depend on pauses: the replay leaves them
    took: _Durations | Counts | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # a recurring clause's counts
    ladder: dict[str, Any] = field(default_factory=dict)  # warn.<label>: _Instants per rung, risk: _Labels


def _kind_result(k: kinds.KindColumns) -> _Result:
    codes = _KIND_CODES[k.codes]
    return _Result(_States(codes), _Instants(k.due), _Days(k.last_day), _Durations(k.overdue_by), _Flags(k.provisional))


def _clause_columns(
    cal: WorkCalendar,
    conv: Convention,
    c: Clause,
    cols: _Columns,
    now_us: int,
    now: dt.datetime,
    skip: Mask,
    timed: bool = True,
) -> _Result:
    """The clause on every row, without pauses; rows in ``skip`` (replayed as cases later) are not checked.
    Without ``timed``, no ``start`` and ``took``."""
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
    started = start != NAT_INT
    late = start > now_us  # a fixed date may lie after now: not started (events after now were refused)
    early = not late.any()  # every start at or before now: the starts are the column, NaT where not started
    if not early:
        started &= ~late
    has_done = done != NAT_INT
    if not _is_date(c.starts_on):
        # the words are made only for an error (made on every clause of every call, they cost a few µs a clause)
        _refuse(
            cal,
            has_done & ~started & ~skip,
            done,
            lambda: f"{brief(c.met_by)} happened but {brief(c.starts_on)} did not",
        )
        _refuse(
            cal,
            has_done & (done < start) & ~skip,
            done,
            lambda: f"{brief(c.met_by)} is earlier than {brief(c.starts_on)}",
        )

    starts = (start if early else select(started, start, NAT_INT)).view("datetime64[us]")
    groups = _target_groups(c, cols, None, n)
    due, last, provisional = _dues(cal, conv, starts, groups)
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
            # only the extended rows: another row's cap is no limit of its own (and may run past the data)
            extended = select(noted, starts.view(np.int64), NAT_INT).view("datetime64[us]")
            longer = deadlines(extended, ext.cap, calendar=cal, convention=conv, utc=True)
            due = np.where(noted, longer.due.view(np.int64), due)
            last = np.where(noted, longer.last_day.view(np.int64), last)
            provisional = np.where(noted, np.asarray(longer.provisional, dtype=bool).reshape(-1), provisional)

    until = select(has_done, done, now_us)
    breached = started & (until >= due)
    met = started & has_done & ~breached
    running = started & ~breached & ~met
    codes = running.view(np.int8) * np.int8(_CODE["running"])
    columns: dict[str, Any] = {}
    # the limit in force: the standard one (its target row's), or the extension's cap (its unit may differ)
    limits: list[tuple[Mask, Period | None]] = [(running & ~noted & mask, limit) for limit, mask in groups]
    limits.append((running & noted, ext.cap if ext else None))
    if c.warn:  # a ladder: each rung's instant, passed or not at now
        columns = _ladder_columns(cal, conv, c, limits, running, start, due, last, now_us)
        codes[columns["risk"].codes >= 0] = _CODE["at_risk"]
    elif running.any() and (c.warn_at is not None or c.warn_before is not None):
        # the one-rung shorthand alone keeps its table, and its direct test (no instants to find: faster)
        for rows, limit in limits:
            if limit is not None and rows.any():
                codes[at_risk_rows(cal, conv, c, limit, rows, start, due, last, now_us, now)] = _CODE["at_risk"]
    # met and breached rows take their state whatever a warning said (they are not running): without a branch
    codes *= (~(met | breached)).view(np.int8)
    codes += met.view(np.int8) * np.int8(_CODE["met"]) + breached.view(np.int8) * np.int8(_CODE["breached"])
    overdue = select(breached, np.subtract(until, due, out=until), NAT_INT, out=until)  # until is not read again
    if cal.horizon == "projected" and running.any():
        for w in ladder(c):
            if isinstance(w, Period):
                provisional |= running & kinds._lead_reads_projected(cal, w, due, last)
    provisional &= started
    if not early:  # NaT starts have NaT answers already; a start after now has its own
        fill(due, ~started, NAT_INT)
        fill(last, ~started, NAT_INT)
    begun: _Instants | None = None
    took: _Durations | Counts | None = None
    if timed:
        at, counted = start_and_took(cal, conv, c, start, done, started)
        begun, took = _Instants(at), counted if isinstance(counted, Counts) else _Durations(counted)
    return _Result(
        _States(codes),
        _Instants(due),
        _Days(last),
        _Durations(overdue),
        _Flags(provisional),
        begun,
        took,
        ladder=columns,
    )


def _target_groups(c: Clause, cols: _Columns, rows: I64 | None, n: int) -> list[tuple[Period, Mask]]:
    """The clause's period on each row: one (period, mask) per target row that takes any (first match wins).

    ``rows`` picks the cases of ``n`` items (a recurring clause's cycles); None: the table's rows.
    """
    if c.targets is None:
        assert c.period is not None
        return [(c.period, np.ones(n, dtype=bool))]
    read = cols.attribute if rows is None else (lambda name: cols.attribute(name)[rows])
    return [(r.period, mask) for r, mask in c.targets.groups(read, n)]


def _dues(
    cal: WorkCalendar, conv: Convention, starts: npt.NDArray[Any], groups: list[tuple[Period, Mask]]
) -> tuple[I64, I64, Mask]:
    """Due, last day and provisional flag of each start under its group's period (NaT starts: NaT)."""
    from slaclock._rules import columns, daytables
    from slaclock._rules.columns import deadlines

    if len(groups) == 1:
        if columns.TABLES:  # a day period's table, read straight: what deadlines() would read, without its checks
            tabled = daytables.tabled(cal, conv, groups[0][0], starts, utc=True)
            if tabled is not None:  # its own new arrays (a start it does not answer: the full way, below); its
                return tabled  # provisional rows are in evaluate's warning, as the full way's are
        std = deadlines(starts, groups[0][0], calendar=cal, convention=conv, utc=True)
        # the columns are this call's own (evaluate writes into them): copied only where numpy would not let it
        return (
            _own(std.due.view(np.int64), starts),
            _own(std.last_day.view(np.int64), starts),
            _own(np.asarray(std.provisional, dtype=bool).reshape(-1), starts),
        )
    due = np.full(starts.shape[0], NAT_INT, dtype=np.int64)
    last = np.full(starts.shape[0], NAT_INT, dtype=np.int64)
    provisional = np.zeros(starts.shape[0], dtype=bool)
    for limit, mask in groups:
        try:
            std = deadlines(starts[mask], limit, calendar=cal, convention=conv, utc=True)
        except SlaclockError:  # its index and count are the group's: the rows again, each with its period, say
            periods = np.empty(starts.shape[0], dtype=object)  # which row of the table, of how many (rare path)
            for p, m in groups:
                periods[m] = p
            deadlines(starts, periods, calendar=cal, convention=conv, utc=True)
            raise
        due[mask] = std.due.view(np.int64)
        last[mask] = std.last_day.view(np.int64)
        provisional[mask] = np.asarray(std.provisional, dtype=bool).reshape(-1)
    return due, last, provisional


def _own(a: npt.NDArray[Any], starts: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``a`` itself when it may be written, else a copy: ``deadlines`` makes its columns fresh for each call, so
    they are evaluate's to fill in place; copied if read-only, or if they share memory with ``starts`` (the
    event column itself, read once and shared by every clause starting on it, which must not change)."""
    return a if a.flags.writeable and not np.may_share_memory(a, starts) else a.copy()


def _recurring_columns(
    cal: WorkCalendar, conv: Convention, c: Clause, cols: _Columns, now_us: int, now: dt.datetime
) -> _Result:
    """A recurring clause on every row: its last cycle's columns, and the counts of its cycles."""
    assert c.met_by is not None
    n = cols.table.rows
    names = [(c.starts_on, START), (c.met_by, MET)] + ([(c.stops_on, STOP)] if c.stops_on is not None else [])
    log = cols.log
    if log is not None and not any(name in cols.table.names for name, _ in names):
        # every occurrence from the log: one sequence, in its order (by case and instant), no merge to sort
        kinds_of = np.full(len(log.names) + 1, -1, dtype=np.int8)
        for name, k in names:
            kinds_of[log.names.index(name)] = k
        which = kinds_of[log.code]
        mine = which >= 0
        cy = cycles([(log.row[mine], log.at[mine], which[mine])], c.periodic)
    else:
        parts = [(*cols.occurrences(c.starts_on), START), (*cols.occurrences(c.met_by), MET)]
        if c.stops_on is not None and (c.stops_on in cols.table.names or log is not None):
            parts.append((*cols.occurrences(c.stops_on), STOP))
        cy = cycles(parts, c.periodic)
    groups = _target_groups(c, cols, cy.row, cy.row.size)
    due, last, provisional = _dues(cal, conv, cy.start.view("datetime64[us]"), groups)
    until = np.where(cy.how == OPEN, now_us, cy.close)
    late = until >= due
    met = (cy.how == CLOSED_MET) & ~late
    stopped = (cy.how == CLOSED_STOP) & ~late
    codes = np.full(cy.row.size, _CODE["running"], dtype=np.int8)
    codes[met] = _CODE["met"]
    codes[stopped] = _CODE["stopped"]
    codes[late] = _CODE["breached"]
    running = codes == _CODE["running"]
    ladder: dict[str, Any] = {}
    if c.warn:  # a ladder: each rung's instant on each running cycle
        limits: list[tuple[Mask, Period | None]] = [(running & mask, limit) for limit, mask in groups]
        ladder = _ladder_columns(cal, conv, c, limits, running, cy.start, due, last, now_us)
        codes[ladder["risk"].codes >= 0] = _CODE["at_risk"]
    elif running.any() and (c.warn_at is not None or c.warn_before is not None):
        for limit, mask in groups:
            rows = running & mask
            if rows.any():
                risk = at_risk_rows(cal, conv, c, limit, rows, cy.start, due, last, now_us, now)
                codes[risk] = _CODE["at_risk"]
    if cal.horizon == "projected" and running.any():
        provisional |= running & kinds._lead_reads_projected(cal, c.warn_before, due, last)
    overdue = np.where(late, until - due, NAT_INT)
    # the last cycle of each case is its current one; the counts are over all its cycles
    count = np.bincount(cy.row, minlength=n).astype(np.int64)
    has = count > 0
    current = np.searchsorted(cy.row, np.arange(n), "right") - 1
    current = np.where(has, current, 0)
    out_codes = np.where(has, codes[current] if codes.size else 0, _CODE["not_started"]).astype(np.int8)

    def pick(x: I64) -> I64:
        return np.where(has, x[current], NAT_INT) if x.size else np.full(n, NAT_INT, dtype=np.int64)

    prov = np.bincount(cy.row, weights=provisional, minlength=n) > 0
    extra: dict[str, Any] = {
        "cycles": _Counts(count),
        "met_cycles": _Counts(np.bincount(cy.row, weights=codes == _CODE["met"], minlength=n).astype(np.int64)),
        "breached_cycles": _Counts(np.bincount(cy.row, weights=late, minlength=n).astype(np.int64)),
        "ever_breached": _Flags(np.bincount(cy.row, weights=late, minlength=n) > 0),
    }
    # the current cycle's start and time to its met_by (report's measures)
    done = np.where(cy.how == CLOSED_MET, cy.close, NAT_INT)
    begun, took = start_and_took(cal, conv, c, cy.start, done, np.ones(cy.row.size, dtype=bool))
    took_col: _Durations | Counts
    if isinstance(took, Counts):
        values = took.values[current] if took.values.size else np.zeros(n, dtype=np.int64)
        missing = took.missing[current] if took.missing.size else np.ones(n, dtype=bool)
        took_col = Counts(np.where(has, values, 0), ~has | missing)
    else:
        took_col = _Durations(pick(took))
    return _Result(
        _States(out_codes),
        _Instants(pick(due)),
        _Days(pick(last)),
        _Durations(pick(overdue)),
        _Flags(prov),
        _Instants(pick(begun)),
        took_col,
        extra,
        {
            name: _Labels(np.where(has, col.codes[current] if col.codes.size else -1, -1).astype(np.int8), col.labels)
            if isinstance(col, _Labels)
            else _Instants(pick(col.us))
            for name, col in ladder.items()
        },
    )


def _ladder_columns(
    cal: WorkCalendar,
    conv: Convention,
    c: Clause,
    limits: Sequence[tuple[Mask, Period | None]],
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


def _refuse(
    cal: WorkCalendar,
    bad: Mask,
    at: I64,
    what: str | Callable[[], str],
    error: type[SlaclockError] = InvalidInputError,
) -> None:
    """Raise ``error`` (the class a case raises for the same event) naming how many rows are ``bad``, and the first;
    ``what`` is said of them (or made by it, only then)."""
    if bad.any():
        i = int(np.argmax(bad))
        raise error(
            f"{int(bad.sum()):,} rows where {what if isinstance(what, str) else what()}, the first at row {i} "
            f"({_iso(cal, int(at[i]))}); "
            "a case would refuse this event"
        )
