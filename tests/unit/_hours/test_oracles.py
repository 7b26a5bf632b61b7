"""Working-time arithmetic checked against two oracles: ``businesstimedelta`` and a stepping reference.

1. businesstimedelta (btd, 1.0.1) on a calendar it can express
-----------------------------------------------------------------
btd models a workday as ``WorkDayRule`` (one interval on fixed weekdays) minus ``time_off``
rules (``LunchTimeRule``, ``HolidayRule``). It cannot open a rest day, so it cannot express
China's makeup workdays (调休上班). The comparison calendar is therefore the CN calendar
*without* its makeup days: Monday..Friday minus every weekday CN rests on (statutory
holidays and 调休 rest days), built with :func:`slaclock.custom_calendar` over 2014..2026, with
hours 09:00-12:00 and 13:30-18:00. Starts lie in 2015..2025.

What btd does (read in ``businesstimedelta.py`` and ``rules/*.py``), and the mapping used:

- ``t + BusinessTimeDelta(rule, timedelta=d)`` walks the working periods from ``t`` and
  returns ``period_start + left`` as soon as ``period_end - period_start >= left``: a result
  exactly at a close (12:00, 18:00) stays at the close. That is slaclock's default reading,
  so the calendar keeps ``at_close="close"`` (the ``"next_open"`` reading would differ:
  pinned in :func:`test_btd_keeps_a_result_at_the_close`).
- A start outside hours: ``rule.next(t)`` is the next period, so counting begins at the next
  opening, as in slaclock. No normalisation is needed.
- Negative durations: ``t - BusinessTimeDelta(rule, timedelta=d)`` (``__rsub__``) walks
  ``rule.previous`` periods backwards and returns ``period_end - left``, so a result exactly
  at an opening stays at the opening, as in slaclock. It agrees on every case; negative
  durations are compared as ``t - BTD(|d|)`` against ``add_working_time(t, -|d|)``. Adding a
  BTD built from a *negative* timedelta does not go back through working time (a btd bug,
  below), so it is not used.
- ``rule.difference(a, b)`` sorts its arguments and sums the overlaps of ``[min, max)`` with
  the working periods: it is ``abs(working_time_between(a, b))``; its ``.timedelta`` is
  compared. It drops fractions of a second (a btd bug, below), so cases are whole minutes.
- Naive datetimes are read as UTC by btd; every instant is passed aware, the same object
  to both libraries, and results are compared as instants.
- Two speed-ups that change no answer (checked on a sample by
  :func:`test_btd_speedups_change_no_answer`): btd gets ``pytz.FixedOffset(480)`` instead of
  ``pytz.timezone("Asia/Shanghai")`` (the same UTC+8 throughout 1992..2026; pytz's
  ``localize`` on the historical zone is several times slower), and its ``HolidayRule`` lists every
  Saturday and Sunday of 2014..2026 as well as the rest weekdays (weekends are no working
  time for a Monday..Friday ``WorkDayRule`` anyway; ``HolidayRule.next_holiday`` searches day
  by day, so a dense list keeps each search short).

With that mapping, 20,000 positive and 20,000 negative random additions and 20,000 random
elapsed times agree exactly; the sample is biased towards boundaries (a quarter of instants
exactly at 00:00, 09:00, 12:00, 13:30 or 18:00, a quarter of durations whole half hours) so
results at a close and starts at an opening or in the lunch break are common.

btd bugs found (each pinned by a small test below; none is hit by the mapped comparison):

- ``difference`` drops fractions of a second (it rebuilds the result from ``days`` and
  ``seconds`` only);
- ``t + BusinessTimeDelta(rule, timedelta=-d)`` is wall-clock arithmetic from the next
  opening, which can land outside working hours (09:15 - 30 min = 08:45);
- ``HolidayRule`` raises ``TypeError`` when no listed holiday lies within five years in the
  direction it searches (e.g. an empty list, or subtracting before the first listed holiday).

2. The stepping reference (``tests/hours_reference.py``) on the real CN calendar
---------------------------------------------------------------------------------
With makeup days, a makeup schedule different from weekdays, date-specific short days (and
a date-specific schedule on makeup days, a workday without hours, intervals touching
midnight, and two adjacent intervals), 20,000 random additions (both signs) and 20,000 random
elapsed times agree exactly; so does a smaller sample with ``at_close="next_open"``.

3. btd is wrong on CN because of makeup days
---------------------------------------------
Given CN's rest weekdays as holidays, btd still cannot work on makeup days. On the same
random cases as in 1, its answers differ from slaclock's CN calendar on a measurable
fraction (printed, and recorded as a junit property). Every elapsed-time disagreement is
exactly the working time of the makeup days inside ``[a, b)``; every addition that
disagrees has a makeup day between its start and its results.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Callable, Iterator

import businesstimedelta as btd
import pytest
import pytz

import slaclock as sc
from tests.helpers.hours_reference import reference_add, reference_between

HOURS = "09:00-12:00,13:30-18:00"
CN = sc.calendar("CN")
CN_LUNCH = CN.with_hours(HOURS)
CST = dt.timezone(dt.timedelta(hours=8))

FIRST, LAST = dt.date(2014, 1, 1), dt.date(2026, 12, 31)  # the plain calendar and the btd holiday list
SPAN = (dt.datetime(2015, 1, 1), dt.datetime(2026, 1, 1))  # random instants for the btd comparison
N = 20_000


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


REST_WEEKDAYS = tuple(d for d in _days(FIRST, LAST) if d.weekday() < 5 and not CN.is_workday(d))
MAKEUP_DAYS = tuple(d for d in _days(FIRST, LAST) if CN.day_kind(d) is sc.DayKind.MAKEUP_WORKDAY)
WEEKENDS = tuple(d for d in _days(FIRST, LAST) if d.weekday() >= 5)

# CN without makeup days: the calendar btd can express
PLAIN = sc.custom_calendar(
    "1111100", REST_WEEKDAYS, first=FIRST, last=LAST, tz="Asia/Shanghai", name="CN without makeup days"
).with_hours(HOURS)

BTD_TZ = pytz.FixedOffset(480)


def _btd_rule(holidays: frozenset[dt.date], tz: dt.tzinfo = BTD_TZ) -> btd.Rules:
    """09:00-18:00 Monday..Friday, lunch 12:00-13:30, no work on ``holidays``."""
    weekdays = [0, 1, 2, 3, 4]
    return btd.Rules(
        [
            btd.WorkDayRule(start_time=dt.time(9), end_time=dt.time(18), working_days=weekdays, tz=tz),
            btd.LunchTimeRule(start_time=dt.time(12), end_time=dt.time(13, 30), working_days=weekdays, tz=tz),
            btd.HolidayRule(holidays, tz=tz),
        ]
    )


RULE = _btd_rule(frozenset(REST_WEEKDAYS) | frozenset(WEEKENDS))


def _btd_add(start: dt.datetime, minutes: int, rule: btd.Rules = RULE) -> dt.datetime:
    """btd's ``start`` plus ``minutes`` of working time; negative minutes go through subtraction."""
    delta = btd.BusinessTimeDelta(rule, timedelta=dt.timedelta(minutes=abs(minutes)))
    result: dt.datetime = start + delta if minutes > 0 else start - delta
    return result


