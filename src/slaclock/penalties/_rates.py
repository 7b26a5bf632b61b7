"""Rates and shares: daily rates read from the contract's words ("万分之五", "0.05%") and written back; one-off shares.

:class:`DailyRate` and :func:`daily_rate` (per overdue day), :func:`lump_sum` (a one-off percentage) and the
statutory :data:`SME_LATE_PAYMENT`. Chinese numerals are read and written by
:mod:`slaclock._periods.numerals`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, Final, Literal, TypeAlias, final

from slaclock._base.show import brief
from slaclock._periods import numerals
from slaclock.errors import InvalidInputError
from slaclock.penalties._amounts import (
    _EXACT,
    _FLOAT_HINT,
    AmountLike,
    _plain,
    _product,
    _round_fen,
    _text_arg,
    yuan,
)
from slaclock.penalties._overdue import _days_arg

__all__ = ["SME_LATE_PAYMENT", "ChargeKind", "DailyRate", "RateLike", "daily_rate", "lump_sum"]


ChargeKind: TypeAlias = Literal["penalty", "interest"]
"""What a daily rate charges: a contractual penalty (违约金) or statutory late-payment interest (逾期利息)."""


_MAX_RATE_PLACES: Final = 12
_RATE_DENOMINATORS: Final = 10**_MAX_RATE_PLACES  # a share with at most 12 places has a denominator dividing it


# -- rates --------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class DailyRate:
    """A share of the unpaid amount charged per overdue day: ``DailyRate(Decimal("0.0005"))`` is 每日万分之五.

    Build one from the contract's words with :func:`daily_rate`. ``str(rate)`` is a percentage per day and
    :attr:`zh` the Chinese form; both read back to the same rate. Equality and hashing compare ``per_day`` only.

    Parameters
    ----------
    per_day : Decimal
        The share per day, more than 0 and at most 1 (100% per day), with at most 12 decimal places.
        Floats are refused.
    charge : {"penalty", "interest"}
        What the rate charges: a contractual penalty (违约金, the default) or late-payment interest (逾期利息);
        it only changes the wording of :meth:`LatePayment.describe`.
    basis : str
        Where the rate comes from (a clause, a regulation), for the record.

    Raises
    ------
    InvalidInputError
        A ``per_day`` that is not a ``Decimal``, not finite, not positive, above 1 or with more than 12 places,
        or an unknown ``charge``.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from slaclock.penalties import DailyRate
    >>> r = DailyRate(Decimal("0.0005"))
    >>> str(r), r.zh, r.penalty("10,000", 12)
    ('0.05% per day', '每日万分之五', Decimal('60.00'))
    """

    per_day: Decimal
    charge: ChargeKind = field(default="penalty", compare=False)
    basis: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.charge, str) or self.charge not in ("penalty", "interest"):
            raise InvalidInputError(f"charge must be 'penalty' or 'interest'; got {brief(self.charge)}")
        if not isinstance(self.basis, str):
            raise InvalidInputError(f"basis must be text; got {type(self.basis).__name__} {brief(self.basis)}")
        x = _share(self.per_day, daily=True)
        object.__setattr__(self, "per_day", x)

    def __reduce__(self) -> tuple[type[DailyRate], tuple[Decimal, str, str]]:
        # pickled as a call of the constructor, so an edited pickle meets its checks
        return (DailyRate, (self.per_day, self.charge, self.basis))

    def __setstate__(self, state: object) -> None:
        # a pickle written by hand (or by an older slaclock) with a state: checked by the constructor too
        checked = DailyRate(**_state_fields(state, ("per_day", "charge", "basis")))
        for name in ("per_day", "charge", "basis"):
            object.__setattr__(self, name, getattr(checked, name))

    def __copy__(self) -> DailyRate:
        return self

    def __deepcopy__(self, memo: object) -> DailyRate:
        return self

    def __str__(self) -> str:
        return f"{_percent(self.per_day)} per day"

    @property
    def zh(self) -> str:
        """The rate in Chinese: "每日万分之五", "每日千分之一", "每日百分之一", "每日万分之零点五"."""
        return "每日" + _zh_ratio(self.per_day)

    def penalty(self, amount: AmountLike, days: int) -> Decimal:
        """``amount × per_day × days``, rounded half up to the fen.

        Examples
        --------
        >>> from slaclock.penalties import daily_rate
        >>> daily_rate("千分之一").penalty("¥12,345.60", 3)
        Decimal('37.04')
        """
        return _round_fen(_product(yuan(amount), self.per_day, _days_arg(days, "days")))


RateLike: TypeAlias = DailyRate | Decimal | Fraction | str
"""A daily rate: a :class:`DailyRate`, text ("万分之五", "0.05%", "0.5‰"), a ``Decimal`` or a ``Fraction``."""


def daily_rate(value: RateLike) -> DailyRate:
    """A :class:`DailyRate` from the contract's words, a ``Decimal`` or a ``Fraction``.

    Text forms (full-width characters and spaces are fine):

    - 万分之五, 千分之一, 百分之零点五, 万分之5, 萬分之五, 千分之一点五;
    - 0.05%, 0.5‰, 5‱, 0.05 percent;
    - any of these with 每日 / 每天 / 日 / 按日 / 每逾期一日 / 逾期每日 before, an optional 利率 ("每日利率万分之五"),
      or /日, /天, 每日, per day, a day, daily after.

    A bare number in text ("0.0005") is refused, since "0.05" could mean 0.05 or 0.05%: give the unit, or a
    ``Decimal``. A ``Decimal`` or ``Fraction`` is the share per day itself (``Decimal("0.0005")``). An annual or
    monthly rate is refused: converting it needs a day count (360 or 365) that only the contract can choose.

    Parameters
    ----------
    value : DailyRate, str, Decimal or Fraction
        Not a float (binary floats are inexact), not an int (5 could mean 5%, 5‰ or 万分之五).

    Returns
    -------
    DailyRate

    Raises
    ------
    InvalidInputError
        Unreadable text, a float or int, a fraction with no exact decimal, an annual or monthly rate, or a rate
        outside (0, 100%] per day.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from fractions import Fraction
    >>> from slaclock.penalties import daily_rate
    >>> daily_rate("每日万分之五").per_day, daily_rate("0.5‰/日").per_day, daily_rate(Fraction(1, 2000)).per_day
    (Decimal('0.0005'), Decimal('0.0005'), Decimal('0.0005'))
    >>> str(daily_rate("千分之一点五")), daily_rate(Decimal("0.0003")).zh
    ('0.15% per day', '每日万分之三')
    >>> daily_rate(0.0005)
    Traceback (most recent call last):
      ...
    slaclock.errors.InvalidInputError: a daily rate must not be a float (0.0005): binary floats cannot hold ...
    """
    if isinstance(value, DailyRate):
        return value
    return DailyRate(_share_arg(value, daily=True))


# The patterns are linear on any text: no run of spaces can be split between two quantifiers, and the
# words after the rate are found without a leading ``\s*`` (``re.sub(r"\s*…$")`` rescans a run of n
# spaces from each of its n starts: quadratic); the spaces before them are stripped instead.
_PER_DAY_BEFORE: Final = re.compile(
    r"^(?:每逾期一[日天]|逾期每[日天]|按每[日天]|按[日天]|每[日天]|日|daily|per\s*day)\s*(?:利率\s*)?"
)
_PER_DAY_AFTER: Final = re.compile(r"(?:/\s*(?:日|天|day|d)|每[日天]|per\s*day|a\s*day|daily|per\s*diem)$")
_OTHER_PERIOD: Final = re.compile(r"年|月|annual|annum|p\.\s*a\.|year|month")
_NUMBER: Final = re.compile(r"\d+(?:\.\d+)?", re.ASCII)
_SIGNED: Final = re.compile(
    r"(?P<word>百分之|千分之|万分之|萬分之)(?P<words>.+)|(?P<num>\d+(?:\.\d+)?)\s*(?P<sign>%|‰|‱|percent|per\s*cent)",
    re.ASCII,
)
_SCALES: Final = {"百分之": 100, "千分之": 1000, "万分之": 10000, "萬分之": 10000, "%": 100, "‰": 1000, "‱": 10000}
_DAILY_FORMS: Final = "万分之五, 每日万分之五, 千分之一, 0.05%, 0.5‰ or 5‱ (optionally with 每日 / per day)"
_SHARE_FORMS: Final = "5%, 百分之五 or 50‰"


def _share_arg(value: object, *, daily: bool) -> Decimal:
    """A share from text, a Decimal or a Fraction: a daily rate (``daily``) or a one-off share of an amount."""
    what = "a daily rate" if daily else "a share"
    example = "'万分之五'" if daily else "'5%'"
    if isinstance(value, bool):
        raise InvalidInputError(f"{what} must be text, a Decimal or a Fraction, not the bool {value!r}")
    if isinstance(value, float):
        raise InvalidInputError(
            f"{what} must not be a float ({value!r}): {_FLOAT_HINT}; write Decimal({str(value)!r}) "
            f"or text such as {example}"
        )
    if isinstance(value, int):
        n = brief(value)
        words = f"{n}%, {n}‰ or 万分之{n}" if daily else f"{n}% or {n} times the amount"
        raise InvalidInputError(
            f"{what} must not be a bare int ({n}): it could mean {words}; write the text or the share as a Decimal"
        )
    if isinstance(value, Decimal):
        return _share(value, daily=daily)
    if isinstance(value, Fraction):
        return _share(_fraction_decimal(value, daily=daily), daily=daily)
    if isinstance(value, str):
        try:
            return _share(_share_text(value, daily=daily), daily=daily)
        except InvalidInputError as exc:
            if str(exc).startswith(brief(value)):
                raise
            raise InvalidInputError(f"{brief(value)}: {exc}") from None
    raise InvalidInputError(
        f"{what} must be text such as {example}, a Decimal or a Fraction; got {type(value).__name__} {brief(value)}"
    )


def _share(x: object, *, daily: bool) -> Decimal:
    """Check a share: an exact, finite Decimal in (0, 1] with at most 12 places; returned without trailing zeros."""
    what = "a daily rate" if daily else "a share"
    if isinstance(x, float):
        raise InvalidInputError(
            f"{what} must be a Decimal, not the float {x!r}: {_FLOAT_HINT}; write Decimal({str(x)!r})"
        )
    if not isinstance(x, Decimal):
        raise InvalidInputError(
            f"{what} must be a Decimal share such as Decimal('0.0005'); got {type(x).__name__} {brief(x)}"
            " (daily_rate() reads text and fractions)"
        )
    if not x.is_finite():
        raise InvalidInputError(f"{what} must be finite, not {brief(x)}")
    if x <= 0 or x > 1:
        raise _range_error(_shown(x, daily), daily=daily, positive=x > 0)
    if x != x.quantize(Decimal(1).scaleb(-_MAX_RATE_PLACES), context=_EXACT):
        raise InvalidInputError(f"{what} may have at most {_MAX_RATE_PLACES} decimal places; got {_digits(x)}")
    return _plain(x)


def _range_error(shown: str, *, daily: bool, positive: bool) -> InvalidInputError:
    """The error for a share of 0 or less (``positive`` false) or more than 1, shown as ``shown``."""
    what = "a daily rate" if daily else "a share"
    if not positive:
        return InvalidInputError(f"{what} must be more than 0; got {shown}")
    more = (
        " is more than the whole amount each day; rates must be more than 0 and at most 100% per day. "
        "A one-off percentage is not a daily rate (see lump_sum)"
        if daily
        else " is more than the whole amount; a share must be more than 0 and at most 100%"
    )
    return InvalidInputError(f"{what} of {shown}{more}")


def _shown(x: Decimal, daily: bool) -> str:
    """A share in a message: a percentage (per day) if it has a printable size, else the Decimal, shortened."""
    if -30 <= x.adjusted() <= 30:  # x * 100 of 1E+999999999 overflows, and written out it has a billion digits
        return _percent(x) + (" per day" if daily else "")
    return brief(x)


def _digits(x: Decimal) -> str:
    """A Decimal in a message: as written if short, else shortened."""
    return str(x) if len(x.as_tuple().digits) <= 40 else brief(x)


def _share_text(text: str, *, daily: bool) -> Decimal:
    """The share written in ``text``; 每日 / per day may appear only in a daily rate."""
    s = _text_arg(text, "a daily rate" if daily else "a share")
    body = _PER_DAY_BEFORE.sub("", s, count=1)
    after = _PER_DAY_AFTER.search(body)
    body = (body[: after.start()] if after else body).strip()
    shown = brief(text)
    if body != s and not daily:
        raise InvalidInputError(
            f"{shown} is a rate per day, but a lump sum is a one-off share of the amount: "
            "use late_payment() for a rate per overdue day"
        )
    if _OTHER_PERIOD.search(s):
        raise InvalidInputError(
            f"{shown} is not a daily rate: an annual or monthly rate needs a day count (360 or 365) that only the "
            "contract can choose; convert it and pass the daily share as a Decimal"
        )
    if "lpr" in s or "报价利率" in s:
        raise InvalidInputError(
            f"{shown} follows the LPR, which changes over time; look up the rate that applies and pass it as a "
            "daily share (Decimal)"
        )
    m = _SIGNED.fullmatch(body)
    if m is None:
        what, forms = ("a daily rate", _DAILY_FORMS) if daily else ("a share of the amount", _SHARE_FORMS)
        bare = (
            "; a bare number is ambiguous (0.05 or 0.05%?): add the unit, or pass a Decimal"
            if _NUMBER.fullmatch(body)
            else ""
        )
        raise InvalidInputError(f"{shown} cannot be read as {what}{bare}; write it as {forms}")
    if m["word"]:
        number, scale = _zh_amount(m["words"], text), _SCALES[m["word"]]
    else:
        sign = m["sign"]
        number, scale = Decimal(m["num"]), _SCALES.get(sign, 100)  # percent / per cent
    with localcontext(_EXACT):
        return number / scale


def _zh_amount(words: str, text: str) -> Decimal:
    """The number after 万分之: Arabic ("5", "0.5") or Chinese ("五", "十五", "零点五", "一点五")."""
    try:
        return numerals.read_decimal(words)
    except numerals.MalformedNumeralError:
        raise InvalidInputError(
            f"{brief(text)}: cannot read the number {brief(words)}; write e.g. 五, 十五, 零点五 or 0.5"
        ) from None


def _fraction_decimal(value: Fraction, *, daily: bool) -> Decimal:
    """The share ``value`` as an exact Decimal, its range checked first (a huge fraction costs no arithmetic)."""
    what = "a daily rate" if daily else "a share"
    shown = f"Fraction({brief(value.numerator)}, {brief(value.denominator)})"
    if value <= 0 or value > 1:
        raise _range_error(shown, daily=daily, positive=value > 0)
    d = value.denominator
    if _RATE_DENOMINATORS % d == 0:  # at most 12 places: exact, since the numerator is at most d
        with localcontext(_EXACT):
            return Decimal(value.numerator) / Decimal(d)
    if d > _RATE_DENOMINATORS:  # too many places, or no decimal at all; and no loop over a huge denominator
        raise InvalidInputError(
            f"{what} {shown} has more than {_MAX_RATE_PLACES} decimal places or no exact decimal form; "
            "give a Decimal (e.g. rounded as the contract states it)"
        )
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        raise InvalidInputError(
            f"{what} {value} has no exact decimal form; give a Decimal (e.g. rounded as the contract states it)"
        )
    with localcontext(_EXACT):
        return Decimal(value.numerator) / Decimal(value.denominator)


def _state_fields(state: object, names: tuple[str, ...]) -> dict[str, Any]:
    """The fields of a pickled state: the dataclass's list of values, a dict, or ``(None, slots dict)``."""
    if isinstance(state, tuple) and len(state) == 2 and state[0] is None and isinstance(state[1], dict):
        state = state[1]
    if isinstance(state, dict) and set(state) == set(names):
        return dict(state)
    if isinstance(state, (list, tuple)) and len(state) == len(names):
        return dict(zip(names, state, strict=True))
    raise InvalidInputError(f"a pickled DailyRate must hold the state {', '.join(names)}; got {brief(state)}")


