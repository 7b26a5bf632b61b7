"""``Contract.verify()``: every start instant the calendar knows, its worst-case timeline, the invariants on columns.

Maintainer's notes
------------------
* **The grid.** Every ``resolution`` step of wall time (in the calendar's zone) from
  ``first`` 00:00 to ``last`` 24:00 is one start of the start event; with ``gaps``,
  the grid is repeated once per combination of gaps (a grid product), and with target
  tables once per row, with the attributes that choose it (:func:`target_profiles`).
* **The worst-case timeline.** An event that some deadline clause is met by happens
  at the last moment its *feeding* clause allows: ``due - 1 minute`` (dues are
  exclusive; we work at minute resolution). The feeding clause is, among the
  clauses met by that event, the one whose start event is deepest (the end of the
  longest chain, ties to the first written); the others are *fed* by it and are
  what ``chain_within`` checks. Events are placed depth by depth, one
  ``Contract.evaluate`` pass per depth on all rows at once (the clauses of one
  depth together), never a ``Case`` per row. The contract's other declared events
  happen at the start instant (every clause they start is started and checked);
  extension notices, and the events of windows, notices, thresholds and monthly
  clauses, do not happen (NaT), except in the ``cap_longer`` pass, which gives
  each capped extension's notice at its clause's start.
* **Horizon.** The passes run on the ``horizon="projected"`` twin of the calendar,
  inside one ``reading()`` block (no warning per pass); a row whose timeline read a
  projected day (``<clause>.provisional``) is not checked on an official calendar,
  and is counted and named in ``report.not_checked``. On a projected calendar the
  rows are checked and the count is named as provisional.
* **Independence.** The column invariants here read only ``evaluate``'s columns and
  the calendar's ``is_workday``; :mod:`slaclock.testing` (``case_invariants``) checks
  one case at a time, written separately, and the two are property-tested against
  each other. The case-level invariants no column can check (pause_not_earlier,
  replay_deterministic, evaluate_matches_case) are ``case_invariants``' own, run
  through ``case_checks`` (by default) on a sample of timelines replayed as cases
  (:func:`sample_cases`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, final
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from slaclock._base import warn as _provisional
from slaclock._base.instants import as_date
from slaclock._base.show import brief
from slaclock._contracts.case_invariants import CASE_LEVEL
from slaclock._contracts.checks import _is_date
from slaclock._contracts.invariants import Violation, chain_steps, instant_words, violation
from slaclock._contracts.status import STATES
from slaclock._contracts.verify_report import (
    Counterexample,
    InvariantResult,
    NotChecked,
    Step,
    VerifyReport,
)
from slaclock._contracts.verify_timelines import (
    US,
    Plan,
    Timelines,
    make_plan,
    now_after,
    run_passes,
    skipped_walls,
    target_profiles,
    transition_days,
)
from slaclock._periods.period import Period, Unit, period
from slaclock.errors import CalendarHorizonError, InvalidInputError, PeriodParseError, SlaclockError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.case import Case
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.contract import Contract

# Timelines: from verify_timelines
__all__ = ["COLUMN_INVARIANTS", "Timelines", "sample_cases", "verify"]

COLUMN_INVARIANTS: Final = ("due_after_start", "chain_within", "last_day_workday", "cap_longer", "notice_before_event")
"""The invariants verify checks on columns, in report order."""

_MET: Final = STATES.index("met")
_ROLLED: Final = (Unit.DAY, Unit.WEEK, Unit.MONTH, Unit.YEAR, Unit.WORKDAY)
"""Units whose last day the convention moves off rest days (a workday count ends on one anyway)."""

UserInvariant = Callable[["Timelines"], Any]
CaseCheck = Callable[["Case", dt.datetime], "Sequence[Violation]"]


def verify(
    contract: Contract,
    *,
    resolution: str | Period | dt.timedelta = "15分钟",
    first: dt.date | str | None = None,
    last: dt.date | str | None = None,
    event: str | None = None,
    gaps: Mapping[str, Sequence[str | Period | dt.timedelta]] | None = None,
    invariants: Mapping[str, UserInvariant] | None = None,
    calendar: Any = None,
    case_checks: Mapping[str, CaseCheck] | None = None,
    sample: int = 100,
) -> VerifyReport:
    """See :meth:`Contract.verify <slaclock.Contract.verify>`, whose docstring this is (``contract`` is ``self``)."""
    t0 = time.perf_counter()
    cal = contract.calendar_for(calendar)
    step = _resolution(resolution)
    lo, hi = _span(cal, first, last)
    start_event = _start_event(contract, event)
    users = _user_invariants(invariants)
    plan = make_plan(contract, start_event)
    gap_lists = _gaps(plan, gaps)
    combos = list(itertools.product(*gap_lists.values())) or [()]
    n = -int(-(np.datetime64(hi, "m") + np.timedelta64(1, "D") - np.datetime64(lo, "m")) // step)  # ceil
    one = np.datetime64(lo, "m").astype(US) + np.arange(n, dtype=np.int64) * step.astype("m8[us]")
    zone = (ZoneInfo(cal.tz), transition_days(ZoneInfo(cal.tz), lo, hi + dt.timedelta(days=3 * 366)))
    one, skipped_wall = _existing(one, *zone)
    n = len(one)
    profiles = target_profiles(plan)  # the grid once per row of the target tables, the default row first
    starts = np.tile(one, len(combos) * len(profiles))
    gap_cols = {
        e: np.tile(np.repeat(np.array([c[k] for c in combos], "m8[m]"), n), len(profiles)).astype("m8[us]")
        for k, e in enumerate(gap_lists)
    }
    attr_cols = {a: np.repeat(np.array([p.get(a) for p in profiles], object), n * len(combos)) for a in plan.attributes}
    twin = cal if cal.horizon == "projected" else dataclasses.replace(cal, horizon="projected")
    try:
        events, results, provisional, skipped = run_passes(contract, twin, plan, starts, gap_cols, zone, attr_cols)
    except CalendarHorizonError:  # a calendar that cannot project (custom): the starts whose timelines fit
        starts, gap_cols, attr_cols, cut = _within(contract, twin, plan, starts, gap_cols, zone, attr_cols)
        events, results, provisional, skipped = run_passes(contract, twin, plan, starts, gap_cols, zone, attr_cols)
        skipped.insert(0, cut)
    now = now_after(events)
    past_days = starts.astype("datetime64[D]") > np.datetime64(cal.official_until)
    excluded = (provisional | past_days) if cal.horizon == "official" else np.zeros(len(starts), bool)
    not_checked = list(plan.skipped) + skipped + ([skipped_wall] if skipped_wall else [])
    if excluded.any():
        not_checked.insert(0, _horizon_note(cal, starts, excluded))
    elif cal.horizon == "projected" and provisional.any():
        not_checked.insert(0, _provisional_note(cal, starts, provisional))
    tz = ZoneInfo(cal.tz)
    ctx = _Context(contract, cal, plan, starts, events, results, excluded, tz, start_event, attr_cols, profiles)
    out = [_column_result(ctx, name) for name in COLUMN_INVARIANTS]
    if users:
        lines = Timelines(contract, cal, starts, events, results, gap_cols, now.replace(tzinfo=tz), attr_cols)
        out.extend(_user_result(ctx, name, fn, lines) for name, fn in users.items())
    checks = CASE_LEVEL if case_checks is None else case_checks
    if checks:
        judged, refused = _case_results(ctx, checks, sample)
        out.extend(judged)
        if refused is not None:
            not_checked.append(refused)
    return VerifyReport(
        contract=contract.name,
        results=tuple(out),
        checked=int((~excluded).sum()),
        first=dt.datetime.combine(lo, dt.time(), tz),
        last=_aware(one[-1], tz) if n else dt.datetime.combine(lo, dt.time(), tz),
        resolution=step.astype(dt.timedelta),
        not_checked=tuple(not_checked),
        seconds=time.perf_counter() - t0,
    )


# ---------------------------------------------------------------- arguments


def _resolution(value: object) -> np.timedelta64:
    try:
        p = period(value)  # type: ignore[arg-type]
    except (PeriodParseError, InvalidInputError, TypeError):
        p = None
    if p is None or p.unit not in (Unit.MINUTE, Unit.HOUR) or p.amount < 1:
        raise InvalidInputError(
            f"resolution must be a period of minutes or hours ('15分钟', '1小时', a timedelta of whole minutes); "
            f"got {brief(value)}"
        )
    return np.timedelta64(p.amount * (60 if p.unit is Unit.HOUR else 1), "m")


def _date(value: dt.date | str, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise InvalidInputError(f"{what} must be a date (the first or last start day); got {brief(value)}")
    day = as_date(value) if isinstance(value, dt.date | str) else None
    if day is None:
        raise InvalidInputError(f"{what} must be a date or ISO date text ('2026-09-30'); got {brief(value)}")
    return day


def _span(cal: WorkCalendar, first: dt.date | str | None, last: dt.date | str | None) -> tuple[dt.date, dt.date]:
    lo = cal.first_day if first is None else _date(first, "first")
    hi = cal.official_until if last is None else _date(last, "last")
    if lo < cal.first_day:
        raise InvalidInputError(
            f"first {lo.isoformat()} is before the calendar's data ({cal.first_day.isoformat()} .. "
            f"{cal.official_until.isoformat()}); start at {cal.first_day.isoformat()} or later"
        )
    if hi < lo:
        raise InvalidInputError(f"last {hi.isoformat()} is before first {lo.isoformat()}")
    if hi > cal.last_day:  # no timeline starting there could be checked; the starts would only take memory
        raise InvalidInputError(
            f"last {hi.isoformat()} is past the calendar's data ({cal.first_day.isoformat()} .. "
            f"{cal.last_day.isoformat()}); end at {cal.last_day.isoformat()} or earlier"
        )
    return lo, hi


def _start_event(contract: Contract, event: str | None) -> str:
    name = event if event is not None else (contract.events[0] if contract.events else contract.event_names[0])
    if name not in contract.event_names:
        raise InvalidInputError(
            f"event {brief(name)} is not an event of contract {contract.name!r}; its events: "
            f"{', '.join(contract.event_names)}"
        )
    return name


def _user_invariants(invariants: Mapping[str, UserInvariant] | None) -> dict[str, UserInvariant]:
    if invariants is None:
        return {}
    if not isinstance(invariants, Mapping):
        raise InvalidInputError(
            f"invariants must be a mapping of name to function(timelines) -> bool array; got {brief(invariants)}"
        )
    for name, fn in invariants.items():
        if not isinstance(name, str) or not name or name in COLUMN_INVARIANTS:
            raise InvalidInputError(
                f"a user invariant's name must be new text (not one of {', '.join(COLUMN_INVARIANTS)}); "
                f"got {brief(name)}"
            )
        if not callable(fn):
            raise InvalidInputError(f"invariant {name!r} must be a function of the timelines; got {brief(fn)}")
    return dict(invariants)


def _gaps(plan: Plan, gaps: Mapping[str, Sequence[Any]] | None) -> dict[str, list[np.timedelta64]]:
    if gaps is None:
        return {}
    if not isinstance(gaps, Mapping):
        raise InvalidInputError(f"gaps must be a mapping of event to a list of gaps ('6小时'); got {brief(gaps)}")
    out: dict[str, list[np.timedelta64]] = {}
    for name, values in gaps.items():
        if name not in plan.feeding:
            raise InvalidInputError(
                f"gaps: {brief(name)} is not an event a deadline clause is met by; events with gaps: "
                f"{', '.join(plan.feeding) or 'none'}"
            )
        if isinstance(values, str | Period | dt.timedelta) or not isinstance(values, Sequence) or not values:
            raise InvalidInputError(f"gaps[{name!r}] must be a non-empty list of gaps; got {brief(values)}")
        out[name] = [_gap(v, name) for v in values]
    return out


def _gap(value: object, name: str) -> np.timedelta64:
    """A gap as minutes: a period of hours or minutes, or a timedelta of whole minutes; zero ('0小时') allowed."""
    minutes: int | None = None
    if isinstance(value, dt.timedelta):
        if value >= dt.timedelta(0) and value % dt.timedelta(minutes=1) == dt.timedelta(0):
            minutes = value // dt.timedelta(minutes=1)
    elif isinstance(value, str | Period):
        text = value.strip() if isinstance(value, str) else value
        zero = isinstance(text, str) and text[:1] == "0" and not text.lstrip("0")[:1].isdigit()
        try:
            p = period(f"1{text.lstrip('0')}" if zero and isinstance(text, str) else text)
        except (PeriodParseError, InvalidInputError):
            p = None
        if p is not None and p.unit in (Unit.MINUTE, Unit.HOUR):
            minutes = 0 if zero else p.amount * (60 if p.unit is Unit.HOUR else 1)
    if minutes is None:
        raise InvalidInputError(
            f"gaps[{name!r}]: a gap is wall time in minutes or hours ('0小时', '6小时', '90分钟'); got {brief(value)}"
        )
    return np.timedelta64(minutes, "m")


# ---------------------------------------------------------------- the invariants


@final
@dataclasses.dataclass(slots=True)
class _Context:
    contract: Contract
    cal: WorkCalendar
    plan: Plan
    starts: npt.NDArray[np.datetime64]
    events: dict[str, Any]
    results: dict[str, Any]
    excluded: npt.NDArray[np.bool_]
    tz: ZoneInfo
    start_event: str
    attributes: dict[str, Any]
    profiles: list[dict[str, object]]


@final
@dataclasses.dataclass(slots=True)
class _Failure:
    """One clause's failing rows for an invariant, and how to word one of them."""

    clause: Clause | None
    rows: npt.NDArray[np.bool_]
    chain: int
    words: Callable[[int], Violation]
    steps: Callable[[int], tuple[Step, ...]]
    extended: bool = False


