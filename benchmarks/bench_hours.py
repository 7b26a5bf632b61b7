"""Side-by-side timings of slaclock's working-hours arithmetic against businesstimedelta and pandas.

Same rules as ``bench_calendar.py`` (whose helpers this script imports): everything is
measured in one run on one machine, every peer is reported as a ratio to slaclock
measured in the same run (``peer time / slaclock time``: above 1 means slaclock is
faster), and nothing asserts anything about speed.

Working hours are ``09:00-12:00,13:30-18:00`` (a lunch break) on the CN calendar, whose
makeup workdays (调休上班, often Saturdays or Sundays) have the same hours.

Sections
--------
1. Vector: ``add_working_time`` on a column of random instants with one duration (8 h)
   and with a column of durations, ``working_time_between``, ``is_open`` and
   ``next_open``, in ns per element, with a numpy ``arr.copy()`` as the floor. Then
   businesstimedelta (no column API: a Python loop) against slaclock's per-element
   column time, and pandas ``DatetimeIndex + CustomBusinessHour(n=8)`` (not vectorised).
2. Scalar: one ``datetime`` per call: ``cal.add_working_time(x, timedelta(hours=8))``,
   ``sc.deadline(x, "8个工作小时", calendar=cal).due``, and businesstimedelta per call.
3. Start-up: the calendar, its hours table and its column tables, built on first use in
   fresh interpreters.

Neither peer can express makeup workdays; pandas also moves a result that lands exactly
on a close to the next opening. The notes split the differing answers by cause, against
slaclock calendars that mimic each peer (``makeup=""``, ``at_close="next_open"``).

Run ``python benchmarks/bench_hours.py`` (``--quick`` for a smaller run, ``--json PATH``
to choose where the results go; default ``benchmarks/results/hours-latest.json``).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import sys
import warnings
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

import slaclock as sc

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # run as a script this is already so; imported from elsewhere it is not
    sys.path.insert(0, str(HERE))

from bench_calendar import (  # noqa: E402
    Report,
    Row,
    best_of,
    dist_versions,
    loop1,
    machine_info,
    optional_module,
    parse_args,
    render_titled,
    rest_weekdays,
    run_python,
    share_differing,
    write_json,
)

DEFAULT_JSON = HERE / "results" / "hours-latest.json"
HOURS = "09:00-12:00,13:30-18:00"
FIRST_START = np.datetime64("2005-01-01T00:00", "m")
STOP_START = np.datetime64("2026-11-01T00:00", "m")  # starts < this; + 40 h or 60 days stays inside 2026
MAX_DURATION_MIN = 40 * 60
MAX_SPAN_MIN = 60 * 24 * 60
FIXED = dt.timedelta(hours=8)
FIXED_TEXT = "8个工作小时"
ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
SENTINEL_HOLIDAY = dt.date(2027, 1, 1)  # businesstimedelta's HolidayRule fails when no holiday lies ahead
COLUMN_STARTUP_N = 1_000


@dataclass(frozen=True)
class Config:
    """Sizes and repeat counts of one run."""

    vector_n: int
    vector_repeats: int
    pandas_n: int
    scalar_n: int
    scalar_repeats: int
    slow_n: int  # businesstimedelta: 0.15 to 0.9 ms per call
    slow_repeats: int  # also pandas, about 0.1 ms per element
    process_runs: int
    seed: int


FULL = Config(1_000_000, 7, 20_000, 20_000, 5, 2_000, 3, 7, 20260101)
QUICK = Config(200_000, 5, 5_000, 5_000, 3, 500, 3, 3, 20260101)


@dataclass(frozen=True)
class Calendars:
    """slaclock's calendar, and variants that read working time the way each peer does."""

    cal: sc.WorkCalendar  # the calendar under test: makeup workdays have hours, a close stays a close
    no_makeup: sc.WorkCalendar  # makeup workdays without hours: what businesstimedelta can express
    next_open: sc.WorkCalendar  # a result exactly at a close moves to the next opening: pandas' reading
    pandas_like: sc.WorkCalendar  # both: what pandas CustomBusinessHour can express

    @classmethod
    def build(cls) -> Calendars:
        cn = sc.calendar("CN")
        return cls(
            cn.with_hours(HOURS),
            cn.with_hours(HOURS, makeup=""),
            cn.with_hours(HOURS, at_close="next_open"),
            cn.with_hours(HOURS, makeup="", at_close="next_open"),
        )


