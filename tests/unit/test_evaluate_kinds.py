"""``Contract.evaluate`` on monthly, notice and window clauses: the edges, by hand and against ``Case.status``.

2026 facts used (State Council notice): National Day 10-01..10-07 off, Saturday 10-10 worked; 09-01 is a
Tuesday (a workday), 10-08 the first workday of October.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest

import slaclock as sc
from slaclock.errors import ContractError, InvalidInputError

SH = dt.timezone(dt.timedelta(hours=8))


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SH)


def col(*values: str | None) -> np.ndarray[Any, Any]:
    return np.array([v if v is not None else "NaT" for v in values], dtype="datetime64[us]")


def as_case(c: sc.Contract, table: dict[str, np.ndarray[Any, Any]], i: int, now: str) -> sc.Status:
    """Row ``i`` replayed as a case (events in time order)."""
    events = sorted((t, name) for name, v in table.items() if not np.isnat(t := v[i]))
    first_at, first = events[0]
    case = c.open(received_at=first_at.item(), event=first)
    for t, name in events[1:]:
        case = case.record(name, at=t.item())
    return case.status(now=now)


def agrees(c: sc.Contract, table: dict[str, np.ndarray[Any, Any]], now: str, result: dict[str, Any]) -> None:
    """Every row and clause of ``result`` says what the case says."""
    rows = len(next(iter(table.values())))
    for i in range(rows):
        for s in as_case(c, table, i, now).clauses:
            assert result[f"{s.clause}.state"][i] == s.state, (i, s)
            due = result[f"{s.clause}.due"][i]
            assert (np.isnat(due) and s.due is None) or due == np.datetime64(s.due.replace(tzinfo=None), "us"), (i, s)
            over = result[f"{s.clause}.overdue_by"][i]
            assert (np.isnat(over) and s.overdue_by is None) or over == np.timedelta64(s.overdue_by, "us"), (i, s)


# -- notice -----------------------------------------------------------------------------------------


def notice_contract() -> sc.Contract:
    return sc.Contract(
        "notice",
        [
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
            sc.Clause("renewal", "10日", kind="notice", starts_on="2026-10-31", met_by="notified", warn_before="2日"),
        ],
        events=["received"],
    )


def test_notice_exactly_at_24_00_of_the_latest_notice_day_is_late() -> None:
    # 10 days' notice before 10-31: the latest notice day is 10-21, the due 10-22 00:00
    c = notice_contract()
    table = {
        "received": col("2026-10-01T09:00", "2026-10-01T09:00", "2026-10-01T09:00", "2026-10-01T09:00"),
        "acknowledged": col(None, None, None, None),
        "notified": col("2026-10-21T23:59:59.999999", "2026-10-22T00:00", None, "2026-10-25T00:00"),
    }
    r = c.evaluate(table, now="2026-10-26T00:00")
    assert list(r["renewal.state"]) == ["met", "breached", "breached", "breached"]
    assert list(r["renewal.due"]) == [np.datetime64("2026-10-22T00:00", "us")] * 4
    assert list(r["renewal.last_day"]) == [np.datetime64("2026-10-21")] * 4
    assert np.isnat(r["renewal.overdue_by"][0])
    assert r["renewal.overdue_by"][1] == np.timedelta64(0, "us")  # at 24:00 exactly: late by nothing, but late
    assert r["renewal.overdue_by"][2] == np.timedelta64(4, "D")  # not given: late until now
    assert r["renewal.overdue_by"][3] == np.timedelta64(3, "D")
    agrees(c, table, "2026-10-26T00:00", r)


def test_notice_running_and_at_risk_before_its_latest_day() -> None:
    c = notice_contract()
    table = {"received": col("2026-10-01T09:00"), "acknowledged": col(None), "notified": col(None)}
    early = c.evaluate(table, now="2026-10-19T23:59")  # 2 days' lead: 10-20 and 10-21 are the last two
    late = c.evaluate(table, now="2026-10-20T00:00")
    at_due = c.evaluate(table, now="2026-10-22T00:00")
    assert (early["renewal.state"][0], late["renewal.state"][0], at_due["renewal.state"][0]) == (
        "running",
        "at_risk",
        "breached",
    )
    for now, r in (("2026-10-19T23:59", early), ("2026-10-20T00:00", late), ("2026-10-22T00:00", at_due)):
        agrees(c, table, now, r)


def test_a_notice_anchored_on_an_event_not_recorded_has_not_started() -> None:
    c = sc.Contract(
        "termination",
        [sc.Clause("notice", "30日", kind="notice", starts_on="terminated", met_by="notified")],
        events=["signed", "terminated"],
    )
    table = {
        "signed": col("2026-01-05T09:00", "2026-01-05T09:00"),
        "terminated": col(None, "2026-06-30T00:00"),
        "notified": col("2026-03-01T09:00", "2026-06-01T09:00"),
    }
    r = c.evaluate(table, now="2026-07-01T09:00")
    assert list(r["notice.state"]) == ["not_started", "breached"]  # 30 days before 06-30: by 05-31 24:00
    assert np.isnat(r["notice.due"][0])
    assert r["notice.last_day"][1] == np.datetime64("2026-05-31")
    agrees(c, table, "2026-07-01T09:00", r)


# -- window -----------------------------------------------------------------------------------------


def window_contract(roll: bool) -> sc.Contract:
    conv = sc.Convention.civil_code().replace(roll_fixed_ranges=roll)
    return sc.Contract(
        "voucher",
        [
            sc.Clause("voucher", kind="window", starts_on="2026-09-01", ends_on="2026-10-01", met_by="used"),
            sc.Clause("term", kind="window", starts_on="received", ends_on="2026-10-01"),
        ],
        events=["received"],
        convention=conv,
    )


@pytest.mark.parametrize(
    ("roll", "last_day"),
    [(False, "2026-10-01"), (True, "2026-10-08")],  # 10-01 is a holiday: rolled only when asked to
)
def test_a_window_whose_last_day_is_a_holiday(roll: bool, last_day: str) -> None:
    c = window_contract(roll)
    table = {
        "received": col("2026-09-10T09:00", "2026-09-10T09:00", "2026-09-10T09:00", "2026-08-20T09:00"),
        "used": col("2026-10-01T23:59", "2026-10-02T00:00", None, "2026-08-25T09:00"),
    }
    now = "2026-10-09T09:00"
    r = c.evaluate(table, now=now)
    close = np.datetime64(last_day, "us") + np.timedelta64(1, "D")
    assert list(r["voucher.last_day"]) == [np.datetime64(last_day)] * 4
    assert list(r["voucher.due"]) == [close] * 4
    used_at_midnight = "met" if roll else "breached"
    assert list(r["voucher.state"]) == ["met", used_at_midnight, "breached", "breached"]
    assert np.isnat(r["voucher.overdue_by"][3])  # used before the window opened: breached, no overdue time
    assert r["voucher.overdue_by"][2] == np.datetime64("2026-10-09T09:00", "us") - close
    assert list(r["term.state"]) == ["expired"] * 4  # a plain term has nothing to miss
    assert all(np.isnat(r["term.overdue_by"]))
    agrees(c, table, now, r)


def test_expired_is_the_last_state_so_the_others_keep_their_codes() -> None:
    from slaclock._contracts.evaluate import STATES

    assert STATES == ("not_started", "running", "paused", "at_risk", "met", "breached", "stopped", "expired")
    c = window_contract(False)
    t = pd.DataFrame({"received": pd.to_datetime(["2026-09-10T09:00"]), "used": pd.to_datetime([None])})
    r = c.evaluate(t, now="2026-10-09T09:00")
    assert list(r["term.state"].cat.categories) == list(STATES)
    assert r["term.state"].cat.codes[0] == 7


def test_a_window_that_ends_before_it_opens_is_refused_as_a_case_reports_it() -> None:
    c = sc.Contract(
        "inspection",
        [sc.Clause("inspection", kind="window", starts_on="received", ends_on="closed", met_by="inspected")],
        events=["received", "closed"],
    )
    status = as_case(c, {"received": col("2026-09-10T09:00"), "closed": col("2026-09-09T09:00")}, 0, "2026-09-11T00:00")
    assert [name for name, _ in status.not_supported] == ["inspection"]
    table = {
        "received": col("2026-09-01T09:00", "2026-09-10T09:00"),
        "closed": col("2026-09-05T09:00", "2026-09-09T09:00"),
        "inspected": col(None, None),
    }
    with pytest.raises(InvalidInputError, match=r"1 rows where the window of clause 'inspection' ends before .* row 1"):
        c.evaluate(table, now="2026-09-11T09:00")


def test_windows_a_case_does_not_evaluate_are_refused_by_name() -> None:
    c = sc.Contract(
        "hours",
        [
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
            sc.Clause("slot", "4小时", kind="window", starts_on="received", met_by="visited"),
        ],
        events=["received"],
    )
    t = {"received": col("2026-09-10T09:00"), "acknowledged": col(None), "visited": col(None)}
    assert [n for n, _ in c.open(received_at="2026-09-10T09:00").status(now="2026-09-10T10:00").not_supported] == [
        "slot"
    ]
    with pytest.raises(ContractError, match=r"'slot' is a window of 4 hours.*leave it out: clauses=\['ack'\]"):
        c.evaluate(t, now="2026-09-10T10:00")
    assert list(c.evaluate(t, now="2026-09-10T10:00", clauses=["ack"])) == [
        f"ack.{f}" for f in ("state", "due", "last_day", "overdue_by", "provisional", "start", "took")
    ]


def test_a_paused_pausable_window_is_refused_with_the_cases_reason() -> None:
    c = sc.Contract(
        "paused",
        [sc.Clause("warranty", "10日", kind="window", starts_on="received", met_by="repaired", pausable=True)],
        events=["received"],
    )
    t = {"received": col("2026-09-10T09:00", "2026-09-10T09:00"), "repaired": col(None, None)}
    stops = {"row": np.array([1]), "paused_at": col("2026-09-11T09:00"), "resumed_at": col("2026-09-12T09:00")}
    with pytest.raises(InvalidInputError, match="pausing a window is not supported yet"):
        c.evaluate(t, now="2026-09-14T09:00", pauses=stops)
    ok = c.evaluate(t, now="2026-09-14T09:00", ignore_pauses=True)  # no pauses at all: followed like any window
    assert list(ok["warranty.state"]) == ["running", "running"]


# -- monthly ----------------------------------------------------------------------------------------


def monthly_contract() -> sc.Contract:
    return sc.Contract(
        "fees",
        [sc.Clause("fee_list", "每月的第一个工作日前", kind="monthly", starts_on="signed", met_by="listed")],
        events=["signed"],
    )


def test_a_before_rule_at_the_month_turn() -> None:
    # October's first workday is 10-08: due 10-08 00:00, last day 10-07. A clause started before October
    # opens October's window where September's closed (09-01 00:00); one started in October, at its start.
    c = monthly_contract()
    table = {
        "signed": col("2026-08-03T09:00", "2026-08-03T09:00", "2026-08-03T09:00", "2026-10-02T09:00"),
        "listed": col("2026-09-15T10:00", "2026-08-31T23:59", "2026-10-08T00:00", "2026-10-05T09:00"),
    }
    now = "2026-10-08T00:00"
    r = c.evaluate(table, now=now)
    assert list(r["fee_list.due"]) == [np.datetime64("2026-10-08T00:00", "us")] * 4
    assert list(r["fee_list.last_day"]) == [np.datetime64("2026-10-07")] * 4
    # 09-15 falls in October's window; 08-31 belonged to August's; at 10-08 00:00 exactly: late by nothing
    assert list(r["fee_list.state"]) == ["met", "breached", "breached", "met"]
    assert list(r["fee_list.overdue_by"][1:3]) == [np.timedelta64(0, "us")] * 2
    agrees(c, table, now, r)
    # a minute before the turn: still running (nothing listed in October's window)
    before = c.evaluate({"signed": table["signed"][1:2], "listed": table["listed"][1:2]}, now="2026-10-07T23:59")
    assert before["fee_list.state"][0] == "running"


def test_a_month_whose_due_came_before_the_clause_started_owes_nothing() -> None:
    c = monthly_contract()
    table = {"signed": col("2026-10-09T09:00", "2026-10-07T09:00"), "listed": col(None, None)}
    now = "2026-10-20T09:00"
    r = c.evaluate(table, now=now)
    # signed 10-09, after October's due (10-08 00:00): October owes nothing; signed 10-07: October's list is late
    assert list(r["fee_list.state"]) == ["not_started", "breached"]
    assert np.isnat(r["fee_list.due"][0])
    assert np.isnat(r["fee_list.last_day"][0])
    agrees(c, table, now, r)


def test_within_the_first_workdays_counts_workdays_and_warns_by_share() -> None:
    c = sc.Contract(
        "fee",
        [sc.Clause("fee", "每月初五个工作日内", kind="monthly", starts_on="2026-01-01", met_by="paid", warn_at=0.6)],
        events=["paid"],
    )
    # October's first five workdays: 10-08, 09, 10 (Sat, worked), 12, 13 → due 10-14 00:00
    # the share used at now: the workdays done before today, of five (10-10: two, 40 %; 10-12: three, 60 %)
    steps = (("2026-10-10T09:00", "running"), ("2026-10-12T09:00", "at_risk"), ("2026-10-14T00:00", "breached"))
    for now, state in steps:
        table = {"paid": col("2026-09-30T09:00")}  # September's payment does not meet October
        r = c.evaluate(table, now=now)
        assert (r["fee.state"][0], r["fee.last_day"][0]) == (state, np.datetime64("2026-10-13")), now
        s = c.open(received_at="2026-09-30T09:00", event="paid").status(now=now)["fee"]
        assert s.state == state


# -- the whole contract -----------------------------------------------------------------------------


def test_every_clause_by_default_and_a_missing_column_says_how_to_leave_its_clause_out() -> None:
    c = sc.templates.customer_service_standards()
    t = {
        "enquiry_received": col("2026-09-30T20:00"),
        "answered": col("2026-10-01T19:00"),
        "complaint_received": col(None),
        "solution_given": col(None),
    }
    with pytest.raises(
        InvalidInputError,
        match=r"no column 'effective', the event clause 'satisfaction_survey' starts on \(and 1 more clause lack a "
        r"column\).*or leave the clause out: clauses=\['enquiry_answer', 'complaint_solution'\]",
    ):
        c.evaluate(t, now="2026-10-03T09:00")
    full = t | {"effective": col("2026-09-01T00:00"), "survey_done": col(None), "fee_paid": col(None)}
    r = c.evaluate(full, now="2026-10-03T09:00")
    assert [k for k in r if k.endswith(".state")] == [f"{k.name}.state" for k in c.clauses]
    assert [r[f"{k.name}.state"][0] for k in c.clauses] == ["met", "not_started", "running", "running"]


def test_paused_rows_replayed_as_cases_keep_the_other_kinds_right() -> None:
    c = sc.Contract(
        "mixed",
        [
            sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", pausable=True),
            sc.Clause("fee", "每月初五个工作日内", kind="monthly", starts_on="received", met_by="paid"),
            sc.Clause("renewal", "30日", kind="notice", starts_on="2026-12-31", met_by="notified"),
            sc.Clause("voucher", "20日", kind="window", starts_on="received", met_by="used"),
        ],
        events=["received"],
    )
    t = {
        "received": col("2026-09-24T10:00", "2026-09-24T10:00"),
        "solved": col(None, None),
        "paid": col("2026-10-09T10:00", None),
        "notified": col(None, "2026-10-12T09:00"),
        "used": col("2026-10-13T09:00", None),
    }
    stops = {"row": np.array([1]), "paused_at": col("2026-09-29T15:00"), "resumed_at": col("2026-10-08T09:00")}
    now = "2026-10-15T09:00"
    r = c.evaluate(t, now=now, pauses=stops)
    assert list(r["fee.state"]) == ["met", "breached"]
    assert list(r["renewal.state"]) == ["running", "met"]
    assert list(r["voucher.state"]) == ["met", "breached"]  # 20 days from 09-24: to 10-14 24:00
    paused = (
        c.open(received_at="2026-09-24T10:00")
        .pause("awaiting", at="2026-09-29T15:00")
        .resume(at="2026-10-08T09:00")
        .record("notified", at="2026-10-12T09:00")
        .status(now=now)
    )
    for s in paused.clauses:
        assert r[f"{s.clause}.state"][1] == s.state
        assert r[f"{s.clause}.due"][1] == np.datetime64(s.due.replace(tzinfo=None), "us")


@pytest.mark.parametrize("rows", [3, 131_073])  # a long table runs in blocks, each clause streamed as it is done
@pytest.mark.parametrize("frame", ["mapping", "polars"])
def test_the_columns_are_in_the_clauses_order_whatever_their_kinds_and_the_tables_length(rows: int, frame: str) -> None:
    """A monthly clause before a deadline clause: a long table gave the deadline's columns first, and the polars
    namespace, which declares its schema from an empty frame, failed on it (a fuzz finding)."""
    import polars as pl

    import slaclock.polars

    c = sc.Contract(
        "m",
        [
            sc.Clause("fee", "每月初五个工作日内", kind="monthly", starts_on="signed", met_by="paid"),
            sc.Clause("cure", "10个工作日", starts_on="signed", met_by="cured"),
            sc.Clause("notice", "5日", kind="notice", starts_on="2026-10-31", met_by="noticed"),
        ],
        events=["signed"],
    )
    nat = np.full(rows, np.datetime64("NaT", "us"))
    table = {"signed": np.full(rows, np.datetime64("2026-03-02T10:00", "us")), "paid": nat, "cured": nat}
    table["noticed"] = nat
    now = "2026-03-20T10:00"
    if frame == "polars":
        got = slaclock.polars.evaluate(pl.LazyFrame(table), c, now=now).collect(engine="in-memory").columns
    else:
        got = list(c.evaluate(table, now=now))
    assert [name.partition(".")[0] for name in got] == sorted(
        (name.partition(".")[0] for name in got), key=["fee", "cure", "notice"].index
    )
    assert got[0] == "fee.state"
