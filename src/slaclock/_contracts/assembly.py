"""evaluate's result columns for a whole table, written block by block into preallocated outputs.

A long table is evaluated in blocks of rows (:data:`BLOCK`): each block's
temporaries are small, so the allocator hands the same pages back block after
block instead of fresh ones (on a 10M-row table, each whole-column temporary is
80 MB of pages the kernel zeroes), and the memory an evaluate needs is the
result plus a few blocks. :class:`Assembly` holds the result: for a mapping,
the caller's numpy columns (states as text, wall times), each converted a block
at a time; for pandas, polars and pyarrow, the typed columns of
:mod:`.tables`, which :func:`.outputs.wrap` turns into the caller's kind once.
"""

from __future__ import annotations

import contextvars
import dataclasses
import functools
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Final, final

import numpy as np

from slaclock._base import blocks
from slaclock._base.select import midnights
from slaclock._contracts.tables import Output, _at_one_offset, _Days, _Instants, _Table, _to_numpy
from slaclock.errors import SlaclockError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar

Result = tuple[dict[str, Any], dict[str, int]]
"""A table's result columns by name, and each clause's provisional rows."""
Sink = Callable[[dict[str, Any]], None]
"""Where a block's result columns go as they are made (some of them at a time: a clause's, as it is evaluated)."""
Run = Callable[[_Table, int, int], Callable[[Sink], dict[str, int]]]
"""For a table (rows ``lo``..``hi`` of the whole): what it needs read, in the calling thread (its rows' pauses
and log occurrences), and a function that evaluates it, on any thread, handing its result columns to a sink as
it makes them and returning each clause's provisional rows."""

_WALL: Final = np.empty(0, dtype="datetime64[us]")
"""The kind of a mapping's instant columns (wall times in the calendar's zone)."""

_DAY32: Final = np.empty(0, dtype=np.int32)
"""The kind of a polars or pyarrow result's last days, and of any with ``days="date32"`` (int32 epoch days,
``NO_DAY32`` for none)."""

_MIDNIGHTS: Final = np.empty(0, dtype="datetime64[s]")
"""The kind of a pandas result's last days (pandas has no date dtype: midnights, NaT for none)."""

BLOCK: Final = 1 << 16
"""Rows per block (65,536: a block's int64 temporary is 512 KiB). Seed 001 at 1M cases on one thread: 547-575 ms
with this block, 618-650 with twice it (``benchmarks/bench_threads.py``'s calls, 2026-12-05); on threads, twice it
is faster for event columns alone (``in_blocks``' ``longer``)."""


@final
class Assembly:
    """The result columns of ``rows`` rows, filled one block of rows at a time (:meth:`put`)."""

    def __init__(self, rows: int, cal: WorkCalendar, lib: str | None, form: Output) -> None:
        self.rows, self.cal, self.numpy_out, self.form = rows, cal, lib is None, form
        self.narrow = lib in ("polars", "pyarrow") or form.date32  # 4-byte dates: last days kept as int32
        self.midnights = not self.narrow and lib == "pandas"  # made datetime64[s] midnights here, a block a time
        self.arrays: dict[str, dict[str, Any]] = {}  # column → its holder's fields (arrays filled, others as given)
        self.kinds: dict[str, type] = {}
        self._lock = threading.Lock()  # blocks put on several threads: each column is made once

    def put(self, start: int, block: dict[str, Any]) -> None:
        """Write one block's columns (typed holders for rows ``start``..) into the result."""
        for name, v in block.items():
            if self.numpy_out and isinstance(v, _Instants):  # wall times written straight into the result
                dest = self._made(name, np.ndarray, {"": _WALL})[""][start : start + v.us.shape[0]]
                if _at_one_offset(self.cal, v.us, to_utc=False, out=dest.view(np.int64)) is not None:
                    continue
            if self.narrow and isinstance(v, _Days):  # int32 days written straight into the result
                v.narrow(out=self._made(name, _Days, {"days": _DAY32})["days"][start : start + v.days.shape[0]])
                continue
            if self.midnights and isinstance(v, _Days):  # midnights made as they are written into the result
                dest = self._made(name, np.ndarray, {"": _MIDNIGHTS})[""][start : start + v.days.shape[0]]
                midnights(v.days, out=dest)
                continue
            if self.numpy_out:
                v = _to_numpy(v, self.cal, self.form)
            if isinstance(v, np.ma.MaskedArray):  # counts: values and mask, made one array at the end
                fields = {"data": v.data, "mask": np.ma.getmaskarray(v)}
            elif isinstance(v, np.ndarray):
                fields = {"": v}
            else:
                fields = {f.name: getattr(v, f.name) for f in dataclasses.fields(v)}
            mine = self._made(name, type(v), fields)
            for k, x in fields.items():
                if isinstance(x, np.ndarray):
                    mine[k][start : start + x.shape[0]] = x

    def _made(self, name: str, kind: type, fields: dict[str, Any]) -> dict[str, Any]:
        """Column ``name``'s holder fields, made on its first block: an array of every row for each array of
        ``fields`` (of its dtype), the other fields as given."""
        mine = self.arrays.get(name)
        if mine is None:
            with self._lock:
                mine = self.arrays.get(name)
                if mine is None:
                    self.kinds[name] = kind
                    mine = self.arrays[name] = {
                        k: np.empty(self.rows, dtype=x.dtype) if isinstance(x, np.ndarray) else x
                        for k, x in fields.items()
                    }
        return mine

    def columns(self) -> dict[str, Any]:
        """The whole result: numpy arrays and typed holders, by column name, in the blocks' column order."""
        out: dict[str, Any] = {}
        for name, fields in self.arrays.items():
            kind = self.kinds[name]
            if issubclass(kind, np.ma.MaskedArray):
                out[name] = np.ma.MaskedArray(fields["data"], mask=fields["mask"])
            elif issubclass(kind, np.ndarray):
                out[name] = fields[""]
            else:
                out[name] = kind(**fields)
        return out


