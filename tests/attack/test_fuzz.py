"""Every public entry point, fed hostile values: only a ``SlaclockError`` may escape, with a short message.

Each test draws arguments from :func:`hostile` (missing values, edge dates and instants, huge and odd
numbers, long and odd text, arrays of every dtype, containers, objects) and calls one entry point. A
result is fine, a ``SlaclockError`` is fine if its message is bounded; anything else fails. The number
of examples per entry point is ``SLACLOCK_FUZZ_EXAMPLES`` (default 60, so the suite stays fast; set it
to thousands for a long hunt).
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import os
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock import penalties

EXAMPLES = int(os.environ.get("SLACLOCK_FUZZ_EXAMPLES", "60"))
MESSAGE_LIMIT = 1_000
"""The longest message an error may carry (issue 15: under 1 KB whatever the input)."""

CN = sc.calendar("CN")
HOURS = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
PROJECTED = sc.calendar("HK", horizon="projected")
CONTRACT = sc.templates.customer_service_standards()
CASE = CONTRACT.open(received_at="2026-10-09T10:00", event="complaint_received")

_texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "2026-10-01",
            "2026-02-30",
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
            "9999-12-31T23:00-05:00",
            "0001-01-01T00:00+08:00",
            "10000-01-01",
            "2026-10-01T25:00",
            "2026-03-08T02:30",
            "NaT",
            "nan",
            "5个工作日",
            "1000000日",
            "99999999个工作日",
            "8个工作小时",
            "1E+999999999",
            "万分之五",
            "¥" + " " * 5_000 + "x",
            "\u202e2026-10-01",
            "\x00",
            "x" * 10_000,
            "09:00-" * 2_000,
        ]
    ),
)
_numbers = st.one_of(
    st.integers(),
    st.sampled_from([0, -1, 2**31, 2**63 - 1, -(2**63), 2**64, 10**5000, True, False]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([decimal.Decimal("1E+999999999"), decimal.Decimal("NaN"), decimal.Decimal("-Infinity")]),
)
_dates = st.one_of(
    st.dates(),
    st.sampled_from([dt.date.min, dt.date.max, dt.date(2026, 12, 31), dt.date(2027, 1, 4)]),
    st.datetimes(timezones=st.sampled_from([None, dt.UTC, dt.timezone(dt.timedelta(hours=-5))])),
    st.sampled_from([dt.datetime.min, dt.datetime.max, pd.Timestamp("2026-10-01T10:00", tz="Asia/Shanghai")]),
)
_missing = st.sampled_from([None, pd.NaT, pd.NA, np.datetime64("NaT"), math.nan, np.nan])
_arrays = st.one_of(
    st.sampled_from(
        [
            np.array([], dtype="datetime64[D]"),
            np.array(["2026-10-01", "NaT"], dtype="datetime64[D]"),
            np.array(["2026-10-01T10:00"], dtype="datetime64[ns]"),
            np.array([np.iinfo(np.int64).max - 1], dtype="datetime64[s]"),
            np.array([np.iinfo(np.int64).min + 1], dtype="datetime64[us]"),
            np.array([2**64 - 1], dtype=np.uint64),
            np.array([1.5, np.nan]),
            np.array([[1, 2], [3, 4]]),
            np.array(["a", "b"]),
            np.array([None, object()], dtype=object),
            np.array(["2026-10-01"] * 3, dtype="datetime64[D]").reshape(3, 1),
            np.arange(5, dtype=np.int8),
            np.array(True),
            np.timedelta64(8, "h"),
            np.array([8, -8], dtype="timedelta64[h]"),
        ]
    ),
    st.sampled_from(
        [
            pd.Series(["2026-10-01", None], dtype="datetime64[ns]"),
            pd.DataFrame({"a": [1]}),
            pd.Series([1, 2]),
        ]
    ),
)
_containers = st.one_of(
    st.lists(st.one_of(_dates, _texts, _missing), max_size=4),
    st.dictionaries(st.text(max_size=5), st.one_of(_texts, _numbers), max_size=3),
    st.sampled_from([[], (), {}, set(), [[]], list(range(100_000)), object(), b"2026-10-01", dt.timedelta.max]),
)
hostile = st.one_of(_texts, _numbers, _dates, _missing, _arrays, _containers, st.timedeltas())


def survives(call: Callable[[], Any]) -> None:
    """Run ``call``: it may answer or raise a ``SlaclockError`` with a bounded message; nothing else."""
    message = ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            call()
        except sc.SlaclockError as exc:
            message = f"{type(exc).__name__}: {exc}"
    assert len(message) < MESSAGE_LIMIT, f"{message[:200]}... ({len(message):,} characters)"


ENTRY_POINTS: dict[str, Callable[[Any, Any], Any]] = {
    "calendar(region)": lambda a, b: sc.calendar(a),
    "calendar(tz=)": lambda a, b: sc.calendar("CN", tz=a),
    "calendar(closures=)": lambda a, b: sc.calendar("CN", closures=a),
    "calendar(horizon=, holiday_list=)": lambda a, b: sc.calendar("HK", horizon=a, holiday_list=b),
    "custom_calendar": lambda a, b: sc.custom_calendar(a, first=b, last="2026-12-31", tz="UTC"),
    "custom_calendar(holidays=)": lambda a, b: sc.custom_calendar("1111100", a, first="2026-01-01", last=b, tz="UTC"),
    "is_workday": lambda a, b: CN.is_workday(a),
    "day_kind": lambda a, b: PROJECTED.day_kind(a),
    "holiday_name": lambda a, b: CN.holiday_name(a, lang=b),
    "day_info": lambda a, b: CN.day_info(a),
    "is_provisional": lambda a, b: PROJECTED.is_provisional(a),
    "add_workdays": lambda a, b: CN.add_workdays(a, b),
    "add_workdays(date, n)": lambda a, b: CN.add_workdays("2026-10-09", a),
    "next_workday": lambda a, b: PROJECTED.next_workday(a),
    "workdays_between": lambda a, b: CN.workdays_between(a, b),
    "roll": lambda a, b: CN.roll(a, b),
    "roll(forward)": lambda a, b: PROJECTED.roll(a, "modifiedfollowing"),
    "nth_workday_of_month": lambda a, b: CN.nth_workday_of_month(a, b, 1),
    "workdays_in_month": lambda a, b: CN.workdays_in_month(2026, a),
    "to_ics": lambda a, b: CN.to_ics(a, b),
    "with_hours": lambda a, b: CN.with_hours(a),
    "working_hours": lambda a, b: sc.working_hours(a, saturday=b),
    "is_open": lambda a, b: HOURS.is_open(a),
    "next_open": lambda a, b: HOURS.next_open(a, utc=bool(b) if isinstance(b, bool) else False),
    "close_of": lambda a, b: HOURS.close_of(a),
    "add_working_time": lambda a, b: HOURS.add_working_time(a, b),
    "add_working_time(t, 8h)": lambda a, b: HOURS.add_working_time(a, "8个工作小时"),
    "working_time_between": lambda a, b: HOURS.working_time_between(a, b),
    "period": lambda a, b: sc.period(a),
    "Period": lambda a, b: sc.Period(a, b),
    "deadline": lambda a, b: sc.deadline(a, b, calendar=CN),
    "deadline(start, 5 workdays)": lambda a, b: sc.deadline(a, "5个工作日", calendar=PROJECTED),
    "deadline(hours)": lambda a, b: sc.deadline(a, "8个工作小时", calendar=HOURS),
    "deadlines": lambda a, b: sc.deadlines(a, b, calendar=CN),
    "deadlines(starts, 10 days)": lambda a, b: sc.deadlines(a, "10日", calendar=PROJECTED),
    "notice_deadline": lambda a, b: sc.notice_deadline(a, b, calendar=CN),
    "fixed_window": lambda a, b: sc.fixed_window(a, b, calendar=CN),
    "monthly_deadline": lambda a, b: sc.monthly_deadline(a, b, calendar=CN),
    "arrangement_from_notice": lambda a, b: sc.arrangement_from_notice(a),
    "Convention": lambda a, b: sc.Convention.business_hours().replace(roll_last_day=a),
    "penalties.yuan": lambda a, b: penalties.yuan(a),
    "penalties.daily_rate": lambda a, b: penalties.daily_rate(a),
    "penalties.lump_sum": lambda a, b: penalties.lump_sum(a, b),
    "penalties.overdue_days": lambda a, b: penalties.overdue_days(a, b),
    "penalties.overdue_text": lambda a, b: penalties.overdue_text(a, b),
    "penalties.late_payment": lambda a, b: penalties.late_payment(a, "2026-10-09", [], b),
    "templates.appeasement": lambda a, b: sc.templates.appeasement(voucher_from=a, voucher_until=b),
    "templates.customer_service_standards": lambda a, b: sc.templates.customer_service_standards(
        enquiry_answer=a, service_fee=b
    ),
    "templates(calendar=)": lambda a, b: sc.templates.customer_service_standards(calendar=a),
    "Contract.open": lambda a, b: CONTRACT.open(received_at=a, event=b),
    "Contract.open(calendar=)": lambda a, b: CONTRACT.open(received_at="2026-10-09T10:00", calendar=a),
    "Contract.evaluate": lambda a, b: CONTRACT.evaluate({"complaint_received": a}, now=b),
    "Contract.evaluate(now=)": lambda a, b: CONTRACT.evaluate({"complaint_received": ["2026-10-09T10:00"]}, now=a),
    "Contract.from_dict": lambda a, b: sc.Contract.from_dict(a),
    "Contract.from_json": lambda a, b: sc.Contract.from_json(a),
    "Contract.from_toml": lambda a, b: sc.Contract.from_toml(a),
    "Contract.from_yaml": lambda a, b: sc.Contract.from_yaml(a),
    "Case.record": lambda a, b: CASE.record(a, at=b),
    "Case.pause": lambda a, b: CASE.pause(a, at=b),
    "Case.status": lambda a, b: CASE.status(now=a, lang=b),
    "Case.from_dict": lambda a, b: sc.Case.from_dict(CONTRACT, a),
    "Case.from_dict(events)": lambda a, b: sc.Case.from_dict(CONTRACT, {**CASE.to_dict(), "events": a}),
}


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_only_typed_errors_escape(name: str) -> None:
    call = ENTRY_POINTS[name]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
    @given(hostile, hostile)
    def run(a: Any, b: Any) -> None:
        survives(lambda: call(a, b))

    run()


@pytest.mark.parametrize("unit", ["us", "ns", "s"])
def test_a_column_of_instants_at_the_int64_edge_is_refused_by_the_hours_methods(unit: str) -> None:
    """Found by the fuzz: the span error formatted an instant near the int64 limit and overflowed."""
    edge = np.array([np.iinfo(np.int64).min + 1], dtype=f"datetime64[{unit}]")
    for call in (HOURS.is_open, HOURS.next_open, lambda t: HOURS.add_working_time(t, "1 hour")):
        with pytest.raises(sc.SlaclockError) as info:
            call(edge)
        assert len(str(info.value)) < MESSAGE_LIMIT


def test_a_timedelta64_is_not_a_count_though_numpy_calls_it_an_integer() -> None:
    """Found by the fuzz: ``np.timedelta64`` subclasses ``np.signedinteger``, and ``int()`` of it raised TypeError."""
    with pytest.raises(sc.InvalidInputError, match="n must be an integer"):
        CN.add_workdays("2026-10-09", np.timedelta64(8, "h"))
    with pytest.raises(sc.InvalidInputError, match=r"month an integer 1\.\.12"):
        CN.workdays_in_month(2026, np.timedelta64(3, "D"))  # type: ignore[arg-type]
