"""Columns at their edges, each as its rows' scalar calls answer them (fuzz findings, issue 18).

- ``utc=True`` reads naive ISO text as UTC, as it reads naive datetimes and ``datetime64`` (it read text as wall
  time: a silently wrong instant);
- a float NaN among text, or a column of nothing but NaN, is a missing value, not the text ``'nan'`` or a column of
  numbers;
- an empty text is no period (it gave NaT, where the scalar call refuses it);
- an error names the row its scalar call names: the first row that raises alone, counting every such row, with
  a calendar per row, rows without a period, and rows whose deadlines run out at different steps.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import slaclock as sc
from slaclock._rules import columns

CAL = sc.calendar("CN")
HOURS = CAL.with_hours("09:00-18:00")
WALL = dt.datetime(2025, 11, 3, 13, 30)
TEXT = WALL.isoformat()


def _values(x: Any) -> list[Any]:
    """A column of instants as naive datetimes (None for a missing one)."""
    if isinstance(x, pl.Series):
        return x.to_list()
    if isinstance(x, (pa.Array, pa.ChunkedArray)):
        return x.to_pylist()
    if isinstance(x, pd.Series):
        return [None if pd.isna(v) else v.to_pydatetime() for v in x]
    return [None if np.isnat(v) else v.astype("datetime64[us]").item() for v in np.asarray(x).ravel()]


# -- utc=True and naive text ---------------------------------------------------------------------------------------

TEXT_COLUMNS = {
    "list": lambda: [TEXT, TEXT],
    "list mixed": lambda: [WALL, TEXT],
    "numpy text": lambda: np.array([TEXT, TEXT]),
    "numpy objects": lambda: np.array([TEXT, np.datetime64(WALL, "m")], dtype=object),
    "pandas objects": lambda: pd.Series([TEXT, TEXT], dtype=object),
    "pandas string": lambda: pd.Series([TEXT, TEXT], dtype="string"),
    "polars": lambda: pl.Series([TEXT, TEXT]),
    "pyarrow": lambda: pa.array([TEXT, TEXT]),
}


@pytest.mark.parametrize("make", list(TEXT_COLUMNS.values()), ids=list(TEXT_COLUMNS))
def test_utc_reads_naive_text_as_utc_like_a_datetime64_column(make: Any) -> None:
    typed = np.array([WALL, WALL], dtype="datetime64[m]")
    want = _values(sc.deadlines(typed, "30分钟", calendar=CAL, utc=True).due)
    assert want == [dt.datetime(2025, 11, 3, 14, 0)] * 2  # 13:30 UTC and 30 minutes, in UTC
    d = sc.deadlines(make(), "30分钟", calendar=CAL, utc=True)
    assert _values(d.due) == want
    one = d[1]
    assert one is not None
    assert one.due == dt.datetime(2025, 11, 3, 14, 0, tzinfo=dt.UTC)  # a row alone reads it as the column does
    hours = _values(HOURS.add_working_time(make(), "1 hour", utc=True))
    assert hours == _values(HOURS.add_working_time(typed, "1 hour", utc=True))
    assert hours == [dt.datetime(2025, 11, 4, 2, 0)] * 2  # 21:30 in Beijing: the next day's first hour, 02:00 UTC


def test_utc_reads_one_naive_text_as_utc() -> None:
    typed = HOURS.add_working_time(np.datetime64(WALL), "1 hour", utc=True)
    assert HOURS.add_working_time(TEXT, "1 hour", utc=True) == typed
    assert HOURS.add_working_time(f"{TEXT}+08:00", "1 hour", utc=True) == HOURS.add_working_time(
        f"{TEXT}+08:00", "1 hour"
    )  # text with an offset names its instant, whatever utc says


def test_utc_leaves_dates_and_aware_text_as_they_are() -> None:
    dates = sc.deadlines(["2025-11-03", "2025-11-03"], "5个工作日", calendar=CAL, utc=True)
    assert _values(dates.due) == [dt.datetime(2025, 11, 10, 16, 0)] * 2  # 24:00 on the 10th in Beijing, in UTC
    aware = sc.deadlines([f"{TEXT}+08:00"], "30分钟", calendar=CAL, utc=True)
    assert _values(aware.due) == [dt.datetime(2025, 11, 3, 6, 0)]


# -- NaN is missing -------------------------------------------------------------------------------------------------

NAN = float("nan")
DAYS = np.array(["2025-09-24", "2025-09-24"], dtype="datetime64[D]")


@pytest.mark.parametrize(
    "periods",
    [
        ["7日", NAN],
        np.array(["7日", NAN], dtype=object),
        pd.Series(["7日", NAN]),
        pd.Series(["7日", None], dtype="category"),
    ],
    ids=["list", "objects", "pandas", "pandas category"],
)
def test_a_nan_period_among_texts_is_a_missing_period(periods: Any) -> None:
    assert _values(sc.deadlines(DAYS, periods, calendar=CAL).due) == [dt.datetime(2025, 10, 10), None]


@pytest.mark.parametrize(
    "column",
    [[NAN, NAN], np.array([NAN, NAN]), pd.Series([NAN, NAN]), pd.Series([NAN, NAN]).astype("category")],
    ids=["list", "numpy", "pandas", "pandas category"],
)
def test_a_column_of_nothing_but_nan_is_a_column_of_missing_values(column: Any) -> None:
    assert _values(sc.deadlines(DAYS, column, calendar=CAL).due) == [None, None]
    assert _values(sc.deadlines(column, "7日", calendar=CAL).due) == [None, None]
    assert _values(HOURS.add_working_time(column, "1 hour")) == [None, None]
    assert not sc.deadlines(DAYS, "7日", calendar=CAL).is_met(column).any()
    assert CAL.is_workday(column).tolist() == [False, False]


def test_a_nan_start_among_texts_is_a_missing_start() -> None:
    d = sc.deadlines(["2025-09-24T10:00", NAN], "7日", calendar=CAL)
    assert _values(d.due) == [dt.datetime(2025, 10, 10), None]
    assert d[1] is None
    assert sc.deadline(NAN, "7日", calendar=CAL) is None
    assert _values(HOURS.add_working_time(["2025-09-24T10:00", NAN], "1 hour")) == [dt.datetime(2025, 9, 24, 11), None]
    assert CAL.is_workday(["2025-09-24", NAN]).tolist() == [True, False]


@pytest.mark.parametrize("column", [[1.5, NAN], np.array([NAN, 2.0]), pd.Series([0.0])], ids=["list", "numpy", "pd"])
def test_numbers_are_still_no_starts_or_periods(column: Any) -> None:
    days = DAYS[: len(column)]
    with pytest.raises(sc.InvalidInputError, match="float64"):
        sc.deadlines(column, "7日", calendar=CAL)
    with pytest.raises(sc.InvalidInputError, match="float64"):
        sc.deadlines(days, column, calendar=CAL)


def test_a_list_mixing_text_and_a_number_names_the_number() -> None:
    with pytest.raises(sc.InvalidInputError, match=r"starts\[1\].*float"):
        sc.deadlines(["2025-09-24", 1.5], "7日", calendar=CAL)
    with pytest.raises(sc.InvalidInputError, match=r"periods\[1\].*float"):
        sc.deadlines(DAYS, ["7日", 1.5], calendar=CAL)


# -- an empty text is no period -------------------------------------------------------------------------------------

EMPTY_PERIODS = {
    "list": lambda: ["7日", ""],
    "numpy text": lambda: np.array(["7日", ""]),
    "numpy objects": lambda: np.array(["7日", ""], dtype=object),
    "pandas objects": lambda: pd.Series(["7日", ""], dtype=object),
    "pandas string": lambda: pd.Series(["7日", ""], dtype="string"),
    "polars": lambda: pl.Series(["7日", ""]),
    "pyarrow": lambda: pa.array(["7日", ""]),
}


@pytest.mark.parametrize("make", list(EMPTY_PERIODS.values()), ids=list(EMPTY_PERIODS))
def test_an_empty_text_period_is_refused_as_the_scalar_refuses_it(make: Any) -> None:
    with pytest.raises(sc.PeriodParseError, match="cannot read ''") as scalar:
        sc.deadline("2025-09-24", "", calendar=CAL)
    starts = pd.Series(DAYS) if isinstance(make(), pd.Series) else DAYS
    with pytest.raises(type(scalar.value), match="cannot read ''") as column:
        sc.deadlines(starts, make(), calendar=CAL)
    assert str(column.value).startswith("periods[1]: cannot read ''")


@pytest.mark.parametrize("kind", ["list", "numpy text", "objects"])
def test_periods_that_are_not_periods_are_named_by_their_first_row_and_counted(kind: str) -> None:
    texts = ["5个工作日", "zz no period", "5个工作日", "aa no period", "zz no period"]  # the first bad row sorts last
    per: Any = {"list": texts, "numpy text": np.array(texts), "objects": np.array(texts, dtype=object)}[kind]
    with pytest.raises(sc.PeriodParseError) as e:
        sc.deadlines(np.array(["2025-09-24"] * 5, dtype="datetime64[D]"), per, calendar=CAL)
    assert str(e.value).startswith("periods[1] (3 of the 5 rows are not periods; the first is shown): cannot read 'zz")
    assert (e.value.text, e.value.position) == ("zz no period", 0)
    with pytest.raises(sc.PeriodParseError, match=r"^periods\[0\]: cannot read 'x'"):
        sc.deadlines(np.array(["2025-09-24"] * 2, dtype="datetime64[D]"), ["x", "7日"], calendar=CAL)


def test_a_period_with_a_trailing_nul_is_no_period() -> None:
    """numpy's text drops a trailing NUL; an object column keeps it, and "7日\\0" is not "7日"."""
    with pytest.raises(sc.PeriodParseError, match="x00"):
        sc.deadlines(DAYS, np.array(["7日", "7日\0"], dtype=object), calendar=CAL)


