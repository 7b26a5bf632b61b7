"""Cases: events replayed into deadline status, with pauses, extensions and escalation (hand-checked on 2026).

2026 facts used below (State Council notice for 2026, checked against the calendar in the first test):
Mid-Autumn Fri 09-25 off, National Day 10-01..10-07 off, Sunday 09-20 and Saturday 10-10 worked;
Spring Festival 02-15..02-23 off, Saturday 02-14 and Saturday 02-28 worked.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock import _demo
from slaclock._contracts.case import Case, CaseEvent, open_case
from slaclock.errors import ContractError, InvalidInputError
from tests.helpers.paths import FIXTURES

SH = dt.timezone(dt.timedelta(hours=8))


def at(text: str) -> dt.datetime:
    """An aware instant in Asia/Shanghai (UTC+8 all year)."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=SH)


def complaints() -> sc.Contract:
    """Seed 001's chain, with numbers in the blanks."""
    return sc.Contract(
        "service_quality_complaint",
        [
            sc.Clause("acknowledgement", "24小时", starts_on="received", met_by="acknowledged", warn_before="4小时"),
            sc.Clause("investigation", "5个工作日", starts_on="acknowledged", met_by="investigated", pausable=True),
            sc.Clause(
                "standard_handling",
                "10个工作日",
                starts_on="acknowledged",
                met_by="solution_proposed",
                pausable=True,
                warn_at=0.8,
                extension=sc.Extension("最长不得超过30个工作日", event="complex_notified"),
                escalation="escalated",
            ),
            sc.Clause("escalation_handling", "10个工作日", starts_on="escalated", met_by="final_opinion_given"),
            sc.Clause("answer", "48小时", starts_on="received", met_by="answered", pausable=True),
            sc.Clause("cure", "7日", starts_on="received", met_by="cured", pausable=True),
            sc.Clause("termination_notice", "30日", kind="notice", starts_on="terminated", met_by="notified"),
        ],
        events=["received", "escalated", "terminated"],
    )


def acked(ack: str, received: str | None = None) -> Case:
    received = received or ack
    return open_case(complaints(), received_at=received).record("acknowledged", at=ack)


def test_calendar_facts() -> None:
    cal = sc.calendar("CN")
    rest = ["2026-09-25", "2026-10-01", "2026-10-07", "2026-09-26", "2026-09-27", "2026-02-15", "2026-02-23"]
    work = ["2026-09-20", "2026-10-10", "2026-10-08", "2026-02-14", "2026-02-28", "2026-02-24"]
    assert not any(cal.is_workday(d) for d in rest)
    assert all(cal.is_workday(d) for d in work)


# -- 24 hours across a night ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "state", "overdue"),
    [
        ("2026-09-29T19:59", "met", None),  # a minute before the due
        ("2026-09-29T20:00", "breached", dt.timedelta(0)),  # the due is exclusive: at 20:00 is late
        ("2026-09-29T21:30", "breached", dt.timedelta(hours=1, minutes=30)),
    ],
)
def test_acknowledgement_24_hours_across_a_night(done: str, state: str, overdue: dt.timedelta | None) -> None:
    case = open_case(complaints(), received_at="2026-09-28T20:00").record("acknowledged", at=done)
    s = case.status(now="2026-09-30T09:00")["acknowledgement"]
    assert s.due == at("2026-09-29T20:00")
    assert s.done_at == dt.datetime.fromisoformat(done).replace(tzinfo=s.due.tzinfo)
    assert (s.state, s.overdue_by) == (state, overdue)
    assert s.unit == "time"


def test_acknowledgement_not_done() -> None:
    case = open_case(complaints(), received_at="2026-09-28T20:00")
    running = case.status(now="2026-09-29T06:00")["acknowledgement"]
    assert running.state == "running"
    assert (running.elapsed, running.remaining) == (dt.timedelta(hours=10), dt.timedelta(hours=14))
    assert running.percent_used == pytest.approx(100 * 10 / 24)
    # warn_before 4 hours: at risk from 16:00
    assert case.status(now="2026-09-29T15:59")["acknowledgement"].state == "running"
    assert case.status(now="2026-09-29T16:00")["acknowledgement"].state == "at_risk"
    late = case.status(now="2026-09-29T23:00")["acknowledgement"]
    assert (late.state, late.overdue_by, late.remaining, late.percent_used) == (
        "breached",
        dt.timedelta(hours=3),
        dt.timedelta(0),
        100.0,
    )


def test_naive_aware_and_text_instants_agree() -> None:
    c = complaints()
    a = open_case(c, received_at="2026-09-28T20:00")
    b = open_case(c, received_at=dt.datetime(2026, 9, 28, 20, 0))
    u = open_case(c, received_at=dt.datetime(2026, 9, 28, 12, 0, tzinfo=dt.UTC))
    assert a == b == u
    assert a.received_at.isoformat() == "2026-09-28T20:00:00+08:00"


# -- workdays across National Day, with a pause --------------------------------------------------


def test_five_workdays_across_national_day() -> None:
    # ack Thu 09-24: [09-25..09-27 off], 09-28 (1), 09-29 (2), 09-30 (3), [10-01..10-07 off], 10-08 (4), 10-09 (5)
    s = acked("2026-09-24T10:00").status(now="2026-09-24T10:00")["investigation"]
    assert (s.last_day, s.due) == (dt.date(2026, 10, 9), at("2026-10-10T00:00"))
    assert (s.unit, s.elapsed, s.remaining) == ("workdays", 0, 5)


def test_pause_for_customer_information_moves_the_due() -> None:
    case = acked("2026-09-24T10:00").pause("awaiting_customer", at="2026-09-29T15:00")
    paused = case.status(now="2026-10-05T12:00")["investigation"]
    # kept: the whole workdays before the pause day, 09-28 only; the part-day 09-29 is not counted
    assert (paused.state, paused.due, paused.elapsed, paused.remaining) == ("paused", None, 1, 4)
    assert paused.paused_since == at("2026-09-29T15:00")
    # the acknowledgement clause is not pausable and was met long ago: untouched
    resumed = case.resume(at="2026-10-08T09:00")
    s = resumed.status(now="2026-10-08T09:00", lang="en")["investigation"]
    # the rest, 4 workdays, from the resumption day 10-08 (not counted): 10-09, 10-10 (makeup Sat), 10-12, 10-13
    assert (s.state, s.last_day, s.due) == ("running", dt.date(2026, 10, 13), at("2026-10-14T00:00"))
    assert (s.elapsed, s.remaining) == (1, 4)
    assert "paused at 2026-09-29T15:00:00+08:00 (awaiting_customer): 1 workday used, 4 workdays left" in (s.explanation)
    # on the last day one workday remains; the next morning the clause is breached
    assert resumed.status(now="2026-10-13T10:00")["investigation"].remaining == 1
    late = resumed.status(now="2026-10-14T09:00")["investigation"]
    assert (late.state, late.overdue_by) == ("breached", dt.timedelta(hours=9))


def test_resume_on_a_holiday_counts_from_the_next_workday() -> None:
    case = acked("2026-09-24T10:00").pause("awaiting_customer", at="2026-09-29T15:00")
    s = case.resume(at="2026-10-03T10:00").status(now="2026-10-03T10:00")["investigation"]
    # 4 workdays after Sat 10-03 (a holiday): 10-08, 10-09, 10-10, 10-12
    assert s.last_day == dt.date(2026, 10, 12)


def test_pause_and_resume_on_the_same_workday_give_that_day_back() -> None:
    # whole days only: the part-day of the pause is not counted; the rest counts from the same day
    case = acked("2026-09-24T10:00").pause("awaiting_customer", at="2026-09-28T10:00").resume(at="2026-09-28T11:00")
    s = case.status(now="2026-09-28T11:00")["investigation"]
    # 5 workdays after 09-28: 09-29, 09-30, 10-08, 10-09, 10-10 (one later than without the pause)
    assert s.last_day == dt.date(2026, 10, 10)


def test_same_day_pause_on_a_rest_day_changes_nothing() -> None:
    case = acked("2026-09-24T10:00").pause("awaiting_customer", at="2026-09-26T10:00").resume(at="2026-09-26T18:00")
    assert case.status(now="2026-09-26T18:00")["investigation"].last_day == dt.date(2026, 10, 9)


def test_workdays_across_spring_festival_with_a_pause() -> None:
    # ack Thu 02-12: 02-13 (1), Sat 02-14 worked (2), [02-15..02-23 off], 02-24 (3), 02-25 (4), 02-26 (5)
    case = acked("2026-02-12T10:00")
    assert case.status(now="2026-02-12T10:00")["investigation"].last_day == dt.date(2026, 2, 26)
    # pause on the makeup Saturday: kept 02-13 only; the rest, 4 workdays, from 02-24 (not counted):
    # 02-25, 02-26, 02-27, and Sat 02-28 (worked)
    case = case.pause("awaiting_customer", at="2026-02-14T10:00").resume(at="2026-02-24T09:00")
    s = case.status(now="2026-02-24T09:00")["investigation"]
    assert (s.elapsed, s.remaining, s.last_day, s.due) == (1, 4, dt.date(2026, 2, 28), at("2026-03-01T00:00"))


