"""Whether actions were in time: ``at < due`` compared as instants, for :meth:`Deadlines.is_met` (the column
kind) and the adapters that call it.

A naive ``at`` is read as the due column reads its starts (wall time in the calendar's zone, each row's own with a
calendar per row, or UTC); an aware one is the instant it names. A naive wall time the clocks skip names no
instant, and is refused as the scalar ``is_met`` refuses it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from slaclock._base.instants import NAT_INT, as_column, check_years, epoch_us, has_offset, iso_like
from slaclock._base.show import position
from slaclock._rules.engine import calendar_zones
from slaclock._rules.perrow import shape_text
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._rules.rowcalendars import RowCalendars

__all__ = ["met"]

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


def met(
    cal: WorkCalendar, due: Any, at: Any, *, due_utc: bool, naive_utc: bool, rows: RowCalendars | None = None
) -> Mask:
    """``at < due`` as instants: ``due`` holds UTC (``due_utc``) or wall times; naive ``at`` values are UTC
    (``naive_utc``) or wall times, aware ones are instants. ``rows``: wall times in each row's calendar's zone."""
    d = np.asarray(due)
    if d.dtype.kind != "M":
        raise InvalidInputError(f"is_met needs a due column of datetime64 instants; got dtype {d.dtype}")
    due_us = d.astype("datetime64[us]", copy=False).view(np.int64)
    us, aware = _at_us(at)
    try:
        if np.broadcast_shapes(us.shape, due_us.shape) != due_us.shape and rows is not None:
            raise ValueError  # one calendar per row: each ``at`` is read in its row's zone, so no wider shape
    except ValueError:
        raise InvalidInputError(
            f"is_met needs one instant or a column the shape of the deadlines: got shape {shape_text(us.shape)} "
            f"for {shape_text(due_us.shape)}"
        ) from None
    if rows is not None:  # each row converts in its own zone: ``at`` the shape of the rows
        us = np.broadcast_to(us, due_us.shape).copy()
        aware = None if aware is None else np.broadcast_to(aware, due_us.shape)

    def convert(sel: Mask, to_utc: bool) -> I64:
        return _convert(cal, us[sel], to_utc=to_utc) if rows is None else rows.convert(us, sel, to_utc=to_utc)

    live = us != NAT_INT
    if not naive_utc:  # a naive wall time the clocks skip names no instant: refused, as the scalar is_met does
        _no_skipped(cal, us, live if aware is None else live & ~aware, rows)
    if naive_utc != due_utc:  # naive values to the due's frame
        naive = live if aware is None else live & ~aware
        if naive.any():
            us = us.copy()
            us[naive] = convert(naive, due_utc)
    if aware is not None and not due_utc and (aware & live).any():  # instants to wall times
        us = us.copy()
        us[aware & live] = convert(aware & live, False)
    out: Mask = np.asarray(us < due_us)
    out &= due_us != NAT_INT
    out &= live
    return out


def _no_skipped(cal: WorkCalendar, us: I64, naive: Mask, rows: RowCalendars | None) -> None:
    """Raise for a naive wall time in ``us`` (on ``naive``) that the clocks skip in its calendar's zone."""
    flat, sel = us.reshape(-1), np.broadcast_to(naive, us.shape).reshape(-1)
    for j, c in enumerate((cal,) if rows is None else rows.calendars):
        m = sel if rows is None else sel & (rows.codes.reshape(-1) == j)
        if not m.any():
            continue
        zones = calendar_zones(c, flat[m])
        if zones.constant is not None:  # one offset over the span: no gap (CN, HK, MO, TW since 1991)
            continue
        skipped = zones.to_utc(np.where(m, flat, flat[m][0]), gap="flag")[1]
        if skipped is not None and (skipped & m).any():
            i = int(np.argmax(skipped & m))
            where = "" if us.ndim == 0 else f"[{position(i, us.shape)}]"
            raise InvalidInputError(
                f"at{where} = {np.datetime64(int(flat[i]), 'us')} does not exist in {c.tz} (the clocks skip it); "
                "give an aware instant, or UTC with utc=True"
            )


def _convert(cal: WorkCalendar, us: I64, *, to_utc: bool) -> I64:
    """UTC microseconds to wall times in the calendar's zone, or wall times to UTC (a skipped one: the jump)."""
    zones = calendar_zones(cal, us)
    return zones.to_utc(us, gap="jump")[0] if to_utc else zones.to_wall(us)


def _at_us(at: Any) -> tuple[I64, Mask | None]:
    """``at`` as int64 microseconds (``NAT_INT`` where missing), and which of them are UTC instants (None: none).

    Naive values (datetime64, naive datetimes and text, dates at 00:00) keep their wall fields.
    """
    if isinstance(at, (dt.date, str)):
        at = np.array(at, dtype=object)
    a = as_column(at, "at")
    if a.dtype.kind == "U" and not has_offset(a) and iso_like(a):
        try:
            a = a.astype("datetime64[us]")
        except ValueError:
            a = a.astype(object)  # let the element reader name the bad text
    if a.dtype.kind == "M":
        check_years(a, "at")
        return a.astype("datetime64[us]", copy=False).view(np.int64), None
    if a.dtype.kind not in "OU":
        raise InvalidInputError(f"is_met needs instants (datetime64, datetimes or ISO text); got dtype {a.dtype}")
    flat = a.reshape(-1).tolist()
    us = np.empty(len(flat), dtype=np.int64)
    aware = np.zeros(len(flat), dtype=bool)
    for i, v in enumerate(flat):
        us[i], aware[i] = epoch_us(v, f"at[{i}]" if a.ndim else "at")
    return us.reshape(a.shape), aware.reshape(a.shape) if aware.any() else None
