"""The clock of a deadline clause: its replay through pauses, and what is used, left and at risk.

Shared by :class:`~slaclock.Case` (one case, :mod:`.kinds`) and ``evaluate`` (the
measure of a limit, :func:`_total`; the units of time, :data:`_CLOCK`, :data:`_WORK`
and :func:`_timed`; the threshold convention), so that both count one way.

Maintainer's notes
------------------
* **Pauses** ("clocks that stop", docs/contracts.md, "The pause rule") affect ``pausable`` deadline clauses
  only, and only a clause that is running: a pause that begins at or after the
  clause's current due does not revive a breached clause. "The elapsed part is
  kept, and the rest of the period resumes from the moment the clock restarts, in
  the period's own unit":

  - hours and minutes: the time elapsed is kept, the rest runs from
    the resumption, so the due moves by exactly the paused duration;
  - working hours and minutes: the same in working time;
  - days, weeks and workdays: only *whole* days count (art. 201 counts days whole:
    the part-day on which a period starts is not counted). The days kept are the
    period's days completed *before* the pause day; the pause day is a part-day
    and is not counted, and the resumption starts the rest as a new period
    ``Period(rest, unit)`` whose start day (the resumption day) is not counted
    either (art. 201 para 1), then art. 203 rolls its last day as usual. When a
    pause falls on the rest days an art. 203 roll added after the period's
    nominal last day, one day is kept as the rest (the roll is part of the last
    day). Weeks count as 7 days.
  - months and years: pausing them is not supported yet; such a clause is
    reported in :attr:`Status.not_supported` instead of given a wrong due.
* **Instants** are compared with :func:`~slaclock._base.instants.before`, and time is
  added and measured with ``shifted`` and ``elapsed``, never with ``<`` and ``-``: Python
  compares and subtracts two datetimes of one zone by their wall fields, wrong across a
  change of the zone's offset (a case in New York, over its DST nights). The same holds
  in :mod:`.kinds`, :mod:`.ladder`, :mod:`.case` and the invariants.
* **At risk.** ``_at_risk`` tests every rung of the clause's warning ladder
  (``warn``, ``warn_at``, ``warn_before``; :mod:`.ladder`) even when one decides,
  so that what is read does not depend on their order (``evaluate`` repeats the
  reads on columns). :mod:`.ladder` turns each test into a warning instant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from slaclock._base.instants import before, elapsed, shifted
from slaclock._base.types import Lang
from slaclock._calendar import day_table
from slaclock._periods.convention import Convention
from slaclock._periods.period import Period, Unit
from slaclock._rules.deadline import Deadline, day_of_end, deadline

if TYPE_CHECKING:
    from pendulum import DateTime

    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.clause import Clause


_ZERO: Final = dt.timedelta(0)
_CLOCK: Final = {Unit.HOUR: dt.timedelta(hours=1), Unit.MINUTE: dt.timedelta(minutes=1)}
_WORK: Final = {Unit.WORK_HOUR: dt.timedelta(hours=1), Unit.WORK_MINUTE: dt.timedelta(minutes=1)}


def _timed(unit: Unit) -> bool:
    """Whether ``unit`` is measured in (working) time rather than whole days."""
    return unit in _CLOCK or unit in _WORK


@dataclass(slots=True)
class _ReplayedClock:
    """A replayed clock: where it last (re)started, what it had used by then, and its due."""

    anchor: DateTime
    used: dt.timedelta | int
    due: Deadline | None = None  # the deadline of the running segment; None while stopped
    paused_since: DateTime | None = None
    lines: list[str] = field(default_factory=list)


def _threshold_convention(conv: Convention) -> Convention:
    """``conv`` for a threshold: a plain count of days (or time) whose last day ends at 24:00, never moved."""
    return conv.replace(
        name=f"{conv.name}, threshold",
        roll_last_day=False,
        close_of_business=None,
        rest_day_receipt="next_day",
        cutoff=None,
        roll_clock_time=False,
    )


def _total(p: Period, d: Deadline | None = None) -> dt.timedelta | int:
    """The whole limit in its measure: a timedelta of (working) time, or days, or workdays."""
    if p.unit in _CLOCK:
        return _CLOCK[p.unit] * p.amount
    if p.unit in _WORK:
        return _WORK[p.unit] * p.amount
    if p.unit is Unit.WEEK:
        return 7 * p.amount
    if p.unit in (Unit.MONTH, Unit.YEAR):
        # months are measured in the days they span here (they are never paused, so d is the whole count)
        assert d is not None
        return max((d.last_day - _day0(d)).days, 1)
    return p.amount


def _day0(d: Deadline) -> dt.date:
    """The day a day-based count starts after (not counted), after the convention's receipt rules."""
    for step in d.trace:
        if step[0] == "start_excluded":
            day: dt.date = step[1]
            return day
    start = d.start  # pragma: no cover - every day-based deadline records its day 0
    return start.date() if isinstance(start, dt.datetime) else start  # pragma: no cover


