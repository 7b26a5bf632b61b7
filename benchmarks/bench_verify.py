"""``contract.verify()`` on each seed template over the whole official CN calendar: timelines, seconds, peak memory.

Each template (blanks filled with the seeds' own numbers where stated, the docs' examples elsewhere: seed 001
with ``slaclock._demo.SEED_001_BLANKS``, the others with ``slaclock.strategies._BLANKS``) and two planted
defects (seed 001 with ``proposal="8个工作日"``; a 10-day limit capped at 14 days) are verified in a fresh
interpreter each, so the peak resident memory (``VmHWM``) is that run's alone: every start instant of
2004-01-01 .. 2026-12-31 at the resolution (default 15 minutes: 8,401 days x 96 = 806,496 starts).

The time is one call of ``contract.verify(resolution=...)`` after a small warm-up call (imports, calendar
tables), best of ``--repeats``. Nothing here asserts anything about speed.

Run ``python benchmarks/bench_verify.py`` (``--resolution 1小时`` for a quicker run, ``--json PATH`` to keep the
figures; default ``benchmarks/results/verify-latest.json``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ("000", "001", "002-0", "002-1", "002-2", "003", "004", "001-planted", "cap-planted")


def contract_for(which: str) -> Any:
    import slaclock as sc
    from slaclock._demo import SEED_001_BLANKS
    from slaclock.strategies import _seed_contract

    if which == "001-planted":
        return sc.templates.service_quality_complaint(**{**SEED_001_BLANKS, "proposal": "8个工作日"})
    if which == "cap-planted":
        clause = sc.Clause(
            "repair", "10日", starts_on="received", met_by="repaired", extension=sc.Extension("14日", event="delayed")
        )
        return sc.Contract("repairs", [clause], events=["received"])
    seed, _, k = which.partition("-")
    return _seed_contract((seed, int(k or 0)))


def vm_hwm_bytes() -> int:
    """This process's peak resident memory (``VmHWM``: unlike ``ru_maxrss``, not inherited from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0  # pragma: no cover - not Linux


def child(which: str, resolution: str, repeats: int) -> None:
    contract = contract_for(which)
    contract.verify(resolution="24小时", first="2026-01-01", last="2026-01-31")  # warm-up
    before = vm_hwm_bytes()
    best, report = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        report = contract.verify(resolution=resolution)
        best = min(best, time.perf_counter() - start)
    assert report is not None
    horizon = sum(n.count or 0 for n in report.not_checked if n.what == "starts")
    print(
        json.dumps(
            {
                "template": which,
                "contract": contract.name,
                "timelines": report.checked,
                "not_checked": horizon,
                "seconds": best,
                "peak_mib": vm_hwm_bytes() / 2**20,
                "before_mib": before / 2**20,
                "failed": [f"{r.name} ({r.failed:,})" for r in report.failed],
            },
            ensure_ascii=False,
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resolution", default="15分钟")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--only", nargs="*", default=list(TEMPLATES))
    ap.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "verify-latest.json"))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.resolution, args.repeats)
        return
    rows = []
    for which in args.only:
        argv = ["--child", which, "--resolution", args.resolution, "--repeats", f"{args.repeats}"]
        run = subprocess.run(
            [sys.executable, __file__, *argv],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(run.stdout.strip().splitlines()[-1]))
    head = f"{'template':<12} {'contract':<28} {'timelines':>10} {'not checked':>11} {'seconds':>8} {'peak MiB':>9}"
    head += "  failed"
    print(f"contract.verify(resolution={args.resolution!r}) over 2004-01-01 .. 2026-12-31, one fresh process each")
    print(head)
    for r in rows:
        print(
            f"{r['template']:<12} {r['contract']:<28} {r['timelines']:>10,} {r['not_checked']:>11,} "
            f"{r['seconds']:>8.2f} {r['peak_mib']:>9,.0f}  {', '.join(r['failed']) or '-'}"
        )
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"resolution": args.resolution, "rows": rows}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
