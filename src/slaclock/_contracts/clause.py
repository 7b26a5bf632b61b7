"""Clauses: one time limit of a contract (:class:`Clause`), and its extension after notice (:class:`Extension`).

A :class:`Clause` says *what* is limited: a period, the event it counts from
(``starts_on``), the event that meets it (``met_by``), and how it behaves (paused
while the customer is asked, warned at 75 %, extended once after notice). Each
checks its own fields when built; what a clause means for the other clauses (the
event vocabulary, the order of events) is checked by the contract.

Maintainer's notes
------------------
* **Periods** are stored parsed, with the contract's own words beside them
  (``wording``), so a clause compares and round-trips by value.
* **Comparable lengths.** :func:`_longer` compares two periods only within one
  family of units (elapsed time, working time, days, workdays, months): a lead
  time or an extension cap in another family cannot be checked on every
  calendar, and the checks that need it say so.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Final, Literal, TypeAlias, cast, final, get_args

from slaclock._base.show import brief
from slaclock._contracts.checks import (
    _check_keys,
    _event_name,
    _event_ref,
    _flag,
    _identifier,
    _is_date,
    _longer,
    _text_field,
)
from slaclock._contracts.targets import TargetRow, Targets
from slaclock._periods.period import Period, period
from slaclock._rules.windows import MonthlyRule
from slaclock.errors import ContractError, InvalidInputError, PeriodParseError

__all__ = ["Clause", "ClauseKind", "Extension"]

ClauseKind: TypeAlias = Literal["deadline", "notice", "window", "monthly", "threshold", "recurring"]
"""What a clause limits: see :class:`Clause`."""

PeriodLike: TypeAlias = str | Period | dt.timedelta
"""A period as the contract's words ("5个工作日"), a :class:`Period` or a ``timedelta`` (hours, minutes)."""

EventLike: TypeAlias = str | dt.date
"""An event name ("received") or a fixed date (``date`` or ``"YYYY-MM-DD"``)."""

Rung: TypeAlias = float | Period
"""One rung of a warning ladder: a share of the period in (0, 1), or a lead time before the due."""

MAX_RUNGS: Final = 16
"""The most rungs a clause's warning ladder may have (``warn``, ``warn_at`` and ``warn_before`` together)."""

_KINDS: Final = get_args(ClauseKind)


_REPR_MAX: Final = 400
"""The longest eval-able ``repr`` of a clause; a longer one (pages of description) is shown short."""


def _parsed(value: object, where: str) -> Period:
    """``period(value)``, with ``where`` (the clause and field) added to any error."""
    try:
        return period(cast(PeriodLike, value))
    except PeriodParseError as exc:
        raise PeriodParseError(f"{where}: {exc}", exc.text, exc.position) from None
    except InvalidInputError as exc:
        raise ContractError(f"{where}: {exc}") from None


def _same_words(value: object, words: str | None, where: str) -> tuple[Period, str]:
    """A period and the words it was written in: text keeps its words, a Period or timedelta gets ``p.zh``."""
    p = _parsed(value, where)
    given = str(value) if isinstance(value, str) else p.zh  # plain text, not numpy's str_: it is written to files
    if words is None:
        return p, given
    words = _text_field(words, f"{where} wording")
    if _parsed(words, f"{where} wording") != p:
        raise ContractError(f"{where}: the wording {brief(words)} reads as {_parsed(words, where)}, not {p}")
    return p, words


def _monthly_words(rule: MonthlyRule) -> str:
    if rule.kind == "within_first":
        return f"每月初{rule.n}个工作日内"
    return f"每月的第{rule.n}个工作日前"


