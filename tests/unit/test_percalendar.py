"""One calendar per row: ``sc.deadlines(..., calendars=...)`` and ``Contract.evaluate(..., calendars=...)``.

Facts used below: 2025-10-01 is a holiday on both sides of the border; CN rests until 10-08 (Golden Week), HK works
10-02 and 10-03; 2026-09-30 20:00 received on HK: its 5th workday is 10-08 (10-01 off), on CN 10-13 (10-01..10-07
off, Saturday 10-10 worked). CN, HK, MO and TW are all UTC+8 today, in four zone names.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import slaclock as sc
from slaclock.errors import CalendarHorizonError, ContractError, InvalidInputError

BOTH = {"CN": "CN", "HK": sc.calendar("HK")}
DAYS = np.array(["2025-09-30", "2025-09-30", "NaT"], dtype="datetime64[D]")


# -- sc.deadlines ------------------------------------------------------------------------------------


def test_each_row_is_counted_on_its_key_and_scattered_back_in_order() -> None:
    d = sc.deadlines(DAYS, "1个工作日", calendar=["HK", "CN", "CN"], calendars=BOTH)
    assert d.last_day.tolist() == [dt.date(2025, 10, 2), dt.date(2025, 10, 9), None]
    assert d.due.dtype == np.dtype("datetime64[us]")
    assert d.due.shape == (3,)
    assert d.row_calendars is not None
    assert d.row_calendars.keys == ("CN", "HK")
    assert d.row_calendars.codes.tolist() == [1, 0, 0]
    assert d.calendar is sc.calendar("CN")  # the first of calendars
    # one key for every row broadcasts; values may be region names or calendars
    assert sc.deadlines(DAYS, "1个工作日", calendar="HK", calendars=BOTH).last_day[1] == np.datetime64("2025-10-02")


def test_shapes_and_per_row_periods() -> None:
    grid = np.array([["2025-09-30", "2025-09-30"], ["2025-09-29", "2025-09-29"]], dtype="datetime64[D]")
    keys = np.array([["CN", "HK"], ["CN", "HK"]])
    d = sc.deadlines(grid, "1个工作日", calendar=keys, calendars=BOTH)
    assert d.last_day.shape == (2, 2)
    assert d.last_day.tolist() == [
        [dt.date(2025, 10, 9), dt.date(2025, 10, 2)],
        [dt.date(2025, 9, 30), dt.date(2025, 9, 30)],
    ]
    d = sc.deadlines(DAYS, ["1个工作日", "1个工作日", "7日"], calendar=["HK", "CN", "HK"], calendars=BOTH)
    assert d.last_day.tolist()[:2] == [dt.date(2025, 10, 2), dt.date(2025, 10, 9)]
    assert d.period == (sc.period("1个工作日"), sc.period("7日"))  # the distinct periods, as for one calendar
    assert len(sc.deadlines(DAYS[:0], "1日", calendar=[], calendars=BOTH)) == 0


def test_naive_starts_and_dues_are_each_rows_own_wall_time_aware_ones_instants() -> None:
    # in June 2025 Shanghai is UTC+8 and New York UTC-4
    ny = sc.custom_calendar("1111100", [], first="2025-01-01", last="2025-12-31", tz="America/New_York")
    cals = {"CN": "CN", "NY": ny}
    keys = ["CN", "NY"]
    naive = np.array(["2025-06-02T10:00", "2025-06-02T10:00"], dtype="datetime64[us]")
    walls = sc.deadlines(naive, "24小时", calendar=keys, calendars=cals)
    assert walls.due.tolist() == [dt.datetime(2025, 6, 3, 10)] * 2  # wall times: each in its own zone
    assert walls.is_met(np.datetime64("2025-06-03T09:59")).tolist() == [True, True]  # naive: each row's wall time
    # one aware instant: 13:30 UTC is 21:30 in Shanghai and 09:30 in New York
    assert walls.is_met(dt.datetime(2025, 6, 3, 13, 30, tzinfo=dt.UTC)).tolist() == [False, True]
    u = sc.deadlines(naive, "24小时", calendar=keys, calendars=cals, utc=True)
    assert u.due.tolist() == [dt.datetime(2025, 6, 3, 10)] * 2  # UTC in, UTC out
    with pytest.raises(
        InvalidInputError, match=r"one instant or a column the shape of the deadlines: got shape \(3, 2\)"
    ):
        walls.is_met(np.full((3, 2), np.datetime64("2025-06-03T09:59", "us")))
    # aware starts: the instants they name (02:00 UTC); the due column is each row's own wall time
    aware = [dt.datetime(2025, 6, 2, 2, tzinfo=dt.UTC)] * 2
    a = sc.deadlines(aware, "24小时", calendar=keys, calendars=cals)
    assert a.due.tolist() == [dt.datetime(2025, 6, 3, 10), dt.datetime(2025, 6, 2, 22)]


def test_dataframe_columns_come_back_in_their_kind() -> None:
    at = pd.to_datetime(["2025-09-30 10:00", "2025-09-30 10:00"])
    keys = pd.Series(["CN", "HK"], index=[7, 8], dtype="category")
    s = pd.Series(at.tz_localize("Asia/Shanghai"), index=[7, 8])
    d = sc.deadlines(s, "1个工作日", calendar=keys, calendars=BOTH)
    assert str(d.due.dtype) == "datetime64[us, Asia/Shanghai]"  # an aware column's due in its own zone
    assert d.due.index.tolist() == [7, 8]
    assert d.due.dt.date.tolist() == [dt.date(2025, 10, 10), dt.date(2025, 10, 3)]
    assert d.is_met(pd.Series([pd.Timestamp("2025-10-02 17:00", tz="UTC")] * 2, index=[7, 8])).tolist() == [
        True,
        False,
    ]
    naive = pd.Series(at, index=[7, 8])
    assert sc.deadlines(naive, "1个工作日", calendar=keys, calendars=BOTH).due.tolist() == [
        pd.Timestamp("2025-10-10"),
        pd.Timestamp("2025-10-03"),
    ]
    df = pl.DataFrame({"opened": at.to_numpy(), "region": ["CN", "HK"]})
    out = df.select(
        sc.deadlines(pl.col("opened"), "1个工作日", calendar=pl.col("region"), calendars=BOTH).last_day.alias(
            "last_day"
        )
    )
    assert out["last_day"].to_list() == [dt.date(2025, 10, 9), dt.date(2025, 10, 2)]
    arrow = sc.deadlines(pa.array(at.to_numpy()), "1个工作日", calendar=pa.array(["HK", "CN"]), calendars=BOTH)
    assert arrow.last_day.to_pylist() == [dt.date(2025, 10, 2), dt.date(2025, 10, 9)]


def test_unknown_missing_and_misshapen_keys_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"2 rows name a calendar not in calendars, the first at index 1: 'SG'"):
        sc.deadlines(DAYS, "1日", calendar=["CN", "SG", "SG"], calendars=BOTH)
    with pytest.raises(InvalidInputError, match=r"the known keys: \['CN', 'HK'\]"):
        sc.deadlines(DAYS, "1日", calendar=["CN", "CN", "cn"], calendars=BOTH)
    for missing in (None, float("nan"), pd.NA):
        with pytest.raises(InvalidInputError, match=r"1 rows have no calendar key \(missing\), the first at index 2;"):
            sc.deadlines(DAYS, "1日", calendar=["CN", "HK", missing], calendars=BOTH)
    with pytest.raises(InvalidInputError, match="one key or one per start: got 2 keys"):
        sc.deadlines(DAYS, "1日", calendar=["CN", "HK"], calendars=BOTH)
    with pytest.raises(InvalidInputError, match=r"calendar key of each row .* dtype int64"):
        sc.deadlines(DAYS, "1日", calendar=np.array([1, 2, 1]), calendars=BOTH)
    with pytest.raises(InvalidInputError, match="calendar= names each row's calendar"):
        sc.deadlines(DAYS, "1日", calendar=sc.calendar("CN"), calendars=BOTH)
    with pytest.raises(InvalidInputError, match="calendars must be a mapping"):
        sc.deadlines(DAYS, "1日", calendar=["CN"] * 3, calendars={})
    with pytest.raises(InvalidInputError, match="keys of calendars are non-empty text"):
        sc.deadlines(DAYS, "1日", calendar=["CN"] * 3, calendars={1: "CN"})  # type: ignore[dict-item]
    with pytest.raises(InvalidInputError, match=r"calendars\['X'\]: calendar must be a WorkCalendar"):
        sc.deadlines(DAYS, "1日", calendar=["X"] * 3, calendars={"X": 5})  # type: ignore[dict-item]


def test_errors_name_the_index_in_the_whole_column() -> None:
    ends = np.array(["2025-06-01", "2026-12-30", "2025-06-01", "2026-12-30"], dtype="datetime64[D]")
    # rows 1 (CN) and 3 (HK) run past the data: both counted, the first named, whichever calendar comes first
    with pytest.raises(CalendarHorizonError, match=r"calendar 'CN': 2 of 4 .*first at index 1"):
        sc.deadlines(ends, "5个工作日", calendar=["CN", "CN", "HK", "HK"], calendars={"HK": "HK", "CN": "CN"})
    mixed = ["2025-09-30", "2025-09-30", "not a date"]
    with pytest.raises(InvalidInputError, match=r"calendar 'HK': starts\[2\]"):
        sc.deadlines(mixed, "1日", calendar=["CN", "CN", "HK"], calendars=BOTH)
    # a table of starts with one period each: the index is the table's
    periods = np.array([["1个月", "5个工作日"], ["30日", "2周"]])
    with pytest.raises(CalendarHorizonError, match=r"calendar 'HK': 2 of 4 .*first at index \(0, 1\)"):  # (1, 1) too
        sc.deadlines(ends.reshape(2, 2), periods, calendar=[["CN", "HK"], ["HK", "HK"]], calendars=BOTH)


def test_provisional_rows_warn_once_naming_each_region() -> None:
    cals = {"CN": sc.calendar("CN", horizon="projected"), "HK": sc.calendar("HK", horizon="projected")}
    ends = np.array(["2026-12-30", "2025-01-02", "2026-12-30"], dtype="datetime64[D]")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        d = sc.deadlines(ends, "5个工作日", calendar=["CN", "CN", "HK"], calendars=cals)
    assert d.provisional.tolist() == [True, False, True]
    assert len(caught) == 1
    assert issubclass(caught[0].category, sc.ProvisionalWarning)
    text = str(caught[0].message)
    assert text.startswith("2 of 3 deadlines (the first at index 0) rest on CN days past")
    assert "; HK days" in text


# -- Contract.evaluate -------------------------------------------------------------------------------

HOURS = "09:00-12:00,13:00-18:00"


def desk() -> sc.Contract:
    return sc.Contract(
        "desk",
        [
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
            sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", pausable=True),
        ],
        events=["received"],
        calendar=sc.CalendarSpec("CN", hours=HOURS),
    )


def tickets() -> dict[str, Any]:
    return {
        "received": np.array(["2026-09-30T20:00", "2026-09-30T20:00", "2026-10-09T09:00"], "datetime64[us]"),
        "acknowledged": np.array(["2026-10-01T21:00", "NaT", "2026-10-09T10:00"], "datetime64[us]"),
        "solved": np.array(["NaT", "NaT", "2026-10-14T16:00"], "datetime64[us]"),
        "region": np.array(["CN", "HK", "HK"]),
    }


REGIONS = {"CN": "CN", "HK": sc.CalendarSpec("HK", hours=HOURS)}
NOW = "2026-10-16T09:00"


def test_evaluate_counts_each_row_on_its_calendar() -> None:
    c = desk()
    r = c.evaluate(tickets(), now=NOW, ignore_pauses=True, calendar="region", calendars=REGIONS)
    assert r["solution.last_day"].tolist() == [dt.date(2026, 10, 13), dt.date(2026, 10, 8), dt.date(2026, 10, 16)]
    assert r["solution.state"].tolist() == ["breached", "breached", "met"]
    # the same rows evaluated one calendar at a time
    for key, rows in (("CN", [0]), ("HK", [1, 2])):
        alone = c.evaluate(
            {k: v[rows] for k, v in tickets().items()}, now=NOW, ignore_pauses=True, calendar=REGIONS[key]
        )
        for name, col in alone.items():
            np.testing.assert_array_equal(r[name][rows], col)


def test_evaluate_tables_keep_their_kind_index_and_zone() -> None:
    c = desk()
    df = pd.DataFrame(tickets(), index=[10, 20, 30])
    r = c.evaluate(df, now=NOW, ignore_pauses=True, calendar="region", calendars=REGIONS)
    assert r.index.tolist() == [10, 20, 30]
    assert str(r["solution.due"].dtype) == "datetime64[us, UTC]"  # two zone names: UTC
    assert r["solution.due"].tolist()[1] == pd.Timestamp("2026-10-08 16:00", tz="UTC")
    same_zone = {"CN": "CN", "HK": sc.CalendarSpec("CN", hours=HOURS, horizon="projected")}
    r = c.evaluate(df, now=NOW, ignore_pauses=True, calendar="region", calendars=same_zone)
    assert str(r["solution.due"].dtype) == "datetime64[us, Asia/Shanghai]"  # one zone: that zone
    p = c.evaluate(pl.DataFrame(tickets()), now=NOW, ignore_pauses=True, calendar="region", calendars=REGIONS)
    assert p["solution.due"].dtype == pl.Datetime("us", "UTC")
    assert p["solution.state"].to_list() == ["breached", "breached", "met"]
    a = c.evaluate(pa.table(tickets()), now=NOW, ignore_pauses=True, calendar="region", calendars=REGIONS)
    assert a.column("solution.due").type == pa.timestamp("us", tz="UTC")
    assert a.column("solution.last_day").to_pylist()[1] == dt.date(2026, 10, 8)


def test_evaluate_routes_pauses_to_their_rows() -> None:
    c = desk()
    stops = {
        "row": np.array([2, 1]),
        "paused_at": np.array(["2026-10-12T09:00", "2026-10-02T09:00"], "datetime64[us]"),
        "resumed_at": np.array(["2026-10-13T09:00", "2026-10-05T09:00"], "datetime64[us]"),
    }
    r = c.evaluate(tickets(), now=NOW, pauses=stops, calendar="region", calendars=REGIONS)
    hk = sc.CalendarSpec("HK", hours=HOURS).build()
    for row, (start, end) in ((1, ("2026-10-02T09:00", "2026-10-05T09:00")), (2, ("2026-10-12T09:00", None))):
        t = {k: v[row] for k, v in tickets().items()}
        case = c.open(received_at=t["received"].item(), calendar=hk)
        if not np.isnat(t["acknowledged"]):
            case = case.record("acknowledged", at=t["acknowledged"].item())
        case = case.pause("awaiting_customer", at=dt.datetime.fromisoformat(start))
        if row == 1:
            case = case.resume(at=dt.datetime.fromisoformat(end))  # type: ignore[arg-type]
        else:
            case = case.resume(at=dt.datetime(2026, 10, 13, 9)).record("solved", at=t["solved"].item())
        s = case.status(now=NOW)["solution"]
        assert r["solution.state"][row] == s.state
        assert r["solution.last_day"][row] == np.datetime64(s.last_day)


def test_evaluate_errors_name_whole_table_rows() -> None:
    c = desk()
    t = tickets() | {"solved": np.array(["NaT", "NaT", "2026-09-29T00:00"], "datetime64[us]")}
    with pytest.raises(InvalidInputError, match=r"calendar 'HK' \(2 rows\): 1 rows where .* the first at row 2 "):
        c.evaluate(t, now=NOW, ignore_pauses=True, calendar="region", calendars=REGIONS)
    with pytest.raises(InvalidInputError, match=r"column 'region': 1 rows name a calendar not in calendars.*index 2"):
        c.evaluate(tickets() | {"region": ["CN", "HK", "SG"]}, now=NOW, ignore_pauses=True, calendar="region",
                   calendars=REGIONS)  # fmt: skip
    with pytest.raises(InvalidInputError, match=r"column 'region': 1 rows have no calendar key"):
        c.evaluate(pd.DataFrame(tickets() | {"region": ["CN", None, "HK"]}), now=NOW, ignore_pauses=True,
                   calendar="region", calendars=REGIONS)  # fmt: skip
    with pytest.raises(InvalidInputError, match=r"no column 'zone' \(the calendar of each row\)"):
        c.evaluate(tickets(), now=NOW, ignore_pauses=True, calendar="zone", calendars=REGIONS)
    with pytest.raises(InvalidInputError, match="calendar= names the events' column"):
        c.evaluate(tickets(), now=NOW, ignore_pauses=True, calendar=None, calendars=REGIONS)
    with pytest.raises(InvalidInputError, match=r"calendars\['HK'\]: "):
        c.evaluate(tickets(), now=NOW, ignore_pauses=True, calendar="region", calendars={"CN": "CN", "HK": 5})
    with pytest.raises(ContractError, match="can be paused"):
        c.evaluate(tickets(), now=NOW, calendar="region", calendars=REGIONS)
    bad = {"row": np.array([3]), "paused_at": np.array(["2026-10-02T09:00"], "datetime64[us]")}
    with pytest.raises(InvalidInputError, match=r"'row' 3 is not a row of the events"):
        c.evaluate(tickets(), now=NOW, pauses=bad, calendar="region", calendars=REGIONS)
    late = {"row": np.array([0, 2]), "paused_at": np.array(["2026-10-02T09:00", "2026-10-20T09:00"], "datetime64[us]")}
    with pytest.raises(InvalidInputError, match=r"'paused_at' after now, the first at pauses row 1"):
        c.evaluate(tickets(), now=NOW, pauses=late, calendar="region", calendars=REGIONS)


def test_evaluate_warns_once_for_the_whole_call() -> None:
    c = desk()
    cals = {"CN": sc.CalendarSpec("CN", hours=HOURS, horizon="projected"), "HK": REGIONS["HK"]}
    t = tickets() | {"received": np.array(["2026-12-30T10:00", "2026-09-30T20:00", "2026-12-29T09:00"], "M8[us]")}
    t["region"] = np.array(["CN", "HK", "CN"])
    t["acknowledged"] = np.array(["NaT", "NaT", "NaT"], "datetime64[us]")
    t["solved"] = t["acknowledged"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = c.evaluate(t, now="2026-12-31T09:00", ignore_pauses=True, calendar="region", calendars=cals)
    assert r["solution.provisional"].tolist() == [True, False, True]
    assert len(caught) == 1
    assert issubclass(caught[0].category, sc.ProvisionalWarning)
    assert "2 of 3 rows of 'solution'" in str(caught[0].message)


def _listed(col: Any) -> list[Any]:
    """A result column as Python values: state text, or the date of a day (None where missing)."""
    values = col.to_pylist() if hasattr(col, "to_pylist") else col.tolist() if hasattr(col, "tolist") else list(col)
    out = []
    for v in values:
        if v is None or v is pd.NaT:
            out.append(None)
        elif isinstance(v, dt.datetime):
            out.append(v.date())
        else:
            out.append(v if isinstance(v, dt.date) else str(v))
    return out


@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow"])
def test_evaluate_routes_pauses_in_every_table_kind(kind: str) -> None:
    c = desk()
    stops = {
        "row": np.array([2, 1, 0]),
        "paused_at": np.array(["2026-10-12T09:00", "2026-10-02T09:00", "2026-10-08T09:00"], "datetime64[us]"),
        "resumed_at": np.array(["2026-10-13T09:00", "2026-10-05T09:00", "NaT"], "datetime64[us]"),
    }
    want = c.evaluate(tickets(), now=NOW, pauses=stops, calendar="region", calendars=REGIONS)
    assert want["solution.state"].tolist() == ["paused", "breached", "met"]
    make = {"pandas": pd.DataFrame, "polars": pl.DataFrame, "pyarrow": pa.table}[kind]
    got = c.evaluate(make(tickets()), now=NOW, pauses=make(stops), calendar="region", calendars=REGIONS)
    for name in ("solution.state", "solution.last_day"):
        col = got.column(name) if kind == "pyarrow" else got[name]
        assert _listed(col) == _listed(want[name]), name
