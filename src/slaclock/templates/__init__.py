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

from collections.abc import Callable, Mapping
from typing import Any, Final

from slaclock._base.show import brief
from slaclock._contracts.contract import Contract
from slaclock.errors import ContractError
from slaclock.templates._after_sales_termination import after_sales_termination
from slaclock.templates._appeasement import appeasement
from slaclock.templates._blanks import CalendarArg as CalendarArg
from slaclock.templates._blanks import ConventionArg as ConventionArg
from slaclock.templates._blanks import DateBlank as DateBlank
from slaclock.templates._blanks import PeriodBlank as PeriodBlank
from slaclock.templates._complaint_handling import complaint_handling
from slaclock.templates._customer_service_standards import customer_service_standards
from slaclock.templates._service_quality_complaint import service_quality_complaint

__all__ = [
    "TEMPLATES",
    "after_sales_termination",
    "appeasement",
    "complaint_handling",
    "customer_service_standards",
    "service_quality_complaint",
    "template",
]


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
            f"no seed contract {brief(seed)}; known: " + ", ".join(f"{k} ({f.__name__})" for k, f in TEMPLATES.items())
        )
    import inspect

    params = inspect.signature(func).parameters
    unknown = sorted(set(blanks) - set(params))
    if unknown:
        raise ContractError(f"{func.__name__} has no blank {brief(unknown[0])}; its parameters: {', '.join(params)}")
    return func(**blanks)
