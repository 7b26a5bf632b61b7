"""slaclock.plot: the year heat-map, the case timeline and the report plot, rendered to PNG and read back."""

from __future__ import annotations

import datetime as dt
import re
import struct
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import slaclock as sc
from slaclock import plot
from slaclock._demo import seed_001
from slaclock._plot import common, timeline
from tests.helpers.cases import chatty_case

matplotlib = pytest.importorskip("matplotlib")
from matplotlib import dates as mdates  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.image import imread  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) from the PNG header: the signature, then IHDR."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def rendered(fig: Figure, path: Path, dpi: int = 50) -> tuple[int, int]:
    fig.savefig(path, dpi=dpi)
    width, height = png_size(path)
    assert imread(path).shape[:2] == (height, width)  # a PNG matplotlib itself reads back
    assert (width, height) == (round(fig.get_figwidth() * dpi), round(fig.get_figheight() * dpi))
    return width, height


def cells(fig: Figure) -> dict[str, Rectangle]:
    return {p.get_gid(): p for p in fig.axes[0].patches if isinstance(p, Rectangle) and p.get_gid()}


def legend_colour(fig: Figure, starts: str) -> tuple[float, ...]:
    legend = fig.axes[0].get_legend()
    for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
        if text.get_text().startswith(starts):
            return tuple(handle.get_facecolor())
    raise AssertionError(f"no legend entry {starts!r}: {[t.get_text() for t in legend.get_texts()]}")


def mark(fig: Figure, cell: Rectangle) -> str | None:
    """The text drawn in a cell's middle, if any."""
    cx, cy = cell.get_x() + cell.get_width() / 2, cell.get_y() + cell.get_height() / 2
    found = [t.get_text() for t in fig.axes[0].texts if np.allclose(t.get_position(), (cx, cy))]
    assert len(found) <= 1
    return found[0] if found else None


# -- the year ------------------------------------------------------------------------------------


def test_a_year_is_one_cell_per_day_coloured_by_its_kind(tmp_path: Path) -> None:
    fig = sc.calendar("CN").plot_year(2026)
    by_day = cells(fig)
    assert len(by_day) == 365
    assert min(by_day) == "2026-01-01"
    assert max(by_day) == "2026-12-31"
    holiday = legend_colour(fig, "holiday")
    makeup = legend_colour(fig, "makeup workday")
    workday = legend_colour(fig, "workday")
    weekend = legend_colour(fig, "weekend")
    colour = {d: tuple(p.get_facecolor()) for d, p in by_day.items()}
    # CALENDAR_FACTS 2026: 国庆 10-01..10-07 off, Sunday 09-20 and Saturday 10-10 worked; 09-28 is a plain Monday
    assert colour["2026-10-01"] == colour["2026-10-07"] == holiday
    assert colour["2026-09-20"] == colour["2026-10-10"] == colour["2026-02-14"] == makeup
    assert colour["2026-09-28"] == colour["2026-10-08"] == workday
    assert colour["2026-10-04"] == colour["2026-10-11"] == weekend
    # marks (no CJK font here: R and W; with one, 休 and 班): the holiday, the makeup days, and the Sunday
    # inside National Day's days off (共7天); not an ordinary weekend or workday
    rest, work = ("休", "班") if common.cjk_font() is not None else ("R", "W")
    assert mark(fig, by_day["2026-10-01"]) == rest
    assert mark(fig, by_day["2026-10-04"]) == rest
    assert mark(fig, by_day["2026-09-20"]) == mark(fig, by_day["2026-10-10"]) == work
    assert mark(fig, by_day["2026-10-11"]) is None
    assert mark(fig, by_day["2026-09-28"]) is None
    # weeks as columns, Monday on top: 2026-10-01 is a Thursday, a row below Wednesday 09-30
    assert by_day["2026-10-01"].get_y() - by_day["2026-09-30"].get_y() == pytest.approx(1)
    assert by_day["2026-10-05"].get_x() - by_day["2026-10-01"].get_x() == pytest.approx(1)
    assert "248 workdays" in fig.axes[0].get_title(loc="left")
    width, height = rendered(fig, tmp_path / "year.png")
    assert width > 3 * height


