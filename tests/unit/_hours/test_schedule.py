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


def test_a_weekday_schedule_needs_an_interval_other_days_may_have_none() -> None:
    for text in ("", " ", ",", " ， "):
        with pytest.raises(sc.InvalidInputError, match="at least one interval on weekdays"):
            sc.working_hours(text)
    h = sc.working_hours("09:00-18:00", saturday="", sunday="", makeup="", dates={"2026-09-30": ""})
    assert h.weekly[5] == h.weekly[6] == h.makeup == h.dates[0][1] == ()


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
