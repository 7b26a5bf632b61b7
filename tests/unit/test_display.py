"""Notebook displays: the HTML reprs (parsed, escaped), the short reprs, ``to_frame`` and ``Deadlines[i]``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

import slaclock as sc
from tests.helpers.cases import chatty_case

VOID = {"br", "hr", "img", "meta", "link", "input", "col", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def all(self, tag: str) -> list[Node]:
        found = [self] if self.tag == tag else []
        for c in self.children:
            found += c.all(tag)
        return found

    def deep_text(self) -> str:
        return self.text + "".join(c.deep_text() for c in self.children)


class Strict(HTMLParser):
    """A tree of the markup; fails on an unclosed or mismatched tag, a script, a style sheet or an event handler."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag not in ("script", "style", "iframe", "object"), tag
        assert not any(name.startswith("on") for name, _ in attrs), attrs
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].text += data


def parse(markup: str) -> Node:
    p = Strict()
    p.feed(markup)
    p.close()
    assert p.stack == [p.root], f"unclosed: {[n.tag for n in p.stack[1:]]}"
    return p.root


def classes(node: Node) -> set[str]:
    return set(node.attrs.get("class", "").split())


# -- the calendar's month grid ---------------------------------------------------------------------------


def test_month_grid_of_october_2026_has_the_national_day_arrangement() -> None:
    cal = sc.calendar("CN")
    tree = parse(cal.month_html(2026, 10))
    (grid,) = tree.all("table")
    head = grid.all("th")
    assert [h.deep_text() for h in head] == ["一", "二", "三", "四", "五", "六", "日"]
    rows = grid.all("tbody")[0].all("tr")
    assert all(len(r.all("td")) == 7 for r in rows)  # a grid of 7 columns, every week whole
    cells = [td for r in rows for td in r.all("td")]
    days = {int(td.deep_text().rstrip("休班")): td for td in cells if td.deep_text()}
    assert sorted(days) == list(range(1, 32))
    assert cells.index(days[1]) == 3  # 2026-10-01 is a Thursday: three blank cells before it
    # CALENDAR_FACTS 2026: 国庆 10-01..10-07 off; Saturday 10-10 worked (and Sunday 09-20, in September)
    kinds = {d: classes(td) for d, td in days.items()}
    for d in range(1, 8):
        assert kinds[d] & {"holiday", "transferred_rest", "weekend"}, (d, kinds[d])
    assert kinds[1] == kinds[2] == kinds[3] == {"holiday"}
    assert kinds[5] == kinds[6] == kinds[7] == {"transferred_rest"}
    assert kinds[10] == {"makeup_workday"}
    assert days[10].deep_text() == "10班"
    assert days[1].deep_text() == "1休"
    assert kinds[8] == kinds[9] == {"workday"}
    assert kinds[11] == {"weekend"}
    assert days[1].attrs["title"].startswith("国庆节")
    assert "调至2026-10-07休息" in days[10].attrs["title"]
    assert sum("provisional" in k for k in kinds.values()) == 0


def test_month_grid_of_september_2026_shows_the_worked_sunday_and_mid_autumn() -> None:
    tree = parse(sc.calendar("CN").month_html(2026, 9, lang="en"))
    cells = {td.deep_text().split()[0]: td for td in tree.all("td") if td.deep_text()}
    assert classes(cells["20"]) == {"makeup_workday"}
    assert cells["20"].deep_text() == "20 work"
    assert classes(cells["25"]) == {"holiday"}
    assert "Mid-Autumn" in cells["25"].attrs["title"]
    assert [h.deep_text() for h in tree.all("th")][:2] == ["Mon", "Tue"]
    assert "September 2026" in tree.deep_text()


def test_the_calendars_display_shows_the_latest_official_month_with_a_holiday() -> None:
    cal = sc.calendar("CN")
    assert cal._repr_html_() == cal.month_html(2026, 10)  # deterministic: from the data, never from today
    assert "2026年10月" in parse(cal._repr_html_()).deep_text()


def test_closures_and_projected_days_have_their_own_look() -> None:
    cal = sc.calendar("CN", closures={"2026-09-30": "<b>shutdown</b>"}, horizon="projected")
    tree = parse(cal.month_html(2026, 9))
    (closed,) = [td for td in tree.all("td") if td.deep_text().startswith("30")]
    assert classes(closed) == {"closure"}
    assert "<b>shutdown</b>" in closed.attrs["title"]
    projected = parse(cal.month_html(2027, 10))
    kinds = [classes(td) for td in projected.all("td") if td.deep_text()]
    assert len(kinds) == 31
    assert all("provisional" in k for k in kinds)
    assert {"holiday", "provisional"} in kinds  # 国庆 2027 from the statutory rule, marked


