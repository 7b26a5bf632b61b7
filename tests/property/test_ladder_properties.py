"""Warning ladders on generated cases: each rung's instant is the at-risk test, and ``evaluate`` agrees with cases.

* For every rung of every running clause, ``now >= instant`` is exactly the one-rung at-risk test
  (:func:`slaclock._contracts.clock._at_risk` on the clause with that rung alone, written as the old
  ``warn_at`` / ``warn_before``), at a generated ``now`` and at the instant and the microsecond before it
  (so the instant is the *first* one past the rung). Units: hours, working hours, days, workdays, months,
  a threshold; leads in hours, working hours, days, weeks, workdays and months; with and without pauses.
* ``Contract.evaluate``'s ``<clause>.warn.<label>`` and ``<clause>.risk`` columns, and its states, equal
  ``Case.status`` row by row, under the Civil Code and the business-hours conventions, paused rows included,
  and across the year end on a projected calendar (the provisional flags agree too).
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._contracts.clock import _CLOCK, _WORK, _at_risk
from slaclock._periods.period import Period, Unit
from slaclock.errors import SlaclockError

MEETS = ["acknowledged", "replied", "solved", "cured", "reviewed", "appealed", "paid", "resolved", "proposed"]
NOTICE = "complex_notified"  # extends "standard" to its cap: the ladder then counts against the cap


def contract(convention: sc.Convention) -> sc.Contract:
    clause = sc.Clause
    return sc.Contract(
        "ladders",
        [
            clause(
                "ack",
                "24小时",
                starts_on="received",
                met_by="acknowledged",
                warn=[0.25, 0.5, "2小时", "1个工作日", "3个工作小时", "1日"],
                warn_at=0.9,
            ),
            clause(
                "reply",
                "8个工作小时",
                starts_on="received",
                met_by="replied",
                warn=[0.5, 0.75, 0.9, "2个工作小时", "30分钟"],
            ),
            clause("solution", "5个工作日", starts_on="received", met_by="solved", warn=[0.5, 0.8, "1个工作日", "2日"]),
            clause("cure", "7日", starts_on="received", met_by="cured", warn=[1 / 3, 0.5, "3日", "2个工作日"]),
            clause("one_day", "1日", starts_on="received", met_by="cured", warn=[0.5, "12小时"]),
            clause("review", "1个月", starts_on="received", met_by="reviewed", warn=[0.5, 0.75, "2周", "5个工作日"]),
            clause("appeal", "3个月", starts_on="received", met_by="appealed", warn=["1个月", 0.5]),
            clause("overdue", "30日", kind="threshold", starts_on="received", met_by="paid", warn=[0.5, 0.9, "3日"]),
            clause(
                "resolution",
                "3个工作日",
                starts_on="received",
                met_by="resolved",
                pausable=True,
                warn=[0.5, "4个工作小时", 0.9],
            ),
            clause("timed_pause", "16个工作小时", starts_on="received", met_by="resolved", pausable=True, warn=[0.5]),
            clause(
                "standard",
                "10个工作日",
                starts_on="received",
                met_by="proposed",
                warn=[0.5, "2个工作日", 0.9],
                extension=sc.Extension("30个工作日", event=NOTICE, notice_before_expiry=False),
            ),
        ],
        events=["received"],
        calendar=sc.CalendarSpec("CN", hours="09:00-12:00,13:00-18:00"),
        convention=convention,
    )


CONVENTIONS = [sc.Convention.civil_code(), sc.Convention.business_hours()]
CONTRACTS = [contract(conv) for conv in CONVENTIONS]
CAL = CONTRACTS[0].calendar()
NOW_MAX = dt.datetime(2026, 12, 20)
ROWS_END = (dt.datetime(2026, 9, 30), NOW_MAX)
# across the year end on a projected calendar: received from 2026-11-01, now up to 2027-03-31
PROJECTED = CONTRACTS[0].calendar_spec.replace(horizon="projected").build()
YEAR_END = (dt.datetime(2026, 11, 1), dt.datetime(2027, 1, 31), dt.datetime(2027, 3, 31))

MINUTES = st.one_of(
    st.integers(0, 3 * 24 * 60),
    st.integers(0, 40 * 24 * 60),
    st.sampled_from([0, 60, 9 * 60, 24 * 60 - 1, 24 * 60]),
)


@st.composite
def rows(
    draw: st.DrawFn, first: dt.datetime = dt.datetime(2026, 1, 1), last: dt.datetime = dt.datetime(2026, 9, 30)
) -> dict[str, Any]:
    received = draw(st.datetimes(first, last))
    received = received.replace(second=0, microsecond=0, fold=0)
    row: dict[str, Any] = {"received": received}
    for name in [*MEETS, NOTICE]:
        row[name] = None if draw(st.integers(0, 2)) else received + dt.timedelta(minutes=draw(MINUTES))
    stops: list[tuple[dt.datetime, dt.datetime | None]] = []
    at = received
    for k in range(draw(st.sampled_from([0, 0, 1, 2]))):
        p = at + dt.timedelta(minutes=draw(MINUTES))
        r: dt.datetime | None = p + dt.timedelta(minutes=draw(MINUTES))
        if k == 1 and draw(st.booleans()):
            r = None
        stops.append((p, r))
        if r is None:
            break
        at = r
    row["pauses"] = stops
    return row


def replay(c: sc.Contract, row: dict[str, Any], now: dt.datetime, cal: sc.WorkCalendar | None = None) -> sc.Status:
    items: list[tuple[dt.datetime, int, int, str]] = [(row[n], 3, 0, n) for n in MEETS if row[n] is not None]
    if row.get(NOTICE) is not None:
        items.append((row[NOTICE], 1, 0, NOTICE))
    for k, (p, r) in enumerate(row["pauses"]):
        items.append((p, 2, 2 * k, "pause"))
        if r is not None:
            items.append((r, 2, 2 * k + 1, "resume"))
    case = c.open(received_at=row["received"], calendar=cal)
    for at, _, _, name in sorted(items):
        if at > now.replace(tzinfo=None):
            break
        if name == "pause":
            case = case.pause("awaiting_customer", at=at)
        elif name == "resume":
            case = case.resume(at=at)
        elif name == NOTICE:
            case = case.extend("standard", notified_at=at)
        else:
            case = case.record(name, at=at)
    return case.status(now=now)


def single(c: sc.Clause, rung: float | Period) -> sc.Clause:
    """The clause with ``rung`` alone, as the one-rung shorthand (``warn_at`` or ``warn_before``)."""
    if isinstance(rung, Period):
        return c.replace(warn=None, warn_at=None, warn_before=rung)
    return c.replace(warn=None, warn_at=rung, warn_before=None)


def rungs(c: sc.Clause) -> list[float | Period]:
    return [*c.warn, *([c.warn_at] if c.warn_at is not None else []), *([c.warn_before] if c.warn_before else [])]


def past(cal: sc.WorkCalendar, c: sc.Clause, rung: float | Period, s: sc.ClauseStatus, now: Any) -> bool:
    """The at-risk test for the one rung: the library's, checked against the one before ladders (copied below)."""
    assert s.due is not None
    assert s.last_day is not None
    one = single(c, rung)
    got = _at_risk(cal, one, s.due, s.last_day, s.percent_used, now)
    assert got is old_at_risk(cal, one, s.due, s.last_day, s.percent_used, now)
    return got


