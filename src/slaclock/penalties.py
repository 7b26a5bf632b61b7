"""Late-payment penalties: overdue days, daily rates, partial payments and the right to terminate.

A contract says "每逾期一日，应按照未支付金额的万分之五向乙方支付逾期违约金。逾期超过30日的，乙方有权解除本协议"
(seed 004 §五). This module counts the overdue days from a (rolled) :class:`~slaclock.Deadline`, reads the
rate as the contract writes it, lets each partial payment reduce the balance the penalty accrues on, and
says when the right to terminate arose — in :class:`~decimal.Decimal`, rounded to the fen only once, at the end.

Maintainer's notes
------------------
- Money never touches a binary float: amounts and rates are ``Decimal`` (or exact text, an ``int`` amount,
  a ``Fraction`` rate); a ``float`` argument is refused with the reason. Products are computed in a local
  context of 60 digits, which holds every product exactly (amounts < 10**15 with 2 places, rates with at most
  12 places, day counts < 10**7), so the only rounding is the final ROUND_HALF_UP to the fen.
- Overdue days are calendar days (DESIGN.md "Overdue days"): the rolled last day of the payment period ends
  the grace; the day after it is overdue day 1 and the payment day itself counts. A payment made late on the
  last day itself (after the close of business of art. 203 para 2, or after the instant of an hour limit) is
  deemed made on the next day: 1 overdue day. The calendar is consulted only to build the deadline, so
  a penalty is provisional exactly when its deadline is (``LatePayment.provisional``): the days after a
  deadline are counted whatever the calendar says about them.
- A penalty accrues on the balance outstanding each overdue day. Overdue day ``k`` is the date
  ``last_day + k``; a payment on overdue day ``k`` still owed the paid part that day, so a part paid on
  day ``k`` accrues for ``k`` days: total = Σ part × rate × k + balance × rate × k(as_of).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING, Final, Literal, TypeAlias, final

from slaclock._base.types import Lang
from slaclock._calendar import WorkCalendar
from slaclock._periods import numerals
from slaclock._periods.period import Period, Unit, period
from slaclock._rules.deadline import Deadline, _instant, _parse_iso
from slaclock.errors import InvalidInputError, PeriodParseError

if TYPE_CHECKING:
    from pendulum import DateTime

__all__ = [
    "SME_LATE_PAYMENT",
    "AmountLike",
    "ChargeKind",
    "DailyRate",
    "LatePayment",
    "Payment",
    "PaymentLike",
    "RateLike",
    "Segment",
    "WhenLike",
    "daily_rate",
    "late_payment",
    "lump_sum",
    "overdue_days",
    "overdue_text",
    "yuan",
]

AmountLike: TypeAlias = Decimal | int | str
"""An amount in yuan: a ``Decimal``, an ``int`` or text such as ``"12,345.60"``, ``"¥12345.6"``, ``"12345.60元"``."""

WhenLike: TypeAlias = dt.date | dt.datetime | str
"""When a payment was made: a date, a datetime (naive = wall time in the calendar's zone) or ISO text."""

PaymentLike: TypeAlias = tuple[WhenLike, AmountLike]
"""One payment as ``(when, amount)``."""

ChargeKind: TypeAlias = Literal["penalty", "interest"]
"""What a daily rate charges: a contractual penalty (违约金) or statutory late-payment interest (逾期利息)."""

_FEN: Final = Decimal("0.01")
_MAX_AMOUNT: Final = Decimal(10) ** 15  # 1,000万亿 yuan: anything larger is a typo
_MAX_RATE_PLACES: Final = 12
_EXACT: Final = Context(prec=60, rounding=ROUND_HALF_UP)
_FLOAT_HINT: Final = (
    "binary floats cannot hold most amounts and rates exactly (0.1 + 0.2 != 0.3), and a penalty must be "
    "exact to the fen"
)


# -- amounts ------------------------------------------------------------------------------------

_AMOUNT_TEXT: Final = re.compile(
    r"(?:rmb|cny|人民币|¥)?\s*(?P<sign>-)?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:元|yuan|rmb|cny)?"
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
        or text that is not an amount.

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
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        number = _amount_text(value, what)
    else:
        raise InvalidInputError(
            f"{what} must be a Decimal, an int or text such as '12,345.60'; got {type(value).__name__} {value!r}"
        )
    if not number.is_finite():
        raise InvalidInputError(f"{what} must be a finite amount, not {value!r}")
    if number < 0:
        raise InvalidInputError(f"{what} must not be negative; got {value!r}")
    if number >= _MAX_AMOUNT:
        raise InvalidInputError(f"{what} {value!r} is 10**15 yuan or more; that is a typo, not an amount")
    fen = number.quantize(_FEN)
    if fen != number:
        raise InvalidInputError(f"{what} {value!r} has more than two decimal places; amounts are exact to the fen")
    return fen


def _amount_text(text: str, what: str) -> Decimal:
    s = unicodedata.normalize("NFKC", text).strip().lower()
    m = _AMOUNT_TEXT.fullmatch(s)
    if m is None:
        raise InvalidInputError(
            f"cannot read {text!r} as {what}: write digits with an optional ¥/RMB/元 and thousands separators, "
            "e.g. '12,345.60', '¥12345.6' or '8000元'"
        )
    if m["sign"]:
        raise InvalidInputError(f"{what} must not be negative; got {text!r}")
    return Decimal(m["num"].replace(",", ""))


_CHARGE: Final = {"penalty": ("违约金", "penalty"), "interest": ("逾期利息", "late-payment interest")}


def _money(value: Decimal) -> str:
    """``¥12,345.60``."""
    return f"¥{value:,.2f}"


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
        if self.charge not in ("penalty", "interest"):
            raise InvalidInputError(f"charge must be 'penalty' or 'interest'; got {self.charge!r}")
        x = _share(self.per_day, daily=True)
        object.__setattr__(self, "per_day", x)

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


_PER_DAY_BEFORE: Final = re.compile(
    r"^(?:每逾期一[日天]|逾期每[日天]|按每[日天]|按[日天]|每[日天]|日|daily|per\s*day)\s*(?:利率)?\s*"
)
_PER_DAY_AFTER: Final = re.compile(r"\s*(?:/\s*(?:日|天|day|d)|每[日天]|per\s*day|a\s*day|daily|per\s*diem)$")
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
        words = f"{value}%, {value}‰ or 万分之{value}" if daily else f"{value}% or {value} times the amount"
        raise InvalidInputError(
            f"{what} must not be a bare int ({value!r}): it could mean {words}; "
            "write the text or the share as a Decimal"
        )
    if isinstance(value, Decimal):
        return _share(value, daily=daily)
    if isinstance(value, Fraction):
        return _share(_fraction_decimal(value, what), daily=daily)
    if isinstance(value, str):
        try:
            return _share(_share_text(value, daily=daily), daily=daily)
        except InvalidInputError as exc:
            if str(exc).startswith(repr(value)):
                raise
            raise InvalidInputError(f"{value!r}: {exc}") from None
    raise InvalidInputError(
        f"{what} must be text such as {example}, a Decimal or a Fraction; got {type(value).__name__} {value!r}"
    )


def _share(x: object, *, daily: bool) -> Decimal:
    """Check a share: an exact, finite Decimal in (0, 1] with at most 12 places; returned without trailing zeros."""
    what, per = ("a daily rate", " per day") if daily else ("a share", "")
    if isinstance(x, float):
        raise InvalidInputError(
            f"{what} must be a Decimal, not the float {x!r}: {_FLOAT_HINT}; write Decimal({str(x)!r})"
        )
    if not isinstance(x, Decimal):
        raise InvalidInputError(
            f"{what} must be a Decimal share such as Decimal('0.0005'); got {type(x).__name__} {x!r}"
            " (daily_rate() reads text and fractions)"
        )
    if not x.is_finite():
        raise InvalidInputError(f"{what} must be finite, not {x!r}")
    if x <= 0:
        raise InvalidInputError(f"{what} must be more than 0; got {_percent(x)}{per}")
    if x > 1:
        more = (
            " is more than the whole amount each day; rates must be more than 0 and at most 100% per day. "
            "A one-off percentage is not a daily rate (see lump_sum)"
            if daily
            else " is more than the whole amount; a share must be more than 0 and at most 100%"
        )
        raise InvalidInputError(f"{what} of {_percent(x)}{per}{more}")
    if x != x.quantize(Decimal(1).scaleb(-_MAX_RATE_PLACES), context=_EXACT):
        raise InvalidInputError(f"{what} may have at most {_MAX_RATE_PLACES} decimal places; got {x}")
    return _plain(x)


def _share_text(text: str, *, daily: bool) -> Decimal:
    """The share written in ``text``; 每日 / per day may appear only in a daily rate."""
    s = unicodedata.normalize("NFKC", text).strip().lower()
    body = _PER_DAY_AFTER.sub("", _PER_DAY_BEFORE.sub("", s, count=1), count=1).strip()
    if body != s and not daily:
        raise InvalidInputError(
            f"{text!r} is a rate per day, but a lump sum is a one-off share of the amount: "
            "use late_payment() for a rate per overdue day"
        )
    if _OTHER_PERIOD.search(s):
        raise InvalidInputError(
            f"{text!r} is not a daily rate: an annual or monthly rate needs a day count (360 or 365) that only the "
            "contract can choose; convert it and pass the daily share as a Decimal"
        )
    if "lpr" in s or "报价利率" in s:
        raise InvalidInputError(
            f"{text!r} follows the LPR, which changes over time; look up the rate that applies and pass it as a "
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
        raise InvalidInputError(f"{text!r} cannot be read as {what}{bare}; write it as {forms}")
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
            f"{text!r}: cannot read the number {words!r}; write e.g. 五, 十五, 零点五 or 0.5"
        ) from None


def _fraction_decimal(value: Fraction, what: str) -> Decimal:
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        raise InvalidInputError(
            f"{what} {value} has no exact decimal form; give a Decimal (e.g. rounded as the contract states it)"
        )
    with localcontext(_EXACT):
        return Decimal(value.numerator) / Decimal(value.denominator)


def _plain(x: Decimal) -> Decimal:
    """``x`` without trailing zeros; a whole number keeps its digits (Decimal('100'), not Decimal('1E+2'))."""
    n = x.normalize(_EXACT)
    exponent = n.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, checked by callers
    return n.quantize(Decimal(1), context=_EXACT) if exponent > 0 else n


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


def _round_fen(x: Decimal) -> Decimal:
    return x.quantize(_FEN, rounding=ROUND_HALF_UP, context=_EXACT)


def _product(*factors: Decimal | int) -> Decimal:
    """The exact product (60 digits hold every product this module forms)."""
    out = Decimal(1)
    for f in factors:
        out = _EXACT.multiply(out, f)
    return out


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


# -- overdue days -------------------------------------------------------------------------------


def overdue_days(deadline: Deadline | dt.date | str, paid_at: WhenLike) -> int:
    """Calendar days a payment is late: from the day after the (rolled) last day to the payment day, inclusive.

    Paid before the deadline (an instant before ``deadline.due``, or a date no later than the last day): 0.
    Paid on the day after the last day: 1. Weekends and holidays after the deadline all count; only the last
    day of the payment period itself moves (art. 203, already applied by :func:`slaclock.deadline`).

    Parameters
    ----------
    deadline : Deadline, date or ISO date text
        A :class:`~slaclock.Deadline` (its ``due`` and rolled ``last_day`` are used), or the last day of the
        payment period as a date, already rolled by the caller.
    paid_at : date, datetime or ISO text
        With a ``Deadline``: a datetime is an instant (naive = wall time in the calendar's zone) compared with
        ``due``; a payment late on the last day itself (after the close of business) counts as 1 day; a date
        means some time that day. With a plain date deadline, a datetime's own date is used.

    Returns
    -------
    int
        0 or more. The count reads no calendar; it is as provisional as the deadline it starts from
        (``deadline.provisional``): see :attr:`LatePayment.provisional`.

    Raises
    ------
    InvalidInputError
        A deadline that is not a ``Deadline`` or a date (a datetime is refused: give a ``Deadline``), or a
        ``paid_at`` that is not a date or datetime.

    Examples
    --------
    >>> import datetime as dt, slaclock as sc
    >>> from slaclock import penalties
    >>> d = sc.deadline("2026-09-21", "10日内", calendar="CN")   # day 10 is 10-01: rolled past National Day
    >>> d.last_day
    datetime.date(2026, 10, 8)
    >>> [penalties.overdue_days(d, paid) for paid in ("2026-10-08T23:59", "2026-10-09", dt.date(2026, 10, 20))]
    [0, 1, 12]
    """
    last, due, cal = _deadline_arg(deadline)
    return _overdue(last, due, _when(paid_at, cal, "paid_at"))


def overdue_text(days: int, lang: Lang = "zh") -> str:
    """Overdue days in words: "逾期3日" / "overdue by 3 days" ("overdue by 1 day"; 0 is "未逾期" / "not overdue").

    Raises
    ------
    InvalidInputError
        A negative or non-int ``days``, or a ``lang`` other than ``"zh"`` or ``"en"``.

    Examples
    --------
    >>> from slaclock.penalties import overdue_text
    >>> overdue_text(3), overdue_text(1, "en"), overdue_text(12, "en"), overdue_text(0)
    ('逾期3日', 'overdue by 1 day', 'overdue by 12 days', '未逾期')
    """
    n = _days_arg(days, "days")
    zh = _lang_arg(lang)
    if n == 0:
        return "未逾期" if zh else "not overdue"
    return f"逾期{n}日" if zh else f"overdue by {_en_days(n)}"


def _en_days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _when(value: object, cal: WorkCalendar | None, what: str) -> tuple[dt.date, DateTime | dt.datetime | None]:
    """The civil day of a payment (in the calendar's zone if there is one) and its instant, if it has a time."""
    if isinstance(value, str):
        value = _parse_iso(value, what)
    if isinstance(value, dt.datetime):
        if cal is not None:
            instant = _instant(cal, value, what)
            assert instant is not None  # a datetime always has a time
            return dt.date(instant.year, instant.month, instant.day), instant
        return value.date(), value
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day), None
    raise InvalidInputError(
        f"{what} must be a date, a datetime or ISO text such as '2026-10-20'; got {type(value).__name__} {value!r}"
    )


def _deadline_arg(value: object) -> tuple[dt.date, DateTime | None, WorkCalendar | None]:
    """The last day, the exclusive due instant (if known) and the calendar (if any) of a deadline argument."""
    if isinstance(value, Deadline):
        return value.last_day, value.due, value.calendar
    if isinstance(value, str):
        value = _parse_iso(value, "deadline")
    if isinstance(value, dt.datetime):
        raise InvalidInputError(
            f"deadline must be a Deadline or the last day of the payment period (a date), not the datetime "
            f"{value.isoformat()}: build it with sc.deadline(...) to get its exclusive due instant"
        )
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day), None, None
    raise InvalidInputError(
        "deadline must be a Deadline (sc.deadline(...)) or the last day of the payment period (a date); "
        f"got {type(value).__name__} {value!r}"
    )


