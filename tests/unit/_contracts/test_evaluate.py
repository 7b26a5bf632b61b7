"""Contract.evaluate: many cases at once, as columns; the same answers as Case.status, in every table kind.

2026 facts used below: National Day 10-01..10-07 off, Saturday 10-10 worked; Spring Festival 02-15..02-23 off,
Saturdays 02-14 and 02-28 worked.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import slaclock as sc
from slaclock.errors import CalendarHorizonError, ContractError, InvalidInputError
from tests.helpers.paths import FIXTURES

SH = dt.timezone(dt.timedelta(hours=8))


def desk(convention: sc.Convention | None = None) -> sc.Contract:
    return sc.Contract(
        "desk",
        [
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged", warn_before="4小时"),
            sc.Clause("reply", "8个工作小时", starts_on="received", met_by="replied", warn_at=0.75),
            sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", warn_before="2个工作日"),
            sc.Clause("solution_share", "5个工作日", starts_on="received", met_by="solved", warn_at=0.6),
            sc.Clause(
                "standard",
                "10个工作日",
                starts_on="acknowledged",
                met_by="proposed",
                warn_at=0.8,
                extension=sc.Extension("30个工作日", event="complex_notified"),
            ),
            sc.Clause("cure", "7日", starts_on="received", met_by="cured", warn_before="2日"),
            sc.Clause("review", "1个月", starts_on="received", met_by="reviewed", warn_at=0.75),
            sc.Clause("review_lead", "1个月", starts_on="received", met_by="reviewed", warn_before="2周"),
            sc.Clause("overdue", "30日", kind="threshold", starts_on="received", met_by="paid"),
        ],
        events=["received", "acknowledged"],
        calendar=sc.CalendarSpec("CN", hours="09:00-12:00,13:00-18:00"),
        convention=convention,
    )


MET_BY = ["replied", "solved", "proposed", "cured", "reviewed", "paid"]


def one_row(received: str, acknowledged: str | None, **done: str) -> dict[str, np.ndarray[Any, Any]]:
    row = {"received": received, "acknowledged": acknowledged, "complex_notified": None} | done
    return {k: np.array([v if v is not None else "NaT"], dtype="datetime64[us]") for k, v in row.items()} | {
        k: np.array(["NaT"], dtype="datetime64[us]") for k in MET_BY if k not in done
    }


def wall(t: dt.datetime | None) -> np.datetime64:
    return np.datetime64("NaT", "us") if t is None else np.datetime64(t.replace(tzinfo=None), "us")


@pytest.mark.parametrize("convention", [sc.Convention.civil_code(), sc.Convention.business_hours()], ids=str)
@pytest.mark.parametrize(
    "received",
    ["2026-09-28T10:00", "2026-09-30T20:00", "2026-02-13T17:30", "2026-01-30T23:59", "2026-10-09T00:00"],
)
def test_a_sweep_of_now_agrees_with_the_case(received: str, convention: sc.Convention) -> None:
    """Every 3 hours over 45 days: each state boundary (leads, shares, dues, rolls) is crossed on the way."""
    c = desk(convention)
    cal = c.calendar()
    start = dt.datetime.fromisoformat(received)
    ack = start + dt.timedelta(hours=2)
    case = c.open(received_at=received).record("acknowledged", at=ack)
    table = one_row(received, ack.isoformat())
    for k in range(1, 45 * 8):
        now = ack + dt.timedelta(hours=3 * k)
        status = case.status(now=now)
        got = c.evaluate(table, now=now, calendar=cal)
        for s in status.clauses:
            assert got[f"{s.clause}.state"][0] == s.state, (now, s)
            assert got[f"{s.clause}.due"][0] == wall(s.due), (now, s)
            assert got[f"{s.clause}.last_day"][0] == np.datetime64(s.last_day, "D"), (now, s)
            over = got[f"{s.clause}.overdue_by"][0]
            assert (np.isnat(over) and s.overdue_by is None) or over == np.timedelta64(s.overdue_by, "us"), (now, s)


def test_states_by_hand() -> None:
    c = desk()
    t = {
        # row 0: received Wed 09-30 20:00 before National Day; acknowledged 10-01 21:00 (1 h late);
        #        solved Mon 10-12 16:00 = 4th workday (10-08, 09, 10 调休, 12): met
        # row 1: received Fri 10-09 09:00, nothing done; now Wed 10-14 10:00
        # row 2: acknowledged, complex complaint announced on the 2nd day: standard extended to 30 workdays
        "received": ["2026-09-30T20:00", "2026-10-09T09:00", "2026-10-09T09:00"],
        "acknowledged": ["2026-10-01T21:00", None, "2026-10-09T10:00"],
        "solved": ["2026-10-12T16:00", None, None],
        "complex_notified": [None, None, "2026-10-10T09:00"],
        "replied": [None, None, None],
        "proposed": [None, None, None],
        "cured": [None, None, None],
        "reviewed": [None, None, None],
        "paid": [None, None, None],
    }
    r = c.evaluate(pd.DataFrame(t).apply(pd.to_datetime), now="2026-10-14T10:00")
    assert list(r["ack.state"]) == ["breached", "breached", "met"]
    assert r["ack.overdue_by"][0] == pd.Timedelta(hours=1)
    # rows 1, 2: 10-10 (调休), 12, 13, 14, 15 → last day 10-15; on 10-14, 2 workdays left (14, 15): at risk
    assert list(r["solution.state"]) == ["met", "at_risk", "at_risk"]
    assert list(r["solution.last_day"].dt.date) == [dt.date(2026, 10, 13), dt.date(2026, 10, 15), dt.date(2026, 10, 15)]
    assert list(r["standard.state"]) == ["running", "not_started", "running"]
    # 30 workdays from 10-09: 10-10, 12..16, 19..23, 26..30, 11-02..06, 09..13, 16..19
    assert r["standard.last_day"][2].date() == dt.date(2026, 11, 19)
    # 30日 from 09-30: last day 10-30; from 10-09: last day Sunday 11-08, not rolled (a threshold)
    assert list(r["overdue.due"].dt.strftime("%m-%d %H:%M")) == ["10-31 00:00", "11-09 00:00", "11-09 00:00"]
    assert str(r["ack.due"].dtype) == "datetime64[us, Asia/Shanghai]"
    assert list(r["ack.state"].cat.categories) == [
        "not_started",
        "running",
        "paused",
        "at_risk",
        "met",
        "breached",
        "stopped",
        "expired",
    ]


def tables() -> dict[str, Any]:
    received = ["2026-09-30T20:00", "2026-10-09T09:00", None]
    acknowledged = ["2026-10-01T21:00", None, None]
    solved = ["2026-10-12T16:00", None, None]
    naive = pd.DataFrame(
        {"received": received, "acknowledged": acknowledged, "solved": solved, "ticket": ["a", "b", "c"]},
        index=[10, 20, 30],
    )
    for k in ("received", "acknowledged", "solved"):
        naive[k] = pd.to_datetime(naive[k])
    aware = naive.copy()
    for k in ("received", "acknowledged", "solved"):
        aware[k] = aware[k].dt.tz_localize("Asia/Shanghai").dt.tz_convert("Europe/London")
    return {
        "mapping": {k: naive[k].to_numpy() for k in ("received", "acknowledged", "solved")},
        "lists": {"received": received, "acknowledged": acknowledged, "solved": solved},
        "pandas": naive,
        "pandas_aware": aware,
        "polars": pl.from_pandas(naive),
        "polars_aware": pl.from_pandas(aware),
        "pyarrow": pa.Table.from_pandas(naive, preserve_index=False),
        "pyarrow_aware": pa.Table.from_pandas(aware, preserve_index=False),
    }


SMALL = sc.Contract(
    "small",
    [
        sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
        sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", warn_before="2个工作日"),
    ],
    events=["received"],
)


@pytest.mark.parametrize("kind", list(tables()))
def test_every_table_kind_gives_the_same_answers(kind: str) -> None:
    r = SMALL.evaluate(tables()[kind], now="2026-10-14T10:00")
    if kind.startswith("pandas"):
        assert isinstance(r, pd.DataFrame)
        assert list(r.index) == [10, 20, 30]
        states, due = list(r["solution.state"].astype(str)), r["solution.due"]
        due = list(due.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy())
    elif kind.startswith("polars"):
        assert isinstance(r, pl.DataFrame)
        states = r["solution.state"].cast(pl.String).to_list()
        due = list(r["solution.due"].dt.convert_time_zone("UTC").dt.replace_time_zone(None).to_numpy())
    elif kind.startswith("pyarrow"):
        assert isinstance(r, pa.Table)
        states = r["solution.state"].to_pylist()
        due = list(r["solution.due"].cast(pa.timestamp("us")).to_numpy(zero_copy_only=False))
    else:
        assert isinstance(r, dict)
        states = list(r["solution.state"])
        # a mapping gets wall times in the calendar's zone: shift to UTC to compare
        due = list(r["solution.due"] - np.timedelta64(8, "h"))
    assert states == ["met", "at_risk", "not_started"]
    assert [str(d)[:16] for d in due] == ["2026-10-13T16:00", "2026-10-15T16:00", "NaT"]
    assert len(r["ack.state"]) == 3


def test_no_rows() -> None:
    empty = {"received": np.array([], "datetime64[us]"), "acknowledged": np.array([], "datetime64[us]")}
    r = SMALL.evaluate(empty | {"solved": np.array([], "datetime64[us]")}, now="2026-10-14T10:00")
    assert {k: len(v) for k, v in r.items()} == dict.fromkeys(r, 0)
    assert list(r) == [
        f"{c}.{f}"
        for c in ("ack", "solution")
        for f in ("state", "due", "last_day", "overdue_by", "provisional", "start", "took")
    ]


FIELDS7 = ("state", "due", "last_day", "overdue_by", "provisional", "start", "took")


def test_clauses_and_fixed_date_starts() -> None:
    c = sc.Contract(
        "dated",
        [
            sc.Clause("rollout", "10个工作日", starts_on="2026-11-02", met_by="rolled_out"),
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
            sc.Clause("voucher", kind="window", starts_on="2026-10-01", ends_on="2026-12-31", met_by="used"),
        ],
        events=["received"],
    )
    t = {"received": ["2026-10-20T10:00"], "acknowledged": [None], "rolled_out": [None], "used": [None]}
    before = c.evaluate(t, now="2026-10-21T09:00")
    assert list(before) == [
        f"{n}.{f}" for n, fields in (("rollout", FIELDS7), ("ack", FIELDS7), ("voucher", FIELDS7[:5])) for f in fields
    ]
    assert before["rollout.state"][0] == "not_started"  # its date has not come
    assert np.isnat(before["rollout.due"][0])
    after = c.evaluate(t, now="2026-11-03T09:00", clauses=["rollout"])
    assert list(after) == [
        "rollout.state",
        "rollout.due",
        "rollout.last_day",
        "rollout.overdue_by",
        "rollout.provisional",
        "rollout.start",
        "rollout.took",
    ]
    assert (after["rollout.state"][0], after["rollout.last_day"][0]) == ("running", np.datetime64("2026-11-16"))
    assert c.evaluate(t, now="2026-11-03T09:00", clauses=["voucher"])["voucher.state"][0] == "running"
    with pytest.raises(ContractError, match="has no clause 'nope'"):
        c.evaluate(t, now="2026-11-03T09:00", clauses=["nope"])


BAD: list[tuple[dict[str, Any], dict[str, Any], type[Exception], str]] = [
    (
        {"solved": None},
        {},
        InvalidInputError,
        "no column 'solved', the event that meets clause 'solution'; the table's",
    ),
    ({"received": ["2026-10-09"]}, {}, InvalidInputError, "column 'received', row 0: '2026-10-09' is a date"),
    (
        {"received": np.array(["2026-10-09"], "datetime64[D]")},
        {},
        InvalidInputError,
        "column 'received' holds dates (datetime64[D]); events are instants",
    ),
    ({"received": [3]}, {}, InvalidInputError, "column 'received' must hold instants"),
    (  # an event that is no start was named one: "column 'solved': starts[0]: start 'NA' is not..."
        {"solved": ["NA"]},
        {},
        InvalidInputError,
        "column 'solved', row 0: value 'NA' is not an ISO date",
    ),
    (
        {"solved": ["2026-10-20T10:00"]},
        {},
        InvalidInputError,
        "column 'solved': 1 events after now, the first at row 0 (2026-10-20T10:00:00+08:00)",
    ),
    (
        {"solved": ["2026-10-09T08:00"]},
        {},
        InvalidInputError,
        "1 rows where 'solved' is earlier than 'received', the first at row 0",
    ),
    (
        {"received": [None], "solved": ["2026-10-09T08:00"]},
        {},
        InvalidInputError,
        "1 rows where 'solved' happened but 'received' did not",
    ),
    ({}, {"ignore_pauses": 1}, InvalidInputError, "ignore_pauses must be True or False; got 1"),
    ({}, {"now": "2026-10-14"}, InvalidInputError, "now must be an instant"),
]


@pytest.mark.parametrize(("columns", "kwargs", "error", "message"), BAD, ids=[m[:40] for *_, m in BAD])
def test_refusals(columns: dict[str, Any], kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    t: dict[str, Any] = {"received": ["2026-10-09T09:00"], "acknowledged": [None], "solved": [None]} | columns
    t = {k: v for k, v in t.items() if v is not None}
    with pytest.raises(error) as info:
        SMALL.evaluate(t, **({"now": "2026-10-14T10:00"} | kwargs))
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("column", "message"),
    [
        (np.array([], "datetime64[D]"), "holds dates (datetime64[D]); events are instants"),
        (np.array([], np.int64), "must hold instants (datetime64, datetimes, ISO text); got int64"),
        (np.array([], bool), "must hold instants"),
    ],
)
def test_an_empty_column_of_dates_or_numbers_is_refused_as_a_full_one_is(column: Any, message: str) -> None:
    """An engine checks its schema by evaluating an empty table of it (Spark on the driver, Dask's meta): an empty
    column of dates or numbers passed there, and the job failed on its first row instead."""
    t = {"received": column, "acknowledged": np.array([], "datetime64[us]"), "solved": np.array([], "datetime64[us]")}
    with pytest.raises(InvalidInputError, match=re.escape(f"column 'received' {message}")):
        SMALL.evaluate(t, now="2026-10-14T10:00")
    for fine in ([], np.array([], "datetime64[us]"), np.array([], object), np.array([], "U1")):
        assert SMALL.evaluate(t | {"received": fine}, now="2026-10-14T10:00")["solution.state"].size == 0


def test_a_horizon_error_under_a_target_table_names_the_row_of_the_table() -> None:
    """Each target row's cases were counted apart: the error said "1 of 3 values ... first at index 2" (of the P2
    rows) and named the start ``t``, for row 4 of five."""
    rows = [{"when": {"priority": "P1"}, "period": "1个工作小时"}, {"period": "4个工作小时"}]
    c = sc.Contract(
        "desk",
        [sc.Clause("reply", rows, starts_on="received", met_by="replied")],
        events=["received"],
        calendar=sc.CalendarSpec("CN", hours="09:00-12:00,13:30-18:00"),
    )
    received = np.array(["2026-10-09T10:00"] * 4 + ["2027-02-01T10:00"], "datetime64[us]")
    t = {
        "received": received,
        "replied": np.full(5, "NaT", "datetime64[us]"),
        "priority": ["P1", "P2", "P1", "P2", "P2"],
    }
    with pytest.raises(sc.CalendarHorizonError, match=r"^1 of 5 values .* first at index 4: start 2027-02-01T10:00"):
        c.evaluate(t, now="2027-03-01T00:00")


def test_pauses_and_extensions_refused_where_a_case_would() -> None:
    c = sc.Contract(
        "p",
        [
            sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", pausable=True),
            sc.Clause(
                "standard",
                "10个工作日",
                starts_on="received",
                met_by="proposed",
                extension=sc.Extension("30个工作日", event="complex_notified"),
            ),
            sc.Clause("reply", "3日", starts_on="received", met_by="replied", extension=sc.Extension(event="delay")),
        ],
        events=["received"],
    )
    t = {k: [None] for k in ("solved", "proposed", "replied")} | {"received": ["2026-10-09T09:00"]}
    with pytest.raises(ContractError, match="clause 'solution' can be paused, and a table of event instants has no"):
        c.evaluate(t, now="2026-10-14T10:00")
    ok = c.evaluate(t, now="2026-10-14T10:00", ignore_pauses=True)
    assert ok["solution.state"][0] == "running"
    # 10 workdays from Fri 10-09: 10-10 (调休), 12..16, 19..22 → last day 10-22; a notice on 10-23 is too late
    late = t | {"complex_notified": ["2026-10-23T09:00"]}
    with pytest.raises(ContractError, match="the extension notice 'complex_notified' of clause 'standard' came at or"):
        c.evaluate(late, now="2026-10-24T10:00", ignore_pauses=True)
    in_time = c.evaluate(t | {"complex_notified": ["2026-10-22T23:59"]}, now="2026-10-24T10:00", ignore_pauses=True)
    last = np.datetime64("2026-11-19")  # 30 workdays: 10-10, 12..16, 19..23, 26..30, 11-02..06, 09..13, 16..19
    assert (in_time["standard.state"][0], in_time["standard.last_day"][0]) == ("running", last)
    with pytest.raises(ContractError, match="its extension has no cap"):
        c.evaluate(t | {"delay": ["2026-10-10T09:00"]}, now="2026-10-14T10:00", ignore_pauses=True)
    with pytest.raises(InvalidInputError, match="events must be a pandas, polars or pyarrow table, or a mapping"):
        c.evaluate([1, 2], now="2026-10-14T10:00", ignore_pauses=True)
    with pytest.raises(InvalidInputError, match="the event columns differ in length"):
        c.evaluate(t | {"solved": [None, None]}, now="2026-10-14T10:00", ignore_pauses=True)


def test_past_the_calendar_data() -> None:
    t = {"received": ["2026-12-28T09:00"], "acknowledged": [None], "solved": [None]}
    with pytest.raises(CalendarHorizonError):
        SMALL.evaluate(t, now="2026-12-29T09:00")


def test_a_seed_template_over_national_day() -> None:
    # seed 003: enquiries answered within 24 h, complaints solved within 48 h, counted through the holiday
    c = sc.templates.customer_service_standards()
    t = pd.DataFrame(
        {
            "enquiry_received": pd.to_datetime(["2026-09-30T20:00", None]),
            "answered": pd.to_datetime(["2026-10-01T19:00", None]),
            "complaint_received": pd.to_datetime([None, "2026-10-01T08:00"]),
            "solution_given": pd.to_datetime([None, None]),
        }
    )
    r = c.evaluate(t, now="2026-10-03T09:00", clauses=["enquiry_answer", "complaint_solution"])
    assert [k for k in r.columns if k.endswith(".state")] == ["enquiry_answer.state", "complaint_solution.state"]
    assert list(r["enquiry_answer.state"].astype(str)) == ["met", "not_started"]
    assert list(r["complaint_solution.state"].astype(str)) == ["not_started", "breached"]
    assert r["complaint_solution.overdue_by"][1] == pd.Timedelta(hours=1)  # due 10-03 08:00


def test_a_wall_time_the_clocks_skip_is_refused() -> None:
    c = sc.Contract(
        "ny",
        [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
        events=["received"],
        calendar=sc.CalendarSpec("CN", tz="America/New_York"),
    )
    t = {"received": np.array(["2026-03-08T01:30", "2026-03-08T02:30"], "datetime64[m]"), "acknowledged": [None, None]}
    with pytest.raises(InvalidInputError, match="column 'received', row 1: 2026-03-08T02:30 does not exist in America"):
        c.evaluate(t, now="2026-03-09T09:00")
    aware = pd.DataFrame({"received": pd.to_datetime(["2026-03-08T07:30Z"]), "acknowledged": pd.to_datetime([None])})
    aware["acknowledged"] = aware["acknowledged"].dt.tz_localize("UTC")
    r = c.evaluate(aware, now="2026-03-09T09:00")  # 07:30 UTC = 03:30 EDT; 24 hours later in EDT
    assert r["ack.due"][0] == pd.Timestamp("2026-03-09T03:30", tz="America/New_York")


# -- pauses: the rows with pauses are replayed as cases ------------------------------------------------


def paused_desk() -> sc.Contract:
    return sc.Contract(
        "paused",
        [
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
            sc.Clause("investigation", "5个工作日", starts_on="acknowledged", met_by="investigated", pausable=True),
        ],
        events=["received"],
    )


def test_pauses_move_the_paused_rows_only() -> None:
    c = paused_desk()
    events = pd.DataFrame(
        {
            "received": pd.to_datetime(["2026-09-30 16:20", "2026-09-30 16:20", "2026-09-30 16:20"]),
            "acknowledged": pd.to_datetime(["2026-10-01 09:30", "2026-10-01 09:30", "2026-10-01 09:30"]),
            "investigated": pd.to_datetime([None, "2026-10-14 11:00", None]),
        },
        index=["plain", "paused", "still_paused"],
    )
    # 5 workdays from 10-01: 10-08, 09, 10 (调休), 12, 13. Row 1 pauses 10-09 15:00 (10-08 used, 4 kept) and
    # resumes 10-12 10:00: 4 workdays from 10-12 → 13, 14, 15, 16. Row 2 pauses on 10-09 and is still paused.
    stops = pd.DataFrame(
        {
            "row": [1, 2],
            "paused_at": pd.to_datetime(["2026-10-09 15:00", "2026-10-09 15:00"]),
            "resumed_at": pd.to_datetime(["2026-10-12 10:00", None]),
            "reason": ["awaiting the invoice", None],
        }
    )
    r = c.evaluate(events, now="2026-10-14 12:00", pauses=stops)
    assert list(r.index) == ["plain", "paused", "still_paused"]
    assert list(r["investigation.state"].astype(str)) == ["breached", "met", "paused"]
    assert [None if pd.isna(d) else d.date() for d in r["investigation.last_day"]] == [
        dt.date(2026, 10, 13),
        dt.date(2026, 10, 16),
        None,
    ]
    assert pd.isna(r["investigation.due"]["still_paused"])
    assert list(r["ack.state"].astype(str)) == ["met"] * 3
    # the same as the case
    case = c.open(received_at="2026-09-30T16:20").record("acknowledged", at="2026-10-01T09:30")
    case = case.pause("awaiting the invoice", at="2026-10-09T15:00").resume(at="2026-10-12T10:00")
    s = case.record("investigated", at="2026-10-14T11:00").status(now="2026-10-14T12:00")["investigation"]
    assert r["investigation.due"]["paused"] == s.due
    # without pauses, the pausable clause needs the caller's word that there were none
    with pytest.raises(ContractError, match="can be paused"):
        c.evaluate(events, now="2026-10-14 12:00")


PAUSE_ERRORS: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"row": None}, InvalidInputError, "pauses need a column 'row'"),
    ({"row": [3]}, InvalidInputError, "pauses row 0: 'row' 3 is not a row of the events (0..1)"),
    ({"row": ["a"]}, InvalidInputError, "pauses 'row' must hold integer positions"),
    ({"paused_at": [None]}, InvalidInputError, "pauses: 1 rows with a pause without 'paused_at'"),
    ({"resumed_at": ["2026-10-20T09:00"]}, InvalidInputError, "'resumed_at' after now (leave it NaT"),
    ({"resumed_at": ["2026-10-09T14:00"]}, InvalidInputError, "'resumed_at' before 'paused_at'"),
    ({"paused_at": ["2026-09-30T10:00"]}, InvalidInputError, "row 0: a pause before any of the case's events"),
    (
        {"row": [0, 0], "paused_at": ["2026-10-09T15:00", "2026-10-10T09:00"], "resumed_at": [None, None]},
        InvalidInputError,
        "row 0 (with pauses): the case is already paused since 2026-10-09T15:00:00+08:00",
    ),
]


@pytest.mark.parametrize(("changes", "error", "message"), PAUSE_ERRORS, ids=[m[:40] for *_, m in PAUSE_ERRORS])
def test_bad_pauses(changes: dict[str, Any], error: type[Exception], message: str) -> None:
    events = {
        "received": ["2026-09-30T16:20", "2026-09-30T16:20"],
        "acknowledged": ["2026-10-01T09:30", None],
        "investigated": [None, None],
    }
    stops: dict[str, Any] = {"row": [0], "paused_at": ["2026-10-09T15:00"], "resumed_at": ["2026-10-12T10:00"]}
    stops = {k: v for k, v in (stops | changes).items() if v is not None}
    with pytest.raises(error) as info:
        paused_desk().evaluate(events, now="2026-10-14T12:00", pauses=stops)
    assert message in str(info.value)


# -- the calendar a batch is counted on; provisional rows ------------------------------------------------------

FIXTURE = FIXTURES / "FICTIONAL-cn-2027.toml"  # an openly invented 2027


@pytest.mark.parametrize("region", ["CN", "HK", "MO", "TW"])
@pytest.mark.parametrize("built", [False, True], ids=["name", "calendar"])
def test_every_region_agrees_with_cases(region: str, built: bool) -> None:
    """``calendar="HK"`` used to fail inside (a region name where a built calendar was expected)."""
    calendar: Any = sc.calendar(region) if built else region
    # around National Day, the Double Ninth (HK, MO 10-19), Christmas (HK, MO) and Taiwan's October holidays
    t = {
        "received": ["2026-09-28T09:00", "2026-09-30T20:00", "2026-10-16T17:00", "2026-12-22T10:00"],
        "acknowledged": ["2026-09-29T08:00", None, "2026-10-17T18:00", None],
        "solved": [None, "2026-10-09T12:00", None, None],
    }
    now = "2026-12-28T09:00"
    r = SMALL.evaluate(t, now=now, calendar=calendar)
    for i in range(4):
        case = SMALL.open(received_at=t["received"][i], calendar=calendar)
        for event in ("acknowledged", "solved"):
            if t[event][i]:
                case = case.record(event, at=t[event][i])
        for s in case.status(now=now).clauses:
            want = {
                "state": s.state,
                "due": wall(s.due),
                "last_day": np.datetime64(s.last_day, "D") if s.last_day else np.datetime64("NaT", "D"),
                "overdue_by": np.timedelta64(s.overdue_by, "us") if s.overdue_by else np.timedelta64("NaT", "us"),
                "provisional": False,
            }
            for field, value in want.items():
                got = r[f"{s.clause}.{field}"][i]
                same = (np.isnat(got) and np.isnat(value)) if field in ("due", "last_day", "overdue_by") else False
                assert same or got == value, (region, i, s.clause, field, got, value)
    days = [str(d) for d in r["solution.last_day"]]
    assert days[0] == {"CN": "2026-10-10", "HK": "2026-10-06", "MO": "2026-10-06", "TW": "2026-10-05"}[region]


def test_a_calendar_given_by_spec_table_or_built_is_the_same() -> None:
    t = {"received": ["2026-09-30T20:00"], "acknowledged": [None], "solved": [None]}
    results = [
        SMALL.evaluate(t, now="2026-10-09T09:00", calendar=cal)
        for cal in ("HK", sc.CalendarSpec("HK"), {"region": "HK"}, sc.calendar("HK"))
    ]
    for r in results[1:]:
        assert {k: list(map(str, v)) for k, v in r.items()} == {k: list(map(str, v)) for k, v in results[0].items()}
    # HK rests 10-01 (National Day) and 10-19 (Chung Yeung, observed) but works 10-02..: 5 workdays end 10-08
    assert results[0]["solution.last_day"][0] == np.datetime64("2026-10-08")
    with pytest.raises(InvalidInputError, match="calendar must be a WorkCalendar"):
        SMALL.evaluate(t, now="2026-10-09T09:00", calendar=3)


def test_past_the_calendar_data_says_where_the_calendar_goes() -> None:
    t = {"received": ["2026-12-28T09:00"], "acknowledged": [None], "solved": [None]}
    with pytest.raises(CalendarHorizonError, match=r"contract\.evaluate\(\.\.\., calendar=cal\)"):
        SMALL.evaluate(t, now="2026-12-29T09:00")


def year_end_rows() -> dict[str, list[str | None]]:
    # row 0: 5 workdays from 12-28 run into 2027 (provisional); row 1: all inside 2026; row 2: not received
    return {
        "received": ["2026-12-28T09:00", "2026-12-01T09:00", None],
        "acknowledged": ["2026-12-28T10:00", "2026-12-01T10:00", None],
        "solved": [None, "2026-12-03T09:00", None],
    }


@pytest.mark.parametrize("kind", ["mapping", "pandas", "polars", "pyarrow"])
def test_provisional_rows_on_a_projected_calendar(kind: str) -> None:
    rows = year_end_rows()
    frame = pd.DataFrame(rows).apply(pd.to_datetime)
    table: Any = {
        "mapping": rows,
        "pandas": frame,
        "polars": pl.from_pandas(frame),
        "pyarrow": pa.Table.from_pandas(frame, preserve_index=False),
    }[kind]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = SMALL.evaluate(table, now="2026-12-29T09:00", calendar=sc.calendar("CN", horizon="projected"))
    assert [w.category for w in caught] == [sc.ProvisionalWarning]  # one for the call, at this line
    assert caught[0].filename == __file__
    assert "1 of 3 rows of 'solution'" in str(caught[0].message)
    flags = {
        "mapping": lambda c: list(r[c]),
        "pandas": lambda c: list(r[c]),
        "polars": lambda c: r[c].to_list(),
        "pyarrow": lambda c: r[c].to_pylist(),
    }[kind]
    assert flags("solution.provisional") == [True, False, False]
    assert flags("ack.provisional") == [False, False, False]  # 24 hours read no calendar day
    if kind == "mapping":
        assert r["solution.provisional"].dtype == np.bool_
    elif kind == "pandas":
        assert r["solution.provisional"].dtype == bool
    elif kind == "polars":
        assert r["solution.provisional"].dtype == pl.Boolean
    else:
        assert r.schema.field("solution.provisional").type == pa.bool_()


def test_a_published_year_gives_official_rows() -> None:
    r = SMALL.evaluate(year_end_rows(), now="2026-12-29T09:00", calendar=sc.calendar("CN", arrangements=FIXTURE))
    assert list(r["solution.provisional"]) == [False, False, False]
    assert r["solution.last_day"][0] == np.datetime64("2027-01-05")  # the fixture rests 01-01..01-03


def test_provisional_rows_with_pauses_are_the_cases_own() -> None:
    projected = sc.calendar("CN", horizon="projected")
    c = sc.Contract(
        "hold",
        [sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", pausable=True)],
        events=["received"],
    )
    t = {"received": ["2026-12-14T09:00", "2026-12-14T09:00"], "solved": [None, None]}
    pauses = {"row": [1], "paused_at": ["2026-12-15T09:00"], "resumed_at": ["2026-12-28T09:00"]}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = c.evaluate(t, now="2026-12-28T10:00", pauses=pauses, calendar=projected)
        case = c.open(received_at="2026-12-14T09:00", calendar=projected).pause("waiting", at="2026-12-15T09:00")
        s = case.resume(at="2026-12-28T09:00").status(now="2026-12-28T10:00")["solution"]
    assert [w.category for w in caught] == [sc.ProvisionalWarning] * 2  # evaluate's, and the status's
    # row 0: 12-15..12-21, official; row 1: 1 workday used (12-14 is day 0, 12-15 the pause day), 4 from 12-28
    assert list(r["solution.provisional"]) == [False, True]
    assert (r["solution.last_day"][1], s.provisional) == (np.datetime64(s.last_day, "D"), True)


def test_an_extension_cap_is_counted_on_the_extended_rows_only() -> None:
    """The cap of a row never extended is no limit of its own: counted on every row once one row was extended, it
    ran past the data (a start in December, 30 workdays) and refused the whole table (a fuzz finding)."""
    ext = sc.Extension("30个工作日", event="complex_notified")
    c = sc.Contract(
        "desk",
        [sc.Clause("standard", "10个工作日", starts_on="received", met_by="proposed", extension=ext)],
        events=["received"],
    )
    table = {
        "received": np.array(["2026-12-06T22:29", "2026-11-07T09:34"], "datetime64[m]"),
        "complex_notified": np.array(["NaT", "2026-11-16T14:13"], "datetime64[m]"),
        "proposed": np.array(["NaT", "NaT"], "datetime64[m]"),
    }
    now = "2026-12-17T16:00"
    alone = c.open(received_at="2026-12-06T22:29").status(now=now)["standard"]
    extended = c.open(received_at="2026-11-07T09:34").extend("standard", notified_at="2026-11-16T14:13").status(now=now)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no ProvisionalWarning for a cap no row has
        got = c.evaluate(table, now=now)
    assert list(got["standard.state"]) == [alone.state, extended["standard"].state] == ["running", "running"]
    assert list(got["standard.last_day"]) == [
        np.datetime64(alone.last_day),
        np.datetime64(extended["standard"].last_day),
    ]


DESK = sc.Contract(
    "desk",
    [
        sc.Clause("first_reply", "2个工作小时", starts_on="received", met_by="agent_replied"),
        sc.Clause(
            "progress", "2个工作日", kind="recurring", periodic=True,
            starts_on="received", met_by="progress_sent", stops_on="solved",
        ),
    ],
    events=["received", "solved"],
    calendar=sc.CalendarSpec("CN", hours="09:00-12:00,13:30-18:00"),
)  # fmt: skip


def _log(*occurrences: tuple[str, str]) -> dict[str, Any]:
    return {
        "row": np.zeros(len(occurrences), dtype=np.int64),
        "event": np.array([e for e, _ in occurrences], dtype=object),
        "at": np.array([at for _, at in occurrences], dtype="datetime64[us]"),
    }


def test_a_logged_receipt_is_the_receipt_and_a_later_reply_in_the_table_is_taken() -> None:
    """``received`` starts a periodic clause, so it is logged: the reply the table holds after it is no receipt,
    and was refused as "earlier than their case's first event in the table" (a fuzz finding)."""
    now = "2026-03-02T11:00"
    case = DESK.open(received_at="2026-03-02T10:00").record("agent_replied", at="2026-03-02T10:30")
    table = {"agent_replied": np.array(["2026-03-02T10:30"], "datetime64[us]")}
    got = DESK.evaluate(table, now=now, log=_log(("received", "2026-03-02T10:00")), ignore_pauses=True)
    assert got["first_reply.state"][0] == case.status(now=now)["first_reply"].state == "met"
    refused = _log(("progress_sent", "2026-03-02T09:00"), ("received", "2026-03-02T10:00"))
    with pytest.raises(sc.InvalidInputError, match="earlier than their case's receipt"):
        DESK.evaluate(table, now=now, log=refused, ignore_pauses=True)  # a progress notice before the receipt


def test_the_help_desk_verifies_and_its_cases_match_evaluate() -> None:
    """``verify`` put the logged receipt beside the table's events and reported every timeline as a mismatch."""
    report = DESK.verify(resolution="1小时", first="2026-03-02", last="2026-03-04")
    assert report.ok, [(r.name, r.failed) for r in report.results if not r.holds]
