"""Targets by rule: a clause's period chosen per case from its attributes, first match wins."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import slaclock as sc
from slaclock._contracts.targets import Targets
from slaclock.errors import ContractError, InvalidInputError, PeriodParseError

ROWS = [
    {"when": {"priority": "P1"}, "period": "2个工作小时"},
    {"when": {"priority": ["P2", "P3"], "tier": "gold"}, "period": "4个工作小时"},
    {"when": {"priority": ["P2", "P3"]}, "period": "8个工作小时"},
    {"period": "3个工作日"},
]


def desk() -> sc.Contract:
    cal = sc.calendar("CN").with_hours("09:00-12:00,13:00-18:00")
    resolution = sc.Clause("resolution", ROWS, starts_on="received", met_by="resolved", warn_before="1个工作小时")
    return sc.Contract("desk", [resolution], events=["received"], calendar=cal)


def test_first_match_wins_and_the_default_takes_the_rest() -> None:
    t = Targets.of(ROWS)
    assert t.period_for({"priority": "P1", "tier": "gold"}) == sc.Period(2, "work_hour")
    assert t.period_for({"priority": "P2", "tier": "gold"}) == sc.Period(4, "work_hour")
    assert t.period_for({"priority": "P3", "tier": "silver"}) == sc.Period(8, "work_hour")
    assert t.period_for({"priority": "P4"}) == sc.Period(3, "workday")
    assert t.period_for({"priority": None}) == sc.Period(3, "workday")  # missing: no condition holds
    assert t.period_for({}) == sc.Period(3, "workday")
    assert t.attributes == ("priority", "tier")


def test_values_compare_exactly() -> None:
    t = Targets.of([{"when": {"priority": 1}, "period": "2小时"}, {"period": "8小时"}])
    assert t.period_for({"priority": 1}) == sc.Period(2, "hour")
    assert t.period_for({"priority": "1"}) == sc.Period(8, "hour")  # text is not a number
    assert t.period_for({"priority": True}) == sc.Period(8, "hour")  # nor is a flag


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "at least its default row"),
        ([{"when": {"priority": "P1"}, "period": "2小时"}], "the last row must be the default"),
        ([{"period": "2小时"}, {"period": "3小时"}], "row 0 has no conditions"),
        (
            [
                {"when": {"priority": ["P1", "P2"]}, "period": "2小时"},
                {"when": {"priority": "P2"}, "period": "3小时"},
                {"period": "4小时"},
            ],
            "row 1 \\(priority = P2\\) is unreachable: every case it would take, row 0",
        ),
        (
            [
                {"when": {"p": "a"}, "period": "2小时"},
                {"when": {"p": "a", "t": "x"}, "period": "3小时"},
                {"period": "4小时"},
            ],
            "row 1 .* is unreachable",
        ),
        ([{"when": {}, "period": "2小时"}, {"period": "4小时"}], "non-empty table"),
        ([{"when": {"p": []}, "period": "2小时"}, {"period": "4小时"}], "empty list"),
        ([{"when": {"p": 1.5}, "period": "2小时"}, {"period": "4小时"}], "text or whole numbers; got float"),
        ([{"when": {"p": "a"}, "period": "2小时", "else": 1}, {"period": "4小时"}], "unknown key 'else'"),
        ([{"when": {"p": "a"}}, {"period": "4小时"}], "has no 'period'"),
        ("3个工作日 or 5", "must be a list of rows"),
        ([{"period": "2小时"}] * 300, "at most 256"),
    ],
)
def test_bad_tables_are_refused_naming_the_row(rows: object, message: str) -> None:
    with pytest.raises(ContractError, match=message):
        Targets.of(rows)


def test_an_unreadable_period_names_its_row() -> None:
    with pytest.raises(PeriodParseError, match="row 1"):
        Targets.of([{"when": {"p": "a"}, "period": "2小时"}, {"period": "soon"}])


def test_a_later_row_that_narrows_other_attributes_is_reachable() -> None:
    t = Targets.of(
        [
            {"when": {"p": "a", "t": "x"}, "period": "2小时"},
            {"when": {"p": "a"}, "period": "3小时"},
            {"period": "4小时"},
        ]
    )
    assert t.period_for({"p": "a", "t": "y"}) == sc.Period(3, "hour")


def test_clause_checks_run_on_every_row() -> None:
    with pytest.raises(
        ContractError, match=r"warn_before 3 work hours is not shorter than the period 2 work hours \(target row 0"
    ):
        sc.Clause("r", ROWS, starts_on="received", met_by="resolved", warn_before="3个工作小时")
    with pytest.raises(ContractError, match="target table chooses a deadline's"):
        sc.Clause("r", ROWS, kind="notice", starts_on="received", met_by="resolved")
    with pytest.raises(ContractError, match="keeps each row's own words"):
        sc.Clause("r", ROWS, starts_on="received", met_by="resolved", wording="x")


def test_the_table_round_trips_through_files_and_pickles() -> None:
    c = desk()
    assert c.attributes == ("priority", "tier")
    for text, load in ((c.to_toml(), sc.Contract.from_toml), (c.to_json(), sc.Contract.from_json)):
        assert load(text) == c
    assert sc.Contract.from_yaml(c.to_yaml()) == c
    assert pickle.loads(pickle.dumps(c)) == c
    assert c.clause("resolution").to_dict()["period"][1] == {
        "when": {"priority": ["P2", "P3"], "tier": "gold"},
        "period": "4个工作小时",
    }


def test_a_case_takes_its_row_and_says_so() -> None:
    c = desk()
    p1 = c.open(received_at="2026-11-02T10:00", attributes={"priority": "P1"})
    s = p1.status(now="2026-11-02T11:00", lang="en")["resolution"]
    assert s.period == sc.Period(2, "work_hour")
    assert s.due is not None
    assert s.due.isoformat() == "2026-11-02T12:00:00+08:00"
    assert s.state == "at_risk"  # within 1 working hour of the due
    assert s.explanation.splitlines()[0] == "target (priority = P1): 2 work hours"
    zh = p1.status(now="2026-11-02T11:00")["resolution"].explanation.splitlines()[0]
    assert zh == "适用目标（priority = P1）：2个工作小时"
    other = c.open(received_at="2026-11-02T10:00", attributes={"priority": "P9"})
    assert other.status(now="2026-11-02T11:00")["resolution"].period == sc.Period(3, "workday")
    assert c.open(received_at="2026-11-02T10:00").attributes == {}


def test_a_case_keeps_its_attributes_when_stored() -> None:
    c = desk()
    case = c.open(received_at="2026-11-02T10:00", attributes={"priority": "P2", "tier": "gold"})
    case = case.record("resolved", at="2026-11-02T15:00")
    stored = case.to_dict()
    assert stored["attributes"] == {"priority": "P2", "tier": "gold"}
    back = sc.Case.from_dict(c, stored)
    assert back == case
    assert back.status(now="2026-11-03T09:00")["resolution"].period == sc.Period(4, "work_hour")
    assert pickle.loads(pickle.dumps(case)) == case


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"prio": "P1"}, "unknown attribute 'prio'; did you mean 'priority'"),
        ({"priority": 1.5}, "text or a whole number; got float"),
        (["P1"], "must be a mapping"),
    ],
)
def test_bad_attributes_are_refused(attributes: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        desk().open(received_at="2026-11-02T10:00", attributes=attributes)  # type: ignore[arg-type]


def test_groups_split_columns_first_match_wins() -> None:
    t = Targets.of(ROWS)
    columns = {
        "priority": np.array(["P1", "P2", "P3", None, "P2", "P4", float("nan")], dtype=object),
        "tier": np.array(["gold", "gold", "x", "gold", None, "gold", "gold"], dtype=object),
    }
    groups = t.groups(columns.__getitem__, 7)
    taken = {r.wording: np.flatnonzero(m).tolist() for r, m in groups}
    assert taken == {"2个工作小时": [0], "4个工作小时": [1], "8个工作小时": [2, 4], "3个工作日": [3, 5, 6]}
    ints = Targets.of([{"when": {"p": [1, 2]}, "period": "2小时"}, {"period": "4小时"}])
    got = ints.groups({"p": np.array([1, 3, 2])}.__getitem__, 3)
    assert [np.flatnonzero(m).tolist() for _, m in got] == [[0, 2], [1]]
    text = Targets.of([{"when": {"p": "a"}, "period": "2小时"}, {"period": "4小时"}])
    got = text.groups({"p": np.array(["a", "b"])}.__getitem__, 2)
    assert [np.flatnonzero(m).tolist() for _, m in got] == [[0], [1]]


def test_a_working_time_row_needs_calendar_hours() -> None:
    rows = [{"when": {"priority": "P1"}, "period": "2个工作小时"}, {"period": "3个工作日"}]
    with pytest.raises(ContractError, match="counts working time"):
        sc.Contract("x", [sc.Clause("r", rows, starts_on="received", met_by="done")], events=["received"])
    hours = sc.CalendarSpec("CN", hours="09:00-18:00")
    c = sc.Contract(
        "x", [sc.Clause("r", rows, starts_on="received", met_by="done")], events=["received"], calendar=hours
    )
    with pytest.raises(ContractError, match=r"counts working time \(target row 0 2 work hours\)"):
        c.evaluate(
            {"received": ["2026-10-09T10:00"], "done": [None], "priority": ["P1"]},
            now="2026-10-09T11:00",
            calendar=sc.calendar("CN"),
        )