# -- random cases ---------------------------------------------------------------------------------

BOUNDARIES = (dt.time(0), dt.time(9), dt.time(12), dt.time(13, 30), dt.time(18))


def _instant(rng: random.Random, lo: dt.datetime, hi: dt.datetime, boundaries: tuple[dt.time, ...]) -> dt.datetime:
    """A naive minute in ``[lo, hi)``: uniform 3 times in 4, else a random day at one of ``boundaries``."""
    minutes = int((hi - lo) / dt.timedelta(minutes=1))
    t = lo + dt.timedelta(minutes=rng.randrange(minutes))
    if rng.random() < 0.25:
        t = dt.datetime.combine(t.date(), rng.choice(boundaries))
    return t


def _minutes(rng: random.Random) -> int:
    """1 minute .. 60 hours: uniform 3 times in 4, else whole half hours (results at closes are common)."""
    return rng.randrange(1, 60 * 60 + 1) if rng.random() < 0.75 else 30 * rng.randrange(1, 121)


def _near(rng: random.Random, t: dt.datetime, boundaries: tuple[dt.time, ...]) -> dt.datetime:
    """A naive minute within 15 days of ``t`` (either side)."""
    day = t.date() + dt.timedelta(days=rng.randrange(-15, 16))
    if rng.random() < 0.25:
        return dt.datetime.combine(day, rng.choice(boundaries))
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=rng.randrange(24 * 60))


