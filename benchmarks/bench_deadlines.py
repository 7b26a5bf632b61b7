"""Side-by-side timings of slaclock's column deadlines (``sc.deadlines``) against numpy, polars, pandas and loops.

Same rules as ``bench_calendar.py`` (whose helpers this script imports): everything is
measured in one run on one machine, every peer is reported as a ratio to slaclock
measured in the same run on the same inputs (``peer time / slaclock time``: above 1
means slaclock is faster), and nothing asserts anything about speed.

Sections
--------
1. Deadlines: ``sc.deadlines(starts, period, calendar=cal)`` at 1, 1,000 and 1,000,000
   starts, in ns per element, for "7日" (Civil Code calendar days: the start day is not
   counted, a last day on a rest day moves to the next workday), "5个工作日" and "1个月" on
   ``datetime64[D]`` dates, "7日", "5个工作日" and "24小时" on ``datetime64[us]`` instants
   (wall time in Asia/Shanghai), "30日" and "5个工作日" on ``datetime64[m]`` minute starts, and "8个工作小时" on a
   calendar with working hours. Each
   peer computes the same last day (or due instant) its own way on the same starts:
   numpy ``busday_offset`` on a ``busdaycalendar`` of the CN weekday rest days, polars
   ``dt.add_business_days``, pandas ``CustomBusinessDay``, ``holidays.China`` and
   ``chinese_calendar`` in Python loops, and slaclock's own scalar ``sc.deadline`` in a
   loop. Slow peers run on fewer starts (the table says how many), next to slaclock on
   the same starts. "differ" is the share of the peer's answers unlike slaclock's, on the
   peer's largest run.
2. Reference: numpy ``arr.copy()`` of the same dates, the cost of touching the bytes once; and the floors on the
   minute column: ``np.copyto`` into a buffer allocated once, three fresh output arrays filled (the pages a
   call returning all three columns pays), and a single gather of the last day from a table of every start day
   ("30日", "5个工作日"), into the buffer and into a new array (as issue 18 first measured it), and two gathers
   (the due and the last day) into new arrays, with slaclock's ``deadlines(m, ...)`` as multiples of them in the
   notes, with ``out=`` and with ``last_day`` read too (a new result of these periods writes the dues, and makes
   the last days from them on their first read: its floor is the two gathers); then
   ``deadlines(m, ...)`` with new arrays beside both gathers in two fresh interpreters, one as started and one
   with glibc keeping freed memory, with the page faults of each call.
3. Start-up: ``import slaclock``, ``calendar("CN")`` and the first column calls, in fresh
   interpreters.
4. ``--big``: a pandas DataFrame of 10,000,000 tickets gets two deadline columns, in a
   fresh interpreter: seconds, ns per row and peak RSS.
5. One calendar per row: ``sc.deadlines(starts, period, calendar=keys, calendars={"CN": ..., "HK": ...})``
   on the largest size, half the rows on each calendar in random order, beside the one-calendar call on the
   same starts in the same process (the ratio: per-row time / one-calendar time); then the same in pandas and
   polars, the keys a column of text and a categorical (or Enum) one. Then a period per row: three workday
   targets by priority at random, as numpy text, ``Period`` objects, pandas and polars columns (text and
   categorical), and with a calendar per row too, against one period on the same starts. Then targets of other
   kinds (clock time, working time, and either mixed with workdays: numpy text, a pandas categorical, and with a
   calendar per row), each against one period of its kind, and "24小时" in UTC with a calendar per row.
   ``--rowcal-only`` runs these three sections alone.

Run ``python benchmarks/bench_deadlines.py`` (``--quick`` for a smaller run, ``--big``
for the 10M-row DataFrame, ``--json PATH`` to choose where the results go; default
``benchmarks/results/deadlines-latest.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import math
import resource
import statistics
import subprocess
import sys
import timeit
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np

import slaclock as sc

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # run as a script this is already so; imported from elsewhere it is not
    sys.path.insert(0, str(HERE))

from bench_calendar import (  # noqa: E402
    Report,
    Row,
    all_days,
    best_of,
    dist_versions,
    machine_info,
    numpy_calendar,
    optional_module,
    parse_args,
    random_days,
    render_titled,
    rest_weekdays,
    run_python,
    share_differing,
    write_json,
)
from bench_hours import HOURS, random_instants  # noqa: E402

DEFAULT_JSON = HERE / "results" / "deadlines-latest.json"
HOLIDAY_YEARS = range(2004, 2027)
ONE_DAY = dt.timedelta(days=1)
BIG_ROWS = 10_000_000
BIG_REPEATS = 3  # passes after the first one, of which the best is reported
STARTUP_N = 1_000
TARGET_DAY_NS = 20.0  # issue 5: a Civil Code day period on 1M starts, ns per element
TARGET_STARTUP_MS = 150.0  # issue 5: import slaclock + first CN calendar


@dataclass(frozen=True)
class Config:
    """Sizes and repeat counts of one run."""

    sizes: tuple[int, ...]  # the sizes every vector implementation runs at (the last one is the largest)
    repeats: int
    pandas_n: int  # pandas CustomBusinessDay: about 11 µs per element
    loop_n: int  # holidays and slaclock's scalar deadline in a Python loop: 2-10 µs per call
    slow_n: int  # chinese_calendar: 30-170 µs per call
    loop_repeats: int  # pandas and the loops
    min_time: float  # seconds: a repeat of a short call times as many calls as fill this
    process_runs: int
    seed: int


FULL = Config((1, 1_000, 1_000_000), 7, 20_000, 20_000, 2_000, 3, 0.01, 7, 20260101)
QUICK = Config((1, 1_000, 200_000), 5, 5_000, 5_000, 500, 3, 0.002, 3, 20260101)


# -- timing -------------------------------------------------------------------------------


def best_per_call(fn: Callable[[], object], repeats: int, min_time: float) -> tuple[float, Any]:
    """:func:`best_of` for calls too short to time one at a time: seconds per call, and a warm-up result.

    Each repeat times as many calls as fill ``min_time`` seconds (one call, if it alone
    takes that long: then this is ``best_of(fn, repeats)``).
    """
    start = timeit.default_timer()
    fn()
    once = timeit.default_timer() - start
    number = 1 if once >= min_time else math.ceil(min_time / max(once, 1e-9))
    if number == 1:
        return best_of(fn, repeats)
    result = fn()
    return min(timeit.Timer(fn).repeat(repeat=repeats, number=number)) / number, result


# -- peers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Peer:
    """One way to compute the same answers as ``sc.deadlines`` (timed: ``run`` on what ``prepare`` made)."""

    impl: str
    kind: str  # "vector" (every size), "pandas", "loop" or "slow" (capped sizes, see Config)
    prepare: Callable[[np.ndarray], Any]  # the starts in the peer's own form, outside the timing
    run: Callable[[Any], Any]
    answers: Callable[[Any], np.ndarray]  # its results as datetime64[D] days (or [us] instants), outside the timing
    note: str = ""


@dataclass(frozen=True)
class Operation:
    """One period on one kind of starts, slaclock's call and its peers."""

    label: str
    period: str
    starts: str  # "dates" or "instants"
    calendar: sc.WorkCalendar
    answer: str  # "last_day" or "due": the Deadlines field the peers are compared on
    peers: list[Peer] = field(default_factory=list)


