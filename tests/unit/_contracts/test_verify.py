"""Contract.verify: every start instant's worst-case timeline, the column invariants, and the counterexamples.

Calendar facts used below (the State Council's notices for 2025 and 2026): 2025 National Day 10-01..10-08 off,
Sunday 09-28 and Saturday 10-11 worked; 2025 Spring Festival 01-28..02-04 off; 2026 National Day 10-01..10-07
off, Saturday 10-10 worked. The official CN data ends 2026-12-31.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pytest

import slaclock as sc
from slaclock._contracts.verify import Timelines
from slaclock._demo import SEED_001_BLANKS
from slaclock.errors import InvalidInputError, VerificationError
from slaclock.strategies import _BLANKS, _seed_contract

SH = dt.timezone(dt.timedelta(hours=8))


def seed_001(**blanks: str) -> sc.Contract:
    return sc.templates.service_quality_complaint(**{**SEED_001_BLANKS, **blanks})


def repairs(limit: str = "10日", cap: str = "14日") -> sc.Contract:
    """A cap in the limit's own unit (Clause checks it is longer), both last days rolled off rest days."""
    return sc.Contract(
        "repairs",
        [
            sc.Clause(
                "repair", limit, starts_on="received", met_by="repaired", extension=sc.Extension(cap, event="delayed")
            )
        ],
        events=["received"],
    )


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SH).astimezone(SH)


# ---------------------------------------------------------------- the planted defects


def test_a_proposal_longer_than_the_standard_minus_the_investigation_breaks_the_chain_on_every_start() -> None:
    # 5 workdays' investigation + 8 workdays' proposal > the 10 workdays' standard handling they feed
    report = seed_001(proposal="8个工作日").verify(resolution="1小时", first="2026-09-30", last="2026-10-02")
    chain = report["chain_within"]
    assert not report.ok
    assert not chain.holds
    assert chain.failed == chain.checked == report.checked == 72
    assert chain.clauses == ("standard_handling",)
    # smallest: shortest chain, then the earliest time of day, then the earliest date
    assert chain.smallest is not None
    assert chain.smallest.start == at("2026-09-30T00:00")
    assert chain.first is not None
    assert chain.first.start == at("2026-09-30T00:00")


def test_the_smallest_chain_counterexample_in_words() -> None:
    # received 09-30 00:00; acknowledged by the last minute of its 24 hours; investigation: 10-08, 09, 10 (worked
    # Saturday), 12, 13; proposal 8 workdays: 14, 15, 16, 19, 20, 21, 22, 23; standard 10 workdays from 09-30: 10-20
    report = seed_001(proposal="8个工作日").verify(resolution="1小时", first="2026-09-30", last="2026-09-30")
    example = report["chain_within"].smallest
    assert example is not None
    assert [(s.clause, s.event, s.at) for s in example.steps] == [
        ("acknowledgement", "acknowledged", at("2026-09-30T23:59")),
        ("investigation", "investigated", at("2026-10-13T23:59")),
        ("proposal", "solution_proposed", at("2026-10-23T23:59")),
    ]
    words = example.explain("en")
    assert (
        "received 2026-09-30 00:00 → acknowledged by 2026-09-30 23:59 (acknowledgement, 24 hours) → investigated by "
        "2026-10-13 23:59 (investigation, 5 workdays) → solution_proposed by 2026-10-23 23:59 (proposal, 8 workdays); "
        "standard_handling was due 2026-10-20 24:00: breached"
    ) in words
    assert example.violation.message("en") == (
        "chain_within: clause 'standard_handling', start 2026-09-30 00:00: with each step taken at the last moment "
        "its own limit allows (investigation 5 workdays: investigated 2026-10-13 23:59; proposal 8 workdays: "
        "solution_proposed 2026-10-23 23:59), solution_proposed happens at 2026-10-23 23:59, not before its due "
        "2026-10-20 24:00"
    )
    zh = example.explain("zh")
    assert "standard_handling的截止时间为2026-10-20 24:00：已违约" in zh
    assert "各步均在各自时限的最后一刻完成（investigation（5个工作日）：investigated于2026-10-13 23:59；" in zh
    # the case it replays is the timeline: the same breach, by the scalar path
    assert example.case.status(now=example.now)["standard_handling"].state == "breached"