def test_calendar_days_across_spring_festival_with_a_pause() -> None:
    # "7日" from Tue 02-10: day 7 is 02-17, a holiday, rolled to 02-24 (art. 203)
    case = open_case(complaints(), received_at="2026-02-10T10:00")
    s = case.status(now="2026-02-10T10:00")["cure"]
    assert (s.unit, s.last_day) == ("days", dt.date(2026, 2, 24))
    # pause 02-12: kept 02-11 (1 day); the rest, 6 days, from 02-20 (not counted): 02-26, a workday
    p = case.pause("awaiting_customer", at="2026-02-12T09:00").resume(at="2026-02-20T10:00")
    s = p.status(now="2026-02-20T10:00")["cure"]
    assert (s.elapsed, s.remaining, s.last_day) == (1, 6, dt.date(2026, 2, 26))


def test_pause_inside_an_art_203_roll_keeps_the_last_day() -> None:
    # the nominal 7 days ran out on 02-17; the roll to 02-24 is part of the last day: one day is kept
    case = open_case(complaints(), received_at="2026-02-10T10:00").pause("awaiting_customer", at="2026-02-20T09:00")
    assert case.status(now="2026-02-21T09:00")["cure"].remaining == 1
    same = case.resume(at="2026-02-23T10:00").status(now="2026-02-23T10:00")["cure"]
    later = case.resume(at="2026-02-24T10:00").status(now="2026-02-24T10:00")["cure"]
    assert (same.last_day, later.last_day) == (dt.date(2026, 2, 24), dt.date(2026, 2, 25))


def test_hour_clock_pause_adds_the_stopped_time() -> None:
    case = open_case(complaints(), received_at="2026-09-28T20:00")
    case = case.pause("awaiting_customer", at="2026-09-29T08:00").resume(at="2026-09-29T10:30")
    s = case.status(now="2026-09-29T10:30")["answer"]
    assert s.due == at("2026-09-30T22:30")  # 48 h + 2.5 h stopped
    assert (s.elapsed, s.remaining) == (dt.timedelta(hours=12), dt.timedelta(hours=36))
    # the non-pausable acknowledgement ran on
    assert case.status(now="2026-09-29T10:30")["acknowledgement"].due == at("2026-09-29T20:00")


def test_working_hours_pause() -> None:
    c = sc.Contract(
        "desk",
        [sc.Clause("reply", "8个工作小时", starts_on="received", met_by="replied", pausable=True)],
        events=["received"],
        calendar=sc.CalendarSpec("CN", hours="09:00-12:00,13:30-18:00"),
    )
    case = open_case(c, received_at="2026-09-30T10:00")
    # 2 h + 4.5 h on 09-30, then 1.5 h on 10-08 (after National Day)
    assert case.status(now="2026-09-30T10:00")["reply"].due == at("2026-10-08T10:30")
    # 1 h used by 11:00; the other 7 h from 10-08 09:00: 3 h + 4 h
    p = case.pause("awaiting_customer", at="2026-09-30T11:00").resume(at="2026-10-08T09:00")
    s = p.status(now="2026-10-08T09:00")["reply"]
    assert (s.unit, s.due, s.elapsed, s.remaining) == (
        "working_time",
        at("2026-10-08T17:30"),
        dt.timedelta(hours=1),
        dt.timedelta(hours=7),
    )


def test_pause_after_the_due_does_not_revive_a_breach() -> None:
    case = acked("2026-09-24T10:00").pause("awaiting_customer", at="2026-10-10T10:00").resume(at="2026-10-20T10:00")
    s = case.status(now="2026-10-20T10:00", lang="en")["investigation"]
    assert (s.state, s.due) == ("breached", at("2026-10-10T00:00"))
    assert "came after the limit expired" in s.explanation


def test_met_while_paused() -> None:
    case = acked("2026-09-24T10:00").pause("awaiting_customer", at="2026-09-29T15:00")
    case = case.record("investigated", at="2026-10-05T10:00")
    s = case.status(now="2026-12-01T10:00")["investigation"]
    assert (s.state, s.done_at, s.due) == ("met", at("2026-10-05T10:00"), None)


def test_a_resume_at_or_after_the_meeting_instant_does_not_restart_a_met_clause() -> None:
    """Met while paused stays so: the resume recorded at the same instant (or later) changes nothing."""
    paused = acked("2026-09-24T10:00").pause("awaiting_customer", at="2026-09-29T15:00")
    met = paused.record("investigated", at="2026-10-05T10:00")
    before = met.status(now="2026-10-05T10:00")["investigation"]
    for resumed in ("2026-10-05T10:00", "2026-10-08T09:00"):
        after = met.resume(at=resumed).status(now=resumed)["investigation"]
        assert (
            (after.state, after.done_at, after.due)
            == (before.state, before.done_at, before.due)
            == (
                "met",
                at("2026-10-05T10:00"),
                None,
            )
        )
    # the same instants with the resume recorded first: the same answer
    other = paused.resume(at="2026-10-05T10:00").record("investigated", at="2026-10-05T10:00")
    s = other.status(now="2026-10-05T10:00")["investigation"]
    assert (s.state, s.due) == ("met", None)


def test_chinese_explanation() -> None:
    case = acked("2026-09-24T10:00").pause("awaiting_customer", at="2026-09-29T15:00").resume(at="2026-10-08T09:00")
    text = case.status(now="2026-10-08T09:00", lang="zh")["investigation"].explanation
    assert "已用1个工作日，剩余4个工作日" in text
    assert "第201条" in text


# -- extension -----------------------------------------------------------------------------------


def test_extension_announced_before_the_standard_limit() -> None:
    case = acked("2026-09-29T10:00")
    # 10 workdays after 09-29: 09-30, 10-08, 10-09, 10-10, 10-12..10-16, 10-19
    std = case.status(now="2026-10-19T17:00")["standard_handling"]
    assert (std.due, std.state) == (at("2026-10-20T00:00"), "at_risk")
    ext = case.extend("standard_handling", notified_at="2026-10-19T17:00")
    s = ext.status(now="2026-10-19T17:00")["standard_handling"]
    # 30 workdays from the clause's own start: ... 11-09..11-13 (25-29), 11-16 (30)
    assert (s.period, s.last_day, s.due, s.extended) == (
        sc.Period(30, sc.Unit.WORKDAY),
        dt.date(2026, 11, 16),
        at("2026-11-17T00:00"),
        True,
    )
    assert s.state == "running"  # 9 of 30 workdays used
    assert ext.occurred("complex_notified") == at("2026-10-19T17:00")


def test_extension_after_the_standard_limit_is_refused() -> None:
    case = acked("2026-09-29T10:00")
    with pytest.raises(ContractError, match=r"too late.*before the limit expires, at 2026-10-20T00:00"):
        case.extend("standard_handling", notified_at="2026-10-20T00:00")


def test_extension_errors() -> None:
    case = acked("2026-09-29T10:00")
    with pytest.raises(ContractError, match="has no extension"):
        case.extend("investigation", notified_at="2026-09-30T10:00")
    with pytest.raises(ContractError, match="has no clause 'nope'"):
        case.extend("nope", notified_at="2026-09-30T10:00")
    with pytest.raises(ContractError, match="longer than the cap"):
        case.extend("standard_handling", notified_at="2026-09-30T10:00", period="31个工作日")
    once = case.extend("standard_handling", notified_at="2026-09-30T10:00", period="20个工作日")
    assert once.status(now="2026-09-30T10:00")["standard_handling"].period == sc.Period(20, sc.Unit.WORKDAY)
    with pytest.raises(ContractError, match="already extended"):
        once.extend("standard_handling", notified_at="2026-10-09T10:00")
    with pytest.raises(InvalidInputError, match=r"case.extend\('standard_handling'"):
        case.record("complex_notified", at="2026-09-30T10:00")
    not_started = open_case(complaints(), received_at="2026-09-29T10:00")
    with pytest.raises(ContractError, match="has not started"):
        not_started.extend("standard_handling", notified_at="2026-09-29T11:00")


# -- escalation ----------------------------------------------------------------------------------


def test_escalation_chain() -> None:
    case = acked("2026-09-29T10:00")
    assert case.status(now="2026-10-21T10:00")["escalation_handling"].state == "not_started"
    assert case.status(now="2026-10-21T10:00")["standard_handling"].state == "breached"
    esc = case.escalate(at="2026-10-21T10:00")
    last = esc.events[-1]
    assert isinstance(last, CaseEvent)
    assert (last.kind, last.name, last.at, last.data) == (
        "escalate",
        "escalated",
        at("2026-10-21T10:00"),
        (("clause", "standard_handling"),),
    )
    assert last.get("clause") == "standard_handling"
    s = esc.status(now="2026-10-21T10:00")["escalation_handling"]
    # 10 workdays after Wed 10-21: 10-22, 10-23, 10-26..10-30, 11-02, 11-03, 11-04
    assert (s.state, s.start, s.last_day) == ("running", at("2026-10-21T10:00"), dt.date(2026, 11, 4))
    done = esc.record("final_opinion_given", at="2026-11-02T16:00").status(now="2026-11-30T10:00")
    assert done["escalation_handling"].state == "met"
    with pytest.raises(InvalidInputError, match="already recorded"):
        esc.escalate(at="2026-10-22T10:00")
    with pytest.raises(ContractError, match="has no escalation"):
        esc.escalate(at="2026-10-22T10:00", clause="investigation")


