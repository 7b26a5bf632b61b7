"""Status words: the region's script, the clause's unit, one default language."""

from __future__ import annotations

import slaclock as sc


def _case(region: str) -> sc.Case:
    contract = sc.Contract(
        "w", [sc.Clause("条款", "5个工作日", starts_on="received", met_by="done")], events=["received"], calendar=region
    )
    return contract.open(received_at="2026-09-28T10:00")


def test_an_hk_table_is_traditional_and_leaves_clause_names_alone() -> None:
    status = _case("HK").status(now="2026-09-29T10:00")
    assert str(status).splitlines() == [
        "條款  狀態    截止              剩餘/逾期",
        "条款  進行中  2026-10-06 24:00  還剩5個工作日",
    ]
    assert status["条款"].phrase() == "還剩5個工作日"
    assert status["条款"].phrase("en") == "5 workdays left"


def test_clauses_carry_the_status_calendar() -> None:
    case = _case("CN")
    status = case.status(now="2026-09-29T10:00")
    assert status["条款"].calendar is case.calendar
    assert "calendar" not in repr(status["条款"])


def test_overdue_past_the_calendar_data_says_at_least() -> None:
    status = _case("CN").status(now="2035-01-01T00:00")  # the official data end 2026-12-31
    assert status["条款"].phrase() == "逾期至少59个工作日"
    assert status["条款"].phrase("en") == "overdue by at least 59 workdays"


def test_working_time_overdue_past_the_calendar_data_says_at_least() -> None:
    cal = sc.calendar("CN").with_hours("09:00-18:00")
    contract = sc.Contract(
        "w", [sc.Clause("fix", "4工作小时", starts_on="received", met_by="done")], events=["received"], calendar=cal
    )
    case = contract.open(received_at="2026-09-28T10:00")
    assert case.status(now="2026-09-28T20:00")["fix"].phrase() == "逾期工作时间4小时"
    far = case.status(now="2035-10-09T10:00")["fix"]
    assert far.phrase("en").startswith("overdue by at least ")
    assert far.phrase("en").endswith(" hours of working time")
