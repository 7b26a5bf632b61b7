"""A period per row (``deadlines(starts, ["5个工作日", "7日", ...])``): each row's unit and amount, read once per
distinct text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final, final

import numpy as np
import numpy.typing as npt

from slaclock._base.dataframes import Factorized
from slaclock._base.distinct import addresses, by_identity
from slaclock._base.instants import as_column, is_missing
from slaclock._base.show import brief
from slaclock._periods.period import Period, Unit, parse_cached
from slaclock._rules.rowcalendars import distinct_text
from slaclock.errors import InvalidInputError, PeriodParseError

__all__ = ["UNITS", "PerRow", "shape_text"]

I64 = npt.NDArray[np.int64]

UNITS: Final = tuple(Unit)


@final
@dataclass(frozen=True, slots=True)
class PerRow:
    """A period per row: each row's index into ``distinct`` (-1 for a missing period)."""

    index: I64
    distinct: tuple[Period, ...]  # the period of each distinct text, in first-seen order
    periods: tuple[Period, ...]  # the distinct periods, in the order of their text

    @classmethod
    def of(cls, values: Any, shape: tuple[int, ...]) -> PerRow:
        """The periods of ``values`` (a column of text, ``Period`` objects or timedeltas; or a dataframe's column
        of text as its library factorized it), one per row of ``shape``."""
        if isinstance(values, Factorized):
            _check_shape(values.codes.shape, shape)
            texts, inverse = _factorized(values)
        else:
            if values is None or isinstance(values, int | float | np.generic) or not hasattr(values, "__len__"):
                raise InvalidInputError(  # one value that is no period (None, 5) and no column
                    f"period must be a period ('5个工作日', a Period or a datetime.timedelta), or a column of them, "
                    f"one a start; got {type(values).__name__} {brief(values)}"
                )
            a = as_column(values, "periods")
            _check_shape(a.shape, shape)
            flat = a.ravel()
            if flat.size == 0:  # no rows (an empty list is float64 to numpy; a polars dtype probe is an empty batch)
                flat = np.array([], dtype=str)
            if flat.dtype.kind == "O":  # Period objects, timedeltas, text and missing values: one text key each
                texts, inverse = _object_factorize(flat)
            elif flat.dtype.kind == "U":
                texts, inverse = _factorize(flat)
            else:
                raise InvalidInputError(f"periods must be text or Period objects; got an array of dtype {a.dtype}")
        slot = np.full(texts.size + 1, -1, dtype=np.int64)  # each text's index in distinct; -1 last, for no period
        distinct: list[Period] = []
        bad: dict[int, InvalidInputError | PeriodParseError] = {}
        for j, text in enumerate(texts.tolist()):  # every text, "" too: only a missing value is no period
            try:
                q = parse_cached(text)
            except (InvalidInputError, PeriodParseError) as exc:
                bad[j] = exc
                continue
            slot[j] = len(distinct)
            distinct.append(q)
        if bad:
            raise _unread(bad, inverse) from None
        same = np.array_equal(slot[:-1], np.arange(texts.size))  # every text a period, in order: the codes are it
        index = inverse if same else slot.take(inverse)
        return cls(index, tuple(distinct), tuple(sorted(set(distinct), key=str)))

    @property
    def unit(self) -> npt.NDArray[np.int8]:
        """Each row's unit (its index in ``UNITS``; -1 for a missing period)."""
        return np.array([UNITS.index(q.unit) for q in self.distinct] + [-1], dtype=np.int8).take(self.index)

    @property
    def amount(self) -> I64:
        """Each row's amount (0 for a missing period)."""
        return np.array([q.amount for q in self.distinct] + [0], dtype=np.int64).take(self.index)

    def units(self) -> list[Unit]:
        return sorted({q.unit for q in self.distinct}, key=UNITS.index)  # every distinct period has a row

    def example(self, unit: Unit) -> Period:
        return next(q for q in self.periods if q.unit is unit)


