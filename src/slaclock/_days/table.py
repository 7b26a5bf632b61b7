"""A calendar's day table as the kernels read it: bounds-checked indices, horizon errors, projected-day warnings.

:class:`DayTable` holds the compiled :class:`~slaclock._days.index.Index`, the day names, the zone dates are
read in, and what its errors and warnings say (region, the official horizon, the data source). ``WorkCalendar``
builds one at construction and hands it to the kernels (:mod:`slaclock._days.arithmetic`, the hours and the
rules); they read days only through it, so there is one wording of "outside the calendar's days" and of the
provisional warning for every path, and nothing outside the calendar touches the calendar itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Any, Final, cast, final

import numpy as np
import numpy.typing as npt

from slaclock._base import warn as _provisional
from slaclock._base.instants import NAT_INT, Zone
from slaclock._base.show import position
from slaclock._days.compile import DATA_DOC
from slaclock._days.index import Index
from slaclock._days.registry import Coverage
from slaclock.errors import CalendarHorizonError, InvalidInputError, SlaclockError

__all__ = ["Counted", "DayTable", "combined", "day_text", "merged"]

DaysArray = npt.NDArray[np.int64]


def day_text(epoch_day: int) -> str:
    """An epoch day as ISO text, or ``"NaT"``."""
    return str(np.datetime64(epoch_day, "D")) if epoch_day != NAT_INT else "NaT"


@final
class DayTable:
    """The day index of one calendar, its day names and zone, with the words of its horizon errors and warnings."""

    __slots__ = (
        "_tzone",
        "coverage",
        "custom",
        "horizon",
        "ix",
        "last_day",
        "memo",
        "names",
        "official_until",
        "prov_ord",
        "region",
        "tz",
        "zone",
    )

    def __init__(
        self,
        ix: Index,
        names: dict[int, tuple[str, str]],
        *,
        region: str,
        tz: str,
        zone: zoneinfo.ZoneInfo,
        horizon: str,
        coverage: Coverage,
        custom: bool,
    ) -> None:
        self.ix: Final = ix
        self.names: Final = names
        """Table index -> (English, Chinese) name of a holiday, makeup workday or closure."""
        self.region: Final = region
        self.tz: Final = tz
        self.zone: Final = zone
        """The zone civil dates are read in (an aware datetime's date is its date there)."""
        self._tzone: Zone | None = None
        self.horizon: Final = horizon
        self.coverage: Final = coverage
        self.custom: Final = custom
        self.official_until: Final = ix.date_of(ix.official_last)
        self.last_day: Final = ix.date_of(ix.n - 1)
        self.prov_ord: Final = ix.o0 + ix.official_last
        """The ordinal of the last official day: a day after it is projected."""
        self.memo: Final[dict[Any, Any]] = {}
        """What upper layers derive from this table and keep beside it (the day tables of
        :mod:`slaclock._rules.daytables`): rebuilt with the table, so it is never staler than it."""

    def tzone(self) -> Zone:
        """The zone as the instant readers need it (:class:`~slaclock._base.instants.Zone`), built on first use.

        Building it imports pendulum, which calendars that never read an instant do not need.
        """
        z = self._tzone
        if z is None:
            z = self._tzone = Zone.build(self.tz, self.zone, self.ix.o0, self.ix.n)
        return z

    def index_of(self, ordinal: int, op: str) -> int:
        ix = self.ix
        i = ordinal - ix.o0
        if not 0 <= i < ix.n:
            raise self.horizon_error(
                f"{op}({dt.date.fromordinal(ordinal).isoformat()})", after=i >= ix.n, count=1, total=1, index=0
            )
        if i > ix.official_last:
            self.warn_projected(ix.date_of(i), op)
        return i

    def count_index(self, ordinal: int, what: str = "workdays_between end") -> int:
        """Index of an end of a half-open range (``what`` in the error): one past the last day is allowed."""
        ix = self.ix
        i = ordinal - ix.o0
        if not 0 <= i <= ix.n:
            day = dt.date.fromordinal(ordinal).isoformat() if ordinal <= dt.date.max.toordinal() else "10000-01-01"
            raise self.horizon_error(
                f"{what} {day}",
                after=i > ix.n,
                count=1,
                total=1,
                index=0,
            )
        return i

    def indices(self, days: DaysArray, op: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_] | None]:
        """Table indices of epoch days, checked against the table; NaT positions masked (index 0)."""
        ix = self.ix
        if days.size == 0:
            return days - ix.d0, None
        lo = int(days.min())
        nat: npt.NDArray[np.bool_] | None = None
        if lo == NAT_INT:
            nat = days == NAT_INT
            days = np.where(nat, ix.d0, days)
            lo = int(days.min())
        hi = int(days.max())
        if lo < ix.d0 or hi >= ix.d0 + ix.n:
            bad = (days < ix.d0) | (days >= ix.d0 + ix.n)
            if nat is not None:
                bad &= ~nat
            first = int(np.flatnonzero(bad.reshape(-1))[0])
            value = int(days.reshape(-1)[first])
            raise self.horizon_error(
                f"{op}({day_text(value)})",
                after=value >= ix.d0 + ix.n,
                count=int(bad.sum()),
                total=days.size,
                index=first,
                shape=days.shape,
            )
        return days - ix.d0, nat

    def count_indices(self, days: DaysArray, op: str, which: str) -> npt.NDArray[np.int64]:
        ix = self.ix
        if days.size and int(days.min()) == NAT_INT:
            nat = days == NAT_INT
            first = int(np.flatnonzero(nat.reshape(-1))[0])
            raise InvalidInputError(
                f"{op}: {int(nat.sum())} of {days.size} values of `{which}` are NaT; first at index {first}. "
                "A count has no NaT: drop or fill those rows first"
            )
        idx = np.asarray(days - ix.d0)  # a fresh array (0-d too): callers gather into it
        if idx.size and (int(idx.min()) < 0 or int(idx.max()) > ix.n):
            bad = (idx < 0) | (idx > ix.n)
            first = int(np.flatnonzero(bad.reshape(-1))[0])
            value = int(days.reshape(-1)[first])
            raise self.horizon_error(
                f"{op}: `{which}` = {day_text(value)}",
                after=int(idx.reshape(-1)[first]) > ix.n,
                count=int(bad.sum()),
                total=idx.size,
                index=first,
                shape=idx.shape,
            )
        return idx

    def horizon_error(
        self, what: str, *, after: bool, count: int, total: int, index: int, shape: tuple[int, ...] = ()
    ) -> CalendarHorizonError:
        cov = self.coverage
        span = f"{cov.first.isoformat()}..{self.official_until.isoformat()}"
        prefix = ""
        if total > 1:
            prefix = (
                f"{count:,} of {total:,} values are outside the covered days; first at index {position(index, shape)}: "
            )
        if self.custom:
            hint = (
                f"the {self.region} calendar covers {span}; build it with custom_calendar(first=..., last=...) "
                "spanning the dates you need"
            )
        elif not after:
            hint = f"the {self.region} calendar's data starts {cov.first.isoformat()}"
        elif self.horizon == "projected":
            hint = f"even projected, the {self.region} calendar ends {self.last_day.isoformat()}"
        else:
            source = cov.source
            if self.official_until > cov.last:  # years from arrangement files, past the built-in data
                a, b = cov.last.year + 1, self.official_until.year
                source += f"; {a if a == b else f'{a}..{b}'} from the arrangements loaded"
            hint = (
                f"official {self.region} data covers {span} ({source}). For a provisional answer use "
                f"horizon='projected' (statutory holidays only, no makeup workdays); once the "
                f"{self.official_until.year + 1} arrangement is published, load it with arrangements='file.toml' "
                f"(see {DATA_DOC})"
            )
        return CalendarHorizonError(f"{prefix}{what}: outside the calendar's days; {hint}")

    def warn_projected(self, day: dt.date, op: str) -> None:
        _provisional.warn_past(
            f"{op}: {day.isoformat()} is one of the",
            self.region,
            self.official_until,
            "Results are provisional (see WorkCalendar.is_provisional)",
        )

    def warn_if_projected(self, idx: npt.NDArray[np.int64], op: str) -> None:
        ix = self.ix
        if self.horizon != "projected" or idx.size == 0:
            return
        hi = int(idx.max())  # NaT positions hold index 0
        if hi > ix.official_last:
            self.warn_projected(ix.date_of(hi), op)

    def warn_if_projected_result(
        self, idx: npt.NDArray[np.int64], nat: npt.NDArray[np.bool_] | None, out: DaysArray, op: str
    ) -> None:
        if self.horizon != "projected" or idx.size == 0:
            return
        ix = self.ix
        hi = max(int(idx.max()), int(out.max()) - ix.d0)
        if hi > ix.official_last:
            self.warn_projected(ix.date_of(hi), op)


