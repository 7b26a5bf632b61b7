"""evaluate's result as a pandas, polars or pyarrow table (``_contracts/outputs.py``): every column holds what the
mapping's numpy column holds, in the kind's documented type, with missing values as nulls."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import numpy as np
import pytest

import slaclock as sc
from slaclock._contracts import assembly
from tests.helpers.tickets import NOW, desk, tickets

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
pc = pytest.importorskip("pyarrow.compute")

T = tickets(3_000, seed=17)
KINDS = {
    "pandas": (lambda t: t.to_pandas(), lambda r: pa.Table.from_pandas(r, preserve_index=False)),
    "polars": (pl.from_arrow, lambda r: r.to_arrow()),
    "pyarrow": (lambda t: t, lambda r: r),
}
TYPES = {  # the field's type in each kind (docs/contracts.md, "Many cases at once")
    "pandas": {"due": "datetime64[us, Asia/Shanghai]", "last_day": "datetime64[s]", "overdue_by": "timedelta64[us]"},
    "polars": {
        "due": "Datetime(time_unit='us', time_zone='Asia/Shanghai')",
        "last_day": "Date",
        "overdue_by": "Duration(time_unit='us')",
    },
    "pyarrow": {"due": "timestamp[us, tz=Asia/Shanghai]", "last_day": "date32[day]", "overdue_by": "duration[us]"},
}


def _as_numpy(col: Any) -> np.ndarray:
    """An Arrow column as the mapping would hold it: wall times naive, dates as days, nulls as NaT or None."""
    t = col.type
    if pa.types.is_timestamp(t) and t.tz is not None:
        col = pc.local_timestamp(col)
    if pa.types.is_temporal(col.type):
        return col.to_numpy(zero_copy_only=False)
    if pa.types.is_dictionary(t):
        col = col.cast(t.value_type)
    return np.array(col.to_pylist(), dtype=object)


def _type(result: Any, kind: str, name: str) -> str:
    if kind == "pandas":
        return str(result[name].dtype)
    return str(result.schema[name] if kind == "polars" else result.schema.field(name).type)


def _same(name: str, want: Any, got: np.ndarray) -> None:
    if isinstance(want, np.ma.MaskedArray):  # counts, None where missing
        want = np.array(
            [None if m else int(v) for v, m in zip(want.data, np.ma.getmaskarray(want), strict=True)], dtype=object
        )
    assert len(got) == len(want), name
    if want.dtype.kind in "mM":
        assert got.dtype.kind == want.dtype.kind, name
        same = (want == got) | (np.isnat(want) & np.isnat(got))
    else:
        same = np.array([a == b for a, b in zip(want.tolist(), got.tolist(), strict=True)], dtype=bool)
    assert same.all(), f"{name}: row {int(np.argmin(same))}: {want[np.argmin(same)]!r} vs {got[np.argmin(same)]!r}"


@pytest.mark.parametrize("blocks", [None, 500])
@pytest.mark.parametrize("states", ["text", "codes"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_column_of_a_table_is_the_mappings(
    kind: str, states: str, blocks: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # in blocks (of 500 rows here), a pyarrow or polars result keeps its last days as int32 as it is filled
    if blocks is not None:
        monkeypatch.setattr(assembly, "BLOCK", blocks)
    mapping = desk().evaluate(
        {n: T.column(n).to_numpy(zero_copy_only=False) for n in T.column_names}, now=NOW, states=states, keep=["ticket"]
    )
    to_kind, to_arrow = KINDS[kind]
    result = desk().evaluate(to_kind(T), now=NOW, states=states, keep=["ticket"])
    table = to_arrow(result)
    assert table.column_names == list(mapping)
    for name, want in mapping.items():
        _same(name, want, _as_numpy(table.column(name)))
        field = name.split(".")[1] if "." in name else name
        if field in TYPES[kind]:
            assert _type(result, kind, name) == TYPES[kind][field], name
    # the columns cover every holder: instants, days, durations, flags, counts with missing, labels, states
    assert any(mapping[n].dtype == object for n in mapping if n.endswith(".risk"))
    assert any(isinstance(v, np.ma.MaskedArray) for v in mapping.values())
    assert {np.dtype("datetime64[D]"), np.dtype("timedelta64[us]"), np.dtype(bool)} <= {
        v.dtype for v in mapping.values()
    }


@pytest.mark.parametrize("kind", ["mapping", "polars"])
def test_event_columns_alone_take_longer_blocks_on_threads_with_the_same_result(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On threads, a long table of event columns alone is evaluated in blocks twice as long (a log or pauses keep
    the block): the result is one thread's, column for column."""
    from slaclock._base import blocks as _blocks

    asked: list[int] = []
    rows_per_block = _blocks.rows_per_block

    def spied(size: int, block: int) -> int:
        asked.append(rows_per_block(size, block))
        return asked[-1]

    monkeypatch.setattr(_blocks, "rows_per_block", spied)
    monkeypatch.setattr(assembly, "BLOCK", 100)  # the table's 3,000 rows: 30 blocks, or 15 on threads
    mapping = {n: T.column(n).to_numpy(zero_copy_only=False) for n in T.column_names}

    def run(workers: str) -> Any:
        monkeypatch.setenv("SLACLOCK_THREADS", workers)
        _blocks.threads.cache_clear()
        try:
            events = mapping if kind == "mapping" else KINDS["polars"][0](T)
            return desk().evaluate(events, now=NOW, states="codes", keep=["ticket"])
        finally:
            _blocks.threads.cache_clear()

    one, three = run("1"), run("3")
    assert asked == [100, 200]
    if kind == "polars":
        assert one.equals(three)
        return
    assert list(one) == list(three)
    for name, want in one.items():
        _same(name, want, three[name])