def _clauses_of(ctx: _Context, name: str) -> Iterator[tuple[Clause, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]]:
    """For invariant ``name``: each clause it applies to, the rows it applies on, and the rows that break it."""
    r = ctx.results
    for c in ctx.plan.checked:
        due = r.get(f"{c.name}.due")
        if due is None:
            continue
        has = ~np.isnat(due)
        if name == "due_after_start" and c.kind in ("deadline", "threshold", "window"):
            begun = r[f"{c.name}.start"] if c.kind == "deadline" else _anchor(ctx, c)
            ok = has & ~np.isnat(begun)
            yield c, ok, ok & (due <= begun)
        elif name == "last_day_workday" and c.kind == "deadline" and (rolled := _rolled_rows(ctx, c)).any():
            day = r[f"{c.name}.last_day"]
            ok = ~np.isnat(day) & ~ctx.excluded & rolled
            bad = np.zeros(len(day), bool)
            with _provisional.reading():
                bad[ok] = ~ctx.cal.is_workday(day[ok])
            yield c, ok, bad
        elif name == "cap_longer" and f"{c.name}.extended_due" in r:
            ext = r[f"{c.name}.extended_due"]
            ok = has & ~np.isnat(ext)
            yield c, ok, ok & (ext <= due)
        elif name == "notice_before_event" and c.kind == "notice":
            at = _anchor(ctx, c)
            ok = has & ~np.isnat(at)
            yield c, ok, ok & (due > at)


