"""Hypothesis strategies for testing code that uses slaclock: days, instants, periods and whole cases.

``pip install "slaclock[hypothesis]"``. The strategies draw inside a calendar's
official data (so a deadline never needs a day past it), and lean on the days
where hand-written code goes wrong: makeup workdays (调休上班), the first and last
days of holidays, and instants around midnight and the close of business.

>>> from hypothesis import given, settings
>>> import slaclock as sc
>>> from slaclock import strategies
>>> cal = sc.calendar("CN")
>>> @settings(max_examples=25, database=None)
... @given(start=strategies.instants(cal), n=strategies.periods(units=["workday"]))
... def test_a_deadline_lands_on_a_workday(start, n):
...     assert cal.is_workday(sc.deadline(start, n, calendar=cal).last_day)
>>> test_a_deadline_lands_on_a_workday()

Every strategy is a function returning a ``SearchStrategy``; nothing is drawn at
import. :func:`cases` builds valid :class:`~slaclock.Case` timelines of a
contract (records, pauses, extensions, escalations in time order), for testing
an SLA dashboard or a notification service against the case engine.

With slaclock installed, Hypothesis's ``st.from_type`` knows three of its types
(through the ``hypothesis`` entry point, ``slaclock._hypothesis``):
``WorkCalendar`` draws :func:`calendars`, ``Period`` draws :func:`periods` and
``Contract`` draws :func:`contracts`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - the extra is installed wherever this module is tested
    raise ImportError('slaclock.strategies needs hypothesis: pip install "slaclock[hypothesis]"') from exc

from slaclock._base.show import brief
from slaclock._periods.period import Period, Unit
from slaclock.errors import InvalidInputError, SlaclockError

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.case import Case
    from slaclock._contracts.contract import Contract

__all__ = ["calendars", "cases", "contracts", "dates", "instants", "periods", "tricky_dates"]

_MARGIN: Final = 120
"""Days kept free before the end of the official data, so that a drawn start plus a period stays inside it."""

_UNITS: Final = {u.value: u for u in Unit}
_MOST: Final = {Unit.WEEK: 4, Unit.MONTH: 3, Unit.YEAR: 1}
"""The default largest amount of these units (30 of the others): what fits in the room of :data:`_MARGIN`."""

_DAYS_PER: Final = {
    Unit.MINUTE: 1 / 1440,
    Unit.HOUR: 1 / 24,
    Unit.WORK_MINUTE: 1 / 180,  # a desk open three hours a day
    Unit.WORK_HOUR: 1 / 3,
    Unit.DAY: 1,
    Unit.WORKDAY: 2,  # weekends and the longest holidays, generously
    Unit.WEEK: 7,
    Unit.MONTH: 31,
    Unit.YEAR: 366,
}
"""Calendar days one unit of a period may take, at most (a generous bound: :func:`_reach`)."""

_SCHEDULES: Final = ("09:00-18:00", "09:00-12:00,13:30-18:00", "08:30-12:00,13:00-17:30")
"""Working hours :func:`calendars` gives a calendar: a plain day, a lunch break, an earlier desk."""

_BLANKS: Final[dict[str, tuple[dict[str, Any], ...]]] = {
    "003": ({},),  # first: the contract without blanks is the one draws shrink to
    "000": (
        {
            "voucher_from": "2026-10-01",
            "voucher_until": "2026-12-31",
            "warranty_extension": "6个月",
            "priority_service": "3个月",
        },
    ),
    "001": ({},),  # slaclock._demo.SEED_001_BLANKS, the desk's filling the demo and docs use
    "002": (
        {
            "variant": 0,
            "term": "1年",
            "cure": "15日",
            "termination_notice": "30日",
            "termination_formalities": "15日",
            "fee_payment": "10个工作日",
            "handling_fee_payment": "10个工作日",
            "confidentiality": "3年",
        },
        {"variant": 1},  # text 1 fills its limits itself
        {"variant": 2, "term": "1年"},  # text 2's term is optional; filled, it is a clause too
    ),
    "004": (
        {
            "termination_date": "2026-10-31",
            "audit": "15个工作日",
            "rectification": "7日",
            "confidentiality": "2年",
            "overdue_termination": "30日",
        },
    ),
}
"""Each seed contract's blanks, filled with the examples its own error messages give (seed 002: its three texts)."""


