"""Branchless choices give what np.where and masked assignment give."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from slaclock._base.select import fill, midnights, select

INT64 = st.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max)


@given(data=st.data(), n=st.integers(0, 300))
def test_select_is_where(data: st.DataObject, n: int) -> None:
    mask = data.draw(hnp.arrays(np.bool_, n))
    a = data.draw(hnp.arrays(np.int64, n, elements=INT64) | INT64)
    b = data.draw(hnp.arrays(np.int64, n, elements=INT64) | INT64)
    got = select(mask, a, b)
    assert got.dtype == np.int64
    assert np.array_equal(got, np.where(mask, a, b))


@given(data=st.data(), n=st.integers(0, 300))
def test_select_into_a_itself(data: st.DataObject, n: int) -> None:
    """``out=a``: the choice made in place of ``a``, which is read before it is written."""
    mask = data.draw(hnp.arrays(np.bool_, n))
    a = data.draw(hnp.arrays(np.int64, n, elements=INT64))
    b = data.draw(hnp.arrays(np.int64, n, elements=INT64) | INT64)
    want = np.where(mask, a, b)
    got = select(mask, a, b, out=a)
    assert got is a
    assert np.array_equal(a, want)


@given(data=st.data(), n=st.integers(0, 300))
def test_select_from_int32_days_with_an_int64_scalar_is_int64(data: st.DataObject, n: int) -> None:
    """Arrow's ``date32`` days read straight from their buffer, NaT where null: int64 arithmetic, into int64."""
    mask = data.draw(hnp.arrays(np.bool_, n))
    a = data.draw(hnp.arrays(np.int32, n))
    out = np.empty(n, dtype=np.int64)
    got = select(mask, a, np.int64(np.iinfo(np.int64).min), out=out)
    assert got is out
    assert np.array_equal(out, np.where(mask, a.astype(np.int64), np.iinfo(np.int64).min))


def test_select_into_b_is_refused() -> None:
    b = np.arange(4, dtype=np.int64)
    with pytest.raises(ValueError, match="not b"):
        select(np.ones(4, dtype=bool), 7, b, out=b)


@given(data=st.data(), n=st.integers(0, 300), value=INT64)
def test_fill_is_masked_assignment(data: st.DataObject, n: int, value: int) -> None:
    mask = data.draw(hnp.arrays(np.bool_, n))
    dest = data.draw(hnp.arrays(np.int64, n, elements=INT64))
    want = dest.copy()
    want[mask] = value
    fill(dest, mask, value)
    assert np.array_equal(dest, want)


S_DAYS = 2**63 // 86_400  # the days whose midnights datetime64[s] holds


@given(data=st.data(), n=st.integers(0, 300), as_days=st.booleans(), into=st.booleans())
def test_midnights_are_numpys_cast(data: st.DataObject, n: int, as_days: bool, into: bool) -> None:
    days = data.draw(hnp.arrays(np.int64, n, elements=st.integers(-S_DAYS, S_DAYS)))
    days[data.draw(hnp.arrays(np.bool_, n))] = np.iinfo(np.int64).min
    given_days = days.view("datetime64[D]") if as_days else days
    out = np.full(n, np.datetime64(7, "s")) if into else None
    got = midnights(given_days, out=out)
    assert got.dtype == np.dtype("datetime64[s]")
    assert np.array_equal(got.view(np.int64), days.view("datetime64[D]").astype("datetime64[s]").view(np.int64))
    if out is not None:
        assert got is out


def test_midnights_of_a_strided_column_and_of_other_types() -> None:
    days = np.arange(20_000, 20_010, dtype=np.int64)
    days[4] = np.iinfo(np.int64).min
    strided = days.view("datetime64[D]")[::3]
    assert np.array_equal(midnights(strided), strided.astype("datetime64[s]"))
    for wrong in (days.astype(np.int32), days.view("datetime64[D]").astype("datetime64[h]")):
        with pytest.raises(ValueError, match="datetime64\\[D\\] or int64"):
            midnights(wrong)
