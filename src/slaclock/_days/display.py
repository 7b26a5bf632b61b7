"""A calendar's faces: its short repr, and a month as an HTML grid of day kinds (``WorkCalendar.month_html``).

Maintainer's notes
------------------
The grid reads the :class:`DayTable` directly and never warns: a display of a projected month marks its
projected days (``provisional``, dashed border) instead of raising a ``ProvisionalWarning`` per cell. A month
wholly outside the table is a :class:`CalendarHorizonError`, in the table's own words; a month partly outside
(a custom calendar starting mid-month) shows those days as empty ``outside`` cells.

Each day cell carries its kind as its ``class`` word (the :class:`DayKind` value, plus ``provisional``) for
tests and for anyone scraping the page; the look is inline styles only.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Sequence
from typing import Final

from slaclock._base.html import MUTED, Cell, box, esc, table
from slaclock._base.show import brief
from slaclock._base.types import Lang
from slaclock._days.arithmetic import is_int
from slaclock._days.kinds import KINDS_BY_CODE, DayKind
from slaclock._days.table import DayTable
from slaclock.errors import InvalidInputError

__all__ = ["calendar_html", "calendar_repr", "default_month", "month_html"]

STYLE: Final = {
    DayKind.WORKDAY: "background:#ffffff",
    DayKind.WEEKEND: "background:#eeeeee;color:#777",
    DayKind.HOLIDAY: "background:#f8d0d0;color:#a00000;font-weight:bold",
    DayKind.TRANSFERRED_REST: "background:#fbe3d0;color:#a04000",
    DayKind.MAKEUP_WORKDAY: "background:#d0e4f8;color:#003c8f;font-weight:bold",
    DayKind.CLOSURE: "background:#d8d8d8;color:#444;text-decoration:line-through",
    DayKind.EXTRA_WORKDAY: "background:#d8f0d8;color:#185018",
}
"""The look of each day kind: rest days warm, worked weekend days blue, closures struck through."""
_MARK: Final = {
    DayKind.HOLIDAY: ("休", "off"),
    DayKind.TRANSFERRED_REST: ("休", "off"),
    DayKind.MAKEUP_WORKDAY: ("班", "work"),
    DayKind.CLOSURE: ("停", "closed"),
    DayKind.EXTRA_WORKDAY: ("班", "work"),
}
"""The small mark after the day number: 休 (off), 班 (worked on a rest day), 停 (closed)."""
_WEEK: Final = {
    "zh": ("一", "二", "三", "四", "五", "六", "日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_NAMES_EN: Final = {
    DayKind.WORKDAY: "workday",
    DayKind.WEEKEND: "weekend",
    DayKind.HOLIDAY: "holiday",
    DayKind.TRANSFERRED_REST: "day off in lieu",
    DayKind.MAKEUP_WORKDAY: "makeup workday",
    DayKind.CLOSURE: "closure",
    DayKind.EXTRA_WORKDAY: "extra workday",
}
_PROVISIONAL: Final = ";border:1px dashed #a06000;font-style:italic"
_CELL: Final = "text-align:center;padding:3px 6px;border:1px solid #fff;min-width:2.2em"


def calendar_repr(t: DayTable, *, hours: str, extras: Sequence[str] = (), overrides: Sequence[tuple[str, int]]) -> str:
    """``<WorkCalendar CN Asia/Shanghai, official 2004-01-01..2026-12-31>`` with what differs from the default.

    ``extras``: words shown as they are ("general list"); ``overrides``: (word, count) pairs ("closure", 2),
    shown when the count is not 0; ``hours``: the working hours' one-line text, or "".
    """
    span = f"{t.coverage.first.isoformat()}..{t.official_until.isoformat()}"
    parts = [f"{t.region} {t.tz}", f"official {span}" if not t.custom else span]
    if t.last_day > t.official_until:
        parts.append(f"projected to {t.last_day.isoformat()}")
    parts += list(extras)
    parts += [f"{n} {word}{'s' * (n != 1)}" for word, n in overrides if n]
    if hours:
        parts.append(f"hours {hours}")
    return f"<WorkCalendar {', '.join(parts)}>"


def default_month(t: DayTable) -> tuple[int, int]:
    """The month a calendar's display shows: the latest official month with a holiday or a worked rest day.

    So the 调休 of the newest published arrangement shows (October 2026 for CN with the bundled data); a calendar
    without any such day shows the month of its last official day. Deterministic: it depends on the data only,
    never on today's date.
    """
    ix = t.ix
    plain = (DayKind.WORKDAY.code, DayKind.WEEKEND.code)
    for i in range(ix.official_last, -1, -1):
        if int(ix.kind[i]) not in plain:
            day = ix.date_of(i)
            return day.year, day.month
    return t.official_until.year, t.official_until.month


def month_html(t: DayTable, year: int, month: int, *, lang: Lang = "zh", title: str = "") -> str:
    """One month as a grid of 7 columns (Monday first), each day coloured by its kind, with a legend."""
    if not isinstance(lang, str) or lang not in ("zh", "en"):
        raise InvalidInputError(f"lang must be 'zh' or 'en', got {brief(lang)}")
    if not (is_int(year) and is_int(month)) or not (1 <= int(month) <= 12) or not (1 <= int(year) <= 9999):
        raise InvalidInputError(
            f"month_html: year must be an integer 1..9999 and month an integer 1..12; "
            f"got year={brief(year)}, month={brief(month)}"
        )
    year, month = int(year), int(month)
    ix = t.ix
    first = dt.date(year, month, 1)
    days = _cal.monthrange(year, month)[1]
    lo, hi = first.toordinal() - ix.o0, first.toordinal() - ix.o0 + days  # table indices [lo, hi)
    if hi <= 0 or lo >= ix.n:
        raise t.horizon_error(f"month_html({year:04d}-{month:02d})", after=lo >= ix.n, count=1, total=1, index=0)
    cells: list[Cell] = [Cell("", _CELL, kind="blank")] * first.weekday()
    seen: set[DayKind] = set()
    projected = False
    for d in range(days):
        i = lo + d
        if not 0 <= i < ix.n:
            cells.append(Cell(str(d + 1), _CELL + ";color:#bbb", "outside the calendar's days", "outside"))
            continue
        kind = KINDS_BY_CODE[int(ix.kind[i])]
        seen.add(kind)
        provisional = i > ix.official_last
        projected |= provisional
        mark = _MARK.get(kind)
        name = t.names.get(i)
        tip = [name[1] if lang == "zh" else name[0]] if name else []
        tip.append(kind.zh if lang == "zh" else _NAMES_EN[kind])
        if provisional:
            tip.append("预测，未经官方公布" if lang == "zh" else "projected, not yet official")
        text = f"{d + 1}{mark[0] if lang == 'zh' else ''}" if mark else str(d + 1)
        if mark and lang == "en":
            text = f"{d + 1} {mark[1]}"
        style = f"{_CELL};{STYLE[kind]}" + (_PROVISIONAL if provisional else "")
        cells.append(Cell(text, style, " · ".join(tip), kind.value + (" provisional" if provisional else "")))
    cells += [Cell("", _CELL, kind="blank")] * (-len(cells) % 7)
    head = [Cell(w, _CELL + ";font-weight:bold") for w in _WEEK[lang]]
    grid = table(head, [cells[k : k + 7] for k in range(0, len(cells), 7)])
    caption = f"{year}年{month}月" if lang == "zh" else f"{_cal.month_name[month]} {year}"
    legend = " ".join(
        f'<span style="{_CELL};{STYLE[k]};display:inline-block">{esc(k.zh if lang == "zh" else _NAMES_EN[k])}</span>'
        for k in DayKind
        if k in seen and k is not DayKind.WORKDAY
    )
    if projected:
        word = "虚线：预测日，未经官方公布" if lang == "zh" else "dashed: projected, not yet official"
        legend += f' <span style="{_CELL}{_PROVISIONAL};display:inline-block">{esc(word)}</span>'
    head_line = f'<div style="{MUTED}">{esc(title)}</div>' if title else ""
    return box(caption, head_line, grid, f'<div style="margin-top:4px">{legend}</div>' if legend else "")


def calendar_html(t: DayTable, title: str) -> str:
    """A calendar's notebook display: :func:`month_html` of :func:`default_month`, under the calendar's repr."""
    year, month = default_month(t)
    return month_html(t, year, month, title=title)