# -- at risk, status shape -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "elapsed", "state"),
    [
        ("2026-10-15T12:00", 7, "running"),  # 09-30, 10-08, 10-09, 10-10, 10-12, 10-13, 10-14 done
        ("2026-10-16T09:00", 8, "at_risk"),  # 80 % of 10 workdays: warn_at=0.8
    ],
)
def test_at_risk_at_warn_at(now: str, elapsed: int, state: str) -> None:
    s = acked("2026-09-29T10:00").status(now=now)["standard_handling"]
    assert (s.elapsed, s.remaining, s.percent_used, s.state) == (elapsed, 10 - elapsed, 10.0 * elapsed, state)


def test_other_kinds_are_reported_not_supported() -> None:
    # notice clauses are evaluated now (see the notice tests below); what is left unsupported is still listed
    status = acked("2026-09-29T10:00").status(now="2026-09-29T10:00")
    assert status.not_supported == ()
    assert [c.clause for c in status.clauses] == [
        "acknowledgement",
        "investigation",
        "standard_handling",
        "escalation_handling",
        "answer",
        "cure",
        "termination_notice",
    ]
    assert status["termination_notice"].state == "not_started"  # 'terminated' not recorded: no date to count back from
    hours = sc.Contract("h", [sc.Clause("slot", "24小时", kind="window", starts_on="received")], events=["received"])
    other = open_case(hours, received_at="2026-09-29T10:00").status(now="2026-09-29T10:00")
    assert other.not_supported == (
        ("slot", "a window of 24 hours (hours or minutes) has no case status yet; use a deadline"),
    )
    with pytest.raises(InvalidInputError, match="no case status yet"):
        other["slot"]
    with pytest.raises(InvalidInputError, match="no deadline clause 'nope'"):
        status["nope"]


def test_fixed_date_start() -> None:
    c = sc.Contract("t", [sc.Clause("pay", "5个工作日", starts_on="2026-09-30", met_by="paid")], events=["received"])
    s = open_case(c, received_at="2026-09-29T10:00").status(now="2026-10-01T10:00")["pay"]
    # 5 workdays after 09-30: 10-08, 10-09, 10-10, 10-12, 10-13
    assert (s.start, s.last_day) == (at("2026-09-30T00:00"), dt.date(2026, 10, 13))


# -- replay and values ---------------------------------------------------------------------------


def test_replay_is_deterministic_and_cases_are_values() -> None:
    def build() -> Case:
        case = acked("2026-09-24T10:00", received="2026-09-24T09:00")
        case = case.pause("awaiting_customer", at="2026-09-29T15:00").resume(at="2026-10-08T09:00")
        return case.extend("standard_handling", notified_at="2026-10-09T10:00")

    a, b = build(), build()
    assert a == b
    assert hash(a) == hash(b)
    assert a.status(now="2026-10-20T10:00") == b.status(now="2026-10-20T10:00")
    assert copy.copy(a) is a
    before = acked("2026-09-24T10:00")
    after = before.record("investigated", at="2026-09-25T10:00")
    assert len(before.events) == 2  # the old case is unchanged
    assert len(after.events) == 3


# -- errors --------------------------------------------------------------------------------------


def test_event_errors() -> None:
    case = acked("2026-09-29T10:00", received="2026-09-29T09:00")
    with pytest.raises(InvalidInputError, match=r"earlier than the receipt \('received' at 2026-09-29T09:00"):
        case.record("investigated", at="2026-09-28T10:00")
    with pytest.raises(InvalidInputError, match="earlier than the case's last event \\('acknowledged'"):
        case.record("investigated", at="2026-09-29T09:30")
    with pytest.raises(InvalidInputError, match="'investigatd' is not an event of contract"):
        case.record("investigatd", at="2026-09-30T10:00")
    with pytest.raises(InvalidInputError, match="already recorded"):
        case.record("acknowledged", at="2026-09-30T10:00")
    with pytest.raises(InvalidInputError, match="meets clause 'escalation_handling', which has not started"):
        case.record("final_opinion_given", at="2026-09-30T10:00")
    with pytest.raises(InvalidInputError, match="not paused"):
        case.resume(at="2026-09-30T10:00")
    paused = case.pause("awaiting_customer", at="2026-09-30T10:00")
    with pytest.raises(InvalidInputError, match="already paused since 2026-09-30T10:00"):
        paused.pause("awaiting_customer", at="2026-09-30T11:00")
    with pytest.raises(InvalidInputError, match="earlier than the case's last event \\(pause 'awaiting_customer'"):
        paused.resume(at="2026-09-30T09:00")
    with pytest.raises(InvalidInputError, match="needs a reason"):
        case.pause("", at="2026-09-30T10:00")
    with pytest.raises(InvalidInputError, match="now 2026-09-29T09:30:00\\+08:00 is earlier than"):
        case.status(now="2026-09-29T09:30")
    with pytest.raises(InvalidInputError, match="must be an instant"):
        case.record("investigated", at="2026-09-30")
    with pytest.raises(InvalidInputError, match="unknown language 'fr'; valid: 'zh', 'en'"):
        case.status(now="2026-09-30T10:00", lang="fr")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'opened' is not an event"):
        open_case(complaints(), received_at="2026-09-29T09:00", event="opened")


# -- properties ----------------------------------------------------------------------------------

_BASE = at("2026-09-14T00:00")  # covers both holiday seasons' neighbour: National Day 2026
_minutes = st.integers(min_value=0, max_value=40 * 24 * 60)


@settings(max_examples=60, deadline=None)
@given(ack=_minutes, pause=_minutes, length=st.integers(min_value=0, max_value=15 * 24 * 60))
def test_a_pause_never_makes_a_due_earlier(ack: int, pause: int, length: int) -> None:
    t_ack = _BASE + dt.timedelta(minutes=ack)
    t_pause = t_ack + dt.timedelta(minutes=pause)
    t_resume = t_pause + dt.timedelta(minutes=length)
    plain = acked(t_ack.isoformat(), received=_BASE.isoformat())
    paused = plain.pause("awaiting_customer", at=t_pause).resume(at=t_resume)
    now = t_resume
    for name in ("investigation", "standard_handling", "answer", "cure"):
        before = plain.status(now=now)[name].due
        after = paused.status(now=now)[name].due
        assert before is not None
        assert after is not None
        assert after >= before, name


@settings(max_examples=60, deadline=None)
@given(ack=_minutes, done=_minutes, later=st.lists(_minutes, min_size=1, max_size=4))
def test_a_met_clause_stays_met(ack: int, done: int, later: list[int]) -> None:
    t_ack = _BASE + dt.timedelta(minutes=ack)
    t_done = t_ack + dt.timedelta(minutes=done)
    case = acked(t_ack.isoformat(), received=_BASE.isoformat()).record("investigated", at=t_done)
    first = case.status(now=t_done)["investigation"]
    for extra in sorted(later):
        s = case.status(now=t_done + dt.timedelta(minutes=extra))["investigation"]
        assert s.state == first.state
        assert s.due == first.due
        assert s.state in ("met", "breached")
        assert s.due is not None
        assert (s.state == "met") == (t_done < s.due)


# -- more shapes ---------------------------------------------------------------------------------


def misc() -> sc.Contract:
    return sc.Contract(
        "misc",
        [
            sc.Clause(
                "investigation",
                "5个工作日",
                starts_on="acknowledged",
                met_by="investigated",
                pausable=True,
                warn_before="2个工作日",
                # "如需更长时间，应提前通知乙方并说明原因": no cap, the notice states the time
                extension=sc.Extension(event="investigation_extension_notified"),
                escalation="escalated",
            ),
            sc.Clause("reply", "2周", starts_on="received", met_by="replied", pausable=True, warn_before="3日"),
            sc.Clause("review", "1个月", starts_on="received", met_by="reviewed", pausable=True),
            sc.Clause("appeal", "3日", starts_on="received", met_by="appealed", escalation="appealed_up"),
        ],
        events=["received", "acknowledged", "escalated", "appealed_up"],
    )


def test_uncapped_extension_needs_the_stated_period() -> None:
    case = open_case(misc(), received_at="2026-09-28T09:00").record("acknowledged", at="2026-09-28T10:00")
    with pytest.raises(ContractError, match="has no cap on its extension"):
        case.extend("investigation", notified_at="2026-09-29T10:00")
    with pytest.raises(ContractError, match="not longer than the limit 5 workdays"):
        case.extend("investigation", notified_at="2026-09-29T10:00", period="5个工作日")
    with pytest.raises(ContractError, match="cannot be compared"):
        case.extend("investigation", notified_at="2026-09-29T10:00", period="30日")
    s = case.extend("investigation", notified_at="2026-09-29T10:00", period="8个工作日").status(now="2026-09-29T10:00")[
        "investigation"
    ]
    # 8 workdays after 09-28: 09-29, 09-30, 10-08, 10-09, 10-10, 10-12, 10-13, 10-14
    assert (s.period, s.last_day, s.extended) == (sc.Period(8, sc.Unit.WORKDAY), dt.date(2026, 10, 14), True)
    met = case.record("investigated", at="2026-09-29T10:00")
    with pytest.raises(ContractError, match="already done"):
        met.extend("investigation", notified_at="2026-09-29T11:00", period="8个工作日")


def test_warn_before_in_workdays_and_days() -> None:
    case = open_case(misc(), received_at="2026-09-28T09:00").record("acknowledged", at="2026-09-28T10:00")
    # investigation: 09-29, 09-30, 10-08, 10-09, 10-10; warned from the day with 2 workdays left (10-09)
    assert case.status(now="2026-10-08T17:00")["investigation"].state == "running"
    assert case.status(now="2026-10-09T09:00")["investigation"].state == "at_risk"
    # reply: 2 weeks = 14 days after 09-28 = 10-12 (a workday); warned on its last 3 days, from 10-10
    reply = case.status(now="2026-10-09T23:00")["reply"]
    assert (reply.unit, reply.last_day, reply.state, reply.elapsed) == ("days", dt.date(2026, 10, 12), "running", 10)
    assert case.status(now="2026-10-10T00:00")["reply"].state == "at_risk"


