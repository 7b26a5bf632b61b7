"""``Contract.evaluate`` on a long table runs in blocks of rows: the same result as one pass, the same refusals.

A table longer than two blocks (``assembly.BLOCK`` rows each; 131,072 by default) is evaluated a block at a
time into preallocated outputs. Here the block is made a few rows long, so that short generated tables cross
many block boundaries, and every result is compared with the one-pass result: every column, every kind of
table (a mapping of numpy columns, pandas, polars, pyarrow), every clause kind (deadlines with warnings and
extensions, target tables, warning ladders, recurring clauses, monthly, notice and window clauses), the
provisional warning's counts, ``keep=``, and the refusals (the message names the whole table's counts and first
row, not a block's).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._contracts import assembly
from slaclock.errors import InvalidInputError, SlaclockError
from tests.e2e.test_evaluate_whole_contracts import seed_002
from tests.helpers.tickets import NOW, assert_same_result, desk, tickets
from tests.property.test_evaluate_properties import (
    CAL,
    CONTRACTS,
    EVENTS,
    NOW_MAX,
    PROJECTED,
    SH,
    column,
    pauses,
    rows,
)
from tests.property.test_policy_properties import CALENDARS, SEASONS, policy
from tests.property.test_policy_properties import tickets as help_desk_tickets
from tests.unit._contracts.test_recurring import desk as recurring_desk

ONE_PASS = 10**12


@contextmanager
def block(rows: int) -> Iterator[None]:
    """Evaluate in blocks of ``rows`` rows (any table longer than two blocks)."""
    saved = assembly.BLOCK
    assembly.BLOCK = rows
    try:
        yield
    finally:
        assembly.BLOCK = saved


def both(c: sc.Contract, events: Any, rows: int, **options: Any) -> tuple[Any, Any]:
    """(one pass, in blocks of ``rows``), each with the warnings it gave as text."""
    out = []
    for size in (ONE_PASS, rows):
        with block(size), warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            out.append((c.evaluate(events, **options), [str(w.message) for w in seen]))
    return out[0], out[1]


def same_result_or_refusal(c: sc.Contract, events: Any, rows: int, **options: Any) -> None:
    """In blocks of ``rows``, the one-pass result and warnings; or, where one pass refuses, the same refusal, word
    for word (the whole table's counts and first row, not a block's)."""
    try:
        (whole, w1), (blocked, w2) = both(c, events, rows, **options)
    except SlaclockError:
        with block(ONE_PASS), pytest.raises(SlaclockError) as one:
            c.evaluate(events, **options)
        with block(rows), pytest.raises(type(one.value)) as many:
            c.evaluate(events, **options)
        assert str(many.value) == str(one.value)
        return
    same_mapping(whole, blocked)
    assert w1 == w2


def in_kind(t: pa.Table, kind: str) -> Any:
    """The tickets as a pandas, polars or pyarrow table, or a mapping of numpy columns."""
    if kind == "pandas":
        return t.to_pandas()
    if kind == "polars":
        return pl.from_arrow(t)
    if kind == "pyarrow":
        return t
    return {n: t.column(n).to_numpy(zero_copy_only=False) for n in t.column_names}


def same_mapping(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert list(a) == list(b)
    for k in a:
        x, y = a[k], b[k]
        assert type(x) is type(y), (k, type(x), type(y))
        assert x.dtype == y.dtype, (k, x.dtype, y.dtype)
        if isinstance(x, np.ma.MaskedArray):
            assert (x.mask == y.mask).all(), k
            assert (x.filled(-1) == y.filled(-1)).all(), k
        elif x.dtype.kind in "mM":
            assert np.array_equal(x.view(np.int64), y.view(np.int64)), k
        else:
            assert np.array_equal(x, y, equal_nan=x.dtype.kind == "f"), k


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(rows(), min_size=3, max_size=40),
    which=st.integers(0, len(CONTRACTS) - 1),
    size=st.integers(1, 4),
    later=st.integers(0, 3 * 24 * 60) | st.integers(0, 90 * 24 * 60),
)
def test_blocks_give_the_one_pass_result_or_its_refusal(
    table: list[dict[str, dt.datetime | None]], which: int, size: int, later: int
) -> None:
    c = CONTRACTS[which]
    last = max(v for row in table for v in row.values() if v is not None)
    now = (min(last + dt.timedelta(minutes=later), NOW_MAX) if last < NOW_MAX else last).replace(tzinfo=SH)
    events = {name: column([row[name] for row in table]) for name in EVENTS}
    same_result_or_refusal(c, events, size, now=now, ignore_pauses=True, calendar=CAL)


# the seed contracts' calendar in a zone whose offset changes (daylight saving): wall times are converted through
# the zone's rules, not at one offset, on the way in and on the way out (a mapping's dues into the result)
NEW_YORK = CONTRACTS[0].calendar_spec.replace(tz="America/New_York").build()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(rows(), min_size=3, max_size=40), which=st.integers(0, len(CONTRACTS) - 1), size=st.integers(1, 4)
)
def test_blocks_in_a_zone_with_daylight_saving_give_the_one_pass_result(
    table: list[dict[str, dt.datetime | None]], which: int, size: int
) -> None:
    c = CONTRACTS[which]
    last = max(v for row in table for v in row.values() if v is not None)
    now = (last + dt.timedelta(days=3)).replace(tzinfo=SH)
    events = {name: column([row[name] for row in table]) for name in EVENTS}
    same_result_or_refusal(c, events, size, now=now, ignore_pauses=True, calendar=NEW_YORK)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    table=st.lists(rows(), min_size=3, max_size=30),
    which=st.integers(0, len(CONTRACTS) - 1),
    size=st.integers(1, 4),
)
def test_blocks_with_pauses_give_the_one_pass_result_or_its_refusal(
    data: st.DataObject, table: list[dict[str, dt.datetime | None]], which: int, size: int
) -> None:
    """Each block gets the pauses of its own rows (renumbered from the block's first row); a refusal in a paused
    row replayed in a block names the whole table's row."""
    c = CONTRACTS[which]
    stops = [data.draw(pauses(row["received"])) for row in table]  # type: ignore[arg-type]
    times = [v for row in table for v in row.values() if v is not None]
    times += [t for ps in stops for p in ps for t in p if t is not None]
    now = (max(times) + dt.timedelta(hours=1)).replace(tzinfo=SH)
    if now.replace(tzinfo=None) > NOW_MAX:
        return
    flat = [(i, start, end) for i, ps in enumerate(stops) for start, end in ps]
    events = {name: column([row[name] for row in table]) for name in EVENTS}
    table_of_pauses = {
        "row": np.array([i for i, _, _ in flat], dtype=np.int64),
        "paused_at": column([s for _, s, _ in flat]),
        "resumed_at": column([e for _, _, e in flat]),
    }
    same_result_or_refusal(c, events, size, now=now, pauses=table_of_pauses, calendar=CAL)


def log_and_pauses(data: dict[str, Any], shuffle: np.random.Generator | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """A help desk's batch's log of occurrences (in its order, or shuffled) and pauses, as numpy columns."""
    log = data["log"]
    if shuffle is not None:
        log = [log[k] for k in shuffle.permutation(len(log))]
    occurrences = {
        "row": np.array([e["row"] for e in log], dtype=np.int64),
        "event": np.array([e["event"] for e in log], dtype=object),
        "at": np.array([e["at"] for e in log], dtype="datetime64[us]"),
    }
    stops = data["pauses"]
    pauses = {
        "row": np.array([p["row"] for p in stops], dtype=np.int64),
        "paused_at": np.array([p["paused_at"] for p in stops], dtype="datetime64[us]"),
        "resumed_at": np.array(
            [np.datetime64("NaT") if p["resumed_at"] is None else p["resumed_at"] for p in stops], "datetime64[us]"
        ),
    }
    return occurrences, pauses


@pytest.mark.parametrize(("seed", "size", "shuffled"), [(3, 7, False), (11, 64, True), (2026, 5, True)])
def test_blocks_with_a_log_and_pauses_give_the_one_pass_result(seed: int, size: int, shuffled: bool) -> None:
    """A help desk's batch (recurring replies and progress reports from a log of occurrences, warning ladders,
    priority targets, pauses): the log is read once, whole, and each block gets its rows' occurrences."""
    now = SEASONS[seed % len(SEASONS)] + dt.timedelta(days=seed % 9)
    c, data = policy("civil_code"), help_desk_tickets(seed, now)
    events = {
        "received": np.array(data["received"], dtype="datetime64[us]"),
        "priority": np.array(data["priority"], dtype=object),
    }
    occurrences, pauses = log_and_pauses(data, np.random.default_rng(seed) if shuffled else None)
    (whole, w1), (blocked, w2) = both(
        c, events, size, now=now, log=occurrences, pauses=pauses, calendar=CALENDARS["CN"]
    )
    assert "next_reply.cycles" in whole
    same_mapping(whole, blocked)
    assert w1 == w2


def test_a_log_refusal_in_a_late_block_names_the_whole_tables_row() -> None:
    from tests.unit._contracts.test_recurring import desk as recurring

    n = 2_000
    received = np.datetime64("2026-10-08T09:00") + np.arange(n).astype("timedelta64[m]")
    replied = received + np.timedelta64(30, "m")
    replied[[1_500, 1_700]] -= np.timedelta64(1, "h")  # before their receipts, in the 6th and 7th blocks of 256
    log = {"row": np.arange(n), "event": np.array(["agent_replied"] * n, dtype=object), "at": replied}
    with block(ONE_PASS), pytest.raises(InvalidInputError) as one:
        recurring().evaluate({"received": received}, now="2026-12-01T09:00", log=log)
    with block(256), pytest.raises(InvalidInputError) as many:
        recurring().evaluate({"received": received}, now="2026-12-01T09:00", log=log)
    assert str(many.value) == str(one.value)  # the whole table's count and first row, not the block's
    assert "2 rows where 'agent_replied' is earlier than 'received', the first at row 1500 " in str(one.value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=st.lists(rows(dt.datetime(2026, 11, 1), dt.datetime(2027, 1, 31)), min_size=5, max_size=40))
def test_blocks_count_provisional_rows_over_the_whole_table(table: list[dict[str, dt.datetime | None]]) -> None:
    events = {name: column([row[name] for row in table]) for name in EVENTS}
    now = dt.datetime(2027, 3, 31, tzinfo=SH)
    try:
        (whole, w1), (blocked, w2) = both(CONTRACTS[0], events, 2, now=now, ignore_pauses=True, calendar=PROJECTED)
    except SlaclockError:
        return  # refusals are compared above
    same_mapping(whole, blocked)
    assert w1 == w2  # one warning, with the whole table's counts


@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow", "mapping"])
def test_every_kind_of_table_with_targets_ladders_and_windows(kind: str) -> None:
    t = tickets(3_000, seed=11)
    events = in_kind(t, kind)
    (whole, w1), (blocked, w2) = both(desk(), events, 256, now=NOW, keep=["ticket", "team"])
    assert w1 == w2
    if kind == "mapping":
        same_mapping(whole, blocked)
        return
    as_arrow = {"pandas": pa.Table.from_pandas, "polars": lambda x: x.to_arrow(), "pyarrow": lambda x: x}[kind]
    assert_same_result(as_arrow(whole), as_arrow(blocked))
    if kind == "pandas":
        assert (blocked.index == events.index).all()
        assert str(blocked["first_reply.state"].dtype) == "category"


def test_monthly_notice_and_window_clauses() -> None:
    c = seed_002()
    assert {k.kind for k in c.clauses} == {"deadline", "notice", "monthly", "window"}
    rng = np.random.default_rng(5)
    n = 1_500
    received = np.datetime64("2026-01-05T09:00") + rng.integers(0, 250 * 24 * 60, n).astype("timedelta64[m]")

    def after(base: np.ndarray, days: int, share: float) -> np.ndarray:
        out = base + rng.integers(0, days * 24 * 60, n).astype("timedelta64[m]")
        return np.where(rng.random(n) < share, np.datetime64("NaT"), out)

    events = {"effective": received, "signed": received - np.timedelta64(1, "D")}
    met = {k.met_by: k.starts_on for k in c.clauses if k.met_by}
    for name in c.event_names:  # the starts of clauses first, each met after its own start (or not yet)
        if name not in events and name not in met:
            events[name] = after(received, 40, 0.6)
    for k in c.clauses:
        if k.met_by and k.met_by not in events:
            start = events.get(k.starts_on, received) if isinstance(k.starts_on, str) else received
            events[k.met_by] = np.where(np.isnat(start), np.datetime64("NaT"), after(start, 40, 0.4))
    (whole, w1), (blocked, w2) = both(c, pd.DataFrame(events), 200, now="2026-12-20T09:00")
    assert w1 == w2
    assert_same_result(
        pa.Table.from_pandas(whole.reset_index()), pa.Table.from_pandas(blocked.reset_index()), key="index"
    )


def test_recurring_clauses() -> None:
    rng = np.random.default_rng(9)
    n = 2_000
    received = np.datetime64("2026-10-08T09:00") + rng.integers(0, 30 * 24 * 60, n).astype("timedelta64[m]")
    events = {
        "received": received,
        "customer_replied": received + rng.integers(10, 3 * 24 * 60, n).astype("timedelta64[m]"),
        "agent_replied": received + rng.integers(5, 4 * 24 * 60, n).astype("timedelta64[m]"),
        "progress_sent": received + rng.integers(60, 5 * 24 * 60, n).astype("timedelta64[m]"),
        "solved": np.where(rng.random(n) < 0.5, np.datetime64("NaT"), received + np.timedelta64(9, "D")),
    }
    (whole, _), (blocked, _) = both(recurring_desk(), events, 300, now="2026-12-01T09:00")
    assert "next_reply.cycles" in whole
    same_mapping(whole, blocked)


@pytest.mark.parametrize("workers", [1, 3])
def test_blocks_on_any_number_of_threads_give_the_one_pass_result(workers: int, monkeypatch: Any) -> None:
    # the blocks after the first run on the pool, whatever this machine's CPUs (threads() is forced): the result,
    # the provisional warning's counts (each block reads the calendar in a copy of the caller's context) and a
    # refusal in a late block are the one-pass ones
    from slaclock._base import blocks

    monkeypatch.setattr(blocks, "threads", lambda: workers)
    t = tickets(3_000, seed=12)
    (whole, w1), (blocked, w2) = both(desk(), t.to_pandas(), 128, now=NOW, keep=["ticket", "team"])
    assert_same_result(pa.Table.from_pandas(whole), pa.Table.from_pandas(blocked))
    assert w1 == w2
    rng = np.random.default_rng(3)
    received = np.datetime64("2026-11-01T00:00", "us") + rng.integers(0, 120 * 1_440, 3_000) * np.timedelta64(1, "m")
    events = {name: np.full(3_000, np.datetime64("NaT", "us")) for name in EVENTS}
    events["received"] = received
    now = dt.datetime(2027, 3, 31, tzinfo=SH)
    (whole, w1), (blocked, w2) = both(CONTRACTS[0], events, 128, now=now, ignore_pauses=True, calendar=PROJECTED)
    same_mapping(whole, blocked)
    assert len(w2) == 1
    assert w1 == w2  # the whole table's provisional rows, counted in every block
    late = t.to_pandas()
    late.loc[[2_500, 2_900], "replied"] = late["received"].max() + pd.Timedelta(days=400)
    with block(128), pytest.raises(InvalidInputError, match=r"2 events after now, the first at row 2500 "):
        desk().evaluate(late, now=NOW)


def test_a_refusal_in_a_late_block_names_the_whole_tables_row() -> None:
    t = tickets(2_000, seed=4).to_pandas()
    late = t["received"].max() + pd.Timedelta(days=400)
    t.loc[[1_500, 1_800], "replied"] = late  # after now, in the 6th and 7th blocks of 256
    with block(256), pytest.raises(InvalidInputError, match=r"2 events after now, the first at row 1500 "):
        desk().evaluate(t, now=NOW)


# -- states as codes ------------------------------------------------------------------------------------


def _text(col: Any) -> list[str]:
    if isinstance(col, pa.ChunkedArray | pl.Series):
        col = col.to_numpy()
    return list(np.asarray(sc.STATES)[np.asarray(col)])


@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow", "mapping"])
@pytest.mark.parametrize("size", [ONE_PASS, 256])
def test_states_as_codes_are_positions_in_STATES(kind: str, size: int) -> None:
    t = tickets(1_500, seed=12)
    events = in_kind(t, kind)
    text = desk().evaluate(events, now=NOW, keep=["team"])
    with block(size):
        codes = desk().evaluate(events, now=NOW, keep=["team"], states="codes")
    columns = {"pyarrow": lambda x: x.column_names, "polars": lambda x: x.columns}.get(kind, list)(text)
    names = [k for k in columns if k.endswith(".state")]
    assert names
    for k in names:
        c = codes[k]
        assert str(c.dtype if kind != "pyarrow" else c.type).lower() == "int8", (k, kind)
        want = [
            str(v)
            for v in (
                text[k].to_list() if kind == "polars" else text[k].to_pylist() if kind == "pyarrow" else list(text[k])
            )
        ]
        assert _text(c) == want
    # a report reads the codes as it reads the text
    by = sc.report(text, by="team")
    again = sc.report(codes, by="team")
    if kind == "mapping":
        same_mapping(by, again)
    else:
        as_pandas = {"pandas": lambda x: x, "polars": lambda x: x.to_pandas(), "pyarrow": lambda x: x.to_pandas()}
        assert as_pandas[kind](by).equals(as_pandas[kind](again))  # NaN rates equal to NaN


def test_states_as_codes_with_a_calendar_per_row() -> None:
    t = tickets(600, seed=13).to_pandas()
    t["region"] = np.where(np.arange(600) % 3 == 0, "HK", "CN")
    spec = desk().calendar_spec
    calendars = {"CN": spec, "HK": spec.replace(region="HK")}
    options = {"now": NOW, "calendar": "region", "calendars": calendars}
    text = desk().evaluate(t, **options)
    codes = desk().evaluate(t, states="codes", **options)
    assert codes["resolution.state"].dtype == np.int8
    assert _text(codes["resolution.state"]) == [str(v) for v in text["resolution.state"]]


@pytest.mark.parametrize("bad", ["code", "TEXT", 1, None, b"codes", np.array(["codes", "text"])])
def test_states_must_be_text_or_codes(bad: object) -> None:
    t = tickets(10, seed=1)
    with pytest.raises(InvalidInputError, match=r'states must be "text" .* or "codes"'):
        desk().evaluate(t, now=NOW, states=bad)  # type: ignore[arg-type]


# -- last days in 4 bytes -------------------------------------------------------------------------------


def _days(col: Any, kind: str) -> list[Any]:
    """A last-day column as epoch days, None where missing, whatever its kind."""
    if kind == "mapping" and col.dtype == np.int32:
        return [None if d == sc.NO_DAY32 else int(d) for d in col]
    if kind == "mapping":
        return [None if np.isnat(d) else int(d.astype(np.int64)) for d in col]
    values = pd.Series(col).tolist() if kind == "pandas" else col.to_pylist() if kind == "pyarrow" else col.to_list()
    epoch = dt.date(1970, 1, 1)
    return [None if pd.isna(v) else (pd.Timestamp(v).date() - epoch).days for v in values]


def _names(r: Any, kind: str) -> list[str]:
    return list(r.column_names if kind == "pyarrow" else r.columns if kind in ("pandas", "polars") else r)


@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow", "mapping"])
@pytest.mark.parametrize("size", [ONE_PASS, 256])
def test_days_as_date32_are_the_same_days_in_four_bytes(kind: str, size: int) -> None:
    events = in_kind(tickets(1_500, seed=15), kind)
    dates = desk().evaluate(events, now=NOW, keep=["team"])
    with block(size):
        small = desk().evaluate(events, now=NOW, keep=["team"], days="date32")
    names = [k for k in _names(small, kind) if k.endswith(".last_day")]
    assert names
    missing = 0
    for k in names:
        col = small[k]
        kind_of = col.type if kind == "pyarrow" else col.dtype
        assert str(kind_of) in ("int32", "date32[day][pyarrow]", "Date", "date32[day]"), (k, kind_of)
        if kind in ("mapping", "pandas"):  # the other kinds' dates are 4 bytes either way
            assert str(kind_of) == ("int32" if kind == "mapping" else "date32[day][pyarrow]")
        got = _days(col, kind)
        assert got == _days(dates[k], kind), k
        missing += got.count(None)
    assert missing  # rows with no last day are in the test
    for k in _names(small, kind):  # every other column is the default's
        if not k.endswith(".last_day"):
            if kind == "mapping":
                same_mapping({k: small[k]}, {k: dates[k]})
            else:
                assert small[k].equals(dates[k]), k


@pytest.mark.parametrize("kind", ["pandas", "mapping"])
@pytest.mark.parametrize("size", [ONE_PASS, 64])
def test_days_as_date32_with_a_calendar_per_row(kind: str, size: int) -> None:
    t = tickets(600, seed=16).to_pandas()
    t["region"] = np.where(np.arange(600) % 3 == 0, "HK", "CN")
    spec = desk().calendar_spec
    options = {"now": NOW, "calendar": "region", "calendars": {"CN": spec, "HK": spec.replace(region="HK")}}
    events = t if kind == "pandas" else {k: t[k].to_numpy() for k in t.columns}
    dates = desk().evaluate(events, **options)
    with block(size):
        small = desk().evaluate(events, days="date32", **options)
    assert str(small["resolution.last_day"].dtype) == ("int32" if kind == "mapping" else "date32[day][pyarrow]")
    for k in [k for k in dates if k.endswith(".last_day")]:
        assert _days(small[k], kind) == _days(dates[k], kind), k


@pytest.mark.parametrize("bad", ["date64", "DATE32", "int32", 4, None, np.array(["date32", "dates"])])
def test_days_must_be_dates_or_date32(bad: object) -> None:
    with pytest.raises(InvalidInputError, match=r'days must be "dates" .* or "date32" .*; got'):
        desk().evaluate(tickets(10, seed=1), now=NOW, days=bad)  # type: ignore[arg-type]


# -- fields ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["pandas", "mapping"])
@pytest.mark.parametrize("size", [ONE_PASS, 256])
def test_fields_keep_only_the_fields_asked_for(kind: str, size: int) -> None:
    events = in_kind(tickets(1_500, seed=14), kind)
    everything = desk().evaluate(events, now=NOW, keep=["team"])
    with block(size):
        some = desk().evaluate(events, now=NOW, keep=["team"], fields=["state", "due", "warn"])
    names = list(some)
    assert names[0] == "team"
    assert names[1:] == [k for k in everything if k.split(".")[-1] in ("state", "due") or ".warn." in k]
    assert any(".warn." in k for k in names)
    if kind == "mapping":
        same_mapping({k: some[k] for k in names[1:]}, {k: everything[k] for k in names[1:]})
    else:
        for k in names[1:]:
            assert some[k].equals(everything[k])


def test_fields_with_a_calendar_per_row_and_what_report_needs() -> None:
    t = tickets(300, seed=15).to_pandas()
    t["region"] = np.where(np.arange(300) % 2 == 0, "HK", "CN")
    spec = desk().calendar_spec
    r = desk().evaluate(
        t, now=NOW, calendar="region", calendars={"CN": spec, "HK": spec.replace(region="HK")}, fields="state"
    )
    assert list(r.columns) == ["first_reply.state", "resolution.state", "feedback.state"]
    with pytest.raises(InvalidInputError, match="which the report needs"):
        sc.report(r)
    enough = desk().evaluate(t, now=NOW, keep=["team"], fields=["state", "overdue_by", "start", "took"])
    assert sc.report(enough, by="team").equals(sc.report(desk().evaluate(t, now=NOW, keep=["team"]), by="team"))


@pytest.mark.parametrize("bad", [[], ["state", "dues"], "overdue", 3, [None]])
def test_fields_must_name_fields(bad: object) -> None:
    with pytest.raises(InvalidInputError, match=r"fields names the result's fields of each clause, one or more of"):
        desk().evaluate(tickets(10, seed=1), now=NOW, fields=bad)  # type: ignore[arg-type]