@pytest.mark.parametrize(
    ("year", "month", "error"),
    [
        (2026, 13, sc.InvalidInputError),
        ("2026", 1, sc.InvalidInputError),
        (2027, 1, sc.CalendarHorizonError),  # official data ends 2026-12-31
        (2003, 12, sc.CalendarHorizonError),
    ],
)
def test_month_html_refuses_bad_months(year: object, month: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"month|outside"):
        sc.calendar("CN").month_html(year, month)  # type: ignore[arg-type]


def test_a_hostile_calendar_name_is_escaped() -> None:
    hostile = "<script>alert(1)</script>"
    cal = sc.custom_calendar(
        holidays={"2026-05-01": hostile}, first="2026-01-01", last="2026-12-31", tz="UTC", name=hostile
    )
    markup = cal._repr_html_()
    assert "<script>" not in markup
    assert markup.count("&lt;script&gt;") == 2
    titles = [td.attrs["title"] for td in parse(markup).all("td") if td.deep_text() == "1休"]
    assert titles == [hostile + " · 法定节假日"]


# -- short reprs -------------------------------------------------------------------------------------------


def test_calendar_and_hours_reprs_are_short_and_say_what_they_are() -> None:
    cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
    assert repr(cal) == (
        "<WorkCalendar CN Asia/Shanghai, official 2004-01-01..2026-12-31, hours 09:00-12:00,13:30-18:00>"
    )
    assert repr(cal.hours) == "<WorkingHours 09:00-12:00,13:30-18:00>"
    hk = sc.calendar("HK", closures={"2026-09-01": "typhoon"}, horizon="projected")
    assert repr(hk) == (
        "<WorkCalendar HK Asia/Hong_Kong, official 2004-01-01..2026-12-31, projected to 2056-12-31, general list, "
        "1 closure>"
    )
    many = sc.working_hours("09:00-18:00", dates={dt.date(2026, 10, d): "09:00-15:00" for d in range(1, 31)})
    assert repr(many).endswith("; 27 more dates>")
    assert len(repr(many)) < 160


# -- Deadlines[i]: a row as the scalar engine gives it ---------------------------------------------------------


def _generated_starts(n: int, seed: int) -> list[dt.datetime | None]:
    """Instants over 2025-2026 with the makeup Saturdays and Sundays, the eves of holidays and a missing one."""
    import random

    rng = random.Random(seed)
    special = [dt.date(2026, 2, 14), dt.date(2026, 2, 28), dt.date(2026, 5, 9), dt.date(2026, 9, 20),
               dt.date(2026, 10, 10), dt.date(2025, 9, 28), dt.date(2025, 10, 11), dt.date(2026, 9, 30),
               dt.date(2026, 12, 31)]  # fmt: skip
    out: list[dt.datetime | None] = []
    for k in range(n):
        day = special[k % len(special)] if k % 3 == 0 else dt.date(2025, 1, 1) + dt.timedelta(rng.randrange(700))
        out.append(dt.datetime.combine(day, dt.time(rng.randrange(24), rng.choice((0, 30)))))
    out[5] = None
    return out


def _same_row(d: sc.Deadlines, k: int, one: sc.Deadline) -> None:
    import numpy as np

    assert np.datetime64(one.due.replace(tzinfo=None), "us") == d.due[k], k
    assert np.datetime64(one.last_day, "D") == d.last_day[k], k
    assert one.provisional == bool(d.provisional[k]), k


@pytest.mark.parametrize("period", ["5个工作日", "7日", "1个月", "24小时", "1个工作日"])
def test_a_row_is_the_scalar_deadline_of_its_start(period: str) -> None:
    import numpy as np

    cal = sc.calendar("CN")
    starts = [s for s in _generated_starts(60, seed=len(period)) if s is None or s.date() < dt.date(2026, 11, 1)]
    d = sc.deadlines(np.array(starts, dtype="datetime64[us]"), period, calendar=cal)
    for k, start in enumerate(starts):
        one = d[k]
        if start is None:
            assert one is None
            continue
        assert one is not None
        assert one == sc.deadline(start, period, calendar=cal)
        assert one.explain() == sc.deadline(start, period, calendar=cal).explain()
        assert one.steps("en")
        _same_row(d, k, one)
    assert d[-1] == d[len(d) - 1]


def test_rows_of_a_makeup_saturday_explain_it() -> None:
    d = sc.deadlines(["2026-10-09", "2026-10-10"], "2个工作日", calendar="CN")  # Fri, then the makeup Saturday
    assert [d[0].last_day, d[1].last_day] == [dt.date(2026, 10, 12), dt.date(2026, 10, 13)]
    assert "调休上班" in d[0].explain()
    assert "makeup workday" in d[0].explain("en")


