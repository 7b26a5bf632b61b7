"""Deadlines as people look at them: a short repr, HTML for notebooks, and the column helpers both need.

Maintainer's notes
------------------
The HTML shows at most :data:`HEAD` rows, whatever the length: a display of a million rows converts and
formats ten values per column, never the column (the summary's range of last days and counts are numpy
reductions). Rows as ``Deadline`` objects, slices and tables are :mod:`slaclock._rules.rows`; the small column
helpers here (:func:`item`, :func:`take`, :func:`values`: element, slice and head of a numpy, pandas, polars
or pyarrow column) serve both. Nothing here imports the engines: the deadline module imports this one.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from slaclock._base.html import MUTED, Cell, box, details, pairs, steps, table
from slaclock._base.instants import is_missing, is_missing_element
from slaclock._base.show import strf

if TYPE_CHECKING:
    from slaclock._rules.columns import Deadlines
    from slaclock._rules.deadline import Deadline
    from slaclock._rules.rows import Inputs

__all__ = [
    "HEAD",
    "dates",
    "deadline_html",
    "deadlines_html",
    "deadlines_repr",
    "is_expr",
    "item",
    "library",
    "take",
    "text",
    "values",
]

HEAD: Final = 10
"""The rows a ``Deadlines`` display shows."""
_YES: Final = "color:#a06000;font-weight:bold"


# -- one deadline ----------------------------------------------------------------------------------------------


def deadline_html(d: Deadline) -> str:
    """A deadline's display: due, last day, period, start, provisional, and the counting steps (zh, then en)."""
    what = "notice before" if d.kind == "before" else "after"
    title = f"Deadline: {d.period} {what} {text(d.start)}"
    fields: list[tuple[str, Cell | str]] = [
        ("due", Cell(str(d).removesuffix(" (provisional)"), "font-weight:bold")),  # its own row says it
        ("last day", d.last_day.isoformat()),
        ("period", f"{d.period} ({d.kind})"),
        ("start", text(d.start)),
        ("provisional", Cell("yes: rests on projected days", _YES) if d.provisional else "no"),
        ("calendar", repr(d.calendar)),
        ("convention", d.convention.name),
    ]
    return box(title, pairs(fields), steps(d.steps("zh")), details("explanation in English", steps(d.steps("en"))))


# -- a column of deadlines ---------------------------------------------------------------------------------------


def deadlines_repr(d: Deadlines[Any]) -> str:
    """``<Deadlines 3 rows of 5 workdays on CN: last days 2026-10-13..2026-10-15, 1 provisional, 1 missing>``."""
    on = _calendars_text(d)
    if is_expr(d):
        return f"<Deadlines of {_periods_text(d)} on {on}: polars expressions due, last_day, provisional>"
    n, shape = _size(d)
    rows = f"{n:,} row{'s' * (n != 1)}" if shape is None else f"{n:,} value{'s' * (n != 1)} of shape {shape}"
    return f"<Deadlines {rows} of {_periods_text(d)} on {on}{': ' if n else ''}{_summary(d)}>"


def _size(d: Deadlines[Any]) -> tuple[int, tuple[int, ...] | None]:
    """The rows, and the shape of a numpy result that is not one row per start in a line (0-d, 2-d), else None."""
    p = d.provisional
    if isinstance(p, np.ndarray) and p.ndim != 1:
        return int(p.size), tuple(int(k) for k in p.shape)
    return len(d), None


def deadlines_html(d: Deadlines[Any]) -> str:
    """A summary (rows, range of last days, provisional and missing counts) and the first :data:`HEAD` rows."""
    title = f"Deadlines: {_periods_text(d)} on {_calendars_text(d)}"
    if is_expr(d):
        return box(title, note="polars expressions: due, last_day, provisional (they have no rows until run)")
    n, shape = _size(d)
    rows_html = _head_table(d, min(n, HEAD), shape) if n else ""
    rows = f"{n:,}" if shape is None else f"{n:,} (shape {shape})"
    summary = pairs([("rows", rows), ("summary", _summary(d) or "—"), ("convention", d.convention.name)])
    note = f"first {HEAD} of {n:,} rows; d[i] gives row i as a Deadline with its explanation" if n > HEAD else ""
    if shape is not None and n > HEAD:  # d[i] takes the rows of one line of them
        note = f"first {HEAD} of {n:,} values, in the order of their indices"
    return box(title, summary, rows_html, note=note)


