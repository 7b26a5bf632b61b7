"""Reading an evaluate result for :func:`.report.report`: keys, states, durations, counts and instants, in any kind.

Each function reads one column of a pandas, polars or pyarrow table or of a
mapping of numpy arrays (``lib`` None) into numpy, and refuses a column that
``Contract.evaluate`` would not have given, naming it.
"""

from __future__ import annotations

import math
import sys
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from slaclock._base.dataframes import wall_times
from slaclock._base.show import brief
from slaclock._contracts.status import STATES
from slaclock._days.index import NAT_INT
from slaclock.errors import InvalidInputError

__all__ = [
    "KNOWN",
    "as_values",
    "counts",
    "durations",
    "group_ids",
    "key_codes",
    "sorted_codes",
    "states",
    "took",
    "wall_day",
]

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

KNOWN: Final = STATES  # evaluate's states, in the order of their codes


def key_codes(col: Any, lib: str | None, name: str) -> I64:
    """Codes of a ``by`` column: a pandas categorical or polars enum in its categories' order, others as they sort."""
    if lib == "pandas" and hasattr(col, "cat"):
        codes = col.cat.codes.to_numpy().astype(np.int64)
        return np.where(codes < 0, len(col.cat.categories), codes)  # missing last
    if lib == "polars" and isinstance(col.dtype, sys.modules["polars"].Enum):
        physical = col.to_physical().cast(sys.modules["polars"].Int64).fill_null(len(col.dtype.categories))
        return np.asarray(physical.to_numpy(), dtype=np.int64)
    # text: the library's own sort (numpy's of Python str objects is slow); missing last
    if lib == "polars" and col.dtype == sys.modules["polars"].String:
        ranks = col.rank("dense").cast(sys.modules["polars"].Int64)  # from 1, as the values sort; null stays null
        return np.asarray(ranks.fill_null(ranks.len() + 1).to_numpy(), dtype=np.int64)
    if lib == "pandas" and col.dtype == object:
        try:
            codes, uniques = sys.modules["pandas"].factorize(col, sort=True)
        except TypeError:  # values that do not sort together: said below
            return sorted_codes(as_values(col, lib), name)
        return np.where(codes < 0, len(uniques), codes).astype(np.int64)
    types = sys.modules["pyarrow"].types if lib == "pyarrow" else None
    if types is not None and col.null_count == 0 and not (types.is_dictionary(col.type) or types.is_null(col.type)):
        pc = sys.modules["pyarrow.compute"]
        return np.asarray(pc.rank(col, sort_keys="ascending", tiebreaker="dense").to_numpy(), dtype=np.int64)
    return sorted_codes(as_values(col, lib), name)


def as_values(col: Any, lib: str | None) -> npt.NDArray[Any]:
    """A column as numpy values, missing ones as None (object) or NaN / NaT."""
    if lib == "pandas":
        return np.asarray(col.to_numpy(dtype=object, na_value=None)) if col.hasnans else col.to_numpy()
    if lib == "polars":
        return np.asarray(col.to_list(), dtype=object) if col.null_count() else col.to_numpy()
    if lib == "pyarrow":
        return np.asarray(col.to_pylist(), dtype=object) if col.null_count else col.to_numpy()
    return np.asarray(col).reshape(-1)


def sorted_codes(a: npt.NDArray[Any], name: str) -> I64:
    """Codes ordered as the values sort (missing last): equal values, equal codes."""
    if a.dtype.kind in "biuUSmM" or (a.dtype.kind == "f"):
        _, inv = np.unique(a, return_inverse=True)  # NaN and NaT sort last
        return inv.reshape(-1).astype(np.int64)
    values = a.tolist()
    missing = [v is None or (isinstance(v, float) and math.isnan(v)) for v in values]
    present = {v for v, m in zip(values, missing, strict=True) if not m}
    try:
        order = sorted(present)
    except TypeError:
        raise InvalidInputError(f"by: the column {brief(name)} mixes values that do not sort together") from None
    index = {v: i for i, v in enumerate(order)}
    return np.fromiter(
        (len(order) if m else index[v] for v, m in zip(values, missing, strict=True)), np.int64, len(values)
    )


