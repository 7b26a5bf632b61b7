"""Working hours compiled: one table of a calendar's working intervals, for one instant and for columns.

Maintainer's notes
------------------
A calendar with hours compiles, on first use, one table of working intervals as
UTC microseconds: ``ws[j]`` / ``we[j]`` (start and end of interval ``j``, sorted,
disjoint) and ``cum[j]``, the working microseconds before interval ``j``. Then

- worked(t) = ``cum[j] + min(t - ws[j], we[j] - ws[j])`` with ``j`` the last interval
  starting at or before ``t`` (0 before the first);
- ``add(t, d)`` finds the interval holding ``worked(t) + d``: going forward the one
  whose *end* reaches it first (so a result exactly at a close stays at the close),
  going backward the one whose *start* is at or before it;
- ``between(a, b) = worked(b) - worked(a)``.

An overnight interval (``"22:00-06:00"``) is owned by the day it starts on: it is
in the table when that day is a workday, under that day's ``day``, and its end is
that day's close. The schedules refuse a shift whose part after 24:00 could overlap
the next day's intervals (:class:`WorkingHours`), so the table stays sorted and
disjoint. The last day's shift may end past ``hi`` (the table's end): such an end,
and any result inside it from ``hi`` on, is past the calendar's days (``past_end``).

Schedule boundaries (wall times) become UTC through the zone's :class:`ZoneMap`:
an ambiguous one is its first occurrence (``fold=0``); one the clocks skip is the
instant they jump, so intervals stay sorted and disjoint; an interval emptied by a
gap is dropped.

Single instants use the tables as Python lists with ``bisect``; columns use
:class:`Columns`, which replaces each binary search by a bucket lookup and a step
or two (see :class:`_Counter`), all in numpy.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any, Final, Literal, final

import numpy as np
import numpy.typing as npt

from slaclock._base.instants import EPOCH_ORDINAL, NAT_INT
from slaclock._base.zonemap import zone_map
from slaclock._days.kinds import DayKind
from slaclock._hours.schedule import AtClose, WorkingHours
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._days.table import DayTable

__all__ = ["Columns", "HoursIndex"]

_US: Final = 1_000_000
_DAY: Final = 86_400


@final
class HoursIndex:
    """The working intervals of one calendar with hours, as UTC microseconds; immutable.

    The arrays (``ws``, ``we``, ``cum``, ``day``) serve whole columns; the same
    values as lists (``*_l``) serve single instants, where ``bisect`` on a list
    beats any numpy call.
    """

    __slots__ = (
        "at_close",
        "cum",
        "cum_l",
        "cumend_l",
        "day",
        "day_l",
        "days",
        "hi",
        "lo",
        "m",
        "official_end",
        "past_end",
        "table",
        "vec",
        "we",
        "we_l",
        "ws",
        "ws_l",
        "zones",
    )

    def __init__(self, table: DayTable, hours: WorkingHours) -> None:
        ix = table.ix
        self.table: Final = table
        """The calendar's days: horizon errors, warnings and the zone instants are read in."""
        self.at_close: Final[AtClose] = hours.at_close
        d0 = ix.o0 - EPOCH_ORDINAL  # epoch day of the table's first day
        overnight = any(s and s[-1][1] > _DAY for s in (*hours.weekly, hours.makeup, *(s for _, s in hours.dates)))
        self.zones = zone_map(table.tz, (d0 - 1) * _DAY, (d0 + ix.n + 1 + overnight) * _DAY)  # a night shift's end
        kinds = ix.kind
        work = np.flatnonzero(ix.work)
        for d, _ in hours.dates:
            i = d.toordinal() - ix.o0
            if 0 <= i < ix.n and not ix.work_l[i]:
                raise InvalidInputError(
                    f"a schedule is given for {d}, which is not a workday in the {table.region} calendar; "
                    "open it with extra_workdays first"
                )
        # which schedule each workday keeps: 0..6 its weekday, 7 makeup, 8 + k the k-th dated one
        sid = (work + ix.o0 - 1) % 7
        makeup_kinds = np.array([DayKind.MAKEUP_WORKDAY.code, DayKind.EXTRA_WORKDAY.code], dtype=kinds.dtype)
        sid[np.isin(kinds[work], makeup_kinds)] = 7
        for k, (d, _) in enumerate(hours.dates):
            sid[work == d.toordinal() - ix.o0] = 8 + k
        schedules = (*hours.weekly, hours.makeup, *(s for _, s in hours.dates))
        days, starts, ends = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], [np.zeros(0, np.int64)]
        for k, schedule in enumerate(schedules):
            on = work[sid == k]
            for a, b in schedule:
                days.append(on)
                starts.append(np.full(on.size, a, dtype=np.int64))
                ends.append(np.full(on.size, b, dtype=np.int64))
        day, opens, closes = np.concatenate(days), np.concatenate(starts), np.concatenate(ends)
        order = np.lexsort((opens, day))
        day, opens, closes = day[order], opens[order], closes[order]
        midnight = (day + d0) * (_DAY * _US)
        # a boundary the clocks skip is the instant they jump, so intervals stay in order and disjoint
        ws, _ = self.zones.to_utc(midnight + opens * _US, gap="jump")
        we, _ = self.zones.to_utc(midnight + closes * _US, gap="jump")
        keep = we > ws
        self.ws, self.we, self.day = _frozen(ws[keep]), _frozen(we[keep]), _frozen(day[keep])
        self.m = int(self.ws.size)
        self.days = ix.n
        cum = np.zeros(self.m + 1, dtype=np.int64)
        np.cumsum(self.we - self.ws, out=cum[1:])
        self.cum = _frozen(cum)
        bounds, _ = self.zones.to_utc(
            np.array([d0, d0 + ix.n, d0 + ix.official_last + 1], dtype=np.int64) * (_DAY * _US), gap="jump"
        )
        self.lo, self.hi, self.official_end = (int(v) for v in bounds)  # first instant, one past, official end
        # a result past ``hi`` is past the calendar's days, except ``hi`` itself when it is a close (24:00 of
        # the last day); a night shift of the last day runs past ``hi``, so this is its first instant outside
        j = int(np.searchsorted(self.we, self.hi))
        self.past_end: Final = self.hi + int(j < self.m and int(self.we[j]) == self.hi)
        """The first result instant outside the calendar's days (``hi``, or ``hi + 1`` when ``hi`` is a close)."""
        self.ws_l: list[int] = self.ws.tolist()
        self.we_l: list[int] = self.we.tolist()
        self.day_l: list[int] = self.day.tolist()
        self.cum_l: list[int] = cum.tolist()
        self.cumend_l = self.cum_l[1:]
        self.vec: Columns | None = None

    def worked(self, t: int) -> int:
        """Working microseconds in the table before instant ``t``."""
        j = bisect.bisect_right(self.ws_l, t) - 1
        if j < 0:
            return 0
        return self.cum_l[j] + min(t - self.ws_l[j], self.we_l[j] - self.ws_l[j])

    def locate(self, target: int, forward: bool, at_close: AtClose) -> tuple[int, int] | None:
        """The instant where ``target`` working microseconds are reached, and its interval; None past the table."""
        if forward:
            k = bisect.bisect_left(self.cumend_l, target)
            if k < self.m and at_close == "next_open" and self.cumend_l[k] == target:
                k += 1
                if k >= self.m:
                    return None
                return self.ws_l[k], k
            if k >= self.m:
                return None
            return self.we_l[k] - (self.cumend_l[k] - target), k
        k = bisect.bisect_right(self.cum_l, target, 0, self.m) - 1
        if k < 0 or target < 0:
            return None
        return self.ws_l[k] + (target - self.cum_l[k]), k

    def windows(self, a: int, b: int) -> list[tuple[int, int]]:
        """The parts of working intervals inside ``[a, b]``."""
        j = max(bisect.bisect_right(self.ws_l, a) - 1, 0)
        out = []
        while j < self.m and self.ws_l[j] < b:
            lo, hi = max(self.ws_l[j], a), min(self.we_l[j], b)
            if hi > lo:
                out.append((lo, hi))
            j += 1
        return out

    def columns(self) -> Columns:
        """The lookup tables for whole columns, built on first use."""
        if self.vec is None:
            self.vec = Columns(self)
        return self.vec


