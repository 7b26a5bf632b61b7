"""A period or a calendar per row whatever the periods' kinds (clock time, working time, days, mixed): answered in
one pass of each kind (``_rules.byrow``). What it gives is what the rows taken apart and counted the full way give,
row for row, with the same errors and warnings; and where a kind cannot be answered so, the full way is taken."""

from __future__ import annotations

import warnings
import zlib
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._rules import byrow, daytables
from slaclock._rules.rowcalendars import key_codes
from tests.unit.test_daytables import CONVENTIONS, full_way, starts
from tests.unit.test_daytables_periods import assert_same, pairs_and_codes, periods, run
from tests.unit.test_daytables_rows import WITH_HOURS, ZONED, keys

CLOCK = ["4小时", "8小时", "24小时", "30分钟", "72小时"]
WORK = ["2工作小时", "8工作小时", "16工作小时", "45工作分钟"]
DAYS = ["1个工作日", "3个工作日", "7日", "1个月"]
MIXED = CLOCK[:3] + WORK[:2] + DAYS
ROLLED = sc.Convention.civil_code().replace(roll_clock_time=True)
CN = WITH_HOURS["CN"]


@pytest.fixture(autouse=True)
def _tables_for_short_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(daytables, "MIN_ROWS", 1)  # the tests' columns are short; the tables answer them all


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(byrow, "BLOCK", 64)  # many blocks, some all of one kind, some with none of a kind
    monkeypatch.setattr(daytables, "BLOCK", 64)  # with day periods: the gather's blocks


def both(x: np.ndarray, per: Any, conv: sc.Convention, utc: bool = False, **on: Any) -> Any:
    fast = run(x, per, conv, utc, **on)
    with full_way():
        full = run(x, per, conv, utc, **on)
    assert_same(fast, full)
    return fast


def answered(x: np.ndarray, per: Any, conv: sc.Convention, utc: bool, **on: Any) -> bool:
    """Whether ``byrow`` answers the column (not the rows taken apart)."""
    if isinstance(per, str):  # one period, a calendar per row
        cals = on["calendars"]
        pairs, codes = [(c, sc.period(per)) for c in cals.values()], key_codes(on["calendar"], x.shape, tuple(cals))
    else:
        pairs, codes = pairs_and_codes(x, per, **on)
    return byrow.answer(pairs, codes, conv, x.reshape(-1), utc) is not None


@pytest.mark.parametrize("conv", sorted(CONVENTIONS))
@pytest.mark.parametrize("among", ["clock", "work", "mixed"])
def test_a_period_per_row_of_any_kind_equals_each_unit_the_full_way(conv: str, among: str, small_blocks: None) -> None:
    seed = zlib.crc32(f"{conv}{among}".encode())
    pool = {"clock": CLOCK, "work": WORK, "mixed": MIXED}[among]
    x, per = starts(2_000, seed, "m", first="2004-01-02", days=8_000), periods(2_000, seed + 1, pool)
    for unit in ("m", "s", "us", "h"):
        xu = x.astype(f"datetime64[{unit}]")
        for utc in (False, True):
            assert answered(xu, per, CONVENTIONS[conv], utc, calendar=CN)
            both(xu, per, CONVENTIONS[conv], utc, calendar=CN)


@pytest.mark.parametrize("period", ["24小时", "30分钟", "2小时", "8工作小时", "45工作分钟"])
@pytest.mark.parametrize("conv", ["civil", "cutoff", "close", "no-roll"])
def test_a_calendar_per_row_with_a_clock_or_working_time_period(period: str, conv: str) -> None:
    """Seven calendars in six zones at three offsets: each row's last day in its own calendar's zone (UTC), the
    wall times as they are; working time on each calendar's hours."""
    seed = zlib.crc32(f"{period}{conv}".encode())
    x, k = starts(3_000, seed, "m", first="2004-01-02", days=8_000), keys(3_000, seed + 1)
    for utc in (False, True):
        assert answered(x, period, CONVENTIONS[conv], utc, calendar=k, calendars=WITH_HOURS)
        both(x, period, CONVENTIONS[conv], utc, calendar=k, calendars=WITH_HOURS)


def test_the_last_day_of_a_clock_period_is_its_own_calendars_in_utc() -> None:
    """23:30 UTC plus an hour: the last day is the next in Tokyo and in Beijing, the same in Bogota."""
    x = np.array(["2025-03-10T23:30"] * 3, dtype="datetime64[m]")
    k = np.array(["TYO", "CN", "BOG"])
    d = both(x, "1小时", sc.Convention.civil_code(), True, calendar=k, calendars=ZONED)
    assert d.due.tolist() == [np.datetime64("2025-03-11T00:30", "us").item()] * 3
    assert d.last_day.astype(str).tolist() == ["2025-03-11", "2025-03-11", "2025-03-10"]
    d = both(x, "1小时", sc.Convention.civil_code(), False, calendar=k, calendars=ZONED)  # wall times: the same day
    assert d.last_day.astype(str).tolist() == ["2025-03-11"] * 3