def test_provisional_rows_are_provisional_and_warn_as_the_scalar_does() -> None:
    cal = sc.calendar("CN", horizon="projected")
    starts = ["2026-12-01", "2026-12-24", "2027-01-04"]
    with pytest.warns(sc.ProvisionalWarning):
        d = sc.deadlines(starts, "10个工作日", calendar=cal)
    assert list(d.provisional) == [False, True, True]
    assert d[0] is not None
    assert not d[0].provisional
    for k in (1, 2):
        with pytest.warns(sc.ProvisionalWarning):
            one = d[k]
        with pytest.warns(sc.ProvisionalWarning):
            assert one == sc.deadline(starts[k], "10个工作日", calendar=cal)
        assert one is not None
        assert one.provisional
        _same_row(d, k, one)


def test_rows_per_row_periods_calendars_utc_and_notices() -> None:
    import numpy as np

    starts = np.array(["2026-09-30T20:00", "2026-10-09T09:00", "2026-10-10T08:00"], dtype="datetime64[us]")
    periods = ["5个工作日", "24小时", "3日"]
    d = sc.deadlines(starts, periods, calendar=["CN", "HK", "CN"], calendars={"CN": "CN", "HK": "HK"})
    for k in range(3):
        cal = sc.calendar(["CN", "HK", "CN"][k])
        assert d[k] == sc.deadline(starts[k], periods[k], calendar=cal)
        _same_row(d, k, d[k])  # type: ignore[arg-type]
    u = sc.deadlines(starts, "24小时", calendar="CN", utc=True)  # naive starts are UTC instants
    aware = dt.datetime(2026, 9, 30, 20, 0, tzinfo=dt.UTC)
    assert u[0] == sc.deadline(aware, "24小时", calendar="CN")
    assert u[0].due == sc.deadline(aware, "24小时", calendar="CN").due  # type: ignore[union-attr]
    ends = ["2026-10-31", "2026-10-12"]
    notice = sc.notice_deadlines(ends, "提前5个工作日", calendar="CN")
    assert [notice[k] for k in range(2)] == [sc.notice_deadline(e, "提前5个工作日", calendar="CN") for e in ends]
    assert notice[1].kind == "before"  # type: ignore[union-attr]


def test_rows_of_dataframe_columns() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    starts = pd.Series(pd.to_datetime(["2026-09-30 20:00", "2026-10-10 09:00"]), index=[10, 20])
    d = sc.deadlines(starts, "5个工作日", calendar="CN")
    assert d[1] == sc.deadline(dt.datetime(2026, 10, 10, 9), "5个工作日", calendar="CN")
    aware = sc.deadlines(starts.dt.tz_localize("UTC"), "24小时", calendar="CN")
    assert aware[0] == sc.deadline(dt.datetime(2026, 9, 30, 20, tzinfo=dt.UTC), "24小时", calendar="CN")
    p = sc.deadlines(pl.Series("s", [dt.date(2026, 9, 30), None]), "5个工作日", calendar="CN")
    assert p[0] == sc.deadline(dt.date(2026, 9, 30), "5个工作日", calendar="CN")
    assert p[1] is None


def test_bad_rows_are_refused() -> None:
    import numpy as np

    d = sc.deadlines(["2026-09-30", "2026-10-09"], "5个工作日", calendar="CN")
    with pytest.raises(sc.RowIndexError, match=r"row 2 of a Deadlines of 2 rows \(valid: -2..1\)"):
        d[2]
    with pytest.raises(IndexError):
        d[-3]
    with pytest.raises(sc.InvalidInputError, match="integer row or a slice; got '0'"):
        d["0"]  # type: ignore[call-overload]
    with pytest.raises(sc.InvalidInputError, match=r"shape \(1, 2\)"):
        sc.deadlines(np.array([["2026-09-30", "2026-10-09"]], dtype="datetime64[D]"), "1日", calendar="CN")[0]


def test_a_slice_is_a_deadlines_of_those_rows() -> None:
    pd = pytest.importorskip("pandas")
    starts = ["2026-09-28", "2026-09-30", "2026-10-09", "2026-10-10"]
    d = sc.deadlines(starts, "5个工作日", calendar="CN")
    tail = d[1:]
    assert isinstance(tail, sc.Deadlines)
    assert len(tail) == 3
    assert list(tail.last_day) == list(d.last_day[1:])
    assert tail[0] == d[1]
    assert d[::-1][0] == d[3]
    s = sc.deadlines(pd.Series(pd.to_datetime(starts), index=list("abcd")), "5个工作日", calendar="CN")
    assert list(s[2:].last_day.index) == ["c", "d"]
    assert s[2:][0] == s[2]


