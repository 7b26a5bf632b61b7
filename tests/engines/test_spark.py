"""slaclock.spark on a real local[2] Spark session: evaluate equals in-memory evaluate, column functions the numpy path.

The session is started here, once for the module (Java is needed: the module is skipped, saying so, where there is
none). Its zone is America/New_York, neither UTC nor the calendar's, so an answer that leaned on it would show.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import slaclock as sc
from slaclock.errors import InvalidInputError, PeriodParseError
from tests.helpers.tickets import NOW, assert_same_result, desk, tickets

if shutil.which("java") is None:
    pytest.skip("needs Java (Spark runs on the JVM); install a JDK 17", allow_module_level=True)

pyspark_sql = pytest.importorskip("pyspark.sql")
import slaclock.spark as ss  # noqa: E402  (after the skip: it is pointless without Java)

F = pytest.importorskip("pyspark.sql.functions")
PythonException = pytest.importorskip("pyspark.errors").PythonException

pytestmark = [
    # pyspark 4.3 warns at session start and at each Arrow UDF that it "does not yet fully support pandas >= 3.0.0";
    # the test extra installs pandas 3, and nothing here goes through pandas.
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

CN = sc.calendar("CN")
HOURS = CN.with_hours("09:00-12:00,13:30-18:00")
EVENTS = ["received", "replied", "solved", "feedback_given"]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    before = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers must be this interpreter (it has pyarrow)
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("slaclock-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "America/New_York")
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    if before is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = before


@pytest.fixture(scope="module")
def many() -> pa.Table:
    return tickets(200_000)


def _jobs_started(spark: Any, group: str) -> list[int]:
    return list(spark.sparkContext.statusTracker().getJobIdsForGroup(group))


# --- evaluate --------------------------------------------------------------------------------------------------


def test_200000_tickets_as_wall_times_equal_in_memory_evaluate(spark: Any, many: pa.Table, tmp_path: Path) -> None:
    # naive Parquet timestamps are TimestampNTZ in Spark: wall times in the calendar's zone, as in memory
    pq.write_table(many, tmp_path / "tickets.parquet")
    df = spark.read.parquet(str(tmp_path / "tickets.parquet"))
    assert {df.schema[e].dataType.typeName() for e in EVENTS} == {"timestamp_ntz"}
    expected = desk().evaluate(many, now=NOW, keep=["ticket"])

    got = ss.evaluate(df, desk(), now=NOW, keep=["ticket"]).toArrow()

    assert_same_result(expected, got)
    assert got.column_names == expected.column_names


def test_the_result_types_in_spark(spark: Any, many: pa.Table) -> None:
    df = spark.createDataFrame(many.slice(0, 10), schema=_ntz_ddl())
    types = {f.name: f.dataType.simpleString() for f in ss.evaluate(df, desk(), now=NOW, keep=["ticket"]).schema}
    assert types["ticket"] == "bigint"
    assert types["resolution.state"] == types["first_reply.risk"] == "string"  # no dictionaries in Spark
    assert types["resolution.due"] == types["first_reply.warn.50%"] == "timestamp"  # instants
    assert types["resolution.overdue_by"] == types["first_reply.took"] == "interval day to second"
    assert types["resolution.last_day"] == "date"
    assert types["resolution.took"] == "bigint"  # workdays
    assert types["feedback.provisional"] == "boolean"


def test_instants_are_instants_whatever_the_session_zone(spark: Any, many: pa.Table, tmp_path: Path) -> None:
    # the same tickets as aware instants (the wall times placed in Shanghai): Spark TimestampType, read in the
    # session's zone (New York) by the workers; the answers are those of the wall times in memory
    part = many.slice(0, 50_000)
    aware = part
    for e in EVENTS:
        i = aware.schema.get_field_index(e)
        aware = aware.set_column(i, e, pc.assume_timezone(aware.column(e), "Asia/Shanghai"))
    pq.write_table(aware, tmp_path / "aware.parquet")
    df = spark.read.parquet(str(tmp_path / "aware.parquet"))
    assert {df.schema[e].dataType.typeName() for e in EVENTS} == {"timestamp"}

    got = ss.evaluate(df, desk(), now=NOW, keep=["ticket"]).toArrow()

    assert_same_result(desk().evaluate(part, now=NOW, keep=["ticket"]), got)
    assert_same_result(desk().evaluate(aware, now=NOW, keep=["ticket"]), got)


def test_a_case_past_the_official_data_fails_the_job_with_the_slaclock_message(spark: Any, many: pa.Table) -> None:
    part = many.slice(0, 1_000)
    row = pa.array(np.arange(1_000) == 500)
    for e in EVENTS:  # row 500 received in 2027, nothing after
        late = np.datetime64("2027-03-01T10:00", "us") if e == "received" else None
        when = pa.scalar(late, pa.timestamp("us"))
        part = part.set_column(part.schema.get_field_index(e), e, pc.if_else(row, when, part.column(e)))
    df = spark.createDataFrame(part, schema=_ntz_ddl())
    out = ss.evaluate(df, desk(), now="2027-04-01T00:00", keep=["ticket"])  # nothing runs yet

    with pytest.raises(PythonException) as caught:
        out.toArrow()

    text = str(caught.value)
    assert "CalendarHorizonError" in text
    assert "official CN data covers 2004-01-01..2026-12-31" in text
    # which rows: the error counts within the Arrow batch a task evaluates, and said nothing of where that was
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "200")
    try:
        with pytest.raises(PythonException) as caught:
            ss.evaluate(df.coalesce(1), desk(), now="2027-04-01T00:00").toArrow()
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    assert "partition 0, rows 400..599 of it (row 0 below is row 400)" in str(caught.value)
    assert "first at index 100" in str(caught.value)


def test_bad_input_is_refused_on_the_driver_before_any_job(spark: Any, many: pa.Table) -> None:
    df = spark.createDataFrame(many.slice(0, 10), schema=_ntz_ddl())
    spark.sparkContext.setJobGroup("slaclock-driver-checks", "nothing may run here")
    try:
        with pytest.raises(InvalidInputError, match=r"pyspark\.sql\.DataFrame; got Table"):
            ss.evaluate(many, desk(), now=NOW)
        with pytest.raises(InvalidInputError, match="contract must be a slaclock Contract; got str"):
            ss.evaluate(df, "desk", now=NOW)
        for name in ("log", "key", "pauses"):
            with pytest.raises(InvalidInputError, match=f"{name}= is not taken where cases come in Spark partitions"):
                ss.evaluate(df, desk(), now=NOW, **{name: "x"})
        with pytest.raises(InvalidInputError, match=r"column 'span' of df \(interval month\) cannot reach"):
            ss.evaluate(df.withColumn("span", F.expr("interval 1 month")), desk(), now=NOW)
        with pytest.raises(sc.SlaclockError, match="received"):  # the contract checked against the schema
            ss.evaluate(df.drop("received"), desk(), now=NOW)
        with pytest.raises(sc.SlaclockError):
            ss.evaluate(df, desk(), now="not an instant")
        with pytest.raises(sc.SlaclockError, match="nope"):
            ss.evaluate(df, desk(), now=NOW, clauses=["nope"])
        for other in (F.to_date("received"), F.col("ticket")):  # a one-row table was refused, not an empty one
            with pytest.raises(InvalidInputError, match=r"column 'received' (holds dates|must hold instants)"):
                ss.evaluate(df.withColumn("received", other), desk(), now=NOW)
        # the column functions: an unknown period, a non-column, a bad n or calendar
        with pytest.raises(PeriodParseError, match="nonsense"):
            ss.deadline("received", "nonsense")
        with pytest.raises(InvalidInputError, match=r"pyspark\.sql\.Column or a column name; got int 5"):
            ss.deadline(5, "5个工作日")
        with pytest.raises(InvalidInputError, match="Column or a column name; got list"):
            ss.workdays_between(["received"], "solved")
        with pytest.raises(InvalidInputError, match="whole number of workdays"):
            ss.add_workdays("received", 1.5)
        with pytest.raises(sc.SlaclockError, match="XX"):
            ss.is_workday("received", calendar="XX")
        with pytest.raises(InvalidInputError, match="no working hours"):
            ss.working_time_between("received", "replied", calendar="CN")
        with pytest.raises(InvalidInputError, match="calendar must be"):
            ss.is_workday("received", calendar=3)
    finally:
        spark.sparkContext.setLocalProperty("spark.jobGroup.id", None)
    assert _jobs_started(spark, "slaclock-driver-checks") == []
    spark.sparkContext.setJobGroup("slaclock-control", "the tracker sees a group's jobs")
    try:
        ss.evaluate(df, desk(), now=NOW).count()
    finally:
        spark.sparkContext.setLocalProperty("spark.jobGroup.id", None)
    assert _jobs_started(spark, "slaclock-control") != []


def test_columns_named_with_a_dot_are_read_and_kept_as_in_memory(spark: Any) -> None:
    """``mapInArrow`` resolved ``fix.state`` as a field of ``fix``: an earlier result, or any dotted column, failed
    the call with pyspark's AnalysisException."""
    c = sc.Contract("desk", [sc.Clause("fix", "5个工作日", starts_on="received", met_by="solved")], events=["received"])
    t = pa.table(
        {
            "ticket": pa.array([0, 1], pa.int64()),
            "received": pa.array(np.array(["2026-10-09T09:00", "2026-11-02T10:00"], "datetime64[us]")),
            "solved": pa.array(np.array(["2026-10-12T09:00", "NaT"], "datetime64[us]")),
            "a.b": pa.array(["x", "y"]),
            "c`d": pa.array([1, 2], pa.int64()),
        }
    )
    df = spark.createDataFrame(t.to_pandas())
    first = ss.evaluate(df, c, now="2026-12-01T00:00", keep=["ticket", "received", "solved", "a.b", "c`d"])
    again = ss.evaluate(first, c, now="2026-12-01T00:00", keep=["ticket", "a.b"])  # beside the first's fix.state
    again = again.toArrow().sort_by("ticket")
    want = c.evaluate(t, now="2026-12-01T00:00", keep=["ticket", "a.b"])
    assert again.column("a.b").to_pylist() == ["x", "y"]
    assert again.column("fix.state").to_pylist() == want.column("fix.state").cast(pa.string()).to_pylist()
    assert first.toArrow().sort_by("ticket").column("c`d").to_pylist() == [1, 2]