def test_month_clause_status_and_pause_not_supported() -> None:
    case = open_case(misc(), received_at="2026-09-28T09:00")
    review = case.status(now="2026-10-08T09:00")["review"]
    # 1 month from 09-28 is 10-28 (a Wednesday); measured in days: 30 days, 9 done (09-29..10-07)
    assert (review.unit, review.last_day, review.elapsed, review.remaining) == ("days", dt.date(2026, 10, 28), 9, 21)
    paused = case.pause("awaiting_customer", at="2026-10-08T10:00")
    status = paused.status(now="2026-10-08T11:00")
    assert dict(status.not_supported)["review"] == "pausing a month period is not supported yet (the case was paused)"
    # a week clause pauses as 7 days each: kept 09-29..10-07 (9 days), 5 left
    assert (status["reply"].state, status["reply"].elapsed, status["reply"].remaining) == ("paused", 9, 5)


def test_clause_starting_during_a_pause_runs_from_the_resumption() -> None:
    case = open_case(misc(), received_at="2026-09-28T09:00").pause("awaiting_customer", at="2026-09-28T09:30")
    case = case.record("acknowledged", at="2026-09-29T10:00").resume(at="2026-10-08T15:00")
    s = case.status(now="2026-10-08T15:00")["investigation"]
    # 5 workdays after 10-08: 10-09, 10-10, 10-12, 10-13, 10-14
    assert (s.start, s.last_day, s.elapsed) == (at("2026-09-29T10:00"), dt.date(2026, 10, 14), 0)


def test_two_pauses_on_an_hour_clock() -> None:
    case = open_case(complaints(), received_at="2026-09-28T20:00")
    case = case.pause("awaiting_customer", at="2026-09-29T08:00").resume(at="2026-09-29T09:00")
    case = case.pause("force_majeure", at="2026-09-30T08:00").resume(at="2026-09-30T10:00")
    s = case.status(now="2026-09-30T10:00")["answer"]
    assert s.due == at("2026-09-30T23:00")  # 09-28 20:00 + 48 h + 1 h + 2 h
    assert s.elapsed == dt.timedelta(hours=35)  # 38 h on the wall clock, 3 h stopped
    assert case.paused_since is None


def test_escalation_must_name_the_clause_when_there_are_several() -> None:
    case = open_case(misc(), received_at="2026-09-28T09:00")
    with pytest.raises(ContractError, match="several escalation events"):
        case.escalate(at="2026-09-29T09:00")
    esc = case.escalate(at="2026-10-02T09:00", clause="appeal")
    assert esc.occurred("appealed_up") == at("2026-10-02T09:00")
    only = sc.Contract("x", [sc.Clause("a", "1日", starts_on="received", met_by="done")], events=["received"])
    with pytest.raises(ContractError, match="no clause of this contract names an escalation"):
        open_case(only, received_at="2026-09-28T09:00").escalate(at="2026-09-29T09:00")


def test_open_case_argument_errors() -> None:
    with pytest.raises(InvalidInputError, match="needs a Contract"):
        open_case("complaints", received_at="2026-09-28T09:00")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="received_at must be an instant"):
        open_case(complaints(), received_at="2026-09-28")


def test_a_clause_is_not_met_before_it_starts() -> None:
    # opened by the event that meets a clause, then given the receipt: "met" before the complaint came
    c = sc.Contract("d", [sc.Clause("std", "10个工作日", starts_on="received", met_by="proposed")], events=["received"])
    answered = c.open(received_at="2026-06-01T10:00", event="proposed")  # a clause not started: it is not_started
    assert answered.status(now="2026-06-20T00:00")["std"].state == "not_started"
    with pytest.raises(InvalidInputError, match="'received' starts clause 'std', but 'proposed', which meets it, came"):
        answered.record("received", at="2026-06-01T11:00")
    stored = answered.to_dict()
    stored["events"].append({"kind": "record", "name": "received", "at": "2026-06-01T11:00:00+08:00"})
    with pytest.raises(InvalidInputError, match="which meets it, came first"):
        sc.Case.from_dict(c, stored)
    ext = complaints()
    notice = next(cl.extension.event for cl in ext.clauses if cl.extension is not None)
    with pytest.raises(InvalidInputError, match="is the extension notice of clause"):
        ext.open(received_at="2026-06-01T10:00", event=notice)


def test_status_words_and_table() -> None:
    contract = sc.Contract(
        "words",
        [
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
            sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", pausable=True),
            sc.Clause("reply", "2日", starts_on="solved", met_by="replied"),
        ],
        events=["received"],
    )
    case = sc.Contract.open(contract, received_at="2026-09-30T20:00")
    status = case.status(now="2026-10-02T09:30")
    assert status["ack"].phrase() == "逾期13小时30分钟"
    assert status["ack"].phrase("en") == "overdue by 13 hours 30 minutes"
    assert status["solution"].phrase() == "还剩5个工作日"  # 10-01..10-07 off: nothing used yet
    assert status["solution"].phrase("en") == "5 workdays left"
    assert status["reply"].phrase("en") == "not started"
    late = case.status(now="2026-10-16T10:00")["solution"]  # last day 10-13 (10-10 is worked): 2 workdays late
    assert late.phrase() == "逾期2个工作日"  # in the clause's unit (issue 15: it said "2 days")
    assert late.phrase("en") == "overdue by 2 workdays"
    paused = case.pause("awaiting customer", at="2026-10-09T15:00").status(now="2026-10-09T16:00")["solution"]
    assert paused.phrase("en") == "paused, 4 workdays kept"  # 10-08 was used; the pause day is not
    table = status.table("en").splitlines()
    assert table[0].split() == ["clause", "state", "due", "left", "/", "overdue"]
    assert table[2].split()[:4] == ["solution", "running", "2026-10-13", "24:00"]  # the last day and 24:00
    assert str(status) == status.table("zh")


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (dt.timedelta(hours=1), "time", "1小时", "1 hour"),
        (dt.timedelta(minutes=1), "time", "1分钟", "1 minute"),
        (dt.timedelta(seconds=59), "time", "0分钟", "0 minutes"),
        (dt.timedelta(days=2, minutes=5), "time", "48小时5分钟", "48 hours 5 minutes"),  # hours, not days
        (dt.timedelta(hours=8), "working_time", "工作时间8小时", "8 hours of working time"),
        (1, "days", "1日", "1 day"),
        (3, "days", "3日", "3 days"),
        (1, "workdays", "1个工作日", "1 workday"),
        (0, "workdays", "0个工作日", "0 workdays"),
    ],
)
def test_amounts_in_words(value: dt.timedelta | int, unit: str, zh: str, en: str) -> None:
    from slaclock._contracts.status import _amount

    assert (_amount(value, unit, "zh"), _amount(value, unit, "en")) == (zh, en)  # type: ignore[arg-type]


# -- monthly clauses -----------------------------------------------------------------------------


def fee_case(effective: str = "2026-09-01T09:00") -> Case:
    """Seed 003 (customer service standards), its clauses applying from ``effective``."""
    return open_case(sc.templates.customer_service_standards(), received_at=effective, event="effective")


def test_seed_003_fee_window_in_october_2026() -> None:
    case = fee_case()
    s = case.status(now="2026-10-02T10:00")["service_fee"]
    # the first five workdays of October 2026: 10-08, 10-09, 10-10 (makeup Saturday), 10-12, 10-13
    assert (s.state, s.due, s.last_day, s.unit) == (
        "running",
        at("2026-10-14T00:00"),
        dt.date(2026, 10, 13),
        "workdays",
    )
    assert (s.start, s.elapsed, s.remaining, s.period) == (at("2026-10-01T00:00"), 0, 5, sc.Period(5, sc.Unit.WORKDAY))
    assert "2026-10-10" in s.explanation
    s = case.status(now="2026-10-12T10:00")["service_fee"]  # 10-08, 10-09, 10-10 done
    assert (s.elapsed, s.remaining, s.percent_used) == (3, 2, 60.0)
    assert case.status(now="2026-10-13T23:59")["service_fee"].remaining == 1  # on the last day, 1 is left
    late = case.status(now="2026-10-14T00:00")["service_fee"]
    assert (late.state, late.overdue_by, late.elapsed, late.remaining) == ("breached", dt.timedelta(0), 5, 0)
    paid = case.record("fee_paid", at="2026-10-13T16:00").status(now="2026-10-20T09:00")["service_fee"]
    assert (paid.state, paid.done_at, paid.elapsed) == ("met", at("2026-10-13T16:00"), 4)
    paid_late = case.record("fee_paid", at="2026-10-14T09:00").status(now="2026-10-14T09:00")["service_fee"]
    assert (paid_late.state, paid_late.overdue_by) == ("breached", dt.timedelta(hours=9))
    assert case.status(now="2026-10-02T10:00").table("en").splitlines()[4].split()[:4] == [
        "service_fee",
        "running",
        "2026-10-13",
        "24:00",
    ]


