"""What a calendar says about its data: the text of ``WorkCalendar.describe``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from slaclock._days.sources import snapshot_version

if TYPE_CHECKING:
    from slaclock._calendar import WorkCalendar

__all__ = ["describe"]


def describe(cal: WorkCalendar) -> str:
    """Region, zone, official span, data version and sources, loaded years, projection, overrides, hours."""
    cov = cal.coverage
    lines = [f"{cal.region} calendar, {cal.tz}, official {cov.first.isoformat()}..{cal.official_until.isoformat()}"]
    if cal.custom_span is None:
        checked = ", ".join(cov.checked_with)
        version = snapshot_version()
        lines.append(
            f"data: snapshot of holidays {version} (registry checked with {checked}); list: {cal.holiday_list}"
        )
        lines.append(f"official source: {cov.source}")
        lines.append(f"verified: {cov.verified}")
    else:
        lines.append(f"data: {cov.source}")
    for arr in cal.arrangements:
        lines.append(f"loaded {arr.year}: {arr.notice} (published {arr.published or 'date not given'})")
    if cal.horizon == "projected":
        lines.append(
            f"projected until {cal.last_day.isoformat()}: statutory holidays only, no makeup workdays (provisional)"
        )
    if cal.closures:
        lines.append(f"closures: {_listing(cal.closures)}")
    if cal.extra_workdays:
        lines.append(f"extra workdays: {_listing(cal.extra_workdays)}")
    if cal.hours is not None:
        lines.append(f"working hours: {cal.hours.describe()}")
    return "\n".join(lines)


def _listing(days: tuple[tuple[dt.date, str], ...]) -> str:
    return ", ".join(f"{d.isoformat()} ({reason})" if reason else d.isoformat() for d, reason in days)