def test_a_leap_year_and_a_projected_year() -> None:
    assert len(cells(sc.calendar("CN").plot_year(2024))) == 366
    with pytest.warns(sc.ProvisionalWarning, match="plot_year 2027: 365 days") as caught:
        fig = sc.calendar("CN", horizon="projected").plot_year(2027)
    assert len(caught) == 1
    assert all(p.get_hatch() == "////" for p in cells(fig).values())
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()][-1] == "provisional"
    assert "provisional after 2026-12-31" in fig.axes[0].get_title(loc="left")
    # the official year has no hatch and no warning
    assert not any(p.get_hatch() for p in cells(sc.calendar("CN", horizon="projected").plot_year(2026)).values())


def test_a_calendar_s_own_closures_and_extra_workdays_and_a_custom_span() -> None:
    cal = sc.calendar("CN", closures={"2026-03-02": "typhoon"}, extra_workdays={"2026-03-07": "stocktake"})
    fig = cal.plot_year(2026)
    by_day = cells(fig)
    assert tuple(by_day["2026-03-02"].get_facecolor()) == legend_colour(fig, "closure")
    assert tuple(by_day["2026-03-07"].get_facecolor()) == legend_colour(fig, "extra workday")
    assert mark(fig, by_day["2026-03-02"]) == "×"
    shop = sc.custom_calendar("1111100", {}, first="2026-02-15", last="2026-03-31", tz="Asia/Shanghai", name="shop")
    by_day = cells(shop.plot_year(2026))
    assert len(by_day) == 45
    assert min(by_day) == "2026-02-15"
    assert max(by_day) == "2026-03-31"


def test_with_a_cjk_font_the_marks_are_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    # The figure is built, not drawn: the font's glyphs are read only when drawing.
    monkeypatch.setattr(common, "cjk_font", lambda: FontProperties(family="DejaVu Sans"))
    fig = sc.calendar("CN").plot_year(2026)
    by_day = cells(fig)
    assert mark(fig, by_day["2026-10-01"]) == "休"
    assert mark(fig, by_day["2026-10-10"]) == "班"
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "holiday, day off in lieu (休)" in labels
    assert "makeup workday (班)" in labels


def test_the_year_draws_on_given_axes_and_refuses_bad_input() -> None:
    fig = Figure()
    left, right = fig.subplots(1, 2)
    assert sc.calendar("CN").plot_year(2026, ax=right) is fig
    assert not left.patches
    assert len([p for p in right.patches if p.get_gid()]) == 365
    with pytest.raises(sc.InvalidInputError, match=r"year must be an int such as 2026.*'2026'"):
        sc.calendar("CN").plot_year("2026")  # type: ignore[arg-type]
    with pytest.raises(sc.InvalidInputError, match="year must be"):
        sc.calendar("CN").plot_year(True)
    with pytest.raises(sc.CalendarHorizonError, match=r"year 1999 is outside the calendar's days \(2004-01-01"):
        sc.calendar("CN").plot_year(1999)
    with pytest.raises(sc.InvalidInputError, match="ax must be matplotlib Axes"):
        sc.calendar("CN").plot_year(2026, ax="left")  # type: ignore[arg-type]


# -- a case --------------------------------------------------------------------------------------


def busy_case() -> sc.Case:
    return (
        seed_001()
        .open(received_at="2026-09-24T10:00")
        .record("acknowledged", at="2026-09-25T09:30")
        .pause("awaiting_customer", at="2026-09-28T10:00")
        .resume(at="2026-09-30T09:00")
        .extend("standard_handling", notified_at="2026-10-09T15:00")
        .record("investigated", at="2026-10-12T16:00")
        .escalate(at="2026-10-13T10:00")
    )


def wall(text: str) -> float:
    return float(mdates.date2num(dt.datetime.fromisoformat(text)))