AddCase = tuple[dt.datetime, int, dt.datetime]  # aware start, signed minutes, btd's result
ElapsedCase = tuple[dt.datetime, dt.datetime, dt.timedelta]  # aware a, b, btd's unsigned difference


@pytest.fixture(scope="module")
def btd_adds() -> list[AddCase]:
    """20,000 positive and 20,000 negative additions with btd's answers (shared by the CN comparison)."""
    rng = random.Random(20_260_401)
    cases = []
    for sign in (1, -1):
        for _ in range(N):
            start = BTD_TZ.localize(_instant(rng, *SPAN, BOUNDARIES))
            minutes = sign * _minutes(rng)
            cases.append((start, minutes, _btd_add(start, minutes)))
    return cases


@pytest.fixture(scope="module")
def btd_elapsed() -> list[ElapsedCase]:
    """20,000 pairs of instants up to 15 days apart, either order, with btd's ``difference``."""
    rng = random.Random(20_260_402)
    cases = []
    for _ in range(N):
        a = _instant(rng, *SPAN, BOUNDARIES)
        b = _near(rng, a, BOUNDARIES)
        a, b = BTD_TZ.localize(a), BTD_TZ.localize(b)
        cases.append((a, b, RULE.difference(a, b).timedelta))
    return cases


def _mismatches(cases: list[AddCase], cal: sc.WorkCalendar) -> list[tuple[dt.datetime, int, dt.datetime, dt.datetime]]:
    """The cases where ``cal`` and btd differ: (start, minutes, btd's result, slaclock's)."""
    out: list[tuple[dt.datetime, int, dt.datetime, dt.datetime]] = []
    for start, minutes, expected in cases:
        got = cal.add_working_time(start, dt.timedelta(minutes=minutes))
        if got != expected:
            out.append((start, minutes, expected, got))
    return out


# -- 1. businesstimedelta on the calendar without makeup days -------------------------------------


def test_plain_calendar_is_cn_without_makeup_days() -> None:
    """The comparison calendar differs from CN exactly on CN's makeup workdays (and has no others)."""
    makeup = set(MAKEUP_DAYS)
    assert len(makeup) > 50
    for day in _days(FIRST, LAST):
        assert PLAIN.is_workday(day) == (CN.is_workday(day) and day not in makeup), day


def test_btd_keeps_a_result_at_the_close() -> None:
    """btd returns the close for a result exactly at one, as slaclock's default; ``next_open`` would differ."""
    next_open = PLAIN.with_hours(HOURS, at_close="next_open")
    cases = [
        ("2025-09-29T17:00", 60, "2025-09-29T18:00"),  # at the day's close
        ("2025-09-29T11:00", 60, "2025-09-29T12:00"),  # at the lunch close
        ("2025-09-29T12:15", 30, "2025-09-29T14:00"),  # a start in the lunch break counts from 13:30
        ("2025-09-29T07:00", 60, "2025-09-29T10:00"),  # a start before opening counts from 09:00
        ("2025-09-30T17:00", 120, "2025-10-09T10:00"),  # across National Day 2025
        ("2025-09-29T09:30", -30, "2025-09-29T09:00"),  # backward, exactly at the opening: stays
        ("2025-09-29T14:00", -30, "2025-09-29T13:30"),
        ("2025-09-29T20:00", -60, "2025-09-29T17:00"),  # backward from after hours counts from the close
    ]
    for start, minutes, expected in cases:
        t = BTD_TZ.localize(dt.datetime.fromisoformat(start))
        want = BTD_TZ.localize(dt.datetime.fromisoformat(expected))
        assert _btd_add(t, minutes) == want, (start, minutes)
        assert PLAIN.add_working_time(t, dt.timedelta(minutes=minutes)) == want, (start, minutes)
    t = BTD_TZ.localize(dt.datetime(2025, 9, 29, 17))
    assert next_open.add_working_time(t, dt.timedelta(hours=1)) == BTD_TZ.localize(dt.datetime(2025, 9, 30, 9))


