"""Compliance reports: met and breached counts, breach rates and times to met, per clause, group and period.

:func:`report` reads what :meth:`Contract.evaluate <slaclock.Contract.evaluate>`
returns and gives one row per clause and group. This module also makes the two
evaluate columns a report needs, ``<clause>.start`` and ``<clause>.took``, and the
columns ``evaluate(..., keep=...)`` copies from its input
(:func:`start_and_took`, :func:`kept_columns`; ``evaluate`` calls them).

Maintainer's notes
------------------
* **took** is measured from the clause's start to its ``met_by`` event in the
  measure of the clause's own period (:attr:`ClauseStatus.unit
  <slaclock.ClauseStatus.unit>`): wall time for hours and minutes, working time
  for working hours, whole days (done day minus the start's deemed day, art. 201)
  for day, week, month and year periods, and workdays (after the deemed day, up to
  and including the done day) for workday periods. Pauses are not taken off: it is
  the time the customer waited (:attr:`ClauseStatus.elapsed
  <slaclock.ClauseStatus.elapsed>` is the clock's, stopped time excluded, capped
  at the limit). An extension whose cap is in another measure does not change it.
  A clause done before its count began (a start deemed received on the next
  workday, done earlier) took 0.
* **Whole counts** are a column kind of their own: pandas ``Int64``, polars and
  pyarrow ``Int64`` with nulls; in a mapping of numpy arrays, an ``int64``
  :class:`numpy.ma.MaskedArray` masked where not done, whose hidden values are -1
  (a count is never negative, so a mask that got dropped shows). Not float with
  NaN: a count of days is an integer, and a float column would say otherwise.
* **This module imports nothing of evaluate** (evaluate imports it), nor of
  contract (which imports evaluate): the states are named again in
  :mod:`.report_read` (which reads the result's columns), and a test holds them
  to ``STATES``; a ``contract=`` is known by its ``clause_names`` and ``clause``.
* **One table for every clause.** The report's quantiles of ``took`` are floats
  in the clause's unit (hours of wall or working time, days or workdays), named
  in a ``unit`` column, so a contract mixing hours and days reports at once. A
  result does not say wall from working hours, nor days from workdays: only
  ``contract=`` names them; without it ``unit`` is ``hours`` or ``days``.
* **Recurring clauses** are reported from their current cycle (the columns
  evaluate gives), plus the sums of their cycle counts; ``closed`` counts the
  states that end without an outcome (``stopped``, ``expired``), so that cases =
  met + breached + running + closed.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal, final

import numpy as np
import numpy.typing as npt

from slaclock._base.dataframes import arrow_buffers, polars_nulls
from slaclock._base.instants import as_array
from slaclock._base.select import select
from slaclock._base.show import brief
from slaclock._contracts.report_read import counts as _counts
from slaclock._contracts.report_read import durations as _durations
from slaclock._contracts.report_read import group_ids as _group_ids
from slaclock._contracts.report_read import key_codes as _key_codes
from slaclock._contracts.report_read import states as _states
from slaclock._contracts.report_read import took as _took
from slaclock._contracts.report_read import wall_day as _wall_day
from slaclock._days.index import NAT_INT
from slaclock._periods.period import Unit
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.contract import Contract
    from slaclock._periods.convention import Convention

__all__ = ["Counts", "Kept", "kept_columns", "report", "start_and_took"]

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]

PeriodName = Literal["day", "week", "month", "quarter", "year"]

_MET: Final = 4
_BREACHED: Final = 5
_PERIODS: Final = ("day", "week", "month", "quarter", "year")
_US_DAY: Final = 86_400_000_000


# -- the columns evaluate adds ------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class Counts:
    """A column of whole counts (days or workdays): ``values`` where not ``missing``."""

    values: I64
    missing: Mask

    def column(self, lib: str | None, name: str) -> Any:
        """The column in the kind of ``lib`` (None: a numpy masked array)."""
        values = select(self.missing, -1, self.values)
        if lib is None:
            return np.ma.MaskedArray(values, mask=self.missing.copy())
        if lib == "pandas":
            pd = sys.modules["pandas"]
            return pd.arrays.IntegerArray(values, self.missing.copy())
        if lib == "polars":
            pl = sys.modules["polars"]
            return polars_nulls(pl.Series(name, values, dtype=pl.Int64), self.missing)
        pa = sys.modules["pyarrow"]
        return arrow_buffers(pa.int64(), values, ~self.missing)


@final
@dataclass(frozen=True, slots=True)
class Kept:
    """An input column copied into evaluate's result as it is (``keep=``)."""

    col: Any

    def column(self, lib: str | None, name: str) -> Any:
        """The column for the result: a copy where it could be written into (numpy, pandas), so that writing into
        the result never changes the input; polars and pyarrow columns are immutable, so shared."""
        if lib is None:
            return np.array(self.col, copy=True)
        if lib == "pandas":
            return self.col.array.copy()  # positional: the result has the input's index
        if lib == "polars":
            return self.col.alias(name)
        return self.col


