"""The one reader of dates and instants (``slaclock._base.instants``), on its own and as the calendar uses it."""

from __future__ import annotations

import datetime as dt
import pickle
import zoneinfo

import numpy as np
import pandas as pd
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import slaclock as sc
from slaclock._base import instants as rd
from slaclock._base.instants import EPOCH_ORDINAL, NAT_INT, Zone
from slaclock._calendar import day_table

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
NY_NAME = "America/New_York"
NY = zoneinfo.ZoneInfo(NY_NAME)
O0 = dt.date(2025, 1, 1).toordinal()
ZONE = Zone.build(NY_NAME, NY, O0, 365)
"""New York over 2025: clocks skip 2025-03-09 02:00-03:00 and repeat 2025-11-02 01:00-02:00."""


# -- missing values ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [None, pd.NaT, pd.NA, float("nan"), np.float64("nan"), np.datetime64("NaT"), np.datetime64("NaT", "ns")],
    ids=repr,
)
def test_missing_values(value: object) -> None:
    assert rd.is_missing(value)
    assert rd.is_missing_element(value)


@pytest.mark.parametrize(
    "value",
    ["NaT", "", "2026-01-01", 0, 0.0, dt.date(2026, 1, 1), pd.Timestamp("2026-01-01"), np.datetime64("2026-01-01")],
    ids=repr,
)
def test_present_values(value: object) -> None:
    assert not rd.is_missing(value)


def test_the_text_nat_is_missing_only_as_a_column_element() -> None:
    assert rd.is_missing_element("NaT")
    assert rd.is_missing_element(" nat ")
    assert not rd.is_missing("NaT")
    with pytest.raises(sc.InvalidInputError, match="'NaT' is not an ISO date"):
        rd.ordinal(SH, "NaT")


@pytest.mark.parametrize("value", [None, pd.NaT, pd.NA, float("nan"), np.datetime64("NaT", "D")], ids=repr)
def test_the_readers_refuse_a_missing_value_with_a_typed_error(value: object) -> None:
    with pytest.raises(rd.MissingValueError, match="start is missing") as info:
        rd.instant(ZONE, value, "start")
    assert isinstance(info.value, sc.InvalidInputError)
    with pytest.raises(rd.MissingValueError, match="the date is missing"):
        rd.ordinal(SH, value)


# -- civil dates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2026-10-01", dt.date(2026, 10, 1)),
        ("  2026-10-01\n", dt.date(2026, 10, 1)),
        ("2026-10-01T23:30", dt.date(2026, 10, 1)),  # naive: wall time in the zone
        ("2026-10-01 23:30:00.123456", dt.date(2026, 10, 1)),
        ("2026-09-30T20:00Z", dt.date(2026, 10, 1)),  # 04:00 in Shanghai
        ("2026-09-30T20:00+00:00", dt.date(2026, 10, 1)),
        ("2026-10-01T01:00+09:00", dt.date(2026, 10, 1)),  # 00:00 in Shanghai
        ("2026-10-01T00:30+09:00", dt.date(2026, 9, 30)),
        (dt.date(2026, 10, 1), dt.date(2026, 10, 1)),
        (dt.datetime(2026, 9, 30, 20, tzinfo=dt.UTC), dt.date(2026, 10, 1)),
        (pendulum.datetime(2026, 9, 30, 20, tz="UTC"), dt.date(2026, 10, 1)),
        (pd.Timestamp("2026-09-30T20:00", tz="UTC"), dt.date(2026, 10, 1)),
        (pd.Timestamp("2026-09-30T20:00"), dt.date(2026, 9, 30)),
    ],
    ids=repr,
)
def test_the_civil_date_in_the_zone(value: object, day: dt.date) -> None:
    assert rd.ordinal(SH, value) == day.toordinal()


