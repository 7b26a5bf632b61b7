"""slaclock.duckdb in an in-process DuckDB: its SQL functions give the numpy path's answers, evaluate in-memory's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

import slaclock as sc
from slaclock import io
from slaclock.errors import (
    CalendarHorizonError,
    ContractError,
    InvalidInputError,
    PeriodParseError,
    ProvisionalWarning,
    SlaclockError,
)
from tests.helpers.tickets import HOURS, NOW, assert_same_result, desk, tickets
from tests.unit.test_io_streams import NOW as LOG_NOW
from tests.unit.test_io_streams import cases
from tests.unit.test_io_streams import desk as recurring_desk

duckdb = pytest.importorskip("duckdb")
import slaclock.duckdb as sd  # noqa: E402 - after the skip: it needs duckdb only when called, its tests need it now

CN = sc.calendar("CN")
CN_HOURS = CN.with_hours(HOURS)
N = 10_000  # several of DuckDB's 2,048-row vectors per function call
MAKEUP_SATURDAYS = ["2026-09-20", "2026-10-10"]


def columns(n: int, seed: int) -> pa.Table:
    """Instants and dates over 2025-12..2026-11 (National Day, its makeup Saturdays forced in), 10% NULL each."""
    rng = np.random.default_rng(seed)

    def instants() -> np.ndarray:
        x = np.datetime64("2025-12-01T00:00") + rng.integers(0, 330 * 24 * 60, n).astype("timedelta64[m]")
        x = x.astype("datetime64[us]")
        x[:4] = np.array([f"{d}T10:30" for d in MAKEUP_SATURDAYS] * 2, "datetime64[us]")
        x[4 + np.flatnonzero(rng.random(n - 4) < 0.1)] = np.datetime64("NaT")
        return x

    a, b = instants(), instants()
    steps = rng.integers(-12, 13, n).astype(np.int32)
    return pa.table(
        {
            "row": np.arange(n),
            "a": a,
            "b": b,
            "da": a.astype("datetime64[D]"),
            "db": b.astype("datetime64[D]"),
            "n": pa.array(steps, mask=rng.random(n) < 0.05),
            "period": pa.array(np.array(["5个工作日", "7日", "1个月", "24小时"])[np.arange(n) % 4]),
        }
    )


@pytest.fixture(scope="module")
def con() -> Iterator[Any]:
    """One connection for the module: the functions on the CN calendar with hours, a contract, the two tables."""
    c = duckdb.connect()
    sd.register(c, calendar=CN_HOURS, contracts={"desk": desk()})
    generated, tix = columns(N, 1), tickets(200_000)  # noqa: F841 - read by name in the SQL below
    c.sql("CREATE TABLE data AS SELECT * FROM generated")
    c.sql("CREATE TABLE tickets AS SELECT * FROM tix")
    yield c
    c.close()


@pytest.fixture(scope="module")
def in_memory() -> pa.Table:
    """What every engine must give: in-memory evaluate of the 200,000 tickets, with the ticket id and team kept."""
    return desk().evaluate(tickets(200_000), now=NOW, keep=["ticket", "team"])


def row(con: Any, sql: str) -> tuple[object, ...]:
    """The one row a query gives (DuckDB 2 relations have no fetchone)."""
    (only,) = con.sql(sql).fetchall()
    return only


def ordered(con: Any, sql: str) -> pa.Table:
    return con.sql(sql).order("row").to_arrow_table()


def np_col(table: pa.Table, name: str) -> np.ndarray:
    return table.column(name).to_numpy()


def durations(table: pa.Table) -> pa.Table:
    """DuckDB's INTERVALs (Arrow month_day_nano) back as duration[us]; they must hold neither months nor days."""
    for i, field in enumerate(table.schema):
        if field.type == pa.month_day_nano_interval():
            col = table.column(i).combine_chunks()
            raw = np.frombuffer(col.buffers()[1], dtype=[("m", "<i4"), ("d", "<i4"), ("ns", "<i8")])
            raw = raw[col.offset : col.offset + len(col)]
            valid = col.is_valid().to_numpy(zero_copy_only=False)
            assert not raw["m"][valid].any()
            assert not raw["d"][valid].any()
            assert not (raw["ns"][valid] % 1000).any()
            us = pa.array(raw["ns"] // 1000, pa.duration("us"), mask=~valid)
            table = table.set_column(i, field.name, us)
    return table


# --- the SQL functions equal the numpy path ----------------------------------------------------------------------


def test_sla_deadline_is_the_numpy_paths_due_with_nulls(con: Any) -> None:
    t = ordered(con, "SELECT row, a, sla_deadline(a, '5个工作日') AS due FROM data")
    a = np_col(t, "a")
    expected = sc.deadlines(a, "5个工作日", calendar=CN_HOURS).due
    np.testing.assert_array_equal(np_col(t, "due"), expected)
    assert t.column("due").null_count == int(np.isnat(a).sum()) > 0
    one = row(con, "SELECT sla_deadline(TIMESTAMP '2026-10-09 10:00', '1个工作日')")
    assert one == (np.datetime64("2026-10-11T00:00").item(),)  # the makeup Saturday 10-10 is the one workday


def test_sla_deadline_takes_a_period_per_row(con: Any) -> None:
    t = ordered(con, "SELECT row, a, period, sla_deadline(a, period) AS due FROM data")
    expected = sc.deadlines(np_col(t, "a"), np_col(t, "period").astype(object), calendar=CN_HOURS).due
    np.testing.assert_array_equal(np_col(t, "due"), expected)


def test_sla_deadline_tz_reads_instants_and_gives_instants(con: Any) -> None:
    t = ordered(
        con,
        "SELECT row, sla_deadline(a, '24小时') AS naive, "
        "sla_deadline_tz(timezone('Asia/Shanghai', a), '24小时') AS aware FROM data",
    )
    assert t.schema.field("aware").type.tz is not None
    # the naive due is the wall time of the aware due in the calendar's zone
    local = pc.local_timestamp(t.column("aware").cast(pa.timestamp("us", "Asia/Shanghai")))
    assert local.equals(t.column("naive")), "aware and naive dues differ"
    assert local.null_count == t.column("naive").null_count > 0


@pytest.mark.parametrize("zone", ["Etc/UTC", "America/New_York", "Asia/Shanghai"])
def test_sla_deadline_tz_does_not_depend_on_the_sessions_zone(zone: str) -> None:
    c = duckdb.connect()
    c.sql(f"SET TimeZone = '{zone}'")
    sd.register(c)
    # 2026-10-09 12:31 in Beijing + 5 workdays: 10-10 (makeup Saturday), 10-12..10-15, so due 10-16 00:00 Beijing
    got = row(
        c, "SELECT sla_deadline_tz(TIMESTAMPTZ '2026-10-09 12:31+08', '5个工作日') = TIMESTAMPTZ '2026-10-16 00:00+08'"
    )
    assert got == (True,)


def test_workday_add_is_the_numpy_paths_with_nulls_in_either_argument(con: Any) -> None:
    t = ordered(con, "SELECT row, da, n, workday_add(da, n) AS moved FROM data")
    d, n = np_col(t, "da"), t.column("n").to_numpy(zero_copy_only=False)
    both = ~np.isnat(d) & ~np.isnan(n)
    moved = np_col(t, "moved")
    np.testing.assert_array_equal(moved[both], CN.add_workdays(d[both], n[both].astype(np.int64)))
    assert np.isnat(moved[~both]).all()
    assert (~both).sum() > 0
    assert row(con, "SELECT workday_add(DATE '2026-09-30', 1), workday_add(DATE '2026-10-09', 1)") == (
        np.datetime64("2026-10-08").item(),
        np.datetime64("2026-10-10").item(),  # a makeup Saturday is the next workday
    )


def test_is_workday_is_the_numpy_paths_and_knows_makeup_saturdays(con: Any) -> None:
    t = ordered(con, "SELECT row, da, is_workday(da) AS w FROM data")
    d = np_col(t, "da")
    got = t.column("w")
    ok = ~np.isnat(d)
    np.testing.assert_array_equal(got.to_numpy(zero_copy_only=False)[ok].astype(bool), CN.is_workday(d[ok]))
    assert got.null_count == int((~ok).sum()) > 0
    sql = ", ".join(f"is_workday(DATE '{d}')" for d in MAKEUP_SATURDAYS)
    assert row(con, f"SELECT {sql}, is_workday(DATE '2026-10-11')") == (True, True, False)


def test_workdays_between_is_the_numpy_paths_with_nulls(con: Any) -> None:
    t = ordered(con, "SELECT row, da, db, workdays_between(da, db) AS k FROM data")
    a, b = np_col(t, "da"), np_col(t, "db")
    both = ~np.isnat(a) & ~np.isnat(b)
    k = t.column("k")
    assert k.type == pa.int64()
    np.testing.assert_array_equal(k.to_numpy(zero_copy_only=False)[both], CN.workdays_between(a[both], b[both]))
    assert k.null_count == int((~both).sum()) > 0


def test_working_time_between_is_an_interval_of_the_numpy_paths_working_time(con: Any) -> None:
    t = durations(ordered(con, "SELECT row, a, b, working_time_between(a, b) AS w FROM data"))
    a, b = np_col(t, "a"), np_col(t, "b")
    both = ~np.isnat(a) & ~np.isnat(b)
    got = t.column("w").to_numpy()
    np.testing.assert_array_equal(got[both], CN_HOURS.working_time_between(a[both], b[both]).astype("m8[us]"))
    assert np.isnat(got[~both]).all()
    assert (~both).sum() > 0


def test_null_in_null_out_for_every_function(con: Any) -> None:
    got = row(
        con,
        "SELECT sla_deadline(NULL, '5个工作日'), sla_deadline(TIMESTAMP '2026-10-09 10:00', NULL), "
        "sla_deadline_tz(NULL, '1日'), workday_add(NULL, 1), workday_add(DATE '2026-10-09', NULL), "
        "is_workday(NULL), workdays_between(DATE '2026-10-09', NULL), "
        "working_time_between(NULL, TIMESTAMP '2026-10-09'), "
        "sla_due('desk', 'resolution', NULL)",
    )
    assert got == (None,) * 9


# --- errors reach SQL with slaclock's message ----------------------------------------------------------------------


def message(exc: SlaclockError) -> str:
    return f"{type(exc).__name__}: {exc}"


def test_past_the_official_data_fails_the_query_with_the_slaclock_message(con: Any) -> None:
    with pytest.raises(CalendarHorizonError) as expected:
        io.is_workday(pa.array(np.array(["2027-06-01"], "datetime64[D]")), calendar=CN_HOURS)
    with pytest.raises(duckdb.InvalidInputException) as got:
        con.sql("SELECT is_workday(DATE '2027-06-01')").fetchall()
    assert message(expected.value) in str(got.value)
    with pytest.raises(CalendarHorizonError) as expected:
        io.deadline(pa.array(np.array(["2026-12-28T10:00"], "datetime64[us]")), "5个工作日", calendar=CN_HOURS)
    with pytest.raises(duckdb.InvalidInputException) as got:
        con.sql("SELECT sla_deadline(TIMESTAMP '2026-12-28 10:00', '5个工作日')").fetchall()
    assert message(expected.value) in str(got.value)


def test_a_bad_period_is_refused_with_the_parsers_message(con: Any) -> None:
    with pytest.raises(PeriodParseError) as expected:
        sc.period("5个工做日")
    with pytest.raises(duckdb.InvalidInputException) as got:
        con.sql("SELECT sla_deadline(a, '5个工做日') FROM data").fetchall()
    assert message(expected.value) in str(got.value)


def test_a_projected_calendar_warns_with_one_text_per_function_not_per_vector() -> None:
    c = duckdb.connect()
    projected = sc.calendar("CN", horizon="projected")
    sd.register(c, calendar=projected, prefix="p_")
    with pytest.warns(ProvisionalWarning) as caught:
        got = c.sql("SELECT p_is_workday(DATE '2027-01-01' + i::INT) FROM range(5000) r(i)").fetchall()
    texts = {str(w.message) for w in caught}
    assert len(caught) == 3  # one call per vector, each read projected days...
    assert texts == {
        "p_is_workday: some results read the CN days past the official data (ends 2026-12-31): "
        "statutory holidays only, without the makeup workdays not yet announced; they are provisional"
    }
    days = np.datetime64("2027-01-01") + np.arange(5000)
    with pytest.warns(ProvisionalWarning):
        assert [r[0] for r in got] == projected.is_workday(days).tolist()


def test_working_time_on_a_calendar_without_hours_is_refused_clearly() -> None:
    c = duckdb.connect()
    sd.register(c, calendar="CN")
    with pytest.raises(duckdb.InvalidInputException, match="no working hours"):
        c.sql("SELECT working_time_between(TIMESTAMP '2026-10-09 10:00', TIMESTAMP '2026-10-12 10:00')").fetchall()


# --- register ------------------------------------------------------------------------------------------------------


def test_registering_again_replaces_and_a_prefix_namespaces() -> None:
    c = duckdb.connect()
    sat = "SELECT is_workday(DATE '2026-10-10')"
    sd.register(c, calendar="CN")
    assert row(c, sat) == (True,)
    assert sd.register(c, calendar="HK")[3] == "is_workday"  # replaced, not refused
    assert row(c, sat) == (False,)  # Hong Kong has no makeup Saturdays
    names = sd.register(c, calendar="CN", prefix="cn_")
    assert all(n.startswith("cn_") for n in names)
    assert row(c, "SELECT cn_is_workday(DATE '2026-10-10'), is_workday(DATE '2026-10-10')") == (True, False)
    other = duckdb.connect()
    with pytest.raises(duckdb.CatalogException):  # functions belong to their connection
        other.sql(sat).fetchall()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"con": "duckdb"}, "con must be a DuckDB connection"),
        ({"calendar": 8}, "calendar must be a WorkCalendar or a region name"),
        ({"calendar": "XX"}, "XX"),
        ({"prefix": "1x"}, "prefix must be empty or an SQL name"),
        ({"prefix": "a b"}, "prefix must be empty or an SQL name"),
        ({"contracts": [desk()]}, "contracts must map names to Contract objects"),
        ({"contracts": {"desk": "desk"}}, r"contracts\['desk'\] must be a Contract"),
        ({"contracts": {"": desk()}}, "a name must be non-empty text"),
    ],
)
def test_register_refuses_bad_arguments(kwargs: dict[str, object], match: str) -> None:
    args: dict[str, object] = {"con": duckdb.connect()} | kwargs
    with pytest.raises(SlaclockError, match=match):
        sd.register(args.pop("con"), **args)


