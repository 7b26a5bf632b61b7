"""Nothing past the official horizon is silently official, for every kind of result (issue 13).

A result is provisional iff it read a projected day; on an official calendar the same read raises
``CalendarHorizonError``. The close of business from a calendar's working hours
(``close_of_business="hours"``) is such a read: a last day past the data has no known hours, so it
does not end at 24:00 — whether or not the last day is rolled, on the scalar, column and window
paths alike.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import slaclock as sc
from slaclock import penalties

FIXTURE = Path(__file__).parent.parent / "fixtures" / "FICTIONAL-cn-2027.toml"
HOURS = "09:00-12:00,13:30-18:00"
OFFICIAL = sc.calendar("CN").with_hours(HOURS)
PROJECTED = sc.calendar("CN", horizon="projected").with_hours(HOURS)
LOADED = sc.calendar("CN", arrangements=FIXTURE).with_hours(HOURS)  # 2027 official (a fictional notice)
CLOSE = sc.Convention.business_hours()
NO_ROLL = CLOSE.replace(roll_last_day=False)


def quietly(call: Callable[[], Any]) -> tuple[Any, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call()
    return value, list(caught)


def _due(result: Any) -> Any:
    if isinstance(result, sc.Window):
        return result.closes
    if isinstance(result, sc.Deadline):
        return result.due
    return result.due[0]


def _provisional(result: Any) -> bool:
    return bool(result.provisional if isinstance(result, (sc.Window, sc.Deadline)) else result.provisional[0])


DAYS_2026_12_21 = np.array(["2026-12-21"], dtype="datetime64[D]")

# (name, call on a calendar, the last day, the close that day on a projected calendar (wall time))
CASES: list[tuple[str, Callable[[sc.WorkCalendar], Any], dt.date, str]] = [
    (
        "scalar, a month not rolled (the issue's case)",
        lambda cal: sc.deadline("2026-12-21", "1个月", calendar=cal, convention=NO_ROLL),
        dt.date(2027, 1, 21),
        "2027-01-21T18:00",
    ),
    (
        "column, a month not rolled",
        lambda cal: sc.deadlines(DAYS_2026_12_21, "1个月", calendar=cal, convention=NO_ROLL),
        dt.date(2027, 1, 21),
        "2027-01-21T18:00",
    ),
    (
        "column of instants, days not rolled",
        lambda cal: sc.deadlines(
            np.array(["2026-12-28T10:00"], dtype="datetime64[m]"), "10日", calendar=cal, convention=NO_ROLL
        ),
        dt.date(2027, 1, 7),
        "2027-01-07T18:00",
    ),
    (
        "scalar, workdays (read anyway)",
        lambda cal: sc.deadline("2026-12-28", "5个工作日", calendar=cal, convention=CLOSE),
        dt.date(2027, 1, 5),
        "2027-01-05T18:00",
    ),
    (
        "fixed window (an agreed end is not rolled)",
        lambda cal: sc.fixed_window("2026-12-01", "2027-01-22", calendar=cal, convention=CLOSE),
        dt.date(2027, 1, 22),
        "2027-01-22T18:00",
    ),
    (
        "monthly window",
        lambda cal: sc.monthly_deadline("2027-01", "每月初五个工作日内", calendar=cal, convention=CLOSE),
        dt.date(2027, 1, 8),
        "2027-01-08T18:00",
    ),
    (
        "notice before a date, not rolled back",
        lambda cal: sc.notice_deadline("2027-03-31", "提前30日", calendar=cal, convention=CLOSE),
        dt.date(2027, 3, 1),
        "2027-03-01T18:00",
    ),
    (
        "column of notices",
        lambda cal: sc.notice_deadlines(
            np.array(["2027-03-31"], dtype="datetime64[D]"), "提前30日", calendar=cal, convention=CLOSE
        ),
        dt.date(2027, 3, 1),
        "2027-03-01T18:00",
    ),
]


@pytest.mark.parametrize(("name", "call", "last", "close"), CASES, ids=[c[0] for c in CASES])
def test_a_close_past_the_data_raises_on_an_official_calendar(
    name: str, call: Callable[[sc.WorkCalendar], Any], last: dt.date, close: str
) -> None:
    with pytest.raises(sc.CalendarHorizonError, match="outside the calendar's days") as info:
        call(OFFICIAL)
    assert "horizon='projected'" in str(info.value)
    if "read anyway" not in name and "monthly" not in name:  # those fail earlier, counting the days
        assert f"close of business on the last day: {last.isoformat()}" in str(info.value)


@pytest.mark.parametrize(("name", "call", "last", "close"), CASES, ids=[c[0] for c in CASES])
def test_a_close_past_the_data_is_provisional_on_a_projected_calendar(
    name: str, call: Callable[[sc.WorkCalendar], Any], last: dt.date, close: str
) -> None:
    result, caught = quietly(lambda: call(PROJECTED))
    assert _provisional(result)
    due = _due(result)
    wall = due if isinstance(due, np.datetime64) else np.datetime64(due.replace(tzinfo=None), "us")
    assert wall == np.datetime64(close, "us")  # the projected day's own close, not 24:00
    assert [w.category for w in caught] == [sc.ProvisionalWarning]


@pytest.mark.parametrize(("name", "call", "last", "close"), CASES, ids=[c[0] for c in CASES])
def test_a_loaded_year_answers_the_same_close_officially(
    name: str, call: Callable[[sc.WorkCalendar], Any], last: dt.date, close: str
) -> None:
    result, caught = quietly(lambda: call(LOADED))
    assert not caught
    assert not _provisional(result)
    due = _due(result)
    wall = due if isinstance(due, np.datetime64) else np.datetime64(due.replace(tzinfo=None), "us")
    assert wall == np.datetime64(close, "us")


def test_the_three_paths_agree_on_a_close_past_the_data() -> None:
    # the same last day, 2027-01-22 (a Friday), reached as a period, a column row and an agreed window
    scalar, _ = quietly(lambda: sc.deadline("2026-12-22", "1个月", calendar=PROJECTED, convention=NO_ROLL))
    column, _ = quietly(
        lambda: sc.deadlines(
            np.array(["2026-12-22"], dtype="datetime64[D]"), "1个月", calendar=PROJECTED, convention=NO_ROLL
        )
    )
    window, _ = quietly(lambda: sc.fixed_window("2026-12-22", "2027-01-22", calendar=PROJECTED, convention=CLOSE))
    assert scalar.last_day == column.last_day[0] == window.last_day == dt.date(2027, 1, 22)
    assert scalar.due == window.closes
    assert column.due[0] == np.datetime64(scalar.due.replace(tzinfo=None), "us")
    assert scalar.provisional
    assert column.provisional[0]
    assert window.provisional


def test_a_projected_rest_day_closes_at_midnight_but_provisionally() -> None:
    # 2027-02-08 is a projected Spring Festival day: no hours, so 24:00 — until the notice says otherwise
    d, caught = quietly(lambda: sc.fixed_window("2027-02-01", "2027-02-08", calendar=PROJECTED, convention=CLOSE))
    assert d.closes.isoformat() == "2027-02-09T00:00:00+08:00"
    assert d.provisional
    assert caught


def test_without_a_close_from_the_hours_no_day_is_read() -> None:
    # calendar days not rolled, ending at 24:00 or at a fixed time, need no calendar day: official and silent
    for conv in (sc.Convention.civil_code().replace(roll_last_day=False), NO_ROLL.replace(close_of_business="17:30")):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            d = sc.deadline("2026-12-21", "1个月", calendar=OFFICIAL, convention=conv)
            w = sc.fixed_window("2026-12-01", "2027-01-22", calendar=OFFICIAL, convention=conv)
        assert not d.provisional
        assert not w.provisional
        p = sc.deadline("2026-12-21", "1个月", calendar=PROJECTED, convention=conv)
        assert not p.provisional
        assert p.due == d.due


def test_close_of_on_a_day_past_the_data() -> None:
    with pytest.raises(sc.CalendarHorizonError, match="2027-01-04"):
        OFFICIAL.close_of("2027-01-04")
    with pytest.raises(sc.CalendarHorizonError, match="1 of 2 values"):
        OFFICIAL.close_of(np.array(["2026-12-31", "2027-01-04"], dtype="datetime64[D]"))
    with pytest.warns(sc.ProvisionalWarning, match="2027-01-04"):
        assert PROJECTED.close_of("2027-01-04").isoformat() == "2027-01-04T18:00:00+08:00"


def test_at_close_next_open_past_the_data() -> None:
    nxt = sc.calendar("CN").with_hours(HOURS, at_close="next_open")
    # 7 working hours from 2026-12-31 09:30 end exactly at its close: the next opening is in 2027
    start = np.array(["2026-12-31T09:30"], dtype="datetime64[m]")
    with pytest.raises(sc.CalendarHorizonError):
        nxt.add_working_time("2026-12-31T09:30", "7 hours")
    with pytest.raises(sc.CalendarHorizonError):
        nxt.add_working_time(start, "7 hours")
    with pytest.raises(sc.CalendarHorizonError):
        sc.deadline("2026-12-31T09:30", "7个工作小时", calendar=nxt)
    with pytest.raises(sc.CalendarHorizonError):
        sc.deadlines(start, "7个工作小时", calendar=nxt)
    projected = sc.calendar("CN", horizon="projected").with_hours(HOURS, at_close="next_open")
    d, _ = quietly(lambda: sc.deadline("2026-12-31T09:30", "7个工作小时", calendar=projected))
    col, _ = quietly(lambda: sc.deadlines(start, "7个工作小时", calendar=projected))
    assert d.due.isoformat() == "2027-01-04T09:00:00+08:00"
    assert d.provisional
    assert col.due[0] == np.datetime64("2027-01-04T09:00")
    assert col.provisional[0]
    # with at_close="close" the same count ends at 18:00 on the last official day: official
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not sc.deadline("2026-12-31T09:30", "7个工作小时", calendar=PROJECTED).provisional
        assert not sc.deadlines(start, "7个工作小时", calendar=PROJECTED).provisional[0]


def test_next_open_at_midnight_on_the_first_projected_day() -> None:
    # a schedule that opens at 00:00: a result at a close jumps to the first projected day's 00:00, an
    # instant that is also the end of the last official day; it read that day, so it is provisional
    cal = sc.calendar("CN", horizon="projected", extra_workdays=["2027-01-01"]).with_hours(
        "00:00-08:00,16:00-24:00", at_close="next_open"
    )
    start = np.array(["2026-12-31T16:00"], dtype="datetime64[m]")
    d, _ = quietly(lambda: sc.deadline("2026-12-31T16:00", "8个工作小时", calendar=cal))
    col, _ = quietly(lambda: sc.deadlines(start, "8个工作小时", calendar=cal))
    assert d.due.isoformat() == "2027-01-01T00:00:00+08:00"
    assert col.due[0] == np.datetime64("2027-01-01T00:00")
    assert d.provisional
    assert col.provisional[0]
    # at_close="close": the same instant is 2026-12-31's 24:00 close, which reads no projected day
    closing = sc.calendar("CN", horizon="projected", extra_workdays=["2027-01-01"]).with_hours(
        "00:00-08:00,16:00-24:00"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = sc.deadline("2026-12-31T16:00", "8个工作小时", calendar=closing)
        col = sc.deadlines(start, "8个工作小时", calendar=closing)
    assert d.due.isoformat() == "2027-01-01T00:00:00+08:00"
    assert not d.provisional
    assert not col.provisional[0]


# -- penalties ------------------------------------------------------------------------------------


def test_a_late_payment_on_a_provisional_deadline_is_provisional() -> None:
    later, _ = quietly(lambda: sc.deadline("2026-12-25", "10日内", calendar=sc.calendar("CN", horizon="projected")))
    assert later.provisional
    assert later.last_day == dt.date(2027, 1, 4)
    r = penalties.late_payment(10_000, later, [("2027-01-20", 10_000)], "万分之五", terminate_after=10)
    assert r.provisional
    assert r.describe().endswith("；结果为暂定：付款期限所用日期超出官方公布的放假安排")
    assert r.describe("en").endswith(
        "; provisional: the payment deadline uses days past the officially published calendar"
    )


def test_a_late_payment_reads_no_calendar_itself() -> None:
    on_time = sc.deadline("2026-12-01", "10日内", calendar="CN")  # official
    # paid long after the horizon: the overdue days are calendar days, read from no calendar
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = penalties.late_payment(10_000, on_time, [("2027-03-01", 10_000)], "万分之五")
        plain = penalties.late_payment(10_000, "2027-01-04", [("2027-03-01", 10_000)], "万分之五")
    assert not r.provisional
    assert r.overdue_days == 80
    assert not plain.provisional  # a date the caller rolled: nothing read
    assert "暂定" not in r.describe()


def test_a_loaded_year_makes_the_penalty_official() -> None:
    d = sc.deadline("2026-12-25", "10日内", calendar=sc.calendar("CN", arrangements=FIXTURE))
    r = penalties.late_payment(10_000, d, [("2027-01-20", 10_000)], "万分之五")
    assert not d.provisional
    assert not r.provisional


# -- explanations ---------------------------------------------------------------------------------


def test_an_explanation_does_not_pass_a_projected_day_off_as_published() -> None:
    w = sc.fixed_window("2027-01-01", "2027-02-08", calendar=sc.calendar("CN", horizon="projected"))
    assert not w.provisional  # not rolled: the answer did not read the day
    assert "2027-02-08按预测为法定节假日（春节）" in w.explain()
    assert "2027-02-08 is projected to be a public holiday" in w.explain("en")
    official = sc.fixed_window("2026-01-01", "2026-02-16", calendar="CN")
    assert "2026-02-16为法定节假日" in official.explain()


def test_monthly_deadlines_warn_once_for_the_series() -> None:
    cal = sc.calendar("CN", horizon="projected")
    series, caught = quietly(lambda: sc.monthly_deadlines("2026-11", "2027-03", "每月初五个工作日内", calendar=cal))
    assert [d.provisional for d in series] == [False, False, True, True, True]
    assert len(caught) == 1
    assert caught[0].category is sc.ProvisionalWarning
    assert "3 of 5 monthly deadlines (the first 2027-01-08)" in str(caught[0].message)
    assert caught[0].filename == __file__


def test_the_close_at_midnight_of_the_last_official_day_is_official() -> None:
    """24:00 of 2026-12-31 closes an official day: reaching it reads no projected day (one instant and a column)."""
    late = sc.calendar("CN", horizon="projected").with_hours("09:00-24:00")
    due, caught = quietly(lambda: late.add_working_time("2026-12-31T23:00", "1 hour"))
    assert due == dt.datetime(2027, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert caught == []
    column = np.array(["2026-12-31T22:00", "2026-12-31T23:00"], dtype="datetime64[m]")
    dues, caught = quietly(lambda: late.add_working_time(column, "1 hour"))
    assert dues[-1] == np.datetime64("2027-01-01T00:00")
    assert caught == []
    # one microsecond more needs the next opening, on a projected day
    _, caught = quietly(lambda: late.add_working_time("2026-12-31T23:00", dt.timedelta(hours=1, microseconds=1)))
    assert [w.category for w in caught] == [sc.ProvisionalWarning]
    _, caught = quietly(lambda: late.add_working_time(column, dt.timedelta(hours=1, microseconds=1)))
    assert [w.category for w in caught] == [sc.ProvisionalWarning]


@pytest.mark.parametrize("rows", [1, 20_000])  # a short column reads the day table once made, a long one at once
def test_an_enclosing_reading_block_learns_that_evaluate_read_projected_days(rows: int) -> None:
    """evaluate's dues read from a day table are provisional where they read projected days, as the full way's: a
    caller's reading() block (percalendar's, a case check's) learns of it, and evaluate's one warning counts the
    rows."""
    from slaclock._base.warn import reading

    cal = sc.calendar("CN", horizon="projected")
    c = sc.Contract("c", [sc.Clause("ack", "5个工作日", starts_on="received", met_by="done")], events=["received"])
    received = np.full(rows, np.datetime64("2026-12-28T10:00"), dtype="datetime64[us]")
    t = {"received": received, "done": np.full(rows, np.datetime64("NaT"), dtype="datetime64[us]")}
    for _ in range(20):  # past the short columns' count: the period's table is made and read
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            c.evaluate(t, now="2026-12-29T09:00", calendar=cal, fields=["due"])
    with reading() as reads, warnings.catch_warnings(record=True):
        r = c.evaluate(t, now="2026-12-29T09:00", calendar=cal, fields=["due", "last_day", "provisional"])
    assert r["ack.provisional"].all()
    assert str(r["ack.last_day"][0]) == "2027-01-05"  # 12-29..31, then 01-04 and 01-05 (01-01 a holiday)
    assert str(r["ack.due"][0]) == "2027-01-06T00:00:00.000000"  # the end of the last day
    assert reads.projected
    with pytest.warns(sc.ProvisionalWarning, match=f"{rows:,} of {rows:,} rows of 'ack'"):
        c.evaluate(t, now="2026-12-29T09:00", calendar=cal, fields=["due"])
