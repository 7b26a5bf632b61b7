"""Sentences for the steps a deadline computation recorded, in Chinese and English.

The engine records steps as tuples (``("rolled", date)``); this module is the only
place that words them, so both languages stay in step and the engine stays fast.

Two rules pick the words, one from the calendar's region and one from the convention:

- **script**: Chinese is written in simplified characters, and in traditional ones
  (zh-Hant) for an HK, MO or TW calendar (:func:`chinese`);
- **law**: the PRC Civil Code's articles are cited for a CN calendar (and a custom
  one), and on any calendar whose convention says the Code governs
  (``governing_law="prc_civil_code"``); for HK, MO and TW, which have their own law,
  no PRC article is named and the first sentence says the counting follows the
  contract's convention.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from slaclock._base.show import brief, strf
from slaclock._calendar import day_table, hours_table
from slaclock._days.kinds import KINDS_BY_CODE, DayKind
from slaclock._periods.period import Period, Unit
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._rules.deadline import Deadline
    from slaclock._rules.windows import Window

__all__ = ["LANGS", "check_lang", "chinese", "cites_civil_code", "render", "sentences"]

LANGS: Final = ("zh", "en")
"""The languages of every explanation and status text."""

OWN_LAW_REGIONS: Final = frozenset({"HK", "MO", "TW"})
"""Regions with their own law, whose Chinese is written in traditional characters (zh-Hant)."""

_LIST_AT_MOST: Final = 10
_WEEKDAY_ZH: Final = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAY_EN: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_KIND_ZH: Final = {
    DayKind.WEEKEND: "周末休息日",
    DayKind.HOLIDAY: "法定节假日",
    DayKind.TRANSFERRED_REST: "调休放假日",
    DayKind.CLOSURE: "停业日",
    DayKind.MAKEUP_WORKDAY: "调休上班日",
    DayKind.EXTRA_WORKDAY: "额外工作日",
    DayKind.WORKDAY: "工作日",
}
_KIND_EN: Final = {
    DayKind.WEEKEND: "a weekend rest day",
    DayKind.HOLIDAY: "a public holiday",
    DayKind.TRANSFERRED_REST: "a transferred rest day",
    DayKind.CLOSURE: "a closure",
    DayKind.MAKEUP_WORKDAY: "a makeup workday",
    DayKind.EXTRA_WORKDAY: "an extra workday",
    DayKind.WORKDAY: "a workday",
}


def check_lang(lang: object) -> None:
    """Refuse a language other than "zh" and "en", naming it and the valid ones.

    >>> check_lang("fr")
    Traceback (most recent call last):
      ...
    slaclock.errors.InvalidInputError: unknown language 'fr'; valid: 'zh', 'en'
    """
    if not isinstance(lang, str) or lang not in LANGS:
        raise InvalidInputError(f"unknown language {brief(lang)}; valid: {', '.join(map(repr, LANGS))}")


def cites_civil_code(region: str, governing_law: str) -> bool:
    """Whether an explanation cites the PRC Civil Code's articles: the law rule of the module notes.

    >>> cites_civil_code("CN", "region"), cites_civil_code("HK", "region"), cites_civil_code("HK", "prc_civil_code")
    (True, False, True)
    """
    return governing_law == "prc_civil_code" or region not in OWN_LAW_REGIONS


def chinese(text: str, region: str) -> str:
    """``text``, written in simplified characters, in the script of ``region``'s Chinese: the script rule.

    Only the library's own words are converted (phrases with a character that exists
    in simplified writing only), so traditional text inside them, such as an HK
    holiday's name, is left as it is.

    >>> chinese("顺延至其后第一个工作日", "HK"), chinese("顺延至其后第一个工作日", "CN")
    ('順延至其後第一個工作日', '顺延至其后第一个工作日')
    """
    if region not in OWN_LAW_REGIONS:
        return text
    return _HANT_RE.sub(lambda m: _HANT_WORDS[m.group()], text).translate(_HANT_CHARS)


_HANT_CHARS: Final = str.maketrans(
    "节调额业历围预测为个计时间无钟该应届满营结条华国庆视顺约达须两暂规则对迟与态开进险违还内据数仅变风状",
    "節調額業曆圍預測為個計時間無鐘該應屆滿營結條華國慶視順約達須兩暫規則對遲與態開進險違還內據數僅變風狀",
)
"""Characters that exist in simplified writing only, one for one (those of the library's words and statuses)."""

_HANT_WORDS: Final = {
    "其后": "其後",
    "最后": "最後",
    "以后": "以後",
    "剩余": "剩餘",
    "已于": "已於",
    "后为": "後為",
    "周末": "週末",
    "范围": "範圍",
    "合同约定": "合約約定",
    "届满于": "屆滿於",
    "应于": "應於",
    "，于": "，於",
    "于": "於",  # alone only before a digit: "满24小时于2025-10-02 15:00"
    "周": "週",  # alone only in a period of weeks: "2周（14日）", "通知期2周自"
    "恢复": "恢復",
    "发生": "發生",
    "延长": "延長",
    "最长": "最長",
    "超过": "超過",
    "临时": "臨時",
    "补休": "補休",
    "经": "經",  # alone only before a digit: "经2026-10-09T10:00通知延长"
}
"""Words whose characters are also traditional ones (后, 周, 范, 于), converted only as these phrases."""

_HANT_RE: Final = re.compile(
    "|".join(re.escape(w) for w in sorted(_HANT_WORDS, key=len, reverse=True) if len(w) > 1)
    + r"|于(?=\d)|经(?=\d)|(?<=\d)周(?=[（自后])"
)


@dataclass(frozen=True, slots=True)
class _Voice:
    """How one result is worded: its calendar, the language, and whether (and how) the Civil Code is cited."""

    cal: WorkCalendar
    zh: bool
    cite: bool
    code: str  # the Code's name at its first citation


def render(result: Deadline | Window, lang: str) -> str:
    """The recorded steps of ``result`` as one line of sentences in ``lang``."""
    check_lang(lang)
    return ("；" if lang == "zh" else "; ").join(sentences(result, lang))


def sentences(result: Deadline | Window, lang: str) -> list[str]:
    """The recorded steps of ``result``, one sentence each, in ``lang`` (the script and law rules: module notes)."""
    check_lang(lang)
    zh = lang == "zh"
    words = _ZH if zh else _EN
    cal = result.calendar
    region = cal.region
    cite = cites_civil_code(region, result.convention.governing_law)
    own = region in OWN_LAW_REGIONS
    code = ("中华人民共和国民法典" if own else "民法典") if zh else ("PRC Civil Code" if own else "Civil Code")
    v = _Voice(cal, zh, cite, code)
    out: list[str] = []
    if not cite:
        out.append("期间按合同约定的规则计算" if zh else "the counting follows the contract's convention")
    steps = list(result.trace)
    for k, step in enumerate(steps):
        code, *args = step
        if code in _MERGES and k and _mentions(steps[k - 1]) == args[0]:
            # "第7日为2025-10-01" + "2025-10-01为法定节假日" → "第7日为2025-10-01，为法定节假日"
            out[-1] += ("，" if zh else ", ") + _MERGES[code](v, args[0])
            continue
        out.append(words[code](v, *args))
    if result.provisional:
        out.append(
            "结果为暂定：所用日期超出官方公布的放假安排"
            if zh
            else "provisional: it uses days past the officially published calendar"
        )
    return [chinese(text, region) for text in out] if zh else out


def _c(v: _Voice, citation: str) -> str:
    """``citation`` where the Civil Code is cited, else nothing."""
    return citation if v.cite else ""


def _mentions(step: tuple[Any, ...]) -> Any:
    """The day a step's sentence ends on, if it names one."""
    if step[0] not in ("nth", "nth_workday", "month_end", "elapsed"):
        return None
    last = step[-1]
    return last.date() if isinstance(last, dt.datetime) else last


_MERGES: Final[dict[str, Callable[[_Voice, dt.date], str]]] = {
    "rest_day": lambda v, day: (
        f"为{_describe(v.cal, day, zh=True)}" if v.zh else f"which is {_describe(v.cal, day, zh=False)}"
    ),
    "makeup_not_rolled": lambda v, day: (
        "为调休上班日，是工作日，不顺延" if v.zh else "which is a makeup workday (调休上班), a workday: not moved"
    ),
}


def _describe(cal: WorkCalendar, day: dt.date, *, zh: bool) -> str:
    """ "法定节假日（国庆节）" / "a public holiday (National Day)" for a day of the calendar."""
    ix = day_table(cal).ix
    i = day.toordinal() - ix.o0
    if not 0 <= i < ix.n:
        return "日历范围外的日期" if zh else "a day outside the calendar"
    kind = KINDS_BY_CODE[int(ix.kind[i])]
    names = day_table(cal).names.get(i)
    if kind in (DayKind.MAKEUP_WORKDAY, DayKind.TRANSFERRED_REST) and names is not None:
        # the data's names already say what was swapped: keep only that part
        # ("休息日（由 2026-10-10 调休）" → "调休放假日（由 2026-10-10 调休）")
        name = names[1] if zh else names[0]
        inner = name[name.find("（" if zh else "(") + 1 : -1] if name.endswith("）" if zh else ")") else ""
        label = (_KIND_ZH if zh else _KIND_EN)[kind]
        if not inner:
            return label
        return f"{label}（{inner}）" if zh else f"{label} ({inner})"
    if kind is DayKind.WEEKEND or (names is None and kind is not DayKind.WORKDAY):
        extra = (_WEEKDAY_ZH if zh else _WEEKDAY_EN)[day.weekday()]
    elif names is not None:
        extra = names[1] if zh else names[0]
    else:
        extra = ""
    label = (_KIND_ZH if zh else _KIND_EN)[kind]
    if not extra:
        return label
    return f"{label}（{extra}）" if zh else f"{label} ({extra})"


def _rest_prefix(cal: WorkCalendar, day: dt.date, *, zh: bool) -> str:
    """ "2025-01-31为法定节假日（春节），" when an agreed last day is a rest day the calendar knows; else "".

    The result did not read the day (an agreed end is not moved), so a projected day is said to be one:
    the sentence must not pass a projection off as the published calendar.
    """
    ix = day_table(cal).ix
    i = day.toordinal() - ix.o0
    if not 0 <= i < ix.n or ix.work_l[i]:
        return ""
    projected = i > ix.official_last
    if zh:
        return f"{_d(day)}{'按预测' if projected else ''}为{_describe(cal, day, zh=True)}，"
    return f"{_d(day)} is{' projected to be' if projected else ''} {_describe(cal, day, zh=False)}, but "


def _d(day: dt.date) -> str:
    return day.isoformat()


def _at(day: dt.date, close: dt.time | dt.datetime | None) -> str:
    """``day`` at ``close`` (None: 24:00); a night shift's close is an instant on the next day."""
    if isinstance(close, dt.datetime):
        return f"{_d(close.date())} {_hm(close.time())}"
    return f"{_d(day)} {_hm(close)}"


def _hm(t: dt.time | None) -> str:
    if t is None:
        return "24:00"
    return t.strftime("%H:%M:%S" if t.second or t.microsecond else "%H:%M")


def _instant(x: dt.datetime) -> str:
    return strf(x, "%Y-%m-%d %H:%M:%S" if x.second or x.microsecond else "%Y-%m-%d %H:%M")


def _nth_zh(v: _Voice, p: Period, day: dt.date) -> str:
    if p.unit is Unit.WORKDAY:
        return f"第{p.amount}个工作日为{_d(day)}"
    if p.unit is Unit.WEEK:
        return f"{p.zh}（{p.amount * 7}日）的最后一日为{_d(day)}"
    return f"第{p.amount}日为{_d(day)}"


def _nth_en(v: _Voice, p: Period, day: dt.date) -> str:
    if p.unit is Unit.WORKDAY:
        return f"workday {p.amount} is {_d(day)}"
    if p.unit is Unit.WEEK:
        return f"the last day of {p} ({p.amount * 7} days) is {_d(day)}"
    return f"day {p.amount} is {_d(day)}"


def _counted(cal: WorkCalendar, day0: dt.date, last: dt.date, *, zh: bool) -> str:
    """The workdays counted after ``day0``, marking makeup workdays, when there are few enough to list."""
    ix = day_table(cal).ix
    i0, i1 = day0.toordinal() - ix.o0 + 1, last.toordinal() - ix.o0
    if not (0 <= i0 <= i1 < ix.n) or not 2 <= ix.rank_l[i1 + 1] - ix.rank_l[i0] <= _LIST_AT_MOST:
        return ""
    makeup = DayKind.MAKEUP_WORKDAY.code
    days = []
    for i in range(i0, i1 + 1):
        if ix.work_l[i]:
            text = ix.date_of(i).isoformat()
            if int(ix.kind[i]) == makeup:
                text += "（调休上班）" if zh else " (makeup workday)"
            days.append(text)
    return f"（依次为{'、'.join(days)}）" if zh else f" (counting {', '.join(days)})"


def _nth_workday_zh(v: _Voice, p: Period, day0: dt.date, last: dt.date) -> str:
    return f"第{p.amount}个工作日为{_d(last)}{_counted(v.cal, day0, last, zh=True)}"


def _nth_workday_en(v: _Voice, p: Period, day0: dt.date, last: dt.date) -> str:
    return f"workday {p.amount} is {_d(last)}{_counted(v.cal, day0, last, zh=False)}"


def _windows(cal: WorkCalendar, first: int, last: int) -> list[tuple[dt.datetime, dt.datetime]]:
    from slaclock._hours import arithmetic as _hours

    hix = hours_table(cal)
    return [
        (_hours.from_us(hours_table(cal), a), _hours.from_us(hours_table(cal), b)) for a, b in hix.windows(first, last)
    ]


def _windows_zh(v: _Voice, p: Period, first: int, last: int) -> str:
    windows = _windows(v.cal, first, last)
    parts = [
        f"{strf(a, '%Y-%m-%d %H:%M')}–{_hm_of(b, a)}（{_span(b - a, zh=True)}）" for a, b in windows[:_LIST_AT_MOST]
    ]
    more = f"等{len(windows)}段" if len(windows) > _LIST_AT_MOST else ""
    return f"计入的工作时间：{'、'.join(parts)}{more}" if parts else "无需工作时间"


def _windows_en(v: _Voice, p: Period, first: int, last: int) -> str:
    windows = _windows(v.cal, first, last)
    parts = [
        f"{strf(a, '%Y-%m-%d %H:%M')}–{_hm_of(b, a)} ({_span(b - a, zh=False)})" for a, b in windows[:_LIST_AT_MOST]
    ]
    more = f" and {len(windows) - _LIST_AT_MOST} more" if len(windows) > _LIST_AT_MOST else ""
    return f"working time counted: {', '.join(parts)}{more}" if parts else "no working time needed"


def _hm_of(x: dt.datetime, start: dt.datetime) -> str:
    if (x.hour, x.minute, x.second) == (0, 0, 0):
        return "24:00"
    # a night shift's window ends on the next day: with its date
    return x.strftime("%H:%M") if x.date() == start.date() else strf(x, "%Y-%m-%d %H:%M")


def _span(delta: dt.timedelta, *, zh: bool) -> str:
    minutes = int(delta.total_seconds()) // 60
    h, m = divmod(minutes, 60)
    if zh:
        return f"{h}小时{m}分钟" if h and m else (f"{h}小时" if h else f"{m}分钟")
    return f"{h} h {m} min" if h and m else (f"{h} h" if h else f"{m} min")


def _month_end_zh(v: _Voice, p: Period, base: dt.date, day: dt.date) -> str:
    clamp = f"（该月无对应日，取月末{_c(v, '，第202条')}）" if day.day != base.day else _c(v, "（第202条）")
    return f"{p.zh}期间届满于与{_d(base)}对应之日{_d(day)}{clamp}"


def _month_end_en(v: _Voice, p: Period, base: dt.date, day: dt.date) -> str:
    clamp = (
        f" (no such day that month: its last day{_c(v, ', art. 202')})" if day.day != base.day else _c(v, " (art. 202)")
    )
    return f"{p} after {_d(base)} ends on the corresponding day {_d(day)}{clamp}"


def _ends_zh(v: _Voice, day: dt.date, close: dt.time | dt.datetime | None) -> str:
    tail = f"（营业时间结束{_c(v, '，第203条第2款')}）" if close is not None else ""
    return f"截止{_at(day, close)}{tail}"


def _ends_en(v: _Voice, day: dt.date, close: dt.time | dt.datetime | None) -> str:
    tail = f" (close of business{_c(v, ', art. 203 para 2')})" if close is not None else ""
    return f"ends {_at(day, close)}{tail}"


_Words = dict[str, Callable[..., str]]

_ZH: Final[_Words] = {
    "start_excluded": lambda v, day: f"起算日{_d(day)}不计入{_c(v, f'（《{v.code}》第201条）')}",
    "from_instant": lambda v, x: f"自{_instant(x)}起算{_c(v, '（第201条第2款）')}",
    "elapsed": lambda v, p, end: f"{p.zh}后为{_instant(end)}",
    "deemed_cutoff": lambda v, x, cutoff, day: f"{_instant(x)}晚于{_hm(cutoff)}收到，视为{_d(day)}收到",
    "deemed_rest": lambda v, day, deemed: f"{_d(day)}为{_describe(v.cal, day, zh=True)}，视为{_d(deemed)}收到",
    "nth": _nth_zh,
    "nth_workday": _nth_workday_zh,
    "windows": _windows_zh,
    "work_due": lambda v, p, due: f"满{p.zh}于{_instant(due)}，截止该时刻",
    "clock_no_roll": lambda v: "按小时计算的期间不顺延",
    "month_end": _month_end_zh,
    "rest_day": lambda v, day: f"{_d(day)}为{_describe(v.cal, day, zh=True)}",
    "rolled": lambda v, day: f"顺延至其后第一个工作日{_d(day)}{_c(v, '（第203条）')}",
    "makeup_not_rolled": lambda v, day: f"{_d(day)}为调休上班日，是工作日，不顺延",
    "no_roll": lambda v, day: f"按约定最后一日{_d(day)}不顺延",
    "ends": _ends_zh,
    "notice_end": lambda v, day: f"{_d(day)}为通知期的最后一日",
    "notice_span": lambda v, p, first, end: f"通知期{p.zh}自送达次日{_d(first)}起算，于{_d(end)}届满",
    "rolled_back": lambda v, day: f"提前至此前最后一个工作日{_d(day)}",
    "notice_by": lambda v, day, close: f"通知最迟应于{_at(day, close)}前送达",
    "month_nth": lambda v, first, n, day: (
        f"{first.year}年{first.month}月自1日起第{n}个工作日为{_d(day)}"
        f"{_counted(v.cal, first - dt.timedelta(days=1), day, zh=True)}"
    ),
    "month_before": lambda v, first, n, day: f"{first.year}年{first.month}月第{n}个工作日为{_d(day)}，须在该日之前",
    "fixed_range": lambda v, a, b: f"有效期自{_d(a)}至{_d(b)}，首尾两日均计入（约定期限{_c(v, '，第204条')}）",
    "fixed_no_roll": lambda v, day: f"{_rest_prefix(v.cal, day, zh=True)}约定的截止日不顺延",
}

_EN: Final[_Words] = {
    "start_excluded": lambda v, day: f"the start day {_d(day)} is not counted{_c(v, f' ({v.code} art. 201)')}",
    "from_instant": lambda v, x: f"counted from {_instant(x)}{_c(v, ' (art. 201 para 2)')}",
    "elapsed": lambda v, p, end: f"{p} later is {_instant(end)}",
    "deemed_cutoff": lambda v, x, cutoff, day: (
        f"received {_instant(x)}, after {_hm(cutoff)}: deemed received {_d(day)}"
    ),
    "deemed_rest": lambda v, day, deemed: (
        f"{_d(day)} is {_describe(v.cal, day, zh=False)}: deemed received {_d(deemed)}"
    ),
    "nth": _nth_en,
    "nth_workday": _nth_workday_en,
    "windows": _windows_en,
    "work_due": lambda v, p, due: f"{p} are reached at {_instant(due)}: the deadline",
    "clock_no_roll": lambda v: "periods in hours are not moved",
    "month_end": _month_end_en,
    "rest_day": lambda v, day: f"{_d(day)} is {_describe(v.cal, day, zh=False)}",
    "rolled": lambda v, day: f"moved to the next workday {_d(day)}{_c(v, ' (art. 203)')}",
    "makeup_not_rolled": lambda v, day: f"{_d(day)} is a makeup workday (调休上班), a workday: not moved",
    "no_roll": lambda v, day: f"by agreement the last day {_d(day)} is not moved",
    "ends": _ends_en,
    "notice_end": lambda v, day: f"{_d(day)} is the last day of the notice period",
    "notice_span": lambda v, p, first, end: (
        f"{p} of notice, counted from the day after receipt ({_d(first)}), end {_d(end)}"
    ),
    "rolled_back": lambda v, day: f"moved back to the previous workday {_d(day)}",
    "notice_by": lambda v, day, close: f"notice must arrive by {_at(day, close)}",
    "month_nth": lambda v, first, n, day: (
        f"workday {n} of {strf(first, '%Y-%m')}, counted from the 1st, is {_d(day)}"
        f"{_counted(v.cal, first - dt.timedelta(days=1), day, zh=False)}"
    ),
    "month_before": lambda v, first, n, day: f"workday {n} of {strf(first, '%Y-%m')} is {_d(day)}; due before it",
    "fixed_range": lambda v, a, b: f"valid {_d(a)}..{_d(b)}, both days included (an agreed term{_c(v, ', art. 204')})",
    "fixed_no_roll": lambda v, day: f"{_rest_prefix(v.cal, day, zh=False)}an agreed end day is not moved",
}
