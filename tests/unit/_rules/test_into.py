"""``sc.deadlines(..., out=(due, last_day, provisional))``: the same columns as without ``out``, written into the
caller's arrays (a day period's table gathers straight into them), and the arrays checked before anything is
written."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._rules import columns, daytables
from slaclock.errors import CalendarHorizonError, InvalidInputError

CAL = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
DAY_PERIODS = ["7日", "5个工作日", "1个月", "2周", "1年"]
PERIODS = [*DAY_PERIODS, "24小时", "8个工作小时", "90分钟"]
UNITS = ["D", "m", "s", "us"]
FIRST = np.datetime64("2005-01-01T00:00", "m").astype(np.int64)
LAST = np.datetime64("2025-12-01T00:00", "m").astype(np.int64)


def _buffers(shape: tuple[int, ...], rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """out arrays filled with garbage, so that a row left unwritten shows."""
    return (
        rng.integers(-(10**15), 10**15, shape).astype("datetime64[us]"),
        rng.integers(-(10**5), 10**5, shape).astype("datetime64[D]"),
        rng.random(shape) < 0.5,
    )


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "mMf"))


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 300),
    unit=st.sampled_from(UNITS),
    period=st.sampled_from(PERIODS) | st.just("per row"),
    utc=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
    tables=st.booleans(),  # a day period by its table, or the full way
)
def test_out_holds_what_deadlines_returns(n: int, unit: str, period: str, utc: bool, seed: int, tables: bool) -> None:
    rng = np.random.default_rng(seed)
    starts = rng.integers(FIRST, LAST, n).astype("datetime64[m]").astype(f"datetime64[{unit}]")
    starts[rng.random(n) < 0.1] = np.datetime64("NaT")
    if unit == "D" and period in ("24小时", "8个工作小时", "90分钟"):
        period = "7日"  # dates take day periods only
    per: Any = period if period != "per row" else rng.choice(DAY_PERIODS, n).tolist()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(daytables, "MIN_ROWS", 1)
        mp.setattr(columns, "TABLES", tables)
        want = sc.deadlines(starts, per, calendar=CAL, utc=utc)
        out = _buffers(starts.shape, rng)
        got = sc.deadlines(starts, per, calendar=CAL, utc=utc, out=out)
    assert all(a is b for a, b in zip((got.due, got.last_day, got.provisional), out, strict=True))
    assert _same(got.due, want.due)
    assert _same(got.last_day, want.last_day)
    assert np.array_equal(got.provisional, want.provisional)
    assert (got.period, got.utc) == (want.period, want.utc)


def test_a_day_period_is_gathered_straight_into_out(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    tabled = daytables.tabled

    def spy(*args: Any) -> Any:
        answer = tabled(*args)
        seen.append(answer is not None and args[-1] is not None and answer[0] is args[-1][0])
        return answer

    monkeypatch.setattr(daytables, "tabled", spy)
    monkeypatch.setattr(daytables, "MIN_ROWS", 1)
    starts = np.array(["2026-09-30T10:00", "NaT", "2026-10-09T18:30"], "datetime64[m]")
    out = _buffers(starts.shape, np.random.default_rng(1))
    d = sc.deadlines(starts, "5个工作日", calendar="CN", out=out)
    assert seen == [True]
    assert d.last_day.tolist()[0].isoformat() == "2026-10-13"  # 10-01..07 off, Sat 10-10 worked: 08, 09, 10, 12, 13
    assert np.isnat(d.due[1])
    assert np.isnat(d.last_day[1])
    assert not d.provisional.any()


def test_a_projected_calendar_marks_provisional_rows_in_out() -> None:
    cal = sc.calendar("CN", horizon="projected")
    starts = np.array(["2026-06-01", "2026-12-28"], "datetime64[D]")
    out = (np.empty(2, "datetime64[us]"), np.empty(2, "datetime64[D]"), np.ones(2, bool))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        d = sc.deadlines(starts, "5个工作日", calendar=cal, out=out)
    assert d.provisional.tolist() == [False, True]
    assert len(caught) == 1  # one ProvisionalWarning for the call, as without out


def test_an_error_is_the_one_without_out() -> None:
    starts = np.array(["2026-12-28"], "datetime64[D]")
    out = (np.empty(1, "datetime64[us]"), np.empty(1, "datetime64[D]"), np.empty(1, bool))
    with pytest.raises(CalendarHorizonError) as without:
        sc.deadlines(starts, "5个工作日", calendar="CN")
    with pytest.raises(CalendarHorizonError) as into:
        sc.deadlines(starts, "5个工作日", calendar="CN", out=out)
    assert str(into.value) == str(without.value)


def _out(n: int = 3) -> list[np.ndarray]:
    return [np.empty(n, "datetime64[us]"), np.empty(n, "datetime64[D]"), np.empty(n, bool)]


STARTS = np.array(["2026-09-30", "2026-10-09", "NaT"], "datetime64[D]")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: _out()[:2], "out must be a tuple (due, last_day, provisional)"),
        (lambda: "due,last,flags", "out must be a tuple"),
        (lambda: [*_out()[:2], [False] * 3], "out must be a tuple"),
        (
            lambda: [np.empty(3, "datetime64[s]"), *_out()[1:]],
            "out's due must be a datetime64[us] array; got datetime64[s]",
        ),
        (lambda: [_out()[0], np.empty(3, "datetime64[us]"), _out()[2]], "out's last_day must be a datetime64[D] array"),
        (lambda: [*_out()[:2], np.empty(3, np.int8)], "out's provisional must be a bool array; got int8"),
        (lambda: _out(4), "out's due has shape (4,); the starts have shape (3,)"),
        (lambda: [np.empty(6, "datetime64[us]")[::2], *_out()[1:]], "must be writeable and C-contiguous"),
    ],
)
def test_bad_out_is_refused_before_anything_is_written(make: Any, message: str) -> None:
    out = make()
    before = [a.copy() for a in out] if isinstance(out, list) and all(isinstance(a, np.ndarray) for a in out) else None
    with pytest.raises(InvalidInputError, match=None) as caught:
        sc.deadlines(STARTS, "7日", calendar="CN", out=out)
    assert message in str(caught.value)
    if before is not None:
        assert all(np.array_equal(a, b, equal_nan=a.dtype.kind in "mM") for a, b in zip(out, before, strict=True))


def test_out_may_not_overlap_itself_the_starts_or_be_read_only() -> None:
    frozen = _out()
    frozen[1].flags.writeable = False
    with pytest.raises(InvalidInputError, match="writeable and C-contiguous"):
        sc.deadlines(STARTS, "7日", calendar="CN", out=frozen)
    both = np.empty(3, "datetime64[us]")
    with pytest.raises(InvalidInputError, match="must not overlap each other or the starts"):
        sc.deadlines(
            STARTS, "7日", calendar="CN", out=(both, np.empty(3, "datetime64[D]"), both.view(np.int64).view(bool)[:3])
        )
    starts = np.array(["2026-09-30", "2026-10-09", "NaT"], "datetime64[D]")
    with pytest.raises(InvalidInputError, match="must not overlap"):
        sc.deadlines(starts, "7日", calendar="CN", out=(np.empty(3, "datetime64[us]"), starts, np.empty(3, bool)))


def test_out_is_for_numpy_starts() -> None:
    pd = pytest.importorskip("pandas")
    with pytest.raises(InvalidInputError, match="out= takes numpy starts"):
        sc.deadlines(pd.Series(STARTS), "7日", calendar="CN", out=tuple(_out()))


def test_out_with_a_calendar_per_row_is_copied_in() -> None:
    days = np.array(["2025-09-30", "2025-09-30"], dtype="datetime64[D]")
    out = (np.empty(2, "datetime64[us]"), np.empty(2, "datetime64[D]"), np.ones(2, bool))
    d = sc.deadlines(days, "1个工作日", calendar=["CN", "HK"], calendars={"CN": "CN", "HK": "HK"}, out=out)
    assert d.last_day is out[1]
    assert [d.isoformat() for d in out[1].tolist()] == ["2025-10-09", "2025-10-02"]
    assert not out[2].any()
