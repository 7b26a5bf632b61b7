"""Arrangement files: as strict as contract files, written by ``to_toml`` and read back equal, loaded from folders."""

from __future__ import annotations

import datetime as dt
import json
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._days.arrangement import ChangeNotice, parse_arrangements
from slaclock._days.sources import statutory_days
from tests.helpers.paths import FIXTURES

FICTIONAL_TOML = FIXTURES / "FICTIONAL-cn-2027.toml"
NOTICES = FIXTURES / "notices"
FICTIONAL = FICTIONAL_TOML.read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str, name: str = "cn-2027.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _variant(tmp_path: Path, old: str, new: str, name: str = "variant.toml") -> Path:
    assert old in FICTIONAL
    return _write(tmp_path, FICTIONAL.replace(old, new, 1), name)


def _statutory_year(region: str, year: int, holiday_list: str) -> sc.YearArrangement:
    """A complete arrangement with the statutory days alone (no in-lieu day, no makeup day)."""
    days = statutory_days(region, year, holiday_list)
    blocks = tuple(sc.HolidayBlock(name, name, (d,)) for d, name in sorted(days.items()))
    return sc.YearArrangement(region, year, f"test arrangement {region} {year} (not official)", None, blocks)


# -- unknown and duplicate keys -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('region = "CN"', 'regoin = "CN"', r"unknown key 'regoin'; did you mean 'region'\?"),
        ("published = 2026-11-01", "publshed = 2026-11-01", r"year\[0\] \(2027\): unknown key 'publshed'"),
        (
            'makeup = ["2027-01-31", "2027-02-20"]',
            'makup = ["2027-01-31", "2027-02-20"]',
            r"holiday\[1\]: unknown key 'makup'; did you mean 'makeup'",
        ),
        (
            '[[year.holiday]]\nname_zh = "元旦"',
            '[[year.change]]\nnotice = "x"\nurll = "y"\n\n[[year.holiday]]\nname_zh = "元旦"',
            r"change\[0\]: unknown key 'urll'; did you mean 'url'",
        ),
    ],
)
def test_unknown_keys_are_refused_at_every_level(tmp_path: Path, old: str, new: str, where: str) -> None:
    # today's typo `makup = [...]` silently dropped a makeup day
    with pytest.raises(sc.CalendarDataError, match=where):
        sc.load_arrangements(_variant(tmp_path, old, new))


def test_duplicate_keys_are_refused_in_toml_and_json(tmp_path: Path) -> None:
    with pytest.raises(sc.CalendarDataError, match="not valid TOML"):
        sc.load_arrangements(_variant(tmp_path, 'name_en = "Spring Festival"', 'name_en = "x"\nname_en = "y"'))
    raw = tomllib.loads(FICTIONAL)
    raw["year"][0]["published"] = "2026-11-01"
    text = json.dumps(raw, ensure_ascii=False).replace(
        '"makeup": ["2027-01-31", "2027-02-20"]', '"makeup": [], "makeup": ["2027-02-20"]'
    )
    with pytest.raises(sc.CalendarDataError, match=r"the key 'makeup' appears twice"):
        sc.load_arrangements(_write(tmp_path, text, "cn-2027.json"))


# -- region rules ------------------------------------------------------------------------------------------------


def test_cn_style_makeup_days_in_an_hk_file_are_refused(tmp_path: Path) -> None:
    hk = _statutory_year("HK", 2027, "general")
    first = hk.holidays[0]
    with_makeup = sc.YearArrangement(
        "HK",
        2027,
        hk.notice,
        None,
        (sc.HolidayBlock(first.name_zh, first.name_en, first.off, (dt.date(2027, 1, 9),)), *hk.holidays[1:]),
    )
    path = _write(tmp_path, with_makeup.to_toml(), "hk-2027.toml")
    assert sc.load_arrangements(path) == (with_makeup,)  # a well-formed file …
    with pytest.raises(sc.CalendarDataError, match="Hong Kong has no makeup workdays"):
        sc.calendar("HK", arrangements=path)  # … that does not fit Hong Kong
    clean = _write(tmp_path, hk.to_toml(), "hk-clean.toml")
    assert sc.calendar("HK", arrangements=clean).official_until == dt.date(2027, 12, 31)


@pytest.mark.parametrize(("region", "holiday_list", "name"), [("MO", "public", "Macau"), ("TW", "public", "Taiwan")])
def test_no_makeup_days_where_the_region_has_none(region: str, holiday_list: str, name: str) -> None:
    arr = _statutory_year(region, 2027, holiday_list)
    block = arr.holidays[0]
    bad = sc.YearArrangement(
        region,
        2027,
        arr.notice,
        None,
        (sc.HolidayBlock(block.name_zh, block.name_en, block.off, (dt.date(2027, 1, 9),)), *arr.holidays[1:]),
    )
    with pytest.raises(sc.CalendarDataError, match=name):
        sc.calendar(region, holiday_list=holiday_list, arrangements=[bad])
    assert sc.calendar(region, holiday_list=holiday_list, arrangements=[arr]).official_until.year == 2027


