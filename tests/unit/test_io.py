"""slaclock.io: Arrow batches in and out, and files streamed in batches, give what in-memory evaluate gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

import slaclock as sc
from slaclock.io import evaluate_batches, evaluate_file, output_schema
from tests.helpers.tickets import NOW, assert_same_result, desk, tickets


def test_the_schema_is_known_before_the_data_and_batches_keep_it() -> None:
    c, t = desk(), tickets(5_000)
    schema = output_schema(c, t.schema, now=NOW, keep=["ticket"])
    out = list(evaluate_batches(c, t.to_batches(max_chunksize=700), now=NOW, keep=["ticket"]))
    assert [b.num_rows for b in out] == [b.num_rows for b in t.to_batches(max_chunksize=700)]
    assert all(b.schema.equals(schema) for b in out)
    whole = c.evaluate(t, now=NOW, keep=["ticket"])
    assert pa.Table.from_batches(out, schema=schema).equals(whole.cast(schema))


def test_a_parquet_file_streams_through_in_batches_as_in_memory(tmp_path: Path) -> None:
    c, t = desk(), tickets(20_000)
    src, dst = tmp_path / "tickets.parquet", tmp_path / "report.parquet"
    pq.write_table(t, src)
    seen: list[tuple[int, int | None]] = []
    path = evaluate_file(
        c, src, out=dst, now=NOW, batch_size=3_000, keep=["ticket", "team"], progress=lambda d, n: seen.append((d, n))
    )
    assert path == dst
    got = pq.read_table(dst)
    want = c.evaluate(t, now=NOW, keep=["ticket", "team"])
    assert got.num_rows == t.num_rows
    for name in want.column_names:  # every column equal (states compared as text)
        a, b = got.column(name), want.column(name)
        if pa.types.is_dictionary(b.type):
            a, b = a.cast(pa.string()), b.cast(pa.string())
        assert a.equals(b), name
    assert seen[-1] == (20_000, 20_000)
    assert len(seen) >= 7  # one call per batch
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    report = c.report(got, by=["team"])  # the file is a report's input as it is
    assert set(report["clause"].to_pylist()) == {"first_reply", "resolution", "feedback"}


def test_a_csv_file_in_and_out(tmp_path: Path) -> None:
    c, t = desk(), tickets(2_000)
    src, dst = tmp_path / "tickets.csv", tmp_path / "report.csv"
    pcsv.write_csv(t, src)
    evaluate_file(c, src, out=dst, now=NOW, batch_size=500, keep=["ticket"])
    got = pcsv.read_csv(dst)
    want = c.evaluate(pcsv.read_csv(src), now=NOW, keep=["ticket"])
    assert got.column("first_reply.state").to_pylist() == want.column("first_reply.state").cast(pa.string()).to_pylist()
    seconds = [None if v is None else v.total_seconds() for v in want.column("resolution.overdue_by").to_pylist()]
    assert got.column("resolution.overdue_by").to_pylist() == seconds  # durations in seconds


def test_an_empty_file_gives_an_empty_result_with_its_columns(tmp_path: Path) -> None:
    c, t = desk(), tickets(10)
    src, dst = tmp_path / "none.parquet", tmp_path / "out.parquet"
    pq.write_table(t.slice(0, 0), src)
    evaluate_file(c, src, out=dst, now=NOW)
    got = pq.read_table(dst)
    assert got.num_rows == 0
    assert got.schema.names == output_schema(c, t.schema, now=NOW).names


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c, p: evaluate_file(c, p / "x.txt", out=p / "o.parquet", now=NOW), "suffix"),
        (lambda c, p: evaluate_file(c, p / "missing.parquet", out=p / "o.parquet", now=NOW), "is not a file"),
        (lambda c, p: evaluate_file(c, p / "t.parquet", out=p / "o.parquet", now=NOW, batch_size=0), "batch_size"),
        (lambda c, p: evaluate_file(c, p / "t.parquet", out=p / "o.json", now=NOW), "suffix"),
        (lambda c, p: list(evaluate_batches(c, [1], now=NOW)), "pyarrow.RecordBatch"),
        (lambda c, p: list(evaluate_batches(c, [], now=NOW, log={"row": []})), "iterable of RecordBatches"),
        (
            lambda c, p: evaluate_file(c, p / "t.parquet", out=p / "o.csv", now=NOW, log=p / "no.csv"),
            "log .* not a file",
        ),
        (lambda c, p: evaluate_file(c, p / "t.parquet", out=p / "o.csv", now=NOW, pauses=p / "t.txt"), "suffix"),
        (lambda c, p: output_schema(c, {"received": 1}, now=NOW), "pyarrow.Schema"),
        (lambda c, p: evaluate_file(c, 7, out=p / "o.parquet", now=NOW), "source must be a path"),
        (lambda c, p: evaluate_file(c, p / "t.parquet", out=[1], now=NOW), "out must be a path"),
        (lambda c, p: evaluate_file(c, p / "t.parquet", out=p / "o.csv", now=NOW, progress=3), "progress"),
    ],
)
def test_bad_input_is_refused(call: object, message: str, tmp_path: Path) -> None:
    pq.write_table(tickets(10), tmp_path / "t.parquet")
    with pytest.raises(sc.InvalidInputError, match=message):
        call(desk(), tmp_path)  # type: ignore[operator]


def test_an_error_in_a_batch_names_its_rows(tmp_path: Path) -> None:
    t = tickets(1_000)
    late = t.column("replied").to_pylist()
    late[700] = late[700].replace(year=2027) if late[700] is not None else None
    bad = t.set_column(t.column_names.index("replied"), "replied", pa.array(late, pa.timestamp("us")))
    pq.write_table(bad, tmp_path / "t.parquet")
    with pytest.raises(sc.InvalidInputError, match=r"rows 600\.\.799 of t\.parquet: .*after now"):
        evaluate_file(desk(), tmp_path / "t.parquet", out=tmp_path / "o.parquet", now=NOW, batch_size=200)


_REPLY = sc.Contract("x", [sc.Clause("a", "1日", starts_on="received", met_by="replied")], events=["received"])


def test_a_csv_column_blank_in_its_first_block_is_read_in_every_block(tmp_path: Path) -> None:
    """Arrow types a CSV column by its first block: an event no case of the first 600,000 reached was null there,
    and the run failed part-way at the first case that reached it, with Arrow's error and half a result."""
    c = _REPLY
    rows = 120_000
    replied = [""] * rows
    replied[-1] = "2026-10-12T12:00:00.5"  # a fraction of a second too, where the first rows have none
    src, dst = tmp_path / "sparse.csv", tmp_path / "out.csv"
    src.write_text(
        "received,replied,note\n" + "".join(f"2026-10-12T10:00,{r},\n" for r in replied[:-1]) + f"2026-10-12T10:00,"
        f"{replied[-1]},late\n",
        encoding="utf-8",
    )
    evaluate_file(c, src, out=dst, now="2026-12-01T00:00", batch_size=4_096, keep=["note"])
    got = pcsv.read_csv(dst)
    assert got.num_rows == rows
    states = got.column("a.state").to_pylist()
    assert states[-1] == "met"
    assert states.count("breached") == rows - 1
    assert got.column("note").to_pylist()[-1] == "late"


