"""A day period with a calendar per row: every calendar's day table side by side, one gather for the column. What it
gives is what each calendar's rows counted the full way give, row for row, with the same warnings and errors."""

from __future__ import annotations

import warnings
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._rules import daytables
from slaclock._rules.rowcalendars import key_codes
from slaclock.errors import CalendarHorizonError
from tests.unit.test_daytables import CONVENTIONS, PERIODS, full_way, starts

HOURS = "09:00-12:00,13:30-18:00"
ZONED = {  # every region, a zone west of UTC (NaT less five hours wraps round the int64 range) and one at +09:00
    "CN": sc.calendar("CN"),
    "HK": sc.calendar("HK"),
    "MO": sc.calendar("MO"),
    "TW": sc.calendar("TW"),
    "BOG": sc.calendar("CN", tz="America/Bogota"),
    "TYO": sc.calendar("HK", tz="Asia/Tokyo"),
    "CN2": sc.calendar("CN"),  # two keys, one calendar
}
WITH_HOURS = {key: cal.with_hours(HOURS) for key, cal in ZONED.items()}
KEYS = np.array(sorted(ZONED))


@pytest.fixture(autouse=True)
def _tables_for_short_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(daytables, "MIN_ROWS", 1)  # the tests' columns are short; the tables answer them all


def keys(n: int, seed: int, among: np.ndarray = KEYS) -> np.ndarray:
    return np.random.default_rng(seed).choice(among, n)


def both(
    x: np.ndarray, period: str, k: np.ndarray, cals: dict[str, sc.WorkCalendar], conv: sc.Convention, utc: bool
) -> tuple[sc.Deadlines[np.ndarray], sc.Deadlines[np.ndarray]]:
    fast = sc.deadlines(x, period, calendar=k, calendars=cals, convention=conv, utc=utc)
    with full_way():
        full = sc.deadlines(x, period, calendar=k, calendars=cals, convention=conv, utc=utc)
    return fast, full


def assert_same(fast: sc.Deadlines[np.ndarray], full: sc.Deadlines[np.ndarray]) -> None:
    for name in ("due", "last_day", "provisional"):
        np.testing.assert_array_equal(getattr(fast, name), getattr(full, name), err_msg=name)
    assert fast.period == full.period


def read_at_once(x: np.ndarray, period: str, k: np.ndarray, cals: dict[str, sc.WorkCalendar], conv: sc.Convention,
                 utc: bool) -> bool:  # fmt: skip
    """Whether the column is answered from the calendars' tables side by side (not each calendar's rows apart)."""
    codes = key_codes(k, k.shape, tuple(cals))
    got = daytables.tabled_rows([(c, sc.period(period)) for c in cals.values()], codes, conv, x.reshape(-1), utc)
    return got is not None


@pytest.mark.parametrize("period", ["30日", "2周", "3个月", "1年", "1个工作日", "5个工作日"])
@pytest.mark.parametrize("conv", sorted(CONVENTIONS))
def test_gathered_at_once_equals_each_calendar_the_full_way(period: str, conv: str) -> None:
    """Seven calendars, the last with code 6: a cut-off's rows (two a day) put it past the int16 range."""
    cals = WITH_HOURS if conv == "close" else ZONED
    seed = zlib.crc32(f"{period}{conv}".encode())
    x, k = starts(3_000, seed, "m", first="2004-01-02", days=7_900), keys(3_000, seed)  # all answered, a year on
    for unit in ("m", "us", "D"):
        xu = x.astype(f"datetime64[{unit}]")
        for utc in (False, True):
            assert read_at_once(xu, period, k, cals, CONVENTIONS[conv], utc)
            assert_same(*both(xu, period, k, cals, CONVENTIONS[conv], utc))


def test_each_row_is_read_in_its_own_calendars_zone() -> None:
    """The same UTC instant on CN (+08:00), TYO (+09:00) and BOG (-05:00): each row's start day and due are its own
    calendar's (five workdays from 10:00 and 11:00 on Monday 3 March 2025, and from 21:00 on Sunday 2 March)."""
    x = np.array(["2025-03-03T02:00"] * 3, dtype="datetime64[m]")
    k = np.array(["CN", "TYO", "BOG"])
    assert read_at_once(x, "5个工作日", k, ZONED, sc.Convention.civil_code(), True)
    fast, full = both(x, "5个工作日", k, ZONED, sc.Convention.civil_code(), utc=True)
    assert_same(fast, full)
    assert list(fast.last_day.astype(str)) == ["2025-03-10", "2025-03-10", "2025-03-07"]
    np.testing.assert_array_equal(  # the end of each last day, in UTC
        fast.due, np.array(["2025-03-10T16", "2025-03-10T15", "2025-03-08T05"], "M8[h]").astype("M8[us]")
    )


