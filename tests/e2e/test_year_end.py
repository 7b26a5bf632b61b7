"""End to end across the year end: the official data ends 2026-12-31 and 2027's arrangement is not published.

A complaint on the seed 001 template (服务质量投诉处理协议) is received Monday 2026-12-28 10:00 and acknowledged
at 11:00. Its ``investigation`` clause is 5 workdays from the acknowledgement (art. 201: the count starts the
next day): 12-29 (1), 12-30 (2), 12-31 (3), 2027-01-01 off (New Year's Day, statutory in every arrangement),
01-02 and 01-03 a weekend, 01-04 (4), 01-05 (5). So the due is 2027-01-05 24:00 on the projected calendar and on
the FICTIONAL 2027 arrangement alike; only the second is official.

The 2027 arrangement comes the way a user will get it: the text of a notice (``FICTIONAL-2027-notice.txt``, an
openly invented notice in the official format), read by ``arrangement_from_notice``, written with ``to_toml``
into a file of a config folder, and loaded with ``calendar(arrangements=...)``.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import slaclock as sc
from slaclock import templates

NOTICE = Path(__file__).parents[1] / "fixtures" / "FICTIONAL-2027-notice.txt"
SH = dt.timezone(dt.timedelta(hours=8))
DUE = dt.datetime(2027, 1, 6, tzinfo=SH)  # 2027-01-05 24:00
TABLE = {"received": ["2026-12-28T10:00"], "acknowledged": ["2026-12-28T11:00"], "investigated": [None]}


def contract(calendar: sc.WorkCalendar | str = "CN") -> sc.Contract:
    return templates.service_quality_complaint(
        ack="24小时",
        investigation="5个工作日",
        proposal=3,
        standard=10,
        complex_max=30,
        escalation_start=2,
        escalation_handling=10,
        progress_notice=5,
        solution_notice=2,
        confirmation=5,
        calendar=calendar,
    )


def opened(c: sc.Contract, calendar: sc.WorkCalendar | None = None) -> sc.Case:
    case = (
        c.open(received_at="2026-12-28T10:00")
        if calendar is None
        else c.open(received_at="2026-12-28T10:00", calendar=calendar)
    )
    return case.record("acknowledged", at="2026-12-28T11:00")


@contextmanager
def no_warnings() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> sc.WorkCalendar:
    """The notice's text → YearArrangement → TOML file in a config folder → an official 2027 calendar."""
    arrangement = sc.arrangement_from_notice(NOTICE.read_text(encoding="utf-8"))
    assert (arrangement.region, arrangement.year, arrangement.published) == ("CN", 2027, dt.date(2026, 11, 1))
    folder = tmp_path_factory.mktemp("calendars")
    (folder / "cn-2027.toml").write_text(arrangement.to_toml(), encoding="utf-8")
    cal = sc.calendar("CN", arrangements=folder)
    assert cal.official_until == dt.date(2027, 12, 31)
    assert cal.is_workday("2027-02-20")  # the notice's (invented) makeup Saturday
    return cal


def test_by_default_the_case_stops_at_the_horizon_and_says_where_the_calendar_goes() -> None:
    case = opened(contract())
    with pytest.raises(sc.CalendarHorizonError, match=r"horizon='projected'") as info:
        case.status(now="2026-12-29T09:00")
    assert "2027" in str(info.value)
    with pytest.raises(sc.CalendarHorizonError):
        contract().evaluate(TABLE, now="2026-12-29T09:00", clauses=["investigation"], ignore_pauses=True)


