"""Side-by-side timings of slaclock's CN working-day calendar against numpy, holidays, chinese_calendar and pandas.

Everything is measured in one run on one machine, and every peer is reported as a
ratio to slaclock measured in the same run (``peer time / slaclock time``: above 1
means slaclock is faster). There are no speed thresholds and no asserts on speed;
the only purpose is a readable table (and a JSON file) to compare runs and machines.

Sections
--------
1. Vector: ``add_workdays`` / ``is_workday`` / ``workdays_between`` on arrays of random
   dates against ``np.busday_offset`` / ``np.is_busday`` / ``np.busday_count`` on a
   ``np.busdaycalendar`` holding every CN weekday rest day. numpy cannot express makeup
   Saturdays (调休上班), so the share of numpy's answers that differ is reported too.
   pandas (``DatetimeIndex + CustomBusinessDay``, not vectorised) is an optional peer.
2. Scalar: per-call time of the same questions on one ``date`` at a time against
   ``holidays.China`` and ``chinese_calendar``.
3. Start-up: calendar build time and ``import`` times, in fresh interpreters.
4. Agreement: on how many days of 2004..2026 each peer's workday flag differs.

Timing: every figure is the minimum over several repeats (``timeit``, garbage
collector off during a repeat) after one untimed warm-up call, whose results are
the ones checked for agreement. Scalar figures include the Python ``for`` loop; its
empty-loop cost is printed for reference.

Run ``python benchmarks/bench_calendar.py`` (``--quick`` for a smaller run,
``--json PATH`` to choose where the results go; default ``benchmarks/results/latest.json``).
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import importlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import timeit
import warnings
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

import slaclock as sc

HERE = Path(__file__).resolve().parent
DEFAULT_JSON = HERE / "results" / "latest.json"
FIRST_START = dt.date(2005, 1, 1)
LAST_START = dt.date(2026, 10, 31)  # with n <= 30 (or a span <= 60 days) every answer stays inside 2026
MAX_N = 30
MAX_SPAN_DAYS = 60
FIXED_N = 5
TABLE_FIRST = dt.date(2004, 1, 1)
TABLE_LAST = dt.date(2026, 12, 31)
HOLIDAY_YEARS = range(2004, 2027)


@dataclass(frozen=True)
class Config:
    """Sizes and repeat counts of one run."""

    vector_n: int
    vector_repeats: int
    pandas_n: int
    scalar_n: int
    scalar_repeats: int
    slow_n: int  # chinese_calendar.find_workday: about half a millisecond per call
    slow_repeats: int
    build_repeats: int
    process_runs: int
    seed: int


FULL = Config(1_000_000, 7, 20_000, 20_000, 5, 2_000, 3, 7, 7, 20260101)
QUICK = Config(200_000, 5, 5_000, 5_000, 3, 500, 3, 5, 3, 20260101)


@dataclass
class Row:
    """One measured line of the table."""

    section: str
    operation: str
    impl: str
    size: int
    """Elements per call (vector), calls per repeat (scalar), or 1."""
    repeats: int
    seconds: float
    """Best repeat, whole call or loop."""
    unit: str
    """``ns/elem``, ``µs/call`` or ``ms``."""
    ratio: float | None = None
    """This row's time / slaclock's time for the same operation and inputs."""
    mismatch: float | None = None
    """Share of answers that differ from slaclock's."""
    note: str = ""

    @property
    def per_unit(self) -> float:
        scale = {"ns/elem": 1e9, "µs/call": 1e6, "ms": 1e3}[self.unit]
        return self.seconds * scale / (self.size if self.unit != "ms" else 1)


@dataclass
class Report:
    """Everything one run prints and writes."""

    machine: dict[str, Any]
    config: dict[str, Any]
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# -- timing -------------------------------------------------------------------------------


def best_of(fn: Callable[[], object], repeats: int) -> tuple[float, Any]:
    """Best wall time of ``fn()`` over ``repeats`` timed calls, and the result of one untimed warm-up call."""
    result = fn()
    return min(timeit.Timer(fn).repeat(repeat=repeats, number=1)), result


def loop2(fn: Callable[[Any, Any], object], pairs: Sequence[tuple[Any, Any]]) -> Callable[[], list[object]]:
    """A closure calling ``fn(a, b)`` once per pair, as a user's loop would."""

    def run() -> list[object]:
        return [fn(a, b) for a, b in pairs]

    return run