def _overdue(last: dt.date, due: DateTime | None, when: tuple[dt.date, DateTime | dt.datetime | None]) -> int:
    day, instant = when
    late = (day - last).days
    if due is not None and instant is not None:
        return 0 if instant < due else max(1, late)
    return max(0, late)


def _days_arg(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"{what} must be a whole number of days (int); got {type(value).__name__} {value!r}")
    if value < 0:
        raise InvalidInputError(f"{what} must be 0 or more; got {value}")
    return value


def _lang_arg(lang: object) -> bool:
    if lang not in ("zh", "en"):
        raise InvalidInputError(f"lang must be 'zh' or 'en', got {lang!r}")
    return lang == "zh"


# -- late payment ---------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class Payment:
    """One payment as counted: its civil day, amount, overdue days and the balance left after it."""

    day: dt.date
    amount: Decimal
    overdue_days: int
    balance_after: Decimal


@final
@dataclass(frozen=True, slots=True)
class Segment:
    """A run of overdue days with one unpaid balance: ``penalty = balance × rate × days``, exact (not rounded).

    ``first`` and ``last`` are the first and last overdue day of the run, both included.
    """

    first: dt.date
    last: dt.date
    days: int
    balance: Decimal
    penalty: Decimal


@final
@dataclass(frozen=True, slots=True)
class LatePayment:
    """The penalty for paying ``amount`` late, payment by payment. Build one with :func:`late_payment`.

    Attributes
    ----------
    amount : Decimal
        The amount due, in yuan.
    rate : DailyRate
    last_day : date
        The (rolled) last day of the payment period; overdue day 1 is the day after.
    payments : tuple of Payment
        In order, with the overdue days and the balance after each.
    as_of : date or None
        The day the penalty on a balance still unpaid is counted to (inclusive).
    segments : tuple of Segment
        The overdue days split by unpaid balance; days with nothing unpaid are not listed.
    overdue_days : int
        Days from the day after ``last_day`` to the day the balance was cleared (or to ``as_of``).
    exact_penalty : Decimal
        The sum of the segments' penalties, exact.
    penalty : Decimal
        ``exact_penalty`` rounded half up to the fen: the only rounding.
    unpaid : Decimal
        The balance still unpaid after every payment.
    terminate_after : int or None
        The contract's "逾期超过N日" threshold.
    termination_right : bool
        Whether the payment was overdue more than ``terminate_after`` days (exactly N is not more than N).
    termination_from : date or None
        The first day the right arose: overdue day N + 1, ``last_day + N + 1``.
    provisional : bool
        True iff the deadline is provisional (``Deadline.provisional``): its last day was found on
        calendar days past the official data (a ``horizon="projected"`` calendar), so the overdue days,
        the penalty and the termination day may change when the year's arrangement is published. The
        overdue days themselves are calendar days and read no calendar; a plain date deadline is never
        provisional.
    """

    amount: Decimal
    rate: DailyRate
    last_day: dt.date
    payments: tuple[Payment, ...]
    as_of: dt.date | None
    segments: tuple[Segment, ...]
    overdue_days: int
    exact_penalty: Decimal
    penalty: Decimal
    unpaid: Decimal
    terminate_after: int | None = None
    termination_right: bool = False
    termination_from: dt.date | None = None
    provisional: bool = False

    def __copy__(self) -> LatePayment:
        return self

    def __deepcopy__(self, memo: object) -> LatePayment:
        return self

    @property
    def paid(self) -> Decimal:
        """The total of the payments."""
        return self.amount - self.unpaid

    def describe(self, lang: Lang = "zh") -> str:
        """One line in Chinese (``"zh"``) or English (``"en"``): overdue days, the penalty and how it was counted.

        Raises
        ------
        InvalidInputError
            An unknown ``lang``.

        Examples
        --------
        >>> from slaclock import penalties
        >>> r = penalties.late_payment("10,000", "2026-10-08", [("2026-10-20", "10,000")], "万分之五")
        >>> print(r.describe())
        逾期12日，违约金¥60.00（未付金额¥10,000.00 × 每日万分之五 × 12日）
        >>> print(r.describe("en"))
        overdue by 12 days, penalty ¥60.00 (unpaid ¥10,000.00 × 0.05% per day × 12 days)
        """
        zh = _lang_arg(lang)
        charge = _CHARGE[self.rate.charge][0 if zh else 1]
        parts = [overdue_text(self.overdue_days, lang)]
        if not self.segments:
            parts.append(f"无{charge}" if zh else f"no {charge}")
            text = ("，" if zh else ", ").join(parts)
        else:
            if len(self.segments) == 1:
                s = self.segments[0]
                how = (
                    f"未付金额{_money(s.balance)} × {self.rate.zh} × {s.days}日"
                    if zh
                    else f"unpaid {_money(s.balance)} × {self.rate} × {_en_days(s.days)}"
                )
            else:
                terms = " + ".join(
                    f"{_money(s.balance)} × {s.days}日" if zh else f"{_money(s.balance)} × {_en_days(s.days)}"
                    for s in self.segments
                )
                how = f"{self.rate.zh}：{terms}" if zh else f"{self.rate}: {terms}"
            text = (
                f"{parts[0]}，{charge}{_money(self.penalty)}（{how}）"
                if zh
                else f"{parts[0]}, {charge} {_money(self.penalty)} ({how})"
            )
        if self.unpaid:
            to = "" if self.as_of is None else self.as_of.isoformat()
            text += (
                f"；尚欠{_money(self.unpaid)}（计至{to}）"
                if zh
                else f"; {_money(self.unpaid)} still unpaid (counted to {to})"
            )
        if self.terminate_after is not None:
            n = self.terminate_after
            if self.termination_right:
                assert self.termination_from is not None
                day = self.termination_from.isoformat()
                text += (
                    f"；逾期超过{n}日，自{day}起有权解除合同"
                    if zh
                    else f"; overdue more than {_en_days(n)}: right to terminate from {day}"
                )
            else:
                text += (
                    f"；未逾期超过{n}日，尚无解除权"
                    if zh
                    else f"; not overdue more than {_en_days(n)}: no right to terminate"
                )
        if self.provisional:
            text += (
                "；结果为暂定：付款期限所用日期超出官方公布的放假安排"
                if zh
                else "; provisional: the payment deadline uses days past the officially published calendar"
            )
        return text


