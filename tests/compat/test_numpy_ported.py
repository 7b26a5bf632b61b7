"""numpy's own busday tests, their values replayed on ``slaclock.compat.numpy``.

Source: numpy 2.4.6, ``numpy/_core/tests/test_datetime.py``, class ``TestDateTime``: the methods
``test_datetime_busday_offset``, ``test_datetime_busdaycalendar``, ``test_datetime_busday_holidays_offset``,
``test_datetime_busday_holidays_count`` and ``test_datetime_is_busday`` (read from the file shipped in the
numpy 2.4.6 wheel). Only the values are ported: each dates, offsets, roll mode, weekmask and holiday list,
the expected date or count, and the relations those tests check (an offset across holidays equals a longer
offset without them; counting back is counting forward, negated, over the shifted range).

numpy's setting is reproduced by ``sc.custom_calendar(weekmask, holidays, ...)`` over 2000..2030 (numpy's
calendar has no end; these tests stay well inside). Every case also asserts that numpy itself still gives
the ported value, so a value copied wrong fails here rather than passing on both sides.

Where slaclock differs on purpose, the test says so and checks slaclock's behaviour instead:

* numpy's ``weekmask=``/``holidays=``/``busdaycal=`` keywords are not accepted (``calendar=`` replaces them):
  numpy's "can't supply both" cases become "can't supply them at all" (a ``TypeError``).
* A ``NaT`` in a holiday list: numpy drops it; ``custom_calendar`` refuses it (a holiday is a date), so the
  ported lists here leave it out, and one test checks the refusal.
* Weekmask text: numpy refuses lower-case codes (``"satsun"``) and full names (``"Monday Tue"``);
  slaclock reads both (as Saturday-Sunday and Monday-Tuesday). Names numpy refuses for being no day
  (``"Max"``, ``"Mon Tue We"``, ``""``) and an all-rest week are refused by both.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import numpy as np
import pytest

import slaclock as sc
from slaclock.compat.numpy import busday_count, busday_offset, busdaycalendar, is_busday

FIRST, LAST = "2000-01-01", "2030-12-31"


def cal_of(weekmask: Any = "1111100", holidays: Any = ()) -> sc.WorkCalendar:
    """The slaclock calendar of numpy's ``weekmask=``/``holidays=`` (NaT holidays left out: see the docstring)."""
    days = [h for h in holidays if h != "NaT"]
    return sc.custom_calendar(weekmask, days, first=FIRST, last=LAST, tz="UTC", name="numpy-ported")


D = np.datetime64
NAT = np.datetime64("NaT")

# -- test_datetime_busday_offset ----------------------------------------------------------------

# (date, offset, roll, weekmask, expected)
OFFSETS = [
    ("2011-06", 0, "forward", "Mon", "2011-06-06"),  # first Monday in June
    ("2011-07", -1, "forward", "Mon", "2011-06-27"),  # last Monday in June
    ("2010-08", 0, "backward", "1111100", "2010-07-30"),
    ("2010-08", 0, "preceding", "1111100", "2010-07-30"),
    ("2010-08", 0, "modifiedpreceding", "1111100", "2010-08-02"),
    ("2010-08", 0, "modifiedfollowing", "1111100", "2010-08-02"),
    ("2010-08", 0, "forward", "1111100", "2010-08-02"),
    ("2010-08", 0, "following", "1111100", "2010-08-02"),
    ("2010-10-30", 0, "following", "1111100", "2010-11-01"),
    ("2010-10-30", 0, "modifiedfollowing", "1111100", "2010-10-29"),
    ("2010-10-30", 0, "modifiedpreceding", "1111100", "2010-10-29"),
    ("2010-10-16", 0, "modifiedfollowing", "1111100", "2010-10-18"),
    ("2010-10-16", 0, "modifiedpreceding", "1111100", "2010-10-15"),
    ("2006-02-01", 25, "raise", "1111100", "2006-03-08"),  # bigger offsets
    ("2006-03-08", -25, "raise", "1111100", "2006-02-01"),
    ("2007-02-25", 11, "raise", "SatSun", "2007-04-07"),
    ("2007-04-07", -11, "raise", "SatSun", "2007-02-25"),
]


