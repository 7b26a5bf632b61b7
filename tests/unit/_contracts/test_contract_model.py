"""The contract model: clauses, contracts, their validation, and lossless TOML / JSON / YAML files."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import importlib.util
import json
import pickle
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._contracts.clause import _longer
from slaclock._contracts.contract import SCHEMA, CalendarSpec, Clause, Contract, ContractError, Extension
from slaclock._days.sources import HOLIDAY_LISTS
from slaclock._periods.period import MAX_AMOUNT, Period, Unit
from slaclock._rules.windows import MonthlyRule
from slaclock.errors import PeriodParseError, SlaclockError
from tests.helpers.paths import FIXTURES

# -- the two seed contracts -------------------------------------------------------------------------


def seed_001() -> Contract:
    """服务质量投诉处理协议 (seed 001), with illustrative numbers in the template's blanks."""
    return Contract(
        "service_quality_complaint",
        [
            Clause(
                "acknowledgement",
                "收到投诉后24小时内",
                starts_on="received",
                met_by="acknowledged",
                warn_before="4小时",
                ref="2.3",
                description_zh="受理确认时限：甲方应在收到投诉后向乙方发出确认通知",
                description_en="Acknowledge the complaint after receiving it",
            ),
            Clause(
                "investigation",
                "5个工作日",
                starts_on="acknowledged",
                met_by="investigated",
                pausable=True,
                # "如需更长时间，应提前通知乙方并说明原因": an extension after notice, with no cap
                extension=Extension(event="investigation_extension_notified"),
                ref="3.2(3)",
                description_zh="初步调查时限",
            ),
            Clause(
                "proposal",
                "3个工作日",
                starts_on="investigated",
                met_by="solution_proposed",
                pausable=True,
                ref="3.2(5)",
                description_zh="方案制定时限",
            ),
            Clause(
                "standard_handling",
                "10个工作日",
                starts_on="acknowledged",
                met_by="solution_proposed",
                pausable=True,
                warn_at=0.8,
                # complex complaints: notify before the standard limit expires, at most 30 workdays in all
                extension=Extension("最长不得超过30个工作日", event="complex_notified"),
                # 3.4(1): no solution in time gives the customer the right to escalate
                escalation="escalated",
                ref="3.3(1), 3.3(2)",
                description_zh="标准处理时限；复杂投诉应在标准处理时限届满前通知乙方",
                description_en='The "standard" limit; complex complaints may take longer after notice',
            ),
            Clause(
                "escalation_start",
                "2个工作日",
                starts_on="escalated",
                met_by="escalation_started",
                ref="3.4(3)",
                description_zh="升级处理启动时限",
            ),
            Clause(
                "escalation_handling",
                "10个工作日",
                starts_on="escalated",
                met_by="final_opinion_given",
                pausable=True,
                ref="3.4(3)",
                description_zh="升级处理时限",
            ),
            Clause(
                "progress_notice",
                "5个工作日",
                starts_on="delay_began",
                met_by="progress_notified",
                ref="4.1",
                description_en="Notify progress once a delay not caused by the customer exceeds the limit",
            ),
            Clause(
                "solution_notice",
                "2个工作日",
                starts_on="solution_decided",
                met_by="solution_notified",
                ref="4.2",
                description_zh="方案通知时限",
            ),
            Clause(
                "customer_confirmation",
                "5个工作日",
                starts_on="solution_notified",
                met_by="customer_responded",
                ref="4.3",
                description_zh="客户确认时限",
            ),
        ],
        # solution_decided follows the internal approval of 3.2(6) (an amount threshold, not a time limit)
        events=["received", "escalated", "delay_began", "solution_decided"],
        title_zh="服务质量投诉处理协议",
        title_en="Service-quality complaint handling agreement",
        calendar=CalendarSpec("CN", hours="09:00-12:00,13:30-18:00"),
    )


def seed_003() -> Contract:
    """客户服务准则模板 (seed 003): its numbers are the template's own."""
    return Contract(
        "customer_service_standards",
        [
            Clause("enquiry_answer", "24小时内", starts_on="enquiry_received", met_by="answered", ref="一(1)"),
            Clause(
                "complaint_solution",
                "48小时内",
                starts_on="complaint_received",
                met_by="solution_given",
                ref="一(2)",
            ),
            Clause(
                "satisfaction_survey",
                kind="monthly",
                wording="每月一次",
                starts_on="effective",
                met_by="survey_done",
                ref="一(3)",
            ),
            Clause(
                "service_fee",
                "每月初五个工作日内",
                kind="monthly",
                starts_on="effective",
                met_by="fee_paid",
                ref="三.2",
            ),
        ],
        events=["enquiry_received", "complaint_received", "effective"],
        title_zh="客户服务准则",
        title_en="Customer service standards",
    )


SEEDS = [seed_001, seed_003]


def test_seed_001_expresses_every_timed_row() -> None:
    c = seed_001()
    refs = {c.ref for c in c.clauses}
    # every row of CLAUSES.md for 001 with a time limit; 3.2(6) is an amount and 3.4(1) the escalation link
    assert {"2.3", "3.2(3)", "3.2(5)", "3.3(1), 3.3(2)", "3.4(3)", "4.1", "4.2", "4.3"} <= refs
    # the chain: receipt → acknowledgement → investigation → proposal; the standard limit from acknowledgement
    chain = [(k.starts_on, k.met_by) for k in c.clauses[:4]]
    assert chain == [
        ("received", "acknowledged"),
        ("acknowledged", "investigated"),
        ("investigated", "solution_proposed"),
        ("acknowledged", "solution_proposed"),
    ]
    standard = c.clause("standard_handling")
    assert standard.extension == Extension("30个工作日", event="complex_notified", wording="最长不得超过30个工作日")
    assert standard.extension.cap == Period(30, Unit.WORKDAY)
    assert standard.extension.notice_before_expiry
    assert standard.escalation == "escalated"
    assert [k.name for k in c.clauses if k.starts_on == "escalated"] == ["escalation_start", "escalation_handling"]
    assert c.clause("customer_confirmation").starts_on == c.clause("solution_notice").met_by
    assert c.clause("acknowledgement").period == Period(24, Unit.HOUR)
    assert not c.clause("acknowledgement").pausable
    assert standard.pausable


def test_seed_003_expresses_every_timed_row() -> None:
    c = seed_003()
    assert [k.period for k in c.clauses[:2]] == [Period(24, Unit.HOUR), Period(48, Unit.HOUR)]
    fee = c.clause("service_fee")
    assert fee.rule == MonthlyRule("within_first", 5)
    assert fee.period is None
    assert fee.wording == "每月初五个工作日内"
    survey = c.clause("satisfaction_survey")
    assert survey.rule is None
    assert survey.wording == "每月一次"


@pytest.mark.parametrize("build", SEEDS, ids=lambda f: f.__name__)
def test_seed_round_trips_through_every_format(build: Any) -> None:
    c = build()
    assert Contract.from_toml(c.to_toml()) == c
    assert Contract.from_json(c.to_json()) == c
    assert Contract.from_dict(c.to_dict()) == c
    assert Contract.from_dict(json.loads(c.to_json(indent=None))) == c
    assert tomllib.loads(c.to_toml()) == c.to_dict()  # the TOML is exactly the dict, nothing more
    assert Contract.from_toml(c.to_toml()).to_toml() == c.to_toml()


@pytest.mark.parametrize("build", SEEDS, ids=lambda f: f.__name__)
def test_seed_round_trips_through_yaml(build: Any) -> None:
    pytest.importorskip("yaml")
    c = build()
    assert Contract.from_yaml(c.to_yaml()) == c


def test_the_toml_layout() -> None:
    # intent: the documented layout, key by key, for a small contract
    c = Contract(
        "enquiries",
        [
            Clause(
                "answer",
                "24小时内",
                starts_on="asked",
                met_by="answered",
                ref="一(1)",
                extension=Extension("48小时", event="extended"),
            )
        ],
        events=["asked"],
        title_zh="咨询",
        calendar=CalendarSpec(closures={"2026-12-31": "盘点"}),
        convention=sc.Convention.deemed_receipt("18:00"),
    )
    assert c.to_toml() == (
        "schema = 1\n"
        'name = "enquiries"\n'
        'title_zh = "咨询"\n'
        'events = ["asked"]\n'
        "\n"
        "[calendar]\n"
        'region = "CN"\n'
        "\n"
        "[calendar.closures]\n"
        '2026-12-31 = "盘点"\n'
        "\n"
        "[convention]\n"
        'name = "deemed_receipt"\n'
        'rest_day_receipt = "next_workday"\n'
        'cutoff = "18:00"\n'
        "\n"
        "[[clauses]]\n"
        'name = "answer"\n'
        'ref = "一(1)"\n'
        'period = "24小时内"\n'
        'starts_on = "asked"\n'
        'met_by = "answered"\n'
        'extension = { cap = "48小时", event = "extended" }\n'
    )