def test_a_cap_in_days_that_lands_in_the_same_holiday_as_the_limit_extends_nothing_on_those_starts_only() -> None:
    # 10 days from S end on S+10, 14 days on S+14; both rolled to 10-09 when S+10 >= 10-01 and S+14 <= 10-09:
    # S = 09-21 .. 09-25 (2025 National Day, 10-01..10-08 off)
    report = repairs().verify(resolution="24小时", first="2025-09-10", last="2025-10-10")
    cap = report["cap_longer"]
    assert not cap.holds
    assert cap.failed == 5
    assert cap.checked == 31
    assert cap.first is not None
    assert cap.first.start == at("2025-09-21T00:00")
    assert cap.first.violation.message("en") == (
        "cap_longer: clause 'repair', start 2025-09-21 00:00: the extended due 2025-10-09 24:00 (cap 14 days) is not "
        "after the standard due 2025-10-09 24:00 (10 days)"
    )
    assert cap.first.violation.message("zh").endswith(
        "延长后的截止时间2025-10-09 24:00（上限14日）不晚于原截止时间2025-10-09 24:00（原时限10日）"
    )
    assert "delayed" in cap.first.events
    assert "repaired" not in cap.first.events
    assert cap.first.case.status(now=cap.first.now)["repair"].last_day == dt.date(2025, 10, 9)
    assert report["due_after_start"].holds
    assert report["last_day_workday"].holds


def test_the_cap_defect_at_quarter_hours_smallest_is_the_earliest_time_of_day_then_date() -> None:
    report = repairs().verify(first="2025-01-01", last="2025-12-31")
    cap = report["cap_longer"]
    assert cap.failed % 96 == 0  # a start day fails at every quarter hour or not at all
    assert cap.smallest is not None
    assert cap.smallest.start.time() == dt.time(0, 0)
    # 2025 Spring Festival, 01-28..02-04 off: 01-18 + 10 = 01-28, 01-18 + 14 = 02-01, both rolled to 02-05
    assert cap.smallest.start == at("2025-01-18T00:00") == cap.first.start  # type: ignore[union-attr]


def test_raise_if_failed_is_an_assertion_with_the_smallest_violations() -> None:
    report = repairs().verify(resolution="24小时", first="2025-09-20", last="2025-09-22")
    with pytest.raises(VerificationError) as caught:
        report.raise_if_failed()
    assert isinstance(caught.value, AssertionError)
    assert [v.invariant for v in caught.value.violations] == ["cap_longer"]
    assert "FAILS on 2 of 3" in str(caught.value)


# ---------------------------------------------------------------- contracts that hold


def test_seed_001_as_filled_holds_and_says_what_it_did_not_check() -> None:
    report = seed_001().verify(resolution="24小时")
    assert report.ok
    assert report.first == dt.datetime(2004, 1, 1, tzinfo=report.first.tzinfo)
    assert report.last.date() == dt.date(2026, 12, 31)
    # 8,401 days; the timelines from 2026-11-20 need 2027 (5 + 3 workdays of the chain, then the 10 of escalation)
    (horizon,) = report.not_checked
    assert report.checked + (horizon.count or 0) == 8401
    assert horizon.message("en").endswith("need 2027 (the official data ends 2026-12-31): not checked")
    assert report["notice_before_event"].checked == 0  # no notice clause: not applicable
    assert "not applicable" in report.table("en")
    report.raise_if_failed()  # nothing to raise


def test_horizon_rows_are_counted_never_a_crash_and_a_projected_calendar_checks_them() -> None:
    official = repairs().verify(resolution="24小时", first="2026-12-01")
    projected = repairs().verify(
        resolution="24小时", first="2026-12-01", calendar=sc.calendar("CN", horizon="projected")
    )
    (note,) = official.not_checked
    # 12-17 + 14 days = 12-31 reads no 2027 day; 12-18 + 14 = 2027-01-01 does (the cap pass)
    assert note.count == 14
    assert "from 2026-12-18 00:00" in note.message("en")
    assert official.checked == 17
    assert projected.checked == 31
    assert "provisional" in projected.not_checked[0].message("en")


def test_gaps_are_a_grid_product_and_a_gap_past_the_limit_is_the_last_moment() -> None:
    c = seed_001()
    base = c.verify(resolution="6小时", first="2026-03-02", last="2026-03-06")
    gapped = c.verify(
        resolution="6小时", first="2026-03-02", last="2026-03-06", gaps={"acknowledged": ["0小时", "6小时", "48小时"]}
    )
    assert gapped.checked == 3 * base.checked == 60
    assert gapped.ok
    seen: list[Timelines] = []
    c.verify(
        resolution="6小时",
        first="2026-03-02",
        last="2026-03-02",
        gaps={"acknowledged": ["0小时", "6小时", "48小时"]},
        invariants={"keep": lambda t: seen.append(t) or np.ones(len(t), bool)},
    )
    (t,) = seen
    ack = t.events["acknowledged"] - t.start
    assert ack.astype("m8[m]").astype(int).tolist() == [0] * 4 + [360] * 4 + [24 * 60 - 1] * 4


