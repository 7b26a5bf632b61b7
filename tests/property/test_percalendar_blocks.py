"""``Contract.evaluate(..., calendars=...)`` on a long table runs in blocks of rows, each block's rows of each
calendar on their calendar: the same result as one pass by calendar, the same warning, the same refusals.

A table longer than two blocks (``assembly.BLOCK`` rows; 131,072 by default) is evaluated a block at a time: in a
block, the rows of each calendar are evaluated on it and put back in order, with their share of the pauses and of
the log (read once, whole: a naive instant in the zone of its case's calendar). Here the block is made a few rows
long, so that short generated tables cross many block boundaries, and each result is compared with the one pass
by calendar (every calendar's rows evaluated whole, and scattered back): a help desk's policy with a log of
occurrences and pauses, on calendars in three zones (one with daylight saving, so that a mapping's wall times
differ by row), in every kind of table; generated tables of the seed contracts' events (Hypothesis); projected
calendars (the provisional warning's counts and regions); threads; and refusals, word for word.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock.errors import InvalidInputError
from tests.property.test_evaluate_blocks import (
    ONE_PASS,
    block,
    both,
    log_and_pauses,
    same_mapping,
    same_result_or_refusal,
)
from tests.property.test_evaluate_properties import EVENTS, NOW_MAX, column, rows
from tests.property.test_percalendar_properties import CONTRACTS, REGION_CALENDARS
from tests.property.test_policy_properties import HOURS, PROJECTED, SEASONS, policy
from tests.property.test_policy_properties import tickets as help_desk_tickets

DESKS = {
    "CN": sc.calendar("CN").with_hours(HOURS),
    "HK": sc.calendar("HK").with_hours(HOURS),
    # the mainland's days, worked from New York: a zone with daylight saving, so wall times differ by row
    "NY": sc.calendar("CN", tz="America/New_York").with_hours(HOURS),
}


def desk_batch(seed: int, now: dt.datetime, shuffled: bool) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A help desk's tickets (received, priority, region) across the three desks, their log and their pauses, as
    numpy columns; naive instants (each a wall time in its ticket's calendar's zone)."""
    data = help_desk_tickets(seed, now)
    rng = np.random.default_rng(seed)
    events = {
        "ticket": np.arange(len(data["received"])),
        "received": np.array(data["received"], dtype="datetime64[us]"),
        "priority": np.array(data["priority"], dtype=object),
        "region": np.array(sorted(DESKS))[rng.integers(0, len(DESKS), len(data["received"]))],
    }
    occurrences, pauses = log_and_pauses(data, rng if shuffled else None)
    return events, occurrences, pauses


def in_kind(events: dict[str, Any], kind: str) -> Any:
    if kind == "mapping":
        return events
    frame = pd.DataFrame(events)
    if kind == "pandas":
        return frame
    return pl.from_pandas(frame) if kind == "polars" else pa.Table.from_pandas(frame, preserve_index=False)


def same(whole: Any, blocked: Any) -> None:
    if isinstance(whole, dict):
        same_mapping(whole, blocked)
    elif isinstance(whole, pd.DataFrame):
        pd.testing.assert_frame_equal(whole, blocked)
    elif isinstance(whole, pl.DataFrame):
        assert whole.equals(blocked)
        assert whole.schema == blocked.schema
    else:
        assert whole.equals(blocked, check_metadata=True)


@pytest.mark.parametrize("kind", ["mapping", "pandas", "polars", "pyarrow"])
@pytest.mark.parametrize(("seed", "size", "shuffled"), [(3, 7, False), (11, 64, True), (2026, 5, True)])
def test_a_help_desk_on_a_calendar_per_row_in_blocks_gives_the_one_pass_result(
    kind: str, seed: int, size: int, shuffled: bool
) -> None:
    now = SEASONS[seed % len(SEASONS)] + dt.timedelta(days=seed % 9)
    events, log, pauses = desk_batch(seed, now, shuffled)
    options = {"now": now, "log": log, "pauses": pauses, "calendar": "region", "calendars": DESKS, "keep": ["ticket"]}
    (whole, w1), (blocked, w2) = both(policy("civil_code", DESKS), in_kind(events, kind), size, **options)
    names = whole.column_names if isinstance(whole, pa.Table) else list(getattr(whole, "columns", whole))
    assert "next_reply.cycles" in names
    same(whole, blocked)
    assert w1 == w2
    if kind == "mapping":  # naive dues: each row's wall time in its own calendar's zone (a table's: UTC)
        aware = policy("civil_code", DESKS).evaluate(pd.DataFrame(events), **options)["resolution.due"]
        for key, zone in (("NY", "America/New_York"), ("CN", "Asia/Shanghai"), ("HK", "Asia/Hong_Kong")):
            mine = events["region"] == key
            wall = aware[mine].dt.tz_convert(zone).dt.tz_localize(None).to_numpy("datetime64[us]")
            assert mine.any()
            assert np.array_equal(blocked["resolution.due"][mine], wall, equal_nan=True)


def test_codes_fields_and_threads_with_a_calendar_per_row(monkeypatch: Any) -> None:
    from slaclock._base import blocks

    now = SEASONS[1] + dt.timedelta(days=3)
    events, log, pauses = desk_batch(8, now, True)
    options = {"now": now, "log": log, "pauses": pauses, "calendar": "region", "calendars": DESKS}
    for workers in (1, 3):
        monkeypatch.setattr(blocks, "threads", lambda n=workers: n)
        for more in ({"states": "codes"}, {"fields": ["state", "due", "warn"]}, {"states": "codes", "fields": "due"}):
            (whole, w1), (blocked, w2) = both(policy("business_hours", DESKS), events, 9, **options, **more)
            same_mapping(whole, blocked)
            assert w1 == w2