# -- clauses ------------------------------------------------------------------------------------------


def test_clause_keeps_the_contracts_words() -> None:
    c = Clause("ack", "收到投诉后二十四小时内", starts_on="received", met_by="acknowledged")
    assert c.period == Period(24, Unit.HOUR)
    assert c.wording == "收到投诉后二十四小时内"
    assert (c.kind, c.rule, c.ends_on) == ("deadline", None, None)


@pytest.mark.parametrize(
    ("given", "period", "wording"),
    [
        # a Period or timedelta gets its Chinese form as words, so equal periods give equal clauses
        (Period(5, Unit.WORKDAY), Period(5, Unit.WORKDAY), "5个工作日"),
        (dt.timedelta(hours=48), Period(48, Unit.HOUR), "48小时"),
        (dt.timedelta(minutes=90), Period(90, Unit.MINUTE), "90分钟"),
        ("3 business days", Period(3, Unit.WORKDAY), "3 business days"),
        ("P1M", Period(1, Unit.MONTH), "P1M"),
    ],
)
def test_clause_period_forms(given: Any, period: Period, wording: str) -> None:
    c = Clause("x", given, starts_on="a", met_by="b")
    assert (c.period, c.wording) == (period, wording)


def test_explicit_wording_must_read_as_the_period() -> None:
    c = Clause("x", Period(24, Unit.HOUR), wording="二十四小时", starts_on="a", met_by="b")
    assert c.wording == "二十四小时"
    with pytest.raises(ContractError, match=r"clause 'x'.*'二十五小时' reads as 25 hours, not 24 hours"):
        Clause("x", Period(24, Unit.HOUR), wording="二十五小时", starts_on="a", met_by="b")


def test_monthly_clause_forms() -> None:
    text = Clause("fee", "每月的第一个工作日前", kind="monthly", starts_on="effective", met_by="paid")
    assert (text.rule, text.wording) == (MonthlyRule("before", 1), "每月的第一个工作日前")
    rule = Clause("fee", MonthlyRule("within_first", 5), kind="monthly", starts_on="effective", met_by="paid")
    assert rule.wording == "每月初5个工作日内"
    assert MonthlyRule.parse(rule.wording) == rule.rule
    worded = Clause(
        "fee",
        MonthlyRule("within_first", 5),
        wording="每月初五个工作日内",
        kind="monthly",
        starts_on="effective",
        met_by="paid",
    )
    assert worded.wording == "每月初五个工作日内"


def test_window_forms() -> None:
    # seed 000 §2.1: a voucher valid between two dates; §2.5: priority service for the next N months
    voucher = Clause(
        "voucher", kind="window", starts_on=dt.date(2025, 1, 1), ends_on="2025-03-31", met_by="voucher_used"
    )
    assert (voucher.starts_on, voucher.ends_on, voucher.period) == ("2025-01-01", "2025-03-31", None)
    term = Clause("priority", "6个月", kind="window", starts_on="effective", pausable=True)
    assert (term.met_by, term.period) == (None, Period(6, Unit.MONTH))
    assert term.event_names == ("effective",)


def test_notice_clause() -> None:
    # seed 002 §6.3.1: at least N days' written notice before the termination date
    c = Clause("termination_notice", "提前三十日书面通知", kind="notice", starts_on="terminated", met_by="notified")
    assert c.period == Period(30, Unit.DAY)
    assert Clause("n", "5个工作日", kind="notice", starts_on="2026-10-31", met_by="notified").starts_on == "2026-10-31"


def test_clause_events_and_thresholds() -> None:
    c = Clause(
        "standard",
        "10个工作日",
        starts_on="acknowledged",
        met_by="proposed",
        warn_at=1 / 3,
        warn_before=dt.timedelta(hours=4),
        extension=Extension("20个工作日", event="extended"),
        escalation="escalated",
    )
    assert c.event_names == ("acknowledged", "proposed", "extended", "escalated")
    assert c.warn_at == 1 / 3
    assert c.warn_before == Period(4, Unit.HOUR)
    # a lead time in a unit that cannot be compared with the period's is allowed, whatever its size
    assert Clause("x", "5日", starts_on="a", met_by="b", warn_before="120小时").warn_before == Period(120, Unit.HOUR)


def test_extension_forms() -> None:
    e = Extension(event="notified")
    assert (e.cap, e.wording, e.notice_before_expiry) == (None, "", True)
    assert repr(e) == "Extension(event='notified')"
    e2 = Extension(Period(30, Unit.WORKDAY), event="n", notice_before_expiry=False)
    assert e2.wording == "30个工作日"
    assert repr(e2) == "Extension('30个工作日', event='n', notice_before_expiry=False)"
    assert Extension.from_dict(e2.to_dict()) == e2


def test_clause_repr_rebuilds_the_clause() -> None:
    for build in SEEDS:
        for c in build().clauses:
            namespace = {"Clause": Clause, "Extension": Extension}
            assert eval(repr(c), namespace) == c


def test_clause_replace() -> None:
    c = Clause("investigation", "五个工作日", starts_on="acknowledged", met_by="investigated")
    longer = c.replace(period="7个工作日", pausable=True)
    assert (longer.period, longer.wording, longer.pausable) == (Period(7, Unit.WORKDAY), "7个工作日", True)
    assert c.replace(ref="3.2(3)").wording == "五个工作日"  # the words stay when the period does
    with pytest.raises(ContractError, match="unknown Clause field 'pauseable'"):
        c.replace(pauseable=True)