@pytest.mark.parametrize(("date", "offset", "roll", "weekmask", "expected"), OFFSETS)
def test_busday_offset(date: str, offset: int, roll: Any, weekmask: str, expected: str) -> None:
    assert np.busday_offset(date, offset, roll=roll, weekmask=weekmask) == D(expected)  # the ported value
    got = busday_offset(date, offset, roll=roll, calendar=cal_of(weekmask))
    assert isinstance(got, np.datetime64)
    assert got == D(expected)


def test_busday_offset_raises_value_error_on_a_rest_day_by_default() -> None:
    with pytest.raises(ValueError, match="Non-business day"):
        np.busday_offset("2011-06-04", 0)
    with pytest.raises(ValueError, match="not a workday") as caught:  # 2011-06-04 is a Saturday
        busday_offset("2011-06-04", 0, calendar=cal_of())
    assert isinstance(caught.value, sc.NonWorkdayError)
    assert "2011-06-04" in str(caught.value)


@pytest.mark.parametrize("roll", ["nat", "following", "preceding"])
def test_busday_offset_nat_stays_nat(roll: Any) -> None:
    assert np.isnat(np.busday_offset(NAT, 1, roll=roll))
    got = busday_offset(NAT, 1, roll=roll, calendar=cal_of())
    assert isinstance(got, np.datetime64)
    assert np.isnat(got)


# -- test_datetime_busdaycalendar (on the export of a calendar built the same way) ------------------------


def test_busdaycalendar_removes_duplicates_and_weekends_and_sorts() -> None:
    holidays = ["NaT", "2011-01-17", "2011-03-06", "NaT", "2011-12-26", "2011-05-30", "2011-01-17"]
    expected = np.array(["2011-01-17", "2011-05-30", "2011-12-26"], dtype="M8")
    np.testing.assert_equal(np.busdaycalendar(holidays=holidays).holidays, expected)
    bdd = busdaycalendar(cal_of("1111100", holidays))
    np.testing.assert_equal(bdd.holidays, expected)
    np.testing.assert_equal(bdd.weekmask, np.array([1, 1, 1, 1, 1, 0, 0], dtype="?"))  # default M-F


@pytest.mark.parametrize(
    ("weekmask", "expected"),
    [
        ("Sun TueWed  Thu\tFri", [0, 1, 1, 1, 1, 0, 1]),  # varying whitespace, codes run together
        ("0011001", [0, 0, 1, 1, 0, 0, 1]),
        (np.array([False, True, True, True, True, False, False]), [0, 1, 1, 1, 1, 0, 0]),
        ("Mon Tue", [1, 1, 0, 0, 0, 0, 0]),
    ],
)
def test_busdaycalendar_weekmask(weekmask: Any, expected: list[int]) -> None:
    np.testing.assert_equal(np.busdaycalendar(weekmask=weekmask).weekmask, np.array(expected, dtype="?"))
    got = busdaycalendar(cal_of(weekmask)).weekmask
    assert got.dtype == np.bool_
    np.testing.assert_equal(got, np.array(expected, dtype="?"))


@pytest.mark.parametrize("weekmask", [[0, 0, 0, 0, 0, 0, 0], "", "Mon Tue We", "Max"])
def test_busdaycalendar_refuses_a_week_without_workdays_or_a_bad_name(weekmask: Any) -> None:
    with pytest.raises(ValueError, match=r"weekmask|[Ii]nvalid"):
        np.busdaycalendar(weekmask=weekmask)
    with pytest.raises(sc.CalendarDataError, match="weekmask"):  # a ValueError, as numpy's
        cal_of(weekmask)


