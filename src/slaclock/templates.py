"""The five seed contracts as templates: one function per contract, its blanks as keyword parameters.

Each function returns a :class:`~slaclock.Contract` whose clauses are the
contract's time limits, with the clause references (``ref``), the contract's
words (``description_zh``) and an English gloss (``description_en``).

========  ========================================  =======================================================
seed      function                                  contract
========  ========================================  =======================================================
``000``   :func:`appeasement`                       客户投诉安抚服务协议 (complaint appeasement agreement)
``001``   :func:`service_quality_complaint`         服务质量投诉处理协议 (service-quality complaint handling)
``002``   :func:`complaint_handling`                客户投诉处理与客户关系维护合同, texts 0, 1 and 2
``003``   :func:`customer_service_standards`        客户服务准则 (customer service standards)
``004``   :func:`after_sales_termination`           售后客服终止协议书 (after-sales service termination)
========  ========================================  =======================================================

:data:`TEMPLATES` maps each seed id to its function, and :func:`template` looks
one up by id or name: ``template("001", ack="24小时", ...)``.

How blanks are filled
---------------------
* A period blank takes the contract's words (``"5个工作日"``, ``"24小时"``), a
  :class:`~slaclock.Period`, or a bare positive ``int`` in the unit the
  contract writes next to the blank (``investigation=5`` is ``"5个工作日"``
  in seed 001). A blank the contract leaves without a unit
  (seed 004's "[具体结算期限]") needs words or a ``Period``.
* A date blank takes a ``datetime.date`` or ``"YYYY-MM-DD"``.
* ``None`` (the default) means the contract's own number where it states one
  (seed 002's 7/15/30 working days, seed 003's 24 and 48 hours) and is an
  error where the contract leaves a blank: :class:`~slaclock.errors.ContractError`
  naming every unfilled blank, its clause, the contract's words and an example.
  A few blanks are optional because the contract itself makes them so (seed
  000's alternative compensations, seed 004's "如有未支付款项"); each function's
  docstring says which.
* The parties may write any period in a blank (art. 204): a blank is not
  checked against the unit the contract suggests.

The calendar
------------
Every template takes ``calendar=`` (default ``"CN"``) and ``convention=``. The
contract keeps its calendar as a :class:`~slaclock.CalendarSpec`, so the
template's result is a value, compared and written to files by value:

* a spec, a region name (``"HK"``) or a table of spec arguments
  (``{"region": "CN", "horizon": "projected", "arrangements": ["cn-2027.toml"]}``)
  is the contract's spec;
* a built :class:`~slaclock.WorkCalendar` (``sc.calendar("CN",
  horizon="projected")``, ``sc.calendar("CN", arrangements="cn-2027.toml")``) is
  kept as the spec that builds it (:meth:`CalendarSpec.from_calendar
  <slaclock.CalendarSpec.from_calendar>`): years loaded from arrangement files
  are written into the contract as data. A calendar no spec can describe (a
  :func:`~slaclock.custom_calendar`, hours that differ by weekday) is refused:
  give it where it is used instead, ``contract.open(..., calendar=cal)`` or
  ``contract.evaluate(..., calendar=cal)``, which win over the contract's own.

Not modelled
------------
These items of the seeds are not time limits and are not clauses:

* 000 §2.2 upgrade and §2.3 fee reduction (no time limit); §3.1 / §10.4 effect
  on signature; §4.2.3 "在约定的时间内接受或使用安抚服务" (refers back to the
  limits of §2, which are modelled).
* 001 §3.2(6) internal approval above an amount in yuan; §3.4(1) the right to
  escalate (modelled as the ``escalation`` event of ``standard_handling``).
* 002 §8.1 / §8.2 liquidated damages in per cent (see :mod:`slaclock.penalties`);
  §6.1 / §13.1 effect on signature; text 2 §十一.3 notices take effect on
  delivery (送达), a rule for when an event happens rather than a limit.
* 003 §三.1 the monthly fee in yuan; 附件二.1 "failing to answer or handle
  complaints in the stated time is a breach" (what a missed clause means).
* 004 §五 甲方违约 1 the late-payment rate per day (see
  :mod:`slaclock.penalties`), and the fixed penalties in yuan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeAlias

from slaclock._contracts.contract import CalendarLike, Clause, Contract, Extension
from slaclock._periods.convention import Convention
from slaclock._periods.period import Period
from slaclock._rules.windows import MonthlyRule
from slaclock.errors import ContractError

__all__ = [
    "TEMPLATES",
    "after_sales_termination",
    "appeasement",
    "complaint_handling",
    "customer_service_standards",
    "service_quality_complaint",
    "template",
]

PeriodBlank: TypeAlias = str | Period | int | None
"""A period blank: the contract's words, a ``Period``, or a count in the unit the contract writes."""