def _span(cal: WorkCalendar, first: dt.date | str | None, last: dt.date | str | None) -> tuple[dt.date, dt.date]:
    _check_calendar(cal)
    lo = cal.first_day if first is None else _date(first, "first")
    hi = cal.official_until - dt.timedelta(days=_MARGIN) if last is None else _date(last, "last")
    if not cal.first_day <= lo <= hi <= cal.last_day:
        default = f" (last defaults to {_MARGIN} days before the official data's end: pass last=)" * (last is None)
        raise InvalidInputError(
            f"the span {lo}..{hi} must lie inside the calendar's days {cal.first_day}..{cal.last_day}, first <= last"
            + default
        )
    return lo, hi


def _check_calendar(cal: object) -> None:
    from slaclock._calendar import WorkCalendar

    if not isinstance(cal, WorkCalendar):
        raise InvalidInputError(f"cal must be a WorkCalendar (sc.calendar('CN')); got {brief(cal)}")


def _date(value: dt.date | str, what: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise InvalidInputError(f"{what} must be a date or 'YYYY-MM-DD'; got {brief(value)}")
    try:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(f"{what} must be a date or 'YYYY-MM-DD'; got {brief(value)}") from None


def tricky_dates(
    cal: WorkCalendar, *, first: dt.date | str | None = None, last: dt.date | str | None = None
) -> list[dt.date]:
    """The days around which working-day code goes wrong: makeup workdays, and each holiday run's first and last day.

    Each such day and its neighbours (one day either side), inside ``first..last``
    (default: the calendar's first day to 120 days before the end of its official
    data), in order.
    """
    from slaclock._days.kinds import DayKind

    lo, hi = _span(cal, first, last)
    out: set[dt.date] = set()
    day = lo
    rest_before = not cal.is_workday(lo)
    while day <= hi:
        kind = cal.day_kind(day)
        rest = not cal.is_workday(day)
        edge = rest != rest_before and kind is not DayKind.WEEKEND
        if kind in (DayKind.MAKEUP_WORKDAY, DayKind.HOLIDAY, DayKind.TRANSFERRED_REST) or edge:
            for d in (day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)):
                if lo <= d <= hi:
                    out.add(d)
        rest_before = rest
        day += dt.timedelta(days=1)
    return sorted(out)


def dates(
    cal: WorkCalendar, *, first: dt.date | str | None = None, last: dt.date | str | None = None
) -> SearchStrategy[dt.date]:
    """Civil dates in ``first..last`` (default: the calendar's days, 120 days short of its official end), half of
    them from :func:`tricky_dates`."""
    lo, hi = _span(cal, first, last)
    tricky = tricky_dates(cal, first=lo, last=hi)
    home = _plain_day(cal, lo, hi, set(tricky))
    # days as offsets from a plain midweek workday: a failing example shrinks to it (offset 0), not to the
    # span's first day (2004-01-01, New Year's Day)
    plain = st.integers((lo - home).days, (hi - home).days).map(lambda k: home + dt.timedelta(days=k))
    if not tricky:
        return plain
    # half from the tricky days; a boolean (not st.one_of, whose shrinking may settle on a tricky day) picks
    return st.tuples(st.booleans(), plain, st.sampled_from(tricky)).map(lambda t: t[2] if t[0] else t[1])


def _plain_day(cal: WorkCalendar, lo: dt.date, hi: dt.date, tricky: set[dt.date]) -> dt.date:
    """The day draws shrink to: the first Wednesday from the middle of ``lo..hi`` that is an ordinary workday
    away from any holiday or makeup day (else the first ordinary workday from there, else ``lo``)."""
    from slaclock._days.kinds import DayKind

    mid = lo + (hi - lo) // 2
    days = [mid + dt.timedelta(days=k) for k in range((hi - mid).days + 1)]
    days += [mid - dt.timedelta(days=k) for k in range(1, (mid - lo).days + 1)]
    ordinary = [d for d in days if d not in tricky and cal.day_kind(d) is DayKind.WORKDAY]
    midweek = [d for d in ordinary if d.weekday() == 2]
    return (midweek or ordinary or [lo])[0]


