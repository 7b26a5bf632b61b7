"""Plots (matplotlib, the ``plot`` extra): a calendar's year, a case's timeline, a report's compliance over time.

Three functions, each returning a :class:`matplotlib.figure.Figure`:

- :func:`year` (also :meth:`WorkCalendar.plot_year <slaclock.WorkCalendar.plot_year>`): a year's days as a
  heat-map of their kinds, with 休 on the days off and 班 on the makeup workdays;
- :func:`case` (also :meth:`Case.plot <slaclock.Case.plot>`): each clause from its start to its due, the case's
  events, pauses, extensions, breaches and ``now``;
- :func:`report`: what :func:`slaclock.report` gives with ``period=``, as compliance by group over time.

A report is a plain table (pandas, polars, pyarrow or a mapping of numpy columns), so its plot is a function
here: ``report.plot()`` on a pandas report is pandas' own method.

Maintainer's notes
------------------
* **No global state.** matplotlib is imported when a function is first called (never by ``import slaclock`` nor
  by importing this module), and a figure is a :class:`~matplotlib.figure.Figure` made directly: no pyplot, no
  GUI backend, nothing registered with a figure manager. Given ``ax=``, a function draws on those axes and
  returns their figure.
* **Glyphs.** The default fonts have no Chinese. The 休/班 marks, and names written in Chinese, are drawn in a
  font that has them when one is installed (:func:`_cjk_font`); without one the marks are ASCII (R, W) and the
  characters no font has are shown as ``?``, so matplotlib has nothing to warn about.
* **Times** are drawn as wall times in the calendar's zone (matplotlib would show aware instants in UTC).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import math
import zoneinfo
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from slaclock._base import warn as _provisional
from slaclock._base.show import brief
from slaclock._days.kinds import DayKind
from slaclock.errors import CalendarHorizonError, InvalidInputError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.case import Case
    from slaclock._contracts.status import ClauseStatus

__all__ = ["case", "report", "year"]

_HINT: Final = "slaclock.plot needs matplotlib: pip install 'slaclock[plot]'"


def _mpl(module: str) -> Any:
    """A matplotlib module, imported on first use; the missing extra is a typed error."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InvalidInputError(_HINT) from None


def _canvas(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    """New axes on a new figure of ``size`` inches, or the axes given and their figure."""
    if ax is None:
        fig: Figure = _mpl("matplotlib.figure").Figure(figsize=size, layout="constrained")
        return fig, fig.add_subplot()
    if not isinstance(ax, _mpl("matplotlib.axes").Axes):
        raise InvalidInputError(f"ax must be matplotlib Axes (or None for a new figure); got {brief(ax)}")
    found = ax.get_figure()
    root = getattr(found, "get_figure", None)  # a SubFigure's own figure
    whole: Figure = root() if callable(root) and root() is not None and root() is not found else found
    return whole, ax


# -- fonts ---------------------------------------------------------------------------------------

_CJK_FAMILIES: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "Heiti SC",
    "Droid Sans Fallback",
    "Arial Unicode MS",
)


def _charmap(path: str) -> frozenset[int]:
    try:
        return frozenset(_mpl("matplotlib.ft2font").FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):  # a font file matplotlib cannot read has no glyphs for us
        return frozenset()


@functools.cache
def _cjk_font() -> Any:
    """FontProperties of an installed font that has 休 and 班 (the preferred families first), or None."""
    fm = _mpl("matplotlib.font_manager")
    entries = sorted(
        fm.fontManager.ttflist,
        key=lambda e: _CJK_FAMILIES.index(e.name) if e.name in _CJK_FAMILIES else len(_CJK_FAMILIES),
    )
    need = {ord("休"), ord("班")}
    for entry in entries:
        # "Last Resort" fonts map every character to a placeholder box: they have no glyph, only its box
        if not entry.name.startswith("Last Resort") and need <= _charmap(entry.fname):
            return fm.FontProperties(fname=entry.fname)
    return None


@functools.cache
def _default_glyphs(path: str) -> frozenset[int]:
    return _charmap(path)