@pytest.mark.parametrize(
    ("weekmask", "expected"), [("satsun", [0, 0, 0, 0, 0, 1, 1]), ("Monday Tue", [1, 1, 0, 0, 0, 0, 0])]
)
def test_weekmask_text_numpy_refuses_and_slaclock_reads(weekmask: str, expected: list[int]) -> None:
    """A deliberate difference: case and full names are read, never cut short ("satsun" is two days, not one)."""
    with pytest.raises(ValueError, match=r"weekmask|[Ii]nvalid"):
        np.busdaycalendar(weekmask=weekmask)
    np.testing.assert_equal(busdaycalendar(cal_of(weekmask)).weekmask, np.array(expected, dtype="?"))


def test_a_nat_holiday_is_refused_by_custom_calendar() -> None:
    """numpy drops a NaT holiday; slaclock's calendars hold dates only, and say so."""
    with pytest.raises(sc.CalendarDataError, match="NaT"):
        sc.custom_calendar("1111100", ["2011-11-11", "NaT"], first=FIRST, last=LAST, tz="UTC")


# -- test_datetime_busday_holidays_offset -------------------------------------------------------

# (date, offset, holidays, expected)
ONE_HOLIDAY = [
    ("2011-11-10", 1, ["2011-11-11"], "2011-11-14"),  # exactly one holiday
    ("2011-11-04", 5, ["2011-11-11"], "2011-11-14"),
    ("2011-11-10", 5, ["2011-11-11"], "2011-11-18"),
    ("2011-11-14", -1, ["2011-11-11"], "2011-11-10"),
    ("2011-11-18", -5, ["2011-11-11"], "2011-11-10"),
    ("2011-11-14", -5, ["2011-11-11"], "2011-11-04"),
    ("2011-11-10", 1, ["2011-11-11", "2011-11-11"], "2011-11-14"),  # the holiday twice
    ("2011-11-14", -1, ["2011-11-11", "2011-11-11"], "2011-11-10"),
    ("2011-11-10", 1, ["2011-11-11", "NaT"], "2011-11-14"),  # with a NaT holiday (left out here)
    ("2011-11-14", -1, ["NaT", "2011-11-11"], "2011-11-10"),
    ("2011-11-10", 1, ["2011-11-11", "2011-11-24"], "2011-11-14"),  # another holiday after
    ("2011-11-14", -1, ["2011-11-11", "2011-11-24"], "2011-11-10"),
    ("2011-11-10", 1, ["2011-10-10", "2011-11-11"], "2011-11-14"),  # another holiday before
    ("2011-11-14", -1, ["2011-10-10", "2011-11-11"], "2011-11-10"),
    ("2011-11-10", 1, ["2011-10-10", "2011-11-11", "2011-11-24"], "2011-11-14"),  # before and after
    ("2011-11-14", -1, ["2011-10-10", "2011-11-11", "2011-11-24"], "2011-11-10"),
]


@pytest.mark.parametrize(("date", "offset", "holidays", "expected"), ONE_HOLIDAY)
def test_busday_offset_around_a_holiday(date: str, offset: int, holidays: list[str], expected: str) -> None:
    assert np.busday_offset(date, offset, holidays=holidays) == D(expected)
    assert busday_offset(date, offset, calendar=cal_of("1111100", holidays)) == D(expected)


HOLIDAYS = [
    "2011-10-10",
    "2011-11-11",
    "2011-11-24",
    "2011-12-25",
    "2011-05-30",
    "2011-02-21",
    "2011-12-26",
    "2012-01-02",
]
# offset with the holidays == offset + skipped without them: (start, offset, holidays skipped)
JUMPS = [
    ("2011-10-03", 4, 0),
    ("2011-10-03", 5, 1),
    ("2011-10-03", 27, 1),
    ("2011-10-03", 28, 2),
    ("2011-10-03", 35, 2),
    ("2011-10-03", 36, 3),
    ("2011-10-03", 56, 3),
    ("2011-10-03", 57, 4),
    ("2011-10-03", 60, 4),
    ("2011-10-03", 61, 5),
    ("2012-01-03", -1, 1),
    ("2012-01-03", -4, 1),
    ("2012-01-03", -5, 2),
    ("2012-01-03", -25, 2),
    ("2012-01-03", -26, 3),
    ("2012-01-03", -33, 3),
    ("2012-01-03", -34, 4),
    ("2012-01-03", -56, 4),
    ("2012-01-03", -57, 5),
]


