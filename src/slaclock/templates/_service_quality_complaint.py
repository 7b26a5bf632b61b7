"""服务质量投诉处理协议 (seed 001): the steps of handling a service-quality complaint, as clauses.

The template function :func:`~slaclock.templates.service_quality_complaint`, its blanks and their defaults; the blank
machinery is :mod:`slaclock.templates._blanks`.
"""

from __future__ import annotations

from typing import Final

from slaclock._contracts.contract import Clause, Contract, Extension
from slaclock.templates._blanks import (
    CalendarArg,
    ConventionArg,
    PeriodBlank,
    _Blank,
    _period,
    _require,
)

__all__ = ["service_quality_complaint"]

# -- 001 ------------------------------------------------------------------------------------------

_ACK: Final = _Blank("ack", "2.3", "甲方应在收到投诉后____小时内发出确认通知（受理确认时限）", "24小时", "小时")
_INVESTIGATION: Final = _Blank(
    "investigation", "3.2(3)", "负责部门应在____个工作日内完成对投诉的初步调查（初步调查时限）", "5个工作日", "个工作日"
)
_PROPOSAL: Final = _Blank(
    "proposal",
    "3.2(5)",
    "负责部门应在____个工作日内提出解决方案或补偿措施建议（方案制定时限）",
    "3个工作日",
    "个工作日",
)
_STANDARD: Final = _Blank(
    "standard", "3.3(1)", "从甲方受理确认起，应在____个工作日内提出解决方案（标准处理时限）", "10个工作日", "个工作日"
)
_COMPLEX: Final = _Blank(
    "complex_max", "3.3(2)", "复杂投诉……但最长不得超过____个工作日（复杂处理最长时限）", "30个工作日", "个工作日"
)
_ESC_START: Final = _Blank(
    "escalation_start",
    "3.4(3)",
    "升级部门应在收到升级请求后____个工作日内介入处理（升级处理启动时限）",
    "2个工作日",
    "个工作日",
)
_ESC_HANDLING: Final = _Blank(
    "escalation_handling",
    "3.4(3)",
    "并在____个工作日内给出最终处理意见或解决方案（升级处理时限）",
    "10个工作日",
    "个工作日",
)
_PROGRESS: Final = _Blank(
    "progress_notice",
    "4.1",
    "如遇非客户原因导致的重大延迟（超过____个工作日），甲方应及时通知乙方",
    "5个工作日",
    "个工作日",
)
_SOLUTION_NOTICE: Final = _Blank(
    "solution_notice",
    "4.2",
    "甲方在确定解决方案后，应在____个工作日内告知乙方（方案通知时限）",
    "2个工作日",
    "个工作日",
)
_CONFIRMATION: Final = _Blank(
    "confirmation", "4.3", "应给予乙方____个工作日进行反馈（客户确认时限）", "5个工作日", "个工作日"
)


