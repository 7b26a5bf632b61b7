"""The notice importer: every State Council notice 2005-2026 reads to exactly the official days.

The notices are real texts (tests/fixtures/notices, see its README); each file starts with
``source:``/``published:`` lines and may hold ``[PARTIAL — …]`` lines, which are annotations of
the test data, not notice text: ``_text`` strips them. Each year is compared day by day with the
built-in official calendar (``sc.calendar("CN")``), once from the files as they are (half-width
punctuation) and once from the same texts as gov.cn prints them (full-width punctuation, U+3000
paragraph indents, the title over two lines).
"""

from __future__ import annotations

import datetime as dt
import functools
import pickle
import re
import time
from pathlib import Path

import pytest

import slaclock as sc
from slaclock._days.notice import law_days
from tests.helpers.paths import FIXTURES

NOTICES = FIXTURES / "notices"
YEARS = sorted(int(p.stem) for p in NOTICES.glob("*.txt") if p.stem.isdigit())
CHANGES = {2015: ["2015-victory"], 2019: ["2019-labour-day"], 2020: ["2020-extension"]}
UNTITLED = {2005, 2008}  # partial copies without the title: the year is passed
FICTIONAL_NOTICE = FIXTURES / "FICTIONAL-2027-notice.txt"
FICTIONAL_TOML = FIXTURES / "FICTIONAL-cn-2027.toml"


def _text(stem: str) -> str:
    """The notice text of a fixture, without the test data's own annotations."""
    lines = (NOTICES / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    keep = [ln for ln in lines if not ln.startswith(("source:", "published:", "[PARTIAL"))]
    return "\n".join(keep).strip() + "\n"


def _published(stem: str) -> dt.date | None:
    head = (NOTICES / f"{stem}.txt").read_text(encoding="utf-8").splitlines()[1]
    value = head.removeprefix("published:").strip()
    return None if value == "unknown" else dt.date.fromisoformat(value)


def _full_width(text: str) -> str:
    """The text as gov.cn prints it: full-width punctuation, U+3000 indents, the title over two lines."""
    table = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "~": "～"})
    out = []
    for line in text.splitlines():
        wide = line.translate(table)
        if line.startswith("国务院") and line.endswith("的通知"):
            cut = wide.find("部分") if "部分" in wide else len(wide) // 2
            out += [wide[:cut], wide[cut:]]
        elif re.match(r"[一二三四五六七八九十]+、|其中|[0-9]|经|根据|为|节假日|鼓励|调休|2015年是", line):
            out.append("\u3000\u3000" + wide)
        else:
            out.append(wide)
    return "\n".join(out) + "\n"


VARIANTS = {"half-width": lambda t: t, "full-width": _full_width}


@functools.cache
def _year(year: int, variant: str) -> sc.YearArrangement:
    """The year's arrangement from its notice, with the year's change notices applied in order."""
    convert = VARIANTS[variant]
    arr = sc.arrangement_from_notice(convert(_text(str(year))), year=year if year in UNTITLED else None)
    for stem in CHANGES.get(year, []):
        arr = sc.arrangement_from_notice(convert(_text(stem)), base=arr)
    return arr


@functools.cache
def _overlay(variant: str) -> dict[dt.date, str]:
    """Every day the notices speak for: 'off', 'makeup' or 'plain'; a later notice wins (its December days)."""
    state: dict[dt.date, str] = {}
    for year in YEARS:
        day = dt.date(year, 1, 1)
        while day.year == year:
            state.setdefault(day, "plain")
            day += dt.timedelta(days=1)
        arr = _year(year, variant)
        state.update(dict.fromkeys(arr.off_days, "off"))
        state.update(dict.fromkeys(arr.makeup_days, "makeup"))
    return state