def _anchor(ctx: _Context, c: Clause) -> Any:
    if _is_date(c.starts_on):
        return np.full(len(ctx.starts), np.datetime64(c.starts_on, "us"))
    return ctx.events[c.starts_on]


def _rolled(contract: Contract, p: Period | None) -> bool:
    conv = contract.convention
    if p is None or not conv.roll_last_day:
        return False
    return p.unit in _ROLLED or (p.unit.is_clock_time and conv.roll_clock_time)


def _profile_rows(ctx: _Context, profile: Mapping[str, object]) -> npt.NDArray[np.bool_]:
    """The timelines run with ``profile``'s attributes (every timeline when there are no target tables)."""
    rows = np.ones(len(ctx.starts), bool)
    for a, col in ctx.attributes.items():
        rows &= col == profile.get(a)
    return rows


def _rolled_rows(ctx: _Context, c: Clause) -> npt.NDArray[np.bool_]:
    """The timelines where ``c``'s last day is moved off rest days: by its period, or by its target row's."""
    if c.targets is None:
        return np.full(len(ctx.starts), _rolled(ctx.contract, c.period))
    out = np.zeros(len(ctx.starts), bool)
    for profile in ctx.profiles:
        if _rolled(ctx.contract, c.targets.period_for(profile)):
            out |= _profile_rows(ctx, profile)
    return out


