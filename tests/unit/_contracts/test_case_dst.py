"""A case in a zone with daylight saving time compares and adds instants as instants, as ``evaluate`` does.

Python compares and subtracts two datetimes of one zone by their wall fields, ignoring their offsets: on New York's
fall-back night the first 01:30 (EDT, 05:30 UTC) comes after 01:00 EST (06:00 UTC), and across its spring-forward
night 48 hours of wall time have 47 elapsed. A case did its sums and comparisons that way (a fuzz finding).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import slaclock as sc
from slaclock import penalties

ZONE = "America/New_York"
SPEC = sc.CalendarSpec("CN", tz=ZONE)


def _contract(*clauses: sc.Clause) -> sc.Contract:
    return sc.Contract("h", list(clauses), events=["received"], calendar=SPEC)


def _evaluate(c: sc.Contract, now: str, **events: str | None) -> dict[str, object]:
    table = {k: pd.to_datetime([v], utc=True) for k, v in events.items()}
    return dict(c.evaluate(pd.DataFrame(table), now=now))


def test_overdue_by_is_the_time_elapsed_across_a_spring_forward_night() -> None:
    c = _contract(sc.Clause("ack", "24小时", starts_on="received", met_by="acked"))
    received, now = "2026-03-06T12:00", "2026-03-09T12:00"  # the clocks spring forward on 03-08 at 02:00
    s = c.open(received_at=received).status(now=now)["ack"]
    assert s.overdue_by == dt.timedelta(hours=47)  # due 03-07 12:00 EST; 03-09 12:00 EDT is 47 hours later
    table = {"received": np.array([received], "datetime64[us]"), "acked": np.array(["NaT"], "datetime64[us]")}
    assert c.evaluate(table, now=now)["ack.overdue_by"][0] == np.timedelta64(47 * 3600 * 10**6, "us")
    assert s.phrase("en") == "overdue by 47 hours"


def test_a_clause_is_not_breached_before_its_due_in_the_repeated_hour() -> None:
    c = _contract(sc.Clause("quick", "90分钟", starts_on="received", met_by="replied", warn=["30分钟"]))
    received = "2026-11-01T00:30:00-04:00"  # 04:30 UTC: due 06:00 UTC, 01:00 EST
    now = "2026-11-01T01:30:00-04:00"  # the first 01:30, 05:30 UTC: half an hour before the due
    s = c.open(received_at=received).status(now=now)["quick"]
    assert (s.state, s.overdue_by) == ("at_risk", None)
    assert s.due is not None
    assert s.due.isoformat() == "2026-11-01T01:00:00-05:00"
    assert _evaluate(c, now, received=received, replied=None)["quick.state"][0] == "at_risk"  # type: ignore[index]
    late = c.open(received_at=received).record("replied", at="2026-11-01T01:30:00-05:00")  # 06:30 UTC
    assert late.status(now="2026-11-01T02:00:00-05:00")["quick"].overdue_by == dt.timedelta(minutes=30)


def test_warning_instants_are_counted_in_elapsed_time() -> None:
    c = _contract(sc.Clause("quick", "90分钟", starts_on="received", met_by="replied", warn=[0.25, "30分钟"]))
    received = now = "2026-11-01T01:59:00-04:00"  # 05:59 UTC, just before the clocks fall back
    s = c.open(received_at=received).status(now=now)["quick"]
    assert (s.state, s.risk) == ("running", None)
    # due 07:29 UTC; 25% of 90 minutes at 06:21:30 UTC; 30 minutes before the due at 06:59 UTC
    assert [(label, t.isoformat()) for label, t in s.warnings] == [
        ("25%", "2026-11-01T01:21:30-05:00"),
        ("30分钟", "2026-11-01T01:59:00-05:00"),
    ]


def test_an_event_after_now_is_refused_though_its_wall_time_is_earlier() -> None:
    c = _contract(sc.Clause("ack", "24小时", starts_on="received", met_by="acked"))
    case = c.open(received_at="2026-11-01T00:00:00-04:00").record("acked", at="2026-11-01T01:00:00-05:00")
    with pytest.raises(sc.InvalidInputError, match="is earlier than the case's last event"):
        case.status(now="2026-11-01T01:01:00-04:00")  # 05:01 UTC, 59 minutes before the event (06:00 UTC)
    with pytest.raises(sc.InvalidInputError, match="events are recorded in time order"):
        c.open(received_at="2026-11-01T01:10:00-05:00").record("acked", at="2026-11-01T01:30:00-04:00")


def test_is_met_a_window_and_a_payment_compare_instants() -> None:
    cal = SPEC.build()
    d = sc.deadline("2026-11-01T00:30:00-04:00", "90分钟", calendar=cal)  # due 01:00 EST
    assert d is not None
    assert d.is_met("2026-11-01T01:30:00-04:00")  # 05:30 UTC, before the due at 06:00 UTC
    assert not d.is_met("2026-11-01T01:30:00-05:00")
    w = sc.fixed_window("2026-10-30", "2026-10-31", calendar=cal)
    assert "2026-11-01T00:30:00-04:00" not in w
    assert penalties.overdue_days(d, paid_at="2026-11-01T01:30:00-04:00") == 0
    assert penalties.overdue_days(d, paid_at="2026-11-01T01:30:00-05:00") == 1


def test_the_invariants_hold_on_a_case_in_the_repeated_hour() -> None:
    """``evaluate_matches_case`` gave ``evaluate`` the case's wall times, which lose which 01:10 it was."""
    from slaclock import testing

    c = _contract(sc.Clause("ack", "30分钟", starts_on="received", met_by="acked"))
    case = c.open(received_at="2026-11-01T01:10:00-05:00")  # the second 01:10 (EST), 06:10 UTC
    assert case.status(now="2026-11-01T01:20:00-05:00")["ack"].state == "running"
    assert testing.check_case(case, "2026-11-01T01:20:00-05:00") == []
    assert testing.check_case(case.record("acked", at="2026-11-01T01:30:00-05:00")) == []
