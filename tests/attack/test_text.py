"""Hostile text and numbers for the period reader, the Chinese numerals and the penalties.

Every reader is linear in its text: the same adversarial pattern at n and 8n characters must take well
under the 64x a quadratic reader would (best of three, generous margin), shown by scaling, never by a
wall-clock budget. Text past the cap, huge, NaN and infinite numbers, and tampered pickles are refused
with a typed error whose message is short.
"""

from __future__ import annotations

import copyreg
import pickle
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

import slaclock as sc
from slaclock import penalties
from slaclock._periods import numerals
from slaclock._periods.parse import MAX_TEXT_LENGTH, parse_period
from slaclock._periods.value import MAX_AMOUNT, Period, Unit
from slaclock.penalties import DailyRate

MESSAGE_LIMIT = 1_000
"""The longest message an error may carry (issue 15: under 1 KB whatever the input)."""

SMALL, LARGE = 120, 960  # both under the 1,000-character cap of every reader here

# -- linearity ----------------------------------------------------------------------------------


def _tail(n: int, head: str, run: str, end: str = "x") -> str:
    """``head`` then ``run`` repeated to about ``n`` characters, then ``end``."""
    return head + run * max(1, (n - len(head) - len(end)) // len(run)) + end


def _late(text: str) -> object:
    return penalties.late_payment(100, "2026-10-08", [("2026-10-09", 100)], "万分之五", terminate_after=text)


READERS: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    # period text: spaces, filler words, articles, numbers, signs, brackets and ISO designators
    "period spaces": (parse_period, lambda n: _tail(n, "", " ")),
    "period filler": (parse_period, lambda n: _tail(n, "", "收到")),
    "period english filler": (parse_period, lambda n: _tail(n, "", "within ")),
    "period articles": (parse_period, lambda n: _tail(n, "", "a ")),
    "period tens": (parse_period, lambda n: _tail(n, "", "twenty ")),
    "period digits then spaces": (parse_period, lambda n: _tail(n, "5", " ")),
    "period minus then spaces": (parse_period, lambda n: _tail(n, "负", " ", "5日")),
    "period dashes": (parse_period, lambda n: _tail(n, "", "-", "")),
    "period brackets": (parse_period, lambda n: _tail(n, "5", "(")),
    "period ISO": (parse_period, lambda n: _tail(n, "pt", "1h", "")),
    "period numerals": (parse_period, lambda n: _tail(n, "", "十", "日")),
    "period zero-width": (parse_period, lambda n: _tail(n, "5", "\u200b", "日x")),
    # amounts: runs of spaces beside the optional sign and currency marks
    "yuan mark then spaces": (penalties.yuan, lambda n: _tail(n, "¥", " ")),
    "yuan sign then spaces": (penalties.yuan, lambda n: _tail(n, "¥-", " ")),
    "yuan number then spaces": (penalties.yuan, lambda n: _tail(n, "1", " ")),
    "yuan groups": (penalties.yuan, lambda n: _tail(n, "1", ",000")),
    "yuan digits": (penalties.yuan, lambda n: _tail(n, "", "1")),
    "yuan marks": (penalties.yuan, lambda n: _tail(n, "", "rmb")),
    # daily rates: the words before and after, the units, the numbers
    "rate per-day words then spaces": (penalties.daily_rate, lambda n: _tail(n, "每日", " ")),
    "rate per then spaces": (penalties.daily_rate, lambda n: _tail(n, "per", " ")),
    "rate percent then spaces": (penalties.daily_rate, lambda n: _tail(n, "5%", " ")),
    "rate number then spaces": (penalties.daily_rate, lambda n: _tail(n, "5", " ")),
    "rate slashes": (penalties.daily_rate, lambda n: _tail(n, "5%", " / ")),
    "rate articles": (penalties.daily_rate, lambda n: _tail(n, "5%", "a ")),
    "rate p.a.": (penalties.daily_rate, lambda n: _tail(n, "5%", "p. ")),
    "rate numerals": (penalties.daily_rate, lambda n: _tail(n, "万分之", "五")),
    "rate decimals": (penalties.daily_rate, lambda n: _tail(n, "万分之零点", "五", "")),
    "rate long decimal": (penalties.daily_rate, lambda n: _tail(n, "0.", "1", "%")),
    # one-off shares and the termination threshold
    "share number then spaces": (lambda s: penalties.lump_sum(100, s), lambda n: _tail(n, "5", " ")),
    "share percent then spaces": (lambda s: penalties.lump_sum(100, s), lambda n: _tail(n, "5%", " ")),
    "threshold words then spaces": (_late, lambda n: _tail(n, "逾期超过", " ")),
    "threshold english then spaces": (_late, lambda n: _tail(n, "overdue", " ")),
    "threshold at least": (_late, lambda n: _tail(n, "at", " ")),
    "threshold repeated": (_late, lambda n: _tail(n, "", "more than ")),
}