# -- inputs -------------------------------------------------------------------------------


def random_instants(rng: np.random.Generator, size: int) -> np.ndarray:
    """``size`` naive datetime64[us] wall times, a uniform minute over FIRST_START..STOP_START."""
    span = int((STOP_START - FIRST_START).astype(np.int64))
    return (FIRST_START + rng.integers(0, span, size)).astype("datetime64[us]")


def random_durations(rng: np.random.Generator, size: int) -> np.ndarray:
    """``size`` working durations, a whole number of minutes in 1 min..40 h, as timedelta64[us]."""
    return rng.integers(1, MAX_DURATION_MIN + 1, size).astype("timedelta64[m]").astype("timedelta64[us]")


def naive_datetimes(t: np.ndarray) -> list[dt.datetime]:
    return t.astype(object).tolist()  # datetime64[us] -> datetime.datetime


def wall(xs: Sequence[dt.datetime]) -> np.ndarray:
    """Aware datetimes as naive Asia/Shanghai wall times (datetime64[us]), to compare with columns."""
    return np.array([x.astimezone(ZONE).replace(tzinfo=None) for x in xs], dtype="datetime64[us]")


def first_differing(starts: np.ndarray, ours: np.ndarray, theirs: np.ndarray, peer: str) -> str:
    """``start + 8 h: slaclock X vs peer Y`` for the first differing position, or ''."""
    bad = np.flatnonzero(ours != theirs)
    if not bad.size:
        return ""
    i = int(bad[0])

    def fmt(x: np.datetime64) -> str:
        d = x.astype(object)
        return f"{d:%Y-%m-%d %a %H:%M}"

    return f"{fmt(starts[i])} + 8 h: slaclock {fmt(ours[i])}, {peer} {fmt(theirs[i])}"


# -- 1. vector ----------------------------------------------------------------------------


def bench_vector(cals: Calendars, cfg: Config, rng: np.random.Generator, report: Report) -> tuple[float, np.ndarray]:
    """slaclock's column rows; returns its seconds per element for add_working_time(t, 8 h), and the instants."""
    section = "vector"
    cal = cals.cal
    size, reps = cfg.vector_n, cfg.vector_repeats
    t = random_instants(rng, size)
    durations = random_durations(rng, size)
    ends = t + rng.integers(0, MAX_SPAN_MIN + 1, size).astype("timedelta64[m]")

    def ours(operation: str, fn: Callable[[], Any], note: str = "") -> tuple[float, Any]:
        seconds, result = best_of(fn, reps)
        report.rows.append(Row(section, operation, "slaclock", size, reps, seconds, "ns/elem", note=note))
        return seconds, result

    t_add, r_fixed = ours(f'add_working_time(t, "{FIXED_TEXT}")', lambda: cal.add_working_time(t, FIXED_TEXT))
    _, r_var = ours("add_working_time(t, d), d in 1 min..40 h", lambda: cal.add_working_time(t, durations))
    _, r_between = ours("working_time_between(a, b), b-a in 0..60 d", lambda: cal.working_time_between(t, ends))
    _, r_open = ours("is_open(t)", lambda: cal.is_open(t))
    _, r_next = ours("next_open(t)", lambda: cal.next_open(t))
    t_copy, _ = best_of(t.copy, reps)
    report.rows.append(
        Row(
            section,
            "reference: arr.copy() of the instants",
            "numpy",
            size,
            reps,
            t_copy,
            "ns/elem",
            ratio=t_copy / t_add,
            note=f"add_working_time (8 h) = {t_add / t_copy:.0f}x a copy",
        )
    )

    bench_closed_form(cal, t, r_fixed, t_add, reps, report)

    # agreement of the warm-up results among themselves (outside any timing)
    fixed_us = np.timedelta64(FIXED, "us")
    back_fixed = cal.working_time_between(t, r_fixed)
    back_var = cal.working_time_between(t, r_var)
    roundtrip = int((back_fixed == fixed_us).sum() + (back_var == durations).sum())
    consistent = int(((r_next == t) == r_open).sum())
    report.notes.append(
        f"Column checks on the warm-up results: working_time_between(t, add_working_time(t, d)) == d for "
        f"{roundtrip:,} of {2 * size:,} (8 h and 1 min..40 h); next_open(t) == t exactly where is_open(t) for "
        f"{consistent:,} of {size:,}; {float(np.mean(r_open)):.1%} of the random instants are open, and "
        f"working_time_between over 0..60 days averages {float(np.mean(r_between / np.timedelta64(1, 'h'))):.1f} h."
    )
    return t_add / size, t


