"""Contracts, cases and statuses as people look at them: short reprs, and HTML tables with the states coloured.

Maintainer's notes
------------------
This module sits below ``status`` in the contracts layer (``tests/unit/_contracts/test_layout.py``): the classes'
one-line ``__repr__``/``_repr_html_`` methods call into it, so it imports none of them at run time and reads them
by their public attributes. The words of the states (:data:`STATE_WORDS`) and the due as a table shows it
(:func:`due_text`) live here, and ``status`` takes them from here, so the terminal table and the HTML say the
same. A case has no ``now`` of its own (no ambient clock): its display shows its events and its status as of
its last event, saying so.

Every text from a file (contract, clause and event names, descriptions, attribute values) goes through
:func:`~slaclock._base.html.esc` in the helpers; the reprs bound what they list.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

from slaclock._base.html import MUTED, Cell, box, esc, pairs, table
from slaclock._base.show import brief, inline, strf
from slaclock._base.types import Lang
from slaclock._rules.explain import check_lang, chinese
from slaclock.errors import SlaclockError

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.case import Case
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.contract import Contract
    from slaclock._contracts.events import CaseEvent
    from slaclock._contracts.status import ClauseStatus, Status

__all__ = [
    "STATE_STYLE",
    "STATE_WORDS",
    "case_html",
    "case_repr",
    "clause_status_html",
    "clause_status_repr",
    "contract_html",
    "contract_repr",
    "due_text",
    "status_html",
    "status_repr",
    "status_rows",
]

STATE_WORDS: Final[dict[str, tuple[str, str]]] = {
    "not_started": ("未开始", "not started"),
    "running": ("进行中", "running"),
    "paused": ("已暂停", "paused"),
    "at_risk": ("有风险", "at risk"),
    "met": ("已达成", "met"),
    "breached": ("已违约", "breached"),
    "expired": ("已届满", "expired"),
    "stopped": ("已终止", "stopped"),
}
"""Each state in Chinese and English (:meth:`Status.table`, the HTML)."""
STATE_STYLE: Final[dict[str, str]] = {
    "not_started": "color:#777",
    "running": "color:#0b5394",
    "paused": "color:#777;font-style:italic",
    "at_risk": "color:#b45f06;font-weight:bold;background:#fff2cc",
    "met": "color:#38761d",
    "breached": "color:#fff;font-weight:bold;background:#c00000",
    "expired": "color:#777",
    "stopped": "color:#777",
}
"""The look of each state: breached in white on red, at risk amber, met green, running blue, the rest grey."""
_LIST: Final = 4
"""The most names a repr lists."""
_PAD: Final = "padding:2px 8px"


def due_text(due: dt.datetime | None, last_day: dt.date | None) -> str:
    """A due as tables show it: the last day and "24:00" at midnight, never 23:59:59; "—" when none."""
    if due is None:
        return "—"
    if (due.hour, due.minute, due.second) == (0, 0, 0) and last_day is not None:
        return f"{last_day.isoformat()} 24:00"
    return strf(due, "%Y-%m-%d %H:%M")


def _names(names: list[str]) -> str:
    shown = ", ".join(inline(n, 40) for n in names[:_LIST])
    return shown + (f", … {len(names) - _LIST} more" if len(names) > _LIST else "")


def _words(state: str, lang: Lang, cal: WorkCalendar | None) -> str:
    zh, en = STATE_WORDS[state]
    return (chinese(zh, cal.region) if cal is not None else zh) if lang == "zh" else en


def _state_cell(state: str, lang: Lang, cal: WorkCalendar | None) -> Cell:
    return Cell(_words(state, lang, cal), f"{_PAD};{STATE_STYLE[state]}", STATE_WORDS[state][1], state)


def _when(t: dt.datetime | dt.date | None) -> str:
    if t is None:
        return "—"
    return strf(t, "%Y-%m-%d %H:%M") if isinstance(t, dt.datetime) else t.isoformat()


# -- statuses --------------------------------------------------------------------------------------------------


def clause_status_repr(c: ClauseStatus) -> str:
    """``<ClauseStatus ack: breached, due 2026-10-01 20:00, overdue by 13 hours>``."""
    state = STATE_WORDS[c.state][1]
    parts = [state] + [f"due {due_text(c.due, c.last_day)}"] * (c.due is not None)
    phrase = c.phrase("en")
    return f"<ClauseStatus {inline(c.clause)}: {', '.join(parts + [phrase] * (phrase != state))}>"


def status_repr(s: Status) -> str:
    """``<Status at 2026-10-02 09:00 Asia/Shanghai: 2 clauses, 1 breached, 1 running>``."""
    counts: dict[str, int] = {}
    for c in s.clauses:
        counts[c.state] = counts.get(c.state, 0) + 1
    parts = [f"{len(s.clauses)} clause{'s' * (len(s.clauses) != 1)}"]
    parts += [f"{n} {STATE_WORDS[state][1]}" for state, n in sorted(counts.items(), key=lambda kv: _ORDER[kv[0]])]
    if s.not_supported:
        parts.append(f"{len(s.not_supported)} not evaluated")
    if s.provisional:
        parts.append("provisional")
    zone = f" {s.now.tzinfo}" if s.now.tzinfo is not None else ""
    return f"<Status at {strf(s.now, '%Y-%m-%d %H:%M')}{zone}: {', '.join(parts)}>"


_ORDER: Final = {state: i for i, state in enumerate(("breached", "at_risk", "running", "paused", "met", "not_started",
                                                      "stopped", "expired"))}  # fmt: skip
"""The order a repr counts states in: what needs attention first."""


def status_html(s: Status, lang: Lang = "zh", *, title: str = "") -> str:
    """The status table of :meth:`Status.table` as HTML: clause, state (coloured), due, left or overdue."""
    check_lang(lang)
    cal = s.calendar
    head = ["条款", "状态", "截止", "剩余/逾期"] if lang == "zh" else ["clause", "state", "due", "left / overdue"]
    if lang == "zh" and cal is not None:
        head = [chinese(h, cal.region) for h in head]
    rows: list[list[Cell | str]] = []
    for c in s.clauses[:_ROWS_SHOWN]:
        due = due_text(c.due, c.last_day) + "*" * c.provisional
        rows.append([c.clause, _state_cell(c.state, lang, cal), Cell(due, title=c.explanation), c.phrase(lang)])
    rows += [[name, Cell("—", _PAD, kind="not_supported"), "—", reason] for name, reason in s.not_supported]
    rows = _capped(rows, len(s.clauses) + len(s.not_supported), "clauses")
    zone = f" ({s.now.tzinfo})" if s.now.tzinfo is not None else ""
    heading = title or (f"状态 {_when(s.now)}{zone}" if lang == "zh" else f"Status at {_when(s.now)}{zone}")
    note = ""
    if s.provisional:
        note = (
            "* 暂定：用到官方数据以后的日期"
            if lang == "zh"
            else "* provisional: counted on days past the official data"
        )
    return box(heading, table(head, rows), note=note)


def clause_status_html(c: ClauseStatus) -> str:
    """One clause's status: its state (coloured), start, due, done, left or overdue, and how the due was counted."""
    fields: list[tuple[str, Cell | str]] = [
        ("state", _state_cell(c.state, "en", c.calendar)),
        ("period", str(c.period) if c.period is not None else "—"),
        ("start", _when(c.start)),
        ("due", due_text(c.due, c.last_day) + (" (provisional)" if c.provisional else "")),
        ("done at", _when(c.done_at)),
        ("left / overdue", c.phrase("en")),
    ]
    if c.risk is not None:
        fields.append(("warning passed", c.risk))
    if c.cycles:
        fields.append(("cycles", f"{len(c.cycles)} ({c.met_cycles} met, {c.breached_cycles} breached)"))
    fields.append(("explanation", c.explanation or "—"))
    return box(f"ClauseStatus: {c.clause}", pairs(fields))


