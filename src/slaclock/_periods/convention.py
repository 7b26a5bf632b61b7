"""Counting conventions: how a period is laid on a calendar (PRC Civil Code arts. 200–204).

Every rule of the Civil Code is a named switch, because art. 204 lets the parties
agree otherwise: the defaults follow the law, and each departure is explicit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeAlias, final, get_args

from slaclock._base.show import brief
from slaclock.errors import InvalidInputError

__all__ = ["Convention", "Correspondence", "GoverningLaw", "RestDayReceipt"]

Correspondence: TypeAlias = Literal["start_day", "first_counted_day"]
"""Which day a month or year period corresponds to (art. 202)."""

RestDayReceipt: TypeAlias = Literal["next_day", "next_workday"]
"""How a receipt on a rest day is counted for day-based periods."""

GoverningLaw: TypeAlias = Literal["region", "prc_civil_code"]
"""Which law an explanation cites: the calendar's region's (default), or the PRC Civil Code wherever counted."""


@final
@dataclass(frozen=True, slots=True)
class Convention:
    """How a period is counted: the Civil Code by default, every rule a named switch.

    Build the presets with :meth:`civil_code` (the default everywhere),
    :meth:`business_hours`, :meth:`deemed_receipt`, :meth:`notice_on_workday` and
    :meth:`no_rollover`; change any switch with :meth:`replace`.

    Parameters
    ----------
    name : str
        A label shown in reprs and reports. Omitted (or ``""``), it is named from the
        switches: ``"civil_code"`` when every counting switch is the Civil Code's,
        otherwise ``"custom"`` (so a convention never claims a preset it is not: a
        preset's name given with other switches is refused); ``replace`` makes it
        ``"custom"`` unless given.
    roll_last_day : bool
        Art. 203 para 1: a last day that is a rest day moves to the first workday
        after the rest. Default True. False when the contract says "遇节假日不顺延".
    makeup_days_are_rest : bool
        Whether a weekend worked in exchange (调休上班) counts as rest for art. 203.
        Default False: it is an official workday, so a last day on it does not
        move (the majority reading; no judicial interpretation decides it).
    correspondence : {"start_day", "first_counted_day"}
        Art. 202: a month or year period ends on the day of the last month that
        corresponds to the start day (default; 2025-01-31 + 1 month → 2025-02-28)
        or, in the minority reading, to the first counted day (the day after).
    close_of_business : datetime.time, "hours" or None
        Art. 203 para 2: where business hours are in force, the last day ends when
        business stops (e.g. ``time(17, 30)``) instead of at 24:00 (None).
        ``"hours"`` takes each last day's close from the calendar's working hours
        (``cal.with_hours(...)``; a short day closes early); a last day without
        hours then ends at 24:00.
    rest_day_receipt : {"next_day", "next_workday"}
        For day-based periods received on a rest day: ``"next_day"`` (default,
        art. 201) excludes the receipt day as any other, so for workday periods
        the next workday is day 1; ``"next_workday"`` deems the receipt made on
        the next workday, which is then day 0 and not counted.
    cutoff : datetime.time or None
        A receipt at or after this time of day is deemed made on the next workday
        (day 0), e.g. "18:00后收到的视为下一工作日收到". Off (None) by default; the
        Civil Code ignores the time of day for day-based periods.
    roll_backward : bool
        For limits before a date ("提前30日通知"): move a latest notice day that is a
        rest day back to the previous workday. Default False: the law does not
        move it, and rolling forward would shorten the notice.
    roll_clock_time : bool
        Hour and minute periods run from the moment named and are not rolled
        (art. 201 para 2; default False). True applies art. 203 to them too: an
        end on a rest day moves to the end of the next workday.
    roll_fixed_ranges : bool
        An agreed end date ("有效期自A至B") is a term the parties chose (art. 204)
        and is not rolled by default; True rolls a rest-day end like a period.
    governing_law : {"region", "prc_civil_code"}
        Which law the explanations cite; it changes no count. ``"region"`` (default):
        the law of the calendar's region, so a CN calendar (or a custom one) cites the
        PRC Civil Code's articles, and an HK, MO or TW calendar cites none and says
        the counting follows the contract's convention. ``"prc_civil_code"``: the
        contract says the PRC Civil Code governs, and its articles are cited on any
        calendar.

    Raises
    ------
    InvalidInputError
        An unknown literal or a value of the wrong type.

    Examples
    --------
    >>> import datetime as dt, slaclock as sc
    >>> sc.Convention.civil_code().roll_last_day
    True
    >>> sc.Convention.business_hours("17:30").close_of_business
    datetime.time(17, 30)
    >>> sc.Convention.civil_code().replace(roll_last_day=False).name
    'custom'
    >>> sc.Convention(roll_last_day=False).name, sc.Convention().name
    ('custom', 'civil_code')
    """

    name: str = ""
    roll_last_day: bool = True
    makeup_days_are_rest: bool = False
    correspondence: Correspondence = "start_day"
    close_of_business: dt.time | Literal["hours"] | None = None
    rest_day_receipt: RestDayReceipt = "next_day"
    cutoff: dt.time | None = None
    roll_backward: bool = False
    roll_clock_time: bool = False
    roll_fixed_ranges: bool = False
    governing_law: GoverningLaw = "region"

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or len(self.name) > 100:
            raise InvalidInputError(
                f"Convention name must be a str of at most 100 characters; got {type(self.name).__name__} "
                f"{brief(self.name)}"
            )
        for flag in ("roll_last_day", "makeup_days_are_rest", "roll_backward", "roll_clock_time", "roll_fixed_ranges"):
            value = getattr(self, flag)
            if type(value) is not bool:
                raise InvalidInputError(f"Convention {flag} must be True or False; got {brief(value)}")
        _literal("correspondence", self.correspondence, Correspondence)
        _literal("rest_day_receipt", self.rest_day_receipt, RestDayReceipt)
        _literal("governing_law", self.governing_law, GoverningLaw)
        if self.close_of_business != "hours":
            object.__setattr__(self, "close_of_business", _time_of_day("close_of_business", self.close_of_business))
        object.__setattr__(self, "cutoff", _time_of_day("cutoff", self.cutoff))
        if not self.name:
            object.__setattr__(self, "name", "civil_code" if _counts_as_civil_code(self) else "custom")
        _not_another_preset(self)

    def __copy__(self) -> Convention:
        return self

    def __deepcopy__(self, memo: object) -> Convention:
        return self

    # -- presets ----------------------------------------------------------------------------

    @classmethod
    def civil_code(cls) -> Convention:
        """The PRC Civil Code, arts. 200–204: the default of every function."""
        return _CIVIL_CODE

    @classmethod
    def business_hours(cls, close: dt.time | str = "hours") -> Convention:
        """The Civil Code where business hours are in force: the last day ends at its close (art. 203 para 2).

        ``close`` is a time of day (``"17:30"``), or ``"hours"`` (the default): the
        close of the last day in the calendar's working hours.

        Examples
        --------
        >>> import slaclock as sc
        >>> sc.Convention.business_hours("17:30").close_of_business
        datetime.time(17, 30)
        >>> cal = sc.calendar("CN").with_hours("09:00-18:00", dates={"2026-09-30": "09:00-15:00"})
        >>> str(sc.deadline("2026-09-25", "5日", calendar=cal, convention=sc.Convention.business_hours()))
        '2026-09-30 15:00 (Asia/Shanghai)'
        """
        if close == "hours":
            return cls(name="business_hours", close_of_business="hours")
        return cls(name="business_hours", close_of_business=_time_of_day("close", close))

    @classmethod
    def deemed_receipt(cls, cutoff: dt.time | str | None = "18:00") -> Convention:
        """A receipt on a rest day, or at or after ``cutoff``, is deemed made on the next workday.

        The common service-contract clause "非工作日或18:00后收到的，视为下一个工作日收到".
        The deemed day is day 0 and not counted.
        """
        return cls(name="deemed_receipt", rest_day_receipt="next_workday", cutoff=_time_of_day("cutoff", cutoff))

    @classmethod
    def notice_on_workday(cls) -> Convention:
        """Limits before a date: the latest notice day moves back to a workday (notice must reach on a workday)."""
        return cls(name="notice_on_workday", roll_backward=True)

    @classmethod
    def no_rollover(cls) -> Convention:
        """Last days are never moved ("遇节假日不顺延"), departing from art. 203 by agreement (art. 204)."""
        return cls(name="no_rollover", roll_last_day=False)

    def replace(self, **changes: Any) -> Convention:
        """A copy with some switches changed; named ``"custom"`` unless ``name`` is given.

        Raises
        ------
        InvalidInputError
            An unknown switch name or an invalid value.
        """
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            valid = ", ".join(f.name for f in dataclasses.fields(self))
            raise InvalidInputError(f"unknown Convention switch {brief(unknown[0])}; valid: {valid}")
        changes.setdefault("name", "custom")
        return dataclasses.replace(self, **changes)


_PRESETS: Final[dict[str, dict[str, Callable[[Any], bool]]]] = {
    # each preset's name, and the switches it sets (every other is the Civil Code's)
    "civil_code": {},
    "business_hours": {"close_of_business": lambda v: v is not None},
    "deemed_receipt": {"rest_day_receipt": lambda v: v == "next_workday", "cutoff": lambda v: True},
    "notice_on_workday": {"roll_backward": lambda v: v is True},
    "no_rollover": {"roll_last_day": lambda v: v is False},
}


def _not_another_preset(conv: Convention) -> None:
    """Refuse a preset's name on switches that are not the preset's: ``name="civil_code"`` with
    ``roll_last_day=False`` labelled its dues (and their explanations) with a law it did not count by."""
    sets = _PRESETS.get(conv.name)
    if sets is None:
        return
    for f in dataclasses.fields(Convention):
        if f.name in ("name", "governing_law"):
            continue
        value = getattr(conv, f.name)
        if not (sets[f.name](value) if f.name in sets else value == f.default):
            raise InvalidInputError(
                f"Convention name {conv.name!r} is a preset's, and {f.name}={value!r} is not its switch: give "
                f"another name, or leave it out (then it is named from the switches)"
            )


def _counts_as_civil_code(conv: Convention) -> bool:
    """Whether every counting switch of ``conv`` is the Civil Code's (the name and the cited law aside)."""
    return all(
        getattr(conv, f.name) == f.default
        for f in dataclasses.fields(Convention)
        if f.name not in ("name", "governing_law")
    )


def _literal(what: str, value: object, alias: Any) -> None:
    allowed = get_args(alias)
    if not isinstance(value, str) or value not in allowed:  # a numpy array would compare elementwise
        raise InvalidInputError(f"Convention {what} must be one of {', '.join(map(repr, allowed))}; got {brief(value)}")


def _time_of_day(what: str, value: object) -> dt.time | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.time.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInputError(f"{what} must be a time of day like '17:30'; got {brief(value)}") from None
    if not isinstance(value, dt.time):
        raise InvalidInputError(f"{what} must be a datetime.time or 'HH:MM'; got {type(value).__name__} {brief(value)}")
    if value.tzinfo is not None:
        raise InvalidInputError(f"{what} is wall time in the calendar's zone and must be naive; got {brief(value)}")
    if value == dt.time(0):
        raise InvalidInputError(f"{what} 00:00 would end the day before it starts; leave it None for 24:00")
    return value


_CIVIL_CODE = Convention()
