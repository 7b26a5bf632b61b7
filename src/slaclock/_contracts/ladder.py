"""Warning ladders: several thresholds before a breach, each with its own warning instant.

A clause's ladder is its ``warn`` rungs, then ``warn_at`` and ``warn_before`` (the
one-rung shorthand). A rung is a *share* of the period in (0, 1) ("50%") or a
*lead* time before the due ("2小时"). Each rung has a label and, for a running
cycle, a **warning instant**: the first instant from which the clause counts as
past that rung. ``now >= instant`` is exactly the at-risk test of
:func:`slaclock._contracts.clock._at_risk` for that one rung (the property tests
hold the two together), so a status's ``risk`` and its ``at_risk`` state agree.

Maintainer's notes
------------------
* **Shares** are measured as :mod:`.clock` measures ``percent_used``: wall or
  working time from the clock's last (re)start plus what was used before it; or
  whole days (workdays) completed *before today*, capped at all but the last day.
  So a share of a day period is reached at 00:00 of a day, and a share a count
  of whole days never reaches before its due (a share of "1日") has no instant
  (None). The float test ``100 * used / total >= 100 * share`` is kept exactly:
  the instant is the first microsecond (or day) that passes it.
* **Leads** are counted back from the due as :func:`.clock._lead_passed` counts:
  wall time, working time left in ``[now, due)`` (reached at the close before a
  gap, not at the next opening), workdays of ``[today, last day]``, days of it,
  or months (pendulum's month arithmetic).
* **Never before the clock runs.** An instant before the clock's last (re)start
  is that start: the rung is passed as soon as the clause runs. While a pausable
  clause is paused its due is unknown, and so are its instants (no warnings).
* **The shorthand alone** (``warn_at`` / ``warn_before`` without ``warn``): evaluate
  tests it on columns directly (:func:`at_risk_rows`, ``_at_risk`` and the elapsed
  share of :func:`.clock._elapsed`), with no instant to find.
* **Only while running.** Instants are given for a running clause (``"running"``
  or ``"at_risk"``), in a case and in ``evaluate`` alike. Every instant lies
  between the clock's start and its due, and the reads it makes (workdays back
  from the last day, working time back from the due, days forward from the
  start) stay inside the due's own range: a running status reads a projected
  day for its instants only where its due or its at-risk test already did.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import numpy as np
import numpy.typing as npt

from slaclock._base.instants import before, from_utc_us, shifted, utc_us, wall
from slaclock._calendar import day_table
from slaclock._contracts.clause import Rung, label
from slaclock._contracts.clock import _CLOCK, _WORK, _day0, _rungs, _timed, _total, _workdays_through
from slaclock._days.index import NAT_INT
from slaclock._periods.period import Period, Unit

if TYPE_CHECKING:
    from pendulum import DateTime

    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.clock import _ReplayedClock
    from slaclock._periods.convention import Convention

I64: TypeAlias = npt.NDArray[np.int64]
Mask: TypeAlias = npt.NDArray[np.bool_]

__all__ = ["at_risk_rows", "label", "ladder", "ladder_columns", "risk_of", "share_need", "warning_instants"]

_ONE_US: Final = dt.timedelta(microseconds=1)
_US_DAY: Final = 86_400_000_000


# -- the rungs ---------------------------------------------------------------------------------------


def ladder(c: Clause) -> tuple[Rung, ...]:
    """The clause's rungs in order: ``warn``, then ``warn_at``, then ``warn_before``."""
    return _rungs(c)


# -- instants of one running clock ------------------------------------------------------------------


def warning_instants(
    cal: WorkCalendar, c: Clause, limit: Period, run: _ReplayedClock
) -> tuple[tuple[str, DateTime | None], ...]:
    """(label, warning instant) per rung of ``c`` for the clock ``run`` (its segment after the last restart).

    Empty while the clock is stopped (the due is unknown). An instant is None when
    the rung cannot be passed before the due (a share of a whole-day count too short
    to reach it).
    """
    d = run.due
    rungs = ladder(c)
    if d is None or not rungs:
        return ()
    out: list[tuple[str, DateTime | None]] = []
    for r in rungs:
        t = (
            _lead_instant(cal, r, d.due, d.last_day, run.anchor)
            if isinstance(r, Period)
            else _share_instant(cal, limit, r, run)
        )
        out.append((label(r), None if t is None else run.anchor if before(t, run.anchor) else t))
    return tuple(out)


def risk_of(warnings: Sequence[tuple[str, DateTime | None]], now: DateTime) -> str | None:
    """The label of the highest rung passed at ``now``: the latest instant ``<= now`` (ties: the later rung)."""
    best: tuple[DateTime, str] | None = None
    for name, t in warnings:
        if t is not None and not before(now, t) and (best is None or not before(t, best[0])):
            best = (t, name)
    return None if best is None else best[1]