def test_a_case_of_seed_001_is_one_bar_per_started_clause_with_its_events(tmp_path: Path) -> None:
    case = busy_case()
    now = "2026-10-20T12:00"
    status = case.status(now=now)
    fig = case.plot(now=now)
    ax = fig.axes[0]
    names = [c.name for c in case.contract.clauses]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["events", *names]
    bars = {p.get_gid(): p for p in ax.patches if p.get_gid() in names}
    started = {s.clause for s in status.clauses if s.start is not None}
    assert len([p for p in ax.patches if p.get_gid() in names]) == len(bars) == len(started) == 6
    assert set(bars) == started
    # wall times in the calendar's zone: investigation runs from the acknowledgement to the end of 10-13
    inv = bars["investigation"]
    assert inv.get_x() == pytest.approx(wall("2026-09-25T09:30"))
    assert inv.get_x() + inv.get_width() == pytest.approx(wall("2026-10-14T00:00"))
    assert tuple(inv.get_facecolor()) == pytest.approx(matplotlib.colors.to_rgba(timeline.STATE_COLOURS["met"]))
    # each event once, on the top row, at its instant
    events = sorted(
        (ln for ln in ax.get_lines() if (ln.get_gid() or "").startswith("event ")), key=lambda ln: ln.get_gid()
    )
    assert len(events) == len(case.events) == 7
    assert [ln.get_xdata()[0] for ln in events] == pytest.approx([wall(e.at.naive().isoformat()) for e in case.events])
    gids = {ln.get_gid() for ln in ax.get_lines()}
    # breaches at their dues, met_by events, the extension and the escalation on their clause's row
    assert {"proposal: breach", "escalation_start: breach", "investigation: done", "acknowledgement: done"} <= gids
    assert {"standard_handling: extend", "standard_handling: escalate"} <= gids
    assert "acknowledgement: breach" not in gids
    # the pause shades the pausable clauses that ran through it, not the acknowledgement (not pausable)
    paused = {p.get_gid() for p in ax.patches if (p.get_gid() or "").endswith(": paused")}
    assert paused == {"investigation: paused", "standard_handling: paused"}
    shade = next(p for p in ax.patches if p.get_gid() == "investigation: paused")
    assert shade.get_x() == pytest.approx(wall("2026-09-28T10:00"))
    assert shade.get_x() + shade.get_width() == pytest.approx(wall("2026-09-30T09:00"))
    (now_line,) = [ln for ln in ax.get_lines() if ln.get_gid() == "now"]
    assert now_line.get_xdata()[0] == pytest.approx(wall("2026-10-20T12:00"))
    words = {t.get_text().strip() for t in ax.texts}
    assert {"running (extended)", "breached", "met", "not started"} <= words
    rendered(fig, tmp_path / "case.png")


