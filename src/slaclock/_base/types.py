"""Type aliases shared across slaclock. No logic lives here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal, TypeAlias

import numpy as np
import numpy.typing as npt

RollMode: TypeAlias = Literal[
    "raise",
    "nat",
    "forward",
    "following",
    "backward",
    "preceding",
    "modifiedfollowing",
    "modifiedpreceding",
]
"""How :meth:`WorkCalendar.roll` treats a rest day (numpy's ``busday_offset`` vocabulary)."""

HorizonMode: TypeAlias = Literal["official", "projected"]
"""``"official"`` raises past the official data; ``"projected"`` answers provisionally."""

Region: TypeAlias = Literal["CN", "HK", "MO", "TW"]
"""Regions with built-in calendar data."""

Lang: TypeAlias = Literal["zh", "en"]

DateScalar: TypeAlias = dt.date | str | np.datetime64
"""One civil date: ``date``, ``datetime`` (its wall date in the calendar's zone), ISO string or ``datetime64``."""

DateArray: TypeAlias = npt.NDArray[np.datetime64]
"""An array of civil dates (``datetime64``; naive values are wall time in the calendar's zone)."""

DateLike: TypeAlias = DateScalar | DateArray | Sequence[Any]
"""Anything the calendar methods accept as dates."""

IntLike: TypeAlias = int | np.integer | npt.NDArray[np.integer] | list[int]
"""A workday count: an int or an array of ints."""

InstantScalar: TypeAlias = dt.datetime | str | np.datetime64
"""One instant: an aware ``datetime``, a naive one (wall time in the calendar's zone), ISO text or ``datetime64``."""

InstantArray: TypeAlias = npt.NDArray[np.datetime64]
"""A column of instants (``datetime64``; wall times in the calendar's zone unless ``utc=True``)."""

InstantLike: TypeAlias = InstantScalar | InstantArray | Sequence[Any]
"""Anything the working-hours methods accept as instants."""
