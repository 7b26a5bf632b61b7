"""Batch evaluation of monthly, notice and window clauses: :meth:`Case.status`'s answers, on columns.

:mod:`.evaluate` follows deadline and threshold clauses with the column engine;
this module gives it the other kinds, one function per kind, each returning the
same columns (:class:`KindColumns`: state, due, last day, overdue time,
provisional flag) with the answers :mod:`.kinds` gives a :class:`~slaclock.Case`
(whose module notes define the semantics).

Maintainer's notes
------------------
* **One computation per distinct day, not per row.** What a clause's limit is
  depends on a day, not on the row: a notice's latest notice day on its anchor's
  date, a window's last day on its first day (with a period) and its close on
  its last day, a month's due on the month containing ``now`` (one for the whole
  call). Those are computed once per distinct day with the scalar functions
  (:func:`~slaclock.notice_deadline`, :func:`~slaclock.deadline`,
  :func:`~slaclock.fixed_window`, :func:`~slaclock.monthly_deadline`) and spread
  over the rows with numpy; the states, the overdue times and the tests of the
  warnings are numpy on the rows. A table of a million rows spans a few thousand
  days at most.
* **Provisional, exactly as a case.** A case's clause is provisional iff
  computing its status read a projected day. Each scalar computation above runs
  in its own :func:`slaclock._base.warn.reading` block, so its flag is the one a
  case would collect, and a row takes the flags of the computations its case
  would make: a not-started row none, a running row the leads of its warning
  ladder too (every rung: ``warn``, ``warn_at``, ``warn_before``). Monthly
  clauses make the at-risk test once per distinct share used (every running row
  has the same due), and count the workdays done once per distinct day; a
  window's at-risk test is made on the rows (its due varies by row), with
  :mod:`.evaluate`'s reading of what a lead reads.
* **Refused, not skipped.** What :class:`~slaclock.Case` reports as not
  supported (a window of hours, a window whose last day comes before its first, a
  month the rule cannot place) is an error here, naming the clause and the first
  row. A case refuses no event of these kinds when it is recorded, so neither
  does this module (a window met before it opened is ``"breached"``).
* **No import of** :mod:`.evaluate`: it imports this module, and the layer test
  forbids a circle. Its states are named here (:data:`KIND_STATES`) and mapped
  to its codes there; the lead test of a window repeats its few lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Final, Protocol, TypeVar, final

import numpy as np
import numpy.typing as npt

from slaclock._base import warn as _provisional
from slaclock._base.instants import before
from slaclock._base.show import brief, strf
from slaclock._calendar import day_table, hours_table
from slaclock._contracts.checks import _is_date
from slaclock._contracts.clock import _CLOCK, _WORK, _at_risk, _rungs
from slaclock._contracts.events import _listed
from slaclock._contracts.tables import _epoch_us
from slaclock._days.index import NAT_INT
from slaclock._periods.period import Period, Unit
from slaclock.errors import ContractError, InvalidInputError

if TYPE_CHECKING:
    from pendulum import DateTime

    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.contract import Contract
    from slaclock._periods.convention import Convention

__all__ = [
    "KIND_STATES",
    "KindColumns",
    "check_columns",
    "monthly_columns",
    "notice_columns",
    "refusal",
    "window_columns",
]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
T = TypeVar("T")

KIND_STATES: Final = ("not_started", "running", "at_risk", "met", "breached", "expired")
"""The states these kinds take, in the order of :attr:`KindColumns.codes` (:mod:`.evaluate` maps them to its own)."""

_K: Final = {state: i for i, state in enumerate(KIND_STATES)}
_DAY_US: Final = 86_400_000_000
_EPOCH: Final = dt.date(1970, 1, 1)


class EventColumns(Protocol):
    """What is read of :class:`slaclock._contracts.evaluate._Columns`: an event's column as UTC µs."""

    def get(self, name: str, needed_by: str) -> I64: ...


@final
@dataclass(frozen=True, slots=True)
class KindColumns:
    """One clause on every row: state codes (into :data:`KIND_STATES`), due (UTC µs), last day (epoch days),
    overdue time (µs), provisional; NAT_INT where a value is none."""

    codes: npt.NDArray[np.int8]
    due: I64
    last_day: I64
    overdue_by: I64
    provisional: Mask


# -- which clauses, which columns -------------------------------------------------------------------