# Every invalid clause: (arguments, error, a fragment of the message). Messages name the clause.
BAD_CLAUSES: list[tuple[dict[str, Any], type[Exception], str]] = [
    # names
    ({"name": ""}, ContractError, "a clause name must be an identifier"),
    ({"name": "2nd"}, ContractError, "got '2nd'"),
    ({"name": "bad name"}, ContractError, "got 'bad name'"),
    (
        {"kind": "deadlines"},
        ContractError,
        "clause 'x': kind must be one of 'deadline', 'notice', 'window', 'monthly', 'threshold', 'recurring'; "
        "got 'deadlines'",
    ),
    # periods: the parser's error, with the clause and field added
    ({"period": "5 fortnights"}, PeriodParseError, "clause 'x', period: cannot read '5 fortnights'"),
    ({"period": "5日前"}, PeriodParseError, "clause 'x', period:"),
    ({"period": 5}, ContractError, "clause 'x', period: expected a period"),
    ({"period": dt.timedelta(seconds=30)}, ContractError, "clause 'x', period: a timedelta period"),
    ({"period": None}, ContractError, "clause 'x': a deadline clause needs a period"),
    ({"period": MonthlyRule("before", 1)}, ContractError, "clause 'x': a monthly rule needs kind='monthly'"),
    ({"warn_before": "soon"}, PeriodParseError, "clause 'x', warn_before: cannot read 'soon'"),
    # events
    ({"starts_on": ""}, ContractError, "clause 'x': starts_on must be an event name"),
    ({"starts_on": "2025-02-30"}, ContractError, "clause 'x': starts_on: '2025-02-30' is not a valid date"),
    ({"starts_on": dt.datetime(2025, 1, 1, 9)}, ContractError, "clause 'x': starts_on may be a fixed date, not an"),
    ({"met_by": "2025-01-01"}, ContractError, "clause 'x': met_by must be an event name"),
    ({"met_by": None}, ContractError, "clause 'x': a deadline clause needs met_by"),
    ({"met_by": "a"}, ContractError, "clause 'x': met_by 'a' is also the event the clause is counted from"),
    ({"ends_on": "c"}, ContractError, "clause 'x': only a window has ends_on"),
    ({"escalation": "a"}, ContractError, "clause 'x': the escalation event 'a' must differ"),
    ({"escalation": "b"}, ContractError, "clause 'x': the escalation event 'b' must differ"),
    ({"escalation": 3}, ContractError, "clause 'x': escalation must be an event name"),
    # flags and thresholds
    ({"pausable": "yes"}, ContractError, "clause 'x': pausable must be True or False"),
    ({"pausable": 1}, ContractError, "clause 'x': pausable must be True or False"),
    ({"warn_at": 0}, ContractError, "clause 'x': warn_at is a share of the period, between 0 and 1"),
    ({"warn_at": 1}, ContractError, "got 1"),
    ({"warn_at": 1.5}, ContractError, "got 1.5"),
    ({"warn_at": -0.5}, ContractError, "got -0.5"),
    ({"warn_at": float("nan")}, ContractError, "got nan"),
    ({"warn_at": 10**400}, ContractError, "got <int of about 401 digits>"),  # was Python's OverflowError
    ({"warn": [10**400]}, ContractError, "warn[0] is a share of the period"),
    ({"warn_at": True}, ContractError, "clause 'x': warn_at must be a number"),
    ({"warn_at": "75%"}, ContractError, "clause 'x': warn_at must be a number"),
    ({"warn_before": "5日"}, ContractError, "clause 'x': warn_before 5 days is not shorter than the period 5 days"),
    # a month is 28 to 31 days: not shorter than 5 days on any calendar (it was taken, and warned before the start)
    ({"warn_before": "1个月"}, ContractError, "clause 'x': warn_before 1 month is not shorter than the period 5 days"),
    ({"warn_before": "1周"}, ContractError, "clause 'x': warn_before 1 week is not shorter than the period 5 days"),
    # extensions
    ({"extension": Extension("5日", event="e")}, ContractError, "cap 5 days is not longer than the standard limit"),
    ({"extension": Extension("4日", event="e")}, ContractError, "clause 'x': the extension cap 4 days is not longer"),
    ({"extension": Extension("5个工作日", event="e")}, ContractError, "clause 'x': the extension cap 5 workdays"),
    ({"extension": Extension(event="b")}, ContractError, "clause 'x': the extension event 'b' must differ"),
    ({"extension": {"cap": "10日"}}, ContractError, "clause 'x': extension: missing 'event'"),
    ({"extension": {"event": "e", "cap": "ten"}}, PeriodParseError, "clause 'x': extension cap: cannot read 'ten'"),
    ({"extension": {"event": "e", "limit": "9日"}}, ContractError, "clause 'x': extension: unknown key 'limit'"),
    ({"extension": "30日"}, ContractError, "clause 'x': extension must be an Extension"),
    # text
    ({"ref": 3}, ContractError, "clause 'x': ref must be text"),
    ({"description_zh": "\ud800"}, ContractError, "clause 'x': description_zh contains a lone surrogate"),
    ({"description_en": None}, ContractError, "clause 'x': description_en must be text"),
]


@pytest.mark.parametrize(("changes", "error", "fragment"), BAD_CLAUSES, ids=[repr(c) for c, _, _ in BAD_CLAUSES])
def test_bad_clause(changes: dict[str, Any], error: type[Exception], fragment: str) -> None:
    args: dict[str, Any] = {"name": "x", "period": "5日", "starts_on": "a", "met_by": "b"} | changes
    with pytest.raises(error) as info:
        Clause(**args)
    assert fragment in str(info.value)
    assert isinstance(info.value, SlaclockError)
    assert isinstance(info.value, ValueError)


BAD_KINDS: list[tuple[dict[str, Any], str]] = [
    # a backward limit counts whole days
    ({"kind": "notice", "period": "24小时"}, "clause 'x': a notice before a date counts whole days"),
    ({"kind": "notice", "period": "8个工作小时"}, "got 8 work hours"),
    ({"kind": "notice", "pausable": True}, "clause 'x': only a deadline or a window with a period can be paused"),
    ({"kind": "notice", "extension": Extension("9日", event="e")}, "clause 'x': only a deadline can be extended"),
    ({"kind": "notice", "met_by": None}, "clause 'x': a notice clause needs met_by"),
    # a threshold counts a period and cannot stop or be extended
    ({"kind": "threshold", "pausable": True}, "can be paused; this is a threshold"),
    ({"kind": "threshold", "extension": Extension("9日", event="e")}, "clause 'x': only a deadline can be extended"),
    ({"kind": "threshold", "met_by": None}, "clause 'x': a threshold clause needs met_by"),
    ({"kind": "threshold", "period": None}, "clause 'x': a threshold clause needs a period"),
    ({"kind": "threshold", "period": MonthlyRule("before", 1)}, "clause 'x': a monthly rule needs kind='monthly'"),
    # monthly: a rule, not a period
    ({"kind": "monthly", "period": Period(5, Unit.WORKDAY)}, "clause 'x': a monthly clause takes a rule"),
    ({"kind": "monthly", "period": dt.timedelta(hours=1)}, "clause 'x': a monthly clause takes a rule"),
    ({"kind": "monthly", "period": 5}, "clause 'x': expected a monthly rule as text"),
    ({"kind": "monthly", "period": "每月初五个工作日内", "pausable": True}, "can be paused; this is a monthly"),
    ({"kind": "monthly", "period": "每月初五个工作日内", "wording": "每月初六个工作日内"}, "does not read as"),
    ({"kind": "monthly", "period": None, "met_by": None}, "clause 'x': a monthly clause needs met_by"),
    # windows: a period or an end, not both, not neither
    ({"kind": "window", "ends_on": "c"}, "clause 'x': a window needs either a period or ends_on"),
    ({"kind": "window", "period": None}, "clause 'x': a window needs either a period or ends_on"),
    ({"kind": "window", "period": None, "ends_on": "a"}, "clause 'x': the window starts and ends on the same event"),
    ({"kind": "window", "period": None, "ends_on": "b"}, "clause 'x': met_by 'b' is also the event the window ends"),
    (
        {"kind": "window", "period": None, "starts_on": "2025-03-01", "ends_on": "2025-01-31"},
        "clause 'x': the window ends on 2025-01-31, before it starts on 2025-03-01",
    ),
    ({"kind": "window", "period": None, "ends_on": "c", "pausable": True}, "can be paused; this is a window"),
    ({"kind": "window", "extension": Extension("9日", event="e")}, "clause 'x': only a deadline can be extended"),
    ({"kind": "window", "met_by": None, "escalation": "e"}, "clause 'x': escalation needs a clause that can be"),
    ({"kind": "window", "period": None, "wording": 5, "ends_on": "c"}, "clause 'x': wording must be text"),
]


@pytest.mark.parametrize(("changes", "fragment"), BAD_KINDS, ids=[repr(c) for c, _ in BAD_KINDS])
def test_bad_clause_for_its_kind(changes: dict[str, Any], fragment: str) -> None:
    args: dict[str, Any] = {"name": "x", "period": "5日", "starts_on": "a", "met_by": "b"} | changes
    with pytest.raises(ContractError) as info:
        Clause(**args)
    assert fragment in str(info.value)


def test_bad_monthly_rule_text_is_a_parse_error_naming_the_clause() -> None:
    with pytest.raises(PeriodParseError, match=r"^clause 'fee', period: no month has 30 workdays"):
        Clause("fee", "每月初三十个工作日内", kind="monthly", starts_on="effective", met_by="paid")
    with pytest.raises(PeriodParseError, match=r"^clause 'fee', period: cannot read '每周一' as a monthly rule"):
        Clause("fee", "每周一", kind="monthly", starts_on="effective", met_by="paid")


def test_period_parse_error_keeps_text_and_position() -> None:
    with pytest.raises(PeriodParseError) as info:
        Clause("ack", "5 fortnights", starts_on="a", met_by="b")
    assert (info.value.text, info.value.position) == ("5 fortnights", 2)
    assert str(info.value).startswith("clause 'ack', period: cannot read")


def test_extension_errors_without_a_clause() -> None:
    with pytest.raises(ContractError, match="extension event must be an event name"):
        Extension("9日", event="")
    with pytest.raises(ContractError, match="extension notice_before_expiry must be True or False"):
        Extension("9日", event="e", notice_before_expiry="no")  # type: ignore[arg-type]
    with pytest.raises(ContractError, match="extension wording '9日' given without a cap"):
        Extension(event="e", wording="9日")
    with pytest.raises(PeriodParseError, match=r"^extension cap: cannot read"):
        Extension("soon", event="e")