@final
@dataclass(frozen=True, slots=True, init=False)
class Extension:
    """A limit that may be extended once, after notice ("……应在标准处理时限届满前通知乙方，但最长不得超过N个工作日").

    The extended limit is counted from the clause's own start (``cap`` is the
    total, "in all"); recording ``event`` in a case applies it.

    Parameters
    ----------
    cap : str, Period, timedelta or None
        The longest the limit may become, in all ("最长不得超过30个工作日"); its
        unit must be comparable with the clause's period and longer. None when the
        contract sets no cap ("如需更长时间，应提前通知乙方并说明原因"): the notice
        then states the new time.
    event : str
        The case event that applies the extension, usually the notice to the
        customer ("complex_notified"). It joins the contract's events.
    notice_before_expiry : bool
        The notice must be given before the standard limit expires (default True).
    wording : str, optional
        The contract's words for the cap, when ``cap`` is a ``Period``.

    Raises
    ------
    ContractError
        A bad event name or flag.
    PeriodParseError
        A cap that is not a period.

    Examples
    --------
    >>> from slaclock._contracts.clause import Extension
    >>> Extension("30个工作日", event="complex_notified")
    Extension('30个工作日', event='complex_notified')
    """

    cap: Period | None
    event: str
    notice_before_expiry: bool
    wording: str
    """The contract's words for the cap ("最长不得超过30个工作日"); ``""`` without a cap."""

    def __init__(
        self,
        cap: PeriodLike | None = None,
        *,
        event: str,
        notice_before_expiry: bool = True,
        wording: str | None = None,
    ) -> None:
        if cap is None:
            if wording:
                raise ContractError(f"extension wording {brief(wording)} given without a cap")
            p, words = None, ""
        else:
            p, words = _same_words(cap, wording, "extension cap")
        object.__setattr__(self, "cap", p)
        object.__setattr__(self, "event", _event_name(event, "extension event"))
        object.__setattr__(self, "notice_before_expiry", _flag(notice_before_expiry, "extension notice_before_expiry"))
        object.__setattr__(self, "wording", words)

    def __copy__(self) -> Extension:
        return self

    def __deepcopy__(self, memo: object) -> Extension:
        return self

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # by value, through the constructor: a tampered pickle is checked as a table would be
        return (_rebuilt, (Extension, self.to_dict()))

    def __setstate__(self, state: object) -> None:
        fresh = _checked(Extension, state)
        for f in fields(self):
            object.__setattr__(self, f.name, getattr(fresh, f.name))

    def __repr__(self) -> str:
        parts = [repr(self.wording)] if self.cap is not None else []
        parts.append(f"event={self.event!r}")
        if not self.notice_before_expiry:
            parts.append("notice_before_expiry=False")
        return f"Extension({', '.join(parts)})"

    def to_dict(self) -> dict[str, Any]:
        """The extension as plain values, defaults left out."""
        out: dict[str, Any] = {}
        if self.cap is not None:
            out["cap"] = self.wording
        out["event"] = self.event
        if not self.notice_before_expiry:
            out["notice_before_expiry"] = False
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "extension") -> Extension:
        """The inverse of :meth:`to_dict`."""
        _check_keys(data, where, required=("event",), allowed=("cap", "event", "notice_before_expiry"))
        return cls(data.get("cap"), event=data["event"], notice_before_expiry=data.get("notice_before_expiry", True))


