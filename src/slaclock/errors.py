"""The exceptions and warnings slaclock raises.

Every error derives from :class:`SlaclockError` and from the builtin exception it
refines, so ``except LookupError`` or ``except ValueError`` keeps working for code
that does not know slaclock. Messages name the offending value, what would have
been valid, and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "CalendarDataError",
    "CalendarHorizonError",
    "DataVersionWarning",
    "InvalidInputError",
    "NonWorkdayError",
    "ProvisionalWarning",
    "SlaclockError",
    "SlaclockWarning",
]


class SlaclockError(Exception):
    """Root of every error slaclock raises."""


class CalendarHorizonError(SlaclockError, LookupError):
    """A date lies outside the days a calendar holds official data for.

    Raised by default for any query that needs a day before the first or after the
    last officially covered day. Pass ``horizon="projected"`` to answer from the
    statutory holidays alone (results are then provisional), or load the newly
    published arrangement with ``arrangements=``.
    """


class NonWorkdayError(SlaclockError, ValueError):
    """A date that must be a workday is a rest day (e.g. ``roll(x, "raise")``)."""


class InvalidInputError(SlaclockError, ValueError, TypeError):
    """An argument has the wrong type or value (an unparsable date, a float count, an unknown mode).

    It is both a ``ValueError`` and a ``TypeError`` so either builtin ``except`` catches it.
    """


class CalendarDataError(SlaclockError, ValueError):
    """Calendar input is invalid: a region, option, date or arrangement file."""


class SlaclockWarning(UserWarning):
    """Root of every warning slaclock emits."""


class ProvisionalWarning(SlaclockWarning):
    """A result rests on projected (not yet officially published) calendar days."""


class DataVersionWarning(SlaclockWarning):
    """The installed data package differs from the version slaclock's registry checked."""
