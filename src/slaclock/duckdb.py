"""SLAs in DuckDB SQL: slaclock's column functions as vectorised Arrow functions, and contracts evaluated in a query.

:func:`register` adds SQL functions to a DuckDB connection; each is a Python
function DuckDB calls with whole Arrow vectors (``type="arrow"``: about 2,048 rows a
call), which hands them to :mod:`slaclock.io`'s column functions:

==================================================  ============================================================
``sla_deadline(ts TIMESTAMP, period VARCHAR)``      ``TIMESTAMP``: the due instant, wall time in the calendar's zone
``sla_deadline_tz(ts TIMESTAMPTZ, period VARCHAR)`` ``TIMESTAMPTZ``: the same for instants
``workday_add(d DATE, n INTEGER)``                  ``DATE``: ``d`` moved ``n`` workdays (art. 201: ``d`` not counted)
``is_workday(d DATE)``                              ``BOOLEAN`` (makeup workdays are workdays)
``workdays_between(a DATE, b DATE)``                ``BIGINT``: workdays in ``[a, b)``, negative when ``b < a``
``working_time_between(a TIMESTAMP, b TIMESTAMP)``  ``INTERVAL``: working time on the calendar's hours
``sla_due(contract VARCHAR, clause VARCHAR,         ``TIMESTAMP``: a registered contract's clause due, as
ts TIMESTAMP)``                                     ``Contract.evaluate`` gives it (only with ``contracts=``)
==================================================  ============================================================

and :func:`evaluate` runs :meth:`Contract.evaluate <slaclock.Contract.evaluate>` over
a query's rows, batch by batch, as a relation SQL can read
(``SELECT team, count(*) FILTER (WHERE "resolution.state" = 'breached') FROM ...``).

Maintainer's notes
------------------
* On a projected calendar each function warns with one text whatever day each
  vector read, so that Python shows one ``ProvisionalWarning`` per function, not
  one per 2,048 rows (the days themselves are in the calendar's ``is_provisional``).
* NULL in, NULL out comes from DuckDB itself (the default ``null_handling``: a row
  with a NULL argument is not handed to Python and comes back NULL).
* DuckDB cannot overload a Python function by argument types, and does not cast
  ``TIMESTAMPTZ`` to ``TIMESTAMP`` implicitly, hence ``sla_deadline_tz``; the
  other functions read instants as wall times (``ts AT TIME ZONE 'Asia/Shanghai'``
  gives them from a ``TIMESTAMPTZ``).
* An error inside a function reaches SQL as ``duckdb.InvalidInputException`` whose
  message is the slaclock error's class and message (DuckDB does not keep the
  Python exception); the row index a column error names counts within DuckDB's
  vector, not the table.
* :func:`evaluate`'s relation reads its source through a stream DuckDB opens each
  time the relation is read (an object with ``__arrow_c_schema__``, so binding a
  query does not run the source): the result can be read any number of times, in
  memory bounded by ``batch_size``. A connection cannot run a query on itself
  while it is answering another, so SQL text is run on a new cursor of ``con``
  for each read (the result relation belongs to ``con``), and a relation is run on
  its own connection (the result relation then belongs to a cursor of ``con``).
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from slaclock import io
from slaclock._base.show import brief
from slaclock._base.warn import past_official, reading, warn
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.contract import Contract

__all__ = ["evaluate", "register"]

_PREFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _duckdb() -> Any:
    try:
        return importlib.import_module("duckdb")
    except ImportError:  # pragma: no cover - the test extra installs it
        raise InvalidInputError("slaclock.duckdb needs duckdb: pip install 'slaclock[duckdb]'") from None


def _connection(duckdb: Any, con: Any) -> None:
    if not isinstance(con, duckdb.DuckDBPyConnection):
        raise InvalidInputError(
            f"con must be a DuckDB connection (duckdb.connect()); got {type(con).__name__} {brief(con)}"
        )


def register(
    con: Any,
    *,
    calendar: Any = "CN",
    contracts: Mapping[str, Contract] | None = None,
    prefix: str = "",
) -> tuple[str, ...]:
    """Add slaclock's SQL functions to a DuckDB connection; returns their names.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        The connection (functions belong to one connection, not to the database).
    calendar : WorkCalendar or str
        The calendar every function but ``sla_due`` counts on: a region name
        ("CN") or a :class:`~slaclock.WorkCalendar`; ``working_time_between`` needs
        one with working hours (``sc.calendar("CN").with_hours("09:00-18:00")``).
    contracts : mapping of str to Contract, optional
        Contracts SQL may name in ``sla_due(contract, clause, ts)``, each counted on
        its own calendar and convention. Only deadline clauses of one period are
        taken there (a clause whose period is chosen per case by a target table,
        an extensible clause and the other kinds need the whole case: use
        :func:`evaluate`).
    prefix : str
        Put before every name (``prefix="sc_"`` gives ``sc_is_workday``).

    Returns
    -------
    tuple of str
        The names registered.

    Raises
    ------
    InvalidInputError
        ``con`` not a DuckDB connection, a bad calendar, prefix or contracts.

    Notes
    -----
    Registering again on the same connection replaces the functions of those
    names (e.g. to count on another calendar), whoever registered them. In SQL, a
    bad period ("5个工做日"), a day past the calendar's official data or an
    unknown contract or clause fails the query with a ``duckdb.InvalidInputException``
    carrying the slaclock error's name and message.

    Examples
    --------
    >>> import duckdb, slaclock.duckdb
    >>> con = duckdb.connect()
    >>> slaclock.duckdb.register(con, calendar="CN")[:3]
    ('sla_deadline', 'sla_deadline_tz', 'workday_add')
    >>> con.sql("SELECT sla_deadline(TIMESTAMP '2026-09-30 10:00', '5个工作日'),"
    ...         " is_workday(DATE '2026-10-10')").fetchall()
    [(datetime.datetime(2026, 10, 14, 0, 0), True)]
    """
    duckdb = _duckdb()
    _connection(duckdb, con)
    if not isinstance(prefix, str) or (prefix and not _PREFIX.match(prefix)):
        raise InvalidInputError(
            f"prefix must be empty or an SQL name (letters, digits, _; not a digit first); got {brief(prefix)}"
        )
    cal = io.calendar_of(calendar)
    t = duckdb.sqltype
    ts, tstz, date, text = t("TIMESTAMP"), t("TIMESTAMPTZ"), t("DATE"), t("VARCHAR")
    functions: list[tuple[str, Callable[..., Any], list[Any], Any]] = [
        ("sla_deadline", _deadline(cal), [ts, text], ts),
        ("sla_deadline_tz", _deadline(cal), [tstz, text], tstz),
        ("workday_add", lambda d, n: io.add_workdays(d, n.to_numpy(), calendar=cal), [date, t("INTEGER")], date),
        ("is_workday", lambda d: io.is_workday(d, calendar=cal), [date], t("BOOLEAN")),
        ("workdays_between", lambda a, b: io.workdays_between(a, b, calendar=cal), [date, date], t("BIGINT")),
        ("working_time_between", lambda a, b: io.working_time_between(a, b, calendar=cal), [ts, ts], t("INTERVAL")),
    ]
    if contracts is not None:
        functions.append(("sla_due", _ContractDues(contracts), [text, text, ts], ts))
    past = f"the {past_official(cal.region, cal.official_until)}"
    names = []
    for name, function, parameters, returns in functions:
        name = prefix + name
        read = "a contract calendar's days past its official data" if name.endswith("sla_due") else past
        _remove(duckdb, con, name)
        con.create_function(name, _one_warning(name, read, function), parameters, returns, type="arrow")
        names.append(name)
    return tuple(names)


def _one_warning(name: str, read: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with one ``ProvisionalWarning`` text for all its calls, whatever days each vector read.

    Each call answers one DuckDB vector of ~2,048 rows; left alone, every vector that
    reads a projected day would warn, naming its own day. One text per function
    lets Python's warning filter show it once (the library's "never silent").
    """

    @functools.wraps(function)  # DuckDB reads the number of arguments from the signature
    def call(*columns: Any) -> Any:
        with reading() as reads:
            out = function(*columns)
        if reads.projected:
            warn(f"{name}: some results read {read}; they are provisional")
        return out

    return call


