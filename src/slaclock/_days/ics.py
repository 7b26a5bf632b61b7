"""A calendar's days off and makeup workdays as an iCalendar (RFC 5545) file.

Ticket systems (Jira Service Management, Zendesk), mail and calendar programs import
``.ics`` files; exporting slaclock's days lets them run on the same data as the
deadlines. Each day that differs from the plain weekmask (a holiday, a transferred
rest day, a closure, a makeup or extra workday) becomes one all-day ``VEVENT``.

Maintainer's notes
------------------
* The output is a pure function of the calendar and the arguments: UIDs are derived
  from the date, kind and calendar, and ``DTSTAMP`` (required by RFC 5545) is the
  caller's ``stamp`` or 00:00 UTC of ``first``, never the clock, so the same data
  always gives the same bytes (a file a service can keep under version control).
* Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
  character (RFC 5545 §3.1); TEXT values escape ``\\``, ``;``, ``,`` and newlines.
* Days past the official data (a projected calendar) are exported as
  ``STATUS:TENTATIVE`` with "（暂定）"/"(provisional)" in the summary; on an official
  calendar they raise :class:`~slaclock.CalendarHorizonError`, as every query does.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Final

import numpy as np

from slaclock._base.show import strf
from slaclock._base.types import Lang
from slaclock._days.kinds import DayKind
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar

__all__ = ["to_ics"]

_EXPORTED: Final = {
    DayKind.HOLIDAY,
    DayKind.TRANSFERRED_REST,
    DayKind.CLOSURE,
    DayKind.MAKEUP_WORKDAY,
    DayKind.EXTRA_WORKDAY,
}
_KIND_EN: Final = {
    DayKind.HOLIDAY: "statutory holiday",
    DayKind.TRANSFERRED_REST: "transferred rest day",
    DayKind.CLOSURE: "closure",
    DayKind.MAKEUP_WORKDAY: "makeup workday",
    DayKind.EXTRA_WORKDAY: "extra workday",
}
_CATEGORY: Final = {True: ("班", "WORKDAY"), False: ("休", "DAY OFF")}


def to_ics(
    cal: WorkCalendar,
    first: dt.date,
    last: dt.date,
    *,
    lang: Lang = "zh",
    name: str | None = None,
    stamp: dt.datetime | None = None,
) -> str:
    """The days off and makeup workdays of ``cal`` in ``[first, last]`` as iCalendar text (see WorkCalendar.to_ics)."""
    if not isinstance(lang, str) or lang not in ("zh", "en"):
        raise InvalidInputError(f"lang must be 'zh' or 'en'; got {lang!r:.40}")
    a, b = first, last
    if b < a:
        raise InvalidInputError(f"last ({b.isoformat()}) is before first ({a.isoformat()})")
    if stamp is None:
        stamp_utc = dt.datetime(a.year, a.month, a.day, tzinfo=dt.UTC)
    elif not isinstance(stamp, dt.datetime) or stamp.tzinfo is None:
        raise InvalidInputError(f"stamp must be an aware datetime (it is written in UTC); got {stamp!r:.60}")
    else:
        stamp_utc = stamp.astimezone(dt.UTC)
    cal.day_kind(a)  # a day outside the calendar's data is named on its own, not as "1 of N values"
    cal.day_kind(b)
    days = np.arange(np.datetime64(a, "D"), np.datetime64(b, "D") + 1)
    kinds = cal.day_kind(days)  # warns once if the span reaches projected days
    provisional = cal.is_provisional(days)
    title = name if name is not None else _default_name(cal, lang)
    if not isinstance(title, str):
        raise InvalidInputError(f"name must be a string; got {type(title).__name__}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//slaclock//working-day calendar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(title[:200])}",
        f"X-WR-TIMEZONE:{cal.tz}",
    ]
    tag = re.sub(r"[^A-Za-z0-9.-]+", "-", cal.region).strip("-") or "calendar"
    dtstamp = strf(stamp_utc, "%Y%m%dT%H%M%SZ")
    for i in np.flatnonzero(np.isin(kinds, [k.value for k in _EXPORTED])):
        day = dt.date.fromisoformat(str(days[i]))
        kind = DayKind(str(kinds[i]))
        tentative = bool(provisional[i])
        summary = cal.holiday_name(day, lang=lang) or (kind.zh if lang == "zh" else _KIND_EN[kind])
        if tentative:
            summary += "（暂定）" if lang == "zh" else " (provisional)"
        zh_cat, en_cat = _CATEGORY[kind.is_workday]
        what = (
            f"{kind.zh}：{'上班' if kind.is_workday else '休息'}"
            if lang == "zh"
            else f"{_KIND_EN[kind]}: {'a workday' if kind.is_workday else 'a day off'}"
        )
        if tentative:
            what += (
                "；官方安排尚未公布，按法定节假日推算"
                if lang == "zh"
                else "; not yet officially announced, projected from the statutory holidays"
            )
        ymd = strf(day, "%Y%m%d")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{ymd}-{kind.value.replace('_', '-')}-{tag}@slaclock",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{ymd}",
            f"DTEND;VALUE=DATE:{strf(day + dt.timedelta(days=1), '%Y%m%d')}",
            f"SUMMARY:{_text(summary)}",
            f"DESCRIPTION:{_text(what)}",
            f"CATEGORIES:{zh_cat if lang == 'zh' else en_cat}",
            "TRANSP:TRANSPARENT",  # a day's status, not an appointment: it blocks no one's time
            f"STATUS:{'TENTATIVE' if tentative else 'CONFIRMED'}",
            f"X-SLACLOCK-KIND:{kind.value}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _default_name(cal: WorkCalendar, lang: Lang) -> str:
    if lang == "zh":
        return f"{cal.region} 节假日与调休上班（slaclock）"
    return f"{cal.region} days off and makeup workdays (slaclock)"


def _text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newlines escaped."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (continuations start with a space), never inside a UTF-8 character."""
    if len(line.encode()) <= 75:
        return line
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for ch in line:
        n = len(ch.encode())
        if size + n > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space of a continuation takes one octet
        current.append(ch)
        size += n
    parts.append("".join(current))
    return "\r\n ".join(parts)
