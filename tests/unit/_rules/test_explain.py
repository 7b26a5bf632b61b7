"""Explanations: the script and law rules (region → script, convention → cited law), and the language check."""

from __future__ import annotations

import re

import pytest

import slaclock as sc
from slaclock._rules.explain import check_lang, chinese, cites_civil_code
from slaclock.errors import InvalidInputError


@pytest.mark.parametrize(
    ("region", "law", "cites"),
    [
        ("CN", "region", True),
        ("my-firm", "region", True),  # a custom calendar: the library's default law
        ("HK", "region", False),
        ("MO", "region", False),
        ("TW", "region", False),
        ("HK", "prc_civil_code", True),
        ("CN", "prc_civil_code", True),
    ],
)
def test_which_law_is_cited(region: str, law: str, cites: bool) -> None:
    assert cites_civil_code(region, law) is cites


def test_chinese_converts_only_the_library_words() -> None:
    assert chinese("满24小时于2025-10-02 15:00，截止该时刻", "TW") == "滿24小時於2025-10-02 15:00，截止該時刻"
    assert chinese("2周（14日）的最后一日为2025-02-14", "HK") == "2週（14日）的最後一日為2025-02-14"
    assert chinese("中國人民抗日戰爭勝利70周年紀念日", "MO") == "中國人民抗日戰爭勝利70周年紀念日"
    assert chinese("天后誕", "HK") == "天后誕"
    assert chinese("顺延至其后第一个工作日", "CN") == "顺延至其后第一个工作日"
    once = chinese("通知最迟应于2025-10-17 24:00前送达", "HK")
    assert chinese(once, "HK") == once == "通知最遲應於2025-10-17 24:00前送達"


def test_a_custom_calendar_keeps_the_civil_code_in_simplified() -> None:
    cal = sc.custom_calendar(first="2025-01-01", last="2025-12-31", tz="Asia/Shanghai", name="my-firm")
    d = sc.deadline("2025-09-24", "7日", calendar=cal)
    assert d.explain().startswith("起算日2025-09-24不计入（《民法典》第201条）")


def test_hours_on_an_hk_calendar_name_no_article() -> None:
    cal = sc.calendar("HK").with_hours("09:00-18:00")
    d = sc.deadline("2025-09-30T15:00", "4工作小时", calendar=cal)
    assert d.steps() == [
        "期間按合約約定的規則計算",
        "自2025-09-30 15:00起算",
        "計入的工作時間：2025-09-30 15:00–18:00（3小時）、2025-10-02 09:00–10:00（1小時）",
        "滿4個工作小時於2025-10-02 10:00，截止該時刻",
    ]
    assert d.steps("en")[:2] == ["the counting follows the contract's convention", "counted from 2025-09-30 15:00"]


def test_check_lang() -> None:
    check_lang("zh")
    check_lang("en")
    with pytest.raises(InvalidInputError, match=r"unknown language 'fr'; valid: 'zh', 'en'"):
        check_lang("fr")
    with pytest.raises(InvalidInputError) as info:
        check_lang(["zh"] * 100_000)
    assert len(str(info.value)) < 200


def test_dates_in_the_year_1_are_written_with_four_digits() -> None:
    """glibc's strftime writes the year 1 as ``1``: explanations read "1-01-01 10:00" beside "0001-01-06"."""
    cal = sc.custom_calendar("1111100", [], first="0001-01-01", last="0001-12-31", tz="Asia/Shanghai")
    hours = sc.deadline("0001-01-01T10:00", "5小时", calendar=cal)
    assert "0001-01-01 10:00" in hours.explain()
    assert "0001-01-01 15:00" in hours.explain("en")
    work = sc.deadline("0001-01-01T10:00", "10个工作小时", calendar=cal.with_hours("09:00-18:00"))
    assert "0001-01-02 09:00–11:00" in work.explain("en")
    assert not re.search(r"(?<![\d-])1-01-0", hours.explain() + hours.explain("en") + work.explain("en"))