def test_a_table_without_missing_values_has_no_nulls_and_one_that_is_all_missing_has_nothing_else() -> None:
    done = pa.table(
        {
            "received": np.array(["2026-10-09T10:00", "2026-10-12T09:00"], dtype="datetime64[us]"),
            "acknowledged": np.array(["2026-10-09T11:00", "2026-10-12T10:00"], dtype="datetime64[us]"),
        }
    )
    c = sc.Contract(
        "c", [sc.Clause("ack", "5个工作日", starts_on="received", met_by="acknowledged")], events=["received"]
    )
    r = c.evaluate(done, now="2026-12-01T00:00", fields=["due", "last_day", "overdue_by"])
    assert [r.column(n).null_count for n in r.column_names] == [0, 0, 2]  # met: nothing overdue
    assert r.column("ack.last_day").to_pylist() == [
        np.datetime64("2026-10-15").item(),  # Sat 10-10 is a makeup workday
        np.datetime64("2026-10-19").item(),
    ]
    none = pa.table(
        {
            "received": pa.array([None, None], pa.timestamp("us")),
            "acknowledged": pa.array([None, None], pa.timestamp("us")),
        }
    )
    r = c.evaluate(none, now="2026-12-01T00:00", fields=["due", "last_day", "overdue_by"])
    assert [r.column(n).null_count for n in r.column_names] == [2, 2, 2]
    p = c.evaluate(pl.from_arrow(none), now="2026-12-01T00:00", fields=["due", "last_day"])
    assert p.null_count().row(0) == (2, 2)


def test_writing_into_a_pandas_result_leaves_the_input_as_it_was() -> None:
    # the result is built without copying the engine's arrays; the columns kept from the input are copied
    df = T.to_pandas()
    before = df.copy(deep=True)
    r = desk().evaluate(df, now=NOW, keep=["ticket", "team"])
    r.loc[r.index[0], "ticket"] = -1
    r.loc[r.index[0], "team"] = "z"
    r["resolution.last_day"] = r["resolution.last_day"] + pd.Timedelta(days=1)
    r.iloc[0, list(r.columns).index("first_reply.due")] = pd.NaT
    pd.testing.assert_frame_equal(df, before)
    again = desk().evaluate(df, now=NOW, keep=["ticket", "team"])
    assert again.loc[again.index[0], "ticket"] == before.loc[before.index[0], "ticket"]


