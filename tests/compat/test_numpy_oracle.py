"""``slaclock.compat.numpy`` on the CN calendar against numpy given the CN holidays: equal except on makeup days.

numpy's model (a weekmask and holidays) cannot say that a Saturday is worked. Given every CN rest day on a
weekday as a holiday (``busdaycalendar("CN", makeup="drop")``, checked here against a list built
independently from ``day_kind``), numpy's business days are slaclock's workdays less the makeup workdays
(调休上班). So, on generated dates and offsets (makeup days and the days around them oversampled):

* ``is_busday``: the two differ exactly on the makeup days;
* ``busday_count``: slaclock's count minus numpy's is exactly the number of makeup days in the range counted
  (numpy's range: ``[a, b)``, or ``[b + 1, a + 1)`` negated when ``b < a``);
* ``busday_offset``: with the plain rolls (raise, nat, forward, following, backward, preceding) the answers
  differ exactly when a makeup day lies in the span counted, from the date to numpy's answer (the rule
  for a date that is itself a makeup day is in ``_differ_expected``); with the modified rolls, they never
  differ unless a makeup day lies between the date and the two answers.

This is what ``docs/migrate-numpy.md`` says changes in the answers.
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock.compat.numpy import busday_count, busday_offset, busdaycalendar, is_busday

CN = sc.calendar("CN")
FIRST, LAST = dt.date(2004, 1, 1), dt.date(2026, 12, 31)  # the official CN data
# generated dates stay 400 days inside it, so offsets of up to 250 workdays never leave it
LO, HI = dt.date(2005, 2, 1), dt.date(2025, 11, 30)
PLAIN = ["raise", "nat", "forward", "following", "backward", "preceding"]
MODIFIED = ["modifiedfollowing", "modifiedpreceding"]


@functools.cache
def _days() -> np.ndarray:
    return np.arange(np.datetime64(FIRST), np.datetime64(LAST) + 1)


@functools.cache
def _makeup() -> np.ndarray:
    """Every makeup workday of the CN data, from its day kinds (not from the export under test)."""
    days = _days()
    return days[np.asarray(CN.day_kind(days)) == sc.DayKind.MAKEUP_WORKDAY.value]


@functools.cache
def _cn_numpy() -> np.busdaycalendar:
    return busdaycalendar(CN, makeup="drop")


def _makeup_in(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """How many makeup days lie in ``[lo, hi]``, row by row (empty when ``hi < lo``)."""
    m = _makeup()
    return np.maximum(np.searchsorted(m, hi, side="right") - np.searchsorted(m, lo, side="left"), 0)


near_makeup = st.builds(
    lambda i, k: _makeup()[i % len(_makeup())].item() + dt.timedelta(days=k),
    st.integers(0, 10_000),
    st.integers(-3, 3),
)
days = st.one_of(st.dates(LO, HI), near_makeup.filter(lambda d: LO <= d <= HI))
columns = st.lists(days, min_size=1, max_size=40)


def _d64(ds: list[dt.date]) -> np.ndarray:
    return np.array(ds, dtype="datetime64[D]")


def test_the_export_is_the_cn_rest_days_on_weekdays() -> None:
    """The numpy calendar these tests use, built independently: weekdays that are not CN workdays."""
    days = _days()
    weekday = (days.view(np.int64) + 3) % 7
    expected = days[(weekday < 5) & ~np.asarray(CN.is_workday(days))]
    bdc = _cn_numpy()
    np.testing.assert_array_equal(bdc.holidays, expected)
    np.testing.assert_array_equal(bdc.weekmask, [True] * 5 + [False] * 2)
    assert len(_makeup()) > 100  # about six a year: the differences below are not vacuous


def test_the_export_refuses_makeup_days_unless_asked() -> None:
    with pytest.raises(
        sc.CalendarDataError, match=r"makeup workday; \d+ in 2004-01-01\.\.2026-12-31, first 2004-01-17"
    ):
        busdaycalendar(CN)
    quiet = busdaycalendar(CN, first="2026-03-01", last="2026-04-30")  # no makeup day in the span: no refusal
    np.testing.assert_array_equal(quiet.holidays, np.array(["2026-04-06"], dtype="M8[D]"))  # 清明; 04-04/05 weekend


@settings(max_examples=200, deadline=None)
@given(ds=columns)
def test_is_busday_differs_exactly_on_makeup_days(ds: list[dt.date]) -> None:
    d = _d64(ds)
    ours = is_busday(d, calendar=CN)
    theirs = np.is_busday(d, busdaycal=_cn_numpy())
    np.testing.assert_array_equal(ours != theirs, np.isin(d, _makeup()))
    assert not (theirs & ~ours).any()  # numpy never works a day slaclock rests


@settings(max_examples=200, deadline=None)
@given(pairs=st.lists(st.tuples(days, days), min_size=1, max_size=40))
def test_busday_count_differs_by_the_makeup_days_counted(pairs: list[tuple[dt.date, dt.date]]) -> None:
    a, b = _d64([p[0] for p in pairs]), _d64([p[1] for p in pairs])
    ours = busday_count(a, b, calendar=CN)
    theirs = np.busday_count(a, b, busdaycal=_cn_numpy())
    one = np.timedelta64(1, "D")
    back = b < a
    lo, hi = np.where(back, b + one, a), np.where(back, a + one, b) - one  # the counted range, inclusive
    expected = np.where(back, -1, 1) * _makeup_in(lo, hi)
    np.testing.assert_array_equal(ours - theirs, expected)


def _offsets(roll: str, d: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both answers row by row; a row numpy refuses (roll='raise' on its rest day) is NaT on its side."""
    ours = np.asarray(busday_offset(d, n, roll=roll, calendar=CN))
    if roll != "raise":
        return ours, np.asarray(np.busday_offset(d, n, roll=roll, busdaycal=_cn_numpy()))
    ok = np.is_busday(d, busdaycal=_cn_numpy())
    theirs = np.full(d.shape, np.datetime64("NaT"), dtype="M8[D]")
    theirs[ok] = np.busday_offset(d[ok], n[ok], busdaycal=_cn_numpy())
    return ours, theirs