def states(col: Any, lib: str | None, clause: str) -> npt.NDArray[np.int8]:
    """A state column as evaluate's codes (the positions in ``STATES``); a value evaluate does not give is refused."""
    categories: list[Any] | None = None
    if lib == "pandas" and hasattr(col, "cat"):
        codes, categories = col.cat.codes.to_numpy(), list(col.cat.categories)
    elif lib == "polars" and col.dtype == sys.modules["polars"].Enum(KNOWN):
        codes, categories = col.to_physical().fill_null(-1).to_numpy(), list(KNOWN)
    elif lib == "pyarrow" and sys.modules["pyarrow"].types.is_dictionary(col.type):
        whole = col.combine_chunks() if hasattr(col, "combine_chunks") else col
        codes = whole.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        categories = whole.dictionary.to_pylist()
    if categories is not None:  # map each category once
        lut = np.array([KNOWN.index(v) if v in KNOWN else -1 for v in categories] + [-1], dtype=np.int8)
        out = lut[np.where(codes < 0, len(categories), codes)]
    else:
        if _int8(col, lib):  # evaluate(..., states="codes") in a table
            a = col.to_numpy() if lib != "pyarrow" else np.asarray(col.to_numpy(zero_copy_only=False))
        elif lib == "pandas":
            a = col.to_numpy(dtype=object, na_value=None)
        elif lib == "polars":
            a = np.asarray(col.cast(sys.modules["polars"].Utf8).to_list(), dtype=object)
        elif lib == "pyarrow":
            a = np.asarray(col.to_pylist(), dtype=object)
        else:
            a = np.asarray(col).reshape(-1)
        out = np.full(a.size, -1, dtype=np.int8)
        if a.dtype == np.int8:  # evaluate(..., states="codes"); other numbers are no states
            known = (a >= 0) & (a < len(KNOWN))
            out[known] = a[known]
        else:
            for i, name in enumerate(KNOWN):
                out[a == name] = i
    if (out < 0).any():
        i = int(np.argmax(out < 0))
        v = col[i] if lib != "pyarrow" else col[i].as_py()
        v = v.item() if isinstance(v, np.generic) else v
        raise InvalidInputError(
            f"results: {brief(clause + '.state')} holds {brief(v)} at row {i}, not a state evaluate gives "
            f"({', '.join(KNOWN)}); pass what Contract.evaluate returns"
        )
    return out


def _int8(col: Any, lib: str | None) -> bool:
    """Whether a table's column holds int8 without nulls: state codes (``evaluate(..., states="codes")``)."""
    if lib == "pandas":
        return str(col.dtype) == "int8"
    if lib == "polars":
        return bool(col.dtype == sys.modules["polars"].Int8) and col.null_count() == 0
    if lib == "pyarrow":
        return bool(col.type == sys.modules["pyarrow"].int8()) and col.null_count == 0
    return False


def group_ids(codes: list[I64]) -> tuple[I64, int]:
    """One id per distinct combination of the key codes, ids ordered as the combinations sort."""
    key = np.zeros(codes[0].size, dtype=np.int64)
    span = 1
    for k in codes:
        lo, hi = (int(k.min()), int(k.max())) if k.size else (0, 0)
        width = hi - lo + 1
        if span * width >= 2**62:  # too many combinations for one int64: sort the rows of keys instead
            uniq, gid = np.unique(np.stack(codes, axis=1), axis=0, return_inverse=True)
            return gid.reshape(-1).astype(np.int64), int(uniq.shape[0])
        key = key * width + (k - lo)
        span *= width
    uniq, gid = np.unique(key, return_inverse=True)
    return gid.reshape(-1).astype(np.int64), int(uniq.size)


