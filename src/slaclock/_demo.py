"""The demo behind ``make demo``: a complaint's contract timeline on the CN calendar.

It shows the month grids a reader needs (休 days off, 班 weekend days worked),
then the time limits of the seed contracts for one sample complaint received
the day before National Day 2026, each with its Civil Code explanation; seed
001 as a running case (acknowledgement, a pause for the customer, the chain of
limits after it) and a seed 004 late payment; a column of a million complaints;
and what happens past the official data.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

from slaclock._calendar import WorkCalendar, calendar
from slaclock._days.kinds import DayKind
from slaclock._periods.period import Period, Unit
from slaclock._rules import deadline as _deadline
from slaclock.errors import CalendarHorizonError

if TYPE_CHECKING:
    from slaclock._contracts.contract import Contract

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


def timeline(cal: WorkCalendar) -> None:
    """The seed contracts' limits for one complaint, received 2026-09-30 16:20, each explained."""
    from slaclock._periods.convention import Convention
    from slaclock._rules.deadline import Deadline, deadline, notice_deadline
    from slaclock._rules.windows import Window, fixed_window, monthly_deadline

    received = dt.datetime(2026, 9, 30, 16, 20)
    hours = cal.with_hours("09:00-12:00,13:30-17:30")
    acknowledged = dt.datetime(2026, 9, 30, 17, 5)
    print(
        f"\nA service-quality complaint, received {received:%Y-%m-%d %H:%M} (Asia/Shanghai), "
        f"acknowledged {acknowledged:%H:%M}"
    )
    limits: list[tuple[str, Deadline | Window]] = [
        ("001 §2.3 受理确认：收到投诉后24小时内", deadline(received, "收到投诉后24小时内", calendar=cal)),
        (
            "001 §2.3 若约定为8个工作小时（营业时间 09:00-12:00, 13:30-17:30）",
            deadline(received, "收到投诉后8个工作小时内", calendar=hours),
        ),
        ("001 §3.2(3) 初步调查：受理后5个工作日内", deadline(acknowledged, "5个工作日内", calendar=cal)),
        ("001 §3.3(1) 标准处理：受理后15个工作日内", deadline(acknowledged, "15个工作日内", calendar=cal)),
        ("002 v1 §12.2.1 协商：争议发生后30日内", deadline(received, "30日内", calendar=cal)),
        (
            "002 §6.2.4 整改：7日内，按营业时间截止（第203条第2款）",
            deadline(received, "7日内", calendar=hours, convention=Convention.business_hours()),
        ),
        (
            "003 三.2 服务费：每月初五个工作日内（2026年10月）",
            monthly_deadline("2026-10", "每月初五个工作日内", calendar=cal),
        ),
        (
            "002 §7.2.1 费用清单：每月的第一个工作日前（2026年10月）",
            monthly_deadline("2026-10", "每月的第一个工作日前", calendar=cal),
        ),
        (
            "002 §6.3.1 解除：提前30日书面通知，于2026-12-31终止",
            notice_deadline("2026-12-31", "提前30日书面通知", calendar=cal),
        ),
        ("000 §2.1 代金券有效期", fixed_window("有效期自2026-10-01至2026-10-31", calendar=cal)),
    ]
    for title, result in limits:
        print(f"\n  {title}\n    → {result}")
        for step in result.steps():
            print(f"      · {step}")


SEED_001_BLANKS: Final = {
    "ack": "24小时",
    "investigation": "5个工作日",
    "proposal": "3个工作日",
    "standard": "10个工作日",
    "complex_max": "30个工作日",
    "escalation_start": "2个工作日",
    "escalation_handling": "10个工作日",
    "progress_notice": "5个工作日",
    "solution_notice": "2个工作日",
    "confirmation": "5个工作日",
}
"""Seed 001's blanks as docs/templates.md fills them (and the demo, the tests, the benchmarks and the plots)."""


def seed_001(**blanks: Any) -> Contract:
    """Seed 001 with the blanks filled as a customer-service desk might fill them (``blanks`` override them)."""
    from slaclock import templates

    return templates.service_quality_complaint(**{**SEED_001_BLANKS, **blanks})


def case_timeline(contract: Contract) -> None:
    """Seed 001 as a running case: its clauses' status as events arrive, with a pause for the customer."""
    from slaclock import penalties
    from slaclock._rules.deadline import deadline

    case = contract.open(received_at="2026-09-30T16:20")
    steps = [
        ("acknowledged 10-01 09:30 (a holiday: the 24 hours run through it)", "2026-10-01T09:30"),
        ("paused 10-09 15:00 for the customer's invoice (pausable clauses keep what they used)", "2026-10-09T15:00"),
        ("resumed 10-12 10:00, investigation done 10-14 11:00", "2026-10-14T11:00"),
    ]
    case = case.record("acknowledged", at="2026-10-01T09:30")
    print("\nSeed 001 (服务质量投诉处理协议) as a case, received 2026-09-30 16:20:")
    for i, (what, now) in enumerate(steps):
        if i == 1:
            case = case.pause("awaiting the customer's invoice", at=now)
        if i == 2:
            case = case.resume(at="2026-10-12T10:00").record("investigated", at=now)
        print(f"\n  {what}; status at {now.replace('T', ' ')}:")
        shown = [c for c in case.status(now=now).table().splitlines() if "未开始" not in c]
        print("\n".join(f"    {line}" for line in shown))
    fee_due = deadline("2026-09-21", "10日内", calendar="CN")  # day 10 is 10-01: rolled to 10-08 (art. 203)
    late = penalties.late_payment(
        "12,345.60", fee_due, [("2026-10-20", "12,345.60")], "每日万分之五", terminate_after=10
    )
    print(f"\n  Seed 004 §五 late payment (fee due within 10日 of 2026-09-21, paid 10-20):\n    {late.describe()}")


