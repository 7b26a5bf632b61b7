"""Day facts for the built-in regions, read from the ``holidays`` package.

Only this module imports ``holidays``; it does so lazily, when a calendar is
first built, so ``import slaclock`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Final, final

from slaclock._daykind import DayKind

__all__ = ["WEEKMASKS", "RegionFacts", "region_facts", "statutory_days"]

# Monday..Sunday, True = a workday unless the data says otherwise. Hong Kong's
# ``holidays`` entity treats only Sunday as the weekend; business runs Monday-Friday.
WEEKMASKS: Final[dict[str, tuple[bool, ...]]] = {
    "CN": (True, True, True, True, True, False, False),
    "HK": (True, True, True, True, True, False, False),
    "MO": (True, True, True, True, True, False, False),
    "TW": (True, True, True, True, True, False, False),
}

HOLIDAY_LISTS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "CN": {"statutory": ("public",)},
    "HK": {"general": ("optional",), "statutory": ("public",)},
    "MO": {"public": ("public",), "government": ("public", "government")},
    "TW": {"public": ("public",)},
}
"""Per region: the holiday lists a calendar may use, as ``holidays`` categories (first = default)."""

_CLASS: Final = {"CN": "China", "HK": "HongKong", "MO": "Macau", "TW": "Taiwan"}
_LANG: Final = {
    "CN": ("en_US", "zh_CN"),
    "HK": ("en_HK", "zh_HK"),
    "MO": ("en_MO", "zh_MO"),
    "TW": ("en_US", "zh_TW"),
}
_SUBSTITUTED: Final = re.compile(r"substituted from (\d\d)/(\d\d)/(\d{4})")


@final
@dataclass(frozen=True, slots=True)
class Named:
    """A day's kind and its names (English, Chinese)."""

    kind: DayKind
    en: str
    zh: str


@final
@dataclass(frozen=True, slots=True)
class RegionFacts:
    """Rest days and makeup workdays of a region over some years."""

    off: dict[dt.date, Named]
    makeup: dict[dt.date, Named]


def _holidays_module() -> Any:
    import holidays

    return holidays


def holidays_version() -> str:
    """The installed ``holidays`` version string."""
    return str(_holidays_module().__version__)


def _entity(region: str, years: range, categories: tuple[str, ...], language: str) -> Any:
    cls = getattr(_holidays_module(), _CLASS[region])
    return cls(years=years, categories=categories, language=language)


def _is_in_lieu(name_en: str) -> bool:
    low = name_en.lower()
    return "substituted" in low or "(observed)" in low


def region_facts(region: str, years: range, holiday_list: str, *, statutory_only: bool = False) -> RegionFacts:
    """Read the days off and makeup workdays of ``region`` for ``years``.

    With ``statutory_only`` (used for projected years) days off in lieu and makeup
    workdays are dropped: only what the statutory rules fix in advance remains.
    """
    categories = HOLIDAY_LISTS[region][holiday_list]
    en_lang, zh_lang = _LANG[region]
    en = _entity(region, years, categories, en_lang)
    zh = _entity(region, years, categories, zh_lang)
    off: dict[dt.date, Named] = {}
    for day, name_en in en.items():
        kind = DayKind.TRANSFERRED_REST if _is_in_lieu(name_en) else DayKind.HOLIDAY
        if statutory_only and kind is DayKind.TRANSFERRED_REST:
            continue
        off[day] = Named(kind, name_en, str(zh.get(day, name_en)))
    makeup: dict[dt.date, Named] = {}
    if not statutory_only:
        swapped = {}
        for day, named in off.items():
            for m in _SUBSTITUTED.finditer(named.en):
                swapped[dt.date(int(m[3]), int(m[1]), int(m[2]))] = day
        for day in sorted(en.weekend_workdays):
            if day.year not in years:
                continue
            rest = swapped.get(day)
            if rest is None:
                makeup[day] = Named(DayKind.MAKEUP_WORKDAY, "Makeup workday", "调休上班")
            else:
                makeup[day] = Named(
                    DayKind.MAKEUP_WORKDAY,
                    f"Makeup workday (rest moved to {rest.isoformat()})",
                    f"调休上班（调至{rest.isoformat()}休息）",
                )
    return RegionFacts(off, makeup)


def statutory_days(region: str, year: int, holiday_list: str) -> dict[dt.date, str]:
    """The statutory holidays of one year by rule (no in-lieu days), English names."""
    facts = region_facts(region, range(year, year + 1), holiday_list, statutory_only=True)
    return {d: n.en for d, n in facts.off.items()}