def _call(read: Callable[[str], object], text: str) -> str:
    try:
        read(text)
    except sc.SlaclockError as exc:
        return str(exc)
    return ""


def _timed(read: Callable[[str], object], text: str, reps: int) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(reps):
            _call(read, text)
        best = min(best, time.perf_counter() - t0)
    return best


def _assert_linear(read: Callable[[str], object], make: Callable[[int], str], small: int, large: int) -> None:
    short, long = make(small), make(large)
    t0 = time.perf_counter()
    _call(read, short)
    reps = max(1, min(2_000, int(2e-3 / max(time.perf_counter() - t0, 1e-7))))  # ~2 ms a round at the small size
    ratio = len(long) / len(short)
    seen = []
    for _ in range(3):  # a reader that is not linear fails every round; a busy machine's pause fails one
        t_small, t_large = _timed(read, short, reps), _timed(read, long, reps)
        if t_large < 3 * ratio * max(t_small, 2e-4):
            return
        seen.append(f"{t_small * 1e3:.2f} ms -> {t_large * 1e3:.2f} ms")
    raise AssertionError(f"{'; '.join(seen)} for {reps} calls at {ratio:.1f}x the text, in three rounds")


@pytest.mark.parametrize("name", sorted(READERS))
def test_every_text_reader_is_linear_and_its_messages_short(name: str) -> None:
    read, make = READERS[name]
    assert len(make(LARGE)) <= MAX_TEXT_LENGTH
    _assert_linear(read, make, SMALL, LARGE)
    assert len(_call(read, make(LARGE))) < MESSAGE_LIMIT


NUMERALS: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    "read_int digits": (numerals.read_int, lambda n: "一" * n),
    "read_int places": (numerals.read_int, lambda n: "十" + "万" * n),
    "read_int ten thousands": (numerals.read_int, lambda n: "一万" * n),
    "read_digits": (numerals.read_digits, lambda n: "五" * n),
    "read_decimal after the point": (numerals.read_decimal, lambda n: "零点" + "五" * n),
    "read_decimal arabic": (numerals.read_decimal, lambda n: "1" * n + "x"),
    "read_decimal arabic decimal": (numerals.read_decimal, lambda n: "1." + "1" * n),
    "read_decimal points": (numerals.read_decimal, lambda n: "点" * n),
}


@pytest.mark.parametrize("name", sorted(NUMERALS))
def test_the_numeral_readers_are_linear(name: str) -> None:
    read, make = NUMERALS[name]

    def quiet(text: str) -> object:
        try:
            return read(text)
        except numerals.MalformedNumeralError:
            return None

    _assert_linear(quiet, make, 1_500, 12_000)


# -- text past the cap --------------------------------------------------------------------------

LONG_TEXT: dict[str, Callable[[str], object]] = {
    "period": sc.period,
    "yuan": penalties.yuan,
    "daily_rate": penalties.daily_rate,
    "lump_sum": lambda s: penalties.lump_sum(100, s),
    "lump_sum amount": lambda s: penalties.lump_sum(s, "5%"),
    "terminate_after": _late,
    "payment amount": lambda s: penalties.late_payment(100, "2026-10-08", [("2026-10-09", s)], "万分之五"),
}


@pytest.mark.parametrize("name", sorted(LONG_TEXT))
def test_text_past_the_cap_is_refused_early_with_a_short_message(name: str) -> None:
    read = LONG_TEXT[name]
    text = "¥" + " " * 1_000_000 + "x"
    with pytest.raises(sc.SlaclockError, match=r"1,000,002 characters.*limit of 1,000") as info:
        read(text)
    assert len(str(info.value)) < MESSAGE_LIMIT

    # refused before reading: a text 100x as long costs no more than the cap check (generous margin)
    def reject(s: str) -> None:
        _call(read, s)

    _assert_refusal_is_constant(reject, 10_000, 1_000_000)


def _assert_refusal_is_constant(reject: Callable[[str], None], small: int, large: int) -> None:
    short, long = "¥" + " " * small + "x", "¥" + " " * large + "x"
    t_small, t_large = _timed(reject, short, 50), _timed(reject, long, 50)
    assert t_large < 20 * max(t_small, 2e-4), f"{t_small * 1e3:.2f} ms -> {t_large * 1e3:.2f} ms at 100x the text"


