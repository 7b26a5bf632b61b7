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
- Overdue days are calendar days (docs/penalties.md, "Overdue days"): the rolled last day of the payment period ends
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

from slaclock.penalties._amounts import AmountLike, yuan
from slaclock.penalties._late import LatePayment, Payment, PaymentLike, Segment, late_payment
from slaclock.penalties._overdue import WhenLike, overdue_days, overdue_text
from slaclock.penalties._rates import SME_LATE_PAYMENT, ChargeKind, DailyRate, RateLike, daily_rate, lump_sum

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
