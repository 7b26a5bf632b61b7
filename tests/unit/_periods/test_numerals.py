"""Chinese numerals: one reader and one writer, shared by the period parser and the penalties."""

from __future__ import annotations

from decimal import Decimal

import pytest

from slaclock import penalties
from slaclock._periods import numerals
from slaclock._periods.numerals import (
    DIGITS,
    MAX_CHARS,
    MAX_VALUE,
    NUMERAL_CHARS,
    MalformedNumeralError,
    read_decimal,
    read_digits,
    read_int,
    write_decimal,
    write_int,
)
from slaclock._periods.parse import parse_period
from slaclock._periods.period import Period, Unit
from slaclock.errors import InvalidInputError, PeriodParseError

# -- reading ------------------------------------------------------------------------------------

READ = [
    # single digits, 〇/零 and 两
    ("零", 0),
    ("〇", 0),
    ("一", 1),
    ("二", 2),
    ("两", 2),
    ("兩", 2),
    ("九", 9),
    # tens: a leading 十 is 一十
    ("十", 10),
    ("一十", 10),
    ("十五", 15),
    ("一十五", 15),
    ("二十", 20),
    ("两十", 20),
    ("二十四", 24),
    ("九十九", 99),
    # hundreds and thousands, with and without 零
    ("一百", 100),
    ("两百", 200),
    ("一百零五", 105),
    ("一百一十", 110),
    ("一百一十五", 115),
    ("一千", 1000),
    ("两千", 2000),
    ("一千零一", 1001),
    ("一千零一十", 1010),
    ("一千零五十", 1050),
    ("一千五百", 1500),
    ("九千九百九十九", 9999),
    # 万
    ("一万", 10_000),
    ("两万", 20_000),
    ("萬", None),  # alone: see BAD
    ("一万零五", 10_005),
    ("一万零一十", 10_010),
    ("一万零一百零五", 10_105),
    ("一万一千", 11_000),
    ("十万", 100_000),
    ("十万零五", 100_005),
    ("十万零五百", 100_500),
    ("十万五千", 105_000),
    ("九万九千九百九十九", 99_999),
    ("九千九百九十九万九千九百九十九", 99_999_999),
    # financial (大写) forms
    ("壹", 1),
    ("贰拾", 20),
    ("壹佰贰拾", 120),
    ("叁仟零伍", 3005),
    ("陆萬", 60_000),
    ("柒拾捌", 78),
    # 廿, 卅 and 卌: a digit and 十 in one character
    ("廿", 20),
    ("廿五", 25),
    ("卅", 30),
    ("卅一", 31),
    ("卌", 40),
    ("一百廿", 120),
]


@pytest.mark.parametrize(("text", "value"), [(t, v) for t, v in READ if v is not None])
def test_read_int(text: str, value: int) -> None:
    assert read_int(text) == value


@pytest.mark.parametrize(("text", "value"), [(t, v) for t, v in READ if v is not None and v > 0])
def test_the_period_parser_reads_the_same_numerals(text: str, value: int) -> None:
    if value <= 1_000_000:
        assert parse_period(f"{text}天") == Period(value, Unit.DAY)
        assert parse_period(f"收到投诉后{text}个工作日内") == Period(value, Unit.WORKDAY)


@pytest.mark.parametrize(("text", "value"), [(t, v) for t, v in READ if v is not None and 0 < v < 10_000])
def test_penalties_read_the_same_numerals(text: str, value: int) -> None:
    assert penalties.daily_rate(f"万分之{text}").per_day == Decimal(value) / 10_000


BAD = [
    # (text, offset of the fault, the reason as the parser reports it today)
    ("二四", 1, "two digits in a row; write '二十四', not '二四'"),
    ("二〇二六", 1, "a digit string; write the number with places ('一百零五')"),
    ("十十", 1, "'十' cannot follow an equal or larger place"),
    ("百十", 0, "'百' needs a digit before it"),
    ("一十百", 2, "'百' cannot follow an equal or larger place"),
    ("一千五十", 3, "a skipped place needs '零' ('一千零五十')"),
    ("一百五", 2, "a digit after a place above ten is ambiguous; write '一百五十' or '一百零五'"),
    ("零五", 0, "'零' where no place is skipped"),
    ("一百零零五", 3, "'零' twice"),
    ("一千零五百", 2, "'零' where no place is skipped"),
    ("一百零", 2, "'零' at the end of a numeral"),
    ("万", 0, "'万' needs a number before it"),
    ("萬", 0, "'万' needs a number before it"),
    ("一万万", 2, "'万' twice"),
    ("一万五", 2, "a digit after a place above ten is ambiguous; write '一百五十' or '一百零五'"),
    ("一万十五", 2, "'十' needs a digit before it"),
    ("二廿", 1, "a digit before '廿'"),
    ("十廿", 1, "'廿' cannot follow an equal or larger place"),
    ("五x", 1, "'x' inside a numeral"),
    ("5", 0, "'5' inside a numeral"),
    ("", 0, "no numeral"),
]


