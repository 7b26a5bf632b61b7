"""Issue 17 at scale: 10,000,000 tickets through ``slaclock.io.evaluate_file``, polars, Dask, DuckDB and Spark.

The tickets are ``tests/helpers/tickets.py``'s (``tickets(n, seed)``: received 2026-09-01..11-19, some events
missing, ``priority`` and ``team`` attributes, a ``ticket`` id) and the contract its ``desk()`` (a first reply
chosen from a target table by priority with a warning ladder in working hours, a 5-workday resolution with a lead
warning, a 7-day feedback window); ``now`` is its ``NOW``. The source is one Parquet file written in chunks of
500,000 tickets (one row group each; chunk ``k`` is ``tickets(500_000, seed=seed + k)`` with its ids moved on, so
the ids run 0..n-1 in file order), never held whole. Every measurement below runs in its own fresh subprocess, so
that its peak memory is its own; each is timed once (the 10M runs are long; ``--repeat N`` runs each part N times,
each in a fresh process, and keeps the fastest, with every time in the JSON), after the imports, and reports the
wall time, rows per second and peak resident memory in MiB. (On Linux a child's ``ru_maxrss`` starts at its
parent's high-water mark, so the parent stays small: it writes the source and counts results in children too; each
part also records its own ``VmHWM`` as a check.)

``file``
    ``evaluate_file(desk(), src, out=..., now=NOW, keep=["ticket"])``, Parquet to Parquet (``batch_size`` 65,536).
    Peak memory: the process's high-water mark (``resource.getrusage(RUSAGE_SELF).ru_maxrss``); the issue asks
    for at most 600 MB.
``file_floor``
    The same batch loop with no work: ``ParquetFile(src, pre_buffer=False).iter_batches(65_536,
    use_threads=False)`` written batch by batch as row groups, as ``evaluate_file`` reads and writes. ``file`` /
    ``file_floor`` is slaclock's cost over pure I/O.
``in_memory``
    For contrast: ``pq.read_table`` of the whole source (or its first ``--in-memory-rows`` rows: 10,000,000
    take about 3.5 GiB), ``desk().evaluate(table, now=NOW, keep=["ticket"])``, ``pq.write_table``; the seconds
    of ``evaluate`` alone are given too.
``polars`` / ``polars_floor``
    ``pl.scan_parquet(src).with_columns(pl.col("received").slaclock.deadline("5个工作日")).sink_parquet(out)``
    (streaming; :mod:`slaclock.polars`), and the same without the deadline.
``dask1``, ``dask2`` / ``dask_floor1``, ``dask_floor2``
    ``slaclock.dask.evaluate(dd.read_parquet(src, split_row_groups=True), desk(), now=NOW,
    keep=["ticket"]).to_parquet(out)`` on a ``distributed.LocalCluster`` of 1 and of 2 worker processes
    (``threads_per_worker=1``; one partition per row group of 500,000 rows: ``dd.read_parquet``'s default makes
    one partition of the whole 10M-row file, so one worker would do all and hold it whole); the floor is the same
    pipeline with an identity ``map_partitions``. Cluster start-up and a warm-up task on each worker (imports,
    calendar tables) are not timed. Peak memory is the **sum over the workers of each worker process's own peak**
    (``ru_maxrss`` read inside each worker after the run, through ``client.run``); the notes also give the sum
    of peaks sampled with psutil every 20 ms during the run, and the peak of the client process (which holds the
    scheduler).
``duckdb_sql`` / ``duckdb_floor``
    ``COPY (SELECT ticket, sla_deadline(received, '5个工作日') AS due FROM read_parquet(src) WHERE ticket <
    5000000) TO out`` after ``slaclock.duckdb.register(con, calendar="CN")``, and the same with ``received +
    INTERVAL 5 DAY``; ``duckdb_evaluate``: ``slaclock.duckdb.evaluate(con, <the same rows>, desk(), now=NOW,
    keep=["ticket"])`` written to Parquet, if the module has it.
``spark`` / ``spark_floor``
    ``slaclock.spark.evaluate(spark.read.parquet(src1m), desk(), now=NOW, keep=["ticket"]).write.parquet(out)``
    in a ``local[2]`` session (``PYSPARK_PYTHON`` set to this interpreter), and the same through an identity
    ``mapInArrow``; ``src1m`` is the first 1,000,000 tickets of the source in a file of their own (row groups of
    500,000, so two tasks), since a ``where("ticket < ...")`` on the 10M file made Spark scan all of it (a fixed
    2-3 s that hid the work). Session start-up and a warm-up run on 10,000 rows are not timed. Memory: the peak
    of the summed RSS of the process tree (the driver, its JVM and the Python workers), sampled with psutil every
    20 ms. Skipped, with a note, when Java or pyspark is absent.

An engine whose module (``slaclock.dask``, ``slaclock.duckdb``, ``slaclock.spark``) is not importable is skipped
with a note; a run that fails is reported with the end of its error output, and the others go on.

Agreement: every result of ``evaluate`` (in-memory, Dask, DuckDB, Spark) is read back, in a child process, and
each clause's states are counted; the counts must equal those of the ``file`` result on the same tickets (``file``
is run first whenever one of them is asked for). It checks that every engine evaluated every row and agrees in
sum, not row by row: that is the test suite's job (200,000 tickets, every column).

Ratios printed: each run over its floor in the same run, and rows/s against ``evaluate_file``'s. Nothing asserts
anything about speed. On a shared 2-core machine the figures move with the load; compare ratios.

Run ``python benchmarks/bench_scale.py`` (10,000,000 tickets: several minutes on 2 cores), ``--quick``
(1,000,000), ``--only file,polars`` to run some parts, ``--rows N``, ``--batch-size N`` (``evaluate_file``'s),
``--repeat N``, ``--json PATH`` (default ``benchmarks/results/scale-latest.json``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (str(ROOT), str(ROOT / "src"), str(HERE)):  # tests.helpers.tickets, this checkout's slaclock, bench_*
    if _p not in sys.path:
        sys.path.insert(0, _p)

CHUNK = 500_000  # tickets per generated chunk, one row group each
BATCH = 65_536  # evaluate_file's default batch_size (``--batch-size`` changes it for file and file_floor)
PERIOD = "5个工作日"
PARTS = (
    "file",
    "file_floor",
    "in_memory",
    "polars",
    "polars_floor",
    "dask1",
    "dask_floor1",
    "dask2",
    "dask_floor2",
    "dask1_defaults",
    "dask2_defaults",
    "duckdb_sql",
    "duckdb_floor",
    "duckdb_evaluate",
    "spark",
    "spark_floor",
)
FLOORS = {
    "file": "file_floor",
    "polars": "polars_floor",
    "dask1": "dask_floor1",
    "dask2": "dask_floor2",
    "duckdb_sql": "duckdb_floor",
    "duckdb_evaluate": "duckdb_floor",
    "spark": "spark_floor",
}
# the parts whose result is desk().evaluate's
EVALUATED = ("file", "in_memory", "dask1", "dask2", "dask1_defaults", "dask2_defaults", "duckdb_evaluate", "spark")


def _rss_mib() -> float:
    """The process's peak resident memory, ``ru_maxrss`` (KiB on Linux), in MiB.

    On Linux a child's ``ru_maxrss`` starts at its parent's high-water mark (it is carried over fork and exec), so
    the parent of the measured processes stays small: it writes the source and reads the results in children too.
    ``_hwm_mib`` (the process's own ``VmHWM``) is recorded next to it as a check.
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _hwm_mib() -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            line = next((ln for ln in fh if ln.startswith("VmHWM:")), None)
    except OSError:
        return None
    return int(line.split()[1]) / 1024 if line else None


class PartSkippedError(Exception):
    """A part that cannot run here (its module or engine is absent): reported as a note."""


def _need(module: str) -> None:
    try:
        found = importlib.util.find_spec(module) is not None
    except ImportError:
        found = False
    if not found:
        raise PartSkippedError(f"{module} is not importable here")


# ----------------------------------------------------------------------------------------------------- the source


def write_source(path: Path, rows: int, seed: int) -> float:
    """``rows`` tickets to a Parquet file, ``CHUNK`` at a time (one row group each); returns the seconds taken."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from tests.helpers.tickets import tickets

    t0 = time.perf_counter()
    writer = None
    try:
        for k, start in enumerate(range(0, rows, CHUNK)):
            n = min(CHUNK, rows - start)
            t = tickets(n, seed=seed + k)
            t = t.set_column(0, "ticket", pa.array(range(start, start + n), pa.int64()))
            if writer is None:
                writer = pq.ParquetWriter(path, t.schema)
            writer.write_table(t, row_group_size=n)
    finally:
        if writer is not None:
            writer.close()
    return time.perf_counter() - t0


def slice_source(src: Path, dst: Path, rows: int) -> None:
    """The first ``rows`` tickets of ``src`` into a file of their own, in row groups of ``CHUNK``, batch by batch."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(src, pre_buffer=False)
    left = rows
    with pq.ParquetWriter(dst, pf.schema_arrow) as w:
        for batch in pf.iter_batches(batch_size=CHUNK, use_threads=False):
            if left <= 0:
                break
            batch = batch.slice(0, left)
            w.write_batch(batch, row_group_size=CHUNK)
            left -= batch.num_rows


# ---------------------------------------------------------------------------------------------- the parts (children)


def part_file(src: Path, out: Path, rows: int, batch: int = BATCH) -> dict[str, Any]:
    from tests.helpers.tickets import NOW, desk

    from slaclock.io import evaluate_file

    contract = desk()
    t0 = time.perf_counter()
    evaluate_file(contract, src, out=out, now=NOW, batch_size=batch, keep=["ticket"])
    return {"seconds": time.perf_counter() - t0, "rows": rows, "batch_size": batch}


def part_file_floor(src: Path, out: Path, rows: int, batch: int = BATCH) -> dict[str, Any]:
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    pf = pq.ParquetFile(src, pre_buffer=False)
    with pq.ParquetWriter(out, pf.schema_arrow) as w:
        for b in pf.iter_batches(batch_size=batch, use_threads=False):
            w.write_batch(b, row_group_size=max(b.num_rows, 1))
    return {"seconds": time.perf_counter() - t0, "rows": rows, "batch_size": batch}


def part_in_memory(src: Path, out: Path, rows: int) -> dict[str, Any]:
    import pyarrow.parquet as pq
    from tests.helpers.tickets import NOW, desk

    contract = desk()
    t0 = time.perf_counter()
    table = pq.read_table(src, filters=[("ticket", "<", rows)])
    t1 = time.perf_counter()
    result = contract.evaluate(table, now=NOW, keep=["ticket"])
    t2 = time.perf_counter()
    pq.write_table(result, out)
    t3 = time.perf_counter()
    return {
        "seconds": t3 - t0,
        "rows": table.num_rows,
        "read_s": t1 - t0,
        "evaluate_s": t2 - t1,
        "write_s": t3 - t2,
        "evaluate_rows_per_s": table.num_rows / (t2 - t1),
    }


def _polars(src: Path, out: Path, rows: int, *, deadline: bool) -> dict[str, Any]:
    _need("polars")
    import polars as pl

    import slaclock.polars

    slaclock.polars.register()
    lazy = pl.scan_parquet(src)
    if deadline:
        lazy = lazy.with_columns(due=pl.col("received").slaclock.deadline(PERIOD, calendar="CN"))
    t0 = time.perf_counter()
    lazy.sink_parquet(out)
    return {"seconds": time.perf_counter() - t0, "rows": rows, "polars": pl.__version__}


def part_polars(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _polars(src, out, rows, deadline=True)


def part_polars_floor(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _polars(src, out, rows, deadline=False)


class _Sampler:
    """The peak RSS of some processes, sampled with psutil every ``every`` seconds on a thread."""

    def __init__(self, pids: Callable[[], list[int]], every: float = 0.02) -> None:
        import psutil

        self.psutil, self.pids, self.every = psutil, pids, every
        self.peak_each: dict[int, int] = {}  # pid -> its largest RSS seen
        self.peak_sum = 0  # the largest sum over the processes at one sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for pid in self.pids():
                try:
                    rss = self.psutil.Process(pid).memory_info().rss
                except (self.psutil.NoSuchProcess, self.psutil.AccessDenied):
                    continue
                total += rss
                self.peak_each[pid] = max(self.peak_each.get(pid, 0), rss)
            self.peak_sum = max(self.peak_sum, total)
            self._stop.wait(self.every)

    def __enter__(self) -> _Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _worker_warm() -> int:
    """Run on each Dask worker before the timing: imports and the calendar's tables, as a first batch would."""
    from tests.helpers.tickets import NOW, desk, tickets

    desk().evaluate(tickets(1_000), now=NOW, keep=["ticket"])
    return os.getpid()


def _worker_peak_mib() -> tuple[float, float | None]:
    return _rss_mib(), _hwm_mib()


def _identity(df: Any) -> Any:
    return df


def _worker_env() -> dict[str, str | None]:
    return {k: os.environ.get(k) for k in ("MALLOC_TRIM_THRESHOLD_", "SLACLOCK_THREADS")}


def _dask(src: Path, out: Path, rows: int, *, workers: int, floor: bool, tuned: bool = True) -> dict[str, Any]:
    """One Dask run; ``tuned``: docs/scale.md's two settings (glibc's trim threshold left adaptive, and
    ``SLACLOCK_THREADS=1`` when there are as many single-threaded workers as cores), else distributed's defaults."""
    _need("dask.dataframe")
    _need("distributed")
    if not floor:
        _need("slaclock.dask")
    import dask
    import dask.dataframe as dd
    from distributed import Client, LocalCluster
    from tests.helpers.tickets import NOW, desk

    settings: dict[str, Any] = {}
    env: dict[str, str] = {}
    if tuned:
        settings["distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"] = None
        if workers >= (os.cpu_count() or 1):
            env["SLACLOCK_THREADS"] = "1"
    t0 = time.perf_counter()
    with (
        dask.config.set(settings),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, env=env
        ) as cluster,
        Client(cluster) as client,
    ):
        started = time.perf_counter() - t0
        worker_env = next(iter(client.run(_worker_env).values()))
        pids = sorted(client.run(_worker_warm).values())
        ddf = dd.read_parquet(src, split_row_groups=True)
        partitions = ddf.npartitions
        if floor:
            result = ddf.map_partitions(_identity)
        else:
            import slaclock.dask

            result = slaclock.dask.evaluate(ddf, desk(), now=NOW, keep=["ticket"])
        with _Sampler(lambda: pids) as sampler:
            t1 = time.perf_counter()
            result.to_parquet(out)
            seconds = time.perf_counter() - t1
        peaks = client.run(_worker_peak_mib)
    return {
        "seconds": seconds,
        "rows": rows,
        "workers": workers,
        "partitions": partitions,
        "startup_s": started,
        "peak_mib": sum(rss for rss, _ in peaks.values()),
        "worker_peaks_mib": sorted(rss for rss, _ in peaks.values()),
        "worker_hwm_mib": sorted(hwm or 0.0 for _, hwm in peaks.values()),
        "sampled_sum_of_peaks_mib": sum(sampler.peak_each.values()) / 2**20,
        "client_peak_mib": _rss_mib(),
        "dask": dask.__version__,
        "tuned": tuned,
        "worker_env": worker_env,
    }


def part_dask1(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _dask(src, out, rows, workers=1, floor=False)


def part_dask2(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _dask(src, out, rows, workers=2, floor=False)


def part_dask_floor1(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _dask(src, out, rows, workers=1, floor=True)


def part_dask1_defaults(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _dask(src, out, rows, workers=1, floor=False, tuned=False)


def part_dask2_defaults(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _dask(src, out, rows, workers=2, floor=False, tuned=False)


def part_dask_floor2(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _dask(src, out, rows, workers=2, floor=True)


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _duckdb(src: Path, out: Path, rows: int, *, expr: str | None) -> dict[str, Any]:
    _need("duckdb")
    import duckdb

    con = duckdb.connect()
    if expr is None or "sla_deadline" in expr:
        _need("slaclock.duckdb")
        import slaclock.duckdb

        slaclock.duckdb.register(con, calendar="CN")
    threads = con.execute("SELECT current_setting('threads')").fetchall()[0]  # fetched to the end: DuckDB 2.0
    rows_sql = f"FROM read_parquet({_sql_path(src)}) WHERE ticket < {rows}"
    info: dict[str, Any] = {"rows": rows, "duckdb": duckdb.__version__, "threads": threads[0] if threads else None}
    if expr is not None:
        t0 = time.perf_counter()
        con.execute(f"COPY (SELECT ticket, {expr} AS due {rows_sql}) TO {_sql_path(out)} (FORMAT parquet)")
        info["seconds"] = time.perf_counter() - t0
        return info
    if not hasattr(slaclock.duckdb, "evaluate"):
        raise PartSkippedError("slaclock.duckdb has no evaluate")
    from tests.helpers.tickets import NOW, desk

    contract = desk()
    t0 = time.perf_counter()
    result = slaclock.duckdb.evaluate(con, f"SELECT * {rows_sql}", contract, now=NOW, keep=["ticket"])
    info["result_type"] = type(result).__module__ + "." + type(result).__qualname__
    _write_any(con, result, out)
    info["seconds"] = time.perf_counter() - t0
    return info


def _write_any(con: Any, result: Any, out: Path) -> None:
    """Write what ``slaclock.duckdb.evaluate`` gave (a DuckDB relation, an Arrow table or reader) to Parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if hasattr(result, "write_parquet"):  # a duckdb relation
        result.write_parquet(str(out))
    elif isinstance(result, pa.Table):
        pq.write_table(result, out)
    elif isinstance(result, pa.RecordBatchReader):
        with pq.ParquetWriter(out, result.schema) as w:
            for batch in result:
                w.write_batch(batch)
    elif isinstance(result, str):  # the name of a view or table in con
        con.execute(f"COPY (SELECT * FROM {result}) TO {_sql_path(out)} (FORMAT parquet)")
    else:
        raise TypeError(f"slaclock.duckdb.evaluate gave {type(result)!r}; this benchmark cannot write it")


def part_duckdb_sql(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _duckdb(src, out, rows, expr=f"sla_deadline(received, '{PERIOD}')")


def part_duckdb_floor(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _duckdb(src, out, rows, expr="received + INTERVAL 5 DAY")


def part_duckdb_evaluate(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _duckdb(src, out, rows, expr=None)


def _tree() -> list[int]:
    import psutil

    me = psutil.Process()
    return [me.pid, *(c.pid for c in me.children(recursive=True))]


def _arrow_identity(batches: Iterator[Any]) -> Iterator[Any]:
    yield from batches


def _spark(src: Path, out: Path, rows: int, *, floor: bool) -> dict[str, Any]:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise PartSkippedError("no Java on this machine (Spark needs it)")
    _need("pyspark")
    if not floor:
        _need("slaclock.spark")
    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers must find pyarrow and slaclock
    import pyspark
    from pyspark.sql import SparkSession
    from tests.helpers.tickets import NOW, desk

    t0 = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("bench_scale")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - t0

    def run(path: Path, limit: int | None = None) -> None:
        df = spark.read.parquet(str(src))
        if limit is not None:
            df = df.where(f"ticket < {limit}")
        if floor:
            res = df.mapInArrow(_arrow_identity, df.schema)
        else:
            import slaclock.spark

            res = slaclock.spark.evaluate(df, desk(), now=NOW, keep=["ticket"])
        res.write.mode("overwrite").parquet(str(path))

    try:
        run(out.with_name(out.name + ".warm"), 10_000)
        with _Sampler(_tree) as sampler:
            t1 = time.perf_counter()
            run(out)
            seconds = time.perf_counter() - t1
    finally:
        spark.stop()
    return {
        "seconds": seconds,
        "rows": rows,
        "startup_s": started,
        "peak_mib": sampler.peak_sum / 2**20,
        "driver_peak_mib": _rss_mib(),
        "pyspark": pyspark.__version__,
    }


def part_spark(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _spark(src, out, rows, floor=False)


def part_spark_floor(src: Path, out: Path, rows: int) -> dict[str, Any]:
    return _spark(src, out, rows, floor=True)


def child(part: str, src: Path, out: Path, rows: int, batch: int) -> None:
    """One part in this process; prints its figures as JSON on the last line."""
    import warnings

    warnings.simplefilter("ignore", FutureWarning)  # third-party deprecations (pyspark on pandas 3) are not ours
    base = _rss_mib()
    fn = globals()[f"part_{part}"]
    try:
        row = fn(src, out, rows, batch) if part in ("file", "file_floor") else fn(src, out, rows)
    except PartSkippedError as exc:
        row = {"skipped": str(exc)}
    row.setdefault("peak_mib", _rss_mib())
    row.setdefault("own_hwm_mib", _hwm_mib())
    print(json.dumps({"part": part, "rss_at_start_mib": base, **row}))


# ------------------------------------------------------------------------------------------------- the parent


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["PYSPARK_PYTHON"] = sys.executable
    return env


def _call(*args: str, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, __file__, *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=timeout, cwd=ROOT)


def _last_json(done: subprocess.CompletedProcess[str]) -> Any:
    if done.returncode != 0:
        raise RuntimeError(f"a child failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_part(part: str, src: Path, out: Path, rows: int, timeout: float, batch: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    args = ("--child", part, "--src", str(src), "--out", str(out), "--rows", str(rows), "--batch-size", str(batch))
    try:
        done = _call(*args, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"part": part, "error": f"timed out after {timeout:.0f} s"}
    wall = time.perf_counter() - t0
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        lines = (done.stderr or done.stdout).strip().splitlines()
        last = next((ln for ln in reversed(lines) if ln[:1].strip() and ("Error" in ln or "Exception" in ln)), "")
        return {"part": part, "error": f"exit {done.returncode}: {last}", "stderr_tail": lines[-40:]}
    row: dict[str, Any] = json.loads(lines[-1])
    row["process_wall_s"] = wall
    return row


def best_run(part: str, src: Path, out: Path, rows: int, args: argparse.Namespace) -> dict[str, Any]:
    """``run_part`` ``args.repeat`` times (each a fresh process): the fastest run, with every run's seconds."""
    runs = []
    for _ in range(max(args.repeat, 1)):
        if out.exists():
            shutil.rmtree(out) if out.is_dir() else out.unlink()
        runs.append(run_part(part, src, out, rows, args.timeout, args.batch_size))
        if "seconds" not in runs[-1]:
            return runs[-1]
    best = min(runs, key=lambda r: float(r["seconds"]))
    best["all_seconds"] = [r["seconds"] for r in runs]
    best["all_peak_mib"] = [r["peak_mib"] for r in runs]
    return best


def state_counts(path: Path, limit: int | None = None) -> dict[str, dict[str, int]]:
    """Each clause's states in a result (a file or a folder of Parquet), counted batch by batch."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    data = ds.dataset(path, format="parquet")
    names = sorted(n for n in data.schema.names if n.endswith((".state", "_state")))  # an engine may rename
    filt = (pc.field("ticket") < limit) if limit is not None else None
    counts: dict[str, dict[str, int]] = {n[: -len(".state")]: {} for n in names}
    for batch in data.to_batches(columns=names, filter=filt, batch_size=1 << 20):
        for n in names:
            col = batch.column(n)
            if hasattr(col, "dictionary_decode"):
                col = col.dictionary_decode()
            mine = counts[n[: -len(".state")]]
            for item in pc.value_counts(col.cast("string")).to_pylist():
                key = str(item["values"])
                mine[key] = mine.get(key, 0) + int(item["counts"])
    return counts


def sizes(args: argparse.Namespace) -> dict[str, int]:
    rows = args.rows or (1_000_000 if args.quick else 10_000_000)
    return {
        "rows": rows,
        "in_memory": min(rows, args.in_memory_rows or rows),
        "duckdb": min(rows, args.duckdb_rows or max(rows // 2, 1)),
        "spark": min(rows, args.spark_rows or max(rows // 10, 1)),
    }


def rows_for(part: str, n: dict[str, int]) -> int:
    if part == "in_memory":
        return n["in_memory"]
    if part.startswith("duckdb"):
        return n["duckdb"]
    if part.startswith("spark"):
        return n["spark"]
    return n["rows"]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000,000 tickets (DuckDB 500,000, Spark 100,000)")
    parser.add_argument("--rows", type=int, default=None, help="tickets in the source (default 10,000,000)")
    parser.add_argument("--in-memory-rows", type=int, default=None, help="rows for in_memory (default all)")
    parser.add_argument("--duckdb-rows", type=int, default=None, help="rows for DuckDB (default half the source)")
    parser.add_argument("--spark-rows", type=int, default=None, help="rows for Spark (default a tenth)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--batch-size", type=int, default=BATCH, help="evaluate_file's batch_size (and the floor's)")
    parser.add_argument("--only", default=None, help=f"comma-separated parts, of: {', '.join(PARTS)}")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds a part may take")
    parser.add_argument("--repeat", type=int, default=1, help="fresh processes per part; the fastest is kept")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "scale-latest.json")
    parser.add_argument("--child", choices=(*PARTS, "write", "count", "slice"), help=argparse.SUPPRESS)
    parser.add_argument("--src", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "write":
        print(json.dumps({"seconds": write_source(args.src, args.rows, args.seed)}))
        return
    if args.child == "slice":
        slice_source(args.src, args.out, args.rows)
        print("{}")
        return
    if args.child == "count":
        print(json.dumps(state_counts(args.out, args.rows or None)))
        return
    if args.child:
        child(args.child, args.src, args.out, args.rows, args.batch_size)
        return

    from bench_calendar import dist_versions, machine_info
    from bench_deadlines import source_state

    parts = PARTS if args.only is None else tuple(p.strip() for p in args.only.split(",") if p.strip())
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        parser.error(f"unknown parts {unknown}; choose from {', '.join(PARTS)}")
    if "file" not in parts and any(p in EVALUATED for p in parts):
        parts = ("file", *parts)  # the reference every evaluated result's states are counted against
    n = sizes(args)
    meta = {
        **machine_info(),
        **dist_versions("pyarrow", "polars", "dask", "distributed", "duckdb", "pyspark", "psutil"),
        "commit": source_state(),
        "load_before": os.getloadavg(),
        "batch_size": args.batch_size,
    }
    print(
        f"bench_scale: {n['rows']:,} tickets (in-memory {n['in_memory']:,}, DuckDB {n['duckdb']:,}, "
        f"Spark {n['spark']:,}); source {meta['commit']}; {meta['cpu_count']} CPUs, load {meta['load_before'][0]:.2f}"
    )
    results: list[dict[str, Any]] = []
    agreement: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench_scale_") as tmp:
        folder = Path(tmp)
        src = folder / "tickets.parquet"
        write_s = _last_json(
            _call("--child", "write", "--src", str(src), "--rows", str(n["rows"]), "--seed", str(args.seed))
        )["seconds"]
        src_mib = src.stat().st_size / 2**20
        print(f"source: {src_mib:.0f} MiB Parquet, written in {write_s:.1f} s ({n['rows'] // CHUNK or 1} row groups)")
        src_spark = folder / "tickets-spark.parquet"
        if any(p.startswith("spark") for p in parts):
            _last_json(_call("--child", "slice", "--src", str(src), "--out", str(src_spark), "--rows", str(n["spark"])))
        reference: Path | None = None
        for part in parts:
            out = folder / f"{part}.parquet"
            row = best_run(part, src_spark if part.startswith("spark") else src, out, rows_for(part, n), args)
            results.append(row)
            print(describe(row), flush=True)
            if part in EVALUATED and "seconds" in row and out.exists():
                if part == "file":
                    reference = out
                elif reference is not None:
                    limit = row["rows"] if row["rows"] < n["rows"] else None
                    got = _last_json(_call("--child", "count", "--out", str(out), "--rows", "0"))
                    want = _last_json(_call("--child", "count", "--out", str(reference), "--rows", str(limit or 0)))
                    if not got:
                        agreement[part] = "no state columns in the result"
                    elif got == want:
                        agreement[part] = f"same state counts as file ({len(got)} clauses)"
                    else:
                        agreement[part] = f"state counts DIFFER from file: {got} vs {want}"
                    print(f"{'':>16}  agreement: {agreement[part]}")
            if out.exists() and out != reference:
                shutil.rmtree(out) if out.is_dir() else out.unlink()
    print()
    print(ratios(results, agreement))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {"meta": meta, "sizes": n, "source_mib": src_mib, "results": results, "agreement": agreement}
    args.json.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"\nfigures written to {args.json}")


def describe(row: dict[str, Any]) -> str:
    part = row["part"]
    if "error" in row:
        return f"{part:>16}: FAILED {row['error']}"
    if "skipped" in row:
        return f"{part:>16}: skipped ({row['skipped']})"
    text = (
        f"{part:>16}: {row['rows']:>11,} rows {row['seconds']:8.2f} s {row['rows'] / row['seconds']:>12,.0f} rows/s"
        f"  peak {row['peak_mib']:7.0f} MiB"
    )
    if part == "in_memory":
        text += f"  (read {row['read_s']:.2f} s, evaluate {row['evaluate_s']:.2f} s, write {row['write_s']:.2f} s)"
    if part.startswith("dask"):
        text += (
            f"  ({'docs settings' if row.get('tuned') else 'defaults'}; env {row.get('worker_env')};"
            f" sum of {row['workers']} worker peaks; sampled {row['sampled_sum_of_peaks_mib']:.0f} MiB;"
            f" client {row['client_peak_mib']:.0f} MiB; {row['partitions']} partitions)"
        )
    if part.startswith("spark"):
        text += f"  (process tree, sampled; driver {row['driver_peak_mib']:.0f} MiB)"
    return text


def ratios(results: list[dict[str, Any]], agreement: dict[str, str]) -> str:
    by = {r["part"]: r for r in results if "seconds" in r}
    lines = ["ratios (same run):"]
    for part, floor in FLOORS.items():
        if part in by and floor in by:
            a, b = by[part], by[floor]
            per_row = (a["seconds"] / a["rows"]) / (b["seconds"] / b["rows"])
            lines.append(f"  {part} / {floor}: {per_row:.2f}x the time per row")
    if "file" in by:
        f = by["file"]["rows"] / by["file"]["seconds"]
        for part in ("in_memory", "dask1", "dask2", "dask1_defaults", "dask2_defaults", "duckdb_evaluate", "spark"):
            if part in by:
                lines.append(f"  {part}: {by[part]['rows'] / by[part]['seconds'] / f:.2f}x evaluate_file's rows/s")
        if "in_memory" in by:
            im = by["in_memory"]
            lines.append(f"  in_memory, evaluate alone: {im['evaluate_rows_per_s'] / f:.2f}x evaluate_file's rows/s")
            lines.append(f"  peak memory, in_memory / file: {im['peak_mib'] / by['file']['peak_mib']:.1f}x")
    if "dask1" in by and "dask2" in by:
        lines.append(f"  dask2 / dask1: {by['dask1']['seconds'] / by['dask2']['seconds']:.2f}x the speed")
    for k in (1, 2):
        if f"dask{k}" in by and f"dask{k}_defaults" in by:
            slower = by[f"dask{k}_defaults"]["seconds"] / by[f"dask{k}"]["seconds"]
            lines.append(
                f"  dask{k}_defaults / dask{k}: {slower:.2f}x the time (distributed's defaults vs docs' settings)"
            )
    if "file" in by:
        peak = by["file"]["peak_mib"]
        lines.append(f"  evaluate_file peak {peak:.0f} MiB = {peak * 2**20 / 1e6:.0f} MB (issue 17: at most 600 MB)")
    for part, text in agreement.items():
        lines.append(f"  agreement, {part}: {text}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
