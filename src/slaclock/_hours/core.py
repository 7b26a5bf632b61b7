"""What ``_hours.core`` held before it was split (issue 14); nothing is defined here.

The schedules are in :mod:`slaclock._hours.schedule`, the compiled table in :mod:`slaclock._hours.table`,
the arithmetic on one instant in :mod:`slaclock._hours.arithmetic`. These names stay importable from here
for the modules of other branches that still import them (``_contracts``); import from the new modules.
"""

from __future__ import annotations

from slaclock._hours.arithmetic import from_us, index_of
from slaclock._hours.schedule import AtClose, WorkingHours, _text, parse_schedule, working_hours

__all__ = ["AtClose", "WorkingHours", "_text", "from_us", "index_of", "parse_schedule", "working_hours"]
