"""Targets by rule: a clause's period chosen per case from its attributes (priority, tier, channel), first match wins.

A help desk's resolution target is rarely one period: "P1 within 2 working hours,
P2 within 8, everything else within 3 workdays". A :class:`Targets` is that small
ordered table: each row names conditions on a case's attributes and a period; the
first row whose conditions all hold gives the case its period, and the last row,
without conditions, is the default every table must have.

Maintainer's notes
------------------
* **Conditions** are equalities on text (or whole-number) attribute values:
  ``{"priority": "P1"}``, or any of a list, ``{"priority": ["P1", "P2"]}``; a row
  with several attributes needs all of them. Values compare exactly: ``1`` is not
  ``"1"``. A missing attribute (None, NaN, a null in a column) matches no
  condition, so such a case gets the default.
* **Checked when built.** A row after which nothing can reach a later one, or a
  later row every case of which an earlier row already takes, is refused
  (``unreachable``): for conditions that are equalities, row *j* is unreachable
  iff some earlier row *i* constrains only attributes *j* constrains too, each to a
  superset of *j*'s values.
* **Columns.** :meth:`Targets.groups` splits the rows of a table into one mask per
  target row (first match wins), so ``evaluate`` counts each group with one period
  on the column engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeAlias, final

import numpy as np
import numpy.typing as npt

from slaclock._base.show import brief
from slaclock._contracts.checks import _identifier, _suggest
from slaclock._periods.period import Period, period
from slaclock.errors import ContractError, InvalidInputError, PeriodParseError

__all__ = ["AttributeValue", "TargetRow", "Targets"]

AttributeValue: TypeAlias = str | int
"""A case attribute's value: text ("P1", "gold", "email") or a whole number (a priority of 1..4)."""

MAX_TARGET_ROWS: Final = 256
"""The most rows a target table may have (a policy table, not a lookup of every customer)."""

MAX_VALUES: Final = 1_000
"""The most values one condition may list."""

MAX_ATTRIBUTES: Final = 32
"""The most attributes one row's conditions may name (so a table is at most 256 x 32 x 1,000 values)."""

_SHOWN_ATTRIBUTES: Final = 4


@final
@dataclass(frozen=True, slots=True)
class TargetRow:
    """One row of a :class:`Targets` table: conditions on attributes, and the period they give.

    ``when`` is a tuple of (attribute, values) pairs, sorted by attribute; an empty
    ``when`` is the default row. ``wording`` keeps the contract's words for the period.
    """

    when: tuple[tuple[str, frozenset[AttributeValue]], ...]
    period: Period
    wording: str

    def matches(self, attributes: Mapping[str, object]) -> bool:
        """Whether a case with these attributes takes this row (a missing attribute matches nothing)."""
        return all(_value_in(attributes.get(name), values) for name, values in self.when)

    def words(self, lang: str = "zh") -> str:
        """The row's conditions in words: ``priority = P1`` / ``默认``; several values joined by "or"."""
        if not self.when:
            return "默认" if lang == "zh" else "default"
        joiner = "或" if lang == "zh" else " or "
        more = "等{:,}个值" if lang == "zh" else " ({:,} values)"
        parts = []
        for name, values in self.when[:_SHOWN_ATTRIBUTES]:  # a message stays short whatever the table lists
            shown = joiner.join(brief(v) if isinstance(v, str) and len(v) > 60 else str(v) for v in _sorted(values)[:4])
            parts.append(f"{name} = {shown}" + (more.format(len(values)) if len(values) > 4 else ""))
        if len(self.when) > _SHOWN_ATTRIBUTES:
            parts.append(f"… ({len(self.when):,} attributes)")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.when:
            out["when"] = {
                name: (next(iter(values)) if len(values) == 1 else _sorted(values)) for name, values in self.when
            }
        out["period"] = self.wording
        return out


