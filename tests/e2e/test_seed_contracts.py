"""End to end, one test (or class) per seed contract: template → case → events → every clause's dates, by hand.

2026 calendar facts used below (State Council notice for 2026), each checked with ``day_kind`` in the test
that relies on it:

* National Day: 10-01..10-07 off (10-01..10-03 statutory, 10-04 Sunday, the rest transferred); Sunday 09-20
  and Saturday 10-10 worked (调休上班); Friday 09-25 (Mid-Autumn) off.
* Spring Festival: 02-15..02-23 off; Saturday 02-14 and Saturday 02-28 worked.

Working days around them:
  Sep  28 29 30 | Oct 8 9 10(Sat) 12 13 14 15 16 19 20 21 22 23 26 27 28 29 30 | Nov 2 3 4 5 6 9 ...
  Jan  26 27 28 29 30 | Feb 2 3 4 5 6 9 10 11 12 13 14(Sat) 24 25 26 27 28(Sat) | Mar 2 3 4 5 6 9 ...

Clauses the case engine does not evaluate yet (notice, window, monthly kinds) are computed here with
``sc.notice_deadline``, ``sc.fixed_window``, ``sc.monthly_deadline`` and ``sc.deadline`` and asserted directly.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import slaclock as sc
from slaclock import penalties, templates
from slaclock._demo import seed_001
from slaclock.errors import ContractError

SH = dt.timezone(dt.timedelta(hours=8))
D = dt.date.fromisoformat


def at(text: str) -> dt.datetime:
    """An aware instant in Asia/Shanghai (UTC+8 all year)."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=SH)


def midnight_after(day: str) -> dt.datetime:
    """24:00 of ``day``: the exclusive due of a period whose last day it is."""
    return at(day + "T00:00") + dt.timedelta(days=1)


def assert_kinds(cal: sc.WorkCalendar, kinds: dict[str, sc.DayKind]) -> None:
    for day, kind in kinds.items():
        assert cal.day_kind(D(day)) == kind, (day, cal.day_kind(D(day)), kind)


MAKEUP = sc.DayKind.MAKEUP_WORKDAY
WORK = sc.DayKind.WORKDAY
HOLIDAY = sc.DayKind.HOLIDAY
TRANSFERRED = sc.DayKind.TRANSFERRED_REST
WEEKEND = sc.DayKind.WEEKEND

NATIONAL_DAY = {
    "2026-09-20": MAKEUP,
    "2026-09-25": HOLIDAY,
    "2026-09-30": WORK,
    "2026-10-01": HOLIDAY,
    "2026-10-02": HOLIDAY,
    "2026-10-03": HOLIDAY,
    "2026-10-04": WEEKEND,
    "2026-10-05": TRANSFERRED,
    "2026-10-06": TRANSFERRED,
    "2026-10-07": TRANSFERRED,
    "2026-10-08": WORK,
    "2026-10-10": MAKEUP,
    "2026-10-11": WEEKEND,
}
SPRING_FESTIVAL = {
    "2026-02-13": WORK,
    "2026-02-14": MAKEUP,
    "2026-02-15": WEEKEND,
    "2026-02-16": HOLIDAY,
    "2026-02-17": HOLIDAY,
    "2026-02-22": WEEKEND,
    "2026-02-23": TRANSFERRED,
    "2026-02-24": WORK,
    "2026-02-28": MAKEUP,
    "2026-03-01": WEEKEND,
}


def assert_accounted(status: sc.Status, contract: sc.Contract) -> None:
    """Every clause is either evaluated or listed as not supported; every deadline clause is evaluated."""
    evaluated = {c.clause for c in status.clauses}
    skipped = {name for name, _ in status.not_supported}
    assert evaluated | skipped == {k.name for k in contract.clauses}
    assert not evaluated & skipped
    assert {k.name for k in contract.clauses if k.kind == "deadline"} <= evaluated


def assert_clause(
    status: sc.Status, name: str, state: str, last_day: str | None, done_at: str | None = None
) -> sc.ClauseStatus:
    s = status[name]
    assert s.state == state, (name, s.state, state)
    if last_day is None:
        assert s.last_day is None, (name, s.last_day)
        assert s.due is None, (name, s.due)
    else:
        assert s.last_day == D(last_day), (name, s.last_day, last_day)
        assert s.due == midnight_after(last_day), (name, s.due)
    if done_at is not None:
        assert s.done_at == at(done_at)
    return s


# -- 000 客户投诉安抚服务协议 -------------------------------------------------------------------------


