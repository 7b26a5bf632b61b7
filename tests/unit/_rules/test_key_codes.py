"""Calendar keys in dataframe columns are matched by their own library (``dataframes.text_codes``): each kind of text
column gives the codes, and the refusals word for word, that the same keys give as a Python list (the numpy way)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._base import dataframes
from slaclock._rules import rowcalendars
from slaclock._rules.rowcalendars import key_codes
from slaclock.errors import InvalidInputError
from tests.unit.test_percalendar import NOW, REGIONS, desk, tickets

KNOWN = ("CN", "HK", "MO")
Make = Callable[[list[Any]], Any]

# the kinds of text column coded by their library: each makes a column of the given keys (None: missing)
NATIVE: dict[str, Make] = {
    "pandas str (default)": lambda v: pd.Series(v, dtype="str"),
    "pandas string[pyarrow]": lambda v: pd.Series(v, dtype="string[pyarrow]"),
    "pandas ArrowDtype string": lambda v: pd.Series(v, dtype=pd.ArrowDtype(pa.string())),
    "pandas ArrowDtype large_string": lambda v: pd.Series(v, dtype=pd.ArrowDtype(pa.large_string())),
    "pandas category": lambda v: pd.Series(v, dtype="category"),
    "pandas category, unused and unknown categories": lambda v: pd.Series(
        pd.Categorical(v, categories=sorted({x for x in v if x is not None} | {"TW", "ZZ"}))
    ),
    "pandas Index of str": lambda v: pd.Index(v, dtype="str"),
    "pandas CategoricalIndex": lambda v: pd.CategoricalIndex(v),
    "polars String": lambda v: pl.Series(v, dtype=pl.String),
    "polars Categorical": lambda v: pl.Series(v, dtype=pl.String).cast(pl.Categorical),
    "polars Enum": lambda v: pl.Series(v, dtype=pl.Enum(sorted({x for x in v if x is not None} | {"TW"}))),
    "pyarrow string": lambda v: pa.array(v, type=pa.string()),
    "pyarrow large_string": lambda v: pa.array(v, type=pa.large_string()),
    "pyarrow dictionary": lambda v: pa.array(v, type=pa.string()).dictionary_encode(),
    "pyarrow chunked": lambda v: pa.chunked_array([pa.array(v[:2], pa.string()), pa.array(v[2:], pa.string())]),
}
# kinds read as numpy, as before: Python objects, and Arrow's string_view (no index_in kernel)
READ: dict[str, Make] = {
    "pandas object": lambda v: pd.Series(v, dtype=object),
    "pandas string[python]": lambda v: pd.Series(v, dtype="string[python]"),
    "pyarrow string_view": lambda v: pa.array(v, type=pa.string_view()),
}
ALL = {**NATIVE, **READ}


def coded(keys: Any, shape: tuple[int, ...]) -> np.ndarray | str:
    try:
        return key_codes(keys, shape, KNOWN)
    except InvalidInputError as e:
        return str(e)


def assert_as_a_list(make: Make, values: list[Any], shape: tuple[int, ...] | None = None) -> None:
    shape = (len(values),) if shape is None else shape
    assert_same_codes(coded(make(values), shape), coded(values, shape))


def assert_same_codes(got: np.ndarray | str, want: np.ndarray | str) -> None:
    """The same codes (int16), or the same refusal word for word."""
    if isinstance(want, str):
        assert got == want
    else:
        assert not isinstance(got, str), got
        np.testing.assert_array_equal(got, want)
        assert got.dtype == np.int16


@pytest.mark.parametrize("kind", sorted(NATIVE))
def test_text_columns_are_coded_by_their_library(kind: str) -> None:
    col = NATIVE[kind](["HK", "CN", "MO", "HK", None, "XX"])
    lib = type(col).__module__.partition(".")[0]
    got = dataframes.text_codes(col, lib, KNOWN)
    assert got is not None  # not read into numpy
    codes, value = got
    assert codes.tolist() == [1, 0, 2, 1, dataframes.MISSING, dataframes.UNKNOWN]
    assert value(5) == "XX"


@pytest.mark.parametrize("compared", [0, 16])
@pytest.mark.parametrize("kind", ["polars String", "polars Categorical"])
def test_polars_text_compared_or_looked_up(monkeypatch: pytest.MonkeyPatch, kind: str, compared: int) -> None:
    """Compared with each known value (up to _COMPARED of them), or cast to an Enum of them (looked up where a value
    is none of them): the same codes and refusals."""
    monkeypatch.setattr(dataframes, "_COMPARED", compared)
    for values in (["HK", "CN", "MO", "HK"], ["HK", None, "XX", "MO"], ["XX", "CN"], [None, "HK"]):
        assert_as_a_list(NATIVE[kind], values)


@pytest.mark.parametrize("kind", sorted(READ))
def test_other_columns_are_read_into_numpy(kind: str) -> None:
    col = READ[kind](["HK", "CN"])
    assert dataframes.text_codes(col, type(col).__module__.partition(".")[0], KNOWN) is None
    assert key_codes(col, (2,), KNOWN).tolist() == [1, 0]


@pytest.mark.parametrize("kind", sorted(ALL))
@pytest.mark.parametrize(
    "values",
    [
        ["HK", "CN", "MO", "HK"],
        ["HK", "CN", "XX", "HK"],  # an unknown key
        ["HK", None, "CN", "HK"],  # a missing one
        ["XX", "CN", None, "YY"],  # missing is said first
        ["", "CN", "HK", "MO"],  # empty text is a key like any other
        [None, None],  # no key at all (a categorical with no categories)
    ],
)
def test_codes_and_refusals_are_the_lists(kind: str, values: list[Any]) -> None:
    assert_as_a_list(ALL[kind], values)


@pytest.mark.parametrize("kind", sorted(ALL))
def test_one_key_for_every_start_and_keys_of_another_length(kind: str) -> None:
    make = ALL[kind]
    assert key_codes(make(["MO"]), (3,), KNOWN).tolist() == [2, 2, 2]
    assert_as_a_list(make, ["XX"], (3,))  # the first row of three names the one key's value
    assert_as_a_list(make, ["CN", "HK"], (3,))


def test_numbers_for_keys_are_refused_as_numpy_refuses_them() -> None:
    for col in (pd.Series([1, 2]), pd.Series([1, 2], dtype="category"), pl.Series([1, 2]), pa.array([1, 2])):
        with pytest.raises(InvalidInputError, match=r"calendar must be the calendar key of each row .* dtype int64"):
            key_codes(col, (2,), KNOWN)


def test_pandas_nan_and_na_are_missing() -> None:
    for col in (pd.Series(["CN", np.nan], dtype="str"), pd.Series(["CN", pd.NA], dtype="string[pyarrow]")):
        with pytest.raises(InvalidInputError, match=r"1 rows have no calendar key .* index 1"):
            key_codes(col, (2,), KNOWN)


@settings(max_examples=150, deadline=None)
@given(
    kind=st.sampled_from(sorted(ALL)),
    values=st.lists(st.sampled_from(["CN", "HK", "MO", "TW", "", "cn", None]), min_size=2, max_size=30),
)
def test_generated_keys_give_the_lists_codes_or_refusal(kind: str, values: list[Any]) -> None:
    assert_as_a_list(ALL[kind], values)


def _another(v: Any) -> Any:
    """``v`` as another object where it is text (equal, not the same), else ``v``."""
    return "".join(list(v)) if isinstance(v, str) and v else v


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(
        st.tuples(st.sampled_from(["CN", "HK", "MO", "TW", "", "cn", None, float("nan"), pd.NA, 3]), st.booleans()),
        min_size=1,
        max_size=40,
    ),
    one=st.booleans(),
)
def test_a_list_of_keys_read_by_identity_is_the_list_compared(values: list[tuple[Any, bool]], one: bool) -> None:
    """A list's keys are told apart by the objects (a few, shared or not), then looked up once each: the codes, or
    the refusal word for word, that comparing every row with each known key gives."""
    keys = [_another(v) if fresh else v for v, fresh in values]
    if one:  # one key for every start
        keys = keys[:1]
    shape = (len(values),)
    got = coded(keys, shape)
    with mock.patch.object(rowcalendars, "by_identity", return_value=None):
        want = coded(keys, shape)
    assert_same_codes(got, want)
    plain = [v for v in keys if isinstance(v, str)]
    if len(plain) == len(keys) and set(plain) <= set(KNOWN):
        assert got.tolist() == [KNOWN.index(v) for v in np.broadcast_to(np.array(keys, dtype=object), shape)]


@pytest.mark.parametrize("kind", ["pandas str (default)", "pandas category", "polars Enum", "pyarrow dictionary"])
def test_deadlines_and_evaluate_read_coded_keys(kind: str) -> None:
    """Through the public calls: the answers of the same keys in a numpy array."""
    rng = np.random.default_rng(3)
    regions = list(rng.choice(["CN", "HK"], 300))
    starts = np.datetime64("2025-09-20T10:00") + rng.integers(0, 30 * 1_440, 300).astype("timedelta64[m]")
    cals = {"CN": "CN", "HK": "HK"}
    want = sc.deadlines(starts, "5个工作日", calendar=np.array(regions), calendars=cals)
    got = sc.deadlines(starts, "5个工作日", calendar=NATIVE[kind](regions), calendars=cals)
    np.testing.assert_array_equal(np.asarray(got.last_day), want.last_day)

    c, plain = desk(), tickets()
    lib = kind.partition(" ")[0]
    table = {**plain, "region": NATIVE[kind](plain["region"].tolist())}
    framed = pd.DataFrame(table) if lib == "pandas" else pl.DataFrame(table) if lib == "polars" else pa.table(table)
    r = c.evaluate(framed, now=NOW, ignore_pauses=True, calendar="region", calendars=REGIONS)
    expected = c.evaluate(plain, now=NOW, ignore_pauses=True, calendar="region", calendars=REGIONS)
    states = r.column("solution.state").to_pylist() if lib == "pyarrow" else list(r["solution.state"])
    assert states == expected["solution.state"].tolist()
    bad = {**table, "region": NATIVE[kind](["CN", None, "HK"])}
    framed = pd.DataFrame(bad) if lib == "pandas" else pl.DataFrame(bad) if lib == "polars" else pa.table(bad)
    with pytest.raises(InvalidInputError, match=r"column 'region': 1 rows have no calendar key .* index 1"):
        c.evaluate(framed, now=NOW, ignore_pauses=True, calendar="region", calendars=REGIONS)


@pytest.mark.parametrize("kind", ["pandas str (default)", "polars String", "pyarrow string"])
def test_public_calls_hand_the_column_itself_to_its_library(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """Not a numpy array of Python strings made first (about 50 ns a row in pandas): the column, to text_codes."""
    seen: list[str] = []

    def spy(x: Any, lib: str, known: Any) -> Any:
        seen.append(type(x).__module__.partition(".")[0])
        return text_codes(x, lib, known)

    text_codes = dataframes.text_codes
    monkeypatch.setattr(dataframes, "text_codes", spy)
    lib = kind.partition(" ")[0]
    keys = NATIVE[kind](["CN", "HK", "HK"])
    starts = np.array(["2025-09-30T10:00"] * 3, dtype="datetime64[us]")
    framed_starts = {"pandas": pd.Series, "polars": pl.Series, "pyarrow": pa.array}[lib](starts)
    sc.deadlines(framed_starts, "5个工作日", calendar=keys, calendars={"CN": "CN", "HK": "HK"})
    plain = tickets()
    table = {**plain, "region": NATIVE[kind](plain["region"].tolist())}
    framed = pd.DataFrame(table) if lib == "pandas" else pl.DataFrame(table) if lib == "polars" else pa.table(table)
    desk().evaluate(framed, now=NOW, ignore_pauses=True, calendar="region", calendars=REGIONS)
    assert seen == [lib, lib]


def _near_texts(width: int) -> list[str]:
    """Texts of up to ``width`` characters that differ from each other in one character only: the first, the last,
    one in a word past the first 8 bytes, and in length (a shorter text is padded with zeros)."""
    base = "工作日小时分钟天周月年"[:width].ljust(width, "x")
    out = {base, base[:-1], "y" + base[1:], base[:-1] + "y"}
    if width > 2:
        out.add(base[:2] + "z" + base[3:])
    return sorted(t for t in out if t)


@pytest.mark.parametrize("words_up_to", [24, 1 << 30])
@pytest.mark.parametrize("width", range(1, 11))
def test_equal_text_reads_words_wherever_they_lie(
    monkeypatch: pytest.MonkeyPatch, width: int, words_up_to: int
) -> None:
    """Rows of 4 to 40 bytes: 8-byte words off the 8-byte grid, and a last word of 4 bytes, give numpy's ``==``
    (past six characters numpy compares them, unless the limit is raised)."""
    from slaclock._rules import rowcalendars
    from slaclock._rules.rowcalendars import equal_text

    monkeypatch.setattr(rowcalendars, "WORDS_UP_TO", words_up_to)
    texts = _near_texts(width)
    rng = np.random.default_rng(width)
    column = np.array(texts, dtype=f"<U{width}")[rng.integers(0, len(texts), 3_000)]
    for key in [*texts, "q" * width, "工" * (width + 1), ""]:
        np.testing.assert_array_equal(equal_text(column, key), column == key, err_msg=repr(key))
    np.testing.assert_array_equal(equal_text(column[1::2], texts[0]), column[1::2] == texts[0])  # not contiguous


@settings(max_examples=50, deadline=None)
@given(texts=st.lists(st.text(min_size=1, max_size=9), min_size=1, max_size=5), n=st.integers(1_024, 2_000))
def test_equal_text_is_numpys_equality(texts: list[str], n: int) -> None:
    from slaclock._rules.rowcalendars import equal_text

    column = np.array(texts)[np.arange(n) % len(texts)]
    for key in texts:
        np.testing.assert_array_equal(equal_text(column, key), column == key)
