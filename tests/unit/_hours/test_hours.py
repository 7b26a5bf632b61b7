"""Working hours: schedules, close-inclusive arithmetic, deadlines, and a stepping reference."""

from __future__ import annotations

import datetime as dt
import random

import pytest

import slaclock as sc
from tests.helpers.hours_reference import reference_add as _reference_add

CST = dt.timezone(dt.timedelta(hours=8))
CN = sc.calendar("CN")
LUNCH = CN.with_hours("09:00-12:00,13:30-18:00")


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


# -- schedules ------------------------------------------------------------------------------


def test_schedule_text() -> None:
    h = sc.working_hours("09:00-12:00, 13:30-18:00", saturday="09:00-12:00", dates={"2026-09-30": "09:00-15:00"})
    assert h.weekly[0] == ((9 * 3600, 12 * 3600), (13 * 3600 + 1800, 18 * 3600))
    assert h.weekly[5] == ((9 * 3600, 12 * 3600),)
    assert h.makeup == h.weekly[0]
    assert h.dates == ((dt.date(2026, 9, 30), ((9 * 3600, 15 * 3600),)),)
    assert sc.working_hours("22:00-24:00").weekly[0] == ((22 * 3600, 86400),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("22:00-22:00", "ends where it starts"),
        ("24:00-06:00", "starts at 24:00"),
        ("07:00-12:00,22:00-08:00", "overnight shift 22:00-08:00 runs to 08:00"),
        ("09:00-12:00,11:00-13:00", "overlap"),
        ("9h-18h", "HH:MM"),
        ("09:00-18:61", "time of day"),
        ("09:00", "interval"),
    ],
)
def test_bad_schedules(text: str, message: str) -> None:
    with pytest.raises(sc.InvalidInputError, match=message):
        sc.working_hours(text)


def test_a_schedule_for_a_rest_day_is_refused() -> None:
    with pytest.raises(sc.InvalidInputError, match="not a workday"):  # when given, not at the first query
        CN.with_hours("09:00-18:00", dates={"2026-10-01": "09:00-12:00"})


def test_with_hours_is_a_value() -> None:
    assert CN.with_hours("09:00-12:00,13:30-18:00") == LUNCH
    assert LUNCH != CN
    assert LUNCH.hours is not None
    assert "working hours: 09:00-12:00,13:30-18:00" in LUNCH.describe()
    half = sc.working_hours("09:00-18:00", saturday="09:00-12:00", dates={"2026-09-30": "09:00-15:00"})
    assert half.describe() == "09:00-18:00; Sat 09:00-12:00; 2026-09-30 09:00-15:00"


# -- arithmetic -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        # a result exactly at a close stays at the close
        ("2025-09-29T17:00", "1 hour", _at(2025, 9, 29, 18)),
        ("2025-09-29T11:00", "1 hour", _at(2025, 9, 29, 12)),
        # across lunch
        ("2025-09-29T11:00", "2 hours", _at(2025, 9, 29, 14, 30)),
        # a start outside hours begins at the next opening
        ("2025-09-29T12:15", "30 minutes", _at(2025, 9, 29, 14)),
        ("2025-09-29T07:00", "1 hour", _at(2025, 9, 29, 10)),
        # over National Day 2025 (10-01..10-08 off)
        ("2025-09-30T17:00", "2 hours", _at(2025, 10, 9, 10)),
        # a makeup Saturday (2025-10-11) has weekday hours
        ("2025-10-10T17:00", "2 hours", _at(2025, 10, 11, 10)),
        # backward: exactly to an opening returns the opening
        ("2025-09-29T09:30", "-30 minutes", _at(2025, 9, 29, 9)),
        ("2025-09-29T09:30", "-31 minutes", _at(2025, 9, 28, 17, 59)),  # 09-28 is a makeup Sunday
        # zero is the start itself
        ("2025-10-01T10:00", "0 minutes", _at(2025, 10, 1, 10)),
    ],
)
def test_add_working_time(start: str, duration: str, expected: dt.datetime) -> None:
    d = dt.timedelta(minutes=int(duration.split()[0])) if "minutes" in duration else duration
    assert LUNCH.add_working_time(start, d) == expected


