"""What a case and a batch read of a contract: the abstract base :class:`ContractTerms` of :class:`Contract`.

:mod:`.case` and :mod:`.evaluate` sit below :mod:`.contract` (whose ``open`` and
``evaluate`` hand the contract to them), so they cannot import ``Contract`` at
run time. They check their argument against this base instead, and read only
what it declares.

Maintainer's notes
------------------
* **One subclass.** :class:`~slaclock.Contract` is the only class derived from
  :class:`ContractTerms`; the checks ``isinstance(x, ContractTerms)`` therefore
  accept exactly the contracts they accepted before, with the same messages.
* **Annotations** in the modules below :mod:`.contract` still name ``Contract``
  (imported under ``TYPE_CHECKING`` only), so the public types are unchanged.
"""

from __future__ import annotations

import abc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.calendar_spec import CalendarLike
    from slaclock._contracts.clause import Clause
    from slaclock._periods.convention import Convention

__all__ = ["ContractTerms"]


class ContractTerms(abc.ABC):
    """A contract as cases and batches read it: its name, clauses, convention, events and calendar.

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._contracts.terms import ContractTerms
    >>> isinstance(sc.templates.customer_service_standards(), ContractTerms)
    True
    """

    __slots__ = ()

    name: str
    clauses: tuple[Clause, ...]
    convention: Convention

    @property
    @abc.abstractmethod
    def event_names(self) -> tuple[str, ...]:
        """The event vocabulary a case records from."""

    @abc.abstractmethod
    def clause(self, name: str) -> Clause:
        """The clause called ``name``."""

    @abc.abstractmethod
    def calendar_for(self, calendar: CalendarLike | None = None) -> WorkCalendar:
        """The calendar a case or a batch is counted on."""
