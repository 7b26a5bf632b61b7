"""The worst-case timelines of :meth:`Contract.verify`: which clause places which event, and the evaluate passes.

Maintainer's notes
------------------
See :mod:`slaclock._contracts.verify` for the semantics. ``make_plan`` orders the
events by the longest chain that reaches them and names each one's feeding clause;
``run_passes`` places them depth by depth (one ``Contract.evaluate`` call per
depth, all rows at once), then evaluates each checked clause on the placed
timelines, and each capped extension once more with its notice at the clause's
start. Everything runs on the calendar it is given (the caller passes the
projected twin) inside one ``reading()`` block: no warning per pass, and the
``.provisional`` columns say which rows read projected days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, final
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from slaclock._base import warn as _provisional
from slaclock._base.show import brief
from slaclock._contracts.checks import _is_date
from slaclock._contracts.invariants import instant_words
from slaclock._contracts.status import STATES
from slaclock._contracts.verify_report import NotChecked
from slaclock.errors import InvalidInputError, SlaclockError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.contract import Contract

__all__ = [
    "NAT",
    "US",
    "Plan",
    "Timelines",
    "make_plan",
    "now_after",
    "run_passes",
    "skipped_walls",
    "target_profiles",
    "transition_days",
]

US: Final = "datetime64[us]"
NAT: Final = np.datetime64("NaT", "us")
_MINUTE: Final = np.timedelta64(1, "m")


@final
class Timelines:
    """The worst-case timelines of a verification, as columns: what a user invariant is given.

    Attributes
    ----------
    start : ndarray of datetime64[us]
        The start event's instant of each timeline (wall time in the calendar's zone).
    events : mapping of str to ndarray of datetime64[us]
        Each event of the contract: its instant in each timeline (wall time), NaT where it does not happen.
    results : mapping of str to ndarray
        ``Contract.evaluate``'s mapping output for the checked clauses (``<clause>.state`` as int8 codes,
        positions in :data:`slaclock.STATES`; ``.due``, ``.last_day``, ``.provisional``, and ``.start`` for
        deadlines), with every event as in ``events``; :meth:`state` gives a clause's states as text.
    gaps : mapping of str to ndarray of timedelta64[m]
        With ``gaps=``: each gapped event's gap after the event its feeding clause starts on.
    attributes : mapping of str to ndarray of object
        With target tables: each attribute a table chooses by, per timeline (None: the default row).
    contract, calendar, now
        The contract, the calendar counted on, and the instant the states were read at.
    """

    __slots__ = ("attributes", "calendar", "contract", "events", "gaps", "now", "results", "start")

    def __init__(
        self,
        contract: Contract,
        calendar: WorkCalendar,
        start: npt.NDArray[np.datetime64],
        events: Mapping[str, npt.NDArray[np.datetime64]],
        results: Mapping[str, npt.NDArray[Any]],
        gaps: Mapping[str, npt.NDArray[np.timedelta64]],
        now: dt.datetime,
        attributes: Mapping[str, npt.NDArray[Any]] | None = None,
    ) -> None:
        self.attributes = {} if attributes is None else attributes
        self.contract = contract
        self.calendar = calendar
        self.start = start
        self.events = events
        self.results = results
        self.gaps = gaps
        self.now = now

    def __len__(self) -> int:
        return len(self.start)

    def state(self, clause: str) -> npt.NDArray[np.str_]:
        """A clause's state in each timeline, as text (``"met"``, ``"breached"``, …)."""
        key = f"{clause}.state"
        if key not in self.results:
            checked = sorted({k.rsplit(".", 1)[0] for k in self.results})
            raise InvalidInputError(f"no checked clause {brief(clause)}; checked: {', '.join(checked)}")
        out: npt.NDArray[np.str_] = np.asarray(STATES)[self.results[key]]
        return out

    def __repr__(self) -> str:
        return f"<Timelines of {self.contract.name!r}: {len(self):,} rows>"


