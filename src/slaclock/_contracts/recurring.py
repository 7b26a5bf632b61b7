"""Recurring clauses: a timer that runs many times in a case ("next reply within 4 working hours"), cycle by cycle.

Maintainer's notes
------------------
* **Cycles.** The case's events up to ``now`` are read in the order recorded
  (ties at one instant too). ``starts_on`` opens a cycle unless one is open (a
  second customer message does not restart the clock of the first); ``met_by``
  closes the open cycle, met if before its due, breached otherwise, and, for a
  ``periodic`` clause, opens the next one at the same instant; ``stops_on``
  closes the open cycle without an outcome (``"stopped"``), or as breached if its
  due had already passed (``overdue_by`` to the stop). A ``met_by`` or
  ``stops_on`` with no open cycle closes nothing.
* **Each cycle is a deadline**: :func:`.kinds._counted` from the cycle's start,
  under the case's target row, with the case's pauses (a pausable clause), met
  at the closing ``met_by``; a stopped cycle is counted up to the stop.
* **The clause's status** is its last cycle's, with every cycle in
  :attr:`~slaclock.ClauseStatus.cycles`; before the first cycle, ``not_started``.
  Its explanation starts with the cycle's number. It is provisional if any
  cycle's count read a projected day (the caller's ``reading()`` block sees them all).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Literal

from slaclock._base.instants import before
from slaclock._base.types import Lang
from slaclock._contracts.kinds import _PERIOD_UNIT, _counted
from slaclock._contracts.status import ClauseStatus

if TYPE_CHECKING:
    from pendulum import DateTime

    from slaclock._contracts.case import Case
    from slaclock._contracts.clause import Clause

__all__ = ["cycles_of"]

Closed = Literal["met", "stopped", "open"]


def cycles_of(case: Case, c: Clause, now: DateTime) -> list[tuple[DateTime, DateTime | None, Closed]]:
    """The clause's cycles in the case at ``now``: (start, the closing event's instant or None, how it closed)."""
    out: list[tuple[DateTime, DateTime | None, Closed]] = []
    open_at: DateTime | None = None
    for e in case.events:
        if before(now, e.at):
            break
        if e.kind != "record":
            continue
        if e.name == c.starts_on:
            if open_at is None:
                open_at = e.at
        elif e.name == c.met_by:
            if open_at is not None:
                out.append((open_at, e.at, "met"))
                open_at = e.at if c.periodic else None
        elif e.name == c.stops_on and open_at is not None:
            out.append((open_at, e.at, "stopped"))
            open_at = None
    if open_at is not None:
        out.append((open_at, None, "open"))
    return out


def _recurring_status(case: Case, c: Clause, now: DateTime, lang: Lang) -> ClauseStatus | str:
    """The recurring clause ``c`` at ``now``: its last cycle's status, with every cycle's."""
    conv = case.contract.convention
    limit = c.period_for(case.attributes)
    assert limit is not None
    found: list[ClauseStatus] = []
    for start, closed_at, how in cycles_of(case, c, now):
        if how == "met":
            row = _counted(case, c, conv, start, limit, None, closed_at, now, lang)
        elif how == "stopped":
            assert closed_at is not None
            row = _counted(case, c, conv, start, limit, None, None, closed_at, lang)
            if isinstance(row, ClauseStatus) and row.state != "breached":
                row = dataclasses.replace(row, state="stopped", warnings=(), risk=None)
        else:
            row = _counted(case, c, conv, start, limit, None, None, now, lang)
        if isinstance(row, str):
            return row
        found.append(row)
    if not found:
        unit = _PERIOD_UNIT[limit.unit]
        zero = _counted(case, c, conv, None, limit, None, None, now, lang)
        assert isinstance(zero, ClauseStatus)
        assert zero.unit == unit
        return zero
    last = found[-1]
    n = len(found)
    head = f"第{n}个周期" if lang == "zh" else f"cycle {n}"
    return dataclasses.replace(last, explanation=f"{head}\n{last.explanation}", cycles=tuple(found))
