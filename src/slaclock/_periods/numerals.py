"""Chinese numerals, read and written: the one implementation the library uses.

Contracts write amounts in Chinese ("十二个月", "三十日", "两个工作日", "万分之五",
"千分之一点五"). This module owns the numeral grammar: the period parser
(:mod:`slaclock._periods.parse`) reads amounts with :func:`read_int`, and
:mod:`slaclock.penalties` reads rates with :func:`read_decimal` and writes them
with :func:`write_decimal`. It reads no units and raises no public error: a
caller catches :class:`MalformedNumeralError` and raises its own typed error
(:class:`~slaclock.errors.PeriodParseError`, :class:`~slaclock.errors.InvalidInputError`)
pointing at the place in its own text.

Grammar
-------
Values below 亿 (10**8) in their standard written forms: "十五", "二十四",
"一百零五", "一千零一", "三万", "十万零五", financial "壹佰贰拾", "两", "〇", and
廿/卅/卌 (a digit and 十 in one character: "廿五" is 25). Refused, because a typo
is likelier than intent: digit strings ("二四"), repeated or rising places
("十十", "百十"), a skipped place without 零 ("一千五十") and a trailing digit
after a place above ten ("一百五", which readers take as 150 and the grammar as
105). Digit strings are read only where they are meant, by :func:`read_digits`
(the digits after 点).

The writers give the standard form, which the readers read back:
``read_int(write_int(n)) == n`` and ``read_decimal(write_decimal(x)) == x``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

from slaclock._base.fold import fold

__all__ = [
    "DIGITS",
    "MAX_CHARS",
    "MAX_VALUE",
    "NUMERAL_CHARS",
    "MalformedNumeralError",
    "read_decimal",
    "read_digits",
    "read_int",
    "write_decimal",
    "write_int",
]

DIGITS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "零": 0, "〇": 0,
        "一": 1, "壹": 1,
        "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
        "三": 3, "叁": 3, "參": 3,
        "四": 4, "肆": 4,
        "五": 5, "伍": 5,
        "六": 6, "陆": 6, "陸": 6,
        "七": 7, "柒": 7,
        "八": 8, "捌": 8,
        "九": 9, "玖": 9,
    }
)  # fmt: skip
"""Every character read as one digit: plain, 两/兩, 〇 and the financial (大写) forms."""

_POWERS: Final[Mapping[str, int]] = MappingProxyType({"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000})
# 廿, 卅 and 卌 are a digit and 十 in one character.
_TENS: Final[Mapping[str, int]] = MappingProxyType({"廿": 2, "卅": 3, "卌": 4})
_WAN: Final = frozenset({"万", "萬"})
_POINT: Final = ("点", "點")

NUMERAL_CHARS: Final = frozenset(DIGITS) | frozenset(_POWERS) | frozenset(_TENS) | _WAN
"""Every character that may stand in a Chinese numeral (not 点: a scanner finds runs of these)."""

MAX_CHARS: Final = 15
"""The longest numeral below 亿: 九千九百九十九万九千九百九十九."""

MAX_VALUE: Final = 99_999_999
"""The largest value read or written (the grammar stops below 亿)."""

_WRITTEN_DIGITS: Final = "零一二三四五六七八九"
_WRITTEN_PLACES: Final = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_ARABIC: Final = re.compile(r"\d+(?:\.\d+)?", re.ASCII)


class MalformedNumeralError(ValueError):
    """A numeral broke a rule of the grammar; ``offset`` is the index in the text read, ``reason`` says which rule.

    Internal: callers turn it into their own typed error, positioned in their own text.
    """

    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


# -- reading ------------------------------------------------------------------------------------


def read_int(run: str) -> int:
    """The value of a Chinese numeral below 亿, in its standard written forms (see the module notes).

    Parameters
    ----------
    run : str
        The numeral alone, NFKC-normalised as the callers' scanners normalise their text.

    Returns
    -------
    int
        0 to 99,999,999.

    Raises
    ------
    MalformedNumeralError
        An empty run, a character that is no numeral, or a numeral that breaks the grammar;
        ``offset`` is inside ``run``.

    Examples
    --------
    >>> from slaclock._periods.numerals import read_int
    >>> read_int("十二"), read_int("两"), read_int("一百零五"), read_int("廿五"), read_int("壹万零贰拾")
    (12, 2, 105, 25, 10020)
    >>> read_int("一百五")
    Traceback (most recent call last):
      ...
    slaclock._periods.numerals.MalformedNumeralError: a digit after a place above ten is ambiguous; ...
    """
    if not run:
        raise MalformedNumeralError(0, "no numeral")
    if len(run) == 1 and run in DIGITS:
        return DIGITS[run]
    wan = [k for k, char in enumerate(run) if char in _WAN]
    if not wan:
        return _section(run, 0, len(run), leading=True)
    if len(wan) > 1:
        raise MalformedNumeralError(wan[1], "'万' twice")
    if wan[0] == 0:
        raise MalformedNumeralError(0, "'万' needs a number before it")
    high = _section(run, 0, wan[0], leading=True)
    low = _section(run, wan[0] + 1, len(run), leading=False) if wan[0] + 1 < len(run) else 0
    return high * 10_000 + low


def _section(run: str, start: int, stop: int, *, leading: bool) -> int:
    """The value of ``run[start:stop]``, a section below 万; ``leading`` if nothing stands before it."""
    value = 0
    last_power = 10_000  # places must fall strictly; below 万 the first place follows 万 itself
    digit: int | None = None
    digit_at = -1
    zero_at = -1
    for k in range(start, stop):
        char = run[k]
        if char in DIGITS and DIGITS[char] == 0:
            if digit is not None:
                raise MalformedNumeralError(k, "a digit string; write the number with places ('一百零五')")
            if zero_at >= 0:
                raise MalformedNumeralError(k, "'零' twice")
            if (value == 0 and leading) or last_power < 100:
                raise MalformedNumeralError(k, "'零' where no place is skipped")
            zero_at = k
            continue
        if char in DIGITS:
            if digit is not None:
                raise MalformedNumeralError(k, "two digits in a row; write '二十四', not '二四'")
            digit, digit_at = DIGITS[char], k
            continue
        if char in _TENS:
            if digit is not None:
                raise MalformedNumeralError(k, f"a digit before {char!r}")
            digit, power = _TENS[char], 10
        elif char in _POWERS:
            power = _POWERS[char]
        else:
            raise MalformedNumeralError(k, f"{char!r} inside a numeral")
        if power >= last_power:
            raise MalformedNumeralError(k, f"{char!r} cannot follow an equal or larger place")
        if digit is None:
            if not (power == 10 and leading and k == start):
                raise MalformedNumeralError(k, f"{char!r} needs a digit before it")
            digit = 1  # "十五": a leading 十 is 一十
        if last_power != 10_000 or not leading:
            if power != last_power // 10 and zero_at < 0:
                raise MalformedNumeralError(k, "a skipped place needs '零' ('一千零五十')")
            if power == last_power // 10 and zero_at >= 0:
                raise MalformedNumeralError(zero_at, "'零' where no place is skipped")
        value += digit * power
        last_power, digit, zero_at = power, None, -1
    if digit is not None:
        if not (last_power == 10 or zero_at >= 0 or (leading and last_power == 10_000)):
            raise MalformedNumeralError(
                digit_at, "a digit after a place above ten is ambiguous; write '一百五十' or '一百零五'"
            )
        value += digit
    elif zero_at >= 0:
        raise MalformedNumeralError(zero_at, "'零' at the end of a numeral")
    return value


def read_digits(run: str) -> str:
    """Chinese digits read one by one, as Arabic digits: "二五" is ``"25"``, "〇五" is ``"05"`` (zeros kept).

    For the digits after 点 ("零点二五"), where a digit string is the standard form.

    Raises
    ------
    MalformedNumeralError
        An empty run or a character that is not one digit (a place such as 十 included).

    Examples
    --------
    >>> from slaclock._periods.numerals import read_digits
    >>> read_digits("二五"), read_digits("〇五")
    ('25', '05')
    """
    if not run:
        raise MalformedNumeralError(0, "no digits")
    for k, char in enumerate(run):
        if char not in DIGITS:
            raise MalformedNumeralError(k, f"{char!r} is not a digit")
    return "".join(str(DIGITS[char]) for char in run)


def read_decimal(text: str) -> Decimal:
    """A number as a contract writes it, in Arabic or Chinese numerals, whole or with a decimal point.

    Arabic: "5", "0.5", "12.25" (full-width digits too: the text is NFKC-normalised first).
    Chinese: a numeral of :func:`read_int`, then optionally 点 (or 點) and digits
    of :func:`read_digits`: "五", "十五", "零点五", "一点五", "十二点二五".

    Raises
    ------
    MalformedNumeralError
        Anything else: no number, a sign, an empty side of 点, a malformed numeral.

    Examples
    --------
    >>> from slaclock._periods.numerals import read_decimal
    >>> read_decimal("零点五"), read_decimal("十二点二五"), read_decimal("０.５"), read_decimal("15")
    (Decimal('0.5'), Decimal('12.25'), Decimal('0.5'), Decimal('15'))
    """
    s = fold(text)
    if _ARABIC.fullmatch(s):
        return Decimal(s)
    whole, point, frac = s.partition(_POINT[0]) if _POINT[0] in s else s.partition(_POINT[1])
    if not whole:
        raise MalformedNumeralError(0, "no number before the point" if point else "no number")
    if point and not frac:
        raise MalformedNumeralError(len(s), "no digits after the point")
    value = read_int(whole)
    if not point:
        return Decimal(value)
    try:
        digits = read_digits(frac)
    except MalformedNumeralError as error:
        raise MalformedNumeralError(len(whole) + 1 + error.offset, error.reason) from None
    return Decimal(f"{value}.{digits}")


# -- writing ------------------------------------------------------------------------------------


def write_int(n: int) -> str:
    """``n`` (0 to 99,999,999) in standard Chinese numerals: 零, 五, 十五, 一百零五, 一万零一十, 十万零五百.

    A leading 一十 is written 十 ("十五", "十万"); inside a number it keeps its 一
    ("一百一十", "一万零一十"). :func:`read_int` reads every result back to ``n``.

    Raises
    ------
    ValueError
        ``n`` is not an int in range.

    Examples
    --------
    >>> from slaclock._periods.numerals import write_int
    >>> write_int(0), write_int(15), write_int(105), write_int(1050), write_int(10010), write_int(120000)
    ('零', '十五', '一百零五', '一千零五十', '一万零一十', '十二万')
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_VALUE:
        raise ValueError(f"write_int takes an int from 0 to {MAX_VALUE:,}; got {n!r}")
    if n == 0:
        return _WRITTEN_DIGITS[0]
    high, low = divmod(n, 10_000)
    if not high:
        return _leading(_write_section(low))
    out = _leading(_write_section(high)) + "万"
    if low:
        out += ("零" if low < 1000 else "") + _write_section(low)
    return out


