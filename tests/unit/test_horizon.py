"""The official horizon: errors past it, provisional answers, loading a published year."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest

import slaclock as sc
import slaclock._calendar as calmod

FIXTURE = Path(__file__).parent.parent / "fixtures" / "FICTIONAL-cn-2027.toml"
JAN_4 = dt.date(2027, 1, 4)


def test_default_cn_raises_past_the_horizon_naming_date_horizon_and_remedy() -> None:
    cal = sc.calendar("CN")
    with pytest.raises(sc.CalendarHorizonError) as info:
        cal.is_workday(JAN_4)
    message = str(info.value)
    assert "2027-01-04" in message
    assert "2026-12-31" in message
    assert "horizon='projected'" in message
    assert "arrangements=" in message
    assert isinstance(info.value, LookupError)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.add_workdays(dt.date(2026, 12, 30), 5),  # starts inside, needs 2027
        lambda c: c.add_workdays(dt.date(2004, 1, 5), -5),  # needs 2003
        lambda c: c.next_workday("2026-12-31"),
        lambda c: c.workdays_between("2026-12-01", "2027-01-05"),
        lambda c: c.roll("2026-12-31", "forward") and c.roll("2027-01-02", "backward"),
        lambda c: c.nth_workday_of_month(2027, 1, 1),
        lambda c: c.day_kind("2003-12-31"),
    ],
)
def test_every_query_that_needs_an_uncovered_day_raises(call: object) -> None:
    with pytest.raises(sc.CalendarHorizonError):
        call(sc.calendar("CN"))  # type: ignore[operator]


def test_half_open_count_may_end_the_day_after_the_horizon() -> None:
    cal = sc.calendar("CN")
    assert cal.workdays_between("2026-12-01", "2027-01-01") == 23


def test_array_horizon_error_gives_count_and_first_index() -> None:
    days = np.array(["2026-12-01", "2027-01-04", "2026-05-01", "2028-01-01"], dtype="datetime64[D]")
    with pytest.raises(sc.CalendarHorizonError, match=r"2 of 4 values .* first at index 1: .*2027-01-04"):
        sc.calendar("CN").is_workday(days)


def test_projected_answers_warns_and_marks() -> None:
    cal = sc.calendar("CN", horizon="projected")
    with pytest.warns(sc.ProvisionalWarning, match="2027-01-04"):
        assert cal.is_workday(JAN_4) is True
    assert cal.is_provisional(JAN_4) is True
    with pytest.warns(sc.ProvisionalWarning):
        result = cal.add_workdays(dt.date(2026, 12, 30), 5)
    assert cal.is_provisional(result)
    # Statutory holidays alone: Spring Festival 2027 (02-05..02-08 by rule) rests, no makeup workday exists.
    with pytest.warns(sc.ProvisionalWarning):
        info = cal.day_info("2027-02-08")
    assert info.kind is sc.DayKind.HOLIDAY
    assert info.provisional is True
    # Official days answer exactly as the official calendar, silently.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cal.add_workdays(dt.date(2026, 9, 30), 5) == dt.date(2026, 10, 13)
        assert not cal.is_provisional(dt.date(2026, 10, 13))


def test_projected_still_ends_somewhere() -> None:
    cal = sc.calendar("CN", horizon="projected")
    with pytest.raises(sc.CalendarHorizonError, match="even projected"):
        cal.is_workday(dt.date(2100, 1, 1))


def test_loading_a_published_year_makes_it_official() -> None:
    cal = sc.calendar("CN", arrangements=FIXTURE)
    assert cal.official_until == dt.date(2027, 12, 31)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cal.is_workday(JAN_4) is True
        assert cal.is_provisional(JAN_4) is False
        assert cal.day_kind("2027-02-20") is sc.DayKind.MAKEUP_WORKDAY  # a (fictional) makeup Saturday
        assert cal.day_kind("2027-02-08") is sc.DayKind.HOLIDAY  # statutory by rule
        assert cal.day_kind("2027-02-09") is sc.DayKind.TRANSFERRED_REST
        assert cal.holiday_name("2027-02-09") == "春节"
        assert cal.add_workdays(dt.date(2027, 2, 4), 1) == dt.date(2027, 2, 15)
    assert "FICTIONAL" in cal.describe()


def test_json_and_toml_load_the_same(tmp_path: Path) -> None:
    import tomllib

    raw = tomllib.loads(FIXTURE.read_text(encoding="utf-8"))
    raw["year"][0]["published"] = raw["year"][0]["published"].isoformat()
    path = tmp_path / "cn-2027.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert sc.load_arrangements(path) == sc.load_arrangements(FIXTURE)
    assert sc.calendar("CN", arrangements=path) == sc.calendar("CN", arrangements=FIXTURE)


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "variant.toml"
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'makeup = ["2027-01-31", "2027-02-20"]',
            'makeup = ["2027-02-17"]',
            r"2027-02-17 \(Wednesday\) is not a weekend day",
        ),
        ('makeup = ["2027-01-31", "2027-02-20"]', 'makeup = ["2027-02-06"]', "both a day off and a makeup workday"),
        ('off = ["2027-06-09"]', 'off = ["2027-06-10"]', r"incomplete: .*2027-06-09 \(Dragon Boat Festival\)"),
        ('off = ["2027-06-09"]', 'off = ["2028-06-09"]', "outside 2027"),
        ("year = 2027", "year = 2028", "expected 2027 next, got 2028"),
        ("year = 2027", "year = 2026", "already covered"),
        ('region = "CN"', 'region = "HK"', "is for region 'HK'"),
        ("published = 2026-11-01", "published = 2026-13-01", "not valid TOML"),
        ('notice = "FICTIONAL test notice for 2027 (not official)"', 'notice = ""', "`notice` must name"),
        ('off = ["2027-01-01..2027-01-03"]', 'off = ["2027-01-03..2027-01-01"]', "ends before it starts"),
    ],
)
def test_bad_arrangement_files_say_what_is_wrong(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(sc.CalendarDataError, match=message):
        sc.calendar("CN", arrangements=_variant(tmp_path, old, new))


def test_unreadable_and_unknown_files(tmp_path: Path) -> None:
    with pytest.raises(sc.CalendarDataError, match="cannot read"):
        sc.load_arrangements(tmp_path / "missing.toml")
    other = tmp_path / "cn.yaml"
    shutil.copy(FIXTURE, other)
    with pytest.raises(sc.CalendarDataError, match=r"\.toml or \.json"):
        sc.load_arrangements(other)


def test_newer_holidays_is_reported_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    import holidays

    calmod.clear_caches()
    monkeypatch.setattr(holidays, "__version__", "0.200")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            cal = sc.calendar("CN")  # the official days come from the snapshot: nothing to report
        with pytest.raises(sc.CalendarHorizonError):
            cal.is_workday(JAN_4)
        with pytest.warns(sc.DataVersionWarning, match=r"holidays 0\.200 is installed, newer than .*projected years"):
            projected = sc.calendar("CN", horizon="projected")
        assert projected.is_provisional(JAN_4)
    finally:
        calmod.clear_caches()