@pytest.mark.parametrize("conv", ["civil", "cutoff", "close"])
@pytest.mark.parametrize("unit", ["D", "m", "us", "ns"])
def test_nat_starts_and_blocks(monkeypatch: pytest.MonkeyPatch, conv: str, unit: str) -> None:
    """Blocks of 64: NaT scattered, a block all NaT, a block with none; a 2-D column; wall times and UTC."""
    monkeypatch.setattr(daytables, "BLOCK", 64)
    cals = WITH_HOURS if conv == "close" else ZONED
    seed = zlib.crc32(f"{conv}{unit}".encode())
    x = starts(1_000, seed, unit) + np.timedelta64(1, "D")
    x[128:192] = np.datetime64("NaT")
    x[192:256] = x[256:320][~np.isnat(x[256:320])][0]
    k = keys(1_000, seed)
    for utc in (False, True):
        assert read_at_once(x, "5个工作日", k, cals, CONVENTIONS[conv], utc)
        fast, full = both(x.reshape(40, 25), "5个工作日", k.reshape(40, 25), cals, CONVENTIONS[conv], utc)
        assert fast.due.shape == (40, 25)
        assert_same(fast, full)
        assert np.isnat(fast.due.reshape(-1)[128:192]).all()


def _edge() -> tuple[np.datetime64, str, str]:
    """The first start day one calendar's table answers and another's does not (their horizons' last counts)."""
    cn = daytables.day_answers(ZONED["CN"], sc.Convention.civil_code(), sc.period("5个工作日"))
    hk = daytables.day_answers(ZONED["HK"], sc.Convention.civil_code(), sc.period("5个工作日"))
    assert cn is not None
    assert hk is not None
    assert cn.d0 == hk.d0
    assert cn.size != hk.size  # CN's last workdays of 2026 are not HK's
    day = np.datetime64(min(cn.d0 + cn.size, hk.d0 + hk.size), "D")
    answers, not_ = ("CN", "HK") if cn.size > hk.size else ("HK", "CN")
    return day, answers, not_


def test_a_start_one_calendar_answers_and_another_does_not_is_read_at_once_on_the_one() -> None:
    """Past the days every table answers, on a row of the calendar that answers it: read at once (the table that
    does not answer that day reads UNANSWERED there, and no row of its calendar asks for it)."""
    day, answers, _ = _edge()
    x = starts(600, 21, "m", first="2026-01-01", days=300)
    k = keys(600, 21, np.array(["CN", "HK", "TYO"]))
    x[5], k[5] = np.datetime64(day, "m") + np.timedelta64(600, "m"), answers
    assert read_at_once(x, "5个工作日", k, ZONED, sc.Convention.civil_code(), False)
    assert_same(*both(x, "5个工作日", k, ZONED, sc.Convention.civil_code(), False))


def test_a_start_its_calendar_does_not_answer_raises_as_the_full_way_does() -> None:
    day, _, not_ = _edge()
    x = starts(600, 22, "m", first="2026-01-01", days=300)
    k = keys(600, 22, np.array(["CN", "HK", "TYO"]))
    x[9], k[9] = np.datetime64(day, "m") + np.timedelta64(600, "m"), not_
    assert not read_at_once(x, "5个工作日", k, ZONED, sc.Convention.civil_code(), False)
    with pytest.raises(CalendarHorizonError) as fast:
        sc.deadlines(x, "5个工作日", calendar=k, calendars=ZONED)
    with full_way(), pytest.raises(CalendarHorizonError) as full:
        sc.deadlines(x, "5个工作日", calendar=k, calendars=ZONED)
    assert str(fast.value) == str(full.value)
    assert "index 9" in str(fast.value)
    assert not_ in str(fast.value)


def test_projected_rows_are_flagged_and_warned_as_the_full_way_does() -> None:
    cals = {"CN": sc.calendar("CN", horizon="projected"), "HK": sc.calendar("HK", horizon="projected")}
    x = starts(3_000, 23, "m", first="2025-06-01", days=900)
    k = keys(3_000, 23, np.array(["CN", "HK"]))
    assert read_at_once(x, "5个工作日", k, cals, sc.Convention.civil_code(), False)
    with warnings.catch_warnings(record=True) as fast_said:
        warnings.simplefilter("always")
        fast = sc.deadlines(x, "5个工作日", calendar=k, calendars=cals)
    with warnings.catch_warnings(record=True) as full_said, full_way():
        warnings.simplefilter("always")
        full = sc.deadlines(x, "5个工作日", calendar=k, calendars=cals)
    assert_same(fast, full)
    assert fast.provisional.any()
    assert not fast.provisional.all()
    assert [str(w.message) for w in fast_said] == [str(w.message) for w in full_said]
    assert len(fast_said) == 1