def loop1(fn: Callable[[Any], object], items: Sequence[Any]) -> Callable[[], list[object]]:
    """A closure calling ``fn(a)`` once per item."""

    def run() -> list[object]:
        return [fn(a) for a in items]

    return run


def share_differing(a: Any, b: Any) -> float:
    """Share of positions where two equal-length sequences (or arrays) differ."""
    a, b = np.asarray(a), np.asarray(b)
    return float(np.mean(a != b)) if a.size else 0.0


def optional_module(name: str) -> Any | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


# -- inputs -------------------------------------------------------------------------------


def random_days(rng: np.random.Generator, size: int) -> np.ndarray:
    """``size`` datetime64[D] start dates, uniform over FIRST_START..LAST_START."""
    lo = np.datetime64(FIRST_START, "D")
    span = (LAST_START - FIRST_START).days + 1
    return lo + rng.integers(0, span, size)


def random_steps(rng: np.random.Generator, size: int) -> np.ndarray:
    """``size`` workday counts, uniform over 1..MAX_N (int64)."""
    return rng.integers(1, MAX_N + 1, size)


def as_dates(days: np.ndarray) -> list[dt.date]:
    return days.astype(object).tolist()  # datetime64[D] -> datetime.date


def all_days() -> np.ndarray:
    """Every day the CN data covers, as datetime64[D]."""
    return np.arange(np.datetime64(TABLE_FIRST, "D"), np.datetime64(TABLE_LAST, "D") + 1)


def rest_weekdays(cal: sc.WorkCalendar) -> np.ndarray:
    """Monday-to-Friday days on which ``cal`` rests: the holidays numpy and pandas can be given."""
    days = all_days()
    return days[np.is_busday(days, weekmask="1111100") & ~cal.is_workday(days)]


def numpy_calendar(cal: sc.WorkCalendar) -> np.busdaycalendar:
    """numpy's best approximation of ``cal``: Mon-Fri minus every weekday rest day (no makeup workdays)."""
    return np.busdaycalendar(weekmask="1111100", holidays=rest_weekdays(cal))


def makeup_weekend_days(cal: sc.WorkCalendar) -> int:
    """How many Saturdays and Sundays ``cal`` works: what numpy and pandas cannot express."""
    days = all_days()
    return int((cal.is_workday(days) & ~np.is_busday(days, weekmask="1111100")).sum())


# -- 1. vector ----------------------------------------------------------------------------


def bench_vector(cal: sc.WorkCalendar, cfg: Config, rng: np.random.Generator, report: Report) -> None:
    section = "vector"
    size, reps = cfg.vector_n, cfg.vector_repeats
    days = random_days(rng, size)
    steps = random_steps(rng, size)
    ends = days + rng.integers(0, MAX_SPAN_DAYS + 1, size)
    bcal = numpy_calendar(cal)
    report.notes.append(
        f"numpy peers use np.busdaycalendar(weekmask='1111100', holidays=<{rest_weekdays(cal).size} CN weekday rest "
        f"days 2004-2026>), built once; it cannot hold the {makeup_weekend_days(cal)} makeup weekend workdays "
        "(调休上班). Same answers as busday_offset(..., holidays=..., weekmask=...)."
    )

    def pair(operation: str, ours: Callable[[], Any], theirs: Callable[[], Any], impl: str, note: str = "") -> float:
        t_ours, r_ours = best_of(ours, reps)
        t_theirs, r_theirs = best_of(theirs, reps)
        report.rows.append(Row(section, operation, "slaclock", size, reps, t_ours, "ns/elem"))
        report.rows.append(
            Row(
                section,
                operation,
                impl,
                size,
                reps,
                t_theirs,
                "ns/elem",
                ratio=t_theirs / t_ours,
                mismatch=share_differing(r_ours, r_theirs),
                note=note,
            )
        )
        return t_ours

    t_add = pair(
        "add_workdays(d, n), n in 1..30",
        lambda: cal.add_workdays(days, steps),
        lambda: np.busday_offset(days, steps, roll="backward", busdaycal=bcal),
        "numpy busday_offset",
        "no makeup Saturdays",
    )
    pair(
        f"add_workdays(d, {FIXED_N}), scalar n",
        lambda: cal.add_workdays(days, FIXED_N),
        lambda: np.busday_offset(days, FIXED_N, roll="backward", busdaycal=bcal),
        "numpy busday_offset",
        "no makeup Saturdays",
    )
    pair(
        "is_workday(d)",
        lambda: cal.is_workday(days),
        lambda: np.is_busday(days, busdaycal=bcal),
        "numpy is_busday",
        "no makeup Saturdays",
    )
    pair(
        "workdays_between(a, b), b-a in 0..60 d",
        lambda: cal.workdays_between(days, ends),
        lambda: np.busday_count(days, ends, busdaycal=bcal),
        "numpy busday_count",
        "no makeup Saturdays",
    )
    t_copy, _ = best_of(days.copy, reps)
    report.rows.append(
        Row(
            section,
            "reference: arr.copy() of the dates",
            "numpy",
            size,
            reps,
            t_copy,
            "ns/elem",
            ratio=t_copy / t_add,
            note=f"add_workdays (n array) = {t_add / t_copy:.0f}x a copy",
        )
    )
    bench_pandas(cal, cfg, days[: cfg.pandas_n], report)


