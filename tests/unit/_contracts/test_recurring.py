"""Recurring clauses in cases: a timer that runs many times, cycle by cycle."""

from __future__ import annotations

import pytest

import slaclock as sc
from slaclock.errors import ContractError, InvalidInputError


def desk() -> sc.Contract:
    cal = sc.calendar("CN").with_hours("09:00-12:00,13:00-18:00")
    return sc.Contract(
        "desk",
        [
            sc.Clause("first_reply", "4个工作小时", starts_on="received", met_by="agent_replied"),
            sc.Clause(
                "next_reply",
                "4个工作小时",
                kind="recurring",
                starts_on="customer_replied",
                met_by="agent_replied",
                stops_on="solved",
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
        ],
        events=["received", "customer_replied", "solved"],
        calendar=cal,
    )


def test_every_customer_message_starts_a_cycle_unless_one_is_open() -> None:
    case = desk().open(received_at="2026-11-02T10:00")
    case = case.record("agent_replied", at="2026-11-02T10:30")  # meets first_reply; no next_reply cycle open
    case = case.record("customer_replied", at="2026-11-02T11:00")
    case = case.record("customer_replied", at="2026-11-02T11:30")  # still the same cycle
    case = case.record("agent_replied", at="2026-11-02T15:00")  # 3 working hours after 11:00 (lunch 12–13)
    case = case.record("customer_replied", at="2026-11-03T09:00")
    s = case.status(now="2026-11-03T13:30", lang="en")["next_reply"]
    assert [(c.start.isoformat(), c.state) for c in s.cycles] == [
        ("2026-11-02T11:00:00+08:00", "met"),
        ("2026-11-03T09:00:00+08:00", "running"),
    ]
    assert s.state == "running"
    assert s.due is not None
    assert s.due.isoformat() == "2026-11-03T14:00:00+08:00"  # 09:00-12:00 and 13:00-14:00


def test_a_late_reply_breaches_its_cycle_and_the_clause_remembers() -> None:
    case = desk().open(received_at="2026-11-02T10:00").record("customer_replied", at="2026-11-02T10:30")
    case = case.record("agent_replied", at="2026-11-03T10:00")  # 4 working hours after 10:30 is 15:30
    case = case.record("customer_replied", at="2026-11-03T11:00").record("agent_replied", at="2026-11-03T11:10")
    s = case.status(now="2026-11-04T09:00", lang="en")["next_reply"]
    assert [c.state for c in s.cycles] == ["breached", "met"]
    assert s.cycles[0].due is not None
    assert s.cycles[0].due.isoformat() == "2026-11-02T15:30:00+08:00"
    assert s.state == "met"
    assert (s.met_cycles, s.breached_cycles, s.ever_breached) == (1, 1, True)
    assert s.explanation.startswith("cycle 2\n")


def test_a_stop_closes_the_open_cycle_without_an_outcome_or_as_breached_if_late() -> None:
    c = desk()
    early = c.open(received_at="2026-11-02T10:00").record("customer_replied", at="2026-11-02T10:30")
    early = early.record("solved", at="2026-11-02T11:00")
    s = early.status(now="2026-11-05T09:00", lang="en")["next_reply"]
    assert [x.state for x in s.cycles] == ["stopped"]
    assert s.state == "stopped"
    assert s.phrase("en") == "stopped"
    assert not s.ever_breached
    late = c.open(received_at="2026-11-02T10:00").record("customer_replied", at="2026-11-02T10:30")
    late = late.record("solved", at="2026-11-03T11:00")
    s = late.status(now="2026-11-05T09:00", lang="en")["next_reply"]
    assert s.state == "breached"
    assert s.overdue_by is not None
    assert s.overdue_by.total_seconds() == (24 - 4.5) * 3600
    # a reply after the stop meets nothing; a new message opens a new cycle
    late = late.record("agent_replied", at="2026-11-03T12:00").record("customer_replied", at="2026-11-04T09:00")
    s = late.status(now="2026-11-04T10:00", lang="en")["next_reply"]
    assert [x.state for x in s.cycles] == ["breached", "running"]


def test_a_periodic_clause_restarts_at_each_notice_while_open() -> None:
    case = desk().open(received_at="2026-11-02T10:00")  # Monday
    case = case.record("progress_sent", at="2026-11-04T09:00")  # due Wed 24:00: met
    s = case.status(now="2026-11-09T10:00", lang="en")["progress"]
    assert [(x.state, x.due.isoformat() if x.due else None) for x in s.cycles] == [
        ("met", "2026-11-05T00:00:00+08:00"),
        ("breached", "2026-11-07T00:00:00+08:00"),  # 2 workdays after Wednesday: Friday 24:00
    ]
    case = case.record("progress_sent", at="2026-11-09T11:00").record("solved", at="2026-11-09T12:00")
    s = case.status(now="2026-11-20T10:00", lang="en")["progress"]
    assert [x.state for x in s.cycles] == ["met", "breached", "stopped"]
    assert s.state == "stopped"
    assert s.cycles[1].done_at is not None  # the late notice closed the breached cycle


def test_no_cycle_yet_is_not_started() -> None:
    s = desk().open(received_at="2026-11-02T10:00").status(now="2026-11-02T11:00")["next_reply"]
    assert s.state == "not_started"
    assert s.cycles == ()


def test_repeated_events_are_allowed_only_for_recurring_clauses() -> None:
    case = desk().open(received_at="2026-11-02T10:00").record("agent_replied", at="2026-11-02T10:30")
    case = case.record("agent_replied", at="2026-11-02T10:40")  # next_reply's met_by: may repeat
    s = case.status(now="2026-11-02T11:00")["first_reply"]
    assert s.done_at is not None
    assert s.done_at.isoformat() == "2026-11-02T10:30:00+08:00"
    once = sc.Contract("x", [sc.Clause("a", "1小时", starts_on="received", met_by="done")], events=["received"])
    case = once.open(received_at="2026-11-02T10:00").record("done", at="2026-11-02T10:30")
    with pytest.raises(InvalidInputError, match="already recorded"):
        case.record("done", at="2026-11-02T10:40")


def test_a_stored_case_with_repeated_events_replays() -> None:
    c = desk()
    case = c.open(received_at="2026-11-02T10:00").record("customer_replied", at="2026-11-02T10:30")
    case = case.record("agent_replied", at="2026-11-02T11:00").record("customer_replied", at="2026-11-02T11:30")
    assert sc.Case.from_dict(c, case.to_dict()) == case
    assert sc.Contract.from_toml(c.to_toml()) == c
    assert c.repeated_events == ("customer_replied", "agent_replied", "solved", "received", "progress_sent")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "recurring", "starts_on": "2026-01-01", "met_by": "b"}, "starts on an event"),
        ({"kind": "recurring", "starts_on": "a", "met_by": "b", "stops_on": "b"}, "stops_on 'b' must differ"),
        ({"kind": "deadline", "starts_on": "a", "met_by": "b", "stops_on": "c"}, "only a recurring clause"),
        ({"kind": "deadline", "starts_on": "a", "met_by": "b", "periodic": True}, "only a recurring clause"),
        ({"kind": "recurring", "starts_on": "a", "met_by": "b", "escalation": "e"}, "no extension or escalation"),
        ({"kind": "recurring", "starts_on": "a"}, "needs met_by"),
    ],
)
def test_bad_recurring_clauses_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ContractError, match=message):
        sc.Clause("r", "4小时", **kwargs)  # type: ignore[arg-type]


def test_a_stop_event_must_be_in_the_vocabulary() -> None:
    with pytest.raises(ContractError, match="stops on 'closed'"):
        sc.Contract(
            "x",
            [sc.Clause("r", "4小时", kind="recurring", starts_on="asked", met_by="answered", stops_on="closed")],
            events=["asked"],
        )