def _head_table(d: Deadlines[Any], n: int, shape: tuple[int, ...] | None = None) -> str:
    """The first ``n`` rows; of a result of ``shape`` (not one line of rows), its first values in C order, each
    labelled with its index."""
    inputs: Inputs | None = d.inputs

    def flat(col: Any) -> Any:  # a nested list of a 2-d column, read in the order of the values
        return np.asarray(col, dtype=object).reshape(-1) if shape is not None and library(col) is None else col

    starts = values(flat(inputs.starts), n) if inputs is not None else None
    periods = values(flat(inputs.period), n) if inputs is not None and inputs.per_row else None
    r = d.row_calendars
    keys = [r.keys[int(c)] for c in r.codes[:n]] if r is not None else None
    due, last, prov = values(d.due, n), values(d.last_day, n), values(d.provisional, n)
    head = ["#"] + ["start"] * (starts is not None) + ["period"] * (periods is not None)
    head += ["calendar"] * (keys is not None) + ["due", "last day", "provisional"]
    out = []
    for i in range(n):
        label = str(i) if shape is None else str(tuple(int(k) for k in np.unravel_index(i, shape)))
        cells: list[Cell | str] = [Cell(label, f"{MUTED};padding:2px 8px")]
        cells += [text(starts[i])] if starts is not None else []
        cells += [text(periods[i])] if periods is not None else []
        cells += [keys[i]] if keys is not None else []
        flag = bool(prov[i]) if not is_missing(prov[i]) else False
        cells += [text(due[i]), text(last[i], day=True), Cell("yes", _YES + ";padding:2px 8px") if flag else ""]
        out.append(cells)
    return table(head, out)


def _summary(d: Deadlines[Any]) -> str:
    last = dates(d.last_day)
    live = last[~np.isnat(last)]
    lo, hi = (live.min(), live.max()) if live.size else (None, None)
    parts = [f"last days {lo}..{hi}" if lo != hi else f"last day {lo}" if live.size else "no deadlines"]
    prov = int(np.count_nonzero(np.asarray(d.provisional, dtype=bool)))
    if prov:
        parts.append(f"{prov:,} provisional")
    if live.size < last.size:
        parts.append(f"{last.size - live.size:,} missing")
    return ", ".join(parts) if last.size else ""


def _periods_text(d: Deadlines[Any]) -> str:
    p = d.period
    if isinstance(p, tuple):
        shown = ", ".join(map(str, p[:3])) + (f" and {len(p) - 3} more" if len(p) > 3 else "")
        return f"periods {shown}" if shown else "no period"
    kind = " before the ends" if d.inputs is not None and d.inputs.notice else ""
    return f"{p}{kind}"


def _calendars_text(d: Deadlines[Any]) -> str:
    r = d.row_calendars
    if r is None:
        return d.calendar.region
    keys = ", ".join(r.keys[:4]) + (f" and {len(r.keys) - 4} more" if len(r.keys) > 4 else "")
    return f"calendars {keys}"


# -- helpers -----------------------------------------------------------------------------------------------------


def is_expr(d: Deadlines[Any]) -> bool:
    return type(d.due).__module__.startswith("polars") and type(d.due).__name__ == "Expr"


def library(col: object) -> str | None:
    top = type(col).__module__.partition(".")[0]
    return top if top in ("pandas", "polars", "pyarrow") else None


def item(col: Any, k: int) -> Any:
    """Element ``k`` of a column of any kind, as that library's Python scalar."""
    lib = library(col)
    if lib == "pandas" and hasattr(col, "iloc"):
        return col.iloc[k]
    if lib == "pyarrow":
        return col[k].as_py()
    if isinstance(col, np.ndarray):
        return col.reshape(-1)[k]
    return col[k]


def take(col: Any, which: slice) -> Any:
    if library(col) == "pandas" and hasattr(col, "iloc"):
        return col.iloc[which]
    return col[which]


def values(col: Any, n: int) -> list[Any]:
    """A short column's values, one Python or numpy scalar each."""
    return [item(col, k) for k in range(n)]


def dates(col: Any) -> np.ndarray[Any, np.dtype[np.datetime64]]:
    """A column of dates (any kind) as ``datetime64[D]``, NaT for missing."""
    lib = library(col)
    if lib == "polars":
        col = col.to_numpy()
    elif lib == "pyarrow":
        col = col.to_numpy(zero_copy_only=False)
    elif lib == "pandas":
        col = col.to_numpy()
    return np.asarray(col).astype("datetime64[D]").reshape(-1)


def text(v: object, *, day: bool = False) -> str:
    """A start, due or last day as a cell shows it: ISO, to the minute, "—" when missing."""
    if is_missing_element(v):
        return "—"
    if isinstance(v, np.datetime64):
        unit = np.datetime_data(v.dtype)[0]
        return str(np.datetime_as_string(v, unit="D" if day or unit in ("D", "W", "M", "Y") else "m")).replace("T", " ")
    if isinstance(v, dt.datetime):
        if day:
            return v.date().isoformat()
        return v.isoformat(sep=" ", timespec="minutes") if v.tzinfo is None else strf(v, "%Y-%m-%d %H:%M %z")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)