def kept_columns(names: tuple[str, ...], column: Any, keep: Any, taken: Sequence[str]) -> dict[str, Kept]:
    """The input columns ``keep`` names, checked: each a column of the input, none named like a result column.

    ``names`` are the input's columns, ``column(name)`` reads one, ``taken`` are the result's column names.
    """
    if isinstance(keep, str):
        keep = (keep,)
    if not isinstance(keep, Sequence) or isinstance(keep, bytes):
        raise InvalidInputError(f"keep must be a column name or a list of them; got {brief(keep)}")
    out: dict[str, Kept] = {}
    clash = set(taken)
    for name in keep:
        if not isinstance(name, str):
            raise InvalidInputError(f"keep names columns by str; got {brief(name)}")
        if name not in names:
            raise InvalidInputError(f"keep: no column {brief(name)} in the events{_hint(name, names)}")
        if name in clash:
            raise InvalidInputError(
                f"keep: the column {brief(name)} has the name of a result column; rename it in the events"
            )
        if name in out:
            raise InvalidInputError(f"keep names the column {brief(name)} twice")
        out[name] = Kept(column(name))
    return out


def start_and_took(
    cal: WorkCalendar, conv: Convention, c: Clause, start: I64, done: I64, started: Mask
) -> tuple[Any, Any]:
    """``<clause>.start`` (UTC µs, NAT_INT before) and ``<clause>.took`` (:class:`Counts` or µs) for one clause.

    ``start`` and ``done`` are the clause's start and ``met_by`` instants (UTC µs,
    NAT_INT for none), ``started`` the rows whose clause has started. Returns the
    bare arrays; evaluate wraps them in its column kinds.
    """
    from slaclock._contracts.clock import _CLOCK, _timed
    from slaclock._rules.engine import ColumnRun, Starts, calendar_zones

    assert c.period is not None
    unit = c.period.unit
    begun = select(started, start, NAT_INT)
    rows = started & (done != NAT_INT)
    if unit in _CLOCK:  # no gather: a plain difference (done before a fixed-date start took 0)
        return begun, select(rows, np.maximum(done - start, 0), NAT_INT)
    plain_day0 = c.kind == "threshold" or (conv.cutoff is None and conv.rest_day_receipt != "next_workday")
    if unit is Unit.WORKDAY and plain_day0:  # day 0 is the start's own day (no receipt rule moves it)
        counted = _workdays_to_met(cal, start, done, rows)
        if counted is not None:
            return begun, Counts(counted, ~rows)
    a = start[rows]
    b = np.maximum(done[rows], a)
    if _timed(unit):
        took = np.full(start.size, NAT_INT, dtype=np.int64)
        if a.size:
            worked = cal.working_time_between(a.view("datetime64[us]"), b.view("datetime64[us]"), utc=True)
            took[rows] = np.asarray(worked).view(np.int64)
        return begun, took
    values = np.zeros(start.size, dtype=np.int64)
    if a.size:
        if plain_day0:
            day0 = _wall_days(cal, a)  # no receipt rule moves day 0
        else:
            wall = calendar_zones(cal, a).to_wall(a)
            day = np.floor_divide(wall, _US_DAY)
            col = Starts(day, wall - day * _US_DAY, a, np.ones(a.size, dtype=bool), None, a.shape)
            day0 = ColumnRun(cal, conv, col).deemed()
        done_day = _wall_days(cal, b)
        if unit is Unit.WORKDAY:
            later = done_day > day0
            first = select(later, day0 + 1, done_day).view("datetime64[D]")
            end = select(later, done_day + 1, done_day).view("datetime64[D]")
            values[rows] = np.asarray(cal.workdays_between(first, end)).astype(np.int64)
        else:
            values[rows] = np.maximum(done_day - day0, 0)
    return begun, Counts(values, ~rows)