# -- contracts ------------------------------------------------------------------------------------------


def _contract(*clauses: Clause, events: tuple[str, ...] = ("received",), **kwargs: Any) -> Contract:
    return Contract("x", clauses, events=events, **kwargs)


def test_event_vocabulary() -> None:
    c = seed_001()
    assert c.event_names[:4] == ("received", "escalated", "delay_began", "solution_decided")
    assert set(c.event_names) == {
        *c.events,
        *(k.met_by for k in c.clauses if k.met_by),
        "investigation_extension_notified",
        "complex_notified",
    }
    assert len(c.event_names) == len(set(c.event_names))
    assert c.clause_names[0] == "acknowledgement"


def test_notice_orders_its_events_backward() -> None:
    # 002 §6.3: notice before the termination date; formalities within N days of the notice. No cycle:
    # the notice comes before the date, and the formalities after the notice.
    c = _contract(
        Clause("notice", "30日", kind="notice", starts_on="terminated", met_by="notified"),
        Clause("formalities", "15日", starts_on="notified", met_by="handed_over"),
        Clause("effect", "30日", starts_on="notified", met_by="terminated"),
        events=(),
    )
    assert c.event_names == ("notified", "handed_over", "terminated")


def test_a_one_day_window_of_fixed_dates() -> None:
    # fixed dates are points in time, not events: a window from D to D holding an event is no cycle
    c = _contract(Clause("day", kind="window", starts_on="2025-01-01", ends_on="2025-01-01", met_by="used"), events=())
    assert c.clause("day").ends_on == "2025-01-01"


def test_fixed_dates_need_no_event() -> None:
    c = _contract(
        Clause("voucher", kind="window", starts_on="2025-01-01", ends_on="2025-03-31", met_by="used"),
        Clause("notice", "30日", kind="notice", starts_on="2025-12-31", met_by="notified"),
        events=(),
    )
    assert c.event_names == ("used", "notified")


BAD_CONTRACTS: list[tuple[Any, str]] = [
    # duplicate names
    (
        lambda: _contract(
            Clause("a", "1日", starts_on="received", met_by="m"),
            Clause("a", "2日", starts_on="received", met_by="n"),
        ),
        "clause name 'a' is used twice (clauses 0 and 1)",
    ),
    (
        lambda: _contract(Clause("a", "1日", starts_on="r", met_by="m"), events=("r", "r")),
        "event 'r' is declared twice",
    ),
    (lambda: _contract(events=()), "contract 'x' has no clauses"),
    # unknown events, with a suggestion
    (
        lambda: _contract(Clause("ack", "1日", starts_on="recieved", met_by="m")),
        "clause 'ack' starts on 'recieved', which is not an event of this contract (did you mean 'received'?); "
        "declare it in events, or make it some clause's met_by (events: received, m)",
    ),
    (
        lambda: _contract(Clause("w", kind="window", starts_on="received", ends_on="expired")),
        "clause 'w' ends on 'expired', which is not an event of this contract",
    ),
    (
        lambda: _contract(Clause("a", "1日", starts_on="received", met_by="m", escalation="escalate")),
        "clause 'a' escalates by 'escalate', which is not an event of this contract",
    ),
    (lambda: _contract(Clause("a", "1日", starts_on="b", met_by="m"), events=()), "(events: m)"),
    # cycles in the start/met chain
    (
        lambda: _contract(
            Clause("a", "1日", starts_on="x1", met_by="y1"),
            Clause("b", "1日", starts_on="y1", met_by="x1"),
            events=(),
        ),
        "clauses 'a' and 'b' form a cycle of events: x1 → y1 → x1 (clause 'a' counts from 'x1' to 'y1'; "
        "clause 'b' counts from 'y1' to 'x1'); an event cannot come before itself",
    ),
    (
        lambda: _contract(
            Clause("a", "1日", starts_on="received", met_by="p"),
            Clause("b", "1日", starts_on="p", met_by="q"),
            Clause("c", "1日", starts_on="q", met_by="r"),
            Clause("d", "1日", starts_on="r", met_by="p2"),
            Clause("e", "1日", starts_on="r", met_by="received"),
        ),
        "clauses 'a', 'b', 'c' and 'e' form a cycle of events: received → p → q → r → received",
    ),
    (
        # a notice before the event it must precede, and a deadline making that event come first
        lambda: _contract(
            Clause("notice", "30日", kind="notice", starts_on="terminated", met_by="notified"),
            Clause("t", "1日", starts_on="terminated", met_by="handed_over"),
            Clause("u", "1日", starts_on="handed_over", met_by="notified"),
            events=("terminated",),
        ),
        "clause 'notice' needs 'notified' before 'terminated'",
    ),
    (
        lambda: _contract(
            Clause("w", kind="window", starts_on="received", ends_on="closed"),
            Clause("z", "1日", starts_on="closed", met_by="received"),
            events=("closed",),
        ),
        "clause 'w' runs from 'received' until 'closed'",
    ),
    (
        lambda: _contract(
            Clause("w", kind="window", starts_on="received", ends_on="closed", met_by="used"),
            Clause("z", "1日", starts_on="used", met_by="closed2"),
            Clause("y", "1日", starts_on="closed", met_by="used2"),
            Clause("v", "1日", starts_on="used2", met_by="used"),
            events=("received", "closed"),
        ),
        "clause 'w' needs 'used' by 'closed'",
    ),
    (
        lambda: _contract(
            Clause("a", "1日", starts_on="received", met_by="m", escalation="escalated"),
            Clause("b", "1日", starts_on="escalated", met_by="received"),
            events=("escalated",),
        ),
        "clause 'a' may escalate by 'escalated' after 'received'",
    ),
    (
        lambda: _contract(
            Clause("a", "1日", starts_on="received", met_by="m", extension=Extension("2日", event="ext")),
            Clause("b", "1日", starts_on="ext", met_by="received"),
        ),
        "clause 'a' is extended by 'ext' after 'received'",
    ),
    # working time needs working hours
    (
        lambda: _contract(Clause("ack", "8个工作小时", starts_on="received", met_by="m")),
        "clause 'ack' counts working time, but the contract's calendar has no working hours",
    ),
    (
        lambda: _contract(Clause("ack", "2个工作日", starts_on="received", met_by="m", warn_before="4个工作小时")),
        "clause 'ack' counts working time",
    ),
    (
        lambda: _contract(Clause("a", "1日", starts_on="received", met_by="m"), convention="business_hours"),
        "the convention ends last days at the close of the calendar's hours, but the calendar has none",
    ),
    # arguments
    (lambda: Contract("", [Clause("a", "1日", starts_on="r", met_by="m")]), "a contract name must be an identifier"),
    (lambda: Contract("x", Clause("a", "1日", starts_on="r", met_by="m")), "clauses must be a list of Clause"),
    (lambda: Contract("x", ["a"]), "clauses must be Clause objects; got str 'a'"),
    (lambda: _contract(Clause("a", "1日", starts_on="r", met_by="m"), events="r"), "events must be a list"),
    (lambda: _contract(Clause("a", "1日", starts_on="r", met_by="m"), events=("2025-01-01",)), "a declared event"),
    (lambda: _contract(Clause("a", "1日", starts_on="received", met_by="m"), title_zh=None), "title_zh must be text"),
    (lambda: _contract(Clause("a", "1日", starts_on="received", met_by="m"), calendar=5), "calendar must be"),
    (lambda: _contract(Clause("a", "1日", starts_on="received", met_by="m"), convention=5), "convention must be"),
    (
        lambda: _contract(Clause("a", "1日", starts_on="received", met_by="m"), convention="busines_hours"),
        "convention 'busines_hours' is not a preset; did you mean 'business_hours'?",
    ),
    (
        lambda: _contract(Clause("a", "1日", starts_on="received", met_by="m"), convention={"cutoff": "00:00"}),
        "convention: cutoff 00:00 would end the day before it starts",
    ),
    (
        lambda: _contract(Clause("a", "1日", starts_on="received", met_by="m"), convention={"cutof": "18:00"}),
        "convention: unknown key 'cutof'; did you mean 'cutoff'?",
    ),
]