def refusal(c: Clause) -> str | None:
    """Why ``c`` cannot be evaluated on any row (what a case reports as not supported), or None."""
    if c.kind == "window" and c.period is not None and not c.period.unit.is_day_based:
        return (
            f"clause {brief(c.name)} is a window of {c.period} (hours or minutes), which a case does not evaluate "
            "yet (Status.not_supported); write it as a deadline"
        )
    return None


def check_columns(contract: Contract, chosen: Sequence[Clause], names: Sequence[str]) -> None:
    """Every event the ``chosen`` clauses need is a column of the table; else an error saying how to leave one out.

    An extension notice is not needed (without its column, no row was extended).
    """
    have = set(names)
    missing: dict[str, tuple[str, str]] = {}  # clause → (its first missing event, its role)
    for c in chosen:
        needs = [
            (c.starts_on, "clause {} starts on"),
            (c.met_by, "that meets clause {}"),
            (c.ends_on, "clause {} ends on"),
        ]
        for event, role in needs:  # the role's words are made only for an error
            if event is not None and event in contract.event_names and not _is_date(event) and event not in have:
                missing.setdefault(c.name, (event, role.format(brief(c.name))))
    if missing:
        (event, role), *more = missing.values()
        also = f" (and {len(more)} more clause{'s' if len(more) > 1 else ''} lack a column)" if more else ""
        rest = [c.name for c in chosen if c.name not in missing]
        leave = f"clauses={rest!r}" if rest else "clauses=[...] naming the clauses whose events the table has"
        listed = _listed(brief(n) for n in names) or "none"
        raise InvalidInputError(
            f"no column {brief(event)}, the event {role}{also}; the table's columns: {listed}. Name a column after "
            f"each event (NaT or None where it has not happened), or leave the clause out: {leave}"
        )


# -- shared pieces ----------------------------------------------------------------------------------


def _local_days(cal: WorkCalendar, us: I64) -> I64:
    """The calendar-zone date of each UTC instant, as epoch days (NAT_INT stays)."""
    from slaclock._rules.engine import calendar_zones

    nat = us == NAT_INT
    safe = np.where(nat, 0, us)
    days = calendar_zones(cal, us[~nat]).to_wall(safe) // _DAY_US
    days[nat] = NAT_INT
    return days


def _date(day: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=day)


def _ordinal(day: dt.date) -> int:
    return (day - _EPOCH).days


def _read(f: Callable[[], T]) -> tuple[T, bool]:
    """``f()`` and whether it read a projected day (as a case's status would collect it)."""
    with _provisional.reading() as reads:
        out = f()
    return out, reads.projected


def _per_day(days: I64, rows: Mask, f: Callable[[dt.date], tuple[int, int]]) -> tuple[I64, I64, Mask]:
    """``f(day) -> (due µs, last day)`` once per distinct day of ``rows``: (due, last day, provisional) per row."""
    n = days.size
    due = np.full(n, NAT_INT, dtype=np.int64)
    last = np.full(n, NAT_INT, dtype=np.int64)
    flag = np.zeros(n, dtype=bool)
    if not rows.any():
        return due, last, flag
    uniq, inv = _distinct(days[rows])
    u_due = np.empty(uniq.size, dtype=np.int64)
    u_last = np.empty(uniq.size, dtype=np.int64)
    u_flag = np.empty(uniq.size, dtype=bool)
    for k, day in enumerate(uniq.tolist()):  # one scalar computation per distinct day
        (u_due[k], u_last[k]), u_flag[k] = _read(partial(f, _date(day)))
    due[rows], last[rows], flag[rows] = u_due[inv], u_last[inv], u_flag[inv]
    return due, last, flag


def _distinct(days: I64) -> tuple[I64, I64]:
    """``np.unique(days, return_inverse=True)`` in linear time: days span a few thousand values at most."""
    lo, hi = int(days.min()), int(days.max())
    if hi - lo > 4 * days.size + 100_000:  # a sparse spread: sorting is cheaper than a table of the span
        uniq, inv = np.unique(days, return_inverse=True)
        return uniq, inv.reshape(-1)
    at = days - lo
    present = np.zeros(hi - lo + 1, dtype=bool)
    present[at] = True
    rank = np.cumsum(present) - 1
    return np.flatnonzero(present) + lo, rank[at]