def _remove(duckdb: Any, con: Any, name: str) -> None:
    """Remove the Python function ``name`` from ``con`` if it has one (registering again replaces)."""
    try:
        con.remove_function(name)
    except duckdb.InvalidInputException as exc:
        if "No function by the name" not in str(exc):  # pragma: no cover - another failure than "none there"
            raise


def _deadline(cal: WorkCalendar) -> Callable[[Any, Any], Any]:
    def sla_deadline(starts: Any, periods: Any) -> Any:
        return io.deadline(starts, _one_or_many(periods), calendar=cal)

    return sla_deadline


def _one_or_many(values: Any) -> Any:
    """One Python value when an Arrow column holds only that value (a constant argument), else the column."""
    pc = importlib.import_module("pyarrow.compute")
    if len(values) and not values.null_count and pc.count_distinct(values).as_py() == 1:
        return values[0].as_py()
    return values


class _ContractDues:
    """``sla_due(contract, clause, ts)``: the due of a registered contract's clause, by ``(contract, clause)`` group."""

    def __init__(self, contracts: Mapping[str, Contract]) -> None:
        import slaclock as sc

        if not isinstance(contracts, Mapping):
            raise InvalidInputError(f"contracts must map names to Contract objects; got {brief(contracts)}")
        for name, contract in contracts.items():
            if not isinstance(name, str) or not name:
                raise InvalidInputError(f"contracts: a name must be non-empty text; got {brief(name)}")
            if not isinstance(contract, sc.Contract):
                raise InvalidInputError(f"contracts[{name!r}] must be a Contract; got {brief(contract)}")
        self.contracts = dict(contracts)
        self.calendars = {name: c.calendar_for() for name, c in self.contracts.items()}
        self.clauses: dict[tuple[str, str], Clause] = {}

    def clause(self, contract: str, name: str) -> Clause:
        key = (contract, name)
        if key not in self.clauses:
            if contract not in self.contracts:
                raise InvalidInputError(
                    f"sla_due: no contract {brief(contract)} was registered on this connection "
                    f"(registered: {', '.join(map(repr, self.contracts))})"
                )
            c = self.contracts[contract].clause(name)
            why = _not_one_due(self.contracts[contract], c)
            if why:
                raise InvalidInputError(
                    f"sla_due: clause {c.name!r} of contract {contract!r} {why}; "
                    "evaluate whole cases with slaclock.duckdb.evaluate"
                )
            self.clauses[key] = c
        return self.clauses[key]

    def __call__(self, contracts: Any, clauses: Any, starts: Any) -> Any:
        pa = importlib.import_module("pyarrow")
        pc = importlib.import_module("pyarrow.compute")
        contract, clause = _one_or_many(contracts), _one_or_many(clauses)
        if isinstance(contract, str) and isinstance(clause, str):  # the usual case: both constants
            return self.due(contract, clause, starts)
        pairs = pa.table({"k": contracts, "c": clauses}).group_by(["k", "c"]).aggregate([])
        starts = starts.combine_chunks()
        parts, where = [], []
        for contract, clause in zip(pairs.column("k").to_pylist(), pairs.column("c").to_pylist(), strict=True):
            rows = pc.indices_nonzero(pc.and_(pc.equal(contracts, contract), pc.equal(clauses, clause)))
            parts.append(self.due(contract, clause, starts.take(rows)))
            where.append(rows)
        back = pc.sort_indices(pa.concat_arrays(where))  # each row's place among the groups' rows
        return pa.chunked_array([pa.concat_arrays(parts).take(back)])

    def due(self, contract: str, name: str, starts: Any) -> Any:
        c = self.clause(contract, name)
        conv = self.contracts[contract].convention
        return io.deadline(starts, c.period, calendar=self.calendars[contract], convention=conv)


