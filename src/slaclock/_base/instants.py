"""The one reader of dates, instants and missing values.

Every entry point of slaclock reads what it is given through these functions: a
civil date (:func:`ordinal`, :func:`as_date`), an instant in a calendar's zone
(:func:`instant`, :func:`utc_us`), a column of dates (:func:`epoch_days`), and
whether a value is missing (:func:`is_missing`, :func:`is_missing_element`).

What a reader needs to know of a calendar comes in as plain values: the zone's
``ZoneInfo``, or a :class:`Zone` (the zone as pendulum sees it, the calendar's
day-index bounds and the days next to an offset change), which the calendar builds
and owns. Nothing here imports a layer above :mod:`slaclock._base`.

Missing values
--------------
``None``, pandas' ``NaT`` and ``NA``, numpy's ``datetime64("NaT")`` (any unit) and a
float NaN are *missing*. The scalar readers refuse them with :class:`MissingValueError`
(an :class:`InvalidInputError`). A public entry point gives a missing result instead
(``None``, ``False`` for a predicate; ``docs/guide.md``, "Missing values"): it catches
that error where it reads the value, which costs nothing on its fast path, or tests
:func:`is_missing` on a path that is not fast. In a column, the text ``"NaT"`` is
missing too (as numpy reads it); a missing row gives a missing row.

Years 1 to 9999
---------------
A date or instant is read only if its civil date, in the zone it is read in, lies in
the years 1 to 9999 that Python's ``date`` holds: ``"9999-12-31T23:00-05:00"`` is
10000-01-01 in Beijing, and ``datetime64`` values of other years, are refused with an
:class:`InvalidInputError` (never ``OverflowError``), as is a column of a unit coarser
than microseconds holding one (:func:`check_years`, naming its first index).

Wall times
----------
A naive ``datetime`` is a wall time in the calendar's zone. One the clocks skip
(a DST gap) is refused by :func:`instant`; an ambiguous one is its first occurrence
(``fold=0``) unless its ``fold`` says otherwise. :func:`wall` builds the wall times
slaclock itself makes (a day's 24:00, a close of business): a time in a gap moves
forward by the gap.

pendulum is imported when a :class:`Zone` is built, not at ``import slaclock``.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, cast, final

import numpy as np
import numpy.typing as npt

from slaclock._base.show import brief
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from pendulum import DateTime, Timezone

__all__ = [
    "EPOCH_ORDINAL",
    "FIRST_DAY",
    "LAST_DAY",
    "NAT_INT",
    "NAT_UINT",
    "MissingValueError",
    "Zone",
    "as_column",
    "as_date",
    "before",
    "check_years",
    "elapsed",
    "epoch_days",
    "epoch_us",
    "has_offset",
    "in_zone",
    "instant",
    "is_missing",
    "is_missing_element",
    "iso_like",
    "live_bounds",
    "ordinal",
    "parse_iso",
    "plain",
    "shifted",
    "start_of",
    "utc_us",
    "wall",
]

EPOCH_ORDINAL: Final = dt.date(1970, 1, 1).toordinal()
"""The proleptic ordinal of 1970-01-01: epoch days + EPOCH_ORDINAL = ordinal."""
NAT_INT: Final = int(np.iinfo(np.int64).min)
"""NaT as an int64 (epoch days or microseconds)."""
NAT_UINT: Final = 1 << 63
"""NaT read as uint64 (``v.view(np.uint64)``): above every value from 1970 on, below every one before it."""
_INT64_MAX: Final = int(np.iinfo(np.int64).max)


def live_bounds(v: npt.NDArray[np.int64]) -> tuple[int, int, bool] | None:
    """The least and the greatest value of an int64 column of epoch values with NaT left out, and whether it has
    NaT, from two reductions (three with NaT) and no mask (the least is above the greatest when every value is NaT,
    the greatest NAT_INT then and on no values); None when a value is before 1970, where they cannot tell.

    Read as uint64 NaT is 2**63, above every value from 1970 on and below every one before it, so the least uint64
    is the least value when the greatest uint64 shows none before 1970; that greatest is 2**63 exactly when there
    is NaT, and else the greatest value. With NaT, the greatest int64 is (NaT is the least int64), unless all are
    NaT."""
    bits = v.view(np.uint64)
    highest = int(bits.max(initial=0))
    if highest > NAT_UINT:
        return None
    least = int(bits.min(initial=NAT_UINT))
    if highest == NAT_UINT:
        return least, int(v.max(initial=NAT_INT)), True
    return least, highest if v.size else NAT_INT, False


_EPOCH_UTC: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_EPOCH_NAIVE: Final = dt.datetime(1970, 1, 1)
_ONE_US: Final = dt.timedelta(microseconds=1)
_DAY_US: Final = 86_400_000_000
_UTC_YEARS: Final = (
    (dt.date.min.toordinal() - EPOCH_ORDINAL) * _DAY_US,
    (dt.date.max.toordinal() + 1 - EPOCH_ORDINAL) * _DAY_US,
)
"""The UTC instants (µs) a Python ``datetime`` holds: 0001-01-01T00:00 up to, not including, 10000-01-01."""
_MAX_ORDINAL: Final = dt.date.max.toordinal()
_FINE: Final = frozenset({"us", "ns", "ps", "fs", "as"})
"""``datetime64`` units that convert to microseconds without overflow."""
_YEARS: Final = (1 - 1970, 9999 - 1970)
FIRST_DAY: Final = dt.date(1, 1, 1).toordinal() - dt.date(1970, 1, 1).toordinal()
"""0001-01-01 in epoch days: the first day a date may have (with :data:`LAST_DAY`, 9999-12-31)."""
LAST_DAY: Final = dt.date(9999, 12, 31).toordinal() - dt.date(1970, 1, 1).toordinal()
"""9999-12-31 in epoch days."""
"""Years 1 and 9999 as numpy reads ``datetime64[Y]``: years since 1970."""
_PANDAS_MISSING: Final = frozenset({"NaTType", "NAType"})


# -- missing values -------------------------------------------------------------------------


def is_missing(v: object) -> bool:
    """Whether one scalar is missing: None, ``pd.NaT``, ``pd.NA``, a ``datetime64`` NaT, a float NaN.

    Text is never missing here (``"NaT"`` is read as text, and refused); see
    :func:`is_missing_element` for a column's elements.

    >>> import numpy as np
    >>> [is_missing(v) for v in (None, float("nan"), np.datetime64("NaT", "us"), "NaT", "2026-01-01")]
    [True, True, True, False, False]
    """
    if v is None:
        return True
    if isinstance(v, (float, np.floating)):
        return bool(v != v)
    if isinstance(v, np.datetime64):
        return bool(np.isnat(v))
    return type(v).__name__ in _PANDAS_MISSING and type(v).__module__.startswith("pandas")


def is_missing_element(v: object) -> bool:
    """Whether one element of an object column is missing: :func:`is_missing`, or the text ``"NaT"``."""
    if isinstance(v, str):
        return v.strip().upper() == "NAT"
    return is_missing(v)


class MissingValueError(InvalidInputError):
    """A reader was given a missing value. Entry points that answer a missing value catch it (for free on
    the path that reads a value) and give their missing result; elsewhere it is an :class:`InvalidInputError`.
    """


def _missing_error(what: str, value: object) -> MissingValueError:
    return MissingValueError(f"{what} is missing ({brief(value)})")


# -- years 1 to 9999 ----------------------------------------------------------------------------


def _outside_years(what: str, value: object, zone: object = None) -> InvalidInputError:
    where = f" in {zone}" if zone is not None else ""
    shown = value.isoformat() if isinstance(value, dt.datetime) else brief(value)
    return InvalidInputError(f"{what or 'the date'} {shown} has a date{where} outside the years 1 to 9999")


def _astimezone(x: dt.datetime, zone: dt.tzinfo, what: str) -> dt.datetime:
    """``x`` in ``zone``; an instant whose date there is past the years 1..9999 is an :class:`InvalidInputError`."""
    try:
        return x.astimezone(zone)
    except OverflowError:
        raise _outside_years(what, x, zone) from None


_NS: Final = np.dtype("datetime64[ns]")
NS_FIRST_DAY_END: Final = NAT_INT + 86_400 * 10**9
"""The end of the first day ``datetime64[ns]`` holds (1677-09-22T00:12:43.145224192), as int64. numpy converts a
value before it to coarser units wrongly: to microseconds within its first microsecond (pandas' ``Timestamp.min``,
1677-09-21T00:12:43.145224193, becomes 2262-04-11T23:47:16.854774), to days within the whole day (2262-04-10)."""


def refuse_first_ns_day(a: npt.NDArray[Any], what: str) -> None:
    """Refuse a ``datetime64[ns]`` value before :data:`NS_FIRST_DAY_END` (not NaT), naming the first. One reduction
    where no value is before 1970 (read as uint64, such values are above NaT)."""
    if a.dtype != _NS or not a.size or int(a.view(np.uint64).max()) <= NAT_UINT:
        return
    v = a.reshape(-1).view(np.int64)
    early = (v > NAT_INT) & (v < NS_FIRST_DAY_END)
    if not early.any():
        return
    i = int(np.argmax(early))
    where = f"{what}[{i}]" if a.ndim else what or "the value"
    raise InvalidInputError(
        f"{where} {brief(a.reshape(-1)[i])} is in the first day datetime64[ns] holds (before "
        "1677-09-22T00:12:43.145224192; pandas' Timestamp.min is its first instant), which numpy converts to other "
        "units wrongly (to 2262); give NaT for a missing instant"
    )


def _check_year(x: np.datetime64, what: str) -> None:
    """Refuse a (not NaT) ``datetime64`` outside the years 1..9999 (converting to years never overflows), or in the
    first day ``datetime64[ns]`` holds (:data:`NS_FIRST_DAY_END`)."""
    too_fine(x.dtype, what or "the value")
    refuse_first_ns_day(np.asarray(x), what)
    year = int(x.astype("datetime64[Y]").astype(np.int64))
    if not _YEARS[0] <= year <= _YEARS[1]:
        raise _outside_years(what, x)


def check_years(a: npt.NDArray[np.datetime64], what: str) -> None:
    """Before converting a ``datetime64`` column to microseconds: refuse a value (not NaT) outside the years
    1..9999, naming the first, in a column of a coarser unit (where the conversion would overflow silently).

    A column of microseconds or finer is not checked: converting it never overflows, and
    the column paths read it with numpy only (far instants give horizon errors, or answers
    as far). Costs a max and a min over the column, compared with the unit's first and last values in those years
    (:func:`year_bounds`), and with NaT two counts; the years only on failure.
    """
    if np.datetime_data(a.dtype)[0] in _FINE:
        return
    v = a.reshape(-1).view(np.int64)
    hi = int(v.max(initial=NAT_INT))
    if hi == NAT_INT:  # no value, or every one NaT (the least int64)
        return
    least, greatest = year_bounds(a.dtype)
    if hi <= greatest:
        lo = int(v.min())
        if lo >= least:
            return
        if lo == NAT_INT and np.count_nonzero(v < least) == np.count_nonzero(v == NAT_INT):
            return  # what is below the first value is NaT, nothing else
    y = a.reshape(-1).astype("datetime64[Y]").view(np.int64)
    bad = (v != NAT_INT) & ((y < _YEARS[0]) | (y > _YEARS[1]))
    i = int(np.argmax(bad))
    raise _outside_years(f"{what}[{i}]", a.reshape(-1)[i])


@functools.cache
def year_bounds(dtype: np.dtype[Any]) -> tuple[int, int]:
    """The least and the greatest int64 value of the ``datetime64`` type ``dtype`` whose year is in 1..9999 (as
    numpy reads it: ``astype("datetime64[Y]")``, which floors a week to the year of its first day).

    >>> year_bounds(np.dtype("datetime64[D]"))
    (-719162, 2932896)
    >>> np.array(year_bounds(np.dtype("datetime64[m]"))).view("datetime64[m]")
    array(['0001-01-01T00:00', '9999-12-31T23:59'], dtype='datetime64[m]')
    """

    def year(v: int) -> int:
        return int(np.array([v], dtype=np.int64).view(dtype).astype("datetime64[Y]").view(np.int64)[0])

    ends = np.array([_YEARS[0], _YEARS[1] + 1], dtype=np.int64).view("datetime64[Y]").astype(dtype).view(np.int64)
    least, greatest = int(ends[0]), int(ends[1]) - 1
    while year(least) < _YEARS[0]:  # a week that begins in year 0
        least += 1
    while year(least - 1) >= _YEARS[0]:
        least -= 1
    while year(greatest) > _YEARS[1]:
        greatest -= 1
    while year(greatest + 1) <= _YEARS[1]:  # a week that begins in 9999 and ends in 10000
        greatest += 1
    return least, greatest


# -- civil dates ------------------------------------------------------------------------------


def ordinal(zone: zoneinfo.ZoneInfo, x: object, what: str = "") -> int:
    """The proleptic ordinal of one scalar date-like's civil date in ``zone``.

    A ``date``; a ``datetime`` (an aware one converted into ``zone``, a naive one is
    wall time there); ISO text; a ``datetime64`` (naive, floored to the day).

    Raises
    ------
    InvalidInputError
        Anything else, a missing value, or text that is not ISO; the message starts
        with ``what`` when given.
    """
    if isinstance(x, dt.datetime):
        given = x
        if x.tzinfo is not None and x.utcoffset() is not None:
            x = _astimezone(x, zone, what)
        try:
            return x.toordinal()
        except ValueError:  # pandas' NaT is a datetime without a date
            raise _missing_error(what or "the date", x) from None
        except NotImplementedError:  # a pandas Timestamp past 9999 once in the zone, which has no Python date
            raise _outside_years(what, given, zone) from None
    if isinstance(x, dt.date):
        return x.toordinal()
    if isinstance(x, str):
        return ordinal(zone, parse_iso(x, what), what)
    if isinstance(x, np.datetime64):
        if np.isnat(x):
            raise _missing_error(what or "the date", x)
        _check_year(x, what)
        return int(x.astype("datetime64[D]").astype(np.int64)) + EPOCH_ORDINAL
    if is_missing(x):
        raise _missing_error(what or "the date", x)
    prefix = f"{what}: " if what else ""
    raise InvalidInputError(
        f"{prefix}expected a date, datetime, ISO date string or numpy datetime64; got {type(x).__name__} {brief(x)}"
    )


def as_date(value: object) -> dt.date | None:
    """A ``date`` (a ``datetime``'s own date), ISO text "YYYY-MM-DD" or a ``datetime64`` as a date; else None.

    For data files and options, where there is no zone: callers raise their own error
    for None, naming what they were reading.
    """
    if isinstance(value, dt.datetime):
        return None if type(value).__name__ == "NaTType" else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, np.datetime64) and not np.isnat(value):
        year = int(value.astype("datetime64[Y]").astype(np.int64))
        if not _YEARS[0] <= year <= _YEARS[1]:
            return None  # no date holds it
        return dt.date.fromordinal(int(value.astype("datetime64[D]").astype(np.int64)) + EPOCH_ORDINAL)
    return None


def parse_iso(text: str, what: str) -> dt.date | dt.datetime:
    """ISO text as a ``date`` (``YYYY-MM-DD``) or a ``datetime`` (naive or with an offset)."""
    s = text.strip()
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(s)
    except ValueError:
        prefix = f"{what} " if what else ""
        raise InvalidInputError(f"{prefix}{brief(text)} is not an ISO date (YYYY-MM-DD) or date-time") from None


def as_array(x: object, what: str = "the value") -> npt.NDArray[Any]:
    """``np.asarray(x)``, with what numpy refuses (a nest deeper than 64 levels, a ragged one, an object whose
    ``__len__`` or ``__iter__`` raises an error of numpy's) as an :class:`InvalidInputError` naming it briefly.

    The array is one the column paths can read as its values: in the machine's byte order (a big-endian
    ``>M8[us]`` read as int64 would be garbage), a masked array's masked values missing where the dtype has a
    missing value (NaT, NaN or None; see :func:`refuse_masked` for the others), and no ``datetime64`` finer than
    ns (numpy cannot convert ps, fs or as to days), nor a ``datetime64[ns]`` value numpy converts wrongly
    (:func:`refuse_first_ns_day`).
    """
    try:
        a = np.asarray(x)
    except (ValueError, TypeError, RecursionError) as exc:
        raise InvalidInputError(
            f"{what} must be a value or a flat column of values; got {type(x).__name__} {brief(x)} "
            f"({type(exc).__name__}: {str(exc)[:120]})"
        ) from None
    if isinstance(x, np.ma.MaskedArray) and np.ma.is_masked(x):
        a = _unmasked(x)
    if not a.dtype.isnative:
        a = a.astype(a.dtype.newbyteorder("="))
    if a.dtype.kind in "Mm":
        too_fine(a.dtype, what)
        a = _one_unit(a, what)
        refuse_first_ns_day(a, what)
    return a


def _one_unit(a: npt.NDArray[Any], what: str) -> npt.NDArray[Any]:
    """A ``datetime64``/``timedelta64`` array in a multiple of a unit (``[15m]``, ``[2D]``, ``[3ns]``) in the unit
    itself: numpy's conversions of a multiple wrap where its value times the multiple passes int64 (``[7us]`` in the
    year 1.2 million read as 6657, ``[2D]`` as NaT or 1970). Such a value is refused, naming it."""
    unit, count = np.datetime_data(a.dtype)
    if count == 1:
        return a
    v = a.reshape(-1).view(np.int64)
    limit = _INT64_MAX // count
    over = (v != NAT_INT) & ((v > limit) | (v < -limit))
    if over.any():
        i = int(np.argmax(over))
        raise InvalidInputError(
            f"{what}[{i}] ({int(v[i])} of {count}{unit}, which numpy shows wrongly) is past what "
            f"{a.dtype.kind}8[{unit}] holds; give the values in a unit without a multiple (e.g. datetime64[us])"
        )
    return a.astype(f"{a.dtype.kind}8[{unit}]")


def _unmasked(x: np.ma.MaskedArray[Any, Any]) -> npt.NDArray[Any]:
    """A masked array's data with its masked values missing, as the column paths read missing values."""
    kind = x.dtype.kind
    if kind in "Mm" or kind == "f":
        data = np.array(x.data)  # a copy: the caller's array is not written
        data[np.ma.getmaskarray(x)] = np.array("NaT", dtype=x.dtype) if kind in "Mm" else np.nan
        return data
    if kind == "O":
        data = np.array(x.data, dtype=object)
        data[np.ma.getmaskarray(x)] = None
        return data
    return np.asarray(x)  # integers, flags: the caller reads the mask if it may be given one (workday counts)


