"""The five seed contracts as templates: blanks, defaults, errors, files, and deadlines across National Day 2026."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from typing import Any

import pytest

import slaclock as sc
from slaclock import templates
from slaclock._contracts.contract import CalendarSpec, Contract, Extension
from slaclock._demo import SEED_001_BLANKS
from slaclock._periods.period import Period, Unit
from slaclock._rules.windows import MonthlyRule
from slaclock.errors import ContractError, PeriodParseError
from tests.helpers.paths import FIXTURES

# Every blank of each template filled (illustrative numbers where the seed leaves a blank).
FILLED_001: dict[str, Any] = dict(SEED_001_BLANKS)  # as docs/templates.md and the demo fill them
FILLED_002: dict[str, Any] = {
    "term": "1年",
    "cure": "15日",
    "termination_notice": "30日",
    "termination_formalities": "6日",
    "fee_payment": "10个工作日",
    "handling_fee_payment": "10个工作日",
    "confidentiality": "3年",
}
FILLED_004: dict[str, Any] = {
    "termination_date": "2026-09-30",
    "audit": "15个工作日",
    "rectification": "7日",
    "confidentiality": 2,
    "overdue_termination": 30,
}
ALL_000: dict[str, Any] = {
    "voucher_from": "2026-10-01",
    "voucher_until": "2026-12-31",
    "warranty_extension": 6,
    "priority_service": "3个月",
}

# (id, builder, the refs CLAUSES.md lists as time limits for it)
BUILDS: list[tuple[str, Callable[[], Contract], set[str]]] = [
    ("000", lambda: templates.appeasement(**ALL_000), {"2.1", "2.4", "2.5, 3.2"}),
    (
        "001",
        lambda: templates.service_quality_complaint(**FILLED_001),
        {"2.3", "3.2(3)", "3.2(5)", "3.3(1), 3.3(2)", "3.4(3)", "4.1", "4.2", "4.3"},
    ),
    (
        "002-0",
        lambda: templates.complaint_handling(**FILLED_002),
        {"5.1", "6.2.4", "6.3.1", "6.3.2", "7.2.1", "7.2.2", "7.3.1", "7.3.2", "9.2"},
    ),
    ("002-1", lambda: templates.complaint_handling(variant=1), {"8.1.1", "8.1.2", "8.1.3", "12.2.1", "20.1"}),
    ("002-2", lambda: templates.complaint_handling(variant=2), {"一.3", "八.4"}),
    ("003", templates.customer_service_standards, {"一(1)", "一(2)", "一(3)", "三.2"}),
    (
        "004",
        lambda: templates.after_sales_termination(**FILLED_004, outstanding_fees="10个工作日"),
        {"三 终止时间", "三 工作交接 1", "三 费用结算 1", "三 费用结算 2", "二 甲方义务", "四.2", "五 甲方违约 1"},
    ),
]
IDS = [b[0] for b in BUILDS]

CN = sc.calendar("CN")


def _due(contract: Contract, clause: str, start: dt.date | dt.datetime) -> sc.Deadline:
    c = contract.clause(clause)
    assert c.period is not None
    return sc.deadline(start, c.period, calendar=contract.calendar(), convention=contract.convention)


# -- every template ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("seed", "build", "refs"), BUILDS, ids=IDS)
def test_clause_set_matches_clauses_md(seed: str, build: Callable[[], Contract], refs: set[str]) -> None:
    c = build()
    assert {k.ref for k in c.clauses} == refs
    for k in c.clauses:
        # every clause says what it is, in both languages
        assert k.description_zh, k.name
        assert k.description_en, k.name


@pytest.mark.parametrize(("seed", "build", "refs"), BUILDS, ids=IDS)
def test_round_trips_through_toml_and_json(seed: str, build: Callable[[], Contract], refs: set[str]) -> None:
    c = build()
    assert Contract.from_toml(c.to_toml()) == c
    assert Contract.from_json(c.to_json()) == c
    assert Contract.from_dict(c.to_dict()) == c
    assert build() == c  # a template is a pure function of its blanks


@pytest.mark.parametrize(("seed", "build", "refs"), BUILDS, ids=IDS)
def test_calendar_and_convention_are_passed_through(seed: str, build: Callable[[], Contract], refs: set[str]) -> None:
    func = templates.TEMPLATES[seed[:3]]
    params = inspect.signature(func).parameters
    assert params["calendar"].default == "CN"
    assert params["convention"].default is None
    # every parameter is keyword-only
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params.values())
    assert build().calendar_spec == CalendarSpec("CN")


def test_calendar_and_convention_arguments() -> None:
    spec = CalendarSpec("CN", closures={"2026-12-31": "年终盘点"})
    c = templates.customer_service_standards(calendar=spec, convention="notice_on_workday")
    assert c.calendar_spec == spec
    assert c.convention == sc.Convention.notice_on_workday()
    assert not c.calendar().is_workday("2026-12-31")
    assert templates.customer_service_standards(calendar={"region": "HK"}).calendar_spec.region == "HK"


# -- registry ---------------------------------------------------------------------------------------


def test_registry_and_lookup() -> None:
    assert list(templates.TEMPLATES) == ["000", "001", "002", "003", "004"]
    assert templates.template("003") == templates.customer_service_standards()
    assert templates.template("customer_service_standards") == templates.customer_service_standards()
    assert templates.template("002", variant=1) == templates.complaint_handling(variant=1)
    assert templates.template("001", **FILLED_001) == templates.service_quality_complaint(**FILLED_001)


@pytest.mark.parametrize(
    ("args", "kwargs", "fragment"),
    [
        (("009",), {}, "no seed contract '009'; known: 000 (appeasement), 001"),
        (("001",), {"ak": "24小时"}, "service_quality_complaint has no blank 'ak'; its parameters: ack,"),
        (("001",), {"ack": "24小时"}, "9 blanks are not filled"),
    ],
)
def test_registry_errors(args: tuple[str], kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ContractError, match=".*".join(map(_escape, fragment.split("*")))):
        templates.template(*args, **kwargs)


def _escape(text: str) -> str:
    import re

    return re.escape(text)


def test_the_module_is_reachable_from_the_package() -> None:
    import slaclock.templates as mod

    assert mod is templates
    assert set(templates.__all__) == {
        "TEMPLATES",
        "after_sales_termination",
        "appeasement",
        "complaint_handling",
        "customer_service_standards",
        "service_quality_complaint",
        "template",
    }


# -- blank handling ---------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", sorted(FILLED_001))
def test_001_every_unfilled_blank_is_named(blank: str) -> None:
    kwargs = {k: v for k, v in FILLED_001.items() if k != blank}
    with pytest.raises(ContractError) as info:
        templates.service_quality_complaint(**kwargs)
    message = str(info.value)
    # the blank's name, its clause reference, the seed's words and an example value
    assert message.startswith("service_quality_complaint: a blank is not filled: ")
    assert f"{blank} (§" in message
    assert "____" in message
    assert f"e.g. {blank}=" in message


def test_001_all_unfilled_blanks_are_named_at_once() -> None:
    with pytest.raises(ContractError) as info:
        templates.service_quality_complaint()
    message = str(info.value)
    assert "10 blanks are not filled" in message
    for blank in FILLED_001:
        assert f"{blank} (§" in message
    assert "ack (§2.3 “甲方应在收到投诉后____小时内发出确认通知（受理确认时限）”; e.g. ack='24小时')" in message


@pytest.mark.parametrize("blank", sorted(FILLED_002))
def test_002_text_0_every_unfilled_blank_is_named(blank: str) -> None:
    kwargs = {k: v for k, v in FILLED_002.items() if k != blank}
    with pytest.raises(ContractError, match=rf"^complaint_handling: a blank is not filled: {blank} \(§"):
        templates.complaint_handling(**kwargs)


@pytest.mark.parametrize("blank", sorted(FILLED_004))
def test_004_every_unfilled_blank_is_named(blank: str) -> None:
    kwargs = {k: v for k, v in FILLED_004.items() if k != blank}
    with pytest.raises(ContractError, match=rf"^after_sales_termination: a blank is not filled: {blank} \(§"):
        templates.after_sales_termination(**kwargs)


def test_a_bare_number_takes_the_unit_the_contract_writes() -> None:
    c = templates.service_quality_complaint(**{**FILLED_001, "ack": 24, "investigation": 5, "complex_max": 30})
    assert c == templates.service_quality_complaint(**FILLED_001)
    assert c.clause("acknowledgement").wording == "24小时"
    c2 = templates.complaint_handling(**{**FILLED_002, "term": 1, "cure": 15, "termination_formalities": 6})
    assert c2 == templates.complaint_handling(**FILLED_002)
    assert c2.clause("term").period == Period(1, Unit.YEAR)


def test_a_period_object_is_accepted() -> None:
    c = templates.service_quality_complaint(**{**FILLED_001, "investigation": Period(7, Unit.WORKDAY)})
    assert c.clause("investigation").period == Period(7, Unit.WORKDAY)
    assert Contract.from_toml(c.to_toml()) == c


def test_any_period_may_fill_a_blank() -> None:
    # art. 204: the parties may write calendar days where the template suggests working days
    c = templates.service_quality_complaint(**{**FILLED_001, "investigation": "7日"})
    assert c.clause("investigation").period == Period(7, Unit.DAY)


@pytest.mark.parametrize(
    ("build", "fragment"),
    [
        (
            lambda: templates.service_quality_complaint(**{**FILLED_001, "ack": 0}),
            "service_quality_complaint: ack must be a positive number of 小时; got 0",
        ),
        (
            lambda: templates.service_quality_complaint(**{**FILLED_001, "ack": True}),
            "service_quality_complaint: ack must be a period such as '24小时'",
        ),
        (
            lambda: templates.service_quality_complaint(**{**FILLED_001, "ack": 2.5}),
            "got float 2.5",
        ),
        (
            lambda: templates.after_sales_termination(**{**FILLED_004, "audit": 15}),
            "after_sales_termination: audit=15: the contract gives no unit for this blank (§三 费用结算 1",
        ),
        (
            lambda: templates.after_sales_termination(**{**FILLED_004, "termination_date": "31.10.2026"}),
            "termination_date must be a date (datetime.date or 'YYYY-MM-DD') such as '2026-10-31'",
        ),
        (
            lambda: templates.after_sales_termination(
                **{**FILLED_004, "termination_date": dt.datetime(2026, 10, 31, 12)}
            ),
            "termination_date is a date, not a date and time",
        ),
        (
            # the cap of a complex complaint must be longer than the standard limit
            lambda: templates.service_quality_complaint(**{**FILLED_001, "complex_max": 10}),
            "clause 'standard_handling': the extension cap 10 workdays is not longer than the standard limit",
        ),
        (
            lambda: templates.customer_service_standards(service_fee=0),
            "service_fee must be a positive number of workdays; got 0",
        ),
        (
            lambda: templates.customer_service_standards(service_fee=Period(5, Unit.WORKDAY)),  # type: ignore[arg-type]
            "service_fee must be a monthly rule such as '每月初五个工作日内'",
        ),
    ],
)
def test_bad_blank_values(build: Callable[[], Contract], fragment: str) -> None:
    with pytest.raises(ContractError) as info:
        build()
    assert fragment in str(info.value)


def test_text_that_is_not_a_period_names_the_clause() -> None:
    with pytest.raises(PeriodParseError, match="clause 'investigation'"):
        templates.service_quality_complaint(**{**FILLED_001, "investigation": "5 workdayz"})


# -- 000 --------------------------------------------------------------------------------------------


def test_000_alternatives_are_optional_but_one_is_needed() -> None:
    with pytest.raises(ContractError) as info:
        templates.appeasement()
    message = str(info.value)
    assert message.startswith("appeasement: fill at least one compensation with a time limit")
    for blank in ("voucher_from", "voucher_until", "warranty_extension", "priority_service"):
        assert f"{blank} (§" in message
    only = templates.appeasement(priority_service=3)
    assert only.clause_names == ("priority_service",)
    assert only.events == ("effective",)


def test_000_voucher_needs_both_dates() -> None:
    with pytest.raises(ContractError, match=r"^appeasement: a blank is not filled: voucher_until"):
        templates.appeasement(voucher_from="2026-10-01")
    with pytest.raises(ContractError, match=r"^appeasement: a blank is not filled: voucher_from"):
        templates.appeasement(voucher_until=dt.date(2026, 12, 31))
    v = templates.appeasement(voucher_from=dt.date(2026, 10, 1), voucher_until="2026-12-31").clause("voucher")
    assert (v.kind, v.starts_on, v.ends_on, v.met_by) == ("window", "2026-10-01", "2026-12-31", "voucher_used")
    with pytest.raises(ContractError, match="ends on 2026-09-30, before it starts on 2026-10-01"):
        templates.appeasement(voucher_from="2026-10-01", voucher_until="2026-09-30")


def test_000_warranty_forms() -> None:
    by_event = templates.appeasement(warranty_extension=6).clause("warranty_extension")
    assert (by_event.starts_on, by_event.period, by_event.ends_on) == (
        "original_warranty_ended",
        Period(6, Unit.MONTH),
        None,
    )
    by_date = templates.appeasement(warranty_extension="6个月", warranty_from="2026-12-31")
    assert by_date.clause("warranty_extension").starts_on == "2026-12-31"
    assert by_date.events == ()
    until = templates.appeasement(warranty_extension=6, warranty_until="2027-06-30").clause("warranty_extension")
    # the contract's explicit end date prevails; the months stay in the words
    assert (until.period, until.ends_on) == (None, "2027-06-30")
    assert until.wording == "延长保修期限6个月，保修期截止至2027-06-30"
    with pytest.raises(ContractError, match="warranty_from is given without warranty_extension"):
        templates.appeasement(warranty_from="2026-12-31")


# -- 001 --------------------------------------------------------------------------------------------


def test_001_structure_agrees_with_the_contract_model_tests() -> None:
    c = templates.service_quality_complaint(**FILLED_001)
    assert c.clause_names == (
        "acknowledgement",
        "investigation",
        "proposal",
        "standard_handling",
        "escalation_start",
        "escalation_handling",
        "progress_notice",
        "solution_notice",
        "customer_confirmation",
    )
    chain = [(k.starts_on, k.met_by) for k in c.clauses[:4]]
    assert chain == [
        ("received", "acknowledged"),
        ("acknowledged", "investigated"),
        ("investigated", "solution_proposed"),
        ("acknowledged", "solution_proposed"),
    ]
    standard = c.clause("standard_handling")
    assert standard.extension == Extension("30个工作日", event="complex_notified")
    assert standard.escalation == "escalated"
    assert c.clause("investigation").extension == Extension(event="investigation_extension_notified")
    assert c.clause("customer_confirmation").starts_on == c.clause("solution_notice").met_by
    assert c.events == ("received", "escalated", "delay_began", "solution_decided")


def test_001_deadlines_across_national_day_2026() -> None:
    c = templates.service_quality_complaint(**FILLED_001)
    # 24 hours run through the holiday (hours are counted from the moment, art. 201 para 2)
    ack = _due(c, "acknowledgement", dt.datetime(2026, 9, 30, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert ack.due == dt.datetime(2026, 10, 1, 10, 0, tzinfo=ack.due.tzinfo)
    # acknowledged Wed 09-30; 10 workdays: 10-08, 09, 10 (Sat, makeup), 12, 13, 14, 15, 16, 19, 20
    assert _due(c, "standard_handling", dt.date(2026, 9, 30)).last_day == dt.date(2026, 10, 20)
    assert CN.add_workdays(dt.date(2026, 9, 30), 10) == dt.date(2026, 10, 20)
    # acknowledged Fri 09-18; 5 workdays: 09-20 (Sun, makeup), 21, 22, 23, 24
    assert CN.is_workday(dt.date(2026, 9, 20))
    assert _due(c, "investigation", dt.date(2026, 9, 18)).last_day == dt.date(2026, 9, 24)
    # the cap of a complex complaint, 30 workdays from 09-30: 10-08 … 10-30 (18), 11-02 … 11-13 (28), 11-16, 11-17
    ext = c.clause("standard_handling").extension
    assert ext is not None
    assert ext.cap is not None
    cap = sc.deadline(dt.date(2026, 9, 30), ext.cap, calendar=c.calendar(), convention=c.convention)
    assert cap.last_day == CN.add_workdays(dt.date(2026, 9, 30), 30) == dt.date(2026, 11, 17)


# -- 002 --------------------------------------------------------------------------------------------


def test_002_text_1_states_its_numbers() -> None:
    c = templates.complaint_handling(variant=1)
    assert c.name == "complaint_handling_1"
    assert [(k.name, k.period) for k in c.clauses] == [
        ("investigation", Period(7, Unit.WORKDAY)),
        ("solution", Period(15, Unit.WORKDAY)),
        ("resolution", Period(30, Unit.WORKDAY)),
        ("negotiation", Period(30, Unit.DAY)),
        ("third_party_withdrawal_notice", Period(30, Unit.DAY)),
    ]
    # 8.3.1: every handling limit counts from the complaint's receipt
    assert {k.starts_on for k in c.clauses[:3]} == {"received"}
    assert c.clause("third_party_withdrawal_notice").kind == "notice"
    assert templates.complaint_handling(variant=1, investigation=5).clause("investigation").wording == "5个工作日"


def test_002_text_2_states_its_numbers() -> None:
    c = templates.complaint_handling(variant=2)
    assert c.name == "complaint_handling_2"
    assert c.clause("term").period == Period(3, Unit.YEAR)
    assert c.clause("term").wording == "三年"
    assert c.clause("dispute_resolution").period == Period(6, Unit.MONTH)
    assert templates.complaint_handling(variant=2, term=5).clause("term").period == Period(5, Unit.YEAR)


def test_002_text_0_monthly_and_notice_clauses() -> None:
    c = templates.complaint_handling(**FILLED_002)
    assert c.name == "complaint_handling"
    assert c.clause("fee_list").rule == MonthlyRule("before", 1)
    assert c.clause("fee_list").wording == "每月的一个工作日前"
    assert c.clause("maintenance_fee").rule == MonthlyRule("before", 1)
    notice = c.clause("termination_notice")
    assert (notice.kind, notice.starts_on, notice.met_by) == ("notice", "terminated", "termination_notified")


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"variant": 1, "cure": 15}, "text 1 has no blank 'cure' (its blanks: investigation, solution,"),
        ({"variant": 2, "investigation": 5}, "text 2 has no blank 'investigation' (its blanks: term, dispute_res"),
        ({"variant": 0, **FILLED_002, "negotiation": "30日"}, "'negotiation' belongs to text 1"),
        ({"variant": 1, "term": 3}, "'term' belongs to text 0 and 2"),
        ({"variant": 3}, "variant must be 0, 1 or 2 (the seed's three texts); got 3"),
        ({"variant": True}, "variant must be 0, 1 or 2"),
    ],
)
def test_002_blanks_belong_to_their_text(kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ContractError) as info:
        templates.complaint_handling(**kwargs)
    assert fragment in str(info.value)


def test_002_deadlines_across_national_day_2026() -> None:
    c = templates.complaint_handling(variant=1)
    received = dt.date(2026, 9, 28)  # Monday
    # 7 workdays: 09-29, 09-30, 10-08, 10-09, 10-10 (Sat, makeup), 10-12, 10-13
    assert _due(c, "investigation", received).last_day == dt.date(2026, 10, 13)
    assert CN.add_workdays(received, 7) == dt.date(2026, 10, 13)
    # 15 workdays: … 10-14, 15, 16, 19, 20, 21, 22, 23
    assert _due(c, "solution", received).last_day == dt.date(2026, 10, 23)
    assert _due(c, "resolution", received).last_day == CN.add_workdays(received, 30) == dt.date(2026, 11, 13)
    # text 0 §6.3.2, 6 calendar days from 09-25 end on 10-01, a statutory holiday: art. 203 moves it to 10-08
    c0 = templates.complaint_handling(**FILLED_002)
    assert _due(c0, "termination_formalities", dt.date(2026, 9, 25)).last_day == dt.date(2026, 10, 8)
    # §6.3.1, 30 days' notice before 10-31: by 10-01 (the notice day is not counted)
    notice = c0.clause("termination_notice")
    assert notice.period is not None
    assert sc.notice_deadline(dt.date(2026, 10, 31), notice.period, calendar=c0.calendar()).last_day == dt.date(
        2026, 10, 1
    )
    # §7.2.1, the fee list before the first workday of October 2026 (10-08)
    rule = c0.clause("fee_list").rule
    assert rule is not None
    assert sc.monthly_deadline("2026-10", rule, calendar=c0.calendar()).last_day == dt.date(2026, 10, 7)


# -- 003 --------------------------------------------------------------------------------------------


def test_003_defaults_are_the_templates_numbers() -> None:
    c = templates.customer_service_standards()
    assert c.clause("enquiry_answer").period == Period(24, Unit.HOUR)
    assert c.clause("complaint_solution").period == Period(48, Unit.HOUR)
    assert c.clause("service_fee").rule == MonthlyRule("within_first", 5)
    assert c.clause("satisfaction_survey").rule is None
    assert c.clause("satisfaction_survey").wording == "每月一次"
    # None means the template's own number
    assert templates.customer_service_standards(enquiry_answer=None, complaint_solution=None, service_fee=None) == c
    assert c.events == ("enquiry_received", "complaint_received", "effective")


def test_003_blanks_can_be_changed() -> None:
    c = templates.customer_service_standards(
        enquiry_answer="12小时", complaint_solution=72, service_fee=MonthlyRule("within_first", 3)
    )
    assert c.clause("enquiry_answer").period == Period(12, Unit.HOUR)
    assert c.clause("complaint_solution").wording == "72小时"
    assert c.clause("service_fee").rule == MonthlyRule("within_first", 3)
    assert templates.customer_service_standards(service_fee="每月的第一个工作日前").clause(
        "service_fee"
    ).rule == MonthlyRule("before", 1)


def test_003_fee_in_the_first_five_workdays_of_october_2026() -> None:
    c = templates.customer_service_standards()
    rule = c.clause("service_fee").rule
    assert rule is not None
    # October 2026's first five workdays: 10-08, 10-09, 10-10 (Sat, makeup), 10-12, 10-13
    d = sc.monthly_deadline("2026-10", rule, calendar=c.calendar(), convention=c.convention)
    assert d.last_day == dt.date(2026, 10, 13)


# -- 004 --------------------------------------------------------------------------------------------


def test_004_windows_and_optional_outstanding_fees() -> None:
    c = templates.after_sales_termination(**FILLED_004)
    assert "outstanding_fees" not in c.clause_names  # "如有未支付款项": only if fees are outstanding
    handover = c.clause("handover")
    # "至服务终止日期前": the last day is the day before the termination date
    assert (handover.kind, handover.starts_on, handover.ends_on, handover.met_by) == (
        "window",
        "signed",
        "2026-09-29",
        "handover_completed",
    )
    assert c.clause("service_until_termination").ends_on == "2026-09-29"
    assert c.clause("audit").starts_on == "2026-09-30"
    assert c.clause("confidentiality").period == Period(2, Unit.YEAR)
    assert c.clause("overdue_termination").period == Period(30, Unit.DAY)
    with_fees = templates.after_sales_termination(**FILLED_004, outstanding_fees="10个工作日")
    assert with_fees.clause("outstanding_fees").starts_on == "signed"
    assert templates.after_sales_termination(**{**FILLED_004, "termination_date": dt.date(2026, 9, 30)}) == c


def test_004_audit_across_national_day_2026() -> None:
    c = templates.after_sales_termination(**FILLED_004)
    # terminated 09-30; 15 workdays: 10-08, 09, 10 (Sat, makeup), 12 … 16, 19 … 23, 26, 27
    assert _due(c, "audit", dt.date(2026, 9, 30)).last_day == dt.date(2026, 10, 27)
    assert CN.add_workdays(dt.date(2026, 9, 30), 15) == dt.date(2026, 10, 27)


# -- a template's calendar= ---------------------------------------------------------------------------------------

FIXTURE = FIXTURES / "FICTIONAL-cn-2027.toml"  # an openly invented 2027
BLANKS: list[tuple[str, Callable[..., Contract], dict[str, Any]]] = [
    ("000", templates.appeasement, ALL_000),
    ("001", templates.service_quality_complaint, FILLED_001),
    ("002", templates.complaint_handling, FILLED_002),
    ("002", templates.complaint_handling, {"variant": 1}),
    ("002", templates.complaint_handling, {"variant": 2}),
    ("003", templates.customer_service_standards, {}),
    ("004", templates.after_sales_termination, FILLED_004),
]
CALENDARS: list[tuple[str, Any, CalendarSpec]] = [
    ("region", "HK", CalendarSpec("HK")),
    ("table", {"region": "CN", "horizon": "projected"}, CalendarSpec("CN", horizon="projected")),
    ("spec", CalendarSpec("MO", arrangements=[]), CalendarSpec("MO")),
    ("projected", sc.calendar("CN", horizon="projected"), CalendarSpec("CN", horizon="projected")),
    ("hours", sc.calendar("TW").with_hours("09:00-18:00"), CalendarSpec("TW", hours="09:00-18:00")),
    (
        "published",
        sc.calendar("CN", arrangements=FIXTURE),
        CalendarSpec("CN", arrangements=sc.load_arrangements(FIXTURE)),
    ),
]


@pytest.mark.parametrize(("name", "calendar", "spec"), CALENDARS, ids=[c[0] for c in CALENDARS])
@pytest.mark.parametrize(("seed", "func", "blanks"), BLANKS, ids=[f"{b[0]}-{k}" for k, b in enumerate(BLANKS)])
def test_every_template_takes_a_calendar_in_every_form(
    seed: str, func: Callable[..., Contract], blanks: dict[str, Any], name: str, calendar: Any, spec: CalendarSpec
) -> None:
    c = func(**blanks, calendar=calendar)
    assert c.calendar_spec == spec
    assert c.calendar() == spec.build()
    assert templates.template(seed, **blanks, calendar=calendar) == c
    assert Contract.from_toml(c.to_toml()) == c  # a value, written with its calendar


def test_a_template_with_a_calendar_a_contract_cannot_write_is_refused() -> None:
    custom = sc.custom_calendar(first="2026-01-01", last="2026-12-31", tz="Asia/Shanghai")
    with pytest.raises(
        ContractError, match=r"pass it where it is used instead: contract\.open\(\.\.\., calendar=cal\)"
    ):
        templates.customer_service_standards(calendar=custom)
    c = templates.customer_service_standards()
    case = c.open(received_at="2026-12-30T09:00", event="complaint_received", calendar=custom)
    assert case.status(now="2026-12-30T10:00")["complaint_solution"].last_day == dt.date(2027, 1, 1)


def test_a_template_past_the_official_data() -> None:
    """Seed 001 received 2026-12-28: 5 workdays need 2027 (raise), or a projected or published calendar."""
    received, acknowledged = "2026-12-28T10:00", "2026-12-28T11:00"
    official = templates.service_quality_complaint(**FILLED_001)
    with pytest.raises(sc.CalendarHorizonError):
        official.open(received_at=received).record("acknowledged", at=acknowledged).status(now=acknowledged)
    projected = templates.service_quality_complaint(**FILLED_001, calendar=sc.calendar("CN", horizon="projected"))
    with pytest.warns(sc.ProvisionalWarning):
        s = projected.open(received_at=received).record("acknowledged", at=acknowledged).status(now=acknowledged)
    assert s["investigation"].provisional
    published = templates.service_quality_complaint(**FILLED_001, calendar=sc.calendar("CN", arrangements=FIXTURE))
    s = published.open(received_at=received).record("acknowledged", at=acknowledged).status(now=acknowledged)
    assert not s["investigation"].provisional