# -- contracts and cases ---------------------------------------------------------------------------------------


def contract_repr(c: Contract) -> str:
    """``<Contract 'x': 2 clauses (ack, solution), calendar CN, civil_code>``."""
    names = [k.name for k in c.clauses]
    return (
        f"<Contract {brief(c.name)}: {len(names)} clause{'s' * (len(names) != 1)} ({_names(names)}), "
        f"calendar {c.calendar_spec.region}, {c.convention.name}>"
    )


def _period_text(k: Clause) -> str:
    if k.targets is not None:
        return f"{len(k.targets.rows)} targets by case, default {k.period}"
    return k.wording or (str(k.period) if k.period is not None else "—")


def contract_html(c: Contract) -> str:
    """A contract's clauses as a table: reference, name, kind, the limit in its words, from → met by, description."""
    head = ["ref", "clause", "kind", "limit", "from → met by", "description"]
    rows: list[list[Cell | str]] = []
    for k in c.clauses[:_ROWS_SHOWN]:
        flow = f"{k.starts_on} → {k.met_by or '—'}"
        desc = k.description_zh or k.description_en
        rows.append([k.ref, Cell(k.name, f"{_PAD};font-weight:bold"), k.kind, _period_text(k), flow,
                     Cell(desc, _PAD, title=k.description_en if k.description_zh else "")])  # fmt: skip
    rows = _capped(rows, len(c.clauses), "clauses")
    info: list[tuple[str, Cell | str]] = [("calendar", c.calendar_spec.region), ("convention", c.convention.name)]
    if c.events:
        info.append(("events", ", ".join(c.events)))
    return box(f"Contract: {c.name}", pairs(info), table(head, rows))