def test_add_workdays_with_a_null_count_gives_null_and_reads_neither_its_date_nor_its_count(spark: Any) -> None:
    """A null ``n`` filled with 0 read its date (a date past the data raised where DuckDB's gives null), showed the
    0 in an error, and failed on a column of text with Arrow's own TypeError."""
    days = pa.array(np.array(["2026-09-30", "2027-03-01", "2026-10-08"], "datetime64[D]"))
    df = spark.createDataFrame(pa.table({"i": [0, 1, 2], "d": days, "n": pa.array([1, None, 2], pa.int64())}))
    got = df.select("i", ss.add_workdays("d", F.col("n")).alias("x")).toArrow().sort_by("i").column("x").to_pylist()
    assert got == [CN.add_workdays(dt.date(2026, 9, 30), 1), None, CN.add_workdays(dt.date(2026, 10, 8), 2)]
    text = spark.createDataFrame(pa.table({"d": days[:2], "n": pa.array(["1", None])}))
    with pytest.raises(PythonException, match=r"InvalidInputError: partition \d+, rows .*: n must be an integer"):
        text.select(ss.add_workdays("d", F.col("n"))).toArrow()


def test_working_time_between_names_the_argument_that_holds_dates(spark: Any) -> None:
    """Beside an instant, a date column was made a date the instant's: "a must hold timestamps" named ``a``."""
    df = spark.createDataFrame(
        pa.table({"at": pa.array([0], pa.timestamp("us", tz="UTC")), "day": [dt.date(2026, 10, 12)]})
    )
    with pytest.raises(
        PythonException,
        match=r"InvalidInputError: partition 0, .*: b must hold timestamps; got an Arrow column of date32",
    ):
        df.select(ss.working_time_between("at", "day", calendar=HOURS)).toArrow()


