"""slaclock.dask on a real ``distributed.LocalCluster`` of 2 worker processes, started here (issue 17).

The 200,000 generated desk tickets, written as Parquet files and read back with ``dd.read_parquet`` in several
partitions, must give exactly what ``Contract.evaluate`` gives in memory, on every column; the deadlines of a
column the same as ``sc.deadlines`` on the whole column; the dtypes dask plans with those it computes; an error in
a partition the same error on the client; bad input refused on the client before any compute.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import slaclock as sc
from tests.helpers.tickets import NOW, assert_same_result, desk, tickets

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import slaclock.dask as sdask  # noqa: E402  (after the skips: it is the dask extra)

N = 200_000
FILES = 8


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """Two worker processes of one thread each, no dashboard; closed after the module."""
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        # Without a dashboard the scheduler still serves its health routes, by default on port 8787, and warns
        # (an error here) when another cluster on the machine holds it: any free port instead.
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    )
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


@pytest.fixture(scope="module")
def table() -> pa.Table:
    return tickets(N)


@pytest.fixture(scope="module")
def expected(table: pa.Table) -> pa.Table:
    return desk().evaluate(table, now=NOW, keep=["ticket"])


@pytest.fixture(scope="module")
def folder(table: pa.Table, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tickets as FILES Parquet files, one partition each when read."""
    path = tmp_path_factory.mktemp("tickets")
    size = -(-N // FILES)
    for i in range(FILES):
        pq.write_table(table.slice(i * size, size), path / f"part-{i}.parquet")
    return path


def as_arrow(frame: pd.DataFrame, expected: pa.Table) -> pa.Table:
    """The computed pandas frame as Arrow, its days as the in-memory result's days.

    pandas has no date dtype: a ``last_day`` comes back as ``datetime64[s]`` at midnight. It is cast to
    ``date32`` with Arrow's safe cast, which refuses a time of day, so a wrong instant cannot pass as a day.
    Everything else is compared as it comes (``assert_same_result`` reads categoricals as text, instants as UTC).
    """
    got = pa.Table.from_pandas(frame, preserve_index=False)
    for name in expected.column_names:
        if pa.types.is_date32(expected.schema.field(name).type):
            col = got.column(name)
            assert pa.types.is_timestamp(col.type), (name, col.type)
            got = got.set_column(got.column_names.index(name), name, col.cast(pa.date32(), safe=True))
    return got


def test_200k_tickets_through_two_workers_equal_in_memory_evaluate(
    client: object, folder: Path, expected: pa.Table
) -> None:
    ddf = dd.read_parquet(folder)
    assert ddf.npartitions > 1
    out = sdask.evaluate(ddf, desk(), now=NOW, keep=["ticket"])
    got = out.compute()
    assert len(got) == N
    assert_same_result(expected, as_arrow(got, expected))


def test_pyarrow_backed_partitions_give_the_same(client: object, folder: Path, expected: pa.Table) -> None:
    ddf = dd.read_parquet(folder, dtype_backend="pyarrow")
    assert isinstance(ddf.dtypes["received"], pd.ArrowDtype)
    got = sdask.evaluate(ddf, desk(), now=NOW, keep=["ticket"]).compute()
    assert_same_result(expected, as_arrow(got, expected))


def test_empty_partitions_keep_the_planned_dtypes(client: object, folder: Path, table: pa.Table) -> None:
    # a filter leaves 6 of the 8 partitions empty: they still concatenate into the planned dtypes
    ddf = dd.read_parquet(folder)
    out = sdask.evaluate(ddf[ddf["ticket"] < 30_000], desk(), now=NOW, keep=["ticket"])
    sizes = out.map_partitions(len).compute().tolist()
    assert sizes.count(0) == FILES - 2
    got = out.compute()
    assert got.dtypes.equals(out.dtypes)
    subset = table.filter(pc.less(table.column("ticket"), 30_000))
    expected = desk().evaluate(subset, now=NOW, keep=["ticket"])
    assert_same_result(expected, as_arrow(got, expected))


def test_both_workers_compute(client: object, folder: Path) -> None:
    # the contract is one task of the graph; the partitions that depend on it must still spread over both workers
    out = sdask.evaluate(dd.read_parquet(folder), desk(), now=NOW, keep=["ticket"])
    futures = client.compute(out.to_delayed())  # type: ignore[attr-defined]
    distributed.wait(futures)
    where = client.who_has(futures)  # type: ignore[attr-defined]
    assert len({w for workers in where.values() for w in workers}) == 2


def test_meta_is_known_without_computing_and_equals_the_computed_dtypes(client: object, folder: Path) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a partition was computed to learn the meta")

    ddf = dd.read_parquet(folder)
    with dask.config.set(scheduler=refuse):
        out = sdask.evaluate(ddf, desk(), now=NOW, keep=["ticket"])
        planned = out.dtypes
    got = out.compute()
    assert got.dtypes.equals(planned)
    assert list(got.columns) == list(planned.index)
    # states and risks stayed categorical through the concatenation of partitions, with the planned categories
    for name in ("first_reply.state", "first_reply.risk", "resolution.state", "feedback.state"):
        assert isinstance(got[name].dtype, pd.CategoricalDtype), name
        assert list(got[name].cat.categories) == list(planned[name].categories), name
    assert list(planned["first_reply.state"].categories) == [
        "not_started",
        "running",
        "paused",
        "at_risk",
        "met",
        "breached",
        "stopped",
        "expired",
    ]


def test_the_contract_is_one_task_of_the_graph() -> None:
    """Each partition's task refers to the contract's key: it is sent once per worker, not pickled per partition."""
    frame = tickets(1_000).to_pandas()
    contract = desk()
    out = sdask.evaluate(dd.from_pandas(frame, npartitions=5), contract, now=NOW)
    graph = dict(out.__dask_graph__())
    holders = [k for k, node in graph.items() if getattr(node, "value", None) is contract]
    assert len(holders) == 1
    partitions = [k for k in graph if isinstance(k, tuple) and k[0].startswith("_evaluate_partition")]
    assert len(partitions) == 5
    assert all(holders[0] in graph[k].dependencies for k in partitions)


def test_deadlines_equal_sc_deadlines_on_the_whole_column(client: object, folder: Path, table: pa.Table) -> None:
    whole = sc.deadlines(np.asarray(table.column("received")), "5个工作日", calendar="CN")
    ddf = dd.read_parquet(folder)
    for out in (
        sdask.deadlines(ddf["received"], "5个工作日", calendar="CN"),
        sdask.deadlines(ddf, "5个工作日", calendar=sc.calendar("CN"), on="received"),
    ):
        assert list(out.columns) == ["due", "last_day", "provisional"]
        got = out.compute()
        assert got.dtypes.equals(out.dtypes)
        np.testing.assert_array_equal(got["due"].to_numpy(), whole.due)
        np.testing.assert_array_equal(got["last_day"].to_numpy(), whole.last_day.astype("datetime64[s]"))
        np.testing.assert_array_equal(got["provisional"].to_numpy(), whole.provisional)


def test_deadlines_of_missing_and_hour_periods(client: object) -> None:
    starts = pd.Series(
        np.array(["2026-09-30T17:30", "NaT", "2026-10-09T09:00", "2026-10-10T08:00"], "datetime64[us]"), name="at"
    )
    cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
    whole = sc.deadlines(starts.to_numpy(), "4个工作小时", calendar=cal)
    got = sdask.deadlines(dd.from_pandas(starts, npartitions=2), "4个工作小时", calendar=cal).compute()
    np.testing.assert_array_equal(got["due"].to_numpy(), whole.due)
    assert got["due"].isna().tolist() == [False, True, False, False]


def test_an_error_in_a_partition_reaches_the_client_as_its_type(client: object, table: pa.Table) -> None:
    frame = table.slice(0, 4_000).to_pandas()
    frame.loc[3_500, "received"] = pd.Timestamp("2031-06-02 10:00")  # past the calendar's official data
    ddf = dd.from_pandas(frame, npartitions=4)
    bad = frame.iloc[3_000:]
    with pytest.raises(sc.CalendarHorizonError) as local:
        desk().evaluate(bad, now="2031-07-01T00:00", keep=["ticket"])
    out = sdask.evaluate(ddf, desk(), now="2031-07-01T00:00", keep=["ticket"])
    with pytest.raises(sc.CalendarHorizonError) as remote:
        out.compute()
    assert str(remote.value) == f"partition 3: {local.value}"
    with pytest.raises(sc.CalendarHorizonError, match=r"^partition 3: "):
        sdask.deadlines(ddf["received"], "5个工作日", calendar="CN").compute()


def test_bad_input_is_refused_on_the_client() -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed")

    frame = tickets(100).to_pandas()
    ddf = dd.from_pandas(frame, npartitions=2)
    with dask.config.set(scheduler=refuse):
        with pytest.raises(sc.InvalidInputError, match=r"dask\.dataframe\.DataFrame"):
            sdask.evaluate(frame, desk(), now=NOW)
        with pytest.raises(sc.InvalidInputError, match=r"slaclock\.Contract"):
            sdask.evaluate(ddf, "desk", now=NOW)  # type: ignore[arg-type]
        for option in ("log", "key", "pauses"):
            with pytest.raises(sc.InvalidInputError, match=f"^{option}= is not taken where cases come in Dask"):
                sdask.evaluate(ddf, desk(), now=NOW, **{option: "x"})
        with pytest.raises(sc.InvalidInputError):
            sdask.evaluate(ddf.drop(columns="received"), desk(), now=NOW)
        with pytest.raises(sc.InvalidInputError):
            sdask.evaluate(ddf, desk(), now="not an instant")
        with pytest.raises(sc.InvalidInputError):
            sdask.evaluate(ddf, desk(), now=NOW, keep=["no such column"])
        with pytest.raises(sc.PeriodParseError):
            sdask.deadlines(ddf["received"], "5个工作周", calendar="CN")
        with pytest.raises(sc.CalendarDataError):
            sdask.deadlines(ddf["received"], "5个工作日", calendar="XX")
        with pytest.raises(sc.InvalidInputError, match="calendar must be"):
            sdask.deadlines(ddf["received"], "5个工作日", calendar=5)
        with pytest.raises(sc.InvalidInputError, match="on= must name"):
            sdask.deadlines(ddf, "5个工作日")
        with pytest.raises(sc.InvalidInputError, match="is not a column"):
            sdask.deadlines(ddf, "5个工作日", on="opened")
        with pytest.raises(sc.InvalidInputError, match="is for a DataFrame"):
            sdask.deadlines(ddf["received"], "5个工作日", on="received")
        with pytest.raises(sc.InvalidInputError, match="Series of starts"):
            sdask.deadlines(frame["received"], "5个工作日")
        periods = dd.from_pandas(pd.Series(["5个工作日"] * 100), npartitions=2)  # computed whole for the meta
        with pytest.raises(sc.InvalidInputError, match=r"\(a period per row is not taken here"):
            sdask.deadlines(ddf["received"], periods)
        for nothing in (None, 5):
            with pytest.raises(sc.InvalidInputError, match="period must be one period"):
                sdask.deadlines(ddf["received"], nothing)


@pytest.mark.parametrize(
    "error",
    [
        sc.CalendarHorizonError("outside the covered days"),
        sc.PeriodParseError("cannot read '5个工作周'", text="5个工作周", position=3),
        sc.NoticeParseError("a weekday that is not the date's", line="10月1日（周二）", lineno=4),
    ],
)
def test_a_partition_error_keeps_its_type_and_details_across_processes(error: sc.SlaclockError) -> None:
    told = sdask._in_partition(error, {"number": 7, "division": None})
    back = pickle.loads(pickle.dumps(told))  # as the worker sends it to the client
    assert type(back) is type(error)
    assert str(back) == f"partition 7: {error}"
    assert vars(back) == vars(error)  # what it carries besides the message