def bench_pandas(cal: sc.WorkCalendar, cfg: Config, days: np.ndarray, report: Report) -> None:
    pd = optional_module("pandas")
    operation = f"add_workdays(d, {FIXED_N}), scalar n"
    if pd is None:
        report.notes.append("pandas is not installed: its CustomBusinessDay peer was skipped (pip install pandas).")
        return
    holidays = [str(d) for d in rest_weekdays(cal)]
    offset = pd.offsets.CustomBusinessDay(n=FIXED_N, weekmask="1111100", holidays=holidays)
    index = pd.DatetimeIndex(days)
    reps = cfg.scalar_repeats

    def theirs() -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Non-vectorized DateOffset being applied": that is what we measure
            return (index + offset).to_numpy().astype("datetime64[D]")

    t_ours, r_ours = best_of(lambda: cal.add_workdays(days, FIXED_N), reps)
    t_theirs, r_theirs = best_of(theirs, reps)
    size = days.size
    report.rows.append(Row("vector", operation, "slaclock", size, reps, t_ours, "ns/elem", note="pandas' inputs"))
    report.rows.append(
        Row(
            "vector",
            operation,
            f"pandas {pd.__version__} CustomBusinessDay",
            size,
            reps,
            t_theirs,
            "ns/elem",
            ratio=t_theirs / t_ours,
            mismatch=share_differing(r_ours, r_theirs),
            note="DatetimeIndex + offset; per element",
        )
    )


# -- 2. scalar ----------------------------------------------------------------------------


def bench_scalar(cal: sc.WorkCalendar, cfg: Config, rng: np.random.Generator, report: Report) -> None:
    import holidays

    section = "scalar"
    cn = holidays.China(years=HOLIDAY_YEARS)  # built once, outside timing
    cc = optional_module("chinese_calendar")
    dates = as_dates(random_days(rng, cfg.scalar_n))
    steps = [int(k) for k in random_steps(rng, cfg.scalar_n)]
    pairs = list(zip(dates, steps, strict=True))
    slow = pairs[: cfg.slow_n]

    t_empty, _ = best_of(loop2(lambda a, b: None, pairs), cfg.scalar_repeats)
    report.rows.append(
        Row(
            section,
            "reference: empty loop (call of a no-op)",
            "python",
            len(pairs),
            cfg.scalar_repeats,
            t_empty,
            "µs/call",
        )
    )

    def measure(operation: str, impl: str, run: Callable[[], list[object]], size: int, reps: int) -> tuple[float, Any]:
        seconds, result = best_of(run, reps)
        report.rows.append(Row(section, operation, impl, size, reps, seconds, "µs/call"))
        return seconds / size, result

    def peer(base: tuple[float, Any], row_result: tuple[float, Any], note: str = "") -> None:
        row = report.rows[-1]
        row.ratio = row_result[0] / base[0]
        row.mismatch = share_differing(base[1][: row.size], row_result[1])
        row.note = note

    op = "add_workdays(d, n), n in 1..30"
    ours = measure(op, "slaclock", loop2(cal.add_workdays, pairs), len(pairs), cfg.scalar_repeats)
    peer(
        ours,
        measure(
            op, "holidays get_nth_working_day", loop2(cn.get_nth_working_day, pairs), len(pairs), cfg.scalar_repeats
        ),
    )
    if cc is not None:
        ours_slow = measure(op, "slaclock", loop2(cal.add_workdays, slow), len(slow), cfg.slow_repeats)
        report.rows[-1].note = "chinese_calendar's inputs"
        theirs = measure(
            op,
            "chinese_calendar find_workday",
            loop2(lambda d, k: cc.find_workday(k, d), slow),
            len(slow),
            cfg.slow_repeats,
        )
        peer(ours_slow, theirs, "other semantics, see notes")
        report.notes.append(chinese_calendar_semantics(cal, cc, slow, ours_slow[1], theirs[1]))

    op = "is_workday(d)"
    ours = measure(op, "slaclock", loop1(cal.is_workday, dates), len(dates), cfg.scalar_repeats)
    peer(ours, measure(op, "holidays is_working_day", loop1(cn.is_working_day, dates), len(dates), cfg.scalar_repeats))
    if cc is not None:
        peer(
            ours,
            measure(op, "chinese_calendar is_workday", loop1(cc.is_workday, dates), len(dates), cfg.scalar_repeats),
        )
    else:
        report.notes.append("chinese_calendar is not installed: its peers were skipped (pip install chinesecalendar).")

    bench_deadline(cal, cn, dates, rng, cfg, report, measure, peer)


