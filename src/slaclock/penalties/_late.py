"""Late payment: the penalty on a balance reduced by partial payments, segment by segment, and the right to terminate.

:func:`late_payment` and its result :class:`LatePayment` (with :class:`Payment` and :class:`Segment`), built on
the amounts, rates and overdue days of the sibling modules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Final, TypeAlias, final

from slaclock._base.instants import before
from slaclock._base.show import brief
from slaclock._base.types import Lang
from slaclock._periods.period import Period, Unit, period
from slaclock._rules.deadline import Deadline
from slaclock.errors import InvalidInputError, PeriodParseError
from slaclock.penalties._amounts import (
    _EXACT,
    AmountLike,
    _money,
    _plain,
    _product,
    _round_fen,
    _text_arg,
    _yuan,
    yuan,
)
from slaclock.penalties._overdue import (
    WhenLike,
    _days_arg,
    _deadline_arg,
    _en_days,
    _lang_arg,
    _overdue,
    _when,
    overdue_text,
)
from slaclock.penalties._rates import DailyRate, RateLike, daily_rate

__all__ = ["LatePayment", "Payment", "PaymentLike", "Segment", "late_payment"]


PaymentLike: TypeAlias = tuple[WhenLike, AmountLike]
"""One payment as ``(when, amount)``."""


_CHARGE: Final = {"penalty": ("违约金", "penalty"), "interest": ("逾期利息", "late-payment interest")}


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

    def __repr__(self) -> str:
        """One short line, whatever the number of payments (``payments`` and ``segments`` hold them all).

        >>> from slaclock import penalties
        >>> penalties.late_payment(10_000, "2026-10-08", [("2026-10-18", 10_000)], "万分之五", terminate_after=30)
        <LatePayment 10000.00 due 2026-10-08: 10 days overdue, penalty 50.00, 1 payment, unpaid 0.00>
        """
        n = len(self.payments)
        parts = [f"{self.overdue_days:,} days overdue", f"penalty {self.penalty}", f"{n:,} payment{'s' * (n != 1)}"]
        parts.append(f"unpaid {self.unpaid}")
        if self.termination_right:
            parts.append(f"termination right from {self.termination_from}")
        if self.provisional:
            parts.append("provisional")
        return f"<LatePayment {self.amount} due {self.last_day}: {', '.join(parts)}>"

    __str__ = __repr__

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


_Stamp: TypeAlias = "tuple[dt.date, dt.datetime | None]"


def _earlier(a: _Stamp, b: _Stamp) -> bool:
    """Whether a payment on ``a`` (its day, and its instant if it has a time) is earlier than one on ``b``: by day,
    and on one day by instant where both have one (a day alone may be any time of it)."""
    if a[0] != b[0]:
        return a[0] < b[0]
    x, y = a[1], b[1]
    return x is not None and y is not None and (x.tzinfo is None) == (y.tzinfo is None) and before(x, y)


def _shown(stamp: _Stamp) -> str:
    return stamp[0].isoformat() if stamp[1] is None else stamp[1].isoformat()


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
        more), or the words ("30日", "逾期超过三十日", "30 days", "0日").

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
    previous: _Stamp | None = None
    for k, item in enumerate(_payment_items(payments)):
        when, paid = item
        where = f"payments[{k}]"
        stamp = _when(when, cal, f"{where} date")
        value = _yuan(paid, f"{where} amount")
        if value == 0:
            raise InvalidInputError(f"{where} amount must be more than 0; got {brief(paid)}")
        if previous is not None and _earlier(stamp, previous):
            raise InvalidInputError(
                f"payments must be in the order made: {where} on {_shown(stamp)} comes after "
                f"payments[{k - 1}] on {_shown(previous)}"
            )
        if value > balance:
            raise InvalidInputError(
                f"{where} ({_money(value)}) brings the payments to {_money(total - balance + value)}, more than the "
                f"amount {_money(total)} by {_money(value - balance)}; list only payments of the principal"
            )
        balance -= value
        previous = stamp
        records.append(Payment(stamp[0], value, _overdue(last, due, stamp), balance))

    as_of_day: dt.date | None = None
    as_of_days = 0
    if as_of is not None:
        stamp = _when(as_of, cal, "as_of")
        as_of_day = stamp[0]
        if previous is not None and _earlier(stamp, previous):
            raise InvalidInputError(
                f"as_of {_shown(stamp)} is before the last payment on {_shown(previous)}; "
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
            f"got {type(payments).__name__} {brief(payments)}"
        )
    items: list[tuple[object, object]] = []
    for k, item in enumerate(payments):
        if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 2:
            raise InvalidInputError(
                f"payments[{k}] must be a (when, amount) pair such as ('2026-10-20', '5,000'); got {brief(item)}"
            )
        items.append((item[0], item[1]))
    return items


_THRESHOLD_ZH: Final = re.compile(r"^(?:逾期)?(?:超过|超出|多于)?|的$")
_THRESHOLD_EN: Final = re.compile(r"^(?:overdue\s+)?(?:by\s+)?more\s+than\s+")
_THRESHOLD_INCLUSIVE: Final = re.compile(r"以上|以内|届满|满|不少于|至少|at\s+least|or\s+more")
_THRESHOLD_ZERO: Final = re.compile(r"^(?:0+|零)\s*(?:个?(?:自然)?日|天|周|星期|days?|weeks?)$", re.IGNORECASE)


def _threshold_arg(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidInputError(f"terminate_after must be a number of days, not the bool {value!r}")
    if isinstance(value, int):
        return _days_arg(value, "terminate_after")
    if isinstance(value, str):
        text = _text_arg(value, "terminate_after")
        if _THRESHOLD_INCLUSIVE.search(text):
            raise InvalidInputError(
                f"terminate_after {brief(value)} includes the number itself (以上/届满 include it, 超过 does not: "
                "Civil Code art. 1259); the threshold is 'overdue more than N days': pass N - 1, or '逾期超过N日'"
            )
        words = _THRESHOLD_EN.sub("", _THRESHOLD_ZH.sub("", text)).strip()
        if _THRESHOLD_ZERO.match(words):  # a period is never 0; a threshold may be, as the int 0 is (any overdue)
            return 0
        try:
            value = period(words)
        except PeriodParseError as exc:
            reason = str(exc).partition("\n")[0]  # what and where; the rest is the period reader's own help
            raise InvalidInputError(
                f"terminate_after {brief(value)} is not a number of days ('30日', '逾期超过三十日', '30 days'): "
                f"{reason}"
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
        f"terminate_after must be an int, text such as '30日', or a Period; got {type(value).__name__} {brief(value)}"
    )