def _workdays_to_met(cal: WorkCalendar, start: I64, done: I64, rows: Mask) -> I64 | None:
    """Workdays after the start's day up to and including the met day (0 if met on the start's day) on every row
    (0 on the rows not in ``rows``), when the zone has one offset over the calendar's span and every day is in its
    table; else None (the general way). Two gathers in the rank table on every row: no rows gathered out and
    scattered back, which costs several times more per row on scattered masks."""
    from slaclock._calendar import day_table
    from slaclock._rules.engine import zones_between

    t = day_table(cal)
    ix = t.ix
    offset = zones_between(cal, None, None).constant
    if offset is None:
        return None
    keep = rows.view(np.int8)

    def row_after(x: I64) -> I64:
        """The day after each instant's (``x``, overwritten) as a row of the rank table; 0 on the rows without a
        count (NaT's day is far outside the table: cleared here)."""
        x += offset + _US_DAY
        np.floor_divide(x, _US_DAY, out=x)
        x -= ix.d0
        x *= keep
        return x

    first = row_after(start.copy())  # the day after the start's day
    end = row_after(np.maximum(done, start))  # the day after the met day
    if int(first.view(np.uint64).max(initial=0)) > ix.n or int(end.view(np.uint64).max(initial=0)) > ix.n:
        return None  # a day outside the table: the general way raises its horizon error
    # the last day the count reads, as workdays_between([first, end)) reads it (a count of 0 reads the met day's
    # rank twice: the day before it)
    hi = int((end - (end <= first)).max(initial=0)) - 1
    if hi > ix.official_last:
        t.warn_projected(ix.date_of(hi), "workdays_between")
    took = np.take(ix.rank64, end, mode="clip")
    took -= np.take(ix.rank64, first, out=first, mode="clip")
    np.maximum(took, 0, out=took)
    return took


def _wall_days(cal: WorkCalendar, us: I64) -> I64:
    """The civil day (epoch days) of UTC instants in the calendar's zone."""
    from slaclock._rules.engine import calendar_zones

    wall = calendar_zones(cal, us).to_wall(us)
    return np.floor_divide(wall, _US_DAY)


# -- the report -----------------------------------------------------------------------------------------