# -- Deadlines: repr, HTML, to_frame -------------------------------------------------------------------------------


def test_deadlines_repr_is_one_short_line() -> None:
    import numpy as np

    d = sc.deadlines(["2026-09-30", "2026-10-09", None], "5个工作日", calendar="CN")
    assert repr(d) == "<Deadlines 3 rows of 5 workdays on CN: last days 2026-10-13..2026-10-15, 1 missing>"
    big = sc.deadlines(np.full(1_000_000, np.datetime64("2026-10-09", "D")), "5个工作日", calendar="CN")
    assert repr(big) == "<Deadlines 1,000,000 rows of 5 workdays on CN: last day 2026-10-15>"
    rows = sc.deadlines(["2026-09-30T09:00"], ["24小时"], calendar=["HK"], calendars={"CN": "CN", "HK": "HK"})
    assert repr(rows).startswith("<Deadlines 1 row of periods 24 hours on calendars CN, HK: ")
    with pytest.warns(sc.ProvisionalWarning):
        prov = sc.deadlines(["2026-12-24"], "10个工作日", calendar=sc.calendar("CN", horizon="projected"))
    assert repr(prov).endswith(", 1 provisional>")


def test_a_column_of_no_line_of_rows_shows_its_shape_and_each_value_under_its_index() -> None:
    """A 0-d result's repr and HTML raised numpy's TypeError; a 2-d one said "2 rows" and showed element [0, 1]
    as row 1."""
    import numpy as np

    one = sc.deadlines(np.datetime64("2026-09-30T10:00"), "5个工作日", calendar="CN")
    assert repr(one) == "<Deadlines 1 value of shape () of 5 workdays on CN: last day 2026-10-13>"
    assert "2026-10-13" in one._repr_html_()
    starts = [["2026-09-30T10:00", "2026-10-09T10:00", None], ["2026-10-10T10:00", "2026-10-12T10:00", None]]
    grid = sc.deadlines(starts, "5个工作日", calendar="CN")
    assert repr(grid).startswith("<Deadlines 6 values of shape (2, 3) of 5 workdays on CN:")
    cells = [[c.deep_text().strip() for c in row.all("td")] for row in parse(grid._repr_html_()).all("tr")]
    shown = {row[0]: row for row in cells if row and row[0].startswith("(")}
    assert shown["(0, 1)"][1:3] == ["2026-10-09T10:00", "2026-10-16 00:00"]  # the start as given
    assert shown["(1, 0)"][1] == "2026-10-10T10:00"
    assert shown["(0, 2)"][1:] == ["—", "—", "—", ""]
    wide = sc.deadlines(np.full((3, 4), np.datetime64("2026-09-30T10:00")), "5个工作日", calendar="CN")
    assert "first 10 of 12 values" in wide._repr_html_()  # not "d[i] gives row i": d[i] takes one line of rows


def test_a_calendar_of_the_year_9999_is_displayed() -> None:
    cal = sc.custom_calendar("1111100", {"9999-06-01": "x"}, first="9999-01-01", last="9999-12-31", tz="UTC")
    assert "9999" in cal._repr_html_()  # it raised: month_html took years up to 9998
    assert cal.workdays_in_month(9999, 12) == 23  # and these refused the year 9999 (the month after has no date)
    assert cal.nth_workday_of_month(9999, 12, 3) == dt.date(9999, 12, 3)
    short = sc.custom_calendar("1111100", [], first="9999-01-01", last="9999-12-15", tz="UTC")
    with pytest.raises(sc.CalendarHorizonError, match="the end of the month, 10000-01-01: outside"):
        short.workdays_in_month(9999, 12)
    assert cal.month_html(9999, 12).count("<td") >= 31


def test_deadlines_html_shows_a_summary_and_only_the_first_rows() -> None:
    import time

    import numpy as np

    starts = np.arange(np.datetime64("2026-01-05T09:00"), np.datetime64("2026-12-01T09:00"), np.timedelta64(1, "D"))
    big = sc.deadlines(np.resize(starts, 1_000_000), "5个工作日", calendar="CN")
    t0 = time.perf_counter()
    markup = big._repr_html_()
    assert time.perf_counter() - t0 < 0.5  # ten rows formatted, not a million
    tree = parse(markup)
    (summary, head) = tree.all("table")
    assert "1,000,000" in summary.deep_text()
    body = head.all("tbody")[0].all("tr")
    assert len(body) == 10
    assert [th.deep_text() for th in head.all("th")] == ["#", "start", "due", "last day", "provisional"]
    assert [td.deep_text() for td in body[0].all("td")] == [
        "0",
        "2026-01-05 09:00",
        "2026-01-13 00:00",
        "2026-01-12",
        "",
    ]
    assert "first 10 of 1,000,000 rows" in tree.deep_text()
    assert len(markup) < 12_000


