"""Side-by-side timings of slaclock's batch status (``Contract.evaluate``) against a Case loop, numpy and pandas.

Same rules as ``bench_calendar.py`` (whose helpers this script imports): everything is
measured in one run on one machine, every peer is reported as a ratio to slaclock
measured in the same run on the same rows (``peer time / slaclock time``: above 1
means slaclock is faster), and nothing asserts anything about speed.

The contract is a complaint desk's chain (as in seed 001): ``ack`` 24 hours from
``received`` (met by ``acknowledged``), ``solution`` 5 workdays from ``received``
(met by ``solved``, at risk 2 workdays before its due), and ``standard`` 10 workdays
from ``acknowledged`` (met by ``proposed``), extended to 30 workdays in all by a
``complex_notified`` notice. One row per case, one ``datetime64[us]`` column per event
(naive wall times in Asia/Shanghai), drawn from a seeded numpy Generator:
``received`` uniform over 2025-01-01..2026-10-31; ``acknowledged`` 0..48 h later;
``solved`` 0..20 days after ``received``; ``complex_notified`` for about 5% of the
acknowledged rows, 0..1 day after ``acknowledged`` (well before the standard due, as the
contract requires); ``proposed`` 0..25 days after ``acknowledged`` (after the notice on
extended rows). Some of each are NaT (not happened). ``now`` is 2026-12-20 00:00, and
no event is later.

Sections
--------
1. Evaluate: ``contract.evaluate(<dict of numpy columns>, now=...)`` at 1,000, 100,000
   and 1,000,000 rows, and on the same rows as a pandas DataFrame at the largest size,
   in ns per row. Peers on the same rows:

   * slaclock's own scalar path, ``contract.open`` + ``record`` / ``extend`` +
     ``status(now=...)`` per row in a Python loop (1,000 rows), checked against
     ``evaluate`` field by field: they must agree on every row;
   * a hand-rolled numpy version: ``received + 24 h``, ``np.busday_offset`` with the
     ``holidays.China`` days off as ``holidays=`` for the workday clauses, states by
     comparisons (every size);
   * the same with pandas ``CustomBusinessDay`` offsets for the workday clauses (fewer
     rows: pandas applies them one element at a time).

   "differ" is the share of rows on which any clause's state or due instant is unlike
   ``evaluate``'s; the notes break it down and give its causes.
2. Reference: ``sc.deadlines`` for the four limits ``evaluate`` counts (one pass each),
   the column engine's share of ``evaluate``'s time.
3. ``--scaling``: ``evaluate`` at 1,000 to 10,000,000 rows (to 1,000,000 with ``--quick``),
   each size in a fresh interpreter: ns per row (best of 5 repeats up to 100,000 rows,
   3 at 1,000,000 and at 10,000,000) and the process's peak resident memory (``VmHWM``)
   beside the bytes of the input columns and of the result, so growth that is not linear
   shows.

Run ``python benchmarks/bench_evaluate.py`` (``--quick`` for a smaller run, ``--json PATH``
to choose where the results go; default ``benchmarks/results/evaluate-latest.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
import warnings
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

import slaclock as sc
from slaclock._demo import seed_001

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
    optional_module,
    parse_args,
    render_titled,
    write_json,
)
from bench_deadlines import best_per_call, makeup_between, source_state  # noqa: E402

DEFAULT_JSON = HERE / "results" / "evaluate-latest.json"
FIRST_RECEIVED = np.datetime64("2025-01-01T00:00", "us")
STOP_RECEIVED = np.datetime64("2026-11-01T00:00", "us")  # received < this
NOW = np.datetime64("2026-12-20T00:00", "us")
NOW_DT = dt.datetime(2026, 12, 20)  # naive: wall time in the contract's zone
HOLIDAY_YEARS = range(2025, 2027)  # every start and every due lies in these years
EXTENDED_SHARE = 0.05
NAT_SHARE = {"acknowledged": 0.05, "solved": 0.10, "proposed": 0.10}
EXT_EVENT = "complex_notified"
EVENT_ORDER = ("received", "acknowledged", EXT_EVENT, "solved", "proposed")  # ties: recorded in this order
STATES = ("not_started", "running", "at_risk", "met", "breached")
CLAUSES = ("ack", "solution", "standard")
FIELDS = ("state", "due", "last_day", "overdue_by")
SEC = np.timedelta64(1, "s")
DAY = np.timedelta64(1, "D")


@dataclass(frozen=True)
class Config:
    """Sizes and repeat counts of one run."""

    sizes: tuple[int, ...]  # evaluate and the numpy peer run at every size (the last one is the largest)
    repeats: int
    loop_n: int  # the Case loop: a few hundred µs per row
    pandas_n: int  # pandas CustomBusinessDay: about 10 µs per element and offset
    loop_repeats: int  # the Case loop and pandas
    min_time: float  # seconds: a repeat of a short call times as many calls as fill this
    seed: int


FULL = Config((1_000, 100_000, 1_000_000), 7, 1_000, 20_000, 3, 0.01, 20260101)
QUICK = Config((1_000, 100_000), 5, 300, 5_000, 3, 0.002, 20260101)


def desk_contract() -> sc.Contract:
    return sc.Contract(
        "desk",
        [
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
            sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", warn_before="2个工作日"),
            sc.Clause(
                "standard",
                "10个工作日",
                starts_on="acknowledged",
                met_by="proposed",
                extension=sc.Extension("30个工作日", event=EXT_EVENT),
            ),
        ],
        events=["received"],
    )


def seed_contract(seed: str) -> sc.Contract:
    """Seed 001 with the blanks of docs/templates.md (nine clauses), or seed 003 as written (two deadlines in hours,
    two monthly clauses)."""
    if seed == "001":
        return seed_001()
    return sc.templates.customer_service_standards()


CONTRACTS_NAMED = {"desk": "desk", "001": "seed 001", "003": "seed 003"}
CONTRACTS: dict[str, Callable[[], sc.Contract]] = {
    "desk": desk_contract,
    "001": lambda: seed_contract("001"),
    "003": lambda: seed_contract("003"),
}


# -- inputs -------------------------------------------------------------------------------


def contract_events(contract: sc.Contract, rng: np.random.Generator, size: int) -> dict[str, np.ndarray]:
    """``size`` cases of any contract: each clause's ``met_by`` 0..15 days after its start (NaT for 40%, or where
    the start has not happened); events that meet no clause (the first receipt, escalations, delays, monthly
    starts) 0..10 days after a receipt drawn over 2025-01..2026-10 (the receipt itself, and half of the others,
    NaT); capped extensions noticed 0..1 day after their clause's start on 5% of rows, uncapped ones never (an
    uncapped extension in a batch is refused). Nothing after ``NOW``."""
    nat = np.datetime64("NaT", "us")
    span = int((STOP_RECEIVED - FIRST_RECEIVED) / SEC)
    received = FIRST_RECEIVED + rng.integers(0, span, size) * SEC

    def after(start: np.ndarray, days: float, share: float) -> np.ndarray:
        out = np.where(rng.random(size) < share, nat, start + rng.integers(0, int(days * 86_400) + 1, size) * SEC)
        return np.where(np.isnat(start), nat, out)

    met = {k.met_by for k in contract.clauses if k.met_by}
    met |= {k.extension.event for k in contract.clauses if k.extension is not None and k.extension.event}
    events: dict[str, np.ndarray] = {}
    for i, name in enumerate(contract.event_names):
        if name not in met:
            events[name] = received if i == 0 else after(received, 10, 0.5)
    for _ in contract.clauses:  # a clause's start may itself be another clause's met_by: settle in passes
        for k in contract.clauses:
            start = events.get(k.starts_on) if isinstance(k.starts_on, str) else received
            if start is None:
                continue
            if k.met_by and k.met_by not in events:
                events[k.met_by] = after(start, 15, 0.4)
            ext = k.extension
            if ext is not None and ext.event and ext.event not in events:
                capped = ext.cap is not None
                events[ext.event] = after(start, 1, 0.95) if capped else np.full(size, nat)
    for k in contract.clauses:  # a notice after the clause was met is refused, as a case refuses it
        if k.extension is not None and k.extension.event and k.met_by:
            notice = events[k.extension.event]
            notice[notice > events[k.met_by]] = nat
    for x in events.values():
        x[x > NOW] = nat
    return {name: events[name] for name in contract.event_names}


def random_events(rng: np.random.Generator, size: int) -> dict[str, np.ndarray]:
    """``size`` cases: one datetime64[us] column per event, NaT where it has not happened (see the module notes)."""
    nat = np.datetime64("NaT", "us")

    def seconds(hi: float) -> np.ndarray:
        return rng.integers(0, int(hi) + 1, size) * SEC

    def some_nat(x: np.ndarray, share: float) -> np.ndarray:
        return np.where(rng.random(size) < share, nat, x)

    span = int((STOP_RECEIVED - FIRST_RECEIVED) / SEC)
    received = FIRST_RECEIVED + rng.integers(0, span, size) * SEC
    acknowledged = some_nat(received + seconds(48 * 3600), NAT_SHARE["acknowledged"])
    solved = some_nat(received + seconds(20 * 86_400), NAT_SHARE["solved"])
    extended = (rng.random(size) < EXTENDED_SHARE) & ~np.isnat(acknowledged)
    notified = np.where(extended, acknowledged + seconds(86_400), nat)
    base = np.where(extended, notified, acknowledged)  # the proposal follows the notice on extended rows
    proposed = some_nat(base + seconds(25 * 86_400), NAT_SHARE["proposed"])
    events = {
        "received": received,
        "acknowledged": acknowledged,
        "solved": solved,
        "proposed": proposed,
        EXT_EVENT: notified,
    }
    for x in events.values():  # nothing after now (evaluate refuses it, as a case does)
        x[x > NOW] = nat
    for name in ("proposed", EXT_EVENT):  # nor a proposal or notice without the acknowledgement they follow
        events[name][np.isnat(events["acknowledged"])] = nat
    events["proposed"][events["proposed"] < events[EXT_EVENT]] = nat
    return events


def head(events: dict[str, np.ndarray], size: int) -> dict[str, np.ndarray]:
    return {k: v[:size] for k, v in events.items()}


# -- the Case loop ------------------------------------------------------------------------


def case_inputs(events: dict[str, np.ndarray]) -> list[list[tuple[str, dt.datetime]]]:
    """Each row's events as naive datetimes in time order (ties in EVENT_ORDER): what a case records."""
    cols = {k: events[k].astype(object).tolist() for k in EVENT_ORDER}  # NaT -> None
    rows = []
    for i in range(len(cols["received"])):
        present = [(cols[k][i], j, k) for j, k in enumerate(EVENT_ORDER) if cols[k][i] is not None]
        rows.append([(k, t) for t, _, k in sorted(present)])
    return rows


