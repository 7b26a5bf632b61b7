"""numpy's ``busday_offset``, ``busday_count`` and ``is_busday``, answered on a slaclock calendar.

Code written for ``numpy.busday_*`` changes one import and one keyword: ``calendar=`` (a
:class:`~slaclock.WorkCalendar` or a region name such as ``"CN"``) takes the place of ``weekmask=``,
``holidays=`` and ``busdaycal=``. Everything else is numpy's: the signatures, the eight ``roll`` modes, the
"roll first, then count" offset, the half-open count that turns around when the end is earlier,
broadcasting, ``out=``, scalars in and numpy scalars out, NaT as numpy treats it. What changes is the
answer on the days numpy cannot express: a makeup workday (调休上班, a worked Saturday or Sunday) is a
business day here. :func:`busdaycalendar` exports a calendar as numpy's own ``busdaycalendar`` object for
code that needs one; it cannot hold a makeup day, so it refuses a span with one unless asked to drop them.

Maintainer's notes
------------------
*Exceptions.* Drop-in code catches what numpy raises, so every error here is a ``ValueError`` or a
``TypeError``, as numpy's are, and a :class:`~slaclock.SlaclockError` too: a rest day under
``roll="raise"`` is :class:`~slaclock.NonWorkdayError` (a ``ValueError``, numpy's "Non-business day date");
NaT under ``roll="raise"``, NaT in a count, a bad roll name, shapes that do not broadcast, a date finer
than a day and an ``out`` of the wrong kind are :class:`~slaclock.InvalidInputError` (both a ``ValueError``
and a ``TypeError``). One error numpy never raises: a date outside the calendar's data is
:class:`~slaclock.CalendarHorizonError` (a ``LookupError``), because numpy's calendar has no end and
slaclock's does; it does not guess.

*Deliberate differences.* numpy truncates a fractional offset (1.5 is 1) and parses text offsets ("3");
here an offset must be an integer (integral floats and bools are read as numpy reads them), anything else
is refused. numpy's ``weekmask``/``holidays``/``busdaycal`` keywords do not exist: a call that passes one
fails loudly rather than silently computing on another calendar.

*Implementation.* Each function turns its inputs into ``datetime64[D]`` exactly as numpy would (a finer
unit is refused, as numpy refuses it), broadcasts them, and hands one flat column to the calendar's
vectorised methods (:meth:`~slaclock.WorkCalendar.roll`, :meth:`~slaclock.WorkCalendar.add_workdays`,
:meth:`~slaclock.WorkCalendar.workdays_between`, :meth:`~slaclock.WorkCalendar.is_workday`): no loop per
element. numpy's offset rolls first and then counts from the rolled day, which is a workday, where
``add_workdays`` is numpy's offset exactly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, Literal, TypeAlias, cast, get_args

import numpy as np
import numpy.typing as npt

from slaclock._base.show import brief
from slaclock._base.types import ROLL_ALIASES, RollMode
from slaclock._calendar import WorkCalendar, calendar
from slaclock.errors import CalendarDataError, InvalidInputError

__all__ = ["busday_count", "busday_offset", "busdaycalendar", "is_busday"]

Roll: TypeAlias = Literal[
    "raise",
    "nat",
    "forward",
    "following",
    "backward",
    "preceding",
    "modifiedfollowing",
    "modifiedpreceding",
]
"""numpy's roll modes (``following`` is ``forward``, ``preceding`` is ``backward``)."""

CalendarLike: TypeAlias = "WorkCalendar | str"
"""A :class:`~slaclock.WorkCalendar`, or a built-in region's name for :func:`slaclock.calendar`."""

_ROLLS: Final = get_args(Roll)
_DAY: Final = np.dtype("datetime64[D]")
_EPOCH_ORDINAL: Final = dt.date(1970, 1, 1).toordinal()


