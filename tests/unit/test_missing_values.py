"""The missing-value rule (docs/guide.md, "Missing values") at every public entry point that reads a date or instant.

A missing scalar (None, ``pd.NaT``, ``datetime64("NaT")`` of any unit, ``pd.NA``, a float NaN) gives a missing
result: None from a call that returns a date, an instant, a Deadline or a Window; False from a predicate. A
``datetime64`` scalar answers in kind, so a ``datetime64`` NaT gives ``datetime64[D]`` NaT from the day
arithmetic. A missing row of a column gives a missing row (NaT, null; False for a predicate, "" for a kind).
A count (``workdays_between``) has no missing value: InvalidInputError, for one value and for a row.
"""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import slaclock as sc

CAL = sc.calendar("CN")
HOURS = CAL.with_hours("09:00-12:00,13:30-18:00")
DAY = dt.date(2026, 9, 30)
WALL = dt.datetime(2026, 9, 30, 11, 0)
RULE = "每月初五个工作日内"

MISSING: dict[str, object] = {
    "None": None,
    "pd.NaT": pd.NaT,
    "datetime64 NaT": np.datetime64("NaT"),
    "datetime64[us] NaT": np.datetime64("NaT", "us"),
    "pd.NA": pd.NA,
    "nan": float("nan"),
}
SPELLINGS = pytest.mark.parametrize("missing", list(MISSING.values()), ids=list(MISSING))


def _is_nat64(v: object) -> bool:
    return isinstance(v, np.datetime64) and bool(np.isnat(v))


# -- one missing value --------------------------------------------------------------------------------------------


def _deadline() -> sc.Deadline:
    return sc.deadline(DAY, "5个工作日", calendar=CAL)


def _window() -> sc.Window:
    return sc.fixed_window("2026-01-01", "2026-01-31", calendar=CAL)


NONE_FOR_ANY: dict[str, Callable[[Any], Any]] = {
    "day_kind": CAL.day_kind,
    "holiday_name": CAL.holiday_name,
    "day_info": CAL.day_info,
    "next_open": HOURS.next_open,
    "next_open utc": functools.partial(HOURS.next_open, utc=True),
    "close_of": HOURS.close_of,
    "add_working_time": lambda m: HOURS.add_working_time(m, "1 hour"),
    "add_working_time utc": lambda m: HOURS.add_working_time(m, "1 hour", utc=True),
    "working_time_between(m, t)": lambda m: HOURS.working_time_between(m, WALL),
    "working_time_between(t, m)": lambda m: HOURS.working_time_between(WALL, m),
    "deadline workdays": lambda m: sc.deadline(m, "5个工作日", calendar=CAL),
    "deadline days": lambda m: sc.deadline(m, "7日", calendar=CAL),
    "deadline months": lambda m: sc.deadline(m, "1个月", calendar=CAL),
    "deadline hours": lambda m: sc.deadline(m, "48小时", calendar=CAL),
    "deadline working hours": lambda m: sc.deadline(m, "8个工作小时", calendar=HOURS),
    "deadline civil-code convention": lambda m: sc.deadline(
        m, "5个工作日", calendar=CAL, convention=sc.Convention.notice_on_workday()
    ),
    "notice_deadline days": lambda m: sc.notice_deadline(m, "30日", calendar=CAL),
    "notice_deadline workdays": lambda m: sc.notice_deadline(m, "5个工作日", calendar=CAL),
    "monthly_deadline": lambda m: sc.monthly_deadline(m, RULE, calendar=CAL),
    "monthly_deadlines(m, last)": lambda m: sc.monthly_deadlines(m, "2026-03", RULE, calendar=CAL),
    "monthly_deadlines(first, m)": lambda m: sc.monthly_deadlines("2026-01", m, RULE, calendar=CAL),
    "fixed_window(m, last)": lambda m: sc.fixed_window(m, "2026-01-31", calendar=CAL),
}
"""Entry points that give None for every missing spelling."""

DATE_ARITHMETIC: dict[str, Callable[[Any], Any]] = {
    "add_workdays": lambda m: CAL.add_workdays(m, 5),
    "add_workdays back": lambda m: CAL.add_workdays(m, -5),
    "add_workdays zero": lambda m: CAL.add_workdays(m, 0),
    "next_workday": CAL.next_workday,
    "previous_workday": CAL.previous_workday,
    **{f"roll {mode}": functools.partial(CAL.roll, mode=mode) for mode in ("raise", "nat", "forward", "backward")},
    "roll modifiedfollowing": functools.partial(CAL.roll, mode="modifiedfollowing"),
}
"""Day arithmetic: None, or ``datetime64[D]`` NaT for a ``datetime64`` NaT (a datetime64 scalar answers in kind)."""

