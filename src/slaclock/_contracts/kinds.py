"""How each kind of clause stands in a case at ``now``: deadlines and thresholds, monthly, notice and window clauses.

Each function reads a :class:`~slaclock.Case` (its events, calendar and contract)
and gives a :class:`~slaclock.ClauseStatus`, or the reason the clause is not
evaluated (reported in :attr:`Status.not_supported <slaclock.Status.not_supported>`).
The clock of a deadline (pauses, elapsed, at risk) is :mod:`.clock`'s.

Maintainer's notes
------------------
* **Extensions.** The extended limit is the cap (or the period the notice states,
  for a clause without a cap) counted from the clause's own start, with the same
  pauses applied.
* **Status while paused.** The due of a paused clause is unknown until the clock
  restarts: ``due`` is None and ``remaining`` is the part kept.
* **Threshold clauses** ("逾期超过30日") are replayed as deadlines (never paused:
  the contract refuses a pausable one) under the contract's convention with the
  art. 203 roll, the close of business, the deemed-receipt rules and clock-time
  rolling switched off: a plain count whose last day ends at 24:00. Their
  explanation adds the instant from which the count is exceeded.
* **Monthly clauses** are judged for the month containing ``now``, once their
  start event (or date) has passed. The month's due is :func:`monthly_deadline`
  ("每月初五个工作日内": 24:00 of the month's 5th workday, counted from the 1st;
  "每月的第一个工作日前": 00:00 of its first workday); a clause without a rule
  ("每月一次") is due at the month's end, 24:00 of its last day (no close of
  business, no roll: the whole month is the window). The month's window opens at
  00:00 of the 1st, or, for a "before" rule, where the previous month's closed
  (its due is at or just after the 1st, so the work is done in the days before);
  never before the clause's start. ``met_by`` meets the month if it falls inside
  the window; an earlier one belonged to an earlier month and does not count (a
  case records each event once, so one ``met_by`` meets at most one month). A
  month whose due came before the clause started owes nothing: ``"not_started"``.
  "Within the first N workdays" is measured in workdays from the 1st; the other
  two in days of the window.
* **Notice clauses** count backward from their anchor, the ``starts_on`` event
  or date (the date the notice period ends on, e.g. the termination date): the
  due is :func:`notice_deadline` (24:00 of the latest notice day, never rolled
  forward). The notice meets it if given before the due. While the anchor is an
  event not yet recorded, its date is unknown and the clause is
  ``"not_started"`` (``done_at`` shows a notice already given). ``start`` is the
  anchor; ``remaining`` is the days left to give notice, the latest notice day
  included; ``elapsed`` is 0 (nothing of a notice period is used before the
  notice), ``percent_used`` 0, or 100 once breached.
* **Window clauses** ("有效期自A至B", "此后6个月内") run from ``starts_on`` (the
  event's instant, or 00:00 of a fixed date) to 24:00 of the last day (or its
  close of business), both days included and the last day not rolled
  (``convention.roll_fixed_ranges`` rolls it). With a period, the last day is
  the period counted as a deadline (art. 201: the start day not counted; art.
  202 for months) without the art. 203 roll. With ``ends_on`` an event, the end
  is unknown until it is recorded (``due`` None). A window without ``met_by``
  (a plain term) is ``"running"`` and then ``"expired"``: nothing can be missed.
  With ``met_by``, the event should happen inside it, as a deadline's: ``"met"``
  inside, ``"breached"`` when not done by the close (``overdue_by`` from the
  close) or done before the window opened (``overdue_by`` None). Measured in
  days of the window. Windows of hours, and paused pausable windows, are not
  evaluated yet (:attr:`Status.not_supported`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from slaclock._base import instants
from slaclock._base.instants import before
from slaclock._base.show import strf
from slaclock._base.types import Lang
from slaclock._contracts.clock import (
    _ZERO,
    _at_risk,
    _elapsed,
    _run_clock,
    _threshold_convention,
    _total,
)
from slaclock._contracts.ladder import risk_of, warning_instants
from slaclock._contracts.status import ClauseState, ClauseStatus, MeasureUnit
from slaclock._periods.period import Period, Unit, period
from slaclock._rules.deadline import deadline, notice_deadline
from slaclock._rules.windows import fixed_window, monthly_deadline
from slaclock.errors import CalendarHorizonError, InvalidInputError

if TYPE_CHECKING:
    from pendulum import DateTime

    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.case import Case
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.events import CaseEvent
    from slaclock._periods.convention import Convention


_PERIOD_UNIT: Final[dict[Unit, MeasureUnit]] = {
    Unit.MINUTE: "time",
    Unit.HOUR: "time",
    Unit.WORK_MINUTE: "working_time",
    Unit.WORK_HOUR: "working_time",
    Unit.DAY: "days",
    Unit.WEEK: "days",
    Unit.MONTH: "days",
    Unit.YEAR: "days",
    Unit.WORKDAY: "workdays",
}


def _clause_start(case: Case, c: Clause) -> DateTime | None:
    """The instant a clause starts: its start event's, or 00:00 of its fixed date; None before it."""
    ref = c.starts_on
    if ref not in case.contract.event_names:  # a fixed date 'YYYY-MM-DD' (the contract checked it)
        return case._instant_arg(dt.datetime.combine(dt.date.fromisoformat(ref), dt.time()), "start")
    return case.occurred(ref)


