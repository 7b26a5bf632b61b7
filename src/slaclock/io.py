"""Evaluate tickets where they are: Arrow record batches in and out, and files of any size in bounded memory.

The engine-neutral core of the data engines (Spark's ``mapInArrow``, Dask's
``map_partitions``, DuckDB's Arrow functions all hand over Arrow batches):

* :func:`output_schema` gives the schema of :meth:`Contract.evaluate
  <slaclock.Contract.evaluate>`'s result for an input schema, before any data
  (it evaluates an empty table of that schema), so an engine can plan;
* :func:`evaluate_batches` turns an iterable of ``pyarrow.RecordBatch`` into an
  iterator of result batches of that schema, one for one: memory is bounded by a
  batch, whatever the number of batches;
* :func:`evaluate_file` streams a Parquet or CSV file through it into a Parquet or
  CSV file, with a progress callback, in memory bounded by the batch (measured:
  232 MiB peak for the process at 10,000,000 rows, as at 1,000,000);
* :func:`deadline`, :func:`add_workdays`, :func:`is_workday`, :func:`workdays_between`
  and :func:`working_time_between` are the column functions on Arrow arrays (or
  chunked arrays) that SQL and dataframe engines call: an Arrow array in, one of the
  same kind out, a null row for a null row.

Each batch is a table of cases of its own (one row per case, one column per event,
attribute columns), so a batch answer is the in-memory answer for its rows.
Requires ``pyarrow`` (the ``pyarrow`` extra), imported when first called.

A log of events (the occurrences of recurring clauses) and pauses are streamed
beside the cases, in the cases' order (:func:`evaluate_batches`). The Spark, Dask
and DuckDB adapters build on this module; the polars namespace
(:mod:`slaclock.polars`) maps a column's batches directly.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from slaclock._base.show import brief, path_text
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.contract import Contract
    from slaclock._periods.convention import Convention

__all__ = [
    "add_workdays",
    "deadline",
    "evaluate_batches",
    "evaluate_file",
    "is_workday",
    "output_schema",
    "workdays_between",
    "working_time_between",
]

FileKind = Literal["parquet", "csv"]


def _pyarrow(module: str = "pyarrow") -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:  # pragma: no cover - the test extra installs it
        raise InvalidInputError("slaclock.io needs pyarrow: pip install 'slaclock[pyarrow]'") from None


def output_schema(
    contract: Contract,
    schema: Any,
    *,
    now: Any,
    log: Any = None,
    key: str | None = None,
    pauses: Any = None,
    **options: Any,
) -> Any:
    """The ``pyarrow.Schema`` of ``contract.evaluate`` on batches of ``schema``, known before any data.

    ``options`` are :meth:`Contract.evaluate`'s (``clauses``, ``calendar``, ``calendars``,
    ``keep``, ``ignore_pauses``). With a log of events or pauses, ``log`` and
    ``pauses`` are their schemas (and ``key`` as for ``evaluate``).

    Examples
    --------
    >>> import pyarrow as pa, slaclock as sc
    >>> from slaclock.io import output_schema
    >>> c = sc.Contract("desk", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
    ...                 events=["received"])
    >>> s = output_schema(c, pa.schema([("received", pa.timestamp("us")), ("acknowledged", pa.timestamp("us"))]),
    ...                   now="2026-10-09T12:00")
    >>> s.names
    ['ack.state', 'ack.due', 'ack.last_day', 'ack.overdue_by', 'ack.provisional', 'ack.start', 'ack.took']
    >>> str(s.field("ack.due").type)
    'timestamp[us, tz=Asia/Shanghai]'
    """
    pa = _pyarrow()
    for what, value in (("schema", schema), ("log", log), ("pauses", pauses)):
        if (value is not None or what == "schema") and not isinstance(value, pa.Schema):
            raise InvalidInputError(f"{what} must be a pyarrow.Schema; got {type(value).__name__} {brief(value)}")
    if log is not None:
        options.update(log=log.empty_table(), key=key)
    if pauses is not None:
        options.update(pauses=pauses.empty_table())
    return contract.evaluate(schema.empty_table(), now=now, **options).schema


def evaluate_batches(
    contract: Contract,
    batches: Iterable[Any],
    *,
    now: Any,
    log: Any = None,
    key: str | None = None,
    pauses: Any = None,
    **options: Any,
) -> Iterator[Any]:
    """``contract.evaluate`` batch by batch: one result ``pyarrow.RecordBatch`` per input batch, in order.

    Every result batch has the schema :func:`output_schema` gives for the first
    batch's schema (a later batch of another schema is refused); memory is bounded
    by a batch and its result. ``options`` are :meth:`Contract.evaluate`'s.

    A log of events (``log=``, the events of recurring clauses) and ``pauses=`` are
    streamed beside the cases, so each may be a ``pyarrow.Table``, a
    ``RecordBatchReader`` or any iterable of record batches, read as far as the
    current batch of cases needs:

    * a log with ``key=``: the cases in increasing order of their key (each key
      once) and the log in the same order (a log row whose key is no case is refused,
      as in memory);
    * a log with a ``row`` column, and ``pauses`` (always by ``row``): positions in
      the whole stream of cases, from 0, in increasing order.

    A stream out of order is refused when it is met, saying what to sort by.

    Examples
    --------
    >>> import pyarrow as pa, slaclock as sc
    >>> from slaclock.io import evaluate_batches
    >>> c = sc.Contract("desk", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
    ...                 events=["received"])
    >>> t = pa.table({"received": pa.array([None, None], pa.timestamp("us")).cast(pa.timestamp("us")),
    ...               "acknowledged": pa.array([None, None], pa.timestamp("us"))})
    >>> [b.num_rows for b in evaluate_batches(c, t.to_batches(max_chunksize=1), now="2026-10-09T12:00")]
    [1, 1]
    """
    pa = _pyarrow()
    if key is not None and (not isinstance(key, str) or log is None):
        raise InvalidInputError(
            f"key names the column that identifies a case in both the cases and the log; got {brief(key)}"
            + ("" if log is not None else " without a log")
        )
    events = None if log is None else _Side(pa, "log", log, key or "row")
    stops = None if pauses is None else _Side(pa, "pauses", pauses, "row")
    schema = None
    out_schema = None
    offset = 0
    last_key: Any = None
    for i, batch in enumerate(_batches(pa, batches, "batches")):
        if schema is None:
            schema = batch.schema
            sides = {"log": events, "pauses": stops}
            schemas = {what: side.schema for what, side in sides.items() if side is not None}
            out_schema = output_schema(contract, schema, now=now, key=key, **schemas, **options)
        elif not batch.schema.equals(schema):
            raise InvalidInputError(
                f"batch {i} has another schema than batch 0; every batch of a stream has one schema"
            )
        more: dict[str, Any] = {}
        if events is not None:
            if key is None:
                more["log"] = events.upto(offset + batch.num_rows - 1, shift=offset)
            else:
                last_key = _check_keys(pa, batch, key, last_key, i)
                more["key"] = key
                more["log"] = events.upto(last_key) if batch.num_rows else events.schema.empty_table()
        if stops is not None:
            more["pauses"] = stops.upto(offset + batch.num_rows - 1, shift=offset)
        result = contract.evaluate(pa.Table.from_batches([batch]), now=now, **options, **more)
        offset += batch.num_rows
        table = result.cast(out_schema) if not result.schema.equals(out_schema) else result
        yield from table.combine_chunks().to_batches() or [pa.RecordBatch.from_pylist([], schema=out_schema)]
    for side in (events, stops):
        if side is not None:
            side.finish(last_key if key is not None and side is events else offset - 1)


def _batches(pa: Any, source: Any, what: str) -> Iterator[Any]:
    """The record batches of a Table, a RecordBatchReader or an iterable of RecordBatches."""
    if isinstance(source, pa.Table):
        source = source.to_batches()
    elif isinstance(source, pa.RecordBatch):
        source = [source]
    elif isinstance(source, str | bytes | dict) or not isinstance(source, Iterable):
        raise InvalidInputError(
            f"{what} must be a pyarrow Table, a RecordBatchReader or an iterable of RecordBatches; "
            f"got {type(source).__name__} {brief(source)}"
        )
    for i, batch in enumerate(source):
        if not isinstance(batch, pa.RecordBatch):
            raise InvalidInputError(
                f"{what} must be pyarrow.RecordBatch objects; batch {i} is {type(batch).__name__} {brief(batch)}"
            )
        yield batch


def _check_keys(pa: Any, batch: Any, key: str, last: Any, i: int) -> Any:
    """The batch's last key, after checking its keys increase (from the previous batch's last)."""
    if key not in batch.schema.names:
        raise InvalidInputError(f"key {brief(key)} is not a column of the cases; it names each case")
    col = batch.column(key)
    if batch.num_rows == 0:
        return last
    if col.null_count:
        raise InvalidInputError(f"key {brief(key)}: {col.null_count:,} cases of batch {i} have none; each case has one")
    try:
        rising = _in_order(col, last, strict=True)
    except (pa.ArrowNotImplementedError, TypeError):
        raise InvalidInputError(f"key {brief(key)} must hold values of one kind (text or numbers)") from None
    if not rising:
        raise InvalidInputError(
            f"batch {i}: the cases are not in increasing order of {brief(key)} (each key once); a log is streamed "
            f"beside them in that order: sort both by {brief(key)} (ORDER BY), or evaluate in memory"
        )
    return col[batch.num_rows - 1].as_py()


def _in_order(col: Any, last: Any, *, strict: bool) -> bool:
    """Whether a batch's column rises (``strict``: each value above the one before; else never falls), from above
    ``last`` (at or above it, unless ``strict``), the previous batch's last value (None for the first batch).

    Values of two kinds raise pyarrow's ArrowNotImplementedError or a TypeError, for the caller to word.
    """
    pc = _pyarrow("pyarrow.compute")
    n = len(col)
    if n == 0:
        return True
    step = pc.greater if strict else pc.greater_equal
    if n > 1 and not pc.all(step(col.slice(1), col.slice(0, n - 1))).as_py():
        return False
    first = col[0].as_py()
    return last is None or (first > last if strict else first >= last)


class _Side:
    """A log or a pauses table streamed beside the cases, both in the order of their case column (``by``)."""

    def __init__(self, pa: Any, what: str, source: Any, by: str) -> None:
        self.pa, self.what, self.by = pa, what, by
        known = isinstance(source, pa.RecordBatchReader | pa.Table | _Stream)
        if known:
            self.schema = source.schema
        self._stream = _batches(pa, source, what)
        self._held: list[Any] = []
        self._last: Any = None
        self._rows = 0
        if not known:
            first = next(self._stream, None)
            if first is None:
                raise InvalidInputError(f"{what}: an empty iterable has no schema; give an empty pyarrow Table instead")
            self.schema = first.schema
            self._held.append(self._checked(first))
        if by not in self.schema.names:
            raise InvalidInputError(
                f"{what} needs a column {brief(by)} (the case of each row, in the cases' order); "
                f"got {', '.join(brief(n) for n in self.schema.names)}"
            )

    def _checked(self, batch: Any) -> Any:
        if not batch.schema.equals(self.schema):
            raise InvalidInputError(f"{self.what}: a batch has another schema than the first; a stream has one schema")
        col = batch.column(self.by)
        n = batch.num_rows
        if n and col.null_count:
            raise InvalidInputError(f"{self.what}: {col.null_count:,} rows have no {brief(self.by)}")
        try:
            ordered = _in_order(col, self._last, strict=False)
        except (self.pa.ArrowNotImplementedError, TypeError):
            raise InvalidInputError(f"{self.what}: {brief(self.by)} must hold values of one kind") from None
        if not ordered:
            raise InvalidInputError(
                f"{self.what} (rows {self._rows:,}..{self._rows + n - 1:,}) is not in increasing order of "
                f"{brief(self.by)}: it is streamed beside the cases, so sort it as they are (ORDER BY "
                f"{self.by}), or evaluate in memory"
            )
        if n:
            self._last = col[n - 1].as_py()
        self._rows += n
        return batch

    def _next(self) -> Any:
        if self._held:
            return self._held.pop(0)
        batch = next(self._stream, None)
        return None if batch is None else self._checked(batch)

    def upto(self, bound: Any, *, shift: int = 0) -> Any:
        """The rows whose case is at most ``bound`` (read on as far as needed), ``row`` less ``shift``."""
        pc = _pyarrow("pyarrow.compute")
        taken = []
        while (batch := self._next()) is not None:
            try:
                k = int(pc.sum(pc.less_equal(batch.column(self.by), bound)).as_py() or 0)  # a prefix: it is sorted
            except (self.pa.ArrowNotImplementedError, self.pa.ArrowInvalid, TypeError):
                raise InvalidInputError(
                    f"{self.what}: its {brief(self.by)} holds {batch.schema.field(self.by).type} and the cases' "
                    f"{type(bound).__name__} values ({brief(bound)}): one kind of key for both"
                ) from None
            if k < batch.num_rows:
                taken.append(batch.slice(0, k))
                self._held.insert(0, batch.slice(k))
                break
            taken.append(batch)
        table = self.pa.Table.from_batches(taken, schema=self.schema)
        if shift and table.num_rows:
            i = table.schema.get_field_index(self.by)
            col = pc.subtract(table.column(i), self.pa.scalar(shift, table.schema.field(i).type))
            table = table.set_column(i, self.by, col)
        return table

    def finish(self, bound: Any) -> None:
        """Refuse rows left after the last case: they belong to no case."""
        rest = self._next()
        while rest is not None and rest.num_rows == 0:
            rest = self._next()
        if rest is not None:
            raise InvalidInputError(
                f"{self.what}: rows after the last case ({brief(self.by)} {brief(rest.column(self.by)[0].as_py())}, "
                f"past {brief(bound)}); every row belongs to a case of the stream"
            )


def evaluate_file(
    contract: Contract,
    source: str | os.PathLike[str],
    *,
    out: str | os.PathLike[str],
    now: Any,
    batch_size: int = 65_536,
    keep: Sequence[str] = (),
    progress: Callable[[int, int | None], None] | None = None,
    log: str | os.PathLike[str] | None = None,
    key: str | None = None,
    pauses: str | os.PathLike[str] | None = None,
    **options: Any,
) -> Path:
    """Evaluate a Parquet or CSV file of cases into a Parquet or CSV file, ``batch_size`` rows at a time.

    The kinds are read from the suffixes (``.parquet``/``.pq``, ``.csv``). One batch
    and its result are held at a time: a Parquet source is read row group by row
    group without Arrow's read-ahead, a CSV source block by block, and each result
    batch is written as its own row group, so memory does not grow with the file.
    ``keep`` copies input columns (a ticket id, team) into the result, first.
    ``progress(rows_done, rows_total)`` is called after each batch (``rows_total`` is
    None when the source cannot tell it without reading it, as for CSV). Returns the
    path written. A CSV result writes states as their text and durations
    (``overdue_by``, the ``took`` of timed clauses) in seconds.

    ``log`` (a file of events: ``key`` or ``row``, ``event``, ``at``) and ``pauses`` (a
    file of pauses by ``row``) are read beside the cases as far as each batch needs,
    so they must be in the cases' order (see :func:`evaluate_batches`); a file out of
    order is refused where it is met.

    Raises
    ------
    InvalidInputError
        An unknown suffix, a missing file, ``out`` that is a file read, ``batch_size``
        not a positive whole number, a log or pauses out of the cases' order, a file
        or a part of one Arrow cannot read (an empty CSV file, a row of another
        width, a cell of another type than its column's: the message names the file
        and gives Arrow's reason); whatever :meth:`Contract.evaluate` refuses of the
        arguments (``now``, ``keep``), before any row; and whatever it raises for a
        batch (the message says which rows of the file).

    A CSV file's column types are fixed from its first block, so that a column
    blank there or typed too narrowly there reads the rest (see ``_csv_types``):
    events as instants, attributes the contract compares as text as text.
    """
    pa = _pyarrow()

    paths = {"source": source, "out": out, "log": log, "pauses": pauses}
    for what, value in paths.items():
        if value is not None and not isinstance(value, str | os.PathLike):
            raise InvalidInputError(f"{what} must be a path; got {type(value).__name__} {brief(value)}")
    src, dst = Path(source), Path(out)
    kind_in, kind_out = _kind(src, "source"), _kind(dst, "out")
    sides = {what: Path(value) for what, value in paths.items() if what in ("log", "pauses") and value is not None}
    for what, path in {"source": src, **sides}.items():
        _kind(path, what)
        if not path.is_file():
            raise InvalidInputError(f"{what} {brief(str(path))} is not a file")
    if type(batch_size) is not int or batch_size < 1:
        raise InvalidInputError(f"batch_size must be a positive whole number of rows; got {brief(batch_size)}")
    if progress is not None and not callable(progress):
        raise InvalidInputError(f"progress must be a function of (rows_done, rows_total); got {brief(progress)}")
    for what, path in {"source": src, **sides}.items():
        if dst.exists() and dst.samefile(path):
            raise InvalidInputError(f"out {brief(str(dst))} is the {what}: writing it would overwrite what is read")
    times = {"source": set(contract.event_names), "log": {"at"}, "pauses": {"paused_at", "resumed_at"}}
    batches, schema_in, total = _reader(src, kind_in, batch_size, "source", times["source"], _typed(contract))
    streams = {what: _reader(path, _kind(path, what), batch_size, what, times[what]) for what, path in sides.items()}
    side_options = {what: _Stream(*streams[what][:2]) for what in streams}
    schemas = {what: stream[1] for what, stream in streams.items()}
    # the arguments checked once, before any rows (now, keep, clauses...): their errors are no batch's
    schema_out = output_schema(contract, schema_in, now=now, keep=keep, key=key, **schemas, **options)
    done, size = 0, 0

    def counted() -> Iterator[Any]:
        nonlocal size
        for batch in batches:
            if batch.num_rows:
                size = batch.num_rows
                yield batch
        size = 0

    writer: Any = None
    results = evaluate_batches(contract, counted(), now=now, keep=keep, key=key, **side_options, **options)
    try:
        while True:
            try:
                result = next(results, None)
            except InvalidInputError as exc:
                if not size or getattr(exc, "unreadable", False):  # after the last batch (the log or pauses had
                    raise  # rows left), or a part of a file Arrow cannot read, which names it
                raise InvalidInputError(f"rows {done:,}..{done + size - 1:,} of {src.name}: {exc}") from None
            if result is None:
                break
            if writer is None:
                writer = _writer(pa, kind_out, dst, result.schema)
            writer.write_batch(result)
            done += result.num_rows
            if progress is not None:
                progress(done, total)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:  # an empty source: an empty result with the schema of its columns
        _writer(pa, kind_out, dst, schema_out).close()
    return dst


class _Stream:
    """A file's batches with their schema known before the first (an iterable :class:`_Side` can read it from)."""

    def __init__(self, batches: Iterator[Any], schema: Any) -> None:
        self.batches, self.schema = batches, schema

    def __iter__(self) -> Iterator[Any]:
        return self.batches


def _reader(
    src: Path,
    kind: FileKind,
    batch_size: int,
    what: str,
    times: AbstractSet[str] = frozenset(),
    typed: Mapping[str, type] | None = None,
) -> tuple[Iterator[Any], Any, int | None]:
    """The source's batches, its schema and its number of rows (None for CSV), read one batch at a time; a file
    Arrow cannot read is refused naming it (``what``), where it is met.

    Parquet is read row group by row group without threads or pre-buffering (Arrow's defaults read ahead and hold
    more of the file the longer it is); CSV in blocks of about ``batch_size`` rows, with the types of its columns
    fixed from its first block as :func:`_csv_types` says (``times``: the columns of instants; ``typed``: the
    attributes a contract compares, by the type of its values).
    """
    pa = _pyarrow()
    try:
        if kind == "parquet":
            pf = _pyarrow("pyarrow.parquet").ParquetFile(src, pre_buffer=False)
            batches = pf.iter_batches(batch_size=batch_size, use_threads=False)
            _one_of_each(pf.schema_arrow.names, what, src)
            return _named(pa, batches, what, src), pf.schema_arrow, pf.metadata.num_rows
        pcsv = _pyarrow("pyarrow.csv")
        block = max(1 << 20, min(batch_size * 128, 1 << 28))
        read = pcsv.ReadOptions(block_size=block, use_threads=False)
        reader = pcsv.open_csv(src, read_options=read)  # typed by the first block alone
        _one_of_each(reader.schema.names, what, src)
        types = _csv_types(pa, reader.schema, times, typed or {})
        if types:
            reader.close()
            convert = pcsv.ConvertOptions(column_types=types)
            reader = pcsv.open_csv(src, read_options=read, convert_options=convert)
    except pa.ArrowException as exc:
        raise _unreadable(exc, what, src) from None
    return _named(pa, iter(reader), what, src), reader.schema, None


def _one_of_each(names: Sequence[str], what: str, src: Path) -> None:
    """Refuse a file with two columns of one name: which of them is the event or the attribute?"""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InvalidInputError(f"{what} {path_text(src)} has two columns named {brief(name)}: rename one")
        seen.add(name)


def _csv_types(pa: Any, schema: Any, times: AbstractSet[str], typed: Mapping[str, type]) -> dict[str, Any]:
    """The types a CSV file's columns are read as, where the first block's would fail or mislead further on.

    Arrow infers each column's type from the first block, then converts every later block to it: a column blank
    there (an event few cases reach) is null, and its first value refused; a column of whole seconds refuses a
    later fraction of one; and text of digits is read as numbers (an attribute "01" becomes 1, which no target
    row of "01" matches). So:

    - instants (``times``, and any other column of timestamps) are read in µs at least (ns stays ns), keeping
      their zone; an event blank in the first block is read as the other events are, with a zone if one has one;
    - an attribute whose target rows all compare text is read as text; one they compare as whole numbers is
      Arrow's own type, whole numbers if blank in the first block (a later "high" then matches no row of numbers
      as it did, where whole numbers throughout would refuse the file);
    - any other column blank in the first block is text.

    Cells are missing as Arrow reads them (an empty cell, and words such as "NA" in a column of numbers only)."""
    zones = [f.type.tz for f in schema if f.name in times and pa.types.is_timestamp(f.type) and f.type.tz]
    out: dict[str, Any] = {}
    for field in schema:
        name, t = field.name, field.type
        if pa.types.is_timestamp(t):
            out[name] = pa.timestamp("ns" if t.unit == "ns" else "us", tz=t.tz)
        elif name in times and pa.types.is_null(t):
            out[name] = pa.timestamp("us", tz=zones[0] if zones else None)
        elif name in typed and typed[name] is str:
            out[name] = pa.string()
        elif pa.types.is_null(t):
            out[name] = pa.int64() if name in typed else pa.string()
    return {name: t for name, t in out.items() if not t.equals(schema.field(name).type)}


def _typed(contract: Contract) -> dict[str, type]:
    """The attributes the contract's target rows compare, each with the one type of all their values (str or int);
    an attribute compared with both is left out (a CSV file cannot say which a cell is)."""
    kinds: dict[str, set[type]] = {}
    for clause in contract.clauses:
        for row in () if clause.targets is None else clause.targets.rows:
            for name, values in row.when:
                kinds.setdefault(name, set()).update(str if isinstance(v, str) else int for v in values)
    return {name: next(iter(k)) for name, k in kinds.items() if len(k) == 1}


def _named(pa: Any, batches: Iterator[Any], what: str, src: Path) -> Iterator[Any]:
    """``batches``, with Arrow's error for a part of the file it cannot read refused naming the file."""
    try:
        yield from batches
    except pa.ArrowException as exc:
        raise _unreadable(exc, what, src) from None


def _unreadable(exc: Exception, what: str, src: Path) -> InvalidInputError:
    reason = str(exc).strip().partition("\n")[0]
    reason = reason if len(reason) <= 300 else reason[:300] + "..."
    error = InvalidInputError(f"{what} {path_text(src)} cannot be read: {reason}")
    error.unreadable = True  # type: ignore[attr-defined]
    return error


def _kind(path: Path, what: str) -> FileKind:
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix == ".csv":
        return "csv"
    raise InvalidInputError(f"{what} {brief(str(path))}: the kind is read from the suffix: .parquet, .pq or .csv")


def _writer(pa: Any, kind: FileKind, path: Path, schema: Any) -> Any:
    if kind == "parquet":
        return _ParquetWriter(_pyarrow("pyarrow.parquet").ParquetWriter(path, schema))
    plain = pa.schema(
        [
            pa.field(f.name, pa.string())
            if pa.types.is_dictionary(f.type)
            else (pa.field(f.name, pa.float64()) if pa.types.is_duration(f.type) else f)
            for f in schema
        ]
    )
    return _CsvWriter(_pyarrow("pyarrow.csv").CSVWriter(path, plain), plain)


class _ParquetWriter:
    """One row group per batch: the writer's own default buffers a million rows before it writes any."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def write_batch(self, batch: Any) -> None:
        self.writer.write_batch(batch, row_group_size=max(batch.num_rows, 1))

    def close(self) -> None:
        self.writer.close()


class _CsvWriter:
    """CSV holds neither dictionaries nor durations: states (and risks) as their text, durations in seconds."""

    def __init__(self, writer: Any, schema: Any) -> None:
        self.writer, self.schema = writer, schema

    def write_batch(self, batch: Any) -> None:
        pa = _pyarrow()
        pc = _pyarrow("pyarrow.compute")
        columns = []
        for col, field in zip(batch.columns, self.schema, strict=True):
            if pa.types.is_duration(col.type):
                col = pc.divide(col.cast(pa.int64()).cast(pa.float64()), 1e6)
            elif col.type != field.type:
                col = col.cast(field.type)
            columns.append(col)
        self.writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=self.schema))

    def close(self) -> None:
        self.writer.close()


# --- column functions on Arrow arrays ------------------------------------------------------------------------------


def calendar_of(calendar: Any) -> WorkCalendar:
    """A :class:`~slaclock.WorkCalendar` as given, or the one a region name ("CN", "HK", ...) names."""
    import slaclock as sc

    if isinstance(calendar, sc.WorkCalendar):
        return calendar
    if isinstance(calendar, str):
        return sc.calendar(calendar)
    raise InvalidInputError(f"calendar must be a WorkCalendar or a region name such as 'CN'; got {brief(calendar)}")


def _column(pa: Any, x: Any, what: str, kinds: str) -> Any:
    """``x`` if it is an Arrow array or chunked array of one of ``kinds`` ("t": timestamps, "d": dates)."""
    if not isinstance(x, pa.Array | pa.ChunkedArray):
        raise InvalidInputError(f"{what} must be a pyarrow Array or ChunkedArray; got {type(x).__name__} {brief(x)}")
    t = x.type
    if ("t" in kinds and pa.types.is_timestamp(t)) or ("d" in kinds and pa.types.is_date(t)):
        return x
    valid = " or ".join(k for k, on in (("timestamps", "t" in kinds), ("dates", "d" in kinds)) if on)
    raise InvalidInputError(f"{what} must hold {valid}; got an Arrow column of {t}")


def deadline(starts: Any, period: Any, *, calendar: Any = "CN", convention: Convention | None = None) -> Any:
    """The due instant of each start (:func:`slaclock.deadlines`' ``due``), an Arrow column of the starts' own type.

    Naive timestamps are wall times in the calendar's zone, aware ones instants (the
    due comes back in their zone); dates start at their midnight. A per-row ``period``
    may be an Arrow string column. Past the official data: ``CalendarHorizonError``
    (or, on a projected calendar, a ``ProvisionalWarning``).

    Examples
    --------
    >>> import numpy as np, pyarrow as pa
    >>> from slaclock import io
    >>> starts = pa.array(np.array(["2026-09-30T10:00", None], "datetime64[ms]"))
    >>> due = io.deadline(starts, "5个工作日", calendar="CN")
    >>> due.type, due.to_pylist()
    (TimestampType(timestamp[ms]), [datetime.datetime(2026, 10, 14, 0, 0), None])
    """
    import slaclock as sc

    pa = _pyarrow()
    starts = _column(pa, starts, "starts", "td")
    if isinstance(period, pa.Array | pa.ChunkedArray):
        period = period.to_numpy(zero_copy_only=False)
    cal = calendar_of(calendar)
    t = starts.type
    if isinstance(starts, pa.Array) and pa.types.is_timestamp(t) and t.tz is None:  # the common case, in numpy
        wall = starts.to_numpy(zero_copy_only=False)  # nulls read as NaT, which give NaT
        due_np = sc.deadlines(wall, period, calendar=cal, convention=convention).due
        return pa.array(due_np.astype(f"datetime64[{t.unit}]", copy=False), type=t, from_pandas=True)
    due = sc.deadlines(starts, period, calendar=cal, convention=convention).due
    return due.cast(starts.type) if pa.types.is_timestamp(starts.type) and due.type != starts.type else due


def is_workday(days: Any, *, calendar: Any = "CN") -> Any:
    """Whether each date (or the date of each timestamp) is a workday, makeup workdays included; null for null.

    Examples
    --------
    >>> import numpy as np, pyarrow as pa
    >>> from slaclock import io
    >>> io.is_workday(pa.array(np.array(["2026-10-10", "2026-10-11", "NaT"], "datetime64[D]"))).to_pylist()
    [True, False, None]
    """
    pa = _pyarrow()
    pc = _pyarrow("pyarrow.compute")
    days = _column(pa, days, "days", "td")
    answer = calendar_of(calendar).is_workday(days)
    return pc.if_else(pc.is_valid(days), answer, None) if days.null_count else answer


def add_workdays(days: Any, n: Any, *, calendar: Any = "CN") -> Any:
    """Each date (or timestamp's date) moved ``n`` workdays (a whole number, or an Arrow column of them); dates out.

    Examples
    --------
    >>> import numpy as np, pyarrow as pa
    >>> from slaclock import io
    >>> io.add_workdays(pa.array(np.array(["2026-09-30", "NaT"], "datetime64[D]")), 1).to_pylist()
    [datetime.date(2026, 10, 8), None]
    """
    pa = _pyarrow()
    return calendar_of(calendar).add_workdays(_column(pa, days, "days", "td"), n)


def workdays_between(a: Any, b: Any, *, calendar: Any = "CN") -> Any:
    """Workdays in ``[a, b)`` for each row (negative when ``b`` is before ``a``), int64; null where either is null.

    Examples
    --------
    >>> import numpy as np, pyarrow as pa
    >>> from slaclock import io
    >>> a = pa.array(np.array(["2026-09-30", "2026-10-01", "NaT"], "datetime64[D]"))
    >>> b = pa.array(np.array(["2026-10-12", "NaT", "2026-10-01"], "datetime64[D]"))
    >>> io.workdays_between(a, b).to_pylist()
    [4, None, None]
    """
    pa = _pyarrow()
    pc = _pyarrow("pyarrow.compute")
    a, b = _column(pa, a, "a", "td"), _column(pa, b, "b", "td")
    if len(a) != len(b):
        raise InvalidInputError(f"a and b must be of one length; got {len(a):,} and {len(b):,}")
    chunked = isinstance(a, pa.ChunkedArray) or isinstance(b, pa.ChunkedArray)
    a, b = (x.combine_chunks() if isinstance(x, pa.ChunkedArray) else x for x in (a, b))
    valid = pc.and_(pc.is_valid(a), pc.is_valid(b))
    cal = calendar_of(calendar)
    counts = cal.workdays_between(a.filter(valid), b.filter(valid))
    out = np.zeros(len(a), dtype=np.int64)
    keep = valid.to_numpy(zero_copy_only=False)
    out[keep] = np.asarray(counts)
    result = pa.array(out, mask=~keep)
    return pa.chunked_array([result]) if chunked else result


def working_time_between(a: Any, b: Any, *, calendar: Any = "CN") -> Any:
    """Working time from ``a`` to ``b`` on the calendar's hours, duration[us] (negative when ``b`` is first).

    Null where either is null.

    Examples
    --------
    >>> import numpy as np, pyarrow as pa, slaclock as sc
    >>> from slaclock import io
    >>> cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
    >>> a = pa.array(np.array(["2026-09-30T17:00", "NaT"], "datetime64[us]"))
    >>> b = pa.array(np.array(["2026-10-08T10:00", "2026-10-08T10:00"], "datetime64[us]"))
    >>> io.working_time_between(a, b, calendar=cal).to_pylist()
    [datetime.timedelta(seconds=7200), None]
    """
    pa = _pyarrow()
    a, b = _column(pa, a, "a", "t"), _column(pa, b, "b", "t")
    return calendar_of(calendar).working_time_between(a, b)


def refuse_split_cases(options: Mapping[str, Any], where: str) -> None:
    """Refuse ``log=``, ``key=`` and ``pauses=`` where an engine hands cases over in pieces of its own choosing.

    Spark and Dask partitions and polars batches are not in the order of a key, so a
    case's occurrences or pauses could be cut apart: those tables are evaluated in
    memory, or streamed beside cases in key order by :func:`evaluate_batches`.
    ``where`` names the pieces ("partitions", "a polars query's batches").
    """
    for name in ("log", "key", "pauses"):
        if options.get(name) is not None:
            raise InvalidInputError(
                f"{name}= is not taken where cases come in {where} (a case's occurrences or pauses could be cut "
                "apart): evaluate such tables in memory with Contract.evaluate, or stream the cases and the log in "
                "order of their key with slaclock.io.evaluate_batches"
            )