def _frozen(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    a.flags.writeable = False
    return a


@final
class _Counter:
    """``count(values <= x)`` (or ``< x``) for a column of ``x`` in ``[lo, hi]``: a bucket table, then a few steps.

    Bucket ``b`` covers ``[lo + b << shift, lo + (b + 1) << shift)`` and stores the
    count at its start; at most ``steps`` values fall inside any bucket, so that many
    compare-and-add passes finish the count. The shift is chosen for the fewest steps
    with a table no longer than a few entries per value.
    """

    __slots__ = ("lo", "padded", "right", "shift", "steps", "table")

    def __init__(self, values: npt.NDArray[np.int64], lo: int, hi: int, *, right: bool) -> None:
        side: Literal["left", "right"] = "right" if right else "left"
        self.lo, self.right = lo, right
        self.padded = np.append(values, np.iinfo(np.int64).max)
        span = max(hi - lo, 1)
        cap = max(8 * values.size, 1 << 12)
        best: tuple[int, int, npt.NDArray[np.intp]] | None = None
        for shift in range(max(span.bit_length() - 1, 0), -1, -1):
            if (span >> shift) + 2 > cap:
                break
            edges = lo + (np.arange((span >> shift) + 2, dtype=np.int64) << shift)
            table = np.searchsorted(values, edges, side).astype(np.intp)
            steps = int(np.diff(table).max(initial=0))
            if best is None or steps < best[1]:
                best = (shift, steps, table)
            if steps <= 1:
                break
        assert best is not None
        self.shift, self.steps, self.table = best

    def __call__(self, x: npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
        b = x - self.lo
        b >>= self.shift
        c = np.take(self.table, b)  # np.take rather than self.table[b]: as fast, and it shares threads better
        for _ in range(self.steps):
            step = np.take(self.padded, c)
            c += (step <= x) if self.right else (step < x)
        return c


@final
class Columns:
    """Gather tables for the column operations; index ``c = count(ws <= t)`` (0 before the first interval).

    - worked(t) = ``min(t + base[c], cumend[c])`` with ``base = cum - ws`` and a
      sentinel at 0 (``base = -lo``, ``cumend = 0``);
    - forward to ``target``: ``k = count(cumend < target)``, result ``target + (we - cumend)[k]``;
    - backward: ``k = count(cum <= target) - 1``, result ``target + (ws - cum)[k]``.
    """

    __slots__ = ("back", "base", "begins", "close", "cumend", "ends", "fwd", "starts", "wep", "wsp")

    def __init__(self, hix: HoursIndex) -> None:
        ws, we, cum = hix.ws, hix.we, hix.cum
        total = int(cum[-1])
        self.base = np.concatenate(([-hix.lo], cum[:-1] - ws))
        self.cumend = np.concatenate(([0], cum[1:]))
        self.wsp = np.append(ws, np.iinfo(np.int64).max)  # ws[c]: the next opening after t
        self.wep = np.concatenate(([hix.lo], we))  # wep[c]: the close of the interval holding t
        self.fwd = np.append(we - cum[1:], 0)
        self.back = np.append(ws - cum[:-1], 0)
        self.starts = _Counter(ws, hix.lo, hix.hi, right=True)
        self.ends = _Counter(cum[1:], 0, total, right=False)
        self.begins = _Counter(cum[:-1], 0, total, right=True)
        # each day's close: the end of its last interval (NaT on a day without hours)
        last = np.flatnonzero(np.diff(hix.day, append=-1) != 0)
        self.close = np.full(hix.days, NAT_INT, dtype=np.int64)
        self.close[hix.day[last]] = we[last]

    def worked(self, t: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Working microseconds before each instant of ``t`` (all inside the table)."""
        c = self.starts(t)
        w = np.take(self.base, c)
        w += t
        np.minimum(w, np.take(self.cumend, c), out=w)
        return w
