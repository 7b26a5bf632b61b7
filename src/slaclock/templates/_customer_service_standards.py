"""客户服务准则 (seed 003): the service standards' answer and solution times, as clauses.

The template function :func:`~slaclock.templates.customer_service_standards`, its blanks and their defaults; the blank
machinery is :mod:`slaclock.templates._blanks`.
"""

from __future__ import annotations

from typing import Final

from slaclock._base.show import brief
from slaclock._contracts.contract import Clause, Contract
from slaclock._rules.windows import MonthlyRule
from slaclock.errors import ContractError
from slaclock.templates._blanks import (
    CalendarArg,
    ConventionArg,
    PeriodBlank,
    _Blank,
    _period,
)

__all__ = ["customer_service_standards"]

# -- 003 ------------------------------------------------------------------------------------------

_ENQUIRY: Final = _Blank("enquiry_answer", "一(1)", "甲方应在24小时内给予答复", "24小时", "小时")
_COMPLAINT: Final = _Blank("complaint_solution", "一(2)", "甲方应在48小时内给予解决方案", "48小时", "小时")
_FEE: Final = _Blank(
    "service_fee", "三.2", "每月初五个工作日内，乙方将当月服务费用支付至甲方账户", "每月初五个工作日内"
)


def customer_service_standards(
    *,
    enquiry_answer: PeriodBlank = "24小时",
    complaint_solution: PeriodBlank = "48小时",
    service_fee: str | MonthlyRule | int | None = "每月初五个工作日内",
    calendar: CalendarArg = "CN",
    convention: ConventionArg = None,
) -> Contract:
    """客户服务准则 (seed 003): answers in 24 hours, solutions in 48, the fee in the first five workdays.

    Every limit has the template's own number as its default (None also means
    the default). §一(3)'s monthly satisfaction survey ("每月一次", by each
    month's end) has no blank.

    Parameters
    ----------
    enquiry_answer : str, Period or int (hours)
        §一(1) "甲方应在24小时内给予答复": ``enquiry_received`` → ``answered``.
    complaint_solution : str, Period or int (hours)
        §一(2) "甲方应在48小时内给予解决方案": ``complaint_received`` → ``solution_given``.
    service_fee : str, MonthlyRule or int
        §三.2 "每月初五个工作日内": the monthly rule for ``fee_paid``; an int ``n``
        is "每月初n个工作日内".
    calendar : CalendarSpec, region, mapping or WorkCalendar
        The contract's calendar (default ``"CN"``); see "The calendar" in the
        module notes.
    convention : Convention, preset name or mapping, optional
        Default: the Civil Code.

    Returns
    -------
    Contract
        Named ``"customer_service_standards"``.

    Raises
    ------
    ContractError
        A blank of the wrong type.

    Examples
    --------
    >>> from slaclock import templates
    >>> c = templates.customer_service_standards()
    >>> [(k.name, k.ref, k.wording) for k in c.clauses]  # doctest: +NORMALIZE_WHITESPACE
    [('enquiry_answer', '一(1)', '24小时'), ('complaint_solution', '一(2)', '48小时'),
     ('satisfaction_survey', '一(3)', '每月一次'), ('service_fee', '三.2', '每月初五个工作日内')]
    >>> templates.customer_service_standards(enquiry_answer=12, service_fee=3).clause("service_fee").rule
    MonthlyRule(kind='within_first', n=3)
    """
    name = "customer_service_standards"
    answer = _period(name, _ENQUIRY, "24小时" if enquiry_answer is None else enquiry_answer)
    solution = _period(name, _COMPLAINT, "48小时" if complaint_solution is None else complaint_solution)
    fee: str | MonthlyRule
    if service_fee is None:
        fee = "每月初五个工作日内"
    elif isinstance(service_fee, int) and not isinstance(service_fee, bool):
        if service_fee <= 0:
            raise ContractError(f"{name}: service_fee must be a positive number of workdays; got {service_fee}")
        if service_fee > 23:
            raise ContractError(f"{name}: service_fee is at most 23 workdays (a month's); got {brief(service_fee)}")
        fee = f"每月初{service_fee}个工作日内"
    elif isinstance(service_fee, str | MonthlyRule):
        fee = service_fee
    else:
        raise ContractError(
            f"{name}: service_fee must be a monthly rule such as {_FEE.example!r} (text, a MonthlyRule or a "
            f"number of workdays); got {type(service_fee).__name__} {brief(service_fee)}"
        )
    clauses = [
        Clause(
            "enquiry_answer",
            answer,
            starts_on="enquiry_received",
            met_by="answered",
            ref="一(1)",
            description_zh="客户咨询回复：针对乙方客户提出的疑问和需求给予答复",
            description_en="Answer a customer's enquiry",
        ),
        Clause(
            "complaint_solution",
            solution,
            starts_on="complaint_received",
            met_by="solution_given",
            ref="一(2)",
            description_zh="客户投诉处理：对于乙方客户的投诉给予解决方案",
            description_en="Give a solution to a customer's complaint",
        ),
        Clause(
            "satisfaction_survey",
            kind="monthly",
            wording="每月一次",
            starts_on="effective",
            met_by="survey_done",
            ref="一(3)",
            description_zh="甲方每月对乙方客户进行一次满意度调查",
            description_en="Survey customer satisfaction once a month",
        ),
        Clause(
            "service_fee",
            fee,
            kind="monthly",
            starts_on="effective",
            met_by="fee_paid",
            ref="三.2",
            description_zh="乙方将当月服务费用支付至甲方账户",
            description_en="Pay the month's service fee early in each month",
        ),
    ]
    return Contract(
        name,
        clauses,
        events=["enquiry_received", "complaint_received", "effective"],
        title_zh="客户服务准则",
        title_en="Customer service standards",
        calendar=calendar,
        convention=convention,
    )