@pytest.mark.parametrize("unit", ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns"])
def test_a_datetime64_of_every_unit_is_floored_to_its_day(unit: str) -> None:
    value = np.datetime64("2026-10-01T23:59:59.999999999").astype(f"datetime64[{unit}]")
    expected = value.astype("datetime64[D]").astype(object)
    assert rd.ordinal(SH, value) == expected.toordinal()
    assert rd.epoch_days(SH, np.array([value, np.datetime64("NaT", unit)])).tolist() == [
        expected.toordinal() - EPOCH_ORDINAL,
        NAT_INT,
    ]


def test_a_column_of_objects_reads_each_element_and_names_a_bad_one() -> None:
    column = ["2026-10-01", None, dt.datetime(2026, 9, 30, 20, tzinfo=dt.UTC), pd.NA, "NaT", float("nan")]
    days = rd.epoch_days(SH, np.array(column, dtype=object))
    first = dt.date(2026, 10, 1).toordinal() - EPOCH_ORDINAL
    assert days.tolist() == [first, NAT_INT, first, NAT_INT, NAT_INT, NAT_INT]
    offsets = np.array(["2026-09-30T20:00Z", "2026-09-30T12:00-05:00"])  # numpy alone would read them in UTC
    assert rd.epoch_days(SH, offsets).tolist() == [first, first]
    with pytest.raises(sc.InvalidInputError, match="at index 1: 'soon' is not an ISO date"):
        rd.epoch_days(SH, ["2026-10-01", "soon"])


@pytest.mark.parametrize(
    ("value", "day"),
    [
        (dt.date(2026, 1, 2), dt.date(2026, 1, 2)),
        (dt.datetime(2026, 1, 2, 23, 0), dt.date(2026, 1, 2)),
        ("2026-01-02", dt.date(2026, 1, 2)),
        (np.datetime64("2026-01-02T10:00"), dt.date(2026, 1, 2)),
        ("2026-01-02T10:00", None),
        (pd.NaT, None),
        (np.datetime64("NaT"), None),
        (None, None),
        (20260102, None),
    ],
    ids=repr,
)
def test_as_date_reads_a_day_of_a_data_file(value: object, day: dt.date | None) -> None:
    assert rd.as_date(value) == day


# -- instants ---------------------------------------------------------------------------------------------------


def _at(x: dt.datetime) -> tuple[int, str]:
    """An instant as (UTC microseconds, its offset): the same instant in the same zone compares equal."""
    return rd.utc_us(x), x.isoformat()[-6:]


@pytest.mark.parametrize(
    "value",
    [
        "2025-06-01T09:30",
        "2025-06-01T09:30:00",
        "2025-06-01 09:30",
        "2025-06-01T13:30Z",
        "2025-06-01T15:30+02:00",
        dt.datetime(2025, 6, 1, 9, 30),
        dt.datetime(2025, 6, 1, 13, 30, tzinfo=dt.UTC),
        dt.datetime(2025, 6, 1, 21, 30, tzinfo=SH),
        pendulum.datetime(2025, 6, 1, 9, 30, tz=NY_NAME),
        pendulum.datetime(2025, 6, 1, 13, 30, tz="UTC"),
        pd.Timestamp("2025-06-01T09:30"),
        pd.Timestamp("2025-06-01T13:30", tz="UTC"),
        np.datetime64("2025-06-01T09:30"),
        np.datetime64("2025-06-01T09:30:00.000000000"),
    ],
    ids=repr,
)
def test_every_form_of_one_instant(value: object) -> None:
    got = rd.instant(ZONE, value, "t")
    assert got is not None
    assert type(got) is pendulum.DateTime
    assert got.tzinfo is ZONE.pzone
    assert _at(got) == (rd.utc_us(dt.datetime(2025, 6, 1, 13, 30, tzinfo=dt.UTC)), "-04:00")
    assert (got.hour, got.minute) == (9, 30)


@pytest.mark.parametrize(
    "value", ["2025-06-01", dt.date(2025, 6, 1), np.datetime64("2025-06-01"), np.datetime64("2025-06")], ids=repr
)
def test_a_plain_date_is_no_instant(value: object) -> None:
    assert rd.instant(ZONE, value, "t") is None


def test_a_wall_time_the_clocks_skip_is_refused_when_read() -> None:
    with pytest.raises(sc.InvalidInputError, match=r"start 2025-03-09T02:30:00 does not exist in America/New_York"):
        rd.instant(ZONE, "2025-03-09T02:30", "start")
    with pytest.raises(sc.InvalidInputError, match="does not exist"):
        rd.instant(ZONE, np.datetime64("2025-03-09T02:59"), "start")
    # the same instant given aware exists
    aware = rd.instant(ZONE, "2025-03-09T07:30Z", "start")
    assert aware is not None
    assert aware.isoformat() == "2025-03-09T03:30:00-04:00"


def test_a_wall_time_the_clocks_skip_moves_forward_when_slaclock_builds_it() -> None:
    assert rd.wall(ZONE, 2025, 3, 9, 2, 30, 0, 0).isoformat() == "2025-03-09T03:30:00-04:00"
    assert rd.wall(ZONE, 2025, 3, 9, 1, 59, 0, 0).isoformat() == "2025-03-09T01:59:00-05:00"
    assert rd.start_of(ZONE, dt.date(2025, 3, 9).toordinal()).isoformat() == "2025-03-09T00:00:00-05:00"
    assert rd.start_of(ZONE, dt.date(2025, 6, 1).toordinal()).isoformat() == "2025-06-01T00:00:00-04:00"


def test_an_ambiguous_wall_time_is_its_first_occurrence_unless_its_fold_says_otherwise() -> None:
    first = rd.instant(ZONE, "2025-11-02T01:30", "t")
    second = rd.instant(ZONE, dt.datetime(2025, 11, 2, 1, 30, fold=1), "t")
    assert first is not None
    assert second is not None
    assert first.isoformat() == "2025-11-02T01:30:00-04:00"
    assert second.isoformat() == "2025-11-02T01:30:00-05:00"
    assert rd.utc_us(second) - rd.utc_us(first) == 3_600_000_000


def test_instants_outside_the_zone_span_take_the_exact_path() -> None:
    """Days outside ``o0 .. o0 + n`` are not known to be free of offset changes: they are checked one by one."""
    with pytest.raises(sc.InvalidInputError, match="does not exist"):
        rd.instant(ZONE, "2024-03-10T02:30", "t")
    got = rd.instant(ZONE, "2024-07-01T12:00", "t")
    assert got is not None
    assert got.isoformat() == "2024-07-01T12:00:00-04:00"


def test_utc_reading_and_the_round_trip_through_microseconds() -> None:
    naive = dt.datetime(2025, 6, 1, 13, 30)
    as_utc = rd.as_utc(naive)
    assert isinstance(as_utc, dt.datetime)
    assert as_utc.tzinfo is dt.UTC
    assert rd.as_utc(np.datetime64("2025-06-01T13:30")) == as_utc
    assert rd.as_utc(np.datetime64("2025-06-01")) == np.datetime64("2025-06-01")  # a date stays a date
    assert rd.as_utc(pd.NaT) is pd.NaT
    us = rd.utc_us(as_utc)
    assert rd.from_utc_us(ZONE, us).isoformat() == "2025-06-01T09:30:00-04:00"


def test_plain_drops_the_subclass_and_keeps_the_fold() -> None:
    x = pendulum.datetime(2025, 11, 2, 1, 30, tz=NY_NAME).replace(fold=1)
    p = rd.plain(x)
    assert type(p) is dt.datetime
    assert (p.fold, p.tzinfo, p.hour) == (1, x.tzinfo, 1)


# -- bad input --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (3, "start must be a date.*got int 3$"),
        (2.5, "got float 2.5$"),
        ("tomorrow", "start 'tomorrow' is not an ISO date"),
        ("2026-02-30", "'2026-02-30' is not an ISO date"),
        ("x" * 500, r"start 'x+\.\.\.x+' \(str of 500 characters\) is not an ISO date"),  # both ends, and the length
        (object(), "got object <object object at"),
        (dt.time(9, 30), "got time datetime.time"),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_bad_input_is_an_invalid_input_error_naming_the_value_briefly(value: object, message: str) -> None:
    with pytest.raises(sc.InvalidInputError, match=message) as info:
        rd.instant(ZONE, value, "start")
    assert len(str(info.value)) < 160


def test_bad_dates_name_what_was_read() -> None:
    with pytest.raises(sc.InvalidInputError, match=r"^first: expected a date.*got int 3$"):
        rd.ordinal(SH, 3, "first")
    with pytest.raises(sc.InvalidInputError, match=r"^expected dates .*dtype int64"):
        rd.epoch_days(SH, np.array([1, 2]))


# -- the calendar owns its zone ---------------------------------------------------------------------------------


def test_the_calendar_builds_its_zone_once_on_first_use() -> None:
    cal = sc.custom_calendar("1111100", first="2025-01-01", last="2025-12-31", tz=NY_NAME)
    table = day_table(cal)
    z = table.tzone()
    assert table.tzone() is z
    assert (z.tz, z.zone, z.o0, z.n) == (NY_NAME, NY, table.ix.o0, table.ix.n)
    assert z.changes == ZONE.changes  # the days next to both 2025 changes
    assert {dt.date.fromordinal(O0 + i) for i in z.changes} == {
        dt.date(2025, 3, 8),
        dt.date(2025, 3, 9),
        dt.date(2025, 11, 1),
        dt.date(2025, 11, 2),
    }
    with pytest.raises(AttributeError):
        z.tz = "UTC"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(cal)) == cal  # the zone is no part of the value