@pytest.mark.parametrize(("start", "offset", "skipped"), JUMPS)
def test_a_jump_across_holidays_is_a_longer_jump_without_them(start: str, offset: int, skipped: int) -> None:
    longer = offset + skipped if offset > 0 else offset - skipped
    assert np.busday_offset(start, offset, holidays=HOLIDAYS) == np.busday_offset(start, longer)
    got = busday_offset(start, offset, calendar=cal_of("1111100", HOLIDAYS))
    assert got == busday_offset(start, longer, calendar=cal_of())
    assert got == np.busday_offset(start, offset, holidays=HOLIDAYS)


def test_the_same_jumps_in_one_broadcast_call() -> None:
    """The relations above hold column-wise: one call with the starts and offsets as arrays."""
    starts = np.array([s for s, _, _ in JUMPS], dtype="M8[D]")
    offsets = np.array([n for _, n, _ in JUMPS])
    longer = np.array([n + k if n > 0 else n - k for _, n, k in JUMPS])
    got = busday_offset(starts, offsets, calendar=cal_of("1111100", HOLIDAYS))
    np.testing.assert_array_equal(got, busday_offset(starts, longer, calendar=cal_of()))
    np.testing.assert_array_equal(got, np.busday_offset(starts, offsets, holidays=HOLIDAYS))


@pytest.mark.parametrize("keyword", ["weekmask", "holidays", "busdaycal"])
def test_numpy_calendar_keywords_are_refused(keyword: str) -> None:
    """numpy refuses weekmask/holidays together with busdaycal; here calendar= replaces all three."""
    bdd = np.busdaycalendar(weekmask="1111100", holidays=HOLIDAYS)
    with pytest.raises(ValueError, match="busdaycal"):
        np.busday_offset("2012-01-03", -15, weekmask="1111100", busdaycal=bdd)
    value = {"weekmask": "1111100", "holidays": HOLIDAYS, "busdaycal": bdd}[keyword]
    with pytest.raises(TypeError, match=keyword):
        busday_offset("2012-01-03", -15, calendar=cal_of(), **{keyword: value})
    with pytest.raises(TypeError, match=keyword):
        busday_count("2012-01-03", "2012-02-03", calendar=cal_of(), **{keyword: value})


# (date, roll, holidays, expected)
ROLLS_WITH_HOLIDAYS = [
    ("2011-12-25", "forward", HOLIDAYS, "2011-12-27"),
    ("2011-12-26", "forward", HOLIDAYS, "2011-12-27"),
    ("2011-12-26", "backward", HOLIDAYS, "2011-12-23"),
    (
        "2012-02-27",
        "modifiedfollowing",
        ["2012-02-27", "2012-02-26", "2012-02-28", "2012-03-01", "2012-02-29"],
        "2012-02-24",
    ),
    (
        "2012-03-06",
        "modifiedpreceding",
        ["2012-03-02", "2012-03-03", "2012-03-01", "2012-03-05", "2012-03-07", "2012-03-06"],
        "2012-03-08",
    ),
]


@pytest.mark.parametrize(("date", "roll", "holidays", "expected"), ROLLS_WITH_HOLIDAYS)
def test_roll_with_holidays(date: str, roll: Any, holidays: list[str], expected: str) -> None:
    assert np.busday_offset(date, 0, roll=roll, holidays=holidays) == D(expected)
    assert busday_offset(date, 0, roll=roll, calendar=cal_of("1111100", holidays)) == D(expected)


# -- test_datetime_busday_holidays_count ---------------------------------------------------------

COUNT_HOLIDAYS = [
    "2011-01-01",
    "2011-10-10",
    "2011-11-11",
    "2011-11-24",
    "2011-12-25",
    "2011-05-30",
    "2011-02-21",
    "2011-01-17",
    "2011-12-26",
    "2012-01-02",
    "2011-02-21",
    "2011-05-30",
    "2011-07-01",
    "2011-07-04",
    "2011-09-05",
    "2011-10-10",
]


