"""Warning ladders: the rungs a clause takes (and refuses), their instants and labels, files, and evaluate's columns."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import numpy as np
import pytest

import slaclock as sc
from slaclock.errors import ContractError, PeriodParseError

HOURS = "09:00-12:00,13:30-18:00"


def desk(**warn: Any) -> sc.Contract:
    return sc.Contract(
        "desk",
        [
            sc.Clause("reply", "8个工作小时", starts_on="received", met_by="replied", **warn),
            sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", warn=[0.5, "1个工作日"]),
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged", warn=[0.5, "2小时"]),
            sc.Clause("hold", "3个工作日", starts_on="received", met_by="solved", pausable=True, warn=[0.5]),
        ],
        events=["received"],
        calendar=sc.CalendarSpec("CN", hours=HOURS),
    )


LADDER = desk(warn=[0.5, 0.75, "2个工作小时"], warn_at=0.9)
AT = "2026-09-30T10:00"  # a Wednesday; 10-01..10-07 National Day, 10-08 a workday


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))


def instants(s: sc.ClauseStatus) -> dict[str, str | None]:
    return {name: None if t is None else t.strftime("%m-%d %H:%M") for name, t in s.warnings}


def test_instants_in_working_time() -> None:
    # 8 working hours from 09-30 10:00: 6.5 h on 09-30, then 1.5 h on 10-08, due 10:30
    s = LADDER.open(received_at=AT).status(now="2026-09-30T16:00")["reply"]
    assert instants(s) == {
        "50%": "09-30 15:30",  # 2 h to 12:00, 2 h from 13:30
        "75%": "09-30 17:30",
        # 2 working hours before 10-08 10:30: 1.5 h that morning, 0.5 h before the close on 09-30
        "2个工作小时": "09-30 17:30",
        "90%": "10-08 09:42",  # warn_at joins the ladder, after warn
    }
    assert (s.state, s.risk) == ("at_risk", "50%")


def test_a_lead_reached_at_an_opening_is_reached_from_the_close_before() -> None:
    # due 10-08 11:00 (6 h on 09-30, 2 h on 10-08): 2 working hours before it is 09:00 that morning, and as
    # much working time is left from 09-30 18:00. 75 % (6 h) is reached at 18:00 too: the later rung is named
    case = LADDER.open(received_at="2026-09-30T10:30")
    s = case.status(now="2026-09-30T18:00")["reply"]
    assert instants(s)["2个工作小时"] == "09-30 18:00"
    assert instants(s)["75%"] == "09-30 18:00"
    assert s.risk == "2个工作小时"
    before = case.status(now=at("2026-09-30T18:00") - dt.timedelta(microseconds=1))["reply"]
    assert before.risk == "50%"


def test_instants_in_workdays_and_hours() -> None:
    s = LADDER.open(received_at=AT).status(now="2026-10-09T11:00")
    # 5 workdays after 09-30: 10-08, 10-09, 10-10 (a makeup Saturday), 10-12, 10-13
    assert instants(s["solution"]) == {"50%": "10-11 00:00", "1个工作日": "10-13 00:00"}
    assert (s["solution"].state, s["solution"].risk) == ("running", None)
    assert s["ack"].warnings == ()  # breached: nothing left to warn of
    running = LADDER.open(received_at=AT).status(now="2026-10-01T09:00")["ack"]
    assert instants(running) == {"50%": "09-30 22:00", "2小时": "10-01 08:00"}
    assert running.risk == "2小时"  # both passed: the later instant


def test_equal_instants_name_the_later_rung() -> None:
    c = sc.Contract(
        "tie",
        [sc.Clause("ack", "4小时", starts_on="received", met_by="acknowledged", warn=["2小时", 0.5])],
        events=["received"],
    )
    s = c.open(received_at=AT).status(now="2026-09-30T12:00")["ack"]
    assert [t for _, t in s.warnings] == [at("2026-09-30T12:00")] * 2
    assert s.risk == "50%"


def test_an_instant_before_the_start_is_the_start() -> None:
    c = sc.Contract(
        "early",
        [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged", warn=["2个工作日"])],
        events=["received"],
    )
    s = c.open(received_at="2026-09-28T10:00").status(now="2026-09-28T10:00")["ack"]
    assert s.warnings == (("2个工作日", at("2026-09-28T10:00")),)
    assert s.state == "at_risk"


def test_a_share_a_whole_day_count_cannot_reach_has_no_instant() -> None:
    c = sc.Contract(
        "short",
        [sc.Clause("cure", "1日", starts_on="received", met_by="cured", warn=[0.5, "12小时"])],
        events=["received"],
    )
    s = c.open(received_at="2026-09-28T10:00").status(now="2026-09-29T23:00")["cure"]
    # one day: before the due, none of it is "used" (the last day is never counted before it ends)
    assert dict(s.warnings)["50%"] is None
    assert dict(s.warnings)["12小时"] == at("2026-09-29T12:00")
    assert s.risk == "12小时"


def test_warnings_while_paused_and_after_resuming() -> None:
    case = LADDER.open(received_at="2026-09-28T10:00")  # Monday; 3 workdays: 09-29, 09-30, 10-08
    plain = case.status(now="2026-09-28T11:00")["hold"]
    assert instants(plain) == {"50%": "10-01 00:00"}  # 2 of 3 workdays done before 10-01 (09-29, 09-30)
    paused = case.pause("awaiting_customer", at="2026-09-29T10:00")
    s = paused.status(now="2026-09-29T12:00")["hold"]
    assert (s.state, s.warnings, s.risk) == ("paused", (), None)
    # resumed 10-09: 0 days kept (the pause day is not counted); the rest, 3 workdays, from 10-09 (not
    # counted): 10-10 (a makeup Saturday), 10-12, 10-13. Two are done before 10-13
    resumed = paused.resume(at="2026-10-09T09:00").status(now="2026-10-09T10:00")["hold"]
    assert instants(resumed) == {"50%": "10-13 00:00"}
    assert resumed.last_day == dt.date(2026, 10, 13)


def test_not_started_and_met_clauses_have_no_warnings() -> None:
    s = LADDER.open(received_at=AT).record("replied", at="2026-09-30T11:00").status(now="2026-09-30T12:00")
    assert s["reply"].state == "met"
    assert (s["reply"].warnings, s["reply"].risk) == ((), None)


BAD = [
    ({"warn": [0.5, 0.5]}, ContractError, r"clause 'reply': the warning rung '50%' is given twice"),
    ({"warn": [0.5], "warn_at": 0.5}, ContractError, "'50%' is given twice"),
    ({"warn": ["2小时"], "warn_before": "2小时"}, ContractError, "'2小时' is given twice"),
    ({"warn": [0.0]}, ContractError, r"warn\[0\] is a share of the period, between 0 and 1"),
    ({"warn": [0.5, 1]}, ContractError, r"warn\[1\] is a share of the period"),
    ({"warn": [float("nan")]}, ContractError, r"warn\[0\] is a share"),
    ({"warn": ["8个工作小时"]}, ContractError, r"warn\[0\], the lead 8个工作小时, is not shorter than the period"),
    ({"warn": [True]}, ContractError, r"warn\[0\] must be a share in \(0, 1\) or a lead time; got True"),
    ({"warn": [None]}, ContractError, r"warn\[0\] must be a share"),
    ({"warn": "2小时"}, ContractError, "warn is a list of rungs"),
    ({"warn": 0.5}, ContractError, "warn is a list of rungs"),
    ({"warn": [i / 20 for i in range(1, 18)]}, ContractError, "warn has 17 rungs; at most 16"),
    ({"warn": [i / 20 for i in range(1, 16)], "warn_at": 0.99, "warn_before": "1小时"}, ContractError, "17 rungs"),
    ({"warn": ["soon"]}, PeriodParseError, r"clause 'reply': warn\[0\]"),
]


@pytest.mark.parametrize(("warn", "error", "message"), BAD, ids=[m[:40] for *_, m in BAD])
def test_refused_ladders(warn: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        sc.Clause("reply", "8个工作小时", starts_on="received", met_by="replied", **warn)


def test_sixteen_rungs_and_leads_of_other_units_are_taken() -> None:
    c = sc.Clause("reply", "8个工作小时", starts_on="r", met_by="d", warn=[i / 17 for i in range(1, 17)])
    assert len(c.warn) == 16
    # a lead in another family cannot be compared with the period: taken, as warn_before is
    mixed = sc.Clause("reply", "8个工作小时", starts_on="r", met_by="d", warn=["1日", dt.timedelta(minutes=30)])
    assert [str(r) for r in mixed.warn] == ["1 day", "30 minutes"]


@pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
def test_files_round_trip(fmt: str) -> None:
    text = getattr(LADDER, f"to_{fmt}")()
    assert "warn" in text
    back = getattr(sc.Contract, f"from_{fmt}")(text)
    assert back == LADDER
    assert back.clause("reply").warn == (0.5, 0.75, sc.period("2个工作小时"))
    assert back.clause("reply").to_dict()["warn"] == [0.5, 0.75, "2个工作小时"]


def test_copies_keep_the_ladder() -> None:
    c = LADDER.clause("reply")
    assert pickle.loads(pickle.dumps(c)) == c
    assert c.replace(period="9个工作小时").warn == c.warn
    assert c.replace(warn=None).warn == ()
    assert "warn=[0.5, 0.75, '2个工作小时']" in repr(c)


def table() -> dict[str, Any]:
    t = np.array(["2026-09-30T10:00", "2026-09-30T10:00", "2026-09-30T08:00"], dtype="datetime64[us]")
    none = np.array(["NaT"] * 3, dtype="datetime64[us]")
    replied = np.array(["NaT", "2026-09-30T11:00", "NaT"], dtype="datetime64[us]")
    return {"received": t, "replied": replied, "solved": none, "acknowledged": none}


def test_evaluate_columns() -> None:
    r = LADDER.evaluate(table(), now="2026-09-30T17:00", clauses=["reply", "solution"])
    assert [k for k in r if k.startswith("reply.")] == [
        "reply.state",
        "reply.due",
        "reply.last_day",
        "reply.overdue_by",
        "reply.provisional",
        "reply.start",
        "reply.took",
        "reply.warn.50%",
        "reply.warn.75%",
        "reply.warn.2个工作小时",
        "reply.warn.90%",
        "reply.risk",
    ]
    assert list(r["reply.state"]) == ["at_risk", "met", "at_risk"]
    # row 2 from 09:00, due 10-08 09:30: 75 % and the lead both at 16:30, the later rung named
    assert list(r["reply.risk"]) == ["50%", None, "2个工作小时"]
    assert [str(t)[:16] for t in r["reply.warn.50%"]] == ["2026-09-30T15:30", "NaT", "2026-09-30T14:30"]
    assert [str(t)[:16] for t in r["reply.warn.90%"]] == ["2026-10-08T09:42", "NaT", "2026-09-30T17:42"]


def test_the_shorthand_alone_keeps_its_columns() -> None:
    c = desk(warn_at=0.75)
    r = c.evaluate(table(), now="2026-09-30T17:00", clauses=["reply"])
    assert list(r) == [
        "reply.state",
        "reply.due",
        "reply.last_day",
        "reply.overdue_by",
        "reply.provisional",
        "reply.start",
        "reply.took",
    ]
    assert list(r["reply.state"]) == ["running", "met", "at_risk"]
    assert c.open(received_at=AT).status(now="2026-09-30T17:00")["reply"].warnings == (("75%", at("2026-09-30T17:30")),)


def test_evaluate_risk_in_every_table_kind() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    t = {k: [None if np.isnat(x) else x.astype(dt.datetime) for x in v] for k, v in table().items()}
    frame = pd.DataFrame({k: pd.to_datetime(v) for k, v in t.items()})
    r = LADDER.evaluate(frame, now="2026-09-30T17:00", clauses=["reply"])
    assert list(r["reply.risk"].astype(object).where(r["reply.risk"].notna(), None)) == ["50%", None, "2个工作小时"]
    assert str(r["reply.warn.50%"].dt.tz) == "Asia/Shanghai"
    r2 = LADDER.evaluate(pl.from_pandas(frame), now="2026-09-30T17:00", clauses=["reply"])
    assert r2["reply.risk"].to_list() == ["50%", None, "2个工作小时"]
    r3 = LADDER.evaluate(pa.Table.from_pandas(frame), now="2026-09-30T17:00", clauses=["reply"])
    assert r3["reply.risk"].to_pylist() == ["50%", None, "2个工作小时"]
