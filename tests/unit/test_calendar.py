"""WorkCalendar behaviour: inputs, outputs, day kinds, rolls, months, overrides, value semantics."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from zoneinfo import ZoneInfo

import numpy as np
import pytest

import slaclock as sc


@pytest.fixture(scope="module")
def cn() -> sc.WorkCalendar:
    return sc.calendar("CN")


# -- inputs and outputs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        dt.date(2026, 2, 14),
        dt.datetime(2026, 2, 14, 23, 59),  # naive: wall time in Asia/Shanghai
        dt.datetime(2026, 2, 13, 16, 30, tzinfo=dt.UTC),  # 00:30 on the 14th in Shanghai
        dt.datetime(2026, 2, 14, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
        "2026-02-14",
        " 2026-02-14T08:00 ",
        "2026-02-13T20:00:00+00:00",
        np.datetime64("2026-02-14"),
        np.datetime64("2026-02-14T23:00:00"),
    ],
)
def test_every_date_form_names_the_same_civil_day(cn: sc.WorkCalendar, value: object) -> None:
    # 2026-02-14 is a makeup Saturday: only the right civil day answers True and moves to 02-24.
    assert cn.is_workday(value) == True  # noqa: E712 - numpy bools too
    assert cn.day_kind(value) == sc.DayKind.MAKEUP_WORKDAY
    result = cn.add_workdays(value, 1)
    assert str(result) == "2026-02-24"


def test_output_kinds(cn: sc.WorkCalendar) -> None:
    assert type(cn.add_workdays(dt.date(2026, 3, 2), 1)) is dt.date
    assert type(cn.add_workdays(dt.datetime(2026, 3, 2, 10), 1)) is dt.date
    assert type(cn.add_workdays("2026-03-02", 1)) is dt.date
    scalar64 = cn.add_workdays(np.datetime64("2026-03-02"), 1)
    assert isinstance(scalar64, np.datetime64)
    assert scalar64 == np.datetime64("2026-03-03")
    listed = cn.add_workdays([dt.date(2026, 3, 2), "2026-03-06"], 1)
    assert listed.dtype == np.dtype("datetime64[D]")
    assert listed.tolist() == [dt.date(2026, 3, 3), dt.date(2026, 3, 9)]
    assert cn.add_workdays(dt.date(2026, 3, 2), np.array([1, 2])).tolist() == [dt.date(2026, 3, 3), dt.date(2026, 3, 4)]
    assert type(cn.workdays_between("2026-03-02", "2026-03-09")) is int
    assert type(cn.is_workday("2026-03-02")) is bool


def test_broadcasting_and_shapes(cn: sc.WorkCalendar) -> None:
    days = np.array([["2026-09-30"], ["2026-02-13"]], dtype="datetime64[D]")
    out = cn.add_workdays(days, np.array([1, 2, 3]))
    assert out.shape == (2, 3)
    assert out[0].tolist() == [dt.date(2026, 10, 8), dt.date(2026, 10, 9), dt.date(2026, 10, 10)]
    assert out[1].tolist() == [dt.date(2026, 2, 14), dt.date(2026, 2, 24), dt.date(2026, 2, 25)]
    assert cn.add_workdays(np.array([], dtype="datetime64[D]"), 3).shape == (0,)


def test_finer_units_floor_to_the_day(cn: sc.WorkCalendar) -> None:
    stamps = np.array(["2026-02-14T23:59:59.999", "2026-02-15T00:00"], dtype="datetime64[ms]")
    assert cn.is_workday(stamps).tolist() == [True, False]


def test_nat_in_nat_out(cn: sc.WorkCalendar) -> None:
    days = np.array(["2026-03-02", "NaT", "2026-03-06"], dtype="datetime64[D]")
    out = cn.add_workdays(days, 1)
    assert np.isnat(out).tolist() == [False, True, False]
    assert np.isnat(cn.roll(days, "forward")).tolist() == [False, True, False]
    assert cn.is_workday(days).tolist() == [True, False, True]
    assert cn.add_workdays([dt.date(2026, 3, 2), None], 1)[1] != cn.add_workdays([dt.date(2026, 3, 2), None], 1)[1]


def test_nat_in_counts_is_an_error_not_a_number(cn: sc.WorkCalendar) -> None:
    days = np.array(["2026-03-02", "NaT"], dtype="datetime64[D]")
    with pytest.raises(sc.InvalidInputError, match=r"1 of 2 values of `b` are NaT; first at index 1"):
        cn.workdays_between(np.datetime64("2026-03-01"), days)


@pytest.mark.parametrize(
    ("value", "n", "message"),
    [
        ("2026-02-30", 1, "'2026-02-30' is not an ISO date"),
        (20260214, 1, "expected a date.*got int 20260214"),
        (dt.date(2026, 3, 2), 1.5, "n must be an integer"),
        (dt.date(2026, 3, 2), True, "n must be an integer"),
        (dt.date(2026, 3, 2), np.array([1.0]), "dtype float64"),
        (np.array([1, 2]), 1, "got an array of dtype int64"),
        (["2026-03-02", "soon"], 1, "at index 1: 'soon' is not an ISO date"),
    ],
)
def test_bad_inputs_get_typed_errors_naming_the_value(
    cn: sc.WorkCalendar, value: object, n: object, message: str
) -> None:
    with pytest.raises(sc.InvalidInputError, match=message):
        cn.add_workdays(value, n)  # type: ignore[arg-type]


# -- day kinds and names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "kind", "zh", "en"),
    [
        ("2026-10-01", sc.DayKind.HOLIDAY, "国庆节", "National Day"),
        (
            "2026-10-07",
            sc.DayKind.TRANSFERRED_REST,
            "休息日（由 2026-10-10 调休）",
            "Day off (substituted from 10/10/2026)",
        ),
        (
            "2026-10-10",
            sc.DayKind.MAKEUP_WORKDAY,
            "调休上班（调至2026-10-07休息）",
            "Makeup workday (rest moved to 2026-10-07)",
        ),
        ("2026-04-06", sc.DayKind.TRANSFERRED_REST, None, "Tomb-Sweeping Day (observed)"),
        ("2026-10-11", sc.DayKind.WEEKEND, None, None),
        ("2026-10-12", sc.DayKind.WORKDAY, None, None),
    ],
)
def test_day_kinds_and_names(cn: sc.WorkCalendar, day: str, kind: sc.DayKind, zh: str | None, en: str | None) -> None:
    assert cn.day_kind(day) is kind
    info = cn.day_info(day)
    assert info.kind is kind
    assert info.is_workday is kind.is_workday
    assert info.name_en == en
    if zh is not None:
        assert info.name_zh == zh
    assert cn.holiday_name(day, lang="en") == en


def test_day_kind_array(cn: sc.WorkCalendar) -> None:
    days = np.array(["2026-10-01", "2026-10-10", "NaT"], dtype="datetime64[D]")
    kinds = cn.day_kind(days)
    assert kinds.tolist() == ["holiday", "makeup_workday", ""]
    assert (kinds == sc.DayKind.HOLIDAY).tolist() == [True, False, False]


# -- rolls ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "mode", "expected"),
    [
        ("2026-10-01", "forward", "2026-10-08"),
        ("2026-10-01", "following", "2026-10-08"),
        ("2026-10-01", "backward", "2026-09-30"),
        ("2026-10-01", "preceding", "2026-09-30"),
        ("2026-10-01", "modifiedpreceding", "2026-10-08"),  # 09-30 is in another month
        ("2026-05-31", "modifiedfollowing", "2026-05-29"),  # 06-01 is in another month
        ("2026-02-28", "modifiedfollowing", "2026-02-28"),  # makeup Saturday: a workday, stays
        ("2026-10-11", "forward", "2026-10-12"),
        ("2026-10-12", "backward", "2026-10-12"),
        ("2026-10-12", "raise", "2026-10-12"),
        ("2026-10-12", "nat", "2026-10-12"),
    ],
)
def test_roll_modes(cn: sc.WorkCalendar, day: str, mode: str, expected: str) -> None:
    assert cn.roll(day, mode) == dt.date.fromisoformat(expected)  # type: ignore[arg-type]


def test_roll_raise_and_nat_on_rest_days(cn: sc.WorkCalendar) -> None:
    with pytest.raises(sc.NonWorkdayError, match=r"2026-10-01 is not a workday \(holiday, 法定节假日\)"):
        cn.roll("2026-10-01", "raise")
    days = np.array(["2026-10-12", "2026-10-01", "2026-10-11"], dtype="datetime64[D]")
    with pytest.raises(sc.NonWorkdayError, match="2 of 3 dates are rest days; first at index 1: 2026-10-01"):
        cn.roll(days, "raise")
    assert cn.roll("2026-10-01", "nat") is None
    assert np.isnat(cn.roll(days, "nat")).tolist() == [False, True, True]
    with pytest.raises(sc.InvalidInputError, match="roll mode must be one of"):
        cn.roll("2026-10-01", "nearest")  # type: ignore[arg-type]


def test_roll_modes_have_one_name_each_and_numpys_synonyms_are_aliases(cn: sc.WorkCalendar) -> None:
    from typing import get_args

    from slaclock._base.types import RollMode

    assert get_args(RollMode) == ("raise", "nat", "forward", "backward", "modifiedfollowing", "modifiedpreceding")
    days = np.array(["2026-10-01", "2026-10-09", "2026-10-10", "2026-10-11"], dtype="datetime64[D]")
    for alias, mode in (("following", "forward"), ("preceding", "backward")):
        assert cn.roll("2026-10-01", alias) == cn.roll("2026-10-01", mode)  # type: ignore[call-overload]
        assert (cn.roll(days, alias) == cn.roll(days, mode)).all()  # type: ignore[arg-type]
        # numpy reads its synonyms the same way (on a week without makeup days, where numpy is right)
        week = np.array(["2026-11-07", "2026-11-08"], dtype="datetime64[D]")
        assert (np.busday_offset(week, 0, roll=alias) == cn.roll(week, mode)).all()
    too_long = r"accepted for 'forward' and 'backward'\); got 'x+\.\.\.x+' \(str of 10,000 characters\)$"
    with pytest.raises(sc.InvalidInputError, match=too_long):
        cn.roll("2026-10-01", "x" * 10_000)  # type: ignore[call-overload]


# -- months --------------------------------------------------------------------------------


def test_months(cn: sc.WorkCalendar) -> None:
    # CLAUSES/issue 6: the 3rd workday of October 2026 is the makeup Saturday 10-10.
    assert [cn.nth_workday_of_month(2026, 10, k) for k in (1, 2, 3, 4)] == [
        dt.date(2026, 10, 8),
        dt.date(2026, 10, 9),
        dt.date(2026, 10, 10),
        dt.date(2026, 10, 12),
    ]
    assert cn.nth_workday_of_month(2026, 2, -1) == dt.date(2026, 2, 28)  # makeup Saturday ends February
    assert cn.workdays_in_month(2026, 2) == 16  # 5 + 5 + Sat 02-14 + 02-24..27 + Sat 02-28
    with pytest.raises(sc.InvalidInputError, match="2026-10 has 18 workdays"):
        cn.nth_workday_of_month(2026, 10, 19)
    with pytest.raises(sc.InvalidInputError, match="non-zero"):
        cn.nth_workday_of_month(2026, 10, 0)
    with pytest.raises(sc.InvalidInputError, match=r"month an integer 1\.\.12"):
        cn.workdays_in_month(2026, 13)


# -- overrides -----------------------------------------------------------------------------


def test_closures_and_extra_workdays() -> None:
    cal = sc.calendar(
        "CN",
        closures={"2026-03-04": "typhoon", dt.date(2026, 10, 1): "already a holiday"},
        extra_workdays=["2026-03-07"],
    )
    assert cal.day_kind("2026-03-04") is sc.DayKind.CLOSURE
    assert cal.holiday_name("2026-03-04") == "typhoon"
    assert cal.day_kind("2026-10-01") is sc.DayKind.HOLIDAY  # a closure on a rest day changes nothing
    assert cal.day_kind("2026-03-07") is sc.DayKind.EXTRA_WORKDAY
    assert cal.add_workdays(dt.date(2026, 3, 3), 1) == dt.date(2026, 3, 5)
    assert cal.add_workdays(dt.date(2026, 3, 6), 1) == dt.date(2026, 3, 7)
    assert cal != sc.calendar("CN")
    assert "typhoon" in cal.describe()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"region": "JP"}, "unknown region 'JP'; built-in regions are CN, HK, MO, TW"),
        ({"region": "HK", "holiday_list": "bank"}, "region HK has holiday lists 'general', 'statutory'"),
        ({"tz": "Asia/Beijing"}, "unknown time zone 'Asia/Beijing'"),
        ({"closures": ["2030-01-02"]}, r"closure 2030-01-02 is outside the calendar's days"),
        ({"closures": "2026-01-05"}, "must be a collection of dates"),
        ({"closures": ["2026-01-05"], "extra_workdays": ["2026-01-05"]}, "both a closure and an extra workday"),
        ({"horizon": "guess"}, "horizon must be 'official' or 'projected'"),
    ],
)
def test_bad_calendar_arguments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(sc.CalendarDataError, match=message):
        sc.calendar(**kwargs)  # type: ignore[arg-type]


def test_custom_calendar() -> None:
    cal = sc.custom_calendar(
        "Mon Tue Wed Thu Fri Sat", {"2026-05-01": "May Day"}, first="2026-01-01", last="2026-12-31", tz="UTC"
    )
    assert cal.is_workday("2026-05-02") is True  # Saturday works in a six-day week
    assert cal.day_kind("2026-05-01") is sc.DayKind.HOLIDAY
    assert cal.holiday_name("2026-05-01", lang="en") == "May Day"
    assert cal.coverage.source == "user-supplied weekmask and holidays"
    with pytest.raises(sc.CalendarHorizonError, match=r"covers 2026-01-01..2026-12-31; build it with custom_calendar"):
        cal.is_workday("2027-01-01")
    with pytest.raises(sc.CalendarDataError, match="7 digits"):
        sc.custom_calendar("11111", first="2026-01-01", last="2026-12-31", tz="UTC")
    with pytest.raises(sc.CalendarDataError, match="no workday"):
        sc.custom_calendar("0000000", first="2026-01-01", last="2026-12-31", tz="UTC")
    with pytest.raises(sc.CalendarDataError, match="before first"):
        sc.custom_calendar(first="2026-12-31", last="2026-01-01", tz="UTC")


# -- value semantics -----------------------------------------------------------------------


def test_value_semantics(cn: sc.WorkCalendar) -> None:
    assert sc.calendar("CN") is cn  # cached by arguments
    assert sc.calendar("cn") is cn
    assert hash(cn) == hash(sc.calendar("CN", tz="Asia/Shanghai"))
    assert copy.copy(cn) is cn
    assert copy.deepcopy(cn) is cn
    clone = pickle.loads(pickle.dumps(cn))
    assert clone == cn
    assert clone.add_workdays(dt.date(2026, 9, 30), 5) == dt.date(2026, 10, 13)
    assert len(pickle.dumps(cn)) < 2_000  # the spec travels, not the tables
    with pytest.raises(AttributeError):
        cn.region = "HK"  # type: ignore[misc]
    assert {cn: 1}[sc.calendar("CN")] == 1


def test_other_zone_changes_civil_date() -> None:
    utc = sc.calendar("CN", tz="UTC")
    moment = dt.datetime(2026, 2, 13, 20, 0, tzinfo=dt.UTC)  # 2026-02-14 04:00 in Shanghai
    assert utc.day_kind(moment) is sc.DayKind.WORKDAY  # Friday the 13th in UTC
    assert sc.calendar("CN").day_kind(moment) is sc.DayKind.MAKEUP_WORKDAY


def test_add_workdays_out_writes_in_place_and_checks_it() -> None:
    cal = sc.calendar("CN")
    days = np.array(["2026-09-30", "2026-10-09", "NaT", "2026-10-10"], dtype="datetime64[D]")
    for n in (3, -2, 0, np.array([1, -1, 2, 0])):
        want = cal.add_workdays(days, n)
        out = np.empty_like(days)
        assert cal.add_workdays(days, n, out=out) is out
        np.testing.assert_array_equal(out, want)
    same = days[[0, 1, 3]].copy()
    cal.add_workdays(same, 1, out=same)  # in place over the input
    np.testing.assert_array_equal(same, np.array(["2026-10-08", "2026-10-10", "2026-10-12"], dtype="datetime64[D]"))
    with pytest.raises(sc.InvalidInputError, match="datetime64"):
        cal.add_workdays(days, 1, out=np.empty(4, dtype="datetime64[s]"))
    with pytest.raises(sc.InvalidInputError, match="shape"):
        cal.add_workdays(days, 1, out=np.empty(3, dtype="datetime64[D]"))
    with pytest.raises(sc.CalendarHorizonError):
        cal.add_workdays(np.array(["2026-12-30"], dtype="datetime64[D]"), 5, out=np.empty(1, dtype="datetime64[D]"))
    late = np.array(["2026-12-01", "2026-12-30"], dtype="datetime64[D]")
    before = late.copy()
    with pytest.raises(sc.CalendarHorizonError, match="index 1"):
        cal.add_workdays(late, 5, out=late)
    np.testing.assert_array_equal(late, before)  # an error leaves `out` (here the input) untouched