def test_a_csv_attribute_of_digits_is_compared_as_the_contract_writes_it(tmp_path: Path) -> None:
    """Arrow reads the text "01" in a CSV file as the number 1, which no target row {dept = "01"} matches: the
    default row's period was taken, silently. An attribute the contract compares as text is read as text."""
    rows = [{"when": {"dept": "01"}, "period": "1小时"}, {"period": "10小时"}]
    c = sc.Contract("pr", [sc.Clause("reply", rows, starts_on="received", met_by="replied")], events=["received"])
    src, dst = tmp_path / "t.csv", tmp_path / "out.csv"
    src.write_text("received,replied,dept\n2026-10-12T10:00,2026-10-12T12:00,01\n"
                   "2026-10-12T10:00,2026-10-12T12:00,02\n", encoding="utf-8")  # fmt: skip
    evaluate_file(c, src, out=dst, now="2026-10-13T00:00", keep=["dept"])
    got = pcsv.read_csv(dst, convert_options=pcsv.ConvertOptions(column_types={"dept": pa.string()}))
    assert got.column("reply.state").to_pylist() == ["breached", "met"]
    assert got.column("dept").to_pylist() == ["01", "02"]
    numbers = [{"when": {"dept": 1}, "period": "1小时"}, {"period": "10小时"}]  # and numbers as numbers
    c = sc.Contract("pr", [sc.Clause("reply", numbers, starts_on="received", met_by="replied")], events=["received"])
    evaluate_file(c, src, out=dst, now="2026-10-13T00:00")
    assert pcsv.read_csv(dst).column("reply.state").to_pylist() == ["breached", "met"]


