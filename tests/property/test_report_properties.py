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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._contracts.clock import _threshold_convention
from slaclock.errors import SlaclockError
from tests.property.test_evaluate_properties import CAL, CONTRACTS, CONVENTIONS, EVENTS, NOW_MAX, column, replay, rows
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


def by_hand(df: pd.DataFrame, clause: str, qs: tuple[float, ...]) -> list[dict[str, Any]]:
    """The report of one clause by team and month, counted with pandas' own groupby."""
    d = df[df[f"{clause}.state"] != "not_started"].copy()
    if d.empty:
        return []
    d["period"] = d[f"{clause}.start"].dt.tz_localize(None).dt.to_period("M").dt.start_time.dt.date
    state = d[f"{clause}.state"].astype(str)
    for name in ("met", "breached"):
        d[name] = state == name
    d["running"] = state.isin(["running", "at_risk", "paused"])
    out = []
    for (team, period), g in d.groupby(["team", "period"], sort=True):
        met, breached = int(g["met"].sum()), int(g["breached"].sum())
        took = g.loc[g["met"], f"{clause}.took"]
        took = took.astype("float64") if str(took.dtype) == "Int64" else took
        row: dict[str, Any] = {
            "clause": clause,
            "team": team,
            "period": period,
            "cases": len(g),
            "met": met,
            "breached": breached,
            "running": int(g["running"].sum()),
            "breach_rate": breached / (met + breached) if met + breached else None,
            "breach_rate_all": breached / len(g),
        }
        for q in qs:
            v = took.quantile(q) if len(took) else None
            row[f"took_p{q * 100:g}"] = v.to_pytimedelta() if isinstance(v, pd.Timedelta) else v
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