# -- huge, NaN and infinite numbers ---------------------------------------------------------------

HUGE: list[tuple[str, Callable[[], object], str]] = [
    ("daily_rate 1E+999999999", lambda: penalties.daily_rate(Decimal("1E+999999999")), "at most 100% per day"),
    ("daily_rate -1E+999999999", lambda: penalties.daily_rate(Decimal("-1E+999999999")), "more than 0"),
    ("DailyRate 1E+999999999", lambda: DailyRate(Decimal("1E+999999999")), "at most 100% per day"),
    ("daily_rate 1E-999999999", lambda: penalties.daily_rate(Decimal("1E-999999999")), "at most 12 decimal places"),
    ("daily_rate many digits", lambda: penalties.daily_rate(Decimal("0." + "1" * 100_000)), "12 decimal places"),
    ("daily_rate int 10**5000", lambda: penalties.daily_rate(10**5000), "bare int"),
    ("daily_rate sNaN", lambda: penalties.daily_rate(Decimal("sNaN")), "finite"),
    ("daily_rate -Infinity", lambda: penalties.daily_rate(Decimal("-Infinity")), "finite"),
    ("daily_rate float nan", lambda: penalties.daily_rate(float("nan")), "float"),
    ("daily_rate huge fraction", lambda: penalties.daily_rate(Fraction(10**5000, 3)), "at most 100% per day"),
    ("daily_rate tiny fraction", lambda: penalties.daily_rate(Fraction(1, 2**200_000)), "12 decimal places"),
    ("daily_rate negative fraction", lambda: penalties.daily_rate(Fraction(-1, 3**5000)), "more than 0"),
    ("lump_sum 1E+999999999", lambda: penalties.lump_sum(100, Decimal("1E+999999999")), "at most 100%"),
    ("lump_sum amount 10**5000", lambda: penalties.lump_sum(10**5000, "5%"), "10\\*\\*15"),
    ("yuan 10**5000", lambda: penalties.yuan(10**5000), "10\\*\\*15"),
    ("yuan -10**5000", lambda: penalties.yuan(-(10**5000)), "negative"),
    ("yuan 1E+999999999", lambda: penalties.yuan(Decimal("1E+999999999")), "10\\*\\*15"),
    ("yuan -1E+999999999", lambda: penalties.yuan(Decimal("-1E+999999999")), "negative"),
    ("yuan 1E-999999999", lambda: penalties.yuan(Decimal("1E-999999999")), "two decimal places"),
    ("yuan many digits", lambda: penalties.yuan(Decimal("1." + "1" * 100_000)), "two decimal places"),
    ("yuan NaN", lambda: penalties.yuan(Decimal("NaN")), "finite"),
    ("yuan sNaN", lambda: penalties.yuan(Decimal("sNaN")), "finite"),
    ("yuan float inf", lambda: penalties.yuan(float("inf")), "float"),
    ("yuan text 1E+999999999", lambda: penalties.yuan("1E+999999999"), "cannot read"),
    ("penalty days 10**5000", lambda: penalties.daily_rate("万分之五").penalty(100, 10**5000), "3,652,058"),
    ("penalty days 10**7", lambda: penalties.daily_rate("万分之五").penalty(100, 10**7), "3,652,058"),
    ("overdue_text 10**5000", lambda: penalties.overdue_text(10**5000), "3,652,058"),
    ("terminate_after 10**5000", lambda: _late(10**5000), "3,652,058"),  # type: ignore[arg-type]
    (
        "late_payment amount 10**5000",
        lambda: penalties.late_payment(10**5000, "2026-10-08", [], "万分之五"),
        "10\\*\\*15",
    ),
    (
        "late_payment payment 1E+999999999",
        lambda: penalties.late_payment(100, "2026-10-08", [("2026-10-09", Decimal("1E+999999999"))], "万分之五"),
        "10\\*\\*15",
    ),
    ("Period 10**5000", lambda: Period(10**5000, Unit.DAY), "1,000,000"),
    ("Period -10**5000", lambda: Period(-(10**5000), Unit.DAY), "1,000,000"),
]


