"""A log read by its case keys and event names, in each kind of table, gives what the same log gives by row.

``evaluate(..., log=..., key="ticket")`` finds each occurrence's case by its key among the events table's keys
(whole numbers close together or far apart, text), and each occurrence's event by its name, by the fastest way the
column's kind allows (:mod:`slaclock._base.join`, :func:`slaclock._contracts.tables.event_codes`). The reference is
the same log with the case's row (``row``), which reads neither. Refusals (a key twice, a key that names no case, a
name that is no event) are the general way's, word for word.
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
from slaclock._base import dataframes, join
from slaclock._contracts import tables
from tests.property.test_policy_properties import CALENDARS, SEASONS, policy, tickets

KINDS = ("mapping", "pandas", "polars", "pyarrow")


def framed(kind: str, columns: dict[str, Any]) -> Any:
    if kind == "pandas":
        return pd.DataFrame(columns)
    if kind == "polars":
        return pl.DataFrame(columns)
    if kind == "pyarrow":
        return pa.table(columns)
    return columns


def ticket_keys(how: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """Distinct keys for ``n`` tickets, in no particular order."""
    if how == "close":  # ticket numbers
        return (rng.permutation(n) + 100_000).astype(np.int64)
    if how == "far":
        return rng.choice(2**62, n, replace=False).astype(np.int64) - 2**61
    if how == "text":
        return np.array([f"T-{k}" for k in rng.permutation(n)])
    return np.array([f"工单{k:x}-{'ab' * int(k % 3)}" for k in rng.permutation(n)])  # text of several widths


def batch(seed: int, now: dt.datetime, how: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], np.ndarray]:
    """The events, the log by row and the same log by key (in a shuffled order), and the keys."""
    data = tickets(seed, now)
    rng = np.random.default_rng(seed)
    n = len(data["received"])
    keys = ticket_keys(how, n, rng)
    events = {
        "received": np.array(data["received"], dtype="datetime64[us]"),
        "priority": np.array(data["priority"], dtype=object),
        "region": np.array(data["region"], dtype=object),
        "ticket": keys,
    }
    log = [data["log"][k] for k in rng.permutation(len(data["log"]))]
    rows = np.array([e["row"] for e in log], dtype=np.int64)
    names = np.array([e["event"] for e in log])
    at = np.array([e["at"] for e in log], dtype="datetime64[us]")
    return events, {"row": rows, "event": names, "at": at}, {"ticket": keys[rows], "event": names, "at": at}, keys


def assert_same(kind: str, got: Any, want: Any) -> None:
    if kind == "mapping":
        assert list(got) == list(want)
        for name in want:
            np.testing.assert_array_equal(got[name], want[name], err_msg=name)
    elif kind == "pandas":
        pd.testing.assert_frame_equal(got, want)
    else:
        assert got.equals(want)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(
    seed=st.integers(0, 2**32 - 1),
    season=st.sampled_from(SEASONS),
    after=st.integers(0, 30 * 24 * 60),
    how=st.sampled_from(["close", "far", "text", "wide text"]),
)
def test_a_log_by_key_is_the_log_by_row_in_every_kind_of_table(
    seed: int, season: dt.datetime, after: int, how: str
) -> None:
    now = season + dt.timedelta(minutes=after)
    c = policy("civil_code")
    events, by_row, by_key, _ = batch(seed, now, how)
    for kind in KINDS:
        table = framed(kind, events)
        on = {"now": now, "calendar": "region", "calendars": CALENDARS, "ignore_pauses": True, "states": "codes"}
        want = c.evaluate(table, log=framed(kind, by_row), **on)
        got = c.evaluate(table, log=framed(kind, by_key), key="ticket", **on)
        assert_same(kind, got, want)


def refusal(call: Any) -> str:
    with pytest.raises(sc.InvalidInputError) as info:
        call()
    return str(info.value)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("how", ["close", "far", "text"])
def test_refusals_are_the_general_ways(monkeypatch: pytest.MonkeyPatch, kind: str, how: str) -> None:
    """A key twice, a key that is no case, an event no clause names: the same words with the joins as without."""
    now = SEASONS[1] + dt.timedelta(days=3)
    c = policy("civil_code")
    events, _, by_key, keys = batch(7, now, how)
    twice = {**events, "ticket": np.concatenate([keys[:-1], keys[:1]])}
    other = "nobody" if how == "text" else keys.max() + 10**9
    missing = {**events, "ticket": np.where(keys == by_key["ticket"][3], other, keys)}
    unknown = {**by_key, "event": np.where(np.arange(by_key["at"].size) == 5, "reopened", by_key["event"])}
    on = {"now": now, "calendar": "region", "calendars": CALENDARS, "ignore_pauses": True, "key": "ticket"}
    cases = [(twice, by_key), (missing, by_key), (events, unknown)]  # a key twice, one no case has, no event
    for ev, log in cases:
        fast = refusal(lambda ev=ev, log=log: c.evaluate(framed(kind, ev), log=framed(kind, log), **on))
        with monkeypatch.context() as m:
            m.setattr(tables, "key_positions", lambda keys, wanted: None)
            m.setattr(tables, "event_codes", _general_event_codes)
            general = refusal(lambda ev=ev, log=log: c.evaluate(framed(kind, ev), log=framed(kind, log), **on))
        assert fast == general


def _general_event_codes(x: Any, names: tuple[str, ...]) -> tuple[np.ndarray, Any]:
    """The names read into numpy and compared with each event's, as before the column's library coded them."""
    events = tables._attribute_column(x, "event")
    code = np.full(events.shape[0], -1, dtype=np.int16)
    for k, name in enumerate(names):
        code[events == name] = k
    return code, lambda i: events[i]


@pytest.mark.parametrize("compared", [0, 16])
@pytest.mark.parametrize("kind", ["mapping", "pandas", "polars", "polars Categorical", "pyarrow"])
def test_event_names_are_coded_as_numpy_compares_them(
    monkeypatch: pytest.MonkeyPatch, kind: str, compared: int
) -> None:
    """Each occurrence's event, with missing and unknown names among them, in each kind of column."""
    monkeypatch.setattr(dataframes, "_COMPARED", compared)
    names = ("received", "customer_replied", "agent_replied", "solved")
    rng = np.random.default_rng(compared)
    values = np.array([*names, "reopened", None], dtype=object)[rng.integers(0, 6, 5_000)]
    column: Any = values
    if kind == "pandas":
        column = pd.Series(values, dtype="str")
    elif kind.startswith("polars"):
        column = pl.Series(values.tolist(), dtype=pl.String)
        if kind.endswith("Categorical"):
            column = column.cast(pl.Categorical)
    elif kind == "pyarrow":
        column = pa.array(values.tolist(), type=pa.string())
    codes, value = tables.event_codes(column, names)
    want = np.array([names.index(v) if v in names else -1 for v in values.tolist()])
    np.testing.assert_array_equal(codes >= 0, want >= 0)
    np.testing.assert_array_equal(np.where(codes >= 0, codes, -1), want)
    first = int(np.argmax(want < 0))
    assert value(first) in ("reopened", None) or pd.isna(value(first))
    if kind == "mapping":  # text without missing values: numpy's fixed-width columns
        fixed = np.array([v or "" for v in values.tolist()])
        got, _ = tables.event_codes(fixed, names)
        np.testing.assert_array_equal(np.where(got >= 0, got, -1), want)


