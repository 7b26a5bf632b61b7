"""Day facts for the built-in regions, from the ``holidays`` package.

The official span of each region (``_registry.REGISTRY``) is read from a snapshot
of ``holidays``' data, ``data/official-days.json``, written by this module
(``python -m slaclock._days.sources``) from the version the registry was checked with.
A test compares the snapshot with the installed ``holidays`` day by day, so it
cannot drift silently. Reading the snapshot takes about a millisecond; importing
``holidays`` takes 60-120 ms (its package imports every country), which would
more than double the time to a first calendar.

``holidays`` itself is imported only when it is needed: for projected years
(statutory holidays by rule) and to check user-loaded arrangements against the
statutory days. Only this module imports it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import Any, Final, final

from slaclock._days.kinds import DayKind
from slaclock._days.registry import REGISTRY

__all__ = ["SNAPSHOT", "WEEKMASKS", "RegionFacts", "official_facts", "region_facts", "statutory_days"]

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


# -- the snapshot of the official spans ------------------------------------------------------

SNAPSHOT: Final = os.path.join(
    os.path.dirname(os.path.dirname(__file__)), "data", "official-days.json"
)  # no pathlib: ~4 ms


@functools.cache
def _snapshot() -> dict[str, Any]:
    with open(SNAPSHOT, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def snapshot_version() -> str:
    """The ``holidays`` version the snapshot was written from."""
    return str(_snapshot()["holidays"])


def official_facts(region: str, holiday_list: str) -> RegionFacts:
    """The days off and makeup workdays of ``region`` over its whole official span, from the snapshot."""
    off: dict[dt.date, Named] = {}
    makeup: dict[dt.date, Named] = {}
    for iso, kind, en, zh in _snapshot()["regions"][region][holiday_list]["days"]:
        named = Named(DayKind(kind), en, zh)
        (makeup if named.kind is DayKind.MAKEUP_WORKDAY else off)[dt.date.fromisoformat(iso)] = named
    return RegionFacts(off, makeup)


def live_snapshot() -> dict[str, Any]:
    """What the snapshot holds, read afresh from the installed ``holidays``."""
    regions: dict[str, Any] = {}
    for region, lists in HOLIDAY_LISTS.items():
        cov = REGISTRY[region]
        years = range(cov.first.year, cov.last.year + 1)
        regions[region] = {}
        for name in lists:
            facts = region_facts(region, years, name)
            days = {**facts.off, **facts.makeup}
            rows = [[d.isoformat(), str(days[d].kind), days[d].en, days[d].zh] for d in sorted(days)]
            regions[region][name] = {"years": [years.start, years.stop - 1], "days": rows}
    return {"holidays": holidays_version(), "regions": regions}


def write_snapshot(path: str | os.PathLike[str] = SNAPSHOT) -> None:
    """Write the snapshot from the installed ``holidays``, one day per line for readable diffs."""
    data = live_snapshot()
    lines = ["{", f'  "holidays": {json.dumps(data["holidays"])},', '  "regions": {']
    regions = list(data["regions"].items())
    for r, (region, lists) in enumerate(regions):
        lines.append(f"    {json.dumps(region)}: {{")
        for j, (name, body) in enumerate(lists.items()):
            lines.append(f'      {json.dumps(name)}: {{"years": {json.dumps(body["years"])}, "days": [')
            rows = [f"        {json.dumps(row, ensure_ascii=False)}" for row in body["days"]]
            lines.append(",\n".join(rows))
            lines.append("      ]}" + ("," if j < len(lists) - 1 else ""))
        lines.append("    }" + ("," if r < len(regions) - 1 else ""))
    lines += ["  }", "}", ""]
    os.makedirs(os.path.dirname(os.fspath(path)) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":  # python -m slaclock._days.sources [PATH]: refresh the snapshot (maintainers only)
    write_snapshot(sys.argv[1] if len(sys.argv) > 1 else SNAPSHOT)
    print(f"wrote {sys.argv[1] if len(sys.argv) > 1 else SNAPSHOT} from holidays {holidays_version()}")