def report(
    results: Any,
    *,
    by: str | Sequence[str] = (),
    period: PeriodName | None = None,
    clauses: str | Sequence[str] | None = None,
    on: Literal["start"] = "start",
    quantiles: Sequence[float] = (0.5, 0.9),
    contract: Contract | None = None,
) -> Any:
    """Compliance figures from :meth:`Contract.evaluate`: one row per clause and group (and period).

    Parameters
    ----------
    results : pandas, polars or pyarrow table, or a mapping of numpy columns
        What :meth:`Contract.evaluate <slaclock.Contract.evaluate>` returned, with
        any columns kept beside it (``evaluate(..., keep=["team"])``).
    by : str or sequence of str
        Columns of ``results`` to group by (team, priority, channel...). A missing
        value (None, NaN, null) is a group of its own, placed last.
    period : {"day", "week", "month", "quarter", "year"}, optional
        Also group by the calendar period of the clause's ``<clause>.start``, read
        in wall time: the zone of an aware column (what evaluate gives for tables:
        the calendar's), and a naive column as it stands (what evaluate gives for
        a mapping: wall times in the calendar's zone). Weeks start on Monday.
    clauses : str or sequence of str, optional
        The clauses to report; default every clause with a ``<clause>.state``
        column, in column order, except, with ``period``, the clauses that have
        no ``<clause>.start`` column (monthly, notice and window clauses: no
        start to place a case in a period). Naming one of those with ``period``
        is refused.
    on : {"start"}
        The instant that places a case in a period: the clause's start (the only
        one; a due moves with pauses and extensions, a start does not). For a
        recurring clause, the start of its current (last) cycle.
    quantiles : sequence of float
        Shares in (0, 1) of the time-to-met distribution to give, each as a
        column ``took_p<100 q>`` (0.5 gives ``took_p50``); empty for none.
    contract : Contract, optional
        The contract that was evaluated: names each clause's ``unit`` exactly
        (``"working_hours"``, ``"workdays"``). Without it the results do not say
        whether a time is wall or working time, nor whether a count is of days or
        workdays, and ``unit`` names only the size: ``"hours"`` or ``"days"``.

    Returns
    -------
    table
        The same kind as ``results`` (pandas, polars, pyarrow; for a mapping, a
        dict of numpy arrays), one row per clause and group that has a case,
        ordered by clause (as ``clauses``), then by the group's values and period
        (ascending, missing last). Columns:

        - ``clause``; the ``by`` columns (their own types); ``period``, the
          period's first day, with ``period`` only;
        - ``cases``: rows where the clause has started (``not_started`` rows are
          left out of every figure); ``met``, ``breached``, ``running`` (running,
          at risk or paused) and ``closed`` (``stopped``: a recurring cycle
          closed by its stop event before its due; ``expired``: a window without
          ``met_by`` closed), so that cases = met + breached + running + closed;
        - ``breach_rate``: breached / (met + breached), over the decided cases.
          Running and closed cases are left out: a running case's outcome is not
          known yet, and counted as met it would flatter the latest period (a
          case past its due is already ``breached``, open or not); a closed one
          has none. NaN when nothing is decided.
        - ``breach_rate_all``: breached / cases, the breaches so far over every
          case started: the least the rate can end at, as running cases finish.
        - with a recurring clause among those reported: ``cycles``,
          ``met_cycles``, ``breached_cycles`` (the sums of its columns over the
          group's cases), ``ever_breached`` (the cases with a breached cycle),
          whole counts, missing for the clauses that are not recurring; and
          ``cycle_breach_rate``: breached_cycles / (met_cycles +
          breached_cycles), NaN where none is decided. For a recurring clause,
          ``met``, ``breached``, ``running`` and ``closed`` count each case's
          current cycle (what the desk is doing now), ``took_p..`` and
          ``overdue`` are its current cycle's too; the compliance figures over
          every cycle are ``cycle_breach_rate`` and ``ever_breached``.
        - ``unit`` and ``took_p50``, ``took_p90``, ...: quantiles (linear
          interpolation, as :func:`numpy.quantile`) of ``<clause>.took`` over the
          met rows, floats in ``unit``: ``"hours"`` (wall time; minutes too, as
          fractions of an hour), ``"working_hours"`` (working time), ``"days"``
          or ``"workdays"``; see ``contract``. NaN where a group has no met row;
          ``unit`` missing (None, null) and the quantiles NaN for a clause
          without ``took`` (monthly, notice, window). With quantiles only.
        - ``overdue``: the sum of ``<clause>.overdue_by`` (wall time; 0 without
          breaches).

    Raises
    ------
    InvalidInputError
        ``results`` is not an evaluate result (no ``<clause>.state`` column, or a
        state it cannot hold); a ``by`` column or clause it does not have; a
        ``by`` column named like an output column; a column the report needs
        missing (``<clause>.start`` with ``period``, ``<clause>.took`` with
        quantiles); a clause without a start named with ``period``; a bad
        ``period``, ``on`` or quantile; a ``contract`` without a reported clause,
        or whose unit disagrees with the ``took`` column.

    Examples
    --------
    >>> import numpy as np, slaclock as sc
    >>> c = sc.Contract("desk", [sc.Clause("reply", "4工作小时", starts_on="received", met_by="replied")],
    ...                 events=["received"], calendar=sc.CalendarSpec("CN", hours="09:00-12:00,13:00-18:00"))
    >>> t = {
    ...     "received": np.array(["2026-03-02T09:00", "2026-03-02T10:00", "2026-03-03T17:00", "NaT"], "datetime64[m]"),
    ...     "replied": np.array(["2026-03-02T10:30", "2026-03-02T16:00", "NaT", "NaT"], "datetime64[m]"),
    ...     "team": np.array(["a", "b", "a", "a"]),
    ... }
    >>> r = c.evaluate(t, now="2026-03-05T12:00", keep=["team"])
    >>> out = sc.report(r, by="team")
    >>> out["team"], out["cases"], out["met"], out["breached"]
    (array(['a', 'b'], dtype='<U1'), array([2, 1]), array([1, 0]), array([1, 1]))
    >>> out["breach_rate"], out["unit"], out["took_p50"]   # team b has no met row: no time to met
    (array([0.5, 1. ]), array(['hours', 'hours'], dtype=object), array([1.5, nan]))
    >>> sc.report(r, by="team", contract=c)["unit"]   # the contract says which hours
    array(['working_hours', 'working_hours'], dtype=object)
    """
    table = _Results.of(results)
    names = table.names
    found = [n[: -len(".state")] for n in names if n.endswith(".state") and len(n) > len(".state")]
    if not found:
        raise InvalidInputError(
            "results must be what Contract.evaluate returns: a '<clause>.state' column per clause; "
            f"got the columns {_few(names)}"
        )
    if period is not None and (not isinstance(period, str) or period not in _PERIODS):
        raise InvalidInputError(f"period must be one of {', '.join(_PERIODS)} or None; got {brief(period)}")
    timed = [c for c in found if f"{c}.start" in names or f"{c}.took" in names]
    # a period places a case by its start: by default, the kinds without one are left out
    chosen = _clauses(clauses, found, timed if period is not None else found)
    keys = _by(by, names, period is not None)
    if not isinstance(on, str) or on != "start":
        raise InvalidInputError(f"on must be 'start' (a case counts in the period its clause started); got {brief(on)}")
    qs = _quantiles(quantiles)
    for c in chosen:
        if c not in timed:  # monthly, notice, window: counts only, and no period
            if period is not None:
                raise InvalidInputError(
                    f"clause {brief(c)} has no {brief(c + '.start')} column (a monthly, notice or window clause), "
                    "so no period to place its cases in: report it without period=, or leave it out of clauses="
                )
            need = [f"{c}.overdue_by"]
        else:
            need = [f"{c}.overdue_by", f"{c}.start"] + [f"{c}.took"] * bool(qs)
        for name in need:
            if name not in names:
                raise InvalidInputError(
                    f"results have no column {brief(name)}, which the report needs; report on what evaluate "
                    "returned, with its columns"
                )
    units = _units(contract, chosen, timed)

    lib = table.lib
    key_codes = [_key_codes(table.column(k), lib, k) for k in keys]
    parts: list[_Part] = []
    for c in chosen:
        state = _states(table.column(f"{c}.state"), lib, c)
        rows = state != 0
        codes = [k[rows] for k in key_codes]
        first_days: I64 | None = None
        if period is not None:
            day = _wall_day(table.column(f"{c}.start"), lib)[rows]
            if (day == NAT_INT).any():
                raise InvalidInputError(f"results: {brief(c + '.start')} is missing on rows where the clause started")
            first_days = _period_start(day, period)
            codes.append(first_days)
        where = np.flatnonzero(rows)
        if codes:
            gid, groups = _group_ids(codes)
        else:
            gid = np.zeros(where.size, dtype=np.int64)
            groups = 1 if where.size else 0
        first = np.zeros(groups, dtype=np.int64)
        first[gid[::-1]] = np.arange(where.size)[::-1]  # each group's first row: its key values are read there
        s = state[rows]
        met, breached = s == _MET, s == _BREACHED
        part = _Part(c, where[first], None if first_days is None else first_days[first])
        part.cases = np.bincount(gid, minlength=groups)
        part.met = np.bincount(gid, weights=met, minlength=groups).astype(np.int64)
        part.breached = np.bincount(gid, weights=breached, minlength=groups).astype(np.int64)
        part.running = np.bincount(gid, weights=(s > 0) & (s < _MET), minlength=groups).astype(np.int64)
        part.closed = np.bincount(gid, weights=s > _BREACHED, minlength=groups).astype(np.int64)
        over, _ = _durations(table.column(f"{c}.overdue_by"), lib, f"{c}.overdue_by")
        over = over[rows]
        part.overdue = np.zeros(groups, dtype=np.int64)  # exact: float weights would round long sums
        np.add.at(part.overdue, gid, np.where(over == NAT_INT, 0, over))
        if all(f"{c}.{k}" in names for k in _CYCLES):  # a recurring clause: sums over every case's cycles
            part.cycles = [
                _group_sum(_counts(table.column(f"{c}.{k}"), lib, f"{c}.{k}")[rows], gid, groups) for k in _CYCLES
            ]
        if qs and c in units:
            took, kind = _took(table.column(f"{c}.took"), lib, f"{c}.took")
            unit = units[c] or ("hours" if kind == "durations" else "days")
            if (kind == "durations") != (unit in ("hours", "working_hours")):
                raise InvalidInputError(
                    f"results: {brief(c + '.took')} holds {kind}, but the contract measures clause {brief(c)} in "
                    f"{unit}; pass the contract that was evaluated"
                )
            part.unit = unit
            scale = _US_HOUR if kind == "durations" else 1.0
            part.took = [t / scale for t in _group_quantiles(took[rows], met, gid, groups, qs)]
        parts.append(part)
    return _output(table, lib, parts, keys, period is not None, qs)