def test_seed_000_appeasement_windows_across_both_holidays() -> None:
    cal = sc.calendar("CN")
    assert_kinds(cal, NATIONAL_DAY | SPRING_FESTIVAL)
    offer = templates.appeasement(
        voucher_from="2026-07-07",
        voucher_until="2026-10-07",
        warranty_extension=6,
        warranty_from="2025-08-23",
        priority_service=3,
    )
    assert [(k.name, k.kind) for k in offer.clauses] == [
        ("voucher", "window"),
        ("warranty_extension", "window"),
        ("priority_service", "window"),
    ]
    conv = offer.convention

    # 2.1 voucher 2026-07-07 .. 2026-10-07, both included. The last day is a transferred rest day of National
    # Day, but an agreed end date is not rolled (art. 204): valid until 10-07 24:00.
    v = offer.clause("voucher")
    assert (v.starts_on, v.ends_on, v.met_by) == ("2026-07-07", "2026-10-07", "voucher_used")
    w = sc.fixed_window(v.starts_on, v.ends_on, calendar=offer.calendar(), convention=conv)
    assert (w.first_day, w.last_day) == (D("2026-07-07"), D("2026-10-07"))
    assert (w.opens, w.closes) == (at("2026-07-07T00:00"), midnight_after("2026-10-07"))
    assert "2026-10-07T23:59" in w
    assert "2026-10-08T00:00" not in w
    assert "2026-07-06T23:59" not in w
    # only when the parties agree to roll fixed ranges does it move to the next workday, 10-08
    rolled = conv.replace(roll_fixed_ranges=True)
    assert sc.fixed_window(v.starts_on, v.ends_on, calendar=cal, convention=rolled).last_day == D("2026-10-08")

    # 2.4 warranty extended 6 months from the original end 2025-08-23 (start day not counted, art. 201):
    # corresponding day 2026-02-23 (art. 202), a transferred rest day of Spring Festival → art. 203 → 02-24.
    wx = offer.clause("warranty_extension")
    assert (wx.period, wx.starts_on) == (sc.Period(6, "month"), "2025-08-23")
    d = sc.deadline(D(wx.starts_on), wx.period, calendar=offer.calendar(), convention=conv)
    assert (d.last_day, d.due) == (D("2026-02-24"), midnight_after("2026-02-24"))
    nominal = sc.deadline(D(wx.starts_on), wx.period, calendar=cal, convention=conv.replace(roll_last_day=False))
    assert nominal.last_day == D("2026-02-23")
    # with the explicit "保修期截止至2026-02-23" instead, the agreed date stands, unrolled
    until = templates.appeasement(warranty_extension=6, warranty_from="2025-08-23", warranty_until="2026-02-23")
    wu = until.clause("warranty_extension")
    assert wu.ends_on == "2026-02-23"
    assert sc.fixed_window(wu.starts_on, wu.ends_on, calendar=cal).last_day == D("2026-02-23")

    # 2.5 priority service for 3 months from the agreement's effect on 2026-07-07: corresponding day 10-07,
    # a rest day → art. 203 → 10-08 (Thursday, the first workday after National Day).
    ps = offer.clause("priority_service")
    assert (ps.period, ps.starts_on) == (sc.Period(3, "month"), "effective")
    case = offer.open(received_at="2026-07-07T10:00", event="effective")
    d = sc.deadline(case.occurred("effective"), ps.period, calendar=offer.calendar(), convention=conv)
    assert (d.last_day, d.due) == (D("2026-10-08"), midnight_after("2026-10-08"))
    nominal = sc.deadline(
        case.occurred("effective"), ps.period, calendar=cal, convention=conv.replace(roll_last_day=False)
    )
    assert nominal.last_day == D("2026-10-07")

    # the voucher is used on the last day of its window (a holiday). Windows are being added to the case engine:
    # the case accounts for every clause, and where it follows the fixed-date voucher it agrees with fixed_window.
    case = case.record("voucher_used", at="2026-10-07T15:00")
    assert case.occurred("voucher_used") in w
    status = case.status(now="2026-10-09T09:00")
    assert_accounted(status, offer)
    if "voucher" in {c.clause for c in status.clauses}:
        assert_clause(status, "voucher", "met", "2026-10-07", done_at="2026-10-07T15:00")


# -- 001 服务质量投诉处理协议 -------------------------------------------------------------------------


def service_quality() -> sc.Contract:
    return seed_001()