def service_quality_complaint(
    *,
    ack: PeriodBlank = None,
    investigation: PeriodBlank = None,
    proposal: PeriodBlank = None,
    standard: PeriodBlank = None,
    complex_max: PeriodBlank = None,
    escalation_start: PeriodBlank = None,
    escalation_handling: PeriodBlank = None,
    progress_notice: PeriodBlank = None,
    solution_notice: PeriodBlank = None,
    confirmation: PeriodBlank = None,
    calendar: CalendarArg = "CN",
    convention: ConventionArg = None,
) -> Contract:
    """服务质量投诉处理协议 (seed 001): acknowledgement, investigation, proposal, escalation, notices.

    The template states no numbers: every blank is required. The chain is
    received → acknowledged → investigated → solution_proposed; the standard
    limit counts from the acknowledgement and may be extended once for a
    complex complaint (notice before it expires, ``complex_notified``) up to
    ``complex_max`` in all; missing it lets the customer escalate (``escalated``,
    §3.4(1)). The investigation may take longer after advance notice
    (``investigation_extension_notified``, no cap). The working-day limits from
    investigation to escalation handling stop while the customer is asked for
    information (``pausable``, §4.1).

    Parameters
    ----------
    ack : str, Period or int (hours)
        §2.3 受理确认时限 "收到投诉后____小时内": clause ``acknowledgement``, received → acknowledged.
    investigation : str, Period or int (workdays)
        §3.2(3) 初步调查时限: clause ``investigation``, acknowledged → investigated.
    proposal : str, Period or int (workdays)
        §3.2(5) 方案制定时限: clause ``proposal``, investigated → solution_proposed.
    standard : str, Period or int (workdays)
        §3.3(1) 标准处理时限: clause ``standard_handling``, acknowledged → solution_proposed.
    complex_max : str, Period or int (workdays)
        §3.3(2) 复杂处理最长时限, the extension cap of ``standard_handling``; longer than ``standard``.
    escalation_start : str, Period or int (workdays)
        §3.4(3) 升级处理启动时限: clause ``escalation_start``, escalated → escalation_started.
    escalation_handling : str, Period or int (workdays)
        §3.4(3) 升级处理时限: clause ``escalation_handling``, escalated → final_opinion_given.
    progress_notice : str, Period or int (workdays)
        §4.1 a delay not caused by the customer longer than this must be notified:
        clause ``progress_notice``, delay_began → progress_notified.
    solution_notice : str, Period or int (workdays)
        §4.2 方案通知时限: clause ``solution_notice``, solution_decided → solution_notified.
    confirmation : str, Period or int (workdays)
        §4.3 客户确认时限: clause ``customer_confirmation``, solution_notified → customer_responded.
    calendar : CalendarSpec, region, mapping or WorkCalendar
        The contract's calendar (default ``"CN"``); see "The calendar" in the
        module notes.
    convention : Convention, preset name or mapping, optional
        Default: the Civil Code.

    Returns
    -------
    Contract
        Named ``"service_quality_complaint"``.

    Raises
    ------
    ContractError
        A blank left unfilled (all are named at once), or a cap not longer than ``standard``.

    Examples
    --------
    >>> from slaclock import templates
    >>> c = templates.service_quality_complaint(
    ...     ack="24小时", investigation="5个工作日", proposal=3, standard=10, complex_max=30,
    ...     escalation_start=2, escalation_handling=10, progress_notice=5, solution_notice=2, confirmation=5,
    ... )
    >>> c.clause("standard_handling").period, c.clause("standard_handling").extension
    (Period(10, 'workday'), Extension('30个工作日', event='complex_notified'))
    >>> templates.service_quality_complaint(ack="24小时")
    Traceback (most recent call last):
      ...
    slaclock.errors.ContractError: service_quality_complaint: 9 blanks are not filled: investigation (§3.2(3) ...
    """
    name = "service_quality_complaint"
    pairs: list[tuple[_Blank, object]] = [
        (_ACK, ack),
        (_INVESTIGATION, investigation),
        (_PROPOSAL, proposal),
        (_STANDARD, standard),
        (_COMPLEX, complex_max),
        (_ESC_START, escalation_start),
        (_ESC_HANDLING, escalation_handling),
        (_PROGRESS, progress_notice),
        (_SOLUTION_NOTICE, solution_notice),
        (_CONFIRMATION, confirmation),
    ]
    _require(name, pairs)
    p = {b.name: _period(name, b, v) for b, v in pairs}
    clauses = [
        Clause(
            "acknowledgement",
            p["ack"],
            starts_on="received",
            met_by="acknowledged",
            ref="2.3",
            description_zh="受理确认时限：甲方应在收到投诉后向乙方发出确认通知",
            description_en="Acknowledge the complaint, by e-mail or telephone, after receiving it",
        ),
        Clause(
            "investigation",
            p["investigation"],
            starts_on="acknowledged",
            met_by="investigated",
            pausable=True,
            # "如需更长时间，应提前通知乙方并说明原因": an extension after notice, with no cap
            extension=Extension(event="investigation_extension_notified"),
            ref="3.2(3)",
            description_zh="初步调查时限；如需更长时间，应提前通知乙方并说明原因",
            description_en="Finish the initial investigation; longer only after advance notice with reasons",
        ),
        Clause(
            "proposal",
            p["proposal"],
            starts_on="investigated",
            met_by="solution_proposed",
            pausable=True,
            ref="3.2(5)",
            description_zh="方案制定时限：提出解决方案或补偿措施建议",
            description_en="Propose a solution or compensation after the investigation",
        ),
        Clause(
            "standard_handling",
            p["standard"],
            starts_on="acknowledged",
            met_by="solution_proposed",
            pausable=True,
            extension=Extension(p["complex_max"], event="complex_notified"),
            escalation="escalated",
            ref="3.3(1), 3.3(2)",
            description_zh="标准处理时限；复杂投诉应在届满前通知乙方，但不得超过复杂处理最长时限",
            description_en="Propose a solution from the acknowledgement; a complex complaint may take longer "
            "after notice before the limit expires, up to the cap in all",
        ),
        Clause(
            "escalation_start",
            p["escalation_start"],
            starts_on="escalated",
            met_by="escalation_started",
            ref="3.4(3)",
            description_zh="升级处理启动时限：升级部门介入处理",
            description_en="The escalation department takes the complaint up",
        ),
        Clause(
            "escalation_handling",
            p["escalation_handling"],
            starts_on="escalated",
            met_by="final_opinion_given",
            pausable=True,
            ref="3.4(3)",
            description_zh="升级处理时限：给出最终处理意见或解决方案",
            description_en="The escalation department gives its final opinion or solution",
        ),
        Clause(
            "progress_notice",
            p["progress_notice"],
            starts_on="delay_began",
            met_by="progress_notified",
            ref="4.1",
            description_zh="进展通知：非客户原因导致的重大延迟超过该时限时，应及时通知乙方",
            description_en="Notify progress once a delay not caused by the customer exceeds the limit",
        ),
        Clause(
            "solution_notice",
            p["solution_notice"],
            starts_on="solution_decided",
            met_by="solution_notified",
            ref="4.2",
            description_zh="方案通知时限：确定解决方案后详细告知乙方",
            description_en="Tell the customer the solution, with reasons, after deciding it",
        ),
        Clause(
            "customer_confirmation",
            p["confirmation"],
            starts_on="solution_notified",
            met_by="customer_responded",
            ref="4.3",
            description_zh="客户确认时限：乙方对解决方案进行反馈",
            description_en="The customer responds to the solution",
        ),
    ]
    return Contract(
        name,
        clauses,
        # solution_decided follows the internal approval of 3.2(6) (an amount threshold, not a time limit)
        events=["received", "escalated", "delay_began", "solution_decided"],
        title_zh="服务质量投诉处理协议",
        title_en="Service-quality complaint handling agreement",
        calendar=calendar,
        convention=convention,
    )