def test_deadline_html_has_the_due_and_the_steps() -> None:
    d = sc.deadline("2026-09-30", "5个工作日", calendar="CN")
    tree = parse(d._repr_html_())
    text = tree.deep_text()
    assert "2026-10-13 24:00 (Asia/Shanghai)" in text
    steps = [li.deep_text() for li in tree.all("li")]
    assert steps == d.steps("zh") + d.steps("en")
    with pytest.warns(sc.ProvisionalWarning):
        p = sc.deadline("2026-12-24", "10个工作日", calendar=sc.calendar("CN", horizon="projected"))
    assert "yes: rests on projected days" in parse(p._repr_html_()).deep_text()


@pytest.mark.parametrize("kind", ["pandas", "polars", "arrow"])
def test_deadlines_to_frame(kind: str) -> None:
    pytest.importorskip("pyarrow" if kind == "arrow" else kind)
    starts = ["2026-09-30", "2026-10-10", None]
    d = sc.deadlines(starts, ["5个工作日", "1个工作日", "3日"], calendar="CN")
    frame = d.to_frame(kind)  # type: ignore[arg-type]
    names = list(frame.column_names if kind == "arrow" else frame.columns)
    assert names == ["start", "period", "due", "last_day", "provisional"]
    raw = frame.to_dict("list") if kind == "pandas" else frame.to_dict() if kind == "polars" else frame.to_pydict()
    as_dict = {k: list(v) for k, v in raw.items()}
    assert as_dict["period"] == ["5个工作日", "1个工作日", "3日"]  # as given
    assert [str(x)[:10] for x in as_dict["last_day"][:2]] == ["2026-10-13", "2026-10-12"]
    assert as_dict["provisional"] == [False, False, False]
    assert len(as_dict["start"]) == 3


def test_to_frame_keeps_a_pandas_index_and_converts_between_kinds() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    starts = pd.Series(pd.to_datetime(["2026-09-30 20:00", "2026-10-10 09:00"]), index=["a", "b"], name="received")
    frame = sc.deadlines(starts, "5个工作日", calendar="CN").to_frame()
    assert list(frame.index) == ["a", "b"]
    assert frame.loc["b", "last_day"] == pd.Timestamp("2026-10-16")
    polars = sc.deadlines(starts, "5个工作日", calendar="CN").to_frame("polars")
    assert isinstance(polars, pl.DataFrame)
    assert [str(x)[:10] for x in polars["last_day"].to_list()] == ["2026-10-13", "2026-10-16"]


def test_to_frame_names_the_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    d = sc.deadlines(["2026-09-30"], "5个工作日", calendar="CN")
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    with pytest.raises(sc.InvalidInputError, match=r'needs pandas: pip install "slaclock\[pandas\]"'):
        d.to_frame()
    with pytest.raises(sc.InvalidInputError, match="kind must be 'pandas', 'polars' or 'arrow'; got 'excel'"):
        d.to_frame("excel")  # type: ignore[arg-type]


# -- contracts, cases and statuses -------------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script>"


def _contract() -> sc.Contract:
    return sc.Contract(
        "x",
        [
            sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
            sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved"),
            sc.Clause("reply", "2个工作日", starts_on="received", met_by="replied"),
        ],
        events=["received"],
    )


def test_status_html_is_a_table_with_the_states_coloured() -> None:
    case = _contract().open(received_at="2026-09-30T20:00").record("replied", at="2026-10-08T10:00")
    status = case.status(now="2026-10-09T09:00")
    tree = parse(status._repr_html_())
    (grid,) = tree.all("table")
    assert [th.deep_text() for th in grid.all("th")] == ["条款", "状态", "截止", "剩余/逾期"]
    body = grid.all("tbody")[0].all("tr")
    assert [r.all("td")[0].deep_text() for r in body] == ["ack", "solution", "reply"]
    states = [r.all("td")[1] for r in body]
    assert [classes(s) for s in states] == [{"breached"}, {"running"}, {"met"}]
    assert [s.deep_text() for s in states] == ["已违约", "进行中", "已达成"]
    assert "background:#c00000" in states[0].attrs["style"]  # breached: white on red
    assert "color:#38761d" in states[2].attrs["style"]  # met: green
    assert [r.all("td")[2].deep_text() for r in body] == ["2026-10-01 20:00", "2026-10-13 24:00", "2026-10-09 24:00"]
    assert body[1].all("td")[2].attrs["title"] == status["solution"].explanation
    assert [r.all("td")[3].deep_text() for r in body] == [c.phrase() for c in status.clauses]