def test_monthly_payment_in_an_earlier_month_does_not_count() -> None:
    case = fee_case().record("fee_paid", at="2026-09-03T10:00")
    # September 2026: 09-01 (Tue), 09-02, 09-03, 09-04, 09-07
    sep = case.status(now="2026-09-05T09:00")["service_fee"]
    assert (sep.state, sep.last_day, sep.done_at) == ("met", dt.date(2026, 9, 7), at("2026-09-03T10:00"))
    octo = case.status(now="2026-10-09T09:00")["service_fee"]
    assert (octo.state, octo.done_at, octo.elapsed) == ("running", None, 1)  # 10-08 done
    assert "2026-09-03T10:00:00+08:00" in octo.explanation


def test_monthly_workdays_across_spring_festival() -> None:
    c = sc.Contract(
        "m",
        [sc.Clause("fee", "每月初十二个工作日内", kind="monthly", starts_on="effective", met_by="paid")],
        events=["effective"],
    )
    case = open_case(c, received_at="2026-01-05T09:00", event="effective")
    s = case.status(now="2026-02-20T10:00")["fee"]
    # February 2026: 02-02..02-06 (5), 02-09..02-13 (10), 02-14 worked (11), 02-15..02-23 off, 02-24 (12)
    assert (s.last_day, s.due, s.state) == (dt.date(2026, 2, 24), at("2026-02-25T00:00"), "running")
    assert (s.elapsed, s.remaining) == (11, 1)


def test_monthly_before_the_first_workday() -> None:
    c = sc.Contract(
        "m",
        [sc.Clause("fee_list", "每月的第一个工作日前", kind="monthly", starts_on="effective", met_by="submitted")],
        events=["effective"],
    )
    case = open_case(c, received_at="2026-08-20T09:00", event="effective")
    # October's first workday is 10-08: due 10-08 00:00 (last day 10-07). September's was 09-01 (a Tuesday),
    # so October's window opens at 09-01 00:00, where September's closed.
    s = case.status(now="2026-10-05T09:00")["fee_list"]
    assert (s.state, s.start, s.due, s.last_day, s.unit) == (
        "running",
        at("2026-09-01T00:00"),
        at("2026-10-08T00:00"),
        dt.date(2026, 10, 7),
        "days",
    )
    assert (s.elapsed, s.remaining) == (34, 3)  # 37 days, 09-01..10-07; 09-01..10-04 done
    met = case.record("submitted", at="2026-09-30T10:00").status(now="2026-10-05T09:00")["fee_list"]
    assert (met.state, met.done_at) == ("met", at("2026-09-30T10:00"))
    late = case.status(now="2026-10-08T09:00")["fee_list"]
    assert (late.state, late.overdue_by) == ("breached", dt.timedelta(hours=9))
    # effective in the month itself: the window opens at the start event
    later = open_case(c, received_at="2026-10-02T09:00", event="effective").status(now="2026-10-05T09:00")
    assert (later["fee_list"].start, later["fee_list"].remaining) == (at("2026-10-02T09:00"), 3)


def test_monthly_once_a_month_is_due_at_the_months_end() -> None:
    case = fee_case("2026-01-10T09:00")
    s = case.status(now="2026-02-20T10:00")["satisfaction_survey"]
    # 每月一次: by 02-28 24:00 (the month's last day, a makeup Saturday here, not that it matters); 28 days, 19 done
    assert (s.state, s.due, s.last_day, s.period) == ("running", at("2026-03-01T00:00"), dt.date(2026, 2, 28), None)
    assert (s.unit, s.elapsed, s.remaining) == ("days", 19, 9)
    march = case.record("survey_done", at="2026-02-27T15:00").status(now="2026-03-02T09:00")["satisfaction_survey"]
    # March's survey: February's does not count for it; due 03-31 24:00
    assert (march.state, march.done_at, march.last_day) == ("running", None, dt.date(2026, 3, 31))
    done = case.record("survey_done", at="2026-02-27T15:00").status(now="2026-02-28T09:00")["satisfaction_survey"]
    assert (done.state, done.done_at) == ("met", at("2026-02-27T15:00"))
    mid = fee_case("2026-10-20T09:00").status(now="2026-10-25T09:00")["satisfaction_survey"]
    assert (mid.start, mid.elapsed, mid.remaining) == (at("2026-10-20T09:00"), 5, 7)  # 10-20..10-31: 12 days


def test_monthly_not_started() -> None:
    c = sc.templates.customer_service_standards()
    before = open_case(c, received_at="2026-10-02T09:00", event="enquiry_received").status(now="2026-10-09T09:00")
    assert before["service_fee"].state == "not_started"
    # effective after October's fee window closed (10-13 24:00): nothing is due in October
    after = fee_case("2026-10-20T09:00").status(now="2026-10-25T09:00", lang="en")["service_fee"]
    assert (after.state, after.due, after.elapsed) == ("not_started", None, 0)
    assert "nothing is due this month" in after.explanation
    assert fee_case("2026-10-20T09:00").status(now="2026-11-02T09:00")["service_fee"].state == "running"


# -- notice clauses ------------------------------------------------------------------------------


def notice_contract(period: str, anchor: str) -> sc.Contract:
    clause = sc.Clause("notice", period, kind="notice", starts_on=anchor, met_by="notified")
    return sc.Contract("n", [clause], events=["received", "terminated"])


def test_notice_before_a_fixed_date() -> None:
    case = open_case(notice_contract("提前30日书面通知", "2026-10-31"), received_at="2026-09-20T09:00")
    s = case.status(now="2026-09-28T09:00")["notice"]
    # notice on X starts X+1..X+30 = 10-31: X = 10-01, a holiday, not rolled forward (it would shorten the notice)
    assert (s.state, s.start, s.due, s.last_day) == (
        "running",
        at("2026-10-31T00:00"),
        at("2026-10-02T00:00"),
        dt.date(2026, 10, 1),
    )
    assert (s.unit, s.elapsed, s.remaining, s.percent_used) == ("days", 0, 4, 0.0)  # 09-28..10-01
    assert "2026-10-01" in s.explanation
    met = case.record("notified", at="2026-10-01T23:00").status(now="2026-10-05T09:00")["notice"]
    assert (met.state, met.done_at, met.overdue_by) == ("met", at("2026-10-01T23:00"), None)
    late = case.status(now="2026-10-02T00:00")["notice"]
    assert (late.state, late.overdue_by, late.remaining) == ("breached", dt.timedelta(0), 0)
    late_notice = case.record("notified", at="2026-10-02T09:00").status(now="2026-10-02T09:00")["notice"]
    assert (late_notice.state, late_notice.overdue_by) == ("breached", dt.timedelta(hours=9))


@pytest.mark.parametrize(
    ("period", "anchor", "last"),
    [
        # 09-30, 10-08, 10-09, 10-10 (worked Saturday), 10-12: the notice day is 09-29
        ("提前5个工作日", "2026-10-12", "2026-09-29"),
        # 02-14 (worked Saturday), 02-24, 02-25 (02-15..02-23 off): the notice day is 02-13
        ("提前3个工作日", "2026-02-25", "2026-02-13"),
    ],
)
def test_notice_in_workdays_across_holidays(period: str, anchor: str, last: str) -> None:
    case = open_case(notice_contract(period, anchor), received_at="2026-01-05T09:00")
    s = case.status(now="2026-01-05T09:00")["notice"]
    last_day = dt.date.fromisoformat(last)
    assert (s.last_day, s.due) == (last_day, at(f"{last_day + dt.timedelta(days=1)}T00:00"))


def test_notice_before_an_event_is_checked_once_the_event_happens() -> None:
    case = open_case(complaints(), received_at="2026-09-01T09:00").record("notified", at="2026-09-10T10:00")
    s = case.status(now="2026-09-20T09:00")["termination_notice"]
    assert (s.state, s.due, s.done_at) == ("not_started", None, at("2026-09-10T10:00"))
    ok = case.record("terminated", at="2026-10-31T09:00").status(now="2026-10-31T09:00")["termination_notice"]
    # 30 days before 10-31: notice by 10-01 24:00
    assert (ok.state, ok.last_day, ok.start) == ("met", dt.date(2026, 10, 1), at("2026-10-31T09:00"))
    short = case.record("terminated", at="2026-10-05T09:00").status(now="2026-10-05T09:00")["termination_notice"]
    # 30 days before 10-05: notice by 09-05 24:00; given 09-10 10:00
    assert (short.state, short.last_day) == ("breached", dt.date(2026, 9, 5))
    assert short.overdue_by == dt.timedelta(days=4, hours=10)
    never = open_case(complaints(), received_at="2026-09-01T09:00").record("terminated", at="2026-10-05T09:00")
    assert never.status(now="2026-10-05T09:00")["termination_notice"].state == "breached"


# -- window clauses ------------------------------------------------------------------------------


def windows() -> sc.Contract:
    return sc.Contract(
        "w",
        [
            sc.Clause("voucher", kind="window", starts_on="2026-10-01", ends_on="2026-12-31", met_by="voucher_used"),
            sc.Clause("grace", "10日", kind="window", starts_on="received"),
            sc.Clause("open_until_closed", kind="window", starts_on="received", ends_on="closed"),
            sc.Clause("holiday_range", kind="window", starts_on="2026-09-01", ends_on="2026-10-03"),
        ],
        events=["received", "closed"],
    )


