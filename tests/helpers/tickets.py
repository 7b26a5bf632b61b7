"""The generated help-desk tickets every engine is checked on (and the benchmarks time), and how results compare.

One contract, ``desk()``, with the clause shapes that travel in a table of cases: a target table chosen by an
attribute with a warning ladder (working hours), a workday resolution with a lead warning, and a window that opens
on another event. ``tickets(n, seed)`` gives ``n`` cases with missing events, attributes and a ticket id; the same
``(n, seed)`` gives the same table. Every engine's answer is compared with :meth:`Contract.evaluate` in memory by
:func:`assert_same_result`.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

import slaclock as sc

NOW = "2026-12-01T00:00"
HOURS = "09:00-12:00,13:30-18:00"


def desk() -> sc.Contract:
    return sc.Contract(
        "desk",
        [
            sc.Clause(
                "first_reply",
                [{"when": {"priority": "P1"}, "period": "1个工作小时"}, {"period": "4个工作小时"}],
                starts_on="received",
                met_by="replied",
                warn=[0.5, "30分钟"],
            ),
            sc.Clause("resolution", "5个工作日", starts_on="received", met_by="solved", warn_before="1个工作日"),
            sc.Clause("feedback", "7日", kind="window", starts_on="solved", met_by="feedback_given"),
        ],
        events=["received"],
        calendar=sc.CalendarSpec("CN", hours=HOURS),
    )


def tickets(n: int, seed: int = 3) -> pa.Table:
    """``n`` tickets received 2026-09-01..11-19 (National Day and its makeup Saturdays inside), some events missing."""
    rng = np.random.default_rng(seed)
    received = np.datetime64("2026-09-01T08:00") + rng.integers(0, 80 * 24 * 60, n).astype("timedelta64[m]")
    replied = received + rng.integers(1, 2 * 24 * 60, n).astype("timedelta64[m]")
    solved = received + rng.integers(60, 12 * 24 * 60, n).astype("timedelta64[m]")
    fed = solved + rng.integers(60, 10 * 24 * 60, n).astype("timedelta64[m]")
    cut = np.datetime64("2026-11-20T00:00")

    def some(x: np.ndarray, share: float) -> np.ndarray:
        x = x.astype("datetime64[us]")
        x[(rng.random(n) < share) | (x > cut)] = np.datetime64("NaT")
        return x

    solved_ = some(solved, 0.2)
    fed_ = some(fed, 0.5)
    fed_[np.isnat(solved_)] = np.datetime64("NaT")
    return pa.table(
        {
            "ticket": np.arange(n),
            "received": received.astype("datetime64[us]"),
            "replied": some(replied, 0.1),
            "solved": solved_,
            "feedback_given": fed_,
            "priority": np.array(["P1", "P2", "P3"])[rng.integers(0, 3, n)],
            "team": np.array(["a", "b"])[rng.integers(0, 2, n)],
        }
    )


def assert_same_result(expected: pa.Table, got: pa.Table, *, key: str = "ticket") -> None:
    """Every column of ``got`` equals ``expected``'s, row by row after sorting both by ``key`` (engines may reorder).

    Compared as Arrow values: instants as UTC microseconds (an engine may hand back another zone for the same
    instant), states as their text (a dictionary or a plain string column), everything else exactly.
    """
    assert sorted(got.column_names) == sorted(expected.column_names), (got.column_names, expected.column_names)
    assert got.num_rows == expected.num_rows
    order_e = np.argsort(np.asarray(expected.column(key)), kind="stable")
    order_g = np.argsort(np.asarray(got.column(key)), kind="stable")
    for name in expected.column_names:
        e, g = expected.column(name).take(order_e), got.column(name).take(order_g)
        e, g = _plain(e), _plain(g)
        assert e.equals(g), f"column {name!r} differs: first rows {e.slice(0, 3)} vs {g.slice(0, 3)}"


def _plain(col: pa.ChunkedArray) -> pa.ChunkedArray:
    t = col.type
    if pa.types.is_dictionary(t):
        return col.cast(t.value_type).cast(pa.string())
    if pa.types.is_large_string(t):
        return col.cast(pa.string())
    if pa.types.is_timestamp(t):
        return col.cast(pa.timestamp(t.unit, tz="UTC") if t.tz else t).cast(pa.int64())
    return col