def column(cal: WorkCalendar) -> None:
    """The 5-working-day limit for a column of a million complaints, and how many a plain weekday count gets wrong."""
    import time

    import numpy as np

    from slaclock._rules.columns import deadlines

    rng = np.random.default_rng(2026)
    opened = np.datetime64("2025-01-01T00:00", "us") + rng.integers(0, 640 * 86_400, 1_000_000).astype("timedelta64[s]")
    start = time.perf_counter()
    due = deadlines(opened, "5个工作日", calendar=cal)
    took = time.perf_counter() - start
    rest = np.array(sorted(d for d in _days(cal) if not cal.is_workday(d) and d.weekday() < 5), dtype="datetime64[D]")
    plain = np.busday_offset(opened.astype("datetime64[D]"), 5, roll="backward", holidays=rest)
    wrong = int((plain != due.last_day).sum())
    print(
        f"\nThe same 5-working-day limit for 1,000,000 complaints opened in 2025-2026 (sc.deadlines): "
        f"{took * 1e3:.0f} ms.\n  A weekday count that knows the holidays but not the 调休 Saturdays "
        f"(numpy busday_offset) is wrong on {wrong:,} of them ({wrong / 1e4:.1f}%)."
    )


def many_cases(contract: Contract) -> None:
    """Seed 001's first two limits for a million complaints at once (``contract.evaluate``)."""
    import time

    import numpy as np

    rng = np.random.default_rng(2027)
    n = 1_000_000
    received = np.datetime64("2026-01-01T00:00", "us") + rng.integers(0, 280 * 86_400, n).astype("timedelta64[s]")
    hours = rng.integers(0, 30 * 3600, n).astype("timedelta64[s]")
    acknowledged = np.where(rng.random(n) < 0.98, received + hours, np.datetime64("NaT"))
    investigated = acknowledged + rng.integers(0, 9 * 86_400, n).astype("timedelta64[s]")
    now = np.datetime64("2026-10-20T00:00", "us")
    investigated[investigated > now] = np.datetime64("NaT")
    events = {"received": received, "acknowledged": acknowledged, "investigated": investigated}
    clauses = ["acknowledgement", "investigation"]
    cal = contract.calendar()
    contract.evaluate(
        {k: v[:1000] for k, v in events.items()}, now=now, clauses=clauses, ignore_pauses=True, calendar=cal
    )
    start = time.perf_counter()
    r = contract.evaluate(events, now=now, clauses=clauses, ignore_pauses=True, calendar=cal)
    took = time.perf_counter() - start
    print(
        "\nSeed 001's first two limits for 1,000,000 complaints received in 2026, at once "
        f"(contract.evaluate, {took * 1e3:.0f} ms; this data has no pauses), at 2026-10-20:"
    )
    for clause in ("acknowledgement", "investigation"):
        states, counts = np.unique(r[f"{clause}.state"], return_counts=True)
        tally = ", ".join(f"{s} {c:,}" for s, c in zip(states, counts, strict=True))
        print(f"  {clause}: {tally}")


def _days(cal: WorkCalendar) -> list[dt.date]:
    first = dt.date(2025, 1, 1)
    return [first + dt.timedelta(days=i) for i in range((dt.date(2026, 12, 31) - first).days + 1)]


def main() -> None:
    """Print the demo."""
    cal = calendar("CN")
    print("slaclock demo — mainland China working-day calendar (休 = day off, 班 = weekend day worked)")
    print(cal.describe())
    for year, month in ((2026, 2), (2026, 9), (2026, 10)):
        print()
        print(month_grid(cal, year, month))

    timeline(cal)
    contract = seed_001()
    case_timeline(contract)
    column(cal)
    many_cases(contract)

    print("\nPast the official data (the 2027 notice is not yet published in any package):")
    try:
        cal.add_workdays(dt.date(2026, 12, 28), 5)
    except CalendarHorizonError as exc:
        print(f"  CalendarHorizonError: {exc}")
    projected = calendar("CN", horizon="projected")
    # the demo reports the provisional mark itself, so it asks for no ProvisionalWarning (library code must
    # not change warnings.filters to silence one)
    guess = _deadline._unwarned(projected, _deadline._CIVIL, Period(5, Unit.WORKDAY), dt.date(2026, 12, 28))
    print(f"  horizon='projected': {guess.last_day.isoformat()} (provisional: {guess.provisional})")
