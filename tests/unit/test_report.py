"""``sc.report``: hand-counted figures in each output kind, months across a year end, refusals.

Also evaluate's columns for it: ``<clause>.start``, ``<clause>.took`` and ``keep=``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import slaclock as sc
from slaclock._contracts import report_read
from slaclock.errors import InvalidInputError

H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)

DESK = sc.Contract(
    "desk",
    [
        sc.Clause("reply", "4个工作小时", starts_on="received", met_by="replied"),
        sc.Clause("fix", "2个工作日", starts_on="received", met_by="solved"),
    ],
    events=["received"],
    calendar=sc.CalendarSpec("CN", hours="09:00-12:00,13:00-18:00"),
)
# CN around the year end: 12-31 (Wed) works, 01-01..01-03 rest, 01-04 (Sunday) is a makeup workday, 01-05 Monday.
EVENTS = {
    "team": ["a", "a", "b", "b", "a", "a"],
    "received": [
        "2025-12-30T10:00",  # reply due 15:00, replied 11:30: met, took 1:30; fix: solved on the makeup Sunday
        "2025-12-31T09:00",  # reply due 14:00, replied 16:00 (6 working hours): breached by 2 h; fix met in 2 workdays
        "2025-12-31T17:00",  # reply due 01-04 12:00 (1 h on 12-31, 3 h on the makeup Sunday): open, breached at now
        "2026-01-05T09:00",  # reply met in 30 minutes; fix running
        "2026-01-05T08:00",  # reply due 14:00: running at now
        None,  # not started
    ],
    "replied": ["2025-12-30T11:30", "2025-12-31T16:00", None, "2026-01-05T09:30", None, None],
    "solved": ["2026-01-04T10:00", "2026-01-05T09:00", None, None, None, None],
}
NOW = "2026-01-05T10:00"

# reply by team and month: (team, month, cases, met, breached, running, closed, rate, rate_all, unit, took_p50,
# took_p90 (working hours), overdue)
REPLY = [
    ("a", dt.date(2025, 12, 1), 2, 1, 1, 0, 0, 0.5, 0.5, "working_hours", 1.5, 1.5, 2 * H),
    ("a", dt.date(2026, 1, 1), 1, 0, 0, 1, 0, None, 0.0, "working_hours", None, None, 0 * H),
    ("b", dt.date(2025, 12, 1), 1, 0, 1, 0, 0, 1.0, 1.0, "working_hours", None, None, 22 * H),  # now - 01-04 12:00
    ("b", dt.date(2026, 1, 1), 1, 1, 0, 0, 0, 0.0, 0.0, "working_hours", 0.5, 0.5, 0 * H),
]


def events_as(kind: str) -> Any:
    cols = {
        k: (np.array(v) if k == "team" else np.array([x or "NaT" for x in v], "datetime64[us]"))
        for k, v in EVENTS.items()
    }
    if kind == "pandas":
        return pd.DataFrame(cols)
    if kind == "polars":
        return pl.DataFrame(cols)
    if kind == "pyarrow":
        return pa.table(cols)
    return cols


def plain(v: Any) -> Any:
    """A value of any kind as a plain Python one: None for every missing value."""
    if isinstance(v, np.generic):
        v = v.item()
    if v is None or v is pd.NaT or v is np.ma.masked or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, pd.Timedelta):
        return v.to_pytimedelta()
    if isinstance(v, pd.Timestamp | dt.datetime):
        return v.date()
    return v


def rows(out: Any) -> list[dict[str, Any]]:
    if isinstance(out, pd.DataFrame):
        records = out.to_dict("records")
    elif isinstance(out, pl.DataFrame):
        records = out.to_dicts()
    elif isinstance(out, pa.Table):
        records = out.to_pylist()
    else:
        records = [dict(zip(out, values, strict=True)) for values in zip(*out.values(), strict=True)]
    return [{k: plain(v) for k, v in r.items()} for r in records]


@pytest.mark.parametrize("kind", ["mapping", "pandas", "polars", "pyarrow"])
def test_reply_by_team_and_month_across_the_year_end(kind: str) -> None:
    results = DESK.evaluate(events_as(kind), now=NOW, keep="team")
    out = sc.report(results, by="team", period="month", clauses="reply", contract=DESK)
    assert type(out) is type(results)  # the kind in is the kind out
    names = ["clause", "team", "period", "cases", "met", "breached", "running", "closed", "breach_rate"]
    names += ["breach_rate_all", "unit", "took_p50", "took_p90", "overdue"]
    assert [tuple(r.values()) for r in rows(out)] == [("reply", *row) for row in REPLY]
    assert list(rows(out)[0]) == names


@pytest.mark.parametrize("kind", ["mapping", "pandas", "polars", "pyarrow"])
def test_workday_counts_and_the_whole_table(kind: str) -> None:
    results = DESK.evaluate(events_as(kind), now=NOW, keep=["team"])
    out = rows(sc.report(results, clauses=["fix"], quantiles=(0.5,), contract=DESK))
    # fix: row 0 took 12-31 and the makeup Sunday (2), row 1 the Sunday and Monday (2); rows 2, 3, 4 run
    assert out == [
        {
            "clause": "fix",
            "cases": 5,
            "met": 2,
            "breached": 0,
            "running": 3,
            "closed": 0,
            "breach_rate": 0.0,
            "breach_rate_all": 0.0,
            "unit": "workdays",
            "took_p50": 2.0,
            "overdue": dt.timedelta(0),
        }
    ]


def test_evaluate_gives_start_took_and_kept_columns() -> None:
    r = DESK.evaluate(events_as("pandas"), now=NOW, keep="team")
    assert list(r.columns[:1]) == ["team"]
    assert str(r["fix.took"].dtype) == "Int64"
    assert r["fix.took"].tolist()[:2] == [2, 2]
    assert r["fix.took"].isna().tolist()[2:] == [True] * 4
    assert r["reply.took"].tolist()[:2] == [pd.Timedelta(minutes=90), pd.Timedelta(hours=6)]
    assert r["reply.start"].iloc[2] == pd.Timestamp("2025-12-31T17:00", tz="Asia/Shanghai")
    assert r["reply.start"].isna().tolist() == [False] * 5 + [True]
    m = DESK.evaluate(events_as("mapping"), now=NOW, keep="team")
    took = m["fix.took"]
    assert isinstance(took, np.ma.MaskedArray)
    assert took.dtype == np.int64
    assert took.mask.tolist() == [False, False, True, True, True, True]
    assert took.data.tolist() == [2, 2, -1, -1, -1, -1]  # a dropped mask shows: a count is never negative
    assert m["team"].tolist() == EVENTS["team"]
    assert pl.DataFrame(events_as("polars")).pipe(lambda t: DESK.evaluate(t, now=NOW))["fix.took"].dtype == pl.Int64
    assert DESK.evaluate(events_as("pyarrow"), now=NOW).schema.field("fix.took").type == pa.int64()


def test_days_took_counts_from_the_deemed_day() -> None:
    # art. 201: done the next day took 1 day; the same day 0. A Saturday start is deemed received on Monday under
    # deemed_receipt, so done on the Saturday took 0, never -2.
    c = sc.Contract(
        "days",
        [sc.Clause("cure", "7日", starts_on="received", met_by="cured")],
        events=["received"],
        convention=sc.Convention.deemed_receipt("18:00"),
    )
    t = {
        "received": np.array(
            ["2026-03-02T10:00", "2026-03-02T19:00", "2026-03-07T10:00", "2026-03-02T10:00"], "M8[us]"
        ),
        "cured": np.array(["2026-03-03T09:00", "2026-03-03T09:00", "2026-03-07T11:00", "2026-03-02T23:00"], "M8[us]"),
    }
    took = c.evaluate(t, now="2026-03-10T00:00")["cure.took"]
    assert took.tolist() == [1, 0, 0, 0]  # 19:00 is after the 18:00 cut-off: deemed received 03-03


def test_keep_refusals() -> None:
    t = events_as("mapping")
    with pytest.raises(InvalidInputError, match=r"no column 'teem'.*did you mean 'team'"):
        DESK.evaluate(t, now=NOW, keep=["teem"])
    with pytest.raises(InvalidInputError, match="name of a result column"):
        DESK.evaluate({**t, "reply.state": t["team"]}, now=NOW, keep=["reply.state"])
    with pytest.raises(InvalidInputError, match="twice"):
        DESK.evaluate(t, now=NOW, keep=["team", "team"])
    with pytest.raises(InvalidInputError, match="keep must be"):
        DESK.evaluate(t, now=NOW, keep=3)


def test_groups_sort_with_missing_last_and_pandas_categories_in_their_order() -> None:
    t = events_as("pandas")
    t["priority"] = pd.Categorical(["P2", "P1", None, "P2", "P1", "P1"], categories=["P2", "P1"])
    r = DESK.evaluate(t, now=NOW, keep=["priority"])
    out = sc.report(r, by="priority", clauses="reply")
    assert out["priority"].tolist()[:2] == ["P2", "P1"]  # the categories' order
    assert pd.isna(out["priority"].iloc[2])
    assert out["cases"].tolist() == [2, 2, 1]  # P2: rows 0, 3; P1: rows 1, 4 (row 5 has not started)
    assert isinstance(out["priority"].dtype, pd.CategoricalDtype)  # the key keeps its type
    m = DESK.evaluate(events_as("mapping"), now=NOW)
    m["prio"] = np.array([2.0, 1.0, np.nan, 2.0, 1.0, 1.0])
    assert sc.report(m, by="prio", clauses="reply")["cases"].tolist() == [2, 2, 1]  # 1.0, 2.0, then NaN
    p = pl.from_pandas(t).with_columns(pl.col("priority").cast(pl.Enum(["P2", "P1"])))
    by_enum = sc.report(DESK.evaluate(p, now=NOW, keep="priority"), by="priority", clauses="reply")
    assert by_enum["priority"].to_list() == ["P2", "P1", None]


@pytest.mark.parametrize(
    ("period", "firsts"),
    [
        ("day", ["2025-12-30", "2025-12-31", "2026-01-05"]),
        ("week", ["2025-12-29", "2026-01-05"]),  # weeks start on Monday
        ("quarter", ["2025-10-01", "2026-01-01"]),
        ("year", ["2025-01-01", "2026-01-01"]),
    ],
)
def test_periods(period: str, firsts: list[str]) -> None:
    r = DESK.evaluate(events_as("mapping"), now=NOW)
    out = sc.report(r, period=period, clauses="reply")  # type: ignore[arg-type]
    assert out["period"].astype(str).tolist() == firsts
    assert out["cases"].sum() == 5


def test_the_period_is_read_in_the_columns_wall_time() -> None:
    # 2025-12-31 17:00 in Shanghai is 09:00 UTC: a column in UTC puts it in December too, 23:30 UTC in January
    r = DESK.evaluate(events_as("pandas"), now=NOW)
    r["reply.start"] = r["reply.start"].dt.tz_convert("America/Los_Angeles")  # 12-30 10:00 CST is 12-29 18:00 PST
    out = sc.report(r, period="day", clauses="reply")
    assert [str(d.date()) for d in out["period"]] == ["2025-12-29", "2025-12-30", "2025-12-31", "2026-01-04"]


def test_no_rows_and_nothing_started() -> None:
    nothing = np.array([], "M8[us]")
    empty = DESK.evaluate({"received": nothing, "replied": nothing, "solved": nothing}, now=NOW)
    out = sc.report(empty, period="month", clauses="reply")
    assert {k: len(v) for k, v in out.items()} == dict.fromkeys(out, 0)
    nat = np.array(["NaT"], "M8[us]")
    none = DESK.evaluate({"received": nat, "replied": nat, "solved": nat}, now=NOW)
    assert len(sc.report(none, quantiles=())["clause"]) == 0


def test_refusals() -> None:
    r = DESK.evaluate(events_as("mapping"), now=NOW, keep="team")
    with pytest.raises(InvalidInputError, match=r"no column 'teams'.*did you mean 'team'"):
        sc.report(r, by="teams")
    with pytest.raises(InvalidInputError, match=r"what Contract.evaluate returns.*'received'"):
        sc.report(events_as("mapping"))
    with pytest.raises(InvalidInputError, match=r"no clause 'ack'.*'reply', 'fix'"):
        sc.report(r, clauses="ack")
    assert len(sc.report(r, quantiles=())["clause"]) == 2
    for q in (0, 1, 1.5, -0.1, True, "0.5", float("nan")):
        with pytest.raises(InvalidInputError, match="quantiles"):
            sc.report(r, clauses="reply", quantiles=(q,))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="given twice"):
        sc.report(r, clauses="reply", quantiles=(0.5, 0.5))
    with pytest.raises(InvalidInputError, match="period must be one of"):
        sc.report(r, period="fortnight")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="on must be 'start'"):
        sc.report(r, on="due")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="name of a report column"):
        sc.report({**r, "cases": r["team"]}, by="cases")
    with pytest.raises(InvalidInputError, match="not a state evaluate gives"):
        sc.report({**r, "reply.state": np.array(["met", "late", "met", "met", "met", "met"])}, clauses="reply")
    with pytest.raises(InvalidInputError, match=r"'reply.took'"):
        sc.report({k: v for k, v in r.items() if k != "reply.took"}, clauses="reply")
    with pytest.raises(InvalidInputError, match="results must be"):
        sc.report([1, 2, 3])
    with pytest.raises(InvalidInputError, match="differ in length"):
        sc.report({**r, "team": r["team"][:2]}, by="team", clauses="reply")
    with pytest.raises(InvalidInputError, match="holds 1 at row 0"):
        sc.report({**r, "reply.state": np.arange(1, 7)}, clauses="reply")  # int8 only are codes (states="codes")
    with pytest.raises(InvalidInputError, match="holds 8 at row 2"):
        sc.report({**r, "reply.state": np.array([1, 4, 8, 4, 4, 4], dtype=np.int8)}, clauses="reply")
    assert sc.report({k: v for k, v in r.items() if k != "reply.took"}, clauses="reply", quantiles=())["met"][0] == 2


def test_quantile_names_and_values() -> None:
    r = DESK.evaluate(events_as("mapping"), now=NOW)
    out = sc.report(r, clauses="reply", quantiles=(0.25, 0.5, 0.999))
    assert [k for k in out if k.startswith("took")] == ["took_p25", "took_p50", "took_p99.9"]
    # the met rows took 1:30 and 0:30 (working hours): linear interpolation as numpy.quantile
    assert out["took_p25"][0] == 0.75
    assert out["took_p50"][0] == 1.0
    assert "unit" not in sc.report(r, clauses="reply", quantiles=())  # the unit is the quantiles' unit


def test_the_states_named_here_are_evaluates() -> None:
    assert sc.STATES == report_read.KNOWN


def test_took_keeps_paused_time_and_the_replay_keeps_start_and_took() -> None:
    # a pausable clause: the paused row is replayed as a case, its took still runs from start to done (the wait)
    c = sc.Contract(
        "paused",
        [sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", pausable=True)],
        events=["received"],
    )
    t = {
        "received": np.array(["2026-03-02T10:00", "2026-03-02T10:00"], "M8[us]"),
        "solved": np.array(["2026-03-12T10:00", "2026-03-12T10:00"], "M8[us]"),
    }
    pauses = {
        "row": [0],
        "paused_at": np.array(["2026-03-03T10:00"], "M8[us]"),
        "resumed_at": np.array(["2026-03-09T10:00"], "M8[us]"),
    }
    r = c.evaluate(t, now="2026-03-13T00:00", pauses=pauses)
    assert r["solution.state"].tolist() == ["met", "breached"]  # the pause kept row 0 inside its limit
    assert r["solution.took"].tolist() == [8, 8]  # 03-03..03-06, 03-09..03-12 either way
    assert r["solution.start"].tolist() == [dt.datetime(2026, 3, 2, 10)] * 2


# A help desk mixing working hours, workdays and a recurring next-reply timer (09:00-12:00, 13:00-18:00; the week of
# 2026-03-02 is all workdays).
HELP_DESK = sc.Contract(
    "help_desk",
    [
        sc.Clause("reply", "4个工作小时", starts_on="received", met_by="agent_replied"),
        sc.Clause(
            "next_reply",
            "2个工作小时",
            kind="recurring",
            starts_on="customer_replied",
            met_by="agent_replied",
            stops_on="solved",
        ),
        sc.Clause("fix", "2个工作日", starts_on="received", met_by="solved"),
    ],
    events=["received", "customer_replied"],
    calendar=sc.CalendarSpec("CN", hours="09:00-12:00,13:00-18:00"),
)
TICKETS = {"received": ["2026-03-02T09:00", "2026-03-02T13:00", "2026-03-04T09:00"]}
LOG = [
    (0, "customer_replied", "2026-03-02T10:00"),  # cycle 1: met at 11:00, took 1 h
    (0, "agent_replied", "2026-03-02T11:00"),  # also the first reply: took 2 h
    (0, "customer_replied", "2026-03-02T14:00"),  # cycle 2: due 16:00, replied 17:00: breached by 1 h, took 3 h
    (0, "agent_replied", "2026-03-02T17:00"),
    (0, "solved", "2026-03-03T10:00"),  # fix met in 1 workday
    (1, "customer_replied", "2026-03-03T09:00"),  # cycle 1: due 11:00, stopped by the solve at 10:00
    (1, "solved", "2026-03-03T10:00"),  # fix met in 1 workday; no reply ever: due 03-02 17:00, breached
    (2, "agent_replied", "2026-03-04T09:30"),  # first reply in 30 minutes; no message: next_reply not started
]
DESK_NOW = "2026-03-05T12:00"


def help_desk(kind: str) -> Any:
    events = {"received": np.array(TICKETS["received"], "M8[us]"), "team": np.array(["a", "b", "a"])}
    log = {
        "row": np.array([r for r, _, _ in LOG]),
        "event": np.array([e for _, e, _ in LOG], dtype=object),
        "at": np.array([t for _, _, t in LOG], "M8[us]"),
    }
    make = {"pandas": pd.DataFrame, "polars": pl.DataFrame, "pyarrow": pa.table, "mapping": dict}[kind]
    return HELP_DESK.evaluate(make(events), now=DESK_NOW, log=make(log), keep="team")


@pytest.mark.parametrize("kind", ["mapping", "pandas", "polars", "pyarrow"])
def test_a_whole_help_desk_in_one_report_with_defaults(kind: str) -> None:
    # the clauses measure in working hours and in workdays: one table, each time to met in its own unit
    out = rows(sc.report(help_desk(kind)))
    cycles = ("cycles", "met_cycles", "breached_cycles", "ever_breached", "cycle_breach_rate")
    common = ("clause", "cases", "met", "breached", "running", "closed", "breach_rate", "breach_rate_all")
    assert list(out[0]) == [*common, *cycles, "unit", "took_p50", "took_p90", "overdue"]
    assert [tuple(r.values()) for r in out] == [
        # reply: took 2 h and 30 min; ticket 1 overdue from 03-02 17:00 to now
        ("reply", 3, 2, 1, 0, 0, 1 / 3, 1 / 3, None, None, None, None, None, "hours", 1.25, 1.85, 67 * H),
        # next_reply: ticket 0's current cycle breached (by 1 h), ticket 1's stopped: closed, not met nor breached;
        # over every cycle, 1 met and 1 breached; no current cycle met, so no time to met
        ("next_reply", 2, 0, 1, 0, 1, 1.0, 0.5, 3, 1, 1, 1, 0.5, "hours", None, None, 1 * H),
        ("fix", 3, 2, 0, 1, 0, 0.0, 0.0, None, None, None, None, None, "days", 1.0, 1.0, 0 * H),
    ]
    named = rows(sc.report(help_desk(kind), contract=HELP_DESK, quantiles=(0.5,)))
    assert [r["unit"] for r in named] == ["working_hours", "working_hours", "workdays"]


def test_recurring_cycles_by_group_and_the_counts_add_up() -> None:
    out = sc.report(help_desk("pandas"), by="team", clauses="next_reply", quantiles=())
    assert out["team"].tolist() == ["a", "b"]  # ticket 2 (team a) has no cycle: not started, in no figure
    assert out["cycles"].tolist() == [2, 1]
    assert out["met_cycles"].tolist() == [1, 0]
    assert out["breached_cycles"].tolist() == [1, 0]
    assert out["ever_breached"].tolist() == [1, 0]
    assert out["cycle_breach_rate"].iloc[0] == 0.5
    assert math.isnan(out["cycle_breach_rate"].iloc[1])  # one stopped cycle: nothing decided
    assert str(out["cycles"].dtype) == "Int64"
    assert (out["cases"] == out["met"] + out["breached"] + out["running"] + out["closed"]).all()
    # without a recurring clause, no cycle columns
    assert "cycles" not in sc.report(help_desk("pandas"), clauses=["reply", "fix"])
    m = sc.report(help_desk("mapping"), clauses=["reply", "next_reply"], quantiles=())
    assert isinstance(m["cycles"], np.ma.MaskedArray)
    assert m["cycles"].mask.tolist() == [True, False]  # reply is not recurring: missing, not 0


def test_clauses_without_a_start_and_closed_states() -> None:
    # monthly and window clauses have no start nor took: counted without a period, left out with one
    c = sc.Contract(
        "fees",
        [
            sc.Clause("ack", "3日", starts_on="signed", met_by="acked"),
            sc.Clause("fee", "每月初五个工作日内", kind="monthly", starts_on="signed", met_by="paid"),
            sc.Clause("voucher", "30日", kind="window", starts_on="signed"),
        ],
        events=["signed"],
    )
    t = {
        "signed": np.array(["2026-09-01T10:00", "2026-11-20T10:00", "NaT"], "M8[us]"),
        "acked": np.array(["2026-09-02T10:00", "NaT", "NaT"], "M8[us]"),
        "paid": np.array(["2026-12-02T11:00", "NaT", "NaT"], "M8[us]"),
    }
    r = c.evaluate(pd.DataFrame(t), now="2026-12-04T09:00")
    out = sc.report(r)
    assert out["clause"].tolist() == ["ack", "fee", "voucher"]
    assert out["cases"].tolist() == [2, 2, 2]
    assert out["met"].tolist() == [1, 1, 0]
    assert out["running"].tolist() == [0, 1, 1]
    assert out["closed"].tolist() == [0, 0, 1]  # the voucher window of row 0 expired: neither met nor breached
    assert out["breach_rate"].tolist()[:2] == [0.5, 0.0]
    assert math.isnan(out["breach_rate"].iloc[2])
    assert out["unit"].iloc[0] == "days"
    assert out["unit"].isna().tolist() == [False, True, True]
    assert out["took_p50"].iloc[0] == 1.0
    assert out["took_p50"].iloc[1:].isna().all()
    by_month = sc.report(r, period="month")
    assert by_month["clause"].tolist() == ["ack", "ack"]  # the others have no start to place them in a month
    with pytest.raises(InvalidInputError, match=r"clause 'fee' has no 'fee.start'.*clauses="):
        sc.report(r, period="month", clauses=["ack", "fee"])


def test_contract_refusals() -> None:
    r = help_desk("mapping")
    with pytest.raises(InvalidInputError, match=r"contract 'desk' has no clause 'next_reply'"):
        sc.report(r, contract=DESK)
    with pytest.raises(InvalidInputError, match="contract must be the Contract"):
        sc.report(r, contract="help_desk")  # type: ignore[arg-type]
    days = sc.Contract(
        "days", [sc.Clause("reply", "2日", starts_on="received", met_by="agent_replied")], events=["received"]
    )
    with pytest.raises(InvalidInputError, match=r"'reply.took' holds durations.*in days"):
        sc.report(r, clauses="reply", contract=days)
    with pytest.raises(InvalidInputError, match="must hold counts"):
        sc.report({**r, "next_reply.cycles": r["received"] if "received" in r else r["reply.due"]}, quantiles=())


@pytest.mark.parametrize("rows", [0, 2])
def test_a_pyarrow_column_of_type_null_groups_as_one_missing_key(rows: int) -> None:
    """What ``pa.Table.from_pandas`` gives an empty object column: pyarrow's rank refused its type (a fuzz finding)."""
    import pyarrow as pa

    c = sc.Contract("desk", [sc.Clause("ack", "24小时", starts_on="received", met_by="acked")], events=["received"])
    t = pa.table(
        {
            "received": pa.array([dt.datetime(2026, 3, 2, 10)] * rows, pa.timestamp("us")),
            "acked": pa.array([None] * rows, pa.timestamp("us")),
            "team": pa.nulls(rows),
        }
    )
    r = c.evaluate(t, now="2026-03-05T00:00", keep=["team"])
    grouped = sc.report(r, by="team")
    assert grouped.num_rows == (1 if rows else 0)
    if rows:
        assert grouped.column("team").to_pylist() == [None]
        assert grouped.column("cases").to_pylist() == [rows]