def refuse_masked(x: object, what: str) -> None:
    """Refuse a masked array with masked values where its dtype has no missing value (a count of workdays)."""
    if isinstance(x, np.ma.MaskedArray) and np.ma.is_masked(x):
        raise InvalidInputError(
            f"{what}: a masked array of {x.dtype} has masked values, which {x.dtype} cannot hold as missing: "
            "fill them (np.ma.filled) or leave those rows out"
        )


def too_fine(dtype: np.dtype[Any], what: str) -> None:
    """Refuse a ``datetime64``/``timedelta64`` unit finer than ns: numpy cannot convert it to days (ps, fs, as)."""
    unit = np.datetime_data(dtype)[0]
    if unit in ("ps", "fs", "as"):
        raise InvalidInputError(
            f"{what}: {dtype.name.split('[')[0]}[{unit}] is finer than slaclock reads (numpy cannot convert "
            f"{unit} to days); give ns or coarser, e.g. .astype('datetime64[ns]')"
        )


def as_column(x: object, what: str = "the value") -> npt.NDArray[Any]:
    """:func:`as_array` for a column of instants, dates or periods, with missing values kept missing.

    numpy makes one dtype of a list: text of a list that mixes text and numbers (``["7日", nan]`` is
    ``['7日', 'nan']``), and instants of one with dates among them (a ``datetime64`` date becomes its midnight). Such
    a list is read as objects, each value itself. A float column of nothing but NaN (pandas' column of missing
    values, as ``read_csv`` gives for an empty one; an empty list) is a column of missing values (None); any other
    number is left for the caller to refuse.

    >>> as_column(["7日", float("nan")])
    array(['7日', nan], dtype=object)
    >>> as_column(np.array([np.nan, np.nan]))
    array([None, None], dtype=object)
    """
    a = as_array(x, what)
    if isinstance(x, list | tuple) and (a.dtype.kind == "U" or (a.dtype.kind == "M" and not _is_days(a))):
        if a.dtype.kind == "U" and a.ndim == 1 and set(map(type, x)) == {str}:
            return a  # the usual list of text: its types in one C pass (about 14 ns a value), no objects made
        objects = np.array(x, dtype=object)
        kept = _text if a.dtype.kind == "U" else _instant
        if objects.shape == a.shape and not all(map(kept, objects.reshape(-1).tolist())):
            return objects
    elif a.dtype.kind == "f" and bool(np.isnan(a).all()):
        return np.full(a.shape, None, dtype=object)  # an empty list too: no value, and no number
    return a