def _unread(bad: dict[int, InvalidInputError | PeriodParseError], inverse: I64) -> InvalidInputError | PeriodParseError:
    """The error for the texts of ``bad`` (by their index in the distinct texts) that are not periods: the first
    such row's, named, with a count of the rows like it, as a column of starts names its first row outside."""
    rows = np.isin(inverse, np.fromiter(bad, dtype=np.int64, count=len(bad)))
    i = int(np.argmax(rows))
    exc = bad[int(inverse[i])]
    n = int(rows.sum())
    where = f"periods[{i}]"
    if n > 1:
        where += f" ({n:,} of the {rows.size:,} rows are not periods; the first is shown)"
    if isinstance(exc, PeriodParseError):
        return PeriodParseError(f"{where}: {exc}", exc.text, exc.position)
    return InvalidInputError(f"{where}: {exc}")


def _check_shape(got: tuple[int, ...], shape: tuple[int, ...]) -> None:
    if got != shape:
        raise InvalidInputError(
            f"periods must be one period, or one per start: got {int(np.prod(got)):,} periods for "
            f"{int(np.prod(shape)):,} starts (shapes {shape_text(got)} and {shape_text(shape)})"
        )


def _factorized(f: Factorized) -> tuple[npt.NDArray[Any], I64]:
    """:func:`_factorize` for a column its library factorized: its few distinct values made text, equal texts one
    key, a missing value -1."""
    by_text: dict[str, int] = {}
    slot = []
    for j, v in enumerate(f.values):
        try:
            key = _key(v, 0)
        except InvalidInputError:
            _key(v, int(np.argmax(f.codes == j)))  # raises, naming its first row (the values are in that order)
            raise
        slot.append(-1 if key is None else by_text.setdefault(key, len(by_text)))
    return _keyed(by_text, np.array([*slot, -1], dtype=np.int64).take(f.codes))


def _keyed(by_text: dict[str, int], inverse: I64) -> tuple[npt.NDArray[Any], I64]:
    """The texts of ``by_text`` in the order of their codes (as objects: numpy's text would drop a trailing NUL,
    and "7日\\0" is no period), and ``inverse`` (-1 for a missing value, which :meth:`PerRow.of` keeps)."""
    return np.array(list(by_text), dtype=object), inverse


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as error messages show it: ``(3,)``, ``(2, 5)``, ``()`` for one value."""
    return brief(tuple(shape))


def _factorize(keys: npt.NDArray[np.str_], few: int = 16) -> tuple[npt.NDArray[np.str_], I64]:
    """The distinct keys and each row's index into them.

    A column of SLA periods has a handful of distinct values: one comparison pass per
    value (as machine words: about 5 ns a row for a text of five characters) beats sorting
    strings (``np.unique``, ~200 ns per row on 1M rows). Past ``few`` distinct values it sorts.
    """
    found = distinct_text(keys, few)
    if found is None:
        texts, inverse = np.unique(keys, return_inverse=True)
        return texts, inverse.reshape(-1).astype(np.int64)
    return np.array(found[0], dtype=str), found[1]


def _object_factorize(values: npt.NDArray[np.object_], few: int = 16) -> tuple[npt.NDArray[Any], I64]:
    """:func:`_factorize` for Python objects (a flat object array): the distinct objects found by identity (a column
    of ``Period`` objects repeats a few), each made text once, equal texts one key."""
    found = by_identity(values, few)
    if found is None:
        ids = addresses(values)
        _, first_rows, inverse = np.unique(ids, return_index=True, return_inverse=True)
        order = np.argsort(first_rows)  # in the order of their first rows, so an error names the first bad row
        first, codes = first_rows[order].tolist(), np.argsort(order).take(inverse.reshape(-1))
    else:
        first, codes = found
    by_text: dict[str, int] = {}
    slot = [-1 if (key := _key(values[i], i)) is None else by_text.setdefault(key, len(by_text)) for i in first]
    return _keyed(by_text, np.array(slot, dtype=np.int64).take(codes))


def _key(v: object, i: int) -> str | None:
    """A text key for one per-row period value (None for a missing one)."""
    if is_missing(v):
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, Period):
        return str(v)
    if isinstance(v, dt.timedelta):
        from slaclock._rules.deadline import _period_arg

        return str(_period_arg(v))
    raise InvalidInputError(f"periods[{i}] must be text, a Period or a timedelta; got {type(v).__name__} {brief(v)}")