@final
@dataclasses.dataclass(slots=True)
class Plan:
    """Which event is placed by which clause, how deep, and what each placed event feeds."""

    start_event: str
    declared: tuple[str, ...]
    depth: dict[str, int]
    feeding: dict[str, Clause]
    fed: dict[str, tuple[Clause, ...]]
    checked: tuple[Clause, ...]
    skipped: tuple[NotChecked, ...]
    attributes: tuple[str, ...] = ()

    def steps_to(self, event: str, origin: str) -> list[tuple[Clause, str]]:
        """The feeding steps from ``origin`` down to ``event`` (each: the clause, the event it places)."""
        out: list[tuple[Clause, str]] = []
        cur = event
        while cur in self.feeding and cur != origin and len(out) <= len(self.feeding):
            c = self.feeding[cur]
            out.insert(0, (c, cur))
            cur = c.starts_on
        return out


# ---------------------------------------------------------------- the plan


def make_plan(contract: Contract, start_event: str) -> Plan:
    declared = tuple(e for e in contract.events if e != start_event)
    depth: dict[str, int] = {start_event: 0, **dict.fromkeys(declared, 0)}
    skipped: list[NotChecked] = []
    checked: list[Clause] = []
    feeders: list[Clause] = []
    for c in contract.clauses:
        why = _not_checked_why(c)
        if why is not None:
            skipped.append(NotChecked(f"clause {c.name!r}", None, *why))
            continue
        checked.append(c)
        if c.kind == "deadline" and c.met_by is not None:
            feeders.append(c)
    for _ in range(len(feeders) + 1):  # longest chains: at most one step per clause
        changed = False
        for c in feeders:
            s = 0 if _is_date(c.starts_on) else depth.get(c.starts_on)
            if s is not None and c.met_by not in declared and c.met_by != start_event:
                assert c.met_by is not None
                if depth.get(c.met_by, -1) < s + 1:
                    depth[c.met_by] = s + 1
                    changed = True
        if not changed:
            break
    for c in checked:
        if not _is_date(c.starts_on) and c.starts_on not in depth:
            skipped.append(
                NotChecked(
                    f"clause {c.name!r}",
                    None,
                    f"其起算事件{c.starts_on}在最坏情况时间线中不发生（没有条款以它为met_by而可推出其时刻）",
                    f"its start event {c.starts_on!r} does not happen in the worst-case timeline (no deadline "
                    "places it)",
                )
            )
    feeding: dict[str, Clause] = {}
    fed: dict[str, tuple[Clause, ...]] = {}
    for e in sorted((e for e in depth if depth[e] > 0), key=lambda e: depth[e]):
        meeting = [c for c in feeders if c.met_by == e and (_is_date(c.starts_on) or c.starts_on in depth)]
        best = max(meeting, key=lambda c: 0 if _is_date(c.starts_on) else depth[c.starts_on])
        feeding[e] = best
        fed[e] = tuple(c for c in meeting if c is not best)
    attributes = tuple(dict.fromkeys(a for c in checked if c.targets is not None for a in c.targets.attributes))
    return Plan(start_event, declared, depth, feeding, fed, tuple(checked), tuple(skipped), attributes)


def _not_checked_why(c: Clause) -> tuple[str, str] | None:
    if c.kind == "monthly":
        return (
            "按月条款的期限由日历月份决定，而非由起算时间决定，逐起算时间的检查不适用",
            "a monthly clause's window is set by the calendar month, not by a start: a check per start does not apply",
        )
    if c.kind == "recurring":
        return (
            "循环条款的周期数不定，最坏情况时间线不适用",
            "a recurring clause has any number of cycles: a worst-case timeline does not apply",
        )
    if c.period is None and c.kind != "window":
        return (
            "时限按案件属性取自目标表，逐行属性未给出",
            "its limit is chosen per case from a target table by attributes the grid does not give",
        )
    if c.kind == "window" and c.period is not None and c.period.unit.is_clock_time:
        return ("以小时计的窗口，批量计算不支持", "a window in hours, which evaluate does not follow")
    return None