def test_window_with_fixed_dates() -> None:
    case = open_case(windows(), received_at="2026-09-25T10:00")
    assert case.status(now="2026-09-25T10:00")["voucher"].state == "not_started"  # opens 10-01 00:00
    s = case.status(now="2026-10-05T09:00")["voucher"]
    # 10-01..12-31, both included: 92 days, 4 done (10-01..10-04)
    assert (s.state, s.start, s.due, s.last_day) == (
        "running",
        at("2026-10-01T00:00"),
        at("2027-01-01T00:00"),
        dt.date(2026, 12, 31),
    )
    assert (s.unit, s.elapsed, s.remaining) == ("days", 4, 88)
    used = case.record("voucher_used", at="2026-12-31T23:00").status(now="2027-01-02T09:00")["voucher"]
    assert (used.state, used.done_at) == ("met", at("2026-12-31T23:00"))
    unused = case.status(now="2027-01-01T00:00")["voucher"]
    assert (unused.state, unused.overdue_by, unused.remaining) == ("breached", dt.timedelta(0), 0)
    early = case.record("voucher_used", at="2026-09-26T10:00").status(now="2026-10-05T09:00")["voucher"]
    assert (early.state, early.overdue_by) == ("breached", None)
    assert early.phrase("en") == "not done inside its window"
    # an agreed last day on a holiday is not rolled: 10-03 ends at 24:00
    h = case.status(now="2026-10-03T23:59")["holiday_range"]
    assert (h.state, h.last_day, h.due, h.remaining) == ("running", dt.date(2026, 10, 3), at("2026-10-04T00:00"), 1)
    assert case.status(now="2026-10-04T00:00")["holiday_range"].state == "expired"


def test_window_with_a_period_is_not_rolled() -> None:
    case = open_case(windows(), received_at="2026-09-25T10:00")
    s = case.status(now="2026-10-05T23:59")["grace"]
    # 10 days from 09-25 (the start day not counted): 10-05, a holiday, kept (a deadline would move to 10-08)
    assert (s.state, s.start, s.last_day, s.due) == (
        "running",
        at("2026-09-25T10:00"),
        dt.date(2026, 10, 5),
        at("2026-10-06T00:00"),
    )
    assert (s.elapsed, s.remaining) == (10, 1)  # 09-25..10-05: 11 days
    over = case.status(now="2026-10-06T00:00")
    assert (over["grace"].state, over["grace"].overdue_by, over["grace"].phrase()) == ("expired", None, "已届满")
    assert over.table("en").splitlines()[2].split()[:2] == ["grace", "expired"]
    spring = open_case(windows(), received_at="2026-02-14T09:00").status(now="2026-02-21T12:00")["grace"]
    # 10 days from 02-14: 02-24 (the festival's days are not skipped, nor is the end rolled)
    assert (spring.last_day, spring.elapsed, spring.remaining) == (dt.date(2026, 2, 24), 7, 4)


def test_window_ending_on_an_event() -> None:
    case = open_case(windows(), received_at="2026-09-25T10:00")
    s = case.status(now="2026-10-08T09:00")["open_until_closed"]
    assert (s.state, s.due, s.elapsed, s.remaining) == ("running", None, 13, 0)
    assert (s.phrase(), s.phrase("en")) == ("截止未定", "no end yet")
    closed = case.record("closed", at="2026-10-08T10:00")
    c = closed.status(now="2026-10-08T11:00")["open_until_closed"]
    assert (c.state, c.last_day, c.due) == ("running", dt.date(2026, 10, 8), at("2026-10-09T00:00"))
    assert closed.status(now="2026-10-09T00:00")["open_until_closed"].state == "expired"


def test_window_pause_and_warning() -> None:
    c = sc.Contract(
        "w",
        [sc.Clause("term", "10日", kind="window", starts_on="received", pausable=True, warn_before="2日")],
        events=["received"],
    )
    case = open_case(c, received_at="2026-09-25T10:00")
    assert case.status(now="2026-10-03T09:00")["term"].state == "running"
    assert case.status(now="2026-10-04T09:00")["term"].state == "at_risk"  # 10-04 and 10-05 left
    paused = case.pause("awaiting_customer", at="2026-09-28T09:00").status(now="2026-09-28T10:00")
    assert paused.not_supported == (("term", "pausing a window is not supported yet (the case was paused)"),)


# -- thresholds: "逾期超过N日" is a count, not a time to act ------------------------------------------


def overdue_contract(limit: str, convention: sc.Convention | None = None, hours: bool = False) -> sc.Contract:
    return sc.Contract(
        "fees",
        [
            sc.Clause("pay", limit, starts_on="payment_due", met_by="paid"),
            sc.Clause("overdue", limit, kind="threshold", starts_on="payment_due", met_by="paid"),
        ],
        events=["payment_due"],
        calendar=sc.CalendarSpec("CN", hours="09:00-18:00") if hours else "CN",
        convention=convention,
    )


@pytest.mark.parametrize(
    ("limit", "due_at", "threshold_at"),
    [
        # 3日 from Mon 09-28: 09-29 .. 10-01; the deadline rolls over National Day to Thu 10-08,
        # the threshold ends with its 3rd day, the holiday 10-01
        ("3日", "2026-10-09T00:00", "2026-10-02T00:00"),
        # 1个月 from 09-28 ends Wed 10-28 either way (a workday: nothing to roll)
        ("1个月", "2026-10-29T00:00", "2026-10-29T00:00"),
        # 2个月 → Sat 11-28: the deadline moves to Mon 11-30, the threshold does not
        ("2个月", "2026-12-01T00:00", "2026-11-29T00:00"),
        # 4个工作日 from Mon 09-28: 09-29, 09-30, 10-08, 10-09 (both end on a workday)
        ("4个工作日", "2026-10-10T00:00", "2026-10-10T00:00"),
        # hours run from the moment: 72小时 from Mon 10:00 → Thu 10-01 10:00, a holiday, and stays there
        ("72小时", "2026-10-01T10:00", "2026-10-01T10:00"),
    ],
)
def test_threshold_is_not_rolled(limit: str, due_at: str, threshold_at: str) -> None:
    case = overdue_contract(limit).open(received_at="2026-09-28T10:00", event="payment_due")
    s = case.status(now="2026-09-28T12:00")
    assert s["pay"].due == at(due_at)
    assert s["overdue"].due == at(threshold_at)
    assert s["overdue"].state == "running"


def test_threshold_ends_at_24_00_even_with_business_hours() -> None:
    # rolling conventions and a close of business shape the deadline, never the threshold
    conv = sc.Convention.business_hours().replace(roll_clock_time=True, cutoff="18:00", rest_day_receipt="next_workday")
    case = overdue_contract("3日", conv, hours=True).open(received_at="2026-09-28T19:00", event="payment_due")
    s = case.status(now="2026-09-29T09:00")
    # the deadline: received after the cut-off → deemed 09-29 (day 0), 3日 → 10-02, rolled to 10-08, closes 18:00
    assert s["pay"].due == at("2026-10-08T18:00")
    # the threshold: day 0 is 09-28, days 09-29 .. 10-01, ends 24:00 of the holiday 10-01
    assert (s["overdue"].due, s["overdue"].last_day) == (at("2026-10-02T00:00"), dt.date(2026, 10, 1))
    hours = overdue_contract("72小时", conv, hours=True).open(received_at="2026-09-28T10:00", event="payment_due")
    assert hours.status(now="2026-09-28T12:00")["overdue"].due == at("2026-10-01T10:00")


def test_threshold_states_and_explanation() -> None:
    case = overdue_contract("30日").open(received_at="2026-10-08T12:00", event="payment_due")
    # 10-09 .. 11-07 (a Saturday): exceeded from 11-08 00:00
    running = case.status(now="2026-11-07T23:59", lang="zh")["overdue"]
    assert (running.state, running.remaining, running.elapsed) == ("running", 1, 29)
    assert "不因休息日顺延" in running.explanation
    assert "2026-11-08 00:00" in running.explanation
    crossed = case.status(now="2026-11-09T08:00", lang="en")["overdue"]
    assert (crossed.state, crossed.overdue_by) == ("breached", dt.timedelta(days=1, hours=8))
    assert "it was exceeded from 2026-11-08 00:00" in crossed.explanation
    assert crossed.phrase("zh") == "逾期1日"  # day units show whole days
    paid = case.record("paid", at="2026-11-07T16:00").status(now="2026-12-01T00:00")
    assert (paid["overdue"].state, paid["pay"].state) == ("met", "met")


def test_threshold_met_before_it_starts_is_refused() -> None:
    c = sc.Contract(
        "t",
        [sc.Clause("overdue", "30日", kind="threshold", starts_on="payment_due", met_by="paid")],
        events=["signed", "payment_due"],
    )
    case = c.open(received_at="2026-10-08T12:00", event="signed")
    with pytest.raises(InvalidInputError, match="'paid' meets clause 'overdue', which has not started"):
        case.record("paid", at="2026-10-09T09:00")
    assert case.record("payment_due", at="2026-10-09T09:00").record("paid", at="2026-10-09T10:00").occurred("paid")


def test_threshold_round_trips() -> None:
    c = overdue_contract("30日")
    assert sc.Contract.from_toml(c.to_toml()) == c
    assert 'kind = "threshold"' in c.to_toml()


def test_a_pause_from_the_instant_a_clause_is_met_does_not_stop_it() -> None:
    # found by the generated sequences: met at 10:00 and paused at 10:00, the clause showed "met" with no due
    case = acked("2026-09-28T10:00", received="2026-09-28T09:00").record("answered", at="2026-09-28T10:00")
    s = case.pause("awaiting_customer", at="2026-09-28T10:00").status(now="2026-09-29T10:00")["answer"]
    assert (s.state, s.due, s.paused_since) == ("met", at("2026-09-30T09:00"), None)