def _start_column(cal: WorkCalendar, c: Clause, cols: EventColumns, n: int, role: str) -> I64:
    """The instant each row's clause starts (or is anchored): its event's, or 00:00 of its fixed date."""
    from slaclock._rules.deadline import read_instant

    if _is_date(c.starts_on):
        at = read_instant(cal, dt.datetime.combine(dt.date.fromisoformat(c.starts_on), dt.time()), "start")
        assert at is not None
        return np.full(n, _epoch_us(at), dtype=np.int64)
    return cols.get(c.starts_on, role)


def _met_column(c: Clause, cols: EventColumns, n: int) -> I64:
    if c.met_by is None:
        return np.full(n, NAT_INT, dtype=np.int64)
    return cols.get(c.met_by, f"that meets clause {brief(c.name)}")


def _refuse_rows(bad: Mask, what: str) -> None:
    if bad.any():
        i = int(np.argmax(bad))
        raise InvalidInputError(
            f"{int(bad.sum()):,} rows where {what}, the first at row {i}; a case reports this clause as not supported"
        )


def _lead_reads_projected(cal: WorkCalendar, w: Period | None, due: I64, last: I64) -> Mask:
    """Rows whose ``warn_before`` lead, counted from now to the due, reads a projected day (as ``clock._at_risk``)."""
    none = np.zeros(due.size, dtype=bool)
    if w is None or cal.horizon != "projected":
        return none
    if w.unit is Unit.WORKDAY:  # the workdays of [today, last day]
        return last > _ordinal(cal.official_until)
    if w.unit in _WORK:  # working time in [now, due)
        return due >= hours_table(cal).official_end
    return none


def _lead_rows(cal: WorkCalendar, w: Period, rows: Mask, due: I64, last: I64, now_us: int, now: DateTime) -> Mask:
    """``clock._lead_reached`` on the ``rows`` (the others: False)."""
    if w.unit in _CLOCK or w.unit in _WORK:
        lead = (_CLOCK.get(w.unit) or _WORK[w.unit]) * w.amount // dt.timedelta(microseconds=1)
        if w.unit in _CLOCK:
            return rows & (now_us >= due - lead)
        b = np.where(rows, due, now_us).view("datetime64[us]")
        left = cal.working_time_between(np.datetime64(now_us, "us"), b, utc=True).view(np.int64)
        return rows & (left <= lead)
    today = _ordinal(now.astimezone(day_table(cal).zone).date())
    if w.unit is Unit.WORKDAY:
        end = np.where(rows, last + 1, today).view("datetime64[D]")
        return rows & (cal.workdays_between(np.datetime64(today, "D"), end) <= w.amount)
    if w.unit in (Unit.DAY, Unit.WEEK):
        return rows & (last - today + 1 <= w.amount * (7 if w.unit is Unit.WEEK else 1))
    import pendulum  # months and years: pendulum's month arithmetic, row by row

    months = w.amount * (12 if w.unit is Unit.YEAR else 1)
    out = np.zeros(rows.size, dtype=bool)
    epoch = pendulum.datetime(1970, 1, 1, tz="UTC")
    for i in np.flatnonzero(rows):
        out[i] = not before(now, epoch.add(microseconds=int(due[i])).in_timezone(cal.tz).subtract(months=months))
    return out


# -- notice clauses ---------------------------------------------------------------------------------


def notice_columns(
    cal: WorkCalendar, conv: Convention, c: Clause, cols: EventColumns, now_us: int, now: DateTime, skip: Mask
) -> KindColumns:
    """A notice clause on every row (``kinds._notice_status``): due at 24:00 of the latest notice day."""
    from slaclock._rules.deadline import notice_deadline

    p = c.period
    assert p is not None
    n = skip.size
    anchor = _start_column(cal, c, cols, n, f"clause {brief(c.name)}'s notice period ends on")
    done = _met_column(c, cols, n)
    known = anchor != NAT_INT

    def latest(day: dt.date) -> tuple[int, int]:
        d = notice_deadline(day, p, calendar=cal, convention=conv)
        return _epoch_us(d.due), _ordinal(d.last_day)

    due, last, provisional = _per_day(_local_days(cal, anchor), known, latest)
    has_done = done != NAT_INT
    until = np.where(has_done, done, now_us)
    breached = known & (until >= due)
    met = known & has_done & ~breached
    running = known & ~breached & ~met
    codes = np.where(known, _K["running"], _K["not_started"]).astype(np.int8)
    if running.any():
        # nothing of a notice period is used before the notice: the share is 0 (it may still reach a share of 0)
        risky, reads = _ladder(cal, c, running, due, last, now_us, now, 0.0)
        codes[risky] = _K["at_risk"]
        provisional |= reads
    codes[met] = _K["met"]
    codes[breached] = _K["breached"]
    overdue = np.where(breached, until - due, NAT_INT)
    return KindColumns(codes, due, last, overdue, provisional & known)


