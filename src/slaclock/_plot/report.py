"""A report by period as compliance by group over time (:func:`slaclock.plot.report`)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from slaclock._base.show import brief
from slaclock._plot.common import Fonts, canvas, date_limits, mpl, plain, sequence_of_names
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["report"]

_REPORT_COLUMNS: Final = frozenset(
    {
        "clause",
        "period",
        "cases",
        "met",
        "breached",
        "running",
        "closed",
        "breach_rate",
        "breach_rate_all",
        "cycles",
        "met_cycles",
        "breached_cycles",
        "ever_breached",
        "cycle_breach_rate",
        "unit",
        "overdue",
    }
)
_NEEDED: Final = ("clause", "period", "met", "breached", "breach_rate")


def _table(table: Any) -> tuple[list[str], Callable[[str], list[Any]]]:
    """The column names of a report and a reader of one column as a list of Python values."""
    kind = type(table)
    lib = kind.__module__.partition(".")[0]
    if lib in ("pandas", "polars") and kind.__name__ == "DataFrame":
        return [str(n) for n in table.columns], lambda n: list(table[n].to_list())
    if lib == "pyarrow" and kind.__name__ == "Table":
        return list(table.column_names), lambda n: list(table.column(n).to_pylist())
    if isinstance(table, Mapping):
        return [str(k) for k in table], lambda n: list(np.ma.asarray(table[n]).reshape(-1).tolist())
    raise InvalidInputError(
        "table must be what slaclock.report returns (a pandas, polars or pyarrow table, or a mapping of "
        f"columns); got {kind.__module__}.{kind.__qualname__}"
    )


def _is_missing(value: Any) -> bool:
    """None, NaN, or pandas' NA and NaT (as ``to_list`` gives them)."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, float) and math.isnan(value)


def _number(value: Any) -> float:
    if _is_missing(value):
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _day(value: Any, where: str) -> np.datetime64:
    try:
        day = np.datetime64(value, "D") if not isinstance(value, dt.datetime) else np.datetime64(value.date(), "D")
    except (TypeError, ValueError):
        day = np.datetime64("NaT")
    if np.isnat(day):
        raise InvalidInputError(f"report: {where} has a period that is not a date: {brief(value)}")
    return day


AXES_AT_MOST: Final = 20
"""Clauses a report plot draws, one axes each."""
BARS_AT_MOST: Final = 4_000
"""Rows of a report a plot draws (a bar each, beside its group's line): about 6 s at most."""
LINES_AT_MOST: Final = 40
"""Groups a report plot draws, a line and a colour each."""


