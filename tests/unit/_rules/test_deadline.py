"""Deadlines: start forms, units, every Convention switch, zones, horizon, explanations, errors."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import warnings
import zoneinfo

import numpy as np
import pendulum
import pytest

import slaclock as sc

CAL = sc.calendar("CN")
CST = dt.timezone(dt.timedelta(hours=8))
CIVIL = sc.Convention.civil_code()


def _due(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


# -- start forms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # a date, its ISO text and a datetime64[D] all mean that civil day
        (dt.date(2025, 9, 24), dt.date(2025, 10, 9)),
        ("2025-09-24", dt.date(2025, 10, 9)),
        (np.datetime64("2025-09-24"), dt.date(2025, 10, 9)),
        # a naive datetime is wall time in Asia/Shanghai: its date is the start day
        (dt.datetime(2025, 9, 24, 23, 59), dt.date(2025, 10, 9)),
        (np.datetime64("2025-09-24T23:59"), dt.date(2025, 10, 9)),
        # an aware datetime is converted: 2025-09-24T16:30Z is 09-25 00:30 in Shanghai, so day 7 is 10-02 → 10-09
        (dt.datetime(2025, 9, 24, 16, 30, tzinfo=dt.UTC), dt.date(2025, 10, 9)),
        (pendulum.datetime(2025, 9, 24, 10, tz="Asia/Shanghai"), dt.date(2025, 10, 9)),
    ],
)
def test_start_forms_for_days(start: object, expected: dt.date) -> None:
    assert sc.deadline(start, "7日", calendar=CAL).last_day == expected  # type: ignore[arg-type]


def test_aware_start_is_read_in_the_calendars_zone() -> None:
    # 2025-03-13T20:00Z is Friday 03-14 04:00 in Shanghai: 1 workday later is Monday 03-17
    assert sc.deadline(dt.datetime(2025, 3, 13, 20, tzinfo=dt.UTC), "1个工作日", calendar=CAL).last_day == dt.date(
        2025, 3, 17
    )
    # the same wall clock read naively is Thursday 03-13: 1 workday later is Friday 03-14
    assert sc.deadline(dt.datetime(2025, 3, 13, 20), "1个工作日", calendar=CAL).last_day == dt.date(2025, 3, 14)


def test_start_is_kept_as_an_aware_instant_or_a_date() -> None:
    d = sc.deadline(dt.datetime(2025, 3, 13, 20, tzinfo=dt.UTC), "1个工作日", calendar=CAL)
    assert isinstance(d.start, pendulum.DateTime)
    assert d.start == dt.datetime(2025, 3, 14, 4, tzinfo=CST)
    assert sc.deadline(dt.date(2025, 3, 13), "1个工作日", calendar=CAL).start == dt.date(2025, 3, 13)


@pytest.mark.parametrize(
    "start",
    [
        dt.datetime(2025, 9, 30, 7, tzinfo=dt.UTC),
        dt.datetime(2025, 9, 30, 15),
        "2025-09-30T15:00",
        "2025-09-30T15:00:00+08:00",
        np.datetime64("2025-09-30T15:00"),
        pendulum.datetime(2025, 9, 30, 15, tz="Asia/Shanghai"),
    ],
)
def test_hours_run_from_the_instant(start: object) -> None:
    d = sc.deadline(start, "48小时", calendar=CAL)  # type: ignore[arg-type]
    assert d.due == _due(2025, 10, 2, 15)
    assert isinstance(d.due, pendulum.DateTime)
    assert d.due.tzinfo is not None
    assert d.due.tzinfo.utcoffset(None) is None
    assert d.last_day == dt.date(2025, 10, 2)


def test_minutes_and_timedeltas() -> None:
    start = dt.datetime(2025, 9, 30, 23, 45)
    assert sc.deadline(start, "30分钟", calendar=CAL).due == _due(2025, 10, 1, 0, 15)
    assert sc.deadline(start, dt.timedelta(minutes=15), calendar=CAL).due == _due(2025, 10, 1)
    # ending exactly at 00:00, the period's last day is the day before (its 24:00)
    assert sc.deadline(start, dt.timedelta(minutes=15), calendar=CAL).last_day == dt.date(2025, 9, 30)


def test_a_date_is_not_enough_for_an_hour_period() -> None:
    with pytest.raises(sc.InvalidInputError, match="moment"):
        sc.deadline(dt.date(2025, 9, 30), "24小时", calendar=CAL)


def test_working_hour_periods_need_a_calendar_with_hours() -> None:
    with pytest.raises(sc.InvalidInputError, match="with_hours"):
        sc.deadline(dt.datetime(2025, 9, 30, 15), "8个工作小时", calendar=CAL)
    with pytest.raises(sc.InvalidInputError, match="moment"):
        sc.deadline(dt.date(2025, 9, 30), "8个工作小时", calendar=CAL.with_hours("09:00-18:00"))


@pytest.mark.parametrize("start", [3, 2.5, "tomorrow", object()])
def test_bad_starts(start: object) -> None:
    with pytest.raises(sc.InvalidInputError):
        sc.deadline(start, "5个工作日", calendar=CAL)  # type: ignore[arg-type]


@pytest.mark.parametrize("start", [None, np.datetime64("NaT")])
def test_a_missing_start_has_no_deadline(start: object) -> None:
    """A missing start gives a missing result (docs/guide.md, "Missing values"); it was an InvalidInputError."""
    assert sc.deadline(start, "5个工作日", calendar=CAL) is None  # type: ignore[call-overload]


def test_bad_calendar_and_convention_arguments() -> None:
    with pytest.raises(sc.InvalidInputError, match="calendar"):
        sc.deadline("2025-09-24", "7日", calendar=None)  # type: ignore[arg-type]
    with pytest.raises(sc.CalendarDataError):
        sc.deadline("2025-09-24", "7日", calendar="XX")
    with pytest.raises(sc.InvalidInputError, match="convention"):
        sc.deadline("2025-09-24", "7日", calendar=CAL, convention="civil_code")  # type: ignore[arg-type]
    with pytest.raises(sc.PeriodParseError):
        sc.deadline("2025-09-24", "7 fortnights", calendar=CAL)


# -- units ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "words", "expected"),
    [
        # months clamp to the month's end (art. 202): 2024 is a leap year
        ("2024-01-31", "1个月", dt.date(2024, 2, 29)),
        ("2025-03-31", "1个月", dt.date(2025, 4, 30)),
        ("2025-01-31", "13个月", dt.date(2026, 2, 28)),
        # a year from 02-29 ends on 02-28
        ("2024-02-29", "1年", dt.date(2025, 2, 28)),
        # weeks are 7 days: 2 weeks from 09-17 is 10-01, National Day, so 10-09
        ("2025-09-17", "2周", dt.date(2025, 10, 9)),
        # a month ending on a weekend rolls: 2025-04-05 + 1 month = 05-05 (May Day block) → 05-06
        ("2025-04-05", "1个月", dt.date(2025, 5, 6)),
        # workdays count makeup Sundays: 2025-09-26 (Fri) + 1 = Sunday 09-28 (调休上班)
        ("2025-09-26", "1个工作日", dt.date(2025, 9, 28)),
        # a Saturday start: day 1 is the next workday, Monday
        ("2025-03-15", "1个工作日", dt.date(2025, 3, 17)),
        # 2026 National Day: 10-01..10-07 off, Saturday 10-10 worked
        ("2026-09-30", "5个工作日", dt.date(2026, 10, 13)),
    ],
)
def test_day_based_units(start: str, words: str, expected: dt.date) -> None:
    d = sc.deadline(start, words, calendar=CAL)
    assert d.last_day == expected
    assert d.due == dt.datetime.combine(expected + dt.timedelta(days=1), dt.time(), tzinfo=CST)


def test_huge_month_counts_are_a_clear_error() -> None:
    with pytest.raises(sc.InvalidInputError, match=r"years 1\.\.9999"):
        sc.deadline("2025-01-31", sc.Period(1_000_000, "year"), calendar=CAL)


# -- convention switches ---------------------------------------------------------------------


def test_no_rollover_keeps_a_holiday_last_day() -> None:
    d = sc.deadline("2025-09-24", "7日", calendar=CAL, convention=sc.Convention.no_rollover())
    assert (d.last_day, d.due) == (dt.date(2025, 10, 1), _due(2025, 10, 2))
    assert "不顺延" in d.explain()


def test_close_of_business_ends_the_last_day_early() -> None:
    conv = sc.Convention.business_hours(dt.time(17, 30))
    d = sc.deadline("2025-09-24", "7日", calendar=CAL, convention=conv)
    assert (d.last_day, d.due) == (dt.date(2025, 10, 9), _due(2025, 10, 9, 17, 30))
    assert str(d) == "2025-10-09 17:30 (Asia/Shanghai)"
    # workday periods end at the close too
    assert sc.deadline("2025-09-26", "5个工作日", calendar=CAL, convention=conv).due == _due(2025, 10, 10, 17, 30)


def test_close_of_business_from_the_calendars_hours() -> None:
    hours = CAL.with_hours("09:00-12:00,13:30-17:30", saturday="09:00-12:00", dates={"2025-09-30": "09:00-15:00"})
    conv = sc.Convention.business_hours()
    assert conv.close_of_business == "hours"
    # 7 days from 2025-09-24 is 10-01 (National Day), rolled to 10-09: that day's close, 17:30
    d = sc.deadline("2025-09-24", "7日", calendar=hours, convention=conv)
    assert (d.last_day, d.due) == (dt.date(2025, 10, 9), _due(2025, 10, 9, 17, 30))
    assert "营业时间结束" in d.explain()
    # a short day closes early
    assert sc.deadline("2025-09-25", "5日", calendar=hours, convention=conv).due == _due(2025, 9, 30, 15)
    # 2025-09-28 is a makeup Sunday: its hours are the weekday schedule (makeup defaults to it)
    assert sc.deadline("2025-09-26", "2日", calendar=hours, convention=conv).due == _due(2025, 9, 28, 17, 30)
    # without rollover a last day without hours ends at 24:00 (art. 203 para 2, first clause)
    no_roll = conv.replace(roll_last_day=False)
    assert sc.deadline("2025-09-24", "7日", calendar=hours, convention=no_roll).due == _due(2025, 10, 2)
    # notice: the latest notice day ends at its close
    notice = sc.notice_deadline("2025-10-31", "提前3日", calendar=hours, convention=conv)
    assert notice.due == _due(2025, 10, 28, 17, 30)
    with pytest.raises(sc.InvalidInputError, match="with_hours"):
        sc.deadline("2025-09-24", "7日", calendar=CAL, convention=conv)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # Friday 2025-03-14: at 17:59 the next workday (Monday) is day 1 ...
        ("2025-03-14T17:59:59", dt.date(2025, 3, 17)),
        # ... at or after the 18:00 cut-off the receipt is deemed Monday's, so day 1 is Tuesday
        ("2025-03-14T18:00", dt.date(2025, 3, 18)),
        ("2025-03-14T23:30", dt.date(2025, 3, 18)),
        # Saturday receipt is deemed Monday's (rest_day_receipt="next_workday")
        ("2025-03-15T09:00", dt.date(2025, 3, 18)),
    ],
)
def test_deemed_receipt(received: str, expected: dt.date) -> None:
    conv = sc.Convention.deemed_receipt("18:00")
    assert sc.deadline(received, "1个工作日", calendar=CAL, convention=conv).last_day == expected


def test_deemed_receipt_for_calendar_days() -> None:
    # Sunday 2025-03-16 + 5 days = Friday 03-21; deemed Monday 03-17 + 5 = Saturday 03-22 → Monday 03-24
    assert sc.deadline("2025-03-16", "5日", calendar=CAL).last_day == dt.date(2025, 3, 21)
    conv = sc.Convention.deemed_receipt(None)
    d = sc.deadline("2025-03-16", "5日", calendar=CAL, convention=conv)
    assert d.last_day == dt.date(2025, 3, 24)
    assert "视为2025-03-17收到" in d.explain()


def test_a_date_start_ignores_the_cutoff() -> None:
    conv = sc.Convention.deemed_receipt("18:00")
    assert sc.deadline(dt.date(2025, 3, 14), "1个工作日", calendar=CAL, convention=conv).last_day == dt.date(
        2025, 3, 17
    )


def test_makeup_days_as_rest_for_article_203() -> None:
    conv = CIVIL.replace(makeup_days_are_rest=True)
    # day 15 from 2025-09-13 is the makeup Sunday 09-28: by default it stays, with the switch it moves
    assert sc.deadline("2025-09-13", "15日", calendar=CAL).last_day == dt.date(2025, 9, 28)
    assert sc.deadline("2025-09-13", "15日", calendar=CAL, convention=conv).last_day == dt.date(2025, 9, 29)
    # a rolled day never lands on a makeup day: 2025-10-05 + 3 days = 10-08 (holiday); 10-09 is a workday
    assert sc.deadline("2025-10-05", "3日", calendar=CAL, convention=conv).last_day == dt.date(2025, 10, 9)


def test_rolling_clock_time_when_asked() -> None:
    conv = CIVIL.replace(roll_clock_time=True)
    d = sc.deadline("2025-09-30T15:00", "48小时", calendar=CAL, convention=conv)
    assert (d.last_day, d.due) == (dt.date(2025, 10, 9), _due(2025, 10, 10))
    # ending on a workday it is not moved
    d = sc.deadline("2025-09-29T15:00", "24小时", calendar=CAL, convention=conv)
    assert d.due == _due(2025, 9, 30, 15)
    # ending at 00:00 of a holiday is ending at 24:00 of the workday before: not moved
    d = sc.deadline("2025-09-30T00:00", "24小时", calendar=CAL, convention=conv)
    assert (d.last_day, d.due) == (dt.date(2025, 9, 30), _due(2025, 10, 1))


def test_convention_validation() -> None:
    with pytest.raises(sc.InvalidInputError, match="correspondence"):
        sc.Convention(correspondence="end_of_month")  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidInputError, match="roll_last_day"):
        sc.Convention(roll_last_day=1)  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidInputError, match="17h30"):
        sc.Convention.business_hours("17h30")
    with pytest.raises(sc.InvalidInputError, match="naive"):
        sc.Convention(cutoff=dt.time(18, tzinfo=dt.UTC))
    with pytest.raises(sc.InvalidInputError, match="00:00"):
        sc.Convention(close_of_business=dt.time(0))
    with pytest.raises(sc.InvalidInputError, match="roll_everything"):
        CIVIL.replace(roll_everything=True)
    assert CIVIL.replace(roll_last_day=False, name="mine").name == "mine"
    assert sc.Convention() == CIVIL
    assert hash(sc.Convention()) == hash(CIVIL)
    assert copy.deepcopy(CIVIL) is CIVIL


# -- zones ------------------------------------------------------------------------------------


def test_hours_are_elapsed_time_across_a_dst_change() -> None:
    ny = sc.custom_calendar("1111100", first="2025-01-01", last="2025-12-31", tz="America/New_York")
    # 2025-03-08 12:00 EST + 24 hours = 03-09 13:00 EDT (the clocks skipped 02:00-03:00)
    d = sc.deadline(dt.datetime(2025, 3, 8, 12), "24 hours", calendar=ny)
    assert d.due == dt.datetime(2025, 3, 9, 13, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    assert d.due.isoformat() == "2025-03-09T13:00:00-04:00"


def test_a_naive_start_in_a_dst_gap_is_refused() -> None:
    ny = sc.custom_calendar("1111100", first="2025-01-01", last="2025-12-31", tz="America/New_York")
    with pytest.raises(sc.InvalidInputError, match="does not exist"):
        sc.deadline(dt.datetime(2025, 3, 9, 2, 30), "1 hour", calendar=ny)


def test_a_day_whose_midnight_does_not_exist_ends_at_the_next_days_first_instant() -> None:
    # Chile moved its clocks from 2024-09-08 00:00 to 01:00: 09-07 ends at 09-08 01:00 -03:00
    cl = sc.custom_calendar("1111111", first="2024-01-01", last="2024-12-31", tz="America/Santiago")
    d = sc.deadline("2024-09-06", "1日", calendar=cl)
    assert d.last_day == dt.date(2024, 9, 7)
    assert d.due.isoformat() == "2024-09-08T01:00:00-03:00"
    assert str(d) == "2024-09-07 24:00 (America/Santiago)"


# -- horizon -----------------------------------------------------------------------------------


def test_past_the_horizon_raises() -> None:
    with pytest.raises(sc.CalendarHorizonError, match="2026-12-31"):
        sc.deadline("2026-12-28", "5个工作日", calendar=CAL)
    with pytest.raises(sc.CalendarHorizonError):
        sc.deadline("2026-12-28", "7日", calendar=CAL)
    with pytest.raises(sc.CalendarHorizonError):
        sc.deadline("2026-12-01", "2个月", calendar=CAL)


def test_projected_results_are_provisional_and_warn_at_the_callers_line() -> None:
    projected = sc.calendar("CN", horizon="projected")
    with pytest.warns(sc.ProvisionalWarning) as record:
        d = sc.deadline("2026-12-28", "5个工作日", calendar=projected)
    assert len(record) == 1
    assert record[0].filename == __file__
    assert d.provisional
    assert d.last_day == dt.date(2027, 1, 5)
    assert "暂定" in d.explain()
    assert "provisional" in d.explain("en")
    # inside the official data the same calendar is not provisional
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not sc.deadline("2026-12-01", "5个工作日", calendar=projected).provisional


def test_elapsed_hours_do_not_consult_the_calendar() -> None:
    d = sc.deadline("2026-12-31T12:00", "48小时", calendar=CAL)
    assert d.due == _due(2027, 1, 2, 12)
    assert not d.provisional


# -- the Deadline value ---------------------------------------------------------------------------


def test_deadline_is_a_frozen_picklable_value() -> None:
    d = sc.deadline(dt.datetime(2025, 9, 26, 10), "5个工作日", calendar=CAL)
    assert pickle.loads(pickle.dumps(d)) == d
    assert hash(d) == hash(sc.deadline(dt.datetime(2025, 9, 26, 10), "5 workdays", calendar=CAL))
    with pytest.raises(AttributeError):
        d.last_day = dt.date(2025, 1, 1)  # type: ignore[misc]
    assert repr(d).startswith("Deadline(due=2025-10-11T00:00:00+08:00, last_day=2025-10-10")
    assert str(d) == "2025-10-10 24:00 (Asia/Shanghai)"


def test_is_met_is_strictly_before_due() -> None:
    d = sc.deadline("2025-09-26", "5个工作日", calendar=CAL)
    assert d.is_met("2025-10-10T23:59:59.999999")
    assert not d.is_met("2025-10-11T00:00")
    assert d.is_met(dt.datetime(2025, 10, 10, 15, 59, tzinfo=dt.UTC))  # 23:59 in Shanghai
    assert not d.is_met(dt.datetime(2025, 10, 10, 16, tzinfo=dt.UTC))
    with pytest.raises(sc.InvalidInputError, match="instant"):
        d.is_met(dt.date(2025, 10, 10))  # type: ignore[arg-type]


def test_explanations_name_each_step() -> None:
    d = sc.deadline("2025-01-24", "收到后5个工作日内", calendar=CAL)
    zh, en = d.explain(), d.explain("en")
    assert "2025-01-26（调休上班）" in zh
    assert "第5个工作日为2025-02-07" in zh
    assert "2025-01-26 (makeup workday)" in en
    assert "workday 5 is 2025-02-07" in en
    assert d.steps() == zh.split("；")
    with pytest.raises(sc.InvalidInputError, match="lang"):
        d.explain("fr")  # type: ignore[arg-type]


# -- notice before a date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "words", "expected"),
    [
        ("2025-10-31", "提前30日书面通知", dt.date(2025, 10, 1)),
        ("2025-10-31", "30 days' notice", dt.date(2025, 10, 1)),
        ("2025-10-31", "提前2周", dt.date(2025, 10, 17)),
        # 1 month before 03-31: notice on 02-28 runs to 03-28; on 03-01 it would run to 04-01, too late
        ("2025-03-31", "提前1个月", dt.date(2025, 2, 28)),
        # 1 month before 02-28: 01-31 + 1 month is clamped to 02-28, so the 31st is still in time
        ("2025-02-28", "提前1个月", dt.date(2025, 1, 31)),
        ("2026-02-28", "提前1年", dt.date(2025, 2, 28)),
        # 3 workdays ending Wednesday 10-15: Mon 13, Tue 14, Wed 15, so notice by Sunday 10-12
        ("2025-10-15", "提前3个工作日", dt.date(2025, 10, 12)),
        # 3 workdays ending Thursday 10-09: 09-29, 09-30, 10-09; notice by Sunday 09-28 (itself a makeup workday)
        ("2025-10-09", "提前3个工作日", dt.date(2025, 9, 28)),
    ],
)
def test_notice_deadline(end: str, words: str, expected: dt.date) -> None:
    d = sc.notice_deadline(end, words, calendar=CAL)
    assert d.last_day == expected
    assert d.kind == "before"
    assert d.due == dt.datetime.combine(expected + dt.timedelta(days=1), dt.time(), tzinfo=CST)


def test_notice_rolled_back_only_when_asked() -> None:
    conv = sc.Convention.notice_on_workday()
    # the latest plain notice day is Sunday 10-12; the workday before it is the makeup Saturday 10-11
    d = sc.notice_deadline("2025-10-15", "3个工作日", calendar=CAL, convention=conv)
    assert d.last_day == dt.date(2025, 10, 11)
    d = sc.notice_deadline("2025-10-31", "30日", calendar=CAL, convention=conv)
    assert d.last_day == dt.date(2025, 9, 30)
    assert "提前至此前最后一个工作日2025-09-30" in d.explain()


def test_notice_in_hours_is_refused() -> None:
    with pytest.raises(sc.InvalidInputError, match="whole days"):
        sc.notice_deadline("2025-10-31", "24小时", calendar=CAL)


def test_notice_before_the_data_starts_raises() -> None:
    with pytest.raises(sc.CalendarHorizonError):
        sc.notice_deadline("2004-01-05", "5个工作日", calendar=CAL)


# -- monthly limits and fixed windows -------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "rule", "last_day", "due"),
    [
        ("2025-10", "每月初五个工作日内", dt.date(2025, 10, 14), _due(2025, 10, 15)),
        ((2025, 10), "within the first 5 workdays of each month", dt.date(2025, 10, 14), _due(2025, 10, 15)),
        # October 2026: 10-01..10-07 off, so workday 3 is the makeup Saturday 10-10 and workday 5 is 10-13
        (dt.date(2026, 10, 20), "每月前3个工作日", dt.date(2026, 10, 10), _due(2026, 10, 11)),
        ("2026年10月", "每月初五个工作日内", dt.date(2026, 10, 13), _due(2026, 10, 14)),
        # "before the first workday": by 00:00 of 2025-10-09, so the last day is 10-08
        ("2025-10", "每月的第一个工作日前", dt.date(2025, 10, 8), _due(2025, 10, 9)),
        # the seed contract's own wording drops 第
        ("2025-10", "每月的一个工作日前", dt.date(2025, 10, 8), _due(2025, 10, 9)),
        # a month starting on a workday: the last day is in the month before
        ("2025-12", "before the first workday of each month", dt.date(2025, 11, 30), _due(2025, 12, 1)),
        (np.datetime64("2025-12-15"), "每月第2个工作日之前", dt.date(2025, 12, 1), _due(2025, 12, 2)),
    ],
)
def test_monthly_deadline(month: object, rule: str, last_day: dt.date, due: dt.datetime) -> None:
    d = sc.monthly_deadline(month, rule, calendar=CAL)  # type: ignore[arg-type]
    assert (d.last_day, d.due) == (last_day, due)


def test_monthly_deadlines_over_a_range() -> None:
    ds = sc.monthly_deadlines("2025-12", "2026-02", sc.MonthlyRule("within_first", 5), calendar=CAL)
    # 2026-01-01..03 off, 01-04 (Sunday) worked
    assert [d.last_day for d in ds] == [dt.date(2025, 12, 5), dt.date(2026, 1, 8), dt.date(2026, 2, 6)]
    with pytest.raises(sc.InvalidInputError, match="before the first month"):
        sc.monthly_deadlines("2026-02", "2025-12", "每月初五个工作日内", calendar=CAL)


def test_monthly_errors() -> None:
    with pytest.raises(sc.PeriodParseError, match="monthly rule"):
        sc.monthly_deadline("2025-10", "每月5日前", calendar=CAL)
    with pytest.raises(sc.InvalidInputError, match="fewer than 20 workdays"):
        sc.monthly_deadline("2025-10", sc.MonthlyRule("within_first", 20), calendar=CAL)
    with pytest.raises(sc.InvalidInputError, match="1 to 23"):
        sc.MonthlyRule("within_first", 24)
    with pytest.raises(sc.InvalidInputError, match="month"):
        sc.monthly_deadline("October", "每月初五个工作日内", calendar=CAL)
    with pytest.raises(sc.CalendarHorizonError):
        sc.monthly_deadline("2027-01", "每月初五个工作日内", calendar=CAL)


@pytest.mark.parametrize(
    "text",
    [
        "有效期自2025-01-01至2025-01-31",
        "2025年1月1日至2025年1月31日",
        "from 2025-01-01 to 2025-01-31",
        "2025-01-01..2025-01-31",
    ],
)
def test_fixed_window_text(text: str) -> None:
    w = sc.fixed_window(text, calendar=CAL)
    assert (w.first_day, w.last_day) == (dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    assert (w.opens, w.closes) == (_due(2025, 1, 1), _due(2025, 2, 1))
    assert "2025-01-01T00:00" in w
    assert "2025-01-31T23:59:59" in w
    assert "2024-12-31T23:59:59" not in w
    assert "2025-02-01T00:00" not in w


def test_fixed_window_errors() -> None:
    with pytest.raises(sc.InvalidInputError, match="before the first day"):
        sc.fixed_window("2025-01-31", "2025-01-01", calendar=CAL)
    with pytest.raises(sc.InvalidInputError, match="range of days"):
        sc.fixed_window("valid for a while", calendar=CAL)
    with pytest.raises(sc.InvalidInputError, match="instant"):
        _ = dt.date(2025, 1, 5) in sc.fixed_window("2025-01-01", "2025-01-31", calendar=CAL)