class TestSeed001ServiceQualityComplaint:
    def test_national_day_pause_for_customer_information_and_complex_extension_in_time(self) -> None:
        contract = service_quality()
        assert_kinds(contract.calendar(), NATIONAL_DAY)
        assert contract.clause("standard_handling").extension.cap == sc.Period(30, "workday")

        case = contract.open(received_at="2026-09-30T20:00")
        # 4.1: a delay not caused by the customer begins; 5个工作日 from 09-30: 10-08, 10-09, 10-10 (调休),
        # 10-12, 10-13
        case = case.record("delay_began", at="2026-09-30T21:00")
        # 2.3: 24 hours from 09-30 20:00 = 10-01 20:00, a holiday: hours do not roll
        case = case.record("acknowledged", at="2026-10-01T19:00")
        s = case.status(now="2026-10-08T09:00")
        assert_accounted(s, contract)
        ack = s["acknowledgement"]
        assert (ack.state, ack.due, ack.done_at) == ("met", at("2026-10-01T20:00"), at("2026-10-01T19:00"))
        assert_clause(s, "progress_notice", "running", "2026-10-13")
        # 3.2(3) 5个工作日 from the acknowledgement on 10-01 (a holiday: the next workday is day 1):
        # 10-08, 10-09, 10-10 (调休), 10-12, 10-13
        assert_clause(s, "investigation", "running", "2026-10-13")
        # 3.3(1) 10个工作日 from 10-01: 10-08, 09, 10, 12, 13, 14, 15, 16, 19, 20
        assert_clause(s, "standard_handling", "running", "2026-10-20")
        for name in ("proposal", "escalation_start", "escalation_handling", "solution_notice"):
            assert_clause(s, name, "not_started", None)

        # 4.1 information is needed from the customer: the clocks stop on Friday 10-09 15:00
        case = case.pause("awaiting customer information", at="2026-10-09T15:00")
        paused = case.status(now="2026-10-12T10:00")
        # whole workdays completed before the pause day: 10-08 only → 1 kept
        for name, left in (("investigation", 4), ("standard_handling", 9)):
            p = paused[name]
            assert (p.state, p.due, p.remaining, p.paused_since) == ("paused", None, left, at("2026-10-09T15:00"))
        # hours and the progress notice do not stop
        assert paused["acknowledgement"].state == "met"
        assert_clause(paused, "progress_notice", "running", "2026-10-13")
        case = case.record("progress_notified", at="2026-10-13T18:00")
        case = case.resume(at="2026-10-15T09:00")
        s = case.status(now="2026-10-15T09:00")
        assert_clause(s, "progress_notice", "met", "2026-10-13", done_at="2026-10-13T18:00")
        # the rest runs as a new period from Thursday 10-15 (not counted):
        # investigation 4: 10-16, 19, 20, 21; standard 9: 10-16, 19, 20, 21, 22, 23, 26, 27, 28
        assert assert_clause(s, "investigation", "running", "2026-10-21").remaining == 4
        assert assert_clause(s, "standard_handling", "running", "2026-10-28").remaining == 9

        case = case.record("investigated", at="2026-10-20T11:00")
        s = case.status(now="2026-10-20T11:00")
        assert_clause(s, "investigation", "met", "2026-10-21", done_at="2026-10-20T11:00")
        # 3.2(5) 3个工作日 from 10-20: 10-21, 22, 23
        assert_clause(s, "proposal", "running", "2026-10-23")

        # 3.3(2) complex complaint: notice on 10-22, before the standard limit (10-28 24:00): allowed.
        # The cap, 30个工作日, counts from the start with the same pause: 1 kept, 29 from 10-15:
        # 10-16 (1), 19-23 (6), 26-30 (11), 11-02..06 (16), 09-13 (21), 16-20 (26), 23 (27), 24 (28), 25 (29)
        without = case
        case = case.extend("standard_handling", notified_at="2026-10-22T10:00")
        s = case.status(now="2026-10-22T10:00")
        std = assert_clause(s, "standard_handling", "running", "2026-11-25")
        assert std.extended
        assert std.period == sc.Period(30, "workday")
        with pytest.raises(ContractError, match="already extended"):
            case.extend("standard_handling", notified_at="2026-10-23T10:00")

        # the solution comes on 10-30: the proposal limit (10-23 24:00) is missed, the extended limit is met
        case = case.record("solution_proposed", at="2026-10-30T10:00")
        s = case.status(now="2026-10-30T10:00")
        prop = assert_clause(s, "proposal", "breached", "2026-10-23", done_at="2026-10-30T10:00")
        assert prop.overdue_by == dt.timedelta(days=6, hours=10)
        std = assert_clause(s, "standard_handling", "met", "2026-11-25", done_at="2026-10-30T10:00")
        assert std.overdue_by is None
        # without the notice the same solution breaches the standard limit by 1 day 10 hours
        late = without.record("solution_proposed", at="2026-10-30T10:00").status(now="2026-10-30T10:00")
        std = assert_clause(late, "standard_handling", "breached", "2026-10-28")
        assert std.overdue_by == dt.timedelta(days=1, hours=10)
        assert not std.extended

    def test_spring_festival_late_extension_rejected_escalation_and_pause(self) -> None:
        contract = service_quality()
        assert_kinds(contract.calendar(), SPRING_FESTIVAL)
        case = contract.open(received_at="2026-01-26T16:00")
        # 2.3: 24 hours → 01-27 16:00; acknowledged an hour late
        case = case.record("acknowledged", at="2026-01-27T17:00")
        s = case.status(now="2026-01-27T17:00")
        ack = s["acknowledgement"]
        assert (ack.state, ack.due, ack.overdue_by) == ("breached", at("2026-01-27T16:00"), dt.timedelta(hours=1))
        # 3.2(3) 5个工作日 from 01-27: 01-28, 29, 30, 02-02, 03
        assert_clause(s, "investigation", "running", "2026-02-03")
        # 3.3(1) 10个工作日 from 01-27: 01-28, 29, 30, 02-02, 03, 04, 05, 06, 09, 10
        assert_clause(s, "standard_handling", "running", "2026-02-10")

        case = case.record("investigated", at="2026-02-03T12:00")
        # 3.2(5) 3个工作日 from 02-03: 02-04, 05, 06
        assert_clause(case.status(now="2026-02-03T12:00"), "proposal", "running", "2026-02-06")

        # 3.3(2) the complex-complaint notice must come before the standard limit expires (02-10 24:00)
        for too_late in ("2026-02-11T00:00", "2026-02-11T09:00"):
            with pytest.raises(ContractError, match="too late"):
                case.extend("standard_handling", notified_at=too_late)
        # one minute earlier it would have been allowed: 30个工作日 from 01-27 run across Spring Festival:
        # 01-28..30 (3), 02-02..06 (8), 09..13 (13), 14 调休 (14), 24..27 (18), 28 调休 (19), 03-02..06 (24),
        # 09..13 (29), 16 (30)
        in_time = case.extend("standard_handling", notified_at="2026-02-10T23:59")
        assert_clause(in_time.status(now="2026-02-10T23:59"), "standard_handling", "running", "2026-03-16")

        # no solution arrived in time: both limits breached, the customer escalates (3.4(1))
        s = case.status(now="2026-02-11T09:00")
        std = assert_clause(s, "standard_handling", "breached", "2026-02-10")
        assert std.overdue_by == dt.timedelta(hours=9)
        assert not std.extended
        prop = assert_clause(s, "proposal", "breached", "2026-02-06")
        assert prop.overdue_by == dt.timedelta(days=4, hours=9)

        case = case.escalate(at="2026-02-11T10:00")
        s = case.status(now="2026-02-11T10:00")
        # 3.4(3) escalation start, 2个工作日 from 02-11: 02-12, 13
        assert_clause(s, "escalation_start", "running", "2026-02-13")
        # 3.4(3) escalation handling, 10个工作日 from 02-11: 02-12, 13, 14 (调休), 24, 25, 26, 27, 28 (调休),
        # 03-02, 03
        assert_clause(s, "escalation_handling", "running", "2026-03-03")
        case = case.record("escalation_started", at="2026-02-13T09:00")

        # the escalation department needs information from the customer: 02-24 10:00 to 02-26 14:00
        case = case.pause("awaiting customer information", at="2026-02-24T10:00")
        case = case.resume(at="2026-02-26T14:00")
        s = case.status(now="2026-02-26T14:00")
        # kept: workdays of (02-11, 02-24) = 02-12, 13, 14 → 3; the other 7 from 02-26:
        # 02-27, 28 (调休), 03-02, 03, 04, 05, 06
        assert assert_clause(s, "escalation_handling", "running", "2026-03-06").remaining == 7
        # not pausable, or already breached before the pause: unchanged
        assert_clause(s, "escalation_start", "met", "2026-02-13", done_at="2026-02-13T09:00")
        assert_clause(s, "standard_handling", "breached", "2026-02-10")
        assert_clause(s, "proposal", "breached", "2026-02-06")

        case = case.record("final_opinion_given", at="2026-03-05T16:00")
        s = case.status(now="2026-03-09T09:00")
        assert_accounted(s, contract)
        assert_clause(s, "escalation_handling", "met", "2026-03-06", done_at="2026-03-05T16:00")

    def test_spring_festival_solution_notice_and_customer_confirmation(self) -> None:
        contract = service_quality()
        assert_kinds(contract.calendar(), SPRING_FESTIVAL)
        case = contract.open(received_at="2026-02-12T09:00")
        case = case.record("acknowledged", at="2026-02-12T10:00")
        case = case.record("investigated", at="2026-02-12T15:00")
        case = case.record("solution_proposed", at="2026-02-13T11:00")
        case = case.record("solution_decided", at="2026-02-13T17:00")
        case = case.record("solution_notified", at="2026-02-14T10:00")  # the makeup Saturday
        s = case.status(now="2026-02-20T12:00")
        assert_accounted(s, contract)
        # 3.2(3) 5个工作日 from 02-12: 02-13, 14 (调休), 24, 25, 26
        assert_clause(s, "investigation", "met", "2026-02-26")
        # 3.3(1) 10个工作日 from 02-12: 02-13, 14, 24, 25, 26, 27, 28 (调休), 03-02, 03, 04
        assert_clause(s, "standard_handling", "met", "2026-03-04")
        # 4.2 2个工作日 from 02-13: 02-14 (调休), 02-24
        assert_clause(s, "solution_notice", "met", "2026-02-24", done_at="2026-02-14T10:00")
        # 4.3 5个工作日 from 02-14: 02-24, 25, 26, 27, 28 (调休); nothing used during the festival
        conf = assert_clause(s, "customer_confirmation", "running", "2026-02-28")
        assert (conf.elapsed, conf.remaining) == (0, 5)
        case = case.record("customer_responded", at="2026-02-28T11:00")
        assert_clause(case.status(now="2026-03-02T09:00"), "customer_confirmation", "met", "2026-02-28")