def _not_one_due(contract: Contract, c: Clause) -> str:
    """Why a clause's due is not one period from its start (empty when it is)."""
    if c.kind != "deadline":
        return f"is a {c.kind} clause, not a deadline"
    if c.targets is not None:
        return "chooses its period by the case's attributes (a target table)"
    if c.extension is not None:
        return "may be extended (its due depends on the extension's event)"
    if c.starts_on not in contract.event_names:
        return f"starts on a fixed date ({c.starts_on})"
    return ""


def evaluate(
    con: Any,
    source: Any,
    contract: Contract,
    *,
    now: Any,
    keep: Sequence[str] = (),
    log: Any = None,
    key: str | None = None,
    pauses: Any = None,
    batch_size: int = 65_536,
    **options: Any,
) -> Any:
    """``contract.evaluate`` on the rows of a query, as a DuckDB relation read batch by batch.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        The connection.
    source : str or duckdb.DuckDBPyRelation
        The cases, one row per case, one column per event (TIMESTAMP: wall times in
        the contract calendar's zone; TIMESTAMPTZ: instants) and the attributes a
        target table reads. SQL text (one SELECT) is run on a new cursor of ``con``
        each time the result is read: it sees the database's tables, views and files
        and what is committed, not temporary tables nor objects registered on
        ``con`` alone (``con.register``, Python variables); for those, pass a
        relation (``con.sql("SELECT * FROM tmp")``).
    contract : Contract
        The contract.
    now : datetime or ISO text
        The instant of the status.
    keep : sequence of str
        Source columns copied into the result, first (a ticket id, a team).
    log, pauses : str or pyarrow.Table, optional
        A log of events (the occurrences of recurring clauses; ``event``, ``at`` and
        ``key`` or ``row`` columns) and pauses (``row``, ``paused_at``, ``resumed_at``),
        streamed beside the cases by :func:`slaclock.io.evaluate_batches`: as SQL text
        (one SELECT, run on its own cursor like ``source``) or a pyarrow Table. They
        are read in the cases' order, so give the cases and the log ``ORDER BY`` the
        key (the order is checked, and refused when wrong); pauses name cases by
        their position in ``source``, which then needs an ``ORDER BY`` of its own
        (DuckDB reads in parallel and keeps no order otherwise; this cannot be
        checked). A relation is not taken here: a connection streams one result
        at a time, beside the cases' own.
    key : str, optional
        The column naming each case in the cases and the log (with ``log``).
    batch_size : int
        Rows per batch: memory is bounded by a batch and its result.
    **options
        :meth:`Contract.evaluate`'s ``clauses``, ``calendar``, ``calendars``,
        ``ignore_pauses``.

    Returns
    -------
    duckdb.DuckDBPyRelation
        One row per case: the ``keep`` columns and ``Contract.evaluate``'s (states
        as VARCHAR, instants as TIMESTAMPTZ, durations as INTERVAL). It runs
        ``source`` and the contract each time it is read, and can be read any
        number of times. Its connection is ``con`` for SQL text (so
        ``con.sql("... FROM result")`` reads it), and a cursor of ``con`` for a
        relation (query it with its own methods: ``result.query("r", "SELECT ... FROM r")``,
        ``result.aggregate(...)``).

    Raises
    ------
    InvalidInputError
        A bad connection, contract, source or batch size; a source query that does not
        bind on a cursor; what :func:`slaclock.io.output_schema` refuses
        (missing events, a bad ``now`` or ``keep``). An error while the relation
        is read (a day past the official data) fails that query with a
        ``duckdb.InvalidInputException`` carrying the slaclock error's message.

    Examples
    --------
    >>> import duckdb, slaclock as sc, slaclock.duckdb
    >>> con = duckdb.connect()
    >>> _ = con.sql("CREATE TABLE t AS SELECT * FROM (VALUES (1, TIMESTAMP '2026-09-30 10:00', NULL), "
    ...             "(2, TIMESTAMP '2026-10-09 09:00', TIMESTAMP '2026-10-10 11:00')) v(id, received, solved)")
    >>> desk = sc.Contract("desk", [sc.Clause("fix", "5个工作日", starts_on="received", met_by="solved")],
    ...                    events=["received"])
    >>> result = slaclock.duckdb.evaluate(con, "SELECT * FROM t", desk, now="2026-10-20T00:00", keep=["id"])
    >>> con.sql('SELECT id, "fix.state" FROM result ORDER BY id').fetchall()
    [(1, 'breached'), (2, 'met')]
    """
    import slaclock as sc

    duckdb = _duckdb()
    _connection(duckdb, con)
    if not isinstance(contract, sc.Contract):
        raise InvalidInputError(f"contract must be a Contract; got {type(contract).__name__} {brief(contract)}")
    if type(batch_size) is not int or batch_size < 1:
        raise InvalidInputError(f"batch_size must be a positive whole number of rows; got {brief(batch_size)}")
    if isinstance(source, str):
        owner, open_rel = con, _text_source(duckdb, con, source)
    elif isinstance(source, duckdb.DuckDBPyRelation):
        owner, open_rel = con.cursor(), lambda: (source, None)
    else:
        raise InvalidInputError(
            f"source must be SQL text or a DuckDB relation; got {type(source).__name__} {brief(source)}"
        )
    pa = importlib.import_module("pyarrow")
    sides: dict[str, Callable[[], tuple[Any, Any]]] = {}
    tables: dict[str, Any] = {}
    for what, value in (("log", log), ("pauses", pauses)):
        if isinstance(value, str):
            sides[what] = _text_source(duckdb, con, value, what)
        elif isinstance(value, pa.Table):
            tables[what] = value
        elif value is not None:
            raise InvalidInputError(
                f"{what} must be SQL text (one SELECT, in the cases' order) or a pyarrow Table; got "
                f"{type(value).__name__} {brief(value)} (a relation cannot stream beside the cases on one connection)"
            )
    schema_in = _schema(open_rel)  # binds the queries now: their errors are raised here, not when a result is read
    schemas = {what: _schema(side) for what, side in sides.items()} | {w: t.schema for w, t in tables.items()}
    schema_out = io.output_schema(contract, schema_in, now=now, keep=keep, key=key, **schemas, **options)
    options = dict(now=now, keep=keep, key=key, **tables, **options)
    stream = _Results(contract, open_rel, sides, schema_in, schema_out, batch_size, options)
    return owner.from_arrow(stream)