# -- storing a case ------------------------------------------------------------------------------


def test_a_case_stored_and_read_back() -> None:
    case = acked("2026-09-28T10:00", received="2026-09-28T09:00")
    case = case.pause("awaiting_customer", at="2026-09-29T10:00").resume(at="2026-09-30T10:00")
    case = case.extend("standard_handling", notified_at="2026-09-30T11:00").escalate(at="2026-10-09T10:00")
    data = case.to_dict()
    assert data["contract"] == "service_quality_complaint"
    assert [e["kind"] for e in data["events"]] == ["record", "record", "pause", "resume", "extend", "escalate"]
    assert data["events"][4] == {
        "kind": "extend",
        "name": "complex_notified",
        "at": "2026-09-30T11:00:00+08:00",
        "clause": "standard_handling",
    }
    back = Case.from_dict(complaints(), data)
    assert back == case
    assert back.status(now="2026-10-20T09:00") == case.status(now="2026-10-20T09:00")


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        ({"contract": "other", "events": []}, ContractError, "the stored case is on contract 'other'"),
        ({"events": []}, InvalidInputError, "a stored case needs its events, the receipt first"),
        ({"events": "x"}, InvalidInputError, "a stored case needs its events"),
        (
            {"case": 1, "events": []},
            InvalidInputError,
            "a stored case is {'contract': name, 'calendar': {...}, 'events': [...]}",
        ),
        ({"events": [{"kind": "pause", "name": "x", "at": "2026-09-28T09:00"}]}, InvalidInputError, "starts with"),
        ({"events": [{"kind": "record", "name": "received"}]}, InvalidInputError, "must have 'kind'"),
        ({"events": [{"kind": "note", "name": "received", "at": "2026-09-28T09:00"}]}, InvalidInputError, "'kind'"),
        (
            {"events": [{"kind": "record", "name": "received", "at": "2026-09-28T09:00", "by": "me"}]},
            InvalidInputError,
            "unknown keys ['by']",
        ),
        (
            {
                "events": [
                    {"kind": "record", "name": "received", "at": "2026-09-28T09:00"},
                    {"kind": "record", "name": "acknowledged", "at": "2026-09-28T08:00"},
                ]
            },
            InvalidInputError,
            "is earlier than the receipt",
        ),
    ],
)
def test_a_bad_stored_case(data: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error) as info:
        Case.from_dict(complaints(), data)
    assert message in str(info.value)


# -- across the year end: the calendar a case is counted on, provisional clauses, stored calendar data -------------

FIXTURE = FIXTURES / "FICTIONAL-cn-2027.toml"  # an openly invented 2027
PROJECTED = sc.calendar("CN", horizon="projected")
ARRANGED = sc.calendar("CN", arrangements=FIXTURE)  # official through 2027-12-31


def seed_001(**kwargs: Any) -> sc.Contract:
    """Seed 001 with its blanks filled as docs/templates.md fills them."""
    return _demo.seed_001(**kwargs)


def year_end(contract: sc.Contract, calendar: Any = None) -> Case:
    """Received 2026-12-28 (Monday) 10:00, acknowledged an hour later: 5 workdays run into 2027."""
    return contract.open(received_at="2026-12-28T10:00", calendar=calendar).record(
        "acknowledged", at="2026-12-28T11:00"
    )


