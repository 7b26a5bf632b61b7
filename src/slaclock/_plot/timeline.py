"""A case's timeline at ``now`` (:func:`slaclock.plot.case`)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING, Any, Final

from slaclock._base.show import brief, strf
from slaclock._plot.common import Fonts, canvas, date_limits, mpl, plain
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from slaclock._contracts.case import Case
    from slaclock._contracts.status import ClauseStatus

__all__ = ["EVENT_COLOURS", "STATE_COLOURS", "case"]

STATE_COLOURS: Final = {
    "running": "#4c72b0",
    "at_risk": "#dd8452",
    "paused": "#9a9a9a",
    "met": "#55a868",
    "breached": "#c44e52",
    "expired": "#937860",
    "stopped": "#b5b5b5",
}
EVENT_COLOURS: Final = {
    "record": "#333333",
    "pause": "#7a7a7a",
    "resume": "#7a7a7a",
    "extend": "#8172b3",
    "escalate": "#c44e52",
}


MARKS_AT_MOST: Final = 1_000
"""Events and cycles a case's plot draws (a marker or bar each): about 3 s at most."""
ROWS_AT_MOST: Final = 60
"""Clauses a case's plot draws, a row each."""


@plain
def case(c: Case, *, now: Any, ax: Axes | None = None) -> Figure:
    """A case's timeline at ``now``: each clause a bar from its start to its due, and the case's events.

    Read from :meth:`Case.status <slaclock.Case.status>` at ``now`` and the case's events: a bar per clause
    that has started, coloured by its state, from its start to its due (to ``now`` while paused or while a
    window's end is not known); a diamond where its ``met_by`` event came; a cross at the due of a breach and a
    thin red bar for the time overdue; shading where a pausable clause's clock was stopped; a triangle where an
    extension was notified, and "(extended)" beside the state; a square where the case was escalated; a
    recurring clause's cycles as bars on its row. A notice clause's bar runs from its due (the last instant to
    give notice) to its anchor. A provisional status is dotted and its state marked ``*``. The top row shows
    every event of the case, and a dashed line ``now``. Times are wall times in the calendar's zone.

    Warns
    -----
    ProvisionalWarning
        As :meth:`Case.status <slaclock.Case.status>`: once, when a clause was counted on days past the
        official data.

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
        not matplotlib Axes; matplotlib not installed (``pip install 'slaclock[plot]'``); more than
        :data:`MARKS_AT_MOST` events and cycles, or :data:`ROWS_AT_MOST` clauses, to draw (a bound on its time).

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
    # a Case, known by its attributes: the plots may not import the layers above them (Case.plot imports these)
    if not all(hasattr(c, name) for name in ("status", "events", "contract", "calendar")):
        raise InvalidInputError(f"c must be a Case (contract.open(...)); got {type(c).__name__} {brief(c)}")
    status = c.status(now=now, lang="en")
    marks_to_draw = len(c.events) + sum(len(s.cycles) for s in status.clauses)
    if marks_to_draw > MARKS_AT_MOST or len(status.clauses) > ROWS_AT_MOST:
        raise InvalidInputError(
            f"case.plot draws at most {MARKS_AT_MOST:,} events and cycles on {ROWS_AT_MOST} clauses legibly; this case "
            f"has {marks_to_draw:,} on {len(status.clauses):,}: case.status(now=...) and case.events give them all"
        )
    zone = zoneinfo.ZoneInfo(c.calendar.tz)
    mdates = mpl("matplotlib.dates")
    mlines = mpl("matplotlib.lines")
    mpatches = mpl("matplotlib.patches")
    fonts = Fonts()

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
    fig, ax = canvas(ax, (11.0, 1.6 + 0.42 * (len(names) + 1)))
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
        if s.provisional:
            marks.add("provisional")
        left, right = sorted((start, end))  # a notice's due comes before its anchor (its start)
        ax.barh(
            y,
            max(right - left, 1e-9),
            left=left,
            height=0.5,
            color=STATE_COLOURS.get(s.state, "#cccccc"),
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
        late = now_x if s.state == "breached" and done is None else right
        return max(right, late, done if done is not None else right)

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
        colour = EVENT_COLOURS[e.kind]
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
    ax.set_xlim(*date_limits(lo - pad, hi + pad * 4))
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
        f"{c.contract.name}: received {strf(received, '%Y-%m-%d %H:%M')}, status at "
        f"{strf(status.now.astimezone(zone), '%Y-%m-%d %H:%M')} ({c.calendar.tz})"
    )
    ax.set_title(title, fontsize=9, loc="left", fontproperties=title_font)

    handles = [
        mpatches.Patch(color=colour, label=state.replace("_", " "))
        for state, colour in STATE_COLOURS.items()
        if state in states
    ]
    extra = {
        "done": mlines.Line2D([], [], marker="D", color="#1f3d1f", linestyle="none", label="met_by event"),
        "breach": mlines.Line2D([], [], marker="X", color="#8b0000", linestyle="none", label="breach (due)"),
        "paused": mpatches.Patch(facecolor="none", edgecolor="#444444", hatch="////", label="clock stopped"),
        "extend": mlines.Line2D(
            [], [], marker="^", color=EVENT_COLOURS["extend"], linestyle="none", label="extension notified"
        ),
        "provisional": mpatches.Patch(
            facecolor="white", edgecolor="#555555", hatch="...", label="provisional (*): past the official data"
        ),
        "escalate": mlines.Line2D(
            [], [], marker="s", color=EVENT_COLOURS["escalate"], linestyle="none", label="escalated"
        ),
    }
    handles += [h for key, h in extra.items() if key in marks]
    handles.append(mlines.Line2D([], [], color="#111111", linestyle="--", label="now"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    return fig