DateBlank: TypeAlias = dt.date | str | None
"""A date blank: a ``date`` or ``"YYYY-MM-DD"``."""

CalendarArg: TypeAlias = CalendarLike
ConventionArg: TypeAlias = Convention | str | Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class _Blank:
    """One blank of a template: where it is, what the contract says around it, and an example."""

    name: str
    ref: str
    words: str
    example: str
    unit: str = ""
    """The unit the contract writes after the blank ("个工作日"), for a bare int; "" for none."""

    def describe(self) -> str:
        return f"{self.name} (§{self.ref} “{self.words}”; e.g. {self.name}={self.example!r})"


def _require(template: str, pairs: list[tuple[_Blank, object]]) -> None:
    """Raise one error naming every required blank left as None."""
    missing = [b for b, value in pairs if value is None]
    if not missing:
        return
    if len(missing) == 1:
        head = f"{template}: a blank is not filled: "
    else:
        head = f"{template}: {len(missing)} blanks are not filled: "
    raise ContractError(head + "; ".join(b.describe() for b in missing))


def _period(template: str, blank: _Blank, value: object) -> str | Period:
    """The blank's value as a clause period: words and Periods as given, an int in the contract's unit."""
    if isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if not blank.unit:
            raise ContractError(
                f"{template}: {blank.name}={value!r}: the contract gives no unit for this blank "
                f"(§{blank.ref} “{blank.words}”); write the period, e.g. {blank.name}={blank.example!r}"
            )
        if value <= 0:
            raise ContractError(f"{template}: {blank.name} must be a positive number of {blank.unit}; got {value}")
        return f"{value}{blank.unit}"
    elif isinstance(value, str | Period):
        return value
    raise ContractError(
        f"{template}: {blank.name} must be a period such as {blank.example!r} (text, a Period or a number of "
        f"{blank.unit or 'units'}); got {type(value).__name__} {value!r}"
    )


