"""The polars namespace: registered only when asked, and every method equals slaclock's column functions."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import polars as pl
import pytest

import slaclock as sc
import slaclock.polars
from tests.helpers.tickets import NOW, assert_same_result, desk, tickets


def _starts(n: int, tz: str | None = None) -> pl.DataFrame:
    rng = np.random.default_rng(11)
    t = np.datetime64("2025-01-01T00:00") + rng.integers(0, 600 * 24 * 60, n).astype("timedelta64[m]")
    df = pl.DataFrame({"opened": t.astype("datetime64[us]")})
    return df.with_columns(pl.col("opened").dt.replace_time_zone(tz)) if tz else df


def test_nothing_is_registered_at_import() -> None:
    code = "import polars as pl, slaclock, slaclock.polars; print(hasattr(pl.col('a'), 'slaclock'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("tz", [None, "Asia/Shanghai", "UTC"])
@pytest.mark.parametrize("period", ["5个工作日", "24小时", "1个月"])
def test_deadline_streams_as_the_column_function_gives(tz: str | None, period: str) -> None:
    slaclock.polars.register()
    df = _starts(30_000, tz)
    got = (
        df.lazy()
        .with_columns(due=pl.col("opened").slaclock.deadline(period, calendar="CN"))
        .collect(engine="streaming")["due"]
    )
    want = sc.deadlines(df["opened"], period, calendar=sc.calendar("CN")).due
    assert got.dtype == df["opened"].dtype
    assert got.cast(pl.Int64).to_list() == want.cast(df["opened"].dtype).cast(pl.Int64).to_list()


def test_workday_methods_stream_as_the_calendar_gives() -> None:
    slaclock.polars.register()
    cal = sc.calendar("CN")
    days = pl.DataFrame({"d": pl.date_range(pl.date(2025, 1, 1), pl.date(2026, 12, 1), eager=True)})
    got = (
        days.lazy()
        .with_columns(
            work=pl.col("d").slaclock.is_workday(calendar=cal),
            later=pl.col("d").slaclock.add_workdays(3, calendar="CN"),
        )
        .collect(engine="streaming")
    )
    d = days["d"].to_numpy()
    assert got["work"].to_list() == cal.is_workday(d).tolist()
    assert got["later"].to_numpy().astype("datetime64[D]").tolist() == cal.add_workdays(d, 3).tolist()
    assert got.filter(pl.col("d") == pl.date(2026, 10, 10))["work"].item() is True  # a makeup Saturday


def test_bad_arguments_are_refused_when_the_expression_is_built() -> None:
    slaclock.polars.register()
    with pytest.raises(sc.PeriodParseError):
        pl.col("opened").slaclock.deadline("soon")
    with pytest.raises(sc.InvalidInputError, match="calendar must be"):
        pl.col("opened").slaclock.deadline("5个工作日", calendar=3)
    with pytest.raises(sc.InvalidInputError, match="whole number"):
        pl.col("d").slaclock.add_workdays(1.5)
    dates = pl.DataFrame({"d": [pl.date(2026, 1, 5)]})
    with pytest.raises(Exception, match="needs a column of instants"):
        dates.select(pl.col("d").slaclock.deadline("5个工作日")).to_series()


def test_past_the_official_data_is_an_error_not_a_guess() -> None:
    slaclock.polars.register()
    df = pl.DataFrame({"opened": np.array(["2026-12-20T10:00"], "datetime64[us]")})
    with pytest.raises(sc.CalendarHorizonError):
        df.lazy().select(pl.col("opened").slaclock.deadline("10个工作日")).collect(engine="streaming")
    projected = sc.calendar("CN", horizon="projected")
    with pytest.warns(sc.ProvisionalWarning):
        got = df.select(pl.col("opened").slaclock.deadline("10个工作日", calendar=projected)).item()
    # 12-21..25, 28..31, New Year's Day off, 01-04: the last day; due at its 24:00 (projected)
    assert got.isoformat() == "2027-01-05T00:00:00"


def test_evaluate_streams_200_000_tickets_as_in_memory_evaluate() -> None:
    t = tickets(200_000)
    query = slaclock.polars.evaluate(pl.from_arrow(t).lazy(), desk(), now=NOW, keep=["ticket"])
    got = query.collect(engine="streaming")
    assert_same_result(desk().evaluate(t, now=NOW, keep=["ticket"]), got.to_arrow())
    assert got.schema == query.collect_schema()  # the schema declared when the query was built is the data's


def test_evaluate_is_a_step_of_a_query_over_several_batches() -> None:
    seen: list[int] = []
    t = pl.from_arrow(tickets(30_000))
    parts = pl.concat([t.slice(0, 10_000).lazy(), t.slice(10_000).lazy()]).map_batches(
        lambda df: (seen.append(df.height), df)[1], streamable=True
    )
    report = (
        slaclock.polars.evaluate(parts, desk(), now=NOW, keep=["ticket", "team"])
        .group_by("team")
        .agg((pl.col("resolution.state") == "breached").sum().alias("breached"))
        .sort("team")
        .collect(engine="streaming")
    )
    whole = desk().evaluate(t, now=NOW, keep=["team"])
    expected = whole.group_by("team").agg((pl.col("resolution.state") == "breached").sum().alias("breached"))
    assert report.to_dicts() == expected.sort("team").to_dicts()
    assert len(seen) >= 2  # polars handed the cases over in more than one batch


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"now": "2026-13-01"}, "now"),
        ({"now": NOW, "clauses": ["nope"]}, "nope"),
        ({"now": NOW, "log": pl.DataFrame({"row": [0]})}, "not taken where cases come in a polars query"),
    ],
)
def test_evaluate_refuses_bad_options_when_the_query_is_built(options: dict[str, object], match: str) -> None:
    frame = pl.from_arrow(tickets(10)).lazy()
    with pytest.raises(sc.SlaclockError, match=match):
        slaclock.polars.evaluate(frame, desk(), **options)  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidInputError, match="LazyFrame"):
        slaclock.polars.evaluate({"received": []}, desk(), now=NOW)


def test_an_aware_column_is_read_as_its_dates_in_the_calendars_zone() -> None:
    # Saturday 02:00 UTC is Friday 22:00 in New York: the namespace read the UTC date (a Saturday), where
    # cal.is_workday(series) reads the wall date
    slaclock.polars.register()
    ny = sc.custom_calendar("1111100", {}, first="2000-01-01", last="2199-12-31", tz="America/New_York")
    utc = np.array(["2040-07-14T02:00", "2040-07-16T03:00", "NaT"], "datetime64[us]")
    df = pl.DataFrame({"at": pl.Series(utc).dt.replace_time_zone("UTC")})
    got = df.select(
        pl.col("at").slaclock.is_workday(calendar=ny).alias("workday"),
        pl.col("at").slaclock.add_workdays(1, calendar=ny).alias("next"),
    )
    assert got["workday"].to_list() == [True, False, False]  # Friday 22:00; Sunday 23:00; null
    assert [str(d) for d in got["next"].to_list()] == ["2040-07-16", "2040-07-16", "None"]
    assert got["workday"].to_list() == ny.is_workday(df["at"]).to_list()