@pytest.mark.parametrize("conv", ["civil", "close", "cutoff"])
def test_a_period_and_a_calendar_per_row_of_every_kind(conv: str, small_blocks: None) -> None:
    """Seven calendars with hours times nine periods of three kinds; working time on each calendar's hours."""
    seed = zlib.crc32(f"every{conv}".encode())
    x = starts(3_000, seed, "m", first="2004-01-02", days=8_000)
    per, k = periods(3_000, seed + 1, MIXED), keys(3_000, seed + 2)
    for utc in (False, True):
        assert answered(x, per, CONVENTIONS[conv], utc, calendar=k, calendars=WITH_HOURS)
        both(x, per, CONVENTIONS[conv], utc, calendar=k, calendars=WITH_HOURS)


def test_columns_with_no_period_or_no_start() -> None:
    x = starts(500, 3, "m", first="2010-01-01", days=5_000)
    none = np.full(500, None, dtype=object)
    for pool in (CLOCK, WORK, MIXED):
        per = periods(500, 4, pool, missing=0.5)
        both(x, per, CONVENTIONS["civil"], calendar=CN)
        nat = np.full(500, np.datetime64("NaT"), dtype="datetime64[m]")
        d = both(nat, per, CONVENTIONS["civil"], calendar=CN)
        assert np.isnat(d.due).all()
        assert np.isnat(d.last_day).all()
        per[0] = pool[0]
        mostly_none = np.where(np.arange(500) == 0, per, none)
        both(x, mostly_none, CONVENTIONS["civil"], calendar=CN)
    both(x[:0], np.array([], dtype=str), CONVENTIONS["civil"], calendar=CN)
    d = both(x.reshape(20, 25), periods(500, 5, MIXED).reshape(20, 25), CONVENTIONS["civil"], True, calendar=CN)
    assert d.due.shape == (20, 25)


@pytest.mark.parametrize("unit", ["m", "us"])
def test_blocks_of_one_kind_or_none_of_it(unit: str, small_blocks: None) -> None:
    """Blocks all of clock time, all of working time, all days, and all missing, one after another."""
    x = starts(64 * 8, 6, unit, first="2015-01-01", days=3_000)
    per = np.repeat(np.array(["4小时", "8工作小时", "3个工作日", None, "30分钟", "2工作小时", "7日", None]), 64)
    for utc in (False, True):
        assert answered(x, per, CONVENTIONS["civil"], utc, calendar=CN)
        both(x, per, CONVENTIONS["civil"], utc, calendar=CN)


def test_what_is_not_answered_so_goes_the_full_way_with_its_answer_or_its_error() -> None:
    conv = sc.Convention.civil_code()
    x = starts(400, 7, "m", first="2010-01-01", days=5_000)
    mixed = periods(400, 7, MIXED, missing=0)
    # dates: clock and working time run from a moment (the full way's error, word for word)
    dates = x.astype("datetime64[D]")
    assert not answered(dates, mixed, conv, False, calendar=CN)
    assert "runs from a moment" in str(both(dates, mixed, conv, calendar=CN))
    for pool in (CLOCK, WORK):
        assert not answered(dates, periods(400, 8, pool), conv, False, calendar=CN)
        assert "runs from a moment" in str(both(dates, periods(400, 8, pool), conv, calendar=CN))
    # a clock period rolled to a workday
    assert not answered(x, mixed, ROLLED, False, calendar=CN)
    both(x, mixed, ROLLED, calendar=CN)
    # a zone whose offset changes (clock time) and one read at 05:45 in hours (the day periods)
    berlin = sc.calendar("CN", tz="Europe/Berlin").with_hours("09:00-18:00")
    assert not answered(x, periods(400, 7, CLOCK), conv, False, calendar=berlin)
    both(x, periods(400, 7, CLOCK), conv, calendar=berlin)
    k = keys(400, 7, np.array(["CN", "X"]))
    for utc in (False, True):
        cals = {"CN": CN, "X": berlin}
        assert not answered(x, "24小时", conv, utc, calendar=k, calendars=cals)
        both(x, "24小时", conv, utc, calendar=k, calendars=cals)
    # a start before 1970, nanoseconds, a multiple of a unit
    early = x.copy()
    early[5] = np.datetime64("1969-12-31T23:00")
    assert not answered(early, periods(400, 8, CLOCK), conv, False, calendar=CN)
    both(early, periods(400, 8, CLOCK), conv, calendar=CN)
    for odd in ("datetime64[ns]", "datetime64[10m]"):
        assert not answered(x.astype(odd), periods(400, 8, CLOCK), conv, False, calendar=CN)
        both(x.astype(odd), periods(400, 8, CLOCK), conv, calendar=CN)
    # working time on a calendar without hours: the full way's error
    plain = ZONED["CN"]
    assert not answered(x, mixed, conv, False, calendar=plain)
    assert "give the calendar working hours" in str(both(x, mixed, conv, calendar=plain))
    # a working-time start past the calendar's data, and a day period's: the full way's error
    late = x.copy()
    late[9] = np.datetime64("2031-06-01T10:00")
    for pool, reads_days in ((WORK, "8工作小时"), (MIXED, "8工作小时"), (DAYS + CLOCK, "3个工作日")):
        per = periods(400, 9, pool, missing=0)
        per[9] = reads_days
        assert not answered(late, per, conv, False, calendar=CN)
        assert "calendar" in str(both(late, per, conv, calendar=CN))