def test_a_zone_that_cannot_be_read_at_once_goes_each_calendars_way() -> None:
    """Kathmandu (+05:45) on a column of hours in UTC, and a zone whose offset changes on instants: each
    calendar's rows their own way, with the full way's result."""
    for odd, unit in (("Asia/Kathmandu", "h"), ("Europe/Berlin", "m")):
        cals = {"CN": ZONED["CN"], "X": sc.calendar("CN", tz=odd)}
        x = starts(500, 24, unit)
        k = keys(500, 24, np.array(["CN", "X"]))
        assert not read_at_once(x, "5个工作日", k, cals, sc.Convention.civil_code(), True)
        assert_same(*both(x, "5个工作日", k, cals, sc.Convention.civil_code(), True))


def test_more_calendars_than_are_read_at_once_go_each_calendars_way() -> None:
    cals = {f"K{i:02d}": ZONED["CN"] if i % 2 else ZONED["HK"] for i in range(daytables.MAX_JOINED + 1)}
    x = starts(500, 25, "m")
    k = keys(500, 25, np.array(sorted(cals)))
    assert not read_at_once(x, "5个工作日", k, cals, sc.Convention.civil_code(), False)
    assert_same(*both(x, "5个工作日", k, cals, sc.Convention.civil_code(), False))
    fewer = dict(list(cals.items())[: daytables.MAX_JOINED])
    assert read_at_once(x, "5个工作日", np.where(k == max(cals), "K00", k), fewer, sc.Convention.civil_code(), False)


def test_the_side_by_side_tables_are_kept_up_to_a_size_and_follow_the_calendars_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from slaclock._calendar import clear_caches

    conv, x = sc.Convention.civil_code(), starts(100, 26, "m")
    k = keys(100, 26, np.array(["CN", "HK"]))
    cals = {"CN": ZONED["CN"], "HK": ZONED["HK"]}
    monkeypatch.setattr(daytables, "_JOINED", {})  # none kept from other tests
    assert read_at_once(x, "1日", k, cals, conv, False)
    one = max(read.nbytes for _, read in daytables._JOINED.values())
    monkeypatch.setattr(daytables, "JOINED_BYTES", 3 * one)
    for n in range(2, 12):
        assert read_at_once(x, f"{n}日", k, cals, conv, False)
        kept = [read for _, read in daytables._JOINED.values()]
        assert 1 <= len(kept) <= 3
        assert sum(read.nbytes for read in kept) <= 3 * one
    latest = [tables for tables, _ in daytables._JOINED.values()][-1]
    assert latest[0] is daytables.day_answers(ZONED["CN"], conv, sc.period("11日"))  # the latest made is kept
    clear_caches()  # the calendars' tables are rebuilt: what is read side by side is the new tables'
    cals = {"CN": sc.calendar("CN"), "HK": sc.calendar("HK")}
    assert_same(*both(x, "7日", k, cals, conv, False))


def test_frames_read_at_once_as_arrays_do() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    x, k = starts(2_000, 27, "us"), keys(2_000, 27)
    want = sc.deadlines(x, "30日", calendar=k, calendars=ZONED)
    df = pd.DataFrame({"t": x, "k": k})
    got = sc.deadlines(df["t"], "30日", calendar=df["k"], calendars=ZONED)
    np.testing.assert_array_equal(got.last_day.to_numpy(), want.last_day)
    pf = pl.DataFrame({"t": x, "k": k})
    got = sc.deadlines(pf["t"], "30日", calendar=pf["k"], calendars=ZONED)
    np.testing.assert_array_equal(got.last_day.to_numpy(), want.last_day)


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 40),
    seed=st.integers(0, 2**32 - 1),
    period=st.sampled_from(PERIODS),
    conv=st.sampled_from(sorted(CONVENTIONS)),
    unit=st.sampled_from(["m", "s", "D"]),
    utc=st.booleans(),
)
def test_generated_columns_read_at_once_equal_the_full_way(
    n: int, seed: int, period: str, conv: str, unit: str, utc: bool
) -> None:
    """Starts over every day of the calendars' data and past it, on any of the calendars: the full way's answers,
    or its error word for word."""
    cals = WITH_HOURS if conv == "close" else ZONED
    x = starts(n, seed, unit, days=8_420)
    k = keys(n, seed)

    def run() -> sc.Deadlines[np.ndarray] | str:
        try:
            return sc.deadlines(x, period, calendar=k, calendars=cals, convention=CONVENTIONS[conv], utc=utc)
        except CalendarHorizonError as e:
            return str(e)

    fast = run()
    with full_way():
        full = run()
    if isinstance(full, str):
        assert fast == full
    else:
        assert not isinstance(fast, str), fast
        assert_same(fast, full)
