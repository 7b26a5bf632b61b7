"""Late-payment penalties: overdue days, rates, partial payments, termination, rounding, errors, properties.

Every golden number below is worked by hand in the comment beside it: the rolled last day of the payment
period comes from ``sc.deadline`` on the CN calendar; overdue day 1 is the day after it; the payment day counts.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import slaclock as sc
from slaclock import penalties
from slaclock.penalties import SME_LATE_PAYMENT, DailyRate, daily_rate, late_payment, overdue_days, overdue_text

CAL = sc.calendar("CN")
CST = dt.timezone(dt.timedelta(hours=8))
D = Decimal
WAN5 = daily_rate("万分之五")


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# -- overdue days across National Day and Spring Festival 2026 ---------------------------------------


def test_seed_004_deadline_rolled_over_national_day() -> None:
    # Seed 004 二: outstanding fees "应在本协议签订后[10日]内支付完毕". Signed Monday 2026-09-21: day 10 is
    # 10-01, National Day (10-01..10-07 off), so the last day rolls to Thursday 10-08 (art. 203).
    d = sc.deadline("2026-09-21", "10日内", calendar=CAL)
    assert d.last_day == _day("2026-10-08")
    assert overdue_days(d, "2026-10-08") == 0  # paid on the rolled last day: on time
    assert overdue_days(d, "2026-10-08T23:59:59") == 0  # before 24:00
    assert overdue_days(d, "2026-10-09T00:00") == 1  # due is exclusive: 00:00 of 10-09 is late
    assert overdue_days(d, "2026-10-09") == 1
    # 10-09..10-20 is 12 days; the weekend 10-17/18 inside them counts (only the last day of a period moves)
    assert overdue_days(d, dt.date(2026, 10, 20)) == 12
    # a payment long before the deadline is simply on time
    assert overdue_days(d, "2026-09-25") == 0


def test_seed_004_penalty_across_national_day() -> None:
    # 12,345.60 unpaid, 每逾期一日万分之五, paid in full on 10-20: 12 days.
    # 12,345.60 × 0.0005 = 6.1728 per day; × 12 = 74.0736 → ¥74.07
    d = sc.deadline("2026-09-21", "10日内", calendar=CAL)
    r = late_payment("12,345.60", d, [("2026-10-20", "12,345.60")], "每日万分之五")
    assert (r.overdue_days, r.exact_penalty, r.penalty, r.unpaid) == (12, D("74.0736"), D("74.07"), D("0.00"))
    assert r.last_day == _day("2026-10-08")
    assert [(s.first, s.last, s.days) for s in r.segments] == [(_day("2026-10-09"), _day("2026-10-20"), 12)]
    assert r.describe() == "逾期12日，违约金¥74.07（未付金额¥12,345.60 × 每日万分之五 × 12日）"
    assert r.describe("en") == "overdue by 12 days, penalty ¥74.07 (unpaid ¥12,345.60 × 0.05% per day × 12 days)"


def test_makeup_saturday_after_national_day_is_a_last_day() -> None:
    # Signed 2026-09-30, "10日内": day 10 is Saturday 10-10, a makeup workday (调休上班), so it does not move.
    d = sc.deadline("2026-09-30", "10日内", calendar=CAL)
    assert d.last_day == _day("2026-10-10")
    # paid Monday 10-12: overdue days are Sunday 10-11 and Monday 10-12 = 2
    assert overdue_days(d, "2026-10-12") == 2
    # a workday count lands on the same makeup Saturday: 09-29, 09-30, 10-08, 10-09, 10-10
    assert sc.deadline("2026-09-28", "5个工作日", calendar=CAL).last_day == _day("2026-10-10")


def test_spring_festival_2026_workday_deadline() -> None:
    # "收到账单后5个工作日内付款", bill received Tuesday 2026-02-10. Workdays: 02-11, 02-12, 02-13, 02-14
    # (Saturday, 调休上班), then 02-15..02-23 are off (春节), so the 5th workday is Tuesday 02-24.
    d = sc.deadline("2026-02-10", "5个工作日", calendar=CAL)
    assert d.last_day == _day("2026-02-24")
    # paid Monday 03-02: overdue 02-25, 02-26, 02-27, 02-28 (makeup Saturday), 03-01, 03-02 = 6 days
    # 50,000.00 × 0.0005 × 6 = 150.00
    r = late_payment(50_000, d, [("2026-03-02", 50_000)], WAN5)
    assert (r.overdue_days, r.penalty) == (6, D("150.00"))


def test_spring_festival_2026_calendar_days_roll() -> None:
    # "7日内" from 02-10: day 7 is 02-17, inside the Spring Festival break → rolls to 02-24
    d = sc.deadline("2026-02-10", "7日内", calendar=CAL)
    assert d.last_day == _day("2026-02-24")
    assert overdue_days(d, "2026-02-24") == 0
    assert overdue_days(d, "2026-02-25") == 1
    # "7日内" from 02-21: day 7 is Saturday 02-28, the second makeup workday: not rolled, so a payment on
    # Sunday 03-01 is 1 day late although 02-28 was a weekend day
    d2 = sc.deadline("2026-02-21", "7日内", calendar=CAL)
    assert d2.last_day == _day("2026-02-28")
    assert overdue_days(d2, "2026-03-01") == 1


def test_plain_date_deadline_is_the_rolled_last_day() -> None:
    assert overdue_days(dt.date(2026, 10, 8), dt.date(2026, 10, 8)) == 0
    assert overdue_days("2026-10-08", "2026-10-09") == 1
    # with a plain date, a datetime's own wall date is used
    assert overdue_days("2026-10-08", dt.datetime(2026, 10, 8, 23, 59)) == 0
    assert overdue_days("2026-10-08", dt.datetime(2026, 10, 8, 16, 30, tzinfo=dt.UTC)) == 0


def test_deadline_instants_are_read_in_the_calendars_zone() -> None:
    d = sc.deadline("2026-09-21", "10日内", calendar=CAL)  # due 2026-10-09T00:00+08:00
    # 16:30 UTC on 10-08 is 00:30 on 10-09 in Shanghai: late by one day
    assert overdue_days(d, dt.datetime(2026, 10, 8, 16, 30, tzinfo=dt.UTC)) == 1
    assert overdue_days(d, dt.datetime(2026, 10, 8, 15, 59, tzinfo=dt.UTC)) == 0


def test_after_close_of_business_on_the_last_day_is_one_day_late() -> None:
    # art. 203 para 2: with business hours the last day ends at the close (17:30)
    d = sc.deadline("2026-09-21", "10日内", calendar=CAL, convention=sc.Convention.business_hours("17:30"))
    assert d.last_day == _day("2026-10-08")
    assert overdue_days(d, "2026-10-08T17:29") == 0
    assert overdue_days(d, "2026-10-08T17:30") == 1  # late on the last day: deemed made the next day
    assert overdue_days(d, "2026-10-09T09:00") == 1
    assert overdue_days(d, "2026-10-08") == 0  # a date alone: some time that day, given the benefit of the doubt


def test_hour_deadline() -> None:
    # "48小时内" from 2026-09-30 15:00: due 10-02 15:00, no rolling (art. 201 para 2)
    d = sc.deadline("2026-09-30T15:00", "48小时", calendar=CAL)
    assert d.last_day == _day("2026-10-02")
    assert overdue_days(d, "2026-10-02T14:59") == 0
    assert overdue_days(d, "2026-10-02T15:00") == 1
    assert overdue_days(d, "2026-10-04T10:00") == 2


# -- partial payments ---------------------------------------------------------------------------------


def test_partial_payments_reduce_the_balance_from_the_next_day() -> None:
    # Last day 10-08. 12,345.60 due; 5,000 paid 10-15 (overdue day 7), the rest 7,345.60 on 10-20 (day 12).
    # 10-09..10-15 (7 days) on 12,345.60: 12,345.60 × 0.0005 × 7 = 43.2096
    # 10-16..10-20 (5 days) on  7,345.60:  7,345.60 × 0.0005 × 5 = 18.3640
    # total 61.5736 → ¥61.57
    r = late_payment("12,345.60", "2026-10-08", [("2026-10-15", "5,000"), ("2026-10-20", "7,345.60")], WAN5)
    assert [(s.first, s.last, s.days, s.balance, s.penalty) for s in r.segments] == [
        (_day("2026-10-09"), _day("2026-10-15"), 7, D("12345.60"), D("43.2096")),
        (_day("2026-10-16"), _day("2026-10-20"), 5, D("7345.60"), D("18.364")),
    ]
    assert (r.overdue_days, r.exact_penalty, r.penalty, r.unpaid, r.paid) == (
        12,
        D("61.5736"),
        D("61.57"),
        D("0.00"),
        D("12345.60"),
    )
    assert [(p.day, p.amount, p.overdue_days, p.balance_after) for p in r.payments] == [
        (_day("2026-10-15"), D("5000.00"), 7, D("7345.60")),
        (_day("2026-10-20"), D("7345.60"), 12, D("0.00")),
    ]
    assert r.describe() == "逾期12日，违约金¥61.57（每日万分之五：¥12,345.60 × 7日 + ¥7,345.60 × 5日）"
    assert r.describe("en") == (
        "overdue by 12 days, penalty ¥61.57 (0.05% per day: ¥12,345.60 × 7 days + ¥7,345.60 × 5 days)"
    )


def test_a_payment_before_the_deadline_reduces_the_base() -> None:
    # 10,000 due 10-08; 6,000 paid on time (10-08), 4,000 on 10-18: 4,000 × 0.0005 × 10 = 20.00
    r = late_payment(10_000, "2026-10-08", [("2026-10-08", 6_000), ("2026-10-18", 4_000)], WAN5)
    assert [p.overdue_days for p in r.payments] == [0, 10]
    assert (r.overdue_days, r.penalty, len(r.segments)) == (10, D("20.00"), 1)
    assert r.segments[0].balance == D("4000.00")


def test_two_payments_on_the_same_day_make_no_empty_segment() -> None:
    r = late_payment(10_000, "2026-10-08", [("2026-10-10", 3_000), ("2026-10-10T18:00", 7_000)], WAN5)
    # 10-09..10-10 on 10,000: 10,000 × 0.0005 × 2 = 10.00
    assert (r.overdue_days, r.penalty, len(r.segments)) == (2, D("10.00"), 1)


def test_still_unpaid_balance_is_counted_to_as_of() -> None:
    # 10,000 due 10-08 (seed 004 via sc.deadline), 4,000 paid 10-15, 6,000 still unpaid at 11-30.
    # 10-09..10-15 (7 days) on 10,000: 35.00; 10-16..11-30 (16 + 30 = 46 days) on 6,000: 138.00; total 173.00
    d = sc.deadline("2026-09-21", "10日内", calendar=CAL)
    r = late_payment(10_000, d, [("2026-10-15", 4_000)], SME_LATE_PAYMENT, as_of="2026-11-30", terminate_after=30)
    assert (r.overdue_days, r.penalty, r.unpaid, r.as_of) == (53, D("173.00"), D("6000.00"), _day("2026-11-30"))
    assert r.describe() == (
        "逾期53日，逾期利息¥173.00（每日万分之五：¥10,000.00 × 7日 + ¥6,000.00 × 46日）；"
        "尚欠¥6,000.00（计至2026-11-30）；逾期超过30日，自2026-11-08起有权解除合同"
    )
    assert r.describe("en") == (
        "overdue by 53 days, late-payment interest ¥173.00 (0.05% per day: ¥10,000.00 × 7 days + "
        "¥6,000.00 × 46 days); ¥6,000.00 still unpaid (counted to 2026-11-30); overdue more than 30 days: "
        "right to terminate from 2026-11-08"
    )


def test_nothing_paid_yet() -> None:
    # no payments: 10,000 × 0.001 × 3 (10-09, 10-10, 10-11) = 30.00
    r = late_payment(10_000, "2026-10-08", [], "千分之一", as_of="2026-10-11")
    assert (r.overdue_days, r.penalty, r.unpaid, r.payments) == (3, D("30.00"), D("10000.00"), ())


def test_as_of_before_the_deadline_means_not_overdue_yet() -> None:
    r = late_payment(10_000, "2026-10-08", [], WAN5, as_of="2026-10-01", terminate_after=30)
    assert (r.overdue_days, r.penalty, r.segments) == (0, D("0.00"), ())
    assert r.describe() == "未逾期，无违约金；尚欠¥10,000.00（计至2026-10-01）；未逾期超过30日，尚无解除权"
    assert r.describe("en") == (
        "not overdue, no penalty; ¥10,000.00 still unpaid (counted to 2026-10-01); "
        "not overdue more than 30 days: no right to terminate"
    )


def test_paid_on_time() -> None:
    r = late_payment(10_000, "2026-10-08", [("2026-10-08", 10_000)], WAN5)
    assert (r.overdue_days, r.penalty, r.exact_penalty, r.segments) == (0, D("0.00"), D("0"), ())
    assert r.describe() == "未逾期，无违约金"
    assert r.describe("en") == "not overdue, no penalty"


# -- the termination threshold ("逾期超过N日") ------------------------------------------------------------


@pytest.mark.parametrize(
    ("paid", "days", "right", "since"),
    [
        # last day 10-08; 10-09..11-07 is 23 + 7 = 30 days: exactly 30 is not more than 30 (Civil Code art. 1259)
        ("2026-11-07", 30, False, None),
        # one more day: 31 > 30, and the right arose on overdue day 31 = 10-08 + 31 = 11-08
        ("2026-11-08", 31, True, _day("2026-11-08")),
        ("2026-12-31", 84, True, _day("2026-11-08")),
        ("2026-10-09", 1, False, None),
    ],
)
def test_termination_boundary(paid: str, days: int, right: bool, since: dt.date | None) -> None:
    d = sc.deadline("2026-09-21", "10日内", calendar=CAL)
    r = late_payment(10_000, d, [(paid, 10_000)], WAN5, terminate_after=30)
    assert (r.overdue_days, r.termination_right, r.termination_from) == (days, right, since)


def test_termination_counts_until_the_balance_is_cleared() -> None:
    # 9,000 of 10,000 paid on day 5 does not stop the clock: the rest is paid on day 31 > 30
    r = late_payment(10_000, "2026-10-08", [("2026-10-13", 9_000), ("2026-11-08", 1_000)], WAN5, terminate_after=30)
    assert (r.overdue_days, r.termination_right, r.termination_from) == (31, True, _day("2026-11-08"))


def test_termination_with_a_still_unpaid_balance() -> None:
    r = late_payment(10_000, "2026-10-08", [], WAN5, as_of="2026-11-07", terminate_after=30)
    assert (r.overdue_days, r.termination_right) == (30, False)
    r = late_payment(10_000, "2026-10-08", [], WAN5, as_of="2026-11-08", terminate_after=30)
    assert (r.overdue_days, r.termination_right, r.termination_from) == (31, True, _day("2026-11-08"))


def test_zero_threshold_means_any_delay() -> None:
    r = late_payment(10_000, "2026-10-08", [("2026-10-09", 10_000)], WAN5, terminate_after=0)
    assert (r.termination_right, r.termination_from) == (True, _day("2026-10-09"))


@pytest.mark.parametrize(
    ("words", "n"),
    [
        (30, 30),
        ("30日", 30),
        ("30天", 30),
        ("逾期超过30日", 30),
        ("逾期超过三十日的", 30),
        ("超过30日", 30),
        ("more than 30 days", 30),
        ("overdue by more than 30 days", 30),
        ("2周", 14),
        (sc.period("15日"), 15),
        ("0日", 0),  # a period is never 0 days; a threshold may be, as the int 0 is: any delay
        ("逾期超过0日", 0),
        ("0 days", 0),
        ("零天", 0),
    ],
)
def test_threshold_words(words: object, n: int) -> None:
    r = late_payment(1, "2026-10-08", [("2026-10-09", 1)], WAN5, terminate_after=words)  # type: ignore[arg-type]
    assert r.terminate_after == n


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("30日以上", "includes the number itself"),  # 以上 includes 30 (art. 1259): not the same as 超过
        ("逾期满30日", "includes the number itself"),
        ("at least 30 days", "includes the number itself"),
        ("1个月", "is not in days or weeks"),
        ("5个工作日", "is not in days or weeks"),
        ("0个月", "is not a number of days"),
        ("thirty-ish", "is not a number of days"),
        (-1, "must be 0 or more"),
        (30.0, "must be an int"),
        (True, "not the bool"),
    ],
)
def test_threshold_errors(words: object, message: str) -> None:
    with pytest.raises(sc.InvalidInputError, match=message):
        late_payment(1, "2026-10-08", [("2026-10-09", 1)], WAN5, terminate_after=words)  # type: ignore[arg-type]


# -- rounding ---------------------------------------------------------------------------------------


def test_half_a_fen_rounds_up() -> None:
    # 1,007.50 × 0.0005 × 12 = 6.045 exactly: half up gives 6.05 (banker's rounding would give 6.04)
    r = late_payment("1,007.50", "2026-10-08", [("2026-10-20", "1,007.50")], WAN5)
    assert r.exact_penalty == D("6.045")
    assert r.penalty == D("6.05")
    assert D("6.045").quantize(D("0.01"), rounding=ROUND_HALF_EVEN) == D("6.04")  # the difference is real
    # 10.00 × 0.0005 × 1 = 0.005: half a fen becomes a fen
    assert WAN5.penalty("10.00", 1) == D("0.01")
    assert WAN5.penalty("9.99", 1) == D("0.00")  # 0.004995 is less than half a fen


def test_only_the_total_is_rounded() -> None:
    # 30.00 due; 20.00 paid on day 1, 10.00 on day 2:
    # day 1 on 30.00: 0.015; day 2 on 10.00: 0.005; exact total 0.020 → ¥0.02.
    # Rounding each segment first would give 0.02 + 0.01 = 0.03.
    r = late_payment("30.00", "2026-10-08", [("2026-10-09", "20.00"), ("2026-10-10", "10.00")], WAN5)
    assert [s.penalty for s in r.segments] == [D("0.015"), D("0.005")]
    assert (r.exact_penalty, r.penalty) == (D("0.02"), D("0.02"))


def test_large_amounts_stay_exact() -> None:
    # 999,999,999,999,999.99 (the largest amount) × 0.123456789012 (12 places) × 3,001 days has 33 significant
    # digits: Python's default 28-digit context would round it (…996.2950617618); the exact product is kept.
    amount, rate = D("999999999999999.99"), D("0.123456789012")
    r = late_payment(amount, "2026-10-08", [], rate, as_of="2034-12-26")  # 10-08 + 3,001 days
    assert r.overdue_days == 3001
    assert Fraction(r.exact_penalty) == Fraction(amount) * Fraction(rate) * 3001
    assert r.exact_penalty == D("370493823825011996.29506176174988")
    assert r.penalty == D("370493823825011996.30")


# -- rates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("万分之五", "0.0005"),
        ("每日万分之五", "0.0005"),
        ("每日利率万分之五", "0.0005"),  # the regulation's own words
        ("每逾期一日万分之五", "0.0005"),
        ("日万分之五", "0.0005"),
        ("按日万分之五", "0.0005"),
        ("万分之五/日", "0.0005"),
        ("萬分之五", "0.0005"),
        ("万分之5", "0.0005"),
        ("万分之十五", "0.0015"),
        ("万分之零点五", "0.00005"),
        ("千分之一", "0.001"),
        ("千分之一点五", "0.0015"),
        ("千分之0.5", "0.0005"),
        ("百分之一", "0.01"),
        ("百分之零点零五", "0.0005"),
        ("0.05%", "0.0005"),
        ("0.05％", "0.0005"),  # full-width percent sign
        ("０.０５%", "0.0005"),  # full-width digits
        ("0.5‰", "0.0005"),
        ("5‱", "0.0005"),
        ("0.05% per day", "0.0005"),
        ("0.05 percent a day", "0.0005"),
        ("daily 0.05%", "0.0005"),
        ("0.05%/天", "0.0005"),
        ("100%", "1"),  # the most a day may charge
    ],
)
def test_rate_text(text: str, per_day: str) -> None:
    assert daily_rate(text).per_day == D(per_day)


def test_rate_from_numbers() -> None:
    assert daily_rate(D("0.0005")) == WAN5
    assert daily_rate(D("0.00050")).per_day.as_tuple() == D("0.0005").as_tuple()  # trailing zeros dropped
    assert daily_rate(Fraction(1, 2000)) == WAN5
    assert daily_rate(WAN5) is WAN5
    assert DailyRate(D("0.0005")) == WAN5


@pytest.mark.parametrize(
    ("per_day", "text", "zh"),
    [
        ("0.0005", "0.05% per day", "每日万分之五"),
        ("0.001", "0.1% per day", "每日千分之一"),
        ("0.003", "0.3% per day", "每日千分之三"),
        ("0.01", "1% per day", "每日百分之一"),
        ("0.1", "10% per day", "每日百分之十"),
        ("0.15", "15% per day", "每日百分之十五"),
        ("1", "100% per day", "每日百分之一百"),
        ("0.0015", "0.15% per day", "每日万分之十五"),
        ("0.00005", "0.005% per day", "每日万分之零点五"),
        ("0.000125", "0.0125% per day", "每日万分之一点二五"),
        ("0.1005", "10.05% per day", "每日万分之一千零五"),
        ("0.00000123", "0.000123% per day", "每日万分之零点零一二三"),
    ],
)
def test_rate_rendering_reads_back(per_day: str, text: str, zh: str) -> None:
    r = DailyRate(D(per_day))
    assert (str(r), r.zh) == (text, zh)
    assert daily_rate(text) == r
    assert daily_rate(zh) == r


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0.0005, "must not be a float .*binary floats"),
        (5, "bare int .*5%, 5‰ or 万分之5"),
        (True, "not the bool"),
        (None, "got NoneType"),
        ("0.0005", "bare number is ambiguous"),
        ("5", "bare number is ambiguous"),
        ("万分之", "cannot be read as a daily rate"),
        ("万分之二四", "cannot read the number '二四'"),
        ("万分之五点", "cannot read the number"),
        ("万分之五x", "cannot read the number"),
        ("abc", "cannot be read as a daily rate"),
        ("万分之零", "must be more than 0"),
        ("0%", "must be more than 0"),
        ("200%", "more than the whole amount each day"),
        ("百分之一百零一", "101% per day"),
        ("年利率18%", "annual or monthly rate"),
        ("18% per annum", "annual or monthly rate"),
        ("每月1%", "annual or monthly rate"),
        ("1.5倍LPR", "LPR"),
        (Fraction(1, 3), "no exact decimal form"),
        (D("NaN"), "must be finite"),
        (D("Infinity"), "must be finite"),
        (D("-0.0005"), "must be more than 0"),
        (D("1E-13"), "at most 12 decimal places"),
        (D("1.5"), "more than the whole amount"),
    ],
)
def test_rate_errors(value: object, message: str) -> None:
    with pytest.raises(sc.InvalidInputError, match=message):
        daily_rate(value)  # type: ignore[arg-type]


def test_rate_constructor_refuses_floats_and_bad_charges() -> None:
    with pytest.raises(sc.InvalidInputError, match="not the float"):
        DailyRate(0.0005)  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidInputError, match="must be a Decimal share"):
        DailyRate("0.0005")  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidInputError, match="charge must be"):
        DailyRate(D("0.0005"), charge="fine")  # type: ignore[arg-type]


def test_rate_is_a_frozen_hashable_value() -> None:
    r = daily_rate("万分之五")
    assert r == SME_LATE_PAYMENT  # same money, different label
    assert hash(r) == hash(SME_LATE_PAYMENT)
    assert copy.copy(r) is r
    assert copy.deepcopy(r) is r
    assert pickle.loads(pickle.dumps(SME_LATE_PAYMENT)) == SME_LATE_PAYMENT
    with pytest.raises(AttributeError):
        r.per_day = D("0.001")  # type: ignore[misc]


def test_sme_preset() -> None:
    assert SME_LATE_PAYMENT.per_day == D("0.0005")
    assert SME_LATE_PAYMENT.zh == "每日万分之五"
    assert SME_LATE_PAYMENT.charge == "interest"
    assert "保障中小企业款项支付条例" in SME_LATE_PAYMENT.basis
    assert "第十七条" in SME_LATE_PAYMENT.basis
    assert "第802号" in SME_LATE_PAYMENT.basis


# -- amounts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12,345.60", "12345.60"),
        ("¥12345.6", "12345.60"),
        ("￥1,000", "1000.00"),
        ("RMB 1,000.5", "1000.50"),
        ("人民币8000元", "8000.00"),
        ("1,234,567.89", "1234567.89"),
        (" 500 ", "500.00"),
        (500, "500.00"),
        (D("12.3"), "12.30"),
        (D("1.500"), "1.50"),  # trailing zeros beyond the fen are fine
        (0, "0.00"),
    ],
)
def test_amounts(value: object, expected: str) -> None:
    assert penalties.yuan(value) == D(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (12345.6, "not the float 12345.6: binary floats"),
        (True, "not the bool"),
        ("1,2345", "cannot read '1,2345'"),
        ("12.345", "more than two decimal places"),
        (D("0.001"), "more than two decimal places"),
        ("-5", "must not be negative"),
        (-5, "must not be negative"),
        ("1e5", "cannot read"),
        ("壹万元整", "cannot read"),
        (D("NaN"), "finite"),
        (10**15, "10\\*\\*15 yuan or more"),
        ([1], "got list"),
    ],
)
def test_amount_errors(value: object, message: str) -> None:
    with pytest.raises(sc.InvalidInputError, match=message):
        penalties.yuan(value)  # type: ignore[arg-type]


# -- argument errors of late_payment --------------------------------------------------------------------


def test_payments_out_of_order_are_refused() -> None:
    with pytest.raises(sc.InvalidInputError, match=r"in the order made: payments\[1\] on 2026-10-10 comes after"):
        late_payment(10_000, "2026-10-08", [("2026-10-12", 5_000), ("2026-10-10", 5_000)], WAN5)


def test_payments_out_of_order_on_one_day_are_refused_by_their_times() -> None:
    """Two payments on the last day, the later listed first: the earlier was on time, so the order matters; they
    were taken, and the result said 0 days overdue beside a penalty for a day (a fuzz finding)."""
    d = sc.deadline("2008-05-11", "10日", calendar="CN", convention=sc.Convention.business_hours("17:30"))
    late, early = "2008-05-21T20:00", dt.datetime(2008, 5, 21, 7, 0)  # due 2008-05-21 17:30
    with pytest.raises(sc.InvalidInputError, match=r"payments\[1\] on 2008-05-21T07:00:00\+08:00 comes after"):
        late_payment("17,239.41", d, [(late, "8,102.52"), (early, "9136.89")], WAN5)
    r = late_payment("17,239.41", d, [(early, "9136.89"), (late, "8,102.52")], WAN5)
    assert r.overdue_days == 1
    assert str(r.penalty) == "4.05"
    same_day = late_payment("17,239.41", d, [("2008-05-21", "9136.89"), (late, "8,102.52")], WAN5)
    assert same_day.overdue_days == 1  # a day alone may be any time of it: no order to check on that day


def test_overpayment_is_refused() -> None:
    with pytest.raises(
        sc.InvalidInputError,
        match=r"payments\[1\] \(¥6,000.00\) brings the payments to ¥11,000.00, more than the amount ¥10,000.00 by "
        r"¥1,000.00; list only payments of the principal",
    ):
        late_payment(10_000, "2026-10-08", [("2026-10-10", 5_000), ("2026-10-12", 6_000)], WAN5)


@pytest.mark.parametrize(
    ("payments", "message"),
    [
        ([("2026-10-10", 0)], r"payments\[0\] amount must be more than 0"),
        ([("2026-10-10", -100)], r"payments\[0\] amount must not be negative"),
        ([("2026-10-10", 100.0)], r"payments\[0\] amount must be a Decimal.*float"),
        ([("2026-10-10",)], r"payments\[0\] must be a \(when, amount\) pair"),
        (["2026-10-10"], r"payments\[0\] must be a \(when, amount\) pair"),
        ([("tomorrow", 100)], r"payments\[0\] date 'tomorrow' is not an ISO date"),
        ([(20261010, 100)], r"payments\[0\] date must be a date"),
        ("2026-10-10", "payments must be a list"),
        (None, "payments must be a list"),
    ],
)
def test_bad_payments(payments: object, message: str) -> None:
    with pytest.raises(sc.InvalidInputError, match=message):
        late_payment(10_000, "2026-10-08", payments, WAN5, as_of="2026-10-31")  # type: ignore[arg-type]


def test_unpaid_balance_needs_as_of() -> None:
    with pytest.raises(sc.InvalidInputError, match=r"¥6,000\.00 of ¥10,000\.00 is still unpaid.*give as_of="):
        late_payment(10_000, "2026-10-08", [("2026-10-10", 4_000)], WAN5)


def test_as_of_before_a_payment_is_refused() -> None:
    with pytest.raises(sc.InvalidInputError, match="as_of 2026-10-09 is before the last payment on 2026-10-10"):
        late_payment(10_000, "2026-10-08", [("2026-10-10", 4_000)], WAN5, as_of="2026-10-09")


def test_other_argument_errors() -> None:
    with pytest.raises(sc.InvalidInputError, match="amount must be more than 0"):
        late_payment(0, "2026-10-08", [], WAN5, as_of="2026-10-09")
    with pytest.raises(sc.InvalidInputError, match=r"not the datetime 2026-10-08T00:00:00.*sc\.deadline"):
        late_payment(10, dt.datetime(2026, 10, 8), [], WAN5, as_of="2026-10-09")
    with pytest.raises(sc.InvalidInputError, match="deadline must be a Deadline"):
        overdue_days(20261008, "2026-10-09")  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidInputError, match="must not be a float"):
        late_payment(10, "2026-10-08", [], 0.0005, as_of="2026-10-09")  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidInputError, match="lang must be 'zh' or 'en'"):
        late_payment(10, "2026-10-08", [("2026-10-09", 10)], WAN5).describe("fr")  # type: ignore[arg-type]


def test_result_is_frozen() -> None:
    r = late_payment(10, "2026-10-08", [("2026-10-09", 10)], WAN5)
    assert copy.copy(r) is r
    assert copy.deepcopy(r) is r
    assert pickle.loads(pickle.dumps(r)) == r
    with pytest.raises(AttributeError):
        r.penalty = D(0)  # type: ignore[misc]


# -- words ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "zh", "en"),
    [(0, "未逾期", "not overdue"), (1, "逾期1日", "overdue by 1 day"), (3, "逾期3日", "overdue by 3 days")],
)
def test_overdue_text(days: int, zh: str, en: str) -> None:
    assert overdue_text(days) == zh
    assert overdue_text(days, "zh") == zh
    assert overdue_text(days, "en") == en


@pytest.mark.parametrize(("days", "lang"), [(-1, "zh"), (1.0, "zh"), (True, "en"), (2, "fr")])
def test_overdue_text_errors(days: object, lang: object) -> None:
    with pytest.raises(sc.InvalidInputError):
        overdue_text(days, lang)  # type: ignore[arg-type]


def test_one_day_singular_in_describe() -> None:
    r = late_payment(10_000, "2026-10-08", [("2026-10-09", 10_000)], WAN5, terminate_after=1)
    assert r.describe("en") == (
        "overdue by 1 day, penalty ¥5.00 (unpaid ¥10,000.00 × 0.05% per day × 1 day); "
        "not overdue more than 1 day: no right to terminate"
    )


# -- one-off percentages (seed 002 §8.1 "___%的违约金") ------------------------------------------------------


def test_lump_sum() -> None:
    # 12,345.60 × 5% = 617.28; 8,000 × 20% = 1,600.00; 1,007.50 × 0.6% = 6.045 → 6.05 (half up)
    assert penalties.lump_sum("¥12,345.60", "5%") == D("617.28")
    assert penalties.lump_sum(8000, "百分之二十") == D("1600.00")
    assert penalties.lump_sum("1,007.50", "6‰") == D("6.05")
    assert penalties.lump_sum(100, D("0.05")) == penalties.lump_sum(100, Fraction(1, 20)) == D("5.00")


@pytest.mark.parametrize(
    ("share", "message"),
    [
        ("每日5%", "a rate per day, but a lump sum is a one-off share"),
        ("5%/日", "a rate per day"),
        ("5", "bare number is ambiguous"),
        (0.05, "must not be a float"),
        (5, "bare int"),
        ("150%", "more than the whole amount"),
        ("0%", "must be more than 0"),
    ],
)
def test_lump_sum_errors(share: object, message: str) -> None:
    with pytest.raises(sc.InvalidInputError, match=message):
        penalties.lump_sum(100, share)  # type: ignore[arg-type]


# -- properties ----------------------------------------------------------------------------------------

LAST = dt.date(2026, 10, 8)
amounts = st.decimals(min_value=D("0.01"), max_value=D("100000000"), places=2)
rates = st.builds(DailyRate, st.decimals(min_value=D("0.000001"), max_value=D("0.1"), places=6))
day_counts = st.integers(min_value=0, max_value=3000)


def _paid(amount: Decimal, days: int, rate: DailyRate) -> Decimal:
    return late_payment(amount, LAST, [(LAST + dt.timedelta(days=days), amount)], rate).penalty


@st.composite
def schedules(draw: st.DrawFn) -> tuple[Decimal, list[tuple[dt.date, Decimal]]]:
    """An amount and 1-6 payments in order that pay it in full, some before the deadline."""
    cents = draw(st.integers(min_value=6, max_value=10_000_000_00))
    k = draw(st.integers(min_value=1, max_value=6))
    cuts = sorted(draw(st.lists(st.integers(1, cents - 1), min_size=k - 1, max_size=k - 1, unique=True)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, cents], strict=True)]
    offsets = sorted(draw(st.lists(st.integers(-10, 400), min_size=k, max_size=k)))
    return D(cents).scaleb(-2), [
        (LAST + dt.timedelta(days=o), D(p).scaleb(-2)) for o, p in zip(offsets, parts, strict=True)
    ]


@given(amounts, rates, day_counts, day_counts)
def test_penalty_is_monotone_in_days(amount: Decimal, rate: DailyRate, d1: int, d2: int) -> None:
    lo, hi = sorted((d1, d2))
    assert _paid(amount, lo, rate) <= _paid(amount, hi, rate)


@given(amounts, amounts, rates, day_counts)
def test_penalty_is_monotone_in_amount(a1: Decimal, a2: Decimal, rate: DailyRate, days: int) -> None:
    lo, hi = sorted((a1, a2))
    assert _paid(lo, days, rate) <= _paid(hi, days, rate)


@given(amounts, rates, day_counts)
def test_single_payment_is_amount_times_rate_times_days(amount: Decimal, rate: DailyRate, days: int) -> None:
    r = late_payment(amount, LAST, [(LAST + dt.timedelta(days=days), amount)], rate)
    assert r.overdue_days == days
    assert r.exact_penalty == amount * rate.per_day * days
    assert r.penalty == rate.penalty(amount, days)


@given(schedules(), rates)
def test_penalty_is_the_sum_over_payments(
    schedule: tuple[Decimal, list[tuple[dt.date, Decimal]]], rate: DailyRate
) -> None:
    amount, payments = schedule
    r = late_payment(amount, LAST, payments, rate)
    # each part accrues from overdue day 1 to its own payment day
    assert r.exact_penalty == sum(p * rate.per_day * max(0, (day - LAST).days) for day, p in payments)
    assert sum(s.days for s in r.segments) == r.overdue_days == max(0, (payments[-1][0] - LAST).days)
    assert r.unpaid == 0


@given(schedules(), rates, st.data())
def test_splitting_a_payment_on_the_same_day_changes_nothing(
    schedule: tuple[Decimal, list[tuple[dt.date, Decimal]]], rate: DailyRate, data: st.DataObject
) -> None:
    amount, payments = schedule
    i = data.draw(st.integers(0, len(payments) - 1))
    day, part = payments[i]
    if part < D("0.02"):
        return
    first = data.draw(st.integers(1, int(part * 100) - 1).map(lambda c: D(c).scaleb(-2)))
    split = [*payments[:i], (day, first), (day, part - first), *payments[i + 1 :]]
    a, b = late_payment(amount, LAST, payments, rate), late_payment(amount, LAST, split, rate)
    assert (a.penalty, a.exact_penalty, a.segments, a.overdue_days) == (
        b.penalty,
        b.exact_penalty,
        b.segments,
        b.overdue_days,
    )


@given(schedules(), rates, st.data())
def test_paying_earlier_never_costs_more(
    schedule: tuple[Decimal, list[tuple[dt.date, Decimal]]], rate: DailyRate, data: st.DataObject
) -> None:
    amount, payments = schedule
    i = data.draw(st.integers(0, len(payments) - 1))
    earliest = payments[i - 1][0] if i else LAST - dt.timedelta(days=30)
    back = data.draw(st.integers(0, (payments[i][0] - earliest).days))
    earlier = [*payments[:i], (payments[i][0] - dt.timedelta(days=back), payments[i][1]), *payments[i + 1 :]]
    assert late_payment(amount, LAST, earlier, rate).penalty <= late_payment(amount, LAST, payments, rate).penalty


@given(schedules(), rates)
def test_no_overdue_days_no_penalty(schedule: tuple[Decimal, list[tuple[dt.date, Decimal]]], rate: DailyRate) -> None:
    amount, payments = schedule
    on_time = [(min(day, LAST), p) for day, p in payments]
    r = late_payment(amount, LAST, on_time, rate, terminate_after=0)
    assert (r.overdue_days, r.penalty, r.segments, r.termination_right) == (0, D("0.00"), (), False)


@given(amounts, rates, day_counts, st.integers(0, 3000))
def test_termination_right_iff_more_than_n_days(amount: Decimal, rate: DailyRate, days: int, n: int) -> None:
    r = late_payment(amount, LAST, [(LAST + dt.timedelta(days=days), amount)], rate, terminate_after=n)
    assert r.termination_right is (days > n)
    assert r.termination_from == (LAST + dt.timedelta(days=n + 1) if days > n else None)


@given(st.decimals(min_value=D("0.00000001"), max_value=D("1"), places=8))
def test_rate_renderings_read_back(per_day: Decimal) -> None:
    r = DailyRate(per_day)
    assert daily_rate(r.zh) == r
    assert daily_rate(str(r)) == r


def test_public_names() -> None:
    assert set(penalties.__all__) == {
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
    }
    for name in penalties.__all__:
        assert hasattr(penalties, name), name


@pytest.mark.parametrize("missing", [pd.NaT, np.datetime64("NaT"), None, float("nan")])
def test_a_missing_payment_day_is_refused(missing: object) -> None:
    """pandas' NaT is a datetime whose date is NaT: found by the fuzz test (a TypeError escaped)."""
    with pytest.raises(sc.InvalidInputError, match="paid_at"):
        penalties.overdue_days(dt.date(2026, 10, 8), missing)  # type: ignore[arg-type]
