"""The official-horizon registry: which days each region's built-in data covers.

Maintainer's notes
------------------
The day facts come from the ``holidays`` package (a bundled snapshot of them for the
official spans, see ``_sources``); this file records only how far
they are *official* for each region, where that knowledge comes from, and which
``holidays`` versions it was checked against. It is data, not logic.

How to extend a region by a year, e.g. when the State Council publishes the CN
arrangement for 2027 (each November):

1. wait for a ``holidays`` release that carries it, and check it day by day against
   the notice (``tests/data/test_oracles.py`` compares with ``chinese_calendar``);
2. raise ``last`` to the new 31 December, cite the notice, and add the version to
   ``checked_with``;
3. refresh the bundled snapshot of the official days, ``python -m slaclock._days.sources``
   (``tests/data/test_snapshot.py`` fails until it matches the installed ``holidays``).

Until then users load the notice themselves (``calendar(arrangements=...)``).
Never raise ``last`` on the strength of rule-based holidays: those lack the
makeup workdays (调休上班) and would pass a guess off as official.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, final

__all__ = ["REGISTRY", "Coverage"]


@final
@dataclass(frozen=True, slots=True)
class Coverage:
    """The span of days for which a region's built-in calendar data is official."""

    region: str
    first: dt.date
    last: dt.date
    checked_with: tuple[str, ...]
    """``holidays`` versions whose data for [first, last] was checked."""
    source: str
    """The official publication the last covered year rests on."""
    verified: str
    """How the data was verified, and what was not."""


REGISTRY: Final[dict[str, Coverage]] = {
    "CN": Coverage(
        region="CN",
        first=dt.date(2004, 1, 1),
        last=dt.date(2026, 12, 31),
        checked_with=("0.109",),
        source="国务院办公厅关于2026年部分节假日安排的通知 (published 2025-11-04)",
        verified=(
            "every day 2004-01-01..2026-12-31 equals chinese_calendar 1.11 except 2005-12-31, "
            "a working Saturday per 国办发明电〔2005〕35号 (holidays is right there); "
            "2025 and 2026 also checked by hand against the notices"
        ),
    ),
    "HK": Coverage(
        region="HK",
        first=dt.date(2004, 1, 1),
        last=dt.date(2026, 12, 31),
        checked_with=("0.109",),
        source="General Holidays Ordinance (Cap. 149) list for 2026 as encoded in holidays 0.109",
        verified="holidays package only; no independent oracle is available offline [unverified]",
    ),
    "MO": Coverage(
        region="MO",
        first=dt.date(2004, 1, 1),
        last=dt.date(2026, 12, 31),
        checked_with=("0.109",),
        source="Macau public holidays for 2026 as encoded in holidays 0.109",
        verified="holidays package only; no independent oracle is available offline [unverified]",
    ),
    "TW": Coverage(
        region="TW",
        first=dt.date(2004, 1, 1),
        last=dt.date(2026, 12, 31),
        checked_with=("0.109",),
        source="DGPA office calendar for 2026 (no 補班 after the 2025 rule change) as encoded in holidays 0.109",
        verified="holidays package only; no independent oracle is available offline [unverified]",
    ),
}

PROJECTION_YEARS: Final = 30
"""How many years past the official horizon ``horizon="projected"`` reaches."""