@pytest.mark.parametrize(("build", "fragment"), BAD_CONTRACTS, ids=[f for _, f in BAD_CONTRACTS])
def test_bad_contract(build: Any, fragment: str) -> None:
    with pytest.raises(ContractError) as info:
        build()
    assert fragment in str(info.value)


def test_clause_lookup() -> None:
    c = seed_001()
    assert c.clause("proposal").ref == "3.2(5)"
    with pytest.raises(ContractError, match=r"has no clause 'propsal'; did you mean 'proposal'\? \(clauses: "):
        c.clause("propsal")


def test_contract_replace_and_fill_a_blank() -> None:
    c = seed_001()
    filled = c.replace_clause("investigation", period="7个工作日")
    assert filled.clause("investigation").period == Period(7, Unit.WORKDAY)
    assert filled != c
    assert filled.replace_clause("investigation", period="5个工作日") == c
    assert c.replace(title_en="x").title_en == "x"
    assert c.replace(calendar="HK").calendar_spec == CalendarSpec("HK")
    with pytest.raises(ContractError, match="unknown Contract argument 'calendar_spec'"):
        c.replace(calendar_spec=CalendarSpec())
    with pytest.raises(ContractError, match="clause 'proposal' starts on 'investigated', which is not an event"):
        c.replace_clause("investigation", met_by="investigation_done")


def test_value_protocol() -> None:
    c = seed_001()
    assert c == seed_001()
    assert hash(c) == hash(seed_001())
    assert copy.copy(c) is c
    assert copy.deepcopy(c) is c
    assert pickle.loads(pickle.dumps(c)) == c
    clause = c.clause("standard_handling")
    assert pickle.loads(pickle.dumps(clause)) == clause
    assert copy.deepcopy(clause) is clause
    assert pickle.loads(pickle.dumps(CalendarSpec(hours="9:00-18:00"))) == CalendarSpec(hours="09:00-18:00")
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.name = "y"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        clause.pausable = False  # type: ignore[misc]
    assert repr(c).startswith("<Contract 'service_quality_complaint': 9 clauses (acknowledgement, investigation")
    assert {c: 1}[seed_001()] == 1


# -- the calendar spec and the convention -------------------------------------------------------------


def test_calendar_spec_normalises() -> None:
    a = CalendarSpec(
        "cn",
        hours="9:00-12:00, 13:30-18:00",
        closures=["2026-12-31", dt.date(2026, 12, 30)],
        dated_hours={"2026-09-30": "9:00-15:00"},
    )
    b = CalendarSpec(
        "CN",
        hours="09:00-12:00,13:30-18:00",
        closures={"2026-12-30": "", "2026-12-31": ""},
        dated_hours=[(dt.date(2026, 9, 30), "09:00-15:00")],
    )
    assert a == b
    assert hash(a) == hash(b)
    assert a.hours == "09:00-12:00,13:30-18:00"
    assert a.closures[0] == (dt.date(2026, 12, 30), "")
    assert CalendarSpec.from_dict(a.to_dict()) == a
    assert eval(repr(a), {"CalendarSpec": CalendarSpec}) == a


def test_contract_builds_its_calendar() -> None:
    spec = CalendarSpec(
        "CN",
        closures={"2026-12-31": "年终盘点"},
        extra_workdays={"2026-10-10": ""},
        hours="09:00-12:00,13:30-18:00",
        makeup_hours="09:00-17:00",
        dated_hours={"2026-09-30": "09:00-15:00"},
        at_close="next_open",
    )
    c = _contract(Clause("a", "8个工作小时", starts_on="received", met_by="m"), calendar=spec)
    expected = sc.calendar("CN", closures={"2026-12-31": "年终盘点"}, extra_workdays={"2026-10-10": ""}).with_hours(
        "09:00-12:00,13:30-18:00", makeup="09:00-17:00", dates={"2026-09-30": "09:00-15:00"}, at_close="next_open"
    )
    assert c.calendar() == expected
    assert not c.calendar().is_workday("2026-12-31")
    assert _contract(Clause("a", "1日", starts_on="received", met_by="m")).calendar() == sc.calendar("CN")
    assert CalendarSpec("HK", holiday_list="statutory", tz="UTC").build() == sc.calendar(
        "HK", holiday_list="statutory", tz="UTC"
    )


BAD_SPECS: list[tuple[dict[str, Any], str]] = [
    ({"region": "XX"}, "calendar region must be one of CN, HK, MO, TW; got 'XX'"),
    ({"region": 5}, "calendar region must be one of"),
    ({"holiday_list": "general"}, "calendar holiday_list for CN must be one of 'statutory'; got 'general'"),
    ({"horizon": "forever"}, "calendar horizon must be 'official' or 'projected'"),
    ({"tz": "Mars/Olympus"}, "calendar tz 'Mars/Olympus' is not an IANA time zone"),
    ({"closures": "2026-12-31"}, "calendar closures must map dates to reasons"),
    ({"closures": ["2026-13-01"]}, "calendar closures: '2026-13-01' is not a date"),
    ({"closures": {"2026-12-31": 5}}, "calendar closures: the reason for 2026-12-31 must be text"),
    ({"closures": ["2026-12-31"], "extra_workdays": ["2026-12-31"]}, "2026-12-31 is both a closure and an extra"),
    ({"hours": "18:00-18:00"}, "calendar hours: '18:00-18:00' in '18:00-18:00' ends where it starts"),
    # the schedules together: a night shift's spill into an opening another day may have
    ({"hours": "22:00-07:00", "makeup_hours": "06:00-12:00"}, "calendar hours: the overnight shift 22:00-07:00 runs"),
    ({"hours": ""}, "calendar hours names no working interval"),
    ({"hours": 9}, "calendar hours must be text"),
    ({"makeup_hours": "09:00-12:00"}, "makeup_hours, dated_hours and at_close need hours"),
    ({"hours": "09:00-18:00", "dated_hours": "x"}, "calendar dated_hours must map dates to schedules"),
    ({"hours": "09:00-18:00", "dated_hours": ["x"]}, "calendar dated_hours must map dates to schedules; got 'x'"),
    ({"hours": "09:00-18:00", "at_close": "open"}, "calendar at_close must be 'close' or 'next_open'"),
]


@pytest.mark.parametrize(("kwargs", "fragment"), BAD_SPECS, ids=[f for _, f in BAD_SPECS])
def test_bad_calendar_spec(kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ContractError) as info:
        CalendarSpec(**kwargs)
    assert fragment in str(info.value)


def test_a_day_off_on_a_workday_schedule_is_allowed_and_round_trips() -> None:
    spec = CalendarSpec(hours="09:00-18:00", dated_hours={"2026-09-30": ""})
    assert spec.dated_hours == ((dt.date(2026, 9, 30), ""),)
    assert CalendarSpec.from_dict(spec.to_dict()) == spec


@pytest.mark.parametrize(
    "convention",
    [
        sc.Convention.civil_code(),
        sc.Convention.business_hours("17:30"),
        sc.Convention.deemed_receipt("18:00"),
        sc.Convention.notice_on_workday(),
        sc.Convention.no_rollover(),
        sc.Convention.civil_code().replace(correspondence="first_counted_day", cutoff=dt.time(17, 59, 30, 5)),
        sc.Convention(name="整改", makeup_days_are_rest=True, roll_clock_time=True, roll_fixed_ranges=True),
    ],
    ids=lambda c: c.name,
)
def test_convention_round_trips_by_its_fields(convention: sc.Convention) -> None:
    c = _contract(Clause("a", "1日", starts_on="received", met_by="m"), convention=convention)
    assert Contract.from_toml(c.to_toml()).convention == convention
    assert Contract.from_json(c.to_json()) == c


def test_convention_presets_by_name() -> None:
    c = _contract(Clause("a", "1日", starts_on="received", met_by="m"), convention="notice_on_workday")
    assert c.convention == sc.Convention.notice_on_workday()
    assert "convention" not in _contract(Clause("a", "1日", starts_on="received", met_by="m")).to_dict()


# -- files --------------------------------------------------------------------------------------------

HAND_WRITTEN = """
# 客户服务准则 — written by hand
name = "customer_service_standards"
title_zh = "客户服务准则"
events = ["enquiry_received", "complaint_received", "effective"]

[calendar]
region = "CN"
closures = { 2026-12-31 = "年终盘点" }

[[clauses]]
name = "enquiry_answer"
ref = "一(1)"
period = "24小时内"
starts_on = "enquiry_received"
met_by = "answered"
warn_at = 0.75

[[clauses]]
name = "service_fee"
kind = "monthly"
period = "每月初五个工作日内"
starts_on = "effective"
met_by = "fee_paid"
"""