def test_statutory_completeness_outside_the_mainland_too() -> None:
    arr = _statutory_year("HK", 2027, "general")
    weekday_block = next(i for i, h in enumerate(arr.holidays) if h.off[0].weekday() < 5)
    missing = sc.YearArrangement(
        "HK", 2027, arr.notice, None, arr.holidays[:weekday_block] + arr.holidays[weekday_block + 1 :]
    )
    with pytest.raises(sc.CalendarDataError, match="incomplete"):
        sc.calendar("HK", arrangements=[missing])


def test_a_region_outside_the_built_in_ones_is_refused(tmp_path: Path) -> None:
    with pytest.raises(sc.CalendarDataError, match="region 'XX' is not one of CN, HK, MO, TW"):
        sc.load_arrangements(_variant(tmp_path, 'region = "CN"', 'region = "XX"'))
    assert sc.load_arrangements(_variant(tmp_path, 'region = "CN"', 'region = "cn"'))[0].region == "CN"


# -- bounded before anything is expanded ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("off", "message"),
    [
        ('["0001-01-01..9999-12-31"]', "reaches far outside 2027"),  # the 151-byte file that made 3.6M dates
        (", ".join(['"0001-01-01..9999-12-31"'] * 50).join("[]"), "reaches far outside 2027"),
        (", ".join(['"2026-01-01..2028-12-31"'] * 50).join("[]"), "more than 373 days"),
        (", ".join(['"2027-01-01..2027-12-31"'] * 2000).join("[]"), "more than 373 days"),
    ],
    ids=["one-range", "fifty-ranges", "fifty-wide-ranges", "many-year-ranges"],
)
def test_range_bombs_fail_fast_with_a_clear_error(tmp_path: Path, off: str, message: str) -> None:
    path = _write(
        tmp_path,
        'region = "CN"\n[[year]]\nyear = 2027\nnotice = "x"\n'
        f'[[year.holiday]]\nname_zh = "a"\nname_en = "a"\noff = {off}\n',
    )
    start = time.perf_counter()
    with pytest.raises(sc.CalendarDataError, match=message) as info:
        sc.calendar("CN", arrangements=path)
    assert time.perf_counter() - start < 1.0
    assert len(str(info.value)) < 400  # no huge value printed


def test_dates_outside_the_year_are_refused_with_the_window() -> None:
    with pytest.raises(sc.CalendarDataError, match=r"2026-12-20, outside 2027 .*from 2026-12-25"):
        sc.calendar("CN", arrangements=[_with_days(off=[dt.date(2026, 12, 20)])])


def test_huge_values_are_never_printed(tmp_path: Path) -> None:
    path = _variant(tmp_path, 'off = ["2027-06-09"]', f'off = "{"x" * 100_000}"')
    with pytest.raises(sc.CalendarDataError, match="must be a list") as info:
        sc.load_arrangements(path)
    assert len(str(info.value)) < 400
    with pytest.raises(sc.CalendarDataError) as info:
        sc.load_arrangements(_variant(tmp_path, 'region = "CN"', f'region = "{"X" * 100_000}"'))
    assert len(str(info.value)) < 400


# -- files that cannot be read ---------------------------------------------------------------------------------


def test_non_utf8_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "cn-2027.toml"
    path.write_bytes(FICTIONAL.encode("gbk", errors="replace"))  # a Windows editor's default on a Chinese system
    with pytest.raises(
        sc.CalendarDataError, match=r"is not UTF-8 text \(byte 0x[0-9a-f]{2} at offset \d+\); save it as UTF-8"
    ):
        sc.load_arrangements(path)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "cn-2027.toml"
    path.write_bytes(b"\xef\xbb\xbf" + FICTIONAL.encode("utf-8"))
    assert sc.load_arrangements(path) == sc.load_arrangements(FICTIONAL_TOML)


def test_unreadable_and_oversized_files(tmp_path: Path) -> None:
    link = tmp_path / "gone.toml"
    link.symlink_to(tmp_path / "nowhere.toml")
    with pytest.raises(sc.CalendarDataError, match="cannot read arrangement file"):
        sc.load_arrangements(link)
    big = _write(tmp_path, FICTIONAL + "#" * (1 << 20), "big.toml")
    with pytest.raises(sc.CalendarDataError, match="limit is 1,048,576 bytes"):
        sc.load_arrangements(big)