def test_a_recurring_clause_is_a_bar_per_cycle_and_a_name_in_chinese_draws_without_a_font(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(common, "cjk_font", lambda: None)
    desk = sc.Contract(
        "服务台",
        [
            sc.Clause("首次回复", "4小时", starts_on="received", met_by="replied"),
            sc.Clause("next_reply", "2小时", kind="recurring", starts_on="customer_wrote", met_by="replied"),
        ],
        events=["received", "customer_wrote"],
    )
    case = (
        desk.open(received_at="2026-03-02T09:00")
        .record("replied", at="2026-03-02T10:00")
        .record("customer_wrote", at="2026-03-02T11:00")
        .record("replied", at="2026-03-02T12:00")
        .record("customer_wrote", at="2026-03-02T14:00")
    )
    fig = case.plot(now="2026-03-02T17:00")
    ax = fig.axes[0]
    cycles = sorted(p.get_gid() for p in ax.patches if re.fullmatch(r"next_reply cycle \d+", p.get_gid() or ""))
    assert cycles == ["next_reply cycle 1", "next_reply cycle 2"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["events", "????", "next_reply"]
    assert ax.get_title(loc="left").startswith("???: received 2026-03-02 09:00")
    rendered(fig, tmp_path / "recurring.png")  # filterwarnings=error: no missing-glyph warning


def test_a_case_plot_refuses_what_its_status_refuses() -> None:
    case = busy_case()
    with pytest.raises(sc.InvalidInputError, match="earlier than the case's last event"):
        case.plot(now="2026-10-01T00:00")
    with pytest.raises(sc.InvalidInputError, match="ax must be matplotlib Axes"):
        plot.case(case, now="2026-10-20T12:00", ax=object())  # type: ignore[arg-type]
    fig = Figure()
    ax = fig.add_subplot()
    assert case.plot(now="2026-10-20T12:00", ax=ax) is fig


# -- a report ------------------------------------------------------------------------------------


def tickets(kind: str) -> Any:
    columns = {
        "received": np.array(
            [
                "2026-03-02T09:00",
                "2026-03-03T10:00",
                "2026-03-04T10:00",
                "2026-04-01T09:00",
                "2026-04-02T09:00",
                "2026-05-06T09:00",
                "2026-05-07T09:00",
            ],
            "datetime64[m]",
        ),
        "replied": np.array(
            [
                "2026-03-02T10:00",
                "2026-03-10T10:00",
                "2026-03-04T11:00",
                "2026-04-01T11:00",
                "NaT",
                "2026-05-20T09:00",
                "2026-05-07T10:00",
            ],
            "datetime64[m]",
        ),
        "team": np.array(["a", "b", "b", "a", "b", "a", "c"]),
    }
    if kind == "numpy":
        return columns
    if kind == "pandas":
        return pytest.importorskip("pandas").DataFrame(columns)
    if kind == "polars":
        return pytest.importorskip("polars").DataFrame(
            {k: v.astype("datetime64[us]") if v.dtype.kind == "M" else v for k, v in columns.items()}
        )
    pa = pytest.importorskip("pyarrow")
    return pa.table({k: pa.array(v.astype("datetime64[us]") if v.dtype.kind == "M" else v) for k, v in columns.items()})


DESK = sc.Contract(
    "desk",
    [
        sc.Clause("reply", "2个工作日", starts_on="received", met_by="replied"),
        sc.Clause("solve", "5个工作日", starts_on="received", met_by="replied"),
    ],
    events=["received"],
)


@pytest.mark.parametrize("kind", ["numpy", "pandas", "polars", "pyarrow"])
def test_a_report_of_every_kind_is_one_line_per_group(kind: str, tmp_path: Path) -> None:
    results = DESK.evaluate(tickets(kind), now="2026-05-30T12:00", keep="team")
    monthly = sc.report(results, by="team", period="month")
    assert type(monthly).__module__.partition(".")[0] == ("builtins" if kind == "numpy" else kind)
    fig = plot.report(monthly)
    assert len(fig.axes) == 4  # two clauses, each a rate axes and its counts twin
    reply = fig.axes[0]
    assert reply.get_title(loc="left") == "reply: breach rate by team"
    lines = {ln.get_label(): ln for ln in reply.get_lines()}
    assert list(lines) == ["a", "b", "c"]
    # team a: March met, April met, May breached (2026-05-06 + 2 workdays, replied 05-20); b: March 1 of 2
    a = lines["a"]
    assert [mdates.num2date(x).date() for x in a.get_xdata()] == [dt.date(2026, m, 1) for m in (3, 4, 5)]
    assert list(a.get_ydata()) == [0.0, 0.0, 1.0]
    assert list(lines["b"].get_ydata()) == [0.5, 1.0]  # March: 1 of 2 late; April: not replied, past its due
    assert list(lines["c"].get_ydata()) == [0.0]
    rendered(fig, tmp_path / f"report-{kind}.png")


def test_a_report_plot_names_what_it_needs() -> None:
    results = DESK.evaluate(tickets("numpy"), now="2026-05-30T12:00", keep="team")
    with pytest.raises(sc.InvalidInputError, match=r"no column 'period'.*period='month'"):
        plot.report(sc.report(results, by="team"))
    with pytest.raises(sc.InvalidInputError, match=r"table must be what slaclock\.report returns"):
        plot.report([1, 2, 3])
    monthly = sc.report(results, by="team", period="month")
    with pytest.raises(sc.InvalidInputError, match="by: 'squad' is not a column"):
        plot.report(monthly, by="squad")
    with pytest.raises(sc.InvalidInputError, match="clauses: 'answer' is not in the report"):
        plot.report(monthly, clauses="answer")
    fig = Figure()
    with pytest.raises(sc.InvalidInputError, match="ax= draws one clause; the report has 2"):
        plot.report(monthly, ax=fig.add_subplot())
    assert plot.report(monthly, clauses="solve", ax=fig.axes[0]) is fig
    # no groups: one line, named after the clause
    overall = plot.report(sc.report(results, period="month"), clauses=["reply"])
    assert [ln.get_label() for ln in overall.axes[0].get_lines()] == ["reply"]


# -- without matplotlib --------------------------------------------------------------------------


def test_without_matplotlib_each_plot_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    hint = r"slaclock.plot needs matplotlib: pip install 'slaclock\[plot\]'"
    with pytest.raises(sc.InvalidInputError, match=hint):
        sc.calendar("CN").plot_year(2026)
    with pytest.raises(sc.InvalidInputError, match=hint):
        busy_case().plot(now="2026-10-20T12:00")
    results = DESK.evaluate(tickets("numpy"), now="2026-05-30T12:00", keep="team")
    with pytest.raises(sc.InvalidInputError, match=hint):
        plot.report(sc.report(results, by="team", period="month"))


# -- the docs' images ----------------------------------------------------------------------------

DOCS = Path(__file__).parents[2] / "docs"


@pytest.mark.parametrize("name", ["calendar-2026.png", "case-timeline.png", "report.png"])
def test_the_docs_embed_their_small_pngs(name: str) -> None:
    """docs/images/render.py makes them; docs/notebooks.md shows them."""
    path = DOCS / "images" / name
    width, height = png_size(path)
    assert path.stat().st_size < 150_000
    assert 400 < width < 2000
    assert 200 < height < 1200
    assert f"](images/{name})" in (DOCS / "notebooks.md").read_text(encoding="utf-8")


def test_a_notice_runs_back_from_its_anchor_and_a_provisional_clause_is_marked() -> None:
    fees = sc.Contract(
        "fees",
        [
            sc.Clause("fee", "每月初五个工作日内", kind="monthly", starts_on="signed", met_by="paid"),
            sc.Clause("renewal", "30日", kind="notice", starts_on="2027-01-31", met_by="renewal_notified"),
            sc.Clause("voucher", "30日", kind="window", starts_on="signed", met_by="voucher_used"),
        ],
        events=["signed"],
        calendar=sc.CalendarSpec("CN", horizon="projected"),
    )
    case = fees.open(received_at="2026-12-20T10:00", event="signed")
    with pytest.warns(sc.ProvisionalWarning, match="'fee'") as caught:
        fig = case.plot(now="2027-01-05T09:00")
    assert len(caught) == 1
    ax = fig.axes[0]
    bars = {p.get_gid(): p for p in ax.patches if p.get_gid() in ("fee", "renewal", "voucher")}
    # 30 days' notice before 01-31: by the end of 01-01, the bar spans the notice period up to the anchor
    renewal = bars["renewal"]
    assert renewal.get_x() == pytest.approx(wall("2027-01-02T00:00"))
    assert renewal.get_x() + renewal.get_width() == pytest.approx(wall("2027-01-31T00:00"))
    assert bars["fee"].get_hatch() == "..."
    assert bars["renewal"].get_hatch() is None
    assert "running *" in {t.get_text().strip() for t in ax.texts}
    assert any(t.get_text().startswith("provisional (*)") for t in ax.get_legend().get_texts())


def test_a_report_s_missing_group_and_two_group_columns_are_labelled() -> None:
    pd = pytest.importorskip("pandas")
    t = tickets("pandas")
    t["team"] = pd.array(["a", None, "b", "a", None, "a", "b"], dtype=object)
    t["channel"] = ["web", "web", "mail", "mail", "web", "web", "mail"]
    results = DESK.evaluate(t, now="2026-05-30T12:00", keep=["team", "channel"])
    fig = plot.report(sc.report(results, by=["team", "channel"], period="month"), clauses="reply")
    labels = [ln.get_label() for ln in fig.axes[0].get_lines()]
    assert labels == ["a / mail", "a / web", "b / mail", "(missing) / web"]
    assert fig.axes[0].get_title(loc="left") == "reply: breach rate by team / channel"


def _report_columns(**changes: Any) -> dict[str, Any]:
    table: dict[str, Any] = {
        "clause": np.array(["reply", "reply"]),
        "period": np.array(["2026-03-01", "2026-04-01"], "datetime64[D]"),
        "met": np.array([1, 2]),
        "breached": np.array([1, 0]),
        "breach_rate": np.array([0.5, 0.0]),
    }
    table.update(changes)
    return table


def test_times_in_the_year_1_are_drawn_and_saved() -> None:
    """The margin before a time in the year 1 reached the year 0: matplotlib's ValueError at savefig."""
    import io

    c = sc.Contract("desk", [sc.Clause("fix", "5个工作日", starts_on="received", met_by="fixed")], events=["received"])
    cal = sc.custom_calendar("1111100", {}, first="0001-01-01", last="0001-12-31", tz="UTC")
    case = c.open(received_at="0001-01-01T00:30", calendar=cal)
    case.plot(now="0001-01-03T00:00").savefig(io.BytesIO(), format="png")
    table = _report_columns(period=np.array(["0001-01-01", "0001-02-01"], "datetime64[D]"))
    fig = plot.report(table)
    fig.savefig(io.BytesIO(), format="png")
    assert fig.axes[0].get_xlim()[0] >= float(mdates.date2num(dt.datetime(1, 1, 1)))


def _many(groups: int, periods: int, clauses: int = 1) -> dict[str, Any]:
    n = groups * periods * clauses
    days = np.arange(np.datetime64("2020-01-01"), np.datetime64("2020-01-01") + periods)
    return {
        "clause": np.repeat(np.array([f"c{k}" for k in range(clauses)]), groups * periods),
        "period": np.tile(days, groups * clauses),
        "met": np.ones(n),
        "breached": np.ones(n),
        "breach_rate": np.full(n, 0.5),
        "team": np.tile(np.repeat(np.array([f"t{i}" for i in range(groups)]), periods), clauses),
    }


@pytest.mark.parametrize(
    ("table", "match"),
    [
        (_many(41, 2), "41 groups, a line each; at most 40"),
        (_many(1, 4_001), "4,001 rows .* at most 4,000"),
        (_many(1, 2, clauses=21), "21 clauses, .* at most 20"),
    ],
)
def test_a_report_too_big_to_draw_in_seconds_is_refused_saying_what_to_take(table: Any, match: str) -> None:
    """4,000 groups took 33 s, 20,000 daily periods 86 s, and the figure grew with the clauses."""
    with pytest.raises(sc.InvalidInputError, match=match):
        plot.report(table, by="team")
    plot.report(_many(40, 2), by="team")  # at the bound: drawn


def test_names_come_in_any_iterable_as_before_their_check() -> None:
    fig = plot.report(_many(2, 2), by=np.array(["team"]), clauses=(c for c in ["c0"]))
    assert [line.get_label() for line in fig.axes[0].get_lines()] == ["t0", "t1"]


def test_a_case_too_big_to_draw_in_seconds_is_refused() -> None:
    case = chatty_case(400)  # 801 events and 400 cycles
    with pytest.raises(sc.InvalidInputError, match=r"at most 1,000 events and cycles .* has 1,201 on 1"):
        case.plot(now=case.events[-1].at)


def test_text_with_dollar_signs_is_drawn_as_written_not_as_math() -> None:
    """A team "cost $5 and $10" was drawn as a formula, and ``$\\alpha^{x$`` made a figure that failed when saved
    (matplotlib's ValueError); a pause reason the same on a case's timeline."""
    import io

    table = _report_columns(team=np.array([r"$\alpha^{x$", "cost $5 and $10"]))
    fig = plot.report(table, by="team")
    fig.savefig(io.BytesIO(), format="png")
    labels = [line.get_label() for line in fig.axes[0].get_lines()]
    assert labels == [r"$\alpha^{x$", "cost $5 and $10"]
    legend = fig.axes[0].get_legend()
    assert legend is not None
    assert [t.get_parse_math() for t in legend.get_texts()][:2] == [False, False]
    case = busy_case().pause(r"customer $\foo$", at="2026-10-14T10:00")
    case.plot(now="2026-10-20T00:00").savefig(io.BytesIO(), format="png")


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: sc.calendar("CN").plot_year(10**100), "year must be an int"),
        (lambda: sc.calendar("CN").plot_year(2026.0), "year must be an int"),  # type: ignore[arg-type]
        (lambda: sc.calendar("CN").plot_year(None), "year must be an int"),  # type: ignore[arg-type]
        (lambda: sc.calendar("CN").plot_year(0), "year must be an int"),
        (lambda: busy_case().plot(now=None), "now"),  # type: ignore[arg-type]
        (lambda: busy_case().plot(now="2026-10-20"), "not the date"),
        (lambda: plot.report(_report_columns(period=np.array(["x" * 500, "y"]))), "not a date: 'xxxx"),
        (lambda: plot.report(_report_columns(met=np.array([1]))), "the column 'met' has 1 values and 'clause' 2"),
        (lambda: plot.report(_report_columns(clause=np.array([], str))), "no column|no rows"),
        (lambda: plot.report({"clause": ["a"] * 10_000}), "no column 'period'"),
        (lambda: plot.report(_report_columns(), by=[["team"]]), "by must be a name or a list of names"),
        (lambda: plot.report(_report_columns(), by=5), "by must be a name"),  # it was Python's TypeError
        (lambda: plot.report(_report_columns(), clauses=5), "clauses must be a name"),
        (lambda: plot.year("CN", 2026), "cal must be a WorkCalendar"),  # type: ignore[arg-type]
        (lambda: plot.case("x", now="2026-10-20T00:00"), "c must be a Case"),  # type: ignore[arg-type]
        (lambda: plot.report(_report_columns(), clauses=["x" * 10_000]), "clauses: "),
        (lambda: plot.report(_report_columns(), ax=Figure()), "ax must be matplotlib Axes"),
    ],
)
def test_hostile_input_gets_a_typed_bounded_error(call: Any, match: str) -> None:
    with pytest.raises(sc.SlaclockError, match=match) as caught:
        call()
    assert len(str(caught.value)) < 400
