"""Blocks of rows, run on a few threads: numpy releases the GIL inside its gathers and ufunc loops.

Column operations work in blocks of ``BLOCK`` rows so that their temporaries stay in
cache (whole 1M columns ran about twice as slow). Blocks are independent, so with four
or more of them they run on a small thread pool: about 1.5x faster on 2 cores.

``SLACLOCK_THREADS`` sets the number of threads (``1`` turns threading off; the default is
the number of CPUs this process may use, at most 8). It is read once, at the first
threaded call. A block function must not touch shared state other than its own slice of
the outputs, nor the process's warning filters (which are shared by every thread): it
should not warn at all, and leave that to the call it serves.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Final

__all__ = ["BLOCK", "for_each_block", "threads"]

BLOCK: Final = 1 << 16
"""Rows per block: a dozen int64 temporaries of a block (~6 MB) stay in cache."""


@functools.cache
def threads() -> int:
    """How many threads blocks may run on (``SLACLOCK_THREADS``, else the usable CPUs, at most 8)."""
    raw = os.environ.get("SLACLOCK_THREADS", "").strip()
    if raw:
        try:
            return max(1, int(raw))
        except ValueError:
            return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 8))


@functools.cache
def _pool(workers: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="slaclock")


def for_each_block(fn: Callable[[int, int], None], size: int, block: int, *, parallel: bool = True) -> None:
    """``fn(lo, hi)`` for every block of rows; on threads when allowed and there are four blocks or more.

    The first exception raised by a block is raised here (other blocks may still finish).
    """
    starts = range(0, size, block)
    workers = threads() if parallel else 1
    if workers > 1 and len(starts) >= 4:
        futures = [_pool(workers).submit(fn, lo, min(lo + block, size)) for lo in starts]
        for f in futures:
            f.result()
        return
    for lo in starts:
        fn(lo, min(lo + block, size))