FALSE_FOR_ANY: dict[str, Callable[[Any], Any]] = {
    "is_workday": CAL.is_workday,
    "is_provisional": CAL.is_provisional,
    "is_provisional projected": sc.calendar("CN", horizon="projected").is_provisional,
    "is_open": HOURS.is_open,
    "is_open utc": functools.partial(HOURS.is_open, utc=True),
    "Deadline.is_met": lambda m: _deadline().is_met(m),
    "in Window": lambda m: m in _window(),
}
"""Predicates: False, as numpy's ``is_busday`` answers NaT."""


@SPELLINGS
@pytest.mark.parametrize("call", list(NONE_FOR_ANY.values()), ids=list(NONE_FOR_ANY))
def test_a_missing_value_gives_none(call: Callable[[Any], Any], missing: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning either
        assert call(missing) is None


@SPELLINGS
@pytest.mark.parametrize("call", list(DATE_ARITHMETIC.values()), ids=list(DATE_ARITHMETIC))
def test_day_arithmetic_on_a_missing_date_gives_a_missing_date(call: Callable[[Any], Any], missing: object) -> None:
    got = call(missing)
    if isinstance(missing, np.datetime64):
        assert _is_nat64(got)
        assert got.dtype == np.dtype("datetime64[D]")
    else:
        assert got is None


@SPELLINGS
@pytest.mark.parametrize("call", list(FALSE_FOR_ANY.values()), ids=list(FALSE_FOR_ANY))
def test_a_predicate_of_a_missing_value_is_false(call: Callable[[Any], Any], missing: object) -> None:
    got = call(missing)
    assert got is False or got is np.False_


@SPELLINGS
def test_deadlines_is_met_with_one_missing_instant_is_false_on_every_row(missing: object) -> None:
    starts = np.array([DAY, DAY + dt.timedelta(days=1)], dtype="datetime64[D]")
    met = sc.deadlines(starts, "5个工作日", calendar=CAL).is_met(missing)
    assert met.tolist() == [False, False]


@SPELLINGS
@pytest.mark.parametrize("fn", [sc.deadlines, sc.notice_deadlines], ids=["deadlines", "notice_deadlines"])
def test_a_column_function_given_one_missing_value_gives_one_nat_row(fn: Any, missing: object) -> None:
    got = fn(missing, "30日", calendar=CAL)
    assert np.isnat(got.due).all()
    assert got.due.size == 1
    assert np.isnat(got.last_day).all()
    assert not np.asarray(got.provisional).any()


@SPELLINGS
@pytest.mark.parametrize("side", ["a", "b"])
def test_a_count_refuses_a_missing_end(missing: object, side: str) -> None:
    a, b = (missing, DAY) if side == "a" else (DAY, missing)
    with pytest.raises(sc.InvalidInputError, match=f"`{side}`"):
        CAL.workdays_between(a, b)  # type: ignore[arg-type]


@pytest.mark.parametrize("missing", [v for v in MISSING.values() if v is not None], ids=list(MISSING)[1:])
def test_fixed_window_with_a_missing_last_day_gives_none(missing: object) -> None:
    assert sc.fixed_window("2026-01-01", missing, calendar=CAL) is None


def test_fixed_window_without_a_last_day_reads_the_first_as_text() -> None:
    """``last=None`` is not a missing day: it says that ``first`` names both days."""
    assert sc.fixed_window("2026-01-01..2026-01-31", None, calendar=CAL) is not None
    with pytest.raises(sc.InvalidInputError, match="range of days"):
        sc.fixed_window("2026-01-01", None, calendar=CAL)


@SPELLINGS
def test_a_missing_value_is_still_checked_against_the_other_arguments(missing: object) -> None:
    """Only the missing value is answered for: a bad period, a calendar without hours, a bad mode still raise."""
    with pytest.raises(sc.PeriodParseError):
        sc.deadline(missing, "soon", calendar=CAL)  # type: ignore[call-overload]
    with pytest.raises(sc.InvalidInputError, match="with_hours"):
        sc.deadline(missing, "8个工作小时", calendar=CAL)  # type: ignore[call-overload]
    with pytest.raises(sc.InvalidInputError, match="working hours"):
        CAL.is_open(missing)  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidInputError, match="roll mode"):
        CAL.roll(missing, "sideways")  # type: ignore[call-overload]
    with pytest.raises(sc.InvalidInputError, match="n must be an integer"):
        CAL.add_workdays(missing, 1.5)  # type: ignore[call-overload]


# -- a missing row of a column ------------------------------------------------------------------------------------


