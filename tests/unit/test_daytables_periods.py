"""A period per row (priority-based SLAs): day periods read from each period's day table side by side, one gather
for the column, alone or with a calendar per row. What it gives is what each unit's rows counted the full way give,
row for row, with the same errors; and a column of periods is read once per distinct value."""

from __future__ import annotations

import copy
import datetime as dt
import zlib
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slaclock as sc
from slaclock._base import dataframes, distinct
from slaclock._base.distinct import addresses
from slaclock._rules import daytables
from slaclock._rules.perrow import PerRow
from slaclock._rules.rowcalendars import key_codes
from slaclock.errors import CalendarHorizonError, InvalidInputError, PeriodParseError
from tests.unit.test_daytables import CONVENTIONS, full_way, starts
from tests.unit.test_daytables_rows import WITH_HOURS, ZONED, keys

DAY_PERIODS = ["1个工作日", "3个工作日", "5个工作日", "7日", "30日", "2周", "1个月", "3个月", "1年"]
CN = ZONED["CN"]


@pytest.fixture(autouse=True)
def _tables_for_short_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(daytables, "MIN_ROWS", 1)  # the tests' columns are short; the tables answer them all


def periods(n: int, seed: int, among: list[Any] = DAY_PERIODS, missing: float = 0.05) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.array(among, dtype=object)[rng.integers(0, len(among), n)]
    out[rng.random(n) < missing] = None
    return out


def run(x: np.ndarray, per: Any, conv: sc.Convention, utc: bool, **on: Any) -> sc.Deadlines[np.ndarray] | str:
    try:
        return sc.deadlines(x, per, convention=conv, utc=utc, **on)
    except (CalendarHorizonError, InvalidInputError) as e:
        return str(e)


def assert_same(fast: sc.Deadlines[np.ndarray] | str, full: sc.Deadlines[np.ndarray] | str) -> None:
    if isinstance(full, str):
        assert fast == full
        return
    assert not isinstance(fast, str), fast
    for name in ("due", "last_day", "provisional"):
        np.testing.assert_array_equal(getattr(fast, name), getattr(full, name), err_msg=name)
    assert fast.period == full.period


def both(x: np.ndarray, per: Any, conv: sc.Convention, utc: bool = False, **on: Any) -> None:
    fast = run(x, per, conv, utc, **on)
    with full_way():
        full = run(x, per, conv, utc, **on)
    assert_same(fast, full)


def pairs_and_codes(x: np.ndarray, per: Any, **on: Any) -> tuple[list[tuple[sc.WorkCalendar, sc.Period]], np.ndarray]:
    """The (calendar, period) pairs of a column of periods (and of keys, with ``calendars``), and each row's pair
    (-1: no period), as ``sc.deadlines`` makes them."""
    rows = PerRow.of(per, x.shape)
    if "calendars" not in on:
        return [(on["calendar"], q) for q in rows.distinct], rows.index
    cals = on["calendars"]
    codes = key_codes(on["calendar"], x.shape, tuple(cals))
    n = len(rows.distinct)
    pairs = [(c, q) for c in cals.values() for q in rows.distinct]
    return pairs, np.where(rows.index < 0, -1, codes * np.int64(n) + rows.index)


def read_at_once(x: np.ndarray, per: np.ndarray, conv: sc.Convention, utc: bool, **on: Any) -> bool:
    """Whether the column is answered from the tables side by side (not each unit's rows apart)."""
    return daytables.tabled_rows(*pairs_and_codes(x, per, **on), conv, x.reshape(-1), utc) is not None


@pytest.mark.parametrize("conv", sorted(CONVENTIONS))
def test_a_period_per_row_read_at_once_equals_each_unit_the_full_way(conv: str) -> None:
    cal = WITH_HOURS["CN"] if conv == "close" else CN
    seed = zlib.crc32(conv.encode())
    x, per = starts(3_000, seed, "m", first="2004-01-02", days=7_900), periods(3_000, seed)
    for unit in ("m", "us", "D"):
        xu = x.astype(f"datetime64[{unit}]")
        for utc in (False, True):
            assert read_at_once(xu, per, CONVENTIONS[conv], utc, calendar=cal)
            both(xu, per, CONVENTIONS[conv], utc, calendar=cal)