# -- 002 客户投诉处理与客户关系维护合同 -----------------------------------------------------------------


def test_seed_002_text_0_deadlines_notice_and_monthly_fees() -> None:
    c = templates.complaint_handling(
        term=1,
        cure=15,
        termination_notice=30,
        termination_formalities=15,
        fee_payment=10,
        handling_fee_payment=5,
        confidentiality=3,
    )
    cal = c.calendar()
    assert_kinds(cal, NATIONAL_DAY | SPRING_FESTIVAL)

    # 6.2.4 cure 15日 from the breach notice on 09-16: 09-17 .. 10-01, a holiday → art. 203 → 10-08
    case = c.open(received_at="2026-09-16T10:00", event="breach_notified")
    assert_clause(case.status(now="2026-09-30T10:00"), "cure", "running", "2026-10-08")
    case = case.record("breach_cured", at="2026-10-08T17:00")
    assert_clause(case.status(now="2026-10-09T09:00"), "cure", "met", "2026-10-08")

    # 6.3.2 formalities 15日 from receipt of the notice on 01-30: 01-31 .. 02-14, the makeup Saturday:
    # a workday, so no roll
    case = c.open(received_at="2026-01-30T10:00", event="termination_notice_received")
    assert_clause(case.status(now="2026-02-01T10:00"), "termination_formalities", "running", "2026-02-14")

    # 7.2.2 fee 10个工作日 from receipt of the fee list on 02-10: 02-11, 12, 13, 14 (调休), 24, 25, 26, 27,
    # 28 (调休), 03-02; paid the day after
    case = c.open(received_at="2026-02-10T09:00", event="fee_list_received")
    case = case.record("fee_paid", at="2026-03-03T10:00")
    s = case.status(now="2026-03-03T10:00")
    assert assert_clause(s, "fee_payment", "breached", "2026-03-02").overdue_by == dt.timedelta(hours=10)

    # 7.3.2 handling fee 5个工作日 from the report on 09-28: 09-29, 30, 10-08, 09, 10 (调休)
    case = c.open(received_at="2026-09-28T10:00", event="report_received")
    s = case.status(now="2026-10-01T10:00")
    assert_accounted(s, c)
    assert_clause(s, "handling_fee_payment", "running", "2026-10-10")

    # 6.3.1 notice at least 30日 before termination on 10-31: notice day X with X+1 .. 10-31 = 30 days →
    # X = 10-01, a holiday; never rolled forward (that would shorten the notice)
    tn = c.clause("termination_notice")
    assert (tn.kind, tn.period, tn.starts_on) == ("notice", sc.Period(30, "day"), "terminated")
    n = sc.notice_deadline(D("2026-10-31"), tn.period, calendar=cal, convention=c.convention)
    assert (n.last_day, n.due) == (D("2026-10-01"), midnight_after("2026-10-01"))
    back = sc.notice_deadline(D("2026-10-31"), tn.period, calendar=cal, convention=sc.Convention.notice_on_workday())
    assert back.last_day == D("2026-09-30")

    # 7.2.1 / 7.3.1 before the first workday of each month: October's is 10-08 → by 10-07 24:00 (10-08 00:00);
    # February's is Monday 02-02 → by 02-01 24:00
    for name in ("fee_list", "maintenance_fee"):
        k = c.clause(name)
        assert (k.kind, k.rule) == ("monthly", sc.MonthlyRule("before", 1))
        oct_ = sc.monthly_deadline("2026-10", k.rule, calendar=cal)
        assert (oct_.last_day, oct_.due) == (D("2026-10-07"), at("2026-10-08T00:00"))
        feb = sc.monthly_deadline("2026-02", k.rule, calendar=cal)
        assert (feb.last_day, feb.due) == (D("2026-02-01"), at("2026-02-02T00:00"))

    # 5.1 term 1 year from the effect on 2025-10-01: 2026-10-01, a holiday → art. 203 → 10-08
    term = c.clause("term")
    assert (term.kind, term.period, term.starts_on) == ("window", sc.Period(1, "year"), "effective")
    assert sc.deadline(D("2025-10-01"), term.period, calendar=cal).last_day == D("2026-10-08")
    # 9.2 confidentiality 3 years from signature ends in 2028, past the official calendar data: refused
    secrecy = c.clause("confidentiality")
    assert (secrecy.kind, secrecy.period, secrecy.starts_on) == ("window", sc.Period(3, "year"), "signed")
    with pytest.raises(sc.CalendarHorizonError):
        sc.deadline(D("2025-10-01"), secrecy.period, calendar=cal)


