"""Blocks of rows, run on a few threads: numpy releases the GIL inside its gathers and ufunc loops.

Column operations work in blocks of ``BLOCK`` rows so that their temporaries stay in
cache (whole 1M columns ran about twice as slow). Blocks are independent, so with four
or more of them they run on a small thread pool: about 1.5x faster on 2 cores. Working
time and clock time on threads take blocks twice as long (:func:`rows_per_block`).
``Contract.evaluate`` on a long table shares the pool (``_contracts/assembly.py``):
its blocks are taken in turn by the calling thread and the pool's.

``SLACLOCK_THREADS`` sets the number of threads: a whole number from 1 to
``MAX_THREADS`` (32); ``1`` turns threading off, and a larger number is capped at
``MAX_THREADS``. Unset (or empty), it is the number of CPUs this process may use, at
most 8. Any other value (``"abc"``, ``"0"``, ``"-2"``) is refused with
:class:`~slaclock.InvalidInputError`, raised by the first column call large enough to
run on threads (four blocks, 196,609 rows or more; an ``evaluate`` of more than 131,072
cases), and by every such call until it
is fixed. It is read once, at the first threaded call that reads it successfully.

Forks and threads. The pool is made at the first threaded call and kept. A process
started by ``fork`` (``multiprocessing``'s default start on Linux, Spark's Python
workers) inherits the pool but not its threads: the child forgets it
(``os.register_at_fork``; and a pool made in another process is never used) and makes
its own. Calls from several threads at once share the pool; each waits only for its
own blocks.

A block function must not touch shared state other than its own slice of the outputs,
nor the process's warning filters (which are shared by every thread): it should not
warn at all, and leave that to the call it serves.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Final

from slaclock._base.show import brief
from slaclock.errors import InvalidInputError

__all__ = ["BLOCK", "MAX_THREADS", "for_each_block", "on_pool", "pool", "rows_per_block", "threads"]

BLOCK: Final = 1 << 16
"""Rows per block: a dozen int64 temporaries of a block (~6 MB) stay in cache."""
MAX_THREADS: Final = 32
"""The most threads ``SLACLOCK_THREADS`` may ask for; a larger number is capped to it."""
_DEFAULT_MAX: Final = 8


@functools.cache
def threads() -> int:
    """How many threads blocks may run on (``SLACLOCK_THREADS``, else the usable CPUs, at most 8).

    Raises
    ------
    InvalidInputError
        ``SLACLOCK_THREADS`` is set to something other than a whole number from 1 up
        (numbers above ``MAX_THREADS`` are capped).
    """
    raw = os.environ.get("SLACLOCK_THREADS", "").strip()
    if raw:
        digits = raw.lstrip("0") if raw.isascii() and raw.isdigit() else ""
        if not digits:  # not a whole number, or zero
            raise InvalidInputError(
                f"SLACLOCK_THREADS={brief(raw)} is not a number of threads: give a whole number from 1 "
                f"(no threads) to {MAX_THREADS} (larger numbers are capped), or unset it for the default "
                f"(the usable CPUs, at most {_DEFAULT_MAX})"
            )
        return MAX_THREADS if len(digits) > 3 else min(int(digits), MAX_THREADS)  # no int() of 5,000 digits
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, _DEFAULT_MAX))


_PREFIX: Final = "slaclock-pool"
_lock = threading.Lock()
_pools: dict[int, ThreadPoolExecutor] = {}
_owner = os.getpid()
"""The process that made the pools in ``_pools``."""


def pool(workers: int) -> ThreadPoolExecutor:
    """The kept pool of ``workers`` threads (made at the first call in this process).

    A task on it must not wait on other tasks of the pool (the pool's threads could all be waiting):
    :func:`for_each_block` called from a pool thread runs its blocks in that thread.
    """
    global _owner
    with _lock:
        if _owner != os.getpid():  # a fork that did not run the at-fork hook (a fork from C)
            _pools.clear()
            _owner = os.getpid()
        pool = _pools.get(workers)
        if pool is None:
            pool = _pools[workers] = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=_PREFIX)
        return pool


def _forget_pools() -> None:
    """In a forked child: the pools' threads did not survive the fork, so forget the pools (without waiting
    on them) and the lock (another thread of the parent may have held it)."""
    global _lock, _owner
    _lock = threading.Lock()
    _pools.clear()
    _owner = os.getpid()


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_forget_pools)


def on_pool() -> bool:
    """Whether this thread is one of the pools' (a block of a call already on threads): blocks it would hand
    to the pool run in it instead, as a pool thread waiting on the pool could wait forever."""
    return threading.current_thread().name.startswith(_PREFIX)


def rows_per_block(size: int, block: int) -> int:
    """Rows per block for a column of ``size`` rows whose blocks are ``block`` rows on one thread: twice as many
    where they will run on threads, four blocks or more of them.

    Each of a block's few dozen numpy calls hands the GIL over to the other threads between
    its steps; on two cores, blocks of 65,536 rows lost more to those handovers than they gained
    in cache over blocks of 131,072 (on 1M instants, ``sc.deadlines`` of "48小时" and "8个工作小时"
    and ``add_working_time`` 11-16 % faster with this and the blocks all on threads, on a quiet
    machine; ``benchmarks/bench_threads.py``), where one thread is fastest with the shorter blocks.
    """
    return 2 * block if size >= 8 * block and threads() > 1 and not on_pool() else block


def for_each_block(fn: Callable[[int, int], None], size: int, block: int, *, parallel: bool = True) -> None:
    """``fn(lo, hi)`` for every block of rows; on threads when allowed and there are four blocks or more.

    The first exception raised by a block is raised here (other blocks may still finish).
    """
    starts = range(0, size, block)
    workers = threads() if parallel and len(starts) >= 4 and not on_pool() else 1
    if workers > 1:
        futures = [pool(workers).submit(fn, lo, min(lo + block, size)) for lo in starts]
        for f in futures:
            f.result()
        return
    for lo in starts:
        fn(lo, min(lo + block, size))
