"""Spark: ``Contract.evaluate`` over a DataFrame with ``mapInArrow``, and workday column functions as Arrow UDFs.

* :func:`evaluate` runs :func:`slaclock.io.evaluate_batches` on each partition's
  Arrow batches (``DataFrame.mapInArrow``), with the result's schema declared before
  any job runs (from :func:`slaclock.io.output_schema` on the DataFrame's Arrow
  schema), so a bad contract, a missing event column or a bad option is refused on
  the driver, and Spark can plan.
* :func:`deadline`, :func:`add_workdays`, :func:`is_workday`,
  :func:`workdays_between` and :func:`working_time_between` give
  ``pyspark.sql.Column`` expressions: Arrow UDFs (``pyspark.sql.functions.arrow_udf``,
  Spark 4.1 and later) calling the :mod:`slaclock.io` column functions batch by
  batch; nulls in, nulls out.

Requires ``pyspark`` (the ``spark`` extra), imported when first called, never at
``import slaclock``. The examples need a Spark session (and so Java): see the Spark
section of docs/scale.md, whose example runs as a doctest wherever Java is.

Maintainer's notes
------------------
* Types. Spark's ``TimestampType`` is an instant: it reaches Python as an Arrow
  timestamp in the session's zone, which slaclock reads as an instant.
  ``TimestampNTZType`` is a wall time: it reaches Python as a naive Arrow timestamp,
  which slaclock reads as a wall time in the contract calendar's zone (the session's
  zone plays no part). Results: instants (dues, starts, warnings) are
  ``TimestampType``; states and risks, dictionaries in memory, are strings (Spark has
  no dictionary type and refuses one from ``mapInArrow``); durations are
  ``DayTimeIntervalType`` (Arrow ``duration[us]``, which ``mapInArrow`` carries in
  Spark 4.3, the version tested); dates are ``DateType``. Kept columns keep their Spark type.
* No pandas-UDF fallback for Spark before 4.1: a pandas UDF hands ``TimestampType``
  and ``TimestampNTZType`` over alike, as naive wall times, so it could not tell an
  instant from a wall time; the column functions refuse there, naming the version.
* Shipping. The contract, calendars, ``now`` and options are captured in the closure
  handed to ``mapInArrow`` (or to ``arrow_udf``): Spark pickles that closure once on
  the driver and each task unpickles it once, then runs every batch of its
  partition through it; nothing is pickled per row or per batch
  (``tests/engines/test_spark.py::test_contract_unpickled_once_per_task`` counts).
* Errors. Whatever the driver can check is checked before a Column or DataFrame is
  returned (periods, conventions, calendars and ``n`` by running the io function on
  an empty column; the contract against the DataFrame's schema by
  :func:`~slaclock.io.output_schema`). What only the data can tell (a date past the
  calendar's official data, an event before its start) raises in the task; Spark
  then fails the job with a ``PythonException`` whose text holds the slaclock
  error's type and message, begun with the partition and the rows of it in the batch
  (the message's own indices count within that batch).
* Projected calendars warn (``ProvisionalWarning``) in the executors, where nobody
  sees it: :func:`evaluate`'s ``<clause>.provisional`` columns carry it per row.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from slaclock import io
from slaclock._base import dataframes
from slaclock._base.show import brief
from slaclock.errors import InvalidInputError, SlaclockError

if TYPE_CHECKING:
    from slaclock._contracts.contract import Contract

__all__ = ["add_workdays", "deadline", "evaluate", "is_workday", "workdays_between", "working_time_between"]


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover - the test extra installs both
        extra = "pyspark" if name.startswith("pyspark") else "pyarrow"
        raise InvalidInputError(f"slaclock.spark needs {extra}: pip install 'slaclock[spark]'") from None


def evaluate(df: Any, contract: Contract, *, now: Any, keep: Sequence[str] = (), **options: Any) -> Any:
    """``contract.evaluate`` on every row of a Spark DataFrame, partition by partition: a DataFrame of statuses.

    A lazy ``pyspark.sql.DataFrame`` (nothing runs until an action), one row per
    input row, with the columns of :meth:`Contract.evaluate <slaclock.Contract.evaluate>`
    (``keep`` first); rows keep their partition, not a global order (keep an id).

    Parameters
    ----------
    df : pyspark.sql.DataFrame
        One row per case, one column per event the clauses read: ``TimestampType``
        (instants) or ``TimestampNTZType`` (wall times in the contract calendar's
        zone), null where the event has not happened; attribute columns a target table
        reads (``priority``); any other column is ignored unless kept.
    contract : Contract
        The contract; shipped to the executors once per task (see the module notes).
    now : datetime or ISO text
        The instant of the status; no event may be later.
    keep : sequence of str
        Input columns copied into the result, first (a ticket id, a team).
    **options
        :meth:`Contract.evaluate`'s ``clauses``, ``calendar``, ``calendars`` and
        ``ignore_pauses``. ``log=``, ``key=`` and ``pauses=`` are refused (a case's
        occurrences or pauses would be cut between partitions; :mod:`slaclock.io`
        streams them beside cases ordered by key, which a DataFrame's partitions are not).

    Returns
    -------
    pyspark.sql.DataFrame
        Instants as ``TimestampType``, states and risks as ``StringType``, durations
        as ``DayTimeIntervalType``, dates as ``DateType``, flags as ``BooleanType``;
        workday counts as ``LongType``. Column names hold dots (``resolution.state``):
        quote them in backticks in Spark expressions.

    Raises
    ------
    InvalidInputError
        ``df`` not a Spark DataFrame, ``contract`` not a Contract, ``log``/``key``/
        ``pauses`` given, a column Arrow cannot carry; and on the driver, before any
        job, whatever :meth:`Contract.evaluate` refuses of the schema (a missing event
        column, an unknown clause, a bad ``now``). Errors only the data can show
        (a date past the calendar's official data: ``CalendarHorizonError``) fail the
        Spark job, with the slaclock error's type and message in its text.

    See Also
    --------
    slaclock.io.evaluate_batches : the batch form it runs in each task.

    Examples
    --------
    Needs a Spark session (Java); runs as a doctest in docs/scale.md::

        import slaclock.spark
        report = slaclock.spark.evaluate(tickets_df, contract, now="2026-12-01T00:00", keep=["ticket"])
        report.groupBy("`resolution.state`").count().show()
    """
    import slaclock as sc

    sql = _module("pyspark.sql")
    pa = _module("pyarrow")
    if not isinstance(df, sql.DataFrame):
        raise InvalidInputError(f"df must be a pyspark.sql.DataFrame; got {type(df).__name__} {brief(df)}")
    if not isinstance(contract, sc.Contract):
        raise InvalidInputError(
            f"contract must be a slaclock Contract; got {type(contract).__name__} {brief(contract)}",
        )
    io.refuse_split_cases(options, "Spark partitions")
    keep = tuple(keep) if not isinstance(keep, str) else (keep,)
    schema_in = _arrow_schema(df)
    out = io.output_schema(contract, schema_in, now=now, keep=keep, **options)
    plain = pa.schema([pa.field(f.name, _plain_type(pa, f.type)) for f in out])
    struct = _spark_schema(plain)
    # ``mapInArrow`` resolves each input column by its name as an expression, where a dot reads a field: a column
    # named ``fix.state`` (an earlier result's, or one read from JSON) is given a plain name there, and its own back
    # in the task
    names = list(df.columns)
    renamed = {f"_slaclock_column_{i}": n for i, n in enumerate(names) if "." in n or "`" in n}
    if renamed:
        df = df.toDF(*[f"_slaclock_column_{i}" if "." in n or "`" in n else n for i, n in enumerate(names)])

    def named(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            yield pa.RecordBatch.from_arrays(batch.columns, names=[renamed.get(n, n) for n in batch.schema.names])

    def evaluate_partition(batches: Iterator[Any]) -> Iterator[Any]:
        # runs in a task: ``contract``, ``now``, ``keep``, ``options`` and ``plain`` came with this closure, once
        span = [0, 0]  # the rows of the partition before the batch being evaluated, and that batch's

        def counted(read: Iterator[Any]) -> Iterator[Any]:
            for batch in read:
                span[0] += span[1]
                span[1] = batch.num_rows
                yield batch

        read = counted(named(batches) if renamed else batches)
        try:
            for result in io.evaluate_batches(contract, read, now=now, keep=keep, **options):
                yield result if result.schema.equals(plain) else result.cast(plain)
        except SlaclockError as exc:  # its rows are the batch's: say which partition and which of its rows
            raise _in_task(exc, span[0], span[1]) from None

    return df.mapInArrow(evaluate_partition, struct)


def _in_task(exc: SlaclockError, first: int, rows: int, of: str = "it") -> SlaclockError:
    """The same error (its type and attributes kept), saying which partition and which of its rows it counted."""
    context = _module("pyspark").TaskContext.get()
    where = f"partition {context.partitionId()}, " if context is not None else ""
    told = copy.copy(exc)
    told.args = (
        f"{where}rows {first:,}..{first + rows - 1:,} of {of} (row 0 below is row {first:,}): {exc}",
        *exc.args[1:],
    )
    return told


def _arrow_schema(df: Any) -> Any:
    """The Arrow schema of the batches ``mapInArrow`` hands a task (timestamps in the session's zone)."""
    types = _module("pyspark.sql.pandas.types")
    conf = df.sparkSession.conf
    zone = conf.get("spark.sql.session.timeZone")
    large = str(conf.get("spark.sql.execution.arrow.useLargeVarTypes", "false")).lower() == "true"
    try:
        return types.to_arrow_schema(df.schema, timezone=zone, prefers_large_types=large)
    except TypeError:  # pyspark's UNSUPPORTED_DATA_TYPE_FOR_ARROW_CONVERSION: say which column
        for f in df.schema.fields:
            try:
                types.to_arrow_type(f.dataType, timezone=zone, prefers_large_types=large)
            except TypeError:
                raise InvalidInputError(
                    f"column {brief(f.name)} of df ({f.dataType.simpleString()}) cannot reach Python as Arrow: "
                    "select the columns the contract reads (and those to keep) first"
                ) from None
        raise


def _plain_type(pa: Any, t: Any) -> Any:
    """The Arrow type Spark takes back: no dictionaries (states are text), no large strings."""
    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_large_string(t):
        return pa.string()
    return t


def _spark_schema(schema: Any) -> Any:
    """The Spark ``StructType`` of an Arrow schema (naive timestamps as ``TimestampNTZType``)."""
    types = _module("pyspark.sql.pandas.types")
    spark_types = _module("pyspark.sql.types")
    fields = []
    for f in schema:
        try:
            t = types.from_arrow_type(f.type, prefer_timestamp_ntz=True)
        except Exception as exc:  # pragma: no cover - every result type of evaluate has a Spark type
            raise InvalidInputError(
                f"result column {brief(f.name)} of type {f.type} has no Spark type: {exc}"
            ) from None
        fields.append(spark_types.StructField(f.name, t, True))
    return spark_types.StructType(fields)


# --- column functions ------------------------------------------------------------------------------------------


def _column(sql: Any, x: Any, what: str) -> Any:
    """A Spark Column, or a column name made one; anything else is refused on the driver."""
    if isinstance(x, sql.Column):
        return x
    if isinstance(x, str):
        return _module("pyspark.sql.functions").col(x)
    raise InvalidInputError(f"{what} must be a pyspark.sql.Column or a column name; got {type(x).__name__} {brief(x)}")


def _udf(fn: Any, name: str, return_type: str) -> Any:
    """``fn`` (Arrow arrays in, an Arrow array out) as a scalar Arrow UDF named ``name``."""
    functions = _module("pyspark.sql.functions")
    if not hasattr(functions, "arrow_udf"):
        version = getattr(_module("pyspark"), "__version__", "?")
        raise InvalidInputError(
            f"slaclock.spark's column functions need pyspark.sql.functions.arrow_udf (Spark 4.1 or later); "
            f"this is pyspark {version}. slaclock.spark.evaluate works on Spark 3.5"
        )
    span = [0]  # the rows this function has had in the task before the batch in hand (a copy per task)

    def counted(*columns: Any) -> Any:
        first, rows = span[0], len(columns[0])
        span[0] += rows
        try:
            return fn(*columns)
        except SlaclockError as exc:  # its rows are the batch's: say which partition and which of its rows
            raise _in_task(exc, first, rows, f"the rows slaclock.spark.{name} had in it") from None

    counted.__name__ = counted.__qualname__ = name  # the name Spark shows: deadline(received)
    # Without annotations arrow_udf makes a scalar UDF (Arrow arrays in, one out); with them it would read ours,
    # postponed strings it cannot resolve, and naming the UDF type instead makes pyspark warn.
    counted.__annotations__ = {}
    return functions.arrow_udf(counted, return_type)


def _empty(pa: Any, kind: str) -> Any:
    return pa.array([], pa.timestamp("us") if kind == "t" else pa.date32())


def deadline(col: Any, period: Any, *, calendar: Any = "CN", convention: Any = None) -> Any:
    """The due instant of each start (:func:`slaclock.io.deadline`): a ``TimestampType`` Column.

    Parameters
    ----------
    col : pyspark.sql.Column or str
        The starts: ``TimestampType`` (instants), ``TimestampNTZType`` (wall times in
        the calendar's zone) or ``DateType`` (the day's midnight there); null gives null.
    period : str or Period or pyspark.sql.Column
        The period ("5个工作日", "24小时", "PT4H"), or a string Column of them, one per row.
        A period given once is read on the driver.
    calendar : WorkCalendar or str
        The calendar, or a region name.
    convention : Convention, optional
        The counting rules; default the Civil Code's.

    Returns
    -------
    pyspark.sql.Column
        ``TimestampType``: the due as an instant (Spark shows it in the session's zone).
        A ``TimestampNTZType`` start is placed in the calendar's zone first (an
        ambiguous wall time is its first occurrence, as slaclock reads one; one in a
        DST gap is refused); a date start's due, a wall time, likewise.

    Raises
    ------
    InvalidInputError, PeriodParseError
        On the driver: ``col`` not a Column or name, an unknown period, convention or
        calendar. In the job: a column that holds no instants or dates; a start past
        the calendar's official data (``CalendarHorizonError``).

    Examples
    --------
    Needs a Spark session::

        df.select(slaclock.spark.deadline("received", "5个工作日", calendar="CN").alias("due"))
    """
    sql = _module("pyspark.sql")
    pa = _module("pyarrow")
    c = _column(sql, col, "col")
    cal = io.calendar_of(calendar)
    per_row = isinstance(period, sql.Column)
    if not per_row:
        io.deadline(_empty(pa, "t"), period, calendar=cal, convention=convention)  # refused here, not in a task
    zone = cal.tz
    fixed = None if per_row else period  # the closure must not hold a Column (a JVM handle, not picklable)

    def due_of(starts: Any, periods: Any = None) -> Any:
        if pa.types.is_timestamp(starts.type) and starts.type.tz is None:
            starts = _instants(starts, zone)
        due = io.deadline(starts, fixed if periods is None else periods, calendar=cal, convention=convention)
        if due.type.tz is None:  # from dates: the due is the calendar's wall time (a midnight, a close of business)
            due = _instants(due, zone)
        return due

    udf = _udf(due_of, "deadline", "timestamp")
    return udf(c, period) if per_row else udf(c)


def _instants(wall: Any, zone: str) -> Any:
    """Naive wall times in ``zone`` as instants: an ambiguous one is its first occurrence, as slaclock reads one; one
    the clocks skip is refused (:func:`slaclock._base.dataframes.arrow_instants`: Arrow's ``assume_timezone`` drops
    summer time from 2038 on)."""
    return dataframes.arrow_instants(wall, zone)


def add_workdays(col: Any, n: Any, *, calendar: Any = "CN") -> Any:
    """Each date moved ``n`` workdays (:func:`slaclock.io.add_workdays`): a ``DateType`` Column.

    ``col`` holds dates, or timestamps (their date: for ``TimestampType``, an
    instant, the date in the calendar's zone, not the session's: use
    ``F.to_date(col)`` for the session's; for ``TimestampNTZType`` the wall date). ``n`` is a whole number,
    or a Column of them (null gives null). The start day never counts (art. 201);
    makeup workdays count.

    Examples
    --------
    Needs a Spark session::

        df.select(slaclock.spark.add_workdays("opened_on", 5, calendar="CN"))
    """
    sql = _module("pyspark.sql")
    pa = _module("pyarrow")
    c = _column(sql, col, "col")
    cal = io.calendar_of(calendar)
    per_row = isinstance(n, sql.Column)
    if not per_row:
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidInputError(f"n must be a whole number of workdays or a Column of them; got {brief(n)}")
        io.add_workdays(_empty(pa, "d"), n, calendar=cal)

    fixed = None if per_row else n  # the closure must not hold a Column (a JVM handle, not picklable)

    def moved(days: Any, ns: Any = None) -> Any:
        if ns is None:
            return io.add_workdays(days, fixed, calendar=cal)
        if not ns.null_count:
            return io.add_workdays(days, ns, calendar=cal)
        pc = _module("pyarrow.compute")  # a null n: a null date (io takes whole numbers only), its date unread
        valid = pc.is_valid(ns)
        got = io.add_workdays(pc.filter(days, valid), pc.filter(ns, valid), calendar=cal)
        return pc.replace_with_mask(pa.nulls(len(ns), got.type), valid, got)

    udf = _udf(moved, "add_workdays", "date")
    return udf(c, n) if per_row else udf(c)


def is_workday(col: Any, *, calendar: Any = "CN") -> Any:
    """Whether each date is a workday of the calendar, makeup workdays included: a ``BooleanType`` Column.

    ``col`` holds dates or timestamps (their date, as for :func:`add_workdays`); null gives null.

    Examples
    --------
    Needs a Spark session::

        df.where(slaclock.spark.is_workday("day", calendar="CN"))
    """
    sql = _module("pyspark.sql")
    c = _column(sql, col, "col")
    cal = io.calendar_of(calendar)

    def workday(days: Any) -> Any:
        return io.is_workday(days, calendar=cal)

    return _udf(workday, "is_workday", "boolean")(c)


def workdays_between(a: Any, b: Any, *, calendar: Any = "CN") -> Any:
    """Workdays in ``[a, b)`` for each row (negative when ``b`` is first): a ``LongType`` Column, null for null.

    ``a`` and ``b`` hold dates or timestamps (their date, as for :func:`add_workdays`).

    Examples
    --------
    Needs a Spark session::

        df.select(slaclock.spark.workdays_between("received", "solved", calendar="CN"))
    """
    sql = _module("pyspark.sql")
    ca, cb = _column(sql, a, "a"), _column(sql, b, "b")
    cal = io.calendar_of(calendar)

    def count(xs: Any, ys: Any) -> Any:
        return io.workdays_between(*_alike(xs, ys, cal.tz), calendar=cal)

    return _udf(count, "workdays_between", "long")(ca, cb)


def working_time_between(a: Any, b: Any, *, calendar: Any) -> Any:
    """Working time from ``a`` to ``b`` on the calendar's hours: a ``DayTimeIntervalType`` Column, null for null.

    ``a`` and ``b`` hold timestamps (``TimestampType`` instants, or ``TimestampNTZType``
    wall times in the calendar's zone); negative when ``b`` is first. The calendar
    must have working hours (``sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")``).

    Examples
    --------
    Needs a Spark session::

        cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
        df.select(slaclock.spark.working_time_between("received", "replied", calendar=cal))
    """
    sql = _module("pyspark.sql")
    pa = _module("pyarrow")
    ca, cb = _column(sql, a, "a"), _column(sql, b, "b")
    cal = io.calendar_of(calendar)
    empty = _empty(pa, "t")
    io.working_time_between(empty, empty, calendar=cal)  # a calendar without hours is refused here, not in a task

    def worked(xs: Any, ys: Any) -> Any:
        for x, what in ((xs, "a"), (ys, "b")):  # checked as given: beside an instant, _alike makes it a date too
            io._column(pa, x, what, "t")
        return io.working_time_between(*_alike(xs, ys, cal.tz), calendar=cal)

    return _udf(worked, "working_time_between", "interval day to second")(ca, cb)


def _alike(xs: Any, ys: Any, zone: str) -> tuple[Any, Any]:
    """Two columns of one kind: Spark mixes instants (``TimestampType``) with wall times and dates freely.

    Beside an instant, a naive timestamp (``TimestampNTZType``) is its wall time in the calendar's zone, and a date
    column makes the instant's date in that zone; otherwise the columns are left as they are.
    """
    pa = _module("pyarrow")

    def aware(x: Any) -> bool:
        return bool(pa.types.is_timestamp(x.type) and x.type.tz is not None)

    if aware(xs) == aware(ys):
        return xs, ys
    instant, other = (xs, ys) if aware(xs) else (ys, xs)
    if pa.types.is_timestamp(other.type):
        other = _instants(other, zone)
    elif pa.types.is_date(other.type):
        instant = dataframes.arrow_array(dataframes.wall_times(instant, "pyarrow", zone).astype("datetime64[D]"))
    return (instant, other) if aware(xs) else (other, instant)
