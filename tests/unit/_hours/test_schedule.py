"""Schedule text: its separators, its length limit, an empty weekday schedule, bounded messages."""

from __future__ import annotations

import pytest

import slaclock as sc
from slaclock._hours.schedule import MAX_SCHEDULE_CHARS, parse_schedule


@pytest.mark.parametrize("dash", ["-", "–", "~", "至", "到", " - ", "  至  "])
def test_every_separator_reads_the_same(dash: str) -> None:
    assert parse_schedule(f"09:00{dash}12:00，13:30{dash}18:00") == ((32400, 43200), (48600, 64800))


def test_schedule_text_up_to_the_limit_is_read_one_more_is_refused() -> None:
    text = "09:00-18:00"
    assert parse_schedule(text + " " * (MAX_SCHEDULE_CHARS - len(text))) == ((32400, 64800),)
    with pytest.raises(sc.InvalidInputError, match="at most 10,000 characters; got 10,001 characters"):
        parse_schedule(text + " " * (MAX_SCHEDULE_CHARS + 1 - len(text)))


def test_hours_need_an_interval_on_some_day_each_day_may_have_none() -> None:
    for text in ("", " ", ",", " ， "):
        with pytest.raises(sc.InvalidInputError, match="at least one interval on some day"):
            sc.working_hours(text)
        with pytest.raises(sc.InvalidInputError, match="at least one interval on some day"):
            sc.working_hours(text, saturday="", sunday=" ", makeup=",", dates={"2026-09-30": ""})
    h = sc.working_hours("09:00-18:00", saturday="", sunday="", makeup="", dates={"2026-09-30": ""})
    assert h.weekly[5] == h.weekly[6] == h.makeup == h.dates[0][1] == ()
    weekend_team = sc.working_hours("", saturday="09:00-18:00", sunday="09:00-18:00", makeup="")
    assert weekend_team.weekly[0] == ()
    assert weekend_team.weekly[5] == ((32400, 64800),)


@pytest.mark.parametrize(
    "text",
    [
        "09:00-" + "1" * 5000,  # not a time
        "09:00-12:00," * 600 + "08:00-09:30",  # an overlap named by its two intervals, not the whole day
        "x" * 5000,
        "09:00-10:00-" * 500,
    ],
)
def test_messages_are_bounded(text: str) -> None:
    with pytest.raises(sc.InvalidInputError) as info:
        parse_schedule(text)
    assert len(str(info.value)) < 400


def test_dated_hours_on_a_rest_day_are_refused_when_given() -> None:
    # they were refused only at the calendar's first working-hours query
    cn = sc.calendar("CN")
    with pytest.raises(sc.InvalidInputError, match="2026-10-01, which is not a workday in the CN calendar"):
        cn.with_hours("09:00-18:00", dates={"2026-10-01": "09:00-12:00"})
    opened = sc.calendar("CN", extra_workdays=["2026-10-01"])
    assert opened.with_hours("09:00-18:00", dates={"2026-10-01": "09:00-12:00"}).is_open("2026-10-01T10:00")
    assert cn.with_hours("09:00-18:00", dates={"2031-01-02": "09:00-12:00"}).hours is not None  # past the data