def test_a_csv_file_reads_words_nanoseconds_and_numbers_as_in_memory(tmp_path: Path) -> None:
    """The second fuzz of this reading: "NA" (a region, a ticket id) became missing when blank text did; an
    attribute of numbers refused a later "high"; 9 digits of a second were refused in µs."""
    rows = [{"when": {"region": "NA"}, "period": "2小时"}, {"period": "8小时"}]
    na = sc.Contract("c", [sc.Clause("reply", rows, starts_on="received", met_by="replied")], events=["received"])
    levels = [{"when": {"level": 1}, "period": "2小时"}, {"period": "8小时"}]
    level = sc.Contract("c", [sc.Clause("reply", levels, starts_on="received", met_by="replied")], events=["received"])
    files = [
        (
            na,
            "ticket,received,replied,region\nNA,2026-10-12 10:00,,NA\nnull,2026-10-12 10:00,,EU\n"
            "T3,2026-10-12 10:00,,EU\n",
            ["ticket"],
        ),
        (level, "received,replied,level\n2026-10-12 10:00,,1\n2026-10-12 10:00,,high\n", []),
        (level, "received,replied,level\n2026-10-12 10:00,,1.0\n2026-10-12 10:00,,2.0\n", []),
        (_REPLY, "received,replied\n2026-10-12 10:00:00.123456789,2026-10-12 11:00:00.5\n", []),
    ]
    for k, (contract, text, keep) in enumerate(files):
        src, dst = tmp_path / f"t{k}.csv", tmp_path / f"o{k}.parquet"
        src.write_text(text, encoding="utf-8")
        got = pq.read_table(evaluate_file(contract, src, out=dst, now="2026-11-30T18:00", keep=keep))
        want = contract.evaluate(pcsv.read_csv(src), now="2026-11-30T18:00", keep=keep)
        for name in want.column_names:
            a, b = got.column(name), want.column(name)
            if pa.types.is_dictionary(b.type):
                a, b = a.cast(pa.string()), b.cast(pa.string())
            assert a.to_pylist() == b.to_pylist(), (k, name)
    assert pq.read_table(tmp_path / "o0.parquet").column("ticket").to_pylist() == ["NA", "null", "T3"]
    # a number that is not whole matches no row: refused, in a file as in memory
    src = tmp_path / "half.csv"
    src.write_text("received,replied,level\n2026-10-12 10:00,,1.0\n2026-10-12 10:00,,2.5\n", encoding="utf-8")
    for run in (
        lambda: evaluate_file(level, src, out=tmp_path / "half.parquet", now="2026-11-30T18:00"),
        lambda: level.evaluate(pcsv.read_csv(src), now="2026-11-30T18:00"),
    ):
        with pytest.raises(sc.InvalidInputError, match=r"row 1: 2\.5 is not a whole number"):
            run()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("t.csv", "", r"t\.csv' cannot be read: Empty CSV file"),
        ("t.csv", "received,replied\n2026-10-12T10:00,,x\n", r"t\.csv' cannot be read: CSV parse error: Row #2"),
        ("t.parquet", "not parquet", r"t\.parquet' cannot be read: Parquet magic bytes"),
    ],
)
def test_a_file_arrow_cannot_read_is_refused_naming_it(tmp_path: Path, name: str, content: str, message: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(sc.InvalidInputError, match=f"^source '.*{message}"):
        evaluate_file(_REPLY, tmp_path / name, out=tmp_path / "o.csv", now=NOW)


def test_a_csv_row_arrow_cannot_read_further_on_is_refused_naming_the_file(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text("received,replied\n" + "2026-10-12T10:00,\n" * 200_000 + '2026-10-12T10:00,"\n', encoding="utf-8")
    with pytest.raises(sc.InvalidInputError, match=r"^source '.*t\.csv' cannot be read: .*Row #200002"):
        evaluate_file(_REPLY, src, out=tmp_path / "o.csv", now="2026-12-01T00:00", batch_size=1_000)


@pytest.mark.parametrize("side", ["source", "log", "pauses"])
def test_the_output_is_never_a_file_read(tmp_path: Path, side: str) -> None:
    t = tickets(10)
    pq.write_table(t, tmp_path / "t.parquet")
    (tmp_path / "side.csv").write_text("row,event,at\n", encoding="utf-8")
    out = tmp_path / ("t.parquet" if side == "source" else "side.csv")
    more = {} if side == "source" else {side: tmp_path / "side.csv"}
    with pytest.raises(sc.InvalidInputError, match=f"is the {side}: writing it would overwrite"):
        evaluate_file(desk(), tmp_path / "t.parquet", out=out, now=NOW, **more)  # type: ignore[arg-type]
    assert pq.read_table(tmp_path / "t.parquet").equals(t)


def test_batches_of_another_schema_are_refused() -> None:
    t = tickets(10)
    other = t.drop_columns(["team"])
    with pytest.raises(sc.InvalidInputError, match="another schema"):
        list(evaluate_batches(desk(), [*t.to_batches(), *other.to_batches()], now=NOW))


def test_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    """Arrow's pool peaks at the same size for a file four times as long (each run in a fresh process)."""
    import subprocess
    import sys

    script = (
        "import sys, pyarrow as pa; sys.path.insert(0, '.');"
        "from tests.helpers.tickets import desk; from slaclock.io import evaluate_file;"
        "evaluate_file(desk(), sys.argv[1], out=sys.argv[1] + '.out.parquet', now='2026-12-01T00:00',"
        " batch_size=20_000, keep=['ticket']);"
        "print(pa.default_memory_pool().max_memory())"
    )
    peaks = []
    for groups in (3, 12):
        path = tmp_path / f"t{groups}.parquet"
        with pq.ParquetWriter(path, tickets(10).schema) as w:
            for k in range(groups):
                w.write_table(tickets(40_000, seed=k))
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parents[2],
        )
        peaks.append(int(done.stdout.strip().splitlines()[-1]))
    assert peaks[1] < 1.5 * peaks[0], peaks


def test_the_engines_comparison_sees_a_changed_row_and_ignores_order_and_zone() -> None:
    c, t = desk(), tickets(300)
    whole = c.evaluate(t, now=NOW, keep=["ticket"])
    shuffled = whole.take(np.random.default_rng(0).permutation(whole.num_rows))
    due = shuffled.column("resolution.due")
    shuffled = shuffled.set_column(
        shuffled.schema.get_field_index("resolution.due"), "resolution.due", due.cast(pa.timestamp("us", tz="UTC"))
    )
    assert_same_result(whole, shuffled)
    state = whole.column("resolution.state").to_pylist()
    state[7] = "met" if state[7] != "met" else "breached"
    changed = whole.set_column(whole.schema.get_field_index("resolution.state"), "resolution.state", pa.array(state))
    with pytest.raises(AssertionError, match=r"resolution\.state"):
        assert_same_result(whole, changed)
