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
* **Replays are linear.** :class:`_Log` keeps what the checks read (the last
  event, the contract events recorded, the open pause, the clauses extended), so
  :meth:`Case.from_dict`, a pickle and ``evaluate``'s paused rows replay ``n``
  events in time linear in ``n``; each method of :class:`Case` is one log step.
* **Pickles** carry the contract, the calendar and the events as stored, and are
  replayed with every check when loaded (``__reduce__``; ``__setstate__`` for a
  pickle of the fields themselves): a tampered pickle raises, never loads. Still,
  never unpickle data from an untrusted source (pickle itself runs code).
* **Where the rest is.** Each clause kind's status is computed in :mod:`.kinds`,
  the clock of a deadline in :mod:`.clock`, the calendar record in
  :mod:`.calendar_record`; the statuses and their words are :mod:`.status`'s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, TypeAlias, final

from slaclock._base import warn as _provisional
from slaclock._base.instants import before
from slaclock._base.show import brief
from slaclock._base.types import Lang
from slaclock._contracts import display as _display
from slaclock._contracts.calendar_record import _check_same_data, _horizon_hint, _past, calendar_record
from slaclock._contracts.calendar_spec import CalendarLike
from slaclock._contracts.checks import _longer
from slaclock._contracts.events import CaseEvent, EventKind, _event_words, _listed
from slaclock._contracts.kinds import _clause_status, _monthly_status, _notice_status, _window_status
from slaclock._contracts.recurring import _recurring_status
from slaclock._contracts.status import ClauseState, ClauseStatus, Status
from slaclock._contracts.targets import AttributeValue, check_attributes
from slaclock._contracts.terms import ContractTerms
from slaclock._periods.period import Period, period
from slaclock._rules.deadline import read_instant
from slaclock._rules.explain import check_lang, chinese
from slaclock.errors import CalendarHorizonError, ContractError, InvalidInputError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pendulum import DateTime

    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.contract import Contract

__all__ = ["Case", "CaseEvent", "ClauseState", "ClauseStatus", "EventKind", "Status", "open_case"]

