"""evaluate's pauses table, read once: one row per pause, sorted by the case it pauses; sliced per block of rows.

The rows of the events table that have pauses are replayed as cases (``evaluate._replay_paused_rows``); the
others stay on columns. A long table evaluated in blocks (:mod:`.assembly`) reads its pauses here once, whole,
so that every refusal names the pauses table's own rows, and hands each block the pauses of its rows
(:meth:`_Pauses.block`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, final

import numpy as np

from slaclock._base import dataframes as _frames
from slaclock._base.show import brief
from slaclock._contracts.events import _listed
from slaclock._contracts.tables import I64, Mask, _instant_column, _Table
from slaclock._days.index import NAT_INT
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar

_PAUSE_COLUMNS: Final = ("row", "paused_at", "resumed_at", "reason")


@final
@dataclass(frozen=True, slots=True)
class _Pauses:
    """The pause intervals, sorted by row and start: ``row`` (position in the events), from, to (NAT_INT: open)."""

    row: I64
    start: I64
    end: I64
    reason: tuple[str, ...]
    mask: Mask  # the event rows that have pauses

    @classmethod
    def of(cls, cal: WorkCalendar, pauses: Any, rows: int, now_us: int) -> _Pauses:
        t = _Table.of(pauses, "pauses")
        for name in ("row", "paused_at"):
            if name not in t.names:
                raise InvalidInputError(
                    f"pauses need a column {brief(name)}: one row per pause with 'row' (the case's position in the "
                    f"events, from 0), 'paused_at', and 'resumed_at' (NaT while it lasts); got {_listed(t.names)}"
                )
        for name in t.names:  # a misspelt 'resumed_at' would leave every pause open: refused, never ignored
            if name not in _PAUSE_COLUMNS:
                close = difflib.get_close_matches(name[:100], _PAUSE_COLUMNS, n=1)
                hint = f" (did you mean {brief(close[0])}?)" if close else ""
                raise InvalidInputError(
                    f"pauses have no column {brief(name)}{hint}; their columns are {', '.join(_PAUSE_COLUMNS)} "
                    "('resumed_at' and 'reason' optional)"
                )
        raw = t.column("row")
        lib = _frames._lib(raw)
        at = np.asarray(_frames._numpy(raw, lib) if _frames.foreign(raw) else raw).reshape(-1)
        if at.size and at.dtype.kind not in "iu":
            raise InvalidInputError(f"pauses 'row' must hold integer positions of the events' rows; got {at.dtype}")
        row = at.astype(np.int64)
        outside = (row < 0) | (row >= rows)
        if outside.any():
            i = int(np.argmax(outside))
            raise InvalidInputError(f"pauses row {i}: 'row' {int(row[i])} is not a row of the events (0..{rows - 1})")
        start = _instant_column(cal, t.column("paused_at"), "paused_at")
        end = (
            _instant_column(cal, t.column("resumed_at"), "resumed_at")
            if "resumed_at" in t.names
            else np.full(row.size, NAT_INT, dtype=np.int64)
        )
        if "reason" in t.names:
            col = t.column("reason")
            values = col.to_pylist() if lib == "pyarrow" else list(col)
            reason = tuple(str(v) if v is not None and v == v and str(v).strip() else "paused" for v in values)
        else:
            reason = ("paused",) * row.size
        for what, bad in (
            ("a pause without 'paused_at'", start == NAT_INT),
            ("'paused_at' after now", start > now_us),
            ("'resumed_at' after now (leave it NaT: the pause lasts at now)", end > now_us),
            ("'resumed_at' before 'paused_at'", (end != NAT_INT) & (end < start)),
        ):
            if bad.any():
                i = int(np.argmax(bad))
                raise InvalidInputError(f"pauses: {int(bad.sum()):,} rows with {what}, the first at pauses row {i}")
        order = np.lexsort((start, row))
        row, start, end = row[order], start[order], end[order]
        mask = np.zeros(rows, dtype=bool)
        mask[row] = True
        return cls(row, start, end, tuple(reason[i] for i in order), mask)

    def block(self, lo: int, hi: int) -> _Pauses:
        """The pauses of the event rows ``lo``..``hi`` (exclusive), their ``row`` counted from ``lo``."""
        a, b = (int(i) for i in np.searchsorted(self.row, (lo, hi), "left"))
        return _Pauses(self.row[a:b] - lo, self.start[a:b], self.end[a:b], self.reason[a:b], self.mask[lo:hi])
