"""A time zone's UTC offsets over a span, as arrays: wall time <-> UTC for whole columns at once.

Maintainer's notes
------------------
``zoneinfo`` converts one datetime at a time and does not publish its transitions.
:class:`ZoneMap` finds them for a span by sampling the offset once a day (UTC) and
bisecting to the second where it changes; no real zone changes its offset twice in
a day. Then, with ``T[i]`` the transition instants and ``off[i]`` the offset in
force from ``T[i-1]`` to ``T[i]``:

- UTC -> wall: ``u + off[count(T <= u)]``;
- wall -> UTC: the wall times around transition ``i`` from offset ``a`` to ``b``
  are ``[T + min(a, b), T + max(a, b))``: nonexistent when ``b > a`` (the clocks
  skip them), ambiguous when ``b < a`` (they happen twice). Below that range the
  old offset holds, from its top the new one. An ambiguous wall time is taken at
  its first occurrence (``fold=0``, as ``zoneinfo``); what a nonexistent one
  becomes is the caller's choice: an error, or the instant the clocks jump.

A zone with no transition in the span (Asia/Shanghai since 1991) is one constant.
Everything is int64 microseconds since the Unix epoch.

Far instants cost no more than near ones. No zone changes its offset before 1800
(``FLOOR``): below its first transition a map holds the offset it starts with. From 2100
(``PIVOT``) every zone follows the yearly rule at the end of its tzdata file, so its offsets
repeat every 400 years (``PERIOD``: 146,097 days, a whole number of weeks): a map reaching
past 2100 samples 2100..2500 once and folds later instants into it. A span is sampled at
most from 1800 to 2500 (about 255,000 samples, once per zone and span: the cache), whatever
the instants (a start in the year 9999 cost 4 s before). ``tests/unit/_base/test_zonemap.py``
checks both facts on every zone of the installed tzdata.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from typing import Final, final

import numpy as np
import numpy.typing as npt

from slaclock._base.show import brief
from slaclock.errors import InvalidInputError

__all__ = ["ZoneMap", "repeated", "utc_to_wall", "wall_to_utc", "zone_map"]

I64: Final = np.int64
_US: Final = 1_000_000
_DAY_S: Final = 86_400
FLOOR: Final = -5_364_662_400
"""1800-01-01T00:00Z (Unix seconds): no zone changes its offset before."""
PIVOT: Final = 4_102_444_800
"""2100-01-01T00:00Z (Unix seconds): from here every zone's offsets repeat every ``PERIOD``."""
PERIOD: Final = 146_097 * _DAY_S
"""400 Gregorian years in seconds: the calendar, weekdays included, repeats."""

Int64Array = npt.NDArray[np.int64]


