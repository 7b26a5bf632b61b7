"""Day tables: gathering a day period's answer by start day gives what the full column engine gives, row for row."""

from __future__ import annotations

import datetime as dt
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._rules import columns, daytables
from slaclock.errors import CalendarHorizonError

CN = sc.calendar("CN")
_NAT_INT = int(np.iinfo(np.int64).min)
HOURS = CN.with_hours("09:00-12:00,13:30-18:00")
PROJECTED = sc.calendar("CN", horizon="projected")
CONVENTIONS = {
    "civil": sc.Convention.civil_code(),
    "cutoff": sc.Convention.deemed_receipt("16:30"),
    "cutoff-seconds": sc.Convention.deemed_receipt(dt.time(17, 59, 30)),
    "close": sc.Convention.business_hours(),
    "close-17": sc.Convention.business_hours("17:00"),
    "makeup-rest": sc.Convention.civil_code().replace(makeup_days_are_rest=True),
    "first-counted": sc.Convention.civil_code().replace(correspondence="first_counted_day"),
    "no-roll": sc.Convention.no_rollover(),
    "rest-receipt": sc.Convention.civil_code().replace(rest_day_receipt="next_workday"),
}
PERIODS = ["1日", "7日", "30日", "2周", "1个月", "3个月", "1年", "1个工作日", "5个工作日", "15个工作日"]


@pytest.fixture(autouse=True)
def _tables_for_short_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(daytables, "MIN_ROWS", 1)  # the tests' columns are short; the table answers them all


@contextmanager
def full_way() -> Iterator[None]:
    columns.TABLES = False
    try:
        yield
    finally:
        columns.TABLES = True


