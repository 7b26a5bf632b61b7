"""Event columns read at one UTC offset where the zone has one over the column's span, as the zone map reads them."""

from __future__ import annotations

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._contracts.tables import _at_one_offset, _instant_column, _Instants, _to_numpy
from slaclock._days.index import NAT_INT
from slaclock._rules.engine import calendar_zones

CN = sc.calendar("CN")
NY = sc.CalendarSpec("CN", tz="America/New_York").build()


def walls(first: str, last: str, n: int, nat_share: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    lo, hi = np.datetime64(first, "us").astype(np.int64), np.datetime64(last, "us").astype(np.int64)
    us = rng.integers(lo, hi, n)
    us[rng.random(n) < nat_share] = NAT_INT
    return us


@pytest.mark.parametrize("share", [0.0, 0.3, 0.99])
def test_shanghai_since_1991_is_one_offset_both_ways(share: float) -> None:
    us = walls("2004-01-01", "2026-12-31", 50_000, share)
    nat = us == NAT_INT
    got = _at_one_offset(CN, us, to_utc=True)
    assert got is not None
    want, _ = calendar_zones(CN, us[~nat]).to_utc(np.where(nat, 0, us), gap="flag")
    want[nat] = NAT_INT
    assert np.array_equal(got, want)
    back = _at_one_offset(CN, got, to_utc=False)
    assert back is not None
    assert np.array_equal(back, us)


def test_every_value_missing_or_none() -> None:
    assert np.array_equal(_at_one_offset(CN, np.full(5, NAT_INT), to_utc=True), np.full(5, NAT_INT))
    assert _at_one_offset(CN, np.zeros(0, dtype=np.int64), to_utc=True).size == 0


def test_a_span_with_a_transition_is_left_to_the_zone_map() -> None:
    assert _at_one_offset(NY, walls("2026-01-01", "2026-12-31", 1_000, 0.1), to_utc=True) is None
    assert _at_one_offset(CN, walls("1988-01-01", "1990-12-31", 1_000, 0.1), to_utc=True) is None  # China's DST
    # the offsets are read over the calendar's span (2004 on), so New York within one season too
    assert _at_one_offset(NY, walls("2026-04-01", "2026-10-01", 1_000, 0.1), to_utc=True) is None


@pytest.mark.parametrize("cal", [CN, NY], ids=["CN", "NY"])
def test_reading_and_writing_columns_agree_with_the_zone_map(cal: sc.WorkCalendar) -> None:
    us = walls("2026-01-01", "2026-12-31", 20_000, 0.2, seed=3)
    col = us.view("datetime64[us]")
    if cal is NY:  # a wall time the clocks skip is refused: keep to the hours they do not
        hour = (us // 3_600_000_000) % 24
        us[(hour == 2) & (us != NAT_INT)] -= 3_600_000_000
    utc = _instant_column(cal, col, "x")
    nat = us == NAT_INT
    zones = calendar_zones(cal, us[~nat])
    want, _ = zones.to_utc(np.where(nat, 0, us), gap="flag")
    want[nat] = NAT_INT
    assert np.array_equal(utc, want)
    wall = _to_numpy(_Instants(utc), cal).view(np.int64)
    back = zones.to_wall(np.where(nat, 0, utc))
    back[nat] = NAT_INT
    assert np.array_equal(wall, back)


KOLKATA = sc.CalendarSpec("CN", tz="Asia/Kolkata").build()  # +05:30 since 1945: one offset back before 1970


@pytest.mark.parametrize(
    ("first", "last"),
    [("1960-01-01", "1965-12-31"), ("1965-01-01", "1975-12-31"), ("1969-12-31", "1970-01-02")],
    ids=["before-1970", "across-1970", "at-the-epoch"],
)
def test_instants_before_1970_are_bounded_as_well(first: str, last: str) -> None:
    """The bounds read through uint64 (NaT above every later instant) hold for negative µs too."""
    us = walls(first, last, 5_000, 0.3, seed=5)
    nat = us == NAT_INT
    assert calendar_zones(KOLKATA, us[~nat]).constant == 19_800_000_000
    got = _at_one_offset(KOLKATA, us, to_utc=True)
    assert got is not None
    assert np.array_equal(got, np.where(nat, NAT_INT, us - 19_800_000_000))
    back = _at_one_offset(KOLKATA, got, to_utc=False)
    assert back is not None
    assert np.array_equal(back, us)


def test_a_transition_before_the_values_after_1970_is_seen() -> None:
    """Values before 1970 among later ones: the bounds are the true least and largest, whatever the uint64 order
    says, so a span reaching back over a transition is left to the zone map."""
    for old in ("1941-06-01", "1944-06-01"):  # Kolkata's wartime offsets (+06:30 from 1942 to 1945)
        us = np.concatenate([walls("2004-01-01", "2026-12-31", 100, 0.2), walls(old, old[:5] + "12-31", 5, 0.0)])
        assert _at_one_offset(KOLKATA, us, to_utc=True) is None
        assert _at_one_offset(KOLKATA, us[::-1].copy(), to_utc=False) is None


@pytest.mark.parametrize("share", [0.0, 0.3, 1.0])
def test_written_into_a_given_array(share: float) -> None:
    us = walls("2004-01-01", "2026-12-31", 10_000, share, seed=9)
    want = _at_one_offset(CN, us, to_utc=False)
    out = np.full(us.size + 4, 7, dtype=np.int64)
    got = _at_one_offset(CN, us, to_utc=False, out=out[2:-2])
    assert got is not None
    assert np.shares_memory(got, out)
    assert np.array_equal(out[2:-2], want)
    assert (out[:2] == 7).all()
    assert (out[-2:] == 7).all()
    with pytest.raises(ValueError, match="must not be"):
        _at_one_offset(CN, us, to_utc=False, out=us)


PHOENIX = sc.CalendarSpec("CN", tz="America/Phoenix").build()  # -07:00 since 1968: the steps the other way


@settings(max_examples=300, deadline=None)
@given(
    values=hnp.arrays(np.int64, st.integers(1, 40), elements=st.integers(0, 2**63 - 1)),
    nat=st.data(),
    to_utc=st.booleans(),
    east=st.booleans(),
)
def test_any_values_from_1970_as_plain_arithmetic(
    values: np.ndarray, nat: st.DataObject, to_utc: bool, east: bool
) -> None:
    """Every value from 1970 on moves by the offset (int64 arithmetic, which wraps, up to the largest), NaT stays
    NaT: the one pass without NaT and each of the two-pass ways with it (a step up or down, near the top)."""
    cal = CN if east else PHOENIX
    missing = nat.draw(hnp.arrays(np.bool_, values.size))
    us = np.where(missing, NAT_INT, values)
    got = _at_one_offset(cal, us, to_utc=to_utc)
    live = us[~missing]
    if not live.size:
        assert got is not None
        assert (got == NAT_INT).all()
        return
    offset = calendar_zones(cal, np.array([live.min(), live.max()])).constant
    if offset is None:
        assert got is None
        return
    step = -offset if to_utc else offset
    want = (us.view(np.uint64) + np.uint64(step % 2**64)).view(np.int64)  # wraps, as int64 arithmetic does
    want[missing] = NAT_INT
    assert got is not None
    assert np.array_equal(got, want)


def test_values_at_the_top_wrap_as_int64_does() -> None:
    """A step up past the largest int64 wraps, as plain arithmetic does, and is not taken for NaT."""
    top = np.iinfo(np.int64).max
    us = np.array([top - 5, top, NAT_INT, top - 2**62], dtype=np.int64)
    got = _at_one_offset(CN, us, to_utc=False)
    assert got is not None
    step = 28_800_000_000
    assert got.tolist() == [top - 5 + step - 2**64, top + step - 2**64, NAT_INT, top - 2**62 + step]


_US_1900, _US_2100 = -2_208_988_800_000_000, 4_102_444_800_000_000


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["CN", "NY", "KOLKATA"]),
    st.integers(_US_1900, _US_2100),
    st.integers(0, 200 * 365 * 86_400_000_000),
)
def test_the_zone_map_between_two_instants_reads_them_as_zoneinfo_does(which: str, lo: int, width: int) -> None:
    """The map kept beside the calendar's table (instants within its span) or made for a wider span (instants
    outside it) gives each instant from ``lo`` to ``hi`` its wall time as ``zoneinfo`` does, and has one offset
    only where ``zoneinfo`` has it at both ends; ``calendar_zones`` on the two gives the same map."""
    import datetime as dt
    import zoneinfo

    from slaclock._rules.engine import zones_between

    cal = {"CN": CN, "NY": NY, "KOLKATA": KOLKATA}[which]
    hi = min(lo + width, _US_2100)
    zones = zones_between(cal, lo, hi)
    same = calendar_zones(cal, np.array([hi, lo], dtype=np.int64))
    assert zones.span == same.span
    assert zones.constant == same.constant
    zone = zoneinfo.ZoneInfo(cal.tz)
    at = np.array(sorted({lo, hi, (lo + hi) // 2, lo + (hi - lo) // 7}), dtype=np.int64)
    offsets = [
        int(dt.datetime.fromtimestamp(int(u) // 1_000_000, zone).utcoffset().total_seconds()) * 1_000_000  # type: ignore[union-attr]
        for u in at
    ]
    assert list(zones.to_wall(at) - at) == offsets
    if zones.constant is not None:
        assert set(offsets) == {zones.constant}
    assert zones_between(cal, None, None) is zones_between(cal, None, None)  # the calendar's own, kept
