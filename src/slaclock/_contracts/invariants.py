"""The invariants a contract's timelines keep: their names, and what a broken one says in Chinese and English.

One catalog for both faces that check them: :mod:`slaclock.testing` (a case at a time, the scalar face users
call in their own tests) and :meth:`Contract.verify` (every start instant of the calendar at once, on columns).
The two are written separately on purpose — each is the other's oracle in the project's property tests — but
they name an invariant and word a failure only through :func:`violation`, so a report and a failed assertion
read the same.

>>> import datetime as dt
>>> v = violation("last_day_workday", clause="fee", start=dt.datetime(2026, 9, 30, 16, 20), last_day="2026-10-03")
>>> print(v.message("en"))
last_day_workday: clause 'fee', start 2026-09-30 16:20: its last day 2026-10-03, moved off rest days, is not a workday
>>> print(v.message("zh"))
last_day_workday（顺延后的最后一日是工作日）：条款'fee'，起算于2026-09-30 16:20：顺延后的最后一日2026-10-03不是工作日
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal, TypeAlias, final

from slaclock._base.show import brief, strf
from slaclock._base.types import Lang
from slaclock.errors import InvalidInputError

if TYPE_CHECKING:
    from slaclock._periods.period import Period

__all__ = [
    "INVARIANTS",
    "Invariant",
    "InvariantName",
    "Violation",
    "Words",
    "chain_steps",
    "instant_words",
    "violation",
]

InvariantName: TypeAlias = Literal[
    "due_after_start",
    "chain_within",
    "last_day_workday",
    "cap_longer",
    "notice_before_event",
    "pause_not_earlier",
    "replay_deterministic",
    "evaluate_matches_case",
]


@final
@dataclass(frozen=True, slots=True)
class Invariant:
    """One invariant: its name, its title, and the words of a failure (``str.format`` templates).

    The templates' fields (``{clause}``, ``{due}``, …) are the values :func:`violation` is given; ``{clause}``
    is always one of them.
    """

    name: InvariantName
    title_zh: str
    title_en: str
    why_zh: str
    why_en: str

    def title(self, lang: Lang = "zh") -> str:
        return self.title_zh if lang == "zh" else self.title_en


INVARIANTS: Final[dict[str, Invariant]] = {
    i.name: i
    for i in (
        Invariant(
            "due_after_start",
            "截止时间晚于起算时间",
            "a due is after its start",
            "截止时间{due}不晚于起算时间{started}",
            "its due {due} is not after its start {started}",
        ),
        Invariant(
            "chain_within",
            "链式条款不超出其所属时限",
            "a chain of clauses ends within the clause it feeds",
            "各步均在各自时限的最后一刻完成（{steps}），{event}发生于{at}，已超出截止时间{due}",
            "with each step taken at the last moment its own limit allows ({steps}), {event} happens at {at}, "
            "not before its due {due}",
        ),
        Invariant(
            "last_day_workday",
            "顺延后的最后一日是工作日",
            "a rolled last day is a workday",
            "顺延后的最后一日{last_day}不是工作日",
            "its last day {last_day}, moved off rest days, is not a workday",
        ),
        Invariant(
            "cap_longer",
            "延长上限长于原时限",
            "an extension cap is longer than the limit it extends",
            "延长后的截止时间{extended}（上限{cap}）不晚于原截止时间{due}（原时限{period}）",
            "the extended due {extended} (cap {cap}) is not after the standard due {due} ({period})",
        ),
        Invariant(
            "notice_before_event",
            "通知期限早于所通知的事件",
            "a notice is due before the event it announces",
            "通知期限{due}不早于所通知的事件{event}（{at}）",
            "the notice is due {due}, not before the event it announces, {event} at {at}",
        ),
        Invariant(
            "pause_not_earlier",
            "暂停不使截止时间提前",
            "a pause never makes a due earlier",
            "自{paused}暂停至{resumed}后，截止时间{paused_due}早于不暂停时的{due}",
            "paused from {paused} to {resumed}, it is due {paused_due}, before {due} without the pause",
        ),
        Invariant(
            "replay_deterministic",
            "重放结果一致",
            "replaying a case gives the same status",
            "同一案件两次重放的结果不同：{first}；{second}",
            "replaying the same events gave {first}, then {second}",
        ),
        Invariant(
            "evaluate_matches_case",
            "批量计算与逐案计算一致",
            "evaluate agrees with Case.status",
            "批量计算（evaluate）得{column}，逐案计算（Case.status）得{case}",
            "evaluate gives {column}, Case.status gives {case}",
        ),
    )
}
"""The invariants by name (``"last_day_workday"``, ...), each with its title in Chinese and English: the names
``check_case(case, invariants=[...])`` takes and a :class:`Violation`'s ``invariant`` holds."""


