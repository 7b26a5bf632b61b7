"""The worked deadline cases (``deadline_cases.json``, from shared/golden/) pass through the public API.

Each case is a fact about the law and the official calendar, with its reasoning in
the JSON. One test per case, named by its id. The ``convention`` field names the
counting rule; :data:`CONVENTIONS` maps each one to a public ``Convention`` and the
public function that counts it. A case's ``period`` and ``start`` carry notes after
the contract's words (" (7 days)", ", 有业务时间 09:00-17:30"); :func:`_words` cuts them
off, and the note's content is in the convention mapping.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import slaclock as sc

CASES: list[dict[str, Any]] = json.loads((Path(__file__).parent / "deadline_cases.json").read_text(encoding="utf-8"))
CAL = sc.calendar("CN")

Counter = Callable[[str, str], "sc.Deadline | sc.Window"]


def _forward(convention: sc.Convention) -> Counter:
    return lambda start, words: sc.deadline(start, words, calendar=CAL, convention=convention)


def _notice(start: str, words: str) -> sc.Deadline:
    return sc.notice_deadline(start, words, calendar=CAL)


def _monthly(start: str, words: str) -> sc.Deadline:
    return sc.monthly_deadline(start, words, calendar=CAL)


def _fixed(start: str, words: str) -> sc.Window:
    return sc.fixed_window(words, calendar=CAL)


def _working_hours(start: str, words: str) -> sc.Deadline:
    # the case's note: working hours 09:00-18:00 on working days
    return sc.deadline(start, words, calendar=CAL.with_hours("09:00-18:00"))


CONVENTIONS: dict[str, Counter] = {
    "civil_code_days": _forward(sc.Convention.civil_code()),
    # the case's note: business hours 09:00-17:30, so the last day ends at 17:30 (art. 203 para 2)
    "civil_code_days + business_close_cutoff": _forward(sc.Convention.business_hours("17:30")),
    "civil_code_months (event-day correspondence)": _forward(sc.Convention.civil_code()),
    "working_days (start day excluded)": _forward(sc.Convention.civil_code()),
    "working_days": _forward(sc.Convention.civil_code()),
    "working_days; receipt_day_excluded (Civil Code default)": _forward(sc.Convention.civil_code()),
    "working_days; receipt_day_excluded": _forward(sc.Convention.civil_code()),
    "calendar_hours (Civil Code art.201(2): runs from the agreed moment)": _forward(sc.Convention.civil_code()),
    "business_hours": _working_hours,
    "nth_working_day_of_month": _monthly,
    "backward_days; notice day excluded; no holiday adjustment (default)": _notice,
    "civil_code_years; corresponding day = same day-number as the start event": _forward(sc.Convention.civil_code()),
    "fixed_date_range_inclusive; no_roll": _fixed,
}


def _words(text: str) -> str:
    """The contract's words or start, without the case's note in parentheses or after a comma."""
    return text.split(" (", 1)[0].split(", ", 1)[0].strip()


def _expected_instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _params() -> list[Any]:
    return [pytest.param(case, id=case["id"]) for case in CASES]


def test_every_convention_is_mapped() -> None:
    assert {case["convention"] for case in CASES} <= set(CONVENTIONS)


@pytest.mark.parametrize("case", _params())
def test_golden_case(case: dict[str, Any]) -> None:
    result = CONVENTIONS[case["convention"]](_words(case["start"]), _words(case["period"]))
    due = result.closes if isinstance(result, sc.Window) else result.due
    assert due == _expected_instant(case["expected_exclusive_end"]), case["reasoning"]
    assert due.utcoffset() == dt.timedelta(hours=8)
    expected = case["expected"]
    if "T" in expected:
        assert due == _expected_instant(expected)
    else:
        assert result.last_day == dt.date.fromisoformat(expected), case["reasoning"]
    assert not result.provisional
    assert result.explain("zh")
    assert result.explain("en")


# The variants the cases' reasoning names: each is a switch the library must offer.


def test_variant_backward_notice_rolled_back_to_a_workday() -> None:
    # backward-notice-01: "Variant roll_back_to_working_day (notice must reach on a business day) -> 2025-09-30"
    d = sc.notice_deadline("2025-10-31", "提前30日书面通知", calendar=CAL, convention=sc.Convention.notice_on_workday())
    assert d.last_day == dt.date(2025, 9, 30)
    assert d.due == dt.datetime(2025, 10, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_variant_year_correspondence_to_first_counted_day() -> None:
    # cc-year-correspondence-01: the minority reading gives 2020-10-01, a holiday, so 2020-10-09
    conv = sc.Convention.civil_code().replace(correspondence="first_counted_day")
    assert sc.deadline("2017-09-30", "诉讼时效3年", calendar=CAL, convention=conv).last_day == dt.date(2020, 10, 9)


def test_variant_makeup_day_treated_as_rest() -> None:
    # cc-days-makeup-01: with makeup_days_are_rest the makeup Sunday 2025-09-28 moves to Monday 09-29
    conv = sc.Convention.civil_code().replace(makeup_days_are_rest=True)
    assert sc.deadline("2025-09-13", "15日内", calendar=CAL, convention=conv).last_day == dt.date(2025, 9, 29)


def test_variant_fixed_range_rolled_when_asked() -> None:
    # voucher-fixed-range-01: "Rolling to 2025-02-05 only if the contract ... requires it"
    conv = sc.Convention.civil_code().replace(roll_fixed_ranges=True)
    window = sc.fixed_window("有效期自2025-01-01至2025-01-31", calendar=CAL, convention=conv)
    assert window.last_day == dt.date(2025, 2, 5)