@settings(max_examples=150, deadline=None)
@given(
    roll=st.sampled_from(PLAIN),
    rows=st.lists(st.tuples(days, st.integers(-250, 250)), min_size=1, max_size=40),
)
def test_busday_offset_differs_exactly_when_a_makeup_day_is_passed(roll: str, rows: list[tuple[dt.date, int]]) -> None:
    d = _d64([r[0] for r in rows])
    n = np.array([r[1] for r in rows], dtype=np.int64)
    if roll == "raise":
        keep = np.asarray(CN.is_workday(d))
        d, n = d[keep], n[keep]
        if d.size == 0:
            return
    ours, theirs = _offsets(roll, d, n)
    np.testing.assert_array_equal(_differs(ours, theirs), _differ_expected(roll, d, n, theirs))


def _differs(ours: np.ndarray, theirs: np.ndarray) -> np.ndarray:
    return (ours != theirs) & ~(np.isnat(ours) & np.isnat(theirs))  # both NaT: roll='nat' on a rest day of both


def _differ_expected(roll: str, d: np.ndarray, n: np.ndarray, theirs: np.ndarray) -> np.ndarray:
    """Where a plain roll's answers must differ: a makeup day in the span counted, from the start to numpy's answer.

    The span runs from the start (exclusive) to numpy's answer (inclusive), in the direction of the count
    (for ``n = 0``, of the roll). The start itself makes the difference when it is a makeup day that numpy
    refuses (``raise``), turns to NaT (``nat``), or rolls the way the count goes, so that it is skipped: numpy
    rolling it the other way lands on the previous business day, from which the count crosses nothing new.
    """
    forward_roll = roll in ("forward", "following")
    strict = roll in ("raise", "nat")
    direction = np.where(n != 0, np.sign(n), 1 if forward_roll else -1)
    start_is_makeup = np.isin(d, _makeup())
    start_differs = start_is_makeup & (strict | (direction == (1 if forward_roll else -1)))
    q = np.where(np.isnat(theirs), d, theirs)
    one = np.timedelta64(1, "D")
    lo = np.where(direction > 0, d + one, q)
    hi = np.where(direction > 0, q, d - one)
    return start_differs | (~np.isnat(theirs) & (_makeup_in(lo, hi) > 0))


@settings(max_examples=100, deadline=None)
@given(
    roll=st.sampled_from(MODIFIED),
    rows=st.lists(st.tuples(days, st.integers(-250, 250)), min_size=1, max_size=40),
)
def test_busday_offset_with_modified_rolls_agrees_away_from_makeup_days(
    roll: str, rows: list[tuple[dt.date, int]]
) -> None:
    d = _d64([r[0] for r in rows])
    n = np.array([r[1] for r in rows], dtype=np.int64)
    ours, theirs = _offsets(roll, d, n)
    # the span either side went through includes where each rolled the start: 2017-04-02 (Sunday, Qingming off)
    # rolls back to Saturday 04-01, a makeup workday, for slaclock, and to Wednesday 04-05 for numpy (its Friday
    # 03-31 is in the month before), so the two answers differ because of a makeup day before the start
    rolled_ours, rolled_theirs = _offsets(roll, d, np.zeros_like(n))
    lo = np.minimum.reduce([d, ours, theirs, rolled_ours, rolled_theirs])
    hi = np.maximum.reduce([d, ours, theirs, rolled_ours, rolled_theirs])
    np.testing.assert_array_equal(ours[_makeup_in(lo, hi) == 0], theirs[_makeup_in(lo, hi) == 0])


def test_a_modified_roll_back_onto_a_makeup_saturday() -> None:
    """2017-04-02 (Sun, Qingming 04-02..04 off) rolled back: Saturday 04-01 was worked (调休上班), so slaclock's
    modifiedpreceding stays in April there and + 1 is 04-05; numpy, without it, finds Friday 03-31 in March and
    rolls forward to 04-05 instead, + 1 being 04-06 (the case Hypothesis found)."""
    assert busday_offset("2017-04-02", 1, roll="modifiedpreceding", calendar=CN) == np.datetime64("2017-04-05")
    assert np.busday_offset("2017-04-02", 1, roll="modifiedpreceding", busdaycal=_cn_numpy()) == np.datetime64(
        "2017-04-06"
    )


def test_a_known_difference() -> None:
    """2026-02-13 (Fri) + 1: Saturday 02-14 is worked (调休上班); numpy, without it, goes past the holiday."""
    assert busday_offset("2026-02-13", 1, calendar=CN) == np.datetime64("2026-02-14")
    assert np.busday_offset("2026-02-13", 1, busdaycal=_cn_numpy()) == np.datetime64("2026-02-24")
    assert (
        busday_count("2026-02-01", "2026-03-01", calendar=CN)
        - np.busday_count("2026-02-01", "2026-03-01", busdaycal=_cn_numpy())
        == 2
    )  # 02-14 and 02-28