def late_payment(
    amount: AmountLike,
    deadline: Deadline | dt.date | str,
    payments: Iterable[PaymentLike],
    rate: RateLike,
    *,
    as_of: WhenLike | None = None,
    terminate_after: int | str | Period | None = None,
) -> LatePayment:
    """The penalty for late payment of ``amount``, with partial payments and the termination threshold.

    Each overdue day the rate is charged on the balance still unpaid that day; a payment reduces the balance
    from the next day (the payment day itself still counts, as for a single payment: paid on the day after the
    last day = 1 overdue day). The exact penalty is rounded half up to the fen once, at the end, so the
    total does not depend on how the days are split (rounding each segment could drift by a fen per segment).

    Parameters
    ----------
    amount : Decimal, int or str
        The amount due, in yuan (more than 0).
    deadline : Deadline, date or ISO date text
        The payment deadline, see :func:`overdue_days`.
    payments : iterable of (when, amount)
        Principal payments in the order made (a day may repeat). ``when`` is a date, datetime or ISO text;
        ``amount`` more than 0. Their total may not exceed ``amount``: a penalty paid along with the principal is
        not a payment of the principal, so leave it out.
    rate : DailyRate, str, Decimal or Fraction
        The daily rate, see :func:`daily_rate`, or :data:`SME_LATE_PAYMENT`.
    as_of : date, datetime or ISO text, optional
        Required when the payments leave a balance: the day the penalty on it is counted to (inclusive).
        Must not be before a payment.
    terminate_after : int, str or Period, optional
        "逾期超过N日" — the right to terminate arises when the payment is overdue more than N days: N (0 or
        more), or the words ("30日", "逾期超过三十日", "30 days").

    Returns
    -------
    LatePayment

    Raises
    ------
    InvalidInputError
        A float, negative or unreadable amount or rate; a payment that is not a (when, amount) pair, is zero,
        is out of order, or brings the total above ``amount``; a balance left without ``as_of``; a payment after
        ``as_of``; a threshold that is not whole calendar days.

    See Also
    --------
    overdue_days : the counting rule.
    lump_sum : a one-off percentage ("___%的违约金").

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock import penalties
    >>> d = sc.deadline("2026-09-21", "10日内", calendar="CN")          # last day 10-08, after National Day
    >>> r = penalties.late_payment("12,345.60", d, [("2026-10-15", "5,000"), ("2026-10-20", "7,345.60")],
    ...                            "万分之五", terminate_after=10)
    >>> r.overdue_days, r.exact_penalty, r.penalty
    (12, Decimal('61.5736'), Decimal('61.57'))
    >>> for s in r.segments:
    ...     print(s.first, s.last, s.days, s.balance, s.penalty)
    2026-10-09 2026-10-15 7 12345.60 43.2096
    2026-10-16 2026-10-20 5 7345.60 18.364
    >>> print(r.describe())
    逾期12日，违约金¥61.57（每日万分之五：¥12,345.60 × 7日 + ¥7,345.60 × 5日）；逾期超过10日，自2026-10-19起有权解除合同
    """
    total = yuan(amount)
    if total == 0:
        raise InvalidInputError("amount must be more than 0; got 0")
    the_rate = daily_rate(rate)
    last, due, cal = _deadline_arg(deadline)
    threshold = _threshold_arg(terminate_after)
    records: list[Payment] = []
    balance = total
    previous_day: dt.date | None = None
    for k, item in enumerate(_payment_items(payments)):
        when, paid = item
        where = f"payments[{k}]"
        stamp = _when(when, cal, f"{where} date")
        value = _yuan(paid, f"{where} amount")
        if value == 0:
            raise InvalidInputError(f"{where} amount must be more than 0; got {paid!r}")
        if previous_day is not None and stamp[0] < previous_day:
            raise InvalidInputError(
                f"payments must be in the order made: {where} on {stamp[0].isoformat()} comes after "
                f"payments[{k - 1}] on {previous_day.isoformat()}"
            )
        if value > balance:
            raise InvalidInputError(
                f"{where} ({_money(value)}) brings the payments to {_money(total - balance + value)}, more than the "
                f"amount {_money(total)} by {_money(value - balance)}; list only payments of the principal"
            )
        balance -= value
        previous_day = stamp[0]
        records.append(Payment(stamp[0], value, _overdue(last, due, stamp), balance))

    as_of_day: dt.date | None = None
    as_of_days = 0
    if as_of is not None:
        stamp = _when(as_of, cal, "as_of")
        as_of_day = stamp[0]
        if previous_day is not None and previous_day > as_of_day:
            raise InvalidInputError(
                f"as_of {as_of_day.isoformat()} is before the last payment on {previous_day.isoformat()}; "
                "count to a day after every payment, or leave the later payments out"
            )
        as_of_days = _overdue(last, due, stamp)
    if balance and as_of is None:
        raise InvalidInputError(
            f"{_money(balance)} of {_money(total)} is still unpaid after the payments; give as_of= "
            "(the day to count the penalty on it to)"
        )
    # the overdue days end when the balance is cleared, or at as_of while some is still unpaid
    end_days = as_of_days if balance else records[-1].overdue_days

    segments: list[Segment] = []
    outstanding, counted = total, 0
    marks = [(p.overdue_days, p.amount) for p in records]
    if balance:
        marks.append((end_days, Decimal(0)))
    with localcontext(_EXACT):
        for days, value in marks:
            if days > counted:
                span = days - counted
                segments.append(
                    Segment(
                        first=last + dt.timedelta(days=counted + 1),
                        last=last + dt.timedelta(days=days),
                        days=span,
                        balance=outstanding,
                        penalty=_plain(_product(outstanding, the_rate.per_day, span)),
                    )
                )
                counted = days
            outstanding -= value
        exact = _plain(sum((s.penalty for s in segments), Decimal(0)))  # exact: at most ~40 digits
    right = threshold is not None and end_days > threshold
    return LatePayment(
        amount=total,
        rate=the_rate,
        last_day=last,
        payments=tuple(records),
        as_of=as_of_day,
        segments=tuple(segments),
        overdue_days=end_days,
        exact_penalty=exact,
        penalty=_round_fen(exact),
        unpaid=balance,
        terminate_after=threshold,
        termination_right=right,
        termination_from=last + dt.timedelta(days=threshold + 1) if right and threshold is not None else None,
        provisional=isinstance(deadline, Deadline) and deadline.provisional,
    )