def test_published_is_optional_and_may_not_be_a_datetime(tmp_path: Path) -> None:
    arr = sc.load_arrangements(_variant(tmp_path, "published = 2026-11-01\n", ""))[0]
    assert arr.published is None
    assert "published date not given" in sc.calendar("CN", arrangements=[arr]).describe()
    with pytest.raises(sc.CalendarDataError, match="expected a date, got the date-time"):
        sc.load_arrangements(_variant(tmp_path, "published = 2026-11-01", "published = 2026-11-01T09:00:00"))


# -- folders and repeated years ---------------------------------------------------------------------------------


def test_a_folder_of_files(tmp_path: Path) -> None:
    folder = tmp_path / "calendars"
    folder.mkdir()
    (folder / "cn-2027.toml").write_text(FICTIONAL, encoding="utf-8")
    arr2028 = _statutory_year("CN", 2028, "statutory")
    raw = tomllib.loads(arr2028.to_toml())
    (folder / "cn-2028.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    (folder / "README.md").write_text("not an arrangement", encoding="utf-8")
    (folder / ".cn-2029.toml").write_text("half-written = [", encoding="utf-8")  # an editor's scratch file
    assert [a.year for a in sc.load_arrangements(folder)] == [2027, 2028]
    cal = sc.calendar("CN", arrangements=folder)
    assert cal.official_until == dt.date(2028, 12, 31)
    assert cal == sc.calendar("CN", arrangements=[FICTIONAL_TOML, arr2028])


def test_an_empty_folder_adds_nothing(tmp_path: Path) -> None:
    assert sc.load_arrangements(tmp_path) == ()
    assert sc.calendar("CN", arrangements=tmp_path) == sc.calendar("CN")


def test_the_same_year_twice_is_refused_naming_both(tmp_path: Path) -> None:
    folder = tmp_path / "calendars"
    folder.mkdir()
    (folder / "a.toml").write_text(FICTIONAL, encoding="utf-8")
    (folder / "b.toml").write_text(FICTIONAL, encoding="utf-8")
    with pytest.raises(sc.CalendarDataError, match=r"CN 2027 is arranged twice: in .*a\.toml and in .*b\.toml"):
        sc.load_arrangements(folder)
    with pytest.raises(sc.CalendarDataError, match="arranged twice"):
        sc.calendar("CN", arrangements=[FICTIONAL_TOML, sc.load_arrangements(FICTIONAL_TOML)[0]])
    twice = FICTIONAL + FICTIONAL[FICTIONAL.index("[[year]]") :]
    with pytest.raises(sc.CalendarDataError, match=r"year\[0\] and in .*year\[1\]"):
        sc.load_arrangements(_write(tmp_path, twice))


def test_a_single_arrangement_object(tmp_path: Path) -> None:
    arr = sc.load_arrangements(FICTIONAL_TOML)[0]
    assert sc.calendar("CN", arrangements=arr) == sc.calendar("CN", arrangements=FICTIONAL_TOML)
    with pytest.raises(sc.CalendarDataError, match="expected file or folder paths or YearArrangement objects"):
        sc.calendar("CN", arrangements=[42])  # type: ignore[list-item]


# -- the previous December ----------------------------------------------------------------------------------------


def _with_days(off: list[dt.date] = (), makeup: list[dt.date] = ()) -> sc.YearArrangement:  # type: ignore[assignment]
    """The fictional 2027 arrangement with a New Year block of extra days."""
    base = sc.load_arrangements(FICTIONAL_TOML)[0]
    first = base.holidays[0]
    block = sc.HolidayBlock(first.name_zh, first.name_en, (*off, *first.off), tuple(makeup))
    return sc.YearArrangement("CN", 2027, base.notice, base.published, (block, *base.holidays[1:]))


def test_days_of_the_previous_december_override_the_built_in_data(tmp_path: Path) -> None:
    # like 2008's notice (2007-12-29 worked, 12-30/31 off): a later notice is the authority for those days
    arr = _with_days(off=[dt.date(2026, 12, 31)], makeup=[dt.date(2026, 12, 26)])
    path = _write(tmp_path, arr.to_toml())
    assert sc.load_arrangements(path) == (arr,)
    cal = sc.calendar("CN", arrangements=path)
    builtin = sc.calendar("CN")
    assert builtin.is_workday(dt.date(2026, 12, 31))
    assert not builtin.is_workday(dt.date(2026, 12, 26))
    assert cal.day_kind(dt.date(2026, 12, 31)) is sc.DayKind.TRANSFERRED_REST
    assert cal.day_kind(dt.date(2026, 12, 26)) is sc.DayKind.MAKEUP_WORKDAY
    assert cal.holiday_name(dt.date(2026, 12, 31)) == "元旦"
    assert cal.add_workdays(dt.date(2026, 12, 30), 1) == dt.date(2027, 1, 4)


def test_previous_december_makeup_days_are_weekend_days_too() -> None:
    with pytest.raises(sc.CalendarDataError, match=r"2026-12-28 \(Monday\) is not a weekend day"):
        sc.calendar("CN", arrangements=[_with_days(makeup=[dt.date(2026, 12, 28)])])


# -- to_toml: written and read back equal -----------------------------------------------------------------------


def _notice_arrangements() -> list[sc.YearArrangement]:
    out = []
    for path in sorted(NOTICES.glob("*.txt")):
        if not path.stem.isdigit():
            continue
        text = "\n".join(
            ln
            for ln in path.read_text(encoding="utf-8").splitlines()
            if not ln.startswith(("source:", "published:", "[PARTIAL"))
        )
        year = int(path.stem)
        arr = sc.arrangement_from_notice(text, year=year)
        for change in sorted(NOTICES.glob(f"{year}-*.txt")):
            ctext = "\n".join(ln for ln in change.read_text(encoding="utf-8").splitlines()[3:])
            arr = sc.arrangement_from_notice(ctext, base=arr, url=f"file:{change.name}")
        out.append(arr)
    return out


@pytest.mark.parametrize("arr", _notice_arrangements(), ids=lambda a: str(a.year))
def test_every_notice_round_trips_through_toml(arr: sc.YearArrangement) -> None:
    assert parse_arrangements(tomllib.loads(arr.to_toml())) == (arr,)


def test_to_toml_records_the_notices() -> None:
    arr = next(a for a in _notice_arrangements() if a.year == 2020)
    text = arr.to_toml()
    assert 'notice = "国务院办公厅关于2020年部分节假日安排的通知"' in text
    assert "published = 2019-11-21" in text
    assert '[[year.change]]\nnotice = "国务院办公厅关于延长2020年春节假期的通知"\npublished = 2020-01-26' in text
    assert 'off = ["2020-01-24..2020-02-02"]' in text  # the extension, as one range
    assert 'makeup = ["2020-01-19"]' in text  # 02-01 is no longer worked


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30).filter(lambda s: s.strip() != "")