@pytest.mark.parametrize(("text", "offset", "reason"), BAD)
def test_malformed_numerals_are_refused_with_the_place_and_the_rule(text: str, offset: int, reason: str) -> None:
    with pytest.raises(MalformedNumeralError) as info:
        read_int(text)
    assert (info.value.offset, info.value.reason) == (offset, reason)
    assert str(info.value) == reason
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(("text", "offset", "reason"), [b for b in BAD if b[0] and b[0][-1] != "x" and b[0] != "5"])
def test_the_callers_raise_their_own_typed_errors_for_malformed_numerals(text: str, offset: int, reason: str) -> None:
    with pytest.raises(PeriodParseError) as info:
        parse_period(f"收到后{text}天内")
    assert f"malformed Chinese numeral {text!r} ({reason}) at position {3 + offset}" in str(info.value)
    assert info.value.position == 3 + offset
    with pytest.raises(InvalidInputError, match="cannot read the number"):
        penalties.daily_rate(f"万分之{text}")


def test_the_parser_caps_the_length_of_a_numeral() -> None:
    longest = "九千九百九十九万九千九百九十九"
    assert len(longest) == MAX_CHARS
    assert read_int(longest) == MAX_VALUE
    with pytest.raises(PeriodParseError, match=f"a Chinese numeral longer than {MAX_CHARS} characters"):
        parse_period("一" + longest + "天")


def test_the_character_tables() -> None:
    assert set(DIGITS.values()) == set(range(10))
    assert {"〇", "零", "两", "兩", "廿", "卅", "卌", "十", "百", "千", "万", "萬"} <= NUMERAL_CHARS
    assert "点" not in NUMERAL_CHARS
    assert "半" not in NUMERAL_CHARS  # "半" begins an amount in the parser, but it is no numeral
    with pytest.raises(TypeError):
        DIGITS["〇"] = 1  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "digits"),
    [("二五", "25"), ("〇五", "05"), ("零零", "00"), ("两", "2"), ("玖", "9"), ("一二三四五六七八九〇", "1234567890")],
)
def test_read_digits(text: str, digits: str) -> None:
    assert read_digits(text) == digits


@pytest.mark.parametrize(("text", "offset"), [("", 0), ("十", 0), ("二十", 1), ("5", 0), ("二点", 1)])
def test_read_digits_refuses_places_and_other_characters(text: str, offset: int) -> None:
    with pytest.raises(MalformedNumeralError) as info:
        read_digits(text)
    assert info.value.offset == offset


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Arabic, full-width too
        ("5", "5"),
        ("15", "15"),
        ("0.5", "0.5"),
        ("12.25", "12.25"),
        ("５", "5"),
        ("０.５", "0.5"),
        ("１２．２５", "12.25"),
        # Chinese, whole or with 点 / 點
        ("五", "5"),
        ("十五", "15"),
        ("两", "2"),
        ("零点五", "0.5"),
        ("〇点五", "0.5"),
        ("一点五", "1.5"),
        ("十二点二五", "12.25"),
        ("零點五", "0.5"),
        ("零点两五", "0.25"),
        ("零点零五", "0.05"),
        ("廿点五", "20.5"),
        ("一万零一十", "10010"),
    ],
)
def test_read_decimal(text: str, value: str) -> None:
    assert read_decimal(text) == Decimal(value)
    assert str(read_decimal(text)) == value


BAD_DECIMALS = ["", "点五", "五点", "五点十", "5点五", "五五", "一百五", "-5", "5.", ".5"]
BAD_DECIMALS += ["五点五点五", "五點五点", "五 点五"]