def _schema(open_rel: Callable[[], tuple[Any, Any]]) -> Any:
    """The Arrow schema of a source's rows, from a query of none of them."""
    rel, cursor = open_rel()
    try:
        return rel.limit(0).to_arrow_table().schema
    finally:
        if cursor is not None:
            cursor.close()


def _text_source(duckdb: Any, con: Any, text: str, what: str = "source") -> Callable[[], tuple[Any, Any]]:
    """A function opening ``text`` on a new cursor of ``con``: (relation, cursor); checked to be one SELECT."""
    try:
        statements = con.extract_statements(text)
    except duckdb.Error as exc:
        raise InvalidInputError(f"{what} {brief(text)} is not SQL DuckDB reads: {exc}") from None
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        raise InvalidInputError(f"{what} must be one SELECT statement; got {brief(text)}")

    def open_rel() -> tuple[Any, Any]:
        cursor = con.cursor()
        try:
            return cursor.sql(text), cursor
        except duckdb.Error as exc:
            cursor.close()
            raise InvalidInputError(
                f"{what} {brief(text)} does not bind on a cursor of the connection ({exc}); SQL text is read on its "
                "own cursor, which sees tables, views and files but not temporary tables or objects registered on "
                "the connection alone: pass a relation (con.sql(...)) instead"
            ) from None

    return open_rel


