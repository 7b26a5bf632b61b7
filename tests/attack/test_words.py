"""Issue 15, "Wrong words": the words users read name the right law, script, unit and language."""

from __future__ import annotations

import datetime as dt

import pytest

import slaclock as sc
from slaclock.errors import InvalidInputError

# characters that exist in simplified writing only, among those the library's Chinese words use
SIMPLIFIED_ONLY = set("为个计时间无该应届满营结条国视顺约达须两暂规则对迟与节调额业预测态开进险违还据数仅变风状")


def _hk_case(region: str) -> sc.Case:
    contract = sc.Contract(
        "words",
        [
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
            sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved"),
        ],
        events=["received"],
        calendar=region,
    )
    return contract.open(received_at="2025-09-24T10:00")


@pytest.mark.parametrize("region", ["HK", "MO", "TW"])
def test_hk_mo_tw_explanations_name_no_prc_article_and_are_traditional(region: str) -> None:
    for d in (
        sc.deadline("2025-09-24", "7日内", calendar=region),
        sc.deadline("2025-01-31", "1个月", calendar=region),
        sc.deadline("2025-09-24T10:00", "48小时", calendar=region),
        sc.deadline("2025-09-24T10:00", "7日", calendar=region, convention=sc.Convention.business_hours("17:30")),
        sc.notice_deadline("2025-10-31", "提前30日", calendar=region),
        sc.fixed_window("2025-01-01", "2025-01-31", calendar=region),
    ):
        zh, en = d.explain(), d.explain("en")
        assert zh.startswith("期間按合約約定的規則計算；"), zh
        assert "民法典" not in zh, zh
        assert "第20" not in zh, zh
        assert not SIMPLIFIED_ONLY & set(zh), zh
        assert en.startswith("the counting follows the contract's convention; "), en
        assert "Civil Code" not in en, en
        assert "art." not in en, en
    status = _hk_case(region).status(now="2025-10-20T09:00", lang="zh")
    assert "民法典" not in status["solution"].explanation
    assert not SIMPLIFIED_ONLY & set(status.table("zh"))


@pytest.mark.parametrize("region", ["HK", "MO", "TW"])
def test_a_convention_saying_the_civil_code_governs_cites_it_in_the_region_script(region: str) -> None:
    conv = sc.Convention(governing_law="prc_civil_code")
    d = sc.deadline("2025-09-24", "7日内", calendar=region, convention=conv)
    assert d.explain().startswith("起算日2025-09-24不計入（《中華人民共和國民法典》第201條）")
    assert d.explain("en").startswith("the start day 2025-09-24 is not counted (PRC Civil Code art. 201)")


def test_cn_explanations_keep_citing_the_civil_code_in_simplified() -> None:
    d = sc.deadline("2025-09-24", "7日内", calendar="CN")
    assert d.explain() == (
        "起算日2025-09-24不计入（《民法典》第201条）；第7日为2025-10-01，为法定节假日（国庆节）；"
        "顺延至其后第一个工作日2025-10-09（第203条）；截止2025-10-09 24:00"
    )


def test_a_convention_table_without_a_name_is_not_labelled_civil_code() -> None:
    text = """
schema = 1
name = "x"
events = ["received"]
[convention]
roll_last_day = false
[[clauses]]
name = "a"
period = "5日"
starts_on = "received"
met_by = "done"
"""
    contract = sc.Contract.from_toml(text)
    assert contract.convention.name == "custom"
    assert not contract.convention.roll_last_day
    assert sc.Convention(cutoff="18:00").name == "custom"
    assert sc.Convention().name == "civil_code"  # every switch the Code's: it is the Civil Code


@pytest.mark.parametrize("lang", ["fr", "ZH", "", None, "x" * 100_000])
def test_an_unknown_language_is_refused_naming_it_and_the_valid_ones(lang: object) -> None:
    status = _hk_case("CN").status(now="2025-09-25T09:00")
    d = sc.deadline("2025-09-24", "7日内", calendar="CN")
    for call in (status["ack"].phrase, status.table, d.explain, d.steps):
        with pytest.raises(InvalidInputError) as info:
            call(lang)  # type: ignore[operator]
        message = str(info.value)
        assert "valid: 'zh', 'en'" in message
        assert len(message) < 300
        if lang == "fr":
            assert "'fr'" in message