def bench_deadline(
    cal: sc.WorkCalendar,
    cn: Any,
    dates: Sequence[dt.date],
    rng: np.random.Generator,
    cfg: Config,
    report: Report,
    measure: Callable[..., tuple[float, Any]],
    peer: Callable[..., None],
) -> None:
    """deadline(datetime, "5个工作日"): the whole call, parse to aware due instant, against a hand-rolled loop."""
    zone = zoneinfo.ZoneInfo(cal.tz)
    seconds = rng.integers(0, 86_400, size=len(dates))
    naive = [
        dt.datetime.combine(d, dt.time()) + dt.timedelta(seconds=int(s)) for d, s in zip(dates, seconds, strict=True)
    ]
    aware = [x.replace(tzinfo=zone) for x in naive]

    def ours(x: dt.datetime) -> dt.datetime:
        return sc.deadline(x, "5个工作日", calendar=cal).due

    def hand_rolled(x: dt.datetime) -> dt.datetime:
        # what users write today: the date in the zone, holidays' n-th working day, midnight after it
        last = cn.get_nth_working_day(x.astimezone(zone).date(), 5)
        return dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=zone)

    op = 'deadline(aware datetime, "5个工作日").due'
    base = measure(op, "slaclock", loop1(ours, aware), len(aware), cfg.scalar_repeats)
    peer(base, measure(op, "holidays + datetime, by hand", loop1(hand_rolled, aware), len(aware), cfg.scalar_repeats))
    op = 'deadline(naive datetime, "5个工作日").due'
    measure(op, "slaclock", loop1(ours, naive), len(naive), cfg.scalar_repeats)


def chinese_calendar_semantics(
    cal: sc.WorkCalendar, cc: Any, pairs: Sequence[tuple[dt.date, int]], ours: list[Any], theirs: list[Any]
) -> str:
    """Explain the find_workday disagreement, and check what is left once its day-0 rule is accounted for."""
    rest_start = [not cal.is_workday(d) for d, _ in pairs]
    adjusted = [
        cc.find_workday(k - 1, d) if rest else t for (d, k), rest, t in zip(pairs, rest_start, theirs, strict=True)
    ]
    left = [d for (d, _), a, b in zip(pairs, ours, adjusted, strict=True) if a != b]
    differ = share_differing(ours, theirs)
    listed = f" (starts {', '.join(map(str, left[:5]))})" if left else ""
    return (
        "chinese_calendar.find_workday(n, d) counts the first workday on or after d as day 0, so from a rest day "
        f"it lands one workday later than add_workdays(d, n), whose start day never counts: {differ:.1%} differ, "
        f"and {np.mean(rest_start):.1%} of the starts are rest days. Calling find_workday(n - 1, d) from rest days, "
        f"{len(left)} of {len(pairs)} still differ{listed}."
    )


# -- 3. start-up --------------------------------------------------------------------------


_PYCACHE = tempfile.mkdtemp(prefix="slaclock-pycache-")
atexit.register(shutil.rmtree, _PYCACHE, True)


