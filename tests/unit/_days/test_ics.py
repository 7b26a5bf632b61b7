"""WorkCalendar.to_ics: days off and makeup workdays as an RFC 5545 file, read back by an independent parser."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import holidays
import icalendar
import pytest

import slaclock as sc


def _events(text: str) -> dict[dt.date, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(text)
    out: dict[dt.date, icalendar.Event] = {}
    for event in cal.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert event.decoded("DTEND") - start == dt.timedelta(days=1)  # one all-day event per day
        assert start not in out
        out[start] = event
    return out


def test_every_official_cn_day_matches_the_holidays_oracle() -> None:
    # 2005-2026 exported in one file: the 班 events are exactly the weekend days `holidays` says are worked,
    # and the 休 events on weekdays exactly the weekdays it says are not
    cal = sc.calendar("CN")
    events = _events(cal.to_ics("2005-01-01", "2026-12-31"))
    oracle = holidays.China(years=range(2005, 2027))
    worked = {d for d in oracle.weekend_workdays if 2005 <= d.year <= 2026}
    first, last = dt.date(2005, 1, 1), dt.date(2026, 12, 31)
    span = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
    off_weekdays = {d for d in span if d.weekday() < 5 and not oracle.is_working_day(d)}
    ban = {d for d, e in events.items() if str(e["CATEGORIES"].cats[0]) == "班"}
    xiu = {d for d, e in events.items() if str(e["CATEGORIES"].cats[0]) == "休"}
    assert ban == worked
    assert {d for d in xiu if d.weekday() < 5} == off_weekdays
    assert len(ban) == 145
    assert len(off_weekdays) == 391
    for d, e in events.items():  # names and kinds are the calendar's own
        assert str(e["SUMMARY"]) == cal.holiday_name(d)
        assert str(e["X-SLACLOCK-KIND"]) == cal.day_kind(d).value
        assert str(e["STATUS"]) == "CONFIRMED"


def test_national_day_2026_in_english() -> None:
    events = _events(sc.calendar("CN").to_ics("2026-09-19", "2026-10-11", lang="en"))
    assert sorted(events) == [
        dt.date(2026, 9, 20),  # makeup Sunday
        dt.date(2026, 9, 25),  # Mid-Autumn Festival
        *[dt.date(2026, 10, d) for d in (1, 2, 3, 5, 6, 7)],  # 10-04 is a plain Sunday: left out
        dt.date(2026, 10, 10),  # makeup Saturday
    ]
    assert str(events[dt.date(2026, 10, 1)]["SUMMARY"]) == "National Day"
    assert str(events[dt.date(2026, 10, 10)]["CATEGORIES"].cats[0]) == "WORKDAY"
    assert str(events[dt.date(2026, 10, 7)]["CATEGORIES"].cats[0]) == "DAY OFF"


def test_rfc5545_framing_crlf_folding_and_escaping() -> None:
    reason = "年终盘点, 仓库停业; 详见 \\公告\\ 第1号\n" + "很长的停业原因" * 20
    cal = sc.calendar("CN", closures={"2026-12-30": reason})
    text = cal.to_ics("2026-12-01", "2026-12-31", name="Ops; desk, 客服")
    raw = text.encode()
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the long name was folded
    for line in lines:
        line.decode()  # no line splits a UTF-8 character
    parsed = icalendar.Calendar.from_ical(text)
    assert "X-WR-CALNAME:Ops\\; desk\\, 客服\r\n" in text  # an X- property is TEXT: escaped like the others
    (event,) = parsed.walk("VEVENT")
    assert str(event["SUMMARY"]) == reason  # escaping and folding undone exactly
    assert str(event["X-SLACLOCK-KIND"]) == "closure"


def test_the_same_data_gives_the_same_bytes_and_stamp_is_the_callers() -> None:
    cal = sc.calendar("CN")
    assert cal.to_ics("2026-01-01", "2026-12-31") == cal.to_ics("2026-01-01", "2026-12-31")
    stamp = dt.datetime(2026, 11, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    events = _events(cal.to_ics("2026-01-01", "2026-01-31", stamp=stamp))
    assert {e.decoded("DTSTAMP") for e in events.values()} == {dt.datetime(2026, 11, 5, 1, 30, tzinfo=dt.UTC)}
    uids = [str(e["UID"]) for e in events.values()]
    assert len(set(uids)) == len(uids)


def test_written_file_is_imported_back(tmp_path: Path) -> None:
    path = tmp_path / "cn-2026.ics"
    path.write_text(sc.calendar("CN").to_ics("2026-01-01", "2026-12-31"), encoding="utf-8", newline="")
    events = _events(path.read_bytes().decode())
    assert dt.date(2026, 2, 14) in events
    assert dt.date(2026, 2, 16) in events
    assert sum(str(e["CATEGORIES"].cats[0]) == "班" for e in events.values()) == 6  # 2026's six makeup workdays


def test_past_the_horizon_official_raises_projected_is_tentative() -> None:
    with pytest.raises(sc.CalendarHorizonError, match="2027-01-31"):
        sc.calendar("CN").to_ics("2026-12-01", "2027-01-31")
    projected = sc.calendar("CN", horizon="projected")
    with pytest.warns(sc.ProvisionalWarning):
        text = projected.to_ics("2026-12-01", "2027-12-31")
    events = _events(text)
    official = {d: e for d, e in events.items() if d.year == 2026}
    later = {d: e for d, e in events.items() if d.year == 2027}
    assert later
    assert all(str(e["STATUS"]) == "TENTATIVE" for e in later.values())
    assert all(str(e["SUMMARY"]).endswith("（暂定）") for e in later.values())
    assert all(str(e["STATUS"]) == "CONFIRMED" for e in official.values())
    assert not any(str(e["CATEGORIES"].cats[0]) == "班" for e in later.values())  # no makeup day is guessed
    assert dt.date(2027, 10, 1) in later


def test_official_span_on_a_projected_calendar_does_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sc.calendar("CN", horizon="projected").to_ics("2026-01-01", "2026-12-31")


def test_other_regions() -> None:
    events = _events(sc.calendar("HK").to_ics("2026-01-01", "2026-12-31", lang="en"))
    assert events
    assert all(str(e["CATEGORIES"].cats[0]) == "DAY OFF" for e in events.values())
    assert str(events[dt.date(2026, 12, 25)]["SUMMARY"]) == sc.calendar("HK").holiday_name("2026-12-25", lang="en")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"first": "2026-02-01", "last": "2026-01-01"}, "before first"),
        ({"first": "2026-01-01", "last": "2026-02-01", "lang": "fr"}, "lang"),
        ({"first": "2026-01-01", "last": "2026-02-01", "stamp": dt.datetime(2026, 1, 1)}, "aware"),
        ({"first": "2026-13-01", "last": "2026-02-01"}, "2026-13-01"),
        ({"first": "2003-12-01", "last": "2004-01-31"}, "2003-12-01"),
    ],
)
def test_bad_arguments_are_typed_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(sc.SlaclockError, match=message):
        sc.calendar("CN").to_ics(**kwargs)  # type: ignore[arg-type]


def test_days_in_the_year_1_are_written_with_four_digits() -> None:
    cal = sc.custom_calendar("1111100", ["0001-01-03"], first="0001-01-01", last="0001-12-31", tz="Asia/Shanghai")
    text = cal.to_ics(dt.date(1, 1, 1), dt.date(1, 1, 10), stamp=dt.datetime(1, 1, 1, tzinfo=dt.UTC))
    assert "DTSTART;VALUE=DATE:00010103" in text
    assert "DTSTAMP:00010101T000000Z" in text
    assert list(_events(text)) == [dt.date(1, 1, 3)]