class _Results:
    """The evaluated source as an Arrow stream DuckDB opens anew for each read of the relation."""

    def __init__(
        self,
        contract: Contract,
        open_rel: Callable[[], tuple[Any, Any]],
        sides: dict[str, Callable[[], tuple[Any, Any]]],
        schema_in: Any,
        schema_out: Any,
        batch_size: int,
        options: dict[str, Any],
    ) -> None:
        self.contract, self.open_rel, self.sides = contract, open_rel, sides
        self.batch_size, self.options = batch_size, options
        self.schema_in, self.schema = schema_in, schema_out

    def __arrow_c_schema__(self) -> Any:
        return self.schema.__arrow_c_schema__()

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        pa = importlib.import_module("pyarrow")
        return pa.RecordBatchReader.from_batches(self.schema, self._batches()).__arrow_c_stream__(requested_schema)

    def _batches(self) -> Iterator[Any]:
        opened: list[Any] = []  # readers and cursors, closed at the end (or when DuckDB lets go of a part-read stream)
        try:
            readers = {}
            for what, open_rel in {"source": self.open_rel, **self.sides}.items():
                rel, cursor = open_rel()
                opened.append(cursor)
                readers[what] = rel.to_arrow_reader(self.batch_size)
                opened.append(readers[what])
            if not readers["source"].schema.equals(self.schema_in):
                raise InvalidInputError(
                    "the source's columns changed since slaclock.duckdb.evaluate was called: call it again"
                )
            cases = readers.pop("source")
            yield from io.evaluate_batches(self.contract, cases, **readers, **self.options)
        finally:
            for thing in reversed(opened):
                if thing is not None:
                    thing.close()