def _limit_in_force(case: Case, c: Clause, now: DateTime) -> tuple[Period, CaseEvent | None]:
    """The limit in force at ``now`` (the case's target row's, or the clause's period) and the extension that set it."""
    standard = c.period_for(case.attributes)
    assert standard is not None
    for e in case.events:
        if e.kind == "extend" and e.get("clause") == c.name and not before(now, e.at):
            text = e.get("period")
            if text is not None:
                return period(text), e
            assert c.extension is not None
            assert c.extension.cap is not None
            return c.extension.cap, e
    return standard, None


def _pause_spans(case: Case, now: DateTime) -> list[tuple[DateTime, DateTime | None, str]]:
    """The case's pauses up to ``now``: (from, to or None if open, reason)."""
    out: list[tuple[DateTime, DateTime | None, str]] = []
    for e in case.events:
        if before(now, e.at):
            break
        if e.kind == "pause":
            out.append((e.at, None, e.name))
        elif e.kind == "resume":
            p, _, reason = out[-1]
            out[-1] = (p, e.at, reason)
    return out


# -- deadline and threshold clauses ----------------------------------------------------------------


def _clause_status(case: Case, c: Clause, now: DateTime, lang: Lang) -> ClauseStatus | str:
    conv = case.contract.convention
    if c.kind == "threshold":
        conv = _threshold_convention(conv)
    start = _clause_start(case, c)
    limit, ext = _limit_in_force(case, c, now)
    done_at = case.occurred(c.met_by) if c.met_by is not None else None
    return _counted(case, c, conv, start, limit, ext, done_at, now, lang)


def _counted(
    case: Case,
    c: Clause,
    conv: Convention,
    start: DateTime | None,
    limit: Period,
    ext: CaseEvent | None,
    done_at: DateTime | None,
    now: DateTime,
    lang: Lang,
) -> ClauseStatus | str:
    """A deadline counted from ``start`` under ``limit``, met at ``done_at`` (or not yet), at ``now``.

    A deadline's or threshold's status, and each cycle of a recurring clause's.
    """
    cal = case.calendar
    unit = _PERIOD_UNIT[limit.unit]
    zero: dt.timedelta | int = _ZERO if unit in ("time", "working_time") else 0
    if start is None or before(now, start):
        return ClauseStatus(
            c.name, "not_started", limit, None, None, None, None, unit, zero, zero, 0.0, None, None, False, ""
        )
    until = done_at if done_at is not None else now
    stops = _pause_spans(case, until) if c.pausable else []
    stops = [s for s in stops if s[1] is None or before(start, s[1])]  # pauses over before the start do not matter
    if done_at is not None:
        # nor a pause from the instant the clause was met: its clock had stopped. A resume at or after that
        # instant does not restart it either, whichever order the events at one instant were recorded in
        stops = [
            (p, None if r is not None and not before(r, done_at) else r, why)
            for p, r, why in stops
            if before(p, done_at)
        ]
    if stops and limit.unit in (Unit.MONTH, Unit.YEAR):
        return f"pausing a {limit.unit.value} period is not supported yet (the case was paused)"
    run = _run_clock(cal, conv, limit, start, stops, until, lang)
    lines = list(run.lines)
    row = c.target_for(case.attributes)
    if row is not None and ext is None:
        lines.insert(
            0,
            f"适用目标（{row.words('zh')}）：{row.wording}"
            if lang == "zh"
            else f"target ({row.words('en')}): {row.period}",
        )
    if ext is not None:
        lines.insert(
            0,
            f"经{ext.at.isoformat()}通知延长，时限改为自起算时起{limit.zh}"
            if lang == "zh"
            else f"extended by notice at {ext.at.isoformat()}: the limit is now {limit} from the start",
        )
    due = last_day = None
    overdue: dt.timedelta | None = None
    if run.due is not None:
        due, last_day = run.due.due, run.due.last_day
        lines.append(run.due.explain(lang))
        if not before(until, due):
            overdue = instants.elapsed(until, due)
        if c.kind == "threshold":
            lines.append(_threshold_line(due, overdue is not None, lang))
    total = _total(limit, run.due)
    elapsed = _elapsed(cal, run, limit, total, until, overdue is not None)
    if isinstance(total, dt.timedelta):
        assert isinstance(elapsed, dt.timedelta)
        remaining: dt.timedelta | int = total - elapsed
        percent = 100.0 * (elapsed / total)
    else:
        assert isinstance(elapsed, int)
        remaining = total - elapsed
        percent = 100.0 * elapsed / total
    state: ClauseState
    if overdue is not None:
        state = "breached"
    elif done_at is not None:
        state = "met"
    elif run.paused_since is not None:
        state = "paused"
    elif run.due is not None and _at_risk(cal, c, run.due.due, run.due.last_day, percent, now):
        state = "at_risk"
    else:
        state = "running"
    # the warnings of the running clock: once met or breached there is nothing left to warn of
    warnings = warning_instants(cal, c, limit, run) if state in ("running", "at_risk") else ()
    return ClauseStatus(
        c.name,
        state,
        limit,
        start,
        due,
        last_day,
        done_at,
        unit,
        elapsed,
        remaining,
        percent,
        overdue,
        run.paused_since,
        ext is not None,
        "\n".join(lines),
        warnings=warnings,
        risk=risk_of(warnings, now) if state == "at_risk" else None,
    )