# -- errors name the row the scalar call names ----------------------------------------------------------------------


def test_a_calendar_per_row_error_blames_the_row_and_calendar_that_raise_alone() -> None:
    starts = np.array(["2025-09-24T10:00", "2026-12-28T10:00"], dtype="datetime64[m]")
    with pytest.raises(sc.CalendarHorizonError):
        sc.deadline(starts[1], "5个工作日", calendar="HK")
    assert sc.deadline(starts[0], "8工作小时", calendar=HOURS) is not None
    with pytest.raises(sc.CalendarHorizonError, match=r"calendar 'X': 1 of 2 values .* first at index 1"):
        sc.deadlines(starts, ["8工作小时", "5个工作日"], calendar=["H", "X"], calendars={"H": HOURS, "X": "HK"})


def test_a_column_of_unitless_nat_with_a_calendar_per_row_is_a_typed_answer() -> None:
    nat = [np.datetime64("NaT")] * 2
    got = sc.deadlines(nat, "7日", calendar=["A", "B"], calendars={"A": "CN", "B": "HK"})
    assert _values(got.due) == [None, None]
    with pytest.raises(sc.InvalidInputError, match="working hours"):  # as with one calendar: the period needs hours
        sc.deadlines(nat, "8工作小时", calendar=["A", "B"], calendars={"A": "CN", "B": "HK"})


LONDON = sc.custom_calendar("1111100", first="2005-01-01", last="2026-12-31", tz="Europe/London")
SKIPPED = "2017-03-26T01:30"  # the clocks go from 01:00 to 02:00


def test_a_row_without_a_period_reads_no_start() -> None:
    """A row with no period is missing whatever its start: a wall time the clocks skip there raises nothing."""
    with pytest.raises(sc.InvalidInputError, match="skip"):
        sc.deadline(np.datetime64(SKIPPED, "s"), "7日", calendar=LONDON)
    ok = np.array([SKIPPED, "2026-12-01T10:00"], dtype="datetime64[s]")
    assert _values(sc.deadlines(ok, [None, "7日"], calendar=LONDON).due) == [None, dt.datetime(2026, 12, 9)]
    late = np.array([SKIPPED, "2026-12-30T10:00"], dtype="datetime64[s]")
    with pytest.raises(sc.CalendarHorizonError, match=r"1 of 2 values .* first at index 1: deadline: 2027-01-06"):
        sc.deadlines(late, [None, "7日"], calendar=LONDON)


NEXT_WORKDAY = sc.Convention(rest_day_receipt="next_workday")
# 2026-12-25 runs out at its last day (2027-01-04); 2027-01-01 is outside from the start; 2026-12-26, a Saturday,
# is received on Monday the 28th and runs out at 2027-01-07
PAST_THE_END = np.array(["2026-12-25", "2027-01-01", "2026-12-26"], dtype="datetime64[D]")


@pytest.mark.parametrize("chunk", [None, 1], ids=["one block", "blocks of one row"])
def test_a_horizon_error_counts_every_row_that_raises_alone(chunk: int | None, monkeypatch: Any) -> None:
    for start in PAST_THE_END:
        with pytest.raises(sc.CalendarHorizonError):
            sc.deadline(start, "10日", calendar=CAL, convention=NEXT_WORKDAY)
    if chunk is not None:
        monkeypatch.setattr(columns, "_CHUNK", chunk)
        monkeypatch.setattr(columns, "TABLES", False)
    with pytest.raises(sc.CalendarHorizonError, match=r"3 of 3 values .* first at index 0: deadline: 2027-01-04"):
        sc.deadlines(PAST_THE_END, "10日", calendar=CAL, convention=NEXT_WORKDAY)
    mixed = np.concatenate([PAST_THE_END[1:2], np.array(["2026-12-01", "2026-12-24"], dtype="datetime64[D]")])
    with pytest.raises(sc.CalendarHorizonError, match=r"2 of 3 values .* first at index 0: deadline: 2027-01-01"):
        sc.deadlines(mixed, "10日", calendar=CAL, convention=NEXT_WORKDAY)  # 12-24 runs to 2027-01-04; 12-01 fits


