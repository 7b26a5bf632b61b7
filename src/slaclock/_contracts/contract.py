"""Contracts: clauses (a period anchored on an event) and contracts (named sets of clauses), as frozen values.

A :class:`Clause` says *what* is limited: a period, the event it counts from
(``starts_on``), the event that meets it (``met_by``), and how it behaves (paused
while the customer is asked, warned at 75 %, extended once after notice). A
:class:`Contract` names its clauses, the case events they refer to, the calendar
(as a :class:`CalendarSpec`) and the :class:`~slaclock.Convention`. Nothing here
computes a deadline: cases are opened on a contract elsewhere.

Maintainer's notes
------------------
* **Events.** A contract's event vocabulary is its declared ``events`` (the events
  a case records that no clause is met by: "received", "escalated"), plus every
  clause's ``met_by`` and every extension's notice ``event``. A reference
  (``starts_on``, ``ends_on``, ``escalation``) is one of those names, or a fixed
  date written ``YYYY-MM-DD``. Names are Python identifiers (Chinese ones too).
* **Order.** Each clause orders two or more events: a deadline's start comes
  before its ``met_by``; a notice comes before the event it precedes; a window
  opens before it closes. These orderings form a graph over events that must have
  no cycle; the error names the clauses on it. Fixed dates are points in time,
  not events, and stay out of the graph.
* **Equality is by value.** Periods are stored parsed, with the contract's own
  words beside them (``wording``); the calendar is a spec, not a built
  :class:`~slaclock.WorkCalendar` (working hours as canonical text); the
  convention by its fields. So ``Contract.from_toml(c.to_toml()) == c`` exactly,
  and a dict, TOML, JSON or YAML file round-trips without loss.
* **Files.** :meth:`Contract.to_dict` emits only plain values (str, int, float,
  bool, lists, dicts) and omits defaults; TOML, JSON and YAML are that dict
  written out. The TOML writer below writes exactly those shapes (``tomllib``
  cannot write). ``schema`` marks the layout's version.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import importlib
import json
import math
import os
import re
import tomllib
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, cast, final, get_args

from slaclock._base.types import HorizonMode
from slaclock._calendar import WorkCalendar
from slaclock._days.arrangement import HolidayBlock, YearArrangement, parse_arrangements
from slaclock._days.index import as_date
from slaclock._hours.core import AtClose, _text, parse_schedule
from slaclock._periods.convention import Convention
from slaclock._periods.period import Period, Unit, period
from slaclock._rules.windows import MonthlyRule
from slaclock.errors import CalendarDataError, ContractError, InvalidInputError, PeriodParseError

if TYPE_CHECKING:
    from slaclock._contracts.case import Case

__all__ = ["SCHEMA", "CalendarSpec", "Clause", "ClauseKind", "Contract", "ContractError", "Extension"]

ClauseKind: TypeAlias = Literal["deadline", "notice", "window", "monthly", "threshold"]
"""What a clause limits: see :class:`Clause`."""

PeriodLike: TypeAlias = str | Period | dt.timedelta
"""A period as the contract's words ("5个工作日"), a :class:`Period` or a ``timedelta`` (hours, minutes)."""

EventLike: TypeAlias = str | dt.date
"""An event name ("received") or a fixed date (``date`` or ``"YYYY-MM-DD"``)."""

CalendarLike: TypeAlias = "WorkCalendar | CalendarSpec | str | Mapping[str, Any]"
"""A calendar: a built :class:`~slaclock.WorkCalendar`, or what a :class:`CalendarSpec` is made from
(a spec, a region name such as ``"HK"``, or a table of its arguments)."""

ArrangementsLike: TypeAlias = "str | os.PathLike[str] | Iterable[str | os.PathLike[str] | YearArrangement]"
"""Newly published years: a file or folder path, or several paths and :class:`YearArrangement` objects."""

FileFormat: TypeAlias = Literal["toml", "json", "yaml"]

SCHEMA: Final = 1
"""The version of the file layout :meth:`Contract.to_dict` writes; files from a newer layout are refused."""

_KINDS: Final = get_args(ClauseKind)
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_SUFFIXES: Final[dict[str, FileFormat]] = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_PRESETS: Final = ("civil_code", "business_hours", "deemed_receipt", "notice_on_workday", "no_rollover")
_YAML_HINT: Final = 'YAML contracts need PyYAML: pip install "slaclock[yaml]"'


# -- small validators -----------------------------------------------------------------------------


