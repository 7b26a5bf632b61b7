"""The calendar commands: ``due``, ``month``, ``year``, ``days``, ``holidays``, ``ics``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from slaclock._base.show import brief
from slaclock._calendar import WorkCalendar, calendar
from slaclock._cli.output import Style, display_width, pad
from slaclock._days.kinds import DayKind
from slaclock._periods.convention import Convention
from slaclock.errors import InvalidInputError

__all__ = [
    "CONVENTIONS",
    "add_calendar_options",
    "calendar_from",
    "days_add",
    "days_between",
    "days_is",
    "due",
    "holidays",
    "ics",
    "month",
    "year",
]

CONVENTIONS = ("civil_code", "business_hours", "deemed_receipt", "notice_on_workday", "no_rollover")
"""The ``--convention`` presets: :class:`Convention`'s class methods of the same names."""

_WEEKDAYS = {"zh": "一二三四五六日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def add_calendar_options(p: argparse.ArgumentParser, *, hours: bool = False) -> None:
    """``--region``, ``--arrangements``, ``--horizon`` (and ``--hours``): the calendar a command counts on."""
    g = p.add_argument_group("calendar")
    g.add_argument("--region", default="CN", help="CN (default; 调休-exact), HK, MO or TW")
    g.add_argument(
        "--arrangements",
        metavar="PATH",
        action="append",
        help="a published year's arrangement file or a folder of them (from 'slaclock notice import'); repeatable",
    )
    g.add_argument(
        "--horizon",
        choices=("official", "projected"),
        default="official",
        help="past the official data: refuse (official, the default) or answer provisionally (projected)",
    )
    if hours:
        g.add_argument("--hours", metavar="SCHEDULE", help="working hours, e.g. '09:00-12:00,13:30-18:00'")


def calendar_from(args: argparse.Namespace) -> WorkCalendar:
    """The calendar the options name; an ``--arrangements`` folder with no arrangement in it is refused (a folder
    loads every file in it: an empty one, or a wrong one, loaded nothing, silently)."""
    from slaclock._days.arrangement import load_arrangements

    for path in args.arrangements or ():
        if Path(path).is_dir() and not load_arrangements(path):
            raise InvalidInputError(f"--arrangements {brief(path)} is a folder with no .toml or .json arrangement file")
    cal = calendar(args.region, horizon=args.horizon, arrangements=args.arrangements or None)
    hours = getattr(args, "hours", None)
    return cal.with_hours(hours) if hours else cal


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(f"{what} must be a date YYYY-MM-DD; got {brief(text)}") from None


def _weekday(day: dt.date, lang: str) -> str:
    name = _WEEKDAYS[lang][day.weekday()]
    return f"星期{name}" if lang == "zh" else name


# -- due ------------------------------------------------------------------------------------------------


def due(args: argparse.Namespace, style: Style) -> int:
    """``slaclock due START PERIOD``: when the period ends, and with ``--explain`` how it was counted."""
    from slaclock._rules.deadline import deadline

    cal = calendar_from(args)
    if args.convention == "business_hours" and not args.hours:
        raise InvalidInputError(
            "--convention business_hours ends a last day at the close of the working hours; give them with --hours "
            "(e.g. --hours 09:00-12:00,13:30-17:30)"
        )
    convention = getattr(Convention, args.convention)()
    d = deadline(args.start, args.period, calendar=cal, convention=convention)
    if d is None:
        raise InvalidInputError(f"START must be a date or a date and time; got {brief(args.start)}")
    steps = d.steps(args.lang)
    if args.json:
        out: dict[str, Any] = {
            "start": d.start.isoformat(),
            "period": str(d.period),
            "due": d.due.isoformat(),
            "last_day": d.last_day.isoformat(),
            "provisional": d.provisional,
            "region": cal.region,
            "tz": cal.tz,
            "convention": d.convention.name,
            "steps": steps,
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    mark = ""
    if d.provisional:
        mark = "  (暂定：含预测日期)" if args.lang == "zh" else "  (provisional: counted on projected days)"
    shown = str(d).removesuffix(" (provisional)")  # said below, in the command's language and colour
    print(style.paint(shown, "bold") + style.paint(mark, "yellow"))
    if args.explain:
        for step in steps:
            print(f"  · {step}")
    return 0


# -- month and year grids -------------------------------------------------------------------------------


def _month_arg(text: str) -> tuple[int, int]:
    hit = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", text.strip())
    if hit is None or not 1 <= int(hit.group(2)) <= 12 or int(hit.group(1)) < 1:
        raise InvalidInputError(f"MONTH must be a year and month YYYY-MM (e.g. 2026-10); got {brief(text)}")
    return int(hit.group(1)), int(hit.group(2))


def _year_arg(text: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", text.strip()) or int(text) < 1:
        raise InvalidInputError(f"YEAR must be a year YYYY, 0001 or later (e.g. 2026); got {brief(text)}")
    return int(text)


LEGEND = "休 = day off (a holiday break), 班 = weekend day worked (调休上班)"


def _grid(cal: WorkCalendar, y: int, m: int) -> str:
    from slaclock._demo import month_grid

    return month_grid(cal, y, m)


def month(args: argparse.Namespace, style: Style) -> int:
    """``slaclock month 2026-10``: the month as a Monday-first grid, 休 and 班 marked."""
    y, m = _month_arg(args.month)
    cal = calendar_from(args)
    print(_paint_rows(_grid(cal, y, m).splitlines(), style))
    print(style.paint(LEGEND, "dim"))
    return 0


def year(args: argparse.Namespace, style: Style) -> int:
    """``slaclock year 2026``: twelve month grids, three abreast."""
    y = _year_arg(args.year)
    cal = calendar_from(args)
    grids = [_grid(cal, y, m).splitlines() for m in range(1, 13)]
    width = max(display_width(line) for g in grids for line in g) + 4
    blocks = []
    for row in range(0, 12, 3):
        three = grids[row : row + 3]
        height = max(len(g) for g in three)
        lines = []
        for i in range(height):
            cells = [g[i] if i < len(g) else "" for g in three]
            lines.append("".join(pad(c, width) for c in cells[:-1]) + cells[-1])
        blocks.append(_paint_rows(lines, style))
    print(f"{y} {cal.region}: {sum(cal.workdays_in_month(y, m) for m in range(1, 13))} workdays")
    print("\n\n".join(blocks))
    print(style.paint(LEGEND, "dim"))
    return 0


def _paint_rows(lines: list[str], style: Style) -> str:
    out = []
    for i, line in enumerate(lines):
        line = line.rstrip()
        if style.on:
            if i == 0:
                line = style.paint(line, "bold")
            else:
                line = re.sub(
                    r"([ \d]\d)(休|班)",
                    lambda m: style.paint(m.group(0), "red" if m.group(2) == "休" else "yellow"),
                    line,
                )
        out.append(line)
    return "\n".join(out)


# -- days add | between | is ----------------------------------------------------------------------------


def days_add(args: argparse.Namespace, style: Style) -> int:
    """``slaclock days add DATE N``: the N-th workday after DATE (before it for a negative N)."""
    cal = calendar_from(args)
    start = _date(args.date, "DATE")
    print(cal.add_workdays(start, args.n).isoformat())
    return 0


def days_between(args: argparse.Namespace, style: Style) -> int:
    """``slaclock days between A B``: the workdays in [A, B)."""
    cal = calendar_from(args)
    print(cal.workdays_between(_date(args.a, "A"), _date(args.b, "B")))
    return 0


def days_is(args: argparse.Namespace, style: Style) -> int:
    """``slaclock days is DATE``: whether DATE is a workday, and what kind of day it is."""
    cal = calendar_from(args)
    info = cal.day_info(_date(args.date, "DATE"))
    lang = args.lang
    name = info.name_zh if lang == "zh" else info.name_en
    if lang == "zh":
        verdict = "工作日" if info.is_workday else "休息日"
        kind = info.kind.zh
    else:
        verdict = "workday" if info.is_workday else "rest day"
        kind = info.kind.value.replace("_", " ")
    text = f"{info.date.isoformat()} {_weekday(info.date, lang)}: {verdict} ({kind}"
    text += f"; {name})" if name and kind.lower() not in name.lower() else ")"
    if info.provisional:
        text += " 暂定" if lang == "zh" else " provisional"
    print(style.paint(text, "green" if info.is_workday else "red"))
    return 0


# -- holidays and ics -----------------------------------------------------------------------------------


def holidays(args: argparse.Namespace, style: Style) -> int:
    """``slaclock holidays 2026``: every day of the year that is not an ordinary workday or weekend."""
    y = _year_arg(args.year)
    cal = calendar_from(args)
    lang = args.lang
    day = dt.date(y, 1, 1)
    cal.is_workday(day)  # a year outside the data: the calendar's own error, naming its span
    cal.is_workday(dt.date(y, 12, 31))
    rows = []
    while day.year == y:
        info = cal.day_info(day)
        if info.kind not in (DayKind.WORKDAY, DayKind.WEEKEND):
            mark = "班" if info.is_workday else "休"
            name = (info.name_zh if lang == "zh" else info.name_en) or ""
            kind = info.kind.zh if lang == "zh" else info.kind.value.replace("_", " ")
            flag = (" 暂定" if lang == "zh" else " provisional") if info.provisional else ""
            line = f"{day.isoformat()}  {pad(_weekday(day, lang), 6)}  {mark}  {pad(kind, 18)}{name}{flag}"
            rows.append(style.paint(line, "yellow" if info.is_workday else "red"))
        day += dt.timedelta(days=1)
    title = f"{y} {cal.region}: {len(rows)} days that are not a plain workday or weekend (休 off, 班 worked)"
    print(style.paint(title, "bold"))
    print("\n".join(rows))
    return 0


def ics(args: argparse.Namespace, style: Style) -> int:
    """``slaclock ics 2026 -o cn.ics``: the year's days off and makeup workdays as an iCalendar file."""
    y = _year_arg(args.year)
    cal = calendar_from(args)
    text = cal.to_ics(dt.date(y, 1, 1), dt.date(y, 12, 31), lang=args.lang)
    if args.output in (None, "-"):
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return 0
    path = Path(args.output)
    path.write_bytes(text.encode("utf-8"))
    events = text.count("BEGIN:VEVENT")
    print(f"wrote {path} ({events} days, {y} {cal.region})", file=sys.stderr)
    return 0