def test_a_zone_with_summer_time_in_far_years_reads_as_zoneinfo_does(spark: Any) -> None:
    """Arrow's own conversions (``local_timestamp``, ``assume_timezone``) dropped summer time from 2038 on."""
    ny = sc.custom_calendar("1111100", {}, first="2000-01-01", last="2199-12-31", tz="America/New_York")
    at = np.array(["2040-07-14T04:30", "2040-07-16T04:30"], "datetime64[us]")  # Saturday and Monday 00:30 in NY
    wall = np.array(["2040-07-13T16:00", "2040-07-16T00:30"], "datetime64[us]")  # Friday and Monday, NY wall times
    df = spark.createDataFrame(
        pa.table(
            {
                "i": [0, 1],
                "at": pa.array(at, pa.timestamp("us", tz="UTC")),
                "day": pa.array(np.array(["2040-07-20", "2040-07-20"], "datetime64[D]")),
                "wall": pa.array(wall, pa.timestamp("us")),
            }
        )
    )
    got = (
        df.select(
            "i",
            ss.workdays_between("at", "day", calendar=ny).alias("n"),
            ss.deadline("wall", "1个工作日", calendar=ny).alias("due"),
        )
        .toArrow()
        .sort_by("i")
    )
    assert (
        got.column("n").to_pylist()
        == ny.workdays_between(
            np.array(["2040-07-14", "2040-07-16"], "datetime64[D]"), np.datetime64("2040-07-20")
        ).tolist()
        == [4, 4]
    )
    due = sc.deadlines(wall, "1个工作日", calendar=ny).due  # NY wall times: the next workday's 24:00
    zone = zoneinfo.ZoneInfo("America/New_York")
    expected = [
        dt.datetime.fromisoformat(str(d)).replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None) for d in due
    ]
    assert [d.replace(tzinfo=None) for d in got.column("due").to_pylist()] == expected


