"""A help desk's policy on columns equals the same cases replayed one by one: ``evaluate`` == ``Case.status``.

The policy uses the shapes help desks run: a first reply whose target is chosen per ticket by priority (a
target table), a next-reply timer after every customer message (a recurring clause that a solve stops), a
progress notice every 2 workdays while the ticket is open (a periodic recurring clause), and a resolution
target by priority that pauses while the customer is awaited, with warning ladders (shares and leads), and a
window for the customer's feedback after the solve.
Tickets are generated as ticket systems export them: a wide table (received, priority, region) and a long log
of occurrences (customer messages, agent replies, progress notices, solves, reopenings after a solve), plus a
pauses table. Each ticket is replayed as a :class:`~slaclock.Case` recorded in the same order, on its own
customer's calendar (mainland, Hong Kong, or a mainland night desk working 22:00-06:00 shifts owned by the day
they start on: one queue, ``calendars=``). Every clause's state, due, last day,
overdue time, provisional flag, (recurring) cycle counts and (ladder) warning instants and risk must agree,
under two conventions, over holidays with makeup days. Hypothesis draws the seed, the season, the convention
and ``now``; each example checks a batch of 400 tickets, and the 26 examples together 10,400 tickets. Six more
batches run across the year end on projected calendars, where dues, cycles and warnings read days past the
official data and must be provisional in the same rows and clauses.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slaclock as sc

EVENTS = ("customer_replied", "agent_replied", "progress_sent", "solved", "feedback_given")
PRIORITIES = np.array(["P1", "P2", "P3", "P4", None], dtype=object)
SEASONS = (dt.datetime(2026, 1, 26), dt.datetime(2026, 9, 22), dt.datetime(2026, 4, 28), dt.datetime(2025, 12, 29))
BATCH = 400
EXAMPLES = 26  # 26 x 400 = 10,400 tickets


HOURS = "09:00-12:00,13:30-18:00"
CALENDARS = {
    "CN": sc.calendar("CN").with_hours(HOURS),
    "HK": sc.calendar("HK").with_hours(HOURS),
    # a night desk: a shift from 22:00 to 06:00 owned by the day it starts on, beside a morning
    "NIGHT": sc.calendar("CN").with_hours("08:00-12:00,22:00-06:00"),
}


PROJECTED = {
    "CN": sc.calendar("CN", horizon="projected").with_hours(HOURS),
    "HK": sc.calendar("HK", horizon="projected").with_hours(HOURS),
    "NIGHT": sc.calendar("CN", horizon="projected").with_hours("08:00-12:00,22:00-06:00"),
}
"""The same desks past the official data (2026-12-31): the statutory holidays alone, every count that reads such a
day provisional."""


def policy(convention: str, calendars: dict[str, sc.WorkCalendar] = CALENDARS) -> sc.Contract:
    cal = calendars["CN"]
    first = [
        {"when": {"priority": "P1"}, "period": "1个工作小时"},
        {"when": {"priority": "P2"}, "period": "2个工作小时"},
        {"period": "4个工作小时"},
    ]
    resolution = [
        {"when": {"priority": "P1"}, "period": "2个工作日"},
        {"when": {"priority": ["P2", "P3"]}, "period": "3个工作日"},
        {"period": "5个工作日"},
    ]
    return sc.Contract(
        "help_desk",
        [
            sc.Clause("first_reply", first, starts_on="received", met_by="agent_replied", warn_at=0.5),
            sc.Clause(
                "next_reply",
                "4个工作小时",
                kind="recurring",
                starts_on="customer_replied",
                met_by="agent_replied",
                stops_on="solved",
                warn=[0.5, 0.75, "1个工作小时"],
            ),
            sc.Clause(
                "progress",
                "2个工作日",
                kind="recurring",
                periodic=True,
                starts_on="received",
                met_by="progress_sent",
                stops_on="solved",
            ),
            sc.Clause(
                "resolution",
                resolution,
                starts_on="received",
                met_by="solved",
                pausable=True,
                warn=[0.5, 0.9, "1个工作日"],
            ),
            # after the (first) solve, the customer's feedback is welcome for 7 days: a window clause
            sc.Clause("feedback", "7日", kind="window", starts_on="solved", met_by="feedback_given"),
        ],
        events=["received", "customer_replied"],
        calendar=cal,
        convention=convention,
    )


def tickets(seed: int, now: dt.datetime) -> dict[str, Any]:
    """A batch of tickets received in the 20 days before now: received and priority per row, a log of
    occurrences, and pauses; every instant before now."""
    rng = np.random.default_rng(seed)
    received, priority, log, pauses, region = [], [], [], [], []
    for row in range(BATCH):
        t = now - dt.timedelta(minutes=int(rng.integers(1, 20 * 24 * 60)))
        received.append(t)
        region.append(str(rng.choice(["CN", "HK", "NIGHT"], p=[0.5, 0.25, 0.25])))
        priority.append(PRIORITIES[rng.integers(0, 5)])
        paused = False
        for _ in range(int(rng.integers(0, 9))):
            t += dt.timedelta(minutes=int(rng.choice([1, 17, 45, 120, 400, 1500, 3000])))
            if t >= now:
                break
            if rng.random() < 0.12:  # the clock stops while the customer is awaited, or restarts
                if paused:
                    pauses[-1]["resumed_at"] = t
                else:
                    pauses.append({"row": row, "paused_at": t, "resumed_at": None})
                paused = not paused
                continue
            kind = EVENTS[int(rng.choice(5, p=[0.35, 0.35, 0.14, 0.14, 0.02]))]
            if kind == "feedback_given" and any(e["row"] == row and e["event"] == kind for e in log[-10:]):
                continue  # feedback is given once
            log.append({"row": row, "event": kind, "at": t})
    return {"received": received, "priority": priority, "log": log, "pauses": pauses, "region": region}


def replay(
    c: sc.Contract, data: dict[str, Any], row: int, calendars: dict[str, sc.WorkCalendar] = CALENDARS
) -> sc.Case:
    """One ticket as a case: its events and pauses recorded in time order (a pause first at one instant)."""
    case = c.open(
        received_at=data["received"][row],
        attributes={"priority": data["priority"][row]},
        calendar=calendars[data["region"][row]],
    )
    steps: list[tuple[dt.datetime, int, str, str]] = []
    for e in data["log"]:
        if e["row"] == row:
            steps.append((e["at"], 1, "record", e["event"]))
    for p in data["pauses"]:
        if p["row"] == row:
            steps.append((p["paused_at"], 0, "pause", "awaiting_customer"))
            if p["resumed_at"] is not None:
                steps.append((p["resumed_at"], 0, "resume", ""))
    for at, _, kind, name in sorted(steps, key=lambda s: (s[0], s[1])):
        if kind == "record":
            case = case.record(name, at=at)
        elif kind == "pause":
            case = case.pause(name, at=at)
        else:
            case = case.resume(at=at)
    return case


def as_us(x: Any) -> int | None:
    if x is None:
        return None
    return int((x - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(microseconds=1))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(
    seed=st.integers(0, 2**32 - 1),
    season=st.sampled_from(SEASONS),
    convention=st.sampled_from(["civil_code", "business_hours"]),
    after=st.integers(0, 30 * 24 * 60),
    shuffled=st.booleans(),
)
def test_evaluate_equals_case_status_on_help_desk_tickets(
    seed: int, season: dt.datetime, convention: str, after: int, shuffled: bool
) -> None:
    check_batch(seed, season + dt.timedelta(minutes=after), convention, shuffled, CALENDARS)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(
    seed=st.integers(0, 2**32 - 1),
    convention=st.sampled_from(["civil_code", "business_hours"]),
    after=st.integers(0, 25 * 24 * 60),
    shuffled=st.booleans(),
)
def test_evaluate_equals_case_status_across_the_year_end_on_projected_calendars(
    seed: int, convention: str, after: int, shuffled: bool
) -> None:
    """Tickets from 2026-11-25 into January 2027: dues, cycles and warnings past the official data are provisional
    in the same rows and clauses on columns as in the cases (6 examples x 400 tickets)."""
    warnings.simplefilter("ignore", sc.ProvisionalWarning)
    check_batch(seed, dt.datetime(2026, 12, 15) + dt.timedelta(minutes=after), convention, shuffled, PROJECTED)


def check_batch(
    seed: int, now: dt.datetime, convention: str, shuffled: bool, calendars: dict[str, sc.WorkCalendar]
) -> None:
    """One batch of tickets up to ``now``: evaluate on columns equals each ticket's case replayed."""
    c = policy(convention, calendars)
    data = tickets(seed, now)
    keep = list(range(BATCH))  # every ticket was received before now: 26 examples x 400 = 10,400 compared
    index = {r: i for i, r in enumerate(keep)}
    events = {
        "received": np.array([data["received"][r] for r in keep], dtype="datetime64[us]"),
        "priority": np.array([data["priority"][r] for r in keep], dtype=object),
        "region": np.array([data["region"][r] for r in keep], dtype=object),
    }
    log = [e for e in data["log"] if e["row"] in index]
    if shuffled:  # an export in no particular order: evaluate sorts it by case and instant
        log = [log[k] for k in np.random.default_rng(seed).permutation(len(log))]
    table = {
        "row": np.array([index[e["row"]] for e in log], dtype=np.int64),
        "event": np.array([e["event"] for e in log], dtype=object),
        "at": np.array([e["at"] for e in log], dtype="datetime64[us]"),
    }
    stops = [p for p in data["pauses"] if p["row"] in index]
    pauses = {
        "row": np.array([index[p["row"]] for p in stops], dtype=np.int64),
        "paused_at": np.array([p["paused_at"] for p in stops], dtype="datetime64[us]"),
        "resumed_at": np.array(
            [np.datetime64("NaT") if p["resumed_at"] is None else p["resumed_at"] for p in stops],
            dtype="datetime64[us]",
        ),
    }
    got = c.evaluate(events, now=now, log=table, pauses=pauses, calendar="region", calendars=calendars)
    zone = dt.timezone(dt.timedelta(hours=8))
    for i, r in enumerate(keep):
        status = replay(c, data, r, calendars).status(now=now)
        for s in status.clauses:
            name = s.clause
            where = f"row {i} clause {name}"
            assert got[f"{name}.state"][i] == s.state, where
            due = got[f"{name}.due"][i]
            want = None if s.due is None else np.datetime64(s.due.astimezone(zone).replace(tzinfo=None), "us")
            assert (np.isnat(due) and want is None) or due == want, (where, due, s.due)
            last = got[f"{name}.last_day"][i]
            assert (np.isnat(last) and s.last_day is None) or last == np.datetime64(s.last_day, "D"), where
            late = got[f"{name}.overdue_by"][i]
            want_late = (
                None if s.overdue_by is None else np.timedelta64(s.overdue_by // dt.timedelta(microseconds=1), "us")
            )
            assert (np.isnat(late) and want_late is None) or late == want_late, (where, late, s.overdue_by)
            assert got[f"{name}.provisional"][i] == s.provisional, where
            if name in ("next_reply", "resolution"):  # the warning ladders: each rung's instant, and the risk
                risk = got[f"{name}.risk"][i]
                assert risk == s.risk, (where, risk, s.risk)
                given = dict(s.warnings)
                for rung in ("50%", "75%" if name == "next_reply" else "90%"):
                    at = got[f"{name}.warn.{rung}"][i]
                    t = given.get(rung)
                    want_at = None if t is None else np.datetime64(t.astimezone(zone).replace(tzinfo=None), "us")
                    assert (np.isnat(at) and want_at is None) or at == want_at, (where, rung, at, t)
            if name in ("next_reply", "progress"):
                assert got[f"{name}.cycles"][i] == len(s.cycles), where
                assert got[f"{name}.met_cycles"][i] == s.met_cycles, where
                assert got[f"{name}.breached_cycles"][i] == s.breached_cycles, where
                assert got[f"{name}.ever_breached"][i] == s.ever_breached, where


@pytest.mark.parametrize("convention", ["civil_code", "business_hours"])
def test_a_generated_batch_has_every_state_and_many_cycles(convention: str) -> None:
    """The generator reaches what the property needs: every state of each clause, and cases with many cycles."""
    c = policy(convention)
    season = SEASONS[1]
    now = season + dt.timedelta(days=12)
    data = tickets(7, now)
    keep = list(range(BATCH))
    index = {r: i for i, r in enumerate(keep)}
    log = [e for e in data["log"] if e["row"] in index]
    events = {
        "received": np.array([data["received"][r] for r in keep], dtype="datetime64[us]"),
        "priority": np.array([data["priority"][r] for r in keep], dtype=object),
        "region": np.array([data["region"][r] for r in keep], dtype=object),
    }
    table = {
        "row": np.array([index[e["row"]] for e in log]),
        "event": np.array([e["event"] for e in log], dtype=object),
        "at": np.array([e["at"] for e in log], dtype="datetime64[us]"),
    }
    got = c.evaluate(events, now=now, log=table, ignore_pauses=True, calendar="region", calendars=CALENDARS)
    assert set(got["next_reply.state"]) >= {"not_started", "met", "breached", "stopped"}
    assert set(got["first_reply.state"]) >= {"met", "breached"}
    assert set(got["resolution.state"]) >= {"met", "breached"}
    assert got["next_reply.cycles"].max() >= 3
    assert got["progress.cycles"].max() >= 2
    assert {r for r in got["resolution.risk"] if r is not None} >= {"50%", "1个工作日"}
    assert set(got["feedback.state"]) >= {"not_started", "running", "breached"}


def test_a_projected_batch_reaches_provisional_rows() -> None:
    """The year-end property is not vacuous: past the official data, every timed clause has provisional rows."""
    now = dt.datetime(2027, 1, 4, 12)
    data = tickets(1, now)
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
    with pytest.warns(sc.ProvisionalWarning):
        got = policy("civil_code", PROJECTED).evaluate(
            events, now=now, log=log, ignore_pauses=True, calendar="region", calendars=PROJECTED
        )
    for name in ("first_reply", "next_reply", "progress", "resolution"):
        assert got[f"{name}.provisional"].sum() > 10, name