@dataclass(frozen=True)
class Peers:
    """Everything the peers are built from once, outside any timing."""

    cal: sc.WorkCalendar
    bcal: np.busdaycalendar
    holiday_dates: list[dt.date]  # every Monday-to-Friday CN rest day 2004..2026
    pd: Any
    pl: Any
    cn: Any  # holidays.China(years=2004..2026)
    cc: Any  # chinese_calendar, or None

    @classmethod
    def build(cls, cal: sc.WorkCalendar) -> Peers:
        import holidays

        return cls(
            cal,
            numpy_calendar(cal),
            rest_weekdays(cal).astype(object).tolist(),
            optional_module("pandas"),
            optional_module("polars"),
            holidays.China(years=HOLIDAY_YEARS),
            optional_module("chinese_calendar"),
        )


def as_date_list(x: np.ndarray) -> list[dt.date]:
    return x.astype("datetime64[D]").astype(object).tolist()


def date_answers(xs: Sequence[dt.date]) -> np.ndarray:
    return np.array(xs, dtype="datetime64[D]")


def numpy_add_months(days: np.ndarray, months: int) -> np.ndarray:
    """``days`` plus ``months``, clamped to the month's last day (art. 202), with datetime64[M] arithmetic."""
    month = days.astype("datetime64[M]")
    dom = days - month.astype("datetime64[D]")
    target = month + np.timedelta64(months, "M")
    first = target.astype("datetime64[D]")
    length = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - first
    return first + np.minimum(dom, length - np.timedelta64(1, "D"))


def by_steps(period: str, is_workday: Callable[[dt.date], bool]) -> Callable[[dt.date], dt.date]:
    """The Civil Code last day from a scalar workday test, as a user would write it: the start day not counted."""
    from dateutil.relativedelta import relativedelta

    def roll(d: dt.date) -> dt.date:  # art. 203: a rest day moves to the next workday
        while not is_workday(d):
            d += ONE_DAY
        return d

    def seven_days(d: dt.date) -> dt.date:
        return roll(d + 7 * ONE_DAY)

    def one_month(d: dt.date) -> dt.date:
        return roll(d + relativedelta(months=1))  # clamped to the month's end (art. 202)

    def five_workdays(d: dt.date) -> dt.date:
        k = 0
        while k < 5:
            d += ONE_DAY
            k += is_workday(d)
        return d

    return {"7日": seven_days, "1个月": one_month, "5个工作日": five_workdays}[period]


STEP_NOTES = {
    "7日": "d + 7 days, then step {}",
    "1个月": "d + relativedelta(months=1), then step {}",
    "5个工作日": "step {} to the 5th workday after d",
}


def loop_peer(impl: str, kind: str, fn: Callable[[dt.date], dt.date], note: str = "") -> Peer:
    """A scalar API in a Python loop over ``datetime.date`` starts (dates of instants taken outside the timing)."""
    return Peer(impl, kind, as_date_list, lambda xs: [fn(d) for d in xs], date_answers, note)


def scalar_slaclock(period: str, cal: sc.WorkCalendar) -> Peer:
    return Peer(
        "slaclock sc.deadline() per date",
        "loop",
        as_date_list,
        lambda xs: [sc.deadline(d, period, calendar=cal).last_day for d in xs],
        date_answers,
        "scalar API in a Python loop",
    )


def day_peers(p: Peers, period: str) -> list[Peer]:
    """The peers of a day-based period on ``datetime64[D]`` dates: last days."""
    bcal, hol = p.bcal, p.holiday_dates
    week = np.timedelta64(7, "D")

    def np_run(d: np.ndarray) -> np.ndarray:
        if period == "7日":
            return np.busday_offset(d + week, 0, roll="forward", busdaycal=bcal)
        if period == "5个工作日":
            return np.busday_offset(d, 5, roll="backward", busdaycal=bcal)
        return np.busday_offset(numpy_add_months(d, 1), 0, roll="forward", busdaycal=bcal)

    np_notes = {
        "7日": "busday_offset(d + 7, 0, roll='forward')",
        "5个工作日": "busday_offset(d, 5, roll='backward')",
        "1个月": "datetime64[M] + 1, clamped; busday_offset(.., 0, roll='forward')",
    }
    peers = [Peer("numpy busday_offset", "vector", lambda d: d, np_run, lambda r: r, np_notes[period])]

    if p.pl is not None:
        pl = p.pl

        def pl_run(s: Any) -> Any:
            if period == "7日":
                return (s + dt.timedelta(days=7)).dt.add_business_days(0, holidays=hol, roll="forward")
            if period == "5个工作日":
                return s.dt.add_business_days(5, holidays=hol, roll="backward")
            return s.dt.offset_by("1mo").dt.add_business_days(0, holidays=hol, roll="forward")

        pl_notes = {
            "7日": "(s + 7 days).dt.add_business_days(0, roll='forward')",
            "5个工作日": "s.dt.add_business_days(5, roll='backward')",
            "1个月": "s.dt.offset_by('1mo').dt.add_business_days(0, roll='forward')",
        }
        peers.append(
            Peer(
                f"polars {pl.__version__} add_business_days",
                "vector",
                lambda d: pl.Series("start", d),
                pl_run,
                lambda s: s.to_numpy().astype("datetime64[D]"),
                pl_notes[period],
            )
        )

    if p.pd is not None:
        pd = p.pd
        text = [str(d) for d in hol]
        five = pd.offsets.CustomBusinessDay(n=5, weekmask="1111100", holidays=text)
        roll = pd.offsets.CustomBusinessDay(n=0, weekmask="1111100", holidays=text)

        def pd_run(i: Any) -> Any:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Non-vectorized DateOffset being applied": that is what we measure
                if period == "7日":
                    return (i + pd.Timedelta(days=7)) + roll
                if period == "5个工作日":
                    return i + five
                return (i + pd.DateOffset(months=1)) + roll

        pd_notes = {
            "7日": "(idx + 7 days) + CustomBusinessDay(0)",
            "5个工作日": "idx + CustomBusinessDay(5)",
            "1个月": "(idx + DateOffset(months=1)) + CustomBusinessDay(0)",
        }
        peers.append(
            Peer(
                f"pandas {pd.__version__} CustomBusinessDay",
                "pandas",
                pd.DatetimeIndex,
                pd_run,
                lambda i: i.to_numpy().astype("datetime64[D]"),
                pd_notes[period] + "; per element",
            )
        )

    cn = p.cn
    holidays_impl = f"holidays {importlib.metadata.version('holidays')} China"
    if period == "5个工作日":
        peers.append(
            loop_peer(holidays_impl, "loop", lambda d: cn.get_nth_working_day(d, 5), "get_nth_working_day(d, 5)")
        )
    else:
        note = STEP_NOTES[period].format("is_working_day")
        peers.append(loop_peer(holidays_impl, "loop", by_steps(period, cn.is_working_day), note))
    if p.cc is not None:
        note = STEP_NOTES[period].format("is_workday")
        peers.append(loop_peer("chinese_calendar", "slow", by_steps(period, p.cc.is_workday), note))
    peers.append(scalar_slaclock(period, p.cal))
    return peers


def instant_peers(p: Peers, period: str) -> list[Peer]:
    """numpy's way for instants: take the date (it is wall time already), then as for dates; 24 h is arithmetic."""
    bcal = p.bcal
    if period == "24小时":
        hours = np.timedelta64(24, "h")
        return [Peer("numpy t + 24 h", "vector", lambda t: t, lambda t: t + hours, lambda r: r, "clock hours")]
    if period.endswith("日") and not period.endswith("工作日"):
        days = int(period[:-1])
        span = np.timedelta64(days, "D")
        return [
            Peer(
                "numpy busday_offset",
                "vector",
                lambda t: t,
                lambda t: np.busday_offset(t.astype("datetime64[D]") + span, 0, roll="forward", busdaycal=bcal),
                lambda r: r,
                f"date of t + {days}, roll='forward'",
            )
        ]
    return [
        Peer(
            "numpy busday_offset",
            "vector",
            lambda t: t,
            lambda t: np.busday_offset(t.astype("datetime64[D]"), 5, roll="backward", busdaycal=bcal),
            lambda r: r,
            "date of t, 5, roll='backward'",
        )
    ]