def busday_offset(
    dates: Any,
    offsets: Any,
    roll: Roll = "raise",
    *,
    calendar: CalendarLike,
    out: npt.NDArray[Any] | None = None,
) -> Any:
    """First roll each date to a workday by ``roll``, then move ``offsets`` workdays: ``numpy.busday_offset``.

    Parameters
    ----------
    dates : array_like of datetime64[D]
        Dates, or anything numpy reads as such: ``date`` objects, ISO text (``"2026-10"`` is
        2026-10-01), ``datetime64`` of day unit or coarser. A finer unit is refused, as numpy refuses it.
    offsets : array_like of int
        Workdays to move (negative: earlier), broadcast against ``dates``.
    roll : {"raise", "nat", "forward", "following", "backward", "preceding", "modifiedfollowing", \
"modifiedpreceding"}
        What to do with a date that is not a workday, before counting: ``"raise"`` (default) refuses it,
        ``"nat"`` answers NaT, ``"forward"``/``"following"`` take the next workday,
        ``"backward"``/``"preceding"`` the previous one, ``"modifiedfollowing"`` the next unless it is in
        another month (then the previous), ``"modifiedpreceding"`` the reverse.
    calendar : WorkCalendar or str
        The calendar (keyword only; it replaces numpy's ``weekmask``, ``holidays`` and ``busdaycal``).
        Makeup workdays (调休上班) are workdays.
    out : ndarray, optional
        Receives the result (any dtype a ``datetime64[D]`` casts to safely, of the broadcast shape or one
        the inputs broadcast to), and is returned.

    Returns
    -------
    numpy.datetime64 or ndarray of datetime64[D]
        A scalar for scalar inputs, else an array of the broadcast shape; NaT where a date is NaT (or,
        with ``roll="nat"``, a rest day).

    Raises
    ------
    NonWorkdayError
        A ``ValueError``: with ``roll="raise"``, a date that is not a workday.
    InvalidInputError
        A ``ValueError`` and ``TypeError``: NaT with ``roll="raise"``, an unknown roll, unreadable or
        sub-day dates, non-integer offsets, shapes that do not broadcast, a wrong ``out``.
    CalendarHorizonError
        A date, or a day the count needs, outside the calendar's data.

    See Also
    --------
    busday_count, is_busday, slaclock.WorkCalendar.add_workdays

    Examples
    --------
    >>> from slaclock.compat.numpy import busday_offset
    >>> busday_offset("2026-02-13", 1, calendar="CN")         # the next workday is Saturday 02-14 (调休上班)
    np.datetime64('2026-02-14')
    >>> busday_offset("2026-10-01", [0, 1], roll="forward", calendar="CN")
    array(['2026-10-08', '2026-10-09'], dtype='datetime64[D]')
    >>> busday_offset("2026-10", 0, roll="modifiedpreceding", calendar="CN")   # nothing earlier in October
    np.datetime64('2026-10-08')
    """
    cal = _calendar_of(calendar)
    mode = _roll_of(roll)
    days, steps = _broadcast(
        _dates(dates, "dates"), _offsets(offsets), out=out, op="busday_offset", gives="datetime64[D]"
    )
    flat = days.reshape(-1)
    if mode == "raise" and np.isnat(flat).any():
        first = int(np.flatnonzero(np.isnat(flat))[0])
        raise InvalidInputError(
            f"busday_offset: NaT input (first at index {first}) with roll='raise'; numpy refuses it too: "
            "choose another roll (NaT stays NaT) or drop those rows"
        )
    rolled = cal.roll(flat, mode)
    moved = np.asarray(cal.add_workdays(rolled, steps.reshape(-1)))
    return _answer(moved.reshape(days.shape), out)