@pytest.mark.parametrize(("call", "message"), [(c, m) for _, c, m in HUGE], ids=[name for name, _, _ in HUGE])
def test_huge_nan_and_infinite_numbers_are_typed_errors_naming_the_bound(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(sc.InvalidInputError, match=message) as info:
        call()
    assert len(str(info.value)) < MESSAGE_LIMIT


# -- periods beyond any calendar ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1000001日",
        "1000001个工作日",
        "一千万日",
        "九千九百九十九万九千九百九十九个月",
        "1" + "0" * 30 + "个工作日",
        "P1000001D",
        "PT999999999M",
        "1000001 years",
    ],
)
def test_periods_past_the_documented_bound_are_refused_at_parse_time(text: str) -> None:
    with pytest.raises(sc.PeriodParseError, match=r"1,000,000|more than 9 digits") as info:
        sc.period(text)
    assert len(str(info.value)) < MESSAGE_LIMIT


def test_the_largest_period_is_read() -> None:
    assert sc.period("1000000日") == Period(MAX_AMOUNT, Unit.DAY)


# -- tampered pickles -----------------------------------------------------------------------------


class _Forged:
    """Pickles as a bare ``cls`` with ``state`` set on it (the way ``object.__reduce_ex__`` writes a value
    with no ``__reduce__`` of its own, and an older slaclock wrote a Period): an edited pickle."""

    def __init__(self, cls: type, state: Any) -> None:
        self.cls, self.state = cls, state

    def __reduce__(self) -> tuple[Any, ...]:
        return (copyreg._reconstructor, (self.cls, object, None), self.state)


@pytest.mark.parametrize(
    "value",
    [Period(5, Unit.WORKDAY), Period(MAX_AMOUNT, Unit.YEAR), DailyRate(Decimal("0.0005"), "interest", "第五条")],
    ids=repr,
)
def test_a_pickle_round_trips(value: object) -> None:
    back = pickle.loads(pickle.dumps(value))
    assert back == value
    assert type(back) is type(value)
    if isinstance(value, DailyRate):
        assert isinstance(back, DailyRate)
        assert (back.charge, back.basis) == (value.charge, value.basis)


@pytest.mark.parametrize(
    ("cls", "state", "message"),
    [
        (Period, [-5, Unit.WORKDAY], "between 1 and 1,000,000"),
        (Period, [0, "day"], "between 1 and 1,000,000"),
        (Period, [10**5000, "day"], "between 1 and 1,000,000"),
        (Period, [5, "fortnight"], "unknown period unit"),
        (Period, [5.0, "day"], "must be an int"),
        (Period, {"amount": -5, "unit": Unit.WORKDAY}, "between 1 and 1,000,000"),
        (Period, (None, {"amount": -5, "unit": Unit.WORKDAY}), "between 1 and 1,000,000"),
        (Period, [5], "state"),
        (Period, "5 days", "state"),
        (DailyRate, [Decimal("-1"), "penalty", ""], "more than 0"),
        (DailyRate, [Decimal("2"), "penalty", ""], "at most 100% per day"),
        (DailyRate, [0.0005, "penalty", ""], "float"),
        (DailyRate, [Decimal("0.0005"), "bribe", ""], "charge must be"),
        (DailyRate, [Decimal("0.0005"), "penalty", 5], "basis must be text"),
        (DailyRate, {"per_day": Decimal("7"), "charge": "penalty", "basis": ""}, "at most 100% per day"),
        (DailyRate, ["0.0005"], "state"),
    ],
)
def test_a_tampered_pickle_is_refused_by_the_constructors_checks(cls: type, state: Any, message: str) -> None:
    forged = pickle.dumps(_Forged(cls, state))
    with pytest.raises(sc.InvalidInputError, match=message) as info:
        pickle.loads(forged)
    assert len(str(info.value)) < MESSAGE_LIMIT


def test_a_pickle_is_rebuilt_by_the_constructor() -> None:
    """A value pickles as a call of its class, so an edited argument meets the same checks."""
    rebuild, args = Period(5, Unit.WORKDAY).__reduce__()
    assert rebuild is Period
    assert args == (5, "workday")
    with pytest.raises(sc.InvalidInputError, match="between 1 and 1,000,000"):
        rebuild(-5, "workday")
    rebuild, args = DailyRate(Decimal("0.0005"), "interest", "x").__reduce__()
    assert rebuild is DailyRate
    assert args == (Decimal("0.0005"), "interest", "x")


def test_a_tampered_period_no_longer_gives_a_due_before_its_start() -> None:
    forged = pickle.dumps(_Forged(Period, [-5, Unit.WORKDAY]))
    with pytest.raises(sc.InvalidInputError):
        sc.deadline("2026-01-05", pickle.loads(forged), calendar="CN")