def _period_at(ctx: _Context, c: Clause, i: int) -> Period:
    """``c``'s limit in timeline ``i``: its period, or the row of its target table the timeline's attributes take."""
    if c.targets is not None:
        return c.targets.period_for({a: col[i] for a, col in ctx.attributes.items() if col[i] is not None})
    assert c.period is not None  # a checked deadline has a period or a target table (_not_checked_why)
    return c.period


def _column_result(ctx: _Context, name: str) -> InvariantResult:
    failures: list[_Failure] = []
    applies = np.zeros(len(ctx.starts), bool)
    if name == "chain_within":
        for e, fed in ctx.plan.fed.items():
            for c in fed:
                state = ctx.results.get(f"{c.name}.state")
                if state is None:
                    continue
                ok = ~np.isnat(ctx.events[e])
                applies |= ok
                failures.append(_chain_failure(ctx, c, e, ok & (state != _MET)))
    else:
        for c, ok, bad in _clauses_of(ctx, name):
            applies |= ok
            failures.append(_failure(ctx, name, c, bad))
    return _result(ctx, name, applies, failures)


def _result(ctx: _Context, name: str, applies: Any, failures: list[_Failure]) -> InvariantResult:
    keep = ~ctx.excluded
    any_bad = np.zeros(len(ctx.starts), bool)
    firsts: list[tuple[Any, int, _Failure]] = []
    smallest: list[tuple[Any, int, _Failure]] = []
    for k, f in enumerate(failures):
        rows = f.rows & keep
        if not rows.any():
            continue
        any_bad |= rows
        idx = np.flatnonzero(rows)
        s = ctx.starts[idx]
        i = int(idx[np.argmin(s)])
        firsts.append(((ctx.starts[i], k), i, f))
        day = s.astype("datetime64[D]")
        tod = (s - day.astype(US)).astype(np.int64)
        key = tod * 1_000_000 + day.astype(np.int64)  # earliest time of day, then earliest date
        j = int(idx[np.argmin(key)])
        smallest.append(((f.chain, int(key.min()), k), j, f))
    failed = int(any_bad.sum())
    return InvariantResult(
        name=name,
        holds=failed == 0,
        checked=int((applies & keep).sum()),
        failed=failed,
        clauses=tuple(dict.fromkeys(f.clause.name if f.clause else "*" for _, _, f in firsts)),
        first=_counterexample(ctx, *min(firsts, key=lambda t: t[0])[1:]) if firsts else None,
        smallest=_counterexample(ctx, *min(smallest, key=lambda t: t[0])[1:]) if smallest else None,
    )


