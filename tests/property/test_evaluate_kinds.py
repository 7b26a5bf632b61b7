"""``Contract.evaluate`` on monthly, notice and window clauses against ``Case.status`` replayed row by row.

Generated tables of event instants (NaT where an event has not happened) over a contract with every shape
of these kinds: monthly clauses once a month, "within the first N workdays" and "before the N-th workday",
from an event or a fixed date; notice clauses anchored on an event or a fixed date; windows with a period,
with an event or a fixed date as their end, with and without ``met_by``; warnings by share and by lead.
Four conventions (the civil code and business hours, each with and without ``roll_fixed_ranges``), the CN
and HK calendars, ``now`` before, inside and after the windows; and again across the year end on projected
calendars, where some rows read days past the official data and are provisional. Every column (state, due,
last day, overdue time, provisional flag) must equal the case's answer.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slaclock as sc
from tests.helpers.replays import replayed_rows

HOURS = "09:00-12:00,13:00-18:00"


def contract(convention: sc.Convention) -> sc.Contract:
    clause = sc.Clause
    return sc.Contract(
        "kinds",
        [
            clause("survey", kind="monthly", wording="每月一次", starts_on="received", met_by="surveyed", warn_at=0.5),
            clause(
                "fee",
                "每月初五个工作日内",
                kind="monthly",
                starts_on="received",
                met_by="paid",
                warn_before="2个工作日",
            ),
            # a lead in working hours reads the hours up to the due: past the official data in December
            clause(
                "survey_lead",
                kind="monthly",
                wording="每月一次",
                starts_on="received",
                met_by="surveyed",
                warn_before="8个工作小时",
            ),
            clause("fee_share", "每月前3个工作日", kind="monthly", starts_on="received", met_by="paid", warn_at=0.5),
            clause("fee_list", "每月的第一个工作日前", kind="monthly", starts_on="received", met_by="listed"),
            clause(
                "fee_list_dated",
                "每月的第二个工作日前",
                kind="monthly",
                starts_on="2026-03-01",
                met_by="listed",
                warn_before="3日",
            ),
            clause(
                "termination", "30日", kind="notice", starts_on="terminated", met_by="notified", warn_before="5个工作日"
            ),
            clause("renewal", "15个工作日", kind="notice", starts_on="2026-12-31", met_by="renewed", warn_before="2周"),
            # anchored on fixed dates: running while now is before them (an event anchor has always passed)
            clause(
                "notice_hours", "10日", kind="notice", starts_on="2026-10-31", met_by="notified", warn_before="8小时"
            ),
            clause(
                "notice_work",
                "3日",
                kind="notice",
                starts_on="2027-01-10",
                met_by="notified",
                warn_before="4个工作小时",
            ),
            clause("notice_share", "5个工作日", kind="notice", starts_on="2026-09-30", met_by="renewed", warn_at=0.5),
            clause("voucher", "3个月", kind="window", starts_on="received", met_by="used", warn_at=0.8),
            clause("voucher_lead", "20日", kind="window", starts_on="received", met_by="used", warn_before="3个工作日"),
            clause("term", "1个月", kind="window", starts_on="received", warn_before="1周"),
            clause(
                "inspection",
                kind="window",
                starts_on="received",
                ends_on="closed",
                met_by="inspected",
                warn_before="2日",
            ),
            clause(
                "promotion",
                kind="window",
                starts_on="2026-07-01",
                ends_on="2026-10-07",
                met_by="used",
                warn_before="3个工作日",
            ),
            clause(
                "winter",
                kind="window",
                starts_on="2026-12-01",
                ends_on="2027-01-03",
                met_by="used",
                warn_before="1个月",
            ),
            clause(
                "hours_lead", "1个月", kind="window", starts_on="received", met_by="used", warn_before="6个工作小时"
            ),
            # ladders (warn=[...]): every rung tested, as a case tests them
            clause(
                "voucher_ladder", "20日", kind="window", starts_on="received", met_by="used", warn=[0.5, "3个工作日"]
            ),
            clause(
                "notice_ladder", "10日", kind="notice", starts_on="terminated", met_by="notified", warn=["3日", 0.5]
            ),
            clause(
                "notice_hours_ladder",
                "10日",
                kind="notice",
                starts_on="2026-10-31",
                met_by="notified",
                warn=["8个工作小时"],
            ),
        ],
        events=["received", "terminated", "closed"],
        calendar=sc.CalendarSpec("CN", hours=HOURS),
        convention=convention,
    )


CONVENTIONS = [
    sc.Convention.civil_code(),
    sc.Convention.business_hours(),
    sc.Convention.civil_code().replace(roll_fixed_ranges=True),
    sc.Convention.business_hours().replace(roll_fixed_ranges=True),
]
CONTRACTS = [contract(conv) for conv in CONVENTIONS]
CALENDARS = [sc.CalendarSpec("CN", hours=HOURS).build(), sc.CalendarSpec("HK", hours=HOURS).build()]
PROJECTED = [spec.replace(horizon="projected").build() for spec in (sc.CalendarSpec("CN", hours=HOURS),)]
PROJECTED.append(sc.CalendarSpec("HK", hours=HOURS, horizon="projected").build())
EVENTS = ["received", "surveyed", "paid", "listed", "terminated", "notified", "renewed", "used", "closed", "inspected"]
AFTER = dict.fromkeys(EVENTS[1:], "received")
SH = dt.timezone(dt.timedelta(hours=8))

MINUTES = st.one_of(
    st.integers(0, 3 * 24 * 60),
    st.integers(0, 100 * 24 * 60),
    st.sampled_from([0, 60, 9 * 60, 24 * 60 - 1, 24 * 60, 31 * 24 * 60]),
)
LATER = st.integers(0, 3 * 24 * 60) | st.integers(0, 120 * 24 * 60) | st.sampled_from([0, 1])


@st.composite
def rows(draw: st.DrawFn, first: dt.datetime, last: dt.datetime) -> dict[str, dt.datetime | None]:
    received = draw(st.datetimes(first, last)).replace(second=0, microsecond=0)
    if draw(st.integers(0, 4)) == 0:  # at a day's or a month's turn
        received = received.replace(day=draw(st.sampled_from([1, 28])), hour=draw(st.sampled_from([0, 23])), minute=0)
    row: dict[str, dt.datetime | None] = {"received": received}
    for name in EVENTS[1:]:
        row[name] = None if draw(st.integers(0, 2)) == 0 else received + dt.timedelta(minutes=draw(MINUTES))
    return row


def column(values: list[dt.datetime | None]) -> np.ndarray[Any, Any]:
    return np.array([v if v is not None else "NaT" for v in values], dtype="datetime64[us]")


@contextmanager
def quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sc.ProvisionalWarning)
        yield


def replay(c: sc.Contract, row: dict[str, dt.datetime | None], now: dt.datetime, cal: sc.WorkCalendar) -> sc.Status:
    received = row["received"]
    assert received is not None
    case = c.open(received_at=received, calendar=cal)
    for name in sorted((n for n in EVENTS[1:] if row[n] is not None), key=lambda n: (row[n], EVENTS.index(n))):
        case = case.record(name, at=row[name])
    return case.status(now=now)


def same(a: Any, b: Any) -> bool:
    return bool(np.isnat(a) and np.isnat(b)) if np.isnat(a) or np.isnat(b) else bool(a == b)


FIELDS = ("state", "due", "last_day", "overdue_by", "provisional")


def agree(c: sc.Contract, result: dict[str, Any], i: int, status: sc.Status) -> None:
    assert not status.not_supported, status.not_supported
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


def check(
    table: list[dict[str, dt.datetime | None]], c: sc.Contract, cal: sc.WorkCalendar, now: dt.datetime
) -> list[bool]:
    """Each row replayed as a case; a row a case refuses (a day past the calendar) is refused by evaluate too."""
    with quiet():
        good = replayed_rows(c, table, now, cal, replay, EVENTS, column)
        if not good:
            return []
        events = {name: column([row[name] for row, _ in good]) for name in EVENTS}
        result = c.evaluate(events, now=now.replace(tzinfo=SH), calendar=cal)
    for i, (_, status) in enumerate(good):
        agree(c, result, i, status)
    return [any(s.provisional for s in status.clauses) for _, status in good]


def now_after(table: list[dict[str, dt.datetime | None]], later: int, until: dt.datetime) -> dt.datetime:
    last = max(v for row in table for v in row.values() if v is not None)
    return max(last, min(last + dt.timedelta(minutes=later), until))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(rows(dt.datetime(2026, 1, 1), dt.datetime(2026, 9, 30)), min_size=5, max_size=40),
    which=st.integers(0, len(CONVENTIONS) - 1),
    hk=st.booleans(),
    later=LATER,
)
def test_evaluate_follows_monthly_notice_and_window_clauses_as_cases(
    table: list[dict[str, dt.datetime | None]], which: int, hk: bool, later: int
) -> None:
    now = now_after(table, later, dt.datetime(2026, 12, 31, 12))
    flags = check(table, CONTRACTS[which], CALENDARS[hk], now)
    assert not any(flags)  # an official calendar has no provisional day


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(rows(dt.datetime(2026, 10, 15), dt.datetime(2027, 1, 31)), min_size=5, max_size=40),
    which=st.integers(0, len(CONVENTIONS) - 1),
    hk=st.booleans(),
    later=LATER,
)
def test_evaluate_follows_the_kinds_across_the_year_end_on_projected_calendars(
    table: list[dict[str, dt.datetime | None]], which: int, hk: bool, later: int
) -> None:
    """Rows that read days past the official data are provisional, exactly those a case flags."""
    now = now_after(table, later, dt.datetime(2027, 4, 30))
    check(table, CONTRACTS[which], PROJECTED[hk], now)