def _is_days(a: npt.NDArray[Any]) -> bool:
    return np.datetime_data(a.dtype)[0] in ("Y", "M", "W", "D")


def _text(v: object) -> bool:
    return isinstance(v, str)


def _instant(v: object) -> bool:
    """Whether ``v`` stays itself in a list numpy makes ``datetime64`` with a time unit: a date (a ``datetime64``
    date, a ``date``, date text) would become its midnight, which no scalar call takes for an instant."""
    if isinstance(v, np.datetime64):
        return not _is_days(np.asarray(v))
    return isinstance(v, dt.datetime) or v is None


def epoch_days(zone: zoneinfo.ZoneInfo, x: object) -> npt.NDArray[np.int64]:
    """Epoch days (int64, ``NAT_INT`` where missing) of a column of date-likes, or of one scalar (0-d).

    A ``datetime64`` column is floored to days; a column of ISO dates is parsed by
    numpy; anything else (objects, text with offsets) element by element through
    :func:`ordinal`, missing elements giving ``NAT_INT``; one missing value gives a 0-d ``NAT_INT``.
    """
    if isinstance(x, (dt.date, str)):
        try:
            return np.array(ordinal(zone, x) - EPOCH_ORDINAL, dtype=np.int64)
        except MissingValueError:
            return np.array(NAT_INT, dtype=np.int64)
    a = as_column(x, "a date")
    if a.dtype.kind == "M":
        if a.dtype != np.dtype("datetime64[D]"):
            a = a.astype("datetime64[D]")
        return a.view(np.int64)
    if a.dtype.kind == "U" and not has_offset(a) and iso_like(a):
        try:
            return a.astype("datetime64[D]").view(np.int64)
        except ValueError:
            pass
    if a.ndim == 0 and a.dtype.kind not in "OU":
        if is_missing(x):  # NaN: a missing value, as in a column
            return np.array(NAT_INT, dtype=np.int64)
        raise InvalidInputError(
            f"expected a date, datetime, ISO date string or numpy datetime64; got {type(x).__name__} {brief(x)}"
        )
    if a.dtype.kind in "OU":
        flat = [_element_day(zone, v, i) for i, v in enumerate(a.reshape(-1).tolist())]
        return np.array(flat, dtype=np.int64).reshape(a.shape)
    raise InvalidInputError(
        f"expected dates (datetime64, date objects or ISO strings); got an array of dtype {a.dtype}"
    )


