"""Statuses: where each clause of a case stands at ``now`` (:class:`ClauseStatus`), and the case's (:class:`Status`).

Also their words: the states in Chinese and English, what is left or overdue in
the clause's own unit (:meth:`ClauseStatus.phrase`), and the plain-text table
(:meth:`Status.table`) with its provisional mark and footnote. Every words method
(``phrase``, ``table``, ``str(status)``) is in Chinese unless given ``lang="en"``, as
``Deadline.explain`` is; the Chinese of an HK, MO or TW calendar is written in
traditional characters (:func:`slaclock._rules.explain.chinese`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, final

from slaclock._base.frames import FrameKind, records
from slaclock._base.instants import before, shifted
from slaclock._base.show import brief, strf
from slaclock._base.types import Lang
from slaclock._contracts import display as _display
from slaclock._contracts.display import STATE_WORDS, due_text
from slaclock._periods.period import Period
from slaclock._rules.explain import check_lang, chinese
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from pendulum import DateTime

    from slaclock._calendar import WorkCalendar

__all__ = ["STATES", "ClauseState", "ClauseStatus", "MeasureUnit", "Status"]

ClauseState: TypeAlias = Literal["not_started", "running", "paused", "at_risk", "met", "breached", "expired", "stopped"]
"""The state of one clause at ``now`` (``"expired"``: a window without ``met_by`` that has closed; ``"stopped"``:
a recurring clause's cycle closed by its ``stops_on`` event before its due)."""

STATES: Final = ("not_started", "running", "paused", "at_risk", "met", "breached", "stopped", "expired")
"""The states :meth:`Contract.evaluate` gives, in the order of their codes (a pandas column's categories)."""

MeasureUnit: TypeAlias = Literal["time", "working_time", "days", "workdays"]
"""How ``elapsed`` and ``remaining`` are measured: timedeltas of (working) time, or whole days / workdays."""


@final
@dataclass(frozen=True, slots=True)
class ClauseStatus:
    """Where one clause stands at ``now`` (a deadline; a monthly, notice or window clause: see the module notes).

    Attributes
    ----------
    clause : str
    state : {"not_started", "running", "paused", "at_risk", "met", "breached", "expired", "stopped"}
        ``"met"``: done at an instant before the due (``done_at < due``), or done
        while its clock was stopped. ``"breached"``: done at or after the due, or not
        done and ``now >= due``. ``"at_risk"``: running and past ``warn_at`` or
        within ``warn_before`` of the due. ``"expired"``: a window without
        ``met_by`` (a plain term) that has closed. ``"stopped"``: a recurring
        clause's cycle closed by ``stops_on`` before its due (nothing was owed any
        more). A recurring clause's status is its last cycle's (see :attr:`cycles`).
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
        elapsed time (hour and minute periods), of working time (working hours),
        or ``int`` whole days (day, week, month and year periods) or workdays. Whole
        days count as the pause rule does: the days of the period completed before
        today, so on the last day ``remaining`` is 1.
    elapsed, remaining : timedelta or int
        Used and left of the limit, stopped time excluded; capped at the limit
        (``overdue_by`` measures the rest). Both 0 before the start.
    percent_used : float
        ``elapsed`` as a percentage of the limit, 0–100.
    overdue_by : timedelta or None
        The time elapsed from ``due`` to ``done_at`` (or to ``now`` when not done) for a
        breach: 47 hours over a night the clocks spring forward, where the wall times
        differ by 48. :meth:`phrase` words it in the clause's unit (working time, whole
        days, workdays).
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
    cycles : tuple of ClauseStatus
        A recurring clause's cycles so far, oldest first, each with its own
        start, due, ``done_at``, state and explanation (empty for other kinds).
        :attr:`met_cycles`, :attr:`breached_cycles` and :attr:`ever_breached`
        count them.
    calendar : WorkCalendar or None
        The calendar the status was counted on (a :class:`Status` gives its own to
        its clauses): :meth:`phrase` counts the workdays or working time overdue on
        it, and writes the Chinese of its region.
    warnings : tuple of (label, pendulum.DateTime or None) pairs
        The clause's warning ladder (``warn``, then ``warn_at``, then
        ``warn_before``) with each rung's warning instant for the running clock:
        the first instant from which the clause counts as past that rung ("50%",
        "2小时"). Given while a deadline or threshold clause runs (``"running"``
        or ``"at_risk"``); empty for a clause without a ladder, not started, met,
        breached, or paused (the due is unknown while the clock is stopped; after
        a resumption the instants are those of the clock as it runs from the
        resumption). An instant before the clock's (re)start is that start; None
        for a share a whole-day count cannot reach before its due. Monthly, notice
        and window clauses: empty.
    risk : str or None
        While ``"at_risk"``, the label of the highest rung passed: the one whose
        instant is the latest at or before ``now`` (of equal instants, the later
        rung). None in every other state.
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
    calendar: WorkCalendar | None = field(default=None, repr=False, compare=False)
    cycles: tuple[ClauseStatus, ...] = field(default=(), repr=False)
    warnings: tuple[tuple[str, DateTime | None], ...] = ()
    risk: str | None = None

    def __repr__(self) -> str:
        return _display.clause_status_repr(self)

    def _repr_html_(self) -> str:
        return _display.clause_status_html(self)

    @property
    def met_cycles(self) -> int:
        """How many of a recurring clause's cycles were met (0 for other kinds)."""
        return sum(1 for c in self.cycles if c.state == "met")

    @property
    def breached_cycles(self) -> int:
        """How many of a recurring clause's cycles were breached, the current one included if it is."""
        return sum(1 for c in self.cycles if c.state == "breached")

    @property
    def ever_breached(self) -> bool:
        """Whether the clause was ever breached: any cycle of a recurring clause, or the clause itself."""
        return self.state == "breached" or self.breached_cycles > 0

    def phrase(self, lang: Lang = "zh") -> str:
        """What is left or overdue, in words and in the clause's own unit.

        "还剩2个工作日", "逾期3个工作日", "2 workdays left", "overdue by 3 workdays", "overdue
        by 2 hours of working time". A provisional status says so: "还剩5个工作日（暂定）",
        "5 workdays left (provisional)".

        Raises
        ------
        InvalidInputError
            ``lang`` is not "zh" or "en".
        """
        check_lang(lang)
        text = _phrase(self, lang)
        if self.provisional:
            text += _MARK_ZH if lang == "zh" else _MARK_EN
        return _script(text, self.calendar, lang)


_MARK_ZH: Final = "（暂定）"
_MARK_EN: Final = " (provisional)"


_STATES: Final = STATE_WORDS


def _script(text: str, cal: WorkCalendar | None, lang: Lang) -> str:
    """Chinese words in the script of the calendar's region (traditional for HK, MO and TW)."""
    return chinese(text, cal.region) if lang == "zh" and cal is not None else text


def _state_text(state: str, lang: Lang) -> str:
    zh, en = _STATES[state]
    return zh if lang == "zh" else en


def _due_text(c: ClauseStatus) -> str:
    return due_text(c.due, c.last_day)


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


def _text_width(text: str) -> int:
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
        at = strf(c.done_at, "%Y-%m-%d %H:%M") if c.done_at is not None else ""
        return f"已于{at}完成" if zh else f"done at {at}"
    if c.state == "expired":
        return "已届满" if zh else "expired"
    if c.state == "stopped":
        return "已终止" if zh else "stopped"
    if c.state == "breached" and c.overdue_by is None:  # a window's event done before it opened
        return "未在期间内完成" if zh else "not done inside its window"
    if c.due is None and c.state in ("running", "at_risk"):  # a window whose end event has not happened
        return "截止未定" if zh else "no end yet"
    if c.overdue_by is not None:
        return _overdue(c, c.overdue_by, lang)
    left = _amount(c.remaining, c.unit, lang)
    if c.state == "paused":
        return f"已暂停，保留{left}" if zh else f"paused, {left} kept"
    return f"还剩{left}" if zh else f"{left} left"


def _after(cal: WorkCalendar, due: DateTime, overdue_by: dt.timedelta) -> DateTime:
    """The instant ``overdue_by`` of elapsed time after ``due``."""
    from slaclock._calendar import day_table

    return shifted(day_table(cal).tzone(), due, overdue_by)


def _overdue(c: ClauseStatus, overdue_by: dt.timedelta, lang: Lang) -> str:
    """ "逾期…" / "overdue by …" in the clause's unit: time, working time, whole days, or workdays completed."""
    zh = lang == "zh"
    late: dt.timedelta | int = overdue_by
    unit: MeasureUnit = "time"
    at_least = False
    cal, due = c.calendar, c.due
    if c.unit == "working_time" and cal is not None and due is not None:
        # counted up to the calendar's last instant: past it, "at least"
        after = dt.datetime.combine(cal.last_day + dt.timedelta(days=1), dt.time(), tzinfo=due.tzinfo)
        stop = after - dt.timedelta(microseconds=1)
        until = _after(cal, due, overdue_by)
        at_least = before(stop, until)
        worked = cal.working_time_between(due, stop if at_least else until) if before(due, stop) else None
        if worked is not None:
            late, unit = worked, "working_time"
    elif c.unit == "workdays" and cal is not None and due is not None:
        # the workdays wholly past since the due: from the due's day if the due is at 00:00, else the next day
        midnight = (due.hour, due.minute, due.second, due.microsecond) == (0, 0, 0, 0)
        first = due.date() if midnight else due.date() + dt.timedelta(days=1)
        last = _after(cal, due, overdue_by).date()
        limit = cal.last_day + dt.timedelta(days=1)  # counting [first, last) reads days up to last - 1 only
        at_least = last > limit
        late, unit = (int(cal.workdays_between(first, min(last, limit))) if last > first else 0), "workdays"
        if late == 0:
            return "逾期不足1个工作日" if zh else "overdue by less than 1 workday"
    elif c.unit in ("days", "workdays") and overdue_by >= dt.timedelta(days=1):
        late, unit = overdue_by.days, "days"
    amount = _amount(late, unit, lang)
    if zh:
        return f"逾期{'至少' if at_least else ''}{amount}"
    return f"overdue by {'at least ' if at_least else ''}{amount}"


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

    def __post_init__(self) -> None:
        if self.calendar is not None and any(c.calendar is None for c in self.clauses):
            clauses = tuple(c if c.calendar is not None else replace(c, calendar=self.calendar) for c in self.clauses)
            object.__setattr__(self, "clauses", clauses)

    def __repr__(self) -> str:
        return _display.status_repr(self)

    def _repr_html_(self) -> str:
        return _display.status_html(self)

    def to_frame(self, kind: FrameKind = "pandas") -> Any:
        """One row per clause: its state, period, start, due, last day, done, elapsed and remaining, percent used,
        overdue, left or overdue in words, pause, extension, provisional, risk and explanation.

        A pandas ``DataFrame`` (``kind="polars"``: a polars one; ``"arrow"``: a pyarrow ``Table``). ``elapsed``
        and ``remaining`` are timedeltas or whole days by each clause's :attr:`ClauseStatus.unit`: pandas keeps
        them as they are, polars and pyarrow (one type per column) as text when a status mixes units.
        Clauses without a status (:attr:`not_supported`) have no row.

        Raises
        ------
        InvalidInputError
            The library is not installed (the error names the extra: ``pip install "slaclock[pandas]"``).

        Examples
        --------
        >>> import slaclock as sc
        >>> c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
        ...                      sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved")],
        ...                 events=["received"])
        >>> frame = c.open(received_at="2026-09-30T20:00").status(now="2026-10-02T09:00").to_frame()
        >>> frame[["clause", "state", "last_day", "left_or_overdue"]]
             clause     state    last_day      left_or_overdue
        0       ack  breached  2026-10-01  overdue by 13 hours
        1  solution   running  2026-10-13     5 workdays left
        """
        return records(_display.status_rows(self), kind, "Status.to_frame")

    @property
    def provisional(self) -> bool:
        """Whether any clause's status is provisional (:attr:`ClauseStatus.provisional`)."""
        return any(c.provisional for c in self.clauses)

    def table(self, lang: Lang = "zh") -> str:
        """The status as a plain-text table for a terminal: clause, state, due, and what is left or overdue.

        Due instants show the last day and "24:00" at midnight, never 23:59:59. A
        provisional clause's due is marked ``*``, and a last line explains the mark.
        ``str(status)`` is ``status.table()``: in Chinese, the default of every words method.

        Raises
        ------
        InvalidInputError
            ``lang`` is not "zh" or "en".

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
        check_lang(lang)
        cal = self.calendar
        head = ("条款", "状态", "截止", "剩余/逾期") if lang == "zh" else ("clause", "state", "due", "left / overdue")
        rows = [tuple(_script(w, cal, lang) for w in head)] + [
            (
                c.clause,
                _script(_state_text(c.state, lang), cal, lang),
                _due_text(c) + "*" * c.provisional,
                _script(_phrase(c, lang), cal, lang),
            )
            for c in self.clauses
        ]
        rows += [(name, "—", "—", reason) for name, reason in self.not_supported]
        widths = [max(_text_width(r[i]) for r in rows) for i in range(3)]
        lines = [
            "  ".join(cell + " " * (w - _text_width(cell)) for cell, w in zip(r[:3], widths, strict=True)) + "  " + r[3]
            for r in rows
        ]
        if self.provisional:
            lines.append(_script(_footnote(cal, lang), cal, lang))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table("zh")

    def __getitem__(self, name: str) -> ClauseStatus:
        for c in self.clauses:
            if c.clause == name:
                return c
        reason = dict(self.not_supported).get(name)
        if reason is not None:
            raise InvalidInputError(f"clause {brief(name)} has no status: {reason}")
        raise InvalidInputError(
            f"no deadline clause {brief(name)} in this status (clauses: {', '.join(c.clause for c in self.clauses)})"
        )
