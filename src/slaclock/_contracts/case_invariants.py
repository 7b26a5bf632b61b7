"""The invariants on one case: the scalar face of :mod:`slaclock.testing`, and the oracle of ``Contract.verify``.

Each function takes a :class:`~slaclock.Case` (``chain_within``: a contract and one start) and returns the
:class:`~slaclock._contracts.invariants.Violation` list of one invariant of the catalog
(:data:`~slaclock._contracts.invariants.INVARIANTS`), empty when it holds, worded only through
:func:`~slaclock._contracts.invariants.violation`.

Maintainer's notes
------------------
* **Plain on purpose.** These functions are written from what a user sees (``Case.status``, ``Case.record``,
  ``Contract.open``, ``Contract.evaluate``), clause by clause, without the column engine's shortcuts: the
  column invariants of ``Contract.verify`` are property-tested against them, so they must be obviously right
  rather than fast. Nothing here imports ``verify``.
* **Real cases.** Every timeline an invariant builds (a worst-case chain, a case with a pause added, an
  extension noticed at a clause's start, a replay from ``to_dict``) is built through the case's own methods,
  so the rules' refusals apply; an invariant never checks a timeline the rules would refuse.
* **Quiet on projected days.** The statuses computed here are read inside a ``reading()`` block: on a
  ``horizon="projected"`` calendar they give their provisional answers without a ``ProvisionalWarning``
  each (an invariant compares the engine with itself; a provisional due is checked as given).
* **Which kinds.** Each function's docstring says which clause kinds it applies to; the others are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from slaclock._base import warn as _provisional
from slaclock._base.instants import before, shifted, utc_us
from slaclock._base.show import brief, strf
from slaclock._calendar import day_table
from slaclock._contracts.case import Case, open_case
from slaclock._contracts.invariants import INVARIANTS, Violation, chain_steps, instant_words, violation
from slaclock._contracts.status import ClauseStatus, Status
from slaclock._days.kinds import DayKind
from slaclock._periods.period import Period, Unit
from slaclock._rules.deadline import read_instant
from slaclock.errors import InvalidInputError, SlaclockError

if TYPE_CHECKING:
    from pendulum import DateTime

    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.calendar_spec import CalendarLike
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.contract import Contract
    from slaclock._contracts.targets import AttributeValue

__all__ = [
    "assert_case",
    "cap_longer",
    "chain_within",
    "check_case",
    "due_after_start",
    "evaluate_matches_case",
    "last_day_workday",
    "notice_before_event",
    "pause_not_earlier",
    "replay_deterministic",
]

_MINUTE: Final = dt.timedelta(minutes=1)
_CHAINED: Final = ("deadline", "threshold")
"""The kinds a chain is made of: a limit counted from one event and met by another."""
_DEFAULT_PAUSE: Final = dt.timedelta(hours=2)
"""How long :func:`pause_not_earlier` pauses when not told (from ``now``): short, on purpose (a short pause on a
workday gives that workday back, the case the rule must get right)."""


# -- helpers ---------------------------------------------------------------------------------------


def _check_case_arg(case: object, where: str) -> Case:
    if not isinstance(case, Case):
        raise InvalidInputError(f"{where} needs a Case (contract.open(...)); got {type(case).__name__} {brief(case)}")
    return case


def _now(case: Case, now: object, where: str) -> DateTime:
    """``now`` read in the case's calendar zone; None: the case's last event (the first moment that counts them
    all). Earlier than the last event is refused, as ``Case.status`` refuses it."""
    last = case.events[-1].at
    if now is None:
        return last
    when = read_instant(case.calendar, now, "now")
    if when is None:
        raise InvalidInputError(f"{where}: now must be an instant (a datetime or ISO date-time), not {brief(now)}")
    if before(when, last):
        raise InvalidInputError(
            f"{where}: now {when.isoformat()} is earlier than the case's last event at {last.isoformat()}"
        )
    return when


def _instant_arg(case: Case, value: object, what: str) -> DateTime:
    read = read_instant(case.calendar, value, what)
    if read is None:
        raise InvalidInputError(f"pause_not_earlier: {what} must be an instant, not {brief(value)}")
    return read


def _status(case: Case, now: dt.datetime) -> Status:
    with _provisional.reading():  # provisional answers are checked as given, without a warning each
        return case.status(now=now, lang="en")


def _as_instant(value: DateTime | dt.date, cal: WorkCalendar) -> dt.datetime:
    """A status's start: an instant as it is, a date as its 00:00 in the calendar's zone."""
    if isinstance(value, dt.datetime):
        return value
    at = read_instant(cal, dt.datetime.combine(value, dt.time()), "start")
    assert at is not None
    return at


def _started(s: ClauseStatus) -> list[ClauseStatus]:
    """The counted limits of a status: a recurring clause's cycles, else the status itself."""
    return list(s.cycles) if s.cycles else [s]


