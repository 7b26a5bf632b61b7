"""Choices on int64 columns without a branch per row, and without temporaries the size of a column.

With scattered masks (the rows met, the rows started), ``np.where(mask, a, b)``
and ``a[mask] = v`` cost 3.5-4.5 ns a row on the machines slaclock is measured
on: a mispredicted branch per row. :func:`select` makes the choice as bit
arithmetic on a mask of all-ones words (about 1.4 ns, the same on every row);
:func:`fill` writes through the positions of the masked rows, whose temporary
is as long as the mask has rows set (NaT rows: a few percent), not as the column.
On these machines a temporary of a column's size can cost more than the
arithmetic: its fresh pages (``benchmarks/bench_evaluate.py`` measures the
evaluate pipeline built on them).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


def _ones(mask: Mask) -> I64:
    """-1 (every bit set) where ``mask``, 0 elsewhere."""
    k = mask.view(np.int8).astype(np.int64)
    np.negative(k, out=k)
    return k


def select(mask: Mask, a: I64 | int, b: I64 | int) -> I64:
    """``np.where(mask, a, b)`` for int64 columns or scalars, as a new array."""
    k = _ones(mask)
    out = np.bitwise_and(a, k)
    np.invert(k, out=k)
    np.bitwise_and(b, k, out=k)
    np.bitwise_or(out, k, out=out)
    return out


def fill(dest: I64, mask: Mask, value: int) -> None:
    """``dest[mask] = value`` in place, through the rows' positions: no temporary the size of ``dest``."""
    dest[np.flatnonzero(mask)] = value
