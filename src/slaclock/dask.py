"""Evaluate contracts and count deadlines on a Dask dataframe, partition by partition.

:func:`evaluate` runs :meth:`Contract.evaluate <slaclock.Contract.evaluate>` on each
partition (a pandas table of cases, one row per case) through ``map_partitions``;
:func:`deadlines` gives :func:`slaclock.deadlines`' ``due``, ``last_day`` and
``provisional`` columns for a column of starts the same way. Each partition is a
table of cases of its own, so its answer is the in-memory answer for its rows.

``meta`` (the empty result dask plans with) is computed on the client from the
input's empty meta, before any partition is read: a bad contract, option, ``now``,
period or calendar is refused there, and the result's columns and dtypes are known
ahead (states are categoricals with the same categories in every partition, so they
stay categorical when partitions are concatenated). Requires the ``dask`` extra
(``dask[dataframe]``, pandas, pyarrow), imported when first called, never at
``import slaclock``.

Maintainer's notes: the contract (or calendar) is a ``dask.delayed`` value, one task
of the graph that every partition's task depends on, so each worker receives it once
rather than once per partition (measured with a counting wrapper: 16 partitions on 2
workers unpickled it once per worker; as a plain argument of ``map_partitions``, 16
times). It pickles to about 500 bytes (a calendar travels as its specification and is
rebuilt where it is unpickled), so this saves little time; what it buys is one contract
object per worker. An error raised in a partition reaches the caller as the same
``SlaclockError`` type, its message prefixed with the partition's number.
Logs, keys and pauses (``log=``, ``key=``, ``pauses=``) are refused, as by
:mod:`slaclock.io`: a case's occurrences or pauses would be cut between partitions.

Examples
--------
>>> import dask, dask.dataframe as dd, numpy as np, pandas as pd, slaclock as sc
>>> import slaclock.dask
>>> c = sc.Contract("desk", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
...                 events=["received"])
>>> cases = pd.DataFrame({"ticket": [1, 2, 3],
...                       "received": np.array(["2026-09-30T20:00", "2026-10-09T09:00", "2026-10-12T09:00"],
...                                            "datetime64[us]"),
...                       "acknowledged": np.array(["2026-10-01T21:00", "2026-10-09T10:00", "NaT"],
...                                                "datetime64[us]")})
>>> report = slaclock.dask.evaluate(dd.from_pandas(cases, npartitions=2), c, now="2026-10-16T09:00",
...                                 keep=["ticket"])
>>> report.dtypes["ack.state"]
CategoricalDtype(categories=['not_started', 'running', 'paused', 'at_risk', 'met', 'breached',
                  'stopped', 'expired'],
, ordered=False, categories_dtype=str)
>>> with dask.config.set(scheduler="synchronous"):   # a distributed.Client works the same
...     report.compute()["ack.state"].tolist()
['breached', 'met', 'breached']
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from slaclock._base.show import brief
from slaclock.errors import InvalidInputError, SlaclockError
from slaclock.io import calendar_of, refuse_split_cases

if TYPE_CHECKING:
    from slaclock._contracts.contract import Contract

__all__ = ["deadlines", "evaluate"]


def _dask_dataframe() -> Any:
    try:
        return importlib.import_module("dask.dataframe")
    except ImportError:  # pragma: no cover - the test extra installs it
        raise InvalidInputError("slaclock.dask needs dask: pip install 'slaclock[dask]'") from None


def _meta(collection: Any) -> Any:
    """The empty pandas object a dask collection plans with (``make_meta``: its own meta, not computed)."""
    return importlib.import_module("dask.dataframe.utils").make_meta(collection)


def evaluate(ddf: Any, contract: Contract, *, now: Any, keep: str | Sequence[str] = (), **options: Any) -> Any:
    """:meth:`Contract.evaluate <slaclock.Contract.evaluate>` on every partition of a Dask dataframe of cases.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        One row per case: a column per event (instants: ``datetime64``, naive wall
        times in the contract's calendar zone or aware, pyarrow-backed or not) and the
        attribute columns the contract reads. Partitions may hold any rows: each case
        is evaluated on its own.
    contract : Contract
    now : instant
        The clock, as :meth:`Contract.evaluate` takes it (the same for every partition).
    keep : str or sequence of str
        Input columns copied into the result, first (a ticket id, a team).
    **options
        :meth:`Contract.evaluate`'s other options (``clauses``, ``calendar``,
        ``calendars``, ``ignore_pauses``); ``log``, ``key`` and ``pauses`` are refused.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy: per partition, what :meth:`Contract.evaluate` returns for it (same
        index, so the divisions are kept). Its ``dtypes`` are known before any
        partition is computed; states and risks are categoricals with fixed categories.

    Raises
    ------
    InvalidInputError
        On the client, before computing: ``ddf`` not a dask DataFrame, ``contract`` not
        a Contract, ``log``/``key``/``pauses`` given, and whatever
        :meth:`Contract.evaluate` refuses for the empty input (a missing column, a bad
        option or ``now``).
    SlaclockError
        When computed, whatever :meth:`Contract.evaluate` raises for a partition (a
        start past the calendar's data, ``CalendarHorizonError``), of the same type,
        its message prefixed with the partition's number.

    Examples
    --------
    >>> import dask.dataframe as dd, pandas as pd, slaclock as sc
    >>> from slaclock.dask import evaluate
    >>> c = sc.Contract("desk", [sc.Clause("fix", "5个工作日", starts_on="received", met_by="solved")],
    ...                 events=["received"])
    >>> cases = dd.from_pandas(pd.DataFrame({"received": pd.to_datetime(["2026-09-30 10:00", "2026-10-09 09:00"]),
    ...                                      "solved": pd.to_datetime(["2026-10-13 09:00", None])}), npartitions=2)
    >>> out = evaluate(cases, c, now="2026-10-15T00:00")
    >>> list(out.columns[:3]), out.npartitions
    (['fix.state', 'fix.due', 'fix.last_day'], 2)
    >>> out.compute(scheduler="synchronous")["fix.due"].dt.strftime("%m-%d").tolist()
    ['10-14', '10-16']
    >>> out.compute(scheduler="synchronous")["fix.state"].tolist()
    ['met', 'running']
    """
    import slaclock as sc

    dd = _dask_dataframe()
    if not isinstance(ddf, dd.DataFrame):
        raise InvalidInputError(
            f"ddf must be a dask.dataframe.DataFrame of cases; got {type(ddf).__name__} {brief(ddf)}"
        )
    if not isinstance(contract, sc.Contract):
        raise InvalidInputError(
            f"contract must be a slaclock.Contract; got {type(contract).__name__} {brief(contract)}"
        )
    refuse_split_cases(options, "Dask partitions")
    keep = keep if isinstance(keep, str) else list(keep)  # a generator would be spent on the meta
    # The empty result, from the empty input, on the client: checks every argument and fixes the dtypes.
    meta = contract.evaluate(_meta(ddf), now=now, keep=keep, **options)
    # One task of the graph holds the contract: each worker gets it once, not once per partition.
    held = importlib.import_module("dask").delayed(contract, pure=True)
    return ddf.map_partitions(_evaluate_partition, held, now, keep, options, meta=meta)


def deadlines(
    ddf_or_series: Any,
    period: Any,
    *,
    calendar: Any = "CN",
    convention: Any = None,
    on: str | None = None,
) -> Any:
    """:func:`slaclock.deadlines` on every partition of a Dask column of starts.

    Parameters
    ----------
    ddf_or_series : dask.dataframe.Series or DataFrame
        The starts (dates or instants, as :func:`slaclock.deadlines` takes them:
        ``datetime64``, naive wall times in the calendar's zone or aware,
        pyarrow-backed or not); a DataFrame with ``on`` naming the column.
    period : str, Period or timedelta
        One period for every row ("5个工作日", "7日", "24小时", "8个工作小时").
    calendar : WorkCalendar or str
        The calendar to count on, or a region name.
    convention : Convention, optional
        Defaults to the Civil Code's.
    on : str, optional
        The column of starts, when ``ddf_or_series`` is a DataFrame (and only then).

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy, with the input's index and divisions: ``due`` (``datetime64[us]``, or the
        starts' zone when they are aware), ``last_day`` (``datetime64[s]``, the
        period's last day at midnight) and ``provisional`` (bool).

    Raises
    ------
    InvalidInputError
        On the client: not a dask Series or DataFrame, ``on`` missing, not a column or
        given with a Series, a bad period, calendar or convention.
    SlaclockError
        When computed, whatever :func:`slaclock.deadlines` raises for a partition
        (``CalendarHorizonError`` for starts past the calendar's data), of the same type,
        prefixed with the partition's number.

    Examples
    --------
    >>> import dask.dataframe as dd, pandas as pd
    >>> from slaclock.dask import deadlines
    >>> starts = dd.from_pandas(pd.Series(pd.to_datetime(["2026-09-30 10:00", "2026-10-09 09:00", None]),
    ...                                   name="opened"), npartitions=2)
    >>> d = deadlines(starts, "5个工作日", calendar="CN")
    >>> d.dtypes.astype(str).tolist()
    ['datetime64[us]', 'datetime64[s]', 'bool']
    >>> d.compute(scheduler="synchronous")["due"].dt.strftime("%m-%d").tolist()
    ['10-14', '10-16', nan]
    """
    import slaclock as sc

    dd = _dask_dataframe()
    if isinstance(ddf_or_series, dd.DataFrame):
        if on is None:
            raise InvalidInputError("on= must name the column of starts when a DataFrame is given")
        if on not in ddf_or_series.columns:
            raise InvalidInputError(
                f"on={brief(on)} is not a column; the columns are {brief(list(ddf_or_series.columns))}"
            )
        starts = ddf_or_series[on]
    elif isinstance(ddf_or_series, dd.Series):
        if on is not None:
            raise InvalidInputError(f"on={brief(on)} is for a DataFrame; a Series is its own column of starts")
        starts = ddf_or_series
    else:
        raise InvalidInputError(
            "ddf_or_series must be a dask.dataframe.Series of starts or a DataFrame with on=; "
            f"got {type(ddf_or_series).__name__} {brief(ddf_or_series)}"
        )
    if isinstance(period, str):
        period = sc.period(period)  # parsed once here, a bad one refused before any partition
    if not isinstance(period, sc.Period | dt.timedelta):  # a dask Series was computed whole to build the meta
        per_row = " (a period per row is not taken here: it would be computed whole)" if hasattr(period, "dask") else ""
        raise InvalidInputError(
            f"period must be one period ('5个工作日', a Period or a datetime.timedelta){per_row}; "
            f"got {type(period).__name__} {brief(period)}"
        )
    calendar = calendar_of(calendar)
    meta = _deadlines_frame(_meta(starts), period, calendar, convention)
    held = importlib.import_module("dask").delayed(calendar, pure=True)
    return starts.map_partitions(_deadlines_partition, period, held, convention, meta=meta)


def _deadlines_frame(starts: Any, period: Any, calendar: Any, convention: Any) -> Any:
    import slaclock as sc

    pd = importlib.import_module("pandas")
    d = sc.deadlines(starts, period, calendar=calendar, convention=convention)
    return pd.DataFrame({name: getattr(d, name) for name in d.COLUMNS}, index=starts.index)


def _evaluate_partition(
    part: Any, contract: Contract, now: Any, keep: str | list[str], options: dict[str, Any], partition_info: Any = None
) -> Any:
    try:
        return contract.evaluate(part, now=now, keep=keep, **options)
    except SlaclockError as exc:
        raise _in_partition(exc, partition_info) from None


def _deadlines_partition(part: Any, period: Any, calendar: Any, convention: Any, partition_info: Any = None) -> Any:
    try:
        return _deadlines_frame(part, period, calendar, convention)
    except SlaclockError as exc:
        raise _in_partition(exc, partition_info) from None


def _in_partition(exc: SlaclockError, partition_info: Any) -> SlaclockError:
    """The same error, saying which partition (a worker's traceback does not): its type and attributes kept."""
    number = partition_info.get("number") if isinstance(partition_info, dict) else None
    if number is None:
        return exc
    told = copy.copy(exc)  # a copy keeps what some errors carry besides the message (a notice's line, a period's text)
    told.args = (f"partition {number}: {exc}", *exc.args[1:])
    return told