def test_contract_unpickled_once_per_task(spark: Any, many: pa.Table, tmp_path: Path) -> None:
    # A contract whose unpickling leaves a line in a file (a class local to this test, so Spark's cloudpickle
    # ships it by value). 4 partitions of 5,000 rows in batches of 500: 10 batches a task, and one unpickle.
    tally = tmp_path / "unpickled.txt"
    base = desk()

    def loaded(data: dict[str, Any]) -> sc.Contract:
        from pyspark import TaskContext

        with open(tally, "a", encoding="utf-8") as f:
            f.write(f"{TaskContext.get().partitionId()}\n")
        return sc.Contract.from_dict(data)

    class Counted(sc.Contract):
        __slots__ = ()

        def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
            return (loaded, (self.to_dict(),))

    counted = Counted.from_dict(base.to_dict())
    assert type(counted) is Counted
    df = spark.createDataFrame(many.slice(0, 20_000), schema=_ntz_ddl()).repartition(4)
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
    try:
        got = ss.evaluate(df, counted, now=NOW, keep=["ticket"]).toArrow()
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")

    assert_same_result(base.evaluate(many.slice(0, 20_000), now=NOW, keep=["ticket"]), got)
    partitions = sorted(int(line) for line in tally.read_text(encoding="utf-8").split())
    assert partitions == [0, 1, 2, 3]  # once per task, not per batch (40) nor per row (20,000)


# --- column functions ------------------------------------------------------------------------------------------


def _ntz_ddl() -> str:
    return ", ".join(["ticket long", *(f"{e} timestamp_ntz" for e in EVENTS), "priority string", "team string"])


def _columns(n: int, seed: int) -> pa.Table:
    """Wall times and dates in 2026-01..11, nulls, the makeup Saturdays (09-20, 10-10) and National Day oversampled."""
    rng = np.random.default_rng(seed)
    t = np.datetime64("2026-01-01T00:00") + rng.integers(0, 330 * 24 * 60, n).astype("timedelta64[m]")
    hot = np.array(["2026-09-20T10:00", "2026-10-10T08:30", "2026-10-01T12:00", "2026-09-30T23:59"], "datetime64[m]")
    pick = rng.random(n) < 0.3
    t[pick] = hot[rng.integers(0, len(hot), int(pick.sum()))]
    t = t.astype("datetime64[us]")
    t[rng.random(n) < 0.1] = np.datetime64("NaT")
    u = (t + rng.integers(-20, 40, n).astype("timedelta64[D]")).astype("datetime64[D]")
    u[rng.random(n) < 0.1] = np.datetime64("NaT")
    u = np.clip(u, np.datetime64("2026-01-01"), np.datetime64("2026-12-31"))  # NaT stays NaT
    k = rng.integers(-6, 7, n)
    t2 = t + rng.integers(-3 * 24 * 60, 10 * 24 * 60, n).astype("timedelta64[m]")
    t2[rng.random(n) < 0.1] = np.datetime64("NaT")
    t2 = np.clip(t2, np.datetime64("2026-01-01T00:00"), np.datetime64("2026-12-31T00:00"))
    return pa.table(
        {
            "i": np.arange(n),
            "ts": t,
            "at": pc.assume_timezone(pa.array(t), "Asia/Shanghai"),  # the same moments, as instants
            "ts2": t2,
            "day": pa.array(t.astype("datetime64[D]")),
            "other": pa.array(u),
            "k": pa.array(k, mask=rng.random(n) < 0.05),
            "period": np.array(["5个工作日", "7日", "1个月", "3个工作日"])[rng.integers(0, 4, n)],
        }
    )