@final
@dataclass(frozen=True, slots=True)
class Violation:
    """One broken invariant: which, on which clause, for the timeline starting when, and why (zh and en)."""

    invariant: str
    clause: str
    start: dt.datetime | None
    why_zh: str
    why_en: str

    def message(self, lang: Lang = "zh") -> str:
        """The invariant, the clause, the start and why, in one line."""
        inv = INVARIANTS.get(self.invariant)
        start = "" if self.start is None else _instant(self.start)
        if lang == "zh":
            title = f"{self.invariant}（{inv.title_zh}）" if inv else self.invariant
            at = f"，起算于{start}" if start else ""
            return f"{title}：条款{self.clause!r}{at}：{self.why_zh}"
        at = f", start {start}" if start else ""
        return f"{self.invariant}: clause {self.clause!r}{at}: {self.why_en}"

    def __str__(self) -> str:
        return f"{self.message('zh')}\n{self.message('en')}"


def violation(name: str, *, clause: str, start: dt.datetime | None, **values: object) -> Violation:
    """The :class:`Violation` of invariant ``name``, worded from the catalog with ``values``.

    Values are shown with ``str`` (a datetime as ``YYYY-MM-DD HH:MM``, in its own wall time; a ``Period`` in each
    language's words, "5个工作日" / "5 workdays", as any value with a ``zh`` text); a template field
    without a value is an error naming it, so a message is never printed with a hole in it.
    """
    inv = INVARIANTS.get(name)
    if inv is None:
        raise InvalidInputError(f"unknown invariant {brief(name)}; known: {', '.join(INVARIANTS)}")
    shown = {k: _instant(v) if isinstance(v, dt.datetime) else str(v) for k, v in values.items()}
    zh = {k: z if isinstance(z := getattr(v, "zh", None), str) else shown[k] for k, v in values.items()}
    try:
        return Violation(name, clause, start, inv.why_zh.format(**zh), inv.why_en.format(**shown))
    except KeyError as e:
        raise InvalidInputError(f"invariant {name!r}: no value for {{{e.args[0]}}} in its words") from None


def _instant(t: dt.datetime) -> str:
    return strf(t, "%Y-%m-%d %H:%M") if t.second == 0 and t.microsecond == 0 else t.isoformat(sep=" ")


def instant_words(t: dt.datetime | None, *, due: bool = False) -> str:
    """``YYYY-MM-DD HH:MM``; a ``due`` at midnight as the day before at 24:00 (dues are exclusive)."""
    if t is None:
        return "—"
    if due and t.hour == 0 and t.minute == 0 and t.second == 0 and t.microsecond == 0:
        return f"{strf(t - dt.timedelta(days=1), '%Y-%m-%d')} 24:00"
    return strf(t, "%Y-%m-%d %H:%M")


@final
@dataclass(frozen=True, slots=True)
class Words:
    """A value worded in each language: ``str`` in English, ``zh`` in Chinese (as :func:`violation` reads it)."""

    en: str
    zh: str

    def __str__(self) -> str:
        return self.en


def chain_steps(steps: Iterable[tuple[str, Period, str, dt.datetime]]) -> Words:
    """The steps of a worst-case chain, ``(clause, period, event, at)`` each, in words: what ``chain_within``'s
    ``{steps}`` shows, the same from :mod:`slaclock.testing` and from ``Contract.verify``."""
    taken = list(steps)
    return Words(
        "; ".join(f"{c} {p}: {e} {instant_words(at)}" for c, p, e, at in taken),
        "；".join(f"{c}（{p.zh}）：{e}于{instant_words(at)}" for c, p, e, at in taken),
    )
