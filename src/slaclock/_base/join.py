"""Where each value of one column is found in another whose values are distinct: a log's case keys among the
events table's (``evaluate(..., log=..., key=...)``), for whole numbers and fixed-width text, without a Python call
or a binary search per row.

A binary search per row (``np.searchsorted`` with the rows in the log's order) misses the cache at each of its
steps: about 360 ns a row for 3M keys looked up among 1M. Here whole numbers that lie close together (ticket
numbers) are looked up in a table indexed by value (about 12 ns a row); others are searched in sorted order (both
sides sorted first: about 60-90 ns a row). Text is hashed to 64-bit numbers a word at a time, the numbers joined,
and every match checked against the text, so a collision can cost time but never a wrong row.

The functions answer None where they do not answer fast and exactly (a value the keys do not hold, a key twice,
columns of other kinds): the caller then takes its exact general way, which also words its refusals.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import numpy.typing as npt

__all__ = ["key_positions"]

I64 = npt.NDArray[np.int64]

DENSE: Final = 2
"""Whole-number keys spanning at most this many values per key (plus :data:`SLACK`) are looked up in a table
indexed by value: 8 bytes a value of the span."""
SLACK: Final = 1 << 16
BLOCK_BYTES: Final = 1 << 20
"""Text is hashed and checked in blocks of about this many bytes, so each block's rows are read from the cache."""

_SEED: Final = np.uint64(0xCBF29CE484222325)
_PRIME: Final = np.uint64(0x100000001B3)
_MIX: Final = np.uint64(0x9E3779B97F4A7C15)


def key_positions(keys: npt.NDArray[Any], wanted: npt.NDArray[Any]) -> I64 | None:
    """The position in ``keys`` of each value of ``wanted`` (two flat numpy arrays), or None: where a value of
    ``wanted`` is not among ``keys``, where ``keys`` holds a value twice, or where the two are not both whole numbers
    of one signedness or both fixed-width text (``U``)."""
    if keys.ndim != 1 or wanted.ndim != 1:
        return None
    k, w = keys.dtype, wanted.dtype
    if k.kind == w.kind == "U":
        return _text_positions(keys, wanted)
    if k.kind in "iu" and w.kind == k.kind and k.itemsize <= 8 and w.itemsize <= 8:
        return int_positions(_as_int64(keys), _as_int64(wanted))
    return None


def _as_int64(a: npt.NDArray[Any]) -> I64:
    """Whole numbers as int64, one to one (uint64 by its bits: only equality is asked of them)."""
    if a.dtype == np.uint64:
        return np.ascontiguousarray(a).view(np.int64)
    return a.astype(np.int64, copy=False)


def int_positions(keys: I64, wanted: I64) -> I64 | None:
    """:func:`key_positions` for int64 columns."""
    n = keys.size
    if n == 0:
        return None if wanted.size else np.zeros(0, dtype=np.int64)
    lo, hi = int(keys.min()), int(keys.max())
    span = hi - lo + 1
    if span <= DENSE * n + SLACK:
        return _dense(keys, wanted, lo, span)
    return _sorted(keys, wanted)


def _dense(keys: I64, wanted: I64, lo: int, span: int) -> I64 | None:
    """Looked up in a table of ``span`` slots from ``lo``: each key's row, -1 for no key."""
    table = np.full(span, -1, dtype=np.int64)
    table[keys - lo] = np.arange(keys.size, dtype=np.int64)  # within the span: no wrap
    if np.count_nonzero(table >= 0) != keys.size:  # two keys wrote one slot
        return None
    offset = wanted.view(np.uint64) - np.uint64(lo % (1 << 64))  # below lo wraps to a huge offset
    if wanted.size and int(offset.max()) >= span:
        return None
    pos = table.take(offset.view(np.int64))
    return None if pos.size and int(pos.min()) < 0 else pos


def _sorted(keys: I64, wanted: I64) -> I64 | None:
    """Searched with both sides in order: each step of the search finds the rows near the last one's."""
    order = np.argsort(keys)
    ranked = keys.take(order)
    if ranked.size > 1 and bool((ranked[1:] == ranked[:-1]).any()):
        return None
    if wanted.size < 2 or bool((wanted[1:] >= wanted[:-1]).all()):  # a log in the keys' order: as it is
        w_order = None
        needles = wanted
    else:
        w_order = np.argsort(wanted)
        needles = wanted.take(w_order)
    at = np.searchsorted(ranked, needles)
    np.minimum(at, ranked.size - 1, out=at)
    if not bool((ranked.take(at) == needles).all()):
        return None
    rows = order.take(at)
    if w_order is None:
        return rows
    out = np.empty(wanted.size, dtype=np.int64)
    out[w_order] = rows
    return out


def _text_positions(keys: npt.NDArray[np.str_], wanted: npt.NDArray[np.str_]) -> I64 | None:
    """:func:`key_positions` for text: joined by 64-bit hashes, each match then compared with the text."""
    width = max(keys.dtype.itemsize, wanted.dtype.itemsize) // 4
    if width == 0:
        return None
    same = np.dtype(f"<U{width}")
    keys = np.ascontiguousarray(keys, dtype=same)  # the narrower one padded with zeros, as numpy compares them
    wanted = np.ascontiguousarray(wanted, dtype=same)
    pos = int_positions(text_hashes(keys), text_hashes(wanted))
    if pos is None:  # a key twice, a key not there, or two keys of one hash: the caller's exact way says which
        return None
    rows = max(1, BLOCK_BYTES // same.itemsize)
    for lo in range(0, wanted.size, rows):
        hi = lo + rows
        if not bool((keys.take(pos[lo:hi]) == wanted[lo:hi]).all()):
            return None
    return pos


def text_hashes(text: npt.NDArray[np.str_]) -> I64:
    """A 64-bit hash of each row of a contiguous fixed-width text array (equal texts, equal hashes), from its words:
    8 bytes at a time where they lie, the last 4 as one if the width leaves them; a block of rows at a time."""
    n, itemsize = text.size, text.dtype.itemsize
    raw = text.view(np.uint8)
    out = np.empty(n, dtype=np.uint64)
    rows = max(1, BLOCK_BYTES // itemsize)
    for lo in range(0, n, rows):
        m = min(rows, n - lo)
        h = out[lo : lo + m]
        h[...] = _SEED
        at = 0
        while at < itemsize:
            word: type[np.unsignedinteger[Any]] = np.uint64 if itemsize - at >= 8 else np.uint32
            column = np.ndarray((m,), dtype=word, buffer=raw, offset=lo * itemsize + at, strides=(itemsize,))
            h ^= column
            h *= _PRIME
            at += np.dtype(word).itemsize
        h ^= h >> np.uint64(29)
        h *= _MIX
        h ^= h >> np.uint64(32)
    return out.view(np.int64)