def run_python(code: str, more_env: dict[str, str] | None = None) -> tuple[float, str]:
    """Wall time of a fresh ``python -c code`` and its stdout (``more_env``: variables added to its environment).

    The interpreters read and write .pyc files in a private cache, as for an installed package:
    with ``PYTHONDONTWRITEBYTECODE`` set (as on the project's machines) an editable install whose
    sources changed since their .pyc was written would compile them again in every process.
    ``PYTHONPYCACHEPREFIX`` keeps those files out of the source tree.
    """
    cmd = [sys.executable, "-c", code]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"PYTHONWARNINGS": "ignore", "PYTHONPYCACHEPREFIX": _PYCACHE, **(more_env or {})}
    start = timeit.default_timer()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, cwd=HERE.parent)
    return timeit.default_timer() - start, done.stdout


def best_process(code: str, runs: int, *, inner: bool) -> float:
    """Best of ``runs`` fresh interpreters after one warm-up: wall time, or the seconds the code prints."""
    run_python(code)
    times = []
    for _ in range(runs):
        wall, out = run_python(code)
        times.append(float(out) if inner else wall)
    return min(times)


def bench_startup(cfg: Config, report: Report) -> None:
    section = "start-up"
    runs = cfg.process_runs
    # the module defining calendar() and its lru_cache'd _cached (`import slaclock.calendar as m` would give the
    # function, which shadows the module of the same name on the package)
    calendar_module = sys.modules[sc.calendar.__module__]

    def rebuild() -> sc.WorkCalendar:
        calendar_module._cached.cache_clear()
        return sc.calendar("CN")

    t_build, _ = best_of(rebuild, cfg.build_repeats)
    report.rows.append(
        Row(
            section,
            "calendar('CN') build",
            "slaclock",
            1,
            cfg.build_repeats,
            t_build,
            "ms",
            note="in-process, cache cleared",
        )
    )
    timed = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"
    t_fresh = best_process("import slaclock as sc; " + timed.format("sc.calendar('CN')"), runs, inner=True)
    report.rows.append(
        Row(section, "calendar('CN') build", "slaclock", 1, runs, t_fresh, "ms", note="first in a fresh process")
    )
    t_hol = best_process(
        "import holidays; " + timed.format(f"holidays.China(years=range({HOLIDAY_YEARS.start}, {HOLIDAY_YEARS.stop}))"),
        runs,
        inner=True,
    )
    report.rows.append(
        Row(
            section,
            "calendar('CN') build",
            "holidays China(years=2004..2026)",
            1,
            runs,
            t_hol,
            "ms",
            ratio=t_hol / t_fresh,
            note="first in a fresh process; slaclock's build includes this",
        )
    )

    operation = "python -c 'import X' (wall)"
    t_ours = best_process("import slaclock", runs, inner=False)
    report.rows.append(
        Row(section, operation, "slaclock", 1, runs, t_ours, "ms", note="imports numpy; holidays lazily")
    )
    peers = [("pass", "(python -c pass)"), ("import numpy", "numpy"), ("import holidays", "holidays")]
    peers += [("import chinese_calendar", "chinese_calendar"), ("import pandas", "pandas")]
    for code, impl in peers:
        module = code.removeprefix("import ")
        if code != "pass" and importlib.util.find_spec(module) is None:
            continue
        seconds = best_process(code, runs, inner=False)
        report.rows.append(Row(section, operation, impl, 1, runs, seconds, "ms", ratio=seconds / t_ours))


# -- 4. agreement over every day ----------------------------------------------------------


def bench_agreement(cal: sc.WorkCalendar, report: Report) -> None:
    import holidays

    days = all_days()
    ours = cal.is_workday(days)
    dates = as_dates(days)
    cn = holidays.China(years=HOLIDAY_YEARS)
    flags = {"holidays": [cn.is_working_day(d) for d in dates]}
    flags["numpy (no makeup days)"] = np.is_busday(days, busdaycal=numpy_calendar(cal)).tolist()
    cc = optional_module("chinese_calendar")
    if cc is not None:
        flags["chinese_calendar"] = [cc.is_workday(d) for d in dates]
    parts = []
    for name, theirs in flags.items():
        differ = [d for d, a, b in zip(dates, ours.tolist(), theirs, strict=True) if a != b]
        listed = f": {', '.join(f'{d} ({d:%a})' for d in differ[:3])}" if 0 < len(differ) <= 3 else ""
        parts.append(f"{name} {len(differ)}{listed}")
    report.notes.append(
        f"Workday flags differing from slaclock over all {days.size} days 2004..2026: {'; '.join(parts)}."
    )