def instants(
    cal: WorkCalendar,
    *,
    first: dt.date | str | None = None,
    last: dt.date | str | None = None,
    minute: bool = True,
) -> SearchStrategy[dt.datetime]:
    """Aware datetimes in the calendar's zone on :func:`dates`, often at 10:00, 00:00, 23:59, 09:00 or 18:00.

    A failing example shrinks toward a plain midweek workday at 10:00 (a Wednesday, in the middle of the
    span, away from holidays and makeup days), so that what is left of it is the date or time that matters.

    ``minute=True`` (default) keeps whole minutes, as most ticket systems do. The
    default span ends 120 days before the calendar's official data does: room for
    a period of 30 workdays or 3 months after any drawn instant. For longer
    periods, pass an earlier ``last``.
    """
    from zoneinfo import ZoneInfo

    _check_calendar(cal)
    zone = ZoneInfo(cal.tz)
    common = st.sampled_from(
        [dt.time(10, 0), dt.time(0, 0), dt.time(23, 59), dt.time(9, 0), dt.time(18, 0), dt.time(12, 0)]
    )
    any_time = st.times().map(lambda t: t.replace(second=0, microsecond=0) if minute else t)

    def at(day: dt.date, t: dt.time) -> dt.datetime:
        # wall times the clocks skip are moved on by the zone's gap (fold=0), as pendulum does
        local = dt.datetime.combine(day, t, tzinfo=zone)
        return local.astimezone(dt.UTC).astimezone(zone)

    times = st.tuples(st.booleans(), common, any_time).map(lambda t: t[2] if t[0] else t[1])
    return st.builds(at, dates(cal, first=first, last=last), times)


def periods(
    *,
    units: Sequence[str | Unit] | None = None,
    max_amount: int | None = None,
    text: bool = False,
) -> SearchStrategy[Period] | SearchStrategy[str]:
    """Periods (``Period(5, "workday")``), or their Chinese words with ``text=True`` ("5个工作日").

    ``units``: any of "minute", "hour", "work_minute", "work_hour", "day", "workday",
    "week", "month", "year" (default: the day-based units and hours). Working-time
    units need a calendar with working hours. ``max_amount``: the largest amount of any
    unit; by default 30 of minutes, hours, days and workdays, 4 weeks, 3 months and 1 year,
    so that a period drawn fits the room :func:`instants` leaves by default (30 workdays or
    3 months; a year needs an earlier ``last``).
    """
    if max_amount is not None and (not isinstance(max_amount, int) or isinstance(max_amount, bool) or max_amount < 1):
        raise InvalidInputError(f"max_amount must be a positive int; got {brief(max_amount)}")
    if isinstance(units, str | Unit):
        units = [units]  # one unit, as a list of one
    if units is not None and not isinstance(units, Iterable):  # a list, a numpy array, the Unit enum itself
        raise InvalidInputError(f"units must be a unit name or a sequence of them; got {brief(units)}")
    chosen: list[Unit] = []
    for u in units if units is not None else ("hour", "day", "workday", "week", "month"):
        unit = u if isinstance(u, Unit) else _UNITS.get(u) if isinstance(u, str) else None
        if unit is None:
            raise InvalidInputError(f"unknown unit {brief(u)}; valid: {', '.join(_UNITS)}")
        chosen.append(unit)
    if not chosen:
        raise InvalidInputError("units must name at least one unit")
    made = st.one_of(
        *(st.builds(Period, st.integers(1, max_amount or _MOST.get(u, 30)), st.just(u)) for u in dict.fromkeys(chosen))
    )
    return made.map(lambda p: p.zh) if text else made


