"""Pickles of calendars: an edited or stale pickle is refused by the constructors' own checks.

A pickle runs code and is never safe from an untrusted source (docs/guide.md, "Safety"); these tests are about
pickles that were edited or went stale, which must not build a calendar the constructors would refuse.
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import slaclock as sc
from slaclock._calendar import _SPEC, _rebuild

CALENDARS = [
    sc.calendar("CN", closures={"2026-12-31": "year-end"}),
    sc.calendar("HK", holiday_list="statutory", horizon="projected"),
    sc.calendar("TW").with_hours("09:00-18:00"),
    sc.custom_calendar("1111100", {"2026-12-25": "Christmas"}, first="2026-01-01", last="2026-12-31", tz="UTC"),
]


@pytest.mark.parametrize("cal", CALENDARS, ids=lambda c: c.region)
def test_a_pickle_round_trips_to_an_equal_calendar(cal: sc.WorkCalendar) -> None:
    back = pickle.loads(pickle.dumps(cal))
    assert back == cal
    assert hash(back) == hash(cal)
    assert back.add_workdays("2026-10-09", 3) == cal.add_workdays("2026-10-09", 3)


def _edited(cal: sc.WorkCalendar, field: str, value: Any) -> tuple[Any, ...]:
    spec = list(cal.__reduce__()[1][0])
    spec[_SPEC.index(field)] = value
    return tuple(spec)


@pytest.mark.parametrize(
    ("cal", "field", "value", "message"),
    [
        (CALENDARS[0], "region", "XX", "unknown region 'XX'"),
        (CALENDARS[0], "horizon", "sometimes", "horizon must be 'official' or 'projected'"),
        (CALENDARS[0], "closures", "notatuple", "closures must be \\(date, reason\\) pairs"),
        (CALENDARS[0], "closures", (("2026-02-30", "x"),), "is not a date"),
        (CALENDARS[0], "weekmask", (True,) * 3, "disagree"),
        (CALENDARS[0], "tz", "Mars/Olympus", "unknown time zone"),
        (CALENDARS[1], "holiday_list", "everyone", "holiday lists"),
        (CALENDARS[2], "hours", "09:00-18:00", "hours must be WorkingHours"),
        (CALENDARS[3], "custom_span", ("2026-12-31", "2026-01-01"), "before first"),
        (CALENDARS[3], "horizon", "projected", "disagree"),
    ],
)
def test_an_edited_pickle_is_refused(cal: sc.WorkCalendar, field: str, value: object, message: str) -> None:
    with pytest.raises(sc.CalendarDataError, match=message) as info:
        _rebuild(_edited(cal, field, value))
    assert len(str(info.value)) < 500


def test_a_spec_of_the_wrong_shape_is_refused() -> None:
    with pytest.raises(sc.CalendarDataError, match="holds its 11 arguments"):
        _rebuild(("CN", "Asia/Shanghai"))


def test_a_calendar_spec_pickle_is_rebuilt_by_its_constructor() -> None:
    spec = sc.CalendarSpec("HK", holiday_list="statutory", hours="09:00-18:00", closures={"2026-09-15": "typhoon"})
    assert pickle.loads(pickle.dumps(spec)) == spec
    reduced = spec.__reduce__()
    edited = {**reduced[1][0], "region": "XX"}
    with pytest.raises(sc.ContractError, match="XX"):
        reduced[0](edited, None)
    with pytest.raises(sc.ContractError, match=r"unknown|not allowed|key"):
        reduced[0]({**reduced[1][0], "weekmask": "1111111"}, None)
    raw = sc.CalendarSpec.__new__(sc.CalendarSpec)
    with pytest.raises(sc.ContractError, match="through its constructor"):
        raw.__setstate__(["XX"])
