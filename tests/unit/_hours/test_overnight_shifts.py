"""Overnight shifts: owned by the day they start on, at the holiday edges; what is refused; the horizon."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest

import slaclock as sc
from slaclock._hours.schedule import WorkingHours, parse_schedule

CST = dt.timezone(dt.timedelta(hours=8))
NIGHT = sc.calendar("CN").with_hours("22:00-06:00")
H = dt.timedelta(hours=1)


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


# -- reading schedules ------------------------------------------------------------------------------


def test_an_interval_may_end_after_midnight() -> None:
    assert parse_schedule("22:00-06:00") == ((79200, 108000),)
    assert parse_schedule("20:00-08:00") == ((72000, 115200),)
    assert parse_schedule("08:00-12:00, 22:00-06:00") == ((28800, 43200), (79200, 108000))
    assert parse_schedule("00:00-24:00") == ((0, 86400),)
    assert parse_schedule("00:01-00:00") == ((60, 86400),)  # ends at the next midnight: 24:00
    assert parse_schedule("23:59-23:58") == ((86340, 86340 + 86340),)  # 23 h 59 min
    h = sc.working_hours("08:00-12:00,22:00-06:00")
    assert str(h) == "08:00-12:00,22:00-06:00"
    assert sc.working_hours(str(h)) == h
    assert "working hours: 08:00-12:00,22:00-06:00" in sc.calendar("CN").with_hours(h).describe()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("22:00-22:00",), r"'22:00-22:00' in '22:00-22:00' ends where it starts.*'00:00-24:00'"),
        (("24:00-06:00",), r"'24:00-06:00' .* starts at 24:00"),
        (("07:00-12:00,22:00-08:00",), r"overnight shift 22:00-08:00 runs to 08:00 .* past the opening of 07:00-12:00"),
        (("22:00-06:00,05:00-07:00",), r"overnight shift 22:00-06:00 runs to 06:00 .* opening of 05:00-07:00"),
        (("22:00-06:00,21:00-23:00",), "overlap: 21:00-23:00,22:00-06:00"),
    ],
)
def test_what_is_refused(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(sc.InvalidInputError, match=message):
        sc.working_hours(*args)


def test_a_spill_is_checked_against_every_schedule() -> None:
    """Conservative: any schedule may be the next day's (a makeup day, a dated day), so each opening counts."""
    with pytest.raises(sc.InvalidInputError, match=r"22:00-07:00 runs to 07:00 .* opening of 06:00-12:00"):
        sc.working_hours("22:00-07:00", makeup="06:00-12:00")
    with pytest.raises(sc.InvalidInputError, match=r"opening of 05:00-09:00"):
        sc.working_hours("09:00-18:00", saturday="20:00-06:00", dates={"2025-09-30": "05:00-09:00"})
    sc.working_hours("08:00-20:00", makeup="20:00-08:00")  # ends exactly at the earliest opening: fine


def test_an_interval_longer_than_a_day_is_refused() -> None:
    with pytest.raises(sc.InvalidInputError, match="more than 24 hours"):
        WorkingHours((((0, 90_000),),) * 7, ())
    with pytest.raises(sc.InvalidInputError, match="does not start on its day"):
        WorkingHours((((86_400, 90_000),),) * 7, ())


# -- the day that owns a shift ------------------------------------------------------------------------


def test_the_eve_of_the_national_day_runs_into_october_1() -> None:
    # 2025: Sep 30 (Tue) a workday; Oct 1..8 off; Oct 11 (Sat) a makeup workday
    assert NIGHT.is_open(dt.datetime(2025, 9, 30, 22))
    assert NIGHT.is_open(dt.datetime(2025, 10, 1, 3))
    assert NIGHT.is_open(dt.datetime(2025, 10, 1, 5, 59, 59))
    assert not NIGHT.is_open(dt.datetime(2025, 10, 1, 6))
    assert NIGHT.close_of(dt.date(2025, 9, 30)) == _at(2025, 10, 1, 6)
    assert NIGHT.working_time_between(dt.datetime(2025, 9, 30, 12), dt.datetime(2025, 10, 2)) == 8 * H
    assert NIGHT.add_working_time(dt.datetime(2025, 9, 30, 23), "7 hours") == _at(2025, 10, 1, 6)


