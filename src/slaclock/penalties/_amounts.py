"""Amounts in yuan and exact decimal arithmetic: reading ``"¥12,345.60"``, the 60-digit context, the one rounding.

Every module of :mod:`slaclock.penalties` computes in :data:`_EXACT` (60 digits hold every product it
forms) and rounds only at the end, with :func:`_round_fen`.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Final, TypeAlias

from slaclock._base.fold import fold
from slaclock._base.show import brief
from slaclock.errors import InvalidInputError

__all__ = ["AmountLike", "yuan"]


AmountLike: TypeAlias = Decimal | int | str
"""An amount in yuan: a ``Decimal``, an ``int`` or text such as ``"12,345.60"``, ``"¥12345.6"``, ``"12345.60元"``."""

_FEN: Final = Decimal("0.01")
_MAX_AMOUNT: Final = Decimal(10) ** 15  # 1,000万亿 yuan: anything larger is a typo
_MAX_INT_AMOUNT: Final = 10**15
MAX_TEXT_LENGTH: Final = 1_000
"""Longest amount or rate text read (the period reader's limit too): longer text is refused before it is read."""
_EXACT: Final = Context(prec=60, rounding=ROUND_HALF_UP)
_FLOAT_HINT: Final = (
    "binary floats cannot hold most amounts and rates exactly (0.1 + 0.2 != 0.3), and a penalty must be "
    "exact to the fen"
)


# -- amounts ------------------------------------------------------------------------------------

# Linear: each run of spaces can be taken by one ``\s*`` only (two optional ``\s*`` side by side, as in
# ``\s*-?\s*``, split a run in every way when the match fails: quadratic), and the number's two forms
# share no way of reading the same digits past the first group.
_AMOUNT_TEXT: Final = re.compile(
    r"(?:rmb|cny|人民币|¥)?\s*(?:(?P<sign>-)\s*)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:元|yuan|rmb|cny)?"
)


def yuan(value: AmountLike, *, what: str = "amount") -> Decimal:
    """An amount in yuan as a ``Decimal`` with two places (fen), from a ``Decimal``, an ``int`` or text.

    Text may carry a currency mark (¥, ￥, RMB, CNY, 人民币, 元) and thousands separators in groups of three.
    Floats are refused: they cannot hold most fen amounts exactly.

    Parameters
    ----------
    value : Decimal, int or str
    what : str
        The name used in error messages.

    Returns
    -------
    Decimal
        Quantized to ``Decimal("0.01")``; zero or positive.

    Raises
    ------
    InvalidInputError
        A float, a negative amount, more than two decimal places, 10**15 yuan or more, NaN or infinity,
        text that is not an amount, or text longer than 1,000 characters (refused before it is read).

    Examples
    --------
    >>> from slaclock import penalties
    >>> penalties.yuan("¥12,345.6"), penalties.yuan(500), penalties.yuan("8000元")
    (Decimal('12345.60'), Decimal('500.00'), Decimal('8000.00'))
    >>> penalties.yuan(12345.6)
    Traceback (most recent call last):
      ...
    slaclock.errors.InvalidInputError: amount must be a Decimal, an int or text ..., not the float 12345.6: ...
    """
    return _yuan(value, what)


def _yuan(value: object, what: str) -> Decimal:
    if isinstance(value, bool):
        raise InvalidInputError(f"{what} must be an amount in yuan, not the bool {value!r}")
    if isinstance(value, float):
        raise InvalidInputError(
            f"{what} must be a Decimal, an int or text such as '12,345.60', not the float {value!r}: "
            f"{_FLOAT_HINT}; write Decimal({str(value)!r})"
        )
    if isinstance(value, int):
        if value < 0:
            raise InvalidInputError(f"{what} must not be negative; got {brief(value)}")
        if value >= _MAX_INT_AMOUNT:  # checked before Decimal(value): a 5,000-digit int is refused as it is
            raise InvalidInputError(f"{what} {brief(value)} is 10**15 yuan or more; that is a typo, not an amount")
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        number = _amount_text(value, what)
    else:
        raise InvalidInputError(
            f"{what} must be a Decimal, an int or text such as '12,345.60'; got {type(value).__name__} {brief(value)}"
        )
    if not number.is_finite():
        raise InvalidInputError(f"{what} must be a finite amount, not {brief(value)}")
    if number < 0:
        raise InvalidInputError(f"{what} must not be negative; got {brief(value)}")
    if number >= _MAX_AMOUNT:
        raise InvalidInputError(f"{what} {brief(value)} is 10**15 yuan or more; that is a typo, not an amount")
    fen = number.quantize(_FEN)  # below 10**15, so within the default context's 28 digits
    if fen != number:
        raise InvalidInputError(f"{what} {brief(value)} has more than two decimal places; amounts are exact to the fen")
    return fen


def _text_arg(text: str, what: str) -> str:
    """``text`` NFKC-normalised, stripped and lower-cased, once its length is known to be within the limit."""
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidInputError(
            f"{what} text of {len(text):,} characters is longer than the limit of {MAX_TEXT_LENGTH:,}; "
            f"it starts {brief(text[:40])}"
        )
    return fold(text).strip().lower()


def _amount_text(text: str, what: str) -> Decimal:
    s = _text_arg(text, what)
    m = _AMOUNT_TEXT.fullmatch(s)
    if m is None:
        raise InvalidInputError(
            f"cannot read {brief(text)} as {what}: write digits with an optional ¥/RMB/元 and thousands separators, "
            "e.g. '12,345.60', '¥12345.6' or '8000元'"
        )
    if m["sign"]:
        raise InvalidInputError(f"{what} must not be negative; got {brief(text)}")
    return Decimal(m["num"].replace(",", ""))


def _money(value: Decimal) -> str:
    """``¥12,345.60``."""
    return f"¥{value:,.2f}"


def _plain(x: Decimal) -> Decimal:
    """``x`` without trailing zeros; a whole number keeps its digits (Decimal('100'), not Decimal('1E+2'))."""
    n = x.normalize(_EXACT)
    exponent = n.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, checked by callers
    return n.quantize(Decimal(1), context=_EXACT) if exponent > 0 else n


def _round_fen(x: Decimal) -> Decimal:
    return x.quantize(_FEN, rounding=ROUND_HALF_UP, context=_EXACT)


def _product(*factors: Decimal | int) -> Decimal:
    """The exact product (60 digits hold every product this module forms)."""
    out = Decimal(1)
    for f in factors:
        out = _EXACT.multiply(out, f)
    return out
