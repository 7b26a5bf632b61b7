"""The demo behind ``make demo``: month grids of the CN calendar and worked deadlines.

Until contracts exist (a later issue), the demo shows what the calendar core
answers: which days are off (休) and which weekend days are worked (班), and how
"N个工作日内" counts across National Day and Spring Festival, with each counted day.
"""

from __future__ import annotations

import datetime as dt
import warnings

from slaclock._calendar import WorkCalendar, calendar
from slaclock._daykind import DayKind
from slaclock.errors import CalendarHorizonError, ProvisionalWarning

_HEAD = "".join(f" {d} " for d in "一二三四五六日")


_OFF = (DayKind.HOLIDAY, DayKind.TRANSFERRED_REST, DayKind.CLOSURE)


def _in_holiday_block(cal: WorkCalendar, day: dt.date) -> bool:
    """Whether a rest day belongs to a run of rest days that holds a holiday (as notices count "放假N天")."""
    for step in (-1, 1):
        cur = day
        while not cal.is_workday(cur):
            if cal.day_kind(cur) in _OFF:
                return True
            cur += dt.timedelta(days=step)
    return False


def month_grid(cal: WorkCalendar, year: int, month: int) -> str:
    """A month as a Monday-first grid; 休 marks the days of a holiday break, 班 a weekend day worked."""
    first = dt.date(year, month, 1)
    lines = [f"{year}年{month}月  ({cal.workdays_in_month(year, month)} workdays)", _HEAD.rstrip()]
    cells = ["    "] * first.weekday()
    day = first
    while day.month == month:
        kind = cal.day_kind(day)
        mark = "  "
        if kind in (DayKind.MAKEUP_WORKDAY, DayKind.EXTRA_WORKDAY):
            mark = "班"
        elif not kind.is_workday and _in_holiday_block(cal, day):
            mark = "休"
        cells.append(f"{day.day:>2}{mark}")
        day += dt.timedelta(days=1)
    lines.extend("".join(cells[k : k + 7]).rstrip() for k in range(0, len(cells), 7))
    return "\n".join(lines)


def counted(cal: WorkCalendar, start: dt.date, n: int) -> str:
    """The counting steps of "n workdays from start": the start day excluded, then each counted workday."""
    steps = [f"起算 {start.isoformat()} ({cal.day_kind(start).zh}) 不计入"]
    day = start
    for k in range(1, n + 1):
        day = cal.next_workday(day)
        note = f" {cal.day_kind(day).zh}" if cal.day_kind(day) is not DayKind.WORKDAY else ""
        steps.append(f"第{k}日 {day.isoformat()} {'一二三四五六日'[day.weekday()]}{note}")
    return "\n    ".join(steps)


def main() -> None:
    """Print the demo."""
    cal = calendar("CN")
    print("slaclock demo — mainland China working-day calendar (休 = day off, 班 = weekend day worked)")
    print(cal.describe())
    for year, month in ((2026, 2), (2026, 9), (2026, 10)):
        print()
        print(month_grid(cal, year, month))

    print("\nWorked deadlines (Civil Code art. 201: the day of the event is not counted)")
    cases = [
        ("投诉受理 2026-09-30, 5个工作日内答复", dt.date(2026, 9, 30), 5),
        ("节前收到 2026-02-13, 7个工作日内处理", dt.date(2026, 2, 13), 7),
        ("国庆假期中收到 2025-10-04, 3个工作日内确认", dt.date(2025, 10, 4), 3),
    ]
    for title, start, n in cases:
        last = cal.add_workdays(start, n)
        print(f"\n  {title} → 最后一日 {last.isoformat()}，截止 24:00")
        print(f"    {counted(cal, start, n)}")

    fee_day = cal.nth_workday_of_month(2026, 10, 5)
    print("\n  每月初五个工作日内付费 (seed 003), 2026年10月 → 最后一日", fee_day.isoformat())
    print("    第3个工作日是调休上班的周六", cal.nth_workday_of_month(2026, 10, 3).isoformat())

    print("\nPast the official data (the 2027 notice is not yet published in any package):")
    try:
        cal.add_workdays(dt.date(2026, 12, 28), 5)
    except CalendarHorizonError as exc:
        print(f"  CalendarHorizonError: {exc}")
    projected = calendar("CN", horizon="projected")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalWarning)
        guess = projected.add_workdays(dt.date(2026, 12, 28), 5)
    print(f"  horizon='projected': {guess.isoformat()} (provisional: {projected.is_provisional(guess)})")