def test_a_missing_start_adds_nothing_however_long_its_rows_period() -> None:
    """A NaT start reads the hours' first instant: a long working time from there would run past the data."""
    x = np.array(["NaT", "2020-03-02T10:00", "NaT"], dtype="datetime64[m]")
    per = np.array(["50000工作小时", "8工作小时", "4小时"])
    assert answered(x, per, CONVENTIONS["civil"], False, calendar=CN)
    d = both(x, per, CONVENTIONS["civil"], calendar=CN)
    assert np.isnat(d.due[[0, 2]]).all()


def test_a_clock_period_past_the_calendars_data_is_answered_as_the_full_way_answers_it() -> None:
    """Clock time reads no day: a start past the data has its due, as the full way gives it."""
    x = np.array(["2031-06-01T10:00", "2026-12-31T23:00"], dtype="datetime64[m]")
    assert answered(x, np.array(["4小时", "24小时"]), CONVENTIONS["civil"], False, calendar=CN)
    d = both(x, np.array(["4小时", "24小时"]), CONVENTIONS["civil"], calendar=CN)
    assert d.last_day.astype(str).tolist() == ["2031-06-01", "2027-01-01"]


def test_projected_calendars_flag_and_warn_as_the_full_way_does() -> None:
    """Working time on projected days goes the full way (which records the reads); clock time reads no day."""
    cals = {key: sc.calendar(key, horizon="projected").with_hours("09:00-18:00") for key in ("CN", "HK")}
    x = starts(2_000, 10, "m", first="2025-06-01", days=900)
    k = keys(2_000, 11, np.array(["CN", "HK"]))
    for per, read in ((periods(2_000, 12, DAYS + CLOCK, missing=0), True), (periods(2_000, 13, MIXED), False)):
        assert answered(x, per, CONVENTIONS["civil"], False, calendar=k, calendars=cals) is read
        with warnings.catch_warnings(record=True) as fast_said:
            warnings.simplefilter("always")
            fast = sc.deadlines(x, per, calendar=k, calendars=cals)
        with warnings.catch_warnings(record=True) as full_said, full_way():
            warnings.simplefilter("always")
            full = sc.deadlines(x, per, calendar=k, calendars=cals)
        assert_same(fast, full)
        assert fast.provisional.any()
        assert [str(w.message) for w in fast_said] == [str(w.message) for w in full_said]
        assert len(fast_said) == 1


def test_frames_take_the_same_way() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    x = starts(1_000, 11, "m", first="2012-01-01", days=4_000).astype("datetime64[us]")
    per = periods(1_000, 13, MIXED, missing=0).astype(str)
    k = keys(1_000, 12)
    for frame in (pd.DataFrame({"t": x, "p": per, "k": k}), pl.DataFrame({"t": x, "p": per, "k": k})):
        cols = frame["t"], frame["p"]
        for on in ({"calendar": CN}, {"calendar": frame["k"], "calendars": WITH_HOURS}):
            fast = sc.deadlines(*cols, **on)
            with full_way():
                full = sc.deadlines(*cols, **on)
            for name in ("due", "last_day", "provisional"):
                assert getattr(fast, name).equals(getattr(full, name)), name


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 300),
    seed=st.integers(0, 2**32 - 1),
    pool=st.lists(st.sampled_from(CLOCK + WORK + DAYS), min_size=1, max_size=6, unique=True),
    per_row_calendar=st.booleans(),
    conv=st.sampled_from([*sorted(CONVENTIONS), "rolled"]),
    unit=st.sampled_from(["m", "s", "us"]),
    utc=st.booleans(),
)
def test_generated_columns_equal_the_full_way(
    n: int, seed: int, pool: list[str], per_row_calendar: bool, conv: str, unit: str, utc: bool
) -> None:
    """Starts over every day of the data and past it, any mix of kinds, one calendar or one a row: the full way's
    answers, or its error word for word."""
    c = ROLLED if conv == "rolled" else CONVENTIONS[conv]
    x = starts(n, seed, unit, days=8_420)
    per = periods(n, seed + 1, pool)
    on: dict[str, Any] = (
        {"calendar": keys(n, seed + 2), "calendars": WITH_HOURS} if per_row_calendar else {"calendar": CN}
    )
    both(x, per, c, utc, **on)