_CYCLES: Final = ("cycles", "met_cycles", "breached_cycles", "ever_breached")
_US_HOUR: Final = 3_600_000_000.0
_UNIT_NAMES: Final = {
    Unit.HOUR: "hours",
    Unit.MINUTE: "hours",
    Unit.WORK_HOUR: "working_hours",
    Unit.WORK_MINUTE: "working_hours",
    Unit.WORKDAY: "workdays",
}


def _units(contract: Any, chosen: list[str], timed: list[str]) -> dict[str, str | None]:
    """Each timed clause's unit, from the contract (None: named from its took column, hours or days)."""
    # the contract's type is not imported: contract imports evaluate, which imports this module
    if contract is not None and not (hasattr(contract, "clause_names") and hasattr(contract, "clause")):
        raise InvalidInputError(f"contract must be the Contract that was evaluated, or None; got {brief(contract)}")
    out: dict[str, str | None] = {}
    for c in chosen:
        if c not in timed:
            continue
        if contract is None:
            out[c] = None
            continue
        if c not in contract.clause_names:
            raise InvalidInputError(
                f"contract {brief(contract.name)} has no clause {brief(c)}; pass the contract that was evaluated"
            )
        p = contract.clause(c).period
        out[c] = "days" if p is None else _UNIT_NAMES.get(p.unit, "days")
    return out