def share_need(share: float, total: int) -> int:
    """The least ``k >= 0`` with ``100 * (k / total) >= 100 * share`` in floats, as the at-risk test computes it."""
    k = max(math.ceil(share * total) - 1, 0)
    while 100.0 * (k / total) < 100.0 * share:
        k += 1
    while k > 0 and 100.0 * ((k - 1) / total) >= 100.0 * share:  # pragma: no cover - ceil is never over by two
        k -= 1
    return k


def _share_instant(cal: WorkCalendar, limit: Period, share: float, run: _ReplayedClock) -> DateTime | None:
    assert run.due is not None
    total = _total(limit, run.due)
    anchor = run.anchor
    if isinstance(total, dt.timedelta):
        assert isinstance(run.used, dt.timedelta)
        left = share_need(share, total // _ONE_US) - run.used // _ONE_US
        if left <= 0:
            return anchor
        if limit.unit in _CLOCK:
            return from_utc_us(day_table(cal).tzone(), utc_us(anchor) + left)
        return _first_at(cal, cal.add_working_time(anchor, dt.timedelta(microseconds=left)))
    assert isinstance(run.used, int)
    k = share_need(share, total)
    if k > total - 1:  # whole days: before the due, at most all but the last day is used
        return None
    left = k - run.used
    if left <= 0:
        return anchor
    day0 = _day0(run.due)
    if limit.unit is Unit.WORKDAY:
        day = cal.add_workdays(day0, left) + dt.timedelta(days=1)
    else:
        day = day0 + dt.timedelta(days=left + 1)
    return _midnight(cal, day)


def _lead_instant(cal: WorkCalendar, w: Period, due: DateTime, last_day: dt.date, anchor: DateTime) -> DateTime:
    if w.unit in _CLOCK:
        return shifted(day_table(cal).tzone(), due, -_CLOCK[w.unit] * w.amount)
    if w.unit in _WORK:
        lead = _WORK[w.unit] * w.amount
        if cal.working_time_between(anchor, due) <= lead:
            return anchor
        return _first_at(cal, cal.add_working_time(due, -lead))
    if w.unit is Unit.WORKDAY:
        if _workdays_through(cal, anchor.date(), last_day) <= w.amount:
            return anchor
        # the (amount + 1)-th workday back from the last day (itself counted): from the next day on, amount are left
        back = w.amount if cal.is_workday(last_day) else w.amount + 1
        return _midnight(cal, cal.add_workdays(last_day, -back) + dt.timedelta(days=1))
    if w.unit in (Unit.DAY, Unit.WEEK):
        days = w.amount * (7 if w.unit is Unit.WEEK else 1)
        first = last_day.toordinal() - days + 1
        if first <= anchor.date().toordinal():
            return anchor
        return _midnight(cal, dt.date.fromordinal(first))
    months = w.amount * (12 if w.unit is Unit.YEAR else 1)
    m: DateTime = due.subtract(months=months)
    return m


def _first_at(cal: WorkCalendar, x: DateTime) -> DateTime:
    """The first instant of the stretch without working time that ends at ``x`` (``x`` itself inside hours).

    Working time counted to (or from) an opening is the same from the close before it:
    the rung is passed from that close.
    """
    back = cal.add_working_time(x, -_ONE_US)
    return from_utc_us(day_table(cal).tzone(), utc_us(back) + 1)


def _midnight(cal: WorkCalendar, day: dt.date) -> DateTime:
    """00:00 of ``day`` in the calendar's zone (the first instant of the day, past a DST gap)."""
    return wall(day_table(cal).tzone(), day.year, day.month, day.day, 0, 0, 0, 0)


# -- instants on columns (``evaluate``) ---------------------------------------------------------------


def ladder_columns(
    cal: WorkCalendar, conv: Convention, c: Clause, limit: Period, rows: Mask, start: I64, due: I64, last: I64
) -> list[tuple[str, I64]]:
    """(label, instants) per rung, as :func:`warning_instants` for clocks never paused: UTC µs, NaT off ``rows``.

    ``start``/``due`` are UTC µs and ``last`` epoch days of the limit in force on ``rows``.
    """
    from slaclock._rules.engine import ColumnRun, Starts, calendar_zones

    nat = np.int64(NAT_INT)
    start = np.where(rows, start, nat)
    due = np.where(rows, due, nat)
    last = np.where(rows, last, nat)
    zones = calendar_zones(cal, np.concatenate([start[rows], due[rows]]))
    # the local day of the start, and of each day's 00:00 as a UTC instant
    start_day = np.where(rows, np.floor_divide(zones.to_wall(np.where(rows, start, 0)), _US_DAY), nat)

    def midnight(day: I64) -> I64:
        live = rows & (day != nat)
        at = zones.to_utc(np.where(live, day, 0) * _US_DAY, gap="jump")[0]
        return np.where(live, at, nat)

    def first_at(x: I64) -> I64:  # as _first_at: from the close before an opening
        back = _us(cal.add_working_time(_dt64(x), -_ONE_US, utc=True))
        return np.where(x == nat, nat, back + 1)

    day0: I64 | None = None
    out: list[tuple[str, I64]] = []
    for r in ladder(c):
        inst: I64
        if isinstance(r, Period):
            inst = _lead_column(cal, r, rows, start, start_day, due, last, midnight, first_at)
        elif _timed(limit.unit):
            need = share_need(r, _period_us(limit))
            if limit.unit in _CLOCK:
                inst = np.where(rows, start + need, nat)
            else:
                step = np.timedelta64(need, "us")
                inst = first_at(_us(cal.add_working_time(_dt64(start), step, utc=True)))
        else:
            if day0 is None:
                col = Starts.of(cal, np.where(rows, start, nat).view("datetime64[us]"), True)
                day0 = ColumnRun(cal, conv, col).deemed()
            total: int | I64
            if limit.unit in (Unit.MONTH, Unit.YEAR):
                total = np.maximum(last - day0, 1)
            else:
                fixed = _total(limit)
                assert isinstance(fixed, int)
                total = fixed
            k = _share_need_column(r, total, rows.size)
            reach = rows & (k <= total - 1)
            if limit.unit is Unit.WORKDAY:
                d = cal.add_workdays(np.where(reach, day0, nat).view("datetime64[D]"), np.where(reach, k, 0))
                day = np.where(reach, d.view(np.int64) + 1, nat)
            else:
                day = np.where(reach, day0 + k + 1, nat)
            inst = midnight(day)
        live = rows & (inst != nat)
        out.append((label(r), np.where(live, np.maximum(inst, start), nat)))
    return out


def _lead_column(
    cal: WorkCalendar,
    w: Period,
    rows: Mask,
    start: I64,
    start_day: I64,
    due: I64,
    last: I64,
    midnight: Callable[[I64], I64],
    first_at: Callable[[I64], I64],
) -> I64:
    nat = np.int64(NAT_INT)
    if w.unit in _CLOCK:
        return np.where(rows, due - _period_us(w), nat)
    if w.unit in _WORK:
        lead = _period_us(w)
        inside = cal.working_time_between(_dt64(start), _dt64(due), utc=True).view(np.int64) <= lead
        todo = rows & ~inside
        x = _us(cal.add_working_time(_dt64(np.where(todo, due, nat)), -np.timedelta64(lead, "us"), utc=True))
        return np.where(todo, first_at(x), np.where(rows, start, nat))
    if w.unit is Unit.WORKDAY:
        fill = start_day[rows][0]  # a count has no NaT: rows off ``rows`` count [fill, fill)
        a = np.where(rows, start_day, fill).view("datetime64[D]")
        through = cal.workdays_between(a, np.where(rows, last + 1, fill).view("datetime64[D]"))
        todo = rows & (through > w.amount)
        lastd = np.where(todo, last, fill).view("datetime64[D]")
        back = np.where(cal.is_workday(lastd), w.amount, w.amount + 1)
        day = np.where(todo, cal.add_workdays(lastd, -back).view(np.int64) + 1, nat)
        return np.where(todo, midnight(day), np.where(rows, start, nat))
    if w.unit in (Unit.DAY, Unit.WEEK):
        first = last - w.amount * (7 if w.unit is Unit.WEEK else 1) + 1
        todo = rows & (first > start_day)
        return np.where(todo, midnight(np.where(todo, first, nat)), np.where(rows, start, nat))
    import pendulum

    months = w.amount * (12 if w.unit is Unit.YEAR else 1)
    out = np.full(rows.size, nat, dtype=np.int64)
    epoch = pendulum.datetime(1970, 1, 1, tz="UTC")
    for i in np.flatnonzero(rows):
        d = epoch.add(microseconds=int(due[i])).in_timezone(cal.tz)
        out[i] = utc_us(d.subtract(months=months))
    return out


def _share_need_column(share: float, total: int | I64, n: int) -> I64:
    """:func:`share_need` for each row's ``total`` (whole days)."""
    if isinstance(total, int):
        return np.full(n, share_need(share, total), dtype=np.int64)
    k: I64 = np.maximum(np.ceil(share * total).astype(np.int64) - 1, 0)
    short = 100.0 * k / total < 100.0 * share
    while short.any():
        k = k + short
        short = 100.0 * k / total < 100.0 * share
    return k


def _period_us(p: Period) -> int:
    """A period of (working) hours or minutes in µs."""
    return (_CLOCK.get(p.unit) or _WORK[p.unit]) * p.amount // _ONE_US


def _dt64(us: I64) -> npt.NDArray[np.datetime64]:
    return us.view("datetime64[us]")


def _us(a: Any) -> I64:
    return np.asarray(a).astype("datetime64[us]").view(np.int64).reshape(-1)


def _lead_us(p: Period) -> int:
    """A period of (working) hours or minutes in µs."""
    return (_CLOCK.get(p.unit) or _WORK[p.unit]) * p.amount // _ONE_US


def at_risk_rows(
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
    """``clock._at_risk`` for the running ``rows`` counted against ``limit`` (other rows: False): evaluate's test
    of the one-rung shorthand (``warn_at`` / ``warn_before`` without a ladder), with no instant to find."""
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
        out[i] = not before(now, d.subtract(months=months))
    return out
