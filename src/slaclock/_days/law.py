"""The law a notice is read against: the statutory holidays of each year under the 《全国年节及纪念日放假办法》
then in force, from ``holidays``' rules and cross-checked against the law's counts per holiday."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Final

from slaclock._days.arrangement import YEARS
from slaclock.errors import CalendarDataError, NoticeParseError

__all__ = ["law_days"]

# ``holidays``' English names of the statutory holidays; anything else it lists (2015-09-03, 2020-01-31) is a
# one-off, not the law.
_LAW_NAMES: Final = {
    "New Year's Day": "元旦",
    "Chinese New Year's Eve": "春节",
    "Chinese New Year (Spring Festival)": "春节",
    "Tomb-Sweeping Day": "清明节",
    "Labor Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-Autumn Festival": "中秋节",
    "National Day": "国庆节",
}
# 《全国年节及纪念日放假办法》: statutory days per holiday, and whether New Year's Eve (除夕) is one of them.
_ERAS: Final = (
    (range(2000, 2008), {"元旦": 1, "春节": 3, "劳动节": 3, "国庆节": 3}, False, "1999年修订，10天"),
    (
        range(2008, 2014),
        {"元旦": 1, "春节": 3, "清明节": 1, "劳动节": 1, "端午节": 1, "中秋节": 1, "国庆节": 3},
        True,
        "2007年修订，11天，除夕至初二",
    ),
    (
        range(2014, 2025),
        {"元旦": 1, "春节": 3, "清明节": 1, "劳动节": 1, "端午节": 1, "中秋节": 1, "国庆节": 3},
        False,
        "2013年修订，11天，初一至初三",
    ),
    (
        range(2025, YEARS.stop),
        {"元旦": 1, "春节": 4, "清明节": 1, "劳动节": 2, "端午节": 1, "中秋节": 1, "国庆节": 3},
        True,
        "2024年修订，13天",
    ),
)


@functools.lru_cache(maxsize=128)
def law_days(year: int) -> dict[dt.date, str]:
    """The statutory holidays of ``year`` under the 《全国年节及纪念日放假办法》 then in force: date -> 元旦, 春节…

    Raises ``CalendarDataError`` if ``holidays``' rules for the year do not give the law's days.
    """
    from slaclock._days.sources import statutory_days

    era = next((e for e in _ERAS if year in e[0]), None)
    if era is None:
        raise NoticeParseError(f"notices are read for the years {YEARS.start}..{YEARS.stop - 1}, not {year}")
    _, counts, eve, law = era
    out: dict[dt.date, str] = {}
    seen: dict[str, int] = {}
    has_eve = False
    for day, names in statutory_days("CN", year, "statutory").items():
        for name in names.split("; "):
            zh = _LAW_NAMES.get(name)
            if zh is None:
                continue  # a one-off day (2015-09-03, 2020-01-31..02-02), not the law
            has_eve = has_eve or name == "Chinese New Year's Eve"
            seen[zh] = seen.get(zh, 0) + 1
            out[day] = zh if day not in out else f"{out[day]}、{zh}"
    if seen != counts or has_eve != eve:
        from slaclock._days.sources import holidays_version

        raise CalendarDataError(
            f"the installed holidays {holidays_version()} gives {year} the statutory days {seen} "
            f"(New Year's Eve: {has_eve}), but the law in force ({law}) gives {counts} (New Year's Eve: {eve}); "
            "slaclock cannot check notices of that year against it"
        )
    return out