def _differences(year: int, variant: str) -> list[str]:
    cal = sc.calendar("CN")
    state = _overlay(variant)
    arr = _year(year, variant)
    days = [d for d in state if d.year == year] + [d for d in (*arr.off_days, *arr.makeup_days) if d.year < year]
    out = []
    for day in sorted(days):
        kind = cal.day_kind(day)
        said = state[day]
        if said == "makeup":
            ok = kind is sc.DayKind.MAKEUP_WORKDAY
        elif said == "off":  # a weekend day inside a holiday stays a weekend day in the official data
            ok = kind in (sc.DayKind.HOLIDAY, sc.DayKind.TRANSFERRED_REST, sc.DayKind.WEEKEND)
        else:
            ok = kind in (sc.DayKind.WORKDAY, sc.DayKind.WEEKEND)
        if not ok:
            out.append(f"{day.isoformat()}: the notices say {said}, the official data {kind.value}")
    return out


# -- every notice, every day ------------------------------------------------------------------------


def test_the_fixtures_cover_2005_to_2026() -> None:
    assert YEARS[0] == 2005
    assert YEARS[-1] == 2026
    assert len(YEARS) == 20  # 2011 and 2018 have no stored copy


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("year", YEARS)
def test_every_notice_reads_to_the_official_days(year: int, variant: str) -> None:
    # days off and makeup workdays equal the built-in data, with the change notices and the next
    # year's December days (2007-12-29..31 are arranged by the 2008 notice) taken into account
    assert _differences(year, variant) == []


@pytest.mark.parametrize("year", YEARS)
def test_full_width_reads_the_same_as_half_width(year: int) -> None:
    assert _year(year, "full-width") == _year(year, "half-width")


def test_the_previous_decembers_days_belong_to_the_notice() -> None:
    # 2006: "12月31日（星期六）上班" is 2005-12-31; 2007: explicit 2006-12-30/31; 2008: 2007-12-29..31; 2012: 2011-12-31
    assert dt.date(2005, 12, 31) in _year(2006, "half-width").makeup_days
    assert {dt.date(2006, 12, 30), dt.date(2006, 12, 31)} <= set(_year(2007, "half-width").makeup_days)
    arr2008 = _year(2008, "half-width")
    assert dt.date(2007, 12, 29) in arr2008.makeup_days
    assert {dt.date(2007, 12, 30), dt.date(2007, 12, 31)} <= set(arr2008.off_days)
    assert dt.date(2011, 12, 31) in _year(2012, "half-width").makeup_days


def test_moved_weekend_days_never_called_makeup_are_worked() -> None:
    # 2008: "9月27日（星期六）、9月28日（星期日）两个公休日调至9月29日（星期一）、30日（星期二）" and no 上班
    assert {dt.date(2008, 9, 27), dt.date(2008, 9, 28)} <= set(_year(2008, "half-width").makeup_days)
    # a Sunday moved away from inside its own holiday is off, not worked (端午 2008-06-08)
    assert dt.date(2008, 6, 8) in _year(2008, "half-width").off_days


@pytest.mark.parametrize("stem", [p.stem for p in sorted(NOTICES.glob("*.txt"))])
def test_publication_date_document_number_and_title(stem: str) -> None:
    year = int(stem[:4])
    text = _text(stem)
    arr = _year(year, "half-width")
    record = (
        sc.ChangeNotice(arr.notice, arr.published, arr.document_number, arr.url)
        if stem.isdigit()
        else next(c for c in arr.changes if c.notice in text)
    )
    signed = bool(re.search(r"^国务院(办公厅)?\n.+日$", text, re.MULTILINE))
    if signed:  # the date under the signature, in arabic or Chinese numerals
        assert record.published == _published(stem)
    else:
        assert record.published is None
    number = re.search(r"^(国.*〔\d{4}〕\d+号)$", text, re.MULTILINE)
    assert record.document_number == (number[1] if number else "")
    title = text.splitlines()[0]
    if title.startswith("国务院"):
        assert record.notice == title
    elif stem.isdigit():
        assert (
            record.notice == f"国务院办公厅关于{year}年部分节假日安排的通知"
        )  # the standard title, for a text without it


def test_chinese_numeral_signatures() -> None:
    assert _year(2007, "half-width").published == dt.date(2006, 12, 14)  # 二〇〇六年十二月十四日
    assert _year(2010, "half-width").published == dt.date(2009, 12, 7)  # 二○○九年十二月七日 (U+25CB)
    assert _year(2010, "half-width").document_number == "国办发明电〔2009〕27号"