def _days_done(cal: WorkCalendar, unit: Unit, day0: dt.date, day: dt.date) -> int:
    """Whole days (or workdays) of a count from ``day0`` completed before ``day``: those in (day0, day)."""
    if day <= day0:
        return 0
    if unit is Unit.WORKDAY:
        return int(cal.workdays_between(day0 + dt.timedelta(days=1), day))
    return (day - day0).days - 1


def _rest(limit: Period, used: dt.timedelta | int) -> Period | dt.timedelta:
    """What is left of ``limit`` after ``used``: a Period for day units, a timedelta for time."""
    total = _total(limit)
    if isinstance(total, dt.timedelta):
        assert isinstance(used, dt.timedelta)
        return total - used
    assert isinstance(used, int)
    return Period(total - used, Unit.DAY if limit.unit is Unit.WEEK else limit.unit)


def _segment(
    cal: WorkCalendar, conv: Convention, limit: Period, anchor: DateTime, used: dt.timedelta | int
) -> Deadline:
    """The deadline if the clock, restarted at ``anchor`` with ``used`` kept, now runs to the end."""
    if not used:
        return deadline(anchor, limit, calendar=cal, convention=conv)
    rest = _rest(limit, used)
    if isinstance(rest, Period):
        return deadline(anchor, rest, calendar=cal, convention=conv)
    assert isinstance(used, dt.timedelta)
    if limit.unit in _CLOCK:
        # hours run straight through: shift the start back by the time used, so the due is exactly
        # the restart plus the rest, and art. 203 (if the convention rolls clock time) still applies
        return deadline(shifted(day_table(cal).tzone(), anchor, -used), limit, calendar=cal, convention=conv)
    # working time: the rest runs from the restart
    end = cal.add_working_time(anchor, rest)
    last = day_of_end(end)
    return Deadline(anchor, limit, end, last, cal.is_provisional(last), cal, conv, "after", (("work_due", limit, end),))


def _run_clock(
    cal: WorkCalendar,
    conv: Convention,
    limit: Period,
    start: DateTime,
    stops: list[tuple[DateTime, DateTime | None, str]],
    until: DateTime,
    lang: Lang,
) -> _ReplayedClock:
    run = _ReplayedClock(start, _ZERO if _timed(limit.unit) else 0)
    d = _segment(cal, conv, limit, start, run.used)
    zh = lang == "zh"
    for p, r, reason in stops:
        p_eff = run.anchor if before(p, run.anchor) else p
        if not before(p_eff, d.due):
            # the limit had run out: a later pause cannot revive it
            run.lines.append(
                f"{p.isoformat()}暂停（{reason}）时时限已届满，不中止计算"
                if zh
                else f"the pause at {p.isoformat()} ({reason}) came after the limit expired and does not stop it"
            )
            break
        kept = _kept(cal, limit, d, run.anchor, p_eff, run.used)
        run.used = kept
        left = _rest(limit, kept)
        run.lines.append(
            f"{p_eff.isoformat()}暂停（{reason}），已用{_used_text(kept, limit, zh)}，剩余{_used_text(left, limit, zh)}"
            if zh
            else f"paused at {p_eff.isoformat()} ({reason}): {_used_text(kept, limit, zh)} used, "
            f"{_used_text(left, limit, zh)} left"
        )
        if r is None or before(until, r):
            run.paused_since = p_eff
            return run
        run.anchor = r
        d = _segment(cal, conv, limit, r, kept)
        run.lines.append(
            f"{r.isoformat()}恢复计算，剩余{_used_text(left, limit, zh)}自此时起算"
            if zh
            else f"resumed at {r.isoformat()}: the remaining {_used_text(left, limit, zh)} count from then"
        )
    run.due = d
    return run


def _kept(
    cal: WorkCalendar, limit: Period, d: Deadline, anchor: DateTime, p: DateTime, used: dt.timedelta | int
) -> dt.timedelta | int:
    """What has been used of ``limit`` when the clock stops at ``p`` (before the due of segment ``d``)."""
    total = _total(limit)
    if isinstance(total, dt.timedelta):
        assert isinstance(used, dt.timedelta)
        ran: dt.timedelta = elapsed(p, anchor) if limit.unit in _CLOCK else cal.working_time_between(anchor, p)
        # p is before the due, so some time is left; the bound only guards against rounding
        return min(used + ran, total - dt.timedelta(microseconds=1))
    assert isinstance(used, int)
    done = _days_done(cal, limit.unit, _day0(d), p.date())
    # never more than all but one day: a pause in an art. 203 roll keeps the last day
    return min(used + done, total - 1)