def _recurring_events(n: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(9)
    received = np.datetime64("2026-10-08T09:00") + rng.integers(0, 30 * 24 * 60, n).astype("timedelta64[m]")
    return {
        "received": received,
        "customer_replied": received + rng.integers(10, 3 * 24 * 60, n).astype("timedelta64[m]"),
        "agent_replied": received + rng.integers(5, 4 * 24 * 60, n).astype("timedelta64[m]"),
        "progress_sent": received + rng.integers(60, 5 * 24 * 60, n).astype("timedelta64[m]"),
        "solved": np.where(rng.random(n) < 0.5, np.datetime64("NaT"), received + np.timedelta64(9, "D")),
    }


def _changed(col: Any) -> Any:
    """Another value of ``col``'s type than its row 0's."""
    v, dtype = col.iloc[0], col.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        cats = list(dtype.categories)
        return cats[(cats.index(v) + 1) % len(cats)] if v in cats else cats[0]
    if str(dtype) == "bool":
        return not v
    if str(dtype).startswith("timedelta64"):
        return pd.Timedelta(hours=1) if pd.isna(v) else v + pd.Timedelta(hours=1)
    if str(dtype).startswith("datetime64"):
        return pd.Timestamp("2026-01-01", tz=getattr(dtype, "tz", None)) if pd.isna(v) else v + pd.Timedelta(days=1)
    if isinstance(v, str):
        return v + "x"
    return 7 if pd.isna(v) else v + 1


@pytest.mark.parametrize("blocks", [None, 400])
@pytest.mark.parametrize("which", ["desk", "recurring"])
def test_no_two_columns_of_a_pandas_result_share_memory(which: str, blocks: int | None, monkeypatch: Any) -> None:
    # the frame is built with copy=False: each column must be its own array, and none the input's
    from tests.unit._contracts.test_recurring import desk as recurring_desk

    if blocks is not None:
        monkeypatch.setattr(assembly, "BLOCK", blocks)
    if which == "desk":
        c, df, opts = desk(), T.to_pandas(), {"now": NOW, "keep": ["ticket", "team"]}
    else:
        c, df, opts = recurring_desk(), pd.DataFrame(_recurring_events(1_500)), {"now": "2026-12-01T09:00"}
    before = df.copy(deep=True)
    r = c.evaluate(df, **opts)
    assert r.shape[1] > 15
    for name in r.columns:
        snapshot = r.copy(deep=True)
        new = _changed(r[name])
        r.loc[r.index[0], name] = new
        others = [k for k in r.columns if k != name]
        pd.testing.assert_frame_equal(r[others], snapshot[others], obj=f"after writing into {name!r}")
    pd.testing.assert_frame_equal(df, before)


def test_writing_into_a_mappings_kept_columns_leaves_the_input_as_it_was() -> None:
    # keep= copies the input's columns into the result (docs/reports.md), for a mapping of numpy columns too
    events = {n: T.column(n).to_numpy(zero_copy_only=False) for n in T.column_names}
    ticket = events["ticket"].copy()
    r = desk().evaluate(events, now=NOW, keep=["ticket", "received"])
    r["ticket"][:] = -1
    r["received"][0] = np.datetime64("2000-01-01")
    assert np.array_equal(events["ticket"], ticket)
    assert events["received"][0] != np.datetime64("2000-01-01")


@pytest.mark.parametrize("kind", ["pandas", "polars"])
def test_the_words_of_states_and_labels_are_made_once_and_no_result_changes_them(kind: str) -> None:
    # a state or label column is read from one dtype (pandas) or Enum series (polars) kept for its words: a result
    # with missing labels (set to null on its own column) and writes into a result leave the next one right
    from slaclock._contracts import outputs

    to_kind = KINDS[kind][0]
    first = desk().evaluate(to_kind(T), now=NOW)
    labels = first["first_reply.risk"]
    assert labels.null_count() > 0 if kind == "polars" else labels.isna().any()  # rows with no rung passed
    if kind == "pandas":
        first.loc[first.index[0], "resolution.state"] = "breached"
        first["first_reply.risk"] = first["first_reply.risk"].cat.rename_categories(lambda w: w.upper())
        assert outputs.categories(sc.STATES) is outputs.categories(tuple(sc.STATES))
        assert list(outputs.categories(sc.STATES).categories) == list(sc.STATES)
    else:
        assert outputs.enum_words(sc.STATES).to_list() == list(sc.STATES)
        assert outputs.enum_words(sc.STATES) is outputs.enum_words(tuple(sc.STATES))
    mapping = desk().evaluate({n: T.column(n).to_numpy(zero_copy_only=False) for n in T.column_names}, now=NOW)
    again = KINDS[kind][1](desk().evaluate(to_kind(T), now=NOW))
    for name in ("first_reply.state", "first_reply.risk", "resolution.state", "feedback.state"):
        _same(name, mapping[name], _as_numpy(again.column(name)))


def test_date32_days_in_pandas_without_pyarrow_are_refused_before_any_work() -> None:
    # a real interpreter in which pyarrow cannot be imported: the refusal names it and what to install, and the
    # default dates still work there
    code = """
import sys
sys.modules["pyarrow"] = None  # import pyarrow raises ImportError
import numpy as np, pandas as pd, slaclock as sc
c = sc.Contract("d", [sc.Clause("ack", "2个工作日", starts_on="received", met_by="done")], events=["received"])
t = pd.DataFrame({"received": pd.to_datetime(["2026-09-30 10:00"]), "done": pd.to_datetime([None])})
print(c.evaluate(t, now="2026-10-20T09:00").dtypes["ack.last_day"])
print(list(c.evaluate(t, now="2026-10-20T09:00", days="date32", fields=["state"])))  # no last day: no pyarrow
try:
    c.evaluate(t, now="2026-10-20T09:00", days="date32")
except sc.InvalidInputError as exc:
    print(exc)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    dtype, columns, error = out.stdout.strip().splitlines()
    assert dtype == "datetime64[s]", out.stderr
    assert columns == "['ack.state']"
    assert error == (
        'days="date32" on a pandas table gives date32[pyarrow] columns, which need pyarrow: pip install pyarrow'
    )
