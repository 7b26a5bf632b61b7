"""Invariants of a contract's timelines, as plain functions to call in your own tests and Hypothesis properties.

Each invariant takes a :class:`~slaclock.Case` (``chain_within``: a contract and one start instant) and returns
a list of :class:`Violation` — empty when it holds. A violation says which invariant, which clause, which start,
and why, in Chinese and in English. :func:`check_case` runs every invariant that applies to a case;
:func:`assert_case` raises :class:`~slaclock.VerificationError` (an ``AssertionError``, so a test fails as a test
fails) listing them all.

- ``due_after_start``: each started clause's due is after its start (notices: ``notice_before_event``);
- ``chain_within``: with each step at the last moment its own limit allows, no clause it feeds is breached;
- ``last_day_workday``: a last day the convention moved off rest days is a workday;
- ``cap_longer``: an extension's cap ends after the standard limit it extends, at this start;
- ``notice_before_event``: a notice is due no later than the event it announces;
- ``pause_not_earlier``: pausing a pausable clause never makes its due earlier;
- ``replay_deterministic``: the status twice, and from the stored case (``to_dict``/``from_dict``), is the same;
- ``evaluate_matches_case``: ``Contract.evaluate`` on the case as one row gives ``Case.status``'s answers.

``now`` (where taken) is the moment the statuses are read, default the case's last event (the first moment at
which every recorded event counts); it may not be earlier. Clause kinds an invariant does not apply to are
skipped; each function's docstring says which. On a ``horizon="projected"`` calendar the invariants check
the provisional answers as given, without a ``ProvisionalWarning`` each; on an official calendar a timeline
past its data raises :class:`~slaclock.CalendarHorizonError`, as a case does.

:meth:`Contract.verify <slaclock.Contract.verify>` checks the same invariants on every start instant of the
calendar at once (docs/verification.md); its report's types are here too: :class:`VerifyReport`,
:class:`InvariantResult`, :class:`Counterexample` (its steps, :class:`Step`), :class:`NotChecked`, and
:class:`Timelines`, what an invariant of your own written on columns receives.

``pip install slaclock`` is enough for the invariants; :mod:`slaclock.strategies` (``slaclock[hypothesis]``)
draws the cases to call them on.

>>> import slaclock as sc
>>> from slaclock import testing
>>> contract = sc.templates.service_quality_complaint(
...     ack="24小时", investigation="5个工作日", proposal="3个工作日", standard="10个工作日",
...     complex_max="30个工作日", escalation_start="2个工作日", escalation_handling="10个工作日",
...     progress_notice="5个工作日", solution_notice="2个工作日", confirmation="5个工作日")
>>> case = contract.open(received_at="2026-09-30T16:20").record("acknowledged", at="2026-10-01T09:30")
>>> testing.check_case(case)
[]
>>> testing.assert_case(case)            # nothing: every invariant holds
>>> late = contract.replace_clause("proposal", period="8个工作日")    # 5 + 8 workdays do not fit in 10
>>> for v in testing.chain_within(late, "2026-09-30T16:20"):   # doctest: +NORMALIZE_WHITESPACE
...     print(v.message("en"))
chain_within: clause 'standard_handling', start 2026-09-30 16:20: with each step taken at the last moment
its own limit allows (investigation 5 workdays: investigated 2026-10-13 23:59; proposal 8 workdays:
solution_proposed 2026-10-23 23:59), solution_proposed happens at 2026-10-23 23:59, not before its due
2026-10-20 24:00
"""

from __future__ import annotations

from slaclock._contracts.case_invariants import (
    assert_case,
    cap_longer,
    chain_within,
    check_case,
    due_after_start,
    evaluate_matches_case,
    last_day_workday,
    notice_before_event,
    pause_not_earlier,
    replay_deterministic,
)
from slaclock._contracts.invariants import INVARIANTS, Violation
from slaclock._contracts.verify_report import Counterexample, InvariantResult, NotChecked, Step, VerifyReport
from slaclock._contracts.verify_timelines import Timelines

__all__ = [
    "INVARIANTS",
    "Counterexample",
    "InvariantResult",
    "NotChecked",
    "Step",
    "Timelines",
    "VerifyReport",
    "Violation",
    "assert_case",
    "cap_longer",
    "chain_within",
    "check_case",
    "due_after_start",
    "evaluate_matches_case",
    "last_day_workday",
    "notice_before_event",
    "pause_not_earlier",
    "replay_deterministic",
]