def test_count_inverts_offset_forward() -> None:
    bdd = np.busdaycalendar(weekmask="1111100", holidays=COUNT_HOLIDAYS)
    cal = cal_of("1111100", COUNT_HOLIDAYS)
    dates = busday_offset("2011-01-01", np.arange(366), roll="forward", calendar=cal)
    np.testing.assert_array_equal(dates, np.busday_offset("2011-01-01", np.arange(366), roll="forward", busdaycal=bdd))
    np.testing.assert_array_equal(busday_count("2011-01-01", dates, calendar=cal), np.arange(366))
    # reversed: negative, and -1 more since 2011-01-01 is not a business day
    np.testing.assert_array_equal(busday_count(dates, "2011-01-01", calendar=cal), -np.arange(366) - 1)


def test_count_inverts_offset_backward() -> None:
    cal = cal_of("1111100", COUNT_HOLIDAYS)
    dates = busday_offset("2011-12-31", -np.arange(366), roll="forward", calendar=cal)  # 2011-12-31 is a Saturday
    # only the first generated date is after 2011-12-31
    expected = np.arange(366)
    expected[0] = -1
    np.testing.assert_array_equal(busday_count(dates, "2011-12-31", calendar=cal), expected)
    expected = -np.arange(366) + 1
    expected[0] = 0
    np.testing.assert_array_equal(busday_count("2011-12-31", dates, calendar=cal), expected)


def test_mondays_in_march_2011() -> None:
    assert np.busday_count("2011-03", "2011-04", weekmask="Mon") == 4
    got = busday_count("2011-03", "2011-04", calendar=cal_of("Mon"))
    assert isinstance(got, np.int64)
    assert got == 4
    assert busday_count("2011-04", "2011-03", calendar=cal_of("Mon")) == -4


@pytest.mark.parametrize(
    ("begin", "end", "expected"),
    [(0, 1, 0), (1, 0, -1), (5, 6, 1), (6, 5, 0)],  # days after Sunday 2023-03-05 (gh-23197)
)
def test_count_around_a_weekend(begin: int, end: int, expected: int) -> None:
    sunday = np.datetime64("2023-03-05")
    a, b = sunday + begin, sunday + end
    assert np.busday_count(a, b) == expected
    assert busday_count(a, b, calendar=cal_of()) == expected


# -- test_datetime_is_busday ---------------------------------------------------------------------


@pytest.mark.parametrize(("date", "expected"), [("2011-01-01", False), ("2011-01-02", False), ("2011-01-03", True)])
def test_is_busday_weekend_and_weekday(date: str, expected: bool) -> None:
    assert np.is_busday(date) == expected
    got = is_busday(date, calendar=cal_of())
    assert isinstance(got, np.bool_)
    assert got == expected


def test_no_holiday_is_a_business_day() -> None:
    holidays = [*COUNT_HOLIDAYS, "NaT"]
    bdd = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    np.testing.assert_array_equal(np.is_busday(holidays, busdaycal=bdd), np.zeros(len(holidays), dtype="?"))
    got = is_busday(holidays, calendar=cal_of("1111100", holidays))  # NaT: False, as numpy
    np.testing.assert_array_equal(got, np.zeros(len(holidays), dtype="?"))


# -- numpy's shapes, beyond its tests: scalars, broadcasting, out=, the inputs it reads ------------


def test_out_receives_and_is_returned() -> None:
    cal = cal_of()
    out = np.empty((2, 3), dtype="M8[D]")
    assert busday_offset("2011-11-10", [1, 2, 3], calendar=cal, out=out) is out
    np.testing.assert_array_equal(out, np.busday_offset("2011-11-10", [1, 2, 3], out=np.empty((2, 3), "M8[D]")))
    counts = np.empty(2, dtype=np.float64)  # int64 casts safely to float64, as numpy allows
    assert busday_count("2011-11-01", ["2011-11-10", "2011-10-01"], calendar=cal, out=counts) is counts
    np.testing.assert_array_equal(counts, [7.0, -22.0])
    flags = np.empty((), dtype=np.bool_)
    assert is_busday("2011-01-03", calendar=cal, out=flags) is flags
    assert bool(flags)