def _ladder(
    cal: WorkCalendar,
    c: Clause,
    rows: Mask,
    due: I64,
    last: I64,
    now_us: int,
    now: DateTime,
    share: npt.NDArray[np.float64] | float,
) -> tuple[Mask, Mask]:
    """``clock._at_risk`` on the ``rows``: past any rung of the clause's ladder (``warn``, ``warn_at``,
    ``warn_before``; ``share`` is the percentage used); and the rows whose leads read a projected day. Every rung
    is tested, as a case tests them (it tested ``warn_at`` and ``warn_before`` only: a fuzz finding)."""
    risky = np.zeros(rows.size, dtype=bool)
    reads = np.zeros(rows.size, dtype=bool)
    for r in _rungs(c):
        if isinstance(r, Period):
            risky |= _lead_rows(cal, r, rows, due, last, now_us, now)
            reads |= _lead_reads_projected(cal, r, due, last)
        else:
            risky |= share >= 100.0 * r
    return risky & rows, reads & rows


# -- window clauses ---------------------------------------------------------------------------------


def window_columns(
    cal: WorkCalendar, conv: Convention, c: Clause, cols: EventColumns, now_us: int, now: DateTime, skip: Mask
) -> KindColumns:
    """A window clause on every row (``kinds._window_status``): from its start to 24:00 (or the close) of its
    last day."""
    from slaclock._rules.deadline import deadline
    from slaclock._rules.windows import fixed_window

    reason = refusal(c)
    if reason is not None:
        raise ContractError(reason)
    n = skip.size
    p = c.period
    start = _start_column(cal, c, cols, n, f"clause {brief(c.name)} starts on")
    started = (start != NAT_INT) & (start <= now_us)
    first = _local_days(cal, start)
    provisional = np.zeros(n, dtype=bool)
    if p is not None:
        nominal = conv.replace(roll_last_day=False)

        def counted(day: dt.date) -> tuple[int, int]:
            d = deadline(day, p, calendar=cal, convention=nominal)
            return 0, _ordinal(d.last_day)

        _, last, provisional = _per_day(first, started, counted)
    else:
        assert c.ends_on is not None
        if _is_date(c.ends_on):
            last = np.where(started, _ordinal(dt.date.fromisoformat(c.ends_on)), NAT_INT)
        else:
            end = cols.get(c.ends_on, f"clause {brief(c.name)} ends on")
            last = np.where(started, _local_days(cal, end), NAT_INT)
    known = started & (last != NAT_INT)
    _refuse_rows(known & (last < first), f"the window of clause {brief(c.name)} ends before the day it opens")

    def closes(day: dt.date) -> tuple[int, int]:
        w = fixed_window(day, day, calendar=cal, convention=conv)  # the close depends on the last day alone
        return _epoch_us(w.closes), _ordinal(w.last_day)

    due, last_day, closed_flag = _per_day(last, known, closes)
    provisional |= closed_flag
    done = _met_column(c, cols, n)
    has_done = done != NAT_INT
    until = np.where(has_done, done, now_us)
    early = started & has_done & (done < start)
    over = known & (until >= due) & ~early
    met = started & has_done & ~early & ~over
    running = started & ~early & ~over & ~met
    codes = np.where(started, _K["running"], _K["not_started"]).astype(np.int8)
    tested = running & known  # the at-risk test needs the window's end
    if tested.any():
        total = np.where(tested, last_day - first + 1, 1)
        today = _ordinal(now.astimezone(day_table(cal).zone).date())
        used = np.maximum(0, np.minimum(today - first, total - 1))
        risky, reads = _ladder(cal, c, tested, due, last_day, now_us, now, 100.0 * used / total)
        codes[risky] = _K["at_risk"]
        provisional |= reads
    codes[met] = _K["met"]
    codes[early] = _K["breached"]
    codes[over] = _K["breached"] if c.met_by is not None else _K["expired"]
    overdue = np.where(over & (c.met_by is not None), until - due, NAT_INT)
    return KindColumns(codes, due, last_day, overdue, provisional & started)