@dataclass(frozen=True)
class ClosedForm:
    """One calendar's tables for the closed-form +8 h: every day of its data, from ``first_day`` (epoch days)."""

    first_day: int
    workday: np.ndarray  # 1 on a workday, else 0 (int64)
    before: np.ndarray  # workdays before each day
    workdays: np.ndarray  # the epoch day of the k-th workday

    @classmethod
    def build(cls, cal: sc.WorkCalendar) -> ClosedForm:
        days = np.arange(np.datetime64(cal.first_day, "D"), np.datetime64(cal.official_until, "D") + 1)
        workday = np.asarray(cal.is_workday(days), dtype=np.int64)
        before = np.concatenate([[0], np.cumsum(workday)[:-1]]).astype(np.int64)
        epoch = days.astype(np.int64)
        return cls(int(epoch[0]), workday, before, epoch[workday.astype(bool)])

    def numpy(self, t: np.ndarray) -> np.ndarray:
        """t + 8 working hours in plain numpy, one pass per step: what a closed form costs without fusing."""
        day_us, hour = 86_400_000_000, 3_600_000_000
        length = 15 * hour // 2  # 7.5 h a workday
        us = t.view(np.int64)
        day = us // day_us
        i = day - self.first_day
        tod = us - day * day_us
        worked = np.clip(tod - 9 * hour, 0, 3 * hour)
        worked += np.clip(tod - 27 * hour // 2, 0, 9 * hour // 2)
        worked *= self.workday[i]
        pos = self.before[i] * length
        pos += worked
        pos += 8 * hour - 1
        k = pos // length
        r = pos - k * length + 1
        out = self.workdays[k] * day_us
        out += 9 * hour
        out += r
        out += (r > 3 * hour) * (3 * hour // 2)
        return out.view("datetime64[us]")


def bench_closed_form(
    cal: sc.WorkCalendar, t: np.ndarray, ours: np.ndarray, t_add: float, reps: int, report: Report
) -> None:
    """The floors of add_working_time(t, 8 h) (issue 18): the closed form in plain numpy, and fused in one C loop.

    The closed form holds for this calendar only (every workday, makeup days too, opens 09:00-12:00 and
    13:30-18:00; the CN zone has one offset over the data): the working time before t is a count of workdays times
    7.5 h plus what t's day has worked, so t + 8 h is found through the k-th workday. Both floors are checked
    against slaclock's answers before they are timed.
    """
    import cfloor

    size = t.size
    form = ClosedForm.build(cal)
    floors: list[tuple[str, float, str]] = []
    agree = int((form.numpy(t) == ours).sum())
    t_numpy, _ = best_of(lambda: form.numpy(t), reps)
    floors.append(("closed form, plain numpy (about 20 passes)", t_numpy, f"agrees on {agree:,} of {size:,}"))
    fused = cfloor.compiled(cfloor.WORKING_TIME_C, "add_working")
    if fused is None:
        report.notes.append("No C compiler (cc): the fused closed-form floor of add_working_time was skipped.")
    else:
        buf = np.empty(size, dtype=np.int64)
        v = t.view(np.int64)
        hour = 3_600_000_000

        def run() -> None:
            fused(v, buf, size, form.workday, form.before, form.workdays, form.first_day, 8 * hour)

        run()
        agree = int((buf.view("datetime64[us]") == ours).sum())
        t_fused, _ = best_of(run, reps)
        floors.append(("closed form, one fused C loop (cc -O2)", t_fused, f"agrees on {agree:,} of {size:,}"))
    for label, seconds, note in floors:
        report.rows.append(
            Row(
                "vector",
                f"floor: add 8 h, {label}",
                "floor",
                size,
                reps,
                seconds,
                "ns/elem",
                ratio=seconds / t_add,
                note=f"{note}; slaclock = {t_add / seconds:.2f}x this floor",
            )
        )


def bench_pandas(cals: Calendars, cfg: Config, t: np.ndarray, report: Report) -> None:
    pd = optional_module("pandas")
    operation = "add_working_time(t, 8 h)"
    if pd is None:
        report.notes.append("pandas is not installed: its CustomBusinessHour peer was skipped (pip install pandas).")
        return
    holidays = [str(d) for d in rest_weekdays(cals.cal)]
    offset = pd.offsets.CustomBusinessHour(
        n=8, start=["09:00", "13:30"], end=["12:00", "18:00"], weekmask="Mon Tue Wed Thu Fri", holidays=holidays
    )
    index = pd.DatetimeIndex(t)
    reps = cfg.slow_repeats

    def apply(index: Any) -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Non-vectorized DateOffset being applied": that is what we measure
            return (index + offset).to_numpy().astype("datetime64[us]")

    def theirs() -> np.ndarray:
        return apply(index)

    t_ours, r_ours = best_of(lambda: cals.next_open.add_working_time(t, FIXED), reps)
    t_theirs, r_theirs = best_of(theirs, reps)
    size = t.size
    report.rows.append(
        Row(
            "vector",
            operation,
            "slaclock, at_close='next_open'",
            size,
            reps,
            t_ours,
            "ns/elem",
            note="pandas' inputs and reading of a close",
        )
    )
    report.rows.append(
        Row(
            "vector",
            operation,
            f"pandas {pd.__version__} CustomBusinessHour",
            size,
            reps,
            t_theirs,
            "ns/elem",
            ratio=t_theirs / t_ours,
            mismatch=share_differing(r_ours, r_theirs),
            note="DatetimeIndex + offset, lunch as 2 intervals; per element",
        )
    )
    r_close = cals.cal.add_working_time(t, FIXED)
    r_like = cals.pandas_like.add_working_time(t, FIXED)
    makeup_only = (r_theirs != r_ours) & (r_theirs == r_like)
    at_close = r_close != r_ours
    example = first_differing(t[at_close], r_close[at_close], r_theirs[at_close], "pandas")
    probes = close_probes(cals, lambda xs: apply(pd.DatetimeIndex(xs)))
    report.notes.append(
        f"pandas CustomBusinessHour(n=8) on {size:,} starts: {share_differing(r_ours, r_theirs):.2%} differ from "
        f"slaclock with at_close='next_open' (pandas' reading; the table's figure), {makeup_only.mean():.2%} "
        "because of makeup workdays (they match a slaclock calendar with makeup='' as well), "
        f"{share_differing(r_like, r_theirs):.2%} for any other reason. Against slaclock's default reading (a "
        f"result at a close stays there) {share_differing(r_close, r_theirs):.2%} differ: {int(at_close.sum())} "
        f"start(s) land exactly on a close (12:00, the lunch break, or 18:00), e.g. {example or 'none'}. "
        f"Probes: {probes('pandas')}."
    )


def close_probes(cals: Calendars, peer: Callable[[list[dt.datetime]], np.ndarray]) -> Callable[[str], str]:
    """Two starts whose 8 h end exactly on a close (noon and 18:00 next day), through the peer and slaclock."""
    starts = [dt.datetime(2025, 3, 25, 11, 30), dt.datetime(2025, 3, 25, 17, 30)]  # a plain Tuesday
    column = np.array(starts, dtype="datetime64[us]")
    theirs = peer(starts)
    close = cals.cal.add_working_time(column, FIXED)
    next_open = cals.next_open.add_working_time(column, FIXED)

    def fmt(xs: np.ndarray) -> str:
        return " and ".join(f"{x.astype(object):%m-%d %H:%M}" for x in xs)

    def text(name: str) -> str:
        if np.array_equal(theirs, close):
            reading = f"as slaclock's at_close='close' (at_close='next_open' gives {fmt(next_open)})"
        elif np.array_equal(theirs, next_open):
            reading = f"as slaclock's at_close='next_open' (the default, at_close='close', gives {fmt(close)})"
        else:
            reading = f"neither slaclock's at_close='close' ({fmt(close)}) nor 'next_open' ({fmt(next_open)})"
        return f"2025-03-25 (Tue) 11:30 and 17:30 + 8 h give {fmt(theirs)} with {name}, {reading}"

    return text


# -- businesstimedelta (rows in both sections) -----------------------------------------------------------------


def btd_setup(btd: Any, cal: sc.WorkCalendar, tz: Any) -> Any:
    """businesstimedelta's rules for the same hours: Mon-Fri 09:00-18:00, lunch 12:00-13:30, CN weekday rest days."""
    import pytz  # a businesstimedelta dependency

    zone = pytz.timezone(tz) if isinstance(tz, str) else tz
    days = frozenset([*rest_weekdays(cal).astype(object).tolist(), SENTINEL_HOLIDAY])  # a set: `in` is O(1)
    week = [0, 1, 2, 3, 4]
    return btd.Rules(
        [
            btd.WorkDayRule(start_time=dt.time(9), end_time=dt.time(18), working_days=week, tz=zone),
            btd.LunchTimeRule(start_time=dt.time(12), end_time=dt.time(13, 30), working_days=week, tz=zone),
            btd.HolidayRule(days, tz=zone),
        ]
    )


@dataclass(frozen=True)
class BtdTiming:
    """One businesstimedelta set-up timed against slaclock's scalar loop on the same starts."""

    operation: str
    impl: str
    note: str
    size: int
    repeats: int
    ours: float
    theirs: float
    mismatch: float


def bench_btd(cals: Calendars, cfg: Config, t: np.ndarray, report: Report) -> list[BtdTiming]:
    """businesstimedelta per call, in two set-ups, and slaclock's scalar loop on the same starts (no rows yet)."""
    btd = optional_module("businesstimedelta")
    if btd is None:
        report.notes.append("businesstimedelta is not installed: its rows were skipped (pip install -e '.[bench]').")
        return []
    import pytz

    cal = cals.cal
    reps = cfg.slow_repeats
    naive = naive_datetimes(t)
    aware = [x.replace(tzinfo=ZONE) for x in naive]
    version = importlib.metadata.version("businesstimedelta")
    zoned = btd.BusinessTimeDelta(btd_setup(btd, cal, "Asia/Shanghai"), hours=8)
    in_utc = btd.BusinessTimeDelta(btd_setup(btd, cal, pytz.utc), hours=8)
    variants = [
        ("aware", aware, zoned, f"businesstimedelta {version}, zone rules", "tz=Asia/Shanghai, aware starts"),
        ("naive", naive, in_utc, f"businesstimedelta {version}, UTC rules", "naive wall times read as UTC"),
    ]
    timings: list[BtdTiming] = []
    answers: list[np.ndarray] = []
    for kind, starts, delta, impl, note in variants:
        t_ours, r_ours = best_of(loop1(lambda x: cal.add_working_time(x, FIXED), starts), reps)
        t_theirs, r_theirs = best_of(loop1(lambda x, delta=delta: x + delta, starts), reps)
        if kind == "naive":  # UTC rules answer in UTC, which here stands for the wall time
            theirs = np.array([x.replace(tzinfo=None) for x in r_theirs], dtype="datetime64[us]")
        else:
            theirs = wall(r_theirs)
        answers.append(theirs)
        mismatch = share_differing(wall(r_ours), theirs)
        op = f"add_working_time({kind} datetime, 8 h)"
        timings.append(BtdTiming(op, impl, note, len(starts), reps, t_ours, t_theirs, mismatch))

    theirs = answers[0]
    same = all(np.array_equal(theirs, a) for a in answers)
    r_cal = cal.add_working_time(t, FIXED)
    r_no_makeup = cals.no_makeup.add_working_time(t, FIXED)
    r_next_open = cals.next_open.add_working_time(t, FIXED)
    at_close = r_cal != r_next_open
    close_agree = int((theirs[at_close] == r_cal[at_close]).sum())
    makeup_only = (theirs != r_cal) & (theirs == r_no_makeup)
    closes = (
        f"On the {int(at_close.sum())} start(s) here whose result lands exactly on a close it agrees with slaclock's "
        f"at_close='close' {close_agree} time(s). "
        if at_close.any()
        else "No start here lands exactly on a close. "
    )
    example = first_differing(t, r_cal, theirs, "businesstimedelta")
    probes = close_probes(
        cals,
        lambda xs: wall([x.replace(tzinfo=ZONE) + zoned for x in xs]),  # outside timing
    )
    report.notes.append(
        f"businesstimedelta on {t.size:,} starts (both set-ups give {'the same' if same else 'DIFFERENT'} answers): "
        f"{share_differing(r_cal, theirs):.2%} differ from slaclock, {makeup_only.mean():.2%} because of "
        "makeup workdays (they match a slaclock calendar with makeup=''), "
        f"{share_differing(r_no_makeup, theirs):.2%} for any other reason. "
        f"Example: {example or 'none'}. {closes}Probes: {probes('businesstimedelta')}."
    )
    report.notes.append(
        "businesstimedelta set-ups: Rules([WorkDayRule 09:00-18:00 Mon-Fri, LunchTimeRule 12:00-13:30, "
        f"HolidayRule(<{rest_weekdays(cal).size} CN weekday rest days 2004-2026 + {SENTINEL_HOLIDAY}, a frozenset>)]). "
        "'zone rules': tz=pytz Asia/Shanghai on every rule and aware starts, the natural set-up for a zone; "
        "'UTC rules': the default UTC zone fed naive wall times, the same answers here (Asia/Shanghai has no DST "
        "since 1991) 3-4x faster. "
        f"{SENTINEL_HOLIDAY} is there because HolidayRule raises a TypeError when no holiday follows within 5 "
        "years; a set, not a list, because it tests `day in holidays` for every day it scans."
    )
    return timings


def btd_vector_rows(timings: Sequence[BtdTiming], column_per_elem: float) -> list[Row]:
    """The headline ratio: businesstimedelta per call against slaclock's column path per element."""
    return [
        Row(
            "vector",
            f'add_working_time(t, "{FIXED_TEXT}")',
            f"{b.impl} (looped)",
            b.size,
            b.repeats,
            b.theirs,
            "µs/call",
            ratio=(b.theirs / b.size) / column_per_elem,
            mismatch=b.mismatch,
            note="a Python loop, vs slaclock's 1st row",
        )
        for b in timings
    ]


def btd_scalar_rows(timings: Sequence[BtdTiming]) -> list[Row]:
    """businesstimedelta per call against slaclock's scalar path per call, on the same starts."""
    rows = []
    for b in timings:
        rows.append(Row("scalar", b.operation, "slaclock", b.size, b.repeats, b.ours, "µs/call", note="btd's inputs"))
        rows.append(
            Row(
                "scalar",
                b.operation,
                b.impl,
                b.size,
                b.repeats,
                b.theirs,
                "µs/call",
                ratio=b.theirs / b.ours,
                mismatch=b.mismatch,
                note=b.note,
            )
        )
    return rows


# -- 3. scalar ----------------------------------------------------------------------------


def bench_scalar(cals: Calendars, cfg: Config, rng: np.random.Generator, report: Report) -> None:
    section = "scalar"
    cal = cals.cal
    reps = cfg.scalar_repeats
    t = random_instants(rng, cfg.scalar_n)
    naive = naive_datetimes(t)
    aware = [x.replace(tzinfo=ZONE) for x in naive]
    size = len(naive)

    t_empty, _ = best_of(loop1(lambda x: None, naive), reps)
    empty = "reference: empty loop (call of a no-op)"
    report.rows.append(Row(section, empty, "python", size, reps, t_empty, "µs/call"))
    results: dict[str, list[Any]] = {}
    cases: list[tuple[str, str, Callable[[Any], Any], list[dt.datetime]]] = [
        ("add aware", "add_working_time(aware datetime, 8 h)", lambda x: cal.add_working_time(x, FIXED), aware),
        ("add naive", "add_working_time(naive datetime, 8 h)", lambda x: cal.add_working_time(x, FIXED), naive),
        (
            "deadline aware",
            f'deadline(aware datetime, "{FIXED_TEXT}").due',
            lambda x: sc.deadline(x, FIXED_TEXT, calendar=cal).due,
            aware,
        ),
        (
            "deadline naive",
            f'deadline(naive datetime, "{FIXED_TEXT}").due',
            lambda x: sc.deadline(x, FIXED_TEXT, calendar=cal).due,
            naive,
        ),
    ]
    for key, op, fn, starts in cases:
        seconds, result = best_of(loop1(fn, starts), reps)
        report.rows.append(Row(section, op, "slaclock", size, reps, seconds, "µs/call"))
        results[key] = result
    column = cal.add_working_time(t, FIXED)
    agree = {key: int((wall(r) == column).sum()) for key, r in results.items()}
    listed = ", ".join(f"{key} {n:,}" for key, n in agree.items())
    report.notes.append(
        f"slaclock's scalar path, deadline() and column path on the same {size:,} starts (+ 8 h): answers equal to "
        f"the column's: {listed} (of {size:,} each)."
    )


# -- 4. start-up --------------------------------------------------------------------------

STARTUP_STAGES = [
    ("calendar('CN') build", "first in a fresh process, after import slaclock"),
    (f".with_hours('{HOURS}')", "a new calendar: its day tables are rebuilt; no hours table yet"),
    ("import pendulum", "slaclock imports it on the first scalar call"),
    ("1st add_working_time(datetime, 8 h)", "compiles the hours table"),
    ("2nd add_working_time(datetime, 8 h)", "steady state, for contrast"),
    (f"1st add_working_time(<{COLUMN_STARTUP_N:,} instants>, 8 h)", "builds the column lookup tables"),
    (f"2nd add_working_time(<{COLUMN_STARTUP_N:,} instants>, 8 h)", "steady state, for contrast"),
]

STARTUP_CODE = f"""
import datetime as dt, json, time
import numpy as np
import slaclock as sc
h8 = dt.timedelta(hours=8)
col = np.datetime64("2024-05-06T10:17", "us") + np.arange({COLUMN_STARTUP_N}) * np.timedelta64(7, "m")
marks = [time.perf_counter()]
cal = sc.calendar("CN"); marks.append(time.perf_counter())
cal = cal.with_hours({HOURS!r}); marks.append(time.perf_counter())
import pendulum; marks.append(time.perf_counter())
cal.add_working_time(dt.datetime(2024, 5, 6, 10, 17), h8); marks.append(time.perf_counter())
cal.add_working_time(dt.datetime(2024, 5, 7, 11, 29), h8); marks.append(time.perf_counter())
cal.add_working_time(col, np.timedelta64(8, "h")); marks.append(time.perf_counter())
cal.add_working_time(col + np.timedelta64(1, "D"), np.timedelta64(8, "h")); marks.append(time.perf_counter())
print(json.dumps([b - a for a, b in zip(marks, marks[1:])]))
"""


def bench_startup(cfg: Config, report: Report) -> None:
    runs = cfg.process_runs
    run_python(STARTUP_CODE)  # warm-up: .pyc files exist
    stages = [json.loads(run_python(STARTUP_CODE)[1]) for _ in range(runs)]
    best = [min(run[k] for run in stages) for k in range(len(STARTUP_STAGES))]
    for (operation, note), seconds in zip(STARTUP_STAGES, best, strict=True):
        report.rows.append(Row("start-up", operation, "slaclock", 1, runs, seconds, "ms", note=note))
    first_use = sum(best[:4]) + best[5]
    report.notes.append(
        f"Start-up: each stage is the best of {runs} fresh processes, timed inside them, in the order listed; "
        f"building everything a first scalar and a first column call need takes {first_use * 1e3:.0f} ms in all."
    )


# -- output -------------------------------------------------------------------------------


def render(report: Report) -> str:
    m = report.machine
    return render_titled(
        report,
        "slaclock working-hours benchmark",
        f"python {m['python']}, slaclock {m['slaclock']}, numpy {m['numpy']}, pandas {m['pandas']}, "
        f"businesstimedelta {m['businesstimedelta']}, pytz {m['pytz']}; hours {HOURS}",
    )


def versions() -> dict[str, str]:
    return dist_versions("businesstimedelta", "pytz")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(
        argv,
        default_json=DEFAULT_JSON,
        quick_help="smaller inputs and fewer repeats (about 10 s)",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    cfg = QUICK if args.quick else FULL
    if args.seed is not None:
        cfg = Config(**{**asdict(cfg), "seed": args.seed})
    rng = np.random.default_rng(cfg.seed)
    cals = Calendars.build()
    report = Report({**machine_info(), **versions()}, {**asdict(cfg), "quick": args.quick, "hours": HOURS})
    per_elem, t = bench_vector(cals, cfg, rng, report)
    btd = bench_btd(cals, cfg, t[: cfg.slow_n], report)
    report.rows += btd_vector_rows(btd, per_elem)
    bench_pandas(cals, cfg, t[: cfg.pandas_n], report)
    bench_scalar(cals, cfg, rng, report)
    report.rows += btd_scalar_rows(btd)
    bench_startup(cfg, report)
    print(render(report))
    write_json(report, args.json)
    print(f"\nresults written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