def test_names_per_holiday() -> None:
    arr = _year(2006, "half-width")  # "三、“五一”:" and "四、“十一”:"
    assert [(h.name_zh, h.name_en) for h in arr.holidays] == [
        ("元旦", "New Year's Day"),
        ("春节", "Spring Festival"),
        ("劳动节", "Labour Day"),
        ("国庆节", "National Day"),
    ]
    combined = _year(2009, "half-width").holidays[-1]
    assert (combined.name_zh, combined.name_en) == ("国庆节、中秋节", "National Day and Mid-Autumn Festival")
    assert _year(2008, "half-width").holidays[3].name_zh == "劳动节"  # "四、“五一”国际劳动节:"


# -- change notices ---------------------------------------------------------------------------------


def test_a_change_notice_applies_on_top_of_its_year_and_is_recorded() -> None:
    base = sc.arrangement_from_notice(_text("2020"))
    assert dt.date(2020, 2, 1) in base.makeup_days
    arr = sc.arrangement_from_notice(_text("2020-extension"), base=base)
    # Spring Festival runs to 02-02; the makeup Saturday 02-01 became a day off
    assert {dt.date(2020, 1, 31), dt.date(2020, 2, 1), dt.date(2020, 2, 2)} <= set(arr.off_days)
    assert dt.date(2020, 2, 1) not in arr.makeup_days
    assert arr.notice == base.notice
    assert arr.published == base.published
    assert arr.changes == (sc.ChangeNotice("国务院办公厅关于延长2020年春节假期的通知", dt.date(2020, 1, 26)),)


def test_the_victory_day_is_a_holiday_of_its_own() -> None:
    arr = _year(2015, "half-width")
    victory = arr.holidays[-1]
    assert victory.name_zh == "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"
    assert victory.name_en.startswith("70th Anniversary of the Victory")
    assert victory.off == (dt.date(2015, 9, 3), dt.date(2015, 9, 4), dt.date(2015, 9, 5))
    assert victory.makeup == (dt.date(2015, 9, 6),)
    assert arr.changes[0].document_number == "国发明电〔2015〕1号"


def test_a_changed_holiday_replaces_the_original() -> None:
    arr = _year(2019, "half-width")
    labour = next(h for h in arr.holidays if h.name_zh == "劳动节")
    assert labour.off == tuple(dt.date(2019, 5, d) for d in (1, 2, 3, 4))
    assert labour.makeup == (dt.date(2019, 4, 28), dt.date(2019, 5, 5))
    assert arr.changes[0].document_number == "国办发明电〔2019〕3号"


def test_a_change_notice_without_base_says_what_to_pass() -> None:
    with pytest.raises(sc.NoticeParseError, match=r"延长2020年春节假期.*pass that year as base="):
        sc.arrangement_from_notice(_text("2020-extension"))
    untitled = "2019年5月1日至4日放假调休,共4天。4月28日(星期日)、5月5日(星期日)上班。"
    with pytest.raises(sc.NoticeParseError, match="base="):
        sc.arrangement_from_notice(untitled)


def test_a_years_notice_takes_no_base() -> None:
    base = _year(2020, "half-width")
    with pytest.raises(sc.NoticeParseError, match=r"arranges a whole year.*leave out base="):
        sc.arrangement_from_notice(_text("2020"), base=base)


def test_a_change_for_another_year_is_refused() -> None:
    with pytest.raises(sc.NoticeParseError, match="changes 2020, but base is the 2021 arrangement"):
        sc.arrangement_from_notice(_text("2020-extension"), base=_year(2021, "half-width"))


# -- the year -----------------------------------------------------------------------------------------


def test_a_text_without_title_needs_its_year() -> None:
    with pytest.raises(sc.NoticeParseError, match=r"pass year="):
        sc.arrangement_from_notice(_text("2008"))
    with pytest.raises(sc.NoticeParseError, match="the title names 2026, but year=2027"):
        sc.arrangement_from_notice(_text("2026"), year=2027)