@final
@dataclass(frozen=True, slots=True)
class Targets:
    """A clause's period chosen per case by rule: ordered rows of conditions → period, first match wins.

    Build it from a list of rows, the last without conditions (the default)::

        [{"when": {"priority": "P1"}, "period": "2个工作小时"},
         {"when": {"priority": ["P2", "P3"]}, "period": "8个工作小时"},
         {"period": "3个工作日"}]

    A :class:`~slaclock.Clause` takes such a list (or a ``Targets``) as its period;
    the case's attributes (:meth:`Contract.open`'s ``attributes``, or columns in
    :meth:`Contract.evaluate`) choose the row.

    Raises
    ------
    ContractError
        No rows, no default row (the last, without ``when``), a default before the
        last row, an unreachable row (an earlier row takes every case it would), an
        empty or malformed condition, more than 256 rows, more than 1,000 values in
        a condition or more than 32 attributes in a row; the message names the row.
    PeriodParseError
        A row's period is not a period.

    Examples
    --------
    >>> from slaclock._contracts.targets import Targets
    >>> t = Targets.of([{"when": {"priority": "P1"}, "period": "2个工作小时"}, {"period": "3个工作日"}])
    >>> t.period_for({"priority": "P1"}), t.period_for({"priority": "P4"}), t.period_for({})
    (Period(2, 'work_hour'), Period(3, 'workday'), Period(3, 'workday'))
    >>> Targets.of([{"when": {"priority": "P1"}, "period": "2个工作小时"}])
    Traceback (most recent call last):
      ...
    slaclock.errors.ContractError: targets: the last row must be the default, without 'when' ...
    """

    rows: tuple[TargetRow, ...]

    @classmethod
    def of(cls, value: object, where: str = "targets") -> Targets:
        """A table from a list of ``{"when": {...}, "period": ...}`` rows (or a ``Targets``, as is)."""
        if isinstance(value, Targets):
            return value
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
            raise ContractError(
                f"{where} must be a list of rows like {{'when': {{'priority': 'P1'}}, 'period': '2个工作小时'}}, the "
                f"last without 'when'; got {type(value).__name__} {brief(value)}"
            )
        if not value:
            raise ContractError(
                f"{where}: a target table needs at least its default row, e.g. {{'period': '3个工作日'}}"
            )
        if len(value) > MAX_TARGET_ROWS:
            raise ContractError(f"{where}: {len(value):,} rows; a target table has at most {MAX_TARGET_ROWS}")
        rows = tuple(_row(r, f"{where} row {i}") for i, r in enumerate(value))
        return cls(rows)

    def __post_init__(self) -> None:
        rows = self.rows
        where = "targets"
        if not rows:
            raise ContractError(f"{where}: a target table needs at least its default row")
        for i, r in enumerate(rows[:-1]):
            if not r.when:
                raise ContractError(
                    f"{where}: row {i} has no conditions, so it takes every case and rows {i + 1}.. are unreachable; "
                    "the default is the last row"
                )
        if rows[-1].when:
            raise ContractError(
                f"{where}: the last row must be the default, without 'when' (e.g. {{'period': '3个工作日'}}); "
                f"row {len(rows) - 1} has conditions"
            )
        for j, rj in enumerate(rows[:-1]):
            for i in range(j):
                if _covers(rows[i], rj):
                    raise ContractError(
                        f"{where}: row {j} ({rj.words('en')}) is unreachable: every case it would take, row {i} "
                        f"({rows[i].words('en')}) takes first; put it before row {i} or remove it"
                    )

    @property
    def default(self) -> Period:
        """The default row's period."""
        return self.rows[-1].period

    @property
    def attributes(self) -> tuple[str, ...]:
        """The attribute names the conditions read, in order of first use."""
        out: dict[str, None] = {}
        for r in self.rows:
            for name, _ in r.when:
                out.setdefault(name)
        return tuple(out)

    @property
    def periods(self) -> tuple[Period, ...]:
        """Every row's period, in order (repeats kept)."""
        return tuple(r.period for r in self.rows)

    def row_for(self, attributes: Mapping[str, object]) -> TargetRow:
        """The first row whose conditions the attributes meet (the default if none)."""
        for r in self.rows:
            if r.matches(attributes):
                return r
        return self.rows[-1]  # unreachable: the default has no conditions

    def period_for(self, attributes: Mapping[str, object]) -> Period:
        """The period a case with these attributes takes."""
        return self.row_for(attributes).period

    def groups(self, column: Any, rows: int) -> list[tuple[TargetRow, npt.NDArray[np.bool_]]]:
        """The rows of a table split by target row, first match wins: ``(row, mask)`` for rows that take any.

        ``column(name)`` gives an attribute's values as a numpy array of ``rows`` values.
        """
        left = np.ones(rows, dtype=bool)
        out: list[tuple[TargetRow, npt.NDArray[np.bool_]]] = []
        values = {name: _factored(column(name)) for name in self.attributes}
        for r in self.rows:
            mask = left.copy()
            for name, allowed in r.when:
                mask &= _column_in(values[name], allowed)
            if mask.any():
                out.append((r, mask))
                left &= ~mask
            if not left.any():
                break
        return out

    def to_list(self) -> list[dict[str, Any]]:
        """The rows as plain values (the layout of a clause's ``period`` list in a file)."""
        return [r.to_dict() for r in self.rows]

    def __str__(self) -> str:
        return "; ".join(f"{r.words('en')}: {r.wording}" for r in self.rows)