def _aware(value: Any, tz: ZoneInfo) -> dt.datetime:
    out: dt.datetime = value.astype("datetime64[us]").astype(dt.datetime).replace(tzinfo=tz)
    return out


def _counterexample(ctx: _Context, i: int, f: _Failure) -> Counterexample:
    tz = ctx.tz
    row = {e: col[i] for e, col in ctx.events.items() if not np.isnat(col[i])}
    if f.extended and f.clause is not None and f.clause.extension is not None:
        row[f.clause.extension.event] = ctx.results[f"{f.clause.name}.start"][i]
        row.pop(f.clause.met_by or "", None)  # the cap pass gives the notice, and no met_by
    order = list(ctx.events)
    timeline = {
        e: _aware(row[e], tz) for e in sorted(row, key=lambda e: (row[e], order.index(e) if e in order else len(order)))
    }
    return Counterexample(
        start=_aware(ctx.starts[i], tz),
        attributes={a: col[i] for a, col in ctx.attributes.items() if col[i] is not None},
        events=timeline,
        violation=f.words(i),
        steps=f.steps(i),
        contract=ctx.contract,
        calendar=ctx.cal,
        start_event=ctx.start_event,
    )


def _due(ctx: _Context, key: str, i: int) -> str:
    return instant_words(_aware(ctx.results[key][i], ctx.tz), due=True)


def _failure(ctx: _Context, name: str, c: Clause, bad: Any) -> _Failure:
    r, tz = ctx.results, ctx.tz
    chain = 0 if _is_date(c.starts_on) else ctx.plan.depth.get(c.starts_on, 0) + 1

    def start_of(i: int) -> dt.datetime:
        return _aware(ctx.starts[i], tz)

    def words(i: int) -> Violation:
        if name == "due_after_start":
            begun = r[f"{c.name}.start"] if c.kind == "deadline" else _anchor(ctx, c)
            return violation(
                name,
                clause=c.name,
                start=start_of(i),
                due=_due(ctx, f"{c.name}.due", i),
                started=instant_words(_aware(begun[i], tz)),
            )
        if name == "last_day_workday":
            return violation(name, clause=c.name, start=start_of(i), last_day=str(r[f"{c.name}.last_day"][i]))
        if name == "cap_longer":
            assert c.extension is not None
            return violation(
                name,
                clause=c.name,
                start=start_of(i),
                extended=_due(ctx, f"{c.name}.extended_due", i),
                cap=c.extension.cap,
                due=_due(ctx, f"{c.name}.due", i),
                period=_period_at(ctx, c, i),
            )
        return violation(
            name,
            clause=c.name,
            start=start_of(i),
            due=_due(ctx, f"{c.name}.due", i),
            event=c.starts_on,
            at=instant_words(_aware(_anchor(ctx, c)[i], tz)),
        )

    return _Failure(c, bad, chain, words, lambda i: (), extended=name == "cap_longer")