def test_hand_written_toml() -> None:
    c = Contract.from_toml(HAND_WRITTEN)
    assert c.clause("enquiry_answer").warn_at == 0.75
    assert c.calendar_spec.closures == ((dt.date(2026, 12, 31), "年终盘点"),)
    assert Contract.from_toml(c.to_toml()) == c


def test_native_toml_dates_and_times_are_accepted() -> None:
    text = """
name = "x"
[convention]
cutoff = 18:00:00
[[clauses]]
name = "voucher"
kind = "window"
starts_on = 2025-01-01
ends_on = 2025-03-31
"""
    c = Contract.from_toml(text)
    assert c.clause("voucher").starts_on == "2025-01-01"
    assert c.convention.cutoff == dt.time(18)


@pytest.mark.parametrize(
    "text",
    [
        'quote " and backslash \\ and \\n literal',
        "tab\tnewline\ncarriage\rform\fbackspace\b",
        "control \x00 \x01 \x1f and delete \x7f",
        "中文“弯引号”「括号」——破折号…省略号",
        "emoji 😀 and combining é and RTL שלום",
        "'single' \"double\" '''triple''' \"\"\"triple\"\"\"",
        "",
        " leading and trailing ",
        "#not a comment",
        "= [table] {inline}",
    ],
)
def test_strings_are_escaped(text: str) -> None:
    c = _contract(
        Clause("a", "1日", starts_on="received", met_by="m", description_zh=text, description_en=text, ref=text),
        title_zh=text,
        title_en=text,
        calendar=CalendarSpec(closures={"2026-12-31": text}),
    )
    assert Contract.from_toml(c.to_toml()) == c
    assert Contract.from_json(c.to_json()) == c


def test_load_from_files_and_text(tmp_path: Path) -> None:
    c = seed_001()
    for suffix in (".toml", ".json", ".TOML"):
        path = c.save(tmp_path / f"contract{suffix}")
        assert Contract.load(path) == c
        assert Contract.load(str(path)) == c
    assert Contract.load(c.to_toml()) == c
    assert Contract.load(c.to_json()) == c
    assert Contract.load(c.to_json(indent=None)) == c
    (tmp_path / "contract.txt").write_text(c.to_json(), encoding="utf-8")
    assert Contract.load(tmp_path / "contract.txt", format="json") == c
    with pytest.raises(ContractError, match=r"cannot tell the format of '.*contract\.txt' from its suffix"):
        Contract.load(tmp_path / "contract.txt")
    with pytest.raises(ContractError, match="format must be 'toml', 'json' or 'yaml'"):
        Contract.load(tmp_path / "contract.txt", format="xml")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError, match=r"no contract file '.*missing\.toml'; to read a contract from text"):
        Contract.load(tmp_path / "missing.toml")
    with pytest.raises(ContractError, match="expected a path or a contract's text"):
        Contract.load(5)  # type: ignore[arg-type]
    with pytest.raises(ContractError, match="cannot tell the format"):
        c.save(tmp_path / "contract.xml")


def test_yaml_files(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    c = seed_003()
    path = c.save(tmp_path / "contract.yaml")
    assert Contract.load(path) == c
    assert Contract.load(path.rename(tmp_path / "contract.yml")) == c
    # safe loading: hand-written YAML dates become dates, which are fixed dates here
    text = "name: x\nclauses:\n  - {name: v, kind: window, starts_on: 2025-01-01, ends_on: 2025-03-31}\n"
    assert Contract.from_yaml(text).clause("v").ends_on == "2025-03-31"
    # line separators and unprintable characters survive (PyYAML folds them in plain or single-quoted scalars)
    odd = _contract(
        Clause("a", "1日", starts_on="received", met_by="m", description_en="next\x85line\u2028sep\u2029para\x00"),
        title_zh="😀\u200b\ufeff",
    )
    assert Contract.from_yaml(odd.to_yaml()) == odd
    with pytest.raises(ContractError, match="not a YAML contract"):
        Contract.from_yaml("name: [unclosed")
    with pytest.raises(ContractError, match="a YAML contract is a mapping; got list"):
        Contract.from_yaml("- 1")
    with pytest.raises(ContractError, match=r"in YAML, quote times: '17:30'"):
        Contract.from_yaml(text + "convention: {close_of_business: 17:30}\n")
    with pytest.raises(ContractError, match="could not determine a constructor"):
        Contract.from_yaml("!!python/object:os.system {}")


def test_yaml_without_pyyaml(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)  # import yaml now fails, installed or not
    c = seed_003()
    for call in (c.to_yaml, lambda: Contract.from_yaml("name: x"), lambda: c.save(tmp_path / "c.yaml")):
        with pytest.raises(ModuleNotFoundError, match=r'YAML contracts need PyYAML: pip install "slaclock\[yaml\]"'):
            call()
    (tmp_path / "c.yml").write_text("name: x\n", encoding="utf-8")
    with pytest.raises(ModuleNotFoundError, match="PyYAML"):
        Contract.load(tmp_path / "c.yml")


BAD_FILES: list[tuple[str, str]] = [
    ('name = "x"\n[[clauses]\n', "not a TOML contract: Expected ']]' at the end of an array declaration"),
    ('name = "x"\n', "contract: missing 'clauses'"),
    ("clauses = []\n", "contract: missing 'name'"),
    ('name = "x"\nclauses = 3\n', "clauses must be an array of tables ([[clauses]]); got 3"),
    ('name = "x"\nclauses = []\n', "contract 'x' has no clauses"),
    ('name = "x"\nclauses = [3]\n', "clauses[0] must be a table; got int 3"),
    ('name = "x"\nversion = 1\nclauses = []\n', "contract: unknown key 'version'"),
    ('schema = 2\nname = "x"\nclauses = []\n', "layout schema 2, newer than this slaclock reads (1)"),
    ('schema = "1"\nname = "x"\nclauses = []\n', "schema must be a positive integer; got '1'"),
    ('name = "x"\n[[clauses]]\nname = "a"\nperiod = "1日"\nmet_by = "m"\n', "clauses[0] ('a'): missing 'starts_on'"),
    (
        'name = "x"\n[[clauses]]\nname = "a"\nperiod = "1日"\nstarts_on = "r"\nmet_by = "m"\npauseable = true\n',
        "clauses[0] ('a'): unknown key 'pauseable'; did you mean 'pausable'? (valid keys: name, ref, kind,",
    ),
    (
        'name = "x"\n[[clauses]]\nname = "a"\nperiod = "1日"\nstarts_on = "r"\nmet_by = "m"\npausable = "yes"\n',
        "clause 'a': pausable must be True or False; got 'yes'",
    ),
    ('name = "x"\n[calendar]\nregion = "XX"\n[[clauses]]\n', "calendar region must be one of"),
    ('name = "x"\n[calendar]\nzone = "UTC"\n[[clauses]]\n', "calendar: unknown key 'zone'"),
]


@pytest.mark.parametrize(("text", "fragment"), BAD_FILES, ids=[f for _, f in BAD_FILES])
def test_bad_toml_file(text: str, fragment: str) -> None:
    with pytest.raises(ContractError) as info:
        Contract.from_toml(text)
    assert fragment in str(info.value)


def test_bad_period_in_a_file_names_the_clause() -> None:
    text = 'name = "x"\n[[clauses]]\nname = "ack"\nperiod = "24 hourz"\nstarts_on = "r"\nmet_by = "m"\n'
    with pytest.raises(PeriodParseError, match=r"^clause 'ack', period: cannot read '24 hourz'"):
        Contract.from_toml(text)


def test_bad_json() -> None:
    with pytest.raises(ContractError, match="not a JSON contract"):
        Contract.from_json("{")
    with pytest.raises(ContractError, match="a JSON contract is an object; got list"):
        Contract.from_json("[]")
    assert Contract.from_json(seed_003().to_json().encode()) == seed_003()


def test_schema_is_written() -> None:
    assert seed_003().to_dict()["schema"] == SCHEMA == 1


# -- the round-trip property ----------------------------------------------------------------------------

ASCII_NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True)
NAMES = ASCII_NAMES | st.sampled_from(["受理确认", "调查_完成", "事件1", "Ärger", "_"])
TEXTS = st.text(st.characters(exclude_categories=["Cs"]), max_size=20) | st.sampled_from(
    ['含"引号"与\\反斜杠', "行一\n行二\t制表", "\x00\x1f\x7f", "'''", '"""', "中文描述：客户确认时限"]
)
AMOUNTS = st.integers(1, 40) | st.integers(1, MAX_AMOUNT)
DAY_UNITS = [Unit.DAY, Unit.WORKDAY, Unit.WEEK, Unit.MONTH, Unit.YEAR]
ELAPSED_UNITS = [Unit.MINUTE, Unit.HOUR]
WORK_UNITS = [Unit.WORK_MINUTE, Unit.WORK_HOUR]
DATES = st.dates(dt.date(2004, 1, 1), dt.date(2026, 12, 31))
TIMES = st.times().filter(lambda t: t != dt.time(0))