def _numpy_objects(valid: object, missing: object) -> Any:
    return np.array([valid, missing], dtype=object)


def _numpy_typed(valid: object, missing: object) -> Any:
    unit = "D" if type(valid) is dt.date else "us"
    return np.array([np.datetime64(valid, unit), np.datetime64("NaT", unit)])


def _list(valid: object, missing: object) -> Any:
    return [valid, missing]


def _text_list(valid: object, missing: object) -> Any:
    return [str(valid), missing]  # numpy made text of ["2026-09-30", nan]: 'nan', which no reader took for missing


def _pandas_text(valid: object, missing: object) -> Any:
    return pd.Series([str(valid), missing], dtype=object)  # as read_csv gives a column of text with a blank


def _pandas(valid: object, missing: object) -> Any:
    return pd.Series([pd.Timestamp(valid), missing])


def _polars(valid: object, missing: object) -> Any:
    return pl.Series([valid, None])  # polars' only missing value is null


def _pyarrow(valid: object, missing: object) -> Any:
    return pa.array([valid, None])  # as is pyarrow's


KINDS: dict[str, Callable[[object, object], Any]] = {
    "numpy objects": _numpy_objects,
    "numpy datetime64": _numpy_typed,
    "list": _list,
    "list of text": _text_list,
    "pandas text": _pandas_text,
    "pandas": _pandas,
    "polars": _polars,
    "pyarrow": _pyarrow,
}


def _rows(result: Any) -> list[Any]:
    """A column of any kind as a list, its missing values as None."""
    if isinstance(result, pl.Series):
        values = result.to_list()
    elif isinstance(result, (pa.Array, pa.ChunkedArray)):
        values = result.to_pylist()
    else:
        values = list(np.asarray(result).ravel().tolist()) if not isinstance(result, pd.Series) else result.tolist()
    return [None if v is None or (not isinstance(v, str) and pd.isna(v)) else v for v in values]


def _same_kind(result: Any, column: Any) -> None:
    if isinstance(column, (pd.Series, pl.Series)):
        assert type(result) is type(column)
    elif isinstance(column, (pa.Array, pa.ChunkedArray)):
        assert isinstance(result, (pa.Array, pa.ChunkedArray))
    else:
        assert isinstance(result, np.ndarray)


DAY_COLUMNS: dict[str, tuple[Callable[[Any], Any], Any]] = {
    "is_workday": (CAL.is_workday, False),
    "is_provisional": (CAL.is_provisional, False),
    "day_kind": (CAL.day_kind, ""),
    "add_workdays": (lambda c: CAL.add_workdays(c, 5), None),
    "next_workday": (CAL.next_workday, None),
    "previous_workday": (CAL.previous_workday, None),
    "roll forward": (lambda c: CAL.roll(c, "forward"), None),
    "roll raise": (lambda c: CAL.roll(c, "raise"), None),
    "close_of": (HOURS.close_of, None),
    "deadlines due": (lambda c: sc.deadlines(c, "5个工作日", calendar=CAL).due, None),
    "deadlines last_day": (lambda c: sc.deadlines(c, "7日", calendar=CAL).last_day, None),
    "deadlines provisional": (lambda c: sc.deadlines(c, "1个月", calendar=CAL).provisional, False),
    "notice_deadlines due": (lambda c: sc.notice_deadlines(c, "30日", calendar=CAL).due, None),
    "notice_deadlines last_day": (lambda c: sc.notice_deadlines(c, "5个工作日", calendar=CAL).last_day, None),
}
"""Column calls on dates, and what their missing row holds (None: NaT or null)."""

INSTANT_COLUMNS: dict[str, tuple[Callable[[Any], Any], Any]] = {
    "is_open": (HOURS.is_open, False),
    "next_open": (HOURS.next_open, None),
    "add_working_time": (lambda c: HOURS.add_working_time(c, "1 hour"), None),
    "working_time_between(c, c)": (lambda c: HOURS.working_time_between(c, c), None),
    "deadlines hours": (lambda c: sc.deadlines(c, "48小时", calendar=CAL).due, None),
    "deadlines working hours": (lambda c: sc.deadlines(c, "8个工作小时", calendar=HOURS).due, None),
    "Deadlines.is_met": (lambda c: sc.deadlines(c, "48小时", calendar=CAL).is_met(c), False),
}
"""Column calls on instants, and what their missing row holds."""


def _columns() -> list[Any]:
    out = []
    for kind, make in KINDS.items():
        for name, missing in MISSING.items():
            if kind in ("polars", "pyarrow", "numpy datetime64") and name != "None":
                continue  # these kinds have one missing value each: one case
            out.append(pytest.param(make, missing, id=f"{kind}-{name}"))
    return out