def durations(col: Any, lib: str | None, name: str) -> tuple[I64, str]:
    """A duration column as µs (NAT_INT for missing)."""
    if lib == "pandas":
        a = col.to_numpy(dtype="timedelta64[us]", na_value=np.timedelta64("NaT")) if col.dtype.kind == "m" else None
    elif lib == "polars":
        a = col.to_numpy() if col.dtype.is_temporal() else None
    elif lib == "pyarrow":
        pa = sys.modules["pyarrow"]
        a = col.to_numpy() if pa.types.is_duration(col.type) else None
    else:
        a = np.asarray(col)
    if a is None or np.asarray(a).dtype.kind != "m":
        raise InvalidInputError(f"results: {brief(name)} must hold durations, as evaluate gives them")
    return np.asarray(a).astype("timedelta64[us]").view(np.int64).reshape(-1), "durations"


def took(col: Any, lib: str | None, name: str) -> tuple[F64, str]:
    """``<clause>.took`` as floats (µs or a count; NaN where not done) and its kind."""
    if lib == "pandas":
        integer = col.dtype.kind in "iu"
    elif lib == "polars":
        integer = col.dtype.is_integer()
    elif lib == "pyarrow":
        integer = sys.modules["pyarrow"].types.is_integer(col.type)
    else:
        integer = np.asarray(col).dtype.kind in "iu"
    if not integer:
        us, _ = durations(col, lib, name)
        return np.where(us == NAT_INT, np.nan, us.astype(np.float64)), "durations"
    if lib == "pandas":
        a = col.to_numpy(dtype=np.float64, na_value=np.nan)
    elif lib == "polars":
        a = col.cast(sys.modules["polars"].Float64).fill_null(np.nan).to_numpy()
    elif lib == "pyarrow":
        a = col.to_numpy(zero_copy_only=False).astype(np.float64)  # nulls come back as NaN
    else:
        m = np.ma.getmaskarray(col)
        a = np.where(m, np.nan, np.ma.getdata(col).astype(np.float64))
    return np.asarray(a, dtype=np.float64).reshape(-1), "counts"


def wall_day(col: Any, lib: str | None) -> I64:
    """The civil day (epoch days) of each instant in the column's own wall time (NAT_INT for missing)."""
    if lib == "pandas":
        if getattr(col.dtype, "tz", None) is not None:
            col = col.dt.tz_localize(None)
        a = col.to_numpy(dtype="datetime64[us]", na_value=np.datetime64("NaT"))
    elif lib == "polars":  # an aware one by slaclock's zone maps: polars' own drops summer time from 2100
        tz = getattr(col.dtype, "time_zone", None)
        a = col.to_numpy() if tz is None else wall_times(col, lib)
    elif lib == "pyarrow":  # and Arrow's from 2038
        pa = sys.modules["pyarrow"]
        aware = pa.types.is_timestamp(col.type) and col.type.tz is not None
        a = wall_times(col, lib) if aware else col.to_numpy(zero_copy_only=False)
    else:
        a = np.asarray(col)
    a = np.asarray(a).reshape(-1)
    if a.dtype.kind != "M":
        raise InvalidInputError(f"results: a '<clause>.start' column must hold instants; got {a.dtype}")
    days: I64 = a.astype("datetime64[D]").view(np.int64)
    return days


def counts(col: Any, lib: str | None, name: str) -> I64:
    """A column of whole counts or flags (cycles, ever_breached) as int64; missing as 0."""
    if lib == "pandas":
        ok = col.dtype.kind in "biu"
    elif lib == "polars":
        ok = col.dtype.is_integer() or col.dtype == sys.modules["polars"].Boolean
    elif lib == "pyarrow":
        types = sys.modules["pyarrow"].types
        ok = types.is_integer(col.type) or types.is_boolean(col.type)
    else:
        ok = np.asarray(col).dtype.kind in "biu"
    if not ok:
        raise InvalidInputError(f"results: {brief(name)} must hold counts, as evaluate gives them")
    if lib == "pandas":
        a = col.to_numpy(dtype=np.int64, na_value=0)
    elif lib == "polars":
        a = col.cast(sys.modules["polars"].Int64).fill_null(0).to_numpy()
    elif lib == "pyarrow":
        pa = sys.modules["pyarrow"]
        a = sys.modules["pyarrow.compute"].fill_null(col.cast(pa.int64()), 0).to_numpy(zero_copy_only=False)
    else:
        a = np.ma.filled(np.ma.asarray(col), 0)
    return np.asarray(a).reshape(-1).astype(np.int64)
