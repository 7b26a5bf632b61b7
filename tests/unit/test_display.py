"""Notebook displays: the HTML reprs (parsed, escaped), the short reprs, ``to_frame`` and ``Deadlines[i]``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

import slaclock as sc

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