def _threshold_line(due: DateTime, crossed: bool, lang: Lang) -> str:
    at = strf(due, "%Y-%m-%d %H:%M")
    if lang == "zh":
        when = "已" if crossed else "如届时仍未履行，"
        return f"此为逾期天数界限：最后一日不因休息日顺延，至24:00届满；{when}自{at}起超过该期限"
    return (
        "a threshold: its last day is not moved off rest days and ends at 24:00; "
        + ("it was exceeded from " if crossed else "unless met first, it is exceeded from ")
        + at
    )


# -- monthly, notice and window clauses -----------------------------------------------------------


def _status_in_days(
    c: Clause,
    state: ClauseState,
    *,
    period: Period | None,
    start: DateTime | dt.date | None,
    due: DateTime | None,
    last_day: dt.date | None,
    done_at: DateTime | None,
    unit: MeasureUnit,
    total: int | None,
    elapsed: int,
    overdue: dt.timedelta | None,
    lines: list[str],
) -> ClauseStatus:
    """A status measured in whole days or workdays: ``remaining`` and ``percent_used`` follow from ``total``."""
    remaining = 0 if total is None else total - elapsed
    percent = 0.0 if not total else 100.0 * elapsed / total
    return ClauseStatus(
        c.name,
        state,
        period,
        start,
        due,
        last_day,
        done_at,
        unit,
        elapsed,
        remaining,
        percent,
        overdue,
        None,
        False,
        "\n".join(lines),
    )


def _measured(total: int, done: int, over: bool) -> int:
    """Used of ``total`` whole days: all once over, else at most all but the last day."""
    return total if over else max(0, min(done, total - 1))


def _next_month(first: dt.date) -> dt.date:
    if first.year == dt.MAXYEAR and first.month == 12:
        # the month's due would be 10000-01-01 00:00, which no date holds
        raise CalendarHorizonError(
            f"the month {strf(first, '%Y-%m')} ends at the last day a date can hold, {dt.date.max}"
        )
    return (first + dt.timedelta(days=31)).replace(day=1)


