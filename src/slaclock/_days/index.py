"""The compiled per-calendar tables every query reads.

Maintainer's notes
------------------
Days are numbered by *index* ``i`` = days since the table's first day. Three
tables answer every working-day question with one or two gathers:

``work[i]``
    whether day ``i`` is a workday;
``rank[i]``
    how many workdays lie in ``[0, i)`` (length ``n + 1``, so ``rank[n]`` exists
    and half-open counts ending one past the table work);
``posday[k]``
    the epoch day (days since 1970-01-01) of the ``k``-th workday (0-based).

Then ``workdays_between(a, b) = rank[b] - rank[a]``, the ``n``-th workday after
``i`` (``n > 0``) is ``posday[rank[i + 1] + n - 1]``, and the ``|n|``-th before it
(``n < 0``) is ``posday[rank[i] + n]``. The scalar fast paths read Python-list
copies of the same tables, because indexing a list with an ``int`` costs a
fraction of indexing an ndarray.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, TypeVar, final

import numpy as np
import numpy.typing as npt

from slaclock._base.instants import EPOCH_ORDINAL, NAT_INT, as_date
from slaclock._days.kinds import KINDS_BY_CODE

__all__ = ["EPOCH_ORDINAL", "NAT_INT", "Index", "as_date"]  # the first two and as_date live in _base.instants
_WORKING_BY_CODE: Final = np.array([k.is_workday for k in KINDS_BY_CODE], dtype=bool)


@final
class Index:
    """Flat tables for one calendar over ``[first, first + n)``; immutable after construction."""

    __slots__ = (
        "d0",
        "kind",
        "n",
        "npos",
        "o0",
        "official_last",
        "pos_ord_l",
        "posday",
        "rank",
        "rank64",
        "rank_after",
        "rank_after64",
        "rank_l",
        "work",
        "work_l",
    )

    d0: int
    o0: int
    n: int
    npos: int
    official_last: int
    kind: npt.NDArray[np.int8]
    work: npt.NDArray[np.bool_]
    rank: npt.NDArray[np.int32]
    rank_after: npt.NDArray[np.int32]
    rank64: npt.NDArray[np.int64]
    rank_after64: npt.NDArray[np.int64]
    posday: npt.NDArray[np.int64]
    rank_l: list[int]
    pos_ord_l: list[int]
    work_l: list[bool]

    def __init__(self, first: dt.date, kind: npt.NDArray[np.int8], official_last: int) -> None:
        self.o0 = first.toordinal()
        self.d0 = self.o0 - EPOCH_ORDINAL
        self.n = int(kind.shape[0])
        self.official_last = official_last
        self.kind = _frozen(kind.astype(np.int8, copy=True))
        self.work = _frozen(_WORKING_BY_CODE[self.kind])
        rank = np.zeros(self.n + 1, dtype=np.int32)
        np.cumsum(self.work, out=rank[1:])
        self.rank = _frozen(rank)
        self.rank_after = self.rank[1:]
        # int64 copies let the vector kernels gather in place into one int64 buffer (see _calendar).
        self.rank64 = _frozen(rank.astype(np.int64))
        self.rank_after64 = self.rank64[1:]
        pos = np.flatnonzero(self.work).astype(np.int64) + self.d0
        self.npos = int(pos.shape[0])
        # one entry past the last workday (the day after the table), never an answer: gathers for masked
        # rows (NaT, rows not asked) stay in bounds even on a calendar without a single workday
        self.posday = _frozen(np.append(pos, self.d0 + self.n))
        self.rank_l = rank.tolist()
        self.pos_ord_l = (pos + EPOCH_ORDINAL).tolist()
        self.work_l = self.work.tolist()

    def date_of(self, i: int) -> dt.date:
        """The civil date of index ``i``."""
        return dt.date.fromordinal(self.o0 + i)


_A = TypeVar("_A", bound="np.ndarray[Any, Any]")


def _frozen(a: _A) -> _A:
    a.setflags(write=False)
    return a