def test_btd_speedups_change_no_answer() -> None:
    """The fixed UTC+8 zone and the weekend-dense holiday list give btd's answers with the real zone and list."""
    slow = _btd_rule(frozenset(REST_WEEKDAYS), tz=pytz.timezone("Asia/Shanghai"))
    rng = random.Random(7)
    for _ in range(300):
        naive = _instant(rng, *SPAN, BOUNDARIES)
        minutes = rng.choice((1, -1)) * _minutes(rng)
        real = pytz.timezone("Asia/Shanghai").localize(naive)
        assert _btd_add(real, minutes, slow) == _btd_add(BTD_TZ.localize(naive), minutes)
        other = _near(rng, naive, BOUNDARIES)
        a, b = BTD_TZ.localize(naive), BTD_TZ.localize(other)
        assert slow.difference(a, b).timedelta == RULE.difference(a, b).timedelta


def test_add_agrees_with_businesstimedelta(btd_adds: list[AddCase]) -> None:
    """20,000 positive and 20,000 negative additions agree exactly with btd, including results at closes."""
    assert _mismatches(btd_adds, PLAIN)[:10] == []
    # the sample exercises the conventions: results exactly at a close (forward) or an opening (backward)
    at_close = sum(m > 0 and r.time() in (dt.time(12), dt.time(18)) for _, m, r in btd_adds)
    at_open = sum(m < 0 and r.time() in (dt.time(9), dt.time(13, 30)) for _, m, r in btd_adds)
    print(f"btd comparison: {at_close} results at a close, {at_open} at an opening")
    assert at_close > 300
    assert at_open > 300


def test_elapsed_agrees_with_businesstimedelta(btd_elapsed: list[ElapsedCase]) -> None:
    """20,000 elapsed times: ``abs(working_time_between(a, b))`` is btd's ``difference(a, b)``; the sign is b - a's."""
    bad = []
    for a, b, expected in btd_elapsed:
        got = PLAIN.working_time_between(a, b)
        signed = expected if b >= a else -expected
        if got != signed or PLAIN.working_time_between(b, a) != -got:
            bad.append((a, b, expected, got))
    assert bad[:10] == []


# -- btd bugs, each shown once ----------------------------------------------------------------------


def test_btd_bug_difference_drops_fractions_of_a_second() -> None:
    """btd rebuilds ``difference`` from ``days`` and ``seconds``: 1.5 working seconds become 1."""
    a = BTD_TZ.localize(dt.datetime(2025, 9, 29, 9))
    b = a + dt.timedelta(seconds=1, microseconds=500_000)
    assert RULE.difference(a, b).timedelta == dt.timedelta(seconds=1)  # wrong
    assert PLAIN.working_time_between(a, b) == dt.timedelta(seconds=1.5)


def test_btd_bug_adding_a_negative_delta_is_wall_clock_arithmetic() -> None:
    """``t + BTD(-d)`` subtracts ``d`` from the next opening in wall time: 09:15 - 30 min = 08:45, before hours.

    Going back 30 working minutes from Monday 2025-09-29 09:15 uses 09:00-09:15, then the last
    15 minutes of the previous workday, Sunday 2025-09-28 (a makeup day in CN, a weekend for
    the plain calendar and btd): Friday 2025-09-26 17:45. btd's subtraction gets that right.
    """
    t = BTD_TZ.localize(dt.datetime(2025, 9, 29, 9, 15))
    back = BTD_TZ.localize(dt.datetime(2025, 9, 26, 17, 45))
    assert t + btd.BusinessTimeDelta(RULE, timedelta=dt.timedelta(minutes=-30)) == t - dt.timedelta(minutes=30)
    assert t - btd.BusinessTimeDelta(RULE, timedelta=dt.timedelta(minutes=30)) == back
    assert PLAIN.add_working_time(t, dt.timedelta(minutes=-30)) == back
    lunch = BTD_TZ.localize(dt.datetime(2025, 9, 29, 12, 15))  # in the lunch break: 13:30 - 30 min = 13:00
    assert lunch + btd.BusinessTimeDelta(RULE, timedelta=dt.timedelta(minutes=-30)) == lunch.replace(hour=13, minute=0)
    assert PLAIN.add_working_time(lunch, dt.timedelta(minutes=-30)) == lunch.replace(hour=11, minute=30)


