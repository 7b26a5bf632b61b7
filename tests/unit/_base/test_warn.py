"""ProvisionalWarning: one per call, at the caller's line, and never by changing ``warnings.filters``.

Library code must not touch the process's warning filters: ``warnings.catch_warnings`` swaps the
module-global filter list, so two threads inside it at once lose each other's warnings and can
leave an ``ignore`` filter behind for the whole process (issue 13). Inner calls are told not to
warn instead, and the outer call reports once.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import threading
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import slaclock as sc

SRC = Path(sc.__file__).parent
HOURS = "09:00-12:00,13:30-18:00"
PROJECTED = sc.calendar("CN", horizon="projected").with_hours(HOURS)
THREADS = 16
CALLS = 30

# instants and days whose answers run into 2027 (projected days): every call below warns exactly once
_INSTANTS = np.array(["2026-12-31T10:00", "2026-12-30T17:00", "NaT"], dtype="datetime64[m]")
_DAYS = np.array(["2026-12-21", "2026-12-28", "NaT"], dtype="datetime64[D]")
_BUSINESS = sc.Convention.business_hours()


def _work_time_column() -> object:
    return sc.deadlines(_INSTANTS, "8个工作小时", calendar=PROJECTED)


def _day_column() -> object:
    return sc.deadlines(_DAYS, "1个月", calendar=PROJECTED, convention=_BUSINESS)


def _workday_column() -> object:
    return sc.deadlines(_DAYS, "5个工作日", calendar=PROJECTED)


def _scalar() -> object:
    return sc.deadline(dt.date(2026, 12, 28), "5个工作日", calendar=PROJECTED)


def _scalar_work_time() -> object:
    return sc.deadline(dt.datetime(2026, 12, 31, 16), "8个工作小时", calendar=PROJECTED)


def _add_workdays() -> object:
    return PROJECTED.add_workdays(_DAYS, 5)


def _add_working_time() -> object:
    return PROJECTED.add_working_time(_INSTANTS, "8 hours")


def _monthly() -> object:
    return sc.monthly_deadline("2027-01", "每月初五个工作日内", calendar=PROJECTED)


CALLS_BY_KIND: tuple[Callable[[], object], ...] = (
    _work_time_column,
    _day_column,
    _workday_column,
    _scalar,
    _scalar_work_time,
    _add_workdays,
    _add_working_time,
    _monthly,
)


@pytest.mark.parametrize("call", CALLS_BY_KIND, ids=lambda f: f.__name__.strip("_"))
def test_each_call_warns_once_at_the_callers_line(call: Callable[[], object]) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    assert [w.category for w in caught] == [sc.ProvisionalWarning], [str(w.message) for w in caught]
    assert caught[0].filename == __file__  # the frame of `call`, in this file: not inside slaclock


def test_sixteen_threads_each_get_every_warning_and_the_filters_are_left_alone() -> None:
    before, before_contents = warnings.filters, list(warnings.filters)
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            barrier.wait(timeout=60)  # every thread starts together, so their calls really overlap
            for j in range(CALLS):
                # every other call on the working-time column path, where the filters were swapped
                CALLS_BY_KIND[0 if j % 2 == 0 else (k + j) % len(CALLS_BY_KIND)]()
        except BaseException as exc:  # reported below, in the main thread
            errors.append(exc)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, so that calls interleave inside each other
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            inside, inside_contents = warnings.filters, list(warnings.filters)
            threads = [threading.Thread(target=work, args=(k,)) for k in range(THREADS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            same_list, same_contents = warnings.filters is inside, warnings.filters == inside_contents
    finally:
        sys.setswitchinterval(switch)
    assert not errors, errors[:3]
    provisional = [w for w in caught if w.category is sc.ProvisionalWarning]
    assert len(provisional) == THREADS * CALLS, f"{len(provisional)} of {THREADS * CALLS} warnings arrived"
    # no thread swapped the list or left a filter in it
    assert same_list
    assert same_contents
    assert len(caught) == len(provisional), {w.category.__name__ for w in caught}
    assert warnings.filters is before
    assert warnings.filters == before_contents


def test_library_code_never_changes_the_warning_filters() -> None:
    pattern = re.compile(r"catch_warnings|simplefilter|filterwarnings|resetwarnings")
    offenders = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not offenders, offenders


def test_the_quiet_entries_mark_without_warning() -> None:
    # for callers inside slaclock that report once for several results (a case, evaluate, the demo)
    from slaclock._calendar import hours_table
    from slaclock._hours import columns as _hourcols
    from slaclock._rules import columns as _deadline_columns
    from slaclock._rules import deadline as _deadline

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = _deadline._unwarned(PROJECTED, _deadline._CIVIL, sc.period("5个工作日"), dt.date(2026, 12, 28))
        col = _deadline_columns._deadlines(_INSTANTS, "8个工作小时", PROJECTED, _deadline._CIVIL, False, warn=False)
        added = _hourcols.add_many(hours_table(PROJECTED), _INSTANTS, "8 hours", False, warn=False)
    assert d.provisional
    assert d.last_day == dt.date(2027, 1, 5)
    assert col.provisional.tolist() == [True, False, False]  # 12-30 17:00 + 8 h ends 12-31 17:30
    assert added[0] == np.datetime64("2027-01-04T10:30")  # 2026-12-31 10:00-18:00 holds 6.5 h: 1.5 h in 2027