def _date(template: str, blank: _Blank, value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ContractError(f"{template}: {blank.name} is a date, not a date and time; got {value!r}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ContractError(
        f"{template}: {blank.name} must be a date (datetime.date or 'YYYY-MM-DD') such as {blank.example!r}; "
        f"got {value!r}"
    )


def _words(value: str | Period) -> str:
    """A period as words for a free-text wording."""
    return value if isinstance(value, str) else value.zh


# -- 000 ------------------------------------------------------------------------------------------

_VOUCHER_FROM: Final = _Blank("voucher_from", "2.1", "代金券，有效期为____年____月____日至…", "2026-10-01")
_VOUCHER_UNTIL: Final = _Blank("voucher_until", "2.1", "代金券，有效期为…至____年____月____日", "2026-12-31")
_WARRANTY: Final = _Blank("warranty_extension", "2.4", "延长乙方产品保修期限____个月", "6个月", "个月")
_WARRANTY_FROM: Final = _Blank("warranty_from", "2.4", "原保修期届满之日（延长保修的起算日）", "2026-12-31")
_WARRANTY_UNTIL: Final = _Blank("warranty_until", "2.4", "使其保修期截止至____年____月____日", "2027-06-30")
_PRIORITY: Final = _Blank("priority_service", "2.5, 3.2", "未来____个月内的优先服务支持", "3个月", "个月")


def appeasement(
    *,
    voucher_from: DateBlank = None,
    voucher_until: DateBlank = None,
    warranty_extension: PeriodBlank = None,
    warranty_from: DateBlank = None,
    warranty_until: DateBlank = None,
    priority_service: PeriodBlank = None,
    calendar: CalendarArg = "CN",
    convention: ConventionArg = None,
) -> Contract:
    """客户投诉安抚服务协议 (seed 000): the compensation offered to settle a complaint.

    §2.1–2.5 are alternatives ("或"; "请根据实际情况选择"): fill the blanks of
    the compensations agreed. Those with a time limit are clauses; at least one
    must be filled.

    Parameters
    ----------
    voucher_from, voucher_until : date or "YYYY-MM-DD", optional
        §2.1 a voucher "有效期为____年____月____日至____年____月____日": the
        ``voucher`` window, both days included; give both or neither.
    warranty_extension : str, Period or int (months), optional
        §2.4 "延长乙方产品保修期限____个月": the ``warranty_extension`` window,
        counted from the original warranty's end.
    warranty_from : date, optional
        §2.4 when the original warranty ends (the template names no date);
        without it the window starts on the case event ``original_warranty_ended``.
    warranty_until : date, optional
        §2.4 "使其保修期截止至____年____月____日": when given, this date ends the
        window (the contract's explicit date prevails; the months stay in its wording).
    priority_service : str, Period or int (months), optional
        §2.5 / §3.2 "未来____个月内的优先服务支持": the ``priority_service``
        window from the agreement's effect (on signature, §3.1), event ``effective``.
    calendar : CalendarSpec, region, mapping or WorkCalendar
        The contract's calendar (default ``"CN"``); see "The calendar" in the
        module notes.
    convention : Convention, preset name or mapping, optional
        Default: the Civil Code.

    Returns
    -------
    Contract
        Named ``"appeasement"``.

    Raises
    ------
    ContractError
        No compensation filled; one voucher date without the other; ``warranty_from``
        without the extension; a blank of the wrong type.

    Examples
    --------
    >>> from slaclock import templates
    >>> c = templates.appeasement(voucher_from="2026-10-01", voucher_until="2026-12-31", priority_service=3)
    >>> [(k.name, k.ref, k.kind) for k in c.clauses]
    [('voucher', '2.1', 'window'), ('priority_service', '2.5, 3.2', 'window')]
    >>> c.clause("priority_service").period
    Period(3, 'month')
    """
    name = "appeasement"
    clauses: list[Clause] = []
    events: list[str] = []
    if (voucher_from is None) != (voucher_until is None):
        _require(name, [(_VOUCHER_FROM, voucher_from), (_VOUCHER_UNTIL, voucher_until)])
    if voucher_from is not None and voucher_until is not None:
        start = _date(name, _VOUCHER_FROM, voucher_from)
        end = _date(name, _VOUCHER_UNTIL, voucher_until)
        clauses.append(
            Clause(
                "voucher",
                kind="window",
                starts_on=start,
                ends_on=end,
                met_by="voucher_used",
                wording=f"代金券有效期为{start.isoformat()}至{end.isoformat()}",
                ref="2.1",
                description_zh="代金券有效期，可用于购买甲方指定产品/服务",
                description_en="The voucher is valid from the first date to the last, both included",
            )
        )
    if warranty_from is not None and warranty_extension is None and warranty_until is None:
        raise ContractError(
            f"{name}: warranty_from is given without warranty_extension or warranty_until "
            f"(§2.4 “延长乙方产品保修期限____个月，使其保修期截止至____年____月____日”)"
        )
    if warranty_extension is not None or warranty_until is not None:
        start_w: str | dt.date = "original_warranty_ended"
        if warranty_from is not None:
            start_w = _date(name, _WARRANTY_FROM, warranty_from)
        else:
            events.append("original_warranty_ended")
        common: dict[str, Any] = {
            "kind": "window",
            "starts_on": start_w,
            "ref": "2.4",
            "description_zh": "延长产品保修期限",
            "description_en": "The product warranty is extended from the end of the original warranty",
        }
        if warranty_until is not None:
            until = _date(name, _WARRANTY_UNTIL, warranty_until)
            words = f"保修期截止至{until.isoformat()}"
            if warranty_extension is not None:
                ext = _period(name, _WARRANTY, warranty_extension)
                words = f"延长保修期限{_words(ext)}，{words}"
            clauses.append(Clause("warranty_extension", ends_on=until, wording=words, **common))
        else:
            clauses.append(Clause("warranty_extension", _period(name, _WARRANTY, warranty_extension), **common))
    if priority_service is not None:
        events.append("effective")
        clauses.append(
            Clause(
                "priority_service",
                _period(name, _PRIORITY, priority_service),
                kind="window",
                starts_on="effective",
                ref="2.5, 3.2",
                description_zh="专属客服提供优先服务支持（自协议生效起）",
                description_en="A dedicated agent gives priority support for the period after the agreement's effect",
            )
        )
    if not clauses:
        raise ContractError(
            f"{name}: fill at least one compensation with a time limit (§2.1–2.5 are alternatives): "
            + "; ".join(b.describe() for b in (_VOUCHER_FROM, _VOUCHER_UNTIL, _WARRANTY, _PRIORITY))
            + " (§2.2 upgrade and §2.3 fee reduction have no time limit)"
        )
    return Contract(
        name,
        clauses,
        events=events,
        title_zh="客户投诉安抚服务协议",
        title_en="Complaint appeasement agreement",
        calendar=calendar,
        convention=convention,
    )


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
        raise ContractError(f"complaint_handling: variant must be 0, 1 or 2 (the seed's three texts); got {variant!r}")
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
                f"complaint_handling: text {variant} has no blank {key!r} (its blanks: {', '.join(own)}); "
                f"{key!r} belongs to text {' and '.join(texts)}"
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
        fee = f"每月初{service_fee}个工作日内"
    elif isinstance(service_fee, str | MonthlyRule):
        fee = service_fee
    else:
        raise ContractError(
            f"{name}: service_fee must be a monthly rule such as {_FEE.example!r} (text, a MonthlyRule or a "
            f"number of workdays); got {type(service_fee).__name__} {service_fee!r}"
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


# -- registry -------------------------------------------------------------------------------------

TEMPLATES: Final[Mapping[str, Callable[..., Contract]]] = {
    "000": appeasement,
    "001": service_quality_complaint,
    "002": complaint_handling,
    "003": customer_service_standards,
    "004": after_sales_termination,
}
"""Each seed contract's id ("001") → its template function."""


def template(seed: str, /, **blanks: Any) -> Contract:
    """A seed contract by its id ("001") or its function's name, with its blanks filled.

    Parameters
    ----------
    seed : str
        ``"000"`` … ``"004"``, or ``"appeasement"``, ``"service_quality_complaint"``, …
    **blanks
        The template function's keyword arguments, ``calendar=`` and
        ``convention=`` too.

    Returns
    -------
    Contract

    Raises
    ------
    ContractError
        An unknown seed; an unknown blank (with the valid ones); any error of the template.

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock import templates
    >>> templates.template("003").name
    'customer_service_standards'
    >>> templates.template("002", variant=2).clause("term").period
    Period(3, 'year')
    >>> templates.template("003", calendar=sc.calendar("CN", horizon="projected")).calendar_spec
    CalendarSpec('CN', horizon='projected')
    """
    by_name = {f.__name__: f for f in TEMPLATES.values()}
    func = TEMPLATES.get(seed) if isinstance(seed, str) else None
    if func is None and isinstance(seed, str):
        func = by_name.get(seed)
    if func is None:
        raise ContractError(
            f"no seed contract {seed!r}; known: " + ", ".join(f"{k} ({f.__name__})" for k, f in TEMPLATES.items())
        )
    import inspect

    params = inspect.signature(func).parameters
    unknown = sorted(set(blanks) - set(params))
    if unknown:
        raise ContractError(f"{func.__name__} has no blank {unknown[0]!r}; its parameters: {', '.join(params)}")
    return func(**blanks)