def _group_sum(values: I64, gid: I64, groups: int) -> I64:
    out = np.zeros(groups, dtype=np.int64)
    np.add.at(out, gid, values)
    return out


@final
@dataclass(frozen=True, slots=True)
class _Results:
    """The results table: its library (None for a mapping), column names and a reader."""

    obj: Any
    lib: str | None
    names: tuple[str, ...]

    @classmethod
    def of(cls, results: Any) -> _Results:
        kind = type(results)
        lib: str | None = kind.__module__.partition(".")[0]
        if lib in ("pandas", "polars") and kind.__name__ == "DataFrame":
            names = tuple(map(str, results.columns))
        elif lib == "pyarrow" and kind.__name__ == "Table":
            names = tuple(results.column_names)
        elif isinstance(results, Mapping):
            lib, names = None, tuple(str(k) for k in results)
            sizes = {int(as_array(v, "a results column").size) for v in results.values()}
            if len(sizes) > 1:
                raise InvalidInputError(
                    f"results' columns differ in length ({', '.join(map(str, sorted(sizes)[:3]))} values); "
                    "pass what Contract.evaluate returns, with columns of its rows"
                )
        else:
            raise InvalidInputError(
                "results must be what Contract.evaluate returns (a pandas, polars or pyarrow table, or a mapping "
                f"of columns); got {kind.__module__}.{kind.__qualname__}"
            )
        if len(set(names)) < len(names):
            raise InvalidInputError("results have two columns of one name; name each once")
        return cls(results, lib, names)

    def column(self, name: str) -> Any:
        if self.lib == "pyarrow":
            return self.obj.column(name)
        return self.obj[name]


@final
class _Part:
    """One clause's groups: the row each group's keys are read from, and its figures."""

    def __init__(self, clause: str, rep: I64, first_days: I64 | None) -> None:
        self.clause, self.rep, self.first_days = clause, rep, first_days
        self.cases = self.met = self.breached = self.running = self.closed = np.zeros(0, np.int64)
        self.overdue: I64 = np.zeros(0, np.int64)
        self.cycles: list[I64] | None = None  # sums of cycles, met_cycles, breached_cycles, ever_breached
        self.took: list[F64] | None = None  # per quantile; None: the clause has no took
        self.unit: str | None = None


def _few(names: Sequence[str]) -> str:
    shown = ", ".join(brief(n) for n in names[:8])
    return shown + (f" and {len(names) - 8} more" if len(names) > 8 else "") if names else "(none)"


def _hint(name: str, names: Sequence[str]) -> str:
    close = difflib.get_close_matches(name[:100], list(names), n=1)
    return f" (did you mean {brief(close[0])}?)" if close else f"; its columns: {_few(names)}"


def _clauses(clauses: Any, found: list[str], default: list[str]) -> list[str]:
    if clauses is None:
        return default
    if isinstance(clauses, str):
        clauses = [clauses]
    if not isinstance(clauses, Sequence) or isinstance(clauses, bytes):
        raise InvalidInputError(f"clauses must be a clause name or a list of them; got {brief(clauses)}")
    if not clauses:
        raise InvalidInputError(
            f"clauses names at least one clause; the results' clauses: {', '.join(map(brief, found))}"
        )
    for c in clauses:
        if not isinstance(c, str):
            raise InvalidInputError(f"clauses are named by str; got {type(c).__name__} {brief(c)}")
        if c not in found:
            raise InvalidInputError(
                f"results have no clause {brief(c)} (no {brief(f'{c}.state')} column); "
                f"their clauses: {', '.join(brief(f) for f in found)}"
            )
    return list(dict.fromkeys(clauses))


