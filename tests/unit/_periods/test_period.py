"""Periods: reading contract phrasings, refusing bad ones precisely, the value type itself."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import pytest

from slaclock._periods.parse import (
    _EN_FILLER,
    _EN_NUMBERS,
    _EN_UNITS,
    _ZH_FILLER,
    _ZH_NUMERAL_CHARS,
    _ZH_REJECT,
    _ZH_UNITS,
    ACCEPTED_UNITS,
    MAX_TEXT_LENGTH,
    parse_period,
)
from slaclock._periods.period import MAX_AMOUNT, Period, Unit, period
from slaclock.errors import InvalidInputError, PeriodParseError, SlaclockError

U = Unit

# -- phrasings that must be read ----------------------------------------------------------------

GOOD = [
    # every Chinese numeral form: 两, bare 十, tens, hundreds with and without 零, 千, 万
    ("两个工作日", Period(2, U.WORKDAY)),
    ("十天", Period(10, U.DAY)),
    ("十五天", Period(15, U.DAY)),
    ("二十日", Period(20, U.DAY)),
    ("二十四小时", Period(24, U.HOUR)),
    ("三十日", Period(30, U.DAY)),
    ("一百二十日", Period(120, U.DAY)),
    ("一百零五天", Period(105, U.DAY)),
    ("一千零一天", Period(1001, U.DAY)),
    ("三万分钟", Period(30000, U.MINUTE)),
    ("十万零五分钟", Period(100005, U.MINUTE)),
    ("两百天", Period(200, U.DAY)),
    ("一十五日", Period(15, U.DAY)),
    ("九十九年", Period(99, U.YEAR)),
    # financial numerals, 廿 and 卅
    ("壹佰贰拾日", Period(120, U.DAY)),
    ("叁拾日", Period(30, U.DAY)),
    ("伍个工作日", Period(5, U.WORKDAY)),
    ("壹仟零壹天", Period(1001, U.DAY)),
    ("廿日", Period(20, U.DAY)),
    ("廿五天", Period(25, U.DAY)),
    ("卅天", Period(30, U.DAY)),
    # with and without 个
    ("5个工作日", Period(5, U.WORKDAY)),
    ("5工作日", Period(5, U.WORKDAY)),
    ("三个小时", Period(3, U.HOUR)),
    ("三小时", Period(3, U.HOUR)),
    ("两个钟头", Period(2, U.HOUR)),
    ("8个工作小时", Period(8, U.WORK_HOUR)),
    ("8工作小时", Period(8, U.WORK_HOUR)),
    ("4工作时", Period(4, U.WORK_HOUR)),
    ("90工作分钟", Period(90, U.WORK_MINUTE)),
    ("30分钟", Period(30, U.MINUTE)),
    ("3个工作天", Period(3, U.WORKDAY)),
    # calendar days: 天, 日, 自然日, 日历日
    ("7天", Period(7, U.DAY)),
    ("7日", Period(7, U.DAY)),
    ("15个自然日", Period(15, U.DAY)),
    ("15自然日", Period(15, U.DAY)),
    ("30日历日", Period(30, U.DAY)),
    # months, weeks, years
    ("1个月", Period(1, U.MONTH)),
    ("两个月", Period(2, U.MONTH)),
    ("六个自然月", Period(6, U.MONTH)),
    ("2周", Period(2, U.WEEK)),
    ("三个星期", Period(3, U.WEEK)),
    ("一个礼拜", Period(1, U.WEEK)),
    ("一年", Period(1, U.YEAR)),
    ("一周年", Period(1, U.YEAR)),
    ("3周年", Period(3, U.YEAR)),
    # traditional characters
    ("三個月", Period(3, U.MONTH)),
    ("24小時", Period(24, U.HOUR)),
    ("5個工作天", Period(5, U.WORKDAY)),
    # half hours: only hours take 半, and the result is in minutes
    ("半小时", Period(30, U.MINUTE)),
    ("半个小时", Period(30, U.MINUTE)),
    ("一个半小时", Period(90, U.MINUTE)),
    ("1个半小时", Period(90, U.MINUTE)),
    ("两个半工作小时", Period(150, U.WORK_MINUTE)),
    ("半个钟头内响应", Period(30, U.MINUTE)),
    # framing words around a Chinese period
    ("收到投诉后24小时内", Period(24, U.HOUR)),
    ("收到之日起7日内", Period(7, U.DAY)),
    ("提前三十日书面通知", Period(30, U.DAY)),
    ("8个工作小时内响应", Period(8, U.WORK_HOUR)),
    ("受理确认时限：收到投诉后二十四小时内", Period(24, U.HOUR)),
    ("保修期延长两个月", Period(2, U.MONTH)),
    ("诉讼时效3年", Period(3, U.YEAR)),
    ("应当在接到通知后三个工作日内予以答复", Period(3, U.WORKDAY)),
    ("自收到申请之日起不超过15个工作日", Period(15, U.WORKDAY)),
    ("故障发生后4小时内到场", Period(4, U.HOUR)),
    ("【响应时间】30分钟", Period(30, U.MINUTE)),
    # full-width digits, letters and punctuation (NFKC)
    ("５个工作日", Period(5, U.WORKDAY)),
    ("２４ｈ", Period(24, U.HOUR)),
    ("ＰＴ２４Ｈ", Period(24, U.HOUR)),
    # restated amounts, equal on both sides
    ("三十（30）日", Period(30, U.DAY)),
    ("30（三十）日", Period(30, U.DAY)),
    ("Thirty (30) days", Period(30, U.DAY)),
    ("30 (thirty) days", Period(30, U.DAY)),
    ("five (5) business days", Period(5, U.WORKDAY)),
    # English: digits, number words, a/an, glued short units
    ("24 hours", Period(24, U.HOUR)),
    ("48h", Period(48, U.HOUR)),
    ("48 hrs", Period(48, U.HOUR)),
    ("1 hr", Period(1, U.HOUR)),
    ("30min", Period(30, U.MINUTE)),
    ("45 mins", Period(45, U.MINUTE)),
    ("15m", Period(15, U.MINUTE)),
    ("5d", Period(5, U.DAY)),
    ("2w", Period(2, U.WEEK)),
    ("3 wks", Period(3, U.WEEK)),
    ("6 mos", Period(6, U.MONTH)),
    ("2 yrs", Period(2, U.YEAR)),
    ("1y", Period(1, U.YEAR)),
    ("2 weeks", Period(2, U.WEEK)),
    ("1 month", Period(1, U.MONTH)),
    ("an hour", Period(1, U.HOUR)),
    ("a month", Period(1, U.MONTH)),
    ("a business day", Period(1, U.WORKDAY)),
    ("twenty-four hours", Period(24, U.HOUR)),
    ("forty-eight hours", Period(48, U.HOUR)),
    ("Seven days", Period(7, U.DAY)),
    ("TWELVE MONTHS", Period(12, U.MONTH)),
    # English working time and calendar time
    ("3 business days", Period(3, U.WORKDAY)),
    ("5 working days", Period(5, U.WORKDAY)),
    ("5 work days", Period(5, U.WORKDAY)),
    ("10 workdays", Period(10, U.WORKDAY)),
    ("2 BD", Period(2, U.WORKDAY)),
    ("8 business hours", Period(8, U.WORK_HOUR)),
    ("4 working hours", Period(4, U.WORK_HOUR)),
    ("90 work minutes", Period(90, U.WORK_MINUTE)),
    ("30 calendar days", Period(30, U.DAY)),
    ("1 calendar month", Period(1, U.MONTH)),
    # English framing, possessives and hyphenated adjectives
    ("30 days' written notice", Period(30, U.DAY)),
    ("30 days’ prior written notice", Period(30, U.DAY)),
    ("within 5 business days of receipt", Period(5, U.WORKDAY)),
    ("no later than 24 hours after receipt of the complaint", Period(24, U.HOUR)),
    ("at least thirty (30) days' notice", Period(30, U.DAY)),
    ("within a 5-day period", Period(5, U.DAY)),
    ("Response time: 4 hours.", Period(4, U.HOUR)),
    # decimal hours become minutes when exact; whole ones stay hours
    ("1.5 hours", Period(90, U.MINUTE)),
    ("0.5h", Period(30, U.MINUTE)),
    ("1.25 hours", Period(75, U.MINUTE)),
    ("1.5 business hours", Period(90, U.WORK_MINUTE)),
    ("1.5小时", Period(90, U.MINUTE)),
    ("2.0 hours", Period(2, U.HOUR)),
    # ISO 8601, one unit each; hours and minutes together become minutes
    ("PT24H", Period(24, U.HOUR)),
    ("P5D", Period(5, U.DAY)),
    ("P1M", Period(1, U.MONTH)),
    ("P2W", Period(2, U.WEEK)),
    ("P1Y", Period(1, U.YEAR)),
    ("PT30M", Period(30, U.MINUTE)),
    ("PT1H30M", Period(90, U.MINUTE)),
    ("PT2H0M", Period(2, U.HOUR)),
    ("PT120S", Period(2, U.MINUTE)),
    ("pt24h", Period(24, U.HOUR)),
    ("  P5D  ", Period(5, U.DAY)),
]


@pytest.mark.parametrize(("text", "expected"), GOOD, ids=[text for text, _ in GOOD])
def test_contract_phrasing_is_read(text: str, expected: Period) -> None:
    assert parse_period(text) == expected
    assert period(text) == expected


def test_the_table_is_large_enough() -> None:
    assert len(GOOD) >= 70


# -- phrasings that must be refused -------------------------------------------------------------

# (text, position or None, words the message must contain)
BAD = [
    # unknown units and words
    ("5 fortnights", 2, ["unknown word 'fortnights'"]),
    ("5 seconds", 2, ["unknown word 'seconds'"]),
    ("5x", 1, ["unknown word 'x'"]),
    ("5😀", 1, ["'😀'"]),
    # words that change the meaning are never skipped
    ("5日前", 2, ["'前'", "notice_deadline"]),
    ("5 days before", 7, ["'before'", "notice_deadline"]),
    ("每月5日", 0, ["'每'"]),
    ("30天左右", 3, ["'左右'"]),
    ("30多天", 2, ["'多'"]),
    ("月初", 0, ["no amount"]),
    # zero, negative, too large, too many digits
    ("0天", 0, ["must be positive"]),
    ("零天", 0, ["must be positive"]),
    ("zero days", 0, ["must be positive"]),
    ("-5 days", 0, ["negative amounts are not accepted", "notice_deadline"]),
    ("负5天", 0, ["negative"]),
    ("-P5D", 0, ["negative"]),
    ("2000000 days", 0, ["1,000,000"]),
    ("一千万天", 0, ["1,000,000"]),
    ("1234567890 days", 0, ["9 digits"]),
    # restated amounts that disagree
    ("三十（31）日", 3, ["disagree"]),
    ("thirty (31) days", 8, ["disagree"]),
    ("30 (thirty) (40) days", None, []),
    # ISO 8601: one unit, whole minutes, positive
    ("P1M2D", 3, ["one unit"]),
    ("P1DT12H", 4, ["one unit"]),
    ("PT90S", 2, ["whole number of minutes"]),
    ("P0D", 1, ["must be positive"]),
    ("PT", 2, ["'T'"]),
    ("P5", 2, ["expected Y, M, W or D"]),
    ("PT5D", 3, ["expected H, M or S"]),
    ("P5D5D", 4, ["out of order"]),
    ("P1.5D", 2, []),
    # decimals and halves outside hours
    ("1.5 days", 0, ["days must be a whole number"]),
    ("1.5个工作日", 0, ["workdays must be a whole number"]),
    ("1.333 hours", 0, ["whole number of minutes"]),
    ("半天", 0, ["half only works for hours"]),
    ("一个半月", 2, ["half only works for hours"]),
    ("一个半个小时", 3, []),
    # malformed Chinese numerals point into the numeral
    ("二四天", 1, ["malformed Chinese numeral '二四'"]),
    ("十十天", 1, ["malformed"]),
    ("百十天", 0, ["malformed"]),
    ("一百五天", 2, ["malformed"]),
    ("二〇二五天", 1, ["malformed"]),
    ("一千五十天", 3, ["零"]),
    ("一百零天", 2, ["零"]),
    ("万天", 0, ["malformed"]),
    # exactly one period
    ("5天 3小时", 3, ["a second period '3小时'", "exactly one period"]),
    ("5 days a week", 7, ["second period"]),
    ("24h 48h", 4, ["second period"]),
    # no period at all, or half of one
    ("", 0, ["no amount and unit found"]),
    ("   ", 0, ["no amount and unit found"]),
    ("收到投诉后", 0, ["no amount and unit found"]),
    ("24", 2, ["expected a unit after '24'"]),
    ("天", 0, ["no amount before it"]),
    ("days", 0, ["no amount before it"]),
    ("5 business", 2, ["expected a unit after '5'"]),
    ("5 within days", 2, ["expected a unit after '5', found 'within'"]),
    # junk characters anywhere
    ("5天\x00", 2, ["'\\x00'"]),
    ("\ud8005天", 0, []),
    ("5\u0301天", 1, []),
    ("٥ days", 0, []),
]


@pytest.mark.parametrize(("text", "position", "fragments"), BAD, ids=[repr(text) for text, _, _ in BAD])
def test_bad_text_is_refused_where_it_goes_wrong(text: str, position: int | None, fragments: list[str]) -> None:
    with pytest.raises(PeriodParseError) as caught:
        parse_period(text)
    error = caught.value
    message = str(error)
    assert error.text == text
    if position is not None:
        assert error.position == position
    assert 0 <= error.position <= len(text)
    assert message.startswith(f"cannot read {text!r} as a period: ")
    assert f"at position {error.position}" in message
    assert message.endswith(f"accepted units: {ACCEPTED_UNITS}")
    for fragment in fragments:
        assert fragment in message


def test_message_shows_the_text_with_a_caret_under_the_position() -> None:
    with pytest.raises(PeriodParseError) as caught:
        period("5 fortnights")
    assert str(caught.value) == (
        "cannot read '5 fortnights' as a period: unknown word 'fortnights' at position 2\n"
        "    5 fortnights\n"
        "      ^\n"
        "accepted units: 分钟, 小时, 工作小时, 工作分钟, 日/天/自然日, 工作日, 周/星期, 个月, 年; "
        "minutes, hours, work/business hours, work/business minutes, days, workdays/business days, weeks, months, "
        "years; "
        "ISO 8601 PT30M, PT24H, P5D, P2W, P1M, P1Y"
    )


def test_caret_counts_wide_characters_twice() -> None:
    with pytest.raises(PeriodParseError) as caught:
        period("收到后5日前")
    lines = str(caught.value).splitlines()
    assert caught.value.position == 5
    assert lines[1] == "    收到后5日前"
    assert lines[2] == "    " + " " * 9 + "^"  # 收到后 and 日 are two columns each, 5 is one


def test_positions_refer_to_the_original_text_when_normalisation_changes_its_length() -> None:
    # NFKC folds "…" (one character) into "..." (three, skipped as punctuation): "前" is still at 3.
    with pytest.raises(PeriodParseError) as caught:
        period("…5日前")
    assert caught.value.position == 3
    # "½" folds to "1⁄2": the error points at "½" itself, after the full-width "１２天"
    with pytest.raises(PeriodParseError) as caught:
        period("１２天½")
    assert caught.value.position == 3
    # the "ff" ligature folds to two letters: the word is quoted and positioned as written
    with pytest.raises(PeriodParseError) as caught:
        period("ﬀ5天")
    assert caught.value.position == 0
    assert "unknown word 'ﬀ'" in str(caught.value)
    with pytest.raises(PeriodParseError) as caught:
        period("５天 ３小时")
    assert caught.value.position == 3
    assert "'３小时'" in str(caught.value)  # quoted as written, not as normalised


def test_text_over_the_length_limit_is_refused_before_reading() -> None:
    text = "5天" + " " * MAX_TEXT_LENGTH
    with pytest.raises(PeriodParseError) as caught:
        period(text)
    assert caught.value.position == MAX_TEXT_LENGTH
    assert "1,000" in str(caught.value)
    assert caught.value.text == text
    assert parse_period("5天" + " " * (MAX_TEXT_LENGTH - 2)) == Period(5, U.DAY)


def test_parse_error_is_a_value_error_and_pickles() -> None:
    with pytest.raises(PeriodParseError) as caught:
        period("5日前")
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, SlaclockError)
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is PeriodParseError
    assert (str(clone), clone.text, clone.position) == (str(error), error.text, error.position)


def test_vocabulary_tables_do_not_overlap() -> None:
    # A word in two tables would be read by whichever branch comes first: the tables must be disjoint,
    # and no framing word may start like an amount.
    assert not set(_ZH_UNITS) & _ZH_FILLER
    assert not set(_ZH_UNITS) & set(_ZH_REJECT)
    assert not _ZH_FILLER & set(_ZH_REJECT)
    assert not {w for w in _ZH_FILLER | set(_ZH_UNITS) if w[0] in _ZH_NUMERAL_CHARS or w[0] == "半"}
    assert not set(_EN_UNITS) & _EN_FILLER
    assert not set(_EN_NUMBERS) & _EN_FILLER


# -- the value type -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "english", "chinese", "iso"),
    [
        (Period(5, U.WORKDAY), "5 workdays", "5个工作日", None),
        (Period(1, U.WORKDAY), "1 workday", "1个工作日", None),
        (Period(1, U.HOUR), "1 hour", "1小时", "PT1H"),
        (Period(24, U.HOUR), "24 hours", "24小时", "PT24H"),
        (Period(8, U.WORK_HOUR), "8 work hours", "8个工作小时", None),
        (Period(90, U.WORK_MINUTE), "90 work minutes", "90工作分钟", None),
        (Period(30, U.MINUTE), "30 minutes", "30分钟", "PT30M"),
        (Period(7, U.DAY), "7 days", "7日", "P7D"),
        (Period(2, U.WEEK), "2 weeks", "2周", "P2W"),
        (Period(1, U.MONTH), "1 month", "1个月", "P1M"),
        (Period(3, U.YEAR), "3 years", "3年", "P3Y"),
    ],
)
def test_period_renders_in_english_chinese_and_iso(p: Period, english: str, chinese: str, iso: str | None) -> None:
    assert str(p) == english
    assert p.zh == chinese
    if iso is None:
        with pytest.raises(InvalidInputError, match="no ISO 8601 form"):
            p.isoformat()
    else:
        assert p.isoformat() == iso
        assert period(iso) == p
    assert period(english) == p
    assert period(chinese) == p


def test_period_value_semantics() -> None:
    p = Period(5, "workday")  # type: ignore[arg-type]  # documented: a str unit is coerced to Unit
    assert p.unit is U.WORKDAY
    assert repr(p) == "Period(5, 'workday')"
    assert p == Period(5, U.WORKDAY)
    assert hash(p) == hash(Period(5, U.WORKDAY))
    assert p != Period(5, U.DAY)
    assert copy.copy(p) is p
    assert copy.deepcopy(p) is p
    assert pickle.loads(pickle.dumps(p)) == p


@pytest.mark.parametrize(
    ("amount", "unit"),
    [
        (True, "day"),
        (1.0, "day"),
        (5.5, "hour"),
        ("5", "day"),
        (0, "day"),
        (-1, "day"),
        (MAX_AMOUNT + 1, "day"),
        (5, "fortnight"),
        (5, "days"),
        (5, None),
    ],
)
def test_period_constructor_refuses_bad_amounts_and_units(amount: object, unit: object) -> None:
    with pytest.raises(InvalidInputError):
        Period(amount, unit)  # type: ignore[arg-type]


def test_period_constructor_accepts_the_bounds() -> None:
    assert Period(1, U.MINUTE).amount == 1
    assert Period(MAX_AMOUNT, U.DAY).amount == MAX_AMOUNT


def test_period_passes_a_period_through() -> None:
    p = Period(3, U.WEEK)
    assert period(p) is p


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (dt.timedelta(hours=24), Period(24, U.HOUR)),
        (dt.timedelta(days=1), Period(24, U.HOUR)),
        (dt.timedelta(minutes=90), Period(90, U.MINUTE)),
        (dt.timedelta(minutes=1), Period(1, U.MINUTE)),
    ],
)
def test_period_reads_a_timedelta_as_elapsed_time(delta: dt.timedelta, expected: Period) -> None:
    assert period(delta) == expected


@pytest.mark.parametrize(
    "delta", [dt.timedelta(seconds=30), dt.timedelta(0), dt.timedelta(minutes=-5), dt.timedelta(minutes=1, seconds=1)]
)
def test_period_refuses_a_timedelta_that_is_not_whole_positive_minutes(delta: dt.timedelta) -> None:
    with pytest.raises(InvalidInputError):
        period(delta)


@pytest.mark.parametrize("spec", [5, 5.0, None, b"5 days", ["5 days"]])
def test_period_refuses_other_types(spec: object) -> None:
    with pytest.raises(InvalidInputError):
        period(spec)  # type: ignore[arg-type]


def test_period_accepts_str_subclasses() -> None:
    class Clause(str):
        pass

    assert period(Clause("5个工作日")) == Period(5, U.WORKDAY)


@pytest.mark.parametrize("text", ["1²日", "3⁰日", "²日", "₅日", "⑳日", "⑴日", "𝟓日", "㏠", "1½日"])
def test_digits_that_are_not_full_width_are_refused_not_read(text: str) -> None:
    # NFKC folds a superscript, subscript, circled or mathematical digit into an ASCII one: "1²日" was 12 days
    with pytest.raises(PeriodParseError):
        period(text)


def test_full_width_digits_and_letters_are_still_read() -> None:
    assert period("３０日") == period("30日")
    assert period("ＰＴ２４Ｈ") == period("24小时")