def starts(n: int, seed: int, unit: str, first: str = "2004-01-01", days: int = 8_300) -> np.ndarray:
    rng = np.random.default_rng(seed)
    minutes = rng.integers(0, days * 1_440, n)
    minutes[: n // 10] = (minutes[: n // 10] // 1_440) * 1_440 + rng.choice([0, 990, 1_079, 1_080, 1_439], n // 10)
    x = (np.datetime64(f"{first}T00:00") + minutes.astype("timedelta64[m]")).astype(f"datetime64[{unit}]")
    x[rng.random(n) < 0.05] = np.datetime64("NaT")
    return x


def both(
    x: np.ndarray, period: str, cal: sc.WorkCalendar, conv: sc.Convention, utc: bool = False
) -> tuple[object, object]:
    fast = sc.deadlines(x, period, calendar=cal, convention=conv, utc=utc)
    with full_way():
        full = sc.deadlines(x, period, calendar=cal, convention=conv, utc=utc)
    return fast, full


def assert_same(fast: object, full: object) -> None:
    for name in ("due", "last_day", "provisional"):
        np.testing.assert_array_equal(getattr(fast, name), getattr(full, name), err_msg=name)


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("conv", sorted(CONVENTIONS))
def test_gathered_equals_the_full_way_over_the_official_days(period: str, conv: str) -> None:
    cal = HOURS if conv == "close" else CN
    table = daytables.day_answers(cal, CONVENTIONS[conv], sc.period(period))
    assert table is not None
    for unit in ("m", "s", "us", "ns", "D"):
        x = starts(4_000, zlib.crc32(f"{period}{conv}{unit}".encode()), unit, days=table.size - 2)
        for utc in (False, True):
            # the table answers these (UTC instants 8 hours before the wall times stay inside its days)
            assert daytables.tabled(cal, CONVENTIONS[conv], sc.period(period), x + np.timedelta64(1, "D"), utc)
            assert_same(*both(x + np.timedelta64(1, "D"), period, cal, CONVENTIONS[conv], utc))


@pytest.mark.parametrize("period", ["5个工作日", "1个月", "30日"])
def test_projected_days_are_flagged_as_the_full_way_flags_them(period: str) -> None:
    x = starts(3_000, 5, "m", first="2025-06-01", days=900)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        fast, full = both(x, period, PROJECTED, sc.Convention.civil_code())
    assert_same(fast, full)
    assert fast.provisional.any()


@pytest.mark.parametrize("period", ["5个工作日", "1个月", "7日"])
def test_a_start_the_table_does_not_answer_takes_the_full_way_and_its_error(period: str) -> None:
    x = starts(500, 9, "m", first="2026-06-01", days=200)
    x[-1] = np.datetime64("2026-12-30T10:00")
    with pytest.raises(CalendarHorizonError) as fast:
        sc.deadlines(x, period, calendar=CN)
    with full_way(), pytest.raises(CalendarHorizonError) as full:
        sc.deadlines(x, period, calendar=CN)
    assert str(fast.value) == str(full.value)


def test_what_the_table_does_not_take_goes_the_full_way(monkeypatch: pytest.MonkeyPatch) -> None:
    p = sc.period("5个工作日")
    x = starts(10, 1, "m")
    hourly = x.astype("datetime64[h]")
    kathmandu = sc.calendar("CN", tz="Asia/Kathmandu")  # +05:45: UTC hours are no whole number of hours of wall time
    assert daytables.tabled(kathmandu, sc.Convention.civil_code(), p, hourly, utc=True) is None
    assert daytables.tabled(kathmandu, sc.Convention.civil_code(), p, x, utc=True) is not None
    assert daytables.tabled(CN, sc.Convention.civil_code(), sc.period("24小时"), x) is None  # hours
    assert daytables.tabled(CN, sc.Convention.civil_code(), p, x.astype("datetime64[ns]")) is not None  # pandas'
    assert daytables.tabled(CN, sc.Convention.civil_code(), p, x.astype("datetime64[M]")) is None
    assert daytables.tabled(CN, sc.Convention.civil_code(), p, x.astype("datetime64[15m]")) is None
    assert daytables.day_answers(CN, sc.Convention.business_hours(), p) is None  # close from hours CN has not


def _own_calendar() -> sc.WorkCalendar:
    """A calendar whose day table no other test reads (a closure of its own), with nothing made or asked yet."""
    from slaclock._calendar import day_table

    cal = sc.calendar("CN", closures={"2019-07-16": "slaclock test: short columns"})
    day_table(cal).memo.clear()
    return cal


def test_short_columns_make_their_table_once_asked_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short column reads a table made already. A few short columns make none; once the short columns asked of
    it weigh MIN_ROWS (each its rows and CALL_ROWS: sixteen 10-row calls) the table is made, and read from then on.
    Every answer on the way is the full way's."""
    from slaclock._calendar import day_table

    monkeypatch.setattr(daytables, "MIN_ROWS", 8_192)
    cal, conv, p = _own_calendar(), sc.Convention.civil_code(), sc.period("5个工作日")
    key = ("daytables", cal.hours, conv, p)
    x = starts(10, 11, "m", first="2020-01-01", days=2_000)
    asks = -(-daytables.MIN_ROWS // (x.size + daytables.CALL_ROWS))
    assert asks == 16
    with full_way():
        want = sc.deadlines(x, p, calendar=cal)
    for i in range(asks + 3):
        assert_same(sc.deadlines(x, p, calendar=cal), want)
        assert (key in day_table(cal).memo) == (i >= asks - 1), i  # the sixteenth call makes it
    assert daytables.tabled(cal, conv, p, x) is not None
    long = starts(daytables.MIN_ROWS, 12, "m", first="2020-01-01", days=2_000)
    assert daytables.tabled(cal, conv, sc.period("9日"), long) is not None  # a long column makes its own at once
    assert daytables.tabled(cal, conv, sc.period("9日"), x) is not None  # and short ones read it


def test_what_short_columns_asked_is_counted_for_a_bounded_few_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    from slaclock._calendar import day_table

    monkeypatch.setattr(daytables, "MIN_ROWS", 8_192)
    cal, conv = _own_calendar(), sc.Convention.civil_code()
    one = starts(1, 13, "m", first="2020-01-01", days=2_000)
    for n in range(1, 4 * daytables.KEPT + 10):
        assert daytables.tabled(cal, conv, sc.period(f"{n}日"), one) is None
        asked = day_table(cal).memo[daytables._ASKED]
        assert 1 <= len(asked) <= 4 * daytables.KEPT
    assert not [k for k in day_table(cal).memo if k[0] == "daytables"]  # one ask each: no table made


@settings(max_examples=60, deadline=None)
@given(
    day=st.integers(0, 8_390),
    minute=st.integers(0, 1_439),
    period=st.sampled_from(PERIODS),
    conv=st.sampled_from(sorted(CONVENTIONS)),
)
def test_one_start_gathered_equals_the_scalar_deadline(day: int, minute: int, period: str, conv: str) -> None:
    cal = HOURS if conv == "close" else CN
    start = np.datetime64("2004-01-01T00:00") + np.timedelta64(day * 1_440 + minute, "m")
    try:
        one = sc.deadline(start.item(), period, calendar=cal, convention=CONVENTIONS[conv])
    except CalendarHorizonError:
        with pytest.raises(CalendarHorizonError):
            sc.deadlines(np.array([start]), period, calendar=cal, convention=CONVENTIONS[conv])
        return
    col = sc.deadlines(np.array([start]), period, calendar=cal, convention=CONVENTIONS[conv])
    assert col.last_day[0] == np.datetime64(one.last_day)
    assert col.due[0] == np.datetime64(one.due.replace(tzinfo=None))


def test_a_zone_whose_offset_changes_answers_dates_only() -> None:
    cal = sc.calendar("CN", tz="Europe/Berlin")
    p = sc.period("5个工作日")
    x = starts(2_000, 3, "m")
    assert daytables.tabled(cal, sc.Convention.civil_code(), p, x) is None  # a wall time could be skipped
    assert daytables.tabled(cal, sc.Convention.civil_code(), p, x.astype("datetime64[D]")) is not None
    assert_same(*both(x.astype("datetime64[D]"), "5个工作日", cal, sc.Convention.civil_code()))
    assert_same(*both(x, "5个工作日", cal, sc.Convention.civil_code()))


def test_instants_in_a_zone_whose_offset_changes_make_no_table() -> None:
    """A table that instants there could not read is not made for them (on a custom calendar of 1969-9999 it took
    seconds, then the full way answered); dates make it, and read it."""
    from slaclock._calendar import day_table

    cal = sc.custom_calendar("1111100", {}, first="1985-01-01", last="1995-12-31", tz="Asia/Shanghai")  # DST 1986-91
    p = sc.period("30日")
    x = starts(2_000, 4, "m", first="1985-02-01", days=3_800)
    for utc in (False, True):
        assert daytables.tabled(cal, sc.Convention.civil_code(), p, x, utc) is None
    assert not [k for k in day_table(cal).memo if k[0] == "daytables"]
    assert_same(*both(x, "30日", cal, sc.Convention.civil_code(), utc=True))  # as wall times some are skipped
    assert daytables.tabled(cal, sc.Convention.civil_code(), p, x.astype("datetime64[D]")) is not None
    assert [k for k in day_table(cal).memo if k[0] == "daytables"]


@pytest.mark.parametrize("period", ["1日", "30日", "1个月", "1年", "2周", "5个工作日", "15个工作日"])
@pytest.mark.parametrize("conv", ["civil", "cutoff", "no-roll", "first-counted", "makeup-rest"])
def test_a_table_answers_every_start_day_the_engine_answers(period: str, conv: str) -> None:
    """The table's days end where the engine's answers do, as the bisection of prefixes found them: the first
    start it cannot answer is searched on one-day columns, and every start before it is answered."""
    cal = sc.custom_calendar("1111100", {"2026-12-25": "rest"}, first="2026-01-01", last="2026-12-31", tz="UTC")
    c, p = CONVENTIONS[conv], sc.period(period)
    table = daytables.day_answers(cal, c, p)
    assert table is not None
    days = np.arange(np.datetime64("2026-01-01"), np.datetime64("2027-01-01"))

    def answers(day: np.datetime64) -> bool:
        for at in ("T00:00", "T23:59"):
            try:
                sc.deadline(f"{day}{at}", p, calendar=cal, convention=c)
            except CalendarHorizonError:
                return False
        return True

    answered = [answers(d) for d in days]
    assert answered == sorted(answered, reverse=True)  # the unanswered starts are the last ones
    assert table.size == sum(answered)


@pytest.mark.parametrize(
    ("unanswered", "size"),
    [(range(70, 100), 70), (range(0), 100), (range(100), 0), ([50, *range(90, 100)], 50), ([30], 30), ([99], 99)],
    ids=["the last ones", "none", "all", "one before the last ones", "one in the middle", "the last"],
)
def test_the_longest_answered_prefix_is_found_where_the_unanswered_starts_are_not_the_last(
    unanswered: range | list[int], size: int
) -> None:
    """Where the unanswered starts are not the last ones (not so for any period the tables take, but not assumed),
    the prefixes are bisected, and the table still ends at the first unanswered start."""
    days = np.arange(100, dtype=np.int64)
    bad = set(unanswered)
    calls: list[int] = []

    def answer(d: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        calls.append(d.size)
        if bad & set(d.tolist()):
            raise CalendarHorizonError("past the calendar")
        return d * 2, d, np.zeros(d.size, dtype=bool)

    got, (due, last, _) = daytables._answered(answer, days)
    assert got == size
    np.testing.assert_array_equal(last, days[:size])
    np.testing.assert_array_equal(due, 2 * days[:size])
    if list(unanswered) == list(range(70, 100)):
        assert sum(calls) < 2 * days.size  # one-day columns, then the prefix once


def test_tables_are_kept_beside_the_calendars_table_a_bounded_few_and_go_with_it() -> None:
    from slaclock._calendar import clear_caches, day_table

    cal = sc.calendar("CN")
    for n in range(1, daytables.KEPT + 10):
        assert daytables.day_answers(cal, sc.Convention.civil_code(), sc.period(f"{n}日")) is not None
    kept = [k for k in day_table(cal).memo if k[0] == "daytables"]
    assert len(kept) == daytables.KEPT
    assert kept[-1][3] == sc.period(f"{daytables.KEPT + 9}日")  # the latest made are kept
    clear_caches()
    assert not day_table(sc.calendar("CN")).memo


@pytest.mark.parametrize("tz", ["Asia/Shanghai", "America/Bogota"])
@pytest.mark.parametrize("conv", ["civil", "cutoff", "close"])
@pytest.mark.parametrize("unit", ["D", "m", "us", "ns"])
def test_nat_starts_read_the_tables_nat_row_in_every_block(
    monkeypatch: pytest.MonkeyPatch, tz: str, conv: str, unit: str
) -> None:
    """A NaT start reads the table's last row (NaT answers) through its row index, clamped: no mask, no scatter.
    In blocks of 64: NaT scattered, a block all NaT, a block with none; wall times and UTC, in a zone east and
    one west of UTC (NaT less five hours wraps round the int64 range), with and without a cut-off."""
    monkeypatch.setattr(daytables, "BLOCK", 64)
    cal = sc.calendar("CN", tz=tz)
    cal = cal.with_hours("09:00-12:00,13:30-18:00") if conv == "close" else cal
    x = starts(1_000, zlib.crc32(f"{tz}{conv}{unit}".encode()), unit) + np.timedelta64(1, "D")
    x[128:192] = np.datetime64("NaT")
    x[192:256] = x[256:320][~np.isnat(x[256:320])][0]
    p = sc.period("5个工作日")
    for utc in (False, True):
        assert daytables.tabled(cal, CONVENTIONS[conv], p, x, utc) is not None  # the table answers every block
        fast, full = both(x, "5个工作日", cal, CONVENTIONS[conv], utc)
        assert_same(fast, full)
        assert np.isnat(fast.due[128:192]).all()  # type: ignore[attr-defined]


def test_a_start_before_1970_among_nat_takes_the_full_way() -> None:
    """Read as uint64, NaT is 2**63 and an instant before 1970 above it: the bounds see it, and the full way
    gives its error."""
    x = starts(500, 4, "m")
    x[7] = np.datetime64("1969-12-31T23:00")
    assert np.isnat(x).any()
    assert daytables.tabled(CN, sc.Convention.civil_code(), sc.period("5个工作日"), x) is None
    with pytest.raises(CalendarHorizonError) as fast:
        sc.deadlines(x, "5个工作日", calendar=CN)
    with full_way(), pytest.raises(CalendarHorizonError) as full:
        sc.deadlines(x, "5个工作日", calendar=CN)
    assert str(fast.value) == str(full.value)


def _slot(d: object) -> object:
    """What ``d.last_day``'s slot holds, unread: its column, or what makes it from the dues."""
    return columns._LAST_DAY.__get__(d, columns.Deadlines)


@pytest.mark.parametrize("tz", ["Asia/Shanghai", "America/Bogota"])
@pytest.mark.parametrize("conv", ["civil", "cutoff", "makeup-rest"])
@pytest.mark.parametrize("period", ["30日", "5个工作日", "1个月"])
def test_a_call_into_new_arrays_leaves_the_last_days_to_be_made_from_the_dues(
    monkeypatch: pytest.MonkeyPatch, tz: str, conv: str, period: str
) -> None:
    """Where every due is its last day's 24:00, ``deadlines`` writes the dues alone, and ``last_day`` is made from
    them on its first read, then kept: the full way's, NaT where the start is, in a block of NaT too, wall times
    and UTC, in zones east and west of UTC, with a cut-off, two-dimensional."""
    monkeypatch.setattr(daytables, "BLOCK", 64)
    cal = sc.calendar("CN", tz=tz)
    x = starts(1_000, zlib.crc32(f"{tz}{conv}{period}".encode()), "m")
    x[128:192] = np.datetime64("NaT")
    for utc in (False, True):
        for shape in ((1_000,), (40, 25)):
            fast, full = both(x.reshape(shape), period, cal, CONVENTIONS[conv], utc)
            assert isinstance(_slot(fast), daytables.FromDue)
            assert_same(fast, full)
            assert _slot(fast) is fast.last_day  # type: ignore[attr-defined]  # made once, then kept
            assert fast.last_day.shape == shape  # type: ignore[attr-defined]


def test_the_last_days_are_written_where_a_due_is_not_a_days_end_and_into_given_arrays() -> None:
    x = starts(500, 11, "m")
    close = sc.deadlines(x, "5个工作日", calendar=HOURS, convention=CONVENTIONS["close"])
    assert isinstance(_slot(close), np.ndarray)  # a close of business: the table's last days, gathered
    out = (np.empty(500, "datetime64[us]"), np.empty(500, "datetime64[D]"), np.empty(500, bool))
    into = sc.deadlines(x, "5个工作日", calendar=CN, out=out)
    assert _slot(into) is out[1]
    with full_way():
        np.testing.assert_array_equal(out[1], sc.deadlines(x, "5个工作日", calendar=CN).last_day)


def test_a_result_whose_last_days_are_unread_pickles_copies_slices_and_stays_frozen() -> None:
    import copy
    import dataclasses
    import pickle

    x = starts(300, 12, "m")
    with full_way():
        full = sc.deadlines(x, "30日", calendar=CN).last_day

    def fresh() -> sc.Deadlines[np.ndarray]:
        d = sc.deadlines(x, "30日", calendar=CN)
        assert isinstance(_slot(d), daytables.FromDue)
        return d

    np.testing.assert_array_equal(pickle.loads(pickle.dumps(fresh())).last_day, full)
    np.testing.assert_array_equal(copy.deepcopy(fresh()).last_day, full)
    np.testing.assert_array_equal(dataclasses.replace(fresh(), utc=False).last_day, full)
    np.testing.assert_array_equal(fresh()[10:20].last_day, full[10:20])
    live = int(np.flatnonzero(~np.isnat(x))[0])
    row = fresh()[live]
    assert row is not None
    assert np.datetime64(row.last_day) == full[live]
    np.testing.assert_array_equal(fresh().to_frame("pandas")["last_day"].to_numpy().astype("datetime64[D]"), full)
    d = fresh()
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.last_day = full  # type: ignore[misc]
    assert isinstance(_slot(d), daytables.FromDue)  # the refused write left it as it was


@pytest.mark.parametrize("utc", [False, True])
@pytest.mark.parametrize("tz", ["Etc/GMT-8", "Etc/GMT+5"])  # UTC+8 and UTC-5, at one offset over any span
def test_nanoseconds_read_no_table_that_reaches_the_ends_of_int64(tz: str, utc: bool) -> None:
    """A column of nanoseconds reads the day tables too (pandas' unit), but not a table whose days reach 1677-09-23
    or 2262-04-10: NaT, or the last instants int64 holds, shifted to wall time would wrap onto its rows. Such a
    calendar answers the full way; one that stops short of them reads its table, NaT included."""
    last = np.iinfo(np.int64).max
    x = np.array([last - 10**9, last - 6 * 3_600 * 10**9, _NAT_INT, last - 9 * 86_400 * 10**9])
    x = x.view("datetime64[ns]")
    civil = CONVENTIONS["civil"]
    for first, end, tabled in (("1700-01-01", "2300-12-31", False), ("1677-09-23", "2262-04-09", True)):
        cal = sc.custom_calendar("1111100", [], first=first, last=end, tz=tz)
        for period in ("1日", "5个工作日"):
            answered = daytables.tabled(cal, civil, sc.period(period), np.array([0], "datetime64[ns]"), utc)
            assert (answered is not None) is tabled
            if tabled:  # NaT beside a start the table answers, and NaT alone
                for some in ([_NAT_INT, 0, _NAT_INT], [_NAT_INT]):
                    assert_same(*both(np.array(some).view("datetime64[ns]"), period, cal, civil, utc))
            else:
                assert_same(*both(x, period, cal, civil, utc))
                assert_same(*both(x[2:], period, cal, civil, utc))


def test_a_due_blanked_before_the_last_days_are_read_gives_a_missing_last_day() -> None:
    """The last days follow the dues: a due set to NaT before the first read of ``last_day`` gives NaT there, in a
    column whose starts had none."""
    x = starts(300, 13, "m")
    x[np.isnat(x)] = np.datetime64("2020-01-01T00:00")
    d = sc.deadlines(x, "30日", calendar=CN)
    assert isinstance(_slot(d), daytables.FromDue)
    d.due[5] = np.datetime64("NaT")
    assert np.isnat(d.last_day[5])
    assert not np.isnat(np.delete(d.last_day, 5)).any()
