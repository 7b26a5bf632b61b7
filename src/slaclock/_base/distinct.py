"""The distinct values of a column that has a handful of them (the periods of a help desk's priorities), found by a
comparison pass per value rather than by sorting or hashing each row; and Python objects told apart by identity,
read from an object array's pointers rather than by a Python call per row."""

from __future__ import annotations

import ctypes
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

__all__ = ["addresses", "by_identity", "few_distinct"]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]

SAMPLE = 4_096
""":func:`by_identity` counts the distinct objects of this many first rows before it reads the column."""


def few_distinct(n: int, same_as: Callable[[int], Mask], few: int) -> tuple[list[int], I64] | None:
    """The first row of each distinct value of a column of ``n`` rows and each row's index among them, from
    ``same_as(i)`` (the rows equal to row ``i``), in the order of their first rows; None past ``few`` values (at
    most 127: the codes are counted in int8)."""
    if not 0 < few < 128:
        raise ValueError(f"few must be 1..127, got {few}")
    codes = np.zeros(n, dtype=np.int8)
    matched = np.zeros(n, dtype=bool)
    first: list[int] = []
    while len(first) < few and n:
        i = int(np.argmin(matched))  # the first row not matched yet
        if matched[i]:
            return first, codes.astype(np.int64)
        same = same_as(i)
        codes += same.view(np.int8) * np.int8(len(first))  # each row is in one pass's ``same``: added once
        matched |= same
        first.append(i)
    if n and not matched.all():
        return None
    return first, codes.astype(np.int64)


def addresses(values: npt.NDArray[np.object_]) -> npt.NDArray[np.intp]:
    """The address of each object a flat object array holds (its identity while the array holds it), read from the
    array's buffer of pointers through ``ctypes``, without a Python call per row (``map(id, ...)`` over the column's
    list took about 45 ns a row of the 55-60 a column of ``Period`` objects cost). A copy: it does not depend on the
    array's lifetime."""
    if values.dtype.kind != "O" or values.ndim != 1:
        raise TypeError(f"a flat object array is needed, got {values.dtype} of {values.ndim} dimensions")
    held = np.ascontiguousarray(values)
    if not held.size:
        return np.zeros(0, dtype=np.intp)
    pointers = memoryview((ctypes.c_ssize_t * held.size).from_address(held.ctypes.data))
    return np.frombuffer(pointers, dtype=np.intp).copy()  # read while ``held`` is alive, here


def by_identity(values: npt.NDArray[np.object_], few: int = 16) -> tuple[list[int], I64] | None:
    """:func:`few_distinct` of a flat object array's objects by identity (a column of ``Period`` objects, or of
    text a list of literals made, repeats a few objects); None past ``few`` objects, known from the first
    :data:`SAMPLE` rows where they hold more (equal text as an object per row, read from a file: the caller hashes
    it instead), else after a pass per object."""
    ids = addresses(values)
    if np.unique(ids[:SAMPLE]).size > few:
        return None
    return few_distinct(ids.size, lambda i: ids == ids[i], few)
