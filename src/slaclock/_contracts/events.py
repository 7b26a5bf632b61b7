"""The events of a case as records (:class:`CaseEvent`): what happened, when, and to which clause."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias, final

if TYPE_CHECKING:
    from pendulum import DateTime

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


def _describe(e: CaseEvent) -> str:
    return {"pause": f"pause {e.name!r}", "resume": "resume"}.get(e.kind, repr(e.name))