# -- monthly clauses --------------------------------------------------------------------------------


def monthly_columns(
    cal: WorkCalendar, conv: Convention, c: Clause, cols: EventColumns, now_us: int, now: DateTime, skip: Mask
) -> KindColumns:
    """A monthly clause on every row (``kinds._monthly_status``), for the month containing ``now``."""
    from slaclock._contracts.kinds import _next_month
    from slaclock._rules.deadline import read_instant
    from slaclock._rules.windows import monthly_deadline

    n = skip.size
    rule = c.rule
    start = _start_column(cal, c, cols, n, f"clause {brief(c.name)} starts on")
    started = (start != NAT_INT) & (start <= now_us)
    nat = np.full(n, NAT_INT, dtype=np.int64)
    codes = np.full(n, _K["not_started"], dtype=np.int8)
    if not started.any():
        return KindColumns(codes, nat, nat.copy(), nat.copy(), np.zeros(n, dtype=bool))
    first = now.date().replace(day=1)

    def instant(day: dt.date, what: str) -> DateTime:
        at = read_instant(cal, dt.datetime.combine(day, dt.time()), what)
        assert at is not None
        return at

    month_start = _epoch_us(instant(first, "month"))
    opens = np.full(n, month_start, dtype=np.int64)
    flag = np.zeros(n, dtype=bool)
    due_at: DateTime
    if rule is None:
        nxt = _next_month(first)
        due_at, last_day = instant(nxt, "due"), nxt - dt.timedelta(days=1)
    else:
        try:
            d, month_flag = _read(lambda: monthly_deadline(first, rule, calendar=cal, convention=conv))
        except InvalidInputError as exc:
            raise InvalidInputError(f"clause {brief(c.name)}, {strf(first, '%Y-%m')}: {exc}") from None
        due_at, last_day = d.due, d.last_day
        flag |= started & month_flag
        before = started & (start < month_start) if rule.kind == "before" else np.zeros(n, dtype=bool)
        if before.any():  # the window opens where the previous month's closed
            prev, prev_flag = _read(
                lambda: monthly_deadline(first - dt.timedelta(days=1), rule, calendar=cal, convention=conv)
            )
            opens[before] = _epoch_us(prev.due)
            flag |= before & prev_flag
    due_us = _epoch_us(due_at)
    opens = np.maximum(opens, start)
    active = started & (opens < due_us)  # else the month's limit ended before the clause started: not_started
    done = _met_column(c, cols, n)
    in_month = active & (done != NAT_INT) & (done >= opens)  # an earlier one belonged to an earlier month
    until = np.where(in_month, done, now_us)
    over = active & (until >= due_us)
    met = in_month & ~over
    running = active & ~over & ~met
    codes[active] = _K["running"]
    within = rule is not None and rule.kind == "within_first"
    if within:
        # the workdays done, from the 1st to each row's day (a read, made for every row that owes the month)
        assert rule is not None
        total = np.full(n, rule.n, dtype=np.int64)
        done_days, _, wd_flag = _per_day(
            _local_days(cal, until), active, lambda day: (int(cal.workdays_between(first, day)), 0)
        )
        flag |= wd_flag
    else:
        opened = _local_days(cal, opens)
        total = _ordinal(last_day) - opened + 1
        done_days = _ordinal(now.date()) - opened
    if running.any():
        # the share of the month's window used at now, as the case measures it; the test once per distinct share
        used = np.maximum(0, np.minimum(done_days, total - 1))
        percent = 100.0 * used / np.where(running, total, 1)
        uniq, inv = np.unique(percent[running], return_inverse=True)
        risky = np.zeros(uniq.size, dtype=bool)
        risky_flag = np.zeros(uniq.size, dtype=bool)
        for k, share in enumerate(uniq.tolist()):
            risky[k], risky_flag[k] = _read(partial(_at_risk, cal, c, due_at, last_day, share, now))
        where = np.flatnonzero(running)
        codes[where[risky[inv]]] = _K["at_risk"]
        flag[where] |= risky_flag[inv]
    codes[met] = _K["met"]
    codes[over] = _K["breached"]
    due = np.where(active, due_us, NAT_INT)
    last = np.where(active, _ordinal(last_day), NAT_INT)
    overdue = np.where(over, until - due_us, NAT_INT)
    return KindColumns(codes, due, last, overdue, flag & started)
