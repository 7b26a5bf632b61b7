"""key_positions: each wanted value's row among distinct keys, or None; never a wrong row.

The reference is a dict from each key to its row. Whole numbers go by the table indexed by value (close keys) or by
both sides sorted (far apart); text by 64-bit hashes, each match checked against the text, so the tests also give
it a hash that collides everywhere and blocks of one row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slaclock._base import join
from slaclock._base.join import key_positions, text_hashes


def reference(keys: np.ndarray, wanted: np.ndarray) -> np.ndarray | None:
    """The rows by a dict; None where a key repeats or a wanted value is not a key (numpy's equality of text)."""
    found: dict[Any, int] = {}
    for i, k in enumerate(keys.tolist()):
        if k in found:
            return None
        found[k] = i
    rows = [found.get(w, -1) for w in wanted.tolist()]
    return None if -1 in rows else np.array(rows, dtype=np.int64)


def check(keys: np.ndarray, wanted: np.ndarray) -> None:
    got, want = key_positions(keys, wanted), reference(keys, wanted)
    if want is None:
        assert got is None
    else:
        assert got is not None
        np.testing.assert_array_equal(got, want)
        assert got.dtype == np.int64


whole = st.integers(-(2**63), 2**63 - 1)


@settings(max_examples=200, deadline=None)
@given(
    keys=st.lists(st.integers(-50, 50) | whole, max_size=60, unique=True),
    picks=st.lists(st.integers(0, 10**6), max_size=80),
    stray=st.none() | st.integers(-60, 60) | whole,
    twice=st.booleans(),
    dtype=st.sampled_from(["int64", "int32", "uint64"]),
)
def test_whole_numbers_are_the_dicts(
    keys: list[int], picks: list[int], stray: int | None, twice: bool, dtype: str
) -> None:
    if dtype == "uint64":
        keys = [k % 2**64 for k in keys]
        stray = None if stray is None else stray % 2**64
    if dtype == "int32":
        keys = [k for k in keys if -(2**31) <= k < 2**31]
        stray = None if stray is None or not -(2**31) <= stray < 2**31 else stray
    if twice and keys:
        keys = [*keys, keys[len(keys) // 2]]
    wanted = [keys[p % len(keys)] for p in picks] if keys else []
    if stray is not None:
        wanted.insert(len(wanted) // 2, stray)
    check(np.array(keys, dtype=dtype), np.array(wanted, dtype=dtype))


@pytest.mark.parametrize("dense", [0, 10**6])
def test_close_and_far_apart_numbers_take_either_way(monkeypatch: pytest.MonkeyPatch, dense: int) -> None:
    """The same rows looked up in the table and searched in order, a log in the keys' order or not."""
    monkeypatch.setattr(join, "DENSE", dense)
    monkeypatch.setattr(join, "SLACK", 0)
    rng = np.random.default_rng(dense)
    keys = rng.permutation(5_000).astype(np.int64) * 3 - 7_000
    for wanted in (keys[rng.integers(0, keys.size, 20_000)], np.sort(keys[rng.integers(0, keys.size, 20_000)])):
        check(keys, wanted)
        check(keys, np.concatenate([wanted, [keys.max() + 1]]))  # one past the keys
        check(keys, np.concatenate([[keys.min() - 1], wanted]))
        check(keys, np.concatenate([wanted, [-(2**63)]]))  # far below: no wrap into the span


text = st.text(alphabet=st.sampled_from(["a", "b", "T", "-", "0", "9", " ", "工", "单", "\U0001f600"]), max_size=9)


@settings(max_examples=200, deadline=None)
@given(
    keys=st.lists(text, max_size=50, unique=True),
    picks=st.lists(st.integers(0, 10**6), max_size=80),
    stray=st.none() | text,
    twice=st.booleans(),
    wider=st.integers(0, 3),
)
def test_text_is_the_dicts(keys: list[str], picks: list[int], stray: str | None, twice: bool, wider: int) -> None:
    if twice and keys:
        keys = [*keys, keys[0]]
    wanted = [keys[p % len(keys)] for p in picks] if keys else []
    if stray is not None:
        wanted.append(stray)
    width = max([1, *map(len, keys)])
    # the two columns of different widths: a shorter text is padded with zeros
    check(np.array(keys, dtype=f"<U{width}"), np.array(wanted, dtype=f"<U{width + wider}"))


@pytest.mark.parametrize("block", [4, 1 << 20])
def test_hashes_that_collide_give_none_or_the_rows(monkeypatch: pytest.MonkeyPatch, block: int) -> None:
    """A hash that gives every text of a length one number: keys collide (None: the caller's exact way), or a
    wanted text matches another text's hash (checked against the text: None, never that row)."""
    monkeypatch.setattr(join, "BLOCK_BYTES", block)
    monkeypatch.setattr(join, "text_hashes", lambda t: np.char.str_len(t).astype(np.int64))
    assert key_positions(np.array(["ab", "cd"]), np.array(["ab"])) is None  # two keys of one hash
    assert key_positions(np.array(["ab", "c"]), np.array(["zz", "c"])) is None  # "zz" hashes as "ab"
    np.testing.assert_array_equal(key_positions(np.array(["ab", "c"]), np.array(["c", "ab", "ab"])), [1, 0, 0])


def test_text_hashes_are_equal_for_equal_text_in_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(5)
    words = np.array(["T-1", "T-10", "T-100", "工单-7", "", "a" * 13])
    column = words[rng.integers(0, words.size, 1_000)]
    whole = text_hashes(np.ascontiguousarray(column))
    monkeypatch.setattr(join, "BLOCK_BYTES", 52)  # a block of one row: each row hashed on its own
    np.testing.assert_array_equal(text_hashes(np.ascontiguousarray(column)), whole)
    assert np.unique(whole).size == words.size  # these texts do not collide
    assert (whole[column == "T-10"] == whole[np.argmax(column == "T-10")]).all()


@pytest.mark.parametrize(
    ("keys", "wanted"),
    [
        (np.array([1, 2]), np.array(["1"])),  # numbers against text
        (np.array([1, 2], dtype=np.int64), np.array([1], dtype=np.uint64)),  # of two signednesses
        (np.array([1.0, 2.0]), np.array([1.0])),  # floats: NaN and -0.0 are the general way's
        (np.array(["a", "b"], dtype=object), np.array(["a"], dtype=object)),  # objects
        (np.array([[1, 2]]), np.array([1])),  # not flat
    ],
)
def test_other_columns_are_left_to_the_caller(keys: np.ndarray, wanted: np.ndarray) -> None:
    assert key_positions(keys, wanted) is None


def test_no_keys() -> None:
    assert key_positions(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)).tolist() == []  # type: ignore[union-attr]
    assert key_positions(np.zeros(0, dtype=np.int64), np.array([1])) is None
    assert key_positions(np.array([3]), np.zeros(0, dtype=np.int64)).tolist() == []  # type: ignore[union-attr]