def _monthly_status(case: Case, c: Clause, now: DateTime, lang: Lang) -> ClauseStatus | str:
    """The month containing ``now``: its due by the rule (or the month's end), met by ``met_by`` inside its window."""
    cal, conv, zh = case.calendar, case.contract.convention, lang == "zh"
    rule = c.rule
    unit: MeasureUnit = "workdays" if rule is not None and rule.kind == "within_first" else "days"
    start = _clause_start(case, c)
    if start is None or before(now, start):
        return _status_in_days(
            c,
            "not_started",
            period=None,
            start=None,
            due=None,
            last_day=None,
            done_at=None,
            unit=unit,
            total=None,
            elapsed=0,
            overdue=None,
            lines=[],
        )
    first = now.date().replace(day=1)
    month_start = case._instant_arg(dt.datetime.combine(first, dt.time()), "month")
    lines: list[str] = []
    p: Period | None = None
    opens = month_start
    if rule is None:
        nxt = _next_month(first)
        due = case._instant_arg(dt.datetime.combine(nxt, dt.time()), "due")
        last_day = nxt - dt.timedelta(days=1)
        lines.append(
            f"每月一次：{strf(first, '%Y-%m')}的期限至该月最后一日{last_day.isoformat()} 24:00"
            if zh
            else f"once a month: {strf(first, '%Y-%m')} is due by the end of its last day, {last_day.isoformat()} 24:00"
        )
    else:
        try:
            d = monthly_deadline(first, rule, calendar=cal, convention=conv)
        except InvalidInputError as exc:
            return str(exc)
        due, last_day, p = d.due, d.last_day, d.period
        lines.append(d.explain(lang))
        if rule.kind == "before" and before(start, month_start):
            # "before the N-th workday": the due is at or just after the month's start, so the month's
            # window opens where the previous month's closed
            opens = monthly_deadline(first - dt.timedelta(days=1), rule, calendar=cal, convention=conv).due
    opens = start if before(opens, start) else opens
    if not before(opens, due):
        lines.append(
            f"{strf(first, '%Y-%m')}的期限在条款起算（{start.isoformat()}）前已届满：本月无需履行"
            if zh
            else f"{strf(first, '%Y-%m')}'s limit ended before the clause started at {start.isoformat()}: "
            "nothing is due this month"
        )
        return _status_in_days(
            c,
            "not_started",
            period=p,
            start=None,
            due=None,
            last_day=None,
            done_at=None,
            unit=unit,
            total=None,
            elapsed=0,
            overdue=None,
            lines=lines,
        )
    assert c.met_by is not None
    done = case.occurred(c.met_by)
    done_at = done if done is not None and not before(done, opens) else None
    if done is not None and done_at is None:
        lines.append(
            f"{c.met_by}于{done.isoformat()}发生，早于本月期间（自{opens.isoformat()}起），不计入本月"
            if zh
            else f"{c.met_by!r} at {done.isoformat()} came before this month's window (from {opens.isoformat()})"
        )
    until = done_at if done_at is not None else now
    overdue = instants.elapsed(until, due) if not before(until, due) else None
    if unit == "workdays":
        assert rule is not None
        total = rule.n
        done_days = int(cal.workdays_between(first, until.date()))
    else:
        total = (last_day - opens.date()).days + 1
        done_days = (until.date() - opens.date()).days
    elapsed = _measured(total, done_days, overdue is not None)
    state = _final_state(cal, c, done_at, overdue, due, last_day, 100.0 * elapsed / total, now)
    return _status_in_days(
        c,
        state,
        period=p,
        start=opens,
        due=due,
        last_day=last_day,
        done_at=done_at,
        unit=unit,
        total=total,
        elapsed=elapsed,
        overdue=overdue,
        lines=lines,
    )


def _final_state(
    cal: WorkCalendar,
    c: Clause,
    done_at: DateTime | None,
    overdue: dt.timedelta | None,
    due: DateTime,
    last_day: dt.date,
    percent: float,
    now: DateTime,
) -> ClauseState:
    if overdue is not None:
        return "breached"
    if done_at is not None:
        return "met"
    return "at_risk" if _at_risk(cal, c, due, last_day, percent, now) else "running"


def _notice_status(case: Case, c: Clause, now: DateTime, lang: Lang) -> ClauseStatus:
    """Notice before an anchor (the event or date the notice period ends on), counted backward."""
    cal, conv, zh = case.calendar, case.contract.convention, lang == "zh"
    assert c.period is not None
    assert c.met_by is not None
    anchor = _clause_start(case, c)
    done = case.occurred(c.met_by)
    if anchor is None:
        lines = [
            f"通知期截至{c.starts_on}，该事件尚未发生：最迟通知日未定"
            if zh
            else f"the notice period ends on {c.starts_on!r}, which has not happened: the latest notice day is unknown"
        ]
        return _status_in_days(
            c,
            "not_started",
            period=c.period,
            start=None,
            due=None,
            last_day=None,
            done_at=done,
            unit="days",
            total=None,
            elapsed=0,
            overdue=None,
            lines=lines,
        )
    d = notice_deadline(anchor.date(), c.period, calendar=cal, convention=conv)
    until = done if done is not None else now
    overdue = instants.elapsed(until, d.due) if not before(until, d.due) else None
    # days left to give notice, the latest notice day included; nothing of the period is "used" before the notice
    left = 0 if overdue is not None else (d.last_day - until.date()).days + 1
    state = _final_state(cal, c, done, overdue, d.due, d.last_day, 0.0, now)
    return ClauseStatus(
        c.name,
        state,
        c.period,
        anchor,
        d.due,
        d.last_day,
        done,
        "days",
        0,
        left,
        100.0 if overdue is not None else 0.0,
        overdue,
        None,
        False,
        d.explain(lang),
    )


