"""polars: an expression namespace (``pl.col("opened").slaclock.deadline("5个工作日")``) and a streamed evaluate.

Registered by an explicit call, :func:`register`, never at ``import slaclock``
(registering is a global change to polars that a library should not make behind
its users' backs). Each method maps batches of a column through slaclock's
column functions, elementwise, so it runs under ``engine="streaming"`` too.

Examples
--------
>>> import numpy as np, polars as pl
>>> import slaclock.polars
>>> slaclock.polars.register()
>>> df = pl.DataFrame({"opened": np.array(["2026-09-30T10:00", "2026-10-09T09:00"], "datetime64[us]")})
>>> out = df.lazy().with_columns(
...     due=pl.col("opened").slaclock.deadline("5个工作日", calendar="CN"),
...     workday=pl.col("opened").dt.date().slaclock.is_workday(calendar="CN"),
... ).collect(engine="streaming")
>>> out["due"].dt.strftime("%m-%d %H:%M").to_list(), out["workday"].to_list()
(['10-14 00:00', '10-16 00:00'], [True, True])
"""

from __future__ import annotations

import importlib
from typing import Any, cast

from slaclock._base.show import brief
from slaclock.errors import InvalidInputError
from slaclock.io import calendar_of, refuse_split_cases

__all__ = ["SlaclockExpr", "evaluate", "register"]

_REGISTERED = False


class SlaclockExpr:
    """The ``.slaclock`` namespace of a polars expression (after :func:`register`)."""

    def __init__(self, expr: Any) -> None:
        self._expr = expr

    def deadline(self, period: Any, *, calendar: Any = "CN", **options: Any) -> Any:
        """The due instant of each start (:func:`slaclock.deadlines`' ``due``), of the column's own dtype.

        The column holds instants (``pl.Datetime``, naive wall times in the calendar's
        zone or aware); ``options`` are :func:`slaclock.deadlines`' (``convention``).
        """
        import slaclock as sc

        cal = calendar_of(calendar)
        if isinstance(period, str):
            sc.period(period)  # a bad period is refused when the expression is built, not per batch
        pl = importlib.import_module("polars")

        def due(s: Any) -> Any:
            if not isinstance(s.dtype, pl.Datetime):
                raise InvalidInputError(
                    f"slaclock.deadline needs a column of instants (pl.Datetime); {brief(s.name)} is {s.dtype}"
                )
            return sc.deadlines(s, period, calendar=cal, **options).due.cast(s.dtype)

        return self._expr.map_batches(due, return_dtype=pl.dtype_of(self._expr), is_elementwise=True)

    def is_workday(self, *, calendar: Any = "CN") -> Any:
        """Whether each date is a workday of the calendar (makeup workdays included).

        The column holds dates (``pl.Date``) or instants (``pl.Datetime``): their date
        in the calendar's zone, for an aware one (not its UTC date).
        """
        cal = calendar_of(calendar)
        pl = importlib.import_module("polars")
        return self._expr.map_batches(
            lambda s: cast(Any, cal.is_workday(s)).cast(pl.Boolean).alias(s.name),  # a Series of a Series
            return_dtype=pl.Boolean,
            is_elementwise=True,
        )

    def add_workdays(self, n: int, *, calendar: Any = "CN") -> Any:
        """Each date moved ``n`` workdays (the start day never counts: art. 201); an instant's date as
        :meth:`is_workday` reads it."""
        cal = calendar_of(calendar)
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidInputError(f"n must be a whole number of workdays; got {brief(n)}")
        pl = importlib.import_module("polars")
        return self._expr.map_batches(
            lambda s: cast(Any, cal.add_workdays(s, n)).cast(pl.Date).alias(s.name),
            return_dtype=pl.Date,
            is_elementwise=True,
        )


def register() -> None:
    """Register the ``.slaclock`` expression namespace with polars (once; later calls do nothing)."""
    global _REGISTERED
    if _REGISTERED:
        return
    _polars().api.register_expr_namespace("slaclock")(SlaclockExpr)
    _REGISTERED = True


def evaluate(frame: Any, contract: Any, *, now: Any, **options: Any) -> Any:
    """``contract.evaluate`` as a step of a polars query: a ``LazyFrame`` in, a ``LazyFrame`` of the result out.

    Each batch polars hands over (under ``engine="streaming"``, a morsel of the
    source; in memory, the whole frame) is a table of cases of its own, evaluated by
    :meth:`Contract.evaluate <slaclock.Contract.evaluate>`; the result's schema is
    known when the query is built (from an empty frame of the input's schema), so bad
    options are refused then, not when it runs. ``options`` are ``evaluate``'s
    (``keep``, ``clauses``, ``calendar``, ``calendars``, ``ignore_pauses``); a log of
    events or pauses are refused (polars hands batches over one by one, and a case's
    occurrences could be cut between them: use :func:`slaclock.io.evaluate_batches`).

    Examples
    --------
    >>> import numpy as np, polars as pl, slaclock as sc
    >>> import slaclock.polars
    >>> c = sc.Contract("desk", [sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved")],
    ...                 events=["received"])
    >>> tickets = pl.LazyFrame({"ticket": [1, 2],
    ...     "received": np.array(["2026-09-30T10:00", "2026-10-09T09:00"], "datetime64[us]"),
    ...     "solved": np.array(["2026-10-15T10:00", "NaT"], "datetime64[us]")})
    >>> out = slaclock.polars.evaluate(tickets, c, now="2026-10-20T09:00", keep=["ticket"])
    >>> out.collect(engine="streaming")["solution.state"].to_list()
    ['breached', 'breached']
    """
    pl = _polars()
    if isinstance(frame, pl.DataFrame):
        frame = frame.lazy()
    if not isinstance(frame, pl.LazyFrame):
        raise InvalidInputError(
            f"frame must be a polars LazyFrame or DataFrame; got {type(frame).__name__} {brief(frame)}"
        )
    refuse_split_cases(options, "a polars query's batches")
    empty = pl.DataFrame(schema=frame.collect_schema())
    schema = contract.evaluate(empty, now=now, **options).schema

    def batch(df: Any) -> Any:
        return contract.evaluate(df, now=now, **options)

    return frame.map_batches(batch, schema=schema, streamable=True)


def _polars() -> Any:
    try:
        return importlib.import_module("polars")
    except ImportError:  # pragma: no cover - the test extra installs it
        raise InvalidInputError("slaclock.polars needs polars: pip install 'slaclock[polars]'") from None