def check_attributes(
    attributes: object, known: Iterable[str], where: str = "attributes"
) -> dict[str, AttributeValue | None]:
    """A case's attributes checked: a mapping of known names to text, whole numbers or None."""
    if attributes is None:
        return {}
    if not isinstance(attributes, Mapping):
        raise InvalidInputError(
            f"{where} must be a mapping of attribute names to values, e.g. {{'priority': 'P1'}}; got "
            f"{type(attributes).__name__} {brief(attributes)}"
        )
    names = tuple(known)
    out: dict[str, AttributeValue | None] = {}
    for key, value in attributes.items():
        if not isinstance(key, str) or key not in names:
            hint = _suggest(key, names) if isinstance(key, str) else ""
            have = (
                f"the contract's targets read {', '.join(brief(n) for n in names)}"
                if names
                else "its targets read none"
            )
            raise InvalidInputError(f"{where}: unknown attribute {brief(key)}{hint}; {have}")
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise InvalidInputError(
                f"{where}: attribute {brief(key)} must be text or a whole number; got {type(value).__name__} "
                f"{brief(value)}"
            )
        out[key] = value
    return out


# -- building rows -----------------------------------------------------------------------------------


def _row(value: object, where: str) -> TargetRow:
    if isinstance(value, TargetRow):
        return value
    if not isinstance(value, Mapping):
        raise ContractError(f"{where} must be a table with 'period' (and 'when'); got {brief(value)}")
    extra = [k for k in value if k not in ("when", "period")]
    if extra:
        raise ContractError(f"{where}: unknown key {brief(extra[0])}; a target row has 'when' and 'period'")
    if "period" not in value:
        raise ContractError(f"{where} has no 'period'")
    text = value["period"]
    try:
        p = period(text)
    except PeriodParseError as exc:
        raise PeriodParseError(f"{where}: {exc}", exc.text, exc.position) from None
    except InvalidInputError as exc:
        raise ContractError(f"{where}: {exc}") from None
    words = text if isinstance(text, str) else p.zh
    when = value.get("when")
    if when is None:
        return TargetRow((), p, words)
    if not isinstance(when, Mapping) or not when:
        raise ContractError(
            f"{where}: 'when' must be a non-empty table of attribute = value(s), e.g. {{'priority': 'P1'}}; "
            f"got {brief(when)} (leave 'when' out for the default row)"
        )
    if len(when) > MAX_ATTRIBUTES:
        raise ContractError(f"{where}: 'when' names {len(when):,} attributes; a row names at most {MAX_ATTRIBUTES}")
    pairs = []
    for name, allowed in when.items():
        name = _identifier(name, f"{where}: an attribute name")
        pairs.append((name, _values(allowed, f"{where}: attribute {brief(name)}")))
    return TargetRow(tuple(sorted(pairs)), p, words)