# --- contracts in SQL ----------------------------------------------------------------------------------------------


def test_sla_due_equals_evaluates_due_for_a_one_period_clause(con: Any, in_memory: pa.Table) -> None:
    got = con.sql(
        "SELECT ticket, sla_due('desk', 'resolution', received) AS due FROM tickets ORDER BY ticket"
    ).to_arrow_table()
    wall = pc.local_timestamp(in_memory.column("resolution.due"))  # in_memory is in ticket order, as is got
    assert got.column("due").equals(wall)


def test_sla_due_takes_several_contracts_and_clauses_in_one_column() -> None:
    other = sc.Contract(
        "quick", [sc.Clause("fix", "2个工作日", starts_on="received", met_by="solved")], events=["received"]
    )
    c = duckdb.connect()
    sd.register(c, contracts={"desk": desk(), "quick": other})
    t = pa.table(
        {
            "k": ["desk", "quick", "desk", "quick", None],
            "cl": ["resolution", "fix", "resolution", "fix", "fix"],
            "ts": np.array(["2026-09-30T10:00", "2026-09-30T10:00", "2026-10-09T10:00", "NaT", "2026-10-09"], "M8[us]"),
        }
    )
    got = c.sql("SELECT sla_due(k, cl, ts) FROM t").fetchall()
    five = sc.deadlines(t.column("ts").to_numpy(), "5个工作日", calendar=desk().calendar_for()).due
    two = sc.deadlines(t.column("ts").to_numpy(), "2个工作日", calendar=other.calendar_for()).due
    assert [r[0] for r in got] == [five[0].item(), two[1].item(), five[2].item(), None, None]


