"""Checks on the plain fields of contract definitions: names, event references, text, flags, table keys, and
which of two periods is longer.

Shared by the clause, the calendar spec and the contract; each raises :class:`~slaclock.ContractError`
with the place (``where``) it was given, showing the value with :func:`~slaclock._base.show.brief` (at most
a few dozen characters, whatever its size).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

from slaclock._base.show import brief
from slaclock._periods.period import Period, Unit
from slaclock.errors import ContractError

_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


MAX_NAME: Final = 100
"""The longest clause, event or contract name: a name is a word, and it is in every message and repr."""


def _identifier(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.isidentifier() or len(value) > MAX_NAME:
        raise ContractError(
            f"{what} must be an identifier of at most {MAX_NAME} characters (letters, digits and _, not starting "
            f"with a digit, e.g. 'acknowledgement' or '受理确认'); got {brief(value)}"
        )
    return str(value)  # a str subclass (numpy's str_) as plain text: it is written to files


def _event_name(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.isidentifier() or len(value) > MAX_NAME:
        raise ContractError(
            f"{where} must be an event name (an identifier of at most {MAX_NAME} characters, such as "
            f"'acknowledged'); got {brief(value)}"
        )
    return str(value)


def _event_ref(value: object, where: str) -> str:
    """An event name, or a fixed date as ``YYYY-MM-DD``."""
    if isinstance(value, dt.datetime):
        raise ContractError(f"{where} may be a fixed date, not an instant; got {brief(value)}")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ContractError(f"{where}: {brief(value)} is not a valid date") from None
        return str(value)
    if not isinstance(value, str) or not value.isidentifier() or len(value) > MAX_NAME:
        raise ContractError(
            f"{where} must be an event name (an identifier of at most {MAX_NAME} characters, such as 'received') "
            f"or a fixed date 'YYYY-MM-DD'; got {brief(value)}"
        )
    return str(value)


def _is_date(ref: str) -> bool:
    return _ISO_DATE.fullmatch(ref) is not None


def _text_field(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ContractError(f"{where} must be text; got {type(value).__name__} {brief(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ContractError(
            f"{where} contains a lone surrogate and cannot be written to a file: {brief(value)}"
        ) from None
    return str(value)


def _flag(value: object, where: str) -> bool:
    if type(value) is not bool:
        raise ContractError(f"{where} must be True or False; got {brief(value)}")
    return value


def _suggest(name: str, known: Iterable[str]) -> str:
    if len(name) > 100:  # no key is that long; and matching it would cost time for nothing
        return ""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {brief(close[0])}?" if close else ""


def _check_keys(data: Mapping[str, Any], where: str, *, required: tuple[str, ...], allowed: tuple[str, ...]) -> None:
    if not isinstance(data, Mapping):
        raise ContractError(f"{where} must be a table; got {type(data).__name__} {brief(data)}")
    for key in data:
        if key not in allowed:
            raise ContractError(
                f"{where}: unknown key {brief(key)}{_suggest(str(key), allowed)} (valid keys: {', '.join(allowed)})"
            )
    for key in required:
        if key not in data:
            raise ContractError(f"{where}: missing {brief(key)}")


_FAMILY: Final[dict[Unit, tuple[str, int]]] = {
    Unit.MINUTE: ("elapsed", 1),
    Unit.HOUR: ("elapsed", 60),
    Unit.WORK_MINUTE: ("working time", 1),
    Unit.WORK_HOUR: ("working time", 60),
    Unit.DAY: ("days", 1),
    Unit.WEEK: ("days", 7),
    Unit.WORKDAY: ("workdays", 1),
    Unit.MONTH: ("months", 1),
    Unit.YEAR: ("months", 12),
}


_CALENDAR_DAYS: Final[dict[str, tuple[int, int]]] = {"days": (1, 1), "months": (28, 31)}
"""The fewest and most calendar days one step of a family spans: days and months can be compared by them."""


def _longer(a: Period, b: Period) -> bool | None:
    """Whether ``a`` is longer than ``b``; None if their units cannot be compared on every calendar."""
    fa, ka = _FAMILY[a.unit]
    fb, kb = _FAMILY[b.unit]
    if fa == fb:
        return a.amount * ka > b.amount * kb
    if fa in _CALENDAR_DAYS and fb in _CALENDAR_DAYS:  # "5日" against "1个月": 5 days, and 28 to 31
        (a_lo, a_hi), (b_lo, b_hi) = _CALENDAR_DAYS[fa], _CALENDAR_DAYS[fb]
        if a.amount * ka * a_lo > b.amount * kb * b_hi:
            return True
        if a.amount * ka * a_hi <= b.amount * kb * b_lo:
            return False
    return None
