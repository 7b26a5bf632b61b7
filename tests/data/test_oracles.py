"""Every calendar fact checked against independent oracles.

``chinese_calendar`` is independent of slaclock's data source (the ``holidays``
package); ``holidays`` itself is checked too, because slaclock compiles its data
into tables and the compilation must lose nothing.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import holidays
import numpy as np
import pytest

import slaclock as sc

FIRST = dt.date(2004, 1, 1)
LAST = dt.date(2026, 12, 31)
ALL_DAYS = [FIRST + dt.timedelta(days=k) for k in range((LAST - FIRST).days + 1)]

# 国办发明电〔2005〕35号 (the 2006 arrangement): "12月31日（星期六）上班". holidays has it;
# chinese_calendar 1.11 marks it a rest day (a known open upstream issue).
CHINESE_CALENDAR_KNOWN_WRONG = {dt.date(2005, 12, 31)}


@pytest.fixture(scope="module")
def cn() -> sc.WorkCalendar:
    return sc.calendar("CN")


@pytest.fixture(scope="module")
def oracle() -> holidays.HolidayBase:
    return holidays.China(years=range(2004, 2027))


def test_every_day_matches_chinese_calendar_except_the_documented_day(cn: sc.WorkCalendar) -> None:
    ours = cn.is_workday(np.array(ALL_DAYS, dtype="datetime64[D]"))
    theirs = np.array([chinese_calendar.is_workday(d) for d in ALL_DAYS])
    differ = {ALL_DAYS[i] for i in np.flatnonzero(ours != theirs)}
    assert differ == CHINESE_CALENDAR_KNOWN_WRONG
    # ...and on that day the 2006 notice is on our side: a working Saturday.
    assert cn.is_workday(dt.date(2005, 12, 31)) is True
    assert cn.day_kind(dt.date(2005, 12, 31)) is sc.DayKind.MAKEUP_WORKDAY


def test_every_day_matches_holidays(cn: sc.WorkCalendar, oracle: holidays.HolidayBase) -> None:
    ours = cn.is_workday(np.array(ALL_DAYS, dtype="datetime64[D]"))
    theirs = np.array([oracle.is_working_day(d) for d in ALL_DAYS])
    assert [ALL_DAYS[i] for i in np.flatnonzero(ours != theirs)] == []


def test_scalar_path_matches_holidays_every_day(cn: sc.WorkCalendar, oracle: holidays.HolidayBase) -> None:
    assert [d for d in ALL_DAYS if cn.is_workday(d) != oracle.is_working_day(d)] == []


def test_day_kinds_agree_with_chinese_calendar(cn: sc.WorkCalendar) -> None:
    """Makeup workdays are the weekend workdays; holidays carry chinese_calendar's holiday names."""
    kinds = cn.day_kind(np.array(ALL_DAYS, dtype="datetime64[D]"))
    makeup = {ALL_DAYS[i] for i in np.flatnonzero(kinds == sc.DayKind.MAKEUP_WORKDAY)}
    cc_makeup = {d for d in ALL_DAYS if d.weekday() >= 5 and chinese_calendar.is_workday(d)}
    assert makeup == cc_makeup | CHINESE_CALENDAR_KNOWN_WRONG
    for d in ALL_DAYS:
        on_holiday, _name = chinese_calendar.get_holiday_detail(d)
        if on_holiday and d.weekday() < 5:
            assert cn.day_kind(d) in (sc.DayKind.HOLIDAY, sc.DayKind.TRANSFERRED_REST), d


@pytest.mark.parametrize(
    ("year", "workdays"),
    # CALENDAR_FACTS.md: 248 working days in 2025 and in 2026.
    [(2025, 248), (2026, 248)],
)
def test_workdays_per_year(cn: sc.WorkCalendar, year: int, workdays: int) -> None:
    assert cn.workdays_between(dt.date(year, 1, 1), dt.date(year + 1, 1, 1)) == workdays


