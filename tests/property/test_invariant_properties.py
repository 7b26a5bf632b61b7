"""The invariants of slaclock.testing as Hypothesis properties of the seed contracts, and the defects they find.

For each seed template (its blanks filled as ``strategies.contracts`` fills them), drawn cases keep every
invariant and drawn starts keep the worst-case chain. A planted defect — a proposal limit longer than the
handling limit it feeds, an extension cap shorter than its limit, a column engine that answers wrong — is
found at every drawn start or case, so these properties can fail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock import strategies, testing
from slaclock._demo import seed_001
from slaclock._periods.period import Period

SEEDS = ("000", "001", "002", "003", "004")
FEW = settings(max_examples=12, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
CN = sc.calendar("CN")
ROOM = dt.timedelta(days=250)
"""Room after a drawn start for the longest worst-case chain: seed 002's "6个月", or seed 001's chain of
workdays (with escalation) through a Spring Festival; a chain past the official data raises, as it should."""


@pytest.mark.parametrize("seed", SEEDS)
def test_drawn_cases_keep_every_invariant(seed: str) -> None:
    @FEW
    @given(data=st.data())
    def holds(data: st.DataObject) -> None:
        contract = data.draw(strategies.contracts(seeds=[seed]), label="contract")
        event = data.draw(st.sampled_from(contract.events), label="first event")
        case, now = data.draw(strategies.cases(contract, event=event), label="case")
        testing.assert_case(case, now)

    holds()


@pytest.mark.parametrize("seed", SEEDS)
def test_drawn_starts_keep_the_chain(seed: str) -> None:
    @FEW
    @given(data=st.data())
    def holds(data: st.DataObject) -> None:
        contract = data.draw(strategies.contracts(seeds=[seed]), label="contract")
        event = data.draw(st.sampled_from(contract.events), label="first event")
        cal = contract.calendar()
        start = data.draw(strategies.instants(cal, last=cal.official_until - ROOM), label="start")
        assert testing.chain_within(contract, start, event=event) == []

    holds()


@FEW
@given(start=strategies.instants(CN))
def test_a_proposal_longer_than_the_handling_it_feeds_breaks_the_chain_at_every_start(start: dt.datetime) -> None:
    # seed 001 with proposal="8个工作日": investigation 5 + proposal 8 workdays cannot fit in the standard 10
    found = testing.chain_within(seed_001(proposal="8个工作日"), start)
    assert [(v.invariant, v.clause) for v in found] == [("chain_within", "standard_handling")]
    assert "solution_proposed happens at" in found[0].why_en


@FEW
@given(start=strategies.instants(CN))
def test_a_cap_shorter_than_its_limit_is_found_at_every_start(start: dt.datetime) -> None:
    contract = seed_001()
    # the contract refuses such a cap when built; plant it past the check, as a hand-edited object might
    object.__setattr__(contract.clause("standard_handling").extension, "cap", Period(8, "workday"))
    case = contract.open(received_at=start).record("acknowledged", at=start)
    found = testing.cap_longer(case)
    assert [(v.invariant, v.clause) for v in found] == [("cap_longer", "standard_handling")]


def _wrong(result: dict[str, Any]) -> dict[str, Any]:
    """A column engine that answers every clause's state wrong (breached for anything else, met for breached)."""
    out = dict(result)
    for name, column in result.items():
        if name.endswith(".state"):
            out[name] = column.copy()
            out[name][0] = "met" if column[0] == "breached" else "breached"
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_a_wrong_column_engine_is_found(seed: str) -> None:
    real = sc.Contract.evaluate

    def planted(self: sc.Contract, *args: Any, **kwargs: Any) -> Any:
        return _wrong(real(self, *args, **kwargs))

    @FEW
    @given(data=st.data())
    def found(data: st.DataObject) -> None:
        contract = data.draw(strategies.contracts(seeds=[seed]), label="contract")
        event = data.draw(st.sampled_from(contract.events), label="first event")
        case, now = data.draw(strategies.cases(contract, event=event), label="case")
        status = case.status(now=now)
        stated = {e.get("clause") for e in case.events if e.kind == "extend" and e.get("period") is not None}
        evaluated = [s.clause for s in status.clauses if s.clause not in stated]
        assume(evaluated)  # a clause extended by a stated time is not evaluated (evaluate cannot say the time)
        assert testing.evaluate_matches_case(case, now) == []
        with pytest.MonkeyPatch.context() as m:
            m.setattr(sc.Contract, "evaluate", planted)
            broken = testing.evaluate_matches_case(case, now)
        assert {v.clause for v in broken} == set(evaluated)

    found()


@FEW
@given(drawn=strategies.cases(seed_001()), data=st.data())
def test_a_drawn_pause_never_makes_a_due_earlier(drawn: tuple[sc.Case, dt.datetime], data: st.DataObject) -> None:
    # seed 001's pausable clauses count workdays; a pause of a minute to five days, from a drawn instant after
    # the case's last event (seconds, odd minutes, days later)
    case, now = drawn
    assume(case.paused_since is None)
    at = now + dt.timedelta(seconds=data.draw(st.integers(0, 3 * 24 * 3600), label="pause after now (s)"))
    until = at + dt.timedelta(minutes=data.draw(st.integers(1, 5 * 24 * 60), label="pause (min)"))
    assert testing.pause_not_earlier(case, now, at=at, until=until) == []