def operations(p: Peers) -> list[Operation]:
    cal = p.cal
    hours_cal = cal.with_hours(HOURS)
    ops = [
        Operation(f'deadlines(d, "{x}")', x, "dates", cal, "last_day", day_peers(p, x))
        for x in ("7日", "5个工作日", "1个月")
    ]
    ops += [
        Operation(f'deadlines(t, "{x}")', x, "instants", cal, "last_day", instant_peers(p, x))
        for x in ("7日", "5个工作日")
    ]
    ops += [  # minute starts, the unit ticket exports usually have (issue 18's headline)
        Operation(f'deadlines(m, "{x}")', x, "minutes", cal, "last_day", instant_peers(p, x))
        for x in ("30日", "5个工作日")
    ]
    ops.append(Operation('deadlines(t, "24小时")', "24小时", "instants", cal, "due", instant_peers(p, "24小时")))
    ops.append(
        Operation(
            'deadlines(t, "8个工作小时"), hours',
            "8个工作小时",
            "instants",
            hours_cal,
            "due",
            [
                Peer(
                    "slaclock cal.add_working_time(t, ..)",
                    "vector",
                    lambda t: t,
                    lambda t: hours_cal.add_working_time(t, "8个工作小时"),
                    lambda r: r,
                    "the same instants without last_day; businesstimedelta: bench_hours.py",
                )
            ],
        )
    )
    return ops


# -- 1. deadlines -------------------------------------------------------------------------


def makeup_between(cal: sc.WorkCalendar) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Whether a weekend day that ``cal`` works (调休上班) lies in ``[a, b]`` (datetime64[D] columns)."""
    days = all_days()
    makeup = cal.is_workday(days) & ~np.is_busday(days, weekmask="1111100")
    cum = np.concatenate([[0], np.cumsum(makeup)])
    first = days[0]

    def between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        i = np.clip((a - first).astype(np.int64), 0, days.size)
        j = np.clip((b - first).astype(np.int64) + 1, 0, days.size)
        return np.asarray(cum[j] - cum[i] > 0)

    return between


def bench_deadlines(p: Peers, cfg: Config, inputs: dict[str, np.ndarray], report: Report) -> dict[str, float]:
    """Every operation at every size; returns slaclock's ns per element at the largest size, by label."""
    section = "deadlines"
    largest = cfg.sizes[-1]
    caps = {"vector": largest, "pandas": cfg.pandas_n, "loop": cfg.loop_n, "slow": cfg.slow_n}
    between = makeup_between(p.cal)
    headline: dict[str, float] = {}
    for op in operations(p):
        starts = inputs[op.starts]
        cal, period = op.calendar, op.period
        full: np.ndarray = getattr(sc.deadlines(starts, period, calendar=cal), op.answer)  # the reference answers
        peer_sizes = {
            peer.impl: sorted({s for s in cfg.sizes if s <= caps[peer.kind]} | {caps[peer.kind]}) for peer in op.peers
        }
        sizes = sorted({*cfg.sizes, *(s for ss in peer_sizes.values() for s in ss)})
        causes: dict[str, str] = {}
        for size in sizes:
            x = starts[:size]
            reps = cfg.repeats
            t_ours, _ = best_per_call(
                lambda x=x, period=period, cal=cal: sc.deadlines(x, period, calendar=cal), reps, cfg.min_time
            )
            report.rows.append(Row(section, op.label, "slaclock", size, reps, t_ours, "ns/elem"))
            if size == largest:
                headline[op.label] = t_ours * 1e9 / size
            for peer in op.peers:
                if size not in peer_sizes[peer.impl]:
                    continue
                prepared = peer.prepare(x)
                peer_reps = reps if peer.kind == "vector" else cfg.loop_repeats
                t_theirs, result = best_per_call(
                    lambda prepared=prepared, peer=peer: peer.run(prepared), peer_reps, cfg.min_time
                )
                last = size == peer_sizes[peer.impl][-1]
                theirs = peer.answers(result) if last else None
                report.rows.append(
                    Row(
                        section,
                        op.label,
                        peer.impl,
                        size,
                        peer_reps,
                        t_theirs,
                        "ns/elem",
                        ratio=t_theirs / t_ours,
                        mismatch=None if theirs is None else share_differing(full[:size], theirs),
                        note=peer.note if last or size == 1 else "",
                    )
                )
                if theirs is not None:
                    causes[peer.impl] = differ_causes(peer.impl, x, full[:size], theirs, op, between)
        report.notes.append(f"{op.label}: " + "; ".join(causes[peer.impl] for peer in op.peers) + ".")
    return headline