def case_loop(contract: sc.Contract, now: dt.datetime) -> Callable[[list[list[tuple[str, dt.datetime]]]], list[Any]]:
    """open + record (extend for the notice) + status, once per row, as a user's loop would."""

    def run(rows: list[list[tuple[str, dt.datetime]]]) -> list[Any]:
        out = []
        for (_, received), *rest in rows:
            case = contract.open(received_at=received)
            for name, at in rest:
                case = case.extend("standard", notified_at=at) if name == EXT_EVENT else case.record(name, at=at)
            out.append(case.status(now=now))
        return out

    return run


def case_columns(statuses: Sequence[Any], zone: Any) -> dict[str, np.ndarray]:
    """The Case statuses as evaluate's dict of columns (dues as naive wall times in the zone)."""

    def wall(t: Any) -> Any:
        return "NaT" if t is None else dt.datetime.fromisoformat(t.astimezone(zone).isoformat()).replace(tzinfo=None)

    out: dict[str, np.ndarray] = {}
    for c in CLAUSES:
        rows = [s[c] for s in statuses]
        out[f"{c}.state"] = np.array([r.state for r in rows])
        out[f"{c}.due"] = np.array([wall(r.due) for r in rows], dtype="datetime64[us]")
        out[f"{c}.last_day"] = np.array(["NaT" if r.last_day is None else r.last_day for r in rows], "datetime64[D]")
        out[f"{c}.overdue_by"] = np.array(
            [np.timedelta64("NaT") if r.overdue_by is None else r.overdue_by for r in rows], "timedelta64[us]"
        )
    return out