def test_user_invariants_get_the_timelines_as_columns() -> None:
    seen: list[Timelines] = []

    def quick_ack(t: Timelines) -> Any:
        seen.append(t)
        return (t.events["acknowledged"] - t.start) < np.timedelta64(23, "h")

    report = seed_001().verify(
        resolution="12小时", first="2026-03-02", last="2026-03-03", invariants={"quick_ack": quick_ack}
    )
    (t,) = seen
    assert len(t) == 4
    assert t.start.dtype == np.dtype("datetime64[us]")
    assert t.state("standard_handling").tolist() == ["met"] * 4
    assert t.results["acknowledgement.state"].dtype == np.int8
    result = report["quick_ack"]
    assert not result.holds
    assert result.failed == 4
    assert result.smallest is not None
    assert "user invariant 'quick_ack' does not hold" in result.smallest.violation.message("en")


@pytest.mark.parametrize(
    ("fn", "words"),
    [
        (lambda t: np.ones(3, bool), "must return a bool array of shape (2,)"),
        (lambda t: [True, True], "must return a bool array"),
        (lambda t: np.ones(len(t), int), "must return a bool array"),
        (lambda t: t.state("nope"), "raised InvalidInputError: no checked clause 'nope'"),
    ],
)
def test_a_user_invariant_of_the_wrong_shape_or_that_raises_is_a_typed_error_naming_it(fn: Any, words: str) -> None:
    with pytest.raises(InvalidInputError, match="invariant 'mine'") as caught:
        seed_001().verify(resolution="24小时", first="2026-03-02", last="2026-03-03", invariants={"mine": fn})
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"resolution": "1个工作日"}, "resolution must be a period of minutes or hours"),
        ({"resolution": "0分钟"}, "resolution must be"),
        ({"first": "2003-12-31"}, "first 2003-12-31 is before the calendar's data"),
        ({"first": "2026-03-02", "last": "2026-03-01"}, "last 2026-03-01 is before first 2026-03-02"),
        ({"first": "March"}, "first must be a date"),
        ({"event": "arrived"}, "event 'arrived' is not an event"),
        ({"gaps": {"received": ["1小时"]}}, "gaps: 'received' is not an event a deadline clause is met by"),
        ({"gaps": {"acknowledged": "1小时"}}, "must be a non-empty list"),
        ({"gaps": {"acknowledged": ["1个工作日"]}}, "a gap is wall time in minutes or hours"),
        ({"invariants": {"chain_within": lambda t: t}}, "a user invariant's name must be new"),
    ],
)
def test_bad_arguments_are_refused_naming_the_value(options: dict[str, Any], words: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        seed_001().verify(**{"resolution": "24小时", **options})
    assert words in str(caught.value)


def test_the_report_in_both_languages() -> None:
    report = repairs().verify(resolution="24小时", first="2025-09-20", last="2025-09-22")
    en, zh = report.table("en"), str(report)
    assert en.startswith(
        "contract 'repairs': 3 timelines checked (starts 2025-09-20 00:00 .. 2025-09-22 00:00, every 24h)"
    )
    assert re.search(r"\ncap_longer +FAILS on 2 of 3  repair\n", en)
    assert "不成立：3条中2条" in zh
    assert "最简反例 cap_longer" in zh
    with pytest.raises(InvalidInputError, match="lang must be"):
        report.table("fr")  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="no invariant 'nope'"):
        report["nope"]


# ---------------------------------------------------------------- the seed templates, filled as a user would


SEEDS = [(seed, k) for seed, fillings in _BLANKS.items() for k in range(len(fillings))]


@pytest.mark.parametrize(("seed", "k"), SEEDS)
def test_each_seed_template_as_filled_holds_at_a_daily_grid(seed: str, k: int) -> None:
    report = _seed_contract((seed, k)).verify(resolution="24小时")
    assert report.ok, report.table("en")
    skipped = {n.what for n in report.not_checked}
    kinds = {c.kind for c in _seed_contract((seed, k)).clauses}
    # every monthly clause is listed as not checked, with why; none is left out silently
    monthly = {f"clause {c.name!r}" for c in _seed_contract((seed, k)).clauses if c.kind == "monthly"}
    assert monthly <= skipped
    checked_kinds = kinds - {"monthly"}
    assert report["due_after_start"].checked == report.checked or not checked_kinds