def _window_status(case: Case, c: Clause, now: DateTime, lang: Lang) -> ClauseStatus | str:
    """A range of days from ``starts_on`` (its instant) for ``period`` or to ``ends_on``, both days included."""
    cal, conv, zh = case.calendar, case.contract.convention, lang == "zh"
    p = c.period
    if p is not None and not p.unit.is_day_based:
        return f"a window of {p} (hours or minutes) has no case status yet; use a deadline"
    start = _clause_start(case, c)
    if start is None or before(now, start):
        return _status_in_days(
            c,
            "not_started",
            period=p,
            start=None,
            due=None,
            last_day=None,
            done_at=None,
            unit="days",
            total=None,
            elapsed=0,
            overdue=None,
            lines=[],
        )
    if c.pausable and any(r is None or before(start, r) for _, r, _ in _pause_spans(case, now)):
        return "pausing a window is not supported yet (the case was paused)"
    first = start.date()
    lines: list[str] = []
    last: dt.date | None
    if p is not None:
        # the period counted as a deadline (art. 201: the start day not counted); like a range written as
        # dates, its last day is not rolled unless the convention rolls fixed ranges (an open question: art. 203
        # could be read to move it; a far window would then need calendar data past the official horizon)
        nominal = deadline(first, p, calendar=cal, convention=conv.replace(roll_last_day=False))
        last = nominal.last_day
        lines.append(
            f"{p.zh}自{first.isoformat()}起算，至{last.isoformat()}"
            if zh
            else f"{p} from {first.isoformat()} runs to {last.isoformat()}"
        )
    else:
        assert c.ends_on is not None
        ref = c.ends_on
        if ref in case.contract.event_names:
            end_at = case.occurred(ref)
            last = None if end_at is None else end_at.date()
        else:
            last = dt.date.fromisoformat(ref)
    due: DateTime | None = None
    last_day: dt.date | None = None
    if last is None:
        lines.append(
            f"期间截至{c.ends_on}，该事件尚未发生：截止未定"
            if zh
            else f"the window ends on {c.ends_on!r}, which has not happened: its end is not known yet"
        )
    else:
        if last < first:
            return f"the window ends on {last.isoformat()}, before it opens on {first.isoformat()}"
        w = fixed_window(first, last, calendar=cal, convention=conv)
        due, last_day = w.closes, w.last_day
        lines.append(w.explain(lang))
    done = case.occurred(c.met_by) if c.met_by is not None else None
    until = done if done is not None else now
    total = None if last_day is None else (last_day - first).days + 1
    overdue: dt.timedelta | None = None
    over = due is not None and not before(until, due)
    state: ClauseState
    if done is not None and before(done, start):
        state = "breached"
        lines.append(
            f"{c.met_by}于{done.isoformat()}发生，早于期间开始"
            if zh
            else f"{c.met_by!r} at {done.isoformat()} came before the window opened"
        )
    elif over:
        assert due is not None
        if c.met_by is None:
            state = "expired"
        else:
            state, overdue = "breached", instants.elapsed(until, due)
    elif done is not None:
        state = "met"
    elif due is not None and last_day is not None and total is not None:
        percent = 100.0 * _measured(total, (now.date() - first).days, False) / total
        state = "at_risk" if _at_risk(cal, c, due, last_day, percent, now) else "running"
    else:
        state = "running"
    days = max(0, (until.date() - first).days)
    elapsed = days if total is None else _measured(total, days, over)
    return _status_in_days(
        c,
        state,
        period=p,
        start=start,
        due=due,
        last_day=last_day,
        done_at=done,
        unit="days",
        total=total,
        elapsed=elapsed,
        overdue=overdue,
        lines=lines,
    )
