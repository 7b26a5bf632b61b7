"""Newly published holiday arrangements, loaded from a small TOML or JSON file.

Each November the General Office of the State Council publishes the next year's
arrangement. Until a ``holidays`` release carries it (and slaclock's registry is
checked against that release), users can load it themselves: the loaded year is
then official for their calendar and extends its horizon.

A file looks like this (TOML; JSON has the same structure)::

    region = "CN"

    [[year]]
    year = 2027
    notice = "国务院办公厅关于2027年部分节假日安排的通知"
    published = 2026-11-12
    url = "https://www.gov.cn/..."          # optional

    [[year.holiday]]
    name_zh = "春节"
    name_en = "Spring Festival"
    off = ["2027-02-05..2027-02-12"]        # single days or inclusive ranges A..B
    makeup = ["2027-01-31", "2027-02-20"]   # weekend days that become workdays

Validation: every date lies in its year; makeup days are weekend days; no date is
both off and a makeup day, or listed twice; years follow the official horizon
without gaps; and for CN the year is complete: every statutory holiday that falls
on a weekday is a day off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from os import PathLike
from typing import Any, final

from slaclock.errors import CalendarDataError

__all__ = ["HolidayBlock", "YearArrangement", "load_arrangements", "parse_arrangements"]


@final
@dataclass(frozen=True, slots=True)
class HolidayBlock:
    """One holiday of an arrangement: its names, days off and makeup workdays."""

    name_zh: str
    name_en: str
    off: tuple[dt.date, ...]
    makeup: tuple[dt.date, ...] = ()


@final
@dataclass(frozen=True, slots=True)
class YearArrangement:
    """One year's official holiday arrangement for a region."""

    region: str
    year: int
    notice: str
    published: dt.date
    holidays: tuple[HolidayBlock, ...]
    url: str = ""

    @property
    def off_days(self) -> tuple[dt.date, ...]:
        """Every day off, sorted."""
        return tuple(sorted(d for h in self.holidays for d in h.off))

    @property
    def makeup_days(self) -> tuple[dt.date, ...]:
        """Every makeup workday, sorted."""
        return tuple(sorted(d for h in self.holidays for d in h.makeup))


def load_arrangements(path: str | PathLike[str]) -> tuple[YearArrangement, ...]:
    """Read year arrangements from a ``.toml`` or ``.json`` file.

    Only the file's own structure is checked here; whether the years fit a
    calendar (horizon, weekends, completeness) is checked when the calendar is
    built with ``calendar(region, arrangements=path)``.

    Raises
    ------
    CalendarDataError
        If the file cannot be read or parsed, or a field is missing or malformed.
    """
    import json  # loaded with the first file: they cost a few ms of every first calendar otherwise
    import tomllib
    from pathlib import Path

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise CalendarDataError(f"cannot read arrangement file {str(p)!r}: {exc.strerror}") from exc
    try:
        if p.suffix.lower() == ".toml":
            raw: Any = tomllib.loads(text)
        elif p.suffix.lower() == ".json":
            raw = json.loads(text)
        else:
            raise CalendarDataError(f"arrangement file {str(p)!r} must end in .toml or .json")
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise CalendarDataError(f"arrangement file {str(p)!r} is not valid {p.suffix[1:].upper()}: {exc}") from exc
    return parse_arrangements(raw, source=str(p))


def parse_arrangements(raw: Mapping[str, Any], *, source: str = "<data>") -> tuple[YearArrangement, ...]:
    """Build year arrangements from already-parsed TOML/JSON data (see the module doc)."""
    if not isinstance(raw, Mapping):
        raise CalendarDataError(f"{source}: the top level must be a table/object, got {type(raw).__name__}")
    region = raw.get("region")
    if not isinstance(region, str) or not region:
        raise CalendarDataError(f'{source}: missing top-level `region` (e.g. region = "CN")')
    years = raw.get("year")
    if not isinstance(years, list) or not years:
        raise CalendarDataError(f"{source}: expected at least one [[year]] table")
    return tuple(_parse_year(region, y, f"{source}: year[{i}]") for i, y in enumerate(years))


def _parse_year(region: str, raw: Any, where: str) -> YearArrangement:
    if not isinstance(raw, Mapping):
        raise CalendarDataError(f"{where}: must be a table/object")
    year = raw.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise CalendarDataError(f"{where}: `year` must be an integer, got {year!r}")
    notice = raw.get("notice")
    if not isinstance(notice, str) or not notice.strip():
        raise CalendarDataError(f"{where} ({year}): `notice` must name the official notice")
    published = _one_date(raw.get("published"), f"{where} ({year}): `published`")
    url = raw.get("url", "")
    if not isinstance(url, str):
        raise CalendarDataError(f"{where} ({year}): `url` must be a string")
    blocks = raw.get("holiday")
    if not isinstance(blocks, list) or not blocks:
        raise CalendarDataError(f"{where} ({year}): expected [[year.holiday]] tables listing the days off")
    holidays = tuple(_parse_block(b, f"{where} ({year}) holiday[{j}]") for j, b in enumerate(blocks))
    return YearArrangement(region, year, notice.strip(), published, holidays, url)