def in_blocks(
    table: _Table,
    cal: WorkCalendar,
    run: Run,
    form: Output,
    whole: Callable[[], object] | None = None,
    *,
    longer: bool = False,
) -> Result:
    """``run`` over a long table, a block of rows at a time (its rows are independent: a block's pauses and log
    occurrences are its own rows', handed to it by ``run``).

    The first block runs in the calling thread (it makes the result's columns and the calendar's day tables).
    Then the calling thread and ``SLACLOCK_THREADS - 1`` threads of :mod:`slaclock._base.blocks`' pool each take
    the next block not yet taken until none is left, each writing its own rows of the result: numpy releases
    the GIL in the loops that are most of a block's time, and a thread slowed by other work on its core takes
    fewer blocks. Each pool thread runs in a copy of the caller's context, so the calendar's projected reads are
    collected for the one warning ``evaluate`` gives.

    A refusal found in a block is raised as the whole table gives it (the counts
    and the first row of the whole, not the block's), once every thread has stopped: ``run`` on the whole table,
    or ``whole()`` where the caller's own whole-table way says it in other words (a calendar per row).

    ``longer``: blocks twice as long on threads (:func:`slaclock._base.blocks.rows_per_block`), for event columns
    alone. Seed 001 on 10M cases on two cores: 258 → 189-190 ns a case (a mapping), polars 274-296 → 236-244,
    pandas 294-313 → 200-228, for 16-19 MiB more at the peak. With a log (a help desk's policy, 1M tickets) they
    were no faster and took 36-60 MiB more, so a log or pauses keep :data:`BLOCK`.
    """
    put = Assembly(table.rows, cal, table.lib, form)
    rows = blocks.rows_per_block(table.rows, BLOCK) if longer else BLOCK
    starts = range(0, table.rows, rows)
    workers = 1 if blocks.on_pool() else min(blocks.threads(), len(starts) - 1)
    taking = threading.Lock()
    left = iter(starts[1:])
    failed = threading.Event()

    def block(start: int) -> dict[str, int]:
        with taking:  # slicing the table and reading the block's pauses and log: one thread at a time
            stop = min(start + rows, table.rows)
            evaluate = run(table.rows_from(start, stop), start, stop)
        return evaluate(functools.partial(put.put, start))  # each clause's columns go in as they are made

    def work() -> dict[str, int]:
        counts: dict[str, int] = {}
        try:
            while not failed.is_set():
                with taking:
                    start = next(left, None)
                if start is None:
                    break
                for name, n in block(start).items():
                    counts[name] = counts.get(name, 0) + n
        except BaseException:
            failed.set()  # the other threads stop at their next block
            raise
        return counts

    flagged: dict[str, int] = {}
    try:
        found = [block(0)]
        helpers: list[Future[dict[str, int]]] = []
        try:
            if workers > 1:
                pool = blocks.pool(blocks.threads())
                helpers = [pool.submit(contextvars.copy_context().run, work) for _ in range(workers - 1)]
            found.append(work())
        finally:
            for f in helpers:  # every thread has stopped before the whole table runs, or the error goes up
                f.exception()
        found += [f.result() for f in helpers]
        for counts in found:
            for name, n in counts.items():
                flagged[name] = flagged.get(name, 0) + n
    except SlaclockError as exc:
        if whole is None:
            run(table, 0, table.rows)(lambda columns: None)  # raises what the whole table gives
        else:
            whole()
        raise exc from None  # pragma: no cover - a block refused what the whole table takes
    return put.columns(), flagged