def test_seed_002_text_1_complaint_counted_from_receipt() -> None:
    c = templates.complaint_handling(variant=1)
    cal = c.calendar()
    assert_kinds(cal, NATIONAL_DAY | SPRING_FESTIVAL)
    case = c.open(received_at="2026-09-28T10:00")
    # 8.1.1 7个工作日 from 09-28: 09-29, 30, 10-08, 09, 10 (调休), 12, 13
    # 8.1.2 15个工作日: ... 14, 15, 16, 19, 20, 21, 22, 23
    # 8.1.3 30个工作日: ... 26..30 (20), 11-02..06 (25), 09..13 (30)
    s = case.status(now="2026-10-01T09:00")
    assert_accounted(s, c)
    assert_clause(s, "investigation", "running", "2026-10-13")
    assert_clause(s, "solution", "running", "2026-10-23")
    assert_clause(s, "resolution", "running", "2026-11-13")
    case = case.record("investigated", at="2026-10-13T17:00")
    case = case.record("solution_notified", at="2026-10-24T09:00")
    s = case.status(now="2026-10-26T09:00")
    assert_clause(s, "investigation", "met", "2026-10-13")
    assert assert_clause(s, "solution", "breached", "2026-10-23").overdue_by == dt.timedelta(hours=9)
    # 15 workdays of 30 done before 10-26 (09-29 .. 10-23)
    assert assert_clause(s, "resolution", "running", "2026-11-13").remaining == 15

    # 12.2.1 negotiation 30日 after the dispute arose on Saturday 01-24: 01-25 .. 02-23, a transferred rest
    # day of Spring Festival → art. 203 → 02-24
    dispute = c.open(received_at="2026-01-24T10:00", event="dispute_arose")
    assert_clause(dispute.status(now="2026-02-16T09:00"), "negotiation", "running", "2026-02-24")

    # 20.1 a third party withdrawing on 10-31 gives 30日 notice: by 10-01 (a holiday, not rolled forward)
    wn = c.clause("third_party_withdrawal_notice")
    assert (wn.kind, wn.period) == ("notice", sc.Period(30, "day"))
    assert sc.notice_deadline(D("2026-10-31"), wn.period, calendar=cal).last_day == D("2026-10-01")


