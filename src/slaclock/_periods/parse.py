"""Reading a contract's words as a :class:`~slaclock.Period`, in one left-to-right pass.

Contract clauses state limits in words ("收到投诉后二十四小时内", "within 5 business
days of receipt", "提前三十（30）日书面通知"). This module turns such a clause into
one ``Period`` or raises :class:`~slaclock.errors.PeriodParseError` that points at
the exact character where reading failed.

Design
------
The text is user input, so the scanner must be linear in its length whatever it
holds: it walks the text once, and at each position it looks ahead only a bounded
distance (longest match against fixed tables whose longest key is a few
characters, or one run of ASCII letters or digits). There are no regular
expressions and no backtracking over unbounded input. The vocabulary lives in
module-level read-only tables, apart from the scanning code, so adding a word never
touches control flow.

The only things read as meaning are an amount directly followed by a unit. Framing
words ("收到", "within", "书面通知") are skipped; words that would change the
meaning ("前" before, "每" every, "左右" about) are errors, because silently
dropping them would turn "5日前" into five days.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from slaclock._base.fold import fold
from slaclock._base.show import brief
from slaclock._periods import numerals
from slaclock._periods.value import MAX_AMOUNT, Period, Unit
from slaclock.errors import PeriodParseError

__all__ = ["MAX_TEXT_LENGTH", "parse_period"]

MAX_TEXT_LENGTH: Final = 1_000
"""Longest text read: a contract clause is shorter, and the cap keeps error messages printable."""

_MAX_DIGITS: Final = 9  # 1,000,000,000 already exceeds MAX_AMOUNT; longer runs are typos or attacks
_MAX_NUMERAL_CHARS: Final = numerals.MAX_CHARS  # 九千九百九十九万九千九百九十九, the longest numeral below 亿

ACCEPTED_UNITS: Final = (
    "分钟, 小时, 工作小时, 工作分钟, 日/天/自然日, 工作日, 周/星期, 个月, 年; "
    "minutes, hours, work/business hours, work/business minutes, days, workdays/business days, weeks, months, years; "
    "ISO 8601 PT30M, PT24H, P5D, P2W, P1M, P1Y"
)

# -- vocabulary ---------------------------------------------------------------------------------
# Read-only tables. Keys are already NFKC-normalised and lower-cased, because lookups
# happen on the normalised text. Chinese keys are matched longest first, so "工作日"
# wins over "日" and "之日" (the day of receipt, framing) wins over "日" (a unit).

_U = Unit

_ZH_UNITS: Final[Mapping[str, Unit]] = MappingProxyType(
    {
        # minutes; a bare "分" is left out: "30分" is as often a score as a duration
        "分钟": _U.MINUTE,
        "分鐘": _U.MINUTE,
        "工作分钟": _U.WORK_MINUTE,
        "个工作分钟": _U.WORK_MINUTE,
        "工作分鐘": _U.WORK_MINUTE,
        # hours
        "小时": _U.HOUR,
        "个小时": _U.HOUR,
        "钟头": _U.HOUR,
        "个钟头": _U.HOUR,
        "小時": _U.HOUR,
        "個小時": _U.HOUR,
        "鐘頭": _U.HOUR,
        "個鐘頭": _U.HOUR,
        "工作小时": _U.WORK_HOUR,
        "个工作小时": _U.WORK_HOUR,
        "工作时": _U.WORK_HOUR,
        "工作小時": _U.WORK_HOUR,
        "個工作小時": _U.WORK_HOUR,
        "工作時": _U.WORK_HOUR,
        # days
        "工作日": _U.WORKDAY,
        "个工作日": _U.WORKDAY,
        "工作天": _U.WORKDAY,
        "个工作天": _U.WORKDAY,
        "個工作日": _U.WORKDAY,
        "個工作天": _U.WORKDAY,
        "营业日": _U.WORKDAY,
        "个营业日": _U.WORKDAY,
        "日": _U.DAY,
        "天": _U.DAY,
        "自然日": _U.DAY,
        "个自然日": _U.DAY,
        "自然天": _U.DAY,
        "个自然天": _U.DAY,
        "日历日": _U.DAY,
        "个日历日": _U.DAY,
        "個自然日": _U.DAY,
        "日曆日": _U.DAY,
        # weeks
        "周": _U.WEEK,
        "个周": _U.WEEK,
        "週": _U.WEEK,
        "星期": _U.WEEK,
        "个星期": _U.WEEK,
        "個星期": _U.WEEK,
        "礼拜": _U.WEEK,
        "个礼拜": _U.WEEK,
        "禮拜": _U.WEEK,
        "個禮拜": _U.WEEK,
        # months and years
        "月": _U.MONTH,
        "个月": _U.MONTH,
        "個月": _U.MONTH,
        "自然月": _U.MONTH,
        "个自然月": _U.MONTH,
        "個自然月": _U.MONTH,
        "年": _U.YEAR,
        "周年": _U.YEAR,
        "週年": _U.YEAR,
    }
)

# Words that only frame the period in service-contract phrasing. None may start with a
# numeral character or "半": those always begin an amount.
_ZH_FILLER: Final = frozenset(
    {
        # the triggering event
        "收到", "接到", "收悉", "投诉", "通知", "通知书", "申请", "请求", "要求", "报修", "故障", "工单",
        "反馈", "异议", "发生", "出现", "之日", "之时", "起", "起算", "起计", "算起", "开始", "计算",
        "自", "从", "在", "于", "以", "后", "以后", "之后", "內", "後", "以後", "之後",
        # the bound
        "内", "以内", "之内", "以內", "之內", "至少", "不少于", "不得少于", "不超过", "不得超过", "最迟",
        "最长", "最多", "最短", "最少", "以上", "满", "届满", "期满", "到期",
        # obligation and action
        "应", "应当", "应于", "應", "應當", "须", "需", "必须", "需要", "須", "可", "可以", "将",
        "给予", "予以", "进行", "作出", "做出", "完成", "确认", "確認", "受理", "响应", "響應", "回复",
        "回覆", "答复", "回应", "处理", "處理", "解决", "办理", "办结", "到场", "上门", "修复", "恢复",
        "排除", "提出", "提交", "告知", "发出", "送达", "支付", "付款", "退款", "交付", "验收", "及时",
        "尽快", "并",
        # form and parties
        "的", "书面", "書面", "形式", "方式", "提前", "向", "客户", "客戶", "用户", "甲方", "乙方", "对方",
        "双方", "该", "此", "上述", "服务",
        # naming the period itself
        "期", "期限", "时限", "時限", "期间", "时间", "時間", "时长", "为", "為", "计", "共", "累计", "连续",
        "有效期", "保修期", "质保期", "保质期", "延长", "诉讼时效",
    }
)  # fmt: skip

# Words that look like framing but change the meaning: reading past them would be wrong.
_BEFORE_HINT: Final = "a limit before a date is not a period: count it with slaclock.notice_deadline"
_EVERY_HINT: Final = "a recurring schedule ('every …') is not one period"
_ABOUT_HINT: Final = "an approximate amount is not a limit; state the exact amount"
_ZH_REJECT: Final[Mapping[str, str]] = MappingProxyType(
    {
        "前": _BEFORE_HINT,
        "以前": _BEFORE_HINT,
        "之前": _BEFORE_HINT,
        "早于": _BEFORE_HINT,
        "每": _EVERY_HINT,
        "多": _ABOUT_HINT,
        "余": _ABOUT_HINT,
        "左右": _ABOUT_HINT,
        "约": _ABOUT_HINT,
        "大约": _ABOUT_HINT,
    }
)
_ZH_WORDS: Final = frozenset(_ZH_UNITS) | _ZH_FILLER | frozenset(_ZH_REJECT)
_ZH_LONGEST: Final = max(map(len, _ZH_WORDS))
_ZH_UNIT_LONGEST: Final = max(map(len, _ZH_UNITS))

# Chinese numerals (their grammar lives in slaclock._periods.numerals): a run of these characters is one amount.
_ZH_NUMERAL_CHARS: Final = numerals.NUMERAL_CHARS
_HALF: Final = "半"
# Halves and decimals only make sense where a smaller unit can hold the result exactly.
_FRACTIONAL: Final[Mapping[Unit, Unit]] = MappingProxyType({_U.HOUR: _U.MINUTE, _U.WORK_HOUR: _U.WORK_MINUTE})
_GE: Final = frozenset({"个", "個"})

_EN_UNITS: Final[Mapping[str, Unit]] = MappingProxyType(
    {
        **dict.fromkeys(("minute", "minutes", "min", "mins", "m"), _U.MINUTE),
        **dict.fromkeys(("hour", "hours", "hr", "hrs", "h"), _U.HOUR),
        **dict.fromkeys(("workday", "workdays", "bd"), _U.WORKDAY),
        **dict.fromkeys(("day", "days", "d"), _U.DAY),
        **dict.fromkeys(("week", "weeks", "wk", "wks", "w"), _U.WEEK),
        **dict.fromkeys(("month", "months", "mo", "mos"), _U.MONTH),
        **dict.fromkeys(("year", "years", "yr", "yrs", "y"), _U.YEAR),
    }
)
# Two-word units: the first word alone means nothing ("business" is not a unit).
_WORKING_TIME: Final[Mapping[str, Unit]] = MappingProxyType(
    {
        **dict.fromkeys(("day", "days"), _U.WORKDAY),
        **dict.fromkeys(("hour", "hours", "hr", "hrs"), _U.WORK_HOUR),
        **dict.fromkeys(("minute", "minutes", "min", "mins"), _U.WORK_MINUTE),
    }
)
_EN_MODIFIERS: Final[Mapping[str, Mapping[str, Unit]]] = MappingProxyType(
    {
        "business": _WORKING_TIME,
        "working": _WORKING_TIME,
        "work": _WORKING_TIME,
        "calendar": MappingProxyType(
            {
                **dict.fromkeys(("day", "days"), _U.DAY),
                **dict.fromkeys(("week", "weeks"), _U.WEEK),
                **dict.fromkeys(("month", "months"), _U.MONTH),
                **dict.fromkeys(("year", "years"), _U.YEAR),
            }
        ),
    }
)
_EN_ONES: Final[Mapping[str, int]] = MappingProxyType(
    {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
)
_EN_TENS: Final[Mapping[str, int]] = MappingProxyType(
    {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
)
_EN_NUMBERS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "zero": 0,
        **_EN_ONES,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
        **_EN_TENS,
    }
)  # fmt: skip
# "a"/"an" is 1 only right before a unit ("an hour"); anywhere else it is an article.
_EN_ARTICLES: Final = frozenset({"a", "an"})
_EN_FILLER: Final = frozenset(
    {
        # the triggering event
        "within", "in", "after", "from", "of", "the", "receipt", "receiving", "received", "following",
        "upon", "on", "date", "complaint", "complaints", "request", "requests", "notification", "ticket",
        "incident", "issue", "report", "reported",
        # the bound
        "at", "least", "no", "not", "more", "less", "fewer", "than", "later", "latest", "most", "up",
        "to", "by", "maximum", "max", "minimum", "exceed", "exceeding",
        # notice and action
        "prior", "advance", "notice", "written", "writing", "give", "given", "giving", "provide",
        "respond", "responded", "response", "reply", "answer", "acknowledge", "acknowledged",
        "acknowledgement", "acknowledgment", "resolve", "resolved", "resolution", "complete",
        "completion", "deliver", "delivery", "payment", "refund",
        # modal verbs, articles and parties
        "shall", "must", "will", "should", "be", "is", "are", "for", "with", "and", "any", "such",
        "this", "that", "its", "their", "your", "our", "customer", "client", "provider", "supplier",
        "party",
        # naming the period itself
        "period", "limit", "time", "term", "warranty",
    }
)  # fmt: skip
_EN_REJECT: Final[Mapping[str, str]] = MappingProxyType(
    {
        "before": _BEFORE_HINT,
        "ago": _BEFORE_HINT,
        "earlier": _BEFORE_HINT,
        "each": _EVERY_HINT,
        "every": _EVERY_HINT,
        "per": _EVERY_HINT,
        "about": _ABOUT_HINT,
        "approximately": _ABOUT_HINT,
        "approx": _ABOUT_HINT,
        "around": _ABOUT_HINT,
        "roughly": _ABOUT_HINT,
    }
)

_ASCII_DIGITS: Final = frozenset("0123456789")
_ASCII_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyz")
# Zero-width characters come along when clauses are pasted from documents.
_SPACE: Final = frozenset(" \t\n\r\f\v\u200b\ufeff")
_PUNCTUATION: Final = frozenset(",.:;()[]\"'。、【】「」『』《》“”‘’")
_DASHES: Final = frozenset("-−–—")  # NFKC already folded "－" and "﹣" into "-"
_NEGATIVE: Final = frozenset("负負")

_ISO_SECOND: Final = frozenset("0123456789t-")  # what may follow a leading "P" in ISO 8601 (or a typo of it)
_ISO_DATE: Final[Mapping[str, Unit]] = MappingProxyType({"y": _U.YEAR, "m": _U.MONTH, "w": _U.WEEK, "d": _U.DAY})
_ISO_SECONDS: Final[Mapping[str, int]] = MappingProxyType({"h": 3600, "m": 60, "s": 1})
_ISO_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {"y": "years", "m": "months", "w": "weeks", "d": "days", "th": "hours", "tm": "minutes", "ts": "seconds"}
)


def parse_period(text: str) -> Period:
    """Read one period from a contract's words.

    Chinese ("二十四小时", "5个工作日", "一个半小时", "三十（30）日"), English
    ("24 hours", "48h", "3 business days", "thirty (30) days") and ISO 8601
    ("PT24H", "P5D", "P1M") are read; framing words around the period are skipped.

    Parameters
    ----------
    text : str
        At most 1,000 characters holding exactly one positive amount and its unit.

    Returns
    -------
    Period

    Raises
    ------
    PeriodParseError
        Anything else. The message quotes the text, marks the position (0-based,
        in the text as given) and lists the accepted units; ``text`` and
        ``position`` are set on the exception.

    Examples
    --------
    >>> from slaclock._periods.parse import parse_period
    >>> parse_period("收到投诉后二十四小时内")
    Period(24, 'hour')
    >>> parse_period("within 5 business days of receipt"), parse_period("PT1H30M")
    (Period(5, 'workday'), Period(90, 'minute'))
    >>> parse_period("5 fortnights")
    Traceback (most recent call last):
    ...
    slaclock.errors.PeriodParseError: cannot read '5 fortnights' as a period: unknown word 'fortnights' at position 2
        5 fortnights
          ^
    accepted units: ...
    """
    if len(text) > MAX_TEXT_LENGTH:
        raise PeriodParseError(
            f"cannot read a text of {len(text):,} characters as a period: the limit of {MAX_TEXT_LENGTH:,} "
            f"characters ends at position {MAX_TEXT_LENGTH}\nthe text starts {brief(text)}\n"
            f"accepted units: {ACCEPTED_UNITS}",
            text,
            MAX_TEXT_LENGTH,
        )
    return _Scanner(text).parse()


# -- scanning -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Amount:
    """An amount as read: ``numerator / denominator`` (a power of ten for decimals), at ``start:end``."""

    numerator: int
    denominator: int
    start: int
    end: int

    def same_value(self, other: _Amount) -> bool:
        return self.numerator * other.denominator == other.numerator * self.denominator


class _Scanner:
    """One pass over the normalised text; ``where[i]`` maps a normalised index to the original one."""

    __slots__ = ("n", "s", "text", "where")

    def __init__(self, text: str) -> None:
        self.text = text
        self.s, self.where = _normalise(text)
        self.n = len(self.s)

    # -- errors

    def error(self, what: str, i: int, hint: str | None = None) -> PeriodParseError:
        """The error for ``what`` found at normalised index ``i``, positioned in the original text."""
        position = self.where[min(i, self.n)]
        lines = [
            f"cannot read {brief(self.text)} as a period: {what} at position {position}",
            _pointer(self.text, position),
        ]
        if hint:
            lines.append(hint)
        lines.append(f"accepted units: {ACCEPTED_UNITS}")
        return PeriodParseError("\n".join(lines), self.text, position)

    def token_error(self, i: int, expected: str | None = None) -> PeriodParseError:
        """The error for whatever stands at ``i``, named as precisely as the tables allow."""
        s = self.s
        if i >= self.n:
            return self.error(f"{expected} at the end of the text" if expected else "unexpected end of the text", i)
        c = s[i]
        if c in _ASCII_LETTERS:
            end = _word_end(s, i)
            word, shown = s[i:end], self.original(i, end)
            if word in _EN_REJECT:
                return self.error(f"{brief(shown)} changes the meaning", i, _EN_REJECT[word])
            known = word in _EN_FILLER or word in _EN_NUMBERS or word in _EN_ARTICLES
            known = known or word in _EN_UNITS or word in _EN_MODIFIERS
            if expected and known:
                return self.error(f"{expected}, found {brief(shown)}", i)
            return self.error(f"unknown word {brief(_clip(shown))}", i)
        length = _longest(s, i, _ZH_WORDS, _ZH_LONGEST)
        if length:
            word, shown = s[i : i + length], self.original(i, i + length)
            if word in _ZH_REJECT:
                return self.error(f"{brief(shown)} changes the meaning", i, _ZH_REJECT[word])
            if expected:
                return self.error(f"{expected}, found {brief(shown)}", i)
        if expected:
            return self.error(f"{expected}, found {brief(self.original(i, i + 1))}", i)
        return self.error(f"unexpected character {brief(self.original(i, i + 1))}", i)

    # -- the pass

    def parse(self) -> Period:
        s, n = self.s, self.n
        first = _skip_space(s, 0)
        last = n
        while last > first and _is_space(s[last - 1]):
            last -= 1
        if last - first >= 2 and s[first] == "p" and (s[first + 1] in _ISO_SECOND):
            return self.iso(first, last)
        if last - first >= 2 and (s[first] in _DASHES or s[first] in _NEGATIVE) and s[first + 1] == "p":
            raise self.negative(first)  # "-P5D"

        found: tuple[Period, int, int] | None = None
        i = 0
        while i < n:
            c = s[i]
            if c in _PUNCTUATION or _is_space(c):
                i += 1
                continue
            start = i
            if c in _ASCII_DIGITS or c in _ZH_NUMERAL_CHARS or c == _HALF:
                result, i = self.period_at(i)
            elif c in _DASHES or c in _NEGATIVE:
                self.check_negative(i)
                i += 1
                continue
            elif c in _ASCII_LETTERS:
                end = _word_end(s, i)
                word = s[i:end]
                if word in _EN_FILLER:
                    i = end
                    continue
                if word in _EN_ARTICLES:
                    unit_end = self.english_unit(_skip_space(s, end))
                    if unit_end is None:
                        i = end  # just an article: "within a period of 5 days"
                        continue
                    unit, i = unit_end
                    result = Period(1, unit)
                elif word in _EN_NUMBERS:
                    result, i = self.period_at(i)
                elif (unit_end := self.english_unit(i)) is not None:
                    raise self.error(f"the unit {brief(self.original(i, unit_end[1]))} has no amount before it", i)
                else:
                    raise self.token_error(i)
            else:
                length = _longest(s, i, _ZH_WORDS, _ZH_LONGEST)
                word = s[i : i + length]
                if word in _ZH_FILLER:
                    i += length
                    continue
                if word in _ZH_UNITS:
                    raise self.error(f"the unit {brief(self.original(i, i + length))} has no amount before it", i)
                raise self.token_error(i)
            if found is not None:
                raise self.error(
                    f"a second period {brief(self.original(start, i))}",
                    start,
                    f"a text must hold exactly one period; the first is {brief(self.original(found[1], found[2]))}",
                )
            found = (result, start, i)
        if found is None:
            raise self.error("no amount and unit found", 0)
        return found[0]

    def original(self, start: int, end: int) -> str:
        """The original text behind normalised ``start:end``."""
        return self.text[self.where[start] : self.where[end - 1] + 1] if end > start else ""

    def check_negative(self, i: int) -> None:
        """A dash is punctuation unless a number follows it at once ("-5 days"); "负" is only a sign."""
        s, j = self.s, i + 1
        if self.s[i] in _NEGATIVE:
            j = _skip_space(s, j)
        if j < self.n and (
            s[j] in _ASCII_DIGITS
            or s[j] in _ZH_NUMERAL_CHARS
            or (s[j] in _ASCII_LETTERS and s[j : _word_end(s, j)] in _EN_NUMBERS)
        ):
            raise self.negative(i)
        if s[i] in _NEGATIVE:
            raise self.token_error(i)

    def negative(self, i: int) -> PeriodParseError:
        return self.error(
            f"a minus sign {brief(self.original(i, i + 1))} before the amount",
            i,
            "negative amounts are not accepted: a limit before a date has its own function, slaclock.notice_deadline",
        )

    # -- amount and unit

    def period_at(self, i: int) -> tuple[Period, int]:
        """Read an amount (or a bare "半") at ``i`` and the unit that must follow it."""
        s = self.s
        half_at = -1  # where a "半" was read, if one was
        after_ge = False  # the "半" came as "个半", so the unit may not repeat "个"
        if s[i] == _HALF:
            amount = _Amount(0, 1, i, i + 1)
            half_at = i
            j = i + 1
        else:
            amount = self.amount(i)
            j = _skip_space(s, amount.end)
            if j < self.n and s[j] == "(":
                j = self.restated(amount, j)
            if j < self.n and s[j] in _DASHES:  # "5-day", "thirty-day"
                j = _skip_space(s, j + 1)
            if j + 1 < self.n and s[j] in _GE and s[j + 1] == _HALF:  # "一个半小时"
                half_at, after_ge = j + 1, True
                j += 2
        unit_at = j
        read = self.unit(j)
        if read is None:
            what = "'半' (half)" if half_at >= 0 else repr(self.original(amount.start, amount.end))
            raise self.token_error(j, f"expected a unit after {what}")
        unit, end = read
        if after_ge and s[unit_at] in _GE:  # "一个半个小时"
            raise self.token_error(unit_at, "expected a unit after '个半'")
        return self.make(amount, half_at, unit, unit_at, end), end

    def amount(self, i: int) -> _Amount:
        s, c = self.s, self.s[i]
        if c in _ASCII_DIGITS:
            end = _digits_end(s, i)
            if end - i > _MAX_DIGITS:
                raise self.error(f"a number of more than {_MAX_DIGITS} digits {brief(self.original(i, end)[:20])}", i)
            if end + 1 < self.n and s[end] == "." and s[end + 1] in _ASCII_DIGITS:
                frac_end = _digits_end(s, end + 1)
                if frac_end - end - 1 > _MAX_DIGITS:
                    raise self.error(f"a decimal of more than {_MAX_DIGITS} digits", end + 1)
                scale = 10 ** (frac_end - end - 1)
                return _Amount(int(s[i:end]) * scale + int(s[end + 1 : frac_end]), scale, i, frac_end)
            return _Amount(int(s[i:end]), 1, i, end)
        if c in _ZH_NUMERAL_CHARS:
            end = i
            while end < self.n and s[end] in _ZH_NUMERAL_CHARS:
                end += 1
            if end - i > _MAX_NUMERAL_CHARS:
                raise self.error(f"a Chinese numeral longer than {_MAX_NUMERAL_CHARS} characters", i)
            try:
                value = numerals.read_int(s[i:end])
            except numerals.MalformedNumeralError as error:
                numeral = self.original(i, end)
                raise self.error(
                    f"malformed Chinese numeral {brief(numeral)} ({error.reason})", i + error.offset
                ) from None
            return _Amount(value, 1, i, end)
        if c in _ASCII_LETTERS:
            end = _word_end(s, i)
            word = s[i:end]
            if word in _EN_NUMBERS:
                value = _EN_NUMBERS[word]
                if word in _EN_TENS:
                    # "twenty-four", "twenty four": one lookahead word, never more
                    k = end
                    if k < self.n and s[k] in _DASHES:
                        k += 1
                    k = _skip_space(s, k)
                    if k < self.n and s[k] in _ASCII_LETTERS:
                        k_end = _word_end(s, k)
                        if s[k:k_end] in _EN_ONES:
                            return _Amount(value + _EN_ONES[s[k:k_end]], 1, i, k_end)
                return _Amount(value, 1, i, end)
        raise self.token_error(i, "expected an amount")

    def restated(self, amount: _Amount, j: int) -> int:
        """Check "thirty (30)" / "三十（30）": the amount in parentheses must be the same."""
        s = self.s
        k = _skip_space(s, j + 1)
        if k >= self.n or not (s[k] in _ASCII_DIGITS or s[k] in _ZH_NUMERAL_CHARS or s[k] in _ASCII_LETTERS):
            raise self.token_error(k, "expected the amount restated inside the parentheses")
        inner = self.amount(k)
        close = _skip_space(s, inner.end)
        if close >= self.n or s[close] != ")":
            raise self.token_error(close, "expected ')' after the restated amount")
        if not inner.same_value(amount):
            outer_text, inner_text = self.original(amount.start, amount.end), self.original(inner.start, inner.end)
            raise self.error(
                f"the two amounts disagree: {brief(outer_text)} is {_show(amount)} "
                f"but {brief(inner_text)} is {_show(inner)}",
                inner.start,
            )
        return _skip_space(s, close + 1)

    def unit(self, j: int) -> tuple[Unit, int] | None:
        if j >= self.n:
            return None
        if self.s[j] in _ASCII_LETTERS:
            return self.english_unit(j)
        length = _longest(self.s, j, _ZH_UNITS, _ZH_UNIT_LONGEST)
        return (_ZH_UNITS[self.s[j : j + length]], j + length) if length else None

    def english_unit(self, j: int) -> tuple[Unit, int] | None:
        s = self.s
        if j >= self.n or s[j] not in _ASCII_LETTERS:
            return None
        end = _word_end(s, j)
        word = s[j:end]
        if word in _EN_UNITS:
            return _EN_UNITS[word], end
        second = _EN_MODIFIERS.get(word)
        if second is None:
            return None
        k = end
        if k < self.n and s[k] in _DASHES:  # "business-day"
            k += 1
        k = _skip_space(s, k)
        k_end = _word_end(s, k)
        base = s[k:k_end]
        return (second[base], k_end) if base in second else None

    def make(self, amount: _Amount, half_at: int, unit: Unit, unit_at: int, unit_end: int) -> Period:
        """Turn what was read into a Period: halves and decimals of hours become minutes."""
        numerator, denominator = amount.numerator, amount.denominator
        if half_at >= 0 and denominator != 1:
            raise self.error("'半' (half) after a decimal amount", half_at)
        if half_at >= 0 or denominator != 1:
            if unit not in _FRACTIONAL:
                if half_at >= 0:
                    raise self.error(
                        f"'半' (half) with {brief(self.original(unit_at, unit_end))}",
                        half_at,
                        "half only works for hours ('半小时', '一个半小时'); write the amount in a smaller unit",
                    )
                raise self.error(
                    f"{_plural(unit)} must be a whole number, not {brief(self.original(amount.start, amount.end))}",
                    amount.start,
                )
            if half_at >= 0:
                numerator, denominator = 2 * numerator + 1, 2
            minutes, rest = divmod(numerator * 60, denominator)
            if rest:
                raise self.error(
                    f"{brief(self.original(amount.start, amount.end))} {_plural(unit)} "
                    "is not a whole number of minutes",
                    amount.start,
                )
            if minutes % 60 or half_at >= 0:
                value, unit = minutes, _FRACTIONAL[unit]
            else:
                value = minutes // 60  # "2.0 hours"
        else:
            value = numerator
        return self.checked(value, unit, amount.start, amount.end)

    def checked(self, value: int, unit: Unit, start: int, end: int) -> Period:
        """``Period(value, unit)`` once the amount, read at ``start:end``, is within limits."""
        if value <= 0:
            raise self.error(f"amount must be positive, got {brief(self.original(start, end))}", start)
        if value > MAX_AMOUNT:
            raise self.error(f"amount {value:,} {_plural(unit)} is above the limit of {MAX_AMOUNT:,}", start)
        return Period(value, unit)

    # -- ISO 8601

    def iso(self, first: int, last: int) -> Period:
        """Read ``PnY``, ``PnM``, ``PnW``, ``PnD``, ``PTnH``, ``PTnM``, ``PTnS`` and ``PTnHnM``."""
        s = self.s
        parts: list[tuple[int, str, int]] = []  # (value, "y"/"m"/…/"th"/"tm"/"ts", start)
        in_time = False
        previous = -1  # designators must come in order, each at most once
        j = first + 1
        while j < last:
            c = s[j]
            if c == "t":
                if in_time:
                    raise self.error("a second 'T' in an ISO 8601 duration", j)
                in_time, previous = True, -1
                j += 1
                if j >= last:
                    raise self.error("nothing after 'T' in an ISO 8601 duration", j)
                continue
            if c in _DASHES or c in _NEGATIVE:
                raise self.negative(j)  # "P-5D"
            if c not in _ASCII_DIGITS:
                raise self.error(f"unexpected character {brief(self.original(j, j + 1))} in an ISO 8601 duration", j)
            end = _digits_end(s, j)
            if end - j > _MAX_DIGITS:
                raise self.error(f"a number of more than {_MAX_DIGITS} digits", j)
            order = "hms" if in_time else "ymwd"
            if end >= last or s[end] not in order:
                found = "the end" if end >= last else repr(self.original(end, end + 1))
                expected = "H, M or S" if in_time else "Y, M, W or D (or T before H, M, S)"
                raise self.error(f"expected {expected} after the number in an ISO 8601 duration, found {found}", end)
            index = order.index(s[end])
            if index <= previous:
                raise self.error(f"designator {brief(self.original(end, end + 1))} out of order or repeated", end)
            previous = index
            parts.append((int(s[j:end]), ("t" if in_time else "") + s[end], j))
            j = end + 1
        if not parts:  # pragma: no cover - "P" must be followed by "T" or a digit to get here
            raise self.error("an ISO 8601 duration without an amount", last)
        if len(parts) > 1 and not parts[0][1].startswith("t"):
            names = " and ".join(_ISO_NAMES[part[1]] for part in parts[:2])
            raise self.error(f"a period has one unit, but this ISO 8601 duration mixes {names}", parts[1][2])
        value, designator, start = parts[0]
        if designator in _ISO_DATE:
            return self.checked(value, _ISO_DATE[designator], start, last)
        if len(parts) == 1 and designator == "th":
            return self.checked(value, Unit.HOUR, start, last)
        seconds = sum(part[0] * _ISO_SECONDS[part[1][1]] for part in parts)
        if seconds % 60:
            raise self.error("an ISO 8601 duration that is not a whole number of minutes", start)
        minutes = seconds // 60
        if len(parts) > 1 and minutes and minutes % 60 == 0:
            return self.checked(minutes // 60, Unit.HOUR, start, last)
        return self.checked(minutes, Unit.MINUTE, start, last)


# -- helpers ------------------------------------------------------------------------------------


def _normalise(text: str) -> tuple[str, list[int]]:
    """NFKC and lower-case, with the original index of every normalised character.

    NFKC changes lengths ("㍱" -> "hPa"), so characters are folded one at a time and
    each result remembers where it came from; ``where[len(s)]`` is ``len(text)``.
    """
    if text.isascii():
        return text.lower(), list(range(len(text) + 1))
    chars: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        folded = fold(char).lower()
        chars.append(folded)
        where.extend([index] * len(folded))
    where.append(len(text))
    return "".join(chars), where


def _is_space(char: str) -> bool:
    return char in _SPACE or char.isspace()


def _skip_space(s: str, i: int) -> int:
    while i < len(s) and _is_space(s[i]):
        i += 1
    return i


def _word_end(s: str, i: int) -> int:
    while i < len(s) and s[i] in _ASCII_LETTERS:
        i += 1
    return i


def _digits_end(s: str, i: int) -> int:
    while i < len(s) and s[i] in _ASCII_DIGITS:
        i += 1
    return i


def _longest(s: str, i: int, words: Collection[str], longest: int) -> int:
    """Length of the longest word of ``words`` at ``s[i:]``, or 0; bounded by ``longest``."""
    for length in range(min(longest, len(s) - i), 0, -1):
        if s[i : i + length] in words:
            return length
    return 0


def _show(amount: _Amount) -> str:
    if amount.denominator == 1:
        return str(amount.numerator)
    whole, rest = divmod(amount.numerator, amount.denominator)
    return f"{whole}.{str(rest).rjust(len(str(amount.denominator)) - 1, '0')}"


def _clip(word: str) -> str:
    """A word short enough to quote in a message (the whole text is quoted anyway)."""
    return word if len(word) <= 30 else word[:27] + "..."


def _plural(unit: Unit) -> str:
    return unit.value.replace("_", " ") + "s"


def _pointer(text: str, position: int) -> str:
    """The text on one line with a caret under ``position`` (wide CJK characters count double)."""
    start, stop = 0, len(text)
    if stop > 76:
        start = max(0, position - 38)
        stop = min(len(text), start + 76)
    shown = ("..." if start else "") + "".join(c if c.isprintable() else "?" for c in text[start:stop])
    shown += "..." if stop < len(text) else ""
    column = (3 if start else 0) + sum(_width(c) for c in text[start:position])
    return f"    {shown}\n    {' ' * column}^"


def _width(char: str) -> int:
    if not char.isprintable():
        return 1  # shown as "?"
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