@contextmanager
def one_provisional_warning() -> Iterator[list[warnings.WarningMessage]]:
    """Exactly one ProvisionalWarning, attributed to this file (the user's line)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught
    assert [w.category for w in caught] == [sc.ProvisionalWarning], [str(w.message) for w in caught]
    assert caught[0].filename == __file__


def test_a_case_past_the_official_data_raises_by_default_and_says_where_the_calendar_goes() -> None:
    case = year_end(seed_001())
    with pytest.raises(sc.CalendarHorizonError, match=r"horizon='projected'.*contract\.open\(\.\.\., calendar=cal\)"):
        case.status(now="2026-12-29T09:00")


def test_a_projected_calendar_answers_and_marks_what_read_projected_days() -> None:
    case = year_end(seed_001(), PROJECTED)
    assert case.calendar is PROJECTED
    with one_provisional_warning() as caught:
        s = case.status(now="2026-12-29T09:00")
    assert "'investigation', 'standard_handling'" in str(caught[0].message)
    ack, investigation = s["acknowledgement"], s["investigation"]
    # 24 hours read no calendar day; 5 workdays from 12-28: 12-29, 12-30, 12-31, then 2027-01-04, 01-05
    assert (ack.state, ack.provisional) == ("met", False)
    assert (investigation.last_day, investigation.provisional) == (dt.date(2027, 1, 5), True)
    assert s.provisional
    assert not s["proposal"].provisional
    assert investigation.phrase("zh") == "还剩5个工作日（暂定）"
    assert investigation.phrase("en") == "5 workdays left (provisional)"
    assert ack.phrase("en") == "done at 2026-12-28 11:00"
    zh, en = s.table("zh").splitlines(), s.table("en").splitlines()
    assert [line.split()[:3] for line in en if line.startswith("investigation")] == [
        ["investigation", "running", "2027-01-05"]
    ]
    assert next(line for line in en if line.startswith("investigation")).split()[3] == "24:00*"
    assert next(line for line in en if line.startswith("acknowledgement")).split()[3] == "10:00"  # no mark
    assert en[-1].startswith("* provisional: counted on CN days past the official data (ends 2026-12-31)")
    assert zh[-1].startswith("* 暂定：计算用到CN官方数据（至2026-12-31）以后的日期")


def test_an_official_status_has_no_mark_and_no_footnote() -> None:
    s = acked("2026-09-30T20:00").status(now="2026-10-02T09:00")
    assert not s.provisional
    assert "*" not in s.table("en")
    assert "暂定" not in s.table("zh")


def test_the_same_through_a_template_calendar_and_a_stored_case() -> None:
    contract = seed_001(calendar=sc.calendar("CN", horizon="projected"))
    assert contract.calendar_spec == sc.CalendarSpec("CN", horizon="projected")
    case = year_end(contract)
    with one_provisional_warning():
        assert case.status(now="2026-12-29T09:00")["investigation"].provisional
    stored = json.loads(json.dumps(year_end(seed_001(), PROJECTED).to_dict()))
    back = Case.from_dict(seed_001(), stored, calendar=PROJECTED)
    assert back == year_end(seed_001(), PROJECTED)
    with one_provisional_warning():
        s = back.status(now="2026-12-29T09:00")
    assert [c.clause for c in s.clauses if c.provisional] == ["investigation", "standard_handling"]


def test_a_published_year_answers_officially() -> None:
    for case in (
        year_end(seed_001(), ARRANGED),
        year_end(seed_001(calendar=ARRANGED)),
        year_end(seed_001(calendar=sc.CalendarSpec("CN", arrangements=[FIXTURE]))),
        year_end(seed_001(), {"region": "CN", "arrangements": [str(FIXTURE)]}),
        Case.from_dict(seed_001(), year_end(seed_001(), ARRANGED).to_dict(), calendar=ARRANGED),
    ):
        s = case.status(now="2026-12-29T09:00")  # warnings are errors here: none may come
        assert not s.provisional
        assert (s["investigation"].last_day, s["investigation"].state) == (dt.date(2027, 1, 5), "running")
        assert "*" not in s.table()


def test_an_extension_checked_against_a_provisional_limit_warns_once() -> None:
    case = year_end(seed_001(), PROJECTED)
    with one_provisional_warning() as caught:
        case = case.extend("standard_handling", notified_at="2027-01-04T09:00")
    assert "extend('standard_handling')" in str(caught[0].message)
    with one_provisional_warning() as caught:  # the replay checks the notice again: one warning for the call
        assert Case.from_dict(case.contract, case.to_dict(), calendar=PROJECTED) == case
    assert "Case.from_dict" in str(caught[0].message)


def test_threads_each_get_their_warning_and_the_filters_stay() -> None:
    """The warnings are collected per thread (a ContextVar), never by changing warnings.filters."""
    cases = [year_end(seed_001(), PROJECTED) for _ in range(16)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        filters, contents = warnings.filters, list(warnings.filters)
        with ThreadPoolExecutor(16) as pool:
            statuses = list(pool.map(lambda c: c.status(now="2026-12-29T09:00"), cases * 3))
        assert warnings.filters is filters
        assert warnings.filters == contents
    assert all(s["investigation"].provisional for s in statuses)
    assert [w.category for w in caught] == [sc.ProvisionalWarning] * 48


@pytest.mark.parametrize(
    "calendar",
    [
        "HK",
        sc.CalendarSpec("HK"),
        {"region": "HK"},
        sc.calendar("HK"),
    ],
    ids=["region", "spec", "table", "built"],
)
def test_every_way_of_giving_a_calendar(calendar: Any) -> None:
    case = complaints().open(received_at="2026-09-30T20:00", calendar=calendar)
    assert case.calendar == sc.calendar("HK")
    assert case.status(now="2026-10-02T09:00")["answer"].due == at("2026-10-02T20:00")
    assert case != complaints().open(received_at="2026-09-30T20:00")  # a case is counted on its calendar


@pytest.mark.parametrize("region", ["CN", "HK", "MO", "TW"])
def test_cases_on_every_region(region: str) -> None:
    case = (
        complaints()
        .open(received_at="2026-09-28T09:00", calendar=region)
        .record("acknowledged", at=at("2026-09-28T10:00"))
    )
    s = case.status(now="2026-09-29T09:00")
    want = sc.deadline(at("2026-09-28T10:00"), "5个工作日", calendar=sc.calendar(region)).due
    assert s["investigation"].due == want
    assert Case.from_dict(complaints(), case.to_dict(), calendar=region) == case


def test_a_calendar_that_cannot_serve_the_contract_is_refused_naming_the_clause() -> None:
    hours = sc.Contract(
        "desk",
        [sc.Clause("reply", "8个工作小时", starts_on="received", met_by="replied")],
        events=["received"],
        calendar=sc.CalendarSpec("CN", hours="09:00-18:00"),
    )
    with pytest.raises(ContractError, match=r"clause 'reply' counts working time \(8 work hours\), but the calendar"):
        hours.open(received_at="2026-09-28T09:00", calendar="CN")
    with pytest.raises(ContractError, match="clause 'reply' counts working time"):
        hours.evaluate({"received": ["2026-09-28T09:00"], "replied": [None]}, now="2026-09-28T10:00", calendar="HK")
    assert hours.open(received_at="2026-09-28T09:00", calendar=sc.calendar("HK").with_hours("09:00-18:00"))
    closing = sc.Contract(
        "close",
        [sc.Clause("cure", "7日", starts_on="received", met_by="cured")],
        events=["received"],
        calendar=sc.CalendarSpec("CN", hours="09:00-18:00"),
        convention="business_hours",
    )
    with pytest.raises(ContractError, match=r"ends the last day of clause 'cure' at the close"):
        closing.open(received_at="2026-09-28T09:00", calendar=PROJECTED)
    with pytest.raises(InvalidInputError, match="calendar must be a WorkCalendar, a CalendarSpec"):
        complaints().open(received_at="2026-09-28T09:00", calendar=42)
    with pytest.raises(ContractError, match="calendar region must be one of"):
        complaints().open(received_at="2026-09-28T09:00", calendar="XX")


def test_a_custom_calendar_serves_a_case() -> None:
    custom = sc.custom_calendar("1111100", first="2026-01-01", last="2026-12-31", tz="Asia/Shanghai")
    case = (
        complaints().open(received_at="2026-09-28T09:00", calendar=custom).record("acknowledged", at="2026-09-28T10:00")
    )
    assert case.status(now="2026-09-29T09:00")["investigation"].last_day == dt.date(2026, 10, 5)  # no holidays
    record = case.to_dict()["calendar"]
    assert record["data_version"] == "custom"
    assert record["custom"]["span"] == ["2026-01-01", "2026-12-31"]
    assert Case.from_dict(complaints(), case.to_dict(), calendar=custom) == case
    with pytest.raises(sc.CalendarMismatchError, match="custom"):
        Case.from_dict(complaints(), case.to_dict())


# -- what a stored case records of its calendar, and replays on other data --------------------------------------


def test_a_stored_case_records_its_calendar_data() -> None:
    cal = sc.calendar("CN", closures={"2026-12-31": "年终盘点"}, arrangements=FIXTURE).with_hours("09:00-18:00")
    record = year_end(complaints(), cal).to_dict()["calendar"]
    assert record == {
        "region": "CN",
        "tz": "Asia/Shanghai",
        "holiday_list": "statutory",
        "horizon": "official",
        "official_until": "2027-12-31",
        "data_version": sc.calendar("CN").coverage.checked_with[0],
        "arrangements": [
            {
                "year": 2027,
                "notice": "FICTIONAL test notice for 2027 (not official)",
                "document_number": "",
                "published": "2026-11-01",
                "changes": [],
                "first_day": "2027-01-01",
                "days": record["arrangements"][0]["days"],
            }
        ],
        "closures": {"2026-12-31": "年终盘点"},
        "extra_workdays": {},
        "hours": "09:00-18:00",
    }
    assert record["arrangements"][0]["days"].startswith("sha256:")
    projected = year_end(complaints(), PROJECTED).to_dict()["calendar"]
    assert projected["horizon"] == "projected"
    assert "projected_with" in projected
    assert projected["official_until"] == "2026-12-31"
    assert projected["arrangements"] == []


def test_a_case_replayed_on_other_data_says_so() -> None:
    stored = year_end(seed_001(), PROJECTED).to_dict()
    with pytest.raises(sc.CalendarMismatchError) as info:
        Case.from_dict(seed_001(), stored, calendar=ARRANGED)
    message = str(info.value)
    assert "horizon 'projected' → 'official'" in message
    assert "official_until '2026-12-31' → '2027-12-31'" in message
    assert "arrangements none → [2027 (FICTIONAL test notice for 2027 (not official), published 2026-11-01" in message
    assert "its provisional dues may change" in message
    assert "accept_calendar_change=True" in message
    assert any(d.startswith("horizon") for d in info.value.differences)
    back = Case.from_dict(seed_001(), stored, calendar=ARRANGED, accept_calendar_change=True)
    assert back.calendar == ARRANGED
    assert back.to_dict()["calendar"]["official_until"] == "2027-12-31"
    assert not back.status(now="2026-12-29T09:00").provisional
    with pytest.raises(sc.CalendarMismatchError, match="horizon 'projected' → 'official'"):
        Case.from_dict(seed_001(), stored)  # the contract's own calendar is official
    with pytest.raises(sc.CalendarMismatchError, match="region 'CN' → 'HK'"):
        Case.from_dict(seed_001(), year_end(seed_001()).to_dict(), calendar="HK")
    closed = sc.calendar("CN", closures={"2026-12-30": "盘点"})
    with pytest.raises(sc.CalendarMismatchError, match=r"closures none → \{'2026-12-30': '盘点'\}"):
        Case.from_dict(seed_001(), year_end(seed_001()).to_dict(), calendar=closed)
    with pytest.raises(sc.CalendarMismatchError, match="arrangements"):  # a published year taken away
        Case.from_dict(seed_001(), year_end(seed_001(), ARRANGED).to_dict())
    changed = stored | {"calendar": stored["calendar"] | {"data_version": "0.1"}}
    with pytest.raises(sc.CalendarMismatchError, match=r"data_version '0\.1' → "):
        Case.from_dict(seed_001(), changed, calendar=PROJECTED)


def test_new_data_that_only_extends_official_data_replays_silently() -> None:
    stored = year_end(seed_001()).to_dict()  # official, no status asked: nothing past 2026 was read
    for cal in (ARRANGED, PROJECTED, sc.calendar("CN", arrangements=FIXTURE, horizon="projected")):
        assert Case.from_dict(seed_001(), stored, calendar=cal).calendar == cal
    case = Case.from_dict(seed_001(), stored, calendar=ARRANGED)
    assert case.status(now="2026-12-29T09:00")["investigation"].last_day == dt.date(2027, 1, 5)


def test_stored_dicts_from_before_the_calendar_record_still_load() -> None:
    stored = year_end(seed_001()).to_dict()
    del stored["calendar"]
    assert Case.from_dict(seed_001(), stored, calendar=ARRANGED) == year_end(seed_001(), ARRANGED)
    with pytest.raises(InvalidInputError, match="'calendar' is a table"):
        Case.from_dict(seed_001(), stored | {"calendar": "CN"})
    with pytest.raises(InvalidInputError, match="accept_calendar_change must be True or False"):
        Case.from_dict(seed_001(), stored, accept_calendar_change="yes")  # type: ignore[arg-type]


def test_the_mismatch_error_pickles() -> None:
    error = sc.CalendarMismatchError("message", ("horizon 'projected' → 'official'",))
    back = pickle.loads(pickle.dumps(error))
    assert (str(back), back.differences) == ("message", error.differences)


def test_monthly_notice_and_window_clauses_are_marked_too() -> None:
    """Each kind says whether it read projected days: January 2027's fee window, a notice before a 2027 date."""
    c = sc.Contract(
        "kinds",
        [
            sc.Clause("fee", "每月初五个工作日内", kind="monthly", starts_on="effective", met_by="fee_paid"),
            sc.Clause("notice", "5个工作日", kind="notice", starts_on="2027-01-15", met_by="notified"),
            sc.Clause("voucher", kind="window", starts_on="2026-12-01", ends_on="2027-01-31", met_by="used"),
            sc.Clause("once", kind="monthly", starts_on="effective", met_by="surveyed", wording="每月一次"),
        ],
        events=["effective"],
    )
    case = c.open(received_at="2026-11-02T09:00", event="effective", calendar=PROJECTED)
    with one_provisional_warning() as caught:
        s = case.status(now="2027-01-04T09:00")
    # the fee's 5th workday of January 2027 and the notice's workdays back from 01-15 read projected days; the
    # window is not rolled (plain days), nor is "once a month" (the month's end): they read none
    assert [(k.clause, k.provisional) for k in s.clauses] == [
        ("fee", True),
        ("notice", True),
        ("voucher", False),
        ("once", False),
    ]
    assert "'fee', 'notice'" in str(caught[0].message)
    published = Case.from_dict(c, case.to_dict(), calendar=ARRANGED, accept_calendar_change=True)
    assert not published.status(now="2027-01-04T09:00").provisional
    with one_provisional_warning():  # December 2026: only the notice before 2027-01-15 reads 2027
        december = case.status(now="2026-12-01T09:00")
    assert [k.clause for k in december.clauses if k.provisional] == ["notice"]