@pytest.mark.parametrize(
    ("sql", "error", "match"),
    [
        ("sla_due('desk', 'first_reply', received)", InvalidInputError, "a target table"),
        ("sla_due('desk', 'feedback', received)", InvalidInputError, "is a window clause, not a deadline"),
        ("sla_due('desks', 'resolution', received)", InvalidInputError, "no contract 'desks' was registered"),
        ("sla_due('desk', 'resolutoin', received)", ContractError, "has no clause 'resolutoin'"),
    ],
)
def test_sla_due_refuses_what_needs_the_whole_case(con: Any, sql: str, error: type, match: str) -> None:
    with pytest.raises(duckdb.InvalidInputException, match=f"{error.__name__}: .*{match}"):
        con.sql(f"SELECT {sql} FROM tickets LIMIT 5").fetchall()


# --- evaluate ------------------------------------------------------------------------------------------------------


def test_evaluate_200000_tickets_equals_in_memory_evaluate_on_every_column(con: Any, in_memory: pa.Table) -> None:
    expected = in_memory.drop_columns(["team"])
    result = sd.evaluate(con, "SELECT * FROM tickets", desk(), now=NOW, keep=["ticket"])
    assert_same_result(expected, durations(result.to_arrow_table()))


def test_evaluate_reads_as_sql_and_again(con: Any, in_memory: pa.Table) -> None:
    result = sd.evaluate(con, "SELECT * FROM tickets", desk(), now=NOW, keep=["team"], batch_size=30_000)  # noqa: F841
    sql = (
        "SELECT team, count(*) FILTER (WHERE \"resolution.state\" = 'breached') AS breached, count(*) AS n "
        "FROM result GROUP BY team ORDER BY team"
    )
    got = con.sql(sql).fetchall()
    mem = in_memory
    state = mem.column("resolution.state").cast(pa.string()).to_numpy(zero_copy_only=False)
    team = mem.column("team").to_numpy(zero_copy_only=False)
    assert got == [(t, int(((team == t) & (state == "breached")).sum()), int((team == t).sum())) for t in ("a", "b")]
    assert con.sql(sql).fetchall() == got  # a second read runs the stream again


