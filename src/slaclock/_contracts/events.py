"""Events: the order a contract's clauses put its events in, and the events of a case (:class:`CaseEvent`).

Maintainer's notes
------------------
* **Order.** Each clause orders two or more events: a deadline's start comes
  before its ``met_by``; a notice comes before the event it precedes; a window
  opens before it closes. These orderings form a graph over events that must have
  no cycle; the error names the clauses on it. Fixed dates are points in time,
  not events, and stay out of the graph.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, final

from slaclock._base.show import brief
from slaclock._contracts.checks import _is_date
from slaclock.errors import ContractError, InvalidInputError

if TYPE_CHECKING:
    from pendulum import DateTime

    from slaclock._contracts.clause import Clause

__all__ = ["CaseEvent", "EventKind"]

EventKind: TypeAlias = Literal["record", "pause", "resume", "extend", "escalate"]
"""What a :class:`CaseEvent` is: a contract event, a pause, a resumption, an extension notice, an escalation."""


@final
@dataclass(frozen=True, slots=True)
class CaseEvent:
    """One thing that happened in a case.

    Attributes
    ----------
    kind : {"record", "pause", "resume", "extend", "escalate"}
    name : str
        The contract event ("received", "acknowledged"; for ``"extend"`` the
        extension's notice event, for ``"escalate"`` the escalation event); the
        reason for a pause ("awaiting_customer"); ``""`` for a resumption.
    at : pendulum.DateTime
        The instant, aware, in the contract calendar's zone.
    data : tuple of (str, str) pairs
        ``("clause", name)`` for an extension or escalation; ``("period", text)``
        for the period an uncapped extension's notice states.
    """

    kind: EventKind
    name: str
    at: DateTime
    data: tuple[tuple[str, str], ...] = ()

    def get(self, key: str) -> str | None:
        """The value of ``key`` in :attr:`data`, or None."""
        return next((v for k, v in self.data if k == key), None)

    def __setstate__(self, state: object) -> None:
        # a pickle holds the four fields: their types are checked (a case's pickle replays its events anyway)
        import datetime as dt

        values: tuple[Any, ...] = tuple(state) if isinstance(state, list | tuple) else ()
        ok = len(values) == 4
        if ok:
            kind, name, at, data = values
            ok = (
                kind in ("record", "pause", "resume", "extend", "escalate")
                and isinstance(name, str)
                and isinstance(at, dt.datetime)
                and at.tzinfo is not None
                and isinstance(data, tuple)
                and all(isinstance(d, tuple) and len(d) == 2 and all(isinstance(x, str) for x in d) for d in data)
            )
        if not ok:
            raise InvalidInputError(
                f"a pickled CaseEvent holds (kind, name, aware instant, data pairs); got {brief(state)}"
            )
        for field_name, value in zip(("kind", "name", "at", "data"), values, strict=True):
            object.__setattr__(self, field_name, value)


def _event_words(e: CaseEvent) -> str:
    return {"pause": f"pause {brief(e.name)}", "resume": "resume"}.get(e.kind, brief(e.name))


def _short(name: str) -> str:
    return name if len(name) <= 60 else brief(name)


def _listed(names: Iterable[str], most: int = 8) -> str:
    """Names for a message, at most ``most`` of them (a long one as :func:`brief`), then how many more: bounded.

    >>> _listed(f"e{i}" for i in range(40_000))
    'e0, e1, e2, e3, e4, e5, e6, e7 and 39,992 more'
    """
    shown: list[str] = []
    more = 0
    for n in names:
        if len(shown) < most:
            shown.append(n if isinstance(n, str) and len(n) <= 60 else brief(n))
        else:
            more += 1
    if not shown:
        return "none"
    return ", ".join(shown) + (f" and {more:,} more" if more else "")


# -- the order of a contract's events ---------------------------------------------------------------


def _check_event_order(clauses: Sequence[Clause]) -> None:
    """Each clause orders events (earlier → later); a cycle would need an event before itself."""
    edges: dict[str, list[_Edge]] = {}

    def order(c: Clause, a: str | None, b: str | None, why: str) -> None:
        # fixed dates are points in time, not events a case records: they cannot wait on an event
        if a is not None and b is not None and not _is_date(a) and not _is_date(b):
            edges.setdefault(a, []).append(_Edge(a, b, c.name, why))

    for c in clauses:
        n = repr(c.name)
        if c.kind == "notice":
            order(c, c.met_by, c.starts_on, f"clause {n} needs {brief(c.met_by)} before {brief(c.starts_on)}")
            continue
        order(c, c.starts_on, c.met_by, f"clause {n} counts from {brief(c.starts_on)} to {brief(c.met_by)}")
        order(c, c.starts_on, c.ends_on, f"clause {n} runs from {brief(c.starts_on)} until {brief(c.ends_on)}")
        order(c, c.met_by, c.ends_on, f"clause {n} needs {brief(c.met_by)} by {brief(c.ends_on)}")
        if c.extension is not None:
            ev = c.extension.event
            order(c, c.starts_on, ev, f"clause {n} is extended by {brief(ev)} after {brief(c.starts_on)}")
        order(
            c, c.starts_on, c.escalation, f"clause {n} may escalate by {brief(c.escalation)} after {brief(c.starts_on)}"
        )
    cycle = _find_cycle(edges)
    if cycle is not None:
        names = [brief(n) for n in dict.fromkeys(e.clause for e in cycle)]
        if len(names) > 8:  # bounded: a cycle through thousands of clauses is shown by its ends
            who = f"{', '.join(names[:4])}, ... ({len(names) - 6:,} more) ..., {', '.join(names[-2:])}"
        else:
            who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        shown = cycle if len(cycle) <= 8 else [*cycle[:4], *cycle[-3:]]
        steps = [_short(cycle[0].a)] + [_short(e.b) for e in shown]
        if len(cycle) > 8:
            steps[5:5] = [f"... ({len(cycle) - 7:,} more) ..."]
        chain = " → ".join(steps)
        reasons = "; ".join(e.why for e in shown) + ("; ..." if len(cycle) > 8 else "")
        raise ContractError(
            f"clauses {who} form a cycle of events: {chain} ({reasons}); an event cannot come before itself"
        )


@dataclass(frozen=True, slots=True)
class _Edge:
    """Clause ``clause`` puts event ``a`` before event ``b``."""

    a: str
    b: str
    clause: str
    why: str


def _find_cycle(edges: Mapping[str, list[_Edge]]) -> list[_Edge] | None:
    """The edges of one cycle in the event graph, in order, or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for root in edges:
        if root in state:
            continue
        state[root] = 1
        nodes, path, todo = [root], list[_Edge](), [iter(edges[root])]
        while todo:
            for e in todo[-1]:
                if state.get(e.b) == 1:
                    return [*path[nodes.index(e.b) :], e]
                if e.b not in state:
                    state[e.b] = 1
                    nodes.append(e.b)
                    path.append(e)
                    todo.append(iter(edges.get(e.b, ())))
                    break
            else:
                state[nodes.pop()] = 2
                todo.pop()
                if path:
                    path.pop()
    return None


def _vocabulary(clauses: Sequence[Clause], events: Iterable[str]) -> dict[str, None]:
    """A contract's event vocabulary (its declared events, every ``met_by`` and extension notice), in order; each
    event a clause refers to (starts on, ends on, escalates by, stops on) is in it or is a fixed date, else refused
    with the nearest known name."""
    vocabulary = dict.fromkeys(events)
    for c in clauses:
        if c.met_by is not None:
            vocabulary.setdefault(c.met_by)
        if c.extension is not None:
            vocabulary.setdefault(c.extension.event)
    for c in clauses:
        for role, ref in (
            ("starts on", c.starts_on),
            ("ends on", c.ends_on),
            ("escalates by", c.escalation),
            ("stops on", c.stops_on),
        ):
            if ref is None or ref in vocabulary or _is_date(ref):
                continue
            close = difflib.get_close_matches(ref, list(vocabulary), n=1)
            hint = f" (did you mean {brief(close[0])}?)" if close else ""
            raise ContractError(
                f"clause {brief(c.name)} {role} {brief(ref)}, which is not an event of this contract{hint}; "
                f"declare it in events, or make it some clause's met_by (events: {_listed(vocabulary)})"
            )
    return vocabulary
