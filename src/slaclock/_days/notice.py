"""Reading a State Council holiday notice into a :class:`~slaclock.YearArrangement`.

Maintainer's notes
------------------
The reader works on the text as users paste it, in passes that are each linear in
its length (no regular expression here can backtrack over more than a bounded
stretch, and the text is capped at ``MAX_CHARS``):

1. *Lines.* Each line is normalised for matching (NFKC: full-width punctuation,
   digits and the U+3000 indent become ASCII/blank; then every blank is dropped)
   but kept as given for quoting in errors. A line holding several items
   ("…上班。二、春节：…") is split before each item.
2. *Frame.* The title (possibly over two lines, as on gov.cn), the 文号 on a
   line of its own, the signature's date (国务院办公厅 / 2025年11月4日, also in
   Chinese numerals), and the numbered items (一、元旦：…) with their
   continuation lines (2005–2009 notices put "其中，…" on lines of their own).
   Prose around the notice is not read. A notice without numbered items (the
   2015 victory-day notice) is read paragraph by paragraph.
3. *Clauses.* An item splits into sentences (。) and clauses (，；：) outside
   brackets. Brackets are set aside (a weekday in a bracket right after a date
   is checked against it, anything else in brackets is annotation), each date
   becomes ``D``, and the clause's skeleton ("D至D放假调休", "D、D上班",
   "将D、D两个公休日调至D、D") must match one of a closed list of statements.
   A clause with a date and an arrangement word (放假, 上班, 调至…) that matches
   none is refused; one without a date, or without such a word, is prose.
4. *Dates.* "3日" takes its month (and year) from the date before it in the
   sentence, or at a sentence's start from the holiday's first day off
   ("其中，29日、30日、31日为法定假日" after "1月29日—2月4日"). A December date
   without a year in the New Year item is the previous year's ("12月31日（星期六）
   上班" in the 2006 notice is 2005-12-31).
5. *Meaning.* Days off are the spans (and 补休/调休 days); makeup workdays are
   the days "…上班", and in the 2005–2009 format also every weekend day moved
   away ("公休日调至") that lies outside the holiday (2008 never says 上班 for
   09-27 and 09-28). Then the checks against the law of the year.

The law of each year (the statutory days of 《全国年节及纪念日放假办法》) is
taken from ``holidays``' rules, keeping only the statutory holidays themselves
(not one-off days such as 2015-09-03), and cross-checked against the law's counts (``_days/law.py``).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass, field, replace
from typing import Final

from slaclock._base.fold import fold
from slaclock._days.arrangement import YEARS, ChangeNotice, HolidayBlock, YearArrangement
from slaclock._days.law import law_days
from slaclock._periods.numerals import MalformedNumeralError, read_digits, read_int, write_int
from slaclock.errors import InvalidInputError, NoticeParseError, SlaclockWarning

__all__ = ["MAX_CHARS", "law_days", "read_notice"]

MAX_CHARS: Final = 200_000
"""The longest text read: a notice is 1-3 kB; a whole web page pasted with it stays well below this."""

_WEEKDAYS_ZH: Final = "一二三四五六日"
_WEEKDAY_EN: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LOOKALIKE_ZEROS: Final = str.maketrans("○OΟО0", "〇〇〇〇〇")
"""Zeros as pasted notices write them in a signature's year (二○二五, OCR's Latin, Greek or Cyrillic O): read
as 〇 in that year only. Everywhere else numerals go through :mod:`slaclock._periods.numerals`, strict."""

# Canonical holidays: (zh, en) and the words notices use for them.
_HOLIDAYS: Final = (
    ("元旦", "New Year's Day", ("元旦", "新年")),
    ("春节", "Spring Festival", ("春节",)),
    ("清明节", "Tomb-Sweeping Day", ("清明",)),
    ("劳动节", "Labour Day", ("劳动节", "五一")),
    ("端午节", "Dragon Boat Festival", ("端午",)),
    ("中秋节", "Mid-Autumn Festival", ("中秋",)),
    ("国庆节", "National Day", ("国庆", "十一")),
)
_ITEM = re.compile(r"([一二三四五六七八九十]{1,3})、(.*)")
_ITEM_SPLIT = re.compile(r"(?<=。)(?=[一二三四五六七八九十]{1,3}、)")
_NAMED = re.compile(r"([^:,。;()0-9]{1,24}):(.*)")
_CONTINUATION = re.compile(r"其中|将|[0-9]{1,4}[年月日]")
_TITLE_START = re.compile(r"国务院(?:办公厅)?关于")
_YEAR_TITLE = re.compile(r"国务院(?:办公厅)?关于([0-9]{4})年部分节假日安排的通知")
_DOC_NUMBER = re.compile(
    r"[\[(〔【]?(国办发明电|国发明电|国办发|国发)[〔\[(【]([0-9]{4})[〕\])】]([0-9]{1,4})号[\])〕】]?"
)
_SIGNER = re.compile(r"国务院(?:办公厅)?")
_DATE_ARABIC = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日")
_DATE_ZH = re.compile(
    r"([〇○零O0ΟО一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)
_CHANGE_TITLE = re.compile(r"调整|延长|调休放假|放假调休|假期|放假安排|放假的通知")
_PREAMBLE_YEAR = re.compile(r"现将([0-9]{4})年")
_PREAMBLE_SUBJECT = re.compile(r"现将(?:调整|延长)?(?:[0-9]{4}年)?([^,。:;()0-9]{1,12}?)(?:放假|假期)")
_BRACKET = re.compile(r"\(([^()]*)\)")
_DATE = re.compile(r"(?:([0-9]{4})年)?(?:([0-9]{1,2})月)?([0-9]{1,2})日(\x00)?")
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)([一二三四五六日天])")
_KEYWORDS = re.compile(r"放假|上班|补休|调休|公休|调至|法定|连休|假期至")
_MISWRITTEN_DATE = re.compile(
    r"[0-9]{1,2}月[0-9]{1,2}(?![0-9日])"  # 4月27号, 4月27一
    r"|[0-9]{1,2}/[0-9]{1,2}"  # 4/27
    r"|[0-9一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"  # 4月二十七日, 四月二十七日
    r"|[一二三四五六七八九十]{1,3}月[0-9]{1,2}日"  # 四月27日
)
"""In an item's clause with an arrangement word but no date read: a date written some other way (a month and a
day the reader does not take), not prose with numbers in it ("第44条", "共放假8天", "3月底前")."""

_N = r"(?P<n>[0-9]{1,3}|[一二三四五六七八九十两]{1,3})"
_DL = r"D(?:[、和]D)*"
_SEP = r"(?:至|[-~—–―〜]{1,2})"
_STATEMENTS: Final = (
    ("total", re.compile(rf"共{_N}天")),
    ("off", re.compile(rf"(?:其中)?(?P<a>D)(?:{_SEP}(?P<b>D))?(?:全国)?(?:调休)?放假(?:调休|公休)?(?:{_N}天)?")),
    ("off_list", re.compile(r"(?:其中)?(?P<l>D(?:[、和]D)+)(?:全国)?(?:调休)?放假(?:调休|公休)?")),
    ("rest", re.compile(rf"(?:其中)?(?P<l>{_DL})(?:补休|调休)")),
    ("work", re.compile(rf"(?:其中)?(?P<l>{_DL})(?:照常)?上班")),
    ("resume", re.compile(r"(?P<a>D)起(?:正常|照常)?上班")),
    ("law", re.compile(rf"(?:其中)?(?P<l>{_DL})为[^D]{{0,12}}?法定(?:节)?假日")),
    ("weekend", re.compile(rf"(?:其中)?(?P<l>{_DL})(?:照常公休|为公休日)")),
    ("move", re.compile(rf"(?:其中)?将?(?P<l>{_DL})(?:{_N}个)?公休日(?:及[^D]{{1,8}})?(?:分别)?调至(?P<r>{_DL})")),
    ("extend", re.compile(r"延长(?:[0-9]{4}年)?(?P<name>[^D]{1,12}?)假期至(?P<a>D)")),
    ("noop", re.compile(r"与周末连休|不调休|其中|")),
)


@dataclass(frozen=True, slots=True)
class _Line:
    """A line of the text: where it is, as given (for quoting), and normalised (for reading)."""

    no: int
    raw: str
    text: str


@dataclass(frozen=True, slots=True)
class _Tok:
    """A date as written in a clause, with the bracket right after it (if any)."""

    year: str | None
    month: str | None
    day: str
    note: str | None
    written: str


@dataclass(slots=True)
class _Block:
    """One item of the notice (or, in a notice without items, all of its paragraphs)."""

    header: _Line
    name: str | None
    parts: list[tuple[_Line, str]]
    strict: bool = True
    """Items: every clause with a date must be a statement. Paragraphs (no items): only those with its words."""
    zh: str = ""
    en: str = ""
    off: dict[dt.date, _Line] = field(default_factory=dict)
    makeup: dict[dt.date, _Line] = field(default_factory=dict)
    moved_from: dict[dt.date, _Line] = field(default_factory=dict)
    checks: list[tuple[str, dt.date, _Line]] = field(default_factory=list)
    extend: tuple[dt.date, _Line] | None = None
    resume: list[tuple[dt.date, _Line]] = field(default_factory=list)
    first_off: dt.date | None = None


def _fail(what: str, line: _Line | None = None) -> NoticeParseError:
    what = _clip(what, 400)  # the reason quotes the text: bounded whatever was pasted
    if line is None or line.no == 0:
        return NoticeParseError(what)
    shown = line.raw.strip()
    shown = shown if len(shown) <= 80 else shown[:79] + "…"
    return NoticeParseError(f"line {line.no} “{shown}”: {what}", line.raw.strip(), line.no)


def read_notice(text: object, *, base: object = None, year: object = None, url: object = "") -> YearArrangement:
    """The implementation of :func:`slaclock.arrangement_from_notice` (see there)."""
    if not isinstance(text, str):
        raise InvalidInputError(f"the notice must be text (str); got {type(text).__name__}")
    if base is not None and not isinstance(base, YearArrangement):
        raise InvalidInputError(f"base must be a YearArrangement (the year the notice changes); got {base!r:.60}")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise InvalidInputError(f"year must be an integer such as 2027; got {year!r:.60}")
    if not isinstance(url, str):
        raise InvalidInputError(f"url must be a string; got {url!r:.60}")
    if not text.strip():
        raise _fail("the text is empty: paste the notice (国务院办公厅关于YYYY年部分节假日安排的通知) itself")
    if len(text) > MAX_CHARS:
        raise _fail(
            f"the text has {len(text):,} characters; a notice has a few thousand (the limit is {MAX_CHARS:,}): "
            "paste the notice alone"
        )
    lines = _lines(text)
    title, after_title = _title(lines)
    items = [i for i, ln in enumerate(lines) if _ITEM.fullmatch(ln.text)]
    first_item = items[0] if items else len(lines)
    number = _document_number(lines[after_title:first_item])
    published, signature = _signature(lines, items[-1] + 1 if items else after_title)
    body_end = signature if signature is not None else len(lines)
    year_title = _YEAR_TITLE.match(title) if title else None
    if title is not None and year_title is None and not _CHANGE_TITLE.search(title):
        raise _fail(
            f"“{_clip(title, 60)}” is not a holiday notice "
            "(国务院办公厅关于YYYY年部分节假日安排的通知, or one changing it)"
        )
    if base is None and title is None and not items:
        if any(_DATE.search(ln.text) and _KEYWORDS.search(ln.text) for ln in lines):
            raise _fail(
                "the text arranges days but has neither a title nor numbered items (一、元旦：…): if it changes a "
                "year already arranged, pass that year as base=; if it is a year's notice, paste its items too"
            )
        raise _fail(
            "no holiday notice found: expected its title (国务院办公厅关于YYYY年部分节假日安排的通知) or its "
            "numbered items (一、元旦：1月1日放假…)"
        )
    if base is not None or (title is not None and year_title is None) or (title is None and not items):
        return _read_change(lines, title, after_title, items, body_end, published, number, base, year, url)
    y = _notice_year(lines[:first_item], year_title, year)
    blocks = _items(lines, items, body_end, named=True)
    for b in blocks:
        _read_block(b, y)
    if not any(b.off for b in blocks):
        raise _fail("no item of the text gives a day off: is it the notice's text?")
    _check_published(published, number, y, lines, signature)
    result = _assemble([b for b in blocks if b.off or b.makeup], y)
    _check_names(result)
    _check_law(result, y, blocks)
    _check_swaps(result, y)
    return YearArrangement(
        "CN",
        y,
        title or f"国务院办公厅关于{y}年部分节假日安排的通知",
        published,
        tuple(HolidayBlock(b.zh, b.en, tuple(b.off), tuple(b.makeup)) for b in result),
        url,
        number,
    )


# -- frame ---------------------------------------------------------------------------------------


_INVISIBLE: Final = dict.fromkeys([*range(0x20), 0x7F, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF])
"""Control characters (the reader's own marker, NUL, among them) and zero-width ones: dropped."""


def _normal(raw: str) -> str:
    return "".join(fold(raw).translate(_INVISIBLE).split())


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for no, raw in enumerate(text.splitlines(), 1):
        norm = _normal(raw)
        if not norm:
            continue
        pieces = _ITEM_SPLIT.split(norm) if "。" in norm else [norm]
        out.extend(_Line(no, raw, piece) for piece in pieces if piece)
    if not out:
        raise _fail("the text is empty: paste the notice itself")
    return out


def _title(lines: list[_Line]) -> tuple[str | None, int]:
    """The notice's title and the index of the line after it; (None, 0) if the text has none."""
    for i, ln in enumerate(lines):
        if _ITEM.fullmatch(ln.text):
            break
        if not _TITLE_START.match(ln.text):
            continue
        joined = ln.text
        for j in range(i, min(i + 3, len(lines))):
            if j > i:
                joined += lines[j].text
            end = joined.find("的通知")
            if end >= 0:
                return joined[: end + 3], j + 1
    return None, 0


def _document_number(head: list[_Line]) -> str:
    for ln in head:
        m = _DOC_NUMBER.fullmatch(ln.text)
        if m:
            return f"{m[1]}〔{m[2]}〕{m[3]}号"
    return ""


def _signature(lines: list[_Line], start: int) -> tuple[dt.date | None, int | None]:
    """The signature's date and the index of the signer's line, looking from ``start``."""
    for i in range(start, len(lines)):
        text = lines[i].text
        if _SIGNER.fullmatch(text) and i + 1 < len(lines):
            day = _sign_date(lines[i + 1])
            if day is not None:
                return day, i
        elif (m := _SIGNER.match(text)) and (day := _sign_date(lines[i], m.end())) is not None:
            return day, i
    return None, None


def _sign_date(ln: _Line, at: int = 0) -> dt.date | None:
    text = ln.text[at:]
    if m := _DATE_ARABIC.fullmatch(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _DATE_ZH.fullmatch(text):
        y = int(read_digits(m[1].translate(_LOOKALIKE_ZEROS)))
        mo, d = _zh_number(m[2]), _zh_number(m[3])
    else:
        return None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise _fail(f"the signature's date {y}-{mo}-{d} does not exist", ln) from None


def _zh_number(text: str) -> int:
    """A small Chinese numeral (十, 十二, 二十, 三十一), or -1 if it is none (the callers then refuse the line)."""
    try:
        return read_int(text)
    except MalformedNumeralError:
        return -1


def _notice_year(head: list[_Line], year_title: re.Match[str] | None, year: int | None) -> int:
    stated = int(year_title[1]) if year_title else None
    if stated is not None and year is not None and stated != year:
        raise _fail(f"the title names {stated}, but year={year} was passed")
    y = stated if stated is not None else year
    for ln in head:
        if m := _PREAMBLE_YEAR.search(ln.text):
            if y is None:
                y = int(m[1])
            elif int(m[1]) != y:
                raise _fail(f"the preamble arranges {m[1]}, but the notice is for {y}", ln)
    if y is None:
        raise _fail(
            "the text has no title (国务院办公厅关于YYYY年部分节假日安排的通知) to tell its year: "
            "pass year=, e.g. arrangement_from_notice(text, year=2027)"
        )
    _check_year(y)
    return y


def _check_year(y: int) -> None:
    if y not in YEARS:
        raise _fail(f"notices are read for the years {YEARS.start}..{YEARS.stop - 1}, not {y}")


def _items(lines: list[_Line], items: list[int], end: int, *, named: bool) -> list[_Block]:
    blocks: list[_Block] = []
    if not items:
        return blocks
    number = 0
    open_block: _Block | None = None
    for i in range(items[0], end):
        ln = lines[i]
        m = _ITEM.fullmatch(ln.text)
        if m:
            k = _zh_number(m[1])
            if k != number + 1:
                if k == 1:
                    raise _fail("the numbering starts again at 一: paste one notice at a time", ln)
                after = f"follows item {write_int(number)}" if number else "is the first item"
                raise _fail(f"item {m[1]} {after} (is a line missing?)", ln)
            number = k
            named_m = _NAMED.fullmatch(m[2]) if named else None
            name, body = (named_m[1], named_m[2]) if named_m else (None, m[2])
            open_block = _Block(ln, name, [(ln, body)])
            blocks.append(open_block)
        elif open_block is not None and _CONTINUATION.match(ln.text):
            open_block.parts.append((ln, ln.text))
        else:
            open_block = None  # prose after the items: not read
    return blocks


def _check_published(published: dt.date | None, number: str, y: int, lines: list[_Line], signature: int | None) -> None:
    where = lines[signature + 1] if signature is not None and signature + 1 < len(lines) else None
    if published is not None and not y - 1 <= published.year <= y:
        raise _fail(f"a notice for {y} is dated {published.isoformat()}, not in {y - 1} or {y}", where)
    if number:
        issued = int(number[number.index("〔") + 1 : number.index("〕")])
        if published is not None and issued != published.year:
            raise _fail(f"the 文号 {number} is of {issued}, but the notice is dated {published.isoformat()}", where)
        if not y - 1 <= issued <= y:
            raise _fail(f"the 文号 {number} is of {issued}, not of {y - 1} or {y}")


# -- clauses -------------------------------------------------------------------------------------


def _names(name: str, where: _Line) -> tuple[str, str]:
    """Canonical (zh, en) names of an item: "“五一”" is 劳动节, "国庆节、中秋节" two holidays."""
    plain = re.sub(r"[“”\"'「」『』‘’]", "", name)
    zh: list[str] = []
    en: list[str] = []
    for part in re.split(r"[、和及与]", plain):
        for canon_zh, canon_en, words in _HOLIDAYS:
            if any(w in part for w in words):
                zh.append(canon_zh)
                en.append(canon_en)
                break
        else:
            if part:
                zh.append(part)
                en.append(_english(part))
    if not zh:
        raise _fail(f"cannot tell which holiday {_clip(name)!r} is", where)
    return "、".join(zh), " and ".join(en)


def _english(zh: str) -> str:
    if "抗日战争" in zh:
        m = re.search(r"([0-9]+)周年", zh)
        n = int(m[1]) if m else 0
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        head = f"{n}{suffix} Anniversary of the Victory" if n else "Anniversary of the Victory"
        return (
            f"{head} of the Chinese People's War of Resistance against Japanese Aggression and the World "
            "Anti-Fascist War"
        )
    return zh  # a holiday slaclock has no English name for keeps its Chinese one


def _clauses(body: str) -> list[list[str]]:
    """Sentences (。) of clauses (，；：), split outside brackets."""
    sentences: list[list[str]] = []
    clauses: list[str] = []
    start = depth = 0
    for k, ch in enumerate(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ",;:。!":
            clauses.append(body[start:k])
            start = k + 1
            if ch == "。":
                sentences.append(clauses)
                clauses = []
    clauses.append(body[start:])
    sentences.append(clauses)
    return sentences


def _skeleton(clause: str) -> tuple[str, list[_Tok]]:
    """The clause with brackets set aside and each date as ``D``; the dates with their brackets."""
    notes: list[str] = []

    def aside(m: re.Match[str]) -> str:
        notes.append(m[1])
        return "\x00"

    outside = _BRACKET.sub(aside, clause)
    parts: list[str] = []
    toks: list[_Tok] = []
    pos = seen = 0
    for m in _DATE.finditer(outside):
        between = outside[pos : m.start()]
        seen += between.count("\x00")
        parts.append(between.replace("\x00", ""))
        note = None
        if m[4]:
            note = notes[seen]
            seen += 1
        toks.append(_Tok(m[1], m[2], m[3], note, m[0].replace("\x00", f"({note})" if note is not None else "")))
        parts.append("D")
        pos = m.end()
    parts.append(outside[pos:].replace("\x00", ""))
    return "".join(parts), toks


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _zh_number(text)


class _Dates:
    """Turns the dates of one sentence into ``date`` objects (the context rules of the module doc)."""

    def __init__(self, y: int, block: _Block, line: _Line) -> None:
        self.y = y
        self.new_year = block.zh.startswith("元旦")
        self.line = line
        self.year: int | None = None
        self.month: int | None = block.first_off.month if block.first_off else None
        self.month_year: int | None = block.first_off.year if block.first_off else None

    def default_year(self, month: int) -> int:
        return self.y - 1 if self.new_year and month == 12 else self.y

    def __call__(self, tok: _Tok) -> dt.date:
        if tok.year is not None:
            y = int(tok.year)
            self.year = y
            if tok.month is None:
                raise _fail(f"{tok.written} has a year but no month", self.line)
        if tok.month is not None:
            m = int(tok.month)
            if tok.year is None:
                if self.year is not None:  # a year named earlier in the sentence carries over, across its end too
                    wrap = 1 if self.month == 12 and m == 1 else -1 if self.month == 1 and m == 12 else 0
                    y = self.year = self.year + wrap
                else:
                    y = self.default_year(m)
            self.month = m
        else:
            if self.month is None:
                raise _fail(f"{tok.written} has no month, and no date before it gives one", self.line)
            m = self.month
            y = self.year if self.year is not None else self.default_year(m)
        try:
            day = dt.date(y, m, int(tok.day))
        except ValueError:
            raise _fail(
                f"{tok.written} is not a date: {y}-{m:02d}-{int(tok.day):02d} does not exist", self.line
            ) from None
        for said in _WEEKDAY.finditer(tok.note or ""):
            if (6 if said[1] == "天" else _WEEKDAYS_ZH.index(said[1])) != day.weekday():
                true = f"星期{_WEEKDAYS_ZH[day.weekday()]}"
                raise _fail(
                    f"{_short(tok)} is {day.isoformat()}, a {_WEEKDAY_EN[day.weekday()]} ({true}), not {said[0]}",
                    self.line,
                )
        return day


def _short(tok: _Tok) -> str:
    return tok.written.split("(", 1)[0]


def _read_block(block: _Block, y: int) -> None:
    """Read one item's statements into its days; check what can be checked inside it."""
    if block.name is not None:
        block.zh, block.en = _names(block.name, block.header)
    for line, body in block.parts:
        for sentence in _clauses(body):
            dates = _Dates(y, block, line)
            span: tuple[dt.date, dt.date] | None = None
            for clause in sentence:
                sk, toks = _skeleton(clause)
                kind, m = _match(sk)
                if kind is None or m is None:
                    if "D" in sk and (block.strict or _KEYWORDS.search(sk)):
                        raise _fail(f"cannot read {_clip(clause)!r} as a day off or a makeup workday", line)
                    if block.strict and _KEYWORDS.search(sk) and _MISWRITTEN_DATE.search(_BRACKET.sub("", sk)):
                        # "4月27号上班", "4/27上班", "4月二十七日上班": a day the reader does not see is no day
                        raise _fail(f"cannot read a date in {_clip(clause)!r}: write it as 4月27日", line)
                    continue  # prose, even with a date in it ("自2025年1月1日起"): not an arrangement
                days = [dates(t) for t in toks]
                span = _statement(block, kind, m, sk, days, line, span, clause)
    if (block.off or block.makeup or block.moved_from) and block.name is None and not block.zh:
        raise _fail("this item gives days off but names no holiday (expected 一、元旦：…)", block.header)
    for d, line in block.moved_from.items():
        if d not in block.off and d not in block.makeup:
            block.makeup[d] = line  # a weekend day moved away from outside the holiday is worked (2008)
    for what, d, line in block.checks:
        if what == "in_off" and d not in block.off:
            raise _fail(f"{d.isoformat()} is said to take a moved rest day but is not among the days off", line)
        if what == "law_in_off" and d not in block.off:
            raise _fail(f"{d.isoformat()} is called a statutory holiday but is not among the days off", line)


def _match(sk: str) -> tuple[str | None, re.Match[str] | None]:
    for kind, pattern in _STATEMENTS:
        m = pattern.fullmatch(sk)
        if m:
            return kind, m
    return None, None


def _group_days(m: re.Match[str], group: str, sk: str, days: list[dt.date]) -> list[dt.date]:
    start = sk.count("D", 0, m.start(group))
    return days[start : start + m[group].count("D")]


def _statement(
    block: _Block,
    kind: str,
    m: re.Match[str],
    sk: str,
    days: list[dt.date],
    line: _Line,
    span: tuple[dt.date, dt.date] | None,
    clause: str,
) -> tuple[dt.date, dt.date] | None:
    """Apply one statement to the block; returns the sentence's latest span (for a following 共N天)."""
    if kind == "noop":
        return span
    if kind == "total":
        n = _number(m["n"])
        if span is None:
            raise _fail(f"{clause!r} follows no span of days off", line)
        have = (span[1] - span[0]).days + 1
        if n != have:
            raise _fail(
                f"says 共{m['n']}天, but {span[0].isoformat()}..{span[1].isoformat()} is {have} day"
                f"{'s' if have != 1 else ''}",
                line,
            )
        return span
    if kind == "off":
        a = _group_days(m, "a", sk, days)[0]
        b = _group_days(m, "b", sk, days)[0] if m["b"] else a
        if b < a:
            raise _fail(f"the span {a.isoformat()}..{b.isoformat()} ends before it starts", line)
        if (b - a).days >= 31:
            raise _fail(f"the span {a.isoformat()}..{b.isoformat()} is longer than a month: is a month wrong?", line)
        if m["n"] and _number(m["n"]) != (b - a).days + 1:
            raise _fail(f"says {m['n']} day(s), but {a.isoformat()}..{b.isoformat()} is {(b - a).days + 1}", line)
        for k in range((b - a).days + 1):
            block.off.setdefault(a + dt.timedelta(days=k), line)
        if block.first_off is None:
            block.first_off = a
        return (a, b)
    listed = _group_days(m, "l", sk, days) if "l" in m.re.groupindex else []
    if kind == "off_list":
        for d in listed:
            block.off.setdefault(d, line)
        block.first_off = block.first_off or listed[0]
    elif kind == "rest":
        for d in listed:
            if d.weekday() >= 5:
                raise _fail(f"{d.isoformat()} ({_WEEKDAY_EN[d.weekday()]}) is a weekend day, not a day in lieu", line)
            block.off.setdefault(d, line)
    elif kind == "work":
        for d in listed:
            block.makeup.setdefault(d, line)
    elif kind == "resume":
        block.resume.append((_group_days(m, "a", sk, days)[0], line))
    elif kind == "law":
        for d in listed:
            law = law_days(d.year)
            if d not in law:
                statutory = ", ".join(x.isoformat() for x in sorted(law) if x.year == d.year)
                raise _fail(
                    f"{d.isoformat()} is called a statutory holiday, but the statutory holidays of {d.year} are "
                    f"{statutory}",
                    line,
                )
            block.checks.append(("law_in_off", d, line))
    elif kind == "weekend":
        for d in listed:
            if d.weekday() < 5:
                raise _fail(
                    f"{d.isoformat()} is called a weekend rest day, but it is a {_WEEKDAY_EN[d.weekday()]}", line
                )
    elif kind == "move":
        moved, to = listed, _group_days(m, "r", sk, days)
        if m["n"] and _number(m["n"]) != len(moved):
            raise _fail(f"says {m['n']}个公休日 but lists {len(moved)}", line)
        for d in moved:
            if d.weekday() < 5:
                raise _fail(f"{d.isoformat()} is a {_WEEKDAY_EN[d.weekday()]}, not a weekend rest day to move", line)
            block.moved_from.setdefault(d, line)
        for d in to:
            if d.weekday() >= 5:
                raise _fail(f"a rest day is moved to {d.isoformat()}, a {_WEEKDAY_EN[d.weekday()]}", line)
            block.checks.append(("in_off", d, line))
    elif kind == "extend":
        block.extend = (_group_days(m, "a", sk, days)[0], line)
        if not block.zh:
            block.zh, block.en = _names(m["name"], line)
    return span


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- the year as a whole -------------------------------------------------------------------------


def _assemble(blocks: list[_Block], y: int) -> list[_Block]:
    """Check the blocks together: each day in the year's window, in one role, makeup days on weekends."""
    lo, hi = dt.date(y - 1, 12, 25), dt.date(y, 12, 31)
    role: dict[dt.date, tuple[str, _Block]] = {}
    for b in blocks:
        for days, what in ((b.off, "a day off"), (b.makeup, "a makeup workday")):
            for d, line in days.items():
                if not lo <= d <= hi:
                    raise _fail(
                        f"{d.isoformat()} lies outside {y} (a notice for {y} arranges its year, and at most the "
                        f"last week of {y - 1})",
                        line,
                    )
                if d in role:
                    other_what, other = role[d]
                    same = (
                        "twice" if other is b and other_what == what else f"as {other_what} by {other.zh or 'an item'}"
                    )
                    raise _fail(f"{d.isoformat()} is listed as {what}, and {same}", line)
                role[d] = (what, b)
                if what == "a makeup workday" and d.weekday() < 5:
                    raise _fail(
                        f"{d.isoformat()} is a {_WEEKDAY_EN[d.weekday()]}: makeup workdays are weekend days", line
                    )
    return blocks


def _check_law(blocks: list[_Block], y: int, all_blocks: list[_Block]) -> None:
    """Every statutory holiday of the year that falls on a weekday must be a day off."""
    off = {d for b in blocks for d in b.off}
    missing = [(d, name) for d, name in sorted(law_days(y).items()) if d.weekday() < 5 and d not in off]
    if not missing:
        return
    listed = ", ".join(f"{d.isoformat()} ({name}, {_WEEKDAY_EN[d.weekday()]})" for d, name in missing)
    first = missing[0][1].split("、")[0]
    where = next((b.header for b in all_blocks if first in b.zh), None)
    raise _fail(
        f"the statutory holidays of {y} that fall on weekdays must be days off, but these are not: {listed}", where
    )


def _check_names(blocks: list[_Block]) -> None:
    """A year's items arrange the statutory holidays, each once: "五、火星节" or a second 中秋节 is a misreading."""
    seen: dict[str, _Block] = {}
    known = [zh for zh, _, _ in _HOLIDAYS]
    for b in blocks:
        for name in b.zh.split("、"):
            if name not in known:
                raise _fail(f"{name!r} is not a holiday a year's notice arranges ({', '.join(known)})", b.header)
            if name in seen:
                raise _fail(f"{name} is arranged by two items", b.header)
            seen[name] = b


def _check_swaps(blocks: list[_Block], y: int) -> None:
    """Warn when the year's weekdays off do not number its statutory days plus its makeup workdays.

    Each weekday off is a statutory day, a day in lieu of one on a weekend, or swapped with a makeup workday, so
    the counts balance (2025: 劳动节 05-01, 05-02 and 05-05 off, 2 statutory days, 1 makeup workday; a day that is
    two holidays, 2020-10-01, counts twice). Over the year, not an item: 2015's 中秋节 fell on a Sunday and its day
    in lieu is among 国庆节's days. Every notice 2005-2026 balances; a makeup workday deleted or a day off added
    breaks the count. A warning, not an error: the State Council may yet give a day off with none worked back.
    """
    weekdays = statutory = makeup = 0
    for b in blocks:
        weekdays += sum(d.weekday() < 5 for d in b.off)
        statutory += sum(len(law_days(d.year)[d].split("、")) for d in b.off if d in law_days(d.year))
        makeup += len(b.makeup)
    if weekdays != statutory + makeup:
        warnings.warn(
            SlaclockWarning(
                f"the {y} notice gives {weekdays} weekdays off, but its {statutory} statutory days and {makeup} "
                f"makeup workdays account for {statutory + makeup}: each weekday off past the statutory days is "
                "worked back on a weekend day (…上班) in every notice 2005-2026. Check the text for a makeup "
                "workday left out or a day off added"
            ),
            stacklevel=4,
        )


# -- change notices -------------------------------------------------------------------------------


def _read_change(
    lines: list[_Line],
    title: str | None,
    after_title: int,
    items: list[int],
    body_end: int,
    published: dt.date | None,
    number: str,
    base: object,
    year: int | None,
    url: str,
) -> YearArrangement:
    what = f"“{_clip(title, 60)}”" if title else "the text (it has no numbered items like 一、元旦：…)"
    if base is None:
        raise _fail(
            f"{what} is a notice that changes a year already arranged: pass that year as base=, e.g. "
            "arrangement_from_notice(text, base=arrangement_from_notice(that_years_notice))"
        )
    assert isinstance(base, YearArrangement)
    if title is not None and _YEAR_TITLE.match(title):
        raise _fail(f"“{_clip(title, 60)}” arranges a whole year, it does not change one: leave out base=")
    if base.region != "CN":
        raise _fail(f"base is a {base.region} arrangement; State Council notices change CN years")
    y = base.year
    if year is not None and year != y:
        raise _fail(f"year={year} was passed, but base is the {y} arrangement")
    stated = re.search(r"([0-9]{4})年", title) if title else None
    if stated and int(stated[1]) != y:
        raise _fail(f"“{_clip(title or '', 60)}” changes {stated[1]}, but base is the {y} arrangement")
    subject = _subject(title, lines[after_title:body_end])
    if items:
        blocks = _items(lines, items, body_end, named=True)
    else:
        paragraphs = [ln for ln in lines[after_title:body_end] if not _DOC_NUMBER.fullmatch(ln.text)]
        blocks = [_Block(paragraphs[0], None, [(ln, ln.text) for ln in paragraphs], strict=False)] if paragraphs else []
    for b in blocks:
        if b.name is None and subject is not None:
            b.zh, b.en = subject
        _read_block(b, y)
    blocks = [b for b in blocks if b.off or b.makeup or b.extend]
    if not blocks:
        raise _fail(f"{what} changes no day: is it a holiday notice?")
    if published is not None and not y - 1 <= published.year <= y:
        raise _fail(f"a notice changing {y} is dated {published.isoformat()}")
    combined = _combine(base, blocks)
    result = _assemble(combined, y)
    _check_law(result, y, result)
    change = ChangeNotice(title or f"untitled change notice ({blocks[0].zh})", published, number, url)
    return YearArrangement(
        base.region,
        y,
        base.notice,
        base.published,
        tuple(HolidayBlock(b.zh, b.en, tuple(sorted(b.off)), tuple(sorted(b.makeup))) for b in result),
        base.url,
        base.document_number,
        (*base.changes, change),
    )


def _subject(title: str | None, body: list[_Line]) -> tuple[str, str] | None:
    """The holiday a change notice is about, from its title or its preamble ("现将调整2019年劳动节放假安排…")."""
    if title is not None:
        core = re.sub(r"^国务院(?:办公厅)?关于", "", title)
        core = re.sub(r"的通知$", "", core)
        core = re.sub(r"^(?:调整|延长)", "", core)
        core = re.sub(r"^[0-9]{4}年", "", core)
        core = re.sub(r"(?:假期安排|放假安排|调休放假|放假调休|假期|放假|安排)+$", "", core)
        if core:
            return _names(core, body[0] if body else _Line(0, title, title))
    for ln in body:
        if m := _PREAMBLE_SUBJECT.search(ln.text):
            return _names(m[1], ln)
    return None


def _combine(base: YearArrangement, changes: list[_Block]) -> list[_Block]:
    """The base year's holidays with the change notice's applied (see arrangement_from_notice)."""
    start = _Line(0, "", "")
    blocks = [
        _Block(
            start,
            h.name_zh,
            [],
            zh=h.name_zh,
            en=h.name_en,
            off=dict.fromkeys(h.off, start),
            makeup=dict.fromkeys(h.makeup, start),
        )
        for h in base.holidays
    ]

    def find(c: _Block) -> _Block | None:
        wanted = set(c.zh.split("、"))
        return next((b for b in blocks if wanted <= set(b.zh.split("、"))), None)

    for c in changes:
        target = find(c)
        if c.extend is not None:
            end, line = c.extend
            if target is None:
                raise _fail(f"the base year has no {c.zh} to extend", line)
            last = max(target.off)
            if end <= last:
                raise _fail(f"extends {c.zh} to {end.isoformat()}, but it already runs to {last.isoformat()}", line)
            for k in range(1, (end - last).days + 1):
                day = last + dt.timedelta(days=k)
                for b in blocks:
                    b.makeup.pop(day, None)  # a makeup Saturday inside the extension becomes a day off
                target.off[day] = line
            for day, said in c.resume:
                if day != end + dt.timedelta(days=1):
                    raise _fail(f"work resumes on {day.isoformat()}, but the holiday is extended to {end}", said)
            target.off.update((d, ln) for d, ln in c.off.items() if d not in target.off)
            target.makeup.update(c.makeup)
        elif target is not None:
            target.off, target.makeup = dict(c.off), dict(c.makeup)
            for day, said in c.resume:
                if day in target.off:
                    raise _fail(f"work resumes on {day.isoformat()}, a day off", said)
        else:
            blocks.append(replace(c))
    return blocks
