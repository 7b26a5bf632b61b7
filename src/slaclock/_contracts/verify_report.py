"""What :meth:`Contract.verify` found: one result per invariant, its counterexamples, and the report in words.

Maintainer's notes
------------------
The engine (:mod:`slaclock._contracts.verify`) hands over plain values: for each
failed invariant a :class:`Counterexample` (the start, the events of its
worst-case timeline as aware instants, the catalog :class:`Violation`, the chain
steps). Everything a reader sees in words is built here, and the timeline's
clause states come from replaying it as a :class:`~slaclock.Case` (the scalar
path), not from the columns: an explanation is a second opinion on the row it
explains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, final

from slaclock._base.show import brief, strf
from slaclock._base.types import Lang
from slaclock._contracts.display import STATE_WORDS
from slaclock._contracts.invariants import INVARIANTS, Violation, instant_words
from slaclock._periods.period import Period
from slaclock.errors import InvalidInputError, VerificationError

if TYPE_CHECKING:
    from slaclock._contracts.case import Case
    from slaclock._contracts.contract import Contract

__all__ = ["Counterexample", "InvariantResult", "NotChecked", "Step", "VerifyReport"]


@final
@dataclass(frozen=True, slots=True)
class Step:
    """One step of a worst-case chain: ``event`` happens at ``at``, the last moment ``clause`` (``period``) allows."""

    clause: str
    period: Period
    event: str
    at: dt.datetime


@final
@dataclass(frozen=True, slots=True)
class NotChecked:
    """What a verification did not check, and why (``count`` timelines, or None for a clause never checked)."""

    what: str
    count: int | None
    why_zh: str
    why_en: str

    def message(self, lang: Lang = "zh") -> str:
        return f"{self.what}: {self.why_zh if lang == 'zh' else self.why_en}"


@final
@dataclass(frozen=True, slots=True)
class Counterexample:
    """One timeline that breaks an invariant, with what is needed to replay it and to say it in words.

    Attributes
    ----------
    start : datetime
        The start event's instant (aware, in the calendar's zone).
    events : mapping of str to datetime
        Each event of the timeline at its instant (aware), in time order; an extension notice the
        timeline gave (``cap_longer``) among them.
    violation : Violation
        The broken invariant in the catalog's words (zh and en).
    attributes : mapping of str to value
        The attributes the timeline's target tables chose their rows by (empty: every default row).
    steps : tuple of Step
        For ``chain_within``: the chain that fed the clause, each step at the last moment it allows.
    """

    start: dt.datetime
    events: Mapping[str, dt.datetime]
    violation: Violation
    steps: tuple[Step, ...]
    contract: Contract
    calendar: Any
    start_event: str
    extended: tuple[str, ...] = ()
    attributes: Mapping[str, object] = field(default_factory=dict)

    @property
    def case(self) -> Case:
        """The timeline as a :class:`~slaclock.Case` of the contract (an extension as ``extend``)."""
        notices = {c.extension.event: c.name for c in self.contract.clauses if c.extension is not None}
        case = self.contract.open(
            received_at=self.start, event=self.start_event, calendar=self.calendar, attributes=dict(self.attributes)
        )
        for name, at in sorted(self.events.items(), key=lambda kv: kv[1]):
            if name == self.start_event:
                continue
            case = case.extend(notices[name], notified_at=at) if name in notices else case.record(name, at=at)
        return case

    @property
    def now(self) -> dt.datetime:
        """One minute after the timeline's last event: the instant its status is read at."""
        return max(self.events.values()) + dt.timedelta(minutes=1)

    def explain(self, lang: Lang = "zh") -> str:
        """The timeline in words: the chain, each event at its instant, each clause's due and state, and why."""
        if not isinstance(lang, str) or lang not in ("zh", "en"):
            raise InvalidInputError(f"lang must be 'zh' or 'en'; got {brief(lang)}")
        lines = [self.violation.message(lang)]
        status = self.case.status(now=self.now, lang=lang)
        if self.steps:
            first = f"{self.start_event} {instant_words(self.start)}"
            if lang == "zh":
                chain = " → ".join(
                    [first, *(f"{s.event}于{instant_words(s.at)}（{s.clause}，{s.period.zh}）" for s in self.steps)]
                )
            else:
                chain = " → ".join(
                    [first, *(f"{s.event} by {instant_words(s.at)} ({s.clause}, {s.period})" for s in self.steps)]
                )
            tail = status[self.violation.clause]
            due = instant_words(tail.due, due=True)
            state = STATE_WORDS[tail.state][0 if lang == "zh" else 1] if tail.state in STATE_WORDS else tail.state
            if lang == "zh":
                chain += f"；{self.violation.clause}的截止时间为{due}：{state}"
            else:
                chain += f"; {self.violation.clause} was due {due}: {state}"
            lines.append(chain)
        if self.attributes:
            shown = ", ".join(f"{k}={v}" for k, v in self.attributes.items())
            lines.append(
                f"属性：{shown}（选定目标表的行）" if lang == "zh" else f"attributes: {shown} (the target rows taken)"
            )
        lines.append("事件：" if lang == "zh" else "events:")
        lines.extend(f"  {instant_words(at)}  {name}" for name, at in self.events.items())
        lines.append(status.table(lang))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain("zh")


