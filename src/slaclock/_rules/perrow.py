"""A period per row (``deadlines(starts, ["5个工作日", "7日", ...])``): each row's unit and amount, read once per
distinct text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final, final

import numpy as np
import numpy.typing as npt

from slaclock._base.instants import as_array, is_missing
from slaclock._base.show import brief
from slaclock._periods.period import Period, Unit, parse_cached
from slaclock.errors import InvalidInputError, PeriodParseError

__all__ = ["UNITS", "PerRow", "shape_text"]

I64 = npt.NDArray[np.int64]

UNITS: Final = tuple(Unit)


@final
@dataclass(frozen=True, slots=True)
class PerRow:
    """A period per row: unit codes (index into ``Unit``; -1 for a missing period) and amounts."""

    unit: npt.NDArray[np.int8]
    amount: I64
    periods: tuple[Period, ...]  # the distinct periods, in first-seen order of their text

    @classmethod
    def of(cls, values: Any, shape: tuple[int, ...]) -> PerRow:
        a = as_array(values, "periods")
        if a.shape != shape:
            raise InvalidInputError(
                f"periods must be one period, or one per start: got {a.size:,} periods for {int(np.prod(shape)):,} "
                f"starts (shapes {shape_text(a.shape)} and {shape_text(shape)})"
            )
        flat = a.ravel()
        if flat.size == 0:  # no rows (an empty list is float64 to numpy; a polars dtype probe is an empty batch)
            flat = np.array([], dtype=str)
        if flat.dtype.kind == "O":  # Period objects, timedeltas, text and missing values: one text key each
            keys = np.array([_key(v, i) for i, v in enumerate(flat.tolist())], dtype=str)
        elif flat.dtype.kind == "U":
            keys = flat
        else:
            raise InvalidInputError(f"periods must be text or Period objects; got an array of dtype {a.dtype}")
        texts, inverse = _factorize(keys)
        unit_of = np.full(texts.size, -1, dtype=np.int8)
        amount_of = np.zeros(texts.size, dtype=np.int64)
        found: list[Period] = []
        for j, text in enumerate(texts.tolist()):
            if text == "":
                continue
            try:
                q = parse_cached(text)
            except (InvalidInputError, PeriodParseError) as exc:
                exc.add_note(f"in periods[{int(np.argmax(inverse == j))}]")
                raise
            unit_of[j], amount_of[j] = UNITS.index(q.unit), q.amount
            found.append(q)
        return cls(unit_of[inverse], amount_of[inverse], tuple(sorted(set(found), key=str)))

    def units(self) -> list[Unit]:
        return [UNITS[int(c)] for c in np.unique(self.unit) if c >= 0]

    def example(self, unit: Unit) -> Period:
        return next(q for q in self.periods if q.unit is unit)


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as error messages show it: ``(3,)``, ``(2, 5)``, ``()`` for one value."""
    return brief(tuple(shape))


def _factorize(keys: npt.NDArray[np.str_], few: int = 16) -> tuple[npt.NDArray[np.str_], I64]:
    """The distinct keys and each row's index into them.

    A column of SLA periods has a handful of distinct values: one comparison pass per
    value (a few ns per row each) beats sorting strings (``np.unique``, ~200 ns per row
    on 1M rows). Past ``few`` distinct values it sorts.
    """
    codes = np.zeros(keys.size, dtype=np.int64)
    left = np.ones(keys.size, dtype=bool)
    seen: list[str] = []
    while len(seen) < few and keys.size:
        i = int(np.argmax(left))
        if not left[i]:
            return np.array(seen, dtype=str), codes
        same = keys == keys[i]
        codes[same] = len(seen)
        left &= ~same
        seen.append(str(keys[i]))
    texts, inverse = np.unique(keys, return_inverse=True)
    return texts, inverse.astype(np.int64)


def _key(v: object, i: int) -> str:
    """A text key for one per-row period value ("" for a missing one)."""
    if is_missing(v):
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, Period):
        return str(v)
    if isinstance(v, dt.timedelta):
        from slaclock._rules.deadline import _period_arg

        return str(_period_arg(v))
    raise InvalidInputError(f"periods[{i}] must be text, a Period or a timedelta; got {type(v).__name__} {brief(v)}")