# -- one invariant each ----------------------------------------------------------------------------


def due_after_start(case: Case, now: object = None) -> list[Violation]:
    """Each started clause's due is after its start (``due > start``).

    Applies to deadline, threshold, window and monthly clauses, and to each cycle of a recurring clause. A
    notice clause is skipped: its due comes *before* its anchor by design (:func:`notice_before_event`).

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.case_invariants import due_after_start
    >>> c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
    ...                 events=["received"])
    >>> due_after_start(c.open(received_at="2026-09-30T16:20"))
    []
    """
    case = _check_case_arg(case, "due_after_start")
    when = _now(case, now, "due_after_start")
    out: list[Violation] = []
    for s in _status(case, when).clauses:
        if case.contract.clause(s.clause).kind == "notice":
            continue
        for cycle in _started(s):
            if cycle.start is None or cycle.due is None:
                continue
            start = _as_instant(cycle.start, case.calendar)
            if not before(start, cycle.due):
                out.append(
                    violation(
                        "due_after_start",
                        clause=s.clause,
                        start=start,
                        due=instant_words(cycle.due, due=True),
                        started=start,
                    )
                )
    return out


def _rolled(c: Clause, s: ClauseStatus, case: Case) -> bool:
    """Whether the convention moves this limit's last day off rest days (so it must land on a workday)."""
    conv = case.contract.convention
    unit = s.period.unit if s.period is not None else None
    if c.kind in ("deadline", "recurring"):
        if unit is None or unit in (Unit.WORK_MINUTE, Unit.WORK_HOUR):
            return False  # working time runs out inside working hours: nothing is moved
        if unit in (Unit.MINUTE, Unit.HOUR):
            return conv.roll_clock_time
        return conv.roll_last_day
    if c.kind == "window":
        return conv.roll_fixed_ranges and conv.roll_last_day
    if c.kind == "notice":
        return conv.roll_backward
    return False  # threshold: never moved; monthly: its rule places the day


def last_day_workday(case: Case, now: object = None) -> list[Violation]:
    """A last day the convention moved off rest days is a workday (a makeup workday counts as one unless the
    convention treats makeup days as rest).

    Applies to deadline clauses (and each cycle of a recurring clause) counted in days, weeks, months, years or
    workdays when the convention rolls the last day (``roll_last_day``; hours and minutes only with
    ``roll_clock_time``), to windows with ``roll_fixed_ranges``, to notices with ``roll_backward``. Skipped:
    thresholds (never moved), monthly clauses (the rule places the day), working-time limits (they run out
    inside working hours).

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.case_invariants import last_day_workday
    >>> c = sc.Contract("x", [sc.Clause("fee", "3日", starts_on="received", met_by="paid")], events=["received"])
    >>> last_day_workday(c.open(received_at="2026-09-28T16:20"))   # 10-01 is a holiday: rolled to 10-09
    []
    """
    case = _check_case_arg(case, "last_day_workday")
    when = _now(case, now, "last_day_workday")
    cal, conv = case.calendar, case.contract.convention
    out: list[Violation] = []
    with _provisional.reading():
        for s in _status(case, when).clauses:
            c = case.contract.clause(s.clause)
            for cycle in _started(s):
                if cycle.last_day is None or cycle.start is None or not _rolled(c, cycle, case):
                    continue
                day = cycle.last_day
                # a count of workdays ends on a workday by its own count (makeup days are counted as worked),
                # so the convention's "makeup days are rest" is not asked of it: art. 203 moves nothing there
                counted = cycle.period is not None and cycle.period.unit is Unit.WORKDAY
                rest = not cal.is_workday(day) or (
                    conv.makeup_days_are_rest and not counted and cal.day_kind(day) is DayKind.MAKEUP_WORKDAY
                )
                if rest:
                    start = _as_instant(cycle.start, cal)
                    out.append(violation("last_day_workday", clause=s.clause, start=start, last_day=day))
    return out