def differ_causes(
    impl: str,
    starts: np.ndarray,
    ours: np.ndarray,
    theirs: np.ndarray,
    op: Operation,
    between: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> str:
    """How many of a peer's answers differ, and how many of those have a makeup workday between start and answer."""
    bad = ours != theirs
    n_bad = int(bad.sum())
    if not n_bad:
        return f"{impl} 0 of {starts.size:,} differ"
    if op.answer != "last_day":
        return f"{impl} {n_bad:,} of {starts.size:,} differ"
    a = starts[bad].astype("datetime64[D]")
    b = np.maximum(ours[bad], theirs[bad])
    explained = int(between(a, b).sum())
    first = int(np.argmax(bad))
    example = f"e.g. {starts[first].astype('datetime64[D]')}: slaclock {ours[first]}, peer {theirs[first]}"
    return (
        f"{impl} {n_bad:,} of {starts.size:,} differ ({n_bad / starts.size:.2%}), {explained:,} of them with a "
        f"makeup workday between the start and the later answer; {example}"
    )


def bench_reference(cfg: Config, inputs: dict[str, np.ndarray], report: Report, headline: dict[str, float]) -> None:
    section = "reference"
    days = inputs["dates"]
    t_copy = 0.0
    for size in cfg.sizes:
        x = days[:size]
        t_copy, _ = best_per_call(x.copy, cfg.repeats, cfg.min_time)
        report.rows.append(Row(section, "arr.copy() of the dates", "numpy", size, cfg.repeats, t_copy, "ns/elem"))
    copy_ns = t_copy * 1e9 / cfg.sizes[-1]
    ratios = ", ".join(f"{label} {ns / copy_ns:.0f}x" for label, ns in headline.items())
    report.rows[-1].note = "the memory floor: 8 bytes read and written per element"
    floors = bench_floors(cfg, inputs, report)
    for period, floor in floors.items():
        ours = headline.get(f'deadlines(m, "{period}")')
        if ours is not None:
            fused = ""
            if "fused" in floor:
                fused = f" and {ours / floor['fused']:.2f}x the fused C gather ({floor['fused']:.3g} ns)"
            report.notes.append(
                f'deadlines(m, "{period}") on {cfg.sizes[-1]:,} minute starts: {ours:.3g} ns/elem, '
                f"{ours / floor['gather']:.2f}x the single-gather floor ({floor['gather']:.3g} ns), "
                f"{ours / floor['gather_new']:.2f}x the same gather into a new array ({floor['gather_new']:.3g} ns) "
                f"and {ours / floor['fresh']:.2f}x the fresh-outputs floor ({floor['fresh']:.3g} ns){fused}; "
                f"with out= (arrays allocated once) {floor['into']:.3g} ns/elem, "
                f"{floor['into'] / floor['gather']:.2f}x the single-gather floor; with last_day read too "
                f"{floor['both']:.3g} ns/elem, {floor['both'] / floor['gather']:.2f}x the single gather and "
                f"{floor['both'] / floor['two']:.2f}x two gathers into new arrays, due and last day "
                f"({floor['two']:.3g} ns)."
            )
    report.notes.append(
        f"On {cfg.sizes[-1]:,} starts slaclock's time per element as a multiple of a plain copy of the dates "
        f"({copy_ns:.3g} ns/elem; it writes due and provisional, and last_day, at once or on its first read, 17 bytes "
        f"per element in all): {ratios}."
    )


def bench_floors(cfg: Config, inputs: dict[str, np.ndarray], report: Report) -> dict[str, dict[str, float]]:
    """What no column deadline can beat, on the largest minute column: copy into a buffer that is already there,
    fill three fresh output arrays (due, last day, provisional: the pages a new result costs), and one gather
    of the last day from a per-period table of every start day (made with ``sc.deadlines`` itself)."""
    section = "reference"
    size = cfg.sizes[-1]
    x = inputs["minutes"][:size]
    v = x.view(np.int64)
    buf = np.empty(size, dtype=np.int64)
    t_copyto, _ = best_per_call(lambda: np.copyto(buf, v), cfg.repeats, cfg.min_time)
    report.rows.append(
        Row(
            section,
            "np.copyto(buf, minutes)",
            "numpy",
            size,
            cfg.repeats,
            t_copyto,
            "ns/elem",
            note="into a buffer allocated once: no page faults",
        )
    )

    def fresh() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        due, last, flag = np.empty(size, np.int64), np.empty(size, np.int64), np.empty(size, bool)
        due.fill(1)
        last.fill(1)
        flag.fill(False)
        return due, last, flag

    t_fresh, _ = best_per_call(fresh, cfg.repeats, cfg.min_time)
    report.rows.append(
        Row(
            section,
            "three fresh outputs, filled",
            "numpy",
            size,
            cfg.repeats,
            t_fresh,
            "ns/elem",
            note="17 bytes of new pages per element: what a call returning all three columns pays",
        )
    )
    out: dict[str, dict[str, float]] = {}
    first = int(v.min() // 1_440)
    days = np.arange(first, int(v.max() // 1_440) + 1).astype("datetime64[D]")
    for period in ("30日", "5个工作日"):
        table = sc.deadlines(days, period, calendar="CN").last_day.view(np.int64)

        def gather(table: np.ndarray = table) -> None:
            np.take(table, v // 1_440 - first, out=buf, mode="clip")

        t_gather, _ = best_per_call(gather, cfg.repeats, cfg.min_time)
        report.rows.append(
            Row(
                section,
                f'single gather, "{period}"',
                "numpy",
                size,
                cfg.repeats,
                t_gather,
                "ns/elem",
                note="the last day from a table of every start day, into a buffer allocated once",
            )
        )

        def gather_new(table: np.ndarray = table) -> np.ndarray:
            return np.take(table, v // 1_440 - first, mode="clip")

        t_gather_new, _ = best_per_call(gather_new, cfg.repeats, cfg.min_time)
        report.rows.append(
            Row(
                section,
                f'single gather, "{period}", new array',
                "numpy",
                size,
                cfg.repeats,
                t_gather_new,
                "ns/elem",
                note="the same gather returning a new array, as a call returning new columns does (8 bytes of new "
                "pages per element, as deadlines writes for a period whose dues are their last days' 24:00)",
            )
        )
        out[period] = {"gather": t_gather * 1e9 / size, "fresh": t_fresh * 1e9 / size}
        out[period]["gather_new"] = t_gather_new * 1e9 / size
        due_table = (table + 1) * 86_400_000_000  # each last day's 24:00, as wall µs

        def gather_two(table: np.ndarray = table, due_table: np.ndarray = due_table) -> tuple[np.ndarray, np.ndarray]:
            at = v // 1_440 - first
            return np.take(due_table, at, mode="clip"), np.take(table, at, mode="clip")

        t_two, _ = best_per_call(gather_two, cfg.repeats, cfg.min_time)
        report.rows.append(
            Row(
                section,
                f'two gathers, "{period}", new arrays',
                "numpy",
                size,
                cfg.repeats,
                t_two,
                "ns/elem",
                note="the due and the last day, each from its table of every start day into a new array (one index "
                "for both): the floor of a call whose last days are read too",
            )
        )
        out[period]["two"] = t_two * 1e9 / size
        arrays = (np.empty(size, "datetime64[us]"), np.empty(size, "datetime64[D]"), np.empty(size, bool))

        def written(period: str = period, into: tuple[np.ndarray, np.ndarray, np.ndarray] = arrays) -> None:
            sc.deadlines(x, period, calendar="CN", out=into)

        t_into, _ = best_per_call(written, cfg.repeats, cfg.min_time)
        report.rows.append(
            Row(
                section,
                f'deadlines(m, "{period}", out=...)',
                "slaclock",
                size,
                cfg.repeats,
                t_into,
                "ns/elem",
                note="written into three arrays allocated once, as the floors are",
            )
        )
        out[period]["into"] = t_into * 1e9 / size

        def both(period: str = period) -> object:
            return sc.deadlines(x, period, calendar="CN").last_day

        t_both, _ = best_per_call(both, cfg.repeats, cfg.min_time)
        report.rows.append(
            Row(
                section,
                f'deadlines(m, "{period}").last_day',
                "slaclock",
                size,
                cfg.repeats,
                t_both,
                "ns/elem",
                note="new arrays, the last days read too (a new result writes the dues, and makes the last days from "
                "them on their first read)",
            )
        )
        out[period]["both"] = t_both * 1e9 / size
        t_fused = bench_fused_gather(cfg, v, table, first, buf, report, period)
        if t_fused is not None:
            out[period]["fused"] = t_fused * 1e9 / size
    return out


KEEP_PAGES: Final = {"MALLOC_TRIM_THRESHOLD_": "4294967296", "MALLOC_MMAP_THRESHOLD_": "4294967296"}
"""glibc's tunables that keep freed memory in the process for reuse (no trimming, no mmap per large block)."""


def reused_child(size: int, seed: int) -> None:
    """In a fresh interpreter (started with or without :data:`KEEP_PAGES`): the single gather into a buffer and
    into a new array, and ``deadlines(m, ...)`` with new arrays, on the run's minute starts; prints one JSON line
    (ns per element, minor page faults per call)."""
    rng = np.random.default_rng(seed)
    random_days(rng, size)  # the run's draws, in the run's order
    x = random_instants(rng, size).astype("datetime64[m]")
    v = x.view(np.int64)
    first = int(v.min() // 1_440)
    days = np.arange(first, int(v.max() // 1_440) + 1).astype("datetime64[D]")
    buf = np.empty(size, dtype=np.int64)
    out: dict[str, Any] = {}

    def timed(fn: Callable[[], object]) -> dict[str, float]:
        fn()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        best = min(timeit.Timer(fn).repeat(repeat=7, number=3)) / 3
        faults = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 21
        return {"ns": best * 1e9 / size, "faults": faults}

    for period in ("30日", "5个工作日"):
        table = sc.deadlines(days, period, calendar="CN").last_day.view(np.int64)
        out[period] = {
            "gather": timed(lambda t=table: np.take(t, v // 1_440 - first, out=buf, mode="clip")),
            "gather_new": timed(lambda t=table: np.take(t, v // 1_440 - first, mode="clip")),
            "ours": timed(lambda p=period: sc.deadlines(x, p, calendar="CN")),
            "both": timed(lambda p=period: sc.deadlines(x, p, calendar="CN").last_day),
        }
    print(json.dumps(out))


def bench_reused_pages(cfg: Config, report: Report) -> dict[str, Any]:
    """``deadlines(m, ...)`` with new arrays beside the single gather, in two fresh interpreters: as they start, and
    with glibc keeping freed memory (:data:`KEEP_PAGES`), where a call's new result takes the pages the last one
    freed instead of pages the kernel must zero and map (the cost the fresh-outputs floor measures)."""
    section = "reference"
    code = f"import sys; sys.path.insert(0, {str(HERE)!r}); import bench_deadlines as b; "
    code += f"b.reused_child({cfg.sizes[-1]}, {cfg.seed})"
    found: dict[str, Any] = {}
    for label, env in (("as started", None), ("glibc keeping freed pages", KEEP_PAGES)):
        _, printed = run_python(code, env)
        found[label] = got = json.loads(printed.strip().splitlines()[-1])
        for period, figures in got.items():
            ours, gather = figures["ours"], figures["gather"]
            report.rows.append(
                Row(
                    section,
                    f'deadlines(m, "{period}"), new arrays, fresh interpreter {label}',
                    "slaclock",
                    cfg.sizes[-1],
                    7,
                    ours["ns"] * cfg.sizes[-1] / 1e9,
                    "ns/elem",
                    note=f"{ours['faults']:,.0f} page faults a call; {ours['ns'] / gather['ns']:.2f}x the single "
                    f"gather into a buffer ({gather['ns']:.3g} ns), {ours['ns'] / figures['gather_new']['ns']:.2f}x "
                    f"into a new array ({figures['gather_new']['ns']:.3g} ns, "
                    f"{figures['gather_new']['faults']:,.0f} faults) in the same process; with last_day read too "
                    f"{figures['both']['ns']:.3g} ns ({figures['both']['faults']:,.0f} faults), "
                    f"{figures['both']['ns'] / gather['ns']:.2f}x",
                )
            )
    return found


def bench_fused_gather(
    cfg: Config, v: np.ndarray, table: np.ndarray, first: int, buf: np.ndarray, report: Report, period: str
) -> float | None:
    """The single gather fused into one C loop (read a minute, divide, gather, write): issue 18's compiled floor."""
    import cfloor

    fused = cfloor.compiled(cfloor.GATHER_C, "gather_days")
    if fused is None:
        report.notes.append("No C compiler (cc): the fused gather floor was skipped.")
        return None
    size = v.size
    fused(v, buf, size, table, first)
    expected = np.take(table, v // 1_440 - first, mode="clip")
    agree = int((buf == expected).sum())
    t_fused, _ = best_per_call(lambda: fused(v, buf, size, table, first), cfg.repeats, cfg.min_time)
    report.rows.append(
        Row(
            "reference",
            f'fused C gather, "{period}"',
            "numpy",
            size,
            cfg.repeats,
            t_fused,
            "ns/elem",
            note=f"one C loop (cc -O2) into a buffer allocated once; agrees with the gather on {agree:,} of {size:,}",
        )
    )
    return t_fused


# -- per-row calendars ---------------------------------------------------------------------

ROWCAL_OPS = [
    ("dates", "7日"),
    ("dates", "5个工作日"),
    ("instants", "24小时"),
    ("instants", "5个工作日"),
    ("instants", "30日"),
]


def bench_per_row_calendars(cfg: Config, inputs: dict[str, np.ndarray], report: Report) -> dict[str, float]:
    """Two calendars (CN, HK) chosen per row at random, against one calendar (CN) on the same starts."""
    section = "one calendar per row"
    size = cfg.sizes[-1]
    rng = np.random.default_rng(cfg.seed + 1)
    keys = np.where(rng.random(size) < 0.5, "CN", "HK")
    cals = {"CN": sc.calendar("CN"), "HK": sc.calendar("HK")}
    ratios: dict[str, float] = {}
    for kind, period in ROWCAL_OPS:
        x = inputs[kind][:size]
        label = f'deadlines({kind}, "{period}")'
        t_one, _ = best_per_call(
            lambda x=x, period=period: sc.deadlines(x, period, calendar=cals["CN"]), cfg.repeats, cfg.min_time
        )
        t_rows, _ = best_per_call(
            lambda x=x, period=period: sc.deadlines(x, period, calendar=keys, calendars=cals), cfg.repeats, cfg.min_time
        )
        ratios[label] = _beside(report, section, label, size, cfg.repeats, ONE_CALENDAR, (t_one, t_rows))
    ratios.update(_per_row_frames(cfg, inputs["instants"][:size], keys, cals, report))
    report.notes.append(
        f"One calendar per row on {size:,} starts (CN/HK at random, a text key column): per-row time as a multiple "
        "of the one-calendar time, " + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items()) + "."
    )
    return ratios


def _per_row_frames(
    cfg: Config, x: np.ndarray, keys: np.ndarray, cals: dict[str, sc.WorkCalendar], report: Report
) -> dict[str, float]:
    """The same in dataframes: a column of starts and a column of keys (text as each library makes it by default,
    and as a categorical; in pandas also as two text objects), against the one-calendar call on the same column of
    starts."""
    frames: dict[str, tuple[Any, Any]] = {}
    try:
        import pandas as pd

        df = pd.DataFrame({"t": x.astype("datetime64[us]"), "k": keys})
        frames[f"pandas ({df['k'].dtype} keys)"] = (df["t"], df["k"])
        frames["pandas (category keys)"] = (df["t"], df["k"].astype("category"))
        two = ["CN", "HK"]  # two text objects, as a list of literals gives them
        frames["pandas (object keys)"] = (df["t"], pd.Series([two[k == "HK"] for k in keys.tolist()], dtype=object))
    except ImportError:
        pass
    try:
        import polars as pl

        pf = pl.DataFrame({"t": x.astype("datetime64[us]"), "k": keys})
        frames["polars (String keys)"] = (pf["t"], pf["k"])
        frames["polars (Enum keys)"] = (pf["t"], pf["k"].cast(pl.Enum(["CN", "HK"])))
    except ImportError:
        pass
    ratios: dict[str, float] = {}
    for name, (t, k) in frames.items():
        label = f'deadlines({name}, "5个工作日")'
        t_one, _ = best_per_call(
            lambda t=t: sc.deadlines(t, "5个工作日", calendar=cals["CN"]), cfg.repeats, cfg.min_time
        )
        t_rows, _ = best_per_call(
            lambda t=t, k=k: sc.deadlines(t, "5个工作日", calendar=k, calendars=cals), cfg.repeats, cfg.min_time
        )
        size = len(t)
        section = "one calendar per row"
        ratios[label] = _beside(report, section, label, size, cfg.repeats, ONE_CALENDAR, (t_one, t_rows))
    return ratios


ONE_CALENDAR: Final = ("slaclock, calendar=CN", "slaclock, calendars={CN, HK} per row", "one-calendar")
ONE_PERIOD: Final = ('slaclock, one period ("5个工作日")', "slaclock, a period per row", "one-period")


def _beside(
    report: Report,
    section: str,
    label: str,
    size: int,
    reps: int,
    names: tuple[str, str, str],
    times: tuple[float, float],
) -> float:
    """Two rows, the one-calendar (one-period) call and the per-row one beside it with its ratio; the ratio."""
    one, per_row, what = names
    report.rows.append(Row(section, label, one, size, reps, times[0], "ns/elem"))
    ratio = times[1] / times[0]
    note = f"ratio: per-row time / {what} time"
    report.rows.append(Row(section, label, per_row, size, reps, times[1], "ns/elem", ratio=ratio, note=note))
    return ratio


PRIORITIES: Final = ("1个工作日", "3个工作日", "5个工作日")
"""A help desk's resolution targets by priority, for a period per row."""


def bench_per_row_periods(cfg: Config, inputs: dict[str, np.ndarray], report: Report) -> dict[str, float]:
    """A period per row (three workday targets by priority, at random) against one period on the same starts: numpy
    text, ``Period`` objects, and pandas and polars columns of text and categoricals (and pandas columns of Python
    objects: three text objects, or ``Period`` objects); then with a calendar per row too."""
    section = "a period per row"
    size = cfg.sizes[-1]
    rng = np.random.default_rng(cfg.seed + 2)
    x = inputs["instants"][:size]
    pick = rng.integers(0, len(PRIORITIES), size)
    text = np.array(PRIORITIES)[pick]
    objects = np.array([sc.period(p) for p in PRIORITIES], dtype=object)[pick]
    cals = {"CN": sc.calendar("CN"), "HK": sc.calendar("HK")}
    keys = np.where(rng.random(size) < 0.5, "CN", "HK")
    cases: dict[str, tuple[Any, Any, dict[str, Any]]] = {
        "numpy text": (x, text, {"calendar": cals["CN"]}),
        "numpy Period objects": (x, objects, {"calendar": cals["CN"]}),
        "numpy text, calendars={CN, HK} per row": (x, text, {"calendar": keys, "calendars": cals}),
    }
    try:
        import pandas as pd

        df = pd.DataFrame({"t": x.astype("datetime64[us]"), "p": text})
        cases[f"pandas ({df['p'].dtype})"] = (df["t"], df["p"], {"calendar": cals["CN"]})
        cases["pandas (category)"] = (df["t"], df["p"].astype("category"), {"calendar": cals["CN"]})
        listed = list(PRIORITIES)  # three text objects, as a list of literals or a map over a column gives them
        cases["pandas (object: text)"] = (
            df["t"],
            pd.Series([listed[k] for k in pick], dtype=object),
            {"calendar": cals["CN"]},
        )
        cases["pandas (object: Period objects)"] = (df["t"], pd.Series(objects, dtype=object), {"calendar": cals["CN"]})
    except ImportError:
        pass
    try:
        import polars as pl

        pf = pl.DataFrame({"t": x.astype("datetime64[us]"), "p": text})
        cases["polars (String)"] = (pf["t"], pf["p"], {"calendar": cals["CN"]})
        cases["polars (Enum)"] = (pf["t"], pf["p"].cast(pl.Enum(list(PRIORITIES))), {"calendar": cals["CN"]})
    except ImportError:
        pass
    ratios: dict[str, float] = {}
    for name, (t, per, on) in cases.items():
        label = f"deadlines({name}, 3 workday periods)"
        t_one, _ = best_per_call(
            lambda t=t: sc.deadlines(t, "5个工作日", calendar=cals["CN"]), cfg.repeats, cfg.min_time
        )
        t_rows, _ = best_per_call(lambda t=t, per=per, on=on: sc.deadlines(t, per, **on), cfg.repeats, cfg.min_time)
        ratios[label] = _beside(report, section, label, size, cfg.repeats, ONE_PERIOD, (t_one, t_rows))
    report.notes.append(
        f"A period per row on {size:,} starts (1, 3 or 5 workdays at random): per-row time as a multiple of the "
        "one-period time, " + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items()) + "."
    )
    return ratios


KINDS: Final = {
    "clock time (4, 8 or 24 hours)": (("4小时", "8小时", "24小时"), "24小时", False),
    "working time (4, 8 or 16 working hours)": (("4工作小时", "8工作小时", "16工作小时"), "8工作小时", True),
    "mixed (4 hours, 1 or 3 workdays)": (("4小时", "1个工作日", "3个工作日"), "1个工作日", False),
    "mixed (2 or 8 working hours, 3 workdays)": (("2工作小时", "8工作小时", "3个工作日"), "8工作小时", True),
}
"""Targets by priority of other kinds than workdays: each with the one period it is set beside, and whether the
calendar needs working hours."""


def bench_per_row_kinds(cfg: Config, inputs: dict[str, np.ndarray], report: Report) -> dict[str, float]:
    """A period per row of clock time, working time, or a mix with workdays (numpy text; a pandas categorical;
    with a calendar per row), against one period of those kinds on the same starts; and one clock period with a
    calendar per row, in UTC."""
    section = "a period per row of any kind"
    size = cfg.sizes[-1]
    rng = np.random.default_rng(cfg.seed + 3)
    x = inputs["instants"][:size]
    plain = {"CN": sc.calendar("CN"), "HK": sc.calendar("HK")}
    worked = {k: c.with_hours(HOURS) for k, c in plain.items()}
    keys = np.where(rng.random(size) < 0.5, "CN", "HK")
    try:
        import pandas as pd
    except ImportError:
        pd = None
    ratios: dict[str, float] = {}
    for name, (targets, one, hours) in KINDS.items():
        cals = worked if hours else plain
        text = np.array(targets)[rng.integers(0, len(targets), size)]
        cases: dict[str, tuple[Any, Any, dict[str, Any]]] = {
            "numpy text": (x, text, {"calendar": cals["CN"]}),
            "numpy text, calendars={CN, HK} per row": (x, text, {"calendar": keys, "calendars": cals}),
        }
        if pd is not None:
            df = pd.DataFrame({"t": x.astype("datetime64[us]"), "p": pd.Categorical(text)})
            cases["pandas (category)"] = (df["t"], df["p"], {"calendar": cals["CN"]})
        for how, (t, per, on) in cases.items():
            label = f"deadlines({how}, {name})"
            names = (f'slaclock, one period ("{one}")', "slaclock, a period per row", "one-period")
            t_one, _ = best_per_call(
                lambda t=t, one=one, c=cals["CN"]: sc.deadlines(t, one, calendar=c), cfg.repeats, cfg.min_time
            )
            t_rows, _ = best_per_call(lambda t=t, per=per, on=on: sc.deadlines(t, per, **on), cfg.repeats, cfg.min_time)
            ratios[label] = _beside(report, section, label, size, cfg.repeats, names, (t_one, t_rows))
    label = 'deadlines(instants, "24小时", utc=True)'
    t_one, _ = best_per_call(
        lambda: sc.deadlines(x, "24小时", calendar=plain["CN"], utc=True), cfg.repeats, cfg.min_time
    )
    t_rows, _ = best_per_call(
        lambda: sc.deadlines(x, "24小时", calendar=keys, calendars=plain, utc=True), cfg.repeats, cfg.min_time
    )
    ratios[label] = _beside(report, section, label, size, cfg.repeats, ONE_CALENDAR, (t_one, t_rows))
    report.notes.append(
        f"A period per row of other kinds on {size:,} starts (three targets at random): per-row time as a multiple "
        "of one period of the kind named, " + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items()) + "."
    )
    return ratios


# -- 3. start-up --------------------------------------------------------------------------

STARTUP_STAGES = [
    ("import slaclock", "numpy included"),
    ("calendar('CN')", "first in the process"),
    ("import slaclock + calendar('CN')", "the issue's target: <= 150 ms"),
    (f'1st deadlines(<{STARTUP_N:,} dates>, "7日")', "first column call"),
    (f'1st deadlines(<{STARTUP_N:,} dates>, "5个工作日")', ""),
    (f'2nd deadlines(<{STARTUP_N:,} dates>, "7日")', "steady state, for contrast"),
]

STARTUP_CODE = f"""
import json, time
marks = [time.perf_counter()]
import slaclock as sc; marks.append(time.perf_counter())
cal = sc.calendar("CN"); marks.append(time.perf_counter())
import numpy as np
d = np.datetime64("2024-01-01") + np.arange({STARTUP_N})
m = time.perf_counter(); sc.deadlines(d, "7日", calendar=cal); marks += [m, time.perf_counter()]
m = time.perf_counter(); sc.deadlines(d, "5个工作日", calendar=cal); marks += [m, time.perf_counter()]
m = time.perf_counter(); sc.deadlines(d + 1, "7日", calendar=cal); marks += [m, time.perf_counter()]
s = marks
print(json.dumps([s[1] - s[0], s[2] - s[1], s[2] - s[0], s[4] - s[3], s[6] - s[5], s[8] - s[7]]))
"""


def bench_startup(cfg: Config, report: Report) -> dict[str, float]:
    runs = cfg.process_runs
    walls, stages = [], []
    run_python(STARTUP_CODE)  # warm-up: .pyc files exist (run_python gives them a private cache)
    for _ in range(runs):
        wall, out = run_python(STARTUP_CODE)
        walls.append(wall)
        stages.append(json.loads(out))
    for k, (operation, note) in enumerate(STARTUP_STAGES):
        values = [run[k] for run in stages]
        median = f"median {statistics.median(values) * 1e3:.1f} ms"
        report.rows.append(
            Row("start-up", operation, "slaclock", 1, runs, min(values), "ms", note=f"{note}; {median}".lstrip("; "))
        )
    report.rows.append(
        Row(
            "start-up",
            "the whole python -c process (wall)",
            "slaclock",
            1,
            runs,
            min(walls),
            "ms",
            note=f"interpreter start included; median {statistics.median(walls) * 1e3:.0f} ms",
        )
    )
    report.notes.append(
        f"Start-up: the best of {runs} fresh processes after a warm-up one, each stage timed inside the process "
        "(the import+calendar row is the best of the per-process sums, not a sum of bests), with .pyc files "
        "cached in a private PYTHONPYCACHEPREFIX (PYTHONDONTWRITEBYTECODE unset) as for an installed wheel."
    )
    total = [run[2] for run in stages]
    return {
        "import_and_calendar_ms_best": min(total) * 1e3,
        "import_and_calendar_ms_median": statistics.median(total) * 1e3,
    }


# -- 4. the 10M-row DataFrame -------------------------------------------------------------


def peak_rss_bytes() -> int:
    """The process's peak resident set so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


BIG_COLUMNS = (("5个工作日", "due_5wd"), ("7日", "due_7d"))


def big_child(rows: int, seed: int) -> None:
    """Run in a fresh interpreter (so that its peak RSS is this job's): print the measurements as JSON."""
    import pandas as pd

    cal = sc.calendar("CN")
    rss_start = peak_rss_bytes()
    # does sc.deadlines take a Series and give pandas back yet? (a pandas adapter is under way)
    probe = sc.deadlines(pd.Series(random_instants(np.random.default_rng(0), 3)), "7日", calendar=cal)
    adapter = isinstance(probe.due, pd.Series)
    start = timeit.default_timer()
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"id": np.arange(rows, dtype=np.int64), "opened": random_instants(rng, rows)})
    build = timeit.default_timer() - start
    rss_frame = peak_rss_bytes()

    def add_columns(series: bool) -> dict[str, float]:
        seconds = {}
        for period, column in BIG_COLUMNS:
            start = timeit.default_timer()
            if series:
                df[column] = sc.deadlines(df["opened"], period, calendar=cal).due
            else:
                # TODO(pandas adapter): once sc.deadlines takes a Series and gives one back (the probe above
                # detects it and then takes the other branch), pass df["opened"] itself and drop this path.
                df[column] = sc.deadlines(df["opened"].to_numpy(), period, calendar=cal).due
            seconds[column] = timeit.default_timer() - start
        return seconds

    # the first pass is what a fresh process sees (every temporary on fresh pages); the second, the steady state
    first = add_columns(adapter)
    rss_first = peak_rss_bytes()  # the job's peak: what follows only repeats it, and keeps a copy to compare
    kept = {column: df[column].to_numpy().copy() for _, column in BIG_COLUMNS}
    again = [sum(add_columns(adapter).values()) for _ in range(BIG_REPEATS)]
    # the numpy path too, for the adapter's cost
    other = [sum(add_columns(not adapter).values()) for _ in range(BIG_REPEATS)] if adapter else None
    agree = all(np.array_equal(kept[column], df[column].to_numpy()) for _, column in BIG_COLUMNS)
    del kept
    out = {
        "rows": rows,
        "series_adapter": adapter,
        "probe_due_type": type(probe.due).__name__,
        "build_s": build,
        **{f"{column}_s": first[column] for _, column in BIG_COLUMNS},
        "deadlines_s": sum(first.values()),
        "total_s": build + sum(first.values()),
        "later_passes_deadlines_s": again,
        "numpy_path_deadlines_s": other,
        "paths_agree": agree,
        "rss_before_bytes": rss_start,
        "rss_after_frame_bytes": rss_frame,
        "peak_rss_bytes": rss_first,
        "peak_rss_with_checks_bytes": peak_rss_bytes(),
        "frame_bytes": int(df.memory_usage(deep=True).sum()),
        "dtypes": {k: str(v) for k, v in df.dtypes.items()},
        "first_row": [str(df[c].iloc[0]) for c in ("opened", *(c for _, c in BIG_COLUMNS))],
    }
    print(json.dumps(out))


def bench_big(rows: int, seed: int, report: Report) -> dict[str, Any]:
    code = f"import sys; sys.path.insert(0, {str(HERE)!r}); import bench_deadlines as b; b.big_child({rows}, {seed})"
    wall, out = run_python(code)
    big: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    big["process_wall_s"] = wall
    section = f"{rows:,}-row DataFrame"
    gib = 2.0**30
    how = "df['opened'] (a Series)" if big["series_adapter"] else "df['opened'].to_numpy()"
    peak = f"peak RSS {big['peak_rss_bytes'] / gib:.2f} GiB"
    report.rows += [
        Row(section, "build DataFrame (id, opened)", "pandas + numpy", rows, 1, big["build_s"], "ns/elem"),
        Row(
            section, 'df["due_5wd"] = deadlines(.., "5个工作日").due', "slaclock", rows, 1, big["due_5wd_s"], "ns/elem"
        ),
        Row(section, 'df["due_7d"] = deadlines(.., "7日").due', "slaclock", rows, 1, big["due_7d_s"], "ns/elem"),
        Row(
            section,
            "both columns, 1st pass",
            "slaclock",
            rows,
            1,
            big["deadlines_s"],
            "ns/elem",
            note=f"{big['deadlines_s']:.2f} s from {how}; {peak}",
        ),
        Row(
            section,
            "both columns, later passes",
            "slaclock",
            rows,
            BIG_REPEATS,
            min(big["later_passes_deadlines_s"]),
            "ns/elem",
            note=f"the same again: {', '.join(f'{x:.2f}' for x in big['later_passes_deadlines_s'])} s",
        ),
    ]
    if big["numpy_path_deadlines_s"] is not None:
        report.rows.append(
            Row(
                section,
                "both columns, via .to_numpy()",
                "slaclock",
                rows,
                BIG_REPEATS,
                min(big["numpy_path_deadlines_s"]),
                "ns/elem",
                note=f"{', '.join(f'{x:.2f}' for x in big['numpy_path_deadlines_s'])} s; after the passes above",
            )
        )
    report.notes.append(
        f"{rows:,}-row DataFrame, in a fresh process: build {big['build_s']:.2f} s, the two "
        f"deadline columns from {how} {big['deadlines_s']:.2f} s ({big['deadlines_s'] / rows * 1e9:.0f} ns per "
        f"row for both; a first pass also pays the kernel for fresh pages), total {big['total_s']:.2f} s "
        f"({wall:.1f} s for the whole process: interpreter, imports and the later passes); the same two columns "
        f"again, best of {BIG_REPEATS} passes, {min(big['later_passes_deadlines_s']):.2f} s. "
        f"Peak RSS {big['peak_rss_bytes'] / gib:.2f} GiB (after "
        f"imports {big['rss_before_bytes'] / gib:.2f} GiB, with the frame {big['rss_after_frame_bytes'] / gib:.2f} "
        f"GiB; the final frame holds {big['frame_bytes'] / gib:.2f} GiB) of the machine's 24 GiB, after the first "
        f"pass ({big['peak_rss_with_checks_bytes'] / gib:.2f} GiB by the end, with the later passes and a copy kept "
        "to compare the two paths). "
        f"sc.deadlines(<Series>) returns {big['probe_due_type']} columns in this tree"
        + (
            f"; the Series and .to_numpy() paths give {'the same' if big['paths_agree'] else 'DIFFERENT'} columns"
            if big["series_adapter"]
            else ""
        )
        + f". Columns: {', '.join(f'{k} {v}' for k, v in big['dtypes'].items())}."
    )
    return big


# -- output -------------------------------------------------------------------------------


def target_note(name: str, value: float, limit: float, unit: str) -> str:
    if value <= limit:
        return f"{name}: {value:.1f} {unit} against <= {limit:g} {unit}: met"
    return f"{name}: {value:.1f} {unit} against <= {limit:g} {unit}: NOT met, {value / limit - 1:.0%} over"


def render(report: Report) -> str:
    m = report.machine
    return render_titled(
        report,
        "slaclock column deadlines benchmark",
        f"python {m['python']}, slaclock {m['slaclock']}, numpy {m['numpy']}, polars {m['polars']}, "
        f"pandas {m['pandas']}, holidays {m['holidays']}, chinesecalendar {m['chinesecalendar']}; source {m['commit']}",
    )


def versions() -> dict[str, str]:
    return {**dist_versions("polars", "pyarrow"), "commit": source_state()}


def source_state() -> str:
    """The commit of the slaclock imported, and whether its src/ had uncommitted changes (``abc1234+dirty``)."""
    root = Path(sc.__file__).resolve().parents[2]  # <repo>/src/slaclock/__init__.py

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=root, check=True)
        return done.stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", "src")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit}+dirty" if dirty else commit


def main(argv: Sequence[str] | None = None) -> int:
    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--big", action="store_true")
    extra.add_argument("--big-rows", type=int, default=BIG_ROWS)
    extra.add_argument("--rowcal-only", action="store_true")
    own, rest = extra.parse_known_args(sys.argv[1:] if argv is None else list(argv))
    summary = __doc__.splitlines()[0] if __doc__ else ""
    args = parse_args(
        rest,
        default_json=DEFAULT_JSON,
        quick_help="smaller inputs and fewer repeats (about 6 s; 200,000 starts, so no 1M target)",
        description=f"{summary} Also: --big (a {BIG_ROWS:,}-row pandas DataFrame in a fresh process; "
        "--big-rows N to change its size).",
    )
    cfg = QUICK if args.quick else FULL
    if args.seed is not None:
        cfg = Config(**{**asdict(cfg), "seed": args.seed})
    rng = np.random.default_rng(cfg.seed)
    cal = sc.calendar("CN")
    config = {**asdict(cfg), "quick": args.quick, "hours": HOURS, "big_rows": own.big_rows if own.big else None}
    report = Report({**machine_info(), **versions()}, config)
    largest = cfg.sizes[-1]
    inputs = {"dates": random_days(rng, largest), "instants": random_instants(rng, largest)}
    inputs["minutes"] = inputs["instants"].astype("datetime64[m]")
    if own.rowcal_only:
        rowcal = bench_per_row_calendars(cfg, inputs, report)
        rowper = bench_per_row_periods(cfg, inputs, report)
        rowkinds = bench_per_row_kinds(cfg, inputs, report)
        print(render(report))
        write_json(report, args.json)
        payload = json.loads(args.json.read_text(encoding="utf-8"))
        payload["per_row_calendars"] = rowcal
        payload["per_row_periods"] = rowper
        payload["per_row_kinds"] = rowkinds
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return 0
    peers = Peers.build(cal)
    report.notes.append(
        f"numpy, polars and pandas get the {len(peers.holiday_dates)} Monday-to-Friday CN rest days 2004-2026 as "
        "holidays (numpy as a busdaycalendar built once, polars as a list of dates per call, pandas in a "
        "CustomBusinessDay built once); none can hold the weekend makeup workdays (调休上班). holidays.China and "
        "slaclock's sc.deadline loop over datetime.date; chinese_calendar steps day by day with is_workday. "
        "Peers compute the last day (due instant for hour periods) only; slaclock's time also covers due, "
        "last_day and the provisional flag."
    )
    headline = bench_deadlines(peers, cfg, inputs, report)
    bench_reference(cfg, inputs, report, headline)
    extra_reused = bench_reused_pages(cfg, report)
    extra_json: dict[str, Any] = {"per_row_calendars": bench_per_row_calendars(cfg, inputs, report)}
    extra_json["per_row_periods"] = bench_per_row_periods(cfg, inputs, report)
    extra_json["per_row_kinds"] = bench_per_row_kinds(cfg, inputs, report)
    extra_json["reused_pages"] = extra_reused
    extra_json["startup"] = bench_startup(cfg, report)
    if own.big:
        extra_json["big"] = bench_big(own.big_rows, cfg.seed, report)
    day_ns = headline['deadlines(d, "7日")']
    day_target = f'sc.deadlines(<{largest:,} dates>, "7日") (Civil Code days)'
    targets = [
        target_note(day_target, day_ns, TARGET_DAY_NS, "ns/elem")
        if largest >= 1_000_000
        else f"{day_target}: {day_ns:.1f} ns/elem, not evaluated (the target is on 1,000,000 starts: no --quick)",
        target_note(
            "import slaclock + first calendar('CN') (best)",
            extra_json["startup"]["import_and_calendar_ms_best"],
            TARGET_STARTUP_MS,
            "ms",
        ),
    ]
    report.notes.append("Targets of issue 5 measured here: " + "; ".join(targets) + ".")
    extra_json["targets"] = targets
    print(render(report))
    write_json(report, args.json)
    payload = json.loads(args.json.read_text(encoding="utf-8"))
    payload.update(extra_json)
    args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nresults written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