def _used_text(x: dt.timedelta | int | Period, limit: Period, zh: bool) -> str:
    if isinstance(x, Period):
        return x.zh if zh else str(x)
    if isinstance(x, int):
        if zh:
            return f"{x}{'个工作日' if limit.unit is Unit.WORKDAY else '日'}"
        word = "workday" if limit.unit is Unit.WORKDAY else "day"
        return f"{x} {word}{'' if x == 1 else 's'}"
    prefix = ("工作时间" if zh else "working time ") if limit.unit in _WORK else ""
    return f"{prefix}{x}"


def _elapsed(
    cal: WorkCalendar, run: _ReplayedClock, limit: Period, total: dt.timedelta | int, until: DateTime, over: bool
) -> dt.timedelta | int:
    """Used of the limit at ``until``, capped at the limit (all of it once overdue)."""
    if over:
        return total
    if run.due is None:  # stopped: what was kept
        return run.used
    anchor = run.anchor
    if isinstance(total, dt.timedelta):
        assert isinstance(run.used, dt.timedelta)
        ran: dt.timedelta = elapsed(until, anchor) if limit.unit in _CLOCK else cal.working_time_between(anchor, until)
        # done before a fixed-date start: nothing used
        return min(run.used + max(ran, _ZERO), total)
    assert isinstance(run.used, int)
    done = run.used + _days_done(cal, limit.unit, _day0(run.due), until.date())
    # before the due, at least the last day remains (the rest days of an art. 203 roll belong to it)
    return min(done, total - 1)


def _rungs(c: Clause) -> tuple[float | Period, ...]:
    """The clause's warning ladder in order: ``warn``, then ``warn_at``, then ``warn_before``."""
    out: tuple[float | Period, ...] = c.warn
    if c.warn_at is not None:
        out += (c.warn_at,)
    if c.warn_before is not None:
        out += (c.warn_before,)
    return out


def _at_risk(cal: WorkCalendar, c: Clause, due: DateTime, last_day: dt.date, percent: float, now: DateTime) -> bool:
    """Whether a running clause due at ``due`` (last day ``last_day``) is past a rung of its warning ladder.

    Every rung is tested, even when one decides: a lead's count reads calendar days, and whether the
    status is provisional must not depend on the order of the tests (``evaluate`` makes them all on columns).
    """
    risk = False
    for r in _rungs(c):
        if isinstance(r, Period):
            risk = _lead_passed(cal, r, due, last_day, now) or risk
        else:
            risk = risk or percent >= 100.0 * r
    return risk


def _lead_reached(cal: WorkCalendar, c: Clause, due: DateTime, last_day: dt.date, now: DateTime) -> bool:
    """Whether ``now`` is within the clause's ``warn_before`` of its due."""
    return c.warn_before is not None and _lead_passed(cal, c.warn_before, due, last_day, now)


def _lead_passed(cal: WorkCalendar, w: Period, due: DateTime, last_day: dt.date, now: DateTime) -> bool:
    """Whether ``now`` is within the lead ``w`` of the due (in ``w``'s unit: time, working time, days, months)."""
    if w.unit in _CLOCK:
        return not before(now, shifted(day_table(cal).tzone(), due, -_CLOCK[w.unit] * w.amount))
    if w.unit in _WORK:
        return cal.working_time_between(now, due) <= _WORK[w.unit] * w.amount
    if w.unit is Unit.WORKDAY:
        # workdays from today to the last day, both counted
        return _workdays_through(cal, now.date(), last_day) <= w.amount
    if w.unit in (Unit.DAY, Unit.WEEK):
        return (last_day - now.date()).days + 1 <= w.amount * (7 if w.unit is Unit.WEEK else 1)
    months = w.amount * (12 if w.unit is Unit.YEAR else 1)
    return not before(now, due.subtract(months=months))


def _workdays_through(cal: WorkCalendar, first: dt.date, last: dt.date) -> int:
    """The workdays of [first, last], both counted (``last`` may be the last day a date holds)."""
    if last < dt.date.max:
        return int(cal.workdays_between(first, last + dt.timedelta(days=1)))
    return int(cal.workdays_between(first, last)) + int(cal.is_workday(last))
