"""``<clause>.start`` and ``<clause>.took`` against ``Case.status`` and the calendar's scalar functions; ``sc.report``
against the same figures counted by hand in pandas, and the same report from every kind of table.

The generated tables are those of the evaluate properties (tests/property/test_evaluate_properties.py): a contract
with every unit a deadline takes (hours, working hours, days, weeks, workdays, months), thresholds, a fixed-date
start and capped extensions, under four conventions (one with an 18:00 cut-off and rest-day receipt deemed on the
next workday, so that a start's deemed day moves).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._contracts.clock import _threshold_convention
from slaclock.errors import SlaclockError
from tests.property.test_evaluate_properties import CAL, CONTRACTS, CONVENTIONS, EVENTS, NOW_MAX, column, replay, rows
from tests.property.test_policy_properties import CALENDARS as POLICY_CALENDARS
from tests.property.test_policy_properties import SEASONS, policy, tickets
from tests.unit.test_report import rows as report_rows

U = sc.Unit
SH = dt.timezone(dt.timedelta(hours=8))


def deemed_day(conv: sc.Convention, start: dt.datetime) -> dt.date:
    """Day 0 of a count (art. 201), by the convention's receipt rules, on the calendar's scalar functions."""
    day = start.date()
    if conv.cutoff is not None and start.time() >= conv.cutoff:
        return CAL.next_workday(day)
    if conv.rest_day_receipt == "next_workday" and not CAL.is_workday(day):
        return CAL.next_workday(day)
    return day


def expected_took(clause: sc.Clause, conv: sc.Convention, status: sc.ClauseStatus) -> dt.timedelta | int | None:
    """The time from the status's start to its done_at, in the measure of the clause's period."""
    start, done = status.start, status.done_at
    if done is None or start is None:
        return None
    assert isinstance(start, dt.datetime)
    assert clause.period is not None
    unit = clause.period.unit
    done = max(done, start)
    if unit in (U.HOUR, U.MINUTE):
        return done - start
    if unit in (U.WORK_HOUR, U.WORK_MINUTE):
        return CAL.working_time_between(start, done)
    if clause.kind == "threshold":
        conv = _threshold_convention(conv)
    day0 = deemed_day(conv, start)
    if unit is U.WORKDAY:
        one = dt.timedelta(days=1)
        return int(CAL.workdays_between(day0 + one, done.date() + one)) if done.date() > day0 else 0
    return max((done.date() - day0).days, 0)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(rows(), min_size=1, max_size=12),
    which=st.integers(0, len(CONVENTIONS) - 1),
    later=st.integers(0, 3 * 24 * 60) | st.integers(0, 90 * 24 * 60),
)
def test_start_and_took_agree_with_cases(table: list[dict[str, dt.datetime | None]], which: int, later: int) -> None:
    c, conv = CONTRACTS[which], CONVENTIONS[which]
    last = max(v for row in table for v in row.values() if v is not None)
    now = min(last + dt.timedelta(minutes=later), NOW_MAX) if last < NOW_MAX else last
    good = []
    for row in table:
        with contextlib.suppress(SlaclockError):  # a refused row is refused alike (the evaluate properties)
            good.append((row, replay(c, row, now)))
    if not good:
        return
    events = {name: column([row[name] for row, _ in good]) for name in EVENTS}
    result = c.evaluate(events, now=now.replace(tzinfo=SH), ignore_pauses=True, calendar=CAL)
    measures = {U.HOUR: "time", U.MINUTE: "time", U.WORK_HOUR: "working_time", U.WORKDAY: "workdays"}
    for i, (_, status) in enumerate(good):
        for s in status.clauses:
            clause = c.clause(s.clause)
            assert clause.period is not None
            if not s.extended:  # the measure is the status's own unit
                assert s.unit == measures.get(clause.period.unit, "days")
            start = result[f"{s.clause}.start"][i]
            if s.state == "not_started":
                assert np.isnat(start), (i, s)
            else:
                assert isinstance(s.start, dt.datetime)
                assert start == np.datetime64(s.start.replace(tzinfo=None), "us"), (i, s)
            took, want = result[f"{s.clause}.took"][i], expected_took(clause, conv, s)
            if want is None:
                assert took is np.ma.masked or np.isnat(took), (i, s, took)
            elif isinstance(want, dt.timedelta):
                assert took == np.timedelta64(want, "us"), (i, s, took, want)
            else:
                assert took is not np.ma.masked, (i, s)
                assert int(took) == want, (i, s, took, want)


def by_hand(
    df: pd.DataFrame,
    clause: str,
    qs: tuple[float, ...],
    keys: tuple[str, ...] = ("team",),
    unit: str | None = None,
    cycles: bool = False,
) -> list[dict[str, Any]]:
    """The report of one clause by ``keys`` and month, counted with pandas' own groupby.

    ``unit``: the clause's unit as the contract names it (None: hours or days, as its took column says);
    ``cycles``: whether the report has the cycle columns (some reported clause is recurring).
    """
    d = df[df[f"{clause}.state"] != "not_started"].copy()
    if d.empty:
        return []
    d["period"] = d[f"{clause}.start"].dt.tz_localize(None).dt.to_period("M").dt.start_time.dt.date
    state = d[f"{clause}.state"].astype(str)
    for name in ("met", "breached"):
        d[name] = state == name
    d["running"] = state.isin(["running", "at_risk", "paused"])
    d["closed"] = state.isin(["stopped", "expired"])
    took_col = d[f"{clause}.took"]
    timed = took_col.dtype.kind == "m"
    d["took_f"] = took_col / pd.Timedelta(hours=1) if timed else took_col.astype("float64")
    recurring = f"{clause}.cycles" in df
    out = []
    for values, g in d.groupby([*keys, "period"], sort=True, dropna=False):
        met, breached = int(g["met"].sum()), int(g["breached"].sum())
        row: dict[str, Any] = {"clause": clause}
        for k, v in zip(keys, values[:-1], strict=True):
            row[k] = None if pd.isna(v) else v
        row |= {
            "period": values[-1],
            "cases": len(g),
            "met": met,
            "breached": breached,
            "running": int(g["running"].sum()),
            "closed": int(g["closed"].sum()),
            "breach_rate": breached / (met + breached) if met + breached else None,
            "breach_rate_all": breached / len(g),
        }
        if cycles:
            sums = [int(g[f"{clause}.{k}"].sum()) if recurring else None for k in ("cycles", "met_cycles")]
            sums += [int(g[f"{clause}.{k}"].sum()) if recurring else None for k in ("breached_cycles", "ever_breached")]
            row |= dict(zip(("cycles", "met_cycles", "breached_cycles", "ever_breached"), sums, strict=True))
            decided = (sums[1] or 0) + (sums[2] or 0)
            row["cycle_breach_rate"] = (sums[2] or 0) / decided if decided else None
        if qs:
            row["unit"] = unit or ("hours" if timed else "days")
        took = g.loc[g["met"], "took_f"].dropna()
        for q in qs:
            row[f"took_p{q * 100:g}"] = float(took.quantile(q)) if len(took) else None
        row["overdue"] = g[f"{clause}.overdue_by"].fillna(pd.Timedelta(0)).sum().to_pytimedelta()
        out.append(row)
    return out


def close(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x.keys() != y.keys():
            return False
        for k in x:
            if isinstance(x[k], float) and isinstance(y[k], float):
                if not np.isclose(x[k], y[k], rtol=1e-12):
                    return False
            elif isinstance(x[k], dt.timedelta) and isinstance(y[k], dt.timedelta):
                if abs(x[k] - y[k]) > dt.timedelta(microseconds=1):  # pandas interpolates in ns
                    return False
            elif x[k] != y[k]:
                return False
    return True


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(rows(), min_size=1, max_size=30),
    teams=st.lists(st.sampled_from(["ops", "sales", "hk"]), min_size=30, max_size=30),
    which=st.integers(0, len(CONVENTIONS) - 1),
    later=st.integers(0, 3 * 24 * 60) | st.integers(0, 90 * 24 * 60),
    chosen=st.sampled_from([("ack", "first_reply"), ("solution", "cure", "review", "overdue")]),
    qs=st.sampled_from([(0.5, 0.9), (0.1,), ()]),
)
def test_report_counts_as_pandas_does_by_hand(
    table: list[dict[str, dt.datetime | None]],
    teams: list[str],
    which: int,
    later: int,
    chosen: tuple[str, ...],
    qs: tuple[float, ...],
) -> None:
    c = CONTRACTS[which]
    last = max(v for row in table for v in row.values() if v is not None)
    now = min(last + dt.timedelta(minutes=later), NOW_MAX) if last < NOW_MAX else last
    good = []
    for row in table:
        try:
            replay(c, row, now)
            good.append(row)
        except SlaclockError:
            pass
    if not good:
        return
    events = {name: column([row[name] for row in good]) for name in EVENTS}
    events["team"] = np.array(teams[: len(good)])
    frame = c.evaluate(pd.DataFrame(events), now=now, ignore_pauses=True, calendar=CAL, clauses=chosen, keep="team")
    got = report_rows(sc.report(frame, by="team", period="month", quantiles=qs))
    want = [r for clause in chosen for r in by_hand(frame, clause, qs)]
    assert close(got, want), (got, want)
    # the same report from each kind of table
    for kind in (dict, pl.DataFrame, pa.table):
        other = c.evaluate(kind(events), now=now, ignore_pauses=True, calendar=CAL, clauses=chosen, keep="team")
        assert close(report_rows(sc.report(other, by="team", period="month", quantiles=qs)), got)


UNITS = {U.HOUR: "hours", U.MINUTE: "hours", U.WORK_HOUR: "working_hours", U.WORK_MINUTE: "working_hours"}
UNITS[U.WORKDAY] = "workdays"


def policy_tables(seed: int, now: dt.datetime) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The help-desk tickets of the policy properties: events (with region and priority), log, pauses."""
    data = tickets(seed, now)
    events = {
        "received": np.array(data["received"], dtype="datetime64[us]"),
        "priority": np.array(data["priority"], dtype=object),
        "region": np.array(data["region"], dtype=object),
    }
    log = {
        "row": np.array([e["row"] for e in data["log"]], dtype=np.int64),
        "event": np.array([e["event"] for e in data["log"]], dtype=object),
        "at": np.array([e["at"] for e in data["log"]], dtype="datetime64[us]"),
    }
    pauses = {
        "row": np.array([p["row"] for p in data["pauses"]], dtype=np.int64),
        "paused_at": np.array([p["paused_at"] for p in data["pauses"]], dtype="datetime64[us]"),
        "resumed_at": np.array(
            [np.datetime64("NaT") if p["resumed_at"] is None else p["resumed_at"] for p in data["pauses"]],
            dtype="datetime64[us]",
        ),
    }
    return events, log, pauses