def _values(value: object, where: str) -> frozenset[AttributeValue]:
    items: list[object] = list(value) if isinstance(value, list | tuple) else [value]
    if not items:
        raise ContractError(f"{where}: an empty list of values matches no case")
    if len(items) > MAX_VALUES:
        raise ContractError(f"{where}: {len(items):,} values; a condition lists at most {MAX_VALUES:,}")
    out: list[AttributeValue] = []
    for v in items:
        if isinstance(v, bool) or not isinstance(v, str | int):
            raise ContractError(f"{where}: values are text or whole numbers; got {type(v).__name__} {brief(v)}")
        out.append(v)
    return frozenset(out)


def _covers(earlier: TargetRow, later: TargetRow) -> bool:
    """Whether every case ``later`` takes, ``earlier`` takes first."""
    mine = dict(later.when)
    return all(name in mine and mine[name] <= values for name, values in earlier.when)


def _sorted(values: frozenset[AttributeValue]) -> list[AttributeValue]:
    return sorted(values, key=lambda v: (1, 0, v) if isinstance(v, str) else (0, v, ""))


def _value_in(value: object, allowed: frozenset[AttributeValue]) -> bool:
    if value is None or isinstance(value, bool) or not isinstance(value, str | int):
        return False
    return value in allowed


@final
@dataclass(frozen=True, slots=True)
class _Factored:
    """A text column as one code per row and a dict of its distinct values: a row's allowed values are looked up."""

    index: dict[object, int]  # each distinct value -> its code
    codes: npt.NDArray[np.intp]


def _factored(values: npt.NDArray[Any]) -> npt.NDArray[Any] | _Factored:
    """An object column factored (each value hashed once for the whole table); other columns as they are.

    The column holds no bools (``evaluate`` refuses them): a dict would take ``True`` for ``1``.
    """
    if values.dtype.kind != "O":
        return values
    seen: dict[object, int] = {}
    try:
        codes = np.fromiter((seen.setdefault(x, len(seen)) for x in values), dtype=np.intp, count=values.shape[0])
    except TypeError:
        return values  # an unhashable value: _column_in names it
    return _Factored(seen, codes)


def _column_in(values: npt.NDArray[Any] | _Factored, allowed: frozenset[AttributeValue]) -> npt.NDArray[np.bool_]:
    """Which values of an attribute column are in ``allowed`` (text matches text, numbers numbers; nulls nothing)."""
    if isinstance(values, _Factored):  # each allowed value looked up once: rows x values, not rows x distinct
        hit = np.zeros(len(values.index), dtype=bool)
        for v in allowed:
            j = values.index.get(v)
            if j is not None:
                hit[j] = True
        return hit[values.codes]
    kind = values.dtype.kind
    if kind == "O":  # text from pandas, polars or pyarrow: each value looked up once
        codes = dict.fromkeys(allowed, True)
        try:
            hit = np.fromiter(
                (type(x) is not bool and codes.get(x, False) for x in values), dtype=bool, count=values.shape[0]
            )
        except TypeError:
            bad = next(x for x in values if not isinstance(x, str | int | float | type(None)))
            raise InvalidInputError(
                f"an attribute column holds text or numbers; got {type(bad).__name__} {brief(bad)}"
            ) from None
        return hit
    out = np.zeros(values.shape[0], dtype=bool)
    for v in allowed:
        if (kind in "iuf" and isinstance(v, int)) or (kind in "US" and isinstance(v, str)):
            out |= values == v
    return out