def test_the_year_from_the_preamble() -> None:
    text = "\n".join(ln for ln in _text("2010").splitlines() if not ln.startswith("国务院办公厅关于"))
    assert sc.arrangement_from_notice(text).year == 2010  # "现将2010年元旦、春节…"


# -- garbled copies are refused with the line quoted -------------------------------------------------------


def _garbled(stem: str, old: str, new: str) -> str:
    text = _text(stem)
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("stem", "old", "new", "message"),
    [
        # a month dropped: "10月1日至8日" → "0月1日至8日"
        ("2023", "9月29日至10月6日", "9月29日至0月6日", r"0月6日 is not a date"),
        ("2020", "六、国庆节、中秋节:10月1日至8日", "六、国庆节、中秋节:0月1日至8日", r"0月1日 is not a date"),
        # a weekday that does not match its date
        ("2026", "2月14日(周六)", "2月14日(周五)", r"2026-02-14, a Saturday \(星期六\), not 周五"),
        ("2009", "1月26日(星期一、农历正月初一)", "1月26日(星期二、农历正月初一)", r"2009-01-26, a Monday"),
        # 共N天 that disagrees with its span
        (
            "2024",
            "2月10日至17日放假调休,共8天",
            "2月10日至17日放假调休,共7天",
            r"共7天, but 2024-02-10..2024-02-17 is 8 days",
        ),
        ("2005", "5月1日~7日放假,共7天", "5月1日~7日放假,共6天", "共6天"),
        # a makeup day on a weekday
        (
            "2022",
            "10月8日(星期六)、10月9日(星期日)上班",
            "10月10日、10月9日(星期日)上班",
            "makeup workdays are weekend",
        ),
        # a statutory weekday holiday that is not a day off
        (
            "2025",
            "四、劳动节:5月1日(周四)至5日(周一)放假调休,共5天",
            "四、劳动节:5月3日(周六)至5日(周一)放假调休,共3天",
            r"2025-05-01 \(劳动节",
        ),
        # an old-format "为法定假日" on a day the law does not make a holiday
        (
            "2005",
            "其中,9日、10日、11日为法定假日",
            "其中,9日、10日、12日为法定假日",
            "2005-02-12 is called a statutory",
        ),
        # a moved rest day that is not a weekend day
        ("2008", "5月4日(星期日)公休日调至5月2日(星期五)", "5月5日公休日调至5月2日(星期五)", "2008-05-05 is a Monday"),
        # the day count of a span in words disagrees
        ("2025", "1月1日(周三)放假1天", "1月1日(周三)放假2天", "says 2 day"),
        # a statement that is not one
        ("2026", "1月4日(周日)上班", "1月4日(周日)正常上课", "cannot read"),
        # an item missing from the numbering
        ("2021", "三、清明节:4月3日至5日放假调休,共3天。\n", "", "item 四 follows item 二"),
        # a makeup workday's date written so that no date was read: the day was dropped, silently
        ("2025", "4月27日(周日)上班", "4月27一(周日)上班", "cannot read a date in"),
        ("2025", "4月27日(周日)上班", "4/27(周日)上班", "cannot read a date in"),
        ("2025", "4月27日(周日)上班", "4月27号(周日)上班", "cannot read a date in"),
        ("2025", "4月27日(周日)上班", "4月二十七日(周日)上班", "cannot read a date in"),
        ("2023", "6月25日(星期日)上班", "6月25六(星期日)上班", "cannot read a date in"),
        # a holiday that is none, or one arranged twice
        ("2025", "五、端午节", "五、火星节", "'火星节' is not a holiday a year's notice arranges"),
        ("2025", "五、端午节", "五、中秋节", "中秋节 is arranged by two items"),
    ],
)
def test_garbled_copies_are_refused_quoting_the_line(stem: str, old: str, new: str, message: str) -> None:
    text = _garbled(stem, old, new)
    with pytest.raises(sc.NoticeParseError, match=message) as info:
        sc.arrangement_from_notice(text, year=int(stem) if int(stem) in UNTITLED else None)
    err = info.value
    if err.lineno:  # the problem is on one line: the message quotes it, and says where it is
        assert err.line == text.splitlines()[err.lineno - 1].strip()
        assert f"line {err.lineno} “{err.line[:40]}" in str(err)
    assert isinstance(err, sc.CalendarDataError)


