"""The calendar's own door: steps that cannot wrap, shapes that do not fit, a huge value where one is expected."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import slaclock as sc
from slaclock import penalties

CN = sc.calendar("CN")
HUGE_LIST = list(range(100_000))


@pytest.mark.parametrize("dtype", [np.uint64, np.uint32, np.int64])
def test_unsigned_steps_do_not_wrap_into_a_step_back(dtype: type) -> None:
    """2**64 - 1 as uint64 used to become -1 as int64: the workday before, silently."""
    big = np.array([np.iinfo(dtype).max], dtype=dtype)
    with pytest.raises(sc.CalendarHorizonError, match="needs days after"):
        CN.add_workdays(np.array(["2026-10-09"], dtype="datetime64[D]"), big)
    small = np.array([1, 2], dtype=dtype)
    assert CN.add_workdays(np.array(["2026-10-09"] * 2, dtype="datetime64[D]"), small).tolist() == [
        dt.date(2026, 10, 10),
        dt.date(2026, 10, 12),
    ]


@pytest.mark.parametrize(
    "call",
    [
        lambda: CN.add_workdays(np.array(["2026-10-09"] * 3, dtype="datetime64[D]"), np.array([1, 2])),
        lambda: CN.add_workdays(
            np.array(["2026-10-09"] * 3, dtype="datetime64[D]"),
            np.array([1, 2]),
            out=np.empty(3, dtype="datetime64[D]"),
        ),
        lambda: CN.workdays_between(
            np.array(["2026-10-09"] * 3, dtype="datetime64[D]"), np.array(["2026-10-19"] * 2, dtype="datetime64[D]")
        ),
    ],
)
def test_shapes_that_do_not_broadcast_are_an_input_error_naming_both(call: Callable[[], Any]) -> None:
    with pytest.raises(sc.InvalidInputError, match=r"shapes \(3,\) and \(2,\) do not broadcast"):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: CN.holiday_name(HUGE_LIST),  # type: ignore[arg-type]
        lambda: CN.day_info(HUGE_LIST),  # type: ignore[call-overload]
        lambda: CN.nth_workday_of_month(HUGE_LIST, 1, 1),  # type: ignore[arg-type]
        lambda: CN.roll("2026-10-01", HUGE_LIST),  # type: ignore[call-overload]
        lambda: CN.with_hours(HUGE_LIST),  # type: ignore[arg-type]
        lambda: sc.calendar(HUGE_LIST),  # type: ignore[arg-type]
        lambda: sc.deadline(HUGE_LIST, "5个工作日", calendar=CN),
        lambda: sc.period(HUGE_LIST),  # type: ignore[arg-type]
        lambda: penalties.yuan(HUGE_LIST),  # type: ignore[arg-type]
    ],
)
def test_a_100k_list_where_one_value_is_expected_gives_a_short_message(call: Callable[[], Any]) -> None:
    """A 100,000-item list passed to a one-value API made a 1.4 MB message."""
    with pytest.raises(sc.SlaclockError) as info:
        call()
    assert len(str(info.value)) < 1_000


@pytest.mark.parametrize(
    "call",
    [
        lambda: sc.notice_deadline("2026-01-05", "1000000日", calendar=CN),
        lambda: sc.notice_deadline("2026-01-05", "1000000周", calendar=CN),
        lambda: sc.deadline("2026-01-05", "1000000周", calendar=CN),
        lambda: sc.deadline("9999-12-31T23:59", "24小时", calendar=CN),
    ],
)
def test_periods_that_run_past_the_years_are_typed_errors(call: Callable[[], Any]) -> None:
    """A 1,000,000日 notice clause ran before the year 1 (ValueError), 1,000,000 weeks past 9999 (ValueError)."""
    with pytest.raises(sc.SlaclockError, match="year"):
        call()


_BOTH = np.array(["official", "x"])


@pytest.mark.parametrize(
    "call",
    [
        lambda: sc.CalendarSpec("CN", horizon=_BOTH),
        lambda: sc.CalendarSpec("CN", hours="09:00-18:00", at_close=_BOTH),
        lambda: sc.Convention(correspondence=np.array(["start_day", "x"])),
        lambda: sc.MonthlyRule(_BOTH, 5),  # type: ignore[arg-type]
        lambda: sc.working_hours("09:00-18:00", at_close=_BOTH),  # type: ignore[arg-type]
        lambda: sc.calendar("CN").to_ics("2026-01-01", "2026-12-31", lang=_BOTH),  # type: ignore[arg-type]
    ],
)
def test_an_array_where_one_word_is_expected_is_an_input_error(call: Callable[[], Any]) -> None:
    # `value not in ("a", "b")` compared a numpy array elementwise: "the truth value of an array is ambiguous"
    with pytest.raises(sc.SlaclockError, match="must be"):
        call()


_PADDED = "2026-10-09" + "\u3000" * 100_000
_DESK = sc.Contract("x", [sc.Clause("a", "1日", starts_on="received", met_by="d")], events=["received"])


def _stored_on_a_huge_region() -> dict[str, Any]:
    stored = _DESK.open(received_at="2026-10-12T10:00").to_dict()
    stored["calendar"] = {**stored["calendar"], "region": "X" * 100_000, "data_version": 10**400}
    return stored


@pytest.mark.parametrize(
    "call",
    [
        lambda: CN.with_hours("09:00-18:00").is_open([_PADDED]),  # was the whole text, 600 KB
        lambda: CN.with_hours("09:00-18:00").add_working_time([_PADDED], "1 hour"),
        lambda: _DESK.evaluate({f"c{i}": [None] for i in range(100_000)}, now="2026-10-20T00:00"),  # every column
        lambda: sc.Case.from_dict(_DESK, _stored_on_a_huge_region()),  # the stored record, whole
    ],
)
def test_messages_about_huge_values_in_columns_tables_and_stored_cases_are_short(call: Callable[[], Any]) -> None:
    with pytest.raises(sc.SlaclockError) as caught:
        call()
    assert len(str(caught.value)) < 700, len(str(caught.value))


def test_reprs_of_objects_built_from_huge_text_are_bounded_or_refused() -> None:
    huge = "x" * 1_000_000
    assert len(repr(sc.Clause("a", "5日", starts_on="r", met_by="d", ref=huge))) < 300  # it echoed the 1 MB ref
    assert len(repr(sc.CalendarSpec("CN", closures={"2026-10-09": huge}))) < 300
    with pytest.raises(sc.InvalidInputError, match="at most 100 characters"):
        sc.Convention(name=huge)
    with pytest.raises(sc.ContractError, match="at most 100 characters"):
        sc.Clause("a" * 101, "5日", starts_on="r", met_by="d")
    with pytest.raises(sc.CalendarDataError, match="longer than 2,000"):
        sc.HolidayBlock("端午节", huge, (dt.date(2027, 6, 9),))


def test_numpy_text_in_a_contract_is_written_as_text() -> None:
    # numpy's str_ was kept as given: to_yaml raised yaml's RepresenterError
    s = np.str_
    clause = sc.Clause(s("a"), s("5日"), starts_on=s("r"), met_by=s("d"), ref=s("§1"), description_zh=s("说明"))
    c = sc.Contract(s("x"), [clause], events=[s("r")], title_zh=s("合同"))
    assert sc.Contract.from_yaml(c.to_yaml()) == c
    assert sc.Contract.from_toml(c.to_toml()) == c
    assert type(c.clauses[0].wording) is str
