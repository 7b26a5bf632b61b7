"""Attacks on cases, contracts and evaluate: big inputs in linear time, bad tables and records typed, pickles checked.

Linearity is shown by scaling ratios (best of three, time at 8n over time at n, well below the 64 of a
quadratic), never by a bare wall-clock budget.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import slaclock as sc
from slaclock._contracts.case import Case, CaseEvent
from slaclock._contracts.clause import Extension
from slaclock.errors import ContractError, InvalidInputError, SlaclockError

START = np.datetime64("2026-01-05T09:00:01", "us")


def _best(fn: Callable[[], object], tries: int = 3) -> float:
    best = float("inf")
    for _ in range(tries):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _ratio(run: Callable[[int], object], n: int) -> float:
    """time(8n) / time(n): about 8 when linear, about 64 when quadratic."""
    run(n)  # warm up (imports, calendar build)
    return _best(lambda: run(8 * n)) / _best(lambda: run(n))


def desk() -> sc.Contract:
    return sc.Contract(
        "desk",
        [
            sc.Clause(
                "solution",
                "5个工作日",
                starts_on="received",
                met_by="solved",
                pausable=True,
                extension=sc.Extension("10个工作日", event="complex_notified"),
                escalation="escalated",
            ),
            sc.Clause("appeal", "5个工作日", starts_on="escalated", met_by="appeal_answered"),
        ],
        events=["received", "escalated"],
    )


def _stored_pauses(n: int) -> dict[str, Any]:
    events: list[dict[str, Any]] = [{"kind": "record", "name": "received", "at": "2026-01-05T09:00:00+08:00"}]
    t0 = dt.datetime(2026, 1, 5, 9, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    for i in range(n):
        events.append({"kind": "pause", "name": "waiting", "at": (t0 + dt.timedelta(seconds=2 * i)).isoformat()})
        events.append({"kind": "resume", "name": "", "at": (t0 + dt.timedelta(seconds=2 * i + 1)).isoformat()})
    return {"contract": "desk", "events": events}


# -- 1, 2: linear -------------------------------------------------------------------------------------


def test_declared_events_are_checked_for_repeats_in_linear_time() -> None:
    clause = sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")

    def build(n: int) -> None:
        sc.Contract("x", [clause], events=["received", *(f"e{i}" for i in range(n))])

    assert _ratio(build, 1_500) < 24
    with pytest.raises(ContractError, match="event 'e7' is declared twice"):
        sc.Contract("x", [clause], events=["received", *(f"e{i}" for i in range(20_000)), "e7"])


def test_a_stored_case_with_many_pauses_is_replayed_in_linear_time() -> None:
    c = desk()
    data = {n: _stored_pauses(n) for n in (250, 2_000)}
    assert _ratio(lambda n: Case.from_dict(c, data[n]), 250) < 24
    case = Case.from_dict(c, data[2_000])
    assert len(case.events) == 4_001
    assert Case.from_dict(c, case.to_dict()) == case


def test_evaluate_with_many_pauses_on_one_row_is_linear() -> None:
    c = desk()
    events = {
        "received": np.array(["2026-01-05T09:00"], "datetime64[us]"),
        "solved": np.array(["NaT"], "datetime64[us]"),
    }

    def run(n: int) -> Any:
        stops = START + np.arange(n) * np.timedelta64(2, "s")
        pauses = {"row": np.zeros(n, dtype=np.int64), "paused_at": stops, "resumed_at": stops + np.timedelta64(1, "s")}
        return c.evaluate(events, now="2026-01-06T09:00", pauses=pauses, clauses=["solution"])

    assert _ratio(run, 500) < 20  # 34 before the replay was linear (0.04 s → 1.4 s)
    assert run(4_000)["solution.state"][0] == "running"


# -- 3, 4: evaluate's tables --------------------------------------------------------------------------


def test_a_misspelt_pause_column_is_refused_not_read_as_open_pauses() -> None:
    c = desk()
    events = {"received": ["2026-01-05T09:00"], "solved": [None]}
    pauses = {"row": [0], "paused_at": ["2026-01-06T09:00"], "resume_at": ["2026-01-07T09:00"]}
    with pytest.raises(InvalidInputError, match="no column 'resume_at' \\(did you mean 'resumed_at'\\?\\)") as info:
        c.evaluate(events, now="2026-01-20T09:00", pauses=pauses, clauses=["solution"])
    assert "row, paused_at, resumed_at, reason" in str(info.value)


@pytest.mark.parametrize("lib", ["pandas", "pyarrow"])  # polars cannot hold two columns of one name
def test_a_column_named_twice_is_refused(lib: str) -> None:
    mod = pytest.importorskip(lib)
    when = np.array(["2026-01-05T09:00"], "datetime64[us]")
    nat = np.array(["NaT"], "datetime64[us]")
    if lib == "pandas":
        table = mod.DataFrame({"received": when, "solved": nat, "x": nat}).set_axis(
            ["received", "solved", "solved"], axis=1
        )
    else:
        table = mod.table([when, nat, nat], names=["received", "solved", "solved"])
    with pytest.raises(InvalidInputError, match="two columns named 'solved'"):
        desk().evaluate(table, now="2026-01-20T09:00", ignore_pauses=True, clauses=["solution"])


def test_a_ragged_column_and_uneven_columns_are_typed() -> None:
    c = desk()
    with pytest.raises(InvalidInputError, match="one flat column"):
        c.evaluate({"received": [[1, 2], [3]], "solved": [None, None]}, now="2026-01-20T09:00", ignore_pauses=True)
    with pytest.raises(InvalidInputError, match="the event columns differ in length: 'received' has 1 values"):
        c.evaluate({"received": ["2026-01-05T09:00"], "solved": [None] * 100_000}, now="2026-01-20", ignore_pauses=True)


# -- 5: stored cases ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("contract", "data", "message"),
    [
        ("desk", {"events": []}, "Case.from_dict needs the Contract; got str 'desk'"),
        (None, "desk", "got str 'desk'"),
        (None, ["x"] * 100_000, "got list"),
        (None, {"events": [], "by": 1}, "unknown key 'by'"),
        (None, {"events": "x" * 100_000}, "needs its events"),
    ],
)
def test_a_stored_case_that_is_not_a_table_is_typed_and_bounded(contract: Any, data: Any, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message) as info:
        Case.from_dict(desk() if contract is None else contract, data)
    assert len(str(info.value)) < 1000


def _stored(*events: dict[str, Any]) -> dict[str, Any]:
    head = [
        {"kind": "record", "name": "received", "at": "2026-01-05T09:00:00+08:00"},
        {"kind": "pause", "name": "waiting", "at": "2026-01-05T10:00:00+08:00"},
        {"kind": "resume", "name": "", "at": "2026-01-05T11:00:00+08:00"},
    ]
    return {"contract": "desk", "events": head + list(events)}


EXTEND = {"kind": "extend", "name": "complex_notified", "clause": "solution", "at": "2026-01-06T09:00:00+08:00"}


def test_a_stored_case_round_trips_exactly() -> None:
    data = _stored(
        EXTEND, {"kind": "escalate", "name": "escalated", "clause": "solution", "at": "2026-01-07T09:00+08:00"}
    )
    case = Case.from_dict(desk(), data)
    assert Case.from_dict(desk(), case.to_dict()) == case
    assert [e["name"] for e in case.to_dict()["events"]] == [e["name"] for e in data["events"]]


@pytest.mark.parametrize(
    ("event", "message"),
    [
        # an extension stored under another name was rewritten to the contract's notice event
        (EXTEND | {"name": "acknowledged"}, "records 'complex_notified', not 'acknowledged'"),
        (
            {"kind": "escalate", "name": "solved", "clause": "solution", "at": "2026-01-07T09:00+08:00"},
            "records 'escalated', not 'solved'",
        ),
        # keys a replay would not read were dropped
        ({"kind": "record", "name": "solved", "at": "2026-01-07T09:00+08:00", "period": "3日"}, "unknown keys"),
        ({"kind": "record", "name": "solved", "at": "2026-01-07T09:00+08:00", "clause": "x"}, "unknown keys"),
        ({"kind": "resume", "name": "why", "at": "2026-01-07T09:00+08:00"}, "a resume event has no name"),
        ({"kind": "record", "at": "2026-01-07T09:00+08:00"}, "a record event without 'name'"),
        ({"kind": "extend", "name": "complex_notified", "at": "2026-01-07T09:00+08:00"}, "without 'clause'"),
        ({"kind": "record", "name": 5, "at": "2026-01-07T09:00+08:00"}, "'name' must be text"),
        ({"kind": "record", "name": "solved", "at": "2026-01-07T09:00+08:00", "x" * 10_000: 1}, "unknown keys"),
    ],
)
def test_a_stored_event_is_replayed_as_stored_or_refused(event: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message) as info:
        Case.from_dict(desk(), _stored(event))
    assert len(str(info.value)) < 1000


# -- 6: pickles ---------------------------------------------------------------------------------------


class _Forged:
    """Pickles as ``fn(*args)``: a pickle whose contents were edited."""

    def __init__(self, fn: Any, args: tuple[Any, ...], state: Any = None) -> None:
        self.fn, self.args, self.state = fn, args, state

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.fn, self.args) if self.state is None else (self.fn, self.args, self.state)


def _loads(fn: Any, args: tuple[Any, ...], state: Any = None) -> Any:
    return pickle.loads(pickle.dumps(_Forged(fn, args, state)))


def _fields(obj: Any) -> list[Any]:
    return [getattr(obj, f.name) for f in dataclasses.fields(obj)]


def test_pickles_of_contract_objects_round_trip() -> None:
    c = desk()
    case = c.open(received_at="2026-01-05T09:00").pause("w", at="2026-01-05T10:00").resume(at="2026-01-05T11:00")
    case = case.extend("solution", notified_at="2026-01-06T09:00")
    for value in (c, c.clauses[0], c.clauses[0].extension, case, case.events[-1]):
        assert pickle.loads(pickle.dumps(value)) == value


def test_a_tampered_clause_pickle_is_refused() -> None:
    clause = desk().clauses[0]
    fn, (cls, data) = clause.__reduce__()
    with pytest.raises(ContractError, match="warn_at"):
        _loads(fn, (cls, data | {"warn_at": 5.0}))
    with pytest.raises(SlaclockError):
        _loads(fn, (dict, data))  # not a class of ours
    # a pickle of the fields themselves (as before __reduce__): checked by __setstate__
    names = [f.name for f in dataclasses.fields(clause)]
    state = _fields(clause)
    state[names.index("met_by")] = clause.starts_on
    with pytest.raises(ContractError, match="met_by 'received' is also the event the clause is counted from"):
        _loads(object.__new__, (sc.Clause,), state)
    ext = _fields(clause.extension)
    ext[0] = sc.Period(1, "workday")  # a cap unlike its wording
    with pytest.raises(ContractError, match="wording"):
        _loads(object.__new__, (Extension,), ext)


def test_a_tampered_case_pickle_is_refused() -> None:
    case = desk().open(received_at="2026-01-05T09:00").pause("w", at="2026-01-05T10:00").resume(at="2026-01-05T11:00")
    fn, (contract, cal, events, _) = case.__reduce__()
    swapped = [events[0], events[2], events[1]]  # resumed before it was paused
    with pytest.raises(InvalidInputError, match="the case is not paused"):
        _loads(fn, (contract, cal, swapped))
    with pytest.raises(InvalidInputError, match="holds its Contract and WorkCalendar"):
        _loads(fn, ("desk", cal, events))
    state = _fields(case)
    state[1] = (*case.events, CaseEvent("record", "solved", case.events[0].at))  # solved before the last event
    with pytest.raises(InvalidInputError, match="earlier than the case's last event"):
        _loads(object.__new__, (Case,), state)


def test_a_tampered_contract_or_event_pickle_is_refused() -> None:
    c = desk()
    state = _fields(c)
    state[3] = ("received", "received")  # events declared twice
    with pytest.raises(ContractError, match="declared twice"):
        _loads(object.__new__, (sc.Contract,), state)
    fn, (data, folder) = c.__reduce__()
    with pytest.raises(ContractError):
        _loads(fn, (data | {"clauses": []}, folder))
    event = CaseEvent("record", "received", dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    with pytest.raises(InvalidInputError, match="a pickled CaseEvent"):
        _loads(object.__new__, (CaseEvent,), ["record", "received", "2026-01-05", ()])
    assert pickle.loads(pickle.dumps(event)) == event


# -- 8: bounded messages ------------------------------------------------------------------------------


def test_messages_about_huge_names_and_tables_are_bounded() -> None:
    long = "e" * 100_000
    messages = []
    for fn in (
        lambda: sc.Contract("x", [sc.Clause("a", "1日", starts_on=long, met_by="m")], events=[]),
        lambda: sc.Contract(
            "x", [sc.Clause("a", "1日", starts_on="b", met_by="m")], events=[f"e{i}" for i in range(50_000)]
        ),
        lambda: desk().open(received_at="2026-01-05T09:00").record(long, at="2026-01-05T10:00"),
        lambda: desk().clause(long),
        lambda: desk().evaluate({f"c{i}": [None] for i in range(50_000)}, now="2026-01-20", ignore_pauses=True),
        lambda: sc.Contract(
            "x",
            [sc.Clause(f"c{i}", "1日", starts_on=f"e{i}", met_by=f"e{(i + 1) % 500}") for i in range(500)],
        ),
    ):
        with pytest.raises(SlaclockError) as info:
            fn()
        messages.append(str(info.value))
    assert all(len(m) < 1000 for m in messages), [len(m) for m in messages]
    assert "e6, e7 and 49,993 more" in messages[1]


def test_warnings_stay_quiet() -> None:
    # the replays above collect the calendar's warnings; a plain 2026 case raises none
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Case.from_dict(desk(), _stored(EXTEND))


# -- 4, 5: odd arguments are typed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: desk().evaluate(
            {"received": [None], "solved": [None]}, now="2026-01-20", clauses=5, ignore_pauses=True
        ),
        lambda: desk().evaluate({"received": [None], "solved": [None]}, now="2026-01-20", clauses=dt.date(2026, 1, 1)),
        lambda: Case.from_dict(desk(), {"contract": np.array(["desk", "x"]), "events": [{"kind": "record"}]}),
        lambda: sc.Clause("a", "1日", starts_on="r", met_by="m", kind=np.array(["deadline", "notice"])),  # type: ignore[arg-type]
    ],
)
def test_odd_arguments_are_typed(call: Callable[[], object]) -> None:
    with pytest.raises(SlaclockError) as info:
        call()
    assert len(str(info.value)) < 1000