def cap_longer(case: Case) -> list[Violation]:
    """Each capped extension ends after the standard limit, at this case's start of the clause.

    For each clause with an extension cap whose start is known in the case: a fresh case opened at that
    start (same calendar and attributes) gives the standard due, and the same case with the extension
    noticed at the start gives the extended due; the extended due must be later. Clauses without an
    extension or without a cap (the notice states the time) are skipped, and so are clauses not started.

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.case_invariants import cap_longer
    >>> c = sc.Contract("x", [sc.Clause("fix", "10个工作日", starts_on="received", met_by="fixed",
    ...                                  extension=sc.Extension("30个工作日", event="complex_notified"))],
    ...                 events=["received"])
    >>> cap_longer(c.open(received_at="2026-09-30T16:20"))
    []
    """
    case = _check_case_arg(case, "cap_longer")
    out: list[Violation] = []
    for c in case.contract.clauses:
        if c.extension is None or c.extension.cap is None or c.kind != "deadline":
            continue
        start = _clause_start(case, c)
        if start is None:
            continue
        fresh = open_case(
            case.contract,
            received_at=start,
            event=c.starts_on if c.starts_on in case.contract.event_names else case.events[0].name,
            calendar=case.calendar,
            attributes=case.attributes,
        )
        standard = _status(fresh, start)[c.name]
        extended = _status(fresh.extend(c.name, notified_at=start), start)[c.name]
        if standard.due is None or extended.due is None:
            continue
        if not before(standard.due, extended.due):
            out.append(
                violation(
                    "cap_longer",
                    clause=c.name,
                    start=start,
                    extended=instant_words(extended.due, due=True),
                    cap=c.extension.cap,
                    due=instant_words(standard.due, due=True),
                    period=standard.period,
                )
            )
    return out


def _clause_start(case: Case, c: Clause) -> DateTime | None:
    if c.starts_on in case.contract.event_names:
        return case.occurred(c.starts_on)
    return read_instant(case.calendar, dt.datetime.combine(dt.date.fromisoformat(c.starts_on), dt.time()), "start")


def notice_before_event(case: Case, now: object = None) -> list[Violation]:
    """A notice clause is due no later than the event it announces (its anchor): ``due <= anchor``.

    A notice met at an instant before its due then comes before the event. Applies to notice clauses whose
    anchor (an event that happened, or a fixed date's 00:00) is known; every other kind is skipped.

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.case_invariants import notice_before_event
    >>> c = sc.Contract("x", [sc.Clause("n", "30日", kind="notice", starts_on="terminated", met_by="notified")],
    ...                 events=["signed", "terminated"])
    >>> notice_before_event(c.open(received_at="2026-09-01T10:00", event="signed")
    ...                     .record("terminated", at="2026-10-31T10:00"))
    []
    """
    case = _check_case_arg(case, "notice_before_event")
    when = _now(case, now, "notice_before_event")
    out: list[Violation] = []
    for s in _status(case, when).clauses:
        c = case.contract.clause(s.clause)
        if c.kind != "notice" or s.start is None or s.due is None:
            continue
        anchor = _as_instant(s.start, case.calendar)
        if before(anchor, s.due):
            out.append(
                violation(
                    "notice_before_event",
                    clause=c.name,
                    start=case.received_at,
                    due=instant_words(s.due, due=True),
                    event=c.starts_on,
                    at=anchor,
                )
            )
    return out