# -- hand-rolled peers --------------------------------------------------------------------


def same(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise equality where NaT equals NaT."""
    a, b = np.asarray(a), np.asarray(b)
    eq = a == b
    if a.dtype.kind in "mM":
        eq |= np.isnat(a) & np.isnat(b)
    return np.asarray(eq)


def states(started: np.ndarray, done: np.ndarray, due: np.ndarray, risk: np.ndarray | None = None) -> np.ndarray:
    """State labels by comparisons: met before the due, breached at or after it (or unmet at now), else running."""
    has_done = ~np.isnat(done)
    until = np.where(has_done, done, NOW)
    breached = started & (until >= due)
    met = started & has_done & ~breached
    codes = np.where(started, 1, 0).astype(np.int8)
    if risk is not None:
        codes[started & ~has_done & ~breached & risk] = 2
    codes[met] = 3
    codes[breached] = 4
    return np.asarray(STATES)[codes]


def hand_rolled(
    ev: dict[str, np.ndarray], workdays: Callable[[np.ndarray, int], np.ndarray], hol: np.ndarray
) -> dict[str, np.ndarray]:
    """The three clauses the way a user would write them; ``workdays(days, n)`` is the n-th business day after."""
    rec, ack, notified = ev["received"], ev["acknowledged"], ev[EXT_EVENT]
    everyone = np.ones(rec.size, dtype=bool)
    out: dict[str, np.ndarray] = {}
    due = rec + np.timedelta64(24, "h")
    out["ack.state"], out["ack.due"] = states(everyone, ev["acknowledged"], due), due
    last = workdays(rec.astype("datetime64[D]"), 5)
    due = (last + DAY).astype("datetime64[us]")
    today = NOW.astype("datetime64[D]")
    risk = np.busday_count(today, np.maximum(last + DAY, today), holidays=hol) <= 2  # 2 workdays left or fewer
    out["solution.state"], out["solution.due"] = states(everyone, ev["solved"], due, risk), due
    started = ~np.isnat(ack)
    day = ack.astype("datetime64[D]")
    ext = ~np.isnat(notified)
    last = workdays(day, 10)
    if ext.any():
        last[ext] = workdays(day[ext], 30)
    due = (last + DAY).astype("datetime64[us]")
    out["standard.state"], out["standard.due"] = states(started, ev["proposed"], due), due
    return out


def numpy_peer(hol: np.ndarray) -> Callable[[dict[str, np.ndarray]], dict[str, np.ndarray]]:
    def workdays(days: np.ndarray, n: int) -> np.ndarray:
        return np.busday_offset(days, n, roll="backward", holidays=hol)  # NaT stays NaT

    return lambda ev: hand_rolled(ev, workdays, hol)


def pandas_peer(pd: Any, hol: np.ndarray) -> Callable[[dict[str, np.ndarray]], dict[str, np.ndarray]]:
    text = [str(d) for d in hol]
    offsets = {n: pd.offsets.CustomBusinessDay(n=n, holidays=text) for n in (5, 10, 30)}

    def workdays(days: np.ndarray, n: int) -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Non-vectorized DateOffset being applied": that is what we measure
            return np.asarray((pd.DatetimeIndex(days) + offsets[n]).to_numpy().astype("datetime64[D]"))

    return lambda ev: hand_rolled(ev, workdays, hol)


@dataclass(frozen=True)
class Diff:
    """How a peer's states and dues differ from evaluate's, clause by clause."""

    rows: np.ndarray  # any clause's state or due differs
    state: dict[str, np.ndarray]
    due: dict[str, np.ndarray]

    @classmethod
    def of(cls, ours: dict[str, np.ndarray], theirs: dict[str, np.ndarray]) -> Diff:
        state = {c: ~same(ours[f"{c}.state"], theirs[f"{c}.state"]) for c in CLAUSES}
        due = {c: ~same(ours[f"{c}.due"], theirs[f"{c}.due"]) for c in CLAUSES}
        rows = np.zeros(next(iter(state.values())).size, dtype=bool)
        for c in CLAUSES:
            rows |= state[c] | due[c]
        return cls(rows, state, due)


# -- 1. evaluate --------------------------------------------------------------------------


def bench_evaluate(cfg: Config, events: dict[str, np.ndarray], report: Report) -> dict[str, Any]:
    section = "evaluate"
    contract = desk_contract()
    cal = contract.calendar()
    pd = optional_module("pandas")
    import holidays

    hol = np.array(sorted(holidays.China(years=HOLIDAY_YEARS)), dtype="datetime64[D]")
    largest = cfg.sizes[-1]

    def ours(ev: Any) -> Any:
        return contract.evaluate(ev, now=NOW_DT, calendar=cal)

    reference = ours(events)  # every answer, once, outside the timing
    summary: dict[str, Any] = {"ns_per_row": {}}
    label = "contract.evaluate(events, now=...)"
    peers: list[tuple[str, str, Callable[[Any], Any], Callable[[dict[str, np.ndarray]], Any], int, str]] = [
        (
            "numpy busday_offset, by hand",
            "numpy",
            numpy_peer(hol),
            lambda ev: ev,
            largest,
            "t + 24 h; busday_offset(.., roll='backward', holidays=holidays.China); states by comparisons",
        )
    ]
    if pd is not None:
        peers.append(
            (
                f"pandas {pd.__version__} CustomBusinessDay",
                "pandas",
                pandas_peer(pd, hol),
                lambda ev: ev,
                cfg.pandas_n,
                "as numpy, DatetimeIndex + CustomBusinessDay(n, holidays=..); per element",
            )
        )
    else:
        report.notes.append("pandas is not installed: its peers were skipped (pip install pandas).")
    loop = case_loop(contract, NOW_DT)
    peers.append(
        (
            "slaclock Case per row",
            "case",
            loop,
            case_inputs,
            cfg.loop_n,
            "contract.open + record/extend + status(now=..) in a Python loop",
        )
    )

    sizes = sorted({*cfg.sizes, *(min(cap, largest) for *_, cap, _ in peers)})
    diffs: dict[str, tuple[Diff, dict[str, np.ndarray], int]] = {}
    t_dict = 0.0
    for size in sizes:
        x = head(events, size)
        t_ours, _ = best_per_call(lambda x=x: ours(x), cfg.repeats, cfg.min_time)
        report.rows.append(Row(section, label, "slaclock, dict of numpy", size, cfg.repeats, t_ours, "ns/elem"))
        summary["ns_per_row"][size] = t_ours * 1e9 / size
        t_dict = t_ours
        for impl, kind, run, prepare, cap, note in peers:
            if size > cap or (size < cap and size not in cfg.sizes):
                continue
            prepared = prepare(x)
            reps = cfg.repeats if kind == "numpy" else cfg.loop_repeats
            t_theirs, result = (
                best_of(lambda p=prepared, r=run: r(p), reps)
                if kind == "case"
                else best_per_call(lambda p=prepared, r=run: r(p), reps, cfg.min_time)
            )
            theirs = case_columns(result, zoneinfo.ZoneInfo(cal.tz)) if kind == "case" else result
            diff = Diff.of(head(reference, size), theirs)
            report.rows.append(
                Row(
                    section,
                    label,
                    impl,
                    size,
                    reps,
                    t_theirs,
                    "ns/elem",
                    ratio=t_theirs / t_ours,
                    mismatch=float(diff.rows.mean()),
                    note=note if size in (cap, largest) else "",
                )
            )
            if size == min(cap, largest):
                diffs[kind] = (diff, theirs, size)
                summary[f"{kind}_ratio"] = t_theirs / t_ours
                summary[f"{kind}_differ"] = float(diff.rows.mean())
                summary[f"{kind}_rows"] = size
                summary[f"{kind}_ns_per_row"] = t_theirs * 1e9 / size
    if pd is not None:
        frame = pd.DataFrame(events)
        t_frame, out = best_per_call(lambda: ours(frame), cfg.repeats, cfg.min_time)
        report.rows.append(
            Row(
                section,
                label,
                "slaclock, pandas DataFrame",
                largest,
                cfg.repeats,
                t_frame,
                "ns/elem",
                ratio=t_frame / t_dict,
                mismatch=float(Diff.of(reference, frame_columns(out)).rows.mean()),
                note="x and differ: against the dict of numpy columns; states categorical, dues aware",
            )
        )
        summary["frame_ratio"] = t_frame / t_dict
    summary["case_agreement"] = case_agreement(events, reference, diffs["case"], report)
    for kind in ("numpy", "pandas"):
        if kind in diffs:
            report.notes.append(peer_causes(kind, cal, events, reference, *diffs[kind]))
    return summary


def frame_columns(out: Any) -> dict[str, np.ndarray]:
    """evaluate's pandas result as its dict result: states as str, dues as naive wall times."""
    cols = {}
    for c in CLAUSES:
        cols[f"{c}.state"] = out[f"{c}.state"].astype(str).to_numpy()
        cols[f"{c}.due"] = out[f"{c}.due"].dt.tz_localize(None).to_numpy().astype("datetime64[us]")
    return cols


def case_agreement(
    events: dict[str, np.ndarray],
    reference: dict[str, np.ndarray],
    case: tuple[Diff, dict[str, np.ndarray], int],
    report: Report,
) -> dict[str, Any]:
    """Every field of every clause, evaluate against the Case loop; the disagreeing rows printed in full."""
    _, theirs, size = case
    ours = head(reference, size)
    bad = np.zeros(size, dtype=bool)
    per_field = {}
    for c in CLAUSES:
        for f in FIELDS:
            key = f"{c}.{f}"
            differ = ~same(ours[key], theirs[key])
            per_field[key] = int(differ.sum())
            bad |= differ
    agree = size - int(bad.sum())
    states_seen = {c: dict(zip(*np.unique(ours[f"{c}.state"], return_counts=True), strict=True)) for c in CLAUSES}
    seen = "; ".join(f"{c} " + ", ".join(f"{k} {int(v)}" for k, v in s.items()) for c, s in states_seen.items())
    if agree == size:
        report.notes.append(
            f"evaluate vs the Case loop on the first {size:,} rows: {agree:,} of {size:,} rows agree (100%) on "
            f"state, due, last_day and overdue_by of all three clauses. States on those rows: {seen}."
        )
    else:
        fields = ", ".join(f"{k} {n}" for k, n in per_field.items() if n)
        report.notes.append(
            f"MISMATCH: evaluate vs the Case loop on the first {size:,} rows: only {agree:,} of {size:,} rows agree "
            f"({agree / size:.2%}); differing values by field: {fields}. The rows are listed after the table."
        )
    lines = []
    for i in np.flatnonzero(bad)[:20]:
        evs = ", ".join(f"{k} {events[k][i]}" for k in EVENT_ORDER if not np.isnat(events[k][i]))
        lines.append(f"row {i}: {evs}")
        for key in per_field:
            if not same(ours[key][i : i + 1], theirs[key][i : i + 1])[0]:
                lines.append(f"    {key}: evaluate {ours[key][i]!s}, Case {theirs[key][i]!s}")
    return {"rows": size, "agree": agree, "per_field": per_field, "disagreeing": lines}


def peer_causes(
    kind: str,
    cal: sc.WorkCalendar,
    events: dict[str, np.ndarray],
    reference: dict[str, np.ndarray],
    diff: Diff,
    theirs: dict[str, np.ndarray],
    size: int,
) -> str:
    """Per clause, how many states and dues differ, how many dues are explained by a makeup workday, an example."""
    ours = head(reference, size)
    between = makeup_between(cal)
    days = all_days()
    makeup = days[cal.is_workday(days) & ~np.is_busday(days, weekmask="1111100")]
    starts = {"ack": "received", "solution": "received", "standard": "acknowledged"}
    parts = []
    for c in CLAUSES:
        n_state, n_due = int(diff.state[c].sum()), int(diff.due[c].sum())
        if not (n_state or n_due):
            parts.append(f"{c}: 0 states, 0 dues differ")
            continue
        start = events[starts[c]][:size].astype("datetime64[D]")
        a, b = ours[f"{c}.due"], theirs[f"{c}.due"]
        later = np.maximum(a, b).astype("datetime64[D]")
        bad = diff.due[c]
        explained = int(between(start[bad], later[bad]).sum())
        only_state = int((diff.state[c] & ~bad).sum())
        text = (
            f"{c}: {n_state:,} states ({n_state / size:.2%}) and {n_due:,} dues ({n_due / size:.2%}) differ, "
            f"{explained:,} of the dues with a makeup workday between the start day and the later due"
        )
        if only_state:
            text += f", {only_state:,} states without a due difference"
        if n_due:
            i = int(np.argmax(bad))
            inside = makeup[(makeup >= start[i]) & (makeup < later[i])]
            names = ", ".join(f"{d} ({d.item():%a})" for d in inside) or "none"
            text += (
                f"; e.g. row {i}: {starts[c]} {events[starts[c]][i]}, evaluate due {a[i]} ({ours[f'{c}.state'][i]}), "
                f"{kind} {b[i]} ({theirs[f'{c}.state'][i]}); makeup workdays in between: {names}"
            )
        parts.append(text)
    return f"{kind} peer on {size:,} rows: " + "; ".join(parts) + "."


# -- 2. reference -------------------------------------------------------------------------


def bench_reference(cfg: Config, events: dict[str, np.ndarray], report: Report, summary: dict[str, Any]) -> None:
    cal = desk_contract().calendar()
    largest = cfg.sizes[-1]
    rec, ack = events["received"], events["acknowledged"]

    def passes() -> list[Any]:
        return [
            sc.deadlines(rec, "24小时", calendar=cal),
            sc.deadlines(rec, "5个工作日", calendar=cal),
            sc.deadlines(ack, "10个工作日", calendar=cal),
            sc.deadlines(ack, "30个工作日", calendar=cal),
        ]

    t, _ = best_per_call(passes, cfg.repeats, cfg.min_time)
    ours = summary["ns_per_row"][largest] * largest / 1e9
    report.rows.append(
        Row(
            "reference",
            "sc.deadlines x 4: 24小时, 5 / 10 / 30个工作日",
            "slaclock",
            largest,
            cfg.repeats,
            t,
            "ns/elem",
            ratio=t / ours,
            note="the column engine passes evaluate makes, without its checks and states",
        )
    )
    summary["deadlines_share"] = t / ours


# -- output -------------------------------------------------------------------------------


def reading(cfg: Config, summary: dict[str, Any]) -> list[str]:
    largest = cfg.sizes[-1]
    ns = summary["ns_per_row"][largest]
    agree = summary["case_agreement"]
    lines = [
        f"evaluate on {largest:,} rows: {ns:,.0f} ns per case ({ns * largest / 1e9:.2f} s for all of them, "
        f"three clauses, four columns each); the four sc.deadlines passes inside it are "
        f"{summary['deadlines_share']:.0%} of that.",
        f"The Case loop (the scalar path) costs {summary['case_ns_per_row'] / 1e3:,.0f} µs per case: evaluate is "
        f"{summary['case_ratio']:,.0f}x faster on the same {summary['case_rows']:,} rows, and agrees on "
        f"{agree['agree']:,} of {agree['rows']:,} rows"
        + (" (100%)." if agree["agree"] == agree["rows"] else " -- NOT ALL: see the rows listed above."),
        f"The hand-rolled numpy version runs at {summary['numpy_ratio']:.2g}x evaluate's time on {largest:,} rows "
        f"and gets {summary['numpy_differ']:.2%} of the cases wrong (a state or due unlike evaluate's): "
        "holidays.China lists the days off but not the weekend makeup workdays (调休上班), so a count across one "
        "lands a workday late.",
    ]
    if "pandas_ratio" in summary:
        lines.append(
            f"pandas CustomBusinessDay: {summary['pandas_ratio']:,.0f}x evaluate's time on "
            f"{summary['pandas_rows']:,} rows, {summary['pandas_differ']:.2%} of the cases wrong, for the same reason. "
            f"evaluate on a DataFrame costs {summary['frame_ratio']:.2f}x the dict of numpy columns "
            "(reading the columns, and building categorical states and aware dues)."
        )
    return lines


SCALING_SIZES = (1_000, 10_000, 100_000, 1_000_000, 10_000_000)


def vm_hwm_bytes() -> int:
    """This process's peak resident memory (``VmHWM``: unlike ``ru_maxrss``, not inherited from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0  # pragma: no cover - not Linux


def scaling_child(
    size: int,
    seed: int,
    which: str = "desk",
    states: str = "text",
    fields: str = "",
    frame: str = "mapping",
    days: str = "dates",
) -> None:
    """One size of ``--scaling`` (or ``--seeds``), in this (fresh) process: prints one JSON line.

    ``frame``: the events as a mapping of numpy columns, or a pandas, polars or pyarrow table made from them (the
    mapping dropped, so the input counted is the table); the result is then a table of the same kind.
    """
    contract = CONTRACTS[which]()
    rng = np.random.default_rng(seed)
    columns = random_events(rng, size) if which == "desk" else contract_events(contract, rng, size)
    inputs = sum(v.nbytes for v in columns.values())
    events = as_frame(columns, frame)
    del columns
    options: dict[str, Any] = {"now": NOW, "ignore_pauses": True}
    if states != "text":  # the default: so that a commit without states= can be measured the same way
        options["states"] = states
    if fields:
        options["fields"] = fields.split(",")
    if days != "dates":  # the default, as states above
        options["days"] = days
    contract.evaluate(first_rows(events, min(size, 1_000)), **options)  # warm-up: imports, calendar, tables
    before = vm_hwm_bytes()
    repeats = 5 if size <= 100_000 else 3  # best of 3 at 10M too: one call there spread 0.5-0.8 µs a case
    best, shapes, outputs = float("inf"), [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        out = contract.evaluate(events, **options)
        best = min(best, time.perf_counter() - start)
        outputs = table_bytes(out)
        if frame == "mapping":
            shapes = [np.asarray(v).dtype for v in out.values()]
            shapes += [np.dtype(bool) for v in out.values() if isinstance(v, np.ma.MaskedArray)]  # the masks
        del out
    peak = vm_hwm_bytes()
    # the floor: the result's bytes written once into fresh memory (what any evaluate must at least do)
    floor = float("inf")
    for _ in range(repeats if shapes else 0):
        start = time.perf_counter()
        arrays = [np.empty(size, dtype=d) for d in shapes]
        for a in arrays:
            a.fill(1)
        floor = min(floor, time.perf_counter() - start)
        del arrays
    print(
        json.dumps(
            {
                "size": size,
                "frame": frame,
                "repeats": repeats,
                "seconds": best,
                "floor_seconds": floor if shapes else None,
                "peak": peak,
                "before": before,
                "inputs": inputs,
                "outputs": outputs,
            }
        )
    )


FRAMES = ("mapping", "pandas", "polars", "pyarrow")


def as_frame(columns: dict[str, np.ndarray], frame: str) -> Any:
    """The event columns as ``frame``: the mapping itself, or a pandas, polars or pyarrow table of them."""
    if frame == "pandas":
        import pandas as pd

        return pd.DataFrame(columns)
    if frame == "polars":
        import polars as pl

        return pl.DataFrame(columns)
    if frame == "pyarrow":  # pyarrow alone: pa.table(numpy columns) goes through pandas, importing it (46 MiB)
        import pyarrow as pa

        def arrow(v: np.ndarray) -> Any:  # from buffers: pa.array(a numpy array) imports pandas too
            assert v.dtype.kind == "M", v.dtype
            valid = ~np.isnat(v)  # NaT as nulls, as a Parquet reader gives them
            bits = pa.py_buffer(np.packbits(valid, bitorder="little"))
            kind = pa.timestamp(np.datetime_data(v.dtype)[0])
            return pa.Array.from_buffers(kind, v.size, [bits, pa.py_buffer(v.view(np.int64))])  # shared, not copied

        return pa.Table.from_arrays([arrow(v) for v in columns.values()], names=list(columns))
    return columns


def first_rows(events: Any, n: int) -> Any:
    if isinstance(events, dict):
        return head(events, n)
    if hasattr(events, "iloc"):
        return events.iloc[:n]
    return events.slice(0, n)


def table_bytes(out: Any) -> int:
    """The bytes of evaluate's result: its numpy columns (and masks), or the table's buffers."""
    if isinstance(out, dict):
        return sum(
            np.asarray(v).nbytes + (v.mask.nbytes if isinstance(v, np.ma.MaskedArray) else 0) for v in out.values()
        )
    if hasattr(out, "memory_usage"):  # pandas
        return int(out.memory_usage(index=False, deep=False).sum())
    if hasattr(out, "estimated_size"):  # polars
        return int(out.estimated_size())
    return int(out.nbytes)  # pyarrow


def bench_scaling(
    sizes: Sequence[int],
    seed: int,
    report: Report,
    which: str = "desk",
    states: str = "text",
    frame: str = "mapping",
    fields: str = "",
) -> list[dict[str, Any]]:
    section = "scaling" if which == "desk" and states == "text" else f"scaling {which} states={states}"
    if frame != "mapping" or fields:
        section += f" {frame}" + (f" fields={fields}" if fields else "")
    found = []
    for size in sizes:
        child = ["--scaling-child", str(size), "--seed", str(seed), "--contract", which, "--states", states]
        child += ["--frame", frame] + (["--fields", fields] if fields else [])
        run = subprocess.run(
            [sys.executable, __file__, *child],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(run.stdout.strip().splitlines()[-1])
        found.append(r)
        mib = 2**20
        report.rows.append(
            Row(
                section,
                f"{CONTRACTS_NAMED[which]}.evaluate(<{frame}>, now=..., states={states!r})",
                "slaclock, fresh process",
                size,
                r["repeats"],
                r["seconds"],
                "ns/elem",
                note=f"peak {r['peak'] / mib:,.0f} MiB (before the calls {r['before'] / mib:,.0f}; inputs "
                f"{r['inputs'] / mib:,.0f}, result {r['outputs'] / mib:,.0f})"
                + (
                    f"; floor (the result written once into fresh memory) {r['floor_seconds'] / size * 1e9:,.0f} "
                    f"ns/row, {r['seconds'] / r['floor_seconds']:.1f}x"
                    if r["floor_seconds"]
                    else ""
                ),
            )
        )
    first = next((r for r in found if r["size"] == 1_000_000), found[0])  # the 10M-over-1M ratio
    per = {r["size"]: r["seconds"] / r["size"] for r in found}
    report.notes.append(
        f"Scaling ({section}): ns per row by size "
        + ", ".join(f"{s:,} {v * 1e9:.0f}" for s, v in per.items())
        + f"; the largest size's time per row is {per[found[-1]['size']] / per[first['size']]:.2f}x that at "
        f"{first['size']:,}."
    )
    return found


def render(report: Report) -> str:
    m = report.machine
    return render_titled(
        report,
        "slaclock batch evaluate benchmark",
        f"python {m['python']}, slaclock {m['slaclock']}, numpy {m['numpy']}, pandas {m['pandas']}, "
        f"holidays {m['holidays']}; source {m['commit']}",
    )


def main(argv: Sequence[str] | None = None) -> int:
    extra = argparse.ArgumentParser(add_help=False, allow_abbrev=False)  # --seed is not --seeds
    extra.add_argument("--scaling", action="store_true")
    extra.add_argument("--scaling-child", type=int, default=None)
    extra.add_argument("--seeds", action="store_true")
    extra.add_argument("--frames", action="store_true", help="seed 001 from and into pandas, polars and pyarrow")
    extra.add_argument("--contract", choices=tuple(CONTRACTS), default="desk")
    extra.add_argument("--states", choices=("text", "codes"), default="text")
    extra.add_argument("--fields", default="", help="with --scaling-child: the fields= of evaluate, comma-separated")
    extra.add_argument("--frame", choices=FRAMES, default="mapping", help="with --scaling-child: the events' kind")
    extra.add_argument("--days", choices=("dates", "date32"), default="dates", help="with --scaling-child: days=")
    own, rest = extra.parse_known_args(sys.argv[1:] if argv is None else list(argv))
    summary_line = __doc__.splitlines()[0] if __doc__ else ""
    args = parse_args(
        rest,
        default_json=DEFAULT_JSON,
        quick_help="smaller inputs and fewer repeats (1,000 and 100,000 rows; 300 for the Case loop)",
        description=summary_line,
    )
    cfg = QUICK if args.quick else FULL
    if args.seed is not None:
        cfg = Config(**{**asdict(cfg), "seed": args.seed})
    if own.scaling_child is not None:
        scaling_child(own.scaling_child, cfg.seed, own.contract, own.states, own.fields, own.frame, own.days)
        return 0
    rng = np.random.default_rng(cfg.seed)
    report = Report(
        {**machine_info(), **dist_versions("pyarrow"), "commit": source_state()},
        {
            **asdict(cfg),
            "quick": args.quick,
            "now": str(NOW),
        },
    )
    events = random_events(rng, cfg.sizes[-1])
    extended = ~np.isnat(events[EXT_EVENT])
    report.notes.append(
        f"Inputs: {cfg.sizes[-1]:,} cases, events as datetime64[us] wall times (Asia/Shanghai); NaT: "
        + ", ".join(f"{k} {np.isnat(v).mean():.1%}" for k, v in events.items() if k != "received")
        + f" ({extended.mean():.1%} extended by {EXT_EVENT}); now {NOW}. Smaller sizes are the first rows. "
        "elem = one row (a case with three clauses). Peers give state and due only; evaluate also gives "
        "last_day and overdue_by."
    )
    summary = bench_evaluate(cfg, events, report)
    bench_reference(cfg, events, report, summary)
    if own.scaling:
        sizes = [s for s in SCALING_SIZES if not args.quick or s <= 1_000_000]
        summary["scaling"] = bench_scaling(sizes, cfg.seed, report)
        summary["scaling_codes"] = bench_scaling(sizes, cfg.seed, report, "desk", "codes")
    if own.seeds:
        sizes = [1_000_000] if args.quick else [1_000_000, 10_000_000]
        summary["seeds"] = {
            f"{which} {states}": bench_scaling(sizes, cfg.seed, report, which, states)
            for which in ("001", "003")
            for states in ("codes", "text")
        }
    if own.frames:  # seed 001's issue-18 columns, from and into each kind of table
        sizes = [1_000_000] if args.quick else [1_000_000, 10_000_000]
        wide = "state,due,last_day,overdue_by"
        found = {frame: bench_scaling(sizes, cfg.seed, report, "001", "codes", frame, wide) for frame in FRAMES}
        summary["frames"] = found
        for i, size in enumerate(sizes):
            base = found["mapping"][i]["seconds"]
            report.notes.append(
                f"Seed 001, {wide}, codes, {size:,} cases, each kind's time over the mapping's in the same run: "
                + ", ".join(f"{frame} {found[frame][i]['seconds'] / base:.2f}x" for frame in FRAMES[1:])
                + "; peaks "
                + ", ".join(f"{frame} {found[frame][i]['peak'] / 2**20:,.0f} MiB" for frame in FRAMES)
                + "."
            )
    lines = reading(cfg, summary)
    print(render(report))
    disagreeing = summary["case_agreement"]["disagreeing"]
    if disagreeing:
        print("\nROWS ON WHICH evaluate AND THE Case LOOP DISAGREE (first 20):")
        print("\n".join(disagreeing))
    print("\nreading:")
    print("\n".join(f"- {line}" for line in lines))
    write_json(report, args.json)
    payload = json.loads(args.json.read_text(encoding="utf-8"))
    payload["summary"] = {**summary, "ns_per_row": {str(k): v for k, v in summary["ns_per_row"].items()}}
    payload["reading"] = lines
    args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(f"\nresults written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