@pytest.mark.parametrize(
    ("holidays", "minutes"),
    [
        (frozenset(), 60),  # no holidays at all
        (frozenset({dt.date(2025, 10, 1)}), -60),  # subtracting before the only holiday
        (frozenset({dt.date(2019, 1, 1)}), 60),  # adding more than five years after the last one
    ],
)
def test_btd_bug_holiday_rule_needs_a_holiday_within_five_years(holidays: frozenset[dt.date], minutes: int) -> None:
    """``HolidayRule.next_holiday`` gives up after 5 years and returns None, which ``next`` passes to ``combine``."""
    t = BTD_TZ.localize(dt.datetime(2025, 9, 29, 10))
    with pytest.raises(TypeError, match="combine"):
        _btd_add(t, minutes, _btd_rule(holidays))
    cal = sc.custom_calendar("1111100", holidays, first=FIRST, last=LAST, tz="Asia/Shanghai").with_hours(HOURS)
    assert cal.add_working_time(t, dt.timedelta(minutes=minutes)) == t + dt.timedelta(minutes=minutes)


# -- 2. the stepping reference on CN, with makeup days and date-specific schedules ----------------

CN_SPECIAL = {
    # each year's last workday before National Day is short; some of them are makeup days
    **{CN.previous_workday(dt.date(y, 10, 1)).isoformat(): "09:00-15:00" for y in range(2004, 2027)},
    "2025-09-28": "10:00-16:00",  # a makeup Sunday: the date wins over the makeup schedule
    "2024-12-31": "",  # a workday without hours
    "2023-06-21": "00:00-02:00,13:00-24:00",  # intervals touching both midnights
    "2020-01-23": "09:00-12:00,12:00-13:00",  # adjacent intervals
}
SPECIAL_DAYS = tuple(dt.date.fromisoformat(d) for d in CN_SPECIAL)
CN_SHIFTS = CN.with_hours(HOURS, makeup="09:00-12:00", dates=CN_SPECIAL)
CN_SHIFTS_NEXT_OPEN = CN.with_hours(HOURS, makeup="09:00-12:00", dates=CN_SPECIAL, at_close="next_open")
CN_SPAN = (dt.datetime(2004, 2, 1), dt.datetime(2026, 12, 1))
CN_BOUNDARIES = (*BOUNDARIES, dt.time(2), dt.time(10), dt.time(13), dt.time(15), dt.time(16))


def _cn_instant(rng: random.Random) -> dt.datetime:
    """Half uniform over 2004..2026, half within 4 days of a date-specific schedule or a makeup day."""
    if rng.random() < 0.5:
        return _instant(rng, *CN_SPAN, CN_BOUNDARIES)
    day = rng.choice(SPECIAL_DAYS if rng.random() < 0.5 else MAKEUP_DAYS) + dt.timedelta(days=rng.randrange(-4, 5))
    midnight = dt.datetime.combine(day, dt.time())
    return _instant(rng, midnight, midnight + dt.timedelta(days=1), CN_BOUNDARIES)


def test_cn_schedules_are_as_intended() -> None:
    """The shapes the random cases rely on: makeup Saturdays, a short eve, a date on a makeup day, no hours."""
    assert CN_SHIFTS.close_of("2025-10-11") == dt.datetime(2025, 10, 11, 12, tzinfo=CST)  # makeup Saturday
    assert CN_SHIFTS.close_of("2025-09-30") == dt.datetime(2025, 9, 30, 15, tzinfo=CST)
    assert CN_SHIFTS.close_of("2025-09-28") == dt.datetime(2025, 9, 28, 16, tzinfo=CST)
    assert CN_SHIFTS.close_of("2024-12-31") is None
    assert CN.day_kind("2012-09-29") is sc.DayKind.MAKEUP_WORKDAY
    assert CN_SHIFTS.close_of("2012-09-29") == dt.datetime(2012, 9, 29, 15, tzinfo=CST)