def pause_not_earlier(case: Case, now: object = None, at: object = None, until: object = None) -> list[Violation]:
    """Pausing the case never makes a pausable clause's due earlier.

    The case with a pause from ``at`` to ``until`` added (through ``Case.from_dict``, so every rule applies)
    is compared, at ``max(now, until)``, with the case as it is: each pausable clause whose due both give
    must not be due earlier with the pause. ``at`` defaults to ``now`` and ``until`` to two hours after
    ``at``: a short pause, which on a workday gives that workday back to a day-based clause (the due moves
    later, so it holds). Clauses that are not pausable, not started, or whose clock is stopped at that
    moment are skipped, and so is the whole check when the case is already paused at ``at`` and ``at`` was
    not given.

    Raises
    ------
    InvalidInputError
        ``until`` not after ``at``, or a pause the case refuses (it overlaps one of its own, or starts before
        its receipt).

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.case_invariants import pause_not_earlier
    >>> c = sc.Contract("x", [sc.Clause("fix", "5个工作日", starts_on="received", met_by="fixed", pausable=True)],
    ...                 events=["received"])
    >>> case = c.open(received_at="2026-09-24T10:00")
    >>> pause_not_earlier(case, at="2026-09-29T15:00", until="2026-09-29T16:00")   # gives 09-29 back
    []
    """
    case = _check_case_arg(case, "pause_not_earlier")
    when = _now(case, now, "pause_not_earlier")
    given = at is not None
    paused = _instant_arg(case, at, "at") if given else when
    zone = day_table(case.calendar).tzone()
    resumed = shifted(zone, paused, _DEFAULT_PAUSE) if until is None else _instant_arg(case, until, "until")
    if not before(paused, resumed):
        raise InvalidInputError(f"pause_not_earlier: until {resumed.isoformat()} must be after at {paused.isoformat()}")
    pausable = [c.name for c in case.contract.clauses if c.pausable]
    if not pausable:
        return []
    if not given and case.paused_since is not None:
        return []
    try:
        with_pause = _with_pause(case, paused, resumed)
    except SlaclockError as exc:
        raise InvalidInputError(
            f"pause_not_earlier: the case refuses a pause from {paused.isoformat()} to {resumed.isoformat()}: {exc}"
        ) from None
    judge = max(when, resumed, with_pause.events[-1].at, key=utc_us)
    plain, paused_status = _status(case, judge), _status(with_pause, judge)
    out: list[Violation] = []
    for name in pausable:
        if any(n == name for n, _ in plain.not_supported + paused_status.not_supported):
            continue
        a, b = plain[name], paused_status[name]
        if a.due is None or b.due is None or a.start is None:
            continue
        if before(b.due, a.due):
            start = _as_instant(a.start, case.calendar)
            out.append(
                violation(
                    "pause_not_earlier",
                    clause=name,
                    start=start,
                    paused=paused,
                    resumed=resumed,
                    paused_due=instant_words(b.due, due=True),
                    due=instant_words(a.due, due=True),
                )
            )
    return out


def _with_pause(case: Case, paused: dt.datetime, resumed: dt.datetime) -> Case:
    """The case with a pause from ``paused`` to ``resumed`` among its events, replayed with every check."""
    data = case.to_dict()
    events: list[dict[str, Any]] = list(data["events"])
    times = [e.at for e in case.events]
    # after the events at the same instant: a pause at the instant a clause is met stops nothing
    i = sum(1 for t in times if t <= paused)
    events.insert(i, {"kind": "pause", "name": "pause_not_earlier", "at": paused.isoformat()})
    j = 1 + sum(1 for t in times if t <= resumed)
    events.insert(j, {"kind": "resume", "name": "", "at": resumed.isoformat()})
    return Case.from_dict(case.contract, {**data, "events": events}, calendar=case.calendar)


def _shown(s: ClauseStatus | None) -> str:
    if s is None:
        return "no status"
    due = "no due" if s.due is None else f"due {strf(s.due, '%Y-%m-%d %H:%M:%S')}"
    return f"{s.state}, {due}, last day {s.last_day}, done {s.done_at}, provisional {s.provisional}"


def replay_deterministic(case: Case, now: object = None) -> list[Violation]:
    """The status twice, and once more from the case stored (``to_dict``, through JSON) and replayed
    (``Case.from_dict``), gives the same status for every clause.

    Applies to every kind.

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.case_invariants import replay_deterministic
    >>> c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
    ...                 events=["received"])
    >>> replay_deterministic(c.open(received_at="2026-09-30T16:20").record("acknowledged", at="2026-10-01T10:00"))
    []
    """
    case = _check_case_arg(case, "replay_deterministic")
    when = _now(case, now, "replay_deterministic")
    first = _status(case, when)
    runs: list[tuple[str, Status | str]] = [("again", _status(case, when))]
    try:
        stored = json.loads(json.dumps(case.to_dict(), ensure_ascii=False))
        runs.append(("stored", _status(Case.from_dict(case.contract, stored, calendar=case.calendar), when)))
    except SlaclockError as exc:
        runs.append(("stored", f"replaying the stored case raised {type(exc).__name__}: {exc}"))
    out: list[Violation] = []
    for how, second in runs:
        for s in first.clauses:
            if isinstance(second, str):
                other = second
            else:
                match = [t for t in second.clauses if t.clause == s.clause]
                if match and match[0] == s and match[0].explanation == s.explanation:
                    continue
                other = _shown(match[0] if match else None)
                if match and other == _shown(s):
                    other += " (its explanation or elapsed time differs)"
            words = "from its stored form" if how == "stored" else "a second time"
            out.append(
                violation(
                    "replay_deterministic",
                    clause=s.clause,
                    start=case.received_at,
                    first=_shown(s),
                    second=f"{other} ({words})",
                )
            )
    return out