def test_a_notice_error_counts_every_row_that_raises_alone() -> None:
    # 2004-01-05 has too few workdays before it in the data; 2003-12-31 is outside it from the start
    ends = np.array(["2026-12-31", "2004-01-05", "2003-12-31"], dtype="datetime64[D]")
    for end in ends[1:]:
        with pytest.raises(sc.CalendarHorizonError):
            sc.notice_deadline(end, "5个工作日", calendar=CAL)
    with pytest.raises(sc.CalendarHorizonError, match=r"2 of 3 values .* first at index 1"):
        sc.notice_deadlines(ends, "5个工作日", calendar=CAL)


def test_evaluate_reads_a_column_of_blanks_as_events_that_have_not_happened() -> None:
    """pandas reads a CSV column with no value in it as float64 NaN: no acknowledgement yet, on every row."""
    c = sc.Contract(
        "x",
        [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
        events=["received", "acknowledged"],
    )
    received = ["2026-09-30T20:00", "2026-09-30T21:00"]
    blank = c.evaluate(pd.DataFrame({"received": received, "acknowledged": [NAN, NAN]}), now="2026-10-02T00:00")
    nat = c.evaluate(pd.DataFrame({"received": received, "acknowledged": [None, None]}), now="2026-10-02T00:00")
    pd.testing.assert_frame_equal(blank, nat)
    assert blank["ack.state"].astype(str).tolist() == ["breached", "breached"]


# 17:00 on 31 December runs past the data with 8 working hours; 2 January 2027 is past it from the start
WORK_PAST = np.array(["2026-12-31T17:00", "2027-01-02T10:00", "2026-12-31T10:00"], dtype="datetime64[m]")


@pytest.mark.parametrize(
    "call",
    [
        lambda t: HOURS.add_working_time(t, "8 hours"),
        lambda t: HOURS.add_working_time(t, np.array([8, 8, 8], dtype="timedelta64[h]")),
        lambda t: sc.deadlines(t, "8工作小时", calendar=HOURS),
    ],
    ids=["add_working_time", "a duration per row", "deadlines"],
)
def test_working_time_errors_count_every_row_that_raises_alone(call: Any) -> None:
    for t in WORK_PAST[:2]:
        with pytest.raises(sc.CalendarHorizonError):
            HOURS.add_working_time(t, "8 hours")
    assert HOURS.add_working_time(WORK_PAST[2], "8 hours") is not None
    with pytest.raises(
        sc.CalendarHorizonError, match=r"2 of 3 values .* first at index 0: add_working_time\(2026-12-31T17"
    ):
        call(WORK_PAST)


def test_a_list_with_a_datetime64_date_among_instants_keeps_the_date_a_date() -> None:
    """numpy makes such a list one unit of time: the date became its midnight, an instant the scalar call refuses."""
    mixed = [np.datetime64("2025-06-10"), np.datetime64("2025-06-10T11:00:00.000")]
    for start in ([*mixed], ["2025-06-10", mixed[1]], (dt.date(2025, 6, 10), mixed[1])):
        with pytest.raises(sc.InvalidInputError, match="date"):
            sc.deadline(start[0], "24小时", calendar=CAL)
        with pytest.raises(sc.InvalidInputError, match=r"starts\[0\] is a date"):
            sc.deadlines(start, "24小时", calendar=CAL)
        with pytest.raises(sc.InvalidInputError, match=r"t\[0\].*date"):
            HOURS.add_working_time(start, "1 hour")
    assert _values(sc.deadlines(mixed, "7日", calendar=CAL).due) == [dt.datetime(2025, 6, 18)] * 2


@pytest.mark.parametrize("empty", [[], np.array([]), ()], ids=["list", "numpy float", "tuple"])
def test_an_empty_column_is_an_empty_answer_everywhere(empty: Any) -> None:
    assert HOURS.add_working_time(empty, "1 hour").size == 0
    assert HOURS.is_open(empty).size == 0
    assert HOURS.next_open(empty).size == 0
    assert HOURS.working_time_between(empty, empty).size == 0
    assert CAL.is_workday(empty).size == 0
    assert sc.deadlines(empty, "7日", calendar=CAL).due.size == 0


# -- the years 1 to 9999 ---------------------------------------------------------------------------------------------

NO_ROLL = sc.Convention(roll_last_day=False)
LATE = np.array(["9999-12-30T10:00", "9999-12-31T23:00", "9999-12-31T23:30"], dtype="datetime64[m]")


@pytest.mark.parametrize(
    ("period", "convention"),
    [("24小时", None), ("90分钟", None), ("1日", NO_ROLL), ("1个月", NO_ROLL), ("1年", NO_ROLL)],
)
def test_a_column_runs_no_deadline_past_the_year_9999(period: str, convention: Any) -> None:
    """The scalar call refuses a deadline past 9999-12-31 (no datetime holds it); the column answered 10000-01-01.
    It now refuses the rows the scalar call refuses, counting them and naming the first."""
    refused, messages = [], []
    for i, start in enumerate(LATE):
        try:
            sc.deadline(start, period, calendar=CAL, convention=convention)
        except sc.InvalidInputError as exc:
            refused.append(i)
            messages.append(str(exc))
    assert all(re.search("year 9999|years 1", m) for m in messages), messages
    assert refused[-2:] == [1, 2]
    first = rf"{len(refused)} of 3 deadlines .* first at index {refused[0]}: .* past the year 9999"
    with pytest.raises(sc.InvalidInputError, match=first):
        sc.deadlines(LATE, period, calendar=CAL, convention=convention)
    with pytest.raises(sc.InvalidInputError, match="past the year 9999"):  # a period per row
        sc.deadlines(LATE, [period, period, "1分钟"], calendar=CAL, convention=convention)
    with pytest.raises(sc.InvalidInputError, match="past the year 9999"):  # UTC: 23:00 on 9999-12-31 in Beijing
        sc.deadlines(LATE[1:2] - np.timedelta64(8, "h"), period, calendar=CAL, convention=convention, utc=True)
    ok = sc.deadlines(LATE[:1], "24小时", calendar=CAL)
    assert _values(ok.due) == [dt.datetime(9999, 12, 31, 10, 0)]


def test_a_long_column_runs_no_deadline_past_the_year_9999(monkeypatch: Any) -> None:
    monkeypatch.setattr(columns, "_CHUNK", 2)
    starts = np.concatenate([np.full(7, np.datetime64("2025-06-10T10:00", "m")), LATE[1:2]])
    with pytest.raises(sc.InvalidInputError, match=r"1 of 8 deadlines .* first at index 7"):
        sc.deadlines(starts, "24小时", calendar=CAL)


def test_a_notice_column_runs_no_deadline_before_the_year_1() -> None:
    ends = np.array(["2025-06-10", "0001-01-01", "0001-01-02"], dtype="datetime64[D]")
    with pytest.raises(sc.InvalidInputError, match="before the year 1"):
        sc.notice_deadline(ends[1], "3日", calendar=CAL, convention=NO_ROLL)
    with pytest.raises(sc.InvalidInputError, match=r"2 of 3 deadlines .* first at index 1: .* before the year 1"):
        sc.notice_deadlines(ends, "3日", calendar=CAL, convention=NO_ROLL)


@pytest.mark.parametrize("period", ["30日", "2周", "1个月", "1年"])
@pytest.mark.parametrize("unit", ["D", "m"])
def test_a_day_period_past_the_year_9999_is_refused_as_the_scalar_refuses_it_before_any_roll(
    period: str, unit: str
) -> None:
    """With the last day rolled (the default), the column read the calendar at a nominal day in the year 10000 and
    raised a horizon error naming it, where the scalar call raises "runs past the year 9999"."""
    start = np.array(["9999-12-31T23:00"], dtype="datetime64[m]").astype(f"datetime64[{unit}]")
    with pytest.raises(sc.InvalidInputError, match=r"years? 1?.*9999"):
        sc.deadline(start[0].item(), period, calendar=CAL)
    with pytest.raises(sc.InvalidInputError, match=r"^1 of 2 deadlines .* first at index 1: .* past the year 9999"):
        sc.deadlines(np.concatenate([start - np.timedelta64(3000, "D"), start]), period, calendar=CAL)


def test_a_column_given_in_utc_names_its_start_in_utc() -> None:
    """The start's wall time may itself be in the year 10000; the message named it so."""
    start = np.array(["9999-12-31T23:59"], dtype="datetime64[m]")
    with pytest.raises(sc.InvalidInputError, match=r"4 hours from 9999-12-31T23:59:00\.000000 UTC runs past"):
        sc.deadlines(start, "4小时", calendar=CAL, utc=True)
    with pytest.raises(sc.InvalidInputError, match=r"30 days from 9999-12-31T23:59:00\.000000 UTC runs past"):
        sc.deadlines(start, "30日", calendar=CAL, utc=True)


def test_working_time_from_the_last_day_a_column_holds_is_refused_as_the_scalar_refuses_it_or_named_as_given() -> None:
    """A start on 9999-12-31 is past the instants a column of working time holds. On a calendar without the day the
    scalar raises the horizon error, and the column now does too; where the calendar has the day, the column's
    refusal names ``starts`` and the wall time given (it named ``t`` and the start's UTC instant)."""
    late = np.array(["2026-03-02T10:00", "9999-12-31T23:59"], dtype="datetime64[m]")
    hours = CAL.with_hours("09:00-12:00,13:30-18:00")
    with pytest.raises(sc.CalendarHorizonError):
        sc.deadline(late[1].item(), "4个工作小时", calendar=hours)
    with pytest.raises(sc.CalendarHorizonError, match=r"1 of 2 values .* first at index 1"):
        sc.deadlines(late, "4个工作小时", calendar=hours)
    end = sc.custom_calendar("1111100", [], first="9999-01-01", last="9999-12-31", tz="Asia/Shanghai")
    end = end.with_hours("09:00-18:00")
    starts = np.array(["9999-12-29T10:00", "9999-12-31T10:00"], dtype="datetime64[m]")
    assert sc.deadline(starts[1].item(), "2个工作小时", calendar=end) is not None
    with pytest.raises(sc.InvalidInputError, match=r"^starts\[1\] = 9999-12-31T10:00:00\.000000 is outside the inst"):
        sc.deadlines(starts, "2个工作小时", calendar=end)


def test_a_notice_of_workdays_from_the_first_days_of_the_year_1_is_refused_with_a_typed_error() -> None:
    """Five workdays ending 0001-01-05 begin on 0001-01-01: the notice day before it was a ValueError."""
    cal = sc.custom_calendar("1111100", [], first="0001-01-01", last="0001-12-31", tz="Asia/Shanghai")
    with pytest.raises(sc.InvalidInputError, match="before 0001-01-05 is before the year 1"):
        sc.notice_deadline("0001-01-05", "5个工作日", calendar=cal)
    with pytest.raises(sc.InvalidInputError, match="before 0001-01-05 runs before the year 1"):
        sc.notice_deadlines(np.array(["0001-01-05"], dtype="datetime64[D]"), "5个工作日", calendar=cal)
    assert sc.notice_deadline("0001-01-08", "5个工作日", calendar=cal).last_day == dt.date(1, 1, 1)


@pytest.mark.parametrize("value", [None, 5, 1.5, True])
def test_a_period_that_is_no_period_and_no_column_is_named_as_such(value: Any) -> None:
    """It was read as a column of one: "got 1 periods for 1 starts (shapes () and (1,))"."""
    starts = np.array(["2026-09-30T10:00"], "datetime64[us]")
    with pytest.raises(sc.InvalidInputError, match=rf"^period must be a period .* got {type(value).__name__} "):
        sc.deadlines(starts, value, calendar=CAL)
    one = sc.deadlines(np.datetime64("2026-09-30T10:00"), np.array("5个工作日"), calendar=CAL)  # 0-d and 0-d
    assert one.due == np.datetime64("2026-10-14T00:00")


def test_is_met_refuses_a_naive_time_the_clocks_skip_as_the_scalar_does() -> None:
    d = sc.deadlines(np.array(["2025-03-29T01:00"] * 2, "datetime64[m]"), "24小时", calendar=LONDON)
    gap = dt.datetime(2025, 3, 30, 1, 45)
    one = d[0]
    assert one is not None
    with pytest.raises(sc.InvalidInputError, match="skip"):
        one.is_met(gap)
    for at, named in ((gap, r"at = "), (gap.isoformat(), r"at = "), ([dt.datetime(2025, 3, 30, 3), gap], r"at\[1\]")):
        with pytest.raises(sc.InvalidInputError, match=named + r".* does not exist in Europe/London"):
            d.is_met(at)
    keys = sc.deadlines(
        np.array(["2025-03-29T01:00"] * 2, "datetime64[m]"),
        "24小时",
        calendar=["L", "C"],
        calendars={"L": LONDON, "C": CAL},
    )
    with pytest.raises(sc.InvalidInputError, match=r"at\[0\]"):
        keys.is_met(np.array([gap, gap], dtype="datetime64[m]"))  # row 0 is London's; row 1, Beijing's, has no gap
    # London's row due at 02:00 BST, Beijing's at 01:00: 00:45 in London is before it, 01:45 in Beijing after
    assert keys.is_met(np.array([gap - dt.timedelta(hours=1), gap], dtype="datetime64[m]")).tolist() == [True, False]
    utc = sc.deadlines(np.array(["2025-03-29T01:00"] * 2, "datetime64[m]"), "24小时", calendar=LONDON, utc=True)
    assert utc.is_met(gap).tolist() == [False, False]  # UTC has no gap: 01:45 UTC is after the due, 01:00 UTC


@pytest.mark.parametrize(
    "call",
    [
        lambda: sc.deadline(
            dt.date(9999, 12, 31), "1个月", calendar=CAL, convention=sc.Convention(correspondence="first_counted_day")
        ),
        lambda: sc.deadline("9999-12-30T10:00", "1日", calendar=CAL, convention=NO_ROLL),  # its 24:00 is 10000-01-01
        lambda: sc.notice_deadline(pd.Timestamp("9999-12-31 23:59", tz="UTC"), "7日", calendar=CAL),
        lambda: CAL.is_workday(pd.Timestamp("9999-12-31 23:59", tz="UTC")),
    ],
    ids=["first counted day", "24:00", "pandas Timestamp, notice", "pandas Timestamp, is_workday"],
)
def test_one_value_at_the_year_9999_is_a_typed_error(call: Any) -> None:
    """Python's ValueError and pandas' NotImplementedError came through; the columns said InvalidInputError."""
    with pytest.raises(sc.InvalidInputError, match="9999"):
        call()


@pytest.mark.parametrize(
    ("periods", "calendars", "first"),
    [
        (["7日", "5个工作日", "1个月"], None, r"3 of 3 values .* first at index 0"),  # each unit's rows, all counted
        (["1个月", "7日"], None, r"2 of 2 values .* first at index 0"),  # the first row, not the first unit's
        ("7日", ["HK", "CN"], r"calendar 'HK': 2 of 2 values .* first at index 0"),  # each calendar's rows
        ("7日", ["CN", "HK"], r"calendar 'CN': 2 of 2 values .* first at index 0"),
    ],
)
def test_a_horizon_error_counts_the_rows_of_every_unit_and_calendar(periods: Any, calendars: Any, first: str) -> None:
    n = len(periods) if isinstance(periods, list) else len(calendars)
    starts = np.full(n, np.datetime64("2026-12-30", "D"))
    for i in range(n):
        period = periods[i] if isinstance(periods, list) else periods
        with pytest.raises(sc.CalendarHorizonError):
            sc.deadline(starts[i], period, calendar=CAL if calendars is None else calendars[i])
    by = {} if calendars is None else {"calendar": calendars, "calendars": {"HK": "HK", "CN": "CN"}}
    with pytest.raises(sc.CalendarHorizonError, match=first):
        sc.deadlines(starts, periods, **({"calendar": CAL} | by))


@pytest.mark.parametrize("tz", ["UTC", "Europe/London", "Asia/Shanghai"])
@pytest.mark.parametrize(
    ("first", "last", "start"), [("0001-01-01", "0001-12-31", "0001-01-05"), ("9999-01-01", "9999-12-31", "9999-12-20")]
)
@pytest.mark.parametrize("period", ["1日", "3个工作日", "1周"])
def test_a_calendar_at_the_first_or_last_year_answers_as_its_column(
    tz: str, first: str, last: str, start: str, period: str
) -> None:
    """The zone's offsets were read from the day before the calendar to the day after it: past the years 1 to 9999
    there, so every scalar deadline on such a calendar raised Python's ValueError or OverflowError."""
    cal = sc.custom_calendar("1111100", first=first, last=last, tz=tz)
    one = sc.deadline(start, period, calendar=cal)
    column = sc.deadlines(np.array([start], "datetime64[D]"), period, calendar=cal)
    assert [one.last_day] == [v.item() for v in column.last_day]
    assert one.due.replace(tzinfo=None) == _values(column.due)[0]


@pytest.mark.parametrize("end", ["9999-12-31", "9999-12-30", "9999-11-30"])
@pytest.mark.parametrize("period", ["1个月", "1年"])
@pytest.mark.parametrize(
    "convention", [None, sc.Convention(correspondence="first_counted_day")], ids=["start", "first"]
)
def test_a_notice_ending_in_december_9999_is_answered_as_its_column(end: str, period: str, convention: Any) -> None:
    """The latest start was found by trying the day after it, whose period ran past 9999: the scalar refused."""
    cal = sc.custom_calendar("1111111", first="9998-01-01", last="9999-12-31", tz="UTC")
    one = sc.notice_deadline(end, period, calendar=cal, convention=convention)
    column = sc.notice_deadlines(np.array([end], "datetime64[D]"), period, calendar=cal, convention=convention)
    assert [one.last_day] == [v.item() for v in column.last_day]


@pytest.mark.parametrize("period", ["5个工作日", "30日", "1个月", "2周"])
def test_a_close_from_hours_the_calendar_lacks_is_refused_for_a_missing_start_too(period: str) -> None:
    """As a column of missing starts refuses it: the arguments are wrong whatever the rows. A period of clock time
    reads no close of business, and a missing start is None there."""
    conv = sc.Convention(close_of_business="hours")
    with pytest.raises(sc.InvalidInputError, match="close_of_business='hours'"):
        sc.deadline(None, period, calendar=CAL, convention=conv)
    with pytest.raises(sc.InvalidInputError, match="close_of_business='hours'"):
        sc.deadlines(np.array(["NaT"], dtype="datetime64[m]"), period, calendar=CAL, convention=conv)
    assert sc.deadline(None, period, calendar=HOURS, convention=conv) is None
    assert sc.deadline(None, "4小时", calendar=CAL, convention=conv) is None


@pytest.mark.parametrize(
    ("tz", "first", "starts"),
    [
        ("Asia/Shanghai", "0001-01-01", ["0001-01-01T00:00", "0001-01-01T05:00", "0001-01-01T08:10"]),  # +08:05:43
        ("America/New_York", "9999-01-01", ["9999-12-31T20:00", "9999-12-31T22:59"]),  # UTC is in 10000 by then
    ],
)
def test_clock_time_at_the_ends_of_the_years_counts_as_the_column_counts_it(
    tz: str, first: str, starts: list[str]
) -> None:
    """A wall time in the year 1 (or 9999) whose UTC instant is in the year 0 (or 10000): the scalar converted it
    to UTC and refused it, "runs past the year 9999", where the column counts it."""
    cal = sc.custom_calendar("1111100", [], first=first, last=first[:4] + "-12-31", tz=tz)
    column = sc.deadlines(np.array(starts, dtype="datetime64[m]"), "1小时", calendar=cal)
    for i, start in enumerate(starts):
        d = sc.deadline(start, "1小时", calendar=cal)
        assert d is not None
        assert np.datetime64(d.due.replace(tzinfo=None), "us") == column.due[i]
        assert d == column[i]
    if first.startswith("9999"):
        with pytest.raises(sc.InvalidInputError, match="runs past the year 9999"):
            sc.deadline(starts[-1], "2小时", calendar=cal)  # 10000-01-01T00:59 in New York


def test_a_notice_end_the_clocks_skip_is_refused_as_a_start_is_and_ends_are_named_ends() -> None:
    london = sc.custom_calendar("1111100", [], first="2026-01-01", last="2026-12-31", tz="Europe/London")
    skipped = "2026-03-29T01:30"  # the clocks go from 01:00 to 02:00
    with pytest.raises(sc.InvalidInputError, match=f"^end {skipped}:00 does not exist in Europe/London"):
        sc.notice_deadline(skipped, "5日", calendar=london)
    with pytest.raises(sc.InvalidInputError, match=r"^ends\[1\] = 2026-03-29T01:30 does not exist"):
        sc.notice_deadlines(np.array(["2026-03-20T10:00", skipped], dtype="datetime64[m]"), "5日", calendar=london)
    with pytest.raises(sc.InvalidInputError, match=r"^ends\[0\]: end 'junk' is not an ISO date"):
        sc.notice_deadlines(["junk"], "5日", calendar=london)
    with pytest.raises(sc.InvalidInputError, match=r"^ends must be dates or instants"):
        sc.notice_deadlines(np.array([1.5]), "5日", calendar=london)
    d = sc.notice_deadline("2026-03-29T02:30", "5日", calendar=london)
    assert d is not None
    assert d.last_day == dt.date(2026, 3, 24)


# -- arrays numpy holds in other forms (the fast-path review) ------------------------------------------------------


@pytest.mark.parametrize("unit", ["us", "s", "m", "ns", "D"])
@pytest.mark.parametrize("period", ["24小时", "5个工作日", "1个月"])
def test_a_big_endian_column_answers_as_the_native_one(unit: str, period: str) -> None:
    # the clock path read ">M8[us]" as int64 bytes: 2025-09-26 + 24 hours was 2614-10-08; ">M8[s]" was refused
    native = np.array(["2025-09-26T10:00", "NaT", "2025-09-30T23:59"], f"datetime64[{unit}]")
    if unit == "D" and period == "24小时":
        return  # hours run from a moment
    want = sc.deadlines(native, period, calendar=CAL)
    got = sc.deadlines(native.astype(native.dtype.newbyteorder(">")), period, calendar=CAL)
    np.testing.assert_array_equal(got.due, want.due)
    if unit != "D":
        wall = native.astype(native.dtype.newbyteorder(">"))
        np.testing.assert_array_equal(
            HOURS.add_working_time(wall, "2 hours"), HOURS.add_working_time(native, "2 hours")
        )


def test_a_masked_column_answers_its_masked_rows_as_missing() -> None:
    # the mask was dropped: a masked start got a real deadline
    starts = np.array(["2025-09-30T10:00", "2025-10-09T10:00"], "datetime64[m]")
    masked = np.ma.masked_array(starts, mask=[False, True])
    d = sc.deadlines(masked, "5个工作日", calendar=CAL)
    assert str(d.due[0]) == "2025-10-15T00:00:00.000000"
    assert np.isnat(d.due[1])
    assert not masked.mask[0]
    assert starts[1] == np.datetime64("2025-10-09T10:00")
    days = np.ma.masked_array(np.array(["2025-10-01", "2025-10-09"], "datetime64[D]"), mask=[False, True])
    assert CAL.is_workday(days).tolist() == [False, False]  # a missing day is no workday
    with pytest.raises(sc.InvalidInputError, match="n: a masked array of int64 has masked values"):
        CAL.add_workdays(days.data, np.ma.masked_array([1, 2], mask=[True, False]))


@pytest.mark.parametrize("unit", ["ps", "fs", "as"])
def test_units_finer_than_ns_are_refused_saying_so(unit: str) -> None:
    for call in (
        lambda: CAL.is_workday(np.array([1], f"datetime64[{unit}]")),
        lambda: sc.deadline(np.datetime64(10**3, unit), "5个工作日", calendar=CAL),
        lambda: sc.deadlines(np.array([1], f"datetime64[{unit}]"), "5个工作日", calendar=CAL),
    ):
        with pytest.raises(sc.InvalidInputError, match=rf"datetime64\[{unit}\] is finer than slaclock reads"):
            call()


def test_a_pyarrow_date64_column_is_dates_as_date32_is() -> None:
    # date64 was read as midnight instants: "24小时" from a date answered where date32 and the scalar refuse
    days = [dt.date(2025, 9, 30), None, dt.date(2025, 10, 9)]
    d64, d32 = pa.array(days, pa.date64()), pa.array(days, pa.date32())
    with pytest.raises(sc.InvalidInputError, match="runs from a moment"):
        sc.deadlines(d64, "24小时", calendar=CAL)
    with pytest.raises(sc.InvalidInputError, match="must hold instants"):
        HOURS.add_working_time(d64, "2 hours")
    assert sc.deadlines(d64, "5个工作日", calendar=CAL).due.equals(sc.deadlines(d32, "5个工作日", calendar=CAL).due)
    assert CAL.add_workdays(d64, 1).equals(CAL.add_workdays(d32, 1))


@pytest.mark.parametrize("period", ["1日", "1个工作日"])
@pytest.mark.parametrize("rows", [3, 8_192])  # a short column reads a table a long one made
def test_a_due_past_the_year_9999_is_refused_on_the_table_path_too(period: str, rows: int) -> None:
    # the day table answered 10000-01-01 where the full way and the scalar call refuse ("runs past the year 9999");
    # the scalar workday path raised Python's ValueError
    late = sc.custom_calendar("1111100", first="9998-01-01", last="9999-12-31", tz="UTC", name="late")
    sc.deadlines(np.full(8_192, np.datetime64("9999-11-01")), period, calendar=late)  # the table, made
    with pytest.raises(sc.InvalidInputError, match="past the year 9999"):
        sc.deadline(dt.date(9999, 12, 30), period, calendar=late)
    with pytest.raises(sc.InvalidInputError, match=r"first at index 0: 1 (day|workday) from 9999-12-30 runs past"):
        sc.deadlines(np.full(rows, np.datetime64("9999-12-30")), period, calendar=late)
    due = sc.deadlines(np.full(rows, np.datetime64("9999-12-01")), period, calendar=late).due  # a Wednesday
    assert str(due[0]) == "9999-12-03T00:00:00.000000"


def test_is_met_on_a_due_in_a_repeated_hour_answers_as_its_row() -> None:
    # a wall-time due column cannot say which occurrence of a fall-back's 01:30 it is: is_met took the first
    ny = sc.calendar("CN", tz="America/New_York")
    hour = sc.deadlines(np.array(["2024-11-03T01:30", "2024-11-04T09:00"], "datetime64[m]"), "1小时", calendar=ny)
    assert str(hour[0].due) == "2024-11-03 01:30:00-05:00"  # the second 01:30
    for at in ("2024-11-03T01:40", "2024-11-03T01:40-04:00", "2024-11-03T01:40-05:00"):
        assert hour.is_met(at).tolist() == [hour[0].is_met(at), hour[1].is_met(at)], at
    assert hour.is_met(np.array(["2024-11-03T01:40-04:00", "2024-11-04T09:30"], dtype=object)).tolist() == [True, True]
    close = sc.Convention(close_of_business="01:30", roll_last_day=False)
    day = sc.deadlines(np.array(["2024-11-02"], "datetime64[D]"), "1日", calendar=ny, convention=close)
    assert day.is_met("2024-11-03T01:20-05:00").tolist() == [day[0].is_met("2024-11-03T01:20-05:00")] == [False]


_LEAST_NS = int(np.iinfo(np.int64).min)  # NaT; pandas' Timestamp.min is the next value
_FAR = sc.custom_calendar("1111100", ["1677-09-21"], first="1600-01-01", last="2300-12-31", tz="UTC")
_FIRST_DAY_NS = [_LEAST_NS + 1, _LEAST_NS + 999, _LEAST_NS + 86_400 * 10**9 - 2]  # to us, to days: numpy wraps


@pytest.mark.parametrize("ns", _FIRST_DAY_NS)
@pytest.mark.parametrize(
    "call",
    [
        lambda x: sc.deadlines(x, "24小时", calendar=_FAR),
        lambda x: sc.deadlines(x, "1日", calendar=_FAR),
        lambda x: _FAR.is_workday(x),
        lambda x: _FAR.add_workdays(x, 1),
        lambda x: _FAR.with_hours("09:00-18:00").add_working_time(x, "2工作小时"),
        lambda x: sc.deadlines(np.array(["1677-09-23"], "datetime64[us]"), "24小时", calendar=_FAR).is_met(x),
        lambda x: sc.deadline(x[1], "24小时", calendar=_FAR),
        lambda x: sc.deadlines(pd.Series(x), "24小时", calendar=_FAR),
        lambda x: sc.deadlines(pa.array(x), "24小时", calendar=_FAR),
        lambda x: sc.deadlines(pl.Series(x), "24小时", calendar=_FAR),
        lambda x: sc.Contract("c", [sc.Clause("ack", "24小时", starts_on="in", met_by="out")], events=["in"]).evaluate(
            {"in": x, "out": x}, now="2300-01-01T00:00", calendar=_FAR
        ),
    ],
)
def test_a_ns_instant_in_the_first_day_numpy_holds_is_refused_not_read_as_2262(call: Any, ns: int) -> None:
    """numpy converts a datetime64[ns] value in the unit's first day wrongly: pandas' Timestamp.min (the least
    value after NaT) to microseconds gives 2262-04-11, any value of that day to days 2262-04-10. Such a start was
    counted from 2262, silently. It is refused, naming it; NaT beside it is still missing."""
    x = np.array([_LEAST_NS, ns], dtype=np.int64).view("datetime64[ns]")  # NaT, then the value
    with pytest.raises(sc.InvalidInputError, match=r"first day datetime64\[ns\] holds.*give NaT"):
        call(x)


def test_a_ns_instant_after_that_first_day_is_counted_as_its_microseconds_are() -> None:
    x = np.array([_LEAST_NS + 86_400 * 10**9, _LEAST_NS + 86_400 * 10**9 + 10**12], np.int64).view("datetime64[ns]")
    for period in ("24小时", "1日", "1个工作日"):
        got = sc.deadlines(x, period, calendar=_FAR)
        np.testing.assert_array_equal(got.due, sc.deadlines(x.astype("datetime64[us]"), period, calendar=_FAR).due)
        assert np.datetime64("1677-09-22") < got.due[0] < np.datetime64("1677-10-01")


@pytest.mark.parametrize(
    ("value", "side"), [(_LEAST_NS + 1, "before the year 1"), (-_LEAST_NS - 1, "past the year 9999")]
)
@pytest.mark.parametrize("period", ["24小时", "30日"])
def test_a_microsecond_start_at_int64s_ends_is_named_on_its_own_side_of_the_years(
    value: int, side: str, period: str
) -> None:
    """A start in the year 294247 (int64's greatest microsecond) ran "before the year 1": its count wrapped round
    int64. Given in UTC, the side is the start's own where it is outside the years itself; as wall time, the start
    is refused as the scalar call refuses it."""
    x = np.array([value], dtype=np.int64).view("datetime64[us]")
    cal = sc.calendar("CN", horizon="projected")
    with pytest.raises(sc.InvalidInputError, match=f"runs {side}"):
        sc.deadlines(x, period, calendar=cal, utc=True)
    with pytest.raises(sc.InvalidInputError, match=r"starts\[0\] .* has a date outside the years 1 to 9999"):
        sc.deadlines(x, period, calendar=cal)


@pytest.mark.parametrize("text", ["now", "today", "2025", "2025-10", "20251005", "2025-10-05T09:30", " 2025-10-05"])
@pytest.mark.parametrize("make", [np.array, list])
def test_a_text_column_of_dates_is_read_as_the_scalar_calls_read_each_text(text: str, make: Any) -> None:
    """numpy's text grammar takes "now" and "today" (the clock's date), "2025" and "2025-10" (a first day) and
    "20251005" (the year 20,251,005, which wrapped to -208387 in microseconds): a column held that, where the scalar
    calls refuse the first four and read the last as 2025-10-05. Each text is read as the scalar reads it now."""
    column = make([text, "2025-10-09"])
    d = sc.deadlines(np.array(["2025-09-22"], "datetime64[D]"), "3日", calendar=CAL)  # due 2025-09-26 24:00

    def scalar(fn: Any) -> Any:
        try:
            return fn()
        except sc.SlaclockError as exc:
            return None if "not the date" in str(exc) else type(exc)  # is_met: a column takes a date as its 00:00

    for column_call, scalar_call in (
        (lambda: CAL.is_workday(column)[0], lambda: CAL.is_workday(text)),
        (lambda: CAL.add_workdays(column, 1)[0], lambda: np.datetime64(CAL.add_workdays(text, 1), "D")),
        (lambda: d.is_met(column[:1])[0], lambda: d[0].is_met(text)),  # type: ignore[union-attr]
    ):
        expected = scalar(scalar_call)
        if expected is None:
            continue
        if isinstance(expected, type):
            with pytest.raises(expected):
                column_call()
        else:
            assert column_call() == expected


@pytest.mark.parametrize(
    ("start", "amount"), [("2262-04-11T12:00", "8工作小时"), ("1677-09-23T10:00", dt.timedelta(hours=-30))]
)
def test_working_time_past_the_span_of_nanoseconds_is_refused_not_wrapped(start: str, amount: Any) -> None:
    """Working time on nanoseconds answers in nanoseconds: an answer past 2262-04-11 or before 1677-09-21 wrapped
    round int64 (2262-04-14 came back as 1677-09-23). It is refused, naming the row; NaT beside it stays missing."""
    cal = sc.custom_calendar("1111100", [], first="1600-01-01", last="2300-12-31", tz="Asia/Shanghai")
    hours = cal.with_hours("09:00-18:00")
    x = np.array(["NaT", start], "datetime64[ns]")
    with pytest.raises(sc.InvalidInputError, match=r"row 1: the answer .* outside what datetime64\[ns\] holds"):
        hours.add_working_time(x, amount)
    fine = hours.add_working_time(np.array(["NaT", "2262-04-01T12:00"], "datetime64[ns]"), "8工作小时")
    assert fine.dtype == np.dtype("datetime64[ns]")
    assert np.isnat(fine[0])
    assert fine[1] == np.datetime64("2262-04-02T11:00")


@pytest.mark.parametrize(
    ("value", "dtype"),
    [(-4_938_000_000_000_000_000, "datetime64[3ns]"), (2**62, "datetime64[2D]"), (-(2**62), "datetime64[2W]"),
     (5_291_632_083_627_706_361, "datetime64[7us]"), (_LEAST_NS + 3, "datetime64[10Y]")],
)  # fmt: skip
@pytest.mark.parametrize(
    "call",
    [
        lambda x: sc.deadlines(x, "7日", calendar=CAL),
        lambda x: CAL.is_workday(x),
        lambda x: CAL.add_workdays(x, 1),
        lambda x: HOURS.add_working_time(x, "8工作小时"),
        lambda x: sc.deadlines(np.array(["2025-10-09"], "datetime64[us]"), "7日", calendar=CAL).is_met(x),
    ],
)
def test_a_multiple_of_a_unit_past_what_the_unit_holds_is_refused(value: int, dtype: str, call: Any) -> None:
    """numpy converts a value in a multiple of a unit (``[3ns]``, ``[2D]``) by multiplying, and wraps where that
    passes int64: ``[7us]`` in the year 1.2 million was 6657, ``[2D]`` at 2**62 NaT, ``[3ns]`` in 1500 was 2084."""
    x = np.array([value], dtype=np.int64).view(dtype)
    with pytest.raises(sc.InvalidInputError, match=r"which numpy shows wrongly\) is past what"):
        call(x)


def test_a_multiple_of_a_unit_within_it_is_read_as_the_unit() -> None:
    x = np.array(["2025-10-09T09:00", "NaT", "2025-10-10T17:45"], "datetime64[15m]")
    for period in ("7日", "5个工作日", "24小时"):
        np.testing.assert_array_equal(
            sc.deadlines(x, period, calendar=CAL).due, sc.deadlines(x.astype("datetime64[m]"), period, calendar=CAL).due
        )


_EVERY_YEAR = sc.custom_calendar("1111100", [], first="0001-01-01", last="9999-12-31", tz="UTC")
_EVERY_DAY = _EVERY_YEAR.with_hours("09:00-18:00")


@pytest.mark.parametrize(
    ("value", "unit"),
    [(_LEAST_NS + 1, "ns"), (2**62, "ms"), (-_LEAST_NS - 1, "h"), (_LEAST_NS + 1, "D"), (2**62, "W"), (90, "m")],
)
def test_a_timedelta64_of_working_time_is_its_length_clipped_not_wrapped(value: int, unit: str) -> None:
    """numpy converts timedelta64 to microseconds by multiplying, and wraps: 2**62 ms was no time at all, int64's
    greatest hours -1 hour, pandas' Timedelta.min (ns) +292 years. Working time takes its length, clipped as a
    timedelta is: the same answer as the datetime.timedelta of that length, or the same horizon error."""
    t = np.array(["2025-10-01T10:00"], "datetime64[us]")
    amount = np.array([value], np.int64).view(f"timedelta64[{unit}]")
    us = value // 1_000 if unit == "ns" else value * int(np.timedelta64(1, unit) // np.timedelta64(1, "us"))
    same = dt.timedelta(microseconds=max(-(1 << 60), min(1 << 60, us)))
    for given in (amount, amount[0]):
        try:
            expected: Any = _EVERY_DAY.add_working_time(t, same)
        except sc.CalendarHorizonError:
            with pytest.raises(sc.CalendarHorizonError):
                _EVERY_DAY.add_working_time(t if given is amount else t[0], given)
            continue
        got = _EVERY_DAY.add_working_time(t if given is amount else t[0], given)
        assert (got == expected).all() if given is amount else got.replace(tzinfo=None) == expected[0]


@pytest.mark.parametrize("unit", ["M", "Y"])
def test_a_timedelta64_of_months_or_years_is_no_working_time(unit: str) -> None:
    t = np.array(["2025-10-01T10:00"], "datetime64[us]")
    for given in (np.array([1], f"timedelta64[{unit}]"), np.timedelta64(1, unit)):
        with pytest.raises(sc.InvalidInputError, match="no fixed length of time"):
            _EVERY_DAY.add_working_time(t if isinstance(given, np.ndarray) else t[0], given)


@pytest.mark.parametrize(
    ("start", "period"),
    [(np.array(["0000-12-31"], "datetime64[D]"), "7日"), (np.array(["0000-12-31"], "datetime64[D]"), "1年")]
    + [(np.array(["0000-12-31T23:00"], "datetime64[us]"), p) for p in ("7日", "1年", "24小时")],
)
def test_a_start_in_the_year_0_is_refused_as_the_scalar_refuses_it(start: Any, period: str) -> None:
    """A count that needs no calendar day from its start answered a start in the year 0 (0000-12-31T23:00 + 24
    hours), which the scalar call refuses; so does the column now."""
    with pytest.raises(sc.InvalidInputError, match="has a date outside the years 1 to 9999"):
        sc.deadline(start[0], period, calendar=_EVERY_YEAR)
    with pytest.raises(sc.InvalidInputError, match=r"starts\[0\] .* has a date outside the years 1 to 9999"):
        sc.deadlines(start, period, calendar=_EVERY_YEAR)


def test_a_count_that_wraps_round_int64_is_said_to_run_past_the_year_9999() -> None:
    with pytest.raises(sc.InvalidInputError, match="300000 years from 2025-10-01 runs past the year 9999"):
        sc.deadlines(np.array(["2025-10-01"], "datetime64[D]"), "300000年", calendar=_EVERY_YEAR)
    with pytest.raises(sc.InvalidInputError, match="runs before the year 1"):
        sc.notice_deadlines(np.array(["0001-03-01"], "datetime64[D]"), "提前3个月", calendar=_EVERY_YEAR)