# ---------------------------------------------------------------- the passes


def _evaluate(
    contract: Contract,
    cal: WorkCalendar,
    table: Mapping[str, Any],
    clauses: Sequence[str],
    fields: Sequence[str],
    attrs: Mapping[str, Any],
) -> dict[str, Any]:
    now = now_after(table)
    out: dict[str, Any] = contract.evaluate(
        {**table, **attrs},
        now=now,
        clauses=list(clauses),
        calendar=cal,
        ignore_pauses=True,
        states="codes",
        fields=list(fields),
    )
    return out


def now_after(table: Mapping[str, Any]) -> dt.datetime:
    """One minute after the latest instant of any column: every event is before it."""
    top = None
    for col in table.values():
        if col.dtype.kind == "M" and len(col):
            m = col.astype(US).view(np.int64).max()  # NaT is the smallest int64: max skips it
            top = m if top is None or m > top else top
    if top is None or top == np.iinfo(np.int64).min:
        return dt.datetime(2000, 1, 1)
    out: dt.datetime = (np.int64(top).astype(US).astype("datetime64[m]") + _MINUTE).astype(dt.datetime)
    return out


def run_passes(
    contract: Contract,
    cal: WorkCalendar,
    plan: Plan,
    starts: npt.NDArray[np.datetime64],
    gaps: Mapping[str, npt.NDArray[np.timedelta64]],
    zone: tuple[ZoneInfo, Any] | None = None,
    attributes: Mapping[str, npt.NDArray[Any]] | None = None,
) -> tuple[dict[str, Any], dict[str, Any], npt.NDArray[np.bool_], list[NotChecked]]:
    """Place the events depth by depth, then evaluate every checked clause on the placed timelines.

    ``zone``: the calendar's zone and its :func:`transition_days`, where a last moment may fall in a wall-time
    gap (DST) and is moved to the last minute before the gap, the last moment that exists.
    """
    n = len(starts)
    nat = np.full(n, NAT)
    attrs = {a: np.full(n, None, object) for a in plan.attributes}  # a null takes a target table's default row
    attrs.update(attributes or {})
    events: dict[str, Any] = {plan.start_event: starts, **dict.fromkeys(plan.declared, starts)}
    provisional = np.zeros(n, bool)
    skipped: list[NotChecked] = []
    with _provisional.reading():
        for d in sorted({plan.depth[e] for e in plan.feeding}):
            placing = [e for e in plan.feeding if plan.depth[e] == d]
            clauses = [plan.feeding[e] for e in placing]
            table = _table(contract, events, clauses, nat)
            r = _evaluate(contract, cal, table, [c.name for c in clauses], ["due", "provisional"], attrs)
            for e, c in zip(placing, clauses, strict=True):
                due = r[f"{c.name}.due"]
                provisional |= r[f"{c.name}.provisional"]
                last = _back_to_existing((due - np.timedelta64(1, "us")).astype("datetime64[m]").astype(US), zone)
                if e in gaps:
                    begun = events[c.starts_on] if not _is_date(c.starts_on) else last
                    last = np.minimum(begun + gaps[e], last)  # NaT stays NaT
                    last[np.isnat(due)] = NAT
                events[e] = last
        for e in contract.event_names:
            events.setdefault(e, nat)
        results: dict[str, Any] = {}
        for c in plan.checked:
            fields = ["state", "due", "last_day", "provisional"] + (["start"] if c.kind == "deadline" else [])
            table, late = _window_rows(c, events, nat)
            if late:
                skipped.append(late)
            try:
                r = _evaluate(contract, cal, table, [c.name], fields, attrs)
            except SlaclockError as exc:
                skipped.append(
                    NotChecked(f"clause {c.name!r}", None, f"批量计算拒绝：{exc}", f"evaluate refuses it: {exc}")
                )
                continue
            provisional |= r[f"{c.name}.provisional"]
            results.update(r)
        for c in plan.checked:
            ext = c.extension
            if ext is None or ext.cap is None or f"{c.name}.start" not in results:
                continue
            table = {**events, ext.event: results[f"{c.name}.start"], str(c.met_by): nat}
            try:
                r = _evaluate(contract, cal, table, [c.name], ["due", "provisional"], attrs)
            except SlaclockError as exc:
                skipped.append(
                    NotChecked(
                        f"cap_longer of {c.name!r}",
                        None,
                        f"批量计算拒绝延长通知：{exc}",
                        f"evaluate refuses the notice: {exc}",
                    )
                )
                continue
            provisional |= r[f"{c.name}.provisional"]
            results[f"{c.name}.extended_due"] = r[f"{c.name}.due"]
    return events, results, provisional, skipped