@final
@dataclass(frozen=True, slots=True)
class InvariantResult:
    """One invariant over every timeline checked.

    ``checked`` counts the timelines it applied to (0: no clause of the contract is of the kind it is about),
    ``failed`` those that break it, ``clauses`` the clauses that broke it; ``first`` is the earliest start that
    breaks it, ``smallest`` the simplest: shortest chain, then earliest time of day, then earliest date.
    """

    name: str
    holds: bool
    checked: int
    failed: int
    clauses: tuple[str, ...]
    first: Counterexample | None
    smallest: Counterexample | None

    def title(self, lang: Lang = "zh") -> str:
        inv = INVARIANTS.get(self.name)
        return self.name if inv is None else f"{self.name} ({inv.title(lang)})"


@final
@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The result of :meth:`Contract.verify`: each invariant, what was not checked, and how to fail a test on it.

    ``report.ok`` is True when every invariant holds on every timeline checked; ``report[name]`` is one
    :class:`InvariantResult`; ``print(report)`` (or ``report.table(lang)``) gives the table and the
    smallest counterexample of each failure, explained; ``report.raise_if_failed()`` raises
    :class:`~slaclock.errors.VerificationError` with the smallest violations.
    """

    contract: str
    results: tuple[InvariantResult, ...]
    checked: int
    first: dt.datetime
    last: dt.datetime
    resolution: dt.timedelta
    not_checked: tuple[NotChecked, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return all(r.holds for r in self.results)

    @property
    def failed(self) -> tuple[InvariantResult, ...]:
        return tuple(r for r in self.results if not r.holds)

    def __getitem__(self, name: str) -> InvariantResult:
        for r in self.results:
            if r.name == name:
                return r
        raise KeyError(f"no invariant {name!r} in this report; it has {', '.join(r.name for r in self.results)}")

    def __iter__(self) -> Iterator[InvariantResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def violations(self) -> tuple[Violation, ...]:
        """The smallest counterexample's violation of each failed invariant."""
        return tuple(r.smallest.violation for r in self.results if r.smallest is not None)

    def raise_if_failed(self) -> None:
        """Raise :class:`~slaclock.errors.VerificationError` (an ``AssertionError``) if an invariant fails."""
        if self.ok:
            return
        head = self.table("en", explain=False)
        raise VerificationError(head, violations=self.violations())

    def table(self, lang: Lang = "zh", *, explain: bool = True) -> str:
        """The report as text: a line per invariant, what was not checked, and each smallest counterexample."""
        if not isinstance(lang, str) or lang not in ("zh", "en"):
            raise InvalidInputError(f"lang must be 'zh' or 'en'; got {brief(lang)}")
        span = f"{strf(self.first, '%Y-%m-%d %H:%M')} .. {strf(self.last, '%Y-%m-%d %H:%M')}"
        step = _minutes(self.resolution)
        if lang == "zh":
            head = f"合同'{self.contract}'：检查了{self.checked:,}条时间线（起算于{span}，每{step}）"
        else:
            head = f"contract {self.contract!r}: {self.checked:,} timelines checked (starts {span}, every {step})"
        rows = [("invariant" if lang == "en" else "不变式", "result" if lang == "en" else "结果", "")]
        for r in self.results:
            if r.checked == 0:
                verdict = "not applicable" if lang == "en" else "不适用"
            elif r.holds and r.checked < self.checked:  # a sample (the case-level checks), or the rows it applies to
                verdict = f"holds (on {r.checked:,} timelines)" if lang == "en" else f"成立（{r.checked:,}条）"
            elif r.holds:
                verdict = "holds" if lang == "en" else "成立"
            else:
                verdict = (
                    f"FAILS on {r.failed:,} of {r.checked:,}"
                    if lang == "en"
                    else f"不成立：{r.checked:,}条中{r.failed:,}条"
                )
            rows.append((r.name, verdict, ", ".join(r.clauses)))
        width = max(len(a) for a, _, _ in rows)
        wide = max(len(b) for _, b, _ in rows)
        lines = [head, *(f"{a:<{width}}  {b:<{wide}}  {c}".rstrip() for a, b, c in rows)]
        if self.not_checked:
            lines.append("未检查：" if lang == "zh" else "not checked:")
            lines.extend(f"  {n.message(lang)}" for n in self.not_checked)
        if explain:
            for r in self.failed:
                if r.smallest is not None:
                    lines.append("")
                    lines.append(("最简反例 " if lang == "zh" else "smallest counterexample of ") + r.name + ":")
                    lines.append(r.smallest.explain(lang))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table("zh")


def _minutes(step: dt.timedelta) -> str:
    m = int(step.total_seconds() // 60)
    return f"{m // 60}h" if m % 60 == 0 else f"{m}min"