_OUTPUT_NAMES: Final = (
    "clause",
    "cases",
    "met",
    "breached",
    "running",
    "closed",
    "breach_rate",
    "breach_rate_all",
    "cycles",
    "met_cycles",
    "breached_cycles",
    "ever_breached",
    "cycle_breach_rate",
    "unit",
    "overdue",
)


def _by(by: Any, names: tuple[str, ...], with_period: bool) -> list[str]:
    if isinstance(by, str):
        by = [by]
    if not isinstance(by, Sequence) or isinstance(by, bytes):
        raise InvalidInputError(f"by must be a column name or a list of them; got {brief(by)}")
    out: list[str] = []
    for k in by:
        if not isinstance(k, str):
            raise InvalidInputError(f"by names columns by str; got {brief(k)}")
        if k not in names:
            raise InvalidInputError(
                f"by: results have no column {brief(k)}{_hint(k, names)}. Keep it from the events with "
                "evaluate(..., keep=[...])"
            )
        if k in _OUTPUT_NAMES or k.startswith("took_p") or (with_period and k == "period"):
            raise InvalidInputError(f"by: the column {brief(k)} has the name of a report column; rename it")
        if k in out:
            raise InvalidInputError(f"by names the column {brief(k)} twice")
        out.append(k)
    return out


def _quantiles(quantiles: Any) -> list[tuple[str, float]]:
    if isinstance(quantiles, str) or not isinstance(quantiles, Sequence):
        raise InvalidInputError(f"quantiles must be a sequence of shares in (0, 1); got {brief(quantiles)}")
    out: dict[str, float] = {}
    for q in quantiles:
        if isinstance(q, bool) or not isinstance(q, int | float | np.floating) or not 0 < q < 1:
            raise InvalidInputError(
                f"quantiles are shares strictly between 0 and 1 (0.5 for the median); got {brief(q)}"
            )
        name = f"took_p{float(q) * 100:.10g}"
        if name in out:
            raise InvalidInputError(f"quantiles: {brief(q)} is given twice")
        out[name] = float(q)
    return list(out.items())


def _period_start(day: I64, period: str) -> I64:
    """The first day (epoch days) of each day's period; weeks start on Monday."""
    if period == "day":
        return day
    if period == "week":
        return day - (day + 3) % 7  # 1970-01-01 was a Thursday
    d = day.view("datetime64[D]")
    if period == "month":
        return d.astype("datetime64[M]").astype("datetime64[D]").view(np.int64)
    if period == "year":
        return d.astype("datetime64[Y]").astype("datetime64[D]").view(np.int64)
    m = d.astype("datetime64[M]").view(np.int64)
    return (m - m % 3).view("datetime64[M]").astype("datetime64[D]").view(np.int64)


def _group_quantiles(took: F64, met: Mask, gid: I64, groups: int, qs: list[tuple[str, float]]) -> list[F64]:
    """Per group, the quantiles of ``took`` over its met rows (linear interpolation; NaN without met rows)."""
    keep = met & ~np.isnan(took)
    g, v = gid[keep], took[keep]
    order = np.lexsort((v, g))
    g, v = g[order], v[order]
    n = np.bincount(g, minlength=groups)
    begin = np.concatenate(([0], np.cumsum(n)[:-1])) if groups else np.zeros(0, np.int64)
    out = []
    for _, q in qs:
        pos = q * (n - 1)
        lo = np.floor(pos).astype(np.int64)
        hi = np.ceil(pos).astype(np.int64)
        has = n > 0
        a = np.where(has, begin + lo, 0)
        b = np.where(has, begin + hi, 0)
        x = v[a] + (v[b] - v[a]) * (pos - lo) if v.size else np.zeros(groups)
        out.append(np.where(has, x, np.nan))
    return out


# -- the output ------------------------------------------------------------------------------------------