def test_clause_status_html_and_reprs() -> None:
    status = _contract().open(received_at="2026-09-30T20:00").status(now="2026-10-02T09:00")
    assert repr(status) == "<Status at 2026-10-02 09:00 Asia/Shanghai: 3 clauses, 1 breached, 2 running>"
    ack = status["ack"]
    assert repr(ack) == "<ClauseStatus ack: breached, due 2026-10-01 20:00, overdue by 13 hours>"
    tree = parse(ack._repr_html_())
    cells = {th.deep_text(): th for th in tree.all("th")}
    assert set(cells) >= {"state", "due", "start", "left / overdue", "explanation"}
    assert "overdue by 13 hours" in tree.deep_text()
    assert classes(tree.all("td")[0]) == {"breached"}


def test_contract_html_lists_its_clauses() -> None:
    c = sc.templates.service_quality_complaint(
        ack=24, investigation=5, proposal=3, standard=10, complex_max=30, escalation_start=2,
        escalation_handling=10, progress_notice=5, solution_notice=2, confirmation=5,
    )  # fmt: skip
    tree = parse(c._repr_html_())
    clauses = tree.all("table")[1]
    body = clauses.all("tbody")[0].all("tr")
    assert [r.all("td")[1].deep_text() for r in body] == list(c.clause_names)
    assert body[0].all("td")[0].deep_text() == "2.3"
    assert body[0].all("td")[4].deep_text() == "received → acknowledged"
    assert repr(c) == (
        "<Contract 'service_quality_complaint': 9 clauses (acknowledgement, investigation, proposal, "
        "standard_handling, … 5 more), calendar CN, civil_code>"
    )


def test_case_html_shows_its_events_and_its_status_as_of_the_last_event() -> None:
    case = _contract().open(received_at="2026-09-30T20:00").record("acknowledged", at="2026-10-01T19:00")
    assert repr(case) == "<Case on 'x' (CN): received 2026-09-30 20:00, 2 events, last acknowledged 2026-10-01 19:00>"
    tree = parse(case._repr_html_())
    events, status = tree.all("table")[1:]
    assert [[td.deep_text() for td in r.all("td")][1:4] for r in events.all("tbody")[0].all("tr")] == [
        ["record", "received", "2026-09-30 20:00"],
        ["record", "acknowledged", "2026-10-01 19:00"],
    ]
    assert "Status as of the last event, 2026-10-01 19:00" in tree.deep_text()
    assert [classes(r.all("td")[1]) for r in status.all("tbody")[0].all("tr")] == [{"met"}, {"running"}, {"running"}]


def test_a_case_of_many_events_lists_the_first_and_the_latest_with_a_count_between() -> None:
    """A recurring clause's 10,001 events made 4.4 MB of HTML, one row each."""
    case = chatty_case(500)
    tree = parse(case._repr_html_())
    events = tree.all("table")[1].all("tbody")[0].all("tr")
    firsts = [r.all("td")[0].deep_text() for r in events]
    assert len(events) == 41
    assert firsts[:10] == [str(i) for i in range(10)]
    assert firsts[10] == "…"
    assert "961 more events" in events[10].deep_text()
    assert firsts[-1] == "1000"  # the latest event, last


def test_a_contract_of_many_clauses_lists_a_hundred_and_counts_the_rest() -> None:
    """2,000 clauses made about 1 MB of HTML for the contract, and again for its status."""
    clauses = [sc.Clause(f"c{i}", "5个工作日", starts_on="received", met_by=f"e{i}") for i in range(150)]
    c = sc.Contract("big", clauses, events=["received"])
    status = c.open(received_at="2026-09-01T10:00").status(now="2026-09-10T10:00")
    for markup in (c._repr_html_(), status._repr_html_()):
        rows = parse(markup).all("table")[-1].all("tbody")[0].all("tr")
        assert len(rows) == 101
        assert "50 more clauses" in rows[-1].deep_text()


def test_a_pause_reason_in_a_case_repr_is_one_short_escaped_line() -> None:
    """A direction override, a newline (a second, forged ``<Case`` line) or a megabyte went into the repr raw."""
    c = sc.Contract(
        "desk",
        [sc.Clause("fix", "5个工作日", starts_on="received", met_by="fixed", pausable=True)],
        events=["received"],
    )
    case = c.open(received_at="2026-09-30T20:00")
    for reason in ("\u202eawaiting customer", "waiting\n<Case on 'other' (CN): 1 event>", "x" * 1_000_000):
        shown = repr(case.pause(reason, at="2026-10-09T09:00"))
        assert shown.isprintable(), shown
        assert len(shown) < 200


