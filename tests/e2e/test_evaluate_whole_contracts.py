"""End to end: a whole seed contract evaluated at once, every clause kind, by hand and against its cases.

``Contract.evaluate`` with no ``clauses`` follows every clause: deadlines, notices, monthly limits and
windows. 2026 facts (State Council notice): National Day 10-01..10-07 off, Saturday 10-10 worked, Friday
09-25 (Mid-Autumn) off; October's first workday is 10-08.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

import slaclock as sc
from slaclock import templates

SH = dt.timezone(dt.timedelta(hours=8))
NOW = "2026-10-20T09:00"
FIELDS = ("state", "due", "last_day", "overdue_by", "provisional")


def cases_agree(c: sc.Contract, t: pd.DataFrame, r: pd.DataFrame, now: str) -> None:
    """Each row replayed as a case gives every clause the same state, due, last day, overdue time and flag."""
    for i in range(len(t)):
        events = sorted((at, name) for name, at in t.iloc[i].items() if not pd.isna(at))
        case = c.open(received_at=events[0][0].to_pydatetime(), event=events[0][1])
        for at, name in events[1:]:
            case = case.record(name, at=at.to_pydatetime())
        status = case.status(now=now)
        assert not status.not_supported
        assert {s.clause for s in status.clauses} == {k.name for k in c.clauses}
        for s in status.clauses:
            row = {f: r[f"{s.clause}.{f}"].iloc[i] for f in FIELDS}
            assert row["state"] == s.state, (i, s.clause, row, s)
            assert (pd.isna(row["due"]) and s.due is None) or row["due"] == pd.Timestamp(s.due), (i, s.clause)
            assert (pd.isna(row["last_day"]) and s.last_day is None) or row["last_day"].date() == s.last_day
            assert (pd.isna(row["overdue_by"]) and s.overdue_by is None) or row["overdue_by"] == s.overdue_by
            assert bool(row["provisional"]) is s.provisional


def seed_002() -> sc.Contract:
    """Seed 002 (text 0) with its blanks filled: deadline, notice, monthly and window clauses."""
    return templates.complaint_handling(
        term=1,
        cure=15,
        termination_notice=30,
        termination_formalities=15,
        fee_payment=10,
        handling_fee_payment=5,
        confidentiality=3,
    )


def test_seed_002_every_clause_at_once() -> None:
    c = seed_002()
    assert {k.kind for k in c.clauses} == {"deadline", "notice", "monthly", "window"}
    n = None
    t = pd.DataFrame(
        {
            "effective": ["2026-01-05T09:00", "2026-10-09T09:00"],
            "signed": ["2026-01-04T10:00", "2026-10-08T10:00"],
            "breach_notified": ["2026-09-16T10:00", n],
            "terminated": [n, "2026-10-15T00:00"],
            "termination_notice_received": [n, "2026-09-10T09:00"],
            "fee_list_received": ["2026-09-28T09:00", n],
            "report_received": [n, "2026-10-12T09:00"],
            "breach_cured": [n, n],
            "termination_notified": [n, "2026-09-10T09:00"],
            "termination_completed": [n, n],
            "fee_list_submitted": ["2026-09-20T10:00", n],
            "fee_paid": ["2026-10-16T10:00", n],
            "maintenance_fee_paid": ["2026-08-31T10:00", n],
            "handling_fee_paid": [n, n],
        }
    ).apply(pd.to_datetime)
    r = c.evaluate(t, now=NOW)
    assert [k for k in r.columns if k.endswith(".state")] == [f"{k.name}.state" for k in c.clauses]

    def row(clause: str, i: int) -> tuple[str, str | None, str | None]:
        due, over = r[f"{clause}.due"].iloc[i], r[f"{clause}.overdue_by"].iloc[i]
        return (
            str(r[f"{clause}.state"].iloc[i]),
            None if pd.isna(due) else due.strftime("%m-%d %H:%M"),
            None if pd.isna(over) else str(over),
        )

    # §5.1 term, a window of 1 year from 2026-01-05 (day not counted): to 2027-01-05 24:00, no met_by
    assert row("term", 0) == ("running", "01-06 00:00", None)
    # §6.2.4 cure, 15日 from 09-16: 09-17..10-01 (a holiday) → art. 203 → 10-08; still not cured
    assert row("cure", 0) == ("breached", "10-09 00:00", "11 days 09:00:00")
    # §6.3.1 notice 30日 before the termination on 10-15: the latest notice day is 09-15; given 09-10
    assert row("termination_notice", 0) == ("not_started", None, None)  # no termination date yet
    assert row("termination_notice", 1) == ("met", "09-16 00:00", None)
    # §6.3.2 formalities, 15日 from 09-10: last day 09-25 (Mid-Autumn, off) → 09-28
    assert row("termination_formalities", 1) == ("breached", "09-29 00:00", "21 days 09:00:00")
    # monthly "before the first workday": October's due is 10-08 00:00; the window opened at September's
    # (09-01 00:00), so a list on 09-20 meets October, a payment on 08-31 does not
    assert row("fee_list", 0) == ("met", "10-08 00:00", None)
    assert row("maintenance_fee", 0) == ("breached", "10-08 00:00", "12 days 09:00:00")
    # effective 10-09, after October's due: October owes nothing
    assert row("fee_list", 1) == ("not_started", None, None)
    # §7.2.2 10 workdays from 09-28: 09-29, 09-30, 10-08, 09, 10 (Sat, worked), 12..16 → paid 10-16 in time
    assert row("fee_payment", 0) == ("met", "10-17 00:00", None)
    # §7.3.2 5 workdays from 10-12: 10-13..16, 19 → due 10-20 00:00, nine hours ago
    assert row("handling_fee_payment", 1) == ("breached", "10-20 00:00", "0 days 09:00:00")
    # §9.2 confidentiality, 3 years from signing
    assert str(r["confidentiality.last_day"].iloc[0].date()) == "2029-01-04"
    assert not r[[f"{k.name}.provisional" for k in c.clauses]].to_numpy().any()
    cases_agree(c, t, r, NOW)


def test_seed_000_windows_evaluated_with_the_rest() -> None:
    c = templates.appeasement(
        voucher_from="2026-07-07",
        voucher_until="2026-10-07",
        warranty_extension=6,
        warranty_from="2025-08-23",
        priority_service=3,
    )
    t = pd.DataFrame(
        {
            "effective": ["2026-09-01T10:00", "2026-07-01T10:00", "2026-09-01T10:00"],
            "voucher_used": ["2026-10-07T23:00", None, "2026-07-06T12:00"],
        }
    ).apply(pd.to_datetime)
    r = c.evaluate(t, now=NOW)
    # the voucher's range ends 10-07, a holiday, and is not moved (an agreed range): 24:00 of 10-07
    assert list(r["voucher.state"].astype(str)) == ["met", "breached", "breached"]
    assert r["voucher.due"].iloc[0] == pd.Timestamp("2026-10-08T00:00", tz="Asia/Shanghai")
    assert r["voucher.overdue_by"].iloc[1] == pd.Timedelta("12 days 09:00:00")
    assert pd.isna(r["voucher.overdue_by"].iloc[2])  # used before the range opened
    # the warranty's 6 months from 2025-08-23 ran out on 2026-02-23: a term, so expired (not breached)
    assert list(r["warranty_extension.state"].astype(str)) == ["expired"] * 3
    # priority service for 3 months from the effective day
    assert list(r["priority_service.last_day"].dt.strftime("%Y-%m-%d")) == ["2026-12-01", "2026-10-01", "2026-12-01"]
    assert list(r["priority_service.state"].astype(str)) == ["running", "expired", "running"]
    cases_agree(c, t, r, NOW)
    assert list(np.unique(np.asarray(r["warranty_extension.state"].astype(str)))) == ["expired"]