@given(
    values=hnp.arrays(np.int64, st.integers(0, 60), elements=st.integers(-(2**62), 2**62)),
    nat=st.data(),
)
def test_live_bounds_are_the_masked_least_and_greatest(values: np.ndarray, nat: st.DataObject) -> None:
    """Three reductions give what a mask gives: the least and greatest value besides NaT and whether there is NaT;
    None where a value is before 1970 (negative), where they cannot tell."""
    missing = nat.draw(hnp.arrays(np.bool_, values.size))
    v = np.where(missing, NAT_INT, values)
    live = v[~missing]
    got = rd.live_bounds(v)
    if (live < 0).any():
        assert got is None
        return
    assert got is not None
    least, greatest, has_nat = got
    assert has_nat == bool(missing.any())
    if live.size:
        assert (least, greatest) == (int(live.min()), int(live.max()))
    else:
        assert least > greatest


_COARSE = ["Y", "M", "W", "D", "h", "m", "s", "ms", "15m", "3W"]


def _years_outside(a: np.ndarray) -> np.ndarray:
    """The reference: every value's year as numpy reads it, NaT left out."""
    y = a.astype("datetime64[Y]").view(np.int64)
    return ~np.isnat(a) & ((y < 1 - 1970) | (y > 9999 - 1970))


