"""Cases under generated event sequences: receipts, records, pauses, extensions and escalations in any order.

Each example opens a case on a contract with every shape of clause the case replays (hours, working hours,
days, workdays, a month, a threshold; pausable or not; a capped and an uncapped extension; escalation),
then applies a generated list of operations. An operation the case refuses must raise a typed
``SlaclockError`` (never anything else); the ones it accepts give the prefixes ``cases[0..n]``.

Invariants checked on every prefix, at its last event and at probe instants after it:

* replay is deterministic: the same operations give equal cases and equal statuses, also after pickling,
  and a case stored as JSON (``to_dict``) reads back (``from_dict``) as the same case;
* a met clause stays met, with the same ``done_at`` and due, in every later prefix and instant;
* a breached clause stays breached (when its extension needs notice before expiry);
* a pause never makes a due earlier: the same operations without the pauses give dues no later;
* each row is consistent: met iff done before the due; overdue_by = until - due; running means due in the
  future; 0 <= percent_used <= 100; a rolled day-based deadline's last day is a workday.

Across the year end, on a projected calendar: what a status does not mark provisional does not depend on the
projected days. The same operations on a calendar where 2027 is published (the FICTIONAL fixture) give the
same row for every clause not provisional, and nothing provisional at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._contracts.case import Case, ClauseStatus
from slaclock.errors import SlaclockError

# CN official data ends with 2026. Receipts up to September, events up to October and statuses up to
# November keep every limit (30 workdays from the last event at most) inside the data.
FIRST = dt.datetime(2026, 1, 2, 0, 0)
LAST = dt.datetime(2026, 9, 30, 0, 0)
LAST_EVENT = dt.datetime(2026, 10, 31, 0, 0)
LAST_NOW = dt.datetime(2026, 11, 30, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def contract() -> sc.Contract:
    return sc.Contract(
        "generated",
        [
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged", warn_before="4小时"),
            sc.Clause("first_reply", "8个工作小时", starts_on="received", met_by="replied", pausable=True),
            sc.Clause(
                "investigation",
                "5个工作日",
                starts_on="acknowledged",
                met_by="investigated",
                pausable=True,
                warn_before="2个工作日",
                extension=sc.Extension(event="investigation_extension_notified"),
                escalation="appealed",
            ),
            sc.Clause(
                "standard",
                "10个工作日",
                starts_on="acknowledged",
                met_by="proposed",
                pausable=True,
                warn_at=0.8,
                extension=sc.Extension("30个工作日", event="complex_notified"),
                escalation="escalated",
            ),
            sc.Clause("escalation", "10个工作日", starts_on="escalated", met_by="final_opinion"),
            sc.Clause("answer", "48小时", starts_on="received", met_by="answered", pausable=True),
            sc.Clause("cure", "7日", starts_on="received", met_by="cured", pausable=True, warn_before="2日"),
            sc.Clause("review", "1个月", starts_on="received", met_by="reviewed"),
            sc.Clause("overdue", "30日", kind="threshold", starts_on="received", met_by="paid"),
        ],
        events=["received", "acknowledged", "escalated", "appealed"],
        calendar=sc.CalendarSpec("CN", hours="09:00-18:00"),
    )


CONTRACT = contract()
CALENDAR = CONTRACT.calendar()
RECORDABLE = ["acknowledged", "replied", "investigated", "proposed", "final_opinion", "answered", "cured"]
RECORDABLE += ["reviewed", "paid"]
# clauses whose breach can never be undone (their extension, if any, needs notice before expiry)
IRREVOCABLE = [c.name for c in CONTRACT.clauses if c.extension is None or c.extension.notice_before_expiry]


@dataclass(frozen=True)
class Op:
    kind: str  # record, pause, resume, extend, escalate
    gap: dt.timedelta  # after the previous operation's instant
    arg: str = ""
    period: str | None = None

    def apply(self, case: Case, at: dt.datetime) -> Case:
        if self.kind == "record":
            return case.record(self.arg, at=at)
        if self.kind == "pause":
            return case.pause(self.arg, at=at)
        if self.kind == "resume":
            return case.resume(at=at)
        if self.kind == "extend":
            return case.extend(self.arg, notified_at=at, period=self.period)
        return case.escalate(at=at, clause=self.arg)


GAPS = st.integers(0, 3 * 24 * 60).map(lambda m: dt.timedelta(minutes=m)) | st.sampled_from(
    [dt.timedelta(0), dt.timedelta(hours=9), dt.timedelta(days=1), dt.timedelta(days=8), dt.timedelta(days=16)]
)
OPS = st.one_of(
    st.builds(Op, st.just("record"), GAPS, st.sampled_from(RECORDABLE)),
    st.builds(Op, st.just("record"), GAPS, st.sampled_from(RECORDABLE)),
    st.builds(Op, st.just("pause"), GAPS, st.sampled_from(["awaiting_customer", "force_majeure"])),
    st.builds(Op, st.just("resume"), GAPS),
    st.builds(Op, st.just("extend"), GAPS, st.just("standard"), st.none() | st.sampled_from(["20个工作日"])),
    st.builds(Op, st.just("extend"), GAPS, st.just("investigation"), st.sampled_from(["8个工作日", "15个工作日"])),
    st.builds(Op, st.just("escalate"), GAPS, st.sampled_from(["standard", "investigation"])),
)
# most complaints are acknowledged within a day, which starts the chain the extensions and escalations act on
ACK = st.builds(
    Op, st.just("record"), st.integers(0, 24 * 60).map(lambda m: dt.timedelta(minutes=m)), st.just("acknowledged")
)
SEQUENCES = st.builds(
    lambda acked, ack, rest: ([ack] if acked else []) + rest,
    st.integers(0, 4).map(bool),
    ACK,
    st.lists(OPS, min_size=2, max_size=14),
)
RECEIPTS = st.datetimes(FIRST, LAST).map(lambda t: t.replace(second=0, microsecond=0))


def run(received: dt.datetime, ops: list[Op]) -> tuple[list[Case], list[tuple[Op, dt.datetime]]]:
    """The accepted prefixes (the opened case first), and the accepted operations with their instants."""
    at, timed = received, []
    for op in ops:
        at = at + op.gap
        if at <= LAST_EVENT:
            timed.append((op, at))
    return replay(received, timed)


def replay(
    received: dt.datetime, timed: list[tuple[Op, dt.datetime]], calendar: sc.WorkCalendar | None = None
) -> tuple[list[Case], list[tuple[Op, dt.datetime]]]:
    case = CONTRACT.open(received_at=received, calendar=calendar)
    cases, done = [case], []
    for op, at in timed:
        try:
            nxt = op.apply(case, at)
        except SlaclockError:
            continue  # refused with a typed error; the case is a value and stays as it was
        assert nxt.events[: len(case.events)] == case.events
        assert len(nxt.events) == len(case.events) + 1
        case = nxt
        cases.append(case)
        done.append((op, at))
    return cases, done


def probes(case: Case, extra: list[int]) -> list[dt.datetime]:
    last = case.events[-1].at
    return [last] + [max(last, min(last + dt.timedelta(minutes=m), LAST_NOW)) for m in sorted(extra)]


def check_row(case: Case, s: ClauseStatus, now: dt.datetime) -> None:
    clause = CONTRACT.clause(s.clause)
    assert 0.0 <= s.percent_used <= 100.0, s
    if s.state == "not_started":
        assert s.due is None
        assert s.done_at is None
        return
    if s.state == "paused" or s.paused_since is not None:
        # stopped: no due until the clock restarts; done while stopped is met
        assert s.due is None
        assert s.paused_since is not None
        assert clause.pausable
        assert s.state == ("paused" if s.done_at is None else "met"), s
        return
    assert s.due is not None
    assert s.last_day is not None
    until = s.done_at if s.done_at is not None else now
    assert (s.state == "breached") == (until >= s.due), s
    assert (s.state == "met") == (s.done_at is not None and s.done_at < s.due), s
    if s.state == "breached":
        assert s.overdue_by == until - s.due
    else:
        assert s.overdue_by is None
    if s.state in ("running", "at_risk"):
        assert now < s.due
        assert s.done_at is None
    assert s.period is not None
    if s.period.unit.is_day_based and clause.kind == "deadline":
        # art. 203 moves a rest-day last day; workday counts end on a workday anyway
        assert CALENDAR.is_workday(s.last_day), s
    if clause.kind == "threshold":
        assert s.due == dt.datetime.combine(s.last_day + dt.timedelta(days=1), dt.time(), tzinfo=s.due.tzinfo)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(received=RECEIPTS, ops=SEQUENCES, extra=st.lists(st.integers(0, 40 * 24 * 60), max_size=3))
def test_generated_sequences_keep_the_invariants(received: dt.datetime, ops: list[Op], extra: list[int]) -> None:
    cases, done = run(received, ops)

    # replay: the same accepted operations give the same case and the same answers, also after pickling
    again, redone = replay(received, done)
    assert redone == done
    assert again[-1] == cases[-1]
    final = cases[-1]
    last = final.events[-1].at
    assert final.status(now=last) == again[-1].status(now=last) == pickle.loads(pickle.dumps(final)).status(now=last)
    # stored as JSON and read back, through every check again: the same case
    assert Case.from_dict(CONTRACT, json.loads(json.dumps(final.to_dict(), ensure_ascii=False))) == final

    met: dict[str, tuple[Any, Any]] = {}
    breached: dict[str, Any] = {}
    for k, case in enumerate(cases):
        # instants from this prefix's last event up to the next accepted one (or later, for the final case)
        times = probes(case, extra)
        if k + 1 < len(cases):
            times = [t for t in times if t < cases[k + 1].events[-1].at] or times[:1]
        for now in times:
            for s in case.status(now=now).clauses:
                check_row(case, s, now)
                if s.clause in met:
                    assert s.state == "met", (s.clause, s.state, met[s.clause])
                    assert (s.done_at, s.due) == met[s.clause]
                elif s.state == "met":
                    met[s.clause] = (s.done_at, s.due)
                if s.clause in breached:
                    assert s.state == "breached", (s.clause, s.state)
                    assert s.due == breached[s.clause]
                elif s.state == "breached" and s.clause in IRREVOCABLE:
                    breached[s.clause] = s.due


@SETTINGS
@given(received=RECEIPTS, ops=SEQUENCES, extra=st.integers(0, 30 * 24 * 60))
def test_pauses_never_make_a_due_earlier(received: dt.datetime, ops: list[Op], extra: int) -> None:
    cases, done = run(received, ops)
    # the same accepted operations at the same instants, without the pauses and resumptions
    plain = replay(received, [(op, at) for op, at in done if op.kind not in ("pause", "resume")])[0][-1]
    paused = cases[-1]
    last = max(paused.events[-1].at, plain.events[-1].at)
    now = max(last, min(last + dt.timedelta(minutes=extra), LAST_NOW))
    with_pauses = paused.status(now=now)
    without = plain.status(now=now)
    for s in with_pauses.clauses:
        p = without[s.clause]
        if s.due is None or p.due is None:
            continue
        if p.extended and not s.extended:
            continue  # pragma: no cover - an extension accepted without pauses is accepted with them too
        assert s.due >= p.due, (s.clause, s.due, p.due)
        if not CONTRACT.clause(s.clause).pausable and s.extended == p.extended:
            assert s.due == p.due, s.clause


# -- across the year end ----------------------------------------------------------------------------------------

FIXTURE = Path(__file__).parents[1] / "fixtures" / "FICTIONAL-cn-2027.toml"  # an openly invented 2027
PROJECTED = CONTRACT.calendar_spec.replace(horizon="projected").build()
PUBLISHED = CONTRACT.calendar_spec.replace(arrangements=[FIXTURE]).build()
YEAR_END_RECEIPTS = st.datetimes(dt.datetime(2026, 11, 2), dt.datetime(2027, 1, 15)).map(
    lambda t: t.replace(second=0, microsecond=0)
)
YEAR_END_LAST_NOW = dt.datetime(2027, 4, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@SETTINGS
@given(received=YEAR_END_RECEIPTS, ops=SEQUENCES, extra=st.lists(st.integers(0, 40 * 24 * 60), max_size=3))
def test_what_is_not_provisional_does_not_depend_on_projected_days(
    received: dt.datetime, ops: list[Op], extra: list[int]
) -> None:
    at, timed = received, []
    for op in ops:
        at = at + op.gap
        timed.append((op, at))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        projected, done = replay(received, timed, PROJECTED)
        published, same = replay(received, done, PUBLISHED)
        # an extension checked against a provisional limit may be accepted on one calendar only
        assume(same == done)
        last = projected[-1].events[-1].at
        for now in [last] + [min(last + dt.timedelta(minutes=m), max(last, YEAR_END_LAST_NOW)) for m in extra]:
            guess, known = projected[-1].status(now=now), published[-1].status(now=now)
            assert not known.provisional  # 2027 is official on the published calendar
            for s in guess.clauses:
                if not s.provisional:
                    assert known[s.clause] == dataclasses.replace(s, provisional=False), (now, s, known[s.clause])
    stored = projected[-1].to_dict()
    assert stored["calendar"]["horizon"] == "projected"
    again = Case.from_dict(CONTRACT, stored, calendar=PUBLISHED, accept_calendar_change=True)
    assert again == published[-1]