def test_seed_002_text_2_six_months_and_three_years() -> None:
    c = templates.complaint_handling(variant=2)
    assert_kinds(c.calendar(), NATIONAL_DAY)
    assert (c.clause("term").kind, c.clause("term").period) == ("window", sc.Period(3, "year"))
    # 八.4 六个月 from the dispute on 04-07: corresponding day 10-07, a transferred rest day → 10-08
    case = c.open(received_at="2026-04-07T10:00", event="dispute_arose")
    s = case.status(now="2026-10-07T12:00")
    assert_accounted(s, c)
    assert_clause(s, "dispute_resolution", "running", "2026-10-08")
    case = case.record("dispute_resolved", at="2026-10-08T16:00")
    assert_clause(case.status(now="2026-10-09T09:00"), "dispute_resolution", "met", "2026-10-08")
    # from 03-31: September has no 31st → its last day, 09-30 (art. 202), a workday
    end_of_month = c.open(received_at="2026-03-31T10:00", event="dispute_arose")
    assert_clause(end_of_month.status(now="2026-04-01T09:00"), "dispute_resolution", "running", "2026-09-30")


# -- 003 客户服务准则 ---------------------------------------------------------------------------------


def test_seed_003_hours_through_holidays_and_monthly_fee() -> None:
    c = templates.customer_service_standards()
    cal = c.calendar()
    assert_kinds(cal, NATIONAL_DAY | SPRING_FESTIVAL)

    # 一(1) 24 hours from 09-30 20:00 → 10-01 20:00; 一(2) 48 hours from 09-30 21:00 → 10-02 21:00.
    # Hours run through the holiday and do not roll (art. 201 para 2).
    case = c.open(received_at="2026-09-30T20:00", event="enquiry_received")
    case = case.record("complaint_received", at="2026-09-30T21:00")
    case = case.record("answered", at="2026-10-01T21:00")
    case = case.record("solution_given", at="2026-10-02T20:00")
    s = case.status(now="2026-10-08T09:00")
    assert_accounted(s, c)
    answer, solution = s["enquiry_answer"], s["complaint_solution"]
    assert (answer.state, answer.due, answer.overdue_by) == ("breached", at("2026-10-01T20:00"), dt.timedelta(hours=1))
    assert answer.last_day == D("2026-10-01")
    assert (solution.state, solution.due, solution.done_at) == ("met", at("2026-10-02T21:00"), at("2026-10-02T20:00"))

    # Spring Festival: a complaint on the makeup Saturday 02-14 18:00 is due 02-16 18:00, in the holiday
    spring = c.open(received_at="2026-02-14T18:00", event="complaint_received")
    s = spring.status(now="2026-02-15T09:00")
    assert (s["complaint_solution"].state, s["complaint_solution"].due) == ("running", at("2026-02-16T18:00"))
    assert spring.status(now="2026-02-16T18:00")["complaint_solution"].state == "breached"

    # 三.2 每月初五个工作日内, October 2026: 10-08 (1), 10-09 (2), 10-10 (3, 调休), 10-12 (4), 10-13 (5)
    fee = c.clause("service_fee")
    assert (fee.kind, fee.rule) == ("monthly", sc.MonthlyRule("within_first", 5))
    d = sc.monthly_deadline("2026-10", fee.rule, calendar=cal)
    assert (d.last_day, d.due) == (D("2026-10-13"), midnight_after("2026-10-13"))
    # February 2026: 02-02 .. 02-06, before the festival; March: 03-02 .. 03-06 (03-01 is a Sunday)
    assert sc.monthly_deadline("2026-02", fee.rule, calendar=cal).last_day == D("2026-02-06")
    assert sc.monthly_deadline("2026-03", fee.rule, calendar=cal).last_day == D("2026-03-06")
    # the monthly clauses are being added to the case engine: where the case follows the fee, it agrees
    effective = c.open(received_at="2026-09-30T09:00", event="effective").status(now="2026-10-09T09:00")
    assert_accounted(effective, c)
    if "service_fee" in {k.clause for k in effective.clauses}:
        assert (effective["service_fee"].last_day, effective["service_fee"].due) == (d.last_day, d.due)
    # 一(3) the monthly satisfaction survey has no workday rule
    survey = c.clause("satisfaction_survey")
    assert (survey.kind, survey.rule, survey.wording) == ("monthly", None, "每月一次")


# -- 004 售后客服终止协议书 --------------------------------------------------------------------------


def after_sales() -> sc.Contract:
    return templates.after_sales_termination(
        termination_date="2026-09-30",
        audit="15个工作日",
        rectification="7日",
        confidentiality=2,
        overdue_termination=30,
        outstanding_fees="10日",
    )