@st.composite
def _arrangements(draw: st.DrawFn) -> sc.YearArrangement:
    year = draw(st.integers(2000, 2099))
    days = st.dates(dt.date(year - 1, 12, 25), dt.date(year, 12, 31))
    blocks = draw(
        st.lists(
            st.builds(
                sc.HolidayBlock,
                _TEXT,
                _TEXT,
                st.lists(days, min_size=1, max_size=12).map(tuple),
                st.lists(days, max_size=4).map(tuple),
            ),
            min_size=1,
            max_size=4,
        )
    )
    optional = st.one_of(st.just(""), _TEXT)
    changes = st.lists(st.builds(ChangeNotice, _TEXT, st.none() | days, optional, optional), max_size=2)
    return sc.YearArrangement(
        draw(st.sampled_from(["CN", "HK", "MO", "TW"])),
        year,
        draw(_TEXT),
        draw(st.none() | days),
        tuple(blocks),
        draw(optional),
        draw(optional),
        tuple(draw(changes)),
    )


@settings(max_examples=200, deadline=None)
@given(_arrangements())
def test_to_toml_round_trips_any_arrangement(arr: sc.YearArrangement) -> None:
    # quotes, backslashes, control characters and any Unicode in the names survive; days keep their order
    assert parse_arrangements(tomllib.loads(arr.to_toml())) == (arr,)


# -- the values ---------------------------------------------------------------------------------------------------


def test_values_are_frozen_hashable_and_checked() -> None:
    arr = sc.load_arrangements(FICTIONAL_TOML)[0]
    assert hash(arr) == hash(sc.load_arrangements(FICTIONAL_TOML)[0])
    with pytest.raises(AttributeError):
        arr.year = 2028  # type: ignore[misc]
    with pytest.raises(sc.CalendarDataError, match="needs at least one day off"):
        sc.HolidayBlock("元旦", "New Year's Day", ())
    with pytest.raises(sc.CalendarDataError, match="is not a date"):
        sc.HolidayBlock("元旦", "New Year's Day", (dt.datetime(2027, 1, 1),))
    with pytest.raises(sc.CalendarDataError, match="must not be empty"):
        sc.HolidayBlock(" ", "New Year's Day", (dt.date(2027, 1, 1),))
    with pytest.raises(sc.CalendarDataError, match="lone surrogate"):
        sc.YearArrangement("CN", 2027, "bad \udc80", None, arr.holidays)
    with pytest.raises(sc.CalendarDataError, match="one or more HolidayBlock"):
        sc.YearArrangement("CN", 2027, "x", None, ())
    assert sc.HolidayBlock("a", "b", [dt.date(2027, 1, 2), dt.date(2027, 1, 1)]).off == (  # type: ignore[arg-type]
        dt.date(2027, 1, 1),
        dt.date(2027, 1, 2),
    )
