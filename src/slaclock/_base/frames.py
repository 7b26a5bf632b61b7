"""Named columns into a pandas, polars or pyarrow table, the library imported only when asked for.

For the ``to_frame()`` methods: a mapping of column name to column (numpy arrays, or columns of the target
library) becomes one table. A library that is not installed is an :class:`InvalidInputError` naming the extra
that brings it.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, TypeAlias

from slaclock._base.show import brief
from slaclock.errors import InvalidInputError

__all__ = ["FrameKind", "frame", "library", "records"]

FrameKind: TypeAlias = Literal["pandas", "polars", "arrow"]
_MODULE: Final = {"pandas": "pandas", "polars": "polars", "arrow": "pyarrow"}


def library(kind: object, what: str) -> Any:
    """The module of ``kind`` ("pandas", "polars", "arrow"), imported; a clear error if unknown or missing."""
    if not isinstance(kind, str) or kind not in _MODULE:
        raise InvalidInputError(f"{what}: kind must be 'pandas', 'polars' or 'arrow'; got {brief(kind)}")
    name = _MODULE[kind]
    try:
        return importlib.import_module(name)
    except ImportError:
        raise InvalidInputError(f'{what} needs {name}: pip install "slaclock[{name}]"') from None


def frame(columns: Mapping[str, Any], kind: FrameKind, what: str, *, index: Any = None) -> Any:
    """One table of ``columns`` (numpy arrays or lists; ``index``: a pandas index for a pandas frame)."""
    lib = library(kind, what)
    if kind == "pandas":
        return lib.DataFrame(dict(columns), index=index)
    if kind == "polars":
        return lib.DataFrame({name: lib.Series(name, col) for name, col in columns.items()})
    return lib.table({name: lib.array(col) for name, col in columns.items()})


def _family(v: object) -> type:
    for t in (bool, int, float, str, dt.timedelta, dt.datetime, dt.date):  # datetime before its base, date
        if isinstance(v, t):
            return t
    return object


def records(rows: Sequence[Mapping[str, Any]], kind: FrameKind, what: str) -> Any:
    """A table of Python rows (one mapping each, the same keys in the same order).

    pandas keeps every value as it is (a column of mixed types is an object column). polars and pyarrow want one
    type per column: a column whose values are of different kinds (a timedelta here, an int there) becomes text,
    and None stays missing.
    """
    names = list(rows[0]) if rows else []
    columns: dict[str, list[Any]] = {name: [r[name] for r in rows] for name in names}
    if kind != "pandas":
        for name, values in columns.items():
            families = {_family(v) for v in values if v is not None}
            if len(families) > 1 or object in families:
                columns[name] = [None if v is None else str(v) for v in values]
    return frame(columns, kind, what)
