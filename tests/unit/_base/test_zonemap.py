"""The zone map: the same offsets as zoneinfo, near and far, from a bounded number of samples."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo

import numpy as np
import pytest

from slaclock._base import zonemap
from slaclock._base.zonemap import FLOOR, PERIOD, PIVOT, zone_map

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _offset(zone: zoneinfo.ZoneInfo, s: int) -> dt.timedelta | None:
    return (_EPOCH + dt.timedelta(seconds=s)).astimezone(zone).utcoffset()


def test_the_facts_the_fold_rests_on_hold_for_every_installed_zone() -> None:
    # no offset changes before 1800; from 2100 the offsets repeat every 400 years
    rng = random.Random(15)
    for tz in sorted(zoneinfo.available_timezones()):
        zone = zoneinfo.ZoneInfo(tz)
        assert _offset(zone, FLOOR - 100 * 365 * 86_400) == _offset(zone, FLOOR), tz
        for _ in range(8):
            s = PIVOT + rng.randrange(PERIOD)
            assert _offset(zone, s) == _offset(zone, s + PERIOD) == _offset(zone, s + 17 * PERIOD), tz


@pytest.mark.parametrize("tz", ["Europe/London", "America/Santiago", "Australia/Sydney", "Asia/Shanghai"])
def test_far_instants_convert_as_zoneinfo_does(tz: str) -> None:
    zone = zoneinfo.ZoneInfo(tz)
    first, last = (dt.datetime(y, 1, 3, tzinfo=dt.UTC) for y in (1, 9999))
    m = zone_map(tz, int(first.timestamp()), int(last.timestamp()) + 86_400 * 300)
    assert m.span == (FLOOR, PIVOT + PERIOD + 2 * 86_400)
    assert m.fold
    rng = random.Random(tz)
    seconds = [rng.randrange(int(first.timestamp()), int(last.timestamp()) + 86_400 * 300) for _ in range(200)]
    utc = np.array(seconds, dtype=np.int64) * 1_000_000
    wall = m.to_wall(utc)
    for s, w in zip(seconds, wall.tolist(), strict=True):
        local = (_EPOCH + dt.timedelta(seconds=s)).astimezone(zone)
        assert w == (local.replace(tzinfo=None) - _EPOCH.replace(tzinfo=None)) // dt.timedelta(microseconds=1)
    back, _ = m.to_utc(wall, gap="flag")
    for w, b in zip(wall.tolist(), back.tolist(), strict=True):  # fold=0 for a repeated wall time, as zoneinfo
        naive = _EPOCH.replace(tzinfo=None) + dt.timedelta(microseconds=w)
        assert b == (naive.replace(tzinfo=zone) - _EPOCH) // dt.timedelta(microseconds=1)


def test_maps_for_far_instants_share_one_cache_entry() -> None:
    zonemap._zone_map.cache_clear()
    for year in (3000, 5000, 9999):
        zone_map("Europe/London", 1_072_915_200, int(dt.datetime(year, 1, 1, tzinfo=dt.UTC).timestamp()))
    assert zonemap._zone_map.cache_info().currsize == 1


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
@pytest.mark.parametrize("tz", ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC"])
def test_utc_to_wall_gives_zoneinfos_wall_times_in_every_unit(unit: str, tz: str) -> None:
    zone = zoneinfo.ZoneInfo(tz)
    rng = random.Random(f"{tz} {unit}")
    per_second = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[unit]
    years = (1678, 2261) if unit == "ns" else (1, 9998)
    lo, hi = (int(dt.datetime(y, 1, 1, tzinfo=dt.UTC).timestamp()) for y in years)
    seconds = [rng.randrange(lo, hi) for _ in range(300)] + [
        rng.randrange(2_170_000_000, 2_200_000_000) for _ in range(200)
    ]
    values = np.array([s * per_second + rng.randrange(per_second) for s in seconds] + [-(2**63)], dtype=np.int64)
    got = zonemap.utc_to_wall(values, unit, tz, -(2**63))
    assert got[-1] == -(2**63)  # the missing value kept
    for v, w in zip(values[:-1].tolist(), got[:-1].tolist(), strict=True):
        s, rest = divmod(v, per_second)
        wall = (_EPOCH + dt.timedelta(seconds=s)).astimezone(zone).replace(tzinfo=None)
        want = int((wall - _EPOCH.replace(tzinfo=None)).total_seconds()) * per_second + rest
        assert w == want, (tz, unit, v)


def test_fixed_offsets_as_arrow_names_them_and_unknown_zones() -> None:
    # Arrow and polars name a fixed offset "+08:00", which zoneinfo does not know
    from slaclock.errors import InvalidInputError

    values = np.array([0, 86_400, -(2**63)], dtype=np.int64)
    assert zonemap.utc_to_wall(values, "s", "+05:30", -(2**63)).tolist() == [19_800, 106_200, -(2**63)]
    assert zonemap.utc_to_wall(values, "s", "-0500", -(2**63)).tolist() == [-18_000, 68_400, -(2**63)]
    utc, skipped = zonemap.wall_to_utc(values, "s", "+08:00", -(2**63))
    assert utc.tolist() == [-28_800, 57_600, -(2**63)]
    assert not skipped.any()
    with pytest.raises(InvalidInputError, match=r"unknown time zone 'Mars/Olympus': an IANA name"):
        zonemap.utc_to_wall(values, "s", "Mars/Olympus", -(2**63))