def busday_count(
    begindates: Any,
    enddates: Any,
    *,
    calendar: CalendarLike,
    out: npt.NDArray[Any] | None = None,
) -> Any:
    """Count the workdays from each begin date up to its end date, the end not included: ``numpy.busday_count``.

    As numpy: the range is ``[begin, end)``; when ``end < begin`` the count is of ``[end + 1, begin + 1)``
    (the later day counted, the earlier one not), negated. So ``busday_count(a, b)`` and
    ``busday_count(b, a)`` differ by more than their sign when ``a`` or ``b`` is a rest day (numpy issue
    #23197); :meth:`slaclock.WorkCalendar.workdays_between` is the antisymmetric count.

    Parameters
    ----------
    begindates, enddates : array_like of datetime64[D]
        Read as by :func:`busday_offset`, broadcast together. NaT is refused, as numpy refuses it.
    calendar : WorkCalendar or str
        The calendar (keyword only). Makeup workdays (调休上班) are counted.
    out : ndarray, optional
        Receives the result (a dtype ``int64`` casts to safely), and is returned.

    Returns
    -------
    numpy.int64 or ndarray of int64
        A scalar for scalar inputs, else an array of the broadcast shape.

    Raises
    ------
    InvalidInputError
        A ``ValueError`` and ``TypeError``: NaT, unreadable or sub-day dates, shapes that do not
        broadcast, a wrong ``out``.
    CalendarHorizonError
        A day the count needs outside the calendar's data.

    See Also
    --------
    busday_offset, is_busday, slaclock.WorkCalendar.workdays_between

    Examples
    --------
    >>> from slaclock.compat.numpy import busday_count
    >>> busday_count("2026-02-01", "2026-03-01", calendar="CN")    # February 2026: 14 weekdays + 2 Saturdays
    np.int64(16)
    >>> busday_count("2026-10-12", ["2026-10-01", "2026-10-11"], calendar="CN")   # 10-12 counted, 10-01 not
    array([-4, -1])
    """
    cal = _calendar_of(calendar)
    a, b = _broadcast(
        _dates(begindates, "begindates"), _dates(enddates, "enddates"), out=out, op="busday_count", gives="int64"
    )
    flat_a, flat_b = a.reshape(-1), b.reshape(-1)
    missing = np.isnat(flat_a) | np.isnat(flat_b)
    if missing.any():
        first = int(np.flatnonzero(missing)[0])
        raise InvalidInputError(
            f"busday_count: NaT date (first at index {first}); a count has no missing value (numpy refuses it "
            "too): drop those rows first"
        )
    back = flat_b < flat_a
    one = np.timedelta64(1, "D")
    lo = np.where(back, flat_b + one, flat_a)
    hi = np.where(back, flat_a + one, flat_b)
    counts = np.asarray(cal.workdays_between(lo, hi), dtype=np.int64)
    np.negative(counts, out=counts, where=back)
    return _answer(counts.reshape(a.shape), out)


def is_busday(
    dates: Any,
    *,
    calendar: CalendarLike,
    out: npt.NDArray[Any] | None = None,
) -> Any:
    """Whether each date is a workday: ``numpy.is_busday``; False for NaT.

    Parameters
    ----------
    dates : array_like of datetime64[D]
        Read as by :func:`busday_offset`.
    calendar : WorkCalendar or str
        The calendar (keyword only). A makeup workday (调休上班) is a workday.
    out : ndarray, optional
        Receives the result (a dtype ``bool`` casts to safely), and is returned.

    Returns
    -------
    numpy.bool or ndarray of bool
        A scalar for a scalar input, else an array of its shape.

    Raises
    ------
    InvalidInputError
        Unreadable or sub-day dates, a wrong ``out``.
    CalendarHorizonError
        A date outside the calendar's data.

    See Also
    --------
    busday_offset, busday_count, slaclock.WorkCalendar.is_workday

    Examples
    --------
    >>> from slaclock.compat.numpy import is_busday
    >>> is_busday(["2026-02-13", "2026-02-14", "2026-02-16", "NaT"], calendar="CN")
    array([ True,  True, False, False])
    """
    cal = _calendar_of(calendar)
    (days,) = _broadcast(_dates(dates, "dates"), out=out, op="is_busday", gives="bool")
    flags = np.asarray(cal.is_workday(days.reshape(-1)), dtype=np.bool_)
    return _answer(flags.reshape(days.shape), out)