def evaluate_matches_case(case: Case, now: object = None) -> list[Violation]:
    """``contract.evaluate`` on the case as one row gives each clause the state, due, last day and
    provisional mark ``Case.status`` gives.

    The row holds each event's instant (recurring events and repeated ones in a ``log``), the pauses in a
    ``pauses`` table, the attributes as columns. Skipped: clauses the case lists under ``not_supported``, and
    a clause extended by a notice that states its own time (a column cannot say the time; ``evaluate``
    refuses it).

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.case_invariants import evaluate_matches_case
    >>> c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
    ...                 events=["received"])
    >>> evaluate_matches_case(c.open(received_at="2026-09-30T16:20").record("acknowledged", at="2026-10-01T10:00"))
    []
    """
    import numpy as np

    case = _check_case_arg(case, "evaluate_matches_case")
    when = _now(case, now, "evaluate_matches_case")
    contract = case.contract
    status = _status(case, when)
    stated = {e.get("clause") for e in case.events if e.kind == "extend" and e.get("period") is not None}
    skipped = {n for n, _ in status.not_supported}
    names = [s.clause for s in status.clauses if s.clause not in stated | skipped]
    if not names:
        return []

    def instants(values: Sequence[dt.datetime | None]) -> Any:
        """Aware instants, as the case holds them: wall times would lose which of a repeated hour's readings."""
        return np.array(list(values), dtype=object)

    counts: dict[str, int] = {}
    for e in case.events:
        if e.kind != "pause" and e.kind != "resume":
            counts[e.name] = counts.get(e.name, 0) + 1
    # an event that occurred more than once, or a recurring clause's, goes in a log; one that never occurred is a
    # column of NaT either way
    logged = {n for n, k in counts.items() if k > 1 or n in contract.repeated_events}
    table: dict[str, Any] = {}
    for name in contract.event_names:
        if name in logged:
            continue
        table[name] = instants([case.occurred(name)])
    attributes = case.attributes
    for key in contract.attributes:  # a missing attribute is a null: the default row, as for the case
        table[key] = np.array([attributes.get(key)], dtype=object)
    options: dict[str, Any] = {}
    occurrences = [e for e in case.events if e.kind not in ("pause", "resume") and e.name in logged]
    if logged:
        options["log"] = {
            "event": np.array([e.name for e in occurrences], dtype=object),
            "at": instants([e.at for e in occurrences]),
            "row": np.zeros(len(occurrences), dtype=np.int64),
        }
    spans: list[tuple[dt.datetime, dt.datetime | None]] = []
    for e in case.events:
        if e.kind == "pause":
            spans.append((e.at, None))
        elif e.kind == "resume":
            spans[-1] = (spans[-1][0], e.at)
    if spans:
        options["pauses"] = {
            "row": np.zeros(len(spans), dtype=np.int64),
            "paused_at": instants([p for p, _ in spans]),
            "resumed_at": instants([r for _, r in spans]),
        }
    else:
        options["ignore_pauses"] = True
    out: list[Violation] = []
    try:
        with _provisional.reading():
            result = contract.evaluate(table, now=when, clauses=names, calendar=case.calendar, **options)
    except SlaclockError as exc:
        return [
            violation(
                "evaluate_matches_case",
                clause=names[0],
                start=case.received_at,
                column=f"an error, {type(exc).__name__}: {exc}",
                case=_shown(status[names[0]]),
            )
        ]
    for name in names:
        s = status[name]
        got = _row(result, name)
        want = (
            s.state,
            None if s.due is None else s.due.replace(tzinfo=None),
            s.last_day,
            s.provisional,
        )
        if got != want:
            out.append(
                violation(
                    "evaluate_matches_case",
                    clause=name,
                    start=case.received_at,
                    column=_words(got),
                    case=_words(want),
                )
            )
    return out


