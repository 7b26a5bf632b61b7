"""Rows of events replayed as cases, beside ``Contract.evaluate``: the loop the evaluate property tests share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest

import slaclock as sc
from slaclock.errors import SlaclockError

Row = dict[str, dt.datetime | None]


def replayed_rows(
    c: sc.Contract,
    table: list[Row],
    now: dt.datetime,
    cal: sc.WorkCalendar,
    replay: Callable[[sc.Contract, Row, dt.datetime, sc.WorkCalendar], sc.Status],
    events: Sequence[str],
    kind: Callable[[list[dt.datetime | None]], Any],
    **options: Any,
) -> list[tuple[Row, sc.Status]]:
    """The rows a case takes (``replay``), each with its status on ``cal``; a row a case refuses is refused by
    ``evaluate`` too (its ``events`` made columns by ``kind``, with ``options``), with the same class of error."""
    good: list[tuple[Row, sc.Status]] = []
    for row in table:
        refused: type[SlaclockError] | None = None
        try:
            good.append((row, replay(c, row, now, cal)))
        except SlaclockError as exc:
            refused = type(exc)
        if refused is not None:
            with pytest.raises(refused):
                c.evaluate({name: kind([row[name]]) for name in events}, now=now, calendar=cal, **options)
    return good