@pytest.mark.parametrize(("cal", "n"), [(CN_SHIFTS, N), (CN_SHIFTS_NEXT_OPEN, N // 4)], ids=["close", "next_open"])
def test_add_agrees_with_the_stepping_reference_on_cn(cal: sc.WorkCalendar, n: int) -> None:
    """20,000 additions of ±1 minute..60 hours (5,000 with ``at_close="next_open"``) equal the stepping reference."""
    rng = random.Random(20_260_403)
    bad = []
    for _ in range(n):
        start = _cn_instant(rng)
        minutes = rng.choice((1, -1)) * _minutes(rng)
        got = cal.add_working_time(start, dt.timedelta(minutes=minutes))
        expected = reference_add(cal, start, minutes).replace(tzinfo=CST)
        if got != expected:
            bad.append((start, minutes, expected, got))
    assert bad[:10] == []


def test_elapsed_agrees_with_the_stepping_reference_on_cn() -> None:
    """20,000 ``working_time_between`` of instants up to 15 days apart equal the sum of overlaps."""
    rng = random.Random(20_260_404)
    bad = []
    for _ in range(N):
        a = _cn_instant(rng)
        b = _near(rng, a, CN_BOUNDARIES)
        got, expected = CN_SHIFTS.working_time_between(a, b), reference_between(CN_SHIFTS, a, b)
        if got != expected:
            bad.append((a, b, expected, got))
    assert bad[:10] == []


# -- 3. btd is wrong on CN: it cannot work on makeup days -------------------------------------------


def _makeup_between(first: dt.date, last: dt.date) -> list[dt.date]:
    return list(MAKEUP_DAYS[bisect.bisect_left(MAKEUP_DAYS, first) : bisect.bisect_right(MAKEUP_DAYS, last)])


def _makeup_time(a: dt.datetime, b: dt.datetime) -> dt.timedelta:
    """CN working time inside ``[min, max)`` that falls on makeup days."""
    lo, hi = min(a, b), max(a, b)
    total = dt.timedelta(0)
    for day in _makeup_between(lo.date(), hi.date()):
        midnight = BTD_TZ.localize(dt.datetime.combine(day, dt.time()))
        total += CN_LUNCH.working_time_between(max(lo, midnight), min(hi, midnight + dt.timedelta(days=1)))
    return total


def test_btd_is_wrong_on_cn_makeup_days(
    btd_adds: list[AddCase], btd_elapsed: list[ElapsedCase], record_property: Callable[[str, object], None]
) -> None:
    """btd given CN's holidays disagrees with the CN calendar on a measurable fraction, all due to makeup days."""
    wrong_add = _mismatches(btd_adds, CN_LUNCH)
    for start, _, expected, got in wrong_add:
        ends = (start, expected, got)
        assert _makeup_between(min(ends).date(), max(ends).date()), (start, expected, got)
    wrong_elapsed = 0
    for a, b, btd_difference in btd_elapsed:
        makeup = _makeup_time(a, b)
        assert btd_difference == abs(CN_LUNCH.working_time_between(a, b)) - makeup, (a, b)
        wrong_elapsed += makeup > dt.timedelta(0)
    forward = sum(m > 0 for _, m, _, _ in wrong_add) / N
    backward = sum(m < 0 for _, m, _, _ in wrong_add) / N
    elapsed = wrong_elapsed / N
    record_property("btd_cn_wrong_add_forward", round(forward, 4))
    record_property("btd_cn_wrong_add_backward", round(backward, 4))
    record_property("btd_cn_wrong_elapsed", round(elapsed, 4))
    print(f"btd wrong on CN: add +{forward:.2%}, add -{backward:.2%}, elapsed {elapsed:.2%}")
    assert forward > 0
    assert backward > 0
    assert elapsed > 0