@pytest.mark.parametrize(
    ("stem", "old", "new"),
    [
        ("2025", "4月27日(周日)上班。", "4月27日(周日)上班,共调休1天。"),
        ("2025", "放假调休,共8天。", "放假调休,共8天。调休期间按规定在3月底前安排1名值班人员补休。"),
        ("2020-extension", "《中华人民共和国劳动法》规定", "《中华人民共和国劳动法》第44条规定"),
    ],
)
def test_prose_with_numbers_beside_an_arrangement_word_is_still_prose(stem: str, old: str, new: str) -> None:
    # the check for a date written another way ("4月27号上班") refused these, which the reader skips as before
    base = sc.arrangement_from_notice(_text("2020")) if stem == "2020-extension" else None
    want = sc.arrangement_from_notice(_text(stem), base=base)
    assert sc.arrangement_from_notice(_garbled(stem, old, new), base=base) == want


@pytest.mark.parametrize(
    ("stem", "old", "new"),
    [
        (
            "2025",
            "四、劳动节:5月1日(周四)至5日(周一)放假调休,共5天。4月27日(周日)上班。",
            "四、劳动节:5月1日(周四)至5日(周一)放假调休,共5天。",
        ),
        ("2024", "9月14日(星期六)上班", "9月18日(星期三)放假"),  # 4 days off beside 共3天
    ],
)
def test_a_year_whose_days_do_not_balance_warns(stem: str, old: str, new: str) -> None:
    # a makeup sentence deleted, or a day off added: read, but the weekdays off outnumber the statutory days and
    # the makeup workdays that every notice 2005-2026 balances them with
    with pytest.warns(sc.SlaclockWarning, match=rf"the {stem} notice gives \d+ weekdays off, but its"):
        got = sc.arrangement_from_notice(_garbled(stem, old, new))
    assert got.year == int(stem)


def test_every_notice_balances_its_weekdays_off() -> None:
    for year in YEARS:  # a warning is an error here (pyproject's filterwarnings)
        sc.arrangement_from_notice(_text(str(year)), year=year if year in UNTITLED else None)


def test_the_line_quoted_is_the_one_given_full_width_too() -> None:
    text = _full_width(_garbled("2026", "2月14日(周六)", "2月14日(周五)"))
    with pytest.raises(sc.NoticeParseError) as info:
        sc.arrangement_from_notice(text)
    assert info.value.line.startswith("二、春节：2月15日（农历腊月二十八、周日）")
    assert "“二、春节：2月15日（农历腊月二十八、周日）" in str(info.value)


def test_long_lines_are_quoted_shortened() -> None:
    text = _garbled("2009", "1月24日(星期六)、2月1日(星期日)两个公休日", "1月24日(星期五)、2月1日(星期日)两个公休日")
    with pytest.raises(sc.NoticeParseError, match=r"2009-01-24, a Saturday") as info:
        sc.arrangement_from_notice(text)
    quoted = str(info.value).split("“", 1)[1].split("”", 1)[0]
    assert len(quoted) == 80
    assert quoted.endswith("…")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the text is empty"),
        ("  \n\u3000\n", "the text is empty"),
        ("今天天气很好。明天也许下雨。", "no holiday notice found"),
        ("国务院关于印发《全国年节及纪念日放假办法》的通知", "is not a holiday notice"),
        (
            "国务院办公厅关于2027年部分节假日安排的通知\n经国务院批准,现将安排通知如下。",
            "no item of the text gives a day off",
        ),
    ],
)
def test_text_that_is_no_notice(text: str, message: str) -> None:
    with pytest.raises(sc.NoticeParseError, match=message):
        sc.arrangement_from_notice(text)


def test_two_notices_pasted_together_are_refused() -> None:
    with pytest.raises(sc.NoticeParseError, match="numbering starts again at 一: paste one notice at a time"):
        sc.arrangement_from_notice(_text("2025") + _text("2026"))