def test_next_open_reading_at_a_close() -> None:
    cal = CN.with_hours("09:00-12:00,13:30-18:00", at_close="next_open")
    assert cal.add_working_time("2025-09-29T11:00", "1 hour") == _at(2025, 9, 29, 13, 30)
    assert cal.add_working_time("2025-09-29T17:00", "1 hour") == _at(2025, 9, 30, 9)


def test_queries() -> None:
    assert LUNCH.is_open("2025-09-29T09:00")
    assert not LUNCH.is_open("2025-09-29T12:00")
    assert not LUNCH.is_open("2025-10-01T10:00")
    assert LUNCH.next_open("2025-09-29T12:00") == _at(2025, 9, 29, 13, 30)
    assert LUNCH.next_open("2025-09-29T10:00") == _at(2025, 9, 29, 10)
    assert LUNCH.close_of("2025-09-29") == _at(2025, 9, 29, 18)
    assert LUNCH.close_of("2025-10-01") is None
    # 11:00-12:00, 13:30-18:00 on 09-30, then 09:00-10:00 on 10-09
    assert LUNCH.working_time_between("2025-09-30T11:00", "2025-10-09T10:00") == dt.timedelta(hours=6.5)
    assert LUNCH.working_time_between("2025-10-09T10:00", "2025-09-30T11:00") == dt.timedelta(hours=-6.5)


def test_errors() -> None:
    with pytest.raises(sc.InvalidInputError, match="with_hours"):
        CN.add_working_time("2025-09-29T09:00", "1 hour")
    with pytest.raises(sc.InvalidInputError, match="hours or minutes"):
        LUNCH.add_working_time("2025-09-29T09:00", "2 days")
    with pytest.raises(sc.InvalidInputError, match="instant"):
        LUNCH.add_working_time(dt.date(2025, 9, 29), "1 hour")  # type: ignore[arg-type]
    with pytest.raises(sc.CalendarHorizonError):
        LUNCH.add_working_time("2026-12-31T17:00", "2 hours")


def test_dst_zone_counts_real_time() -> None:
    ny = sc.custom_calendar("1111111", first="2025-01-01", last="2025-12-31", tz="America/New_York")
    # 2025-03-09 02:00-03:00 does not exist: "00:00-24:00" that day is 23 real hours
    cal = ny.with_hours("00:00-24:00")
    assert cal.working_time_between("2025-03-09T00:00", "2025-03-10T00:00") == dt.timedelta(hours=23)
    # an interval inside the gap is empty and dropped
    gap = ny.with_hours("02:00-03:00,09:00-10:00")
    assert gap.add_working_time("2025-03-09T00:00", "30 minutes").isoformat() == "2025-03-09T09:30:00-04:00"


def test_deadline_in_working_hours_explains_its_windows() -> None:
    d = sc.deadline("2025-09-30T15:00", "8个工作小时内响应", calendar=CN.with_hours("09:00-18:00"))
    assert d.due == _at(2025, 10, 9, 14)
    assert d.last_day == dt.date(2025, 10, 9)
    assert "2025-09-30 15:00–18:00（3小时）" in d.explain()
    assert "2025-10-09 09:00–14:00 (5 h)" in d.explain("en")


# -- a deliberately simple reference: walk day by day through the schedule ------------------------


def test_agrees_with_the_stepping_reference_on_random_cases() -> None:
    rng = random.Random(20260101)
    for _ in range(3000):
        start = dt.datetime(2005, 1, 1) + dt.timedelta(minutes=rng.randrange(0, 21 * 365 * 24 * 60))
        minutes = rng.randrange(1, 60 * 40)
        got = LUNCH.add_working_time(start, dt.timedelta(minutes=minutes))
        expected = _reference_add(LUNCH, start, minutes)
        assert got == expected.replace(tzinfo=CST), (start, minutes)
        assert LUNCH.working_time_between(start, got) == dt.timedelta(minutes=minutes)
