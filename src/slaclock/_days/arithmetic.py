"""Day facts and workday arithmetic on a :class:`~slaclock._days.table.DayTable`: what ``WorkCalendar`` answers.

Every function takes the table, reads its input through :mod:`slaclock._base.instants` and answers in kind.
Each has two paths over the same tables:

* a scalar fast path for a plain ``date`` (and an ``int`` step): list lookups, no numpy;
* a vector path for arrays (numpy gathers); every other scalar goes through it too, as a 0-d array,
  so the two can only differ in the fast path, which the property tests compare with the vector path.

pandas, polars and pyarrow columns are turned into numpy, answered, and given back in their own kind
(:mod:`slaclock._base.dataframes`). A missing date gives a missing answer (``docs/guide.md``, "Missing values").
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from typing import Any, Final, cast, get_args

import numpy as np
import numpy.typing as npt

from slaclock._base import dataframes as _frames
from slaclock._base import instants as _read
from slaclock._base.instants import EPOCH_ORDINAL, NAT_INT, MissingValueError, is_missing
from slaclock._base.show import brief
from slaclock._base.types import ROLL_ALIASES, DateArray, DateLike, IntLike, Lang, RollMode
from slaclock._days.kinds import KINDS_BY_CODE, DayInfo, DayKind
from slaclock._days.table import DayTable, day_text
from slaclock.errors import InvalidInputError, NonWorkdayError

__all__ = [
    "add_workdays",
    "day_info",
    "day_kind",
    "holiday_name",
    "is_int",
    "is_provisional",
    "is_workday",
    "nth_workday_of_month",
    "roll",
    "workdays_between",
    "workdays_in_month",
]

DaysArray = npt.NDArray[np.int64]
"""Epoch days (days since 1970-01-01) as int64, ``NAT_INT`` for NaT."""

_ROLL_MODES: Final = get_args(RollMode)
_STEP: Final = 2**40
"""Steps beyond this many workdays leave any table; clamping keeps index arithmetic inside int64."""


# -- day facts ----------------------------------------------------------------------------------


def is_workday(t: DayTable, x: DateLike | None) -> bool | npt.NDArray[np.bool_]:
    ix = t.ix
    if type(x) is dt.date:
        i = x.toordinal() - ix.o0
        if 0 <= i < ix.n and i <= ix.official_last:
            return ix.work_l[i]
    if _is_scalar(x):
        try:
            o = _read.ordinal(t.zone, x)
        except MissingValueError:
            return False
        return ix.work_l[t.index_of(o, "is_workday")]
    if _frames.foreign(x):
        return cast("npt.NDArray[np.bool_]", _frames.apply(functools.partial(is_workday, t), (x,), "d", t))
    if is_missing(x):
        return False
    days = _read.epoch_days(t.zone, x)
    idx, nat = t.indices(days, "is_workday")
    t.warn_if_projected(idx, "is_workday")
    out = np.asarray(ix.work[idx])  # an array also for a 0-d input
    if nat is not None:
        out[nat] = False
    return cast("bool | npt.NDArray[np.bool_]", _unwrap(out))


def day_kind(t: DayTable, x: DateLike | None) -> DayKind | npt.NDArray[np.str_] | None:
    ix = t.ix
    if _is_scalar(x):
        try:
            o = _read.ordinal(t.zone, x)
        except MissingValueError:
            return None
        return KINDS_BY_CODE[int(ix.kind[t.index_of(o, "day_kind")])]
    if _frames.foreign(x):
        return cast("npt.NDArray[np.str_]", _frames.apply(functools.partial(day_kind, t), (x,), "d", t))
    if is_missing(x):
        return None
    days = _read.epoch_days(t.zone, x)
    idx, nat = t.indices(days, "day_kind")
    t.warn_if_projected(idx, "day_kind")
    labels = np.array([k.value for k in KINDS_BY_CODE] + [""])
    codes = np.asarray(ix.kind[idx], dtype=np.intp)
    if nat is not None:
        codes[nat] = len(KINDS_BY_CODE)
    if codes.ndim == 0:
        return KINDS_BY_CODE[int(codes)] if int(codes) < len(KINDS_BY_CODE) else None  # a 0-d array
    return labels[codes]


def holiday_name(t: DayTable, x: object, lang: Lang) -> str | None:
    if not isinstance(lang, str) or lang not in ("zh", "en"):
        raise InvalidInputError(f"lang must be 'zh' or 'en', got {brief(lang)}")
    if is_missing(x):
        return None
    names = t.names.get(t.index_of(_read.ordinal(t.zone, x), "holiday_name"))
    if names is None:
        return None
    return names[1] if lang == "zh" else names[0]


def day_info(t: DayTable, x: object) -> DayInfo | None:
    if is_missing(x):
        return None
    i = t.index_of(_read.ordinal(t.zone, x), "day_info")
    ix = t.ix
    names = t.names.get(i)
    return DayInfo(
        date=ix.date_of(i),
        kind=KINDS_BY_CODE[int(ix.kind[i])],
        is_workday=ix.work_l[i],
        name_en=names[0] if names else None,
        name_zh=names[1] if names else None,
        provisional=i > ix.official_last,
    )


def is_provisional(t: DayTable, x: DateLike | None) -> bool | npt.NDArray[np.bool_]:
    if _is_scalar(x):
        try:
            return _read.ordinal(t.zone, x) > t.prov_ord
        except MissingValueError:
            return False
    if _frames.foreign(x):
        return cast("npt.NDArray[np.bool_]", _frames.apply(functools.partial(is_provisional, t), (x,), "d", t))
    if is_missing(x):
        return False
    days = _read.epoch_days(t.zone, x)
    out = days > (t.prov_ord - EPOCH_ORDINAL)
    out &= days != NAT_INT
    return cast("bool | npt.NDArray[np.bool_]", _unwrap(out))


# -- workday offsets ----------------------------------------------------------------------------


def add_workdays(t: DayTable, x: DateLike | None, n: IntLike, out: DateArray | None) -> dt.date | DateArray | None:
    """The ``n``-th workday after ``x`` (before it for ``n < 0``); the start day never counts."""
    if out is not None:
        return _add_workdays_into(t, x, n, out)
    ix = t.ix
    if type(x) is dt.date and type(n) is int:
        i = x.toordinal() - ix.o0
        if 0 <= i < ix.n:
            if n > 0:
                k = ix.rank_l[i + 1] + n - 1
            elif n < 0:
                k = ix.rank_l[i] + n
            else:
                k = -1
            if 0 <= k < ix.npos:
                o = ix.pos_ord_l[k]
                if o <= t.prov_ord and i <= ix.official_last:
                    return dt.date.fromordinal(o)
    return _add_workdays_general(t, x, n)


def _add_workdays_general(t: DayTable, x: DateLike | None, n: IntLike) -> dt.date | DateArray | None:
    if _frames.foreign(x) or _frames.foreign(n):
        return cast(DateArray, _frames.apply(functools.partial(add_workdays, t, out=None), (x, n), "dv", t))
    if is_int(n) and is_missing(x):
        if isinstance(x, np.datetime64):  # a datetime64 scalar answers in kind (a NaT row's answer)
            return cast(DateArray, _as_row(add_workdays, t, x, n, None))
        return None
    scalar_out = _is_scalar(x) and is_int(n)
    days = _read.epoch_days(t.zone, x)
    steps = _as_steps(n)
    if steps.ndim == 0:
        out = _offset_scalar_n(t, days, int(steps))
    else:
        days, steps = _broadcast(days, steps, "add_workdays: x and n")
        out = _offset_array_n(t, np.ascontiguousarray(days), np.ascontiguousarray(steps))
    if scalar_out:
        return dt.date.fromordinal(int(out.reshape(-1)[0]) + EPOCH_ORDINAL)
    return cast("DateArray", _unwrap(out.view("datetime64[D]")))


def _add_workdays_into(t: DayTable, x: DateLike | None, n: IntLike, out: DateArray) -> DateArray:
    if not isinstance(out, np.ndarray) or out.dtype != np.dtype("datetime64[D]") or not out.flags.writeable:
        raise InvalidInputError(f"out must be a writeable datetime64[D] ndarray; got {type(out).__name__}")
    days = _read.epoch_days(t.zone, x)
    steps = _as_steps(n)
    try:
        shape = np.broadcast_shapes(days.shape, steps.shape)
    except ValueError:
        raise InvalidInputError(f"add_workdays: shapes {days.shape} and {steps.shape} do not broadcast") from None
    if out.shape != shape:
        raise InvalidInputError(f"out has shape {out.shape}; the result has shape {shape}")
    buf = out.view(np.int64)
    if steps.ndim == 0 and days.shape == shape and out.flags.c_contiguous:
        step = int(steps)
        if step != 0 and abs(step) < _STEP and _offset_in_place(t, days, step, step > 0, buf) is not None:
            return out
    result = _add_workdays_general(t, np.broadcast_to(days.view("datetime64[D]"), shape), steps)
    np.copyto(out, np.asarray(result))
    return out


def _offset_in_place(
    t: DayTable, days: DaysArray, n: int | npt.NDArray[np.int64], forward: bool, into: DaysArray | None = None
) -> DaysArray | None:
    """The fast kernel: no NaT, one sign of ``n``, official days only; ``None`` if it does not apply.

    Three gathers and adds in place in one int64 buffer, which becomes the result: fresh
    temporaries cost more in page faults than the arithmetic itself.
    """
    ix = t.ix
    if days.size == 0 or t.horizon != "official":
        return None
    lo, hi = int(days.min()), int(days.max())
    if lo == NAT_INT or lo < ix.d0 or hi >= ix.d0 + ix.n:
        return None
    if into is None:
        buf = days.astype(np.int64, copy=True)  # a 0-d input stays an array
    else:
        # ranks are monotone: bound the positions from the extreme days before writing a byte of
        # `into` (which may be the input itself), so an error leaves it untouched
        rank = ix.rank_after64 if forward else ix.rank64
        step = cast(int, n) - int(forward)
        if int(rank[lo - ix.d0]) + step < 0 or int(rank[hi - ix.d0]) + step >= ix.npos:
            return None
        buf = into
        np.copyto(buf, days)  # `days` may be `into` itself
    buf -= ix.d0
    np.take(ix.rank_after64 if forward else ix.rank64, buf, out=buf, mode="clip")
    buf += n
    if forward:
        buf -= 1
    if int(buf.min()) < 0 or int(buf.max()) >= ix.npos:
        _check_k(t, buf, days, n)
    np.take(ix.posday, buf, out=buf, mode="clip")
    return buf


def _offset_scalar_n(t: DayTable, days: DaysArray, n: int) -> DaysArray:
    ix = t.ix
    if n != 0 and abs(n) < _STEP:
        fast = _offset_in_place(t, days, n, n > 0)
        if fast is not None:
            return fast
    idx, nat = t.indices(days, "add_workdays")
    if n == 0:
        t.warn_if_projected(idx, "add_workdays")
        return days.copy()
    k = np.asarray(np.take(ix.rank_after64 if n > 0 else ix.rank64, idx))
    step = max(-_STEP, min(_STEP, n))
    k += step - 1 if n > 0 else step
    if nat is not None:
        k[nat] = 0
    _check_k(t, k, days, n, nat)
    out = np.asarray(np.take(ix.posday, k))
    if nat is not None:
        out[nat] = NAT_INT
    t.warn_if_projected_result(idx, nat, out, "add_workdays")
    return out


def _offset_array_n(t: DayTable, days: DaysArray, n: npt.NDArray[np.int64]) -> DaysArray:
    ix = t.ix
    if n.size:
        n_lo, n_hi = int(n.min()), int(n.max())
        if (n_lo > 0 or n_hi < 0) and max(abs(n_lo), abs(n_hi)) < _STEP:
            fast = _offset_in_place(t, days, n, n_lo > 0)
            if fast is not None:
                return fast
    idx, nat = t.indices(days, "add_workdays")
    fwd = n > 0
    k: npt.NDArray[np.int64] = np.where(fwd, ix.rank_after64[idx] - 1, ix.rank64[idx]) + np.clip(n, -_STEP, _STEP)
    zero = n == 0
    skip = zero if nat is None else (zero | nat)
    k[skip] = 0
    _check_k(t, k, days, n, skip)
    out: DaysArray = ix.posday[k]
    out[zero] = days[zero]
    if nat is not None:
        out[nat] = NAT_INT
    t.warn_if_projected_result(idx, nat, out, "add_workdays")
    return out


def _check_k(
    t: DayTable,
    k: npt.NDArray[np.integer],
    days: DaysArray,
    n: int | npt.NDArray[np.int64],
    skip: npt.NDArray[np.bool_] | None = None,
) -> None:
    """Raise the horizon error for the first workday position ``k`` outside the table (``skip`` rows aside)."""
    ix = t.ix
    if k.size == 0 or (int(k.min()) >= 0 and int(k.max()) < ix.npos):
        return
    bad = (k < 0) | (k >= ix.npos)
    if skip is not None:
        bad &= ~skip
        if not bad.any():
            return
    first = int(np.flatnonzero(bad.reshape(-1))[0])
    start = day_text(int(days.reshape(-1)[first]))
    step = int(n) if isinstance(n, int) else int(n.reshape(-1)[first])
    after = int(k.reshape(-1)[first]) >= ix.npos
    edge = t.last_day if after else ix.date_of(0)
    shown = str(step) if abs(step) < 2**62 else f"{'' if step > 0 else '-'}2**62 or more"  # steps are clamped there
    reason = f"add_workdays({start}, {shown}) needs days {'after' if after else 'before'} {edge.isoformat()}"
    raise t.horizon_error(reason, after=after, count=int(bad.sum()), total=k.size, index=first, shape=k.shape)


# -- counts -------------------------------------------------------------------------------------


def workdays_between(t: DayTable, a: DateLike, b: DateLike) -> int | npt.NDArray[np.int64]:
    """Workdays in the half-open range ``[a, b)``; negative when ``b < a``."""
    ix = t.ix
    if type(a) is dt.date and type(b) is dt.date:
        i, j = a.toordinal() - ix.o0, b.toordinal() - ix.o0
        lim = ix.official_last + 1
        if 0 <= i <= lim and 0 <= j <= lim:
            return ix.rank_l[j] - ix.rank_l[i]
    if _is_scalar(a) and _is_scalar(b):
        try:
            oa, ob = _read.ordinal(t.zone, a, "`a`"), _read.ordinal(t.zone, b, "`b`")
        except MissingValueError as exc:
            raise InvalidInputError(f"workdays_between: {exc}; a count has no missing value") from None
        i, j = t.count_index(oa, "workdays_between a"), t.count_index(ob, "workdays_between b")
        if max(i, j) - 1 > ix.official_last:
            t.warn_projected(ix.date_of(max(i, j) - 1), "workdays_between")
        return ix.rank_l[j] - ix.rank_l[i]
    if _frames.foreign(a) or _frames.foreign(b):
        return cast("npt.NDArray[np.int64]", _frames.apply(functools.partial(workdays_between, t), (a, b), "dd", t))
    da, db = _broadcast(_read.epoch_days(t.zone, a), _read.epoch_days(t.zone, b), "workdays_between: a and b")
    ia = t.count_indices(da, "workdays_between", "a")
    ib = t.count_indices(db, "workdays_between", "b")
    if ia.size:
        hi = int(np.maximum(ia, ib).max()) - 1
        if hi > ix.official_last:
            t.warn_projected(ix.date_of(hi), "workdays_between")
    out = np.take(ix.rank64, ib, mode="clip")  # indices checked above; gather in place
    out -= np.take(ix.rank64, ia, out=ia, mode="clip")
    return cast("int | npt.NDArray[np.int64]", _unwrap(out))


# -- rolling rest days to workdays --------------------------------------------------------------


def roll(t: DayTable, x: DateLike | None, mode: str) -> dt.date | DateArray | None:
    """Rest days moved to a workday by ``mode`` (numpy's ``busday_offset`` vocabulary); workdays stay."""
    mode = roll_mode(mode)
    if _frames.foreign(x):
        return cast(DateArray, _frames.apply(functools.partial(roll, t), (x, mode), "d-", t))
    if is_missing(x):
        if isinstance(x, np.datetime64):  # a datetime64 scalar answers in kind (a NaT row's answer)
            return cast(DateArray, _as_row(roll, t, x, mode))
        return None
    days = _read.epoch_days(t.zone, x)
    ix = t.ix
    idx, nat = t.indices(days, "roll")
    work = np.asarray(ix.work[idx])
    if nat is not None:
        work[nat] = True
    if mode == "raise":
        _refuse_rest_days(t, days, idx, work)
        out = days.copy()
    elif mode == "nat":
        out = np.where(work, days, NAT_INT)
    else:
        out = _roll_to_workdays(t, days, idx, nat, work, mode)
    if nat is not None:
        out[nat] = NAT_INT
    t.warn_if_projected_result(idx, nat, out, "roll")
    if _is_scalar(x):
        value = int(out.reshape(-1)[0])
        return None if value == NAT_INT else dt.date.fromordinal(value + EPOCH_ORDINAL)
    return cast("DateArray", _unwrap(out.view("datetime64[D]")))


def roll_mode(mode: object) -> str:
    """``mode`` as one of the roll modes (numpy's ``following``/``preceding`` are aliases); else an error."""
    if isinstance(mode, str) and mode in _ROLL_MODES:
        return mode
    if isinstance(mode, str) and mode in ROLL_ALIASES:
        return ROLL_ALIASES[mode]
    raise InvalidInputError(
        f"roll mode must be one of {', '.join(map(repr, _ROLL_MODES))} (numpy's 'following' and "
        f"'preceding' are accepted for 'forward' and 'backward'); got {brief(mode)}"
    )


def _refuse_rest_days(t: DayTable, days: DaysArray, idx: DaysArray, work: npt.NDArray[np.bool_]) -> None:
    if work.all():
        return
    first = int(np.flatnonzero(~work.reshape(-1))[0])
    day = day_text(int(days.reshape(-1)[first]))
    kind = KINDS_BY_CODE[int(t.ix.kind.reshape(-1)[idx.reshape(-1)[first]])]
    where = (
        ""
        if work.size == 1 and days.ndim == 0
        else f"{int((~work).sum())} of {work.size} dates are rest days; first at index {first}: "
    )
    raise NonWorkdayError(
        f"{where}{day} is not a workday ({kind.value}, {kind.zh}); choose a roll mode such as 'forward' or 'backward'"
    )


def _roll_to_workdays(
    t: DayTable,
    days: DaysArray,
    idx: DaysArray,
    nat: npt.NDArray[np.bool_] | None,
    work: npt.NDArray[np.bool_],
    mode: str,
) -> DaysArray:
    ix = t.ix
    fwd_k = np.array(ix.rank[idx])
    back_k = np.array(ix.rank_after[idx], dtype=np.int64)  # an array also for a 0-d input
    back_k -= 1
    if nat is not None:
        fwd_k[nat] = 0
        back_k[nat] = 0
    forward = mode in ("forward", "modifiedfollowing")
    primary_k = fwd_k if forward else back_k
    modified = mode.startswith("modified")
    month = days.view("datetime64[D]").astype("datetime64[M]")
    off_edge = (primary_k < 0) | (primary_k >= ix.npos)
    if modified and off_edge.any():
        # Off the table's edge the modified rule still knows the answer when the rest of the
        # month lies inside the table: the workday beyond is then in another month.
        if forward:
            month_end = (month + 1).astype("datetime64[D]").view(np.int64) - 1
            unknown = off_edge & (month_end >= ix.d0 + ix.n)
        else:
            unknown = off_edge & (month.astype("datetime64[D]").view(np.int64) < ix.d0)
        _check_roll(t, primary_k, days, work | ~unknown, mode)
    elif not modified:
        _check_roll(t, primary_k, days, work, mode)
    out: DaysArray = np.where(work, days, ix.posday[np.clip(primary_k, 0, ix.npos - 1)])
    if modified:
        moved = ~work & (off_edge | (out.view("datetime64[D]").astype("datetime64[M]") != month))
        if moved.any():
            other_k = back_k if forward else fwd_k
            # checked over the whole column (rows that stay count as fine), so an error counts and
            # indexes rows of the column, not of the moved rows
            _check_roll(t, np.where(moved, other_k, 0), days, ~moved, mode)
            out[moved] = ix.posday[other_k[moved]]
    return out


def _check_roll(
    t: DayTable, k: npt.NDArray[np.integer], days: DaysArray, work: npt.NDArray[np.bool_], mode: str
) -> None:
    ix = t.ix
    bad = ~work & ((k < 0) | (k >= ix.npos))
    if bad.any():
        first = int(np.flatnonzero(bad.reshape(-1))[0])
        after = int(k.reshape(-1)[first]) >= ix.npos
        day = day_text(int(days.reshape(-1)[first]))
        reason = f"roll({day}, {mode!r}) needs a workday {'after' if after else 'before'} the covered days"
        raise t.horizon_error(reason, after=after, count=int(bad.sum()), total=k.size, index=first, shape=k.shape)


# -- months -------------------------------------------------------------------------------------


def nth_workday_of_month(t: DayTable, year: int, month: int, n: int) -> dt.date:
    if not is_int(n) or n == 0:
        raise InvalidInputError(f"n must be a non-zero integer (1 = first workday, -1 = last); got {brief(n)}")
    i, j = _month_span(t, year, month, "nth_workday_of_month")
    ix = t.ix
    total = ix.rank_l[j] - ix.rank_l[i]
    if abs(n) > total:
        raise InvalidInputError(
            f"{year:04d}-{month:02d} has {total} workdays in this calendar; n must be in 1..{total} or "
            f"-{total}..-1, got {n}"
        )
    k = ix.rank_l[i] + n - 1 if n > 0 else ix.rank_l[j] + n
    return dt.date.fromordinal(ix.pos_ord_l[k])


def workdays_in_month(t: DayTable, year: int, month: int) -> int:
    i, j = _month_span(t, year, month, "workdays_in_month")
    return t.ix.rank_l[j] - t.ix.rank_l[i]


def _month_span(t: DayTable, year: int, month: int, op: str) -> tuple[int, int]:
    if not (is_int(year) and is_int(month)) or not (1 <= int(month) <= 12) or not (1 <= int(year) <= 9999):
        raise InvalidInputError(
            f"{op}: year must be an integer 1..9999 and month an integer 1..12; "
            f"got year={brief(year)}, month={brief(month)}"
        )
    first = dt.date(int(year), int(month), 1)
    end = first.toordinal() + calendar.monthrange(int(year), int(month))[1]  # the day after: 10000-01-01 has none
    return t.index_of(first.toordinal(), op), t.count_index(end, f"{op}: the end of the month,")


# -- small helpers --------------------------------------------------------------------------------


def is_int(n: object) -> bool:
    """Whether ``n`` is one integer (Python or numpy; bools are not, nor ``timedelta64``, a numpy integer subclass)."""
    return isinstance(n, (int, np.integer)) and not isinstance(n, (bool, np.bool_, np.timedelta64))


def _is_scalar(x: object) -> bool:
    return isinstance(x, (dt.date, str))


def _as_row(fn: Any, t: DayTable, x: Any, *args: Any) -> Any:
    """``fn`` on a one-row column of ``x``, its row as a numpy scalar: one ``datetime64('NaT')`` is a NaT row."""
    return np.asarray(fn(t, np.reshape(x, 1), *args)).reshape(())[()]


def _as_steps(n: object) -> npt.NDArray[np.int64]:
    """Workday steps as int64, clamped far outside any table (so unsigned and huge values cannot wrap)."""
    if is_int(n):
        return np.array(max(-(2**62), min(2**62, int(cast(int, n)))), dtype=np.int64)
    _read.refuse_masked(n, "n")
    a = _read.as_array(n, "n")
    if a.dtype.kind == "u":
        if a.dtype.itemsize < 8:
            return a.astype(np.int64)  # every value fits
        clamped: npt.NDArray[np.int64] = np.minimum(a, np.uint64(2**62)).astype(np.int64)
        return clamped
    if a.dtype.kind != "i":
        raise InvalidInputError(
            f"n must be an integer or an integer array (a number of workdays); got "
            f"{type(n).__name__} of dtype {a.dtype}: {brief(n)}"
        )
    return a.astype(np.int64, copy=False)


def _broadcast(a: DaysArray, b: DaysArray, what: str) -> tuple[DaysArray, DaysArray]:
    try:
        x, y = np.broadcast_arrays(a, b)
    except ValueError:
        raise InvalidInputError(f"{what}: shapes {a.shape} and {b.shape} do not broadcast together") from None
    return x, y


def _unwrap(a: Any) -> Any:
    """A 0-d array (from a ``datetime64`` scalar input) as a numpy scalar; arrays unchanged."""
    return a[()] if isinstance(a, np.ndarray) and a.ndim == 0 else a