# -- the at-risk test as it was before warning ladders (clock.py at 01f42e5), verbatim: the reference --------


def old_at_risk(cal: Any, c: Any, due: Any, last_day: dt.date, percent: float, now: Any) -> bool:
    share = c.warn_at is not None and percent >= 100.0 * c.warn_at
    return old_lead_reached(cal, c, due, last_day, now) or share


def old_lead_reached(cal: Any, c: Any, due: Any, last_day: dt.date, now: Any) -> bool:
    w = c.warn_before
    if w is None:
        return False
    if w.unit in _CLOCK:
        return bool(now >= due - _CLOCK[w.unit] * w.amount)
    if w.unit in _WORK:
        return bool(cal.working_time_between(now, due) <= _WORK[w.unit] * w.amount)
    if w.unit is Unit.WORKDAY:
        # workdays from today to the last day, both counted
        return old_workdays_through(cal, now.date(), last_day) <= w.amount
    if w.unit in (Unit.DAY, Unit.WEEK):
        return (last_day - now.date()).days + 1 <= w.amount * (7 if w.unit is Unit.WEEK else 1)
    months = w.amount * (12 if w.unit is Unit.YEAR else 1)
    return bool(now >= due.subtract(months=months))


def old_workdays_through(cal: Any, first: dt.date, last: dt.date) -> int:
    if last < dt.date.max:
        return int(cal.workdays_between(first, last + dt.timedelta(days=1)))
    return int(cal.workdays_between(first, last)) + int(cal.is_workday(last))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row=rows(), which=st.integers(0, 1), later=MINUTES)
def test_each_instant_is_the_at_risk_test_of_its_rung(row: dict[str, Any], which: int, later: int) -> None:
    c = CONTRACTS[which]
    cal = CAL
    now = row["received"] + dt.timedelta(minutes=later)
    if now > NOW_MAX:
        return
    try:
        status = replay(c, row, now.replace(tzinfo=dt.timezone(dt.timedelta(hours=8))))
    except SlaclockError:
        return
    for s in status.clauses:
        clause = c.clause(s.clause)
        if s.state not in ("running", "at_risk"):
            assert s.warnings == ()
            assert s.risk is None
            continue
        assert [name for name, _ in s.warnings] == [sc_label(r) for r in rungs(clause)]
        passed = []
        for rung, (name, t) in zip(rungs(clause), s.warnings, strict=True):
            got = t is not None and status.now >= t
            assert got is past(cal, clause, rung, s, status.now), (s.clause, name, t, status.now)
            passed.append((t, name) if got else None)
        assert (s.state == "at_risk") is any(passed)
        if s.state == "at_risk":
            best = max((p for p in passed if p is not None), key=lambda p: p[0])
            assert s.risk is not None
            assert dict(s.warnings)[s.risk] == best[0]
        else:
            assert s.risk is None


