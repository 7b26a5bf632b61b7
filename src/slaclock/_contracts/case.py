"""Cases: one complaint's events on a contract, replayed into the status of every clause.

A :class:`Case` is a frozen value: a contract and a tuple of :class:`CaseEvent`.
Every method that "changes" a case (:meth:`Case.record`, :meth:`Case.pause`,
:meth:`Case.resume`, :meth:`Case.extend`, :meth:`Case.escalate`) returns a NEW
case and leaves the old one as it was, so write ``case = case.record(...)``.
:meth:`Case.status` replays the events from scratch: the same events always give
the same answer.

Maintainer's notes
------------------
* **Checked when recorded.** An event is refused (never dropped) when it is not
  in the contract's vocabulary, earlier than the case's last event (so nothing can
  come before the receipt, the first event), recorded twice, meets a clause whose
  start event has not happened, or breaks the pause / extension rules.
* **Pauses** ("clocks that stop", DESIGN.md) affect ``pausable`` deadline clauses
  only, and only a clause that is running: a pause that begins at or after the
  clause's current due does not revive a breached clause. "The elapsed part is
  kept, and the rest of the period resumes from the moment the clock restarts, in
  the period's own unit":

  - hours and minutes: the elapsed wall-clock time is kept, the rest runs from
    the resumption, so the due moves by exactly the paused duration;
  - working hours and minutes: the same in working time;
  - days, weeks and workdays: only *whole* days count (art. 201 counts days whole:
    the part-day on which a period starts is not counted). The days kept are the
    period's days completed *before* the pause day; the pause day is a part-day
    and is not counted, and the resumption starts the rest as a new period
    ``Period(rest, unit)`` whose start day (the resumption day) is not counted
    either (art. 201 para 1), then art. 203 rolls its last day as usual. When a
    pause falls on the rest days an art. 203 roll added after the period's
    nominal last day, one day is kept as the rest (the roll is part of the last
    day). Weeks count as 7 days.
  - months and years: pausing them is not supported yet; such a clause is
    reported in :attr:`Status.not_supported` instead of given a wrong due.

* **Extensions.** The extended limit is the cap (or the period the notice states,
  for a clause without a cap) counted from the clause's own start, with the same
  pauses applied.
* **Status while paused.** The due of a paused clause is unknown until the clock
  restarts: ``due`` is None and ``remaining`` is the part kept.
* **Threshold clauses** ("逾期超过30日") are replayed as deadlines (never paused:
  the contract refuses a pausable one) under the contract's convention with the
  art. 203 roll, the close of business, the deemed-receipt rules and clock-time
  rolling switched off: a plain count whose last day ends at 24:00. Their
  explanation adds the instant from which the count is exceeded.
* **Monthly clauses** are judged for the month containing ``now``, once their
  start event (or date) has passed. The month's due is :func:`monthly_deadline`
  ("每月初五个工作日内": 24:00 of the month's 5th workday, counted from the 1st;
  "每月的第一个工作日前": 00:00 of its first workday); a clause without a rule
  ("每月一次") is due at the month's end, 24:00 of its last day (no close of
  business, no roll: the whole month is the window). The month's window opens at
  00:00 of the 1st, or, for a "before" rule, where the previous month's closed
  (its due is at or just after the 1st, so the work is done in the days before);
  never before the clause's start. ``met_by`` meets the month if it falls inside
  the window; an earlier one belonged to an earlier month and does not count (a
  case records each event once, so one ``met_by`` meets at most one month). A
  month whose due came before the clause started owes nothing: ``"not_started"``.
  "Within the first N workdays" is measured in workdays from the 1st; the other
  two in days of the window.
* **Notice clauses** count backward from their anchor, the ``starts_on`` event
  or date (the date the notice period ends on, e.g. the termination date): the
  due is :func:`notice_deadline` (24:00 of the latest notice day, never rolled
  forward). The notice meets it if given before the due. While the anchor is an
  event not yet recorded, its date is unknown and the clause is
  ``"not_started"`` (``done_at`` shows a notice already given). ``start`` is the
  anchor; ``remaining`` is the days left to give notice, the latest notice day
  included; ``elapsed`` is 0 (nothing of a notice period is used before the
  notice), ``percent_used`` 0, or 100 once breached.
* **Provisional.** Each clause's status is computed inside a
  ``_provisional.reading()`` block: every read of a projected day (a calendar
  query, a deadline) is collected there instead of warning, and marks that
  clause ``provisional``. :meth:`Case.status` then warns once, at the caller's
  line. ``_at_risk`` makes both of its tests (the share, the lead) even when the
  first decides, so that what is read does not depend on their order
  (``evaluate`` repeats the reads on columns).
* **The calendar.** A case is counted on the calendar it was opened with (the
  contract's, or an explicit one: :meth:`Contract.calendar_for`), and is equal
  to another only on the same calendar. :meth:`Case.to_dict` records that
  calendar's data (:func:`calendar_record`); :meth:`Case.from_dict` compares the
  record with the calendar it replays on.
* **Window clauses** ("有效期自A至B", "此后6个月内") run from ``starts_on`` (the
  event's instant, or 00:00 of a fixed date) to 24:00 of the last day (or its
  close of business), both days included and the last day not rolled
  (``convention.roll_fixed_ranges`` rolls it). With a period, the last day is
  the period counted as a deadline (art. 201: the start day not counted; art.
  202 for months) without the art. 203 roll. With ``ends_on`` an event, the end
  is unknown until it is recorded (``due`` None). A window without ``met_by``
  (a plain term) is ``"running"`` and then ``"expired"``: nothing can be missed.
  With ``met_by``, the event should happen inside it, as a deadline's: ``"met"``
  inside, ``"breached"`` when not done by the close (``overdue_by`` from the
  close) or done before the window opened (``overdue_by`` None). Measured in
  days of the window. Windows of hours, and paused pausable windows, are not
  evaluated yet (:attr:`Status.not_supported`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, final

from slaclock._base import warn as _provisional
from slaclock._base.types import Lang
from slaclock._contracts.clause import _longer
from slaclock._contracts.contract import CalendarLike, Clause, Contract
from slaclock._periods.convention import Convention
from slaclock._periods.period import Period, Unit, period
from slaclock._rules.deadline import Deadline, _day_of_end, _instant, _plain, deadline, notice_deadline
from slaclock._rules.windows import fixed_window, monthly_deadline
from slaclock.errors import CalendarHorizonError, CalendarMismatchError, ContractError, InvalidInputError

if TYPE_CHECKING:
    from pendulum import DateTime

    from slaclock._calendar import WorkCalendar

__all__ = ["Case", "CaseEvent", "ClauseState", "ClauseStatus", "EventKind", "Status", "open_case"]

EventKind: TypeAlias = Literal["record", "pause", "resume", "extend", "escalate"]
"""What a :class:`CaseEvent` is: a contract event, a pause, a resumption, an extension notice, an escalation."""

ClauseState: TypeAlias = Literal["not_started", "running", "paused", "at_risk", "met", "breached", "expired"]
"""The state of one clause at ``now`` (``"expired"``: a window without ``met_by`` that has closed)."""

MeasureUnit: TypeAlias = Literal["time", "working_time", "days", "workdays"]
"""How ``elapsed`` and ``remaining`` are measured: timedeltas of (working) time, or whole days / workdays."""

InstantLike: TypeAlias = dt.datetime | str

_ZERO: Final = dt.timedelta(0)
_PERIOD_UNIT: Final[dict[Unit, MeasureUnit]] = {
    Unit.MINUTE: "time",
    Unit.HOUR: "time",
    Unit.WORK_MINUTE: "working_time",
    Unit.WORK_HOUR: "working_time",
    Unit.DAY: "days",
    Unit.WEEK: "days",
    Unit.MONTH: "days",
    Unit.YEAR: "days",
    Unit.WORKDAY: "workdays",
}
_CLOCK: Final = {Unit.HOUR: dt.timedelta(hours=1), Unit.MINUTE: dt.timedelta(minutes=1)}
_WORK: Final = {Unit.WORK_HOUR: dt.timedelta(hours=1), Unit.WORK_MINUTE: dt.timedelta(minutes=1)}


# -- records --------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class CaseEvent:
    """One thing that happened in a case.

    Attributes
    ----------
    kind : {"record", "pause", "resume", "extend", "escalate"}
    name : str
        The contract event ("received", "acknowledged"; for ``"extend"`` the
        extension's notice event, for ``"escalate"`` the escalation event); the
        reason for a pause ("awaiting_customer"); ``""`` for a resumption.
    at : pendulum.DateTime
        The instant, aware, in the contract calendar's zone.
    data : tuple of (str, str) pairs
        ``("clause", name)`` for an extension or escalation; ``("period", text)``
        for the period an uncapped extension's notice states.
    """

    kind: EventKind
    name: str
    at: DateTime
    data: tuple[tuple[str, str], ...] = ()

    def get(self, key: str) -> str | None:
        """The value of ``key`` in :attr:`data`, or None."""
        return next((v for k, v in self.data if k == key), None)


@final
@dataclass(frozen=True, slots=True)
class ClauseStatus:
    """Where one clause stands at ``now`` (a deadline; a monthly, notice or window clause: see the module notes).

    Attributes
    ----------
    clause : str
    state : {"not_started", "running", "paused", "at_risk", "met", "breached", "expired"}
        ``"met"``: done at an instant before the due (``done_at < due``), or done
        while its clock was stopped. ``"breached"``: done at or after the due, or not
        done and ``now >= due``. ``"at_risk"``: running and past ``warn_at`` or
        within ``warn_before`` of the due. ``"expired"``: a window without
        ``met_by`` (a plain term) that has closed.
    period : Period or None
        The limit in force: the clause's period, or the extended one.
    start, done_at : pendulum.DateTime, date or None
        The start event's instant (a fixed date for a clause counted from a date;
        a monthly clause's window opening; a notice's anchor) and the first
        ``met_by`` event (for a monthly clause, only one inside the month's window).
    due : pendulum.DateTime or None
        The instant the limit ends (exclusive). None before the start, while the
        clock is stopped, and while a window's end event has not happened.
    last_day : date or None
    unit : {"time", "working_time", "days", "workdays"}
        How :attr:`elapsed` and :attr:`remaining` are measured: ``timedelta`` of
        wall-clock time (hour and minute periods), of working time (working hours),
        or ``int`` whole days (day, week, month and year periods) or workdays. Whole
        days count as the pause rule does: the days of the period completed before
        today, so on the last day ``remaining`` is 1.
    elapsed, remaining : timedelta or int
        Used and left of the limit, stopped time excluded; capped at the limit
        (``overdue_by`` measures the rest). Both 0 before the start.
    percent_used : float
        ``elapsed`` as a percentage of the limit, 0–100.
    overdue_by : timedelta or None
        ``done_at - due`` (or ``now - due`` when not done) for a breach.
    paused_since : pendulum.DateTime or None
        When the clock stopped, while it is stopped.
    extended : bool
    explanation : str
        How the due was counted: pauses, extension and the counting steps.
    provisional : bool
        True iff computing this status read a calendar day past the official data
        (only a ``horizon="projected"`` calendar has such days: statutory holidays
        alone, without the makeup workdays not yet announced). Its due, and so its
        state, may change when the year's arrangement is published.
        :meth:`phrase` and :meth:`Status.table` mark it.
    """

    clause: str
    state: ClauseState
    period: Period | None
    start: DateTime | dt.date | None
    due: DateTime | None
    last_day: dt.date | None
    done_at: DateTime | None
    unit: MeasureUnit
    elapsed: dt.timedelta | int
    remaining: dt.timedelta | int
    percent_used: float
    overdue_by: dt.timedelta | None
    paused_since: DateTime | None
    extended: bool
    explanation: str
    provisional: bool = False

    def phrase(self, lang: Lang = "zh") -> str:
        """What is left or overdue, in words: "还剩2个工作日", "逾期3日", "2 workdays left", "overdue by 3 days".

        A provisional status says so: "还剩5个工作日（暂定）", "5 workdays left (provisional)".
        """
        text = _phrase(self, lang)
        if self.provisional:
            text += _MARK_ZH if lang == "zh" else _MARK_EN
        return text


_MARK_ZH: Final = "（暂定）"
_MARK_EN: Final = " (provisional)"


_STATES: Final[dict[str, tuple[str, str]]] = {
    "not_started": ("未开始", "not started"),
    "running": ("进行中", "running"),
    "paused": ("已暂停", "paused"),
    "at_risk": ("有风险", "at risk"),
    "met": ("已达成", "met"),
    "breached": ("已违约", "breached"),
    "expired": ("已届满", "expired"),
}


def _state_text(state: str, lang: Lang) -> str:
    zh, en = _STATES[state]
    return zh if lang == "zh" else en


def _due_text(c: ClauseStatus) -> str:
    if c.due is None:
        return "—"
    if (c.due.hour, c.due.minute, c.due.second) == (0, 0, 0) and c.last_day is not None:
        return f"{c.last_day.isoformat()} 24:00"
    return c.due.strftime("%Y-%m-%d %H:%M")


def _footnote(cal: WorkCalendar | None, lang: Lang) -> str:
    """The table's last line when a due is marked provisional."""
    if cal is None:  # pragma: no cover - every status the library makes carries its calendar
        return "* 暂定" if lang == "zh" else "* provisional"
    until = cal.official_until.isoformat()
    if lang == "zh":
        return (
            f"* 暂定：计算用到{cal.region}官方数据（至{until}）以后的日期，仅按法定节假日推算；"
            "尚未公布的放假调休安排可能改变结果"
        )
    return (
        f"* provisional: counted on {cal.region} days past the official data (ends {until}), from the statutory "
        "holidays alone; the arrangement not yet published may change it"
    )


def _width(text: str) -> int:
    """Columns a text takes in a terminal: CJK characters take two."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _units(count: int, unit: str, lang: Lang) -> str:
    """``count`` of a calendar ``unit`` ("day", "hour", "minute") in pendulum's locale data: "13小时", "1 hour"."""
    from pendulum import locale

    words = locale(lang)
    text: str = words.translation(f"units.{unit}.{words.plural(count)}")
    return text.format(count)


def _amount(value: dt.timedelta | int, unit: MeasureUnit, lang: Lang) -> str:
    """An amount in the clause's own unit: "5个工作日" / "5 workdays", "13小时30分钟" / "13 hours 30 minutes".

    Hours and minutes are worded from pendulum's locales; days and workdays in the
    contract's terms ("日", "个工作日": pendulum says "天" and has no working day).
    """
    if isinstance(value, int):
        if unit == "workdays":
            return f"{value}个工作日" if lang == "zh" else f"{value} workday{'s' if value != 1 else ''}"
        return f"{value}日" if lang == "zh" else _units(value, "day", lang)
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = [_units(hours, "hour", lang)] if hours else []
    if minutes or not hours:
        parts.append(_units(minutes, "minute", lang))
    if lang == "zh":
        return ("工作时间" if unit == "working_time" else "") + "".join(parts)
    return " ".join(parts) + (" of working time" if unit == "working_time" else "")


def _phrase(c: ClauseStatus, lang: Lang) -> str:
    zh = lang == "zh"
    if c.state == "not_started":
        return "未开始" if zh else "not started"
    if c.state == "met":
        at = c.done_at.strftime("%Y-%m-%d %H:%M") if c.done_at is not None else ""
        return f"已于{at}完成" if zh else f"done at {at}"
    if c.state == "expired":
        return "已届满" if zh else "expired"
    if c.state == "breached" and c.overdue_by is None:  # a window's event done before it opened
        return "未在期间内完成" if zh else "not done inside its window"
    if c.due is None and c.state in ("running", "at_risk"):  # a window whose end event has not happened
        return "截止未定" if zh else "no end yet"
    if c.overdue_by is not None:
        late: dt.timedelta | int = c.overdue_by
        unit: MeasureUnit = "time"
        if c.unit in ("days", "workdays") and c.overdue_by >= dt.timedelta(days=1):
            late, unit = c.overdue_by.days, "days"
        return f"逾期{_amount(late, unit, lang)}" if zh else f"overdue by {_amount(late, unit, lang)}"
    left = _amount(c.remaining, c.unit, lang)
    if c.state == "paused":
        return f"已暂停，保留{left}" if zh else f"paused, {left} kept"
    return f"还剩{left}" if zh else f"{left} left"


@final
@dataclass(frozen=True, slots=True)
class Status:
    """A case's status at ``now``: one :class:`ClauseStatus` per clause evaluated, in contract order.

    Attributes
    ----------
    now : pendulum.DateTime
    clauses : tuple of ClauseStatus
        Deadlines; monthly clauses (the month containing ``now``); notices
        (counted back from their anchor); windows. See the module notes.
    not_supported : tuple of (clause name, reason) pairs
        Clauses this version does not evaluate (a paused month or year period, a
        paused window, a window of hours, a month with fewer workdays than its
        rule), said explicitly, never skipped.
    calendar : WorkCalendar or None
        The calendar the status was counted on.
    """

    now: DateTime
    clauses: tuple[ClauseStatus, ...]
    not_supported: tuple[tuple[str, str], ...]
    calendar: WorkCalendar | None = None

    @property
    def provisional(self) -> bool:
        """Whether any clause's status is provisional (:attr:`ClauseStatus.provisional`)."""
        return any(c.provisional for c in self.clauses)

    def table(self, lang: Lang = "zh") -> str:
        """The status as a plain-text table for a terminal: clause, state, due, and what is left or overdue.

        Due instants show the last day and "24:00" at midnight, never 23:59:59. A
        provisional clause's due is marked ``*``, and a last line explains the mark.

        Examples
        --------
        >>> import slaclock as sc
        >>> c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
        ...                      sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved")],
        ...                 events=["received"])
        >>> print(c.open(received_at="2026-09-30T20:00").status(now="2026-10-02T09:00").table())
        条款      状态   截止                剩余/逾期
        ack       已违约  2026-10-01 20:00  逾期13小时
        solution  进行中  2026-10-13 24:00  还剩5个工作日
        >>> print(c.open(received_at="2026-09-30T20:00").status(now="2026-10-02T09:00").table("en"))
        clause    state     due               left / overdue
        ack       breached  2026-10-01 20:00  overdue by 13 hours
        solution  running   2026-10-13 24:00  5 workdays left
        """
        head = ("条款", "状态", "截止", "剩余/逾期") if lang == "zh" else ("clause", "state", "due", "left / overdue")
        rows = [head] + [
            (c.clause, _state_text(c.state, lang), _due_text(c) + ("*" if c.provisional else ""), _phrase(c, lang))
            for c in self.clauses
        ]
        rows += [(name, "—", "—", reason) for name, reason in self.not_supported]
        widths = [max(_width(r[i]) for r in rows) for i in range(3)]
        lines = [
            "  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(r[:3], widths, strict=True)) + "  " + r[3]
            for r in rows
        ]
        if self.provisional:
            lines.append(_footnote(self.calendar, lang))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()

    def __getitem__(self, name: str) -> ClauseStatus:
        for c in self.clauses:
            if c.clause == name:
                return c
        reason = dict(self.not_supported).get(name)
        if reason is not None:
            raise InvalidInputError(f"clause {name!r} has no status: {reason}")
        raise InvalidInputError(
            f"no deadline clause {name!r} in this status (clauses: {', '.join(c.clause for c in self.clauses)})"
        )


# -- the case -------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class Case:
    """A complaint (or any matter) on a contract: its events, replayed into deadlines.

    A case is a value: :meth:`record`, :meth:`pause`, :meth:`resume`,
    :meth:`extend` and :meth:`escalate` return a new case with one more event and
    leave this one unchanged. Build the first with :func:`open_case`.

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.case import open_case
    >>> c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
    ...                 events=["received"])
    >>> case = open_case(c, received_at="2026-09-30T20:00")
    >>> later = case.record("acknowledged", at="2026-10-01T19:00")
    >>> len(case.events), len(later.events)
    (1, 2)
    >>> later.status(now="2026-10-02T09:00")["ack"].state
    'met'
    """

    contract: Contract
    events: tuple[CaseEvent, ...]
    _calendar: WorkCalendar = field(repr=False)

    def __copy__(self) -> Case:
        return self

    def __deepcopy__(self, memo: object) -> Case:
        return self

    # -- queries ----------------------------------------------------------------------------

    @property
    def calendar(self) -> WorkCalendar:
        """The calendar the case is counted on: the contract's, or the one given to :meth:`Contract.open`.

        Two cases are equal when their contracts, events and calendars are.
        """
        return self._calendar

    @property
    def received_at(self) -> DateTime:
        """The instant of the first event (the receipt)."""
        return self.events[0].at

    @property
    def paused_since(self) -> DateTime | None:
        """When the open pause began, or None when the clocks run."""
        since: DateTime | None = None
        for e in self.events:
            if e.kind == "pause":
                since = e.at
            elif e.kind == "resume":
                since = None
        return since

    def occurred(self, name: str) -> DateTime | None:
        """The instant of contract event ``name``, or None if it has not happened."""
        for e in self.events:
            if e.kind in ("record", "extend", "escalate") and e.name == name:
                return e.at
        return None

    # -- new events -------------------------------------------------------------------------

    def record(self, event: str, *, at: InstantLike) -> Case:
        """A new case with contract event ``event`` recorded at ``at``.

        Raises
        ------
        InvalidInputError
            An event outside the contract's vocabulary, recorded before, earlier
            than the case's last event, meeting a clause that has not started, or an
            extension notice (use :meth:`extend`).
        """
        when = self._when(at, "at")
        self._known(event)
        for c in self.contract.clauses:
            if c.extension is not None and c.extension.event == event:
                raise InvalidInputError(
                    f"{event!r} is the extension notice of clause {c.name!r}: "
                    f"record it with case.extend({c.name!r}, notified_at=...)"
                )
        self._once(event)
        self._started_for(event)
        return self._plus(CaseEvent("record", event, when))

    def pause(self, reason: str, *, at: InstantLike) -> Case:
        """A new case whose clocks stop at ``at`` (pausable clauses only), e.g. ``"awaiting_customer"``.

        Raises
        ------
        InvalidInputError
            A case already paused, an empty reason, or ``at`` earlier than the last event.
        """
        when = self._when(at, "at")
        if not isinstance(reason, str) or not reason.strip():
            raise InvalidInputError(f"a pause needs a reason, such as 'awaiting_customer'; got {reason!r}")
        since = self.paused_since
        if since is not None:
            raise InvalidInputError(
                f"the case is already paused since {since.isoformat()}; resume it before pausing again"
            )
        return self._plus(CaseEvent("pause", reason, when))

    def resume(self, *, at: InstantLike) -> Case:
        """A new case whose stopped clocks restart at ``at``.

        Raises
        ------
        InvalidInputError
            A case that is not paused, or ``at`` earlier than the last event.
        """
        when = self._when(at, "at")
        if self.paused_since is None:
            raise InvalidInputError("the case is not paused: there is nothing to resume")
        return self._plus(CaseEvent("resume", "", when))

    def extend(self, clause: str, *, notified_at: InstantLike, period: str | Period | None = None) -> Case:
        """A new case in which ``clause``'s limit is extended by a notice given at ``notified_at``.

        The limit becomes the extension's cap counted from the clause's own start,
        or ``period`` (the new limit the notice states, also from the start): needed
        when the contract sets no cap, and not longer than the cap when it does.

        Raises
        ------
        ContractError
            An unknown clause; a clause without an extension, not started, already
            met or already extended; a notice at or after the limit in force when the
            contract requires notice before it expires; a ``period`` longer than the cap.
        InvalidInputError
            ``notified_at`` earlier than the last event.
        """
        when = self._when(notified_at, "notified_at")
        c = self.contract.clause(clause)
        ext = c.extension
        if ext is None:
            raise ContractError(f"clause {clause!r} has no extension in the contract; it cannot be extended")
        new: Period | None = None if period is None else _period_arg(period, clause)
        if ext.cap is None and new is None:
            raise ContractError(
                f"clause {clause!r} has no cap on its extension: give the new limit the notice states, "
                "e.g. case.extend(..., period='10个工作日')"
            )
        if new is not None and c.period is not None:
            cap = ext.cap
            if cap is not None and _longer(new, cap):
                raise ContractError(f"clause {clause!r}: the extension {new} is longer than the cap {cap}")
            if _longer(new, c.period) is not True:
                raise ContractError(
                    f"clause {clause!r}: the extension {new} is not longer than the limit {c.period}"
                    if _longer(new, c.period) is False
                    else f"clause {clause!r}: the extension {new} cannot be compared with the limit {c.period}"
                )
        for e in self.events:
            if e.kind == "extend" and e.get("clause") == clause:
                raise ContractError(f"clause {clause!r} was already extended at {e.at.isoformat()}; only once")
        current = self._status_at(when, only=clause)[clause]
        if current.provisional:
            _provisional.warn(
                f"extend({clause!r}): the limit in force at the notice rests on {_past(self._calendar)}; whether "
                "the notice came in time is provisional"
            )
        if current.state == "not_started":
            raise ContractError(f"clause {clause!r} has not started; there is no limit to extend yet")
        if current.done_at is not None:
            raise ContractError(f"clause {clause!r} was already done at {current.done_at.isoformat()}")
        if ext.notice_before_expiry and current.due is not None and when >= current.due:
            raise ContractError(
                f"clause {clause!r}: the extension notice at {when.isoformat()} comes too late; the contract "
                f"requires it before the limit expires, at {current.due.isoformat()} "
                f"({current.last_day} 24:00 or its close)"
            )
        data: tuple[tuple[str, str], ...] = (("clause", clause),)
        if new is not None:
            data += (("period", str(new)),)
        return self._plus(CaseEvent("extend", ext.event, when, data))

    def escalate(self, *, at: InstantLike, clause: str | None = None) -> Case:
        """A new case with the escalation event recorded: clauses counted from it start running.

        ``clause`` names the clause whose ``escalation`` event to record; it may be
        left out when the contract's clauses name a single escalation event.

        Raises
        ------
        ContractError
            No clause with an escalation, several different escalation events and no
            ``clause``, or a ``clause`` without one.
        InvalidInputError
            The event already recorded, or ``at`` earlier than the last event.
        """
        if clause is not None:
            c = self.contract.clause(clause)
            if c.escalation is None:
                raise ContractError(f"clause {clause!r} has no escalation event in the contract")
            event = c.escalation
        else:
            found = {c.escalation: c.name for c in self.contract.clauses if c.escalation is not None}
            if not found:
                raise ContractError("no clause of this contract names an escalation event")
            if len(found) > 1:
                raise ContractError(
                    f"the contract has several escalation events ({', '.join(found)}); say which clause: "
                    "case.escalate(at=..., clause=...)"
                )
            ((event, clause),) = found.items()
        when = self._when(at, "at")
        self._once(event)
        self._started_for(event)
        return self._plus(CaseEvent("escalate", event, when, (("clause", clause),)))

    # -- storing ------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The case as plain values for JSON or a database: the contract's name, the events, the calendar data.

        Each event is ``{"kind", "name", "at"}`` (``at`` in ISO 8601 with its offset),
        plus ``"clause"`` for an extension or escalation and ``"period"`` for an
        extension that states its time. ``"calendar"`` records the calendar data
        the case is counted on, so that a replay on other data can say so
        (:meth:`from_dict`): ``region``, ``tz``, ``holiday_list``, ``horizon``
        (``"official"`` or ``"projected"``), ``official_until``, ``data_version``
        (the ``holidays`` version slaclock's bundled snapshot was written from),
        ``projected_with`` (the ``holidays`` version the projected years came
        from; projected calendars only), ``arrangements`` (each loaded year:
        ``year``, ``notice``, ``published`` and ``days``, a SHA-256 of its days off
        and makeup workdays), ``closures`` and ``extra_workdays`` (date → reason),
        ``hours`` (the working hours in words, or None), and for a
        :func:`~slaclock.custom_calendar` ``custom`` (its weekmask, a digest of its
        holidays and its span).

        Examples
        --------
        >>> import json, slaclock as sc
        >>> from slaclock._contracts.case import Case
        >>> c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
        ...                 events=["received"])
        >>> case = c.open(received_at="2026-09-30T20:00").record("acknowledged", at="2026-10-01T09:00")
        >>> stored = case.to_dict()
        >>> stored["events"][1]
        {'kind': 'record', 'name': 'acknowledged', 'at': '2026-10-01T09:00:00+08:00'}
        >>> stored["calendar"]["region"], stored["calendar"]["official_until"], stored["calendar"]["arrangements"]
        ('CN', '2026-12-31', [])
        >>> text = json.dumps(stored, ensure_ascii=False)
        >>> Case.from_dict(c, json.loads(text)) == case
        True
        """
        return {
            "contract": self.contract.name,
            "calendar": calendar_record(self._calendar),
            "events": [{"kind": e.kind, "name": e.name, "at": e.at.isoformat(), **dict(e.data)} for e in self.events],
        }

    @classmethod
    def from_dict(
        cls,
        contract: Contract,
        data: Mapping[str, Any],
        *,
        calendar: CalendarLike | None = None,
        accept_calendar_change: bool = False,
    ) -> Case:
        """A case on ``contract`` from :meth:`to_dict`'s values, replayed event by event with every check.

        Parameters
        ----------
        contract : Contract
            The contract the case was stored on (its name must match).
        data : mapping
            What :meth:`to_dict` gave (e.g. read back from JSON).
        calendar : WorkCalendar, CalendarSpec, region name or mapping, optional
            The calendar to replay on, instead of the contract's own (the rule of
            :meth:`Contract.calendar_for`).
        accept_calendar_change : bool
            Replay on calendar data other than the data the case was stored with
            (see below); the new case records the new data.

        Notes
        -----
        The calendar data recorded in ``data`` is compared with the calendar the
        case is replayed on. When they differ, the dues may differ too, so the
        replay is refused with :class:`~slaclock.CalendarMismatchError` listing the
        differences, unless ``accept_calendar_change=True``. One change is replayed
        silently, because no due computed before can differ: the new data only
        *extends* the official data the case was computed on (the same region, zone,
        list, closures, extra workdays, hours and bundled snapshot; the stored
        arrangements the first of the new ones; the stored calendar ``"official"``),
        e.g. the next year's arrangement loaded, or the same calendar made
        ``"projected"``. A case stored on a projected calendar and replayed on newly
        official data is refused: its provisional dues may change. A stored case
        without a calendar record (from before slaclock recorded it) is replayed
        without the comparison.

        Raises
        ------
        CalendarMismatchError
            The case was stored on other calendar data (see the notes).
        ContractError
            ``data`` names another contract, or an extension the contract refuses;
            a ``calendar`` that cannot serve the contract.
        InvalidInputError
            A malformed record (unknown keys or kind, no events, a missing field), or
            an event the case refuses (out of order, unknown, repeated).

        Examples
        --------
        >>> import slaclock as sc
        >>> c = sc.Contract("x", [sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved")],
        ...                 events=["received"])
        >>> stored = c.open(received_at="2026-12-28T10:00").to_dict()        # on the official 2026 data
        >>> sc.Case.from_dict(c, stored, calendar="HK")
        Traceback (most recent call last):
          ...
        slaclock.errors.CalendarMismatchError: ... replayed on: region 'CN' → 'HK'; ... accept_calendar_change=True ...
        >>> sc.Case.from_dict(c, stored, calendar="HK", accept_calendar_change=True).calendar.region
        'HK'
        >>> projected = sc.calendar("CN", horizon="projected")           # only extends the official data
        >>> sc.Case.from_dict(c, stored, calendar=projected).calendar.horizon
        'projected'
        """
        if not isinstance(data, Mapping) or set(data) - {"contract", "events", "calendar"} or "events" not in data:
            raise InvalidInputError(
                f"a stored case is {{'contract': name, 'calendar': {{...}}, 'events': [...]}}; got {data!r:.200}"
            )
        if type(accept_calendar_change) is not bool:
            raise InvalidInputError(f"accept_calendar_change must be True or False; got {accept_calendar_change!r}")
        name = data.get("contract", contract.name) if isinstance(contract, Contract) else None
        if not isinstance(contract, Contract):
            raise InvalidInputError(f"Case.from_dict needs the Contract; got {type(contract).__name__} {contract!r}")
        if name != contract.name:
            raise ContractError(f"the stored case is on contract {name!r}, not {contract.name!r}")
        events = data["events"]
        if not isinstance(events, Sequence) or isinstance(events, str) or not events:
            raise InvalidInputError(f"a stored case needs its events, the receipt first; got {events!r:.200}")
        cal = contract.calendar_for(calendar)
        stored = data.get("calendar")
        if stored is not None and not accept_calendar_change:
            _check_same_data(stored, cal, contract.name)
        case: Case | None = None
        with _provisional.reading() as reads:
            for i, e in enumerate(events):
                where = f"stored event {i}"
                if not isinstance(e, Mapping):
                    raise InvalidInputError(f"{where} must be a mapping; got {e!r}")
                kind, extra = e.get("kind"), set(e) - {"kind", "name", "at", "clause", "period"}
                if kind not in ("record", "pause", "resume", "extend", "escalate") or extra or "at" not in e:
                    raise InvalidInputError(
                        f"{where} must have 'kind' (record, pause, resume, extend, escalate), 'name' and 'at'"
                        + (f"; unknown keys {sorted(extra)}" if extra else "")
                        + f"; got {dict(e)!r}"
                    )
                at, event = e["at"], e.get("name", "")
                if case is None:
                    if kind != "record":
                        raise InvalidInputError(f"{where}: a case starts with its receipt (a record); got {kind!r}")
                    case = open_case(contract, received_at=at, event=event, calendar=cal)
                elif kind == "record":
                    case = case.record(event, at=at)
                elif kind == "pause":
                    case = case.pause(event, at=at)
                elif kind == "resume":
                    case = case.resume(at=at)
                elif kind == "extend":
                    case = case.extend(e.get("clause"), notified_at=at, period=e.get("period"))  # type: ignore[arg-type]
                else:
                    case = case.escalate(at=at, clause=e.get("clause"))
        if reads.projected:
            _provisional.warn(
                f"Case.from_dict: an extension notice was checked against a limit that rests on {_past(cal)}; "
                "whether it came in time is provisional"
            )
        assert case is not None
        return case

    # -- status -----------------------------------------------------------------------------

    def status(self, *, now: InstantLike, lang: Lang = "en") -> Status:
        """Every clause at ``now``: due, done, state, elapsed, remaining, overdue, explanation.

        ``now`` may not be earlier than the last event (the events after it would
        otherwise be ignored). ``lang`` is the explanation's language ("en" or "zh").

        On a ``horizon="projected"`` calendar, a clause whose status read days past
        the official data is :attr:`~ClauseStatus.provisional`, and the call raises
        one :class:`~slaclock.ProvisionalWarning` (at the caller's line) naming them.

        Raises
        ------
        InvalidInputError
            ``now`` earlier than the last event, or not an instant.
        CalendarHorizonError
            A count needs a day outside the calendar's data.
        """
        when = self._instant_arg(now, "now")
        last = self.events[-1].at
        if when < last:
            raise InvalidInputError(
                f"now {when.isoformat()} is earlier than the case's last event at {last.isoformat()}; "
                "a status ignores no events"
            )
        if lang not in ("en", "zh"):
            raise InvalidInputError(f"lang must be 'en' or 'zh'; got {lang!r}")
        try:
            status = self._status_at(when, lang)
        except CalendarHorizonError as exc:
            how = "contract.open(..., calendar=cal) or Case.from_dict(..., calendar=cal)"
            raise _horizon_hint(exc, self._calendar, how) from None
        if status.provisional:
            names = ", ".join(repr(c.clause) for c in status.clauses if c.provisional)
            _provisional.warn(
                f"case status: {names} counted on {_past(self._calendar)}. Provisional "
                "(ClauseStatus.provisional), until the arrangement is published"
            )
        return status

    # -- internals --------------------------------------------------------------------------

    def _status_at(self, now: DateTime, lang: Lang = "en", only: str | None = None) -> Status:
        rows: list[ClauseStatus] = []
        skipped: list[tuple[str, str]] = []
        for c in self.contract.clauses:
            if only is not None and c.name != only:
                continue
            row: ClauseStatus | str
            with _provisional.reading() as reads:  # which clause read projected days; no warning from inside
                if c.kind == "monthly":
                    row = _monthly_status(self, c, now, lang)
                elif c.kind == "notice":
                    row = _notice_status(self, c, now, lang)
                elif c.kind == "window":
                    row = _window_status(self, c, now, lang)
                else:
                    row = _clause_status(self, c, now, lang)
            if isinstance(row, str):
                skipped.append((c.name, row))
            else:
                rows.append(dataclasses.replace(row, provisional=True) if reads.projected else row)
        return Status(now, tuple(rows), tuple(skipped), self._calendar)

    def _instant_arg(self, value: object, what: str) -> DateTime:
        instant = _instant(self._calendar, value, what)
        if instant is None:
            raise InvalidInputError(f"{what} must be an instant (a datetime or ISO date-time), not the date {value!r}")
        return instant

    def _when(self, value: object, what: str) -> DateTime:
        instant = self._instant_arg(value, what)
        last = self.events[-1]
        if instant < last.at:
            first = self.events[0]
            before = (
                f"the receipt ({first.name!r} at {first.at.isoformat()})"
                if instant < first.at
                else f"the case's last event ({_describe(last)} at {last.at.isoformat()})"
            )
            raise InvalidInputError(
                f"{what} {instant.isoformat()} is earlier than {before}; events are recorded in time order"
            )
        return instant

    def _known(self, event: object) -> None:
        names = self.contract.event_names
        if not isinstance(event, str) or event not in names:
            raise InvalidInputError(
                f"{event!r} is not an event of contract {self.contract.name!r} (events: {', '.join(names)})"
            )

    def _once(self, event: str) -> None:
        seen = self.occurred(event)
        if seen is not None:
            raise InvalidInputError(f"event {event!r} was already recorded at {seen.isoformat()}")

    def _started_for(self, event: str) -> None:
        for c in self.contract.clauses:
            if c.kind in ("deadline", "threshold") and c.met_by == event and _start_of(self, c) is None:
                raise InvalidInputError(
                    f"{event!r} meets clause {c.name!r}, which has not started: {c.starts_on!r} has not been recorded"
                )

    def _plus(self, event: CaseEvent) -> Case:
        return Case(self.contract, (*self.events, event), self._calendar)


def open_case(
    contract: Contract, *, received_at: InstantLike, event: str = "received", calendar: CalendarLike | None = None
) -> Case:
    """Open a case on ``contract``: its first event is ``event`` (the receipt) at ``received_at``.

    ``received_at`` is an aware datetime (converted into the calendar's zone), a
    naive one (wall time in that zone) or ISO text. Nothing may be recorded before it.
    ``calendar`` counts the case on another calendar than the contract's own (a
    ``WorkCalendar`` as is, or a spec, region or table built): see
    :meth:`Contract.calendar_for`.

    Raises
    ------
    InvalidInputError
        ``event`` not in the contract's vocabulary, or ``received_at`` not an instant.
    ContractError
        A ``calendar`` that cannot serve the contract.

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.case import open_case
    >>> c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
    ...                 events=["received"])
    >>> open_case(c, received_at="2026-09-30T20:00").received_at.isoformat()
    '2026-09-30T20:00:00+08:00'
    """
    if not isinstance(contract, Contract):
        raise InvalidInputError(f"open_case needs a Contract; got {type(contract).__name__} {contract!r}")
    cal = contract.calendar_for(calendar)
    names = contract.event_names
    if event not in names:
        raise InvalidInputError(f"{event!r} is not an event of contract {contract.name!r} (events: {', '.join(names)})")
    instant = _instant(cal, received_at, "received_at")
    if instant is None:
        raise InvalidInputError(f"received_at must be an instant (a datetime), not the date {received_at!r}")
    return Case(contract, (CaseEvent("record", event, instant),), cal)


# -- the calendar data a case was counted on ------------------------------------------------------


def _past(cal: WorkCalendar) -> str:
    """Words for the days a provisional result read."""
    return (
        f"{cal.region} days past the official data (ends {cal.official_until.isoformat()}): statutory holidays only, "
        "without the makeup workdays not yet announced"
    )


def _horizon_hint(exc: CalendarHorizonError, cal: WorkCalendar, how: str) -> CalendarHorizonError:
    """``exc`` with where a case or a batch takes the calendar the error's advice names."""
    if cal.custom_span is not None or cal.horizon == "projected":
        return exc
    return CalendarHorizonError(
        f"{exc}. Give the calendar where it is counted: {how}, with e.g. "
        f"cal = sc.calendar({cal.region!r}, horizon='projected')"
    )


def _digest(parts: Sequence[str]) -> str:
    return "sha256:" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def calendar_record(cal: WorkCalendar) -> dict[str, Any]:
    """The calendar data ``cal`` answers from, as plain values (see :meth:`Case.to_dict`).

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.case import calendar_record
    >>> r = calendar_record(sc.calendar("HK"))
    >>> r["region"], r["tz"], r["holiday_list"], r["horizon"], r["official_until"]
    ('HK', 'Asia/Hong_Kong', 'general', 'official', '2026-12-31')
    """
    from slaclock._days.sources import holidays_version, snapshot_version

    out: dict[str, Any] = {
        "region": cal.region,
        "tz": cal.tz,
        "holiday_list": cal.holiday_list,
        "horizon": cal.horizon,
        "official_until": cal.official_until.isoformat(),
        "data_version": snapshot_version() if cal.custom_span is None else "custom",
    }
    if cal.horizon == "projected":
        out["projected_with"] = holidays_version()
    out["arrangements"] = [
        {
            "year": a.year,
            "notice": a.notice,
            "document_number": a.document_number,
            "published": None if a.published is None else a.published.isoformat(),
            "changes": [c.document_number or c.notice for c in a.changes],
            "first_day": min((*a.off_days, *a.makeup_days)).isoformat(),
            "days": _digest([f"off {d.isoformat()}" for d in a.off_days] + [f"makeup {d}" for d in a.makeup_days]),
        }
        for a in cal.arrangements
    ]
    out["closures"] = {d.isoformat(): reason for d, reason in cal.closures}
    out["extra_workdays"] = {d.isoformat(): reason for d, reason in cal.extra_workdays}
    out["hours"] = None if cal.hours is None else cal.hours.describe()
    if cal.custom_span is not None:
        first, last = cal.custom_span
        out["custom"] = {
            "weekmask": "".join("1" if w else "0" for w in cal.weekmask),
            "holidays": _digest([f"{d.isoformat()} {name}" for d, name in cal.custom_holidays]),
            "span": [first.isoformat(), last.isoformat()],
        }
    return out


_EXTENDABLE: Final = ("official_until", "arrangements", "horizon", "projected_with")
"""What may change when new data only extends the official data a case was stored on."""


def _check_same_data(stored: object, cal: WorkCalendar, contract: str) -> None:
    """Refuse a replay on calendar data that differs from the stored record, unless it only extends it."""
    if not isinstance(stored, Mapping) or not all(isinstance(k, str) for k in stored):
        raise InvalidInputError(f"a stored case's 'calendar' is a table of what its calendar was; got {stored!r:.200}")
    now = calendar_record(cal)
    if dict(stored) == now:
        return
    if _extends(stored, now):
        return
    differences = tuple(
        f"{key} {_shown(key, stored.get(key))} → {_shown(key, now.get(key))}"
        for key in dict.fromkeys([*stored, *now])
        if stored.get(key) != now.get(key)
    )
    why = "its dues may differ on this data"
    if stored.get("horizon") == "projected":
        until = stored.get("official_until")
        why = (
            f"it was counted on a projected calendar (days past {until} provisional), so its provisional dues may "
            "change"
        )
    raise CalendarMismatchError(
        f"the stored case on contract {contract!r} was counted on other calendar data than the calendar it is "
        f"replayed on: {'; '.join(differences)}. {why[0].upper()}{why[1:]}. To replay it on this data, pass "
        "accept_calendar_change=True (the new case records this data); to replay it as it was, pass the calendar "
        "it was counted on (calendar=...)",
        differences,
    )


def _extends(stored: Mapping[str, Any], now: Mapping[str, Any]) -> bool:
    """Whether ``now`` only adds official years to the official data recorded in ``stored``."""
    if stored.get("horizon") != "official":
        return False
    for key in {*stored, *now} - set(_EXTENDABLE):
        if stored.get(key) != now.get(key):
            return False
    old, new = stored.get("arrangements"), now.get("arrangements")
    if not isinstance(old, list) or not isinstance(new, list):
        return False
    if new[: len(old)] != old:
        return False
    # An added year that reaches back into the stored official data (previous-December days) changes it.
    until = stored.get("official_until")
    return all(isinstance(a, Mapping) and str(a.get("first_day", "")) > str(until) for a in new[len(old) :])


def _shown(key: str, value: object) -> str:
    if value is None:
        return "none"
    if key == "arrangements" and isinstance(value, list):
        years = [
            f"{a.get('year')} ({a.get('notice')}, published {a.get('published')}, days {a.get('days')})"
            if isinstance(a, Mapping)
            else repr(a)
            for a in value
        ]
        return "[" + ", ".join(years) + "]" if years else "none"
    if isinstance(value, Mapping) and not value:
        return "none"
    return repr(value)


# -- the replay -----------------------------------------------------------------------------------


def _describe(e: CaseEvent) -> str:
    return {"pause": f"pause {e.name!r}", "resume": "resume"}.get(e.kind, repr(e.name))


def _period_arg(value: object, clause: str) -> Period:
    try:
        return period(value)  # type: ignore[arg-type]  # period() checks the type
    except InvalidInputError as exc:
        raise ContractError(f"clause {clause!r}, extension period: {exc}") from None


def _start_of(case: Case, c: Clause) -> DateTime | None:
    """The instant a clause starts: its start event's, or 00:00 of its fixed date; None before it."""
    ref = c.starts_on
    if ref not in case.contract.event_names:  # a fixed date 'YYYY-MM-DD' (the contract checked it)
        return case._instant_arg(dt.datetime.combine(dt.date.fromisoformat(ref), dt.time()), "start")
    return case.occurred(ref)


def _limit(case: Case, c: Clause, now: DateTime) -> tuple[Period, CaseEvent | None]:
    """The limit in force at ``now`` and the extension event that set it."""
    assert c.period is not None
    for e in case.events:
        if e.kind == "extend" and e.get("clause") == c.name and e.at <= now:
            text = e.get("period")
            if text is not None:
                return period(text), e
            assert c.extension is not None
            assert c.extension.cap is not None
            return c.extension.cap, e
    return c.period, None


def _pauses(case: Case, now: DateTime) -> list[tuple[DateTime, DateTime | None, str]]:
    """The case's pauses up to ``now``: (from, to or None if open, reason)."""
    out: list[tuple[DateTime, DateTime | None, str]] = []
    for e in case.events:
        if e.at > now:
            break
        if e.kind == "pause":
            out.append((e.at, None, e.name))
        elif e.kind == "resume":
            p, _, reason = out[-1]
            out[-1] = (p, e.at, reason)
    return out


@dataclass(slots=True)
class _Run:
    """A replayed clock: where it last (re)started, what it had used by then, and its due."""

    anchor: DateTime
    used: dt.timedelta | int
    due: Deadline | None = None  # the deadline of the running segment; None while stopped
    paused_since: DateTime | None = None
    lines: list[str] = field(default_factory=list)


def _threshold_convention(conv: Convention) -> Convention:
    """``conv`` for a threshold: a plain count of days (or time) whose last day ends at 24:00, never moved."""
    return conv.replace(
        name=f"{conv.name}, threshold",
        roll_last_day=False,
        close_of_business=None,
        rest_day_receipt="next_day",
        cutoff=None,
        roll_clock_time=False,
    )


def _clause_status(case: Case, c: Clause, now: DateTime, lang: Lang) -> ClauseStatus | str:
    cal = case.calendar
    conv = case.contract.convention
    if c.kind == "threshold":
        conv = _threshold_convention(conv)
    start = _start_of(case, c)
    limit, ext = _limit(case, c, now)
    unit = _PERIOD_UNIT[limit.unit]
    zero: dt.timedelta | int = _ZERO if unit in ("time", "working_time") else 0
    if start is None or start > now:
        return ClauseStatus(
            c.name, "not_started", limit, None, None, None, None, unit, zero, zero, 0.0, None, None, False, ""
        )
    done_at = case.occurred(c.met_by) if c.met_by is not None else None
    until = done_at if done_at is not None else now
    stops = _pauses(case, until) if c.pausable else []
    stops = [s for s in stops if s[1] is None or s[1] > start]  # pauses over before the start do not matter
    if done_at is not None:
        # nor a pause from the instant the clause was met: its clock had stopped. A resume at or after that
        # instant does not restart it either, whichever order the events at one instant were recorded in
        stops = [(p, None if r is not None and r >= done_at else r, why) for p, r, why in stops if p < done_at]
    if stops and limit.unit in (Unit.MONTH, Unit.YEAR):
        return f"pausing a {limit.unit.value} period is not supported yet (the case was paused)"
    run = _replay(cal, conv, limit, start, stops, until, lang)
    lines = list(run.lines)
    if ext is not None:
        lines.insert(
            0,
            f"经{ext.at.isoformat()}通知延长，时限改为自起算时起{limit.zh}"
            if lang == "zh"
            else f"extended by notice at {ext.at.isoformat()}: the limit is now {limit} from the start",
        )
    due = last_day = None
    overdue: dt.timedelta | None = None
    if run.due is not None:
        due, last_day = run.due.due, run.due.last_day
        lines.append(run.due.explain(lang))
        if until >= due:
            overdue = _diff(until, due)
        if c.kind == "threshold":
            lines.append(_threshold_line(due, overdue is not None, lang))
    total = _total(limit, run.due)
    elapsed = _elapsed(cal, run, limit, total, until, overdue is not None)
    if isinstance(total, dt.timedelta):
        assert isinstance(elapsed, dt.timedelta)
        remaining: dt.timedelta | int = total - elapsed
        percent = 100.0 * (elapsed / total)
    else:
        assert isinstance(elapsed, int)
        remaining = total - elapsed
        percent = 100.0 * elapsed / total
    state: ClauseState
    if overdue is not None:
        state = "breached"
    elif done_at is not None:
        state = "met"
    elif run.paused_since is not None:
        state = "paused"
    elif run.due is not None and _at_risk(cal, c, run.due.due, run.due.last_day, percent, now):
        state = "at_risk"
    else:
        state = "running"
    return ClauseStatus(
        c.name,
        state,
        limit,
        start,
        due,
        last_day,
        done_at,
        unit,
        elapsed,
        remaining,
        percent,
        overdue,
        run.paused_since,
        ext is not None,
        "\n".join(lines),
    )


def _threshold_line(due: DateTime, crossed: bool, lang: Lang) -> str:
    at = due.strftime("%Y-%m-%d %H:%M")
    if lang == "zh":
        when = "已" if crossed else "如届时仍未履行，"
        return f"此为逾期天数界限：最后一日不因休息日顺延，至24:00届满；{when}自{at}起超过该期限"
    return (
        "a threshold: its last day is not moved off rest days and ends at 24:00; "
        + ("it was exceeded from " if crossed else "unless met first, it is exceeded from ")
        + at
    )


def _total(p: Period, d: Deadline | None = None) -> dt.timedelta | int:
    """The whole limit in its measure: a timedelta of (working) time, or days, or workdays."""
    if p.unit in _CLOCK:
        return _CLOCK[p.unit] * p.amount
    if p.unit in _WORK:
        return _WORK[p.unit] * p.amount
    if p.unit is Unit.WEEK:
        return 7 * p.amount
    if p.unit in (Unit.MONTH, Unit.YEAR):
        # months are measured in the days they span here (they are never paused, so d is the whole count)
        assert d is not None
        return max((d.last_day - _day0(d)).days, 1)
    return p.amount


def _day0(d: Deadline) -> dt.date:
    """The day a day-based count starts after (not counted), after the convention's receipt rules."""
    for step in d.trace:
        if step[0] == "start_excluded":
            day: dt.date = step[1]
            return day
    start = d.start  # pragma: no cover - every day-based deadline records its day 0
    return start.date() if isinstance(start, dt.datetime) else start  # pragma: no cover


def _days_done(cal: WorkCalendar, unit: Unit, day0: dt.date, day: dt.date) -> int:
    """Whole days (or workdays) of a count from ``day0`` completed before ``day``: those in (day0, day)."""
    if day <= day0:
        return 0
    if unit is Unit.WORKDAY:
        return int(cal.workdays_between(day0 + dt.timedelta(days=1), day))
    return (day - day0).days - 1


def _rest(limit: Period, used: dt.timedelta | int) -> Period | dt.timedelta:
    """What is left of ``limit`` after ``used``: a Period for day units, a timedelta for time."""
    total = _total(limit)
    if isinstance(total, dt.timedelta):
        assert isinstance(used, dt.timedelta)
        return total - used
    assert isinstance(used, int)
    return Period(total - used, Unit.DAY if limit.unit is Unit.WEEK else limit.unit)


def _segment(
    cal: WorkCalendar, conv: Convention, limit: Period, anchor: DateTime, used: dt.timedelta | int
) -> Deadline:
    """The deadline if the clock, restarted at ``anchor`` with ``used`` kept, now runs to the end."""
    if not used:
        return deadline(anchor, limit, calendar=cal, convention=conv)
    rest = _rest(limit, used)
    if isinstance(rest, Period):
        return deadline(anchor, rest, calendar=cal, convention=conv)
    assert isinstance(used, dt.timedelta)
    if limit.unit in _CLOCK:
        # hours run straight through: shift the start back by the time used, so the due is exactly
        # the restart plus the rest, and art. 203 (if the convention rolls clock time) still applies
        return deadline(anchor - used, limit, calendar=cal, convention=conv)
    # working time: the rest runs from the restart
    end = cal.add_working_time(anchor, rest)
    last = _day_of_end(end)
    return Deadline(anchor, limit, end, last, cal.is_provisional(last), cal, conv, "after", (("work_due", limit, end),))


def _replay(
    cal: WorkCalendar,
    conv: Convention,
    limit: Period,
    start: DateTime,
    stops: list[tuple[DateTime, DateTime | None, str]],
    until: DateTime,
    lang: Lang,
) -> _Run:
    run = _Run(start, _ZERO if limit.unit in _CLOCK or limit.unit in _WORK else 0)
    d = _segment(cal, conv, limit, start, run.used)
    zh = lang == "zh"
    for p, r, reason in stops:
        p_eff = max(p, run.anchor)
        if p_eff >= d.due:
            # the limit had run out: a later pause cannot revive it
            run.lines.append(
                f"{p.isoformat()}暂停（{reason}）时时限已届满，不中止计算"
                if zh
                else f"the pause at {p.isoformat()} ({reason}) came after the limit expired and does not stop it"
            )
            break
        kept = _kept(cal, limit, d, run.anchor, p_eff, run.used)
        run.used = kept
        left = _rest(limit, kept)
        run.lines.append(
            f"{p_eff.isoformat()}暂停（{reason}），已用{_show(kept, limit, zh)}，剩余{_show(left, limit, zh)}"
            if zh
            else f"paused at {p_eff.isoformat()} ({reason}): {_show(kept, limit, zh)} used, "
            f"{_show(left, limit, zh)} left"
        )
        if r is None or r > until:
            run.paused_since = p_eff
            return run
        run.anchor = r
        d = _segment(cal, conv, limit, r, kept)
        run.lines.append(
            f"{r.isoformat()}恢复计算，剩余{_show(left, limit, zh)}自此时起算"
            if zh
            else f"resumed at {r.isoformat()}: the remaining {_show(left, limit, zh)} count from then"
        )
    run.due = d
    return run


def _kept(
    cal: WorkCalendar, limit: Period, d: Deadline, anchor: DateTime, p: DateTime, used: dt.timedelta | int
) -> dt.timedelta | int:
    """What has been used of ``limit`` when the clock stops at ``p`` (before the due of segment ``d``)."""
    total = _total(limit)
    if isinstance(total, dt.timedelta):
        assert isinstance(used, dt.timedelta)
        ran: dt.timedelta = _diff(p, anchor) if limit.unit in _CLOCK else cal.working_time_between(anchor, p)
        # p is before the due, so some time is left; the bound only guards against rounding
        return min(used + ran, total - dt.timedelta(microseconds=1))
    assert isinstance(used, int)
    done = _days_done(cal, limit.unit, _day0(d), p.date())
    # never more than all but one day: a pause in an art. 203 roll keeps the last day
    return min(used + done, total - 1)


def _diff(a: dt.datetime, b: dt.datetime) -> dt.timedelta:
    """``a - b`` as a plain timedelta (pendulum's own subtraction gives an Interval)."""
    return _plain(a) - _plain(b)


def _show(x: dt.timedelta | int | Period, limit: Period, zh: bool) -> str:
    if isinstance(x, Period):
        return x.zh if zh else str(x)
    if isinstance(x, int):
        if zh:
            return f"{x}{'个工作日' if limit.unit is Unit.WORKDAY else '日'}"
        word = "workday" if limit.unit is Unit.WORKDAY else "day"
        return f"{x} {word}{'' if x == 1 else 's'}"
    prefix = ("工作时间" if zh else "working time ") if limit.unit in _WORK else ""
    return f"{prefix}{x}"


def _elapsed(
    cal: WorkCalendar, run: _Run, limit: Period, total: dt.timedelta | int, until: DateTime, over: bool
) -> dt.timedelta | int:
    """Used of the limit at ``until``, capped at the limit (all of it once overdue)."""
    if over:
        return total
    if run.due is None:  # stopped: what was kept
        return run.used
    anchor = run.anchor
    if isinstance(total, dt.timedelta):
        assert isinstance(run.used, dt.timedelta)
        ran: dt.timedelta = _diff(until, anchor) if limit.unit in _CLOCK else cal.working_time_between(anchor, until)
        # done before a fixed-date start: nothing used
        return min(run.used + max(ran, _ZERO), total)
    assert isinstance(run.used, int)
    done = run.used + _days_done(cal, limit.unit, _day0(run.due), until.date())
    # before the due, at least the last day remains (the rest days of an art. 203 roll belong to it)
    return min(done, total - 1)


def _at_risk(cal: WorkCalendar, c: Clause, due: DateTime, last_day: dt.date, percent: float, now: DateTime) -> bool:
    """Whether a running clause due at ``due`` (last day ``last_day``) is past its ``warn_at`` or ``warn_before``.

    Both tests are made, even when the first decides: the lead's count reads calendar days, and whether the
    status is provisional must not depend on the order of the tests (``evaluate`` makes both on columns).
    """
    share = c.warn_at is not None and percent >= 100.0 * c.warn_at
    return _lead_reached(cal, c, due, last_day, now) or share


def _lead_reached(cal: WorkCalendar, c: Clause, due: DateTime, last_day: dt.date, now: DateTime) -> bool:
    w = c.warn_before
    if w is None:
        return False
    if w.unit in _CLOCK:
        return now >= due - _CLOCK[w.unit] * w.amount
    if w.unit in _WORK:
        return cal.working_time_between(now, due) <= _WORK[w.unit] * w.amount
    if w.unit is Unit.WORKDAY:
        # workdays from today to the last day, both counted
        return int(cal.workdays_between(now.date(), last_day + dt.timedelta(days=1))) <= w.amount
    if w.unit in (Unit.DAY, Unit.WEEK):
        return (last_day - now.date()).days + 1 <= w.amount * (7 if w.unit is Unit.WEEK else 1)
    months = w.amount * (12 if w.unit is Unit.YEAR else 1)
    return bool(now >= due.subtract(months=months))


# -- monthly, notice and window clauses -----------------------------------------------------------


def _row(
    c: Clause,
    state: ClauseState,
    *,
    period: Period | None,
    start: DateTime | dt.date | None,
    due: DateTime | None,
    last_day: dt.date | None,
    done_at: DateTime | None,
    unit: MeasureUnit,
    total: int | None,
    elapsed: int,
    overdue: dt.timedelta | None,
    lines: list[str],
) -> ClauseStatus:
    """A status measured in whole days or workdays: ``remaining`` and ``percent_used`` follow from ``total``."""
    remaining = 0 if total is None else total - elapsed
    percent = 0.0 if not total else 100.0 * elapsed / total
    return ClauseStatus(
        c.name,
        state,
        period,
        start,
        due,
        last_day,
        done_at,
        unit,
        elapsed,
        remaining,
        percent,
        overdue,
        None,
        False,
        "\n".join(lines),
    )


def _measured(total: int, done: int, over: bool) -> int:
    """Used of ``total`` whole days: all once over, else at most all but the last day."""
    return total if over else max(0, min(done, total - 1))


def _next_month(first: dt.date) -> dt.date:
    return (first + dt.timedelta(days=31)).replace(day=1)


def _monthly_status(case: Case, c: Clause, now: DateTime, lang: Lang) -> ClauseStatus | str:
    """The month containing ``now``: its due by the rule (or the month's end), met by ``met_by`` inside its window."""
    cal, conv, zh = case.calendar, case.contract.convention, lang == "zh"
    rule = c.rule
    unit: MeasureUnit = "workdays" if rule is not None and rule.kind == "within_first" else "days"
    start = _start_of(case, c)
    if start is None or start > now:
        return _row(
            c,
            "not_started",
            period=None,
            start=None,
            due=None,
            last_day=None,
            done_at=None,
            unit=unit,
            total=None,
            elapsed=0,
            overdue=None,
            lines=[],
        )
    first = now.date().replace(day=1)
    month_start = case._instant_arg(dt.datetime.combine(first, dt.time()), "month")
    lines: list[str] = []
    p: Period | None = None
    opens = month_start
    if rule is None:
        nxt = _next_month(first)
        due = case._instant_arg(dt.datetime.combine(nxt, dt.time()), "due")
        last_day = nxt - dt.timedelta(days=1)
        lines.append(
            f"每月一次：{first:%Y-%m}的期限至该月最后一日{last_day.isoformat()} 24:00"
            if zh
            else f"once a month: {first:%Y-%m} is due by the end of its last day, {last_day.isoformat()} 24:00"
        )
    else:
        try:
            d = monthly_deadline(first, rule, calendar=cal, convention=conv)
        except InvalidInputError as exc:
            return str(exc)
        due, last_day, p = d.due, d.last_day, d.period
        lines.append(d.explain(lang))
        if rule.kind == "before" and start < month_start:
            # "before the N-th workday": the due is at or just after the month's start, so the month's
            # window opens where the previous month's closed
            opens = monthly_deadline(first - dt.timedelta(days=1), rule, calendar=cal, convention=conv).due
    opens = max(opens, start)
    if opens >= due:
        lines.append(
            f"{first:%Y-%m}的期限在条款起算（{start.isoformat()}）前已届满：本月无需履行"
            if zh
            else f"{first:%Y-%m}'s limit ended before the clause started at {start.isoformat()}: "
            "nothing is due this month"
        )
        return _row(
            c,
            "not_started",
            period=p,
            start=None,
            due=None,
            last_day=None,
            done_at=None,
            unit=unit,
            total=None,
            elapsed=0,
            overdue=None,
            lines=lines,
        )
    assert c.met_by is not None
    done = case.occurred(c.met_by)
    done_at = done if done is not None and done >= opens else None
    if done is not None and done_at is None:
        lines.append(
            f"{c.met_by}于{done.isoformat()}发生，早于本月期间（自{opens.isoformat()}起），不计入本月"
            if zh
            else f"{c.met_by!r} at {done.isoformat()} came before this month's window (from {opens.isoformat()})"
        )
    until = done_at if done_at is not None else now
    overdue = _diff(until, due) if until >= due else None
    if unit == "workdays":
        assert rule is not None
        total = rule.n
        done_days = int(cal.workdays_between(first, until.date()))
    else:
        total = (last_day - opens.date()).days + 1
        done_days = (until.date() - opens.date()).days
    elapsed = _measured(total, done_days, overdue is not None)
    state = _final_state(cal, c, done_at, overdue, due, last_day, 100.0 * elapsed / total, now)
    return _row(
        c,
        state,
        period=p,
        start=opens,
        due=due,
        last_day=last_day,
        done_at=done_at,
        unit=unit,
        total=total,
        elapsed=elapsed,
        overdue=overdue,
        lines=lines,
    )


def _final_state(
    cal: WorkCalendar,
    c: Clause,
    done_at: DateTime | None,
    overdue: dt.timedelta | None,
    due: DateTime,
    last_day: dt.date,
    percent: float,
    now: DateTime,
) -> ClauseState:
    if overdue is not None:
        return "breached"
    if done_at is not None:
        return "met"
    return "at_risk" if _at_risk(cal, c, due, last_day, percent, now) else "running"


def _notice_status(case: Case, c: Clause, now: DateTime, lang: Lang) -> ClauseStatus:
    """Notice before an anchor (the event or date the notice period ends on), counted backward."""
    cal, conv, zh = case.calendar, case.contract.convention, lang == "zh"
    assert c.period is not None
    assert c.met_by is not None
    anchor = _start_of(case, c)
    done = case.occurred(c.met_by)
    if anchor is None:
        lines = [
            f"通知期截至{c.starts_on}，该事件尚未发生：最迟通知日未定"
            if zh
            else f"the notice period ends on {c.starts_on!r}, which has not happened: the latest notice day is unknown"
        ]
        return _row(
            c,
            "not_started",
            period=c.period,
            start=None,
            due=None,
            last_day=None,
            done_at=done,
            unit="days",
            total=None,
            elapsed=0,
            overdue=None,
            lines=lines,
        )
    d = notice_deadline(anchor.date(), c.period, calendar=cal, convention=conv)
    until = done if done is not None else now
    overdue = _diff(until, d.due) if until >= d.due else None
    # days left to give notice, the latest notice day included; nothing of the period is "used" before the notice
    left = 0 if overdue is not None else (d.last_day - until.date()).days + 1
    state = _final_state(cal, c, done, overdue, d.due, d.last_day, 0.0, now)
    return ClauseStatus(
        c.name,
        state,
        c.period,
        anchor,
        d.due,
        d.last_day,
        done,
        "days",
        0,
        left,
        100.0 if overdue is not None else 0.0,
        overdue,
        None,
        False,
        d.explain(lang),
    )


def _window_status(case: Case, c: Clause, now: DateTime, lang: Lang) -> ClauseStatus | str:
    """A range of days from ``starts_on`` (its instant) for ``period`` or to ``ends_on``, both days included."""
    cal, conv, zh = case.calendar, case.contract.convention, lang == "zh"
    p = c.period
    if p is not None and not p.unit.is_day_based:
        return f"a window of {p} (hours or minutes) has no case status yet; use a deadline"
    start = _start_of(case, c)
    if start is None or start > now:
        return _row(
            c,
            "not_started",
            period=p,
            start=None,
            due=None,
            last_day=None,
            done_at=None,
            unit="days",
            total=None,
            elapsed=0,
            overdue=None,
            lines=[],
        )
    if c.pausable and any(r is None or r > start for _, r, _ in _pauses(case, now)):
        return "pausing a window is not supported yet (the case was paused)"
    first = start.date()
    lines: list[str] = []
    last: dt.date | None
    if p is not None:
        # the period counted as a deadline (art. 201: the start day not counted); like a range written as
        # dates, its last day is not rolled unless the convention rolls fixed ranges (an open question: art. 203
        # could be read to move it; a far window would then need calendar data past the official horizon)
        nominal = deadline(first, p, calendar=cal, convention=conv.replace(roll_last_day=False))
        last = nominal.last_day
        lines.append(
            f"{p.zh}自{first.isoformat()}起算，至{last.isoformat()}"
            if zh
            else f"{p} from {first.isoformat()} runs to {last.isoformat()}"
        )
    else:
        assert c.ends_on is not None
        ref = c.ends_on
        if ref in case.contract.event_names:
            end_at = case.occurred(ref)
            last = None if end_at is None else end_at.date()
        else:
            last = dt.date.fromisoformat(ref)
    due: DateTime | None = None
    last_day: dt.date | None = None
    if last is None:
        lines.append(
            f"期间截至{c.ends_on}，该事件尚未发生：截止未定"
            if zh
            else f"the window ends on {c.ends_on!r}, which has not happened: its end is not known yet"
        )
    else:
        if last < first:
            return f"the window ends on {last.isoformat()}, before it opens on {first.isoformat()}"
        w = fixed_window(first, last, calendar=cal, convention=conv)
        due, last_day = w.closes, w.last_day
        lines.append(w.explain(lang))
    done = case.occurred(c.met_by) if c.met_by is not None else None
    until = done if done is not None else now
    total = None if last_day is None else (last_day - first).days + 1
    overdue: dt.timedelta | None = None
    over = due is not None and until >= due
    state: ClauseState
    if done is not None and done < start:
        state = "breached"
        lines.append(
            f"{c.met_by}于{done.isoformat()}发生，早于期间开始"
            if zh
            else f"{c.met_by!r} at {done.isoformat()} came before the window opened"
        )
    elif over:
        assert due is not None
        if c.met_by is None:
            state = "expired"
        else:
            state, overdue = "breached", _diff(until, due)
    elif done is not None:
        state = "met"
    elif due is not None and last_day is not None and total is not None:
        percent = 100.0 * _measured(total, (now.date() - first).days, False) / total
        state = "at_risk" if _at_risk(cal, c, due, last_day, percent, now) else "running"
    else:
        state = "running"
    days = max(0, (until.date() - first).days)
    elapsed = days if total is None else _measured(total, days, over)
    return _row(
        c,
        state,
        period=p,
        start=start,
        due=due,
        last_day=last_day,
        done_at=done,
        unit="days",
        total=total,
        elapsed=elapsed,
        overdue=overdue,
        lines=lines,
    )