class TestSeed004AfterSalesTermination:
    def test_case_fee_due_rolled_over_national_day_audit_and_rectification(self) -> None:
        c = after_sales()
        cal = c.calendar()
        assert_kinds(cal, NATIONAL_DAY)
        case = c.open(received_at="2026-09-21T10:00", event="signed")
        s = case.status(now="2026-09-21T10:00")
        assert_accounted(s, c)
        # 二 outstanding fees 10日 after signature on 09-21: 09-22 .. 10-01, a holiday → art. 203 → 10-08
        assert_clause(s, "outstanding_fees", "running", "2026-10-08")
        # 三 费用结算 1 the audit counts from the termination date 09-30, not yet reached
        assert_clause(s, "audit", "not_started", None)
        assert_clause(s, "rectification", "not_started", None)

        s = case.status(now="2026-10-09T00:00")
        assert s["outstanding_fees"].state == "breached"
        # 15个工作日 from 09-30: 10-08, 09, 10 (调休), 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27
        assert_clause(s, "audit", "running", "2026-10-27")

        case = case.record("audit_completed", at="2026-10-27T16:00")
        case = case.record("rectification_notified", at="2026-10-27T17:00")
        s = case.status(now="2026-10-28T09:00")
        assert_clause(s, "audit", "met", "2026-10-27")
        # 三 费用结算 2 rectification 7日 from 10-27: 10-28 .. 11-03 (Tuesday)
        assert_clause(s, "rectification", "running", "2026-11-03")

        # 三 the service and the handover run to the day before the termination date
        for name in ("service_until_termination", "handover"):
            k = c.clause(name)
            assert (k.kind, k.starts_on, k.ends_on) == ("window", "signed", "2026-09-29")
            w = sc.fixed_window(case.occurred("signed").date(), k.ends_on, calendar=cal)
            assert (w.last_day, w.closes) == (D("2026-09-29"), midnight_after("2026-09-29"))
        # 四.2 confidentiality 2 years from 2026-09-21 ends in 2028: past the calendar data, refused
        k = c.clause("confidentiality")
        assert (k.kind, k.period) == ("window", sc.Period(2, "year"))
        with pytest.raises(sc.CalendarHorizonError):
            sc.deadline(D("2026-09-21"), k.period, calendar=cal)

    def test_late_payment_penalty_partial_payment_and_termination_threshold(self) -> None:
        c = after_sales()
        cal = c.calendar()
        assert_kinds(cal, NATIONAL_DAY)
        due = sc.deadline(D("2026-09-21"), c.clause("outstanding_fees").period, calendar=cal, convention=c.convention)
        # 10日 from 09-21: 09-22 .. 10-01 (National Day) → rolled to 10-08, due 10-08 24:00
        assert (due.last_day, due.due) == (D("2026-10-08"), midnight_after("2026-10-08"))
        threshold = c.clause("overdue_termination").period
        assert threshold == sc.Period(30, "day")

        # on time until 10-08 24:00; from 10-09 00:00 every calendar day counts, weekends included
        assert penalties.overdue_days(due, "2026-10-08T23:59") == 0
        assert penalties.overdue_days(due, "2026-10-09T00:00") == 1

        # ¥20,000 at 每日万分之五: ¥8,000 on Monday 10-12, the rest on 11-07.
        # 10-09 .. 10-12: 4 days × 20,000 × 0.0005 = 40.00
        # 10-13 .. 11-07: 19 + 7 = 26 days × 12,000 × 0.0005 = 156.00
        # overdue 30 days in all: exactly 30 is not "超过30日", no right to terminate
        r = penalties.late_payment(
            "20,000",
            due,
            [("2026-10-12", "8,000"), ("2026-11-07", "12,000")],
            "每日万分之五",
            terminate_after=threshold,
        )
        assert [(x.first, x.last, x.days, x.balance) for x in r.segments] == [
            (D("2026-10-09"), D("2026-10-12"), 4, Decimal("20000.00")),
            (D("2026-10-13"), D("2026-11-07"), 26, Decimal("12000.00")),
        ]
        assert (r.overdue_days, r.penalty, r.unpaid) == (30, Decimal("196.00"), Decimal("0.00"))
        assert (r.termination_right, r.termination_from) == (False, None)

        # the rest a day later, 11-08: overdue day 31 → the right to terminate arises that day
        r = penalties.late_payment(
            "20,000",
            due,
            [("2026-10-12", "8,000"), ("2026-11-08", "12,000")],
            "每日万分之五",
            terminate_after=threshold,
        )
        assert (r.overdue_days, r.penalty) == (31, Decimal("202.00"))  # 40 + 27 × 6
        assert (r.termination_right, r.termination_from) == (True, D("2026-11-08"))

        # the rest still unpaid on 11-30: 10-09 .. 11-30 = 23 + 30 = 53 days; 40 + 49 × 6 = 334.00
        r = penalties.late_payment(
            "20,000", due, [("2026-10-12", "8,000")], "万分之五", as_of="2026-11-30", terminate_after=30
        )
        assert (r.overdue_days, r.penalty, r.unpaid) == (53, Decimal("334.00"), Decimal("12000.00"))
        assert (r.termination_right, r.termination_from) == (True, D("2026-11-08"))

    def test_overdue_termination_clause_agrees_with_penalties(self) -> None:
        c = after_sales()
        assert c.clause("overdue_termination").kind == "threshold"
        assert_kinds(c.calendar(), {"2026-11-07": WEEKEND, "2026-11-08": WEEKEND, "2026-11-09": WORK})
        due = sc.deadline(D("2026-09-21"), "10日", calendar=c.calendar())
        # the fees fall due on 10-08 (the rolled last day); paid in full on 11-08 = overdue day 31
        r = penalties.late_payment(10_000, due, [("2026-11-08", 10_000)], "万分之五", terminate_after=30)
        assert (r.overdue_days, r.termination_right, r.termination_from) == (31, True, D("2026-11-08"))
        # the contract's own clause says the same: 30日 from 10-08 is 10-09 .. 11-07, last day Saturday 11-07,
        # NOT rolled to Monday 11-09 (a threshold is not a time to act, art. 203 does not move it), so the
        # right arose at 11-08 00:00 and a payment on 11-08 comes too late
        case = c.open(received_at="2026-09-21T10:00", event="signed")
        case = case.record("payment_due", at="2026-10-08T12:00")
        late = case.record("overdue_fees_paid", at="2026-11-08T10:00")
        s = late.status(now="2026-11-08T10:00")["overdue_termination"]
        assert (s.due, s.last_day, s.state) == (at("2026-11-08T00:00"), D("2026-11-07"), "breached")
        assert s.overdue_by == dt.timedelta(hours=10)
        assert "2026-11-08 00:00" in s.explanation
        # paid on the Saturday 11-07, overdue day 30: not "more than 30 days", so no right
        r = penalties.late_payment(10_000, due, [("2026-11-07", 10_000)], "万分之五", terminate_after=30)
        assert (r.overdue_days, r.termination_right) == (30, False)
        on_time = case.record("overdue_fees_paid", at="2026-11-07T23:59")
        assert on_time.status(now="2026-11-09T09:00")["overdue_termination"].state == "met"
        # still unpaid: running on 11-07, breached from 11-08 00:00 through the weekend
        assert case.status(now="2026-11-07T23:59")["overdue_termination"].state == "running"
        assert case.status(now="2026-11-08T00:00")["overdue_termination"].state == "breached"