def _percent(x: Decimal) -> str:
    with localcontext(_EXACT):
        return f"{_plain(x * 100):f}%"


def _zh_ratio(x: Decimal) -> str:
    """The largest of 百分之 / 千分之 / 万分之 that makes the number whole, else 万分之 with decimals."""
    with localcontext(_EXACT):
        for word, scale in (("百分之", 100), ("千分之", 1000), ("万分之", 10000)):
            v = x * scale
            if v == v.to_integral_value():
                return word + numerals.write_decimal(v)
        return "万分之" + numerals.write_decimal(x * 10000)


SME_LATE_PAYMENT: Final = DailyRate(
    Decimal("0.0005"),
    charge="interest",
    basis="《保障中小企业款项支付条例》第十七条（2025年3月17日国务院令第802号修订，2025年6月1日起施行；"
    "2020年国务院令第728号原第十五条）",
)
"""每日万分之五: the statutory late-payment interest (逾期利息) owed to an SME when no rate was agreed.

《保障中小企业款项支付条例》: "机关、事业单位和大型企业迟延支付中小企业款项的，应当支付逾期利息。双方对逾期利息的利率
有约定的，约定利率不得低于合同订立时1年期贷款市场报价利率；未作约定的，按照每日利率万分之五支付逾期利息。"

- 2020 text (国务院令第728号, in force 2020-09-01): art. 15.
- Revised by 国务院令第802号 (signed 2025-03-17, in force 2025-06-01): the same sentence is art. 17, the
  rate unchanged at 每日万分之五.

Verification: the wording of the 2020 art. 15 and of the 2025 art. 17 was checked against secondary sources
(law-firm commentary and reprints citing the State Council's text); the art. 17 wording was not read in the
official full text on gov.cn itself.

It applies only where a 机关, 事业单位 or 大型企业 pays an SME (中小企业) late for goods, works or services and the
contract agrees no rate; an agreed rate may not be below the one-year LPR at signing. slaclock checks none of
these conditions: choosing the preset is the user's legal judgment.

Examples
--------
>>> from slaclock.penalties import SME_LATE_PAYMENT
>>> SME_LATE_PAYMENT.zh, SME_LATE_PAYMENT.charge
('每日万分之五', 'interest')
"""


# -- one-off percentages --------------------------------------------------------------------------


def lump_sum(amount: AmountLike, share: Decimal | Fraction | str) -> Decimal:
    """A one-off share of an amount, rounded half up to the fen: "应向乙方支付___%的违约金" (seed 002 §8.1).

    Not a daily rate: the sum does not grow with the days overdue.

    Parameters
    ----------
    amount : Decimal, int or str
        In yuan.
    share : Decimal, Fraction or str
        "5%", "百分之五", "50‰", or the share itself (``Decimal("0.05")``); more than 0 and at most 100%.
        Daily words (每日, per day) are refused: use :func:`late_payment`.

    Raises
    ------
    InvalidInputError
        A float, an unreadable or daily share, or one outside (0, 100%].

    Examples
    --------
    >>> from slaclock.penalties import lump_sum
    >>> lump_sum("¥12,345.60", "5%"), lump_sum(8000, "百分之二十")
    (Decimal('617.28'), Decimal('1600.00'))
    """
    return _round_fen(_product(yuan(amount), _share_arg(share, daily=False)))