def _output(table: Any, lib: str | None, parts: list[_Part], keys: list[str], with_period: bool, qs: Any) -> Any:
    clause = np.asarray([p.clause for p in parts for _ in range(p.rep.size)], dtype=object)
    rep = np.concatenate([p.rep for p in parts]) if parts else np.zeros(0, np.int64)

    def joined(get: Any, dtype: Any = np.int64) -> Any:
        return np.concatenate([get(p) for p in parts]).astype(dtype) if parts else np.zeros(0, dtype)

    cases, met, breached = joined(lambda p: p.cases), joined(lambda p: p.met), joined(lambda p: p.breached)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(met + breached > 0, breached / np.maximum(met + breached, 1), np.nan)
        rate_all = np.where(cases > 0, breached / np.maximum(cases, 1), np.nan)
    cols: dict[str, tuple[str, Any]] = {"clause": ("str", clause)}
    for k in keys:
        cols[k] = ("key", k)
    if with_period:
        first = np.concatenate([p.first_days for p in parts if p.first_days is not None])
        cols["period"] = ("date", first.view("datetime64[D]"))
    cols.update(
        {
            "cases": ("int", cases),
            "met": ("int", met),
            "breached": ("int", breached),
            "running": ("int", joined(lambda p: p.running)),
            "closed": ("int", joined(lambda p: p.closed)),
            "breach_rate": ("float", rate),
            "breach_rate_all": ("float", rate_all),
        }
    )
    if any(p.cycles is not None for p in parts):  # a recurring clause: its cycles; missing for the others
        sums = []
        for i, name in enumerate(_CYCLES):
            v = joined(lambda p, i=i: p.cycles[i] if p.cycles is not None else np.zeros(p.rep.size, np.int64))
            sums.append(v)
            cols[name] = ("count", Counts(v, joined(lambda p: np.full(p.rep.size, p.cycles is None), bool)))
        decided = sums[1] + sums[2]
        with np.errstate(invalid="ignore", divide="ignore"):
            cols["cycle_breach_rate"] = ("float", np.where(decided > 0, sums[2] / np.maximum(decided, 1), np.nan))
    if qs:
        units = np.asarray([p.unit for p in parts for _ in range(p.rep.size)], dtype=object)
        cols["unit"] = ("text", units)
        for i, (name, _) in enumerate(qs):
            cols[name] = (
                "float",
                joined(lambda p, i=i: p.took[i] if p.took is not None else np.full(p.rep.size, np.nan), np.float64),
            )
    overdue = joined(lambda p: p.overdue).view("timedelta64[us]")
    cols["overdue"] = ("duration", overdue)
    return _build(table, lib, cols, rep)


def _build(table: Any, lib: str | None, cols: dict[str, tuple[str, Any]], rep: I64) -> Any:
    if lib is None:
        out: dict[str, Any] = {}
        for name, (kind, v) in cols.items():
            out[name] = np.asarray(table.column(v)).reshape(-1)[rep] if kind == "key" else v
            if kind == "str":
                out[name] = v.astype(str)
            elif kind == "count":
                out[name] = v.column(None, name)
        return out
    if lib == "pandas":
        pd = sys.modules["pandas"]
        data: dict[str, Any] = {}
        for name, (kind, v) in cols.items():
            if kind == "key":
                data[name] = table.column(v).array.take(rep)
            elif kind == "date":
                data[name] = v.astype("datetime64[s]")
            elif kind == "str":
                data[name] = v.astype(str).astype(object)
            elif kind == "count":
                data[name] = v.column("pandas", name)
            else:
                data[name] = v
        return pd.DataFrame(data)
    if lib == "polars":
        pl = sys.modules["polars"]
        series = []
        for name, (kind, v) in cols.items():
            if kind == "key":
                series.append(table.column(v).gather(rep))
            elif kind == "str":
                series.append(pl.Series(name, v.astype(str).tolist(), dtype=pl.Utf8))
            elif kind == "float":
                series.append(pl.Series(name, v, dtype=pl.Float64))
            elif kind == "text":
                series.append(pl.Series(name, v.tolist(), dtype=pl.Utf8))
            elif kind == "count":
                series.append(v.column("polars", name))
            else:
                series.append(pl.Series(name, v))
        return pl.DataFrame(series)
    pa = sys.modules["pyarrow"]
    arrays = []
    for _name, (kind, v) in cols.items():
        if kind == "key":
            arrays.append(table.column(v).take(pa.array(rep, type=pa.int64())))
        elif kind == "str":
            arrays.append(pa.array(v.astype(str).tolist(), type=pa.string()))
        elif kind == "text":
            arrays.append(pa.array(v.tolist(), type=pa.string()))
        elif kind == "count":
            arrays.append(v.column("pyarrow", _name))
        else:
            arrays.append(pa.array(v, from_pandas=kind != "float"))
    return pa.table(arrays, names=list(cols))