def test_on_a_projected_calendar_the_case_answers_provisionally_everywhere() -> None:
    projected = sc.calendar("CN", horizon="projected")
    case = opened(contract(), projected)
    with pytest.warns(sc.ProvisionalWarning) as caught:
        s = case.status(now="2026-12-29T09:00")
    assert len(caught) == 1
    row = s["investigation"]
    assert (row.state, row.due, row.last_day, row.provisional) == ("running", DUE, dt.date(2027, 1, 5), True)
    assert s["acknowledgement"].provisional is False  # its due is 2026-12-29 10:00: official days only
    assert s.provisional
    assert row.phrase("en").endswith("(provisional)")
    assert row.phrase("zh").endswith("（暂定）")
    for lang, note in (("en", "* provisional:"), ("zh", "* 暂定：")):
        lines = s.table(lang).splitlines()  # type: ignore[arg-type]
        line = next(x for x in lines if x.startswith("investigation"))
        assert "2027-01-05 24:00*" in line
        assert not next(x for x in lines if x.startswith("acknowledgement")).rstrip().endswith("*")
        assert lines[-1].startswith(note)
    with pytest.warns(sc.ProvisionalWarning):
        r = contract().evaluate(
            TABLE, now="2026-12-29T09:00", clauses=["investigation"], ignore_pauses=True, calendar=projected
        )
    assert str(r["investigation.last_day"][0]) == "2027-01-05"
    assert bool(r["investigation.provisional"][0]) is True
    # the contract's own calendar may be the projected one: the same answers, no argument needed
    with pytest.warns(sc.ProvisionalWarning):
        assert opened(contract(projected)).status(now="2026-12-29T09:00")["investigation"].provisional


def test_the_published_notice_makes_the_same_case_official(published: sc.WorkCalendar) -> None:
    with no_warnings():
        s = opened(contract(), published).status(now="2026-12-29T09:00")
        r = contract().evaluate(
            TABLE, now="2026-12-29T09:00", clauses=["investigation"], ignore_pauses=True, calendar=published
        )
    row = s["investigation"]
    assert (row.due, row.provisional) == (DUE, False)
    assert not s.provisional
    assert "*" not in s.table("en")
    assert not row.phrase("en").endswith("(provisional)")
    assert (str(r["investigation.last_day"][0]), bool(r["investigation.provisional"][0])) == ("2027-01-05", False)
    # a contract built on the published calendar needs no argument either
    with no_warnings():
        assert not opened(contract(published)).status(now="2026-12-29T09:00")["investigation"].provisional


def test_the_same_through_a_stored_case(published: sc.WorkCalendar) -> None:
    c = contract()
    stored = json.loads(json.dumps(opened(c).to_dict(), ensure_ascii=False))  # as a service keeps it
    assert stored["calendar"]["official_until"] == "2026-12-31"
    with pytest.raises(sc.CalendarHorizonError):
        sc.Case.from_dict(c, stored).status(now="2026-12-29T09:00")
    projected = sc.Case.from_dict(c, stored, calendar=sc.calendar("CN", horizon="projected"))
    with pytest.warns(sc.ProvisionalWarning):
        row = projected.status(now="2026-12-29T09:00")["investigation"]
    assert (row.due, row.provisional) == (DUE, True)
    with no_warnings():
        row = sc.Case.from_dict(c, stored, calendar=published).status(now="2026-12-29T09:00")["investigation"]
    assert (row.due, row.provisional) == (DUE, False)
    # a case stored while projected says so when replayed on the published data, and replays when told to
    on_projected = json.loads(json.dumps(projected.to_dict(), ensure_ascii=False))
    with pytest.raises(sc.CalendarMismatchError, match="its provisional dues may change"):
        sc.Case.from_dict(c, on_projected, calendar=published)
    with no_warnings():
        back = sc.Case.from_dict(c, on_projected, calendar=published, accept_calendar_change=True)
        assert not back.status(now="2026-12-29T09:00")["investigation"].provisional
    assert back.to_dict()["calendar"]["arrangements"][0]["year"] == 2027


def test_an_arrangement_reaching_back_into_stored_official_days_is_a_change(tmp_path: Path) -> None:
    """A 2027 file that also rests 2026-12-31 changes official data a stored case read: not a silent replay."""
    c = contract()
    stored = opened(c).to_dict()
    text = sc.arrangement_from_notice(NOTICE.read_text(encoding="utf-8")).to_toml()
    text = text.replace('off = ["2027-01-01..2027-01-03"]', 'off = ["2026-12-31..2027-01-03"]')
    assert "2026-12-31..2027-01-03" in text
    path = tmp_path / "cn-2027.toml"
    path.write_text(text, encoding="utf-8")
    reaching = sc.calendar("CN", arrangements=path)
    assert not reaching.is_workday("2026-12-31")
    with pytest.raises(sc.CalendarMismatchError, match="arrangements"):
        sc.Case.from_dict(c, stored, calendar=reaching)