def calendars(*, regions: Sequence[str] | None = None, hours: bool | None = None) -> SearchStrategy[WorkCalendar]:
    """Calendars of the built-in regions, with or without working hours; what ``st.from_type(WorkCalendar)`` draws.

    Parameters
    ----------
    regions : sequence of str, optional
        Any of "CN", "HK", "MO", "TW" (default: all four). Draws shrink toward
        the first.
    hours : bool, optional
        ``True``: every calendar has working hours (one of a few office
        schedules, lunch breaks included), so working-time periods can be
        counted on it; ``False``: none has; ``None`` (default): either, shrinking
        toward none.

    Returns
    -------
    SearchStrategy[WorkCalendar]

    Raises
    ------
    InvalidInputError
        An unknown region, no region, or ``hours`` not a bool or None.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from slaclock import strategies
    >>> @settings(max_examples=20, database=None)
    ... @given(strategies.calendars(hours=True))
    ... def test_an_hour_of_work_ends_on_a_workday(cal):
    ...     start = cal.next_workday("2026-09-25")
    ...     assert cal.is_workday(cal.add_working_time(f"{start}T09:00", "1 business hour").date())
    >>> test_an_hour_of_work_ends_on_a_workday()
    """
    from slaclock._calendar import calendar
    from slaclock._days.arrangement import REGIONS

    chosen = _chosen(regions, list(REGIONS), "regions", "region", "region names")
    if hours is not None and not isinstance(hours, bool):
        raise InvalidInputError(f"hours must be True, False or None; got {brief(hours)}")
    names = st.sampled_from(chosen)
    plain = names.map(calendar)
    timed = st.builds(lambda r, h: calendar(r).with_hours(h), names, st.sampled_from(_SCHEDULES))
    if hours is None:
        return st.one_of(plain, timed)
    return timed if hours else plain


def contracts(*, seeds: Sequence[str] | None = None) -> SearchStrategy[Contract]:
    """The seed contracts of :mod:`slaclock.templates`, their blanks filled; what ``st.from_type(Contract)`` draws.

    Each blank holds the example the contract's own error message gives
    (seed 001: the desk's filling the demo uses); seed 002 comes in its three
    texts. Draws shrink toward seed 003, the contract without blanks.

    Parameters
    ----------
    seeds : sequence of str, optional
        Any of "000", "001", "002", "003", "004" (default: all five).

    Returns
    -------
    SearchStrategy[Contract]

    Raises
    ------
    InvalidInputError
        An unknown seed, or none.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from slaclock import strategies
    >>> @settings(max_examples=10, database=None)
    ... @given(strategies.contracts())
    ... def test_a_contract_survives_its_toml(contract):
    ...     assert type(contract).from_toml(contract.to_toml()) == contract
    >>> test_a_contract_survives_its_toml()
    """
    wanted = _chosen(seeds, sorted(_BLANKS), "seeds", "seed", "seed ids")
    order = [seed for seed in _BLANKS if seed in wanted]
    return st.sampled_from([(seed, k) for seed in order for k in range(len(_BLANKS[seed]))]).map(_seed_contract)


def _chosen(given: Sequence[str] | None, known: list[str], what: str, one: str, items: str) -> list[str]:
    """``given`` (default ``known``), checked: a sequence of ``items``, not one string, at least one, all known."""
    if isinstance(given, str):
        raise InvalidInputError(f"{what} must be a sequence of {items}, not one string; got {brief(given)}")
    if given is not None and not isinstance(given, Iterable):
        raise InvalidInputError(f"{what} must be a sequence of {items}; got {brief(given)}")
    chosen = list(known if given is None else given)  # any iterable of names: a list, a numpy array, dict keys
    if not chosen:
        raise InvalidInputError(f"{what} must name at least one of {', '.join(known)}")
    for name in chosen:
        if not isinstance(name, str) or name not in known:
            raise InvalidInputError(f"unknown {one} {brief(name)}; valid: {', '.join(known)}")
    return chosen


def _seed_contract(choice: tuple[str, int]) -> Contract:
    from slaclock import templates
    from slaclock._demo import SEED_001_BLANKS

    seed, k = choice
    blanks = SEED_001_BLANKS if seed == "001" else _BLANKS[seed][k]
    return templates.template(seed, **blanks)


