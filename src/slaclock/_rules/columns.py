"""Deadlines for a whole column of starts: the rules of :func:`slaclock.deadline`, in numpy passes.

Every step of the scalar engine (``_deadline.py``) has a column twin here, and the
property tests hold them to the same answers, provisional flags and errors:

1. the start's civil date in the calendar's zone (and its time of day, if it has one);
2. the convention's receipt rules: a receipt at or after ``cutoff`` is deemed made on
   the next workday; else, with ``rest_day_receipt="next_workday"``, one on a rest day;
3. the period: ``n`` days or weeks on; ``n`` months or years with the month-end clamp
   (art. 202); or the ``n``-th workday, straight from the rank table;
4. art. 203 para 1: a last day that is a rest day moves to the next workday (with
   ``makeup_days_are_rest``, to the next workday that is not a makeup day);
5. art. 203 para 2: the due instant is the last day's 24:00, or its close of business.

Hours and minutes are elapsed time (art. 201 para 2); working hours and minutes go
through the calendar's working-hours table. A column reads the table only where the
scalar path would, so it raises :class:`~slaclock.CalendarHorizonError` for exactly the
starts the scalar path raises for, and marks the same results provisional.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Final, Generic, TypeVar, cast, final, overload

import numpy as np
import numpy.typing as npt

from slaclock._base import dataframes as _frames
from slaclock._base import warn as _provisional
from slaclock._base.blocks import BLOCK, for_each_block, rows_per_block, threads
from slaclock._base.frames import FrameKind
from slaclock._base.instants import (
    NAT_INT,
    as_array,
    as_column,
    is_missing,
)
from slaclock._base.show import brief
from slaclock._calendar import day_table
from slaclock._days.table import combined
from slaclock._periods.period import Period, Unit, parse_cached
from slaclock._rules import byrow, daytables, into
from slaclock._rules import direct as _direct
from slaclock._rules import display as _display
from slaclock._rules import rows as _rows
from slaclock._rules.engine import (
    ColumnRun,
    Source,
    Starts,
    blank,
    calendar_zones,
    check_years_of,
    outside_error,
    steps,
)
from slaclock._rules.met import met as _met
from slaclock._rules.perrow import UNITS, PerRow
from slaclock._rules.rowcalendars import RowCalendars, check_calendars, key_codes, warn_rows
from slaclock._rules.rows import Inputs
from slaclock.errors import CalendarHorizonError, InvalidInputError, SlaclockError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._periods.convention import Convention
    from slaclock._rules.deadline import Deadline

__all__ = ["Deadlines", "deadlines", "notice_deadlines"]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
_NAT_US: Final = np.datetime64("NaT", "us")
"""One missing start (or ``at``), as the NaT row it answers like."""

C = TypeVar("C")
"""The kind of the columns: numpy arrays, or the pandas/polars/pyarrow kind of the starts."""


@final
@dataclass(frozen=True, slots=True, eq=False)
class Deadlines(Generic[C]):
    """The deadlines of one period for a column of starts (from :func:`deadlines`).

    The columns are numpy arrays for numpy, list and object-array starts, and of the
    starts' own kind for a pandas ``Series``/``Index``, a polars ``Series`` or
    expression, or a pyarrow array (see ``docs/deadlines.md``, "Dataframes"); the
    dtypes below are the numpy ones.

    Attributes
    ----------
    due : numpy.ndarray of datetime64[us]
        The exclusive due instants: an action at ``x`` is in time iff ``x < due``.
        Wall times in the calendar's zone, or UTC if built with ``utc=True``. NaT for NaT starts.
    last_day : numpy.ndarray of datetime64[D]
        The period's last day (``due`` is its 24:00 or its close of business). Where every due is its last day's
        24:00 (a day period under the Civil Code's rules), a numpy result is given with the dues alone and makes
        this column from them on its first read, then keeps it: a call that never reads it writes half the bytes.
        So change ``due`` in place only after reading ``last_day``.
    provisional : numpy.ndarray of bool
        True where the answer read days past the official calendar data.
    period, calendar, convention
        What was counted (the distinct periods, for one period per row), on which
        calendar, by which rules. With one calendar per row, ``calendar`` is the first
        of ``calendars`` and ``row_calendars`` says which one each row was counted on.
    utc : bool
        Whether ``due`` holds UTC instead of wall times.
    row_calendars : RowCalendars or None
        For ``calendars=``: the keys, their calendars and each row's key (``codes``);
        None for one calendar.
    """

    due: C
    last_day: C
    provisional: C
    period: Period | tuple[Period, ...]
    calendar: WorkCalendar
    convention: Convention
    utc: bool = False
    row_calendars: RowCalendars | None = None
    inputs: Inputs | None = dataclasses.field(default=None, repr=False)
    """What the rows were counted from (the starts as given, the period or periods): ``d[i]`` recounts row i."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("due", "last_day", "provisional")
    """The attributes that are columns: the dataframe adapters give them the starts' kind."""

    def __repr__(self) -> str:
        return _display.deadlines_repr(self)

    def _repr_html_(self) -> str:
        return _display.deadlines_html(self)

    @overload
    def __getitem__(self, i: int) -> Deadline | None: ...
    @overload
    def __getitem__(self, i: slice) -> Deadlines[C]: ...
    def __getitem__(self, i: int | slice) -> Deadline | Deadlines[C] | None:
        """Row ``i`` as a :class:`Deadline`, explanation and all: what :func:`slaclock.deadline` gives for its start.

        Negative ``i`` counts from the end; a missing start or period gives None (as the scalar does); a
        provisional row warns as the scalar does. A slice gives a ``Deadlines`` of those rows, in the columns'
        kind (its ``period`` stays the whole column's). Only a one-dimensional ``Deadlines`` has rows.

        Raises
        ------
        RowIndexError
            ``i`` is out of range (an ``IndexError``).
        InvalidInputError
            ``i`` is not an integer or a slice; the columns are polars expressions or not one-dimensional.

        Examples
        --------
        >>> import slaclock as sc
        >>> d = sc.deadlines(["2026-09-30", "2026-10-09"], "5个工作日", calendar="CN")
        >>> d[-1].last_day, bool(d[-1].last_day == d.last_day[-1])
        (datetime.date(2026, 10, 15), True)
        >>> for step in d[0].steps("en"):
        ...     print(step)
        the start day 2026-09-30 is not counted (Civil Code art. 201)
        workday 5 is 2026-10-13 (counting 2026-10-08, 2026-10-09, 2026-10-10 (makeup workday), 2026-10-12, 2026-10-13)
        ends 2026-10-13 24:00
        """
        if isinstance(i, slice):
            return _rows.rows(self, i)
        return _rows.row(self, i)

    def to_frame(self, kind: FrameKind = "pandas") -> Any:
        """One row per start: ``start`` (as given), ``period`` and ``calendar`` (when per row), ``due``,
        ``last_day``, ``provisional``; a pandas ``DataFrame`` (``kind="polars"``: a polars one; ``"arrow"``:
        a pyarrow ``Table``).

        Raises
        ------
        InvalidInputError
            The library is not installed (the error names the extra: ``pip install "slaclock[pandas]"``), or the
            columns are polars expressions.

        Examples
        --------
        >>> import slaclock as sc
        >>> sc.deadlines(["2026-09-30", "2026-10-09"], "5个工作日", calendar="CN").to_frame()
                start        due   last_day  provisional
        0  2026-09-30 2026-10-14 2026-10-13        False
        1  2026-10-09 2026-10-16 2026-10-15        False
        """
        return _rows.to_frame(self, kind)

    def __len__(self) -> int:
        return len(cast(Any, self.provisional))

    @overload
    def is_met(self: Deadlines[npt.NDArray[Any]], at: npt.NDArray[Any] | Sequence[Any] | np.datetime64) -> Mask: ...
    @overload
    def is_met(self, at: Any) -> Any: ...
    def is_met(self, at: Any) -> Any:
        """Whether actions at ``at`` (one instant, or a column of them the shape of ``due``) are in time.

        ``at < due``, compared as instants: an aware ``at`` (a datetime with a zone,
        ISO text with an offset, an aware dataframe column) is the instant it names,
        whatever its zone; a naive one is read as ``due`` reads its starts, wall time in
        the calendar's zone (each row's own, with one calendar per row; UTC if built with
        ``utc=True``), also against an aware dataframe column; a date is its 00:00. NaT (a missing value) on either side
        gives False: one missing ``at`` (None, NaT, NA, NaN) gives False for every row. A wall-time due in an hour a
        DST fall-back repeats is recounted as its row (1-D numpy columns). Dataframe columns give a column of that kind.

        Raises
        ------
        InvalidInputError
            ``at`` is not an instant (or a column of them), or its shape does not broadcast
            with ``due``'s, or it lies outside the years 1..9999.
        """
        if is_missing(at):
            at = _NAT_US
        due_frame = None if _frames.foreign(self.due) or _frames.is_expr(self.due) else self.utc
        at_frame = None if _frames.foreign(at) or _frames.is_expr(at) else self.utc

        def met(due: Any, at: Any, utc: bool = self.utc) -> Mask:
            # ``utc``: apply()'s frame (True for an aware column, read as naive UTC); None above: take it
            return _met(
                self.calendar,
                due,
                at,
                due_utc=utc if due_frame is None else due_frame,
                naive_utc=utc if at_frame is None else at_frame,
                rows=self.row_calendars,
            )

        if due_frame is None or at_frame is None:
            return _frames.apply(met, (self.due, at), "tt", self.calendar, utc=self.utc)
        return _rows.exact_where_repeated(self, at, met(self.due, at))


_LAST_DAY: Final = Deadlines.__dict__["last_day"]
"""The slot that holds ``last_day``: its column, or a :class:`.daytables.FromDue` that makes it from ``due``."""


def _last_day(d: Deadlines[Any]) -> Any:
    """``d.last_day``, made from ``d.due`` on the first read where a day table left it to be (then kept)."""
    last = _LAST_DAY.__get__(d, Deadlines)
    if isinstance(last, daytables.FromDue):
        due = d.due
        last = last.of(due.view(np.int64).reshape(-1)).view("datetime64[D]").reshape(due.shape)
        _LAST_DAY.__set__(d, last)
    return last


# The property takes the field's place on the class and keeps its slot. Frozen as it is: the dataclass's __init__
# and __setstate__ set it through object.__setattr__ (this setter), and d.last_day = x still raises.
setattr(  # noqa: B010 (a field of a generic class, which mypy will not see replaced by an assignment)
    Deadlines, "last_day", property(_last_day, _LAST_DAY.__set__, doc="The period's last day (see the class).")
)


@overload
def deadlines(
    starts: npt.NDArray[Any] | Sequence[Any],
    period: str | Period | dt.timedelta | npt.NDArray[Any] | Sequence[Any],
    *,
    calendar: WorkCalendar | str | Any,
    calendars: Mapping[str, WorkCalendar | str] | None = None,
    convention: Convention | None = None,
    utc: bool = False,
    out: tuple[npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[Any]] | None = None,
) -> Deadlines[npt.NDArray[Any]]: ...
@overload
def deadlines(
    starts: Any,
    period: str | Period | dt.timedelta | npt.NDArray[Any] | Sequence[Any],
    *,
    calendar: WorkCalendar | str | Any,
    calendars: Mapping[str, WorkCalendar | str] | None = None,
    convention: Convention | None = None,
    utc: bool = False,
    out: tuple[npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[Any]] | None = None,
) -> Deadlines[Any]: ...


def deadlines(
    starts: Any,
    period: str | Period | dt.timedelta | npt.NDArray[Any] | Sequence[Any],
    *,
    calendar: WorkCalendar | str | Any,
    calendars: Mapping[str, WorkCalendar | str] | None = None,
    convention: Convention | None = None,
    utc: bool = False,
    out: tuple[npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[Any]] | None = None,
) -> Deadlines[Any]:
    """:func:`slaclock.deadline` for a whole column of starts, with the same rules and answers.

    Parameters
    ----------
    starts : array-like
        A numpy ``datetime64`` array (``[D]`` for dates; a time unit for instants, as
        wall times in the calendar's zone, or UTC with ``utc=True``), or a list or
        object array of dates, datetimes (aware ones are converted) and ISO text.
        NaT (or None) gives NaT. Or a pandas ``Series``/``DatetimeIndex``, a polars
        ``Series`` or expression, a pyarrow array: the columns come back in that kind,
        an aware column's ``due`` in its own zone.
    period : str, Period or timedelta, or a column of them
        One period for every row ("5个工作日", "7日", "1个月", "24小时", "8个工作小时"),
        or one per row (an array, list or column of text or ``Period`` objects, the
        shape of ``starts``; a missing one gives NaT). Rows are grouped by unit: each
        unit present costs one pass over the column.
    calendar : WorkCalendar or str, or a column of keys
        The calendar to count on; with ``calendars``, the key of each row's calendar
        (an array, list or column of text the shape of ``starts``, or one key).
    calendars : mapping of str to WorkCalendar or region name, optional
        One calendar per row: each row is counted on ``calendars[calendar[i]]``, and
        naive starts (and the ``due`` column, unless ``utc=True``) are wall times in
        that row's calendar's zone. Rows are grouped by key: each calendar present
        costs one pass over its rows. An unknown or missing key is an error.
        See ``docs/deadlines.md``, "One queue, several calendars".
    convention : Convention, optional
        Defaults to :meth:`Convention.civil_code`; every switch applies.
    utc : bool
        ``starts`` instants and the ``due`` column are UTC rather than wall time.
    out : tuple of three numpy arrays, optional
        ``(due, last_day, provisional)``: ``datetime64[us]``, ``datetime64[D]`` and ``bool`` arrays the
        shape of ``starts`` (numpy starts only), writeable and C-contiguous, overlapping neither each other
        nor the starts. The columns are written into them and the result holds them: a loop over chunks
        of a long table reuses the same memory instead of new arrays each time. After an error their
        contents are unspecified.

    Returns
    -------
    Deadlines
        ``due`` (datetime64[us]), ``last_day`` (datetime64[D]) and ``provisional`` columns.

    Raises
    ------
    CalendarHorizonError
        Some starts need days outside the calendar's data: how many, and the first index.
    InvalidInputError
        A date start for an hour period, a skipped wall time, or an unreadable value (with its index);
        with ``calendars``, a key that is not one of them or a missing key (how many rows, the first index).

    Examples
    --------
    >>> import numpy as np, slaclock as sc
    >>> starts = np.array(["2025-09-24", "2025-09-26", "NaT"], dtype="datetime64[D]")
    >>> d = sc.deadlines(starts, "7日", calendar="CN")
    >>> d.last_day                          # 2025-10-01 is National Day: rolled to 10-09 (art. 203)
    array(['2025-10-09', '2025-10-09',        'NaT'], dtype='datetime64[D]')
    >>> d.due[0]
    np.datetime64('2025-10-10T00:00:00.000000')
    >>> sc.deadlines(starts[:2], "5个工作日", calendar="CN").last_day
    array(['2025-09-30', '2025-10-10'], dtype='datetime64[D]')
    >>> sc.deadlines(starts, ["1个工作日", "2个月", "7日"], calendar="CN").last_day   # one period per row
    array(['2025-09-25', '2025-11-26',        'NaT'], dtype='datetime64[D]')
    >>> into = np.empty(3, "datetime64[us]"), np.empty(3, "datetime64[D]"), np.empty(3, bool)
    >>> sc.deadlines(starts, "7日", calendar="CN", out=into).last_day is into[1]   # written into your arrays
    True
    >>> days = np.array(["2025-09-30", "2025-09-30"], dtype="datetime64[D]")   # one calendar per row
    >>> sc.deadlines(days, "1个工作日", calendar=["CN", "HK"], calendars={"CN": "CN", "HK": "HK"}).last_day
    array(['2025-10-09', '2025-10-02'], dtype='datetime64[D]')
    """
    from slaclock._rules.deadline import _CIVIL, _calendar_arg, _convention_arg

    if out is not None and any(_frames.foreign(x) for x in (starts, period, calendar)):
        raise InvalidInputError(
            "out= takes numpy starts; a pandas, polars or pyarrow column gets its deadlines in its own kind"
        )
    if is_missing(starts):
        starts = _NAT_US  # one missing start: one NaT row, whatever its spelling
    arrays = None if out is None else into.check_out(out, as_array(starts, "starts"))
    if calendars is not None:
        conv = _CIVIL if convention is None else _convention_arg(convention)
        by_row = _by_row(starts, period, calendar, check_calendars(calendars, _calendar_arg), conv, utc)
        d = _kept(by_row, _inputs(starts, period))
    else:
        cal = _calendar_arg(calendar)
        conv = _CIVIL if convention is None else _convention_arg(convention)
        d = _deadlines(starts, period, cal, conv, utc, warn=True, keep=_inputs(starts, period), into=arrays, lazy=True)
    return d if out is None else into.held(out, d)


def _inputs(starts: Any, period: Any, *, notice: bool = False) -> Inputs:
    """What a result is counted from, kept for ``d[i]`` and ``to_frame`` (references, never copies)."""
    return Inputs(starts, period, not isinstance(period, (str, Period, dt.timedelta)), notice)


def _kept(d: Deadlines[Any], keep: Inputs | None) -> Deadlines[Any]:
    """``d`` holding ``keep`` (a dataframe result, rebuilt by the adapters anyway; numpy ones are built with it)."""
    return d if keep is None else dataclasses.replace(d, inputs=keep)


def _by_row(
    starts: Any,
    period: Any,
    keys: Any,
    table: tuple[tuple[str, ...], tuple[WorkCalendar, ...]],
    conv: Convention,
    utc: bool,
) -> Deadlines[Any]:
    """:func:`deadlines` with one calendar per row: ``keys`` (a column) names each row's calendar in ``table``."""
    from slaclock._calendar import WorkCalendar
    from slaclock._rules.deadline import _period_arg

    if isinstance(keys, WorkCalendar):
        raise InvalidInputError(
            "with calendars=, calendar= names each row's calendar: give the column of keys (e.g. df['region']), "
            f"one of {brief(list(table[0]))} per start; got a WorkCalendar"
        )
    one = isinstance(period, (str, Period, dt.timedelta))
    p: Any = (parse_cached(period) if type(period) is str else _period_arg(period)) if one else period
    if not (_frames.foreign(starts) or _frames.foreign(period) or _frames.foreign(keys)):
        return _rows_numpy(starts, p, keys, table, conv, utc)

    def run(*cols: Any, utc: bool = utc) -> Deadlines[Any]:
        return _rows_numpy(cols[0], p if one else cols[2], cols[1], table, conv, utc)

    args = (starts, keys) if one else (starts, keys, period)
    return _framed(run, args, "tk" if one else "tkf", table[1][0], conv, p, utc)


def _rows_numpy(
    starts: Any,
    period: Any,
    keys: Any,
    table: tuple[tuple[str, ...], tuple[WorkCalendar, ...]],
    conv: Convention,
    utc: bool,
) -> Deadlines[npt.NDArray[Any]]:
    """:func:`_by_row` on numpy columns: a day period gathered from every calendar's day table at once; else each
    calendar's rows gathered, counted by :func:`_deadlines`, scattered."""
    src = Source(table[1][0], starts, utc)
    rows = RowCalendars(table[0], table[1], key_codes(keys, src.shape, table[0]))
    one = isinstance(period, Period)
    per = None if one else period if isinstance(period, _frames.Factorized) else as_column(period, "period")
    if per is not None and per.shape != src.shape:
        PerRow.of(per, src.shape)  # raises: one period per start
    tabled = None
    if TABLES and src.flat.dtype.kind == "M":  # every row's (calendar, period) answered in one pass of each kind
        if one:
            tabled = byrow.answer([(c, period) for c in rows.calendars], rows.codes, conv, src.flat, utc)
            found = {period}
        else:
            assert per is not None
            each = PerRow.of(per, src.shape)
            n = len(each.distinct)
            pairs = [(c, q) for c in rows.calendars for q in each.distinct]  # row i: pairs[calendar * n + period]
            codes = np.where(each.index < 0, -1, rows.codes * np.int64(n) + each.index)
            tabled = byrow.answer(pairs, codes, conv, src.flat, utc)
            found = set(each.distinct)
    if tabled is not None:
        due, last, provisional = tabled
    else:
        flat = None if per is None else per.objects() if isinstance(per, _frames.Factorized) else per.reshape(-1)
        due, last, provisional, found = _each_calendar(src, period if flat is None else flat, rows, conv, utc)
    warn_rows(provisional, rows, "deadlines", "Those results are provisional")
    p = period if isinstance(period, Period) else tuple(sorted(found, key=str))
    shape = src.shape
    return Deadlines(
        due.view("datetime64[us]").reshape(shape),
        last.view("datetime64[D]").reshape(shape),
        provisional.reshape(shape),
        p,
        rows.calendars[0],
        conv,
        utc,
        rows,
    )


def _each_calendar(
    src: Source, period: Period | npt.NDArray[Any], rows: RowCalendars, conv: Convention, utc: bool
) -> tuple[I64, I64, Mask, set[Period]]:
    """Each calendar's rows of ``src`` (and of ``period``, flat, if one per row) counted on it and put back in
    order: the due instants, last days and provisional flags, and the periods counted."""
    # every row has a calendar (key_codes refuses the others), so every row is written below
    due = np.empty(src.size, dtype=np.int64)
    last = np.empty(src.size, dtype=np.int64)
    provisional = np.empty(src.size, dtype=bool)
    found: set[Period] = set()
    for j, mine in rows.groups():
        cal = rows.calendars[j]
        try:
            d = _deadlines(
                src.flat[mine], period if isinstance(period, Period) else period[mine], cal, conv, utc, warn=False
            )
        except (CalendarHorizonError, InvalidInputError) as exc:
            raise (_whole_error(src, period, rows, conv, utc) or exc) from None
        due[mine] = d.due.view(np.int64).reshape(-1)
        last[mine] = d.last_day.view(np.int64).reshape(-1)
        provisional[mine] = np.asarray(d.provisional).reshape(-1)
        found.update([d.period] if isinstance(d.period, Period) else d.period)
    return due, last, provisional, found


def _whole_error(
    src: Source, period: Period | npt.NDArray[Any], rows: RowCalendars, conv: Convention, utc: bool
) -> SlaclockError | None:
    """The error of a column with a calendar per row, as a one-calendar run words it: each calendar's count on the
    whole column, the other calendars' rows left out (so it names the row's index in the whole column), the
    counts of every calendar made one (:func:`~slaclock._days.table.combined`), else the first calendar's error."""
    errors: list[SlaclockError] = []
    keys: list[str] = []
    for j, _ in rows.groups():
        others = rows.codes != j
        try:
            each = period if isinstance(period, Period) else blank(period, others).reshape(src.shape)
            _deadlines(blank(src.flat, others).reshape(src.shape), each, rows.calendars[j], conv, utc, warn=False)
        except (CalendarHorizonError, InvalidInputError) as exc:
            errors.append(exc)
            keys.append(rows.keys[j])
    if not errors:  # never so: a calendar's rows raised alone; then their own error stands
        return None
    both = combined(errors, src.shape)
    error, j = both if both is not None else (errors[0], 0)
    return type(error)(f"calendar {brief(keys[j])}: {error}")


def _deadlines(
    starts: Any,
    period: Any,
    cal: WorkCalendar,
    conv: Convention,
    utc: bool,
    *,
    warn: bool,
    keep: Inputs | None = None,
    into: tuple[I64, I64, Mask] | None = None,
    lazy: bool = False,
) -> Deadlines[Any]:
    """:func:`deadlines` on checked arguments; ``warn=False`` leaves the ProvisionalWarning to the caller.

    For callers that report once for several columns (``provisional`` is set as usual). ``keep``: the inputs the
    result holds (:func:`deadlines` passes them; internal callers need no rows back). ``into``: flat arrays a day
    period's table gathers into (:func:`into.held` copies whatever was not). ``lazy``: a day table may leave the
    last days to be made from the dues when read (:func:`.daytables.tabled_dues`; numpy results the caller gives
    back as they are, where the adapters would read them at once).
    """
    from slaclock._rules.deadline import _period_arg

    one = isinstance(period, (str, Period, dt.timedelta))
    p: Period | tuple[Period, ...] = (
        (parse_cached(period) if type(period) is str else _period_arg(period)) if one else ()
    )
    if _frames.foreign(starts) or _frames.foreign(period):
        return _kept(_foreign(deadlines, starts, p if one else period, cal, conv, utc, warn), keep)
    src = Source(cal, starts, utc)
    if isinstance(p, Period):
        # a day period: gathered from the calendar's day table when it answers every start
        tabled: tuple[I64, I64 | daytables.FromDue, Mask] | None = None
        if TABLES and lazy and into is None:
            tabled = daytables.tabled_dues(cal, conv, p, src.flat, utc)
        elif TABLES:
            tabled = daytables.tabled(cal, conv, p, src.flat, utc, into)
        due, last, provisional = tabled or _in_chunks(cal, conv, src, p.unit, p.amount, p)
    else:
        rows = PerRow.of(period, src.shape)
        p = rows.periods
        tabled = (
            byrow.answer([(cal, q) for q in rows.distinct], rows.index, conv, src.flat, utc) if TABLES else None
        )  # each period's answers in one pass of each kind: day periods side by side in one table, one gather
        due, last, provisional = tabled or _by_unit(cal, conv, src, rows, utc)
    return _finish(cal, conv, src.shape, p, due, last, provisional, utc, warn, keep)


def _by_unit(cal: WorkCalendar, conv: Convention, src: Source, rows: PerRow, utc: bool) -> tuple[I64, I64, Mask]:
    """A period per row the full way: each unit's rows counted on their own, put back in order (NaT for a missing
    period)."""
    due = np.full(src.size, NAT_INT, dtype=np.int64)
    last = due.copy()
    provisional = np.zeros(src.size, dtype=bool)
    units, amounts = rows.unit, rows.amount
    for unit in rows.units():
        # each unit counts only its own rows, gathered; an error is raised from the whole column with
        # the other rows left out, so that it names the row's index in the whole column
        mine = np.flatnonzero(units == UNITS.index(unit))
        try:
            sub = Source(cal, src.flat[mine], utc)
            d, lst, prov = _in_chunks(cal, conv, sub, unit, amounts[mine], rows.example(unit))
        except (CalendarHorizonError, InvalidInputError):
            errors: list[SlaclockError] = []
            for other in rows.units():  # every unit's rows, the others left out: one error counting them all
                skip = units != UNITS.index(other)
                try:
                    _in_chunks(cal, conv, src, other, np.where(skip, 1, amounts), rows.example(other), skip=skip)
                except (CalendarHorizonError, InvalidInputError) as exc:
                    errors.append(exc)
            both = combined(errors, src.shape)
            if both is not None:
                raise both[0] from None
            if errors:
                raise errors[0] from None
            raise
        due[mine], last[mine], provisional[mine] = d, lst, prov
    return due, last, provisional


def _foreign(
    fn: Callable[..., Deadlines[Any]],
    starts: Any,
    period: Any,
    cal: WorkCalendar,
    conv: Convention,
    utc: bool,
    warn: bool = True,
) -> Deadlines[Any]:
    """``fn`` (deadlines, notice_deadlines) of a dataframe column, in its kind; for a polars expression, three
    expressions."""

    def run(*cols: Any, utc: bool = utc) -> Deadlines[Any]:
        per = cols[1] if len(cols) > 1 else period
        if fn is deadlines:  # the last days written: the adapters read them at once
            return _deadlines(cols[0], per, cal, conv, utc, warn=warn)
        return fn(cols[0], per, calendar=cal, convention=conv, utc=utc)

    args, roles = ((starts,), "t") if isinstance(period, Period) else ((starts, period), "tf")
    return _framed(run, args, roles, cal, conv, period, utc)


def _framed(
    run: Callable[..., Deadlines[Any]],
    args: tuple[Any, ...],
    roles: str,
    cal: WorkCalendar,
    conv: Convention,
    period: Any,
    utc: bool,
) -> Deadlines[Any]:
    """``run`` on dataframe columns (``_frames.apply``), the result in their kind; for a polars expression, three
    expressions (due, last_day, provisional)."""
    if not any(_frames.is_expr(a) for a in args):
        # an aware column is counted as UTC instants; ``utc`` stays the caller's: how a naive ``at`` is read
        return dataclasses.replace(cast("Deadlines[Any]", _frames.apply(run, args, roles, cal, utc=utc)), utc=utc)

    def field(name: str) -> Any:
        return _frames.apply(lambda *cols, utc=utc: getattr(run(*cols, utc=utc), name), args, roles, cal, utc=utc)

    return Deadlines(field("due"), field("last_day"), field("provisional"), period, cal, conv, utc)


def notice_deadlines(
    ends: Any,
    period: str | Period,
    *,
    calendar: WorkCalendar | str,
    convention: Convention | None = None,
    utc: bool = False,
) -> Deadlines[Any]:
    """:func:`slaclock.notice_deadline` for a whole column of end dates, with the same rules and answers.

    Parameters
    ----------
    ends : array-like
        The dates the notice periods end on, in any form :func:`deadlines` takes
        (an instant counts by its civil date). NaT gives NaT.
    period : str or Period
        Days, weeks, months, years or workdays ("提前三十日", "30 days", "5个工作日").
    calendar : WorkCalendar or str
    convention : Convention, optional
        ``roll_backward`` moves a rest day back; ``close_of_business`` sets ``due``.
    utc : bool
        The ``due`` column holds UTC rather than wall times.

    Returns
    -------
    Deadlines
        ``last_day`` is the latest notice day, ``due`` its end.

    Raises
    ------
    InvalidInputError
        An hour or minute period (backward limits count whole days).
    CalendarHorizonError
        A day the count needs is outside the calendar's data (how many rows, the first index).

    Examples
    --------
    >>> import numpy as np, slaclock as sc
    >>> ends = np.array(["2025-10-31", "2026-02-28", "NaT"], dtype="datetime64[D]")
    >>> sc.notice_deadlines(ends, "提前30日", calendar="CN").last_day
    array(['2025-10-01', '2026-01-29',        'NaT'], dtype='datetime64[D]')
    >>> sc.notice_deadlines(ends, "30日", calendar="CN", convention=sc.Convention.notice_on_workday()).last_day
    array(['2025-09-30', '2026-01-29',        'NaT'], dtype='datetime64[D]')
    """
    from slaclock._rules.deadline import _CIVIL, _calendar_arg, _convention_arg, _period_arg

    cal = _calendar_arg(calendar)
    conv = _CIVIL if convention is None else _convention_arg(convention)
    if is_missing(ends):
        ends = _NAT_US
    p = parse_cached(period) if type(period) is str else _period_arg(period)
    if not p.unit.is_day_based:
        raise InvalidInputError(
            f"notice_deadlines counts whole days; got {p}. For notice in hours, subtract the period from the instant"
        )
    if _frames.foreign(ends):
        return _kept(_foreign(notice_deadlines, ends, p, cal, conv, utc), _inputs(ends, p, notice=True))
    src = Source(cal, ends, utc, "ends")
    due, last, provisional = _in_chunks(cal, conv, src, p.unit, p.amount, p, notice=True)
    return _finish(cal, conv, src.shape, p, due, last, provisional, utc, keep=_inputs(ends, p, notice=True))


def _finish(
    cal: WorkCalendar,
    conv: Convention,
    shape: tuple[int, ...],
    p: Period | tuple[Period, ...],
    due: I64,
    last: I64 | daytables.FromDue,
    provisional: Mask,
    utc: bool,
    warn: bool = True,
    keep: Inputs | None = None,
) -> Deadlines[npt.NDArray[Any]]:
    """Warn (once, if ``warn``) for provisional rows and shape the columns (holding ``keep``)."""

    if provisional.any():
        if warn:
            _provisional.warn_past(
                f"{int(provisional.sum()):,} of {provisional.size:,} deadlines (the first at index "
                f"{int(np.argmax(provisional))}) rest on",
                cal.region,
                cal.official_until,
                "Those results are provisional",
            )
        else:
            _provisional.note()  # the caller reports; an enclosing reading() block still learns of the read
    return Deadlines(
        due.view("datetime64[us]").reshape(shape),
        cast(Any, last) if isinstance(last, daytables.FromDue) else last.view("datetime64[D]").reshape(shape),
        provisional.reshape(shape),
        p,
        cal,
        conv,
        utc,
        None,
        keep,
    )


TABLES = True
"""Whether day periods are gathered from day tables (:mod:`slaclock._rules.daytables`), and a column with a period
or a calendar per row is answered in one pass of each kind of period (:mod:`slaclock._rules.byrow`); tests turn it
off to compare with the full way."""

_CHUNK: Final = BLOCK
"""Rows per block (see ``_blocks``); a module attribute, so tests can make blocks small."""


def _in_chunks(
    cal: WorkCalendar,
    conv: Convention,
    src: Source,
    unit: Unit,
    n: int | I64,
    p: Period,
    *,
    notice: bool = False,
    skip: Mask | None = None,
) -> tuple[I64, I64, Mask]:
    """:func:`_count` over blocks of ``_CHUNK`` rows, from reading the starts to the due wall times.

    Rows in ``skip`` are left out (NaT). Blocks run on a few threads (``_blocks``), except for
    working time the full way, whose addition (``_hourcols.add_many``) may run blocks on the same threads
    and must not wait on them from inside one. One period of clock or working time on instants takes a
    direct way where it can (:mod:`.direct`), a block at a time, on the threads too. A block that raises is not
    reported from the block: the whole column is run again, so the error counts the rows and
    names the first index of the whole column, exactly as an unchunked run does (errors are
    the rare path).
    """
    size = src.size
    by = _direct.way(cal, conv, src.flat, unit, n, p, src.utc) if not notice and skip is None and size else None
    if size <= 2 * _CHUNK:
        if by is not None:  # one block: the direct way, else the full way (which says why, if it fails)
            due, last = np.empty(size, dtype=np.int64), np.empty(size, dtype=np.int64)
            try:
                if by(src.flat, due, last):
                    return due, last, np.zeros(size, dtype=bool)
            except (CalendarHorizonError, InvalidInputError):
                pass
        return _count(cal, conv, src.whole(skip), unit, n, p, notice=notice, utc=src.utc)
    due, last = np.empty(size, dtype=np.int64), np.empty(size, dtype=np.int64)
    provisional = np.empty(size, dtype=bool)

    def block(lo: int, hi: int) -> None:
        if by is not None:
            if not by(src.flat[lo:hi], due[lo:hi], last[lo:hi]):
                raise _direct.FullWayError
            provisional[lo:hi] = False
            return
        amount = n if isinstance(n, int) else n[lo:hi]
        part = src.rows(lo, hi, skip)
        due[lo:hi], last[lo:hi], provisional[lo:hi] = _count(
            cal, conv, part, unit, amount, p, notice=notice, utc=src.utc
        )

    # working time the full way (add_many) may run blocks on the pool itself: not from inside a block (the direct
    # way calls the kernels, not add_many, so it may)
    parallel = (not unit.is_work_time or by is not None) and src.flat.dtype.kind == "M"
    if parallel:
        threads()  # a bad SLACLOCK_THREADS raises here, not inside the try below, which would run the column whole
    try:
        for_each_block(block, size, rows_per_block(size, _CHUNK) if parallel else _CHUNK, parallel=parallel)
    except (CalendarHorizonError, InvalidInputError, _direct.FullWayError):
        return _count(cal, conv, src.whole(skip), unit, n, p, notice=notice, utc=src.utc)
    return due, last, provisional


def _count(
    cal: WorkCalendar,
    conv: Convention,
    col: Starts,
    unit: Unit,
    n: int | I64,
    p: Period,
    *,
    notice: bool = False,
    utc: bool = False,
) -> tuple[I64, I64, Mask]:
    """Due instants (UTC, or wall times unless ``utc``), last days and provisional flags for ``col``'s live rows.

    Rows outside the calendar's days raise the :class:`CalendarHorizonError` of :func:`outside_error`.
    """
    run = ColumnRun(cal, conv, col)
    try:
        due, last = steps(run, unit, n, p, notice)
    except CalendarHorizonError as exc:
        raise outside_error(cal, conv, col, unit, n, p, notice, exc) from None
    provisional = run.hi > day_table(cal).ix.official_last if run.track else np.zeros(col.day.size, dtype=bool)
    instants = due
    if not utc:
        due = calendar_zones(cal, due if col.nat is None else due[~col.nat]).to_wall(due)
    check_years_of(col, lambda: calendar_zones(cal, instants).to_wall(instants) if utc else due, last, p, notice)
    if col.nat is not None:
        due[col.nat] = NAT_INT
        last[col.nat] = NAT_INT
        provisional &= ~col.nat
    return due, last, provisional