def _write_section(n: int) -> str:
    """1 to 9,999 with every place named ("一十五"); zeros between places become one 零."""
    parts: list[str] = []
    pending_zero = False
    for value, name in _WRITTEN_PLACES:
        d = n // value % 10
        if d == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(_WRITTEN_DIGITS[d] + name)
    return "".join(parts)


def _leading(section: str) -> str:
    """A section at the start of a number: "一十五" is written "十五"."""
    return section[1:] if section.startswith("一十") else section


def write_decimal(x: Decimal) -> str:
    """A finite ``Decimal`` from 0 to 99,999,999.… in Chinese: 五, 十五, 零点五, 十二点二五.

    Trailing zeros are dropped (``Decimal("5.50")`` is 五点五); the digits after
    点 are written one by one. :func:`read_decimal` reads every result back to an
    equal ``Decimal``.

    Raises
    ------
    ValueError
        ``x`` is not a finite ``Decimal`` in range.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from slaclock._periods.numerals import write_decimal
    >>> write_decimal(Decimal("5")), write_decimal(Decimal("0.50")), write_decimal(Decimal("1E+2"))
    ('五', '零点五', '一百')
    """
    if not isinstance(x, Decimal) or not x.is_finite() or x < 0:
        raise ValueError(f"write_decimal takes a finite Decimal of 0 or more; got {x!r}")
    whole, _, frac = f"{x:f}".partition(".")
    frac = frac.rstrip("0")
    out = write_int(int(whole))
    if frac:
        out += _POINT[0] + "".join(_WRITTEN_DIGITS[int(c)] for c in frac)
    return out