@pytest.mark.parametrize("text", BAD_DECIMALS)
def test_read_decimal_refuses(text: str) -> None:
    with pytest.raises(MalformedNumeralError):
        read_decimal(text)
    if text:
        with pytest.raises(InvalidInputError):
            penalties.daily_rate(f"万分之{text}")


# -- writing ------------------------------------------------------------------------------------

WRITE = [
    (0, "零"),
    (1, "一"),
    (2, "二"),
    (10, "十"),
    (11, "十一"),
    (15, "十五"),
    (20, "二十"),
    (99, "九十九"),
    (100, "一百"),
    (105, "一百零五"),
    (110, "一百一十"),
    (1000, "一千"),
    (1001, "一千零一"),
    (1010, "一千零一十"),
    (1050, "一千零五十"),
    (1100, "一千一百"),
    (9999, "九千九百九十九"),
    (10_000, "一万"),
    (10_005, "一万零五"),
    (10_010, "一万零一十"),
    (10_100, "一万零一百"),
    (11_000, "一万一千"),
    (100_000, "十万"),
    (100_500, "十万零五百"),
    (105_000, "十万五千"),
    (120_000, "十二万"),
    (99_999, "九万九千九百九十九"),
    (99_999_999, "九千九百九十九万九千九百九十九"),
]


@pytest.mark.parametrize(("value", "text"), WRITE)
def test_write_int(value: int, text: str) -> None:
    assert write_int(value) == text
    assert read_int(text) == value


def test_every_number_to_99999_is_written_and_read_back() -> None:
    for n in range(100_000):
        text = write_int(n)
        assert read_int(text) == n, (n, text)
        assert set(text) <= NUMERAL_CHARS


@pytest.mark.parametrize("value", [1_000_000, 10_000_001, 12_345_678, 90_000_009, MAX_VALUE])
def test_large_numbers_are_written_and_read_back(value: int) -> None:
    assert read_int(write_int(value)) == value


@pytest.mark.parametrize("value", [-1, MAX_VALUE + 1, True, 1.0, "5"])
def test_write_int_refuses_what_it_cannot_write(value: object) -> None:
    with pytest.raises(ValueError, match="write_int takes an int"):
        write_int(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("0", "零"),
        ("5", "五"),
        ("5.50", "五点五"),
        ("0.5", "零点五"),
        ("0.05", "零点零五"),
        ("12.25", "十二点二五"),
        ("1E+2", "一百"),
        ("9999.000000000001", "九千九百九十九点零零零零零零零零零零零一"),
        ("10010.5", "一万零一十点五"),
    ],
)
def test_write_decimal(value: str, text: str) -> None:
    assert write_decimal(Decimal(value)) == text
    assert read_decimal(text) == Decimal(value)


def test_decimals_are_written_and_read_back() -> None:
    for whole in (0, 1, 9, 10, 15, 105, 1050, 9999, 10_010):
        for frac in ("", "5", "05", "25", "125", "000001"):
            x = Decimal(f"{whole}.{frac}" if frac else str(whole))
            assert read_decimal(write_decimal(x)) == x, x


@pytest.mark.parametrize("value", [Decimal(-1), Decimal("NaN"), Decimal("Infinity"), 5, 0.5])
def test_write_decimal_refuses_what_it_cannot_write(value: object) -> None:
    with pytest.raises(ValueError, match="write_decimal takes a finite Decimal"):
        write_decimal(value)  # type: ignore[arg-type]


def test_the_penalties_write_rates_with_the_shared_writer() -> None:
    for text, per_day in [
        ("每日万分之五", "0.0005"),
        ("每日千分之一", "0.001"),
        ("每日百分之一", "0.01"),
        ("每日万分之零点五", "0.00005"),
        ("每日万分之十二点二五", "0.001225"),
        ("每日百分之一百", "1"),
        ("每日千分之一百零五", "0.105"),
        ("每日万分之一千零五十一", "0.1051"),
    ]:
        rate = penalties.DailyRate(Decimal(per_day))
        assert rate.zh == text
        assert penalties.daily_rate(text) == rate


def test_one_implementation() -> None:
    """The parser and the penalties use this module's functions, not copies of them."""
    from slaclock._periods import parse

    assert parse._ZH_NUMERAL_CHARS is numerals.NUMERAL_CHARS
    assert parse._MAX_NUMERAL_CHARS == numerals.MAX_CHARS
