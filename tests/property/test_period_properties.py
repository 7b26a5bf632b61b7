"""Property tests of reading periods: every rendering reads back, and no text breaks the reader.

Every test states its invariant in its docstring. The Chinese numeral oracle below is
written independently of the parser (place by place, from the number), so a shared
misunderstanding of the grammar would have to be made twice.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from slaclock._periods.parse import MAX_TEXT_LENGTH, parse_period
from slaclock._periods.period import MAX_AMOUNT, Period, Unit, period
from slaclock.errors import PeriodParseError

ISO_UNITS = frozenset({Unit.MINUTE, Unit.HOUR, Unit.DAY, Unit.WEEK, Unit.MONTH, Unit.YEAR})

# Small amounts are where the words differ (1 hour / 2 hours, 十 / 二十); large ones test the limits.
amounts = st.one_of(
    st.integers(1, 31),
    st.integers(1, 1_000),
    st.integers(1, MAX_AMOUNT),
    st.sampled_from([1, 2, 10, 11, 60, 100, 101, 1_000, 10_000, MAX_AMOUNT - 1, MAX_AMOUNT]),
)
periods = st.builds(Period, amounts, st.sampled_from(list(Unit)))


@given(periods)
@example(Period(1, Unit.WORK_MINUTE))
@example(Period(MAX_AMOUNT, Unit.YEAR))
def test_english_rendering_reads_back(p: Period) -> None:
    """``period(str(p)) == p``: the canonical English form is a fixed point."""
    assert parse_period(str(p)) == p


@given(periods)
@example(Period(8, Unit.WORK_HOUR))
def test_chinese_rendering_reads_back(p: Period) -> None:
    """``period(p.zh) == p``: the Chinese form with Arabic digits is a fixed point."""
    assert parse_period(p.zh) == p


@given(periods.filter(lambda p: p.unit in ISO_UNITS))
@example(Period(60, Unit.MINUTE))
@example(Period(1, Unit.HOUR))
def test_iso_rendering_reads_back(p: Period) -> None:
    """``period(p.isoformat()) == p``: single-designator ISO durations keep their unit (PT60M stays minutes)."""
    assert parse_period(p.isoformat()) == p


# -- Chinese numerals -------------------------------------------------------------------------------

ZH_DIGITS = "零一二三四五六七八九"
ZH_PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))


def zh_section(n: int, *, leading: bool) -> str:
    """``0 < n < 10000`` in standard form; ``leading`` if nothing is written before it (no 万)."""
    out: list[str] = []
    skipped = False  # a zero place lies between the last written place and the next one
    written = False
    for place, name in ZH_PLACES:
        digit = n // place % 10
        if digit == 0:
            skipped = skipped or written or not leading
            continue
        if skipped:
            out.append("零")  # one 零 however many places were skipped
        skipped = False
        if not (place == 10 and digit == 1 and leading and not written):
            out.append(ZH_DIGITS[digit])  # a leading 十 drops its 一: 十五, not 一十五
        out.append(name)
        written = True
    return "".join(out)


def to_chinese(n: int) -> str:
    """``1 <= n <= 99999`` the way a contract writes it: 十五, 一百零五, 一万零一十."""
    high, low = divmod(n, 10_000)
    if not high:
        return zh_section(n, leading=True)
    return zh_section(high, leading=True) + "万" + (zh_section(low, leading=False) if low else "")


@pytest.mark.parametrize(
    ("n", "written"),
    [
        (1, "一"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (24, "二十四"),
        (105, "一百零五"),
        (110, "一百一十"),
        (120, "一百二十"),
        (1001, "一千零一"),
        (1050, "一千零五十"),
        (30000, "三万"),
        (10010, "一万零一十"),
        (10500, "一万零五百"),
        (35000, "三万五千"),
        (99999, "九万九千九百九十九"),
    ],
)
def test_the_oracle_writes_standard_numerals(n: int, written: str) -> None:
    """The test's own int-to-Chinese writer agrees with textbook forms."""
    assert to_chinese(n) == written


@given(st.integers(1, 99_999))
def test_chinese_numerals_read_back(n: int) -> None:
    """Every standard numeral below 十万 reads as its value ("一百零五个工作日" is 105 workdays)."""
    assert period(f"{to_chinese(n)}个工作日") == Period(n, Unit.WORKDAY)


