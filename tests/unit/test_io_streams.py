"""Logs of events and pauses streamed beside the cases: the answers of in-memory evaluate, order checked where met."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

import slaclock as sc
from slaclock.io import evaluate_batches, evaluate_file, output_schema
from tests.helpers.tickets import assert_same_result

NOW = "2026-11-30T18:00"
EVENTS = ("customer_replied", "agent_replied", "progress_sent", "solved")


def desk() -> sc.Contract:
    return sc.Contract(
        "desk",
        [
            sc.Clause("first_reply", "4个工作小时", starts_on="received", met_by="agent_replied"),
            sc.Clause(
                "next_reply",
                "4个工作小时",
                kind="recurring",
                starts_on="customer_replied",
                met_by="agent_replied",
                stops_on="solved",
                warn=[0.5, "1个工作小时"],
            ),
            sc.Clause(
                "progress",
                "2个工作日",
                kind="recurring",
                periodic=True,
                starts_on="received",
                met_by="progress_sent",
                stops_on="solved",
            ),
            sc.Clause("resolution", "5个工作日", starts_on="received", met_by="solved", pausable=True),
        ],
        events=["received", "customer_replied"],
        calendar=sc.calendar("CN").with_hours("09:00-12:00,13:00-18:00"),
    )


def cases(n: int, seed: int = 1) -> tuple[pa.Table, pa.Table, pa.Table]:
    """``n`` tickets keyed by an increasing (gapped) id, their log by key and their pauses by row, all in order."""
    rng = np.random.default_rng(seed)
    key = np.cumsum(rng.integers(1, 4, n)) + 1_000
    received = np.datetime64("2026-09-01T08:00") + rng.integers(0, 80 * 24 * 60, n).astype("timedelta64[m]")
    keys, names, ats, prow, pfrom, pto = [], [], [], [], [], []
    for i in range(n):
        t = received[i]
        for _ in range(int(rng.integers(0, 6))):
            t = t + np.timedelta64(int(rng.integers(10, 3 * 24 * 60)), "m")
            if t > np.datetime64("2026-11-30T12:00"):
                break
            name = EVENTS[int(rng.integers(0, 4))]
            keys.append(key[i])
            names.append(name)
            ats.append(t)
            if name == "solved":
                break
        if rng.random() < 0.2:
            start = received[i] + np.timedelta64(int(rng.integers(60, 2 * 24 * 60)), "m")
            prow.append(i)
            pfrom.append(start)
            pto.append(start + np.timedelta64(int(rng.integers(60, 3 * 24 * 60)), "m") if rng.random() < 0.8 else None)
    table = pa.table({"ticket": key, "received": received.astype("datetime64[us]")})
    log = pa.table({"ticket": np.asarray(keys, np.int64), "event": names, "at": np.asarray(ats, "datetime64[us]")})
    resumed = np.array([np.datetime64("NaT") if x is None else x for x in pto], "datetime64[us]")
    pauses = pa.table(
        {"row": np.asarray(prow, np.int64), "paused_at": np.asarray(pfrom, "datetime64[us]"), "resumed_at": resumed}
    )
    return table, log, pauses


@pytest.mark.parametrize(("chunk", "n"), [(1, 150), (7, 1_500), (333, 1_500), (5_000, 1_500)])
def test_a_log_by_key_streamed_beside_the_cases_gives_the_in_memory_answer(chunk: int, n: int) -> None:
    c, (t, log, _) = desk(), cases(n)
    whole = c.evaluate(t, now=NOW, log=log, key="ticket", keep=["ticket"], ignore_pauses=True)
    out = list(
        evaluate_batches(
            c,
            t.to_batches(max_chunksize=chunk),
            now=NOW,
            log=log.to_batches(max_chunksize=97),
            key="ticket",
            keep=["ticket"],
            ignore_pauses=True,
        )
    )
    assert [b.num_rows for b in out] == [b.num_rows for b in t.to_batches(max_chunksize=chunk)]
    assert_same_result(whole, pa.Table.from_batches(out))
    assert int(pa.compute.max(whole.column("progress.cycles")).as_py()) > 1  # recurring clauses did recur


@pytest.mark.parametrize(("chunk", "n"), [(1, 150), (250, 1_200), (5_000, 1_200)])
def test_a_log_by_row_and_pauses_streamed_give_the_in_memory_answer(chunk: int, n: int) -> None:
    c, (t, log, pauses) = desk(), cases(n, seed=2)
    positions = np.searchsorted(np.asarray(t.column("ticket")), np.asarray(log.column("ticket")))
    by_row = pa.table({"row": positions, "event": log.column("event"), "at": log.column("at")})
    whole = c.evaluate(t, now=NOW, log=by_row, pauses=pauses, keep=["ticket"])
    out = evaluate_batches(
        c,
        t.to_batches(max_chunksize=chunk),
        now=NOW,
        log=by_row,
        pauses=pauses.to_reader(max_chunksize=13),
        keep=["ticket"],
    )
    got = pa.Table.from_batches(list(out))
    assert_same_result(whole, got)
    assert got.column("resolution.state").to_pylist().count("paused") > 0


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_a_log_file_streams_beside_the_cases_file(kind: str, tmp_path: Path) -> None:
    c, (t, log, pauses) = desk(), cases(2_000, seed=3)
    write = pq.write_table if kind == "parquet" else pcsv.write_csv
    src, events, stops = (tmp_path / f"{n}.{kind}" for n in ("tickets", "log", "pauses"))
    write(t, src)
    write(log, events)
    write(pauses, stops)
    out = evaluate_file(
        c,
        src,
        out=tmp_path / "report.parquet",
        now=NOW,
        batch_size=300,
        log=events,
        key="ticket",
        pauses=stops,
        keep=["ticket"],
    )
    whole = c.evaluate(t, now=NOW, log=log, key="ticket", pauses=pauses, keep=["ticket"])
    assert_same_result(whole, pq.read_table(out).cast(pq.read_table(out).schema))


def test_the_schema_with_a_log_is_known_before_the_data() -> None:
    c, (t, log, _) = desk(), cases(50)
    schema = output_schema(c, t.schema, now=NOW, log=log.schema, key="ticket", ignore_pauses=True)
    assert "progress.cycles" in schema.names
    got = evaluate_batches(c, t.to_batches(max_chunksize=20), now=NOW, log=log, key="ticket", ignore_pauses=True)
    assert all(b.schema.equals(schema) for b in got)


def test_streams_out_of_order_are_refused_saying_what_to_sort_by() -> None:
    c, (t, log, pauses) = desk(), cases(300, seed=4)
    backwards = t.take(np.arange(t.num_rows)[::-1])
    with pytest.raises(sc.InvalidInputError, match=r"increasing order of 'ticket'.*sort both"):
        list(
            evaluate_batches(
                c, backwards.to_batches(max_chunksize=50), now=NOW, log=log, key="ticket", ignore_pauses=True
            )
        )
    shuffled = log.take(np.random.default_rng(0).permutation(log.num_rows))
    with pytest.raises(sc.InvalidInputError, match=r"log \(rows .*\) is not in increasing order of 'ticket'"):
        list(
            evaluate_batches(c, t.to_batches(max_chunksize=50), now=NOW, log=shuffled, key="ticket", ignore_pauses=True)
        )
    with pytest.raises(sc.InvalidInputError, match=r"pauses \(rows .*\) is not in increasing order of 'row'"):
        list(
            evaluate_batches(
                c,
                t.to_batches(max_chunksize=50),
                now=NOW,
                log=log,
                key="ticket",
                pauses=pauses.take(np.arange(pauses.num_rows)[::-1]),
            )
        )


def test_log_rows_that_are_no_case_are_refused_as_in_memory() -> None:
    c, (t, log, _) = desk(), cases(200, seed=5)
    late = pa.concat_tables(
        [
            log,
            pa.table({"ticket": [10**9], "event": ["solved"], "at": np.array(["2026-11-01T10:00"], "datetime64[us]")}),
        ]
    )
    with pytest.raises(sc.InvalidInputError, match="after the last case"):
        list(evaluate_batches(c, t.to_batches(max_chunksize=64), now=NOW, log=late, key="ticket", ignore_pauses=True))
    between = np.asarray(t.column("ticket"))
    gap = int(between[np.argmax(np.diff(between) > 1)]) + 1  # a key between two cases: no case has it
    stray = pa.concat_tables(
        [pa.table({"ticket": [gap], "event": ["solved"], "at": np.array(["2026-11-01T10:00"], "datetime64[us]")}), log]
    )
    stray = stray.sort_by("ticket")
    with pytest.raises(sc.InvalidInputError) as in_memory:
        c.evaluate(t, now=NOW, log=stray, key="ticket", ignore_pauses=True)
    with pytest.raises(sc.InvalidInputError) as streamed:
        list(evaluate_batches(c, t.to_batches(max_chunksize=64), now=NOW, log=stray, key="ticket", ignore_pauses=True))
    assert str(gap) in str(in_memory.value)
    assert str(gap) in str(streamed.value)


def test_a_key_without_a_log_and_a_log_of_no_batches_are_refused() -> None:
    c, (t, _, _) = desk(), cases(10)
    with pytest.raises(sc.InvalidInputError, match="without a log"):
        list(evaluate_batches(c, t.to_batches(), now=NOW, key="ticket", ignore_pauses=True))
    with pytest.raises(sc.InvalidInputError, match="empty iterable"):
        list(evaluate_batches(c, t.to_batches(), now=NOW, log=iter([]), key="ticket", ignore_pauses=True))
    with pytest.raises(sc.InvalidInputError, match="RecordBatchReader"):
        list(evaluate_batches(c, t.to_batches(), now=NOW, log={"ticket": []}, key="ticket", ignore_pauses=True))


def test_a_log_keyed_by_another_kind_of_value_is_refused() -> None:
    c, (t, log, _) = desk(), cases(50)
    text = log.set_column(0, "ticket", log.column("ticket").cast(pa.string()))
    with pytest.raises(sc.InvalidInputError, match="one kind of key for both"):
        list(evaluate_batches(c, t.to_batches(max_chunksize=20), now=NOW, log=text, key="ticket", ignore_pauses=True))


def test_text_keys_stream_as_numbers_do() -> None:
    c, (t, log, _) = desk(), cases(400, seed=6)
    named = {k: f"T-{k:07d}" for k in t.column("ticket").to_pylist()}  # zero-padded: text order is number order
    t = t.set_column(0, "ticket", pa.array([named[k] for k in t.column("ticket").to_pylist()]))
    log = log.set_column(0, "ticket", pa.array([named[k] for k in log.column("ticket").to_pylist()]))
    whole = c.evaluate(t, now=NOW, log=log, key="ticket", keep=["ticket"], ignore_pauses=True)
    got = evaluate_batches(
        c, t.to_batches(max_chunksize=64), now=NOW, log=log, key="ticket", keep=["ticket"], ignore_pauses=True
    )
    assert_same_result(whole, pa.Table.from_batches(list(got)))
