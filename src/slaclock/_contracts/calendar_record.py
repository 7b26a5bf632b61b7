"""The calendar data a case is counted on: its record (:func:`calendar_record`) and the check on replay.

Also the words for days past the official data and the hint added to a
:class:`~slaclock.CalendarHorizonError`, shared by cases and ``evaluate``.

Maintainer's notes
------------------
* **The record.** A case is counted on the calendar it was opened with, and is
  equal to another only on the same calendar. :meth:`Case.to_dict
  <slaclock.Case.to_dict>` records that calendar's data (:func:`calendar_record`);
  :meth:`Case.from_dict <slaclock.Case.from_dict>` compares the record with the
  calendar it replays on (:func:`_check_same_data`), and lets pass silently only
  data that extends the official data the case was stored on (:func:`_extends`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from slaclock._base.show import brief
from slaclock._base.warn import past_official
from slaclock.errors import CalendarHorizonError, CalendarMismatchError, InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar

__all__ = ["calendar_record"]


def _past(cal: WorkCalendar) -> str:
    """Words for the days a provisional result read (:func:`slaclock._base.warn.past_official`)."""
    return past_official(cal.region, cal.official_until)


def _horizon_hint(exc: CalendarHorizonError, cal: WorkCalendar, how: str) -> CalendarHorizonError:
    """``exc`` with where a case or a batch takes the calendar the error's advice names."""
    if cal.custom_span is not None or cal.horizon == "projected":
        return exc
    return CalendarHorizonError(
        f"{exc}. Give the calendar where it is counted: {how}, with e.g. "
        f"cal = sc.calendar({brief(cal.region)}, horizon='projected')"
    )


def _digest(parts: Sequence[str]) -> str:
    return "sha256:" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def calendar_record(cal: WorkCalendar) -> dict[str, Any]:
    """The calendar data ``cal`` answers from, as plain values (see :meth:`Case.to_dict`).

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.calendar_record import calendar_record
    >>> r = calendar_record(sc.calendar("HK"))
    >>> r["region"], r["tz"], r["holiday_list"], r["horizon"], r["official_until"]
    ('HK', 'Asia/Hong_Kong', 'general', 'official', '2026-12-31')
    """
    from slaclock._days.sources import holidays_version, snapshot_version

    out: dict[str, Any] = {
        "region": cal.region,
        "tz": cal.tz,
        "holiday_list": cal.holiday_list,
        "horizon": cal.horizon,
        "official_until": cal.official_until.isoformat(),
        "data_version": snapshot_version() if cal.custom_span is None else "custom",
    }
    if cal.horizon == "projected":
        out["projected_with"] = holidays_version()
    out["arrangements"] = [
        {
            "year": a.year,
            "notice": a.notice,
            "document_number": a.document_number,
            "published": None if a.published is None else a.published.isoformat(),
            "changes": [c.document_number or c.notice for c in a.changes],
            "first_day": min((*a.off_days, *a.makeup_days)).isoformat(),
            "days": _digest([f"off {d.isoformat()}" for d in a.off_days] + [f"makeup {d}" for d in a.makeup_days]),
        }
        for a in cal.arrangements
    ]
    out["closures"] = {d.isoformat(): reason for d, reason in cal.closures}
    out["extra_workdays"] = {d.isoformat(): reason for d, reason in cal.extra_workdays}
    out["hours"] = None if cal.hours is None else cal.hours.describe()
    if cal.custom_span is not None:
        first, last = cal.custom_span
        out["custom"] = {
            "weekmask": "".join("1" if w else "0" for w in cal.weekmask),
            "holidays": _digest([f"{d.isoformat()} {name}" for d, name in cal.custom_holidays]),
            "span": [first.isoformat(), last.isoformat()],
        }
    return out


_EXTENDABLE: Final = ("official_until", "arrangements", "horizon", "projected_with")
"""What may change when new data only extends the official data a case was stored on."""


def _check_same_data(stored: object, cal: WorkCalendar, contract: str) -> None:
    """Refuse a replay on calendar data that differs from the stored record, unless it only extends it."""
    if not isinstance(stored, Mapping) or not all(isinstance(k, str) for k in stored):
        raise InvalidInputError(f"a stored case's 'calendar' is a table of what its calendar was; got {brief(stored)}")
    now = calendar_record(cal)
    if dict(stored) == now:
        return
    if _extends(stored, now):
        return
    changed = [key for key in dict.fromkeys([*stored, *now]) if stored.get(key) != now.get(key)]
    differences = [f"{_key(key)} {_shown(key, stored.get(key))} → {_shown(key, now.get(key))}" for key in changed[:8]]
    if len(changed) > 8:  # a stored record is the user's data: its message stays bounded
        differences.append(f"and {len(changed) - 8:,} more")
    why = "its dues may differ on this data"
    if stored.get("horizon") == "projected":
        until = stored.get("official_until")
        why = (
            f"it was counted on a projected calendar (days past {_plain(until)} provisional), so its provisional "
            "dues may change"
        )
    raise CalendarMismatchError(
        f"the stored case on contract {brief(contract)} was counted on other calendar data than the calendar it is "
        f"replayed on: {'; '.join(differences)}. {why[0].upper()}{why[1:]}. To replay it on this data, pass "
        "accept_calendar_change=True (the new case records this data); to replay it as it was, pass the calendar "
        "it was counted on (calendar=...)",
        tuple(differences),
    )


def _extends(stored: Mapping[str, Any], now: Mapping[str, Any]) -> bool:
    """Whether ``now`` only adds official years to the official data recorded in ``stored``."""
    if stored.get("horizon") != "official":
        return False
    for key in {*stored, *now} - set(_EXTENDABLE):
        if stored.get(key) != now.get(key):
            return False
    old, new = stored.get("arrangements"), now.get("arrangements")
    if not isinstance(old, list) or not isinstance(new, list):
        return False
    if new[: len(old)] != old:
        return False
    # An added year that reaches back into the stored official data (previous-December days) changes it.
    until = stored.get("official_until")
    return all(isinstance(a, Mapping) and str(a.get("first_day", "")) > str(until) for a in new[len(old) :])


def _key(key: str) -> str:
    return key if len(key) <= 40 else brief(key)


def _plain(value: object) -> str:
    """Short text as it is, anything else (or longer) as :func:`brief` shows it."""
    return value if isinstance(value, str) and len(value) <= 80 else brief(value)


def _shown(key: str, value: object) -> str:
    """A stored (or current) value in a message: bounded (:func:`brief`), arrangements by their years."""
    if value is None:
        return "none"
    if key == "arrangements" and isinstance(value, list):
        years = [
            f"{_plain(a.get('year'))} ({_plain(a.get('notice'))}, published {_plain(a.get('published'))}, days "
            f"{_plain(a.get('days'))})"
            if isinstance(a, Mapping)
            else brief(a)
            for a in value[:4]
        ]
        more = f", and {len(value) - 4:,} more" if len(value) > 4 else ""
        return "[" + ", ".join(years) + more + "]" if years else "none"
    if isinstance(value, Mapping) and not value:
        return "none"
    return brief(value)
