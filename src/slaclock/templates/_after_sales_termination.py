"""售后客服终止协议书 (seed 004): the termination's audit, rectification and payment limits, as clauses.

The template function :func:`~slaclock.templates.after_sales_termination`, its blanks and their defaults; the blank
machinery is :mod:`slaclock.templates._blanks`.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from slaclock._contracts.contract import Clause, Contract
from slaclock.templates._blanks import (
    CalendarArg,
    ConventionArg,
    DateBlank,
    PeriodBlank,
    _Blank,
    _date,
    _period,
    _require,
)

__all__ = ["after_sales_termination"]

# -- 004 ------------------------------------------------------------------------------------------

_TERMINATION_DATE: Final = _Blank(
    "termination_date", "三 终止时间", "原售后客服服务合作关系自[具体终止日期]起正式终止", "2026-10-31"
)
_AUDIT: Final = _Blank(
    "audit", "三 费用结算 1", "甲方应在服务终止后[具体结算期限]内对乙方的工作进行全面审核和验收", "15个工作日"
)
_RECTIFICATION: Final = _Blank("rectification", "三 费用结算 2", "乙方应在接到通知后[具体整改期限]内进行整改", "7日")
_OUTSTANDING: Final = _Blank(
    "outstanding_fees", "二 甲方义务", "如有未支付款项，应在本协议签订后[具体支付期限]内支付完毕", "10个工作日"
)
_SECRECY_004: Final = _Blank("confidentiality", "四.2", "保密期限为自本协议生效之日起[具体保密期限]年", "2年", "年")
_OVERDUE: Final = _Blank(
    "overdue_termination", "五 甲方违约 1", "逾期超过[具体逾期天数]日的，乙方有权解除本协议", "30日", "日"
)


def after_sales_termination(
    *,
    termination_date: DateBlank = None,
    audit: PeriodBlank = None,
    rectification: PeriodBlank = None,
    confidentiality: PeriodBlank = None,
    overdue_termination: PeriodBlank = None,
    outstanding_fees: PeriodBlank = None,
    calendar: CalendarArg = "CN",
    convention: ConventionArg = None,
) -> Contract:
    """售后客服终止协议书 (seed 004): ending an after-sales service, its handover, audit and payments.

    The agreement takes effect on signature (§三, §七.2: event ``signed``). The
    cooperation ends on ``termination_date``; the service and the handover run
    from signature to the day before it ("至服务终止日期前"). Blanks without a
    unit in the template (audit, rectification, outstanding fees) need words or
    a ``Period``.

    Parameters
    ----------
    termination_date : date or "YYYY-MM-DD"
        §三 终止时间 "自[具体终止日期]起正式终止" (required).
    audit : str or Period
        §三 费用结算 1 (required): audit and acceptance after the termination date,
        ``audit_completed``.
    rectification : str or Period
        §三 费用结算 2 (required): ``rectification_notified`` → ``rectified``.
    confidentiality : str, Period or int (years)
        §四.2 "[具体保密期限]年" (required): window from ``signed``.
    overdue_termination : str, Period or int (days)
        §五 甲方违约 1 (required): fees unpaid more than this after they fall due
        (``payment_due`` → ``overdue_fees_paid``) give the provider a right to terminate.
    outstanding_fees : str or Period, optional
        §二 甲方义务 "如有未支付款项，应在本协议签订后[具体支付期限]内支付完毕":
        optional (only if fees are outstanding); ``signed`` → ``outstanding_fees_paid``.
    calendar : CalendarSpec, region, mapping or WorkCalendar
        The contract's calendar (default ``"CN"``); see "The calendar" in the
        module notes.
    convention : Convention, preset name or mapping, optional
        Default: the Civil Code.

    Returns
    -------
    Contract
        Named ``"after_sales_termination"``.

    Raises
    ------
    ContractError
        A required blank left unfilled (all named at once); a bare number for a
        blank without a unit; a bad date.

    Examples
    --------
    >>> from slaclock import templates
    >>> c = templates.after_sales_termination(
    ...     termination_date="2026-10-31", audit="15个工作日", rectification="7日",
    ...     confidentiality=2, overdue_termination=30,
    ... )
    >>> c.clause("handover").ends_on, c.clause("audit").starts_on
    ('2026-10-30', '2026-10-31')
    """
    name = "after_sales_termination"
    pairs: list[tuple[_Blank, object]] = [
        (_TERMINATION_DATE, termination_date),
        (_AUDIT, audit),
        (_RECTIFICATION, rectification),
        (_SECRECY_004, confidentiality),
        (_OVERDUE, overdue_termination),
    ]
    _require(name, pairs)
    end = _date(name, _TERMINATION_DATE, termination_date)
    last_day = end - dt.timedelta(days=1)
    clauses = [
        Clause(
            "service_until_termination",
            kind="window",
            starts_on="signed",
            ends_on=last_day,
            wording=f"原售后客服服务合作关系自{end.isoformat()}起正式终止",
            ref="三 终止时间",
            description_zh="原售后客服服务合作关系自终止日期起正式终止",
            description_en="The original cooperation continues until the day before the termination date",
        ),
        Clause(
            "handover",
            kind="window",
            starts_on="signed",
            ends_on=last_day,
            met_by="handover_completed",
            wording=f"本协议生效后至{end.isoformat()}前",
            ref="三 工作交接 1",
            description_zh="乙方应在本协议生效后至服务终止日期前逐步完成工作交接",
            description_en="Complete the handover between the agreement's effect and the termination date",
        ),
        Clause(
            "audit",
            _period(name, _AUDIT, audit),
            starts_on=end,
            met_by="audit_completed",
            ref="三 费用结算 1",
            description_zh="甲方应在服务终止后对乙方在服务期间的工作进行全面审核和验收",
            description_en="Audit and accept the provider's work after the termination date",
        ),
        Clause(
            "rectification",
            _period(name, _RECTIFICATION, rectification),
            starts_on="rectification_notified",
            met_by="rectified",
            ref="三 费用结算 2",
            description_zh="乙方应在接到整改通知后进行整改",
            description_en="Rectify problems after the audit notice",
        ),
        Clause(
            "confidentiality",
            _period(name, _SECRECY_004, confidentiality),
            kind="window",
            starts_on="signed",
            ref="四.2",
            description_zh="保密期限自本协议生效之日起计算",
            description_en="Confidentiality lasts for the period from the agreement's effect",
        ),
        Clause(
            "overdue_termination",
            _period(name, _OVERDUE, overdue_termination),
            kind="threshold",
            starts_on="payment_due",
            met_by="overdue_fees_paid",
            ref="五 甲方违约 1",
            description_zh="甲方逾期支付服务费用超过该期限的，乙方有权解除本协议",
            description_en="Fees unpaid longer than this after they fall due give the provider a right to terminate",
        ),
    ]
    if outstanding_fees is not None:
        clauses.insert(
            0,
            Clause(
                "outstanding_fees",
                _period(name, _OUTSTANDING, outstanding_fees),
                starts_on="signed",
                met_by="outstanding_fees_paid",
                ref="二 甲方义务",
                description_zh="如有未支付款项，应在本协议签订后支付完毕",
                description_en="Pay any outstanding fees after signature",
            ),
        )
    return Contract(
        name,
        clauses,
        events=["signed", "rectification_notified", "payment_due"],
        title_zh="售后客服终止协议书",
        title_en="After-sales customer-service termination agreement",
        calendar=calendar,
        convention=convention,
    )