def case_repr(case: Case) -> str:
    """``<Case on 'x' (CN): received 2026-09-30 20:00, 2 events, last acknowledged 2026-10-01 19:00>``."""
    events = case.events
    first, last = events[0], events[-1]
    parts = [f"{inline(first.name)} {_when(first.at)}", f"{len(events)} event{'s' * (len(events) != 1)}"]
    if len(events) > 1:
        parts.append(f"last {inline(_event_name(last))} {_when(last.at)}")
    if case.paused_since is not None:
        parts.append(f"paused since {_when(case.paused_since)}")
    return f"<Case on {brief(case.contract.name)} ({case.calendar.region}): {', '.join(parts)}>"


def _event_name(e: Any) -> str:
    return str(e.name) if e.kind == "record" else f"{e.kind} {e.name}" if e.name else str(e.kind)


_ROWS_SHOWN: Final = 100
"""The clauses a contract's or a status's display lists (the object has them all)."""


def _capped(rows: list[list[Cell | str]], total: int, what: str) -> list[list[Cell | str]]:
    """The first :data:`_ROWS_SHOWN` rows, and a row counting the others."""
    if total <= _ROWS_SHOWN:
        return rows
    width = len(rows[0]) if rows else 1
    return [*rows[:_ROWS_SHOWN], ["…", f"{total - _ROWS_SHOWN:,} more {what}", *[""] * (width - 2)]]


_EVENTS_SHOWN: Final = 40
"""The events a case's display lists: the first ten and the latest thirty (case.events has them all)."""


def case_html(case: Case) -> str:
    """A case: its events (kind, name, instant) and its status as of its last event (states coloured)."""
    events = case.events
    shown: list[tuple[int, CaseEvent | None]] = list(enumerate(events))
    if len(events) > _EVENTS_SHOWN:  # the first few and the latest, with the count of those between
        head, tail = _EVENTS_SHOWN // 4, len(events) - (_EVENTS_SHOWN - _EVENTS_SHOWN // 4)
        shown = [*shown[:head], (-1, None), *shown[tail:]]
    rows: list[list[Cell | str]] = [
        [str(i), e.kind, e.name or "", _when(e.at), ", ".join(f"{k}={v}" for k, v in e.data)]
        if e is not None
        else ["…", "", f"{len(events) - _EVENTS_SHOWN:,} more event{'s' * (len(events) - _EVENTS_SHOWN != 1)}", "", ""]
        for i, e in shown
    ]
    info: list[tuple[str, Cell | str]] = [("contract", case.contract.name), ("calendar", case.calendar.region)]
    info += [(k, "—" if v is None else str(v)) for k, v in case.attributes.items()]
    last = events[-1].at
    title = f"Status as of the last event, {_when(last)} (case.status(now=...) for another instant)"
    try:
        status = status_html(case.status(now=last), "zh", title=title)
    except SlaclockError as exc:  # a display shows what it can: the events, and why there is no status
        status = f'<div style="{MUTED}">{esc(title)}: {esc(exc)}</div>'
    return box(
        f"Case on {case.contract.name}", pairs(info), table(["#", "event", "name", "at", "details"], rows), status
    )


def status_rows(s: Status) -> list[dict[str, Any]]:
    """One mapping per clause, for :meth:`Status.to_frame`: every field of its status, the period as text, and
    what is left or overdue in words (English)."""
    return [
        {
            "clause": c.clause,
            "state": c.state,
            "period": None if c.period is None else str(c.period),
            "start": c.start,
            "due": c.due,
            "last_day": c.last_day,
            "done_at": c.done_at,
            "unit": c.unit,
            "elapsed": c.elapsed,
            "remaining": c.remaining,
            "percent_used": c.percent_used,
            "overdue_by": c.overdue_by,
            "left_or_overdue": c.phrase("en"),
            "paused_since": c.paused_since,
            "extended": c.extended,
            "provisional": c.provisional,
            "risk": c.risk,
            "explanation": c.explanation,
        }
        for c in s.clauses
    ]
