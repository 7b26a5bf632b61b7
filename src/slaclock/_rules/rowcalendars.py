"""One calendar per row: the keys of a column matched to a table of calendars, for the column paths.

A queue serving customers on several calendars (a BPO with mainland and Hong Kong
clients) counts each row on its own calendar: ``calendars`` maps keys to calendars,
and a column of keys names each row's. :class:`RowCalendars` holds the match, one
small integer code per row, from which :func:`slaclock.deadlines` and
:meth:`Contract.evaluate <slaclock.Contract.evaluate>` gather each calendar's rows,
run the one-calendar path on them and scatter the answers back in order.

The keys are text. A key that is not in ``calendars``, or a missing one (None, NaN,
``pd.NA``), is refused with the count of such rows and the first index: a row is
never counted on a calendar it did not name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, final

import numpy as np
import numpy.typing as npt

from slaclock._base import dataframes as _frames
from slaclock._base import warn as _provisional
from slaclock._base.distinct import by_identity, few_distinct
from slaclock._base.instants import is_missing_element
from slaclock._base.show import brief
from slaclock._rules.engine import calendar_zones
from slaclock.errors import InvalidInputError, SlaclockError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar

__all__ = ["RowCalendars", "column_codes", "distinct_text", "equal_text", "key_codes", "warn_rows"]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.int16]
_MAX_CALENDARS: Final = 1000


@final
@dataclass(frozen=True, slots=True, eq=False)
class RowCalendars:
    """Which calendar each row is counted on.

    Attributes
    ----------
    keys : tuple of str
        The keys of ``calendars``, in their order.
    calendars : tuple of WorkCalendar
        The calendar of each key.
    codes : numpy.ndarray of int16
        Per row (flattened), the index of its key in ``keys``.
    """

    keys: tuple[str, ...]
    calendars: tuple[WorkCalendar, ...]
    codes: Codes

    def groups(self) -> list[tuple[int, I64]]:
        """Each calendar that has rows: its index and its rows (flat positions, ascending)."""
        out = []
        for j in range(len(self.keys)):
            rows = np.flatnonzero(self.codes == j)
            if rows.size:
                out.append((j, rows))
        return out

    def convert(self, us: I64, sel: Mask, *, to_utc: bool) -> I64:
        """``us[sel]`` from UTC to each row's wall time in its calendar's zone (or back, ``to_utc``).

        A skipped wall time (the clocks jump over it) takes the instant of the jump.
        """
        flat, s = us.reshape(-1), np.broadcast_to(sel, us.shape).reshape(-1)
        out = flat.copy()
        for j, cal in enumerate(self.calendars):
            m = s & (self.codes == j)
            if m.any():
                zones = calendar_zones(cal, flat[m])
                out[m] = zones.to_utc(flat[m], gap="jump")[0] if to_utc else zones.to_wall(flat[m])
        return out.reshape(us.shape)[sel]

    def shared_zone(self) -> str | None:
        """The zone every calendar is in, or None when they differ."""
        zones = {c.tz for c in self.calendars}
        return zones.pop() if len(zones) == 1 else None


def check_calendars(calendars: object, build: Any) -> tuple[tuple[str, ...], tuple[WorkCalendar, ...]]:
    """The keys and calendars of ``calendars``, each value made a calendar by ``build(value)``."""
    if not isinstance(calendars, Mapping) or not calendars:
        raise InvalidInputError(
            "calendars must be a mapping of keys to calendars, e.g. {'CN': sc.calendar('CN'), 'HK': 'HK'}; "
            f"got {type(calendars).__name__} {brief(calendars)}"
        )
    if len(calendars) > _MAX_CALENDARS:
        raise InvalidInputError(f"calendars holds {len(calendars):,} calendars; at most {_MAX_CALENDARS:,}")
    keys: list[str] = []
    cals: list[WorkCalendar] = []
    for k, v in calendars.items():
        if not isinstance(k, str) or not k:
            raise InvalidInputError(
                f"the keys of calendars are non-empty text (the values of the calendar column); got {brief(k)}"
            )
        try:
            cals.append(build(v))
        except SlaclockError as exc:
            raise type(exc)(f"calendars[{brief(k)}]: {exc}") from None
        keys.append(k)
    return tuple(keys), tuple(cals)


def key_codes(keys: Any, shape: tuple[int, ...], known: tuple[str, ...], what: str = "calendar") -> Codes:
    """Each row's index into ``known`` (flat), from ``keys``: one key, or one per row of ``shape``.

    A pandas, polars or pyarrow column of text is matched by its own library (:func:`~slaclock._base.dataframes.
    text_codes`); other keys as a numpy array.

    Raises
    ------
    InvalidInputError
        Keys of another shape, or that are not text; a key not in ``known`` or a missing one
        (how many rows, the first index, the value and the known keys).
    """
    if _frames.foreign(keys):
        lib = _frames._lib(keys)
        coded = _frames.text_codes(keys, lib, known)
        if coded is not None:
            codes, value = coded
            flat = _broadcast(codes, shape, what)
            _refuse(flat, value, known, what)  # a column is one-dimensional: a first row is in its first copy
            return flat
        keys = _frames._numpy(keys, lib)
    # a list keeps its values as they are (numpy would make a NaN among text the text 'nan')
    k = np.asarray(keys, dtype=object) if isinstance(keys, list | tuple) else np.asarray(keys)
    if k.dtype.kind not in "OU" and not (k.size == 0 and k.dtype.kind == "f"):
        raise InvalidInputError(
            f"{what} must be the calendar key of each row (text, one of {_known(known)}); got an array of dtype "
            f"{k.dtype}"
        )
    flat = _broadcast(k, shape, what)
    codes = column_codes(flat, known)
    if codes.size and codes.min() < 0:
        _refuse(codes, lambda i: flat[i].item() if isinstance(flat[i], np.generic) else flat[i], known, what)
    return codes


def column_codes(flat: npt.NDArray[Any], known: tuple[str, ...]) -> Codes:
    """Each row of a flat numpy column of text as its position in ``known``: :data:`~slaclock._base.dataframes.
    UNKNOWN` for another value, :data:`~slaclock._base.dataframes.MISSING` for a missing one (None, NaN, pd.NA).
    A few objects repeated (a list's literals) are told apart by identity and each looked up once; fixed-width
    text is compared with each value the column holds (:func:`_compared`)."""
    found = by_identity(flat) if flat.dtype.kind == "O" else None
    if found is not None:  # each object looked up once, as a column's distinct values are
        first, by_object = found
        codes = _frames._lookup([flat[i] for i in first], known).take(by_object)
    else:
        codes = _compared(flat, known)
    bad = np.flatnonzero(codes < 0)
    if bad.size:
        missing = np.fromiter((is_missing_element(v) for v in flat[bad].tolist()), dtype=bool, count=bad.size)
        codes[bad[missing]] = _frames.MISSING
    return codes


def _compared(flat: npt.NDArray[Any], known: tuple[str, ...]) -> Codes:
    """Each row's position in ``known`` (-1 for none), by a comparison pass per known key; for fixed-width text
    with more known keys than two, a pass per value the column holds (a log holds three or four of a contract's
    event names), each value then looked up once."""
    if flat.dtype.kind == "U" and len(known) > 2:
        found = distinct_text(flat, min(len(known), 16))
        if found is not None:  # else a value none of ``known`` is, or more of them: compared with each below
            texts, by_value = found
            return _frames._lookup(texts, known).take(by_value)
    codes = np.full(flat.size, _frames.UNKNOWN, dtype=np.int16)
    try:
        for j, name in enumerate(known):  # the keys are distinct: each row adds its key's j + 1 at most once
            codes += equal_text(flat, name).view(np.int8) * np.int16(j + 1)  # arithmetic: no branch per row
    except (TypeError, ValueError):  # pd.NA and the like refuse ==: one row at a time
        lookup = {name: j for j, name in enumerate(known)}
        codes = np.fromiter(
            (lookup.get(v, -1) if isinstance(v, str) else -1 for v in flat.tolist()), dtype=np.int16, count=flat.size
        )
    return codes


def _broadcast(k: npt.NDArray[Any], shape: tuple[int, ...], what: str) -> npt.NDArray[Any]:
    """``k`` as one value per row of ``shape``, flat."""
    try:
        return np.broadcast_to(k, shape).reshape(-1)
    except ValueError:
        raise InvalidInputError(
            f"{what} must be one key or one per start: got {k.size:,} keys (shape {brief(k.shape)}) for "
            f"{int(np.prod(shape)):,} starts (shape {brief(shape)})"
        ) from None


def _refuse(codes: Codes, value: Callable[[int], object], known: tuple[str, ...], what: str) -> None:
    """Refuse rows coded :data:`~slaclock._base.dataframes.MISSING` (first), then rows of a key not in ``known``;
    ``value(i)`` is row ``i``'s key, for the message."""
    if codes.size == 0 or codes.min() >= 0:
        return
    missing = codes == _frames.MISSING
    if missing.any():
        i = int(np.argmax(missing))
        raise InvalidInputError(
            f"{what}: {int(missing.sum()):,} rows have no calendar key (missing), the first at index {i}; give "
            f"every row one of {_known(known)} (fill the missing ones, e.g. with the queue's default), or drop "
            "those rows"
        )
    bad = codes < 0
    i = int(np.argmax(bad))
    raise InvalidInputError(
        f"{what}: {int(bad.sum()):,} rows name a calendar not in calendars, the first at index {i}: "
        f"{brief(value(i))}; the known keys: {_known(known)}"
    )


def distinct_text(flat: npt.NDArray[np.str_], few: int) -> tuple[list[str], I64] | None:
    """The distinct values of a flat fixed-width text column, in the order of their first rows, and each row's index
    among them, by a comparison pass per value (:func:`equal_text`); None past ``few`` values."""
    found = few_distinct(flat.size, lambda i: equal_text(flat, str(flat[i])), few)
    if found is None:
        return None
    first, codes = found
    return [str(flat[i]) for i in first], codes


WORDS_UP_TO: Final = 24
""":func:`equal_text` compares text of up to this many bytes (six characters) as words; wider text, as numpy does."""


def equal_text(flat: npt.NDArray[Any], name: str) -> Mask:
    """``flat == name``; for fixed-width text of up to :data:`WORDS_UP_TO` bytes, compared as machine words: 8 bytes
    at a time, each row's words read where they lie (a row of 20 bytes puts every other row's words off the 8-byte
    grid: read so, three passes, not five of 4 bytes), the last 4 bytes as one if the width leaves them. numpy's
    text ``==`` is ~15x slower for two characters, 1.4x for six; wider, a pass per word costs more than it saves
    (each pass reads every row's cache line: 3x slower for sixteen characters), so numpy compares them."""
    width = flat.dtype.itemsize // 4 if flat.dtype.kind == "U" else 0
    if not width or flat.size < 1024 or flat.dtype.itemsize > WORDS_UP_TO:
        return np.asarray(flat == name, dtype=bool)
    if len(name) > width:  # the column's values are all shorter than the key
        return np.zeros(flat.size, dtype=bool)
    raw = np.ascontiguousarray(flat).view(np.uint8)
    key = np.array([name], dtype=flat.dtype).view(np.uint8)
    size, itemsize = flat.size, flat.dtype.itemsize
    same: Mask | None = None
    at = 0
    while at < itemsize:  # a word of every row at a time: ``(rows == key).all(axis=1)`` is 5x slower
        word: type[np.unsignedinteger[Any]] = np.uint64 if itemsize - at >= 8 else np.uint32
        n = np.dtype(word).itemsize
        column = np.ndarray((size,), dtype=word, buffer=raw, offset=at, strides=(itemsize,))
        here = column == key[at : at + n].view(word)[0]
        same = here if same is None else np.logical_and(same, here, out=same)
        at += n
    assert same is not None
    return same


def warn_rows(flags: Mask, rows: RowCalendars, what: str, then: str) -> None:
    """One ProvisionalWarning for the provisional ``flags`` of a per-row result (nothing if none)."""
    if not flags.any():
        return
    flat = flags.reshape(-1)
    regions = sorted(
        {(c.region, c.official_until) for j, c in enumerate(rows.calendars) if (flat & (rows.codes == j)).any()}
    )
    read = "; ".join(_provisional.past_official(region, until) for region, until in regions)
    _provisional.warn(
        f"{int(flat.sum()):,} of {flat.size:,} {what} (the first at index {int(np.argmax(flat))}) rest on {read}. "
        f"{then}"
    )


def _known(known: tuple[str, ...]) -> str:
    return brief(list(known))
