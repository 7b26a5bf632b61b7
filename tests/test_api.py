"""The public surface: one facade, typed, and lazy about heavy imports."""

from __future__ import annotations

import subprocess
import sys
import types

import slaclock as sc

PUBLIC = {
    "deadlines",
    "notice_deadlines",
    "Deadlines",
    "calendar",
    "custom_calendar",
    "WorkCalendar",
    "DayKind",
    "DayInfo",
    "Coverage",
    "load_arrangements",
    "arrangement_from_notice",
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
    "working_hours",
    "WorkingHours",
    "period",
    "Period",
    "Unit",
    "Convention",
    "deadline",
    "notice_deadline",
    "Deadline",
    "fixed_window",
    "Window",
    "monthly_deadline",
    "monthly_deadlines",
    "MonthlyRule",
    "SlaclockError",
    "ContractError",
    "CalendarHorizonError",
    "CalendarMismatchError",
    "CalendarDataError",
    "InvalidInputError",
    "NonWorkdayError",
    "NoticeParseError",
    "PeriodParseError",
    "VerificationError",
    "RowIndexError",
    "SlaclockWarning",
    "ProvisionalWarning",
    "DataVersionWarning",
    "__version__",
}


def test_all_lists_exactly_the_public_names() -> None:
    assert set(sc.__all__) == PUBLIC
    assert len(sc.__all__) == len(PUBLIC)
    for name in sc.__all__:
        assert hasattr(sc, name), name
    names = {n for n in dir(sc) if not n.startswith("_")}  # what a notebook completes after "sc."
    assert PUBLIC - {"__version__"} <= names
    others = {n for n in names - PUBLIC if not isinstance(getattr(sc, n), types.ModuleType)}
    assert others == set(), others  # submodules (errors, and those imported), no typing helpers


def test_errors_form_one_hierarchy_with_builtin_bases() -> None:
    leaves = (
        sc.CalendarHorizonError,
        sc.CalendarDataError,
        sc.InvalidInputError,
        sc.NonWorkdayError,
        sc.PeriodParseError,
        sc.NoticeParseError,
        sc.CalendarMismatchError,
        sc.VerificationError,
        sc.RowIndexError,
    )
    for leaf in leaves:
        assert issubclass(leaf, sc.SlaclockError)
    assert issubclass(sc.CalendarHorizonError, LookupError)
    assert issubclass(sc.NonWorkdayError, ValueError)
    assert issubclass(sc.InvalidInputError, ValueError)
    assert issubclass(sc.InvalidInputError, TypeError)
    assert issubclass(sc.PeriodParseError, ValueError)
    assert issubclass(sc.CalendarMismatchError, ValueError)
    assert issubclass(sc.RowIndexError, IndexError)  # a sequence's contract: past the end is an IndexError
    assert issubclass(sc.VerificationError, AssertionError)  # a broken invariant fails a test as a test fails
    assert issubclass(sc.ProvisionalWarning, sc.SlaclockWarning)
    assert issubclass(sc.DataVersionWarning, sc.SlaclockWarning)


def test_import_is_lazy() -> None:
    """``import slaclock`` pulls in no optional library and not the holidays tables."""
    code = (
        "import sys, slaclock; "
        "heavy = {'pandas', 'polars', 'pyarrow', 'matplotlib', 'dask', 'hypothesis', 'holidays', 'pendulum', "
        "'dateutil', 'duckdb', 'pyspark', 'distributed', 'slaclock.io', 'slaclock.polars', 'slaclock.duckdb', "
        "'slaclock.dask', 'slaclock.spark', 'slaclock.plot', 'slaclock.testing', 'slaclock.strategies'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_engine_adapters_import_their_engines_only_when_used() -> None:
    """Importing an adapter costs nothing until it is called: the engine comes with the first call."""
    code = (
        "import sys, slaclock.io, slaclock.polars, slaclock.duckdb, slaclock.dask, slaclock.spark, slaclock.plot; "
        "print(sorted({'pyarrow', 'polars', 'duckdb', 'dask', 'distributed', 'pyspark', 'pandas', 'matplotlib'} "
        "& set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_package_is_typed() -> None:
    from importlib.resources import files

    assert files("slaclock").joinpath("py.typed").is_file()