@final
@dataclass(frozen=True, slots=True, init=False)
class Clause:
    """One time limit of a contract: a period anchored on an event, and the event that meets it.

    Parameters
    ----------
    name : str
        An identifier, unique in its contract ("acknowledgement", "受理确认").
    period : str, Period, timedelta, MonthlyRule, list of target rows, Targets or None
        The limit in the contract's words ("收到投诉后24小时内", "5个工作日"), read
        with :func:`~slaclock.period`; the words are kept as :attr:`wording`. A
        deadline, threshold or recurring clause may instead take a target table
        chosen per case by its attributes, first match wins, the last row the
        default (:class:`~slaclock.Targets`): ``[{"when": {"priority": "P1"},
        "period": "2个工作小时"}, {"period": "3个工作日"}]``. A
        ``"monthly"`` clause takes a monthly rule ("每月初五个工作日内"), or None
        for "once each month" (by the month's end). A ``"window"`` takes a period
        ("for 3 months") or ``ends_on``.
    starts_on : str or date
        The event the period counts from ("received", another clause's ``met_by``),
        or a fixed date. For a ``"notice"``, the event or date the notice must
        precede (counted backward). For a ``"monthly"`` clause, the event from which
        it applies each month (e.g. "effective").
    met_by : str, optional
        The event that meets the limit ("acknowledged"). Required except for a
        window, which may be a plain term of validity.
    kind : {"deadline", "notice", "window", "monthly", "threshold", "recurring"}
        ``"deadline"`` (default): ``met_by`` must happen within ``period`` after
        ``starts_on``. ``"notice"``: ``met_by`` (the notice) must come at least
        ``period`` before ``starts_on`` ("提前30日书面通知"); whole days only.
        ``"window"``: valid from ``starts_on`` for ``period`` or until ``ends_on``
        (both days included, "有效期自A至B"); ``met_by``, if any, should happen
        inside it. ``"monthly"``: ``met_by`` is due each month by the rule.
        ``"threshold"``: a count that gives a right once it is exceeded without
        ``met_by`` ("逾期超过30日的，乙方有权解除本协议"). It is counted as a deadline
        (art. 201: the start day not counted; art. 202 for months), but its last
        day is never rolled and always ends at 24:00: the days overdue run
        through rest days, as :func:`slaclock.penalties.overdue_days` counts
        them, and art. 203 moves a last day for doing an act, not the day a right
        arises. Record ``starts_on`` ("payment_due") on the last day for payment.
        ``"recurring"``: a timer that runs many times in a case ("next reply
        within 4 working hours" after every customer message). Each occurrence
        of ``starts_on`` opens a cycle unless one is open; the next ``met_by``
        closes it (met before its due, or breached); with ``periodic=True`` each
        ``met_by`` also opens the next cycle ("a progress notice every 5
        workdays while the complaint is open"); ``stops_on`` closes an open cycle
        without an outcome (breached if already past its due). Its events may be
        recorded any number of times.
    ends_on : str or date, optional
        A window's last day, as an event or a fixed date (only for windows).
    pausable : bool
        Whether the clock stops while the case is paused (awaiting the customer);
        deadlines and windows with a period only.
    warn_at : float, optional
        Warn when this share of the period has elapsed, in (0, 1): 0.75.
    warn_before : str, Period or timedelta, optional
        Warn this long before the limit ends ("4小时"); shorter than the period
        when the two can be compared.
    stops_on : str, optional
        A recurring clause's stop event ("solved", "closed"): it closes the open
        cycle, and later ``met_by`` events meet nothing until ``starts_on`` opens
        a new one.
    periodic : bool
        A recurring clause whose every ``met_by`` opens the next cycle.
    warn : list of float, str, Period or timedelta, optional
        A warning ladder: any number of rungs (at most 16 with ``warn_at`` and
        ``warn_before``, which join it), each a share of the period in (0, 1) or a
        lead time shorter than the period: ``[0.5, 0.75, 0.9, "2小时"]``. Each rung
        gets a warning instant in the status (:attr:`ClauseStatus.warnings`) and a
        column in ``evaluate``; see "Warning ladders" in the contracts guide.
    extension : Extension, optional
        The limit may be extended once (deadlines only).
    escalation : str, optional
        The event by which the customer may escalate when this limit is missed
        ("escalated", seed 001 §3.4(1)).
    ref : str
        The clause's place in the contract ("3.3(1)").
    description_zh, description_en : str
        What the clause says, for display.
    wording : str, optional
        The contract's words when ``period`` is given as a ``Period``; they must
        read as the same period. Default: ``period``'s own words, or its Chinese
        form. For a window with ``ends_on`` or a monthly clause without a rule,
        free text ("每月一次").

    Raises
    ------
    ContractError
        A bad name, kind, event or flag; a field the kind does not take (an hour
        notice, an extension on a window, a pausable notice); a ``warn_at`` outside
        (0, 1); a lead time or extension cap of the wrong length. The message
        names the clause.
    PeriodParseError
        Text that is not a period (or monthly rule); the message names the clause.

    Examples
    --------
    >>> from slaclock._contracts.clause import Clause
    >>> ack = Clause("acknowledgement", "收到投诉后24小时内", starts_on="received", met_by="acknowledged", ref="2.3")
    >>> ack.period, ack.wording
    (Period(24, 'hour'), '收到投诉后24小时内')
    >>> Clause("answer", "24小时", starts_on="asked", met_by="asked")
    Traceback (most recent call last):
      ...
    slaclock.errors.ContractError: clause 'answer': met_by 'asked' is also the event the clause is counted from
    """

    name: str
    kind: ClauseKind
    period: Period | None
    """The parsed period; None for monthly clauses, and windows with ``ends_on``; a target table's default."""
    targets: Targets | None = field(init=False)
    """The period chosen per case by its attributes (None: :attr:`period` for every case)."""
    rule: MonthlyRule | None = field(init=False)
    """A monthly clause's rule; None for "once each month" and for the other kinds."""
    wording: str
    """The contract's words for the period or rule ("收到投诉后24小时内")."""
    starts_on: str
    ends_on: str | None
    met_by: str | None
    pausable: bool
    warn_at: float | None
    warn_before: Period | None
    warn: tuple[Rung, ...]
    """The warning ladder's rungs given as ``warn`` (shares and lead times), without ``warn_at``/``warn_before``."""
    extension: Extension | None
    escalation: str | None
    ref: str
    description_zh: str
    description_en: str
    stops_on: str | None
    periodic: bool

    def __init__(
        self,
        name: str,
        period: PeriodLike | MonthlyRule | None = None,
        *,
        starts_on: EventLike,
        met_by: str | None = None,
        kind: ClauseKind = "deadline",
        ends_on: EventLike | None = None,
        pausable: bool = False,
        warn_at: float | None = None,
        warn_before: PeriodLike | None = None,
        warn: Sequence[float | PeriodLike] | None = None,
        extension: Extension | Mapping[str, Any] | None = None,
        escalation: str | None = None,
        ref: str = "",
        description_zh: str = "",
        description_en: str = "",
        wording: str | None = None,
        stops_on: str | None = None,
        periodic: bool = False,
    ) -> None:
        name = _identifier(name, "a clause name")
        where = f"clause {brief(name)}"
        if not isinstance(kind, str) or kind not in _KINDS:
            raise ContractError(f"{where}: kind must be one of {', '.join(map(repr, _KINDS))}; got {brief(kind)}")
        put = object.__setattr__
        put(self, "name", name)
        put(self, "kind", kind)
        self._set_limit(where, period, wording)
        put(self, "starts_on", _event_ref(starts_on, f"{where}: starts_on"))
        put(self, "ends_on", None if ends_on is None else _event_ref(ends_on, f"{where}: ends_on"))
        put(self, "met_by", None if met_by is None else _event_name(met_by, f"{where}: met_by"))
        put(self, "pausable", _flag(pausable, f"{where}: pausable"))
        put(self, "warn_at", _warn_share(warn_at, where))
        put(self, "warn_before", None if warn_before is None else _parsed(warn_before, f"{where}, warn_before"))
        put(self, "warn", parse_rungs(warn, where))
        if extension is not None and not isinstance(extension, Extension):
            if not isinstance(extension, Mapping):
                raise ContractError(f"{where}: extension must be an Extension; got {brief(extension)}")
            try:
                extension = Extension.from_dict(extension, f"{where}: extension")
            except ContractError as exc:
                raise ContractError(_named(where, exc)) from None
            except PeriodParseError as exc:
                raise PeriodParseError(_named(where, exc), exc.text, exc.position) from None
        put(self, "extension", extension)
        put(self, "escalation", None if escalation is None else _event_name(escalation, f"{where}: escalation"))
        put(self, "ref", _text_field(ref, f"{where}: ref"))
        put(self, "description_zh", _text_field(description_zh, f"{where}: description_zh"))
        put(self, "description_en", _text_field(description_en, f"{where}: description_en"))
        put(self, "stops_on", None if stops_on is None else _event_name(stops_on, f"{where}: stops_on"))
        put(self, "periodic", _flag(periodic, f"{where}: periodic"))
        self._check(where)

    def _set_limit(self, where: str, value: object, wording: str | None) -> None:
        put = object.__setattr__
        p: Period | None = None
        rule: MonthlyRule | None = None
        targets: Targets | None = None
        if isinstance(value, Targets | list | tuple):
            if self.kind not in ("deadline", "threshold", "recurring"):
                raise ContractError(
                    f"{where}: a target table chooses a deadline's, threshold's or recurring clause's period per "
                    f"case; this is a {self.kind}"
                )
            if wording is not None:
                raise ContractError(f"{where}: a target table keeps each row's own words; leave wording out")
            targets = Targets.of(value, f"{where}, period")
            put(self, "targets", targets)
            put(self, "period", targets.default)
            put(self, "rule", None)
            put(self, "wording", targets.rows[-1].wording)
            return
        put(self, "targets", None)
        if self.kind == "monthly":
            if isinstance(value, Period | dt.timedelta):
                raise ContractError(
                    f"{where}: a monthly clause takes a rule like '每月初五个工作日内' or '每月的第一个工作日前', "
                    f"not the period {value}"
                )
            if isinstance(value, MonthlyRule):
                rule = value
            elif isinstance(value, str):
                rule = _monthly_rule(value, f"{where}, period")
            elif value is not None:
                raise ContractError(
                    f"{where}: expected a monthly rule as text; got {type(value).__name__} {brief(value)}"
                )
            if rule is None:
                words = "" if wording is None else _text_field(wording, f"{where}: wording")
            elif wording is not None:
                _text_field(wording, f"{where}: wording")
                if _monthly_rule(wording, f"{where}, wording") != rule:
                    raise ContractError(f"{where}: the wording {brief(wording)} does not read as {rule}")
                words = wording
            else:
                words = value if isinstance(value, str) else _monthly_words(rule)
        elif value is None:
            if self.kind != "window":
                raise ContractError(f"{where}: a {self.kind} clause needs a period (e.g. '5个工作日')")
            words = "" if wording is None else _text_field(wording, f"{where}: wording")
        else:
            if isinstance(value, MonthlyRule):
                raise ContractError(f"{where}: a monthly rule needs kind='monthly'")
            p, words = _same_words(value, wording, f"{where}, period")
        put(self, "period", p)
        put(self, "rule", rule)
        put(self, "wording", words)

    def _check(self, where: str) -> None:
        kind, p = self.kind, self.period
        if kind == "window":
            if (p is None) == (self.ends_on is None):
                raise ContractError(f"{where}: a window needs either a period or ends_on (its last day), not both")
            if self.ends_on is not None and self.ends_on == self.starts_on and not _is_date(self.ends_on):
                raise ContractError(f"{where}: the window starts and ends on the same event {brief(self.starts_on)}")
            if (
                self.ends_on is not None
                and _is_date(self.ends_on)
                and _is_date(self.starts_on)
                and self.ends_on < self.starts_on
            ):
                raise ContractError(f"{where}: the window ends on {self.ends_on}, before it starts on {self.starts_on}")
        elif self.ends_on is not None:
            raise ContractError(f"{where}: only a window has ends_on; a {kind} ends by its period")
        if self.met_by is None and kind != "window":
            raise ContractError(f"{where}: a {kind} clause needs met_by, the event that meets it (e.g. 'acknowledged')")
        if self.met_by is not None and self.met_by == self.starts_on:
            raise ContractError(f"{where}: met_by {brief(self.met_by)} is also the event the clause is counted from")
        if self.met_by is not None and self.met_by == self.ends_on:
            raise ContractError(f"{where}: met_by {brief(self.met_by)} is also the event the window ends on")
        if kind == "notice" and p is not None and not p.unit.is_day_based:
            raise ContractError(
                f"{where}: a notice before a date counts whole days ('提前30日', '5个工作日'); got {p}. "
                "For notice in hours, use a deadline on the event"
            )
        self._check_recurring(where)
        if self.pausable and (kind in ("notice", "monthly", "threshold") or p is None):
            raise ContractError(f"{where}: only a deadline or a window with a period can be paused; this is a {kind}")
        for limit, row in self._limits():
            if self.warn_before is not None and _longer(limit, self.warn_before) is False:
                raise ContractError(
                    f"{where}: warn_before {self.warn_before} is not shorter than the period {limit}{row}"
                )
        joined = self.warn + tuple(r for r in (self.warn_at, self.warn_before) if r is not None)
        check_ladder(joined, where)
        for limit, row in self._limits():
            for i, r in enumerate(self.warn):
                if isinstance(r, Period) and _longer(limit, r) is False:
                    raise ContractError(
                        f"{where}: warn[{i}], the lead {r.zh}, is not shorter than the period {limit}{row}"
                    )
        ext = self.extension
        if ext is not None:
            if kind != "deadline" or p is None:
                raise ContractError(f"{where}: only a deadline can be extended; this is a {kind}")
            for limit, row in self._limits() if ext.cap is not None else ():
                assert ext.cap is not None
                longer = _longer(ext.cap, limit)
                if longer is None:
                    raise ContractError(
                        f"{where}: the extension cap {ext.cap} cannot be compared with the limit {limit}{row}; "
                        "write both in the same unit (e.g. '30个工作日' after '10个工作日')"
                    )
                if not longer:
                    raise ContractError(
                        f"{where}: the extension cap {ext.cap} is not longer than the standard limit {limit}{row}"
                    )
            if ext.event in (self.starts_on, self.met_by):
                raise ContractError(
                    f"{where}: the extension event {brief(ext.event)} must differ from starts_on and met_by"
                )
        if self.escalation is not None:
            if self.met_by is None:
                raise ContractError(f"{where}: escalation needs a clause that can be missed (one with met_by)")
            if self.escalation in (self.starts_on, self.met_by):
                raise ContractError(
                    f"{where}: the escalation event {brief(self.escalation)} must differ from starts_on and met_by"
                )

    def _limits(self) -> list[tuple[Period, str]]:
        """Each period a case may take, with words naming its target row for messages."""
        if self.targets is not None:
            return [(r.period, f" (target row {i}: {r.words('en')})") for i, r in enumerate(self.targets.rows)]
        return [] if self.period is None else [(self.period, "")]

    def _check_recurring(self, where: str) -> None:
        if self.kind != "recurring":
            if self.stops_on is not None or self.periodic:
                raise ContractError(f"{where}: only a recurring clause has stops_on or periodic; this is a {self.kind}")
            return
        if _is_date(self.starts_on):
            raise ContractError(
                f"{where}: a recurring clause starts on an event (each occurrence opens a cycle), not the date "
                f"{self.starts_on}"
            )
        if self.stops_on is not None and self.stops_on in (self.starts_on, self.met_by):
            raise ContractError(f"{where}: stops_on {brief(self.stops_on)} must differ from starts_on and met_by")
        if self.extension is not None or self.escalation is not None:
            raise ContractError(f"{where}: a recurring clause has no extension or escalation (each cycle is its own)")

    def period_for(self, attributes: Mapping[str, object] | None = None) -> Period | None:
        """The period a case with these attributes takes: its target row's, or :attr:`period`.

        Examples
        --------
        >>> from slaclock._contracts.clause import Clause
        >>> c = Clause("resolution", [{"when": {"priority": "P1"}, "period": "4个工作小时"}, {"period": "3个工作日"}],
        ...            starts_on="received", met_by="resolved")
        >>> c.period_for({"priority": "P1"}), c.period_for({"priority": "P3"}), c.period
        (Period(4, 'work_hour'), Period(3, 'workday'), Period(3, 'workday'))
        """
        if self.targets is None or attributes is None:
            return self.period
        return self.targets.period_for(attributes)

    def target_for(self, attributes: Mapping[str, object] | None = None) -> TargetRow | None:
        """The target row a case with these attributes takes (None without a target table)."""
        return None if self.targets is None else self.targets.row_for(attributes or {})

    def __copy__(self) -> Clause:
        return self

    def __deepcopy__(self, memo: object) -> Clause:
        return self

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # by value, through the constructor: a tampered pickle is checked as a contract file is
        return (_rebuilt, (Clause, self.to_dict()))

    def __setstate__(self, state: object) -> None:
        fresh = _checked(Clause, state)
        for f in fields(self):
            object.__setattr__(self, f.name, getattr(fresh, f.name))

    def __repr__(self) -> str:
        data = self.to_dict()
        head = [repr(data.pop("name"))]
        if "period" in data:
            head.append(repr(data.pop("period")))
        if "extension" in data:
            data["extension"] = self.extension
        text = f"Clause({', '.join(head + [f'{k}={v!r}' for k, v in data.items()])})"
        if len(text) <= _REPR_MAX:  # eval-able while short; long descriptions from a file give the short form
            return text
        ref = f", ref {self.ref if len(self.ref) <= 40 else self.ref[:39] + '…'}" if self.ref else ""
        return f"<Clause {self.name!r}: {self.kind} {self.wording[:40]!r}, {self.starts_on} → {self.met_by}{ref}>"

    def replace(self, **changes: Any) -> Clause:
        """A copy with some fields changed (the constructor's arguments); a new period takes its own words.

        Raises
        ------
        ContractError
            An unknown field or an invalid result.

        Examples
        --------
        >>> from slaclock._contracts.clause import Clause
        >>> c = Clause("investigation", "5个工作日", starts_on="acknowledged", met_by="investigated")
        >>> c.replace(period="7个工作日").wording
        '7个工作日'
        """
        args = self._arguments()
        unknown = sorted(set(changes) - set(args))
        if unknown:
            raise ContractError(f"unknown Clause field {brief(unknown[0])}; valid: {', '.join(args)}")
        if "period" in changes and "wording" not in changes:
            args["wording"] = None
        args.update(changes)
        return Clause(**args)

    def _arguments(self) -> dict[str, Any]:
        limit: Period | MonthlyRule | Targets | None = self.rule if self.kind == "monthly" else self.period
        if self.targets is not None:
            limit = self.targets
        return {
            "name": self.name,
            "period": limit,
            "starts_on": self.starts_on,
            "met_by": self.met_by,
            "kind": self.kind,
            "ends_on": self.ends_on,
            "pausable": self.pausable,
            "warn_at": self.warn_at,
            "warn_before": self.warn_before,
            "warn": self.warn,
            "extension": self.extension,
            "escalation": self.escalation,
            "ref": self.ref,
            "description_zh": self.description_zh,
            "description_en": self.description_en,
            "wording": None if self.targets is not None else self.wording,
            "stops_on": self.stops_on,
            "periodic": self.periodic,
        }

    @property
    def event_names(self) -> tuple[str, ...]:
        """The event names this clause refers to, in field order (no fixed dates, no repeats)."""
        ext = None if self.extension is None else self.extension.event
        refs = (self.starts_on, self.ends_on, self.met_by, ext, self.escalation, self.stops_on)
        out: dict[str, None] = {}
        for ref in refs:
            if isinstance(ref, str) and not _is_date(ref):
                out[ref] = None
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """The clause as plain values (the layout of one ``[[clauses]]`` table), defaults left out.

        The period is written in the contract's words (:attr:`wording`).
        """
        out: dict[str, Any] = {"name": self.name}
        if self.ref:
            out["ref"] = self.ref
        if self.kind != "deadline":
            out["kind"] = self.kind
        if self.targets is not None:
            out["period"] = self.targets.to_list()
        elif self.period is not None or self.rule is not None:
            out["period"] = self.wording
        elif self.wording:
            out["wording"] = self.wording
        out["starts_on"] = self.starts_on
        if self.ends_on is not None:
            out["ends_on"] = self.ends_on
        if self.met_by is not None:
            out["met_by"] = self.met_by
        if self.stops_on is not None:
            out["stops_on"] = self.stops_on
        if self.periodic:
            out["periodic"] = True
        if self.pausable:
            out["pausable"] = True
        if self.warn_at is not None:
            out["warn_at"] = self.warn_at
        if self.warn_before is not None:
            out["warn_before"] = str(self.warn_before)
        if self.warn:
            out["warn"] = [to_plain(r) for r in self.warn]
        if self.extension is not None:
            out["extension"] = self.extension.to_dict()
        if self.escalation is not None:
            out["escalation"] = self.escalation
        if self.description_zh:
            out["description_zh"] = self.description_zh
        if self.description_en:
            out["description_en"] = self.description_en
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "clause") -> Clause:
        """The inverse of :meth:`to_dict`; unknown keys are refused with the valid ones listed."""
        if not isinstance(data, Mapping):
            raise ContractError(f"{where} must be a table; got {type(data).__name__} {brief(data)}")
        if isinstance(data.get("name"), str):
            where = f"{where} ({brief(data['name'])})"
        _check_keys(data, where, required=("name", "starts_on"), allowed=_CLAUSE_KEYS)
        args = {k: v for k, v in data.items() if k not in ("name", "period")}
        return cls(data["name"], data.get("period"), **args)


