"""Choices on int64 columns without a branch per row, and without temporaries the size of a column.

With scattered masks (the rows met, the rows started), ``np.where(mask, a, b)``
and ``a[mask] = v`` cost 3.5-4.5 ns a row on the machines slaclock is measured
on: a mispredicted branch per row. :func:`select` makes the choice as integer
arithmetic, ``b + (a - b) * mask`` (about 1 ns, the same on every row);
:func:`fill` writes through the positions of the masked rows, whose temporary
is as long as the mask has rows set (NaT rows: a few percent), not as the column.
On these machines a temporary of a column's size can cost more than the
arithmetic: its fresh pages (``benchmarks/bench_evaluate.py`` measures the
evaluate pipeline built on them).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from slaclock._base.instants import NAT_INT

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


def select(
    mask: Mask, a: npt.NDArray[np.signedinteger[Any]] | int, b: I64 | int | np.int64, out: I64 | None = None
) -> I64:
    """``np.where(mask, a, b)`` for int64 columns or scalars, as a new array (or into ``out``, which may be ``a``
    itself but not ``b``): ``b + (a - b) * mask`` in int64 arithmetic, which wraps, so it is exact for any values
    (the product is by 0 or 1). Three passes into one array: where the bit masks it replaced (``(a & m) | (b &
    ~m)``) made two, and two block-sized temporaries freed together are what glibc hands back to the kernel
    (0.8-0.9 ns a row against 3.9-4.3 on 65,536 rows here). ``a`` may be narrower (int32 days) when ``b`` is an
    int64 array or ``np.int64``: the arithmetic is then int64 (a plain ``int`` takes ``a``'s type, by NEP 50)."""
    if out is None:
        out = np.empty(mask.shape, dtype=np.int64)
    elif isinstance(b, np.ndarray) and np.may_share_memory(out, b):
        raise ValueError("select(out=) may be the array a, not b: b is read after out is written")
    np.subtract(a, b, out=out)
    np.multiply(out, mask.view(np.int8), out=out)
    np.add(out, b, out=out)
    return out


def valid_or_nat(
    values: npt.NDArray[np.signedinteger[Any]], bitmap: npt.NDArray[np.uint8], offset: int, out: I64
) -> I64:
    """``values`` (int64, or int32 days) into ``out``, NAT_INT where an Arrow validity ``bitmap`` says null: bit
    ``offset`` of ``bitmap`` (its bytes from the buffer's start) is the first value's. Only the values' own bytes
    are unpacked (a block of a long column comes as its whole bitmap and an offset: unpacking from the start made
    reading a table in blocks quadratic), and NaT is chosen by :func:`select`, read straight from ``values``."""
    n, skip = values.shape[0], offset % 8
    bits = bitmap[offset // 8 : (offset + n + 7) // 8]
    valid = np.unpackbits(bits, count=skip + n, bitorder="little")[skip:].view(np.bool_)
    return select(valid, values, np.int64(NAT_INT), out=out)  # an int64 NaT: a plain int would take int32's type


def fill(dest: I64, mask: Mask, value: int) -> None:
    """``dest[mask] = value`` in place, through the rows' positions: no temporary the size of ``dest``."""
    dest[np.flatnonzero(mask)] = value


_S_PER_DAY = 86_400


def midnights(days: npt.NDArray[Any], out: npt.NDArray[np.datetime64] | None = None) -> npt.NDArray[np.datetime64]:
    """``datetime64[D]`` days (or their int64 epoch days) as ``datetime64[s]`` midnights, NaT kept, as a new array or
    into ``out`` (a ``datetime64[s]`` array of their shape): what ``days.astype("datetime64[s]")`` gives, for days
    within ``datetime64[s]``'s range (every calendar day is), at a tenth of its cost. numpy's cast takes about 2.9 ns
    a day (it checks each value for NaT and overflow); a product is 0.3, and NaT, which the product takes to 0
    (2**63 * 86,400 wraps to 0), is written back through its positions (:func:`fill`)."""
    if days.dtype != np.dtype("datetime64[D]") and days.dtype != np.dtype(np.int64):
        raise ValueError(f"midnights() takes datetime64[D] or int64 days; got {days.dtype}")
    d = np.ascontiguousarray(days).view(np.int64)
    if out is None:
        out = np.empty(d.shape, dtype="datetime64[s]")
    o = out.view(np.int64)
    np.multiply(d, _S_PER_DAY, out=o)
    fill(o, d == NAT_INT, NAT_INT)
    return out
