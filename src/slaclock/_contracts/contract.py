"""Contracts: named sets of clauses over one event vocabulary, with their calendar and convention, as frozen values.

A :class:`Contract` names its clauses (:class:`Clause`, in :mod:`.clause`), the
case events they refer to, the calendar (as a :class:`CalendarSpec`, in
:mod:`.calendar_spec`) and the :class:`~slaclock.Convention`, and reads and writes
itself as plain values and files (:mod:`.files`). Nothing here computes a
deadline: :meth:`Contract.open` and :meth:`Contract.evaluate` hand the contract to
:mod:`.case` and :mod:`.evaluate`, which sit below this module and know it only as
:class:`~slaclock._contracts.terms.ContractTerms`. This module re-exports the
public names of :mod:`.clause` and :mod:`.calendar_spec`.

Maintainer's notes
------------------
* **Events.** A contract's event vocabulary is its declared ``events`` (the events
  a case records that no clause is met by: "received", "escalated"), plus every
  clause's ``met_by`` and every extension's notice ``event``. A reference
  (``starts_on``, ``ends_on``, ``escalation``) is one of those names, or a fixed
  date written ``YYYY-MM-DD``. Names are Python identifiers (Chinese ones too).
* **Order.** The events must have an order: see :mod:`.events`.
* **Equality is by value.** Periods are stored parsed, with the contract's own
  words beside them (``wording``); the calendar is a spec, not a built
  :class:`~slaclock.WorkCalendar` (working hours as canonical text); the
  convention by its fields. So ``Contract.from_toml(c.to_toml()) == c`` exactly,
  and a dict, TOML, JSON or YAML file round-trips without loss.
* **Files.** :meth:`Contract.to_dict` emits only plain values (str, int, float,
  bool, lists, dicts) and omits defaults; TOML, JSON and YAML are that dict
  written out. The TOML writer in :mod:`.files` writes exactly those shapes
  (``tomllib`` cannot write). ``schema`` marks the layout's version.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, final

from slaclock._base.show import brief, path_text
from slaclock._calendar import WorkCalendar
from slaclock._contracts import display as _display
from slaclock._contracts.calendar_spec import ArrangementsLike, CalendarLike, CalendarSpec
from slaclock._contracts.checks import _check_keys, _event_name, _identifier, _suggest, _text_field
from slaclock._contracts.clause import Clause, ClauseKind, Extension, work_time_text
from slaclock._contracts.events import _check_event_order, _listed, _vocabulary
from slaclock._contracts.files import (
    FileFormat,
    _convention,
    _convention_to_dict,
    _json_text,
    _read_json,
    _read_source,
    _read_toml,
    _read_yaml,
    _target_format,
    _toml_document,
    _yaml_text,
)
from slaclock._contracts.terms import ContractTerms
from slaclock._periods.convention import Convention
from slaclock.errors import CalendarDataError, ContractError, InvalidInputError

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from slaclock._contracts.case import Case
    from slaclock._contracts.invariants import Violation
    from slaclock._contracts.verify_report import VerifyReport
    from slaclock._contracts.verify_timelines import Timelines

__all__ = ["SCHEMA", "CalendarLike", "CalendarSpec", "Clause", "ClauseKind", "Contract", "ContractError", "Extension"]

SCHEMA: Final = 1
"""The version of the file layout :meth:`Contract.to_dict` writes; files from a newer layout are refused."""


# -- Contract -------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True, init=False)
class Contract(ContractTerms):
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
    _repeated: tuple[str, ...] = field(repr=False, compare=False, hash=False)
    _attributes: tuple[str, ...] = field(repr=False, compare=False, hash=False)

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
            raise ContractError(f"events must be a list of event names; got {brief(events)}")
        declared = tuple(_event_name(e, "a declared event") for e in events)
        seen: set[str] = set()
        for e in declared:  # one pass: a set, not a scan of the events before each
            if e in seen:
                raise ContractError(f"event {brief(e)} is declared twice")
            seen.add(e)
        put(self, "events", declared)
        if isinstance(clauses, Clause | str | Mapping) or not isinstance(clauses, Iterable):
            raise ContractError(f"clauses must be a list of Clause objects; got {brief(clauses)}")
        items = tuple(clauses)
        for c in items:
            if not isinstance(c, Clause):
                raise ContractError(f"clauses must be Clause objects; got {type(c).__name__} {brief(c)}")
        put(self, "clauses", items)
        if isinstance(calendar, CalendarSpec):
            spec = calendar
        elif isinstance(calendar, WorkCalendar):
            spec = CalendarSpec.from_calendar(calendar)
        elif isinstance(calendar, str | Mapping):
            spec = CalendarSpec.from_dict(calendar)
        else:
            raise ContractError(
                f"calendar must be a CalendarSpec, a region, a table or a WorkCalendar; got {brief(calendar)}"
            )
        put(self, "calendar_spec", spec)
        put(self, "convention", _convention(convention))
        self._validate()

    # -- validation -----------------------------------------------------------------------

    def _validate(self) -> None:
        clauses = self.clauses
        if not clauses:
            raise ContractError(f"contract {brief(self.name)} has no clauses")
        by_name: dict[str, Clause] = {}
        for k, c in enumerate(clauses):
            if c.name in by_name:
                first = next(i for i, d in enumerate(clauses) if d.name == c.name)
                raise ContractError(f"clause name {brief(c.name)} is used twice (clauses {first} and {k})")
            by_name[c.name] = c
        vocabulary = _vocabulary(clauses, self.events)
        _check_event_order(clauses)
        needs = [c for c in clauses if work_time_text(c)]
        if self.calendar_spec.hours is None:
            if needs:
                c = needs[0]
                raise ContractError(
                    f"clause {brief(c.name)} counts working time, but the contract's calendar has no working hours; "
                    "give the calendar hours (e.g. hours = '09:00-12:00,13:30-18:00')"
                )
            if self.convention.close_of_business == "hours":
                raise ContractError(
                    "the convention ends last days at the close of the calendar's hours, but the calendar has none"
                )
        object.__setattr__(self, "_vocabulary", tuple(vocabulary))
        repeated: dict[str, None] = {}
        attributes: dict[str, None] = {}
        for c in clauses:
            if c.kind == "recurring":
                repeated.update(dict.fromkeys(e for e in (c.starts_on, c.met_by, c.stops_on) if e is not None))
            if c.targets is not None:
                attributes.update(dict.fromkeys(c.targets.attributes))
        object.__setattr__(self, "_repeated", tuple(repeated))
        object.__setattr__(self, "_attributes", tuple(attributes))
        object.__setattr__(self, "_by_name", by_name)

    # -- value-object protocol ------------------------------------------------------------

    def __copy__(self) -> Contract:
        return self

    def __deepcopy__(self, memo: object) -> Contract:
        return self

    def __repr__(self) -> str:
        return _display.contract_repr(self)

    def _repr_html_(self) -> str:
        return _display.contract_html(self)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (_unpickle, (self.to_dict(), self.calendar_spec.folder))

    def __setstate__(self, state: object) -> None:
        # a pickle holding the fields themselves (hand-made, not __reduce__'s): rebuilt by the constructor
        names = [f.name for f in dataclasses.fields(self)]
        if not isinstance(state, list | tuple) or len(state) != len(names):
            raise ContractError(f"a pickled contract holds its {len(names)} fields; got {brief(state)}")
        v = dict(zip(names, state, strict=True))
        fresh = Contract(
            v["name"],
            v["clauses"],
            events=v["events"],
            title_zh=v["title_zh"],
            title_en=v["title_en"],
            calendar=v["calendar_spec"],
            convention=v["convention"],
        )
        for name in names:
            object.__setattr__(self, name, getattr(fresh, name))

    # -- queries --------------------------------------------------------------------------

    @property
    def event_names(self) -> tuple[str, ...]:
        """The event vocabulary: declared events, then each clause's ``met_by`` and extension event, once each."""
        return self._vocabulary

    @property
    def repeated_events(self) -> tuple[str, ...]:
        """The events a case may record many times: those of its recurring clauses (others: once each)."""
        return self._repeated

    @property
    def attributes(self) -> tuple[str, ...]:
        """The case attributes its clauses' target tables read ("priority", "tier"), in order of first use."""
        return self._attributes

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
                f"contract {brief(self.name)} has no clause {brief(name)}{_suggest(str(name), self._by_name)} "
                f"(clauses: {_listed(self._by_name)})"
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
                f"CalendarSpec arguments; got {type(calendar).__name__} {brief(calendar)}"
            )
        if cal.hours is None:
            needs = [c for c in self.clauses if work_time_text(c)]
            if needs:
                c = needs[0]
                raise ContractError(
                    f"clause {brief(c.name)} counts working time ({work_time_text(c)}), but the calendar given "
                    f"({cal.region}) has no working hours; give it hours, e.g. "
                    "calendar=sc.calendar('CN').with_hours('09:00-12:00,13:30-18:00'), or keep the contract's: "
                    "calendar=contract.calendar_spec.replace(...)"
                )
            if self.convention.close_of_business == "hours":
                ends = [c.name for c in self.clauses if c.kind != "threshold"]
                which = f"clause {brief(ends[0])}" + (f" (and {len(ends) - 1} more)" if len(ends) > 1 else "")
                raise ContractError(
                    f"the convention {brief(self.convention.name)} ends the last day of {which} at the close of the "
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
        log: Any = None,
        key: str | None = None,
        keep: Sequence[str] = (),
        calendars: Mapping[str, CalendarLike] | None = None,
        states: Literal["text", "codes"] = "text",
        fields: Sequence[str] | None = None,
        days: Literal["dates", "date32"] = "dates",
    ) -> Any:
        """The status of many cases at once: one row per case, one column per event (or a log of events).

        The batch form of :meth:`Case.status` for every kind of clause, with the
        same answers a case replayed row by row gives.

        Parameters
        ----------
        events : pandas, polars or pyarrow table, or a mapping of columns
            One column per event the clauses use, named after it (``received``,
            ``acknowledged``, an extension's notice event if any): the instant it
            happened, NaT or None where it has not. Naive instants are wall times in
            the calendar's zone; aware ones are converted. Other columns are ignored;
            a column named twice is refused. A clause with a target table reads its
            attributes from columns named after them (``priority``; text or whole
            numbers, a null takes the default row).
        now : datetime or ISO text
            The instant of the status; no event may be later.
        clauses : sequence of str, optional
            The clauses to evaluate; default every clause of the contract (a table
            without the events of some clause is refused, naming the ``clauses=``
            that leave it out).
        pauses : table or mapping, optional
            The clocks stopped ("awaiting the customer"): one row per pause, with
            ``row`` (the case's position in ``events``, from 0), ``paused_at``,
            ``resumed_at`` (NaT while the pause lasts at ``now``) and optionally
            ``reason``; any other column is refused (a misspelt ``resumed_at`` would
            otherwise leave every pause running). The rows with pauses are replayed
            as cases (:meth:`open`), so they cost what a case costs (about 0.13 ms
            each, and linear in a row's pauses); the others stay on columns. Rows
            without a pause in it had none.
        ignore_pauses : bool
            Without ``pauses``, a pausable clause is refused unless this says the
            cases had none.
        calendar : WorkCalendar, CalendarSpec, region name or mapping, optional
            The calendar to count on, instead of the contract's own (the rule of
            :meth:`calendar_for`): a built calendar is used as is, e.g. the
            contract's own built once (:meth:`calendar`) or
            ``sc.calendar("CN", horizon="projected")``. With ``calendars``: the name
            of the ``events`` column that holds each row's calendar key.
        log : table or mapping, optional
            The events as ticket systems export them: one row per occurrence, with
            ``event`` (its name), ``at`` (its instant) and ``row`` (the case's
            position in ``events``) or the ``key`` column. A recurring clause's
            events may occur any number of times per case; any other event at most
            once (read as if it were a column of ``events``; an event is given in
            the log or as a column, not both). At one instant a recurring clause
            takes a start before a ``met_by`` before a stop. Names outside the
            contract's events are refused.
        key : str, optional
            The column of ``events`` and of ``log`` that names each case (a ticket
            id), instead of ``row``.
        keep : str or sequence of str
            Columns of ``events`` to copy into the result as they are (team,
            priority, a ticket id), first, so that :func:`slaclock.report` can group
            by them. A name that is not a column of ``events``, or that is a result
            column's name, is refused.
        calendars : mapping of str to calendar, optional
            One calendar per row (a queue serving several regions): each row is
            evaluated on ``calendars[events[calendar][i]]``, each value anything
            ``calendar=`` takes. Naive event instants, and a naive ``now``, are wall
            times in the row's calendar's zone. Due instants come back aware in the
            calendars' zone if they share one, else in UTC (for a mapping: naive wall
            times, each row in its own calendar's zone). Pauses' ``row`` positions are
            positions in ``events``, as without ``calendars``. An unknown or missing
            key is an error. See ``docs/contracts.md``, "One queue, several calendars".
        states : {"text", "codes"}
            ``"codes"``: each ``<clause>.state`` as int8 codes, the positions in
            :data:`slaclock.STATES` (1 byte a row, where a mapping's text takes 44).
            Compare with codes, ``r["ack.state"] == sc.STATES.index("met")``: a code
            column is never equal to the text ``"met"``.
        days : {"dates", "date32"}
            ``"date32"``: each ``<clause>.last_day`` in 4 bytes a row, where a mapping's ``datetime64[D]`` and
            pandas' ``datetime64[s]`` take 8: in a mapping int32 days since 1970-01-01 (the values of Arrow's
            ``date32``; :data:`slaclock.NO_DAY32` where none), in pandas ``date32[pyarrow]`` (needs pyarrow).
            Polars and pyarrow results have 4-byte dates either way.
        fields : sequence of str, optional
            Only these fields of each clause (``["state", "due"]``), of ``state``,
            ``due``, ``last_day``, ``overdue_by``, ``provisional``, ``start``, ``took``,
            ``cycles``, ``met_cycles``, ``breached_cycles``, ``ever_breached``,
            ``warn`` (every warning instant) and ``risk``; default all. A smaller
            result for wide contracts (:func:`slaclock.report` reads ``state``,
            ``overdue_by``, ``start`` and ``took``).

        Returns
        -------
        table
            Five columns per clause: ``<clause>.state`` (one of ``"not_started"``, ``"running"``, ``"paused"``,
            ``"at_risk"``, ``"met"``, ``"breached"``, ``"stopped"``, ``"expired"``: a window without ``met_by`` that
            closed), ``<clause>.due`` (the exclusive due instant; NaT while paused), ``<clause>.last_day``,
            ``<clause>.overdue_by`` (NaT unless breached) and ``<clause>.provisional`` (bool: the row's status read
            calendar days past the official data, which only a ``horizon="projected"`` calendar has, as
            :attr:`ClauseStatus.provisional <slaclock.ClauseStatus.provisional>`), ``<clause>.start`` (the instant
            it started, as :attr:`ClauseStatus.start <slaclock.ClauseStatus.start>`; NaT before) and
            ``<clause>.took`` (start to ``met_by``, missing where not done, in the measure of the clause's period: a
            duration of wall time for hours and minutes, of working time for working hours; whole days, from the
            start's deemed day as art. 201 counts, for day, week, month and year periods; workdays after that day,
            up to and including the day done, for workday periods; counts are pandas ``Int64``, polars and pyarrow
            ``Int64``, and in a mapping an ``int64`` numpy masked array). The same kind as ``events``: a pandas
            ``DataFrame`` (same index; states categorical, dues aware in the calendar's zone), a polars
            ``DataFrame``, a pyarrow ``Table``; for a mapping, a dict of numpy arrays (dues as wall times in the
            calendar's zone). With provisional rows, one :class:`~slaclock.ProvisionalWarning` says how many. A
            recurring clause's five columns are its last cycle's (state ``"stopped"`` when its stop event closed it
            before its due), and four more count its cycles: ``<clause>.cycles``, ``<clause>.met_cycles``,
            ``<clause>.breached_cycles`` (int64) and ``<clause>.ever_breached`` (bool).

        Raises
        ------
        InvalidInputError
            A missing event column; a column of dates or unreadable values; an event
            after ``now``; a row a case would refuse (an event that meets a clause
            before its start, an extension notice too late or after the clause was
            met), with the number of rows and the first one.
        ContractError
            A pausable clause without ``pauses`` or ``ignore_pauses=True``; a clause
            a case does not evaluate (a window in hours); an uncapped extension noticed in some row; a
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

        One calendar per row: a column of keys, and the calendars they name.

        >>> t["region"] = np.array(["HK", "CN", "HK"])
        >>> r = c.evaluate(t, now="2026-10-16T09:00", calendar="region", calendars={"CN": "CN", "HK": "HK"})
        >>> r["solution.last_day"]    # HK rests on 10-01 only, and on 10-19 (Chung Yeung's Monday)
        array(['2026-10-08', '2026-10-15', '2026-10-20'], dtype='datetime64[D]')
        """
        from slaclock._contracts.evaluate import evaluate

        given = {"now": now, "clauses": clauses, "pauses": pauses, "ignore_pauses": ignore_pauses, "log": log}
        given.update(key=key, keep=keep, states=states, fields=fields, days=days)
        if calendars is not None:
            from slaclock._contracts.percalendar import evaluate_by_calendar

            return evaluate_by_calendar(self, events, column=calendar, calendars=calendars, **given)
        return evaluate(self, events, calendar=calendar, **given)

    def report(self, results: Any, **options: Any) -> Any:
        """Compliance figures of this contract's :meth:`evaluate` result (:func:`slaclock.report`, ``contract=self``).

        With the contract, each clause's time to met is named in its own unit
        (``"working_hours"``, ``"workdays"``), which the result alone cannot tell
        from wall hours and days. ``options`` are :func:`slaclock.report`'s (``by``,
        ``period``, ``clauses``, ``on``, ``quantiles``).

        Examples
        --------
        >>> import numpy as np, slaclock as sc
        >>> c = sc.Contract("desk", [sc.Clause("solution", "5个工作日", starts_on="received", met_by="solved")],
        ...                 events=["received"])
        >>> r = c.evaluate({"received": np.array(["2026-09-30T10:00", "2026-10-09T09:00"], "datetime64[m]"),
        ...                 "solved": np.array(["2026-10-09T16:00", "NaT"], "datetime64[m]")}, now="2026-10-20T09:00")
        >>> rep = c.report(r)
        >>> rep["clause"].tolist(), rep["met"].tolist(), rep["breached"].tolist(), rep["unit"].tolist()
        (['solution'], [1], [1], ['workdays'])
        """
        from slaclock._contracts.report import report

        if "contract" in options:
            raise InvalidInputError("Contract.report passes itself as contract=; call sc.report(...) to pass another")
        return report(results, contract=self, **options)

    def verify(
        self,
        *,
        resolution: Any = "15分钟",
        first: Any = None,
        last: Any = None,
        event: str | None = None,
        gaps: Mapping[str, Sequence[Any]] | None = None,
        invariants: Mapping[str, Callable[[Timelines], Any]] | None = None,
        calendar: CalendarLike | None = None,
        case_checks: Mapping[str, Callable[[Case, dt.datetime], Sequence[Violation]]] | None = None,
        sample: int = 100,
    ) -> VerifyReport:
        """Check the worst-case timeline from every start instant of the calendar (docs/verification.md).

        Every ``resolution`` step of wall time from ``first`` 00:00 to ``last`` 24:00 starts one timeline, each event
        in it at the last moment its feeding clause allows (``due - 1 minute``), once per row of any target table;
        the invariants are checked on all of them in a few ``evaluate`` passes.

        Parameters
        ----------
        resolution : str, Period or timedelta
            The grid's step, minutes or hours ("15分钟", "1小时"); default 15 minutes.
        first, last : date or ISO text, optional
            The first and last start days; default the calendar's data (CN 2004-01-01 .. 2026-12-31).
        event : str, optional
            The start event; default the contract's first declared event.
        gaps : mapping of str to list of periods, optional
            ``{"acknowledged": ["0小时", "24小时"]}``: that event at these gaps after its feeding clause's start.
        invariants : mapping of str to function, optional
            Your own: ``{"name": fn}``, ``fn(timelines)`` returning a bool array, True where it holds.
        calendar : calendar, optional
            As :meth:`evaluate`'s ``calendar=``; default the contract's own.
        case_checks : mapping of str to function, optional
            ``(case, now) -> list of Violation``, on ``sample`` timelines replayed as cases; default
            :mod:`slaclock.testing`'s pause_not_earlier, replay_deterministic, evaluate_matches_case; ``{}``: none.
        sample : int
            How many timelines ``case_checks`` replay; default 100 (about 9 ms each on seed 001).

        Returns
        -------
        VerifyReport
            ``.ok``, ``.checked``, ``.not_checked``, ``.results`` (per invariant: checked, failed, first and smallest
            counterexample), ``report["chain_within"]``, ``.table(lang)``, ``.raise_if_failed()`` (slaclock.testing).

        Raises
        ------
        InvalidInputError
            A resolution or gap not in minutes or hours; ``first`` before the data or after ``last``; an unknown
            event; a user invariant that raises or returns anything but one bool per timeline (named).

        Examples
        --------
        >>> import slaclock as sc
        >>> c = sc.Contract("desk", [
        ...     sc.Clause("ack", "24小时", starts_on="received", met_by="acknowledged"),
        ...     sc.Clause("solution", "3个工作日", starts_on="acknowledged", met_by="proposed"),
        ...     sc.Clause("standard", "3个工作日", starts_on="received", met_by="proposed"),
        ... ], events=["received"])
        >>> report = c.verify(resolution="1小时", first="2026-09-28", last="2026-09-30")
        >>> report["chain_within"].failed, report.checked   # midnight receipts, and all of 09-30, still fit
        (46, 72)
        >>> print(report["chain_within"].smallest.violation.message("en"))
        chain_within: clause 'standard', start 2026-09-28 01:00: with each step taken at the last moment its own
        limit allows (ack 24 hours: acknowledged 2026-09-29 00:59; solution 3 workdays: proposed 2026-10-09 23:59),
        proposed happens at 2026-10-09 23:59, not before its due 2026-10-08 24:00
        """
        from slaclock._contracts.verify import verify

        given: dict[str, Any] = {"resolution": resolution, "first": first, "last": last, "event": event, "gaps": gaps}
        return verify(self, **given, invariants=invariants, calendar=calendar, case_checks=case_checks, sample=sample)

    def open(
        self,
        *,
        received_at: Any,
        event: str = "received",
        calendar: CalendarLike | None = None,
        attributes: Mapping[str, Any] | None = None,
    ) -> Case:
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
        attributes : mapping, optional
            The case's attributes that choose its clauses' target rows
            (``{"priority": "P1", "tier": "gold"}``; text or whole numbers). A
            missing one matches no condition: the default row.

        Raises
        ------
        InvalidInputError
            An unknown event or attribute, a clause's extension notice as ``event`` (:meth:`Case.extend`
            records it), or ``received_at`` not an instant.
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

        return open_case(self, received_at=received_at, event=event, calendar=calendar, attributes=attributes)

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
            raise ContractError(f"unknown Contract argument {brief(unknown[0])}; valid: {', '.join(args)}")
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
        _check_keys(data, "contract", required=("name", "clauses"), allowed=_CONTRACT_KEYS)
        schema = data.get("schema", SCHEMA)
        if type(schema) is not int or schema < 1:
            raise ContractError(f"schema must be a positive integer; got {brief(schema)}")
        if schema > SCHEMA:
            raise ContractError(
                f"this contract uses layout schema {schema}, newer than this slaclock reads ({SCHEMA}); "
                "upgrade slaclock"
            )
        raw = data["clauses"]
        if isinstance(raw, str | Mapping) or not isinstance(raw, list | tuple):
            raise ContractError(f"clauses must be an array of tables ([[clauses]]); got {brief(raw)}")
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
        return cls.from_dict(_read_toml(text))

    def to_json(self, *, indent: int | None = 2) -> str:
        """The contract as JSON (Chinese written as is, not escaped)."""
        return _json_text(self.to_dict(), indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Contract:
        """A contract from JSON text.

        Raises
        ------
        ContractError
            Text that is not a JSON object, or an invalid contract.
        """
        return cls.from_dict(_read_json(text))

    def to_yaml(self) -> str:
        """The contract as YAML (needs PyYAML: ``pip install "slaclock[yaml]"``)."""
        return _yaml_text(self.to_dict())

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
        return cls.from_dict(_read_yaml(text))

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
        text, fmt, path = _read_source(source, format)
        contract = (
            cls.from_json(text) if fmt == "json" else cls.from_yaml(text) if fmt == "yaml" else cls.from_toml(text)
        )
        spec = contract.calendar_spec
        if path is not None and any(isinstance(a, str) for a in spec.arrangements):
            contract = contract.replace(calendar=spec._in_folder(path.parent.absolute()))
            try:
                contract.calendar()
            except CalendarDataError as exc:
                raise CalendarDataError(f"contract file {path_text(path)}, [calendar] arrangements: {exc}") from None
        return contract

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the contract to ``path`` in the format its suffix names (UTF-8); returns the path."""
        target = Path(path)
        fmt = _target_format(target)
        text = self.to_json() if fmt == "json" else self.to_yaml() if fmt == "yaml" else self.to_toml()
        target.write_text(text, encoding="utf-8")
        return target


def _unpickle(data: dict[str, Any], folder: Path | None) -> Contract:
    if not isinstance(data, Mapping):
        raise ContractError(f"a pickled contract holds its table; got {type(data).__name__} {brief(data)}")
    if folder is not None and not isinstance(folder, Path):
        raise ContractError(f"a pickled contract's folder is a path; got {type(folder).__name__} {brief(folder)}")
    contract = Contract.from_dict(data)
    if folder is None:
        return contract
    return contract.replace(calendar=contract.calendar_spec._in_folder(folder))


_CONTRACT_KEYS: Final = ("schema", "name", "title_zh", "title_en", "events", "calendar", "convention", "clauses")