@final
class ZoneMap:
    """UTC offsets of one zone over ``[first_s, last_s)`` (Unix seconds); immutable."""

    __slots__ = ("constant", "fold", "gap", "hi_wall", "lo_wall", "off", "span", "trans")

    def __init__(self, tz: str, first_s: int, last_s: int) -> None:
        zone = zoneinfo.ZoneInfo(tz)
        first_s, last_s, fold = sampled(first_s, last_s)
        self.span = (first_s, last_s)
        """The Unix seconds sampled."""
        self.fold = fold
        """Whether instants from ``PIVOT`` on fold into ``PIVOT .. PIVOT + PERIOD``."""

        def offset(s: int) -> int:
            return int(dt.datetime.fromtimestamp(s, zone).utcoffset().total_seconds())  # type: ignore[union-attr]

        samples = range(first_s - _DAY_S, last_s + 2 * _DAY_S, _DAY_S)
        values = [offset(s) for s in samples]
        trans: list[int] = []
        offs = [values[0]]
        for k in range(1, len(values)):
            if values[k] == values[k - 1]:
                continue
            lo, hi = samples[k - 1], samples[k]  # offset(lo) is old, offset(hi) is new
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if offset(mid) == values[k - 1]:
                    lo = mid
                else:
                    hi = mid
            trans.append(hi)
            offs.append(values[k])
        self.constant: int | None = offs[0] * _US if not trans else None
        t = np.array(trans, dtype=I64) * _US
        o = np.array(offs, dtype=I64) * _US
        self.trans: Int64Array = t
        self.off: Int64Array = o
        # wall-time bounds of each transition's skipped or repeated range
        self.lo_wall: Int64Array = t + np.minimum(o[:-1], o[1:])
        self.hi_wall: Int64Array = t + np.maximum(o[:-1], o[1:])
        self.gap: npt.NDArray[np.bool_] = o[1:] > o[:-1]

    def to_wall(self, utc: Int64Array) -> Int64Array:
        """Wall times (naive, as microseconds) of UTC instants."""
        if self.constant is not None:
            return utc + self.constant
        at = _fold(utc, PIVOT * _US) if self.fold else utc
        return utc + self.off[np.searchsorted(self.trans, at, "right")]

    def to_utc(self, wall: Int64Array, *, gap: str) -> tuple[Int64Array, npt.NDArray[np.bool_] | None]:
        """UTC instants of wall times; ambiguous ones at their first occurrence.

        ``gap="jump"`` maps a nonexistent wall time to the instant the clocks jump;
        ``gap="flag"`` maps it as ``fold=0`` would and returns a mask of such times.
        """
        if self.constant is not None:
            return wall - self.constant, None
        shift: Int64Array | None = None
        if self.fold:  # a wall time a day past PIVOT is an instant past it: fold by whole periods
            folded = _fold(wall, (PIVOT + _DAY_S) * _US)
            shift, wall = wall - folded, folded
        i = np.searchsorted(self.hi_wall, wall, "right")  # transitions whose range lies wholly below
        utc = wall - self.off[i]
        j = np.minimum(i, len(self.trans) - 1)
        skipped = (i < len(self.trans)) & self.gap[j] & (wall >= self.lo_wall[j])
        if gap == "jump":
            np.copyto(utc, self.trans[j], where=skipped)
        if shift is not None:
            utc += shift
        return utc, None if gap == "jump" else skipped


def repeated(zones: ZoneMap, wall: Int64Array) -> npt.NDArray[np.bool_]:
    """Which wall times (naive µs) happen twice in ``zones``: those in the hour (or half hour) a fall-back repeats,
    which :meth:`ZoneMap.to_utc` takes at their first occurrence."""
    if zones.constant is not None or not len(zones.trans):
        return np.zeros(wall.shape, dtype=bool)
    if zones.fold:
        wall = _fold(wall, (PIVOT + _DAY_S) * _US)
    i = np.searchsorted(zones.hi_wall, wall, "right")
    j = np.minimum(i, len(zones.trans) - 1)
    twice: npt.NDArray[np.bool_] = (i < len(zones.trans)) & ~zones.gap[j] & (wall >= zones.lo_wall[j])
    return twice


def sampled(first_s: int, last_s: int) -> tuple[int, int, bool]:
    """The span a map of ``[first_s, last_s)`` samples, and whether it folds (see the module's notes)."""
    first = min(max(first_s, FLOOR), PIVOT)
    if last_s <= PIVOT:
        return first, max(last_s, first + _DAY_S), False
    return first, PIVOT + PERIOD + 2 * _DAY_S, True


def _fold(x: Int64Array, base_us: int) -> Int64Array:
    """Microseconds from ``base_us`` on, moved back by whole periods into ``base_us .. base_us + PERIOD``."""
    period = PERIOD * _US
    return np.where(x >= base_us, base_us + (x - base_us) % period, x)


def zone_map(tz: str, first_s: int, last_s: int) -> ZoneMap:
    """The (cached) :class:`ZoneMap` of ``tz`` over ``[first_s, last_s)`` Unix seconds.

    Cached by the span it samples: maps for far instants share one entry.
    """
    first, last, _ = sampled(first_s, last_s)
    return _zone_map(tz, first, last)


@functools.lru_cache(maxsize=64)
def _zone_map(tz: str, first_s: int, last_s: int) -> ZoneMap:
    return ZoneMap(tz, first_s, last_s)


_PER_US: Final = {"s": -1_000_000, "ms": -1_000, "us": 1, "ns": 1_000}
"""A unit's values per µs (negative: µs per value)."""