@pytest.mark.parametrize(
    ("call", "numpy_call"),
    [
        (
            lambda c: busday_offset(["2011-11-10"] * 2, [1, 2, 3], calendar=c),
            lambda: np.busday_offset(["2011-11-10"] * 2, [1, 2, 3]),
        ),
        (
            lambda c: busday_count("2011-01-01", ["2011-02-01"], calendar=c, out=np.empty(1, "i4")),
            lambda: np.busday_count("2011-01-01", ["2011-02-01"], out=np.empty(1, "i4")),
        ),
        (
            lambda c: busday_offset("2011-10-03", 1, roll="bogus", calendar=c),
            lambda: np.busday_offset("2011-10-03", 1, roll="bogus"),
        ),
        (lambda c: busday_offset("NaT", 1, calendar=c), lambda: np.busday_offset("NaT", 1)),
        (lambda c: busday_count("NaT", "2011-01-01", calendar=c), lambda: np.busday_count("NaT", "2011-01-01")),
        (
            lambda c: is_busday(np.datetime64("2011-01-03T12:00"), calendar=c),
            lambda: np.is_busday(np.datetime64("2011-01-03T12:00")),
        ),
        (
            lambda c: busday_offset("2011-10-03", 1, calendar=c, out=[1]),
            lambda: np.busday_offset("2011-10-03", 1, out=[1]),
        ),
    ],
    ids=["broadcast", "out-dtype", "roll", "nat-raise", "nat-count", "sub-day", "out-list"],
)
def test_what_numpy_refuses_is_refused_with_its_exception_type(call: Any, numpy_call: Any) -> None:
    with pytest.raises((ValueError, TypeError)) as by_numpy:
        numpy_call()
    with pytest.raises(sc.InvalidInputError) as by_us:
        call(cal_of())
    assert isinstance(by_us.value, type(by_numpy.value))  # drop-in code catching numpy's type still catches ours


def test_dates_as_numpy_reads_them() -> None:
    cal = cal_of()
    for value in (
        "2011-10-03",
        dt.date(2011, 10, 3),
        np.datetime64("2011-10-03"),
        ["2011-10-03"],
        np.array(["2011-10"], "M8[M]"),
    ):
        np.testing.assert_array_equal(
            busday_offset(value, 1, roll="forward", calendar=cal), np.busday_offset(value, 1, roll="forward")
        )
    for offset in (1.0, True, np.uint8(1), [1.0]):  # numpy reads these as 1
        np.testing.assert_array_equal(
            busday_offset("2011-10-03", offset, calendar=cal), np.busday_offset("2011-10-03", offset)
        )


@pytest.mark.parametrize("offset", [1.5, float("nan"), "3"])
def test_an_offset_numpy_would_truncate_or_parse_is_refused(offset: Any) -> None:
    """A deliberate difference: numpy truncates 1.5 to 1 and parses "3"; a workday count here is a whole number."""
    with pytest.raises(sc.InvalidInputError, match="offsets"):
        busday_offset("2011-10-03", offset, calendar=cal_of())


def test_empty_inputs_give_empty_answers() -> None:
    cal = cal_of()
    assert busday_offset([], [], calendar=cal).dtype == np.dtype("M8[D]")
    assert busday_count([], [], calendar=cal).dtype == np.int64
    assert is_busday([], calendar=cal).shape == (0,)


def test_import_slaclock_leaves_the_compat_module_alone() -> None:
    """``slaclock.compat.numpy`` is imported only when asked for, and then brings no optional library."""
    code = (
        "import sys, slaclock; before = 'slaclock.compat.numpy' in sys.modules; "
        "import slaclock.compat.numpy; "
        "print(before, sorted({'pandas', 'polars', 'pyarrow', 'hypothesis', 'holidays'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False []"