@given(st.sampled_from(_COARSE), st.data())
def test_check_years_refuses_exactly_the_values_outside_the_years_1_to_9999(unit: str, data: st.DataObject) -> None:
    """A column of a coarse unit is refused when a value (not NaT) has a year outside 1..9999 as numpy reads it,
    naming the first such row; NaT, empty and all-NaT columns pass. Values are drawn around each bound."""
    dtype = np.dtype(f"datetime64[{unit}]")
    least, greatest = rd.year_bounds(dtype)
    near = st.integers(-3, 3)
    value = st.one_of(
        near.map(lambda d: least + d),
        near.map(lambda d: greatest + d),
        st.integers(least, greatest),
        st.just(NAT_INT),
        st.integers(greatest, greatest + 10**6),
        st.integers(least - 10**6, least),
        st.sampled_from([NAT_INT + 1, 2**63 - 1]),  # the int64 extremes that are not NaT
    )
    a = np.array(data.draw(st.lists(value, max_size=12)), dtype=np.int64).view(dtype)
    outside = _years_outside(a)
    if outside.any():
        first = int(np.argmax(outside))
        with pytest.raises(sc.InvalidInputError, match=rf"starts\[{first}\] .* outside the years 1 to 9999"):
            rd.check_years(a, "starts")
    else:
        rd.check_years(a, "starts")


@pytest.mark.parametrize("unit", _COARSE)
def test_year_bounds_are_the_first_and_last_values_in_the_years(unit: str) -> None:
    dtype = np.dtype(f"datetime64[{unit}]")
    least, greatest = rd.year_bounds(dtype)
    around = np.array([least - 1, least, greatest, greatest + 1], dtype=np.int64).view(dtype)
    assert list(_years_outside(around)) == [True, False, False, True]
