"""``Contract.evaluate`` (columns) against ``Case.status`` replayed row by row: the same answers, the same refusals.

Generated tables of event instants (NaT where an event has not happened) over a contract with every unit a
deadline takes (hours, working hours, days, workdays, months), thresholds, a fixed-date start, capped
extensions (noticed before expiry, or not required to be), and every kind of warning (a share, a lead in
hours, working hours, workdays, days and months), under four conventions. Each row is replayed as a case:
rows a case refuses must make ``evaluate`` refuse too; on the others, every clause's state, due, last day,
overdue time and provisional flag must agree. The same again across the year end on a projected calendar
(``horizon="projected"``), where some rows read days past the official data and are provisional.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock.errors import SlaclockError
from tests.helpers.replays import replayed_rows

SH = dt.timezone(dt.timedelta(hours=8))
NOW_MAX = dt.datetime(2026, 10, 31)


def contract(convention: sc.Convention) -> sc.Contract:
    """Every unit, and each warning alone on a clause (so that one cannot hide the other's boundary)."""
    clause = sc.Clause
    return sc.Contract(
        "generated",
        [
            clause("ack", "24小时", starts_on="received", met_by="acknowledged", warn_before="4小时"),
            clause("ack_share", "24小时", starts_on="received", met_by="acknowledged", warn_at=0.5),
            # a lead counted on the calendar before a due in hours: the lead alone may read a projected day
            clause("ack_day_lead", "24小时", starts_on="received", met_by="acknowledged", warn_before="1个工作日"),
            clause("ack_hour_lead", "24小时", starts_on="received", met_by="acknowledged", warn_before="2个工作小时"),
            clause("first_reply", "8个工作小时", starts_on="received", met_by="replied", warn_at=0.5),
            clause(
                "first_reply_lead", "8个工作小时", starts_on="received", met_by="replied", warn_before="2个工作小时"
            ),
            clause(
                "solution", "5个工作日", starts_on="received", met_by="solved", pausable=True, warn_before="2个工作日"
            ),
            clause("solution_share", "5个工作日", starts_on="received", met_by="solved", warn_at=0.6),
            clause(
                "standard",
                "10个工作日",
                starts_on="acknowledged",
                met_by="proposed",
                warn_at=0.8,
                extension=sc.Extension("30个工作日", event="complex_notified"),
            ),
            clause(
                "cure",
                "7日",
                starts_on="received",
                met_by="cured",
                warn_before="2日",
                extension=sc.Extension("3周", event="cure_delay_notified", notice_before_expiry=False),
            ),
            clause("cure_share", "7日", starts_on="received", met_by="cured", warn_at=0.6),
            clause("review", "1个月", starts_on="received", met_by="reviewed", warn_at=0.75),
            clause("review_lead", "1个月", starts_on="received", met_by="reviewed", warn_before="2周"),
            clause("appeal", "3个月", starts_on="acknowledged", met_by="appealed", warn_before="1个月"),
            clause("overdue", "30日", kind="threshold", starts_on="received", met_by="paid", warn_at=0.9),
            clause("rollout", "10个工作日", starts_on="2026-06-01", met_by="rolled_out", warn_at=0.5),
        ],
        events=["received", "acknowledged"],
        calendar=sc.CalendarSpec("CN", hours="09:00-12:00,13:00-18:00"),
        convention=convention,
    )


CONVENTIONS = [
    sc.Convention.civil_code(),
    sc.Convention.business_hours(),
    sc.Convention.deemed_receipt("18:00"),
    sc.Convention.no_rollover(),
]
CONTRACTS = [contract(conv) for conv in CONVENTIONS]
CAL = CONTRACTS[0].calendar()
PROJECTED = CONTRACTS[0].calendar_spec.replace(horizon="projected").build()
# received from 2026-11-01 (so that dues and leads cross the year end), now up to 2027-03-31
YEAR_END = (dt.datetime(2026, 11, 1), dt.datetime(2027, 1, 31), dt.datetime(2027, 3, 31))
EVENTS = ["received", "acknowledged", "replied", "solved", "complex_notified", "proposed", "cure_delay_notified"]
EVENTS += ["cured", "reviewed", "appealed", "paid", "rolled_out"]
# what each event follows (its own clause's start), and the order a case records ties in
AFTER = {
    "acknowledged": "received",
    "replied": "received",
    "solved": "received",
    "complex_notified": "acknowledged",
    "proposed": "acknowledged",
    "cured": "received",
    "cure_delay_notified": "received",
    "reviewed": "received",
    "appealed": "acknowledged",
    "paid": "received",
    "rolled_out": "received",
}
NOTICES = ("complex_notified", "cure_delay_notified")
OPEN = frozenset(EVENTS) - {"received", "acknowledged", *NOTICES}
LATER = {"proposed": "complex_notified", "cured": "cure_delay_notified"}

MINUTES = st.one_of(
    st.integers(0, 3 * 24 * 60),
    st.integers(0, 60 * 24 * 60),
    st.sampled_from([0, 60, 9 * 60, 24 * 60 - 1, 24 * 60, 7 * 24 * 60]),
)


@st.composite
def rows(
    draw: st.DrawFn, first: dt.datetime = dt.datetime(2026, 1, 1), last: dt.datetime = dt.datetime(2026, 7, 31)
) -> dict[str, dt.datetime | None]:
    received = draw(st.datetimes(first, last)).replace(second=0, microsecond=0)
    row: dict[str, dt.datetime | None] = {"received": received}
    for name in EVENTS[1:]:
        base = row[AFTER[name]]
        if name in LATER and row[LATER[name]] is not None and draw(st.integers(0, 3)):
            base = row[LATER[name]]  # mostly after the extension notice: a case refuses a notice after it
        if base is None or draw(st.integers(0, 2)) == 0:
            row[name] = None
        else:
            row[name] = base + dt.timedelta(minutes=draw(MINUTES))
    return row


def column(values: list[dt.datetime | None]) -> np.ndarray[Any, Any]:
    return np.array([v if v is not None else "NaT" for v in values], dtype="datetime64[us]")


@contextmanager
def quiet() -> Iterator[None]:
    """Provisional results warn (ProvisionalWarning); the tests compare the flags instead."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        yield


def replay(
    c: sc.Contract, row: dict[str, dt.datetime | None], now: dt.datetime, cal: sc.WorkCalendar | None = None
) -> sc.Status:
    """The row as a case: events in time order; at a tie, a start before what it starts, a notice before the rest."""
    received = row["received"]
    assert received is not None
    case = c.open(received_at=received, calendar=cal)
    rank = {name: 0 if name in AFTER.values() else (1 if name in NOTICES else 2) for name in EVENTS}
    for name in sorted((n for n in EVENTS[1:] if row[n] is not None), key=lambda n: (row[n], rank[n])):
        at = row[name]
        if name == "complex_notified":
            case = case.extend("standard", notified_at=at)
        elif name == "cure_delay_notified":
            case = case.extend("cure", notified_at=at)
        else:
            case = case.record(name, at=at)
    return case.status(now=now)


def replayed(
    c: sc.Contract,
    table: list[dict[str, dt.datetime | None]],
    now: dt.datetime,
    cal: sc.WorkCalendar,
    kind: Callable[[list[dt.datetime | None]], Any] = column,
) -> list[tuple[dict[str, dt.datetime | None], sc.Status]]:
    """The rows a case takes, each with its status on ``cal``; a row a case refuses is refused by ``evaluate`` too
    (its events made columns by ``kind``), with the same class of error."""
    return replayed_rows(c, table, now, cal, replay, EVENTS, kind, ignore_pauses=True)


def same(a: Any, b: Any) -> bool:
    return bool(np.isnat(a) and np.isnat(b)) if np.isnat(a) or np.isnat(b) else bool(a == b)


FIELDS = ("state", "due", "last_day", "overdue_by", "provisional")


def agree(result: dict[str, Any], i: int, status: sc.Status) -> None:
    """Row ``i`` of ``evaluate``'s columns says what the case's status says, clause by clause."""
    for s in status.clauses:
        got = {f: result[f"{s.clause}.{f}"][i] for f in FIELDS}
        want_due = np.datetime64(s.due.replace(tzinfo=None), "us") if s.due else np.datetime64("NaT", "us")
        want_last = np.datetime64(s.last_day, "D") if s.last_day else np.datetime64("NaT", "D")
        want_over = np.timedelta64(s.overdue_by, "us") if s.overdue_by is not None else np.timedelta64("NaT", "us")
        assert got["state"] == s.state, (i, s.clause, got, s)
        assert same(got["due"], want_due), (i, s.clause, got, s)
        assert same(got["last_day"], want_last), (i, s.clause, got, s)
        assert same(got["overdue_by"], want_over), (i, s.clause, got, s)
        assert bool(got["provisional"]) is s.provisional, (i, s.clause, got, s)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(rows(), min_size=1, max_size=12),
    which=st.integers(0, len(CONVENTIONS) - 1),
    later=st.integers(0, 3 * 24 * 60) | st.integers(0, 90 * 24 * 60),
    still_open=st.booleans(),
)
def test_evaluate_agrees_with_cases(
    table: list[dict[str, dt.datetime | None]], which: int, later: int, still_open: bool
) -> None:
    c = CONTRACTS[which]
    if still_open:  # nothing met yet: the clauses run, or are at risk, or are breached
        table = [{k: (None if k in OPEN else v) for k, v in row.items()} for row in table]
    last = max(v for row in table for v in row.values() if v is not None)
    now = min(last + dt.timedelta(minutes=later), NOW_MAX) if last < NOW_MAX else last
    good = replayed(c, table, now, CAL)
    if not good:
        return
    events = {name: column([row[name] for row, _ in good]) for name in EVENTS}
    result = c.evaluate(events, now=now.replace(tzinfo=SH), ignore_pauses=True, calendar=CAL)
    for i, (_, status) in enumerate(good):
        assert not status.provisional  # an official calendar has no provisional day
        agree(result, i, status)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(rows(*YEAR_END[:2]), min_size=1, max_size=12),
    which=st.integers(0, len(CONVENTIONS) - 1),
    later=st.integers(0, 3 * 24 * 60) | st.integers(0, 90 * 24 * 60),
    still_open=st.booleans(),
)
def test_evaluate_agrees_with_cases_across_the_year_end(
    table: list[dict[str, dt.datetime | None]], which: int, later: int, still_open: bool
) -> None:
    """On a projected calendar: the same answers, and the same rows provisional (they read days past 2026)."""
    c = CONTRACTS[which]
    if still_open:
        table = [{k: (None if k in OPEN else v) for k, v in row.items()} for row in table]
    last = max(v for row in table for v in row.values() if v is not None)
    now = min(last + dt.timedelta(minutes=later), YEAR_END[2]) if last < YEAR_END[2] else last
    with quiet():
        good = replayed(c, table, now, PROJECTED)
        if not good:
            return
        events = {name: column([row[name] for row, _ in good]) for name in EVENTS}
        result = c.evaluate(events, now=now.replace(tzinfo=SH), ignore_pauses=True, calendar=PROJECTED)
    for i, (_, status) in enumerate(good):
        agree(result, i, status)


# a zone with daylight saving time: events around its two changes of 2026, as UTC instants (the first 01:30 of the
# fall-back night is 05:30 UTC, the second 06:30), so that a case's comparisons and sums of time cross them
NEW_YORK = CONTRACTS[0].calendar_spec.replace(tz="America/New_York").build()
DST_CHANGES = (dt.datetime(2026, 3, 8, 7), dt.datetime(2026, 11, 1, 6))  # UTC: 02:00 EST, 02:00 EDT
UTC = dt.UTC


@st.composite
def dst_rows(draw: st.DrawFn) -> dict[str, dt.datetime | None]:
    """A row whose events fall within a few hours or days of a change of the zone's offset, as aware UTC instants."""
    change = draw(st.sampled_from(DST_CHANGES))
    received = change + dt.timedelta(minutes=draw(st.integers(-3 * 24 * 60, 6 * 60)))
    row: dict[str, dt.datetime | None] = {"received": received}
    for name in EVENTS[1:]:
        base = row[AFTER[name]]
        if name in LATER and row[LATER[name]] is not None and draw(st.integers(0, 3)):
            base = row[LATER[name]]
        if base is None or draw(st.integers(0, 2)) == 0:
            row[name] = None
        else:
            minutes = draw(st.integers(0, 6 * 60) | st.integers(0, 3 * 24 * 60) | st.sampled_from([0, 30, 60, 90]))
            row[name] = base + dt.timedelta(minutes=minutes)
    return {k: None if v is None else v.replace(tzinfo=UTC) for k, v in row.items()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(dst_rows(), min_size=1, max_size=8),
    which=st.integers(0, len(CONVENTIONS) - 1),
    later=st.integers(0, 2 * 60) | st.integers(0, 3 * 24 * 60),
    still_open=st.booleans(),
)
def test_evaluate_agrees_with_cases_across_a_change_of_offset(
    table: list[dict[str, dt.datetime | None]], which: int, later: int, still_open: bool
) -> None:
    """In New York, across its spring-forward and fall-back nights: a case compares and adds instants as instants
    (it compared their wall fields: a clause breached 30 minutes before its due, 48 hours overdue where 47 had
    passed), as ``evaluate`` does."""
    c = CONTRACTS[which]
    if still_open:
        table = [{k: (None if k in OPEN else v) for k, v in row.items()} for row in table]
    now = max(v for row in table for v in row.values() if v is not None) + dt.timedelta(minutes=later)
    good = replayed(c, table, now, NEW_YORK, lambda values: np.array(values, dtype=object))
    if not good:
        return
    events = {name: np.array([row[name] for row, _ in good], dtype=object) for name in EVENTS}
    result = c.evaluate(events, now=now, ignore_pauses=True, calendar=NEW_YORK)
    for i, (_, status) in enumerate(good):
        agree(result, i, status)


Pause = tuple[dt.datetime, dt.datetime | None]


@st.composite
def pauses(draw: st.DrawFn, received: dt.datetime) -> list[Pause]:
    out: list[Pause] = []
    at = received
    for k in range(draw(st.integers(0, 2))):
        start = at + dt.timedelta(minutes=draw(MINUTES))
        end: dt.datetime | None = start + dt.timedelta(minutes=draw(MINUTES))
        if k == 1 and draw(st.booleans()):
            end = None  # still paused
        out.append((start, end))
        if end is None:
            break
        at = end
    return out


def replay_paused(
    c: sc.Contract,
    row: dict[str, dt.datetime | None],
    stops: list[Pause],
    now: dt.datetime,
    cal: sc.WorkCalendar | None = None,
) -> Any:
    """The row as a case with its pauses, in time order (at a tie: starts, notices, pauses, the rest)."""
    items: list[tuple[dt.datetime, int, int, str]] = []
    for name in EVENTS[1:]:
        at = row[name]
        if at is not None:
            items.append((at, 0 if name in AFTER.values() else (1 if name in NOTICES else 3), 0, name))
    for k, (start, end) in enumerate(stops):
        items.append((start, 2, 2 * k, "pause"))
        if end is not None:
            items.append((end, 2, 2 * k + 1, "resume"))
    received = row["received"]
    assert received is not None
    case = c.open(received_at=received, calendar=cal)
    for at, _, _, name in sorted(items):
        if name == "pause":
            case = case.pause("awaiting_customer", at=at)
        elif name == "resume":
            case = case.resume(at=at)
        elif name == "complex_notified":
            case = case.extend("standard", notified_at=at)
        elif name == "cure_delay_notified":
            case = case.extend("cure", notified_at=at)
        else:
            case = case.record(name, at=at)
    return case.status(now=now)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    which=st.integers(0, len(CONVENTIONS) - 1),
    later=st.integers(0, 10 * 24 * 60),
    past=st.booleans(),
)
def test_evaluate_with_pauses_agrees_with_cases(data: st.DataObject, which: int, later: int, past: bool) -> None:
    """Paused rows are replayed as cases; ``past``: across the year end, on a projected calendar."""
    c = CONTRACTS[which]
    cal, (first, last_received, now_max) = (PROJECTED, YEAR_END) if past else (CAL, (*rows_span(), NOW_MAX))
    table = data.draw(st.lists(rows(first, last_received), min_size=1, max_size=6))
    stops = [data.draw(pauses(row["received"])) for row in table]  # type: ignore[arg-type]
    times = [v for row in table for v in row.values() if v is not None]
    times += [t for ps in stops for p in ps for t in p if t is not None]
    now = max(times) + dt.timedelta(minutes=later)
    if now > now_max:
        return
    good, kept = [], []
    with quiet():
        for row, ps in zip(table, stops, strict=True):
            try:
                good.append((row, replay_paused(c, row, ps, now, cal)))
                kept.append(ps)
            except SlaclockError:
                continue
    if not good:
        return
    events = {name: column([row[name] for row, _ in good]) for name in EVENTS}
    flat = [(i, start, end) for i, ps in enumerate(kept) for start, end in ps]
    table_of_pauses = {
        "row": np.array([i for i, _, _ in flat], dtype=np.int64),
        "paused_at": column([s for _, s, _ in flat]),
        "resumed_at": column([e for _, _, e in flat]),
    }
    with quiet():
        result = c.evaluate(events, now=now, pauses=table_of_pauses, calendar=cal)
    for i, (_, status) in enumerate(good):
        agree(result, i, status)


def rows_span() -> tuple[dt.datetime, dt.datetime]:
    """The receipts of the tables on the official calendar (``rows``' defaults)."""
    return dt.datetime(2026, 1, 1), dt.datetime(2026, 7, 31)
