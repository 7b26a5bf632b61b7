"""A recurring clause on columns: the cycles of many cases at once, from their events' occurrences.

The rule is :mod:`.recurring`'s (a start opens a cycle unless one is open, the
next ``met_by`` closes it and, for a periodic clause, opens the next, a stop
closes it without an outcome), written as array passes over the occurrences
sorted by case and instant, so a table of millions of events takes a few sorts
and scans, never a loop per case.

Maintainer's notes
------------------
* **Order at one instant.** Occurrences of one case at the same instant are
  taken start, then ``met_by``, then stop (whichever table they came from): a
  reply at the instant of the message meets it. A :class:`~slaclock.Case` takes
  them in the order recorded; record them in that order to get the same answer.
* **State after each occurrence** is "open" iff the last occurrence that decides
  it (a start or a stop; a ``met_by`` too unless the clause is periodic, where a
  ``met_by`` keeps the clock running) is a start: a running maximum of positions.
  A cycle starts at a start that finds no cycle open, or (periodic) at a
  ``met_by`` that finds one; it closes at the next ``met_by`` or stop of its case
  (a running minimum from the end).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, final

import numpy as np
import numpy.typing as npt

from slaclock._days.index import NAT_INT

__all__ = ["Cycles", "cycles"]

I64 = npt.NDArray[np.int64]

START: Final = 0
MET: Final = 1
STOP: Final = 2

OPEN: Final = 0
"""How a cycle closed: still open, met by ``met_by``, or stopped."""
CLOSED_MET: Final = 1
CLOSED_STOP: Final = 2


@final
@dataclass(frozen=True, slots=True)
class Cycles:
    """The cycles of many cases, sorted by case then start: case row, start, closing instant (NAT_INT) and how."""

    row: I64
    start: I64
    close: I64
    how: npt.NDArray[np.int8]


def cycles(parts: list[tuple[I64, I64, Any]], periodic: bool) -> Cycles:
    """The cycles from occurrences given as (case rows, instants, kind) parts, kind START, MET or STOP (or, for
    a single part, an array of kinds: one sequence of occurrences)."""
    if len(parts) == 1:  # one sequence already (from a log, in its order)
        row, at, kind = parts[0][0], parts[0][1], np.asarray(parts[0][2], dtype=np.int8)
    else:
        row = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
        at = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
        kind = (
            np.concatenate([np.full(p[0].size, p[2], dtype=np.int8) for p in parts]) if parts else np.zeros(0, np.int8)
        )
    return cycles_of_sorted(*_sorted(row, at, kind), periodic)


def _sorted(row: I64, at: I64, kind: npt.NDArray[np.int8]) -> tuple[I64, I64, npt.NDArray[np.int8]]:
    """The occurrences by case, instant and kind; no sort when they come so (a log sorted by case and instant)."""
    if row.size > 1:
        d_row, d_at = np.diff(row), np.diff(at)
        ties = (d_row == 0) & (d_at == 0)
        if np.all((d_row > 0) | ((d_row == 0) & (d_at > 0)) | (ties & (np.diff(kind) >= 0))):
            return row, at, kind
    order = np.lexsort((kind, at, row))
    return row[order], at[order], kind[order]


def cycles_of_sorted(row: I64, at: I64, kind: npt.NDArray[np.int8], periodic: bool) -> Cycles:
    """:func:`cycles` on occurrences sorted by case, instant and kind (start, met, stop)."""
    n = row.size
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Cycles(empty, empty, empty, np.zeros(0, dtype=np.int8))
    idx = np.arange(n, dtype=np.int64)
    decisive = (kind == START) | (kind == STOP) | ((kind == MET) & (not periodic))
    last = np.maximum.accumulate(np.where(decisive, idx, -1))
    known = last >= 0
    lr = np.where(known, last, 0)
    open_after = known & (row[lr] == row) & (kind[lr] == START)
    open_before = np.zeros(n, dtype=bool)
    open_before[1:] = open_after[:-1] & (row[1:] == row[:-1])
    starts = (kind == START) & ~open_before
    if periodic:
        starts |= (kind == MET) & open_before
    closing = (kind == MET) | (kind == STOP)
    first_from = np.minimum.accumulate(np.where(closing, idx, n)[::-1])[::-1]  # first closing at or after i
    after = np.empty(n, dtype=np.int64)
    after[:-1] = first_from[1:]
    after[-1] = n
    si = np.flatnonzero(starts)
    cj = after[si]
    has = cj < n
    cj = np.where(has, cj, 0)
    has &= row[cj] == row[si]
    close = np.where(has, at[cj], NAT_INT)
    how = np.where(has, np.where(kind[cj] == MET, CLOSED_MET, CLOSED_STOP), OPEN).astype(np.int8)
    return Cycles(row[si], at[si], close, how)