def _masked(f: Any, *xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``f`` on the rows where no input is NaT, and that mask."""
    ok = np.ones(len(xs[0]), bool)
    for x in xs:
        ok &= ~np.isnat(x)
    return f(*(x[ok] for x in xs)), ok


@pytest.fixture(scope="module")
def generated(spark: Any) -> tuple[pa.Table, pa.Table]:
    t = _columns(3_000, 11)
    ddl = "i long, ts timestamp_ntz, at timestamp, ts2 timestamp_ntz, day date, other date, k long, period string"
    df = spark.createDataFrame(t, schema=ddl)
    got = (
        df.select(
            "i",
            ss.deadline("ts", "5个工作日", calendar="CN").alias("due_ntz"),
            ss.deadline(F.col("at"), "5个工作日", calendar=CN).alias("due_aware"),
            ss.deadline("day", "5个工作日").alias("due_day"),
            ss.deadline("ts", F.col("period")).alias("due_per_row"),
            ss.is_workday("day").alias("workday"),
            ss.is_workday("at").alias("workday_at"),
            ss.add_workdays("day", 3).alias("plus3"),
            ss.add_workdays("day", F.col("k")).alias("plus_k"),
            ss.workdays_between("day", "other").alias("between"),
            ss.workdays_between("at", "other").alias("between_at"),
            ss.working_time_between("ts", "ts2", calendar=HOURS).alias("worked"),
            ss.working_time_between("at", "ts2", calendar=HOURS).alias("worked_at"),
        )
        .toArrow()
        .sort_by("i")
    )
    return t, got


def _wall(col: pa.ChunkedArray) -> np.ndarray:
    """Spark's instants as wall times in Shanghai, datetime64[us]."""
    return pc.local_timestamp(col.cast(pa.timestamp("us", tz="Asia/Shanghai"))).to_numpy()


def test_deadline_column_equals_the_numpy_path(generated: tuple[pa.Table, pa.Table]) -> None:
    t, got = generated
    ts = t.column("ts").to_numpy()
    expected = sc.deadlines(ts, "5个工作日", calendar=CN).due  # NaT for NaT
    assert got.schema.field("due_ntz").type == pa.timestamp("us", tz="UTC")  # Spark hands back instants
    np.testing.assert_array_equal(_wall(got.column("due_ntz")), expected)
    np.testing.assert_array_equal(_wall(got.column("due_aware")), expected)  # an instant read as one
    assert got.column("due_ntz").null_count == int(np.isnat(ts).sum()) > 0
    day_due = sc.deadlines(ts.astype("datetime64[D]"), "5个工作日", calendar=CN).due
    np.testing.assert_array_equal(_wall(got.column("due_day")), day_due)
    periods = t.column("period").to_numpy(zero_copy_only=False)
    np.testing.assert_array_equal(_wall(got.column("due_per_row")), sc.deadlines(ts, periods, calendar=CN).due)


def test_day_columns_equal_the_numpy_path(generated: tuple[pa.Table, pa.Table]) -> None:
    t, got = generated
    day = t.column("day").to_numpy().astype("datetime64[D]")
    other = t.column("other").to_numpy().astype("datetime64[D]")
    k = t.column("k").to_numpy(zero_copy_only=False)

    workday, ok = _masked(CN.is_workday, day)
    expected = [bool(w) if o else None for w, o in zip(_spread(workday, ok), ok, strict=True)]
    assert got.column("workday").to_pylist() == expected
    assert got.column("workday_at").equals(got.column("workday"))  # an instant's day is its day in Shanghai
    makeup = np.isin(day, np.array(["2026-09-20", "2026-10-10"], "datetime64[D]"))
    assert makeup.sum() > 0
    assert all(got.column("workday").to_numpy(zero_copy_only=False)[makeup])

    plus3, ok = _masked(lambda d: CN.add_workdays(d, 3), day)
    np.testing.assert_array_equal(got.column("plus3").to_numpy(), _spread(plus3, ok, "datetime64[D]"))

    has_k = ok & ~np.isnan(k)
    plus_k = CN.add_workdays(day[has_k], k[has_k].astype(np.int64))
    np.testing.assert_array_equal(got.column("plus_k").to_numpy(), _spread(plus_k, has_k, "datetime64[D]"))

    between, ok2 = _masked(CN.workdays_between, day, other)
    expected = [int(b) if o else None for b, o in zip(_spread(between, ok2), ok2, strict=True)]
    assert got.column("between").to_pylist() == expected
    assert got.schema.field("between").type == pa.int64()
    assert got.column("between_at").equals(got.column("between"))  # an instant beside a date: its day in Shanghai


def test_working_time_column_equals_the_numpy_path(generated: tuple[pa.Table, pa.Table]) -> None:
    t, got = generated
    a, b = t.column("ts").to_numpy(), t.column("ts2").to_numpy()
    worked, ok = _masked(HOURS.working_time_between, a, b)
    assert got.schema.field("worked").type == pa.duration("us")  # Spark's DayTimeIntervalType
    expected = np.full(len(ok), np.timedelta64("NaT"), "timedelta64[us]")
    expected[ok] = np.asarray(worked).astype("timedelta64[us]")
    np.testing.assert_array_equal(got.column("worked").to_numpy(), expected)
    assert got.column("worked_at").equals(got.column("worked"))  # the same moments as instants
    assert got.column("worked").null_count == int((~ok).sum()) > 0


def _spread(values: np.ndarray, ok: np.ndarray, dtype: str | None = None) -> np.ndarray:
    """``values`` (one per ``ok`` row) back at their rows: NaT (or 0, for other dtypes) elsewhere."""
    values = np.asarray(values)
    out = np.full(len(ok), np.datetime64("NaT"), dtype) if dtype else np.zeros(len(ok), values.dtype)
    out[ok] = values
    return out


def test_a_date_past_the_official_data_fails_the_column_job_with_the_slaclock_message(spark: Any) -> None:
    df = spark.createDataFrame(pa.table({"d": pa.array(np.array(["2026-12-30", "2027-03-01"], "datetime64[D]"))}))
    with pytest.raises(PythonException) as caught:
        df.select(ss.deadline("d", "5个工作日")).toArrow()
    assert "CalendarHorizonError" in str(caught.value)
    assert "official CN data covers 2004-01-01..2026-12-31" in str(caught.value)
    with pytest.raises(PythonException, match="CalendarHorizonError"):
        df.select(ss.is_workday("d")).toArrow()


def test_a_column_functions_error_says_which_rows_of_its_partition(spark: Any) -> None:
    # the io function counts within the Arrow batch a task hands it: the error says where that batch was
    days = np.full(1_000, np.datetime64("2026-06-01"), "datetime64[D]")
    days[500] = np.datetime64("2027-03-01")
    df = spark.createDataFrame(pa.table({"d": pa.array(days)})).coalesce(1)
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "200")
    try:
        for column in (ss.deadline("d", "5个工作日"), ss.add_workdays("d", 2), ss.workdays_between("d", "d")):
            with pytest.raises(PythonException) as caught:
                df.select(column).toArrow()
            text = str(caught.value)
            assert "CalendarHorizonError" in text
            assert "partition 0, rows 400..599 of the rows slaclock.spark." in text
            assert "(row 0 below is row 400)" in text
            assert "index 100" in text
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")


def test_a_column_that_holds_no_dates_fails_the_job_saying_so(spark: Any) -> None:
    df = spark.createDataFrame(pa.table({"s": ["2026-10-10"]}))
    with pytest.raises(PythonException, match="must hold timestamps or dates; got an Arrow column of string"):
        df.select(ss.is_workday("s")).toArrow()