@pytest.mark.parametrize("conv", ["civil", "cutoff", "close", "no-roll"])
def test_a_period_and_a_calendar_per_row(conv: str) -> None:
    """Seven calendars times nine periods: 63 tables side by side."""
    cals = WITH_HOURS if conv == "close" else ZONED
    seed = zlib.crc32(f"both{conv}".encode())
    x, per, k = starts(3_000, seed, "m", first="2004-01-02", days=7_900), periods(3_000, seed), keys(3_000, seed)
    assert len(cals) * len(DAY_PERIODS) <= daytables.MAX_JOINED
    for utc in (False, True):
        assert read_at_once(x, per, CONVENTIONS[conv], utc, calendar=k, calendars=cals)
        both(x, per, CONVENTIONS[conv], utc, calendar=k, calendars=cals)


def test_texts_period_objects_and_timedeltas_are_the_same_periods() -> None:
    x = starts(2_000, 31, "m", first="2004-01-02", days=7_900)
    text = periods(2_000, 31)
    objects = np.array([None if p is None else sc.period(p) for p in text], dtype=object)
    conv = sc.Convention.civil_code()
    fast = run(x, objects, conv, False, calendar=CN)
    assert_same(fast, run(x, [None if p is None else str(p) for p in text], conv, False, calendar=CN))
    both(x, objects, conv, calendar=CN)
    days = np.array([dt.timedelta(days=int(d)) for d in np.arange(2_000) % 5 + 1], dtype=object)
    both(x, days, conv, calendar=CN)


def another(v: object) -> object:
    """An object equal to ``v`` but not ``v`` (``copy.copy`` gives text and periods back as they are)."""
    if isinstance(v, str):
        return "".join(list(v))
    return sc.Period(v.amount, v.unit) if isinstance(v, sc.Period) else copy.copy(v)


@settings(max_examples=80, deadline=None)
@given(picks=st.lists(st.tuples(st.integers(0, 5), st.booleans()), max_size=60), step=st.integers(1, 3))
def test_object_columns_are_read_by_identity_as_their_texts(picks: list[tuple[int, bool]], step: int) -> None:
    """An object column's rows are told apart by the objects' addresses (read from the array, not by ``id`` per row):
    the same object on many rows, equal values as distinct objects (``fresh``), missing values, strided views."""
    shared: list[object] = [sc.period("1个工作日"), sc.period("3日"), "5个工作日", None, dt.timedelta(days=2), "7日"]
    values = [another(shared[k]) if fresh and shared[k] is not None else shared[k] for k, fresh in picks]
    column = np.array(values, dtype=object)[::step]  # a view with a stride, when step > 1
    assert all(another(v) is not v and another(v) == v for v in shared if v is not None)
    assert addresses(column).tolist() == [id(v) for v in column.tolist()]
    texts = [None if v is None else str(sc.period(v) if isinstance(v, dt.timedelta) else v) for v in column]
    by_objects = PerRow.of(column, column.shape)
    by_texts = PerRow.of(np.array(texts, dtype=object), column.shape)
    assert by_objects.distinct == by_texts.distinct
    np.testing.assert_array_equal(by_objects.index, by_texts.index)


def test_few_distinct_counts_at_most_127_values_in_its_int8_codes() -> None:
    column = np.arange(300) % 3
    found = distinct.few_distinct(column.size, lambda i: column == column[i], 127)
    assert found is not None
    assert found[0] == [0, 1, 2]
    np.testing.assert_array_equal(found[1], column)
    assert distinct.few_distinct(column.size, lambda i: column == column[i], 2) is None
    for few in (0, 128):
        with pytest.raises(ValueError, match=r"few must be 1\.\.127"):
            distinct.few_distinct(3, lambda i: column[:3] == column[i], few)


def test_addresses_take_a_flat_object_array_only() -> None:
    assert addresses(np.array([], dtype=object)).tolist() == []
    for bad in (np.array(["7日"]), np.array([[sc.period("7日")]], dtype=object)):
        with pytest.raises(TypeError, match="a flat object array is needed"):
            addresses(bad)