# -- output -------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    def version(dist: str) -> str:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "slaclock": sc.__version__,
        "numpy": np.__version__,
        "holidays": version("holidays"),
        "chinesecalendar": version("chinesecalendar"),
        "pandas": version("pandas"),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def dist_versions(*dists: str) -> dict[str, str]:
    """Installed versions of optional peers ("not installed" for a missing one)."""
    out = {}
    for dist in dists:
        try:
            out[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def render_titled(report: Report, title: str, versions: str) -> str:
    """:func:`format_report` with another benchmark's title and its own versions line."""
    lines = format_report(report).splitlines()
    lines[0] = title
    return "\n".join(f"versions: {versions}" if line.startswith("versions:") else line for line in lines)


def format_report(report: Report) -> str:
    """The whole printout: machine, table, notes."""
    m = report.machine
    lines = [
        "slaclock calendar benchmark",
        f"machine: {m['platform']}; {m['cpu']}; {m['cpu_count']} CPUs",
        f"versions: python {m['python']}, slaclock {m['slaclock']}, numpy {m['numpy']}, holidays {m['holidays']}, "
        f"chinesecalendar {m['chinesecalendar']}, pandas {m['pandas']}",
        f"run: {m['date']}, seed {report.config['seed']}, {'quick' if report.config['quick'] else 'full'}; "
        "time = best of <reps> repeats after a warm-up",
        "x slaclock = this row's time / slaclock's time on the same inputs (above 1: slaclock is faster); "
        "differ = share of answers unlike slaclock's",
        "",
    ]
    header = ("operation", "implementation", "N", "reps", "time", "unit", "x slaclock", "differ", "note")
    table = [header]
    sections = []
    for row in report.rows:
        table.append(
            (
                row.operation,
                row.impl,
                f"{row.size:,}",
                str(row.repeats),
                f"{row.per_unit:,.3g}" if row.per_unit < 1000 else f"{row.per_unit:,.0f}",
                row.unit,
                "" if row.ratio is None else f"{row.ratio:,.3g}" if row.ratio < 1000 else f"{row.ratio:,.0f}",
                "" if row.mismatch is None else f"{row.mismatch:.2%}",
                row.note,
            )
        )
        sections.append(row.section)
    widths = [max(len(r[i]) for r in table) for i in range(len(header) - 1)]
    right = {2, 3, 4, 6, 7}

    def fmt(cells: Sequence[str]) -> str:
        out = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=False))]
        return "  ".join([*out, cells[-1]]).rstrip()

    rule = "-" * (sum(widths) + 2 * len(widths) + len(header[-1]))
    lines += [fmt(header), rule]
    current = None
    for section, cells in zip(sections, table[1:], strict=True):
        if section != current:
            if current is not None:
                lines.append("")
            lines.append(f"[{section}]")
            current = section
        lines.append(fmt(cells))
    lines += ["", "notes:"]
    lines += [f"- {n}" for n in report.notes]
    return "\n".join(lines)


def write_json(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [{**asdict(r), "time_per_unit": r.per_unit} for r in report.rows]
    payload = {"machine": report.machine, "config": report.config, "rows": rows, "notes": report.notes}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def parse_args(
    argv: Sequence[str] | None,
    *,
    default_json: Path = DEFAULT_JSON,
    quick_help: str = "smaller inputs and fewer repeats (well under 30 s)",
    description: str | None = __doc__.splitlines()[0] if __doc__ else None,
) -> argparse.Namespace:
    """The options every benchmark script takes: --quick, --json PATH, --seed N."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help=quick_help)
    parser.add_argument(
        "--json", type=Path, default=default_json, help=f"where to write the results (default {default_json})"
    )
    parser.add_argument("--seed", type=int, default=None, help="seed of the numpy Generator drawing the inputs")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    cfg = QUICK if args.quick else FULL
    if args.seed is not None:
        cfg = Config(**{**asdict(cfg), "seed": args.seed})
    rng = np.random.default_rng(cfg.seed)
    cal = sc.calendar("CN")
    report = Report(machine_info(), {**asdict(cfg), "quick": args.quick})
    bench_vector(cal, cfg, rng, report)
    bench_scalar(cal, cfg, rng, report)
    bench_startup(cfg, report)
    bench_agreement(cal, report)
    print(format_report(report))
    write_json(report, args.json)
    print(f"\nresults written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
