"""Contract.verify's column invariants against a plain loop of cases, each built and judged one at a time.

The loop is its own oracle of both halves of verify: it builds each start's worst-case timeline with
``Case.status`` (each event at ``due - 1 minute`` of its feeding clause, read off the case after the events
before it), and judges it with ``Case.status`` too. Verify's counts and smallest counterexamples must agree on a
drawn span, with planted defects (a proposal longer than the standard minus the investigation; a cap in days
that lands in the same holiday as its limit) and without.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._demo import SEED_001_BLANKS

SH = dt.timezone(dt.timedelta(hours=8))
MINUTE = dt.timedelta(minutes=1)
STEP = dt.timedelta(hours=5)  # 5 hours: the times of day of the grid wander from day to day


def _starts(first: dt.date, days: int) -> list[dt.datetime]:
    t = dt.datetime.combine(first, dt.time(), SH)
    end = t + dt.timedelta(days=days)
    out = []
    while t < end:
        out.append(t)
        t += STEP
    return out


def _smallest(bad: list[dt.datetime]) -> dt.datetime:
    return min(bad, key=lambda s: (s.time(), s.date()))


def _chain_breaches(contract: sc.Contract, starts: list[dt.datetime]) -> list[dt.datetime]:
    """Seed 001's chain, one case at a time: ack, investigation, proposal each at the last minute it allows."""
    bad = []
    for s in starts:
        case = contract.open(received_at=s)
        for clause, event in (
            ("acknowledgement", "acknowledged"),
            ("investigation", "investigated"),
            ("proposal", "solution_proposed"),
        ):
            due = case.status(now=case.events[-1].at)[clause].due
            assert due is not None
            case = case.record(event, at=due - MINUTE)
        if case.status(now=case.events[-1].at + MINUTE)["standard_handling"].state != "met":
            bad.append(s)
    return bad


def _cap_failures(contract: sc.Contract, starts: list[dt.datetime]) -> list[dt.datetime]:
    bad = []
    for s in starts:
        case = contract.open(received_at=s)
        due = case.status(now=s)["repair"].due
        extended = case.extend("repair", notified_at=s).status(now=s)["repair"].due
        assert due is not None
        assert extended is not None
        if extended <= due:
            bad.append(s)
    return bad


@settings(max_examples=8, deadline=None, database=None)
@given(
    first=st.dates(dt.date(2004, 1, 1), dt.date(2026, 10, 1)),
    proposal=st.sampled_from(["3个工作日", "5个工作日", "6个工作日", "8个工作日"]),
)
@example(first=dt.date(2026, 9, 28), proposal="8个工作日")  # planted: fails on every start
@example(first=dt.date(2026, 9, 28), proposal="5个工作日")  # 5 + 5 = 10: the last minutes still fit
def test_chain_within_agrees_with_a_loop_of_cases(first: dt.date, proposal: str) -> None:
    contract = sc.templates.service_quality_complaint(**{**SEED_001_BLANKS, "proposal": proposal})
    starts = _starts(first, 6)
    expected = _chain_breaches(contract, starts)
    result = contract.verify(resolution="5小时", first=first, last=first + dt.timedelta(days=5))["chain_within"]
    assert result.checked == len(starts)
    assert result.failed == len(expected)
    if expected:
        assert result.smallest is not None
        assert result.first is not None
        assert result.first.start == min(expected)
        assert result.smallest.start == _smallest(expected)
    else:
        assert result.holds


@settings(max_examples=8, deadline=None, database=None)
@given(
    first=st.one_of(
        st.dates(dt.date(2004, 1, 1), dt.date(2026, 11, 1)),
        # around the long holidays, where the planted defect shows
        st.sampled_from([dt.date(y, 9, 18) for y in range(2004, 2026)] + [dt.date(2025, 1, 14), dt.date(2026, 2, 2)]),
    ),
    limit=st.sampled_from([("10日", "14日"), ("3日", "5日"), ("7日", "8日"), ("10个工作日", "11个工作日")]),
)
@example(first=dt.date(2025, 9, 18), limit=("10日", "14日"))  # planted: 09-21..09-25 fail (National Day)
def test_cap_longer_agrees_with_a_loop_of_cases(first: dt.date, limit: tuple[str, str]) -> None:
    contract = sc.Contract(
        "repairs",
        [
            sc.Clause(
                "repair", limit[0], starts_on="received", met_by="repaired", extension=sc.Extension(limit[1], event="d")
            )
        ],
        events=["received"],
    )
    starts = _starts(first, 10)
    expected = _cap_failures(contract, starts)
    report = contract.verify(resolution="5小时", first=first, last=first + dt.timedelta(days=9))
    result = report["cap_longer"]
    assert result.checked == len(starts) == report.checked
    assert result.failed == len(expected)
    if expected:
        assert result.first is not None
        assert result.first.start == min(expected)
        assert result.smallest is not None
        assert result.smallest.start == _smallest(expected)
    if first == dt.date(2025, 9, 18) and limit == ("10日", "14日"):
        assert sorted({s.date() for s in expected}) == [dt.date(2025, 9, 21 + k) for k in range(5)]
    if limit[0].endswith("工作日"):
        assert result.holds  # a workday cap past a workday limit is always later


def _helpdesk(total_p1: str) -> sc.Contract:
    """Priority targets: P1 replied in 2 hours (else a workday), resolved a workday after the reply, all within
    ``total_p1`` for P1 (else 3 workdays)."""
    p1 = {"priority": "P1"}
    return sc.Contract(
        "helpdesk",
        [
            sc.Clause(
                "reply",
                [{"when": p1, "period": "2小时"}, {"period": "1个工作日"}],
                starts_on="received",
                met_by="replied",
            ),
            sc.Clause("resolve", "1个工作日", starts_on="replied", met_by="resolved"),
            sc.Clause(
                "total",
                [{"when": p1, "period": total_p1}, {"period": "3个工作日"}],
                starts_on="received",
                met_by="resolved",
            ),
        ],
        events=["received"],
    )


@settings(max_examples=6, deadline=None)
@given(
    first=st.dates(dt.date(2005, 1, 1), dt.date(2026, 11, 1)),
    total_p1=st.sampled_from(["1个工作日", "2个工作日", "26小时", "3个工作日"]),
)
def test_each_target_row_agrees_with_testing_chain_within_one_start_at_a_time(first: dt.date, total_p1: str) -> None:
    """verify's chain_within on the grid, once per target row, against slaclock.testing's scalar chain_within on
    each start with that row's attributes (the two are written separately: each is the other's oracle)."""
    from slaclock import testing

    contract = _helpdesk(total_p1)
    report = contract.verify(resolution="5小时", first=first, last=first + dt.timedelta(days=5), case_checks={})
    starts = _starts(first, 6)
    expected = {
        (s, profile): bool(testing.chain_within(contract, s, attributes=attributes))
        for s in starts
        for profile, attributes in (("default", {}), ("P1", {"priority": "P1"}))
    }
    chain = report["chain_within"]
    assert chain.checked == len(expected)
    assert chain.failed == sum(expected.values())
    if chain.smallest is not None:
        s = chain.smallest
        profile = "P1" if s.attributes else "default"
        assert expected[(s.start, profile)]