def test_objects_past_a_few_are_left_to_hashing_or_sorting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Equal texts as an object a row (read from a file) are seen in the first rows and not read a pass an object;
    objects past ``few`` after the sample are found by the passes; both are then hashed (pandas) or sorted (numpy),
    to the same answers."""
    monkeypatch.setattr(distinct, "SAMPLE", 64)
    texts = ["5个工作日", "7日", "1个月"]
    one_each = np.array([another(texts[i % 3]) for i in range(300)], dtype=object)  # 300 objects, three texts
    late = np.array([texts[0]] * 270 + [another(texts[1]) for _ in range(30)], dtype=object)  # 1 in the sample
    passes: list[int] = []
    real = distinct.few_distinct
    monkeypatch.setattr(distinct, "few_distinct", lambda n, same, few: passes.append(n) or real(n, same, few))
    assert distinct.by_identity(one_each) is None
    assert not passes  # known from the sample, no pass
    assert distinct.by_identity(late) is None
    assert passes == [300]
    found = distinct.by_identity(late[:270])
    assert found is not None
    assert found[0] == [0]
    assert not found[1].any()
    x = starts(300, 38, "m", first="2020-01-02", days=1_000)
    conv = sc.Convention.civil_code()
    for column in (one_each, late):
        want = run(x, column.astype(str), conv, False, calendar=CN)
        for given_as in (column, pd.Series(column, dtype=object)):
            assert_same(run(x, given_as, conv, False, calendar=CN), want)


def test_a_pandas_column_of_objects_is_read_by_identity_as_its_text() -> None:
    """Period objects, timedeltas, text and missing values (None, NaN, pd.NA) in a pandas object column: the column
    by identity, read as the same column of text; not hashed (``Period`` objects took 196 ns a row so)."""
    x = starts(2_000, 39, "m", first="2020-01-02", days=1_000)
    values = [sc.period("5个工作日"), "7日", None, dt.timedelta(days=3), float("nan"), pd.NA, sc.period("24小时")]
    pick = np.random.default_rng(39).integers(0, len(values), 2_000)
    column = pd.Series(np.array(values, dtype=object)[pick], dtype=object)
    f = dataframes.factorize(column, "pandas")
    order = list(dict.fromkeys(pick.tolist()))  # the objects in the order of their first rows
    assert f is not None
    assert [id(v) for v in f.values] == [id(values[k]) for k in order]
    assert f.codes.tolist() == [order.index(k) for k in pick.tolist()]
    text = ["5个工作日", "7日", None, "72小时", None, None, "24小时"]  # a timedelta is clock time
    conv = sc.Convention.civil_code()
    for on in ({"calendar": CN}, {"calendar": keys(2_000, 40), "calendars": ZONED}):
        want = run(x, np.array(text, dtype=object)[pick], conv, False, **on)
        assert_same(run(x, column, conv, False, **on), want)
        assert_same(run(x, column.to_numpy(), conv, False, **on), want)


def test_many_distinct_periods_are_sorted_out_not_compared_one_by_one() -> None:
    """Past sixteen distinct values the column is sorted (texts) or its objects' identities are (objects); and
    more periods than FEW_PERIODS are not read side by side (their tables would not stay kept), at most are."""
    x = starts(2_000, 32, "m", first="2004-01-02", days=7_900)
    texts = [f"{n}日" for n in range(1, 41)]
    per = periods(2_000, 32, texts, missing=0.02)
    conv = sc.Convention.civil_code()
    assert not read_at_once(x, per, conv, False, calendar=CN)
    both(x, per, conv, calendar=CN)
    fewer = periods(2_000, 32, texts[: daytables.FEW_PERIODS], missing=0.02)
    assert read_at_once(x, fewer, conv, False, calendar=CN)
    both(x, fewer, conv, calendar=CN)
    both(x, np.where(per == None, "7日", per).astype(str), conv, calendar=CN)  # noqa: E711 (an object array)
    objects = np.array([None if p is None else sc.period(p) for p in per], dtype=object)
    both(x, objects, conv, calendar=CN)


@pytest.mark.parametrize("many", [False, True])
def test_a_bad_value_is_named_at_its_first_row(many: bool) -> None:
    x = starts(50, 33, "m", first="2020-01-02", days=1_000)
    values: list[Any] = [sc.period(f"{1 + i % (30 if many else 3)}日") for i in range(50)]
    a, b = object(), object()
    values[17], values[41] = max((a, b), key=id), min((a, b), key=id)  # found in the order of rows, not of ids
    with pytest.raises(InvalidInputError, match=r"periods\[17\] must be text, a Period or a timedelta; got object"):
        sc.deadlines(x, np.array(values, dtype=object), calendar=CN)


def test_mixed_units_and_periods_the_tables_do_not_answer_go_the_full_way() -> None:
    conv = sc.Convention.civil_code()
    x = starts(1_000, 34, "m", first="2004-01-02", days=7_900)
    hours = periods(1_000, 34, ["5个工作日", "24小时"])
    assert not read_at_once(x, hours, conv, False, calendar=CN)  # hours are not of whole days
    both(x, hours, conv, calendar=CN)
    late = starts(1_000, 35, "m", first="2025-06-01", days=500)  # into December 2026
    per = periods(1_000, 35, ["1个工作日", "1年"], missing=0.0)
    per[late > np.datetime64("2026-01-05")] = "1个工作日"  # a year from then runs past the horizon
    assert read_at_once(late, per, conv, False, calendar=CN)  # each row's own table answers it
    both(late, per, conv, calendar=CN)
    per[-1], late[-1] = "1年", np.datetime64("2026-03-01T10:00")  # its own table does not: the full way's error
    assert not read_at_once(late, per, conv, False, calendar=CN)
    both(late, per, conv, calendar=CN)
    with pytest.raises(CalendarHorizonError, match=r"first at index 999"):
        sc.deadlines(late, per, calendar=CN)


def test_every_period_missing_and_no_rows() -> None:
    conv = sc.Convention.civil_code()
    x = starts(100, 36, "m", first="2020-01-02", days=1_000)
    live = x[~np.isnat(x)]  # no NaT start: dues made from the last days, but not for a missing period
    per = periods(live.size, 37, ["5个工作日", "7日"], missing=0.2)
    assert read_at_once(live, per, conv, False, calendar=CN)
    both(live, per, conv, calendar=CN)
    assert np.isnat(sc.deadlines(live, per, calendar=CN).due[per == None]).all()  # noqa: E711 (an object array)
    both(x, np.array([None] * 100, dtype=object), conv, calendar=CN)
    both(x[:0], np.array([], dtype=object), conv, calendar=CN)


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 40),
    seed=st.integers(0, 2**32 - 1),
    among=st.lists(st.sampled_from([*DAY_PERIODS, "24小时"]), min_size=1, max_size=5, unique=True),
    conv=st.sampled_from(sorted(CONVENTIONS)),
    per_row_calendar=st.booleans(),
    utc=st.booleans(),
)
def test_generated_columns_read_at_once_equal_the_full_way(
    n: int, seed: int, among: list[str], conv: str, per_row_calendar: bool, utc: bool
) -> None:
    """Starts over every day of the calendars' data and past it: the full way's answers, or its error word for
    word."""
    cals = WITH_HOURS if conv == "close" else ZONED
    x, per = starts(n, seed, "m", days=8_420), periods(n, seed, among)
    on: dict[str, Any] = (
        {"calendar": keys(n, seed), "calendars": cals} if per_row_calendar else {"calendar": cals["CN"]}
    )
    both(x, per, CONVENTIONS[conv], utc, **on)


FRAMES: dict[str, Any] = {
    "pandas str": lambda v: pd.Series(v, dtype="str"),
    "pandas object": lambda v: pd.Series(v, dtype=object),
    "pandas string[python]": lambda v: pd.Series(v, dtype="string[python]"),
    "pandas category": lambda v: pd.Series(v, dtype="category"),
    "pandas Index": lambda v: pd.Index(v, dtype=object),
    "polars String": lambda v: pl.Series(v, dtype=pl.String),
    "polars Categorical": lambda v: pl.Series(v, dtype=pl.String).cast(pl.Categorical),
    "polars Enum": lambda v: pl.Series(v, dtype=pl.Enum(sorted({p for p in v if p is not None}))),
    "pyarrow string": lambda v: pa.array(v, type=pa.string()),
    "pyarrow dictionary": lambda v: pa.array(v, type=pa.string()).dictionary_encode(),
    "pyarrow chunked": lambda v: pa.chunked_array([pa.array(v[:7], pa.string()), pa.array(v[7:], pa.string())]),
}


@pytest.mark.parametrize("kind", ["polars String", "polars Categorical"])
@pytest.mark.parametrize("distinct", [1, 2, 3, 17, 40])
def test_a_polars_text_column_of_one_or_many_periods(kind: str, distinct: int) -> None:
    """One value is compared; more are the codes of the column cast to an Enum of its values in the order of their
    first rows (long texts, past polars' 12 inlined bytes, and nulls among them)."""
    values = [f"{i + 1}个工作日" for i in range(distinct)]
    per = [None if i % 7 == 3 else values[(i * 5) % distinct] for i in range(300)]
    f = dataframes.factorize(FRAMES[kind](per), "polars")
    assert f is not None
    assert list(f.values) == list(dict.fromkeys(p for p in per if p is not None))  # in the order of first rows
    assert [None if c < 0 else f.values[c] for c in f.codes.tolist()] == per
    assert f.codes.dtype == np.int64


@pytest.mark.parametrize("kind", ["polars String", "polars Categorical"])
def test_a_polars_text_column_of_no_period(kind: str) -> None:
    """Every row null, or no row: no value, every code missing."""
    for per in ([None] * 5, []):
        f = dataframes.factorize(FRAMES[kind](per), "polars")
        assert f is not None
        assert f.values == ()
        assert f.codes.tolist() == [-1] * len(per)


@pytest.mark.parametrize("kind", sorted(FRAMES))
def test_a_dataframes_column_of_periods_is_factorized_by_its_library(kind: str) -> None:
    """The answers of the same periods in a list, in the column's kind; a text that is no period is named at its
    first row, as in a list; and the column is factorized by its library, not read into Python objects."""
    x = starts(300, 38, "us", first="2004-01-02", days=7_900)
    x[np.isnat(x)] = np.datetime64("2020-01-02T10:00")  # pyarrow and polars columns of starts: no NaT needed here
    per = list(periods(300, 38))
    column = FRAMES[kind](per)
    lib = type(column).__module__.partition(".")[0]
    assert dataframes.factorize(column, lib) is not None
    starts_col = {"pandas": pd.Series, "polars": pl.Series, "pyarrow": pa.array}[lib](x)
    want = sc.deadlines(x, np.array(per, dtype=object), calendar=CN)
    got = sc.deadlines(starts_col, column, calendar=CN)
    np.testing.assert_array_equal(_days(got.last_day), want.last_day)
    k = keys(300, 38)
    want = sc.deadlines(x, np.array(per, dtype=object), calendar=k, calendars=ZONED)
    got = sc.deadlines(starts_col, column, calendar=FRAMES["pandas str" if lib == "pandas" else kind](list(k))
                       if lib != "pyarrow" else pa.array(k), calendars=ZONED)  # fmt: skip
    np.testing.assert_array_equal(_days(got.last_day), want.last_day)
    if "Enum" in kind or "category" in kind:
        return  # a text that is no period is not among their categories
    bad = [*per[:40], "9个工作曰", *per[41:120], "1天数", *per[121:]]  # the first bad row's text sorts last
    with pytest.raises(PeriodParseError) as got_error:
        sc.deadlines(starts_col, FRAMES[kind](bad), calendar=CN)
    with pytest.raises(PeriodParseError) as want_error:
        sc.deadlines(x, np.array(bad, dtype=object), calendar=CN)
    assert str(got_error.value) == str(want_error.value)
    assert str(got_error.value).startswith("periods[40] (2 of the 300 rows are not periods; the first is shown): ")


def test_a_polars_expression_of_periods() -> None:
    x = starts(200, 39, "us", first="2004-01-02", days=7_900)
    x[np.isnat(x)] = np.datetime64("2020-01-02T10:00")
    per = list(periods(200, 39))
    frame = pl.DataFrame({"t": x, "p": pl.Series(per, dtype=pl.String)})
    got = frame.select(sc.deadlines(pl.col("t"), pl.col("p"), calendar=CN).last_day)
    want = sc.deadlines(x, np.array(per, dtype=object), calendar=CN)
    np.testing.assert_array_equal(_days(got.to_series()), want.last_day)


def test_an_expression_of_two_columns_is_named_as_polars_names_one() -> None:
    """After its first column, as polars names ``pl.col("t") + pl.col("u")``: not the field of a struct."""
    x = np.array(["2025-09-30T10:00", "2025-10-09T10:00"], dtype="datetime64[us]")
    frame = pl.DataFrame({"t": x, "p": ["5个工作日", "7日"]})
    d = sc.deadlines(pl.col("t"), pl.col("p"), calendar=CN)
    assert frame.select(d.due).columns == ["t"]
    assert frame.select(d.last_day.alias("last")).columns == ["last"]
    renamed = sc.deadlines(pl.col("t").alias("opened"), pl.col("p"), calendar=CN)
    assert frame.with_columns(renamed.due).columns == ["t", "p", "opened"]
    hours = sc.calendar("CN").with_hours("09:00-18:00")
    assert frame.select(hours.working_time_between(pl.col("t"), pl.col("t").dt.offset_by("1d"))).columns == ["t"]


def _days(col: Any) -> np.ndarray:
    """A column of last days as ``datetime64[D]``."""
    if isinstance(col, pa.ChunkedArray | pa.Array):
        col = col.to_numpy(zero_copy_only=False)
    elif isinstance(col, pl.Series | pd.Series | pd.Index):
        col = col.to_numpy()
    return np.asarray(col).astype("datetime64[D]")


def test_a_polars_enum_reads_only_the_categories_its_rows_have_in_the_order_of_their_rows() -> None:
    x = np.array(["2025-09-30T10:00"] * 3, dtype="datetime64[us]")
    cats = ["zz no period", "aa no period", "5个工作日", "7日"]
    fine = pl.Series(["5个工作日", None, "5个工作日"], dtype=pl.Enum(cats))  # no row has a category that is no period
    got = sc.deadlines(pl.Series(x), fine, calendar=CN)
    assert got.last_day.to_list() == [dt.date(2025, 10, 14), None, dt.date(2025, 10, 14)]
    bad = pl.Series(["5个工作日", "aa no period", "zz no period"], dtype=pl.Enum(cats))
    with pytest.raises(PeriodParseError) as e:
        sc.deadlines(pl.Series(x), bad, calendar=CN)
    assert str(e.value).startswith("periods[1] (2 of the 3 rows ")  # the first row's, not the first category's


def test_public_calls_hand_a_column_of_periods_to_its_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a numpy array of Python strings made first: the column, to dataframes.factorize."""
    seen: list[str] = []

    def spy(x: Any, lib: str) -> Any:
        seen.append(lib)
        return factorize(x, lib)

    factorize = dataframes.factorize
    monkeypatch.setattr(dataframes, "factorize", spy)
    x = np.array(["2025-09-30T10:00"] * 3, dtype="datetime64[us]")
    per = ["5个工作日", None, "7日"]
    sc.deadlines(pd.Series(x), pd.Series(per), calendar=CN)
    sc.deadlines(pl.Series(x), pl.Series(per), calendar=["CN", "HK", "HK"], calendars={"CN": "CN", "HK": "HK"})
    sc.deadlines(pa.array(x), pa.array(per), calendar=CN)
    assert seen == ["pandas", "polars", "pyarrow"]


def test_a_value_that_is_no_period_in_a_pandas_object_column_is_named_at_its_first_row() -> None:
    x = pd.Series(np.array(["2025-09-30T10:00"] * 12, dtype="datetime64[us]"))
    per = pd.Series(["5个工作日"] * 7 + [5] + ["7日"] * 2 + [2.5, 5], dtype=object)
    with pytest.raises(InvalidInputError, match=r"periods\[7\] must be text, a Period or a timedelta; got int 5"):
        sc.deadlines(x, per, calendar=CN)
    unhashable = pd.Series(["5个工作日"] * 3 + [["7日"]] + ["7日"] * 8, dtype=object)  # pandas cannot factorize it
    with pytest.raises(InvalidInputError, match=r"periods\[3\] must be text, a Period or a timedelta; got list"):
        sc.deadlines(x, unhashable, calendar=CN)
