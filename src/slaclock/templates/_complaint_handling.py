"""客户投诉处理与客户关系维护合同 (seed 002): its three texts (variants 0, 1 and 2), as clauses.

The template function :func:`~slaclock.templates.complaint_handling`, its blanks and their defaults; the blank
machinery is :mod:`slaclock.templates._blanks`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal

from slaclock._base.show import brief
from slaclock._contracts.contract import Clause, Contract
from slaclock._periods.period import Period
from slaclock.errors import ContractError
from slaclock.templates._blanks import (
    CalendarArg,
    ConventionArg,
    PeriodBlank,
    _Blank,
    _period,
    _require,
)

__all__ = ["complaint_handling"]

# -- 002 ------------------------------------------------------------------------------------------

_V0_TERM: Final = _Blank("term", "5.1", "本合同……有效期为______年，自合同生效之日起计算", "1年", "年")
_V0_CURE: Final = _Blank("cure", "6.2.4", "一方违约，经另一方书面通知后______日内仍未纠正", "15日", "日")
_V0_NOTICE: Final = _Blank(
    "termination_notice", "6.3.1", "一方提出终止合同，应提前______日书面通知另一方", "30日", "日"
)
_V0_FORMALITIES: Final = _Blank(
    "termination_formalities", "6.3.2", "双方应在接到终止通知后______日内共同办理合同终止手续", "15日", "日"
)
_V0_FEE: Final = _Blank(
    "fee_payment",
    "7.2.2",
    "甲方应在收到乙方提交的费用清单后____个工作日内按照费用清单进行支付",
    "10个工作日",
    "个工作日",
)
_V0_HANDLING_FEE: Final = _Blank(
    "handling_fee_payment",
    "7.3.2",
    "投诉处理费用，甲方应在收到乙方提交的投诉处理报告及费用清单后____个工作日内支付",
    "10个工作日",
    "个工作日",
)
_V0_SECRECY: Final = _Blank("confidentiality", "9.2", "保密期限自合同签订之日起____年", "3年", "年")
_V1_DEFAULTS: Final = {
    "investigation": "7个工作日",
    "solution": "15个工作日",
    "resolution": "30个工作日",
    "negotiation": "30日",
    "withdrawal_notice": "30日",
}
_V1_UNITS: Final = {
    "investigation": ("8.1.1", "个工作日"),
    "solution": ("8.1.2", "个工作日"),
    "resolution": ("8.1.3", "个工作日"),
    "negotiation": ("12.2.1", "日"),
    "withdrawal_notice": ("20.1", "日"),
}
_V2_DEFAULTS: Final = {"term": "三年", "dispute_resolution": "六个月"}
_V2_UNITS: Final = {"term": ("一.3", "年"), "dispute_resolution": ("八.4", "个月")}
_VARIANT_BLANKS: Final = {
    0: (
        "term",
        "cure",
        "termination_notice",
        "termination_formalities",
        "fee_payment",
        "handling_fee_payment",
        "confidentiality",
    ),
    1: tuple(_V1_DEFAULTS),
    2: tuple(_V2_DEFAULTS),
}


def complaint_handling(
    *,
    variant: Literal[0, 1, 2] = 0,
    term: PeriodBlank = None,
    cure: PeriodBlank = None,
    termination_notice: PeriodBlank = None,
    termination_formalities: PeriodBlank = None,
    fee_payment: PeriodBlank = None,
    handling_fee_payment: PeriodBlank = None,
    confidentiality: PeriodBlank = None,
    investigation: PeriodBlank = None,
    solution: PeriodBlank = None,
    resolution: PeriodBlank = None,
    negotiation: PeriodBlank = None,
    withdrawal_notice: PeriodBlank = None,
    dispute_resolution: PeriodBlank = None,
    calendar: CalendarArg = "CN",
    convention: ConventionArg = None,
) -> Contract:
    """客户投诉处理与客户关系维护合同 (seed 002): one of its three texts, by ``variant``.

    The seed holds three contracts under one title, numbered as the seed (and
    CLAUSES.md) number them: text 0 "…合同" (the one with blanks), text 1
    "…合同1" and text 2 "…合同2". Each text has its own blanks; a blank of
    another text is an error.

    Parameters
    ----------
    variant : {0, 1, 2}
        Which text (default 0).
    term : str, Period or int (years)
        Text 0 §5.1 "有效期为______年" (required): window ``term`` from ``effective``.
        Text 2 §一.3 "有效期为三年" (default ``"三年"``).
    cure : str, Period or int (days)
        Text 0 §6.2.4 (required): a breach not corrected within this after written
        notice (``breach_notified`` → ``breach_cured``) lets the contract end.
    termination_notice : str, Period or int (days)
        Text 0 §6.3.1 "应提前______日书面通知" (required): notice ``termination_notified``
        at least this long before ``terminated``.
    termination_formalities : str, Period or int (days)
        Text 0 §6.3.2 (required): ``termination_notice_received`` → ``termination_completed``.
    fee_payment : str, Period or int (workdays)
        Text 0 §7.2.2 (required): ``fee_list_received`` → ``fee_paid``. (§7.2.1, the
        fee list before the first workday of each month, has no blank.)
    handling_fee_payment : str, Period or int (workdays)
        Text 0 §7.3.2 (required): ``report_received`` → ``handling_fee_paid``. (§7.3.1,
        the maintenance fee before the first workday of each month, has no blank.)
    confidentiality : str, Period or int (years)
        Text 0 §9.2 "自合同签订之日起____年" (required): window from ``signed``.
    investigation, solution, resolution : str, Period or int (workdays)
        Text 1 §8.1.1–8.1.3, all counted from the complaint's receipt (§8.3.1,
        ``received``): default 7, 15 and 30 working days.
    negotiation : str, Period or int (days)
        Text 1 §12.2.1 "争议发生后，双方应在30日内进行协商": default ``"30日"``.
    withdrawal_notice : str, Period or int (days)
        Text 1 §20.1 the third party's "提前30日通知" of its withdrawal: default ``"30日"``.
    dispute_resolution : str, Period or int (months)
        Text 2 §八.4 "自争议发生之日起计算，最长不超过六个月": default ``"六个月"``.
    calendar : CalendarSpec, region, mapping or WorkCalendar
        The contract's calendar (default ``"CN"``); see "The calendar" in the
        module notes.
    convention : Convention, preset name or mapping, optional
        Default: the Civil Code.

    Returns
    -------
    Contract
        Named ``"complaint_handling"``, ``"complaint_handling_1"`` or ``"complaint_handling_2"``.

    Raises
    ------
    ContractError
        An unknown variant, a blank of another text, or a required blank left unfilled.

    Examples
    --------
    >>> from slaclock import templates
    >>> c = templates.complaint_handling(variant=1)
    >>> [(k.name, k.ref, str(k.period)) for k in c.clauses[:3]]  # doctest: +NORMALIZE_WHITESPACE
    [('investigation', '8.1.1', '7 workdays'), ('solution', '8.1.2', '15 workdays'),
     ('resolution', '8.1.3', '30 workdays')]
    >>> templates.complaint_handling(variant=1, cure=15)
    Traceback (most recent call last):
      ...
    slaclock.errors.ContractError: complaint_handling: text 1 has no blank 'cure' (its blanks: investigation, ...
    """
    if variant not in (0, 1, 2) or isinstance(variant, bool):
        raise ContractError(
            f"complaint_handling: variant must be 0, 1 or 2 (the seed's three texts); got {brief(variant)}"
        )
    given = {
        "term": term,
        "cure": cure,
        "termination_notice": termination_notice,
        "termination_formalities": termination_formalities,
        "fee_payment": fee_payment,
        "handling_fee_payment": handling_fee_payment,
        "confidentiality": confidentiality,
        "investigation": investigation,
        "solution": solution,
        "resolution": resolution,
        "negotiation": negotiation,
        "withdrawal_notice": withdrawal_notice,
        "dispute_resolution": dispute_resolution,
    }
    own = _VARIANT_BLANKS[variant]
    for key, value in given.items():
        if value is not None and key not in own:
            texts = [str(v) for v, names in _VARIANT_BLANKS.items() if key in names]
            raise ContractError(
                f"complaint_handling: text {variant} has no blank {brief(key)} (its blanks: {', '.join(own)}); "
                f"{brief(key)} belongs to text {' and '.join(texts)}"
            )
    common: dict[str, Any] = {"calendar": calendar, "convention": convention}
    if variant == 0:
        return _complaint_handling_0(given, common)
    if variant == 1:
        return _complaint_handling_1(given, common)
    return _complaint_handling_2(given, common)


def _complaint_handling_0(given: Mapping[str, object], common: dict[str, Any]) -> Contract:
    name = "complaint_handling"
    blanks = (_V0_TERM, _V0_CURE, _V0_NOTICE, _V0_FORMALITIES, _V0_FEE, _V0_HANDLING_FEE, _V0_SECRECY)
    pairs = [(b, given[b.name]) for b in blanks]
    _require(name, pairs)
    p = {b.name: _period(name, b, v) for b, v in pairs}
    clauses = [
        Clause(
            "term",
            p["term"],
            kind="window",
            starts_on="effective",
            ref="5.1",
            description_zh="合同有效期，自合同生效之日起计算",
            description_en="The contract's term, from its effective date (signature, 6.1)",
        ),
        Clause(
            "cure",
            p["cure"],
            starts_on="breach_notified",
            met_by="breach_cured",
            ref="6.2.4",
            description_zh="一方违约，经另一方书面通知后在该期限内仍未纠正的，合同终止",
            description_en="A breach not corrected within the period after written notice ends the contract",
        ),
        Clause(
            "termination_notice",
            p["termination_notice"],
            kind="notice",
            starts_on="terminated",
            met_by="termination_notified",
            ref="6.3.1",
            description_zh="一方提出终止合同，应提前书面通知另一方",
            description_en="Written notice of termination, at least the period before the termination date",
        ),
        Clause(
            "termination_formalities",
            p["termination_formalities"],
            starts_on="termination_notice_received",
            met_by="termination_completed",
            ref="6.3.2",
            description_zh="接到终止通知后共同办理合同终止手续",
            description_en="Complete the termination formalities after receiving the notice",
        ),
        Clause(
            "fee_list",
            "每月的一个工作日前",
            kind="monthly",
            starts_on="effective",
            met_by="fee_list_submitted",
            ref="7.2.1",
            description_zh="乙方应在每月的一个工作日前向甲方提交上一个月的服务费用清单",
            description_en="Submit last month's fee list before the first workday of each month",
        ),
        Clause(
            "fee_payment",
            p["fee_payment"],
            starts_on="fee_list_received",
            met_by="fee_paid",
            ref="7.2.2",
            description_zh="甲方应在收到费用清单后按照费用清单进行支付",
            description_en="Pay the fee list after receiving it",
        ),
        Clause(
            "maintenance_fee",
            "每月的一个工作日前",
            kind="monthly",
            starts_on="effective",
            met_by="maintenance_fee_paid",
            ref="7.3.1",
            description_zh="客户关系维护服务费用，甲方应在每月的一个工作日前支付",
            description_en="Pay the relationship-maintenance fee before the first workday of each month",
        ),
        Clause(
            "handling_fee_payment",
            p["handling_fee_payment"],
            starts_on="report_received",
            met_by="handling_fee_paid",
            ref="7.3.2",
            description_zh="投诉处理费用，甲方应在收到投诉处理报告及费用清单后支付",
            description_en="Pay the complaint-handling fee after receiving the report and fee list",
        ),
        Clause(
            "confidentiality",
            p["confidentiality"],
            kind="window",
            starts_on="signed",
            ref="9.2",
            description_zh="保密期限自合同签订之日起计算",
            description_en="Confidentiality lasts for the period from signature",
        ),
    ]
    events = ["effective", "signed", "breach_notified", "terminated", "termination_notice_received"]
    events += ["fee_list_received", "report_received"]
    return Contract(
        name,
        clauses,
        events=events,
        title_zh="客户投诉处理与客户关系维护合同",
        title_en="Complaint handling and customer relationship maintenance contract",
        **common,
    )


def _complaint_handling_1(given: Mapping[str, object], common: dict[str, Any]) -> Contract:
    name = "complaint_handling_1"
    p: dict[str, str | Period] = {}
    for key, default in _V1_DEFAULTS.items():
        ref, unit = _V1_UNITS[key]
        value = given[key]
        p[key] = default if value is None else _period(name, _Blank(key, ref, default, default, unit), value)
    clauses = [
        Clause(
            "investigation",
            p["investigation"],
            starts_on="received",
            met_by="investigated",
            ref="8.1.1",
            description_zh="乙方应在接到投诉后对投诉进行调查（处理期限自收到投诉之日起计算，8.3.1）",
            description_en="Investigate the complaint, counted from its receipt (8.3.1)",
        ),
        Clause(
            "solution",
            p["solution"],
            starts_on="received",
            met_by="solution_notified",
            ref="8.1.2",
            description_zh="乙方应提出解决方案，并通知甲方",
            description_en="Propose a solution and notify the other party, counted from receipt",
        ),
        Clause(
            "resolution",
            p["resolution"],
            starts_on="received",
            met_by="resolved",
            ref="8.1.3",
            description_zh="乙方应完成投诉问题的解决",
            description_en="Resolve the complaint, counted from receipt",
        ),
        Clause(
            "negotiation",
            p["negotiation"],
            starts_on="dispute_arose",
            met_by="negotiated",
            ref="12.2.1",
            description_zh="争议发生后，双方应进行协商",
            description_en="Negotiate after a dispute arises",
        ),
        Clause(
            "third_party_withdrawal_notice",
            p["withdrawal_notice"],
            kind="notice",
            starts_on="third_party_withdrew",
            met_by="withdrawal_notified",
            ref="20.1",
            description_zh="第三方如因故退出，应提前通知甲乙双方，并说明原因",
            description_en="A third party withdrawing gives both parties notice in advance, with reasons",
        ),
    ]
    return Contract(
        name,
        clauses,
        events=["received", "dispute_arose", "third_party_withdrew"],
        title_zh="客户投诉处理与客户关系维护合同1",
        title_en="Complaint handling and customer relationship maintenance contract (text 1)",
        **common,
    )


def _complaint_handling_2(given: Mapping[str, object], common: dict[str, Any]) -> Contract:
    name = "complaint_handling_2"
    p: dict[str, str | Period] = {}
    for key, default in _V2_DEFAULTS.items():
        ref, unit = _V2_UNITS[key]
        value = given[key]
        p[key] = default if value is None else _period(name, _Blank(key, ref, default, default, unit), value)
    clauses = [
        Clause(
            "term",
            p["term"],
            kind="window",
            starts_on="effective",
            ref="一.3",
            description_zh="本合同自双方签字盖章之日起生效，有效期为三年",
            description_en="The contract's term, from signature",
        ),
        Clause(
            "dispute_resolution",
            p["dispute_resolution"],
            starts_on="dispute_arose",
            met_by="dispute_resolved",
            ref="八.4",
            description_zh="争议解决期限自争议发生之日起计算，最长不超过六个月",
            description_en="A dispute is to be resolved within the period from when it arose",
        ),
    ]
    return Contract(
        name,
        clauses,
        events=["effective", "dispute_arose"],
        title_zh="客户投诉处理与客户关系维护合同2",
        title_en="Complaint handling and customer relationship maintenance contract (text 2)",
        **common,
    )