def _in_us(values: Int64Array, unit: str, missing: int) -> tuple[Int64Array, npt.NDArray[np.bool_]]:
    """``values`` (int64 in ``unit``) as µs (floored; 0 where ``missing``), and where they are not missing."""
    per = _PER_US[unit]
    live = values != missing
    us = np.where(live, values, 0)
    return (us * -per if per < 0 else us // per), live


_FIXED: Final = re.compile(r"([+-])(\d\d):?(\d\d)")
"""A fixed offset as Arrow and polars name a zone (``+08:00``), which zoneinfo does not know."""


def _map_over(tz: str, us: Int64Array, live: npt.NDArray[np.bool_]) -> ZoneMap | int:
    """The map of ``tz`` over the live µs, its span widened to whole steps of 2**28 s (about 8.5 years), so that
    the spans of one call after another fall on the same cached maps; a fixed offset (``+08:00``) as its µs."""
    fixed = _FIXED.fullmatch(tz)
    if fixed is not None:
        sign, hours, minutes = fixed.groups()
        return (-1 if sign == "-" else 1) * (int(hours) * 3_600 + int(minutes) * 60) * _US
    seen = us if live.all() else us[live]
    lo, hi = (int(seen.min()), int(seen.max())) if seen.size else (0, 0)
    step = 1 << 28
    try:
        return zone_map(tz, (lo // _US // step - 1) * step, (hi // _US // step + 2) * step)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInputError(f"unknown time zone {brief(tz)}: an IANA name (Asia/Shanghai) or +HH:MM") from exc


def _shifted(
    values: Int64Array, shift_us: Int64Array, unit: str, live: npt.NDArray[np.bool_], missing: int
) -> Int64Array:
    """``values`` moved by whole-second shifts given in µs, in their unit; ``missing`` kept."""
    per = _PER_US[unit]
    shift = shift_us // -per if per < 0 else shift_us * per
    out: Int64Array = np.where(live, values + shift, missing)
    return out


def utc_to_wall(values: Int64Array, unit: str, tz: str, missing: int) -> Int64Array:
    """Wall times in ``tz`` of UTC instants (int64 in ``unit``: ``s``, ``ms``, ``us`` or ``ns``; ``missing`` kept), by
    this module's maps: the rules zoneinfo reads, in every year. (Arrow's ``local_timestamp`` drops summer time from
    2038 on, and polars' zone conversion from 2100.) The caller keeps the values where an offset cannot overflow.

    >>> import numpy as np
    >>> summer = np.array(["2040-07-15T04:30", "NaT"], "datetime64[s]").view(np.int64)
    >>> utc_to_wall(summer, "s", "America/New_York", np.iinfo(np.int64).min).view("datetime64[s]")
    array(['2040-07-15T00:30:00',                 'NaT'], dtype='datetime64[s]')
    """
    us, live = _in_us(values, unit, missing)
    zones = _map_over(tz, us, live)
    shift = np.full_like(us, zones) if isinstance(zones, int) else zones.to_wall(us) - us
    return _shifted(values, shift, unit, live, missing)


def wall_to_utc(values: Int64Array, unit: str, tz: str, missing: int) -> tuple[Int64Array, npt.NDArray[np.bool_]]:
    """UTC instants of wall times in ``tz`` (as :func:`utc_to_wall`, the other way): a repeated wall time at its first
    occurrence; and which wall times the clocks skip (the caller's to refuse).

    >>> import numpy as np
    >>> wall = np.array(["2040-07-15T00:30", "2040-03-11T02:30"], "datetime64[s]").view(np.int64)
    >>> utc, skipped = wall_to_utc(wall, "s", "America/New_York", np.iinfo(np.int64).min)
    >>> utc.view("datetime64[s]")[0], skipped.tolist()
    (np.datetime64('2040-07-15T04:30:00'), [False, True])
    """
    us, live = _in_us(values, unit, missing)
    # a wall time's offset is that of the UTC instant it names: within a day of the wall time itself
    zones = _map_over(tz, us, live)
    utc, skipped = (us - zones, None) if isinstance(zones, int) else zones.to_utc(us, gap="flag")
    gone = np.zeros(values.shape, dtype=bool) if skipped is None else skipped & live
    return _shifted(values, utc - us, unit, live, missing), gone
