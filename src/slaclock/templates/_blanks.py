"""The machinery of blanks shared by the seed templates: what a blank is, how a value fills it, and the errors.

:class:`_Blank` describes one blank (its clause, the contract's words, an example, the unit written next to
it); :func:`_require` names every required blank left unfilled in one :class:`~slaclock.errors.ContractError`;
:func:`_period` and :func:`_date` turn a filled value into a clause period or a date; :func:`_words` writes
a period back as words. The type aliases of the template parameters live here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from slaclock._base.show import brief
from slaclock._contracts.contract import CalendarLike
from slaclock._periods.convention import Convention
from slaclock._periods.period import Period
from slaclock.errors import ContractError

__all__ = ["CalendarArg", "ConventionArg", "DateBlank", "PeriodBlank"]


PeriodBlank: TypeAlias = str | Period | int | None
"""A period blank: the contract's words, a ``Period``, or a count in the unit the contract writes."""

DateBlank: TypeAlias = dt.date | str | None
"""A date blank: a ``date`` or ``"YYYY-MM-DD"``."""

CalendarArg: TypeAlias = CalendarLike
ConventionArg: TypeAlias = Convention | str | Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class _Blank:
    """One blank of a template: where it is, what the contract says around it, and an example."""

    name: str
    ref: str
    words: str
    example: str
    unit: str = ""
    """The unit the contract writes after the blank ("个工作日"), for a bare int; "" for none."""

    def describe(self) -> str:
        return f"{self.name} (§{self.ref} “{self.words}”; e.g. {self.name}={self.example!r})"


def _require(template: str, pairs: list[tuple[_Blank, object]]) -> None:
    """Raise one error naming every required blank left as None."""
    missing = [b for b, value in pairs if value is None]
    if not missing:
        return
    if len(missing) == 1:
        head = f"{template}: a blank is not filled: "
    else:
        head = f"{template}: {len(missing)} blanks are not filled: "
    raise ContractError(head + "; ".join(b.describe() for b in missing))


_MAX_AMOUNT = 1_000_000
"""The largest number a period blank takes as an int (a million days is 2,700 years)."""


def _period(template: str, blank: _Blank, value: object) -> str | Period:
    """The blank's value as a clause period: words and Periods as given, an int in the contract's unit."""
    if isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if not blank.unit:
            raise ContractError(
                f"{template}: {blank.name}={brief(value)}: the contract gives no unit for this blank "
                f"(§{blank.ref} “{blank.words}”); write the period, e.g. {blank.name}={blank.example!r}"
            )
        if value <= 0:
            raise ContractError(f"{template}: {blank.name} must be a positive number of {blank.unit}; got {value}")
        if value > _MAX_AMOUNT:
            raise ContractError(f"{template}: {blank.name} is at most {_MAX_AMOUNT:,} {blank.unit}; got {brief(value)}")
        return f"{value}{blank.unit}"
    elif isinstance(value, str | Period):
        return value
    raise ContractError(
        f"{template}: {blank.name} must be a period such as {blank.example!r} (text, a Period or a number of "
        f"{blank.unit or 'units'}); got {type(value).__name__} {brief(value)}"
    )


def _date(template: str, blank: _Blank, value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ContractError(f"{template}: {blank.name} is a date, not a date and time; got {brief(value)}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ContractError(
        f"{template}: {blank.name} must be a date (datetime.date or 'YYYY-MM-DD') such as {blank.example!r}; "
        f"got {brief(value)}"
    )


def _words(value: str | Period) -> str:
    """A period as words for a free-text wording."""
    return value if isinstance(value, str) else value.zh