def _identifier(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.isidentifier():
        raise ContractError(
            f"{what} must be an identifier (letters, digits and _, not starting with a digit, "
            f"e.g. 'acknowledgement' or '受理确认'); got {value!r}"
        )
    return value


def _event_name(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.isidentifier():
        raise ContractError(f"{where} must be an event name (an identifier such as 'acknowledged'); got {value!r}")
    return value


def _event_ref(value: object, where: str) -> str:
    """An event name, or a fixed date as ``YYYY-MM-DD``."""
    if isinstance(value, dt.datetime):
        raise ContractError(f"{where} may be a fixed date, not an instant; got {value!r}")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ContractError(f"{where}: {value!r} is not a valid date") from None
        return value
    if not isinstance(value, str) or not value.isidentifier():
        raise ContractError(
            f"{where} must be an event name (an identifier such as 'received') or a fixed date 'YYYY-MM-DD'; "
            f"got {value!r}"
        )
    return value


def _is_date(ref: str) -> bool:
    return _DATE.fullmatch(ref) is not None


def _text_field(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ContractError(f"{where} must be text; got {type(value).__name__} {value!r}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ContractError(f"{where} contains a lone surrogate and cannot be written to a file: {value!r}") from None
    return value


def _flag(value: object, where: str) -> bool:
    if type(value) is not bool:
        raise ContractError(f"{where} must be True or False; got {value!r}")
    return value


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
    given = value if isinstance(value, str) else p.zh
    if words is None:
        return p, given
    _text_field(words, f"{where} wording")
    if _parsed(words, f"{where} wording") != p:
        raise ContractError(f"{where}: the wording {words!r} reads as {_parsed(words, where)}, not {p}")
    return p, words


_FAMILY: Final[dict[Unit, tuple[str, int]]] = {
    Unit.MINUTE: ("elapsed", 1),
    Unit.HOUR: ("elapsed", 60),
    Unit.WORK_MINUTE: ("working time", 1),
    Unit.WORK_HOUR: ("working time", 60),
    Unit.DAY: ("days", 1),
    Unit.WEEK: ("days", 7),
    Unit.WORKDAY: ("workdays", 1),
    Unit.MONTH: ("months", 1),
    Unit.YEAR: ("months", 12),
}


def _longer(a: Period, b: Period) -> bool | None:
    """Whether ``a`` is longer than ``b``; None if their units cannot be compared on every calendar."""
    fa, ka = _FAMILY[a.unit]
    fb, kb = _FAMILY[b.unit]
    if fa != fb:
        return None
    return a.amount * ka > b.amount * kb


def _monthly_words(rule: MonthlyRule) -> str:
    if rule.kind == "within_first":
        return f"每月初{rule.n}个工作日内"
    return f"每月的第{rule.n}个工作日前"


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


# -- Extension ------------------------------------------------------------------------------------


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
    >>> from slaclock._contracts.contract import Extension
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
                raise ContractError(f"extension wording {wording!r} given without a cap")
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
        _keys(data, where, required=("event",), allowed=("cap", "event", "notice_before_expiry"))
        return cls(data.get("cap"), event=data["event"], notice_before_expiry=data.get("notice_before_expiry", True))


# -- Clause ---------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True, init=False)
class Clause:
    """One time limit of a contract: a period anchored on an event, and the event that meets it.

    Parameters
    ----------
    name : str
        An identifier, unique in its contract ("acknowledgement", "受理确认").
    period : str, Period, timedelta, MonthlyRule or None
        The limit in the contract's words ("收到投诉后24小时内", "5个工作日"), read
        with :func:`~slaclock.period`; the words are kept as :attr:`wording`. A
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
    kind : {"deadline", "notice", "window", "monthly", "threshold"}
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
    >>> from slaclock._contracts.contract import Clause
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
    """The parsed period; None for monthly clauses, and windows with ``ends_on``."""
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
    extension: Extension | None
    escalation: str | None
    ref: str
    description_zh: str
    description_en: str

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
        extension: Extension | Mapping[str, Any] | None = None,
        escalation: str | None = None,
        ref: str = "",
        description_zh: str = "",
        description_en: str = "",
        wording: str | None = None,
    ) -> None:
        name = _identifier(name, "a clause name")
        where = f"clause {name!r}"
        if kind not in _KINDS:
            raise ContractError(f"{where}: kind must be one of {', '.join(map(repr, _KINDS))}; got {kind!r}")
        put = object.__setattr__
        put(self, "name", name)
        put(self, "kind", kind)
        self._set_limit(where, period, wording)
        put(self, "starts_on", _event_ref(starts_on, f"{where}: starts_on"))
        put(self, "ends_on", None if ends_on is None else _event_ref(ends_on, f"{where}: ends_on"))
        put(self, "met_by", None if met_by is None else _event_name(met_by, f"{where}: met_by"))
        put(self, "pausable", _flag(pausable, f"{where}: pausable"))
        put(self, "warn_at", _share(warn_at, where))
        put(self, "warn_before", None if warn_before is None else _parsed(warn_before, f"{where}, warn_before"))
        if extension is not None and not isinstance(extension, Extension):
            if not isinstance(extension, Mapping):
                raise ContractError(f"{where}: extension must be an Extension; got {extension!r}")
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
        self._check(where)

    def _set_limit(self, where: str, value: object, wording: str | None) -> None:
        put = object.__setattr__
        p: Period | None = None
        rule: MonthlyRule | None = None
        if self.kind == "monthly":
            if isinstance(value, Period | dt.timedelta):
                raise ContractError(
                    f"{where}: a monthly clause takes a rule like '每月初五个工作日内' or '每月的第一个工作日前', "
                    f"not the period {value}"
                )
            if isinstance(value, MonthlyRule):
                rule = value
            elif isinstance(value, str):
                rule = _rule(value, f"{where}, period")
            elif value is not None:
                raise ContractError(f"{where}: expected a monthly rule as text; got {type(value).__name__} {value!r}")
            if rule is None:
                words = "" if wording is None else _text_field(wording, f"{where}: wording")
            elif wording is not None:
                _text_field(wording, f"{where}: wording")
                if _rule(wording, f"{where}, wording") != rule:
                    raise ContractError(f"{where}: the wording {wording!r} does not read as {rule}")
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
                raise ContractError(f"{where}: the window starts and ends on the same event {self.starts_on!r}")
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
            raise ContractError(f"{where}: met_by {self.met_by!r} is also the event the clause is counted from")
        if self.met_by is not None and self.met_by == self.ends_on:
            raise ContractError(f"{where}: met_by {self.met_by!r} is also the event the window ends on")
        if kind == "notice" and p is not None and not p.unit.is_day_based:
            raise ContractError(
                f"{where}: a notice before a date counts whole days ('提前30日', '5个工作日'); got {p}. "
                "For notice in hours, use a deadline on the event"
            )
        if self.pausable and (kind in ("notice", "monthly", "threshold") or p is None):
            raise ContractError(f"{where}: only a deadline or a window with a period can be paused; this is a {kind}")
        if self.warn_before is not None and p is not None and _longer(p, self.warn_before) is False:
            raise ContractError(f"{where}: warn_before {self.warn_before} is not shorter than the period {p}")
        ext = self.extension
        if ext is not None:
            if kind != "deadline" or p is None:
                raise ContractError(f"{where}: only a deadline can be extended; this is a {kind}")
            if ext.cap is not None:
                longer = _longer(ext.cap, p)
                if longer is None:
                    raise ContractError(
                        f"{where}: the extension cap {ext.cap} cannot be compared with the limit {p}; "
                        "write both in the same unit (e.g. '30个工作日' after '10个工作日')"
                    )
                if not longer:
                    raise ContractError(
                        f"{where}: the extension cap {ext.cap} is not longer than the standard limit {p}"
                    )
            if ext.event in (self.starts_on, self.met_by):
                raise ContractError(f"{where}: the extension event {ext.event!r} must differ from starts_on and met_by")
        if self.escalation is not None:
            if self.met_by is None:
                raise ContractError(f"{where}: escalation needs a clause that can be missed (one with met_by)")
            if self.escalation in (self.starts_on, self.met_by):
                raise ContractError(
                    f"{where}: the escalation event {self.escalation!r} must differ from starts_on and met_by"
                )

    def __copy__(self) -> Clause:
        return self

    def __deepcopy__(self, memo: object) -> Clause:
        return self

    def __repr__(self) -> str:
        data = self.to_dict()
        head = [repr(data.pop("name"))]
        if "period" in data:
            head.append(repr(data.pop("period")))
        if "extension" in data:
            data["extension"] = self.extension
        return f"Clause({', '.join(head + [f'{k}={v!r}' for k, v in data.items()])})"

    def replace(self, **changes: Any) -> Clause:
        """A copy with some fields changed (the constructor's arguments); a new period takes its own words.

        Raises
        ------
        ContractError
            An unknown field or an invalid result.

        Examples
        --------
        >>> from slaclock._contracts.contract import Clause
        >>> c = Clause("investigation", "5个工作日", starts_on="acknowledged", met_by="investigated")
        >>> c.replace(period="7个工作日").wording
        '7个工作日'
        """
        args = self._arguments()
        unknown = sorted(set(changes) - set(args))
        if unknown:
            raise ContractError(f"unknown Clause field {unknown[0]!r}; valid: {', '.join(args)}")
        if "period" in changes and "wording" not in changes:
            args["wording"] = None
        args.update(changes)
        return Clause(**args)

    def _arguments(self) -> dict[str, Any]:
        limit: Period | MonthlyRule | None = self.rule if self.kind == "monthly" else self.period
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
            "extension": self.extension,
            "escalation": self.escalation,
            "ref": self.ref,
            "description_zh": self.description_zh,
            "description_en": self.description_en,
            "wording": self.wording,
        }

    @property
    def event_names(self) -> tuple[str, ...]:
        """The event names this clause refers to, in field order (no fixed dates, no repeats)."""
        ext = None if self.extension is None else self.extension.event
        refs = (self.starts_on, self.ends_on, self.met_by, ext, self.escalation)
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
        if self.period is not None or self.rule is not None:
            out["period"] = self.wording
        elif self.wording:
            out["wording"] = self.wording
        out["starts_on"] = self.starts_on
        if self.ends_on is not None:
            out["ends_on"] = self.ends_on
        if self.met_by is not None:
            out["met_by"] = self.met_by
        if self.pausable:
            out["pausable"] = True
        if self.warn_at is not None:
            out["warn_at"] = self.warn_at
        if self.warn_before is not None:
            out["warn_before"] = str(self.warn_before)
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
            raise ContractError(f"{where} must be a table; got {type(data).__name__} {data!r}")
        if isinstance(data.get("name"), str):
            where = f"{where} ({data['name']!r})"
        _keys(data, where, required=("name", "starts_on"), allowed=_CLAUSE_KEYS)
        args = {k: v for k, v in data.items() if k not in ("name", "period")}
        return cls(data["name"], data.get("period"), **args)


_CLAUSE_KEYS: Final = (
    "name",
    "ref",
    "kind",
    "period",
    "wording",
    "starts_on",
    "ends_on",
    "met_by",
    "pausable",
    "warn_at",
    "warn_before",
    "extension",
    "escalation",
    "description_zh",
    "description_en",
)


def _rule(text: str, where: str) -> MonthlyRule:
    try:
        return MonthlyRule.parse(text)
    except PeriodParseError as exc:
        raise PeriodParseError(f"{where}: {exc}", exc.text, exc.position) from None
    except InvalidInputError as exc:
        raise ContractError(f"{where}: {exc}") from None


def _share(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ContractError(f"{where}: warn_at must be a number between 0 and 1 (e.g. 0.75); got {value!r}")
    share = float(value)
    if not (math.isfinite(share) and 0.0 < share < 1.0):
        raise ContractError(
            f"{where}: warn_at is a share of the period, between 0 and 1 (exclusive), e.g. 0.75; got {value!r}"
        )
    return share


def _named(where: str, exc: Exception) -> str:
    """``exc``'s message, starting with ``where`` (the clause)."""
    message = str(exc)
    return message if message.startswith(where) else f"{where}: {message}"


def _keys(data: Mapping[str, Any], where: str, *, required: tuple[str, ...], allowed: tuple[str, ...]) -> None:
    if not isinstance(data, Mapping):
        raise ContractError(f"{where} must be a table; got {type(data).__name__} {data!r}")
    for key in data:
        if key not in allowed:
            raise ContractError(
                f"{where}: unknown key {key!r}{_suggest(str(key), allowed)} (valid keys: {', '.join(allowed)})"
            )
    for key in required:
        if key not in data:
            raise ContractError(f"{where}: missing {key!r}")


# -- CalendarSpec ---------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True, init=False)
class CalendarSpec:
    """How to build a contract's calendar: the arguments of :func:`~slaclock.calendar` and ``with_hours``.

    A spec, not a built calendar, so contracts compare and round-trip by value.
    Dates and schedules are normalised (sorted, canonical ``"09:00-12:00,13:30-18:00"``).

    Parameters
    ----------
    region : str
        A built-in region: ``"CN"`` (default), ``"HK"``, ``"MO"``, ``"TW"``.
    holiday_list : str, optional
        The region's holiday list (default: the region's first).
    horizon : {"official", "projected"}
        ``"official"`` (default): a count that needs a day past the official data
        raises :class:`~slaclock.CalendarHorizonError`. ``"projected"``: such days
        come from the statutory holidays alone, and results that read them are
        provisional.
    tz : str, optional
        IANA time zone (default: the region's).
    closures, extra_workdays : mapping of date to reason, or dates
        Company shutdowns; rest days worked.
    hours : str, optional
        Working hours on workdays, ``"09:00-12:00,13:30-18:00"``; None for none.
    makeup_hours : str, optional
        Hours on makeup workdays (调休上班), if different.
    dated_hours : mapping of date to str
        Hours on particular days (``{"2026-09-30": "09:00-15:00"}``).
    at_close : {"close", "next_open"}
    arrangements : path, or paths, tables and YearArrangement objects
        Newly published years (:mod:`slaclock._days.arrangement`): arrangement files or
        folders of them, named by path (kept as written; a relative path is read
        from :attr:`folder`), or the years themselves (a ``YearArrangement``, or a
        table laid out as one ``[[year]]`` of an arrangement file, which is how
        a contract file writes them).
    folder : path, optional
        The folder relative ``arrangements`` paths are read from; None (default)
        for the current directory. :meth:`Contract.load` sets it to the contract
        file's folder. It is where the spec was read, not part of its value: it
        is not compared, nor written to files.

    Raises
    ------
    ContractError
        An unknown region, list, horizon or zone; a bad date or schedule; a day
        that is both a closure and an extra workday; hour options without hours;
        an arrangement of another region, or a table that is not one.

    See Also
    --------
    CalendarSpec.from_calendar : the spec of a built calendar.

    Examples
    --------
    >>> from slaclock._contracts.contract import CalendarSpec
    >>> spec = CalendarSpec("CN", hours="9:00-12:00, 13:30-18:00", closures={"2026-12-31": "年终盘点"})
    >>> spec.hours, spec.closures
    ('09:00-12:00,13:30-18:00', ((datetime.date(2026, 12, 31), '年终盘点'),))
    >>> spec.build().is_workday("2026-12-31")
    False
    >>> spec.replace(horizon="projected").to_dict()["horizon"]
    'projected'
    """

    region: str
    holiday_list: str | None
    horizon: HorizonMode
    tz: str | None
    closures: tuple[tuple[dt.date, str], ...]
    extra_workdays: tuple[tuple[dt.date, str], ...]
    hours: str | None
    makeup_hours: str | None
    dated_hours: tuple[tuple[dt.date, str], ...]
    at_close: AtClose
    arrangements: tuple[str | YearArrangement, ...]
    """Arrangement files or folders (paths as written) and years given as data, in the order given."""
    folder: Path | None = field(compare=False, hash=False)
    """Where relative ``arrangements`` paths are read from (None: the current directory); not compared."""

    def __init__(
        self,
        region: str = "CN",
        *,
        holiday_list: str | None = None,
        horizon: HorizonMode = "official",
        tz: str | None = None,
        closures: Mapping[Any, str] | Iterable[Any] = (),
        extra_workdays: Mapping[Any, str] | Iterable[Any] = (),
        hours: str | None = None,
        makeup_hours: str | None = None,
        dated_hours: Mapping[Any, str] | Iterable[tuple[Any, str]] = (),
        at_close: AtClose = "close",
        arrangements: str | os.PathLike[str] | Iterable[Any] = (),
        folder: str | os.PathLike[str] | None = None,
    ) -> None:
        from slaclock._days.registry import REGISTRY
        from slaclock._days.sources import HOLIDAY_LISTS

        put = object.__setattr__
        if not isinstance(region, str) or region.upper() not in REGISTRY:
            raise ContractError(
                f"calendar region must be one of {', '.join(sorted(REGISTRY))}; got {region!r} "
                "(a contract's calendar is a built-in region; pass your own calendar to a case for any other)"
            )
        region = region.upper()
        if holiday_list is not None and holiday_list not in HOLIDAY_LISTS[region]:
            lists = ", ".join(map(repr, HOLIDAY_LISTS[region]))
            raise ContractError(f"calendar holiday_list for {region} must be one of {lists}; got {holiday_list!r}")
        if horizon not in ("official", "projected"):
            raise ContractError(f"calendar horizon must be 'official' or 'projected'; got {horizon!r}")
        if tz is not None:
            try:
                zoneinfo.ZoneInfo(tz)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
                raise ContractError(f"calendar tz {tz!r} is not an IANA time zone such as 'Asia/Shanghai'") from None
        put(self, "region", region)
        put(self, "holiday_list", holiday_list)
        put(self, "horizon", horizon)
        put(self, "tz", tz)
        put(self, "closures", _days(closures, "closures"))
        put(self, "extra_workdays", _days(extra_workdays, "extra_workdays"))
        both = sorted(set(dict(self.closures)) & set(dict(self.extra_workdays)))
        if both:
            raise ContractError(f"calendar: {both[0].isoformat()} is both a closure and an extra workday")
        put(self, "hours", None if hours is None else _schedule(hours, "hours"))
        put(self, "makeup_hours", None if makeup_hours is None else _schedule(makeup_hours, "makeup_hours"))
        dated = dated_hours.items() if isinstance(dated_hours, Mapping) else dated_hours
        if isinstance(dated, str) or not isinstance(dated, Iterable):
            raise ContractError(f"calendar dated_hours must map dates to schedules; got {dated_hours!r}")
        by_day: dict[dt.date, str] = {}
        for item in dated:
            if not (isinstance(item, tuple) and len(item) == 2):
                raise ContractError(f"calendar dated_hours must map dates to schedules; got {item!r}")
            day = _day(item[0], "dated_hours")
            by_day[day] = _schedule(item[1], f"dated_hours for {day.isoformat()}", allow_empty=True)
        put(self, "dated_hours", tuple(sorted(by_day.items())))
        if at_close not in ("close", "next_open"):
            raise ContractError(f"calendar at_close must be 'close' or 'next_open'; got {at_close!r}")
        put(self, "at_close", at_close)
        if self.hours is None and (self.makeup_hours is not None or self.dated_hours or at_close != "close"):
            raise ContractError("calendar: makeup_hours, dated_hours and at_close need hours (the weekday schedule)")
        put(self, "arrangements", _arrangement_entries(arrangements, region))
        if folder is not None and not isinstance(folder, str | os.PathLike):
            raise ContractError(f"calendar folder must be a path; got {folder!r}")
        put(self, "folder", None if folder is None else Path(folder))

    def __copy__(self) -> CalendarSpec:
        return self

    def __deepcopy__(self, memo: object) -> CalendarSpec:
        return self

    def __repr__(self) -> str:
        data = self.to_dict()
        head = repr(data.pop("region"))
        if self.arrangements:
            data["arrangements"] = [a if isinstance(a, str) else f"<{a.region} {a.year}>" for a in self.arrangements]
        return f"CalendarSpec({', '.join([head] + [f'{k}={v!r}' for k, v in data.items()])})"

    def _arguments(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "holiday_list": self.holiday_list,
            "horizon": self.horizon,
            "tz": self.tz,
            "closures": dict(self.closures),
            "extra_workdays": dict(self.extra_workdays),
            "hours": self.hours,
            "makeup_hours": self.makeup_hours,
            "dated_hours": self.dated_hours,
            "at_close": self.at_close,
            "arrangements": self.arrangements,
            "folder": self.folder,
        }

    def replace(self, **changes: Any) -> CalendarSpec:
        """A copy with some of the constructor's arguments changed.

        Raises
        ------
        ContractError
            An unknown argument or an invalid result.

        Examples
        --------
        >>> from slaclock._contracts.contract import CalendarSpec
        >>> CalendarSpec("CN", hours="09:00-18:00").replace(horizon="projected")
        CalendarSpec('CN', hours='09:00-18:00', horizon='projected')
        """
        args = self._arguments()
        unknown = sorted(set(changes) - set(args))
        if unknown:
            raise ContractError(f"unknown CalendarSpec argument {unknown[0]!r}; valid: {', '.join(args)}")
        args.update(changes)
        return CalendarSpec(**args)

    @classmethod
    def from_calendar(cls, calendar: WorkCalendar) -> CalendarSpec:
        """The spec that builds ``calendar``: its region, list, zone, horizon, overrides, hours and loaded years.

        Years loaded from arrangement files become :attr:`arrangements` given as data
        (a file written from the spec holds them). ``spec.build() == calendar``.

        Raises
        ------
        ContractError
            A calendar a spec cannot describe: a :func:`~slaclock.custom_calendar`,
            or working hours that differ between weekdays or on weekend days. Pass
            such a calendar where it is used instead (``contract.open(...,
            calendar=cal)``, ``contract.evaluate(..., calendar=cal)``).

        Examples
        --------
        >>> import slaclock as sc
        >>> cal = sc.calendar("CN", horizon="projected").with_hours("09:00-18:00")
        >>> spec = sc.CalendarSpec.from_calendar(cal)
        >>> spec
        CalendarSpec('CN', hours='09:00-18:00', horizon='projected')
        >>> spec.build() == cal
        True
        """
        from slaclock._calendar import _DEFAULT_TZ
        from slaclock._days.registry import REGISTRY
        from slaclock._days.sources import HOLIDAY_LISTS, WEEKMASKS

        if not isinstance(calendar, WorkCalendar):
            raise InvalidInputError(f"expected a WorkCalendar; got {type(calendar).__name__} {calendar!r}")
        region = calendar.region
        if calendar.custom_span is not None or region not in REGISTRY or calendar.weekmask != WEEKMASKS[region]:
            raise ContractError(
                f"the calendar {region!r} is a custom calendar, which a contract's [calendar] cannot describe "
                "(it names a built-in region: CN, HK, MO, TW); pass it where it is used instead: "
                "contract.open(..., calendar=cal), Case.from_dict(..., calendar=cal), "
                "contract.evaluate(..., calendar=cal)"
            )
        h = calendar.hours
        hour_args: dict[str, Any] = {}
        if h is not None:
            if any(s != h.weekly[0] for s in h.weekly):
                raise ContractError(
                    f"the {region} calendar's working hours ({h.describe()}) differ between days of the week, "
                    "which a contract's [calendar] cannot describe (hours, makeup_hours, dated_hours); pass the "
                    "calendar where it is used instead: contract.open(..., calendar=cal), "
                    "contract.evaluate(..., calendar=cal)"
                )
            hour_args = {
                "hours": _text(h.weekly[0]),
                "makeup_hours": None if h.makeup == h.weekly[0] else _text(h.makeup),
                "dated_hours": {d: _text(s) for d, s in h.dates},
                "at_close": h.at_close,
            }
        spec = cls(
            region,
            holiday_list=None if calendar.holiday_list == next(iter(HOLIDAY_LISTS[region])) else calendar.holiday_list,
            horizon=calendar.horizon,
            tz=None if calendar.tz == _DEFAULT_TZ[region] else calendar.tz,
            closures=dict(calendar.closures),
            extra_workdays=dict(calendar.extra_workdays),
            arrangements=calendar.arrangements,
            **hour_args,
        )
        if spec.build() != calendar:  # pragma: no cover - every calendar() argument has its spec field
            raise ContractError(f"the calendar {calendar!r} cannot be described by a CalendarSpec")
        return spec

    def build(self, *, arrangements: ArrangementsLike | None = None) -> WorkCalendar:
        """The :class:`~slaclock.WorkCalendar` this spec describes (cached like every calendar).

        Parameters
        ----------
        arrangements : path, or paths or YearArrangement objects, optional
            More newly published years, as for :func:`~slaclock.calendar`, after the
            spec's own :attr:`arrangements`.

        Raises
        ------
        CalendarDataError
            A closure or extra workday outside the calendar's days, or an
            arrangement that cannot be read or does not fit.
        """
        from slaclock._calendar import calendar

        years: list[str | os.PathLike[str] | YearArrangement] = []
        for entry in self.arrangements:
            if isinstance(entry, str) and self.folder is not None and not Path(entry).is_absolute():
                years.append(self.folder / entry)
            else:
                years.append(entry)
        if arrangements is not None:
            years += [arrangements] if isinstance(arrangements, str | os.PathLike) else list(arrangements)
        cal = calendar(
            self.region,
            holiday_list=self.holiday_list,
            closures=dict(self.closures),
            extra_workdays=dict(self.extra_workdays),
            tz=self.tz,
            horizon=self.horizon,
            arrangements=years or None,
        )
        if self.hours is None:
            return cal
        return cal.with_hours(
            self.hours, makeup=self.makeup_hours, dates=dict(self.dated_hours), at_close=self.at_close
        )

    def to_dict(self) -> dict[str, Any]:
        """The spec as plain values (the layout of ``[calendar]``), defaults left out.

        Arrangement paths are written as given; years given as data as tables laid out
        like an arrangement file's ``[[year]]``.
        """
        out: dict[str, Any] = {"region": self.region}
        for key in ("holiday_list", "tz", "hours", "makeup_hours"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.horizon != "official":
            out["horizon"] = self.horizon
        if self.at_close != "close":
            out["at_close"] = self.at_close
        if self.arrangements:
            out["arrangements"] = [a if isinstance(a, str) else _year_table(a) for a in self.arrangements]
        for key in ("closures", "extra_workdays", "dated_hours"):
            days: tuple[tuple[dt.date, str], ...] = getattr(self, key)
            if days:
                out[key] = {d.isoformat(): text for d, text in days}
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str, where: str = "calendar") -> CalendarSpec:
        """The inverse of :meth:`to_dict`; a bare string is a region."""
        if isinstance(data, str):
            return cls(data)
        _keys(data, where, required=(), allowed=_CALENDAR_KEYS)
        return cls(**data)

    def _in_folder(self, folder: Path) -> CalendarSpec:
        """This spec reading its relative arrangement paths from ``folder``."""
        spec = CalendarSpec.__new__(CalendarSpec)
        for f in dataclasses.fields(self):
            object.__setattr__(spec, f.name, getattr(self, f.name))
        object.__setattr__(spec, "folder", folder)
        return spec


_CALENDAR_KEYS: Final = (
    "region",
    "holiday_list",
    "horizon",
    "tz",
    "hours",
    "makeup_hours",
    "at_close",
    "arrangements",
    "closures",
    "extra_workdays",
    "dated_hours",
)


def _arrangement_entries(value: object, region: str) -> tuple[str | YearArrangement, ...]:
    """Arrangement paths (as written) and years (parsed from tables), checked for the spec's region."""
    if value is None:
        return ()
    if isinstance(value, str | os.PathLike | Mapping | YearArrangement):
        value = [value]
    if not isinstance(value, Iterable):
        raise ContractError(f"calendar arrangements must be a list of file paths or year tables; got {value!r}")
    items: Iterable[Any] = value
    out: list[str | YearArrangement] = []
    for k, item in enumerate(items):
        where = f"calendar arrangements[{k}]"
        if isinstance(item, str | os.PathLike):
            path = os.fspath(item)
            if not isinstance(path, str) or not path.strip():
                raise ContractError(f"{where} must be a file or folder path; got {item!r}")
            out.append(path)
        elif isinstance(item, YearArrangement):
            if item.region != region:
                raise ContractError(f"{where}: the {item.year} arrangement is for {item.region}, not {region}")
            out.append(item)
        elif isinstance(item, Mapping):
            try:
                (year,) = parse_arrangements({"region": region, "year": [dict(item)]}, source=where)
            except CalendarDataError as exc:
                raise ContractError(str(exc)) from None
            out.append(year)
        else:
            raise ContractError(
                f"{where} must be a file or folder path, a year table or a YearArrangement; "
                f"got {type(item).__name__} {item!r}"
            )
    return tuple(out)


def _year_table(year: YearArrangement) -> dict[str, Any]:
    """One year as an arrangement file's ``[[year]]`` table: consecutive days off written as ranges ``A..B``."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(year):
        value = getattr(year, f.name)
        if f.name == "region" or value in ("", None, ()):
            continue
        if f.name == "holidays":
            out["holiday"] = [_block_table(b) for b in value]
        else:
            out[f.name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def _block_table(block: HolidayBlock) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(block):
        value = getattr(block, f.name)
        if value in ("", None, ()):
            continue
        if f.name == "off":
            out[f.name] = _ranges(value)
        elif isinstance(value, tuple):
            out[f.name] = [d.isoformat() if isinstance(d, dt.date) else d for d in value]
        else:
            out[f.name] = value
    return out


def _ranges(days: Iterable[dt.date]) -> list[str]:
    """Dates as ISO text, runs of consecutive days as ``"A..B"``, in the order given."""
    out: list[str] = []
    run: list[dt.date] = []
    for d in days:
        if run and d == run[-1] + dt.timedelta(days=1):
            run.append(d)
            continue
        if run:
            out.append(_run_text(run))
        run = [d]
    if run:
        out.append(_run_text(run))
    return out


def _run_text(run: list[dt.date]) -> str:
    return run[0].isoformat() if len(run) == 1 else f"{run[0].isoformat()}..{run[-1].isoformat()}"


def _day(value: object, what: str) -> dt.date:
    day = as_date(value)
    if day is not None:
        return day
    raise ContractError(f"calendar {what}: {value!r} is not a date (use a date or 'YYYY-MM-DD')")


def _days(values: Mapping[Any, str] | Iterable[Any], what: str) -> tuple[tuple[dt.date, str], ...]:
    if isinstance(values, str | dt.date) or not isinstance(values, Iterable):
        raise ContractError(f"calendar {what} must map dates to reasons, or list dates; got {values!r}")
    items: Iterable[tuple[Any, Any]] = values.items() if isinstance(values, Mapping) else ((v, "") for v in values)
    out: dict[dt.date, str] = {}
    for raw, reason in items:
        day = _day(raw, what)
        out[day] = _text_field(reason, f"calendar {what}: the reason for {day.isoformat()}")
    return tuple(sorted(out.items()))


def _schedule(text: object, what: str, *, allow_empty: bool = False) -> str:
    if not isinstance(text, str):
        raise ContractError(f"calendar {what} must be text like '09:00-12:00,13:30-18:00'; got {text!r}")
    try:
        schedule = parse_schedule(text)
    except InvalidInputError as exc:
        raise ContractError(f"calendar {what}: {exc}") from None
    if not schedule and not allow_empty:
        raise ContractError(f"calendar {what} names no working interval; leave it out for a calendar without hours")
    return _text(schedule)


# -- Convention as plain values ---------------------------------------------------------------------


def _convention_to_dict(conv: Convention) -> dict[str, Any]:
    out: dict[str, Any] = {"name": conv.name}
    default = Convention()
    for f in dataclasses.fields(conv)[1:]:
        value = getattr(conv, f.name)
        if value != getattr(default, f.name):
            out[f.name] = _time_text(value) if isinstance(value, dt.time) else value
    return out


def _time_text(t: dt.time) -> str:
    return t.isoformat(timespec="minutes" if not (t.second or t.microsecond) else "auto")


def _convention(value: object, where: str = "convention") -> Convention:
    if value is None:
        return Convention.civil_code()
    if isinstance(value, Convention):
        return value
    if isinstance(value, str):
        if value not in _PRESETS:
            raise ContractError(
                f"{where} {value!r} is not a preset{_suggest(value, _PRESETS)} (presets: {', '.join(_PRESETS)}); "
                "write the switches as a table for any other"
            )
        preset: Convention = getattr(Convention, value)()
        return preset
    if not isinstance(value, Mapping):
        raise ContractError(f"{where} must be a Convention, a preset name or a table of switches; got {value!r}")
    names = tuple(f.name for f in dataclasses.fields(Convention))
    _keys(value, where, required=(), allowed=names)
    try:
        return Convention(**value)
    except InvalidInputError as exc:
        hint = " (in YAML, quote times: '17:30')" if any(type(v) is int for v in value.values()) else ""
        raise ContractError(f"{where}: {exc}{hint}") from None


# -- Contract -------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True, init=False)
class Contract:
    """A named set of clauses over one event vocabulary, with the calendar and convention they are counted on.

    Parameters
    ----------
    name : str
        An identifier ("service_quality_complaint").
    clauses : iterable of Clause
        At least one; names unique.
    events : iterable of str
        The case events no clause is met by ("received", "escalated"). With every
        clause's ``met_by`` and every extension's ``event`` they make the contract's
        event vocabulary (:attr:`event_names`).
    title_zh, title_en : str
    calendar : CalendarSpec, region name, mapping or WorkCalendar
        Default ``"CN"``. Kept as a :class:`CalendarSpec` (:attr:`calendar_spec`), so
        that the contract is a value written to and read from files; a built
        :class:`~slaclock.WorkCalendar` is kept as its spec
        (:meth:`CalendarSpec.from_calendar`: years loaded from arrangement files are
        written into the contract). Build it with :meth:`calendar`.
    convention : Convention, preset name or mapping, optional
        Default :meth:`Convention.civil_code`.

    Raises
    ------
    ContractError
        No clauses; a duplicate clause or event name; a clause counted from (or
        ending on, or escalating to) an event outside the vocabulary; clauses whose
        events form a cycle; working-time periods (or close of business
        ``"hours"``) without working hours in the calendar; a built calendar a spec
        cannot describe (a custom calendar). Messages name the clause.

    Examples
    --------
    >>> from slaclock._contracts.contract import Clause, Contract
    >>> c = Contract(
    ...     "enquiries",
    ...     [Clause("answer", "24小时", starts_on="asked", met_by="answered")],
    ...     events=["asked"],
    ... )
    >>> c.event_names
    ('asked', 'answered')
    >>> Contract.from_toml(c.to_toml()) == c
    True
    """

    name: str
    title_zh: str
    title_en: str
    events: tuple[str, ...]
    """The declared case events (not met by any clause), as given."""
    clauses: tuple[Clause, ...]
    calendar_spec: CalendarSpec
    convention: Convention
    _vocabulary: tuple[str, ...] = field(repr=False, compare=False, hash=False)
    _by_name: dict[str, Clause] = field(repr=False, compare=False, hash=False)

    def __init__(
        self,
        name: str,
        clauses: Iterable[Clause],
        *,
        events: Iterable[str] = (),
        title_zh: str = "",
        title_en: str = "",
        calendar: CalendarLike = "CN",
        convention: Convention | str | Mapping[str, Any] | None = None,
    ) -> None:
        put = object.__setattr__
        put(self, "name", _identifier(name, "a contract name"))
        put(self, "title_zh", _text_field(title_zh, "title_zh"))
        put(self, "title_en", _text_field(title_en, "title_en"))
        if isinstance(events, str) or not isinstance(events, Iterable):
            raise ContractError(f"events must be a list of event names; got {events!r}")
        declared = tuple(_event_name(e, "a declared event") for e in events)
        twice = [e for i, e in enumerate(declared) if e in declared[:i]]
        if twice:
            raise ContractError(f"event {twice[0]!r} is declared twice")
        put(self, "events", declared)
        if isinstance(clauses, Clause | str | Mapping) or not isinstance(clauses, Iterable):
            raise ContractError(f"clauses must be a list of Clause objects; got {clauses!r}")
        items = tuple(clauses)
        for c in items:
            if not isinstance(c, Clause):
                raise ContractError(f"clauses must be Clause objects; got {type(c).__name__} {c!r}")
        put(self, "clauses", items)
        if isinstance(calendar, CalendarSpec):
            spec = calendar
        elif isinstance(calendar, WorkCalendar):
            spec = CalendarSpec.from_calendar(calendar)
        elif isinstance(calendar, str | Mapping):
            spec = CalendarSpec.from_dict(calendar)
        else:
            raise ContractError(
                f"calendar must be a CalendarSpec, a region, a table or a WorkCalendar; got {calendar!r}"
            )
        put(self, "calendar_spec", spec)
        put(self, "convention", _convention(convention))
        self._validate()

    # -- validation -----------------------------------------------------------------------

    def _validate(self) -> None:
        clauses = self.clauses
        if not clauses:
            raise ContractError(f"contract {self.name!r} has no clauses")
        by_name: dict[str, Clause] = {}
        for k, c in enumerate(clauses):
            if c.name in by_name:
                first = next(i for i, d in enumerate(clauses) if d.name == c.name)
                raise ContractError(f"clause name {c.name!r} is used twice (clauses {first} and {k})")
            by_name[c.name] = c
        vocabulary = dict.fromkeys(self.events)
        for c in clauses:
            if c.met_by is not None:
                vocabulary.setdefault(c.met_by)
            if c.extension is not None:
                vocabulary.setdefault(c.extension.event)
        for c in clauses:
            for role, ref in (("starts on", c.starts_on), ("ends on", c.ends_on), ("escalates by", c.escalation)):
                if ref is None or ref in vocabulary or _is_date(ref):
                    continue
                close = difflib.get_close_matches(ref, list(vocabulary), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ContractError(
                    f"clause {c.name!r} {role} {ref!r}, which is not an event of this contract{hint}; declare it "
                    f"in events, or make it some clause's met_by (events: {', '.join(vocabulary) or 'none'})"
                )
        self._check_cycles()
        needs = [c for c in clauses if _work_time(c)]
        if self.calendar_spec.hours is None:
            if needs:
                c = needs[0]
                raise ContractError(
                    f"clause {c.name!r} counts working time, but the contract's calendar has no working hours; "
                    "give the calendar hours (e.g. hours = '09:00-12:00,13:30-18:00')"
                )
            if self.convention.close_of_business == "hours":
                raise ContractError(
                    "the convention ends last days at the close of the calendar's hours, but the calendar has none"
                )
        object.__setattr__(self, "_vocabulary", tuple(vocabulary))
        object.__setattr__(self, "_by_name", by_name)

    def _check_cycles(self) -> None:
        """Each clause orders events (earlier → later); a cycle would need an event before itself."""
        edges: dict[str, list[_Edge]] = {}

        def order(c: Clause, a: str | None, b: str | None, why: str) -> None:
            # fixed dates are points in time, not events a case records: they cannot wait on an event
            if a is not None and b is not None and not _is_date(a) and not _is_date(b):
                edges.setdefault(a, []).append(_Edge(a, b, c.name, why))

        for c in self.clauses:
            n = repr(c.name)
            if c.kind == "notice":
                order(c, c.met_by, c.starts_on, f"clause {n} needs {c.met_by!r} before {c.starts_on!r}")
                continue
            order(c, c.starts_on, c.met_by, f"clause {n} counts from {c.starts_on!r} to {c.met_by!r}")
            order(c, c.starts_on, c.ends_on, f"clause {n} runs from {c.starts_on!r} until {c.ends_on!r}")
            order(c, c.met_by, c.ends_on, f"clause {n} needs {c.met_by!r} by {c.ends_on!r}")
            if c.extension is not None:
                ev = c.extension.event
                order(c, c.starts_on, ev, f"clause {n} is extended by {ev!r} after {c.starts_on!r}")
            order(c, c.starts_on, c.escalation, f"clause {n} may escalate by {c.escalation!r} after {c.starts_on!r}")
        cycle = _find_cycle(edges)
        if cycle is not None:
            names = [repr(n) for n in dict.fromkeys(e.clause for e in cycle)]
            who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
            chain = " → ".join([cycle[0].a] + [e.b for e in cycle])
            reasons = "; ".join(e.why for e in cycle)
            raise ContractError(
                f"clauses {who} form a cycle of events: {chain} ({reasons}); an event cannot come before itself"
            )

    # -- value-object protocol ------------------------------------------------------------

    def __copy__(self) -> Contract:
        return self

    def __deepcopy__(self, memo: object) -> Contract:
        return self

    def __repr__(self) -> str:
        names = [c.name for c in self.clauses]
        return (
            f"Contract({self.name!r}, clauses={names!r}, events={list(self.events)!r}, "
            f"calendar={self.calendar_spec!r}, convention={self.convention.name!r})"
        )

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (_unpickle, (self.to_dict(), self.calendar_spec.folder))

    # -- queries --------------------------------------------------------------------------

    @property
    def event_names(self) -> tuple[str, ...]:
        """The event vocabulary: declared events, then each clause's ``met_by`` and extension event, once each."""
        return self._vocabulary

    @property
    def clause_names(self) -> tuple[str, ...]:
        """The clauses' names, in order."""
        return tuple(c.name for c in self.clauses)

    def clause(self, name: str) -> Clause:
        """The clause called ``name``.

        Raises
        ------
        ContractError
            No such clause (the message suggests a close name and lists them all).
        """
        try:
            return self._by_name[name]
        except (KeyError, TypeError):
            raise ContractError(
                f"contract {self.name!r} has no clause {name!r}{_suggest(str(name), self._by_name)} "
                f"(clauses: {', '.join(self._by_name)})"
            ) from None

    def calendar(self, *, arrangements: ArrangementsLike | None = None) -> WorkCalendar:
        """Build the contract's :class:`~slaclock.WorkCalendar` (see :meth:`CalendarSpec.build`).

        ``arrangements`` adds newly published years to the spec's own.
        """
        return self.calendar_spec.build(arrangements=arrangements)

    def calendar_for(self, calendar: CalendarLike | None = None) -> WorkCalendar:
        """The calendar a case or a batch of this contract is counted on: ``calendar`` if given, else its own.

        This is the one rule every ``calendar=`` argument follows (:meth:`open`,
        :meth:`Case.from_dict <slaclock.Case.from_dict>`, :meth:`evaluate`): an
        explicit calendar wins over the contract's :attr:`calendar_spec`, whole (its
        closures and hours are not merged in: to keep them, pass
        ``contract.calendar_spec.replace(horizon="projected")``).

        Parameters
        ----------
        calendar : WorkCalendar, CalendarSpec, region name or mapping, optional
            A built calendar is used as is; a spec, a region or a table of
            :class:`CalendarSpec` arguments is built. None: the contract's own.

        Raises
        ------
        ContractError
            A calendar that cannot serve the contract: a clause counted in working
            time, or a close of business at the calendar's hours, on a calendar
            without working hours (the message names the clause); a bad spec.
        InvalidInputError
            ``calendar`` of another type.
        CalendarDataError
            A spec whose arrangement files cannot be read or do not fit.

        Examples
        --------
        >>> import slaclock as sc
        >>> c = sc.templates.customer_service_standards()
        >>> c.calendar_for("HK").region, c.calendar_for(sc.calendar("CN", horizon="projected")).horizon
        ('HK', 'projected')
        >>> c.calendar_for() is c.calendar()
        True
        """
        if calendar is None:
            return self.calendar()
        if isinstance(calendar, WorkCalendar):
            cal = calendar
        elif isinstance(calendar, CalendarSpec):
            cal = calendar.build()
        elif isinstance(calendar, str | Mapping):
            cal = CalendarSpec.from_dict(calendar).build()
        else:
            raise InvalidInputError(
                "calendar must be a WorkCalendar, a CalendarSpec, a region such as 'CN' or a table of "
                f"CalendarSpec arguments; got {type(calendar).__name__} {calendar!r}"
            )
        if cal.hours is None:
            needs = [c for c in self.clauses if _work_time(c)]
            if needs:
                c = needs[0]
                raise ContractError(
                    f"clause {c.name!r} counts working time ({_work_time_text(c)}), but the calendar given "
                    f"({cal.region}) has no working hours; give it hours, e.g. "
                    "calendar=sc.calendar('CN').with_hours('09:00-12:00,13:30-18:00'), or keep the contract's: "
                    "calendar=contract.calendar_spec.replace(...)"
                )
            if self.convention.close_of_business == "hours":
                ends = [c.name for c in self.clauses if c.kind != "threshold"]
                which = f"clause {ends[0]!r}" + (f" (and {len(ends) - 1} more)" if len(ends) > 1 else "")
                raise ContractError(
                    f"the convention {self.convention.name!r} ends the last day of {which} at the close of the "
                    f"calendar's working hours, but the calendar given ({cal.region}) has none; give it hours, e.g. "
                    "calendar=sc.calendar('CN').with_hours('09:00-12:00,13:30-18:00')"
                )
        return cal

    def evaluate(
        self,
        events: Any,
        *,
        now: Any,
        clauses: Sequence[str] | None = None,
        pauses: Any = None,
        ignore_pauses: bool = False,
        calendar: CalendarLike | None = None,
    ) -> Any:
        """The status of many cases at once: one row per case, one column per event.

        The batch form of :meth:`Case.status` for the deadline and threshold clauses,
        with the same answers a case replayed row by row gives.

        Parameters
        ----------
        events : pandas, polars or pyarrow table, or a mapping of columns
            One column per event the clauses use, named after it (``received``,
            ``acknowledged``, an extension's notice event if any): the instant it
            happened, NaT or None where it has not. Naive instants are wall times in
            the calendar's zone; aware ones are converted. Other columns are ignored.
        now : datetime or ISO text
            The instant of the status; no event may be later.
        clauses : sequence of str, optional
            The clauses to evaluate; default every deadline and threshold clause.
            Monthly, notice and window clauses are followed case by case
            (:meth:`open`).
        pauses : table or mapping, optional
            The clocks stopped ("awaiting the customer"): one row per pause, with
            ``row`` (the case's position in ``events``, from 0), ``paused_at``,
            ``resumed_at`` (NaT while the pause lasts at ``now``) and optionally
            ``reason``. The rows with pauses are replayed as cases (:meth:`open`), so
            they cost what a case costs (about 0.13 ms each); the others stay on
            columns. Rows without a pause in it had none.
        ignore_pauses : bool
            Without ``pauses``, a pausable clause is refused unless this says the
            cases had none.
        calendar : WorkCalendar, CalendarSpec, region name or mapping, optional
            The calendar to count on, instead of the contract's own (the rule of
            :meth:`calendar_for`): a built calendar is used as is, e.g. the
            contract's own built once (:meth:`calendar`) or
            ``sc.calendar("CN", horizon="projected")``.

        Returns
        -------
        table
            Five columns per clause: ``<clause>.state`` (one of ``"not_started"``,
            ``"running"``, ``"paused"``, ``"at_risk"``, ``"met"``, ``"breached"``),
            ``<clause>.due`` (the exclusive due instant; NaT while paused),
            ``<clause>.last_day``, ``<clause>.overdue_by`` (NaT unless breached) and
            ``<clause>.provisional`` (bool: the row's status read calendar days past
            the official data, which only a ``horizon="projected"`` calendar has, as
            :attr:`ClauseStatus.provisional <slaclock.ClauseStatus.provisional>`). The
            same kind as ``events``: a pandas ``DataFrame`` (same index; states
            categorical, dues aware in the calendar's zone), a polars ``DataFrame``, a
            pyarrow ``Table``; for a mapping, a dict of numpy arrays (dues as wall
            times in the calendar's zone). With provisional rows, one
            :class:`~slaclock.ProvisionalWarning` says how many.

        Raises
        ------
        InvalidInputError
            A missing event column; a column of dates or unreadable values; an event
            after ``now``; a row a case would refuse (an event that meets a clause
            before its start, an extension notice too late or after the clause was
            met), with the number of rows and the first one.
        ContractError
            A pausable clause without ``pauses`` or ``ignore_pauses=True``; a clause
            of another kind asked for; an uncapped extension noticed in some row; a
            ``calendar`` that cannot serve the contract (:meth:`calendar_for`).
        CalendarHorizonError
            A count needs days outside the calendar's data.

        Examples
        --------
        >>> import numpy as np, slaclock as sc
        >>> c = sc.Contract("desk", [
        ...     sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
        ...     sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved", warn_before="2个工作日"),
        ... ], events=["received"])
        >>> t = {
        ...     "received": np.array(["2026-09-30T20:00", "2026-10-09T09:00", "2026-10-12T09:00"], "datetime64[m]"),
        ...     "acknowledged": np.array(["2026-10-01T21:00", "2026-10-09T10:00", "NaT"], "datetime64[m]"),
        ...     "solved": np.array(["NaT", "2026-10-14T16:00", "NaT"], "datetime64[m]"),
        ... }
        >>> r = c.evaluate(t, now="2026-10-16T09:00")
        >>> r["ack.state"], r["solution.state"]
        (array(['breached', 'met', 'breached'], dtype='<U11'), array(['breached', 'met', 'at_risk'], dtype='<U11'))
        >>> r["ack.overdue_by"][0].astype("timedelta64[m]"), r["solution.last_day"]    # 10-10 is a makeup Saturday
        (np.timedelta64(60,'m'), array(['2026-10-13', '2026-10-15', '2026-10-19'], dtype='datetime64[D]'))
        """
        from slaclock._contracts.evaluate import evaluate

        return evaluate(
            self, events, now=now, clauses=clauses, pauses=pauses, ignore_pauses=ignore_pauses, calendar=calendar
        )

    def open(self, *, received_at: Any, event: str = "received", calendar: CalendarLike | None = None) -> Case:
        """Open a case on this contract, received at ``received_at`` (see :class:`~slaclock.Case`).

        A case is a value: ``record``, ``pause``, ``resume``, ``extend`` and ``escalate``
        return a new case, and ``status(now=...)`` replays its events.

        Parameters
        ----------
        received_at : datetime or ISO text
            The instant of the first event.
        event : str
            The first event (default ``"received"``).
        calendar : WorkCalendar, CalendarSpec, region name or mapping, optional
            The calendar the case is counted on, instead of the contract's own
            (:meth:`calendar_for`), e.g. ``sc.calendar("CN", horizon="projected")``
            past the official data.

        Raises
        ------
        InvalidInputError
            An unknown event, or ``received_at`` not an instant.
        ContractError
            A ``calendar`` that cannot serve the contract.

        Examples
        --------
        >>> import slaclock as sc
        >>> c = sc.templates.customer_service_standards()
        >>> case = c.open(received_at="2026-09-30T20:00", event="complaint_received")   # 48 h, through the holiday
        >>> s = case.status(now="2026-10-01T09:00")["complaint_solution"]
        >>> s.state, s.due.isoformat()
        ('running', '2026-10-02T20:00:00+08:00')
        """
        from slaclock._contracts.case import open_case

        return open_case(self, received_at=received_at, event=event, calendar=calendar)

    def replace(self, **changes: Any) -> Contract:
        """A copy with some of the constructor's arguments changed (``calendar=``, not ``calendar_spec``).

        Raises
        ------
        ContractError
            An unknown argument or an invalid result.
        """
        args: dict[str, Any] = {
            "name": self.name,
            "clauses": self.clauses,
            "events": self.events,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "calendar": self.calendar_spec,
            "convention": self.convention,
        }
        unknown = sorted(set(changes) - set(args))
        if unknown:
            raise ContractError(f"unknown Contract argument {unknown[0]!r}; valid: {', '.join(args)}")
        args.update(changes)
        return Contract(**args)

    def replace_clause(self, name: str, **changes: Any) -> Contract:
        """A copy with one clause changed, as by :meth:`Clause.replace` (fill a template's blanks).

        Examples
        --------
        >>> from slaclock._contracts.contract import Clause, Contract
        >>> c = Contract("x", [Clause("answer", "24小时", starts_on="asked", met_by="answered")], events=["asked"])
        >>> c.replace_clause("answer", period="48小时").clause("answer").period
        Period(48, 'hour')
        """
        old = self.clause(name)
        new = old.replace(**changes)
        return self.replace(clauses=tuple(new if c is old else c for c in self.clauses))

    # -- plain values and files -----------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The contract as plain values (str, int, float, bool, lists, dicts), defaults left out.

        This is the layout of every file format; :meth:`from_dict` reads it back
        to an equal contract.
        """
        out: dict[str, Any] = {"schema": SCHEMA, "name": self.name}
        if self.title_zh:
            out["title_zh"] = self.title_zh
        if self.title_en:
            out["title_en"] = self.title_en
        if self.events:
            out["events"] = list(self.events)
        out["calendar"] = self.calendar_spec.to_dict()
        if self.convention != Convention.civil_code():
            out["convention"] = _convention_to_dict(self.convention)
        out["clauses"] = [c.to_dict() for c in self.clauses]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Contract:
        """A contract from :meth:`to_dict`'s layout (as read from TOML, JSON or YAML).

        Raises
        ------
        ContractError
            An unknown or missing key (the message gives its place, e.g.
            ``clauses[2] ('standard')``), a value of the wrong type, a layout
            ``schema`` newer than this slaclock reads, or any definition error.
        PeriodParseError
            A clause's period that is not a period.
        """
        _keys(data, "contract", required=("name", "clauses"), allowed=_CONTRACT_KEYS)
        schema = data.get("schema", SCHEMA)
        if type(schema) is not int or schema < 1:
            raise ContractError(f"schema must be a positive integer; got {schema!r}")
        if schema > SCHEMA:
            raise ContractError(
                f"this contract uses layout schema {schema}, newer than this slaclock reads ({SCHEMA}); "
                "upgrade slaclock"
            )
        raw = data["clauses"]
        if isinstance(raw, str | Mapping) or not isinstance(raw, list | tuple):
            raise ContractError(f"clauses must be an array of tables ([[clauses]]); got {raw!r}")
        calendar = data.get("calendar", "CN")
        spec = calendar if isinstance(calendar, CalendarSpec) else CalendarSpec.from_dict(calendar)
        convention = _convention(data.get("convention"))
        clauses = [Clause.from_dict(item, f"clauses[{k}]") for k, item in enumerate(raw)]
        return cls(
            data["name"],
            clauses,
            events=data.get("events", ()),
            title_zh=data.get("title_zh", ""),
            title_en=data.get("title_en", ""),
            calendar=spec,
            convention=convention,
        )

    def to_toml(self) -> str:
        """The contract as a TOML document (UTF-8 text); :meth:`from_toml` reads it back to an equal contract."""
        return _toml_document(self.to_dict())

    @classmethod
    def from_toml(cls, text: str) -> Contract:
        """A contract from TOML text.

        Raises
        ------
        ContractError
            Text that is not TOML (with the parser's line and column), or an invalid contract.
        """
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ContractError(f"not a TOML contract: {exc}") from None
        return cls.from_dict(data)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The contract as JSON (Chinese written as is, not escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Contract:
        """A contract from JSON text.

        Raises
        ------
        ContractError
            Text that is not a JSON object, or an invalid contract.
        """
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ContractError(f"not a JSON contract: {exc}") from None
        if not isinstance(data, dict):
            raise ContractError(f"a JSON contract is an object; got {type(data).__name__}")
        return cls.from_dict(data)

    def to_yaml(self) -> str:
        """The contract as YAML (needs PyYAML: ``pip install "slaclock[yaml]"``)."""
        yaml = _yaml()

        class Dumper(yaml.SafeDumper):  # type: ignore[misc,name-defined]
            pass

        def text(dumper: Any, value: str) -> Any:
            # PyYAML reads raw line separators (NEL, U+2028) and other unprintables in plain or single-quoted
            # scalars back changed; double quotes escape them.
            quoted = not all(ch.isprintable() and ch not in "\x85\u2028\u2029" for ch in value)
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if quoted else None)

        Dumper.add_representer(str, text)
        dumped: str = yaml.dump(self.to_dict(), Dumper=Dumper, allow_unicode=True, sort_keys=False)
        return dumped

    @classmethod
    def from_yaml(cls, text: str) -> Contract:
        """A contract from YAML text, read with ``yaml.safe_load`` (needs PyYAML).

        Raises
        ------
        ModuleNotFoundError
            PyYAML is not installed: ``pip install "slaclock[yaml]"``.
        ContractError
            Text that is not a YAML mapping, or an invalid contract.
        """
        yaml = _yaml()
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ContractError(f"not a YAML contract: {exc}") from None
        if not isinstance(data, dict):
            raise ContractError(f"a YAML contract is a mapping; got {type(data).__name__}")
        return cls.from_dict(data)

    @classmethod
    def load(cls, source: str | os.PathLike[str], *, format: FileFormat | None = None) -> Contract:
        """A contract from a file (``.toml``, ``.json``, ``.yaml``/``.yml``) or from TOML or JSON text.

        Parameters
        ----------
        source : path or str
            A path, or the text itself: a string holding a line break, or starting
            with ``{``, is text (JSON if it starts with ``{``, else TOML).
        format : {"toml", "json", "yaml"}, optional
            Overrides the guess from the suffix or the text.

        Notes
        -----
        Relative arrangement paths in the file's ``[calendar]`` are read from the
        file's folder (:attr:`CalendarSpec.folder`), and the files are read at once,
        so a wrong path is an error here, not when the first case opens. From text,
        they are read from the current directory when the calendar is built.

        Raises
        ------
        ContractError
            An unknown suffix or format, or an invalid file.
        CalendarDataError
            An arrangement file the calendar names cannot be read or does not fit.
        FileNotFoundError
            No such file.
        ModuleNotFoundError
            A YAML file without PyYAML installed.
        """
        if format is not None and format not in _SUFFIXES.values():
            raise ContractError(f"format must be 'toml', 'json' or 'yaml'; got {format!r}")
        path: Path | None = None
        if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{")):
            text = source
            fmt = format or ("json" if source.lstrip().startswith("{") else "toml")
        elif isinstance(source, str | os.PathLike):
            path = Path(source)
            fmt_ = format or _SUFFIXES.get(path.suffix.lower())
            if fmt_ is None:
                raise ContractError(
                    f"cannot tell the format of {str(path)!r} from its suffix; name it .toml, .json or .yaml, "
                    "or pass format="
                )
            fmt = fmt_
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                raise FileNotFoundError(
                    f"no contract file {str(path)!r}; to read a contract from text, use "
                    "Contract.from_toml(text) or Contract.from_json(text)"
                ) from None
        else:
            raise ContractError(f"expected a path or a contract's text; got {type(source).__name__} {source!r}")
        contract = (
            cls.from_json(text) if fmt == "json" else cls.from_yaml(text) if fmt == "yaml" else cls.from_toml(text)
        )
        spec = contract.calendar_spec
        if path is not None and any(isinstance(a, str) for a in spec.arrangements):
            contract = contract.replace(calendar=spec._in_folder(path.parent.absolute()))
            try:
                contract.calendar()
            except CalendarDataError as exc:
                raise CalendarDataError(f"contract file {str(path)!r}, [calendar] arrangements: {exc}") from None
        return contract

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the contract to ``path`` in the format its suffix names (UTF-8); returns the path."""
        target = Path(path)
        fmt = _SUFFIXES.get(target.suffix.lower())
        if fmt is None:
            raise ContractError(f"cannot tell the format of {str(target)!r}; name it .toml, .json or .yaml")
        text = self.to_json() if fmt == "json" else self.to_yaml() if fmt == "yaml" else self.to_toml()
        target.write_text(text, encoding="utf-8")
        return target


def _unpickle(data: dict[str, Any], folder: Path | None) -> Contract:
    contract = Contract.from_dict(data)
    if folder is None:
        return contract
    return contract.replace(calendar=contract.calendar_spec._in_folder(folder))


_CONTRACT_KEYS: Final = ("schema", "name", "title_zh", "title_en", "events", "calendar", "convention", "clauses")


def _work_time(c: Clause) -> bool:
    periods = (c.period, c.warn_before, c.extension.cap if c.extension else None)
    return any(p is not None and p.unit.is_work_time for p in periods)


def _work_time_text(c: Clause) -> str:
    """The clause's first period in working time, and where it is ("8 work hours", "warn_before 2 work hours")."""
    for what, p in (
        ("", c.period),
        ("warn_before ", c.warn_before),
        ("extension cap ", c.extension.cap if c.extension else None),
    ):
        if p is not None and p.unit.is_work_time:
            return f"{what}{p}"
    return ""  # pragma: no cover - only called for a clause _work_time accepts


@dataclass(frozen=True, slots=True)
class _Edge:
    """Clause ``clause`` puts event ``a`` before event ``b``."""

    a: str
    b: str
    clause: str
    why: str


def _find_cycle(edges: Mapping[str, list[_Edge]]) -> list[_Edge] | None:
    """The edges of one cycle in the event graph, in order, or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for root in edges:
        if root in state:
            continue
        state[root] = 1
        nodes, path, todo = [root], list[_Edge](), [iter(edges[root])]
        while todo:
            for e in todo[-1]:
                if state.get(e.b) == 1:
                    return [*path[nodes.index(e.b) :], e]
                if e.b not in state:
                    state[e.b] = 1
                    nodes.append(e.b)
                    path.append(e)
                    todo.append(iter(edges.get(e.b, ())))
                    break
            else:
                state[nodes.pop()] = 2
                todo.pop()
                if path:
                    path.pop()
    return None


def _yaml() -> Any:
    try:
        return importlib.import_module("yaml")
    except ModuleNotFoundError:
        raise ModuleNotFoundError(_YAML_HINT, name="yaml") from None


# -- a TOML writer for the shapes to_dict emits ---------------------------------------------------

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_document(doc: Mapping[str, Any]) -> str:
    """TOML for nested dicts of str, int, float, bool and lists: dicts become tables, lists of dicts arrays of tables.

    Inside an array-of-tables element, a dict is written inline (``extension = { … }``), and a list of dicts
    as a nested array of tables (``[[calendar.arrangements.holiday]]``).
    """
    lines: list[str] = []
    _toml_table(doc, (), lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def _toml_table(table: Mapping[str, Any], path: tuple[str, ...], lines: list[str]) -> None:
    def nested(value: object) -> bool:
        return isinstance(value, Mapping) or (
            isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)
        )

    for key, value in table.items():
        if not nested(value):
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in table.items():
        if not nested(value):
            continue
        header = ".".join(_toml_key(k) for k in (*path, key))
        if isinstance(value, Mapping):
            lines += ["", f"[{header}]"]
            _toml_table(value, (*path, key), lines)
        else:
            for item in value:
                lines += ["", f"[[{header}]]"]
                _toml_element(item, (*path, key), lines)


def _toml_element(item: Mapping[str, Any], path: tuple[str, ...], lines: list[str]) -> None:
    """One element of an array of tables: its dicts inline, its lists of dicts as nested arrays of tables."""

    def tables(value: object) -> bool:
        return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)

    lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in item.items() if not tables(v)]
    for key, value in item.items():
        if tables(value):
            header = ".".join(_toml_key(k) for k in (*path, key))
            for sub in value:
                lines += ["", f"[[{header}]]"]
                _toml_element(sub, (*path, key), lines)


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    out = []
    for ch in text:
        escaped = _ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ContractError(f"cannot write {value!r} to TOML")
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise ContractError(f"cannot write {type(value).__name__} {value!r} to TOML")