def test_the_provisional_warning_counts_the_whole_tables_rows_and_names_each_calendar() -> None:
    now = dt.datetime(2026, 12, 28)
    events, log, pauses = desk_batch(5, now, False)
    events["region"] = np.where(np.arange(events["region"].size) % 3 == 0, "HK", "CN")
    options = {"now": now, "log": log, "pauses": pauses, "calendar": "region", "calendars": PROJECTED}
    (whole, w1), (blocked, w2) = both(policy("civil_code", PROJECTED), events, 6, **options)
    same_mapping(whole, blocked)
    assert len(w1) == 1
    assert "CN days past the official data" in w1[0]
    assert "HK days past the official data" in w1[0]
    assert w1 == w2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(rows(), min_size=3, max_size=30),
    which=st.integers(0, len(CONTRACTS) - 1),
    size=st.integers(1, 4),
    later=st.integers(0, 3 * 24 * 60) | st.integers(0, 90 * 24 * 60),
    data=st.data(),
)
def test_blocks_with_a_calendar_per_row_give_the_one_pass_result_or_its_refusal(
    table: list[dict[str, dt.datetime | None]], which: int, size: int, later: int, data: st.DataObject
) -> None:
    keys = data.draw(st.lists(st.sampled_from(sorted(REGION_CALENDARS)), min_size=len(table), max_size=len(table)))
    last = max(v for row in table for v in row.values() if v is not None)
    now = min(last + dt.timedelta(minutes=later), NOW_MAX) if last < NOW_MAX else last
    events = {name: column([row[name] for row in table]) for name in EVENTS} | {"region": np.array(keys)}
    options = {"now": now, "ignore_pauses": True, "calendar": "region", "calendars": REGION_CALENDARS}
    same_result_or_refusal(CONTRACTS[which], events, size, **options)


def test_a_refusal_in_a_late_block_is_said_as_one_pass_says_it() -> None:
    now = SEASONS[2] + dt.timedelta(days=2)
    events, log, pauses = desk_batch(21, now, False)
    n = events["received"].size
    options = {"now": now, "pauses": pauses, "calendar": "region", "calendars": DESKS}
    late = dict(log, at=log["at"].copy())
    late["at"][-2:] = np.datetime64(now + dt.timedelta(days=3))  # the last rows' occurrences: after now
    unknown = dict(log, event=log["event"].copy())
    unknown["event"][-1] = "escalated"
    outside = dict(pauses, row=pauses["row"].copy())
    outside["row"][-1] = n
    unread = dict(log, at=log["at"].copy())  # a late message that the clause followed does not read
    message = (log["event"] == "customer_replied") & ~np.isin(log["row"], pauses["row"])  # a row without pauses
    unread["at"][np.flatnonzero(message)[-1]] = np.datetime64(now + dt.timedelta(days=3))
    missing = dict(log, at=log["at"].copy())
    missing["at"][np.flatnonzero(message)[-2]] = np.datetime64("NaT")
    for bad in (
        {"log": late},
        {"log": unknown},
        {"log": log, "pauses": outside},
        {"log": unread, "clauses": ["resolution"]},
        {"log": missing, "clauses": ["resolution"]},
    ):
        with block(ONE_PASS), pytest.raises(InvalidInputError) as one:
            policy("civil_code", DESKS).evaluate(events, **(options | bad))
        with block(5), pytest.raises(InvalidInputError) as many:
            policy("civil_code", DESKS).evaluate(events, **(options | bad))
        assert str(many.value) == str(one.value)
    assert "calendar " in str(one.value) or "pauses" in str(one.value)


def test_a_long_table_on_two_calendars_by_default_blocks(monkeypatch: Any) -> None:
    # no block size set: a table of more than two blocks (131,072 rows) goes by blocks, and gives the one pass
    from slaclock._contracts import percalendar

    n = 140_000
    rng = np.random.default_rng(1)
    received = np.datetime64("2026-03-02T00:00", "us") + rng.integers(0, 200 * 1_440, n) * np.timedelta64(1, "m")
    events = {"received": received, "region": np.where(rng.random(n) < 0.7, "CN", "HK")}
    replied = np.where(rng.random(n) < 0.8, received + rng.integers(1, 600, n) * np.timedelta64(1, "m"), received)
    rows = np.flatnonzero(replied != received)
    log = {"row": rows, "event": np.full(rows.size, "agent_replied"), "at": replied[rows]}
    c = sc.Contract(
        "desk",
        [sc.Clause("first_reply", "4个工作小时", starts_on="received", met_by="agent_replied")],
        events=["received"],
        calendar=DESKS["CN"],
    )
    options = {"now": "2026-12-01T00:00", "log": log, "calendar": "region", "calendars": DESKS}
    went: list[int] = []
    real = percalendar._in_blocks
    monkeypatch.setattr(percalendar, "_in_blocks", lambda *a: went.append(1) or real(*a))
    blocked = c.evaluate(events, **options)
    assert went == [1]
    with block(ONE_PASS):
        whole = c.evaluate(events, **options)
    same_mapping(whole, blocked)
    states = set(np.unique(blocked["first_reply.state"]).tolist())
    assert states == {"met", "breached"}  # the log's replies were read: some met, the others late by now