def test_wrong_argument_types() -> None:
    with pytest.raises(sc.InvalidInputError):
        sc.arrangement_from_notice(b"notice")  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidInputError):
        sc.arrangement_from_notice(_text("2020-extension"), base="2020")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "一" * 300_000,  # over the limit
        "一、元旦:" + "1日至" * 30_000 + "放假",  # long, on one line: no regular expression may backtrack over it
        "一、元旦:1月" + "1日、" * 40_000 + "上班",
        "一、元旦:" + "(" * 60_000 + "1月1日放假",
        "国务院办公厅关于" * 20_000,
        "\n".join(f"{k}、元旦:1月1日放假" for k in ["一"] * 12_000),
    ],
    ids=["too-long", "spans", "dates", "brackets", "titles", "items"],
)
def test_huge_or_hostile_input_fails_fast(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(sc.NoticeParseError):
        sc.arrangement_from_notice(text, year=2027)
    assert time.perf_counter() - start < 2.0


def test_the_error_pickles_with_its_line() -> None:
    with pytest.raises(sc.NoticeParseError) as info:
        sc.arrangement_from_notice(_garbled("2026", "2月14日(周六)", "2月14日(周五)"))
    copy = pickle.loads(pickle.dumps(info.value))
    assert (str(copy), copy.line, copy.lineno) == (str(info.value), info.value.line, info.value.lineno)


# -- the law of each year -----------------------------------------------------------------------------------


@pytest.mark.parametrize("year", range(2000, 2100))
def test_the_statutory_days_follow_the_law_in_force(year: int) -> None:
    # 《全国年节及纪念日放假办法》: 10 days until 2007; 11 in 2008-2024 (除夕 not 初三 in 2008-2013); 13 from 2025
    days = law_days(year)
    counted = sum(len(name.split("、")) for name in days.values())
    assert counted == (10 if year <= 2007 else 11 if year <= 2024 else 13)
    spring = sorted(d for d, name in days.items() if "春节" in name)
    assert len(spring) == (4 if year >= 2025 else 3)
    assert (spring[-1] - spring[0]).days == len(spring) - 1  # consecutive (除夕 or 初三: law_days checks which)
    assert ("清明节" in "".join(days.values())) == (year >= 2008)


def test_one_off_days_are_not_the_law() -> None:
    assert dt.date(2015, 9, 3) not in law_days(2015)
    assert dt.date(2020, 1, 31) not in law_days(2020)


# -- the fictional 2027 notice, end to end ------------------------------------------------------------------


def test_fictional_notice_to_file_to_calendar(tmp_path: Path) -> None:
    text = FICTIONAL_NOTICE.read_text(encoding="utf-8")
    assert "FICTIONAL" in text.splitlines()[0]
    arr = sc.arrangement_from_notice(text)
    assert arr.year == 2027
    assert arr.published == dt.date(2026, 11, 1)
    assert arr.holidays == sc.load_arrangements(FICTIONAL_TOML)[0].holidays
    path = tmp_path / "cn-2027.toml"
    path.write_text(arr.to_toml(), encoding="utf-8")
    cal = sc.calendar("CN", arrangements=path)
    assert cal.official_until == dt.date(2027, 12, 31)
    same = sc.calendar("CN", arrangements=FICTIONAL_TOML)
    day = dt.date(2027, 1, 1)
    while day.year == 2027:
        assert cal.day_kind(day) is same.day_kind(day), day
        day += dt.timedelta(days=1)
    assert cal.is_workday(dt.date(2027, 2, 20))  # the (fictional) makeup Saturday
    assert cal.add_workdays(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 4)
    assert "loaded 2027: 国务院办公厅关于2027年部分节假日安排的通知 (published 2026-11-01)" in cal.describe()


def test_fictional_notice_as_a_year_arrangement_object() -> None:
    arr = sc.arrangement_from_notice(FICTIONAL_NOTICE.read_text(encoding="utf-8"))
    assert sc.calendar("CN", arrangements=arr).official_until == dt.date(2027, 12, 31)