def test_seed_004s_windows_closed_on_a_fixed_day_are_not_opened_by_later_starts_and_say_so() -> None:
    report = _seed_contract(("004", 0)).verify(resolution="24小时", first="2026-10-01")
    notes = {n.what: n for n in report.not_checked}
    # 2026-10-31 .. 12-31: 62 starts after the window's last day 2026-10-30
    assert notes["clause 'handover'"].count == 62
    assert "from 2026-10-31 00:00 on: signed comes after the window's last day 2026-10-30" in notes[
        "clause 'handover'"
    ].message("en")


def test_case_checks_run_on_a_sample_of_timelines_replayed_as_cases() -> None:
    # the hook slaclock.testing's case-level invariants plug into: (case, now) -> list of Violation
    from slaclock._contracts.invariants import violation

    def late_ack(case: sc.Case, now: dt.datetime) -> Any:
        s = case.status(now=now)["acknowledgement"]
        if s.done_at is not None and s.done_at - case.received_at > dt.timedelta(hours=23):
            return [
                violation(
                    "replay_deterministic", clause="acknowledgement", start=case.received_at, first="a", second="b"
                )
            ]
        return []

    report = seed_001().verify(
        resolution="6小时", first="2026-03-02", last="2026-03-03", case_checks={"late_ack": late_ack}, sample=5
    )
    assert [r.name for r in report.results[-1:]] == ["late_ack"]  # given checks replace the default ones
    result = report["late_ack"]
    assert result.checked == 5
    assert result.failed == 5
    assert result.smallest is not None
    assert result.smallest.violation.invariant == "replay_deterministic"


def test_each_row_of_a_target_table_is_checked_and_a_clause_whose_start_never_happens_is_listed() -> None:
    c = sc.Contract(
        "desk",
        [
            sc.Clause(
                "reply",
                [{"when": {"priority": "P1"}, "period": "2小时"}, {"period": "3个工作日"}],
                starts_on="received",
                met_by="replied",
            ),
            sc.Clause("close", "5个工作日", starts_on="replied", met_by="closed"),
            sc.Clause("voucher", "30日", kind="window", starts_on="received", met_by="voucher_used"),
            sc.Clause("refund", "7日", starts_on="voucher_used", met_by="refunded"),
        ],
        events=["received"],
    )
    report = c.verify(resolution="24小时", first="2026-01-05", last="2026-01-09")
    notes = [n.message("en") for n in report.not_checked]
    assert notes == [
        "clause 'refund': its start event 'voucher_used' does not happen in the worst-case timeline (no deadline "
        "places it)",
    ]
    assert report.ok
    assert report.checked == 10  # 5 days, once on the default row and once as priority P1
    # 'reply' and 'close' each end on a rolled last day in the default row's timelines; P1's 2 hours do not roll
    assert report["last_day_workday"].checked == 10


def helpdesk(p1_total: str) -> sc.Contract:
    """A help desk's priority table: P1 replied in 2 hours and resolved within a workday of the reply, all within
    ``p1_total``; every other ticket replied in a workday, resolved in 1 more, all within 3 workdays."""
    return sc.Contract(
        "helpdesk",
        [
            sc.Clause(
                "reply",
                [{"when": {"priority": ["P1", "P0"]}, "period": "2小时"}, {"period": "1个工作日"}],
                starts_on="received",
                met_by="replied",
            ),
            sc.Clause("resolve", "1个工作日", starts_on="replied", met_by="resolved"),
            sc.Clause(
                "total",
                [{"when": {"priority": ["P1", "P0"]}, "period": p1_total}, {"period": "3个工作日"}],
                starts_on="received",
                met_by="resolved",
            ),
        ],
        events=["received"],
    )


def test_a_defect_in_one_row_of_a_target_table_is_found_with_its_attributes() -> None:
    # the default row fits (1 + 1 workdays in 3); P1's "2 hours, then a workday, all in 8 hours" cannot. P0/P1's
    # 2 hours from Friday 23:00 end on Saturday 01:00: an hour limit is not moved off rest days (no last_day_workday)
    assert helpdesk("2个工作日").verify(resolution="1小时", first="2026-03-02", last="2026-03-06").ok
    report = helpdesk("8小时").verify(resolution="1小时", first="2026-03-02", last="2026-03-06")
    chain = report["chain_within"]
    assert chain.checked == 240  # 5 days x 24 hours, once per row of the priority tables (default, P0/P1)
    assert chain.failed == 120  # every P1 timeline
    smallest = chain.smallest
    assert smallest is not None
    assert smallest.attributes == {"priority": "P0"}  # the condition's first value in sorted order
    assert smallest.case.attributes == {"priority": "P0"}
    assert smallest.case.status(now=smallest.now)["total"].state == "breached"  # the scalar path agrees
    assert "attributes: priority=P0 (the target rows taken)" in smallest.explain("en")
    assert "属性：priority=P0（选定目标表的行）" in smallest.explain("zh")