@given(st.integers(1, 99_999), st.sampled_from(["（{}）", "({})", " ({}) "]))
def test_restated_amounts_agree_and_disagree(n: int, brackets: str) -> None:
    """A restated amount ("三十（30）日") reads once; one off by one is refused at the restated number."""
    assert period(f"{to_chinese(n)}{brackets.format(n)}日") == Period(n, Unit.DAY)
    text = f"{n}{brackets.format(to_chinese(n + 1))}日"
    with pytest.raises(PeriodParseError, match="disagree") as caught:
        period(text)
    assert text[caught.value.position] in "一二三四五六七八九十"


# -- fuzzing --------------------------------------------------------------------------------------

VOCABULARY = [
    *"0123456789.-−负半个個零〇一二两三四五六七八九十百千万壹贰叁拾佰仟廿卅",
    *"日天周月年时分钟小工作星期礼拜前每多内后起之（）()【】：:,，。 '’\"\t",
    "小时", "工作日", "个月", "收到", "投诉", "之日", "以内", "提前", "书面通知", "自然日", "周年",
    "hours", "hour", "h", "days", "d", "business", "working", "work", "calendar", "a", "an", "min",
    "m", "mo", "thirty", "twenty", "-four", "within", "of", "receipt", "before", "zero",
    "P", "T", "PT", "Y", "M", "W", "D", "H", "S",
    "\x00", "\ud800", "\u0301", "😀", "ﬀ", "½", "…", "㍱", "５", "Ｈ", "\u200b",
]  # fmt: skip
vocabulary_text = st.lists(st.sampled_from(VOCABULARY), max_size=40).map("".join)


def read_or_refuse(text: str) -> Period | None:
    """Parse ``text``; the only acceptable failure is a well-formed PeriodParseError."""
    try:
        return parse_period(text)
    except PeriodParseError as error:
        refusal = error
    assert refusal.text == text
    assert 0 <= refusal.position <= len(text)
    assert f"at position {refusal.position}" in str(refusal)
    return None


@settings(max_examples=500)
@given(st.text(max_size=200))
def test_any_text_is_read_or_refused_with_a_parse_error(text: str) -> None:
    """No str (surrogates, controls, emoji, combining marks included) raises anything but PeriodParseError."""
    read_or_refuse(text)


@settings(max_examples=1000)
@given(vocabulary_text)
@example("两个半个月")
@example("PT-5H")
@example("(((5天")
@example("thirty (")
@example("twenty-")
@example("半")
def test_vocabulary_soup_is_read_or_refused_with_a_parse_error(text: str) -> None:
    """Text built from the reader's own words, digits and junk never escapes as another exception."""
    read_or_refuse(text)


@given(periods, st.sampled_from(["收到投诉后{}内", "within {} of receipt", "提前{}书面通知", "【时限】{}。"]))
def test_framing_never_changes_the_period(p: Period, frame: str) -> None:
    """Framing words around a canonical rendering leave the period as it was."""
    assert parse_period(frame.format(p.zh)) == p
    assert parse_period(frame.format(str(p))) == p


@pytest.mark.parametrize(
    "text",
    [
        "1" * MAX_TEXT_LENGTH,
        "十" * MAX_TEXT_LENGTH,
        "收到" * (MAX_TEXT_LENGTH // 2),
        "(" * MAX_TEXT_LENGTH,
        "a " * (MAX_TEXT_LENGTH // 2),
        "twenty " * (MAX_TEXT_LENGTH // 7),
        "business " * (MAX_TEXT_LENGTH // 9),
        "5 (" + " " * (MAX_TEXT_LENGTH - 3),
        "P" + "1" * (MAX_TEXT_LENGTH - 1),
        "PT" + "1H" * (MAX_TEXT_LENGTH // 2 - 1),
        "a" * MAX_TEXT_LENGTH,
        " " * (MAX_TEXT_LENGTH - 2) + "5天",
        "…" * MAX_TEXT_LENGTH,
        "\ufdfa" * MAX_TEXT_LENGTH,  # each folds to 18 characters under NFKC
        "5" + "\u0301" * (MAX_TEXT_LENGTH - 1),
        "1" * (MAX_TEXT_LENGTH + 1),
    ],
    ids=lambda text: f"{text[:6]!r}x{len(text)}",
)
def test_pathological_long_inputs_are_handled(text: str) -> None:
    """Worst-case 1,000-character inputs are parsed or refused (the scan is linear by construction)."""
    read_or_refuse(text)