def test_keys_of_other_kinds_take_the_general_way() -> None:
    """Floats, mixed objects and two signednesses are not joined by hashes or tables: the general way reads them."""
    assert join.key_positions(np.array([1.0, 2.0]), np.array([2.0])) is None
    assert tables._fixed_text(np.array(["a", 1], dtype=object), "ticket").dtype == object
    assert tables._fixed_text(np.array(["a", "b"], dtype=object), "ticket").dtype.kind == "U"
    assert tables._fixed_text(pd.Series(["a", None]), "ticket").dtype == object  # a missing key: the general way
    # numpy's text drops a trailing NUL that Python's keeps: such objects stay objects, "a" is not "a\0"
    assert tables._fixed_text(np.array(["a\0", "b"], dtype=object), "ticket").dtype == object
    c = policy("civil_code")
    now = SEASONS[1]
    events = {"received": np.array([now - dt.timedelta(days=1)] * 2, "datetime64[us]"), "ticket": ["a\0", "b"]}
    log = {"ticket": np.array(["a"], dtype=object), "event": ["agent_replied"], "at": [np.datetime64(now, "us")]}
    on = {"now": now, "calendar": CALENDARS["CN"], "ignore_pauses": True, "key": "ticket"}
    objects = {**events, "ticket": np.array(events["ticket"], dtype=object)}
    assert "is not a case" in refusal(lambda: c.evaluate(objects, log=log, **on))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("how", ["close", "far", "text", "wide text"])
def test_keys_of_each_kind_are_joined_not_sorted_as_objects(
    monkeypatch: pytest.MonkeyPatch, kind: str, how: str
) -> None:
    """The join answers for whole numbers and text from every kind of table (text objects made fixed-width first):
    the general way (a sort of objects, about 2.4 µs a log row at 3M) is left for refusals."""
    answers: list[bool] = []

    def spy(keys: np.ndarray, wanted: np.ndarray) -> Any:
        found = join.key_positions(keys, wanted)
        answers.append(found is not None)
        return found

    monkeypatch.setattr(tables, "key_positions", spy)
    now = SEASONS[0] + dt.timedelta(days=2)
    events, _, by_key, _ = batch(3, now, how)
    on = {"now": now, "calendar": "region", "calendars": CALENDARS, "ignore_pauses": True, "key": "ticket"}
    policy("civil_code").evaluate(framed(kind, events), log=framed(kind, by_key), **on)
    assert answers == [True]
