"""Column deadlines written into the caller's own arrays: ``deadlines(..., out=(due, last_day, provisional))``.

A call that returns new columns hands the kernel fresh pages to zero for them, and between calls glibc gives freed
ones back (see docs/performance.md); a loop over chunks of a long table can instead keep three arrays and have each
chunk's deadlines written into them. A day period's table gathers straight into them; every other way computes its
columns as usual and copies them in.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from slaclock._base.show import brief
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._rules.columns import Deadlines

__all__ = ["check_out", "held"]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
_KINDS: Final = (
    ("due", np.dtype("datetime64[us]")),
    ("last_day", np.dtype("datetime64[D]")),
    ("provisional", np.dtype(bool)),
)


def check_out(out: Any, starts: npt.NDArray[Any]) -> tuple[I64, I64, Mask]:
    """``out``'s three arrays as flat int64, int64 and bool views, once each is the right dtype, the shape of
    ``starts``, writeable and C-contiguous, and none overlaps another or the starts."""
    if not isinstance(out, tuple | list) or len(out) != len(_KINDS) or not all(isinstance(a, np.ndarray) for a in out):
        raise InvalidInputError(
            "out must be a tuple (due, last_day, provisional) of three numpy arrays: datetime64[us], datetime64[D] "
            f"and bool, each the shape of the starts; got {brief(out)}"
        )
    for (name, dtype), a in zip(_KINDS, out, strict=True):
        if a.dtype != dtype:
            raise InvalidInputError(f"out's {name} must be a {dtype} array; got {a.dtype}")
        if a.shape != starts.shape:
            raise InvalidInputError(f"out's {name} has shape {a.shape}; the starts have shape {starts.shape}")
        if not a.flags.writeable or not a.flags.c_contiguous:
            raise InvalidInputError(f"out's {name} must be writeable and C-contiguous (np.empty gives such arrays)")
    arrays = [*out, starts]
    for i, a in enumerate(out):
        for b in arrays[i + 1 :]:
            if np.may_share_memory(a, b):
                raise InvalidInputError("out's three arrays must not overlap each other or the starts")
    return out[0].view(np.int64).reshape(-1), out[1].view(np.int64).reshape(-1), out[2].reshape(-1)


def held(out: Any, d: Deadlines[Any]) -> Deadlines[Any]:
    """The deadlines ``d`` holding ``out``'s arrays, each filled with its column (copied in where the column was not
    gathered into it)."""
    for mine, column in zip(out, (d.due, d.last_day, d.provisional), strict=True):
        if not np.may_share_memory(mine, column):
            np.copyto(mine, column)
    return dataclasses.replace(d, due=out[0], last_day=out[1], provisional=out[2])