def _payment_items(payments: object) -> list[tuple[object, object]]:
    if isinstance(payments, (str, bytes)) or not isinstance(payments, Iterable):
        raise InvalidInputError(
            "payments must be a list of (when, amount) pairs, e.g. [('2026-10-20', '5,000')]; "
            f"got {type(payments).__name__} {payments!r}"
        )
    items: list[tuple[object, object]] = []
    for k, item in enumerate(payments):
        if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 2:
            raise InvalidInputError(
                f"payments[{k}] must be a (when, amount) pair such as ('2026-10-20', '5,000'); got {item!r}"
            )
        items.append((item[0], item[1]))
    return items


_THRESHOLD_ZH: Final = re.compile(r"^(?:逾期)?(?:超过|超出|多于)?|的$")
_THRESHOLD_EN: Final = re.compile(r"^(?:overdue\s+)?(?:by\s+)?more\s+than\s+")
_THRESHOLD_INCLUSIVE: Final = re.compile(r"以上|以内|届满|满|不少于|至少|at\s+least|or\s+more")


def _threshold_arg(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidInputError(f"terminate_after must be a number of days, not the bool {value!r}")
    if isinstance(value, int):
        return _days_arg(value, "terminate_after")
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().lower()
        if _THRESHOLD_INCLUSIVE.search(text):
            raise InvalidInputError(
                f"terminate_after {value!r} includes the number itself (以上/届满 include it, 超过 does not: "
                "Civil Code art. 1259); the threshold is 'overdue more than N days': pass N - 1, or '逾期超过N日'"
            )
        words = _THRESHOLD_EN.sub("", _THRESHOLD_ZH.sub("", text)).strip()
        try:
            value = period(words)
        except PeriodParseError as exc:
            raise InvalidInputError(
                f"terminate_after {value!r} is not a number of days ('30日', '逾期超过三十日', '30 days'): {exc}"
            ) from None
    if isinstance(value, Period):
        if value.unit is Unit.DAY:
            return value.amount
        if value.unit is Unit.WEEK:
            return 7 * value.amount
        raise InvalidInputError(
            f"terminate_after counts calendar overdue days, as 逾期超过N日 does; {value} is not in days or weeks"
        )
    raise InvalidInputError(
        f"terminate_after must be an int, text such as '30日', or a Period; got {type(value).__name__} {value!r}"
    )


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