def cases(
    contract: Contract,
    *,
    received: SearchStrategy[dt.datetime] | None = None,
    event: str | None = None,
    max_events: int = 12,
) -> SearchStrategy[tuple[Case, dt.datetime]]:
    """Valid cases of ``contract`` and an instant to judge them at: ``(case, now)``.

    The case opens with ``event`` (default: the contract's first declared event) at
    a drawn instant (``received``, default :func:`instants` of the contract's
    calendar), then takes up to ``max_events`` operations in time
    order: recording the contract's events, pausing and resuming, extensions (a
    capped one up to its cap; an uncapped one with a period drawn up to twice the
    limit) and escalations. An operation the case refuses is skipped, so every case
    drawn is one the rules accept. The gaps between events are what a grid of
    start instants misses: near zero (seconds), odd minutes, seconds, up to
    twelve days, and often exactly at a running clause's due or one minute
    before it. Events stop early enough that the contract's longest deadline
    (its cap, or twice an uncapped extension's limit, included) still ends
    inside the calendar's official data, at least 60 days before its end; the
    default ``received`` ends 60 days before that, and ``now`` is at or after
    the last event.

    >>> from hypothesis import given, settings
    >>> import slaclock as sc
    >>> from slaclock import strategies
    >>> contract = sc.templates.customer_service_standards()
    >>> @settings(max_examples=20, database=None)
    ... @given(strategies.cases(contract))
    ... def test_met_means_done_before_the_due(drawn):
    ...     case, now = drawn
    ...     for s in case.status(now=now).clauses:
    ...         if s.state == "met" and s.due is not None:
    ...             assert s.done_at < s.due
    >>> test_met_means_done_before_the_due()
    """
    from slaclock._contracts.contract import Contract

    if not isinstance(contract, Contract):
        raise InvalidInputError(f"contract must be a Contract; got {brief(contract)}")
    if received is not None and not isinstance(received, st.SearchStrategy):
        raise InvalidInputError(f"received must be a strategy of instants, e.g. instants(cal); got {brief(received)}")
    if not isinstance(max_events, int) or isinstance(max_events, bool) or max_events < 0:
        raise InvalidInputError(f"max_events must be an int >= 0; got {brief(max_events)}")
    cal = contract.calendar()
    first = event if event is not None else (contract.events[0] if contract.events else contract.event_names[0])
    if first not in contract.event_names:
        raise InvalidInputError(f"{first!r} is not an event of contract {contract.name!r}")
    room = dt.timedelta(days=max(_MARGIN // 2, _reach(contract)))
    if cal.official_until - room < cal.first_day + dt.timedelta(days=_MARGIN):  # no case of it could have a status
        raise InvalidInputError(
            f"contract {brief(contract.name)}: its longest limit (about {room.days:,} days with the roll) leaves no "
            f"start whose deadlines end inside the official data ({cal.first_day}..{cal.official_until}): draw the "
            "cases of a contract without that clause"
        )
    ends = cal.official_until - room
    limit = dt.datetime.combine(ends, dt.time(), tzinfo=dt.UTC)
    receipts = received if received is not None else instants(cal, last=ends - dt.timedelta(days=_MARGIN // 2))
    notices = {c.extension.event: c.name for c in contract.clauses if c.extension is not None}
    extendable = sorted(set(notices.values()))
    escalating = [c.name for c in contract.clauses if c.escalation is not None]
    recordable = [e for e in contract.event_names if e not in notices]

    def minutes(m: int) -> dt.timedelta:
        return dt.timedelta(minutes=m)

    def seconds(x: int) -> dt.timedelta:
        return dt.timedelta(seconds=x)

    gaps = st.one_of(
        st.integers(0, 36 * 60).map(minutes),
        st.integers(0, 12 * 24 * 60).map(minutes),
        st.sampled_from([0, 1, 60, 24 * 60]).map(minutes),
        # what a grid of quarter hours (Contract.verify's) never tries: near-zero gaps, odd minutes, seconds
        st.integers(1, 59).map(seconds),
        st.integers(0, 18 * 60).map(lambda k: minutes(2 * k + 1)),
        st.integers(0, 48 * 3600).map(seconds),
    )
    # where the next event lands: after a gap, or exactly at a running clause's due, or one minute before it
    aims = st.sampled_from(["gap", "gap", "due", "before_due"])
    op = st.one_of(
        st.tuples(st.just("record"), st.sampled_from(recordable)),
        st.tuples(st.just("pause"), st.sampled_from(["awaiting_customer", "force_majeure"])),
        st.tuples(st.just("resume"), st.just("")),
        *([st.tuples(st.just("extend"), st.sampled_from(extendable))] if extendable else []),
        *([st.tuples(st.just("escalate"), st.sampled_from(escalating))] if escalating else []),
    )

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Case, dt.datetime]:
        start = draw(receipts)
        case = contract.open(received_at=start, event=first)
        at: dt.datetime = case.received_at
        for _ in range(draw(st.integers(0, max_events))):
            kind, name = draw(op)
            at = _next_instant(draw, case, at, draw(aims), gaps)
            if at >= limit:
                break
            try:
                case = _apply(draw, contract, case, kind, name, at)
            except SlaclockError:
                continue  # refused: the case stays as it was
        last = case.events[-1].at
        now = last + draw(gaps)
        return case, (now if now < limit else last)

    return build()


def _reach(contract: Contract) -> int:
    """Calendar days a deadline or threshold of ``contract`` may run past the event that starts it, at most:
    its longest limit (a target row's included) or cap, twice over for an uncapped extension, and two weeks for
    a last day moved off a holiday. A generous bound, so that drawn events leave their clauses room inside the
    official data."""
    days = 0.0
    for clause in contract.clauses:
        if clause.kind not in ("deadline", "threshold"):
            continue  # windows, notices, monthly and recurring clauses are not moved off rest days past the data
        periods = [period for period, _ in clause._limits()]
        if clause.extension is not None and clause.extension.cap is not None:
            periods.append(clause.extension.cap)
        longest = max((p.amount * _DAYS_PER[p.unit] for p in periods), default=0.0)
        uncapped = clause.extension is not None and clause.extension.cap is None
        days = max(days, longest * (2 if uncapped else 1))
    return math.ceil(days) + 14


def _next_instant(
    draw: st.DrawFn, case: Case, at: dt.datetime, aim: str, gaps: SearchStrategy[dt.timedelta]
) -> dt.datetime:
    """``at`` plus a drawn gap; or, aiming at a due, a running clause's due (``aim="due"``) or the minute before
    it (``"before_due"``), when one is not before ``at``."""
    if aim != "gap":
        from slaclock._base.warn import reading

        shift = dt.timedelta(0) if aim == "due" else dt.timedelta(minutes=1)
        try:
            with reading():  # a projected calendar's dues, without a warning per draw
                status = case.status(now=at, lang="en")
        except SlaclockError:
            status = None
        if status is not None:
            dues = sorted({s.due - shift for s in status.clauses if s.due is not None and s.due - shift >= at})
            if dues:
                return draw(st.sampled_from(dues))
    return at + draw(gaps)


def _apply(draw: st.DrawFn, contract: Contract, case: Case, kind: str, name: str, at: dt.datetime) -> Case:
    if kind == "record":
        return case.record(name, at=at)
    if kind == "pause":
        return case.pause(name, at=at)
    if kind == "resume":
        return case.resume(at=at)
    if kind == "escalate":
        return case.escalate(at=at, clause=name)
    clause = contract.clause(name)
    ext, p = clause.extension, clause.period
    assert ext is not None
    assert p is not None
    stated: Any = None
    if ext.cap is None or draw(st.booleans()):
        top = ext.cap.amount if ext.cap is not None and ext.cap.unit is p.unit else 2 * p.amount
        if top > p.amount:
            stated = Period(draw(st.integers(p.amount + 1, top)), p.unit)
    return case.extend(name, notified_at=at, period=stated)