@plain
def report(
    table: Any,
    *,
    by: str | Sequence[str] | None = None,
    clauses: str | Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Compliance by group over time, from a report by period: the breach rate per group, and the decided cases.

    For each clause, one axes: a line per group of ``breach_rate`` (breached / decided, the report's own
    figure; a gap where nothing was decided) against each period's first day, and behind it, on the right
    axis, bars of the met (pale) and breached (hatched) cases of each group.

    A report is a plain table, so this is a function: ``sc.report(...)`` gives the kind it was given, and
    ``.plot()`` on a pandas report is pandas' own method.

    Parameters
    ----------
    table : pandas, polars or pyarrow table, or a mapping of numpy columns
        What :func:`slaclock.report` returned with ``period=`` (its ``period``, ``met``, ``breached`` and
        ``breach_rate`` columns are read).
    by : str or sequence of str, optional
        The group columns; by default the report's columns that are not its figures (those of its ``by=``).
    clauses : str or sequence of str, optional
        The clauses to draw, each on its own axes; by default every clause in the report.
    ax : matplotlib Axes, optional
        Draw on these axes (one clause only); by default on a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on. Each group's line is labelled with the group's values, joined by " / " (the
        clause's name when there are no groups).

    Raises
    ------
    InvalidInputError
        ``table`` is not a report by period (a column missing, a period that is not a date), is empty, or
        has none of ``clauses``; a ``by`` column it does not have; ``ax`` given with more than one clause;
        ``ax`` not matplotlib Axes; matplotlib not installed (``pip install 'slaclock[plot]'``); more than
        :data:`AXES_AT_MOST` clauses, :data:`LINES_AT_MOST` groups or :data:`BARS_AT_MOST` rows to draw (a bound
        on its time: 2,000 bars take about 3 s).

    Examples
    --------
    >>> import numpy as np, slaclock as sc
    >>> from slaclock import plot
    >>> desk = sc.Contract("desk", [sc.Clause("reply", "2个工作日", starts_on="received", met_by="replied")],
    ...                    events=["received"])
    >>> tickets = {
    ...     "received": np.array(["2026-03-02T09:00", "2026-03-03T10:00", "2026-04-01T09:00", "2026-04-02T09:00"],
    ...                          "datetime64[m]"),
    ...     "replied": np.array(["2026-03-02T10:00", "2026-03-10T10:00", "2026-04-01T11:00", "NaT"],
    ...                         "datetime64[m]"),
    ...     "team": np.array(["a", "b", "a", "b"]),
    ... }
    >>> monthly = sc.report(desk.evaluate(tickets, now="2026-04-20T12:00", keep="team"), by="team", period="month")
    >>> fig = plot.report(monthly)
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['a', 'b']
    """
    names, read = _table(table)
    missing = [n for n in _NEEDED if n not in names]
    if missing:
        hint = " (a report by period: sc.report(results, by=..., period='month'))" if "period" in missing else ""
        raise InvalidInputError(
            f"report: the table has no column {', '.join(map(repr, missing))}{hint}; its columns: {brief(names)}"
        )
    by_names, wanted_clauses = sequence_of_names(by, "by"), sequence_of_names(clauses, "clauses")
    if by_names is None:
        groups = [n for n in names if n not in _REPORT_COLUMNS and not n.startswith("took_p")]
    else:
        groups = by_names
        bad = [g for g in groups if not isinstance(g, str) or g not in names]
        if bad:
            raise InvalidInputError(f"by: {brief(bad[0])} is not a column of the report; its columns: {brief(names)}")
    clause_col = [str(v) for v in read("clause")]
    if not clause_col:
        raise InvalidInputError("report: the table has no rows; nothing to plot")
    order = list(dict.fromkeys(clause_col))
    if wanted_clauses is not None:
        wanted = wanted_clauses
        unknown = [w for w in wanted if w not in order]
        if unknown:
            raise InvalidInputError(f"clauses: {brief(unknown[0])} is not in the report (clauses: {brief(order)})")
        order = [w for w in order if w in wanted]
    if ax is not None and len(order) > 1:
        raise InvalidInputError(
            f"ax= draws one clause; the report has {len(order)} ({brief(order)}): name one with clauses="
        )
    if len(order) > AXES_AT_MOST:
        raise InvalidInputError(
            f"report: {len(order):,} clauses, each drawn on its own axes; at most {AXES_AT_MOST} are drawn: name them "
            "with clauses="
        )
    chosen = set(order)
    drawn = sum(1 for cl in clause_col if cl in chosen)
    if drawn > BARS_AT_MOST:  # each row is a bar: the time to draw grows with them (2,000 take about 3 s)
        raise InvalidInputError(
            f"report: {drawn:,} rows (a bar each) to draw; at most {BARS_AT_MOST:,}: take fewer clauses "
            "(clauses=), a longer period (period='month' in sc.report) or fewer of its rows"
        )
    columns = {n: read(n) for n in (*_NEEDED[1:], *groups)}
    uneven = {n: len(v) for n, v in columns.items() if len(v) != len(clause_col)}
    if uneven:
        name, size = next(iter(uneven.items()))
        raise InvalidInputError(
            f"report: the column {brief(name)} has {size:,} values and 'clause' {len(clause_col):,}; "
            "pass what slaclock.report returned"
        )
    periods = [_day(v, f"row {i}") for i, v in enumerate(columns["period"])]
    met = [_number(v) for v in columns["met"]]
    breached = [_number(v) for v in columns["breached"]]
    rate = [_number(v) for v in columns["breach_rate"]]
    keys: list[tuple[Any, ...]] = (
        [tuple(None if _is_missing(v) else v for v in row) for row in zip(*(columns[g] for g in groups), strict=True)]
        if groups
        else [()] * len(clause_col)
    )

    mdates = mpl("matplotlib.dates")
    mticker = mpl("matplotlib.ticker")
    mpatches = mpl("matplotlib.patches")
    palette = mpl("matplotlib").colormaps["tab10"]
    fonts = Fonts()
    if ax is None:
        fig: Figure = mpl("matplotlib.figure").Figure(figsize=(9.0, 0.6 + 3.0 * len(order)), layout="constrained")
        axes = list(np.atleast_1d(fig.subplots(len(order), 1, squeeze=False)[:, 0]))
    else:
        fig, ax = canvas(ax, (9.0, 3.6))
        axes = [ax]
    group_order = list(dict.fromkeys(keys))
    if len(group_order) > LINES_AT_MOST:
        raise InvalidInputError(
            f"report: {len(group_order):,} groups, a line each; at most {LINES_AT_MOST} are drawn legibly: group by "
            "fewer columns (by=), or take the rows of some groups"
        )
    colours = {k: palette(i % 10) for i, k in enumerate(group_order)}

    for name, axis in zip(order, axes, strict=True):
        rows = [i for i, cl in enumerate(clause_col) if cl == name]
        days = sorted({periods[i] for i in rows})
        xs = {d: float(mdates.date2num(d.astype("datetime64[us]").astype(dt.datetime))) for d in days}
        spacing = float(np.diff(sorted(xs.values())).min()) if len(xs) > 1 else 30.0
        mine = [k for k in group_order if any(keys[i] == k for i in rows)]
        width = 0.8 * spacing / max(len(mine), 1)
        counts = axis.twinx()
        for j, key in enumerate(mine):
            label = " / ".join("(missing)" if v is None else str(v) for v in key) if key else name
            shown, _ = fonts.fit(label)  # the label itself where a font has its glyphs
            mine_rows = sorted((i for i in rows if keys[i] == key), key=lambda i: periods[i])
            px = [xs[periods[i]] for i in mine_rows]
            axis.plot(
                px,
                [rate[i] for i in mine_rows],
                marker="o",
                markersize=4,
                color=colours[key],
                label=shown,
                gid=f"{name}: {label}",
            )
            shift = (j - (len(mine) - 1) / 2) * width
            m = [0.0 if math.isnan(met[i]) else met[i] for i in mine_rows]
            b = [0.0 if math.isnan(breached[i]) else breached[i] for i in mine_rows]
            bx = [p + shift for p in px]
            counts.bar(bx, m, width=width * 0.95, color=colours[key], alpha=0.3, linewidth=0)
            counts.bar(
                bx,
                b,
                width=width * 0.95,
                bottom=m,
                color=colours[key],
                alpha=0.55,
                hatch="///",
                edgecolor="white",
                linewidth=0,
            )
        axis.set_zorder(counts.get_zorder() + 1)  # the lines in front of the bars
        axis.patch.set_visible(False)
        axis.set_ylim(-0.03, 1.03)
        axis.yaxis.set_major_formatter(mticker.PercentFormatter(1.0))
        axis.set_ylabel("breach rate (of decided)", fontsize=8)
        counts.set_ylabel("cases decided: met (pale), breached (hatched)", fontsize=7, color="#555555")
        counts.tick_params(labelsize=7, colors="#555555")
        counts.yaxis.set_major_locator(mticker.MaxNLocator(integer=True))
        locator = mdates.AutoDateLocator(minticks=3, maxticks=12)
        axis.xaxis.set_major_locator(locator)
        axis.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        axis.tick_params(labelsize=7)
        lo, hi = min(xs.values()), max(xs.values())
        axis.set_xlim(*date_limits(lo - spacing * 0.6, hi + spacing * 0.6))
        axis.grid(axis="y", color="#e3e3e3", linewidth=0.5)
        title, title_font = fonts.fit(f"{name}: breach rate by {' / '.join(groups) or 'period'}")
        axis.set_title(title, fontsize=9, loc="left", fontproperties=title_font)
        legend = axis.legend(
            handles=[
                *axis.get_lines(),
                mpatches.Patch(facecolor="#999999", alpha=0.3, label="met"),
                mpatches.Patch(facecolor="#999999", alpha=0.55, hatch="///", label="breached"),
            ],
            loc="upper left",
            bbox_to_anchor=(1.08, 1.0),
            fontsize=7,
            frameon=False,
        )
        if fonts.cjk is not None:
            for text in legend.get_texts():
                if fonts.fit(text.get_text())[1] is not None:
                    text.set_fontproperties(fonts.cjk.copy())
                    text.set_fontsize(7)
    return fig