def test_evaluate_a_relation_over_a_temporary_table() -> None:
    c = duckdb.connect()
    tix = tickets(20_000)  # noqa: F841 - read by name below
    c.sql("CREATE TEMP TABLE tmp AS SELECT * FROM tix")
    with pytest.raises(InvalidInputError, match="pass a relation"):
        sd.evaluate(c, "SELECT * FROM tmp", desk(), now=NOW)  # a cursor does not see the temporary table
    result = sd.evaluate(c, c.sql("SELECT * FROM tmp WHERE team = 'a'"), desk(), now=NOW, keep=["ticket"])
    t = tickets(20_000)
    expected = desk().evaluate(t.filter(pc.equal(t.column("team"), "a")), now=NOW, keep=["ticket"])
    assert_same_result(expected, durations(result.to_arrow_table()))
    assert result.query("r", "SELECT count(*) FROM r").fetchall() == [(expected.num_rows,)]
    assert row(c, "SELECT 1") == (1,)  # the source's connection is free again


def test_evaluate_refuses_bad_input_before_any_query(con: Any) -> None:
    with pytest.raises(InvalidInputError, match="con must be a DuckDB connection"):
        sd.evaluate("con", "SELECT 1", desk(), now=NOW)
    with pytest.raises(InvalidInputError, match="contract must be a Contract"):
        sd.evaluate(con, "SELECT * FROM tickets", "desk", now=NOW)
    with pytest.raises(InvalidInputError, match="source must be SQL text or a DuckDB relation"):
        sd.evaluate(con, tickets(3), desk(), now=NOW)
    with pytest.raises(InvalidInputError, match="one SELECT statement"):
        sd.evaluate(con, "DROP TABLE tickets", desk(), now=NOW)
    with pytest.raises(InvalidInputError, match="one SELECT statement"):
        sd.evaluate(con, "SELECT 1; SELECT 2", desk(), now=NOW)
    with pytest.raises(InvalidInputError, match="batch_size"):
        sd.evaluate(con, "SELECT * FROM tickets", desk(), now=NOW, batch_size=0)
    with pytest.raises(InvalidInputError, match=r"log must be SQL text .* or a pyarrow Table"):
        sd.evaluate(con, "SELECT * FROM tickets", desk(), now=NOW, log=con.sql("SELECT 1"))
    with pytest.raises(InvalidInputError, match="pauses must be one SELECT statement"):
        sd.evaluate(con, "SELECT * FROM tickets", desk(), now=NOW, pauses="DELETE FROM tickets")
    with pytest.raises(InvalidInputError, match="no column 'replied'"):  # found from the schema alone
        sd.evaluate(con, "SELECT ticket, received FROM tickets", desk(), now=NOW)
    assert row(con, "SELECT count(*) FROM tickets") == (200_000,)