def _chain_failure(ctx: _Context, c: Clause, event: str, bad: Any) -> _Failure:
    own = len(ctx.plan.steps_to(event, c.starts_on))  # the steps inside the clause it feeds
    whole = ctx.plan.steps_to(event, ctx.plan.start_event)
    tz = ctx.tz

    def at(i: int) -> tuple[Step, ...]:
        return tuple(Step(s.name, _period_at(ctx, s, i), e, _aware(ctx.events[e][i], tz)) for s, e in whole)

    def words(i: int) -> Violation:
        taken = at(i)[-own:]
        shown = chain_steps((s.clause, s.period, s.event, s.at) for s in taken)
        return violation(
            "chain_within",
            clause=c.name,
            start=_aware(ctx.starts[i], tz),
            steps=shown,
            event=event,
            at=instant_words(_aware(ctx.events[event][i], tz)),
            due=_due(ctx, f"{c.name}.due", i),
        )

    return _Failure(c, bad, own, words, at)


def _user_result(ctx: _Context, name: str, fn: UserInvariant, lines: Timelines) -> InvariantResult:
    try:
        got = fn(lines)
    except Exception as exc:
        raise InvalidInputError(f"invariant {name!r} raised {type(exc).__name__}: {exc}") from exc
    n = len(ctx.starts)
    if not isinstance(got, np.ndarray) or got.dtype != np.bool_ or got.shape != (n,):
        raise InvalidInputError(
            f"invariant {name!r} must return a bool array of shape ({n},), True where it holds; got {brief(got)}"
        )

    def words(i: int) -> Violation:
        return Violation(
            name,
            "*",
            _aware(ctx.starts[i], ctx.tz),
            f"用户不变式{name}在此时间线上不成立",
            f"the user invariant {name!r} does not hold on this timeline",
        )

    failure = _Failure(None, ~got, 0, words, lambda i: ())
    return _result(ctx, name, np.ones(n, bool), [failure])


def sample_cases(report_rows: int, sample: int) -> npt.NDArray[np.int64]:
    """Positions of a sample of ``sample`` of ``report_rows`` timelines, evenly spread."""
    if sample <= 0 or report_rows == 0:
        return np.zeros(0, np.int64)
    return np.unique(np.linspace(0, report_rows - 1, min(sample, report_rows)).astype(np.int64))


def _case_results(
    ctx: _Context, checks: Mapping[str, CaseCheck], sample: int
) -> tuple[list[InvariantResult], NotChecked | None]:
    """Case-level invariants (slaclock.testing's) on a sample of the timelines, each replayed as a case.

    A check gets ``(case, now)`` and returns the violations it finds (none where it holds); a
    timeline's first one is its counterexample's. A timeline the case refuses (a worst-case event before the
    receipt, for a clause counted from a fixed date), or a check that raises on it (a monthly clause read in a
    month past the official data), is not judged by that check, and the note says how many and why.
    """
    kept = np.flatnonzero(~ctx.excluded)
    rows = [int(kept[k]) for k in sample_cases(len(kept), sample)]
    quiet = _Failure(None, ctx.excluded, 0, lambda i: Violation("replay", "*", None, "", ""), lambda i: ())
    found: dict[str, dict[int, Violation]] = {name: {} for name in checks}
    applies = {name: np.zeros(len(ctx.starts), bool) for name in checks}
    refused: list[tuple[int, SlaclockError]] = []
    for i in rows:
        timeline = _counterexample(ctx, i, quiet)
        try:
            case = timeline.case
        except SlaclockError as exc:
            refused.append((i, exc))
            continue
        for name, check in checks.items():
            try:
                got: object = check(case, timeline.now)
            except SlaclockError as exc:
                refused.append((i, exc))
                continue
            if not isinstance(got, list | tuple) or not all(isinstance(v, Violation) for v in got):
                raise InvalidInputError(
                    f"case check {brief(name)} must return a list of Violation (empty where it holds); got {brief(got)}"
                )
            applies[name][i] = True
            if got:
                found[name][i] = got[0]
    out = []
    for name in checks:
        bad = np.zeros(len(ctx.starts), bool)
        bad[list(found[name])] = True
        failure = _Failure(None, bad, 0, found[name].__getitem__, lambda i: ())
        out.append(_result(ctx, name, applies[name], [failure]))
    if not refused:
        return out, None
    i, error = refused[0]
    count = len({r for r, _ in refused})
    first = instant_words(_aware(ctx.starts[i], ctx.tz))
    why = " ".join(str(error).split())[:300]
    note = NotChecked(
        "case checks",
        count,
        f"抽样的{len(rows):,}条时间线中有{count:,}条无法作为案件重放或判断（首条起算于{first}：{why}）",
        f"{count:,} of the {len(rows):,} sampled timelines could not be replayed or judged as cases (the first, "
        f"from {first}: {why})",
    )
    return out, note