@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow"])
def test_periods_of_starts_in_a_zone_with_summer_time_in_far_years(kind: str) -> None:
    # 04:30 UTC on July 1st is 00:30 in New York's summer: July. Arrow's own conversion dropped summer time from 2038
    # and polars' from 2100 (23:30 on June 30th: June)
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    ny = sc.custom_calendar("1111100", {}, first="2000-01-01", last="2199-12-31", tz="America/New_York")
    c = sc.Contract(
        "desk", [sc.Clause("ack", "2个工作日", starts_on="received", met_by="acknowledged")], events=["received"]
    )
    utc = np.array(["2040-07-01T04:30", "2100-07-01T04:30"], "datetime64[us]")
    t = pd.DataFrame(
        {
            "received": pd.Series(utc).dt.tz_localize("UTC"),
            "acknowledged": pd.Series(utc + np.timedelta64(1, "h")).dt.tz_localize("UTC"),
        }
    )
    events = {"pandas": t, "polars": pl.from_pandas(t), "pyarrow": pa.Table.from_pandas(t)}[kind]
    got = sc.report(c.evaluate(events, now="2200-01-01T00:00+00:00", calendar=ny), period="month")
    periods = got["period"] if kind != "pyarrow" else got.column("period")
    listed = periods.tolist() if kind == "pandas" else periods.to_list() if kind == "polars" else periods.to_pylist()
    assert [str(p)[:10] for p in listed] == ["2040-07-01", "2100-07-01"]


def test_periods_of_starts_in_a_fixed_offset_zone_as_arrow_names_it() -> None:
    # a result retyped to "+08:00" (zoneinfo knows no such key): 2040-06-30T20:30Z is July 1st there
    import pyarrow as pa

    c = sc.Contract(
        "desk", [sc.Clause("ack", "2个工作日", starts_on="received", met_by="acknowledged")], events=["received"]
    )
    ny = sc.custom_calendar("1111100", {}, first="2000-01-01", last="2199-12-31", tz="America/New_York")
    utc = np.array(["2040-06-30T20:30"], "datetime64[us]")
    events = pa.table(
        {
            "received": pa.array(utc, pa.timestamp("us", tz="UTC")),
            "acknowledged": pa.array(utc + np.timedelta64(1, "h"), pa.timestamp("us", tz="UTC")),
        }
    )
    r = c.evaluate(events, now="2200-01-01T00:00+00:00", calendar=ny)
    i = r.column_names.index("ack.start")
    r = r.set_column(i, "ack.start", r.column(i).cast(pa.timestamp("us", tz="+08:00")))
    assert [str(p) for p in sc.report(r, period="day").column("period").to_pylist()] == ["2040-07-01"]