def _row(result: dict[str, Any], name: str) -> tuple[object, ...]:
    """Row 0 of ``evaluate``'s columns for clause ``name``: (state, due, last day, provisional) as Python values."""
    import numpy as np

    due = result[f"{name}.due"][0]
    last = result[f"{name}.last_day"][0]
    return (
        str(result[f"{name}.state"][0]),
        None if np.isnat(due) else due.astype("datetime64[us]").item(),
        None if np.isnat(last) else last.astype("datetime64[D]").item(),
        bool(result[f"{name}.provisional"][0]),
    )


def _words(values: tuple[object, ...]) -> str:
    state, due, last, provisional = values
    return f"{state}, due {due}, last day {last}, provisional {provisional}"


# -- the worst-case chain ------------------------------------------------------------------------


def chain_within(
    contract: Contract,
    start: object,
    *,
    event: str | None = None,
    calendar: CalendarLike | None = None,
    attributes: Mapping[str, AttributeValue | None] | None = None,
) -> list[Violation]:
    """The worst-case chain at one start: each step taken at the last moment its own limit allows, and still
    no clause met by those steps is breached.

    A case is opened with ``event`` (default: the contract's first declared event) at ``start``. Then, in time
    order, each event that some deadline or threshold clause is met by, and whose clauses have all started,
    is recorded at the last moment its *feeding* clause allows: ``due - 1 minute`` (the due is exclusive, and
    slaclock counts at minute resolution). The feeding clause is, among the clauses met by that event, the
    one whose start came latest (seed 001: ``solution_proposed`` meets ``proposal``, counted from
    ``investigated``, and ``standard_handling``, counted from ``acknowledged``; the proposal feeds it); of
    clauses with the same start, the one due first. The timeline is a real case (``Contract.open``, then
    ``Case.record``), so the rules' own refusals apply. Then every deadline or threshold clause met by a
    recorded event must be met, not breached.

    Events no clause is met by (escalations, extension notices, other declared events) are not recorded, nor
    are the events of clauses whose start never comes; notice, window, monthly and recurring clauses are not
    part of a chain.

    Parameters
    ----------
    contract : Contract
    start : datetime or ISO text
        The instant of the first event.
    event : str, optional
        The first event (default: the contract's first declared event).
    calendar : WorkCalendar, CalendarSpec, region name or mapping, optional
        The calendar to count on instead of the contract's own (``Contract.calendar_for``).
    attributes : mapping, optional
        The case's attributes that choose its clauses' target rows (``{"priority": "P1"}``).

    Raises
    ------
    CalendarHorizonError
        The chain runs past the calendar's official data (give ``calendar=`` a ``horizon="projected"``
        calendar to check it provisionally).

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._demo import seed_001
    >>> from slaclock._contracts.case_invariants import chain_within
    >>> chain_within(seed_001(), "2026-09-30T16:20")
    []
    >>> bad = seed_001(proposal="8个工作日")          # 5 + 8 workdays cannot fit in the standard 10
    >>> print(chain_within(bad, "2026-09-30T16:20")[0].message("en"))   # doctest: +ELLIPSIS
    chain_within: clause 'standard_handling', start 2026-09-30 16:20: with each step taken at the last moment ...
    """
    from slaclock._contracts.terms import ContractTerms

    if not isinstance(contract, ContractTerms):
        raise InvalidInputError(f"chain_within needs a Contract; got {type(contract).__name__} {brief(contract)}")
    first = event if event is not None else (contract.events[0] if contract.events else contract.event_names[0])
    case = open_case(contract, received_at=start, event=first, calendar=calendar, attributes=attributes)  # type: ignore[arg-type]
    chained = [c for c in contract.clauses if c.kind in _CHAINED and c.met_by is not None]
    steps: list[tuple[str, Period, str, dt.datetime]] = []  # (clause, its period, the event it placed, when)
    fed: dict[str, str] = {}  # event → the clause that fed it
    while True:
        now = case.events[-1].at
        status = _status(case, now)
        best: tuple[dt.datetime, str, str] | None = None
        for name in dict.fromkeys(c.met_by for c in chained if c.met_by is not None):
            if case.occurred(name) is not None:
                continue
            meeting = [c for c in chained if c.met_by == name]
            runs = [status[c.name] for c in meeting if c.name not in dict(status.not_supported)]
            if len(runs) < len(meeting) or any(s.start is None or s.due is None for s in runs):
                continue  # some clause it meets has not started (the case would refuse it), or has no due
            feeding = max(runs, key=lambda s: (utc_us(_as_instant(s.start, case.calendar)), -s.due.timestamp()))  # type: ignore[arg-type, union-attr]
            assert feeding.due is not None
            latest = max(shifted(day_table(case.calendar).tzone(), feeding.due, -_MINUTE), now, key=utc_us)
            if best is None or before(latest, best[0]):
                best = (latest, name, feeding.clause)
        if best is None:
            break
        at, name, clause = best
        case = case.record(name, at=at)
        fed[name] = clause
        period = contract.clause(clause).period
        assert period is not None  # a deadline or threshold met by an event has a period
        steps.append((clause, period, name, at))
    out: list[Violation] = []
    final = _status(case, case.events[-1].at)
    for c in chained:
        s = final[c.name]
        if c.met_by in fed and s.state == "breached" and s.due is not None and s.done_at is not None:
            out.append(
                violation(
                    "chain_within",
                    clause=c.name,
                    start=case.received_at,
                    steps=chain_steps(_inside(steps, c.starts_on)),
                    event=c.met_by,
                    at=s.done_at,
                    due=instant_words(s.due, due=True),
                )
            )
    return out