def test_overdue_is_counted_in_the_clause_unit_in_both_languages() -> None:
    contract = sc.Contract(
        "units",
        [
            sc.Clause("workdays", "5个工作日", starts_on="received", met_by="done"),
            sc.Clause("days", "2日", starts_on="received", met_by="done"),
            sc.Clause("hours", "24小时", starts_on="received", met_by="done"),
            sc.Clause("working", "4工作小时", starts_on="received", met_by="done"),
        ],
        events=["received"],
        calendar=sc.calendar("CN").with_hours("09:00-18:00"),
    )
    case = contract.open(received_at="2026-09-28T10:00")
    # workdays 09-29, 09-30, 10-08, 10-09 and 10-10 (a makeup Saturday): due 10-11 00:00, a Sunday
    s = case.status(now="2026-10-14T10:00")  # 10-12 and 10-13 wholly past
    assert (s["workdays"].phrase(), s["workdays"].phrase("en")) == ("逾期2个工作日", "overdue by 2 workdays")
    assert (s["days"].phrase(), s["days"].phrase("en")) == ("逾期13日", "overdue by 13 days")
    assert s["hours"].phrase("en") == "overdue by 360 hours"  # due 09-29 10:00
    # 4 h of working time end 09-28 14:00; then 4 + 9 + 9 h to 09-30, 5 x 9 h 10-08..10-13 (10-10 worked), 1 h 10-14
    assert s["working"].phrase("en") == "overdue by 68 hours of working time"
    assert s["working"].phrase() == "逾期工作时间68小时"
    # a day and more late, but no workday has passed yet (10-11 is a Sunday): still in workdays
    monday = case.status(now="2026-10-12T08:00")["workdays"]
    assert (monday.phrase(), monday.phrase("en")) == ("逾期不足1个工作日", "overdue by less than 1 workday")
    assert case.status(now="2026-10-13T08:00")["workdays"].phrase("en") == "overdue by 1 workday"
    assert "overdue by 2 workdays" in s.table("en")


def test_status_words_default_to_chinese_as_explain_does() -> None:
    status = _hk_case("CN").status(now="2025-09-25T11:00")
    assert str(status) == status.table() == status.table("zh")
    assert status["ack"].phrase() == status["ack"].phrase("zh")


def test_case_status_explanations_default_to_chinese() -> None:
    case = _hk_case("CN")
    assert case.status(now="2025-09-25T11:00")["ack"].explanation.startswith("自2025-09-24 10:00起算")


def test_the_shipped_traditional_holiday_names_are_left_as_they_are() -> None:
    from slaclock._rules.explain import chinese

    names = set()
    for region in ("HK", "MO", "TW"):
        cal = sc.calendar(region)
        day = dt.date(2015, 1, 1)
        while day < dt.date(2027, 1, 1):
            name = cal.holiday_name(day, lang="zh")
            if name is not None and not SIMPLIFIED_ONLY & set(name):
                names.add((region, name))
            day += dt.timedelta(days=1)
    assert len(names) > 50
    assert [(r, n) for r, n in sorted(names) if chinese(n, r) != n] == []


def test_the_clock_lines_of_a_case_are_traditional_on_hk_mo_tw_calendars() -> None:
    """Pauses, resumptions and extensions are worded by the case, not the explainer: the same script rule holds."""
    simplified_only = set("节调额业历围预测为个计时间无钟该应届满营结条华国庆视顺约达须")
    simplified_only |= set("两暂规则对迟与态开进险违还内据数仅变风状复发长过临补经")
    for region in ("HK", "MO", "TW"):
        c = sc.Contract(
            "t",
            [sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", pausable=True)],
            events=["received", "solved"],
            calendar=region,
        )
        case = c.open(received_at="2026-09-24T10:00").pause("awaiting_customer", at="2026-09-29T15:00")
        text = case.resume(at="2026-10-08T09:00").status(now="2026-10-08T10:00")["solution"].explanation
        assert "恢復" in text
        assert not simplified_only & set(text), sorted(simplified_only & set(text))
    cn = sc.Contract(
        "t",
        [sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", pausable=True)],
        events=["received", "solved"],
    )
    case = cn.open(received_at="2026-09-24T10:00").pause("awaiting_customer", at="2026-09-29T15:00")
    assert "恢复计算" in case.resume(at="2026-10-08T09:00").status(now="2026-10-08T10:00")["solution"].explanation
