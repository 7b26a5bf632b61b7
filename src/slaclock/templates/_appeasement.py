"""客户投诉安抚服务协议 (seed 000): the compensations offered to settle a complaint, as clauses.

The template function :func:`~slaclock.templates.appeasement`, its blanks and their defaults; the blank
machinery is :mod:`slaclock.templates._blanks`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from slaclock._contracts.contract import Clause, Contract
from slaclock.errors import ContractError
from slaclock.templates._blanks import (
    CalendarArg,
    ConventionArg,
    DateBlank,
    PeriodBlank,
    _Blank,
    _date,
    _period,
    _require,
    _words,
)

__all__ = ["appeasement"]

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
