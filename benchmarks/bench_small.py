"""Short tables: ``Contract.evaluate`` and column calls on 1 to 1,000 rows, in each kind of table, beside their peers.

A service that evaluates a page of tickets per request, or a notebook cell on a few rows, pays a call's fixed cost,
not its cost per row. This script times that, in one run on one machine, and reports ratios in the same run:

1. ``evaluate``: the desk of ``bench_evaluate.py`` (three clauses) and seed 001 (nine clauses), on 1, 10, 100 and
   1,000 cases (``bench_evaluate.contract_events``), given as a mapping of numpy columns, a pandas DataFrame, a
   polars DataFrame and a pyarrow Table, and answered in the same kind. Each kind's time is also given over the
   mapping's (the kind's own cost: reading its columns, making its result). The peer: slaclock's own Case loop
   (``contract.open`` + ``record`` + ``status`` per case, ``bench_evaluate.case_loop``) on the desk's same cases,
   as ``Case loop / evaluate`` (above 1: ``evaluate`` is faster).
2. Column calls: ``sc.deadlines(x, "5个工作日")`` and ``cal.add_working_time(x, "8个工作小时")`` on 1 and 1,000
   starts, ``x`` a numpy ``datetime64[us]`` column, a naive and an aware pandas Series and a polars Series; each
   over the numpy call's time.

Every figure is the best of ``--repeat`` timings of as many calls as fill ``--min-time`` seconds, after warm-up
calls (so a period's day table is made, as it is in a service after its first requests). Nothing asserts anything
about speed.

Run ``python benchmarks/bench_small.py`` (about 30 s; ``--quick`` for 3 repeats of 0.02 s, ``--json PATH`` to
choose where the results go; default ``benchmarks/results/small-latest.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import bench_evaluate as be  # noqa: E402

SIZES = (1, 10, 100, 1_000)
HOURS = "09:00-12:00,13:30-18:00"


def best(fn: Callable[[], Any], repeat: int, min_time: float) -> float:
    """Seconds a call: the best of ``repeat`` timings of as many calls as fill ``min_time``, after warm-up calls."""
    for _ in range(20):
        fn()
    t0, calls = time.perf_counter(), 0
    while time.perf_counter() - t0 < min_time:
        fn()
        calls += 1
    calls = max(calls, 1)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter() - t0) / calls)
    return min(times)


def bench_evaluate(repeat: int, min_time: float) -> list[dict[str, Any]]:
    rows = []
    opts = {"now": be.NOW, "ignore_pauses": True}
    for which in ("desk", "001"):
        contract = be.CONTRACTS[which]()
        events = be.contract_events(contract, np.random.default_rng(1), SIZES[-1])
        for size in SIZES:
            cases = be.head(events, size)
            row: dict[str, Any] = {"contract": which, "cases": size}
            for frame in be.FRAMES:
                table = be.as_frame(cases, frame)
                row[frame] = best(lambda t=table, c=contract: c.evaluate(t, **opts), repeat, min_time)
            if which == "desk":
                loop, inputs = be.case_loop(contract, be.NOW_DT), be.case_inputs(cases)
                row["case_loop"] = best(lambda run=loop, i=inputs: run(i), repeat, min_time)
            rows.append(row)
            print(
                f"evaluate {which:>4} {size:>5,} cases: "
                + "  ".join(f"{f} {row[f] * 1e6:7.0f} µs ({row[f] / row['mapping']:.2f}x)" for f in be.FRAMES)
                + (
                    f"  Case loop {row['case_loop'] * 1e6:7.0f} µs: {row['case_loop'] / row['mapping']:.2f}x"
                    if "case_loop" in row
                    else ""
                ),
                flush=True,
            )
    return rows


def bench_columns(repeat: int, min_time: float) -> list[dict[str, Any]]:
    import pandas as pd
    import polars as pl

    import slaclock as sc

    cal = sc.calendar("CN").with_hours(HOURS)
    rows = []
    for size in (1, 1_000):
        a = (np.datetime64("2026-03-02T09:30") + np.arange(size) * np.timedelta64(37, "m")).astype("datetime64[us]")
        naive = pd.Series(a, name="opened")
        kinds = {"numpy": a, "pandas": naive, "pandas aware": naive.dt.tz_localize("Asia/Shanghai")}
        kinds["polars"] = pl.Series("opened", a)
        for call, fn in (
            ("deadlines 5个工作日", lambda x: sc.deadlines(x, "5个工作日", calendar=cal)),
            ("add_working_time 8个工作小时", lambda x: cal.add_working_time(x, "8个工作小时")),
        ):
            row: dict[str, Any] = {"call": call, "starts": size}
            for kind, x in kinds.items():
                row[kind] = best(lambda x=x, f=fn: f(x), repeat, min_time)
            rows.append(row)
            print(
                f"{call} {size:>5,}: "
                + "  ".join(f"{k} {row[k] * 1e6:6.1f} µs ({row[k] / row['numpy']:.2f}x)" for k in kinds),
                flush=True,
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "small-latest.json")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--min-time", type=float, default=0.05, help="seconds of calls a timing fills")
    parser.add_argument("--quick", action="store_true", help="3 repeats of 0.02 s")
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.min_time = 3, 0.02
    from bench_deadlines import source_state

    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    out = {
        "commit": source_state(),
        "started": started,
        "evaluate": bench_evaluate(args.repeat, args.min_time),
        "columns": bench_columns(args.repeat, args.min_time),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