@st.composite
def schedules(draw: st.DrawFn) -> str:
    points = draw(st.lists(st.integers(0, 24 * 60), min_size=2, max_size=6, unique=True).map(sorted))
    points = points[: len(points) // 2 * 2]
    return ",".join(
        f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in zip(points[::2], points[1::2], strict=True)
    )


FIXTURE = FIXTURES / "FICTIONAL-cn-2027.toml"  # an openly invented 2027
PATHS = st.sampled_from(["cn-2027.toml", "config/arrangements", "/etc/slaclock/2028.json", "年度安排.toml"])
ARRANGEMENTS = PATHS | st.just(sc.load_arrangements(FIXTURE)[0])  # paths, or a year given as data (CN only)


@st.composite
def calendar_specs(draw: st.DrawFn) -> CalendarSpec:
    region = draw(st.sampled_from(["CN", "HK", "MO", "TW"]))
    closures = draw(st.dictionaries(DATES, TEXTS, max_size=3))
    extra = draw(st.dictionaries(DATES.filter(lambda d: d not in closures), TEXTS, max_size=2))
    hours = draw(st.none() | schedules())
    return CalendarSpec(
        draw(st.sampled_from([region, region.lower()])),
        holiday_list=draw(st.none() | st.sampled_from(list(HOLIDAY_LISTS[region]))),
        horizon=draw(st.sampled_from(["official", "projected"])),
        tz=draw(st.none() | st.sampled_from(["Asia/Shanghai", "UTC", "Asia/Hong_Kong", "America/New_York"])),
        closures=closures,
        extra_workdays=extra,
        hours=hours,
        makeup_hours=None if hours is None else draw(st.none() | schedules()),
        dated_hours={} if hours is None else draw(st.dictionaries(DATES, schedules() | st.just(""), max_size=2)),
        at_close="close" if hours is None else draw(st.sampled_from(["close", "next_open"])),
        arrangements=draw(st.lists(ARRANGEMENTS if region == "CN" else PATHS, max_size=2, unique=True)),
    )


def conventions(with_hours: bool) -> st.SearchStrategy[sc.Convention]:
    close: st.SearchStrategy[Any] = st.none() | TIMES
    if with_hours:
        close = close | st.just("hours")
    return st.builds(
        sc.Convention,
        name=st.sampled_from(["", "custom", "合同约定"]),  # "": civil_code where it is one
        roll_last_day=st.booleans(),
        makeup_days_are_rest=st.booleans(),
        correspondence=st.sampled_from(["start_day", "first_counted_day"]),
        close_of_business=close,
        rest_day_receipt=st.sampled_from(["next_day", "next_workday"]),
        cutoff=st.none() | TIMES,
        roll_backward=st.booleans(),
        roll_clock_time=st.booleans(),
        roll_fixed_ranges=st.booleans(),
    )


def _words(draw: st.DrawFn, p: Period) -> Any:
    forms: list[Any] = [p, p.zh, str(p), f"收到后{p.zh}内"]
    if p.unit not in (Unit.WORKDAY, *WORK_UNITS):
        forms.append(p.isoformat())
    return draw(st.sampled_from(forms))


@st.composite
def contracts(draw: st.DrawFn) -> Contract:
    """Valid contracts: each clause counts from a known event or date and introduces fresh ones, so no cycle."""
    spec = draw(calendar_specs())
    units = DAY_UNITS + ELAPSED_UNITS + (WORK_UNITS if spec.hours is not None else [])
    pool = iter(draw(st.lists(NAMES, min_size=60, max_size=60, unique=True)))
    declared = [next(pool) for _ in range(draw(st.integers(1, 3)))]
    known: list[str] = list(declared)
    clause_names = draw(st.lists(NAMES, min_size=1, max_size=6, unique=True))
    clauses = []
    for name in clause_names:
        kind = draw(st.sampled_from(["deadline", "notice", "window", "monthly", "threshold"]))
        start: Any = draw(st.sampled_from(known) | DATES | DATES.map(dt.date.isoformat))
        args: dict[str, Any] = {"kind": kind, "starts_on": start}
        p: Period | None = None
        if kind in ("deadline", "notice", "threshold"):
            p = Period(draw(AMOUNTS), draw(st.sampled_from(DAY_UNITS if kind == "notice" else units)))
            args["period"] = _words(draw, p)
            args["met_by"] = next(pool)
        elif kind == "monthly":
            rule = draw(
                st.none() | st.builds(MonthlyRule, st.sampled_from(["within_first", "before"]), st.integers(1, 23))
            )
            if rule is None:
                args["wording"] = draw(TEXTS)
            else:
                text = f"每月初{rule.n}个工作日内" if rule.kind == "within_first" else f"每月的第{rule.n}个工作日前"
                args["period"] = draw(st.sampled_from([rule, text]))
            args["met_by"] = next(pool)
        else:
            if draw(st.booleans()):
                p = Period(draw(AMOUNTS), draw(st.sampled_from(units)))
                args["period"] = _words(draw, p)
                args["pausable"] = draw(st.booleans())
            elif isinstance(start, str) and start in known:
                args["ends_on"] = next(pool)
                declared.append(args["ends_on"])
            else:
                first = start if isinstance(start, dt.date) else dt.date.fromisoformat(start)
                args["ends_on"] = draw(st.dates(first, dt.date(2030, 12, 31)))
            if draw(st.booleans()):
                args["met_by"] = next(pool)
        if kind == "deadline":
            args["pausable"] = draw(st.booleans())
            assert p is not None
            if p.amount < MAX_AMOUNT and draw(st.booleans()):
                amount = draw(st.none() | st.integers(p.amount + 1, MAX_AMOUNT))
                cap = None if amount is None else Period(amount, p.unit)
                args["extension"] = Extension(
                    None if cap is None else _words(draw, cap),
                    event=next(pool),
                    notice_before_expiry=draw(st.booleans()),
                )
        if args.get("met_by") and draw(st.booleans()):
            args["escalation"] = next(pool)
            declared.append(args["escalation"])
        args["warn_at"] = draw(st.none() | st.floats(0, 1, exclude_min=True, exclude_max=True))
        lead = draw(st.none() | st.builds(Period, AMOUNTS, st.sampled_from(units)))
        if lead is not None and (p is None or _longer(p, lead) is not False):
            args["warn_before"] = draw(st.sampled_from([lead, str(lead), lead.zh]))
        args["ref"] = draw(TEXTS)
        args["description_zh"] = draw(TEXTS)
        args["description_en"] = draw(TEXTS)
        clause = Clause(name, **args)
        clauses.append(clause)
        known += [e for e in clause.event_names if e not in known]
    return Contract(
        draw(NAMES),
        clauses,
        events=declared,
        title_zh=draw(TEXTS),
        title_en=draw(TEXTS),
        calendar=spec,
        convention=draw(conventions(spec.hours is not None)),
    )


@given(contracts())
@settings(max_examples=150, deadline=None)
def test_generated_contracts_round_trip_exactly(c: Contract) -> None:
    """``from_toml(to_toml(c)) == c`` and the same through JSON and plain dicts; writing is a fixed point."""
    toml_text = c.to_toml()
    assert tomllib.loads(toml_text) == c.to_dict()
    assert Contract.from_toml(toml_text) == c
    assert Contract.from_json(c.to_json()) == c
    assert Contract.from_dict(c.to_dict()) == c
    assert Contract.from_toml(toml_text).to_toml() == toml_text
    assert pickle.loads(pickle.dumps(c)) == c


@pytest.mark.skipif(importlib.util.find_spec("yaml") is None, reason="PyYAML is not installed")
@given(contracts())
@settings(max_examples=50, deadline=None)
def test_generated_contracts_round_trip_through_yaml(c: Contract) -> None:
    """``from_yaml(to_yaml(c)) == c`` when PyYAML is installed."""
    assert Contract.from_yaml(c.to_yaml()) == c


# -- the calendar in a contract file: arrangements, a projected horizon, a built calendar --------------------------

YEAR_END_FILE = """\
schema = 1
name = "desk"
events = ["received"]

[calendar]
region = "CN"
horizon = "projected"
arrangements = ["cn-2027.toml"]

[[clauses]]
name = "solution"
period = "5个工作日"
starts_on = "received"
met_by = "solved"
"""


@pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
def test_a_contract_file_names_arrangement_files_and_a_projected_horizon(fmt: str, tmp_path: Path) -> None:
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "cn-2027.toml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    c = Contract.from_toml(YEAR_END_FILE)
    assert c.calendar_spec == CalendarSpec("CN", horizon="projected", arrangements=["cn-2027.toml"])
    assert c.calendar_spec.to_dict() == {"region": "CN", "horizon": "projected", "arrangements": ["cn-2027.toml"]}
    path = c.save(folder / f"desk.{fmt}")
    loaded = Contract.load(path)  # read from elsewhere: the relative path is the file's folder's
    assert loaded == c
    assert loaded.calendar_spec.folder == folder
    cal = loaded.calendar()
    assert cal == sc.calendar("CN", horizon="projected", arrangements=folder / "cn-2027.toml")
    assert (cal.official_until, cal.horizon) == (dt.date(2027, 12, 31), "projected")
    assert cal.is_provisional("2028-01-03")
    assert not cal.is_workday("2027-01-01")  # the (fictional) published year, official
    text = {"toml": loaded.to_toml, "json": loaded.to_json, "yaml": loaded.to_yaml}[fmt]()
    assert path.read_text(encoding="utf-8") == text
    assert pickle.loads(pickle.dumps(loaded)).calendar() == cal  # the folder travels with a pickled contract
    assert loaded.replace(title_en="Desk").calendar() == cal
    case = loaded.open(received_at="2027-12-28T09:00")
    with pytest.warns(sc.ProvisionalWarning):
        assert case.status(now="2027-12-28T10:00")["solution"].provisional


def test_a_missing_arrangement_file_is_an_error_when_the_contract_is_loaded(tmp_path: Path) -> None:
    path = tmp_path / "desk.toml"
    path.write_text(YEAR_END_FILE, encoding="utf-8")
    with pytest.raises(sc.CalendarDataError, match=r"contract file '.*desk\.toml', \[calendar\] arrangements: cannot"):
        Contract.load(path)
    c = Contract.from_toml(YEAR_END_FILE)  # from text: read from the current directory when the calendar is built
    with pytest.raises(sc.CalendarDataError, match=r"cannot read arrangement file 'cn-2027\.toml'"):
        c.calendar()


def test_arrangements_given_as_data_are_written_into_the_contract() -> None:
    year = sc.load_arrangements(FIXTURE)[0]
    spec = CalendarSpec("CN", arrangements=[year])
    c = _contract(Clause("a", "5个工作日", starts_on="received", met_by="m"), calendar=spec)
    table = c.to_dict()["calendar"]["arrangements"][0]
    assert table["year"] == 2027
    assert table["published"] == "2026-11-01"
    assert table["holiday"][1] == {
        "name_zh": "春节",
        "name_en": "Spring Festival",
        "off": ["2027-02-05..2027-02-12"],
        "makeup": ["2027-01-31", "2027-02-20"],
    }
    assert "[[calendar.arrangements.holiday]]" in c.to_toml()
    for back in (Contract.from_toml(c.to_toml()), Contract.from_json(c.to_json()), Contract.from_yaml(c.to_yaml())):
        assert back == c
        assert back.calendar() == sc.calendar("CN", arrangements=FIXTURE)
    assert CalendarSpec("CN", arrangements=table) == spec  # one table alone is one year


def test_a_built_calendar_is_kept_as_its_spec() -> None:
    cal = sc.calendar(
        "HK", holiday_list="statutory", closures={"2026-12-24": "typhoon"}, horizon="projected"
    ).with_hours("09:00-13:00,14:00-18:00", makeup="09:00-12:00", dates={"2026-12-23": ""}, at_close="next_open")
    spec = CalendarSpec.from_calendar(cal)
    assert spec.build() == cal
    c = _contract(Clause("a", "8个工作小时", starts_on="received", met_by="m"), calendar=cal)
    assert c.calendar_spec == spec
    assert c.calendar() == cal
    assert c == _contract(Clause("a", "8个工作小时", starts_on="received", met_by="m"), calendar=spec)
    assert Contract.from_toml(c.to_toml()) == c
    assert CalendarSpec.from_calendar(sc.calendar("CN")) == CalendarSpec()
    published = sc.calendar("CN", arrangements=FIXTURE)
    assert CalendarSpec.from_calendar(published).arrangements == published.arrangements
    with pytest.raises(ContractError, match="the calendar 'custom' is a custom calendar"):
        CalendarSpec.from_calendar(sc.custom_calendar(first="2026-01-01", last="2026-12-31", tz="UTC"))
    with pytest.raises(ContractError, match="differ between days of the week"):
        CalendarSpec.from_calendar(sc.calendar("CN").with_hours("09:00-18:00", saturday="09:00-12:00"))
    with pytest.raises(sc.InvalidInputError, match="expected a WorkCalendar"):
        CalendarSpec.from_calendar("CN")  # type: ignore[arg-type]


def test_calendar_spec_replace_and_folder() -> None:
    spec = CalendarSpec("CN", hours="09:00-18:00", closures={"2026-12-31": "盘点"}, arrangements="cn-2027.toml")
    projected = spec.replace(horizon="projected")
    assert projected == CalendarSpec(
        "CN", hours="09:00-18:00", closures={"2026-12-31": "盘点"}, horizon="projected", arrangements=["cn-2027.toml"]
    )
    assert spec.replace(folder="/srv/config").folder == Path("/srv/config")
    assert spec.replace(folder="/srv/config") == spec  # where a spec is read from is not its value
    with pytest.raises(ContractError, match="unknown CalendarSpec argument 'horizion'"):
        spec.replace(horizion="projected")
    assert (
        repr(spec)
        == "CalendarSpec('CN', hours='09:00-18:00', arrangements=['cn-2027.toml'], closures={'2026-12-31': '盘点'})"
    )


BAD_ARRANGEMENTS: list[tuple[Any, str]] = [
    (5, "calendar arrangements must be a list of file paths or year tables; got 5"),
    ([""], "calendar arrangements[0] must be a file or folder path"),
    ([5], "calendar arrangements[0] must be a file or folder path, a year table or a YearArrangement; got int 5"),
    ([{"year": 2027}], "calendar arrangements[0]: year[0] (2027): `notice` must name the official notice"),
]


@pytest.mark.parametrize(("value", "fragment"), BAD_ARRANGEMENTS, ids=[f for _, f in BAD_ARRANGEMENTS])
def test_bad_arrangements(value: Any, fragment: str) -> None:
    with pytest.raises(ContractError) as info:
        CalendarSpec("CN", arrangements=value)
    assert fragment in str(info.value)


def test_an_arrangement_of_another_region_is_refused() -> None:
    year = sc.load_arrangements(FIXTURE)[0]
    with pytest.raises(ContractError, match="the 2027 arrangement is for CN, not HK"):
        CalendarSpec("HK", arrangements=[year])
    with pytest.raises(ContractError, match="unknown key 'arangements'; did you mean 'arrangements'"):
        Contract.from_toml(YEAR_END_FILE.replace("arrangements =", "arangements ="))


def test_a_contract_without_hours_serves_no_working_time_calendar_argument() -> None:
    c = _contract(Clause("a", "5个工作日", starts_on="received", met_by="m"))
    assert c.calendar_for() is c.calendar()
    assert c.calendar_for("TW") == sc.calendar("TW")
    assert c.calendar_for({"region": "CN", "horizon": "projected"}) == sc.calendar("CN", horizon="projected")