def _element_day(zone: zoneinfo.ZoneInfo, v: object, i: int) -> int:
    if is_missing_element(v):
        return NAT_INT
    try:
        return ordinal(zone, v) - EPOCH_ORDINAL
    except InvalidInputError as exc:
        raise InvalidInputError(f"at index {i}: {exc}") from None


def iso_like(a: npt.NDArray[np.str_]) -> bool:
    """Whether numpy reads every text of ``a`` as the ISO reader of the scalar calls does: ``YYYY-MM-DD``, alone or
    followed by ``T`` or a space and a time, or a missing value (``""``, ``"NaT"``). numpy's grammar also takes
    ``"now"`` and ``"today"`` (the clock's date), ``"2025"`` and ``"2025-10"`` (a first day), and ``"20251005"`` (the
    year 20,251,005), which the scalar calls refuse or read otherwise: such a column goes through them.

    >>> iso_like(np.array(["2025-10-05", "2025-10-05T09:30", "", "NaT"])), iso_like(np.array(["2025-10-05", "now"]))
    (True, False)
    """
    width = a.dtype.itemsize // 4
    if not a.size or not width:
        return True
    c = np.ascontiguousarray(a).reshape(-1).view(np.uint32).reshape(-1, width)
    if width < 10:  # no date fits: only missing values
        return bool(((c == 0).all(axis=1) | _is_nat_text(c)).all())
    digit = (c[:, [0, 1, 2, 3, 5, 6, 8, 9]] - 48) < 10  # uint32: below "0" wraps far above 9
    dated = digit.all(axis=1) & (c[:, 4] == 45) & (c[:, 7] == 45)  # "-"
    if width > 10:
        dated &= (c[:, 10] == 0) | (c[:, 10] == 84) | (c[:, 10] == 32)  # the end, "T" or a space
    return bool((dated | (c == 0).all(axis=1) | _is_nat_text(c)).all())