def test_no_shift_starts_on_a_holiday() -> None:
    assert not NIGHT.is_open(dt.datetime(2025, 10, 1, 22))
    assert not NIGHT.is_open(dt.datetime(2025, 10, 2, 3))
    assert NIGHT.close_of(dt.date(2025, 10, 1)) is None
    # Oct 8 is a rest day: its night is not worked, though Oct 9 is a workday
    assert not NIGHT.is_open(dt.datetime(2025, 10, 9, 3))
    assert NIGHT.next_open(dt.datetime(2025, 10, 1, 7)) == _at(2025, 10, 9, 22)
    assert NIGHT.add_working_time(dt.datetime(2025, 9, 30, 23), "8 hours") == _at(2025, 10, 9, 23)
    assert NIGHT.add_working_time(dt.datetime(2025, 10, 9, 23), dt.timedelta(hours=-2)) == _at(2025, 10, 1, 5)


def test_a_makeup_saturday_shift_is_worked() -> None:
    assert NIGHT.day_kind(dt.date(2025, 10, 11)) is sc.DayKind.MAKEUP_WORKDAY
    assert NIGHT.is_open(dt.datetime(2025, 10, 11, 23))
    assert NIGHT.is_open(dt.datetime(2025, 10, 12, 5))  # Sunday morning: Saturday's shift
    assert not NIGHT.is_open(dt.datetime(2025, 10, 12, 23))
    assert not NIGHT.is_open(dt.datetime(2025, 10, 13, 5))  # Monday morning: Sunday had no shift
    assert NIGHT.close_of(dt.date(2025, 10, 11)) == _at(2025, 10, 12, 6)
    # a makeup day's own schedule owns its night
    cal = sc.calendar("CN").with_hours("09:00-18:00", makeup="20:00-08:00")
    assert cal.is_open(dt.datetime(2025, 10, 12, 7))
    assert not cal.is_open(dt.datetime(2025, 10, 13, 7))
    assert cal.close_of(dt.date(2025, 10, 11)) == _at(2025, 10, 12, 8)


def test_columns_agree_at_the_edges() -> None:
    t = np.array(
        ["2025-09-30T22:00", "2025-10-01T03:00", "2025-10-01T06:00", "2025-10-09T03:00", "2025-10-12T05:00", "NaT"],
        dtype="datetime64[us]",
    )
    assert NIGHT.is_open(t).tolist() == [True, True, False, False, True, False]
    scalar = [NIGHT.next_open(v.item()) for v in t[:-1]]
    assert NIGHT.next_open(t)[:-1].tolist() == [s.naive() for s in scalar]  # type: ignore[union-attr,index]
    days = np.array(["2025-09-30", "2025-10-01", "2025-10-11"], dtype="datetime64[D]")
    assert NIGHT.close_of(days).tolist() == [dt.datetime(2025, 10, 1, 6), None, dt.datetime(2025, 10, 12, 6)]  # type: ignore[union-attr]


def test_a_24_7_desk() -> None:
    desk = sc.custom_calendar(
        "1111111", ["2025-05-01"], first="2025-01-01", last="2025-12-31", tz="Asia/Shanghai"
    ).with_hours("00:00-24:00")
    a, b = dt.datetime(2025, 4, 29, 10), dt.datetime(2025, 5, 3, 10)
    assert desk.working_time_between(a, b) == (b - a) - 24 * H
    assert desk.add_working_time(a, "48 hours") == _at(2025, 5, 2, 10)
    assert desk.close_of(dt.date(2025, 4, 30)) == _at(2025, 5, 1)


def test_close_of_business_is_the_shift_end() -> None:
    cal = sc.calendar("CN").with_hours("08:00-12:00,22:00-06:00")
    conv = sc.Convention(close_of_business="hours")
    starts = np.array(["2025-09-24T10:00"], dtype="datetime64[us]")
    col = sc.deadlines(starts, "5 workdays", calendar=cal, convention=conv)
    assert col.due.tolist() == [dt.datetime(2025, 10, 1, 6)]  # the 5th workday is Sep 30; its shift ends Oct 1 06:00