def _rebuilt(cls: type[Clause] | type[Extension], data: object) -> Clause | Extension:
    """``cls.from_dict(data)`` for :mod:`pickle`: every check of the constructor runs on what was stored."""
    if cls not in (Clause, Extension):
        raise ContractError(f"a stored clause must be a Clause or an Extension; got {brief(cls)}")
    if not isinstance(data, Mapping):
        raise ContractError(f"a stored {cls.__name__} must be a table; got {type(data).__name__} {brief(data)}")
    return cls.from_dict(data)


def _checked(cls: type[Clause] | type[Extension], state: object) -> Clause | Extension:
    """For ``__setstate__``: a pickle's field values (an older or hand-made pickle) rebuilt by the constructor."""
    names = [f.name for f in fields(cls)]
    if not isinstance(state, list | tuple) or len(state) != len(names):
        raise ContractError(f"a pickled {cls.__name__} holds its {len(names)} fields; got {brief(state)}")
    values = dict(zip(names, state, strict=True))
    if cls is Extension:
        fresh: Clause | Extension = Extension(
            values["cap"],
            event=values["event"],
            notice_before_expiry=values["notice_before_expiry"],
            wording=values["wording"] or None,
        )
    else:
        limit = values.pop("rule") if values["kind"] == "monthly" else values["period"]
        values.pop("rule", None)
        targets = values.pop("targets", None)
        if targets is not None:
            limit, values["wording"] = targets, None
        values["period"] = limit
        fresh = Clause(**values)
    return fresh