class _Fonts:
    """Text as drawable: in the default font, else the CJK font, else with the missing characters as ``?``."""

    def __init__(self) -> None:
        fm = _mpl("matplotlib.font_manager")
        self.cjk = _cjk_font()
        self.glyphs = _default_glyphs(str(fm.findfont(fm.FontProperties())))

    def fit(self, text: str) -> tuple[str, Any]:
        """``(text, fontproperties or None)`` to draw ``text`` without a missing glyph."""
        if all(ord(ch) in self.glyphs for ch in text if ch.isprintable() and not ch.isspace()):
            return text, None
        if self.cjk is not None:
            return text, self.cjk
        return "".join(ch if ord(ch) in self.glyphs or ch.isspace() else "?" for ch in text), None

    def text(self, ax: Axes, x: float, y: float, text: str, **kw: Any) -> Any:
        shown, font = self.fit(text)
        if font is not None:
            kw["fontproperties"] = font.copy()
            if "fontsize" in kw:
                kw["fontproperties"].set_size(kw.pop("fontsize"))
        return ax.text(x, y, shown, **kw)


# -- a calendar's year ---------------------------------------------------------------------------

_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# (legend label, kinds, colour, mark with a CJK font, mark without)
_DAY_STYLES: Final = (
    ("workday", (DayKind.WORKDAY,), "#eef1f5", "", ""),
    ("weekend", (DayKind.WEEKEND,), "#c3c9d3", "", ""),
    ("holiday, day off in lieu", (DayKind.HOLIDAY, DayKind.TRANSFERRED_REST), "#f08a80", "休", "R"),
    ("makeup workday", (DayKind.MAKEUP_WORKDAY,), "#7fa7dc", "班", "W"),
    ("extra workday (own)", (DayKind.EXTRA_WORKDAY,), "#8cc98f", "班", "W"),
    ("closure (own)", (DayKind.CLOSURE,), "#a58bc9", "×", "×"),
)


