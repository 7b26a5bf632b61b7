"""slaclock: deadlines in service contracts, counted on Chinese working-day calendars.

>>> import datetime as dt, slaclock as sc
>>> cal = sc.calendar("CN")
>>> cal.is_workday(dt.date(2026, 2, 14))     # Saturday, a makeup workday (调休上班)
True
>>> cal.add_workdays(dt.date(2026, 9, 30), 5)
datetime.date(2026, 10, 13)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from slaclock._calendar import WorkCalendar, calendar, custom_calendar
from slaclock._days.arrangement import (
    ChangeNotice,
    HolidayBlock,
    YearArrangement,
    load_arrangements,
)
from slaclock._days.importer import arrangement_from_notice
from slaclock._days.kinds import DayInfo, DayKind
from slaclock._days.registry import Coverage
from slaclock._hours.schedule import WorkingHours, working_hours
from slaclock._periods.convention import Convention
from slaclock._periods.period import Period, Unit, period
from slaclock.errors import (
    CalendarDataError,
    CalendarHorizonError,
    CalendarMismatchError,
    ContractError,
    DataVersionWarning,
    InvalidInputError,
    NonWorkdayError,
    NoticeParseError,
    PeriodParseError,
    ProvisionalWarning,
    RowIndexError,
    SlaclockError,
    SlaclockWarning,
    VerificationError,
)

if TYPE_CHECKING:
    from slaclock import penalties, templates
    from slaclock._contracts.case import Case, CaseEvent, ClauseStatus, Status
    from slaclock._contracts.contract import CalendarSpec, Clause, Contract, Extension
    from slaclock._contracts.evaluate import STATES
    from slaclock._contracts.report import report
    from slaclock._contracts.tables import NO_DAY32
    from slaclock._contracts.targets import Targets
    from slaclock._rules.columns import Deadlines, deadlines, notice_deadlines
    from slaclock._rules.deadline import Deadline, deadline, notice_deadline
    from slaclock._rules.windows import MonthlyRule, Window, fixed_window, monthly_deadline, monthly_deadlines

# Deadlines load on first use: a first calendar then costs only what it needs (the import-time target).
_LAZY = {
    **dict.fromkeys(("Case", "CaseEvent", "ClauseStatus", "Status"), "slaclock._contracts.case"),
    **dict.fromkeys(("CalendarSpec", "Clause", "Contract", "Extension"), "slaclock._contracts.contract"),
    "Targets": "slaclock._contracts.targets",
    **dict.fromkeys(("Deadline", "deadline", "notice_deadline"), "slaclock._rules.deadline"),
    **dict.fromkeys(("report",), "slaclock._contracts.report"),
    **dict.fromkeys(("STATES",), "slaclock._contracts.evaluate"),
    "NO_DAY32": "slaclock._contracts.tables",
    **dict.fromkeys(("Deadlines", "deadlines", "notice_deadlines"), "slaclock._rules.columns"),
    **dict.fromkeys(
        ("MonthlyRule", "Window", "fixed_window", "monthly_deadline", "monthly_deadlines"), "slaclock._rules.windows"
    ),
}


def __getattr__(name: str) -> Any:
    if name in ("penalties", "templates"):  # the submodules, on first use
        import importlib

        return importlib.import_module(f"slaclock.{name}")
    module = _LAZY.get(name)
    if module is not None:
        import importlib

        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later lookups are plain attribute reads
        return value
    if name == "__version__":  # written in one place, slaclock/_version.py, which the package metadata reads too
        from slaclock._version import __version__

        return __version__
    raise AttributeError(f"module 'slaclock' has no attribute {name!r}")


__all__ = [
    # calendars
    "calendar",
    "custom_calendar",
    "WorkCalendar",
    "DayKind",
    "DayInfo",
    "Coverage",
    # working hours
    "working_hours",
    "WorkingHours",
    # periods, conventions and deadlines
    "period",
    "Period",
    "Unit",
    "Convention",
    "deadline",
    "notice_deadline",
    "Deadline",
    "deadlines",
    "notice_deadlines",
    "Deadlines",
    # windows
    "fixed_window",
    "Window",
    "monthly_deadline",
    "monthly_deadlines",
    "MonthlyRule",
    # published arrangements
    "arrangement_from_notice",
    "load_arrangements",
    "penalties",
    "templates",
    # contracts
    "Contract",
    "Clause",
    "Extension",
    "Targets",
    "CalendarSpec",
    "Case",
    "CaseEvent",
    "Status",
    "ClauseStatus",
    "YearArrangement",
    "HolidayBlock",
    "ChangeNotice",
    "STATES",
    "NO_DAY32",
    "report",
    # errors and warnings
    "SlaclockError",
    "ContractError",
    "CalendarHorizonError",
    "CalendarMismatchError",
    "CalendarDataError",
    "InvalidInputError",
    "NonWorkdayError",
    "NoticeParseError",
    "PeriodParseError",
    "RowIndexError",
    "VerificationError",
    "SlaclockWarning",
    "ProvisionalWarning",
    "DataVersionWarning",
    "__version__",
]


def __dir__() -> list[str]:  # what a notebook completes after "sc.": not this module's typing helpers
    return sorted({*globals(), *_LAZY, "penalties", "templates"} - {"Any", "TYPE_CHECKING", "annotations"})