def sc_label(r: float | Period) -> str:
    from slaclock._contracts.clause import label

    return label(r)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row=rows(), which=st.integers(0, 1), later=MINUTES)
def test_each_instant_is_the_first_past_its_rung(row: dict[str, Any], which: int, later: int) -> None:
    """At the instant the rung is passed; a microsecond before, it is not (unless the clock only then (re)started)."""
    c = CONTRACTS[which]
    now = row["received"] + dt.timedelta(minutes=later)
    if now > NOW_MAX:
        return
    # the case as known at now, never met: no pause after now (a later pause moves the instants)
    stops = [(p, r if r is not None and r <= now else None) for p, r in row["pauses"] if p <= now]
    open_row = {**row, **dict.fromkeys([*MEETS, NOTICE]), "pauses": stops}
    try:
        status = replay(c, open_row, now.replace(tzinfo=dt.timezone(dt.timedelta(hours=8))))
    except SlaclockError:
        return
    starts = [row["received"], *(r for _, r in stops if r is not None)]
    restart = max(starts).replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))
    for s in status.clauses:
        clause = c.clause(s.clause)
        if not s.warnings:  # not running (breached, paused, not started)
            continue
        for rung, (name, t) in zip(rungs(clause), s.warnings, strict=True):
            if t is None or s.due is None or not restart <= t < s.due:
                continue
            at = replay(c, open_row, t)[s.clause]
            assert at.state in ("running", "at_risk")
            assert past(CAL, clause, rung, at, t), (s.clause, name, t)
            before = t - dt.timedelta(microseconds=1)
            if before >= restart:
                b = replay(c, open_row, before)[s.clause]
                assert b.state in ("running", "at_risk")
                assert not past(CAL, clause, rung, b, before), (s.clause, name, t)


def column(values: list[dt.datetime | None]) -> np.ndarray[Any, Any]:
    return np.array([v if v is not None else "NaT" for v in values], dtype="datetime64[us]")


def wall(t: Any) -> np.datetime64:
    return np.datetime64("NaT", "us") if t is None else np.datetime64(t.replace(tzinfo=None), "us")


def same(a: Any, b: Any) -> bool:
    return bool(np.isnat(a) and np.isnat(b)) if np.isnat(a) or np.isnat(b) else bool(a == b)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), which=st.integers(0, 1), later=MINUTES, past=st.booleans())
def test_evaluate_ladder_columns_agree_with_cases(data: st.DataObject, which: int, later: int, past: bool) -> None:
    """Rows with and without pauses; ``past``: across the year end on a projected calendar (provisional rows)."""
    c = CONTRACTS[which]
    cal, (first, last, now_max) = (PROJECTED, YEAR_END) if past else (CAL, (dt.datetime(2026, 1, 1), *ROWS_END))
    table = data.draw(st.lists(rows(first, last), min_size=1, max_size=10))
    times = [v for row in table for k, v in row.items() if k != "pauses" and v is not None]
    times += [t for row in table for p in row["pauses"] for t in p if t is not None]
    now = max(times) + dt.timedelta(minutes=later)
    if now > now_max:
        return
    good: list[tuple[dict[str, Any], sc.Status]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        for row in table:
            try:
                good.append((row, replay(c, row, now, cal)))
            except SlaclockError:
                continue
        if not good:
            return
        events = {name: column([row[name] for row, _ in good]) for name in ["received", *MEETS, NOTICE]}
        stops = [(i, p, r) for i, (row, _) in enumerate(good) for p, r in row["pauses"]]
        pauses = {
            "row": np.array([i for i, _, _ in stops], dtype=np.int64),
            "paused_at": column([p for _, p, _ in stops]),
            "resumed_at": column([r for _, _, r in stops]),
        }
        result = c.evaluate(events, now=now, pauses=pauses, calendar=cal)
    for i, (_, status) in enumerate(good):
        for s in status.clauses:
            clause = c.clause(s.clause)
            event(
                f"{s.state}{' (paused row)' if good[i][0]['pauses'] else ''}{' (provisional)' if s.provisional else ''}"
            )
            if s.extended:
                event(f"extended, {s.state}")
            assert result[f"{s.clause}.state"][i] == s.state, (i, s)
            assert result[f"{s.clause}.risk"][i] == s.risk, (i, s)
            assert bool(result[f"{s.clause}.provisional"][i]) is s.provisional, (i, s)
            given_ = dict(s.warnings)
            for r in rungs(clause):
                name = sc_label(r)
                got = result[f"{s.clause}.warn.{name}"][i]
                assert same(got, wall(given_.get(name))), (i, s.clause, name, got, given_)