# -- the horizon ---------------------------------------------------------------------------------------


def test_the_last_official_day_s_shift_is_past_the_days() -> None:
    """Official data ends 2026-12-31 (a Thursday): its shift runs into 2027, outside the calendar's days."""
    last = dt.datetime(2026, 12, 31, 21)
    assert NIGHT.add_working_time(last, "1 hour") == _at(2026, 12, 31, 23)
    for amount in ("2 hours", "5 hours"):
        with pytest.raises(sc.CalendarHorizonError, match="add_working_time"):
            NIGHT.add_working_time(last, amount)
        with pytest.raises(sc.CalendarHorizonError, match="1 of 2 values"):
            NIGHT.add_working_time(np.array([last, last - 24 * H], dtype="datetime64[us]"), amount)
    with pytest.raises(sc.CalendarHorizonError, match="night shift's close 2027-01-01T06:00"):
        NIGHT.close_of(dt.date(2026, 12, 31))
    with pytest.raises(sc.CalendarHorizonError, match="night shift's close 2027-01-01T06:00"):
        NIGHT.close_of(np.array(["2026-12-30", "2026-12-31"], dtype="datetime64[D]"))


def test_a_projected_calendar_flags_the_spill_as_provisional() -> None:
    cal = sc.calendar("CN", horizon="projected").with_hours("22:00-06:00")
    last = dt.datetime(2026, 12, 31, 21)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert cal.add_working_time(last, "1 hour") == _at(2026, 12, 31, 23)
    assert not caught
    for call in (
        lambda: cal.add_working_time(last, "2 hours"),
        lambda: cal.add_working_time(last, "5 hours"),
        lambda: cal.add_working_time(np.array([last], dtype="datetime64[us]"), "8 hours"),
        lambda: cal.close_of(dt.date(2026, 12, 31)),
        lambda: cal.close_of(np.array(["2026-12-31"], dtype="datetime64[D]")),
    ):
        with pytest.warns(sc.ProvisionalWarning, match="2027-01-01"):
            call()
    with pytest.warns(sc.ProvisionalWarning, match="2027-01-04"):  # Jan 1 a holiday, then a weekend
        assert cal.add_working_time(last, "9 hours") == _at(2027, 1, 4, 23)


def test_a_deadline_at_close_of_business_names_the_shift_end() -> None:
    cal = sc.calendar("CN").with_hours("08:00-12:00,22:00-06:00")
    conv = sc.Convention(close_of_business="hours")
    d = sc.deadline(dt.datetime(2025, 9, 24, 10), "5 workdays", calendar=cal, convention=conv)
    assert d is not None
    assert d.due == _at(2025, 10, 1, 6)
    assert d.last_day == dt.date(2025, 9, 30)
    assert str(d) == "2025-10-01 06:00 (Asia/Shanghai)"
    assert d.explain().endswith("截止2025-10-01 06:00（营业时间结束，第203条第2款）")
    assert d.explain(lang="en").endswith("ends 2025-10-01 06:00 (close of business, art. 203 para 2)")
    with pytest.raises(sc.CalendarHorizonError, match="close of business on the last day: 2027-01-01"):
        sc.deadline(dt.datetime(2026, 12, 25, 10), "4 workdays", calendar=cal, convention=conv)
    with pytest.raises(sc.CalendarHorizonError, match="close of business on the last day: 2027-01-01"):
        sc.deadlines(
            np.array(["2026-12-25T10:00"], dtype="datetime64[us]"), "4 workdays", calendar=cal, convention=conv
        )


def test_a_working_hours_deadline_explains_the_night_with_its_dates() -> None:
    cal = sc.calendar("CN").with_hours("08:00-12:00,22:00-06:00")
    d = sc.deadline(dt.datetime(2025, 9, 30, 11), "8 working hours", calendar=cal)
    assert d is not None
    assert str(d) == "2025-10-01 05:00 (Asia/Shanghai)"
    assert "2025-09-30 22:00–2025-10-01 05:00（7小时）" in d.explain()
    assert "2025-09-30 22:00–2025-10-01 05:00 (7 h)" in d.explain(lang="en")