def test_a_late_payment_repr_is_one_line_whatever_its_payments() -> None:
    from slaclock import penalties

    payments = [(dt.date(2026, 10, 9) + dt.timedelta(days=i), 1) for i in range(2_000)]
    r = penalties.late_payment(2_000, "2026-10-08", payments, "万分之五", terminate_after=30)
    assert repr(r) == str(r)
    assert repr(r).startswith("<LatePayment 2000.00 due 2026-10-08: 2,000 days overdue, penalty ")
    assert repr(r).endswith("2,000 payments, unpaid 0.00, termination right from 2026-11-08>")


def test_str_of_a_provisional_deadline_says_so() -> None:
    with pytest.warns(sc.ProvisionalWarning):
        d = sc.deadline("2027-09-30", "5个工作日", calendar=sc.calendar("CN", horizon="projected"))
    assert str(d) == "2027-10-08 24:00 (Asia/Shanghai) (provisional)"
    assert "(provisional)" not in d._repr_html_()  # its own row says it (and its steps); the due cell not again


def test_hostile_text_from_a_contract_file_is_escaped(tmp_path: object) -> None:
    import pathlib

    # names are identifiers (a contract or clause called <script> is refused); free text is kept, and escaped
    with pytest.raises(sc.ContractError, match="must be an identifier"):
        sc.Contract(HOSTILE, [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")])
    with pytest.raises(sc.ContractError, match="must be an identifier"):
        sc.Clause(HOSTILE, "24小时", starts_on="received", met_by="acknowledged")
    path = pathlib.Path(str(tmp_path)) / "hostile.toml"
    path.write_text(
        sc.Contract(
            "x",
            [
                sc.Clause("ack", [{"when": {"tier": "gold"}, "period": "2小时"}, {"period": "24小时"}],
                          starts_on="received", met_by="acknowledged", ref=HOSTILE, description_zh=HOSTILE,
                          description_en=f'" onmouseover="{HOSTILE}'),
            ],
            events=["received"],
        ).to_toml(),
        encoding="utf-8",
    )  # fmt: skip
    contract = sc.Contract.load(path)
    case = contract.open(received_at="2026-09-30T20:00", attributes={"tier": HOSTILE})
    for markup in (contract._repr_html_(), case._repr_html_(), case.status(now="2026-10-02T09:00")._repr_html_()):
        assert HOSTILE not in markup
        parse(markup)  # no script, no event handler attribute, every tag closed
    assert "&lt;script&gt;" in contract._repr_html_()
    assert "&lt;script&gt;" in case._repr_html_()


def test_reprs_are_short_and_never_show_raw_seconds() -> None:
    cal = sc.calendar("CN").with_hours("09:00-12:00,13:30-18:00")
    contract = sc.templates.complaint_handling(variant=1)
    case = contract.open(received_at="2026-09-30T20:00", calendar=cal)
    status = case.status(now="2026-10-09T10:00")
    d = sc.deadline("2026-09-30T20:00", "8个工作小时", calendar=cal)
    values = [cal, cal.hours, d, sc.deadlines(["2026-09-30"], "5个工作日", calendar=cal), contract, case, status,
              status.clauses[0], contract.clauses[0], sc.period("5个工作日")]  # fmt: skip
    for v in values:
        text = repr(v)
        assert len(text) <= 240, text
        assert "\n" not in text, text
        assert "32400" not in text, text
        assert type(v).__name__ in text, text
    assert repr(sc.period("5个工作日")) == "Period(5, 'workday')"  # eval-able reprs stay
    namespace = {"Clause": sc.Clause, "Period": sc.Period}
    assert eval(repr(contract.clauses[0]), namespace) == contract.clauses[0]


@pytest.mark.parametrize("kind", ["pandas", "polars", "arrow"])
def test_status_to_frame_has_one_row_per_clause(kind: str) -> None:
    pytest.importorskip("pyarrow" if kind == "arrow" else kind)
    case = _contract().open(received_at="2026-09-30T20:00").record("replied", at="2026-10-08T10:00")
    status = case.status(now="2026-10-09T09:00")
    frame = status.to_frame(kind)  # type: ignore[arg-type]
    raw = frame.to_dict("list") if kind == "pandas" else frame.to_dict() if kind == "polars" else frame.to_pydict()
    got = {k: list(v) for k, v in raw.items()}
    assert got["clause"] == ["ack", "solution", "reply"]
    assert got["state"] == ["breached", "running", "met"]
    assert got["period"] == ["24 hours", "5 workdays", "2 workdays"]
    assert [str(x)[:10] for x in got["last_day"]] == ["2026-10-01", "2026-10-13", "2026-10-09"]
    assert got["left_or_overdue"] == [c.phrase("en") for c in status.clauses]
    assert got["explanation"] == [c.explanation for c in status.clauses]
    assert got["provisional"] == [False, False, False]
    if kind == "pandas":
        assert got["elapsed"][0] == dt.timedelta(hours=24)  # by each clause's unit: time, then workdays
        assert got["elapsed"][1] == status["solution"].elapsed
    else:
        assert got["elapsed"] == [str(c.elapsed) for c in status.clauses]  # mixed units: text
    assert got["due"][2] is not None


def test_a_clause_with_pages_of_description_has_a_short_repr() -> None:
    short = sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged", ref="2.3", description_zh="受理")
    assert eval(repr(short), {"Clause": sc.Clause}) == short  # short: eval-able as before
    long = short.replace(description_zh="条款" * 2000)
    assert repr(long) == "<Clause 'ack': deadline '24小时', received → acknowledged, ref 2.3>"


def test_a_clause_with_a_megabyte_of_description_has_short_html() -> None:
    # the cell held the whole description: a contract, a case and a status of a megabyte each
    c = sc.Contract(
        "x", [sc.Clause("a", "5日", starts_on="r", met_by="d", description_zh="说" * 1_000_000)], events=["r"]
    )
    case = c.open(received_at="2026-10-12T10:00", event="r")
    for page in (c._repr_html_(), case._repr_html_(), case.status(now="2026-10-13T00:00")._repr_html_()):
        assert len(page) < 10_000, len(page)
    assert "说说说… (1,000,000 characters)" in c._repr_html_()


def test_polars_expressions_and_arrow_columns() -> None:
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    expr = sc.deadlines(pl.col("received"), "5个工作日", calendar="CN")
    assert repr(expr) == "<Deadlines of 5 workdays on CN: polars expressions due, last_day, provisional>"
    assert "no rows until run" in parse(expr._repr_html_()).deep_text()
    with pytest.raises(sc.InvalidInputError, match="polars expressions"):
        expr[0]
    with pytest.raises(sc.InvalidInputError, match="polars expressions"):
        expr.to_frame()
    arrow = sc.deadlines(pa.array([dt.date(2026, 9, 30), None]), "5个工作日", calendar="CN")
    assert repr(arrow) == "<Deadlines 2 rows of 5 workdays on CN: last day 2026-10-13, 1 missing>"
    assert arrow[0] == sc.deadline(dt.date(2026, 9, 30), "5个工作日", calendar="CN")
    assert arrow[1] is None
    assert isinstance(arrow[:1].last_day, pa.Array)
    rows = parse(arrow._repr_html_()).all("table")[1].all("tbody")[0].all("tr")
    assert [td.deep_text() for td in rows[1].all("td")] == ["1", "—", "—", "—", ""]


def test_clauses_without_a_status_are_said_not_skipped() -> None:
    c = sc.Contract(
        "x",
        [sc.Clause("m", "1个月", starts_on="received", met_by="done", pausable=True),
         sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
        events=["received"],
    )  # fmt: skip
    status = c.open(received_at="2026-09-30T20:00").pause("wait", at="2026-10-02T10:00").status(now="2026-10-03T10:00")
    assert repr(status) == "<Status at 2026-10-03 10:00 Asia/Shanghai: 1 clause, 1 breached, 1 not evaluated>"
    rows = parse(status._repr_html_()).all("tbody")[0].all("tr")
    assert [classes(r.all("td")[1]) for r in rows] == [{"breached"}, {"not_supported"}]
    assert "pausing a month period is not supported" in rows[1].deep_text()
    frame = status.to_frame()
    assert list(frame["clause"]) == ["ack"]  # a row per clause with a status


def test_status_html_in_english_and_traditional_characters() -> None:
    from slaclock._contracts.display import status_html

    c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")], events=["received"])
    hk = c.open(received_at="2026-09-30T20:00", calendar=sc.calendar("HK")).status(now="2026-10-02T09:00")
    assert "違約" in parse(hk._repr_html_()).deep_text()  # the Chinese of an HK calendar is traditional
    en = parse(status_html(hk, "en"))
    assert [th.deep_text() for th in en.all("th")] == ["clause", "state", "due", "left / overdue"]
    assert en.all("td")[1].deep_text() == "breached"


def test_a_clause_status_repr_says_each_thing_once() -> None:
    status = _contract().open(received_at="2026-09-30T20:00").record("solved", at="2026-10-09T10:00")
    now = status.status(now="2026-10-09T11:00")
    assert repr(now["solution"]) == "<ClauseStatus solution: met, due 2026-10-13 24:00, done at 2026-10-09 10:00>"
    later = _contract().open(received_at="2026-09-30T20:00").status(now="2026-09-30T21:00")
    assert repr(later["ack"]) == "<ClauseStatus ack: running, due 2026-10-01 20:00, 23 hours left>"