def year(cal: WorkCalendar, year: int, *, ax: Axes | None = None) -> Figure:
    """A year's days as a heat-map of their kinds: one cell per day, weeks as columns, Monday on top.

    Workdays, weekends, holidays and days off in lieu (marked 休), makeup workdays (班), and a calendar's own
    closures and extra workdays each have a colour; days past the official data (a ``horizon="projected"``
    calendar) are hatched and called provisional in the legend. The marks are R and W where no installed
    font has 休 and 班.

    Parameters
    ----------
    cal : WorkCalendar
    year : int
        The year; the days of it the calendar holds are drawn (all of them on a region's calendar).
    ax : matplotlib Axes, optional
        Draw on these axes; by default on a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (``ax``'s when given). Each day's cell is a ``Rectangle`` whose ``gid`` is its
        ISO date.

    Raises
    ------
    InvalidInputError
        ``year`` is not an int in 1..9999; ``ax`` is not matplotlib Axes; matplotlib is not installed
        (``pip install 'slaclock[plot]'``).
    CalendarHorizonError
        The calendar holds no day of ``year``.

    Warns
    -----
    ProvisionalWarning
        Once, when the year has days past the official data.

    See Also
    --------
    WorkCalendar.plot_year : the same, as a method.

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock import plot
    >>> fig = plot.year(sc.calendar("CN"), 2026)
    >>> cells = [p for p in fig.axes[0].patches if p.get_gid()]
    >>> len(cells), cells[0].get_gid(), cells[-1].get_gid()
    (365, '2026-01-01', '2026-12-31')
    """
    if isinstance(year, bool) or not isinstance(year, int | np.integer) or not 1 <= year <= 9999:
        raise InvalidInputError(f"year must be an int such as 2026 (1..9999); got {brief(year)}")
    y = int(year)
    first = max(dt.date(y, 1, 1), cal.first_day)
    last = min(dt.date(y, 12, 31), cal.last_day)
    if first > last:
        raise CalendarHorizonError(
            f"year {y} is outside the calendar's days ({cal.first_day.isoformat()}..{cal.last_day.isoformat()}); "
            "plot a year it holds"
        )
    days = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
    with _provisional.reading() as reads:  # one warning for the plot, at the caller's line
        kinds = cal.day_kind(days)
        provisional = cal.is_provisional(days)
    if reads.projected:
        _provisional.warn_past(
            f"plot_year {y}: {int(provisional.sum())} days drawn (hatched) are",
            cal.region,
            cal.official_until,
            "They are provisional (see WorkCalendar.is_provisional)",
        )

    marked = _in_holiday_runs(kinds)
    mpatches = _mpl("matplotlib.patches")
    fig, ax = _canvas(ax, (12.5, 2.9))
    fonts = _Fonts()
    cjk = fonts.cjk is not None
    style = {kind: s for s in _DAY_STYLES for kind in s[1]}
    offset = dt.date(y, 1, 1).weekday()
    gap = 0.06
    for d, kind, late, rest in zip(days.tolist(), kinds.tolist(), provisional.tolist(), marked.tolist(), strict=True):
        cell = (d - dt.date(y, 1, 1)).days + offset
        col, row = divmod(cell, 7)
        _, _, colour, zh_mark, ascii_mark = style[DayKind(kind)]
        ax.add_patch(
            mpatches.Rectangle(
                (col + gap, row + gap),
                1 - 2 * gap,
                1 - 2 * gap,
                facecolor=colour,
                edgecolor="#7a7a7a" if late else "none",
                hatch="////" if late else None,
                linewidth=0.3,
                gid=d.isoformat(),
            )
        )
        mark = zh_mark if cjk else ascii_mark
        if rest and not mark:  # a weekend inside a holiday's days off: 休 as the notice counts it ("共7天")
            mark = "休" if cjk else "R"
        if mark:
            kw: dict[str, Any] = {"ha": "center", "va": "center", "fontsize": 6.5, "color": "#222222"}
            if cjk and mark != "×":
                kw.pop("fontsize")
                kw["fontproperties"] = fonts.cjk.copy()
                kw["fontproperties"].set_size(6.5)
            ax.text(col + 0.5, row + 0.5, mark, **kw)
    ax.set_xlim(0, ((dt.date(y, 12, 31) - dt.date(y, 1, 1)).days + offset) // 7 + 1)
    ax.set_ylim(7, 0)
    ax.set_aspect("equal")
    ax.set_yticks([r + 0.5 for r in range(7)], _WEEKDAYS, fontsize=7)
    ax.set_xticks(
        [((dt.date(y, m, 1) - dt.date(y, 1, 1)).days + offset) // 7 + 0.5 for m in range(1, 13)], _MONTHS, fontsize=8
    )
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    workdays = int(np.isin(kinds, [k for k in DayKind if k.is_workday]).sum())
    title = f"{cal.region} {y}: {workdays} workdays"
    if bool(provisional.any()):
        title += f" (provisional after {cal.official_until.isoformat()}: statutory holidays only)"
    ax.set_title(title, fontsize=10, loc="left")

    present = set(kinds.tolist())
    handles = []
    for label, members, colour, zh_mark, ascii_mark in _DAY_STYLES:
        if members[0] in (DayKind.WORKDAY, DayKind.WEEKEND) or any(k in present for k in members):
            mark = zh_mark if cjk else ascii_mark
            handles.append(mpatches.Patch(facecolor=colour, label=f"{label} ({mark})" if mark else label))
    if bool(provisional.any()):
        handles.append(mpatches.Patch(facecolor="white", edgecolor="#7a7a7a", hatch="////", label="provisional"))
    legend = ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=len(handles),
        frameon=False,
        fontsize=7.5,
    )
    for text in legend.get_texts():  # 休 and 班 beside their kinds, in the font that has them
        _, font = fonts.fit(text.get_text())
        if font is not None:
            text.set_fontproperties(font.copy())
            text.set_fontsize(7.5)
    return fig


def _in_holiday_runs(kinds: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Per day: whether it is a rest day in a run of rest days that holds a holiday or a day off in lieu.

    Such a run is a notice's "放假…共N天": its weekends are days off of the holiday too, and are marked 休.
    """
    rest = ~np.isin(kinds, [k.value for k in DayKind if k.is_workday])
    festive = np.isin(kinds, [DayKind.HOLIDAY.value, DayKind.TRANSFERRED_REST.value])
    out = np.zeros(kinds.shape, dtype=np.bool_)
    i, n = 0, len(kinds)
    while i < n:
        if not rest[i]:
            i += 1
            continue
        j = i
        while j < n and rest[j]:
            j += 1
        if festive[i:j].any():
            out[i:j] = True
        i = j
    return out


# -- a case's timeline ---------------------------------------------------------------------------

_STATE_COLOURS: Final = {
    "running": "#4c72b0",
    "at_risk": "#dd8452",
    "paused": "#9a9a9a",
    "met": "#55a868",
    "breached": "#c44e52",
    "expired": "#937860",
    "stopped": "#b5b5b5",
}
_EVENT_COLOURS: Final = {
    "record": "#333333",
    "pause": "#7a7a7a",
    "resume": "#7a7a7a",
    "extend": "#8172b3",
    "escalate": "#c44e52",
}


def case(c: Case, *, now: Any, ax: Axes | None = None) -> Figure:
    """A case's timeline at ``now``: each clause a bar from its start to its due, and the case's events.

    Read from :meth:`Case.status <slaclock.Case.status>` at ``now`` and the case's events: a bar per clause
    that has started, coloured by its state, from its start to its due (to ``now`` while paused or while a
    window's end is not known); a diamond where its ``met_by`` event came; a cross at the due of a breach and a
    thin red bar for the time overdue; shading where a pausable clause's clock was stopped; a triangle where an
    extension was notified, and "(extended)" beside the state; a recurring clause's cycles as bars on its row.
    The top row shows every event of the case, and a dashed line ``now``. Times are wall times in the
    calendar's zone.

    Parameters
    ----------
    c : Case
    now : datetime or ISO text
        The instant of the status, as :meth:`Case.status <slaclock.Case.status>` takes it.
    ax : matplotlib Axes, optional
        Draw on these axes; by default on a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on. A clause's bar is a ``Rectangle`` whose ``gid`` is the clause's name (a cycle's:
        ``"<clause> cycle <k>"``, from 1); the events' markers have the ``gid`` ``"event <i>"``.

    Raises
    ------
    InvalidInputError
        As :meth:`Case.status <slaclock.Case.status>` (``now`` before the last event, not an instant); ``ax``
        not matplotlib Axes; matplotlib not installed (``pip install 'slaclock[plot]'``).

    See Also
    --------
    Case.plot : the same, as a method.

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock import plot
    >>> c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
    ...                      sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved")],
    ...                 events=["received"])
    >>> case = c.open(received_at="2026-09-30T20:00").record("acknowledged", at="2026-10-02T09:00")
    >>> fig = plot.case(case, now="2026-10-09T12:00")
    >>> sorted({p.get_gid() for p in fig.axes[0].patches if p.get_gid() in ("ack", "solution")})
    ['ack', 'solution']
    """
    status = c.status(now=now, lang="en")
    zone = zoneinfo.ZoneInfo(c.calendar.tz)
    mdates = _mpl("matplotlib.dates")
    mlines = _mpl("matplotlib.lines")
    mpatches = _mpl("matplotlib.patches")
    fonts = _Fonts()

    def x(value: dt.datetime | dt.date | None) -> float | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            w = value.astimezone(zone) if value.tzinfo is not None else value
            naive = dt.datetime(w.year, w.month, w.day, w.hour, w.minute, w.second, w.microsecond)
        else:
            naive = dt.datetime(value.year, value.month, value.day)
        return float(mdates.date2num(naive))

    now_x = x(status.now)
    assert now_x is not None
    by_name = {s.clause: s for s in status.clauses}
    skipped = dict(status.not_supported)
    names = [k.name for k in c.contract.clauses if k.name in by_name or k.name in skipped]
    rows = {name: i + 1 for i, name in enumerate(names)}
    fig, ax = _canvas(ax, (11.0, 1.6 + 0.42 * (len(names) + 1)))
    seen_x: list[float] = [now_x]
    states: set[str] = set()
    marks: set[str] = set()

    # the pauses: (from, to or now, reason)
    pauses: list[tuple[float, float, str]] = []
    for e in c.events:
        at = x(e.at)
        assert at is not None
        if e.kind == "pause":
            pauses.append((at, now_x, e.name))
        elif e.kind == "resume" and pauses:
            pauses[-1] = (pauses[-1][0], at, pauses[-1][2])

    def span(s: ClauseStatus, y: float, gid: str, pausable: bool) -> float | None:
        """Draw one clause (or cycle); the x its row ends at, or None if not started."""
        start = x(s.start)
        if start is None:
            return None
        due, done = x(s.due), x(s.done_at)
        end = due if due is not None else (done if done is not None else now_x)
        states.add(s.state)
        ax.barh(
            y,
            max(end - start, 1e-9),
            left=start,
            height=0.5,
            color=_STATE_COLOURS.get(s.state, "#cccccc"),
            edgecolor="#555555" if s.provisional else "none",
            hatch="..." if s.provisional else None,
            linewidth=0.5,
            gid=gid,
        )
        seen_x.extend(v for v in (start, due, done) if v is not None)
        if done is not None:
            ax.plot([done], [y], marker="D", color="#1f3d1f", markersize=6, linestyle="none", gid=f"{gid}: done")
            marks.add("done")
        if s.state == "breached" and due is not None:
            late_end = done if done is not None else now_x
            if late_end > due:
                ax.barh(y, late_end - due, left=due, height=0.16, color="#c44e52", gid=f"{gid}: overdue")
            ax.plot([due], [y], marker="X", color="#8b0000", markersize=8, linestyle="none", gid=f"{gid}: breach")
            marks.add("breach")
        if pausable:
            stop = done if done is not None else now_x
            for p0, p1, _ in pauses:
                lo, hi = max(p0, start), min(p1, stop)
                if hi > lo:
                    ax.barh(
                        y,
                        hi - lo,
                        left=lo,
                        height=0.62,
                        color="none",
                        edgecolor="#444444",
                        hatch="////",
                        linewidth=0.0,
                        gid=f"{gid}: paused",
                    )
                    marks.add("paused")
        late = now_x if s.state == "breached" and done is None else end
        return max(end, late, done if done is not None else end)

    for name in names:
        y = rows[name]
        clause = c.contract.clause(name)
        s = by_name.get(name)
        if s is None:
            fonts.text(ax, now_x, y, f"  not evaluated: {skipped[name]}", va="center", fontsize=7, color="#555555")
            continue
        if s.cycles:
            ends = [span(cy, y, f"{name} cycle {k}", clause.pausable) for k, cy in enumerate(s.cycles, 1)]
            right = max((e for e in ends if e is not None), default=None)
        else:
            right = span(s, y, name, clause.pausable)
        words = s.state.replace("_", " ") + (" (extended)" if s.extended else "") + (" *" if s.provisional else "")
        if right is None:
            fonts.text(ax, now_x, y, "  not started", va="center", fontsize=7, color="#555555")
        else:
            fonts.text(ax, right, y, "  " + words, va="center", fontsize=7, color="#333333")

    for i, e in enumerate(c.events):
        at = x(e.at)
        assert at is not None
        seen_x.append(at)
        colour = _EVENT_COLOURS[e.kind]
        ax.plot([at], [0], marker="o", color=colour, markersize=5, linestyle="none", gid=f"event {i}")
        label = {"pause": f"pause ({e.name})", "resume": "resume"}.get(e.kind, e.name)
        shown, font = fonts.fit(label)
        ax.annotate(
            shown,
            (at, 0),
            xytext=(3, 5 + 8 * (i % 3)),
            textcoords="offset points",
            fontsize=6.5,
            color=colour,
            fontproperties=font,
        )
        target = e.get("clause")
        if e.kind in ("extend", "escalate") and target in rows:
            marker = "^" if e.kind == "extend" else "s"
            ax.plot(
                [at],
                [rows[target]],
                marker=marker,
                color=colour,
                markersize=7,
                linestyle="none",
                gid=f"{target}: {e.kind}",
            )
            marks.add(e.kind)
    ax.axvline(now_x, color="#111111", linestyle="--", linewidth=1.0, gid="now")
    ax.annotate("now", (now_x, len(names) + 0.45), xytext=(2, 0), textcoords="offset points", fontsize=7)

    lo, hi = min(seen_x), max(seen_x)
    pad = max((hi - lo) * 0.04, 1 / 24)
    ax.set_xlim(lo - pad, hi + pad * 4)
    ax.set_ylim(len(names) + 0.7, -1.5)
    ticks = ["events", *names]
    ax.set_yticks(range(len(ticks)))
    labels = ax.set_yticklabels([fonts.fit(t)[0] for t in ticks], fontsize=8)
    for tick_text, t in zip(labels, ticks, strict=True):
        font = fonts.fit(t)[1]
        if font is not None:
            tick_text.set_fontproperties(font.copy())
            tick_text.set_fontsize(8)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    received = c.events[0].at.astimezone(zone)
    title, title_font = fonts.fit(
        f"{c.contract.name}: received {received:%Y-%m-%d %H:%M}, status at "
        f"{status.now.astimezone(zone):%Y-%m-%d %H:%M} ({c.calendar.tz})"
    )
    ax.set_title(title, fontsize=9, loc="left", fontproperties=title_font)

    handles = [
        mpatches.Patch(color=colour, label=state.replace("_", " "))
        for state, colour in _STATE_COLOURS.items()
        if state in states
    ]
    extra = {
        "done": mlines.Line2D([], [], marker="D", color="#1f3d1f", linestyle="none", label="met_by event"),
        "breach": mlines.Line2D([], [], marker="X", color="#8b0000", linestyle="none", label="breach (due)"),
        "paused": mpatches.Patch(facecolor="none", edgecolor="#444444", hatch="////", label="clock stopped"),
        "extend": mlines.Line2D(
            [], [], marker="^", color=_EVENT_COLOURS["extend"], linestyle="none", label="extension notified"
        ),
        "escalate": mlines.Line2D(
            [], [], marker="s", color=_EVENT_COLOURS["escalate"], linestyle="none", label="escalated"
        ),
    }
    handles += [h for key, h in extra.items() if key in marks]
    handles.append(mlines.Line2D([], [], color="#111111", linestyle="--", label="now"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    return fig


# -- a report ------------------------------------------------------------------------------------

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
        ``ax`` not matplotlib Axes; matplotlib not installed (``pip install 'slaclock[plot]'``).

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
    if by is None:
        groups = [n for n in names if n not in _REPORT_COLUMNS and not n.startswith("took_p")]
    else:
        groups = [by] if isinstance(by, str) else list(by)
        bad = [g for g in groups if not isinstance(g, str) or g not in names]
        if bad:
            raise InvalidInputError(f"by: {brief(bad[0])} is not a column of the report; its columns: {brief(names)}")
    clause_col = [str(v) for v in read("clause")]
    if not clause_col:
        raise InvalidInputError("report: the table has no rows; nothing to plot")
    order = list(dict.fromkeys(clause_col))
    if clauses is not None:
        wanted = [clauses] if isinstance(clauses, str) else list(clauses)
        unknown = [w for w in wanted if w not in order]
        if unknown:
            raise InvalidInputError(f"clauses: {brief(unknown[0])} is not in the report (clauses: {brief(order)})")
        order = [w for w in order if w in wanted]
    if ax is not None and len(order) > 1:
        raise InvalidInputError(
            f"ax= draws one clause; the report has {len(order)} ({brief(order)}): name one with clauses="
        )
    periods = [_day(v, f"row {i}") for i, v in enumerate(read("period"))]
    met = [_number(v) for v in read("met")]
    breached = [_number(v) for v in read("breached")]
    rate = [_number(v) for v in read("breach_rate")]
    keys: list[tuple[Any, ...]] = (
        [tuple(None if _is_missing(v) else v for v in row) for row in zip(*(read(g) for g in groups), strict=True)]
        if groups
        else [()] * len(clause_col)
    )

    mdates = _mpl("matplotlib.dates")
    mticker = _mpl("matplotlib.ticker")
    mpatches = _mpl("matplotlib.patches")
    palette = _mpl("matplotlib").colormaps["tab10"]
    fonts = _Fonts()
    if ax is None:
        fig: Figure = _mpl("matplotlib.figure").Figure(figsize=(9.0, 0.6 + 3.0 * len(order)), layout="constrained")
        axes = list(np.atleast_1d(fig.subplots(len(order), 1, squeeze=False)[:, 0]))
    else:
        fig, ax = _canvas(ax, (9.0, 3.6))
        axes = [ax]
    group_order = list(dict.fromkeys(keys))
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
            shown, font = fonts.fit(label)
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
            if font is not None:
                axis.get_lines()[-1].set_label(label)
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
        axis.set_xlim(lo - spacing * 0.6, hi + spacing * 0.6)
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