def _window_rows(c: Clause, events: dict[str, Any], nat: Any) -> tuple[dict[str, Any], NotChecked | None]:
    """A window that closes on a fixed day never opens for a start after it: those rows do not start it."""
    if c.kind != "window" or c.ends_on is None or not _is_date(c.ends_on) or _is_date(c.starts_on):
        return events, None
    begun = events[c.starts_on]
    late = begun.astype("datetime64[D]") > np.datetime64(c.ends_on, "D")
    if not late.any():
        return events, None
    first = instant_words(begun[late].min().astype(dt.datetime))
    n = int(late.sum())
    note = NotChecked(
        f"clause {c.name!r}",
        n,
        f"自{first}起的{n:,}条时间线，{c.starts_on}晚于窗口的最后一日{c.ends_on}：窗口不开启",
        f"{n:,} timelines from {first} on: {c.starts_on} comes after the window's last day {c.ends_on}, "
        "so it never opens",
    )
    return {**events, c.starts_on: np.where(late, nat, begun)}, note


def _table(contract: Contract, events: Mapping[str, Any], clauses: Sequence[Clause], nat: Any) -> dict[str, Any]:
    table = dict(events)
    for c in clauses:
        for e in c.event_names:
            table.setdefault(e, nat)
    return table


def transition_days(tz: ZoneInfo, first: dt.date, last: dt.date) -> npt.NDArray[np.datetime64]:
    """The days of ``first .. last`` on which ``tz`` changes its UTC offset (DST): few, or none (CN)."""
    out = []
    day = first
    while day <= last:
        if (
            dt.datetime.combine(day, dt.time(), tz).utcoffset()
            != dt.datetime.combine(day, dt.time(23, 59), tz).utcoffset()
        ):
            out.append(day)
        day += dt.timedelta(days=1)
    return np.array(out, "datetime64[D]")


def skipped_walls(values: Any, tz: ZoneInfo, days: Any) -> npt.NDArray[np.bool_]:
    """Where a wall time in ``values`` does not exist in ``tz`` (the clocks skip it); ``days`` from transition_days."""
    out = np.zeros(len(values), bool)
    if len(days) == 0:
        return out
    for i in np.flatnonzero(np.isin(values.astype("datetime64[D]"), days)):
        wall = values[i].astype(dt.datetime)
        out[i] = wall.replace(tzinfo=tz).astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != wall
    return out


def _back_to_existing(values: Any, zone: tuple[ZoneInfo, Any] | None) -> Any:
    if zone is None:
        return values
    bad = skipped_walls(values, *zone)
    while bad.any():  # at most the gap's minutes, on a few rows
        values[bad] -= _MINUTE
        bad &= skipped_walls(values, *zone)
    return values


def target_profiles(plan: Plan) -> list[dict[str, object]]:
    """One set of attributes per row of the checked clauses' target tables, each choosing that row (a condition's
    first value, in sorted order); the default row first, as ``{}``. The grid is repeated once per profile."""
    out: list[dict[str, object]] = [{}]
    for c in plan.checked:
        if c.targets is None:
            continue
        for row in c.targets.rows:
            profile: dict[str, object] = {name: sorted(values, key=repr)[0] for name, values in row.when}
            if profile not in out:
                out.append(profile)
    return out