def _parse_block(raw: Any, where: str) -> HolidayBlock:
    if not isinstance(raw, Mapping):
        raise CalendarDataError(f"{where}: must be a table/object")
    names = []
    for key in ("name_zh", "name_en"):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise CalendarDataError(f"{where}: `{key}` must be a non-empty string")
        names.append(value.strip())
    off = _dates(raw.get("off"), f"{where} ({names[1]}): `off`")
    if not off:
        raise CalendarDataError(f"{where} ({names[1]}): `off` lists no day")
    makeup = _dates(raw.get("makeup", []), f"{where} ({names[1]}): `makeup`")
    return HolidayBlock(names[0], names[1], off, makeup)


def _dates(raw: Any, where: str) -> tuple[dt.date, ...]:
    if not isinstance(raw, list):
        raise CalendarDataError(f"{where} must be a list of dates or 'A..B' ranges, got {raw!r}")
    out: list[dt.date] = []
    for item in raw:
        if isinstance(item, str) and ".." in item:
            a_text, b_text = item.split("..", 1)
            a, b = _one_date(a_text, where), _one_date(b_text, where)
            if b < a:
                raise CalendarDataError(f"{where}: range {item!r} ends before it starts")
            out.extend(a + dt.timedelta(days=k) for k in range((b - a).days + 1))
        else:
            out.append(_one_date(item, where))
    return tuple(out)


def _one_date(raw: Any, where: str) -> dt.date:
    if isinstance(raw, dt.datetime):
        raise CalendarDataError(f"{where}: expected a date, got the date-time {raw.isoformat()}")
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise CalendarDataError(f"{where}: {raw!r} is not an ISO date (YYYY-MM-DD)")


def check_arrangements(
    arrangements: Iterable[YearArrangement],
    *,
    region: str,
    official_last: dt.date,
    weekmask: tuple[bool, ...],
    statutory: Mapping[int, Mapping[dt.date, str]],
) -> None:
    """Check that arrangements fit a calendar; raise ``CalendarDataError`` naming the problem.

    ``statutory`` maps each arranged year to its statutory holidays by rule (CN
    only; empty for regions where completeness is not checked).
    """
    expected_year = official_last.year + 1
    for arr in arrangements:
        tag = f"{arr.region} {arr.year} arrangement ({arr.notice})"
        if arr.region != region:
            raise CalendarDataError(f"{tag} is for region {arr.region!r}, but the calendar is {region!r}")
        if arr.year <= official_last.year:
            raise CalendarDataError(
                f"{tag}: {arr.year} is already covered by the built-in data (official until "
                f"{official_last.isoformat()}); to change single days use closures= or extra_workdays="
            )
        if arr.year != expected_year:
            raise CalendarDataError(
                f"{tag}: years must follow the official horizon without gaps; expected {expected_year} next, "
                f"got {arr.year}"
            )
        expected_year += 1
        seen: dict[dt.date, str] = {}
        for block in arr.holidays:
            for d, role in [(d, "off") for d in block.off] + [(d, "makeup") for d in block.makeup]:
                if d.year != arr.year:
                    raise CalendarDataError(f"{tag}: {block.name_en} lists {d.isoformat()}, outside {arr.year}")
                if d in seen:
                    both = "both a day off and a makeup workday" if seen[d] != role else f"twice as {role}"
                    raise CalendarDataError(f"{tag}: {d.isoformat()} is listed {both}")
                seen[d] = role
                if role == "makeup" and weekmask[d.weekday()]:
                    raise CalendarDataError(
                        f"{tag}: makeup workday {d.isoformat()} ({d.strftime('%A')}) is not a weekend day; "
                        "makeup workdays turn weekend days into workdays"
                    )
        missing = [
            (d, name)
            for d, name in sorted(statutory.get(arr.year, {}).items())
            if weekmask[d.weekday()] and seen.get(d) != "off"
        ]
        if missing:
            listed = ", ".join(f"{d.isoformat()} ({name})" for d, name in missing)
            raise CalendarDataError(
                f"{tag} is incomplete: statutory holidays on weekdays must be days off, but these are not "
                f"listed in `off`: {listed}"
            )