def test_seed_002_text_1_over_new_year_2027() -> None:
    """A complaint received Monday 2026-12-28, while 2027's arrangement is not published; then it is.

    Workdays after 12-28: 12-29, 12-30, 12-31 (3); 2027-01-01 off (New Year's Day, statutory); 01-04..08 (8),
    01-11..15 (13), 01-18, 01-19 (15: solution), ..., 01-25..29 (23), 02-01..04 (27). Projected (statutory days
    only), Spring Festival rests 02-05 (除夕) and 02-08 (初三) among weekdays: 02-09, 10, 11 are the 28th-30th.
    The FICTIONAL 2027 fixture rests 02-05..02-12: 02-15, 16, 17 are. The 7th workday is 01-07 on both.
    """
    import json
    import warnings
    from pathlib import Path

    fixture = Path(__file__).parents[1] / "fixtures" / "FICTIONAL-cn-2027.toml"
    projected = sc.calendar("CN", horizon="projected")
    published = sc.calendar("CN", arrangements=fixture)
    c = templates.complaint_handling(variant=1)
    names = ("investigation", "solution", "resolution")
    batch = {"received": ["2026-12-28T10:00"], "investigated": [None], "solution_notified": [None], "resolved": [None]}
    # by default, a status needing 2027 raises, and says where the calendar goes
    case = c.open(received_at="2026-12-28T10:00")
    with pytest.raises(sc.CalendarHorizonError, match=r"calendar=cal"):
        case.status(now="2026-12-28T11:00")
    # the service runs on a projected calendar: the counts that read 2027 are provisional
    case = c.open(received_at="2026-12-28T10:00", calendar=projected)
    with pytest.warns(sc.ProvisionalWarning) as caught:
        s = case.status(now="2027-01-04T09:00")
    assert len(caught) == 1
    assert [s[n].last_day for n in names] == [D("2027-01-07"), D("2027-01-19"), D("2027-02-11")]
    assert [s[n].provisional for n in names] == [True, True, True]
    assert "2027-02-11 24:00*" in s.table("en")
    stored = json.dumps(case.to_dict(), ensure_ascii=False)
    # the same rows as a batch
    with pytest.warns(sc.ProvisionalWarning):
        r = c.evaluate(batch, now="2027-01-04T09:00", clauses=names, calendar=projected)
    assert [str(r[f"{n}.last_day"][0]) for n in names] == ["2027-01-07", "2027-01-19", "2027-02-11"]
    assert [bool(r[f"{n}.provisional"][0]) for n in names] == [True, True, True]
    # 2027's arrangement is published and loaded: the stored case was counted on projected days, so it says so
    with pytest.raises(sc.CalendarMismatchError, match="its provisional dues may change"):
        sc.Case.from_dict(c, json.loads(stored), calendar=published)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # official now: no warning
        case = sc.Case.from_dict(c, json.loads(stored), calendar=published, accept_calendar_change=True)
        s = case.status(now="2027-01-04T09:00")
        r = c.evaluate(batch, now="2027-01-04T09:00", clauses=names, calendar=published)
    assert [s[n].last_day for n in names] == [D("2027-01-07"), D("2027-01-19"), D("2027-02-16")]
    assert not s.provisional
    assert [str(r[f"{n}.last_day"][0]) for n in names] == ["2027-01-07", "2027-01-19", "2027-02-16"]
    assert not any(bool(r[f"{n}.provisional"][0]) for n in names)
    # stored again on the published data, it replays silently on the same data made projected past 2027
    again = case.to_dict()
    assert sc.Case.from_dict(c, again, calendar=sc.calendar("CN", arrangements=fixture, horizon="projected"))
