"""Threads or not: column calls with ``SLACLOCK_THREADS=1`` against the default, quiet and under load.

Column calls of 196,609 rows or more run their blocks on a thread pool (``slaclock._base.blocks``; the default is
the CPUs this process may use, at most 8). numpy releases the GIL inside its loops but not between them, so a
block's Python steps serialise; whether threads pay depends on how long each block runs without the GIL, and on
what else the machine is doing. This script measures it: each call in a fresh interpreter, with threading off
(``SLACLOCK_THREADS=1``) and on (the default), on a quiet machine and beside 1 and 2 processes that keep a core
busy each (numpy sorts in a loop). It reports each time and the ratio off / on (above 1: threads pay). Nothing
asserts anything about speed.

The calls, on 1,000,000 ``datetime64[m]`` starts over 2025-2026 (5 % NaT):

* ``sc.deadlines(starts, "30日")`` and ``"5个工作日"`` (the day tables: a gather per block, no pool);
* ``sc.deadlines(starts, "48小时")`` and ``"8个工作小时"`` (clock time and working time, each the direct way of
  ``slaclock._rules.direct``; working hours on a calendar with hours 09:00-12:00,13:30-18:00): blocks on the
  pool;
* ``cal.add_working_time(starts, 8 hours)`` on a calendar with hours 09:00-12:00,13:30-18:00;
* a period or a calendar per row (``slaclock._rules.byrow``; a numpy text column of three targets at random):
  clock time ("4小时", "8小时", "24小时") and working time ("4工作小时", "8工作小时", "16工作小时"), whose blocks
  run on the pool; hours beside workdays ("4小时", "1个工作日", "3个工作日"), whose clock rows are made in the
  gather's blocks, which run in turn (no pool: a control); and "24小时" with a calendar per row (CN, HK), on the
  pool;
* ``contract.evaluate`` of the three-clause desk of ``bench_evaluate.py``, and of seed 001 (nine clauses, 14 event
  columns, ``bench_evaluate.contract_events``), on 1,000,000 cases with ``states="codes"``: the blocks after the
  first run on the pool.

Run ``python benchmarks/bench_threads.py`` (``--repeat N``: runs of each cell, default 3; the best is kept;
``--calls "evaluate desk,evaluate seed 001"``: only those calls).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CALLS = (
    "deadlines 30日",
    "deadlines 5个工作日",
    "deadlines 48小时",
    "deadlines 8个工作小时",
    "add_working_time 8h",
    "per row: clock time",
    "per row: working time",
    "per row: hours and workdays",
    "per row: calendars 24小时",
    "evaluate desk",
    "evaluate seed 001",
)
BUSY = "import numpy as np\na = np.random.default_rng(0).random(1_000_000)\nwhile True:\n    np.sort(a)\n"


def child(call: str) -> None:
    """One call, timed in this process (best of 5 after a warm-up): prints one JSON line."""
    import numpy as np

    import slaclock as sc

    rng = np.random.default_rng(1)
    n = 1_000_000
    starts = np.datetime64("2025-01-01T00:00") + rng.integers(0, 700 * 24 * 60, n).astype("timedelta64[m]")
    starts[rng.random(n) < 0.05] = np.datetime64("NaT")
    cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
    if call.startswith("deadlines"):
        period = call.split()[1]

        def run() -> object:
            return sc.deadlines(starts, period, calendar=cal).due

    elif call.startswith("per row"):
        pick = np.random.default_rng(3).integers(0, 3, n)
        targets = {
            "per row: clock time": ["4小时", "8小时", "24小时"],
            "per row: working time": ["4工作小时", "8工作小时", "16工作小时"],
            "per row: hours and workdays": ["4小时", "1个工作日", "3个工作日"],
        }
        if call in targets:
            per = np.array(targets[call])[pick]

            def run() -> object:
                return sc.deadlines(starts, per, calendar=cal).due

        else:
            cals = {"CN": sc.calendar("CN"), "HK": sc.calendar("HK")}
            keys = np.array(["CN", "HK"])[pick % 2]

            def run() -> object:
                return sc.deadlines(starts, "24小时", calendar=keys, calendars=cals).due

    elif call.startswith("add_working_time"):
        eight = np.timedelta64(8, "h")

        def run() -> object:
            return cal.add_working_time(starts, eight)

    else:
        sys.path.insert(0, str(HERE))
        import bench_evaluate as be

        if call == "evaluate desk":
            contract = be.desk_contract()
            events = be.random_events(np.random.default_rng(2), n)
        else:
            contract = be.CONTRACTS["001"]()
            events = be.contract_events(contract, np.random.default_rng(2), n)

        def run() -> object:
            return contract.evaluate(events, now=be.NOW, states="codes", ignore_pauses=True)

    run()
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t)
    print(json.dumps({"call": call, "seconds": best}))


def measure(call: str, threads: str | None) -> float:
    env = dict(os.environ)
    env.pop("SLACLOCK_THREADS", None)
    if threads is not None:
        env["SLACLOCK_THREADS"] = threads
    out = subprocess.run(
        [sys.executable, __file__, "--child", call], capture_output=True, text=True, check=True, env=env
    ).stdout
    return float(json.loads(out.strip().splitlines()[-1])["seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--child", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--calls", default=",".join(CALLS), help="the calls to time, comma-separated")
    args = parser.parse_args()
    calls = [c.strip() for c in args.calls.split(",")]
    unknown = [c for c in calls if c not in CALLS]
    if unknown:
        parser.error(f"unknown calls {unknown}; valid: {', '.join(CALLS)}")
    if args.child is not None:
        child(args.child)
        return 0
    print(f"cpus usable: {len(os.sched_getaffinity(0))}; each cell: best of {args.repeat} fresh processes")
    print(f"{'load':<18} {'call':<28} {'1 thread':>10} {'default':>10} {'1 / default':>12}")
    rows = []
    for busy in (0, 1, 2):
        loaders = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(busy)]
        try:
            time.sleep(1.0 if busy else 0)
            for call in calls:
                one = min(measure(call, "1") for _ in range(args.repeat))
                default = min(measure(call, None) for _ in range(args.repeat))
                load = "quiet" if not busy else f"{busy} busy process" + ("es" if busy > 1 else "")
                rows.append({"load": load, "call": call, "one": one, "default": default})
                print(f"{load:<18} {call:<28} {one * 1e3:>8.1f}ms {default * 1e3:>8.1f}ms {one / default:>11.2f}x")
        finally:
            for p in loaders:
                p.kill()
                p.wait()
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "threads-latest.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
