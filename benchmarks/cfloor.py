"""Fused C loops as floors: what one compiled pass over a column costs, beside slaclock's numpy engine.

The issue that asked for them (18, item 3) asks whether a compiled kernel would earn its place; these loops
answer with figures, in the same run as the engine they are set against. Each is the work of one operation,
specialised and fused into a single loop (read a row, compute, write it), compiled here with the machine's C
compiler (``cc -O2``) into a temporary folder and called through ``ctypes``. They are floors, not alternatives:
no zone, no NaT, no bounds checks, no errors, one calendar's tables given ready-made. Without a compiler the rows
are skipped with a note; nothing of slaclock needs one.
"""

from __future__ import annotations

import atexit
import ctypes
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

__all__ = ["GATHER_C", "WORKING_TIME_C", "compiled"]

GATHER_C = r"""
#include <stdint.h>
/* the last day of a day period from a table of every start day: read a minute, gather, write */
void gather_days(const int64_t *minutes, int64_t *out, long n, const int64_t *table, int64_t first_day) {
    for (long j = 0; j < n; j++) {
        int64_t m = minutes[j];
        int64_t d = (m >= 0 ? m : m - 1439) / 1440;  /* floor division */
        out[j] = table[d - first_day];
    }
}
"""

WORKING_TIME_C = r"""
#include <stdint.h>
/* t + `add` working microseconds on a calendar whose workdays all open 09:00-12:00 and 13:30-18:00 (7.5 h):
   the working time before t (workdays before its day, times 7.5 h, plus what its day has worked by then),
   plus `add`, back to an instant through the k-th workday. A sum that ends exactly at a close stays there. */
void add_working(const int64_t *t, int64_t *out, long n, const int64_t *workday, const int64_t *before,
                 const int64_t *workdays, int64_t first_day, int64_t add) {
    const int64_t DAY = 86400000000LL, H = 3600000000LL, LEN = 27000000000LL;
    for (long j = 0; j < n; j++) {
        int64_t us = t[j];
        int64_t day = (us >= 0 ? us : us - DAY + 1) / DAY;
        int64_t tod = us - day * DAY, i = day - first_day;
        int64_t a = tod - 9 * H, b = tod - 13 * H - H / 2;
        a = a < 0 ? 0 : (a > 3 * H ? 3 * H : a);
        b = b < 0 ? 0 : (b > 4 * H + H / 2 ? 4 * H + H / 2 : b);
        int64_t pos = before[i] * LEN + (a + b) * workday[i] + add - 1;
        int64_t k = pos / LEN, r = pos - k * LEN + 1;
        out[j] = workdays[k] * DAY + 9 * H + r + (r > 3 * H ? H + H / 2 : 0);
    }
}
"""

_DIRS: list[str] = []


def compiled(source: str, name: str) -> Callable[..., None] | None:
    """The function ``name`` of C ``source``, compiled with ``cc -O2``; None without a compiler (or if it fails).

    Arguments are passed as numpy arrays (their data pointers), Python ints (``long``/``int64_t``) or plain ints.
    """
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        return None
    folder = tempfile.mkdtemp(prefix="slaclock-cfloor-")
    _DIRS.append(folder)
    src, lib = Path(folder) / "floor.c", Path(folder) / "floor.so"
    src.write_text(source, encoding="utf-8")
    done = subprocess.run([cc, "-O2", "-shared", "-fPIC", str(src), "-o", str(lib)], capture_output=True, check=False)
    if done.returncode != 0:
        return None
    fn = getattr(ctypes.CDLL(str(lib)), name)

    def call(*args: object) -> None:
        fn(*(ctypes.c_void_p(a.ctypes.data) if isinstance(a, np.ndarray) else ctypes.c_int64(int(a)) for a in args))

    return call


@atexit.register
def _cleanup() -> None:
    for folder in _DIRS:
        shutil.rmtree(folder, ignore_errors=True)