def _within(
    contract: Contract,
    cal: WorkCalendar,
    plan: Plan,
    starts: Any,
    gaps: dict[str, Any],
    zone: Any,
    attrs: dict[str, Any],
) -> tuple[Any, ...]:
    """The starts up to the last day whose timelines stay in the calendar's data, and a note on the rest.

    Later starts give later timelines, so the last day that fits is found by bisection on one day's starts.
    """
    day = starts.astype("datetime64[D]")
    days = np.unique(day)

    def fits(k: int) -> bool:
        rows = day == days[k]
        try:
            cut = {a: col[rows] for a, col in attrs.items()}
            run_passes(contract, cal, plan, starts[rows], {e: g[rows] for e, g in gaps.items()}, zone, cut)
        except CalendarHorizonError:
            return False
        return True

    if not fits(0):
        raise CalendarHorizonError(
            f"verify: the timelines from the first start day {days[0]} already need days outside the calendar's "
            f"data ({cal.first_day.isoformat()} .. {cal.official_until.isoformat()}); give a calendar that spans them"
        )
    lo, hi = 0, len(days) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid - 1)
    keep = day <= days[lo]
    count = int((~keep).sum())
    first = instant_words(starts[~keep].min().astype(dt.datetime))
    end = cal.official_until.isoformat()
    note = NotChecked(
        "starts",
        count,
        f"自{first}起的{count:,}条时间线需要日历数据（止于{end}）以外的日期：未检查",
        f"{count:,} timelines from {first} on need days past the calendar's data (ends {end}): not checked",
    )
    return starts[keep], {e: g[keep] for e, g in gaps.items()}, {a: col[keep] for a, col in attrs.items()}, note


def _existing(starts: Any, tz: ZoneInfo, days: Any) -> tuple[Any, NotChecked | None]:
    """The starts whose wall time exists in the zone: those the clocks skip (DST) are not instants."""
    bad = skipped_walls(starts, tz, days)
    if not bad.any():
        return starts, None
    count = int(bad.sum())
    shown = instant_words(starts[bad].min().astype(dt.datetime))
    note = NotChecked(
        "starts",
        count,
        f"{count:,}个起算时刻（首个{shown}）在{tz.key}被夏令时跳过，不是真实时刻：未检查",
        f"{count:,} start wall times (the first {shown}) are skipped by the clocks in {tz.key} (DST): not "
        "instants, not checked",
    )
    return starts[~bad], note


def _horizon_note(cal: WorkCalendar, starts: Any, excluded: Any) -> NotChecked:
    count = int(excluded.sum())
    first = instant_words(_aware(starts[excluded].min(), ZoneInfo(cal.tz)))
    year = cal.official_until.year + 1
    return NotChecked(
        "starts",
        count,
        f"自{first}起的{count:,}条时间线需要{year}年的数据（官方数据止于{cal.official_until.isoformat()}）：未检查",
        f"{count:,} timelines from {first} on need {year} (the official data ends {cal.official_until.isoformat()}): "
        "not checked",
    )


def _provisional_note(cal: WorkCalendar, starts: Any, rows: Any) -> NotChecked:
    count = int(rows.sum())
    first = instant_words(_aware(starts[rows].min(), ZoneInfo(cal.tz)))
    return NotChecked(
        "provisional",
        count,
        f"自{first}起的{count:,}条时间线用到推算日期（暂定），已检查",
        f"{count:,} timelines from {first} on read projected days (provisional): checked",
    )