@final
@dataclass(frozen=True, slots=True)
class Counted:
    """The rows of a column outside a calendar's days, all of them (``rows``), with the first (``index``), its step
    and day (``what``) and whether past the end (``after``): held by the error it makes (:meth:`error`), so that
    the errors of a column's parts (each unit of a period per row, each calendar of a calendar per row) make one
    (:func:`combined`)."""

    rows: npt.NDArray[np.bool_]
    index: int
    what: str
    after: bool
    table: DayTable

    def error(self, shape: tuple[int, ...]) -> CalendarHorizonError:
        exc = self.table.horizon_error(
            self.what, after=self.after, count=int(self.rows.sum()), total=self.rows.size, index=self.index, shape=shape
        )
        exc.counted = self  # type: ignore[attr-defined]
        return exc


def combined(errors: list[SlaclockError], shape: tuple[int, ...]) -> tuple[CalendarHorizonError, int] | None:
    """One error counting the rows of every part's error, and which part's error names the first row; None unless
    each is a :class:`Counted` error (another kind of error is raised as it is)."""
    parts = [getattr(e, "counted", None) for e in errors]
    if not parts or not all(isinstance(c, Counted) for c in parts):
        return None
    counted = cast("list[Counted]", parts)
    return merged(counted).error(shape), min(range(len(counted)), key=lambda k: counted[k].index)


def merged(parts: list[Counted]) -> Counted:
    """The rows of every part, named by the part whose first row comes first."""
    head = min(parts, key=lambda c: c.index)
    return dataclasses.replace(head, rows=np.logical_or.reduce([c.rows.reshape(-1) for c in parts]))