def test_an_error_while_reading_fails_the_query_with_the_slaclock_message() -> None:
    c = duckdb.connect()
    none = pa.nulls(10, pa.timestamp("us"))
    late = pa.table(
        {"received": np.full(10, "2027-03-01T10:00", "M8[us]"), "replied": none, "solved": none, "feedback_given": none}
    ).append_column("priority", pa.array(["P1"] * 10))
    with pytest.raises(CalendarHorizonError) as expected:
        desk().evaluate(late, now="2027-03-02T00:00")
    c.sql("CREATE TABLE late AS SELECT * FROM late")
    result = sd.evaluate(c, "SELECT * FROM late", desk(), now="2027-03-02T00:00")
    with pytest.raises(duckdb.Error) as got:
        result.fetchall()
    assert str(expected.value) in str(got.value)


def test_a_log_by_key_streams_beside_the_cases_as_in_memory() -> None:
    c, contract = duckdb.connect(), recurring_desk()
    t, log, _ = cases(3_000)
    c.sql("CREATE TABLE cases AS SELECT * FROM t")
    c.sql("CREATE TABLE log AS SELECT * FROM log")
    whole = contract.evaluate(t, now=LOG_NOW, log=log, key="ticket", keep=["ticket"], ignore_pauses=True)
    options: dict[str, Any] = {"now": LOG_NOW, "key": "ticket", "keep": ["ticket"], "ignore_pauses": True}
    result = sd.evaluate(
        c,
        "SELECT * FROM cases ORDER BY ticket",
        contract,
        log='SELECT * FROM log ORDER BY ticket, "at"',
        batch_size=500,
        **options,
    )
    got = durations(result.to_arrow_table())
    assert_same_result(whole, got)
    assert pc.max(got.column("progress.cycles")).as_py() > 1  # recurring clauses did recur
    unordered = sd.evaluate(c, "SELECT * FROM cases ORDER BY ticket DESC", contract, log="SELECT * FROM log", **options)
    with pytest.raises(duckdb.Error, match="not in increasing order of 'ticket'"):
        unordered.fetchall()


def test_a_log_by_row_and_pauses_stream_beside_ordered_cases_as_in_memory() -> None:
    c, contract = duckdb.connect(), recurring_desk()
    t, log, pauses = cases(2_000, seed=2)
    positions = np.searchsorted(np.asarray(t.column("ticket")), np.asarray(log.column("ticket")))
    by_row = pa.table({"row": positions, "event": log.column("event"), "at": log.column("at")})
    c.sql("CREATE TABLE cases AS SELECT * FROM t")
    c.sql("CREATE TABLE pauses AS SELECT * FROM pauses")
    whole = contract.evaluate(t, now=LOG_NOW, log=by_row, pauses=pauses, keep=["ticket"])
    result = sd.evaluate(
        c,
        "SELECT * FROM cases ORDER BY ticket",
        contract,
        now=LOG_NOW,
        log=by_row,
        pauses="SELECT * FROM pauses ORDER BY row",
        keep=["ticket"],
        batch_size=300,
    )
    got = durations(result.to_arrow_table())
    assert_same_result(whole, got)
    assert got.column("resolution.state").to_pylist().count("paused") > 0
    assert durations(result.to_arrow_table()).equals(got)  # read again: the Table and the query are read afresh
