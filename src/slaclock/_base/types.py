"""Type aliases shared across slaclock. No logic lives here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, TypeAlias

import numpy as np
import numpy.typing as npt

RollMode: TypeAlias = Literal["raise", "nat", "forward", "backward", "modifiedfollowing", "modifiedpreceding"]
"""How :meth:`WorkCalendar.roll` treats a rest day: numpy's ``busday_offset`` vocabulary, one name per mode.

numpy's synonyms ``"following"`` (= ``"forward"``) and ``"preceding"`` (= ``"backward"``) are accepted at run
time as aliases (:data:`ROLL_ALIASES`), but are not part of the type.
"""

RollToDay: TypeAlias = Literal["raise", "forward", "backward", "modifiedfollowing", "modifiedpreceding"]
"""The roll modes that always give a day for a date (all but ``"nat"``)."""

ROLL_ALIASES: Final[Mapping[str, RollMode]] = {"following": "forward", "preceding": "backward"}
"""numpy's synonyms, accepted as input and read as the mode they name."""

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