def _inside(
    steps: list[tuple[str, Period, str, dt.datetime]], start: str
) -> list[tuple[str, Period, str, dt.datetime]]:
    """The steps after the one that placed ``start`` (all of them when no step did): those inside its clause."""
    placed = [k for k, (_, _, event, _) in enumerate(steps) if event == start]
    return steps[placed[-1] + 1 :] if placed else steps


# -- all of them -----------------------------------------------------------------------------------

_ON_CASE: Final[dict[str, Callable[[Case, DateTime], list[Violation]]]] = {
    "due_after_start": due_after_start,
    "chain_within": lambda case, now: chain_within(
        case.contract, case.received_at, event=case.events[0].name, calendar=case.calendar, attributes=case.attributes
    ),
    "last_day_workday": last_day_workday,
    "cap_longer": lambda case, now: cap_longer(case),
    "notice_before_event": notice_before_event,
    "pause_not_earlier": pause_not_earlier,
    "replay_deterministic": replay_deterministic,
    "evaluate_matches_case": evaluate_matches_case,
}


CASE_LEVEL: Final[dict[str, Callable[[Case, object], list[Violation]]]] = {
    "pause_not_earlier": pause_not_earlier,
    "replay_deterministic": replay_deterministic,
    "evaluate_matches_case": evaluate_matches_case,
}
"""The invariants no column can check (a pause, a replay, the column engine against the case): what
``Contract.verify`` runs on a sample of its timelines, each replayed as a case."""


def check_case(case: Case, now: object = None, invariants: Sequence[str] | None = None) -> list[Violation]:
    """Every invariant of the catalog on one case (or those named), each broken one a :class:`Violation`.

    ``now`` (default: the case's last event) is the moment the statuses are taken. ``chain_within`` is run at
    the case's start with its first event, calendar and attributes.

    Raises
    ------
    InvalidInputError
        Not a case, ``now`` before the case's last event, or an unknown invariant name.
    """
    case = _check_case_arg(case, "check_case")
    when = _now(case, now, "check_case")
    if isinstance(invariants, str):
        raise InvalidInputError(f"invariants must be a sequence of names, not one string; got {brief(invariants)}")
    if invariants is not None and not isinstance(invariants, Sequence | set | frozenset):
        raise InvalidInputError(f"invariants must be a sequence of names; got {brief(invariants)}")
    names = list(_ON_CASE if invariants is None else invariants)
    for name in names:
        if not isinstance(name, str) or name not in INVARIANTS:
            raise InvalidInputError(f"unknown invariant {brief(name)}; known: {', '.join(INVARIANTS)}")
    out: list[Violation] = []
    for name in names:
        out.extend(_ON_CASE[name](case, when))
    return out


def assert_case(case: Case, now: object = None, invariants: Sequence[str] | None = None) -> None:
    """:func:`check_case`, raising :class:`~slaclock.VerificationError` (an ``AssertionError``) listing every
    violation in Chinese and English; nothing when all hold."""
    from slaclock.errors import VerificationError

    found = check_case(case, now, invariants)
    if found:
        lines = [f"{len(found)} invariant violation(s) / 违反{len(found)}项不变式:"]
        lines.extend(str(v) for v in found)
        raise VerificationError("\n".join(lines), tuple(found))
