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
    "CalendarMismatchError",
    "ContractError",
    "DataVersionWarning",
    "InvalidInputError",
    "NonWorkdayError",
    "NoticeParseError",
    "PeriodParseError",
    "ProvisionalWarning",
    "RowIndexError",
    "SlaclockError",
    "SlaclockWarning",
    "VerificationError",
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


class RowIndexError(SlaclockError, IndexError):
    """A row past the end of a column's results (``d[3]`` on three rows): an ``IndexError``, as for a list."""


class CalendarDataError(SlaclockError, ValueError):
    """Calendar input is invalid: a region, option, date or arrangement file."""


class NoticeParseError(CalendarDataError):
    """The text of a holiday notice could not be read, or what it says breaks the rules of its year.

    Raised by :func:`slaclock.arrangement_from_notice`. The message quotes the
    offending line (shortened if long) and says what is wrong with it: a date
    that does not exist, a weekday in brackets that is not the date's, a "共N天"
    that disagrees with its span, a statutory holiday left as a workday. ``line``
    is that line as given (without its indent) and ``lineno`` its 1-based number
    in the text; they are ``""`` and ``0`` when the problem is the text as a
    whole (empty, too long, no notice at all).
    """

    def __init__(self, message: str, line: str = "", lineno: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.lineno = lineno

    def __reduce__(self) -> tuple[type[NoticeParseError], tuple[str, str, int]]:
        return (type(self), (str(self), self.line, self.lineno))


class SlaclockWarning(UserWarning):
    """Root of every warning slaclock emits."""


class ProvisionalWarning(SlaclockWarning):
    """A result rests on projected (not yet officially published) calendar days."""


class DataVersionWarning(SlaclockWarning):
    """The installed data package differs from the version slaclock's registry checked."""


class PeriodParseError(SlaclockError, ValueError):
    """Text could not be read as a period ("5个工作日", "24 hours", "PT24H").

    The message quotes the text, marks the position where reading failed and lists
    the accepted units. ``text`` and ``position`` (0-based) are kept as attributes.
    """

    def __init__(self, message: str, text: str = "", position: int = 0) -> None:
        super().__init__(message)
        self.text = text
        self.position = position

    def __reduce__(self) -> tuple[type[PeriodParseError], tuple[str, str, int]]:
        return (type(self), (str(self), self.text, self.position))


class ContractError(SlaclockError, ValueError):
    """A contract or clause definition is invalid: a bad name, an unknown event, a cycle, a bad file.

    The message names the clause (or the place in the file) and the problem.
    Text that is not a period raises :class:`PeriodParseError`
    instead, with the clause's name added.
    """


class CalendarMismatchError(SlaclockError, ValueError):
    """A stored case is replayed on other calendar data than it was counted on.

    Raised by :meth:`Case.from_dict <slaclock.Case.from_dict>` when the calendar
    data the stored case records (region, zone, data version, arrangements,
    overrides, hours, horizon) differs from the calendar it is replayed on, so
    its dues may differ. The message lists the differences and how to accept
    them (``accept_calendar_change=True``); ``differences`` holds them, one
    ``"key old → new"`` text each.
    """

    def __init__(self, message: str, differences: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.differences = differences

    def __reduce__(self) -> tuple[type[CalendarMismatchError], tuple[str, tuple[str, ...]]]:
        return (type(self), (str(self), self.differences))


class VerificationError(SlaclockError, AssertionError):
    """A contract's timelines break an invariant (:mod:`slaclock.testing`, :meth:`Contract.verify`).

    An ``AssertionError`` too, so a test that calls an invariant fails as a
    test fails. The message names the invariant, the clause and the start, and
    says why in Chinese and in English; ``violations`` holds them
    (:class:`slaclock.testing.Violation`, one per broken invariant and clause).
    """

    def __init__(self, message: str, violations: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.violations = violations

    def __reduce__(self) -> tuple[type[VerificationError], tuple[str, tuple[object, ...]]]:
        return (type(self), (str(self), self.violations))