def test_add_workdays_matches_holidays_on_100k_random_pairs(cn: sc.WorkCalendar, oracle: holidays.HolidayBase) -> None:
    rng = np.random.default_rng(20261121)
    # Starts from 2004-01-01 to late 2026 so that 60 workdays later stays inside the data.
    lo, hi = dt.date(2004, 1, 1).toordinal(), dt.date(2026, 9, 15).toordinal()
    ords = rng.integers(lo, hi + 1, size=100_000)
    ns = rng.integers(1, 61, size=100_000)
    starts = [dt.date.fromordinal(int(o)) for o in ords]
    expected = np.array(
        [oracle.get_nth_working_day(d, int(n)) for d, n in zip(starts, ns, strict=True)], "datetime64[D]"
    )
    vector = cn.add_workdays(np.array(starts, dtype="datetime64[D]"), ns)
    assert np.array_equal(vector, expected)
    scalar = np.array(
        [cn.add_workdays(d, int(n)) for d, n in zip(starts[:20_000], ns[:20_000], strict=True)], "datetime64[D]"
    )
    assert np.array_equal(scalar, expected[:20_000])


@pytest.mark.parametrize(
    ("start", "n", "expected", "why"),
    [
        # CALENDAR_FACTS.md: from a rest day the next workday is day 1 (Civil Code), unlike chinese_calendar.
        ("2025-10-04", 3, "2025-10-11", "10-09 day 1, 10-10 day 2, makeup Saturday 10-11 day 3"),
        ("2026-09-30", 5, "2026-10-13", "DESIGN.md example: 10-08, 10-09, 10-10 (Sat, worked), 10-12, 10-13"),
        ("2026-02-13", 1, "2026-02-14", "the makeup Saturday before Spring Festival is a workday"),
        ("2026-02-14", 1, "2026-02-24", "Spring Festival 02-15..02-23 is nine days off"),
        ("2026-02-27", 1, "2026-02-28", "makeup Saturday after Spring Festival"),
        ("2026-01-01", 1, "2026-01-04", "New Year off 01-01..01-03, Sunday 01-04 worked"),
        ("2020-01-23", 1, "2020-02-03", "2020 Spring Festival extended to 02-02 (国办发明电〔2020〕1号)"),
        ("2015-09-02", 1, "2015-09-06", "victory-day holiday 09-03..09-05, Sunday 09-06 worked"),
        ("2025-10-09", -1, "2025-09-30", "backwards over National Day + Mid-Autumn 10-01..10-08"),
        ("2025-10-01", -1, "2025-09-30", "backwards from a holiday"),
        ("2025-09-29", -1, "2025-09-28", "the makeup Sunday 09-28 is the previous workday"),
    ],
)
def test_hand_checked_offsets(cn: sc.WorkCalendar, start: str, n: int, expected: str, why: str) -> None:
    assert cn.add_workdays(dt.date.fromisoformat(start), n) == dt.date.fromisoformat(expected), why


def test_chinese_calendar_reading_differs_from_a_rest_day(cn: sc.WorkCalendar) -> None:
    """chinese_calendar.find_workday makes the next workday day 0; slaclock (Civil Code) makes it day 1."""
    start = dt.date(2025, 10, 4)
    assert chinese_calendar.find_workday(3, start) == dt.date(2025, 10, 13)
    assert cn.add_workdays(start, 3) == dt.date(2025, 10, 11)
    # The chinese_calendar reading is "deem received on the next workday, then count": roll first.
    assert cn.add_workdays(cn.roll(start, "forward"), 3) == dt.date(2025, 10, 13)


@pytest.mark.parametrize(
    ("region", "day", "workday"),
    [
        ("HK", "2026-02-17", False),  # Chinese New Year, a general holiday
        ("HK", "2026-03-07", False),  # Saturday: business calendars rest (holidays' HK weekend is Sunday only)
        ("HK", "2026-04-04", False),  # the day following Good Friday
        ("MO", "2026-12-20", False),  # Macau SAR Establishment Day (Sunday)
        ("MO", "2026-12-21", True),  # not a public holiday in the default (public) list
        ("TW", "2025-02-08", True),  # 補班 Saturday encoded by holidays
        ("TW", "2026-10-09", False),  # National Day (observed)
    ],
)
def test_other_regions_spot_checks(region: str, day: str, workday: bool) -> None:
    assert sc.calendar(region).is_workday(day) is workday


def test_hk_lists_differ_on_sunday_statutory_only() -> None:
    general = sc.calendar("HK")
    statutory = sc.calendar("HK", holiday_list="statutory")
    days = np.arange(np.datetime64("2026-01-01"), np.datetime64("2027-01-01"))
    # Every statutory day off is also a general holiday on a weekday...
    assert not (~statutory.is_workday(days) & general.is_workday(days)).any()
    # ...but not the reverse: e.g. Easter Monday's following day is general only.
    assert general.workdays_between("2026-01-01", "2027-01-01") < statutory.workdays_between("2026-01-01", "2027-01-01")