def busdaycalendar(
    calendar: CalendarLike,
    *,
    first: Any = None,
    last: Any = None,
    makeup: Literal["raise", "drop"] = "raise",
) -> np.busdaycalendar:
    """The calendar as numpy's ``busdaycalendar``: its weekmask, and its rest days on weekdays as holidays.

    numpy's model is a weekmask and a list of holidays: it cannot say that a Saturday is worked. A span
    that holds a makeup workday (调休上班, or an ``extra_workdays`` day on a weekend) is therefore refused
    unless ``makeup="drop"``, which exports it as the weekend day numpy will think it is. Refusing is the
    default because the export is otherwise silently wrong: on the CN calendar 4-35 % of deadlines
    counted across a holiday move (``docs/migrate-numpy.md``), and a warning would be given once while the
    object answers wrongly for as long as it lives. ``makeup="drop"`` in the caller's code says, where a
    reviewer sees it, that the approximation is wanted.

    numpy's object has no end either: outside ``[first, last]`` it knows only the weekmask, where this
    module's functions raise :class:`~slaclock.CalendarHorizonError`.

    Parameters
    ----------
    calendar : WorkCalendar or str
        The calendar to export.
    first, last : date-like, optional
        The span whose holidays are exported (inclusive); by default the calendar's first day and its last
        official day (:attr:`~slaclock.WorkCalendar.official_until`).
    makeup : {"raise", "drop"}
        ``"raise"`` (default): refuse a span with a makeup workday. ``"drop"``: export it as a rest day.

    Returns
    -------
    numpy.busdaycalendar
        Its ``weekmask`` is the calendar's; its ``holidays`` are the rest days of the span that the
        weekmask calls workdays.

    Raises
    ------
    CalendarDataError
        With ``makeup="raise"``, a makeup workday in the span (how many, and the first); a ``last``
        before ``first``.
    InvalidInputError
        ``makeup`` not one of its two words; unreadable dates.
    CalendarHorizonError
        ``first`` or ``last`` outside the calendar's data.

    Examples
    --------
    >>> import numpy as np, slaclock as sc
    >>> from slaclock.compat.numpy import busdaycalendar
    >>> bdc = busdaycalendar("CN", first="2026-10-01", last="2026-10-31", makeup="drop")
    >>> bdc.holidays
    array(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
          dtype='datetime64[D]')
    >>> np.busday_offset("2026-10-09", 1, busdaycal=bdc)    # numpy cannot know Saturday 10-10 is worked
    np.datetime64('2026-10-12')
    >>> sc.calendar("CN").add_workdays("2026-10-09", 1)
    datetime.date(2026, 10, 10)
    >>> busdaycalendar("CN", first="2026-10-01", last="2026-10-31")
    Traceback (most recent call last):
    ...
    slaclock.errors.CalendarDataError: numpy's busdaycalendar cannot hold a makeup workday; 1 in \
2026-10-01..2026-10-31, first 2026-10-10 (Saturday); pass makeup='drop' to export it as a rest day, or narrow first/last
    """
    cal = _calendar_of(calendar)
    if not isinstance(makeup, str) or makeup not in ("raise", "drop"):
        raise InvalidInputError(f"makeup must be 'raise' or 'drop'; got {brief(makeup)}")
    a = cal.first_day if first is None else _one_day(first, "first")
    b = cal.official_until if last is None else _one_day(last, "last")
    if b < a:
        raise CalendarDataError(f"last ({b.isoformat()}) is before first ({a.isoformat()})")
    days = np.arange(np.datetime64(a, "D"), np.datetime64(b, "D") + np.timedelta64(1, "D"))
    work = np.asarray(cal.is_workday(days), dtype=np.bool_)
    weekday = (days.view(np.int64) + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
    mask = np.array(cal.weekmask, dtype=np.bool_)
    by_week = mask[weekday]
    made_up = days[work & ~by_week]
    if made_up.size and makeup == "raise":
        day = made_up[0].item()
        raise CalendarDataError(
            f"numpy's busdaycalendar cannot hold a makeup workday; {made_up.size} in {a.isoformat()}..{b.isoformat()}, "
            f"first {day.isoformat()} ({day.strftime('%A')}); pass makeup='drop' to export it as a rest day, "
            "or narrow first/last"
        )
    return np.busdaycalendar(weekmask=mask, holidays=days[by_week & ~work])


# -- reading numpy's inputs -------------------------------------------------------------------------


def _calendar_of(value: object) -> WorkCalendar:
    if isinstance(value, WorkCalendar):
        return value
    if isinstance(value, str):
        return calendar(value)
    raise InvalidInputError(
        f"calendar must be a slaclock WorkCalendar or a region name such as 'CN'; got {brief(value)} "
        "(for numpy's weekmask and holidays, build one with slaclock.custom_calendar)"
    )


def _roll_of(roll: object) -> RollMode:
    """numpy's roll name as the calendar's mode (``following`` is ``forward``, ``preceding`` is ``backward``)."""
    if isinstance(roll, str) and roll in ROLL_ALIASES:
        return ROLL_ALIASES[roll]
    if isinstance(roll, str) and roll in _ROLLS:
        return cast(RollMode, roll)
    raise InvalidInputError(f"roll must be one of {', '.join(map(repr, _ROLLS))}; got {brief(roll)}")


def _dates(value: object, name: str) -> npt.NDArray[np.datetime64]:
    """``value`` as ``datetime64[D]``, as numpy's busday functions read it (safe casting only)."""
    try:
        arr = value if isinstance(value, np.ndarray) else np.asarray(value)
        if arr.size == 0 and arr.dtype.kind != "M":
            arr = arr.astype(_DAY)  # an empty list is float64 to numpy: no dates, and no error (as numpy)
        elif arr.dtype.kind in "OUS":
            arr = np.asarray(value, dtype="datetime64")  # numpy's own inference of the unit
    except (ValueError, TypeError, OverflowError) as exc:
        raise InvalidInputError(f"{name}: {brief(value)} is not a date or dates ({exc})") from None
    if arr.dtype.kind != "M":
        raise InvalidInputError(
            f"{name} must be dates (datetime64[D], date objects or ISO text); got dtype {arr.dtype}: {brief(value)}"
        )
    if arr.dtype != _DAY:
        if not np.can_cast(arr.dtype, _DAY, casting="safe"):
            raise InvalidInputError(
                f"{name} has dtype {arr.dtype}, finer than a day; numpy refuses it too: pass .astype('datetime64[D]')"
            )
        arr = arr.astype(_DAY)
    return arr


def _offsets(value: object) -> npt.NDArray[np.int64]:
    try:
        arr = value if isinstance(value, np.ndarray) else np.asarray(value)
    except (ValueError, TypeError) as exc:
        raise InvalidInputError(f"offsets: {brief(value)} is not a number of workdays ({exc})") from None
    if arr.dtype.kind == "u":  # clamped far past any calendar (a step that large is a horizon error), never wrapped
        return np.minimum(arr, np.uint64(2**62)).astype(np.int64)
    if arr.dtype.kind in "ib":
        return arr.astype(np.int64)  # numpy reads bools as 0 and 1 too
    if arr.dtype.kind == "f":
        with np.errstate(invalid="ignore"):
            whole = np.isfinite(arr) & (arr == np.trunc(arr)) & (np.abs(arr) < 2.0**62)
        if whole.all():
            return arr.astype(np.int64)
        bad = arr.reshape(-1)[int(np.flatnonzero(~whole.reshape(-1))[0])]
        raise InvalidInputError(
            f"offsets must be whole numbers of workdays; got {brief(float(bad))} (numpy would truncate it silently)"
        )
    raise InvalidInputError(f"offsets must be integers (workdays); got dtype {arr.dtype}: {brief(value)}")


def _broadcast(
    *arrays: npt.NDArray[Any], out: npt.NDArray[Any] | None, op: str, gives: str
) -> tuple[npt.NDArray[Any], ...]:
    """The inputs broadcast together; ``out``, if given, checked first: its shape, and that ``gives`` casts to it."""
    shapes = [a.shape for a in arrays] + ([out.shape] if isinstance(out, np.ndarray) else [])
    try:
        shape = np.broadcast_shapes(*shapes)
    except ValueError:
        last = " (the last is out's)" if isinstance(out, np.ndarray) else ""
        raise InvalidInputError(f"{op}: shapes {', '.join(map(str, shapes))} do not broadcast together{last}") from None
    if out is not None and (not isinstance(out, np.ndarray) or out.shape != shape):
        what = f"shape {out.shape}" if isinstance(out, np.ndarray) else brief(out)
        raise InvalidInputError(f"{op}: out must be a numpy array of the result's shape {shape}; got {what}")
    if out is not None and (not np.can_cast(np.dtype(gives), out.dtype, casting="safe") or not out.flags.writeable):
        raise InvalidInputError(
            f"{op}: out must be a writeable array of a dtype {gives} casts to safely; got {out.dtype}"
        )
    # the result is computed at the inputs' own broadcast shape; out (possibly larger) receives it by broadcasting
    return tuple(np.broadcast_arrays(*arrays)) if len(arrays) > 1 else arrays


def _answer(result: npt.NDArray[Any], out: npt.NDArray[Any] | None) -> Any:
    if out is None:
        return result[()] if result.ndim == 0 else result
    np.copyto(out, result)  # checked by _broadcast before any work
    return out


def _one_day(value: object, name: str) -> dt.date:
    arr = _dates(value, name)
    if arr.ndim != 0 or np.isnat(arr):
        raise InvalidInputError(f"{name} must be one date; got {brief(value)}")
    try:
        return dt.date.fromordinal(int(arr.view(np.int64)) + _EPOCH_ORDINAL)
    except (ValueError, OverflowError):
        raise InvalidInputError(f"{name}: {brief(value)} is outside the years 1..9999") from None