def _is_nat_text(c: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """Rows of code points that spell ``"NaT"``."""
    if c.shape[1] < 3:
        return np.zeros(c.shape[0], dtype=bool)
    nat: npt.NDArray[np.bool_] = (c[:, 0] == 78) & (c[:, 1] == 97) & (c[:, 2] == 84)
    if c.shape[1] > 3:
        nat &= c[:, 3] == 0
    return nat


def has_offset(a: npt.NDArray[np.str_]) -> bool:
    """Whether ISO texts may carry a UTC offset ("Z", "+08:00", "-05:00"): numpy would read them in UTC.

    Such texts go through the per-element path, which takes each one's date in the calendar's zone.
    """
    if a.dtype.itemsize <= 4 * 10 or a.size == 0:  # "YYYY-MM-DD" at most: a plain date
        return False
    return bool(
        (np.char.find(a, "Z") >= 0).any() or (np.char.find(a, "+") >= 0).any() or (np.char.rfind(a, "-") > 9).any()
    )


# -- instants ---------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True, eq=False)
class Zone:
    """A calendar's zone as the instant readers need it; built and owned by the calendar.

    Attributes
    ----------
    tz : str
        The IANA name.
    zone : ZoneInfo
    pzone : pendulum Timezone
    cls : type
        ``pendulum.DateTime``.
    o0, n : int
        The calendar's days are the ordinals ``o0 .. o0 + n - 1``.
    changes : frozenset of int
        Day indices (``ordinal - o0``) next to a change of the zone's UTC offset: wall
        times on them take the exact path; on every other day of the table a wall
        time exists once.
    """

    tz: str
    zone: zoneinfo.ZoneInfo
    pzone: Timezone
    cls: type[DateTime]
    o0: int
    n: int
    changes: frozenset[int]

    @classmethod
    def build(cls, tz: str, zone: zoneinfo.ZoneInfo, o0: int, n: int) -> Zone:
        import pendulum

        return cls(tz, zone, pendulum.timezone(tz), pendulum.DateTime, o0, n, _offset_change_days(tz, o0, n))


@functools.lru_cache(maxsize=64)
def _offset_change_days(tz: str, o0: int, n: int) -> frozenset[int]:
    """Table indices of days next to a change of the zone's UTC offset (DST or a new standard offset).

    Comparing the offsets at noon of consecutive days finds every change that lasts
    a day or more (all real ones); wall times on the days either side of a change
    take the exact path. Building this costs about 10 ms per zone and span, once.
    """
    zone = zoneinfo.ZoneInfo(tz)
    # from the day before the table to the day after it, as far as the years 1 to 9999 go
    first, last = max(o0 - 1, 1), min(o0 + n, dt.date.max.toordinal())
    noon = dt.datetime.fromordinal(first).replace(hour=12)
    one = dt.timedelta(days=1)
    offsets = [zone.utcoffset(noon + one * k) for k in range(last - first + 1)]
    base = first - o0  # the table index of offsets[0]
    changed: set[int] = set()
    for k in range(1, len(offsets)):
        if offsets[k] != offsets[k - 1]:
            changed.update((base + k - 1, base + k))
    return frozenset(changed)


def instant(z: Zone, value: object, what: str) -> DateTime | None:
    """An aware instant in the zone, or None for a plain date (a ``date``, date-only text, ``datetime64[D]``).

    Accepts an aware ``datetime`` (pendulum and pandas timestamps too: converted), a
    naive one (wall time in the zone), ISO text, a ``datetime64`` of any unit (naive).

    Raises
    ------
    InvalidInputError
        A missing value, a value of another type, text that is not ISO, or a naive
        wall time the clocks skip (DST).
    """
    if isinstance(value, str):
        value = parse_iso(value, what)
    elif isinstance(value, np.datetime64):
        if np.isnat(value):
            raise _missing_error(what, value)
        _check_year(value, what)
        if np.datetime_data(value.dtype)[0] in ("Y", "M", "W", "D"):
            return None
        value = value.astype("datetime64[us]").item()
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            return in_zone(z, value, what)
        try:
            return naive_wall(z, value, what)
        except (TypeError, ValueError):
            if is_missing(value):  # pandas' NaT is a naive datetime without fields
                raise _missing_error(what, value) from None
            raise
    if isinstance(value, dt.date):
        return None
    if is_missing(value):
        raise _missing_error(what, value)
    raise InvalidInputError(
        f"{what} must be a date, a datetime, ISO text or numpy.datetime64; got {type(value).__name__} {brief(value)}"
    )


def naive_wall(z: Zone, value: dt.datetime, what: str) -> DateTime:
    """A naive wall time as an aware instant; one the clocks skip is refused."""
    x = fields_in(z, value)
    i = value.toordinal() - z.o0
    if 0 <= i < z.n and i not in z.changes:
        return x
    back = _astimezone(plain(x), z.zone, what)
    if (back.hour, back.minute, back.day) != (value.hour, value.minute, value.day):
        raise InvalidInputError(
            f"{what} {value.isoformat()} does not exist in {z.tz} (the clocks skip it); give an aware datetime"
        )
    return x


def in_zone(z: Zone, value: dt.datetime, what: str = "the instant") -> DateTime:
    """An aware datetime as a pendulum DateTime in the zone (the same instant).

    Raises
    ------
    InvalidInputError
        The instant's date in the zone is outside the years 1..9999.
    """
    zone = value.tzinfo
    if zone is z.pzone and type(value) is z.cls:
        return value  # already a pendulum DateTime in the zone (immutable)
    if zone is z.zone and type(value) is dt.datetime:
        return fields_in(z, value)  # same zone: same wall fields and fold
    if type(value) is not dt.datetime:
        # pendulum and pandas override datetime arithmetic; convert through a plain datetime
        value = plain(value)
    return fields_in(z, _astimezone(value, z.zone, what))


def fields_in(z: Zone, x: dt.datetime) -> DateTime:
    """A pendulum DateTime with ``x``'s wall fields and fold, in the zone."""
    return z.cls(x.year, x.month, x.day, x.hour, x.minute, x.second, x.microsecond, tzinfo=z.pzone, fold=x.fold)


def plain(x: dt.datetime) -> dt.datetime:
    """A plain ``datetime`` (not a subclass) with the same fields, tzinfo and fold."""
    return dt.datetime(x.year, x.month, x.day, x.hour, x.minute, x.second, x.microsecond, x.tzinfo, fold=x.fold)


def wall(z: Zone, y: int, m: int, d: int, hh: int, mm: int, ss: int, us: int) -> DateTime:
    """An aware wall time in the zone; a time in a DST gap moves forward by the gap."""
    x = z.cls(y, m, d, hh, mm, ss, us, tzinfo=z.pzone)
    i = x.toordinal() - z.o0
    if 0 <= i < z.n and i not in z.changes:
        return x
    back = plain(x).astimezone(z.zone)
    if back.hour != hh or back.minute != mm or back.day != d:
        return in_zone(z, back)
    return x


def start_of(z: Zone, ordinal: int) -> DateTime:
    """00:00 of a day (the previous day's 24:00), or the day's first instant if its midnight does not exist."""
    day = dt.date.fromordinal(ordinal)
    i = ordinal - z.o0
    if 0 <= i < z.n and i not in z.changes:
        return z.cls(day.year, day.month, day.day, tzinfo=z.pzone)
    return wall(z, day.year, day.month, day.day, 0, 0, 0, 0)


def as_utc(value: object) -> object:
    """A naive ``datetime``, naive ISO date-time text or a ``datetime64`` with a time unit, made aware in UTC;
    anything else (dates, date text, aware values, text that is not ISO) unchanged.

    How ``utc=True`` reads one instant, alone or in a column: naive values are UTC, not wall times.

    >>> as_utc("2025-11-03T13:30")
    datetime.datetime(2025, 11, 3, 13, 30, tzinfo=datetime.timezone.utc)
    >>> as_utc("2025-11-03")
    '2025-11-03'
    """
    if isinstance(value, str):
        try:
            parsed = parse_iso(value, "")
        except InvalidInputError:
            return value  # the reader words the error, naming the value where it stands
        if not isinstance(parsed, dt.datetime):
            return value
        value = parsed
    if isinstance(value, np.datetime64) and not np.isnat(value) and np.datetime_data(value.dtype)[0] not in "YMWD":
        _check_year(value, "the instant")
        value = _EPOCH_NAIVE + dt.timedelta(microseconds=int(value.astype("datetime64[us]").astype(np.int64)))
    if (
        isinstance(value, dt.datetime)
        and (value.tzinfo is None or value.utcoffset() is None)
        and type(value).__name__ != "NaTType"
    ):
        return value.replace(tzinfo=dt.UTC)
    return value


def utc_us(x: dt.datetime) -> int:
    """An aware instant as UTC microseconds since the epoch (in integers: an instant near year 1 or 9999
    whose UTC date is past them still has its number)."""
    return naive_us(x) - cast(dt.timedelta, x.utcoffset()) // _ONE_US


def epoch_us(value: object, what: str) -> tuple[int, bool]:
    """One instant as microseconds since the epoch, and whether it is a UTC instant (an aware input).

    A naive datetime, naive ISO text or a ``datetime64`` gives its wall fields, a date
    its 00:00; a missing value (as in a column) gives ``(NAT_INT, False)``.

    Raises
    ------
    InvalidInputError
        Another type, text that is not ISO, a ``datetime64`` outside the years 1..9999.
    """
    if is_missing_element(value):
        return NAT_INT, False
    if isinstance(value, str):
        value = parse_iso(value, what)
    if isinstance(value, np.datetime64):
        _check_year(value, what)
        return int(value.astype("datetime64[us]").astype(np.int64)), False
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            return utc_us(value), True
        return naive_us(value), False
    if isinstance(value, dt.date):
        return (value.toordinal() - EPOCH_ORDINAL) * 86_400_000_000, False
    raise InvalidInputError(
        f"{what} must be a datetime, ISO text or numpy.datetime64; got {type(value).__name__} {brief(value)}"
    )


def naive_us(x: dt.datetime) -> int:
    """A datetime's wall fields (its zone ignored) as microseconds since 1970-01-01T00:00."""
    days = x.toordinal() - EPOCH_ORDINAL
    return ((days * 24 + x.hour) * 60 + x.minute) * 60_000_000 + x.second * 1_000_000 + x.microsecond


def before(a: dt.datetime, b: dt.datetime) -> bool:
    """Whether instant ``a`` is before instant ``b``.

    Not ``a < b``: Python compares two datetimes of one zone by their wall fields, ignoring their offsets, so on a
    fall-back night the first 01:30 (EDT, 05:30 UTC) would come after 01:10 EST (06:10 UTC). The wall fields are in
    the order of the instants where the two have one ``fold`` (both the first of a repeated hour's readings, or both
    the second: from a wall time that exists to its instant is then increasing), or where their zones differ (Python
    then compares them in UTC): only a pair of folds is read as instants.
    """
    if a.fold == b.fold or a.tzinfo is not b.tzinfo:
        return a < b
    return utc_us(a) < utc_us(b)


def elapsed(a: dt.datetime, b: dt.datetime) -> dt.timedelta:
    """The time elapsed from instant ``b`` to instant ``a``: not ``a - b``, which for two datetimes of one zone is
    the difference of their wall fields (48 hours across a spring-forward night where 47 have passed)."""
    return dt.timedelta(microseconds=utc_us(a) - utc_us(b))


def shifted(z: Zone, x: dt.datetime, d: dt.timedelta) -> DateTime:
    """The instant ``d`` of elapsed time after ``x`` (before it, for a negative ``d``), in the zone: not ``x + d``,
    which moves the wall fields (90 minutes after 00:30 EDT on a fall-back night is 01:00 EST, not 02:00)."""
    return from_utc_us(z, utc_us(x) + d // _ONE_US)


def from_utc_us(z: Zone, us: int) -> DateTime:
    """UTC microseconds as an aware pendulum DateTime in the zone.

    An instant whose UTC date is before the year 1 or past 9999, but whose date in the zone is not (00:00 on
    0001-01-01 in Shanghai's local mean time, +08:05:43), takes the zone's offset a day inward, where UTC has a
    date: near the ends of the years the offset is local mean time, fixed.

    Raises
    ------
    InvalidInputError
        The instant's date in the zone is outside the years 1..9999.
    """
    if _UTC_YEARS[0] <= us < _UTC_YEARS[1]:
        return in_zone(z, _EPOCH_UTC + dt.timedelta(microseconds=us))
    inward = min(max(us, _UTC_YEARS[0] + _DAY_US), _UTC_YEARS[1] - _DAY_US)
    offset = cast(dt.timedelta, from_utc_us(z, inward).utcoffset())
    local = us + offset // _ONE_US
    if not _UTC_YEARS[0] <= local < _UTC_YEARS[1]:
        shown = f"{'before' if us < _UTC_YEARS[0] else 'after'} {'0001-01-01' if us < 0 else '9999-12-31'} UTC"
        raise InvalidInputError(f"the instant {shown} has a date in {z.zone} outside the years 1 to 9999")
    return fields_in(z, dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=local))
