"""Which computations read projected calendar days, and one ``ProvisionalWarning`` per call that did.

Maintainer's notes
------------------
Every point of the library that finds a projected day being read (a calendar
query, a deadline, a column of deadlines) calls :func:`note` before it warns.
Outside any :func:`reading` block ``note`` returns False and the point warns as
it always did. Inside one, it records the read and returns True, and the point
stays quiet: the API call that opened the block (``Case.status``,
``Contract.evaluate``) knows which of its results were provisional and warns once,
at the user's line, with what it knows.

The state is a :class:`contextvars.ContextVar`, so each thread (and each asyncio
task) collects its own reads. Silencing the inner warnings with a warnings
context manager would change the process-wide ``warnings.filters`` instead: under
threads, warnings are lost and a filter can be left behind. Library code never
touches ``warnings.filters`` (a test greps for it).
"""

from __future__ import annotations

import datetime as dt
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Final, final

from slaclock.errors import ProvisionalWarning

__all__ = ["Reads", "collecting", "note", "past_official", "reading", "warn", "warn_past"]


@final
class Reads:
    """What a :func:`reading` block saw: whether any projected day was read."""

    __slots__ = ("projected",)

    def __init__(self) -> None:
        self.projected = False


_CURRENT: Final[ContextVar[Reads | None]] = ContextVar("slaclock_projected_reads", default=None)


def note() -> bool:
    """Record that a projected day was read; True if a caller collects (then do not warn), else False."""
    reads = _CURRENT.get()
    if reads is None:
        return False
    reads.projected = True
    return True


def collecting() -> bool:
    """Whether an enclosing :func:`reading` block collects reads (its caller will warn, not this one)."""
    return _CURRENT.get() is not None


@contextmanager
def reading() -> Iterator[Reads]:
    """Collect the projected reads of the block instead of warning; an enclosing block sees them too.

    Examples
    --------
    >>> import slaclock as sc
    >>> from slaclock._base.warn import reading
    >>> cal = sc.calendar("CN", horizon="projected")
    >>> with reading() as reads:                       # no ProvisionalWarning here
    ...     cal.add_workdays("2026-12-30", 5)
    datetime.date(2027, 1, 7)
    >>> reads.projected
    True
    """
    outer = _CURRENT.get()
    reads = Reads()
    token = _CURRENT.set(reads)
    try:
        yield reads
    finally:
        _CURRENT.reset(token)
        if outer is not None and reads.projected:
            outer.projected = True


def past_official(region: str, official_until: dt.date) -> str:
    """The words for what a provisional result read, the same in every warning and table note."""
    return (
        f"{region} days past the official data (ends {official_until.isoformat()}): statutory holidays only, "
        "without the makeup workdays not yet announced"
    )


def warn(message: str) -> None:
    """One :class:`ProvisionalWarning` at the first frame outside slaclock, unless an enclosing block collects."""
    if note():
        return
    warnings.warn(ProvisionalWarning(message), stacklevel=user_stacklevel())


def warn_past(what: str, region: str, official_until: dt.date, then: str) -> None:
    """``warn`` with the one wording: "<what> <region> days past the official data (…). <then>"."""
    if note():  # before the message is built: inside a reading() block nothing is shown
        return
    warnings.warn(
        ProvisionalWarning(f"{what} {past_official(region, official_until)}. {then}"), stacklevel=user_stacklevel()
    )


def user_stacklevel() -> int:
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith("slaclock"):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level