def test_user_invariants_see_the_attributes() -> None:
    def p0_is_never_the_default(t: Timelines) -> Any:
        return np.isin(t.attributes["priority"], [None, "P0"])

    report = helpdesk("2个工作日").verify(
        resolution="6小时", first="2026-03-02", last="2026-03-02", invariants={"profiles": p0_is_never_the_default}
    )
    assert report["profiles"].holds
    assert report["profiles"].checked == 8


def test_a_custom_calendar_that_cannot_project_and_a_zone_with_dst_are_reported_not_a_crash() -> None:
    # Europe/Berlin skips 02:00..03:00 on 2026-03-29; the calendar's data ends 2026-12-31, and 5 workdays from
    # 12-25 (no holiday here) end on 2027-01-01
    cal = sc.custom_calendar("1111100", ["2026-05-01"], first="2026-01-01", last="2026-12-31", tz="Europe/Berlin")
    c = sc.Contract("d", [sc.Clause("fix", "5个工作日", starts_on="received", met_by="fixed")], events=["received"])
    report = c.verify(calendar=cal, first="2026-03-29", last="2026-12-31")
    notes = [n.message("en") for n in report.not_checked]
    assert notes == [
        "starts: 672 timelines from 2026-12-25 00:00 on need days past the calendar's data (ends 2026-12-31): not "
        "checked",
        "starts: 4 start wall times (the first 2026-03-29 02:00) are skipped by the clocks in Europe/Berlin (DST): "
        "not instants, not checked",
    ]
    assert report.ok
    assert report.checked == (278 * 96 - 4) - 672
    with pytest.raises(sc.CalendarHorizonError, match="from the first start day 2026-12-28 already need days"):
        c.verify(calendar=cal, first="2026-12-28")


def test_a_last_moment_inside_a_dst_gap_is_the_last_minute_before_it() -> None:
    # 24 hours from 2026-03-28 02:00 CET end at 03-29 03:00 CEST; the minute before is 01:59 CET (02:59 is skipped)
    cal = sc.custom_calendar("1111100", first="2026-01-01", last="2026-12-31", tz="Europe/Berlin")
    c = sc.Contract(
        "d",
        [
            sc.Clause("ack", "24小时", starts_on="received", met_by="acked"),
            sc.Clause("fix", "5个工作日", starts_on="acked", met_by="fixed"),
        ],
        events=["received"],
    )
    seen: list[Timelines] = []
    report = c.verify(
        calendar=cal,
        first="2026-03-28",
        last="2026-03-28",
        invariants={"k": lambda t: seen.append(t) or t.start == t.start},
    )
    assert report.ok
    (t,) = seen
    acked = dict(zip(t.start.astype(str).tolist(), t.events["acked"].astype("M8[m]").astype(str).tolist(), strict=True))
    assert acked["2026-03-28T02:00:00.000000"] == "2026-03-29T01:59"
    assert acked["2026-03-28T02:15:00.000000"] == "2026-03-29T03:14"


def test_by_default_the_case_level_invariants_run_on_a_sample() -> None:
    # pause_not_earlier, replay_deterministic, evaluate_matches_case: slaclock.testing's, on 100 timelines
    report = seed_001().verify(resolution="1小时", first="2026-09-28", last="2026-10-09")
    names = [r.name for r in report.results]
    assert names[-3:] == ["pause_not_earlier", "replay_deterministic", "evaluate_matches_case"]
    assert all(report[n].checked == 100 and report[n].holds for n in names[-3:])
    assert [
        r.name
        for r in seed_001().verify(resolution="1小时", first="2026-09-28", last="2026-09-28", case_checks={}).results
    ][-1] == "notice_before_event"


def test_a_case_check_that_returns_anything_but_a_list_of_violations_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="case check 'odd' must return a list of Violation"):
        seed_001().verify(
            resolution="6小时", first="2026-03-02", last="2026-03-02", case_checks={"odd": lambda c, n: None}, sample=2
        )