@pytest.mark.parametrize(("make", "missing"), _columns())
@pytest.mark.parametrize("call", list(DAY_COLUMNS), ids=list(DAY_COLUMNS))
def test_a_missing_row_of_dates_gives_a_missing_row(make: Any, missing: object, call: str) -> None:
    fn, blank = DAY_COLUMNS[call]
    column = make(DAY, missing)
    result = fn(column)
    rows = _rows(result)
    assert len(rows) == 2
    assert rows[1] is None if blank is None else rows[1] == blank
    assert rows[0] is not None
    assert rows[0] != ""
    if not isinstance(column, list):
        _same_kind(result, column)


@pytest.mark.parametrize(("make", "missing"), _columns())
@pytest.mark.parametrize("call", list(INSTANT_COLUMNS), ids=list(INSTANT_COLUMNS))
def test_a_missing_row_of_instants_gives_a_missing_row(make: Any, missing: object, call: str) -> None:
    fn, blank = INSTANT_COLUMNS[call]
    column = make(WALL, missing)
    result = fn(column)
    rows = _rows(result)
    assert len(rows) == 2
    assert rows[1] is None if blank is None else rows[1] == blank
    assert rows[0] is not None
    if not isinstance(column, list):
        _same_kind(result, column)


@pytest.mark.parametrize(("make", "missing"), _columns())
def test_a_count_column_refuses_a_missing_row(make: Any, missing: object) -> None:
    with pytest.raises(sc.InvalidInputError, match="first at index 1"):
        CAL.workdays_between(make(DAY, missing), DAY + dt.timedelta(days=30))


@pytest.mark.parametrize(("make", "missing"), _columns())
def test_a_missing_row_answers_as_the_missing_scalar(make: Any, missing: object) -> None:
    """The answered row equals the scalar call; the missing row equals the scalar call on the missing value."""
    got = _rows(CAL.add_workdays(make(DAY, missing), 5))
    first = got[0].date() if isinstance(got[0], dt.datetime) else got[0]
    assert first == CAL.add_workdays(DAY, 5)
    assert got[1] is None
    assert CAL.add_workdays(None, 5) is None


ZERO_D: dict[str, tuple[Callable[[Any], Any], Any]] = {
    "is_workday": (CAL.is_workday, False),
    "is_provisional": (CAL.is_provisional, False),
    "day_kind": (CAL.day_kind, None),
    "add_workdays": (lambda x: CAL.add_workdays(x, 5), "NaT"),
    "add_workdays zero": (lambda x: CAL.add_workdays(x, 0), "NaT"),
    "next_workday": (CAL.next_workday, "NaT"),
    **{
        f"roll {mode}": (functools.partial(CAL.roll, mode=mode), "NaT")
        for mode in ("raise", "nat", "forward", "backward", "modifiedfollowing", "modifiedpreceding")
    },
    "close_of": (HOURS.close_of, "NaT"),
}


@pytest.mark.parametrize("value", [np.array(np.datetime64("NaT")), np.array(None)], ids=["0-d NaT", "0-d None"])
@pytest.mark.parametrize("call", list(ZERO_D), ids=list(ZERO_D))
def test_a_0d_array_holding_a_missing_value_answers_as_a_missing_row(value: Any, call: str) -> None:
    """A 0-d array is a column of one row; its missing row crashed several day methods (item assignment)."""
    fn, blank = ZERO_D[call]
    got = fn(value)
    if blank == "NaT":
        assert np.isnat(got)
        assert np.ndim(got) == 0
    elif blank is None:
        assert got is None
    else:
        assert not got
        assert np.ndim(got) == 0


def _case() -> Any:
    c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")], events=["received"])
    return c, c.open(received_at="2026-09-30T20:00")


CASE_CALLS: dict[str, Callable[[Any], Any]] = {
    "Contract.open": lambda m: _case()[0].open(received_at=m),
    "Case.record": lambda m: _case()[1].record("acknowledged", at=m),
    "Case.pause": lambda m: _case()[1].pause("waiting", at=m),
    "Case.status": lambda m: _case()[1].status(now=m),
    "penalties.overdue_days": lambda m: sc.penalties.overdue_days(_deadline(), m),
}


@SPELLINGS
@pytest.mark.parametrize("call", list(CASE_CALLS.values()), ids=list(CASE_CALLS))
def test_a_case_event_needs_its_instant(call: Callable[[Any], Any], missing: object) -> None:
    """Cases and penalties record what happened when: a missing instant is an InvalidInputError, not an answer."""
    with pytest.raises(sc.InvalidInputError):
        call(missing)
