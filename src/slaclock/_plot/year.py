"""A calendar's year as a heat-map of its days' kinds (:func:`slaclock.plot.year`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from slaclock._base import warn as _provisional
from slaclock._base.show import brief
from slaclock._days.kinds import DayKind
from slaclock._plot.common import Fonts, canvas, mpl, plain
from slaclock.errors import CalendarHorizonError, InvalidInputError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from slaclock._calendar import WorkCalendar

__all__ = ["DAY_STYLES", "in_holiday_runs", "year"]

_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# (legend label, kinds, colour, mark with a CJK font, mark without)
DAY_STYLES: Final = (
    ("workday", (DayKind.WORKDAY,), "#eef1f5", "", ""),
    ("weekend", (DayKind.WEEKEND,), "#c3c9d3", "", ""),
    ("holiday, day off in lieu", (DayKind.HOLIDAY, DayKind.TRANSFERRED_REST), "#f08a80", "休", "R"),
    ("makeup workday", (DayKind.MAKEUP_WORKDAY,), "#7fa7dc", "班", "W"),
    ("extra workday (own)", (DayKind.EXTRA_WORKDAY,), "#8cc98f", "班", "W"),
    ("closure (own)", (DayKind.CLOSURE,), "#a58bc9", "×", "×"),
)


@plain
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
    if not all(hasattr(cal, name) for name in ("first_day", "last_day", "day_kind", "region")):  # a WorkCalendar
        raise InvalidInputError(f"cal must be a WorkCalendar (sc.calendar('CN')); got {brief(cal)}")
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

    marked = in_holiday_runs(kinds)
    mpatches = mpl("matplotlib.patches")
    fig, ax = canvas(ax, (12.5, 2.9))
    fonts = Fonts()
    cjk = fonts.cjk is not None
    style = {kind: s for s in DAY_STYLES for kind in s[1]}
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
    for m in range(2, 13):  # where a month begins: down its first day's column, then up the next one
        col, row = divmod((dt.date(y, m, 1) - dt.date(y, 1, 1)).days + offset, 7)
        xs, ys = ([col, col], [7, 0]) if row == 0 else ([col, col, col + 1, col + 1], [7, row, row, 0])
        ax.plot(xs, ys, color="#4a4a4a", linewidth=0.9, solid_capstyle="butt", gid=f"month {m}")
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
    title = f"{cal.region} {y}: {workdays} workday{'s' * (workdays != 1)}"
    if bool(provisional.any()):
        title += f" (provisional after {cal.official_until.isoformat()}: statutory holidays only)"
    ax.set_title(title, fontsize=10, loc="left")

    present = set(kinds.tolist())
    handles = []
    for label, members, colour, zh_mark, ascii_mark in DAY_STYLES:
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


def in_holiday_runs(kinds: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.bool_]]:
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