_CLAUSE_KEYS: Final = (
    "name",
    "ref",
    "kind",
    "period",
    "wording",
    "starts_on",
    "ends_on",
    "met_by",
    "stops_on",
    "periodic",
    "pausable",
    "warn_at",
    "warn_before",
    "warn",
    "extension",
    "escalation",
    "description_zh",
    "description_en",
)


def _monthly_rule(text: str, where: str) -> MonthlyRule:
    try:
        return MonthlyRule.parse(text)
    except PeriodParseError as exc:
        raise PeriodParseError(f"{where}: {exc}", exc.text, exc.position) from None
    except InvalidInputError as exc:
        raise ContractError(f"{where}: {exc}") from None


def _warn_share(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ContractError(f"{where}: warn_at must be a number between 0 and 1 (e.g. 0.75); got {brief(value)}")
    share = _share(value)
    if not (math.isfinite(share) and 0.0 < share < 1.0):
        raise ContractError(
            f"{where}: warn_at is a share of the period, between 0 and 1 (exclusive), e.g. 0.75; got {brief(value)}"
        )
    return share


def _share(value: int | float) -> float:
    """``value`` as a float; an int too large for one (10**400, from a file) is infinite, refused as out of range."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _named(where: str, exc: Exception) -> str:
    """``exc``'s message, starting with ``where`` (the clause)."""
    message = str(exc)
    return message if message.startswith(where) else f"{where}: {message}"


# -- warning ladders: the rungs (their instants are .ladder's) -------------------------------------


def label(r: Rung) -> str:
    """A rung's label: "50%", "87.5%" for a share; the lead's Chinese text ("2小时", "1个工作日")."""
    if isinstance(r, Period):
        return r.zh
    return f"{round(100.0 * r, 6):g}%"


def parse_rungs(value: object, where: str) -> tuple[Rung, ...]:
    """``warn=`` read as rungs: numbers are shares in (0, 1), text / Period / timedelta are leads.

    Raises
    ------
    ContractError
        Not a list; a rung that is neither; a share outside (0, 1); more than :data:`MAX_RUNGS`.
    PeriodParseError
        A lead's text that is not a period.
    """
    if value is None:
        return ()
    if isinstance(value, str | bytes | Period | dt.timedelta) or not isinstance(value, Sequence):
        raise ContractError(
            f"{where}: warn is a list of rungs, shares of the period or lead times (e.g. [0.5, 0.75, '2小时']); "
            f"got {brief(value)}"
        )
    if len(value) > MAX_RUNGS:
        raise ContractError(f"{where}: warn has {len(value)} rungs; at most {MAX_RUNGS}")
    out: list[Rung] = []
    for i, v in enumerate(value):
        at = f"{where}: warn[{i}]"
        if isinstance(v, bool):
            raise ContractError(f"{at} must be a share in (0, 1) or a lead time; got {brief(v)}")
        if isinstance(v, int | float):
            share = _share(v)
            if not (math.isfinite(share) and 0.0 < share < 1.0):
                raise ContractError(
                    f"{at} is a share of the period, between 0 and 1 (exclusive), e.g. 0.75; got {brief(v)}"
                )
            out.append(share)
        elif isinstance(v, str | Period | dt.timedelta):
            try:
                out.append(period(v))
            except PeriodParseError as exc:
                raise PeriodParseError(f"{at}: {exc}", exc.text, exc.position) from None
            except InvalidInputError as exc:
                raise ContractError(f"{at}: {exc}") from None
        else:
            raise ContractError(
                f"{at} must be a share in (0, 1) (0.75) or a lead time ('2小时'); got {type(v).__name__} {brief(v)}"
            )
    return tuple(out)


def check_ladder(rungs: Sequence[Rung], where: str) -> None:
    """Refuse a ladder (``warn`` with ``warn_at`` and ``warn_before``) with repeated rungs or too many.

    Raises
    ------
    ContractError
        Two rungs with one label (0.5 twice; "2小时" and "120分钟" are different rungs), or more than
        :data:`MAX_RUNGS` in all.
    """
    if len(rungs) > MAX_RUNGS:
        raise ContractError(
            f"{where}: the warning ladder has {len(rungs)} rungs with warn_at/warn_before; at most {MAX_RUNGS}"
        )
    seen: set[str] = set()
    for r in rungs:
        name = label(r)
        if name in seen:
            raise ContractError(f"{where}: the warning rung {brief(name)} is given twice (warn, warn_at, warn_before)")
        seen.add(name)


def to_plain(r: Rung) -> float | str:
    """A rung as a file stores it: the share, or the lead's Chinese text."""
    return r.zh if isinstance(r, Period) else r


def work_time_text(c: Clause) -> str:
    """The clause's first period in working time and where it is ("target row 0 8 work hours", "warn_before 2 work
    hours"), or "" when it counts none (then the calendar needs no working hours)."""
    rows = (
        [(f"target row {i} ", p) for i, p in enumerate(c.targets.periods)]
        if c.targets is not None
        else [("", c.period)]
    )
    for what, p in (
        *rows,
        ("warn_before ", c.warn_before),
        *((f"warn[{i}] ", r) for i, r in enumerate(c.warn) if isinstance(r, Period)),
        ("extension cap ", c.extension.cap if c.extension else None),
    ):
        if p is not None and p.unit.is_work_time:
            return f"{what}{p}"
    return ""