InstantLike: TypeAlias = dt.datetime | str


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
    _attributes: tuple[tuple[str, AttributeValue | None], ...] = ()

    def __repr__(self) -> str:
        return _display.case_repr(self)

    def _repr_html_(self) -> str:
        return _display.case_html(self)

    def __copy__(self) -> Case:
        return self

    def __deepcopy__(self, memo: object) -> Case:
        return self

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # the events as to_dict stores them (instants kept whole), replayed with every check when loaded:
        # a tampered pickle is refused as a tampered stored case is
        return (
            _rebuilt_case,
            (self.contract, self._calendar, self._stored_events(keep_instants=True), dict(self._attributes)),
        )

    def __setstate__(self, state: object) -> None:
        # a pickle holding the fields themselves (hand-made): checked by the same replay
        if not isinstance(state, list | tuple) or len(state) not in (3, 4):
            raise InvalidInputError(f"a pickled case holds its contract, events and calendar; got {brief(state)}")
        contract, events, calendar, *attributes = state
        if not isinstance(events, tuple) or not all(isinstance(e, CaseEvent) for e in events):
            raise InvalidInputError(f"a pickled case holds a tuple of CaseEvent; got {brief(events)}")
        kept = dict(attributes[0]) if attributes and isinstance(attributes[0], tuple) else None
        fresh = _rebuilt_case(contract, calendar, [_stored(e, keep_instants=True) for e in events], kept)
        for name in ("contract", "events", "_calendar", "_attributes"):
            object.__setattr__(self, name, getattr(fresh, name))

    # -- queries ----------------------------------------------------------------------------

    @property
    def calendar(self) -> WorkCalendar:
        """The calendar the case is counted on: the contract's, or the one given to :meth:`Contract.open`.

        Two cases are equal when their contracts, events and calendars are.
        """
        return self._calendar

    @property
    def attributes(self) -> dict[str, AttributeValue | None]:
        """The case's attributes (priority, tier, channel...) that choose its clauses' target rows."""
        return dict(self._attributes)

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
        """The instant of contract event ``name`` (its first, for an event a recurring clause repeats), or None."""
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
        return _Log.of(self).record(event, at).case()

    def pause(self, reason: str, *, at: InstantLike) -> Case:
        """A new case whose clocks stop at ``at`` (pausable clauses only), e.g. ``"awaiting_customer"``.

        Raises
        ------
        InvalidInputError
            A case already paused, an empty reason, or ``at`` earlier than the last event.
        """
        return _Log.of(self).pause(reason, at).case()

    def resume(self, *, at: InstantLike) -> Case:
        """A new case whose stopped clocks restart at ``at``.

        Raises
        ------
        InvalidInputError
            A case that is not paused, or ``at`` earlier than the last event.
        """
        return _Log.of(self).resume(at).case()

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
        return _Log.of(self).extend(clause, notified_at, period).case()

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
        return _Log.of(self).escalate(at, clause).case()

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
        out: dict[str, Any] = {
            "contract": self.contract.name,
            "calendar": calendar_record(self._calendar),
            "events": self._stored_events(),
        }
        if self._attributes:
            out["attributes"] = dict(self._attributes)
        return out

    def _stored_events(self, *, keep_instants: bool = False) -> list[dict[str, Any]]:
        return [_stored(e, keep_instants=keep_instants) for e in self.events]

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
            A malformed record (unknown keys or kind, no events, a missing field, a
            key the event's kind does not have, such as a ``period`` on a record or
            a name on a resumption; an extension or escalation stored under another
            event than the one the contract records for it: nothing stored is
            dropped or rewritten), or an event the case refuses (out of order,
            unknown, repeated). The replay is linear in the number of events.

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
        if not isinstance(contract, ContractTerms):
            raise InvalidInputError(
                f"Case.from_dict needs the Contract; got {type(contract).__name__} {brief(contract)}"
            )
        if not isinstance(data, Mapping):
            raise InvalidInputError(
                f"a stored case is {{'contract': name, 'calendar': {{...}}, 'events': [...]}}; got "
                f"{type(data).__name__} {brief(data)}"
            )
        extra = [k for k in data if k not in ("contract", "events", "calendar", "attributes")]
        if extra or "events" not in data:
            raise InvalidInputError(
                "a stored case is {'contract': name, 'calendar': {...}, 'events': [...]}; "
                + (f"unknown key {brief(extra[0])}" if extra else "no 'events'")
            )
        if type(accept_calendar_change) is not bool:
            raise InvalidInputError(
                f"accept_calendar_change must be True or False; got {brief(accept_calendar_change)}"
            )
        name = data.get("contract", contract.name)
        if not isinstance(name, str) or name != contract.name:
            raise ContractError(f"the stored case is on contract {brief(name)}, not {brief(contract.name)}")
        events = data["events"]
        if not isinstance(events, Sequence) or isinstance(events, str | bytes) or not events:
            raise InvalidInputError(f"a stored case needs its events, the receipt first; got {brief(events)}")
        cal = contract.calendar_for(calendar)
        stored = data.get("calendar")
        if stored is not None and not accept_calendar_change:
            _check_same_data(stored, cal, contract.name)
        with _provisional.reading() as reads:
            log = _replay(contract, cal, events, data.get("attributes"))
        if reads.projected:
            _provisional.warn(
                f"Case.from_dict: an extension notice was checked against a limit that rests on {_past(cal)}; "
                "whether it came in time is provisional"
            )
        return log.case()

    # -- status -----------------------------------------------------------------------------

    def status(self, *, now: InstantLike, lang: Lang = "zh") -> Status:
        """Every clause at ``now``: due, done, state, elapsed, remaining, overdue, explanation.

        ``now`` may not be earlier than the last event (the events after it would
        otherwise be ignored). ``lang`` is the explanation's language ("zh", the default as everywhere, or "en").

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
        if before(when, last):
            raise InvalidInputError(
                f"now {when.isoformat()} is earlier than the case's last event at {last.isoformat()}; "
                "a status ignores no events"
            )
        check_lang(lang)
        try:
            status = self._status_at(when, lang)
        except CalendarHorizonError as exc:
            how = "contract.open(..., calendar=cal) or Case.from_dict(..., calendar=cal)"
            raise _horizon_hint(exc, self._calendar, how) from None
        if status.provisional:
            names = _listed(brief(c.clause) for c in status.clauses if c.provisional)
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
                elif c.kind == "recurring":
                    row = _recurring_status(self, c, now, lang)
                else:
                    row = _clause_status(self, c, now, lang)
            if isinstance(row, str):
                skipped.append((c.name, row))
                continue
            if lang == "zh":  # the clock's and the kinds' own lines too, in the region's script (HK/MO/TW: zh-Hant)
                row = dataclasses.replace(row, explanation=chinese(row.explanation, self._calendar.region))
            rows.append(dataclasses.replace(row, provisional=True) if reads.projected else row)
        return Status(now, tuple(rows), tuple(skipped), self._calendar)

    def _instant_arg(self, value: object, what: str) -> DateTime:
        return _instant(self._calendar, value, what)

    def plot(self, *, now: InstantLike, ax: Axes | None = None) -> Figure:
        """The case's timeline at ``now``: clauses from start to due, events, pauses, breaches (``plot`` extra).

        See :func:`slaclock.plot.case`, which this calls.

        Examples
        --------
        >>> import slaclock as sc
        >>> c = sc.Contract("x", [sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged")],
        ...                 events=["received"])
        >>> fig = c.open(received_at="2026-09-30T20:00").plot(now="2026-10-02T09:00")
        >>> [p.get_gid() for p in fig.axes[0].patches if p.get_gid() == "ack"]
        ['ack']
        """
        from slaclock import plot  # the optional face above: matplotlib only on use

        return plot.case(self, now=now, ax=ax)


def open_case(
    contract: Contract,
    *,
    received_at: InstantLike,
    event: str = "received",
    calendar: CalendarLike | None = None,
    attributes: Mapping[str, AttributeValue | None] | None = None,
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
        ``event`` not in the contract's vocabulary, or a clause's extension notice (:meth:`Case.extend` records
        it); ``received_at`` not an instant.
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
    if not isinstance(contract, ContractTerms):
        raise InvalidInputError(f"open_case needs a Contract; got {type(contract).__name__} {brief(contract)}")
    cal = contract.calendar_for(calendar)
    _Log(contract, cal, []).recordable(event)  # an unknown event, or an extension notice (record it with extend)
    kept = check_attributes(attributes, contract.attributes)
    instant = read_instant(cal, received_at, "received_at")
    if instant is None:
        raise InvalidInputError(f"received_at must be an instant (a datetime), not the date {brief(received_at)}")
    return Case(contract, (CaseEvent("record", event, instant),), cal, tuple(sorted(kept.items())))


def _replay(contract: Contract, cal: WorkCalendar, events: Sequence[object], attributes: object = None) -> _Log:
    """The stored ``events`` (:meth:`Case.to_dict`'s) recorded one by one, with every check: linear in them."""
    log: _Log | None = None
    for i, e in enumerate(events):
        kind, at, event, clause, text = _stored_event(e, f"stored event {i}")
        if log is None:
            if kind != "record":
                raise InvalidInputError(
                    f"stored event {i}: a case starts with its receipt (a record); got {brief(kind)}"
                )
            log = _Log.of(
                open_case(contract, received_at=at, event=event, calendar=cal, attributes=attributes)  # type: ignore[arg-type]  # checked
            )
        elif kind == "record":
            log.record(event, at)
        elif kind == "pause":
            log.pause(event, at)
        elif kind == "resume":
            log.resume(at)
        elif kind == "extend":
            log.extend(clause, at, text)  # type: ignore[arg-type]  # checked by contract.clause
        else:
            log.escalate(at, clause)
        if kind in ("extend", "escalate") and log.events[-1].name != event:
            # the event a clause's extension or escalation records is the contract's: a stored
            # name that differs would be rewritten on replay, so it is refused
            raise InvalidInputError(
                f"stored event {i}: a {kind} of clause {brief(log.events[-1].get('clause'))} records "
                f"{brief(log.events[-1].name)}, not {brief(event)}"
            )
    if log is None:
        raise InvalidInputError("a stored case needs its events, the receipt first; got none")
    return log


def _stored(e: CaseEvent, *, keep_instants: bool = False) -> dict[str, Any]:
    return {"kind": e.kind, "name": e.name, "at": e.at if keep_instants else e.at.isoformat(), **dict(e.data)}


def _rebuilt_case(contract: object, calendar: object, events: object, attributes: object = None) -> Case:
    """A :class:`Case` from a pickle: its events replayed on its contract and calendar with every check."""
    from slaclock._calendar import WorkCalendar

    if not isinstance(contract, ContractTerms) or not isinstance(calendar, WorkCalendar):
        raise InvalidInputError(
            f"a pickled case holds its Contract and WorkCalendar; got {type(contract).__name__} and "
            f"{type(calendar).__name__}"
        )
    if not isinstance(events, list | tuple) or not events:
        raise InvalidInputError(f"a pickled case holds its events, the receipt first; got {brief(events)}")
    with _provisional.reading():  # the case was warned about when it was built
        return _replay(contract, calendar, events, attributes).case()  # type: ignore[arg-type]  # a ContractTerms


_STORED: Final[dict[str, tuple[str, ...]]] = {
    # kind → the keys its stored event has (Case.to_dict writes them all; "period" is optional)
    "record": ("kind", "name", "at"),
    "pause": ("kind", "name", "at"),
    "resume": ("kind", "name", "at"),
    "extend": ("kind", "name", "at", "clause", "period"),
    "escalate": ("kind", "name", "at", "clause"),
}


def _stored_event(e: object, where: str) -> tuple[str, Any, str, str | None, str | None]:
    """One event of :meth:`Case.to_dict` checked whole: (kind, at, name, clause, period); a key no replay reads
    (e.g. a ``period`` on a record, a name on a resumption) is refused, so that nothing stored is dropped."""
    if not isinstance(e, Mapping):
        raise InvalidInputError(f"{where} must be a mapping; got {type(e).__name__} {brief(e)}")
    kind = e.get("kind")
    must = f"{where} must have 'kind' ({', '.join(_STORED)}), 'name' and 'at'"
    if not isinstance(kind, str) or kind not in _STORED:
        raise InvalidInputError(f"{must}; got the kind {brief(kind)}")
    allowed = _STORED[kind]
    extra = [k for k in e if k not in allowed]
    if extra:
        raise InvalidInputError(f"{must}; unknown keys {brief(extra)} (a {kind} event has: {', '.join(allowed)})")
    missing = [k for k in (("at", "name") if kind != "resume" else ("at",)) if k not in e]
    if missing:
        raise InvalidInputError(f"{must}; a {kind} event without {brief(missing[0])}")
    name = e.get("name", "")
    if not isinstance(name, str):
        raise InvalidInputError(f"{where}: 'name' must be text; got {type(name).__name__} {brief(name)}")
    if kind == "resume" and name:
        raise InvalidInputError(f"{where}: a resume event has no name; got {brief(name)}")
    clause = e.get("clause")
    if kind in ("extend", "escalate") and "clause" in e and not isinstance(clause, str):
        raise InvalidInputError(f"{where}: 'clause' must be a clause name; got {brief(clause)}")
    if kind == "extend" and "clause" not in e:
        raise InvalidInputError(f"{must}; an extend event without 'clause'")
    text = e.get("period")
    return kind, e["at"], name, clause, text


def _extension_period(value: object, clause: str) -> Period:
    try:
        return period(value)  # type: ignore[arg-type]  # period() checks the type
    except InvalidInputError as exc:
        raise ContractError(f"clause {brief(clause)}, extension period: {exc}") from None


@final
class _Log:
    """A case being built, event by event, with every check :class:`Case` makes when an event is recorded.

    What the checks read of the events so far (the last one, the contract events
    recorded, the open pause, the clauses extended) is kept up to date as events are
    added, so each check costs the same however many events (pauses) came before:
    a replay of ``n`` stored events (:meth:`Case.from_dict`, the paused rows of
    ``evaluate``) is linear in ``n``, and the case is built once at the end.
    """

    __slots__ = ("attributes", "calendar", "contract", "events", "extended", "paused_since", "seen")

    def __init__(
        self,
        contract: Contract,
        calendar: WorkCalendar,
        events: list[CaseEvent],
        attributes: tuple[tuple[str, AttributeValue | None], ...] = (),
    ) -> None:
        self.contract, self.calendar, self.events, self.attributes = contract, calendar, events, attributes
        self.seen: dict[str, DateTime] = {}  # contract event → its (first) instant
        self.extended: dict[str, DateTime] = {}  # clause → its extension notice
        self.paused_since: DateTime | None = None
        for e in events:
            self._note(e)

    @classmethod
    def of(cls, case: Case) -> _Log:
        return cls(case.contract, case.calendar, list(case.events), case._attributes)

    def case(self) -> Case:
        return Case(self.contract, tuple(self.events), self.calendar, self.attributes)

    def _note(self, e: CaseEvent) -> None:
        if e.kind in ("record", "extend", "escalate"):
            self.seen.setdefault(e.name, e.at)
        if e.kind == "pause":
            self.paused_since = e.at
        elif e.kind == "resume":
            self.paused_since = None
        elif e.kind == "extend":
            self.extended.setdefault(e.get("clause") or "", e.at)

    def _add(self, e: CaseEvent) -> _Log:
        self.events.append(e)
        self._note(e)
        return self

    # -- the events ---------------------------------------------------------------------------

    def record(self, event: object, at: object) -> _Log:
        when = self._when(at, "at")
        self.recordable(event)
        assert isinstance(event, str)
        self._once(event)
        self._started_for(event)
        self._not_met_before(event, when)
        return self._add(CaseEvent("record", event, when))

    def recordable(self, event: object) -> None:
        """Refuse ``event`` as a recorded event: unknown, or an extension notice."""
        self._known(event)
        assert isinstance(event, str)
        for c in self.contract.clauses:
            if c.extension is not None and c.extension.event == event:
                raise InvalidInputError(
                    f"{brief(event)} is the extension notice of clause {brief(c.name)}: "
                    f"record it with case.extend({brief(c.name)}, notified_at=...)"
                )

    def _not_met_before(self, event: str, when: DateTime) -> None:
        """Refuse the start of a clause whose meeting event came earlier (a case opened by it): met before it began.
        At the same instant both may be recorded in either order, as ``evaluate`` takes them."""
        for c in self.contract.clauses:
            met = self.seen.get(c.met_by) if c.met_by is not None else None
            if c.kind in ("deadline", "threshold") and c.starts_on == event and met is not None and met < when:
                raise InvalidInputError(
                    f"{brief(event)} starts clause {brief(c.name)}, but {brief(c.met_by)}, which meets it, came "
                    f"first (at {met.isoformat()}): a clause is met after it starts"
                )

    def pause(self, reason: object, at: object) -> _Log:
        when = self._when(at, "at")
        if not isinstance(reason, str) or not reason.strip():
            raise InvalidInputError(f"a pause needs a reason, such as 'awaiting_customer'; got {brief(reason)}")
        since = self.paused_since
        if since is not None:
            raise InvalidInputError(
                f"the case is already paused since {since.isoformat()}; resume it before pausing again"
            )
        return self._add(CaseEvent("pause", reason, when))

    def resume(self, at: object) -> _Log:
        when = self._when(at, "at")
        if self.paused_since is None:
            raise InvalidInputError("the case is not paused: there is nothing to resume")
        return self._add(CaseEvent("resume", "", when))

    def extend(self, clause: str, notified_at: object, period: object) -> _Log:
        when = self._when(notified_at, "notified_at")
        c = self.contract.clause(clause)
        ext, name = c.extension, brief(clause)
        if ext is None:
            raise ContractError(f"clause {name} has no extension in the contract; it cannot be extended")
        new: Period | None = None if period is None else _extension_period(period, clause)
        if ext.cap is None and new is None:
            raise ContractError(
                f"clause {name} has no cap on its extension: give the new limit the notice states, "
                "e.g. case.extend(..., period='10个工作日')"
            )
        if new is not None and c.period is not None:
            cap = ext.cap
            if cap is not None and _longer(new, cap):
                raise ContractError(f"clause {name}: the extension {new} is longer than the cap {cap}")
            if _longer(new, c.period) is not True:
                raise ContractError(
                    f"clause {name}: the extension {new} is not longer than the limit {c.period}"
                    if _longer(new, c.period) is False
                    else f"clause {name}: the extension {new} cannot be compared with the limit {c.period}"
                )
        done = self.extended.get(clause)
        if done is not None:
            raise ContractError(f"clause {name} was already extended at {done.isoformat()}; only once")
        current = self.case()._status_at(when, only=clause)[clause]  # once per clause: it is extended only once
        if current.provisional:
            _provisional.warn(
                f"extend({name}): the limit in force at the notice rests on {_past(self.calendar)}; whether "
                "the notice came in time is provisional"
            )
        if current.state == "not_started":
            raise ContractError(f"clause {name} has not started; there is no limit to extend yet")
        if current.done_at is not None:
            raise ContractError(f"clause {name} was already done at {current.done_at.isoformat()}")
        if ext.notice_before_expiry and current.due is not None and not before(when, current.due):
            raise ContractError(
                f"clause {name}: the extension notice at {when.isoformat()} comes too late; the contract "
                f"requires it before the limit expires, at {current.due.isoformat()} "
                f"({current.last_day} 24:00 or its close)"
            )
        data: tuple[tuple[str, str], ...] = (("clause", clause),)
        if new is not None:
            data += (("period", str(new)),)
        return self._add(CaseEvent("extend", ext.event, when, data))

    def escalate(self, at: object, clause: str | None) -> _Log:
        if clause is not None:
            c = self.contract.clause(clause)
            if c.escalation is None:
                raise ContractError(f"clause {brief(clause)} has no escalation event in the contract")
            event = c.escalation
        else:
            found = {c.escalation: c.name for c in self.contract.clauses if c.escalation is not None}
            if not found:
                raise ContractError("no clause of this contract names an escalation event")
            if len(found) > 1:
                raise ContractError(
                    f"the contract has several escalation events ({_listed(found)}); say which clause: "
                    "case.escalate(at=..., clause=...)"
                )
            ((event, clause),) = found.items()
        when = self._when(at, "at")
        self._once(event)
        self._started_for(event)
        return self._add(CaseEvent("escalate", event, when, (("clause", clause),)))

    # -- the checks ---------------------------------------------------------------------------

    def _when(self, value: object, what: str) -> DateTime:
        instant = _instant(self.calendar, value, what)
        last = self.events[-1]
        if before(instant, last.at):
            first = self.events[0]
            earlier = (
                f"the receipt ({brief(first.name)} at {first.at.isoformat()})"
                if before(instant, first.at)
                else f"the case's last event ({_event_words(last)} at {last.at.isoformat()})"
            )
            raise InvalidInputError(
                f"{what} {instant.isoformat()} is earlier than {earlier}; events are recorded in time order"
            )
        return instant

    def _known(self, event: object) -> None:
        _known(self.contract, event)

    def _once(self, event: str) -> None:
        if event in self.contract.repeated_events:
            return
        seen = self.seen.get(event)
        if seen is not None:
            raise InvalidInputError(f"event {brief(event)} was already recorded at {seen.isoformat()}")

    def _started_for(self, event: str) -> None:
        names = self.contract.event_names
        for c in self.contract.clauses:
            # a clause counted from a fixed date has started (its start is that day's 00:00)
            started = c.starts_on not in names or c.starts_on in self.seen
            if c.kind in ("deadline", "threshold") and c.met_by == event and not started:
                raise InvalidInputError(
                    f"{brief(event)} meets clause {brief(c.name)}, which has not started: "
                    f"{brief(c.starts_on)} has not been recorded"
                )


def _instant(cal: WorkCalendar, value: object, what: str) -> DateTime:
    instant = read_instant(cal, value, what)
    if instant is None:
        raise InvalidInputError(f"{what} must be an instant (a datetime or ISO date-time), not the date {brief(value)}")
    return instant


def _known(contract: Contract, event: object) -> None:
    names = contract.event_names
    if not isinstance(event, str) or event not in names:
        raise InvalidInputError(
            f"{brief(event)} is not an event of contract {brief(contract.name)} (events: {_listed(names)})"
        )