def in_shanghai(result: Any) -> Any:
    """The result with its ``.start`` columns read in Shanghai: with two calendars of different zones (Shanghai and
    Hong Kong), evaluate's tables hold them in UTC, and a desk's months are its own zone's."""
    names = result.column_names if isinstance(result, pa.Table) else list(getattr(result, "columns", result))
    starts = [n for n in names if n.endswith(".start")]
    if isinstance(result, pd.DataFrame):
        return result.assign(**{n: result[n].dt.tz_convert("Asia/Shanghai") for n in starts})
    if isinstance(result, pl.DataFrame):
        return result.with_columns(pl.col(n).dt.convert_time_zone("Asia/Shanghai") for n in starts)
    if isinstance(result, pa.Table):
        for n in starts:
            i = result.column_names.index(n)
            result = result.set_column(i, n, result[n].cast(pa.timestamp("us", tz="Asia/Shanghai")))
        return result
    return result  # a mapping: naive wall times, each row's calendar's (both UTC+8)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    phases=(Phase.explicit, Phase.generate),  # a batch of 400 tickets shrinks for minutes: not worth it
)
@given(
    seed=st.integers(0, 2**32 - 1),
    season=st.sampled_from(SEASONS),
    convention=st.sampled_from(["civil_code", "business_hours"]),
    after=st.integers(0, 30 * 24 * 60),
    qs=st.sampled_from([(0.5, 0.9), (0.25,), ()]),
    named=st.booleans(),
)
def test_a_help_desk_policy_report_counts_as_pandas_does_by_hand(
    seed: int, season: dt.datetime, convention: str, after: int, qs: tuple[float, ...], named: bool
) -> None:
    """A whole policy in one report (working hours, workdays, target tables, two recurring clauses, pauses, two
    calendars), by region, priority (missing last) and month, against pandas' groupby; and from every kind."""
    c = policy(convention)
    now = season + dt.timedelta(minutes=after)
    events, log, pauses = policy_tables(seed, now)
    keys = ("region", "priority")

    def run(kind: Any) -> Any:
        return in_shanghai(
            c.evaluate(
                kind(events),
                now=now,
                log=kind(log),
                pauses=kind(pauses),
                calendar="region",
                calendars=POLICY_CALENDARS,
                keep=list(keys),
            )
        )

    frame = run(pd.DataFrame)
    contract = c if named else None
    got = report_rows(sc.report(frame, by=keys, period="month", quantiles=qs, contract=contract))
    want = []
    # by month, a report places a case by its clause's start: the window (no start) is left out
    timed = [n for n in c.clause_names if c.clause(n).kind != "window"]
    for clause in timed:
        period = c.clause(clause).period
        assert period is not None
        unit = UNITS.get(period.unit, "days") if named else None
        want += by_hand(frame, clause, qs, keys, unit, cycles=True)
    assert close(got, want), (got, want)
    assert {r["clause"] for r in got} == set(timed)
    for kind in (dict, pl.DataFrame, pa.table):
        other = sc.report(run(kind), by=keys, period="month", quantiles=qs, contract=contract)
        assert close(report_rows(other), got)
